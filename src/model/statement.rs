//! The assessment framework: four themes and nine quality statements.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

/// The longest text [`QualityStatement::from_title`] reads as a title: room for the longest
/// title (45 characters) with markdown, bullets, curly quotes and spacing around it.
pub(crate) const MAX_TITLE_TEXT: usize = 160;

/// One of the four themes of CQC's local authority assessment framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Theme {
    /// Theme 1: working with people.
    WorkingWithPeople,
    /// Theme 2: providing support.
    ProvidingSupport,
    /// Theme 3: ensuring safety within the system.
    EnsuringSafety,
    /// Theme 4: leadership.
    Leadership,
}

impl Theme {
    /// All four themes in framework order.
    pub const ALL: [Theme; 4] = [
        Theme::WorkingWithPeople,
        Theme::ProvidingSupport,
        Theme::EnsuringSafety,
        Theme::Leadership,
    ];

    /// The theme's number, 1 to 4.
    #[must_use]
    pub const fn number(self) -> u8 {
        self as u8 + 1
    }

    /// The theme with this number (1 to 4).
    #[must_use]
    pub const fn from_number(number: u8) -> Option<Theme> {
        match number {
            1 => Some(Theme::WorkingWithPeople),
            2 => Some(Theme::ProvidingSupport),
            3 => Some(Theme::EnsuringSafety),
            4 => Some(Theme::Leadership),
            _ => None,
        }
    }

    /// The framework name, e.g. `"Working with people"`.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Theme::WorkingWithPeople => "Working with people",
            Theme::ProvidingSupport => "Providing support",
            Theme::EnsuringSafety => "Ensuring safety within the system",
            Theme::Leadership => "Leadership",
        }
    }

    /// The stable snake_case id used in JSON, e.g. `"working_with_people"`.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Theme::WorkingWithPeople => "working_with_people",
            Theme::ProvidingSupport => "providing_support",
            Theme::EnsuringSafety => "ensuring_safety",
            Theme::Leadership => "leadership",
        }
    }

    /// The quality statements under this theme, in framework order.
    #[must_use]
    pub fn statements(self) -> &'static [QualityStatement] {
        use QualityStatement as Q;
        match self {
            Theme::WorkingWithPeople => &[
                Q::AssessingNeeds,
                Q::SupportingHealthierLives,
                Q::EquityInExperienceAndOutcomes,
            ],
            Theme::ProvidingSupport => &[
                Q::CareProvisionIntegrationAndContinuity,
                Q::PartnershipsAndCommunities,
            ],
            Theme::EnsuringSafety => &[Q::SafePathwaysSystemsAndTransitions, Q::Safeguarding],
            Theme::Leadership => &[
                Q::GovernanceManagementAndSustainability,
                Q::LearningImprovementAndInnovation,
            ],
        }
    }

    /// The heading a report prints for this theme, given the authority's name, e.g.
    /// `"How Camden works with people"`.
    #[must_use]
    pub fn report_title(self, authority: &str) -> String {
        match self {
            Theme::WorkingWithPeople => format!("How {authority} works with people"),
            Theme::ProvidingSupport => "Providing support".to_owned(),
            Theme::EnsuringSafety => format!("How {authority} ensures safety within the system"),
            Theme::Leadership => "Leadership".to_owned(),
        }
    }
}

impl fmt::Display for Theme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// One of the nine quality statements. Each is scored 1 to 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum QualityStatement {
    /// Assessing needs.
    AssessingNeeds,
    /// Supporting people to live healthier lives.
    SupportingHealthierLives,
    /// Equity in experience and outcomes.
    EquityInExperienceAndOutcomes,
    /// Care provision, integration and continuity.
    CareProvisionIntegrationAndContinuity,
    /// Partnerships and communities.
    PartnershipsAndCommunities,
    /// Safe pathways, systems and transitions (the framework calls it "Safe systems, pathways
    /// and transitions").
    SafePathwaysSystemsAndTransitions,
    /// Safeguarding.
    Safeguarding,
    /// Governance, management and sustainability.
    GovernanceManagementAndSustainability,
    /// Learning, improvement and innovation.
    LearningImprovementAndInnovation,
}

