//! What a title, a name or a small value written as text means: every `FromStr` of the model's
//! small types, and the title lookups the line classifier uses.

use std::str::FromStr;
use std::sync::LazyLock;

use crate::error::{ValueError, ValueKind};
use crate::model::{Date, FinancialYear, Period, QualityStatement, Rating, Score};
use crate::text::grammar;
use crate::text::key::{MAX_TITLE_TEXT, title_key, with_title_key};

/// Spellings of quality statement titles seen in reports and third-party text, as title keys.
/// Canonical titles are matched too.
const ALIASES: &[(&str, QualityStatement)] = &[
    (
        "supporting people to lead healthier lives",
        QualityStatement::SupportingHealthierLives,
    ),
    (
        "equity in experiences and outcomes",
        QualityStatement::EquityInExperienceAndOutcomes,
    ),
    (
        "safe systems pathways and transitions",
        QualityStatement::SafePathwaysSystemsAndTransitions,
    ),
];

/// The title key of each statement's canonical title, in framework order.
static KEYS: LazyLock<[String; 9]> =
    LazyLock::new(|| QualityStatement::ALL.map(|qs| title_key(qs.title())));

impl QualityStatement {
    /// Finds the statement a title names, in any spelling reports use: case, whitespace,
    /// punctuation, curly or straight apostrophes, markdown `**` and the known variants
    /// ("Supporting people to lead healthier lives", "Safe systems, pathways and transitions",
    /// "Care provision, integration, and continuity", ...) do not matter.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::QualityStatement;
    /// assert_eq!(
    ///     QualityStatement::from_title("Safe systems, pathways and transitions"),
    ///     Some(QualityStatement::SafePathwaysSystemsAndTransitions),
    /// );
    /// assert_eq!(QualityStatement::from_title("Safeguarding adults"), None);
    /// ```
    #[must_use]
    pub fn from_title(title: &str) -> Option<QualityStatement> {
        // The longest title is 45 characters; anything much longer is a sentence.
        if title.len() > MAX_TITLE_TEXT {
            return None;
        }
        with_title_key(title, statement_from_key).flatten()
    }
}

/// The statement whose title key is `key`, in any known spelling.
pub(crate) fn statement_from_key(key: &[u8]) -> Option<QualityStatement> {
    if key.is_empty() {
        return None;
    }
    QualityStatement::ALL
        .iter()
        .zip(KEYS.iter())
        .find(|(_, k)| k.as_bytes() == key)
        .map(|(&qs, _)| qs)
        .or_else(|| {
            ALIASES
                .iter()
                .find(|(alias, _)| alias.as_bytes() == key)
                .map(|&(_, qs)| qs)
        })
}

impl FromStr for QualityStatement {
    type Err = ValueError;

    /// Accepts a title in any spelling (see [`QualityStatement::from_title`]) or an id.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        QualityStatement::from_id(s.trim())
            .or_else(|| QualityStatement::from_title(s))
            .ok_or_else(|| ValueError::new(ValueKind::QualityStatement, s))
    }
}

impl Rating {
    /// The rating named by `word` in any case or spacing ("Requires Improvement",
    /// "requires_improvement").
    #[must_use]
    pub fn from_word(word: &str) -> Option<Rating> {
        // "Requires improvement" with markdown and spacing; longer text is not a rating word.
        if word.len() > 64 {
            return None;
        }
        // '_' separates words in a title key as any punctuation does.
        with_title_key(word, rating_from_key).flatten()
    }
}

/// The rating whose title key is `key`.
pub(crate) fn rating_from_key(key: &[u8]) -> Option<Rating> {
    Rating::ALL.into_iter().find(|r| match r {
        Rating::Inadequate => key == b"inadequate",
        Rating::RequiresImprovement => key == b"requires improvement",
        Rating::Good => key == b"good",
        Rating::Outstanding => key == b"outstanding",
    })
}

impl FromStr for Rating {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Rating::from_word(s).ok_or_else(|| ValueError::new(ValueKind::Rating, s))
    }
}

/// The score whose descriptor a phrase is (after "Evidence shows"), ignoring case, spacing and
/// a final full stop.
pub(crate) fn score_from_descriptor(phrase: &str) -> Option<Score> {
    let key = title_key(phrase);
    let key = key.strip_prefix("evidence shows ").unwrap_or(&key);
    Score::ALL
        .into_iter()
        .find(|s| title_key(s.descriptor()).strip_prefix("evidence shows ") == Some(key))
}

impl FromStr for Score {
    type Err = ValueError;

