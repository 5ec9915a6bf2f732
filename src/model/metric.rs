//! The metric data model: one quantitative claim of a report, typed (value and unit, the
//! comparator it is set against, CQC's variation band, the source and period, the measure and
//! where it was written). Extraction lives in `crate::metrics`.

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::measure::MeasureDef;
use super::{Period, QualityStatement, Span};

/// What a figure counts or measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Unit {
    /// A percentage (`58.7%`); gaps are in percentage points.
    Percent,
    /// A rate written as a fraction (a staff turnover of `0.10`).
    Rate,
    /// Days (`206 days`).
    Days,
    /// Weeks.
    Weeks,
    /// Months.
    Months,
    /// A count of people (`642 people`, `514 adults`).
    People,
    /// A count of things that are not people (`1,240 calls`, `38 care homes`).
    Count,
    /// Years (life expectancy and its gaps).
    Years,
    /// Pounds sterling (`£589,322,000`); id `gbp`.
    #[cfg_attr(feature = "serde", serde(rename = "gbp"))]
    Pounds,
    /// A rate per 100,000 of the population; id `per_100k`.
    #[cfg_attr(feature = "serde", serde(rename = "per_100k"))]
    Per100000,
}

impl Unit {
    /// Every unit.
    pub const ALL: [Unit; 10] = [
        Unit::Percent,
        Unit::Rate,
        Unit::Days,
        Unit::Weeks,
        Unit::Months,
        Unit::People,
        Unit::Count,
        Unit::Years,
        Unit::Pounds,
        Unit::Per100000,
    ];

    /// The snake_case id used in JSON: `percent`, `rate`, `days`, `weeks`, `months`, `people`,
    /// `count`, `years`, `gbp`, `per_100k`.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Rate => "rate",
            Unit::Days => "days",
            Unit::Weeks => "weeks",
            Unit::Months => "months",
            Unit::People => "people",
            Unit::Count => "count",
            Unit::Years => "years",
            Unit::Pounds => "gbp",
            Unit::Per100000 => "per_100k",
        }
    }

    /// Writes a value in this unit the way reports do (`58.7%`, `206 days`, `£1,000`).
    #[must_use]
    pub fn format(self, value: Decimal) -> String {
        match self {
            Unit::Percent => format!("{value}%"),
            Unit::Rate | Unit::Count => value.to_string(),
            Unit::Days => format!("{value} days"),
            Unit::Weeks => format!("{value} weeks"),
            Unit::Months => format!("{value} months"),
            Unit::People => format!("{value} people"),
            Unit::Years => format!("{value} years"),
            Unit::Pounds => format!("£{}", group_thousands(value)),
            Unit::Per100000 => format!("{value} per 100,000"),
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// `1234567.5` as `1,234,567.5`.
pub(crate) fn group_thousands(value: Decimal) -> String {
    let text = value.to_string();
    let (int, frac) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut out = String::with_capacity(text.len() + digits.len() / 3);
    out.push_str(sign);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// Which average a figure is set against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Scope {
    /// "England average".
    England,
    /// "national average".
    National,
    /// A region's average ("London average"); the region is in [`Comparator::region`].
    Regional,
    /// A bare "than average" or "compared to 45%".
    Unspecified,
}

impl Scope {
    /// The snake_case id used in JSON.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Scope::England => "england",
            Scope::National => "national",
            Scope::Regional => "regional",
            Scope::Unspecified => "unspecified",
        }
    }

    /// Whether the benchmark is the whole of England ("England" or "national").
    #[must_use]
    pub const fn is_england(self) -> bool {
        matches!(self, Scope::England | Scope::National)
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The benchmark a figure is compared with.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Comparator {
    /// Which average.
    pub scope: Scope,
    /// The region's name ("London") for a regional average.
    pub region: Option<String>,
    /// The benchmark's value, in the metric's unit, as printed; `None` when the report names
    /// the average without a number ("similar to the England average").
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::float_option"))]
    pub value: Option<Decimal>,
}

impl fmt::Display for Comparator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.scope, &self.region) {
            (Scope::Regional, Some(region)) => write!(f, "{region} average")?,
            (Scope::Regional, None) => f.write_str("regional average")?,
            (Scope::England, _) => f.write_str("England average")?,
            (Scope::National, _) => f.write_str("national average")?,
            (Scope::Unspecified, _) => f.write_str("average")?,
        }
        match self.value {
            Some(v) => write!(f, " {v}"),
            None => Ok(()),
        }
    }
}

