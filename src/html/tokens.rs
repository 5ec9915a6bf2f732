//! html5gum's tokenizer events, with their byte positions, turned into calls on [`Page`].
//!
//! html5gum tells an [`Emitter`] how far it has read (`move_position`) and hands it text as it
//! goes (`emit_string`: a run of characters copied from the input, or what a character
//! reference or a replaced character stands for). The source of each piece of text is the
//! input between the end of the previous token or text and the current position; a piece that
//! equals the end of that stretch is a copy (mapped byte for byte), anything else maps to the
//! stretch's start (an entity's `&`).

use std::convert::Infallible;

use html5gum::{Emitter, Error, State};

use super::lines::Source;
use super::page::{Attributes, Page};

/// The tag being read.
#[derive(Debug, Default)]
struct Tag {
    end: bool,
    name: Vec<u8>,
    self_closing: bool,
    attributes: Attributes,
    /// The name of the attribute being read, until it is complete.
    attribute_name: Vec<u8>,
}

impl Tag {
    /// The current attribute's name is complete (a value may follow).
    fn attribute_named(&mut self) {
        if !self.attribute_name.is_empty() {
            self.attributes.name(&self.attribute_name);
            self.attribute_name.clear();
        }
    }

    /// The current attribute is complete.
    fn attribute_done(&mut self) {
        self.attribute_named();
        self.attributes.end();
    }
}

/// The [`Emitter`] feeding [`Page`].
#[derive(Debug)]
pub(super) struct Events<'a> {
    html: &'a str,
    page: &'a mut Page,
    /// How far the tokenizer has read.
    position: usize,
    /// Where the source of the next text starts: the end of the previous token or text.
    mark: usize,
    /// Where the tag being read starts (its `<`).
    tag_start: usize,
    tag: Tag,
    last_start_tag: Vec<u8>,
    /// The start of a character split over two strings, and where it starts.
    split: Vec<u8>,
    split_start: usize,
}

impl<'a> Events<'a> {
    pub(super) fn new(html: &'a str, page: &'a mut Page) -> Self {
        Events {
            html,
            page,
            position: 0,
            mark: 0,
            tag_start: 0,
            tag: Tag::default(),
            last_start_tag: Vec::new(),
            split: Vec::new(),
            split_start: 0,
        }
    }

    /// How far the tokenizer has read.
    fn position(&self) -> usize {
        self.position.min(self.html.len())
    }

