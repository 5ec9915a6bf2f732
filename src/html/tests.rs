//! The HTML conversion: exact lines for small pages, the offset map, the fixtures in
//! `tests/fixtures/html` against their copied text, malformed and hostile input.

use std::path::PathBuf;

use proptest::prelude::*;

use super::{PageText, looks_like_html, page_text};
use crate::model::{Location, Span};
use crate::{Date, QualityStatement, Rating, Report, Score};

fn text(html: &str) -> String {
    page_text(html).text().to_owned()
}

#[track_caller]
fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The HTML span of the `n`th occurrence (from 0) of `needle` in the page's text.
#[track_caller]
fn span_of(page: &PageText, needle: &str, n: usize) -> Span {
    let (at, _) = page
        .text()
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle:?} is not in the text {n} times"));
    page.source_span(Span::new(at, at + needle.len()))
}

// ---------------------------------------------------------------- lines

#[test]
fn blocks_end_lines_and_inline_elements_do_not() {
    assert_eq!(
        text(
            "<div><h2>Title</h2><p>One <strong>bold</strong> and <a href=x>linked</a> word.</p><p>Two</p></div>"
        ),
        "Title\nOne bold and linked word.\nTwo"
    );
    assert_eq!(text("<p>x<span>y</span><em>z</em></p>"), "xyz");
    assert_eq!(text("a<br>b<br/><br>c<hr>d"), "a\nb\nc\nd");
    assert_eq!(
        text("<section><div><div><p>deep</p></div></div></section><blockquote>quote</blockquote>"),
        "deep\nquote"
    );
    assert_eq!(
        text("<dl><dt>Term</dt><dd>Meaning</dd></dl>"),
        "Term\nMeaning"
    );
    // Unknown (custom) elements flow inline.
    assert_eq!(text("<p>a<my-widget>b</my-widget>c</p>"), "abc");
}

#[test]
fn whitespace_collapses_and_lines_are_trimmed() {
    assert_eq!(
        text("\n  <p>\n   Several   spaces,\ttabs\r\n and\n\nnewlines   </p>\n\n<p>  next  </p>  "),
        "Several spaces, tabs and newlines\nnext"
    );
    // A space on either side of an inline tag is one space.
    assert_eq!(text("<p>Score: <b> 3 </b> .</p>"), "Score: 3 .");
    assert_eq!(
        text("<p>a</p>   <p>   </p><p></p><div> </div><p>b</p>"),
        "a\nb"
    );
    // No-break spaces are copied as spaces, and collapse with the spaces around them.
    assert_eq!(
        text("<p>&nbsp;</p><p>12&nbsp;days &nbsp; later\u{a0}</p>"),
        "12 days later"
    );
}

#[test]
fn list_items_are_bullets() {
    assert_eq!(
        text("<ul><li>one</li><li>two <b>bold</b></li></ul><p>after</p>"),
        "- one\n- two bold\nafter"
    );
    // Implied end tags, nested lists, blocks inside items, empty items.
    assert_eq!(
        text("<ol><li>one<li><p>two</p><p>more</p><li>three<ul><li>nested</ul><li></li></ol>x"),
        "- one\n- two\nmore\n- three\n- nested\nx"
    );
    // An empty item leaves no bullet behind for the text after the list.
    assert_eq!(text("<ul><li></li></ul><p>para</p>"), "para");
}

#[test]
fn table_rows_are_lines_with_cells_separated() {
    assert_eq!(
        text(
            "<table><caption>Scores</caption><tr><th>Statement</th><th>Score</th></tr><tr><td>Safeguarding<td>3</table><p>after</p>"
        ),
        "Scores\nStatement | Score\nSafeguarding | 3\nafter"
    );
    assert_eq!(
        text("<table><tr><td></td><td>only</td></tr></table>"),
        "only"
    );
}

#[test]
fn pre_keeps_its_lines() {
    assert_eq!(
        text("<pre>one\n  two   words\n\nthree</pre>"),
        "one\ntwo words\nthree"
    );
}

