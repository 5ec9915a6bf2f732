//! Parses a report and places it among the published assessments embedded in the crate: its
//! position in England, its region and its council type, its nearest neighbours by score
//! profile, and learning partners for its weakest quality statement.
//!
//!     cargo run --example benchmark -- examples/reports/northmere.txt

use std::process::ExitCode;

use cqc_la::cohort::{Group, ScoreRecord};
use cqc_la::{Assessment, Cohort};

fn main() -> ExitCode {
    let Some(file) = std::env::args().nth(1) else {
        eprintln!("usage: benchmark FILE");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("cannot read {file}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let report = match Assessment::parse(&text) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let record = ScoreRecord::from(report.report());
    if record.overall().scored == 0 {
        eprintln!("{file}: the report has no quality statement scores to benchmark");
        return ExitCode::FAILURE;
    }
    let name = record.display_name().to_owned();
    match record.authority {
        Some(a) => println!("{name}: {a}"),
        None => println!(
            "{name}: not one of the 153 councils (compared on scores only; no region or type)"
        ),
    }
    println!("{record}");
    if !record.is_complete() {
        println!(
            "note: {} of 9 statements scored: its overall percentage covers those only",
            record.overall().scored
        );
    }
    println!();

    let mut cohort = Cohort::published();
    if cohort.insert_assessment(&report).is_some() {
        println!("(replaces the published assessment of {name} in the embedded cohort)\n");
    }
    let table = cohort.league_table();
    if let Some(row) = table.rows.iter().find(|r| r.name == name) {
        println!(
            "England ({}): {} with {:.1}%\n",
            cohort.name, row.standing, row.percent
        );
    }

    let mut groups = vec![Group::all()];
    if let Some(authority) = record.authority {
        groups.push(Group::region(authority.region));
        groups.push(Group::kind(authority.kind));
    }
    for group in &groups {
        println!("{}", cohort.against_group(&record, group));
    }

    println!("{}", cohort.neighbours(&record, 5));
    if let Some(weakest) = record.weakest() {
        println!("{}", cohort.learning_partners(&record, weakest, 5));
    }
    ExitCode::SUCCESS
}
