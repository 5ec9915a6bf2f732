//! Saved web pages (HTML) as reports: the page becomes the text a person would have copied
//! (`crate::html`), that text is parsed, and every position in the result (each [`Origin`]'s
//! line spans, each warning's location, each metric's spans) is moved into the HTML through
//! the page's offset map.
//!
//! Metrics are computed from the report while its positions are still in the text, then moved:
//! a figure's span is found from its paragraph's origin as if the paragraph were copied
//! verbatim, which the HTML is not (tags, entities, collapsed whitespace).

use crate::error::{ParseError, ParseErrorKind};
use crate::html::{PageText, looks_like_html, page_text};
use crate::model::{
    About, Block, FinancialFacts, Finding, Findings, Location, Metric, MetricWarning, Origin,
    OverallSummary, Report, ReportLines, Section, Statement, Text, ThemeIntro, Warning,
};
use crate::parse::ReportParser;
use crate::text::Locations;

impl ReportParser {
    /// Parses a saved web page (HTML) of a CQC report: the page becomes the lines a person
    /// would have copied from it (navigation, menus, cookie banners, scripts and the footer
    /// dropped, block elements as lines, list items as `- ` bullets, entities decoded), which
    /// are parsed as [`ReportParser::parse`] parses text. The report is the one the copied text
    /// gives, but every span and warning location points into the HTML.
    ///
    /// The size limit applies to the HTML. For the report's metrics with spans in the HTML,
    /// use [`ReportParser::parse_html_with_metrics`]: [`Report::metrics`] on this report finds
    /// the same figures, but places a figure inside its paragraph as if the paragraph were
    /// copied verbatim.
    ///
    /// # Errors
    /// As [`ReportParser::parse`], located in the HTML; [`ParseErrorKind::Empty`] for a page
    /// without visible text.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::{QualityStatement, Report, Score};
    /// let html = "<!DOCTYPE html><html><head><title>Northmere</title></head><body>\
    ///     <nav><a href=\"/\">Home</a></nav><main>\
    ///     <h1>Northmere County Council: local authority assessment</h1>\
    ///     <h2>Safeguarding</h2><p>Score: <strong>3</strong></p>\
    ///     <p>3 &ndash; Evidence shows a good standard</p></main>\
    ///     <footer>&copy; Care Quality Commission</footer></body></html>";
    /// let report = Report::parse_html(html)?;
    /// assert_eq!(report.authority.as_deref(), Some("Northmere County Council"));
    /// assert_eq!(report.score(QualityStatement::Safeguarding), Score::new(3));
    /// let heading = report.statements[0].section.as_ref().unwrap().heading.span().unwrap();
    /// assert_eq!(&html[heading.range()], "Safeguarding");
    /// # Ok::<(), cqc_la::ParseError>(())
    /// ```
    pub fn parse_html(&self, html: &str) -> Result<Report, ParseError> {
        let (page, mut report) = self.parse_page_text(html)?;
        let mut locations = Locations::new(html);
        move_report(&mut report, &page, &mut locations);
        Ok(report)
    }

    /// [`ReportParser::parse_html`] and the report's metrics ([`Report::metrics`]), each
    /// figure's and sentence's span in the HTML.
    ///
    /// # Errors
    /// As [`ReportParser::parse_html`].
    ///
    /// # Examples
    /// ```
    /// use cqc_la::ReportParser;
    /// let html = "<main><h1>Northmere County Council: local authority assessment</h1>\
    ///     <h2>Safeguarding</h2><p>Score: 3</p><h3>Key findings for this quality statement</h3>\
    ///     <p>ASCS data (2023-24) showed <strong>70.1%</strong> of people felt safe \
    ///     (England average 71.1%).</p></main>";
    /// let (report, metrics) = ReportParser::new().parse_html_with_metrics(html)?;
    /// assert_eq!(report.statements.len(), 1);
    /// let figure = metrics[0].figure_span.unwrap();
    /// assert_eq!(&html[figure.range()], "70.1%");
    /// # Ok::<(), cqc_la::ParseError>(())
    /// ```
    pub fn parse_html_with_metrics(&self, html: &str) -> Result<(Report, Vec<Metric>), ParseError> {
        self.parse_html_extracted(html)
            .map(|(report, metrics, _)| (report, metrics))
    }