/// How the report words the comparison, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Direction {
    /// "more".
    More,
    /// "fewer".
    Fewer,
    /// "less".
    Less,
    /// "higher".
    Higher,
    /// "lower".
    Lower,
    /// "the same", "broadly the same", "around the same".
    Same,
    /// "broadly in line", "in line", "consistent with".
    InLine,
    /// "similar".
    Similar,
    /// "above".
    Above,
    /// "below".
    Below,
    /// "better".
    Better,
    /// "worse".
    Worse,
    /// "not statistically different", "no significant difference".
    NoDifference,
}

impl Direction {
    /// The snake_case id.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Direction::More => "more",
            Direction::Fewer => "fewer",
            Direction::Less => "less",
            Direction::Higher => "higher",
            Direction::Lower => "lower",
            Direction::Same => "same",
            Direction::InLine => "in_line",
            Direction::Similar => "similar",
            Direction::Above => "above",
            Direction::Below => "below",
            Direction::Better => "better",
            Direction::Worse => "worse",
            Direction::NoDifference => "no_difference",
        }
    }

    /// Whether the wording says there is no real difference.
    #[must_use]
    pub const fn is_level(self) -> bool {
        matches!(
            self,
            Direction::Same | Direction::InLine | Direction::Similar | Direction::NoDifference
        )
    }
}

/// CQC's variation band against the England value, on a seven-point ordinal scale.
///
/// Positive and negative describe performance, not the size of the number: a vacancy rate
/// above England's is "negative". (Named `VariationBand` because [`crate::Band`] is the rating
/// band of an overall score.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum VariationBand {
    /// "significant negative variation", "significantly negative variation".
    SignificantNegative,
    /// "negative variation".
    Negative,
    /// "tending towards negative".
    TendingTowardsNegative,
    /// "no statistical variation".
    NoVariation,
    /// "tending towards positive".
    TendingTowardsPositive,
    /// "positive variation".
    Positive,
    /// "significant positive variation", "significantly positive variation".
    SignificantPositive,
}

impl VariationBand {
    /// The snake_case id used in JSON, e.g. `"tending_towards_negative"`.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            VariationBand::SignificantNegative => "significant_negative",
            VariationBand::Negative => "negative",
            VariationBand::TendingTowardsNegative => "tending_towards_negative",
            VariationBand::NoVariation => "no_variation",
            VariationBand::TendingTowardsPositive => "tending_towards_positive",
            VariationBand::Positive => "positive",
            VariationBand::SignificantPositive => "significant_positive",
        }
    }

    /// The position on the scale, from -3 (significant negative) to +3 (significant positive).
    #[must_use]
    pub const fn ordinal(self) -> i8 {
        self as i8 - 3
    }

    /// What the band says about performance.
    #[must_use]
    pub const fn verdict(self) -> Verdict {
        match self.ordinal() {
            i8::MIN..=-1 => Verdict::Worse,
            0 => Verdict::Similar,
            _ => Verdict::Better,
        }
    }
}

impl fmt::Display for VariationBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            VariationBand::SignificantNegative => "significant negative variation",
            VariationBand::Negative => "negative variation",
            VariationBand::TendingTowardsNegative => "tending towards negative",
            VariationBand::NoVariation => "no statistical variation",
            VariationBand::TendingTowardsPositive => "tending towards positive",
            VariationBand::Positive => "positive variation",
            VariationBand::SignificantPositive => "significant positive variation",
        })
    }
}

/// A data collection reports cite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Dataset {
    /// Adult Social Care Survey.
    Ascs,
    /// Survey of Adult Carers in England.
    Sace,
    /// Short and Long Term support return.
    Salt,
    /// Adult Social Care Finance Return ("Report" in some reports).
    Ascfr,
    /// Adult Social Care Outcomes Framework (when named without a collection).
    Ascof,
    /// Safeguarding Adults Collection.
    SafeguardingAdultsCollection,
    /// Skills for Care workforce estimates.
    SkillsForCare,
    /// Client Level Data.
    ClientLevelData,
    /// The local authority's own data.
    LocalAuthority,
    /// CQC's ratings of local providers.
    CqcRatings,
    /// The Office for National Statistics (population estimates and projections).
    Ons,
    /// The Census.
    Census,
    /// The area's Joint Strategic Needs Assessment.
    Jsna,
}

