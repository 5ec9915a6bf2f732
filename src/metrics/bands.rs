//! Stage 4: CQC's variation band labels: "(negative variation)", "'tending towards negative'
//! band", "significantly positive variation", "(no statistical variation)".

use super::grammar;
use super::phrases::{Found, Kind};
use crate::model::VariationBand;

/// A band label in a sentence.
#[derive(Debug, Clone, Copy)]
pub(super) struct BandLabel {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) band: VariationBand,
}

/// The band labels of `text[start..end]`, in order, into `out` (emptied first). A lone
/// "positive" or "negative" is a label only when it says it is one (with "variation" or
/// "band", after "tending towards", or in quotes).
pub(super) fn bands(
    text: &str,
    (start, end): (usize, usize),
    phrases: &[Found],
    out: &mut Vec<BandLabel>,
) {
    out.clear();
    for f in phrases
        .iter()
        .filter(|f| f.kind == Kind::Band && f.end <= end)
    {
        let mut s = f.start;
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
                out.push(BandLabel {
                    start: s,
                    end: e,
                    band,
                });
            }
        }
    }
    out.sort_by_key(|b| b.start);
}
