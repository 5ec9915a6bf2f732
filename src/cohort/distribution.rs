//! Score distributions per quality statement and theme, with each member's percentile.

use std::fmt;

use super::Cohort;
use super::rank::{Standing, Summary, standings_on_bases};
use super::record::{ScoreRecord, Subject};
use crate::assessment::Coverage;
use crate::model::{QualityStatement, Theme};

/// One member's value for a subject and where it stands.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MemberValue {
    /// The name to show.
    pub name: String,
    /// The ONS code when resolved.
    pub ons_code: Option<String>,
    /// The score (statement), mean score (theme) or percentage (overall); `None` if unknown.
    pub value: Option<f64>,
    /// The statements the value stands on: the statement; the theme's (or overall, all nine)
    /// the member covers. Fewer than the subject's make the value partial.
    pub basis: Coverage,
    /// Whether the value is partial: over fewer statements than the subject has (a theme mean
    /// or a percentage with some scores unknown).
    pub partial: bool,
    /// Where the value stands (higher is better) among the members covering the statements of
    /// `basis`, each on those statements.
    pub standing: Option<Standing>,
}

/// How a cohort scored on one subject: counts of each score, mean, summary and each member's
/// standing (mid-rank percentile, quartile; see [`Standing`]).
///
/// For a theme, `counts` pools the scores of its statements, and each member's value is the mean
/// of its known scores in the theme.
///
/// Ranks are computed only among members covering the same statements: a member with every
/// statement of the subject is ranked among those, a partial one (a theme or overall value
/// with scores unknown) among the members covering its statements, each on them. The mean and
/// summary are of the complete values only; `partial` counts the others.
///
/// # Examples
/// ```
/// use cqc_la::{Cohort, QualityStatement};
/// let d = Cohort::published().distribution(QualityStatement::Safeguarding);
/// assert_eq!(d.counts, [2, 27, 42, 1]); // how many 1s, 2s, 3s, 4s
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Distribution {
    /// What is distributed.
    pub subject: Subject,
    /// How many 1s, 2s, 3s and 4s.
    pub counts: [usize; 4],
    /// How many members have no value.
    pub missing: usize,
    /// How many members have a partial value (left out of the mean and summary).
    pub partial: usize,
    /// The mean of the members' complete values.
    pub mean: Option<f64>,
    /// Quartiles and median of the members' complete values.
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
        let records: Vec<&ScoreRecord> = self.members.iter().collect();
        let standings = standings_on_bases(&records, subject);
        let values: Vec<Option<f64>> = self.members.iter().map(|m| m.value(subject)).collect();
        let mut counts = [0usize; 4];
        let statements: &[QualityStatement] = match subject {
            Subject::Statement(ref qs) => std::slice::from_ref(qs),
            Subject::Theme(theme) => theme.statements(),
            Subject::Overall => &QualityStatement::ALL,
        };
        let full = Coverage::from_statements(statements.iter().copied());
        for member in &self.members {
            for &qs in statements {
                if let Some(score) = member.score(qs) {
                    counts[usize::from(score.get() - 1)] += 1;
                }
            }
        }
        let members: Vec<MemberValue> = self
            .members
            .iter()
            .zip(values)
            .zip(standings)
            .map(|((m, value), standing)| {
                let basis = m.basis(subject);
                MemberValue {
                    name: m.display_name().to_owned(),
                    ons_code: m.ons_code().map(str::to_owned),
                    value,
                    basis,
                    partial: value.is_some() && basis != full,
                    standing: standing.map(|(s, _)| s),
                }
            })
            .collect();
        let summary = Summary::of(
            members
                .iter()
                .filter(|m| !m.partial)
                .filter_map(|m| m.value),
        );
        Distribution {
            subject,
            counts,
            missing: members.iter().filter(|m| m.value.is_none()).count(),
            partial: members.iter().filter(|m| m.partial).count(),
            mean: summary.map(|s| s.mean),
            summary,
            members,
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
            "{:<width$}  {:>4}  {:>4}  {:>4}  {:>4}  {:>7}  {:>7}  {:>5}  {:>5}  {:>5}  {:>5}",
            "Statement / theme",
            "1s",
            "2s",
            "3s",
            "4s",
            "unknown",
            "partial",
            "mean",
            "q1",
            "med",
            "q3"
        )?;
        for d in &self.items {
            writeln!(
                f,
                "{:<width$}  {:>4}  {:>4}  {:>4}  {:>4}  {:>7}  {:>7}  {:>5}  {:>5}  {:>5}  {:>5}",
                d.subject.label(),
                d.counts[0],
                d.counts[1],
                d.counts[2],
                d.counts[3],
                d.missing,
                d.partial,
                fmt_opt(d.mean, 2),
                fmt_opt(d.summary.map(|s| s.lower_quartile), 2),
                fmt_opt(d.summary.map(|s| s.median), 2),
                fmt_opt(d.summary.map(|s| s.upper_quartile), 2),
            )?;
        }
        writeln!(
            f,
            "Theme rows pool the counts of their statements; values are per-authority means; \
             partial: a theme mean with a score unknown, left out of mean and quartiles and \
             ranked only among authorities covering the same statements"
        )
    }
}

impl fmt::Display for Distribution {
    /// The counts, then every member's value, position, percentile and quartile, best first.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: 1s {}, 2s {}, 3s {}, 4s {}, unknown {}, partial {}, mean {}",
            self.subject,
            self.counts[0],
            self.counts[1],
            self.counts[2],
            self.counts[3],
            self.missing,
            self.partial,
            fmt_opt(self.mean, 2)
        )?;
        let mut members: Vec<&MemberValue> = self.members.iter().collect();
        members.sort_by(|a, b| {
            let rank = |m: &MemberValue| m.standing.map_or(usize::MAX, |s| s.rank);
            a.partial
                .cmp(&b.partial)
                .then_with(|| b.basis.count().cmp(&a.basis.count()))
                .then_with(|| a.basis.cmp(&b.basis))
                .then_with(|| rank(a).cmp(&rank(b)))
                .then_with(|| a.name.cmp(&b.name))
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
            let value = fmt_opt(m.value, 2);
            let value = if m.partial {
                format!("{value}*")
            } else {
                value
            };
            writeln!(
                f,
                "{:<width$}  {:>6}  {:<22}  {:>10}  {}",
                m.name,
                value,
                m.standing
                    .map_or_else(|| "not ranked".to_owned(), |s| s.to_string()),
                fmt_opt(m.standing.map(|s| s.percentile), 1),
                m.standing.map_or("-", |s| s.quartile.title()),
            )?;
        }
        if self.partial > 0 {
            writeln!(
                f,
                "* partial: over the statements the authority covers, ranked among the authorities covering them"
            )?;
        }
        Ok(())
    }
}
