//! The CSV loaders and name resolution under hostile input: each case finishes (the loops are
//! linear and the input bounded) and ends in an exact error or warning.

use std::io::Read;

use cqc_la::cohort::{CsvError, CsvLimit, Group, LoadWarningKind, PeerGroups, YearMonth};
use cqc_la::{Authority, Cohort, QualityStatement, Rating, Score};

const HEADER: &str = "authority,overall_rating,published,assessing_needs,healthier_lives,equity,care_provision,partnerships,safe_pathways,safeguarding,governance,learning\n";

fn scores_csv(rows: &[&str]) -> String {
    let mut csv = HEADER.to_owned();
    for row in rows {
        csv.push_str(row);
        csv.push('\n');
    }
    csv
}

#[track_caller]
fn load_err(rows: &[&str]) -> String {
    Cohort::from_csv_reader("x", scores_csv(rows).as_bytes())
        .unwrap_err()
        .to_string()
}

// --- Authority::resolve ---------------------------------------------------------------------

#[test]
fn leading_words_repeated_to_one_megabyte_resolve_at_once() {
    let name = "the ".repeat(256 * 1024); // 1 MiB
    let err = Authority::resolve(&name).unwrap_err();
    assert_eq!(err.name.len(), 1024 * 1024);
    assert!(err.suggestions.len() <= 3);
    assert!(
        err.to_string()
            .starts_with("unknown authority 'the the the the the the the the the the ...'"),
        "{err}"
    );
    assert_eq!(Authority::lookup(&name), None);
    // The same council name behind many affixes, within the bound, still resolves.
    let formal = format!("{}London Borough of Camden Council", "the ".repeat(40));
    assert_eq!(Authority::resolve(&formal).unwrap().name, "Camden");
}

#[test]
fn a_name_past_the_bound_matches_no_council() {
    let padded = format!("Camden{}", " ".repeat(Authority::MAX_NAME_LEN)); // trimmed: Camden
    assert_eq!(Authority::resolve(&padded).unwrap().name, "Camden");
    let long = format!("Camden {}", "x".repeat(Authority::MAX_NAME_LEN));
    assert_eq!(Authority::lookup(&long), None);
}

#[test]
fn the_unknown_name_error_quotes_a_short_prefix() {
    let name = format!("Atlantis {}", "é".repeat(100_000));
    let err = Authority::resolve(&name).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown authority 'Atlantis ééééééééééééééééééééééééééééééé...'"
    );
    let err = Authority::resolve("Camdn").unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown authority 'Camdn'; did you mean Camden, Croydon, Tameside?"
    );
    let err = Group::named("x", ["Kent", &name]).unwrap_err();
    assert!(err.to_string().len() < 100, "{err}");
}

#[test]
fn ons_codes_resolve_in_any_case() {
    for code in ["E09000007", "e09000007", " e09000007 "] {
        assert_eq!(Authority::resolve(code).unwrap().name, "Camden", "{code:?}");
        assert_eq!(
            Authority::by_ons_code(code).unwrap().name,
            "Camden",
            "{code:?}"
        );
    }
    let cohort = Cohort::from_csv_reader(
        "x",
        scores_csv(&["e09000007,,,3,3,3,3,3,3,3,3,3"]).as_bytes(),
    )
    .unwrap();
    assert_eq!(cohort.members[0].ons_code(), Some("E09000007"));
}

// --- size limits ----------------------------------------------------------------------------

