//! Assessments of one or more pages: the real pages of three councils assemble into one
//! assessment each, pages of different councils stay apart, a page without a name joins when
//! named or when its statement fits, and pages that disagree keep both values with a warning.

use cqc_la::assessment::{AssessmentError, Conflict, Pages};
use cqc_la::cohort::ScoreRecord;
use cqc_la::{Assessment, Cohort, QualityStatement as Q, Rating, Report, Score};

use super::util::{corpus_dir, corpus_file, parse};

/// The corpus pages whose names start with one of `prefixes`, as `(file name, text)`, in name
/// order; `None` (with a skip note) when the corpus is absent.
fn pages(prefixes: &[&str]) -> Option<Vec<(String, String)>> {
    let dir = corpus_dir()?.join("pages");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("pages directory")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".txt") && prefixes.iter().any(|p| n.starts_with(p)))
        .collect();
    names.sort();
    assert_eq!(names.len(), prefixes.len(), "{names:?}");
    Some(
        names
            .into_iter()
            .map(|n| {
                let text = std::fs::read_to_string(dir.join(&n)).expect("page");
                (n, text)
            })
            .collect(),
    )
}

fn assemble(pages: &[(String, String)]) -> Assessment {
    let mut p = Pages::new();
    for (name, text) in pages {
        p.parse(name.as_str(), text).expect("parses");
    }
    p.assemble().unwrap_or_else(|e| panic!("{e}"))
}

const DARLINGTON: [&str; 8] = ["031", "032", "033", "034", "035", "036", "037", "038"];
const STAFFORDSHIRE: [&str; 8] = ["016", "017", "018", "019", "020", "025", "026", "027"];
const SUNDERLAND: [&str; 7] = ["021", "022", "023", "024", "028", "029", "030"];

/// Every metric the assessment uses for a statement comes from the page holding it.
#[track_caller]
fn metrics_come_from_their_pages(a: &Assessment) {
    for m in a.metrics() {
        if let Some(qs) = m.statement {
            let page = a.page_of(qs).expect("a page holds the statement");
            assert!(
                page.metrics.contains(m),
                "{} from {}",
                m.sentence,
                page.source
            );
        }
    }
    let on_pages: usize = a
        .pages()
        .iter()
        .map(|p| p.metrics.iter().filter(|m| m.statement.is_some()).count())
        .sum();
    assert_eq!(
        a.metrics().iter().filter(|m| m.statement.is_some()).count(),
        on_pages,
        "no page holds a statement another page holds, so every figure is used"
    );
}

#[test]
fn darlington_section_pages_assemble_into_one_assessment() {
    let Some(pages) = pages(&DARLINGTON) else {
        return;
    };
    let darlington = assemble(&pages);
    assert_eq!(darlington.authority(), Some("Darlington Borough Council"));
    assert_eq!(darlington.council().unwrap().ons_code, "E06000005");
    assert_eq!(darlington.pages().len(), 8);
    assert!(darlington.warnings().is_empty(), "{darlington}");
    // Eight section pages, one statement each: no partnerships page among them.
    assert_eq!(
        darlington.scores(),
        [3, 3, 2, 3, 0, 3, 3, 3, 3].map(Score::new)
    );
    let holder = |qs| darlington.page_of(qs).map(|p| p.source.as_str());
    assert_eq!(
        holder(Q::AssessingNeeds),
        Some("031_darlington_assessing_needs_mirror.txt")
    );
    assert_eq!(
        holder(Q::EquityInExperienceAndOutcomes),
        Some("033_darlington_equity_mirror.txt")
    );
    assert_eq!(
        holder(Q::Safeguarding),
        Some("038_darlington_safeguarding_mirror.txt")
    );
    assert_eq!(holder(Q::PartnershipsAndCommunities), None);
    // Eight of nine: partial everywhere.
    let coverage = darlington.coverage();
    assert_eq!(coverage.count(), 8);
    assert!(darlington.is_partial());
    assert_eq!(darlington.overall().total, 23);
    assert_eq!(darlington.out_of_100(), Some(72)); // 23/32 = 71.9 % rounded up
    assert_eq!(darlington.derived_rating(), None);
    assert_eq!(
        darlington.partial_band(),
        Some(cqc_la::Band::Rated(Rating::Good))
    );
    // Each statement's findings come from the page holding it.
    let equity = darlington
        .statement(Q::EquityInExperienceAndOutcomes)
        .unwrap();
    assert_eq!(equity.section.as_ref().unwrap().score, Score::new(2));
    metrics_come_from_their_pages(&darlington);
    let carers = darlington
        .metrics()
        .iter()
        .find(|m| {
            m.measure
                .canonical
                .is_some_and(|d| d.id == "sace_info_helpful")
        })
        .expect("the carers' information figure");
    assert_eq!(carers.value.to_string(), "94.12");

    let text = darlington.to_string();
    assert!(
        text.starts_with(
            "Darlington Borough Council (E06000005, Unitary, North East): 8 pages, 8 of 9 statements (all but Partnerships)"
        ),
        "{text}"
    );
    assert!(text.contains("(partial)"), "{text}");

    // Any order gives the same assessment.
    let mut reversed = pages.clone();
    reversed.reverse();
    let again = assemble(&reversed);
    assert_eq!(again.scores(), darlington.scores());
    for qs in Q::ALL {
        assert_eq!(
            again.page_of(qs).map(|p| &p.source),
            darlington.page_of(qs).map(|p| &p.source)
        );
    }
}

