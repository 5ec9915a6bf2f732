//! Canonical CQC-format text: the inverse of parsing.
//!
//! `Display` for [`Report`] writes the blank-line-separated layout of a full report. A
//! structural line is written when the model says it was there (its `Option<Origin>` is
//! `Some`) or when it carries a value, so parsing the rendering gives back an equal report.
//!
//! It reads the model alone, never the parser: what it must know about the text a report came
//! from (the header's form, a repeated footer) is recorded in [`crate::model::ReportLines`]
//! (see `docs/architecture.md`, "Why render needs no parser").

use std::fmt::{self, Display, Write};

use crate::model::{
    Block, Findings, QualityStatement, Report, Section, Statement, Text, ThemeIntro,
};

struct Out<'a, 'b> {
    f: &'a mut fmt::Formatter<'b>,
    first: bool,
    /// How score lines begin: `Score` or, when only they can say the report is indicative,
    /// `Indicative score`.
    score_label: &'static str,
}

impl Out<'_, '_> {
    fn line(&mut self, text: impl Display) -> fmt::Result {
        if !self.first {
            self.f.write_str("\n\n")?;
            return write!(self.f, "{text}");
        }
        self.first = false;
        // A byte order mark at the very start is the file's, not the text's, and is dropped
        // when read back: a first line that begins with one gets one more in front.
        let text = text.to_string();
        if text.starts_with(BOM) {
            self.f.write_char(BOM)?;
        }
        self.f.write_str(&text)
    }

    fn score(&mut self, score: impl Display) -> fmt::Result {
        let label = self.score_label;
        self.line(format_args!("{label}: {score}"))
    }

    fn texts(&mut self, texts: &[Text]) -> fmt::Result {
        texts.iter().try_for_each(|t| self.line(&t.text))
    }

    fn block(&mut self, heading: &str, block: Option<&Block>) -> fmt::Result {
        if let Some(block) = block {
            self.line(heading)?;
            self.texts(&block.paragraphs)?;
        }
        Ok(())
    }
}

impl Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = Out {
            f,
            first: true,
            score_label: score_label(self),
        };
        render(self, &mut out)?;
        out.f.write_char('\n')
    }
}

/// How score lines begin. A report is indicative (a 2023 pilot's) when its header has the
/// pilot form, it has an assessment start date, or its rating or a score line says
/// "Indicative". The rendering writes the first three as they were; when it has none of them,
/// its score lines say "Indicative score", or the mark would be lost.
fn score_label(report: &Report) -> &'static str {
    let header = report.lines.header.is_some() && report.authority.is_some();
    let marked = (header && report.lines.pilot_header)
        || report.assessment_start.is_some()
        || (report.summary.is_some() && report.rating.is_some());
    if report.indicative && !marked {
        "Indicative score"
    } else {
        "Score"
    }
}

/// The byte order mark.
const BOM: char = '\u{feff}';

/// The footer line as reports print it.
const FOOTER: &str = "© Care Quality Commission";

fn render(report: &Report, out: &mut Out<'_, '_>) -> fmt::Result {
    // The first footer line read is the footer and any later one is kept as navigation: when
    // there was a later one, the footer is written before the navigation (at the end it would
    // be read back as navigation, and the navigation line as the footer).
    let footer_first = report.lines.footer.is_some() && report.lines.footer_repeated;
    render_head(report, footer_first, out)?;
    // Sections that must come first (see `Early`).
    let early = Early::of(report);
    for section in &early.sections {
        render_section(section, out)?;
    }
    // A section that would follow the score list directly, and read as one more entry, gets a
    // theme introduction before it or, without one, "About" and "Financial facts".
    let apart = after_list_apart(report, &early);
    let about_after = apart && report.themes.is_empty();
    if !about_after {
        render_about(report, out)?;
    }
    render_summary(report, out)?;
    if about_after {
        render_about(report, out)?;
    }
    out.block(
        "Summary of people's experiences",
        report.experiences.as_ref(),
    )?;
    out.block(
        "Summary of strengths, areas for development and next steps",
        report.strengths.as_ref(),
    )?;
    render_sections(report, &early, apart && !about_after, out)?;
    if report.lines.footer.is_some() && !footer_first {
        out.line(FOOTER)?;
    }
    Ok(())
}

