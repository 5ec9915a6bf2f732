//! Stage 8: what a figure measures. The clause that describes it (from the figure before it in
//! its sentence to the figure after, with figures, comparators, bands and sources blanked out)
//! is matched against the catalogue; when it says nothing a measure can be named from (a
//! sentence that only says how a figure compares), the sentence before is. The rest of the
//! sentence and the subheading are the context the topic of a local figure may stand in.

use std::sync::{Arc, LazyLock};

use super::Context;
use super::attribution::{Change, Draft};
use super::catalogue::{self, Match, Positioned, Word, words};
use crate::model::{
    Attribution, Comparator, Dataset, Measure, MeasureDef, Metric, Part, Population, Source, Span,
    Text, Unmatched,
};
use crate::text::Normalized;
use crate::text::search::PhraseSet;

/// Where a metric's description may stand.
#[derive(Debug, Clone, Copy)]
pub(super) struct Clause<'a> {
    /// The clause, in the paragraph's normalised text.
    pub(super) lo: usize,
    pub(super) hi: usize,
    /// The metric's sentence, blanked (starting at the sentence's start).
    pub(super) masked: &'a str,
    /// The blanked sentence's words, by offset in it.
    pub(super) words: &'a Positioned,
    /// The words of the sentence before, blanked, if any.
    pub(super) previous: Option<&'a Positioned>,
    /// The words of the subheading.
    pub(super) heading: &'a [Word],
    /// The sentence as written and the subheading, shared by every metric of the sentence
    /// (of the paragraph).
    pub(super) shared: (&'a Arc<str>, Option<&'a Arc<str>>),
    /// Whether the metric is the only one of its sentence.
    pub(super) single: bool,
    /// For B of "from A to B" (A of "B, up from A"): the other's clause, which describes it
    /// too.
    pub(super) baseline: Option<(usize, usize)>,
    /// The clause of the metric before it in the sentence, if that one is in the same unit,
    /// and where that metric's figure starts.
    pub(super) before: Option<(usize, usize, usize)>,
    /// Whether the sentence tells what someone told us ("one carer told us ...").
    pub(super) anecdote: bool,
}

/// Words that make a figure a projection; A of "from A to B" is today's value, whatever the
/// sentence projects.
const PROJECTION: &[&str] = &[
    "projected",
    "predicted",
    "expected",
    "forecast",
    "forecasted",
    "will",
    "projections",
    "projection",
];