#[test]
fn staffordshire_summary_and_sections_assemble_into_one_assessment() {
    let Some(pages) = pages(&STAFFORDSHIRE) else {
        return;
    };
    let staffordshire = assemble(&pages);
    assert_eq!(
        staffordshire.authority(),
        Some("Staffordshire County Council")
    );
    assert_eq!(staffordshire.pages().len(), 8);
    assert!(staffordshire.warnings().is_empty(), "{staffordshire}");
    assert_eq!(staffordshire.scores(), [Score::new(3); 9]);
    assert!(staffordshire.coverage().is_complete());
    assert!(!staffordshire.is_partial());
    // The summary page gives the date and rating, and holds the statements no section page
    // covers; each section page holds its own.
    assert_eq!(
        staffordshire.published().map(|d| d.to_string()).as_deref(),
        Some("2025-05-30")
    );
    assert_eq!(staffordshire.rating(), Some(Rating::Good));
    assert_eq!(staffordshire.derived_rating(), Some(Rating::Good));
    assert_eq!(staffordshire.out_of_100(), Some(75));
    let holder = |qs| staffordshire.page_of(qs).unwrap().source.as_str();
    assert_eq!(
        holder(Q::AssessingNeeds),
        "017_staffordshire_assessing_needs_mirror.txt"
    );
    assert_eq!(
        holder(Q::EquityInExperienceAndOutcomes),
        "016_staffordshire_summary_mirror.txt"
    );
    assert_eq!(
        holder(Q::SafePathwaysSystemsAndTransitions),
        "016_staffordshire_summary_mirror.txt"
    );
    assert_eq!(
        holder(Q::Safeguarding),
        "027_staffordshire_safeguarding_mirror.txt"
    );
    // The section and the summary's list both speak of assessing needs: both kept.
    let speakers: Vec<&str> = staffordshire
        .statement_pages(Q::AssessingNeeds)
        .map(|(p, _)| p.source.as_str())
        .collect();
    assert_eq!(
        speakers,
        [
            "017_staffordshire_assessing_needs_mirror.txt",
            "016_staffordshire_summary_mirror.txt"
        ]
    );
    metrics_come_from_their_pages(&staffordshire);

    // The record is the published one.
    let record = ScoreRecord::try_from(&staffordshire).unwrap();
    let published = Cohort::published();
    assert_eq!(
        record.scores,
        published.get("Staffordshire").unwrap().scores
    );
}

#[test]
fn sunderland_summary_and_sections_assemble_into_one_assessment() {
    let Some(pages) = pages(&SUNDERLAND) else {
        return;
    };
    let sunderland = assemble(&pages);
    assert_eq!(sunderland.authority(), Some("Sunderland City Council"));
    assert_eq!(sunderland.council().unwrap().ons_code, "E08000024");
    assert_eq!(sunderland.pages().len(), 7);
    assert!(sunderland.warnings().is_empty(), "{sunderland}");
    assert_eq!(sunderland.scores(), [Score::new(3); 9]);
    assert_eq!(
        sunderland.published().map(|d| d.to_string()).as_deref(),
        Some("2025-05-09")
    );
    assert_eq!(sunderland.rating(), Some(Rating::Good));
    let holder = |qs| sunderland.page_of(qs).unwrap().source.as_str();
    assert_eq!(
        holder(Q::LearningImprovementAndInnovation),
        "030_sunderland_learning_section.txt"
    );
    assert_eq!(
        holder(Q::PartnershipsAndCommunities),
        "021_sunderland_summary.txt"
    );
    metrics_come_from_their_pages(&sunderland);

    // Sections first, the summary last: the same assessment.
    let mut moved = pages.clone();
    moved.rotate_left(1);
    let again = assemble(&moved);
    assert_eq!(again.scores(), sunderland.scores());
    assert_eq!(again.published(), sunderland.published());
    assert_eq!(again.rating(), sunderland.rating());
    assert_eq!(
        again.page_of(Q::PartnershipsAndCommunities).unwrap().source,
        "021_sunderland_summary.txt"
    );
}