#[test]
fn a_one_megabyte_cell_is_refused_naming_the_limit_and_place() {
    let cell = "x".repeat(1 << 20);
    let row =
        format!("Camden,Good,2025-02,3,3,3,3,3,3,3,3,3\n{cell},Good,2025-02,3,3,3,3,3,3,3,3,3");
    let err = Cohort::from_csv_reader("x", scores_csv(&[&row]).as_bytes()).unwrap_err();
    assert_eq!(
        err,
        CsvError::TooLarge {
            limit: CsvLimit::CellBytes,
            line: 3,
            column: 1,
            found: Some(1024 * 1024),
        }
    );
    assert_eq!(
        err.to_string(),
        "line 3, column 1: a cell of 1048576 bytes, more than the limit of 1024 bytes per cell"
    );
    assert_eq!(err.line(), Some(3));

    // In a header too, and in every loader.
    let csv = format!("group,{}\n", "a".repeat(2000));
    let err = Group::load_csv(csv.as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 1, column 2: a cell of 2000 bytes, more than the limit of 1024 bytes per cell"
    );
    let csv = format!("authority,peer\nCamden,\"{}\"\n", "x".repeat(1 << 20));
    let err = PeerGroups::from_csv_reader(csv.as_bytes()).unwrap_err();
    assert!(matches!(
        err,
        CsvError::TooLarge {
            limit: CsvLimit::CellBytes,
            line: 2,
            column: 2,
            ..
        }
    ));
}

#[test]
fn a_cell_at_the_limit_is_read() {
    let name = "x".repeat(1024);
    let csv = format!("group,authority\n{name},Kent\n");
    let groups = Group::load_csv(csv.as_bytes()).unwrap();
    assert_eq!(groups[0].name, name);
}

/// A reader of a header then the same row forever, without holding it in memory.
struct Endless {
    header: &'static [u8],
    row: &'static [u8],
    at: usize,
}

impl Read for Endless {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut n = 0;
        while n < buf.len() {
            let (source, offset) = if self.at < self.header.len() {
                (self.header, self.at)
            } else {
                let i = (self.at - self.header.len()) % self.row.len();
                (self.row, i)
            };
            let take = (source.len() - offset).min(buf.len() - n);
            buf[n..n + take].copy_from_slice(&source[offset..offset + take]);
            n += take;
            self.at += take;
        }
        Ok(n)
    }
}

#[test]
fn rows_past_the_row_limit_are_refused() {
    let reader = Endless {
        header: b"authority,peer\n",
        row: b"Northmere,Southmere\n",
        at: 0,
    };
    let err = PeerGroups::from_csv_reader(reader).unwrap_err();
    assert_eq!(
        err,
        CsvError::TooLarge {
            limit: CsvLimit::Rows,
            line: 1_000_002,
            column: 1,
            found: None
        }
    );
    assert_eq!(
        err.to_string(),
        "line 1000002, column 1: more than the limit of 1000000 records"
    );
}

#[test]
fn input_past_the_file_limit_is_refused_where_it_passes() {
    const HEADER: &[u8] = b"authority,peer,note\n";
    const ROW: &[u8] = b"Northmere,Southmere,a note long enough to reach the byte limit before the row limit: 0123456789\n";
    let reader = Endless {
        header: HEADER,
        row: ROW,
        at: 0,
    };
    let err = PeerGroups::from_csv_reader(reader).unwrap_err();
    let limit = CsvLimit::FileBytes.value();
    assert_eq!(limit, 64 * 1024 * 1024);
    let past = limit - HEADER.len() as u64; // bytes of rows before the limit
    let rows = past / ROW.len() as u64;
    let expected = CsvError::TooLarge {
        limit: CsvLimit::FileBytes,
        line: rows + 2,
        column: past % ROW.len() as u64 + 1,
        found: None,
    };
    assert_eq!(err, expected);
    assert_eq!(
        err.to_string(),
        "line 699052, column 45: the input is longer than the limit of 67108864 bytes"
    );
}

// --- groups ---------------------------------------------------------------------------------

#[test]
fn one_hundred_thousand_groups_load_in_linear_time() {
    let names = [
        "Camden",
        "Kent County Council",
        "e08000011",
        "\"Bristol, City of\"",
    ];
    let mut csv = String::from("group,authority\n");
    for i in 0..100_000 {
        csv.push_str(&format!("Group {i},{}\n", names[i % names.len()]));
    }
    // Each group's second member, in reverse order of groups.
    for i in (0..100_000).rev() {
        csv.push_str(&format!("Group {i},Leeds\n"));
    }
    let (groups, warnings) = Group::load_csv_with_warnings(csv.as_bytes()).unwrap();
    assert_eq!(groups.len(), 100_000);
    assert!(warnings.is_empty());
    assert_eq!(groups[99_999].name, "Group 99999");
    let listed =
        |codes: [&str; 2]| cqc_la::cohort::GroupMembers::Listed(codes.map(str::to_owned).to_vec());
    assert_eq!(groups[99_998].members, listed(["E08000011", "E08000035"])); // Knowsley, Leeds
    assert_eq!(groups[99_999].members, listed(["E06000023", "E08000035"])); // Bristol, Leeds
}

