//! The catalogue of canonical measures: data, not code.
//!
//! Every measure of the domain reference's ASCOF table (section 5.2), the CQC metrics the
//! sample reports cite (section 5.3), local authority figures, demographics and financial facts.
//! ASCOF codes: `ascof_old` is the 2014-15 to 2022-23 code; `ascof_new` the 2023-24 code where
//! the reference gives one (several are marked unverified there).
//!
//! Matching (see [`best_match`]): the subject text (lowercased, normalised) matches a measure
//! when all the parts of one of its `keys` alternatives occur in it and none of its `excludes`
//! do; the match with the most key characters wins. A measure about carers also needs the
//! subject to mention carers (or the source to be SACE), and one about people who use services
//! needs it not to.

use super::{Dataset, MeasureDef, Polarity, Population, Unit};

use Dataset as D;
use Polarity::{HigherIsBetter as Up, LowerIsBetter as Down, NoJudgement as Ctx};
use Population as P;

/// Shorthand for a catalogue row.
#[allow(clippy::too_many_arguments)]
const fn m(
    id: &'static str,
    name: &'static str,
    ascof: (Option<&'static str>, Option<&'static str>),
    polarity: Polarity,
    population: Population,
    dataset: Dataset,
    unit: Unit,
    keys: &'static [&'static [&'static str]],
    excludes: &'static [&'static str],
) -> MeasureDef {
    MeasureDef {
        id,
        name,
        ascof_old: ascof.0,
        ascof_new: ascof.1,
        polarity,
        population,
        dataset,
        unit,
        keys,
        excludes,
    }
}

const NONE: (Option<&str>, Option<&str>) = (None, None);
const fn old(code: &'static str) -> (Option<&'static str>, Option<&'static str>) {
    (Some(code), None)
}
const fn both(
    old: &'static str,
    new: &'static str,
) -> (Option<&'static str>, Option<&'static str>) {
    (Some(old), Some(new))
}

