//! Stage 6: where figures come from: dataset names (merged when only brackets, slashes or
//! commas separate them, as in "the adult social care outcomes framework (ASCOF) short- and
//! long-term support (SALT, 2023-2024) data"), with the period written after them; references
//! back to the last source ("the same survey"); and periods written on their own.

use super::figures::Fig;
use super::grammar;
use super::phrases::{Found, Kind};
use crate::model::{Dataset, FinancialYear, Period};

/// A source named in a sentence.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mention {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) dataset: Option<Dataset>,
    pub(super) period: Option<Period>,
    /// In brackets after what it sources, not followed by "showed": applies to what precedes
    /// it.
    pub(super) closing: bool,
    /// "(All from ...)": applies back over earlier sentences too.
    pub(super) all: bool,
    /// "the same survey": the last source named on the page.
    pub(super) same: bool,
}

/// The sources named in `text[start..end]`, in order, into `out` (emptied first). `last` is
/// the last source named on the page before this sentence, for "the same survey".
pub(super) fn mentions(
    text: &str,
    (start, end): (usize, usize),
    phrases: &[Found],
    last: Option<(Dataset, Option<Period>)>,
    out: &mut Vec<Mention>,
) {
    out.clear();
    let mut raw: Vec<(usize, usize, Option<Dataset>, bool)> = Vec::new();
    let mut covered = start;
    let names = |s: usize, e: usize| {
        phrases
            .iter()
            .any(|f| matches!(f.kind, Kind::Dataset(_)) && f.start < e && s < f.end)
    };
    for f in phrases.iter().filter(|f| f.end <= end) {
        let (dataset, same) = match f.kind {
            Kind::Dataset(d) => (Some(d), false),
            // "the survey of adult carers" names a survey; "the survey" alone refers back.
            Kind::SameSource if !names(f.start, f.end) => (last.map(|(d, _)| d), true),
            _ => continue,
        };
        // Where names overlap ("sace" inside nothing, "sac" inside "sace"), the longer first
        // one wins.
        if f.start < covered {
            continue;
        }
        raw.push((f.start, f.end, dataset, same));
        covered = f.end;
    }
    // Merge names separated only by brackets, slashes, commas, hyphens or spaces.
    let mut groups: Vec<(usize, usize, Vec<Dataset>, bool)> = Vec::new();
    for (s, e, dataset, same) in raw {
        let joined = groups.last().is_some_and(|g| {
            text.get(g.1..s).is_some_and(|gap| {
                gap.chars()
                    .all(|c| matches!(c, ' ' | '(' | ')' | '/' | ',' | '-'))
            })
        });
        match groups.last_mut() {
            Some(g) if joined => {
                g.1 = e;
                g.2.extend(dataset);
                g.3 |= same;
            }
            _ => groups.push((s, e, dataset.into_iter().collect(), same)),
        }
    }
    for (s, e, datasets, same) in groups {
        let mut m = Mention {
            start: s,
            end: e,
            dataset: pick(&datasets),
            period: None,
            closing: false,
            all: false,
            same,
        };
        let rest = text.get(e..end).unwrap_or("");
        let rest_after_bracket = rest.strip_prefix(')').unwrap_or(rest);
        if let Ok((after, p)) = grammar::period_after(rest_after_bracket) {
            m.end = end - after.len();
            m.period = Some(p);
        }
        // "the 2021 Census", "2023-24 ASCS data": the period written just before the name.
        if m.period.is_none() {
            let head = text.get(start..s).unwrap_or("");
            let trimmed = head.trim_end();
            let token = trimmed.rsplit([' ', '(']).next().unwrap_or("");
            if !token.is_empty() && trimmed.len() < head.len() {
                if let Ok(("", p)) = crate::text::grammar::period(token) {
                    m.period = Some(p);
                    m.start = start + trimmed.len() - token.len();
                }
            }
        }
        if same && m.period.is_none() {
            m.period = last.and_then(|(_, p)| p);
        }
        classify(text, (start, end), &mut m);
        out.push(m);
    }
}

/// The dataset a merged mention names: the first that is a collection ("ASCOF SALT data" is
/// SALT), else the first.
fn pick(datasets: &[Dataset]) -> Option<Dataset> {
    datasets
        .iter()
        .copied()
        .find(|d| *d != Dataset::Ascof)
        .or_else(|| datasets.first().copied())
}

