//! The report-level lines and blocks: the header, the date lines, the footer, "About",
//! "Financial facts", the two summary blocks, and the overall summary with its rating, its
//! overall score and its quality statement score list.

use super::{Assembler, At, State, shorten};
use crate::model::{
    About, Block, Date, FinancialFacts, Listed, Origin, OverallSummary, QualityStatement, Rating,
    Span, Text, WarningKind,
};
use crate::parse::lines::{Kind, Line, ScoreValue};

impl Assembler<'_> {
    pub(super) fn header(&mut self, line: &Line<'_>, name: &str, origin: Origin) {
        if self.report.lines.header.is_none() {
            self.report.lines.header = Some(origin);
            self.report.authority = Some(name.to_owned());
        } else if self.report.authority.as_deref() == Some(name) {
            self.report.navigation.push(Self::text(line));
        } else {
            self.conflicting("authority", line);
        }
    }

    /// A pilot's `<Authority> assessment` is its header only before any structure.
    pub(super) fn pilot_header(&mut self, at: At<'_, '_>, name: &str, origin: Origin) {
        if !self.seen_structure && self.report.lines.header.is_none() {
            self.report.lines.header = Some(origin);
            self.report.lines.pilot_header = true;
            self.report.authority = Some(name.to_owned());
            self.report.indicative = true;
        } else {
            self.prose(at);
        }
    }

    /// A published line; `around` is the furniture before and after the label.
    pub(super) fn published(
        &mut self,
        line: &Line<'_>,
        date: Option<Date>,
        around: [Option<Span>; 2],
        origin: Origin,
    ) {
        match (date, self.report.published) {
            (Some(date), None) => {
                // The furniture around the label; a line kept whole keeps it too.
                for span in around.into_iter().flatten() {
                    let text = &self.input[span.range()];
                    self.report.navigation.push(Text {
                        text: text.to_owned(),
                        origin: Origin::line(span),
                    });
                }
                self.report.published = Some(date);
                self.report.lines.published = Some(origin);
            }
            (Some(date), Some(first)) if date == first => {
                self.report.navigation.push(Self::text(line));
            }
            (Some(_), Some(_)) => self.conflicting("publication date", line),
            (None, _) => self.invalid_date(line),
        }
    }

    pub(super) fn assessment_start(&mut self, line: &Line<'_>, date: Option<Date>, origin: Origin) {
        self.report.indicative = true;
        match (date, self.report.assessment_start) {
            (Some(date), None) => {
                self.report.assessment_start = Some(date);
                self.report.lines.assessment_start = Some(origin);
            }
            (Some(_), Some(_)) => self.conflicting("assessment start date", line),
            (None, _) => self.invalid_date(line),
        }
    }

    fn invalid_date(&mut self, line: &Line<'_>) {
        let text = shorten(line.text);
        self.warn(WarningKind::InvalidDate { text }, line.span.start);
        self.keep(line);
    }

    /// The first footer line is the footer; a later one is page furniture.
    pub(super) fn footer(&mut self, line: &Line<'_>, origin: Origin) {
        if self.report.lines.footer.is_none() {
            self.report.lines.footer = Some(origin);
        } else {
            self.report.lines.footer_repeated = true;
            self.report.navigation.push(Self::text(line));
        }
    }

    pub(super) fn about(&mut self, at: At<'_, '_>) {
        if self.report.about.is_none() {
            self.report.about = Some(About {
                heading: Self::text(at.line()),
                demographics: None,
                paragraphs: Vec::new(),
            });
            self.state = State::About;
        } else {
            self.prose(at);
        }
    }

    pub(super) fn demographics(&mut self, line: &Line<'_>, origin: Origin) {
        match self.report.about.as_mut() {
            Some(about) if self.state == State::About && about.demographics.is_none() => {
                about.demographics = Some(origin);
            }
            _ => self.unplaced(line, true),
        }
    }

    pub(super) fn financial_facts(&mut self, line: &Line<'_>, origin: Origin) {
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

    /// "Summary of people's experiences" or "Summary of strengths, ...".
    pub(super) fn top_block(&mut self, line: &Line<'_>, origin: Origin) {
        let (slot, state) = if matches!(line.kind, Kind::Experiences) {
            (&mut self.report.experiences, State::Experiences)
        } else {
            (&mut self.report.strengths, State::Strengths)
        };
        if slot.is_none() {
            *slot = Some(Block {
                heading: origin,
                paragraphs: Vec::new(),
            });
            self.state = state;
        } else {
            self.unplaced(line, true);
        }
    }

    pub(super) fn summary_heading(&mut self, line: &Line<'_>, origin: Origin) {
        match self.report.summary.as_mut() {
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
        }
    }

    pub(super) fn rating_heading(&mut self, line: &Line<'_>, origin: Origin) {
        let summary = self.summary();
        if summary.rating_heading.is_none() {
            summary.rating_heading = Some(origin);
            self.state = State::Summary;
        } else {
            self.unplaced(line, true);
        }
    }

    pub(super) fn scores_heading(&mut self, line: &Line<'_>, origin: Origin) {
        let summary = self.summary();
        if summary.scores_heading.is_none() {
            summary.scores_heading = Some(origin);
            self.state = State::List;
        } else {
            self.unplaced(line, true);
        }
    }

    /// The overall summary, begun by the line being placed when there is none yet.
    fn summary(&mut self) -> &mut OverallSummary {
        self.report
            .summary
            .get_or_insert_with(OverallSummary::default)
    }

    /// A rating line: the report's rating in the summary (or right after the header), running
    /// text elsewhere.
    pub(super) fn rating(
        &mut self,
        at: At<'_, '_>,
        rating: Rating,
        indicative: bool,
        origin: Origin,
    ) {
        let summary_context = matches!(self.state, State::Summary | State::List)
            || (self.state == State::Top && self.report.lines.header.is_some());
        if summary_context && self.report.rating.is_none() {
            self.summary().rating_line = Some(origin);
            self.report.rating = Some(rating);
            self.report.indicative |= indicative;
            if self.state == State::Top {
                self.state = State::Summary;
            }
        } else if summary_context {
            self.conflicting("rating", at.line());
        } else {
            self.prose(at);
        }
    }

    /// `<Authority> scored 78 out of 100 overall`.
    pub(super) fn scored_out_of(&mut self, at: At<'_, '_>, n: u32, origin: Origin) {
        let summary_context = matches!(self.state, State::Summary | State::List | State::Top);
        if summary_context && self.report.overall_score.is_none() {
            self.overall_score(at.line(), n, origin);
        } else {
            self.prose(at);
        }
    }

    pub(super) fn overall_score(&mut self, line: &Line<'_>, n: u32, origin: Origin) {
        match u8::try_from(n).ok().filter(|&n| n <= 100) {
            Some(n) => {
                self.report.overall_score = Some(n);
                self.summary().score_line = Some(origin);
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

    /// An entry of the score list, with its score when the line holds it.
    pub(super) fn listing(
        &mut self,
        line: &Line<'_>,
        statement: QualityStatement,
        score: Option<&ScoreValue<'_>>,
    ) {
        self.state = State::List;
        self.summary();
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

    /// The score line of the list entry waiting for one.
    pub(super) fn listed_score(&mut self, line: &Line<'_>, i: usize, value: &ScoreValue<'_>) {
        let statement = self.report.statements[i].statement;
        match value.score() {
            Some(score) => {
                if let Some(listed) = self.report.statements[i].listed.as_mut() {
                    listed.score = Some(score);
                    listed.score_line = Some(Origin::line(line.span));
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

    /// The authority, when no header named it: the summary's name line, else the "About"
    /// heading's.
    pub(super) fn resolve_authority(&mut self) {
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
}