/// The catalogue: one row per measure.
#[rustfmt::skip]
pub(crate) static CATALOGUE: &[MeasureDef] = &[
    // --- ASCOF (domain reference 5.2) ---
    m("ascs_scrqol", "Social care-related quality of life score", both("1A", "1A"), Up, P::PeopleWhoUseServices, D::Ascs, Unit::Rate, &[&["quality of life score"], &["social care-related quality of life"]], &["carer"]),
    m("ascs_control_daily_life", "Users who have control over their daily life", old("1B"), Up, P::PeopleWhoUseServices, D::Ascs, Unit::Percent, &[&["control over", "daily life"], &["in control", "daily life"]], &["carer"]),
    m("salt_self_directed_support", "Users receiving self-directed support", both("1C(1a)", "3D"), Up, P::PeopleWhoUseServices, D::Salt, Unit::Percent, &[&["self-directed support"], &["self directed support"]], &["carer"]),
    m("salt_carers_self_directed_support", "Carers receiving self-directed support", both("1C(1b)", "3D"), Up, P::Carers, D::Salt, Unit::Percent, &[&["carer", "self-directed support"], &["carer", "self directed support"]], &[]),
    m("salt_direct_payments", "Users receiving direct payments", both("1C(2a)", "3D"), Up, P::PeopleWhoUseServices, D::Salt, Unit::Percent, &[&["direct payment"]], &["carer"]),
    m("salt_carers_direct_payments", "Carers receiving direct payments", both("1C(2b)", "3D"), Up, P::Carers, D::Salt, Unit::Percent, &[&["carer", "direct payment"]], &[]),
    m("sace_carer_qol", "Carer-reported quality of life score", old("1D"), Up, P::Carers, D::Sace, Unit::Rate, &[&["carer", "quality of life"]], &[]),
    m("salt_ld_paid_employment", "Adults with a learning disability in paid employment", old("1E"), Up, P::PeopleWhoUseServices, D::Salt, Unit::Percent, &[&["learning disabilit", "paid employment"]], &["carer"]),
    m("mh_paid_employment", "Adults in contact with secondary mental health services in paid employment", old("1F"), Up, P::PeopleWhoUseServices, D::Ascof, Unit::Percent, &[&["mental health", "paid employment"]], &["carer"]),
    m("salt_lts_home_or_family", "People on long-term support living in their own home or with family", both("1G", "2E"), Up, P::PeopleWhoUseServices, D::Salt, Unit::Percent, &[&["own home or with", "family"], &["live in their own home"]], &["carer"]),
    m("mh_live_independently", "Adults in contact with secondary mental health services living independently", old("1H"), Up, P::PeopleWhoUseServices, D::Ascof, Unit::Percent, &[&["mental health", "living independently"], &["mental health", "live independently"]], &["carer"]),
    m("ascs_social_contact", "Users who had as much social contact as they would like", old("1I1"), Up, P::PeopleWhoUseServices, D::Ascs, Unit::Percent, &[&["social contact"]], &["carer"]),
    m("sace_social_contact", "Carers who had as much social contact as they would like", old("1I2"), Up, P::Carers, D::Sace, Unit::Percent, &[&["carer", "social contact"]], &[]),
    m("salt_admissions_18_64", "Admissions to residential and nursing care, aged 18-64, per 100,000", both("2A(1)", "2B"), Down, P::Aged18To64, D::Salt, Unit::Per100000, &[&["admission", "18-64"], &["admission", "18 to 64"]], &[]),
    m("salt_admissions_65_plus", "Admissions to residential and nursing care, aged 65+, per 100,000", both("2A(2)", "2C"), Down, P::Aged65Plus, D::Salt, Unit::Per100000, &[&["admission", "65"]], &["reablement", "91 days"]),
    m("salt_reablement_91_days", "Aged 65+ still at home 91 days after discharge into reablement", both("2B(1)", "2D"), Up, P::Aged65Plus, D::Salt, Unit::Percent, &[&["91 days"], &["still at home", "reablement"], &["12 weeks of discharge"]], &[]),
    m("salt_reablement_offered", "Aged 65+ offered reablement after discharge", old("2B(2)"), Up, P::Aged65Plus, D::Salt, Unit::Percent, &[&["reablement", "following discharge"], &["reablement", "after discharge"], &["received reablement", "discharge"]], &["91 days", "still at home"]),
    m("dtoc", "Delayed transfers of care", old("2C"), Down, P::PeopleWhoUseServices, D::Ascof, Unit::Per100000, &[&["delayed transfers of care"]], &[]),
    m("salt_short_term_no_further_support", "Short-term support followed by no further or lower-level support", both("2D", "2A"), Up, P::PeopleWhoUseServices, D::Salt, Unit::Percent, &[&["short term support", "no longer required"], &["short-term support", "no longer required"], &["short-term", "no further"], &["short term", "no further"], &["short-term", "lower level"]], &[]),
    m("ascs_overall_satisfaction", "Users satisfied with their care and support", old("3A"), Up, P::PeopleWhoUseServices, D::Ascs, Unit::Percent, &[&["satisfied with care and support"], &["satisfied with their care"], &["satisfaction with care and support"]], &["carer"]),
    m("sace_carer_satisfaction", "Carers satisfied with social services", old("3B"), Up, P::Carers, D::Sace, Unit::Percent, &[&["carer", "satisf", "social services"]], &[]),
    m("sace_carers_included_consulted", "Carers included or consulted in discussions about the person they care for", old("3C"), Up, P::Carers, D::Sace, Unit::Percent, &[&["carer", "involved or consulted"], &["carer", "included or consulted"]], &[]),
    m("ascs_easy_find_info", "Users who find it easy to find information about support", old("3D1"), Up, P::PeopleWhoUseServices, D::Ascs, Unit::Percent, &[&["easy to find information"], &["easy to access information"]], &["carer"]),
    m("sace_easy_find_info", "Carers who find it easy to find information about support", old("3D2"), Up, P::Carers, D::Sace, Unit::Percent, &[&["carer", "easy to find information"], &["carer", "easy to access information"]], &[]),
    m("ascs_feel_safe", "Users who feel safe", old("4A"), Up, P::PeopleWhoUseServices, D::Ascs, Unit::Percent, &[&["felt safe"], &["feel safe"]], &["carer", "made them feel safe", "services had made", "services made",]),
    m("ascs_services_made_safe", "Users who say services have made them feel safe and secure", old("4B"), Up, P::PeopleWhoUseServices, D::Ascs, Unit::Percent, &[&["made them feel safe"], &["services", "feel safe and secure"]], &["carer"]),
    m("sac_s42_risk_outcome", "Section 42 enquiries where a risk was reduced or removed", NONE, Up, P::PeopleWhoUseServices, D::SafeguardingAdultsCollection, Unit::Percent, &[&["risk", "reduced or removed"], &["risk", "removed or reduced"]], &[]),
    m("sfc_staff_turnover", "Adult social care staff turnover rate", NONE, Down, P::Staff, D::SkillsForCare, Unit::Rate, &[&["turnover"]], &[]),
    m("cqc_provider_ratings", "Share of local providers rated good or outstanding", NONE, Up, P::Providers, D::CqcRatings, Unit::Percent, &[&["rated good"], &["rated outstanding"]], &["requires improvement", " ri", "not rated", "unrated", "inadequate"]),
    // --- other CQC metrics the reports cite ---
    m("salt_ltc_reviewed", "Long-term support clients reviewed", NONE, Up, P::PeopleWhoUseServices, D::Salt, Unit::Percent, &[&["long-term support", "review"], &["long term support", "review"]], &["carer"]),
    m("sace_support_confidence", "Carers accessing support or someone to talk to in confidence", NONE, Up, P::Carers, D::Sace, Unit::Percent, &[&["carer", "talk to in confidence"]], &[]),
    m("sace_support_employment", "Carers accessing support to keep them in employment", NONE, Up, P::Carers, D::Sace, Unit::Percent, &[&["carer", "keep them in employment"]], &[]),
    m("sace_training", "Carers accessing training for carers", NONE, Up, P::Carers, D::Sace, Unit::Percent, &[&["training for carers"]], &[]),
    m("sace_financial_difficulty", "Carers with financial difficulties because of caring", NONE, Down, P::Carers, D::Sace, Unit::Percent, &[&["carer", "financial difficult"]], &[]),
    m("sace_not_in_employment", "Carers not in paid employment because of caring", NONE, Down, P::Carers, D::Sace, Unit::Percent, &[&["not in paid employment"]], &[]),
    m("sace_carer_control", "Carers who feel they have control over their daily life", NONE, Up, P::Carers, D::Sace, Unit::Percent, &[&["carer", "control over", "daily life"]], &[]),
    m("sace_carer_encouragement", "Carers who feel they have encouragement and support", NONE, Up, P::Carers, D::Sace, Unit::Percent, &[&["carer", "encouragement and support"]], &[]),
    m("sace_carer_time", "Carers with enough time to care for others they are responsible for", NONE, Up, P::Carers, D::Sace, Unit::Percent, &[&["carer", "enough time"]], &[]),
    m("sace_info_helpful", "Carers who found information and advice helpful", NONE, Up, P::Carers, D::Sace, Unit::Percent, &[&["carer", "information and advice helpful"]], &[]),
    m("sace_break_short_notice", "Carers able to take a break at short notice or in an emergency", NONE, Up, P::Carers, D::Sace, Unit::Percent, &[&["carer", "break", "short notice"], &["carer", "break", "emergency"]], &[]),
    m("sace_break_24_hours", "Carers able to take a break of more than 24 hours", NONE, Up, P::Carers, D::Sace, Unit::Percent, &[&["carer", "break", "more than 24 hours"]], &[]),
    m("sace_break_1_24_hours", "Carers able to take a break of 1 to 24 hours", NONE, Up, P::Carers, D::Sace, Unit::Percent, &[&["carer", "break", "1-24 hours"], &["carer", "break", "1 and 24 hours"], &["carer", "break", "1 to 24 hours"]], &[]),
    m("sace_felt_safe", "Carers who feel safe", NONE, Up, P::Carers, D::Sace, Unit::Percent, &[&["carer", "felt safe"], &["carer", "feel safe"]], &[]),
    m("ascs_no_top_up", "People who did not buy additional care or pay to top up", NONE, Up, P::PeopleWhoUseServices, D::Ascs, Unit::Percent, &[&["top up"], &["buy additional care"]], &["carer"]),
    m("ascs_feel_better_about_self", "Help and support made them think and feel better about themselves", NONE, Up, P::PeopleWhoUseServices, D::Ascs, Unit::Percent, &[&["feel better about themselves"]], &["carer"]),
    m("ascs_time_doing_things_valued", "Spend their time doing things they value or enjoy", NONE, Up, P::PeopleWhoUseServices, D::Ascs, Unit::Percent, &[&["things they value"], &["things they valued"], &["value or enjoy"], &["valued or enjoyed"]], &["carer"]),
    m("ascs_home_clean", "Home is clean and presentable", NONE, Up, P::PeopleWhoUseServices, D::Ascs, Unit::Percent, &[&["home", "clean and"]], &["carer"]),
    m("ascs_feel_clean", "Feel clean and presentable", NONE, Up, P::PeopleWhoUseServices, D::Ascs, Unit::Percent, &[&["clean and presentable themselves"], &["feel clean"], &["felt clean"]], &["carer", "home"]),
    m("ascs_food_drink", "Get adequate food and drink", NONE, Up, P::PeopleWhoUseServices, D::Ascs, Unit::Percent, &[&["food and drink"]], &["carer"]),
    m("ascs_choice_over_services", "Users who feel they have choice over services", NONE, Up, P::PeopleWhoUseServices, D::Ascs, Unit::Percent, &[&["choice over services"], &["choice over their services"], &["choice over care"]], &["carer"]),
    m("sfc_vacancy_rate", "Adult social care staff vacancy rate", NONE, Down, P::Staff, D::SkillsForCare, Unit::Percent, &[&["vacancy rate"], &["vacancies"]], &[]),
    m("sfc_sickness_days", "Average staff sickness days", NONE, Down, P::Staff, D::SkillsForCare, Unit::Days, &[&["sickness"]], &[]),
    m("sac_advocate_lacking_capacity", "Individuals lacking capacity supported by an advocate, family or friend", NONE, Up, P::PeopleWhoUseServices, D::SafeguardingAdultsCollection, Unit::Percent, &[&["lacking capacity", "advocate"]], &[]),
    m("sac_concerns_to_s42", "Safeguarding concerns that became section 42 enquiries", NONE, Ctx, P::PeopleWhoUseServices, D::SafeguardingAdultsCollection, Unit::Percent, &[&["section 42 enquiry"], &["section 42 enquiries", "concerns"], &["s42"]], &[]),
    // --- the local authority's own figures ---
    m("la_carers_assessment_waiting_list", "People waiting for a carer's assessment or review", NONE, Down, P::Carers, D::LocalAuthority, Unit::People, &[&["waiting", "~carer"]], &["home care", "equipment"]),
    m("la_carers_assessment_median_wait", "Median wait for a carer's assessment or review", NONE, Down, P::Carers, D::LocalAuthority, Unit::Days, &[&["median wait", "~carer"]], &["equipment"]),
    m("la_carers_assessment_maximum_wait", "Maximum wait for a carer's assessment or review", NONE, Down, P::Carers, D::LocalAuthority, Unit::Days, &[&["maximum wait", "~carer"], &["longest wait", "~carer"]], &["equipment"]),
    m("la_assessment_waiting_list", "People waiting for a needs assessment", NONE, Down, P::PeopleWhoUseServices, D::LocalAuthority, Unit::People, &[&["waiting", "~assessment"]], &["carer", "financial", "equipment", "occupational therap", "home care"]),
    m("la_assessment_median_wait", "Median wait for a needs assessment", NONE, Down, P::PeopleWhoUseServices, D::LocalAuthority, Unit::Days, &[&["median wait", "~assessment"]], &["carer", "financial", "equipment", "occupational therap"]),
    m("la_assessment_maximum_wait", "Maximum wait for a needs assessment", NONE, Down, P::PeopleWhoUseServices, D::LocalAuthority, Unit::Days, &[&["maximum wait", "~assessment"], &["longest wait", "~assessment"]], &["carer", "financial", "equipment", "occupational therap"]),
    m("la_ot_assessment_median_wait", "Median wait for an occupational therapy assessment", NONE, Down, P::PeopleWhoUseServices, D::LocalAuthority, Unit::Days, &[&["median wait", "~occupational therap"]], &["carer"]),
    m("la_financial_assessment_median_wait", "Median wait for a financial assessment", NONE, Down, P::PeopleWhoUseServices, D::LocalAuthority, Unit::Days, &[&["median wait", "~financial assessment"], &["wait", "~financial assessment"]], &[]),
    m("la_equipment_median_wait", "Median wait for equipment", NONE, Down, P::PeopleWhoUseServices, D::LocalAuthority, Unit::Days, &[&["median wait", "~equipment"]], &[]),
    m("la_equipment_waiting_list", "People waiting for equipment", NONE, Down, P::PeopleWhoUseServices, D::LocalAuthority, Unit::People, &[&["waiting", "~equipment"]], &[]),
    m("la_home_care_waiting_list", "People waiting for home care", NONE, Down, P::PeopleWhoUseServices, D::LocalAuthority, Unit::People, &[&["waiting", "~home care"]], &[]),
    m("la_adaptations_wait", "Wait for home adaptations", NONE, Down, P::PeopleWhoUseServices, D::LocalAuthority, Unit::Months, &[&["wait", "~adaptation"]], &[]),
    m("la_reablement_effective", "Reablement effectiveness (the authority's own measure)", NONE, Up, P::PeopleWhoUseServices, D::LocalAuthority, Unit::Percent, &[&["effective", "~reablement"]], &[]),
    m("la_advocacy_supported", "Adults supported by advocacy", NONE, Ctx, P::PeopleWhoUseServices, D::LocalAuthority, Unit::People, &[&["advocacy"]], &[]),
    // --- demographics ---
    m("demo_population", "Population", NONE, Ctx, P::Residents, D::LocalAuthority, Unit::People, &[&["population of"]], &[]),
    m("demo_ethnic_minority", "Residents from a Black, Asian or other ethnic minority group", NONE, Ctx, P::Residents, D::LocalAuthority, Unit::Percent, &[&["ethnic"]], &[]),
    m("demo_lgbtq", "People identifying as LGBTQ+", NONE, Ctx, P::Residents, D::LocalAuthority, Unit::Percent, &[&["lgbt"]], &[]),
    m("demo_disabled", "Disabled people as a share of the population", NONE, Ctx, P::Residents, D::LocalAuthority, Unit::Percent, &[&["disabled people"], &["disability"]], &[]),
    m("demo_economically_inactive", "People economically inactive", NONE, Ctx, P::Residents, D::LocalAuthority, Unit::Percent, &[&["economically inactive"]], &[]),
    // --- financial facts (built from the typed fields, not matched by phrase) ---
    m("fin_total_budget_estimate", "Total budget (estimate)", NONE, Ctx, P::Authority, D::LocalAuthority, Unit::Pounds, &[], &[]),
    m("fin_total_budget_actual", "Total budget (actual spend)", NONE, Ctx, P::Authority, D::LocalAuthority, Unit::Pounds, &[], &[]),
    m("fin_asc_spend_estimate", "Adult social care spend (estimate)", NONE, Ctx, P::Authority, D::LocalAuthority, Unit::Pounds, &[], &[]),
    m("fin_asc_spend_actual", "Adult social care spend (actual)", NONE, Ctx, P::Authority, D::LocalAuthority, Unit::Pounds, &[], &[]),
    m("fin_asc_share", "Share of the budget spent on adult social care", NONE, Ctx, P::Authority, D::LocalAuthority, Unit::Percent, &[], &[]),
    m("fin_asc_precept", "Adult social care precept", NONE, Ctx, P::Authority, D::LocalAuthority, Unit::Percent, &[], &[]),
    m("fin_long_term_support", "People accessing long-term support", NONE, Ctx, P::PeopleWhoUseServices, D::LocalAuthority, Unit::People, &[], &[]),
    m("fin_short_term_support", "People accessing short-term support", NONE, Ctx, P::PeopleWhoUseServices, D::LocalAuthority, Unit::People, &[], &[]),
];

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
    let mut best: Option<(usize, &'static MeasureDef)> = None;
    // Most keys are ruled out by a pair of letters neither text has: first by the pairs folded
    // into 64 bits, then by all of them.
    let text_pairs = Pairs::of(text);
    let text_folded = text_pairs.folded();
    // The context only matters to qualified measures: its pairs are taken when first needed.
    let context_pairs = std::cell::OnceCell::new();
    let in_text = |k: &str| text_pairs.may_contain(k) && contains(text, k);
    let in_context = |k: &str| {
        context_pairs
            .get_or_init(|| Pairs::of(context))
            .may_contain(k)
            && contains(context, k)
    };
    // The rows of the unit's family that need no folded pair the text lacks, as bits.
    let index = &*INDEX;
    let mut rejected = 0u128;
    let mut missing = !text_folded;
    while missing != 0 {
        rejected |= index
            .needing
            .get(missing.trailing_zeros() as usize)
            .copied()
            .unwrap_or(0);
        missing &= missing - 1;
    }
    let mut rows = index.family.get(family(unit)).copied().unwrap_or(0) & !rejected;
    // In catalogue order: the first of equal scores wins.
    while rows != 0 {
        let k = rows.trailing_zeros() as usize;
        rows &= rows - 1;
        let (Some(def), Some(pre)) = (CATALOGUE.get(k), PREPARED.get(k)) else {
            continue;
        };
        let qualified = pre.qualified;
        // Keys first: most measures fail on their first key, and the outcome does not depend
        // on the order of these pure tests.
        let found = |k: &str| match k.strip_prefix('~') {
            Some(q) => in_text(q) || in_context(q),
            None => in_text(k),
        };
        // An alternative whose plain keys need a letter pair the subject lacks cannot match.
        let score = def
            .keys
            .iter()
            .zip(pre.alts.iter())
            .filter(|(alt, (mask, folded, _))| {
                folded & !text_folded == 0
                    && text_pairs.covers(mask)
                    && alt.iter().all(|k| found(k))
            })
            .map(|(_, &(_, _, len))| len)
            .max();
        let Some(score) = score else { continue };
        if best.is_some_and(|(s, _)| score <= s) {
            continue;
        }
        let excluded = |x: &&str| in_text(x) || (qualified && in_context(x));
        if def.excludes.iter().any(excluded) {
            continue;
        }
        if def.population == P::Carers && !carers && !(qualified && in_context("carer")) {
            continue;
        }
        best = Some((score, def));
    }
    best.map(|(_, def)| def)
}

