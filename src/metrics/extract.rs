//! Sentence splitting, candidate finding and attribution.
//!
//! One paragraph at a time:
//! 1. normalise once into lowercase ASCII-ish text with a map back to the original bytes, and
//!    find every phrase the steps below look for in one pass (`keywords`);
//! 2. split into sentences at `.`, `!`, `?` followed by a space or the end, unless the word
//!    before is an abbreviation ("e.g", "no");
//! 3. in each sentence, find figures by scanning for digits and `£` and run the nom `figure`
//!    parser there; read comparator phrases ("... average", "compared to"), bands, and source
//!    mentions (dataset names) with their periods where the phrases were found;
//! 4. pair every comparator with the nearest unpaired value before it (since the previous
//!    comparator), else the first one after it: a value is never paired with its neighbour's
//!    comparator;
//! 5. attribute bands (to the comparison they follow or stand in, or to the group that follows
//!    when stated in a sentence without comparisons) and sources (the sentence's own, else a
//!    closing "(All from ...)" later in the paragraph, else a leading "X data showed" earlier);
//! 6. name the subject and match it against the catalogue.

use rust_decimal::Decimal;

use super::catalogue;
use super::grammar::{self, Figure};
use super::keywords::{self, Hits, Phrase};
use crate::model::{
    Attribution, Comparator, Dataset, FinancialYear, Measure, MeasureDef, Metric, Part, Planned,
    Population, QualityStatement, Report, Scope, Section, Source, Span, Text, Unit, VariationBand,
    group_thousands,
};
use crate::text::Normalized;
use crate::text::search::Hit;

/// Where a paragraph sits in the report.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context<'a> {
    pub(crate) statement: Option<QualityStatement>,
    pub(crate) part: Part,
    pub(crate) subheading: Option<&'a str>,
}

/// All metrics of a report, in report order.
pub(crate) fn report_metrics(report: &Report) -> Vec<Metric> {
    let mut out = Vec::new();
    let scratch = &mut Scratch::default();
    if let Some(about) = &report.about {
        let ctx = Context {
            statement: None,
            part: Part::About,
            subheading: None,
        };
        for p in &about.paragraphs {
            paragraph_metrics_in(scratch, p, ctx, &mut out);
        }
    }
    if let Some(ff) = &report.financial_facts {
        financial_metrics(ff, &mut out);
    }
    for (block, part) in [
        (&report.experiences, Part::Experiences),
        (&report.strengths, Part::Strengths),
    ] {
        if let Some(block) = block {
            let ctx = Context {
                statement: None,
                part,
                subheading: None,
            };
            for p in &block.paragraphs {
                paragraph_metrics_in(scratch, p, ctx, &mut out);
            }
        }
    }
    for st in &report.statements {
        if let Some(section) = &st.section {
            section_metrics(scratch, section, Some(st.statement), &mut out);
        }
    }
    for st in &report.duplicates {
        if let Some(section) = &st.section {
            section_metrics(scratch, section, Some(st.statement), &mut out);
        }
    }
    out
}

fn section_metrics(
    scratch: &mut Scratch,
    section: &Section,
    statement: Option<QualityStatement>,
    out: &mut Vec<Metric>,
) {
    let Some(findings) = &section.findings else {
        return;
    };
    for group in &findings.groups {
        let ctx = Context {
            statement,
            part: Part::Findings,
            subheading: group.subheading.as_ref().map(Text::as_str),
        };
        for p in &group.paragraphs {
            paragraph_metrics_in(scratch, p, ctx, out);
        }
    }
}

/// The financial facts' typed fields as metrics; the sentence is the bullet that states the
/// figure.
fn financial_metrics(ff: &crate::model::FinancialFacts, out: &mut Vec<Metric>) {
    // The bullets without markdown emphasis, worked out once for all the figures.
    let plain: Vec<String> = ff.items.iter().map(|t| t.text.replace("**", "")).collect();
    let mut push = |id: &str, value: Decimal, unit: Unit| {
        let Some(def) = MeasureDef::by_id(id) else {
            return;
        };
        // The bullet stating the figure, as written with or without thousands separators.
        let needles = match unit {
            Unit::People => vec![value.to_string(), group_thousands(value)],
            _ => vec![unit.format(value)],
        };
        let item = ff
            .items
            .iter()
            .zip(&plain)
            .find(|(_, plain)| needles.iter().any(|n| contains_figure(plain, n)))
            .map(|(t, _)| t);
        out.push(Metric {
            value,
            unit,
            comparator: None,
            direction: None,
            gap: None,
            band: None,
            band_label: None,
            source: Some(Source {
                dataset: Some(Dataset::LocalAuthority),
                period: ff.period,
                attribution: Attribution::Sentence,
            }),
            measure: Measure {
                text: def.name.to_owned(),
                population: Some(def.population),
                canonical: Some(def),
            },
            statement: None,
            part: Part::FinancialFacts,
            subheading: None,
            sentence: item.map(|t| t.text.clone()).unwrap_or_default(),
            span: item.and_then(|t| t.origin.span()),
            figure_span: None,
        });
    };
    let planned = |p: Option<Planned>| p.unwrap_or_default();
    let budget = planned(ff.total_budget);
    let spend = planned(ff.asc_spend);
    for (id, v) in [
        ("fin_total_budget_estimate", budget.estimate),
        ("fin_total_budget_actual", budget.actual),
        ("fin_asc_spend_estimate", spend.estimate),
        ("fin_asc_spend_actual", spend.actual),
    ] {
        if let Some(v) = v {
            push(id, v, Unit::Pounds);
        }
    }
    if let Some(v) = ff.asc_share {
        push("fin_asc_share", v, Unit::Percent);
    }
    if let Some(v) = ff.precept {
        push("fin_asc_precept", v, Unit::Percent);
    }
    if let Some(v) = ff.long_term_support {
        push("fin_long_term_support", Decimal::from(v), Unit::People);
    }
    if let Some(v) = ff.short_term_support {
        push("fin_short_term_support", Decimal::from(v), Unit::People);
    }
}

