//! Cutting the input into lines and classifying each line once.
//!
//! Classification looks at one line at a time (normalised); what a line means in its place
//! (a statement title as a list entry or a section heading, a short line as a subheading) is
//! the assembler's business.

use std::borrow::Cow;

use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while1};
use nom::character::complete::{char, digit1, space0, space1};
use nom::combinator::{all_consuming, opt, rest};
use nom::sequence::{preceded, terminated};

use super::names::{rating_from_key, score_from_descriptor, statement_from_key};
use crate::model::{Date, QualityStatement, Rating, Score, Span};
use crate::text::grammar::{self, PResult};
use crate::text::key::{MAX_TITLE_TEXT, short_title_key, title_key};
use crate::text::normalize;
use crate::text::search::{contains_ignore_case, ends_with_ignore_case, starts_with_ignore_case};

/// One non-blank input line.
#[derive(Debug)]
pub(crate) struct Line<'a> {
    /// The content without indentation, bullet marker is NOT removed here.
    pub text: &'a str,
    /// The span of `text` in the input.
    pub span: Span,
    /// Whether the line started with whitespace.
    pub indented: bool,
    /// What the line is.
    pub kind: Kind<'a>,
}

/// A number on a score line: kept as text when it does not fit a byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScoreValue<'a> {
    pub value: Option<u32>,
    pub text: &'a str,
    pub indicative: bool,
}

impl ScoreValue<'_> {
    pub(crate) fn score(&self) -> Option<Score> {
        self.value
            .and_then(|v| u8::try_from(v).ok())
            .and_then(Score::new)
    }
}

/// What a line is, read from the line alone.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind<'a> {
    /// `<Authority>: local authority assessment`.
    Header(String),
    /// `<Authority> assessment` (a 2023 pilot report), only meaningful at the top.
    PilotHeader(String),
    /// A line holding `published: <date>`; `before`/`after` are other text on the line.
    Published {
        date: Option<Date>,
        before: Option<Span>,
        after: Option<Span>,
    },
    /// `Assessment start date: <date>`.
    AssessmentStart(Option<Date>),
    /// Page furniture.
    Navigation,
    /// `© Care Quality Commission`.
    Footer,
    /// `About <authority>`.
    About(String),
    Demographics,
    FinancialFacts,
    OverallSummary,
    RatingHeading,
    ScoresHeading,
    Experiences,
    Strengths,
    /// `Theme N: title`; `number` may be outside 1-4.
    Theme {
        number: u32,
        title: Span,
    },
    ThemeIncludes,
    ThemeNote,
    /// A quality statement title, maybe as a bullet, maybe with its score on the same line.
    Statement {
        statement: QualityStatement,
        bullet: bool,
        score: Option<ScoreValue<'a>>,
    },
    /// `Score: N` / `Score N`.
    Score(ScoreValue<'a>),
    /// `N - [Rating:] Evidence shows ...`.
    Descriptor {
        number: u32,
        rating: Option<Rating>,
        phrase: Option<Score>,
    },
    Expectations,
    Commitment,
    KeyFindings,
    /// A rating word on its own, or `Rating: X`, `Indicative rating: X`.
    Rating {
        rating: Rating,
        indicative: bool,
    },
    /// `<Authority> scored 78 out of 100 overall`.
    ScoredOutOf(u32),
    /// A bullet (`- `, `• `, `* `); `body` is the span after the marker.
    Bullet {
        body: Span,
    },
    /// Anything else.
    Prose,
}

impl Kind<'_> {
    /// Lines that belong to a statement section's head.
    pub(crate) fn is_section_part(&self) -> bool {
        matches!(
            self,
            Kind::Score(_)
                | Kind::Descriptor { .. }
                | Kind::Expectations
                | Kind::Commitment
                | Kind::KeyFindings
        )
    }
}