/// What matching needs of each catalogue row, worked out once: whether a key is qualified
/// (`~`), and for each alternative the letter pairs of its plain keys (also folded) and its
/// score.
struct Prepared {
    qualified: bool,
    /// The folded pairs every alternative needs (all bits when there is none).
    common: u64,
    /// Each alternative's letter pairs, those folded into 64 bits, and its score.
    alts: Vec<(Pairs, u64, usize)>,
}

static PREPARED: std::sync::LazyLock<Vec<Prepared>> = std::sync::LazyLock::new(|| {
    CATALOGUE
        .iter()
        .map(|def| {
            let alts: Vec<(Pairs, u64, usize)> = def
                .keys
                .iter()
                .map(|alt| {
                    let mut mask = Pairs([0; 16]);
                    for k in alt.iter().filter(|k| !k.starts_with('~')) {
                        mask.add(k);
                    }
                    let len = alt.iter().map(|k| k.trim_start_matches('~').len()).sum();
                    let folded = mask.folded();
                    (mask, folded, len)
                })
                .collect();
            Prepared {
                qualified: def
                    .keys
                    .iter()
                    .any(|alt| alt.iter().any(|k| k.starts_with('~'))),
                common: alts.iter().fold(u64::MAX, |acc, &(_, f, _)| acc & f),
                alts,
            }
        })
        .collect()
});