/// The header, the date lines, the navigation and the opening lines the parser could not
/// place.
fn render_head(report: &Report, footer_first: bool, out: &mut Out<'_, '_>) -> fmt::Result {
    if let (Some(_), Some(authority)) = (&report.lines.header, &report.authority) {
        out.line(header(authority, report.lines.pilot_header))?;
    }
    if let Some(date) = report.published {
        out.line(format_args!(
            "Assessment published: {}",
            date.to_report_format()
        ))?;
    }
    if let Some(date) = report.assessment_start {
        out.line(format_args!(
            "Assessment start date: {}",
            date.to_report_format()
        ))?;
    }
    if footer_first {
        out.line(FOOTER)?;
    }
    // Navigation after the date lines: a repeated `Assessment published:` line kept as
    // navigation must not come first and become the publication date.
    out.texts(&report.navigation)?;
    out.texts(&report.other)
}

/// "About" and "Financial facts".
fn render_about(report: &Report, out: &mut Out<'_, '_>) -> fmt::Result {
    if let Some(about) = &report.about {
        out.line(&about.heading.text)?;
        if about.demographics.is_some() {
            out.line("Demographics")?;
        }
        out.texts(&about.paragraphs)?;
    }
    if let Some(facts) = &report.financial_facts {
        out.line("Financial facts")?;
        for item in &facts.items {
            out.line(format_args!("- {}", item.text))?;
        }
        out.texts(&facts.notes)?;
    }
    Ok(())
}

/// The sections not written at the top, with the theme introductions, then the remaining
/// duplicates.
///
/// Sections in report order and theme introductions in report order, merged: an introduction
/// goes before the first section of a later or equal theme. The model keeps each order, not
/// how they interleave, so a merge of sections that start anywhere parses back the same (the
/// others went to the top, see `Early`); this one gives the published layout (Theme 1, its
/// sections, Theme 2, ...).
fn render_sections(
    report: &Report,
    early: &Early<'_>,
    theme_first: bool,
    out: &mut Out<'_, '_>,
) -> fmt::Result {
    let mut themes = report.themes.iter().peekable();
    if theme_first {
        if let Some(theme) = themes.next() {
            render_theme(theme, out)?;
        }
    }
    let later = report.statements.get(early.statements..);
    for statement in later.into_iter().flatten().filter(|s| s.section.is_some()) {
        while let Some(theme) = themes.next_if(|t| t.theme <= statement.statement.theme()) {
            render_theme(theme, out)?;
        }
        render_section(statement, out)?;
    }
    for theme in themes {
        render_theme(theme, out)?;
    }
    let duplicates = report.duplicates.get(early.duplicates..);
    for duplicate in duplicates.into_iter().flatten() {
        render_section(duplicate, out)?;
    }
    Ok(())
}

/// Whether the first section written after the summary blocks would come right after the
/// score list (no summary block between) and read there as one more list entry: a section
/// that cannot start anywhere (see [`starts_anywhere`]), such as a title with only a score.
/// The model does not keep what stood between the list and the section (a theme
/// introduction, "About"), so something else the report holds is written between them.
fn after_list_apart(report: &Report, early: &Early<'_>) -> bool {
    if report.summary.is_none() || report.experiences.is_some() || report.strengths.is_some() {
        return false;
    }
    let later = report.statements.get(early.statements..);
    let duplicates = report.duplicates.get(early.duplicates..);
    let first = later
        .into_iter()
        .flatten()
        .find_map(|s| s.section.as_ref())
        .or_else(|| {
            // Without later sections, the duplicates follow the theme introductions.
            let after_themes = duplicates.into_iter().flatten();
            after_themes
                .filter(|_| report.themes.is_empty())
                .find_map(|s| s.section.as_ref())
        });
    first.is_some_and(|s| !starts_anywhere(s))
}

