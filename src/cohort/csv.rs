//! Reading published-scores-shaped CSV, the size limits every cohort CSV loader applies, the
//! warnings loaders give, and the error every cohort CSV reader and writer uses.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt::{self, Write as _};
use std::io::{self, Read};
use std::path::Path;

use super::record::{ScoreRecord, YearMonth};
use crate::identity::excerpt;
use crate::model::{Band, OverallScore, QualityStatement, Rating, Score};

/// Error reading or writing a cohort CSV file (scores, groups, peers, metrics, or a table being
/// written). Line numbers count from 1 with the header as line 1; messages quote at most the
/// first 40 characters of a cell.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CsvError {
    /// The file could not be opened or read.
    #[error("cannot read '{path}': {message}")]
    Io {
        /// The path, or `"<reader>"`.
        path: String,
        /// What the operating system said.
        message: String,
    },
    /// A required column is not in the header.
    #[error("the header has no '{column}' column")]
    MissingColumn {
        /// The column's name.
        column: String,
    },
    /// A required column is not in the header: the names it may have, and the columns the
    /// header holds (the peer table loader's error, which accepts several names per column).
    #[error("the header has no '{column}' column{}; columns found: {}", accepted_text(.accepted), found_text(.found))]
    ColumnNotFound {
        /// The column's name.
        column: String,
        /// Every name the column may have, in any case (the first is `column`).
        accepted: Vec<String>,
        /// The header's columns, in order.
        found: Vec<String>,
    },
    /// A cell holds something other than what its column needs.
    #[error("line {line}: expected {expected} in column '{column}', found '{}'", excerpt(.found))]
    InvalidValue {
        /// The line of the record.
        line: u64,
        /// The column's name.
        column: String,
        /// What the column needs, e.g. `"a score from 1 to 4"`.
        expected: &'static str,
        /// The cell as written (the message quotes its first 40 characters).
        found: String,
    },
    /// The input is over one of the loaders' size limits.
    #[error("line {line}, column {column}: {}", limit_text(*.limit, *.found))]
    TooLarge {
        /// The limit.
        limit: CsvLimit,
        /// The line where the limit was passed.
        line: u64,
        /// Where in the line: the field (from 1) for [`CsvLimit::CellBytes`] and
        /// [`CsvLimit::Rows`], the byte (from 1) for [`CsvLimit::FileBytes`].
        column: u64,
        /// The size found, when known (a cell's length in bytes).
        found: Option<u64>,
    },
    /// The CSV itself is malformed (e.g. a record with the wrong number of fields).
    #[error("line {line}: {message}")]
    Malformed {
        /// The line where the problem was found.
        line: u64,
        /// The CSV reader's description.
        message: String,
    },
    /// Writing a table failed.
    #[error("cannot write CSV: {message}")]
    Write {
        /// The writer's description.
        message: String,
    },
}

fn accepted_text(accepted: &[String]) -> String {
    match accepted.get(1..) {
        Some(others) if !others.is_empty() => format!(" (nor {})", others.join(", ")),
        _ => String::new(),
    }
}

/// The columns found, quoted, at most twenty of them.
fn found_text(found: &[String]) -> String {
    const SHOWN: usize = 20;
    if found.is_empty() {
        return "none".to_owned();
    }
    let mut text = found
        .iter()
        .take(SHOWN)
        .map(|c| format!("'{}'", excerpt(c)))
        .collect::<Vec<_>>()
        .join(", ");
    if found.len() > SHOWN {
        let _ = write!(text, " and {} more", found.len() - SHOWN);
    }
    text
}

fn limit_text(limit: CsvLimit, found: Option<u64>) -> String {
    let max = limit.value();
    match (limit, found) {
        (CsvLimit::CellBytes, Some(n)) => {
            format!("a cell of {n} bytes, more than the limit of {max} bytes per cell")
        }
        (CsvLimit::CellBytes, None) => format!("a cell of more than {max} bytes, the limit"),
        (CsvLimit::Rows, _) => format!("more than the limit of {max} records"),
        (CsvLimit::FileBytes, _) => format!("the input is longer than the limit of {max} bytes"),
    }
}

