//! Every shape of report text the parser accepts, on fictional fixtures (see
//! `tests/fixtures/README.md` for the table these tests assert).

use cqc_la::{ParseErrorKind, QualityStatement as Q, Rating, Report, ReportKind, Score};

use super::util::{assert_lossless, fixture, parse};

/// What a fixture must parse to.
struct Expect {
    kind: ReportKind,
    authority: Option<&'static str>,
    published: Option<&'static str>,
    rating: Option<Rating>,
    overall_score: Option<u8>,
    /// (statement, effective score, listed score) in report order.
    statements: &'static [(Q, Option<u8>, Option<u8>)],
    /// (statement, section score, paragraphs per group, whether groups have subheadings).
    sections: &'static [(Q, Option<u8>, &'static [usize], bool)],
    warnings: &'static [&'static str],
}

const NONE: Expect = Expect {
    kind: ReportKind::Section,
    authority: None,
    published: None,
    rating: None,
    overall_score: None,
    statements: &[],
    sections: &[],
    warnings: &[],
};

#[track_caller]
fn check(file: &str, expect: &Expect) -> Report {
    let text = fixture(file);
    let report = parse(&text);
    assert_lossless(&text, &report);
    assert_eq!(report.kind(), expect.kind, "{file}: kind");
    assert_eq!(
        report.authority.as_deref(),
        expect.authority,
        "{file}: authority"
    );
    assert_eq!(
        report.published.map(|d| d.to_string()).as_deref(),
        expect.published,
        "{file}: published"
    );
    assert_eq!(report.rating, expect.rating, "{file}: rating");
    assert_eq!(
        report.overall_score, expect.overall_score,
        "{file}: overall score"
    );
    let statements: Vec<(Q, Option<u8>, Option<u8>)> = report
        .statements
        .iter()
        .map(|s| {
            (
                s.statement,
                s.score().map(Score::get),
                s.listed.as_ref().and_then(|l| l.score).map(Score::get),
            )
        })
        .collect();
    assert_eq!(statements, expect.statements, "{file}: statements");
    let sections: Vec<(Q, Option<u8>, Vec<usize>, bool)> = report
        .statements
        .iter()
        .filter_map(|s| Some((s.statement, s.section.as_ref()?)))
        .map(|(qs, section)| {
            let groups = section
                .findings
                .as_ref()
                .map(|f| f.groups.as_slice())
                .unwrap_or_default();
            (
                qs,
                section.score.map(Score::get),
                groups.iter().map(|g| g.paragraphs.len()).collect(),
                groups.iter().all(|g| g.subheading.is_some()),
            )
        })
        .collect();
    let expected: Vec<(Q, Option<u8>, Vec<usize>, bool)> = expect
        .sections
        .iter()
        .map(|&(q, s, p, h)| (q, s, p.to_vec(), h))
        .collect();
    assert_eq!(sections, expected, "{file}: sections");
    let warnings: Vec<&str> = report.warnings.iter().map(|w| w.kind.id()).collect();
    assert_eq!(
        warnings, expect.warnings,
        "{file}: warnings {:?}",
        report.warnings
    );
    // Rendering and parsing again gives the same report.
    let again = parse(&report.to_string());
    let mut a = again.clone();
    let mut b = report.clone();
    a.warnings.clear();
    b.warnings.clear();
    assert_eq!(a, b, "{file}: render -> parse changed the report");
    report
}

/// Nine listed scores in framework order (section scores equal).
fn listed(scores: [u8; 9]) -> Vec<(Q, Option<u8>, Option<u8>)> {
    Q::ALL
        .iter()
        .zip(scores)
        .map(|(&q, s)| (q, Some(s), Some(s)))
        .collect()
}

