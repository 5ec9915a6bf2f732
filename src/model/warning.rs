//! Non-fatal findings of the parser.

use std::fmt;

use super::{Band, QualityStatement, Rating, Score};

/// A position in the input: 1-based line and column (in characters) and the byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Location {
    /// Line number, from 1.
    pub line: usize,
    /// Column number in characters, from 1.
    pub column: usize,
    /// Byte offset from the start of the input.
    pub offset: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// Something the parser noticed that does not stop it: an inconsistency in the report or a
/// line it could not place (the line is kept in the model all the same).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// What was noticed.
    pub kind: WarningKind,
    /// Where.
    pub location: Location,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.kind, self.location)
    }
}

/// JSON: `kind` (the [`WarningKind::id`]) and the kind's fields, then `message` (the kind's
/// `Display`, written for readers and ignored when read back), `line`, `column` and `offset`.
#[cfg(feature = "serde")]
impl serde::Serialize for Warning {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct Repr<'a> {
            #[serde(flatten)]
            kind: &'a WarningKind,
            message: String,
            line: usize,
            column: usize,
            offset: usize,
        }
        let repr = Repr {
            kind: &self.kind,
            message: self.kind.to_string(),
            line: self.location.line,
            column: self.location.column,
            offset: self.location.offset,
        };
        serde::Serialize::serialize(&repr, serializer)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Warning {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `message` is left to the flattened kind, whose variants ignore it.
        #[derive(serde::Deserialize)]
        struct Repr {
            #[serde(flatten)]
            kind: WarningKind,
            line: usize,
            column: usize,
            offset: usize,
        }
        let r = <Repr as serde::Deserialize>::deserialize(deserializer)?;
        Ok(Warning {
            kind: r.kind,
            location: Location {
                line: r.line,
                column: r.column,
                offset: r.offset,
            },
        })
    }
}

