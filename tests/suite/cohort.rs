//! Cohort benchmarking on hand-built cohorts (ties, missing scores) with exact expected values,
//! and on the embedded published cohort.

use cqc_la::authority::{AuthorityKind, Region};
use cqc_la::cohort::{
    CsvError, Group, LeagueTable, MetricObservation, MetricTables, Neighbours, Quartile,
    ScoreRecord, Standing,
};
use cqc_la::metrics::{Polarity, Verdict};
use cqc_la::{Assessment, Cohort, QualityStatement, Rating, Score, Theme};

fn scores(values: [u8; 9]) -> [Option<Score>; 9] {
    values.map(Score::new)
}

/// Camden 100 %, Islington 75 %, Kent 75 %, Wirral 75 % over eight statements (learning
/// unknown), Leeds 50 %, Essex with no scores.
fn hand_built() -> Cohort {
    let mut wirral = scores([3; 9]);
    wirral[8] = None;
    Cohort::from_records(
        "hand-built",
        [
            ScoreRecord::new("Camden", scores([4; 9])),
            ScoreRecord::new("Islington Council", scores([3; 9])),
            ScoreRecord::new("Kent County Council", scores([3; 9])),
            ScoreRecord::new("Metropolitan Borough of Wirral", wirral),
            ScoreRecord::new("Leeds City Council", scores([2; 9])),
            ScoreRecord::new("Essex County Council", [None; 9]),
        ],
    )
}

#[track_caller]
fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn league_table_ranks_ties_honestly() {
    let table = hand_built().league_table();
    let names: Vec<&str> = table.rows.iter().map(|r| r.name.as_str()).collect();
    // The complete rows first; Wirral (eight statements) after them, ranked on its own.
    assert_eq!(names, ["Camden", "Islington", "Kent", "Leeds", "Wirral"]);
    assert_eq!(table.unranked, ["Essex"]);

    let camden = table.row("Camden").unwrap().standing;
    assert_eq!(
        (
            camden.rank,
            camden.last,
            camden.of,
            camden.tied,
            camden.worse
        ),
        (1, 1, 4, 1, 3)
    );
    assert_eq!(camden.to_string(), "1st of 4");
    close(camden.percentile, 87.5); // (3 + 0.5) / 4
    assert_eq!(camden.quartile, Quartile::Top);

    for name in ["Islington", "Kent"] {
        let s = table.row(name).unwrap().standing;
        assert_eq!((s.rank, s.last, s.tied, s.worse), (2, 3, 2, 1), "{name}");
        assert_eq!(s.to_string(), "joint 2nd-3rd of 4");
        assert_eq!(s.position(), "=2-3");
        close(s.percentile, 50.0); // (1 + 0.5 * 2) / 4
        assert_eq!(s.quartile, Quartile::UpperMiddle);
    }
    // Wirral covers eight statements: ranked on them among the five records that cover them,
    // each on those eight (Camden 100 %, Islington, Kent and Wirral 75 %, Leeds 50 %).
    let wirral = table.row("Wirral").unwrap();
    assert!(!wirral.is_complete() && wirral.is_partial());
    assert_eq!(wirral.basis.count(), 8);
    assert_eq!((wirral.overall.total, wirral.overall.scored), (24, 8));
    let s = wirral.standing;
    assert_eq!((s.rank, s.last, s.tied, s.worse), (2, 4, 3, 1));
    assert_eq!(s.to_string(), "joint 2nd-4th of 5");
    close(s.percentile, 50.0); // (1 + 0.5 * 3) / 5
    assert_eq!(
        wirral.derived, None,
        "a band of eight statements is not a rating"
    );
    assert_eq!(wirral.partial_band, Some(cqc_la::Band::Rated(Rating::Good)));
    assert_eq!(wirral.derived_text(), "partial (8 of 9): Good");
    assert_eq!(wirral.out_of_100, Some(75));

    let leeds = table.row("Leeds").unwrap().standing;
    assert_eq!(leeds.to_string(), "4th of 4");
    close(leeds.percentile, 12.5);
    assert_eq!(leeds.quartile, Quartile::Bottom);

    let text = table.to_string();
    assert!(text.contains("=2-3"), "{text}");
    assert!(text.contains("=2-4"), "{text}");
    assert!(text.contains("24/32*"), "{text}");
    assert!(
        text.contains(
            "Partial: covering 8 of 9 statements (all but Learning); ranked on these statements among the 5 records that cover them"
        ),
        "{text}"
    );
    assert!(text.contains("partial (8 of 9): Good"), "{text}");
    assert!(text.contains("Not ranked (no scores): Essex"), "{text}");
}

