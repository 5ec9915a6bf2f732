//! What a browser would show: open elements, what is dropped, what ends a line.
//!
//! html5gum tokenizes; this is the small part of a tree builder the text needs. It keeps a
//! stack of open elements (with the implied end tags of `p`, `li`, `dt`/`dd`, table rows and
//! cells, and `head`), knows which subtrees are not shown or are site chrome, and sends text,
//! spaces and line breaks to [`Lines`]: the text inside `<main>` to one, the rest to another.

use std::collections::HashMap;

use html5gum::State;

use super::lines::{Lines, Prefix, Source};

/// The deepest nesting of open elements kept. Deeper elements are treated as if already closed
/// (their content is kept; browsers cap the depth too, Chromium at 512), so that every end
/// tag's search is bounded.
const MAX_DEPTH: usize = 512;

/// How far down the stack an implied end tag (of `p`, `li`, a table cell ...) is looked for.
/// An element left open by it only keeps the stack deeper; the text is the same.
const IMPLIED_SCAN: usize = 64;

/// The longest attribute value kept for the chrome rules; the rest of a longer one is ignored.
pub(super) const MAX_ATTRIBUTE: usize = 1024;

/// The attributes the rules look at, as written (first occurrence wins, as in HTML).
#[derive(Debug, Default)]
pub(super) struct Attributes {
    id: Option<Vec<u8>>,
    class: Option<Vec<u8>>,
    style: Option<Vec<u8>>,
    role: Option<Vec<u8>>,
    aria_hidden: Option<Vec<u8>>,
    hidden: bool,
    open: bool,
    /// The value being read, if the rules use it.
    current: Option<Valued>,
}

/// An attribute whose value the rules read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Valued {
    Id,
    Class,
    Style,
    Role,
    AriaHidden,
}

impl Attributes {
    fn slot(&mut self, which: Valued) -> &mut Option<Vec<u8>> {
        match which {
            Valued::Id => &mut self.id,
            Valued::Class => &mut self.class,
            Valued::Style => &mut self.style,
            Valued::Role => &mut self.role,
            Valued::AriaHidden => &mut self.aria_hidden,
        }
    }

    /// An attribute's name has been read: note it, and get ready for its value if the rules
    /// use it and it is the first of its name.
    pub(super) fn name(&mut self, name: &[u8]) {
        let which = match name {
            b"id" => Valued::Id,
            b"class" => Valued::Class,
            b"style" => Valued::Style,
            b"role" => Valued::Role,
            b"aria-hidden" => Valued::AriaHidden,
            b"hidden" => {
                self.hidden = true;
                return;
            }
            b"open" => {
                self.open = true;
                return;
            }
            _ => return,
        };
        let slot = self.slot(which);
        if slot.is_none() {
            *slot = Some(Vec::new());
            self.current = Some(which);
        }
    }

    /// Part of the current attribute's value (kept up to [`MAX_ATTRIBUTE`] bytes).
    pub(super) fn value(&mut self, part: &[u8]) {
        let Some(which) = self.current else { return };
        if let Some(value) = self.slot(which) {
            let room = MAX_ATTRIBUTE.saturating_sub(value.len());
            value.extend_from_slice(part.get(..room).unwrap_or(part));
        }
    }

    /// The current attribute is complete.
    pub(super) fn end(&mut self) {
        self.current = None;
    }

    fn role_is(&self, roles: &[&[u8]]) -> bool {
        self.role.as_deref().is_some_and(|r| {
            let r = r.trim_ascii();
            roles.iter().any(|x| r.eq_ignore_ascii_case(x))
        })
    }

    /// Not rendered: `hidden`, `aria-hidden="true"`, `display: none`, `visibility: hidden`.
    fn not_rendered(&self) -> bool {
        if self.hidden {
            return true;
        }
        if self
            .aria_hidden
            .as_deref()
            .is_some_and(|v| v.trim_ascii().eq_ignore_ascii_case(b"true"))
        {
            return true;
        }
        self.style.as_deref().is_some_and(|style| {
            let squeezed: Vec<u8> = style
                .iter()
                .filter(|b| !b.is_ascii_whitespace())
                .map(u8::to_ascii_lowercase)
                .collect();
            contains(&squeezed, b"display:none") || contains(&squeezed, b"visibility:hidden")
        })
    }

