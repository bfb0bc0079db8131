//! What the rules read from a document, parsed once per check.

use crate::field::{Column, FieldPath, ProjectField};
use crate::finding::{Finding, Severity};
use crate::goal::{read_goal, GoalItem};
use crate::indicator::{read_checkpoint_month, read_indicator, IndicatorValue};
use crate::model::{Document, Project};
use crate::number::{Number, NumberError};
use crate::quantity::{parse_money_cell, parse_percent_cell, Money, MoneyUnit, Quantity, Unit};
use crate::relation::Term;
use crate::text::compact;
use rust_decimal::Decimal;
use std::rc::Rc;

/// The parsed view of a document that every rule shares.
#[derive(Debug)]
pub struct Facts<'a> {
    /// The document as typed.
    pub doc: &'a Document,
    /// The money unit of the budget columns.
    pub money_unit: MoneyUnit,
    /// One entry per project, in order.
    pub projects: Vec<ProjectFacts<'a>>,
}

/// The first-level indicator families, in either layout (财预〔2015〕88号 or 〔2021〕101号).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level1 {
    /// 产出指标.
    Output,
    /// 效益指标.
    Benefit,
    /// 满意度指标.
    Satisfaction,
    /// 成本指标 (first-level in the newer layout).
    Cost,
    /// Something else, or nothing.
    Other,
}

impl Level1 {
    /// Classifies a 一级指标 cell.
    pub fn of(text: &str) -> Self {
        if text.contains("产出") {
            Self::Output
        } else if text.contains("效益") {
            Self::Benefit
        } else if text.contains("满意") {
            Self::Satisfaction
        } else if text.contains("成本") {
            Self::Cost
        } else {
            Self::Other
        }
    }
}

/// One indicator row, with its levels filled down from the rows above.
#[derive(Debug)]
pub struct IndicatorFacts {
    /// Row index.
    pub row: usize,
    /// 一级指标 as read (filled down).
    pub level1: String,
    /// 二级指标 as read (filled down).
    pub level2: String,
    /// The indicator's name (三级指标, or the description).
    pub name: String,
    /// What the 指标值 cell says.
    pub value: IndicatorValue,
}

impl IndicatorFacts {
    /// True for a 数量指标 row.
    pub fn is_quantity(&self) -> bool {
        self.level2.contains("数量")
    }

    /// True for a 时效指标 row.
    pub fn is_timing(&self) -> bool {
        self.level2.contains("时效")
    }

    /// True for a cost row (成本指标 under 产出, or a first-level 成本指标).
    pub fn is_cost(&self) -> bool {
        self.level2.contains("成本") || Level1::of(&self.level1) == Level1::Cost
    }

    /// The quantity in the value cell, if it holds one.
    pub fn quantity(&self) -> Option<&Quantity> {
        match &self.value {
            IndicatorValue::Quantitative(q) => Some(q),
            _ => None,
        }
    }
}

/// One 资金支出计划 checkpoint, read.
#[derive(Debug)]
pub struct CheckpointFacts {
    /// The month the checkpoint ends, when its label says.
    pub month: Option<u8>,
    /// The cumulative percentage.
    pub percent: Result<Number, NumberError>,
}

/// One project as the rules see it: the project as typed, and what was parsed from it (shared, so
/// that an unchanged project is not parsed again on the next keystroke).
#[derive(Debug, Clone)]
pub struct ProjectFacts<'a> {
    /// Position in the document.
    pub index: usize,
    /// The project as typed.
    pub project: &'a Project,
    parsed: Rc<Parsed>,
}

impl std::ops::Deref for ProjectFacts<'_> {
    type Target = Parsed;

    fn deref(&self) -> &Parsed {
        &self.parsed
    }
}

/// What is parsed from one project's fields.
#[derive(Debug)]
pub struct Parsed {
    /// Label for messages.
    pub label: String,
    /// 预算数.
    pub total: Result<Money, NumberError>,
    /// 财政资金.
    pub fiscal: Result<Money, NumberError>,
    /// 其他资金 (an empty cell next to filled ones reads as 0, as on the published forms).
    pub other: Result<Money, NumberError>,
    /// Quantities named in each goal line.
    pub goals: Vec<Vec<GoalItem>>,
    /// The indicator rows.
    pub indicators: Vec<IndicatorFacts>,
    /// The spending schedule.
    pub schedule: Vec<CheckpointFacts>,
}

impl<'a> Facts<'a> {
    /// Parses what the rules need from `doc`.
    pub fn new(doc: &'a Document) -> Self {
        let money_unit = MoneyUnit::parse(&doc.money_unit).unwrap_or(MoneyUnit::Wan);
        let projects = doc
            .projects
            .iter()
            .enumerate()
            .map(|(index, project)| ProjectFacts {
                index,
                project,
                parsed: Rc::new(Parsed::new(index, project, money_unit)),
            })
            .collect();
        Self {
            doc,
            money_unit,
            projects,
        }
    }