/// Who a figure is about, from its words, when no canonical measure says.
fn population(text: &str, part: Part, dataset: Option<Dataset>) -> Option<Population> {
    let has = |w: &str| text.contains(w);
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

/// Matches a metric's clause against the catalogue: the clause, else (when it names nothing)
/// the sentence before. `own` is a buffer for a description that is not a slice of the
/// sentence's words.
fn name_measure(
    own: &mut Vec<Word>,
    d: &Draft,
    clause: Clause<'_>,
    dataset: Option<Dataset>,
) -> Match {
    let s = d.sentence.0;
    let rel = |i: usize| i.saturating_sub(s);
    let own_text = clause
        .masked
        .get(rel(clause.lo)..rel(clause.hi))
        .unwrap_or("");
    // A of "from A to B" is today's value, whatever the sentence projects.
    let own: &[Word] = if d.change == Some(Change::From) {
        let stripped = own_text
            .split(' ')
            .filter(|w| !PROJECTION.contains(w))
            .collect::<Vec<_>>()
            .join(" ");
        words(&stripped, own);
        own
    } else {
        clause.words.range(rel(clause.lo), rel(clause.hi))
    };
    // A source that names the carers' survey implies carers, unless the figure's own words
    // name the people who use services ("... of people who use services felt in control
    // (SACE and ASCS 2023-24)").
    let users_named = USERS.is_match(own_text);
    let dataset = dataset.filter(|d| !(users_named && *d == Dataset::Sace));
    let change = is_change(
        clause.masked.get(..rel(d.start)).unwrap_or(""),
        clause.masked.get(rel(d.end)..).unwrap_or(""),
    );
    let figure = (d.unit, change);
    // The context, nearest first: the rest of the sentence before the clause, the sentence
    // before, the subheading.
    let around = clause.words.range(0, rel(clause.lo));
    let earlier = clause.previous.map_or(&[][..], Positioned::all);
    let context: [&[Word]; 3] = [around, earlier, clause.heading];
    // "1,890 carers were supported, 62% of whom received a direct payment": the words before
    // describe the figure's group too, and rule out measures of another.
    let after = clause.masked.get(rel(d.end)..).unwrap_or("").trim_start();
    let relative = ["of whom", "of which", "of these", "of those", "of them"]
        .iter()
        .any(|w| after.starts_with(w));
    if relative && !around.is_empty() {
        let like = catalogue::best_match_with(own, around, true, &context, figure, dataset);
        if like.found() {
            return like;
        }
    }
    // B of "from A to B" (A of "B, up from A") is described by the other's words.
    if let Some((a, b)) = clause.baseline {
        let borrowed = clause.words.range(rel(a), rel(b));
        return catalogue::best_match_with(own, borrowed, true, &context, figure, dataset);
    }
    let found = catalogue::best_match(own, &context, figure, dataset);
    if found.found() {
        return found;
    }
    let unnamed = matches!(
        found.unmatched,
        Some(
            Unmatched::NoSubject
                | Unmatched::NoCandidate
                | Unmatched::Weak { .. }
                | Unmatched::UnitMismatch { .. }
        )
    );
    // "58.1 years for men and 59.4 years for women": the words of the figure before it in
    // the sentence, where its own words name nothing; first those before that figure (the
    // list's head: "admissions were 16.2 per 100,000 for adults aged 18-64 and 648.0 per
    // 100,000 for those aged 65 and over"), then its whole clause.
    if let (true, Some((a, b, at))) = (unnamed, clause.before) {
        let lent = |words: &[Word]| {
            if users_named {
                catalogue::without_carers(words)
            } else {
                words.to_vec()
            }
        };
        let head = lent(clause.words.range(rel(a), rel(at)));
        if !head.is_empty() {
            let like = catalogue::best_match_with(own, &head, true, &context, figure, dataset);
            if like.found() {
                return like;
            }
        }
        let borrowed = lent(clause.words.range(rel(a), rel(b)));
        let like = catalogue::best_match_with(own, &borrowed, true, &context, figure, dataset);
        if like.found() {
            return like;
        }
    }
    // A sentence that only says how the figure compares: the sentence before says what.
    let own_words = !catalogue::has_unknown_words(own_text);
    if let (true, true, true, Some(previous)) = (unnamed, own_words, clause.single, clause.previous)
    {
        // A measure that uses the figure's own words comes first ("the paid employment
        // figure had been 5.2%" takes the paid employment measure of the sentence before,
        // not another measure that sentence names).
        let before =
            catalogue::best_match_with(own, previous.all(), false, &context, figure, dataset);
        if before.found() {
            return before;
        }
    }
    found
}

/// Verbs of change before "by" ("increased by 23%", "has grown by a further 3%"), by their
/// start.
const CHANGE_VERBS: &[&str] = &[
    "increas", "decreas", "grew", "grow", "rose", "rise", "risen", "fell", "fall", "drop", "reduc",
    "declin", "cut", "jump", "climb",
];

/// Nouns of change after a figure ("a 9% increase in", "a 14% rise").
const CHANGE_NOUNS: &[&str] = &[
    "increase",
    "rise",
    "fall",
    "decrease",
    "reduction",
    "growth",
    "drop",
    "decline",
    "jump",
    "uplift",
];

/// Words that may stand between "by" and the figure ("by a further 3%", "by around 5%").
const BY_FILLERS: &[&str] = &[
    "a",
    "further",
    "another",
    "around",
    "about",
    "almost",
    "nearly",
    "over",
    "some",
    "just",
    "approximately",
    "roughly",
    "more",
    "than",
    "only",
];

/// Words that make a figure after them in its clause a target or aim, not a result.
const TARGET_WORDS: &[&str] = &[
    "target",
    "targets",
    "targeted",
    "targeting",
    "aim",
    "aims",
    "aiming",
    "aimed",
    "ambition",
    "ambitions",
    "goal",
    "goals",
    "aspiration",
    "aspires",
    "aspire",
    "pledge",
    "pledged",
];

/// How a clause about England's, the nation's or a region's figure rather than the council's
/// starts.
const AVERAGE_LEADS: &[&str] = &[
    "nationally",
    "regionally",
    "in england",
    "across england",
    "for england",
    "england average",
    "england averages",
    "the england average",
    "the england averages",
    "the england figure",
    "the england rate",
    "the national average",
    "the national averages",
    "the national figure",
    "the national rate",
    "national averages",
    "the regional average",
    "the average for england",
    "the average across england",
    "the average in england",
];

/// Whether the words of a figure's clause before it start as a clause about an average
/// ("Nationally, 36.8% ...", "England averages were 71.1% ..."): the figure is the average's,
/// and names no measure of the council's.
fn is_average_lead(before: &str) -> bool {
    // The leads are the first words: "In comparison, the England average for ..." is the
    // longest opening read.
    let cut = (0..=before.len().min(64))
        .rev()
        .find(|&k| before.is_char_boundary(k))
        .unwrap_or(0);
    let before = &before[..cut];
    if !LEAD_WORDS.is_match(before) {
        return false;
    }
    let joined = words_of(before).join(" ");
    // "In comparison, the England average ...", "However, nationally ...".
    let mut lead = joined.as_str();
    while let Some(rest) = [
        "in comparison ",
        "for comparison ",
        "by comparison ",
        "in contrast ",
        "by contrast ",
        "however ",
        "meanwhile ",
        "overall ",
        "and ",
        "but ",
    ]
    .iter()
    .find_map(|m| lead.strip_prefix(m))
    {
        lead = rest;
    }
    AVERAGE_LEADS.iter().any(|l| {
        lead.strip_prefix(l)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    })
}

/// The words of normalised (lowercase) text.
fn words_of(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Where a figure's own words say whose it is, when it is not the council's: England's, the
/// nation's, a region's or peers' ("64.4% of people in England were satisfied", "across the
/// region, 72.4%", "statistical neighbours averaged 27.0%").
const SCOPES_OF_OTHERS: &[&str] = &[
    "in england",
    "across england",
    "for england",
    "nationally",
    "national picture",
    "national figure",
    "national average",
    "england average",
    "england figure",
    "across the region",
    "in the region",
    "regional average",
    "statistical neighbours",
    "nearest neighbours",
    "similar councils",
    "similar authorities",
    "comparator group",
];

/// Words before a scope that make it a comparison of the figure, not the figure's owner
/// ("better than in England", "compared with England").
const COMPARING: &[&str] = &[
    "than", "with", "to", "against", "versus", "compared", "vs", "above", "below", "under", "over",
];

/// Words before a scope that make it the geography of a place's rank, not whose the figure is.
const PLACES: &[&str] = &[
    "areas",
    "area",
    "deciles",
    "decile",
    "neighbourhoods",
    "neighbourhood",
    "places",
    "councils",
    "authorities",
    "lsoas",
    "wards",
];

/// Whether written words name a place: a capitalised word that is not a scope, a region, a
/// month or an abbreviation ("Harrowfield's", "Marlow Green").
fn names_a_place(written: &str) -> bool {
    const NOT_PLACES: &[&str] = &[
        "England",
        "English",
        "National",
        "North",
        "South",
        "East",
        "West",
        "London",
        "Midlands",
        "Yorkshire",
        "Humber",
        "The",
        "This",
        "These",
        "In",
        "For",
        "And",
        "But",
        "Adult",
        "Social",
        "Care",
        "Survey",
        "Carers",
        "Census",
        "People",
    ];
    written
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_end_matches("'s").trim_end_matches('\''))
        .filter(|w| w.len() > 1)
        .any(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.all(char::is_lowercase)
                && !NOT_PLACES.contains(&w)
                && crate::text::grammar::month_from_name(&w.to_ascii_lowercase()).is_none()
        })
}

