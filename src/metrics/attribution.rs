//! Stage 7: within a sentence, which figures are metrics, and each metric's comparator, band,
//! comparison words, source and period.
//!
//! - **Metrics** are the figures with a unit that are neither a comparator's value nor part of
//!   a measure's name, and the bare numbers whose words make them counts: "(72,581)" after a
//!   percentage, "a population of 310,681", "812 of them", "complaints fell from 148".
//! - **Comparators** with a value go first: a list ("the England averages of X and Y
//!   respectively") to as many metrics of a compatible unit, in order, before it (or after it,
//!   when it leads the list); one value to the nearest free metric before it since the previous
//!   comparator, else the first after it. Averages named without a number then go to a metric
//!   still without one, the same way.
//! - **Bands** go to the metric whose comparison they follow; **comparison words** to the
//!   metric of the comparator they lead into, else the nearest metric with a comparator.
//! - **Sources**: a closing one ("(SALT 2023-24)") to the metrics before it since the previous
//!   closing one; else the last leading one before the metric; else one that trails the metric
//!   with no metric after it ("... was 71.2% in the Adult Social Care Survey 2023-24").
//! - **Periods** written on their own: one period to every metric of the sentence; several to
//!   the nearest metric each (a comma or semicolon counts as a long way); a projection ("by
//!   2041") only to the metrics it follows after "to".

use rust_decimal::Decimal;

use super::bands::BandLabel;
use super::comparators::Comp;
use super::figures::Fig;
use super::grammar::{Figure, noun_unit};
use super::sources::{FreePeriod, Mention};
use super::wording::Wording;
use crate::model::{Direction, Period, Unit};

/// A metric of a sentence being assembled.
#[derive(Debug, Clone)]
pub(super) struct Draft {
    pub(super) value: Decimal,
    pub(super) unit: Unit,
    /// The figure's span.
    pub(super) start: usize,
    pub(super) end: usize,
    /// A bare count in brackets right after a metric: same measure as that one.
    pub(super) follows: Option<usize>,
    /// In "from A to B" ("predicted to increase from 13.49% to 19.48% by 2041"): A is the
    /// baseline, B names what A names, changed.
    pub(super) change: Option<Change>,
    /// A number without a unit: a metric (a score, read as a rate) only when a comparator
    /// with a value is set against it ("a quality of life score of 19.2, compared to an
    /// England average of 19.0").
    pub(super) bare: bool,
    pub(super) comp: Option<Comp>,
    /// The comparator's value, when it has one.
    pub(super) comp_value: Option<Decimal>,
    pub(super) band: Option<BandLabel>,
    pub(super) wording: Option<Wording>,
    pub(super) mention: Option<Mention>,
    /// Other sources the same words name ("the ASCS (2023-24) and ASCOF SALT data (2023-24)
    /// showed ..."): the measure's own dataset, if among them, is taken instead.
    pub(super) alternatives: Vec<Mention>,
    pub(super) period: Option<Period>,
    /// Dated relative to another figure ("up from 76.5% a year earlier"): its period is not
    /// the one its source states, and no other is known.
    pub(super) earlier: bool,
    /// The sentence.
    pub(super) sentence: (usize, usize),
}

/// A metric's part in a change ("from A to B", "B, up from A").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Change {
    /// A of "from A to B": the value changed from, today's where B is projected.
    From,
    /// Described by the words of another metric of the sentence (its index among the
    /// sentence's drafts): B of "from A to B", A of "B, up from A".
    Like(usize),
}