    /// [`ReportParser::parse_html_with_metrics`] and the warnings about the figures
    /// ([`Report::metric_warnings`]), every span in the HTML.
    pub(crate) fn parse_html_extracted(
        self,
        html: &str,
    ) -> Result<(Report, Vec<Metric>, Vec<MetricWarning>), ParseError> {
        let (page, mut report) = self.parse_page_text(html)?;
        let (mut metrics, mut warnings) = crate::metrics::extract(&report);
        for metric in &mut metrics {
            metric.span = metric.span.map(|s| page.source_span(s));
            metric.figure_span = metric.figure_span.map(|s| page.source_span(s));
        }
        for span in warnings.iter_mut().filter_map(MetricWarning::span_mut) {
            *span = span.map(|s| page.source_span(s));
        }
        let mut locations = Locations::new(html);
        move_report(&mut report, &page, &mut locations);
        Ok((report, metrics, warnings))
    }

    /// Parses report text or a saved web page, told apart by their start (see
    /// [`ReportParser::looks_like_html`]).
    ///
    /// # Errors
    /// As [`ReportParser::parse`] or [`ReportParser::parse_html`].
    pub fn parse_page(&self, input: &str) -> Result<Report, ParseError> {
        if ReportParser::looks_like_html(input) {
            self.parse_html(input)
        } else {
            self.parse(input)
        }
    }

    /// Whether input is a saved web page rather than copied text: after a byte order mark and
    /// whitespace it starts with `<!DOCTYPE html`, an HTML comment or one of the tags a saved
    /// page starts with (`<html`, `<head`, `<body`, `<meta`, `<title`, `<link`, `<style`,
    /// `<script`, `<base`). Copied report text never starts with `<`.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::ReportParser;
    /// assert!(ReportParser::looks_like_html("\n<!doctype html><title>x</title>"));
    /// assert!(!ReportParser::looks_like_html("Safeguarding\nScore: 3\n"));
    /// ```
    pub fn looks_like_html(input: &str) -> bool {
        looks_like_html(input)
    }

    /// The page's text and the report it gives, positions still in the text.
    fn parse_page_text(self, html: &str) -> Result<(PageText, Report), ParseError> {
        if html.len() > self.max_input_size() {
            return Err(ParseError::new(
                ParseErrorKind::TooLarge {
                    size: html.len(),
                    limit: self.max_input_size(),
                },
                Location {
                    line: 1,
                    column: 1,
                    offset: 0,
                },
                String::new(),
            ));
        }
        let page = page_text(html);
        match self.parse(page.text()) {
            Ok(report) => Ok((page, report)),
            Err(error) => {
                let offset = page.source_offset(error.location().offset);
                let mut locations = Locations::new(html);
                let location = locations.at(offset);
                Err(ParseError::new(
                    error.kind().clone(),
                    location,
                    error.snippet().to_owned(),
                ))
            }
        }
    }
}

impl Report {
    /// Parses a saved web page with the default [`ReportParser`] (see
    /// [`ReportParser::parse_html`]).
    ///
    /// # Errors
    /// See [`ReportParser::parse_html`].
    pub fn parse_html(html: &str) -> Result<Report, ParseError> {
        ReportParser::new().parse_html(html)
    }
}

/// Moves every position of a report from the page's text into the HTML. Each struct is taken
/// apart field by field, so that a field added to the model must be added here too.
fn move_report(report: &mut Report, page: &PageText, locations: &mut Locations<'_>) {
    let Report {
        authority: _,
        published: _,
        rating: _,
        overall_score: _,
        statements,
        indicative: _,
        assessment_start: _,
        about,
        financial_facts,
        summary,
        experiences,
        strengths,
        themes,
        duplicates,
        navigation,
        other,
        lines,
        warnings,
    } = report;
    let o = |origin: &mut Origin| move_origin(origin, page);
    let t = |text: &mut Text| move_origin(&mut text.origin, page);
    for statement in statements.iter_mut().chain(duplicates.iter_mut()) {
        move_statement(statement, page);
    }
    if let Some(About {
        heading,
        demographics,
        paragraphs,
    }) = about
    {
        t(heading);
        demographics.iter_mut().for_each(o);
        paragraphs.iter_mut().for_each(t);
    }
    if let Some(FinancialFacts {
        heading,
        items,
        notes,
        period: _,
        total_budget: _,
        asc_spend: _,
        asc_share: _,
        precept: _,
        long_term_support: _,
        short_term_support: _,
    }) = financial_facts
    {
        o(heading);
        items.iter_mut().chain(notes.iter_mut()).for_each(t);
    }
    if let Some(summary) = summary {
        move_summary(summary, page);
    }
    for block in [experiences, strengths].into_iter().flatten() {
        move_block(block, page);
    }
    for ThemeIntro {
        theme: _,
        title,
        includes,
        listed,
        note,
        other,
    } in themes
    {
        t(title);
        includes.iter_mut().chain(note.iter_mut()).for_each(o);
        for (_, origin) in listed.iter_mut() {
            o(origin);
        }
        other.iter_mut().for_each(t);
    }
    navigation.iter_mut().chain(other.iter_mut()).for_each(t);
    // The header's form and a repeated footer are facts, not places.
    let ReportLines {
        header,
        published,
        assessment_start,
        footer,
        pilot_header: _,
        footer_repeated: _,
    } = lines;
    for origin in [header, published, assessment_start, footer] {
        origin.iter_mut().for_each(o);
    }
    move_warnings(warnings, page, locations);
}

