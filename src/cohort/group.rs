//! Groups of authorities (region, council type, named lists) and results per group.
//!
//! A result is always shown for one thing (an authority, or the members of a *shown* group)
//! against a *reference* group that feeds the averages; the two are kept apart, so that, say,
//! the London boroughs can be shown against all published assessments, or one council against
//! its region.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt;
use std::io::Read;
use std::path::Path;

use super::Cohort;
use super::csv::{CsvError, CsvTable, LoadWarning, LoadWarningKind, open};
use super::rank::{Standing, Summary};
use super::record::{ScoreRecord, Subject};
use crate::assessment::Coverage;
use crate::identity::{Authority, AuthorityKind, Region, UnknownAuthority};
use crate::model::{QualityStatement, Score};

/// Who belongs to a [`Group`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum GroupMembers {
    /// Every member of the cohort.
    All,
    /// Authorities in one region.
    Region(Region),
    /// Authorities of one kind.
    Kind(AuthorityKind),
    /// A named list, as ONS codes.
    Listed(Vec<String>),
}

/// A named group of authorities: a region, a council type, or a list loaded from CSV or built
/// in code. Members whose name does not resolve to a council belong only to [`Group::all`].
///
/// # Examples
/// ```
/// use cqc_la::Cohort;
/// use cqc_la::cohort::Group;
/// let peers = Group::named("My peers", ["Camden", "Islington Council", "Westminster"]).unwrap();
/// let cohort = Cohort::published();
/// let camden = cohort.get("Camden").unwrap();
/// assert!(peers.contains(camden));
/// assert_eq!(cohort.subset(&peers).len(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Group {
    /// The group's name, e.g. `"London"`.
    pub name: String,
    /// Who belongs.
    pub members: GroupMembers,
}

impl Group {
    /// Every member of a cohort, named `"All"`.
    pub fn all() -> Group {
        Group {
            name: "All".to_owned(),
            members: GroupMembers::All,
        }
    }

    /// The authorities of one region, named after it.
    pub fn region(region: Region) -> Group {
        Group {
            name: region.title().to_owned(),
            members: GroupMembers::Region(region),
        }
    }

    /// The authorities of one kind, named after it.
    pub fn kind(kind: AuthorityKind) -> Group {
        Group {
            name: kind.title().to_owned(),
            members: GroupMembers::Kind(kind),
        }
    }

    /// The nine regions.
    pub fn regions() -> Vec<Group> {
        Region::ALL.into_iter().map(Group::region).collect()
    }

    /// The four kinds.
    pub fn kinds() -> Vec<Group> {
        AuthorityKind::ALL.into_iter().map(Group::kind).collect()
    }