impl Dataset {
    /// Every dataset.
    pub const ALL: [Dataset; 13] = [
        Dataset::Ascs,
        Dataset::Sace,
        Dataset::Salt,
        Dataset::Ascfr,
        Dataset::Ascof,
        Dataset::SafeguardingAdultsCollection,
        Dataset::SkillsForCare,
        Dataset::ClientLevelData,
        Dataset::LocalAuthority,
        Dataset::CqcRatings,
        Dataset::Ons,
        Dataset::Census,
        Dataset::Jsna,
    ];

    /// The snake_case id used in JSON, e.g. `"sace"`.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Dataset::Ascs => "ascs",
            Dataset::Sace => "sace",
            Dataset::Salt => "salt",
            Dataset::Ascfr => "ascfr",
            Dataset::Ascof => "ascof",
            Dataset::SafeguardingAdultsCollection => "safeguarding_adults_collection",
            Dataset::SkillsForCare => "skills_for_care",
            Dataset::ClientLevelData => "client_level_data",
            Dataset::LocalAuthority => "local_authority",
            Dataset::CqcRatings => "cqc_ratings",
            Dataset::Ons => "ons",
            Dataset::Census => "census",
            Dataset::Jsna => "jsna",
        }
    }

    /// The usual short name, e.g. `"SACE"`.
    #[must_use]
    pub const fn short_name(self) -> &'static str {
        match self {
            Dataset::Ascs => "ASCS",
            Dataset::Sace => "SACE",
            Dataset::Salt => "SALT",
            Dataset::Ascfr => "ASCFR",
            Dataset::Ascof => "ASCOF",
            Dataset::SafeguardingAdultsCollection => "SAC",
            Dataset::SkillsForCare => "Skills for Care",
            Dataset::ClientLevelData => "CLD",
            Dataset::LocalAuthority => "local authority data",
            Dataset::CqcRatings => "CQC ratings",
            Dataset::Ons => "ONS",
            Dataset::Census => "Census",
            Dataset::Jsna => "JSNA",
        }
    }
}

impl Dataset {
    /// Whether the dataset is a national collection whose figures come with an England
    /// average (the surveys, SALT, the finance return, ASCOF, the safeguarding collection,
    /// Skills for Care and Client Level Data), rather than the authority's own data, CQC's
    /// ratings or population statistics.
    #[must_use]
    pub const fn is_national_collection(self) -> bool {
        !matches!(
            self,
            Dataset::LocalAuthority
                | Dataset::CqcRatings
                | Dataset::Ons
                | Dataset::Census
                | Dataset::Jsna
        )
    }
}

impl fmt::Display for Dataset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.short_name())
    }
}

/// How a metric's source was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Attribution {
    /// Named in the metric's own sentence.
    Sentence,
    /// Named at the start of an earlier sentence of the paragraph ("SACE data (2023-24)
    /// showed ...") and carried forwards.
    Leading,
    /// Named for a run of sentences at its end ("(All from SACE 2023-2024)") and carried
    /// backwards.
    Closing,
    /// Only a period was found next to the figure ("86% in 2023-2024").
    Period,
}

/// Where a figure comes from: the dataset and the period it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Source {
    /// The dataset, if named.
    pub dataset: Option<Dataset>,
    /// The period as the source states it (a financial year normalised from any way of
    /// writing it, a year, a range of years or a month).
    pub period: Option<Period>,
    /// How it was attributed.
    pub attribution: Attribution,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.dataset, self.period) {
            (Some(d), Some(p)) => write!(f, "{d} {p}"),
            (Some(d), None) => write!(f, "{d}"),
            (None, Some(p)) => write!(f, "{p}"),
            (None, None) => f.write_str("-"),
        }
    }
}

/// Who a measure is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Population {
    /// People who use services (adults receiving care and support).
    PeopleWhoUseServices,
    /// Unpaid carers.
    Carers,
    /// People aged 65 and over.
    Aged65Plus,
    /// People aged 18 to 64.
    Aged18To64,
    /// Care staff.
    Staff,
    /// The area's residents.
    Residents,
    /// Care providers.
    Providers,
    /// The local authority itself (budgets, spend).
    Authority,
}