#[test]
fn standings_of_raw_values() {
    let s = Standing::rank(&[Some(2.0), Some(2.0), Some(1.0), Some(3.0), None, Some(2.0)]);
    let got: Vec<Option<(usize, usize)>> = s.iter().map(|x| x.map(|x| (x.rank, x.last))).collect();
    assert_eq!(
        got,
        [
            Some((2, 4)),
            Some((2, 4)),
            Some((5, 5)),
            Some((1, 1)),
            None,
            Some((2, 4))
        ]
    );
    close(s[0].unwrap().percentile, 50.0); // (1 + 1.5) / 5
    close(s[2].unwrap().percentile, 10.0);
    close(s[3].unwrap().percentile, 90.0);
    assert!(Standing::rank(&[]).is_empty());
    assert_eq!(Standing::rank(&[Some(f64::NAN)]), [None]);
}

#[test]
fn statement_distribution_with_missing_scores() {
    let d = hand_built().distribution(QualityStatement::LearningImprovementAndInnovation);
    assert_eq!(d.counts, [0, 1, 2, 1]);
    assert_eq!(d.missing, 2); // Wirral's unknown score and Essex
    close(d.mean.unwrap(), 3.0);
    let s = d.summary.unwrap();
    assert_eq!(
        (s.min, s.lower_quartile, s.median, s.upper_quartile, s.max),
        (2.0, 2.75, 3.0, 3.25, 4.0)
    );
    let camden = d.member("Camden").unwrap().standing.unwrap();
    assert_eq!(camden.to_string(), "1st of 4");
    close(camden.percentile, 87.5);
    let kent = d.member("Kent").unwrap().standing.unwrap();
    assert_eq!(kent.to_string(), "joint 2nd-3rd of 4");
    close(kent.percentile, 50.0);
    assert!(d.member("Wirral").unwrap().standing.is_none());
    close(
        d.member("Leeds").unwrap().standing.unwrap().percentile,
        12.5,
    );
}

#[test]
fn theme_distribution_pools_statements() {
    let d = hand_built().distribution(Theme::Leadership);
    // Governance: 4, 3, 3, 3, 2; learning: 4, 3, 3, -, 2.
    assert_eq!(d.counts, [0, 2, 5, 2]);
    assert_eq!(d.missing, 1); // Essex; Wirral has a theme mean from governance alone
    close(d.member("Wirral").unwrap().value.unwrap(), 3.0);
    close(d.mean.unwrap(), 3.0);
    let all = hand_built().distributions();
    assert_eq!(all.items.len(), 13);
    assert!(all.to_string().contains("Theme 4: Leadership"));
}

