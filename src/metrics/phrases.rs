//! Every phrase the extractor looks for, found in one pass over a paragraph: dataset names,
//! words that refer back to a source ("the same survey"), comparator anchors ("average",
//! "compared with", "nationally"), band anchors ("positive", "no statistical variation") and
//! the words that say how a figure compares ("significantly lower", "in line with").
//!
//! One automaton finds every phrase at every word start of a paragraph, overlapping ones too;
//! each use then checks that the phrase ends a word where it needs to.

use std::sync::LazyLock;

use super::grammar::{DATASET_NAMES, SAME_SOURCE};
use crate::model::{Dataset, Direction};
use crate::text::search::{Hit, PhraseSet, is_word_end};

/// What a phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A dataset's name.
    Dataset(Dataset),
    /// "the same survey": the last source named.
    SameSource,
    /// A comparator anchor.
    Anchor(Anchor),
    /// "positive", "negative", "no statistical variation": where a band label may be.
    Band,
    /// Words saying how a figure compares.
    Wording(Direction),
    /// An intensifier before such words ("significantly", "slightly").
    Intensifier,
}

/// The words a comparator is built around.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Anchor {
    /// "average", "averages", "figure", "mean", "rate" after a scope: the value follows.
    Average,
    /// "than", "then" (a misspelling reports make): "than in England (66%)".
    Than,
    /// "compared to", "compared with", "in comparison to", "against", "versus": a value
    /// follows, maybe scoped after it ("compared with 79.4% nationally").
    Compared,
    /// "nationally", "in england", "across england": a scope after a value.
    ScopeAfter,
}

/// Words that intensify or soften a comparison.
const INTENSIFIERS: &[&str] = &[
    "significantly",
    "slightly",
    "somewhat",
    "much",
    "broadly",
    "considerably",
    "marginally",
    "well",
    "far",
    "a little",
    "just",
    "substantially",
    "notably",
    "markedly",
    "statistically significantly",
    "very",
];

/// Words saying how a figure compares, as the metric's wording keeps them.
const WORDINGS: &[(&str, Direction)] = &[
    ("higher", Direction::Higher),
    ("lower", Direction::Lower),
    ("more", Direction::More),
    ("fewer", Direction::Fewer),
    ("less", Direction::Less),
    ("greater", Direction::Higher),
    ("better", Direction::Better),
    ("worse", Direction::Worse),
    ("above", Direction::Above),
    ("below", Direction::Below),
    ("similar to", Direction::Similar),
    ("similar", Direction::Similar),
    ("the same as", Direction::Same),
    ("around the same", Direction::Same),
    ("about the same", Direction::Same),
    ("the same", Direction::Same),
    ("in line with", Direction::InLine),
    ("in line", Direction::InLine),
    ("consistent with", Direction::InLine),
    ("close to", Direction::Similar),
    ("comparable to", Direction::Similar),
    ("comparable with", Direction::Similar),
    ("not statistically different", Direction::NoDifference),
    ("not significantly different", Direction::NoDifference),
    (
        "no statistically significant difference",
        Direction::NoDifference,
    ),
    ("no significant difference", Direction::NoDifference),
    ("statistically similar", Direction::NoDifference),
];

/// Comparator anchors.
const ANCHORS: &[(&str, Anchor)] = &[
    ("average", Anchor::Average),
    ("averages", Anchor::Average),
    ("figure", Anchor::Average),
    ("figures", Anchor::Average),
    ("mean", Anchor::Average),
    ("level", Anchor::Average),
    ("rate", Anchor::Average),
    ("rates", Anchor::Average),
    ("score", Anchor::Average),
    ("gap", Anchor::Average),
    ("proportion", Anchor::Average),
    ("percentage", Anchor::Average),
    ("than", Anchor::Than),
    ("then", Anchor::Than),
    ("compared to", Anchor::Compared),
    ("compared with", Anchor::Compared),
    ("in comparison to", Anchor::Compared),
    ("in comparison with", Anchor::Compared),
    ("against", Anchor::Compared),
    ("versus", Anchor::Compared),
    ("vs", Anchor::Compared),
    ("nationally", Anchor::ScopeAfter),
    ("in england", Anchor::ScopeAfter),
    ("across england", Anchor::ScopeAfter),
    ("for england", Anchor::ScopeAfter),
    ("in england as a whole", Anchor::ScopeAfter),
    ("england", Anchor::ScopeAfter),
];

/// Band anchors.
const BANDS: &[&str] = &[
    "positive",
    "negative",
    "no statistical variation",
    "no significant variation",
    "no statistically significant variation",
];

/// Every phrase with what it is, in automaton order.
static PHRASES: LazyLock<Vec<(&'static str, Kind)>> = LazyLock::new(|| {
    let mut all: Vec<(&'static str, Kind)> = Vec::new();
    all.extend(DATASET_NAMES.iter().map(|&(n, d)| (n, Kind::Dataset(d))));
    all.extend(SAME_SOURCE.iter().map(|&n| (n, Kind::SameSource)));
    all.extend(ANCHORS.iter().map(|&(n, a)| (n, Kind::Anchor(a))));
    all.extend(BANDS.iter().map(|&n| (n, Kind::Band)));
    all.extend(WORDINGS.iter().map(|&(n, d)| (n, Kind::Wording(d))));
    all.extend(INTENSIFIERS.iter().map(|&n| (n, Kind::Intensifier)));
    all
});

static SET: LazyLock<PhraseSet> = LazyLock::new(|| PhraseSet::new(PHRASES.iter().map(|p| p.0)));

/// A phrase found in a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Found {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) kind: Kind,
}

/// The phrases of a paragraph's normalised text that start a word and end one, by start (the
/// longest first where several start together).
#[derive(Debug, Default)]
pub(super) struct Phrases {
    hits: Vec<Hit>,
    all: Vec<Found>,
}

impl Phrases {
    /// Replaces the phrases with those of `text`.
    pub(super) fn fill(&mut self, text: &str) {
        SET.find_at_word_starts(text, &mut self.hits);
        let bytes = text.as_bytes();
        self.all.clear();
        self.all.extend(self.hits.iter().filter_map(|h| {
            let (_, kind) = PHRASES.get(h.phrase)?;
            is_word_end(bytes, h.end).then_some(Found {
                start: h.start,
                end: h.end,
                kind: *kind,
            })
        }));
        self.all
            .sort_unstable_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    }

    /// The phrases starting in `start..end` (some may end after `end`).
    pub(super) fn within(&self, start: usize, end: usize) -> &[Found] {
        let lo = self.all.partition_point(|f| f.start < start);
        let hi = self.all.partition_point(|f| f.start < end);
        self.all.get(lo..hi.max(lo)).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrase_is_found_as_what_it_is() {
        for &(phrase, kind) in PHRASES.iter() {
            let text = format!("x ({phrase}) y");
            let mut p = Phrases::default();
            p.fill(&text);
            assert!(
                p.within(0, text.len())
                    .iter()
                    .any(|f| f.start == 3 && f.end == 3 + phrase.len() && f.kind == kind),
                "{phrase}"
            );
        }
    }

    #[test]
    fn phrases_start_and_end_words() {
        let mut p = Phrases::default();
        let text = "thankfully the sacred average (sace)";
        p.fill(text);
        let found: Vec<&str> = p
            .within(0, text.len())
            .iter()
            .map(|f| &text[f.start..f.end])
            .collect();
        assert_eq!(found, ["average", "sace"]);
    }
}
