//! Benchmarks one council from one or more pages of its assessment (the summary page, the main
//! report page, section pages or a whole report, in any order) against the published
//! assessments embedded in the crate: what the pages cover, how they combine with the
//! published record, where the council stands in England, its region, its council type and
//! (with `--peers`) among its statistical peers, its nearest neighbours and learning partners
//! (ties shown), and the figures the pages cite, per period.
//!
//!     cargo run --example benchmark -- examples/reports/northmere.txt
//!     cargo run --example benchmark -- --peers peers.csv summary.txt needs.txt safeguarding.txt
//!     cargo run --example benchmark -- --for "Westminster City Council" partnerships.txt

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use cqc_la::Cohort;
use cqc_la::assessment::{MergeWarning, Pages};
use cqc_la::cohort::{AgainstPeers, Group, MetricObservation, PeerGroups, ScoreRecord};

const USAGE: &str = "\
usage: benchmark [--peers FILE] [--for NAME] PAGE...

Benchmarks one council from one or more pages of its CQC assessment (summary page, main
report page, section pages or a whole report, any order) against the published assessments.

  PAGE         a page of the council's report, as text copied from CQC's website
  --peers FILE a peer table (NHS England's peers.csv or distances.csv, or a long list of
               authority,peer[,rank][,distance]): also benchmarks against the peers
  --for NAME   whose pages these are: pages that print no name join this council
  -h, --help   this help

example: benchmark --for \"Westminster City Council\" westminster-partnerships.txt";

struct Args {
    pages: Vec<String>,
    peers: Option<String>,
    council: Option<String>,
}

