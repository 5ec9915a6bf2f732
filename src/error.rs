//! The fatal parse error.

use std::fmt;

use crate::Location;

/// Why a report could not be parsed at all.
///
/// Parsing fails only when the input is not text, is larger than the configured limit, or holds
/// nothing a CQC report holds; everything else parses, with [`crate::Warning`]s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    kind: ParseErrorKind,
    location: Location,
    snippet: String,
}

/// The kinds of [`ParseError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The input is empty or only whitespace.
    #[error("the input is empty")]
    Empty,
    /// The input holds no line a CQC report holds (no header, date, heading, statement or
    /// score).
    #[error(
        "no CQC local authority assessment content found: expected a header such as '<Authority>: local authority assessment', a quality statement title or a 'Score: N' line"
    )]
    NotAReport,
    /// The bytes are not UTF-8.
    #[error("the input is not UTF-8 text: invalid byte 0x{byte:02x}")]
    InvalidUtf8 {
        /// The first invalid byte.
        byte: u8,
    },
    /// The input is larger than the parser's limit.
    #[error("the input is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge {
        /// The input's size.
        size: usize,
        /// The limit.
        limit: usize,
    },
}

impl ParseError {
    #[cold]
    pub(crate) fn new(kind: ParseErrorKind, location: Location, snippet: String) -> Self {
        ParseError {
            kind,
            location,
            snippet,
        }
    }

    /// What went wrong.
    #[must_use]
    pub fn kind(&self) -> &ParseErrorKind {
        &self.kind
    }

    /// Where: line, column and byte offset.
    #[must_use]
    pub fn location(&self) -> Location {
        self.location
    }

    /// The start of the line the error points at (at most 60 characters).
    #[must_use]
    pub fn snippet(&self) -> &str {
        &self.snippet
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.kind, self.location)?;
        if !self.snippet.is_empty() {
            write!(f, ": '{}'", self.snippet)?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseError {}
