//! The driver: one paragraph at a time, sentence by sentence, carrying what a sentence says to
//! the sentences after it (a source named in a sentence without figures to the rest of the
//! paragraph, a leading source to later compared figures, a band stated for a group to the
//! comparisons that follow, a comparison written alone to the figure before it) and back (a
//! closing "(All from ...)").

use std::sync::Arc;

use super::Context;
use super::attribution::{self, Change, Draft, Found, compatible, set_aside};
use super::bands::{BandLabel, bands};
use super::catalogue::{Positioned, Word, words};
use super::comparators::{Comp, comparators};
use super::figures::figures;
use super::phrases::Phrases;
use super::sentences::sentences_into;
use super::sources::{Mention, free_periods, mentions};
use super::subject::{Clause, finish};
use super::wording::wordings;
use crate::model::{Dataset, MAX_FIGURES_PER_SENTENCE, Metric, MetricWarning, Period, Text};
use crate::text::Normalized;
use crate::text::search::PhraseSet;

/// Buffers the extraction needs, kept from paragraph to paragraph of a report, and what the
/// page has said so far.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    norm: Normalized,
    phrases: Phrases,
    sentences: Vec<(usize, usize)>,
    found: Found,
    /// A description that is not a slice of its sentence's words.
    own: Vec<Word>,
    /// The subheading's words.
    heading: Vec<Word>,
    /// Each sentence's blanked words.
    sentence_words: Vec<Positioned>,
    /// Warnings of reading.
    pub(super) warnings: Vec<MetricWarning>,
    /// The last source named on the page (for "the same survey").
    last_source: Option<(Dataset, Option<Period>)>,
}

/// A sentence's text with its figures, comparators, bands and sources blanked out: what is
/// left describes what the figures measure.
fn masked(text: &str, (s, e): (usize, usize), found: &Found) -> String {
    let mut bytes = text.as_bytes().get(s..e).unwrap_or_default().to_vec();
    let mut blank = |a: usize, b: usize| {
        for k in a.max(s)..b.min(e) {
            if let Some(x) = bytes.get_mut(k - s) {
                *x = b' ';
            }
        }
    };
    for f in found.figs.iter().filter(|f| !f.in_name) {
        blank(f.start, f.number_end);
    }
    for c in &found.comps {
        blank(c.intro, c.end);
    }
    for b in &found.bands {
        blank(b.start, b.end);
    }
    for m in &found.mentions {
        blank(m.start, m.end);
    }
    for w in found.wordings.iter().filter(|w| w.used) {
        blank(w.start, w.end);
    }
    // Only whole characters were blanked (every span starts and ends on a boundary), so the
    // bytes are UTF-8; anything else would make the clause empty rather than wrong.
    String::from_utf8(bytes).unwrap_or_default()
}

/// Where the words between two metrics of a sentence divide: after the first one's comparison
/// when it has one ("... (89.51%) than average (94.05%) | and fewer people felt clean ..."),
/// else at the last clause boundary between them ("642 people | with a median waiting time of
/// 206 days | and a maximum waiting time of 1018 days").
/// Words that end one figure's description and start the next one's.
const BOUNDARIES: &[&str] = &[
    ";",
    ", and ",
    ", while ",
    ", whereas ",
    ", but ",
    ", with ",
    " and ",
    " with ",
    " while ",
    " whereas ",
    " but ",
    ": ",
];

/// The boundaries set off by punctuation: where the gap between two figures has one, the
/// clause ends there, whatever bare connective follows ("8.2% since 2011, with those aged 65
/// and over ...": the boundary is at ", with", not at "and over").
const STRONG_BOUNDARIES: usize = 6;

/// Where the last clause boundary in `gap` starts: the last punctuated one, else the last bare
/// connective that joins clauses (not the "and" of an age band: "65 and over", "18 and
/// under", "aged 16 and older").
fn last_boundary(gap: &str, extra: &[&str]) -> Option<usize> {
    let strong = BOUNDARIES[..STRONG_BOUNDARIES]
        .iter()
        .chain(extra)
        .filter_map(|w| gap.rfind(w))
        .max();
    strong.or_else(|| {
        BOUNDARIES[STRONG_BOUNDARIES..]
            .iter()
            .filter_map(|w| {
                gap.match_indices(w)
                    .filter(|&(k, _)| {
                        let after = &gap[k + w.len()..];
                        !(*w == " and "
                            && ["over", "under", "older", "above"]
                                .iter()
                                .any(|x| after.starts_with(x)))
                    })
                    .map(|(k, _)| k)
                    .last()
            })
            .max()
    })
}

