//! Cohort operations on all 153 councils with deterministic pseudo-random scores: the league
//! table, the distributions of every statement and theme, nearest neighbours, learning
//! partners and an authority against its region. Each result is checked inside the loop.
//! Ranks are computed among records covering the same statements and neighbour lists take
//! every member tied at the cut-off, so a list of five may hold more.

use std::hint::black_box;

use cqc_la::cohort::{Group, ScoreRecord};
use cqc_la::{Authority, Cohort, QualityStatement, Score};
use criterion::{Criterion, criterion_group, criterion_main};

fn all_councils() -> Cohort {
    councils(false)
}

/// The 153 councils with pseudo-random scores; with `partial`, every eighth one has one score
/// unknown (a different statement each time), so ranks are computed per coverage.
fn councils(partial: bool) -> Cohort {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    Cohort::from_records(
        "all councils",
        Authority::all().iter().map(|a| {
            let mut scores =
                [(); 9].map(|()| Score::new(u8::try_from(next() % 4).unwrap_or(0) + 1));
            let roll = next();
            if partial && roll % 8 == 0 {
                scores[usize::try_from(roll / 8 % 9).unwrap_or(0)] = None;
            }
            ScoreRecord::new(a.name.clone(), scores)
        }),
    )
}

/// The goal in one measurement: build the cohort of 153 from their scores, rank it, compute
/// every distribution (percentiles) and find the five nearest neighbours (and everyone tied
/// with the fifth) of each of the 153 (goal: under 5 ms).
fn whole_cohort(c: &mut Criterion) {
    c.bench_function("build_rank_percentiles_neighbours_153", |b| {
        b.iter(|| {
            let cohort = all_councils();
            assert_eq!(cohort.members.len(), 153);
            assert_eq!(cohort.league_table().rows.len(), 153);
            assert_eq!(cohort.distributions().items.len(), 13);
            let found: usize = cohort
                .members
                .iter()
                .map(|member| {
                    let near = cohort.neighbours(member, 5);
                    assert_eq!(near.rows.len(), 5 + near.tied_beyond);
                    near.rows.len()
                })
                .sum();
            assert!(found >= 153 * 5);
            black_box(cohort)
        });
    });
    c.bench_function("build_rank_percentiles_neighbours_153_some_partial", |b| {
        b.iter(|| {
            let cohort = councils(true);
            let table = cohort.league_table();
            assert_eq!(table.rows.len(), 153);
            assert!(table.rows.iter().any(|r| r.is_partial()));
            assert_eq!(cohort.distributions().items.len(), 13);
            let found: usize = cohort
                .members
                .iter()
                .map(|member| cohort.neighbours(member, 5).rows.len())
                .sum();
            assert!(found >= 153 * 5);
            black_box(cohort)
        });
    });
    let cohort = all_councils();
    c.bench_function("neighbours_all_153", |b| {
        b.iter(|| {
            let found: usize = black_box(&cohort)
                .members
                .iter()
                .map(|member| cohort.neighbours(member, 5).rows.len())
                .sum();
            assert!(found >= 153 * 5);
        });
    });
}

fn cohort(c: &mut Criterion) {
    let cohort = all_councils();
    let target = cohort.members[0].clone();
    let region = Group::region(target.authority.unwrap().region);
    c.bench_function("league_table_153", |b| {
        b.iter(|| assert_eq!(black_box(&cohort).league_table().rows.len(), 153));
    });
    c.bench_function("distributions_153", |b| {
        b.iter(|| assert_eq!(black_box(&cohort).distributions().items.len(), 13));
    });
    c.bench_function("neighbours_153", |b| {
        b.iter(|| assert!(black_box(&cohort).neighbours(&target, 5).rows.len() >= 5));
    });
    c.bench_function("learning_partners_153", |b| {
        b.iter(|| {
            let p =
                black_box(&cohort).learning_partners(&target, QualityStatement::Safeguarding, 5);
            assert!(p.rows.len() <= 5 + p.tied_beyond);
        });
    });
    c.bench_function("against_region_153", |b| {
        b.iter(|| {
            assert_eq!(
                black_box(&cohort)
                    .against_group(&target, &region)
                    .statements
                    .len(),
                9
            )
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(3));
    targets = whole_cohort, cohort
}
criterion_main!(benches);
