//! Consistency checks, run once after assembly: the score list against the sections, each
//! descriptor against its score and its own wording, the printed rating against the band the
//! scores give (or scores between two bands), and the printed overall score against the
//! scores. Each finding is a warning at the line it concerns.

use super::Assembler;
use crate::model::{Band, Origin, QualityStatement, Rating, Report, Score, Section, WarningKind};

/// Warnings found, with the offset each points at.
type Found = Vec<(WarningKind, usize)>;

/// Where an origin starts, or the start of the input when it has no position.
fn start(origin: &Origin) -> usize {
    origin.span().map_or(0, |s| s.start)
}

impl Assembler<'_> {
    /// Runs every check and puts the report's warnings in input order.
    pub(super) fn check(&mut self) {
        let mut warnings = Vec::new();
        statement_checks(&self.report, &mut warnings);
        overall_checks(&self.report, &mut warnings);
        empty_rating_block(&self.report, &mut warnings);
        for duplicate in &self.report.duplicates {
            if let Some(section) = &duplicate.section {
                descriptor_checks(duplicate.statement, section, &mut warnings);
            }
        }
        for (kind, offset) in warnings {
            self.warn(kind, offset);
        }
        self.report.warnings.sort_by_key(|w| w.location);
    }
}

/// Each statement's listed score against its section's, and its section's descriptor.
fn statement_checks(report: &Report, warnings: &mut Found) {
    for statement in &report.statements {
        let Some(section) = &statement.section else {
            continue;
        };
        let score_at = section
            .score_line
            .as_ref()
            .map_or(start(&section.heading), start);
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
        descriptor_checks(statement.statement, section, warnings);
    }
}

/// The printed rating and overall score against what the scores give.
fn overall_checks(report: &Report, warnings: &mut Found) {
    let overall = report.overall();
    let Some(band) = overall.band() else {
        return;
    };
    let summary_at = report
        .summary
        .as_ref()
        .and_then(|s| s.rating_line.as_ref().or(s.score_line.as_ref()))
        .and_then(Origin::span)
        .map_or(0, |s| s.start);
    let (total, maximum) = (overall.total, overall.maximum());
    match (report.rating, band) {
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
    if let Some(printed) = report.overall_score {
        if !overall.agrees_with_printed(printed) {
            let at = report
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

/// A printed rating and score block with nothing in it: no rating, no overall score, no
/// statement listed with a score.
fn empty_rating_block(report: &Report, warnings: &mut Found) {
    let Some(heading) = report
        .summary
        .as_ref()
        .and_then(|s| s.rating_heading.as_ref())
    else {
        return;
    };
    let listed_scores = report
        .statements
        .iter()
        .any(|s| s.listed.as_ref().is_some_and(|l| l.score.is_some()));
    if report.rating.is_none() && report.overall_score.is_none() && !listed_scores {
        warnings.push((WarningKind::EmptyRatingBlock, start(heading)));
    }
}

/// A descriptor against its section's score, and its number against its own wording.
fn descriptor_checks(statement: QualityStatement, section: &Section, warnings: &mut Found) {
    let Some(descriptor) = &section.descriptor else {
        return;
    };
    let at = start(&descriptor.text.origin);
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
