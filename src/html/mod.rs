//! Saved CQC web pages (HTML) turned into the text a person would have copied from them, with a
//! map from every byte of that text back to the HTML, so that the parser's spans can point into
//! the page.
//!
//! # The tokenizer
//!
//! The HTML is tokenized by [html5gum], a WHATWG-conformant tokenizer (it passes html5lib's
//! tokenizer tests) with no dependencies of its own, which reports how far it has read to a
//! custom [`html5gum::Emitter`]: that is all the byte offsets need, and its character
//! references come decoded. html5ever's tokenizer and tree builder report line numbers, not
//! byte offsets, and bring markup5ever, tendril, string_cache and phf with them; lol_html gives
//! byte ranges but leaves entities undecoded (it is a rewriter) and brings cssparser and
//! selectors. What html5gum does not do, building the tree, is done here only as far as the
//! text needs it ([`page`]): a stack of open elements with the few implied end tags that decide
//! where a paragraph, a list item or a table cell ends.
//!
//! # Rules
//!
//! - Block elements (`p`, `div`, `section`, `h1`-`h6`, `li`, `dt`, `dd`, `tr`, `blockquote`,
//!   `br`, `hr`, ...) end lines; inline elements (`span`, `a`, `strong`, `abbr`, ...) and
//!   unknown ones do not. Whitespace (and the no-break space, which browsers copy as a space)
//!   collapses to one space; lines are trimmed; no line is empty. In `<pre>` a line feed ends
//!   the line.
//! - A list item's first line starts with `- `, nested lists too (not indented). Table rows are
//!   lines, their cells separated by ` | `.
//! - Not shown, so dropped with everything inside: `head` (with `title`), `script`, `style`,
//!   `noscript`, `template`, `svg`, `iframe`, `nav`, `aside`, `form`, `button`, `select`,
//!   `textarea`, `object`, `canvas`, `audio`, `video`, a `dialog` that is not `open`; the page's
//!   own `header` and `footer` (not those of an `article`, a `section` or `main`); elements
//!   with `hidden`, `aria-hidden="true"`, `display: none` or `visibility: hidden` in their
//!   `style`, or a landmark role for site chrome (`navigation`, `banner`, `contentinfo`,
//!   `search`, `complementary`); and elements whose id or class names site chrome (`cookie`,
//!   `skip-link`, `breadcrumb`, `govuk-header`, `govuk-footer`, `site-header`, `site-footer`),
//!   unless a `<main>` opens inside them.
//! - If the page has a `<main>` element (or `role="main"`) with text, only its text is taken,
//!   together with an `<h1>` that comes before it (some templates put the page title above
//!   main); otherwise the whole body minus the above.
//! - Character references are decoded (`&amp;`, `&rsquo;`, `&#8217;`, `&nbsp;` as a space);
//!   each decoded character maps to the `&` that starts it.
//! - Malformed HTML (unclosed tags, stray `<` or `&`) is read as a browser reads it: nothing
//!   visible is lost and nothing panics. An unclosed comment, `<script>` or `<style>` runs to
//!   the end of the input, as in a browser.
//!
//! # Size and time
//!
//! One pass over the input, in time linear in its size. The work per tag is bounded: an element
//! nested deeper than 512 is treated as closed at once (its content is kept; a dropped one is
//! still dropped), an implied end tag is looked for at most 64 elements down, and an end tag of
//! an element that is not open costs one hash lookup. The text is at most about the size of the
//! HTML (a few character references write more bytes than they take), the map one entry per
//! piece of text. Measured in release builds: 120-190 MB/s on pages like the fixtures, a 10 MB
//! single-line page in under 0.1 s. The parser's limit, [`crate::DEFAULT_MAX_INPUT`] (16 MiB),
//! applies to the HTML before it is converted.
//!
//! [html5gum]: https://docs.rs/html5gum

mod lines;
mod page;
mod tokens;

#[cfg(test)]
mod tests;

use crate::model::Span;

use self::lines::OffsetMap;

/// The text a person would have copied from an HTML page, with a map back into the HTML.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageText {
    text: String,
    map: OffsetMap,
}

impl PageText {
    /// The text: one line per block of the page, `\n` after every line but the last.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The HTML byte offset a text byte offset comes from (`text().len()` and beyond map to the
    /// end of the last text's source). Monotonic non-decreasing. O(log n).
    pub(crate) fn source_offset(&self, text_offset: usize) -> usize {
        self.map.source_offset(text_offset, self.text.len())
    }

    /// The HTML span a span of the text comes from: from the source of its first byte to the
    /// end of the source of its last (all of an entity, all of a collapsed run of whitespace).
    /// This is how the parser's spans (a [`crate::Origin`]'s line spans, a warning's offset)
    /// are moved into the HTML. O(log n).
    pub(crate) fn source_span(&self, span: Span) -> Span {
        self.map.source_span(span, self.text.len())
    }
}

/// Converts a page. Linear time in the input. Never panics.
pub(crate) fn page_text(html: &str) -> PageText {
    let mut page = page::Page::new();
    let events = tokens::Events::new(html, &mut page);
    // Reading a `&str` cannot fail.
    let Ok(()) = html5gum::Tokenizer::new_with_emitter(html, events).finish();
    page.finish()
}

/// Whether input looks like HTML rather than copied text: after a BOM and whitespace it starts
/// with `<!DOCTYPE html`, an HTML comment or one of the tags a saved page starts with (`<html`,
/// `<head`, `<body`, `<meta`, `<title`, `<link`, `<style`, `<script`, `<base`). Copied report
/// text never starts with `<`.
pub(crate) fn looks_like_html(input: &str) -> bool {
    let start = input.trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
    let head = start.as_bytes().get(..16).unwrap_or(start.as_bytes());
    let head = head.to_ascii_lowercase();
    if head.starts_with(b"<!--") {
        return true;
    }
    if let Some(rest) = head.strip_prefix(b"<!doctype") {
        return rest.trim_ascii_start().starts_with(b"html");
    }
    let Some(rest) = head.strip_prefix(b"<") else {
        return false;
    };
    [
        "html", "head", "body", "meta", "title", "link", "style", "script", "base",
    ]
    .iter()
    .any(|tag| {
        rest.strip_prefix(tag.as_bytes()).is_some_and(|after| {
            after
                .first()
                .is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
        })
    })
}
