//! The common input of a cohort: one authority's rating and nine scores.

use std::fmt;
use std::str::FromStr;

use crate::error::{ValueError, ValueKind};
use crate::identity::Authority;
use crate::model::{Band, Date, OverallScore, QualityStatement, Rating, Report, Score, Theme};

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
/// publication and the nine scores in framework order. A missing score stays `None`: nothing
/// is ever filled in.
///
/// # Examples
/// ```
/// use cqc_la::{Rating, Score};
/// use cqc_la::cohort::ScoreRecord;
/// let scores = [3, 3, 4, 3, 4, 4, 3, 4, 4].map(|s| Score::new(s));
/// let camden = ScoreRecord::new("London Borough of Camden", scores);
/// assert_eq!(camden.authority.unwrap().ons_code, "E09000007");
/// assert_eq!(camden.overall().total, 32);
/// assert_eq!(camden.derived_rating(), Some(Rating::Outstanding));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ScoreRecord {
    /// The name as given (a report header, a CSV cell).
    pub name: String,
    /// The council the name resolves to, if it resolves.
    pub authority: Option<&'static Authority>,
    /// The rating as published, if known.
    pub rating: Option<Rating>,
    /// The month of publication, if known.
    pub published: Option<YearMonth>,
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
        self.scores.iter().all(Option::is_some)
    }

    /// The band of the derived percentage (over the known scores only).
    pub fn derived_band(&self) -> Option<Band> {
        self.overall().band()
    }

    /// The rating the known scores give, `None` between bands or with no scores.
    pub fn derived_rating(&self) -> Option<Rating> {
        self.overall().rating()
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

    /// The value a subject (statement or theme) has for this record: the score, or the theme
    /// mean.
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
}

impl From<&Report> for ScoreRecord {
    /// Takes the report's authority (or `"(unnamed)"`), rating, month of publication and
    /// scores.
    fn from(report: &Report) -> ScoreRecord {
        let name = report
            .authority
            .clone()
            .unwrap_or_else(|| "(unnamed)".to_owned());
        let mut record = ScoreRecord::new(name, report.scores());
        record.rating = report.rating;
        record.published = report.published.map(YearMonth::from);
        record
    }
}

impl fmt::Display for ScoreRecord {
    /// `Camden  E09000007  Outstanding  2025-02  3 3 4 3 4 4 3 4 4  32/36 (88.9%)`; `-` marks
    /// a missing score.
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
        )
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
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
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
