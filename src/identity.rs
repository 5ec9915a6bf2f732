//! Who is who: the 153 English councils with adult social care responsibilities, and the alias
//! layer that turns the names people and reports use into one of them.
//!
//! The facts (ONS short name, ONS code, council type, region) are embedded from
//! `data/authorities.csv`, built from the DLUHC/Oflog 2022-23 adult social care list with the
//! April 2023 Cumbria, North Yorkshire and Somerset changes applied.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

const AUTHORITIES_CSV: &str = include_str!("../data/authorities.csv");

/// The kind of council, from the first three characters of its ONS code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum AuthorityKind {
    /// A county council (E10).
    County,
    /// A unitary authority (E06), including the Isles of Scilly.
    Unitary,
    /// A metropolitan district (E08).
    MetropolitanDistrict,
    /// A London borough (E09), including the City of London.
    LondonBorough,
}

impl AuthorityKind {
    /// All four kinds.
    pub const ALL: [AuthorityKind; 4] = [
        AuthorityKind::County,
        AuthorityKind::Unitary,
        AuthorityKind::MetropolitanDistrict,
        AuthorityKind::LondonBorough,
    ];

    /// The snake_case id used in `authorities.csv` and JSON, e.g. `"metropolitan_district"`.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            AuthorityKind::County => "county",
            AuthorityKind::Unitary => "unitary",
            AuthorityKind::MetropolitanDistrict => "metropolitan_district",
            AuthorityKind::LondonBorough => "london_borough",
        }
    }

    /// A label for tables, e.g. `"Metropolitan district"`.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            AuthorityKind::County => "County",
            AuthorityKind::Unitary => "Unitary",
            AuthorityKind::MetropolitanDistrict => "Metropolitan district",
            AuthorityKind::LondonBorough => "London borough",
        }
    }

    /// The kind with this id or title, in any case.
    #[must_use]
    pub fn from_name(name: &str) -> Option<AuthorityKind> {
        let key = name.trim().to_lowercase().replace([' ', '-'], "_");
        AuthorityKind::ALL
            .into_iter()
            .find(|k| k.id() == key || k.title().to_lowercase().replace(' ', "_") == key)
    }
}

impl fmt::Display for AuthorityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// One of England's nine regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Region {
    /// North East.
    NorthEast,
    /// North West.
    NorthWest,
    /// Yorkshire and The Humber.
    YorkshireAndTheHumber,
    /// East Midlands.
    EastMidlands,
    /// West Midlands.
    WestMidlands,
    /// East of England.
    EastOfEngland,
    /// London.
    London,
    /// South East.
    SouthEast,
    /// South West.
    SouthWest,
}

impl Region {
    /// All nine regions.
    pub const ALL: [Region; 9] = [
        Region::NorthEast,
        Region::NorthWest,
        Region::YorkshireAndTheHumber,
        Region::EastMidlands,
        Region::WestMidlands,
        Region::EastOfEngland,
        Region::London,
        Region::SouthEast,
        Region::SouthWest,
    ];

    /// The region's name as ONS writes it, e.g. `"Yorkshire and The Humber"`.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Region::NorthEast => "North East",
            Region::NorthWest => "North West",
            Region::YorkshireAndTheHumber => "Yorkshire and The Humber",
            Region::EastMidlands => "East Midlands",
            Region::WestMidlands => "West Midlands",
            Region::EastOfEngland => "East of England",
            Region::London => "London",
            Region::SouthEast => "South East",
            Region::SouthWest => "South West",
        }
    }

    /// The region with this name, in any case or spacing.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Region> {
        let key = name_key(name);
        Region::ALL.into_iter().find(|r| name_key(r.title()) == key)
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// A council with adult social care responsibilities, as listed in the embedded ONS-based table.
///
/// # Examples
/// ```
/// use cqc_la::Authority;
/// use cqc_la::authority::{AuthorityKind, Region};
/// let camden = Authority::resolve("London Borough of Camden").unwrap();
/// assert_eq!(camden.name, "Camden");
/// assert_eq!(camden.ons_code, "E09000007");
/// assert_eq!(camden.kind, AuthorityKind::LondonBorough);
/// assert_eq!(camden.region, Region::London);
/// ```
///
/// JSON: `name`, `ons_code`, `kind` and `region`. A `&'static Authority` (what the look-ups
/// return and other values hold) reads back as the embedded council with that ONS code and
/// name; a code or name the table does not hold is an error.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Authority {
    /// The ONS short name, e.g. `"Camden"`, `"Kingston Upon Hull"`.
    pub name: String,
    /// The ONS code, e.g. `"E09000007"`.
    pub ons_code: String,
    /// The kind of council.
    pub kind: AuthorityKind,
    /// The region.
    pub region: Region,
}