/// The pairs of adjacent bytes a text holds, hashed into 1024 bits: a needle with a pair the
/// text lacks cannot occur in it.
pub(super) struct Pairs([u64; 16]);

impl Pairs {
    fn slot(a: u8, b: u8) -> usize {
        (usize::from(a) << 5 ^ usize::from(b)) & 1023
    }

    pub(super) fn of(text: &str) -> Self {
        let mut pairs = Pairs([0; 16]);
        pairs.add(text);
        pairs
    }

    fn add(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let Some((&first, rest)) = bytes.split_first() else {
            return;
        };
        let mut prev = first;
        for &b in rest {
            let k = Self::slot(prev, b);
            if let Some(word) = self.0.get_mut(k >> 6) {
                *word |= 1 << (k & 63);
            }
            prev = b;
        }
    }

    /// The pairs folded into 64 bits (slot modulo 64): if `a` holds every pair of `b`, the
    /// folded `a` holds every bit of the folded `b`.
    fn folded(&self) -> u64 {
        self.0.iter().fold(0, |acc, w| acc | w)
    }

    /// Whether every pair of `other` is in `self`.
    fn covers(&self, other: &Pairs) -> bool {
        // All sixteen words without a branch: an early exit mispredicts.
        self.0
            .iter()
            .zip(other.0.iter())
            .fold(0, |missing, (a, b)| missing | (b & !a))
            == 0
    }