#[test]
fn entities_are_decoded() {
    assert_eq!(
        text(
            "<p>A &amp; B, people&rsquo;s, people&#8217;s, people&#x2019;s, &lt;tag&gt;, &quot;q&quot; &pound;5 &ndash; &copy;</p>"
        ),
        "A & B, people’s, people’s, people’s, <tag>, \"q\" £5 – ©"
    );
    // Bare ampersands and unknown names stay as written; a legacy name without `;` decodes.
    assert_eq!(
        text("<p>R&D &unknown; &amp x &ampx</p>"),
        "R&D &unknown; & x &x"
    );
    // A bare `&` before a character of several bytes.
    let page = page_text("<p>a&éb &ü</p>");
    assert_eq!(page.text(), "a&éb &ü");
    assert_eq!(page.source_offset(2), 5, "é");
    assert_eq!(page.source_offset(7), 10, "&");
}

// ---------------------------------------------------------------- dropped

#[test]
fn hidden_and_chrome_are_dropped() {
    assert_eq!(
        text(concat!(
            "<head><title>Page title</title><style>p{}</style></head>",
            "<body><script>var x = '<p>no</p>';</script><noscript>Enable JS</noscript>",
            "<template><p>tpl</p></template><svg><title>icon</title><text>svg</text></svg>",
            "<iframe>frame</iframe><nav>Menu</nav><form><label>Label</label><button>Go</button></form>",
            "<aside>Related</aside><select><option>opt</option></select>",
            "<p>kept <span hidden>hidden</span><span aria-hidden=\"true\">aria</span>",
            "<span aria-hidden=\"false\">shown</span> <span style=\"display: none\">none</span>",
            "<span style=\"visibility:hidden\">invisible</span>end</p>",
            "<div id=\"cookie-consent\">cookies</div><a class=\"govuk-skip-link\">Skip</a>",
            "<div class=\"breadcrumbs\">Home</div><div class=\"govuk-header__logo\">logo</div>",
            "<dialog>closed</dialog><dialog open>open dialog</dialog>",
            "<div role=\"navigation\">role nav</div><div role=\"contentinfo\">role footer</div>",
            "</body>",
        )),
        "kept shown end\nopen dialog"
    );
}

#[test]
fn page_header_and_footer_are_dropped_but_not_an_articles() {
    assert_eq!(
        text(concat!(
            "<header><p>Site header</p></header>",
            "<article><header><h1>Article title</h1></header><p>Body</p><footer>Article footer</footer></article>",
            "<footer><p>© Care Quality Commission</p></footer>",
        )),
        "Article title\nBody\nArticle footer"
    );
}

#[test]
fn only_main_is_taken_when_the_page_has_one() {
    let html = "<div>Before</div><h1>Report: local authority assessment</h1><main><p>Inside</p></main><div>After</div>";
    assert_eq!(text(html), "Report: local authority assessment\nInside");
    assert_eq!(
        text("<div>Before</div><div role=\"main\"><p>Inside</p></div><p>After</p>"),
        "Inside"
    );
    // Without main, or with an empty one, the body is taken.
    assert_eq!(text("<h1>Title</h1><div>Body</div>"), "Title\nBody");
    assert_eq!(text("<p>Body</p><main> </main><p>More</p>"), "Body\nMore");
    // A `<main>` inside a wrapper whose class looks like chrome is still read.
    assert_eq!(
        text("<div class=\"no-cookies page\"><main><p>Inside</p></main></div>"),
        "Inside"
    );
}

// ---------------------------------------------------------------- the map

