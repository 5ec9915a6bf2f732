//! Inputs that once broke a property or the fuzzers, named after what they found.

use cqc_la::{QualityStatement as Q, Report, Score};

use super::util::{assert_lossless, parse};

/// The fuzzer's input saved as `tests/regressions/<name>`.
fn saved_input(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/regressions")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Render -> parse -> equal, with warnings cleared (their positions move).
#[track_caller]
fn assert_round_trip(text: &str) -> Report {
    let mut first = parse(text);
    assert_lossless(text, &first);
    let rendered = first.to_string();
    let mut second = parse(&rendered);
    assert_lossless(&rendered, &second);
    assert_eq!(second.to_string(), rendered, "rendering is not stable");
    // Compared without warnings (their positions move); returned with them.
    let warnings = std::mem::take(&mut first.warnings);
    second.warnings.clear();
    assert_eq!(
        second, first,
        "render -> parse changed the report:\n{rendered}"
    );
    first.warnings = warnings;
    first
}

/// Found by the `roundtrip` fuzzer (crash-fc2dc7d9): a second `Score: N` after a list entry is
/// kept in the summary's other lines; the renderer wrote those before the score list, where
/// the line read as the overall score out of 100. They are now written after the list.
#[test]
fn summary_other_score_line_is_not_read_as_overall_score() {
    let text = "Overall summary\nQuality statement scores\nAssessing needs\nScore: 2\nScore: 2\nSummary of people's experiences\nPeople were heard.\n";
    let report = assert_round_trip(text);
    assert_eq!(report.overall_score, None);
    assert_eq!(report.score(Q::AssessingNeeds), Score::new(2));
    let other = &report.summary.as_ref().unwrap().other;
    assert_eq!(other.len(), 1);
    assert_eq!(other[0].text, "Score: 2");
    // The fuzzer's input, a fictional report with lines cut and spliced into the summary.
    let found = saved_input("summary-other-score-line.txt");
    let report = assert_round_trip(&found);
    assert_eq!(report.overall_score, None);
}

/// Found by the `roundtrip` fuzzer (crash-5fbbfb40): a line with text before
/// `published: <date>` put that text in the navigation and also kept the whole line when the
/// date could not be read, so the text was in the model twice. Text around the label must now
/// be page furniture ("Downloads"), and it is split off only when the date is taken.
#[test]
fn published_line_with_prose_before_the_label() {
    let text = "Northmere Council: local authority assessment\nKey findings published: 24 February 2 that enables me.\nSafeguarding\nScore: 3\n3 - Evidence shows a good standard\n";
    let report = assert_round_trip(text);
    assert!(report.navigation.is_empty(), "{:?}", report.navigation);
    assert_eq!(report.published, None);
    assert_eq!(report.other.len(), 1);
    assert!(report.other[0].text.starts_with("Key findings published:"));

    // Furniture around the label is still split off, once.
    let text = "Northmere Council: local authority assessment\nDownloads Assessment published: 3 July 2024\nDownloads Assessment published: 3 July 2024\nSafeguarding\nScore: 3\n3 - Evidence shows a good standard\n";
    let report = assert_round_trip(text);
    let navigation: Vec<&str> = report.navigation.iter().map(|t| t.as_str()).collect();
    assert_eq!(
        navigation,
        ["Downloads", "Downloads Assessment published: 3 July 2024"]
    );
    assert_eq!(report.published.unwrap().to_string(), "2024-07-03");

    let found = saved_input("published-line-with-prose-before-the-label.txt");
    let report = parse(&found);
    assert_lossless(&found, &report);
    assert!(
        report
            .navigation
            .iter()
            .all(|t| !t.text.starts_with("Key findings"))
    );
}

/// Found by the `roundtrip` fuzzer (crash-2bd9784f): a summary begun by `Quality statement
/// scores` before any `Overall summary` line kept the heading, when it came, as an unplaced
/// line; rendering writes the heading first, so the rendering had it twice. A later heading
/// is now the summary's heading.
#[test]
fn summary_heading_after_its_lines() {
    let text = "Northmere Council: local authority assessment\nQuality statement scores\nAssessing needs\nScore: 3\nOverall summary\nNorthmere Council\n";
    let report = assert_round_trip(text);
    let summary = report.summary.as_ref().unwrap();
    assert!(summary.other.is_empty(), "{:?}", summary.other);
    assert_eq!(summary.heading.span().map(|s| s.start), Some(96));
    assert_eq!(
        summary.authority.as_ref().map(cqc_la::Text::as_str),
        Some("Northmere Council")
    );
    assert_eq!(report.score(Q::AssessingNeeds), Score::new(3));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let rendered = report.to_string();
    assert_eq!(rendered.matches("Overall summary").count(), 1, "{rendered}");

    let found = saved_input("summary-heading-after-its-lines.txt");
    let report = parse(&found);
    assert_lossless(&found, &report);
    let rendered = report.to_string();
    let again = parse(&rendered).to_string();
    let lines = |s: &str| s.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(lines(&again), lines(&rendered));
}

/// Found by the `roundtrip` fuzzer (crash-18ee15e2): the renderer wrote each theme's sections
/// after its introduction, so a section that came before its theme's introduction (or had
/// none) moved, and the statements came back in another order. Sections are now written in
/// report order with the introductions merged in.
#[test]
fn sections_before_their_theme() {
    let text = "Northmere Council: local authority assessment\nPartnerships and communities\nScore: 3\n3 - Evidence shows a good standard\nTheme 3: How Northmere Council ensures safety within the system\nSafe pathways, systems and transitions\nScore: 2\n2 - Evidence shows some shortfalls\n";
    let report = assert_round_trip(text);
    let order: Vec<Q> = report.statements.iter().map(|s| s.statement).collect();
    assert_eq!(
        order,
        [
            Q::PartnershipsAndCommunities,
            Q::SafePathwaysSystemsAndTransitions
        ]
    );
    // Scores of 3 and 2 (5/8, 62.5%) fall between two rating bands: the only warning.
    let kinds: Vec<&str> = report.warnings.iter().map(|w| w.kind.id()).collect();
    assert_eq!(kinds, ["between_bands"]);
    assert_eq!(
        report.to_string(),
        text.replace('\n', "\n\n").trim_end().to_owned() + "\n"
    );

    let found = saved_input("sections-before-their-theme.txt");
    assert_round_trip(&found);
}

/// Found by the `roundtrip` fuzzer (crash-7774763a): `X: - local authority assessment` named
/// `X:` (separators were trimmed before spaces, once), and its rendering
/// `X:: local authority assessment` named `X`. Spaces and separators are now trimmed together.
#[test]
fn header_with_two_separators() {
    for header in [
        "Lindenshire County Council: - local authority assessment",
        "Lindenshire County Council : local authority assessment",
        "Lindenshire County Council:: local authority assessment",
        "Lindenshire County Council - , local authority assessment",
    ] {
        let text = format!("{header}\nSafeguarding\nScore: 3\n");
        let report = assert_round_trip(&text);
        assert_eq!(
            report.authority.as_deref(),
            Some("Lindenshire County Council"),
            "{header}"
        );
    }
    let report =
        assert_round_trip("Holmcastle City Council - : assessment\nSafeguarding\nScore: 2\n");
    assert_eq!(report.authority.as_deref(), Some("Holmcastle City Council"));
    assert!(report.indicative);
}

/// Found by the `roundtrip` fuzzer (crash-724fc736), which then required the rendering of a
/// report with unplaced lines to have as many lines as the rendering of its parse: a stray
/// `- Assessing needs: Score 3` kept in the summary's other lines is rendered after the list,
/// where it is a list entry again and renders as two lines. That is the format, not a bug: the
/// fuzzer now checks that both parses keep every line, which holds.
#[test]
fn stray_list_lines_keep_every_line() {
    let found = saved_input("stray-list-lines.txt");
    let first = parse(&found);
    assert_lossless(&found, &first);
    let rendered = first.to_string();
    let second = parse(&rendered);
    assert_lossless(&rendered, &second);
    assert_eq!(second.authority, first.authority);
    assert_eq!(second.rating, first.rating);
}

/// Found by `report_like_strings_never_panic`: a report marked indicative by an
/// `Assessment start date:` line, whose header named `Score: Learning, improvement and
/// innovation`, was rendered with a pilot header (`<name> assessment`), which a name with a
/// comma cannot be, so the rendering was "not a report". The pilot form is now used only when
/// it reads back as one.
#[test]
fn indicative_report_with_a_comma_in_its_name() {
    let text = "Score: Score: Learning, improvement and innovation: local authority assessment\r\nAssessment start date: ";
    let report = parse(text);
    assert!(report.indicative);
    let rendered = report.to_string();
    assert!(
        rendered.starts_with(
            "Score: Score: Learning, improvement and innovation: local authority assessment\n"
        ),
        "{rendered}"
    );
    let again = parse(&rendered);
    assert_eq!(again.authority, report.authority);
    assert!(again.indicative);

    // A pilot's own header keeps its form.
    let pilot = assert_round_trip(
        "Holmcastle City Council assessment\nAssessment start date: 6 March 2023\nSafeguarding\nScore: 2\n",
    );
    assert!(
        pilot
            .to_string()
            .starts_with("Holmcastle City Council assessment\n")
    );
}

/// Found by the `roundtrip` fuzzer (crash-4887740f) within minutes of the fix above: the
/// renderer classified the would-be pilot header `- Partnerships ... assessment` with an empty
/// span, and the bullet branch of the classifier subtracted past zero (a panic while
/// rendering). It is now classified with its own span.
#[test]
fn indicative_report_with_a_bullet_header() {
    let text = "- Northmere Council: local authority assessment\nIndicative rating: Good\nSafeguarding\nScore: 3\n3 - Evidence shows a good standard\n";
    let report = assert_round_trip(text);
    assert!(report.indicative);
    assert_eq!(report.authority.as_deref(), Some("- Northmere Council"));
    assert!(
        report
            .to_string()
            .starts_with("- Northmere Council: local authority assessment\n")
    );
    let found = saved_input("indicative-report-with-a-bullet-header.txt");
    let report = parse(&found);
    assert_lossless(&found, &report);
    let rendered = report.to_string();
    assert_lossless(&rendered, &parse(&rendered));
}

/// Found by the `roundtrip` fuzzer (crash-34326a18): statements keep the order they first
/// appear in, but the renderer wrote every section after the summary's score list. A section
/// written before the list in the input came back after the listed statements, and one with
/// only its heading came back as one more list entry. Sections that came before the first
/// listed statement are now written before the summary.
#[test]
fn sections_before_the_score_list() {
    // A section with only its heading, then the list.
    let text = "Assessment published: 24 February 2025\nGovernance, management and sustainability\nQuality statement scores\nSupporting people to lead healthier lives\n";
    let report = assert_round_trip(text);
    let order: Vec<_> = report.statements.iter().map(|s| s.statement).collect();
    assert_eq!(
        order,
        [
            Q::GovernanceManagementAndSustainability,
            Q::SupportingHealthierLives
        ]
    );
    assert!(report.statements[0].section.is_some());
    assert!(report.statements[0].listed.is_none());
    assert!(report.statements[1].listed.is_some());
    let rendered = report.to_string();
    assert!(
        rendered.find("Governance").unwrap() < rendered.find("Overall summary").unwrap(),
        "{rendered}"
    );

    // A whole section before the list keeps its place too.
    let text = "Assessment published: 24 February 2025\nGovernance, management and sustainability\nScore: 2\n2 - Evidence shows some shortfalls\nQuality statement scores\nSupporting people to lead healthier lives\nScore: 3\n";
    let report = assert_round_trip(text);
    assert_eq!(
        report.statements[0].statement,
        Q::GovernanceManagementAndSustainability
    );
    assert_eq!(
        report.score(Q::GovernanceManagementAndSustainability),
        Score::new(2)
    );
    assert_eq!(report.score(Q::SupportingHealthierLives), Score::new(3));

    // A summary without a list: a heading-only section that came first stays a section.
    let text = "Governance, management and sustainability\nOverall summary\nGood\n";
    let report = assert_round_trip(text);
    assert!(report.statements[0].section.is_some());
    assert!(report.statements[0].listed.is_none());

    // The fuzzer's input: a fictional report with lines cut and spliced.
    let found = saved_input("sections-before-the-score-list.txt");
    assert_round_trip(&found);
}

/// Found by the `roundtrip` fuzzer (crash-2fdb0254): the first footer line read is the footer
/// and a later one is kept as navigation, but the renderer wrote navigation near the top and
/// the footer last, so the two swapped when read back. When navigation holds a footer line,
/// the footer is now written before it.
#[test]
fn repeated_footer_lines() {
    let text = "Safeguarding\n\u{a9}\n\u{a9} Care Quality Commission 2025\n";
    let report = assert_round_trip(text);
    assert!(report.lines.footer.is_some());
    assert_eq!(report.navigation.len(), 1);
    assert_eq!(
        report.navigation[0].text,
        "\u{a9} Care Quality Commission 2025"
    );
    let rendered = report.to_string();
    assert!(
        rendered.find("\u{a9} Care Quality Commission\n").unwrap()
            < rendered
                .find("\u{a9} Care Quality Commission 2025")
                .unwrap(),
        "{rendered}"
    );
    // One footer line stays at the end.
    let report = assert_round_trip("Safeguarding\nScore: 3\n\u{a9} Care Quality Commission\n");
    assert!(report.navigation.is_empty());
    assert!(
        report
            .to_string()
            .ends_with("Score: 3\n\n\u{a9} Care Quality Commission\n")
    );

    let found = saved_input("repeated-footer-lines.txt");
    assert_round_trip(&found);
}

/// Found by the `roundtrip` fuzzer (crash-843fbb02): a pilot header whose name ends in "local
/// authority" (`Ravensholme Council: local authority— assessment`) was written back as
/// `<name> assessment`, which reads as the usual `<X>: local authority assessment` header, so
/// the renderer fell back to that and the report lost its pilot (indicative) mark. It is now
/// written `<name> - assessment` when only that reads back as the pilot header.
#[test]
fn pilot_name_ending_in_local_authority() {
    let text = "Ravensholme Council: local authority\u{2014} assessment\nSafeguarding\nScore: 3\n";
    let report = assert_round_trip(text);
    assert!(report.indicative);
    assert_eq!(
        report.authority.as_deref(),
        Some("Ravensholme Council: local authority")
    );
    assert!(
        report
            .to_string()
            .starts_with("Ravensholme Council: local authority - assessment\n")
    );
    // A plain pilot name keeps the plain form.
    let report = assert_round_trip("Lindale County Council assessment\nSafeguarding\nScore: 3\n");
    assert!(
        report
            .to_string()
            .starts_with("Lindale County Council assessment\n")
    );

    let found = saved_input("pilot-name-ending-in-local-authority.txt");
    assert!(assert_round_trip(&found).indicative);
}

/// Found by the `roundtrip` fuzzer on fragments (`Safeguarding\nAbout Camden\n`): a statement
/// title with nothing under it, at the top, is a section (a section page's heading). The
/// renderer wrote "About" (or "Financial facts", a summary block, a theme introduction, the
/// score list) first and the title after it, where it read as a paragraph of that block: the
/// statement was lost, with no warning. Sections that can start only at the top or after
/// another section's head are now written first, with the sections before them.
#[test]
fn bare_section_before_about() {
    for block in [
        "About Northmere",
        "Financial facts",
        "Summary of people's experiences",
        "Summary of strengths, areas for development and next steps",
        "Theme 1: How Northmere works with people",
        "Quality statement scores",
    ] {
        let text = format!("Safeguarding\n{block}\n");
        let report = assert_round_trip(&text);
        let order: Vec<Q> = report.statements.iter().map(|s| s.statement).collect();
        assert_eq!(order, [Q::Safeguarding], "{block}");
        assert!(report.statements[0].section.is_some(), "{block}");
        assert!(parse(&text).warnings.is_empty(), "{block}");
        let rendered = report.to_string();
        assert!(rendered.starts_with("Safeguarding\n\n"), "{rendered}");
    }
    // A section with only a score reads as a list entry after the summary's heading.
    let report = assert_round_trip("Safeguarding\nScore: 2\nOverall summary\n");
    assert!(report.statements[0].listed.is_none());
    assert_eq!(report.score(Q::Safeguarding), Score::new(2));
    // A bare duplicate section stays a section too.
    let report = assert_round_trip(
        "Governance, management and sustainability\nGovernance, management and sustainability\nQuality statement scores\n",
    );
    assert_eq!(report.duplicates.len(), 1);
    assert!(report.statements[0].listed.is_none());
    // A section that starts itself (a descriptor follows its title) keeps the published
    // layout, after the summary.
    let text = "Safeguarding\nScore: 3\n3 - Evidence shows a good standard\nAbout Northmere\n";
    let rendered = assert_round_trip(text).to_string();
    assert!(rendered.starts_with("About Northmere\n"), "{rendered}");

    let found = saved_input("bare-section-before-about.txt");
    let report = assert_round_trip(&found);
    assert_eq!(report.statements.len(), 2);
    assert!(report.statements.iter().all(|s| s.section.is_some()));
    assert!(report.about.is_some() && report.financial_facts.is_some());
    assert_eq!(report.about.as_ref().unwrap().paragraphs.len(), 1);
}

/// Found by the `roundtrip` fuzzer on fragments
/// (`x Camden scored 78 out of 100 overall\n\nCamden scored 78 out of 100 overall\n`): the
/// first `... scored N out of 100 overall` line is the overall score and the second, running
/// text in the summary, became the summary's name line. The renderer writes the name line
/// before the score, so read back it was the score, the `Score: 78` after it one more line.
/// The name line is now plain text only; the second `scored` line is unplaced.
#[test]
fn scored_line_after_the_overall_score() {
    for text in [
        "x Northmere scored 78 out of 100 overall\n\nNorthmere scored 78 out of 100 overall\n",
        "Northmere scored 78 out of 100 overall\nx Northmere scored 78 out of 100 overall\n",
        "Local authority rating and score\nScore: 78\nNorthmere scored 78 out of 100 overall\n",
    ] {
        let report = assert_round_trip(text);
        assert_eq!(report.overall_score, Some(78), "{text}");
        let summary = report.summary.as_ref().unwrap();
        assert_eq!(summary.authority, None, "{text}");
        assert_eq!(summary.other.len(), 1, "{text}");
        assert!(
            summary.other[0].text.contains("scored 78 out of 100"),
            "{text}"
        );
        // The round trip clears the warnings: read them from a parse of its own.
        let warnings = parse(text).warnings;
        let ids: Vec<&str> = warnings.iter().map(|w| w.kind.id()).collect();
        assert_eq!(ids, ["unplaced_line"], "{text}");
        let rendered = report.to_string();
        assert_eq!(rendered.matches("Score: 78").count(), 1, "{rendered}");
        assert_eq!(parse(&rendered).warnings.len(), 1, "{rendered}");
    }

    let found = saved_input("scored-line-after-the-overall-score.txt");
    let report = assert_round_trip(&found);
    assert_eq!(report.overall_score, Some(61));
    assert_eq!(report.authority.as_deref(), Some("Ashby Fold Council"));
    assert_eq!(report.score(Q::Safeguarding), Score::new(3));
    let other = &report.summary.as_ref().unwrap().other;
    assert_eq!(other.len(), 1);
    assert_eq!(
        other[0].text,
        "Ashby Fold Council scored 61 out of 100 overall"
    );
}

/// Found with the `roundtrip` property on lines drawn from the fixtures: whether a short line
/// in the key findings is a subheading depends on the line after it, and whether a statement
/// title starts a section on the lines after it; page furniture ("Back to top", the footer)
/// between them was counted, though rendering moves it away. Furniture is now skipped when
/// looking ahead.
#[test]
fn furniture_beside_a_subheading() {
    let text = "Sedgebury City Council: local authority assessment\nPartnerships and communities\nScore: 3\n3 - Evidence shows a good standard\nKey findings for this quality statement\nWorking with the voluntary sector\nBack to top\nThe council funded community hubs with local charities.\n";
    let report = assert_round_trip(text);
    let section = report.statements[0].section.as_ref().unwrap();
    let groups = &section.findings.as_ref().unwrap().groups;
    assert_eq!(groups.len(), 1);
    assert_eq!(
        groups[0].subheading.as_ref().map(cqc_la::Text::as_str),
        Some("Working with the voluntary sector")
    );
    assert_eq!(groups[0].paragraphs.len(), 1);

    let found = saved_input("furniture-beside-a-subheading.txt");
    let report = assert_round_trip(&found);
    assert!(parse(&found).warnings.is_empty());
    // After "About", a title with furniture before its score still starts a section.
    assert_eq!(report.score(Q::Safeguarding), Score::new(3));
    assert_eq!(report.about.as_ref().unwrap().paragraphs.len(), 1);
    let navigation: Vec<&str> = report.navigation.iter().map(|t| t.as_str()).collect();
    assert_eq!(navigation, ["Back to top", "Downloads"]);
}

/// Found with the `roundtrip` property on fragments: a line that begins with a byte order mark
/// after the file's own keeps it in its text; written first, it lost it when read back (a
/// leading mark is the file's). The rendering now adds one in front.
#[test]
fn byte_order_mark_twice() {
    let found = saved_input("byte-order-mark-twice.txt");
    let report = assert_round_trip(&found);
    let about = report.about.as_ref().unwrap();
    assert_eq!(about.heading.text, "\u{feff}About Castlereach Council");
    assert!(report.to_string().starts_with("\u{feff}\u{feff}About"));
}

/// The renderer no longer asks the parser how a line reads: it writes the header in the form
/// the report had (`ReportLines::pilot_header`). A report marked indicative by its score lines
/// alone used to get a pilot header to carry the mark; it now keeps its header and its score
/// lines say "Indicative score".
#[test]
fn indicative_scores_only() {
    let found = saved_input("indicative-scores-only.txt");
    let report = assert_round_trip(&found);
    assert!(report.indicative);
    assert!(!report.lines.pilot_header);
    let rendered = report.to_string();
    assert!(
        rendered.starts_with("Brackwater Council: local authority assessment\n"),
        "{rendered}"
    );
    assert_eq!(
        rendered.matches("Indicative score: ").count(),
        2,
        "{rendered}"
    );

    // Without a header as well.
    let report = assert_round_trip("Safeguarding\nIndicative score: 3\n");
    assert!(report.indicative);
    // When the start date says it, scores are written plainly.
    let report = assert_round_trip(
        "Holmcastle City Council assessment\nAssessment start date: 6 March 2023\nSafeguarding\nIndicative score: 2\n",
    );
    assert!(report.lines.pilot_header);
    let rendered = report.to_string();
    assert!(rendered.contains("\nScore: 2\n"), "{rendered}");
}

/// Found by the `roundtrip` fuzzer (crash-3823c8ac) after the fix above: a date line between a
/// short line and a paragraph of the key findings kept the short line from being a subheading,
/// but rendering writes the date at the top. The look-ahead now skips every report-level line
/// (navigation, footer, header, publication and start dates), not only furniture.
#[test]
fn published_line_beside_a_subheading() {
    let text = "Northmere Council: local authority assessment\nSafeguarding\nScore: 3\n3 - Evidence shows a good standard\nKey findings for this quality statement\nWorking with families\nAssessment published: 3 July 2024\nstaff met families at home.\n";
    let report = assert_round_trip(text);
    let section = report.statements[0].section.as_ref().unwrap();
    let groups = &section.findings.as_ref().unwrap().groups;
    assert_eq!(groups.len(), 1);
    assert_eq!(
        groups[0].subheading.as_ref().map(cqc_la::Text::as_str),
        Some("Working with families")
    );
    assert_eq!(report.published.unwrap().to_string(), "2024-07-03");

    let found = saved_input("published-line-beside-a-subheading.txt");
    let report = assert_round_trip(&found);
    let section = report.statements[0].section.as_ref().unwrap();
    let groups = &section.findings.as_ref().unwrap().groups;
    assert_eq!(
        groups[0].subheading.as_ref().map(cqc_la::Text::as_str),
        Some("Tht")
    );
}

/// Found by the `roundtrip` fuzzer (crash-42ccf067) after sections that start only at the top
/// were moved there: a section with only its title came after a duplicate section, which the
/// renderer writes last, so it followed its statement's first section, whose block took it as
/// a paragraph. The run of sections written at the top now takes a duplicate between two
/// statements' sections when the next one could not follow otherwise.
#[test]
fn bare_section_after_a_duplicate() {
    let text = "Governance, management and sustainability\nThe local authority commitment\nWe plan well.\nGovernance, management and sustainability\nScore: 2\nSupporting people to lead healthier lives\n";
    let report = assert_round_trip(text);
    let order: Vec<Q> = report.statements.iter().map(|s| s.statement).collect();
    assert_eq!(
        order,
        [
            Q::GovernanceManagementAndSustainability,
            Q::SupportingHealthierLives
        ]
    );
    assert!(report.statements[1].section.is_some());
    assert_eq!(report.duplicates.len(), 1);
    assert_eq!(
        report.duplicates[0].section.as_ref().and_then(|s| s.score),
        Score::new(2)
    );
    let rendered = report.to_string();
    let duplicate_at = rendered.find("Score: 2").unwrap();
    assert!(
        duplicate_at < rendered.find("Supporting people").unwrap(),
        "{rendered}"
    );

    let found = saved_input("bare-section-after-a-duplicate.txt");
    let report = assert_round_trip(&found);
    assert_eq!(report.statements.len(), 2);
    assert_eq!(report.duplicates.len(), 1);
}

/// Found by the `roundtrip` fuzzer (crash-5405c565): text after the date on a published line
/// is split off as navigation when it is page furniture, judged by its words alone; on a line
/// of its own the classifier reads no line longer than a heading as furniture, so the
/// rendering's navigation line was unplaced text. The split now makes the classifier's test,
/// limits included.
#[test]
fn published_line_with_long_furniture() {
    let tail = format!("Page last updated {}", "and reviewed ".repeat(9));
    let text = format!(
        "Northmere Council: local authority assessment\nDownloads Assessment published: 6 July 2024 {tail}\nSafeguarding\nScore: 3\n"
    );
    let report = assert_round_trip(&text);
    assert_eq!(report.published, None);
    assert!(report.navigation.is_empty(), "{:?}", report.navigation);
    assert_eq!(report.other.len(), 1);
    // Short furniture is still split off.
    let text = "Northmere Council: local authority assessment\nDownloads Assessment published: 6 July 2024 Page last updated 7 July 2024\nSafeguarding\nScore: 3\n";
    let report = assert_round_trip(text);
    assert_eq!(report.published.unwrap().to_string(), "2024-07-06");
    let navigation: Vec<&str> = report.navigation.iter().map(|t| t.as_str()).collect();
    assert_eq!(navigation, ["Downloads", "Page last updated 7 July 2024"]);

    let found = saved_input("published-line-with-long-furniture.txt");
    assert!(
        Report::parse(&found).is_err(),
        "a line of prose is no report"
    );
}

/// Found by the `roundtrip` fuzzer (crash-d8a84029, then crash-85c58171): `Theme 0local
/// authority assessment` is a header naming `Theme 0` (no separator follows the number, so it
/// is no theme heading), and its rendering `Theme 0: local authority assessment` read as a
/// theme heading with a number out of range, so the rendering was "not a report"; the same
/// with `publishedlocal authority assessment` and a published line without a date. A line
/// ending in "local authority assessment" is now the header before it is anything else.
#[test]
fn header_that_reads_as_a_theme() {
    let found = saved_input("header-that-reads-as-a-theme.txt");
    let report = assert_round_trip(&found);
    assert_eq!(report.authority.as_deref(), Some("Theme 0"));
    assert_eq!(report.to_string(), "Theme 0: local authority assessment\n");
    let report = assert_round_trip("Theme 2: local authority assessment\nSafeguarding\nScore: 3\n");
    assert_eq!(report.authority.as_deref(), Some("Theme 2"));
    assert!(report.themes.is_empty());
    let found = saved_input("header-named-published.txt");
    let report = assert_round_trip(&found);
    assert_eq!(report.authority.as_deref(), Some("published"));
    assert_eq!(report.published, None);
    // A theme heading is still one.
    let report = assert_round_trip("Theme 2: Providing support\nSafeguarding\nScore: 3\n");
    assert_eq!(report.authority, None);
    assert_eq!(report.themes.len(), 1);
}

/// Found by the `roundtrip` fuzzer (crash-905e4bed): a section with only a title and a score,
/// read after a theme introduction, was written right after the summary's score list (its
/// theme comes before the introduction's), where a title and a score are one more list entry.
/// When the first section after the summary blocks cannot start anywhere, the next theme
/// introduction is now written before it or, without one, "About" and "Financial facts" go
/// after the summary.
#[test]
fn score_only_section_after_the_list() {
    let list = "Overall summary\nQuality statement scores\nAssessing needs\nScore: 3\n";
    let section = "Care provision, integration and continuity\nScore: 3\n";
    for between in [
        "Theme 3: How Northmere ensures safety\n",
        "About Northmere\n",
    ] {
        let text = format!("{list}{between}{section}");
        let report = assert_round_trip(&text);
        let care = report
            .statement(Q::CareProvisionIntegrationAndContinuity)
            .unwrap();
        assert!(care.listed.is_none(), "{between}");
        assert_eq!(care.score(), Score::new(3));
        assert!(parse(&text).warnings.is_empty(), "{between}");
        let rendered = report.to_string();
        let care_at = rendered.find("Care provision").unwrap();
        assert!(
            rendered.find(between.trim_end()).unwrap() < care_at,
            "{rendered}"
        );
    }
    // With a summary block between, the published order stays.
    let text = format!(
        "{list}About Northmere\nSummary of people's experiences\nPeople felt heard.\n{section}"
    );
    let rendered = assert_round_trip(&text).to_string();
    assert!(rendered.starts_with("About Northmere\n"), "{rendered}");

    let found = saved_input("score-only-section-after-the-list.txt");
    let report = assert_round_trip(&found);
    let care = report
        .statement(Q::CareProvisionIntegrationAndContinuity)
        .unwrap();
    assert!(care.listed.is_none() && care.section.is_some());
    assert_eq!(report.themes.len(), 2);
}

/// Found by the `roundtrip` fuzzer (crash-096243fb): a byte order mark before
/// `Assessment published:` on a later line counted as text before the label, so the line was
/// no published line; read as a pilot header, its rendering (names are normalised, the mark
/// dropped) was a published line without a date, and not a report. Text around the label that
/// normalisation drops (the mark, markdown `**`) is now no text.
#[test]
fn byte_order_mark_before_a_published_label() {
    let found = saved_input("byte-order-mark-before-a-published-label.txt");
    let err = Report::parse(&found).unwrap_err();
    assert!(matches!(err.kind(), cqc_la::ParseErrorKind::NotAReport));
    // A published line in bold is one.
    let text = "Northmere Council: local authority assessment\n**Assessment published: 3 July 2024**\n\u{feff}Assessment published: 3 July 2024\nSafeguarding\nScore: 3\n";
    let report = assert_round_trip(text);
    assert_eq!(report.published.unwrap().to_string(), "2024-07-03");
    let navigation: Vec<&str> = report.navigation.iter().map(|t| t.as_str()).collect();
    assert_eq!(navigation, ["\u{feff}Assessment published: 3 July 2024"]);
}

/// Found by the `roundtrip` fuzzer (crash-ba843ddc): an indented line after a bullet continues
/// it, and the two are joined; written back on one line, `- RC` and `local authority
/// assessment` made a header. A continuation is now joined only when the joined line reads as
/// running text (or a bullet) on its own; otherwise it is a paragraph of its own.
#[test]
fn wrapped_bullet_that_joins_into_a_header() {
    let found = saved_input("wrapped-bullet-that-joins-into-a-header.txt");
    let report = assert_round_trip(&found);
    assert_eq!(report.authority, None);
    let section = report.statements[0].section.as_ref().unwrap();
    let paragraphs: Vec<&str> = section.findings.as_ref().unwrap().groups[0]
        .paragraphs
        .iter()
        .map(|t| t.as_str())
        .collect();
    assert_eq!(paragraphs, ["- RC", "local authority assessment"]);

    // In "About", `- About` and `Northmere` would make a heading; in "Financial facts" the
    // item is written back with its marker.
    let text = "About Northmere\n- About\n  Northmere\nFinancial facts\n- Assessing\n  needs\n- The council spent\n  £4,000 on care.\n";
    let report = assert_round_trip(text);
    let about: Vec<&str> = report
        .about
        .as_ref()
        .unwrap()
        .paragraphs
        .iter()
        .map(|t| t.as_str())
        .collect();
    assert_eq!(about, ["- About", "Northmere"]);
    let facts = report.financial_facts.as_ref().unwrap();
    let items: Vec<&str> = facts.items.iter().map(|t| t.as_str()).collect();
    assert_eq!(items, ["Assessing", "The council spent £4,000 on care."]);
    let notes: Vec<&str> = facts.notes.iter().map(|t| t.as_str()).collect();
    assert_eq!(notes, ["needs"]);
}
