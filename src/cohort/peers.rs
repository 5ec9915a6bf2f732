//! Statistical peer groups as data: who each council's peers are, loaded from NHS England's
//! adult social care peer-group exports or a CIPFA-style nearest-neighbour list, and a record
//! benchmarked against those of its peers that are in a cohort.
//!
//! The shapes and their columns are described in `docs/peers.md` and on [`PeerShape`].

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::Read;
use std::path::Path;

use super::Cohort;
use super::csv::{CsvError, CsvTable, LoadWarning, LoadWarningKind, open};
use super::group::{Group, GroupMembers, MemberVsGroup};
use super::record::ScoreRecord;
use crate::identity::Authority;

/// Names the long form accepts for the council's column, in any case.
const AUTHORITY_COLUMNS: &[&str] = &[
    "authority",
    "authority_name",
    "authority_code",
    "local_authority",
    "la",
    "la_name",
    "la_code",
    "area",
    "area_name",
    "area_code",
    "council",
];

/// Names the long form accepts for the peer's column, in any case.
const PEER_COLUMNS: &[&str] = &[
    "peer",
    "peer_name",
    "peer_code",
    "neighbour",
    "neighbour_name",
    "neighbour_code",
    "neighbor",
    "nearest_neighbour",
    "nearest_neighbor",
    "comparator",
];

/// Names accepted for a rank column, in any case.
const RANK_COLUMNS: &[&str] = &["rank", "peer_rank", "neighbour_rank", "position", "order"];

/// Names accepted for a distance column, in any case.
const DISTANCE_COLUMNS: &[&str] = &["distance", "dist", "euclidean_distance"];

/// The councils NHS England's default peer-group model leaves out (`las_to_remove` in its
/// pipeline's configuration): the Isles of Scilly and the City of London.
const NHS_ENGLAND_EXCLUDED: [&str; 2] = ["E06000053", "E09000001"];

/// The shape of a peer table, detected from its header. Names in every shape may be any name
/// [`Authority::resolve`] accepts, including ONS's inverted forms ("Bristol, City of") and ONS
/// codes in any case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PeerShape {
    /// NHS England's `peers.csv` (wide): one row per council, its name in the first column
    /// whose header is not a number (the pipeline writes its lookup's name column, e.g.
    /// `UTLA22NM`), then its nearest peers in columns headed `1`, `2`, ... `15`; the column's
    /// number is the peer's rank. Detected by a header that is a whole number.
    NhsEnglandPeers,
    /// NHS England's `distances.csv`: one row per ordered pair, in columns `<name>_1`,
    /// `<name>_2` (e.g. `UTLA22NM_1`, `UTLA22NM_2`) and `distance`; every other council is a
    /// peer, ranked by distance (equal distances share a rank). Detected by two columns
    /// `<name>_1` and `<name>_2` beside a distance column.
    NhsEnglandDistances,
    /// One row per (council, peer) pair, as a CIPFA nearest-neighbour list is written:
    /// `authority` and `peer` (or `neighbour`) columns, with an optional `rank` and an
    /// optional `distance`. Without a rank, peers are ranked by distance; without either, they
    /// keep the file's order and have no rank. Any other header is read as this shape.
    Long,
}

impl PeerShape {
    /// Whether the table comes from NHS England's pipeline, whose default model has no peers
    /// for the Isles of Scilly and the City of London.
    pub const fn is_nhs_england(self) -> bool {
        matches!(
            self,
            PeerShape::NhsEnglandPeers | PeerShape::NhsEnglandDistances
        )
    }
}

impl fmt::Display for PeerShape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PeerShape::NhsEnglandPeers => "NHS England peers (wide)",
            PeerShape::NhsEnglandDistances => "NHS England distances",
            PeerShape::Long => "peer list (long)",
        })
    }
}

/// One peer of a council.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Peer {
    /// The peer.
    pub authority: &'static Authority,
    /// Its rank, 1 for the nearest: as given, or from the distance (competition rank: equal
    /// distances share the better rank). `None` when the table gives neither.
    pub rank: Option<u32>,
    /// The statistical distance, when the table gives it.
    pub distance: Option<f64>,
    /// The line of the table it came from.
    pub line: u64,
}