/// Marks the metrics of changes in a sentence: "from A to B" (B is described by A's words) and
/// "B, up from A" (A by B's).
fn mark_changes(text: &str, drafts: &mut [Draft]) {
    for i in 0..drafts.len() {
        if drafts[i].follows.is_some() || drafts[i].change.is_some() {
            continue;
        }
        let before = text
            .get(drafts[i].sentence.0..drafts[i].start)
            .unwrap_or("")
            .trim_end();
        let from = before.ends_with(" from") || before == "from";
        if !from {
            continue;
        }
        let to = (i + 1..drafts.len()).find(|&j| {
            drafts[j].follows.is_none()
                && drafts[j].unit == drafts[i].unit
                && text
                    .get(drafts[i].end..drafts[j].start)
                    .is_some_and(|gap| gap.trim_end().ends_with(" to") && !breaks_clause(gap))
        });
        if let Some(j) = to {
            drafts[i].change = Some(Change::From);
            drafts[j].change = Some(Change::Like(i));
            continue;
        }
        // "14.7% ..., up from 9.8% in 2011": the same measure, earlier.
        let earlier = (0..i)
            .rev()
            .find(|&j| drafts[j].unit == drafts[i].unit && drafts[j].follows.is_none());
        let marker = [
            "up from",
            "down from",
            "rising from",
            "falling from",
            "increasing from",
            "decreasing from",
            "an increase from",
            "a decrease from",
            "compared with",
            "compared to",
        ]
        .iter()
        .any(|m| before.ends_with(m));
        if let (Some(j), true) = (earlier, marker) {
            drafts[i].change = Some(Change::Like(j));
        }
    }
}

/// Whether text between two parts of a sentence ends a clause (a semicolon, or a full stop
/// that is not a decimal point).
fn breaks_clause(gap: &str) -> bool {
    gap.contains(';') || gap.contains(". ") || gap.ends_with('.')
}

/// What one sentence holds.
#[derive(Debug, Default)]
pub(super) struct Found {
    pub(super) figs: Vec<Fig>,
    pub(super) comps: Vec<Comp>,
    pub(super) bands: Vec<BandLabel>,
    pub(super) wordings: Vec<Wording>,
    pub(super) mentions: Vec<Mention>,
    pub(super) periods: Vec<FreePeriod>,
    /// Bare numbers of the sentence read as no figure (no unit, no noun, no comparison), to
    /// report.
    pub(super) dropped: Vec<(usize, usize)>,
}

/// Verbs that end in a quantity of their subject: "calls ... rose to 9,870".
const QUANTITY: &[&str] = &[
    "rose to",
    "fell to",
    "increased to",
    "decreased to",
    "grew to",
    "dropped to",
    "reached",
    "totalled",
    "totaled",
    "numbered",
    "stood at",
];

