//! The crate's errors: [`ParseError`] for report text, [`ValueError`] for the small values
//! (a quality statement's title, a rating, a score, a date, a financial year, a month).

use std::fmt;

use crate::model::Location;

/// Why a report could not be parsed at all.
///
/// Parsing fails only when the input is not text, is larger than the configured limit, or holds
/// nothing a CQC report holds; everything else parses, with [`crate::Warning`]s. One word wide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(Box<ParseErrorInner>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct ParseErrorInner {
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
        ParseError(Box::new(ParseErrorInner {
            kind,
            location,
            snippet,
        }))
    }

    /// What went wrong.
    #[must_use]
    pub fn kind(&self) -> &ParseErrorKind {
        &self.0.kind
    }

    /// Where: line, column and byte offset.
    #[must_use]
    pub fn location(&self) -> Location {
        self.0.location
    }

    /// The start of the line the error points at (at most 60 characters).
    #[must_use]
    pub fn snippet(&self) -> &str {
        &self.0.snippet
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.0.kind, self.0.location)?;
        if !self.0.snippet.is_empty() {
            write!(f, ": '{}'", self.0.snippet)?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseError {}

/// A small value that could not be read from text: a quality statement, a rating, a score, a
/// date, a financial year or a month.
///
/// # Examples
/// ```
/// use cqc_la::{Rating, ValueKind};
/// let err = "Very good".parse::<Rating>().unwrap_err();
/// assert_eq!(err.kind(), ValueKind::Rating);
/// assert_eq!(
///     err.to_string(),
///     "expected a rating (Outstanding, Good, Requires improvement or Inadequate), found 'Very good'"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    kind: ValueKind,
    found: String,
}

/// What kind of value a [`ValueError`] expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ValueKind {
    /// A quality statement's title (in any spelling reports use) or id.
    QualityStatement,
    /// A rating word.
    Rating,
    /// A score from 1 to 4.
    Score,
    /// A date (`28 February 2025` or `2025-02-28`).
    Date,
    /// A financial year (`2023-24` and its other spellings).
    FinancialYear,
    /// A period (`2023-24`, `2021`, `2021-2023`, `October 2024`).
    Period,
    /// A month (`2025-02`).
    YearMonth,
}

impl ValueKind {
    fn expected(self) -> &'static str {
        match self {
            ValueKind::QualityStatement => "a quality statement title or id",
            ValueKind::Rating => "a rating (Outstanding, Good, Requires improvement or Inadequate)",
            ValueKind::Score => "a score from 1 to 4",
            ValueKind::Date => "a date like '28 February 2025' or '2025-02-28'",
            ValueKind::FinancialYear => "a financial year like '2023-24'",
            ValueKind::Period => "a period like '2023-24', '2021', '2021-2023' or 'October 2024'",
            ValueKind::YearMonth => "a month like '2025-02'",
        }
    }
}

/// The longest piece of the input an error message quotes.
const QUOTE: usize = 40;

/// At most [`QUOTE`] characters of `input`, with `...` when cut.
pub(crate) fn quote(input: &str) -> String {
    match input.char_indices().nth(QUOTE) {
        Some((cut, _)) => format!("{}...", &input[..cut]),
        None => input.to_owned(),
    }
}

impl ValueError {
    #[cold]
    pub(crate) fn new(kind: ValueKind, found: &str) -> Self {
        ValueError {
            kind,
            found: quote(found),
        }
    }

    /// What was expected.
    #[must_use]
    pub fn kind(&self) -> ValueKind {
        self.kind
    }

    /// The input, cut to at most 40 characters.
    #[must_use]
    pub fn found(&self) -> &str {
        &self.found
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "expected {}, found '{}'",
            self.kind.expected(),
            self.found
        )
    }
}

impl std::error::Error for ValueError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_one_word_wide() {
        assert_eq!(
            std::mem::size_of::<ParseError>(),
            std::mem::size_of::<usize>()
        );
    }

    #[test]
    fn long_input_is_quoted_cut() {
        let err = ValueError::new(ValueKind::Date, &"é".repeat(100));
        assert_eq!(err.found(), format!("{}...", "é".repeat(40)));
        assert_eq!(
            ValueError::new(ValueKind::Score, "7").to_string(),
            "expected a score from 1 to 4, found '7'"
        );
    }
}
