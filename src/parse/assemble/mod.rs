//! The state machine that turns classified lines into a [`Report`]: every line lands
//! somewhere; what cannot be placed is kept where it stood and becomes a warning.
//!
//! One file per concern: this one holds the state and the dispatch on each line's kind;
//! [`summary`] the report-level lines and blocks (header, dates, About, Financial facts, the
//! overall summary with its rating, overall score and score list); [`sections`] the themes and
//! the quality statement sections; [`prose`] running text and where unplaced lines go; and
//! [`checks`] the consistency checks that run once at the end.

mod checks;
mod prose;
mod sections;
mod summary;

use super::lines::{Kind, Line};
use super::{facts, locate};
use crate::model::{
    Origin, QualityStatement, Report, Section, Statement, Text, Warning, WarningKind,
};

/// Where prose goes next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Top,
    About,
    Facts,
    Summary,
    List,
    Experiences,
    Strengths,
    Theme,
    SectionHead,
    Expectations,
    Commitment,
    Findings,
}

/// Which section is being filled: the statement's own, or a duplicate.
#[derive(Debug, Clone, Copy)]
enum Current {
    Main(usize),
    Duplicate(usize),
}

/// A line in its place: the lines around it decide what some lines are (a statement title
/// followed by a score starts a section; a short line followed by a paragraph is a subheading).
#[derive(Clone, Copy)]
struct At<'l, 'a> {
    lines: &'l [Line<'a>],
    i: usize,
    /// Whether the line before was placed as a bullet (for hard-wrapped continuations).
    was_bullet: bool,
}

impl<'l, 'a> At<'l, 'a> {
    fn line(&self) -> &'l Line<'a> {
        &self.lines[self.i]
    }

    /// The `n`th line after this one, not counting report-level lines (see [`report_level`]),
    /// which are kept apart from the text around them and written elsewhere when the report
    /// is rendered: what a line is must not depend on page furniture next to it.
    ///
    /// Linear overall: the report-level lines after a line are skipped only by that line and
    /// the one before it.
    fn ahead(&self, n: usize) -> Option<&'l Line<'a>> {
        self.lines
            .get(self.i + 1..)?
            .iter()
            .filter(|l| !report_level(&l.kind))
            .nth(n.checked_sub(1)?)
    }
}

pub(crate) struct Assembler<'a> {
    input: &'a str,
    line_starts: &'a [usize],
    report: Report,
    state: State,
    current: Option<Current>,
    /// The listing waiting for its score line.
    pending_listing: Option<usize>,
    /// Whether the last line placed was a bullet (for hard-wrapped continuations).
    last_bullet: bool,
    /// Whether any structural line was seen (a pilot header must come first).
    seen_structure: bool,
}

/// Lines of the page rather than of the part they stand in: navigation, the footer, the
/// header and the date lines. The model keeps them apart (or, when they conflict with the
/// first, in the part's unplaced lines), so they are no neighbours of the text around them.
fn report_level(kind: &Kind<'_>) -> bool {
    matches!(
        kind,
        Kind::Navigation
            | Kind::Footer
            | Kind::Header(_)
            | Kind::Published { .. }
            | Kind::AssessmentStart(_)
    )
}

const SHORT: usize = 80;

fn shorten(text: &str) -> String {
    match text.char_indices().nth(SHORT) {
        Some((i, _)) => format!("{}...", &text[..i]),
        None => text.to_owned(),
    }
}

impl<'a> Assembler<'a> {
    pub(crate) fn new(input: &'a str, line_starts: &'a [usize]) -> Self {
        Assembler {
            input,
            line_starts,
            report: Report::default(),
            state: State::Top,
            current: None,
            pending_listing: None,
            last_bullet: false,
            seen_structure: false,
        }
    }

