//! Round trip over generated reports: a `Report` built from the public model types renders to
//! canonical text, and parsing that text gives the same report back.
//!
//! The generator builds what the parser would derive (the authority from the header, summary or
//! "About" heading; the typed financial figures from the bullets; `Some` origins for the lines
//! that are written), so the property is plain equality. A few shapes are constrained because
//! the text format itself is ambiguous there; each constraint says why.

use cqc_la::report::{
    About, Block, Descriptor, FinancialFacts, Finding, Findings, Listed, OverallSummary, Planned,
    Section, ThemeIntro,
};
use cqc_la::{
    Date, FinancialYear, Origin, OverallScore, QualityStatement, Rating, Report, Score, Statement,
    Text, Theme,
};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

use super::util::assert_lossless;

const PLACES: &[&str] = &[
    "Northmere",
    "Ashby Fold",
    "Wendholm",
    "Castlereach",
    "South Fenwick",
    "Brackwater",
    "Holmcastle",
    "Sedgebury",
];

fn authority_name() -> impl Strategy<Value = String> {
    (select(PLACES), 0..6usize).prop_map(|(place, form)| match form {
        0 => format!("{place} County Council"),
        1 => format!("{place} City Council"),
        2 => format!("London Borough of {place}"),
        3 => format!("Royal Borough of {place}"),
        4 => format!("{place} Metropolitan Borough Council"),
        _ => format!("{place} Council"),
    })
}