#[test]
fn groups_keep_shown_and_reference_apart() {
    let cohort = hand_built();
    let london = cohort.group_summary(&Group::region(Region::London));
    assert_eq!(london.count, 2);
    close(london.percent.unwrap().mean, 87.5);

    // Camden against London: only Islington feeds the average.
    let camden = cohort.get("Camden").unwrap();
    let vs = cohort.against_group(camden, &Group::region(Region::London));
    assert_eq!(vs.group_count, 1);
    close(vs.group_mean.unwrap(), 75.0);
    assert_eq!(vs.standing.unwrap().to_string(), "1st of 2");
    let safeguarding = &vs.statements[QualityStatement::Safeguarding.index()];
    close(safeguarding.group_mean.unwrap(), 3.0);

    // A group with missing scores: Wirral (8 statements), Leeds, Essex (none). Wirral's
    // percentage over eight statements is partial: never pooled with complete ones.
    let mixed = Group::named("Mixed", ["Wirral", "Leeds", "Essex"]).unwrap();
    let summary = cohort.group_summary(&mixed);
    assert_eq!(summary.count, 3);
    assert_eq!(summary.partial, 1);
    let percent = summary.percent.unwrap();
    assert_eq!(percent.count, 1);
    close(percent.mean, 50.0);
    close(percent.median, 50.0);
    let learning = summary.statements[8].1.unwrap();
    assert_eq!(learning.count, 1);
    close(learning.mean, 2.0);

    // Show London against the mixed group: on all nine statements, only Leeds covers them.
    let cmp = cohort.compare_groups(&Group::region(Region::London), &mixed);
    assert_eq!(cmp.rows.len(), 2);
    assert_eq!(cmp.rows[1].name, "Islington");
    assert_eq!(cmp.rows[1].standing.unwrap().to_string(), "1st of 2");
    close(cmp.rows[1].group_mean.unwrap(), 50.0);
    assert_eq!((cmp.rows[1].group_count, cmp.rows[1].left_out), (1, 2));
    assert!(cmp.rows[1].basis.is_complete());
    // Wirral against the mixed group: on its eight statements, Leeds covers them too.
    let wirral = cohort.get("Wirral").unwrap();
    let vs = cohort.against_group(wirral, &mixed);
    assert_eq!(vs.basis.count(), 8);
    assert_eq!((vs.group_count, vs.left_out), (1, 1)); // Leeds; Essex left out
    close(vs.percent.unwrap(), 75.0);
    close(vs.group_mean.unwrap(), 50.0);
    assert_eq!(vs.standing.unwrap().to_string(), "1st of 2");
    let text = vs.to_string();
    assert!(
        text.starts_with(
            "Wirral against Mixed (1 others, partial, on the 8 of 9 statements (all but Learning)): 75.0%"
        ),
        "{text}"
    );

    // Kinds.
    let counties = cohort.subset(&Group::kind(AuthorityKind::County));
    assert_eq!(counties.len(), 2); // Kent, Essex
}

#[test]
fn named_groups_from_csv() {
    let csv =
        "group,authority\nNorth,Leeds\nNorth,Wirral\nSouth,Kent County Council\nNorth,Leeds\n";
    let groups = Group::load_csv(csv.as_bytes()).unwrap();
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].name, "North");
    assert_eq!(hand_built().subset(&groups[0]).len(), 2);
    let err = Group::load_csv("name,authority\nX,Kent\n".as_bytes()).unwrap_err();
    assert_eq!(err.to_string(), "the header has no 'group' column");
    let err = Group::load_csv("group,authority\nX,Kent\nX,Narnia\n".as_bytes()).unwrap_err();
    assert_eq!(err.line(), Some(3));
    assert!(Group::named("bad", ["Kent", "Narnia"]).is_err());
}

#[test]
fn neighbours_by_scores() {
    let cohort = hand_built();
    let islington = cohort.get("Islington").unwrap();
    let near = cohort.neighbours(islington, 10);
    let got: Vec<(&str, f64, usize)> = near
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.distance, r.shared))
        .collect();
    assert_eq!(
        got,
        [
            ("Kent", 0.0, 9),
            ("Wirral", 0.0, 8),
            ("Camden", 3.0, 9),
            ("Leeds", 3.0, 9)
        ]
    );

    // Wirral against Camden: one point apart on the eight shared statements, scaled to nine.
    let wirral = cohort.get("Wirral").unwrap();
    let camden_row = cohort
        .neighbours(wirral, 10)
        .rows
        .into_iter()
        .find(|r| r.name == "Camden")
        .unwrap();
    close(camden_row.distance, 3.0);
    assert_eq!(camden_row.shared, 8);

    let leeds = cohort.get("Leeds").unwrap();
    let partners =
        cohort.learning_partners(leeds, QualityStatement::LearningImprovementAndInnovation, 5);
    let got: Vec<(&str, u8)> = partners
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.score.unwrap().get()))
        .collect();
    assert_eq!(got, [("Islington", 3), ("Kent", 3), ("Camden", 4)]);
    assert_eq!(partners.target_score, Score::new(2));
    // Nobody scored higher than Camden; Wirral has no learning score.
    let camden = cohort.get("Camden").unwrap();
    assert!(
        cohort
            .learning_partners(camden, QualityStatement::Safeguarding, 5)
            .rows
            .is_empty()
    );
    assert!(
        cohort
            .learning_partners(
                wirral,
                QualityStatement::LearningImprovementAndInnovation,
                5
            )
            .rows
            .is_empty()
    );
    assert!(partners.to_string().contains("Learning partners for Leeds"));
}