    /// A named list of authorities, each resolved with [`Authority::resolve`].
    ///
    /// # Errors
    /// [`UnknownAuthority`] for the first name that resolves to no council.
    pub fn named<S: AsRef<str>>(
        name: impl Into<String>,
        authorities: impl IntoIterator<Item = S>,
    ) -> Result<Group, UnknownAuthority> {
        let mut codes = Vec::new();
        for a in authorities {
            let code = Authority::resolve(a.as_ref())?.ons_code.clone();
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        Ok(Group {
            name: name.into(),
            members: GroupMembers::Listed(codes),
        })
    }

    /// Loads named groups from CSV with the columns `group,authority` (one row per member, any
    /// order); groups come back in order of first appearance, each member once. Linear in the
    /// number of rows, however many groups; the input is bounded by the
    /// [`CsvLimit`](crate::cohort::CsvLimit)s. A council listed twice in one group is listed once: see
    /// [`Group::load_csv_with_warnings`] for the warning.
    ///
    /// # Errors
    /// [`CsvError`] for a missing column, malformed CSV, input over a
    /// [`CsvLimit`](crate::cohort::CsvLimit), or (as [`CsvError::InvalidValue`], with the line) an
    /// authority name that resolves to no council.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::cohort::Group;
    /// let csv = "group,authority\nNorth London,Camden\nNorth London,Islington Council\n";
    /// let groups = Group::load_csv(csv.as_bytes()).unwrap();
    /// assert_eq!(groups[0].name, "North London");
    /// let bad = Group::load_csv("group,authority\nX,Atlantis\n".as_bytes()).unwrap_err();
    /// assert_eq!(bad.to_string(), "line 2: expected a council name in column 'authority', found 'Atlantis'");
    /// ```
    pub fn load_csv(reader: impl Read) -> Result<Vec<Group>, CsvError> {
        read_groups(reader, "<reader>").map(|(groups, _)| groups)
    }

    /// Loads named groups from a CSV file (see [`Group::load_csv`]).
    ///
    /// # Errors
    /// As [`Group::load_csv`], plus [`CsvError::Io`] when the file cannot be read.
    pub fn load_csv_path(path: impl AsRef<Path>) -> Result<Vec<Group>, CsvError> {
        Group::load_csv_path_with_warnings(path).map(|(groups, _)| groups)
    }

    /// [`Group::load_csv`], with the warnings: a council listed twice in one group
    /// ([`LoadWarningKind::DuplicateMember`], naming both lines).
    ///
    /// # Errors
    /// As [`Group::load_csv`].
    ///
    /// # Examples
    /// ```
    /// use cqc_la::cohort::Group;
    /// let csv = "group,authority\nNorth,Camden\nNorth,London Borough of Camden\n";
    /// let (groups, warnings) = Group::load_csv_with_warnings(csv.as_bytes()).unwrap();
    /// assert_eq!(groups.len(), 1);
    /// assert_eq!(warnings[0].to_string(), "line 3: Camden is already in group 'North' on line 2; listed once");
    /// ```
    pub fn load_csv_with_warnings(
        reader: impl Read,
    ) -> Result<(Vec<Group>, Vec<LoadWarning>), CsvError> {
        read_groups(reader, "<reader>")
    }

    /// [`Group::load_csv_path`], with the warnings (see [`Group::load_csv_with_warnings`]).
    ///
    /// # Errors
    /// As [`Group::load_csv_path`].
    pub fn load_csv_path_with_warnings(
        path: impl AsRef<Path>,
    ) -> Result<(Vec<Group>, Vec<LoadWarning>), CsvError> {
        let path = path.as_ref();
        read_groups(open(path)?, &path.display().to_string())
    }

    /// Whether a record belongs to this group.
    pub fn contains(&self, record: &ScoreRecord) -> bool {
        self.contains_council(record.authority)
    }

    /// Whether the council with this ONS code belongs (`None`, an unresolved name, belongs only
    /// to [`Group::all`]).
    pub(crate) fn contains_code(&self, ons_code: Option<&str>) -> bool {
        match &self.members {
            GroupMembers::All => true,
            _ => self.contains_council(ons_code.and_then(Authority::by_ons_code)),
        }
    }

    fn contains_council(&self, council: Option<&Authority>) -> bool {
        match &self.members {
            GroupMembers::All => true,
            GroupMembers::Region(r) => council.is_some_and(|a| a.region == *r),
            GroupMembers::Kind(k) => council.is_some_and(|a| a.kind == *k),
            GroupMembers::Listed(codes) => council.is_some_and(|a| codes.contains(&a.ons_code)),
        }
    }
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

fn read_groups(
    reader: impl Read,
    source: &str,
) -> Result<(Vec<Group>, Vec<LoadWarning>), CsvError> {
    let mut table = CsvTable::open(reader, source)?;
    let (group_column, authority_column) = (table.required("group")?, table.required("authority")?);
    let mut groups: Vec<Group> = Vec::new();
    // Group name to its index in `groups`; (group index, member ONS code) to the line that
    // listed the member first; each distinct authority cell resolved once.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut listed: HashMap<(usize, &'static str), u64> = HashMap::new();
    let mut resolved: HashMap<String, &'static Authority> = HashMap::new();
    let mut warnings = Vec::new();
    for row in table.rows() {
        let (line, row) = row?;
        let name = row.get(group_column).unwrap_or("");
        let authority = row.get(authority_column).unwrap_or("");
        if name.is_empty() {
            return Err(CsvError::InvalidValue {
                line,
                column: "group".to_owned(),
                expected: "a group name",
                found: String::new(),
            });
        }
        let council = match resolved.get(authority) {
            Some(&council) => council,
            None => {
                let council =
                    Authority::resolve(authority).map_err(|_| CsvError::InvalidValue {
                        line,
                        column: "authority".to_owned(),
                        expected: "a council name",
                        found: authority.to_owned(),
                    })?;
                resolved.insert(authority.to_owned(), council);
                council
            }
        };
        let at = if let Some(&at) = index.get(name) {
            at
        } else {
            groups.push(Group {
                name: name.to_owned(),
                members: GroupMembers::Listed(Vec::new()),
            });
            index.insert(name.to_owned(), groups.len() - 1);
            groups.len() - 1
        };
        match listed.entry((at, council.ons_code.as_str())) {
            Entry::Occupied(first) => warnings.push(LoadWarning {
                line,
                column: None,
                kind: LoadWarningKind::DuplicateMember {
                    group: name.to_owned(),
                    authority: council.name.clone(),
                    first_line: *first.get(),
                },
            }),
            Entry::Vacant(slot) => {
                slot.insert(line);
                if let GroupMembers::Listed(codes) = &mut groups[at].members {
                    codes.push(council.ons_code.clone());
                }
            }
        }
    }
    Ok((groups, warnings))
}

/// Means and medians of one group: the overall percentage and each statement's score.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GroupSummary {
    /// The group's name.
    pub group: String,
    /// How many cohort members belong.
    pub count: usize,
    /// Summary of the overall percentages of the members covering all nine statements.
    pub percent: Option<Summary>,
    /// How many members have a partial percentage (some scores unknown): left out of
    /// `percent`, never pooled with complete ones.
    pub partial: usize,
    /// Summary of each statement's known scores, in framework order.
    pub statements: Vec<(QualityStatement, Option<Summary>)>,
}

/// Summaries of several groups of one cohort.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GroupTable {
    /// The cohort's name.
    pub cohort: String,
    /// One summary per group, in the order asked.
    pub groups: Vec<GroupSummary>,
}

