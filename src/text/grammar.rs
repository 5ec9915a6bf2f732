//! nom leaf parsers for the values report text is made of: numbers, money, dates and financial
//! years. Each reads the start of its input and says how much it took.
//!
//! They run on short pieces the callers have already found (a line, or the bytes after a digit),
//! so their failures are never shown to users: a piece that does not parse is kept as text.

use std::borrow::Cow;

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while_m_n, take_while1};
use nom::character::complete::{char, digit1, space0, space1};
use nom::combinator::{map_opt, opt, recognize};
use nom::multi::many0_count;
use nom::sequence::preceded;
use nom::{IResult, Parser};
use rust_decimal::Decimal;

use crate::model::{Date, FinancialYear, Period};

/// nom's result with the default error.
pub(crate) type PResult<'a, T> = IResult<&'a str, T>;

/// A failure at `input`.
pub(crate) fn fail<T>(input: &str) -> PResult<'_, T> {
    Err(nom::Err::Error(nom::error::Error::new(
        input,
        nom::error::ErrorKind::Verify,
    )))
}

/// Succeeds when the next character does not continue a word.
pub(crate) fn word_end(input: &str) -> PResult<'_, ()> {
    if input.starts_with(char::is_alphanumeric) {
        fail(input)
    } else {
        Ok((input, ()))
    }
}

/// A group of thousands: `,` and three digits not followed by a fourth.
fn thousands(input: &str) -> PResult<'_, &str> {
    let (rest, group) = preceded(
        char(','),
        take_while_m_n(3, 3, |c: char| c.is_ascii_digit()),
    )
    .parse(input)?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return fail(input);
    }
    Ok((rest, group))
}

/// A number as printed, keeping its precision: `70.0`, `0.10`, `1018`, `1,018`, `589,322,000`.
/// Grammar: `digit+ ("," digit{3} !digit)* ("." digit+)?`.
pub(crate) fn number(input: &str) -> PResult<'_, Decimal> {
    let (rest, text) =
        recognize((digit1, many0_count(thousands), opt((char('.'), digit1)))).parse(input)?;
    // Most numbers have no thousands separator to drop.
    let digits: Cow<'_, str> = if text.contains(',') {
        Cow::Owned(text.replace(',', ""))
    } else {
        Cow::Borrowed(text)
    };
    match digits.parse::<Decimal>() {
        Ok(v) => Ok((rest, v)),
        Err(_) => fail(input),
    }
}

/// A scale word after a number: `million`, `m`, `billion`, `bn`, ending a word.
/// Grammar: `space0 ("million" | "billion" | "bn" | "m") !alnum`.
pub(crate) fn scale(input: &str) -> PResult<'_, u64> {
    let (rest, scale) = preceded(
        space0,
        alt((
            tag_no_case("million").map(|_| 1_000_000u64),
            tag_no_case("billion").map(|_| 1_000_000_000u64),
            tag_no_case("bn").map(|_| 1_000_000_000u64),
            tag_no_case("m").map(|_| 1_000_000u64),
        )),
    )
    .parse(input)?;
    // "£3m." but not "£3 more".
    word_end(rest)?;
    Ok((rest, scale))
}

/// `value` times `scale`, without trailing zeros from the multiplication.
pub(crate) fn scaled(value: Decimal, scale: u64) -> Decimal {
    value
        .checked_mul(Decimal::from(scale))
        .map_or(value, |v| v.normalize())
}

/// An amount in pounds: `£589,322,000`, `£1.2m`, `£3 million`. Returns pounds.
/// Grammar: `"£" space0 number scale?`.
pub(crate) fn money(input: &str) -> PResult<'_, Decimal> {
    let (rest, (_, _, value)) = (char('£'), space0, number).parse(input)?;
    match scale(rest) {
        Ok((after, k)) => Ok((after, scaled(value, k))),
        Err(_) => Ok((rest, value)),
    }
}

/// A four-digit year from 1900 to 2999.
pub(crate) fn year4(input: &str) -> PResult<'_, u16> {
    map_opt(
        take_while_m_n(4, 4, |c: char| c.is_ascii_digit()),
        |s: &str| s.parse::<u16>().ok().filter(|y| (1900..=2999).contains(y)),
    )
    .parse(input)
}