/// Words of a rank among places ("the most deprived in England").
const RANKS: &[&str] = &[
    "most", "least", "ranked", "highest", "lowest", "top", "bottom",
];

/// Whether a figure's clause (comparators blanked) names England, the nation, a region or
/// peers as whose the figure is, not as what it is compared with.
fn names_a_scope(masked_clause: &str, figure_end: usize) -> bool {
    // The clause is normalised text: lowercase.
    let lower = masked_clause;
    SCOPE_SET.find_iter(lower).any(|(at, end)| {
        let scope = &lower[at..end];
        {
            // The words before the scope, back to the figure when the scope follows it
            // ("compared with 80.9% of carers in England": "of carers").
            let from = if at >= figure_end {
                figure_end.min(at)
            } else {
                0
            };
            let mut before = lower[from..at]
                .split(|c: char| !c.is_ascii_alphanumeric())
                .rev()
                .filter(|w| !w.is_empty());
            // "than carers nationally", "compared with people in England": a comparison;
            // "the most deprived areas in England", "deciles nationally": a place's rank.
            let near: Vec<&str> = before.by_ref().take(3).collect();
            let compared = near.iter().any(|w| COMPARING.contains(w));
            let place = near.first().is_some_and(|w| PLACES.contains(w))
                || near.iter().any(|w| RANKS.contains(w));
            let after = &lower[at + scope.len()..];
            // "the nationally published data": how the data is, not whose the figure is.
            let adverb = scope == "nationally"
                && [
                    "published",
                    "reported",
                    "collected",
                    "available",
                    "comparable",
                    "validated",
                ]
                .iter()
                .any(|w| after.trim_start().starts_with(w));
            let word_end = !after.starts_with(|c: char| c.is_ascii_alphanumeric());
            let word_start = lower[..at]
                .chars()
                .last()
                .is_none_or(|c| !c.is_ascii_alphanumeric());
            word_start && word_end && !compared && !place && !adverb
        }
    })
}

