//! The assessment framework: four themes and nine quality statements.

use std::fmt;

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

    /// Finds a statement by its snake_case id.
    #[must_use]
    pub fn from_id(id: &str) -> Option<QualityStatement> {
        QualityStatement::ALL
            .iter()
            .copied()
            .find(|qs| qs.id() == id)
    }
}

impl fmt::Display for QualityStatement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_statement_sits_under_its_theme() {
        for qs in QualityStatement::ALL {
            assert!(qs.theme().statements().contains(&qs));
            assert_eq!(QualityStatement::ALL[qs.index()], qs);
        }
        assert_eq!(Theme::from_number(3), Some(Theme::EnsuringSafety));
    }
}
