//! Every phrase the extractor looks for, found in one pass over a paragraph.
//!
//! Dataset names, comparator anchors ("average", "than", "compared to"), band anchors
//! ("positive", "no statistical variation") and direction words ("fewer", "broadly in line")
//! all start a word, so a paragraph is scanned once for word starts, eight bytes at a time,
//! and only the words whose first three bytes begin a phrase (found through two small tables
//! and a bit set, without a branch on the letters) are compared with those phrases. Every
//! phrase found at a word start is kept, overlapping ones too; each use then checks that the
//! phrase ends a word, as the sentence it searches ends.
//!
//! This is what a multi-pattern searcher reporting overlapping matches finds (the tests check
//! it against `aho-corasick`), restricted to word starts. On the Camden report the restriction
//! pays: 1.09 ms per report parsed with metrics against 1.13 ms with `aho-corasick`'s
//! overlapping search in its place (0.93 against 1.16 million instructions).

use std::sync::LazyLock;

use super::Direction;
use super::grammar::DATASET_NAMES;
use crate::swar::{alnum_lanes, word_at};

/// A phrase of the automaton: an index into [`DATASET_NAMES`] followed by [`WORDS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Phrase(u16);

/// The phrases other than dataset names, in [`Phrase`] order after them.
const WORDS: &[&str] = &[
    "average",
    "figure",
    "mean",
    "than",
    "then",
    "compared to",
    "compared with",
    "in comparison to",
    "in comparison with",
    "positive",
    "negative",
    "no statistical variation",
    "no significant variation",
];

/// Words saying how a figure relates to its comparator, in the order they are preferred when
/// two start at the same place; their phrases follow [`WORDS`].
pub(super) const DIRECTIONS: &[(&str, Direction)] = &[
    ("broadly in line", Direction::InLine),
    ("in line", Direction::InLine),
    ("consistent with", Direction::InLine),
    ("broadly the same", Direction::Same),
    ("around the same", Direction::Same),
    ("the same", Direction::Same),
    ("similar", Direction::Similar),
    ("more", Direction::More),
    ("fewer", Direction::Fewer),
    ("less", Direction::Less),
    ("higher", Direction::Higher),
    ("lower", Direction::Lower),
];

// Phrase numbers, list numbers and row numbers all fit in a byte.
const _: () = assert!(PHRASES < 256);

#[allow(clippy::cast_possible_truncation)] // Fewer than 256 phrases (asserted above).
const fn word(k: usize) -> Phrase {
    Phrase((DATASET_NAMES.len() + k) as u16)
}

impl Phrase {
    pub(super) const AVERAGE: Phrase = word(0);
    pub(super) const FIGURE: Phrase = word(1);
    pub(super) const MEAN: Phrase = word(2);
    pub(super) const THAN: Phrase = word(3);
    pub(super) const THEN: Phrase = word(4);
    pub(super) const COMPARED_TO: Phrase = word(5);
    pub(super) const COMPARED_WITH: Phrase = word(6);
    pub(super) const IN_COMPARISON_TO: Phrase = word(7);
    pub(super) const IN_COMPARISON_WITH: Phrase = word(8);
    pub(super) const POSITIVE: Phrase = word(9);
    pub(super) const NEGATIVE: Phrase = word(10);
    pub(super) const NO_STATISTICAL_VARIATION: Phrase = word(11);
    pub(super) const NO_SIGNIFICANT_VARIATION: Phrase = word(12);
}

fn phrase_text(id: usize) -> &'static str {
    let words = WORDS.iter().copied();
    let directions = DIRECTIONS.iter().map(|&(w, _)| w);
    DATASET_NAMES
        .iter()
        .map(|&(n, _)| n)
        .chain(words)
        .chain(directions)
        .nth(id)
        .unwrap_or("")
}

/// The number of phrases.
const PHRASES: usize = DATASET_NAMES.len() + WORDS.len() + DIRECTIONS.len();

/// Phrases by their first two bytes, as two tables: no search, and no branch on the text.
struct Heads {
    /// For a first byte, its row of `cells`; row 0 (all zeros) when no phrase starts with it.
    rows: [u8; 256],
    /// For a row and a second byte (`row * 256 + byte`), one more than the index of the list
    /// in `lists`; 0 when no phrase starts with the two bytes.
    cells: Vec<u8>,
    /// Phrases with the same first two bytes, in phrase order.
    lists: Vec<Vec<Entry>>,
    /// For each value of `cells`, the third bytes of its phrases as 256 bits (none for 0).
    thirds: Vec<[u64; 4]>,
}

