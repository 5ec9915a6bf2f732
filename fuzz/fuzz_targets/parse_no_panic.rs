//! Any bytes: parsing never panics, and a report it returns renders without panicking.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match cqc_la::Report::parse_bytes(data) {
        Ok(report) => {
            let rendered = report.to_string();
            assert!(rendered.ends_with('\n'));
            for warning in &report.warnings {
                assert!(warning.location.offset <= data.len());
                assert!(warning.location.line >= 1 && warning.location.column >= 1);
                let _ = warning.to_string();
            }
            let _ = report.kind();
            let _ = report.overall();
        }
        Err(err) => {
            assert!(err.location().offset <= data.len());
            let _ = err.to_string();
        }
    }
});