/// Why a council has no peers to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum NoPeers {
    /// The Isles of Scilly or the City of London in a table from NHS England's pipeline:
    /// its default model leaves both out (they are unlike any other council), so they have no
    /// peers in this model. This is the model's answer, not a gap in the file.
    NotInNhsEnglandModel,
    /// The table has no peers for this council.
    NotInTable,
    /// The record's name resolves to no council, so it has no peers in any table.
    Unresolved,
}

impl fmt::Display for NoPeers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NoPeers::NotInNhsEnglandModel => {
                "no peers in this model: NHS England's default model leaves out the Isles of Scilly and the City of London"
            }
            NoPeers::NotInTable => "no peers in this model: the table lists none",
            NoPeers::Unresolved => "no peers: the name matches none of the 153 councils",
        })
    }
}

/// The answer to "who are this council's peers?": the peers, nearest first, or the reason
/// there are none. Never an empty list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PeersOf<'a> {
    /// The peers, nearest first (by rank, then distance); peers of equal rank keep the file's
    /// order.
    Peers(&'a [Peer]),
    /// The council has no peers in this table, and why.
    NoPeers(NoPeers),
}

impl<'a> PeersOf<'a> {
    /// The peers, or `None` when there are none.
    pub fn peers(self) -> Option<&'a [Peer]> {
        match self {
            PeersOf::Peers(peers) => Some(peers),
            PeersOf::NoPeers(_) => None,
        }
    }
}

/// A peer table: each council's statistical peers, loaded from CSV in one of the
/// [`PeerShape`]s, with the warnings the loading gave.
///
/// # Examples
/// ```
/// use cqc_la::Authority;
/// use cqc_la::cohort::{NoPeers, PeerGroups, PeerShape, PeersOf};
/// let csv = "UTLA22NM,1,2,3\nCamden,Islington,Hackney,Lambeth\n";
/// let table = PeerGroups::from_csv_reader(csv.as_bytes()).unwrap();
/// assert_eq!(table.shape(), PeerShape::NhsEnglandPeers);
/// let camden = Authority::resolve("Camden").unwrap();
/// let peers = table.peers_of(camden).peers().unwrap();
/// assert_eq!(peers[0].authority.name, "Islington");
/// assert_eq!(peers[2].rank, Some(3));
/// let scilly = Authority::resolve("Isles of Scilly").unwrap();
/// assert_eq!(table.peers_of(scilly), PeersOf::NoPeers(NoPeers::NotInNhsEnglandModel));
/// ```
///
/// JSON: `shape`, `councils` (each council with its peers) and `warnings`; read back, the
/// table's index is built again.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PeerGroups {
    shape: PeerShape,
    /// Each council with peers, in order of first appearance, with its peers nearest first.
    councils: Vec<(&'static Authority, Vec<Peer>)>,
    #[cfg_attr(feature = "serde", serde(skip))]
    index: HashMap<&'static str, usize>,
    warnings: Vec<LoadWarning>,
}

impl PeerGroups {
    /// Loads a peer table from CSV, detecting its [`PeerShape`] from the header. Cells are
    /// trimmed; column names are matched in any case; the input is bounded by the
    /// [`CsvLimit`](crate::cohort::CsvLimit)s. Names that match no council (a table keyed on the
    /// 2022 councils holds Cumbria) are left out with a warning, as are a council listed as its
    /// own peer and a repeated pair: see [`PeerGroups::warnings`].
    ///
    /// # Errors
    /// [`CsvError::ColumnNotFound`] when the long form lacks its council or peer column,
    /// naming the column, the names it may have and the columns found;
    /// [`CsvError::InvalidValue`] with the line for an empty name, a rank that is not a whole
    /// number from 1, or a distance that is not a number from 0; input over a
    /// [`CsvLimit`](crate::cohort::CsvLimit); malformed CSV.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::cohort::PeerGroups;
    /// let err = PeerGroups::from_csv_reader("authority,rank\nCamden,1\n".as_bytes()).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "the header has no 'peer' column (nor peer_name, peer_code, neighbour, neighbour_name, \
    /// neighbour_code, neighbor, nearest_neighbour, nearest_neighbor, comparator); columns found: \
    /// 'authority', 'rank'"
    /// );
    /// ```
    pub fn from_csv_reader(reader: impl Read) -> Result<PeerGroups, CsvError> {
        read_peers(reader, "<reader>")
    }

