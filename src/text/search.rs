//! Case-blind search: fixed phrases with `aho-corasick`, single needles with `memchr`.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// Where the lowercase ASCII `needle` first occurs in `haystack`, in any ASCII case.
pub(crate) fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let last_start = hay.len().checked_sub(needle.len())?;
    // Look for the needle's first letter (in either case) with memchr, and compare the whole
    // needle only there.
    let k = needle.iter().position(u8::is_ascii_alphabetic).unwrap_or(0);
    let Some(&anchor) = needle.get(k) else {
        return Some(0);
    };
    let (lower, upper) = (anchor.to_ascii_lowercase(), anchor.to_ascii_uppercase());
    let window = hay.get(k..=last_start + k)?;
    memchr::memchr2_iter(lower, upper, window).find(|&i| {
        hay.get(i..i + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// Whether `haystack` contains the lowercase ASCII `needle`, in any ASCII case.
pub(crate) fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    find_ignore_case(haystack, needle).is_some()
}

/// Whether `s` starts with the ASCII `prefix`, in any ASCII case.
pub(crate) fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.as_bytes()
        .get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Whether `s` ends with the ASCII `suffix`, in any ASCII case.
pub(crate) fn ends_with_ignore_case(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.as_bytes()
            .get(s.len() - suffix.len()..)
            .is_some_and(|t| t.eq_ignore_ascii_case(suffix.as_bytes()))
}

/// Whether the byte at `i` does not continue a word (or is past the end).
pub(crate) fn is_word_end(bytes: &[u8], i: usize) -> bool {
    bytes.get(i).is_none_or(|b| !b.is_ascii_alphanumeric())
}

/// Whether a word starts at `i`.
pub(crate) fn is_word_start(bytes: &[u8], i: usize) -> bool {
    i == 0 || bytes.get(i - 1).is_some_and(|b| !b.is_ascii_alphanumeric())
}

/// One occurrence of a phrase of a [`PhraseSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Where it starts.
    pub(crate) start: usize,
    /// Where it ends.
    pub(crate) end: usize,
    /// Its position in the list the set was built from.
    pub(crate) phrase: usize,
}

/// A fixed list of phrases, found together in one pass.
#[derive(Debug)]
pub(crate) struct PhraseSet {
    searcher: AhoCorasick,
}

impl PhraseSet {
    /// A set of phrases, matched byte for byte (give lowercase phrases to search lowercased
    /// text).
    ///
    /// # Panics
    /// When the phrases are too many or too long for an automaton (never for the crate's own
    /// short lists, which tests build).
    pub(crate) fn new<I, P>(phrases: I) -> PhraseSet
    where
        I: IntoIterator<Item = P>,
        P: AsRef<[u8]>,
    {
        // A DFA: the phrase lists are small (a few hundred phrases), so its memory is a few
        // hundred kilobytes, and it searches about twice as fast as the default here.
        let searcher = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(phrases)
            .expect("a phrase automaton of the crate's own phrases builds");
        PhraseSet { searcher }
    }

    /// Whether any phrase occurs in `text`.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.searcher.is_match(text)
    }

    /// The occurrences of the phrases in `text`, as start and end, without overlaps, in order.
    pub(crate) fn find_iter<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.searcher.find_iter(text).map(|m| (m.start(), m.end()))
    }

    /// Every occurrence of every phrase that starts a word in `text`, overlapping ones too, by
    /// start and then phrase order, into `out` (emptied first). Whether a hit also ends a word
    /// is the caller's question ([`is_word_end`]).
    pub(crate) fn find_at_word_starts(&self, text: &str, out: &mut Vec<Hit>) {
        out.clear();
        let bytes = text.as_bytes();
        out.extend(
            self.searcher
                .find_overlapping_iter(text)
                .filter(|m| is_word_start(bytes, m.start()))
                .map(|m| Hit {
                    start: m.start(),
                    end: m.end(),
                    phrase: m.pattern().as_usize(),
                }),
        );
        out.sort_unstable_by_key(|h| (h.start, h.phrase));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn case_blind_search_is_lowercased_search(hay in "[a-cA-C sé]{0,30}", needle in "[a-c s]{0,4}") {
            let expected = hay.to_ascii_lowercase().find(&needle);
            proptest::prop_assert_eq!(find_ignore_case(&hay, &needle), expected);
        }
    }

    #[test]
    fn affixes_in_any_case() {
        assert!(starts_with_ignore_case("Published: 3 May", "published"));
        assert!(ends_with_ignore_case("Camden Assessment", " assessment"));
        assert!(!ends_with_ignore_case("é", "xx"));
    }

    #[test]
    fn phrases_start_words_and_overlap() {
        let set = PhraseSet::new(["sace", "sac", "than", "average"]);
        let text = "than average (sace) thankfully isaac";
        let mut hits = Vec::new();
        set.find_at_word_starts(text, &mut hits);
        let found: Vec<(usize, usize, usize)> =
            hits.iter().map(|h| (h.start, h.end, h.phrase)).collect();
        assert_eq!(
            found,
            [(0, 4, 2), (5, 12, 3), (14, 18, 0), (14, 17, 1), (20, 24, 2)]
        );
        assert!(!is_word_end(text.as_bytes(), 24));
    }
}