/// Warnings come in the order the parser found them; they are located in increasing order.
fn move_warnings(warnings: &mut [Warning], page: &PageText, locations: &mut Locations<'_>) {
    let mut order: Vec<usize> = (0..warnings.len()).collect();
    order.sort_by_key(|&i| warnings[i].location.offset);
    for i in order {
        let offset = page.source_offset(warnings[i].location.offset);
        warnings[i].location = locations.at(offset);
    }
}

fn move_summary(summary: &mut OverallSummary, page: &PageText) {
    let OverallSummary {
        heading,
        rating_heading,
        authority,
        rating_line,
        score_line,
        scores_heading,
        other,
    } = summary;
    move_origin(heading, page);
    for origin in [rating_heading, rating_line, score_line, scores_heading]
        .into_iter()
        .flatten()
    {
        move_origin(origin, page);
    }
    for text in authority.iter_mut().chain(other.iter_mut()) {
        move_origin(&mut text.origin, page);
    }
}

fn move_statement(statement: &mut Statement, page: &PageText) {
    let Statement {
        statement: _,
        listed,
        section,
    } = statement;
    if let Some(listed) = listed {
        move_origin(&mut listed.origin, page);
        if let Some(origin) = &mut listed.score_line {
            move_origin(origin, page);
        }
    }
    let Some(Section {
        heading,
        score: _,
        score_line,
        descriptor,
        expectations,
        commitment,
        findings,
        other,
    }) = section
    else {
        return;
    };
    move_origin(heading, page);
    if let Some(origin) = score_line {
        move_origin(origin, page);
    }
    if let Some(descriptor) = descriptor {
        move_origin(&mut descriptor.text.origin, page);
    }
    for block in [expectations, commitment].into_iter().flatten() {
        move_block(block, page);
    }
    if let Some(Findings { heading, groups }) = findings {
        move_origin(heading, page);
        for Finding {
            subheading,
            paragraphs,
        } in groups
        {
            for text in subheading.iter_mut().chain(paragraphs.iter_mut()) {
                move_origin(&mut text.origin, page);
            }
        }
    }
    for text in other {
        move_origin(&mut text.origin, page);
    }
}

fn move_block(block: &mut Block, page: &PageText) {
    let Block {
        heading,
        paragraphs,
    } = block;
    move_origin(heading, page);
    for text in paragraphs {
        move_origin(&mut text.origin, page);
    }
}