impl Population {
    /// The snake_case id used in JSON.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Population::PeopleWhoUseServices => "people_who_use_services",
            Population::Carers => "carers",
            Population::Aged65Plus => "aged_65_plus",
            Population::Aged18To64 => "aged_18_to_64",
            Population::Staff => "staff",
            Population::Residents => "residents",
            Population::Providers => "providers",
            Population::Authority => "authority",
        }
    }
}

/// Which way is better for a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Polarity {
    /// Higher is better.
    HigherIsBetter,
    /// Lower is better.
    LowerIsBetter,
    /// Context only: no judgement.
    NoJudgement,
}

/// The subject of a metric.
///
/// JSON: `text`, `population`, `id` (the canonical measure's id), `ascof` (its codes, old
/// first), `score` and `unmatched`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(into = "serde_repr::MeasureRepr", try_from = "serde_repr::MeasureRepr")
)]
pub struct Measure {
    /// The subject phrase as written (the clause around the figure).
    pub text: String,
    /// Who it is about, when known.
    pub population: Option<Population>,
    /// The canonical measure, when the subject names one.
    pub canonical: Option<&'static MeasureDef>,
    /// How well the subject matched the best measure of the catalogue, 0 to 100 (0 when no
    /// measure shares a word with it).
    pub score: u8,
    /// Why no canonical measure was taken, when none was.
    pub unmatched: Option<Unmatched>,
}

/// Why a figure's subject names no canonical measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(tag = "reason", rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Unmatched {
    /// No words describe the figure (a bare number in a list, a figure at the start of a
    /// sentence that says nothing else).
    NoSubject,
    /// No measure of the catalogue shares enough of the subject's words.
    NoCandidate,
    /// The closest measure matched too weakly to be taken.
    Weak {
        /// The closest measure.
        #[cfg_attr(feature = "serde", serde(with = "serde_repr::measure_id"))]
        closest: &'static MeasureDef,
    },
    /// Two measures matched about as well: the subject does not say which.
    Ambiguous {
        /// The better.
        #[cfg_attr(feature = "serde", serde(with = "serde_repr::measure_id"))]
        first: &'static MeasureDef,
        /// The runner-up.
        #[cfg_attr(feature = "serde", serde(with = "serde_repr::measure_id"))]
        second: &'static MeasureDef,
    },
    /// The figure's unit is not the unit the matching measure is given in.
    UnitMismatch {
        /// The measure.
        #[cfg_attr(feature = "serde", serde(with = "serde_repr::measure_id"))]
        closest: &'static MeasureDef,
    },
    /// The figure is one person's experience ("one carer told us they had waited 5
    /// months"), not a measure of the authority.
    Anecdote,
    /// The figure is a target or aim ("the council aims for 90% of people to be satisfied"),
    /// not a result.
    Target,
    /// The figure is an average's ("Nationally, 36.8% of carers were satisfied"), not the
    /// council's.
    Average,
    /// The figure is a change ("increased by 23%", "a 9% rise in"), and the measure its words
    /// name is a level, not a change of it ([`MeasureDef::change`]).
    Change {
        /// The measure of the level.
        #[cfg_attr(feature = "serde", serde(with = "serde_repr::measure_id"))]
        closest: &'static MeasureDef,
    },
}

impl fmt::Display for Unmatched {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unmatched::NoSubject => f.write_str("no words describe the figure"),
            Unmatched::NoCandidate => f.write_str("no catalogue measure fits its words"),
            Unmatched::Weak { closest } => {
                write!(f, "the closest measure, '{}', fits too weakly", closest.id)
            }
            Unmatched::Ambiguous { first, second } => {
                write!(f, "'{}' and '{}' fit equally well", first.id, second.id)
            }
            Unmatched::UnitMismatch { closest } => write!(
                f,
                "'{}' fits but is given in {}, not this unit",
                closest.id, closest.unit
            ),
            Unmatched::Anecdote => f.write_str("one person's experience, not a measure"),
            Unmatched::Target => f.write_str("a target or aim, not a result"),
            Unmatched::Average => {
                f.write_str("England's, the nation's or a region's figure, not the council's")
            }
            Unmatched::Change { closest } => write!(
                f,
                "a change, not a level: '{}' is the level its words name",
                closest.id
            ),
        }
    }
}