#[test]
fn offsets_point_at_the_html_bytes() {
    let html = "<p>Hello  <b>world</b>\n and&nbsp;more &amp; less</p><p>x</p>";
    let page = page_text(html);
    assert_eq!(page.text(), "Hello world and more & less\nx");
    let offsets: Vec<usize> = (0..=page.text().len())
        .map(|i| page.source_offset(i))
        .collect();
    assert_eq!(
        offsets,
        [
            3, 4, 5, 6, 7, // Hello
            8, // the collapsed "  " maps to its start
            13, 14, 15, 16, 17, // world
            22, // "\n "
            24, 25, 26, // and
            27, // &nbsp;
            33, 34, 35, 36, // more
            37, // space
            38, // &amp;
            43, // space
            44, 45, 46, 47, // less
            48, // the line break: the end of "less"
            55, // x
            56, // the text's end: the end of x
        ]
    );
    // Past the end, the end.
    assert_eq!(page.source_offset(1000), 56);
    // Spans cover whole entities and whitespace runs.
    assert_eq!(&html[span_of(&page, "&", 0).range()], "&amp;");
    assert_eq!(
        &html[span_of(&page, "and more", 0).range()],
        "and&nbsp;more"
    );
    assert_eq!(
        &html[span_of(&page, "Hello world", 0).range()],
        "Hello  <b>world"
    );
    assert_eq!(span_of(&page, "x", 0), Span::new(55, 56));
    assert_eq!(page.source_span(Span::new(3, 3)), Span::new(6, 6));
}

#[test]
fn bullets_and_breaks_map_to_their_tags() {
    let html = "<ul>\n<li>one</li>\n<li>two</li></ul>";
    let page = page_text(html);
    assert_eq!(page.text(), "- one\n- two");
    assert_eq!(page.source_offset(0), html.find("<li>").unwrap());
    assert_eq!(page.source_offset(2), html.find("one").unwrap());
    assert_eq!(page.source_offset(5), html.find("one").unwrap() + 3);
    assert_eq!(page.source_offset(6), html.rfind("<li>").unwrap());
}

#[test]
fn an_empty_page_maps_to_the_start() {
    let page = page_text("");
    assert_eq!(page.text(), "");
    assert_eq!(page.source_offset(0), 0);
    assert_eq!(page.source_span(Span::new(0, 5)), Span::new(0, 0));
    assert_eq!(page_text("<p> </p>").text(), "");
}

#[test]
fn spans_of_parsed_lines_point_into_the_page() {
    let html = fixture("section-page.html");
    let page = page_text(&html);
    let report = Report::parse(page.text()).expect("the page's text parses");
    let section = report.statements[0].section.as_ref().expect("a section");
    // The title line `Safeguarding` maps to the word inside its `<h2>`.
    let title = page.source_span(section.heading.span().expect("parsed"));
    let h2 = "<h2 id=\"safeguarding\">";
    let at = html.find(h2).expect("the h2") + h2.len();
    assert_eq!(title, Span::new(at, at + "Safeguarding".len()));
    assert_eq!(&html[title.range()], "Safeguarding");

    let findings = section.findings.as_ref().expect("findings");
    let subheading = findings.groups[0]
        .subheading
        .as_ref()
        .expect("a subheading");
    let span = page.source_span(subheading.origin.span().expect("parsed"));
    assert_eq!(
        &html[span.range()],
        "Safeguarding systems, processes and practices"
    );
    // A paragraph with an entity and inline tags: from its first word to its last.
    let paragraph = &findings.groups[0].paragraphs[0];
    let span = page.source_span(paragraph.origin.span().expect("parsed"));
    assert!(html[span.range()].starts_with("Kellbrook&rsquo;s <strong>adult"));
    assert!(html[span.range()].ends_with("<em>consistent</em> and clear."));
    // The bullets map to their `<li>` tags.
    let bullet = &findings.groups[0].paragraphs[2];
    assert_eq!(bullet.text, "- self-neglect and hoarding;");
    let span = page.source_span(bullet.origin.span().expect("parsed"));
    assert_eq!(&html[span.range()], "<li>self-neglect and hoarding;");
    // The curly apostrophe maps to its whole character reference.
    assert_eq!(&html[span_of(&page, "’", 0).range()], "&#8217;");
    assert_eq!(&html[span_of(&page, "’", 1).range()], "&rsquo;");
}

// ---------------------------------------------------------------- fixtures

/// The report with its warnings' positions cleared (they are positions in two different texts).
fn without_positions(mut report: Report) -> Report {
    for warning in &mut report.warnings {
        warning.location = Location::default();
    }
    report
}