#[test]
fn single_section_page_with_curly_quotes() {
    let report = check(
        "single-section-curly.txt",
        &Expect {
            authority: Some("Fenbridge Borough Council"),
            statements: &[(Q::PartnershipsAndCommunities, Some(3), None)],
            sections: &[(Q::PartnershipsAndCommunities, Some(3), &[5], false)],
            ..NONE
        },
    );
    let paragraphs = &report.statements[0]
        .section
        .as_ref()
        .unwrap()
        .findings
        .as_ref()
        .unwrap()
        .groups[0]
        .paragraphs;
    assert!(
        paragraphs.iter().any(|p| p.text.contains('\u{2019}')),
        "curly quotes are kept for display"
    );
    assert_eq!(report.navigation.len(), 1);
}

#[test]
fn section_page_without_header() {
    let report = check(
        "section-no-header.txt",
        &Expect {
            statements: &[(Q::Safeguarding, Some(3), None)],
            sections: &[(Q::Safeguarding, Some(3), &[2, 1, 1], true)],
            ..NONE
        },
    );
    assert!(report.lines.header.is_none() && report.lines.footer.is_some());
}

#[test]
fn summary_page() {
    let report = check(
        "summary-page.txt",
        &Expect {
            kind: ReportKind::Summary,
            authority: Some("Sedgebury Borough Council"),
            published: Some("2024-11-21"),
            rating: Some(Rating::Good),
            statements: Box::leak(listed([3, 3, 3, 2, 3, 3, 3, 3, 2]).into_boxed_slice()),
            ..NONE
        },
    );
    assert_eq!(
        report.experiences.as_ref().map(|b| b.paragraphs.len()),
        Some(2)
    );
    assert_eq!(
        report.strengths.as_ref().map(|b| b.paragraphs.len()),
        Some(3)
    );
    assert_eq!(report.derived_rating(), Some(Rating::Good));
}

#[test]
fn pilot_report_is_indicative() {
    let statements = listed([2, 2, 3, 2, 3, 2, 2, 3, 2]);
    let report = check(
        "pilot-2023.txt",
        &Expect {
            kind: ReportKind::Full,
            authority: Some("Holmcastle City Council"),
            rating: Some(Rating::RequiresImprovement),
            statements: Box::leak(statements.into_boxed_slice()),
            sections: &[
                (Q::AssessingNeeds, Some(2), &[2, 1], true),
                (Q::EquityInExperienceAndOutcomes, Some(3), &[1, 1], true),
            ],
            ..NONE
        },
    );
    assert!(report.indicative);
    assert_eq!(
        report.assessment_start.map(|d| d.to_string()).as_deref(),
        Some("2023-03-06")
    );
    assert!(
        report
            .to_string()
            .starts_with("Holmcastle City Council assessment\n")
    );
}

#[test]
fn published_short_form() {
    check(
        "published-short-form.txt",
        &Expect {
            authority: Some("Westmarsh Council"),
            published: Some("2024-05-17"),
            statements: &[(Q::LearningImprovementAndInnovation, Some(2), None)],
            sections: &[(Q::LearningImprovementAndInnovation, Some(2), &[3], false)],
            ..NONE
        },
    );
}

#[test]
fn published_line_shared_with_navigation() {
    let report = check(
        "published-inline.txt",
        &Expect {
            authority: Some("Ravensholme Council"),
            published: Some("2024-07-03"),
            statements: &[(Q::CareProvisionIntegrationAndContinuity, Some(3), None)],
            sections: &[(
                Q::CareProvisionIntegrationAndContinuity,
                Some(3),
                &[3],
                false,
            )],
            ..NONE
        },
    );
    let nav: Vec<&str> = report.navigation.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(nav, ["Downloads"]);
}

#[test]
fn navigation_lines_are_kept_as_navigation() {
    let report = check(
        "navigation-lines.txt",
        &Expect {
            authority: Some("Calderby Metropolitan Borough Council"),
            published: Some("2025-01-30"),
            statements: &[(Q::SupportingHealthierLives, Some(3), None)],
            sections: &[(Q::SupportingHealthierLives, Some(3), &[1, 1], true)],
            ..NONE
        },
    );
    let nav: Vec<&str> = report.navigation.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(
        nav,
        [
            "How we assess local authorities",
            "Downloads",
            "Page last updated: 12 August 2025",
            "Downloads"
        ]
    );
}

