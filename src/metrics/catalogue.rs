//! Naming a figure's measure: a scored matcher over the catalogue ([`MeasureDef::catalogue`],
//! which is data: `data/measures.csv`, with the synonyms in `data/synonyms.csv`).
//!
//! A description (the clause that says what a figure measures) and every catalogue phrase are
//! read the same way: lowercase words, synonyms mapped (`felt` is `feel`), each word stemmed
//! (Snowball English: `required`, `requiring` and `requires` are one word), and function words
//! (`the`, `of`, `who`, ...) set aside. A measure is a candidate when every one of its required
//! terms occurs in the description (a term is a run of words, with alternatives; a term marked
//! `~` may stand in the rest of the sentence or the subheading instead) and none of its
//! excluded terms does. A candidate's score is the share of the weight of its best phrase's
//! words that the description holds, each word weighted by how rare it is in the catalogue
//! (rare words say more). The best candidate is taken when its score reaches
//! [`THRESHOLD`] and no other candidate scores the same; otherwise the figure keeps no measure
//! and says why ([`Unmatched`]).
//!
//! Word order, articles, tense, person, verb forms, hyphens and plurals do not matter; the
//! phrases in the catalogue carry the survey's question wording and the ways reports paraphrase
//! it.

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::model::{Dataset, MeasureDef, Unit, Unmatched};

/// The lowest score (percent of the best phrase's weight) at which a candidate is taken.
pub(crate) const THRESHOLD: u8 = 50;

/// The synonyms as shipped: `word,means`.
const SYNONYMS_CSV: &str = include_str!("../../data/synonyms.csv");

/// Words that carry no meaning for matching (they still count in the runs of required terms).
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "being",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "his",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "local",
    "authority",
    "may",
    "of",
    "on",
    "or",
    "our",
    "over",
    "people",
    "person",
    "persons",
    "proportion",
    "percentage",
    "number",
    "rate",
    "said",
    "say",
    "says",
    "she",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "total",
    "up",
    "us",
    "was",
    "we",
    "were",
    "what",
    "when",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "with",
    "within",
    "would",
    "you",
    "your",
    "user",
    "users",
    "individuals",
    "showed",
    "reported",
    "report",
    "data",
    "figure",
    "figures",
];

/// A word of the matcher's vocabulary (every word of the catalogue's phrases and terms).
type WordId = u16;

/// A word of a text as the matcher reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    /// The word's id in the vocabulary, if the catalogue uses it.
    id: Option<WordId>,
    /// Whether it is a function word.
    stop: bool,
}

/// A term: alternatives, each a run of words.
#[derive(Debug)]
struct Term {
    alternatives: Vec<Vec<WordId>>,
    /// May stand in the context.
    context: bool,
}

/// One catalogue row, read for matching.
#[derive(Debug)]
struct Row {
    /// Each phrase's distinct content words.
    phrases: Vec<Vec<WordId>>,
    requires: Vec<Term>,
    excludes: Vec<Term>,
    /// The last word of every alternative of every exclusion (its content word: "of staff",
    /// "in house"): words without one of them hold no exclusion.
    exclude_ends: [u64; MAX_VOCABULARY / 64],
}

/// The catalogue read for matching.
struct Matcher {
    vocabulary: HashMap<String, WordId>,
    synonyms: HashMap<&'static str, &'static str>,
    weights: Vec<f32>,
    rows: Vec<Row>,
    carer: Option<WordId>,
    /// For each word, the rows one of whose required terms starts with it (a row can only be
    /// a candidate where some such word is present), those of whose `~` terms starts with it
    /// (for words of the context), and the rows that require nothing.
    triggers: Vec<Vec<u16>>,
    context_triggers: Vec<Vec<u16>>,
    always: Vec<u16>,
}

static MATCHER: LazyLock<Matcher> = LazyLock::new(Matcher::new);

