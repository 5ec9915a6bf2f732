//! The catalogue of canonical measures: the join key of benchmarking.
//!
//! The catalogue is data: `data/measures.csv`, embedded at compile time and read once. Each row
//! is one measure: a stable id, a name, its ASCOF codes (2014-15 to 2022-23, and from 2023-24),
//! the dataset it comes from, which way is better, who it is about, the units it is given in,
//! and for the matcher (`crate::metrics`) the phrases that describe it, the terms a description
//! must hold and the terms that rule it out.

use std::sync::LazyLock;

use super::metric::{Dataset, Polarity, Population, Unit};

/// The catalogue as shipped.
const MEASURES_CSV: &str = include_str!("../../data/measures.csv");

/// A canonical measure in the catalogue (see [`MeasureDef::catalogue`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MeasureDef {
    /// Stable id, e.g. `"ascs_control_daily_life"`.
    pub id: &'static str,
    /// A short name.
    pub name: &'static str,
    /// ASCOF code in the 2014-15 to 2022-23 framework, if any.
    pub ascof_old: Option<&'static str>,
    /// ASCOF code from 2023-24, if any (see the domain reference for which are verified).
    pub ascof_new: Option<&'static str>,
    /// Which way is better.
    pub polarity: Polarity,
    /// Who it is about.
    pub population: Population,
    /// The dataset it normally comes from.
    pub dataset: Dataset,
    /// The unit it is usually given in.
    pub unit: Unit,
    /// Every unit it is given in (the usual one first).
    pub units: &'static [Unit],
    /// Phrases that describe it, `|`-separated (matcher data).
    pub(crate) phrases: &'static str,
    /// Terms a description must hold, `;`-separated, each with `/`-separated alternatives; a
    /// term starting with `~` may stand in the sentence before or the subheading.
    pub(crate) requires: &'static str,
    /// Terms that rule the measure out, `;`-separated.
    pub(crate) excludes: &'static str,
    /// Whether the measure is a change (population growth, a projected increase): a figure
    /// given as a change ("increased by 8.2%", "a 14% rise in") takes only such a measure,
    /// never the level its words name.
    pub change: bool,
}

static CATALOGUE: LazyLock<Vec<MeasureDef>> = LazyLock::new(|| {
    // The embedded file is checked by the test suite (every row reads); a row that did not
    // read would be left out rather than panic.
    read_catalogue(MEASURES_CSV).unwrap_or_default()
});

/// Reads the catalogue's rows. The strings live as long as the program: the catalogue is read
/// once.
fn read_catalogue(text: &str) -> Result<Vec<MeasureDef>, String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| e.to_string())?;
        let line = i + 2;
        let field = |k: usize| -> &'static str {
            Box::leak(
                record
                    .get(k)
                    .unwrap_or("")
                    .trim()
                    .to_owned()
                    .into_boxed_str(),
            )
        };
        let optional = |k: usize| Some(field(k)).filter(|s| !s.is_empty());
        let units: Vec<Unit> = field(7)
            .split('|')
            .map(|u| unit_from_id(u.trim()).ok_or(format!("line {line}: unknown unit '{u}'")))
            .collect::<Result<_, _>>()?;
        let units: &'static [Unit] = Box::leak(units.into_boxed_slice());
        out.push(MeasureDef {
            id: field(0),
            name: field(1),
            ascof_old: optional(2),
            ascof_new: optional(3),
            dataset: dataset_from_id(field(4))
                .ok_or(format!("line {line}: unknown dataset '{}'", field(4)))?,
            polarity: match field(5) {
                "up" => Polarity::HigherIsBetter,
                "down" => Polarity::LowerIsBetter,
                "none" => Polarity::NoJudgement,
                other => return Err(format!("line {line}: unknown polarity '{other}'")),
            },
            population: population_from_id(field(6))
                .ok_or(format!("line {line}: unknown population '{}'", field(6)))?,
            unit: *units.first().ok_or(format!("line {line}: no unit"))?,
            units,
            phrases: field(8),
            requires: field(9),
            excludes: field(10),
            change: match field(11) {
                "yes" => true,
                "" => false,
                other => {
                    return Err(format!(
                        "line {line}: change is 'yes' or empty, not '{other}'"
                    ));
                }
            },
        });
    }
    Ok(out)
}

