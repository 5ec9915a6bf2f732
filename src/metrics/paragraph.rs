//! The driver: one paragraph at a time, sentence by sentence, carrying what a sentence says
//! for later ones (a leading source forwards, a closing "(All from ...)" backwards, a band
//! stated for a group to the comparisons that follow).

use rust_decimal::Decimal;

use super::Context;
use super::attribution::sentence_drafts;
use super::bands::{BandHit, bands};
use super::comparators::Comp;
use super::figures::{Tok, figures};
use super::keywords::Hits;
use super::sentences::sentences_into;
use super::sources::{Group, groups};
use super::subject::finish;
use crate::model::{Attribution, Dataset, Metric, Period, Source, Text, Unit};
use crate::text::Normalized;
use crate::text::search::Hit;

/// What one sentence holds: figures, source mentions and band labels.
pub(super) struct Found<'h> {
    /// The phrases starting in the sentence.
    pub(super) hits: &'h [Hit],
    pub(super) toks: Vec<Tok>,
    pub(super) groups: Vec<Group>,
    pub(super) bands: Vec<BandHit>,
}

/// A metric being assembled.
#[derive(Debug, Clone)]
pub(super) struct Draft {
    pub(super) value: Decimal,
    pub(super) unit: Unit,
    pub(super) value_tok: Tok,
    pub(super) comp: Option<(Comp, Decimal, usize)>,
    pub(super) band: Option<BandHit>,
    pub(super) source: Option<Source>,
    pub(super) forward: Option<Group>,
    /// Normalised range the metric covers (value and comparator).
    pub(super) lo: usize,
    pub(super) hi: usize,
    /// Normalised range of its clause (between its neighbours).
    pub(super) clause: (usize, usize),
    pub(super) sentence: (usize, usize),
}

impl Draft {
    /// The leading source of an earlier sentence, when it carries to this figure: a national
    /// collection carries to benchmarked figures only (a survey's figures come with their
    /// averages), the authority's own data to any figure.
    pub(super) fn carried(&self) -> Option<Group> {
        self.forward
            .filter(|g| self.comp.is_some() || g.dataset == Some(Dataset::LocalAuthority))
    }
}

/// Buffers one paragraph's extraction needs, kept from paragraph to paragraph of a report.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    pub(super) norm: Normalized,
    pub(super) hits: Hits,
    pub(super) sentences: Vec<(usize, usize)>,
    pub(super) drafts: Vec<Draft>,
    pub(super) toks: Vec<Tok>,
    pub(super) context: String,
}

/// Extracts the metrics of one paragraph and appends them to `out`.
#[cfg(test)]
pub(super) fn paragraph_metrics(para: &Text, ctx: Context<'_>, out: &mut Vec<Metric>) {
    paragraph_metrics_in(&mut Scratch::default(), para, ctx, out);
}

/// [`paragraph_metrics`] with buffers kept from an earlier paragraph.
pub(super) fn paragraph_metrics_in(
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

pub(super) fn source_of(g: &Group, attribution: Attribution) -> Source {
    Source {
        dataset: g.dataset,
        period: g.period.map(Period::FinancialYear),
        attribution,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::metrics::Context;
    use crate::model::{Metric, Part, Scope, Text};

    pub(crate) fn run(text: &str) -> Vec<Metric> {
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
                prop_assert_eq!(ms[0].comparator.as_ref().and_then(|x| x.value), Some(c));
                prop_assert_eq!(ms[0].value, v);
                prop_assert!(ms[1].comparator.is_none());
            }
        }
    }
}