/// The unit the words around a bare number give it, if they make it a count.
fn bare_unit(
    text: &str,
    (s, _): (usize, usize),
    figs: &[Fig],
    k: usize,
    earlier: &[Draft],
) -> Option<Unit> {
    let f = figs.get(k)?;
    // "a quality of life score ... was 18.9": a count is a whole number.
    if let Figure::Bare(v) = f.figure {
        if !v.fract().is_zero() {
            return None;
        }
    }
    let before = text.get(s..f.start).unwrap_or("");
    let after = text.get(f.end..).unwrap_or("");
    // "(72,581)" right after a percentage: how many people that is.
    let prev = k.checked_sub(1).and_then(|p| figs.get(p));
    // "21.8% of residents (71,370)" too: a few words between, in one clause.
    if before.ends_with('(')
        && after.starts_with(')')
        && prev.is_some_and(|p| {
            matches!(p.figure, Figure::Value(_, Unit::Percent))
                && text.get(p.end..f.start).is_some_and(|gap| {
                    let words = gap
                        .trim_end_matches('(')
                        .split(' ')
                        .filter(|w| !w.is_empty())
                        .count();
                    words <= 3 && !gap.contains([',', ';', ')'])
                })
        })
    {
        return Some(Unit::People);
    }
    let b = before.trim_end();
    if [
        "population of",
        "population is",
        "population was",
        "population of around",
        "population of about",
        "population of approximately",
        "population of over",
    ]
    .iter()
    .any(|p| b.ends_with(p))
    {
        return Some(Unit::People);
    }
    if ["of them", "of these", "of those", "of whom"]
        .iter()
        .any(|p| after.trim_start().starts_with(p))
    {
        return Some(Unit::People);
    }
    // "rose to 2,140 in 2024, from 1,480 in 2022": the count before it in the sentence.
    if b.ends_with(" from") || b.ends_with(" to") {
        if let Some(d) = earlier
            .last()
            .filter(|d| matches!(d.unit, Unit::People | Unit::Count))
        {
            return Some(d.unit);
        }
    }
    // "Calls to the community helpline, run by ..., rose to 9,870": a verb of quantity
    // after the sentence's subject, a count noun among its first words.
    if QUANTITY.iter().any(|v| b.ends_with(v)) {
        let subject = b
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(4)
            .find_map(noun_unit);
        if subject.is_some() {
            return subject;
        }
    }
    // "Of the contacts received in 2023-24, 7,950 led to a referral": the things the
    // sentence opens with.
    if let Some(rest) = b.strip_prefix("of the ").or_else(|| b.strip_prefix("of ")) {
        let opening = rest
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(3)
            .find_map(noun_unit);
        if opening.is_some() && (rest.contains(", ") || rest.ends_with(',')) {
            return opening;
        }
    }
    // A count noun shortly before, in the same clause: "complaints fell from 148".
    // (Six words back at most: a bounded window, so each figure costs the same.)
    let from = (b.len().saturating_sub(120)..=b.len())
        .find(|&k| b.is_char_boundary(k))
        .unwrap_or(b.len());
    let window = b.get(from..).unwrap_or("");
    let clause = window
        .rsplit([',', ';', ':', '(', ')'])
        .next()
        .unwrap_or("");
    clause
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(6)
        .take_while(|w| !w.starts_with(|c: char| c.is_ascii_digit()))
        .find_map(noun_unit)
}

/// Whether a comparator's value in `unit_c` can be set against a metric in `unit`.
pub(super) fn compatible(unit: Unit, comp_fig: &Fig) -> bool {
    match comp_fig.figure {
        Figure::Value(_, u) => {
            u == unit
                || matches!(
                    (u, unit),
                    (Unit::Rate | Unit::Percent, Unit::Rate | Unit::Percent)
                )
        }
        Figure::Bare(_) => true,
        _ => false,
    }
}

/// The drafts of one sentence.
pub(super) fn drafts(text: &str, sentence: (usize, usize), found: &mut Found) -> Vec<Draft> {
    let figs = &found.figs;
    let comp_values: Vec<usize> = found
        .comps
        .iter()
        .flat_map(|c| c.values.iter().copied())
        .collect();
    let mut out: Vec<Draft> = Vec::new();
    for (k, f) in figs.iter().enumerate() {
        if comp_values.contains(&k) || f.in_name {
            continue;
        }
        let (value, unit, follows, bare) = match f.figure {
            Figure::Value(v, u) => (v, u, None, false),
            Figure::Bare(v) => match bare_unit(text, sentence, figs, k, &out) {
                Some(u) => {
                    let follows = (u == Unit::People
                        && text.get(..f.start).is_some_and(|b| b.ends_with('(')))
                    .then(|| out.len().checked_sub(1))
                    .flatten();
                    (v, u, follows, false)
                }
                None => (v, Unit::Rate, None, true),
            },
            _ => continue,
        };
        out.push(Draft {
            value,
            unit,
            start: f.start,
            end: f.end,
            follows,
            change: None,
            bare,
            comp: None,
            comp_value: None,
            band: None,
            wording: None,
            mention: None,
            earlier: false,
            alternatives: Vec::new(),
            period: None,
            sentence,
        });
    }
    pair(text, figs, &found.comps, &mut out);
    let kept =
        |d: &Draft| !d.bare || d.comp_value.is_some() || (d.comp.is_some() && bracketed(text, d));
    found.dropped.clear();
    found
        .dropped
        .extend(out.iter().filter(|d| !kept(d)).map(|d| (d.start, d.end)));
    out.retain(kept);
    mark_changes(text, &mut out);
    assign_bands(&found.bands, &mut out);
    assign_wordings(text, &mut found.wordings, &found.comps, &mut out);
    assign_sources(text, &found.mentions, &mut out);
    assign_periods(text, &found.periods, &mut out);
    out
}

