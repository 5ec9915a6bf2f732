//! The text being written, line by line, with its sparse map back into the HTML.
//!
//! Whitespace, line breaks, bullets and cell separators are written lazily: a break or a space
//! is only written when text follows it on the page, so lines never start or end with
//! whitespace and no line is empty.

use crate::model::Span;

/// Where a piece of written text comes from in the HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    /// The text is a copy of the HTML bytes starting here (byte for byte).
    Verbatim(usize),
    /// The text stands for the HTML bytes `start..end` (an entity, a run of whitespace, a tag
    /// that became a line break or a bullet): every byte of it maps to `start`.
    Replaced(usize, usize),
}

/// One stretch of the text with one [`Source`]: from `text` up to the next run's `text`.
#[derive(Debug, Clone, Copy)]
struct Run {
    /// Where the stretch starts in the text.
    text: usize,
    /// Where its source starts in the HTML.
    source: usize,
    /// Where its source ends in the HTML.
    source_end: usize,
    /// Whether the stretch is a byte-for-byte copy of `source..source_end`.
    verbatim: bool,
}

/// What stands before the next text of a line: a bullet or a table cell separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Prefix {
    /// `- ` before the first text of a list item.
    Bullet,
    /// ` | ` between two table cells of a row.
    Cell,
}

/// Text written line by line, with the map from each text byte back to the HTML.
#[derive(Debug, Default)]
pub(super) struct Lines {
    text: String,
    runs: Vec<Run>,
    /// The end of the source of the last byte written.
    end: usize,
    /// Whether the current line holds text.
    in_line: bool,
    /// A line break asked for since the last text.
    pending_break: bool,
    /// Collapsed whitespace since the last text of the line: its source, and whether that is
    /// one plain space.
    pending_space: Option<(usize, usize, bool)>,
    /// A bullet or cell separator for the next text, with the offset of its tag.
    pending_prefix: Option<(Prefix, usize)>,
}

impl Lines {
    /// Whether no text has been written.
    pub(super) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Whether the current line holds text.
    pub(super) fn in_line(&self) -> bool {
        self.in_line
    }

    /// Ends the current line, if it holds text.
    pub(super) fn line_break(&mut self) {
        if self.in_line {
            self.pending_break = true;
            self.pending_space = None;
        }
        // A cell separator belongs to its line; a bullet waits for the item's first text.
        if matches!(self.pending_prefix, Some((Prefix::Cell, _))) {
            self.pending_prefix = None;
        }
    }

    /// Puts `prefix` (from the tag at `at`) before the next text.
    pub(super) fn prefix(&mut self, prefix: Prefix, at: usize) {
        self.pending_prefix = Some((prefix, at));
    }

    /// Whitespace at `start..end` of the HTML: one space if text follows on the same line.
    /// `plain` says the source is one ASCII space (so the space written is a copy of it).
    pub(super) fn space(&mut self, start: usize, end: usize, plain: bool) {
        if !self.in_line || self.pending_break {
            return;
        }
        match &mut self.pending_space {
            Some(pending) => {
                pending.1 = end;
                pending.2 = false;
            }
            None => self.pending_space = Some((start, end, plain)),
        }
    }

    /// Drops a bullet still waiting for text: its list item ended empty.
    pub(super) fn end_item(&mut self) {
        if matches!(self.pending_prefix, Some((Prefix::Bullet, _))) {
            self.pending_prefix = None;
        }
    }

    /// Writes text that holds no whitespace to collapse.
    pub(super) fn text(&mut self, text: &str, source: Source) {
        if text.is_empty() {
            return;
        }
        if self.pending_break {
            self.pending_break = false;
            self.in_line = false;
            let end = self.end;
            self.push("\n", Source::Replaced(end, end));
        }
        if let Some((prefix, at)) = self.pending_prefix.take() {
            self.pending_space = None;
            let written = match prefix {
                Prefix::Bullet if self.in_line => " ",
                Prefix::Bullet => "- ",
                Prefix::Cell if self.in_line => " | ",
                Prefix::Cell => "",
            };
            self.push(written, Source::Replaced(at, at));
        } else if let Some((start, end, plain)) = self.pending_space.take() {
            if self.in_line {
                let source = if plain {
                    Source::Verbatim(start)
                } else {
                    Source::Replaced(start, end)
                };
                self.push(" ", source);
            }
        }
        self.push(text, source);
        self.in_line = true;
    }

    /// Appends `text` and its map, merging with the previous run where the source continues.
    fn push(&mut self, text: &str, source: Source) {
        if text.is_empty() {
            return;
        }
        let at = self.text.len();
        let (start, end, verbatim) = match source {
            Source::Verbatim(start) if start >= self.end => (start, start + text.len(), true),
            // Never map backwards (a position out of order becomes a replacement).
            Source::Verbatim(start) => (self.end, (start + text.len()).max(self.end), false),
            Source::Replaced(start, end) => {
                let start = start.max(self.end);
                (start, end.max(start), false)
            }
        };
        if verbatim {
            if let Some(last) = self.runs.last_mut() {
                if last.verbatim
                    && last.source_end == start
                    && last.text + (last.source_end - last.source) == at
                {
                    last.source_end = end;
                    self.text.push_str(text);
                    self.end = end;
                    return;
                }
            }
        }
        self.runs.push(Run {
            text: at,
            source: start,
            source_end: end,
            verbatim,
        });
        self.text.push_str(text);
        self.end = end;
    }

    /// The finished text and its map.
    pub(super) fn finish(self) -> super::PageText {
        super::PageText {
            text: self.text,
            map: OffsetMap {
                runs: self.runs,
                end: self.end,
            },
        }
    }
}

/// A sparse map from text offsets to HTML offsets: one entry per stretch of text with one
/// source (a text node's run of characters, an entity, a collapsed space, a line break).
#[derive(Debug, Clone, Default)]
pub(super) struct OffsetMap {
    runs: Vec<Run>,
    /// The end of the source of the last text byte.
    end: usize,
}

impl OffsetMap {
    /// The run holding text byte `offset` (which is below the text's length).
    fn run(&self, offset: usize) -> Option<&Run> {
        let i = self.runs.partition_point(|r| r.text <= offset);
        self.runs.get(i.checked_sub(1)?)
    }

    /// The HTML offset text byte `offset` comes from; the text's length and beyond map to the
    /// end of the last text's source.
    pub(super) fn source_offset(&self, offset: usize, text_len: usize) -> usize {
        if offset >= text_len {
            return self.end;
        }
        match self.run(offset) {
            Some(r) if r.verbatim => r.source + (offset - r.text),
            Some(r) => r.source,
            None => 0,
        }
    }

    /// The HTML span text bytes `span` come from: from the source of its first byte to the end
    /// of the source of its last (an entity's or a collapsed space's whole source).
    pub(super) fn source_span(&self, span: Span, text_len: usize) -> Span {
        let end = span.end.min(text_len);
        let start = self.source_offset(span.start, text_len);
        if span.start >= end {
            return Span::new(start, start);
        }
        let last = end - 1;
        let source_end = match self.run(last) {
            Some(r) if r.verbatim => r.source + (last - r.text) + 1,
            Some(r) => r.source_end,
            None => start,
        };
        Span::new(start, source_end.max(start))
    }
}