/// The size limits every cohort CSV loader applies (scores, groups, peers, metrics). They are
/// far above any real file (CQC's 153 councils; a peer-distance table of all pairs is about
/// 23,000 rows and 1 MB) and keep hostile input cheap: every loader reads at most
/// [`CsvLimit::FileBytes`] bytes, and refuses the input with [`CsvError::TooLarge`], naming
/// the limit, the line and the column, as soon as one is passed.
///
/// # Examples
/// ```
/// use cqc_la::cohort::{CsvError, CsvLimit, Group};
/// let csv = format!("group,authority\nNorth,{}\n", "x".repeat(5000));
/// let err = Group::load_csv(csv.as_bytes()).unwrap_err();
/// assert!(matches!(err, CsvError::TooLarge { limit: CsvLimit::CellBytes, line: 2, column: 2, .. }));
/// assert_eq!(
///     err.to_string(),
///     "line 2, column 2: a cell of 5000 bytes, more than the limit of 1024 bytes per cell"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum CsvLimit {
    /// The input's length: 64 MiB (67,108,864 bytes).
    FileBytes,
    /// Records after the header: 1,000,000.
    Rows,
    /// One cell (header cells too), after trimming: 1,024 bytes.
    CellBytes,
}

impl CsvLimit {
    /// The limit's value: bytes for [`CsvLimit::FileBytes`] and [`CsvLimit::CellBytes`],
    /// records for [`CsvLimit::Rows`].
    #[must_use]
    pub const fn value(self) -> u64 {
        match self {
            CsvLimit::FileBytes => 64 * 1024 * 1024,
            CsvLimit::Rows => 1_000_000,
            CsvLimit::CellBytes => 1024,
        }
    }
}

/// A reader that passes on at most [`CsvLimit::FileBytes`] bytes, counting lines as they go
/// by so that the place where the limit is passed can be named.
struct Capped<R> {
    inner: R,
    read: u64,
    /// Newlines passed on so far.
    newlines: u64,
    /// The offset just after the last newline.
    line_start: u64,
    over: bool,
}

impl<R: Read> Capped<R> {
    fn new(inner: R) -> Self {
        Capped {
            inner,
            read: 0,
            newlines: 0,
            line_start: 0,
            over: false,
        }
    }

    /// Where the first byte past the limit is: line and byte column, from 1.
    fn over_at(&self) -> (u64, u64) {
        (self.newlines + 1, self.read - self.line_start + 1)
    }
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let max = CsvLimit::FileBytes.value();
        if self.read >= max {
            // At the limit: one more byte means the input is too long.
            let mut probe = [0u8; 1];
            let n = loop {
                match self.inner.read(&mut probe) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    other => break other?,
                }
            };
            if n == 0 {
                return Ok(0);
            }
            self.over = true;
            return Err(io::Error::other("the input is longer than the limit"));
        }
        let room = usize::try_from(max - self.read).unwrap_or(usize::MAX);
        let end = buf.len().min(room);
        let n = self.inner.read(&mut buf[..end])?;
        for at in memchr::memchr_iter(b'\n', &buf[..n]) {
            self.newlines += 1;
            self.line_start = self.read + at as u64 + 1;
        }
        self.read += n as u64;
        Ok(n)
    }
}

/// A CSV file being read, with its header row: columns are found by name, ignoring case, and
/// cells are trimmed. The cohort's loaders (scores, groups, peers, metrics) all open files this
/// way, so all of them apply the [`CsvLimit`]s.
pub(crate) struct CsvTable<'s, R> {
    reader: csv::Reader<Capped<R>>,
    headers: csv::StringRecord,
    source: &'s str,
    records: u64,
}

