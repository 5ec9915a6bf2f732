//! Normalisation for matching: one table of what every character of copied web text reads as.
//!
//! Two forms share the table. [`normalize`] cleans a line and keeps its case (the line
//! classifier matches headings on it); [`Normalized`] lowercases a whole paragraph without
//! moving any word, and keeps a sparse map back to the original bytes (the metric extractor
//! reports spans in the original). Title keys ([`super::key`]) go one step further and keep only
//! letters and digits.

use std::borrow::Cow;

/// What a character reads as for matching: curly quotes and the backtick as straight quotes,
/// every dash and the minus sign as `-`, any whitespace (and the BOM) as a space.
pub(crate) fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        c if c.is_whitespace() || c == '\u{FEFF}' => ' ',
        c => c,
    }
}

/// Normalises a line for matching: [`fold_char`] on every character, markdown `**` removed,
/// runs of spaces collapsed, ends trimmed. Case is kept. Borrows when nothing changes.
pub(crate) fn normalize(line: &str) -> Cow<'_, str> {
    if is_clean(line.as_bytes()) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '*' && chars.peek() == Some(&'*') {
            chars.next();
            continue;
        }
        match fold_char(c) {
            ' ' => pending_space = !out.is_empty(),
            c => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(c);
            }
        }
    }
    Cow::Owned(out)
}

/// Whether [`normalize`] leaves a line as it is: printable ASCII without `*` or a backtick, no
/// two spaces in a row and no space at either end.
fn is_clean(bytes: &[u8]) -> bool {
    let printable = |b: &u8| (b' '..=b'~').contains(b) && *b != b'*' && *b != b'`';
    bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && bytes.iter().all(printable)
        && memchr::memmem::find(bytes, b"  ").is_none()
}

/// A paragraph in lowercase with [`fold_char`] applied and markdown `**` removed, and where each
/// of its bytes came from in the original. Words never move: whitespace is kept one for one.
#[derive(Debug, Default)]
pub(crate) struct Normalized {
    text: String,
    /// `(normalised offset, original offset)` wherever the mapping does not continue the
    /// previous entry's: byte `i` comes from original byte `orig + (i - norm)` of the last entry
    /// with `norm <= i`. A run of ASCII needs one entry; every byte of a multi-byte character
    /// comes from the character's first byte. The last entry maps the end.
    anchors: Vec<(usize, usize)>,
    /// The original's length.
    len: usize,
    /// Where the original starts in a larger text: added to every original offset.
    base: usize,
}

impl Normalized {
    /// Normalises `original`.
    #[cfg(test)]
    pub(crate) fn new(original: &str) -> Self {
        let mut norm = Normalized::default();
        norm.fill(original);
        norm
    }

    /// Replaces the content with `original` normalised, reusing the buffers.
    #[cfg(test)]
    pub(crate) fn fill(&mut self, original: &str) {
        self.fill_at(original, 0);
    }

    /// [`Normalized::fill`] for a piece of a larger text that starts at `base` in it: the
    /// original offsets are the larger text's.
    pub(crate) fn fill_at(&mut self, original: &str, base: usize) {
        self.base = base;
        let mut text = std::mem::take(&mut self.text);
        text.clear();
        text.reserve(original.len());
        self.anchors.clear();
        let bytes = original.as_bytes();
        let special =
            |b: u8| b >= 0x80 || matches!(b, b'*' | b'`' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
        let mut i = 0;
        while i < bytes.len() {
            // A run of plain ASCII: copied and lowercased at once, one anchor.
            let run = bytes[i..]
                .iter()
                .position(|&b| special(b))
                .unwrap_or(bytes.len() - i);
            if run > 0 {
                let at = text.len();
                self.anchor(at, i);
                text.push_str(&original[i..i + run]);
                text[at..].make_ascii_lowercase();
                i += run;
                continue;
            }
            if bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'*') {
                i += 2;
                continue;
            }
            let Some(c) = original[i..].chars().next() else {
                break;
            };
            let mapped = fold_char(c).to_ascii_lowercase();
            let at = text.len();
            text.push(mapped);
            for k in at..text.len() {
                self.anchor(k, i);
            }
            i += c.len_utf8();
        }
        self.anchor(text.len(), original.len());
        self.text = text;
        self.len = original.len();
    }

    /// Records that normalised byte `n` comes from original byte `o`.
    fn anchor(&mut self, n: usize, o: usize) {
        if self
            .anchors
            .last()
            .is_none_or(|&(pn, po)| po + (n - pn) != o)
        {
            self.anchors.push((n, o));
        }
    }

    /// The normalised text.
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    /// The original offset of normalised offset `i` (the original's length past the end).
    pub(crate) fn original_offset(&self, i: usize) -> usize {
        self.base + self.offset_in_piece(i)
    }

    fn offset_in_piece(&self, i: usize) -> usize {
        if i > self.text.len() {
            return self.len;
        }
        let k = self.anchors.partition_point(|&(n, _)| n <= i);
        k.checked_sub(1)
            .and_then(|k| self.anchors.get(k))
            .map_or(self.len, |&(n, o)| o + (i - n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_cleaned_and_keep_their_case() {
        assert_eq!(normalize("plain line"), "plain line");
        assert!(matches!(normalize("plain line"), Cow::Borrowed(_)));
        assert_eq!(
            normalize("  \u{2018}a\u{2019}  \u{2013} **b**\u{a0}c\r"),
            "'a' - b c"
        );
        assert_eq!(normalize("\u{201C}x\u{201D}\t*y*"), "\"x\" *y*");
        assert_eq!(normalize("it`s"), "it's");
    }

    #[test]
    fn paragraphs_keep_offsets() {
        let t = Normalized::new("\u{2018}x\u{2019} **£5** \u{2013} y");
        assert_eq!(t.as_str(), "'x' £5 - y");
        let orig: Vec<usize> = (0..=t.as_str().len() + 1)
            .map(|i| t.original_offset(i))
            .collect();
        // Every byte of '£' comes from its first; the end maps to the end, and past it too.
        assert_eq!(orig, [0, 3, 4, 7, 10, 10, 12, 15, 16, 19, 20, 21, 21]);
        assert_eq!(Normalized::new("A\tB").as_str(), "a b");
    }

    proptest::proptest! {
        #[test]
        fn clean_lines_are_left_alone(s in "[a !*\t\r`\u{2019}+]{0,40}") {
            let clean = s.bytes().all(|b| (b' '..=b'~').contains(&b) && b != b'*' && b != b'`')
                && !s.contains("  ")
                && !s.starts_with(' ')
                && !s.ends_with(' ');
            proptest::prop_assert_eq!(is_clean(s.as_bytes()), clean);
            if clean {
                proptest::prop_assert!(matches!(normalize(&s), Cow::Borrowed(_)));
            }
        }

        #[test]
        fn offsets_map_into_the_original(s in "(\\PC|[*\u{2019}\u{2013} ]){0,60}") {
            let t = Normalized::new(&s);
            let mut last = 0;
            for i in 0..=t.as_str().len() {
                let o = t.original_offset(i);
                proptest::prop_assert!(o >= last && o <= s.len());
                proptest::prop_assert!(s.is_char_boundary(o));
                last = o;
            }
        }
    }
}
