//! Assembling one council's assessment from pages: who each page is about, which page holds
//! each statement, and what two pages disagree on.

use std::collections::HashMap;
use std::fmt;

use super::{Assessment, Page};
use crate::error::ParseError;
use crate::identity::Authority;
use crate::model::{
    Date, Location, Metric, Origin, Part, QualityStatement, Rating, Report, ReportKind, Score,
};
use crate::parse::ReportParser;
use crate::text::Locations;

/// The pages of one council's assessment, before they are assembled: any mix of the summary
/// page, the main report page and section pages (or a whole report), in any order, with or
/// without the council's name on each. Built with [`Assessment::from_pages`] or
/// [`Pages::new`]; turned into an [`Assessment`] by [`Pages::assemble`] (one council, or an
/// error) or into one assessment per council by [`Pages::by_authority`].
///
/// Who a page is about: the name its text prints ([`Report::authority`]). Two names are the
/// same council when both resolve to the same ONS code ([`Authority::resolve`]: "Staffordshire
/// County Council" and "Staffordshire" are one), or, for names that resolve to no council,
/// when they are equal ignoring case and spacing. A page without a name joins:
///
/// - the council [`Pages::for_authority`] names (the caller says whose it is), or else
/// - the pages it *fits*: they name one council (or, in [`Pages::assemble`], none), none of
///   them has a section for a statement the page scores, and a score list among them that
///   lists the statement gives it the page's score.
///
/// # Examples
/// ```
/// use cqc_la::{Assessment, QualityStatement, Report};
/// let summary = Report::parse("Northmere County Council: local authority assessment\n\
///     Overall summary\nLocal authority rating and score\nNorthmere County Council\nGood\n\
///     Quality statement scores\nAssessing needs\nScore: 3\nSafeguarding\nScore: 2\n")?;
/// let page = Report::parse("Safeguarding\nScore: 2\n2 - Evidence shows some shortfalls\n\
///     Key findings for this quality statement\nEnquiries were completed on time.\n")?;
/// let northmere = Assessment::from_pages([("summary.txt", summary), ("safeguarding.txt", page)])
///     .assemble()
///     .unwrap();
/// assert_eq!(northmere.authority(), Some("Northmere County Council"));
/// assert_eq!(northmere.pages().len(), 2);
/// assert_eq!(northmere.page_of(QualityStatement::Safeguarding).unwrap().source, "safeguarding.txt");
/// assert_eq!(northmere.coverage().count(), 2);
/// assert!(northmere.warnings().is_empty());
/// # Ok::<(), cqc_la::ParseError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Pages {
    pages: Vec<Pending>,
    authority: Option<String>,
}

/// A page waiting to be assembled, its figures extracted, with its text when it is known (for
/// line numbers in warnings).
#[derive(Debug, Clone)]
pub(super) struct Pending {
    page: Page,
    text: Option<String>,
}

impl Pending {
    /// A page without its text.
    pub(super) fn page(page: Page) -> Pending {
        Pending { page, text: None }
    }

    fn report(&self) -> &Report {
        &self.page.report
    }

    fn source(&self) -> &str {
        &self.page.source
    }
}

impl Pages {
    /// No pages yet.
    #[must_use]
    pub fn new() -> Pages {
        Pages::default()
    }

    /// Adds a parsed page, extracting its figures; `source` names it in warnings and errors (a
    /// file name).
    pub fn add(&mut self, source: impl Into<String>, report: Report) -> &mut Pages {
        self.pages.push(Pending::page(Page::new(source, report)));
        self
    }

