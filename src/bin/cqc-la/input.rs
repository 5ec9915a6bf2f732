//! Finding the input files, reading them within the size limit and parsing them, in parallel
//! when there are many.

use std::collections::HashSet;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use cqc_la::assessment::Page;
use cqc_la::rows::WarningRow;
use cqc_la::{Metric, ParseError, Report, ReportParser};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::Common;

/// From this many files on, pages are parsed on all cores.
const PARALLEL_FROM: usize = 4;
/// From this many files on, a progress bar shows on stderr (when it is a terminal).
const PROGRESS_FROM: usize = 16;

/// One input file.
#[derive(Debug, Clone)]
pub struct Input {
    /// Where to read it (`-` is standard input).
    pub path: PathBuf,
    /// How the tables and messages name it: the path as given or as found under a folder.
    pub name: String,
}

impl Input {
    fn new(path: PathBuf) -> Input {
        let name = path.display().to_string();
        Input { path, name }
    }

    /// Whether the file is a saved web page (by its extension).
    pub fn is_html(&self) -> bool {
        has_extension(&self.path, &["html", "htm"])
    }
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// A parsed page: the file and what the caller made of the report.
#[derive(Debug)]
pub struct Loaded<T> {
    /// The input's name.
    pub name: String,
    /// What the caller's function made of the report.
    pub value: T,
}

/// The files named and every `.txt`, `.html` and `.htm` file under the folders named (sorted
/// by name within each folder, without following symbolic links to folders), each file once
/// (a file found again under another path given is skipped), and a failure row for each path
/// that cannot be read and each folder without such a file. A file named explicitly is read
/// whatever its extension.
pub fn collect(paths: &[PathBuf]) -> (Vec<Input>, Vec<WarningRow>) {
    let mut inputs = Vec::new();
    let mut failures = Vec::new();
    let mut seen = HashSet::new();
    let mut push = |inputs: &mut Vec<Input>, path: PathBuf| {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if path.as_os_str() == "-" || seen.insert(key) {
            inputs.push(Input::new(path));
        }
    };
    for path in paths {
        if path.as_os_str() == "-" || !path.is_dir() {
            push(&mut inputs, path.clone());
            continue;
        }
        let before = inputs.len();
        let walk = walkdir::WalkDir::new(path)
            .follow_links(false)
            .sort_by_file_name();
        for entry in walk {
            match entry {
                Ok(entry) => {
                    let is_file = entry.file_type().is_file()
                        || (entry.path_is_symlink() && entry.path().is_file());
                    if is_file && has_extension(entry.path(), &["txt", "html", "htm"]) {
                        push(&mut inputs, entry.into_path());
                    }
                }
                Err(e) => {
                    let name = e.path().unwrap_or(path).display().to_string();
                    failures.push(WarningRow::failure(
                        &name,
                        "unreadable",
                        format!("cannot read: {}", io_message(&e.to_string())),
                    ));
                }
            }
        }
        if inputs.len() == before {
            failures.push(WarningRow::failure(
                &path.display().to_string(),
                "no_pages",
                "no .txt, .html or .htm file in this folder",
            ));
        }
    }
    (inputs, failures)
}

/// The operating system's message without the "(os error N)" tail.
fn io_message(message: &str) -> String {
    match message.find(" (os error") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// Reads a file, refusing it from its metadata when it is larger than `max` bytes (and again
/// while reading, should it grow).
fn read_limited(input: &Input, max: usize) -> Result<Vec<u8>, WarningRow> {
    let too_large = |size: String| {
        WarningRow::failure(
            &input.name,
            "too_large",
            format!(
                "the file is {size} bytes, more than the limit of {max} bytes (see --max-size)"
            ),
        )
    };
    let unreadable = |e: &std::io::Error| {
        WarningRow::failure(
            &input.name,
            "unreadable",
            format!("cannot read: {}", io_message(&e.to_string())),
        )
    };
    let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    let mut bytes = Vec::new();
    if input.path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|e| unreadable(&e))?;
    } else {
        let file = std::fs::File::open(&input.path).map_err(|e| unreadable(&e))?;
        let metadata = file.metadata().map_err(|e| unreadable(&e))?;
        if metadata.is_dir() {
            return Err(WarningRow::failure(
                &input.name,
                "unreadable",
                "cannot read: it is a folder",
            ));
        }
        if metadata.len() > max as u64 {
            return Err(too_large(metadata.len().to_string()));
        }
        bytes.reserve(usize::try_from(metadata.len()).unwrap_or(0));
        file.take(limit)
            .read_to_end(&mut bytes)
            .map_err(|e| unreadable(&e))?;
    }
    if bytes.len() > max {
        return Err(too_large(format!("more than {max}")));
    }
    Ok(bytes)
}