/// The automata of the word lists above, built once.
static SCOPE_SET: LazyLock<PhraseSet> = LazyLock::new(|| PhraseSet::new(SCOPES_OF_OTHERS));
static LEAD_WORDS: LazyLock<PhraseSet> =
    LazyLock::new(|| PhraseSet::new(["england", "nation", "region"]));
static TARGET_SET: LazyLock<PhraseSet> =
    LazyLock::new(|| PhraseSet::new(["target", "aim", "ambition", "goal", "aspir", "pledge"]));
/// Words naming the people who use services.
static USERS: LazyLock<PhraseSet> = LazyLock::new(|| {
    PhraseSet::new([
        "service user",
        "use services",
        "use social care",
        "draw on care",
        "drawing on care",
    ])
});

/// Words before a target that make the figure a result set against it ("met its target: 85%
/// ...", "performance against the target").
const AGAINST_TARGET: &[&str] = &[
    "against",
    "met",
    "meet",
    "meets",
    "meeting",
    "exceeded",
    "exceeding",
    "exceeds",
    "above",
    "below",
    "missed",
    "beat",
    "achieved",
    "reached",
    "under",
    "over",
    "within",
];

/// Whether the words of a figure's clause before it make it a target ("the council's target
/// was for 80% ...", "aims for 90% ..."), not a result: a target word before it in its
/// clause, not set against ("met its target", "against the target") and not "aimed at" (a
/// service's purpose).
fn is_target(before: &str) -> bool {
    if !TARGET_SET.is_match(before) {
        return false;
    }
    let words = words_of(before);
    words.iter().enumerate().any(|(i, &w)| {
        let set_against = words[..i]
            .iter()
            .rev()
            .find(|w| {
                ![
                    "the",
                    "its",
                    "their",
                    "our",
                    "s",
                    "council",
                    "councils",
                    "local",
                    "authority",
                ]
                .contains(w)
            })
            .is_some_and(|w| AGAINST_TARGET.contains(w));
        TARGET_WORDS.contains(&w)
            && !set_against
            && !(w.starts_with("aim") && words.get(i + 1).is_some_and(|&n| n == "at"))
    })
}

/// Words before "up" or "down" that make them a change ("went up by 5%", not "taken up by").
const UP_DOWN_AFTER: &[&str] = &[
    "went", "gone", "go", "goes", "going", "is", "was", "were", "are", "been", "has", "had",
    "came", "come", "moved",
];

