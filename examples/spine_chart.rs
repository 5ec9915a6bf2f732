//! Writes a spine chart as SVG: each of one council's figures (one row per measure and period)
//! as a point against England, a regional or peer marker, and the range and quartiles of the
//! councils given, coloured by the report's judgement (better, similar, worse); prints the
//! chart as a table and the path it wrote.
//!
//!     cargo run --example spine_chart -- examples/reports/northmere.txt examples/reports/south-fenwick.txt
//!     cargo run --example spine_chart -- -o chart.svg examples/metrics/fictional-metrics.csv
//!
//! FILEs are report pages (any mix of a council's summary, main and section pages, or whole
//! reports; pages of the same council join into one assessment) or metrics CSVs in the shape
//! `MetricObservation::read_csv` reads. The chart is for the council of the first FILE (or
//! `--for NAME`); every council given feeds the ranges and quartiles, per measure and period.
//! A page that cites no figure is skipped with a note.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use cqc_la::assessment::Pages;
use cqc_la::cohort::{Group, MetricObservation, PeerGroups};
use cqc_la::{Authority, Cohort};

const USAGE: &str = "\
usage: spine_chart [-o OUT.svg] [--for NAME] [--region | --peers FILE] FILE...

Writes a spine chart (SVG) of one council's figures against England and the councils given,
one row per measure and period, and prints the chart as a table and the path written.

  FILE           a report page or whole report (text copied from CQC's website), or a metrics
                 CSV (authority,measure,value[,england,polarity,verdict,period,unit,...])
  -o OUT.svg     where to write the chart (default: spine_chart.svg)
  --for NAME     whose chart: default the council of the first FILE; pages that print no
                 name are taken as this council's
  --region       marker beside England: the median of the council's region among those given
  --peers FILE   marker beside England: the median of the council's peers in this peer table
  -h, --help     this help

Without --region or --peers, the marker is the regional average a report cites, where it
cites one.

example: spine_chart -o northmere.svg examples/reports/northmere.txt examples/reports/south-fenwick.txt";

enum Marker {
    Cited,
    Region,
    Peers(String),
}

struct Args {
    files: Vec<String>,
    out: String,
    council: Option<String>,
    marker: Marker,
}

fn args() -> Result<Option<Args>, String> {
    let mut out = Args {
        files: Vec::new(),
        out: "spine_chart.svg".to_owned(),
        council: None,
        marker: Marker::Cited,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "-o" | "--out" => out.out = it.next().ok_or("-o needs a file name")?,
            "--for" => out.council = Some(it.next().ok_or("--for needs a NAME")?),
            "--region" => out.marker = Marker::Region,
            "--peers" => out.marker = Marker::Peers(it.next().ok_or("--peers needs a FILE")?),
            "--" => out.files.extend(it.by_ref()),
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option '{flag}'"));
            }
            _ => out.files.push(arg),
        }
    }
    if out.files.is_empty() {
        return Err("no FILE given".to_owned());
    }
    Ok(Some(out))
}

