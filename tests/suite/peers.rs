//! Peer tables in each shape (tests/fixtures/peers: real council names, made-up relations), the
//! "no peers in this model" answer, and a record benchmarked against its peers.

use std::path::PathBuf;

use cqc_la::cohort::{
    AgainstPeers, CsvError, GroupMembers, NoPeers, PeerGroups, PeerShape, PeersOf, ScoreRecord,
    Subject,
};
use cqc_la::{Authority, Cohort, QualityStatement, Score};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/peers")
        .join(name)
}

#[track_caller]
fn load(name: &str) -> PeerGroups {
    PeerGroups::from_csv_path(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[track_caller]
fn council(name: &str) -> &'static Authority {
    Authority::resolve(name).unwrap_or_else(|e| panic!("{e}"))
}

/// The peers of a council as (name, rank, distance), nearest first.
#[track_caller]
fn peers(table: &PeerGroups, name: &str) -> Vec<(&'static str, Option<u32>, Option<f64>)> {
    match table.peers_of(council(name)) {
        PeersOf::Peers(peers) => peers
            .iter()
            .map(|p| (p.authority.name.as_str(), p.rank, p.distance))
            .collect(),
        PeersOf::NoPeers(reason) => panic!("{name}: {reason}"),
    }
}

fn warnings(table: &PeerGroups) -> Vec<String> {
    table.warnings().iter().map(ToString::to_string).collect()
}

#[test]
fn nhs_england_peers_wide() {
    let table = load("nhs-england-peers.csv");
    assert_eq!(table.shape(), PeerShape::NhsEnglandPeers);
    let councils: Vec<&str> = table.councils().map(|a| a.name.as_str()).collect();
    assert_eq!(
        councils,
        [
            "Camden",
            "Bristol",
            "Kingston Upon Hull",
            "Kent",
            "Islington",
            "Westminster"
        ]
    );
    assert_eq!(
        peers(&table, "Camden"),
        [
            ("Islington", Some(1), None),
            ("Hackney", Some(2), None),
            ("Westminster", Some(3), None),
            ("Lambeth", Some(4), None),
            ("Southwark", Some(5), None),
        ]
    );
    let names = |name| -> Vec<&str> { peers(&table, name).into_iter().map(|p| p.0).collect() };
    assert_eq!(
        names("Bristol City Council"),
        [
            "Leeds",
            "Manchester",
            "Nottingham",
            "Sheffield",
            "Liverpool"
        ]
    );
    assert_eq!(
        names("Hull"),
        [
            "Middlesbrough",
            "Hartlepool",
            "Blackpool",
            "Stoke-on-Trent",
            "Sunderland"
        ]
    );
    // Cumbria (abolished in 2023) is left out, with its rank left empty.
    assert_eq!(
        peers(&table, "Kent").last(),
        Some(&("West Sussex", Some(4), None))
    );
    // Empty cells: fewer peers.
    assert_eq!(names("Islington"), ["Camden", "Hackney"]);
    // Westminster as its own peer is left out; rank 3 stays empty.
    let ranks: Vec<Option<u32>> = peers(&table, "Westminster").iter().map(|p| p.1).collect();
    assert_eq!(ranks, [Some(1), Some(2), Some(4)]);
    assert_eq!(
        warnings(&table),
        [
            "line 5, column '5': 'Cumbria' matches none of the 153 councils; left out (2 cells)",
            "line 8: Westminster is listed as its own peer; left out",
            "line 9: Camden already has a row on line 2; this row is left out",
        ]
    );
}

#[test]
fn scilly_and_the_city_of_london_have_no_peers_in_nhs_england_model() {
    for file in ["nhs-england-peers.csv", "nhs-england-distances.csv"] {
        let table = load(file);
        for name in ["Isles of Scilly", "City of London"] {
            let answer = table.peers_of(council(name));
            assert_eq!(
                answer,
                PeersOf::NoPeers(NoPeers::NotInNhsEnglandModel),
                "{file}: {name}"
            );
            assert_eq!(answer.peers(), None);
            assert_eq!(
                table.group(council(name)),
                Err(NoPeers::NotInNhsEnglandModel)
            );
        }
        // Any other council missing from the table.
        assert_eq!(
            table.peers_of(council("Cornwall")),
            PeersOf::NoPeers(NoPeers::NotInTable)
        );
    }
    assert_eq!(
        NoPeers::NotInNhsEnglandModel.to_string(),
        "no peers in this model: NHS England's default model leaves out the Isles of Scilly and the City of London"
    );
    assert_eq!(
        NoPeers::NotInTable.to_string(),
        "no peers in this model: the table lists none"
    );

    // Benchmarking the Isles of Scilly against its peers says so, in place of a comparison.
    let table = load("nhs-england-peers.csv");
    let cohort = Cohort::published();
    let scilly = cohort.get("Isles of Scilly").unwrap();
    let answer = cohort.against_peers(scilly, &table);
    assert_eq!(
        answer,
        AgainstPeers::NoPeers {
            name: "Isles of Scilly".to_owned(),
            reason: NoPeers::NotInNhsEnglandModel,
        }
    );
    assert_eq!(
        answer.to_string(),
        "Isles of Scilly: no peers in this model: NHS England's default model leaves out the Isles of Scilly and the City of London\n"
    );
}

#[test]
fn nhs_england_distances_rank_by_distance_with_ties() {
    let table = load("nhs-england-distances.csv");
    assert_eq!(table.shape(), PeerShape::NhsEnglandDistances);
    assert_eq!(
        peers(&table, "Camden"),
        [
            ("Islington", Some(1), Some(0.412)),
            ("Westminster", Some(2), Some(0.53)), // tied: file order
            ("Hackney", Some(2), Some(0.53)),
            ("Lambeth", Some(4), Some(0.611)),
            ("Kent", Some(5), Some(2.904)),
        ]
    );
    assert_eq!(
        peers(&table, "Leeds"),
        [
            ("Manchester", Some(1), Some(0.388)),
            ("Bristol", Some(2), Some(0.401)),
            ("Sheffield", Some(2), Some(0.401)),
            ("Birmingham", Some(4), Some(0.402)),
        ]
    );
    assert_eq!(
        warnings(&table),
        ["line 12: Islington is already a peer of Camden on line 2; left out"]
    );
    // The two nearest, ties at the cut kept; one nearest.
    let two = table.clone().nearest(2);
    let names: Vec<&str> = peers(&two, "Camden").iter().map(|p| p.0).collect();
    assert_eq!(names, ["Islington", "Westminster", "Hackney"]);
    let one = table.nearest(1);
    assert_eq!(peers(&one, "Leeds"), [("Manchester", Some(1), Some(0.388))]);
    assert_eq!(one.len(), 3);
}

#[test]
fn cipfa_nearest_neighbours_by_code() {
    let table = load("cipfa-nearest-neighbours.csv");
    assert_eq!(table.shape(), PeerShape::Long);
    assert_eq!(
        peers(&table, "Hartlepool"),
        [
            ("Redcar and Cleveland", Some(1), None),
            ("Middlesbrough", Some(2), None),
            ("South Tyneside", Some(3), None),
            ("Sunderland", Some(4), None), // tied at 4: file order
            ("North East Lincolnshire", Some(4), None),
            ("Stockton-on-Tees", Some(6), None),
        ]
    );
    // CIPFA's model includes the City of London; the Isles of Scilly is not in this table.
    assert_eq!(
        peers(&table, "City of London"),
        [("Westminster", Some(1), None), ("Camden", Some(2), None)]
    );
    assert_eq!(
        table.peers_of(council("Isles of Scilly")),
        PeersOf::NoPeers(NoPeers::NotInTable)
    );
    assert_eq!(table.warnings(), []);
    let four = table.nearest(4);
    assert_eq!(peers(&four, "Hartlepool").len(), 5);
}

#[test]
fn a_missing_column_names_it_and_lists_the_columns_found() {
    let err = PeerGroups::from_csv_path(fixture("missing-column.csv")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the header has no 'peer' column (nor peer_name, peer_code, neighbour, neighbour_name, neighbour_code, neighbor, nearest_neighbour, nearest_neighbor, comparator); columns found: 'authority', 'rank', 'distance'"
    );
    assert!(matches!(err, CsvError::ColumnNotFound { ref column, .. } if column == "peer"));
    let err =
        PeerGroups::from_csv_reader("council_name,neighbour\nKent,Essex\n".as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the header has no 'authority' column (nor authority_name, authority_code, local_authority, la, la_name, la_code, area, area_name, area_code, council); columns found: 'council_name', 'neighbour'"
    );
}

#[test]
fn bad_cells_are_refused_with_line_and_column() {
    let err =
        PeerGroups::from_csv_reader("authority,peer,rank\nKent,Essex,0\n".as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 2: expected a rank (a whole number from 1) in column 'rank', found '0'"
    );
    let err =
        PeerGroups::from_csv_reader("LA_1,LA_2,distance\nKent,Essex,-1\n".as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 2: expected a distance (a number from 0) in column 'distance', found '-1'"
    );
    let err = PeerGroups::from_csv_reader("authority,peer\nKent,\n".as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 2: expected a peer's name in column 'peer', found ''"
    );
}

#[test]
fn a_long_list_without_rank_or_distance_keeps_file_order() {
    let table =
        PeerGroups::from_csv_reader("area,comparator\nKent,Surrey\nKent,Essex\n".as_bytes())
            .unwrap();
    assert_eq!(
        peers(&table, "Kent"),
        [("Surrey", None, None), ("Essex", None, None)]
    );
    assert_eq!(peers(&table.nearest(1), "Kent"), [("Surrey", None, None)]);
}

#[test]
fn a_record_against_its_peers_in_the_published_cohort() {
    let table = load("nhs-england-peers.csv");
    let cohort = Cohort::published();
    let camden = cohort.get("Camden").unwrap();
    let AgainstPeers::Compared(comparison) = cohort.against_peers(camden, &table) else {
        panic!("Camden has peers");
    };
    // The peers the cohort holds feed the averages; the others are listed as absent.
    let in_cohort: Vec<&ScoreRecord> = comparison
        .peers
        .iter()
        .filter_map(|p| cohort.get(&p.authority.ons_code))
        .collect();
    let absent: Vec<&str> = comparison
        .absent
        .iter()
        .map(|p| p.authority.name.as_str())
        .collect();
    assert_eq!(in_cohort.len() + absent.len(), 5);
    assert!(!in_cohort.is_empty());
    assert_eq!(comparison.vs.group_count, in_cohort.len());
    assert_eq!(comparison.vs.group, "Peers of Camden");
    let mean = |values: Vec<f64>| values.iter().sum::<f64>() / values.len() as f64;
    let expected = mean(
        in_cohort
            .iter()
            .filter_map(|r| r.value(Subject::Overall))
            .collect(),
    );
    assert!((comparison.vs.group_mean.unwrap() - expected).abs() < 1e-9);
    let safeguarding = &comparison.vs.statements[QualityStatement::Safeguarding.index()];
    let expected = mean(
        in_cohort
            .iter()
            .filter_map(|r| r.value(Subject::Statement(QualityStatement::Safeguarding)))
            .collect(),
    );
    assert!((safeguarding.group_mean.unwrap() - expected).abs() < 1e-9);
    assert_eq!(
        safeguarding.score,
        camden.score(QualityStatement::Safeguarding)
    );
    let text = AgainstPeers::Compared(comparison.clone()).to_string();
    assert!(
        text.starts_with("Camden against Peers of Camden ("),
        "{text}"
    );
    assert!(
        text.contains("Peers, nearest first: Islington (1"),
        "{text}"
    );
    for name in absent {
        assert!(text.contains(&format!("{name} (")), "{text}");
        assert!(text.contains("not in the cohort"), "{text}");
    }

    // The peers as a group.
    let group = table.group(council("Camden")).unwrap();
    assert_eq!(
        group.members,
        GroupMembers::Listed(
            [
                "E09000019",
                "E09000012",
                "E09000033",
                "E09000022",
                "E09000028"
            ]
            .map(str::to_owned)
            .to_vec()
        )
    );
    assert_eq!(cohort.subset(&group).len(), comparison.vs.group_count);

    // A record outside any table.
    let nowhere = ScoreRecord::new("Northmere", [Score::new(3); 9]);
    assert_eq!(
        cohort.against_peers(&nowhere, &table),
        AgainstPeers::NoPeers {
            name: "Northmere".to_owned(),
            reason: NoPeers::Unresolved
        }
    );
}

#[cfg(feature = "serde")]
#[test]
fn peers_serialise() {
    let table = load("cipfa-nearest-neighbours.csv");
    let json = serde_json::to_value(&table).unwrap();
    assert_eq!(json["shape"], "long");
    assert_eq!(json["councils"][0][0]["ons_code"], "E06000001");
    assert_eq!(json["councils"][0][1][0]["rank"], 1);
    let warning = serde_json::to_value(&load("nhs-england-peers.csv").warnings()[0]).unwrap();
    assert_eq!(warning["kind"]["kind"], "unknown_authority");
    assert_eq!(warning["kind"]["name"], "Cumbria");
}

#[test]
fn unknown_names_are_warned_once_each_in_a_stable_order() {
    let csv = "authority,peer\nLyonesse,Atlantis\nKent,Atlantis\nKent,Essex\n";
    let table = PeerGroups::from_csv_reader(csv.as_bytes()).unwrap();
    assert_eq!(
        warnings(&table),
        [
            "line 2, column 'peer': 'Atlantis' matches none of the 153 councils; left out (2 cells)",
            "line 2, column 'authority': 'Lyonesse' matches none of the 153 councils; left out (1 cell)",
        ]
    );
    assert_eq!(peers(&table, "Kent"), [("Essex", None, None)]);
    assert_eq!(table.len(), 1);
}
