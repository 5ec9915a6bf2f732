//! Source positions and verbatim text.

use std::fmt;
use std::hash::{Hash, Hasher};

/// A byte range `start..end` into the text a report was parsed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (byte offsets).
    #[must_use]
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The length in bytes.
    #[must_use]
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no bytes.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The span as a `Range`, to index the source text with.
    #[must_use]
    pub const fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// Where a part of the model came from in the parsed text: the byte span of each source line it
/// was built from (one line for almost everything, several for a hard-wrapped bullet).
///
/// Provenance is not part of a value: **two `Origin`s always compare equal** (and hash alike),
/// so a parsed report equals the same report rendered and parsed again, and a report built in
/// code equals the parsed rendering of it. Read the position with [`Origin::span`].
#[derive(Clone, Default)]
pub struct Origin {
    lines: Vec<Span>,
}

impl Origin {
    /// No position: the value was built in code, not parsed.
    #[must_use]
    pub const fn none() -> Self {
        Origin { lines: Vec::new() }
    }

    /// The origin of a value parsed from one line span.
    #[must_use]
    pub fn line(span: Span) -> Self {
        Origin { lines: vec![span] }
    }

    /// The origin of a value joined from several line spans (in order).
    #[must_use]
    pub fn lines(spans: Vec<Span>) -> Self {
        Origin { lines: spans }
    }

    /// Adds the span of one more source line (a hard-wrapped line's continuation).
    pub(crate) fn push_line(&mut self, span: Span) {
        self.lines.push(span);
    }

    /// The whole span, from the start of the first line to the end of the last.
    #[must_use]
    pub fn span(&self) -> Option<Span> {
        let first = self.lines.first()?;
        let last = self.lines.last()?;
        Some(Span::new(first.start, last.end))
    }

    /// The span of each source line, in order. Empty for values built in code.
    #[must_use]
    pub fn line_spans(&self) -> &[Span] {
        &self.lines
    }

    /// Maps a byte offset into the text of a [`Text`] with this origin to an offset in the source.
    ///
    /// A text joined from several lines has one space where each line break (and the
    /// continuation line's indentation) stood; an offset on such a space maps to the end of the
    /// line before it. Returns `None` for values built in code or offsets past the end.
    #[must_use]
    pub fn source_offset(&self, text_offset: usize) -> Option<usize> {
        let mut remaining = text_offset;
        for (i, line) in self.lines.iter().enumerate() {
            if remaining <= line.len() {
                return Some(line.start + remaining);
            }
            remaining -= line.len();
            // The joining space.
            if i + 1 < self.lines.len() {
                if remaining == 0 {
                    return Some(line.end);
                }
                remaining -= 1;
            }
        }
        None
    }
}

impl PartialEq for Origin {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Origin {}

impl Hash for Origin {
    fn hash<H: Hasher>(&self, _: &mut H) {}
}

impl fmt::Debug for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.span() {
            Some(span) => write!(f, "Origin({}..{})", span.start, span.end),
            None => f.write_str("Origin(none)"),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Origin {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.span() {
            Some(span) => [span.start, span.end].serialize(serializer),
            None => serializer.serialize_none(),
        }
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Origin {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let span = <Option<[usize; 2]> as serde::Deserialize>::deserialize(deserializer)?;
        Ok(span.map_or_else(Origin::none, |[start, end]| {
            Origin::line(Span::new(start, end))
        }))
    }
}

/// A piece of report text (a paragraph, a bullet, a subheading) exactly as written, with where
/// it came from.
///
/// `text` keeps the original characters (curly quotes, dashes, markdown `**`), without the
/// line's indentation, bullet marker and trailing whitespace. A hard-wrapped bullet's lines are
/// joined with single spaces. Equality compares the text only (see [`Origin`]).
///
/// JSON: `text`, `span` (`[start, end]` byte offsets, `null` if built in code) and, for a text
/// joined from several source lines, `lines` (each line's `[start, end]`), so that the origin
/// reads back whole.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Text {
    /// The text as written.
    pub text: String,
    /// Where it came from.
    pub origin: Origin,
}

#[cfg(feature = "serde")]
impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let lines = self.origin.line_spans();
        let mut s = serializer.serialize_struct("Text", 3)?;
        s.serialize_field("text", &self.text)?;
        s.serialize_field("span", &self.origin)?;
        if lines.len() > 1 {
            let pairs: Vec<[usize; 2]> = lines.iter().map(|l| [l.start, l.end]).collect();
            s.serialize_field("lines", &pairs)?;
        } else {
            s.skip_field("lines")?;
        }
        s.end()
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        struct Repr {
            text: String,
            #[serde(default)]
            span: Origin,
            #[serde(default)]
            lines: Vec<[usize; 2]>,
        }
        let r = <Repr as serde::Deserialize>::deserialize(deserializer)?;
        if r.lines.is_empty() {
            return Ok(Text {
                text: r.text,
                origin: r.span,
            });
        }
        let origin = Origin::lines(
            r.lines
                .iter()
                .map(|&[start, end]| Span::new(start, end))
                .collect(),
        );
        if let (Some(given), Some(joined)) = (r.span.span(), origin.span()) {
            if given != joined {
                return Err(serde::de::Error::custom(format!(
                    "a text's span [{}, {}] is not the span of its lines [{}, {}]",
                    given.start, given.end, joined.start, joined.end
                )));
            }
        }
        Ok(Text {
            text: r.text,
            origin,
        })
    }
}

impl Text {
    /// A text built in code, with no origin.
    #[must_use]
    pub fn new(text: impl Into<String>) -> Self {
        Text {
            text: text.into(),
            origin: Origin::none(),
        }
    }

    /// The text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text::new(text)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text::new(text)
    }
}
