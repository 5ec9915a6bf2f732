//! Any bytes: parsing never panics, and a report it returns renders without panicking.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../tests/suite/util.rs"]
mod util;

fuzz_target!(|data: &[u8]| {
    match cqc_la::Report::parse_bytes(data) {
        Ok(report) => {
            // Every line of the input is in the model, once, in order.
            if let Ok(text) = std::str::from_utf8(data) {
                util::assert_lossless(text, &report);
            }
            let rendered = report.to_string();
            assert!(rendered.ends_with('\n'));
            for warning in &report.warnings {
                assert!(warning.location.offset <= data.len());
                assert!(warning.location.line >= 1 && warning.location.column >= 1);
                let _ = warning.to_string();
            }
            for metric in report.metrics() {
                if let Some(span) = metric.span {
                    assert!(span.start <= span.end && span.end <= data.len());
                }
            }
            let _ = report.metric_warnings();
            let _ = report.kind();
            let _ = report.overall();
            let assessment = cqc_la::Assessment::new(report);
            let comparison = cqc_la::compare(&assessment, &assessment);
            assert!(comparison.a_ahead.is_empty() && comparison.b_ahead.is_empty());
            let _ = comparison.to_string();
        }
        Err(err) => {
            assert!(err.location().offset <= data.len());
            let _ = err.to_string();
        }
    }
});
