//! Stage 2: the figures of a sentence: values with units, bare numbers, periods and years;
//! which of them are ages, thresholds or durations that belong to a measure's name.

use rust_decimal::Decimal;

use super::grammar::{self, Figure};
use crate::model::{Period, Unit};
use crate::text::grammar::month_from_name;

/// A figure in a sentence of a paragraph's normalised text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fig {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Where the number itself ends (before its unit's words: "1.2 million| residents").
    pub(super) number_end: usize,
    pub(super) figure: Figure,
    /// An age, a threshold or a duration that is part of what is measured ("aged 65", "more
    /// than 24 hours", "91 days after discharge"): never a metric or a comparator's value.
    pub(super) in_name: bool,
}

impl Fig {
    /// The number of a figure that can be a comparator's value.
    pub(super) fn number(&self) -> Option<Decimal> {
        match self.figure {
            Figure::Value(v, _) | Figure::Bare(v) if !self.in_name => Some(v),
            _ => None,
        }
    }

    /// The period, if the figure is one.
    pub(super) fn period(&self) -> Option<Period> {
        if self.in_name {
            return None;
        }
        match self.figure {
            Figure::Period(p) => Some(p),
            Figure::Year(y) => Some(Period::Year(y)),
            _ => None,
        }
    }
}

/// All figures of `text[start..end]`, found by scanning for digits and `£`, into `out`
/// (emptied first).
pub(super) fn figures(text: &str, (start, end): (usize, usize), out: &mut Vec<Fig>) {
    let bytes = text.as_bytes();
    out.clear();
    let mut i = start;
    let candidate = |b: &u8| b.is_ascii_digit() || *b == 0xC2;
    while i < end {
        match bytes
            .get(i..end)
            .and_then(|rest| rest.iter().position(candidate))
        {
            Some(j) => i += j,
            None => break,
        }
        let b = bytes.get(i).copied().unwrap_or(0);
        // '£' is C2 A3 in UTF-8.
        let pound = b == 0xC2 && bytes.get(i + 1) == Some(&0xA3);
        let prev = i.checked_sub(1).and_then(|k| bytes.get(k)).copied();
        let prev2 = i.checked_sub(2).and_then(|k| bytes.get(k)).copied();
        // Not inside a word or a number, nor the second number of a range ("0-25").
        let starts = (b.is_ascii_digit() || pound)
            && !prev.is_some_and(|p| p.is_ascii_alphanumeric() || matches!(p, b'.' | b',' | b'/'))
            && !(prev == Some(b'-') && prev2.is_some_and(|p| p.is_ascii_digit()));
        if !starts {
            i += 1;
            skip_to_boundary(text, &mut i, end);
            continue;
        }
        let piece = text.get(i..end).unwrap_or("");
        match grammar::figure(piece) {
            Ok((rest, figure)) => {
                let len = piece.len() - rest.len();
                let number_end = i + number_len(piece);
                let mut fig = Fig {
                    start: i,
                    end: i + len,
                    number_end: number_end.min(i + len),
                    figure,
                    in_name: false,
                };
                refine(text, start, &mut fig);
                out.push(fig);
                i += len.max(1);
            }
            Err(_) => {
                // Skip the rest of this run of digits.
                i += 1;
                while i < end
                    && bytes
                        .get(i)
                        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.' || *c == b',')
                {
                    i += 1;
                }
            }
        }
        skip_to_boundary(text, &mut i, end);
    }
}

/// The length of the number at the start of `piece` ("£1,200,000", "58.7", "2023-24"): up
/// to the first letter or space after a digit.
fn number_len(piece: &str) -> usize {
    piece
        .char_indices()
        .find(|&(_, c)| c.is_ascii_alphabetic() || c == ' ' || c == '%')
        .map_or(piece.len(), |(k, c)| if c == '%' { k + 1 } else { k })
}

fn skip_to_boundary(text: &str, i: &mut usize, end: usize) {
    while *i < end && !text.is_char_boundary(*i) {
        *i += 1;
    }
}

/// The words before `at` in `text[from..at]`, nearest first.
fn words_before(text: &str, from: usize, at: usize) -> impl Iterator<Item = &str> {
    text.get(from..at)
        .unwrap_or("")
        .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
}

