//! `cqc-la parse`: each file as JSON, streamed to stdout as it is parsed.

use std::collections::VecDeque;
use std::io::Write;

use cqc_la::rows::WarningRow;
use cqc_la::{Metric, Report};
use serde::Serialize;

use crate::input::{self, Input, Loaded};
use crate::output::{self, Diagnostics, Fatal, Outcome};
use crate::{Common, ParseArgs};

/// Files parsed at once: enough to keep every core busy, few enough to bound memory.
const CHUNK: usize = 16;

/// One file's JSON object.
#[derive(Serialize)]
#[serde(untagged)]
enum Item {
    Parsed(Box<Parsed>),
    Failed(Failed),
}

/// A parsed file: `file`, the report's fields, `metrics`.
#[derive(Serialize)]
struct Parsed {
    file: String,
    #[serde(flatten)]
    report: Report,
    #[serde(skip_serializing_if = "Option::is_none")]
    metrics: Option<Vec<Metric>>,
}

/// A file that failed.
#[derive(Serialize)]
struct Failed {
    file: String,
    error: String,
    kind: &'static str,
    line: Option<usize>,
    column: Option<usize>,
}

impl From<WarningRow> for Failed {
    fn from(row: WarningRow) -> Failed {
        Failed {
            file: row.file,
            error: row.message,
            kind: row.kind,
            line: row.line,
            column: row.column,
        }
    }
}

/// The items in file order, parsed a chunk at a time (in parallel) as they are pulled, with
/// each file's warnings and failures written to stderr as its item is handed out.
struct Items<'a> {
    inputs: &'a [Input],
    next: usize,
    ready: VecDeque<Result<Loaded<input::Parsed>, WarningRow>>,
    common: &'a Common,
    metrics: bool,
    diagnostics: &'a mut Diagnostics,
    failed: bool,
}

impl Iterator for Items<'_> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if self.ready.is_empty() && self.next < self.inputs.len() {
            let end = (self.next + CHUNK).min(self.inputs.len());
            let chunk = input::load_all(
                &self.inputs[self.next..end],
                self.common,
                self.metrics,
                self.diagnostics.progress(),
                &|parsed: input::Parsed| parsed,
            );
            self.next = end;
            self.ready.extend(chunk);
        }
        let item = match self.ready.pop_front()? {
            Ok(loaded) => {
                let input::Parsed { report, metrics } = loaded.value;
                for warning in &report.warnings {
                    self.diagnostics.warning(&loaded.name, warning);
                }
                Item::Parsed(Box::new(Parsed {
                    file: loaded.name,
                    report,
                    metrics,
                }))
            }
            Err(row) => {
                self.failed = true;
                self.diagnostics.row(&row);
                Item::Failed(row.into())
            }
        };
        self.diagnostics.flush();
        Some(item)
    }
}

/// Runs `cqc-la parse`.
pub fn run(args: &ParseArgs, common: &Common) -> Result<Outcome, Fatal> {
    let mut diagnostics = Diagnostics::new(common.quiet);
    let (inputs, failures) = input::collect(&args.files);
    diagnostics.set_progress(input::progress(inputs.len(), common));
    let failed_to_find = !failures.is_empty();
    for row in &failures {
        diagnostics.row(row);
    }
    diagnostics.flush();
    let mut items = Items {
        inputs: &inputs,
        next: 0,
        ready: VecDeque::new(),
        common,
        metrics: !args.no_metrics,
        diagnostics: &mut diagnostics,
        failed: failed_to_find,
    };
    let mut out = output::stdout();
    let failures = failures.into_iter().map(|row| Item::Failed(row.into()));
    if args.jsonl {
        for item in failures.chain(&mut items) {
            serde_json::to_writer(&mut out, &item)?;
            out.write_all(b"\n")?;
        }
    } else if args.compact {
        let mut serializer = serde_json::Serializer::new(&mut out);
        serde::Serializer::collect_seq(&mut serializer, failures.chain(&mut items))?;
        out.write_all(b"\n")?;
    } else {
        let mut serializer = serde_json::Serializer::pretty(&mut out);
        serde::Serializer::collect_seq(&mut serializer, failures.chain(&mut items))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    let failed = items.failed;
    drop(items);
    diagnostics.finish_progress();
    Ok(Outcome::from_failed(failed))
}
