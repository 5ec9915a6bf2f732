//! Writes a spine chart (each metric as a point against England and the cohort's range and
//! quartiles, coloured better/similar/worse) as SVG, and prints the path it wrote.
//!
//!     cargo run --example spine_chart -- FILE [OUT.svg] [AUTHORITY]
//!
//! FILE is either a metrics CSV in the neutral shape of `MetricObservation::read_csv` (the
//! chart is for AUTHORITY, else the file's first authority, against everyone in the file), or
//! a report: then the chart needs the metrics parsed from it, which this example takes from
//! a CSV until metric extraction is part of the crate's public API.
//!
//!     cargo run --example spine_chart -- examples/metrics/fictional-metrics.csv

use std::process::ExitCode;

use cqc_la::{Cohort, MetricObservation};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(file) = args.next() else {
        eprintln!("usage: spine_chart FILE [OUT.svg] [AUTHORITY]");
        return ExitCode::from(2);
    };
    let out = args.next().unwrap_or_else(|| "spine_chart.svg".to_owned());
    let wanted = args.next();

    let observations = if std::path::Path::new(&file)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        match MetricObservation::read_csv_path(&file) {
            Ok(observations) => observations,
            Err(e) => {
                eprintln!("{file}: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        let text = match std::fs::read_to_string(&file) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("cannot read {file}: {e}");
                return ExitCode::FAILURE;
            }
        };
        match cqc_la::Report::parse(&text) {
            Ok(report) => {
                eprintln!(
                    "{file}: parsed the report of {}, but metric extraction is not yet part of \
                     this crate's public API; pass a metrics CSV instead",
                    report
                        .authority
                        .as_deref()
                        .unwrap_or("an unnamed authority")
                );
            }
            Err(e) => eprintln!("{file}: {e}"),
        }
        return ExitCode::FAILURE;
    };
    let Some(authority) = wanted.or_else(|| observations.first().map(|o| o.authority.clone()))
    else {
        eprintln!("{file}: no metric observations");
        return ExitCode::FAILURE;
    };

    let mut cohort = Cohort::new(file.clone());
    cohort.add_metrics(observations);
    let Some(chart) = cohort.metric_tables().spine_chart(&authority) else {
        eprintln!("{file}: no metrics for {authority}");
        return ExitCode::FAILURE;
    };
    print!("{chart}");
    match std::fs::write(&out, chart.to_svg()) {
        Ok(()) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot write {out}: {e}");
            ExitCode::FAILURE
        }
    }
}