/// Iterates the non-blank lines of `input` with their spans, skipping a leading BOM. Also
/// records the start offset of every line (blank or not) for line/column lookups.
pub(crate) fn split<'a>(input: &'a str, line_starts: &mut Vec<usize>) -> Vec<Line<'a>> {
    let mut lines = Vec::with_capacity(input.len() / 64 + 1);
    let mut offset = 0;
    // Line ends found with memchr (the same lines as `split_inclusive('\n')`).
    let mut ends = memchr::memchr_iter(b'\n', input.as_bytes());
    while offset < input.len() {
        let end = ends.next().map_or(input.len(), |i| i + 1);
        // '\n' is ASCII, so both ends are character boundaries.
        let raw = input.get(offset..end).unwrap_or("");
        line_starts.push(offset);
        let start = offset;
        offset += raw.len();
        let mut content_start = start;
        let mut body = raw;
        if start == 0 {
            if let Some(rest) = body.strip_prefix('\u{FEFF}') {
                content_start += 3;
                body = rest;
            }
        }
        let trimmed_start = body.trim_start();
        let indented = trimmed_start.len() != body.len();
        content_start += body.len() - trimmed_start.len();
        let text = trimmed_start.trim_end();
        if text.is_empty() {
            continue;
        }
        let span = Span::new(content_start, content_start + text.len());
        lines.push(Line {
            text,
            span,
            indented,
            kind: classify(text, span),
        });
    }
    if input.is_empty() {
        line_starts.push(0);
    }
    lines
}

/// Longest line that can be a heading or a structural line; longer lines are prose.
const MAX_STRUCTURAL: usize = 300;

/// Longest (normalised) line matched against the fixed headings and `About <authority>`.
const MAX_HEADING: usize = 120;

/// Classifies one trimmed line.
pub(crate) fn classify(text: &str, span: Span) -> Kind<'_> {
    if text.len() > MAX_STRUCTURAL {
        return bullet_or_prose(text, span);
    }
    let norm = normalize(text);
    let norm: &str = &norm;
    // Headings ("Financial facts", "About <authority>"), ratings and statement titles are
    // matched by the line's key: short lines get one, computed once.
    let mut buf = [0; MAX_TITLE_TEXT];
    let line_key = (norm.len() <= MAX_TITLE_TEXT).then(|| short_title_key(norm, &mut buf));
    let key = line_key
        .as_deref()
        .filter(|_| norm.len() <= MAX_HEADING)
        .unwrap_or("");

    // A line ending in "local authority assessment" is the header, whatever its name looks
    // like (`Theme 0`, `published`): the header is written back as `<name>: local authority
    // assessment`, which must read as the header again.
    if let Some(kind) = local_authority_header(norm) {
        return kind;
    }
    if let Some(kind) = fixed_heading(key, norm) {
        return kind;
    }
    if let Some(kind) = published_line(text, norm, span) {
        return kind;
    }
    if let Ok((_, value)) = all_consuming(score_line).parse(norm) {
        return Kind::Score(borrow_score(&value, text));
    }
    if let Ok((_, (number, rating, phrase))) = all_consuming(descriptor).parse(norm) {
        return Kind::Descriptor {
            number,
            rating,
            phrase,
        };
    }
    if let Ok((_, (number, _title))) = theme_heading(norm) {
        let offset = title_offset(text);
        return Kind::Theme {
            number,
            title: Span::new(span.start + offset, span.end),
        };
    }
    if let Some(kind) = rating_line(norm, line_key.as_deref()) {
        return kind;
    }
    if let Some(kind) = statement_line(text, norm, line_key.as_deref()) {
        return kind;
    }
    if let Some(n) = scored_out_of(norm) {
        return Kind::ScoredOutOf(n);
    }
    if let Some(authority) = key_suffix(norm, key, "about ") {
        return Kind::About(authority);
    }
    if let Some(authority) = pilot_header(norm) {
        return authority;
    }
    bullet_or_prose(text, span)
}

/// Whether `marker` followed by `text`, written as a line of its own, is a bullet or running
/// text. Constant time for lines too long to be structural, so checking a growing line is
/// linear overall.
pub(crate) fn reads_as_text(marker: &str, text: &str) -> bool {
    if marker.len() + text.len() > MAX_STRUCTURAL {
        return true;
    }
    let line = format!("{marker}{text}");
    matches!(
        classify(&line, Span::new(0, line.len())),
        Kind::Bullet { .. } | Kind::Prose
    )
}