    /// Loads a peer table from a CSV file (see [`PeerGroups::from_csv_reader`]).
    ///
    /// # Errors
    /// As [`PeerGroups::from_csv_reader`], plus [`CsvError::Io`] when the file cannot be read.
    pub fn from_csv_path(path: impl AsRef<Path>) -> Result<PeerGroups, CsvError> {
        let path = path.as_ref();
        read_peers(open(path)?, &path.display().to_string())
    }

    /// The shape the table was read in.
    pub fn shape(&self) -> PeerShape {
        self.shape
    }

    /// What loading noticed and left out, in line order (see [`LoadWarningKind`](crate::cohort::LoadWarningKind)).
    pub fn warnings(&self) -> &[LoadWarning] {
        &self.warnings
    }

    /// How many councils have peers.
    pub fn len(&self) -> usize {
        self.councils.len()
    }

    /// Whether no council has peers.
    pub fn is_empty(&self) -> bool {
        self.councils.is_empty()
    }

    /// The councils that have peers, in order of first appearance.
    pub fn councils(&self) -> impl Iterator<Item = &'static Authority> + '_ {
        self.councils.iter().map(|(a, _)| *a)
    }

    /// A council's peers, nearest first, or why it has none. The Isles of Scilly and the
    /// City of London in a table of NHS England's shapes answer
    /// [`NoPeers::NotInNhsEnglandModel`] unless the table lists peers for them.
    pub fn peers_of(&self, authority: &Authority) -> PeersOf<'_> {
        match self.index.get(authority.ons_code.as_str()) {
            Some(&i) => PeersOf::Peers(&self.councils[i].1),
            None if self.shape.is_nhs_england()
                && NHS_ENGLAND_EXCLUDED.contains(&authority.ons_code.as_str()) =>
            {
                PeersOf::NoPeers(NoPeers::NotInNhsEnglandModel)
            }
            None => PeersOf::NoPeers(NoPeers::NotInTable),
        }
    }

    /// The table cut to each council's `n` nearest peers: those ranked `n` or better, so peers
    /// tied at the cut are all kept (ranks 1, 2, 3, 3, 5 cut to 3 keep four peers). Peers
    /// without a rank keep the first `n` in file order. Useful for NHS England's
    /// `distances.csv`, which ranks every council against every other.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Authority;
    /// use cqc_la::cohort::PeerGroups;
    /// let csv = "UTLA22NM_1,UTLA22NM_2,distance\n\
    /// Camden,Islington,0.5\nCamden,Hackney,0.7\nCamden,Lambeth,0.7\nCamden,Kent,2.5\n";
    /// let table = PeerGroups::from_csv_reader(csv.as_bytes()).unwrap().nearest(2);
    /// let camden = Authority::resolve("Camden").unwrap();
    /// let names: Vec<&str> = table.peers_of(camden).peers().unwrap().iter()
    ///     .map(|p| p.authority.name.as_str()).collect();
    /// assert_eq!(names, ["Islington", "Hackney", "Lambeth"]); // Hackney and Lambeth tie 2nd
    /// ```
    #[must_use]
    pub fn nearest(mut self, n: u32) -> PeerGroups {
        for (_, peers) in &mut self.councils {
            let mut kept = 0u32;
            peers.retain(|p| {
                kept += 1;
                p.rank.map_or(kept <= n, |rank| rank <= n)
            });
        }
        self.councils.retain(|(_, peers)| !peers.is_empty());
        self.index = index_of(&self.councils);
        self
    }

    /// A council's peers as a [`Group`] named after the council ("Peers of Camden"), for the group machinery
    /// ([`Cohort::against_group`], [`Cohort::subset`], [`Cohort::group_summary`]).
    ///
    /// # Errors
    /// The [`NoPeers`] reason when the council has none.
    pub fn group(&self, authority: &Authority) -> Result<Group, NoPeers> {
        match self.peers_of(authority) {
            PeersOf::Peers(peers) => Ok(Group {
                name: format!("Peers of {}", authority.name),
                members: GroupMembers::Listed(
                    peers.iter().map(|p| p.authority.ons_code.clone()).collect(),
                ),
            }),
            PeersOf::NoPeers(reason) => Err(reason),
        }
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for PeerGroups {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        struct Repr {
            shape: PeerShape,
            councils: Vec<(&'static Authority, Vec<Peer>)>,
            warnings: Vec<LoadWarning>,
        }
        let r = <Repr as serde::Deserialize>::deserialize(deserializer)?;
        Ok(PeerGroups {
            shape: r.shape,
            index: index_of(&r.councils),
            councils: r.councils,
            warnings: r.warnings,
        })
    }
}

fn index_of(councils: &[(&'static Authority, Vec<Peer>)]) -> HashMap<&'static str, usize> {
    councils
        .iter()
        .enumerate()
        .map(|(i, (a, _))| (a.ons_code.as_str(), i))
        .collect()
}

/// A record against those of its peers that are members of a cohort.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PeerComparison {
    /// The record's percentage and scores against its peers in the cohort: their means and
    /// medians, and where it stands among them (the record itself never feeds the averages).
    pub vs: MemberVsGroup,
    /// The peers the table lists, nearest first.
    pub peers: Vec<Peer>,
    /// The listed peers that are not members of the cohort (so not in the averages), nearest
    /// first.
    pub absent: Vec<Peer>,
}

/// The answer of [`Cohort::against_peers`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum AgainstPeers {
    /// The record against its peers in the cohort.
    Compared(Box<PeerComparison>),
    /// The record's council has no peers in the table.
    NoPeers {
        /// The record's name as shown.
        name: String,
        /// Why.
        reason: NoPeers,
    },
}

impl Cohort {
    /// Benchmarks a record (a member or not) against those of its statistical peers that are
    /// members of this cohort: their mean and median percentage and score per statement, and
    /// the record's standing among them, as [`Cohort::against_group`] gives for the group
    /// [`PeerGroups::group`] builds. Peers the table lists but the cohort lacks are listed in
    /// [`PeerComparison::absent`], never silently dropped.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Cohort;
    /// use cqc_la::cohort::{AgainstPeers, PeerGroups};
    /// let csv = "authority,neighbour,rank\nCamden,Islington,1\nCamden,Hackney,2\nCamden,Westminster,3\n";
    /// let peers = PeerGroups::from_csv_reader(csv.as_bytes()).unwrap();
    /// let cohort = Cohort::published();
    /// let AgainstPeers::Compared(c) = cohort.against_peers(cohort.get("Camden").unwrap(), &peers) else {
    ///     panic!("Camden has peers");
    /// };
    /// assert_eq!(c.vs.group_count, 2); // Islington and Westminster are in the cohort
    /// assert_eq!(c.absent[0].authority.name, "Hackney");
    /// ```
    pub fn against_peers(&self, target: &ScoreRecord, peers: &PeerGroups) -> AgainstPeers {
        let no_peers = |reason| AgainstPeers::NoPeers {
            name: target.display_name().to_owned(),
            reason,
        };
        let Some(authority) = target.authority else {
            return no_peers(NoPeers::Unresolved);
        };
        let (listed, group) = match (peers.peers_of(authority), peers.group(authority)) {
            (PeersOf::Peers(listed), Ok(group)) => (listed, group),
            (PeersOf::NoPeers(reason), _) | (_, Err(reason)) => return no_peers(reason),
        };
        let members: HashSet<&str> = self
            .members
            .iter()
            .filter_map(ScoreRecord::ons_code)
            .collect();
        AgainstPeers::Compared(Box::new(PeerComparison {
            vs: self.against_group(target, &group),
            peers: listed.to_vec(),
            absent: listed
                .iter()
                .filter(|p| !members.contains(p.authority.ons_code.as_str()))
                .cloned()
                .collect(),
        }))
    }
}

impl fmt::Display for PeerComparison {
    /// The comparison with the group's means and medians, then the peers, nearest first, each
    /// with its rank and whether the cohort has it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.vs.fmt(f)?;
        let absent: HashSet<&str> = self
            .absent
            .iter()
            .map(|p| p.authority.ons_code.as_str())
            .collect();
        let listed: Vec<String> = self
            .peers
            .iter()
            .map(|p| {
                let rank = p.rank.map_or_else(|| "-".to_owned(), |r| r.to_string());
                let missing = if absent.contains(p.authority.ons_code.as_str()) {
                    ", not in the cohort"
                } else {
                    ""
                };
                format!("{} ({rank}{missing})", p.authority.name)
            })
            .collect();
        writeln!(f, "Peers, nearest first: {}", listed.join(", "))
    }
}

impl fmt::Display for AgainstPeers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AgainstPeers::Compared(c) => c.fmt(f),
            AgainstPeers::NoPeers { name, reason } => writeln!(f, "{name}: {reason}"),
        }
    }
}

