//! Matching a subject against the catalogue of canonical measures
//! ([`MeasureDef::catalogue`]).
//!
//! A subject (lowercased, normalised) matches a measure when all the parts of one of its `keys`
//! alternatives occur in it and none of its `excludes` do; the match with the most key
//! characters wins. A measure about carers also needs the subject to mention carers (or the
//! source to be SACE), and one about people who use services needs it not to. Every key part
//! and exclude of the catalogue is found in one pass with one automaton.

use std::sync::LazyLock;

use crate::model::{MeasureDef, Population as P, Unit};
use crate::text::search::PhraseSet;

/// The measure a subject names: the match with the most key characters. `text` is the subject
/// (lowercase, normalised); `context` the rest of the sentence and the subheading, where a key
/// part written `~part` may also be found (the topic of a local figure is often named earlier:
/// "318 carers were waiting ..., with a median wait of 121 days"). For such measures the
/// excludes apply to the context too. `unit` must agree with the measure's usual unit family
/// (counts are not percentages); `carers` says whether the subject or its source is about
/// carers.
pub(crate) fn best_match(
    text: &str,
    context: &str,
    unit: Unit,
    carers: bool,
) -> Option<&'static MeasureDef> {
    let parts = &*PARTS;
    let in_text = parts.found(text);
    // The context only matters to qualified measures: searched when first needed.
    let in_context = std::cell::OnceCell::new();
    let context_has = |k: usize| in_context.get_or_init(|| parts.found(context)).contains(k);
    let mut best: Option<(usize, &'static MeasureDef)> = None;
    for (def, row) in MeasureDef::catalogue().iter().zip(&parts.rows) {
        if family(def.unit) != family(unit) {
            continue;
        }
        let found =
            |&(k, qualified): &(usize, bool)| in_text.contains(k) || (qualified && context_has(k));
        let Some(score) = row
            .alternatives
            .iter()
            .filter(|(keys, _)| keys.iter().all(found))
            .map(|&(_, score)| score)
            .max()
        else {
            continue;
        };
        if best.is_some_and(|(s, _)| score <= s) {
            continue;
        }
        let excluded = |&k: &usize| in_text.contains(k) || (row.qualified && context_has(k));
        if row.excludes.iter().any(excluded) {
            continue;
        }
        let carer_context = row.qualified && context_has(parts.carer);
        if def.population == P::Carers && !carers && !carer_context {
            continue;
        }
        best = Some((score, def));
    }
    best.map(|(_, def)| def)
}

/// Whether `text` (lowercase) contains `needle`.
pub(crate) fn contains(text: &str, needle: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), needle.as_bytes()).is_some()
}

/// Percentages and rates are interchangeable (turnover is given either way); days, weeks and
/// months are all durations.
fn family(u: Unit) -> usize {
    match u {
        Unit::Percent | Unit::Rate => 0,
        Unit::Days | Unit::Weeks | Unit::Months => 1,
        Unit::People => 2,
        Unit::Count => 5,
        Unit::Years => 6,
        Unit::Pounds => 3,
        Unit::Per100000 => 4,
    }
}

/// Every distinct key part and exclude of the catalogue, numbered, and each row in those
/// numbers.
struct Parts {
    set: PhraseSet,
    count: usize,
    rows: Vec<Row>,
    /// The number of "carer".
    carer: usize,
}

/// A catalogue row in part numbers.
struct Row {
    /// Each alternative's parts (with whether the part may stand in the context) and its score.
    alternatives: Vec<(Vec<(usize, bool)>, usize)>,
    excludes: Vec<usize>,
    qualified: bool,
}

/// Which parts a text holds.
struct Found(Vec<bool>);

impl Found {
    fn contains(&self, k: usize) -> bool {
        self.0.get(k).copied().unwrap_or(false)
    }
}

impl Parts {
    fn found(&self, text: &str) -> Found {
        let mut found = vec![false; self.count];
        for m in self.set.find_overlapping(text) {
            if let Some(slot) = found.get_mut(m) {
                *slot = true;
            }
        }
        Found(found)
    }
}