thread_local! {
    static STEMMER: Stemmer = Stemmer::create(Algorithm::English);
}

/// The stem of a lowercase word, after the synonym table.
fn stem(synonyms: &HashMap<&'static str, &'static str>, word: &str) -> String {
    let word = synonyms.get(word).copied().unwrap_or(word);
    STEMMER.with(|s| s.stem(word).into_owned())
}

/// The lowercase words of `text`: runs of ASCII letters and digits (other characters split
/// words; an apostrophe's `s` is dropped as a one-letter word).
fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && (w.len() != 1 || !w.as_bytes()[0].is_ascii_alphabetic()))
}

/// Words that say how a figure moved or stands, not what it measures ("performance on this
/// had improved to 5%"): a description of only these is no description of its own.
const GENERIC: &[&str] = &[
    "performance",
    "improved",
    "improvement",
    "improving",
    "measure",
    "indicator",
    "result",
    "results",
    "score",
    "position",
    "declined",
    "fell",
    "rose",
    "risen",
    "increased",
    "decreased",
    "dropped",
    "compared",
    "comparison",
    "comparable",
    "stood",
    "remained",
    "similarly",
    "likewise",
    "also",
    "again",
    "however",
    "overall",
    "further",
    "slightly",
    "higher",
    "lower",
    "better",
    "worse",
    "more",
    "less",
    "fewer",
    "this",
    "year",
    "years",
    "previous",
    "earlier",
    "last",
    "current",
    "latest",
    "recent",
    "most",
    "recently",
    "only",
    "just",
    "around",
    "about",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "some",
    "over",
    "under",
    "above",
    "below",
    "average",
    "averages",
    "national",
    "nationally",
    "england",
    "regional",
    "compared",
    "figure",
];

/// `words` without the word for carers: the words another figure lends to one whose own words
/// name the people who use services ("85.7% of carers felt safe, against 69.3% of service
/// users") describe what was measured, not whom.
pub(crate) fn without_carers(words: &[Word]) -> Vec<Word> {
    let carer = MATCHER.carer;
    words
        .iter()
        .copied()
        .filter(|w| carer.is_none() || w.id != carer)
        .collect()
}

/// Whether `text` holds a word that says what a figure measures and that the catalogue does
/// not know ("volunteers handled 1,126 referrals"): such a description is the figure's own,
/// even where it names no measure, and no other sentence's words stand in for it.
pub(crate) fn has_unknown_words(text: &str) -> bool {
    // A name before "'s" ("Tamsford's result") is whose the figure is, not what it measures.
    let possessive = |w: &str| {
        let end = w.as_ptr() as usize - text.as_ptr() as usize + w.len();
        text.get(end..)
            .is_some_and(|t| t.starts_with("'s") || t.starts_with("’s"))
    };
    with_cache(|read| {
        raw_words(text).any(|w| {
            let word = read(w);
            word.id.is_none()
                && !word.stop
                && w.bytes().any(|b| b.is_ascii_alphabetic())
                && !possessive(w)
                && !GENERIC.contains(&w)
        })
    })
}

