//! SVG pictures written by hand: no dependency, every text escaped.

use std::fmt::Write;

use crate::cohort::{LeagueTable, SpineChart};
use crate::model::QualityStatement;
use crate::model::{Polarity, Verdict};

/// Escapes text for SVG/XML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Colours of scores 1 to 4 (red, orange, light green, dark green) and of a missing score.
const SCORE_COLOURS: [&str; 4] = ["#d7301f", "#fc8d59", "#91cf60", "#1a9850"];
const MISSING_COLOUR: &str = "#d9d9d9";
const FONT: &str = "font-family=\"Helvetica, Arial, sans-serif\"";

/// The least half-width of a spine chart row, as a share of the England value.
const MIN_SPREAD: f64 = 0.25;

/// The start of an SVG document of the given size: white background and a bold title.
fn open_svg(width: f64, height: f64, title: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" {FONT} font-size=\"11\">",
        n(width),
        n(height),
        n(width),
        n(height)
    );
    let _ = writeln!(s, "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
    let _ = writeln!(
        s,
        "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{}</text>",
        escape(title)
    );
    s
}

/// A number for SVG coordinates, with two decimals at most.
fn n(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

impl LeagueTable {
    /// A heat map of the table as a standalone SVG document: one row per authority in league
    /// order (position, name, derived percentage), one column per quality statement, each cell
    /// coloured by its score (1 red, 2 orange, 3 light green, 4 dark green; grey with `?` when
    /// unknown), with a legend.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Cohort;
    /// let svg = Cohort::published().league_table().heat_map_svg();
    /// assert!(svg.starts_with("<svg"));
    /// assert!(svg.contains("Kensington and Chelsea"));
    /// ```
    // One linear drawing routine: it reads best top to bottom.
    #[allow(clippy::too_many_lines)]
    pub fn heat_map_svg(&self) -> String {
        let cell_w = 34.0;
        let cell_h = 18.0;
        let pos_w = 60.0;
        let name_w = 16.0
            + 7.0
                * self
                    .rows
                    .iter()
                    .map(|r| r.name.chars().count())
                    .max()
                    .unwrap_or(10) as f64;
        let pct_w = 56.0;
        let top = 120.0;
        let grid_x = pos_w + name_w;
        let width = grid_x + 9.0 * cell_w + pct_w + 20.0;
        let height = top + cell_h * self.rows.len() as f64 + 70.0;
        let mut s = open_svg(
            width,
            height,
            &format!("Quality statement scores: {}", self.cohort),
        );
        let _ = writeln!(s, "<text x=\"10\" y=\"{}\">Pos</text>", n(top - 6.0));
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\">Authority</text>",
            n(pos_w),
            n(top - 6.0)
        );
        for (i, qs) in QualityStatement::ALL.iter().enumerate() {
            let x = grid_x + cell_w * i as f64 + cell_w / 2.0;
            let _ = writeln!(
                s,
                "<text x=\"{}\" y=\"{}\" transform=\"rotate(-50 {} {})\">{}</text>",
                n(x),
                n(top - 6.0),
                n(x),
                n(top - 6.0),
                escape(qs.short_title())
            );
        }
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\">%</text>",
            n(grid_x + 9.0 * cell_w + 8.0),
            n(top - 6.0)
        );
        for (row_index, row) in self.rows.iter().enumerate() {
            let y = top + cell_h * row_index as f64;
            let text_y = y + cell_h - 5.0;
            let _ = writeln!(
                s,
                "<text x=\"10\" y=\"{}\">{}</text>",
                n(text_y),
                escape(&row.standing.position())
            );
            let _ = writeln!(
                s,
                "<text x=\"{}\" y=\"{}\">{}</text>",
                n(pos_w),
                n(text_y),
                escape(&row.name)
            );
            for (i, score) in row.scores.iter().enumerate() {
                let x = grid_x + cell_w * i as f64;
                let fill =
                    score.map_or(MISSING_COLOUR, |s| SCORE_COLOURS[usize::from(s.get() - 1)]);
                let label = score.map_or_else(|| "?".to_owned(), |s| s.to_string());
                let _ = writeln!(
                    s,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\" stroke=\"#ffffff\"><title>{}</title></rect>",
                    n(x),
                    n(y),
                    n(cell_w),
                    n(cell_h),
                    escape(&format!(
                        "{}: {} {}",
                        row.name,
                        QualityStatement::ALL[i].title(),
                        score.map_or_else(|| "unknown".to_owned(), |s| s.to_string())
                    ))
                );
                let _ = writeln!(
                    s,
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{label}</text>",
                    n(x + cell_w / 2.0),
                    n(text_y)
                );
            }
            let partial = if row.is_complete() { "" } else { "*" };
            let _ = writeln!(
                s,
                "<text x=\"{}\" y=\"{}\">{:.1}{partial}</text>",
                n(grid_x + 9.0 * cell_w + 8.0),
                n(text_y),
                row.percent
            );
        }
        let legend_y = top + cell_h * self.rows.len() as f64 + 24.0;
        for (i, colour) in SCORE_COLOURS
            .iter()
            .chain(std::iter::once(&MISSING_COLOUR))
            .enumerate()
        {
            let x = 10.0 + 90.0 * i as f64;
            let label = if i < 4 {
                format!("score {}", i + 1)
            } else {
                "unknown".to_owned()
            };
            let _ = writeln!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\">{label}</text>",
                n(x),
                n(legend_y),
                n(x + 18.0),
                n(legend_y + 11.0)
            );
        }
        let _ = writeln!(
            s,
            "<text x=\"10\" y=\"{}\">Pos =a-b: joint positions; %: derived overall percentage (* over the scores known)</text>",
            n(legend_y + 34.0)
        );
        s.push_str("</svg>\n");
        s
    }
}