    /// Adds a page already read ([`Page::parse`], which can run on many threads) with the text
    /// or HTML it was read from, if at hand: merge warnings then give line and column.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::ReportParser;
    /// use cqc_la::assessment::{Page, Pages};
    /// let parser = ReportParser::new();
    /// let a = "Northmere County Council: local authority assessment\nSafeguarding\nScore: 3\n";
    /// let b = "Northmere County Council: local authority assessment\nSafeguarding\nScore: 2\n";
    /// let mut pages = Pages::new();
    /// pages.add_page(Page::parse(&parser, "a.txt", a)?, Some(a.to_owned()));
    /// pages.add_page(Page::parse(&parser, "b.txt", b)?, Some(b.to_owned()));
    /// let northmere = pages.assemble().unwrap();
    /// assert_eq!(northmere.warnings()[0].to_string(),
    ///     "the score of Safeguarding: 3 in a.txt:3:1 but 2 in b.txt:3:1; both kept, 3 used");
    /// # Ok::<(), cqc_la::ParseError>(())
    /// ```
    pub fn add_page(&mut self, page: Page, text: Option<String>) -> &mut Pages {
        self.pages.push(Pending { page, text });
        self
    }

    /// Adds a parsed page, builder style (see [`Pages::add`]).
    #[must_use]
    pub fn with(mut self, source: impl Into<String>, report: Report) -> Pages {
        self.add(source, report);
        self
    }

    /// Parses a page's text (see [`Page::parse`]: a saved web page too, with the `html`
    /// feature) and adds it; the text is kept until the pages are assembled, so that merge
    /// warnings give line and column.
    ///
    /// # Errors
    /// The [`ParseError`] of a text that is not a report; nothing is added.
    pub fn parse(
        &mut self,
        source: impl Into<String>,
        text: &str,
    ) -> Result<&mut Pages, ParseError> {
        let page = Page::parse(&ReportParser::new(), source, text)?;
        Ok(self.add_page(page, Some(text.to_owned())))
    }

    /// Says whose pages these are: pages that print no name join this council, and a page that
    /// names another council is an error ([`Pages::assemble`]) or an assessment of its own
    /// ([`Pages::by_authority`]). Any name [`Authority::resolve`] accepts, or the name of a
    /// council it does not know (a fictional one).
    #[must_use]
    pub fn for_authority(mut self, name: impl Into<String>) -> Pages {
        self.authority = Some(name.into());
        self
    }

    /// How many pages.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// Whether there are no pages.
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// Assembles the pages into one council's assessment (each page's figures were extracted
    /// once, when it was added).
    ///
    /// # Errors
    /// - [`AssessmentError::NoPages`] when there are none;
    /// - [`AssessmentError::DifferentCouncils`] when two pages (or a page and the name given
    ///   with [`Pages::for_authority`]) name different councils: pages of different councils
    ///   are never merged; use [`Pages::by_authority`] to keep them apart;
    /// - [`AssessmentError::UnplacedPage`] when a page without a name does not fit (another
    ///   page already has a section for its statement, or lists another score for it) and no
    ///   name was given: it may be another council's page.
    pub fn assemble(self) -> Result<Assessment, AssessmentError> {
        if self.pages.is_empty() {
            return Err(AssessmentError::NoPages);
        }
        let given = self.authority.as_deref().map(Identity::of);
        let mut target: Option<(Identity, String, String)> = self
            .authority
            .as_ref()
            .zip(given)
            .map(|(name, id)| (id, name.clone(), GIVEN.to_owned()));
        let mut named = Vec::new();
        let mut unnamed = Vec::new();
        for (i, page) in self.pages.iter().enumerate() {
            let Some(name) = page_name(page.report()) else {
                unnamed.push(i);
                continue;
            };
            let id = Identity::of(name);
            match &target {
                Some((t, first_name, first_source)) if *t != id => {
                    return Err(AssessmentError::DifferentCouncils {
                        first: first_source.clone(),
                        first_name: first_name.clone(),
                        second: page.source().to_owned(),
                        second_name: name.to_owned(),
                    });
                }
                Some(_) => {}
                None => target = Some((id, name.to_owned(), page.source().to_owned())),
            }
            named.push(i);
        }
        let mut holdings = Holdings::default();
        for &i in &named {
            holdings.add(i, self.pages[i].report());
        }
        let mut members = named;
        for i in unnamed {
            if self.authority.is_none() {
                if let Some((statement, held_by)) = holdings.misfit(self.pages[i].report()) {
                    return Err(AssessmentError::UnplacedPage {
                        page: self.pages[i].source().to_owned(),
                        statement,
                        held_by: self.pages[held_by].source().to_owned(),
                    });
                }
            }
            holdings.add(i, self.pages[i].report());
            members.push(i);
        }
        members.sort_unstable();
        Ok(build(self.pages, &members, self.authority))
    }