#[test]
fn metric_statistics_and_neighbours() {
    let mut cohort = hand_built();
    let observations = [
        ("Camden", [60.0, 10.0, 1.0, 5.0, 7.0, 3.0]),
        ("Islington", [70.0, 20.0, 2.0, 6.0, 8.0, 4.0]),
        ("Kent", [80.0, 30.0, 3.0, 7.0, 9.0, 5.0]),
        ("Leeds", [80.0, 40.0, 4.0, 9.0, 1.0, 6.0]),
    ];
    for (who, values) in observations {
        for (i, v) in values.into_iter().enumerate() {
            let polarity = if i == 1 {
                Polarity::LowerIsBetter
            } else {
                Polarity::HigherIsBetter
            };
            let mut o = MetricObservation::new(who, format!("m{i}"), format!("Measure {i}"), v)
                .with_england(50.0)
                .with_polarity(polarity);
            if i == 0 {
                o = o.with_verdict(if v > 65.0 {
                    Verdict::Better
                } else {
                    Verdict::Worse
                });
            }
            cohort.add_metrics([o]);
        }
    }
    // A second citation of the same measure by Camden is ignored.
    cohort.add_metrics([MetricObservation::new("Camden", "m0", "Measure 0", 99.0)]);
    // A local figure with no England value: in the tables, not in the spine chart.
    cohort.add_metrics([MetricObservation::new(
        "Camden",
        "waiting",
        "People waiting",
        642.0,
    )]);

    let tables = cohort.metric_tables();
    assert_eq!(tables.tables.len(), 7);
    let m0 = tables.table("m0").unwrap();
    assert_eq!(m0.rows.len(), 4);
    close(m0.summary.median, 75.0);
    close(m0.summary.lower_quartile, 67.5);
    close(m0.summary.upper_quartile, 80.0);
    assert_eq!(m0.england, Some(50.0));
    let camden = m0.row("Camden").unwrap();
    assert_eq!(camden.vs_england, Some(10.0));
    close(camden.vs_median, -15.0);
    assert_eq!(camden.standing.unwrap().to_string(), "4th of 4");
    assert_eq!(
        m0.row("Kent").unwrap().standing.unwrap().to_string(),
        "joint 1st-2nd of 4"
    );
    // Lower is better: Camden's 10 is best.
    let m1 = tables.table("m1").unwrap();
    assert_eq!(m1.row("Camden").unwrap().standing.unwrap().rank, 1);

    let mut out = Vec::new();
    tables.write_csv(&mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 1 + 25);
    assert!(
        text.lines()
            .nth(1)
            .unwrap()
            .starts_with("m0,Measure 0,Camden,E09000007,60,50,10,75,-15,67.5,80,4,12.5,worse"),
        "{text}"
    );

    let chart = tables.spine_chart("London Borough of Camden").unwrap();
    assert_eq!(chart.authority, "Camden");
    assert_eq!(chart.rows.len(), 6);
    let svg = chart.to_svg();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(tables.spine_chart("Essex").is_none());

    // Metric neighbours: six shared measures for the four authorities.
    let islington = cohort.get("Islington").unwrap().clone();
    let near = cohort.metric_neighbours(&islington, 5);
    assert_eq!(near.rows.len(), 3);
    assert!(near.rows.iter().all(|r| r.shared == 6));
    assert!(near.rows.windows(2).all(|w| w[0].distance <= w[1].distance));
    // Fewer than five shared measures: no metric neighbours.
    let mut few = Cohort::new("few");
    for (who, v) in [("Camden", 1.0), ("Kent", 2.0), ("Leeds", 3.0)] {
        few.insert(ScoreRecord::new(who, [None; 9]));
        few.add_metrics([MetricObservation::new(who, "m", "m", v)]);
    }
    let camden = few.get("Camden").unwrap().clone();
    assert!(few.metric_neighbours(&camden, 5).rows.is_empty());
}