/// Whether a figure, with the (blanked) words before and after it in its sentence, is a
/// change rather than a level: `Some(true)` for "increased by 23%", "grew by a further 3%",
/// "a 9% increase in"; `Some(false)` for a level reached, "increase to 25%"; `None` when the
/// words do not say.
fn is_change(before: &str, after: &str) -> Option<bool> {
    // Normalised text: lowercase.
    let mut back = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .skip_while(|w| BY_FILLERS.contains(w));
    match back.next() {
        Some("by") => {
            let verb = back.next().unwrap_or_default();
            let moved = match verb {
                "up" | "down" => back.next().is_some_and(|w| UP_DOWN_AFTER.contains(&w)),
                verb => CHANGE_VERBS.iter().any(|v| verb.starts_with(v)),
            };
            if moved {
                return Some(true);
            }
        }
        Some("to") => return Some(false),
        _ => {}
    }
    // The first word after the figure's unit ("per cent", "percentage points").
    let next = after
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .find(|w| {
            ![
                "per",
                "cent",
                "percent",
                "percentage",
                "point",
                "points",
                "pc",
            ]
            .contains(w)
        })
        .unwrap_or_default();
    let next = next.strip_suffix('s').unwrap_or(next);
    CHANGE_NOUNS.contains(&next).then_some(true)
}