    pub(crate) fn run(mut self, lines: &[Line<'_>]) -> Report {
        for i in 0..lines.len() {
            let was_bullet = self.last_bullet;
            self.last_bullet = false;
            self.line(At {
                lines,
                i,
                was_bullet,
            });
            if !matches!(
                lines[i].kind,
                Kind::Prose | Kind::Bullet { .. } | Kind::Navigation
            ) {
                self.seen_structure = true;
            }
        }
        if let Some(facts) = self.report.financial_facts.as_mut() {
            facts::read(facts);
        }
        self.resolve_authority();
        self.check();
        self.report
    }

    /// Dispatches one line on its kind to the part of the assembler that places it.
    fn line(&mut self, at: At<'_, '_>) {
        let line = at.line();
        let origin = Origin::line(line.span);
        match &line.kind {
            Kind::Header(name) => self.header(line, name, origin),
            Kind::PilotHeader(name) => self.pilot_header(at, name, origin),
            Kind::Published {
                date,
                before,
                after,
            } => self.published(line, *date, [*before, *after], origin),
            Kind::AssessmentStart(date) => self.assessment_start(line, *date, origin),
            Kind::Navigation => self.report.navigation.push(Self::text(line)),
            Kind::Footer => self.footer(line, origin),
            Kind::About(_) => self.about(at),
            Kind::Demographics => self.demographics(line, origin),
            Kind::FinancialFacts => self.financial_facts(line, origin),
            Kind::OverallSummary => self.summary_heading(line, origin),
            Kind::RatingHeading => self.rating_heading(line, origin),
            Kind::ScoresHeading => self.scores_heading(line, origin),
            Kind::Experiences | Kind::Strengths => self.top_block(line, origin),
            Kind::Theme { number, title } => self.theme(line, *number, *title),
            Kind::ThemeIncludes | Kind::ThemeNote => self.theme_line(line, origin),
            Kind::Statement {
                statement,
                bullet,
                score,
            } => self.statement_line(at, *statement, *bullet, score.as_ref()),
            Kind::Score(value) => self.score_line(line, value),
            Kind::Descriptor {
                number,
                rating,
                phrase,
            } => self.descriptor(line, *number, *rating, *phrase),
            Kind::Expectations | Kind::Commitment | Kind::KeyFindings => {
                self.block_label(line, origin);
            }
            Kind::Rating { rating, indicative } => {
                self.rating(at, *rating, *indicative, origin);
            }
            Kind::ScoredOutOf(n) => self.scored_out_of(at, *n, origin),
            Kind::Bullet { .. } | Kind::Prose => self.prose(at),
        }
    }

    fn text(line: &Line<'_>) -> Text {
        Text {
            text: line.text.to_owned(),
            origin: Origin::line(line.span),
        }
    }

    fn warn(&mut self, kind: WarningKind, offset: usize) {
        let location = locate(self.input, self.line_starts, offset);
        self.report.warnings.push(Warning { kind, location });
    }

    /// A second line for something the report holds once, with another value: kept, and
    /// warned about.
    fn conflicting(&mut self, what: &str, line: &Line<'_>) {
        let text = shorten(line.text);
        self.warn(
            WarningKind::Conflicting {
                what: what.to_owned(),
                text,
            },
            line.span.start,
        );
        self.keep(line);
    }

    fn section_mut(&mut self) -> Option<&mut Section> {
        match self.current? {
            Current::Main(i) => self.report.statements.get_mut(i)?.section.as_mut(),
            Current::Duplicate(i) => self.report.duplicates.get_mut(i)?.section.as_mut(),
        }
    }

    fn current_statement(&self) -> Option<QualityStatement> {
        match self.current? {
            Current::Main(i) => self.report.statements.get(i).map(|s| s.statement),
            Current::Duplicate(i) => self.report.duplicates.get(i).map(|s| s.statement),
        }
    }

    /// The index of a statement's entry, added at the end when the report has none yet.
    fn entry(&mut self, statement: QualityStatement) -> usize {
        if let Some(i) = self
            .report
            .statements
            .iter()
            .position(|s| s.statement == statement)
        {
            return i;
        }
        self.report.statements.push(Statement::new(statement));
        self.report.statements.len() - 1
    }
}