/// One statement of an authority against a group.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StatementVsGroup {
    /// The statement.
    pub statement: QualityStatement,
    /// The authority's score.
    pub score: Option<Score>,
    /// The group's mean score (the authority itself excluded).
    pub group_mean: Option<f64>,
    /// The group's median score (the authority itself excluded).
    pub group_median: Option<f64>,
    /// Where the authority's score would stand among the group's scores.
    pub standing: Option<Standing>,
}

/// One authority against a reference group.
///
/// The overall percentage is compared on the statements the authority covers (`basis`): all
/// nine for a complete record, against the group members covering all nine; for a partial
/// record (a single page, a record with a score unknown), on its own statements, against each
/// group member's percentage over those same statements. Members that do not cover the basis
/// are left out (`left_out`), never compared on other statements.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MemberVsGroup {
    /// The authority's name.
    pub name: String,
    /// The reference group's name.
    pub group: String,
    /// The statements the percentage is compared on: the ones the authority covers.
    pub basis: Coverage,
    /// How many other members of the reference group cover `basis` (and are compared).
    pub group_count: usize,
    /// How many other members of the reference group do not cover `basis` (left out).
    pub left_out: usize,
    /// The authority's derived percentage over `basis`.
    pub percent: Option<f64>,
    /// The group's mean percentage over `basis` (the authority itself excluded).
    pub group_mean: Option<f64>,
    /// The group's median percentage over `basis` (the authority itself excluded).
    pub group_median: Option<f64>,
    /// Where the authority's percentage would stand in the group (itself counted once).
    pub standing: Option<Standing>,
    /// The nine statements.
    pub statements: Vec<StatementVsGroup>,
}

/// The members of a shown group, each against a reference group.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GroupComparison {
    /// The group whose members are shown.
    pub shown: String,
    /// The group that feeds the averages.
    pub reference: GroupSummary,
    /// One row per member of the shown group, in cohort order.
    pub rows: Vec<MemberVsGroup>,
}

