//! Metric extraction on sentences written for these tests about fictional authorities
//! (Eastmarsh, Northfold): every way of writing a figure, a comparator, a band and a source that
//! reports use, including the forms the Camden report does not.

use cqc_la::compare::MetricComparison;
use cqc_la::metrics::{
    Attribution, Dataset, Direction, MetricWarning, Part, Population, Scope, Unit, VariationBand,
    Verdict,
};
use cqc_la::report::{About, FinancialFacts, Finding, Findings, Planned, Section};
use cqc_la::{FinancialYear, Metric, QualityStatement, Report, Statement, Text};
use rust_decimal::Decimal;

/// A report whose Safeguarding findings hold the given paragraphs (one group per subheading).
fn report(groups: &[(&str, &[&str])]) -> Report {
    let mut st = Statement::new(QualityStatement::Safeguarding);
    let findings = Findings {
        groups: groups
            .iter()
            .map(|(sub, paras)| Finding {
                subheading: (!sub.is_empty()).then(|| Text::new(*sub)),
                paragraphs: paras.iter().map(|p| Text::new(*p)).collect(),
            })
            .collect(),
        ..Findings::default()
    };
    st.section = Some(Section {
        findings: Some(findings),
        ..Section::default()
    });
    Report {
        statements: vec![st],
        ..Report::default()
    }
}

fn metrics(paragraph: &str) -> Vec<Metric> {
    report(&[("", &[paragraph])]).metrics().to_vec()
}

fn d(s: &str) -> Decimal {
    s.parse().expect("a decimal")
}

#[track_caller]
fn get<'a>(ms: &'a [Metric], value: &str) -> &'a Metric {
    ms.iter()
        .find(|m| m.value.to_string() == value)
        .unwrap_or_else(|| panic!("no metric {value} in {ms:#?}"))
}

#[track_caller]
fn comparator(m: &Metric) -> (Scope, Option<&str>, String) {
    let c = m
        .comparator
        .as_ref()
        .unwrap_or_else(|| panic!("no comparator: {m:#?}"));
    (
        c.scope,
        c.region.as_deref(),
        c.value.map(|v| v.to_string()).unwrap_or_default(),
    )
}

fn dataset(m: &Metric) -> Option<Dataset> {
    m.source.and_then(|s| s.dataset)
}

fn period(m: &Metric) -> Option<String> {
    m.source.and_then(|s| s.period).map(|p| p.to_string())
}

#[test]
fn regional_average_in_parentheses() {
    let ms = metrics(
        "Around 28% of Eastmarsh residents were aged over 65, which was higher than the London average (21%).",
    );
    let m = get(&ms, "28");
    assert_eq!(
        comparator(m),
        (Scope::Regional, Some("London"), "21".into())
    );
    assert_eq!(m.direction, Some(Direction::Higher));
    assert_eq!(m.gap, Some(d("7")));
}

#[test]
fn compared_to_a_figure_with_its_scope_after_it() {
    let ms = metrics(
        "In Northfold 12.5% of carers were in paid work compared to 18.25% nationally (SACE 2023/2024).",
    );
    let m = get(&ms, "12.5");
    assert_eq!(comparator(m), (Scope::National, None, "18.25".into()));
    assert_eq!(dataset(m), Some(Dataset::Sace));
    assert_eq!(period(m).as_deref(), Some("2023-24"));
    assert_eq!(m.measure.population, Some(Population::Carers));
}

#[test]
fn in_comparison_to_and_england_average_being() {
    let ms = metrics(
        "Only 40.5% of people felt in control of their daily life in comparison to the England average of 61.2%. \
         Some 91.3% of adults lacking capacity had an advocate, family or friend with the England average being 84.0% (Safeguarding Adults Collection 2022-2023).",
    );
    let a = get(&ms, "40.5");
    assert_eq!(comparator(a), (Scope::England, None, "61.2".into()));
    assert_eq!(
        a.measure.canonical.map(|m| m.id),
        Some("ascs_control_daily_life")
    );
    let b = get(&ms, "91.3");
    assert_eq!(comparator(b), (Scope::England, None, "84.0".into()));
    assert_eq!(dataset(b), Some(Dataset::SafeguardingAdultsCollection));
    assert_eq!(period(b).as_deref(), Some("2022-23"));
    assert_eq!(
        b.measure.canonical.map(|m| m.id),
        Some("sac_advocate_lacking_capacity")
    );
    // The first sentence has no source of its own and nothing carries one to it.
    assert_eq!(a.source, None);
}