/// The columns of a detected shape.
enum Layout {
    Wide {
        authority: usize,
        /// Columns headed by a rank, with the rank.
        ranks: Vec<(usize, u32)>,
    },
    Pairs {
        shape: PeerShape,
        authority: usize,
        peer: usize,
        rank: Option<usize>,
        distance: Option<usize>,
    },
}

fn find_any(headers: &csv::StringRecord, names: &[&str]) -> Option<usize> {
    names
        .iter()
        .find_map(|name| headers.iter().position(|h| h.eq_ignore_ascii_case(name)))
}

/// A header that is a whole number from 1: a rank column of the wide shape.
fn rank_header(header: &str) -> Option<u32> {
    if header.is_empty() || !header.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    header.parse().ok().filter(|&r| r >= 1)
}

fn detect(headers: &csv::StringRecord) -> Result<Layout, CsvError> {
    let distance = find_any(headers, DISTANCE_COLUMNS);
    if let Some(distance) = distance {
        // `<stem>_1` and `<stem>_2`: NHS England's distances.csv.
        let pair = headers.iter().enumerate().find_map(|(i, h)| {
            let stem = h.strip_suffix("_1").filter(|s| !s.is_empty())?;
            let second = format!("{stem}_2");
            let j = headers
                .iter()
                .position(|h| h.eq_ignore_ascii_case(&second))?;
            Some((i, j))
        });
        if let Some((authority, peer)) = pair {
            return Ok(Layout::Pairs {
                shape: PeerShape::NhsEnglandDistances,
                authority,
                peer,
                rank: None,
                distance: Some(distance),
            });
        }
    }
    let ranks: Vec<(usize, u32)> = headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| rank_header(h).map(|r| (i, r)))
        .collect();
    let peer = find_any(headers, PEER_COLUMNS);
    if !ranks.is_empty() && peer.is_none() {
        if let Some(authority) = headers.iter().position(|h| rank_header(h).is_none()) {
            return Ok(Layout::Wide { authority, ranks });
        }
    }
    let missing = |names: &[&str]| CsvError::ColumnNotFound {
        column: names[0].to_owned(),
        accepted: names.iter().map(|&n| n.to_owned()).collect(),
        found: headers.iter().map(str::to_owned).collect(),
    };
    let authority =
        find_any(headers, AUTHORITY_COLUMNS).ok_or_else(|| missing(AUTHORITY_COLUMNS))?;
    let peer = peer.ok_or_else(|| missing(PEER_COLUMNS))?;
    Ok(Layout::Pairs {
        shape: PeerShape::Long,
        authority,
        peer,
        rank: find_any(headers, RANK_COLUMNS),
        distance,
    })
}

