//! Coverage everywhere: a single page is partial in the assessment, its record, a comparison,
//! the league table (Display, JSON and CSV), against a group and for neighbours; the published
//! cohort plus one section page keeps nine scores; the overall score out of 100 is the
//! percentage rounded up, and a printed score that is not warns.

use cqc_la::assessment::Coverage;
use cqc_la::cohort::{Group, ScoreRecord};
use cqc_la::{Assessment, Band, Cohort, QualityStatement as Q, Rating, Score, compare};

use super::util::{corpus_file, fixture, parse};

#[test]
fn a_single_page_is_partial_everywhere() {
    let Some(text) = corpus_file("islington-partnerships.txt") else {
        return;
    };
    let page = Assessment::parse(&text).unwrap();
    let partnerships = Coverage::from_statements([Q::PartnershipsAndCommunities]);

    // The assessment.
    assert_eq!(page.coverage(), partnerships);
    assert!(page.is_partial());
    assert_eq!(page.derived_rating(), None, "one score is not a rating");
    assert_eq!(page.derived_band(), None);
    assert_eq!(page.partial_band(), Some(Band::Rated(Rating::Good)));
    assert_eq!(page.out_of_100(), Some(75));
    let shown = page.to_string();
    assert!(
        shown.starts_with(
            "Islington Council (E09000019, London borough, London): 1 page, 1 of 9 statements (Partnerships)"
        ),
        "{shown}"
    );
    assert!(
        shown.contains(
            "Scores 3/4 (75.0%, partial: 1 of 9 statements); score out of 100 75 (partial); no rating from scores"
        ),
        "{shown}"
    );
    let json = serde_json::to_value(&page).unwrap();
    assert_eq!(json["partial"], true);
    assert_eq!(json["coverage"]["count"], 1);
    assert_eq!(
        json["coverage"]["statements"][0],
        "partnerships_and_communities"
    );
    assert_eq!(json["derived_band"], serde_json::Value::Null);

    // Its record.
    let record = ScoreRecord::try_from(&page).unwrap();
    assert!(record.is_partial());
    assert_eq!(record.derived_rating(), None);
    assert_eq!(
        record.to_string(),
        "Islington  E09000019  -  -  - - - - 3 - - - -  3/4 (75.0%, partial: 1 of 9 statements)  75/100 partial"
    );
    let json = serde_json::to_value(&record).unwrap();
    assert_eq!(json["partial"], true);
    assert_eq!(json["derived_band"], serde_json::Value::Null);
    assert_eq!(json["partial_band"]["rated"], "good");

    // Against a group: on the one statement it covers, against every council that covers it.
    let published = Cohort::published();
    let vs = published.against_group(&record, &Group::all());
    assert_eq!(vs.basis, partnerships);
    assert_eq!((vs.group_count, vs.left_out), (71, 0)); // Islington's own record left out
    let london =
        published.against_group(&record, &Group::region(cqc_la::authority::Region::London));
    assert!(
        london
            .to_string()
            .starts_with("Islington against London (16 others, partial, on the 1 of 9 statements (Partnerships)): 75.0%"),
        "{london}"
    );

    // No neighbours from one statement, and the table says why.
    let near = published.neighbours(&record, 5);
    assert!(near.rows.is_empty());
    assert_eq!(near.too_few_shared, 71);
    assert!(
        near.to_string().contains(
            "(none: Islington covers 1 of 9 statements (Partnerships); neighbours need at least 5 statements in common)"
        ),
        "{near}"
    );
    assert!(
        published
            .learning_partners(&record, Q::PartnershipsAndCommunities, 5)
            .rows
            .is_empty()
    );

    // In a league table of its own cohort: ranked apart from complete records, marked partial.
    let mut cohort = Cohort::new("page and two");
    cohort.insert(ScoreRecord::new("Camden", [4; 9].map(Score::new)));
    cohort.insert(ScoreRecord::new("Kent", [2; 9].map(Score::new)));
    cohort.insert_assessment(&page).unwrap();
    let table = cohort.league_table();
    let row = table.row("Islington").unwrap();
    assert!(row.is_partial());
    assert_eq!(row.derived, None);
    // On partnerships, among the three: Camden 4, Islington 3, Kent 2.
    assert_eq!(row.standing.to_string(), "2nd of 3");
    let text = table.to_string();
    assert!(
        text.contains("page and two: 2 authorities covering all nine statements"),
        "{text}"
    );
    assert!(text.contains("partial (1 of 9): Good"), "{text}");
    assert!(text.contains("3/4*"), "{text}");
    let mut csv = Vec::new();
    table.write_csv(&mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.lines().any(|l| l.starts_with(
            "2,2,2,3,Islington,E09000019,1,true,3,1,75.0,75,,,partial (1 of 9): Good,"
        )),
        "{csv}"
    );
    let json = serde_json::to_value(&table).unwrap();
    assert_eq!(json["rows"][2]["name"], "Islington");
    assert_eq!(json["rows"][2]["basis"]["count"], 1);
    assert_eq!(json["rows"][2]["derived"], serde_json::Value::Null);

    // The overall distribution leaves it out of the mean and ranks it apart.
    let overall = cohort.distribution(cqc_la::cohort::Subject::Overall);
    assert_eq!(overall.partial, 1);
    assert_eq!(overall.summary.unwrap().count, 2);
    assert!(overall.member("Islington").unwrap().partial);
}

