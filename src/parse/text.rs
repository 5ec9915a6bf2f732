//! The one place that knows the mess of copied web text, and the leaf parsers for numbers,
//! money, dates and financial years.
//!
//! Normalisation is for matching only: the model keeps the original text.

use std::borrow::Cow;

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while_m_n, take_while1};
use nom::character::complete::{char, digit1, satisfy, space0, space1};
use nom::combinator::{map_opt, not, opt, recognize};
use nom::multi::many0_count;
use nom::sequence::{preceded, terminated};
use nom::{IResult, Parser};
use rust_decimal::Decimal;

use crate::model::{Date, FinancialYear};

/// nom's result with the default error: leaf parsers run on small pieces of one line, and
/// their failures are never shown to users (a line that does not parse is kept as text).
pub(crate) type PResult<'a, T> = IResult<&'a str, T>;

/// Normalises a line for matching: curly quotes to straight, en/em dashes and the minus sign to
/// `-`, non-breaking and other Unicode spaces to a space, markdown `**` removed, runs of
/// whitespace collapsed, ends trimmed. Borrows when nothing changes.
pub(crate) fn normalize(line: &str) -> Cow<'_, str> {
    if is_clean(line.as_bytes()) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                continue;
            }
            c if c.is_whitespace() || c == '\u{FEFF}' => {
                pending_space = !out.is_empty();
                continue;
            }
            c => c,
        };
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// Whether `normalize` would leave a line as it is: ASCII without '*', tabs, carriage returns,
/// two spaces in a row or a space at either end. Every line is asked, eight bytes at a time.
fn is_clean(bytes: &[u8]) -> bool {
    // A byte right above a marked one may be marked too, which only sends a clean line the
    // long way.
    use crate::swar::{HI, byte_lanes as lanes, word_at};
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut dirty = 0;
    let mut space_before = 0;
    for at in (0..bytes.len()).step_by(8) {
        // The last word is padded with letters.
        let w = word_at(bytes, at, b'a');
        let spaces = lanes(w, b' ');
        dirty |= w & HI
            | lanes(w, b'*')
            | lanes(w, b'\t')
            | lanes(w, b'\r')
            | spaces & (spaces << 8 | space_before);
        space_before = spaces >> 56;
    }
    dirty == 0
}

/// A whole number with optional thousands separators: `1425`, `589,322,000`, `1,018`.
/// Grammar: `digit+ ("," digit{3} !digit)*`.
pub(crate) fn integer_text(input: &str) -> PResult<'_, &str> {
    recognize((
        digit1,
        many0_count(terminated(
            preceded(
                char(','),
                take_while_m_n(3, 3, |c: char| c.is_ascii_digit()),
            ),
            not(satisfy(|c| c.is_ascii_digit())),
        )),
    ))
    .parse(input)
}

/// A decimal number as printed, keeping its precision: `70.0`, `0.10`, `1,018`, `14.5`.
/// Grammar: `integer_text ("." digit+)?`.
pub(crate) fn decimal(input: &str) -> PResult<'_, Decimal> {
    map_opt(
        recognize((integer_text, opt((char('.'), digit1)))),
        |s: &str| {
            let digits: Cow<'_, str> = if s.contains(',') {
                Cow::Owned(s.replace(',', ""))
            } else {
                Cow::Borrowed(s)
            };
            digits.parse::<Decimal>().ok()
        },
    )
    .parse(input)
}

/// An amount in pounds: `£589,322,000`, `£1.2m`, `£3 million`. Returns pounds.
/// Grammar: `"£" space0 decimal (space0 ("million" | "m" | "billion" | "bn") !alnum)?`.
pub(crate) fn money(input: &str) -> PResult<'_, Decimal> {
    let (rest, (_, _, value)) = (char('£'), space0, decimal).parse(input)?;
    let scale = |i| -> PResult<'_, u64> {
        let (after, scale) = preceded(
            space0,
            alt((
                tag_no_case("million").map(|_| 1_000_000u64),
                tag_no_case("billion").map(|_| 1_000_000_000u64),
                tag_no_case("bn").map(|_| 1_000_000_000u64),
                tag("m").map(|_| 1_000_000u64),
            )),
        )
        .parse(i)?;
        // A unit must end the word: "£3m." but not "£3 more".
        if after.starts_with(char::is_alphanumeric) {
            return Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::Verify,
            )));
        }
        Ok((after, scale))
    };
    match scale(rest) {
        Ok((after, scale)) => Ok((
            after,
            value.checked_mul(Decimal::from(scale)).unwrap_or(value),
        )),
        Err(_) => Ok((rest, value)),
    }
}

