//! Where output goes: a buffered stdout where a closed pipe ends the program quietly, warnings
//! and failures on stderr, and the exit code.

use std::io::{self, BufWriter, StdoutLock, Write};
use std::process::ExitCode;

use cqc_la::Warning;
use cqc_la::rows::{Level, WarningRow};
use indicatif::ProgressBar;

/// How a command went when it ran to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every input went through.
    Done,
    /// Some input failed; the rest went through.
    SomeFailed,
}

impl Outcome {
    /// `SomeFailed` when `failed`.
    pub fn from_failed(failed: bool) -> Outcome {
        if failed {
            Outcome::SomeFailed
        } else {
            Outcome::Done
        }
    }

    /// The exit code: 0 when all went through (or stdout was closed by its reader), 1 when
    /// some input failed or the command could not go on.
    pub fn exit_code(result: Result<Outcome, Fatal>) -> ExitCode {
        match result {
            Ok(Outcome::Done) | Err(Fatal::ClosedStdout) => ExitCode::SUCCESS,
            Ok(Outcome::SomeFailed) => ExitCode::FAILURE,
            Err(Fatal::Message(message)) => {
                let _ = writeln!(io::stderr().lock(), "cqc-la: {message}");
                ExitCode::FAILURE
            }
        }
    }
}

/// Why a command stopped before the end.
#[derive(Debug)]
pub enum Fatal {
    /// The reader of stdout went away (`| head`): not an error.
    ClosedStdout,
    /// Something the command cannot go on without (an output file, a peer table, ...).
    Message(String),
}

impl Fatal {
    /// A write to stdout failed.
    pub fn stdout(error: &io::Error) -> Fatal {
        if error.kind() == io::ErrorKind::BrokenPipe {
            Fatal::ClosedStdout
        } else {
            Fatal::Message(format!("cannot write to standard output: {error}"))
        }
    }
}

impl From<io::Error> for Fatal {
    fn from(error: io::Error) -> Fatal {
        Fatal::stdout(&error)
    }
}

impl From<serde_json::Error> for Fatal {
    fn from(error: serde_json::Error) -> Fatal {
        Fatal::stdout(&io::Error::from(error))
    }
}

/// Standard output, locked and buffered. Never `println!`: it panics on a closed pipe.
pub fn stdout() -> BufWriter<StdoutLock<'static>> {
    BufWriter::with_capacity(1 << 16, io::stdout().lock())
}

/// Warnings and failures on stderr, buffered, with an optional progress bar to keep clear of.
#[derive(Debug)]
pub struct Diagnostics {
    quiet: bool,
    buffer: Vec<u8>,
    progress: Option<ProgressBar>,
}

impl Diagnostics {
    /// Warnings are dropped when `quiet`; failures are always shown.
    pub fn new(quiet: bool) -> Diagnostics {
        Diagnostics {
            quiet,
            buffer: Vec::new(),
            progress: None,
        }
    }

    /// Shows a progress bar until [`Diagnostics::finish_progress`].
    pub fn set_progress(&mut self, progress: Option<ProgressBar>) {
        self.progress = progress;
    }

    /// The progress bar, if one shows.
    pub fn progress(&self) -> Option<&ProgressBar> {
        self.progress.as_ref()
    }

    /// Clears the progress bar.
    pub fn finish_progress(&mut self) {
        if let Some(bar) = self.progress.take() {
            bar.finish_and_clear();
        }
    }

    /// `FILE:LINE:COLUMN: warning: MESSAGE` for a parser warning.
    pub fn warning(&mut self, file: &str, warning: &Warning) {
        if !self.quiet {
            let l = warning.location;
            let _ = writeln!(
                self.buffer,
                "{file}:{}:{}: warning: {}",
                l.line, l.column, warning.kind
            );
        }
    }

    /// A warning or failure row: `FILE:LINE:COLUMN: warning: MESSAGE` (without line and
    /// column when it is about a file as a whole), or `FILE: MESSAGE` for a file that failed.
    pub fn row(&mut self, row: &WarningRow) {
        let at = match (row.line, row.column) {
            (Some(line), Some(column)) => format!("{}:{line}:{column}", row.file),
            _ => row.file.clone(),
        };
        match row.level {
            Level::Error => {
                let _ = writeln!(self.buffer, "{}: {}", row.file, row.message);
            }
            Level::Warning if !self.quiet => {
                let _ = writeln!(self.buffer, "{at}: warning: {}", row.message);
            }
            Level::Warning => {}
        }
    }

    /// `FILE: warning: MESSAGE` about a file as a whole (dropped when quiet).
    pub fn file_warning(&mut self, file: &str, message: &dyn std::fmt::Display) {
        if !self.quiet {
            let _ = writeln!(self.buffer, "{file}: warning: {message}");
        }
    }

    /// A message that is always shown: why an input cannot be used.
    pub fn note(&mut self, message: &str) {
        let _ = writeln!(self.buffer, "{message}");
    }

    /// Writes what is buffered to stderr (above the progress bar, if one shows).
    pub fn flush(&mut self) {
        if self.buffer.is_empty() {
            return;
        }
        let buffer = std::mem::take(&mut self.buffer);
        let write = || {
            let mut err = io::stderr().lock();
            let _ = err.write_all(&buffer);
            let _ = err.flush();
        };
        match &self.progress {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
    }
}

impl Drop for Diagnostics {
    fn drop(&mut self) {
        self.finish_progress();
        self.flush();
    }
}