/// A phrase as [`Heads`] compares it: its first eight bytes (little-endian, zero-padded) and
/// a mask of those it has, then the rest.
#[derive(Debug, Clone, Copy)]
struct Entry {
    phrase: Phrase,
    head: u64,
    mask: u64,
    text: &'static [u8],
}

impl Entry {
    fn new(phrase: Phrase, text: &'static [u8]) -> Entry {
        let mut head = [0; 8];
        let mut mask = [0; 8];
        for (k, &b) in text.iter().take(8).enumerate() {
            head[k] = b;
            mask[k] = 0xFF;
        }
        Entry {
            phrase,
            head: u64::from_le_bytes(head),
            mask: u64::from_le_bytes(mask),
            text,
        }
    }
}

static HEADS: LazyLock<Heads> = LazyLock::new(|| {
    let mut heads = Heads {
        rows: [0; 256],
        cells: vec![0; 256],
        lists: Vec::new(),
        thirds: vec![[0; 4]],
    };
    for id in 0..PHRASES {
        let text = phrase_text(id).as_bytes();
        let (Some(&b0), Some(&b1)) = (text.first(), text.get(1)) else {
            continue;
        };
        let row = match heads.rows[usize::from(b0)] {
            0 => {
                let row = heads.cells.len() / 256;
                heads.cells.extend([0; 256]);
                heads.rows[usize::from(b0)] = u8::try_from(row).unwrap_or(u8::MAX);
                row
            }
            r => usize::from(r),
        };
        let cell = row * 256 + usize::from(b1);
        let list = match heads.cells[cell] {
            0 => {
                heads.lists.push(Vec::new());
                heads.thirds.push([0; 4]);
                heads.cells[cell] = u8::try_from(heads.lists.len()).unwrap_or(u8::MAX);
                heads.lists.len()
            }
            l => usize::from(l),
        };
        let phrase = Phrase(u16::try_from(id).unwrap_or(u16::MAX));
        heads.lists[list - 1].push(Entry::new(phrase, text));
        // Every phrase has three bytes or more.
        let b2 = usize::from(text.get(2).copied().unwrap_or(0));
        heads.thirds[list][b2 >> 6] |= 1 << (b2 & 63);
    }
    heads
});

/// Word starts whose first three bytes begin a phrase, as `position << 8 | list`, gathered
/// before they are compared with the phrases.
const CANDIDATES: usize = 256;

impl Heads {
    /// One more than the index of the list of phrases starting with the bytes at `p`, and
    /// whether one of them has the third byte there too; 0 when there is no such list.
    #[inline]
    fn list_at(&self, bytes: &[u8], p: usize) -> (u8, bool) {
        let b0 = bytes.get(p).copied().unwrap_or(0);
        let b1 = bytes.get(p + 1).copied().unwrap_or(0);
        let b2 = usize::from(bytes.get(p + 2).copied().unwrap_or(0));
        let row = usize::from(self.rows[usize::from(b0)]);
        let list = self
            .cells
            .get(row * 256 + usize::from(b1))
            .copied()
            .unwrap_or(0);
        let third = self
            .thirds
            .get(usize::from(list))
            .and_then(|t| t.get(b2 >> 6))
            .is_some_and(|w| w >> (b2 & 63) & 1 != 0);
        (list, third)
    }

    /// Appends the phrases starting at each candidate, in order.
    fn compare(&self, bytes: &[u8], candidates: &[u64], all: &mut Vec<Hit>) {
        for &c in candidates {
            // Positions fit: they index a text in memory.
            let p = (c >> 8) as usize;
            let Some(list) = usize::try_from(c & 0xFF)
                .unwrap_or(0)
                .checked_sub(1)
                .and_then(|l| self.lists.get(l))
            else {
                continue;
            };
            let rest = bytes.get(p..).unwrap_or_default();
            // No phrase holds a zero byte.
            let w = word_at(bytes, p, 0);
            for e in list {
                if (w ^ e.head) & e.mask == 0
                    && (e.text.len() <= 8 || rest.get(8..e.text.len()) == e.text.get(8..))
                {
                    all.push(Hit {
                        start: p,
                        end: p + e.text.len(),
                        phrase: e.phrase,
                    });
                }
            }
        }
    }
}