fn unit_from_id(id: &str) -> Option<Unit> {
    Unit::ALL.into_iter().find(|u| u.id() == id)
}

fn dataset_from_id(id: &str) -> Option<Dataset> {
    Dataset::ALL.into_iter().find(|d| d.id() == id)
}

fn population_from_id(id: &str) -> Option<Population> {
    Some(match id {
        "users" => Population::PeopleWhoUseServices,
        "carers" => Population::Carers,
        "aged_65_plus" => Population::Aged65Plus,
        "aged_18_64" => Population::Aged18To64,
        "staff" => Population::Staff,
        "residents" => Population::Residents,
        "providers" => Population::Providers,
        "authority" => Population::Authority,
        _ => return None,
    })
}

impl MeasureDef {
    /// The whole catalogue, in the order of `data/measures.csv`.
    #[must_use]
    pub fn catalogue() -> &'static [MeasureDef] {
        &CATALOGUE
    }

    /// This measure's position in [`MeasureDef::catalogue`], found from its address (measures
    /// are only ever references into the catalogue), so that tables keyed by measure need no
    /// hashing.
    pub(crate) fn index(&'static self) -> Option<usize> {
        let catalogue = MeasureDef::catalogue();
        let offset = std::ptr::from_ref(self)
            .addr()
            .checked_sub(catalogue.as_ptr().addr())?
            / std::mem::size_of::<MeasureDef>();
        catalogue
            .get(offset)
            .filter(|d| std::ptr::eq(*d, self))
            .map(|_| offset)
    }

    /// A measure by id.
    #[must_use]
    pub fn by_id(id: &str) -> Option<&'static MeasureDef> {
        MeasureDef::catalogue().iter().find(|m| m.id == id)
    }

    /// The ASCOF codes, old first: `["1C(1a)", "3D"]`.
    #[must_use]
    pub fn ascof(&self) -> Vec<&'static str> {
        self.ascof_old.into_iter().chain(self.ascof_new).collect()
    }

    /// Whether figures in `unit` can be this measure (a percentage and a rate are the same
    /// measure written two ways).
    #[must_use]
    pub fn accepts(&self, unit: Unit) -> bool {
        let same = |u: Unit| {
            u == unit
                || matches!(
                    (u, unit),
                    (Unit::Percent, Unit::Rate) | (Unit::Rate, Unit::Percent)
                )
        };
        self.units.iter().any(|&u| same(u))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_of_the_embedded_catalogue_reads() {
        let rows = MEASURES_CSV.lines().count() - 1;
        let catalogue = read_catalogue(MEASURES_CSV).unwrap();
        assert_eq!(catalogue.len(), rows);
        assert_eq!(MeasureDef::catalogue().len(), rows);
        let mut ids: Vec<&str> = catalogue.iter().map(|m| m.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), rows, "ids are unique");
    }

    #[test]
    fn every_measure_knows_its_catalogue_position() {
        for (i, def) in MeasureDef::catalogue().iter().enumerate() {
            assert_eq!(def.index(), Some(i), "{}", def.id);
        }
        let copy: &'static MeasureDef = Box::leak(Box::new(MeasureDef::catalogue()[0]));
        assert_eq!(copy.index(), None);
    }

    #[test]
    fn a_bad_row_is_an_error_with_its_line() {
        let text = "id,name,ascof_old,ascof_new,dataset,polarity,population,units,phrases,requires,excludes\n\
                    x,X,,,ascs,sideways,users,percent,,,\n";
        assert_eq!(
            read_catalogue(text).unwrap_err(),
            "line 2: unknown polarity 'sideways'"
        );
    }
}