#[test]
fn score_lines_without_colon() {
    check(
        "score-no-colon.txt",
        &Expect {
            kind: ReportKind::Full,
            authority: Some("Brackwater Council"),
            published: Some("2024-06-05"),
            rating: Some(Rating::Good),
            statements: Box::leak(listed([3, 3, 3, 3, 3, 2, 3, 3, 3]).into_boxed_slice()),
            sections: &[(Q::Safeguarding, Some(3), &[2], false)],
            ..NONE
        },
    );
}

#[test]
fn descriptors_with_rating_words() {
    let report = check(
        "descriptor-rating-words.txt",
        &Expect {
            authority: Some("Dunmore Council"),
            statements: &[
                (Q::AssessingNeeds, Some(1), None),
                (Q::SupportingHealthierLives, Some(2), None),
                (Q::EquityInExperienceAndOutcomes, Some(3), None),
            ],
            sections: &[
                (Q::AssessingNeeds, Some(1), &[2], false),
                (Q::SupportingHealthierLives, Some(2), &[1], false),
                (Q::EquityInExperienceAndOutcomes, Some(3), &[2], false),
            ],
            ..NONE
        },
    );
    let ratings: Vec<Option<Rating>> = report
        .statements
        .iter()
        .map(|s| {
            s.section
                .as_ref()
                .unwrap()
                .descriptor
                .as_ref()
                .unwrap()
                .rating
        })
        .collect();
    assert_eq!(
        ratings,
        [
            Some(Rating::Inadequate),
            Some(Rating::RequiresImprovement),
            Some(Rating::Good)
        ]
    );
    assert_eq!(report.themes.len(), 1);
}

#[test]
fn descriptors_with_irregular_dashes() {
    check(
        "descriptor-spacing.txt",
        &Expect {
            authority: Some("Oakhaven City Council"),
            statements: &[
                (Q::CareProvisionIntegrationAndContinuity, Some(2), None),
                (Q::PartnershipsAndCommunities, Some(4), None),
                (Q::Safeguarding, Some(3), None),
            ],
            sections: &[
                (
                    Q::CareProvisionIntegrationAndContinuity,
                    Some(2),
                    &[1],
                    true,
                ),
                (Q::PartnershipsAndCommunities, Some(4), &[1, 1], true),
                (Q::Safeguarding, Some(3), &[1], true),
            ],
            ..NONE
        },
    );
}

#[test]
fn score_lists_in_every_layout() {
    let summary = |file, authority, published, rating, overall_score, scores| {
        check(
            file,
            &Expect {
                kind: ReportKind::Summary,
                authority: Some(authority),
                published: Some(published),
                rating: Some(rating),
                overall_score,
                statements: Box::leak(listed(scores).into_boxed_slice()),
                ..NONE
            },
        )
    };
    summary(
        "score-list-dash-bullets.txt",
        "Saltmere Council",
        "2024-12-12",
        Rating::Good,
        Some(75),
        [3; 9],
    );
    summary(
        "score-list-dot-bullets.txt",
        "Royal Borough of Kestlemoor",
        "2025-04-18",
        Rating::RequiresImprovement,
        None,
        [2, 2, 2, 3, 2, 2, 3, 2, 2],
    );
    summary(
        "score-list-indented.txt",
        "Lindenshire County Council",
        "2025-06-26",
        Rating::Outstanding,
        None,
        [4, 4, 3, 4, 4, 3, 4, 4, 4],
    );
    summary(
        "score-list-same-line.txt",
        "Corrington Council",
        "2025-08-07",
        Rating::Good,
        Some(78),
        [3, 3, 4, 3, 3, 3, 3, 3, 3],
    );
}