impl<'s, R: Read> CsvTable<'s, R> {
    /// Reads the header row; `source` names the file in errors.
    pub(crate) fn open(reader: R, source: &'s str) -> Result<Self, CsvError> {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(false)
            .from_reader(Capped::new(reader));
        let headers = match reader.byte_headers() {
            Ok(h) => h.clone(),
            Err(e) => return Err(CsvError::from_reader(&e, &reader, source)),
        };
        check_cells(&headers, 1)?;
        let headers =
            csv::StringRecord::from_byte_record(headers).map_err(|e| CsvError::Malformed {
                line: 1,
                message: e.to_string(),
            })?;
        Ok(CsvTable {
            reader,
            headers,
            source,
            records: 0,
        })
    }

    /// The header row's cells.
    pub(crate) fn headers(&self) -> &csv::StringRecord {
        &self.headers
    }

    /// The position of a column, if the file has it.
    pub(crate) fn find(&self, name: &str) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    }

    /// The position of a column the file must have.
    pub(crate) fn required(&self, name: &str) -> Result<usize, CsvError> {
        self.find(name).ok_or_else(|| CsvError::MissingColumn {
            column: name.to_owned(),
        })
    }

    /// The records, each with its line number; stops with [`CsvError::TooLarge`] at the first
    /// record past a limit.
    pub(crate) fn rows(
        &mut self,
    ) -> impl Iterator<Item = Result<(u64, csv::StringRecord), CsvError>> {
        let mut failed = false;
        std::iter::from_fn(move || {
            if failed {
                return None;
            }
            let mut row = csv::ByteRecord::new();
            let next = match self.reader.read_byte_record(&mut row) {
                Ok(false) => return None,
                Ok(true) => self.check(row),
                Err(e) => Err(CsvError::from_reader(&e, &self.reader, self.source)),
            };
            failed = next.is_err();
            Some(next)
        })
    }

    fn check(&mut self, row: csv::ByteRecord) -> Result<(u64, csv::StringRecord), CsvError> {
        let line = row.position().map_or(0, csv::Position::line);
        self.records += 1;
        if self.records > CsvLimit::Rows.value() {
            return Err(CsvError::TooLarge {
                limit: CsvLimit::Rows,
                line,
                column: 1,
                found: None,
            });
        }
        check_cells(&row, line)?;
        let row = csv::StringRecord::from_byte_record(row).map_err(|e| CsvError::Malformed {
            line,
            message: e.to_string(),
        })?;
        Ok((line, row))
    }
}

/// Refuses a record holding a cell longer than [`CsvLimit::CellBytes`].
fn check_cells(row: &csv::ByteRecord, line: u64) -> Result<(), CsvError> {
    let max = CsvLimit::CellBytes.value();
    match row.iter().position(|cell| cell.len() as u64 > max) {
        Some(i) => Err(CsvError::TooLarge {
            limit: CsvLimit::CellBytes,
            line,
            column: i as u64 + 1,
            found: Some(row[i].len() as u64),
        }),
        None => Ok(()),
    }
}