    /// Exactly one digit from 1 to 4 (surrounding spaces allowed): `+3`, `03` and `3.0` are
    /// refused.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        match t.as_bytes() {
            [d @ b'1'..=b'4'] => Score::new(d - b'0'),
            _ => None,
        }
        .ok_or_else(|| ValueError::new(ValueKind::Score, s))
    }
}

impl FromStr for Date {
    type Err = ValueError;

    /// Accepts ISO `YYYY-MM-DD` and the report form `d Month yyyy`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let trimmed = s.trim();
        let iso = || -> Option<Date> {
            let mut parts = trimmed.splitn(3, '-');
            let year = parts.next()?.parse().ok()?;
            let month = parts.next()?.parse().ok()?;
            let day = parts.next()?.parse().ok()?;
            Date::new(year, month, day)
        };
        iso()
            .or_else(|| grammar::report_date(trimmed))
            .ok_or_else(|| ValueError::new(ValueKind::Date, s))
    }
}

impl FromStr for FinancialYear {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        grammar::financial_year_exact(s.trim())
            .ok_or_else(|| ValueError::new(ValueKind::FinancialYear, s))
    }
}

impl FromStr for Period {
    type Err = ValueError;

    /// Accepts every way sources write a period (see [`Period`]).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match grammar::period(s.trim()) {
            Ok(("", p)) => Ok(p),
            _ => Err(ValueError::new(ValueKind::Period, s)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_ids_and_variants_resolve() {
        for qs in QualityStatement::ALL {
            assert_eq!(QualityStatement::from_title(qs.title()), Some(qs));
            assert_eq!(qs.id().parse::<QualityStatement>(), Ok(qs));
        }
        let q = |s: &str| QualityStatement::from_title(s);
        assert_eq!(
            q("Supporting people to lead healthier lives"),
            Some(QualityStatement::SupportingHealthierLives)
        );
        assert_eq!(
            q("Care provision, Integration, and continuity"),
            Some(QualityStatement::CareProvisionIntegrationAndContinuity)
        );
        assert_eq!(
            q("  equity in EXPERIENCES and outcomes "),
            Some(QualityStatement::EquityInExperienceAndOutcomes)
        );
        assert_eq!(q("**Safeguarding**"), Some(QualityStatement::Safeguarding));
        assert_eq!(q("Safeguarding systems"), None);
        assert_eq!(q(""), None);
        assert_eq!(
            "Safeguarding adults"
                .parse::<QualityStatement>()
                .unwrap_err()
                .to_string(),
            "expected a quality statement title or id, found 'Safeguarding adults'"
        );
    }

    #[test]
    fn every_alias_key_fits_the_stack_buffer() {
        for (alias, _) in ALIASES {
            assert_eq!(title_key(alias), *alias);
            assert!(alias.len() < 64, "{alias}");
        }
    }

    #[test]
    fn rating_keys_are_the_title_keys() {
        for rating in Rating::ALL {
            assert_eq!(Rating::from_word(rating.title()), Some(rating));
            assert_eq!(
                Rating::from_word(&rating.title().to_uppercase()),
                Some(rating)
            );
            assert_eq!(Rating::from_word(rating.id()), Some(rating));
        }
        assert_eq!(Rating::from_word(&"good ".repeat(20)), None);
        assert_eq!(
            Rating::from_word("Requires Improvement"),
            Some(Rating::RequiresImprovement)
        );
    }

    #[test]
    fn descriptors_round_trip() {
        for s in Score::ALL {
            assert_eq!(score_from_descriptor(s.descriptor()), Some(s));
        }
        assert_eq!(score_from_descriptor("a GOOD standard."), Score::new(3));
    }

    #[test]
    fn scores_are_canonical_digits() {
        assert_eq!("3".parse::<Score>(), Ok(Score::new(3).unwrap()));
        assert_eq!(" 4 ".parse::<Score>(), Ok(Score::new(4).unwrap()));
        for bad in ["+3", "03", "3.0", "5", "0", ""] {
            assert!(bad.parse::<Score>().is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_and_years() {
        assert_eq!(
            "2025-02-28".parse::<Date>(),
            Ok(Date::new(2025, 2, 28).unwrap())
        );
        assert_eq!(
            "28 February 2025".parse::<Date>(),
            Ok(Date::new(2025, 2, 28).unwrap())
        );
        assert_eq!(
            "2025-02-30".parse::<Date>().unwrap_err().to_string(),
            "expected a date like '28 February 2025' or '2025-02-28', found '2025-02-30'"
        );
        assert_eq!(
            "2023/2024".parse::<FinancialYear>(),
            Ok(FinancialYear::new(2023))
        );
        assert!("2023-25".parse::<FinancialYear>().is_err());
    }
}