#[test]
fn band_in_quotes_as_a_clause() {
    let ms = metrics(
        "ASCS data (2023/24) showed 77.4% of people who use services felt safe, against the England average of 71.1%, which placed Eastmarsh in the \u{2018}tending towards positive\u{2019} band.",
    );
    let m = get(&ms, "77.4");
    assert_eq!(comparator(m), (Scope::England, None, "71.1".into()));
    assert_eq!(m.band, Some(VariationBand::TendingTowardsPositive));
    assert_eq!(
        m.band_label.as_deref(),
        Some("\u{2018}tending towards positive\u{2019} band")
    );
    assert_eq!(dataset(m), Some(Dataset::Ascs));
    let a = m.judgement().expect("judged");
    assert_eq!((a.verdict, a.inferred), (Verdict::Better, false));
}

#[test]
fn leading_source_applies_forwards() {
    let ms = metrics(
        "SACE data (2023-2024) showed 48.10% of carers were satisfied with social services, above the England average (36.83%). \
         Fewer carers (20.02%) had as much social contact as they wanted than the England average (30.02%).",
    );
    for v in ["48.10", "20.02"] {
        let m = get(&ms, v);
        assert_eq!(dataset(m), Some(Dataset::Sace), "{v}");
        assert_eq!(period(m).as_deref(), Some("2023-24"), "{v}");
    }
    assert_eq!(
        get(&ms, "48.10").source.map(|s| s.attribution),
        Some(Attribution::Sentence)
    );
    assert_eq!(
        get(&ms, "20.02").source.map(|s| s.attribution),
        Some(Attribution::Leading)
    );
    assert_eq!(
        get(&ms, "48.10").measure.canonical.map(|m| m.id),
        Some("sace_carer_satisfaction")
    );
    assert_eq!(
        get(&ms, "20.02").measure.canonical.map(|m| m.id),
        Some("sace_social_contact")
    );
}

#[test]
fn group_band_in_the_previous_sentence() {
    let ms = metrics(
        "Survey results from the Adult Social Care Survey (ASCS 2022/23) placed Northfold in a 'positive variation' band on several measures. \
         For example, 81.2% of people felt safe (England average 70.1%) and 75.0% said services had made them feel safe (England Average 69.9%).",
    );
    let a = get(&ms, "81.2");
    let b = get(&ms, "75.0");
    assert_eq!(comparator(a).2, "70.1");
    assert_eq!(comparator(b).2, "69.9");
    for m in [a, b] {
        assert_eq!(m.band, Some(VariationBand::Positive));
        assert_eq!(dataset(m), Some(Dataset::Ascs));
        assert_eq!(period(m).as_deref(), Some("2022-23"));
    }
    assert_eq!(a.measure.canonical.map(|m| m.id), Some("ascs_feel_safe"));
    assert_eq!(
        b.measure.canonical.map(|m| m.id),
        Some("ascs_services_made_safe")
    );
}

#[test]
fn closing_all_from_applies_backwards() {
    let ms = metrics(
        "More carers (30.11%) accessed training for carers than the England average (25.00%). \
         Staff told us this was popular. \
         Fewer carers (10.0%) were able to take a break at short notice than the England average (12.5%) (All from SACE 2021 to 2022).",
    );
    for v in ["30.11", "10.0"] {
        let m = get(&ms, v);
        assert_eq!(dataset(m), Some(Dataset::Sace), "{v}");
        assert_eq!(period(m).as_deref(), Some("2021-22"), "{v}");
    }
    assert_eq!(
        get(&ms, "30.11").source.map(|s| s.attribution),
        Some(Attribution::Closing)
    );
    assert_eq!(get(&ms, "30.11").direction, Some(Direction::More));
}