    /// The budget year: the header's, else the latest `20xx年` in the overview texts.
    pub fn year(&self) -> Option<u16> {
        if let Ok(y) = compact(&self.doc.year)
            .trim_end_matches('年')
            .parse::<u16>()
        {
            return Some(y);
        }
        let text: String = self
            .doc
            .overviews
            .iter()
            .map(|o| o.overall_goal.as_str())
            .collect();
        let chars: Vec<char> = compact(&text).chars().collect();
        chars
            .windows(5)
            .filter(|w| w.get(4) == Some(&'年') && w.iter().take(4).all(char::is_ascii_digit))
            .filter_map(|w| w.iter().take(4).collect::<String>().parse::<u16>().ok())
            .filter(|y| (2000..=2100).contains(y))
            .max()
    }
}

impl<'a> ProjectFacts<'a> {
    /// A project with what was parsed from it earlier.
    pub fn with(index: usize, project: &'a Project, parsed: Rc<Parsed>) -> Self {
        Self {
            index,
            project,
            parsed,
        }
    }

    /// The shared parse, for caching.
    pub fn parsed(&self) -> &Rc<Parsed> {
        &self.parsed
    }
}

impl Parsed {
    /// Parses one project's fields (budget cells in `unit` unless they say otherwise).
    pub fn new(index: usize, project: &Project, unit: MoneyUnit) -> Self {
        let b = &project.budget;
        let total = parse_money_cell(&b.total, unit);
        let fiscal = parse_money_cell(&b.fiscal, unit);
        let mut other = parse_money_cell(&b.other, unit);
        if b.other.trim().is_empty() && total.is_ok() && fiscal.is_ok() {
            other = Money::new(Number::int(0), unit).ok_or(NumberError::TooLarge);
            if let Ok(m) = &mut other {
                m.tolerance = Decimal::ZERO;
            }
        }
        let levels = crate::model::indicator_levels(&project.indicators);
        let indicators = project
            .indicators
            .iter()
            .zip(levels)
            .enumerate()
            .map(|(row, (ind, (level1, level2)))| IndicatorFacts {
                row,
                level1,
                level2,
                name: compact(ind.name()),
                value: read_indicator(ind),
            })
            .collect();
        let schedule = project
            .schedule
            .iter()
            .map(|c| CheckpointFacts {
                month: read_checkpoint_month(&c.label),
                percent: parse_percent_cell(&c.percent),
            })
            .collect();
        Self {
            label: project.label(index),
            total,
            fiscal,
            other,
            goals: project.goals.iter().map(|g| read_goal(g)).collect(),
            indicators,
            schedule,
        }
    }
}

impl ProjectFacts<'_> {
    /// The path of one of this project's fields.
    pub fn path(&self, field: ProjectField) -> FieldPath {
        FieldPath::Project(self.index, field)
    }

    /// The path of an indicator row's cell.
    pub fn indicator_path(&self, row: usize, column: Column) -> FieldPath {
        self.path(ProjectField::indicator(row, column))
    }

    /// A budget cell as a relation term (value in 元).
    pub fn money_term(&self, field: ProjectField, money: &Money) -> Term {
        Term {
            field: self.path(field),
            nth: 0,
            value: money.yuan,
            tolerance: money.tolerance,
            factor: money.unit.factor(),
            number: money.number,
            span: money.span.clone(),
        }
    }

    /// The three budget figures, when all can be read.
    pub fn budget(&self) -> Option<(&Money, &Money, &Money)> {
        Some((
            self.total.as_ref().ok()?,
            self.fiscal.as_ref().ok()?,
            self.other.as_ref().ok()?,
        ))
    }

    /// A goal line's quantity as a relation term.
    pub fn goal_term(&self, line: usize, item: &GoalItem) -> Option<Term> {
        Term::of_quantity(
            self.path(ProjectField::goal(line)),
            item.nth,
            &item.quantity,
        )
    }

    /// An indicator value as a relation term.
    pub fn indicator_term(&self, row: usize, q: &Quantity) -> Option<Term> {
        Term::of_quantity(self.indicator_path(row, Column::Value), 0, q)
    }

    /// Money amounts (not per-unit standards) named in the goal lines: (line, item).
    pub fn goal_amounts(&self) -> impl Iterator<Item = (usize, &GoalItem)> {
        self.goals.iter().enumerate().flat_map(|(line, items)| {
            items
                .iter()
                .filter(|i| i.quantity.unit.is_money() && !i.is_per_unit())
                .map(move |i| (line, i))
        })
    }

    /// Counts named in the goal lines: (line, item).
    pub fn goal_counts(&self) -> impl Iterator<Item = (usize, &GoalItem)> {
        self.goals.iter().enumerate().flat_map(|(line, items)| {
            items
                .iter()
                .filter(|i| matches!(i.quantity.unit, Unit::Count(_)))
                .map(move |i| (line, i))
        })
    }
}

impl Finding {
    /// A finding about a project's fields, with no suggestion yet.
    pub fn in_project(
        rule: &'static str,
        severity: Severity,
        project: &ProjectFacts<'_>,
        fields: Vec<FieldPath>,
        message: String,
    ) -> Self {
        Self::in_document(rule, severity, fields, message).of_project(project.index, &project.label)
    }
}