fn date() -> impl Strategy<Value = Date> {
    (2023u16..=2026, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
}

fn score() -> impl Strategy<Value = Score> {
    select(Score::ALL.to_vec())
}

// Prose. The words never form a structural line: sentences have at least four words and end
// with a full stop, and the vocabulary has no "score", "published", "theme" or heading words.
const FIRST: &[&str] = &[
    "The", "People", "Staff", "Partners", "Leaders", "Carers", "We", "Most", "Some", "Unpaid",
];
const WORDS: &[&str] = &[
    "council",
    "worked",
    "with",
    "local",
    "health",
    "partners",
    "to",
    "reduce",
    "waiting",
    "times",
    "for",
    "care",
    "and",
    "support",
    "people",
    "told",
    "us",
    "they",
    "felt",
    "listened",
    "in",
    "the",
    "community",
    "hospital",
    "discharge",
    "was",
    "timely",
    "£2,400",
    "12%",
    "over",
    "1,018",
    "days",
    "\u{2018}strong\u{2019}",
    "people\u{2019}s",
    "\u{201c}good\u{201d}",
    "well\u{2013}led",
    "young",
    "adults",
    "moving",
    "between",
    "services",
];

fn sentence() -> impl Strategy<Value = String> {
    (plain_sentence(), any::<bool>())
        .prop_map(|(body, bullet)| if bullet { format!("- {body}") } else { body })
}

fn plain_sentence() -> impl Strategy<Value = String> {
    (select(FIRST), prop::collection::vec(select(WORDS), 3..14))
        .prop_map(|(first, words)| format!("{first} {}.", words.join(" ")))
}

fn paragraphs(max: usize) -> impl Strategy<Value = Vec<Text>> {
    prop::collection::vec(sentence().prop_map(Text::new), 0..=max)
}

/// A block of paragraphs.
fn plain_block(max: usize) -> impl Strategy<Value = Block> {
    paragraphs(max).prop_map(|paragraphs| Block {
        heading: Origin::none(),
        paragraphs,
    })
}

/// A "What people expect" or commitment block: after its first paragraph, every paragraph
/// speaks in the block's voice (`voice`, "I" or "We"); a paragraph in another voice would be
/// the section's findings, printed without their heading.
fn block(max: usize, voice: &'static str) -> impl Strategy<Value = Block> {
    paragraphs(max).prop_map(move |mut paragraphs| {
        for p in paragraphs.iter_mut().skip(1) {
            let rest = p.text.trim_start();
            let first = rest.split(' ').next().unwrap_or("");
            if !first.eq_ignore_ascii_case(voice) {
                p.text = format!("{voice} {}", lowercase_first(rest));
            }
        }
        Block {
            heading: Origin::none(),
            paragraphs,
        }
    })
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

// Subheadings: short, capitalised, no final full stop, nothing a heading of its own.
const SUB_FIRST: &[&str] = &[
    "Timeliness",
    "Partnership",
    "Hospital",
    "Carers",
    "Waiting",
    "Staff",
    "Working",
    "Community",
    "Young",
];
const SUB_WORDS: &[&str] = &[
    "of",
    "assessments",
    "and",
    "reviews",
    "working",
    "with",
    "carers",
    "discharge",
    "lists",
    "services",
    "people",
    "transitions",
    "feedback",
];

fn subheading() -> impl Strategy<Value = Text> {
    (
        select(SUB_FIRST),
        prop::collection::vec(select(SUB_WORDS), 1..6),
    )
        .prop_map(|(first, words)| Text::new(format!("{first} {}", words.join(" "))))
}

fn non_empty_paragraphs() -> impl Strategy<Value = Vec<Text>> {
    prop::collection::vec(sentence().prop_map(Text::new), 1..4)
}

prop_compose! {
    // Only the first group may lack a subheading (a later one would read as more paragraphs of
    // the group before it), and every group has a paragraph (a subheading is recognised by
    // the paragraph under it).
    fn findings()(
        untitled in prop::option::of(non_empty_paragraphs()),
        titled in prop::collection::vec((subheading(), non_empty_paragraphs()), 0..4),
    ) -> Findings {
        let mut groups = Vec::new();
        if let Some(paragraphs) = untitled {
            groups.push(Finding { subheading: None, paragraphs });
        }
        groups.extend(titled.into_iter().map(|(s, paragraphs)| Finding {
            subheading: Some(s),
            paragraphs,
        }));
        Findings { heading: Origin::none(), groups }
    }
}

prop_compose! {
    // A section's title is followed by a score, a descriptor or a block label: the parser
    // reads a bare `Title` / `Score: N` after the overall summary's list as one more list
    // entry, which is what such text is in a summary page. So a generated section always has
    // a descriptor or a block.
    fn section()(
        score in prop::option::of(score()),
        other_descriptor in score(),
        has_descriptor in any::<bool>(),
        expectations in prop::option::of(block(3, "I")),
        commitment in prop::option::of(block(2, "We")),
        findings in prop::option::of(findings()),
    ) -> Section {
        let has_descriptor = has_descriptor
            || (expectations.is_none() && commitment.is_none() && findings.is_none());
        Section {
            heading: Origin::none(),
            score,
            score_line: score.map(|_| Origin::none()),
            descriptor: has_descriptor
                .then(|| Descriptor::canonical(score.unwrap_or(other_descriptor))),
            expectations,
            commitment,
            findings,
            other: Vec::new(),
        }
    }
}

fn money(pounds: u32) -> String {
    let digits = pounds.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("£{out}")
}

prop_compose! {
    fn financial_facts()(
        year in 2021u16..2026,
        slash in any::<bool>(),
        budget in prop::option::of((1_000_000u32..900_000_000, 1_000_000u32..900_000_000)),
        asc in prop::option::of((1_000_000u32..400_000_000, 1_000_000u32..400_000_000)),
        share in prop::option::of((0u32..100, 0u32..100, any::<bool>())),
        precept in prop::option::of(0u32..4),
        long_term in prop::option::of(1u32..20_000),
        // A bullet under "Financial facts" is one of its items: notes are plain paragraphs.
        notes in prop::collection::vec(plain_sentence().prop_map(Text::new), 0..3),
    ) -> FinancialFacts {
        let fy = if slash {
            format!("{year}/{:02}", (year + 1) % 100)
        } else {
            format!("{year}-{}", year + 1)
        };
        let mut facts = FinancialFacts { heading: Origin::none(), notes, ..FinancialFacts::default() };
        let mut items = Vec::new();
        if let Some((estimate, actual)) = budget {
            items.push(format!(
                "The local authority estimated that in {fy}, its total budget would be {}. Its actual spend for that year was {}.",
                money(estimate), money(actual)
            ));
            facts.total_budget = Some(Planned { estimate: Some(estimate.into()), actual: Some(actual.into()) });
        }
        if let Some((estimate, actual)) = asc {
            items.push(format!(
                "The local authority estimated that it would spend {} of its total budget on adult social care in {fy}. Its actual spend was {}.",
                money(estimate), money(actual)
            ));
            facts.asc_spend = Some(Planned { estimate: Some(estimate.into()), actual: Some(actual.into()) });
        }
        if let Some((whole, hundredths, bold)) = share {
            let value = format!("{whole}.{hundredths:02}");
            let shown = if bold { format!("**{value}%**") } else { format!("{value}%") };
            items.push(format!("In {fy}, {shown} of the budget was spent on adult social care."));
            facts.asc_share = Some(value.parse().unwrap());
        }
        if let Some(percent) = precept {
            items.push(format!(
                "The local authority has raised the adult social care precept for {fy}, with a value of {percent}%."
            ));
            facts.precept = Some(percent.into());
        }
        if !items.is_empty() {
            facts.period = Some(FinancialYear::new(year));
        }
        if let Some(n) = long_term {
            items.push(format!(
                "Approximately {} people were accessing long-term adult social care support.",
                money(n).trim_start_matches('£')
            ));
            facts.long_term_support = Some(n);
        }
        facts.items = items.into_iter().map(Text::new).collect();
        facts
    }
}

const NAVIGATION: &[&str] = &[
    "Downloads",
    "How we assess local authorities",
    "Page last updated: 12 August 2025",
    "Back to top",
];

/// The parts of a report, before the statements are put in the order the parser finds them.
#[derive(Debug, Clone)]
struct Parts {
    name: String,
    header: bool,
    /// A 2023 pilot report: `<Authority> assessment`, an assessment start date, indicative
    /// rating.
    pilot: Option<Date>,
    navigation: Vec<&'static str>,
    published: Option<Date>,
    about: Option<(bool, Vec<Text>)>,
    facts: Option<FinancialFacts>,
    summary: Option<SummaryParts>,
    experiences: Option<Block>,
    strengths: Option<Block>,
    themes: Vec<(Theme, bool, Vec<QualityStatement>, bool, bool)>,
    statements: Vec<(QualityStatement, Option<Option<Score>>, Option<Section>)>,
    duplicates: Vec<Section>,
    footer: bool,
}

#[derive(Debug, Clone)]
struct SummaryParts {
    rating_heading: bool,
    authority: bool,
    /// 0: the rating the scores give; 1: none; 2: any rating (maybe a mismatch warning).
    rating_choice: u8,
    any_rating: Rating,
    overall_score: Option<u8>,
    scores_heading: bool,
}

fn summary_parts() -> impl Strategy<Value = SummaryParts> {
    (
        any::<bool>(),
        any::<bool>(),
        0u8..3,
        select(Rating::ALL.to_vec()),
        prop::option::of(0u8..=100),
        any::<bool>(),
    )
        .prop_map(
            |(
                rating_heading,
                authority,
                rating_choice,
                any_rating,
                overall_score,
                scores_heading,
            )| {
                SummaryParts {
                    rating_heading,
                    authority,
                    rating_choice,
                    any_rating,
                    overall_score,
                    scores_heading,
                }
            },
        )
}

fn statement_parts()
-> impl Strategy<Value = Vec<(QualityStatement, Option<Option<Score>>, Option<Section>)>> {
    prop::collection::vec(
        (
            prop::option::of(prop::option::of(score())),
            prop::option::of(section()),
        ),
        9,
    )
    .prop_map(|entries| {
        QualityStatement::ALL
            .into_iter()
            .zip(entries)
            .filter(|(_, (listed, section))| listed.is_some() || section.is_some())
            .map(|(qs, (listed, section))| (qs, listed, section))
            .collect()
    })
}

fn theme_parts() -> impl Strategy<Value = Vec<(Theme, bool, Vec<QualityStatement>, bool, bool)>> {
    subsequence(Theme::ALL.to_vec(), 0..=4).prop_flat_map(|themes| {
        themes
            .into_iter()
            .map(|theme| {
                (
                    Just(theme),
                    any::<bool>(),
                    subsequence(theme.statements().to_vec(), 0..=theme.statements().len()),
                    any::<bool>(),
                    any::<bool>(),
                )
            })
            .collect::<Vec<_>>()
    })
}

prop_compose! {
    fn parts()(
        name in authority_name(),
        header in any::<bool>(),
        pilot in prop::option::of(date()),
        navigation in subsequence(NAVIGATION.to_vec(), 0..=2),
        published in prop::option::of(date()),
        about in prop::option::of((any::<bool>(), paragraphs(3))),
        facts in prop::option::of(financial_facts()),
        summary in prop::option::of(summary_parts()),
        experiences in prop::option::of(plain_block(3)),
        strengths in prop::option::of(plain_block(3)),
        themes in theme_parts(),
        statements in statement_parts(),
        duplicates in prop::collection::vec(section(), 0..3),
        footer in any::<bool>(),
    ) -> Parts {
        Parts {
            name, header, pilot, navigation, published, about, facts, summary, experiences,
            strengths, themes, statements, duplicates, footer,
        }
    }
}

/// Builds the report the parser gives for the rendering of `parts`.
fn build(parts: Parts) -> Report {
    let Parts {
        name,
        header,
        pilot,
        navigation,
        published,
        about,
        facts,
        summary,
        experiences,
        strengths,
        themes,
        statements,
        duplicates,
        footer,
    } = parts;
    let themes: Vec<ThemeIntro> = themes
        .into_iter()
        .map(|(theme, includes, listed, note, named)| ThemeIntro {
            theme,
            title: Text::new(if named {
                theme.report_title(&name)
            } else {
                theme.title().to_owned()
            }),
            includes: includes.then(Origin::none),
            listed: listed.into_iter().map(|qs| (qs, Origin::none())).collect(),
            note: note.then(Origin::none),
            other: Vec::new(),
        })
        .collect();

    // List entries exist only in an overall summary.
    let entries: Vec<Statement> = statements
        .into_iter()
        .filter_map(|(qs, listed, section)| {
            let listed = listed.filter(|_| summary.is_some());
            // A listed score and a section score that differ give a warning: keep them equal.
            let listed = listed.map(|score| {
                score.map(|s| section.as_ref().and_then(|sec| sec.score).unwrap_or(s))
            });
            (listed.is_some() || section.is_some()).then(|| Statement {
                statement: qs,
                listed: listed.map(|score| Listed {
                    score,
                    origin: Origin::none(),
                    score_line: score.map(|_| Origin::none()),
                }),
                section,
            })
        })
        .collect();
    // The parser meets list entries first (in list order), then sections in rendering order:
    // after the theme introduction of their theme, the rest after the last theme.
    let (mut ordered, mut sections_only): (Vec<Statement>, Vec<Statement>) =
        entries.into_iter().partition(|s| s.listed.is_some());
    for theme in &themes {
        let (now, later): (Vec<_>, Vec<_>) = sections_only
            .into_iter()
            .partition(|s| s.statement.theme() == theme.theme);
        ordered.extend(now);
        sections_only = later;
    }
    ordered.extend(sections_only);
    // A duplicate needs a first section for its statement.
    let with_sections: Vec<QualityStatement> = ordered
        .iter()
        .filter(|s| s.section.is_some())
        .map(|s| s.statement)
        .collect();
    let duplicates: Vec<Statement> = duplicates
        .into_iter()
        .zip(with_sections.iter().cycle())
        .map(|(section, &qs)| Statement {
            statement: qs,
            listed: None,
            section: Some(section),
        })
        .collect();

    let overall = OverallScore::from_scores(ordered.iter().filter_map(Statement::score));
    let (rating, overall_score, summary) = match summary {
        None => (None, None, None),
        Some(s) => {
            let rating = match s.rating_choice {
                0 => overall.rating(),
                1 => None,
                _ => Some(s.any_rating),
            };
            let summary = OverallSummary {
                heading: Origin::none(),
                rating_heading: s.rating_heading.then(Origin::none),
                authority: s.authority.then(|| Text::new(name.clone())),
                rating_line: rating.map(|_| Origin::none()),
                score_line: s.overall_score.map(|_| Origin::none()),
                scores_heading: s.scores_heading.then(Origin::none),
                other: Vec::new(),
            };
            (rating, s.overall_score, Some(summary))
        }
    };
    let about = about.map(|(demographics, paragraphs)| About {
        heading: Text::new(format!("About {name}")),
        demographics: demographics.then(Origin::none),
        paragraphs,
    });
    // The authority: the header's, else the summary's name line, else the "About" heading's.
    let authority =
        (header || summary.as_ref().is_some_and(|s| s.authority.is_some()) || about.is_some())
            .then(|| name.clone());
    let mut report = Report {
        authority,
        published,
        rating,
        overall_score,
        statements: ordered,
        about,
        financial_facts: facts,
        summary,
        experiences,
        strengths,
        themes,
        duplicates,
        navigation: navigation.into_iter().map(Text::new).collect(),
        ..Report::default()
    };
    // A pilot report says so by its start date (and header and rating line).
    report.indicative = pilot.is_some();
    report.assessment_start = pilot;
    report.lines.assessment_start = pilot.map(|_| Origin::none());
    report.lines.header = header.then(Origin::none);
    report.lines.published = published.map(|_| Origin::none());
    report.lines.footer = footer.then(Origin::none);
    report
}

/// Whether the parser finds anything of a report in it (otherwise parsing is an error).
fn has_content(r: &Report) -> bool {
    r.lines.header.is_some()
        || r.published.is_some()
        || r.about.is_some()
        || r.financial_facts.is_some()
        || r.summary.is_some()
        || r.experiences.is_some()
        || r.strengths.is_some()
        || !r.themes.is_empty()
        || !r.statements.is_empty()
}

/// The warnings the parser gives for `r`, by id, in any order.
fn expected_warnings(r: &Report) -> Vec<&'static str> {
    let mut ids = vec!["duplicate_section"; r.duplicates.len()];
    let overall = r.overall();
    if let Some(band) = overall.band() {
        match (r.rating, band) {
            (Some(printed), _) if !band.admits(printed) => ids.push("rating_mismatch"),
            (_, cqc_la::Band::Between(..)) => ids.push("between_bands"),
            _ => {}
        }
        if r.overall_score
            .is_some_and(|p| !overall.agrees_with_printed(p))
        {
            ids.push("overall_score_mismatch");
        }
    }
    // A printed rating block with no rating, overall score or listed score.
    let rating_block = r
        .summary
        .as_ref()
        .is_some_and(|s| s.rating_heading.is_some());
    let listed = r
        .statements
        .iter()
        .any(|s| s.listed.as_ref().is_some_and(|l| l.score.is_some()));
    if rating_block && r.rating.is_none() && r.overall_score.is_none() && !listed {
        ids.push("empty_rating_block");
    }
    ids.sort_unstable();
    ids
}

fn report() -> impl Strategy<Value = Report> {
    parts()
        .prop_map(build)
        .prop_filter("an empty report is not a report", has_content)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_reports_round_trip(report in report()) {
        let text = report.to_string();
        let parsed = match Report::parse(&text) {
            Ok(parsed) => parsed,
            Err(err) => return Err(TestCaseError::fail(format!("{err}\n{text}"))),
        };
        let mut ids: Vec<&str> = parsed.warnings.iter().map(|w| w.kind.id()).collect();
        ids.sort_unstable();
        prop_assert_eq!(ids, expected_warnings(&report), "{}", text);
        let mut without_warnings = parsed.clone();
        without_warnings.warnings.clear();
        prop_assert_eq!(&without_warnings, &report, "{}", text);
        // Nothing of the rendering is lost, and rendering again gives the same text.
        assert_lossless(&text, &parsed);
        prop_assert_eq!(parsed.to_string(), text);
    }
}