impl Matcher {
    fn new() -> Matcher {
        let synonyms: HashMap<&'static str, &'static str> = SYNONYMS_CSV
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once(','))
            .map(|(w, m)| (w.trim(), m.trim()))
            .collect();
        let mut matcher = Matcher {
            vocabulary: HashMap::new(),
            synonyms,
            weights: Vec::new(),
            rows: Vec::new(),
            carer: None,
            triggers: Vec::new(),
            context_triggers: Vec::new(),
            always: Vec::new(),
        };
        let mut rows = Vec::new();
        for def in MeasureDef::catalogue() {
            let phrases = def
                .phrases
                .split('|')
                .map(|p| {
                    let mut ids: Vec<WordId> = matcher
                        .learn(p)
                        .into_iter()
                        .filter(|w| !w.stop)
                        .filter_map(|w| w.id)
                        .collect();
                    ids.sort_unstable();
                    ids.dedup();
                    ids
                })
                .filter(|p| !p.is_empty())
                .collect();
            let requires = matcher.terms(def.requires);
            let excludes = matcher.terms(def.excludes);
            let mut exclude_ends = [0u64; MAX_VOCABULARY / 64];
            for id in excludes
                .iter()
                .flat_map(|t| t.alternatives.iter().filter_map(|a| a.last()))
            {
                if let Some(b) = exclude_ends.get_mut(usize::from(*id) / 64) {
                    *b |= 1 << (id % 64);
                }
            }
            rows.push(Row {
                phrases,
                requires,
                excludes,
                exclude_ends,
            });
        }
        // Weights: a word in few measures' phrases says more than one in many.
        let mut in_measures = vec![0u32; matcher.vocabulary.len()];
        for row in &rows {
            let mut seen: Vec<WordId> = row.phrases.iter().flatten().copied().collect();
            seen.sort_unstable();
            seen.dedup();
            for id in seen {
                if let Some(n) = in_measures.get_mut(usize::from(id)) {
                    *n += 1;
                }
            }
        }
        let n = rows.len().max(1) as f32;
        matcher.weights = in_measures
            .iter()
            .map(|&k| (1.0 + n / (k.max(1) as f32)).ln())
            .collect();
        matcher.triggers = vec![Vec::new(); matcher.vocabulary.len()];
        matcher.context_triggers = vec![Vec::new(); matcher.vocabulary.len()];
        for (k, row) in rows.iter().enumerate() {
            let k = u16::try_from(k).unwrap_or(u16::MAX);
            if row.requires.is_empty() {
                matcher.always.push(k);
            }
            for term in &row.requires {
                for first in term.alternatives.iter().filter_map(|a| a.first()) {
                    let lists = [
                        Some(&mut matcher.triggers),
                        term.context.then_some(&mut matcher.context_triggers),
                    ];
                    for list in lists.into_iter().flatten() {
                        if let Some(rows) = list.get_mut(usize::from(*first)) {
                            if rows.last() != Some(&k) {
                                rows.push(k);
                            }
                        }
                    }
                }
            }
        }
        matcher.rows = rows;
        matcher.carer = matcher.id_of("carer");
        matcher
    }

    /// Reads catalogue text, adding its words to the vocabulary.
    fn learn(&mut self, text: &str) -> Vec<Word> {
        raw_words(&text.to_ascii_lowercase())
            .map(|w| {
                let stop = STOPWORDS.contains(&w);
                let stem = stem(&self.synonyms, w);
                let next = WordId::try_from(self.vocabulary.len()).unwrap_or(WordId::MAX);
                let id = *self.vocabulary.entry(stem).or_insert(next);
                Word { id: Some(id), stop }
            })
            .collect()
    }

    /// Reads `;`-separated terms with `/`-separated alternatives.
    fn terms(&mut self, text: &str) -> Vec<Term> {
        text.split(';')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| {
                let (context, t) = match t.strip_prefix('~') {
                    Some(rest) => (true, rest),
                    None => (false, t),
                };
                let alternatives = t
                    .split('/')
                    .map(|a| self.learn(a).into_iter().filter_map(|w| w.id).collect())
                    .filter(|a: &Vec<WordId>| !a.is_empty())
                    .collect();
                Term {
                    alternatives,
                    context,
                }
            })
            .collect()
    }

    fn id_of(&self, word: &str) -> Option<WordId> {
        self.vocabulary.get(&stem(&self.synonyms, word)).copied()
    }

    fn weight(&self, id: WordId) -> f32 {
        self.weights.get(usize::from(id)).copied().unwrap_or(0.0)
    }
}

/// The words of `text` as the matcher reads them, into `out` (emptied first).
pub(crate) fn words(text: &str, out: &mut Vec<Word>) {
    out.clear();
    with_cache(|read| out.extend(raw_words(text).map(read)));
}

