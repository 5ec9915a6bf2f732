//! Scores, ratings and CQC's rule that turns nine scores into a rating.

use std::fmt;

use crate::error::{ValueError, ValueKind};

/// A quality statement score, 1 to 4.
///
/// # Examples
/// ```
/// use cqc_la::Score;
/// let score = Score::new(3).unwrap();
/// assert_eq!(score.descriptor(), "Evidence shows a good standard");
/// assert!(Score::new(5).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u8", into = "u8"))]
pub struct Score(u8);

impl Score {
    /// The lowest score, 1.
    pub const MIN: Score = Score(1);
    /// The highest score, 4.
    pub const MAX: Score = Score(4);
    /// All four scores, lowest first.
    pub const ALL: [Score; 4] = [Score(1), Score(2), Score(3), Score(4)];

    /// A score, if `value` is 1 to 4.
    #[must_use]
    pub const fn new(value: u8) -> Option<Score> {
        if value >= 1 && value <= 4 {
            Some(Score(value))
        } else {
            None
        }
    }

    /// The score as a number.
    #[must_use]
    pub const fn get(self) -> u8 {
        self.0
    }

    /// CQC's descriptor, e.g. `"Evidence shows a good standard"`.
    #[must_use]
    pub const fn descriptor(self) -> &'static str {
        match self.0 {
            1 => "Evidence shows significant shortfalls",
            2 => "Evidence shows some shortfalls",
            3 => "Evidence shows a good standard",
            _ => "Evidence shows an exceptional standard",
        }
    }

    /// The rating word that goes with this score in descriptor lines such as
    /// `1 - Inadequate: Evidence shows significant shortfalls`.
    #[must_use]
    pub const fn rating(self) -> Rating {
        match self.0 {
            1 => Rating::Inadequate,
            2 => Rating::RequiresImprovement,
            3 => Rating::Good,
            _ => Rating::Outstanding,
        }
    }
}

impl TryFrom<u8> for Score {
    type Error = ValueError;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Score::new(value).ok_or_else(|| ValueError::new(ValueKind::Score, &value.to_string()))
    }
}

impl From<Score> for u8 {
    fn from(score: Score) -> u8 {
        score.0
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// An overall rating. Ordered from worst to best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Rating {
    /// Inadequate: 25-38 %.
    Inadequate,
    /// Requires improvement: 39-62 %.
    RequiresImprovement,
    /// Good: 63-87 %.
    Good,
    /// Outstanding: 88 % and above.
    Outstanding,
}

impl Rating {
    /// All ratings, worst first.
    pub const ALL: [Rating; 4] = [
        Rating::Inadequate,
        Rating::RequiresImprovement,
        Rating::Good,
        Rating::Outstanding,
    ];

    /// The word as reports print it, e.g. `"Requires improvement"`.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Rating::Inadequate => "Inadequate",
            Rating::RequiresImprovement => "Requires improvement",
            Rating::Good => "Good",
            Rating::Outstanding => "Outstanding",
        }
    }

    /// The stable snake_case id used in JSON, e.g. `"requires_improvement"`.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Rating::Inadequate => "inadequate",
            Rating::RequiresImprovement => "requires_improvement",
            Rating::Good => "good",
            Rating::Outstanding => "outstanding",
        }
    }

    /// The band of overall percentages for this rating, as `(lowest, highest)` whole percents;
    /// `highest` is 100 for Outstanding.
    #[must_use]
    pub const fn band(self) -> (u8, u8) {
        match self {
            Rating::Inadequate => (25, 38),
            Rating::RequiresImprovement => (39, 62),
            Rating::Good => (63, 87),
            Rating::Outstanding => (88, 100),
        }
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// Where an overall percentage falls among CQC's rating bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Band {
    /// Inside a rating's band.
    Rated(Rating),
    /// In the gap between two published bands (e.g. 38.9 %, a sum of 14 over nine
    /// statements): CQC publishes no rounding rule, so the rating printed in the report decides.
    Between(Rating, Rating),
}

impl Band {
    /// The rating if the percentage is inside a band.
    #[must_use]
    pub const fn rating(self) -> Option<Rating> {
        match self {
            Band::Rated(r) => Some(r),
            Band::Between(..) => None,
        }
    }

    /// Whether `rating` is consistent with this band (inside it, or either side of a gap).
    #[must_use]
    pub fn admits(self, rating: Rating) -> bool {
        match self {
            Band::Rated(r) => r == rating,
            Band::Between(lo, hi) => rating == lo || rating == hi,
        }
    }
}

impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Band::Rated(r) => write!(f, "{r}"),
            Band::Between(lo, hi) => write!(f, "between {lo} and {hi}"),
        }
    }
}