#[test]
fn typo_then_and_stuck_parentheses() {
    let ms = metrics(
        "However fewer people (60.25%) who used services felt safe, then the national average (70.50%)(negative variation) and around the same proportion (20.5%) as average (20.9%)(no statistical variation).",
    );
    let a = get(&ms, "60.25");
    assert_eq!(comparator(a), (Scope::National, None, "70.50".into()));
    assert_eq!(a.band, Some(VariationBand::Negative));
    let b = get(&ms, "20.5");
    assert_eq!(comparator(b), (Scope::Unspecified, None, "20.9".into()));
    assert_eq!(b.band, Some(VariationBand::NoVariation));
    assert_eq!(b.direction, Some(Direction::Same));
}

#[test]
fn comparator_written_before_its_value() {
    let ms = metrics(
        "Eastmarsh is younger than the national average (18%) with 11% of residents aged 65 or over, up from 9% in 2011.",
    );
    let m = get(&ms, "11");
    assert_eq!(comparator(m), (Scope::National, None, "18".into()));
    assert!(get(&ms, "9").comparator.is_none());
    assert_eq!(ms.len(), 2);
}

#[test]
fn neighbours_never_swap_comparators() {
    let ms = metrics(
        "Broadly the same proportion of carers had support to stay in work (3.10%) as the national average (3.05%) and took up training for carers (5.20%) as the England average (4.95%); significantly more (50.50%) reported financial difficulties than average (40.40%).",
    );
    assert_eq!(comparator(get(&ms, "3.10")).2, "3.05");
    assert_eq!(comparator(get(&ms, "5.20")).2, "4.95");
    assert_eq!(comparator(get(&ms, "50.50")).2, "40.40");
    assert_eq!(comparator(get(&ms, "3.10")).0, Scope::National);
    assert_eq!(comparator(get(&ms, "5.20")).0, Scope::England);
    assert_eq!(comparator(get(&ms, "50.50")).0, Scope::Unspecified);
    assert_eq!(ms.len(), 3);
}

#[test]
fn money_days_weeks_months_people() {
    let ms = metrics(
        "The local authority's own data showed 128 people were waiting for an assessment, with a median wait of 35 days; the longest wait was 14 weeks and adaptations took 9 months. It spent £2.5m on respite and a further £340,000 on equipment.",
    );
    assert_eq!(get(&ms, "128").unit, Unit::People);
    assert_eq!(get(&ms, "35").unit, Unit::Days);
    assert_eq!(get(&ms, "14").unit, Unit::Weeks);
    assert_eq!(get(&ms, "9").unit, Unit::Months);
    assert_eq!(get(&ms, "2500000").unit, Unit::Pounds);
    assert_eq!(get(&ms, "340000").unit, Unit::Pounds);
    assert_eq!(dataset(get(&ms, "128")), Some(Dataset::LocalAuthority));
    assert!(ms.iter().all(|m| m.comparator.is_none()));
}

#[test]
fn per_100000_and_rates() {
    let ms = metrics(
        "Admissions of people aged 65 and over to care homes were 412.5 per 100,000, lower than the England average of 560.8 per 100,000 (SALT 2023/2024). \
         Skills for Care estimates (2023-24) showed a staff turnover rate of 0.31 compared to an England average of 0.25 (significantly negative variation).",
    );
    let a = get(&ms, "412.5");
    assert_eq!(a.unit, Unit::Per100000);
    assert_eq!(comparator(a), (Scope::England, None, "560.8".into()));
    assert_eq!(
        a.measure.canonical.map(|m| m.id),
        Some("salt_admissions_65_plus")
    );
    assert_eq!(
        a.judgement().map(|x| (x.verdict, x.inferred)),
        Some((Verdict::Better, true))
    );
    let b = get(&ms, "0.31");
    assert_eq!(b.unit, Unit::Rate);
    assert_eq!(comparator(b).2, "0.25");
    assert_eq!(b.band, Some(VariationBand::SignificantNegative));
    assert_eq!(dataset(b), Some(Dataset::SkillsForCare));
    assert_eq!(
        b.measure.canonical.map(|m| m.id),
        Some("sfc_staff_turnover")
    );
}

#[test]
fn every_way_of_writing_a_period() {
    for written in [
        "2023-24",
        "2023/24",
        "2023-2024",
        "2023/2024",
        "2023 to 2024",
    ] {
        let ms = metrics(&format!(
            "ASCS data ({written}) showed 61.5% of people were satisfied with care and support (England average 64.0%)."
        ));
        assert_eq!(
            period(get(&ms, "61.5")).as_deref(),
            Some("2023-24"),
            "{written}"
        );
    }
}

