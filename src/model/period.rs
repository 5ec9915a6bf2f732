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