/// The score value parsed from the normalised line, re-borrowed from the original text.
fn borrow_score<'a>(value: &ScoreValue<'_>, original: &'a str) -> ScoreValue<'a> {
    let text = original
        .find(value.text)
        .map_or(original, |i| &original[i..i + value.text.len()]);
    ScoreValue {
        value: value.value,
        text,
        indicative: value.indicative,
    }
}

/// Byte offset of a theme heading's title in the original line (after `Theme N:`).
fn title_offset(text: &str) -> usize {
    text.find([':', '.', '-', '\u{2013}', '\u{2014}'])
        .map_or(0, |i| {
            let after = &text[i..];
            let sep_len = after.chars().next().map_or(1, char::len_utf8);
            let rest = &after[sep_len..];
            i + sep_len + (rest.len() - rest.trim_start().len())
        })
}

fn fixed_heading(key: &str, norm: &str) -> Option<Kind<'static>> {
    Some(match key {
        "demographics" => Kind::Demographics,
        "financial facts" => Kind::FinancialFacts,
        "overall summary" => Kind::OverallSummary,
        "local authority rating and score" | "local authority rating" => Kind::RatingHeading,
        "quality statement scores" => Kind::ScoresHeading,
        "summary of peoples experiences" | "summary of peoples experience" => Kind::Experiences,
        "summary of strengths areas for development and next steps" => Kind::Strengths,
        "this theme includes these quality statements" => Kind::ThemeIncludes,
        "we may not always review all quality statements during every assessment" => {
            Kind::ThemeNote
        }
        "what people expect" => Kind::Expectations,
        "the local authority commitment" => Kind::Commitment,
        "key findings for this quality statement" | "key findings" => Kind::KeyFindings,
        "downloads"
        | "download"
        | "how we assess local authorities"
        | "back to top"
        | "print this page"
        | "share this page"
        | "download report"
        | "download this report"
        | "contents"
        | "on this page" => Kind::Navigation,
        "care quality commission" if norm.starts_with(['©', '(']) => Kind::Footer,
        _ if key.starts_with("page last updated") || key.starts_with("last updated") => {
            Kind::Navigation
        }
        _ if norm.starts_with('©') || starts_with_ignore_case(norm, "(c) care quality") => {
            Kind::Footer
        }
        _ => return None,
    })
}

/// `published: <date>` anywhere on a short line, or `Assessment start date: <date>`.
fn published_line<'a>(text: &str, norm: &str, span: Span) -> Option<Kind<'a>> {
    if !contains_ignore_case(norm, "published")
        && !starts_with_ignore_case(norm, "assessment start date")
    {
        return None;
    }
    let lower = norm.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("assessment start date") {
        let rest = rest.trim_start_matches([':', ' ']);
        return Some(Kind::AssessmentStart(grammar::report_date(rest)));
    }
    let at = lower.find("published")?;
    let after = lower[at + "published".len()..].trim_start();
    let after = after.strip_prefix(':')?.trim_start();
    let date_len = date_prefix_len(after);
    let date = date_len.and_then(|n| grammar::report_date(&norm[norm.len() - after.len()..][..n]));
    // Other text on the line, located in the original text.
    let lower_text = text.to_ascii_lowercase();
    let label_at = lower_text
        .find("assessment published")
        .or_else(|| lower_text.find("published"))
        .unwrap_or(0);
    let before = text[..label_at].trim_end();
    // What normalisation drops (a stray byte order mark, markdown `**`) is no text.
    let before = if normalize(before).is_empty() {
        ""
    } else {
        before
    };
    // Other text on a published line is page furniture ("Downloads Assessment published: ...");
    // a line with any other text around the label is prose that mentions publication.
    if !before.is_empty() && !is_navigation(before) {
        return None;
    }
    let before = (!before.is_empty()).then(|| Span::new(span.start, span.start + before.len()));
    let after_span = date.and_then(|d| {
        let year = d.year().to_string();
        let year_at = lower_text[label_at..].find(&year)? + label_at + year.len();
        let tail = &text[year_at..];
        let trimmed = tail.trim_start_matches(['.', ',', ';']).trim();
        (!normalize(trimmed).is_empty()).then(|| {
            let start = year_at
                + (tail.len() - tail.trim_start_matches(['.', ',', ';']).trim_start().len());
            Span::new(span.start + start, span.start + start + trimmed.len())
        })
    });
    if after_span.is_some_and(|s| !is_navigation(&text[s.start - span.start..s.end - span.start])) {
        return None;
    }
    Some(Kind::Published {
        date,
        before,
        after: after_span,
    })
}