/// Whether `needle` (a figure as written) occurs in `hay` not as the tail of a longer number.
fn contains_figure(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        !hay.get(..i)
            .and_then(|h| h.chars().next_back())
            .is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',')
            && !hay
                .get(i + needle.len()..)
                .and_then(|t| t.chars().next())
                .is_some_and(|c| c.is_ascii_digit())
    })
}

/// Sentence ranges in normalised text.
#[cfg(test)]
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut cut = Vec::new();
    sentences_into(text, &mut cut);
    cut
}

/// Sentence ranges in normalised text, into `cut` (emptied first).
fn sentences_into(text: &str, cut: &mut Vec<(usize, usize)>) {
    const ABBREVIATIONS: &[&str] = &[
        "e.g", "i.e", "etc", "approx", "no", "vs", "mr", "mrs", "dr", "st", "fig",
    ];
    let bytes = text.as_bytes();
    cut.clear();
    let mut start = 0;
    for i in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        let b = bytes.get(i).copied().unwrap_or(0);
        let next = bytes.get(i + 1).copied();
        if !matches!(next, None | Some(b' ')) {
            continue;
        }
        if b == b'.' {
            // The word before the full stop, back to a space or bracket.
            let head = bytes.get(start..i).unwrap_or_default();
            let from = head
                .iter()
                .rposition(|&c| c == b' ' || c == b'(')
                .map_or(0, |k| k + 1);
            let word_before = head.get(from..).unwrap_or_default();
            if ABBREVIATIONS.iter().any(|a| a.as_bytes() == word_before) {
                continue;
            }
        }
        bounded(text, (start, i + 1), cut);
        start = i + 1;
    }
    if start < text.len() {
        bounded(text, (start, text.len()), cut);
    }
    // Normalised text has no whitespace but spaces.
    cut.retain_mut(|(s, e)| {
        let Some(slice) = text.get(*s..*e) else {
            return false;
        };
        let trimmed = slice.trim_start_matches(' ');
        *s += slice.len() - trimmed.len();
        !trimmed.trim_end_matches(' ').is_empty()
    });
}

/// The longest sentence worked on as one: report sentences are far shorter, and the bound keeps
/// the work per sentence constant (so the whole extraction linear) on text that is not prose.
const MAX_SENTENCE: usize = 4096;

/// Cuts a range longer than [`MAX_SENTENCE`] at spaces (or anywhere on a char boundary when
/// there is none).
fn bounded(text: &str, (mut s, e): (usize, usize), out: &mut Vec<(usize, usize)>) {
    while e - s > MAX_SENTENCE {
        let limit = s + MAX_SENTENCE;
        let cut = text
            .get(s..limit)
            .and_then(|piece| piece.rfind(' '))
            .map(|i| s + i + 1)
            .filter(|&c| c > s)
            .unwrap_or_else(|| (limit..e).find(|&i| text.is_char_boundary(i)).unwrap_or(e));
        out.push((s, cut));
        s = cut;
    }
    out.push((s, e));
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    fig: Figure,
}

