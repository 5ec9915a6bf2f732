//! `compare` of two full reports.
//!
//!     cargo bench --bench compare

use std::hint::black_box;
use std::time::Duration;

use cqc_la::{Assessment, compare};
use criterion::{Criterion, criterion_group, criterion_main};

mod common;

fn bench_compare(c: &mut Criterion) {
    let (full, _) = common::full_and_section();
    let (northmere, south_fenwick) = common::examples();
    let a = Assessment::parse(&full.text).unwrap();
    let b = Assessment::parse(&northmere).unwrap();
    let c2 = Assessment::parse(&south_fenwick).unwrap();
    let statements = compare(&a, &b).statements.len();
    let mut group = c.benchmark_group("compare");
    group.bench_function(format!("{}_vs_northmere", full.name), |bench| {
        bench.iter(|| {
            let comparison = compare(black_box(&a), black_box(&b));
            assert_eq!(comparison.statements.len(), statements);
            comparison
        });
    });
    group.bench_function("northmere_vs_south_fenwick", |bench| {
        bench.iter(|| {
            let comparison = compare(black_box(&b), black_box(&c2));
            assert_eq!(comparison.statements.len(), 9);
            comparison
        });
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = bench_compare
}
criterion_main!(benches);