/// A reference group prepared once: its members' values per statement, sorted, so that
/// placing one authority on a statement costs `O(n)` and no sort; percentages are prepared per
/// basis of statements when first asked for.
struct Reference<'a> {
    /// Member keys and their index in `members`.
    index: HashMap<String, usize>,
    members: Vec<&'a ScoreRecord>,
    /// Per statement: the known scores, ascending.
    sorted: Vec<Vec<f64>>,
    /// Per basis: the percentages over it of the members covering it, ascending.
    percents: HashMap<Coverage, Vec<f64>>,
}

impl<'a> Reference<'a> {
    fn new(cohort: &'a Cohort, group: &Group) -> Reference<'a> {
        let members: Vec<&ScoreRecord> = cohort
            .members
            .iter()
            .filter(|m| group.contains(m))
            .collect();
        let index = members
            .iter()
            .enumerate()
            .map(|(i, m)| (m.key(), i))
            .collect();
        let sorted = QualityStatement::ALL
            .iter()
            .map(|&qs| {
                let mut values: Vec<f64> = members
                    .iter()
                    .filter_map(|m| m.value(Subject::Statement(qs)))
                    .collect();
                values.sort_by(f64::total_cmp);
                values
            })
            .collect();
        Reference {
            index,
            members,
            sorted,
            percents: HashMap::new(),
        }
    }

    /// The members' percentages over `basis`, ascending (computed once per basis).
    fn percents(&mut self, basis: Coverage) -> &[f64] {
        let members = &self.members;
        self.percents.entry(basis).or_insert_with(|| {
            let mut values: Vec<f64> = members
                .iter()
                .filter_map(|m| m.value_on(Subject::Overall, basis))
                .collect();
            values.sort_by(f64::total_cmp);
            values
        })
    }

    /// The target's own record in the group, if it is a member.
    fn own(&self, target: &ScoreRecord) -> Option<&'a ScoreRecord> {
        self.index.get(&target.key()).map(|&i| self.members[i])
    }
}

/// The group's values (the target's own member record's value removed), their summary and
/// where `own` stands among them.
fn place(
    all: &[f64],
    own_member: Option<f64>,
    own: Option<f64>,
) -> (usize, Option<Summary>, Option<Standing>) {
    let others: Cow<'_, [f64]> = match own_member {
        Some(v) => {
            let mut values = all.to_vec();
            if let Ok(at) = values.binary_search_by(|x| x.total_cmp(&v)) {
                values.remove(at);
            }
            Cow::Owned(values)
        }
        None => Cow::Borrowed(all),
    };
    let summary = Summary::of_sorted(&others);
    let standing = own.map(|own| {
        let worse = others.partition_point(|x| x.total_cmp(&own).is_lt());
        let not_better = others.partition_point(|x| x.total_cmp(&own).is_le());
        Standing::place(others.len() - not_better, not_better - worse + 1, worse)
    });
    (others.len(), summary, standing)
}

impl Cohort {
    /// Means and medians of the members that belong to a group (percentages of the members
    /// covering all nine statements; see [`GroupSummary::partial`]).
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Cohort;
    /// use cqc_la::authority::Region;
    /// use cqc_la::cohort::Group;
    /// let london = Cohort::published().group_summary(&Group::region(Region::London));
    /// assert_eq!(london.count, 17);
    /// ```
    pub fn group_summary(&self, group: &Group) -> GroupSummary {
        let members: Vec<&ScoreRecord> =
            self.members.iter().filter(|m| group.contains(m)).collect();
        GroupSummary {
            group: group.name.clone(),
            count: members.len(),
            percent: Summary::of(
                members
                    .iter()
                    .filter(|m| m.is_complete())
                    .filter_map(|m| m.value(Subject::Overall)),
            ),
            partial: members.iter().filter(|m| m.is_partial()).count(),
            statements: QualityStatement::ALL
                .iter()
                .map(|&qs| {
                    (
                        qs,
                        Summary::of(
                            members
                                .iter()
                                .filter_map(|m| m.value(Subject::Statement(qs))),
                        ),
                    )
                })
                .collect(),
        }
    }