    /// Site chrome named by its id or class: cookie banners, skip links, breadcrumbs, GOV.UK
    /// style page headers and footers.
    fn chrome(&self) -> bool {
        const CHROME: [&[u8]; 8] = [
            b"cookie",
            b"skip-link",
            b"skiplink",
            b"breadcrumb",
            b"govuk-header",
            b"govuk-footer",
            b"site-header",
            b"site-footer",
        ];
        [&self.id, &self.class].into_iter().flatten().any(|v| {
            let v = v.to_ascii_lowercase();
            CHROME.iter().any(|c| contains(&v, c))
        })
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

/// How an element lays out its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Flows within the line.
    Inline,
    /// Starts and ends lines.
    Block,
    /// A block whose first text is a bullet.
    ListItem,
    /// A table row: a line of cells.
    Row,
    /// A table cell: separated from the one before by ` | `.
    Cell,
}

fn layout(name: &[u8]) -> Layout {
    match name {
        b"li" => Layout::ListItem,
        b"tr" => Layout::Row,
        b"td" | b"th" => Layout::Cell,
        b"address" | b"article" | b"aside" | b"blockquote" | b"body" | b"br" | b"caption"
        | b"center" | b"dd" | b"details" | b"dialog" | b"dir" | b"div" | b"dl" | b"dt"
        | b"fieldset" | b"figcaption" | b"figure" | b"footer" | b"form" | b"frameset" | b"h1"
        | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" | b"head" | b"header" | b"hgroup" | b"hr"
        | b"html" | b"legend" | b"listing" | b"main" | b"menu" | b"nav" | b"ol" | b"optgroup"
        | b"option" | b"p" | b"plaintext" | b"pre" | b"search" | b"section" | b"summary"
        | b"table" | b"tbody" | b"tfoot" | b"thead" | b"ul" | b"xmp" => Layout::Block,
        _ => Layout::Inline,
    }
}

/// Elements that never have content (no end tag, not pushed).
fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"basefont"
            | b"bgsound"
            | b"br"
            | b"col"
            | b"embed"
            | b"frame"
            | b"hr"
            | b"img"
            | b"input"
            | b"keygen"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
    )
}

/// Elements whose content a reader never sees, or that are site furniture.
fn dropped_tag(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"noscript"
            | b"template"
            | b"svg"
            | b"iframe"
            | b"head"
            | b"title"
            | b"nav"
            | b"aside"
            | b"form"
            | b"button"
            | b"select"
            | b"textarea"
            | b"datalist"
            | b"object"
            | b"canvas"
            | b"audio"
            | b"video"
            | b"noembed"
            | b"noframes"
            | b"frameset"
    )
}

/// Elements allowed in `<head>`; any other start tag there closes it.
fn in_head(name: &[u8]) -> bool {
    matches!(
        name,
        b"base"
            | b"basefont"
            | b"bgsound"
            | b"link"
            | b"meta"
            | b"title"
            | b"noscript"
            | b"noframes"
            | b"style"
            | b"script"
            | b"template"
            | b"head"
            | b"html"
    )
}

/// Why a subtree is dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Drop {
    /// By its element or role (script, nav, page header ...) or as not rendered.
    Element,
    /// By its id or class: a guess, which a `<main>` inside it overrules.
    Chrome,
}

/// One open element: where its name starts in `Page::names`.
#[derive(Debug, Clone, Copy)]
struct Open {
    name: usize,
}

/// The conversion's state between tokens.
#[derive(Debug)]
pub(super) struct Page {
    /// The names of the open elements, back to back.
    names: Vec<u8>,
    stack: Vec<Open>,
    /// How many elements of each name are open (so that a stray end tag costs no search).
    open_count: HashMap<Vec<u8>, usize>,
    /// The outermost dropped open element (stack index) and why.
    drop: Option<(usize, Drop)>,
    /// The open `<main>` (or `role="main"`).
    main_at: Option<usize>,
    /// An open `<h1>` outside main, before any main.
    heading_at: Option<usize>,
    /// The open `<pre>`.
    pre_at: Option<usize>,
    /// The open `<svg>` or `<math>`, where `/>` closes an element.
    foreign_at: Option<usize>,
    /// The open `<head>`.
    head_at: Option<usize>,
    /// Cells seen in the current table row.
    cells: usize,
    main_seen: bool,
    /// The text inside main.
    main: Lines,
    /// The text outside main.
    body: Lines,
}

