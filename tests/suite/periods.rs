//! Metric figures grouped by measure and period: tables, spine charts and metric neighbours
//! never pool two periods; observations carry unit, period, source and comparator.

use cqc_la::authority::Region;
use cqc_la::cohort::{Group, MetricObservation, MetricTableError};
use cqc_la::metrics::{Dataset, Scope, Unit};
use cqc_la::{Assessment, Cohort, Period, Report};

use super::util::corpus_dir;

#[test]
fn real_pages_with_two_periods_are_never_pooled() {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let dir = dir.join("pages");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let pages: Vec<(String, Report)> = names
        .into_iter()
        .filter_map(|n| {
            let report = Report::parse(&std::fs::read_to_string(dir.join(&n)).ok()?).ok()?;
            Some((n, report))
        })
        .collect();
    let mut cohort = Cohort::new("corpus pages");
    for assessment in Assessment::from_pages(pages).by_authority() {
        if assessment.authority().is_some() {
            cohort.insert_assessment(&assessment).unwrap();
        }
    }
    let tables = cohort.metric_tables();
    let fy = |y: u16| Some(Period::FinancialYear(cqc_la::FinancialYear::new(y)));
    // Total budgets are cited for 2022-23 by some councils and for 2023-24 by another.
    let err = tables.table("fin_total_budget_actual").unwrap_err();
    assert_eq!(
        err,
        MetricTableError::MixedPeriods {
            measure: "fin_total_budget_actual".to_owned(),
            periods: vec![fy(2022), fy(2023)],
        }
    );
    assert_eq!(
        err.to_string(),
        "'fin_total_budget_actual' has figures for 2 periods (2022-23, 2023-24): they are not pooled; pick one with table_for"
    );
    let older = tables
        .table_for("fin_total_budget_actual", fy(2022))
        .unwrap();
    let newer = tables
        .table_for("fin_total_budget_actual", fy(2023))
        .unwrap();
    assert_eq!((older.rows.len(), newer.rows.len()), (2, 1));
    assert_eq!(older.summary.count, 2);
    assert_eq!(newer.summary.count, 1);
    assert_eq!(newer.unit, Some(Unit::Pounds));
    // Each table's statistics are of its own period only.
    assert!(older.rows.iter().all(|r| newer.row(&r.authority).is_none()));
    assert_eq!(newer.summary.median, newer.rows[0].value);
    assert!(tables.mixed().contains(&"fin_total_budget_actual"));
    let text = tables.to_string();
    assert!(
        text.contains("Figures for several periods, shown per period and never pooled:"),
        "{text}"
    );
    // Every table holds one period.
    for t in &tables.tables {
        assert_eq!(
            tables.table_for(&t.measure, t.period).map(|x| x.period),
            Some(t.period)
        );
    }
}

const CSV: &str = "\
authority,measure,name,value,england,polarity,period,unit,source,comparator,region,comparator_value
Camden,ascs_feel_safe,Users who feel safe,70.0,71.1,higher_is_better,2023-24,percent,ascs,england,,71.1
Islington,ascs_feel_safe,Users who feel safe,68.5,71.1,higher_is_better,2023-24,percent,ascs,,,
Hackney,ascs_feel_safe,Users who feel safe,73.2,71.1,higher_is_better,2023-24,percent,ascs,,,
Lambeth,ascs_feel_safe,Users who feel safe,66.0,71.1,higher_is_better,2023-24,percent,ascs,,,
Kent,ascs_feel_safe,Users who feel safe,75.0,71.1,higher_is_better,2023-24,percent,ascs,,,
Camden,ascs_feel_safe,Users who feel safe,60.0,69.9,higher_is_better,2019/20,percent,ascs,,,
Essex,ascs_feel_safe,Users who feel safe,90.0,69.9,higher_is_better,2019-2020,percent,ascs,,,
Camden,salt_wait_days,Days waiting,206,,lower_is_better,2023-24,days,local authority,regional,London,180
Islington,salt_wait_days,Days waiting,150,,lower_is_better,2023-24,days,,,,
";