/// The loader's state: names resolved once each, unknown names counted, peers gathered per
/// council.
struct Builder {
    names: HashMap<String, Option<&'static Authority>>,
    /// Unknown name to (first line, column, count).
    unknown: HashMap<String, (u64, String, u64)>,
    councils: Vec<(&'static Authority, Vec<Peer>)>,
    index: HashMap<&'static str, usize>,
    /// (council, peer) to the line first listing the pair.
    pairs: HashMap<(&'static str, &'static str), u64>,
    warnings: Vec<LoadWarning>,
}

impl Builder {
    fn new() -> Builder {
        Builder {
            names: HashMap::new(),
            unknown: HashMap::new(),
            councils: Vec::new(),
            index: HashMap::new(),
            pairs: HashMap::new(),
            warnings: Vec::new(),
        }
    }

    /// The council a cell names, or `None` (counted for a warning) when it names none.
    fn resolve(&mut self, name: &str, line: u64, column: &str) -> Option<&'static Authority> {
        let found = match self.names.get(name) {
            Some(&found) => found,
            None => {
                let found = Authority::lookup(name);
                self.names.insert(name.to_owned(), found);
                found
            }
        };
        if found.is_none() {
            self.unknown
                .entry(name.to_owned())
                .or_insert_with(|| (line, column.to_owned(), 0))
                .2 += 1;
        }
        found
    }

