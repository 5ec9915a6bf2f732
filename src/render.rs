//! Canonical CQC-format text: the inverse of parsing.
//!
//! `Display` for [`Report`] writes the blank-line-separated layout of a full report. A
//! structural line is written when the model says it was there (its `Option<Origin>` is
//! `Some`) or when it carries a value, so parsing the rendering gives back an equal report.

use std::fmt::{self, Display, Write};

use crate::model::{
    Block, Findings, QualityStatement, Report, Section, Statement, Text, ThemeIntro,
};

struct Out<'a, 'b> {
    f: &'a mut fmt::Formatter<'b>,
    first: bool,
}

impl Out<'_, '_> {
    fn line(&mut self, text: impl Display) -> fmt::Result {
        if !self.first {
            self.f.write_str("\n\n")?;
        }
        self.first = false;
        write!(self.f, "{text}")
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
        let mut out = Out { f, first: true };
        render(self, &mut out)?;
        out.f.write_char('\n')
    }
}

/// The footer line as reports print it.
const FOOTER: &str = "© Care Quality Commission";

fn render(report: &Report, out: &mut Out<'_, '_>) -> fmt::Result {
    if let (Some(_), Some(authority)) = (&report.lines.header, &report.authority) {
        // A pilot's `<Authority> assessment` when it reads back as one (with a dash when the
        // name itself ends in "local authority"); otherwise (a name with commas, say, in a
        // report marked indicative by its start date) the usual header.
        let pilot = [
            format!("{authority} assessment"),
            format!("{authority} - assessment"),
        ]
        .into_iter()
        .find(|pilot| {
            matches!(
                crate::parse::lines::classify(pilot, crate::Span::new(0, pilot.len())),
                crate::parse::lines::Kind::PilotHeader(name) if name == *authority
            )
        });
        if let (true, Some(pilot)) = (report.indicative, pilot) {
            out.line(pilot)?;
        } else {
            out.line(format_args!("{authority}: local authority assessment"))?;
        }
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
    // The first footer line read is the footer and any later one is kept as navigation: when
    // navigation holds such a line, the footer is written before it (at the end it would be
    // read back as navigation, and the navigation line as the footer).
    let footer_first = report.lines.footer.is_some()
        && report.navigation.iter().any(|t| {
            matches!(
                crate::parse::lines::classify(&t.text, crate::Span::new(0, t.text.len())),
                crate::parse::lines::Kind::Footer
            )
        });
    if footer_first {
        out.line(FOOTER)?;
    }
    // Navigation after the date lines: a repeated `Assessment published:` line kept as
    // navigation must not come first and become the publication date.
    out.texts(&report.navigation)?;
    out.texts(&report.other)?;
    // Sections that came before the summary's list are written before the summary (see
    // `before_summary`).
    let early = before_summary(report);
    for statement in report.statements.get(..early).unwrap_or_default() {
        render_section(statement, out)?;
    }
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
    render_summary(report, out)?;
    out.block(
        "Summary of people's experiences",
        report.experiences.as_ref(),
    )?;
    out.block(
        "Summary of strengths, areas for development and next steps",
        report.strengths.as_ref(),
    )?;
    // Sections in report order, and theme introductions in report order, merged: an
    // introduction goes before the first section of a later or equal theme. The model keeps
    // each order, not how they interleave, so any merge parses back the same; this one gives
    // the published layout (Theme 1, its sections, Theme 2, ...).
    let mut themes = report.themes.iter().peekable();
    let later = report.statements.get(early..).unwrap_or_default();
    for statement in later.iter().filter(|s| s.section.is_some()) {
        while let Some(theme) = themes.next_if(|t| t.theme <= statement.statement.theme()) {
            render_theme(theme, out)?;
        }
        render_section(statement, out)?;
    }
    for theme in themes {
        render_theme(theme, out)?;
    }
    for duplicate in &report.duplicates {
        render_section(duplicate, out)?;
    }
    if report.lines.footer.is_some() && !footer_first {
        out.line(FOOTER)?;
    }
    Ok(())
}

/// How many statements, from the first, to write before the summary. Statements are kept in
/// the order they first appeared, so those before the first listed one appeared before the
/// score list: written after it, they would come after the listed ones when read back, and a
/// section with only its heading would read as one more list entry. Without a list, only the
/// leading sections with nothing but a heading are moved (after the summary's heading they
/// would read as list entries).
fn before_summary(report: &Report) -> usize {
    if report.summary.is_none() {
        return 0;
    }
    let bare = |s: &Statement| {
        s.section.as_ref().is_some_and(|s| {
            s.score.is_none()
                && s.descriptor.is_none()
                && s.expectations.is_none()
                && s.commitment.is_none()
                && s.findings.is_none()
                && s.other.is_empty()
        })
    };
    match report.statements.iter().position(|s| s.listed.is_some()) {
        Some(first_listed) => first_listed,
        None => report.statements.iter().take_while(|s| bare(s)).count(),
    }
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
        out.line(format_args!("Score: {score}"))?;
    }
    if summary.scores_heading.is_some() {
        out.line("Quality statement scores")?;
    }
    for statement in &report.statements {
        if let Some(listed) = &statement.listed {
            out.line(statement.statement.title())?;
            if let Some(score) = listed.score {
                out.line(format_args!("Score: {score}"))?;
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
        out.line(format_args!("Score: {score}"))?;
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
