//! Stage 3: comparator phrases, each with its scope and the figures that hold its values:
//! "(England average 65.4%)", "than the national average (36.8%)", "against an England average
//! of 58.8%", "compared with 79.4% nationally", "39.2% against 46.6% in England", "(England
//! 2.8%)", "the national figure was 64.7%", "than in England (66%)", "as compared to the
//! England averages of X% and Y% respectively", "Against England averages of X% and Y%, ...",
//! and averages named without a number ("similar to the England average").

use super::figures::Fig;
use super::grammar;
use super::phrases::{Anchor, Found, Kind};
use crate::model::Scope;

/// Regions reports name averages for.
pub(super) const REGIONS: &[(&str, &str)] = &[
    ("london", "London"),
    ("north west", "North West"),
    ("north east", "North East"),
    ("south east", "South East"),
    ("south west", "South West"),
    ("east of england", "East of England"),
    ("eastern", "East of England"),
    ("east midlands", "East Midlands"),
    ("west midlands", "West Midlands"),
    ("yorkshire and the humber", "Yorkshire and The Humber"),
    ("yorkshire and humber", "Yorkshire and The Humber"),
];

/// A comparator phrase.
#[derive(Debug, Clone)]
pub(super) struct Comp {
    /// Where the phrase starts ("than the England average", "(", "compared with").
    pub(super) intro: usize,
    /// Where it ends (after its last value, or after the average's name).
    pub(super) end: usize,
    pub(super) scope: Scope,
    pub(super) region: Option<&'static str>,
    /// The figures holding its values, in order (none for an average named without a number).
    pub(super) values: Vec<usize>,
}

/// The scope words at the end of `head` ("... the england", "... north east"), with where
/// they start.
fn scope_before(head: &str) -> Option<(Scope, Option<&'static str>, usize)> {
    let h = head.trim_end();
    // "Nationally the figure was 12.1%", "In England the rate was 77.6%".
    if let Some(b) = h.strip_suffix(" the").or_else(|| h.strip_suffix(", the")) {
        let b = b.trim_end_matches(',').trim_end();
        let leading = [
            ("nationally", Scope::National),
            ("in england", Scope::England),
            ("across england", Scope::England),
        ];
        if let Some(found) = leading
            .iter()
            .find_map(|&(words, scope)| ends_with_words(b, words).map(|at| (scope, None, at)))
        {
            return Some(found);
        }
    }
    let h = h.strip_suffix("'s").unwrap_or(h);
    let h = h.strip_suffix('\'').unwrap_or(h);
    // "the comparator group average", "the statistical neighbour average": peers, whose
    // average is no England one.
    let peers = PEERS.iter().map(|&p| (p, Scope::Unspecified, None));
    let scopes = [
        ("england", Scope::England),
        ("english", Scope::England),
        ("national", Scope::National),
        ("regional", Scope::Regional),
    ]
    .into_iter()
    .map(|(w, s)| (w, s, None));
    let regions = REGIONS
        .iter()
        .map(|&(k, name)| (k, Scope::Regional, Some(name)));
    peers
        .chain(scopes)
        .chain(regions)
        .find_map(|(words, scope, region)| ends_with_words(h, words).map(|at| (scope, region, at)))
}

/// Where `words` start when `text` ends with them as whole words (after a space, an opening
/// bracket or nothing).
fn ends_with_words(text: &str, words: &str) -> Option<usize> {
    let b = text.strip_suffix(words)?;
    (b.is_empty() || b.ends_with([' ', '('])).then_some(b.len())
}