/// Converts `name.html`, checks it against `name.txt` (the text as a person copies it from the
/// page) line for line, and checks both parse to the same report. Returns the report.
#[track_caller]
fn same_as_copied(name: &str) -> Report {
    let html = fixture(&format!("{name}.html"));
    let copied = fixture(&format!("{name}.txt"));
    let page = page_text(&html);
    assert_eq!(page.text(), copied.trim_end(), "{name}: the lines differ");
    let from_html = Report::parse(page.text()).expect("the page's text parses");
    let from_copy = Report::parse(&copied).expect("the copied text parses");
    assert_eq!(from_html.warnings.len(), from_copy.warnings.len());
    let from_html = without_positions(from_html);
    assert_eq!(
        from_html,
        without_positions(from_copy),
        "{name}: the reports differ"
    );
    from_html
}

#[test]
fn section_page_reads_as_its_copied_text() {
    let report = same_as_copied("section-page");
    assert_eq!(
        report.authority.as_deref(),
        Some("Kellbrook Borough Council")
    );
    assert_eq!(report.published, Date::new(2025, 6, 12));
    assert_eq!(report.statements.len(), 1);
    assert_eq!(
        report.statements[0].statement,
        QualityStatement::Safeguarding
    );
    assert_eq!(report.score(QualityStatement::Safeguarding), Score::new(3));
    let findings = report.statements[0]
        .section
        .as_ref()
        .and_then(|s| s.findings.as_ref())
        .expect("findings");
    let subheadings: Vec<&str> = findings
        .groups
        .iter()
        .filter_map(|g| g.subheading.as_ref().map(|t| t.text.as_str()))
        .collect();
    assert_eq!(
        subheadings,
        [
            "Safeguarding systems, processes and practices",
            "Responding to concerns and undertaking Section 42 enquiries",
            "Making safeguarding personal"
        ]
    );
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn summary_page_reads_as_its_copied_text() {
    let report = same_as_copied("summary-page");
    assert_eq!(report.authority.as_deref(), Some("Pennford City Council"));
    assert_eq!(report.published, Date::new(2025, 4, 3));
    assert_eq!(report.rating, Some(Rating::Good));
    let scores: Vec<u8> = report
        .statements
        .iter()
        .filter_map(|s| s.score().map(Score::get))
        .collect();
    assert_eq!(scores, [3, 3, 2, 3, 3, 2, 3, 3, 3]);
    let experiences = report.experiences.as_ref().expect("people's experiences");
    assert_eq!(experiences.paragraphs.len(), 2);
    assert_eq!(
        report.strengths.as_ref().map(|b| b.paragraphs.len()),
        Some(3)
    );
}

#[test]
fn minified_page_reads_as_its_copied_text() {
    let html = fixture("minified-page.html");
    assert!(!html.trim_end().contains('\n'), "the page is one line");
    let report = same_as_copied("minified-page");
    assert_eq!(report.authority.as_deref(), Some("Wexcombe Council"));
    assert_eq!(report.published, Date::new(2025, 10, 9));
    assert_eq!(
        report.score(QualityStatement::AssessingNeeds),
        Score::new(2)
    );
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn page_with_extra_chrome_reads_as_its_copied_text() {
    let report = same_as_copied("extra-chrome");
    assert_eq!(report.authority.as_deref(), Some("Stanmoor County Council"));
    assert_eq!(report.published, Date::new(2025, 11, 27));
    assert_eq!(
        report.score(QualityStatement::EquityInExperienceAndOutcomes),
        Score::new(3)
    );
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let page = page_text(&fixture("extra-chrome.html"));
    for chrome in [
        "Turn on JavaScript",
        "Cookies on CQC",
        "Skip to main content",
        "Services",
        "For professionals",
        "On this page",
        "Scores run from 1 to 4",
        "(opens in a new tab)",
        "(hidden note)",
        "Template text",
        "Related content",
        "Was this page useful?",
        "Your comments",
        "Share this page",
        "Contact us",
        "Open Government Licence",
        "Care Quality Commission",
        "CQC",
    ] {
        assert!(!page.text().contains(chrome), "{chrome:?} was kept");
    }
}

#[test]
fn chrome_is_dropped_from_the_section_page() {
    let page = page_text(&fixture("section-page.html"));
    for chrome in [
        "Cookies on our website",
        "Skip to main content",
        "Find and compare services",
        "Search CQC",
        "Local authority assessments",
        "Home",
        "Contact us",
        "© Care Quality Commission",
        "not text",
        "Safeguarding - Kellbrook",
    ] {
        assert!(!page.text().contains(chrome), "{chrome:?} was kept");
    }
}

// ---------------------------------------------------------------- malformed and hostile

#[test]
fn malformed_html_loses_no_visible_text() {
    // Unclosed paragraphs and inline elements, stray end tags, a stray `<` and bare `&`.
    assert_eq!(
        text("</div></span><p>one<p>two <b>bold<p>three</b> & four < five <6 >seven"),
        "one\ntwo bold\nthree & four < five <6 >seven"
    );
    // A block closes an open paragraph; a `</p>` without a `<p>` still ends the line.
    assert_eq!(
        text("<p>para<div>block</div>tail</p>end"),
        "para\nblock\ntail\nend"
    );
    // List items and cells outside lists and tables.
    assert_eq!(
        text("<li>loose</li><td>cell</td><td>cell 2</td>"),
        "- loose\ncell | cell 2"
    );
    // Text straight after an unclosed `<head>` belongs to the body.
    assert_eq!(
        text("<head><title>T</title>Visible<p>next"),
        "Visible\nnext"
    );
    // An attribute without a value, quotes left open at the end.
    assert_eq!(text("<p hidden>no</p><p>yes</p><p class=\"x>lost"), "yes");
    // A tag cut off by the end of the input is not text (as in a browser).
    assert_eq!(text("<p>cut <a href=\"x"), "cut");
    // An unclosed comment or script swallows the rest (as in a browser).
    assert_eq!(text("<p>a</p><!-- open comment <p>b</p>"), "a");
    assert_eq!(text("<p>a</p><script>if (x < 1) { <p>b</p>"), "a");
    // A self-closing svg closes at once; its text is dropped and the paragraph goes on.
    assert_eq!(text("<p>icon<svg/>after</p>"), "iconafter");
    // A NUL in text is kept as written.
    assert_eq!(text("<p>a\0b</p>"), "a\0b");
}

#[test]
fn deep_nesting_and_many_stray_tags_finish() {
    let n = 100_000;
    let html = format!(
        "{}<p>deep text</p>{}{}<p>after</p>",
        "<div>".repeat(n),
        "</span>".repeat(n),
        "</div>".repeat(n)
    );
    assert_eq!(text(&html), "deep text\nafter");
    // Deeper than the stack keeps: the text is still there.
    let html = format!("{}text{}", "<b>".repeat(n), "</b>".repeat(n));
    assert_eq!(text(&html), "text");
    // Past the depth limit a hidden element is still hidden, and what follows it is kept.
    let html = format!("{}<span hidden>x<b>y</b></span>z", "<div>".repeat(600));
    assert_eq!(text(&html), "z");
}

#[test]
fn a_big_single_line_page_converts() {
    let one = fixture("minified-page.html");
    let copies = (2 * 1024 * 1024) / one.len() + 1;
    let html = one.repeat(copies);
    let page = page_text(&html);
    // Every copy's main is read.
    assert_eq!(
        page.text()
            .matches("Wexcombe Council: local authority assessment")
            .count(),
        copies
    );
    assert!(page.text().len() < html.len());
    let last = "should be.";
    assert_eq!(
        page.source_offset(page.text().len()),
        html.rfind(last).unwrap() + last.len()
    );
}

// ---------------------------------------------------------------- sniffing

#[test]
fn html_is_told_from_copied_text() {
    for html in [
        "<!DOCTYPE html>\n<html>",
        "<!doctype HTML>",
        "\u{feff}  \n<html lang=\"en\">",
        "<HTML>",
        "<head>",
        "<body class=x>",
        "<meta charset=\"utf-8\">",
        "<!-- saved from url=(0060)https://example.org -->\n<html>",
        "<title>Report</title>",
        "<html/>",
    ] {
        assert!(looks_like_html(html), "{html:?}");
    }
    for text in [
        "",
        "   ",
        "Kellbrook Borough Council: local authority assessment\n<html>",
        "<htmlx>",
        "< html>",
        "<p>a paragraph</p>",
        "<!DOCTYPE xml>",
        "\u{feff}Safeguarding\nScore: 3",
    ] {
        assert!(!looks_like_html(text), "{text:?}");
    }
    assert!(looks_like_html(&fixture("section-page.html")));
    assert!(!looks_like_html(&fixture("section-page.txt")));
}

// ---------------------------------------------------------------- properties

/// Checks the map's promises on one input.
fn check_map(html: &str) -> Result<(), TestCaseError> {
    let page = page_text(html);
    let text = page.text();
    let mut previous = 0;
    for i in 0..=text.len() + 1 {
        let at = page.source_offset(i);
        prop_assert!(at >= previous, "offset {i} maps back: {at} < {previous}");
        prop_assert!(at <= html.len(), "offset {i} maps past the input: {at}");
        previous = at;
    }
    // A letter or digit maps to itself, to the `&` of the character reference it came from,
    // or (where the tokenizer split a character after a bare `&`) into that character.
    for (i, t) in text.bytes().enumerate() {
        if t.is_ascii_alphanumeric() {
            let h = html.as_bytes()[page.source_offset(i)];
            prop_assert!(
                h == t || h == b'&' || !h.is_ascii(),
                "text byte {i} {:?} maps to {:?}",
                t as char,
                h as char
            );
        }
    }
    for (i, _) in text.char_indices() {
        let end = text[i..].chars().next().map_or(i, |c| i + c.len_utf8());
        let span = page.source_span(Span::new(i, end));
        prop_assert!(span.start <= span.end && span.end <= html.len());
        prop_assert!(html.is_char_boundary(span.start) && html.is_char_boundary(span.end));
    }
    let space = |c: char| c.is_ascii_whitespace();
    prop_assert!(!text.starts_with(space) && !text.ends_with(space));
    prop_assert!(!text.contains("\n\n") && !text.contains(" \n") && !text.contains("\n "));
    Ok(())
}

/// Bits of HTML to build pages from: tags the rules know, text, entities, broken syntax.
fn html_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ,.’é\u{a0}]{1,12}",
        Just("\n  ".to_owned()),
        prop::sample::select(vec![
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<li>",
            "</li>",
            "<ul>",
            "</ul>",
            "<br>",
            "<h2>",
            "</h2>",
            "<main>",
            "</main>",
            "<nav>",
            "</nav>",
            "<span hidden>",
            "</span>",
            "<b>",
            "</b>",
            "<table>",
            "<tr>",
            "<td>",
            "</td>",
            "</table>",
            "<pre>",
            "</pre>",
            "<script>",
            "</script>",
            "<style>",
            "</style>",
            "<svg/>",
            "<svg>",
            "</svg>",
            "<head>",
            "</head>",
            "<title>",
            "</title>",
            "<!--",
            "-->",
            "<",
            ">",
            "&",
            "&amp;",
            "&nbsp;",
            "&#8217;",
            "&#x;",
            "&rsquo",
            "</",
            "<!DOCTYPE html>",
            "\r\n",
            "\0",
            "<div class=\"cookie\">",
            "<header>",
            "</header>",
            "<h1>",
            "</h1>",
            "<textarea>",
            "<plaintext>",
            "<a href=\"x\">",
            "</a>",
            "<p class='x",
            "=\"",
        ])
        .prop_map(str::to_owned),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_input_converts_and_maps_into_it(html in "\\PC{0,200}") {
        check_map(&html)?;
    }

    #[test]
    fn html_like_input_converts_and_maps_into_it(pieces in prop::collection::vec(html_piece(), 0..60)) {
        check_map(&pieces.concat())?;
    }

    /// Text without markup is its words, each byte mapped to itself.
    #[test]
    fn plain_text_is_its_words(input in "[a-z’é.,\u{a0} \t\n]{0,80}") {
        let page = page_text(&input);
        let words: Vec<&str> = input.split_whitespace().collect();
        prop_assert_eq!(page.text(), words.join(" "));
        for (i, b) in page.text().bytes().enumerate() {
            if b != b' ' {
                prop_assert_eq!(input.as_bytes()[page.source_offset(i)], b);
            }
        }
    }
}