/// Whether a figure is a baseline or a target rather than the current figure ("up from 61.0%",
/// "fell to 538.1 from 601.7", "a target of 85.0%"): an average goes to the current figure of
/// its sentence first.
pub(super) fn set_aside(text: &str, d: &Draft) -> bool {
    let before = text.get(d.sentence.0..d.start).unwrap_or("").trim_end();
    let mut words = before.rsplit(' ');
    let last = words.next().unwrap_or("");
    let second = words.next().unwrap_or("");
    last == "from"
        || (last == "of" && matches!(second, "target" | "aim" | "ambition" | "goal"))
        || (matches!(last, "was" | "is") && second == "target")
}

/// Pairs comparators with metrics: those with values first, then those without.
fn pair(text: &str, figs: &[Fig], comps: &[Comp], drafts: &mut [Draft]) {
    let mut prev_end = 0;
    for (ci, c) in comps.iter().enumerate() {
        if c.values.is_empty() {
            continue;
        }
        let next_intro = comps.get(ci + 1).map_or(usize::MAX, |n| n.intro);
        let free = |d: &Draft, k: usize| {
            d.comp.is_none() && figs.get(k).is_some_and(|f| compatible(d.unit, f))
        };
        if c.values.len() > 1 {
            // A list: as many free metrics before it, in order; else after it.
            let before: Vec<usize> = (0..drafts.len())
                .filter(|&i| drafts[i].start < c.intro && drafts[i].start >= prev_end)
                .collect();
            let after: Vec<usize> = (0..drafts.len())
                .filter(|&i| drafts[i].start >= c.end && drafts[i].start < next_intro)
                .collect();
            let n = c.values.len();
            let pick = |pool: &[usize], drafts: &[Draft]| -> Option<Vec<usize>> {
                let free: Vec<usize> = pool
                    .iter()
                    .copied()
                    .filter(|&i| drafts[i].comp.is_none() && drafts[i].follows.is_none())
                    .collect();
                (free.len() >= n).then(|| free[free.len() - n..].to_vec())
            };
            let chosen = pick(&before, drafts).or_else(|| {
                let free: Vec<usize> = after
                    .iter()
                    .copied()
                    .filter(|&i| drafts[i].comp.is_none() && drafts[i].follows.is_none())
                    .collect();
                (free.len() >= n).then(|| free[..n].to_vec())
            });
            if let Some(chosen) = chosen {
                for (&i, &k) in chosen.iter().zip(&c.values) {
                    if free(&drafts[i], k) {
                        set_comp(&mut drafts[i], c, figs.get(k));
                    }
                }
            }
        } else {
            let k = c.values[0];
            // A figure with a unit before a bare number: "19.3% were 65 and over (England
            // 18.6%)"; the current figure before a baseline or a target ("64.2%, up from
            // 61.0% in 2022-23, against an England average of 71.1%").
            // The figures before the comparator come first, then those after it: "a score of
            // 7.1 (England 7.3), and 51.0% ...": the bracket is 7.1's.
            let find = |after: bool, bare: bool, aside: bool| {
                let eligible = |d: &Draft| {
                    free(d, k)
                        && d.follows.is_none()
                        && d.bare == bare
                        && (aside || !set_aside(text, d))
                };
                if after {
                    (0..drafts.len()).find(|&i| {
                        drafts[i].start >= c.end
                            && drafts[i].start < next_intro
                            && eligible(&drafts[i])
                    })
                } else {
                    (0..drafts.len()).rev().find(|&i| {
                        drafts[i].start < c.intro
                            && drafts[i].start >= prev_end
                            && eligible(&drafts[i])
                    })
                }
            };
            let chosen = [false, true]
                .into_iter()
                .flat_map(|aside| {
                    [(false, false), (false, true), (true, false), (true, true)]
                        .into_iter()
                        .map(move |(after, bare)| (after, bare, aside))
                })
                .find_map(|(after, bare, aside)| find(after, bare, aside));
            if let Some(i) = chosen {
                set_comp(&mut drafts[i], c, figs.get(k));
            }
        }
        prev_end = c.end;
    }
    pair_valueless(text, comps, drafts);
}

