//! What the page shows, computed here so that components only render: messages per field,
//! findings grouped by project, and the rule catalogue as blocks of text.

use crate::check::Report;
use crate::field::FieldPath;
use crate::finding::{Finding, Severity};
use crate::rules::{Rule, RULES};
use std::collections::{BTreeMap, HashMap};

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

/// The key parts found in a project, in words, for the import preview (`预算数 9.00`, `指标 8 行`).
pub fn found_parts(p: &crate::model::Project) -> Vec<String> {
    let mut out = Vec::new();
    let filled = |s: &str| !s.trim().is_empty();
    if filled(&p.budget.total) {
        out.push(format!("预算数 {}", p.budget.total.trim()));
    }
    if filled(&p.mid_budget.total) {
        out.push(format!("中期资金 {}", p.mid_budget.total.trim()));
    }
    let sources = [&p.budget.fiscal, &p.budget.other]
        .into_iter()
        .filter(|s| filled(s))
        .count()
        + p.budget.sources.len();
    if sources > 0 {
        out.push(format!("资金来源 {sources} 项"));
    }
    if !p.goals.is_empty() || !p.mid_goals.is_empty() {
        out.push(format!("目标 {} 条", p.goals.len() + p.mid_goals.len()));
    }
    let rows = p.indicators.len() + p.mid_indicators.len();
    let valued = p
        .indicators
        .iter()
        .chain(&p.mid_indicators)
        .filter(|i| filled(&i.value))
        .count();
    if rows > 0 {
        out.push(format!("指标 {rows} 行（{valued} 行有指标值）"));
    }
    if p.schedule.iter().any(|c| filled(&c.percent)) {
        out.push("支出计划".to_owned());
    }
    if !p.costs.is_empty() {
        out.push(format!("成本构成 {} 行", p.costs.len()));
    }
    if out.is_empty() {
        out.push("无".to_owned());
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
    // Which group each project has, so that many projects do not each search the list.
    let mut index: HashMap<Option<usize>, usize> = HashMap::new();
    let all = report
        .findings
        .iter()
        .map(|f| (f, false))
        .chain(report.pending.iter().map(|f| (f, true)));
    for (f, pending) in all {
        let i = if let Some(&i) = index.get(&f.project_index) {
            i
        } else {
            index.insert(f.project_index, groups.len());
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