#[test]
fn observations_carry_unit_period_source_and_comparator() {
    let observations = MetricObservation::read_csv(CSV.as_bytes()).unwrap();
    let camden = &observations[0];
    assert_eq!(camden.figure(), "70.0%", "the figure as printed");
    assert_eq!(camden.period.unwrap().to_string(), "2023-24");
    assert_eq!(camden.source, Some(Dataset::Ascs));
    assert_eq!(camden.comparator.as_ref().unwrap().scope, Scope::England);
    assert_eq!(
        observations[6].period, observations[5].period,
        "2019-2020 is 2019-20"
    );
    let wait = &observations[7];
    assert_eq!(wait.figure(), "206 days");
    assert_eq!(wait.source, Some(Dataset::LocalAuthority));
    let regional = wait.comparator.as_ref().unwrap();
    assert_eq!(
        (
            regional.scope,
            regional.region.as_deref(),
            regional.value.map(|v| v.to_string())
        ),
        (Scope::Regional, Some("London"), Some("180".to_owned()))
    );
    assert_eq!(wait.england, None);
    let bad = MetricObservation::read_csv(
        "authority,measure,value,period\nKent,x,1,last year\n".as_bytes(),
    )
    .unwrap_err();
    assert_eq!(
        bad.to_string(),
        "line 2: expected a period such as 2023-24, 2021, 2021-2023 or October 2024 in column 'period', found 'last year'"
    );
    let bad =
        MetricObservation::read_csv("authority,measure,value,unit\nKent,x,1,furlongs\n".as_bytes())
            .unwrap_err();
    assert_eq!(bad.line(), Some(2));
}