#[test]
fn figure_local_period_and_the_subheading() {
    let r = report(&[(
        "Access to equipment and home adaptations",
        &[
            "Data provided by the local authority showed a median waiting time of 21 days for equipment in 2022/23, down from 40 days in 2021 to 2022.",
        ],
    )]);
    let ms = &r.metrics();
    assert_eq!(period(get(ms, "21")).as_deref(), Some("2022-23"));
    assert_eq!(period(get(ms, "40")).as_deref(), Some("2021-22"));
    assert_eq!(
        get(ms, "21").subheading.as_deref(),
        Some("Access to equipment and home adaptations")
    );
    assert_eq!(
        get(ms, "21").measure.canonical.map(|m| m.id),
        Some("la_equipment_median_wait")
    );
    assert_eq!(
        get(ms, "21").statement,
        Some(QualityStatement::Safeguarding)
    );
}

#[test]
fn about_and_financial_facts_become_metrics() {
    let mut r = report(&[]);
    r.about = Some(About {
        paragraphs: vec![Text::new(
            "Some 17.5% of Northfold residents are disabled, fewer than the national average (19.0%).",
        )],
        ..About::default()
    });
    r.financial_facts = Some(FinancialFacts {
        items: vec![Text::new(
            "The authority estimated a total budget of £100,000,000 and spent £110,500,000.",
        )],
        period: Some(FinancialYear::new(2023)),
        total_budget: Some(Planned {
            estimate: Some(d("100000000")),
            actual: Some(d("110500000")),
        }),
        asc_share: Some(d("21.40")),
        long_term_support: Some(900),
        ..FinancialFacts::default()
    });
    let ms = &r.metrics();
    let about = get(ms, "17.5");
    assert_eq!((about.part, about.statement), (Part::About, None));
    assert_eq!(about.measure.population, Some(Population::Residents));
    let est = get(ms, "100000000");
    assert_eq!(est.part, Part::FinancialFacts);
    assert_eq!(est.unit, Unit::Pounds);
    assert_eq!(
        est.measure.canonical.map(|m| m.id),
        Some("fin_total_budget_estimate")
    );
    assert_eq!(period(est).as_deref(), Some("2023-24"));
    assert!(est.sentence.contains("£100,000,000"));
    assert_eq!(
        get(ms, "110500000").measure.canonical.map(|m| m.id),
        Some("fin_total_budget_actual")
    );
    assert_eq!(get(ms, "21.40").unit, Unit::Percent);
    assert_eq!(get(ms, "900").unit, Unit::People);
}

#[test]
fn warnings_for_contradicting_bands_and_repeated_values() {
    let r = report(&[(
        "",
        &[
            "ASCS data (2023-24) showed fewer people (50.0%) felt safe than the England average (70.0%) (positive variation). \
           Also 50.0% of people were satisfied with care and support compared to the England average (64.0%).",
        ],
    )]);
    let w = r.metric_warnings();
    assert!(
        w.iter().any(|w| matches!(
            w,
            MetricWarning::BandContradicts {
                measure: "ascs_feel_safe",
                ..
            }
        )),
        "{w:#?}"
    );
    assert!(
        w.iter()
            .any(|w| matches!(w, MetricWarning::SameValue { .. })),
        "{w:#?}"
    );
    assert!(w.iter().all(|w| !w.to_string().is_empty()));
}