#[test]
fn pages_of_two_councils_stay_apart() {
    let (Some(darlington), Some(sunderland)) = (pages(&DARLINGTON), pages(&SUNDERLAND)) else {
        return;
    };
    let mut mixed = Pages::new();
    for (name, text) in darlington[..2].iter().chain(&sunderland[..2]) {
        mixed.parse(name.as_str(), text).unwrap();
    }
    let err = mixed.clone().assemble().unwrap_err();
    assert!(matches!(err, AssessmentError::DifferentCouncils { .. }));
    assert_eq!(
        err.to_string(),
        "021_sunderland_summary.txt is about Sunderland City Council, but \
         031_darlington_assessing_needs_mirror.txt is about Darlington Borough Council: \
         pages of different councils are not merged"
    );
    // Kept apart, one assessment per council.
    let apart = mixed.by_authority();
    assert_eq!(apart.len(), 2);
    assert_eq!(apart[0].authority(), Some("Darlington Borough Council"));
    assert_eq!(apart[0].pages().len(), 2);
    assert_eq!(apart[0].coverage().count(), 2);
    assert_eq!(apart[1].authority(), Some("Sunderland City Council"));
    assert_eq!(apart[1].pages().len(), 2);
    assert_eq!(apart[1].coverage().count(), 9);
    // A name given for pages that name another council is refused too.
    let err = Assessment::from_pages([("033.txt", Report::parse(&darlington[2].1).unwrap())])
        .for_authority("Sunderland")
        .assemble()
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("the name given is about Sunderland"),
        "{err}"
    );
}

#[test]
fn westminster_page_joins_westminster_record_when_named() {
    let Some(text) = corpus_file("westminster-partnerships.txt") else {
        return;
    };
    let page = parse(&text);
    assert_eq!(page.authority, None, "the page prints no name");

    // Unnamed, it cannot join a cohort: it could be anyone's.
    let unnamed = Assessment::new(page.clone());
    assert_eq!(unnamed.authority(), None);
    assert_eq!(
        ScoreRecord::try_from(&unnamed).unwrap_err(),
        AssessmentError::Unnamed
    );
    let mut cohort = Cohort::published();
    assert_eq!(
        cohort.insert_assessment(&unnamed).unwrap_err(),
        AssessmentError::Unnamed
    );
    assert_eq!(cohort, Cohort::published(), "nothing was added");

    // Named, it joins Westminster's published record: nine scores stay nine.
    let westminster = Assessment::from_pages([("westminster-partnerships.txt", page)])
        .for_authority("Westminster City Council")
        .assemble()
        .unwrap();
    assert_eq!(westminster.authority(), Some("Westminster City Council"));
    assert_eq!(westminster.council().unwrap().ons_code, "E09000033");
    assert_eq!(westminster.coverage().count(), 1);
    assert_eq!(
        westminster.score(Q::PartnershipsAndCommunities),
        Score::new(3)
    );
    let inserted = cohort.insert_assessment(&westminster).unwrap();
    let previous = inserted.previous.expect("Westminster is published");
    assert!(previous.is_complete());
    assert!(inserted.warnings.is_empty(), "{:?}", inserted.warnings);
    assert_eq!(inserted.record.coverage().count(), 9);
    assert_eq!(inserted.record.scores, previous.scores);
    assert_eq!(cohort.len(), 72);
    assert_eq!(
        cohort
            .league_table()
            .row("Westminster")
            .unwrap()
            .standing
            .to_string(),
        "joint 5th-10th of 71"
    );
}

