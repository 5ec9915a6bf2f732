//! Writes a spine chart as SVG: each of one authority's metrics as a point against England and
//! the cohort's range and quartiles, coloured by the report's judgement (better, similar,
//! worse), and prints the path it wrote.
//!
//!     cargo run --example spine_chart -- FILE [OUT.svg] [MORE...]
//!
//! FILE is a report (the chart is for its authority, from the metrics the crate extracts) or a
//! metrics CSV in the shape `MetricObservation::read_csv` reads (the chart is for the file's
//! first authority). MORE are further reports or metrics CSVs whose values join the cohort the
//! ranges and quartiles come from; with none, the cohort is FILE alone.
//!
//!     cargo run --example spine_chart -- examples/reports/northmere.txt spine.svg examples/reports/south-fenwick.txt
//!     cargo run --example spine_chart -- examples/metrics/fictional-metrics.csv

use std::process::ExitCode;

use cqc_la::cohort::MetricObservation;
use cqc_la::{Assessment, Cohort};

/// The observations in a report or a metrics CSV, and the authority they are about.
fn observations(file: &str) -> Result<(String, Vec<MetricObservation>), String> {
    let is_csv = std::path::Path::new(file)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        let observations =
            MetricObservation::read_csv_path(file).map_err(|e| format!("{file}: {e}"))?;
        let authority = observations
            .first()
            .map(|o| o.authority.clone())
            .ok_or_else(|| format!("{file}: no metric observations"))?;
        return Ok((authority, observations));
    }
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {file}: {e}"))?;
    let report = Assessment::parse(&text).map_err(|e| format!("{file}: {e}"))?;
    let observations = MetricObservation::from_assessment(&report);
    let authority = observations
        .first()
        .map(|o| o.authority.clone())
        .ok_or_else(|| format!("{file}: no canonical metrics found in the report"))?;
    Ok((authority, observations))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(file) = args.first() else {
        eprintln!("usage: spine_chart FILE [OUT.svg] [MORE...]");
        return ExitCode::from(2);
    };
    let out = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "spine_chart.svg".to_owned());

    let mut cohort = Cohort::new(if args.len() > 2 {
        "the files given"
    } else {
        file.as_str()
    });
    let authority = match observations(file) {
        Ok((authority, observations)) => {
            cohort.add_metrics(observations);
            authority
        }
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    for more in args.iter().skip(2) {
        match observations(more) {
            Ok((_, observations)) => cohort.add_metrics(observations),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        }
    }

    let Some(chart) = cohort.metric_tables().spine_chart(&authority) else {
        eprintln!("{file}: no metric of {authority} has an England value to chart");
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