    /// The council's slot, created on first sight.
    fn slot(&mut self, authority: &'static Authority) -> usize {
        match self.index.entry(authority.ons_code.as_str()) {
            Entry::Occupied(at) => *at.get(),
            Entry::Vacant(at) => {
                self.councils.push((authority, Vec::new()));
                *at.insert(self.councils.len() - 1)
            }
        }
    }

    fn add(&mut self, authority: &'static Authority, peer: Peer) {
        if peer.authority.ons_code == authority.ons_code {
            self.warnings.push(LoadWarning {
                line: peer.line,
                column: None,
                kind: LoadWarningKind::OwnPeer {
                    authority: authority.name.clone(),
                },
            });
            return;
        }
        let key = (
            authority.ons_code.as_str(),
            peer.authority.ons_code.as_str(),
        );
        match self.pairs.entry(key) {
            Entry::Occupied(first) => self.warnings.push(LoadWarning {
                line: peer.line,
                column: None,
                kind: LoadWarningKind::DuplicatePeer {
                    authority: authority.name.clone(),
                    peer: peer.authority.name.clone(),
                    first_line: *first.get(),
                },
            }),
            Entry::Vacant(at) => {
                at.insert(peer.line);
                let slot = self.slot(authority);
                self.councils[slot].1.push(peer);
            }
        }
    }

    fn finish(mut self, shape: PeerShape, ranked: bool) -> PeerGroups {
        for (_, peers) in &mut self.councils {
            if ranked {
                // Stable: peers of equal rank keep the file's order.
                peers.sort_by(|a, b| {
                    a.rank
                        .cmp(&b.rank)
                        .then_with(|| match (a.distance, b.distance) {
                            (Some(x), Some(y)) => x.total_cmp(&y),
                            _ => std::cmp::Ordering::Equal,
                        })
                });
            } else if peers.iter().all(|p| p.distance.is_some()) && !peers.is_empty() {
                peers.sort_by(|a, b| {
                    a.distance
                        .unwrap_or(f64::INFINITY)
                        .total_cmp(&b.distance.unwrap_or(f64::INFINITY))
                });
                // Competition ranks: equal distances share the better rank.
                let mut rank = 0u32;
                let mut previous = None;
                for (i, p) in peers.iter_mut().enumerate() {
                    if previous != p.distance {
                        rank = u32::try_from(i + 1).unwrap_or(u32::MAX);
                        previous = p.distance;
                    }
                    p.rank = Some(rank);
                }
            }
        }
        self.councils.retain(|(_, peers)| !peers.is_empty());
        let index = index_of(&self.councils);
        let mut unknown: Vec<(String, (u64, String, u64))> = self.unknown.into_iter().collect();
        // Two unknown names first seen on one line: by name, so the order is the same each run.
        unknown.sort_by(|a, b| (a.1.0, &a.0).cmp(&(b.1.0, &b.0)));
        let mut warnings = self.warnings;
        warnings.extend(
            unknown
                .into_iter()
                .map(|(name, (line, column, count))| LoadWarning {
                    line,
                    column: Some(column),
                    kind: LoadWarningKind::UnknownAuthority { name, count },
                }),
        );
        warnings.sort_by_key(|w| w.line);
        PeerGroups {
            shape,
            councils: self.councils,
            index,
            warnings,
        }
    }
}

