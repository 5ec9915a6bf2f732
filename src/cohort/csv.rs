//! Reading published-scores-shaped CSV, and the error every cohort CSV reader and writer uses.

use std::io::Read;
use std::path::Path;

use super::record::{ScoreRecord, YearMonth};
use crate::model::{QualityStatement, Rating, Score};

/// Error reading or writing a cohort CSV file (scores, groups, or a table being written).
/// Line numbers count from 1 with the header as line 1.
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
    /// A cell holds something other than what its column needs.
    #[error("line {line}: expected {expected} in column '{column}', found '{found}'")]
    InvalidValue {
        /// The line of the record.
        line: u64,
        /// The column's name.
        column: String,
        /// What the column needs, e.g. `"a score from 1 to 4"`.
        expected: &'static str,
        /// The cell as written.
        found: String,
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

/// A CSV file being read, with its header row: columns are found by name, ignoring case, and
/// cells are trimmed. The cohort's loaders (scores, groups, metrics) all open files this way.
pub(crate) struct CsvTable<'s, R> {
    reader: csv::Reader<R>,
    headers: csv::StringRecord,
    source: &'s str,
}

impl<'s, R: Read> CsvTable<'s, R> {
    /// Reads the header row; `source` names the file in errors.
    pub(crate) fn open(reader: R, source: &'s str) -> Result<Self, CsvError> {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(reader);
        let headers = reader
            .headers()
            .map_err(|e| CsvError::from_csv(&e, source))?
            .clone();
        Ok(CsvTable {
            reader,
            headers,
            source,
        })
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

    /// The records, each with its line number.
    pub(crate) fn rows(
        &mut self,
    ) -> impl Iterator<Item = Result<(u64, csv::StringRecord), CsvError>> {
        let source = self.source;
        self.reader.records().map(move |row| {
            let row = row.map_err(|e| CsvError::from_csv(&e, source))?;
            Ok((row.position().map_or(0, csv::Position::line), row))
        })
    }
}

impl CsvError {
    /// The line the error is on, when it is about one record.
    pub fn line(&self) -> Option<u64> {
        match self {
            CsvError::InvalidValue { line, .. } | CsvError::Malformed { line, .. } => Some(*line),
            _ => None,
        }
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

/// Reads score records from CSV with the shape of `data/published-scores.csv`: a header with
/// `authority`, optional `overall_rating` and `published` (YYYY-MM), and the nine score
/// columns (by the short names of that file or by [`QualityStatement::id`]), in any order.
/// Blank cells are unknown and stay `None`.
pub(crate) fn read_scores(reader: impl Read, source: &str) -> Result<Vec<ScoreRecord>, CsvError> {
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
                let parsed = text.parse::<u8>().ok().and_then(Score::new);
                *score = Some(parsed.ok_or_else(|| invalid(short, "a score from 1 to 4", text))?);
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
                    text.parse::<YearMonth>()
                        .map_err(|_| invalid("published", "a month as YYYY-MM", text))?,
                );
            }
        }
        records.push(record);
    }
    Ok(records)
}
