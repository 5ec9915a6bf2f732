//! The common input of a cohort: one authority's rating and nine scores.

use std::fmt;
use std::str::FromStr;

use crate::assessment::{Assessment, AssessmentError, Conflict, Coverage, MergeWarning, PageAt};
use crate::error::{ValueError, ValueKind};
use crate::identity::Authority;
use crate::model::{Band, Date, OverallScore, QualityStatement, Rating, Score, Theme};

/// A month of publication, as the published-scores file writes it (`"2025-02"`).
///
/// # Examples
/// ```
/// use cqc_la::cohort::YearMonth;
/// let month: YearMonth = "2025-02".parse().unwrap();
/// assert_eq!((month.year, month.month), (2025, 2));
/// assert_eq!(month.to_string(), "2025-02");
/// assert!("2025-13".parse::<YearMonth>().is_err());
/// assert!("0000-01".parse::<YearMonth>().is_err());
/// assert!("2025-+2".parse::<YearMonth>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct YearMonth {
    /// The year, e.g. 2025.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
}

impl YearMonth {
    /// A month, if `month` is 1 to 12 and `year` is not 0 (there is no year 0000).
    #[must_use]
    pub const fn new(year: u16, month: u8) -> Option<YearMonth> {
        if year >= 1 && month >= 1 && month <= 12 {
            Some(YearMonth { year, month })
        } else {
            None
        }
    }
}

