//! Financial years ("2023-24").

use std::fmt;

/// An April-to-March financial year, named by the calendar year it starts in: `2023-24` is
/// `FinancialYear::new(2023)`. Reports write it `2023-24`, `2023/24`, `2023-2024`,
/// `2023/2024` or `2021 to 2022`; `Display` and JSON use `YYYY-YY`.
///
/// # Examples
/// ```
/// use cqc_la::FinancialYear;
/// for written in ["2023-24", "2023/24", "2023-2024", "2023/2024", "2023 to 2024"] {
///     assert_eq!(written.parse::<FinancialYear>().unwrap().to_string(), "2023-24");
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FinancialYear(u16);

impl FinancialYear {
    /// The financial year starting in April of `start_year`.
    #[must_use]
    pub const fn new(start_year: u16) -> Self {
        FinancialYear(start_year)
    }

    /// The calendar year it starts in.
    #[must_use]
    pub const fn start_year(self) -> u16 {
        self.0
    }
}

impl fmt::Display for FinancialYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.0, (self.0 + 1) % 100)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for FinancialYear {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for FinancialYear {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The period a figure covers, as the source states it: a financial year ("2023-24" in any
/// spelling), a calendar year ("2021"), a range of years ("between 2021 - 2023") or a month
/// ("October 2024", a survey's publication month, which is not a financial year). `Display` and
/// JSON write `2023-24`, `2021`, `2021-2023` and `October 2024`.
///
/// # Examples
/// ```
/// use cqc_la::{FinancialYear, Period};
/// let p: Period = "2023/2024".parse().unwrap();
/// assert_eq!(p, Period::FinancialYear(FinancialYear::new(2023)));
/// assert_eq!(p.to_string(), "2023-24");
/// assert_eq!("October 2024".parse::<Period>().unwrap().financial_year(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Period {
    /// An April-to-March financial year.
    FinancialYear(FinancialYear),
    /// A calendar year.
    Year(u16),
    /// A range of calendar years, first and last.
    Years(u16, u16),
    /// A month of a year.
    Month {
        /// The year.
        year: u16,
        /// The month, 1-12.
        month: u8,
    },
}

impl Period {
    /// The financial year, when the period is one.
    #[must_use]
    pub const fn financial_year(self) -> Option<FinancialYear> {
        match self {
            Period::FinancialYear(fy) => Some(fy),
            _ => None,
        }
    }
}

impl From<FinancialYear> for Period {
    fn from(fy: FinancialYear) -> Self {
        Period::FinancialYear(fy)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::FinancialYear(fy) => write!(f, "{fy}"),
            Period::Year(y) => write!(f, "{y}"),
            Period::Years(a, b) => write!(f, "{a}-{b}"),
            Period::Month { year, month } => {
                let name = super::MONTHS
                    .get(usize::from(month).wrapping_sub(1))
                    .copied()
                    .unwrap_or("?");
                write!(f, "{name} {year}")
            }
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}
