//! Stage 1: cutting a normalised paragraph into sentences.

/// Sentence ranges in normalised text.
#[cfg(test)]
pub(super) fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut cut = Vec::new();
    sentences_into(text, &mut cut);
    cut
}

/// Sentence ranges in normalised text, into `cut` (emptied first).
pub(super) fn sentences_into(text: &str, cut: &mut Vec<(usize, usize)>) {
    const ABBREVIATIONS: &[&str] = &[
        "e.g", "i.e", "etc", "approx", "no", "vs", "mr", "mrs", "dr", "st", "fig", "cent",
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
pub(super) const MAX_SENTENCE: usize = 4096;

/// Cuts a range longer than [`MAX_SENTENCE`] at spaces (or anywhere on a char boundary when
/// there is none).
pub(super) fn bounded(text: &str, (mut s, e): (usize, usize), out: &mut Vec<(usize, usize)>) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Normalized;

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
    fn long_runs_are_cut_into_bounded_sentences() {
        let text = "1% average 2% ".repeat(2000) + &"x".repeat(10_000) + "\u{a3}5";
        let norm = Normalized::new(&text);
        let parts = sentences(norm.as_str());
        assert!(parts.iter().all(|&(s, e)| e - s <= MAX_SENTENCE));
        assert_eq!(parts.first().map(|p| p.0), Some(0));
        assert_eq!(parts.last().map(|p| p.1), Some(norm.as_str().len()));
        // Each bounded sentence of the figure run gives its first figures (the rest are
        // reported, not read); "£5" glued to the run of letters is no figure.
        let m = crate::metrics::paragraph::tests::run(&text);
        let with_figures = parts
            .iter()
            .filter(|&&(s, e)| norm.as_str()[s..e].contains('%'))
            .count();
        assert_eq!(with_figures, 7);
        assert_eq!(
            m.len(),
            with_figures * crate::model::MAX_FIGURES_PER_SENTENCE
        );
    }
}