#[test]
fn bold_and_hard_wrapped_financial_facts() {
    let report = check(
        "financial-facts-bold-wrapped.txt",
        &Expect {
            kind: ReportKind::Summary,
            authority: Some("Eastwold County Council"),
            published: Some("2025-10-02"),
            rating: Some(Rating::Good),
            statements: Box::leak(listed([3, 3, 2, 3, 3, 3, 3, 2, 3]).into_boxed_slice()),
            ..NONE
        },
    );
    let facts = report.financial_facts.as_ref().expect("financial facts");
    let wrapped: Vec<usize> = facts
        .items
        .iter()
        .map(|i| i.origin.line_spans().len())
        .collect();
    assert_eq!(wrapped[0], 2);
    assert_eq!(wrapped[3], 3);
    assert_eq!(
        facts.asc_share.map(|d| d.to_string()).as_deref(),
        Some("36.12")
    );
    assert!(
        facts.items.iter().any(|i| i.text.contains("**36.12%**")),
        "markdown is kept for display"
    );
}

#[test]
fn line_endings_bom_trailing_spaces_and_truncation() {
    let one = |file, authority, published, qs, score, paragraphs: &'static [usize]| {
        check(
            file,
            &Expect {
                authority: Some(authority),
                published: Some(published),
                statements: Box::leak(vec![(qs, Some(score), None)].into_boxed_slice()),
                sections: Box::leak(vec![(qs, Some(score), paragraphs, true)].into_boxed_slice()),
                ..NONE
            },
        )
    };
    let crlf = one(
        "crlf-line-endings.txt",
        "Sandleigh Borough Council",
        "2024-09-11",
        Q::SafePathwaysSystemsAndTransitions,
        3,
        &[1, 2],
    );
    assert!(
        crlf.statements[0]
            .section
            .as_ref()
            .unwrap()
            .findings
            .as_ref()
            .unwrap()
            .groups[1]
            .paragraphs
            .iter()
            .all(|p| !p.text.ends_with('\r'))
    );
    one(
        "utf8-bom.txt",
        "Thornleigh City Council",
        "2025-02-24",
        Q::GovernanceManagementAndSustainability,
        2,
        &[2, 1],
    );
    one(
        "trailing-spaces.txt",
        "Hollins Vale Council",
        "2025-01-15",
        Q::EquityInExperienceAndOutcomes,
        3,
        &[1, 1],
    );
    let cut = one(
        "truncated.txt",
        "Marrowby Council",
        "2025-03-19",
        Q::AssessingNeeds,
        2,
        &[1, 1],
    );
    let last = cut.statements[0]
        .section
        .as_ref()
        .unwrap()
        .findings
        .as_ref()
        .unwrap()
        .groups[1]
        .paragraphs[0]
        .text
        .clone();
    assert!(
        last.ends_with("the local authority had begun to"),
        "the cut-off text is kept: {last}"
    );
}

#[test]
fn score_out_of_range_is_kept_and_reported() {
    let report = check(
        "score-out-of-range.txt",
        &Expect {
            authority: Some("Brindlecombe Council"),
            statements: &[
                (Q::PartnershipsAndCommunities, Some(3), None),
                (Q::Safeguarding, None, None),
            ],
            sections: &[
                (Q::PartnershipsAndCommunities, Some(3), &[1], false),
                (Q::Safeguarding, None, &[2], false),
            ],
            warnings: &["score_out_of_range"],
            ..NONE
        },
    );
    let other = &report
        .statement(Q::Safeguarding)
        .unwrap()
        .section
        .as_ref()
        .unwrap()
        .other;
    assert_eq!(
        other.iter().map(|t| t.text.as_str()).collect::<Vec<_>>(),
        ["Score: 7"]
    );
    assert_eq!(
        report.warnings[0].to_string(),
        "expected a score from 1 to 4 for 'Safeguarding', found '7' (line 13, column 1)"
    );
}