/// The scope words at the start of `tail` ("nationally", "in england", "across london").
fn scope_after(tail: &str) -> Option<(Scope, Option<&'static str>)> {
    let t = tail.trim_start().trim_start_matches(')').trim_start();
    if t.starts_with("nationally") {
        return Some((Scope::National, None));
    }
    if t.starts_with("regionally") {
        return Some((Scope::Regional, None));
    }
    let t = ["in ", "across ", "for ", "of "]
        .iter()
        .find_map(|p| t.strip_prefix(p))?;
    let t = t.strip_prefix("the ").unwrap_or(t);
    if t.starts_with("england") && !t.starts_with("england average") {
        return Some((Scope::England, None));
    }
    // "across the region", "in the country".
    let word_end = |rest: &str| !rest.starts_with(|c: char| c.is_ascii_alphanumeric());
    if let Some(rest) = t.strip_prefix("region") {
        if word_end(rest) {
            return Some((Scope::Regional, None));
        }
    }
    if let Some(rest) = t.strip_prefix("country") {
        if word_end(rest) {
            return Some((Scope::National, None));
        }
    }
    REGIONS
        .iter()
        .find(|(k, _)| t.starts_with(k))
        .map(|&(_, name)| (Scope::Regional, Some(name)))
}

/// The figure starting at `pos`, if it can be a comparator's value.
fn value_at(figs: &[Fig], pos: usize) -> Option<usize> {
    figs.iter()
        .position(|f| f.start == pos && f.number().is_some())
}

/// The values after an average's name: one figure, or a list "X% and Y% (respectively)".
fn values_after(
    text: &str,
    at: usize,
    end: usize,
    figs: &[Fig],
    plural: bool,
) -> (Vec<usize>, usize) {
    let piece = text.get(at..end).unwrap_or("");
    let Ok((rest, ())) = grammar::to_value(piece) else {
        return (Vec::new(), at);
    };
    let mut pos = end - rest.len();
    let mut values = Vec::new();
    let mut ended = false;
    while let Some(k) = value_at(figs, pos) {
        values.push(k);
        let f = figs.get(k).map_or(pos, |f| f.end);
        pos = f;
        // A list continues only outside brackets: "averages of X% and Y%", not "(average
        // X%) and Y% ...".
        let tail = text.get(pos..end).unwrap_or("");
        let sep = [", and ", " and ", ", "]
            .iter()
            .find(|s| tail.starts_with(**s));
        match sep {
            // After "and" comes the last value of the list.
            Some(_) if ended => break,
            Some(s) => {
                ended = s.contains("and");
                let next = pos + s.len();
                if value_at(figs, next).is_some() {
                    pos = next;
                } else {
                    break;
                }
            }
            None => break,
        }
    }
    let mut stop = pos;
    let tail = text.get(pos..end).unwrap_or("");
    let closed = tail.strip_prefix(')').map_or(tail, |t| {
        stop += 1;
        t
    });
    let respectively = closed.strip_prefix(" respectively");
    if let Some(t) = respectively {
        stop += closed.len() - t.len();
    }
    // A list is a list only where the words say so: "averages", "respectively".
    if values.len() > 1 && !plural && respectively.is_none() {
        values.truncate(1);
        stop = figs.get(values[0]).map_or(stop, |f| f.end);
        if text.get(stop..stop + 1) == Some(")") {
            stop += 1;
        }
    }
    (values, stop)
}

/// Takes in "than the", "compared to the", "(", "with an" before a phrase at `at`.
fn intro_before(text: &str, start: usize, mut at: usize) -> usize {
    for _ in 0..4 {
        let head = text.get(start..at).unwrap_or("").trim_end();
        if head.ends_with('(') {
            at = start + head.len() - 1;
            continue;
        }
        let Some(word) = head.rsplit([' ', '(']).next() else {
            break;
        };
        if !word.is_empty()
            && matches!(
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
                    | "against"
                    | "of"
                    | "and"
            )
        {
            at = start + head.len() - word.len();
        } else {
            break;
        }
    }
    at
}

