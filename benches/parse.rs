//! Parsing throughput, structure only and structure plus metrics, next to the floor of touching
//! every byte (`split_whitespace().count()`).
//!
//!     cargo bench --bench parse

use std::hint::black_box;
use std::time::Duration;

use cqc_la::{Assessment, Report};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

mod common;

fn parse(c: &mut Criterion) {
    let (full, section) = common::full_and_section();
    let big = common::Input {
        name: "camden_x64",
        text: full.text.repeat(64),
    };
    let big_name = if full.name == "camden" {
        "camden_x64"
    } else {
        "northmere_x64"
    };
    let mut group = c.benchmark_group("parse");
    for (name, input) in [(full.name, &full), ("section", &section), (big_name, &big)] {
        let text = input.text.as_str();
        let expected = Report::parse(text).expect("the bench input parses");
        let sections = expected.statements.len() + expected.duplicates.len();
        let words = text.split_whitespace().count();
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("words/{name}"), |b| {
            b.iter(|| {
                let n = black_box(text).split_whitespace().count();
                assert_eq!(n, words);
                n
            });
        });
        group.bench_function(format!("structure/{name}"), |b| {
            b.iter(|| {
                let report = Report::parse(black_box(text)).unwrap();
                assert_eq!(report.statements.len() + report.duplicates.len(), sections);
                report
            });
        });
        let metrics = expected.metrics().len();
        group.bench_function(format!("metrics/{name}"), |b| {
            b.iter(|| {
                // Criterion drops the returned assessment inside the timed loop, so freeing it
                // is timed, as in the structure-only bench.
                let assessment = Assessment::parse(black_box(text)).unwrap();
                assert_eq!(assessment.metrics().len(), metrics);
                assessment
            });
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = parse
}
criterion_main!(benches);