/// The header line in the form the report printed it. A pilot's `<Authority> assessment` gets
/// a dash before "assessment" when the name itself ends in "local authority": without it the
/// line would read as the usual `<Authority>: local authority assessment` header of a shorter
/// name.
fn header(authority: &str, pilot: bool) -> String {
    const LOCAL_AUTHORITY: &[u8] = b"local authority";
    let name = authority.as_bytes();
    let ends_local_authority = name.len() >= LOCAL_AUTHORITY.len()
        && name[name.len() - LOCAL_AUTHORITY.len()..].eq_ignore_ascii_case(LOCAL_AUTHORITY);
    match (pilot, ends_local_authority) {
        (false, _) => format!("{authority}: local authority assessment"),
        (true, false) => format!("{authority} assessment"),
        (true, true) => format!("{authority} - assessment"),
    }
}

/// The sections written at the top, before "About", "Financial facts", the summary, the two
/// summary blocks and the theme introductions: a leading run of the statements' sections with
/// a leading run of the duplicates merged in, in the order to write them.
///
/// A section is read as one only where its title can start a section. Any title can at the
/// top and right after a section's head; elsewhere only one followed (after its score, if it
/// has one) by a descriptor or a block label can (see [`starts_anywhere`]). The model keeps the
/// order of the statements and the order of the duplicates, not where the other blocks stood
/// between them, so writing a leading run of sections at the top changes nothing read back.
/// Two rules move sections there:
///
/// - Statements are kept in the order they first appeared, so those before the first listed
///   one appeared before the score list: written after it, they would come after the listed
///   ones when read back.
/// - A section that cannot start anywhere (a title alone, or with only a score, say) was read
///   in a run of sections from the top or after another section's head; it goes to the top
///   with the sections before it. Each section of the run must be able to follow the one
///   before (see [`follows`]); where the next statement's cannot, a duplicate section (after
///   its statement's own) may come between, as it did in the text the report was read from.
#[derive(Debug, Default)]
struct Early<'r> {
    /// The sections to write at the top, in order.
    sections: Vec<&'r Statement>,
    /// How many statements, from the first, those are.
    statements: usize,
    /// How many duplicates, from the first, those are.
    duplicates: usize,
}

impl<'r> Early<'r> {
    fn of(report: &'r Report) -> Self {
        let listed_rule = match (
            &report.summary,
            report.statements.iter().position(|s| s.listed.is_some()),
        ) {
            (Some(_), Some(first_listed)) => first_listed,
            _ => 0,
        };
        let mut run = Early::default();
        // The statements whose own sections are in the run (at most nine).
        let mut mains = Vec::new();
        // How far the run must go: its length and counts after the last section that must be
        // at the top.
        let mut cut = (0, 0, 0);
        let mut after_blocks = false;
        loop {
            let forced = run.statements < listed_rule;
            let admitted = |s: &Statement| {
                s.section
                    .as_ref()
                    .is_some_and(|section| follows(after_blocks, section))
            };
            let item = match report.statements.get(run.statements) {
                Some(s) if forced || admitted(s) => {
                    run.statements += 1;
                    mains.push(s.statement);
                    s
                }
                _ => match report.duplicates.get(run.duplicates) {
                    Some(d) if admitted(d) && mains.contains(&d.statement) => {
                        run.duplicates += 1;
                        d
                    }
                    _ => break,
                },
            };
            let Some(section) = &item.section else {
                continue;
            };
            run.sections.push(item);
            after_blocks = has_blocks(section);
            if forced || !starts_anywhere(section) {
                cut = (run.sections.len(), run.statements, run.duplicates);
            }
        }
        run.sections.truncate(cut.0);
        Early {
            sections: run.sections,
            statements: cut.1,
            duplicates: cut.2,
        }
    }
}

