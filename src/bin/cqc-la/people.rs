//! The commands for people: compare, league, benchmark and chart (the examples' jobs).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use cqc_la::assessment::Pages;
use cqc_la::cohort::{Group, MetricObservation, PeerGroups, ScoreRecord};
use cqc_la::{Assessment, Cohort, compare as compare_assessments};

use crate::Common;
use crate::input::{self, Input};
use crate::output::{self, Diagnostics, Fatal, Outcome};
use crate::tables;

/// `cqc-la compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The first report (.txt, .html, .htm)
    #[arg(value_name = "A")]
    a: PathBuf,
    /// The second report
    #[arg(value_name = "B")]
    b: PathBuf,
    /// Print the comparison as JSON
    #[arg(long)]
    json: bool,
}

/// Where a cohort comes from: `--scores` or the embedded published assessments, plus reports.
#[derive(Debug, Args)]
pub struct CohortArgs {
    /// A scores CSV to use instead of the embedded published assessments (the shape of the
    /// crate's data/published-scores.csv: authority, overall_rating, published and the nine
    /// scores)
    #[arg(long, value_name = "CSV")]
    scores: Option<PathBuf>,
    /// Reports (files or folders) to add: each council's pages are merged, and each replaces
    /// that council's published assessment
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// `cqc-la league`.
#[derive(Debug, Args)]
pub struct LeagueArgs {
    /// Print the league table as CSV
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    /// Print the league table as JSON
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    cohort: CohortArgs,
}

/// `cqc-la benchmark`.
#[derive(Debug, Args)]
pub struct BenchmarkArgs {
    /// Reports (files or folders); pages of the same council are benchmarked together
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// A peer table to benchmark against as well: NHS England's peers.csv or distances.csv,
    /// or an `authority,neighbour,rank` list
    #[arg(long, value_name = "CSV")]
    peers: Option<PathBuf>,
    /// A scores CSV to benchmark against instead of the embedded published assessments
    #[arg(long, value_name = "CSV")]
    scores: Option<PathBuf>,
    /// How many nearest neighbours and learning partners to list
    #[arg(long, value_name = "N", default_value_t = 5)]
    neighbours: usize,
}

/// `cqc-la chart`.
#[derive(Debug, Subcommand)]
pub enum Chart {
    /// A spine chart: each of one council's figures against England and the range and
    /// quartiles of the files given
    Spine {
        /// A report, or a metrics CSV (authority, measure, value and optionally name, england,
        /// polarity, verdict): the chart is for its council
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// More reports or metrics CSVs whose figures make the range (else FILE alone)
        #[arg(value_name = "MORE")]
        more: Vec<PathBuf>,
        /// The SVG file to write (else the SVG goes to stdout)
        #[arg(short, long, value_name = "OUT.svg")]
        out: Option<PathBuf>,
    },
    /// A heat map of the league table: councils by quality statements, coloured by score
    HeatMap {
        #[command(flatten)]
        cohort: CohortArgs,
        /// The SVG file to write (else the SVG goes to stdout)
        #[arg(short, long, value_name = "OUT.svg")]
        out: Option<PathBuf>,
    },
}

/// Reads and parses one report, its warnings to stderr.
fn one_report(path: &Path, common: &Common, diagnostics: &mut Diagnostics) -> Option<Assessment> {
    let input = Input {
        path: path.to_owned(),
        name: path.display().to_string(),
    };
    let result = match input::read_page(&input, common) {
        Ok((page, text)) => {
            for warning in &page.report.warnings {
                diagnostics.warning(&input.name, warning);
            }
            let mut pages = Pages::new();
            pages.add_page(page, text);
            pages.by_authority().pop()
        }
        Err(row) => {
            diagnostics.row(&row);
            None
        }
    };
    diagnostics.flush();
    result
}

/// Runs `cqc-la compare`.
pub fn compare(args: &CompareArgs, common: &Common) -> Result<Outcome, Fatal> {
    let mut diagnostics = Diagnostics::new(common.quiet);
    let a = one_report(&args.a, common, &mut diagnostics);
    let b = one_report(&args.b, common, &mut diagnostics);
    let (Some(a), Some(b)) = (a, b) else {
        return Ok(Outcome::SomeFailed);
    };
    let comparison = compare_assessments(&a, &b);
    let mut out = output::stdout();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &comparison)?;
        writeln!(out)?;
    } else {
        write!(out, "{comparison}")?;
    }
    out.flush()?;
    Ok(Outcome::Done)
}

