//! `cqc-la dataset`: pages grouped by council into tidy tables (the library's `rows`).

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use cqc_la::Authority;
use cqc_la::rows::{Level, Page, Tables};

use crate::Common;
use crate::input::{self, Loaded, Parsed};
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
}

/// Reads every page under `paths`, groups the pages by council and builds the tables; writes
/// each file's warnings and failures to stderr.
pub fn councils(paths: &[PathBuf], common: &Common) -> Councils {
    let mut diagnostics = Diagnostics::new(common.quiet);
    let (inputs, failures) = input::collect(paths);
    diagnostics.set_progress(input::progress(inputs.len(), common));
    let loaded = input::load_all(
        &inputs,
        common,
        true,
        true,
        diagnostics.progress(),
        &|parsed: Parsed| parsed,
    );
    diagnostics.finish_progress();
    let mut tables = Tables::default();
    tables.warnings.extend(failures);
    let mut pages = Vec::with_capacity(loaded.len());
    for result in loaded {
        match result {
            Ok(page) => pages.push(page),
            Err(row) => tables.warnings.push(row),
        }
    }
    for group in group_by_council(&pages) {
        let group: Vec<Page<'_>> = group
            .iter()
            .map(|&i| {
                let page = &pages[i];
                let metrics = page.value.metrics.as_deref().unwrap_or_default();
                let with = Page::from_parts(&page.name, &page.value.report, metrics);
                match &page.text {
                    Some(text) => with.with_source(text),
                    None => with,
                }
            })
            .collect();
        tables.add_council(&group);
    }
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
        pages: pages.len(),
    }
}

/// Groups parsed pages into councils: pages whose authority names resolve to the same council
/// ([`Authority::lookup`]: ONS code), else pages that print the same name (in any case and
/// spacing); a page that names no authority is a council of its own. Groups come in the order
/// of their councils' names, then of their first file; pages keep their file order.
///
/// This is the one place that decides which pages make one assessment (the library's
/// [`Tables::add_council`] merges them).
fn group_by_council(pages: &[Loaded<Parsed>]) -> Vec<Vec<usize>> {
    #[derive(PartialEq, Eq, Hash)]
    enum Key<'a> {
        Council(&'a str),
        Name(String),
        Page(usize),
    }
    let mut index: HashMap<Key<'_>, usize> = HashMap::new();
    let mut groups: Vec<(Option<String>, Vec<usize>)> = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let name = page.value.report.authority.as_deref();
        let key = match name {
            Some(name) => match Authority::lookup(name) {
                Some(council) => Key::Council(council.ons_code.as_str()),
                None => Key::Name(
                    name.split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase(),
                ),
            },
            None => Key::Page(i),
        };
        let at = *index.entry(key).or_insert_with(|| {
            groups.push((name.map(str::to_lowercase), Vec::new()));
            groups.len() - 1
        });
        groups[at].1.push(i);
    }
    // Named councils by name, unnamed pages after them; ties by first file (stable sort).
    groups.sort_by(|(a, _), (b, _)| match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    groups.into_iter().map(|(_, pages)| pages).collect()
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