/// Which part of the report a metric was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Part {
    /// "About \<authority\>" (demographics).
    About,
    /// "Financial facts".
    FinancialFacts,
    /// "Summary of people's experiences".
    Experiences,
    /// "Summary of strengths, areas for development and next steps".
    Strengths,
    /// A quality statement's key findings.
    Findings,
}

/// Better, similar or worse than a comparator. Ordered from worse to better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Verdict {
    /// Worse than the comparator.
    Worse,
    /// No real difference.
    Similar,
    /// Better than the comparator.
    Better,
}

impl Verdict {
    /// `"better"`, `"similar"` or `"worse"`.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Verdict::Worse => "worse",
            Verdict::Similar => "similar",
            Verdict::Better => "better",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// A metric's standing against its comparator (see [`Metric::judgement`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Judgement {
    /// Better, similar or worse.
    pub verdict: Verdict,
    /// `false` when the report states a band, `true` when worked out from the measure's
    /// polarity and the two values (or from wording such as "broadly in line").
    pub inferred: bool,
}

/// One quantitative claim of a report.
///
/// A metric shares its sentence and subheading with the other figures of the same sentence
/// (reference-counted), so extracting every figure of a long paragraph copies its text once.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Metric {
    /// The value as printed (`70.0` keeps its precision). JSON writes it as a number, which
    /// keeps no trailing zeros: read back, `70.0` is `70`, an equal value.
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::float"))]
    pub value: Decimal,
    /// Its unit.
    pub unit: Unit,
    /// The benchmark, if the report gives one.
    pub comparator: Option<Comparator>,
    /// How the report words the comparison ("fewer", "broadly in line"), if it does.
    pub direction: Option<Direction>,
    /// The comparison as written, lowercased ("significantly higher", "not statistically
    /// different from"), if the report words one.
    pub wording: Option<String>,
    /// `value - comparator`, in the unit's terms (percentage points for percentages).
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::float_option"))]
    pub gap: Option<Decimal>,
    /// CQC's variation band, if stated (for the sentence or its group) or meant by the words.
    pub band: Option<VariationBand>,
    /// The band label as written, e.g. `'tending towards negative' band`.
    pub band_label: Option<String>,
    /// Whether the band was derived from words that mean one ("not statistically different"
    /// means no variation) rather than stated.
    pub band_derived: bool,
    /// Dataset and period.
    pub source: Option<Source>,
    /// The subject.
    pub measure: Measure,
    /// The quality statement it sits under (`None` for About, financial facts and summaries).
    pub statement: Option<QualityStatement>,
    /// The part of the report.
    pub part: Part,
    /// The subheading it sits under, if any.
    pub subheading: Option<Arc<str>>,
    /// The sentence, verbatim.
    pub sentence: Arc<str>,
    /// The sentence's byte span in the parsed input (`None` for a report built in code);
    /// `[start, end]` in JSON.
    #[cfg_attr(feature = "serde", serde(with = "serde_repr::span_pair"))]
    pub span: Option<Span>,
    /// The figure's own byte span in the parsed input; `[start, end]` in JSON.
    #[cfg_attr(feature = "serde", serde(with = "serde_repr::span_pair"))]
    pub figure_span: Option<Span>,
}

/// What a metric lacks for benchmarking, and why (see [`Metric::gaps`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(tag = "lacks", rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Gap {
    /// No canonical measure.
    Measure {
        /// Why.
        why: Unmatched,
    },
    /// A figure of a national collection without the average it is compared with.
    Comparator,
    /// No dataset.
    Source,
    /// No period.
    Period,
}

impl Gap {
    /// A stable snake_case id: `measure`, `comparator`, `source` or `period`.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Gap::Measure { .. } => "measure",
            Gap::Comparator => "comparator",
            Gap::Source => "source",
            Gap::Period => "period",
        }
    }
}

impl fmt::Display for Gap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Gap::Measure { why } => write!(f, "no measure: {why}"),
            Gap::Comparator => f.write_str("no comparator: a national figure without its average"),
            Gap::Source => f.write_str("no source: the text names no dataset for it"),
            Gap::Period => f.write_str("no period: the text names no year for it"),
        }
    }
}

impl Metric {
    /// The canonical measure's polarity, if the subject is a canonical measure.
    #[must_use]
    pub fn polarity(&self) -> Option<Polarity> {
        self.measure.canonical.map(|m| m.polarity)
    }