    /// Assembles the pages into one assessment per council, never merging pages of different
    /// councils, in order of each council's first page. A page without a name joins the council
    /// [`Pages::for_authority`] names, else the one council whose pages it fits (see
    /// [`Pages`]); when it fits none or more than one, it is an assessment of its own, without
    /// a name. Each page's figures were extracted once, when it was added. Placing a page without a name checks
    /// each council named in constant time, so the work is the pages' parsing and extraction
    /// plus (pages without a name) x (councils named).
    ///
    /// # Examples
    /// ```
    /// use cqc_la::{Assessment, Report};
    /// let a = Report::parse("Alderley Council: local authority assessment\nSafeguarding\nScore: 3\n")?;
    /// let b = Report::parse("Bexwell Council: local authority assessment\nSafeguarding\nScore: 2\n")?;
    /// let apart = Assessment::from_pages([("a.txt", a), ("b.txt", b)]).by_authority();
    /// assert_eq!(apart.len(), 2);
    /// assert_eq!(apart[1].authority(), Some("Bexwell Council"));
    /// # Ok::<(), cqc_la::ParseError>(())
    /// ```
    pub fn by_authority(self) -> Vec<Assessment> {
        let given = self.authority.as_deref().map(Identity::of);
        let mut groups: Vec<Group> = Vec::new();
        let mut index: HashMap<Identity, usize> = HashMap::new();
        let mut unnamed = Vec::new();
        for (i, page) in self.pages.iter().enumerate() {
            let Some(name) = page_name(page.report()) else {
                unnamed.push(i);
                continue;
            };
            let at = Group::of(&mut groups, &mut index, Identity::of(name));
            groups[at].add(i, page.report());
        }
        // The councils named, before unnamed pages join: an unnamed page fits one of them or
        // stays alone, whatever order the unnamed pages come in.
        let named = groups.len();
        for i in unnamed {
            let report = self.pages[i].report();
            let home = match &given {
                Some(id) => Some(Group::of(&mut groups, &mut index, id.clone())),
                None => {
                    let mut fits = groups[..named]
                        .iter()
                        .enumerate()
                        .filter(|(_, g)| g.holdings.misfit(report).is_none())
                        .map(|(at, _)| at);
                    match (fits.next(), fits.next()) {
                        (Some(at), None) => Some(at),
                        _ => None,
                    }
                }
            };
            match home {
                Some(at) => groups[at].add(i, report),
                None => {
                    let mut alone = Group {
                        id: None,
                        members: Vec::new(),
                        holdings: Holdings::default(),
                    };
                    alone.add(i, report);
                    groups.push(alone);
                }
            }
        }
        // Move each page into its group's assessment, keeping the given order within a group.
        let mut slots: Vec<Option<Pending>> = self.pages.into_iter().map(Some).collect();
        groups
            .into_iter()
            .map(
                |Group {
                     id, mut members, ..
                 }| {
                    members.sort_unstable();
                    let pages: Vec<Pending> =
                        members.iter().filter_map(|&i| slots[i].take()).collect();
                    let all: Vec<usize> = (0..pages.len()).collect();
                    let name = match (&id, &given, &self.authority) {
                        (Some(id), Some(g), Some(name)) if id == g => Some(name.clone()),
                        _ => None,
                    };
                    build(pages, &all, name)
                },
            )
            .collect()
    }
}

/// The source label of the name given with [`Pages::for_authority`] in errors.
const GIVEN: &str = "the name given";

/// The page's council name, if it prints a non-blank one.
fn page_name(report: &Report) -> Option<&str> {
    report
        .authority
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
}

/// Who a name is: a council by ONS code, or a name no council has, normalised.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Identity {
    Council(&'static str),
    Name(String),
}