/// An authority with its precomputed matching key.
#[derive(Debug)]
struct Entry {
    authority: Authority,
    key: String,
}

static AUTHORITIES: LazyLock<Vec<Entry>> = LazyLock::new(|| {
    let mut reader = csv::Reader::from_reader(AUTHORITIES_CSV.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .filter_map(|row| {
            let authority = Authority {
                name: row.get(0)?.to_owned(),
                ons_code: row.get(1)?.to_owned(),
                kind: AuthorityKind::from_name(row.get(2)?)?,
                region: Region::from_name(row.get(3)?)?,
            };
            let key = match_key(&authority.name);
            Some(Entry { authority, key })
        })
        .collect()
});

static ALL: LazyLock<Vec<Authority>> =
    LazyLock::new(|| AUTHORITIES.iter().map(|e| e.authority.clone()).collect());

/// Matching keys and upper-case ONS codes, each to the council's index in [`AUTHORITIES`]: one
/// hash look-up per name.
struct Index {
    keys: HashMap<String, usize>,
    codes: HashMap<String, usize>,
}

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let keys = AUTHORITIES
        .iter()
        .enumerate()
        .map(|(i, e)| (e.key.clone(), i))
        .collect();
    let codes = AUTHORITIES
        .iter()
        .enumerate()
        .map(|(i, e)| (e.authority.ons_code.to_ascii_uppercase(), i))
        .collect();
    Index { keys, codes }
});

/// Names that stripping affixes does not reach, as matching keys: (alias, ONS short name key).
const ALIASES: &[(&str, &str)] = &[
    ("hull", "kingston upon hull"),
    ("southend", "southend on sea"),
    ("stoke", "stoke on trent"),
    ("durham", "county durham"),
    ("newcastle", "newcastle upon tyne"),
    ("bcp", "bournemouth christchurch and poole"),
    ("kensington", "kensington and chelsea"),
    ("windsor", "windsor and maidenhead"),
    ("richmond", "richmond upon thames"),
    ("kingston", "kingston upon thames"),
    ("brighton", "brighton and hove"),
    ("saint helens", "st helens"),
    ("london", "city of london"),
    ("blackburn", "blackburn with darwen"),
    ("redcar", "redcar and cleveland"),
    ("telford", "telford and wrekin"),
    ("hammersmith", "hammersmith and fulham"),
    ("barking", "barking and dagenham"),
    ("scilly", "isles of scilly"),
];

/// Words in front of a name that do not identify the council, longest first.
const PREFIXES: &[&[&str]] = &[
    &["london", "borough", "of"],
    &["royal", "borough", "of"],
    &["metropolitan", "borough", "of"],
    &["council", "of", "the"],
    &["borough", "of"],
    &["city", "of"],
    &["county", "of"],
    &["the"],
];

/// Words after a name that do not identify the council, longest first.
const SUFFIXES: &[&[&str]] = &[
    &["local", "authority", "assessment"],
    &["metropolitan", "borough", "council"],
    &["metropolitan", "district", "council"],
    &["borough", "council"],
    &["county", "council"],
    &["city", "council"],
    &["district", "council"],
    &["council"],
    &["corporation"],
    &["city", "of"],
    &["county", "of"],
];

/// Lowercase words of letters and digits joined by single spaces; `&` becomes "and", and
/// apostrophes and full stops vanish ("St. Helens" -> "st helens", "King's" -> "kings").
fn name_key(name: &str) -> String {
    let cleaned: String = name
        .replace('&', " and ")
        .chars()
        .filter(|c| !matches!(c, '.' | '\'' | '\u{2019}'))
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key two names of the same council share: [`name_key`] with the affixes in
/// [`PREFIXES`] and [`SUFFIXES`] removed (never down to nothing), then the [`ALIASES`] applied.
/// Linear in the name's length: affixes are stripped by moving two ends, never by shifting the
/// words.
fn match_key(name: &str) -> String {
    let key = name_key(name);
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let (mut start, mut end) = (0, words.len());
    loop {
        let before = (start, end);
        for prefix in PREFIXES {
            if end - start > prefix.len() && words[start..end].starts_with(prefix) {
                start += prefix.len();
                break;
            }
        }
        for suffix in SUFFIXES {
            if end - start > suffix.len() && words[start..end].ends_with(suffix) {
                end -= suffix.len();
                break;
            }
        }
        if (start, end) == before {
            break;
        }
    }
    let key = words[start..end].join(" ");
    match ALIASES.iter().find(|(alias, _)| *alias == key) {
        Some((_, target)) => (*target).to_owned(),
        None => key,
    }
}

/// Whether a name is written like an ONS code: `E` (either case) and eight digits.
fn looks_like_ons_code(name: &str) -> bool {
    let name = name.trim().as_bytes();
    name.len() == 9
        && name[0].eq_ignore_ascii_case(&b'E')
        && name[1..].iter().all(u8::is_ascii_digit)
}

/// At most [`EXCERPT_CHARS`] characters of `text`, cut on a character boundary, with `...`
/// when cut: what error messages and warnings quote of the input.
pub(crate) fn excerpt(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((end, _)) => format!("{}...", &text[..end]).into(),
        None => text.into(),
    }
}