impl CsvError {
    /// The line the error is on, when it is about one record.
    pub fn line(&self) -> Option<u64> {
        match self {
            CsvError::InvalidValue { line, .. }
            | CsvError::Malformed { line, .. }
            | CsvError::TooLarge { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// A reading error, as [`CsvError::TooLarge`] when the input passed the file limit.
    #[cold]
    fn from_reader<R: Read>(
        err: &csv::Error,
        reader: &csv::Reader<Capped<R>>,
        path: &str,
    ) -> CsvError {
        let capped = reader.get_ref();
        if capped.over {
            let (line, column) = capped.over_at();
            return CsvError::TooLarge {
                limit: CsvLimit::FileBytes,
                line,
                column,
                found: None,
            };
        }
        CsvError::from_csv(err, path)
    }

    #[cold]
    pub(crate) fn from_csv(err: &csv::Error, path: &str) -> CsvError {
        let line = err.position().map(csv::Position::line);
        match (err.kind(), line) {
            (csv::ErrorKind::Io(io), _) => CsvError::Io {
                path: path.to_owned(),
                message: io.to_string(),
            },
            (_, Some(line)) => CsvError::Malformed {
                line,
                message: err.to_string(),
            },
            (_, None) => CsvError::Malformed {
                line: 0,
                message: err.to_string(),
            },
        }
    }

    #[cold]
    pub(crate) fn write(err: &impl std::fmt::Display) -> CsvError {
        CsvError::Write {
            message: err.to_string(),
        }
    }
}

/// Column names of the nine scores in the published-scores file, in framework order.
pub(crate) const SCORE_COLUMNS: [&str; 9] = [
    "assessing_needs",
    "healthier_lives",
    "equity",
    "care_provision",
    "partnerships",
    "safe_pathways",
    "safeguarding",
    "governance",
    "learning",
];

/// Opens a path for the loaders.
pub(crate) fn open(path: &Path) -> Result<std::fs::File, CsvError> {
    std::fs::File::open(path).map_err(|e| CsvError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

/// Something a loader noticed in its input that did not stop it: a duplicate, a rating the
/// scores contradict, a name that matches no council. Each names the line (and the column
/// when it is about one cell) and says what the loader did.
///
/// The loaders that can warn have a variant that returns the warnings beside the value
/// ([`Cohort::from_csv_reader_with_warnings`](crate::Cohort::from_csv_reader_with_warnings),
/// [`Group::load_csv_with_warnings`](crate::cohort::Group::load_csv_with_warnings)); a
/// [`PeerGroups`](crate::cohort::PeerGroups) table keeps its own ([`PeerGroups::warnings`](crate::cohort::PeerGroups::warnings)).
///
/// # Examples
/// ```
/// use cqc_la::Cohort;
/// use cqc_la::cohort::LoadWarningKind;
/// let csv = "authority,overall_rating,published,assessing_needs,healthier_lives,equity,\
/// care_provision,partnerships,safe_pathways,safeguarding,governance,learning\n\
/// Camden,Outstanding,2025-02,3,3,4,3,4,4,3,4,4\n\
/// E09000007,Good,2025-02,3,3,3,3,3,3,3,3,3\n";
/// let (cohort, warnings) = Cohort::from_csv_reader_with_warnings("mine", csv.as_bytes()).unwrap();
/// assert_eq!(cohort.len(), 1);
/// assert!(matches!(warnings[0].kind, LoadWarningKind::DuplicateAuthority { first_line: 2, .. }));
/// assert_eq!(
///     warnings[0].to_string(),
///     "line 3: 'E09000007' is Camden, already on line 2 as 'Camden'; the row on line 3 replaces it"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LoadWarning {
    /// The line (the header is line 1).
    pub line: u64,
    /// The column's name, when the warning is about one cell.
    pub column: Option<String>,
    /// What was noticed.
    pub kind: LoadWarningKind,
}

/// The kinds of [`LoadWarning`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum LoadWarningKind {
    /// Two rows of a scores file name the same council (after resolution: "Camden", "London
    /// Borough of Camden" and "E09000007" are one council). The later row replaces the earlier.
    DuplicateAuthority {
        /// The council's ONS short name.
        authority: String,
        /// The name as written on this line.
        name: String,
        /// The line of the earlier row.
        first_line: u64,
        /// The name as written on the earlier row.
        first_name: String,
    },
    /// A published rating that no band of the scores admits, by CQC's rule (sum / (4 x
    /// scored); 25-38 % Inadequate, 39-62 % Requires improvement, 63-87 % Good, 88 % and above
    /// Outstanding; a rating either side of a gap between bands is admitted). With some
    /// scores unknown, only a rating that no value of the unknown scores would admit is
    /// flagged. The rating is kept as published.
    RatingMismatch {
        /// The rating as published.
        rating: Rating,
        /// The band of the known scores.
        band: Band,
        /// Sum of the known scores.
        total: u32,
        /// Four times the number of known scores.
        maximum: u32,
    },
    /// The same council twice in one group of a groups file; it is listed once.
    DuplicateMember {
        /// The group.
        group: String,
        /// The council's ONS short name.
        authority: String,
        /// The line where it first appears in the group.
        first_line: u64,
    },
    /// A name in a peer table that matches none of the 153 councils (e.g. Cumbria, abolished
    /// in April 2023). The rows or cells holding it are left out; the warning is given once per
    /// name, on its first line.
    UnknownAuthority {
        /// The name as written.
        name: String,
        /// How many cells held it.
        count: u64,
    },
    /// A peer table lists a council as its own peer; that entry is left out.
    OwnPeer {
        /// The council's ONS short name.
        authority: String,
    },
    /// A peer table lists the same peer twice for one council; the later entry is left out.
    DuplicatePeer {
        /// The council's ONS short name.
        authority: String,
        /// The peer's ONS short name.
        peer: String,
        /// The line of the first entry.
        first_line: u64,
    },
    /// A wide peer table (NHS England's `peers.csv`) has two rows for one council; the later
    /// row is left out.
    DuplicateRow {
        /// The council's ONS short name.
        authority: String,
        /// The line of the first row.
        first_line: u64,
    },
}

impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(column) = &self.column {
            write!(f, ", column '{}'", excerpt(column))?;
        }
        let line = self.line;
        match &self.kind {
            LoadWarningKind::DuplicateAuthority {
                authority,
                name,
                first_line,
                first_name,
            } => write!(
                f,
                ": '{}' is {authority}, already on line {first_line} as '{}'; the row on line {line} replaces it",
                excerpt(name),
                excerpt(first_name)
            ),
            LoadWarningKind::RatingMismatch {
                rating,
                band,
                total,
                maximum,
            } => write!(
                f,
                ": the rating '{rating}' does not match the scores ({total}/{maximum} = {}, {band}); kept as published",
                OverallScore {
                    total: *total,
                    scored: maximum / 4
                }
                .percent_text()
            ),
            LoadWarningKind::DuplicateMember {
                group,
                authority,
                first_line,
            } => write!(
                f,
                ": {authority} is already in group '{}' on line {first_line}; listed once",
                excerpt(group)
            ),
            LoadWarningKind::UnknownAuthority { name, count } => write!(
                f,
                ": '{}' matches none of the 153 councils; left out ({count} {})",
                excerpt(name),
                if *count == 1 { "cell" } else { "cells" }
            ),
            LoadWarningKind::OwnPeer { authority } => {
                write!(f, ": {authority} is listed as its own peer; left out")
            }
            LoadWarningKind::DuplicatePeer {
                authority,
                peer,
                first_line,
            } => write!(
                f,
                ": {peer} is already a peer of {authority} on line {first_line}; left out"
            ),
            LoadWarningKind::DuplicateRow {
                authority,
                first_line,
            } => write!(
                f,
                ": {authority} already has a row on line {first_line}; this row is left out"
            ),
        }
    }
}

/// Reads a score cell: one digit from 1 to 4, nothing else (`+3`, `03`, `3.0` are refused).
fn score_cell(text: &str) -> Result<Score, &'static str> {
    if let [digit @ b'1'..=b'4'] = text.as_bytes() {
        if let Some(score) = Score::new(digit - b'0') {
            return Ok(score);
        }
    }
    match text.parse::<f64>() {
        Ok(v) if (1.0..=4.0).contains(&v) && v.fract() == 0.0 => {
            Err("a score written as one digit from 1 to 4")
        }
        _ => Err("a score from 1 to 4"),
    }
}