fn read_peers(reader: impl Read, source: &str) -> Result<PeerGroups, CsvError> {
    let mut table = CsvTable::open(reader, source)?;
    let headers = table.headers().clone();
    match detect(&headers)? {
        Layout::Wide { authority, ranks } => read_wide(&mut table, &headers, authority, &ranks),
        Layout::Pairs {
            shape,
            authority,
            peer,
            rank,
            distance,
        } => read_pairs(
            &mut table,
            &headers,
            shape,
            [authority, peer],
            rank,
            distance,
        ),
    }
}

/// NHS England's `peers.csv`: a council, then its peers in rank columns.
fn read_wide<R: Read>(
    table: &mut CsvTable<'_, R>,
    headers: &csv::StringRecord,
    authority: usize,
    ranks: &[(usize, u32)],
) -> Result<PeerGroups, CsvError> {
    let column_name = |i: usize| headers.get(i).unwrap_or("").to_owned();
    let authority_column = column_name(authority);
    let mut builder = Builder::new();
    let mut rows: HashMap<&'static str, u64> = HashMap::new();
    for row in table.rows() {
        let (line, row) = row?;
        let name = row.get(authority).unwrap_or("");
        if name.is_empty() {
            return Err(invalid(line, &authority_column, "an authority name", name));
        }
        let Some(council) = builder.resolve(name, line, &authority_column) else {
            continue;
        };
        if let Some(&first_line) = rows.get(council.ons_code.as_str()) {
            builder.warnings.push(LoadWarning {
                line,
                column: None,
                kind: LoadWarningKind::DuplicateRow {
                    authority: council.name.clone(),
                    first_line,
                },
            });
            continue;
        }
        rows.insert(council.ons_code.as_str(), line);
        for &(column, rank) in ranks {
            let cell = row.get(column).unwrap_or("");
            if cell.is_empty() {
                continue;
            }
            if let Some(peer) = builder.resolve(cell, line, &column_name(column)) {
                builder.add(
                    council,
                    Peer {
                        authority: peer,
                        rank: Some(rank),
                        distance: None,
                        line,
                    },
                );
            }
        }
    }
    Ok(builder.finish(PeerShape::NhsEnglandPeers, true))
}

/// One (council, peer) pair per row: NHS England's `distances.csv` or the long form.
fn read_pairs<R: Read>(
    table: &mut CsvTable<'_, R>,
    headers: &csv::StringRecord,
    shape: PeerShape,
    [authority, peer]: [usize; 2],
    rank: Option<usize>,
    distance: Option<usize>,
) -> Result<PeerGroups, CsvError> {
    let column_name = |i: usize| headers.get(i).unwrap_or("").to_owned();
    let (authority_column, peer_column) = (column_name(authority), column_name(peer));
    let mut builder = Builder::new();
    for row in table.rows() {
        let (line, row) = row?;
        let cell = |i: usize| row.get(i).unwrap_or("");
        let (name, peer_name) = (cell(authority), cell(peer));
        if name.is_empty() {
            return Err(invalid(line, &authority_column, "an authority name", name));
        }
        if peer_name.is_empty() {
            return Err(invalid(line, &peer_column, "a peer's name", peer_name));
        }
        let rank = match rank {
            Some(i) => Some(rank_header(cell(i)).ok_or_else(|| {
                invalid(
                    line,
                    &column_name(i),
                    "a rank (a whole number from 1)",
                    cell(i),
                )
            })?),
            None => None,
        };
        let distance = match distance {
            Some(i) => Some(
                cell(i)
                    .parse::<f64>()
                    .ok()
                    .filter(|d| d.is_finite() && *d >= 0.0)
                    .ok_or_else(|| {
                        invalid(
                            line,
                            &column_name(i),
                            "a distance (a number from 0)",
                            cell(i),
                        )
                    })?,
            ),
            None => None,
        };
        let council = builder.resolve(name, line, &authority_column);
        let other = builder.resolve(peer_name, line, &peer_column);
        if let (Some(council), Some(other)) = (council, other) {
            builder.add(
                council,
                Peer {
                    authority: other,
                    rank,
                    distance,
                    line,
                },
            );
        }
    }
    Ok(builder.finish(shape, rank.is_some()))
}

#[cold]
fn invalid(line: u64, column: &str, expected: &'static str, found: &str) -> CsvError {
    CsvError::InvalidValue {
        line,
        column: column.to_owned(),
        expected,
        found: found.to_owned(),
    }
}