/// Whether `text` alone is a navigation line ("Downloads", "Share this page"): the test
/// [`classify`] makes, limits included, so that the text split off a published line reads as
/// navigation again on a line of its own.
fn is_navigation(text: &str) -> bool {
    if text.len() > MAX_STRUCTURAL {
        return false;
    }
    let norm = normalize(text);
    norm.len() <= MAX_HEADING
        && matches!(
            fixed_heading(&title_key(&norm), &norm),
            Some(Kind::Navigation)
        )
}

/// Length of a leading `d Month yyyy` in `s`, if there is one.
fn date_prefix_len(s: &str) -> Option<usize> {
    match grammar::date(s) {
        Ok((rest, _)) => Some(s.len() - rest.len()),
        Err(_) => None,
    }
}

/// `Score: 3`, `Score 3`, `Indicative score: 3`, `Score: 75`, `Score: 56%`, `Score: 3 out of 4`.
/// Grammar: `("indicative" space1)? "score" space0 ":"? space0 digits "%"? (space0 ("out of" | "/") space0 digits)? "."?`.
fn score_line(input: &str) -> PResult<'_, ScoreValue<'_>> {
    let (input, indicative) = opt(terminated(tag_no_case("indicative"), space1)).parse(input)?;
    let (input, _) = (tag_no_case("score"), space0, opt(char(':')), space0).parse(input)?;
    let (input, digits) = digit1(input)?;
    let (input, _) = opt(char('%')).parse(input)?;
    let (input, _) = opt((
        space0,
        alt((tag_no_case("out of"), tag("/"))),
        space0,
        digit1,
    ))
    .parse(input)?;
    let (input, _) = opt(char('.')).parse(input)?;
    Ok((
        input,
        ScoreValue {
            value: digits.parse().ok(),
            text: digits,
            indicative: indicative.is_some(),
        },
    ))
}

/// `3 - Evidence shows a good standard`, `1 - Inadequate: Evidence shows significant
/// shortfalls` (dashes already normalised).
/// Grammar: `digits space0 "-" space0 (words ":" space0)? "evidence shows" rest`.
fn descriptor(input: &str) -> PResult<'_, (u32, Option<Rating>, Option<Score>)> {
    let (input, digits) = digit1(input)?;
    let (input, _) = (space0, char('-'), space0).parse(input)?;
    let (input, word) = opt(terminated(
        take_while1(|c: char| c.is_alphabetic() || c == ' '),
        (char(':'), space0),
    ))
    .parse(input)?;
    let (input, phrase) = preceded(
        (
            tag_no_case("evidence"),
            space1,
            tag_no_case("shows"),
            space1,
        ),
        rest,
    )
    .parse(input)?;
    let number = digits.parse().unwrap_or(u32::MAX);
    Ok((
        input,
        (
            number,
            word.and_then(Rating::from_word),
            score_from_descriptor(phrase),
        ),
    ))
}

/// `Theme 1: How X works with people`.
/// Grammar: `"theme" space1 digits space0 (":" | "." | "-") space0 rest`.
fn theme_heading(input: &str) -> PResult<'_, (u32, &str)> {
    let (input, (_, _, digits, _, _, _, title)) = (
        tag_no_case("theme"),
        space1,
        digit1,
        space0,
        alt((char(':'), char('.'), char('-'))),
        space0,
        rest,
    )
        .parse(input)?;
    Ok((input, (digits.parse().unwrap_or(u32::MAX), title)))
}

