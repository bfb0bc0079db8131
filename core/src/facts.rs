//! What the rules read from a document, parsed once per check.

use crate::field::{FieldPath, ProjectField};
use crate::model::{Document, Project};
use crate::number::NumberError;
use crate::quantity::{parse_money_cell, Money, MoneyUnit};
use crate::rules::Term;

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

/// One project's parsed figures.
#[derive(Debug)]
pub struct ProjectFacts<'a> {
    /// Position in the document.
    pub index: usize,
    /// The project as typed.
    pub project: &'a Project,
    /// Label for messages.
    pub label: String,
    /// 预算数.
    pub total: Result<Money, NumberError>,
    /// 财政资金.
    pub fiscal: Result<Money, NumberError>,
    /// 其他资金.
    pub other: Result<Money, NumberError>,
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
                label: project.label(index),
                total: parse_money_cell(&project.budget.total, money_unit),
                fiscal: parse_money_cell(&project.budget.fiscal, money_unit),
                other: parse_money_cell(&project.budget.other, money_unit),
            })
            .collect();
        Self {
            doc,
            money_unit,
            projects,
        }
    }
}

impl ProjectFacts<'_> {
    /// The path of one of this project's fields.
    pub fn path(&self, field: ProjectField) -> FieldPath {
        FieldPath::Project(self.index, field)
    }

    /// A budget cell as a relation term (value in 元).
    pub fn money_term(&self, field: ProjectField, money: &Money) -> Term {
        let text = self.project_text(field);
        let span = number_span(text);
        Term {
            field: self.path(field),
            nth: 0,
            value: money.yuan,
            tolerance: money.tolerance,
            factor: money.unit.factor(),
            number: money.number,
            span,
        }
    }

    fn project_text(&self, field: ProjectField) -> &str {
        match field {
            ProjectField::Total => &self.project.budget.total,
            ProjectField::Fiscal => &self.project.budget.fiscal,
            ProjectField::Other => &self.project.budget.other,
            _ => "",
        }
    }
}

/// Byte range of the first number in a cell (the whole trimmed cell when none is found).
fn number_span(text: &str) -> std::ops::Range<usize> {
    crate::quantity::parse_whole(text).map_or(0..text.len(), |q| q.span)
}
