//! Parses report files and prints a JSON array on stdout, one object per file: the serde form
//! of the report plus its `metrics`, or `{"file": ..., "error": ...}` for a file that fails.
//! Exits non-zero if any file failed, after printing all of them.
//!
//!     cargo run --example parse -- examples/reports/northmere.txt

use std::process::ExitCode;

use serde_json::{Value, json};

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: parse FILE...");
        return ExitCode::from(2);
    }
    let mut failed = false;
    let mut out = Vec::with_capacity(files.len());
    for file in &files {
        let parsed = std::fs::read(file)
            .map_err(|e| format!("cannot read {file}: {e}"))
            .and_then(|bytes| cqc_la::Report::parse_bytes(&bytes).map_err(|e| e.to_string()));
        let value = parsed.and_then(|report| {
            let metrics = serde_json::to_value(report.metrics()).map_err(|e| e.to_string())?;
            let value = serde_json::to_value(&report).map_err(|e| e.to_string())?;
            Ok((value, metrics))
        });
        match value {
            Ok((mut value, metrics)) => {
                if let Value::Object(map) = &mut value {
                    map.insert("file".into(), json!(file));
                    map.insert("metrics".into(), metrics);
                }
                out.push(value);
            }
            Err(error) => {
                failed = true;
                out.push(json!({ "file": file, "error": error }));
            }
        }
    }
    match serde_json::to_string_pretty(&out) {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("cannot write JSON: {e}");
            return ExitCode::FAILURE;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