/// All figures of a sentence, found by scanning for digits and `£`, in `out` (emptied first:
/// one buffer serves every sentence of a paragraph).
fn figures(text: &str, start: usize, end: usize, mut out: Vec<Tok>) -> Vec<Tok> {
    let bytes = text.as_bytes();
    out.clear();
    let mut i = start;
    let candidate = |b: &u8| b.is_ascii_digit() || *b == 0xC2;
    while i < end {
        match bytes
            .get(i..end)
            .and_then(|rest| rest.iter().position(candidate))
        {
            Some(j) => i += j,
            None => break,
        }
        let b = bytes.get(i).copied().unwrap_or(0);
        // '£' is C2 A3 in UTF-8.
        let pound = b == 0xC2 && bytes.get(i + 1) == Some(&0xA3);
        if !(b.is_ascii_digit() || pound) {
            i += 1;
            continue;
        }
        let prev = if i > 0 {
            bytes.get(i - 1).copied()
        } else {
            None
        };
        let starts =
            !prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == b'.' || p == b',' || p == b'/');
        if !starts {
            i += 1;
            continue;
        }
        let piece = text.get(i..end).unwrap_or("");
        match grammar::figure(piece) {
            Ok((rest, fig)) => {
                let len = piece.len() - rest.len();
                out.push(Tok {
                    start: i,
                    end: i + len,
                    fig,
                });
                i += len.max(1);
            }
            Err(_) => {
                // Skip the rest of this run of digits.
                i += 1;
                while i < end
                    && bytes
                        .get(i)
                        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.' || *c == b',')
                {
                    i += 1;
                }
            }
        }
        // Stay on a char boundary.
        while i < end && !text.is_char_boundary(i) {
            i += 1;
        }
    }
    out
}

/// Regions reports name averages for.
const REGIONS: &[(&str, &str)] = &[
    ("london", "London"),
    ("north west", "North West"),
    ("north east", "North East"),
    ("south east", "South East"),
    ("south west", "South West"),
    ("east of england", "East of England"),
    ("east midlands", "East Midlands"),
    ("west midlands", "West Midlands"),
    ("yorkshire and the humber", "Yorkshire and The Humber"),
    ("yorkshire and humber", "Yorkshire and The Humber"),
];

#[derive(Debug, Clone)]
struct Comp {
    tok: usize,
    scope: Scope,
    region: Option<String>,
    /// Start of the comparator phrase ("than the England average").
    intro: usize,
}

/// Comparator phrases in a sentence; each names the token holding its value.
fn comparators(text: &str, start: usize, end: usize, toks: &[Tok], hits: &[Hit]) -> Vec<Comp> {
    let tok_at = |pos: usize| value_tok_at(toks, pos);
    let mut out: Vec<Comp> = Vec::new();
    // Every comparator names a value token.
    if !toks
        .iter()
        .any(|t| matches!(t.fig, Figure::Value(..) | Figure::Bare(_)))
    {
        return out;
    }
    // "average" may stand alone ("than average"); "figure" and "mean" need a scope ("the England
    // figure of 65%").
    let find = |phrase| keywords::find(hits, text, (start, end), phrase);
    let anchors = find(Phrase::AVERAGE)
        .map(|a| (a, false))
        .chain(find(Phrase::FIGURE).map(|a| (a, true)))
        .chain(find(Phrase::MEAN).map(|a| (a, true)));
    for ((a, after), needs_scope) in anchors {
        let piece = text.get(after..end).unwrap_or("");
        let Ok((rest, ())) = grammar::to_value(piece) else {
            continue;
        };
        let Some(tok) = tok_at(end - rest.len()) else {
            continue;
        };
        let before = text.get(start..a).unwrap_or("").trim_end();
        let (scope, region, mut intro) = if let Some(b) = before.strip_suffix("england") {
            (Scope::England, None, start + b.len())
        } else if let Some(b) = before.strip_suffix("national") {
            (Scope::National, None, start + b.len())
        } else if let Some(b) = before.strip_suffix("regional") {
            (Scope::Regional, None, start + b.len())
        } else if let Some((b, name)) = REGIONS
            .iter()
            .find_map(|(k, name)| before.strip_suffix(k).map(|b| (b, *name)))
        {
            (Scope::Regional, Some(name.to_owned()), start + b.len())
        } else {
            let mut words = before.rsplit(' ');
            let last = words.next().unwrap_or("");
            let ok = match last {
                "than" | "then" | "to" | "with" | "against" | "as" => true,
                "the" => matches!(
                    words.next(),
                    Some("than" | "then" | "to" | "with" | "against" | "as")
                ),
                _ => false,
            };
            if !ok || needs_scope {
                continue;
            }
            (Scope::Unspecified, None, a)
        };
        // Take in "than the", "compared to the", "(" before the phrase.
        for _ in 0..4 {
            let head = text.get(start..intro).unwrap_or("").trim_end();
            let Some(word) = head.rsplit([' ', '(']).next() else {
                break;
            };
            if matches!(
                word,
                "the"
                    | "than"
                    | "then"
                    | "as"
                    | "to"
                    | "with"
                    | "compared"
                    | "comparison"
                    | "in"
                    | "an"
                    | "a"
            ) && !word.is_empty()
            {
                intro = start + head.len() - word.len();
            } else {
                break;
            }
        }
        add_comp(
            &mut out,
            Comp {
                tok,
                scope,
                region,
                intro,
            },
        );
    }
    compared_to(hits, text, (start, end), toks, &mut out);
    than_in(hits, text, (start, end), toks, &mut out);
    out.sort_by_key(|c| toks.get(c.tok).map_or(0, |t| t.start));
    out
}

