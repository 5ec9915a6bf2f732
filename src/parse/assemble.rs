//! The state machine that turns classified lines into a [`Report`]: every line lands
//! somewhere; what cannot be placed is kept where it stood and becomes a warning.

use super::lines::{Kind, Line, ScoreValue, subheading_like};
use super::{facts, locate};
use crate::model::{
    About, Band, Block, Descriptor, FinancialFacts, Finding, Findings, Listed, Origin,
    OverallSummary, QualityStatement, Rating, Report, Score, Section, Statement, Text, Theme,
    ThemeIntro, Warning, WarningKind,
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

    fn section_label(&self) -> String {
        match self.state {
            State::Top => "the report's opening lines".to_owned(),
            State::Summary | State::List => "the overall summary".to_owned(),
            State::Theme => self.report.themes.last().map_or_else(
                || "a theme".to_owned(),
                |t| format!("Theme {}", t.theme.number()),
            ),
            State::About => "About".to_owned(),
            State::Facts => "Financial facts".to_owned(),
            State::Experiences => "Summary of people's experiences".to_owned(),
            State::Strengths => "Summary of strengths".to_owned(),
            State::SectionHead | State::Expectations | State::Commitment | State::Findings => self
                .current_statement()
                .map_or_else(|| "a section".to_owned(), |s| format!("the section '{s}'")),
        }
    }

    /// Keeps a line the parser cannot place in the part it appeared in, and warns.
    fn unplaced(&mut self, line: &Line<'_>, heading: bool) {
        let section = self.section_label();
        let text = shorten(line.text);
        let kind = if heading {
            WarningKind::UnknownHeading { text, section }
        } else {
            WarningKind::UnplacedLine { text, section }
        };
        self.warn(kind, line.span.start);
        self.keep(line);
    }

    /// Puts a line in the current part: as a paragraph in prose parts, in `other` elsewhere.
    fn keep(&mut self, line: &Line<'_>) {
        let text = Self::text(line);
        match self.state {
            State::Top => self.report.other.push(text),
            State::Summary | State::List => {
                self.report
                    .summary
                    .get_or_insert_with(OverallSummary::default)
                    .other
                    .push(text);
            }
            State::Theme => match self.report.themes.last_mut() {
                Some(theme) => theme.other.push(text),
                None => self.report.other.push(text),
            },
            State::About => {
                if let Some(about) = self.report.about.as_mut() {
                    about.paragraphs.push(text);
                }
            }
            State::Facts => {
                if let Some(facts) = self.report.financial_facts.as_mut() {
                    facts.notes.push(text);
                }
            }
            State::Experiences => {
                if let Some(block) = self.report.experiences.as_mut() {
                    block.paragraphs.push(text);
                }
            }
            State::Strengths => {
                if let Some(block) = self.report.strengths.as_mut() {
                    block.paragraphs.push(text);
                }
            }
            State::SectionHead | State::Expectations | State::Commitment | State::Findings => {
                match self.section_mut() {
                    Some(section) => section.other.push(text),
                    None => self.report.other.push(text),
                }
            }
        }
    }

    pub(crate) fn run(mut self, lines: &[Line<'_>]) -> Report {
        for i in 0..lines.len() {
            let line = &lines[i];
            let was_bullet = self.last_bullet;
            self.last_bullet = false;
            self.line(lines, i, line, was_bullet);
            if !matches!(
                line.kind,
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

    #[allow(clippy::too_many_lines)]
    fn line(&mut self, lines: &[Line<'_>], i: usize, line: &Line<'_>, was_bullet: bool) {
        let origin = Origin::line(line.span);
        match &line.kind {
            Kind::Header(name) => {
                if self.report.lines.header.is_none() {
                    self.report.lines.header = Some(origin);
                    self.report.authority = Some(name.clone());
                } else if self.report.authority.as_deref() == Some(name.as_str()) {
                    self.report.navigation.push(Self::text(line));
                } else {
                    self.conflicting("authority", line);
                }
            }
            Kind::PilotHeader(name) => {
                if !self.seen_structure && self.report.lines.header.is_none() {
                    self.report.lines.header = Some(origin);
                    self.report.authority = Some(name.clone());
                    self.report.indicative = true;
                } else {
                    self.prose(lines, i, line, was_bullet);
                }
            }
            Kind::Published {
                date,
                before,
                after,
            } => {
                match (date, self.report.published) {
                    (Some(date), None) => {
                        // The furniture around the label; a line kept whole keeps it too.
                        for span in [before, after].into_iter().flatten() {
                            let text = &self.input[span.range()];
                            self.report.navigation.push(Text {
                                text: text.to_owned(),
                                origin: Origin::line(*span),
                            });
                        }
                        self.report.published = Some(*date);
                        self.report.lines.published = Some(origin);
                    }
                    (Some(date), Some(first)) if *date == first => {
                        self.report.navigation.push(Self::text(line));
                    }
                    (Some(_), Some(_)) => self.conflicting("publication date", line),
                    (None, _) => {
                        let text = shorten(line.text);
                        self.warn(WarningKind::InvalidDate { text }, line.span.start);
                        self.keep(line);
                    }
                }
            }
            Kind::AssessmentStart(date) => {
                self.report.indicative = true;
                match (date, self.report.assessment_start) {
                    (Some(date), None) => {
                        self.report.assessment_start = Some(*date);
                        self.report.lines.assessment_start = Some(origin);
                    }
                    (Some(_), Some(_)) => self.conflicting("assessment start date", line),
                    (None, _) => {
                        let text = shorten(line.text);
                        self.warn(WarningKind::InvalidDate { text }, line.span.start);
                        self.keep(line);
                    }
                }
            }
            Kind::Navigation => self.report.navigation.push(Self::text(line)),
            Kind::Footer => {
                if self.report.lines.footer.is_none() {
                    self.report.lines.footer = Some(origin);
                } else {
                    self.report.navigation.push(Self::text(line));
                }
            }
            Kind::About(_) => {
                if self.report.about.is_none() {
                    self.report.about = Some(About {
                        heading: Self::text(line),
                        demographics: None,
                        paragraphs: Vec::new(),
                    });
                    self.state = State::About;
                } else {
                    self.prose(lines, i, line, was_bullet);
                }
            }
            Kind::Demographics => match self.report.about.as_mut() {
                Some(about) if self.state == State::About && about.demographics.is_none() => {
                    about.demographics = Some(origin);
                }
                _ => self.unplaced(line, true),
            },
            Kind::FinancialFacts => {
                if self.report.financial_facts.is_none() {
                    self.report.financial_facts = Some(FinancialFacts {
                        heading: origin,
                        ..FinancialFacts::default()
                    });
                    self.state = State::Facts;
                } else {
                    self.unplaced(line, true);
                }
            }
            Kind::OverallSummary => match self.report.summary.as_mut() {
                None => {
                    self.report.summary = Some(OverallSummary {
                        heading: origin,
                        ..OverallSummary::default()
                    });
                    self.state = State::Summary;
                }
                // A summary begun by one of its own lines before any heading (its heading has
                // no position): this is its heading. Rendering writes the heading first, so
                // keeping it as an unplaced line would give the rendering two.
                Some(summary) if summary.heading.span().is_none() => {
                    summary.heading = origin;
                    self.state = State::Summary;
                }
                Some(_) => self.unplaced(line, true),
            },
            Kind::RatingHeading => {
                let summary = self
                    .report
                    .summary
                    .get_or_insert_with(OverallSummary::default);
                if summary.rating_heading.is_none() {
                    summary.rating_heading = Some(origin);
                    self.state = State::Summary;
                } else {
                    self.unplaced(line, true);
                }
            }
            Kind::ScoresHeading => {
                let summary = self
                    .report
                    .summary
                    .get_or_insert_with(OverallSummary::default);
                if summary.scores_heading.is_none() {
                    summary.scores_heading = Some(origin);
                    self.state = State::List;
                } else {
                    self.unplaced(line, true);
                }
            }
            Kind::Experiences => {
                if self.report.experiences.is_none() {
                    self.report.experiences = Some(Block {
                        heading: origin,
                        paragraphs: Vec::new(),
                    });
                    self.state = State::Experiences;
                } else {
                    self.unplaced(line, true);
                }
            }
            Kind::Strengths => {
                if self.report.strengths.is_none() {
                    self.report.strengths = Some(Block {
                        heading: origin,
                        paragraphs: Vec::new(),
                    });
                    self.state = State::Strengths;
                } else {
                    self.unplaced(line, true);
                }
            }
            Kind::Theme { number, title } => {
                match u8::try_from(*number).ok().and_then(Theme::from_number) {
                    Some(theme) => {
                        self.report.themes.push(ThemeIntro {
                            theme,
                            title: Text {
                                text: self.input[title.range()].to_owned(),
                                origin: Origin::line(*title),
                            },
                            includes: None,
                            listed: Vec::new(),
                            note: None,
                            other: Vec::new(),
                        });
                        self.state = State::Theme;
                        self.current = None;
                    }
                    None => self.unplaced(line, true),
                }
            }
            Kind::ThemeIncludes => match self.report.themes.last_mut() {
                Some(theme) if self.state == State::Theme && theme.includes.is_none() => {
                    theme.includes = Some(origin);
                }
                _ => self.unplaced(line, false),
            },
            Kind::ThemeNote => match self.report.themes.last_mut() {
                Some(theme) if self.state == State::Theme && theme.note.is_none() => {
                    theme.note = Some(origin);
                }
                _ => self.unplaced(line, false),
            },
            Kind::Statement {
                statement,
                bullet,
                score,
            } => {
                self.statement_line(
                    lines,
                    i,
                    line,
                    *statement,
                    *bullet,
                    score.as_ref(),
                    was_bullet,
                );
            }
            Kind::Score(value) => self.score_line(line, value),
            Kind::Descriptor {
                number,
                rating,
                phrase,
            } => {
                let descriptor = u8::try_from(*number)
                    .ok()
                    .and_then(Score::new)
                    .map(|score| Descriptor {
                        score,
                        rating: *rating,
                        phrase: *phrase,
                        text: Self::text(line),
                    });
                let placed = self.state == State::SectionHead
                    && descriptor.is_some()
                    && self.section_mut().is_some_and(|s| s.descriptor.is_none());
                match descriptor {
                    Some(descriptor) if placed => {
                        if let Some(section) = self.section_mut() {
                            section.descriptor = Some(descriptor);
                        }
                    }
                    Some(_) => self.unplaced(line, false),
                    None => {
                        let statement = self.current_statement();
                        let found = shorten(line.text);
                        self.warn(
                            WarningKind::ScoreOutOfRange { statement, found },
                            line.span.start,
                        );
                        self.keep(line);
                    }
                }
            }
            Kind::Expectations | Kind::Commitment | Kind::KeyFindings => {
                self.block_label(line, origin);
            }
            Kind::Rating { rating, indicative } => {
                let summary_context = matches!(self.state, State::Summary | State::List)
                    || (self.state == State::Top && self.report.lines.header.is_some());
                if summary_context && self.report.rating.is_none() {
                    let summary = self
                        .report
                        .summary
                        .get_or_insert_with(OverallSummary::default);
                    summary.rating_line = Some(origin);
                    self.report.rating = Some(*rating);
                    self.report.indicative |= *indicative;
                    if self.state == State::Top {
                        self.state = State::Summary;
                    }
                } else if summary_context {
                    self.conflicting("rating", line);
                } else {
                    self.prose(lines, i, line, was_bullet);
                }
            }
            Kind::ScoredOutOf(n) => {
                let summary_context =
                    matches!(self.state, State::Summary | State::List | State::Top);
                if summary_context && self.report.overall_score.is_none() {
                    self.overall_score(line, *n, origin);
                } else {
                    self.prose(lines, i, line, was_bullet);
                }
            }
            Kind::Bullet { .. } | Kind::Prose => self.prose(lines, i, line, was_bullet),
        }
    }

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

    fn overall_score(&mut self, line: &Line<'_>, n: u32, origin: Origin) {
        match u8::try_from(n).ok().filter(|&n| n <= 100) {
            Some(n) => {
                self.report.overall_score = Some(n);
                let summary = self
                    .report
                    .summary
                    .get_or_insert_with(OverallSummary::default);
                summary.score_line = Some(origin);
                if self.state == State::Top {
                    self.state = State::Summary;
                }
            }
            None => {
                let found = shorten(line.text);
                self.warn(
                    WarningKind::ScoreOutOfRange {
                        statement: None,
                        found,
                    },
                    line.span.start,
                );
                self.keep(line);
            }
        }
    }

    /// Whether the statement title at `i` starts a section (rather than a list entry).
    fn starts_section(lines: &[Line<'_>], i: usize, in_list: bool) -> bool {
        let next = lines.get(i + 1).map(|l| &l.kind);
        let after = lines.get(i + 2).map(|l| &l.kind);
        match next {
            Some(Kind::Score(_)) if in_list => after.is_some_and(|k| {
                matches!(
                    k,
                    Kind::Descriptor { .. }
                        | Kind::Expectations
                        | Kind::Commitment
                        | Kind::KeyFindings
                )
            }),
            Some(kind) => kind.is_section_part(),
            None => false,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn statement_line(
        &mut self,
        lines: &[Line<'_>],
        i: usize,
        line: &Line<'_>,
        statement: QualityStatement,
        bullet: bool,
        score: Option<&ScoreValue<'_>>,
        was_bullet: bool,
    ) {
        let in_list = matches!(self.state, State::List | State::Summary);
        if let Some(score) = score {
            if matches!(
                self.state,
                State::Top | State::Summary | State::List | State::Theme
            ) {
                self.listing(line, statement, Some(score));
            } else {
                self.prose(lines, i, line, was_bullet);
            }
            return;
        }
        if !bullet && Self::starts_section(lines, i, in_list) {
            self.start_section(line, statement);
            return;
        }
        match self.state {
            State::Summary | State::List => self.listing(line, statement, None),
            State::Theme => {
                if let Some(theme) = self.report.themes.last_mut() {
                    theme.listed.push((statement, Origin::line(line.span)));
                }
            }
            State::Top if bullet => self.listing(line, statement, None),
            State::Top | State::SectionHead => self.start_section(line, statement),
            _ => self.prose(lines, i, line, was_bullet),
        }
    }

    fn listing(
        &mut self,
        line: &Line<'_>,
        statement: QualityStatement,
        score: Option<&ScoreValue<'_>>,
    ) {
        self.state = State::List;
        self.report
            .summary
            .get_or_insert_with(OverallSummary::default);
        let i = self.entry(statement);
        if self.report.statements[i].listed.is_some() {
            self.warn(WarningKind::DuplicateListing { statement }, line.span.start);
            self.keep(line);
            self.pending_listing = None;
            return;
        }
        let valid = score.and_then(ScoreValue::score);
        if let (Some(value), None) = (score, valid) {
            let found = value.text.to_owned();
            let statement = Some(statement);
            self.warn(
                WarningKind::ScoreOutOfRange { statement, found },
                line.span.start,
            );
        }
        // A score on the title's own line: the score line is that same line.
        self.report.statements[i].listed = Some(Listed {
            score: valid,
            origin: Origin::line(line.span),
            score_line: valid.map(|_| Origin::line(line.span)),
        });
        self.pending_listing = score.is_none().then_some(i);
    }

    fn start_section(&mut self, line: &Line<'_>, statement: QualityStatement) {
        let section = Section {
            heading: Origin::line(line.span),
            ..Section::default()
        };
        let i = self.entry(statement);
        if self.report.statements[i].section.is_some() {
            self.warn(WarningKind::DuplicateSection { statement }, line.span.start);
            self.report.duplicates.push(Statement {
                statement,
                listed: None,
                section: Some(section),
            });
            self.current = Some(Current::Duplicate(self.report.duplicates.len() - 1));
        } else {
            self.report.statements[i].section = Some(section);
            self.current = Some(Current::Main(i));
        }
        self.pending_listing = None;
        self.state = State::SectionHead;
    }

    fn score_line(&mut self, line: &Line<'_>, value: &ScoreValue<'_>) {
        self.report.indicative |= value.indicative;
        let origin = Origin::line(line.span);
        match self.state {
            State::SectionHead => {
                let statement = self.current_statement();
                let Some(score) = value.score() else {
                    let found = value.text.to_owned();
                    self.warn(
                        WarningKind::ScoreOutOfRange { statement, found },
                        line.span.start,
                    );
                    self.keep(line);
                    return;
                };
                match self.section_mut() {
                    Some(section) if section.score.is_none() => {
                        section.score = Some(score);
                        section.score_line = Some(origin);
                    }
                    _ => self.unplaced(line, false),
                }
            }
            State::List if self.pending_listing.is_some() => {
                let i = self.pending_listing.take().unwrap_or_default();
                let statement = self.report.statements[i].statement;
                match value.score() {
                    Some(score) => {
                        if let Some(listed) = self.report.statements[i].listed.as_mut() {
                            listed.score = Some(score);
                            listed.score_line = Some(origin);
                        }
                    }
                    None => {
                        let found = value.text.to_owned();
                        let statement = Some(statement);
                        self.warn(
                            WarningKind::ScoreOutOfRange { statement, found },
                            line.span.start,
                        );
                        self.keep(line);
                    }
                }
            }
            State::Summary if self.report.overall_score.is_none() => {
                self.overall_score(line, value.value.unwrap_or(u32::MAX), origin);
            }
            _ => self.unplaced(line, false),
        }
    }

    fn block_label(&mut self, line: &Line<'_>, origin: Origin) {
        let in_section = matches!(
            self.state,
            State::SectionHead | State::Expectations | State::Commitment | State::Findings
        );
        let kind = line.kind.clone();
        let Some(section) = self.section_mut().filter(|_| in_section) else {
            self.unplaced(line, true);
            return;
        };
        let (exists, state) = match kind {
            Kind::Expectations => {
                let exists = section.expectations.is_some();
                section.expectations.get_or_insert_with(|| Block {
                    heading: origin,
                    paragraphs: Vec::new(),
                });
                (exists, State::Expectations)
            }
            Kind::Commitment => {
                let exists = section.commitment.is_some();
                section.commitment.get_or_insert_with(|| Block {
                    heading: origin,
                    paragraphs: Vec::new(),
                });
                (exists, State::Commitment)
            }
            _ => {
                let exists = section.findings.is_some();
                section.findings.get_or_insert_with(|| Findings {
                    heading: origin,
                    groups: Vec::new(),
                });
                (exists, State::Findings)
            }
        };
        if exists {
            self.unplaced(line, true);
        }
        self.state = state;
    }

    /// A line of running text (or a line that is structural only in another place).
    fn prose(&mut self, lines: &[Line<'_>], i: usize, line: &Line<'_>, was_bullet: bool) {
        let is_bullet = matches!(line.kind, Kind::Bullet { .. });
        // A hard-wrapped bullet's continuation: indented, not a bullet, after a bullet.
        if was_bullet && line.indented && !is_bullet && matches!(line.kind, Kind::Prose) {
            if let Some(last) = self.last_paragraph() {
                last.text.push(' ');
                last.text.push_str(line.text);
                // Amortised O(1): copying the spans here made long wrapped bullets quadratic.
                last.origin.push_line(line.span);
                self.last_bullet = true;
                return;
            }
        }
        self.last_bullet = is_bullet;
        match self.state {
            State::Summary => {
                let summary = self
                    .report
                    .summary
                    .get_or_insert_with(OverallSummary::default);
                if summary.authority.is_none()
                    && self.report.rating.is_none()
                    && line.text.len() <= 120
                    && !is_bullet
                {
                    summary.authority = Some(Self::text(line));
                } else {
                    self.unplaced(line, false);
                }
            }
            State::Top | State::List | State::Theme | State::SectionHead => {
                self.unplaced(line, false);
            }
            State::About | State::Experiences | State::Strengths => self.keep(line),
            State::Facts => {
                if let (Kind::Bullet { body }, Some(facts)) =
                    (&line.kind, self.report.financial_facts.as_mut())
                {
                    facts.items.push(Text {
                        text: self.input[body.range()].to_owned(),
                        origin: Origin::line(*body),
                    });
                } else {
                    self.keep(line);
                }
            }
            State::Expectations | State::Commitment => {
                let state = self.state;
                let text = Self::text(line);
                if let Some(section) = self.section_mut() {
                    let block = if state == State::Expectations {
                        section.expectations.as_mut()
                    } else {
                        section.commitment.as_mut()
                    };
                    if let Some(block) = block {
                        block.paragraphs.push(text);
                    }
                }
            }
            State::Findings => {
                let subheading = !is_bullet
                    && subheading_like(line.text)
                    && lines.get(i + 1).is_some_and(|next| {
                        matches!(next.kind, Kind::Prose | Kind::Bullet { .. })
                            && !subheading_like(next.text)
                    });
                let text = Self::text(line);
                if let Some(findings) = self.section_mut().and_then(|s| s.findings.as_mut()) {
                    if subheading {
                        findings.groups.push(Finding {
                            subheading: Some(text),
                            paragraphs: Vec::new(),
                        });
                    } else {
                        match findings.groups.last_mut() {
                            Some(group) => group.paragraphs.push(text),
                            None => findings.groups.push(Finding {
                                subheading: None,
                                paragraphs: vec![text],
                            }),
                        }
                    }
                }
            }
        }
    }

    /// The paragraph most recently added in the current part, for joining continuations.
    fn last_paragraph(&mut self) -> Option<&mut Text> {
        match self.state {
            State::Facts => self.report.financial_facts.as_mut()?.items.last_mut(),
            State::About => self.report.about.as_mut()?.paragraphs.last_mut(),
            State::Experiences => self.report.experiences.as_mut()?.paragraphs.last_mut(),
            State::Strengths => self.report.strengths.as_mut()?.paragraphs.last_mut(),
            State::Expectations => self
                .section_mut()?
                .expectations
                .as_mut()?
                .paragraphs
                .last_mut(),
            State::Commitment => self
                .section_mut()?
                .commitment
                .as_mut()?
                .paragraphs
                .last_mut(),
            State::Findings => self
                .section_mut()?
                .findings
                .as_mut()?
                .groups
                .last_mut()?
                .paragraphs
                .last_mut(),
            _ => None,
        }
    }

    fn resolve_authority(&mut self) {
        if self.report.authority.is_some() {
            return;
        }
        let from_summary = self
            .report
            .summary
            .as_ref()
            .and_then(|s| s.authority.as_ref());
        let from_about = self.report.about.as_ref().and_then(|a| {
            crate::text::normalize(&a.heading.text)
                .get(6..)
                .map(str::to_owned)
        });
        self.report.authority = from_summary
            .map(|t| crate::text::normalize(&t.text).into_owned())
            .or(from_about)
            .filter(|name| !name.is_empty());
    }

    /// Consistency checks, once, after assembly.
    fn check(&mut self) {
        let mut warnings = Vec::new();
        for statement in &self.report.statements {
            let Some(section) = &statement.section else {
                continue;
            };
            let at = |origin: &Origin| origin.span().map_or(0, |s| s.start);
            let score_at = section.score_line.as_ref().map_or(at(&section.heading), at);
            if let (Some(listed), Some(score)) = (
                statement.listed.as_ref().and_then(|l| l.score),
                section.score,
            ) {
                if listed != score {
                    warnings.push((
                        WarningKind::SummaryMismatch {
                            statement: statement.statement,
                            listed,
                            section: score,
                        },
                        score_at,
                    ));
                }
            }
            Self::descriptor_checks(statement.statement, section, &mut warnings);
        }
        let overall = self.report.overall();
        let summary_at = self
            .report
            .summary
            .as_ref()
            .and_then(|s| s.rating_line.as_ref().or(s.score_line.as_ref()))
            .and_then(Origin::span)
            .map_or(0, |s| s.start);
        if let Some(band) = overall.band() {
            let (total, maximum) = (overall.total, overall.maximum());
            match (self.report.rating, band) {
                (Some(printed), _) if !band.admits(printed) => warnings.push((
                    WarningKind::RatingMismatch {
                        printed,
                        derived: band,
                        total,
                        maximum,
                    },
                    summary_at,
                )),
                (_, Band::Between(..)) => {
                    warnings.push((
                        WarningKind::BetweenBands {
                            total,
                            maximum,
                            band,
                        },
                        summary_at,
                    ));
                }
                _ => {}
            }
            if let Some(printed) = self.report.overall_score {
                if !overall.agrees_with_printed(printed) {
                    let at = self
                        .report
                        .summary
                        .as_ref()
                        .and_then(|s| s.score_line.as_ref())
                        .and_then(Origin::span)
                        .map_or(summary_at, |s| s.start);
                    warnings.push((
                        WarningKind::OverallScoreMismatch {
                            printed,
                            total,
                            maximum,
                        },
                        at,
                    ));
                }
            }
        }
        for duplicate in &self.report.duplicates {
            if let Some(section) = &duplicate.section {
                Self::descriptor_checks(duplicate.statement, section, &mut warnings);
            }
        }
        for (kind, offset) in warnings {
            self.warn(kind, offset);
        }
        self.report.warnings.sort_by_key(|w| w.location);
    }

    fn descriptor_checks(
        statement: QualityStatement,
        section: &Section,
        warnings: &mut Vec<(WarningKind, usize)>,
    ) {
        let Some(descriptor) = &section.descriptor else {
            return;
        };
        let at = descriptor.text.origin.span().map_or(0, |s| s.start);
        if let Some(score) = section.score {
            if descriptor.score != score {
                warnings.push((
                    WarningKind::DescriptorMismatch {
                        statement,
                        score,
                        descriptor: descriptor.text.text.clone(),
                    },
                    at,
                ));
            }
        }
        let wording = descriptor
            .phrase
            .filter(|&p| p != descriptor.score)
            .or_else(|| {
                descriptor
                    .rating
                    .filter(|&r| r != descriptor.score.rating())
                    .map(|r| match r {
                        Rating::Inadequate => Score::MIN,
                        Rating::RequiresImprovement => Score::ALL[1],
                        Rating::Good => Score::ALL[2],
                        Rating::Outstanding => Score::MAX,
                    })
            });
        if let Some(wording) = wording {
            warnings.push((
                WarningKind::DescriptorWording {
                    number: descriptor.score,
                    wording,
                    descriptor: descriptor.text.text.clone(),
                },
                at,
            ));
        }
    }
}
