//! Stage 4: CQC's variation band labels.

use super::grammar::{self};
use super::keywords::{self, Phrase};
use crate::model::VariationBand;
use crate::text::search::Hit;

#[derive(Debug, Clone, Copy)]
pub(super) struct BandHit {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) band: VariationBand,
}

pub(super) fn bands(text: &str, start: usize, end: usize, hits: &[Hit]) -> Vec<BandHit> {
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