    /// Summaries of several groups, e.g. `Group::regions()`.
    pub fn group_table(&self, groups: &[Group]) -> GroupTable {
        GroupTable {
            cohort: self.name.clone(),
            groups: groups.iter().map(|g| self.group_summary(g)).collect(),
        }
    }

    /// One authority (a member or not) against the other members of a reference group: its
    /// percentage and scores beside the group's means and medians, and where it would stand
    /// in the group. The authority itself never feeds the group's averages. The percentage is
    /// compared on the statements the authority covers (see [`MemberVsGroup`]).
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Cohort;
    /// use cqc_la::authority::Region;
    /// use cqc_la::cohort::Group;
    /// let cohort = Cohort::published();
    /// let camden = cohort.get("Camden").unwrap();
    /// let vs = cohort.against_group(camden, &Group::region(Region::London));
    /// assert_eq!(vs.group_count, 16);
    /// assert_eq!(vs.standing.unwrap().rank, 1);
    /// ```
    pub fn against_group(&self, target: &ScoreRecord, group: &Group) -> MemberVsGroup {
        against(&mut Reference::new(self, group), target, group)
    }

    /// Each member of the `shown` group against the `reference` group (which feeds the
    /// averages).
    pub fn compare_groups(&self, shown: &Group, reference: &Group) -> GroupComparison {
        let mut prepared = Reference::new(self, reference);
        GroupComparison {
            shown: shown.name.clone(),
            reference: self.group_summary(reference),
            rows: self
                .members
                .iter()
                .filter(|m| shown.contains(m))
                .map(|m| against(&mut prepared, m, reference))
                .collect(),
        }
    }
}

fn against(reference: &mut Reference<'_>, target: &ScoreRecord, group: &Group) -> MemberVsGroup {
    let basis = target.coverage();
    let own_member = reference.own(target);
    let own_percent = target.value_on(Subject::Overall, basis);
    let members = reference.members.len() - usize::from(own_member.is_some());
    let (group_count, summary, standing) = if basis.is_empty() {
        (0, None, None)
    } else {
        let member_value = own_member.and_then(|m| m.value_on(Subject::Overall, basis));
        place(reference.percents(basis), member_value, own_percent)
    };
    MemberVsGroup {
        name: target.display_name().to_owned(),
        group: group.name.clone(),
        basis,
        group_count,
        left_out: members.saturating_sub(group_count),
        percent: own_percent,
        group_mean: summary.map(|s| s.mean),
        group_median: summary.map(|s| s.median),
        standing,
        statements: QualityStatement::ALL
            .iter()
            .map(|&qs| {
                let subject = Subject::Statement(qs);
                let (_, summary, standing) = place(
                    &reference.sorted[qs.index()],
                    own_member.and_then(|m| m.value(subject)),
                    target.value(subject),
                );
                StatementVsGroup {
                    statement: qs,
                    score: target.score(qs),
                    group_mean: summary.map(|s| s.mean),
                    group_median: summary.map(|s| s.median),
                    standing,
                }
            })
            .collect(),
    }
}

fn opt(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.decimals$}"))
}

fn signed(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:+.decimals$}"))
}

impl fmt::Display for GroupSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        GroupTable {
            cohort: String::new(),
            groups: vec![self.clone()],
        }
        .fmt(f)
    }
}

impl fmt::Display for GroupTable {
    /// One line per group: count, mean and median percentage, mean score per statement.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.cohort.is_empty() {
            writeln!(f, "Groups of {}", self.cohort)?;
        }
        let width = self
            .groups
            .iter()
            .map(|g| g.group.chars().count())
            .max()
            .unwrap_or(0)
            .max(5);
        write!(
            f,
            "{:<width$}  {:>3}  {:>7}  {:>6}  {:>6}",
            "Group", "n", "partial", "mean %", "med %"
        )?;
        for a in super::league::ABBREVIATIONS {
            write!(f, "  {a:>4}")?;
        }
        writeln!(f)?;
        for g in &self.groups {
            write!(
                f,
                "{:<width$}  {:>3}  {:>7}  {:>6}  {:>6}",
                g.group,
                g.count,
                g.partial,
                opt(g.percent.map(|s| s.mean), 1),
                opt(g.percent.map(|s| s.median), 1)
            )?;
            for (_, s) in &g.statements {
                write!(f, "  {:>4}", opt(s.map(|s| s.mean), 2))?;
            }
            writeln!(f)?;
        }
        writeln!(
            f,
            "mean %, med %: of the members covering all nine statements (partial: members with a score unknown, left out)"
        )?;
        writeln!(
            f,
            "Statement columns: mean score; {}",
            super::league::legend()
        )
    }
}

