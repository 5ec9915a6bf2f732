//! Stage 7: the subject a figure describes, and the canonical measure it names.

use super::Context;
use super::catalogue;
use super::keywords::{self, Hits};
use super::paragraph::Draft;
use crate::model::{Comparator, Dataset, Measure, Metric, Part, Population, Span, Text, Unmatched};
use crate::text::Normalized;

pub(super) fn population(text: &str, part: Part, dataset: Option<Dataset>) -> Option<Population> {
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

/// The subject's range as written: the clause up to the comparator phrase. A plain figure's
/// subject comes before it when the words before lead up to it ("a median waiting time of 206
/// days"), else after it ("50% of nursing homes were rated good").
fn subject_range(text: &str, d: &Draft) -> (usize, usize) {
    let (c_lo, c_hi) = d.clause;
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
    match &d.comp {
        Some((_, _, cend)) if *cend <= d.value_tok.start => (*cend, c_hi),
        Some((c, _, _)) if c.intro > d.value_tok.start => (c_lo, c.intro),
        Some(_) => (c_lo, c_hi),
        None if subject_before => (c_lo, d.value_tok.end),
        None => (d.value_tok.start, c_hi),
    }
}

pub(super) fn finish(
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
    let (c_lo, c_hi) = d.clause;
    let (subject_start, subject_end) = subject_range(text, d);
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
                value: Some(*v),
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
        wording: None,
        band_derived: false,
        gap,
        band: d.band.map(|b| b.band),
        band_label: d.band.map(|b| verbatim(b.start, b.end)),
        source: d.source,
        measure: Measure {
            text: subject,
            population,
            canonical,
            score: if canonical.is_some() { 100 } else { 0 },
            unmatched: canonical.is_none().then_some(Unmatched::NoCandidate),
        },
        statement: ctx.statement,
        part: ctx.part,
        subheading: ctx.subheading.map(Into::into),
        sentence: verbatim(d.sentence.0, d.sentence.1).into(),
        span: to_span(d.sentence.0, d.sentence.1),
        figure_span: to_span(d.value_tok.start, d.value_tok.end),
    }
}

/// Writes the context a subject is matched in: the sentence before it, a space, and the
/// subheading in lowercase.
pub(super) fn matching_context(context: &mut String, before: &str, subheading: &str) {
    context.clear();
    context.push_str(before);
    context.push(' ');
    context.push_str(subheading);
    if let Some(lower) = context.get_mut(before.len() + 1..) {
        lower.make_ascii_lowercase();
    }
}

/// Strips connectors and punctuation from the ends of a subject phrase.
pub(super) fn trim_subject(s: &str) -> &str {
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
}