#[test]
fn printed_rating_against_scores() {
    let report = check(
        "rating-mismatch.txt",
        &Expect {
            kind: ReportKind::Summary,
            authority: Some("Ashcombe Council"),
            published: Some("2025-03-27"),
            rating: Some(Rating::Good),
            statements: Box::leak(listed([2, 2, 2, 2, 3, 2, 2, 2, 2]).into_boxed_slice()),
            warnings: &["rating_mismatch"],
            ..NONE
        },
    );
    assert_eq!(
        report.warnings[0].kind.to_string(),
        "the report's rating 'Good' does not match its scores (19/36 = 52.8%, Requires improvement)"
    );
    assert_eq!(report.derived_rating(), Some(Rating::RequiresImprovement));
}

#[test]
fn summary_and_section_disagree() {
    let mut statements = listed([3, 3, 3, 3, 3, 3, 2, 3, 3]);
    statements[5] = (Q::SafePathwaysSystemsAndTransitions, Some(2), Some(3));
    let report = check(
        "summary-section-disagree.txt",
        &Expect {
            kind: ReportKind::Full,
            authority: Some("Greyhurst Borough Council"),
            published: Some("2024-11-06"),
            rating: Some(Rating::Good),
            statements: Box::leak(statements.into_boxed_slice()),
            sections: &[
                (Q::SafePathwaysSystemsAndTransitions, Some(2), &[1], true),
                (Q::Safeguarding, Some(2), &[1], true),
            ],
            warnings: &["summary_mismatch"],
            ..NONE
        },
    );
    assert_eq!(
        report.warnings[0].kind.to_string(),
        "'Safe pathways, systems and transitions' is listed with score 3 but its section gives 2"
    );
}

#[test]
fn duplicate_section_is_kept_apart() {
    let report = check(
        "duplicate-section.txt",
        &Expect {
            authority: Some("Penhallow Council"),
            published: Some("2025-06-13"),
            statements: &[(Q::PartnershipsAndCommunities, Some(3), None)],
            sections: &[(Q::PartnershipsAndCommunities, Some(3), &[2], false)],
            warnings: &["duplicate_section"],
            ..NONE
        },
    );
    assert_eq!(report.duplicates.len(), 1);
    let dup = report.duplicates[0].section.as_ref().unwrap();
    assert_eq!(dup.score, Score::new(2));
    assert_eq!(dup.findings.as_ref().unwrap().groups[0].paragraphs.len(), 1);
}

#[test]
fn unknown_heading_and_unplaced_lines() {
    let mut statements = listed([3, 2, 3, 3, 3, 3, 3, 3, 3]);
    statements[0] = (Q::AssessingNeeds, Some(3), Some(3));
    let report = check(
        "unknown-heading-unplaced.txt",
        &Expect {
            kind: ReportKind::Full,
            authority: Some("Wyvernstoke Council"),
            published: Some("2025-05-22"),
            rating: Some(Rating::Good),
            statements: Box::leak(statements.into_boxed_slice()),
            sections: &[(Q::AssessingNeeds, Some(3), &[1], true)],
            warnings: &["unplaced_line", "unplaced_line", "unknown_heading"],
            ..NONE
        },
    );
    let summary_other: Vec<&str> = report
        .summary
        .as_ref()
        .unwrap()
        .other
        .iter()
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(summary_other, ["Rating: see below"]);
    let section_other: Vec<&str> = report
        .statement(Q::AssessingNeeds)
        .unwrap()
        .section
        .as_ref()
        .unwrap()
        .other
        .iter()
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(
        section_other,
        [
            "See the appendix for how this was measured",
            "Theme 5: Something new"
        ]
    );
    let lines: Vec<usize> = report.warnings.iter().map(|w| w.location.line).collect();
    assert!(
        lines.windows(2).all(|w| w[0] < w[1]),
        "warnings are in line order: {lines:?}"
    );
}