    /// Better, similar or worse than the comparator: from the band when the report states one,
    /// otherwise from wording such as "broadly in line" or from the measure's polarity and the
    /// values (then `inferred`). `None` without a comparator, or without a band when the
    /// polarity is unknown or passes no judgement.
    #[must_use]
    pub fn judgement(&self) -> Option<Judgement> {
        let comparator = self.comparator.as_ref()?;
        if let Some(band) = self.band {
            return Some(Judgement {
                verdict: band.verdict(),
                inferred: false,
            });
        }
        match self.direction {
            Some(d) if d.is_level() => {
                return Some(Judgement {
                    verdict: Verdict::Similar,
                    inferred: true,
                });
            }
            Some(d @ (Direction::Better | Direction::Worse)) => {
                return Some(Judgement {
                    verdict: if d == Direction::Better {
                        Verdict::Better
                    } else {
                        Verdict::Worse
                    },
                    inferred: true,
                });
            }
            _ => {}
        }
        let verdict = by_polarity(self.polarity()?, self.value, comparator.value?)?;
        Some(Judgement {
            verdict,
            inferred: true,
        })
    }
}

impl Metric {
    /// What the metric lacks for benchmarking, each with why: a canonical measure, a
    /// comparator (for a figure of a national collection, which comes with its average), a
    /// source and a period. Empty for a fully resolved figure.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Report;
    /// let text = "Safeguarding\nScore: 3\nKey findings for this quality statement\n\
    ///             ASCS data (2023-24) showed 70.1% of people felt safe (England average 71.1%). \
    ///             A further 312 people attended drop-in events.\n";
    /// let metrics = Report::parse(text)?.metrics();
    /// assert!(metrics[0].gaps().is_empty());
    /// assert_eq!(metrics[1].gaps().iter().map(|g| g.id()).collect::<Vec<_>>(), ["measure", "source", "period"]);
    /// # Ok::<(), cqc_la::ParseError>(())
    /// ```
    #[must_use]
    pub fn gaps(&self) -> Vec<Gap> {
        let mut gaps = Vec::new();
        if self.measure.canonical.is_none() {
            gaps.push(Gap::Measure {
                why: self.measure.unmatched.unwrap_or(Unmatched::NoCandidate),
            });
        }
        let benchmarked = self
            .measure
            .canonical
            .is_some_and(|m| m.dataset.is_national_collection());
        if benchmarked && self.comparator.is_none() {
            gaps.push(Gap::Comparator);
        }
        let source = self.source.as_ref();
        if source.and_then(|s| s.dataset).is_none() {
            gaps.push(Gap::Source);
        }
        if source.and_then(|s| s.period).is_none() {
            gaps.push(Gap::Period);
        }
        gaps
    }
}

/// What the values say, given the polarity.
pub(crate) fn by_polarity(polarity: Polarity, value: Decimal, other: Decimal) -> Option<Verdict> {
    let higher = match value.cmp(&other) {
        std::cmp::Ordering::Equal => return Some(Verdict::Similar),
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
    };
    match polarity {
        Polarity::HigherIsBetter if higher => Some(Verdict::Better),
        Polarity::LowerIsBetter if !higher => Some(Verdict::Better),
        Polarity::HigherIsBetter | Polarity::LowerIsBetter => Some(Verdict::Worse),
        Polarity::NoJudgement => None,
    }
}

impl fmt::Display for Metric {
    /// One line: `58.7% (ASCS 2023-24) vs England average 65.4, tending towards negative`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.unit.format(self.value))?;
        if let Some(m) = self.measure.canonical {
            write!(f, " {}", m.name)?;
        }
        if let Some(source) = &self.source {
            write!(f, " ({source})")?;
        }
        if let Some(c) = &self.comparator {
            write!(f, " vs {c}")?;
        }
        if let Some(band) = self.band {
            write!(f, ", {band}")?;
        }
        Ok(())
    }
}