static PARTS: LazyLock<Parts> = LazyLock::new(|| {
    let mut names: Vec<&'static str> = vec!["carer"];
    let mut number = |part: &'static str| -> usize {
        match names.iter().position(|n| *n == part) {
            Some(k) => k,
            None => {
                names.push(part);
                names.len() - 1
            }
        }
    };
    let rows = MeasureDef::catalogue()
        .iter()
        .map(|def| {
            let alternatives = def
                .keys
                .iter()
                .map(|alt| {
                    let keys = alt
                        .iter()
                        .map(|k| match k.strip_prefix('~') {
                            Some(q) => (number(q), true),
                            None => (number(k), false),
                        })
                        .collect();
                    let score = alt.iter().map(|k| k.trim_start_matches('~').len()).sum();
                    (keys, score)
                })
                .collect();
            Row {
                alternatives,
                excludes: def.excludes.iter().map(|x| number(x)).collect(),
                qualified: def
                    .keys
                    .iter()
                    .any(|alt| alt.iter().any(|k| k.starts_with('~'))),
            }
        })
        .collect();
    Parts {
        set: PhraseSet::new(&names),
        count: names.len(),
        rows,
        carer: 0,
    }
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_cover_section_5_2() {
        let mut ids: Vec<&str> = MeasureDef::catalogue().iter().map(|m| m.id).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate ids");
        for id in [
            "ascs_scrqol",
            "ascs_control_daily_life",
            "salt_self_directed_support",
            "salt_direct_payments",
            "sace_carer_qol",
            "salt_ld_paid_employment",
            "mh_paid_employment",
            "salt_lts_home_or_family",
            "mh_live_independently",
            "ascs_social_contact",
            "sace_social_contact",
            "salt_admissions_18_64",
            "salt_admissions_65_plus",
            "salt_reablement_91_days",
            "salt_reablement_offered",
            "dtoc",
            "salt_short_term_no_further_support",
            "ascs_overall_satisfaction",
            "sace_carer_satisfaction",
            "sace_carers_included_consulted",
            "ascs_easy_find_info",
            "sace_easy_find_info",
            "ascs_feel_safe",
            "ascs_services_made_safe",
            "sac_s42_risk_outcome",
            "sfc_staff_turnover",
            "cqc_provider_ratings",
        ] {
            assert!(MeasureDef::by_id(id).is_some(), "{id}");
        }
    }

    #[test]
    fn matching_prefers_specific_and_respects_population() {
        let id = |t: &str, u, c| best_match(t, "", u, c).map(|m| m.id);
        assert_eq!(
            id(
                "people reported they had as much social contact as desired",
                Unit::Percent,
                false
            ),
            Some("ascs_social_contact")
        );
        assert_eq!(
            id(
                "carers had as much social contact as desired",
                Unit::Percent,
                true
            ),
            Some("sace_social_contact")
        );
        assert_eq!(
            id("people who used services felt safe", Unit::Percent, false),
            Some("ascs_feel_safe")
        );
        assert_eq!(
            id("services had made them feel safe", Unit::Percent, false),
            Some("ascs_services_made_safe")
        );
        assert_eq!(
            id("a staff turnover rate", Unit::Rate, false),
            Some("sfc_staff_turnover")
        );
        assert_eq!(id("the weather", Unit::Percent, false), None);
        let la = |t: &str, ctx: &str, u| best_match(t, ctx, u, false).map(|m| m.id);
        assert_eq!(
            la(
                "with a median wait of 121 days",
                "318 carers were waiting for an assessment",
                Unit::Days
            ),
            Some("la_carers_assessment_median_wait")
        );
        assert_eq!(
            la(
                "with a median wait of 23 days",
                "412 people were waiting for a care act assessment",
                Unit::Days
            ),
            Some("la_assessment_median_wait")
        );
        assert_eq!(
            la(
                "their median waiting time was 49 days",
                "access to equipment and home adaptations",
                Unit::Days
            ),
            Some("la_equipment_median_wait")
        );
    }
}