/// The words of a text with the offset each starts at, read once and sliced by range.
#[derive(Debug, Default)]
pub(crate) struct Positioned {
    starts: Vec<usize>,
    words: Vec<Word>,
}

impl Positioned {
    /// Reads `text`, reusing the buffers.
    pub(crate) fn fill(&mut self, text: &str) {
        self.starts.clear();
        self.words.clear();
        let base = text.as_ptr() as usize;
        with_cache(|read| {
            for w in raw_words(text) {
                self.starts.push(w.as_ptr() as usize - base);
                self.words.push(read(w));
            }
        });
    }

    /// The words that start in `a..b`.
    pub(crate) fn range(&self, a: usize, b: usize) -> &[Word] {
        let lo = self.starts.partition_point(|&s| s < a);
        let hi = self.starts.partition_point(|&s| s < b).max(lo);
        self.words.get(lo..hi).unwrap_or_default()
    }

    /// Every word.
    pub(crate) fn all(&self) -> &[Word] {
        &self.words
    }
}

/// Runs `f` with a reader of words that remembers what it has read.
fn with_cache<R>(f: impl FnOnce(&mut dyn FnMut(&str) -> Word) -> R) -> R {
    WORD_CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        // Bounded: a text of many distinct words starts the cache afresh.
        if cache.len() > WORD_CACHE_LIMIT {
            cache.clear();
        }
        let mut read = |w: &str| {
            if let Some(word) = cache.get(w) {
                return *word;
            }
            let matcher = &*MATCHER;
            let word = Word {
                id: matcher.vocabulary.get(&stem(&matcher.synonyms, w)).copied(),
                stop: STOPWORDS.contains(&w),
            };
            cache.insert(w.into(), word);
            word
        };
        f(&mut read)
    })
}

/// How many distinct words the per-thread cache of stemmed words holds before it starts
/// afresh (a few megabytes at most).
const WORD_CACHE_LIMIT: usize = 1 << 16;

thread_local! {
    /// Words already read: stemming is most of the matcher's cost, and reports repeat their
    /// words.
    static WORD_CACHE: std::cell::RefCell<FxHashMap<Box<str>, Word>> =
        std::cell::RefCell::new(FxHashMap::default());
}

/// Whether `words` hold the run `run` somewhere.
fn holds(words: &[Word], run: &[WordId]) -> bool {
    !run.is_empty()
        && words
            .windows(run.len())
            .any(|w| w.iter().zip(run).all(|(word, &id)| word.id == Some(id)))
}

/// The most distinct words the catalogue's phrases and terms may use (a test holds the
/// catalogue to it), and the most rows.
const MAX_VOCABULARY: usize = 1024;
const MAX_ROWS: usize = 256;

/// Words with the set of their ids, so that most questions are answered without a scan.
struct Bag<'a> {
    words: &'a [Word],
    bits: [u64; MAX_VOCABULARY / 64],
}

impl<'a> Bag<'a> {
    fn new(words: &'a [Word]) -> Bag<'a> {
        let mut bits = [0u64; MAX_VOCABULARY / 64];
        for id in words.iter().filter_map(|w| w.id) {
            if let Some(b) = bits.get_mut(usize::from(id) / 64) {
                *b |= 1 << (id % 64);
            }
        }
        Bag { words, bits }
    }

    fn has(&self, id: WordId) -> bool {
        self.bits
            .get(usize::from(id) / 64)
            .is_some_and(|b| b & (1 << (id % 64)) != 0)
    }

    /// Whether the words hold one of the term's runs.
    fn holds(&self, term: &Term) -> bool {
        term.alternatives.iter().any(|run| {
            run.iter().all(|&id| self.has(id)) && (run.len() == 1 || holds(self.words, run))
        })
    }
}

fn term_in(bag: &Bag<'_>, term: &Term) -> bool {
    bag.holds(term)
}

/// What the matcher found for a description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match {
    /// The measure taken, if any.
    pub(crate) measure: Option<&'static MeasureDef>,
    /// The best candidate's score, 0 to 100.
    pub(crate) score: u8,
    /// Why no measure was taken.
    pub(crate) unmatched: Option<Unmatched>,
}