/// A fictional council's summary page listing two scores.
const SUMMARY: &str = "Northmere County Council: local authority assessment
Assessment published: 14 March 2025
Overall summary
Local authority rating and score
Northmere County Council
Good
Quality statement scores
Assessing needs
Score: 3
Safeguarding
Score: 2
";

/// A section page without a name, with `score` for safeguarding.
fn safeguarding_page(score: u8) -> String {
    format!(
        "Safeguarding\nScore: {score}\n{score} - {}\nKey findings for this quality statement\n\
         Enquiries were completed on time and people were kept informed.\n",
        Score::new(score).unwrap().descriptor()
    )
}

#[test]
fn an_unnamed_page_joins_when_its_statement_fits() {
    // The summary lists safeguarding 2; a page scoring it 2 fits and joins.
    let fits = Assessment::from_pages([
        ("summary.txt", parse(SUMMARY)),
        ("safeguarding.txt", parse(&safeguarding_page(2))),
    ])
    .assemble()
    .unwrap();
    assert_eq!(fits.authority(), Some("Northmere County Council"));
    assert_eq!(
        fits.page_of(Q::Safeguarding).unwrap().source,
        "safeguarding.txt"
    );
    assert!(fits.warnings().is_empty());

    // A page scoring it 3 does not fit: it may be another council's page.
    let misfit = || {
        Assessment::from_pages([
            ("summary.txt", parse(SUMMARY)),
            ("safeguarding.txt", parse(&safeguarding_page(3))),
        ])
    };
    let err = misfit().assemble().unwrap_err();
    assert_eq!(
        err.to_string(),
        "safeguarding.txt names no council and its Safeguarding does not fit: summary.txt \
         already covers it; say whose it is with for_authority"
    );
    let apart = misfit().by_authority();
    assert_eq!(apart.len(), 2);
    assert_eq!(apart[1].authority(), None);
    assert_eq!(apart[1].score(Q::Safeguarding), Score::new(3));

    // Named, it joins: the section's score is used, the list's kept, and the two disagree.
    let named = misfit()
        .for_authority("Northmere County Council")
        .assemble()
        .unwrap();
    assert_eq!(named.score(Q::Safeguarding), Score::new(3));
    assert_eq!(named.warnings().len(), 1);
    let w = &named.warnings()[0];
    assert_eq!(
        w.conflict,
        Conflict::Score {
            statement: Q::Safeguarding,
            kept: Score::new(3).unwrap(),
            other: Score::new(2).unwrap()
        }
    );
    assert_eq!(
        (w.kept.source.as_str(), w.other.source.as_str()),
        ("safeguarding.txt", "summary.txt")
    );
}

#[test]
fn disagreeing_pages_keep_both_and_warn_with_their_lines() {
    let mut pages = Pages::new();
    pages.parse("summary.txt", SUMMARY).unwrap();
    pages
        .parse(
            "first.txt",
            &format!(
                "Northmere County Council: local authority assessment\n{}",
                safeguarding_page(2)
            ),
        )
        .unwrap();
    pages
        .parse(
            "second.txt",
            &format!(
                "Northmere County Council: local authority assessment\n{}",
                safeguarding_page(1)
            ),
        )
        .unwrap();
    pages
        .parse(
            "full.txt",
            &SUMMARY
                .replace("14 March 2025", "21 March 2025")
                .replace("\nGood\n", "\nRequires improvement\n"),
        )
        .unwrap();
    let a = pages.assemble().unwrap();
    // The first section page's score and findings are used; the other section and the lists
    // are kept in their pages.
    assert_eq!(a.score(Q::Safeguarding), Score::new(2));
    assert_eq!(a.page_of(Q::Safeguarding).unwrap().source, "first.txt");
    assert_eq!(a.statement_pages(Q::Safeguarding).count(), 4);
    let messages: Vec<String> = a.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "the score of Safeguarding: 2 in first.txt:3:1 but 1 in second.txt:3:1; both kept, 2 used",
            "the rating: Good in summary.txt:6:1 but Requires improvement in full.txt:6:1; both kept, Good used",
            "the publication date: 2025-03-14 in summary.txt:2:1 but 2025-03-21 in full.txt:2:1; both kept, 2025-03-14 used",
        ],
    );
    assert_eq!(a.rating(), Some(Rating::Good));
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["warnings"][0]["conflict"]["field"], "score");
    assert_eq!(json["warnings"][0]["other"]["location"]["line"], 3);
    assert_eq!(json["scores"][6]["page"], "first.txt");
    assert_eq!(json["coverage"]["count"], 2);
    assert_eq!(json["partial"], true);
}

