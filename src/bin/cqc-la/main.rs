//! `cqc-la`: CQC local authority assessment reports as JSON and tidy tables, for people who do
//! not write Rust. A thin program on the library's public API: the arguments (clap), reading
//! files and folders, and where the output goes; everything else is `cqc_la`.

#![forbid(unsafe_code)]
#![warn(clippy::all, clippy::pedantic)]
#![allow(clippy::doc_markdown, clippy::module_name_repetitions)]

mod input;
mod output;
mod parse;
mod people;
mod tables;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use output::Outcome;

const AFTER_HELP: &str = "\
Examples:
  cqc-la parse camden.txt > camden.json
  cqc-la parse --jsonl reports/ | jq .authority
  cqc-la dataset pages/ --out tables/
  cqc-la compare camden.txt islington.html
  cqc-la league --csv > league.csv
  cqc-la benchmark camden.txt --peers peers.csv
  cqc-la chart heat-map -o heat-map.svg

Exit status: 0 when every input went through, 1 when some input failed (the others still go
through), 2 for a usage error. Warnings go to stderr as FILE:LINE:COLUMN: warning: MESSAGE.";

/// Turn CQC local authority assessment reports into JSON and tidy tables; compare, rank and
/// chart councils.
///
/// Input is the text of a report copied from CQC's website (.txt) or a saved page (.html,
/// .htm): a full report, a summary page or a quality statement page.
#[derive(Debug, Parser)]
#[command(
    name = "cqc-la",
    version,
    after_help = AFTER_HELP,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    common: Common,
}

/// Options every subcommand takes.
#[derive(Debug, Clone, Args)]
pub struct Common {
    /// Print no warnings on stderr (files that fail are still reported)
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Refuse an input file larger than this, in bytes, from its size on disk before reading it
    #[arg(long, global = true, value_name = "BYTES", default_value_t = cqc_la::DEFAULT_MAX_INPUT)]
    max_size: usize,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse report files and print each as JSON: the report and every figure it cites
    ///
    /// Prints a JSON array with one object per file: `file`, the report (`authority`,
    /// `published`, `rating`, `overall_score`, `statements`, `warnings`, ...) and `metrics`;
    /// or `{"file", "error", "kind", "line", "column"}` for a file that fails.
    Parse(ParseArgs),
    /// Read every report page under files and folders and write tidy CSV tables
    ///
    /// Reads every .txt, .html and .htm file under the given files and folders, groups the
    /// pages by council (one assessment per council, from one or many pages) and writes
    /// assessments.csv, statements.csv, metrics.csv, findings.csv and warnings.csv into DIR.
    /// The columns are documented in the README ("Use it without writing Rust") and in the
    /// library's `rows` module.
    Dataset(tables::DatasetArgs),
    /// Compare two reports side by side: scores, themes and the figures both cite
    Compare(people::CompareArgs),
    /// Rank the published assessments (and any reports given) in a league table
    League(people::LeagueArgs),
    /// Place reports among the published assessments: in England, their region, their council
    /// type, their nearest neighbours and peers
    Benchmark(people::BenchmarkArgs),
    /// Draw a chart as SVG: a spine chart of one council's figures or a heat map of scores
    #[command(subcommand)]
    Chart(people::Chart),
}

/// `cqc-la parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Report files (.txt, .html, .htm; `-` for standard input) or folders to search for them
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// One JSON object per line (JSON lines) instead of an array
    #[arg(long)]
    jsonl: bool,
    /// Compact JSON, without indentation (JSON lines are always compact)
    #[arg(long)]
    compact: bool,
    /// Leave out the metrics (the report only)
    #[arg(long)]
    no_metrics: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => parse::run(&args, &cli.common),
        Command::Dataset(args) => tables::dataset(&args, &cli.common),
        Command::Compare(args) => people::compare(&args, &cli.common),
        Command::League(args) => people::league(&args, &cli.common),
        Command::Benchmark(args) => people::benchmark(&args, &cli.common),
        Command::Chart(chart) => people::chart(&chart, &cli.common),
    };
    Outcome::exit_code(result)
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn the_arguments_are_consistent() {
        Cli::command().debug_assert();
    }
}