/// Whether a mention closes what precedes it (in brackets, not followed by "showed") and
/// whether it is an "(All from ...)".
fn classify(text: &str, (start, end): (usize, usize), m: &mut Mention) {
    let head = text.get(start..m.start).unwrap_or("").trim_end();
    let head = head.strip_suffix(" the").unwrap_or(head);
    let head = head
        .strip_suffix("(the")
        .map_or(head, |h| &head[..=h.len()]);
    let mut stripped = head;
    let mut all = false;
    for p in [
        "all taken from",
        "all data from",
        "all from",
        "all figures from",
        "taken from",
        "data from",
        "figures from",
        "sources:",
        "source:",
        "from",
        "all",
    ] {
        if let Some(b) = head.strip_suffix(p) {
            if b.is_empty() || b.ends_with([' ', '(']) {
                stripped = b.trim_end();
                all = p.starts_with("all");
                break;
            }
        }
    }
    let enclosed = stripped.ends_with('(');
    let tail = text.get(m.end..end).unwrap_or("");
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
            | "placed"
            | "gave"
            | "recorded"
    );
    m.closing = enclosed && !verb;
    m.all = all && m.closing;
}

/// A period written on its own in a sentence (not after a dataset's name), with the word
/// before it.
#[derive(Debug, Clone, Copy)]
pub(super) struct FreePeriod {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) period: Period,
    /// Introduced by "by" ("by 2041"): a projection, for the figures it follows.
    pub(super) projection: bool,
}

/// The periods of a sentence not inside a mention, into `out` (emptied first). A year after
/// "since", "until" or "before" dates an event, not a figure.
pub(super) fn free_periods(
    text: &str,
    sentence_start: usize,
    figs: &[Fig],
    mentions: &[Mention],
    out: &mut Vec<FreePeriod>,
) {
    out.clear();
    // The second year of "between 2019 and 2023", read with the first.
    let mut joined: Option<usize> = None;
    for f in figs {
        let Some(mut period) = f.period() else {
            continue;
        };
        if joined.is_some_and(|start| f.start == start) {
            continue;
        }
        let mut span_end = f.end;
        if mentions
            .iter()
            .any(|m| m.start <= f.start && f.end <= m.end)
        {
            continue;
        }
        let head = text.get(sentence_start..f.start).unwrap_or("");
        let mut words = head
            .rsplit(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty());
        let w1 = words.next().unwrap_or("");
        let w1 = if crate::text::grammar::month_from_name(w1).is_some() {
            words.next().unwrap_or("")
        } else {
            w1
        };
        if matches!(
            w1,
            "since" | "until" | "before" | "after" | "from" | "of" | "born"
        ) {
            continue;
        }
        // "In Q2 2024-25", "the first half of 2024": part of the period, which is no period
        // of its own; "between April and September 2024": a span of months.
        let w2_is_month = |w: &str| crate::text::grammar::month_from_name(w).is_some();
        let before_month = words.clone().next().unwrap_or("");
        if matches!(w1, "q1" | "q2" | "q3" | "q4" | "quarter" | "half")
            || (matches!(w1, "and" | "to") && w2_is_month(before_month))
        {
            continue;
        }
        // "the year ending March 2024", "the 12 months to March 2024": the financial year.
        if let Period::Month { year, month: 3 } = period {
            let lead = head.trim_end();
            let lead = lead.rsplit_once(' ').map_or(lead, |(l, _)| l).trim_end();
            if [
                "year ending",
                "year to",
                "months to",
                "months ending",
                "year ended",
            ]
            .iter()
            .any(|w| lead.ends_with(w))
            {
                period = Period::FinancialYear(FinancialYear::new(year - 1));
            }
        }
        // "between 2019 and 2023", "between the 2011 and 2021 censuses": one span.
        if let (Period::Year(first), "between" | "the") = (period, w1) {
            let between = w1 == "between" || words.clone().next() == Some("between");
            let rest = text.get(f.end..).unwrap_or("");
            let second = rest.strip_prefix(" and ").and_then(|r| {
                let at = f.end + " and ".len();
                figs.binary_search_by_key(&at, |g| g.start)
                    .ok()
                    .and_then(|k| figs.get(k))
                    .and_then(|g| match g.period() {
                        Some(Period::Year(last)) if last > first && r.len() >= 4 => {
                            Some((g.start, g.end, last))
                        }
                        _ => None,
                    })
            });
            if let (true, Some((at, end, last))) = (between, second) {
                period = Period::Years(first, last);
                joined = Some(at);
                span_end = end;
            }
        }
        // "grew by 6% in the decade to 2023": the end of a span, not the figure's period.
        let w2 = words.next().unwrap_or("");
        if w1 == "to"
            && matches!(
                w2,
                "decade" | "years" | "year" | "period" | "months" | "decades"
            )
        {
            continue;
        }
        out.push(FreePeriod {
            start: f.start,
            end: span_end,
            period,
            projection: matches!(w1, "by"),
        });
    }
}
