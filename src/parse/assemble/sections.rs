//! Themes and quality statement sections: theme introductions, statement titles (a list entry
//! or a section heading, by what follows), section scores and descriptors, the block labels,
//! and the key findings' subheadings.

use super::{Assembler, At, Current, State, shorten};
use crate::model::{
    Block, Descriptor, Finding, Findings, Origin, QualityStatement, Rating, Score, Section, Span,
    Statement, Text, Theme, ThemeIntro, WarningKind,
};
use crate::parse::lines::{Kind, Line, ScoreValue, subheading_like};

impl Assembler<'_> {
    /// `Theme N: title`.
    pub(super) fn theme(&mut self, line: &Line<'_>, number: u32, title: Span) {
        let Some(theme) = u8::try_from(number).ok().and_then(Theme::from_number) else {
            self.unplaced(line, true);
            return;
        };
        self.report.themes.push(ThemeIntro {
            theme,
            title: Text {
                text: self.input[title.range()].to_owned(),
                origin: Origin::line(title),
            },
            includes: None,
            listed: Vec::new(),
            note: None,
            other: Vec::new(),
        });
        self.state = State::Theme;
        self.current = None;
    }

    /// "This theme includes these quality statements:" or "We may not always review ...".
    pub(super) fn theme_line(&mut self, line: &Line<'_>, origin: Origin) {
        let in_theme = self.state == State::Theme;
        let slot = self.report.themes.last_mut().map(|theme| {
            if matches!(line.kind, Kind::ThemeIncludes) {
                &mut theme.includes
            } else {
                &mut theme.note
            }
        });
        match slot {
            Some(slot) if in_theme && slot.is_none() => *slot = Some(origin),
            _ => self.unplaced(line, false),
        }
    }

    /// Whether the statement title at `at` starts a section (rather than a list entry).
    fn starts_section(at: At<'_, '_>, in_list: bool) -> bool {
        let next = at.ahead(1).map(|l| &l.kind);
        let after = at.ahead(2).map(|l| &l.kind);
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

    /// A quality statement title: a list entry, a theme's listed statement, a section heading
    /// or running text, by where it stands and what follows.
    pub(super) fn statement_line(
        &mut self,
        at: At<'_, '_>,
        statement: QualityStatement,
        bullet: bool,
        score: Option<&ScoreValue<'_>>,
    ) {
        let line = at.line();
        let in_list = matches!(self.state, State::List | State::Summary);
        if let Some(score) = score {
            if matches!(
                self.state,
                State::Top | State::Summary | State::List | State::Theme
            ) {
                self.listing(line, statement, Some(score));
            } else {
                self.prose(at);
            }
            return;
        }
        if !bullet && Self::starts_section(at, in_list) {
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
            _ => self.prose(at),
        }
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

    /// `Score: N`: a section's score, a list entry's, or the overall score out of 100.
    pub(super) fn score_line(&mut self, line: &Line<'_>, value: &ScoreValue<'_>) {
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
                self.listed_score(line, i, value);
            }
            State::Summary if self.report.overall_score.is_none() => {
                self.overall_score(line, value.value.unwrap_or(u32::MAX), origin);
            }
            _ => self.unplaced(line, false),
        }
    }

    /// `N - Evidence shows ...`: the section's descriptor, in a section's head.
    pub(super) fn descriptor(
        &mut self,
        line: &Line<'_>,
        number: u32,
        rating: Option<Rating>,
        phrase: Option<Score>,
    ) {
        let descriptor = u8::try_from(number)
            .ok()
            .and_then(Score::new)
            .map(|score| Descriptor {
                score,
                rating,
                phrase,
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

    /// "What people expect", "The local authority commitment" or "Key findings ...".
    pub(super) fn block_label(&mut self, line: &Line<'_>, origin: Origin) {
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

    /// A line of the key findings: a subheading when it looks like one and a paragraph
    /// follows, else a paragraph of the group before it.
    pub(super) fn finding(&mut self, at: At<'_, '_>, is_bullet: bool) {
        let line = at.line();
        let subheading = !is_bullet
            && subheading_like(line.text)
            && at.ahead(1).is_some_and(|next| {
                matches!(next.kind, Kind::Prose | Kind::Bullet { .. })
                    && !subheading_like(next.text)
            });
        let text = Self::text(line);
        let Some(findings) = self.section_mut().and_then(|s| s.findings.as_mut()) else {
            return;
        };
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
