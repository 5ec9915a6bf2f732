//! Every file of the real corpus parses with the exact values it holds.

use cqc_la::{QualityStatement as Q, Rating, Report, ReportKind, Score};

use super::util::{corpus_file, parse};

/// Subheadings (shortened to their first words) and paragraph counts of a section.
fn findings(report: &Report, qs: Q) -> Vec<(Option<String>, usize)> {
    let section = report
        .statement(qs)
        .and_then(|s| s.section.as_ref())
        .expect("section");
    section
        .findings
        .as_ref()
        .expect("key findings")
        .groups
        .iter()
        .map(|g| {
            (
                g.subheading.as_ref().map(|s| s.text.clone()),
                g.paragraphs.len(),
            )
        })
        .collect()
}

fn counts(groups: &[(Option<String>, usize)]) -> Vec<usize> {
    groups.iter().map(|(_, n)| *n).collect()
}

#[test]
fn camden_full_report() {
    let Some(text) = corpus_file("camden-full-report.txt") else {
        return;
    };
    let report = parse(&text);
    assert_eq!(
        report.authority.as_deref(),
        Some("London Borough of Camden")
    );
    assert_eq!(
        report.published.map(|d| d.to_string()).as_deref(),
        Some("2025-02-28")
    );
    assert_eq!(report.rating, Some(Rating::Outstanding));
    assert_eq!(report.overall_score, None);
    assert!(!report.indicative);
    assert_eq!(report.kind(), ReportKind::Full);
    let scores: Vec<u8> = report
        .scores()
        .iter()
        .map(|s| s.map_or(0, Score::get))
        .collect();
    assert_eq!(scores, [3, 3, 4, 3, 4, 4, 3, 4, 4]);
    assert_eq!(report.statements.len(), 9);
    for s in &report.statements {
        let listed = s.listed.as_ref().and_then(|l| l.score);
        let section = s.section.as_ref().and_then(|s| s.score);
        assert_eq!(listed, section, "{}", s.statement);
        let section = s.section.as_ref().unwrap();
        let descriptor = section.descriptor.as_ref().expect("descriptor");
        assert_eq!(Some(descriptor.score), section.score);
        assert_eq!(
            section.expectations.is_some(),
            s.statement.has_expectations(),
            "{}",
            s.statement
        );
        assert_eq!(
            section.commitment.as_ref().map(|c| c.paragraphs.len()),
            Some(1)
        );
        assert!(section.other.is_empty());
    }
    let overall = report.overall();
    assert_eq!((overall.total, overall.maximum()), (32, 36));
    assert_eq!(report.derived_rating(), Some(Rating::Outstanding));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert!(report.other.is_empty() && report.duplicates.is_empty());
    assert_eq!(report.navigation.len(), 1);
    assert_eq!(report.navigation[0].text, "How we assess local authorities");
    assert!(report.lines.footer.is_some());

    // Section paragraph counts, subheading by subheading.
    let expected: [(Q, &[usize]); 9] = [
        (Q::AssessingNeeds, &[5, 3, 2, 1, 1, 1, 1]),
        (Q::SupportingHealthierLives, &[5, 1, 2, 3, 2]),
        (Q::EquityInExperienceAndOutcomes, &[6, 2]),
        (Q::CareProvisionIntegrationAndContinuity, &[5, 6, 7, 2, 3]),
        (Q::PartnershipsAndCommunities, &[9, 2, 2, 3]),
        (Q::SafePathwaysSystemsAndTransitions, &[3, 3, 2]),
        (Q::Safeguarding, &[5, 4, 1, 1]),
        (Q::GovernanceManagementAndSustainability, &[7, 4, 1]),
        (Q::LearningImprovementAndInnovation, &[7, 1]),
    ];
    for (qs, paragraphs) in expected {
        let groups = findings(&report, qs);
        assert_eq!(counts(&groups), paragraphs, "{qs}");
        assert!(
            groups.iter().all(|(s, _)| s.is_some()),
            "{qs} has a group without subheading"
        );
    }
    let safe = findings(&report, Q::SafePathwaysSystemsAndTransitions);
    let subheadings: Vec<&str> = safe.iter().filter_map(|(s, _)| s.as_deref()).collect();
    assert_eq!(
        subheadings,
        [
            "Safety management",
            "Safety during transitions",
            "Contingency planning"
        ]
    );
    let pathways = report
        .statement(Q::SafePathwaysSystemsAndTransitions)
        .unwrap();
    let expect = pathways
        .section
        .as_ref()
        .unwrap()
        .expectations
        .as_ref()
        .unwrap();
    assert_eq!(expect.paragraphs.len(), 2);

    // About and financial facts.
    let about = report.about.as_ref().expect("about");
    assert_eq!(about.heading.text, "About London Borough of Camden");
    assert!(about.demographics.is_some());
    assert_eq!(about.paragraphs.len(), 3);
    let facts = report.financial_facts.as_ref().expect("financial facts");
    assert_eq!(facts.items.len(), 5);
    assert_eq!(facts.notes.len(), 1);
    assert_eq!(
        facts.items[3].origin.line_spans().len(),
        3,
        "the hard-wrapped precept bullet"
    );
    assert!(
        facts.items[3]
            .text
            .contains("with a value of 2%. Please note")
    );
    let d = |s: &str| s.parse::<cqc_la::Decimal>().unwrap();
    assert_eq!(
        facts.period.map(|p| p.to_string()).as_deref(),
        Some("2023-24")
    );
    let budget = facts.total_budget.unwrap();
    assert_eq!(
        (budget.estimate, budget.actual),
        (Some(d("589322000")), Some(d("608572000")))
    );
    let asc = facts.asc_spend.unwrap();
    assert_eq!(
        (asc.estimate, asc.actual),
        (Some(d("122330000")), Some(d("113990000")))
    );
    assert_eq!(
        facts.asc_share.map(|v| v.to_string()).as_deref(),
        Some("18.73")
    );
    assert_eq!(facts.precept, Some(d("2")));
    assert_eq!(facts.long_term_support, Some(1425));
    assert_eq!(facts.short_term_support, Some(3420));

    let summary = report.summary.as_ref().expect("summary");
    assert_eq!(
        summary.authority.as_ref().map(|t| t.text.as_str()),
        Some("London Borough of Camden")
    );
    assert!(summary.other.is_empty());
    assert_eq!(
        report.experiences.as_ref().map(|b| b.paragraphs.len()),
        Some(3)
    );
    assert_eq!(
        report.strengths.as_ref().map(|b| b.paragraphs.len()),
        Some(6)
    );
    let themes: Vec<(u8, usize)> = report
        .themes
        .iter()
        .map(|t| (t.theme.number(), t.listed.len()))
        .collect();
    assert_eq!(themes, [(1, 3), (2, 2), (3, 2), (4, 2)]);
    assert_eq!(
        report.themes[0].title.text,
        "How London Borough of Camden works with people"
    );
}