#[test]
fn published_cohort_reproduces_every_complete_rating() {
    let cohort = Cohort::published();
    assert_eq!(cohort.len(), 72);
    let mut complete = 0;
    for m in &cohort.members {
        let published = m.rating.expect("every row has a rating");
        if m.is_complete() {
            complete += 1;
            assert_eq!(m.derived_rating(), Some(published), "{}", m.name);
        }
    }
    assert_eq!(complete, 71);
    let table = cohort.league_table();
    assert_eq!(table.rows.len(), 72);
    assert!(table.rows.iter().all(|r| r.rating_agrees() == Some(true)));
    let counts = |r| {
        cohort
            .members
            .iter()
            .filter(|m| m.rating == Some(r))
            .count()
    };
    assert_eq!(Rating::ALL.map(counts), [1, 21, 48, 2]);
}

#[test]
fn warrington_keeps_its_unknown_score() {
    let cohort = Cohort::published();
    let warrington = cohort.get("Warrington Borough Council").unwrap();
    assert_eq!(
        warrington.score(QualityStatement::CareProvisionIntegrationAndContinuity),
        None
    );
    assert_eq!(
        (warrington.overall().total, warrington.overall().scored),
        (17, 8)
    );
    let row = cohort.league_table().row("Warrington").cloned().unwrap();
    close(row.percent, 53.125);
    assert!(!row.is_complete());
    // Eight statements give no rating, only where they stand.
    assert_eq!(row.derived, None);
    assert_eq!(
        row.partial_band,
        Some(cqc_la::Band::Rated(Rating::RequiresImprovement))
    );
    assert_eq!(row.rating_agrees(), Some(true));
    assert_eq!(warrington.derived_rating(), None);
    assert_eq!(warrington.out_of_100(), Some(54));
    // Ranked on its eight statements among the 72 records covering them, each on those eight.
    assert_eq!(row.standing.to_string(), "joint 65th-69th of 72");
    assert_eq!(row.basis.count(), 8);
    let d = cohort.distribution(QualityStatement::CareProvisionIntegrationAndContinuity);
    assert_eq!(d.missing, 1);
    assert_eq!(d.counts.iter().sum::<usize>(), 71);
}

#[test]
fn published_league_table_positions() {
    let table = Cohort::published().league_table();
    let at = |name: &str| table.row(name).unwrap().standing.to_string();
    // The 71 complete records are ranked among themselves; Warrington apart (eight statements).
    assert_eq!(at("London Borough of Camden"), "joint 1st-2nd of 71");
    assert_eq!(
        at("Royal Borough of Kensington and Chelsea"),
        "joint 1st-2nd of 71"
    );
    assert_eq!(at("Wokingham"), "3rd of 71");
    assert_eq!(at("Westminster City Council"), "joint 5th-10th of 71");
    assert_eq!(at("Islington Council"), "joint 11th-15th of 71");
    assert_eq!(at("Blackpool"), "71st of 71");
    assert_eq!(table.rows[0].standing.rank, 1);
    assert_eq!(table.complete().len(), 71);
    assert_eq!(table.rows[71].name, "Warrington");

    // The overall score out of 100 as CQC prints it: the percentage rounded up.
    let score = |name: &str| table.row(name).unwrap().out_of_100;
    assert_eq!(score("Camden"), Some(89)); // 88.9
    assert_eq!(score("Islington"), Some(73)); // 72.2
    assert_eq!(score("Westminster"), Some(75));

    let mut out = Vec::new();
    table.write_csv(&mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "position,rank,last,of,authority,ons_code,covered,partial,total,scored,percent,out_of_100,printed_score,published_rating,derived_rating,percentile,quartile,\
assessing_needs,healthier_lives,equity,care_provision,partnerships,safe_pathways,safeguarding,governance,learning"
    );
    assert_eq!(
        lines.next().unwrap(),
        "1-2,1,2,71,Camden,E09000007,9,false,32,9,88.9,89,,Outstanding,Outstanding,98.6,top,3,3,4,3,4,4,3,4,4"
    );
    assert_eq!(text.lines().count(), 73);
    assert!(text.contains(
        "65-69,65,69,72,Warrington,E06000007,8,true,17,8,53.1,54,,Requires improvement,partial (8 of 9): Requires improvement,"
    ));
    assert!(text.contains(",2,3,2,,3,2,1,2,2\n"));
}

