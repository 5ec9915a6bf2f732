//! Score distributions per quality statement and theme, with each member's percentile.

use std::fmt;

use super::Cohort;
use super::rank::{Standing, Summary};
use super::record::Subject;
use crate::model::{QualityStatement, Theme};

/// One member's value for a subject and where it stands.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MemberValue {
    /// The name to show.
    pub name: String,
    /// The ONS code when resolved.
    pub ons_code: Option<String>,
    /// The score (statement), mean score (theme) or percentage (overall); `None` if unknown.
    pub value: Option<f64>,
    /// Where the value stands among the members that have one (higher is better).
    pub standing: Option<Standing>,
}

/// How a cohort scored on one subject: counts of each score, mean, summary and each member's
/// standing (mid-rank percentile, quartile; see [`Standing`]).
///
/// For a theme, `counts` pools the scores of its statements, and each member's value is the mean
/// of its known scores in the theme.
///
/// # Examples
/// ```
/// use cqc_la::{Cohort, QualityStatement};
/// let d = Cohort::published().distribution(QualityStatement::Safeguarding);
/// assert_eq!(d.counts, [2, 27, 42, 1]); // how many 1s, 2s, 3s, 4s
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Distribution {
    /// What is distributed.
    pub subject: Subject,
    /// How many 1s, 2s, 3s and 4s.
    pub counts: [usize; 4],
    /// How many members have no value.
    pub missing: usize,
    /// The mean of the members' values.
    pub mean: Option<f64>,
    /// Quartiles and median of the members' values.
    pub summary: Option<Summary>,
    /// Every member, in cohort order.
    pub members: Vec<MemberValue>,
}

impl Distribution {
    /// The entry of the member a name resolves to.
    pub fn member(&self, name: &str) -> Option<&MemberValue> {
        match crate::identity::Authority::lookup(name) {
            Some(a) => self
                .members
                .iter()
                .find(|m| m.ons_code.as_deref() == Some(a.ons_code.as_str())),
            None => self
                .members
                .iter()
                .find(|m| m.name.eq_ignore_ascii_case(name.trim())),
        }
    }
}

/// The distributions of all nine statements and four themes.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Distributions {
    /// The cohort's name.
    pub cohort: String,
    /// Nine statements then four themes.
    pub items: Vec<Distribution>,
}

impl Cohort {
    /// The distribution of one statement, theme or the overall percentage.
    pub fn distribution(&self, subject: impl Into<Subject>) -> Distribution {
        let subject = subject.into();
        let values: Vec<Option<f64>> = self.members.iter().map(|m| m.value(subject)).collect();
        let standings = Standing::rank(&values);
        let mut counts = [0usize; 4];
        let statements: &[QualityStatement] = match subject {
            Subject::Statement(ref qs) => std::slice::from_ref(qs),
            Subject::Theme(theme) => theme.statements(),
            Subject::Overall => &QualityStatement::ALL,
        };
        for member in &self.members {
            for &qs in statements {
                if let Some(score) = member.score(qs) {
                    counts[usize::from(score.get() - 1)] += 1;
                }
            }
        }
        let summary = Summary::of(values.iter().flatten().copied());
        Distribution {
            subject,
            counts,
            missing: values.iter().filter(|v| v.is_none()).count(),
            mean: summary.map(|s| s.mean),
            summary,
            members: self
                .members
                .iter()
                .zip(values)
                .zip(standings)
                .map(|((m, value), standing)| MemberValue {
                    name: m.display_name().to_owned(),
                    ons_code: m.ons_code().map(str::to_owned),
                    value,
                    standing,
                })
                .collect(),
        }
    }

    /// The distributions of the nine statements then the four themes.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Cohort;
    /// let all = Cohort::published().distributions();
    /// assert_eq!(all.items.len(), 13);
    /// println!("{all}");
    /// ```
    pub fn distributions(&self) -> Distributions {
        Distributions {
            cohort: self.name.clone(),
            items: Subject::all().map(|s| self.distribution(s)).collect(),
        }
    }

    /// The distributions of the four themes only.
    pub fn theme_distributions(&self) -> Vec<Distribution> {
        Theme::ALL
            .into_iter()
            .map(|t| self.distribution(t))
            .collect()
    }
}

fn fmt_opt(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.decimals$}"))
}

impl fmt::Display for Distributions {
    /// One line per statement and theme: counts of 1s to 4s, unknown, mean, median, quartiles.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Score distribution: {}", self.cohort)?;
        let width = self
            .items
            .iter()
            .map(|d| d.subject.label().len())
            .max()
            .unwrap_or(0);
        writeln!(
            f,
            "{:<width$}  {:>4}  {:>4}  {:>4}  {:>4}  {:>7}  {:>5}  {:>5}  {:>5}  {:>5}",
            "Statement / theme", "1s", "2s", "3s", "4s", "unknown", "mean", "q1", "med", "q3"
        )?;
        for d in &self.items {
            writeln!(
                f,
                "{:<width$}  {:>4}  {:>4}  {:>4}  {:>4}  {:>7}  {:>5}  {:>5}  {:>5}  {:>5}",
                d.subject.label(),
                d.counts[0],
                d.counts[1],
                d.counts[2],
                d.counts[3],
                d.missing,
                fmt_opt(d.mean, 2),
                fmt_opt(d.summary.map(|s| s.lower_quartile), 2),
                fmt_opt(d.summary.map(|s| s.median), 2),
                fmt_opt(d.summary.map(|s| s.upper_quartile), 2),
            )?;
        }
        writeln!(
            f,
            "Theme rows pool the counts of their statements; values are per-authority means"
        )
    }
}

impl fmt::Display for Distribution {
    /// The counts, then every member's value, position, percentile and quartile, best first.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: 1s {}, 2s {}, 3s {}, 4s {}, unknown {}, mean {}",
            self.subject,
            self.counts[0],
            self.counts[1],
            self.counts[2],
            self.counts[3],
            self.missing,
            fmt_opt(self.mean, 2)
        )?;
        let mut members: Vec<&MemberValue> = self.members.iter().collect();
        members.sort_by(|a, b| {
            let rank = |m: &MemberValue| m.standing.map_or(usize::MAX, |s| s.rank);
            rank(a).cmp(&rank(b)).then_with(|| a.name.cmp(&b.name))
        });
        let width = members
            .iter()
            .map(|m| m.name.chars().count())
            .max()
            .unwrap_or(0)
            .max(9);
        writeln!(
            f,
            "{:<width$}  {:>6}  {:<22}  {:>10}  Quartile",
            "Authority", "Value", "Position", "Percentile"
        )?;
        for m in members {
            writeln!(
                f,
                "{:<width$}  {:>6}  {:<22}  {:>10}  {}",
                m.name,
                fmt_opt(m.value, 2),
                m.standing
                    .map_or_else(|| "not ranked".to_owned(), |s| s.to_string()),
                fmt_opt(m.standing.map(|s| s.percentile), 1),
                m.standing.map_or("-", |s| s.quartile.title()),
            )?;
        }
        Ok(())
    }
}