/// Something about a report's figures an analyst should check (never an error).
///
/// JSON: an object with `kind` (the [`MetricWarning::id`]) and the variant's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(tag = "kind", rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum MetricWarning {
    /// The stated band says the opposite of what the values and the measure's polarity say.
    BandContradicts {
        /// The measure's id.
        #[cfg_attr(
            feature = "serde",
            serde(deserialize_with = "serde_repr::catalogue_id")
        )]
        measure: CatalogueStr,
        /// The value.
        value: Decimal,
        /// The comparator's value.
        comparator: Decimal,
        /// The band stated.
        band: VariationBand,
        /// Where (the sentence's span).
        span: Option<Span>,
    },
    /// The same value is given for two different measures (possible copy error).
    SameValue {
        /// The value.
        value: Decimal,
        /// Its unit.
        unit: Unit,
        /// The first measure (canonical id, or the subject as written).
        first: String,
        /// The second.
        second: String,
        /// Where the second stands.
        span: Option<Span>,
    },
    /// Two reports cite a different England average for the same measure and period.
    ComparatorDisagrees {
        /// The measure's id.
        #[cfg_attr(
            feature = "serde",
            serde(deserialize_with = "serde_repr::catalogue_id")
        )]
        measure: CatalogueStr,
        /// The period.
        period: Option<Period>,
        /// The first report's England value (report index, value).
        first: (usize, Decimal),
        /// The other report's.
        second: (usize, Decimal),
    },
    /// A sentence holds more figures than any report sentence does (a table pasted as one
    /// line, or text that is not prose): the first [`MAX_FIGURES_PER_SENTENCE`] are read, the
    /// rest stay in the report's text only.
    FiguresNotRead {
        /// How many figures were not read.
        count: usize,
        /// The sentence's span.
        span: Option<Span>,
    },
    /// A number without a unit, a noun or a comparison saying what it is ("Of these, 310 had
    /// been waiting"): not read as a figure, and said so rather than dropped.
    NumberNotRead {
        /// The number as written.
        number: String,
        /// Where.
        span: Option<Span>,
    },
}

/// The most figures read in one sentence (report sentences hold at most about ten): the bound
/// keeps the memory of extraction within a small multiple of the input.
pub const MAX_FIGURES_PER_SENTENCE: usize = 32;

impl MetricWarning {
    /// Where in the report the warning points (a sentence's or figure's span), if anywhere.
    #[must_use]
    pub const fn span(&self) -> Option<Span> {
        match self {
            MetricWarning::BandContradicts { span, .. }
            | MetricWarning::SameValue { span, .. }
            | MetricWarning::FiguresNotRead { span, .. }
            | MetricWarning::NumberNotRead { span, .. } => *span,
            MetricWarning::ComparatorDisagrees { .. } => None,
        }
    }

    /// The span, to move it (into a saved web page's HTML).
    #[cfg_attr(not(feature = "html"), allow(dead_code))]
    pub(crate) fn span_mut(&mut self) -> Option<&mut Option<Span>> {
        match self {
            MetricWarning::BandContradicts { span, .. }
            | MetricWarning::SameValue { span, .. }
            | MetricWarning::FiguresNotRead { span, .. }
            | MetricWarning::NumberNotRead { span, .. } => Some(span),
            MetricWarning::ComparatorDisagrees { .. } => None,
        }
    }

    /// Every kind's [`MetricWarning::id`].
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    pub(crate) const IDS: [&'static str; 5] = [
        "band_contradicts",
        "same_value",
        "comparator_disagrees",
        "figures_not_read",
        "number_not_read",
    ];

    /// A stable snake_case id for the kind.
    #[must_use]
    pub const fn id(&self) -> &'static str {
        match self {
            MetricWarning::BandContradicts { .. } => "band_contradicts",
            MetricWarning::SameValue { .. } => "same_value",
            MetricWarning::ComparatorDisagrees { .. } => "comparator_disagrees",
            MetricWarning::FiguresNotRead { .. } => "figures_not_read",
            MetricWarning::NumberNotRead { .. } => "number_not_read",
        }
    }
}

impl fmt::Display for MetricWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MetricWarning::BandContradicts {
                measure,
                value,
                comparator,
                band,
                ..
            } => write!(
                f,
                "'{measure}': {value} against {comparator} is stated as '{band}', which the values and the measure's polarity contradict"
            ),
            MetricWarning::SameValue {
                value,
                unit,
                first,
                second,
                ..
            } => write!(
                f,
                "the same value {} is given for '{first}' and '{second}' (possible copy error)",
                unit.format(*value)
            ),
            MetricWarning::ComparatorDisagrees {
                measure,
                period,
                first,
                second,
            } => {
                write!(f, "'{measure}'")?;
                if let Some(p) = period {
                    write!(f, " ({p})")?;
                }
                write!(
                    f,
                    ": report {} cites an England average of {}, report {} of {}",
                    first.0, first.1, second.0, second.1
                )
            }
            MetricWarning::NumberNotRead { number, .. } => write!(
                f,
                "'{number}' has no unit, noun or comparison saying what it is: not read as a figure"
            ),
            MetricWarning::FiguresNotRead { count, .. } => write!(
                f,
                "a sentence holds more than {MAX_FIGURES_PER_SENTENCE} figures: {count} more were not read"
            ),
        }
    }
}