#[test]
fn a_council_twice_in_a_group_is_listed_once_with_a_warning() {
    let csv =
        "group,authority\nNorth,Leeds\nSouth,Kent\nNorth,Leeds City Council\nNorth,e08000035\n";
    let (groups, warnings) = Group::load_csv_with_warnings(csv.as_bytes()).unwrap();
    assert_eq!(
        groups[0].members,
        cqc_la::cohort::GroupMembers::Listed(vec!["E08000035".to_owned()])
    );
    let text: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        text,
        [
            "line 4: Leeds is already in group 'North' on line 2; listed once",
            "line 5: Leeds is already in group 'North' on line 2; listed once",
        ]
    );
}

// --- scores ---------------------------------------------------------------------------------

#[test]
fn the_same_council_under_three_names_is_warned_naming_both_lines() {
    let csv = scores_csv(&[
        "Camden,Outstanding,2025-02,3,3,4,3,4,4,3,4,4",
        "Kent,Good,2025-03,3,3,3,3,3,3,3,3,3",
        "London Borough of Camden,Outstanding,2025-02,4,4,4,4,4,4,4,4,4",
        "E09000007,Outstanding,2025-02,4,4,4,4,4,4,4,4,3",
    ]);
    let (cohort, warnings) = Cohort::from_csv_reader_with_warnings("x", csv.as_bytes()).unwrap();
    assert_eq!(cohort.len(), 2);
    // The last row wins, and says so.
    assert_eq!(cohort.get("Camden").unwrap().overall().total, 35);
    let text: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        text,
        [
            "line 4: 'London Borough of Camden' is Camden, already on line 2 as 'Camden'; the row on line 4 replaces it",
            "line 5: 'E09000007' is Camden, already on line 4 as 'London Borough of Camden'; the row on line 5 replaces it",
        ]
    );
    assert_eq!(
        warnings[0].kind,
        LoadWarningKind::DuplicateAuthority {
            authority: "Camden".to_owned(),
            name: "London Borough of Camden".to_owned(),
            first_line: 2,
            first_name: "Camden".to_owned(),
        }
    );
    // Two unresolved rows with the same name are one council too.
    let csv = scores_csv(&["Northmere,,,3,,,,,,,,", "northmere,,,2,,,,,,,,"]);
    let (cohort, warnings) = Cohort::from_csv_reader_with_warnings("x", csv.as_bytes()).unwrap();
    assert_eq!(cohort.len(), 1);
    assert_eq!(
        warnings[0].to_string(),
        "line 3: 'northmere' is northmere, already on line 2 as 'Northmere'; the row on line 3 replaces it"
    );
}

#[test]
fn a_rating_the_scores_contradict_is_warned_and_kept() {
    let csv = scores_csv(&[
        // 18/36 = 50 %: Requires improvement, published Good.
        "Camden,Good,2025-02,2,2,2,2,2,2,2,2,2",
        // 34/36 = 94.4 %: Outstanding, published Outstanding.
        "Kent,Outstanding,2025-02,4,4,4,4,4,4,4,4,2",
        // 14/36 = 38.9 %, between bands: either neighbour is admitted.
        "Essex,Requires improvement,2025-02,1,1,1,1,2,2,2,2,2",
        // 8 known scores, 24/32: Good; a ninth score of 4 would give 28/36 = 77.8 %: still Good,
        // so Outstanding is impossible whatever the unknown score.
        "Leeds,Outstanding,2025-02,3,3,3,3,3,3,3,3,",
        // 8 known, 31/32: a ninth 1 gives 32/36 = 88.9 %, Outstanding; Good needs <= 87 %:
        // impossible. A ninth of any value is Outstanding.
        "Wirral,Good,2025-02,4,4,4,4,4,4,4,3,",
        // 8 known, 28/32 = 87.5 %: a ninth 4 gives 32/36, Outstanding: possible, no warning.
        "Sefton,Outstanding,2025-02,4,4,4,4,3,3,3,3,",
    ]);
    let (cohort, warnings) = Cohort::from_csv_reader_with_warnings("x", csv.as_bytes()).unwrap();
    assert_eq!(cohort.get("Camden").unwrap().rating, Some(Rating::Good));
    let text: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        text,
        [
            "line 2: the rating 'Good' does not match the scores (18/36 = 50.0%, Requires improvement); kept as published",
            "line 5: the rating 'Outstanding' does not match the scores (24/32 = 75.0%, Good); kept as published",
            "line 6: the rating 'Good' does not match the scores (31/32 = 96.9%, Outstanding); kept as published",
        ]
    );
}