impl Identity {
    fn of(name: &str) -> Identity {
        match Authority::lookup(name) {
            Some(a) => Identity::Council(a.ons_code.as_str()),
            None => Identity::Name(
                name.split_whitespace()
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        }
    }
}

/// The pages of one council in [`Pages::by_authority`].
struct Group {
    id: Option<Identity>,
    members: Vec<usize>,
    holdings: Holdings,
}

impl Group {
    /// The index of the group of `id`, added when new.
    fn of(groups: &mut Vec<Group>, index: &mut HashMap<Identity, usize>, id: Identity) -> usize {
        *index.entry(id.clone()).or_insert_with(|| {
            groups.push(Group {
                id: Some(id),
                members: Vec::new(),
                holdings: Holdings::default(),
            });
            groups.len() - 1
        })
    }

    fn add(&mut self, page: usize, report: &Report) {
        self.members.push(page);
        self.holdings.add(page, report);
    }
}

/// What a set of pages says about each statement, to tell in constant time whether another
/// page fits them: the first page with a section for it, and the first page listing it with
/// each score.
#[derive(Default)]
struct Holdings {
    section: [Option<usize>; 9],
    listed: [[Option<usize>; 4]; 9],
}

impl Holdings {
    fn add(&mut self, page: usize, report: &Report) {
        for statement in &report.statements {
            let i = statement.statement.index();
            if statement.section.is_some() {
                self.section[i].get_or_insert(page);
            }
            if let Some(score) = statement.listed.as_ref().and_then(|l| l.score) {
                self.listed[i][usize::from(score.get() - 1)].get_or_insert(page);
            }
        }
    }

    /// Why a page does not fit: the first statement it scores that these pages have a section
    /// for, or list with another score, and the page that does; `None` when it fits.
    fn misfit(&self, report: &Report) -> Option<(QualityStatement, usize)> {
        report.statements.iter().find_map(|statement| {
            let score = statement.score()?;
            let i = statement.statement.index();
            let other_listing = self.listed[i]
                .iter()
                .enumerate()
                .find(|&(s, page)| s != usize::from(score.get() - 1) && page.is_some())
                .and_then(|(_, page)| *page);
            self.section[i]
                .or(other_listing)
                .map(|page| (statement.statement, page))
        })
    }
}

/// Where a value stands: the page's source and, when its text is known, the line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PageAt {
    /// The page's source (a file name), or the name of a cohort for a published record.
    pub source: String,
    /// The line and column, when the page was parsed with [`Pages::parse`].
    pub location: Option<Location>,
}

impl PageAt {
    /// A source without a position.
    pub(crate) fn source(source: impl Into<String>) -> PageAt {
        PageAt {
            source: source.into(),
            location: None,
        }
    }
}

impl fmt::Display for PageAt {
    /// `summary.txt` or `summary.txt:12:1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some(l) => write!(f, "{}:{}:{}", self.source, l.line, l.column),
            None => f.write_str(&self.source),
        }
    }
}

/// What two pages (or a page and a published record) disagree on.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case", tag = "field"))]
#[non_exhaustive]
pub enum Conflict {
    /// Two scores for one statement.
    Score {
        /// The statement.
        statement: QualityStatement,
        /// The score used.
        kept: Score,
        /// The other.
        other: Score,
    },
    /// Two pages have a section for the same statement (with the same score, or none): the
    /// first page's findings and metrics are used.
    SecondSection {
        /// The statement.
        statement: QualityStatement,
    },
    /// Two printed ratings.
    Rating {
        /// The rating used.
        kept: Rating,
        /// The other.
        other: Rating,
    },
    /// Two publication dates.
    Published {
        /// The date used.
        kept: Date,
        /// The other.
        other: Date,
    },
    /// Two months of publication (a page's and a published record's).
    PublishedMonth {
        /// The month used.
        kept: crate::cohort::YearMonth,
        /// The other.
        other: crate::cohort::YearMonth,
    },
    /// Two printed overall scores out of 100.
    OverallScore {
        /// The score used.
        kept: u8,
        /// The other.
        other: u8,
    },
}

impl Conflict {
    /// A stable snake_case id, e.g. `"score"`.
    #[must_use]
    pub const fn id(&self) -> &'static str {
        match self {
            Conflict::Score { .. } => "score",
            Conflict::SecondSection { .. } => "second_section",
            Conflict::Rating { .. } => "rating",
            Conflict::Published { .. } => "published",
            Conflict::PublishedMonth { .. } => "published_month",
            Conflict::OverallScore { .. } => "overall_score",
        }
    }
}