/// CQC's aggregation of quality statement scores: the sum of the scored statements over four
/// times their number.
///
/// # Examples
/// ```
/// use cqc_la::{OverallScore, Rating, Score};
/// // Camden: 3, 3, 4, 3, 4, 4, 3, 4, 4
/// let scores = [3, 3, 4, 3, 4, 4, 3, 4, 4].map(|s| Score::new(s).unwrap());
/// let overall = OverallScore::from_scores(scores);
/// assert_eq!((overall.total, overall.maximum()), (32, 36));
/// assert_eq!(format!("{:.1}", overall.percent()), "88.9");
/// assert_eq!(overall.rating(), Some(Rating::Outstanding));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OverallScore {
    /// The sum of the scores.
    pub total: u32,
    /// How many statements were scored.
    pub scored: u32,
}

impl OverallScore {
    /// Adds up scores.
    #[must_use]
    pub fn from_scores(scores: impl IntoIterator<Item = Score>) -> OverallScore {
        scores
            .into_iter()
            .fold(OverallScore::default(), |acc, s| OverallScore {
                total: acc.total + u32::from(s.get()),
                scored: acc.scored + 1,
            })
    }

    /// The highest possible total, four times the number scored.
    #[must_use]
    pub const fn maximum(self) -> u32 {
        self.scored * 4
    }

    /// The percentage, `100 * total / maximum` (0 when nothing was scored).
    #[must_use]
    pub fn percent(self) -> f64 {
        if self.scored == 0 {
            0.0
        } else {
            f64::from(self.total) * 100.0 / f64::from(self.maximum())
        }
    }

    /// The band the percentage falls in, or `None` when nothing was scored. Computed exactly
    /// (no floating point): 25-38 % Inadequate, 39-62 % Requires improvement, 63-87 % Good,
    /// 88 % and above Outstanding; a percentage strictly between 38 and 39, 62 and 63 or 87 and
    /// 88 is [`Band::Between`].
    #[must_use]
    pub fn band(self) -> Option<Band> {
        if self.scored == 0 {
            return None;
        }
        let hundred_total = u64::from(self.total) * 100;
        let max = u64::from(self.maximum());
        // percent <= p  <=>  100 * total <= p * max
        let at_most = |p: u64| hundred_total <= p * max;
        let at_least = |p: u64| hundred_total >= p * max;
        Some(if at_least(88) {
            Band::Rated(Rating::Outstanding)
        } else if at_least(63) && at_most(87) {
            Band::Rated(Rating::Good)
        } else if at_least(39) && at_most(62) {
            Band::Rated(Rating::RequiresImprovement)
        } else if at_most(38) {
            Band::Rated(Rating::Inadequate)
        } else if at_least(87) {
            Band::Between(Rating::Good, Rating::Outstanding)
        } else if at_least(62) {
            Band::Between(Rating::RequiresImprovement, Rating::Good)
        } else {
            Band::Between(Rating::Inadequate, Rating::RequiresImprovement)
        })
    }

    /// The rating the scores give, or `None` when nothing was scored or the percentage falls
    /// between two bands.
    #[must_use]
    pub fn rating(self) -> Option<Rating> {
        self.band().and_then(Band::rating)
    }

    /// The overall score out of 100 as CQC prints it: the percentage rounded **up** to a whole
    /// number (section 2.2a of the domain reference: the printed scores of 17 councils all equal
    /// the ceiling, e.g. 26/36 = 72.2 % printed 73, 25/36 = 69.4 % printed 70). Computed
    /// exactly, without floating point. `None` when nothing was scored.
    ///
    /// From fewer than nine statements it is a partial score (see
    /// [`OverallScore::is_partial`]), which CQC never prints.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::{OverallScore, Score};
    /// let islington = [2, 3, 3, 3, 3, 3, 3, 3, 3].map(|s| Score::new(s).unwrap());
    /// assert_eq!(OverallScore::from_scores(islington).out_of_100(), Some(73)); // 72.2 rounded up
    /// let staffordshire = [Score::new(3).unwrap(); 9];
    /// assert_eq!(OverallScore::from_scores(staffordshire).out_of_100(), Some(75));
    /// assert_eq!(OverallScore::default().out_of_100(), None);
    /// ```
    #[must_use]
    pub fn out_of_100(self) -> Option<u8> {
        if self.scored == 0 {
            return None;
        }
        let ceiling = (u64::from(self.total) * 100).div_ceil(u64::from(self.maximum()));
        u8::try_from(ceiling).ok()
    }

    /// Whether an overall score out of 100 printed in a report agrees with the scores: it must
    /// be [`OverallScore::out_of_100`], the percentage rounded up, exactly. Rounding down or to
    /// the nearest does not agree (27/36 = 75 % agrees only with 75; 26/36 = 72.2 % only with
    /// 73, not 72).
    #[must_use]
    pub fn agrees_with_printed(self, printed: u8) -> bool {
        self.out_of_100() == Some(printed)
    }

    /// Whether fewer than nine statements are scored (and at least one): the percentage, the
    /// score out of 100 and the band are then partial, and the band is not a rating.
    #[must_use]
    pub const fn is_partial(self) -> bool {
        self.scored > 0 && self.scored < 9
    }

