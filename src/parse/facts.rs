//! Reading the typed figures out of the "Financial facts" bullets.

use rust_decimal::Decimal;

use crate::model::{FinancialFacts, Planned};
use crate::text::grammar;
use crate::text::normalize;

/// Every number in `s` with its byte offset and the text after it. Numbers inside words or
/// other numbers are skipped.
pub(crate) fn numbers(s: &str) -> impl Iterator<Item = (usize, Decimal, &str)> {
    let bytes = s.as_bytes();
    (0..bytes.len()).filter_map(move |i| {
        let starts = bytes[i].is_ascii_digit()
            && (i == 0
                || !(bytes[i - 1].is_ascii_alphanumeric() || matches!(bytes[i - 1], b',' | b'.')));
        if !starts {
            return None;
        }
        let (rest, value) = grammar::number(s.get(i..)?).ok()?;
        Some((i, value, rest))
    })
}

/// Every amount in pounds in `s`, in order.
fn amounts(s: &str) -> Vec<Decimal> {
    s.match_indices('£')
        .filter_map(|(i, _)| grammar::money(&s[i..]).ok().map(|(_, v)| v))
        .collect()
}

/// The first percentage in `s`.
fn first_percent(s: &str) -> Option<Decimal> {
    numbers(s)
        .find(|(_, _, rest)| rest.trim_start().starts_with('%'))
        .map(|(_, v, _)| v)
}

/// The first financial year written in `s`.
fn first_period(s: &str) -> Option<crate::FinancialYear> {
    let bytes = s.as_bytes();
    (0..bytes.len())
        .filter(|&i| bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit()))
        .find_map(|i| grammar::financial_year(s.get(i..)?).ok().map(|(_, fy)| fy))
}

/// `s` without `prefix` (ASCII, any case), if it starts with it.
fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn planned(s: &str) -> Planned {
    let mut it = amounts(s).into_iter();
    Planned {
        estimate: it.next(),
        actual: it.next(),
    }
}

/// Fills the typed figures of `facts` from its bullets (figures already set are kept).
pub(crate) fn read(facts: &mut FinancialFacts) {
    for item in &facts.items {
        let norm = normalize(&item.text);
        let lower = norm.to_ascii_lowercase();
        if facts.period.is_none() {
            facts.period = first_period(&norm);
        }
        let has_money = lower.contains('£');
        if has_money && (lower.contains("on adult social care") || lower.contains("asc spend")) {
            facts.asc_spend.get_or_insert_with(|| planned(&norm));
        } else if has_money && lower.contains("total budget") {
            facts.total_budget.get_or_insert_with(|| planned(&norm));
        } else if lower.contains("precept") {
            if facts.precept.is_none() {
                facts.precept = first_percent(&norm);
            }
        } else if (lower.contains("of the budget") || lower.contains("of its budget"))
            && facts.asc_share.is_none()
        {
            facts.asc_share = first_percent(&norm);
        }
        for (_, value, rest) in numbers(&norm) {
            // Look only at the words after the number: lowercasing the whole rest of the
            // bullet for every number made a bullet of many numbers quadratic.
            let Some(after) = strip_prefix_ignore_case(rest.trim_start(), "people") else {
                continue;
            };
            let window: String = after
                .chars()
                .take(60)
                .collect::<String>()
                .to_ascii_lowercase();
            let count = u32::try_from(value)
                .ok()
                .filter(|_| value.fract().is_zero());
            if window.contains("long-term") || window.contains("long term") {
                facts.long_term_support = facts.long_term_support.or(count);
            } else if window.contains("short-term") || window.contains("short term") {
                facts.short_term_support = facts.short_term_support.or(count);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FinancialYear, Text};

    #[test]
    fn reads_the_five_bullets() {
        let mut facts = FinancialFacts {
            items: [
                "The authority estimated that in 2024/25, its total budget would be £412,500,000. Its actual spend for that year was £420,100,000, which was £7,600,000 more than estimated.",
                "The authority estimated that it would spend £98,250,000 of its total budget on adult social care in 2024/25. Its actual spend was £101,000,000.",
                "In 2024/2025, **23.80%** of the budget was spent on adult social care.",
                "The authority has raised the full adult social care precept for 2024/25, with a value of 2%.",
                "Approximately 2,310 people were accessing long-term adult social care support, and approximately 905 people were accessing short-term adult social care support in 2024/2025.",
            ]
            .map(Text::new)
            .to_vec(),
            ..FinancialFacts::default()
        };
        read(&mut facts);
        assert_eq!(facts.period, Some(FinancialYear::new(2024)));
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(
            facts.total_budget,
            Some(Planned {
                estimate: Some(d("412500000")),
                actual: Some(d("420100000"))
            })
        );
        // "£... of its total budget on adult social care" is the ASC bullet, not the budget.
        assert_eq!(
            facts.asc_spend,
            Some(Planned {
                estimate: Some(d("98250000")),
                actual: Some(d("101000000"))
            })
        );
        assert_eq!(facts.asc_share, Some(d("23.80")));
        assert_eq!(facts.precept, Some(d("2")));
        assert_eq!(facts.long_term_support, Some(2310));
        assert_eq!(facts.short_term_support, Some(905));
    }
}