/// Two pages (or a page and a published record) that disagree on the same field. Both are
/// kept: the other page's value stays in its [`Page`] (and the record's in the warning); the
/// assessment (or combined record) uses the `kept` one.
///
/// Which is used: for a statement's score, a section's over a score list's, then the first
/// page given; for the rating, the publication date and the overall score, a summary or full
/// report page's, then the first given; when a page joins a published record, the page's.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MergeWarning {
    /// What they disagree on, with both values.
    pub conflict: Conflict,
    /// Where the value used stands.
    pub kept: PageAt,
    /// Where the other stands.
    pub other: PageAt,
}

impl fmt::Display for MergeWarning {
    /// `the score of Safeguarding: 2 in b.txt:4:1 but 3 in a.txt:9:1; both kept, 2 used`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (what, kept, other) = match &self.conflict {
            Conflict::Score {
                statement,
                kept,
                other,
            } => (
                format!("the score of {statement}"),
                kept.to_string(),
                other.to_string(),
            ),
            Conflict::SecondSection { statement } => {
                return write!(
                    f,
                    "a second section for {statement}: {} repeats {}; both kept, the findings and figures of {} used",
                    self.other, self.kept, self.kept.source
                );
            }
            Conflict::Rating { kept, other } => {
                ("the rating".to_owned(), kept.to_string(), other.to_string())
            }
            Conflict::Published { kept, other } => (
                "the publication date".to_owned(),
                kept.to_string(),
                other.to_string(),
            ),
            Conflict::PublishedMonth { kept, other } => (
                "the month of publication".to_owned(),
                kept.to_string(),
                other.to_string(),
            ),
            Conflict::OverallScore { kept, other } => (
                "the overall score out of 100".to_owned(),
                kept.to_string(),
                other.to_string(),
            ),
        };
        write!(
            f,
            "{what}: {kept} in {} but {other} in {}; both kept, {kept} used",
            self.kept, self.other
        )
    }
}

/// Why pages could not be assembled into one assessment, or an assessment could not join a
/// cohort.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AssessmentError {
    /// No page was given.
    #[error("no pages to assemble")]
    NoPages,
    /// Two pages, or a page and the name given, name different councils.
    #[error(
        "{second} is about {second_name}, but {first} is about {first_name}: pages of different councils are not merged"
    )]
    DifferentCouncils {
        /// The first page naming a council (or "the name given").
        first: String,
        /// The council it names.
        first_name: String,
        /// The page naming another.
        second: String,
        /// The other council.
        second_name: String,
    },
    /// A page without a name that does not fit the others, with no name given.
    #[error(
        "{page} names no council and its {statement} does not fit: {held_by} already covers it; say whose it is with for_authority"
    )]
    UnplacedPage {
        /// The page.
        page: String,
        /// Its statement that another page covers.
        statement: QualityStatement,
        /// The page that covers it.
        held_by: String,
    },
    /// The assessment's pages name no council and none was given, so it cannot be told apart
    /// from others in a cohort.
    #[error(
        "the assessment names no council: its pages print no name; say whose it is with Pages::for_authority"
    )]
    Unnamed,
}

/// A value some page gives, with where.
struct Given<T> {
    value: T,
    page: usize,
    origin: Option<usize>,
    /// Whether the page is a summary or full report (preferred for report-level values), or,
    /// for scores, whether it is a section's.
    preferred: bool,
}

/// The pages being merged and what they disagree on.
struct Merge<'a> {
    pending: &'a [Pending],
    warnings: Vec<MergeWarning>,
}