#[test]
fn loading_csv_reports_lines() {
    let header = "authority,overall_rating,published,assessing_needs,healthier_lives,equity,care_provision,partnerships,safe_pathways,safeguarding,governance,learning\n";
    let ok =
        format!("{header}Camden,Outstanding,2025-02,3,3,4,3,4,4,3,4,4\nNowhere,,, , ,,,,,,,\n");
    let cohort = Cohort::from_csv_reader("mine", ok.as_bytes()).unwrap();
    assert_eq!(cohort.len(), 2);
    let nowhere = cohort.get("Nowhere").unwrap();
    assert_eq!(nowhere.authority, None);
    assert_eq!(nowhere.scores, [None; 9]);
    assert_eq!(nowhere.rating, None);

    let bad_month = format!("{header}Camden,Outstanding,Feb 2025,3,3,4,3,4,4,3,4,4\n");
    let err = Cohort::from_csv_reader("x", bad_month.as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 2: expected a month as YYYY-MM in column 'published', found 'Feb 2025'"
    );
    let bad_rating = format!("{header}Camden,Excellent,2025-02,3,3,4,3,4,4,3,4,4\n");
    let err = Cohort::from_csv_reader("x", bad_rating.as_bytes()).unwrap_err();
    assert_eq!(err.line(), Some(2));
    let short = format!("{header}Camden,Outstanding,2025-02,3,3\n");
    let err = Cohort::from_csv_reader("x", short.as_bytes()).unwrap_err();
    assert_eq!(err.line(), Some(2), "{err}");
    let err =
        Cohort::from_csv_reader("x", "authority,rating\nCamden,Good\n".as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the header has no 'assessing_needs' column"
    );
    let err = Cohort::from_csv_path("/nonexistent/scores.csv").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("cannot read '/nonexistent/scores.csv': "),
        "{err}"
    );

    // The embedded file loads from a path to the same cohort.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/published-scores.csv");
    let from_path = Cohort::from_csv_path(&path).unwrap();
    assert_eq!(from_path.members, Cohort::published().members);
}

#[test]
fn inserting_a_report_replaces_the_same_authority() {
    let mut cohort = Cohort::published();
    let newer = ScoreRecord::new("Camden", scores([4; 9])).with_rating(Rating::Outstanding);
    let old = cohort.insert(newer).unwrap();
    assert_eq!(old.overall().total, 32);
    assert_eq!(cohort.len(), 72);
    // Ranked among the 71 complete records (Warrington's eight are ranked apart).
    assert_eq!(
        cohort
            .league_table()
            .row("Camden")
            .unwrap()
            .standing
            .to_string(),
        "1st of 71"
    );
}

#[test]
fn published_neighbours_and_groups() {
    let cohort = Cohort::published();
    let camden = cohort.get("Camden").unwrap();
    let near = cohort.neighbours(camden, 3);
    assert_eq!(near.rows.len(), 3);
    assert_eq!(near.rows[0].name, "Wokingham"); // 0 0 1 0 0 1 0 1 0 apart: sqrt(3)
    close(near.rows[0].distance, 3f64.sqrt());

    let london = cohort.group_summary(&Group::region(Region::London));
    assert_eq!(london.count, 17);
    let table = cohort.group_table(&Group::regions());
    assert_eq!(table.groups.iter().map(|g| g.count).sum::<usize>(), 72);
}

