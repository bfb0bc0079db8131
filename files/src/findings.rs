//! The findings as plain rows (project, field, rule, severity, message, suggestion): what the
//! findings workbook lists, built from a [`Report`] without any file code.

use hedui_core::{Document, Report};
use serde::{Deserialize, Serialize};

/// One finding, as the findings workbook shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FindingRow {
    /// 项目: the project's name, or empty for the document's header and overview.
    pub project: String,
    /// 字段: the fields most likely wrong, by their Chinese names.
    pub field: String,
    /// 规则: the rule code (`HD103`).
    pub rule: String,
    /// 严重程度: 错误 / 警告 / 提示, or 待补充 for a check still waiting for input.
    pub severity: String,
    /// 问题: what does not add up, with the figures.
    pub message: String,
    /// 建议: the one-click fix, when there is one (`450000 → 45000`).
    pub suggestion: String,
}

impl FindingRow {
    /// How many cells a row has.
    pub const CELLS: usize = 6;

    /// The row's cells in column order (项目, 字段, 规则, 严重程度, 问题, 建议).
    pub fn into_cells(self) -> [String; Self::CELLS] {
        [
            self.project,
            self.field,
            self.rule,
            self.severity,
            self.message,
            self.suggestion,
        ]
    }

    /// A row from its cells in column order; missing cells are empty.
    pub fn from_cells(cells: &[String]) -> Self {
        let at = |i: usize| cells.get(i).cloned().unwrap_or_default();
        Self {
            project: at(0),
            field: at(1),
            rule: at(2),
            severity: at(3),
            message: at(4),
            suggestion: at(5),
        }
    }
}

/// The report's findings, then its pending checks, as rows.
pub fn rows(report: &Report, doc: &Document) -> Vec<FindingRow> {
    let row = |f: &hedui_core::Finding, severity: &str| FindingRow {
        project: f.project.clone().unwrap_or_default(),
        field: f
            .fields
            .iter()
            .map(|p| doc.field_label(p))
            .collect::<Vec<_>>()
            .join("、"),
        rule: f.rule.to_owned(),
        severity: severity.to_owned(),
        message: f.message.clone(),
        suggestion: f
            .suggestion
            .as_ref()
            .map(|s| format!("{} → {}（是否应为 {}？）", s.from, s.to, s.to))
            .unwrap_or_default(),
    };
    report
        .findings
        .iter()
        .map(|f| row(f, f.severity.label()))
        .chain(report.pending.iter().map(|f| row(f, "待补充")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_round_trip() {
        let row = FindingRow {
            project: "劳模基金".into(),
            field: "预算数".into(),
            rule: "HD101".into(),
            severity: "错误".into(),
            message: "不符".into(),
            suggestion: String::new(),
        };
        assert_eq!(FindingRow::from_cells(&row.clone().into_cells()), row);
    }
}