impl Merge<'_> {
    /// Where a value of page `page` stands.
    fn at(&self, page: usize, origin: Option<usize>) -> PageAt {
        let p = &self.pending[page];
        PageAt {
            source: p.source().to_owned(),
            location: origin.and_then(|o| Locations::new(p.text.as_deref()?).get(o)),
        }
    }

    /// The value to use among those given (see [`choose`]), warning for each that differs.
    fn choose<T: Copy + PartialEq>(
        &mut self,
        given: &[Given<T>],
        conflict: impl Fn(T, T) -> Conflict,
    ) -> Option<T> {
        let chosen = given
            .iter()
            .find(|g| g.preferred)
            .or_else(|| given.first())?;
        let mut warned: Vec<usize> = Vec::new();
        for g in given {
            if g.page == chosen.page || g.value == chosen.value || warned.contains(&g.page) {
                continue;
            }
            warned.push(g.page);
            let warning = MergeWarning {
                conflict: conflict(chosen.value, g.value),
                kept: self.at(chosen.page, chosen.origin),
                other: self.at(g.page, g.origin),
            };
            self.warnings.push(warning);
        }
        Some(chosen.value)
    }

    /// A report-level value (rating, date, printed score) from every page that gives one, a
    /// summary or full report page's preferred.
    fn report_level<T>(
        &self,
        value: impl Fn(&Report) -> Option<(T, Option<usize>)>,
    ) -> Vec<Given<T>> {
        self.pending
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let (value, origin) = value(p.report())?;
                Some(Given {
                    value,
                    page: i,
                    origin,
                    preferred: matches!(p.report().kind(), ReportKind::Full | ReportKind::Summary),
                })
            })
            .collect()
    }

    /// A statement's score (a section's first, then a score list's) and the page holding it
    /// (the first with a section, else the first listing it); warnings for other scores and for
    /// a second section.
    fn statement(&mut self, qs: QualityStatement) -> (Option<Score>, Option<usize>) {
        let mut given: Vec<Given<Score>> = Vec::new();
        let mut sections: Vec<(usize, Option<usize>)> = Vec::new();
        for (i, p) in self.pending.iter().enumerate() {
            let Some(statement) = p.report().statement(qs) else {
                continue;
            };
            if let Some(section) = &statement.section {
                let origin = section
                    .score_line
                    .as_ref()
                    .and_then(start)
                    .or_else(|| start(&section.heading));
                sections.push((i, origin));
                if let Some(score) = section.score {
                    given.push(Given {
                        value: score,
                        page: i,
                        origin,
                        preferred: true,
                    });
                }
            }
            if let Some(listed) = &statement.listed {
                if let Some(score) = listed.score {
                    let origin = listed
                        .score_line
                        .as_ref()
                        .and_then(start)
                        .or_else(|| start(&listed.origin));
                    given.push(Given {
                        value: score,
                        page: i,
                        origin,
                        preferred: false,
                    });
                }
            }
        }
        let before = self.warnings.len();
        let score = self.choose(&given, |kept, other| Conflict::Score {
            statement: qs,
            kept,
            other,
        });
        if let Some(&(first, origin)) = sections.first() {
            for &(i, other) in &sections[1..] {
                // A second section with another score has already been warned about.
                let source = self.pending[i].source();
                if !self.warnings[before..]
                    .iter()
                    .any(|w| w.other.source == source)
                {
                    let warning = MergeWarning {
                        conflict: Conflict::SecondSection { statement: qs },
                        kept: self.at(first, origin),
                        other: self.at(i, other),
                    };
                    self.warnings.push(warning);
                }
            }
        }
        (score, holder(self.pending.iter().map(Pending::report), qs))
    }
}

/// The page holding a statement: the first with its section, else the first listing it.
pub(super) fn holder<'a>(
    reports: impl Iterator<Item = &'a Report>,
    qs: QualityStatement,
) -> Option<usize> {
    let mut listed = None;
    for (i, report) in reports.enumerate() {
        if let Some(statement) = report.statement(qs) {
            if statement.section.is_some() {
                return Some(i);
            }
            if statement.listed.is_some() {
                listed.get_or_insert(i);
            }
        }
    }
    listed
}

fn start(origin: &Origin) -> Option<usize> {
    origin.span().map(|s| s.start)
}

