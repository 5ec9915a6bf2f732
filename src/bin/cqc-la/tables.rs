//! `cqc-la dataset`: pages grouped by council into tidy tables (the library's `rows`).

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use cqc_la::Assessment;
use cqc_la::assessment::Pages;
use cqc_la::rows::{Level, Tables};

use crate::Common;
use crate::input;
use crate::output::{self, Diagnostics, Fatal, Outcome};

/// `cqc-la dataset`.
#[derive(Debug, Args)]
pub struct DatasetArgs {
    /// Report files (.txt, .html, .htm) and folders to search for them
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The folder to write the tables into (created if missing; existing tables are replaced)
    #[arg(short, long, value_name = "DIR")]
    out: PathBuf,
    /// Write JSON lines (assessments.jsonl, ...) instead of CSV
    #[arg(long)]
    jsonl: bool,
}

/// The pages of many councils, parsed, grouped and turned into tables.
pub struct Councils {
    /// The tables.
    pub tables: Tables,
    /// Whether some file failed.
    pub failed: bool,
    /// How many pages went through.
    pub pages: usize,
    /// The councils' assessments, in the order of their rows.
    pub assessments: Vec<Assessment>,
}

/// Reads every page under `paths` (in parallel when there are many), assembles the pages into
/// one assessment per council with the library's merging ([`Pages::by_authority`]: pages of
/// different councils never merged, a page without a name joining the one council whose pages
/// it fits) and builds the tables; writes each file's warnings and failures to stderr.
///
/// Councils come in the order of their names (ignoring case), councils without a name last,
/// each in the order of its first file.
pub fn councils(paths: &[PathBuf], common: &Common) -> Councils {
    let mut diagnostics = Diagnostics::new(common.quiet);
    let (inputs, failures) = input::collect(paths);
    diagnostics.set_progress(input::progress(inputs.len(), common));
    let read = input::read_pages(&inputs, common, diagnostics.progress());
    diagnostics.finish_progress();
    let mut tables = Tables::default();
    tables.warnings.extend(failures);
    let mut pages = Pages::new();
    for result in read {
        match result {
            Ok((page, text)) => {
                pages.add_page(page, text);
            }
            Err(row) => tables.warnings.push(row),
        }
    }
    let read = pages.len();
    let mut assessments = pages.by_authority();
    assessments.sort_by_cached_key(|a| match a.authority() {
        Some(name) => (false, name.to_lowercase()),
        None => (true, String::new()),
    });
    tables.add_assessments(&assessments);
    // Warnings in file order (each file's in the order found), failures among them.
    let order: HashMap<&str, usize> = inputs
        .iter()
        .enumerate()
        .map(|(i, input)| (input.name.as_str(), i))
        .collect();
    tables
        .warnings
        .sort_by_key(|w| order.get(w.file.as_str()).copied().unwrap_or(usize::MAX));
    let mut failed = false;
    for row in &tables.warnings {
        failed |= row.level == Level::Error;
        diagnostics.row(row);
    }
    diagnostics.flush();
    Councils {
        tables,
        failed,
        pages: read,
        assessments,
    }
}

/// Runs `cqc-la dataset`.
pub fn dataset(args: &DatasetArgs, common: &Common) -> Result<Outcome, Fatal> {
    std::fs::create_dir_all(&args.out)
        .map_err(|e| Fatal::Message(format!("cannot create {}: {e}", args.out.display())))?;
    let councils = councils(&args.paths, common);
    if councils.pages == 0 && !councils.failed {
        return Err(Fatal::Message(
            "no .txt, .html or .htm files under the paths given".to_owned(),
        ));
    }
    let t = &councils.tables;
    let written = if args.jsonl {
        t.write_jsonl_dir(&args.out)
    } else {
        t.write_csv_dir(&args.out)
    }
    .map_err(|e| {
        Fatal::Message(format!(
            "cannot write the tables in {}: {e}",
            args.out.display()
        ))
    })?;
    let counts = [
        t.assessments.len(),
        t.statements.len(),
        t.metrics.len(),
        t.findings.len(),
        t.warnings.len(),
    ];
    let mut out = output::stdout();
    for (path, rows) in written.iter().zip(counts) {
        writeln!(out, "{}\t{rows} rows", path.display())?;
    }
    out.flush()?;
    Ok(Outcome::from_failed(councils.failed))
}
