//! Stage 5: sources and periods: dataset names, merged when only brackets or slashes separate
//! them, with the period written after them; and periods written next to a figure.

use super::figures::Tok;
use super::grammar::{self, Figure};
use super::keywords::{self};
use super::paragraph::{Draft, Found};
use crate::model::{Attribution, Dataset, FinancialYear, Period, Source};
use crate::text::search::Hit;

#[derive(Debug, Clone, Copy)]
pub(super) struct Group {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) dataset: Option<Dataset>,
    pub(super) period: Option<FinancialYear>,
    /// In parentheses and not followed by "showed": applies to what precedes it.
    pub(super) closing: bool,
    /// "(All from ...)": applies back over earlier sentences too.
    pub(super) all: bool,
}

/// Source mentions: dataset names, merged when only brackets, slashes or spaces separate them,
/// with the period written after them.
pub(super) fn groups(text: &str, start: usize, end: usize, hits: &[Hit]) -> Vec<Group> {
    let mut mentions: Vec<(usize, usize, Dataset, Option<FinancialYear>)> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = start;
    // At each place the first name (in table order) that ends a word within the sentence.
    for h in hits {
        let Some(dataset) = keywords::dataset(h) else {
            continue;
        };
        let ends_word = h.end == end || !bytes.get(h.end).is_some_and(u8::is_ascii_alphanumeric);
        if h.start < i || h.end > end || !ends_word {
            continue;
        }
        let rest = text.get(h.end..end).unwrap_or("");
        let mut e = h.end;
        let mut period = None;
        if let Ok((rest, fy)) = grammar::period_after(rest) {
            e = end - rest.len();
            period = Some(fy);
        }
        mentions.push((h.start, e, dataset, period));
        i = e;
    }
    let mut out = merge(text, mentions);
    for g in &mut out {
        classify(text, (start, end), g);
    }
    out
}

/// Merges mentions separated only by brackets, slashes or spaces ("Adult Social Care Survey
/// (ASCS 2023-24)").
pub(super) fn merge(
    text: &str,
    mentions: Vec<(usize, usize, Dataset, Option<FinancialYear>)>,
) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let mut datasets: Vec<Dataset> = Vec::new();
    for (s, e, dataset, period) in mentions {
        let joined = out.last().is_some_and(|g| {
            text.get(g.end..s)
                .is_some_and(|gap| gap.chars().all(|c| matches!(c, ' ' | '(' | ')' | '/')))
        });
        match out.last_mut() {
            Some(g) if joined => {
                g.end = e;
                g.period = period.or(g.period);
                datasets.push(dataset);
            }
            _ => {
                if let Some(g) = out.last_mut() {
                    g.dataset = pick(&datasets);
                }
                datasets.clear();
                datasets.push(dataset);
                out.push(Group {
                    start: s,
                    end: e,
                    dataset: None,
                    period,
                    closing: false,
                    all: false,
                });
            }
        }
    }
    if let Some(g) = out.last_mut() {
        g.dataset = pick(&datasets);
    }
    out
}

/// Whether a group closes what precedes it (in parentheses, not followed by "showed") and
/// whether it is an "(All from ...)".
pub(super) fn classify(text: &str, (start, end): (usize, usize), g: &mut Group) {
    let head = text.get(start..g.start).unwrap_or("").trim_end();
    let mut stripped = head;
    let mut all = false;
    for p in [
        "all taken from",
        "all data from",
        "all from",
        "taken from",
        "data from",
        "sources:",
        "source:",
        "from",
        "all",
    ] {
        if let Some(b) = head.strip_suffix(p) {
            stripped = b.trim_end();
            all = p.starts_with("all");
            break;
        }
    }
    let enclosed = stripped.ends_with('(');
    let tail = text.get(g.end..end).unwrap_or("");
    let next_word = tail
        .trim_start_matches([' ', ')', ','])
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    let verb = matches!(
        next_word,
        "showed"
            | "shows"
            | "show"
            | "shown"
            | "data"
            | "indicated"
            | "indicates"
            | "reported"
            | "found"
            | "which"
            | "revealed"
            | "highlighted"
            | "suggested"
            | "confirmed"
            | "demonstrated"
            | "stated"
    );
    g.closing = enclosed && !verb;
    g.all = all && g.closing;
}

/// The dataset a merged mention names: the first that is a collection ("ASCOF SALT data" is
/// SALT), else ASCOF.
pub(super) fn pick(datasets: &[Dataset]) -> Option<Dataset> {
    datasets
        .iter()
        .copied()
        .find(|d| *d != Dataset::Ascof)
        .or_else(|| datasets.first().copied())
}

/// A period written next to a figure ("86% in 2023-2024", "their 2021 to 2022 performance of
/// 75%") is the figure's own. Each such period goes to the nearest figure; a comma or semicolon
/// in between counts as a long way ("21 days in 2022/23, down from 40 days in 2021 to 2022").
pub(super) fn own_periods(text: &str, found: &Found, new: &mut [Draft]) {
    let distance = |a: usize, b: usize| {
        let gap = text.get(a.min(b)..a.max(b)).unwrap_or("");
        gap.len() + if gap.contains([',', ';']) { 200 } else { 0 }
    };
    let mut own: Vec<Option<(usize, FinancialYear)>> = vec![None; new.len()];
    let free = |t: &&Tok| {
        !found
            .groups
            .iter()
            .any(|g| g.start <= t.start && t.start < g.end)
    };
    for t in found.toks.iter().filter(free) {
        let Figure::Period(fy) = t.fig else { continue };
        let best = new
            .iter()
            .enumerate()
            .map(|(k, d)| {
                let dist = if t.start >= d.hi {
                    distance(d.hi, t.start)
                } else {
                    distance(t.end, d.lo)
                };
                (k, dist)
            })
            .min_by_key(|&(_, dist)| dist);
        if let Some((dist, slot)) = best.and_then(|(k, dist)| Some((dist, own.get_mut(k)?))) {
            if slot.is_none_or(|(old, _)| dist < old) {
                *slot = Some((dist, fy));
            }
        }
    }
    for (d, own) in new.iter_mut().zip(own) {
        let Some((_, fy)) = own else { continue };
        let carried = d.carried();
        let src = d.source.get_or_insert(Source {
            dataset: None,
            period: None,
            attribution: Attribution::Period,
        });
        src.period = Some(Period::FinancialYear(fy));
        // Keep the dataset of a leading mention while taking the figure's own period.
        if let (None, Some(g)) = (src.dataset, carried) {
            src.dataset = g.dataset;
            src.attribution = Attribution::Leading;
        }
    }
}