/// A rating word alone, or `Rating: X`, `Overall rating: X`, `Indicative rating: X`.
/// `key` is the line's title key, when it has one.
fn rating_line(norm: &str, key: Option<&str>) -> Option<Kind<'static>> {
    let trimmed = norm.trim_end_matches(['.', ':']);
    // Full stops and colons are no part of a key: the line's key is the trimmed line's.
    let whole = match key {
        Some(key) if trimmed.len() <= 64 => rating_from_key(key.as_bytes()),
        _ => Rating::from_word(trimmed),
    };
    if let Some(rating) = whole {
        return Some(Kind::Rating {
            rating,
            indicative: false,
        });
    }
    let (label, value) = trimmed.split_once(':')?;
    let label = title_key(label);
    let indicative = label.contains("indicative");
    if !matches!(
        label.as_str(),
        "rating"
            | "overall rating"
            | "indicative rating"
            | "overall indicative rating"
            | "local authority rating"
    ) {
        return None;
    }
    let value = value.trim();
    let (value, paren_indicative) = match value.strip_suffix("(indicative)") {
        Some(v) => (v.trim(), true),
        None => (value, false),
    };
    Rating::from_word(value).map(|rating| Kind::Rating {
        rating,
        indicative: indicative || paren_indicative,
    })
}

/// A quality statement title, as a plain line or a bullet, maybe followed by its score
/// (`- Assessing needs: Score 3`, `Assessing needs - Score: 3`).
/// `key` is the line's title key, when it has one.
fn statement_line<'a>(text: &'a str, norm: &str, key: Option<&str>) -> Option<Kind<'a>> {
    let (bullet, body) = strip_bullet(norm);
    // A bullet marker is no part of a key: the line's key is the body's.
    let whole = match key {
        Some(key) => statement_from_key(key.as_bytes()),
        None => QualityStatement::from_title(body),
    };
    if let Some(statement) = whole {
        return Some(Kind::Statement {
            statement,
            bullet,
            score: None,
        });
    }
    if !contains_ignore_case(body, "score") {
        return None;
    }
    let lower = body.to_ascii_lowercase();
    let at = lower.rfind("score")?;
    let title = body[..at].trim_end_matches([' ', ':', '-', '(', ',']);
    let statement = QualityStatement::from_title(title)?;
    let (rest, value) = score_line(&body[at..]).ok()?;
    if !rest.trim_end_matches([')', '.']).trim().is_empty() {
        return None;
    }
    Some(Kind::Statement {
        statement,
        bullet,
        score: Some(borrow_score(&value, text)),
    })
}

/// Splits a bullet marker off a (normalised) line.
pub(crate) fn strip_bullet(norm: &str) -> (bool, &str) {
    for marker in ["- ", "• ", "* ", "· ", "▪ "] {
        if let Some(rest) = norm.strip_prefix(marker) {
            return (true, rest.trim_start());
        }
    }
    (false, norm)
}

/// `<Authority> scored 78 out of 100 overall`.
fn scored_out_of(norm: &str) -> Option<u32> {
    if let Some(n) = overall_rating_for(norm) {
        return Some(n);
    }
    if !contains_ignore_case(norm, " scored ") {
        return None;
    }
    let lower = norm.to_ascii_lowercase();
    let at = lower.find(" scored ")?;
    let after = &lower[at + " scored ".len()..];
    let (after, digits) = digit1::<_, nom::error::Error<&str>>(after).ok()?;
    let after = after.trim_start();
    after.strip_prefix("out of 100")?;
    digits.parse().ok()
}