/// Pairs the averages named without a number ("similar to the England average") with the
/// figure they compare: the nearest free one, or every free one before "both", "all" or
/// "each".
fn pair_valueless(text: &str, comps: &[Comp], drafts: &mut [Draft]) {
    // Averages named without a number.
    // A bare number in brackets too: "the quality of life score (19.1) was significantly
    // higher than the England average".
    let free =
        |d: &Draft| d.comp.is_none() && d.follows.is_none() && (!d.bare || bracketed(text, d));
    for c in comps.iter().filter(|c| c.values.is_empty()) {
        let before = (0..drafts.len())
            .rev()
            .find(|&i| drafts[i].end <= c.intro && free(&drafts[i]));
        let chosen = before
            .or_else(|| (0..drafts.len()).find(|&i| drafts[i].start >= c.end && free(&drafts[i])));
        // "6.3% ... and 2.9% ..., both above the North West average": every free figure
        // before it in the sentence.
        let head = text.get(..c.intro).unwrap_or("");
        let from = (head.len().saturating_sub(40)..=head.len())
            .find(|&k| head.is_char_boundary(k))
            .unwrap_or(head.len());
        let distributive = head[from..]
            .split(|ch: char| !ch.is_ascii_alphabetic())
            .any(|w| matches!(w, "both" | "all" | "each"));
        if distributive && before.is_some() {
            for d in drafts.iter_mut().filter(|d| d.end <= c.intro && free(d)) {
                set_comp(d, c, None);
            }
            continue;
        }
        // The nearest one only: a figure already compared stands between.
        if let Some(i) = chosen {
            let blocked = drafts.iter().any(|d| {
                d.comp.is_some()
                    && ((d.start > drafts[i].end && d.end <= c.intro)
                        || (d.start >= c.end && d.end <= drafts[i].start))
            });
            if !blocked {
                set_comp(&mut drafts[i], c, None);
            }
        }
    }
}

/// Whether a figure stands alone in brackets: "(19.1)".
fn bracketed(text: &str, d: &Draft) -> bool {
    text.get(..d.start).is_some_and(|h| h.ends_with('('))
        && text.get(d.end..).is_some_and(|t| t.starts_with(')'))
}

fn set_comp(d: &mut Draft, c: &Comp, value: Option<&Fig>) {
    d.comp_value = value.and_then(Fig::number);
    d.comp = Some(c.clone());
}

/// Where a draft's comparison ends: its comparator's end, else its figure's.
fn claim_end(d: &Draft) -> usize {
    d.comp.as_ref().map_or(d.end, |c| c.end.max(d.end))
}

