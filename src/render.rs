//! Canonical CQC-format text: the inverse of parsing.
//!
//! `Display` for [`Report`] writes the blank-line-separated layout of a full report. A
//! structural line is written when the model says it was there (its `Option<Origin>` is
//! `Some`) or when it carries a value, so parsing the rendering gives back an equal report.

use std::fmt::{self, Display, Write};

use crate::model::{Block, Findings, Section, Statement, ThemeIntro};
use crate::{QualityStatement, Report, Text};

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

fn render(report: &Report, out: &mut Out<'_, '_>) -> fmt::Result {
    if let (Some(_), Some(authority)) = (&report.lines.header, &report.authority) {
        if report.indicative {
            out.line(format_args!("{authority} assessment"))?;
        } else {
            out.line(format_args!("{authority}: local authority assessment"))?;
        }
    }
    out.texts(&report.navigation)?;
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
    out.texts(&report.other)?;
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
    let sections: Vec<&Statement> = report
        .statements
        .iter()
        .filter(|s| s.section.is_some())
        .collect();
    let mut written = vec![false; sections.len()];
    for theme in &report.themes {
        render_theme(theme, out)?;
        for (i, statement) in sections.iter().enumerate() {
            if !written[i] && statement.statement.theme() == theme.theme {
                written[i] = true;
                render_section(statement, out)?;
            }
        }
    }
    for (i, statement) in sections.iter().enumerate() {
        if !written[i] {
            render_section(statement, out)?;
        }
    }
    for duplicate in &report.duplicates {
        render_section(duplicate, out)?;
    }
    if report.lines.footer.is_some() {
        out.line("© Care Quality Commission")?;
    }
    Ok(())
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
    out.texts(&summary.other)?;
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
    Ok(())
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
