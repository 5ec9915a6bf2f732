//! A cohort of assessed authorities: league tables with honest ranks, score distributions,
//! groups, nearest neighbours and metric statistics.
//!
//! A [`Cohort`] holds [`ScoreRecord`]s (from parsed reports or from a scores CSV) and,
//! optionally, [`MetricObservation`]s. Everything it computes is a plain value with `Display`
//! (an aligned table) and serde.
//!
//! The crate embeds a default cohort, [`Cohort::published`]: the 72 published assessments as of
//! October 2025, compiled from CQC's published report summary pages.

mod csv;
mod distribution;
mod group;
mod league;
mod metrics;
mod neighbours;
mod peers;
mod rank;
mod record;

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt;
use std::io::Read;
use std::path::Path;
use std::sync::LazyLock;

use crate::assessment::{Assessment, AssessmentError, MergeWarning};

pub use self::csv::{CsvError, CsvLimit, LoadWarning, LoadWarningKind};
pub use distribution::{Distribution, Distributions, MemberValue};
pub use group::{
    Group, GroupComparison, GroupMembers, GroupSummary, GroupTable, MemberVsGroup, StatementVsGroup,
};
pub use league::{LeagueCut, LeagueRow, LeagueTable};
pub use metrics::{
    Marker, MeasureRow, MeasureTable, MetricObservation, MetricTableError, MetricTables,
    SpineChart, SpineRow,
};
pub use neighbours::{Neighbour, NeighbourBasis, Neighbours};
pub use peers::{AgainstPeers, NoPeers, Peer, PeerComparison, PeerGroups, PeerShape, PeersOf};
pub use rank::{Quartile, Standing, Summary, ordinal};
pub use record::{ScoreRecord, Subject, YearMonth};

const PUBLISHED_SCORES_CSV: &str = include_str!("../../data/published-scores.csv");

static PUBLISHED: LazyLock<Vec<ScoreRecord>> = LazyLock::new(|| {
    // The embedded file is checked by the test suite; an unreadable file would give an empty
    // cohort rather than a panic.
    csv::read_scores(PUBLISHED_SCORES_CSV.as_bytes(), "published-scores.csv")
        .map(|(records, _)| records)
        .unwrap_or_default()
});

/// A set of assessed authorities to compare, with an optional set of metric observations.
///
/// Each authority appears once: [`Cohort::insert`] replaces an earlier record of the same
/// authority (same ONS code, or same name when unresolved).
///
/// # Examples
/// ```
/// use cqc_la::Cohort;
/// let cohort = Cohort::published();
/// assert_eq!(cohort.len(), 72);
/// let table = cohort.league_table();
/// let camden = table.row("Camden").unwrap();
/// assert_eq!(camden.standing.to_string(), "joint 1st-2nd of 71"); // Warrington (8 of 9) apart
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Cohort {
    /// A name for tables, e.g. `"Published assessments (October 2025)"`.
    pub name: String,
    /// The members, in the order added.
    pub members: Vec<ScoreRecord>,
    /// Metric observations for any of the members (see [`Cohort::metric_tables`]).
    pub metrics: Vec<MetricObservation>,
}

/// What [`Cohort::insert_assessment`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Inserted {
    /// The council's record before, when the cohort had one.
    pub previous: Option<ScoreRecord>,
    /// The record now in the cohort: the assessment's, combined with `previous` when there was
    /// one.
    pub record: ScoreRecord,
    /// What the assessment changed in `previous` (both values kept in each warning).
    pub warnings: Vec<MergeWarning>,
}

impl Cohort {
    /// The month of the embedded published-scores snapshot.
    pub const PUBLISHED_AS_OF: &'static str = "2025-10";

    /// An empty cohort with a name.
    pub fn new(name: impl Into<String>) -> Cohort {
        Cohort {
            name: name.into(),
            members: Vec::new(),
            metrics: Vec::new(),
        }
    }

    /// A cohort of these records; a later record of the same authority replaces an earlier one.
    pub fn from_records(
        name: impl Into<String>,
        records: impl IntoIterator<Item = ScoreRecord>,
    ) -> Cohort {
        let mut cohort = Cohort::new(name);
        let mut index: HashMap<String, usize> = HashMap::new();
        for record in records {
            match index.entry(record.key()) {
                Entry::Occupied(at) => cohort.members[*at.get()] = record,
                Entry::Vacant(at) => {
                    at.insert(cohort.members.len());
                    cohort.members.push(record);
                }
            }
        }
        cohort
    }

