//! What the page shows, computed here so that components only render: messages per field,
//! findings grouped by project, and the rule catalogue as blocks of text.

use crate::check::Report;
use crate::field::FieldPath;
use crate::finding::{Finding, Severity};
use crate::rules::{Rule, RULES};
use std::collections::BTreeMap;

/// One message shown under a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMessage {
    /// Rule code.
    pub rule: &'static str,
    /// Severity (pending checks are [`Severity::Info`]).
    pub severity: Severity,
    /// The message.
    pub text: String,
    /// Whether this field is blamed (rather than shown for context).
    pub blamed: bool,
    /// Whether the field should be marked invalid: blamed by a finding, or unreadable input.
    pub invalid: bool,
}

/// Messages per field: findings that blame or involve the field, then pending checks.
pub fn messages_by_field(report: &Report) -> BTreeMap<FieldPath, Vec<FieldMessage>> {
    let mut out: BTreeMap<FieldPath, Vec<FieldMessage>> = BTreeMap::new();
    for f in report.findings.iter().chain(&report.pending) {
        for (field, blamed) in f
            .fields
            .iter()
            .map(|p| (p, true))
            .chain(f.context.iter().map(|p| (p, false)))
        {
            out.entry(*field).or_default().push(FieldMessage {
                rule: f.rule,
                severity: f.severity,
                text: f.message.clone(),
                blamed,
                invalid: blamed && (f.severity != Severity::Info || f.unreadable),
            });
        }
    }
    out
}

/// Findings of one project (or of the document outside projects, `project == None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group<'a> {
    /// The project's index, if the group is a project.
    pub project: Option<usize>,
    /// The heading: the project's name, or 整体 for the rest.
    pub label: String,
    /// Findings, errors first.
    pub findings: Vec<&'a Finding>,
    /// Pending checks.
    pub pending: Vec<&'a Finding>,
}

/// Findings grouped by project in document order; groups with errors keep their order, and the
/// document-wide group comes last.
pub fn grouped(report: &Report) -> Vec<Group<'_>> {
    let mut groups: Vec<Group<'_>> = Vec::new();
    let all = report
        .findings
        .iter()
        .map(|f| (f, false))
        .chain(report.pending.iter().map(|f| (f, true)));
    for (f, pending) in all {
        let i = if let Some(i) = groups.iter().position(|g| g.project == f.project_index) {
            i
        } else {
            groups.push(Group {
                project: f.project_index,
                label: f
                    .project
                    .clone()
                    .unwrap_or_else(|| "整体与其他段落".to_owned()),
                findings: Vec::new(),
                pending: Vec::new(),
            });
            groups.len() - 1
        };
        if let Some(g) = groups.get_mut(i) {
            if pending {
                g.pending.push(f);
            } else {
                g.findings.push(f);
            }
        }
    }
    for g in &mut groups {
        g.findings.sort_by_key(|f| (f.severity, f.rule));
    }
    groups.sort_by_key(|g| g.project.unwrap_or(usize::MAX));
    groups
}

/// A block of a rule's documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocBlock {
    /// A `## ` heading.
    Heading(String),
    /// A paragraph.
    Text(String),
}

/// One rule of the catalogue as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueEntry {
    /// Code.
    pub code: &'static str,
    /// Title.
    pub title: &'static str,
    /// Severities.
    pub severity: &'static str,
    /// The documentation, in blocks.
    pub blocks: Vec<DocBlock>,
}

/// The rule catalogue, from the rules' own documentation.
pub fn catalogue() -> Vec<CatalogueEntry> {
    RULES.iter().map(|r| entry(*r)).collect()
}

fn entry(rule: &dyn Rule) -> CatalogueEntry {
    let info = rule.info();
    let blocks = info
        .doc
        .split("\n\n")
        .flat_map(|block| block.lines().map(str::trim).filter(|l| !l.is_empty()))
        .map(|line| match line.strip_prefix("## ") {
            Some(h) => DocBlock::Heading(h.to_owned()),
            None => DocBlock::Text(line.to_owned()),
        })
        .collect();
    CatalogueEntry {
        code: info.code,
        title: info.title,
        severity: info.severity,
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_groups_by_project_with_the_document_last() {
        let r = crate::check(&crate::sample::seed());
        let g = grouped(&r);
        let projects: Vec<Option<usize>> = g.iter().map(|g| g.project).collect();
        assert_eq!(projects, [Some(0), Some(1), None]);
        assert_eq!(g[0].findings[0].severity, Severity::Error);
        let by_field = messages_by_field(&r);
        let e1 = &by_field[&"projects[0].goals[1]".parse().unwrap()];
        assert!(e1.iter().any(|m| m.blamed && m.rule == "HD103"));
    }

    #[test]
    fn the_catalogue_has_every_rule_with_its_headings() {
        let c = catalogue();
        assert_eq!(c.len(), RULES.len());
        assert!(c[0]
            .blocks
            .iter()
            .any(|b| *b == DocBlock::Heading("检查什么".into())));
    }
}