fn main() -> ExitCode {
    let args = match args() {
        Ok(Some(args)) => args,
        Ok(None) => {
            let mut out = io::stdout().lock();
            return match writeln!(out, "{USAGE}") {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(_) => ExitCode::FAILURE,
            };
        }
        Err(e) => {
            eprintln!("error: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut out = BufWriter::new(io::stdout().lock());
    match run(&args, &mut out).and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn is_csv(file: &str) -> bool {
    std::path::Path::new(file)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

// One program, top to bottom.
#[allow(clippy::too_many_lines)]
fn run(args: &Args, out: &mut impl Write) -> io::Result<ExitCode> {
    let mut failed = false;
    let mut observations: Vec<MetricObservation> = Vec::new();
    let mut first_council: Option<String> = None;
    let mut pages = Pages::new();
    for file in &args.files {
        if is_csv(file) {
            match MetricObservation::read_csv_path(file) {
                Ok(found) if found.is_empty() => {
                    eprintln!("{file}: note: no figures; skipped");
                }
                Ok(found) => {
                    first_council.get_or_insert_with(|| found[0].authority.clone());
                    observations.extend(found);
                }
                Err(e) => {
                    eprintln!("{file}: {e}");
                    failed = true;
                }
            }
            continue;
        }
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{file}: cannot read: {e}");
                failed = true;
                continue;
            }
        };
        match pages.parse(file.as_str(), &text) {
            Ok(_) => {}
            Err(e) => {
                eprintln!("{file}: {e}");
                failed = true;
            }
        }
    }
    if let Some(name) = &args.council {
        pages = pages.for_authority(name.as_str());
    }
    for assessment in pages.by_authority() {
        for w in assessment.warnings() {
            eprintln!("{}: warning: {w}", w.kept);
        }
        let sources: Vec<&str> = assessment
            .pages()
            .iter()
            .map(|p| p.source.as_str())
            .collect();
        // Pages without figures are skipped with a note; the rest still chart.
        for page in assessment.pages() {
            for w in &page.report.warnings {
                eprintln!(
                    "{}:{}:{}: warning: {}",
                    page.source, w.location.line, w.location.column, w.kind
                );
            }
            if !page.metrics.iter().any(|m| m.measure.canonical.is_some()) {
                eprintln!("{}: note: no figures to chart; skipped", page.source);
            }
        }
        let has_figures = assessment
            .metrics()
            .iter()
            .any(|m| m.measure.canonical.is_some());
        if !has_figures {
            continue;
        }
        match MetricObservation::from_assessment(&assessment) {
            Ok(found) => {
                if !found.is_empty() {
                    if let Some(name) = assessment.authority() {
                        first_council.get_or_insert_with(|| name.to_owned());
                    }
                }
                observations.extend(found);
            }
            Err(e) => {
                eprintln!("{}: note: {e}; skipped", sources.join(", "));
            }
        }
    }
    let Some(council) = args.council.clone().or(first_council) else {
        eprintln!("error: no figures to chart in the files given");
        return Ok(ExitCode::FAILURE);
    };

    let mut councils: Vec<String> = observations
        .iter()
        .map(|o| {
            o.ons_code
                .clone()
                .unwrap_or_else(|| o.authority.to_lowercase())
        })
        .collect();
    councils.sort_unstable();
    councils.dedup();
    let mut cohort = Cohort::new(match councils.len() {
        1 => "no other council (no range or quartiles)".to_owned(),
        n => format!("the {n} councils given"),
    });
    cohort.add_metrics(observations);
    let tables = cohort.metric_tables();
    let group = match &args.marker {
        Marker::Cited => None,
        Marker::Region => match Authority::lookup(&council) {
            Some(a) => Some(Group::region(a.region)),
            None => {
                eprintln!("{council}: note: not one of the 153 councils; no regional marker");
                None
            }
        },
        Marker::Peers(file) => match PeerGroups::from_csv_path(file) {
            Ok(peers) => {
                for w in peers.warnings() {
                    eprintln!("{file}: warning: {w}");
                }
                match Authority::lookup(&council).map(|a| peers.group(a)) {
                    Some(Ok(group)) => Some(group),
                    Some(Err(reason)) => {
                        eprintln!("{council}: note: {reason}; no peer marker");
                        None
                    }
                    None => {
                        eprintln!("{council}: note: not one of the 153 councils; no peer marker");
                        None
                    }
                }
            }
            Err(e) => {
                eprintln!("{file}: {e}");
                failed = true;
                None
            }
        },
    };
    let chart = match &group {
        Some(group) => tables.spine_chart_against(&council, group),
        None => tables.spine_chart(&council),
    };
    let Some(chart) = chart else {
        eprintln!("error: {council}: no figure with an England value to chart");
        return Ok(ExitCode::FAILURE);
    };
    write!(out, "{chart}")?;
    match std::fs::write(&args.out, chart.to_svg()) {
        Ok(()) => writeln!(out, "{}", args.out)?,
        Err(e) => {
            eprintln!("{}: cannot write: {e}", args.out);
            return Ok(ExitCode::FAILURE);
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