/// What the words around a figure say about it: a month before a year makes a month; an age,
/// a threshold or a duration in a measure's name is marked.
fn refine(text: &str, sentence_start: usize, fig: &mut Fig) {
    let mut before = words_before(text, sentence_start, fig.start);
    let w1 = before.next().unwrap_or("");
    let w2 = before.next().unwrap_or("");
    let after = text.get(fig.end..).unwrap_or("");
    match fig.figure {
        Figure::Year(year) => {
            if let Some(month) = month_from_name(w1) {
                fig.figure = Figure::Period(Period::Month { year, month });
            }
        }
        Figure::Value(_, Unit::Days | Unit::Weeks | Unit::Months | Unit::Years) => {
            let threshold = matches!(
                w1,
                "than"
                    | "over"
                    | "under"
                    | "within"
                    | "previous"
                    | "last"
                    | "past"
                    | "next"
                    | "least"
            ) && !matches!(w2, "of" | "at");
            // "at home 91 days after discharge", "91 days later".
            let after_discharge = after.starts_with(" after")
                || after.starts_with(" later")
                || after.starts_with(" of discharge")
                || after.starts_with(" following");
            fig.in_name = threshold || after_discharge;
        }
        Figure::Bare(_) | Figure::Value(_, Unit::Per100000 | Unit::People | Unit::Count) => {
            let bare = matches!(fig.figure, Figure::Bare(_));
            let head = text.get(sentence_start..fig.start).unwrap_or("");
            fig.in_name = number_in_name(bare, head, (w1, w2), after);
        }
        _ => {}
    }
    // "per 100,000": the base of a rate, not a figure; "the Care Act 2014": the year of a
    // law's name.
    if w1 == "per" || matches!(w1, "act" | "regulations" | "order") {
        fig.in_name = true;
    }
    // "the 20% most deprived areas", "the top 10%": a threshold in a measure's name.
    if matches!(fig.figure, Figure::Value(_, Unit::Percent))
        && (matches!(w1, "top" | "bottom" | "lowest" | "highest")
            || (w1 == "the" && [" most", " least"].iter().any(|w| after.starts_with(w))))
    {
        fig.in_name = true;
    }
    // "1 in 5 people": a ratio, not a figure of its own.
    let small = |w: &str| (1..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit());
    // Not "27.6% in 23/24": a short financial year after "in" is a period.
    let next_word = after
        .strip_prefix(" in ")
        .map(|t| t.strip_prefix("every ").unwrap_or(t))
        .filter(|t| {
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            !matches!(t.as_bytes().get(digits), Some(b'/' | b'-'))
        })
        .and_then(|t| t.split(|c: char| !c.is_ascii_digit()).next())
        .unwrap_or("");
    let ratio = (w1 == "in" && small(w2)) || (w1 == "every" && w2 == "in") || small(next_word);
    if ratio && !matches!(fig.figure, Figure::Year(_) | Figure::Period(_)) {
        fig.in_name = true;
    }
    // "14.2 people aged 18 to 64 per 100,000 of the population": a rate per 100,000.
    if let (Figure::Value(v, Unit::People | Unit::Count) | Figure::Bare(v), false) =
        (fig.figure, fig.in_name)
    {
        let cut = (0..=after.len().min(80))
            .rev()
            .find(|&k| after.is_char_boundary(k))
            .unwrap_or(0);
        let window = after.get(..cut).unwrap_or("");
        let window = window.split([';', '(']).next().unwrap_or("");
        if window.contains("per 100,000") || window.contains("per 100000") {
            fig.figure = Figure::Value(v, Unit::Per100000);
        }
    }
}