/// One occurrence of a phrase that starts a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Hit {
    pub(super) start: usize,
    pub(super) end: usize,
    phrase: Phrase,
}

impl Hit {
    /// The dataset named, when the phrase is a dataset name.
    pub(super) fn dataset(&self) -> Option<super::Dataset> {
        DATASET_NAMES
            .get(usize::from(self.phrase.0))
            .map(|&(_, d)| d)
    }

    /// The direction named, when the phrase is a direction word.
    fn direction(&self) -> Option<Direction> {
        let k = usize::from(self.phrase.0).checked_sub(DATASET_NAMES.len() + WORDS.len())?;
        DIRECTIONS.get(k).map(|&(_, d)| d)
    }
}

/// The phrases of a paragraph's normalised text, by start and then phrase order.
#[derive(Debug, Default)]
pub(super) struct Hits {
    all: Vec<Hit>,
}

impl Hits {
    #[cfg(test)]
    pub(super) fn of(text: &str) -> Hits {
        let mut hits = Hits::default();
        hits.fill(text);
        hits
    }

    /// Replaces the hits with those of `text`.
    pub(super) fn fill(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let heads = &*HEADS;
        let all = &mut self.all;
        all.clear();
        let mut candidates = [0u64; CANDIDATES];
        let mut n = 0;
        // Word starts, eight bytes at a time: a letter or digit after anything else.
        let mut carry = 0;
        let mut base = 0;
        while base < bytes.len() {
            // The last few bytes are padded with zeros (not letters).
            let w = word_at(bytes, base, 0);
            let alnum = alnum_lanes(w);
            let mut starts = alnum & !(alnum << 8 | carry);
            carry = alnum >> 56;
            // Each word start whose first three bytes begin a phrase is kept without a branch on
            // the letters (those mispredict): its slot is written and counted only if it is one.
            while starts != 0 {
                let p = base + (starts.trailing_zeros() / 8) as usize;
                let (list, third) = heads.list_at(bytes, p);
                if let Some(slot) = candidates.get_mut(n) {
                    *slot = (p as u64) << 8 | u64::from(list);
                }
                n += usize::from(third);
                starts &= starts.wrapping_sub(1);
            }
            // At most four words start in eight bytes: room for the next chunk's.
            if n > CANDIDATES - 4 {
                heads.compare(bytes, candidates.get(..n).unwrap_or_default(), all);
                n = 0;
            }
            base += 8;
        }
        heads.compare(bytes, candidates.get(..n).unwrap_or_default(), all);
    }

    /// The hits starting in `start..end`.
    pub(super) fn within(&self, start: usize, end: usize) -> &[Hit] {
        let lo = self.all.partition_point(|h| h.start < start);
        let hi = self.all.partition_point(|h| h.start < end);
        self.all.get(lo..hi.max(lo)).unwrap_or_default()
    }
}

/// The whole-word occurrences of `phrase` in `text[start..end]` as `(start, end)`, in order,
/// among `hits` (which must hold every hit starting there).
pub(super) fn find<'a>(
    hits: &'a [Hit],
    text: &'a str,
    (start, end): (usize, usize),
    phrase: Phrase,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    hits.iter()
        .filter(move |h| {
            h.phrase == phrase
                && h.start >= start
                && h.end <= end
                && is_word_end(text.as_bytes(), h.end)
        })
        .map(|h| (h.start, h.end))
}

/// The first direction word in `text[lo..hi]` (by position, then [`DIRECTIONS`] order), among
/// `hits` (which must hold every hit starting there).
pub(super) fn direction(hits: &[Hit], text: &str, lo: usize, hi: usize) -> Option<Direction> {
    hits.iter()
        .filter(|h| h.start >= lo && h.end <= hi && is_word_end(text.as_bytes(), h.end))
        .find_map(Hit::direction)
}

