//! Stage 5: the words that say how a figure compares ("significantly lower", "in line with",
//! "not statistically different"), kept as written, and the band such words mean.

use super::phrases::{Found, Kind};
use crate::model::{Direction, VariationBand};

/// Words saying how a figure compares.
#[derive(Debug, Clone, Copy)]
pub(super) struct Wording {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) direction: Direction,
    /// Whether a metric took the words (words that did not compare anything, such as "feel
    /// better about themselves", describe a measure instead).
    pub(super) used: bool,
}

impl Wording {
    /// The band the words mean, when they mean one: "not statistically different" is no
    /// variation. Other words ("significantly higher") say nothing about CQC's band.
    pub(super) fn band(&self) -> Option<VariationBand> {
        (self.direction == Direction::NoDifference).then_some(VariationBand::NoVariation)
    }
}

/// Words after a comparative that make it a threshold, not a comparison: "more than 24 hours",
/// "more than half".
const THRESHOLDS: &[&str] = &[
    "half",
    "a half",
    "a third",
    "a quarter",
    "one",
    "two",
    "three",
    "four",
    "five",
    "ten",
    "twice",
    "double",
    "a year",
    "a month",
    "a week",
];

/// The comparison words of `text[start..end]`, in order, into `out` (emptied first): a
/// wording phrase with the intensifiers before it, the longest where phrases overlap, and none
/// inside a reference to a source ("the same survey").
pub(super) fn wordings(
    text: &str,
    (start, end): (usize, usize),
    phrases: &[Found],
    out: &mut Vec<Wording>,
) {
    out.clear();
    let covered = |s: usize, e: usize| {
        phrases.iter().any(|f| {
            matches!(f.kind, Kind::SameSource | Kind::Dataset(_)) && f.start <= s && e <= f.end
        })
    };
    for f in phrases.iter().filter(|f| f.end <= end) {
        let Kind::Wording(direction) = f.kind else {
            continue;
        };
        if covered(f.start, f.end) || out.iter().any(|w| w.start <= f.start && f.end <= w.end) {
            continue;
        }
        let tail = text.get(f.end..end).unwrap_or("");
        if let Some(t) = tail.strip_prefix(" than ") {
            let threshold = t.starts_with(|c: char| c.is_ascii_digit())
                || THRESHOLDS.iter().any(|w| t.starts_with(w));
            if threshold {
                continue;
            }
        }
        // "lower level", "more people": not a comparison unless followed by one.
        if matches!(
            direction,
            Direction::More | Direction::Less | Direction::Lower | Direction::Higher
        ) && tail.starts_with(" level")
        {
            continue;
        }
        let mut s = f.start;
        loop {
            let head = text.get(start..s).unwrap_or("").trim_end();
            let intensifier = phrases.iter().find(|p| {
                p.kind == Kind::Intensifier && start + head.len() == p.end && p.start >= start
            });
            match intensifier {
                Some(p) => s = p.start,
                None => break,
            }
        }
        out.retain(|w| !(s <= w.start && w.end <= f.end));
        out.push(Wording {
            start: s,
            end: f.end,
            direction,
            used: false,
        });
    }
    out.sort_by_key(|w| w.start);
}