#[test]
fn comparing_two_reports_measure_by_measure() {
    let a = report(&[(
        "",
        &[
            "ASCS data (2023-24) showed 70.0% of people felt safe (England average 71.1%). 40.0% of people had as much social contact as they wanted (England average 45.0%).",
        ],
    )]);
    let b = report(&[(
        "",
        &[
            "ASCS data (2022-23) showed 75.5% of people felt safe (England average 70.0%). SALT data (2023-24) showed 30.0% of people received direct payments (England average 26.2%).",
        ],
    )]);
    let c = MetricComparison::new(&a.metrics(), &b.metrics());
    let safe = c
        .both
        .iter()
        .find(|m| m.id == "ascs_feel_safe")
        .expect("both cite feeling safe");
    assert_eq!(safe.gap, Some(d("-5.5")));
    assert_eq!(safe.better, Some(cqc_la::compare::Ahead::B));
    assert!(safe.periods_differ);
    assert_eq!(safe.a.gap_to_england, Some(d("-1.1")));
    assert_eq!(safe.b.gap_to_england, Some(d("5.5")));
    assert!(c.only_a.iter().any(|o| o.id == "ascs_social_contact"));
    assert!(c.only_b.iter().any(|o| o.id == "salt_direct_payments"));
    let table = c.to_string();
    assert!(table.contains("Users who feel safe *"), "{table}");
    assert!(table.contains("only A:"), "{table}");
    let json = serde_json::to_value(&c).expect("serialises");
    assert!(json["both"][0]["a"]["value"].is_number());
    assert_eq!(json["only_a"][0]["id"], "ascs_social_contact");
    // `compare` carries the same comparison, in its table and its JSON.
    let full = cqc_la::compare(&cqc_la::Assessment::new(a), &cqc_la::Assessment::new(b));
    assert_eq!(full.metrics, c);
    assert!(full.to_string().contains("Metrics\nmeasure"), "{full}");
    let json = serde_json::to_value(&full).expect("serialises");
    assert_eq!(json["metrics"]["both"][0]["id"], "ascs_feel_safe");
    // Different England averages for the same measure and period across reports.
    let x = report(&[(
        "",
        &["ASCS data (2023-24) showed 70.0% of people felt safe (England average 71.1%)."],
    )]);
    let y = report(&[(
        "",
        &["ASCS data (2023-24) showed 72.0% of people felt safe (England average 69.0%)."],
    )]);
    let w = cqc_la::metrics::metric_warnings_across([&x.metrics()[..], &y.metrics()[..]]);
    assert!(
        matches!(
            w.as_slice(),
            [MetricWarning::ComparatorDisagrees {
                measure: "ascs_feel_safe",
                ..
            }]
        ),
        "{w:#?}"
    );
}

#[test]
fn json_shape_of_a_metric() {
    let ms = metrics(
        "SACE data (2023/24) showed fewer carers (53.30%) found it easy to find information than the national average (59.10%) (tending towards negative variation).",
    );
    let json = serde_json::to_value(&ms[0]).expect("serialises");
    assert_eq!(json["value"], serde_json::json!(53.3));
    assert_eq!(json["unit"], "percent");
    assert_eq!(
        json["comparator"],
        serde_json::json!({"scope": "national", "region": null, "value": 59.1})
    );
    assert_eq!(json["band"], "tending_towards_negative");
    assert_eq!(json["source"]["dataset"], "sace");
    assert_eq!(json["source"]["period"], "2023-24");
    assert_eq!(json["measure"]["id"], "sace_easy_find_info");
    assert_eq!(json["measure"]["ascof"], serde_json::json!(["3D2"]));
    assert_eq!(json["measure"]["population"], "carers");
    assert_eq!(json["statement"], "safeguarding");
    assert!(
        json["sentence"]
            .as_str()
            .is_some_and(|s| s.starts_with("SACE data"))
    );
    assert!(json["span"].is_null(), "built in code: no span");
}

#[test]
fn nothing_but_noise_gives_no_metrics() {
    let ms = metrics(
        "There were 55 councillors and 3 vacancies in 2024. Section 42 enquiries rose. Very positive feedback was given about COVID-19 support for 0-25 year olds. Nearly all Care Act 2014 assessments were reviewed by a senior practitioner. A decile of 1 means an area is in the lowest 10% for deprivation.",
    );
    assert!(ms.is_empty(), "{ms:#?}");
}