    /// Text standing for `start..end` of the input, both moved back to character boundaries.
    fn replaced(&self, start: usize, end: usize) -> Source {
        let floor = |mut i: usize| {
            while !self.html.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        Source::Replaced(floor(start), floor(end))
    }

    /// Text from the tokenizer for input `start..end`: a copy of the input's last bytes there
    /// (after any line feed of a CR LF pair the tokenizer read), or what they stand for.
    fn copied_or_replaced(&mut self, text: &str, start: usize, end: usize) {
        if text.is_empty() {
            return;
        }
        let stretch = self.html.as_bytes().get(start..end).unwrap_or_default();
        let copy = stretch
            .strip_suffix(text.as_bytes())
            .is_some_and(|before| before.iter().all(|&b| b == b'\n'));
        let source = if copy {
            Source::Verbatim(end - text.len())
        } else {
            self.replaced(start, end)
        };
        self.page.text(text, source);
    }

    /// Writes out a split character, complete or not, whose source ends at `end`.
    fn flush_split(&mut self, end: usize) {
        if !self.split.is_empty() {
            let text = String::from_utf8_lossy(&self.split).into_owned();
            let source = self.replaced(self.split_start, end);
            self.split.clear();
            self.page.text(&text, source);
        }
    }
}

/// The length of the UTF-8 sequence a byte starts.
fn utf8_len(first: u8) -> usize {
    match first {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

impl Emitter for Events<'_> {
    type Token = Infallible;

    fn move_position(&mut self, offset: isize) {
        self.position = self.position.saturating_add_signed(offset);
    }

    fn set_last_start_tag(&mut self, last_start_tag: Option<&[u8]>) {
        self.last_start_tag.clear();
        self.last_start_tag
            .extend_from_slice(last_start_tag.unwrap_or_default());
    }

    fn emit_eof(&mut self) {
        self.flush_split(self.position());
    }

    fn emit_error(&mut self, _: Error) {}

    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn pop_token(&mut self) -> Option<Infallible> {
        None
    }

    fn init_string(&mut self) {
        self.mark = self.position();
    }

    fn emit_string(&mut self, s: &[u8]) {
        let end = self.position();
        let mut start = self.mark.min(end);
        self.mark = end;
        let mut s = s;
        if !self.split.is_empty() {
            // A character split over two strings (the tokenizer hands over the first byte
            // after a bare `&` alone): complete it with this string's first bytes.
            let missing = utf8_len(self.split[0]).saturating_sub(self.split.len());
            let taken = s
                .iter()
                .take(missing)
                .take_while(|&&b| b & 0xC0 == 0x80)
                .count();
            self.split.extend_from_slice(&s[..taken]);
            s = &s[taken..];
            start = end.saturating_sub(s.len());
            if taken == missing || !s.is_empty() {
                self.flush_split(start);
            }
        }
        match std::str::from_utf8(s) {
            Ok(text) => self.copied_or_replaced(text, start, end),
            Err(e) if e.error_len().is_none() => {
                // An incomplete character at the end: keep it for the next string.
                let whole = e.valid_up_to();
                let tail = end.saturating_sub(s.len() - whole);
                if let Ok(text) = std::str::from_utf8(&s[..whole]) {
                    self.copied_or_replaced(text, start, tail);
                }
                self.split.extend_from_slice(&s[whole..]);
                self.split_start = tail;
            }
            Err(_) => {
                let source = self.replaced(start, end);
                self.page.text(&String::from_utf8_lossy(s), source);
            }
        }
    }

    fn init_start_tag(&mut self) {
        self.tag = Tag::default();
    }

    fn init_end_tag(&mut self) {
        self.tag = Tag {
            end: true,
            ..Tag::default()
        };
    }

    fn init_comment(&mut self) {}

    fn emit_current_tag(&mut self) -> Option<State> {
        self.flush_split(self.mark);
        self.tag.attribute_done();
        self.mark = self.position();
        let tag = std::mem::take(&mut self.tag);
        if tag.end {
            self.last_start_tag.clear();
            self.page.end_tag(&tag.name);
            None
        } else {
            self.last_start_tag.clone_from(&tag.name);
            self.page
                .start_tag(&tag.name, &tag.attributes, tag.self_closing, self.tag_start)
        }
    }

    fn emit_current_comment(&mut self) {
        self.flush_split(self.mark);
        self.mark = self.position();
    }

    fn emit_current_doctype(&mut self) {
        self.flush_split(self.mark);
        self.mark = self.position();
    }

    fn set_self_closing(&mut self) {
        self.tag.self_closing = true;
    }

    fn set_force_quirks(&mut self) {}

    fn push_tag_name(&mut self, s: &[u8]) {
        self.tag.name.extend_from_slice(s);
    }

    fn push_comment(&mut self, _: &[u8]) {}

    fn push_doctype_name(&mut self, _: &[u8]) {}

    fn init_doctype(&mut self) {}

    fn init_attribute(&mut self) {
        self.tag.attribute_done();
    }

    fn init_attribute_value(&mut self) {
        self.tag.attribute_named();
    }

    fn push_attribute_name(&mut self, s: &[u8]) {
        self.tag.attribute_name.extend_from_slice(s);
    }

    fn push_attribute_value(&mut self, s: &[u8]) {
        self.tag.attribute_named();
        self.tag.attributes.value(s);
    }

    fn set_doctype_public_identifier(&mut self, _: &[u8]) {}

    fn set_doctype_system_identifier(&mut self, _: &[u8]) {}

    fn push_doctype_public_identifier(&mut self, _: &[u8]) {}

    fn push_doctype_system_identifier(&mut self, _: &[u8]) {}

    fn start_open_tag(&mut self) {
        self.tag_start = self.position().saturating_sub(1);
    }

    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        self.tag.end && !self.last_start_tag.is_empty() && self.tag.name == self.last_start_tag
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&mut self) -> bool {
        self.page.in_foreign()
    }
}