impl Page {
    pub(super) fn new() -> Self {
        Page {
            names: Vec::new(),
            stack: Vec::new(),
            open_count: HashMap::new(),
            drop: None,
            main_at: None,
            heading_at: None,
            pre_at: None,
            foreign_at: None,
            head_at: None,
            cells: 0,
            main_seen: false,
            main: Lines::default(),
            body: Lines::default(),
        }
    }

    /// The page's text: main's if the page has a main with text, else the rest.
    pub(super) fn finish(self) -> super::PageText {
        if self.main_seen && !self.main.is_empty() {
            self.main.finish()
        } else {
            self.body.finish()
        }
    }

    pub(super) fn in_foreign(&self) -> bool {
        self.foreign_at.is_some()
    }

    fn name(&self, i: usize) -> &[u8] {
        let start = self.stack[i].name;
        let end = self.stack.get(i + 1).map_or(self.names.len(), |o| o.name);
        &self.names[start..end]
    }

    /// The stack index of the nearest open `name`, looking down from the top until `stop` says
    /// to stop, at most `limit` elements down.
    fn find(&self, name: &[u8], limit: usize, stop: impl Fn(&[u8]) -> bool) -> Option<usize> {
        if self.open_count.get(name).is_none_or(|&n| n == 0) {
            return None;
        }
        for i in (0..self.stack.len()).rev().take(limit) {
            let open = self.name(i);
            if open == name {
                return Some(i);
            }
            if stop(open) {
                return None;
            }
        }
        None
    }

    /// Opens element `name` at the top of the stack; returns its index.
    fn push(&mut self, name: &[u8]) -> usize {
        self.stack.push(Open {
            name: self.names.len(),
        });
        self.names.extend_from_slice(name);
        match self.open_count.get_mut(name) {
            Some(n) => *n += 1,
            None => {
                self.open_count.insert(name.to_vec(), 1);
            }
        }
        self.stack.len() - 1
    }

    /// Closes the open element at `i` and everything opened inside it.
    fn pop_to(&mut self, i: usize) {
        for j in i..self.stack.len() {
            let start = self.stack[j].name;
            let end = self.stack.get(j + 1).map_or(self.names.len(), |o| o.name);
            if let Some(n) = self.open_count.get_mut(&self.names[start..end]) {
                *n = n.saturating_sub(1);
            }
        }
        if let Some(open) = self.stack.get(i) {
            self.names.truncate(open.name);
            self.stack.truncate(i);
        }
        let closed = |at: &mut Option<usize>| {
            if at.is_some_and(|a| a >= i) {
                *at = None;
            }
        };
        closed(&mut self.main_at);
        closed(&mut self.heading_at);
        closed(&mut self.pre_at);
        closed(&mut self.foreign_at);
        closed(&mut self.head_at);
        if self.drop.is_some_and(|(a, _)| a >= i) {
            self.drop = None;
        }
    }

    fn top_is(&self, at: Option<usize>) -> bool {
        at.is_some() && at == self.stack.len().checked_sub(1)
    }

    /// The writers text goes to now: main's, the rest's, or both for an `<h1>` before main.
    fn writers(&mut self) -> impl Iterator<Item = &mut Lines> {
        let (main, body) = match (self.main_at, self.heading_at) {
            (Some(_), _) => (true, false),
            (None, Some(_)) if !self.main_seen => (true, true),
            _ => (false, true),
        };
        [
            main.then_some(&mut self.main),
            body.then_some(&mut self.body),
        ]
        .into_iter()
        .flatten()
    }

    fn line_break(&mut self) {
        self.main.line_break();
        self.body.line_break();
    }