#[cfg(feature = "serde")]
#[test]
fn json() {
    let table = hand_built().league_table();
    let json = serde_json::to_value(&table).unwrap();
    assert_eq!(json["rows"][0]["name"], "Camden");
    assert_eq!(json["rows"][1]["standing"]["last"], 3);
    assert_eq!(json["rows"][4]["name"], "Wirral");
    assert_eq!(json["rows"][4]["scores"][8], serde_json::Value::Null);
    assert_eq!(json["rows"][4]["basis"]["count"], 8);
    assert_eq!(json["rows"][4]["derived"], serde_json::Value::Null);
    assert_eq!(json["rows"][4]["partial_band"]["rated"], "good");
    assert_eq!(json["rows"][0]["out_of_100"], 100);
    let record = serde_json::to_value(hand_built().get("Camden").unwrap()).unwrap();
    assert_eq!(record["authority"]["ons_code"], "E09000007");
    assert_eq!(record["authority"]["kind"], "london_borough");
}

#[test]
fn types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Cohort>();
    check::<LeagueTable>();
    check::<Neighbours>();
    check::<MetricTables>();
    check::<CsvError>();
    check::<cqc_la::authority::UnknownAuthority>();
}

proptest::proptest! {
    #[test]
    fn loading_arbitrary_csv_never_panics(text in "\\PC{0,200}") {
        let _ = Cohort::from_csv_reader("x", text.as_bytes());
        let _ = Group::load_csv(text.as_bytes());
        let _ = MetricObservation::read_csv(text.as_bytes());
    }

    #[test]
    fn hand_built_cohorts_rank_every_scored_member(
        rows in proptest::collection::vec(proptest::collection::vec(proptest::option::of(1u8..=4), 9), 0..40)
    ) {
        let cohort = Cohort::from_records("p", rows.iter().enumerate().map(|(i, r)| {
            let mut scores = [None; 9];
            for (slot, v) in scores.iter_mut().zip(r) {
                *slot = v.and_then(Score::new);
            }
            ScoreRecord::new(format!("Fictional {i}"), scores)
        }));
        let table = cohort.league_table();
        proptest::prop_assert_eq!(table.rows.len() + table.unranked.len(), rows.len());
        // Best first within each group of rows covering the same statements; complete first.
        proptest::prop_assert!(table
            .rows
            .windows(2)
            .all(|w| w[0].basis != w[1].basis || w[0].percent >= w[1].percent));
        proptest::prop_assert!(table.rows.windows(2).all(|w| w[0].is_complete() || !w[1].is_complete()));
        // Every row is ranked among the records covering its statements, each on them.
        for row in &table.rows {
            let covering = cohort
                .members
                .iter()
                .filter(|m| m.coverage().covers(row.basis))
                .count();
            proptest::prop_assert_eq!(row.standing.of, covering);
        }
        let _ = table.to_string();
        let _ = table.heat_map_svg();
        let _ = cohort.distributions().to_string();
        if let Some(first) = cohort.members.first() {
            let _ = cohort.neighbours(first, 3).to_string();
            let _ = cohort.learning_partners(first, QualityStatement::Safeguarding, 3);
            let vs = cohort.against_group(first, &Group::all());
            let _ = vs.to_string();
            // Against a naive computation: the percentages of the others covering its
            // statements, on those statements, plus its own, ranked.
            let basis = first.coverage();
            let on_basis = |m: &ScoreRecord| {
                let o = m.overall_on(basis)?;
                (o.scored > 0).then(|| o.percent())
            };
            let mut values: Vec<Option<f64>> = cohort.members[1..]
                .iter()
                .filter_map(|m| on_basis(m).map(Some))
                .collect();
            proptest::prop_assert_eq!(vs.group_count, values.len());
            proptest::prop_assert_eq!(vs.group_count + vs.left_out, cohort.members.len() - 1);
            if first.overall().scored > 0 {
                values.push(on_basis(first));
                let naive = Standing::rank(&values).pop().flatten();
                proptest::prop_assert_eq!(vs.standing, naive);
            } else {
                proptest::prop_assert_eq!(vs.standing, None);
            }
        }
    }
}