/// The cohort `--scores` names (else the published one), with the councils of the reports
/// given in place of their published assessments, and the records of those councils.
fn cohort(
    scores: Option<&Path>,
    paths: &[PathBuf],
    common: &Common,
) -> Result<(Cohort, Vec<ScoreRecord>, bool), Fatal> {
    let mut cohort = match scores {
        Some(path) => {
            let (cohort, warnings) = Cohort::from_csv_path_with_warnings(path)
                .map_err(|e| Fatal::Message(format!("{}: {e}", path.display())))?;
            let mut diagnostics = Diagnostics::new(common.quiet);
            for warning in warnings {
                diagnostics.file_warning(&path.display().to_string(), &warning);
            }
            cohort
        }
        None => Cohort::published(),
    };
    if paths.is_empty() {
        return Ok((cohort, Vec::new(), false));
    }
    let councils = tables::councils(paths, common);
    let mut diagnostics = Diagnostics::new(common.quiet);
    let mut records = Vec::new();
    for (a, row) in councils
        .assessments
        .iter()
        .zip(&councils.tables.assessments)
    {
        if a.overall().scored == 0 {
            // Kept for the caller to say so; nothing to rank.
            records.push(row.score_record());
            continue;
        }
        // Combined with the cohort's record of the council, if it has one: a partial set of
        // pages never replaces a fuller record by fewer scores. Pages that name no council
        // are compared on their scores, named by their files.
        if let Ok(inserted) = cohort.insert_assessment(a) {
            for warning in &inserted.warnings {
                diagnostics.file_warning(&row.files, warning);
            }
            records.push(inserted.record);
        } else {
            let record = row.score_record();
            cohort.insert(record.clone());
            records.push(record);
        }
    }
    diagnostics.flush();
    Ok((cohort, records, councils.failed))
}

/// Runs `cqc-la league`.
pub fn league(args: &LeagueArgs, common: &Common) -> Result<Outcome, Fatal> {
    let (cohort, _, failed) = cohort(args.cohort.scores.as_deref(), &args.cohort.paths, common)?;
    let table = cohort.league_table();
    let mut out = output::stdout();
    if args.csv {
        // A small table: written whole, so that a closed pipe is seen as one.
        let mut csv = Vec::new();
        table
            .write_csv(&mut csv)
            .map_err(|e| Fatal::Message(e.to_string()))?;
        out.write_all(&csv)?;
    } else if args.json {
        serde_json::to_writer_pretty(&mut out, &table)?;
        writeln!(out)?;
    } else {
        writeln!(out, "{table}")?;
        write!(out, "{}", cohort.distributions())?;
    }
    out.flush()?;
    Ok(Outcome::from_failed(failed))
}

/// Runs `cqc-la benchmark`.
pub fn benchmark(args: &BenchmarkArgs, common: &Common) -> Result<Outcome, Fatal> {
    let peers = match &args.peers {
        Some(path) => {
            let peers = PeerGroups::from_csv_path(path)
                .map_err(|e| Fatal::Message(format!("{}: {e}", path.display())))?;
            let mut diagnostics = Diagnostics::new(common.quiet);
            for warning in peers.warnings() {
                diagnostics.file_warning(&path.display().to_string(), &warning);
            }
            Some(peers)
        }
        None => None,
    };
    let (cohort, records, mut failed) = cohort(args.scores.as_deref(), &args.paths, common)?;
    let mut out = output::stdout();
    for record in &records {
        let name = record.display_name().to_owned();
        if record.overall().scored == 0 {
            let mut diagnostics = Diagnostics::new(common.quiet);
            diagnostics.note(&format!(
                "{name}: the pages give no quality statement scores to benchmark"
            ));
            failed = true;
            continue;
        }
        match record.authority {
            Some(a) => writeln!(out, "{name}: {a}")?,
            None => writeln!(
                out,
                "{name}: not one of the 153 councils (compared on scores only; no region or type)"
            )?,
        }
        writeln!(out, "{record}")?;
        if !record.is_complete() {
            writeln!(
                out,
                "note: {} of 9 statements scored: its overall percentage covers those only",
                record.overall().scored
            )?;
        }
        writeln!(out)?;
        let table = cohort.league_table();
        if let Some(row) = table.rows.iter().find(|r| r.name == name) {
            writeln!(
                out,
                "England ({}): {} with {:.1}%\n",
                cohort.name, row.standing, row.percent
            )?;
        }
        let mut groups = vec![Group::all()];
        if let Some(authority) = record.authority {
            groups.push(Group::region(authority.region));
            groups.push(Group::kind(authority.kind));
        }
        for group in &groups {
            writeln!(out, "{}", cohort.against_group(record, group))?;
        }
        if let Some(peers) = &peers {
            writeln!(out, "{}", cohort.against_peers(record, peers))?;
        }
        writeln!(out, "{}", cohort.neighbours(record, args.neighbours))?;
        if let Some(weakest) = record.weakest() {
            writeln!(
                out,
                "{}",
                cohort.learning_partners(record, weakest, args.neighbours)
            )?;
        }
    }
    out.flush()?;
    Ok(Outcome::from_failed(failed))
}