fn assign_bands(bands: &[BandLabel], drafts: &mut [Draft]) {
    for b in bands {
        // The comparison it stands in ("0.10, a significantly positive variation to the
        // England average of 0.25"), else the one it follows, else the first after it.
        let within = (0..drafts.len()).find(|&i| {
            drafts[i].comp.is_some()
                && drafts[i].start <= b.start
                && b.start < claim_end(&drafts[i])
        });
        let before = || {
            (0..drafts.len()).rev().find(|&i| {
                drafts[i].comp.is_some()
                    && claim_end(&drafts[i]) <= b.start
                    && drafts[i].band.is_none()
            })
        };
        let target = within.or_else(before).or_else(|| {
            (0..drafts.len()).find(|&i| drafts[i].comp.is_some() && drafts[i].start >= b.end)
        });
        if let Some(d) = target.and_then(|i| drafts.get_mut(i)) {
            if d.band.is_none() {
                d.band = Some(*b);
            }
        }
    }
}

fn assign_wordings(text: &str, wordings: &mut [Wording], comps: &[Comp], drafts: &mut [Draft]) {
    // Words that lead into a comparator ("below the England average") go first: they say
    // how their own figure compares, whatever words stand before it ("Carers felt less safe:
    // 76.3% ..., below the England average").
    let mut order: Vec<usize> = (0..wordings.len()).collect();
    order.sort_by_key(|&i| !leads_into(text, &wordings[i], comps));
    for i in order {
        let w = &mut wordings[i];
        // The comparator it leads into ("lower than the England average", "in line with the
        // national average (36.8%)").
        let leads = leading_comparator(text, w, comps);
        // Otherwise only words that stand as a comparison ("lower: 26.9% ...", "fewer
        // (36.2%) than"), not words of a measure ("feel better about themselves"), go to the
        // nearest compared metric: before them in the same clause, else after.
        let tail = text.get(w.end..).unwrap_or("").trim_start();
        // "fewer carers (10.5%) had a break than ...": "than" within the clause.
        let than_soon = tail
            .split(' ')
            .take(8)
            .take_while(|w| !w.ends_with([',', ';', '.', ':']))
            .any(|w| w == "than" || w == "then");
        // "(12.00%), was similar to ...", "which is in line with ...": a figure likened to
        // something, even where the comparison's object is not named.
        let head = text.get(..w.start).unwrap_or("").trim_end();
        let likened = matches!(
            w.direction,
            Direction::Similar | Direction::Same | Direction::InLine | Direction::NoDifference
        ) && ["was", "is", "were", "are", "remained", "remains", "being"]
            .iter()
            .any(|v| head.ends_with(&format!(" {v}")));
        let stands = than_soon
            || likened
            || tail.starts_with(':')
            || tail.starts_with(',')
            || tail.starts_with('(')
            || tail.starts_with(|c: char| c.is_ascii_digit());
        // "fewer people (60.25%) who used services felt safe, than the national average",
        // "the same proportion (20.5%) as average (20.9%)": the words, one figure, then that
        // figure's comparator, in one clause.
        let encloses = || {
            let i = drafts.iter().position(|d| d.start >= w.end)?;
            let d = &drafts[i];
            let c = d.comp.as_ref()?;
            // At most two words between ("fewer people (60.25%)"), none ending a phrase
            // ("less positive: 54.8%", "better about themselves and 94.1%").
            let between = text.get(w.end..d.start).unwrap_or("");
            let words: Vec<&str> = between
                .split([' ', '('])
                .filter(|x| !x.is_empty())
                .collect();
            let near = words.len() <= 2
                && !between.contains([':', ',', ';'])
                && !words
                    .iter()
                    .any(|x| matches!(*x, "and" | "or" | "but" | "while"))
                && c.intro >= d.end;
            let one = drafts.get(i + 1).is_none_or(|n| n.start >= c.intro);
            let clause = text.get(w.end..c.intro).is_some_and(|g| !breaks_clause(g));
            (near && one && clause).then_some(i)
        };
        let target = leads
            .and_then(|c| {
                drafts
                    .iter()
                    .position(|d| d.comp.as_ref().is_some_and(|dc| dc.intro == c.intro))
            })
            .or_else(encloses)
            .or_else(|| {
                if !stands {
                    return None;
                }
                let before = (0..drafts.len()).rev().find(|&i| {
                    drafts[i].end <= w.start
                        && (drafts[i].comp.is_some() || (likened && !drafts[i].bare))
                        && !text.get(drafts[i].end..w.start).is_some_and(breaks_clause)
                });
                before.or_else(|| {
                    (0..drafts.len())
                        .find(|&i| drafts[i].start >= w.end && drafts[i].comp.is_some())
                })
            });
        // Words leading into a comparator several figures share ("both above the North West
        // average", "higher than the England averages of X% and Y% respectively") are each
        // one's.
        if let Some(c) = leads {
            let sharing: Vec<usize> = (0..drafts.len())
                .filter(|&i| {
                    drafts[i]
                        .comp
                        .as_ref()
                        .is_some_and(|dc| dc.intro == c.intro)
                })
                .collect();
            if sharing.len() > 1 {
                for i in sharing {
                    if drafts[i].wording.is_none() {
                        w.used = true;
                        drafts[i].wording = Some(*w);
                    }
                }
                continue;
            }
        }
        if let Some(d) = target.and_then(|i| drafts.get_mut(i)) {
            if d.wording.is_none() {
                w.used = true;
                d.wording = Some(*w);
            }
        }
    }
}