/// A parsed page and, when asked for, its metrics.
#[derive(Debug)]
pub struct Parsed {
    /// The report.
    pub report: Report,
    /// Its metrics (spans in the file, a saved page's too), when asked for.
    pub metrics: Option<Vec<Metric>>,
}

/// Parses a page's bytes: a saved web page by its extension (`.html`, `.htm`) or its start,
/// else text.
fn parse_page(
    input: &Input,
    bytes: Vec<u8>,
    max: usize,
    metrics: bool,
) -> Result<Parsed, ParseError> {
    let parser = ReportParser::new().max_input(max);
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        // Not UTF-8: the text parser's error says where.
        Err(e) => {
            let report = parser.parse_bytes(e.as_bytes())?;
            let metrics = metrics.then(|| report.metrics());
            return Ok(Parsed { report, metrics });
        }
    };
    Ok(if input.is_html() || ReportParser::looks_like_html(&text) {
        if metrics {
            let (report, metrics) = parser.parse_html_with_metrics(&text)?;
            Parsed {
                report,
                metrics: Some(metrics),
            }
        } else {
            Parsed {
                report: parser.parse_html(&text)?,
                metrics: None,
            }
        }
    } else {
        let report = parser.parse(&text)?;
        // The report owns its text: the input can go before the metrics are extracted.
        drop(text);
        let metrics = metrics.then(|| report.metrics());
        Parsed { report, metrics }
    })
}

/// Reads and parses one input (with its metrics when `metrics`) and applies `f`.
pub fn load<T>(
    input: &Input,
    common: &Common,
    metrics: bool,
    f: &(impl Fn(Parsed) -> T + Sync),
) -> Result<Loaded<T>, WarningRow> {
    let bytes = read_limited(input, common.max_size)?;
    let parsed = parse_page(input, bytes, common.max_size, metrics)
        .map_err(|e| WarningRow::from_error(&input.name, &e))?;
    Ok(Loaded {
        name: input.name.clone(),
        value: f(parsed),
    })
}

/// Reads one input as a page of an assessment: figures extracted once, the warnings about them
/// located; a saved web page by its extension or its start. The text read comes with it (for
/// the line and column of merge warnings).
pub fn read_page(input: &Input, common: &Common) -> Result<(Page, Option<String>), WarningRow> {
    let bytes = read_limited(input, common.max_size)?;
    let parser = ReportParser::new().max_input(common.max_size);
    let failed = |e: &ParseError| WarningRow::from_error(&input.name, e);
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        // Not UTF-8: the text parser's error says where.
        Err(e) => {
            let report = parser.parse_bytes(e.as_bytes()).map_err(|e| failed(&e))?;
            return Ok((Page::new(input.name.clone(), report), None));
        }
    };
    let page = if input.is_html() {
        Page::parse_html(&parser, input.name.clone(), &text)
    } else {
        Page::parse(&parser, input.name.clone(), &text)
    }
    .map_err(|e| failed(&e))?;
    Ok((page, Some(text)))
}

/// [`read_page`] on every input, in order, on all cores when there are many.
pub fn read_pages(
    inputs: &[Input],
    common: &Common,
    progress: Option<&ProgressBar>,
) -> Vec<Result<(Page, Option<String>), WarningRow>> {
    each(inputs, progress, |input| read_page(input, common))
}

/// `f` on every input, in order, on all cores when there are many, counting them on the
/// progress bar.
fn each<T: Send>(
    inputs: &[Input],
    progress: Option<&ProgressBar>,
    f: impl Fn(&Input) -> T + Sync,
) -> Vec<T> {
    let one = |input: &Input| {
        let done = f(input);
        if let Some(bar) = progress {
            bar.inc(1);
        }
        done
    };
    if inputs.len() >= PARALLEL_FROM {
        inputs.par_iter().map(one).collect()
    } else {
        inputs.iter().map(one).collect()
    }
}

/// Reads and parses inputs, in order, on all cores when there are many.
pub fn load_all<T: Send>(
    inputs: &[Input],
    common: &Common,
    metrics: bool,
    progress: Option<&ProgressBar>,
    f: &(impl Fn(Parsed) -> T + Sync),
) -> Vec<Result<Loaded<T>, WarningRow>> {
    each(inputs, progress, |input| load(input, common, metrics, f))
}

/// A progress bar on stderr for `total` files, when stderr is a terminal, there are many files
/// and warnings are not silenced.
pub fn progress(total: usize, common: &Common) -> Option<ProgressBar> {
    if common.quiet || total < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar =
        ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr_with_hz(10));
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {bar:40} {pos}/{len} files {elapsed} {msg}")
    {
        bar.set_style(style);
    }
    Some(bar)
}
