//! Every phrase the extractor looks for, found in one pass over a paragraph.
//!
//! Dataset names, comparator anchors ("average", "than", "compared to"), band anchors
//! ("positive", "no statistical variation") and direction words ("fewer", "broadly in line")
//! all start a word: one automaton finds every phrase at every word start of a paragraph,
//! overlapping ones too; each use then checks that the phrase ends a word, as the sentence it
//! searches ends.

use std::sync::LazyLock;

use super::grammar::DATASET_NAMES;
use crate::model::Direction;
use crate::text::search::{Hit, PhraseSet, is_word_end};

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

/// Every phrase, in [`Phrase`] order.
static PHRASE_SET: LazyLock<PhraseSet> =
    LazyLock::new(|| PhraseSet::new((0..PHRASES).map(phrase_text)));

/// The dataset a hit names, when its phrase is a dataset name.
pub(super) fn dataset(hit: &Hit) -> Option<crate::model::Dataset> {
    DATASET_NAMES.get(hit.phrase).map(|&(_, d)| d)
}

/// The direction a hit names, when its phrase is a direction word.
fn direction_of(hit: &Hit) -> Option<Direction> {
    let k = hit.phrase.checked_sub(DATASET_NAMES.len() + WORDS.len())?;
    DIRECTIONS.get(k).map(|&(_, d)| d)
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

    /// Replaces the hits with those of `text`: every phrase starting a word, overlapping ones
    /// too.
    pub(super) fn fill(&mut self, text: &str) {
        PHRASE_SET.find_at_word_starts(text, &mut self.all);
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
            h.phrase == usize::from(phrase.0)
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
        .find_map(direction_of)
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

    /// The reference: every phrase compared at every word start.
    fn oracle(text: &str) -> Vec<Hit> {
        let bytes = text.as_bytes();
        let mut all = Vec::new();
        for start in (0..text.len()).filter(|&i| crate::text::search::is_word_start(bytes, i)) {
            for phrase in 0..PHRASES {
                let p = phrase_text(phrase);
                if bytes[start..].starts_with(p.as_bytes()) {
                    all.push(Hit {
                        start,
                        end: start + p.len(),
                        phrase,
                    });
                }
            }
        }
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
        for &(name, expected) in DATASET_NAMES {
            let text = format!("({name} 2023-24)");
            let hits = Hits::of(&text);
            assert!(
                hits.all.iter().any(|h| h.start == 1
                    && h.end == 1 + name.len()
                    && dataset(h) == Some(expected)),
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
        assert_eq!(dataset(&all[3]), Some(crate::model::Dataset::Sace));
        assert_eq!(
            dataset(&all[4]),
            Some(crate::model::Dataset::SafeguardingAdultsCollection)
        );
        assert_eq!(dataset(&all[0]), None);
    }
}