    /// A cohort of assessments: their scores and the observations of their canonical metrics
    /// (see [`Cohort::insert_assessment`]; two assessments of the same council combine, and
    /// the merge warnings are dropped: insert them one by one to see them).
    ///
    /// # Errors
    /// [`AssessmentError::Unnamed`] for an assessment that names no council.
    pub fn from_assessments<'a>(
        name: impl Into<String>,
        assessments: impl IntoIterator<Item = &'a Assessment>,
    ) -> Result<Cohort, AssessmentError> {
        let mut cohort = Cohort::new(name);
        for a in assessments {
            cohort.insert_assessment(a)?;
        }
        Ok(cohort)
    }

    /// Adds an assessment: its scores and the observations of its canonical metrics.
    ///
    /// When the cohort already has a record of the same council (the published record, say),
    /// the two **combine** ([`ScoreRecord::combine`]): each score from the assessment where it
    /// has one, else the record's, so a partial set of pages never replaces a fuller record by
    /// fewer scores; a warning for each value the assessment changes (both kept in it). Its
    /// observations replace the council's earlier ones of the same measure and period; others
    /// are kept.
    ///
    /// # Errors
    /// [`AssessmentError::Unnamed`] when the assessment names no council (its pages print no
    /// name and none was given with
    /// [`Pages::for_authority`](crate::assessment::Pages::for_authority)); nothing is added.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::{Assessment, Cohort};
    /// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/reports/northmere.txt");
    /// let northmere = Assessment::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
    /// let mut cohort = Cohort::published();
    /// let inserted = cohort.insert_assessment(&northmere).unwrap();
    /// assert!(inserted.previous.is_none());
    /// assert_eq!(cohort.len(), 73);
    /// let chart = cohort.metric_tables().spine_chart("Northmere County Council").unwrap();
    /// assert!(chart.to_svg().starts_with("<svg"));
    /// ```
    pub fn insert_assessment(
        &mut self,
        assessment: &Assessment,
    ) -> Result<Inserted, AssessmentError> {
        let record = ScoreRecord::try_from(assessment)?;
        let observations = MetricObservation::from_assessment(assessment)?;
        let keys: std::collections::HashSet<(
            &str,
            Option<crate::Period>,
            Option<crate::metrics::Unit>,
        )> = observations
            .iter()
            .map(|o| (o.measure.as_str(), o.period, o.unit))
            .collect();
        self.metrics.retain(|o| {
            !(o.is_for(&record) && keys.contains(&(o.measure.as_str(), o.period, o.unit)))
        });
        self.metrics.extend(observations);
        let source = assessment
            .pages()
            .iter()
            .map(|p| p.source.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let at = self.members.iter().position(|m| m.same_authority(&record));
        Ok(match at {
            Some(i) => {
                let previous = self.members[i].clone();
                let (combined, warnings) = previous.combine(&record, (&self.name, &source));
                self.members[i] = combined.clone();
                Inserted {
                    previous: Some(previous),
                    record: combined,
                    warnings,
                }
            }
            None => {
                self.members.push(record.clone());
                Inserted {
                    previous: None,
                    record,
                    warnings: Vec::new(),
                }
            }
        })
    }

    /// The embedded cohort: the 72 local authority assessments CQC had published by early
    /// October 2025, compiled from CQC's published report summary pages (via a public league
    /// table, checked against CQC pages and press releases). Columns: authority, published
    /// rating, month of publication, nine scores. One score is unknown (Warrington's care
    /// provision score, on which public sources disagree) and stays missing.
    ///
    /// To use a newer snapshot, load a CSV of the same shape with [`Cohort::from_csv_path`] or
    /// [`Cohort::from_csv_reader`].
    ///
    /// # Examples
    /// ```
    /// use cqc_la::{Cohort, QualityStatement};
    /// let cohort = Cohort::published();
    /// let warrington = cohort.get("Warrington").unwrap();
    /// assert_eq!(warrington.score(QualityStatement::CareProvisionIntegrationAndContinuity), None);
    /// ```
    pub fn published() -> Cohort {
        Cohort {
            name: format!("Published assessments ({})", Cohort::PUBLISHED_AS_OF),
            members: PUBLISHED.clone(),
            metrics: Vec::new(),
        }
    }

    /// Loads a scores CSV of the published-scores shape from a reader (see
    /// [`Cohort::published`] for the columns; the nine score columns may also be named by
    /// [`QualityStatement::id`](crate::QualityStatement::id)). Blank cells stay unknown; cells
    /// are trimmed of surrounding spaces. A score is one digit from 1 to 4 (`+3`, `03` and
    /// `3.0` are refused); a month is `YYYY-MM`, with a month from 01 to 12, in a year from
    /// 0001 on. When two rows name the same council (after resolution, so "Camden", "London
    /// Borough of Camden" and "E09000007" are one), the later row replaces the earlier. The
    /// input is bounded by the [`CsvLimit`]s.
    ///
    /// This drops the warnings (duplicate councils, ratings the scores contradict): use
    /// [`Cohort::from_csv_reader_with_warnings`] to see them.
    ///
    /// # Errors
    /// [`CsvError`] with the line number for a missing column, a cell that is not a score from
    /// 1 to 4, a rating or a `YYYY-MM` month, input over a [`CsvLimit`], or malformed CSV.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Cohort;
    /// let csv = "authority,overall_rating,published,assessing_needs,healthier_lives,equity,\
    /// care_provision,partnerships,safe_pathways,safeguarding,governance,learning\n\
    /// Camden,Outstanding,2025-02,3,3,4,3,4,4,3,4,4\n\
    /// Islington,Good,2025-06,2,3,3,3,3,3,3,3,7\n";
    /// let err = Cohort::from_csv_reader("mine", csv.as_bytes()).unwrap_err();
    /// assert_eq!(err.to_string(), "line 3: expected a score from 1 to 4 in column 'learning', found '7'");
    /// ```
    pub fn from_csv_reader(name: impl Into<String>, reader: impl Read) -> Result<Cohort, CsvError> {
        Cohort::from_csv_reader_with_warnings(name, reader).map(|(cohort, _)| cohort)
    }

    /// Loads a scores CSV from a file; the cohort is named after the file.
    ///
    /// # Errors
    /// As [`Cohort::from_csv_reader`], plus [`CsvError::Io`] when the file cannot be read.
    pub fn from_csv_path(path: impl AsRef<Path>) -> Result<Cohort, CsvError> {
        Cohort::from_csv_path_with_warnings(path).map(|(cohort, _)| cohort)
    }

    /// [`Cohort::from_csv_reader`], with the warnings, in line order: each row naming a council
    /// an earlier row named ([`LoadWarningKind::DuplicateAuthority`], naming both lines) and
    /// each published rating the scores contradict ([`LoadWarningKind::RatingMismatch`]).
    ///
    /// # Errors
    /// As [`Cohort::from_csv_reader`].
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Cohort;
    /// let csv = "authority,overall_rating,published,assessing_needs,healthier_lives,equity,\
    /// care_provision,partnerships,safe_pathways,safeguarding,governance,learning\n\
    /// Camden,Good,2025-02,2,2,2,2,2,2,2,2,2\n";
    /// let (_, warnings) = Cohort::from_csv_reader_with_warnings("mine", csv.as_bytes()).unwrap();
    /// assert_eq!(
    ///     warnings[0].to_string(),
    ///     "line 2: the rating 'Good' does not match the scores (18/36 = 50.0%, Requires improvement); kept as published"
    /// );
    /// ```
    pub fn from_csv_reader_with_warnings(
        name: impl Into<String>,
        reader: impl Read,
    ) -> Result<(Cohort, Vec<LoadWarning>), CsvError> {
        let (records, warnings) = csv::read_scores(reader, "<reader>")?;
        Ok((Cohort::from_records(name, records), warnings))
    }

    /// [`Cohort::from_csv_path`], with the warnings (see
    /// [`Cohort::from_csv_reader_with_warnings`]).
    ///
    /// # Errors
    /// As [`Cohort::from_csv_path`].
    pub fn from_csv_path_with_warnings(
        path: impl AsRef<Path>,
    ) -> Result<(Cohort, Vec<LoadWarning>), CsvError> {
        let path = path.as_ref();
        let file = csv::open(path)?;
        let source = path.display().to_string();
        let (records, warnings) = csv::read_scores(file, &source)?;
        Ok((Cohort::from_records(source, records), warnings))
    }

    /// Adds a record, replacing (and returning) an earlier record of the same authority. To
    /// add pages of a council to its record without losing the scores they lack, use
    /// [`Cohort::insert_assessment`] (or [`ScoreRecord::combine`]), which combines them.
    pub fn insert(&mut self, record: ScoreRecord) -> Option<ScoreRecord> {
        if let Some(existing) = self.members.iter_mut().find(|m| m.same_authority(&record)) {
            return Some(std::mem::replace(existing, record));
        }
        self.members.push(record);
        None
    }

    /// Adds a record, builder style (see [`Cohort::insert`]).
    #[must_use]
    pub fn with(mut self, record: ScoreRecord) -> Cohort {
        self.insert(record);
        self
    }

    /// Adds metric observations.
    pub fn add_metrics(&mut self, observations: impl IntoIterator<Item = MetricObservation>) {
        self.metrics.extend(observations);
    }

    /// How many members.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The member a name resolves to (any name [`Authority::resolve`](crate::Authority::resolve)
    /// accepts), or an unresolved member with exactly this name (ignoring case).
    pub fn get(&self, name: &str) -> Option<&ScoreRecord> {
        match crate::identity::Authority::lookup(name) {
            Some(authority) => self.members.iter().find(|m| {
                m.authority
                    .is_some_and(|a| a.ons_code == authority.ons_code)
            }),
            None => self
                .members
                .iter()
                .find(|m| m.name.trim().eq_ignore_ascii_case(name.trim())),
        }
    }

    /// The members that belong to a group, as a new cohort named after the group (metrics of
    /// those members are kept).
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Cohort;
    /// use cqc_la::authority::Region;
    /// use cqc_la::cohort::Group;
    /// let london = Cohort::published().subset(&Group::region(Region::London));
    /// assert!(london.members.iter().all(|m| m.authority.unwrap().region == Region::London));
    /// ```
    #[must_use]
    pub fn subset(&self, group: &Group) -> Cohort {
        let members: Vec<ScoreRecord> = self
            .members
            .iter()
            .filter(|m| group.contains(m))
            .cloned()
            .collect();
        let keys: std::collections::HashSet<String> =
            members.iter().map(ScoreRecord::key).collect();
        let metrics = self
            .metrics
            .iter()
            .filter(|o| keys.contains(&o.authority_key()))
            .cloned()
            .collect();
        Cohort {
            name: group.name.clone(),
            members,
            metrics,
        }
    }
}

