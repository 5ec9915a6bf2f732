//! The serde form the `parse` example prints.

use super::util::{fixture, parse};

#[test]
fn report_json_has_the_documented_fields() {
    let report = parse(&fixture("summary-section-disagree.txt"));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["authority"], "Greyhurst Borough Council");
    assert_eq!(json["published"], "2024-11-06");
    assert_eq!(json["rating"], "good");
    assert!(json["overall_score"].is_null());
    let statements = json["statements"].as_array().unwrap();
    assert_eq!(statements.len(), 9);
    assert_eq!(
        statements[5]["statement"],
        "safe_pathways_systems_and_transitions"
    );
    assert_eq!(statements[5]["score"], 2, "the section's score wins");
    assert_eq!(statements[5]["listed"]["score"], 3);
    assert_eq!(statements[0]["statement"], "assessing_needs");
    assert!(statements[0]["section"].is_null());
    let warning = &json["warnings"][0];
    assert_eq!(warning["kind"], "summary_mismatch");
    assert_eq!(
        warning["message"],
        "'Safe pathways, systems and transitions' is listed with score 3 but its section gives 2"
    );
    assert!(warning["line"].as_u64().unwrap() > 1);
    assert_eq!(warning["column"], 1);
}

#[test]
fn missing_values_are_null() {
    let report = parse(&fixture("section-no-header.txt"));
    let json = serde_json::to_value(&report).unwrap();
    for field in ["authority", "published", "rating", "overall_score"] {
        assert!(json[field].is_null(), "{field}");
    }
    assert_eq!(json["statements"][0]["statement"], "safeguarding");
    assert_eq!(json["statements"][0]["score"], 3);
    assert_eq!(json["warnings"].as_array().map(Vec::len), Some(0));
}