#[test]
fn tables_and_spine_charts_are_per_period() {
    let mut cohort = Cohort::new("/home/analyst/data/london-and-more.csv");
    cohort.add_metrics(MetricObservation::read_csv(CSV.as_bytes()).unwrap());
    let tables = cohort.metric_tables();
    assert_eq!(tables.tables.len(), 3);
    let recent = tables
        .table_for("ascs_feel_safe", "2023-24".parse().ok())
        .unwrap();
    let older = tables
        .table_for("ascs_feel_safe", "2019-20".parse().ok())
        .unwrap();
    assert_eq!((recent.rows.len(), older.rows.len()), (5, 2));
    assert_eq!(recent.summary.median, 70.0); // 66, 68.5, 70, 73.2, 75: 2019-20 not pooled
    assert_eq!(older.summary.median, 75.0); // 60 and 90
    assert_eq!(
        recent.row("Camden").unwrap().standing.unwrap().to_string(),
        "3rd of 5"
    );
    assert_eq!(
        older.row("Camden").unwrap().standing.unwrap().to_string(),
        "2nd of 2"
    );

    let chart = tables.spine_chart("Camden").unwrap();
    let rows: Vec<String> = chart
        .rows
        .iter()
        .map(|r| {
            format!(
                "{} | {} | {} | {}",
                r.label(),
                r.figure(),
                r.england_figure(),
                r.count
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            "Users who feel safe (ASCS 2019-20) | 60.0% | 69.9% | 2",
            "Users who feel safe (ASCS 2023-24) | 70.0% | 71.1% | 5",
        ]
    );
    // Two figures are a range but not quartiles; five are both.
    assert!(chart.rows[0].summary.is_none());
    assert_eq!(chart.rows[0].range, Some((60.0, 90.0)));
    assert_eq!(chart.rows[1].range, Some((66.0, 75.0)));
    assert_eq!(chart.rows[1].summary.unwrap().median, 70.0);
    let svg = chart.to_svg();
    assert!(
        svg.contains("Camden: figures against England</text>"),
        "{svg}"
    );
    assert!(!svg.contains("/home/analyst"), "no file path in the chart");
    assert!(
        svg.contains("Range and quartiles: london-and-more.csv"),
        "{svg}"
    );
    assert!(svg.contains("60.0% (England 69.9%)"), "{svg}");
    assert!(svg.contains("(ASCS 2019-20)"), "{svg}");

    // The days waiting: no England value, so not charted; a regional marker would be.
    let tables_with_england = {
        let mut c = Cohort::new("waits");
        c.add_metrics(
            MetricObservation::read_csv(CSV.as_bytes())
                .unwrap()
                .into_iter()
                .map(|o| {
                    if o.measure == "salt_wait_days" {
                        o.with_england(190.0)
                    } else {
                        o
                    }
                }),
        );
        c.metric_tables()
    };
    let chart = tables_with_england.spine_chart("Camden").unwrap();
    let wait = chart
        .rows
        .iter()
        .find(|r| r.measure == "salt_wait_days")
        .unwrap();
    assert_eq!(wait.figure(), "206 days");
    assert_eq!(wait.marker.as_ref().unwrap().label, "London average");
    assert_eq!(wait.marker_figure().as_deref(), Some("180 days"));
    let text = chart.to_string();
    assert!(text.contains("Marker: London average"), "{text}");
    assert!(chart.to_svg().contains("London average: 180 days"));

    // A region's median as the marker instead.
    let chart = tables
        .spine_chart_against("Camden", &Group::region(Region::London))
        .unwrap();
    let recent = &chart.rows[1];
    let marker = recent.marker.as_ref().unwrap();
    assert_eq!(marker.label, "London median (n=3)"); // Islington, Hackney, Lambeth
    assert_eq!(marker.value, 68.5);
    assert!(
        chart.rows[0].marker.is_none(),
        "no other London council in 2019-20"
    );
}

#[test]
fn metric_neighbours_compare_like_periods_only() {
    // Five measures in 2023-24 for four councils, and the same measures in 2019-20 for one of
    // them: the older figures are other measures, so they never meet the newer ones.
    let mut cohort = Cohort::new("four");
    let recent: Period = "2023-24".parse().unwrap();
    let older: Period = "2019-20".parse().unwrap();
    for (i, who) in ["Camden", "Islington", "Hackney", "Lambeth"]
        .into_iter()
        .enumerate()
    {
        cohort.insert(cqc_la::cohort::ScoreRecord::new(who, [None; 9]));
        for m in 0..5 {
            let v = (i * 10 + m) as f64;
            cohort.add_metrics([
                MetricObservation::new(who, format!("m{m}"), "m", v).with_period(recent)
            ]);
        }
    }
    for m in 0..5 {
        cohort.add_metrics([
            MetricObservation::new("Kent", format!("m{m}"), "m", 1.0).with_period(older)
        ]);
    }
    cohort.insert(cqc_la::cohort::ScoreRecord::new("Kent", [None; 9]));
    let camden = cohort.get("Camden").unwrap().clone();
    let near = cohort.metric_neighbours(&camden, 10);
    let names: Vec<&str> = near.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        ["Islington", "Hackney", "Lambeth"],
        "Kent's 2019-20 figures are not pooled"
    );
    assert!(near.rows.iter().all(|r| r.shared == 5));
    assert_eq!(
        near.too_few_shared, 0,
        "Kent has no standardised measure (fewer than three)"
    );
}

#[test]
fn values_given_in_code_print_as_written() {
    let o = MetricObservation::new("Camden", "ascs_feel_safe", "Users who feel safe", 63.93)
        .with_england(71.06)
        .with_unit(Unit::Percent)
        .with_polarity(cqc_la::metrics::Polarity::HigherIsBetter);
    assert_eq!(
        o.comparator.as_ref().unwrap().value.unwrap().to_string(),
        "71.06"
    );
    let mut cohort = Cohort::new("one");
    cohort.add_metrics([o]);
    let chart = cohort.metric_tables().spine_chart("Camden").unwrap();
    assert_eq!(
        (chart.rows[0].figure(), chart.rows[0].england_figure()),
        ("63.93%".to_owned(), "71.06%".to_owned())
    );
    assert_eq!(chart.rows[0].range, None, "one council: no range");
}