impl fmt::Display for Cohort {
    /// The cohort's name and members, one per line, with their scores.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} ({} authorities)", self.name, self.members.len())?;
        let width = self
            .members
            .iter()
            .map(|m| m.display_name().chars().count())
            .max()
            .unwrap_or(0);
        for m in &self.members {
            writeln!(
                f,
                "{:<width$}  {:<9}  {:<20}  {:<7}  {}  {}",
                m.display_name(),
                m.ons_code().unwrap_or("-"),
                m.rating.map_or("-", crate::Rating::title),
                m.published
                    .map_or_else(|| "-".to_owned(), |p| p.to_string()),
                record::score_string(&m.scores),
                m.overall(),
            )?;
        }
        Ok(())
    }
}

/// The row of the authority `name` resolves to (by ONS code), or else of an unresolved row
/// with that name (ignoring case). `key` gives a row's ONS code and name.
pub(crate) fn row_named<'a, T>(
    rows: &'a [T],
    name: &str,
    key: impl Fn(&T) -> (Option<&str>, &str),
) -> Option<&'a T> {
    match crate::identity::Authority::lookup(name) {
        Some(a) => rows.iter().find(|r| key(r).0 == Some(a.ons_code.as_str())),
        None => rows
            .iter()
            .find(|r| key(r).1.eq_ignore_ascii_case(name.trim())),
    }
}