/// Colour of a verdict point: better green, similar amber, worse red, not stated grey.
fn verdict_colour(verdict: Option<Verdict>) -> &'static str {
    match verdict {
        Some(Verdict::Better) => "#1a9850",
        Some(Verdict::Similar) => "#fdb863",
        Some(Verdict::Worse) => "#d7301f",
        None => "#969696",
    }
}

impl SpineChart {
    /// The chart as a standalone SVG document. Each row is one measure in one period, centred
    /// on England (the dashed vertical line) and scaled so that the furthest of the cohort's
    /// range, the marker and the authority's value reaches the edge (and at least a quarter of
    /// England's value either side). Better is always to the right: a lower-is-better measure is
    /// drawn mirrored. The light bar is the cohort's range (where at least two councils have the
    /// figure for the period), the dark bar its interquartile range and the tick its median
    /// (where at least [`SpineChart::MIN_FOR_QUARTILES`] do: a chart of one report has
    /// neither); the diamond is the regional or peer marker; the
    /// dot is the authority's value, coloured by the report's judgement (better green, similar
    /// amber, worse red, not stated grey). Each row is labelled with its source and period,
    /// and its figures are written as printed, with their units.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::Cohort;
    /// use cqc_la::metrics::{Polarity, Unit, Verdict};
    /// use cqc_la::cohort::MetricObservation;
    /// let mut cohort = Cohort::new("demo");
    /// for (who, v) in [("Camden", 63.9), ("Islington", 70.0), ("Westminster", 75.0)] {
    ///     cohort.add_metrics([MetricObservation::new(who, "ascs_feel_safe", "Feel safe", v)
    ///         .with_england(71.1).with_polarity(Polarity::HigherIsBetter)
    ///         .with_unit(Unit::Percent).with_verdict(Verdict::Worse)]);
    /// }
    /// let svg = cohort.metric_tables().spine_chart("Camden").unwrap().to_svg();
    /// assert!(svg.contains("#d7301f"));
    /// assert!(svg.contains("63.9%"));
    /// ```
    // One linear drawing routine: it reads best top to bottom.
    #[allow(clippy::too_many_lines)]
    pub fn to_svg(&self) -> String {
        let label_w = 16.0
            + 6.5
                * self
                    .rows
                    .iter()
                    .map(|r| r.label().chars().count())
                    .max()
                    .unwrap_or(10) as f64;
        let chart_w = 420.0;
        let value_w = 300.0;
        let row_h = 26.0;
        let top = 76.0;
        let width = label_w + chart_w + value_w;
        let height = top + row_h * self.rows.len() as f64 + 110.0;
        let mid = label_w + chart_w / 2.0;
        let half = chart_w / 2.0 - 10.0;
        let mut s = open_svg(
            width,
            height,
            &format!("{}: figures against England", self.authority),
        );
        let cohort = self
            .cohort
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(&self.cohort);
        let _ = writeln!(
            s,
            "<text x=\"10\" y=\"38\">Range and quartiles: {}{}</text>",
            escape(cohort),
            self.group
                .as_ref()
                .map(|g| format!("; marker: {} median", escape(g)))
                .unwrap_or_default()
        );
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">England</text>",
            n(mid),
            n(top - 8.0)
        );
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">better &#8594;</text>",
            n(label_w + chart_w - 4.0),
            n(top - 8.0)
        );
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\">&#8592; worse</text>",
            n(label_w + 4.0),
            n(top - 8.0)
        );
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\">value (England; marker)</text>",
            n(label_w + chart_w + 8.0),
            n(top - 8.0)
        );
        for (i, r) in self.rows.iter().enumerate() {
            let row_y = top + row_h * i as f64;
            let centre_y = row_y + row_h / 2.0;
            if i % 2 == 0 {
                let _ = writeln!(
                    s,
                    "<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f4f4f4\"/>",
                    n(row_y),
                    n(width),
                    n(row_h)
                );
            }
            let centre = r.england;
            // Each row spans the cohort's range, the marker and the value around England, and
            // at least a quarter of England's value either side, so that a chart of one report
            // still shows how far off it is.
            let mut reach = vec![r.value];
            if let Some((min, max)) = r.range {
                reach.extend([min, max]);
            }
            if let Some(marker) = &r.marker {
                reach.push(marker.value);
            }
            let spread = reach
                .iter()
                .map(|v| (v - centre).abs())
                .fold(centre.abs() * MIN_SPREAD, f64::max);
            let spread = if spread > 0.0 && spread.is_finite() {
                spread
            } else {
                1.0
            };
            let sign = if r.polarity == Polarity::LowerIsBetter {
                -1.0
            } else {
                1.0
            };
            let to_x = |v: f64| mid + sign * (v - centre) / spread * half;
            if let Some((min, max)) = r.range {
                let (lo, hi) = (to_x(min), to_x(max));
                let _ = writeln!(
                    s,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"8\" fill=\"#d9d9d9\"/>",
                    n(lo.min(hi)),
                    n(centre_y - 4.0),
                    n((lo - hi).abs().max(1.0))
                );
            }
            if let Some(summary) = &r.summary {
                let (lo, hi) = (to_x(summary.lower_quartile), to_x(summary.upper_quartile));
                let _ = writeln!(
                    s,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"8\" fill=\"#969696\"/>",
                    n(lo.min(hi)),
                    n(centre_y - 4.0),
                    n((lo - hi).abs().max(1.0))
                );
                let median_x = to_x(summary.median);
                let _ = writeln!(
                    s,
                    "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#252525\" stroke-width=\"2\"/>",
                    n(median_x),
                    n(centre_y - 6.0),
                    n(median_x),
                    n(centre_y + 6.0)
                );
            }
            if let (Some(marker), Some(text)) = (&r.marker, r.marker_figure()) {
                let x = to_x(marker.value);
                let _ = writeln!(
                    s,
                    "<path d=\"M {} {} L {} {} L {} {} L {} {} Z\" fill=\"#6a51a3\"><title>{}</title></path>",
                    n(x),
                    n(centre_y - 6.0),
                    n(x + 5.0),
                    n(centre_y),
                    n(x),
                    n(centre_y + 6.0),
                    n(x - 5.0),
                    n(centre_y),
                    escape(&format!("{}: {text}", marker.label))
                );
            }
            let _ = writeln!(
                s,
                "<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{}\" stroke=\"#000000\" stroke-width=\"0.5\"><title>{}</title></circle>",
                n(to_x(r.value)),
                n(centre_y),
                verdict_colour(r.verdict),
                escape(&format!(
                    "{}: {} ({})",
                    r.label(),
                    r.figure(),
                    r.verdict.map_or("no judgement stated", Verdict::title)
                ))
            );
            let _ = writeln!(
                s,
                "<text x=\"10\" y=\"{}\">{}</text>",
                n(centre_y + 4.0),
                escape(&r.label())
            );
            let mut figures = format!("{} (England {}", r.figure(), r.england_figure());
            if let (Some(marker), Some(text)) = (&r.marker, r.marker_figure()) {
                let _ = write!(figures, "; {} {text}", marker.label);
            }
            figures.push(')');
            let _ = writeln!(
                s,
                "<text x=\"{}\" y=\"{}\">{}</text>",
                n(label_w + chart_w + 8.0),
                n(centre_y + 4.0),
                escape(&figures)
            );
        }
        let bottom = top + row_h * self.rows.len() as f64;
        let _ = writeln!(
            s,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#000000\" stroke-dasharray=\"4 3\"/>",
            n(mid),
            n(top - 4.0),
            n(mid),
            n(bottom)
        );
        let legend_y = bottom + 20.0;
        for (i, (verdict, label)) in [
            (Some(Verdict::Better), "better"),
            (Some(Verdict::Similar), "similar"),
            (Some(Verdict::Worse), "worse"),
            (None, "not stated"),
        ]
        .iter()
        .enumerate()
        {
            let x = 10.0 + 100.0 * i as f64;
            let _ = writeln!(
                s,
                "<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">{label}</text>",
                n(x + 5.0),
                n(legend_y),
                verdict_colour(*verdict),
                n(x + 14.0),
                n(legend_y + 4.0)
            );
        }
        let _ = writeln!(
            s,
            "<path d=\"M {} {} L {} {} L {} {} L {} {} Z\" fill=\"#6a51a3\"/><text x=\"{}\" y=\"{}\">regional or peer marker</text>",
            n(415.0),
            n(legend_y - 6.0),
            n(420.0),
            n(legend_y),
            n(415.0),
            n(legend_y + 6.0),
            n(410.0),
            n(legend_y),
            n(424.0),
            n(legend_y + 4.0)
        );
        let _ = writeln!(
            s,
            "<text x=\"10\" y=\"{}\">Light bar: cohort range (where at least 2 councils have the figure for the period); dark bar: interquartile range; tick: cohort median (where at least {}); dashed line: England</text>",
            n(legend_y + 24.0),
            SpineChart::MIN_FOR_QUARTILES
        );
        let _ = writeln!(
            s,
            "<text x=\"10\" y=\"{}\">Each row is one measure in one period (figures of different periods are never pooled) and spans at least 25% of England's value either side</text>",
            n(legend_y + 42.0)
        );
        s.push_str("</svg>\n");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, value: f64, polarity: Polarity) -> crate::cohort::SpineRow {
        crate::cohort::SpineRow {
            measure: name.to_owned(),
            name: name.to_owned(),
            period: None,
            unit: None,
            source: None,
            polarity,
            value,
            printed: None,
            england: 50.0,
            england_printed: None,
            marker: None,
            count: 1,
            range: None,
            summary: None,
            verdict: None,
        }
    }

    #[test]
    fn a_cohort_of_one_is_placed_by_its_gap_to_england() {
        use crate::cohort::SpineChart;
        let chart = SpineChart {
            authority: "Northmere".to_owned(),
            cohort: "one".to_owned(),
            group: None,
            rows: vec![
                // 5 below England on a row that spans 12.5 either side: 40 % of the way left.
                row("a", 45.0, Polarity::HigherIsBetter),
                // Lower is better, so 5 below England is drawn to the right.
                row("b", 45.0, Polarity::LowerIsBetter),
            ],
        };
        let svg = chart.to_svg();
        // Labels "a (period not stated)" (21 characters): label width 16 + 136.5 = 152.5,
        // centre 152.5 + 210 = 362.5, half 200.
        assert!(svg.contains("<circle cx=\"282.5\""), "{svg}");
        assert!(svg.contains("<circle cx=\"442.5\""), "{svg}");
        // One report: no range, quartiles or median drawn.
        assert!(!svg.contains("height=\"8\" fill=\"#d9d9d9\""), "{svg}");
        assert!(!svg.contains("height=\"8\" fill=\"#969696\""), "{svg}");
        assert!(!svg.contains("stroke=\"#252525\""), "{svg}");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("A & B <c> \"d\" 'e'"),
            "A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;"
        );
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(n(1.0), "1");
        assert_eq!(n(1.256), "1.26");
        assert_eq!(n(-0.001), "0");
    }
}
