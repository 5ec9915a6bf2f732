//! Prints the league table of the embedded cohort (published assessments as of October 2025),
//! with joint positions for ties, then the score distribution per quality statement and theme.
//!
//! Run with `cargo run --example league_table`.

use cqc_la::Cohort;

fn main() {
    let cohort = Cohort::published();
    println!("{}", cohort.league_table());
    println!("{}", cohort.distributions());
}