/// A single-section page: its authority, the one statement, its score and paragraphs.
#[track_caller]
fn section_page(file: &str, authority: Option<&str>, qs: Q, score: u8, paragraphs: &[usize]) {
    let Some(text) = corpus_file(file) else {
        return;
    };
    let report = parse(&text);
    assert_eq!(report.authority.as_deref(), authority, "{file}");
    assert_eq!(report.published, None, "{file}");
    assert_eq!(report.rating, None, "{file}");
    assert_eq!(report.kind(), ReportKind::Section, "{file}");
    assert_eq!(report.statements.len(), 1, "{file}");
    let statement = &report.statements[0];
    assert_eq!(statement.statement, qs, "{file}");
    assert!(statement.listed.is_none());
    assert_eq!(statement.score(), Score::new(score), "{file}");
    let section = statement.section.as_ref().unwrap();
    assert_eq!(
        section.descriptor.as_ref().map(|d| d.score.get()),
        Some(score)
    );
    assert_eq!(
        section.expectations.is_some(),
        qs.has_expectations(),
        "{file}"
    );
    assert_eq!(counts(&findings(&report, qs)), paragraphs, "{file}");
    assert!(report.warnings.is_empty(), "{file}: {:?}", report.warnings);
}

#[test]
fn camden_partnerships_page() {
    section_page(
        "camden-partnerships.txt",
        Some("London Borough of Camden"),
        Q::PartnershipsAndCommunities,
        4,
        &[16],
    );
}

#[test]
fn camden_governance_page() {
    section_page(
        "camden-governance.txt",
        Some("London Borough of Camden"),
        Q::GovernanceManagementAndSustainability,
        4,
        &[12],
    );
}

#[test]
fn islington_partnerships_page() {
    section_page(
        "islington-partnerships.txt",
        Some("Islington Council"),
        Q::PartnershipsAndCommunities,
        3,
        &[15],
    );
}

#[test]
fn westminster_partnerships_page_has_no_authority() {
    section_page(
        "westminster-partnerships.txt",
        None,
        Q::PartnershipsAndCommunities,
        3,
        &[6, 2, 3, 5],
    );
    let Some(text) = corpus_file("westminster-partnerships.txt") else {
        return;
    };
    let report = parse(&text);
    let groups = findings(&report, Q::PartnershipsAndCommunities);
    assert_eq!(
        groups[2].0.as_deref(),
        Some("Impact of partnership working")
    );
    assert!(report.lines.footer.is_some());
    assert!(report.lines.header.is_none());
}