/// Each line span of an origin, moved into the HTML.
fn move_origin(origin: &mut Origin, page: &PageText) {
    if origin.line_spans().is_empty() {
        return;
    }
    let lines = origin
        .line_spans()
        .iter()
        .map(|&span| page.source_span(span))
        .collect();
    *origin = Origin::lines(lines);
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!DOCTYPE html>\n<html><head><title>Northmere</title>\n\
        <script>var x = \"<p>Score: 1</p>\";</script></head>\n<body>\n\
        <header><nav><ul><li><a href=\"/\">Home</a></li></ul></nav></header>\n\
        <main>\n<h1>Northmere County Council: local authority assessment</h1>\n\
        <p>Assessment published: <time>14 March 2025</time></p>\n\
        <p>Welcome to our page</p>\n\
        <h2>Safeguarding</h2>\n<p>Score: <span>3</span></p>\n\
        <p>3 &ndash; Evidence shows a good standard</p>\n\
        <h3>Key findings for this quality statement</h3>\n\
        <h4>Safeguarding systems</h4>\n\
        <p>ASCS data (2023-24) showed   <strong>70.1%</strong> of people felt safe \
        (England average&nbsp;71.1%). Northmere&rsquo;s median wait for a review was 21&nbsp;days.</p>\n\
        </main>\n<footer><p>&copy; Care Quality Commission</p></footer>\n</body></html>\n";

    const COPIED: &str = "Northmere County Council: local authority assessment\n\
        Assessment published: 14 March 2025\nWelcome to our page\nSafeguarding\nScore: 3\n\
        3 – Evidence shows a good standard\nKey findings for this quality statement\n\
        Safeguarding systems\n\
        ASCS data (2023-24) showed 70.1% of people felt safe (England average 71.1%). \
        Northmere’s median wait for a review was 21 days.\n";

    fn without_locations(report: &Report) -> Report {
        let mut report = report.clone();
        for warning in &mut report.warnings {
            warning.location = Location::default();
        }
        report
    }

    #[test]
    fn a_page_gives_the_report_of_its_copied_text_with_positions_in_the_html() {
        let from_html = Report::parse_html(PAGE).unwrap();
        let from_text = Report::parse(COPIED).unwrap();
        // Origins compare equal whatever they hold: this compares every value but the
        // warnings' locations.
        assert_eq!(without_locations(&from_html), without_locations(&from_text));
        let section = from_html.statements[0].section.as_ref().unwrap();
        let at = |origin: &Origin| &PAGE[origin.span().unwrap().range()];
        assert_eq!(at(&section.heading), "Safeguarding");
        assert_eq!(at(section.score_line.as_ref().unwrap()), "Score: <span>3");
        let paragraphs = &section.findings.as_ref().unwrap().groups[0].paragraphs;
        assert!(at(&paragraphs[0].origin).starts_with("ASCS data (2023-24) showed   <strong>"));
        assert!(at(&paragraphs[0].origin).ends_with("for a review was 21&nbsp;days."));
        assert_eq!(
            at(from_html.lines.published.as_ref().unwrap()),
            "Assessment published: <time>14 March 2025"
        );
        // Warnings: the same, located in the HTML.
        assert_eq!(from_html.warnings.len(), from_text.warnings.len());
        assert!(!from_html.warnings.is_empty());
        for (h, t) in from_html.warnings.iter().zip(&from_text.warnings) {
            assert_eq!(h.kind, t.kind);
            let line = PAGE.lines().nth(h.location.line - 1).unwrap();
            let column: usize = line
                .chars()
                .take(h.location.column - 1)
                .map(char::len_utf8)
                .sum();
            let line_start = PAGE[..h.location.offset].rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(line_start + column, h.location.offset);
        }
    }

    #[test]
    fn metrics_point_at_their_figures_in_the_html() {
        let (report, metrics) = ReportParser::new().parse_html_with_metrics(PAGE).unwrap();
        let text_metrics = Report::parse(COPIED).unwrap().metrics();
        assert_eq!(metrics.len(), text_metrics.len());
        assert_eq!(metrics.len(), 2);
        for (h, t) in metrics.iter().zip(&text_metrics) {
            let mut moved = h.clone();
            moved.span = t.span;
            moved.figure_span = t.figure_span;
            assert_eq!(&moved, t, "the same metric but for its spans");
        }
        assert_eq!(&PAGE[metrics[0].figure_span.unwrap().range()], "70.1%");
        assert_eq!(
            &PAGE[metrics[1].figure_span.unwrap().range()],
            "21&nbsp;days"
        );
        let sentence = &PAGE[metrics[0].span.unwrap().range()];
        assert!(
            sentence.starts_with("ASCS data") && sentence.ends_with("71.1%)."),
            "{sentence}"
        );
        assert_eq!(report.statements.len(), 1);
    }

    #[test]
    fn errors_point_into_the_html() {
        let html =
            "<html><body>\n<nav>Home</nav>\n<main>\n<p>Shopping list</p>\n</main></body></html>";
        let error = Report::parse_html(html).unwrap_err();
        assert_eq!(error.kind(), &ParseErrorKind::NotAReport);
        let at = error.location();
        assert_eq!((at.line, at.column), (4, 4));
        assert_eq!(&html[at.offset..at.offset + 8], "Shopping");
        let empty = Report::parse_html("<html><script>x</script></html>").unwrap_err();
        assert_eq!(empty.kind(), &ParseErrorKind::Empty);
        let big = ReportParser::new()
            .max_input(10)
            .parse_html(PAGE)
            .unwrap_err();
        assert!(matches!(
            big.kind(),
            ParseErrorKind::TooLarge { limit: 10, .. }
        ));
    }

    #[test]
    fn one_entry_point_tells_pages_from_text() {
        let parser = ReportParser::new();
        assert_eq!(
            without_locations(&parser.parse_page(PAGE).unwrap()),
            without_locations(&parser.parse_page(COPIED).unwrap())
        );
        let heading = |r: &Report| r.statements[0].section.as_ref().unwrap().heading.span();
        let html_heading = heading(&parser.parse_page(PAGE).unwrap()).unwrap();
        assert_eq!(&PAGE[html_heading.range()], "Safeguarding");
        let text_heading = heading(&parser.parse_page(COPIED).unwrap()).unwrap();
        assert_eq!(&COPIED[text_heading.range()], "Safeguarding");
        assert_ne!(html_heading, text_heading);
    }

    /// A saved page made from copied text: a page around it (head, script, navigation, footer),
    /// each line a paragraph with its `’`, `&`, `<` and no-break spaces as character
    /// references and every number in `<b>` (inline, so the text is the same).
    fn page_of(text: &str) -> String {
        let mut html = String::from(
            "<!DOCTYPE html><html><head><title>t</title><script>var s = \"<p>1</p>\";</script>\
             </head><body><nav><a href=\"/\">Home 12</a></nav><main>\n",
        );
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            html.push_str("<p>");
            let mut in_number = false;
            for c in line.trim().chars() {
                let digit = c.is_ascii_digit();
                if digit && !in_number {
                    html.push_str("<b>");
                } else if !digit && in_number {
                    html.push_str("</b>");
                }
                in_number = digit;
                match c {
                    '’' => html.push_str("&rsquo;"),
                    '&' => html.push_str("&amp;"),
                    '<' => html.push_str("&lt;"),
                    '\u{a0}' => html.push_str("&nbsp;"),
                    c => html.push(c),
                }
            }
            if in_number {
                html.push_str("</b>");
            }
            html.push_str("</p>\n");
        }
        html.push_str("</main><footer><p>Footer 2025</p></footer></body></html>\n");
        html
    }

    /// The text of a piece of such a page: tags dropped, its references decoded.
    fn text_of(html: &str) -> String {
        let mut out = String::new();
        let mut rest = html;
        while let Some(c) = rest.chars().next() {
            if c == '<' {
                rest = rest.split_once('>').map_or("", |(_, r)| r);
                continue;
            }
            let mut entity = false;
            for (name, decoded) in [
                ("&rsquo;", "’"),
                ("&amp;", "&"),
                ("&lt;", "<"),
                ("&nbsp;", " "),
            ] {
                if let Some(r) = rest.strip_prefix(name) {
                    out.push_str(decoded);
                    rest = r;
                    entity = true;
                }
            }
            if !entity {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        out
    }

    #[test]
    fn every_figure_of_the_forms_fixtures_is_found_in_their_pages() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/forms");
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.to_ascii_lowercase().ends_with(".txt"))
            .collect();
        names.sort();
        assert!(names.len() >= 10);
        let mut figures = 0;
        for name in names {
            let text = std::fs::read_to_string(dir.join(&name)).unwrap();
            let html = page_of(&text);
            let from_text = Report::parse(&text).unwrap();
            let text_metrics = from_text.metrics();
            let (from_html, metrics) = ReportParser::new().parse_html_with_metrics(&html).unwrap();
            assert_eq!(
                without_locations(&from_html),
                without_locations(&from_text),
                "{name}"
            );
            assert_eq!(metrics.len(), text_metrics.len(), "{name}");
            for (h, t) in metrics.iter().zip(&text_metrics) {
                let (Some(hs), Some(ts)) = (h.figure_span, t.figure_span) else {
                    assert_eq!(h.figure_span, t.figure_span, "{name}");
                    continue;
                };
                assert_eq!(text_of(&html[hs.range()]), text[ts.range()], "{name}");
                let (hs, ts) = (h.span.unwrap(), t.span.unwrap());
                assert_eq!(text_of(&html[hs.range()]), text[ts.range()], "{name}");
                figures += 1;
            }
            for (h, t) in from_html.warnings.iter().zip(&from_text.warnings) {
                assert_eq!(h.kind, t.kind, "{name}");
            }
        }
        assert!(figures > 100, "{figures}");
    }
}
