//! Identity resolution: every name in the published scores file, the corpus headers, and the
//! awkward formal names CQC and ONS use.

use cqc_la::Authority;
use cqc_la::authority::{AuthorityKind, Region};

#[track_caller]
fn code(name: &str) -> &'static str {
    match Authority::resolve(name) {
        Ok(a) => &a.ons_code,
        Err(e) => panic!("{e}"),
    }
}

/// Every `authority` cell of data/published-scores.csv and its ONS code.
const PUBLISHED: &[(&str, &str)] = &[
    ("London Borough of Camden", "E09000007"), // Camden
    ("Royal Borough of Kensington and Chelsea", "E09000020"), // Kensington and Chelsea
    ("Wokingham Borough Council", "E06000041"), // Wokingham
    ("Hertfordshire County Council", "E10000015"), // Hertfordshire
    ("Cheshire East Council", "E06000049"),    // Cheshire East
    ("Knowsley Council", "E08000011"),         // Knowsley
    ("Staffordshire County Council", "E10000028"), // Staffordshire
    ("Sunderland City Council", "E08000024"),  // Sunderland
    ("Thurrock Council", "E06000034"),         // Thurrock
    ("Westminster City Council", "E09000033"), // Westminster
    ("Buckinghamshire Council", "E06000060"),  // Buckinghamshire
    ("Darlington Borough Council", "E06000005"), // Darlington
    ("Essex County Council", "E10000012"),     // Essex
    ("London Borough of Hillingdon", "E09000017"), // Hillingdon
    ("Islington Council", "E09000019"),        // Islington
    ("London Borough of Hounslow", "E09000018"), // Hounslow
    ("Hartlepool Borough Council", "E06000001"), // Hartlepool
    ("Council of the Isles of Scilly", "E06000053"), // Isles of Scilly
    ("Royal Borough of Kingston upon Thames", "E09000021"), // Kingston upon Thames
    ("Northumberland County Council", "E06000057"), // Northumberland
    ("Sefton Council", "E08000014"),           // Sefton
    ("Southend", "E06000033"),                 // Southend-on-Sea
    ("Surrey County Council", "E10000030"),    // Surrey
    ("Wandsworth Council", "E09000032"),       // Wandsworth
    ("Blackburn with Darwen Borough Council", "E06000008"), // Blackburn with Darwen
    ("Derbyshire County Council", "E10000007"), // Derbyshire
    ("East Sussex County Council", "E10000011"), // East Sussex
    ("Gateshead Borough Council", "E08000037"), // Gateshead
    ("London Borough of Merton", "E09000024"), // Merton
    ("St Helens Borough Council", "E08000013"), // St. Helens
    ("Telford and Wrekin Council", "E06000020"), // Telford and Wrekin
    ("West Sussex County Council", "E10000032"), // West Sussex
    ("Wiltshire Council", "E06000054"),        // Wiltshire
    ("West Berkshire Council", "E06000037"),   // West Berkshire
    ("London Borough of Barnet", "E09000003"), // Barnet
    ("Bracknell Forest Council", "E06000036"), // Bracknell Forest
    ("Bristol City Council", "E06000023"),     // Bristol
    ("Cambridgeshire County Council", "E10000003"), // Cambridgeshire
    ("Cheshire West and Chester Council", "E06000050"), // Cheshire West and Chester
    ("London Borough of Croydon", "E09000008"), // Croydon
    ("City of Doncaster Council", "E08000017"), // Doncaster
    ("London Borough of Enfield", "E09000010"), // Enfield
    ("Halton Borough Council", "E06000006"),   // Halton
    ("Liverpool City Council", "E08000012"),   // Liverpool
    ("North Tyneside Council", "E08000022"),   // North Tyneside
    ("Oxfordshire County Council", "E10000025"), // Oxfordshire
    ("Shropshire Council", "E06000051"),       // Shropshire
    ("Slough Borough Council", "E06000039"),   // Slough
    ("Stoke", "E06000021"),                    // Stoke-on-Trent
    ("London Borough of Brent", "E09000005"),  // Brent
    ("Middlesbrough Council", "E06000002"),    // Middlesbrough
    ("Wakefield Council", "E08000036"),        // Wakefield
    ("Royal Borough of Windsor and Maidenhead", "E06000040"), // Windsor and Maidenhead
    ("London Borough of Harrow", "E09000015"), // Harrow
    ("Medway Council", "E06000035"),           // Medway
    ("North Somerset Council", "E06000024"),   // North Somerset
    ("Redcar and Cleveland Borough Council", "E06000003"), // Redcar and Cleveland
    ("South Gloucestershire Council", "E06000025"), // South Gloucestershire
    ("Metropolitan Borough of Wirral", "E08000015"), // Wirral
    ("London Borough of Ealing", "E09000009"), // Ealing
    ("London Borough of Haringey", "E09000014"), // Haringey
    ("Kent County Council", "E10000016"),      // Kent
    ("Leicester City Council", "E06000016"),   // Leicester
    ("Bath and North East Somerset Council", "E06000022"), // Bath and North East Somerset
    ("Derby City Council", "E06000015"),       // Derby
    ("Hammersmith and Fulham", "E09000013"),   // Hammersmith and Fulham
    ("Leicestershire County Council", "E10000018"), // Leicestershire
    ("Warrington Borough Council", "E06000007"), // Warrington
    ("Gloucestershire County Council", "E10000013"), // Gloucestershire
    ("Lancashire County Council", "E10000017"), // Lancashire
    ("Blackpool Council", "E06000009"),        // Blackpool
    ("County Durham", "E06000047"),            // County Durham
];