/// `Overall rating for <Authority>: 75%` (also `Overall score for ...`): the overall score out
/// of 100.
fn overall_rating_for(norm: &str) -> Option<u32> {
    let lower = norm.to_ascii_lowercase();
    if !(lower.starts_with("overall rating for ") || lower.starts_with("overall score for ")) {
        return None;
    }
    let (_, value) = lower.rsplit_once(':')?;
    let value = value.trim();
    let digits = value.strip_suffix('%').unwrap_or(value).trim_end();
    (!digits.is_empty() && digits.len() <= 3 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// `About <name>`: the name, if the line is short and heading-like.
fn key_suffix(norm: &str, key: &str, prefix: &str) -> Option<String> {
    if !key.starts_with(prefix) || norm.len() > 120 || norm.ends_with(['.', ':', ';', ',']) {
        return None;
    }
    let name = norm.get(prefix.len()..)?.trim();
    (!name.is_empty() && name.split_whitespace().count() <= 12).then(|| name.to_owned())
}

/// `<Authority>: local authority assessment`.
fn local_authority_header(norm: &str) -> Option<Kind<'static>> {
    let name_len = norm
        .len()
        .checked_sub("local authority assessment".len())
        .filter(|_| ends_with_ignore_case(norm, "local authority assessment"))?;
    // All separators and spaces: `X: : local authority assessment` names `X`, as its
    // rendering `X:: local authority assessment` does.
    let name = norm
        .get(..name_len)?
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | ','));
    (!name.is_empty() && name.len() <= 120).then(|| Kind::Header(name.to_owned()))
}

/// A pilot's `<Authority> assessment` (a line that is not the usual header, see
/// [`local_authority_header`]).
fn pilot_header(norm: &str) -> Option<Kind<'static>> {
    if !ends_with_ignore_case(norm, " assessment") {
        return None;
    }
    let lower = norm.to_ascii_lowercase();
    if let Some(name) = lower.strip_suffix(" assessment") {
        let name = norm[..name.len()]
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-'));
        let words = name.split_whitespace().count();
        if (1..=10).contains(&words)
            && name.starts_with(|c: char| c.is_uppercase())
            && !name.contains(['.', ',', ';', '%', '('])
        {
            return Some(Kind::PilotHeader(name.to_owned()));
        }
    }
    None
}

fn bullet_or_prose(text: &str, span: Span) -> Kind<'static> {
    for marker in ["- ", "• ", "* ", "· ", "▪ ", "\u{2013} ", "\u{2014} "] {
        if let Some(rest) = text.strip_prefix(marker) {
            let body = rest.trim_start();
            if body.is_empty() {
                break;
            }
            return Kind::Bullet {
                body: Span::new(span.end.saturating_sub(body.len()), span.end),
            };
        }
    }
    Kind::Prose
}