/// The comparator phrases of `text[start..end]`, given its figures and phrases, sorted by
/// where they start; a figure is the value of one comparator at most.
pub(super) fn comparators(
    text: &str,
    (start, end): (usize, usize),
    figs: &[Fig],
    phrases: &[Found],
    out: &mut Vec<Comp>,
) {
    out.clear();
    for f in phrases.iter().filter(|f| f.end <= end) {
        let comp = match f.kind {
            Kind::Anchor(Anchor::Average) => average(text, (start, end), figs, f),
            Kind::Anchor(Anchor::Compared) => compared(text, (start, end), figs, f),
            Kind::Anchor(Anchor::Than) => than_in(text, (start, end), figs, f),
            Kind::Anchor(Anchor::ScopeAfter) => bracketed_scope(text, (start, end), figs, f),
            _ => None,
        };
        if let Some(c) = comp {
            add(out, c);
        }
    }
    out.sort_by_key(|c| c.intro);
}

/// Adds a comparator unless one of its values already belongs to another.
fn add(out: &mut Vec<Comp>, comp: Comp) {
    let taken = out
        .iter()
        .any(|c| c.values.iter().any(|v| comp.values.contains(v)));
    let same_place = out
        .iter()
        .any(|c| c.values.is_empty() && comp.values.is_empty() && c.intro == comp.intro);
    if !taken && !same_place {
        out.push(comp);
    }
}

/// "<scope> average [of] X", "than average (X)", "the England averages of X and Y
/// respectively", and a scoped average without a number.
fn average(text: &str, (start, end): (usize, usize), figs: &[Fig], f: &Found) -> Option<Comp> {
    let head = text.get(start..f.start).unwrap_or("");
    let word = text.get(f.start..f.end).unwrap_or("");
    let (scope, region, scope_at) = match scope_before(head) {
        Some((s, r, at)) => (s, r, start + at),
        None => {
            // A bare "average" needs a comparison before it: "than (the) average", "to the
            // average"; "figure", "mean", "level", "rate", "score", "gap", "proportion" and
            // "percentage" need a scope ("the England rate was 77.6%", "a national score of
            // 7.3").
            if word != "average" && word != "averages" {
                return None;
            }
            let mut words = head.trim_end().rsplit(' ');
            let last = words.next().unwrap_or("");
            let ok = match last {
                "than" | "then" | "to" | "with" | "against" | "as" => true,
                "the" | "an" => matches!(
                    words.next(),
                    Some("than" | "then" | "to" | "with" | "against" | "as")
                ),
                _ => false,
            };
            // "less satisfied than average: 31.0% were ...": what follows the colon is the
            // council's figure.
            let colon = text
                .get(f.end..end)
                .is_some_and(|t| t.trim_start().starts_with(':'));
            if !ok || colon {
                return None;
            }
            (Scope::Unspecified, None, f.start)
        }
    };
    let plural = word.ends_with('s');
    // "the regional average for the North West was 82.1%": the region after the noun.
    let (region, from) = match (scope, region) {
        (Scope::Regional, None) => named_region(text.get(f.end..end).unwrap_or(""))
            .map_or((None, f.end), |(name, len)| (Some(name), f.end + len)),
        _ => (region, f.end),
    };
    let (values, stop) = values_after(text, from, end, figs, plural);
    // "higher than average life expectancy": "average" describes a noun, and names no
    // comparator.
    if values.is_empty() {
        let next = text
            .get(f.end..end)
            .unwrap_or("")
            .trim_start()
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("");
        let joins = matches!(
            next,
            "" | "for"
                | "in"
                | "across"
                | "of"
                | "and"
                | "or"
                | "but"
                | "while"
                | "which"
                | "with"
                | "at"
                | "when"
                | "whereas"
                | "as"
                | "on"
                | "by"
                | "over"
                | "this"
                | "that"
        );
        if !joins {
            return None;
        }
    }
    let intro = intro_before(text, start, scope_at);
    // "an average of 70.4% across the region": the scope after the value.
    let (scope, region, stop) = match (scope, values.is_empty()) {
        (Scope::Unspecified, false) => {
            let tail = text.get(stop..end).unwrap_or("");
            match scope_after(tail) {
                Some((s, r)) => {
                    let words = tail.find([',', ';', '(', '.']).unwrap_or(tail.len());
                    (s, r, stop + words)
                }
                None => (scope, region, stop),
            }
        }
        _ => (scope, region, stop),
    };
    Some(Comp {
        intro,
        end: if values.is_empty() { f.end } else { stop },
        scope,
        region,
        values,
    })
}

