//! A cut-off inside a tie takes every tied member and says so: neighbours, learning partners,
//! and the top and bottom of the league table; neighbour tables show each neighbour's scores.

use cqc_la::cohort::ScoreRecord;
use cqc_la::{Cohort, QualityStatement as Q, Score};

#[test]
fn camdens_five_nearest_include_everyone_tied_at_the_cut() {
    let cohort = Cohort::published();
    let camden = cohort.get("Camden").unwrap();
    let near = cohort.neighbours(camden, 5);
    let got: Vec<(usize, &str, usize)> = near
        .rows
        .iter()
        .map(|r| (r.rank, r.name.as_str(), r.shared))
        .collect();
    // Five councils scored 3 on every statement: all at sqrt(5) from Camden, sharing 4th.
    assert_eq!(
        got,
        [
            (1, "Wokingham", 9),
            (2, "Hertfordshire", 9),
            (2, "Kensington and Chelsea", 9),
            (4, "Cheshire East", 9),
            (4, "Knowsley", 9),
            (4, "Staffordshire", 9),
            (4, "Sunderland", 9),
            (4, "Westminster", 9),
        ]
    );
    assert_eq!((near.asked, near.tied_beyond), (5, 3));
    assert!((near.rows[7].distance - 5f64.sqrt()).abs() < 1e-12);
    let westminster = &near.rows[7];
    assert_eq!(westminster.total, "27/36");
    assert_eq!(westminster.percent, Some(75.0));
    let text = near.to_string();
    assert!(
        text.contains(
            "5 asked: the cut-off falls inside a tie, so 3 more at the same distance are shown"
        ),
        "{text}"
    );
    assert!(text.contains("=4  "), "{text}");
    // The table shows each neighbour's total and percentage, not an empty score column.
    assert!(
        text.contains("  Rank  Authority               Distance  Shared   Total       %"),
        "{text}"
    );
    assert!(
        text.contains("  =4    Westminster                2.236     9/9   27/36    75.0"),
        "{text}"
    );
    assert!(!text.contains("Score"), "{text}");
}

#[test]
fn learning_partners_include_everyone_tied_at_the_cut() {
    let cohort = Cohort::published();
    let islington = cohort.get("Islington").unwrap();
    let partners = cohort.learning_partners(islington, Q::AssessingNeeds, 3);
    let got: Vec<(usize, &str, u8)> = partners
        .rows
        .iter()
        .map(|r| (r.rank, r.name.as_str(), r.score.unwrap().get()))
        .collect();
    assert_eq!(
        got,
        [
            (1, "Cheshire East", 3),
            (1, "Knowsley", 3),
            (1, "Staffordshire", 3),
            (1, "Sunderland", 3),
            (1, "Westminster", 3),
        ]
    );
    assert_eq!((partners.asked, partners.tied_beyond), (3, 2));
    let text = partners.to_string();
    assert!(
        text.contains("  Rank  Authority      Distance  Shared   Total       %  Score"),
        "{text}"
    );
}

#[test]
fn all_tied_neighbours_and_the_minimum_shared() {
    let mut cohort = Cohort::new("fictional ties");
    let three = [3; 9].map(Score::new);
    let off_by_one = |i: usize| {
        let mut s = three;
        s[i] = Score::new(4);
        s
    };
    cohort.insert(ScoreRecord::new("Alderley", three));
    for (i, name) in ["Bexwell", "Cawood", "Dunmere", "Elsham", "Fernby"]
        .into_iter()
        .enumerate()
    {
        cohort.insert(ScoreRecord::new(name, off_by_one(i)));
    }
    // Shares only four statements with Alderley: not a neighbour.
    let mut four = [None; 9];
    four[..4].copy_from_slice(&three[..4]);
    cohort.insert(ScoreRecord::new("Gorsey", four));
    // Five shared statements are enough.
    let mut five = [None; 9];
    five[..5].copy_from_slice(&three[..5]);
    cohort.insert(ScoreRecord::new("Hamble", five));

    let alderley = cohort.get("Alderley").unwrap().clone();
    let near = cohort.neighbours(&alderley, 2);
    let got: Vec<(usize, &str, usize)> = near
        .rows
        .iter()
        .map(|r| (r.rank, r.name.as_str(), r.shared))
        .collect();
    assert_eq!(
        got,
        [
            (1, "Hamble", 5),
            (2, "Bexwell", 9),
            (2, "Cawood", 9),
            (2, "Dunmere", 9),
            (2, "Elsham", 9),
            (2, "Fernby", 9)
        ]
    );
    assert_eq!(near.tied_beyond, 4);
    assert_eq!(near.too_few_shared, 1, "Gorsey shares four");
    assert_eq!(Cohort::MIN_SHARED_STATEMENTS, 5);
    let text = near.to_string();
    assert!(
        text.contains("1 left out: fewer than 5 statements in common"),
        "{text}"
    );
    assert!(
        text.contains("1     Hamble        0.000     5/9  15/20*   75.0*"),
        "{text}"
    );

    // Nothing tied at the cut: exactly what was asked.
    let bexwell = cohort.get("Bexwell").unwrap().clone();
    let near = cohort.neighbours(&bexwell, 1);
    assert_eq!(near.rows.len(), 1);
    assert_eq!(near.rows[0].name, "Alderley");
    assert_eq!(near.tied_beyond, 0);
}

#[test]
fn league_table_top_and_bottom_never_cut_a_tie() {
    let table = Cohort::published().league_table();
    let top = table.top(1);
    let names: Vec<&str> = top.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Camden", "Kensington and Chelsea"]);
    assert_eq!((top.asked, top.tied_beyond), (1, 1));
    assert!(
        top.to_string()
            .ends_with("(1 asked; 1 more tied with the last, all shown)\n"),
        "{top}"
    );
    let top = table.top(3);
    assert_eq!((top.rows.len(), top.tied_beyond), (3, 0));
    let bottom = table.bottom(1);
    assert_eq!(bottom.rows.len(), 1);
    assert_eq!(bottom.rows[0].name, "Blackpool");
    // Westminster's tie spans positions 5 to 10: a top 6 takes all ten.
    let top = table.top(6);
    assert_eq!((top.rows.len(), top.tied_beyond), (10, 4));
    assert!(
        top.rows[5..]
            .iter()
            .all(|r| r.standing.position() == "=5-10")
    );
    // The partial row (Warrington, eight statements) is never in a list of complete rows.
    assert!(table.bottom(80).rows.iter().all(|r| r.is_complete()));
    assert_eq!(table.bottom(80).rows.len(), 71);
}
