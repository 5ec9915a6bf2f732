//! Stage 2: the figures of a sentence (values with units, bare numbers, periods, years).

use rust_decimal::Decimal;

use super::grammar::{self, Figure};
use crate::model::Unit;

#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) fig: Figure,
}

/// All figures of a sentence, found by scanning for digits and `£`, in `out` (emptied first:
/// one buffer serves every sentence of a paragraph).
pub(super) fn figures(text: &str, start: usize, end: usize, mut out: Vec<Tok>) -> Vec<Tok> {
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
        if !(b.is_ascii_digit() || pound) {
            i += 1;
            continue;
        }
        let prev = if i > 0 {
            bytes.get(i - 1).copied()
        } else {
            None
        };
        let starts =
            !prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == b'.' || p == b',' || p == b'/');
        if !starts {
            i += 1;
            continue;
        }
        let piece = text.get(i..end).unwrap_or("");
        match grammar::figure(piece) {
            Ok((rest, fig)) => {
                let len = piece.len() - rest.len();
                out.push(Tok {
                    start: i,
                    end: i + len,
                    fig,
                });
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
        // Stay on a char boundary.
        while i < end && !text.is_char_boundary(i) {
            i += 1;
        }
    }
    out
}

pub(super) fn units_pair(value: Unit, comp: &Figure) -> Option<Decimal> {
    match *comp {
        Figure::Value(v, u) if u == value => Some(v),
        Figure::Value(v, Unit::Rate | Unit::Percent)
            if matches!(value, Unit::Rate | Unit::Percent) =>
        {
            Some(v)
        }
        Figure::Bare(v) => Some(v),
        _ => None,
    }
}

/// A duration that belongs to the subject, not a figure of its own: "still at home 91 days
/// after discharge", "within 12 weeks of discharge", "within the previous 12 months".
pub(super) fn part_of_subject(text: &str, t: Tok, unit: Unit) -> bool {
    if !matches!(unit, Unit::Days | Unit::Weeks | Unit::Months) {
        return false;
    }
    let after = text.get(t.end..).unwrap_or("");
    let before = text.get(..t.start).unwrap_or("");
    after.starts_with(" after ")
        || after.starts_with(" of discharge")
        || ["previous ", "last ", "past ", "next ", "within "]
            .iter()
            .any(|w| before.ends_with(w))
}