/// Spellings of quality statement titles seen in reports and third-party text, as matching keys
/// (see [`title_key`]). Canonical titles are matched too.
const ALIASES: &[(&str, QualityStatement)] = &[
    (
        "supporting people to lead healthier lives",
        QualityStatement::SupportingHealthierLives,
    ),
    (
        "equity in experiences and outcomes",
        QualityStatement::EquityInExperienceAndOutcomes,
    ),
    (
        "safe systems pathways and transitions",
        QualityStatement::SafePathwaysSystemsAndTransitions,
    ),
];

impl QualityStatement {
    /// All nine quality statements in framework (and report) order.
    pub const ALL: [QualityStatement; 9] = [
        QualityStatement::AssessingNeeds,
        QualityStatement::SupportingHealthierLives,
        QualityStatement::EquityInExperienceAndOutcomes,
        QualityStatement::CareProvisionIntegrationAndContinuity,
        QualityStatement::PartnershipsAndCommunities,
        QualityStatement::SafePathwaysSystemsAndTransitions,
        QualityStatement::Safeguarding,
        QualityStatement::GovernanceManagementAndSustainability,
        QualityStatement::LearningImprovementAndInnovation,
    ];

    /// The title as published reports print it, e.g. `"Safe pathways, systems and transitions"`.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            QualityStatement::AssessingNeeds => "Assessing needs",
            QualityStatement::SupportingHealthierLives => {
                "Supporting people to live healthier lives"
            }
            QualityStatement::EquityInExperienceAndOutcomes => "Equity in experience and outcomes",
            QualityStatement::CareProvisionIntegrationAndContinuity => {
                "Care provision, integration and continuity"
            }
            QualityStatement::PartnershipsAndCommunities => "Partnerships and communities",
            QualityStatement::SafePathwaysSystemsAndTransitions => {
                "Safe pathways, systems and transitions"
            }
            QualityStatement::Safeguarding => "Safeguarding",
            QualityStatement::GovernanceManagementAndSustainability => {
                "Governance, management and sustainability"
            }
            QualityStatement::LearningImprovementAndInnovation => {
                "Learning, improvement and innovation"
            }
        }
    }

    /// A short label for tables, e.g. `"Safe pathways"`.
    #[must_use]
    pub const fn short_title(self) -> &'static str {
        match self {
            QualityStatement::AssessingNeeds => "Assessing needs",
            QualityStatement::SupportingHealthierLives => "Healthier lives",
            QualityStatement::EquityInExperienceAndOutcomes => "Equity",
            QualityStatement::CareProvisionIntegrationAndContinuity => "Care provision",
            QualityStatement::PartnershipsAndCommunities => "Partnerships",
            QualityStatement::SafePathwaysSystemsAndTransitions => "Safe pathways",
            QualityStatement::Safeguarding => "Safeguarding",
            QualityStatement::GovernanceManagementAndSustainability => "Governance",
            QualityStatement::LearningImprovementAndInnovation => "Learning",
        }
    }

    /// The stable snake_case id used in JSON, e.g. `"assessing_needs"`.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            QualityStatement::AssessingNeeds => "assessing_needs",
            QualityStatement::SupportingHealthierLives => "supporting_healthier_lives",
            QualityStatement::EquityInExperienceAndOutcomes => "equity_in_experience_and_outcomes",
            QualityStatement::CareProvisionIntegrationAndContinuity => {
                "care_provision_integration_and_continuity"
            }
            QualityStatement::PartnershipsAndCommunities => "partnerships_and_communities",
            QualityStatement::SafePathwaysSystemsAndTransitions => {
                "safe_pathways_systems_and_transitions"
            }
            QualityStatement::Safeguarding => "safeguarding",
            QualityStatement::GovernanceManagementAndSustainability => {
                "governance_management_and_sustainability"
            }
            QualityStatement::LearningImprovementAndInnovation => {
                "learning_improvement_and_innovation"
            }
        }
    }

    /// The theme this statement belongs to.
    #[must_use]
    pub const fn theme(self) -> Theme {
        match self {
            QualityStatement::AssessingNeeds
            | QualityStatement::SupportingHealthierLives
            | QualityStatement::EquityInExperienceAndOutcomes => Theme::WorkingWithPeople,
            QualityStatement::CareProvisionIntegrationAndContinuity
            | QualityStatement::PartnershipsAndCommunities => Theme::ProvidingSupport,
            QualityStatement::SafePathwaysSystemsAndTransitions
            | QualityStatement::Safeguarding => Theme::EnsuringSafety,
            QualityStatement::GovernanceManagementAndSustainability
            | QualityStatement::LearningImprovementAndInnovation => Theme::Leadership,
        }
    }

    /// Whether a report's section for this statement has a "What people expect" block (the two
    /// Leadership statements have none).
    #[must_use]
    pub const fn has_expectations(self) -> bool {
        !matches!(self.theme(), Theme::Leadership)
    }

    /// Position in framework order, 0 to 8.
    #[must_use]
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Finds the statement a title names, in any spelling reports use: case, whitespace,
    /// punctuation, curly or straight apostrophes, markdown `**` and the known variants
    /// ("Supporting people to lead healthier lives", "Safe systems, pathways and transitions",
    /// "Care provision, integration, and continuity", ...) do not matter.
    ///
    /// # Examples
    /// ```
    /// use cqc_la::QualityStatement;
    /// assert_eq!(
    ///     QualityStatement::from_title("Safe systems, pathways and transitions"),
    ///     Some(QualityStatement::SafePathwaysSystemsAndTransitions),
    /// );
    /// assert_eq!(QualityStatement::from_title("Safeguarding adults"), None);
    /// ```
    #[must_use]
    pub fn from_title(title: &str) -> Option<QualityStatement> {
        // The longest title is 45 characters; anything much longer is a sentence.
        if title.len() > MAX_TITLE_TEXT {
            return None;
        }
        with_title_key(title, QualityStatement::from_key).flatten()
    }

    /// The statement whose title key (see [`title_key`]) is `key`, in any known spelling.
    pub(crate) fn from_key(key: &[u8]) -> Option<QualityStatement> {
        static KEYS: OnceLock<[String; 9]> = OnceLock::new();
        if key.is_empty() {
            return None;
        }
        let keys = KEYS.get_or_init(|| QualityStatement::ALL.map(|qs| title_key(qs.title())));
        QualityStatement::ALL
            .iter()
            .zip(keys)
            .find(|(_, k)| k.as_bytes() == key)
            .map(|(&qs, _)| qs)
            .or_else(|| {
                ALIASES
                    .iter()
                    .find(|(alias, _)| alias.as_bytes() == key)
                    .map(|&(_, qs)| qs)
            })
    }

    /// Finds a statement by its snake_case id.
    #[must_use]
    pub fn from_id(id: &str) -> Option<QualityStatement> {
        QualityStatement::ALL
            .iter()
            .copied()
            .find(|qs| qs.id() == id)
    }
}

