//! The CSV loaders and name resolution on hostile input, each at two sizes to show the time is
//! linear: a name of "the " repeated to 1 and 8 MiB, a scores file whose last cell is 1 and
//! 8 MiB (refused by the cell limit), 100,000 and 800,000 one-member groups, and a peer-distance
//! table of every pair of the 151 councils NHS England's model covers. Each result is checked
//! inside the loop.

use std::hint::black_box;

use cqc_la::cohort::{CsvError, CsvLimit, Group, PeerGroups};
use cqc_la::{Authority, Cohort};
use criterion::{Criterion, criterion_group, criterion_main};

const MIB: usize = 1024 * 1024;

fn resolve(c: &mut Criterion) {
    for mib in [1, 8] {
        let name = "the ".repeat(mib * MIB / 4);
        c.bench_function(&format!("resolve_the_repeated_{mib}mib"), |b| {
            b.iter(|| {
                let err = Authority::resolve(black_box(&name)).unwrap_err();
                assert!(err.suggestions.len() <= 3);
            });
        });
    }
}

fn big_cell(c: &mut Criterion) {
    for mib in [1, 8] {
        let csv = format!(
            "authority,overall_rating,published,assessing_needs,healthier_lives,equity,care_provision,partnerships,safe_pathways,safeguarding,governance,learning\n{},Good,2025-02,3,3,3,3,3,3,3,3,3\n",
            "x".repeat(mib * MIB)
        );
        c.bench_function(&format!("scores_csv_cell_{mib}mib"), |b| {
            b.iter(|| {
                let err = Cohort::from_csv_reader("x", black_box(csv.as_bytes())).unwrap_err();
                assert!(matches!(
                    err,
                    CsvError::TooLarge {
                        limit: CsvLimit::CellBytes,
                        line: 2,
                        ..
                    }
                ));
            });
        });
    }
}

fn groups(c: &mut Criterion) {
    let mut group = c.benchmark_group("groups");
    group.sample_size(10);
    for count in [100_000, 800_000] {
        let mut csv = String::from("group,authority\n");
        for i in 0..count {
            csv.push_str(&format!("Group {i},Camden\n"));
        }
        group.bench_function(format!("load_{count}_groups"), |b| {
            b.iter(|| {
                let groups = Group::load_csv(black_box(csv.as_bytes())).unwrap();
                assert_eq!(groups.len(), count);
            });
        });
    }
    group.finish();
}

fn peer_distances(c: &mut Criterion) {
    let councils: Vec<&Authority> = Authority::all()
        .iter()
        .filter(|a| !["E06000053", "E09000001"].contains(&a.ons_code.as_str()))
        .collect();
    let mut csv = String::from("UTLA22NM_1,UTLA22NM_2,distance\n");
    for (i, a) in councils.iter().enumerate() {
        for (j, b) in councils.iter().enumerate() {
            if i != j {
                csv.push_str(&format!("\"{}\",\"{}\",{}\n", a.name, b.name, (i * j) % 97));
            }
        }
    }
    c.bench_function("peer_distances_151_councils", |b| {
        b.iter(|| {
            let table = PeerGroups::from_csv_reader(black_box(csv.as_bytes())).unwrap();
            assert_eq!(table.len(), 151);
            assert!(table.warnings().is_empty());
        });
    });
}

criterion_group!(benches, resolve, big_cell, groups, peer_distances);
criterion_main!(benches);