/// The observations in a report or a metrics CSV, and the council they are about.
fn read_observations(
    path: &Path,
    common: &Common,
    diagnostics: &mut Diagnostics,
) -> Option<(String, Vec<MetricObservation>)> {
    let file = path.display().to_string();
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let observations = if is_csv {
        match MetricObservation::read_csv_path(path) {
            Ok(observations) => observations,
            Err(e) => {
                diagnostics.note(&format!("{file}: {e}"));
                diagnostics.flush();
                return None;
            }
        }
    } else {
        match MetricObservation::from_assessment(&one_report(path, common, diagnostics)?) {
            Ok(observations) => observations,
            Err(e) => {
                diagnostics.note(&format!("{file}: {e}"));
                diagnostics.flush();
                return None;
            }
        }
    };
    let Some(first) = observations.first() else {
        diagnostics.note(&format!("{file}: no figure of a canonical measure"));
        diagnostics.flush();
        return None;
    };
    Some((first.authority.clone(), observations))
}

/// Writes an SVG to `out` (printing the path) or to stdout.
fn write_svg(
    svg: &str,
    out: Option<&Path>,
    table: Option<&dyn std::fmt::Display>,
) -> Result<(), Fatal> {
    let mut stdout = output::stdout();
    match out {
        Some(path) => {
            std::fs::write(path, svg)
                .map_err(|e| Fatal::Message(format!("cannot write {}: {e}", path.display())))?;
            if let Some(table) = table {
                write!(stdout, "{table}")?;
            }
            writeln!(stdout, "{}", path.display())?;
        }
        None => stdout.write_all(svg.as_bytes())?,
    }
    stdout.flush()?;
    Ok(())
}

/// Runs `cqc-la chart`.
pub fn chart(chart: &Chart, common: &Common) -> Result<Outcome, Fatal> {
    match chart {
        Chart::Spine { file, more, out } => {
            let mut diagnostics = Diagnostics::new(common.quiet);
            let name = if more.is_empty() {
                file.display().to_string()
            } else {
                "the files given".to_owned()
            };
            let mut cohort = Cohort::new(name);
            let Some((authority, observations)) = read_observations(file, common, &mut diagnostics)
            else {
                return Ok(Outcome::SomeFailed);
            };
            cohort.add_metrics(observations);
            let mut failed = false;
            for path in more {
                match read_observations(path, common, &mut diagnostics) {
                    Some((_, found)) => cohort.add_metrics(found),
                    None => failed = true,
                }
            }
            let Some(spine) = cohort.metric_tables().spine_chart(&authority) else {
                diagnostics.note(&format!(
                    "{}: no figure of {authority} has an England value to chart",
                    file.display()
                ));
                return Ok(Outcome::SomeFailed);
            };
            write_svg(&spine.to_svg(), out.as_deref(), Some(&spine))?;
            Ok(Outcome::from_failed(failed))
        }
        Chart::HeatMap { cohort: args, out } => {
            let (cohort, _, failed) = cohort(args.scores.as_deref(), &args.paths, common)?;
            write_svg(&cohort.league_table().heat_map_svg(), out.as_deref(), None)?;
            Ok(Outcome::from_failed(failed))
        }
    }
}