    pub(super) fn may_contain(&self, needle: &str) -> bool {
        needle.as_bytes().windows(2).all(|w| match *w {
            [a, b] => {
                let k = Self::slot(a, b);
                self.0
                    .get(k / 64)
                    .is_some_and(|word| word & (1 << (k % 64)) != 0)
            }
            _ => true,
        })
    }
}

/// Byte offsets of the leftmost non-overlapping occurrences of `needle` in `hay` (as
/// `str::match_indices` gives them), found by looking for the needle's first two bytes at eight
/// starts at a time; nothing for an empty needle.
pub(super) struct FindAll<'a> {
    hay: &'a [u8],
    needle: &'a [u8],
    pos: usize,
}

impl<'a> FindAll<'a> {
    pub(super) fn new(hay: &'a str, needle: &'a str) -> Self {
        FindAll {
            hay: hay.as_bytes(),
            needle: needle.as_bytes(),
            pos: 0,
        }
    }
}

impl Iterator for FindAll<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        use crate::swar::{HI, byte_lanes as lanes};
        let word = |at: usize| {
            self.hay
                .get(at..at + 8)
                .map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
        };
        let needle = self.needle;
        let (&first, rest) = needle.split_first()?;
        let last = self.hay.len().checked_sub(needle.len())?;
        let is_at = |p: usize| {
            // Short needles: compare in place rather than call `memcmp`.
            self.hay
                .get(p + 1..p + needle.len())
                .is_some_and(|h| h.iter().zip(rest).all(|(a, b)| a == b))
        };
        while self.pos <= last {
            let pos = self.pos;
            // Eight starts at a time where the first two bytes of the needle may be.
            let second = rest
                .first()
                .map_or(Some(HI), |&b| word(pos + 1).map(|w| lanes(w, b)));
            let (Some(w), Some(second)) = (word(pos), second) else {
                // The last few starts, one at a time.
                if self.hay.get(pos) == Some(&first) && is_at(pos) {
                    self.pos = pos + needle.len();
                    return Some(pos);
                }
                self.pos = pos + 1;
                continue;
            };
            let mut candidates = lanes(w, first) & second;
            while candidates != 0 {
                let p = pos + (candidates.trailing_zeros() / 8) as usize;
                candidates &= candidates - 1;
                if p <= last && self.hay.get(p) == Some(&first) && is_at(p) {
                    self.pos = p + needle.len();
                    return Some(p);
                }
            }
            self.pos = pos + 8;
        }
        None
    }
}