#[test]
fn eight_statements_between_bands() {
    let statements: Vec<(Q, Option<u8>, Option<u8>)> = listed([3, 2, 3, 2, 3, 2, 3, 2, 0])
        .into_iter()
        .take(8)
        .collect();
    let report = check(
        "eight-statements-between-bands.txt",
        &Expect {
            kind: ReportKind::Summary,
            authority: Some("Bramblecote Council"),
            published: Some("2025-09-04"),
            rating: Some(Rating::RequiresImprovement),
            statements: Box::leak(statements.into_boxed_slice()),
            warnings: &["between_bands"],
            ..NONE
        },
    );
    assert_eq!(report.derived_rating(), None);
    assert_eq!(report.overall().percent_text(), "62.5%");
}

#[test]
fn metric_forms_page_structure() {
    check(
        "metrics-forms.txt",
        &Expect {
            authority: Some("London Borough of Hartsmere"),
            statements: &[(Q::AssessingNeeds, Some(2), None)],
            sections: &[(Q::AssessingNeeds, Some(2), &[2, 1, 2, 2, 2, 1], true)],
            ..NONE
        },
    );
}

#[test]
fn not_a_report_is_a_clear_error() {
    let err = Report::parse(&fixture("not-a-report.txt")).unwrap_err();
    assert_eq!(err.kind(), &ParseErrorKind::NotAReport);
    assert_eq!((err.location().line, err.location().column), (1, 1));
}

#[test]
fn the_example_reports() {
    let examples = [
        (
            "northmere.txt",
            "Northmere County Council",
            "2025-03-14",
            Rating::Good,
            [3, 3, 2, 3, 3, 3, 3, 3, 3],
            26,
        ),
        (
            "south-fenwick.txt",
            "London Borough of South Fenwick",
            "2024-10-09",
            Rating::RequiresImprovement,
            [2, 2, 3, 2, 3, 2, 2, 2, 3],
            21,
        ),
    ];
    for (file, authority, published, rating, scores, total) in examples {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/reports")
            .join(file);
        let text = std::fs::read_to_string(path).expect("example report");
        let report = parse(&text);
        assert_lossless(&text, &report);
        assert_eq!(report.kind(), ReportKind::Full);
        assert_eq!(report.authority.as_deref(), Some(authority));
        assert_eq!(
            report.published.map(|d| d.to_string()).as_deref(),
            Some(published)
        );
        assert_eq!(report.rating, Some(rating));
        assert_eq!(report.derived_rating(), Some(rating));
        assert_eq!(report.overall().total, total);
        assert_eq!(report.statements, {
            let mut expected = report.statements.clone();
            expected.sort_by_key(|s| s.statement);
            expected
        });
        for (statement, score) in report.statements.iter().zip(scores) {
            assert_eq!(
                statement.listed.as_ref().and_then(|l| l.score),
                Score::new(score),
                "{file}"
            );
            let section = statement
                .section
                .as_ref()
                .expect("every statement has a section");
            assert_eq!(
                section.score,
                Score::new(score),
                "{file} {}",
                statement.statement
            );
            assert_eq!(
                section.descriptor.as_ref().map(|d| d.score),
                Score::new(score)
            );
            assert_eq!(
                section.expectations.is_some(),
                statement.statement.has_expectations()
            );
            let groups = &section.findings.as_ref().expect("findings").groups;
            assert!(
                (2..=4).contains(&groups.len()),
                "{file} {}: {} groups",
                statement.statement,
                groups.len()
            );
            assert!(
                groups
                    .iter()
                    .all(|g| g.subheading.is_some() && !g.paragraphs.is_empty())
            );
        }
        assert!(report.warnings.is_empty(), "{file}: {:?}", report.warnings);
        assert_eq!(report.themes.len(), 4);
        let facts = report.financial_facts.as_ref().expect("financial facts");
        assert!(
            facts.total_budget.is_some() && facts.asc_spend.is_some() && facts.asc_share.is_some()
        );
        assert!(facts.long_term_support.is_some() && facts.short_term_support.is_some());
        let again = parse(&report.to_string());
        assert_eq!(again, report, "{file}: render -> parse");
    }
}
