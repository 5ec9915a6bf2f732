//! The fatal errors, as exact messages (semver style): they are part of the interface.

use cqc_la::{Location, ParseErrorKind, Report, ReportParser};

#[track_caller]
fn error(input: &str) -> cqc_la::ParseError {
    match Report::parse(input) {
        Ok(report) => panic!("expected an error, parsed {report:?}"),
        Err(err) => err,
    }
}

#[track_caller]
fn byte_error(input: &[u8]) -> cqc_la::ParseError {
    match Report::parse_bytes(input) {
        Ok(report) => panic!("expected an error, parsed {report:?}"),
        Err(err) => err,
    }
}

const NOT_A_REPORT: &str = "no CQC local authority assessment content found: expected a header such as '<Authority>: local authority assessment', a quality statement title or a 'Score: N' line";

#[test]
fn empty_input() {
    let err = error("");
    assert_eq!(err.kind(), &ParseErrorKind::Empty);
    assert_eq!(err.to_string(), "the input is empty (line 1, column 1)");
    assert_eq!(err.snippet(), "");
    assert_eq!(byte_error(b"").to_string(), err.to_string());
}

#[test]
fn whitespace_only() {
    for input in [
        " ",
        "\n",
        "\r\n\r\n",
        "  \t \n \n\t",
        "\u{feff}",
        "\u{feff}\n \n",
    ] {
        let err = error(input);
        assert_eq!(err.kind(), &ParseErrorKind::Empty, "{input:?}");
        assert_eq!(
            err.to_string(),
            "the input is empty (line 1, column 1)",
            "{input:?}"
        );
    }
}

#[test]
fn not_a_report_points_at_the_first_line() {
    let err = error("\n\n  Dear resident, thank you for your letter.\nIt was read.\n");
    assert_eq!(err.kind(), &ParseErrorKind::NotAReport);
    assert_eq!(
        err.location(),
        Location {
            line: 3,
            column: 3,
            offset: 4
        }
    );
    assert_eq!(err.snippet(), "Dear resident, thank you for your letter.");
    assert_eq!(
        err.to_string(),
        format!("{NOT_A_REPORT} (line 3, column 3): 'Dear resident, thank you for your letter.'")
    );
}

#[test]
fn not_a_report_snippet_is_sixty_characters() {
    let line = "\u{2018}Quoted\u{2019} ".repeat(20);
    let err = error(&line);
    assert_eq!(err.kind(), &ParseErrorKind::NotAReport);
    let expected: String = line.chars().take(60).collect();
    assert_eq!(err.snippet(), expected);
    assert_eq!(err.snippet().chars().count(), 60);
    assert_eq!(
        err.to_string(),
        format!("{NOT_A_REPORT} (line 1, column 1): '{expected}'")
    );
}

#[test]
fn not_a_report_fixture() {
    let text = super::util::fixture("not-a-report.txt");
    let err = error(&text);
    assert_eq!(err.kind(), &ParseErrorKind::NotAReport);
    assert!(err.to_string().starts_with(NOT_A_REPORT), "{err}");
}

#[test]
fn invalid_utf8_at_a_known_line_and_column() {
    // Line 3, after "Score" and a curly apostrophe (a 3-byte character, one column).
    let mut bytes = b"Safeguarding\n\n\xe2\x80\x99Score ".to_vec();
    bytes.push(0xff);
    bytes.extend_from_slice(b"3\n");
    let err = byte_error(&bytes);
    assert_eq!(err.kind(), &ParseErrorKind::InvalidUtf8 { byte: 0xff });
    assert_eq!(
        err.location(),
        Location {
            line: 3,
            column: 8,
            offset: 23
        }
    );
    assert_eq!(err.snippet(), "\u{2019}Score ");
    assert_eq!(
        err.to_string(),
        "the input is not UTF-8 text: invalid byte 0xff (line 3, column 8): '\u{2019}Score '"
    );
}

#[test]
fn invalid_utf8_first_byte_and_truncated_character() {
    let err = byte_error(b"\x80Safeguarding");
    assert_eq!(
        err.to_string(),
        "the input is not UTF-8 text: invalid byte 0x80 (line 1, column 1)"
    );
    // A character cut short at the end: the error points at its first byte.
    let err = byte_error(b"Safeguarding\nScore: 3\n\xe2\x80");
    assert_eq!(err.kind(), &ParseErrorKind::InvalidUtf8 { byte: 0xe2 });
    assert_eq!(
        err.location(),
        Location {
            line: 3,
            column: 1,
            offset: 22
        }
    );
    assert_eq!(
        err.to_string(),
        "the input is not UTF-8 text: invalid byte 0xe2 (line 3, column 1)"
    );
    // Latin-1 text (a pound sign as 0xa3).
    let err = byte_error(b"Financial facts\n- Budget \xa3100\n");
    assert_eq!(
        err.to_string(),
        "the input is not UTF-8 text: invalid byte 0xa3 (line 2, column 10): '- Budget '"
    );
}

#[test]
fn too_large() {
    let parser = ReportParser::new().max_input(10);
    let err = parser.parse("Safeguarding\nScore: 3\n").unwrap_err();
    assert_eq!(
        err.kind(),
        &ParseErrorKind::TooLarge {
            size: 22,
            limit: 10
        }
    );
    assert_eq!(
        err.to_string(),
        "the input is 22 bytes, more than the limit of 10 bytes (line 1, column 1)"
    );
    // Bytes are measured before UTF-8 is checked.
    let err = parser.parse_bytes(&[0xff; 11]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the input is 11 bytes, more than the limit of 10 bytes (line 1, column 1)"
    );
}

#[test]
fn errors_are_std_errors_and_send_sync() {
    fn assert_error<E: std::error::Error + Send + Sync + 'static>(_: &E) {}
    assert_error(&error(""));
}