/// The comparator the words lead into ("lower than the England average", "in line with the
/// national average (36.8%)"), if any.
fn leading_comparator<'c>(text: &str, w: &Wording, comps: &'c [Comp]) -> Option<&'c Comp> {
    comps.iter().find(|c| {
        c.intro >= w.start
            && text.get(w.end.min(c.intro)..c.intro).is_some_and(|gap| {
                gap.split([' ', ',']).filter(|x| !x.is_empty()).all(|x| {
                    matches!(
                        x,
                        "than"
                            | "then"
                            | "to"
                            | "the"
                            | "with"
                            | "as"
                            | "a"
                            | "an"
                            | "in"
                            | "from"
                            | "that"
                            | "of"
                            | "was"
                            | "were"
                    )
                })
            })
    })
}

fn leads_into(text: &str, w: &Wording, comps: &[Comp]) -> bool {
    leading_comparator(text, w, comps).is_some()
}

fn assign_sources(text: &str, mentions: &[Mention], drafts: &mut [Draft]) {
    for i in 0..drafts.len() {
        let start = drafts[i].start;
        let end = claim_end(&drafts[i]);
        let closing = mentions.iter().find(|m| m.closing && m.start >= end);
        let leading = mentions.iter().rev().find(|m| !m.closing && m.end <= start);
        if closing.is_none() {
            drafts[i].alternatives = mentions
                .iter()
                .filter(|m| !m.closing && m.end <= start)
                .copied()
                .collect();
        }
        let trailing = mentions.iter().find(|m| {
            !m.closing && m.start >= drafts[i].end && !drafts.iter().any(|d| d.start >= m.end)
        });
        // "17% in the 2021 census (from 11% in 2011)": a source named right after the figure.
        let next_to = mentions.iter().find(|m| {
            !m.closing
                && m.start >= drafts[i].end
                && text.get(drafts[i].end..m.start).is_some_and(|gap| {
                    gap.split(' ').filter(|w| !w.is_empty()).all(|w| {
                        matches!(
                            w,
                            "in" | "the" | "from" | "according" | "to" | "of" | "per" | "by"
                        )
                    })
                })
        });
        drafts[i].mention = closing.or(next_to).or(leading).or(trailing).copied();
    }
}

/// The aside a figure stands in, if any: ", which has 1.2 million residents," (from the comma
/// before "which", "who" or "where" to the next comma), within its sentence.
fn aside(text: &str, d: &Draft) -> Option<(usize, usize)> {
    let head = text.get(d.sentence.0..d.start)?;
    let from = head.len().saturating_sub(120);
    let window = head.get(from..).or_else(|| head.get(head.len()..))?;
    let open = [", which ", ", who ", ", where "]
        .iter()
        .filter_map(|w| window.rfind(w))
        .max()?;
    let open = d.sentence.0 + from + open;
    // No other comma between the opening and the figure.
    if text.get(open + 1..d.start)?.contains(',') {
        return None;
    }
    let tail = text.get(d.end..d.sentence.1)?;
    let close = tail.find(", ")?;
    Some((open, d.end + close))
}