impl From<Date> for YearMonth {
    fn from(date: Date) -> YearMonth {
        YearMonth {
            year: date.year(),
            month: date.month(),
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for YearMonth {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ValueError::new(ValueKind::YearMonth, s);
        let (year, month) = s.trim().split_once('-').ok_or_else(err)?;
        let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if year.len() != 4 || month.is_empty() || month.len() > 2 || !digits(year) || !digits(month)
        {
            return Err(err());
        }
        let year = year.parse().map_err(|_| err())?;
        let month = month.parse().map_err(|_| err())?;
        YearMonth::new(year, month).ok_or_else(err)
    }
}

impl TryFrom<String> for YearMonth {
    type Error = ValueError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<YearMonth> for String {
    fn from(month: YearMonth) -> String {
        month.to_string()
    }
}

/// One authority's assessment as a cohort sees it: name, resolved identity, rating, month of
/// publication, the printed overall score when known and the nine scores in framework order. A
/// missing score stays `None`: nothing is ever filled in.
///
/// A record **covers** the statements it has scores for ([`ScoreRecord::coverage`]); from fewer
/// than nine its percentage is partial and it has no derived rating.
///
/// # Examples
/// ```
/// use cqc_la::{Rating, Score};
/// use cqc_la::cohort::ScoreRecord;
/// let scores = [3, 3, 4, 3, 4, 4, 3, 4, 4].map(|s| Score::new(s));
/// let camden = ScoreRecord::new("London Borough of Camden", scores);
/// assert_eq!(camden.authority.unwrap().ons_code, "E09000007");
/// assert_eq!(camden.overall().total, 32);
/// assert_eq!(camden.out_of_100(), Some(89));
/// assert_eq!(camden.derived_rating(), Some(Rating::Outstanding));
/// assert!(camden.coverage().is_complete());
/// ```
///
/// JSON: the fields (`authority` as the council's `name`, `ons_code`, `kind` and `region`),
/// then what follows from them (see the `Serialize` impl), which is ignored when read back.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
pub struct ScoreRecord {
    /// The name as given (a report header, a CSV cell).
    pub name: String,
    /// The council the name resolves to, if it resolves.
    pub authority: Option<&'static Authority>,
    /// The rating as published, if known.
    pub rating: Option<Rating>,
    /// The month of publication, if known.
    pub published: Option<YearMonth>,
    /// The overall score out of 100 as a report printed it, if known (the scores' own is
    /// [`ScoreRecord::out_of_100`]).
    pub printed_score: Option<u8>,
    /// The nine scores in framework order ([`QualityStatement::ALL`]); `None` is unknown.
    pub scores: [Option<Score>; 9],
}

impl ScoreRecord {
    /// A record with these scores, resolving the name with [`Authority::resolve`] (left `None`
    /// when it does not resolve), with no rating or month.
    pub fn new(name: impl Into<String>, scores: [Option<Score>; 9]) -> ScoreRecord {
        let name = name.into();
        let authority = Authority::lookup(&name);
        ScoreRecord {
            name,
            authority,
            rating: None,
            published: None,
            printed_score: None,
            scores,
        }
    }

    /// Sets the published rating.
    #[must_use]
    pub fn with_rating(mut self, rating: Rating) -> ScoreRecord {
        self.rating = Some(rating);
        self
    }

    /// Sets the month of publication.
    #[must_use]
    pub fn with_published(mut self, published: YearMonth) -> ScoreRecord {
        self.published = Some(published);
        self
    }

    /// The name to show: the ONS short name when resolved, else the name as given.
    pub fn display_name(&self) -> &str {
        self.authority
            .map_or(self.name.as_str(), |a| a.name.as_str())
    }

    /// The ONS code when resolved.
    pub fn ons_code(&self) -> Option<&'static str> {
        self.authority.map(|a| a.ons_code.as_str())
    }

    /// The key that identifies the authority: the ONS code, else the trimmed name in ASCII
    /// lowercase (agrees with [`ScoreRecord::same_authority`]).
    pub(crate) fn key(&self) -> String {
        self.ons_code()
            .map_or_else(|| self.name.trim().to_ascii_lowercase(), str::to_owned)
    }

    /// Whether two records are the same authority: same ONS code when both resolve, else the
    /// same name ignoring case.
    pub fn same_authority(&self, other: &ScoreRecord) -> bool {
        match (self.authority, other.authority) {
            (Some(a), Some(b)) => a.ons_code == b.ons_code,
            _ => self.name.trim().eq_ignore_ascii_case(other.name.trim()),
        }
    }

    /// The score for one statement.
    pub fn score(&self, statement: QualityStatement) -> Option<Score> {
        self.scores[statement.index()]
    }

    /// The sum and count of the known scores.
    pub fn overall(&self) -> OverallScore {
        OverallScore::from_scores(self.scores.iter().flatten().copied())
    }

    /// Whether all nine scores are known.
    pub fn is_complete(&self) -> bool {
        self.coverage().is_complete()
    }

    /// The statements with a known score.
    pub fn coverage(&self) -> Coverage {
        Coverage::of_scores(&self.scores)
    }

    /// Whether some but not all nine scores are known: the percentage is then partial.
    pub fn is_partial(&self) -> bool {
        self.coverage().is_partial()
    }

    /// The overall score out of 100 the scores give, as CQC prints it (the percentage rounded
    /// up); partial from fewer than nine.
    pub fn out_of_100(&self) -> Option<u8> {
        self.overall().out_of_100()
    }

    /// The band of the derived percentage when all nine scores are known; `None` otherwise
    /// (see [`ScoreRecord::partial_band`]).
    pub fn derived_band(&self) -> Option<Band> {
        self.overall().complete_band()
    }

    /// The rating the nine scores give; `None` from fewer (not a rating) or between bands.
    pub fn derived_rating(&self) -> Option<Rating> {
        self.derived_band().and_then(Band::rating)
    }

    /// Where the known scores stand when fewer than nine are known: not a rating.
    pub fn partial_band(&self) -> Option<Band> {
        self.overall().partial_band()
    }

    /// The sum and count of the scores on the statements of `basis`, when the record covers
    /// every one of them; `None` otherwise.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::{QualityStatement, Score};
    /// use cqc_la::assessment::Coverage;
    /// use cqc_la::cohort::ScoreRecord;
    /// let camden = ScoreRecord::new("Camden", [3, 3, 4, 3, 4, 4, 3, 4, 4].map(Score::new));
    /// let basis = Coverage::from_statements([QualityStatement::PartnershipsAndCommunities]);
    /// assert_eq!(camden.overall_on(basis).unwrap().percent(), 100.0);
    /// ```
    pub fn overall_on(&self, basis: Coverage) -> Option<OverallScore> {
        self.coverage()
            .covers(basis)
            .then(|| OverallScore::from_scores(basis.statements().filter_map(|qs| self.score(qs))))
    }

    /// The mean of the theme's known scores.
    pub fn theme_mean(&self, theme: Theme) -> Option<f64> {
        let overall =
            OverallScore::from_scores(theme.statements().iter().filter_map(|&qs| self.score(qs)));
        (overall.scored > 0).then(|| f64::from(overall.total) / f64::from(overall.scored))
    }

    /// The lowest-scored statement; among equal lowest scores, the first in framework order.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::{QualityStatement, Score};
    /// use cqc_la::cohort::ScoreRecord;
    /// let r = ScoreRecord::new("Camden", [3, 3, 4, 3, 4, 4, 3, 4, 4].map(Score::new));
    /// assert_eq!(r.weakest(), Some(QualityStatement::AssessingNeeds));
    /// ```
    pub fn weakest(&self) -> Option<QualityStatement> {
        QualityStatement::ALL
            .iter()
            .filter_map(|&qs| self.score(qs).map(|s| (s, qs)))
            .min_by_key(|&(s, qs)| (s, qs.index()))
            .map(|(_, qs)| qs)
    }

    /// The value a subject (statement or theme) has for this record: the score, the theme
    /// mean of the known scores, or the percentage of the known scores.
    pub fn value(&self, subject: Subject) -> Option<f64> {
        match subject {
            Subject::Statement(qs) => self.score(qs).map(|s| f64::from(s.get())),
            Subject::Theme(theme) => self.theme_mean(theme),
            Subject::Overall => {
                let overall = self.overall();
                (overall.scored > 0).then(|| overall.percent())
            }
        }
    }

    /// The statements a subject's value stands on for this record: the statement, the
    /// theme's known statements, or every known statement.
    pub fn basis(&self, subject: Subject) -> Coverage {
        let coverage = self.coverage();
        match subject {
            Subject::Statement(qs) => coverage.intersection(Coverage::from_statements([qs])),
            Subject::Theme(theme) => coverage.intersection(Coverage::from_statements(
                theme.statements().iter().copied(),
            )),
            Subject::Overall => coverage,
        }
    }

    /// The value of a subject computed on the statements of `basis` only (the mean score for a
    /// statement or theme, the percentage overall), when the record covers all of them.
    pub(crate) fn value_on(&self, subject: Subject, basis: Coverage) -> Option<f64> {
        let overall = self.overall_on(basis).filter(|o| o.scored > 0)?;
        Some(match subject {
            Subject::Overall => overall.percent(),
            Subject::Statement(_) | Subject::Theme(_) => {
                f64::from(overall.total) / f64::from(overall.scored)
            }
        })
    }

    /// This record combined with a newer one of the same council (a partial set of pages
    /// joining a published record): each score from `newer` where it has one, else from
    /// `self`, so the result never covers fewer statements than either; the newer rating,
    /// month and printed score where given. A warning (both values kept in it) for each value
    /// `newer` changes; `sources` name the two records in warnings (`self`'s first).
    ///
    /// # Examples
    /// ```
    /// use cqc_la::{QualityStatement, Score};
    /// use cqc_la::cohort::ScoreRecord;
    /// let published = ScoreRecord::new("Islington", [2, 3, 3, 3, 3, 3, 3, 3, 3].map(Score::new));
    /// let mut page = [None; 9];
    /// page[QualityStatement::PartnershipsAndCommunities.index()] = Score::new(4);
    /// let page = ScoreRecord::new("Islington Council", page);
    /// let (combined, warnings) = published.combine(&page, ("published", "partnerships.txt"));
    /// assert_eq!(combined.coverage().count(), 9);
    /// assert_eq!(combined.score(QualityStatement::PartnershipsAndCommunities), Score::new(4));
    /// assert_eq!(
    ///     warnings[0].to_string(),
    ///     "the score of Partnerships and communities: 4 in partnerships.txt but 3 in published; both kept, 4 used"
    /// );
    /// ```
    #[must_use]
    pub fn combine(
        &self,
        newer: &ScoreRecord,
        sources: (&str, &str),
    ) -> (ScoreRecord, Vec<MergeWarning>) {
        let (old_source, new_source) = sources;
        let mut warnings = Vec::new();
        let mut warn = |conflict| {
            warnings.push(MergeWarning {
                conflict,
                kept: PageAt::source(new_source),
                other: PageAt::source(old_source),
            });
        };
        let mut combined = self.clone();
        for qs in QualityStatement::ALL {
            let i = qs.index();
            if let Some(score) = newer.scores[i] {
                if let Some(old) = self.scores[i].filter(|&old| old != score) {
                    warn(Conflict::Score {
                        statement: qs,
                        kept: score,
                        other: old,
                    });
                }
                combined.scores[i] = Some(score);
            }
        }
        if let Some(rating) = newer.rating {
            if let Some(old) = self.rating.filter(|&old| old != rating) {
                warn(Conflict::Rating {
                    kept: rating,
                    other: old,
                });
            }
            combined.rating = Some(rating);
        }
        if let Some(month) = newer.published {
            if let Some(old) = self.published.filter(|&old| old != month) {
                warn(Conflict::PublishedMonth {
                    kept: month,
                    other: old,
                });
            }
            combined.published = Some(month);
        }
        if let Some(printed) = newer.printed_score {
            if let Some(old) = self.printed_score.filter(|&old| old != printed) {
                warn(Conflict::OverallScore {
                    kept: printed,
                    other: old,
                });
            }
            combined.printed_score = Some(printed);
        }
        if combined.authority.is_none() {
            combined.authority = newer.authority;
        }
        (combined, warnings)
    }
}

impl TryFrom<&Assessment> for ScoreRecord {
    type Error = AssessmentError;

    /// Takes the assessment's council name, printed rating, month of publication, printed
    /// overall score and scores.
    ///
    /// # Errors
    /// [`AssessmentError::Unnamed`] when the assessment names no council (its pages print no
    /// name and none was given with
    /// [`Pages::for_authority`](crate::assessment::Pages::for_authority)): a record must say
    /// whose it is.
    fn try_from(assessment: &Assessment) -> Result<ScoreRecord, AssessmentError> {
        let name = assessment.authority().ok_or(AssessmentError::Unnamed)?;
        let mut record = ScoreRecord::new(name, assessment.scores());
        record.rating = assessment.rating();
        record.published = assessment.published().map(YearMonth::from);
        record.printed_score = assessment.printed_score();
        Ok(record)
    }
}

impl fmt::Display for ScoreRecord {
    /// `Camden  E09000007  Outstanding  2025-02  3 3 4 3 4 4 3 4 4  32/36 (88.9%)  89/100`; `-`
    /// marks a missing score; a partial record says so (`17/32 (53.1%, partial: 8 of 9
    /// statements)  54/100 partial`); a printed overall score follows as `printed 75`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}  {}  {}  {}  {}  {}",
            self.display_name(),
            self.ons_code().unwrap_or("-"),
            self.rating.map_or("-", Rating::title),
            self.published
                .map_or_else(|| "-".to_owned(), |m| m.to_string()),
            score_string(&self.scores),
            self.overall()
        )?;
        if let Some(score) = self.out_of_100() {
            write!(f, "  {score}/100")?;
            if self.is_partial() {
                f.write_str(" partial")?;
            }
        }
        if let Some(printed) = self.printed_score {
            write!(f, "  printed {printed}")?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for ScoreRecord {
    /// The fields, then `coverage`, `partial`, `overall`, `out_of_100`, `derived_band` (nine
    /// statements only) and `partial_band`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("ScoreRecord", 12)?;
        s.serialize_field("name", &self.name)?;
        s.serialize_field("authority", &self.authority)?;
        s.serialize_field("rating", &self.rating)?;
        s.serialize_field("published", &self.published)?;
        s.serialize_field("printed_score", &self.printed_score)?;
        s.serialize_field("scores", &self.scores)?;
        s.serialize_field("coverage", &self.coverage())?;
        s.serialize_field("partial", &self.is_partial())?;
        s.serialize_field("overall", &self.overall())?;
        s.serialize_field("out_of_100", &self.out_of_100())?;
        s.serialize_field("derived_band", &self.derived_band())?;
        s.serialize_field("partial_band", &self.partial_band())?;
        s.end()
    }
}

/// The nine scores as `"3 3 4 3 4 4 3 4 4"`, `-` for a missing one.
pub(crate) fn score_string(scores: &[Option<Score>; 9]) -> String {
    scores
        .iter()
        .map(|s| s.map_or_else(|| "-".to_owned(), |s| s.to_string()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a distribution or ranking is about: one quality statement, one theme (the mean of its
/// statements' scores), or the overall percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Subject {
    /// One quality statement's score.
    Statement(QualityStatement),
    /// The mean of a theme's known scores.
    Theme(Theme),
    /// The derived overall percentage.
    Overall,
}

impl Subject {
    /// The nine statements then the four themes.
    pub fn all() -> impl Iterator<Item = Subject> {
        QualityStatement::ALL
            .into_iter()
            .map(Subject::Statement)
            .chain(Theme::ALL.into_iter().map(Subject::Theme))
    }

    /// A short label for tables.
    pub fn label(self) -> String {
        match self {
            Subject::Statement(qs) => qs.short_title().to_owned(),
            Subject::Theme(t) => format!("Theme {}: {}", t.number(), t.title()),
            Subject::Overall => "Overall %".to_owned(),
        }
    }
}

impl From<QualityStatement> for Subject {
    fn from(qs: QualityStatement) -> Subject {
        Subject::Statement(qs)
    }
}

impl From<Theme> for Subject {
    fn from(theme: Theme) -> Subject {
        Subject::Theme(theme)
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Statement(qs) => f.write_str(qs.title()),
            Subject::Theme(t) => f.write_str(t.title()),
            Subject::Overall => f.write_str("Overall percentage"),
        }
    }
}