/// The measure a figure names, or why none: a measure borrowed from the figure it follows, one
/// person's story, an average's figure, a target, or the words of its clause.
fn naming(
    norm: &Normalized,
    own: &mut Vec<Word>,
    d: &Draft,
    (clause, written): (Clause<'_>, &str),
    followed: Option<&'static MeasureDef>,
    dataset: Option<Dataset>,
) -> Match {
    // "The England average ... was 71.1%, and for carers 80.9%": the later figures of a
    // sentence that opens as an average's are the average's too, unless their own words name a
    // place ("... and Harrowfield's was 41.0%").
    let list_of_averages = clause.lo > d.sentence.0
        && is_average_lead(norm.as_str().get(d.sentence.0..clause.lo).unwrap_or(""))
        && !names_a_place(written);
    match followed {
        Some(def) if def.accepts(d.unit) => Match {
            measure: Some(def),
            score: 100,
            unmatched: None,
        },
        // One person's wait, told to us, measures nothing; a figure set against a comparator
        // or a source in such a sentence still does.
        _ if clause.anecdote && d.comp.is_none() && d.mention.is_none() => Match {
            measure: None,
            score: 0,
            unmatched: Some(Unmatched::Anecdote),
        },
        // "Nationally, 36.8% of carers were satisfied": England's figure, not the council's.
        _ if list_of_averages
            || is_average_lead(norm.as_str().get(clause.lo..d.start).unwrap_or(""))
            || names_a_scope(
                clause
                    .masked
                    .get(
                        clause.lo.saturating_sub(d.sentence.0)
                            // The words after the figure's own comparator are the
                            // comparator's ("compared with 65.4% in 2023-24 nationally").
                            ..d.comp
                                .as_ref()
                                .filter(|c| c.intro > d.end)
                                .map_or(clause.hi, |c| c.intro.min(clause.hi))
                                .saturating_sub(d.sentence.0),
                    )
                    .unwrap_or(""),
                d.end.saturating_sub(clause.lo),
            ) =>
        {
            Match {
                measure: None,
                score: 0,
                unmatched: Some(Unmatched::Average),
            }
        }
        // "The council aims for 90% of people to be satisfied": an aim is not a result.
        _ if is_target(
            clause
                .masked
                .get(clause.lo.saturating_sub(d.sentence.0)..d.start.saturating_sub(d.sentence.0))
                .unwrap_or(""),
        ) =>
        {
            Match {
                measure: None,
                score: 0,
                unmatched: Some(Unmatched::Target),
            }
        }
        _ => name_measure(own, d, clause, dataset),
    }
}

/// Turns a draft into a metric.
#[allow(clippy::too_many_arguments)]
pub(super) fn finish(
    norm: &Normalized,
    own: &mut Vec<Word>,
    d: &Draft,
    clause: Clause<'_>,
    followed: Option<&'static MeasureDef>,
    para: &Text,
    ctx: Context<'_>,
) -> Metric {
    let mut source = source_of(d, d.mention.as_ref());
    let dataset = source.and_then(|s| s.dataset);
    let orig = |i: usize| norm.original_offset(i);
    let verbatim = |a: usize, b: usize| para.text.get(orig(a)..orig(b)).unwrap_or("");
    let matched = naming(
        norm,
        own,
        d,
        (clause, verbatim(clause.lo, clause.hi)),
        followed,
        dataset,
    );
    // Of several sources the words name, the one the measure comes from.
    if let Some(def) = matched.measure {
        if dataset != Some(def.dataset) {
            if let Some(m) = d
                .alternatives
                .iter()
                .rev()
                .find(|m| m.dataset == Some(def.dataset))
            {
                source = source_of(d, Some(m));
            }
        }
    }
    let to_span = |a: usize, b: usize| -> Option<Span> {
        Some(Span::new(
            para.origin.source_offset(orig(a))?,
            para.origin.source_offset(orig(b))?,
        ))
    };
    let subject = trim_subject(verbatim(clause.lo, clause.hi)).to_owned();
    let population = matched.measure.map(|m| m.population).or_else(|| {
        population(
            norm.as_str().get(clause.lo..clause.hi).unwrap_or(""),
            ctx.part,
            dataset,
        )
    });
    let comparator = d.comp.as_ref().map(|c| Comparator {
        scope: c.scope,
        region: c.region.map(str::to_owned),
        value: d.comp_value,
    });
    let derived = d
        .band
        .is_none()
        .then(|| d.wording.and_then(|w| w.band()))
        .flatten();
    let band = d.band.map(|b| b.band).or(derived);
    let band_label = match (d.band, d.wording) {
        (Some(b), _) => Some(verbatim(b.start, b.end).to_owned()),
        (None, Some(w)) if derived.is_some() => Some(verbatim(w.start, w.end).to_owned()),
        _ => None,
    };
    Metric {
        value: d.value,
        unit: d.unit,
        comparator,
        direction: d.wording.map(|w| w.direction),
        wording: d
            .wording
            .map(|w| norm.as_str().get(w.start..w.end).unwrap_or("").to_owned()),
        gap: d.comp_value.and_then(|v| d.value.checked_sub(v)),
        band,
        band_label,
        band_derived: derived.is_some(),
        source,
        measure: Measure {
            text: subject,
            population,
            canonical: matched.measure,
            score: matched.score,
            unmatched: matched.unmatched,
        },
        statement: ctx.statement,
        part: ctx.part,
        subheading: clause.shared.1.cloned(),
        sentence: Arc::clone(clause.shared.0),
        span: to_span(d.sentence.0, d.sentence.1),
        figure_span: to_span(d.start, d.end),
    }
}

/// The metric's source: the dataset of its mention, and its own period (written next to it)
/// before the mention's.
fn source_of(d: &Draft, mention: Option<&super::sources::Mention>) -> Option<Source> {
    // A figure of another period than its source's is not that source's ("The 2021 Census
    // recorded 14.7%, up from 9.8% in 2011").
    let mention = mention.filter(|m| match (m.period, d.period) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    });
    match (mention, d.period) {
        (Some(m), period) => Some(Source {
            dataset: m.dataset,
            period: if d.earlier { None } else { period.or(m.period) },
            attribution: if m.all {
                Attribution::Closing
            } else if m.closing {
                Attribution::Sentence
            } else if m.start < d.sentence.0 {
                Attribution::Leading
            } else {
                Attribution::Sentence
            },
        }),
        (None, Some(p)) => Some(Source {
            dataset: None,
            period: Some(p),
            attribution: Attribution::Period,
        }),
        (None, None) => None,
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
    use crate::model::VariationBand;

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
    fn a_band_meant_by_words_is_marked_derived() {
        let ms = crate::metrics::paragraph::tests::run(
            "SALT data for 2023/2024 showed 81.5% of older people remained at home 91 days after leaving hospital for reablement, which was not statistically different from the England average (83.7%).",
        );
        assert_eq!(ms.len(), 1);
        assert_eq!(ms[0].band, Some(VariationBand::NoVariation));
        assert!(ms[0].band_derived);
        assert_eq!(
            ms[0].wording.as_deref(),
            Some("not statistically different")
        );
    }
}