/// A financial year: `2023-24`, `2023/24`, `2023-2024`, `2023/2024`, `2023 to 2024`,
/// `2023–24`. The second year must follow the first.
/// Grammar: `year4 ("-" | "/" | " to ") (year4 | digit{2})` not followed by a digit.
pub(crate) fn financial_year(input: &str) -> PResult<'_, FinancialYear> {
    let (rest, start) = year4(input)?;
    let (rest, _) = alt((
        tag("-"),
        tag("/"),
        tag("\u{2013}"),
        tag("\u{2014}"),
        recognize((space1, tag_no_case("to"), space1)),
        recognize((space0, tag("-"), space0)),
        recognize((space0, tag("/"), space0)),
    ))
    .parse(rest)?;
    let (rest, end) = alt((
        year4,
        map_opt(
            take_while_m_n(2, 2, |c: char| c.is_ascii_digit()),
            |s: &str| s.parse::<u16>().ok().map(|yy| start - start % 100 + yy),
        ),
    ))
    .parse(rest)?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) || end != start + 1 {
        return fail(input);
    }
    Ok((rest, FinancialYear::new(start)))
}

/// A financial year written with two two-digit years: `23/24`, `23-24` (the first in the
/// 2000s). Only where a period is expected (after a dataset's name), never in free text.
/// Grammar: `digit{2} ("/" | "-") digit{2}` not followed by a digit, the second one more.
pub(crate) fn short_financial_year(input: &str) -> PResult<'_, FinancialYear> {
    let two = |i| take_while_m_n(2, 2, |c: char| c.is_ascii_digit()).parse(i);
    let (rest, (a, _, b)) = (two, alt((char('/'), char('-'))), two).parse(input)?;
    let (Ok(a), Ok(b)) = (a.parse::<u16>(), b.parse::<u16>()) else {
        return fail(input);
    };
    if rest.starts_with(|c: char| c.is_ascii_digit()) || b != (a + 1) % 100 {
        return fail(input);
    }
    Ok((rest, FinancialYear::new(2000 + a)))
}

/// A range of calendar years: `2021 - 2023`, `2011-2021`, `2018 to 2020`. Consecutive years
/// joined by `to`, `-` or `/` are a financial year instead (see [`financial_year`]), so that
/// parser must be tried first.
/// Grammar: `year4 space0 ("-" | "to" | "–") space0 year4`, the second later than the first.
pub(crate) fn year_range(input: &str) -> PResult<'_, (u16, u16)> {
    let (rest, (a, _, _, _, b)) = (
        year4,
        space0,
        alt((tag("-"), tag_no_case("to"), tag("\u{2013}"))),
        space0,
        year4,
    )
        .parse(input)?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) || b <= a {
        return fail(input);
    }
    Ok((rest, (a, b)))
}

/// A month and year: `October 2024`, `Oct 2024`, `Sept 2024`.
/// Grammar: `month_name space1 year4`.
pub(crate) fn month_year(input: &str) -> PResult<'_, (u16, u8)> {
    map_opt(
        (
            take_while1(|c: char| c.is_ascii_alphabetic()),
            space1,
            year4,
        ),
        |(name, _, year): (&str, _, u16)| Some((year, month_from_name(name)?)),
    )
    .parse(input)
}

/// A period as a source states it: a financial year, a range of years, a month and year, or a
/// year. Grammar: `financial_year | short_financial_year | year_range | month_year | year4`.
pub(crate) fn period(input: &str) -> PResult<'_, Period> {
    alt((
        financial_year.map(Period::FinancialYear),
        short_financial_year.map(Period::FinancialYear),
        year_range.map(|(a, b)| Period::Years(a, b)),
        month_year.map(|(year, month)| Period::Month { year, month }),
        (year4, word_end).map(|(y, ())| Period::Year(y)),
    ))
    .parse(input)
}

/// A whole string that is a financial year.
pub(crate) fn financial_year_exact(input: &str) -> Option<FinancialYear> {
    match financial_year(input) {
        Ok(("", fy)) => Some(fy),
        _ => None,
    }
}

/// The month named by `name` (the full or three-letter English name, or `Sept`, any case),
/// 1-12.
pub(crate) fn month_from_name(name: &str) -> Option<u8> {
    crate::model::MONTHS
        .iter()
        .position(|m| {
            m.eq_ignore_ascii_case(name)
                || (name.len() == 3 && m.get(..3).is_some_and(|p| p.eq_ignore_ascii_case(name)))
                || (m.starts_with("Sep") && name.eq_ignore_ascii_case("sept"))
        })
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// A date as reports print it: `28 February 2025`, `1st March 2024`, `3 Sept 2024`.
/// Grammar: `day ("st"|"nd"|"rd"|"th")? space1 month_name ","? space1 year4`.
pub(crate) fn date(input: &str) -> PResult<'_, Date> {
    map_opt(
        (
            take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
            opt(alt((tag("st"), tag("nd"), tag("rd"), tag("th")))),
            space1,
            take_while1(|c: char| c.is_ascii_alphabetic()),
            opt(char(',')),
            space1,
            year4,
        ),
        |(day, _, _, month, _, _, year): (&str, _, _, &str, _, _, u16)| {
            Date::new(year, month_from_name(month)?, day.parse().ok()?)
        },
    )
    .parse(input)
}