fn example_report(name: &str) -> Assessment {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/reports")
        .join(name);
    Assessment::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[track_caller]
fn observation<'a>(observations: &'a [MetricObservation], measure: &str) -> &'a MetricObservation {
    observations
        .iter()
        .find(|o| o.measure == measure)
        .unwrap_or_else(|| panic!("no {measure}"))
}

#[test]
fn metrics_of_parsed_reports_feed_the_cohort() {
    let northmere = example_report("northmere.txt");
    let south_fenwick = example_report("south-fenwick.txt");
    let observations = MetricObservation::from_assessment(&northmere).unwrap();
    assert!(
        observations
            .iter()
            .all(|o| o.authority == "Northmere County Council" && o.ons_code.is_none())
    );
    let safe = observation(&observations, "ascs_feel_safe");
    assert_eq!((safe.value, safe.england), (72.5, Some(71.1)));
    assert_eq!(
        (safe.polarity, safe.verdict),
        (Polarity::HigherIsBetter, Some(Verdict::Similar))
    );
    let turnover = observation(&observations, "sfc_staff_turnover");
    assert_eq!((turnover.value, turnover.england), (0.22, Some(0.25)));
    assert_eq!(
        (turnover.polarity, turnover.verdict),
        (Polarity::LowerIsBetter, Some(Verdict::Better))
    );

    let mut cohort = Cohort::new("two fictional councils");
    assert!(
        cohort
            .insert_assessment(&northmere)
            .unwrap()
            .previous
            .is_none()
    );
    cohort.insert_assessment(&south_fenwick).unwrap();
    let count = cohort.metrics.len();
    // Inserting a report again replaces its observations rather than adding to them.
    assert!(
        cohort
            .insert_assessment(&northmere)
            .unwrap()
            .previous
            .is_some()
    );
    assert_eq!(cohort.metrics.len(), count);
    assert_eq!(cohort.len(), 2);

    let tables = cohort.metric_tables();
    let safe = tables.table("ascs_feel_safe").unwrap();
    assert_eq!(safe.rows.len(), 2);
    close(safe.summary.median, 69.35); // 72.5 and 66.2
    let row = safe.row("Northmere County Council").unwrap();
    close(row.vs_median, 3.15);
    close(row.vs_england.unwrap(), 1.4);
    assert_eq!(row.standing.unwrap().to_string(), "1st of 2");
    let turnover = tables.table("sfc_staff_turnover").unwrap();
    assert_eq!(
        turnover
            .row("Northmere County Council")
            .unwrap()
            .standing
            .unwrap()
            .rank,
        1
    );

    let chart = tables.spine_chart("Northmere County Council").unwrap();
    assert!(
        chart
            .rows
            .iter()
            .all(|r| r.polarity != Polarity::NoJudgement)
    );
    assert!(chart.rows.iter().any(|r| r.measure == "sfc_staff_turnover"));
    assert!(!chart.rows.iter().any(|r| r.measure.starts_with("demo_")));
}

#[test]
fn camden_metrics_resolve_and_chart() {
    let Some(text) = super::util::corpus_file("camden-full-report.txt") else {
        return;
    };
    let report = Assessment::parse(&text).unwrap();
    let observations = MetricObservation::from_assessment(&report).unwrap();
    assert!(
        observations
            .iter()
            .all(|o| o.ons_code.as_deref() == Some("E09000007"))
    );
    let safe = observation(&observations, "ascs_feel_safe");
    assert_eq!(
        (safe.value, safe.england, safe.verdict),
        (63.93, Some(71.06), Some(Verdict::Worse))
    );
    let turnover = observation(&observations, "sfc_staff_turnover");
    assert_eq!(
        (turnover.value, turnover.england, turnover.verdict),
        (0.1, Some(0.25), Some(Verdict::Better))
    );

    let mut cohort = Cohort::published();
    cohort.insert_assessment(&report).unwrap();
    assert_eq!(cohort.len(), 72);
    let chart = cohort.metric_tables().spine_chart("Camden").unwrap();
    assert!(chart.rows.len() >= 25, "{chart}");
    let svg = chart.to_svg();
    assert!(
        svg.contains("Users who feel safe") || svg.contains("feel safe"),
        "{svg}"
    );
}