#[test]
fn a_section_given_twice_is_used_once() {
    let page = "Northmere County Council: local authority assessment\n\
         Safeguarding\nScore: 3\nKey findings for this quality statement\n\
         ASCS data (2023-24) showed 70.1% of people felt safe (England average 71.1%).\n";
    let a = Assessment::from_pages([("a.txt", parse(page)), ("b.txt", parse(page))])
        .assemble()
        .unwrap();
    assert_eq!(a.metrics().len(), 1, "the figure is not counted twice");
    assert_eq!(
        a.pages()[1].metrics.len(),
        1,
        "but the second page keeps its own"
    );
    assert_eq!(
        a.warnings()[0].to_string(),
        "a second section for Safeguarding: b.txt repeats a.txt; both kept, the findings and figures of a.txt used"
    );
    // Pages added as parsed reports carry no text, so no line numbers.
    assert_eq!(a.warnings()[0].kept.location, None);
    assert!(matches!(
        a.warnings()[0].conflict,
        Conflict::SecondSection {
            statement: Q::Safeguarding
        }
    ));
}

#[test]
fn no_pages_is_an_error() {
    assert_eq!(
        Pages::new().assemble().unwrap_err(),
        AssessmentError::NoPages
    );
    assert!(Pages::new().by_authority().is_empty());
}

#[test]
fn many_pages_without_a_name_are_placed_one_by_one() {
    // One named summary listing safeguarding 2, then 500 unnamed safeguarding pages scoring 2:
    // the first fits and joins; after it, the statement is held, so the rest stay apart.
    let mut pages = Pages::new().with("summary.txt", parse(SUMMARY));
    let page = parse(&safeguarding_page(2));
    for i in 0..500 {
        pages.add(format!("unnamed-{i}.txt"), page.clone());
    }
    let assessments = pages.by_authority();
    assert_eq!(assessments.len(), 500);
    assert_eq!(assessments[0].pages().len(), 2);
    assert_eq!(
        assessments[0].page_of(Q::Safeguarding).unwrap().source,
        "unnamed-0.txt"
    );
    assert!(
        assessments[1..]
            .iter()
            .all(|a| a.authority().is_none() && a.pages().len() == 1)
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any mix of fictional pages: every page ends up in exactly one assessment, named pages
    /// only with pages of the same council, and assembling them into one either works or says
    /// why.
    #[test]
    fn pages_are_never_lost_or_mixed(
        pages in proptest::collection::vec((0u8..4, 0usize..9, 1u8..=4), 1..12)
    ) {
        let names = ["Alderley Council", "Bexwell Council", "Cawood Council"];
        let mut all = Pages::new();
        for (i, &(who, statement, score)) in pages.iter().enumerate() {
            let qs = Q::ALL[statement];
            let header = names
                .get(usize::from(who))
                .map(|n| format!("{n}: local authority assessment\n"))
                .unwrap_or_default();
            let text = format!("{header}{}\nScore: {score}\n", qs.title());
            all.parse(format!("p{i}.txt"), &text).unwrap();
        }
        let assessments = all.clone().by_authority();
        let placed: usize = assessments.iter().map(|a| a.pages().len()).sum();
        proptest::prop_assert_eq!(placed, pages.len());
        for a in &assessments {
            let named: Vec<&str> = a
                .pages()
                .iter()
                .filter_map(|p| p.report.authority.as_deref())
                .collect();
            proptest::prop_assert!(named.windows(2).all(|w| w[0] == w[1]));
            proptest::prop_assert_eq!(a.authority(), named.first().copied());
            let _ = a.to_string();
        }
        let councils = pages.iter().filter(|p| p.0 < 3).map(|p| p.0).collect::<std::collections::HashSet<_>>();
        match all.assemble() {
            Ok(a) => proptest::prop_assert!(councils.len() <= 1 && a.pages().len() == pages.len()),
            Err(AssessmentError::DifferentCouncils { .. }) => proptest::prop_assert!(councils.len() > 1),
            Err(AssessmentError::UnplacedPage { .. }) => proptest::prop_assert!(councils.len() <= 1),
            Err(e) => proptest::prop_assert!(false, "{e}"),
        }
    }
}