/// Whether a period is written right after a figure ("9.8% in 2011", "rose to 9,870 for
/// 2024"): at most two short words between, in one clause.
fn adjacent(text: &str, d: &Draft, p: &FreePeriod) -> bool {
    p.start >= d.end
        && text.get(d.end..p.start).is_some_and(|gap| {
            !gap.contains([',', ';', '(']) && gap.split(' ').filter(|w| !w.is_empty()).count() <= 2
        })
}

/// Words after a figure that date it relative to another: "a year earlier".
const EARLIER: &[&str] = &[
    "a year earlier",
    "a year before",
    "the year before",
    "the previous year",
    "last year",
    "the year prior",
    "in the previous year",
    "the prior year",
    "previously",
];

fn assign_periods(text: &str, periods: &[FreePeriod], drafts: &mut [Draft]) {
    for d in drafts.iter_mut() {
        let tail = text.get(d.end..d.sentence.1).unwrap_or("").trim_start();
        d.earlier = EARLIER.iter().any(|w| tail.starts_with(w));
    }
    if periods.is_empty() || drafts.is_empty() {
        return;
    }
    let distance = |a: usize, b: usize| {
        let gap = text.get(a.min(b)..a.max(b)).unwrap_or("");
        gap.len() + if gap.contains([',', ';']) { 200 } else { 0 }
    };
    if periods.len() == 1 {
        let p = periods[0];
        // "(England average 69.8%), up from 48.0% in 2022-23": the year of a baseline is the
        // baseline's alone.
        let baseline = drafts
            .iter()
            .position(|d| set_aside(text, d) && adjacent(text, d, &p));
        for (i, d) in drafts.iter_mut().enumerate() {
            if baseline.is_some_and(|b| b != i) {
                continue;
            }
            // A figure whose source states its period keeps it, unless the free period is
            // written right after the figure ("The 2021 Census recorded 14.7%, up from 9.8%
            // in 2011": 2011 is 9.8's alone).
            let sourced = d.mention.is_some_and(|m| m.period.is_some());
            if sourced && !adjacent(text, d, &p) {
                continue;
            }
            // "The county, which has 1.2 million residents, received £3.4 million in 2023":
            // a figure in an aside is not dated by a year outside it.
            if let Some((a, b)) = aside(text, d) {
                if p.end <= a || p.start >= b {
                    continue;
                }
            }
            if p.projection {
                // "from A to B by 2041": only what comes after "to".
                let to = text
                    .get(d.sentence.0..p.start)
                    .and_then(|t| t.rfind(" to "))
                    .map(|k| d.sentence.0 + k);
                if to.is_some_and(|t| d.start < t) {
                    continue;
                }
            }
            d.period = Some(p.period);
        }
        return;
    }
    for p in periods {
        // Only the figures on either side can be nearest: a farther one's gap holds the
        // nearer one's.
        let after = drafts.partition_point(|d| d.start < p.end);
        let before = drafts[..after].iter().rposition(|d| d.end <= p.start);
        let candidates = before
            .into_iter()
            .chain((after < drafts.len()).then_some(after));
        let best = candidates.min_by_key(|&i| {
            let d = &drafts[i];
            if p.start >= d.end {
                distance(d.end, p.start)
            } else {
                distance(p.end, d.start)
            }
        });
        if let Some(d) = best.and_then(|i| drafts.get_mut(i)) {
            if d.period.is_none() {
                d.period = Some(p.period);
            }
        }
    }
}