    /// Implied end tags: what a start tag `name` closes before it opens.
    fn close_implied(&mut self, name: &[u8], layout: Layout) {
        let boundary = |n: &[u8]| {
            matches!(
                n,
                b"ul" | b"ol" | b"menu" | b"dl" | b"table" | b"body" | b"html" | b"main"
            )
        };
        let target: Option<usize> = match name {
            b"li" => self.find(b"li", IMPLIED_SCAN, boundary),
            b"dt" | b"dd" => self.find(b"dd", IMPLIED_SCAN, boundary).max(self.find(
                b"dt",
                IMPLIED_SCAN,
                boundary,
            )),
            b"tr" => self.find(b"tr", IMPLIED_SCAN, |n| n == b"table"),
            b"td" | b"th" => {
                let row = |n: &[u8]| matches!(n, b"tr" | b"table");
                self.find(b"td", IMPLIED_SCAN, row)
                    .max(self.find(b"th", IMPLIED_SCAN, row))
            }
            _ => None,
        };
        if let Some(i) = target {
            self.pop_to(i);
        }
        // A block closes an open paragraph (the nearest open element that is not inline).
        if layout != Layout::Inline && !matches!(name, b"td" | b"th" | b"tr") {
            let block = |n: &[u8]| self::layout(n) != Layout::Inline;
            if let Some(i) = self.find(b"p", IMPLIED_SCAN, block) {
                self.pop_to(i);
            }
        }
        if matches!(name, b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6") {
            if let Some(i) = self.stack.len().checked_sub(1) {
                if matches!(self.name(i), b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6") {
                    self.pop_to(i);
                }
            }
        }
    }

    /// Whether a `<header>` or `<footer>` here is the page's (not an article's or section's).
    fn page_level(&self) -> bool {
        !(0..self.stack.len()).any(|i| matches!(self.name(i), b"main" | b"article" | b"section"))
    }

    /// A start tag from `at` in the HTML. Returns the tokenizer state its content needs.
    pub(super) fn start_tag(
        &mut self,
        name: &[u8],
        attributes: &Attributes,
        self_closing: bool,
        at: usize,
    ) -> Option<State> {
        if self.top_is(self.head_at) && !in_head(name) {
            if let Some(i) = self.head_at {
                self.pop_to(i);
            }
        }
        if name == b"body" {
            if let Some(i) = self.head_at {
                self.pop_to(i);
            }
        }
        let layout = layout(name);
        self.close_implied(name, layout);

        let is_main = name == b"main" || attributes.role_is(&[b"main"]);
        if is_main && self.drop.is_some_and(|(_, why)| why == Drop::Chrome) {
            // Main content is never chrome: the class guess was wrong.
            self.drop = None;
        }
        let dropped_before = self.drop.is_some();
        let drops = if dropped_before || matches!(name, b"html" | b"body" | b"main") {
            None
        } else if dropped_tag(name)
            || (name == b"dialog" && !attributes.open)
            || (matches!(name, b"header" | b"footer") && self.page_level())
            || attributes.role_is(&[
                b"navigation",
                b"banner",
                b"contentinfo",
                b"search",
                b"complementary",
            ])
            || attributes.not_rendered()
        {
            Some(Drop::Element)
        } else if attributes.chrome() {
            Some(Drop::Chrome)
        } else {
            None
        };

        if !dropped_before {
            self.lay_out_start(layout, drops.is_some(), at);
        }

        let foreign = self.foreign_at.is_some() || matches!(name, b"svg" | b"math");
        let closed_now = is_void(name) || (self_closing && foreign);
        // A dropped element is kept past the depth limit (one more at most: nothing inside
        // it is dropped again), so that its content stays dropped.
        if !closed_now && (self.stack.len() < MAX_DEPTH || drops.is_some()) {
            let i = self.push(name);
            if let Some(why) = drops {
                self.drop = Some((i, why));
            }
            if self.drop.is_none() {
                if is_main && self.main_at.is_none() {
                    self.main_at = Some(i);
                    self.main_seen = true;
                }
                if name == b"h1" && self.main_at.is_none() && self.heading_at.is_none() {
                    self.heading_at = Some(i);
                }
                if name == b"pre" && self.pre_at.is_none() {
                    self.pre_at = Some(i);
                }
            }
            if matches!(name, b"svg" | b"math") && self.foreign_at.is_none() {
                self.foreign_at = Some(i);
            }
            if name == b"head" && self.head_at.is_none() {
                self.head_at = Some(i);
            }
        }
        if closed_now {
            None
        } else {
            html5gum::naive_next_state(name)
        }
    }

