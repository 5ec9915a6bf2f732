//! The catalogue of canonical measures: the join key of benchmarking.

use super::metric::{Dataset, Polarity, Population, Unit};

use Dataset as D;
use Polarity::{HigherIsBetter as Up, LowerIsBetter as Down, NoJudgement as Ctx};
use Population as P;

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
    /// Key phrases: any alternative matches when all its parts occur in the subject.
    pub(crate) keys: &'static [&'static [&'static str]],
    /// Words that rule the measure out.
    pub(crate) excludes: &'static [&'static str],
}

impl MeasureDef {
    /// The whole catalogue.
    #[must_use]
    pub fn catalogue() -> &'static [MeasureDef] {
        CATALOGUE
    }

    /// This measure's position in [`MeasureDef::catalogue`], found from its address (measures
    /// are only ever references into the catalogue), so that tables keyed by measure need no
    /// hashing.
    pub(crate) fn index(&'static self) -> Option<usize> {
        let catalogue = CATALOGUE;
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
        CATALOGUE.iter().find(|m| m.id == id)
    }

    /// The ASCOF codes, old first: `["1C(1a)", "3D"]`.
    #[must_use]
    pub fn ascof(&self) -> Vec<&'static str> {
        self.ascof_old.into_iter().chain(self.ascof_new).collect()
    }
}

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