/// Whether a line's text could be a subheading: short, no sentence punctuation at the end,
/// starting with a capital or digit.
pub(crate) fn subheading_like(text: &str) -> bool {
    // Most lines are sentences: decide those without normalising (a trimmed line's last
    // character survives normalisation unless it is `*` or whitespace).
    if text.ends_with(['.', '!', '?', ':', ';', ',']) {
        return false;
    }
    let norm: Cow<'_, str> = normalize(text);
    norm.len() <= 120
        && norm.split_whitespace().count() <= 18
        && !norm.ends_with(['.', '!', '?', ':', ';', ','])
        && norm
            .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '\'' || c == '"')
        && !norm.contains('%')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Kind<'_> {
        classify(s, Span::new(0, s.len()))
    }

    #[test]
    fn headers() {
        assert_eq!(
            kind("London Borough of Camden: local authority assessment"),
            Kind::Header("London Borough of Camden".into())
        );
        assert_eq!(
            kind("Lindale County Council assessment"),
            Kind::PilotHeader("Lindale County Council".into())
        );
        assert_eq!(kind("How we assess local authorities"), Kind::Navigation);
        assert_eq!(kind("Page last updated: 12 August 2025"), Kind::Navigation);
        assert_eq!(kind("© Care Quality Commission"), Kind::Footer);
    }

    #[test]
    fn published_lines() {
        let d = Date::new(2025, 2, 28);
        assert_eq!(
            kind("Assessment published: 28 February 2025"),
            Kind::Published {
                date: d,
                before: None,
                after: None
            }
        );
        assert_eq!(
            kind("Published: 17 May 2024"),
            Kind::Published {
                date: Date::new(2024, 5, 17),
                before: None,
                after: None
            }
        );
        let line = "Downloads Assessment published: 3 July 2024 Share this page";
        assert_eq!(
            kind(line),
            Kind::Published {
                date: Date::new(2024, 7, 3),
                before: Some(Span::new(0, 9)),
                after: Some(Span::new(44, 59))
            }
        );
        // Text around the label that is not page furniture: a sentence, not the date line.
        assert_eq!(kind("Key findings published: 3 July 2024"), Kind::Prose);
        assert_eq!(kind("Published: 3 July 2024 and revised"), Kind::Prose);
        assert_eq!(
            kind("Assessment start date: 6 March 2023"),
            Kind::AssessmentStart(Date::new(2023, 3, 6))
        );
    }

    #[test]
    fn scores_and_descriptors() {
        let s = |v: u32, t: &'static str| {
            Kind::Score(ScoreValue {
                value: Some(v),
                text: t,
                indicative: false,
            })
        };
        assert_eq!(kind("Score: 3"), s(3, "3"));
        assert_eq!(kind("Score 3"), s(3, "3"));
        assert_eq!(kind("Score: 75"), s(75, "75"));
        assert_eq!(kind("**Score: 4**"), s(4, "4"));
        assert_eq!(
            kind("3 - Evidence shows a good standard"),
            Kind::Descriptor {
                number: 3,
                rating: None,
                phrase: Score::new(3)
            }
        );
        assert_eq!(
            kind("1 - Inadequate: Evidence shows significant shortfalls"),
            Kind::Descriptor {
                number: 1,
                rating: Some(Rating::Inadequate),
                phrase: Score::new(1)
            }
        );
        assert_eq!(
            kind("2\u{2013} Evidence shows some shortfalls"),
            Kind::Descriptor {
                number: 2,
                rating: None,
                phrase: Score::new(2)
            }
        );
        assert_eq!(
            kind("4 \u{2014}Evidence shows an exceptional standard"),
            Kind::Descriptor {
                number: 4,
                rating: None,
                phrase: Score::new(4)
            }
        );
    }

    #[test]
    fn statements_and_lists() {
        use QualityStatement as Q;
        assert_eq!(
            kind("Supporting people to lead healthier lives"),
            Kind::Statement {
                statement: Q::SupportingHealthierLives,
                bullet: false,
                score: None
            }
        );
        assert_eq!(
            kind("• Safeguarding"),
            Kind::Statement {
                statement: Q::Safeguarding,
                bullet: true,
                score: None
            }
        );
        assert_eq!(
            kind("- Assessing needs: Score 3"),
            Kind::Statement {
                statement: Q::AssessingNeeds,
                bullet: true,
                score: Some(ScoreValue {
                    value: Some(3),
                    text: "3",
                    indicative: false
                })
            }
        );
        assert_eq!(
            kind("Theme 2: Providing support"),
            Kind::Theme {
                number: 2,
                title: Span::new(9, 26)
            }
        );
        assert_eq!(
            kind("Good"),
            Kind::Rating {
                rating: Rating::Good,
                indicative: false
            }
        );
        assert_eq!(
            kind("Indicative rating: Requires improvement"),
            Kind::Rating {
                rating: Rating::RequiresImprovement,
                indicative: true
            }
        );
        assert_eq!(
            kind("Camden scored 78 out of 100 overall"),
            Kind::ScoredOutOf(78)
        );
        assert_eq!(
            kind("About London Borough of Camden"),
            Kind::About("London Borough of Camden".into())
        );
        assert_eq!(
            kind("- The budget was £5."),
            Kind::Bullet {
                body: Span::new(2, 21)
            }
        );
        assert_eq!(kind("Safeguarding was good."), Kind::Prose);
    }

    #[test]
    fn subheadings() {
        assert!(subheading_like(
            "Timeliness of assessments, care planning and reviews"
        ));
        assert!(!subheading_like("There were no waits."));
        assert!(!subheading_like("the rest of a cut line"));
    }
}