/// Reads a month cell, saying what is wrong with an impossible one.
fn month_cell(text: &str) -> Result<YearMonth, &'static str> {
    const SHAPE: &str = "a month as YYYY-MM";
    let Some((year, month)) = text.split_once('-') else {
        return Err(SHAPE);
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if year.len() != 4 || month.len() != 2 || !digits(year) || !digits(month) {
        return Err(SHAPE);
    }
    if year == "0000" {
        return Err("a month as YYYY-MM in a year from 0001");
    }
    text.parse::<YearMonth>()
        .map_err(|_| "a month as YYYY-MM with MM from 01 to 12")
}

/// Whether some values of the unknown scores would give a band that admits `rating`.
fn rating_possible(scores: &[Option<Score>; 9], rating: Rating) -> bool {
    let known = OverallScore::from_scores(scores.iter().flatten().copied());
    let unknown = 9 - known.scored;
    (unknown..=4 * unknown).any(|extra| {
        OverallScore {
            total: known.total + extra,
            scored: 9,
        }
        .band()
        .is_some_and(|band| band.admits(rating))
    })
}

/// Reads score records from CSV with the shape of `data/published-scores.csv`: a header with
/// `authority`, optional `overall_rating` and `published` (YYYY-MM), and the nine score
/// columns (by the short names of that file or by [`QualityStatement::id`]), in any order.
/// Blank cells are unknown and stay `None`. Returns every record, in order, and the warnings
/// (duplicate councils, ratings the scores contradict).
pub(crate) fn read_scores(
    reader: impl Read,
    source: &str,
) -> Result<(Vec<ScoreRecord>, Vec<LoadWarning>), CsvError> {
    let mut table = CsvTable::open(reader, source)?;
    let find = |name: &str| table.find(name);
    let required = |name: &str| table.required(name);
    let authority = required("authority")?;
    let rating = find("overall_rating").or_else(|| find("rating"));
    let published = find("published");
    let mut score_columns = [0usize; 9];
    for (slot, (short, qs)) in score_columns
        .iter_mut()
        .zip(SCORE_COLUMNS.iter().zip(QualityStatement::ALL))
    {
        *slot = find(short)
            .or_else(|| find(qs.id()))
            .ok_or_else(|| CsvError::MissingColumn {
                column: (*short).to_owned(),
            })?;
    }

    let mut records = Vec::new();
    let mut warnings = Vec::new();
    // Each council's key (ONS code, or the name for an unresolved one) to its first line and
    // name as written there.
    let mut seen: HashMap<String, (u64, String)> = HashMap::new();
    for row in table.rows() {
        let (line, row) = row?;
        let cell = |i: usize| row.get(i).unwrap_or("");
        let invalid = |column: &str, expected: &'static str, found: &str| CsvError::InvalidValue {
            line,
            column: column.to_owned(),
            expected,
            found: found.to_owned(),
        };
        let name = cell(authority);
        if name.is_empty() {
            return Err(invalid("authority", "an authority name", name));
        }
        let mut scores = [None; 9];
        for (score, (&column, short)) in scores
            .iter_mut()
            .zip(score_columns.iter().zip(SCORE_COLUMNS))
        {
            let text = cell(column);
            if !text.is_empty() {
                *score = Some(score_cell(text).map_err(|expected| invalid(short, expected, text))?);
            }
        }
        let mut record = ScoreRecord::new(name, scores);
        if let Some(column) = rating {
            let text = cell(column);
            if !text.is_empty() {
                record.rating = Some(
                    Rating::from_word(text)
                        .ok_or_else(|| invalid("overall_rating", "a rating", text))?,
                );
            }
        }
        if let Some(column) = published {
            let text = cell(column);
            if !text.is_empty() {
                record.published = Some(
                    month_cell(text).map_err(|expected| invalid("published", expected, text))?,
                );
            }
        }
        if let Some(rating) = record.rating {
            let known = record.overall();
            if let Some(band) = known.band() {
                if !rating_possible(&record.scores, rating) {
                    warnings.push(LoadWarning {
                        line,
                        column: None,
                        kind: LoadWarningKind::RatingMismatch {
                            rating,
                            band,
                            total: known.total,
                            maximum: known.maximum(),
                        },
                    });
                }
            }
        }
        match seen.entry(record.key()) {
            Entry::Occupied(mut first) => {
                let (first_line, first_name) = first.get().clone();
                warnings.push(LoadWarning {
                    line,
                    column: None,
                    kind: LoadWarningKind::DuplicateAuthority {
                        authority: record.display_name().to_owned(),
                        name: name.to_owned(),
                        first_line,
                        first_name,
                    },
                });
                first.insert((line, name.to_owned()));
            }
            Entry::Vacant(at) => {
                at.insert((line, name.to_owned()));
            }
        }
        records.push(record);
    }
    Ok((records, warnings))
}