/// The kinds of [`Warning`].
///
/// JSON: an object with `kind` (the [`WarningKind::id`]) and the variant's fields.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(tag = "kind", rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum WarningKind {
    /// The printed rating is not the one the scores give.
    #[error("the report's rating '{printed}' does not match its scores ({total}/{maximum} = {}, {derived})", percent(*.total, *.maximum))]
    RatingMismatch {
        /// The rating printed.
        printed: Rating,
        /// The band the scores give.
        derived: Band,
        /// Sum of the scores.
        total: u32,
        /// Four times the number scored.
        maximum: u32,
    },
    /// The scores' percentage falls in a gap between two rating bands.
    #[error("the scores give {total}/{maximum} = {}, {band}: CQC publishes no rounding rule, so the printed rating decides", percent(*.total, *.maximum))]
    BetweenBands {
        /// Sum of the scores.
        total: u32,
        /// Four times the number scored.
        maximum: u32,
        /// The two bands it falls between.
        band: Band,
    },
    /// The printed overall score out of 100 is not the scores' percentage.
    #[error("the report's overall score {printed} does not match its scores ({total}/{maximum} = {})", percent(*.total, *.maximum))]
    OverallScoreMismatch {
        /// The score printed.
        printed: u8,
        /// Sum of the scores.
        total: u32,
        /// Four times the number scored.
        maximum: u32,
    },
    /// A descriptor line's number is not the section's score.
    #[error("descriptor '{descriptor}' does not match the score {score} of '{statement}'")]
    DescriptorMismatch {
        /// The statement.
        statement: QualityStatement,
        /// The section's score.
        score: Score,
        /// The descriptor line.
        descriptor: String,
    },
    /// A descriptor line's phrase or rating word belongs to another score than its number.
    #[error("descriptor '{descriptor}' mixes score {number} with the wording of score {wording}")]
    DescriptorWording {
        /// The number the line starts with.
        number: Score,
        /// The score its wording belongs to.
        wording: Score,
        /// The descriptor line.
        descriptor: String,
    },
    /// A statement's section appears a second time (kept in [`crate::Report::duplicates`]).
    #[error("a second section for '{statement}' (the first is kept as the statement's section)")]
    DuplicateSection {
        /// The statement.
        statement: QualityStatement,
    },
    /// A statement is listed twice in the overall summary's score list.
    #[error("'{statement}' is listed twice in the quality statement scores")]
    DuplicateListing {
        /// The statement.
        statement: QualityStatement,
    },
    /// The overall summary's score list and the statement's section disagree.
    #[error("'{statement}' is listed with score {listed} but its section gives {section}")]
    SummaryMismatch {
        /// The statement.
        statement: QualityStatement,
        /// The score in the list.
        listed: Score,
        /// The score in the section.
        section: Score,
    },
    /// A score outside 1 to 4 (the line is kept in the section's `other` lines).
    #[error("expected a score from 1 to 4{}, found '{found}'", for_statement(*.statement))]
    ScoreOutOfRange {
        /// The statement, if known.
        statement: Option<QualityStatement>,
        /// What was found.
        found: String,
    },
    /// A line that looks like a heading but names nothing the parser knows.
    #[error("unknown heading '{text}' (kept in {section})")]
    UnknownHeading {
        /// The line.
        text: String,
        /// Where it was kept.
        section: String,
    },
    /// A line the parser could not place; it is kept in the section it appeared in.
    #[error("unrecognised line '{text}' (kept in {section})")]
    UnplacedLine {
        /// The line (shortened if long).
        text: String,
        /// Where it was kept.
        section: String,
    },
    /// A date that does not exist or cannot be read.
    #[error("cannot read the date in '{text}'")]
    InvalidDate {
        /// The line.
        text: String,
    },
    /// The summary's "Local authority rating and score" block is printed but holds no
    /// rating, no overall score and no statement scores (nothing is invented for it).
    #[error(
        "the rating and score block is printed but empty: no rating, overall score or statement scores"
    )]
    EmptyRatingBlock,
    /// A report-level line that appears a second time with a different value.
    #[error("'{text}' repeats the {what} with a different value; the first is kept")]
    Conflicting {
        /// What was repeated ("publication date", "authority", ...).
        what: String,
        /// The line.
        text: String,
    },
}

fn percent(total: u32, maximum: u32) -> String {
    super::OverallScore {
        total,
        scored: maximum / 4,
    }
    .percent_text()
}

fn for_statement(statement: Option<QualityStatement>) -> String {
    statement.map(|s| format!(" for '{s}'")).unwrap_or_default()
}

impl WarningKind {
    /// Every kind's id, in declaration order (what the tidy rows' `kind` column reads back).
    #[cfg(feature = "serde")]
    pub(crate) const IDS: [&'static str; 14] = [
        "rating_mismatch",
        "between_bands",
        "overall_score_mismatch",
        "descriptor_mismatch",
        "descriptor_wording",
        "duplicate_section",
        "duplicate_listing",
        "summary_mismatch",
        "score_out_of_range",
        "unknown_heading",
        "unplaced_line",
        "invalid_date",
        "empty_rating_block",
        "conflicting",
    ];

    /// A stable snake_case id for the kind, e.g. `"rating_mismatch"`.
    #[must_use]
    pub fn id(&self) -> &'static str {
        match self {
            WarningKind::RatingMismatch { .. } => "rating_mismatch",
            WarningKind::BetweenBands { .. } => "between_bands",
            WarningKind::OverallScoreMismatch { .. } => "overall_score_mismatch",
            WarningKind::DescriptorMismatch { .. } => "descriptor_mismatch",
            WarningKind::DescriptorWording { .. } => "descriptor_wording",
            WarningKind::DuplicateSection { .. } => "duplicate_section",
            WarningKind::DuplicateListing { .. } => "duplicate_listing",
            WarningKind::SummaryMismatch { .. } => "summary_mismatch",
            WarningKind::ScoreOutOfRange { .. } => "score_out_of_range",
            WarningKind::UnknownHeading { .. } => "unknown_heading",
            WarningKind::UnplacedLine { .. } => "unplaced_line",
            WarningKind::InvalidDate { .. } => "invalid_date",
            WarningKind::EmptyRatingBlock => "empty_rating_block",
            WarningKind::Conflicting { .. } => "conflicting",
        }
    }
}