    /// The band when all nine statements are scored; `None` for a partial score (see
    /// [`OverallScore::partial_band`]) or none.
    #[must_use]
    pub fn complete_band(self) -> Option<Band> {
        if self.scored == 9 { self.band() } else { None }
    }

    /// The band a partial score's percentage falls in: not a rating, only where the scored
    /// statements stand. `None` when all nine or none are scored.
    #[must_use]
    pub fn partial_band(self) -> Option<Band> {
        if self.is_partial() { self.band() } else { None }
    }
}

impl OverallScore {
    /// The percentage with one decimal, e.g. `"88.9%"`.
    #[must_use]
    pub fn percent_text(self) -> String {
        format!("{:.1}%", self.percent())
    }
}

impl fmt::Display for OverallScore {
    /// `32/36 (88.9%)`; from fewer than nine statements, marked as partial:
    /// `3/4 (75.0%, partial: 1 of 9 statements)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{} ({:.1}%",
            self.total,
            self.maximum(),
            self.percent()
        )?;
        if self.is_partial() {
            write!(f, ", partial: {} of 9 statements", self.scored)?;
        }
        f.write_str(")")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overall(total: u32, scored: u32) -> OverallScore {
        OverallScore { total, scored }
    }

    #[test]
    fn nine_statement_lookup_matches_the_domain_table() {
        for total in 9..=36 {
            let band = overall(total, 9).band().unwrap();
            let expected = match total {
                9..=13 => Band::Rated(Rating::Inadequate),
                14 => Band::Between(Rating::Inadequate, Rating::RequiresImprovement),
                15..=22 => Band::Rated(Rating::RequiresImprovement),
                23..=31 => Band::Rated(Rating::Good),
                _ => Band::Rated(Rating::Outstanding),
            };
            assert_eq!(band, expected, "sum {total}");
        }
    }

    #[test]
    fn eight_statement_gaps() {
        // 12/32 = 37.5 %: not above 38, so inside the Inadequate band.
        assert_eq!(overall(12, 8).band(), Some(Band::Rated(Rating::Inadequate)));
        assert_eq!(
            overall(20, 8).band(),
            Some(Band::Between(Rating::RequiresImprovement, Rating::Good))
        );
        assert_eq!(
            overall(28, 8).band(),
            Some(Band::Between(Rating::Good, Rating::Outstanding))
        );
        assert_eq!(overall(0, 0).band(), None);
    }

    #[test]
    fn printed_score_agreement_is_the_ceiling() {
        let camden = overall(32, 9); // 88.89
        assert!(camden.agrees_with_printed(89));
        assert!(
            !camden.agrees_with_printed(88),
            "rounded down does not agree"
        );
        assert!(!camden.agrees_with_printed(90));
        assert!(overall(27, 9).agrees_with_printed(75));
        assert!(!overall(27, 9).agrees_with_printed(76));
        assert!(!OverallScore::default().agrees_with_printed(0));
        // Section 2.2a of the domain reference: every printed score is the ceiling.
        for (total, printed) in [
            (26, 73),
            (22, 62),
            (21, 59),
            (28, 78),
            (25, 70),
            (23, 64),
            (20, 56),
            (32, 89),
            (29, 81),
            (24, 67),
            (27, 75),
        ] {
            assert_eq!(overall(total, 9).out_of_100(), Some(printed), "{total}/36");
            assert!(overall(total, 9).agrees_with_printed(printed));
            // Where plain rounding differs from the ceiling (72.2 -> 72), it does not agree.
            let rounded = u8::try_from((total * 100 + 18) / 36).unwrap();
            assert_eq!(
                overall(total, 9).agrees_with_printed(rounded),
                rounded == printed
            );
        }
    }

    #[test]
    fn every_total_over_every_count_has_its_ceiling() {
        for scored in 1..=9u32 {
            for total in scored..=scored * 4 {
                let o = overall(total, scored);
                let exact = f64::from(total) * 100.0 / f64::from(scored * 4);
                let got = f64::from(o.out_of_100().unwrap());
                assert!(got >= exact && got - exact < 1.0, "{total}/{scored}");
                assert_eq!(o.is_partial(), scored < 9);
            }
        }
    }

    #[test]
    fn partial_scores_say_so() {
        assert_eq!(overall(32, 9).to_string(), "32/36 (88.9%)");
        assert_eq!(
            overall(3, 1).to_string(),
            "3/4 (75.0%, partial: 1 of 9 statements)"
        );
        assert_eq!(overall(3, 1).complete_band(), None);
        assert_eq!(
            overall(3, 1).partial_band(),
            Some(Band::Rated(Rating::Good))
        );
        assert_eq!(overall(27, 9).partial_band(), None);
        assert_eq!(
            overall(27, 9).complete_band(),
            Some(Band::Rated(Rating::Good))
        );
    }
}