/// How many characters of the input an error message quotes (see [`excerpt`]).
pub(crate) const EXCERPT_CHARS: usize = 40;

/// The first `max` bytes of `text`, cut back to a character boundary.
pub(crate) fn prefix_bytes(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

impl Authority {
    /// All 153 councils, in the order of the embedded table (unitary authorities, metropolitan
    /// districts, London boroughs, counties).
    pub fn all() -> &'static [Authority] {
        &ALL
    }

    /// The longest name, in bytes after trimming, that [`Authority::resolve`] and
    /// [`Authority::lookup`] try to match. The longest name a council goes by is under 80 bytes
    /// (with ": local authority assessment" after it), so a longer text is no council's name:
    /// it matches none at once, whatever its length.
    pub const MAX_NAME_LEN: usize = 256;

    /// The council with this ONS code (e.g. `"E09000007"`), in any case.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Authority;
    /// assert_eq!(Authority::by_ons_code("E06000010").unwrap().name, "Kingston Upon Hull");
    /// assert_eq!(Authority::by_ons_code("e09000007").unwrap().name, "Camden");
    /// assert!(Authority::by_ons_code("E10000006").is_none()); // Cumbria, abolished in 2023
    /// ```
    pub fn by_ons_code(code: &str) -> Option<&'static Authority> {
        let code = code.trim();
        if code.len() != 9 {
            return None;
        }
        INDEX
            .codes
            .get(&code.to_ascii_uppercase())
            .map(|&i| &AUTHORITIES[i].authority)
    }

    /// Resolves any name people or reports use for a council: the ONS short name ("Camden"),
    /// the formal name in a report header ("London Borough of Camden", "Westminster City
    /// Council", "Council of the Isles of Scilly", "City of London Corporation"), ONS's
    /// inverted forms ("Kingston upon Hull, City of", "Bristol, City of", "Herefordshire,
    /// County of"), common short forms ("Hull", "Southend", "Stoke") or the ONS code.
    ///
    /// Matching ignores case, punctuation and `&`/"and", then strips the affixes "London
    /// Borough of", "Royal Borough of", "Metropolitan Borough of", "Council of the", "City of",
    /// "County of", "Council", "City Council", "County Council", "Borough Council",
    /// "Metropolitan Borough Council", "Corporation" and ": local authority assessment", and
    /// finally applies a short table of aliases. The look-up is one hash probe; a name longer
    /// than [`Authority::MAX_NAME_LEN`] bytes matches no council without being read further.
    ///
    /// # Errors
    /// [`UnknownAuthority`], carrying up to three of the closest names, when the name matches
    /// no council. Suggestions compare the first 64 characters of the name's key with the 153
    /// councils' keys, so they cost the same for any input.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Authority;
    /// assert_eq!(Authority::resolve("Hull City Council").unwrap().ons_code, "E06000010");
    /// assert_eq!(Authority::resolve("southend").unwrap().name, "Southend-on-Sea");
    /// assert_eq!(Authority::resolve("e09000007").unwrap().name, "Camden");
    /// let err = Authority::resolve("Camdn").unwrap_err();
    /// assert_eq!(err.suggestions[0], "Camden");
    /// ```
    pub fn resolve(name: &str) -> Result<&'static Authority, UnknownAuthority> {
        Authority::lookup(name).ok_or_else(|| UnknownAuthority {
            name: name.to_owned(),
            suggestions: suggestions(&match_key(prefix_bytes(name, Authority::MAX_NAME_LEN)), 3),
        })
    }

    /// [`Authority::resolve`] without the suggestions: `None` for an unknown name. Cheaper
    /// when unknown names are expected (fictional councils, bulk loading).
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Authority;
    /// assert_eq!(Authority::lookup("Bristol, City of").unwrap().name, "Bristol");
    /// assert!(Authority::lookup("Northmere County Council").is_none());
    /// ```
    pub fn lookup(name: &str) -> Option<&'static Authority> {
        if name.trim().len() > Authority::MAX_NAME_LEN {
            return None;
        }
        if looks_like_ons_code(name) {
            if let Some(found) = Authority::by_ons_code(name) {
                return Some(found);
            }
        }
        let key = match_key(name);
        if key.is_empty() {
            return None;
        }
        INDEX.keys.get(&key).map(|&i| &AUTHORITIES[i].authority)
    }
}

impl fmt::Display for Authority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}, {}, {})",
            self.name, self.ons_code, self.kind, self.region
        )
    }
}