/// The 21 metrics `tests/fixtures/README.md` documents for `metrics-forms.txt`:
/// (value, unit, scope or "none", comparator, band id or "", dataset id or "", period or "").
const FORMS: &[(&str, Unit, &str, &str, &str, &str, &str)] = &[
    (
        "61.2",
        Unit::Percent,
        "england",
        "65.4",
        "tending_towards_negative",
        "ascs",
        "2023-24",
    ),
    (
        "74.0",
        Unit::Percent,
        "england",
        "77.6",
        "tending_towards_negative",
        "ascs",
        "2023-24",
    ),
    (
        "41.3",
        Unit::Percent,
        "england",
        "45.6",
        "tending_towards_negative",
        "ascs",
        "2023-24",
    ),
    (
        "52.4",
        Unit::Percent,
        "england",
        "58.8",
        "negative",
        "ascfr|salt",
        "2023-24",
    ),
    ("388", Unit::People, "none", "", "", "", ""),
    ("34", Unit::Days, "none", "", "", "", ""),
    ("7", Unit::Months, "none", "", "", "", ""),
    ("9", Unit::Weeks, "none", "", "", "", ""),
    (
        "31.5",
        Unit::Percent,
        "national",
        "36.8",
        "tending_towards_negative",
        "sace",
        "2023-24",
    ),
    (
        "64.0",
        Unit::Percent,
        "england",
        "66.6",
        "no_variation",
        "sace",
        "2023-24",
    ),
    (
        "2.1",
        Unit::Percent,
        "unspecified",
        "2.8",
        "",
        "sace",
        "2023-24",
    ),
    (
        "53.9",
        Unit::Percent,
        "england",
        "59.1",
        "",
        "sace",
        "2023-24",
    ),
    (
        "12.4",
        Unit::Percent,
        "england",
        "12.1",
        "",
        "sace",
        "2023-24",
    ),
    (
        "24.7",
        Unit::Percent,
        "england",
        "26.2",
        "",
        "salt",
        "2023-24",
    ),
    (
        "85.1",
        Unit::Percent,
        "national",
        "83.7",
        "tending_towards_positive",
        "salt",
        "2023-24",
    ),
    (
        "498.6",
        Unit::Per100000,
        "england",
        "560.8",
        "positive",
        "salt",
        "2021-22",
    ),
    (
        "0.12",
        Unit::Rate,
        "england",
        "0.25",
        "significant_positive",
        "skills_for_care",
        "2023-24",
    ),
    (
        "10.3",
        Unit::Percent,
        "regional:London",
        "9.1",
        "tending_towards_negative",
        "skills_for_care",
        "2023-24",
    ),
    (
        "67.9",
        Unit::Percent,
        "regional",
        "70.4",
        "tending_towards_negative",
        "ascs",
        "2023-24",
    ),
    ("1250000", Unit::Pounds, "none", "", "", "", "2023-24"),
    ("412", Unit::Pounds, "none", "", "", "", "2023-24"),
];