fn split(text: &str, masked: &str, a: &Draft, b: &Draft) -> usize {
    let s = a.sentence.0;
    // After a bracketed count ("21.8% of residents (71,370) were under 18, 58.9% ..."): the
    // words up to the next clause boundary are the count's (and its figure's); without one
    // ("19.48% (62,317) of the predicted population of 319,870"), they are the next figure's.
    if a.follows.is_some() {
        let close = text
            .get(a.end..b.start)
            .and_then(|g| g.find(')'))
            .map(|k| a.end + k + 1);
        if let Some(close) = close {
            let gap = masked.get(close - s..b.start - s).unwrap_or("");
            return last_boundary(gap, &[", "]).map_or(close, |k| close + k);
        }
    }
    if let Some(c) = &a.comp {
        if c.end > a.end && c.end <= b.start {
            return c.end;
        }
    }
    let gap = masked.get(a.end - s..b.start - s).unwrap_or("");
    // "People felt safe (74.1%) and said services made them feel safe (88.3%)": a figure in
    // brackets closes the words before it.
    let opened = masked
        .get(..a.start - s)
        .is_some_and(|t| t.trim_end().ends_with('('));
    if opened && gap.starts_with(')') {
        return a.end + 1;
    }
    last_boundary(gap, &[]).map_or(b.start, |k| a.end + k)
}

/// The boundaries that end the clause of a sentence's last figure: what follows is another
/// clause about something else ("a median of 21 days for an assessment, and financial
/// assessments were completed within 10 days").
const TAIL_BOUNDARIES: &[&str] = &[";", ", and ", ", while ", ", whereas ", ", but "];

/// The automaton of [`TAIL_BOUNDARIES`], built once.
static TAIL: std::sync::LazyLock<PhraseSet> =
    std::sync::LazyLock::new(|| PhraseSet::new(TAIL_BOUNDARIES));

/// Where the clause of a sentence's last figure ends: at the first clause boundary after the
/// figure and its comparison, when words before the boundary describe it; else at the end of
/// the sentence.
fn tail_end(masked: &str, d: &Draft, lo: usize) -> usize {
    let s = d.sentence.0;
    let from = d.comp.as_ref().map_or(d.end, |c| c.end.max(d.end));
    let rest = masked.get(from.saturating_sub(s)..).unwrap_or("");
    let Some((k, _)) = TAIL.find_iter(rest).next() else {
        return d.sentence.1;
    };
    let words = |t: &str| t.split(|c: char| !c.is_alphabetic()).any(|w| w.len() > 2);
    let before = masked
        .get(lo.saturating_sub(s)..d.start.saturating_sub(s))
        .unwrap_or("");
    if words(before) || words(&rest[..k]) {
        from + k
    } else {
        d.sentence.1
    }
}

/// The longest piece of a paragraph read as one: report paragraphs are far shorter, and the
/// bound keeps the memory of extraction proportional to the metrics found. A longer paragraph
/// (text that is not prose) is read in pieces of whole sentences; sources and bands do not
/// carry from one piece to the next.
pub(super) const MAX_PARAGRAPH: usize = 16 * super::sentences::MAX_SENTENCE;

/// Extracts the metrics of one paragraph and appends them to `out`.
pub(super) fn paragraph_metrics_in(
    scratch: &mut Scratch,
    para: &Text,
    ctx: Context<'_>,
    out: &mut Vec<Metric>,
) {
    let original = para.text.as_str();
    // Most paragraphs hold no figure.
    if !original.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    let mut start = 0;
    while start < original.len() {
        let end = piece_end(original, start);
        piece_metrics_in(scratch, para, start..end, ctx, out);
        start = end;
    }
}