/// Whether a count or bare number is part of what is measured: ages ("aged 65 and over", "18
/// to 64", "over 85", "between 18 and 64"), section numbers ("section 42"), hours and
/// thresholds, also where a unit follows the age ("aged 18 to 64 per 100,000"). `head` is the
/// sentence before it, `(w1, w2)` its last two words, `after` the text after the number.
fn number_in_name(bare: bool, head: &str, (w1, w2): (&str, &str), after: &str) -> bool {
    // Ages ("aged 65 and over", "18 to 64", "over 85", "between 18 and 64"), section
    // numbers ("section 42"), also where a unit follows the age ("aged 18 to 64 per
    // 100,000").
    let age_range = (w1 == "to" || w1 == "and")
        && w2.len() <= 3
        && w2.bytes().all(|b| b.is_ascii_digit())
        && head
            .trim_end()
            .strip_suffix(w1)
            .map(str::trim_end)
            .and_then(|h| h.strip_suffix(w2))
            .is_some_and(|h| {
                // "aged 18 to 64", "between 18 and 64", "people 18 to 64 ...",
                // "18 to 64 year olds", not "from 8 to 13".
                // "adults (18 to 64)": in brackets after the people it is the age of.
                let h = h.strip_suffix('(').unwrap_or(h);
                let w3 = h.trim_end().rsplit(' ').next().unwrap_or("");
                (h.is_empty() || h.ends_with(' '))
                    && (matches!(
                        w3,
                        "aged"
                            | "age"
                            | "ages"
                            | "between"
                            | "people"
                            | "adults"
                            | "residents"
                            | "those"
                    ) || after.starts_with(" year")
                        || after.contains(" per 100,000"))
            });
    let age_after = [
        "+",
        " and over",
        " or over",
        " and older",
        " or older",
        " and above",
        " years and over",
        " years or over",
        " year olds",
        " years old",
    ]
    .iter()
    .any(|w| after.starts_with(w));
    let word_before = if bare {
        matches!(
            w1,
            "aged" | "age" | "ages" | "over" | "under" | "section" | "s" | "between"
        )
    } else {
        matches!(w1, "aged" | "age" | "ages")
    };
    // "life expectancy at 65": the age the expectancy is measured from.
    let at_age = bare && w1 == "at" && w2 == "expectancy";
    // "section 42 enquiries": a number in the name of a thing, whatever follows.
    let section = matches!(w1, "section" | "s" | "part" | "tier" | "level" | "phase");
    // "a break of more than 24 hours", "between 1 and 24 hours": hours are a
    // threshold in a measure's name, never a unit of one.
    let hours = bare
        && [" hour", " hours", " minutes", " hrs"]
            .iter()
            .any(|w| after.starts_with(w));
    let threshold =
        bare && w1 == "than" && matches!(w2, "more" | "less" | "fewer" | "longer" | "shorter");
    // "adults (18 to 64)", "people 18-64": the first age of a range after the people.
    let range_start =
        bare && matches!(
            w1,
            "adults" | "people" | "residents" | "those" | "population"
        ) && [" to ", "-", " and "].iter().any(|sep| {
            after.strip_prefix(sep).is_some_and(|t| {
                let digits = t.bytes().take_while(u8::is_ascii_digit).count();
                (1..=3).contains(&digits)
            })
        });
    (word_before && !matches!(w2, "than"))
        || range_start
        || at_age
        || section
        || hours
        || threshold
        || age_range
        || (bare && age_after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figs(text: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        figures(text, (0, text.len()), &mut out);
        out.iter()
            .map(|f| (format!("{:?}", f.figure), f.in_name))
            .collect()
    }

    #[test]
    fn months_and_names() {
        let f = figs("in june 2024 there were 91 days after discharge and 12 people aged 65");
        assert_eq!(f[0].0, "Period(Month { year: 2024, month: 6 })");
        assert!(f[1].1, "91 days after discharge");
        assert!(!f[2].1);
        assert!(f[3].1, "aged 65");
        let f = figs("a break of more than 24 hours, 0-25 year olds");
        assert!(
            f.iter()
                .all(|(d, in_name)| *in_name || d.starts_with("Bare")),
            "{f:?}"
        );
    }

    #[test]
    fn ratios_ages_and_durations_in_names() {
        // "1 in 5 people" is a ratio; "27.6% in 23/24" a figure and a short financial year.
        let f = figs("1 in 5 people, 27.6% in 23/24");
        assert!(f[0].1 && f[1].1, "{f:?}");
        assert_eq!(f[2].0, "Value(27.6, Percent)");
        assert!(!f[2].1, "{f:?}");
        // "life expectancy at 65", "at home 91 days later": part of the measure's name.
        let f = figs("life expectancy at 65 was 19.6 years, at home 91 days later");
        assert!(f[0].1, "{f:?}");
        assert!(!f[1].1, "{f:?}");
        assert!(f[2].1, "{f:?}");
    }
}