/// The matching key of a title: lowercase words of letters and digits, joined by single spaces.
/// Punctuation, markdown and the kind of apostrophe are dropped.
pub(crate) fn title_key(title: &str) -> String {
    if title.is_ascii() {
        // Every byte of the key stands for one byte of the title, so the key fits.
        let mut key = vec![0; title.len()];
        let len = ascii_key_into(title.as_bytes(), &mut key).unwrap_or(0);
        key.truncate(len);
        // ASCII in, ASCII out.
        return String::from_utf8(key).unwrap_or_default();
    }
    unicode_title_key(title)
}

/// [`title_key`] of any text, a character at a time.
fn unicode_title_key(title: &str) -> String {
    let mut key = String::with_capacity(title.len());
    for word in title
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        for c in word.chars() {
            if c.is_ascii_alphanumeric() {
                key.push(c.to_ascii_lowercase());
            } else if c.is_alphanumeric() {
                key.extend(c.to_lowercase());
            }
        }
    }
    key
}

/// Longer than the key of any title or alias (a test checks).
const MAX_KEY: usize = 64;

/// Calls `f` with the [`title_key`] of `text`, or returns `None` at once when the key is longer
/// than any title's. Every short line of a report is asked whether it is a title or a rating:
/// ASCII text (nearly all of it) is keyed on the stack.
pub(crate) fn with_title_key<R>(text: &str, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
    if text.is_ascii() {
        let mut buf = [0; MAX_KEY];
        ascii_title_key(text.as_bytes(), &mut buf).map(f)
    } else {
        let key = title_key(text);
        (key.len() < MAX_KEY).then(|| f(key.as_bytes()))
    }
}

/// [`title_key`] of a line of at most `buf.len()` bytes, kept on the stack when the line is
/// ASCII (a key is never longer than its text).
pub(crate) fn short_title_key<'b>(
    text: &str,
    buf: &'b mut [u8; MAX_TITLE_TEXT],
) -> std::borrow::Cow<'b, str> {
    if text.is_ascii() {
        if let Some(len) = ascii_key_into(text.as_bytes(), buf) {
            if let Some(key) = buf.get(..len).and_then(|k| std::str::from_utf8(k).ok()) {
                return std::borrow::Cow::Borrowed(key);
            }
        }
    }
    std::borrow::Cow::Owned(title_key(text))
}