#[cfg(all(test, feature = "serde"))]
mod tests {
    use super::*;

    /// One of each kind, and its place in `WarningKind::IDS`: the match is exhaustive, so a
    /// new kind does not compile here until it is listed.
    fn samples() -> Vec<(usize, WarningKind)> {
        use WarningKind as K;
        let (qs, score) = (QualityStatement::Safeguarding, Score::MIN);
        let text = || "x".to_owned();
        let kinds = [
            K::RatingMismatch {
                printed: Rating::Good,
                derived: Band::Rated(Rating::Inadequate),
                total: 9,
                maximum: 36,
            },
            K::BetweenBands {
                total: 14,
                maximum: 36,
                band: Band::Between(Rating::Inadequate, Rating::RequiresImprovement),
            },
            K::OverallScoreMismatch {
                printed: 50,
                total: 9,
                maximum: 36,
            },
            K::DescriptorMismatch {
                statement: qs,
                score,
                descriptor: text(),
            },
            K::DescriptorWording {
                number: score,
                wording: Score::MAX,
                descriptor: text(),
            },
            K::DuplicateSection { statement: qs },
            K::DuplicateListing { statement: qs },
            K::SummaryMismatch {
                statement: qs,
                listed: score,
                section: Score::MAX,
            },
            K::ScoreOutOfRange {
                statement: None,
                found: text(),
            },
            K::UnknownHeading {
                text: text(),
                section: text(),
            },
            K::UnplacedLine {
                text: text(),
                section: text(),
            },
            K::InvalidDate { text: text() },
            K::EmptyRatingBlock,
            K::Conflicting {
                what: text(),
                text: text(),
            },
        ];
        kinds
            .into_iter()
            .map(|k| {
                let i = match &k {
                    K::RatingMismatch { .. } => 0,
                    K::BetweenBands { .. } => 1,
                    K::OverallScoreMismatch { .. } => 2,
                    K::DescriptorMismatch { .. } => 3,
                    K::DescriptorWording { .. } => 4,
                    K::DuplicateSection { .. } => 5,
                    K::DuplicateListing { .. } => 6,
                    K::SummaryMismatch { .. } => 7,
                    K::ScoreOutOfRange { .. } => 8,
                    K::UnknownHeading { .. } => 9,
                    K::UnplacedLine { .. } => 10,
                    K::InvalidDate { .. } => 11,
                    K::EmptyRatingBlock => 12,
                    K::Conflicting { .. } => 13,
                };
                (i, k)
            })
            .collect()
    }

    #[test]
    fn every_kind_is_listed_with_its_id() {
        let samples = samples();
        assert_eq!(samples.len(), WarningKind::IDS.len());
        for (i, kind) in &samples {
            assert_eq!(WarningKind::IDS[*i], kind.id());
        }
    }

    #[test]
    fn every_kind_reads_back_from_json_tagged_with_its_id() {
        for (_, kind) in samples() {
            let warning = Warning {
                kind,
                location: Location {
                    line: 3,
                    column: 2,
                    offset: 40,
                },
            };
            let json = serde_json::to_value(&warning).unwrap();
            assert_eq!(json["kind"], warning.kind.id());
            assert_eq!(json["message"], warning.kind.to_string());
            assert_eq!(
                (json["line"].as_u64(), json["offset"].as_u64()),
                (Some(3), Some(40))
            );
            let back: Warning = serde_json::from_value(json).unwrap();
            assert_eq!(back, warning);
        }
    }
}