/// Where the piece of `text` starting at `start` ends: the whole rest when it is short enough,
/// else after the last sentence end (else the last space, else a character boundary) within
/// [`MAX_PARAGRAPH`] bytes.
fn piece_end(text: &str, start: usize) -> usize {
    if text.len() - start <= MAX_PARAGRAPH {
        return text.len();
    }
    let mut limit = start + MAX_PARAGRAPH;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = &text[start..limit];
    let cut = window
        .rfind(". ")
        .map(|k| k + 2)
        .or_else(|| window.rfind(' ').map(|k| k + 1))
        .filter(|&k| k > 0)
        .unwrap_or(window.len());
    start + cut
}

/// Extracts the metrics of `para.text[range]` and appends them to `out`.
#[allow(clippy::too_many_lines)]
fn piece_metrics_in(
    scratch: &mut Scratch,
    para: &Text,
    range: std::ops::Range<usize>,
    ctx: Context<'_>,
    out: &mut Vec<Metric>,
) {
    let original = para.text.get(range.clone()).unwrap_or("");
    if !original.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    scratch.norm.fill_at(original, range.start);
    let text = scratch.norm.as_str();
    sentences_into(text, &mut scratch.sentences);
    // Sentences after the one that follows the last sentence with a figure say nothing about
    // any figure: they are not read.
    let last_figure = scratch
        .sentences
        .iter()
        .rposition(|&(s, e)| text.as_bytes()[s..e].iter().any(u8::is_ascii_digit));
    let Some(last_figure) = last_figure else {
        return;
    };
    scratch.sentences.truncate(last_figure + 2);
    let read_to = scratch.sentences.last().map_or(0, |&(_, e)| e);
    scratch.phrases.fill(&text[..read_to]);
    let mut all: Vec<(Draft, usize)> = Vec::new();
    let mut masks: Vec<String> = Vec::new();
    // What carries from sentence to sentence.
    let mut forward: Option<(Vec<Mention>, bool)> = None;
    let mut group_band: Option<BandLabel> = None;
    let mut backward_from = 0;
    let sentences = std::mem::take(&mut scratch.sentences);
    for (si, &(s, e)) in sentences.iter().enumerate() {
        let found = &mut scratch.found;
        figures(text, (s, e), &mut found.figs);
        let phrases = scratch.phrases.within(s, e);
        comparators(text, (s, e), &found.figs, phrases, &mut found.comps);
        bands(text, (s, e), phrases, &mut found.bands);
        wordings(text, (s, e), phrases, &mut found.wordings);
        mentions(
            text,
            (s, e),
            phrases,
            scratch.last_source,
            &mut found.mentions,
        );
        free_periods(text, s, &found.figs, &found.mentions, &mut found.periods);
        let mut drafts = attribution::drafts(text, (s, e), found);
        // A number read as no figure is reported, not silently dropped.
        for &(a, b) in found.dropped.iter().take(MAX_FIGURES_PER_SENTENCE) {
            let orig = |i: usize| scratch.norm.original_offset(i);
            let written = para.text.get(orig(a)..orig(b)).unwrap_or("");
            scratch.warnings.push(MetricWarning::NumberNotRead {
                number: written.to_owned(),
                span: para
                    .origin
                    .source_offset(orig(a))
                    .zip(para.origin.source_offset(orig(b)))
                    .map(|(a, b)| crate::model::Span::new(a, b)),
            });
        }
        // Text that is not prose (a table pasted as one line): the first figures only, and a
        // warning.
        if drafts.len() > MAX_FIGURES_PER_SENTENCE {
            let orig = |i: usize| scratch.norm.original_offset(i);
            scratch.warnings.push(MetricWarning::FiguresNotRead {
                count: drafts.len() - MAX_FIGURES_PER_SENTENCE,
                span: para
                    .origin
                    .source_offset(orig(s))
                    .zip(para.origin.source_offset(orig(e)))
                    .map(|(a, b)| crate::model::Span::new(a, b)),
            });
            drafts.truncate(MAX_FIGURES_PER_SENTENCE);
        }
        masks.push(masked(text, (s, e), found));

        // A comparison written alone in its sentence ("This was below the England average
        // (63.9%).") is the previous figure's; several averages ("The England averages were
        // 36.8% and 66.6% respectively.") are the previous sentence's figures', in order, when
        // it has as many figures without one. Baselines and targets take none.
        if drafts.is_empty() && !found.comps.is_empty() {
            let values: Vec<(&Comp, Option<usize>)> = found
                .comps
                .iter()
                .flat_map(|c| {
                    let one = c.values.is_empty().then_some((c, None));
                    one.into_iter()
                        .chain(c.values.iter().map(move |&k| (c, Some(k))))
                })
                .collect();
            // The previous sentence's open figures; past a sentence that holds only a
            // baseline ("This was up from 41.0% the year before."), the one before it.
            let of_sentence = |back: usize| -> (Vec<usize>, bool) {
                let js: Vec<usize> = (0..all.len())
                    .rev()
                    .skip_while(|&j| all[j].1 + back > si)
                    .take_while(|&j| all[j].1 + back == si)
                    .collect();
                let only_aside = !js.is_empty() && js.iter().all(|&j| set_aside(text, &all[j].0));
                let mut open: Vec<usize> = js
                    .into_iter()
                    .filter(|&j| all[j].0.comp.is_none() && !set_aside(text, &all[j].0))
                    .collect();
                open.reverse();
                (open, only_aside)
            };
            let open = match of_sentence(1) {
                (_, true) if si >= 2 => of_sentence(2).0,
                (open, _) => open,
            };
            let pairs: Vec<(usize, usize)> = match (values.len(), open.last()) {
                (1, Some(&j)) => vec![(j, 0)],
                (n, _) if n > 1 && open.len() == n => open.iter().copied().zip(0..n).collect(),
                _ => Vec::new(),
            };
            let several = pairs.len() > 1;
            for (j, v) in pairs {
                let (c, k) = values[v];
                let fig = k.and_then(|k| found.figs.get(k));
                let d = &mut all[j].0;
                if fig.is_some_and(|f| !compatible(d.unit, f)) {
                    continue;
                }
                d.comp_value = fig.and_then(super::figures::Fig::number);
                d.comp = Some(Comp {
                    values: k.into_iter().collect(),
                    ..c.clone()
                });
                let nth = if several { v } else { 0 };
                if d.wording.is_none() {
                    d.wording = found.wordings.get(nth).copied();
                }
                if d.band.is_none() {
                    d.band = found.bands.get(nth).copied();
                }
                if d.mention.is_none() {
                    d.mention = found.mentions.first().copied();
                }
            }
        }
        // A band stated for a group, in a sentence without comparisons, applies to the
        // comparisons that follow, until a sentence names its own source.
        if !found.mentions.is_empty() {
            group_band = None;
        }
        if drafts.iter().any(|d| d.comp.is_some()) {
            if let Some(gb) = group_band {
                for d in drafts
                    .iter_mut()
                    .filter(|d| d.comp.is_some() && d.band.is_none())
                {
                    d.band = Some(gb);
                }
            }
        } else if let Some(b) = found.bands.last() {
            group_band = Some(*b);
        }
        // "(All from SACE 2023-2024)" applies back to the sentences since the last source.
        if let Some(m) = found.mentions.iter().rev().find(|m| m.all) {
            for (d, _) in all.get_mut(backward_from..).unwrap_or_default() {
                if d.mention.is_none() {
                    d.mention = Some(*m);
                }
            }
        }
        // A leading source carries: from a sentence without figures to every figure after
        // it in the paragraph; from one with figures to compared figures and to the
        // authority's own data.
        // What someone told us is theirs, not the data's: "One carer told us they had waited
        // 5 months".
        let sentence = text.get(s..e).unwrap_or("");
        let anecdote = ["told us", "told cqc", "we heard"]
            .iter()
            .any(|w| sentence.contains(w));
        for d in drafts
            .iter_mut()
            .filter(|d| d.mention.is_none() && !anecdote)
        {
            if let Some((ms, framing)) = &forward {
                let Some(m) = ms.last() else { continue };
                // From a sentence with figures, a source carries to a compared figure that
                // does not state its own period ("... (100%) received self-directed support in
                // 2023-24, compared with 88.7%" stands on its own), and to the authority's own
                // data.
                let carries = *framing
                    || ((d.comp.is_some() || d.wording.is_some()) && d.period.is_none())
                    || m.dataset == Some(Dataset::LocalAuthority);
                if carries {
                    d.mention = Some(Mention {
                        closing: false,
                        ..*m
                    });
                    d.alternatives.clone_from(ms);
                }
            }
        }
        if !found.mentions.is_empty() {
            backward_from = all.len() + drafts.len();
        }
        let leading: Vec<Mention> = found
            .mentions
            .iter()
            .filter(|m| !m.closing)
            .copied()
            .collect();
        if !leading.is_empty() {
            forward = Some((leading, drafts.is_empty()));
        }
        if let Some(m) = found
            .mentions
            .iter()
            .rev()
            .find(|m| !m.same && m.dataset.is_some())
        {
            scratch.last_source = m.dataset.map(|d| (d, m.period));
        }
        all.extend(drafts.into_iter().map(|d| (d, si)));
    }
    scratch.sentences = sentences;
    // Each sentence's words, read once for all its metrics and the next sentence's.
    if scratch.sentence_words.len() < masks.len() {
        scratch
            .sentence_words
            .resize_with(masks.len(), Positioned::default);
    }
    // Only those of sentences with figures, and of the sentences before them, are read.
    // Where each sentence's metrics start in `all`.
    let mut first_of: Vec<Option<usize>> = vec![None; masks.len()];
    for (k, (_, si)) in all.iter().enumerate() {
        if let Some(f) = first_of.get_mut(*si) {
            f.get_or_insert(k);
        }
    }
    // Which sentences tell one person's story.
    let anecdotes: Vec<bool> = (0..masks.len())
        .map(|si| first_of.get(si).is_some_and(Option::is_some) && is_anecdote(&masks[si]))
        .collect();
    for (si, (w, m)) in scratch.sentence_words.iter_mut().zip(&masks).enumerate() {
        let needed = first_of.get(si).is_some_and(Option::is_some)
            || first_of.get(si + 1).is_some_and(Option::is_some);
        w.fill(if needed { m } else { "" });
    }
    if all.is_empty() {
        return;
    }
    words(
        &ctx.subheading.unwrap_or("").to_ascii_lowercase(),
        &mut scratch.heading,
    );
    // Each metric's clause: the words between it and its neighbours in the sentence, cut
    // where the neighbour's description begins.
    let cuts: Vec<usize> = (1..all.len())
        .map(|k| {
            let (a, sa) = &all[k - 1];
            let (b, sb) = &all[k];
            if sa == sb {
                split(text, &masks[*sa], a, b)
            } else {
                b.start
            }
        })
        .collect();
    let mut names: Vec<Option<&'static crate::model::MeasureDef>> = Vec::with_capacity(all.len());
    // One copy of each sentence as written, and of the subheading, for all their metrics.
    let subheading: Option<Arc<str>> = ctx.subheading.map(Arc::from);
    let mut sentence: Option<(usize, Arc<str>)> = None;
    for k in 0..all.len() {
        let (d, si) = &all[k];
        if sentence.as_ref().is_none_or(|(i, _)| i != si) {
            let orig = |i: usize| scratch.norm.original_offset(i);
            let written = para
                .text
                .get(orig(d.sentence.0)..orig(d.sentence.1))
                .unwrap_or("");
            sentence = Some((*si, Arc::from(written)));
        }
        let Some((_, shared)) = &sentence else {
            continue;
        };
        let prev = k
            .checked_sub(1)
            .and_then(|p| all.get(p))
            .filter(|(_, i)| i == si);
        let next = all.get(k + 1).filter(|(_, i)| i == si);
        let clause = Clause {
            lo: if prev.is_some() {
                cuts[k - 1]
            } else {
                d.sentence.0
            },
            // "21.8% of residents (71,370) were under 18": a figure whose count follows it in
            // brackets shares the count's words after the bracket.
            hi: match next {
                Some((n, _)) if n.follows.is_some() => {
                    match all.get(k + 2).filter(|(_, i)| i == si) {
                        Some(_) => cuts[k + 1],
                        None => d.sentence.1,
                    }
                }
                Some(_) => cuts[k],
                None => tail_end(
                    &masks[*si],
                    d,
                    if prev.is_some() {
                        cuts[k - 1]
                    } else {
                        d.sentence.0
                    },
                ),
            },
            masked: &masks[*si],
            words: &scratch.sentence_words[*si],
            previous: si
                .checked_sub(1)
                .and_then(|p| scratch.sentence_words.get(p)),
            heading: &scratch.heading,
            shared: (shared, subheading.as_ref()),
            single: prev.is_none() && next.is_none(),
            baseline: None,
            before: prev
                .filter(|(p, _)| p.unit == d.unit && p.follows.is_none())
                .map(|(p, _)| {
                    let lo = if k >= 2 && all[k - 2].1 == *si {
                        cuts[k - 2]
                    } else {
                        d.sentence.0
                    };
                    (lo, cuts[k - 1], p.start.max(lo))
                }),
            anecdote: anecdotes.get(*si).copied().unwrap_or(false),
        };
        // B of "from A to B" is described by A's words, A of "B, up from A" by B's.
        let clause = match d.change {
            Some(Change::Like(i)) => {
                let first = first_of.get(*si).copied().flatten().unwrap_or(k);
                let a = first + i;
                let lo = if a > first { cuts[a - 1] } else { d.sentence.0 };
                let hi = cuts.get(a).copied().unwrap_or(d.sentence.1);
                Clause {
                    baseline: Some((lo, hi)),
                    ..clause
                }
            }
            _ => clause,
        };
        // A bare count in brackets names what the figure before it names.
        let followed = d.follows.and_then(|f| {
            let first = first_of.get(*si).copied().flatten()?;
            names.get(first + f).copied().flatten()
        });
        let metric = finish(
            &scratch.norm,
            &mut scratch.own,
            d,
            clause,
            followed,
            para,
            ctx,
        );
        names.push(metric.measure.canonical);
        out.push(metric);
    }
}

