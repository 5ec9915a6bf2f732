//! Stage 3: comparator phrases ("England average (65.4%)", "compared to 18% nationally",
//! "than in England (66%)"), each naming the figure that holds its value.

use super::figures::Tok;
use super::grammar::{self, Figure};
use super::keywords::{self, Phrase};
use crate::model::Scope;
use crate::text::search::Hit;

/// Regions reports name averages for.
pub(super) const REGIONS: &[(&str, &str)] = &[
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
pub(super) struct Comp {
    pub(super) tok: usize,
    pub(super) scope: Scope,
    pub(super) region: Option<String>,
    /// Start of the comparator phrase ("than the England average").
    pub(super) intro: usize,
}

/// Comparator phrases in a sentence; each names the token holding its value.
pub(super) fn comparators(
    text: &str,
    start: usize,
    end: usize,
    toks: &[Tok],
    hits: &[Hit],
) -> Vec<Comp> {
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
pub(super) fn add_comp(out: &mut Vec<Comp>, comp: Comp) {
    if !out.iter().any(|c| c.tok == comp.tok) {
        out.push(comp);
    }
}

/// The index of the value (or bare figure) token starting at byte `pos`, if any.
pub(super) fn value_tok_at(toks: &[Tok], pos: usize) -> Option<usize> {
    toks.iter()
        .position(|t| t.start == pos && matches!(t.fig, Figure::Value(..) | Figure::Bare(_)))
}

/// "than in England (65.4%)", "than nationally (12%)", "than across London (9%)": a scope
/// without "average".
pub(super) fn than_in(
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
pub(super) fn compared_to(
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