/// [`title_key`] of ASCII text, written into `buf`; `None` when the key would not fit (so it is
/// no title's).
fn ascii_title_key<'b>(title: &[u8], buf: &'b mut [u8; MAX_KEY]) -> Option<&'b [u8]> {
    let len = ascii_key_into(title, buf)?;
    buf.get(..len)
}

/// Writes the [`title_key`] of ASCII text into `buf` and returns its length; `None` when `buf`
/// is too short (it never is when as long as `title`).
fn ascii_key_into(title: &[u8], buf: &mut [u8]) -> Option<usize> {
    let mut len = 0;
    let mut pending_space = false;
    for &b in title {
        if b.is_ascii_alphanumeric() {
            if pending_space && len > 0 {
                *buf.get_mut(len)? = b' ';
                len += 1;
            }
            pending_space = false;
            *buf.get_mut(len)? = b.to_ascii_lowercase();
            len += 1;
        } else if b != b'\'' {
            // Apostrophes join a word's letters; anything else ends the word.
            pending_space = true;
        }
    }
    Some(len)
}

impl fmt::Display for QualityStatement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// Error returned when a string names no quality statement.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown quality statement '{0}'")]
pub struct UnknownStatement(pub String);

impl FromStr for QualityStatement {
    type Err = UnknownStatement;

    /// Accepts a title in any spelling (see [`QualityStatement::from_title`]) or an id.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        QualityStatement::from_id(s.trim())
            .or_else(|| QualityStatement::from_title(s))
            .ok_or_else(|| UnknownStatement(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_ids_and_variants_resolve() {
        for qs in QualityStatement::ALL {
            assert_eq!(QualityStatement::from_title(qs.title()), Some(qs));
            assert_eq!(qs.id().parse::<QualityStatement>(), Ok(qs));
            assert!(qs.theme().statements().contains(&qs));
        }
        let q = |s: &str| QualityStatement::from_title(s);
        assert_eq!(
            q("Supporting people to lead healthier lives"),
            Some(QualityStatement::SupportingHealthierLives)
        );
        assert_eq!(
            q("Care provision, Integration, and continuity"),
            Some(QualityStatement::CareProvisionIntegrationAndContinuity)
        );
        assert_eq!(
            q("  equity in EXPERIENCES and outcomes "),
            Some(QualityStatement::EquityInExperienceAndOutcomes)
        );
        assert_eq!(q("**Safeguarding**"), Some(QualityStatement::Safeguarding));
        assert_eq!(q("Safeguarding systems"), None);
        assert_eq!(q(""), None);
    }

    #[test]
    fn every_key_fits_the_stack_buffer() {
        for qs in QualityStatement::ALL {
            assert!(title_key(qs.title()).len() < MAX_KEY, "{qs:?}");
        }
        for (alias, _) in ALIASES {
            assert!(alias.len() < MAX_KEY, "{alias}");
        }
    }

    /// The byte-by-byte keys agree with the character-by-character ones.
    fn check_ascii_keys(s: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let mut buf = [0; MAX_KEY];
        let expected = unicode_title_key(s);
        proptest::prop_assert_eq!(&title_key(s), &expected);
        match ascii_title_key(s.as_bytes(), &mut buf) {
            Some(k) => proptest::prop_assert_eq!(k, expected.as_bytes()),
            None => proptest::prop_assert!(expected.len() >= MAX_KEY),
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn ascii_keys_are_title_keys(s in "[ -~]{0,80}") {
            check_ascii_keys(&s)?;
        }

        #[test]
        fn ascii_keys_of_title_like_text(
            words in proptest::collection::vec("('|,|-|\\*\\*)?[A-Za-z0-9]{1,9}('s|'|,|:|\\.)?", 0..8)
        ) {
            check_ascii_keys(&words.join(" "))?;
        }
    }

    #[test]
    fn title_key_ignores_apostrophe_kind() {
        assert_eq!(
            title_key("People\u{2019}s  experiences"),
            title_key("people's experiences")
        );
        assert_eq!(
            title_key("Summary of people's experiences"),
            "summary of peoples experiences"
        );
    }
}