/// Adds a comparator unless its value token already has one (the first phrase found wins).
fn add_comp(out: &mut Vec<Comp>, comp: Comp) {
    if !out.iter().any(|c| c.tok == comp.tok) {
        out.push(comp);
    }
}

/// The index of the value (or bare figure) token starting at byte `pos`, if any.
fn value_tok_at(toks: &[Tok], pos: usize) -> Option<usize> {
    toks.iter()
        .position(|t| t.start == pos && matches!(t.fig, Figure::Value(..) | Figure::Bare(_)))
}

/// "than in England (65.4%)", "than nationally (12%)", "than across London (9%)": a scope
/// without "average".
fn than_in(
    hits: &[Hit],
    text: &str,
    (start, end): (usize, usize),
    toks: &[Tok],
    out: &mut Vec<Comp>,
) {
    let tok_at = |pos: usize| value_tok_at(toks, pos);
    let find = |phrase| keywords::find(hits, text, (start, end), phrase);
    for (p, after) in find(Phrase::THAN).chain(find(Phrase::THEN)) {
        let rest = text.get(after..end).unwrap_or("").trim_start();
        let rest = ["in ", "across ", "for "]
            .iter()
            .find_map(|w| rest.strip_prefix(w))
            .unwrap_or(rest);
        let (scope, region, after) = if let Some(r) = rest.strip_prefix("england") {
            (Scope::England, None, r)
        } else if let Some(r) = rest.strip_prefix("nationally") {
            (Scope::National, None, r)
        } else if let Some((r, name)) = REGIONS
            .iter()
            .find_map(|(k, name)| rest.strip_prefix(k).map(|r| (r, *name)))
        {
            (Scope::Regional, Some(name.to_owned()), r)
        } else {
            continue;
        };
        if after.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            continue;
        }
        let Ok((value, ())) = grammar::to_value(after) else {
            continue;
        };
        let Some(tok) = tok_at(end - value.len()) else {
            continue;
        };
        add_comp(
            out,
            Comp {
                tok,
                scope,
                region,
                intro: p,
            },
        );
    }
}

