//! Report text to [`crate::Report`]: all nom code lives here, private except the entry points.
//!
//! The flow: [`lines::split`] cuts the input into lines and classifies each once;
//! [`assemble::Assembler`] turns them into the model; [`facts`] reads the financial figures.

mod assemble;
mod facts;
mod lines;
mod names;

use std::str::FromStr;

use crate::error::{ParseError, ParseErrorKind};
use crate::model::{Location, Report};

/// The default limit on input size: 16 MiB, over a hundred times the largest real report
/// (a full report is about 120 KB).
pub const DEFAULT_MAX_INPUT: usize = 16 * 1024 * 1024;

/// A configured parser. [`Report::parse`] uses the defaults; build one of these to change the
/// input size limit.
///
/// # Examples
/// ```
/// use cqc_la::{ParseErrorKind, ReportParser};
/// let parser = ReportParser::new().max_input(64);
/// let err = parser.parse(&"x".repeat(65)).unwrap_err();
/// assert!(matches!(err.kind(), ParseErrorKind::TooLarge { size: 65, limit: 64 }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportParser {
    max_input: usize,
}

impl Default for ReportParser {
    fn default() -> Self {
        ReportParser::new()
    }
}

impl ReportParser {
    /// A parser with the default limit, [`DEFAULT_MAX_INPUT`].
    #[must_use]
    pub const fn new() -> Self {
        ReportParser {
            max_input: DEFAULT_MAX_INPUT,
        }
    }

    /// Sets the largest input, in bytes, the parser accepts. Larger input fails at once with
    /// [`ParseErrorKind::TooLarge`].
    #[must_use]
    pub const fn max_input(mut self, bytes: usize) -> Self {
        self.max_input = bytes;
        self
    }

    /// The configured limit in bytes.
    #[must_use]
    pub const fn max_input_size(&self) -> usize {
        self.max_input
    }

    /// Parses report text.
    ///
    /// # Errors
    /// [`ParseErrorKind::TooLarge`] beyond the size limit, [`ParseErrorKind::Empty`] for blank
    /// input and [`ParseErrorKind::NotAReport`] when no line is something a CQC report holds.
    /// Everything else parses, with warnings in [`Report::warnings`].
    pub fn parse(&self, input: &str) -> Result<Report, ParseError> {
        if input.len() > self.max_input {
            let location = Location {
                line: 1,
                column: 1,
                offset: 0,
            };
            return Err(ParseError::new(
                ParseErrorKind::TooLarge {
                    size: input.len(),
                    limit: self.max_input,
                },
                location,
                String::new(),
            ));
        }
        let mut line_starts = Vec::new();
        let lines = lines::split(input, &mut line_starts);
        let Some(first) = lines.first() else {
            return Err(ParseError::new(
                ParseErrorKind::Empty,
                Location {
                    line: 1,
                    column: 1,
                    offset: 0,
                },
                String::new(),
            ));
        };
        let first_span = first.span;
        let report = assemble::Assembler::new(input, &line_starts).run(&lines);
        if !holds_report_content(&report) {
            let location = locate(input, &line_starts, first_span.start);
            let snippet: String = input[first_span.range()].chars().take(60).collect();
            return Err(ParseError::new(
                ParseErrorKind::NotAReport,
                location,
                snippet,
            ));
        }
        Ok(report)
    }

    /// Parses report bytes, which must be UTF-8.
    ///
    /// # Errors
    /// [`ParseErrorKind::InvalidUtf8`] pointing at the first invalid byte, and the errors of
    /// [`ReportParser::parse`].
    pub fn parse_bytes(&self, input: &[u8]) -> Result<Report, ParseError> {
        if input.len() > self.max_input {
            return Err(ParseError::new(
                ParseErrorKind::TooLarge {
                    size: input.len(),
                    limit: self.max_input,
                },
                Location {
                    line: 1,
                    column: 1,
                    offset: 0,
                },
                String::new(),
            ));
        }
        match std::str::from_utf8(input) {
            Ok(text) => self.parse(text),
            Err(err) => {
                let offset = err.valid_up_to();
                let valid = std::str::from_utf8(&input[..offset]).unwrap_or_default();
                let line = valid.matches('\n').count() + 1;
                let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
                let column = valid[line_start..].chars().count() + 1;
                let snippet: String = valid[line_start..].chars().take(60).collect();
                Err(ParseError::new(
                    ParseErrorKind::InvalidUtf8 {
                        byte: input.get(offset).copied().unwrap_or(0),
                    },
                    Location {
                        line,
                        column,
                        offset,
                    },
                    snippet,
                ))
            }
        }
    }
}

fn holds_report_content(report: &Report) -> bool {
    report.lines.header.is_some()
        || report.published.is_some()
        || report.assessment_start.is_some()
        || report.about.is_some()
        || report.financial_facts.is_some()
        || report.summary.is_some()
        || report.experiences.is_some()
        || report.strengths.is_some()
        || !report.themes.is_empty()
        || !report.statements.is_empty()
}

/// Line and column (1-based, column in characters) of a byte offset.
pub(crate) fn locate(input: &str, line_starts: &[usize], offset: usize) -> Location {
    let line = line_starts.partition_point(|&start| start <= offset).max(1);
    let start = line_starts.get(line - 1).copied().unwrap_or(0);
    let column = input
        .get(start..offset)
        .map_or(1, |s| s.chars().count() + 1);
    Location {
        line,
        column,
        offset,
    }
}

impl Report {
    /// Parses report text with the default [`ReportParser`].
    ///
    /// # Errors
    /// See [`ReportParser::parse`].
    ///
    /// # Examples
    /// ```
    /// use cqc_la::{QualityStatement, Report, Score};
    /// let text = "Northmere County Council: local authority assessment\n\
    ///             Assessment published: 14 March 2025\n\
    ///             Safeguarding\n\
    ///             Score: 3\n\
    ///             3 - Evidence shows a good standard\n";
    /// let report = Report::parse(text)?;
    /// assert_eq!(report.authority.as_deref(), Some("Northmere County Council"));
    /// assert_eq!(report.published.unwrap().to_string(), "2025-03-14");
    /// assert_eq!(report.score(QualityStatement::Safeguarding), Score::new(3));
    /// assert!(report.warnings.is_empty());
    /// # Ok::<(), cqc_la::ParseError>(())
    /// ```
    pub fn parse(input: &str) -> Result<Report, ParseError> {
        ReportParser::new().parse(input)
    }

    /// Parses report bytes, which must be UTF-8, with the default [`ReportParser`].
    ///
    /// # Errors
    /// See [`ReportParser::parse_bytes`].
    pub fn parse_bytes(input: &[u8]) -> Result<Report, ParseError> {
        ReportParser::new().parse_bytes(input)
    }
}

impl FromStr for Report {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Report::parse(s)
    }
}