#[test]
fn the_published_cohort_plus_one_section_page_keeps_nine_scores() {
    let Some(text) = corpus_file("islington-partnerships.txt") else {
        return;
    };
    let page = parse(&text);
    let mut cohort = Cohort::published();
    let before = cohort.get("Islington").unwrap().clone();
    let inserted = cohort
        .insert_assessment(&Assessment::new(page.clone()))
        .unwrap();
    assert_eq!(inserted.previous.as_ref(), Some(&before));
    assert!(
        inserted.warnings.is_empty(),
        "the page agrees with the record"
    );
    let now = cohort.get("Islington").unwrap();
    assert!(now.is_complete());
    assert_eq!(now.scores, before.scores);
    assert_eq!(now.rating, Some(Rating::Good));
    assert_eq!(cohort.len(), 72);

    // A page that differs wins where it has a score, with a warning holding both values.
    let mut changed = page;
    let statement = changed
        .statements
        .iter_mut()
        .find(|s| s.statement == Q::PartnershipsAndCommunities)
        .unwrap();
    statement.section.as_mut().unwrap().score = Score::new(4);
    let mut cohort = Cohort::published();
    let inserted = cohort.insert_assessment(&Assessment::new(changed)).unwrap();
    let now = cohort.get("Islington").unwrap();
    assert!(now.is_complete(), "never a replacement by fewer scores");
    assert_eq!(now.score(Q::PartnershipsAndCommunities), Score::new(4));
    assert_eq!(
        now.score(Q::AssessingNeeds),
        Score::new(2),
        "the record's elsewhere"
    );
    assert_eq!(now.overall().total, 27);
    assert_eq!(
        inserted
            .warnings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [
            "the score of Partnerships and communities: 4 in page 1 but 3 in Published assessments (2025-10); both kept, 4 used"
        ]
    );
}

#[test]
fn the_overall_score_is_the_percentage_rounded_up() {
    // Sedgebury (fictional): 25/36 = 69.4 %, printed 70 as CQC does; 69 (rounded down) warns.
    let summary = fixture("summary-page.txt");
    let with = |printed: u8| {
        parse(&summary.replacen("\nGood\n", &format!("\nGood\nScore: {printed}\n"), 1))
    };
    let agrees = with(70);
    assert_eq!(agrees.overall_score, Some(70));
    assert!(
        agrees
            .warnings
            .iter()
            .all(|w| w.kind.id() != "overall_score_mismatch"),
        "{:?}",
        agrees.warnings
    );
    let rounded_down = with(69);
    let warning = rounded_down
        .warnings
        .iter()
        .find(|w| w.kind.id() == "overall_score_mismatch")
        .expect("a printed score that is not the ceiling warns");
    assert_eq!(
        warning.to_string(),
        "the report's overall score 69 does not match its scores (25/36 = 69.4%) (line 7, column 1)"
    );

    // Shown beside the printed one: the assessment, the record, the comparison, the league table.
    let a = Assessment::new(rounded_down);
    assert_eq!((a.printed_score(), a.out_of_100()), (Some(69), Some(70)));
    let record = ScoreRecord::try_from(&a).unwrap();
    assert_eq!(record.printed_score, Some(69));
    assert!(
        record
            .to_string()
            .ends_with("25/36 (69.4%)  70/100  printed 69"),
        "{record}"
    );
    let c = compare(&a, &Assessment::new(with(70)));
    assert!(
        c.to_string()
            .contains("Overall score out of 100    70, printed 69 (differs)   70, printed 70"),
        "{c}"
    );
    let mut cohort = Cohort::new("fictional");
    cohort.insert(record);
    let table = cohort.league_table();
    let text = table.to_string();
    assert!(text.contains("Printed"), "{text}");
    assert!(text.contains("69 (!)"), "{text}");
    let mut csv = Vec::new();
    table.write_csv(&mut csv).unwrap();
    assert!(
        String::from_utf8(csv)
            .unwrap()
            .contains(",Sedgebury Borough Council,,9,false,25,9,69.4,70,69,Good,Good,"),
    );
}