/// "compared with 79.4% nationally", "against 46.6% in England", "compared to 18%".
fn compared(text: &str, (start, end): (usize, usize), figs: &[Fig], f: &Found) -> Option<Comp> {
    let piece = text.get(f.end..end).unwrap_or("");
    let trimmed = piece.trim_start().trim_start_matches('(').trim_start();
    let k = value_at(figs, end - trimmed.len())?;
    let fig_end = figs.get(k)?.end;
    // "compared with 65.4% in 2023-24 nationally": the scope after the value's period.
    let after = text.get(fig_end..end).unwrap_or("");
    let past_period = figs
        .get(k + 1)
        .filter(|g| g.period().is_some() && g.start >= fig_end)
        .and_then(|g| {
            let gap = text.get(fig_end..g.start)?;
            (gap.trim() == "in" || gap.trim() == "for").then(|| text.get(g.end..end))?
        });
    let (scope, region) = scope_after(after)
        .or_else(|| past_period.and_then(scope_after))
        .unwrap_or((Scope::Unspecified, None));
    let mut stop = fig_end;
    let tail = text.get(fig_end..end).unwrap_or("");
    // "68% of people felt safe, compared with 79% of carers": a figure of another group, not
    // an average.
    if scope == Scope::Unspecified && not_an_average(tail) {
        return None;
    }
    if scope != Scope::Unspecified {
        // Through the scope words.
        let words = match scope {
            Scope::National if tail.trim_start().starts_with("nationally") => {
                tail.len() - tail.trim_start().len() + "nationally".len()
            }
            _ => tail.find([',', ';', '(', '.']).unwrap_or(tail.len()),
        };
        stop = fig_end + words;
    }
    Some(Comp {
        intro: intro_before(text, start, f.start),
        end: stop,
        scope,
        region,
        values: vec![k],
    })
}

/// Whether the words after a value compared with say it is no average: another group ("...
/// compared with 79% of carers", "against 79.4 years for men") or an earlier time ("compared
/// with 55.0% in the previous year", "versus 2,115 in 2023"), rather than where an average
/// comes from ("of councils", "of similar authorities", "for England").
fn not_an_average(tail: &str) -> bool {
    const EARLIER: &[&str] = &[
        " in the previous year",
        " the previous year",
        " in the year before",
        " the year before",
        " last year",
        " a year earlier",
        " a year before",
        " a year ago",
        " the previous",
        " previously",
        " in 20",
        " in 19",
    ];
    // "compared with 65.4% in 2023-24 nationally": a year, then the scope, is an average's.
    let clause = tail.split([',', ';', '(', ')']).next().unwrap_or(tail);
    let scoped = ["national", "england", "average", "region"]
        .iter()
        .any(|w| clause.contains(w));
    if !scoped && EARLIER.iter().any(|w| tail.starts_with(w)) {
        return true;
    }
    let Some(rest) = tail
        .strip_prefix(" of ")
        .or_else(|| tail.strip_prefix(" for "))
    else {
        return false;
    };
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    let word = rest
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or("");
    !word.is_empty()
        && ![
            "england",
            "english",
            "national",
            "councils",
            "council",
            "local",
            "authorities",
            "similar",
            "comparator",
            "comparable",
            "statistical",
            "neighbours",
            "peers",
            "region",
            "regional",
            "london",
            "all",
            "other",
            "average",
            "cipfa",
            "nearest",
            "country",
            "nation",
            "whole",
        ]
        .contains(&word)
}