#[test]
fn metrics_forms_fixture_matches_its_documented_table() {
    let report = super::util::parse(&super::util::fixture("metrics-forms.txt"));
    let ms = &report.metrics();
    let mut failures = Vec::new();
    for &(value, unit, scope, comp, band, data, per) in FORMS {
        let Some(m) = ms
            .iter()
            .find(|m| m.value.to_string() == value && m.unit == unit)
        else {
            failures.push(format!("{value} {unit}: not found"));
            continue;
        };
        let got_scope = match &m.comparator {
            None => "none".to_owned(),
            Some(c) => match (c.scope, &c.region) {
                (Scope::Regional, Some(r)) => format!("regional:{r}"),
                (s, _) => s.id().to_owned(),
            },
        };
        let got_comp = m
            .comparator
            .as_ref()
            .and_then(|c| c.value)
            .map(|v| v.to_string())
            .unwrap_or_default();
        let got_band = m.band.map(VariationBand::id).unwrap_or_default();
        let got_data = dataset(m).map(Dataset::id).unwrap_or_default();
        let got_per = period(m).unwrap_or_default();
        if got_scope != scope
            || got_comp != comp
            || got_band != band
            || !data.split('|').any(|d| d == got_data)
            || got_per != per
        {
            failures.push(format!(
                "{value}: got {got_scope} {got_comp} '{got_band}' '{got_data}' '{got_per}', want {scope} {comp} '{band}' '{data}' '{per}'"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(ms.len(), FORMS.len(), "{ms:#?}");
}

#[test]
fn unit_ids_in_json() {
    for (unit, id) in [
        (Unit::Percent, "percent"),
        (Unit::Rate, "rate"),
        (Unit::Days, "days"),
        (Unit::Weeks, "weeks"),
        (Unit::Months, "months"),
        (Unit::People, "people"),
        (Unit::Pounds, "gbp"),
        (Unit::Per100000, "per_100k"),
    ] {
        assert_eq!(unit.id(), id);
        assert_eq!(serde_json::to_value(unit).expect("serialises"), id);
    }
}

#[test]
fn figures_and_scopes_without_the_word_average() {
    let ms = metrics(
        "Fewer people (60.1%) found information easily than in England (66.3%). \
         The vacancy rate was 9.5%, above the England figure of 8.1%, and higher than across London (7.9%) a year earlier at 8.8%.",
    );
    assert_eq!(
        comparator(get(&ms, "60.1")),
        (Scope::England, None, "66.3".into())
    );
    assert_eq!(
        comparator(get(&ms, "9.5")),
        (Scope::England, None, "8.1".into())
    );
    assert_eq!(
        comparator(get(&ms, "8.8")),
        (Scope::Regional, Some("London"), "7.9".into())
    );
    // "a mean wait of 12 days" is a figure, not a comparator.
    let ms = metrics("Data provided by the local authority showed a mean wait of 12 days.");
    assert_eq!(get(&ms, "12").unit, Unit::Days);
    assert!(get(&ms, "12").comparator.is_none());
}

#[test]
fn spans_slice_the_input_to_the_sentence_in_every_fixture() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for dir in ["tests/fixtures", "examples/reports"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("readable fixture");
            let Ok(report) = Report::parse(&text) else {
                continue;
            };
            for m in report.metrics() {
                let Some(span) = m.span else { continue };
                if m.part == Part::FinancialFacts {
                    assert!(text.get(span.range()).is_some(), "{}", path.display());
                } else {
                    assert_eq!(
                        text.get(span.range()),
                        Some(&*m.sentence),
                        "{}",
                        path.display()
                    );
                }
                checked += 1;
            }
            let _ = report.metric_warnings();
        }
    }
    assert!(checked > 50, "{checked} metrics checked");
}

#[test]
fn survey_sources_do_not_carry_to_local_figures() {
    let ms = metrics(
        "SACE data (2023-24) showed that 29.5% of carers were satisfied with social services, lower than the England average (36.8%). \
         At the time of our assessment 318 carers were waiting for an assessment, with a median wait of 121 days.",
    );
    assert_eq!(dataset(get(&ms, "29.5")), Some(Dataset::Sace));
    assert_eq!(get(&ms, "318").source, None);
    assert_eq!(
        get(&ms, "318").measure.canonical.map(|m| m.id),
        Some("la_carers_assessment_waiting_list")
    );
    assert_eq!(
        get(&ms, "121").measure.canonical.map(|m| m.id),
        Some("la_carers_assessment_median_wait")
    );
    // The authority's own data carries to its later figures.
    let ms = metrics(
        "Data provided by the local authority showed fewer admissions. Reablement was effective at 82% in 2023/24.",
    );
    assert_eq!(dataset(get(&ms, "82")), Some(Dataset::LocalAuthority));
    assert_eq!(period(get(&ms, "82")).as_deref(), Some("2023-24"));
}

#[test]
fn an_assessment_extracts_its_metrics_once() {
    let text = "Northmere County Council: local authority assessment\n\
                Safeguarding\nScore: 3\nKey findings for this quality statement\n\
                Fewer people (61.0%) felt safe than the England average (70.0%) (ASCS 2023-24).\n";
    let assessment = cqc_la::Assessment::parse(text).unwrap();
    let first = assessment.metrics().as_ptr();
    assert_eq!(assessment.metrics().len(), 1);
    assert_eq!(
        assessment.metrics().as_ptr(),
        first,
        "the second call reads the same extraction"
    );
    // A report holds no metrics: a changed paragraph shows in the next extraction.
    let (mut report, metrics) = assessment.into_parts();
    assert_eq!(metrics, report.metrics());
    let section = report.statements[0].section.as_mut().unwrap();
    section.findings.as_mut().unwrap().groups[0].paragraphs[0].text =
        "Fewer people (55.5%) felt safe than the England average (70.0%) (ASCS 2023-24).".into();
    assert_eq!(metrics[0].value.to_string(), "61.0");
    assert_eq!(report.metrics()[0].value.to_string(), "55.5");
    assert_eq!(
        cqc_la::Assessment::new(report).metrics()[0]
            .value
            .to_string(),
        "55.5"
    );
}