fn is_word_end(bytes: &[u8], i: usize) -> bool {
    bytes.get(i).is_none_or(|b| !b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_numbered_in_table_order() {
        assert_eq!(phrase_text(0), DATASET_NAMES[0].0);
        assert_eq!(
            phrase_text(usize::from(Phrase::NO_SIGNIFICANT_VARIATION.0)),
            "no significant variation"
        );
        assert_eq!(
            phrase_text(DATASET_NAMES.len() + WORDS.len()),
            "broadly in line"
        );
    }

    /// What a multi-pattern searcher finds: every occurrence of every phrase, overlapping ones
    /// too, kept when it starts a word.
    fn oracle(text: &str) -> Vec<Hit> {
        use aho_corasick::{AhoCorasick, MatchKind};
        let phrases: Vec<&str> = (0..PHRASES).map(phrase_text).collect();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(phrases)
            .unwrap();
        let bytes = text.as_bytes();
        let mut all: Vec<Hit> = ac
            .find_overlapping_iter(text)
            .filter(|m| m.start() == 0 || !bytes[m.start() - 1].is_ascii_alphanumeric())
            .map(|m| Hit {
                start: m.start(),
                end: m.end(),
                phrase: Phrase(u16::try_from(m.pattern().as_u32()).unwrap()),
            })
            .collect();
        all.sort_by_key(|h| (h.start, h.phrase.0));
        all
    }

    proptest::proptest! {
        #[test]
        fn hits_are_what_a_multi_pattern_searcher_finds(
            parts in proptest::collection::vec((0..PHRASES + 6, 0..5usize), 0..30)
        ) {
            let mut text = String::new();
            for (k, sep) in parts {
                text.push_str(match k.checked_sub(PHRASES) {
                    None => phrase_text(k),
                    Some(j) => ["x", "12", "é", "the", "a", "zz9"][j],
                });
                text.push_str([" ", "", "(", "'", "\u{2019}"][sep]);
            }
            proptest::prop_assert_eq!(Hits::of(&text).all, oracle(&text));
        }

        #[test]
        fn hits_of_any_text(text in "[a-zA-Z ().0-9é]{0,200}") {
            proptest::prop_assert_eq!(Hits::of(&text).all, oracle(&text));
        }
    }

    #[test]
    fn hits_match_the_searcher_on_every_report() {
        let Some(dir) = std::env::var_os("CQC_LA_CORPUS")
            .map(std::path::PathBuf::from)
            .or_else(|| Some(std::path::PathBuf::from("../shared/corpus")))
            .filter(|d| d.is_dir())
        else {
            eprintln!("skipping: the CQC corpus is not at ../shared/corpus; set CQC_LA_CORPUS");
            return;
        };
        let (mut files, mut total) = (0, 0);
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&path).unwrap().to_lowercase();
                let hits = Hits::of(&text).all;
                assert_eq!(hits, oracle(&text), "{}", path.display());
                total += hits.len();
                files += 1;
            }
        }
        assert!(files >= 5);
        assert!(total > 200, "{total}");
    }

    #[test]
    fn every_dataset_name_is_found_as_its_dataset() {
        for &(name, dataset) in DATASET_NAMES {
            let text = format!("({name} 2023-24)");
            let hits = Hits::of(&text);
            assert!(
                hits.all.iter().any(|h| h.start == 1
                    && h.end == 1 + name.len()
                    && h.dataset() == Some(dataset)),
                "{name}"
            );
        }
        // "sac" starts "sacred" but does not end a word there: uses check the end.
        let text = "sacred";
        let hits = Hits::of(text);
        assert_eq!(hits.all.len(), 1);
        assert!(!is_word_end(text.as_bytes(), hits.all[0].end));
    }

    #[test]
    fn hits_start_words_and_overlap() {
        let text = "fewer than the england average (sace 2023-24) and thankfully no more";
        let hits = Hits::of(text);
        let starts: Vec<(usize, usize)> = hits.all.iter().map(|h| (h.start, h.end)).collect();
        // "than" in "thankfully" starts a word but does not end one; "sace" and "sac" overlap.
        assert_eq!(
            starts,
            [
                (0, 5),
                (6, 10),
                (23, 30),
                (32, 36),
                (32, 35),
                (50, 54),
                (64, 68)
            ]
        );
        let all = hits.within(0, text.len());
        assert_eq!(
            find(all, text, (0, text.len()), Phrase::THAN).collect::<Vec<_>>(),
            [(6, 10)]
        );
        assert_eq!(direction(all, text, 0, text.len()), Some(Direction::Fewer));
        assert_eq!(direction(all, text, 1, 60), None);
        assert_eq!(hits.within(31, 40).len(), 2);
        // At one place, names in table order: "sace" before "sac".
        assert_eq!(all[3].dataset(), Some(super::super::Dataset::Sace));
        assert_eq!(
            all[4].dataset(),
            Some(super::super::Dataset::SafeguardingAdultsCollection)
        );
        assert_eq!(all[0].dataset(), None);
    }
}