/// The arguments, `Ok(None)` for `--help`, or a usage error.
fn args() -> Result<Option<Args>, String> {
    let mut out = Args {
        pages: Vec::new(),
        peers: None,
        council: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--peers" => {
                out.peers = Some(it.next().ok_or("--peers needs a FILE")?);
            }
            "--for" => {
                out.council = Some(it.next().ok_or("--for needs a NAME")?);
            }
            "--" => out.pages.extend(it.by_ref()),
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option '{flag}'"));
            }
            _ => out.pages.push(arg),
        }
    }
    if out.pages.is_empty() {
        return Err("no PAGE given".to_owned());
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

/// A merge warning as `FILE:LINE:COLUMN: warning: message` (or `FILE: warning: message`).
fn warn(w: &MergeWarning) {
    match w.kept.location {
        Some(l) => eprintln!("{}:{}:{}: warning: {w}", w.kept.source, l.line, l.column),
        None => eprintln!("{}: warning: {w}", w.kept.source),
    }
}

// One report, written top to bottom.
#[allow(clippy::too_many_lines)]
fn run(args: &Args, out: &mut impl Write) -> io::Result<ExitCode> {
    let mut failed = false;
    let mut pages = Pages::new();
    for file in &args.pages {
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
    if pages.is_empty() {
        return Ok(ExitCode::FAILURE);
    }
    if let Some(name) = &args.council {
        pages = pages.for_authority(name.as_str());
    }
    let assessment = match pages.assemble() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    for page in assessment.pages() {
        for w in &page.report.warnings {
            eprintln!(
                "{}:{}:{}: warning: {}",
                page.source, w.location.line, w.location.column, w.kind
            );
        }
    }
    for w in assessment.warnings() {
        warn(w);
    }
    writeln!(out, "{assessment}")?;

    let pages_record = match ScoreRecord::try_from(&assessment) {
        Ok(record) => record,
        Err(e) => {
            eprintln!("error: {e} (--for NAME)");
            return Ok(ExitCode::FAILURE);
        }
    };
    if pages_record.overall().scored == 0 {
        eprintln!("error: the pages give no quality statement score to benchmark");
        return Ok(ExitCode::FAILURE);
    }
    let mut cohort = Cohort::published();
    if pages_record.is_partial() {
        // The pages alone, on the statements they cover, before they join the published record.
        writeln!(
            out,
            "{}",
            cohort.against_group(&pages_record, &Group::all())
        )?;
    }
    let inserted = match cohort.insert_assessment(&assessment) {
        Ok(inserted) => inserted,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    for w in &inserted.warnings {
        warn(w);
    }
    let record = inserted.record;
    let name = record.display_name().to_owned();
    match &inserted.previous {
        Some(previous) => writeln!(
            out,
            "Combined with the published record of {name} ({} of 9 statements): the pages' scores where they give one, the published ones elsewhere; now {}",
            previous.coverage().count(),
            record.coverage()
        )?,
        None => writeln!(
            out,
            "{name} is not among the published assessments: added to the cohort with {}",
            record.coverage()
        )?,
    }
    match record.authority {
        Some(a) => writeln!(out, "{a}")?,
        None => writeln!(
            out,
            "{name}: not one of the 153 councils (compared on scores only; no region or type)"
        )?,
    }
    writeln!(out, "{record}")?;
    writeln!(out)?;

    let table = cohort.league_table();
    if let Some(row) = table.row(&name) {
        let partial = if row.is_partial() {
            format!(
                " (partial: ranked on {} among the records covering them)",
                row.basis
            )
        } else {
            String::new()
        };
        writeln!(
            out,
            "England ({}): {} with {:.1}%, overall score {}/100{partial}\n",
            cohort.name,
            row.standing,
            row.percent,
            row.out_of_100
                .map_or_else(|| "-".to_owned(), |s| s.to_string()),
        )?;
    }

    let mut groups = vec![Group::all()];
    if let Some(authority) = record.authority {
        groups.push(Group::region(authority.region));
        groups.push(Group::kind(authority.kind));
    }
    for group in &groups {
        writeln!(out, "{}", cohort.against_group(&record, group))?;
    }
    if let Some(file) = &args.peers {
        match PeerGroups::from_csv_path(file) {
            Ok(peers) => {
                for w in peers.warnings() {
                    eprintln!("{file}: warning: {w}");
                }
                match cohort.against_peers(&record, &peers) {
                    AgainstPeers::Compared(c) => writeln!(out, "{c}")?,
                    AgainstPeers::NoPeers { name, reason } => {
                        writeln!(out, "{name}: {reason}\n")?;
                    }
                }
            }
            Err(e) => {
                eprintln!("{file}: {e}");
                failed = true;
            }
        }
    }

    writeln!(out, "{}", cohort.neighbours(&record, 5))?;
    if let Some(weakest) = record.weakest() {
        writeln!(out, "{}", cohort.learning_partners(&record, weakest, 5))?;
    }

    // The figures the pages cite, one table per measure and period (never pooled).
    if let Ok(observations) = MetricObservation::from_assessment(&assessment) {
        if observations.is_empty() {
            writeln!(out, "The pages cite no figure of a canonical measure")?;
        } else {
            let mut own = Cohort::new(format!("the pages of {name}"));
            own.add_metrics(observations);
            let tables = own.metric_tables();
            writeln!(out, "Figures the pages cite, by measure and period")?;
            let width = tables
                .tables
                .iter()
                .map(|t| t.name.chars().count())
                .max()
                .unwrap_or(0);
            for t in &tables.tables {
                for r in &t.rows {
                    writeln!(
                        out,
                        "  {:<width$}  {:<17}  {:>14}  England {:>12}  {}",
                        t.name,
                        t.period_text(),
                        t.figure(r),
                        t.england_figure(r).unwrap_or_else(|| "-".to_owned()),
                        r.verdict.map_or("-", |v| v.title()),
                    )?;
                }
            }
            let mixed = tables.mixed();
            if !mixed.is_empty() {
                writeln!(
                    out,
                    "  (cited for several periods, shown per period: {})",
                    mixed.join(", ")
                )?;
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