/// `hay.contains(needle)`, without building a two-way searcher for short texts.
pub(super) fn contains(hay: &str, needle: &str) -> bool {
    needle.is_empty() || FindAll::new(hay, needle).next().is_some()
}

/// Percentages and rates are interchangeable (turnover is given either way); days, weeks and
/// months are all durations.
fn family(u: Unit) -> usize {
    match u {
        Unit::Percent | Unit::Rate => 0,
        Unit::Days | Unit::Weeks | Unit::Months => 1,
        Unit::People => 2,
        Unit::Pounds => 3,
        Unit::Per100000 => 4,
    }
}

/// Catalogue rows as bits (row `k` is bit `k`), to rule many out at once.
struct Index {
    /// For each folded pair bit, the rows every alternative of which needs it.
    needing: [u128; 64],
    /// For each unit family, its rows.
    family: [u128; 5],
}

static INDEX: std::sync::LazyLock<Index> = std::sync::LazyLock::new(|| {
    let mut index = Index {
        needing: [0; 64],
        family: [0; 5],
    };
    for (k, (def, pre)) in CATALOGUE.iter().zip(PREPARED.iter()).enumerate() {
        let bit = 1u128 << k;
        for (b, needing) in index.needing.iter_mut().enumerate() {
            if pre.common & (1 << b) != 0 {
                *needing |= bit;
            }
        }
        if let Some(f) = index.family.get_mut(family(def.unit)) {
            *f |= bit;
        }
    }
    index
});

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn find_all_is_match_indices(hay in "[ab c]{0,40}", needle in "[ab c]{1,4}") {
            let found: Vec<usize> = FindAll::new(&hay, &needle).collect();
            let expected: Vec<usize> = hay.match_indices(needle.as_str()).map(|(i, _)| i).collect();
            proptest::prop_assert_eq!(found, expected);
        }
    }

    #[test]
    fn every_row_has_a_bit_of_the_index() {
        assert!(CATALOGUE.len() <= 128, "{}", CATALOGUE.len());
        let rows: u128 = INDEX.family.iter().fold(0, |a, f| a | f);
        assert_eq!(rows.count_ones() as usize, CATALOGUE.len());
    }

    #[test]
    fn every_measure_knows_its_catalogue_position() {
        // A copy outside the catalogue has no position.
        static COPY: std::sync::LazyLock<crate::metrics::MeasureDef> =
            std::sync::LazyLock::new(|| CATALOGUE[0]);
        for (i, def) in CATALOGUE.iter().enumerate() {
            assert_eq!(def.index(), Some(i), "{}", def.id);
        }
        assert_eq!(COPY.index(), None);
    }

    #[test]
    fn ids_are_unique_and_cover_section_5_2() {
        let mut ids: Vec<&str> = CATALOGUE.iter().map(|m| m.id).collect();
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