/// `&'static str`, for a field holding a catalogue string (a measure's id or name). Written
/// through this alias, the field does not make serde's derive borrow from the input (it
/// would otherwise read such a value from `'static` input only): the field's
/// `deserialize_with` looks the string up in the catalogue instead.
pub(crate) type CatalogueStr = &'static str;

/// Serde representations of the types that refer to the catalogue (shared with the other
/// modules whose values hold catalogue references). An id or name the catalogue does not hold
/// is a serde error, never a panic.
#[cfg(feature = "serde")]
pub(crate) mod serde_repr {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{Measure, MeasureDef, Population, Unmatched};

    /// How a [`Measure`] is written: the canonical measure by its id, with its ASCOF codes for
    /// readers (ignored when read back).
    #[derive(Serialize, Deserialize)]
    pub(super) struct MeasureRepr {
        text: String,
        population: Option<Population>,
        id: Option<String>,
        #[serde(default)]
        ascof: Vec<String>,
        #[serde(default)]
        score: u8,
        #[serde(default)]
        unmatched: Option<Unmatched>,
    }

    impl From<Measure> for MeasureRepr {
        fn from(m: Measure) -> Self {
            MeasureRepr {
                text: m.text,
                population: m.population,
                id: m.canonical.map(|d| d.id.to_owned()),
                ascof: m
                    .canonical
                    .map(|d| d.ascof().into_iter().map(str::to_owned).collect())
                    .unwrap_or_default(),
                score: m.score,
                unmatched: m.unmatched,
            }
        }
    }

    impl TryFrom<MeasureRepr> for Measure {
        type Error = String;

        fn try_from(r: MeasureRepr) -> Result<Self, Self::Error> {
            let canonical = match r.id {
                Some(id) => Some(lookup(&id)?),
                None => None,
            };
            Ok(Measure {
                text: r.text,
                population: r.population,
                canonical,
                score: r.score,
                unmatched: r.unmatched,
            })
        }
    }

    fn lookup(id: &str) -> Result<&'static MeasureDef, String> {
        MeasureDef::by_id(id).ok_or_else(|| format!("unknown measure id '{id}'"))
    }

    /// A catalogue measure written as its id.
    pub(crate) mod measure_id {
        use super::{Deserialize, Deserializer, MeasureDef, Serializer, lookup};

        #[allow(clippy::trivially_copy_pass_by_ref)] // serde's `with` passes a reference.
        pub(crate) fn serialize<S: Serializer>(
            def: &&'static MeasureDef,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(def.id)
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<&'static MeasureDef, D::Error> {
            let id = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
            lookup(&id).map_err(serde::de::Error::custom)
        }
    }

    /// A span written as `[start, end]`.
    pub(crate) mod span_pair {
        use super::{Deserialize, Deserializer, Serialize, Serializer};
        use crate::model::Span;

        #[allow(clippy::ref_option)] // serde's `with` passes a reference.
        pub(crate) fn serialize<S: Serializer>(
            span: &Option<Span>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            span.map(|s| [s.start, s.end]).serialize(serializer)
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Span>, D::Error> {
            let pair = <Option<[usize; 2]>>::deserialize(deserializer)?;
            Ok(pair.map(|[start, end]| Span::new(start, end)))
        }
    }

    /// A catalogue id read back as the catalogue's own `&'static str`.
    pub(crate) fn catalogue_id<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<&'static str, D::Error> {
        let id = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        lookup(&id).map(|d| d.id).map_err(serde::de::Error::custom)
    }

    /// A catalogue measure's name read back as the catalogue's own `&'static str`.
    pub(crate) fn catalogue_name<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<&'static str, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        MeasureDef::catalogue()
            .iter()
            .find(|d| d.name == name)
            .map(|d| d.name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown measure name '{name}'")))
    }
}