/// A whole string that is a report date (after trimming and normalisation).
pub(crate) fn report_date(input: &str) -> Option<Date> {
    let norm = super::normalize(input);
    match date(norm.trim_end_matches('.')) {
        Ok(("", d)) => Some(d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_precision() {
        assert_eq!(number("70.0%").unwrap().1.to_string(), "70.0");
        assert_eq!(number("0.10 rate").unwrap().1.to_string(), "0.10");
        assert_eq!(
            number("1,018 days").unwrap(),
            (" days", Decimal::from(1018))
        );
        assert_eq!(number("1018 days").unwrap(), (" days", Decimal::from(1018)));
        assert_eq!(
            number("589,322,000.").unwrap().1,
            Decimal::from(589_322_000)
        );
        assert_eq!(number("12,34").unwrap(), (",34", Decimal::from(12)));
        assert_eq!(
            number("1425 people").unwrap(),
            (" people", Decimal::from(1425))
        );
        assert_eq!(number("1,0189").unwrap(), (",0189", Decimal::from(1)));
        assert!(number("abc").is_err());
    }

    #[test]
    fn money_in_pounds() {
        assert_eq!(
            money("£589,322,000.").unwrap(),
            (".", Decimal::from(589_322_000))
        );
        assert_eq!(money("£1.2m ").unwrap(), (" ", Decimal::from(1_200_000)));
        assert_eq!(money("£1.2m ").unwrap().1.to_string(), "1200000");
        assert_eq!(money("£3 million").unwrap().1, Decimal::from(3_000_000));
        assert_eq!(money("£3 Million").unwrap().1, Decimal::from(3_000_000));
        assert_eq!(money("£200 and").unwrap(), (" and", Decimal::from(200)));
        assert_eq!(money("£3 more").unwrap(), (" more", Decimal::from(3)));
    }

    #[test]
    fn financial_years_in_every_spelling() {
        for s in [
            "2023-24",
            "2023/24",
            "2023-2024",
            "2023/2024",
            "2023 to 2024",
            "2023\u{2013}24",
        ] {
            assert_eq!(
                financial_year_exact(s),
                Some(FinancialYear::new(2023)),
                "{s}"
            );
        }
        assert_eq!(financial_year_exact("2023-25"), None);
        assert_eq!(financial_year_exact("2023-245"), None);
        assert_eq!(financial_year_exact("1999-00"), None);
        assert_eq!(
            financial_year("2021 to 2022 performance").unwrap().0,
            " performance"
        );
    }

    #[test]
    fn periods_in_every_spelling() {
        let p = |s: &str| match period(s) {
            Ok(("", p)) => Some(p.to_string()),
            _ => None,
        };
        assert_eq!(p("2023/2024").as_deref(), Some("2023-24"));
        assert_eq!(p("23/24").as_deref(), Some("2023-24"));
        assert_eq!(p("2021 to 2022").as_deref(), Some("2021-22"));
        assert_eq!(p("2018 to 2020").as_deref(), Some("2018-2020"));
        assert_eq!(p("2021 - 2023").as_deref(), Some("2021-2023"));
        assert_eq!(p("2011-2021").as_deref(), Some("2011-2021"));
        assert_eq!(p("October 2024").as_deref(), Some("October 2024"));
        assert_eq!(p("sept 2024").as_deref(), Some("September 2024"));
        assert_eq!(p("2041").as_deref(), Some("2041"));
        assert_eq!(p("23/25"), None);
        assert_eq!(p("20415"), None);
        assert_eq!(p("Octember 2024"), None);
    }

    #[test]
    fn report_dates() {
        assert_eq!(report_date("28 February 2025"), Date::new(2025, 2, 28));
        assert_eq!(report_date("1st March 2024."), Date::new(2024, 3, 1));
        assert_eq!(report_date("17 may 2024"), Date::new(2024, 5, 17));
        assert_eq!(report_date("3 Sept 2024"), Date::new(2024, 9, 3));
        assert_eq!(report_date("3 Sep 2024"), Date::new(2024, 9, 3));
        assert_eq!(report_date("30 February 2025"), None);
        assert_eq!(report_date("28 Febuary 2025"), None);
    }
}