impl FromStr for &'static Authority {
    type Err = UnknownAuthority;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Authority::resolve(s)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for &'static Authority {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        // `kind` and `region` follow from the code.
        #[derive(serde::Deserialize)]
        struct Repr<'a> {
            #[serde(borrow)]
            name: std::borrow::Cow<'a, str>,
            #[serde(borrow)]
            ons_code: std::borrow::Cow<'a, str>,
        }
        let r = <Repr<'_> as serde::Deserialize>::deserialize(deserializer)?;
        let council = Authority::by_ons_code(&r.ons_code).ok_or_else(|| {
            D::Error::custom(format!(
                "unknown authority '{}': no council has the ONS code '{}'",
                excerpt(&r.name),
                excerpt(&r.ons_code)
            ))
        })?;
        if council.name != r.name {
            return Err(D::Error::custom(format!(
                "unknown authority '{}': the ONS code '{}' is {}'s",
                excerpt(&r.name),
                council.ons_code,
                council.name
            )));
        }
        Ok(council)
    }
}

/// Error for a name that matches none of the 153 councils.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown authority '{}'{}", excerpt(.name), suggestion_text(.suggestions))]
pub struct UnknownAuthority {
    /// The name as given (the message quotes its first 40 characters).
    pub name: String,
    /// Up to three ONS short names closest to it, closest first.
    pub suggestions: Vec<String>,
}

fn suggestion_text(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", suggestions.join(", "))
    }
}

/// The longest key (in characters) compared when suggesting names.
const MAX_SUGGESTION_KEY: usize = 64;

/// Ranks the councils by closeness to `key`: the best of a normalised edit similarity
/// (`1 - levenshtein / longer length`) and a word-overlap (Jaccard) similarity, with a bonus
/// when one key contains the other; ties are broken by name.
fn suggestions(key: &str, count: usize) -> Vec<String> {
    if key.is_empty() {
        return Vec::new();
    }
    // No council's name is near a long text: cap the work at a name's length.
    let key = match key.char_indices().nth(MAX_SUGGESTION_KEY) {
        Some((end, _)) => &key[..end],
        None => key,
    };
    let words: Vec<&str> = key.split(' ').collect();
    let mut ranked: Vec<(f64, &str)> = AUTHORITIES
        .iter()
        .map(|e| {
            let longer = key.chars().count().max(e.key.chars().count()).max(1);
            let edit = 1.0 - levenshtein(key, &e.key) as f64 / longer as f64;
            let theirs: Vec<&str> = e.key.split(' ').collect();
            let shared = words.iter().filter(|w| theirs.contains(w)).count();
            let union = words.len() + theirs.len() - shared;
            let overlap = shared as f64 / union.max(1) as f64;
            let contains = if e.key.contains(key) || key.contains(e.key.as_str()) {
                0.5
            } else {
                0.0
            };
            (edit.max(overlap) + contains, e.authority.name.as_str())
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    ranked
        .into_iter()
        .filter(|(s, _)| *s > 0.3)
        .take(count)
        .map(|(_, n)| n.to_owned())
        .collect()
}

/// Edit distance in characters (insertions, deletions, substitutions), two rows of memory.
fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_is_complete() {
        assert_eq!(Authority::all().len(), 153);
        let count = |k| Authority::all().iter().filter(|a| a.kind == k).count();
        assert_eq!(count(AuthorityKind::County), 21);
        assert_eq!(count(AuthorityKind::Unitary), 63);
        assert_eq!(count(AuthorityKind::MetropolitanDistrict), 36);
        assert_eq!(count(AuthorityKind::LondonBorough), 33);
    }

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<&str> = AUTHORITIES.iter().map(|e| e.key.as_str()).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), before);
    }

    #[test]
    fn long_unknown_names_are_cheap() {
        let long = "Camden ".repeat(100_000);
        let err = Authority::resolve(&long).unwrap_err();
        assert!(err.suggestions.len() <= 3);
    }

    proptest::proptest! {
        #[test]
        fn resolve_never_panics(name in "\\PC{0,40}") {
            let _ = Authority::resolve(&name);
        }

        #[test]
        fn formal_affixes_do_not_change_the_council(index in 0usize..153, form in 0usize..5) {
            let a = &Authority::all()[index];
            let name = match form {
                0 => format!("{} Council", a.name),
                1 => format!("{} County Council", a.name),
                2 => format!("London Borough of {}", a.name),
                3 => format!("  {}  ", a.name.to_lowercase()),
                _ => format!("{}: local authority assessment", a.name),
            };
            proptest::prop_assert_eq!(Authority::resolve(&name).map(|r| &r.ons_code), Ok(&a.ons_code));
        }
    }

    #[test]
    fn edit_distance() {
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("camden", "camden"), 0);
    }
}