/// The metrics an assessment uses, each with its page's index: for each statement, the page
/// holding it; for the other parts (about, financial facts, summaries), the first page with
/// figures there. For one page, all of its figures.
pub(super) fn selected_metrics<'a>(
    pages: &'a [Page],
    holders: &'a [Option<usize>; 9],
) -> impl Iterator<Item = (usize, &'a Metric)> {
    let mut first_with_part: Vec<(Part, usize)> = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        for m in &page.metrics {
            if m.statement.is_none() && !first_with_part.iter().any(|(p, _)| *p == m.part) {
                first_with_part.push((m.part, i));
            }
        }
    }
    pages.iter().enumerate().flat_map(move |(i, page)| {
        let first_with_part = first_with_part.clone();
        page.metrics
            .iter()
            .filter(move |m| match m.statement {
                Some(qs) => holders[qs.index()] == Some(i),
                None => first_with_part
                    .iter()
                    .any(|&(p, at)| p == m.part && at == i),
            })
            .map(move |m| (i, m))
    })
}

/// Merges the pages `members` (indices into `pages`, in order) into an assessment. Identity
/// has been checked; `name` is the name given, used when no page prints one.
pub(super) fn build(pages: Vec<Pending>, members: &[usize], name: Option<String>) -> Assessment {
    let mut slots: Vec<Option<Pending>> = pages.into_iter().map(Some).collect();
    let pending: Vec<Pending> = members.iter().filter_map(|&i| slots[i].take()).collect();
    let mut merge = Merge {
        pending: &pending,
        warnings: Vec::new(),
    };
    let mut scores = [None; 9];
    let mut holders = [None; 9];
    for qs in QualityStatement::ALL {
        (scores[qs.index()], holders[qs.index()]) = merge.statement(qs);
    }
    let ratings = merge.report_level(|r| {
        let line = r.summary.as_ref().and_then(|s| s.rating_line.as_ref());
        Some((r.rating?, line.and_then(start)))
    });
    let rating = merge.choose(&ratings, |kept, other| Conflict::Rating { kept, other });
    let dates =
        merge.report_level(|r| Some((r.published?, r.lines.published.as_ref().and_then(start))));
    let published = merge.choose(&dates, |kept, other| Conflict::Published { kept, other });
    let printed = merge.report_level(|r| {
        let line = r.summary.as_ref().and_then(|s| s.score_line.as_ref());
        Some((r.overall_score?, line.and_then(start)))
    });
    let overall_score = merge.choose(&printed, |kept, other| Conflict::OverallScore {
        kept,
        other,
    });
    let warnings = merge.warnings;

    // The authority's name: the first page's that prints one, else the name given.
    let authority = pending
        .iter()
        .find_map(|p| page_name(p.report()).map(str::to_owned))
        .or(name);
    let indicative = pending.iter().any(|p| p.report().indicative);
    let pages: Vec<Page> = pending.into_iter().map(|p| p.page).collect();
    let selected = (pages.len() > 1).then(|| {
        selected_metrics(&pages, &holders)
            .map(|(_, m)| m.clone())
            .collect()
    });
    let council = authority.as_deref().and_then(Authority::lookup);
    Assessment {
        authority,
        council,
        pages,
        holders,
        scores,
        published,
        rating,
        overall_score,
        indicative,
        selected,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_lines_and_characters() {
        let text = "ab\n\u{e9}cd\nx";
        let mut at = Locations::new(text);
        let mut locate = |offset| at.get(offset).map(|l| (l.line, l.column));
        assert_eq!(locate(0), Some((1, 1)));
        assert_eq!(locate(3), Some((2, 1)));
        // 'é' is two bytes and one character.
        assert_eq!(locate(5), Some((2, 2)));
        assert_eq!(locate(8), Some((3, 1)));
        // Back again: found from the start.
        assert_eq!(locate(5), Some((2, 2)));
        assert_eq!(locate(4), None, "inside a character");
        assert_eq!(locate(99), None);
        assert_eq!(locate(1), Some((1, 2)));
    }

    #[test]
    fn names_are_one_council_when_they_resolve_alike() {
        assert_eq!(
            Identity::of("Staffordshire County Council"),
            Identity::of("Staffordshire")
        );
        assert_eq!(
            Identity::of("Northmere  County council"),
            Identity::of("northmere County Council ")
        );
        assert_ne!(Identity::of("Camden"), Identity::of("Islington"));
    }
}