/// "compared to 18.25% nationally", "in comparison to 12%": a figure right after the phrase,
/// scoped by the words after it.
fn compared_to(
    hits: &[Hit],
    text: &str,
    (start, end): (usize, usize),
    toks: &[Tok],
    out: &mut Vec<Comp>,
) {
    let tok_at = |pos: usize| value_tok_at(toks, pos);
    for phrase in [
        Phrase::COMPARED_TO,
        Phrase::COMPARED_WITH,
        Phrase::IN_COMPARISON_TO,
        Phrase::IN_COMPARISON_WITH,
    ] {
        for (p, after) in keywords::find(hits, text, (start, end), phrase) {
            let piece = text.get(after..end).unwrap_or("");
            let trimmed = piece.trim_start().trim_start_matches('(').trim_start();
            let Some(tok) = tok_at(end - trimmed.len()) else {
                continue;
            };
            if out.iter().any(|c| c.tok == tok) {
                continue;
            }
            let tail = toks
                .get(tok)
                .map_or("", |t| text.get(t.end..end).unwrap_or(""))
                .trim_start_matches(')');
            let tail = tail.trim_start();
            let (scope, region) = if tail.starts_with("nationally") {
                (Scope::National, None)
            } else if [
                "in england",
                "across england",
                "for england",
                "in england as a whole",
            ]
            .iter()
            .any(|w| tail.starts_with(w))
            {
                (Scope::England, None)
            } else if let Some((_, name)) = REGIONS.iter().find(|(k, _)| {
                ["in ", "for ", "across "]
                    .iter()
                    .any(|p| tail.strip_prefix(p).is_some_and(|t| t.starts_with(k)))
            }) {
                (Scope::Regional, Some((*name).to_owned()))
            } else {
                (Scope::Unspecified, None)
            };
            out.push(Comp {
                tok,
                scope,
                region,
                intro: p,
            });
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct BandHit {
    start: usize,
    end: usize,
    band: VariationBand,
}

fn bands(text: &str, start: usize, end: usize, hits: &[Hit]) -> Vec<BandHit> {
    let mut out: Vec<BandHit> = Vec::new();
    let find = |phrase| keywords::find(hits, text, (start, end), phrase).map(|(a, _)| a);
    let anchors = find(Phrase::POSITIVE)
        .chain(find(Phrase::NEGATIVE))
        .chain(find(Phrase::NO_STATISTICAL_VARIATION))
        .chain(find(Phrase::NO_SIGNIFICANT_VARIATION));
    for h in anchors {
        let mut s = h;
        let head = |s: usize| text.get(start..s).unwrap_or("");
        if let Some(b) = head(s).strip_suffix("tending towards ") {
            s = start + b.len();
        }
        for p in ["significantly ", "significant "] {
            if let Some(b) = head(s).strip_suffix(p) {
                s = start + b.len();
                break;
            }
        }
        if head(s).ends_with(['\'', '"']) {
            s -= 1;
        }
        let piece = text.get(s..end).unwrap_or("");
        if let Ok((rest, (band, true))) = grammar::band(piece) {
            let e = end - rest.len();
            if !out.iter().any(|b| b.start <= s && s < b.end) {
                out.push(BandHit {
                    start: s,
                    end: e,
                    band,
                });
            }
        }
    }
    out.sort_by_key(|b| b.start);
    out
}

#[derive(Debug, Clone, Copy)]
struct Group {
    start: usize,
    end: usize,
    dataset: Option<Dataset>,
    period: Option<FinancialYear>,
    /// In parentheses and not followed by "showed": applies to what precedes it.
    closing: bool,
    /// "(All from ...)": applies back over earlier sentences too.
    all: bool,
}

/// Source mentions: dataset names, merged when only brackets, slashes or spaces separate them,
/// with the period written after them.
fn groups(text: &str, start: usize, end: usize, hits: &[Hit]) -> Vec<Group> {
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
fn merge(text: &str, mentions: Vec<(usize, usize, Dataset, Option<FinancialYear>)>) -> Vec<Group> {
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
fn classify(text: &str, (start, end): (usize, usize), g: &mut Group) {
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
fn pick(datasets: &[Dataset]) -> Option<Dataset> {
    datasets
        .iter()
        .copied()
        .find(|d| *d != Dataset::Ascof)
        .or_else(|| datasets.first().copied())
}

/// What one sentence holds: figures, source mentions and band labels.
struct Found<'h> {
    /// The phrases starting in the sentence.
    hits: &'h [Hit],
    toks: Vec<Tok>,
    groups: Vec<Group>,
    bands: Vec<BandHit>,
}

/// A metric being assembled.
#[derive(Debug, Clone)]
struct Draft {
    value: Decimal,
    unit: Unit,
    value_tok: Tok,
    comp: Option<(Comp, Decimal, usize)>,
    band: Option<BandHit>,
    source: Option<Source>,
    forward: Option<Group>,
    /// Normalised range the metric covers (value and comparator).
    lo: usize,
    hi: usize,
    /// Normalised range of its clause (between its neighbours).
    clause: (usize, usize),
    sentence: (usize, usize),
}

impl Draft {
    /// The leading source of an earlier sentence, when it carries to this figure: a national
    /// collection carries to benchmarked figures only (a survey's figures come with their
    /// averages), the authority's own data to any figure.
    fn carried(&self) -> Option<Group> {
        self.forward
            .filter(|g| self.comp.is_some() || g.dataset == Some(Dataset::LocalAuthority))
    }
}

/// Buffers one paragraph's extraction needs, kept from paragraph to paragraph of a report.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    norm: Normalized,
    hits: Hits,
    sentences: Vec<(usize, usize)>,
    drafts: Vec<Draft>,
    toks: Vec<Tok>,
    context: String,
}

/// Extracts the metrics of one paragraph and appends them to `out`.
#[cfg(test)]
pub(crate) fn paragraph_metrics(para: &Text, ctx: Context<'_>, out: &mut Vec<Metric>) {
    paragraph_metrics_in(&mut Scratch::default(), para, ctx, out);
}

/// [`paragraph_metrics`] with buffers kept from an earlier paragraph.
pub(crate) fn paragraph_metrics_in(
    scratch: &mut Scratch,
    para: &Text,
    ctx: Context<'_>,
    out: &mut Vec<Metric>,
) {
    let Scratch {
        norm,
        hits,
        sentences,
        drafts,
        toks,
        context,
    } = scratch;
    let original = para.text.as_str();
    // Most paragraphs hold no figure.
    if !original.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    norm.fill(original);
    let text = norm.as_str();
    hits.fill(text);
    sentences_into(text, sentences);
    drafts.clear();
    let mut forward: Option<Group> = None;
    let mut group_band: Option<BandHit> = None;
    let mut backward_from = 0;
    for &(s, e) in sentences.iter() {
        let sentence_hits = hits.within(s, e);
        let found = Found {
            toks: figures(text, s, e, std::mem::take(toks)),
            groups: groups(text, s, e, sentence_hits),
            bands: bands(text, s, e, sentence_hits),
            hits: sentence_hits,
        };
        let first_new = drafts.len();
        sentence_drafts(text, (s, e), &found, forward, drafts);
        let Found {
            groups,
            bands: band_hits,
            toks: buffer,
            ..
        } = found;
        *toks = buffer;
        let new = drafts.get_mut(first_new..).unwrap_or_default();
        let has_comparisons = new.iter().any(|d| d.comp.is_some());
        if !groups.is_empty() {
            group_band = None;
        }
        if has_comparisons {
            if let Some(gb) = group_band {
                for d in new
                    .iter_mut()
                    .filter(|d| d.comp.is_some() && d.band.is_none())
                {
                    d.band = Some(gb);
                }
            }
        } else if let Some(b) = band_hits.last() {
            group_band = Some(*b);
        }
        if let Some(all) = groups.iter().rev().find(|g| g.all) {
            let source = source_of(all, Attribution::Closing);
            for d in drafts.get_mut(backward_from..first_new).unwrap_or_default() {
                if d.source.is_none() {
                    d.source = Some(source);
                }
            }
        }
        if !groups.is_empty() {
            backward_from = drafts.len();
        }
        if let Some(g) = groups.iter().rev().find(|g| !g.closing) {
            forward = Some(*g);
        }
    }
    for mut d in drafts.drain(..) {
        if d.source.is_none() {
            d.source = d.carried().map(|g| source_of(&g, Attribution::Leading));
        }
        out.push(finish(&d, para, norm, hits, ctx, context));
    }
}

fn source_of(g: &Group, attribution: Attribution) -> Source {
    Source {
        dataset: g.dataset,
        period: g.period,
        attribution,
    }
}

fn units_pair(value: Unit, comp: &Figure) -> Option<Decimal> {
    match *comp {
        Figure::Value(v, u) if u == value => Some(v),
        Figure::Value(v, Unit::Rate | Unit::Percent)
            if matches!(value, Unit::Rate | Unit::Percent) =>
        {
            Some(v)
        }
        Figure::Bare(v) => Some(v),
        _ => None,
    }
}

/// Pairs each comparator with the nearest unpaired value of a compatible unit written before
/// it (after the previous comparator), else with the first one after it (before the next).
/// Returns each value token with the index of its comparator.
fn pair(toks: &[Tok], comps: &[Comp], (s, e): (usize, usize)) -> Vec<(usize, Option<usize>)> {
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
fn sentence_drafts(
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

/// A period written next to a figure ("86% in 2023-2024", "their 2021 to 2022 performance of
/// 75%") is the figure's own. Each such period goes to the nearest figure; a comma or semicolon
/// in between counts as a long way ("21 days in 2022/23, down from 40 days in 2021 to 2022").
fn own_periods(text: &str, found: &Found, new: &mut [Draft]) {
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
        src.period = Some(fy);
        // Keep the dataset of a leading mention while taking the figure's own period.
        if let (None, Some(g)) = (src.dataset, carried) {
            src.dataset = g.dataset;
            src.attribution = Attribution::Leading;
        }
    }
}

/// A duration that belongs to the subject, not a figure of its own: "still at home 91 days
/// after discharge", "within 12 weeks of discharge", "within the previous 12 months".
fn part_of_subject(text: &str, t: Tok, unit: Unit) -> bool {
    if !matches!(unit, Unit::Days | Unit::Weeks | Unit::Months) {
        return false;
    }
    let after = text.get(t.end..).unwrap_or("");
    let before = text.get(..t.start).unwrap_or("");
    after.starts_with(" after ")
        || after.starts_with(" of discharge")
        || ["previous ", "last ", "past ", "next ", "within "]
            .iter()
            .any(|w| before.ends_with(w))
}

fn population(text: &str, part: Part, dataset: Option<Dataset>) -> Option<Population> {
    let has = |w: &str| catalogue::contains(text, w);
    if has("carer") || dataset == Some(Dataset::Sace) {
        Some(Population::Carers)
    } else if has("aged 65")
        || has("65 and over")
        || has("65+")
        || has("over 65")
        || has("older people")
    {
        Some(Population::Aged65Plus)
    } else if has("aged 18-64") || has("aged 18 to 64") {
        Some(Population::Aged18To64)
    } else if has("staff") || has("workforce") {
        Some(Population::Staff)
    } else if part == Part::About || has("residents") || has("population") {
        Some(Population::Residents)
    } else if has("people")
        || has("service users")
        || has("individuals")
        || has("clients")
        || has("adults")
    {
        Some(Population::PeopleWhoUseServices)
    } else {
        None
    }
}

fn finish(
    d: &Draft,
    para: &Text,
    norm: &Normalized,
    hits: &Hits,
    ctx: Context<'_>,
    context: &mut String,
) -> Metric {
    let text = norm.as_str();
    let orig = |i: usize| norm.original_offset(i);
    let verbatim = |a: usize, b: usize| para.text.get(orig(a)..orig(b)).unwrap_or("").to_owned();
    let to_span = |a: usize, b: usize| -> Option<Span> {
        Some(Span::new(
            para.origin.source_offset(orig(a))?,
            para.origin.source_offset(orig(b))?,
        ))
    };
    // Subject as written: the clause up to the comparator phrase.
    let (c_lo, c_hi) = d.clause;
    // A plain figure's subject comes before it when the words before lead up to it ("a median
    // waiting time of 206 days"), else after it ("50% of nursing homes were rated good").
    let lead_in = text.get(c_lo..d.value_tok.start).unwrap_or("").trim_end();
    let subject_before = d.comp.is_some()
        || [
            " of",
            " was",
            " were",
            " at",
            " by",
            " is",
            " be",
            " to",
            " around",
            " approximately",
        ]
        .iter()
        .any(|w| lead_in.ends_with(w));
    let (subject_start, subject_end) = match &d.comp {
        Some((c, _, cend)) if *cend <= d.value_tok.start => (*cend, c_hi),
        Some((c, _, _)) if c.intro > d.value_tok.start => (c_lo, c.intro),
        Some(_) => (c_lo, c_hi),
        None if subject_before => (c_lo, d.value_tok.end),
        None => (d.value_tok.start, c_hi),
    };
    let subject = para
        .text
        .get(orig(subject_start)..orig(subject_end.max(subject_start)))
        .unwrap_or("");
    let subject = trim_subject(subject).to_owned();
    // Catalogue matching: the subject; for a local figure's qualifiers ("~carer") also the
    // sentence before it and the subheading.
    let dataset = d.source.and_then(|s| s.dataset);
    let clause_text = text.get(c_lo..d.hi.max(c_lo)).unwrap_or("");
    let full_text = text.get(c_lo..c_hi).unwrap_or("");
    let side_text = text
        .get(subject_start..subject_end.max(subject_start))
        .unwrap_or("");
    let before = text
        .get(d.sentence.0..subject_start.max(d.sentence.0))
        .unwrap_or("");
    matching_context(context, before, ctx.subheading.unwrap_or(""));
    let carers = |t: &str| catalogue::contains(t, "carer") || dataset == Some(Dataset::Sace);
    let context = context.as_str();
    let try_match = |t: &str| catalogue::best_match(t, context, d.unit, carers(t));
    // Matching is a pure function of the text: the same range twice gives the same answer.
    let full = (c_lo, c_hi);
    let (first, first_range) = if d.comp.is_some() {
        (clause_text, (c_lo, d.hi.max(c_lo)))
    } else {
        (side_text, (subject_start, subject_end.max(subject_start)))
    };
    let canonical = try_match(first).or_else(|| {
        if first_range == full {
            None
        } else {
            try_match(full_text)
        }
    });
    let population = canonical
        .map(|m| m.population)
        .or_else(|| population(full_text, ctx.part, dataset));
    let (comparator, gap) = match &d.comp {
        Some((c, v, _)) => (
            Some(Comparator {
                scope: c.scope,
                region: c.region.clone(),
                value: *v,
            }),
            d.value.checked_sub(*v),
        ),
        None => (None, None),
    };
    Metric {
        value: d.value,
        unit: d.unit,
        comparator,
        direction: keywords::direction(hits.within(c_lo, d.hi), text, c_lo, d.hi),
        gap,
        band: d.band.map(|b| b.band),
        band_label: d.band.map(|b| verbatim(b.start, b.end)),
        source: d.source,
        measure: Measure {
            text: subject,
            population,
            canonical,
        },
        statement: ctx.statement,
        part: ctx.part,
        subheading: ctx.subheading.map(str::to_owned),
        sentence: verbatim(d.sentence.0, d.sentence.1),
        span: to_span(d.sentence.0, d.sentence.1),
        figure_span: to_span(d.value_tok.start, d.value_tok.end),
    }
}

/// Writes the context a subject is matched in: the sentence before it, a space, and the
/// subheading in lowercase.
fn matching_context(context: &mut String, before: &str, subheading: &str) {
    context.clear();
    context.push_str(before);
    context.push(' ');
    context.push_str(subheading);
    if let Some(lower) = context.get_mut(before.len() + 1..) {
        lower.make_ascii_lowercase();
    }
}

/// Strips connectors and punctuation from the ends of a subject phrase.
fn trim_subject(s: &str) -> &str {
    const TAILS: &[&str] = &[
        " and",
        " or",
        " but",
        " with",
        " than",
        " then",
        " which was",
        " which is",
        " a further",
    ];
    const LEADS: &[&str] = &[
        "and ",
        "or ",
        "but ",
        "however, ",
        "however ",
        "for example, ",
        "which ",
        "while ",
        "whereas ",
    ];
    let junk = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '(' | ')');
    let mut t = s.trim_start_matches(junk);
    while let Some(lead) = LEADS
        .iter()
        .find(|l| t.get(..l.len()).is_some_and(|h| h.eq_ignore_ascii_case(l)))
    {
        t = t.get(lead.len()..).unwrap_or(t).trim_start_matches(junk);
    }
    // Keep a closing bracket that closes something in the subject.
    let tail_junk = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | '.');
    let mut t = t.trim_end_matches(tail_junk);
    while let Some(tail) = TAILS.iter().find(|w| {
        t.len() > w.len()
            && t.get(t.len() - w.len()..)
                .is_some_and(|h| h.eq_ignore_ascii_case(w))
    }) {
        t = t
            .get(..t.len() - tail.len())
            .unwrap_or(t)
            .trim_end_matches(tail_junk);
    }
    if t.ends_with(')') && t.matches('(').count() < t.matches(')').count() {
        t.trim_end_matches(')').trim_end()
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Metric> {
        let mut out = Vec::new();
        let ctx = Context {
            statement: None,
            part: Part::Findings,
            subheading: None,
        };
        paragraph_metrics(&Text::new(text), ctx, &mut out);
        out
    }

    #[test]
    fn sentences_split_at_full_stops_only() {
        let t = Normalized::new("A was 58.7% (e.g. this). B was 2.5 days! C? end");
        let s: Vec<&str> = sentences(t.as_str())
            .into_iter()
            .map(|(a, b)| &t.as_str()[a..b])
            .collect();
        assert_eq!(
            s,
            ["a was 58.7% (e.g. this).", "b was 2.5 days!", "c?", "end"]
        );
    }

    #[test]
    fn pairs_values_with_their_own_comparators() {
        let m = run(
            "Fewer carers (10.5%) had a break than the England average (12.0%) and more (30.25%) felt safe compared to the national average (20.75%).",
        );
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].comparator.as_ref().unwrap().value.to_string(), "12.0");
        assert_eq!(m[1].comparator.as_ref().unwrap().value.to_string(), "20.75");
        assert_eq!(m[1].comparator.as_ref().unwrap().scope, Scope::National);
        assert_eq!(m[0].direction, Some(crate::model::Direction::Fewer));
        assert_eq!(m[0].gap.unwrap().to_string(), "-1.5");
    }

    #[test]
    fn long_runs_are_cut_into_bounded_sentences() {
        let text = "1% average 2% ".repeat(2000) + &"x".repeat(10_000) + "\u{a3}5";
        let norm = Normalized::new(&text);
        let parts = sentences(norm.as_str());
        assert!(parts.iter().all(|&(s, e)| e - s <= MAX_SENTENCE));
        assert_eq!(parts.first().map(|p| p.0), Some(0));
        assert_eq!(parts.last().map(|p| p.1), Some(norm.as_str().len()));
        let m = run(&text);
        assert!(m.len() >= 2000, "{}", m.len());
    }

    #[test]
    fn subjects_are_trimmed_of_connectors() {
        assert_eq!(
            trim_subject(") and 34.6% people had contact"),
            "34.6% people had contact"
        );
        assert_eq!(
            trim_subject("; however, and fewer (5%) carers"),
            "fewer (5%) carers"
        );
        assert_eq!(trim_subject("(90.49%"), "90.49%");
        assert_eq!(trim_subject("people (aged 65+)"), "people (aged 65+)");
        assert_eq!(trim_subject(""), "");
        assert_eq!(trim_subject("£200 and"), "£200");
        assert_eq!(trim_subject("34% in 2011."), "34% in 2011");
        assert_eq!(
            trim_subject("35% were inactive, which was higher"),
            "35% were inactive, which was higher"
        );
    }

    #[test]
    fn figures_are_found_whole() {
        assert!(contains_figure("a value of 2%.", "2%"));
        assert!(!contains_figure("spent 12% on care", "2%"));
        assert!(contains_figure("about 1425 people", "1425"));
        assert!(!contains_figure("about 14250 people", "1425"));
    }

    #[test]
    fn never_panics_on_odd_text() {
        for t in [
            "£",
            "£.",
            "1",
            "(",
            "average 5",
            "9999999999999999999999999999999999%",
            "5.%",
            "‘2023-24’ average (5%)",
            "…£1…",
            "1.2.3.4",
            "2023-",
        ] {
            let _ = run(t);
        }
    }

    mod props {
        use super::*;
        use crate::model::{Origin, Span};
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn extraction_never_panics_and_spans_stay_inside(s in "(\\PC|[0-9%£()'. ]){0,120}") {
                let para = Text { text: s.clone(), origin: Origin::line(Span::new(10, 10 + s.len())) };
                let mut out = Vec::new();
                let ctx = Context { statement: None, part: Part::Findings, subheading: None };
                paragraph_metrics(&para, ctx, &mut out);
                for m in &out {
                    let span = m.span.unwrap();
                    prop_assert!(10 <= span.start && span.end <= 10 + s.len());
                    prop_assert!(s.get(span.start - 10..span.end - 10).is_some());
                }
            }

            #[test]
            fn sentences_built_from_parts_pair_correctly(v in 1u32..99_999, c in 1u32..99_999, scope in 0usize..3) {
                let (v, c) = (Decimal::new(i64::from(v), 2), Decimal::new(i64::from(c), 2));
                let phrase = ["the England average", "the national average", "average"][scope];
                let text = format!("Fewer carers ({v}%) had a break than {phrase} ({c}%) (SACE 2023-24). Around 12% of staff left.");
                let ms = run(&text);
                prop_assert_eq!(ms.len(), 2);
                prop_assert_eq!(ms[0].comparator.as_ref().map(|x| x.value), Some(c));
                prop_assert_eq!(ms[0].value, v);
                prop_assert!(ms[1].comparator.is_none());
            }
        }
    }
}