/// Whether a section's title starts a section right after another section written from the
/// top: any title does after a section's head, but after a section's block ("What people
/// expect", ...) only one followed by a score, a descriptor or a block label does (any other
/// would join the block as a paragraph).
fn follows(after_blocks: bool, section: &Section) -> bool {
    !after_blocks
        || section.score.is_some()
        || section.descriptor.is_some()
        || (section.other.is_empty() && has_blocks(section))
}

fn has_blocks(section: &Section) -> bool {
    section.expectations.is_some() || section.commitment.is_some() || section.findings.is_some()
}

/// Whether a section's title reads as a section heading wherever it is written: the line
/// after it (after its score, if it has one) is a descriptor or a block label. In the overall
/// summary a title followed by a score alone is a list entry, and in a block a title followed
/// by running text is running text.
fn starts_anywhere(section: &Section) -> bool {
    section.descriptor.is_some() || (section.other.is_empty() && has_blocks(section))
}

fn render_summary(report: &Report, out: &mut Out<'_, '_>) -> fmt::Result {
    let Some(summary) = &report.summary else {
        return Ok(());
    };
    out.line("Overall summary")?;
    if summary.rating_heading.is_some() {
        out.line("Local authority rating and score")?;
    }
    if let Some(name) = &summary.authority {
        out.line(&name.text)?;
    }
    if let Some(rating) = report.rating {
        if report.indicative {
            out.line(format_args!("Indicative rating: {rating}"))?;
        } else {
            out.line(rating)?;
        }
    }
    if let Some(score) = report.overall_score {
        out.score(score)?;
    }
    if summary.scores_heading.is_some() {
        out.line("Quality statement scores")?;
    }
    for statement in &report.statements {
        if let Some(listed) = &statement.listed {
            out.line(statement.statement.title())?;
            if let Some(score) = listed.score {
                out.score(score)?;
            }
        }
    }
    // Lines the parser could not place go last: before the score list, a stray `Score: N`
    // would read as the overall score and a statement title as its list entry.
    out.texts(&summary.other)
}

fn render_theme(theme: &ThemeIntro, out: &mut Out<'_, '_>) -> fmt::Result {
    out.line(format_args!(
        "Theme {}: {}",
        theme.theme.number(),
        theme.title.text
    ))?;
    if theme.includes.is_some() {
        out.line("This theme includes these quality statements:")?;
    }
    for (statement, _) in &theme.listed {
        out.line(format_args!("- {}", statement.title()))?;
    }
    if theme.note.is_some() {
        out.line("We may not always review all quality statements during every assessment.")?;
    }
    out.texts(&theme.other)
}

fn render_section(statement: &Statement, out: &mut Out<'_, '_>) -> fmt::Result {
    let Some(section) = &statement.section else {
        return Ok(());
    };
    render_section_body(statement.statement, section, out)
}

fn render_section_body(
    qs: QualityStatement,
    section: &Section,
    out: &mut Out<'_, '_>,
) -> fmt::Result {
    out.line(qs.title())?;
    if let Some(score) = section.score {
        out.score(score)?;
    }
    if let Some(descriptor) = &section.descriptor {
        out.line(&descriptor.text.text)?;
    }
    out.texts(&section.other)?;
    out.block("What people expect", section.expectations.as_ref())?;
    out.block(
        "The local authority commitment",
        section.commitment.as_ref(),
    )?;
    if let Some(Findings { groups, .. }) = &section.findings {
        out.line("Key findings for this quality statement")?;
        for group in groups {
            if let Some(subheading) = &group.subheading {
                out.line(&subheading.text)?;
            }
            out.texts(&group.paragraphs)?;
        }
    }
    Ok(())
}