    /// The line breaks, bullets and cell separators a start tag makes.
    fn lay_out_start(&mut self, layout: Layout, dropped: bool, at: usize) {
        match layout {
            Layout::Inline => {}
            Layout::Block | Layout::Row => {
                self.line_break();
                if layout == Layout::Row {
                    self.cells = 0;
                }
            }
            Layout::ListItem => {
                self.line_break();
                if !dropped {
                    for lines in self.writers() {
                        lines.prefix(Prefix::Bullet, at);
                    }
                }
            }
            Layout::Cell => {
                if !dropped {
                    let first = self.cells == 0;
                    self.cells += 1;
                    if !first {
                        for lines in self.writers() {
                            if lines.in_line() {
                                lines.prefix(Prefix::Cell, at);
                            }
                        }
                    }
                }
            }
        }
    }

    /// An end tag.
    pub(super) fn end_tag(&mut self, name: &[u8]) {
        let dropped_before = self.drop.is_some();
        if let Some(i) = self.find(name, MAX_DEPTH + 1, |_| false) {
            self.pop_to(i);
        } else if !matches!(name, b"p" | b"br") {
            // A stray end tag: nothing to close, nothing to lay out.
            return;
        }
        // Inside a dropped subtree nothing shows; its own end is a boundary all the same.
        if dropped_before && self.drop.is_some() {
            return;
        }
        match layout(name) {
            Layout::Inline | Layout::Cell => {}
            Layout::ListItem => {
                self.line_break();
                self.main.end_item();
                self.body.end_item();
            }
            Layout::Block | Layout::Row => {
                self.line_break();
                if matches!(name, b"ul" | b"ol" | b"menu") {
                    self.main.end_item();
                    self.body.end_item();
                }
            }
        }
    }

    /// Text from the tokenizer with where it comes from.
    pub(super) fn text(&mut self, text: &str, source: Source) {
        if self.top_is(self.head_at) && text.bytes().any(|b| !is_space(b)) {
            if let Some(i) = self.head_at {
                self.pop_to(i);
            }
        }
        if self.drop.is_some() {
            return;
        }
        let pre = self.pre_at.is_some();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let ws = space_len(&bytes[i..]);
            if ws > 0 {
                let mut j = i;
                let mut newline = false;
                while j < bytes.len() {
                    let n = space_len(&bytes[j..]);
                    if n == 0 {
                        break;
                    }
                    newline |= bytes[j] == b'\n';
                    j += n;
                }
                let (start, end, plain) = match source {
                    Source::Verbatim(at) => (at + i, at + j, &bytes[i..j] == b" "),
                    Source::Replaced(start, end) => (start, end, false),
                };
                if pre && newline {
                    self.line_break();
                } else {
                    for lines in self.writers() {
                        lines.space(start, end, plain);
                    }
                }
                i = j;
            } else {
                let mut j = i;
                while j < bytes.len() && space_len(&bytes[j..]) == 0 {
                    j += 1;
                }
                let piece = text.get(i..j).unwrap_or_default();
                let piece_source = match source {
                    Source::Verbatim(at) => Source::Verbatim(at + i),
                    replaced @ Source::Replaced(..) => replaced,
                };
                for lines in self.writers() {
                    lines.text(piece, piece_source);
                }
                i = j;
            }
        }
    }
}

/// HTML's ASCII whitespace.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

/// The length of the whitespace character at the start of `bytes`: HTML's ASCII whitespace, or
/// a no-break space (which a browser copies as a space); 0 if it starts with something else.
fn space_len(bytes: &[u8]) -> usize {
    match bytes {
        [b, ..] if is_space(*b) => 1,
        [0xC2, 0xA0, ..] => 2,
        _ => 0,
    }
}
