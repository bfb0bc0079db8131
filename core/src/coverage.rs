//! Honest coverage: which key parts of each project hedui could read, so that no summary says
//! `未发现问题` over a document whose budget or indicators were never found.

use crate::model::{Document, Project};
use serde::Serialize;

/// A key part of a project table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// 预算数 (年度资金总额).
    Budget,
    /// Where the money comes from (财政资金 / 其他资金 / named sources).
    Sources,
    /// 绩效目标 text.
    Goals,
    /// The indicator table.
    Indicators,
    /// Values in the indicator table.
    Values,
}

impl Part {
    /// The part's Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Self::Budget => "预算数",
            Self::Sources => "资金来源",
            Self::Goals => "绩效目标",
            Self::Indicators => "绩效指标",
            Self::Values => "指标值",
        }
    }

    /// What could not be checked without it.
    pub fn consequence(self) -> &'static str {
        match self {
            Self::Budget => "资金类规则未能核对",
            Self::Sources => "资金来源合计未能核对",
            Self::Goals => "目标与预算的对应未能核对",
            Self::Indicators => "指标体系未能核对",
            Self::Values => "指标值未能核对",
        }
    }

    /// Whether a check is incomplete without this part (goals and sources are often absent from
    /// real layouts; a budget and indicator values never are).
    pub fn is_key(self) -> bool {
        matches!(self, Self::Budget | Self::Indicators | Self::Values)
    }
}

/// What was found of one project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectCoverage {
    /// Position in the document.
    pub index: usize,
    /// The project's name for messages.
    pub label: String,
    /// Key parts not found.
    pub missing: Vec<Part>,
}

/// What was found of a whole document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Nothing filled in at all.
    pub blank: bool,
    /// Every project has its key parts (and there is at least one project).
    pub complete: bool,
    /// Per project.
    pub projects: Vec<ProjectCoverage>,
    /// In words, one entry per gap (`“劳模基金”未找到预算数，资金类规则未能核对`).
    pub missing: Vec<String>,
}

fn filled(s: &str) -> bool {
    !s.trim().is_empty()
}

/// The key parts missing from one project.
pub fn missing_parts(p: &Project) -> Vec<Part> {
    let mut out = Vec::new();
    if !filled(&p.budget.total) && !filled(&p.mid_budget.total) {
        out.push(Part::Budget);
    }
    let sourced = [&p.budget, &p.mid_budget].iter().any(|b| {
        filled(&b.fiscal) || filled(&b.other) || b.sources.iter().any(|s| filled(&s.amount))
    });
    if !sourced {
        out.push(Part::Sources);
    }
    if !p.goals.iter().chain(&p.mid_goals).any(|g| filled(g)) {
        out.push(Part::Goals);
    }
    let rows = p.indicators.iter().chain(&p.mid_indicators);
    if !rows.clone().any(|i| filled(i.name())) {
        out.push(Part::Indicators);
    } else if !rows.clone().any(|i| filled(&i.value)) {
        out.push(Part::Values);
    }
    out
}

/// Whether a document holds nothing the user typed or pasted. Stops at the first text found, so
/// that it costs nothing on a real document (it runs on every keystroke).
pub fn is_blank(doc: &Document) -> bool {
    use crate::field::{Column, DocumentText, ProjectField, ProjectList, ProjectText};
    let filled = |s: &str| !s.trim().is_empty();
    let header = DocumentText::ALL
        .iter()
        .filter(|d| **d != DocumentText::MoneyUnit)
        .any(|d| filled(d.of(doc)));
    if header || !doc.overviews.is_empty() || !doc.sections.is_empty() || !doc.tables.is_empty() {
        return false;
    }
    !doc.projects.iter().any(|p| {
        ProjectText::ALL.iter().any(|t| filled(t.of(p)))
            || ProjectList::ALL.into_iter().any(|list| {
                (0..list.len(p)).any(|row| {
                    list.columns().iter().any(|(column, _)| {
                        // The labels a new card starts with (schedule months, indicator levels)
                        // are not content.
                        let skeleton = matches!(
                            (list, column),
                            (ProjectList::Schedule, Column::Label)
                                | (ProjectList::Indicators, Column::Level1 | Column::Level2)
                        );
                        !skeleton
                            && p.field_text(ProjectField::Cell(list, row, *column))
                                .is_some_and(filled)
                    })
                })
            })
    })
}

/// What was found of `doc`.
pub fn coverage(doc: &Document) -> Coverage {
    let blank = is_blank(doc);
    let mut out = Coverage {
        blank,
        ..Coverage::default()
    };
    if blank {
        out.missing.push("尚未填写：没有可核对的内容".to_owned());
        return out;
    }
    if doc.projects.is_empty() {
        out.missing
            .push("没有识别出项目表：预算、目标和指标都未能核对".to_owned());
        return out;
    }
    for (index, p) in doc.projects.iter().enumerate() {
        let missing = missing_parts(p);
        let label = p.label(index);
        for part in missing.iter().filter(|m| m.is_key()) {
            out.missing.push(format!(
                "“{label}”未找到{}，{}",
                part.label(),
                part.consequence()
            ));
        }
        out.projects.push(ProjectCoverage {
            index,
            label,
            missing,
        });
    }
    out.complete = out
        .projects
        .iter()
        .all(|p| !p.missing.iter().any(|m| m.is_key()));
    out
}

impl Coverage {
    /// One line for a summary: `识别不完整：…` or nothing when complete.
    pub fn headline(&self) -> Option<String> {
        if self.blank {
            return Some("尚未填写：没有可核对的内容".to_owned());
        }
        if self.complete {
            return None;
        }
        let first = self.missing.first().cloned().unwrap_or_default();
        let more = self.missing.len().saturating_sub(1);
        Some(if more > 0 {
            format!("识别不完整：{first}（另有 {more} 处）")
        } else {
            format!("识别不完整：{first}")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_document_says_it_is_blank() {
        let c = coverage(&Document::blank());
        assert!(c.blank && !c.complete);
        assert_eq!(c.headline().as_deref(), Some("尚未填写：没有可核对的内容"));
        assert!(coverage(&Document::default()).blank);
    }

    #[test]
    fn the_seed_is_complete() {
        let c = coverage(&crate::sample::seed());
        assert!(c.complete, "{:?}", c.missing);
        assert_eq!(c.headline(), None);
    }

    #[test]
    fn a_project_without_budget_is_named() {
        let mut doc = crate::sample::seed();
        doc.projects[0].budget.total.clear();
        let c = coverage(&doc);
        assert!(!c.complete);
        let line = c.headline().unwrap_or_default();
        assert!(line.starts_with("识别不完整："), "{line}");
        assert!(line.contains("未找到预算数，资金类规则未能核对"), "{line}");
    }
}
