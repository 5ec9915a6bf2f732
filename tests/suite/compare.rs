//! `compare` on the example reports and the corpus.

use cqc_la::compare::Unscored;
use cqc_la::{Assessment, QualityStatement as Q, Rating, Theme, compare};

use super::util::{corpus_file, parse};

fn example(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/reports")
        .join(name);
    std::fs::read_to_string(path).expect("example report")
}

#[test]
fn example_reports_side_by_side() {
    let a = Assessment::new(parse(&example("northmere.txt")));
    let b = Assessment::new(parse(&example("south-fenwick.txt")));
    let c = compare(&a, &b);
    assert_eq!(c.a.rating, Some(Rating::Good));
    assert_eq!(c.b.rating, Some(Rating::RequiresImprovement));
    assert_eq!((c.a.overall.total, c.b.overall.total), (26, 21));
    let points = c.points.expect("both scored");
    assert!((points - 500.0 / 36.0).abs() < 1e-9, "{points}");
    let deltas: Vec<i8> = c.statements.iter().map(|s| s.delta.unwrap()).collect();
    assert_eq!(deltas, [1, 1, -1, 1, 0, 1, 1, 1, 0]);
    assert_eq!(c.b_ahead, [Q::EquityInExperienceAndOutcomes]);
    assert_eq!(c.a_ahead.len(), 6);
    let safety = c
        .themes
        .iter()
        .find(|t| t.theme == Theme::EnsuringSafety)
        .unwrap();
    assert_eq!(
        (safety.a_mean, safety.b_mean, safety.delta),
        (Some(3.0), Some(2.0), Some(1.0))
    );
    let text = c.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[3],
        "Rating (from scores)        Good                             Requires improvement"
    );
    assert_eq!(
        lines[4],
        "Statements covered          9/9                              9/9"
    );
    assert_eq!(
        lines[6],
        "Overall score out of 100    73                               59"
    );
    assert_eq!(lines[7], "Difference                  +13.9 points");
    assert!(c.shared.is_complete());
    assert!(!c.a.partial && !c.b.partial);
    assert_eq!((c.a.out_of_100, c.b.out_of_100), (Some(73), Some(59)));
    assert!(lines.contains(&"Equity in experience and outcomes             2    3     -1"));
    assert!(text.ends_with("B = London Borough of South Fenwick: ahead on Equity"));
    assert!(
        lines.iter().all(|l| !l.ends_with(' ')),
        "no trailing spaces"
    );

    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["a"]["authority"], "Northmere County Council");
    assert_eq!(json["b"]["rating"], "requires_improvement");
    assert_eq!(
        json["statements"][2]["statement"],
        "equity_in_experience_and_outcomes"
    );
    assert_eq!(json["statements"][2]["delta"], -1);
    assert_eq!(json["b_ahead"][0], "equity_in_experience_and_outcomes");
}

#[test]
fn full_report_against_a_section_page() {
    let (Some(full), Some(page)) = (
        corpus_file("camden-full-report.txt"),
        corpus_file("islington-partnerships.txt"),
    ) else {
        return;
    };
    let c = compare(
        &Assessment::new(parse(&full)),
        &Assessment::new(parse(&page)),
    );
    assert_eq!(c.a.authority.as_deref(), Some("London Borough of Camden"));
    assert_eq!(c.b.authority.as_deref(), Some("Islington Council"));
    assert_eq!(c.statements.len(), 9);
    let partnerships = c.statement(Q::PartnershipsAndCommunities).unwrap();
    assert_eq!((partnerships.delta, partnerships.unscored), (Some(1), None));
    let safeguarding = c.statement(Q::Safeguarding).unwrap();
    assert_eq!(
        (safeguarding.delta, safeguarding.unscored),
        (None, Some(Unscored::B))
    );
    assert_eq!(c.a_ahead, [Q::PartnershipsAndCommunities]);
    assert!(c.b_ahead.is_empty());
    assert_eq!(c.b.overall.total, 3);
    // One page is partial: no rating from one score, and the difference is on the one
    // statement both cover (4 against 3: 100 % against 75 %), said so.
    assert!(c.b.partial && !c.a.partial);
    assert_eq!(c.b.coverage.count(), 1);
    assert_eq!(c.b.derived, None);
    assert_eq!(c.b.partial_band, Some(cqc_la::Band::Rated(Rating::Good)));
    assert_eq!(c.shared.count(), 1);
    let points = c.points.unwrap();
    assert!((points - 25.0).abs() < 1e-9, "{points}");
    let text = c.to_string();
    assert!(
        text.contains("Rating (from scores)        Outstanding"),
        "{text}"
    );
    assert!(text.contains("none: partial (1 of 9)"), "{text}");
    assert!(
        text.contains("+25.0 points on the 1 of 9 statements (Partnerships) both cover"),
        "{text}"
    );
    assert!(text.contains("75 (partial)"), "{text}");
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["b"]["partial"], true);
    assert_eq!(json["b"]["derived"], serde_json::Value::Null);
    assert_eq!(json["b"]["coverage"]["count"], 1);
    assert_eq!(json["a"]["out_of_100"], 89);
}