/// A four-digit year from 1900 to 2999.
fn year4(input: &str) -> PResult<'_, u16> {
    map_opt(
        take_while_m_n(4, 4, |c: char| c.is_ascii_digit()),
        |s: &str| s.parse::<u16>().ok().filter(|y| (1900..=2999).contains(y)),
    )
    .parse(input)
}

/// A financial year: `2023-24`, `2023/24`, `2023-2024`, `2023/2024`, `2023 to 2024`,
/// `2023–24` (after normalisation the dash is `-`). The second year must follow the first.
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
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, FinancialYear::new(start)))
}

/// A whole string that is a financial year.
pub(crate) fn financial_year_exact(input: &str) -> Option<FinancialYear> {
    match financial_year(input) {
        Ok(("", fy)) => Some(fy),
        _ => None,
    }
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
            Date::new(year, Date::month_from_name(month)?, day.parse().ok()?)
        },
    )
    .parse(input)
}

/// A whole string that is a report date (after trimming and normalisation).
pub(crate) fn report_date(input: &str) -> Option<Date> {
    let norm = normalize(input);
    match date(norm.trim_end_matches('.')) {
        Ok(("", d)) => Some(d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn clean_lines_are_found_eight_bytes_at_a_time(s in "[a !*\t\r\u{2019}+]{0,40}") {
            let clean = s.bytes().all(|b| b.is_ascii() && b != b'*' && b != b'\t' && b != b'\r')
                && !s.contains("  ")
                && !s.starts_with(' ')
                && !s.ends_with(' ');
            // A space before '!' looks like two spaces: such a line takes the long way.
            proptest::prop_assert_eq!(is_clean(s.as_bytes()), clean && !s.contains(" !"));
        }
    }

    #[test]
    fn normalize_cleans_web_text() {
        assert_eq!(normalize("plain line"), "plain line");
        assert!(matches!(normalize("plain line"), Cow::Borrowed(_)));
        assert_eq!(
            normalize("  \u{2018}a\u{2019}  \u{2013} **b**\u{a0}c\r"),
            "'a' - b c"
        );
        assert_eq!(normalize("\u{201C}x\u{201D}\t*y*"), "\"x\" *y*");
    }

    #[test]
    fn numbers_keep_precision() {
        assert_eq!(decimal("70.0%").unwrap().1.to_string(), "70.0");
        assert_eq!(decimal("0.10 rate").unwrap().1.to_string(), "0.10");
        assert_eq!(
            decimal("1,018 days").unwrap(),
            (" days", Decimal::from(1018))
        );
        assert_eq!(
            decimal("589,322,000.").unwrap().1,
            Decimal::from(589_322_000)
        );
        assert_eq!(decimal("12,34").unwrap(), (",34", Decimal::from(12)));
        assert_eq!(
            decimal("1425 people").unwrap(),
            (" people", Decimal::from(1425))
        );
        assert_eq!(decimal("1,0189").unwrap(), (",0189", Decimal::from(1)));
        assert!(decimal("abc").is_err());
    }

    #[test]
    fn money_in_pounds() {
        assert_eq!(
            money("£589,322,000.").unwrap(),
            (".", Decimal::from(589_322_000))
        );
        assert_eq!(money("£1.2m ").unwrap(), (" ", Decimal::from(1_200_000)));
        assert_eq!(money("£3 million").unwrap().1, Decimal::from(3_000_000));
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
    fn report_dates() {
        assert_eq!(report_date("28 February 2025"), Date::new(2025, 2, 28));
        assert_eq!(report_date("1st March 2024."), Date::new(2024, 3, 1));
        assert_eq!(report_date("17 may 2024"), Date::new(2024, 5, 17));
        assert_eq!(report_date("30 February 2025"), None);
        assert_eq!(report_date("28 Febuary 2025"), None);
    }
}
