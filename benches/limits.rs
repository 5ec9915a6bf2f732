//! Pathological inputs at two sizes, 1x and 8x: the time per byte must stay flat (linear).
//!
//!     cargo bench --bench limits

use std::hint::black_box;
use std::time::Duration;

use cqc_la::Report;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The pathological shapes, each built for `n` repetitions (1x is n = 12,500; 8x is 100,000).
fn inputs(n: usize) -> Vec<(&'static str, String)> {
    vec![
        (
            "long_line",
            format!(
                "Safeguarding\nScore: 3\nKey findings for this quality statement\n{}\n",
                "word ".repeat(n * 20)
            ),
        ),
        (
            "percent_signs",
            format!(
                "Financial facts\n- In 2023/24, 39.36{} of the budget was spent on adult social care.\n",
                "%".repeat(n)
            ),
        ),
        (
            "score_lines",
            format!("Safeguarding\n{}", "Score: 3\n".repeat(n)),
        ),
        ("statement_headings", "Safeguarding\nScore: 3\n".repeat(n)),
        (
            "theme_headings",
            "Theme 1: How Northmere County Council works with people\n".repeat(n),
        ),
        (
            "wrapped_bullet",
            format!(
                "Financial facts\n- The local authority raised the adult social care precept\n{}",
                "  and more words\n".repeat(n)
            ),
        ),
        (
            "bullet_numbers",
            format!(
                "Financial facts\n- Approximately {}people were accessing long-term support.\n",
                "7 ".repeat(n)
            ),
        ),
    ]
}

fn limits(c: &mut Criterion) {
    let mut group = c.benchmark_group("limits");
    group.sample_size(10);
    for (scale, n) in [("1x", 12_500), ("8x", 100_000)] {
        for (name, text) in inputs(n) {
            let expected = Report::parse(&text).expect("parses");
            let warnings = expected.warnings.len();
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_function(format!("{name}/{scale}"), |b| {
                b.iter(|| {
                    let report = Report::parse(black_box(&text)).unwrap();
                    assert_eq!(report.warnings.len(), warnings);
                    report
                });
            });
        }
    }
    group.finish();
}

/// Key findings that are nothing but figures, comparators and periods, at two sizes: metric
/// extraction must stay linear too (each sentence is bounded, each figure's look-back window
/// is bounded, at most 32 figures of a sentence are read).
fn metric_inputs(n: usize) -> Vec<(&'static str, String)> {
    let findings = |run: &str| {
        format!(
            "Safeguarding\nScore: 3\nKey findings for this quality statement\n{}\n",
            run.repeat(n)
        )
    };
    vec![
        ("percent_average", findings("5% average ")),
        ("bare_numbers", findings("1 ")),
        ("years_and_figures", findings("in 2021 1% ")),
        (
            "averages_without_numbers",
            findings("similar to the England average 1% "),
        ),
        ("bracketed_pairs", findings("1%(2%)")),
    ]
}

fn metric_limits(c: &mut Criterion) {
    let mut group = c.benchmark_group("metric_limits");
    group.sample_size(10);
    for (scale, n) in [("1x", 12_500), ("8x", 100_000)] {
        for (name, text) in metric_inputs(n) {
            let report = Report::parse(&text).expect("parses");
            let count = report.metrics().len();
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_function(format!("{name}/{scale}"), |b| {
                b.iter(|| {
                    let metrics = black_box(&report).metrics();
                    assert_eq!(metrics.len(), count);
                    metrics
                });
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = limits, metric_limits
}
criterion_main!(benches);