impl fmt::Display for MemberVsGroup {
    /// The authority's percentage and scores beside the group's means and medians.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let on = if self.basis.is_complete() {
            "on all nine statements".to_owned()
        } else {
            format!("partial, on the {}", self.basis)
        };
        writeln!(
            f,
            "{} against {} ({} others, {on}): {}% vs mean {}% ({}), median {}%; {}",
            self.name,
            self.group,
            self.group_count,
            opt(self.percent, 1),
            opt(self.group_mean, 1),
            signed(self.percent.zip(self.group_mean).map(|(a, b)| a - b), 1),
            opt(self.group_median, 1),
            self.standing
                .map_or_else(|| "not ranked".to_owned(), |s| s.to_string()),
        )?;
        if self.left_out > 0 {
            writeln!(
                f,
                "  ({} other member{} of {} left out: not scored on all of these statements)",
                self.left_out,
                if self.left_out == 1 { "" } else { "s" },
                self.group
            )?;
        }
        let width = QualityStatement::ALL
            .iter()
            .map(|q| q.short_title().len())
            .max()
            .unwrap_or(0);
        writeln!(
            f,
            "  {:<width$}  {:>5}  {:>5}  {:>6}  {:>6}  Position",
            "Statement", "Score", "Mean", "vs", "Median"
        )?;
        for s in &self.statements {
            let score = s.score.map(|s| f64::from(s.get()));
            writeln!(
                f,
                "  {:<width$}  {:>5}  {:>5}  {:>6}  {:>6}  {}",
                s.statement.short_title(),
                opt(score, 0),
                opt(s.group_mean, 2),
                signed(score.zip(s.group_mean).map(|(a, b)| a - b), 2),
                opt(s.group_median, 1),
                s.standing.map_or_else(|| "-".to_owned(), |s| s.to_string()),
            )?;
        }
        Ok(())
    }
}

impl fmt::Display for GroupComparison {
    /// One line per member of the shown group.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} against {} (n={}, mean {}%, median {}% of the {} covering all nine statements)",
            self.shown,
            self.reference.group,
            self.reference.count,
            opt(self.reference.percent.map(|s| s.mean), 1),
            opt(self.reference.percent.map(|s| s.median), 1),
            self.reference.percent.map_or(0, |s| s.count),
        )?;
        let width = self
            .rows
            .iter()
            .map(|r| r.name.chars().count())
            .max()
            .unwrap_or(0)
            .max(9);
        writeln!(
            f,
            "{:<width$}  {:>7}  {:>7}  {:>7}  Position in {}",
            "Authority", "%", "vs mean", "vs med", self.reference.group
        )?;
        for r in &self.rows {
            let mark = if r.basis.is_partial() { "*" } else { "" };
            writeln!(
                f,
                "{:<width$}  {:>7}  {:>7}  {:>7}  {}",
                r.name,
                format!("{}{mark}", opt(r.percent, 1)),
                signed(r.percent.zip(r.group_mean).map(|(a, b)| a - b), 1),
                signed(r.percent.zip(r.group_median).map(|(a, b)| a - b), 1),
                r.standing.map_or_else(|| "-".to_owned(), |s| s.to_string()),
            )?;
        }
        if self.rows.iter().any(|r| r.basis.is_partial()) {
            writeln!(
                f,
                "* partial: over the statements the authority covers, against the members covering them"
            )?;
        }
        Ok(())
    }
}
