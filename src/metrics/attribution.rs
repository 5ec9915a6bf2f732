//! Stage 6: pairing each value with its own comparator, and attributing bands and sources within
//! a sentence.

use super::comparators::{Comp, comparators};
use super::figures::{Tok, part_of_subject, units_pair};
use super::grammar::Figure;
use super::paragraph::{Draft, Found, source_of};
use super::sources::{Group, own_periods};
use crate::model::Attribution;

/// Pairs each comparator with the nearest unpaired value of a compatible unit written before
/// it (after the previous comparator), else with the first one after it (before the next).
/// Returns each value token with the index of its comparator.
pub(super) fn pair(
    toks: &[Tok],
    comps: &[Comp],
    (s, e): (usize, usize),
) -> Vec<(usize, Option<usize>)> {
    let is_comp = |i: usize| comps.iter().any(|c| c.tok == i);
    let mut values: Vec<(usize, Option<usize>)> = toks
        .iter()
        .enumerate()
        .filter(|&(i, t)| matches!(t.fig, Figure::Value(..)) && !is_comp(i))
        .map(|(i, _)| (i, None))
        .collect();
    let start_of = |i: usize| toks.get(i).map_or(0, |t| t.start);
    let mut prev_end = s;
    for (ci, c) in comps.iter().enumerate() {
        let c_start = start_of(c.tok);
        let next_start = comps
            .get(ci + 1)
            .map_or(e, |n| n.intro.min(start_of(n.tok)));
        let fits = |vi: usize| -> bool {
            toks.get(vi)
                .zip(toks.get(c.tok))
                .is_some_and(|(v, ct)| match v.fig {
                    Figure::Value(_, u) => units_pair(u, &ct.fig).is_some(),
                    _ => false,
                })
        };
        let free = |vi: usize, p: Option<usize>| p.is_none() && fits(vi);
        let before = values.iter().rposition(|&(vi, p)| {
            free(vi, p) && start_of(vi) >= prev_end && start_of(vi) < c.intro.min(c_start)
        });
        let chosen = before.or_else(|| {
            values.iter().position(|&(vi, p)| {
                free(vi, p) && start_of(vi) > c_start && start_of(vi) < next_start
            })
        });
        if let Some(slot) = chosen.and_then(|k| values.get_mut(k)) {
            slot.1 = Some(ci);
        }
        prev_end = toks.get(c.tok).map_or(prev_end, |t| t.end);
    }
    values
}

/// Pairs values with comparators in one sentence and attributes in-sentence bands, sources and
/// periods.
pub(super) fn sentence_drafts(
    text: &str,
    (s, e): (usize, usize),
    found: &Found,
    forward: Option<Group>,
    drafts: &mut Vec<Draft>,
) {
    let toks = found.toks.as_slice();
    let comps = comparators(text, s, e, toks, found.hits);
    let first = drafts.len();
    for (vi, ci) in pair(toks, &comps, (s, e)) {
        let Some(&vt) = toks.get(vi) else { continue };
        let Figure::Value(value, unit) = vt.fig else {
            continue;
        };
        if ci.is_none() && part_of_subject(text, vt, unit) {
            continue;
        }
        let comp = ci.and_then(|ci| comps.get(ci)).and_then(|c| {
            let ct = toks.get(c.tok)?;
            Some((c.clone(), units_pair(unit, &ct.fig)?, ct.end))
        });
        let (lo, hi) = match &comp {
            Some((c, _, cend)) => (vt.start.min(c.intro), vt.end.max(*cend)),
            None => (vt.start, vt.end),
        };
        drafts.push(Draft {
            value,
            unit,
            value_tok: vt,
            comp,
            band: None,
            source: None,
            forward,
            lo,
            hi,
            clause: (s, e),
            sentence: (s, e),
        });
    }
    let new = drafts.get_mut(first..).unwrap_or_default();
    // Clauses: between neighbours.
    let bounds: Vec<(usize, usize)> = new.iter().map(|d| (d.lo, d.hi)).collect();
    for (k, d) in new.iter_mut().enumerate() {
        let lo = if k == 0 {
            s
        } else {
            bounds.get(k - 1).map_or(s, |b| b.1)
        };
        let hi = bounds.get(k + 1).map_or(e, |b| b.0);
        d.clause = (lo.min(d.lo), hi.max(d.hi));
    }
    // Bands: to the comparison they stand in or follow, else the first that follows.
    for b in &found.bands {
        let target = new
            .iter()
            .rposition(|d| d.comp.is_some() && d.lo <= b.start)
            .or_else(|| new.iter().position(|d| d.comp.is_some()));
        if let Some(d) = target.and_then(|k| new.get_mut(k)) {
            if d.band.is_none() {
                d.band = Some(*b);
            }
        }
    }
    // Sources: a closing group after the metric, else the last leading group before it.
    for d in new.iter_mut() {
        let closing = found.groups.iter().find(|g| g.closing && g.start >= d.hi);
        let leading = found
            .groups
            .iter()
            .rev()
            .find(|g| !g.closing && g.end <= d.lo);
        d.source = closing
            .or(leading)
            .map(|g| source_of(g, Attribution::Sentence));
    }
    own_periods(text, found, new);
}