impl Match {
    /// Whether a measure was taken.
    pub(crate) fn found(&self) -> bool {
        self.measure.is_some()
    }
}

/// How candidates rank: using the figure's own words, how many required terms its own words
/// hold (when borrowing), the score, the weight held.
type Rank = (bool, usize, u8, f32);

/// Matches a description (`text`'s words) against the catalogue for a figure in `unit`.
/// `context` holds, nearest first, the words that `~` terms may come from (the rest of the
/// sentence, the subheading): a topic missing from the description is taken from the nearest
/// context that holds it, and that context's exclusions come with it. A figure from SACE
/// (`dataset`) is about carers even when the words do not say so.
pub(crate) fn best_match(
    text: &[Word],
    context: &[&[Word]],
    figure: (Unit, Option<bool>),
    dataset: Option<Dataset>,
) -> Match {
    best_match_with(text, &[], false, context, figure, dataset)
}

/// [`best_match`] with `borrowed` words that describe the figure too: those of another figure
/// the sentence says it is like ("from A to B", "58.1 years for men and 59.4 years for
/// women"), or of the sentence before. A measure that uses some of the figure's own words ranks
/// before one that uses none (the women's measure, not the men's, for "59.4 years for women").
/// The borrowed words rule a measure out only when `whole` (they are the figure's whole
/// description, as for B of "from A to B").
///
/// `figure` is the figure's unit and whether it is a change (`Some(true)`: "increased by 23%",
/// "a 9% rise in"; `Some(false)`: a level reached, "increase to 25%"; `None`: the words do not
/// say): a change takes only a measure that is one ([`MeasureDef::change`]), never the level
/// its words name, and a level reached never takes a change.
pub(crate) fn best_match_with(
    text: &[Word],
    borrowed: &[Word],
    whole: bool,
    context: &[&[Word]],
    (unit, change): (Unit, Option<bool>),
    dataset: Option<Dataset>,
) -> Match {
    let matcher = &*MATCHER;
    if text.iter().chain(borrowed).all(|w| w.stop) {
        return Match {
            measure: None,
            score: 0,
            unmatched: Some(Unmatched::NoSubject),
        };
    }
    let carers_by_source = dataset == Some(Dataset::Sace);
    let (text, borrowed) = (Bag::new(text), Bag::new(borrowed));
    let context: Vec<Bag<'_>> = context.iter().map(|c| Bag::new(c)).collect();
    let empty = Bag::new(&[]);
    let implied = carers_by_source.then_some(matcher.carer).flatten();
    let candidates = candidates(matcher, [&text, &borrowed], &context, implied);
    let mut best: Option<(Rank, &'static MeasureDef)> = None;
    let mut tie = None;
    let mut wrong_unit: Option<(u8, &'static MeasureDef)> = None;
    let mut a_level: Option<(u8, &'static MeasureDef)> = None;
    let rows = MeasureDef::catalogue()
        .iter()
        .zip(&matcher.rows)
        .enumerate();
    for (_, (def, row)) in rows.filter(|(k, _)| candidates[k / 64] & (1 << (k % 64)) != 0) {
        if row.phrases.is_empty() {
            continue;
        }
        let Some(level) = admits(
            matcher,
            row,
            (&text, &borrowed, whole),
            &context,
            (carers_by_source, &empty),
        ) else {
            continue;
        };
        let (score, weight) = score(matcher, row, [&text, &borrowed, level], implied);
        if !def.accepts(unit) {
            if wrong_unit.is_none_or(|(s, _)| score > s) {
                wrong_unit = Some((score, def));
            }
            continue;
        }
        if change == Some(true) && !def.change {
            if score >= THRESHOLD && a_level.is_none_or(|(s, _)| score > s) {
                a_level = Some((score, def));
            }
            continue;
        }
        if change == Some(false) && def.change {
            continue;
        }
        // Borrowing words: a measure that uses some of the figure's own ranks first.
        let uses_own = borrowed.words.is_empty()
            || row.requires.iter().any(|t| term_in(&text, t))
            || row
                .phrases
                .iter()
                .flatten()
                .any(|&id| text.words.iter().any(|w| w.id == Some(id) && !w.stop));
        // Then the one more of whose required terms the figure's own words hold ("13 years
        // for men and, for women, the gap was 10.6 years": the women's measure for 10.6).
        let own_terms = if borrowed.words.is_empty() {
            0
        } else {
            row.requires.iter().filter(|t| term_in(&text, t)).count()
        };
        let rank = (uses_own, own_terms, score, weight);
        match best {
            Some((r, _)) if rank <= r => {
                if rank == r {
                    tie = Some(def);
                }
            }
            _ => {
                best = Some((rank, def));
                tie = None;
            }
        }
    }
    verdict(
        best.map(|((_, _, score, _), def)| (score, def)),
        tie,
        wrong_unit,
        a_level,
    )
}

/// The match that the best candidate (score and measure), a measure tied with it, the best
/// measure of another unit and the best level for a figure that is a change make.
fn verdict(
    best: Option<(u8, &'static MeasureDef)>,
    tie: Option<&'static MeasureDef>,
    wrong_unit: Option<(u8, &'static MeasureDef)>,
    a_level: Option<(u8, &'static MeasureDef)>,
) -> Match {
    // A change whose words name only a level: no measure, and why.
    if let Some((score, closest)) = a_level {
        if best.is_none_or(|(s, _)| s < THRESHOLD) {
            return Match {
                measure: None,
                score,
                unmatched: Some(Unmatched::Change { closest }),
            };
        }
    }
    match (best, wrong_unit) {
        (Some((score, def)), _) if score >= THRESHOLD => match tie {
            Some(second) => Match {
                measure: None,
                score,
                unmatched: Some(Unmatched::Ambiguous { first: def, second }),
            },
            None => Match {
                measure: Some(def),
                score,
                unmatched: None,
            },
        },
        (Some((score, def)), _) => Match {
            measure: None,
            score,
            unmatched: Some(Unmatched::Weak { closest: def }),
        },
        (None, Some((score, def))) => Match {
            measure: None,
            score,
            unmatched: Some(Unmatched::UnitMismatch { closest: def }),
        },
        (None, None) => Match {
            measure: None,
            score: 0,
            unmatched: Some(Unmatched::NoCandidate),
        },
    }
}

/// The rows that may be candidates for a description: those triggered by a word of the
/// description (or the carer implied by the source) or, for their `~` terms, of the context,
/// as a set of row indices.
fn candidates(
    matcher: &Matcher,
    own: [&Bag<'_>; 2],
    context: &[Bag<'_>],
    implied: Option<WordId>,
) -> [u64; MAX_ROWS / 64] {
    let mut candidates = [0u64; MAX_ROWS / 64];
    let mut mark = |k: u16| {
        if let Some(b) = candidates.get_mut(usize::from(k) / 64) {
            *b |= 1 << (k % 64);
        }
    };
    let own_ids = own
        .into_iter()
        .flat_map(|b| b.words.iter().filter_map(|w| w.id))
        .chain(implied);
    for id in own_ids {
        for &k in matcher.triggers.get(usize::from(id)).into_iter().flatten() {
            mark(k);
        }
    }
    for id in context
        .iter()
        .flat_map(|b| b.words.iter().filter_map(|w| w.id))
    {
        for &k in matcher
            .context_triggers
            .get(usize::from(id))
            .into_iter()
            .flatten()
        {
            mark(k);
        }
    }
    for &k in &matcher.always {
        mark(k);
    }
    candidates
}

/// Whether a row is a candidate for a description (`text`, with `borrowed` words that rule
/// it out only when `whole`): every required term present (a `~` term in the nearest context
/// that holds every such topic), no excluded one. Returns the context its topics came from.
fn admits<'b, 'c>(
    matcher: &Matcher,
    row: &Row,
    (text, borrowed, whole): (&Bag<'_>, &Bag<'_>, bool),
    context: &'b [Bag<'c>],
    (carers_by_source, none): (bool, &'b Bag<'c>),
) -> Option<&'b Bag<'c>> {
    let is_carer_term = |t: &Term| {
        carers_by_source
            && t.alternatives
                .iter()
                .any(|a| a.len() == 1 && Some(a[0]) == matcher.carer)
    };
    // The context a missing topic comes from: the nearest that holds every one.
    let own = |t: &Term| term_in(text, t) || term_in(borrowed, t);
    let mut topics = row
        .requires
        .iter()
        .filter(|t| t.context && !own(t) && !is_carer_term(t))
        .peekable();
    let level: &'b Bag<'c> = if topics.peek().is_none() {
        none
    } else {
        let topics: Vec<&Term> = topics.collect();
        context
            .iter()
            .find(|c| topics.iter().all(|t| term_in(c, t)))?
    };
    let in_level = |t: &Term| t.context && term_in(level, t);
    let required = row
        .requires
        .iter()
        .all(|t| own(t) || in_level(t) || is_carer_term(t));
    // Exclusions apply to the figure's words (and to another figure's it is described by,
    // unless anchored); those marked `~` to the context its topic came from too.
    // Most descriptions hold no word an exclusion starts with: no term to look at.
    let may_hold = |bag: &Bag<'_>| {
        bag.bits
            .iter()
            .zip(&row.exclude_ends)
            .any(|(a, b)| a & b != 0)
    };
    let excluded = (carers_by_source
        || !std::ptr::eq(level, none)
        || may_hold(text)
        || (whole && may_hold(borrowed)))
        && row.excludes.iter().any(|t| {
            term_in(text, t) || (whole && term_in(borrowed, t)) || in_level(t) || is_carer_term(t)
        });
    (required && !excluded).then_some(level)
}

/// A candidate's score (percent of its best phrase's weight the description holds) and the
/// weight held, to break ties towards the fuller description.
fn score(matcher: &Matcher, row: &Row, bags: [&Bag<'_>; 3], implied: Option<WordId>) -> (u8, f32) {
    let has = |id: WordId| implied == Some(id) || bags.iter().any(|b| b.has(id));
    let mut best = (0u8, 0.0f32);
    for phrase in &row.phrases {
        let total: f32 = phrase.iter().map(|&id| matcher.weight(id)).sum();
        let held: f32 = phrase
            .iter()
            .filter(|&&id| has(id))
            .map(|&id| matcher.weight(id))
            .sum();
        if total <= 0.0 {
            continue;
        }
        // A share of at most 100, rounded down.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let share = ((held / total) * 100.0).floor().clamp(0.0, 100.0) as u8;
        if (share, held) > best {
            best = (share, held);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str, unit: Unit) -> Option<&'static str> {
        id_in(text, "", unit, None)
    }

    fn id_in(
        text: &str,
        context: &str,
        unit: Unit,
        dataset: Option<Dataset>,
    ) -> Option<&'static str> {
        let (mut t, mut c) = (Vec::new(), Vec::new());
        words(text, &mut t);
        words(context, &mut c);
        best_match(&t, &[&c], (unit, None), dataset)
            .measure
            .map(|m| m.id)
    }

    #[test]
    fn every_catalogue_row_is_read() {
        assert_eq!(MATCHER.rows.len(), MeasureDef::catalogue().len());
        // The fixed-size sets of the matcher hold the whole catalogue.
        assert!(
            MATCHER.vocabulary.len() <= MAX_VOCABULARY,
            "{}",
            MATCHER.vocabulary.len()
        );
        assert!(MATCHER.rows.len() <= MAX_ROWS);
        for (def, row) in MeasureDef::catalogue().iter().zip(&MATCHER.rows) {
            assert!(
                def.phrases.is_empty() || !row.phrases.is_empty(),
                "{}: no phrase words",
                def.id
            );
            // Every measure with phrases matches its own first phrase.
            if let Some(first) = def
                .phrases
                .split('|')
                .next()
                .filter(|p| !p.trim().is_empty())
            {
                let dataset = Some(def.dataset);
                assert_eq!(
                    id_in(&first.to_ascii_lowercase(), "", def.unit, dataset),
                    Some(def.id),
                    "{}: its own phrase '{first}'",
                    def.id
                );
            }
        }
    }

    #[test]
    fn paraphrases_find_their_measure() {
        let p = Unit::Percent;
        // Word order, tense and person, articles.
        for text in [
            "people were satisfied with the care and support they received",
            "said they were extremely or very satisfied with their care",
            "reported satisfaction with care and support services",
        ] {
            assert_eq!(id(text, p), Some("ascs_overall_satisfaction"), "{text}");
        }
        assert_eq!(
            id("felt they had choice over the services", p),
            Some("ascs_choice_over_services")
        );
        assert_eq!(
            id("feels in control of their daily lives", p),
            Some("ascs_control_daily_life")
        );
        assert_eq!(
            id(
                "no longer requiring support after a period of short term support",
                p
            ),
            Some("salt_short_term_no_further_support")
        );
        assert_eq!(
            id(
                "who had short-term support did not require further support",
                p
            ),
            Some("salt_short_term_no_further_support")
        );
        assert_eq!(id("of carers felt safe", p), Some("sace_felt_safe"));
        assert_eq!(id("felt safe", p), Some("ascs_feel_safe"));
        assert_eq!(
            id_in("felt safe", "", p, Some(Dataset::Sace)),
            Some("sace_felt_safe")
        );
        assert_eq!(
            id("said services had helped them to feel safe and secure", p),
            Some("ascs_services_made_safe")
        );
        assert_eq!(id("staff turnover", Unit::Rate), Some("sfc_staff_turnover"));
        assert_eq!(
            id("staff turnover", Unit::Percent),
            Some("sfc_staff_turnover")
        );
    }

    #[test]
    fn unrelated_text_names_no_measure() {
        let (mut t, c) = (Vec::new(), Vec::new());
        words("the weather was fine", &mut t);
        let m = best_match(&t, &[&c], (Unit::Percent, None), None);
        assert_eq!(
            (m.measure, m.unmatched),
            (None, Some(Unmatched::NoCandidate))
        );
        words("of the", &mut t);
        assert_eq!(
            best_match(&t, &[&c], (Unit::Percent, None), None).unmatched,
            Some(Unmatched::NoSubject)
        );
        // The right words in the wrong unit.
        words("people satisfied with their care and support", &mut t);
        assert!(matches!(
            best_match(&t, &[&c], (Unit::Days, None), None).unmatched,
            Some(Unmatched::UnitMismatch { .. })
        ));
    }

    #[test]
    fn local_figures_take_their_topic_from_the_context() {
        assert_eq!(
            id_in(
                "with a median wait of",
                "318 carers were waiting for an assessment",
                Unit::Days,
                None
            ),
            Some("la_carers_assessment_median_wait")
        );
        assert_eq!(
            id_in(
                "a median wait of",
                "people waiting for a care act assessment",
                Unit::Days,
                None
            ),
            Some("la_assessment_median_wait")
        );
    }
}