#[test]
fn every_published_authority_resolves_to_its_ons_code() {
    assert_eq!(PUBLISHED.len(), 72);
    for (name, expected) in PUBLISHED {
        assert_eq!(code(name), *expected, "{name}");
    }
    // And the embedded cohort resolved every row the same way.
    let cohort = cqc_la::Cohort::published();
    for (member, (name, expected)) in cohort.members.iter().zip(PUBLISHED) {
        assert_eq!(member.name, *name);
        assert_eq!(member.ons_code(), Some(*expected), "{name}");
    }
}

#[test]
fn corpus_display_names_resolve() {
    assert_eq!(code("London Borough of Camden"), "E09000007");
    assert_eq!(code("Islington Council"), "E09000019");
    assert_eq!(code("Westminster City Council"), "E09000033");
    assert_eq!(code("Gateshead Borough Council"), "E08000037");
    assert_eq!(code("Telford and Wrekin Council"), "E06000020");
    assert_eq!(code("Darlington Borough Council"), "E06000005");
    assert_eq!(code("Staffordshire County Council"), "E10000028");
    assert_eq!(
        code("London Borough of Camden: local authority assessment"),
        "E09000007"
    );
}

#[test]
fn corpus_authorities_resolve() {
    let Some(files) = super::util::corpus_files() else {
        return;
    };
    let dir = super::util::corpus_dir().unwrap();
    let mut seen = 0;
    for name in files {
        let text = std::fs::read_to_string(dir.join(&name)).unwrap();
        let report = cqc_la::Report::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let Some(authority) = report.authority.as_deref() else {
            continue; // the Westminster section page names no authority
        };
        let resolved = Authority::resolve(authority).unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected = if name.starts_with("camden") {
            "E09000007"
        } else if name.starts_with("islington") {
            "E09000019"
        } else {
            panic!("{name}: unexpected authority {authority}")
        };
        assert_eq!(resolved.ons_code, expected, "{name}");
        seen += 1;
    }
    assert!(
        seen >= 4,
        "expected at least four corpus reports naming their authority, found {seen}"
    );
}

#[test]
fn ons_short_names_and_codes_resolve_to_themselves() {
    assert_eq!(Authority::all().len(), 153);
    for a in Authority::all() {
        assert_eq!(Authority::resolve(&a.name).unwrap(), a, "{}", a.name);
        assert_eq!(
            Authority::resolve(&a.ons_code).unwrap(),
            a,
            "{}",
            a.ons_code
        );
        assert_eq!(
            Authority::resolve(&a.name.to_uppercase()).unwrap(),
            a,
            "{}",
            a.name
        );
    }
}

#[test]
fn formal_and_inverted_names() {
    let cases = [
        ("Kingston upon Hull, City of", "E06000010"),
        ("Hull City Council", "E06000010"),
        ("Bristol, City of", "E06000023"),
        ("Herefordshire, County of", "E06000019"),
        ("Herefordshire Council", "E06000019"),
        ("City of London Corporation", "E09000001"),
        ("Council of the Isles of Scilly", "E06000053"),
        ("St Helens", "E08000013"),
        ("St. Helens Borough Council", "E08000013"),
        ("Southend", "E06000033"),
        ("Southend-on-Sea City Council", "E06000033"),
        ("Stoke", "E06000021"),
        ("Stoke-on-Trent City Council", "E06000021"),
        ("Hammersmith & Fulham", "E09000013"),
        ("London Borough of Hammersmith and Fulham", "E09000013"),
        ("County Durham", "E06000047"),
        ("Durham County Council", "E06000047"),
        ("Bournemouth, Christchurch and Poole Council", "E06000058"),
        ("BCP Council", "E06000058"),
        ("Royal Borough of Kensington and Chelsea", "E09000020"),
        ("Royal Borough of Windsor and Maidenhead", "E06000040"),
        ("Metropolitan Borough of Wirral", "E08000015"),
        ("City of Doncaster Council", "E08000017"),
        ("City of York Council", "E06000014"),
        ("Newcastle upon Tyne City Council", "E08000021"),
        ("Brighton & Hove City Council", "E06000043"),
        ("  camden  ", "E09000007"),
    ];
    for (name, expected) in cases {
        assert_eq!(code(name), expected, "{name}");
    }
    let camden = Authority::resolve("camden").unwrap();
    assert_eq!(camden.kind, AuthorityKind::LondonBorough);
    assert_eq!(camden.region, Region::London);
    assert_eq!(
        Authority::resolve("Kent").unwrap().kind,
        AuthorityKind::County
    );
    assert_eq!(
        Authority::resolve("Wirral").unwrap().region,
        Region::NorthWest
    );
}

#[test]
fn unknown_names_suggest_the_closest() {
    let err = Authority::resolve("Camdn").unwrap_err();
    assert_eq!(err.name, "Camdn");
    assert_eq!(err.suggestions.first().map(String::as_str), Some("Camden"));
    assert!(
        err.to_string()
            .starts_with("unknown authority 'Camdn'; did you mean Camden")
    );

    let err = Authority::resolve("North East Lincs").unwrap_err();
    assert_eq!(err.suggestions[0], "North East Lincolnshire");
    let err = Authority::resolve("Cumbria County Council").unwrap_err(); // abolished in 2023
    assert!(err.suggestions.len() <= 3);
    let err = Authority::resolve("").unwrap_err();
    assert!(err.suggestions.is_empty());
    assert_eq!(err.to_string(), "unknown authority ''");
    assert!(Authority::resolve("Council").is_err());
}

#[test]
fn regions_and_kinds_add_up() {
    let count = |r| Authority::all().iter().filter(|a| a.region == r).count();
    assert_eq!(
        Region::ALL.map(count),
        [12, 24, 15, 10, 14, 11, 33, 19, 15] // NE, NW, Y&H, EM, WM, EoE, London, SE, SW
    );
}