/// A region named at the start of `tail` (" for the North West", " in London") and the length
/// of the words that name it.
fn named_region(tail: &str) -> Option<(&'static str, usize)> {
    let t = [
        " for the ",
        " for ",
        " in the ",
        " in ",
        " across the ",
        " across ",
    ]
    .iter()
    .find_map(|p| tail.strip_prefix(p))?;
    REGIONS.iter().find_map(|&(k, name)| {
        let rest = t.strip_prefix(k)?;
        (!rest.starts_with(|c: char| c.is_ascii_alphanumeric()))
            .then(|| (name, tail.len() - rest.len()))
    })
}

/// Councils a council is compared with other than England or its region (statistical
/// neighbours, CIPFA nearest neighbours, similar councils): their average has the scope
/// `unspecified`, never England's.
const PEERS: &[&str] = &[
    "cipfa nearest neighbours",
    "cipfa nearest neighbour",
    "nearest neighbours",
    "nearest neighbour",
    "statistical neighbours",
    "statistical neighbour",
    "comparator group",
    "comparator councils",
    "comparator authorities",
    "similar councils",
    "similar authorities",
    "similar local authorities",
    "comparable councils",
    "comparable authorities",
    "peer councils",
    "peer group",
    "peers",
];

/// "than in England (66%)", "than nationally (12%)", "than across London (9%)", "than its
/// statistical neighbours (88.0%)".
fn than_in(text: &str, (start, end): (usize, usize), figs: &[Fig], f: &Found) -> Option<Comp> {
    let rest = text.get(f.end..end).unwrap_or("").trim_start();
    let rest = ["in ", "across ", "for "]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest);
    let peer = ["its ", "their ", "the ", "those of its ", "that of its "]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest);
    let (scope, region, after) = if let Some(r) = rest.strip_prefix("england") {
        (Scope::England, None, r)
    } else if let Some(r) = rest.strip_prefix("nationally") {
        (Scope::National, None, r)
    } else if let Some(r) = PEERS.iter().find_map(|p| peer.strip_prefix(p)) {
        (Scope::Unspecified, None, r)
    } else {
        let (k, name) = REGIONS
            .iter()
            .find_map(|&(k, name)| rest.strip_prefix(k).map(|r| (r, name)))?;
        (Scope::Regional, Some(name), k)
    };
    // "better than England: 74.0% of people ...": what follows the colon is the council's.
    if after.starts_with(|c: char| c.is_ascii_alphanumeric()) || after.trim_start().starts_with(':')
    {
        return None;
    }
    let at = end - after.len();
    let (values, stop) = values_after(text, at, end, figs, false);
    let &k = values.first()?;
    Some(Comp {
        intro: intro_before(text, start, f.start),
        end: stop,
        scope,
        region,
        values: vec![k],
    })
}

/// "(England 18.6%)": a scope and a value in brackets.
fn bracketed_scope(
    text: &str,
    (start, end): (usize, usize),
    figs: &[Fig],
    f: &Found,
) -> Option<Comp> {
    if text.get(f.start..f.end) != Some("england") {
        return None;
    }
    // "(England 18.6%)", or after the figure in its brackets: "(35.5%, England 36.8%)".
    let head = text.get(start..f.start).unwrap_or("");
    let open = head.rfind('(').is_some_and(|o| !head[o..].contains(')'));
    if !(head.ends_with('(') || (head.ends_with(", ") && open)) {
        return None;
    }
    let after = text.get(f.end..end).unwrap_or("");
    let trimmed = after
        .trim_start()
        .trim_start_matches([':', '='])
        .trim_start();
    let k = value_at(figs, end - trimmed.len())?;
    let stop = figs.get(k)?.end;
    let stop = if text.get(stop..stop + 1) == Some(")") {
        stop + 1
    } else {
        stop
    };
    Some(Comp {
        intro: if head.ends_with('(') {
            f.start - 1
        } else {
            f.start
        },
        end: stop,
        scope: Scope::England,
        region: None,
        values: vec![k],
    })
}
