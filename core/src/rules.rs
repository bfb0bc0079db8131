//! The rule catalogue. Each rule lives in its own file with its documentation; [`RULES`] lists
//! every rule once, and the CLI's `hedui rules` and the page's catalogue are generated from it.

use crate::facts::Facts;
use crate::sink::Sink;

pub mod hd101_budget_sources;
pub mod hd102_purpose_figures;
pub mod hd103_goal_amounts;
pub mod hd104_unit_cost;
pub mod hd105_costing;
pub mod hd106_cost_products;
pub mod hd107_stated_totals;
pub mod hd108_mid_and_annual;
pub mod hd109_money_unit;
pub mod hd201_count_totals;
pub mod hd301_schedule;
pub mod hd302_schedule_deadline;
pub mod hd401_indicator_system;
pub mod hd402_indicator_values;
pub mod hd403_indicator_basis;
pub mod hd404_indicator_units;
pub mod hd405_placeholder_values;
pub mod hd406_indicator_direction;
pub mod hd407_indicator_category;
pub mod hd408_duplicate_indicators;
pub mod hd409_weights;
pub mod hd410_annual_copies_mid;
pub mod hd501_copies_agree;
pub mod hd502_code_format;
pub mod hd601_stale_wording;
pub mod hd602_budget_year;
pub mod hd701_copy_damage;

/// What the catalogue says about a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable public code, e.g. `HD101`.
    pub code: &'static str,
    /// One-line Chinese title.
    pub title: &'static str,
    /// Severities it reports, e.g. `error / warning`.
    pub severity: &'static str,
    /// The rule's documentation: what it checks, why, a failing and a passing example.
    pub doc: &'static str,
}

/// What a rule looks at: one project at a time, or the document as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Each project on its own: results are kept while the project is unchanged.
    Project,
    /// Several projects or the prose outside them: run on every check.
    Document,
}

/// A consistency rule.
pub trait Rule: Sync {
    /// The rule's catalogue entry.
    fn info(&self) -> RuleInfo;
    /// What the rule looks at.
    fn scope(&self) -> Scope {
        Scope::Project
    }
    /// Checks every place the rule applies to, reporting each outcome to `out`.
    fn check(&self, facts: &Facts<'_>, out: &mut Sink);
}

/// Every rule, in catalogue order.
pub static RULES: &[&dyn Rule] = &[
    &hd101_budget_sources::BudgetSources,
    &hd102_purpose_figures::PurposeFigures,
    &hd103_goal_amounts::GoalAmounts,
    &hd104_unit_cost::UnitCost,
    &hd105_costing::Costing105,
    &hd106_cost_products::CostProducts,
    &hd107_stated_totals::StatedTotals,
    &hd108_mid_and_annual::MidAndAnnual,
    &hd109_money_unit::MoneyUnitRule,
    &hd201_count_totals::CountTotals,
    &hd301_schedule::Schedule,
    &hd302_schedule_deadline::ScheduleDeadline,
    &hd401_indicator_system::IndicatorSystem,
    &hd402_indicator_values::IndicatorValues,
    &hd403_indicator_basis::IndicatorBasis,
    &hd404_indicator_units::IndicatorUnits,
    &hd405_placeholder_values::PlaceholderValues,
    &hd406_indicator_direction::IndicatorDirection,
    &hd407_indicator_category::IndicatorCategory,
    &hd408_duplicate_indicators::DuplicateIndicators,
    &hd409_weights::Weights,
    &hd410_annual_copies_mid::AnnualCopiesMid,
    &hd501_copies_agree::CopiesAgree,
    &hd502_code_format::CodeFormat,
    &hd601_stale_wording::StaleWording,
    &hd602_budget_year::BudgetYear,
    &hd701_copy_damage::CopyDamage,
];

/// Looks a rule up by code.
pub fn find(code: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.info().code == code)
}

/// Declares a rule's unit struct with its documentation, shared by rustdoc and the catalogue.
/// With `each_project: f`, the rule runs `f` on every project in turn.
macro_rules! rule {
    ($name:ident, $code:literal, $title:literal, $severity:literal, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, Clone, Copy)]
        pub struct $name;

        impl $name {
            /// This rule's catalogue entry.
            pub const INFO: $crate::rules::RuleInfo = $crate::rules::RuleInfo {
                code: $code,
                title: $title,
                severity: $severity,
                doc: $doc,
            };
        }
    };
    ($name:ident, $code:literal, $title:literal, $severity:literal, $doc:literal, each_project: $f:ident) => {
        rule!($name, $code, $title, $severity, $doc);

        impl $crate::rules::Rule for $name {
            fn info(&self) -> $crate::rules::RuleInfo {
                Self::INFO
            }

            fn check(&self, facts: &$crate::facts::Facts<'_>, out: &mut $crate::sink::Sink) {
                for p in &facts.projects {
                    $f(p, out);
                }
            }
        }
    };
}
pub(crate) use rule;
