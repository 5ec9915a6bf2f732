//! Running text: paragraphs and bullets in the part they belong to, hard-wrapped bullets
//! joined, and the lines no part takes (kept where they stood, with a warning).

use super::{Assembler, At, State, shorten};
use crate::model::{OverallSummary, Text, WarningKind};
use crate::parse::lines::{Kind, Line, reads_as_text};

impl Assembler<'_> {
    /// A line of running text (or a line that is structural only in another place).
    pub(super) fn prose(&mut self, at: At<'_, '_>) {
        let line = at.line();
        let is_bullet = matches!(line.kind, Kind::Bullet { .. });
        // A hard-wrapped bullet's continuation: indented, not a bullet, after a bullet.
        if at.was_bullet && line.indented && !is_bullet && matches!(line.kind, Kind::Prose) {
            // A financial fact is kept without its marker and written back with one.
            let marker = if self.state == State::Facts { "- " } else { "" };
            if let Some(last) = self.last_paragraph() {
                let len = last.text.len();
                last.text.push(' ');
                last.text.push_str(line.text);
                // The joined bullet is written back on one line, which must read as running
                // text again (`- About` and `Northmere` make `- About Northmere`, a heading):
                // otherwise the continuation is a paragraph of its own.
                if reads_as_text(marker, &last.text) {
                    // Amortised O(1): copying the spans here made long wrapped bullets
                    // quadratic.
                    last.origin.push_line(line.span);
                    self.last_bullet = true;
                    return;
                }
                last.text.truncate(len);
            }
        }
        self.last_bullet = is_bullet;
        // A section whose page prints no "Key findings" heading: its running text after the
        // people's and the authority's statements is its findings.
        if self.findings_without_heading(line) {
            self.implied_findings();
        }
        match self.state {
            State::Summary => self.summary_line(line),
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
                        origin: crate::model::Origin::line(*body),
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
            State::Findings => self.finding(at, is_bullet),
        }
    }

    /// Whether a line of running text starts a section's findings that have no heading: after
    /// the "What people expect" ("I ...") or the commitment ("We ...") statement, a paragraph
    /// not in the block's voice.
    fn findings_without_heading(&mut self, line: &Line<'_>) -> bool {
        let state = self.state;
        let Some(section) = self.section_mut() else {
            return false;
        };
        let text = line.text.trim_start();
        let voice = |word: &str| {
            text.get(..word.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(word))
        };
        match state {
            State::Expectations => {
                section.findings.is_none()
                    && section
                        .expectations
                        .as_ref()
                        .is_some_and(|b| !b.paragraphs.is_empty())
                    && !voice("i ")
            }
            State::Commitment => {
                section.findings.is_none()
                    && section
                        .commitment
                        .as_ref()
                        .is_some_and(|b| !b.paragraphs.is_empty())
                    && !voice("we ")
            }
            _ => false,
        }
    }

    /// Opens the findings of the current section where the page prints no heading for them
    /// (their heading's origin is none).
    fn implied_findings(&mut self) {
        if let Some(section) = self.section_mut() {
            section
                .findings
                .get_or_insert_with(|| crate::model::Findings {
                    heading: crate::model::Origin::none(),
                    groups: Vec::new(),
                });
            self.state = State::Findings;
        }
    }

    /// Running text in the overall summary: the authority's name line under the rating
    /// heading, when it is the first short line before the rating. The name line is plain
    /// text: a line that reads as something else where it stands in another report (a bullet,
    /// a second `... scored N out of 100 overall`, a second "About" heading) is unplaced.
    /// Rendering writes the name line before the overall score, where a `scored` line would
    /// be read as the score.
    fn summary_line(&mut self, line: &Line<'_>) {
        let rated = self.report.rating.is_some();
        let summary = self
            .report
            .summary
            .get_or_insert_with(OverallSummary::default);
        let plain = matches!(line.kind, Kind::Prose);
        // The name as a bullet ("  • Ashwick County Council" above "    Good"): its text after
        // the marker, when that reads as plain text on its own.
        let bullet_name = match line.kind {
            Kind::Bullet { body } => self
                .input
                .get(body.range())
                .filter(|name| reads_as_text("", name))
                .map(|name| Text {
                    text: name.to_owned(),
                    origin: crate::model::Origin::line(body),
                }),
            _ => None,
        };
        if summary.authority.is_none() && !rated && line.text.len() <= 120 && plain {
            summary.authority = Some(Self::text(line));
        } else if let (None, false, true, Some(name)) = (
            &summary.authority,
            rated,
            line.text.len() <= 120,
            bullet_name,
        ) {
            summary.authority = Some(name);
        } else {
            self.unplaced(line, false);
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

    /// How a warning names the part a line stood in.
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
    pub(super) fn unplaced(&mut self, line: &Line<'_>, heading: bool) {
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
    pub(super) fn keep(&mut self, line: &Line<'_>) {
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
}