#[test]
fn the_embedded_scores_load_without_warnings() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/published-scores.csv");
    let (cohort, warnings) = Cohort::from_csv_path_with_warnings(&path).unwrap();
    assert_eq!(cohort.len(), 72);
    assert_eq!(warnings, []);
}

#[test]
fn impossible_months_are_refused_with_line_and_column() {
    assert_eq!(
        load_err(&["Camden,Good,0000-01,3,3,3,3,3,3,3,3,3"]),
        "line 2: expected a month as YYYY-MM in a year from 0001 in column 'published', found '0000-01'"
    );
    assert_eq!(
        load_err(&["Camden,Good,2025-00,3,3,3,3,3,3,3,3,3"]),
        "line 2: expected a month as YYYY-MM with MM from 01 to 12 in column 'published', found '2025-00'"
    );
    assert_eq!(
        load_err(&["Camden,Good,2025-13,3,3,3,3,3,3,3,3,3"]),
        "line 2: expected a month as YYYY-MM with MM from 01 to 12 in column 'published', found '2025-13'"
    );
    assert_eq!(
        load_err(&["Camden,Good,2025-+2,3,3,3,3,3,3,3,3,3"]),
        "line 2: expected a month as YYYY-MM in column 'published', found '2025-+2'"
    );
    assert_eq!(
        load_err(&["Camden,Good,2025-2,3,3,3,3,3,3,3,3,3"]),
        "line 2: expected a month as YYYY-MM in column 'published', found '2025-2'"
    );
    assert!("0000-01".parse::<YearMonth>().is_err());
    assert_eq!(YearMonth::new(0, 1), None);
}

#[test]
fn non_canonical_scores_are_refused_with_line_and_column() {
    for (cell, expected) in [
        ("+3", "a score written as one digit from 1 to 4"),
        ("03", "a score written as one digit from 1 to 4"),
        ("3.0", "a score written as one digit from 1 to 4"),
        ("3e0", "a score written as one digit from 1 to 4"),
        ("0", "a score from 1 to 4"),
        ("5", "a score from 1 to 4"),
        ("three", "a score from 1 to 4"),
        ("-3", "a score from 1 to 4"),
    ] {
        let row = format!("Camden,Good,2025-02,3,3,{cell},3,3,3,3,3,3");
        assert_eq!(
            load_err(&["Kent,,,,,,,,,,,", &row]),
            format!("line 3: expected {expected} in column 'equity', found '{cell}'"),
        );
    }
    // Spaces around a cell are not part of it: " 3" is 3.
    let cohort = Cohort::from_csv_reader(
        "x",
        scores_csv(&["Camden,Good,2025-02,3,3, 3 ,3,3,3,3,3,3"]).as_bytes(),
    )
    .unwrap();
    assert_eq!(
        cohort.members[0].score(QualityStatement::EquityInExperienceAndOutcomes),
        Score::new(3)
    );
}

#[test]
fn an_invalid_cell_is_quoted_short() {
    let cell = "4".repeat(1000);
    let row = format!("Camden,Good,2025-02,3,3,{cell},3,3,3,3,3,3");
    assert_eq!(
        load_err(&[&row]),
        "line 2: expected a score from 1 to 4 in column 'equity', found '4444444444444444444444444444444444444444...'"
    );
}