/// Words that make a sentence one person's story, not data: "One carer told us they had
/// waited 5 months" (not "people told us most were settled", which speaks for many).
const ANECDOTE: &[&str] = &[
    "one person",
    "one carer",
    "one family",
    "one relative",
    "one resident",
    "one individual",
    "a carer told",
    "a person told",
    "a relative told",
    "a family member",
    "an individual told",
];

/// Whether a (lowercase, normalised) sentence tells one person's story.
fn is_anecdote(sentence: &str) -> bool {
    ANECDOTE.iter().any(|w| sentence.contains(w))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::{Part, Scope};
    use rust_decimal::Decimal;

    pub(crate) fn run(text: &str) -> Vec<Metric> {
        let mut out = Vec::new();
        let ctx = Context {
            statement: None,
            part: Part::Findings,
            subheading: None,
        };
        paragraph_metrics_in(&mut Scratch::default(), &Text::new(text), ctx, &mut out);
        out
    }

    #[test]
    fn pairs_values_with_their_own_comparators() {
        let m = run(
            "Fewer carers (10.5%) had a break than the England average (12.0%) and more (30.25%) felt safe compared to the national average (20.75%).",
        );
        assert_eq!(m.len(), 2);
        assert_eq!(
            m[0].comparator.as_ref().unwrap().value.unwrap().to_string(),
            "12.0"
        );
        assert_eq!(
            m[1].comparator.as_ref().unwrap().value.unwrap().to_string(),
            "20.75"
        );
        assert_eq!(m[1].comparator.as_ref().unwrap().scope, Scope::National);
        assert_eq!(m[0].direction, Some(crate::model::Direction::Fewer));
        assert_eq!(m[0].gap.unwrap().to_string(), "-1.5");
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
                paragraph_metrics_in(&mut Scratch::default(), &para, ctx, &mut out);
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
                prop_assert_eq!(ms[0].comparator.as_ref().and_then(|x| x.value), Some(c));
                prop_assert_eq!(ms[0].value, v);
                prop_assert!(ms[1].comparator.is_none());
            }
        }
    }
}
