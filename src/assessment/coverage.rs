//! Which of the nine quality statements a value stands on.

use std::fmt;

use crate::model::{QualityStatement, Score};

/// The set of quality statements something covers: an assessment (the statements its pages
/// score), a [`ScoreRecord`](crate::cohort::ScoreRecord), a side of a
/// [`Comparison`](crate::Comparison), a league table row, or the basis a percentage or a rank
/// was computed on.
///
/// A percentage, score out of 100 or band computed from fewer than nine statements is
/// **partial**: it says where those statements stand, not what the council's rating is. Ranks are
/// only ever computed among records covering the same statements (see the crate's `docs/benchmarking.md`).
///
/// `Display` writes `9 of 9 statements`, `8 of 9 statements (all but Care provision)` or
/// `1 of 9 statements (Partnerships)`; JSON is `{"count": 8, "statements": [ids...]}`.
///
/// # Examples
/// ```
/// use cqc_la::{QualityStatement, Score};
/// use cqc_la::assessment::Coverage;
/// let mut scores = [Score::new(3); 9];
/// scores[3] = None;
/// let coverage = Coverage::of_scores(&scores);
/// assert_eq!(coverage.count(), 8);
/// assert!(!coverage.is_complete());
/// assert!(!coverage.contains(QualityStatement::CareProvisionIntegrationAndContinuity));
/// assert_eq!(coverage.to_string(), "8 of 9 statements (all but Care provision)");
/// let one = Coverage::from_statements([QualityStatement::PartnershipsAndCommunities]);
/// assert_eq!(one.to_string(), "1 of 9 statements (Partnerships)");
/// assert!(coverage.covers(one));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Coverage(u16);

impl Coverage {
    /// All nine statements.
    pub const ALL: Coverage = Coverage(0x1ff);
    /// No statement.
    pub const NONE: Coverage = Coverage(0);

    /// The statements with a known score.
    #[must_use]
    pub fn of_scores(scores: &[Option<Score>; 9]) -> Coverage {
        Coverage::from_statements(
            QualityStatement::ALL
                .into_iter()
                .filter(|qs| scores[qs.index()].is_some()),
        )
    }

    /// These statements.
    pub fn from_statements(statements: impl IntoIterator<Item = QualityStatement>) -> Coverage {
        Coverage(
            statements
                .into_iter()
                .fold(0, |bits, qs| bits | (1 << qs.index())),
        )
    }

    /// Whether the statement is covered.
    #[must_use]
    pub const fn contains(self, statement: QualityStatement) -> bool {
        self.0 & (1 << statement.index()) != 0
    }

    /// How many statements are covered, 0 to 9.
    #[must_use]
    pub const fn count(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether all nine are covered.
    #[must_use]
    pub const fn is_complete(self) -> bool {
        self.0 == Coverage::ALL.0
    }

    /// Whether none is covered.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether some but not all are covered: what is computed from them is partial.
    #[must_use]
    pub const fn is_partial(self) -> bool {
        !self.is_empty() && !self.is_complete()
    }

    /// The statements both cover.
    #[must_use]
    pub const fn intersection(self, other: Coverage) -> Coverage {
        Coverage(self.0 & other.0)
    }

    /// The statements either covers.
    #[must_use]
    pub const fn union(self, other: Coverage) -> Coverage {
        Coverage(self.0 | other.0)
    }

    /// Whether every statement `other` covers is covered here too.
    #[must_use]
    pub const fn covers(self, other: Coverage) -> bool {
        self.0 & other.0 == other.0
    }

    /// The covered statements, in framework order.
    pub fn statements(self) -> impl Iterator<Item = QualityStatement> {
        QualityStatement::ALL
            .into_iter()
            .filter(move |&qs| self.contains(qs))
    }

    /// The statements not covered, in framework order.
    pub fn missing(self) -> impl Iterator<Item = QualityStatement> {
        QualityStatement::ALL
            .into_iter()
            .filter(move |&qs| !self.contains(qs))
    }

    /// `9/9`, `8/9`: the short form for table columns.
    #[must_use]
    pub fn fraction(self) -> String {
        format!("{}/9", self.count())
    }

    /// The covered statements' short titles joined with commas, or `all but ...` when that is
    /// shorter to say; empty when complete or empty.
    #[must_use]
    pub fn which(self) -> String {
        if self.is_complete() || self.is_empty() {
            return String::new();
        }
        let list = |it: &mut dyn Iterator<Item = QualityStatement>| {
            it.map(QualityStatement::short_title)
                .collect::<Vec<_>>()
                .join(", ")
        };
        if self.count() > 4 {
            format!("all but {}", list(&mut self.missing()))
        } else {
            list(&mut self.statements())
        }
    }
}

impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} of 9 statements", self.count())?;
        if self.is_partial() {
            write!(f, " ({})", self.which())?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Coverage {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Coverage", 2)?;
        s.serialize_field("count", &self.count())?;
        s.serialize_field("statements", &self.statements().collect::<Vec<_>>())?;
        s.end()
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Coverage {
    /// Reads `statements`; `count` is written for readers and follows from them.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        struct Repr {
            statements: Vec<QualityStatement>,
        }
        let r = <Repr as serde::Deserialize>::deserialize(deserializer)?;
        Ok(Coverage::from_statements(r.statements))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets() {
        let a = Coverage::from_statements([
            QualityStatement::AssessingNeeds,
            QualityStatement::Safeguarding,
        ]);
        let b = Coverage::from_statements([QualityStatement::Safeguarding]);
        assert!(a.covers(b) && !b.covers(a));
        assert_eq!(a.intersection(b), b);
        assert_eq!(a.union(b), a);
        assert_eq!(Coverage::ALL.count(), 9);
        assert!(Coverage::ALL.is_complete() && !Coverage::ALL.is_partial());
        assert!(Coverage::NONE.is_empty() && !Coverage::NONE.is_partial());
        assert_eq!(Coverage::NONE.to_string(), "0 of 9 statements");
        assert_eq!(Coverage::ALL.to_string(), "9 of 9 statements");
        assert_eq!(
            a.to_string(),
            "2 of 9 statements (Assessing needs, Safeguarding)"
        );
        assert_eq!(
            a.statements().collect::<Vec<_>>(),
            [
                QualityStatement::AssessingNeeds,
                QualityStatement::Safeguarding
            ]
        );
        assert_eq!(a.missing().count(), 7);
    }
}
