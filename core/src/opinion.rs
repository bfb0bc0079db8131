//! The review report (审核意见): what a finance-bureau reviewer sends back about one document, or
//! about a batch of them, as data ([`Opinion`], [`Entry`]), as rows for a workbook ([`sheets`]) and
//! as one self-contained printable HTML file ([`html`]).
//!
//! The summary never says `未发现问题` about a document hedui could not read in full: the key parts
//! missing ([`crate::coverage`]) and the checks still waiting for input are listed as what could not
//! be checked, and the verdict says so.

pub mod html;

use crate::check::{Finding, Report, Severity};
use crate::field::FieldPath;
use crate::model::{Decision, Document};
use crate::quantity::{parse_money_cell, MoneyUnit};
use crate::review::{FieldNote, Reviewed};
use rust_decimal::Decimal;
use serde::Serialize;

/// The conclusion at the top of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Nothing to check.
    Blank,
    /// Errors not ignored, or findings the reviewer accepted: the department must revise.
    Revise,
    /// Warnings not yet judged: the department should explain or revise.
    Verify,
    /// Nothing wrong found in what was read, but parts could not be checked.
    Incomplete,
    /// Every key part read, every check run, nothing open.
    Clear,
}

impl Verdict {
    /// The verdict in a word or two.
    pub fn label(self) -> &'static str {
        match self {
            Self::Blank => "未核对",
            Self::Revise => "需修改",
            Self::Verify => "请核实",
            Self::Incomplete => "核对不完整",
            Self::Clear => "未发现问题",
        }
    }

    /// The key used in JSON and in `data-verdict`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Blank => "blank",
            Self::Revise => "revise",
            Self::Verify => "verify",
            Self::Incomplete => "incomplete",
            Self::Clear => "clear",
        }
    }
}

/// Counts shown in a summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Findings of severity error (错误).
    pub errors: usize,
    /// Findings of severity warning (警告).
    pub warnings: usize,
    /// Findings of severity info (提示).
    pub infos: usize,
    /// Findings the reviewer marked 采纳.
    pub accepted: usize,
    /// Findings the reviewer marked 忽略.
    pub ignored: usize,
    /// Findings the department must change: 采纳, and errors not ignored.
    pub to_revise: usize,
    /// Warnings not yet judged.
    pub to_verify: usize,
    /// Infos the reviewer marked 忽略.
    pub ignored_infos: usize,
}

/// A field quoted in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quoted {
    /// Its path (`projects[0].goals[1]`).
    pub path: String,
    /// Where it is, in words (`第 1 个项目表“劳模基金” 绩效目标第 2 条`).
    pub label: String,
    /// Its whole text.
    pub text: String,
    /// Blamed (most likely wrong) rather than compared with.
    pub blamed: bool,
}

/// A reviewer's comment on a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// The field, quoted in full as it is now.
    pub field: Quoted,
    /// The comment.
    pub comment: String,
    /// What the field said when it was commented on, when that has changed since.
    pub then: Option<String>,
}

/// One finding as the report prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpinionFinding {
    /// Its number in the report, from 1.
    pub number: usize,
    /// Its identity ([`crate::review::finding_keys`]).
    pub key: String,
    /// Rule code.
    pub rule: String,
    /// The rule's title (`目标金额与预算数`).
    pub rule_title: String,
    /// Severity.
    pub severity: Severity,
    /// The project's name, if the finding is about one.
    pub project: Option<String>,
    /// What was compared, with the figures.
    pub message: String,
    /// The fields involved, blamed first, each quoted in full.
    pub fields: Vec<Quoted>,
    /// The suggested fix, in words.
    pub suggestion: Option<String>,
    /// What other rules said of the same fault.
    pub also: Vec<String>,
    /// The reviewer's decision.
    pub decision: Option<Decision>,
    /// Why it is ignored.
    pub reason: String,
    /// The reviewer's comment on the finding.
    pub comment: String,
    /// The reviewer's comments on the fields involved.
    pub notes: Vec<Note>,
}

/// The review report of one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Opinion {
    /// Where the document came from (file name, or the name it is kept under).
    pub source: String,
    /// 单位编码.
    pub unit_code: String,
    /// 单位名称.
    pub unit_name: String,
    /// 预算年度.
    pub year: String,
    /// The document's title.
    pub title: String,
    /// Number of project tables.
    pub projects: usize,
    /// 预算合计 over distinct projects (a copy of a project counts once), in the document's money
    /// unit (`22.15 万元`); `None` when no budget could be read.
    pub budget: Option<String>,
    /// The same in 元, for sorting.
    pub budget_yuan: Option<Decimal>,
    /// Projects whose 预算数 could not be read (left out of the total).
    pub budget_unread: usize,
    /// Counts for the summary.
    pub counts: Counts,
    /// What could not be checked: key parts not found, then checks waiting for input.
    pub not_checked: Vec<String>,
    /// The conclusion.
    pub verdict: Verdict,
    /// The conclusion in a sentence.
    pub verdict_text: String,
    /// Every finding, in the report's order.
    pub findings: Vec<OpinionFinding>,
    /// Comments on fields that no finding involves.
    pub notes: Vec<Note>,
}

/// One document of a batch: its report, or why it could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Entry {
    /// Read and checked.
    Checked(Box<Opinion>),
    /// Could not be read.
    Unreadable {
        /// The file.
        source: String,
        /// Why, in Chinese.
        reason: String,
    },
}

impl Entry {
    /// Where the document came from.
    pub fn source(&self) -> &str {
        match self {
            Self::Checked(o) => &o.source,
            Self::Unreadable { source, .. } => source,
        }
    }
}

/// Who signs the report, and when (审核人 / 日期). Empty parts are left as lines to fill in by hand.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signoff {
    /// 审核人.
    pub reviewer: String,
    /// 审核日期, as the reviewer writes it (`2024年3月5日`).
    pub date: String,
}

fn quote(doc: &Document, path: &FieldPath, blamed: bool) -> Quoted {
    let label = match path.project() {
        Some(p) => {
            let name = doc
                .projects
                .get(p)
                .map(|proj| proj.label(p))
                .unwrap_or_default();
            format!("第 {} 个项目表“{name}” {}", p + 1, doc.field_label(path))
        }
        None => doc.field_label(path),
    };
    Quoted {
        path: path.to_string(),
        label,
        text: doc.get(path).unwrap_or_default().to_owned(),
        blamed,
    }
}

fn note(doc: &Document, n: &FieldNote<'_>) -> Note {
    let then = match &n.mark.on {
        crate::model::MarkTarget::Field(a) if n.changed => Some(a.text.clone()),
        _ => None,
    };
    Note {
        field: quote(doc, &n.path, false),
        comment: n.mark.comment.clone(),
        then,
    }
}

/// The suggestion in words, as the CLI and the page say it.
fn suggestion(f: &Finding) -> Option<String> {
    f.suggestion
        .as_ref()
        .map(|s| format!("{} → {}（是否应为 {}？）", s.from, s.to, s.to))
}

/// 预算合计 over distinct projects: (total in 元, projects unread).
fn budget_total(doc: &Document) -> (Option<Decimal>, usize) {
    let unit = MoneyUnit::parse(&doc.money_unit).unwrap_or(MoneyUnit::Wan);
    let anchors = crate::review::project_anchors(doc);
    let mut total: Option<Decimal> = None;
    let mut unread = 0;
    for (p, anchor) in doc.projects.iter().zip(&anchors) {
        if !anchor.ends_with("#1") {
            continue;
        }
        let text = if p.budget.total.trim().is_empty() {
            &p.mid_budget.total
        } else {
            &p.budget.total
        };
        match parse_money_cell(text, unit) {
            Ok(m) => {
                total = Some(
                    total
                        .unwrap_or_default()
                        .checked_add(m.yuan)
                        .unwrap_or(Decimal::MAX),
                );
            }
            Err(_) => unread += 1,
        }
    }
    (total, unread)
}

impl Opinion {
    /// The report of `doc`, given its check `report`; `source` names it (a file name).
    pub fn new(doc: &Document, report: &Report, source: &str) -> Self {
        let reviewed = crate::review::review(doc, report);
        let coverage = crate::coverage::coverage(doc);
        let mut counts = Counts {
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            infos: report.count(Severity::Info),
            ..Counts::default()
        };
        let findings = findings(doc, &reviewed, &mut counts);
        let in_findings: std::collections::HashSet<FieldPath> = report
            .findings
            .iter()
            .flat_map(|f| f.fields.iter().chain(&f.context))
            .copied()
            .collect();
        let notes = reviewed
            .comments
            .iter()
            .filter(|n| !in_findings.contains(&n.path))
            .map(|n| note(doc, n))
            .collect();
        let mut not_checked = if coverage.complete {
            Vec::new()
        } else {
            coverage.missing.clone()
        };
        not_checked.extend(report.pending.iter().map(|p| match &p.project {
            Some(name) => format!("“{name}”：{}", p.message),
            None => p.message.clone(),
        }));
        let (verdict, verdict_text) = verdict(coverage.blank, &counts, not_checked.len());
        let unit = MoneyUnit::parse(&doc.money_unit).unwrap_or(MoneyUnit::Wan);
        let (budget_yuan, budget_unread) = budget_total(doc);
        Self {
            source: source.to_owned(),
            unit_code: crate::text::compact(&doc.unit_code),
            unit_name: crate::text::compact(&doc.unit_name),
            year: crate::text::compact(&doc.year),
            title: doc.title.trim().to_owned(),
            projects: doc.projects.len(),
            budget: budget_yuan.map(|y| {
                let v = y.checked_div(unit.factor()).unwrap_or_default().normalize();
                format!("{} {}", crate::format::grouped(v), unit.text())
            }),
            budget_yuan,
            budget_unread,
            counts,
            not_checked,
            verdict,
            verdict_text,
            findings,
            notes,
        }
    }
}

fn findings(doc: &Document, reviewed: &Reviewed<'_>, counts: &mut Counts) -> Vec<OpinionFinding> {
    let mut out = Vec::with_capacity(reviewed.findings.len());
    let comments = reviewed.comments_by_field();
    for (i, rf) in reviewed.findings.iter().enumerate() {
        let f = rf.finding;
        let decision = rf.decision();
        match decision {
            Some(Decision::Accept) => counts.accepted += 1,
            Some(Decision::Ignore) => {
                counts.ignored += 1;
                if f.severity == Severity::Info {
                    counts.ignored_infos += 1;
                }
            }
            None => {}
        }
        if decision == Some(Decision::Accept)
            || (f.severity == Severity::Error && decision != Some(Decision::Ignore))
        {
            counts.to_revise += 1;
        } else if f.severity == Severity::Warning && decision.is_none() {
            counts.to_verify += 1;
        }
        let mut seen = std::collections::HashSet::new();
        let fields: Vec<Quoted> = f
            .fields
            .iter()
            .map(|p| (p, true))
            .chain(f.context.iter().map(|p| (p, false)))
            .filter(|(p, _)| seen.insert(**p))
            .map(|(p, blamed)| quote(doc, p, blamed))
            .collect();
        let notes = f
            .fields
            .iter()
            .chain(&f.context)
            .filter_map(|p| comments.get(p))
            .flatten()
            .map(|n| note(doc, n))
            .collect();
        out.push(OpinionFinding {
            number: i + 1,
            key: rf.key.clone(),
            rule: f.rule.to_owned(),
            rule_title: crate::rules::find(f.rule)
                .map(|r| r.info().title.to_owned())
                .unwrap_or_default(),
            severity: f.severity,
            project: f.project.clone(),
            message: f.message.clone(),
            fields,
            suggestion: suggestion(f),
            also: f.also.clone(),
            decision,
            reason: rf.mark.map(|m| m.reason.clone()).unwrap_or_default(),
            comment: rf.mark.map(|m| m.comment.clone()).unwrap_or_default(),
            notes,
        });
    }
    out
}

fn verdict(blank: bool, counts: &Counts, not_checked: usize) -> (Verdict, String) {
    if blank {
        return (Verdict::Blank, "未核对：文件没有可核对的内容".to_owned());
    }
    let gaps = if not_checked > 0 {
        format!("；另有 {not_checked} 处未能核对")
    } else {
        String::new()
    };
    if counts.to_revise > 0 {
        let warnings = if counts.to_verify > 0 {
            format!("，另有 {} 个警告待核实", counts.to_verify)
        } else {
            String::new()
        };
        return (
            Verdict::Revise,
            format!(
                "需修改后重新报送：{} 处须修改{warnings}{gaps}",
                counts.to_revise
            ),
        );
    }
    if counts.to_verify > 0 {
        return (
            Verdict::Verify,
            format!("请核实：{} 个警告待说明{gaps}", counts.to_verify),
        );
    }
    if not_checked > 0 {
        return (
            Verdict::Incomplete,
            format!("核对不完整：{not_checked} 处未能核对，须人工审核；已核对的部分未见错误"),
        );
    }
    let notes = counts.infos.saturating_sub(counts.ignored_infos);
    let text = if notes > 0 {
        format!("未发现问题（另有 {notes} 个提示）")
    } else {
        "未发现问题".to_owned()
    };
    (Verdict::Clear, text)
}

/// A table for a workbook sheet: headings and rows of text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sheet {
    /// The sheet's name.
    pub name: &'static str,
    /// Column headings.
    pub headings: &'static [&'static str],
    /// Rows, each as long as the headings.
    pub rows: Vec<Vec<String>>,
}

/// Headings of the summary sheet.
pub const SUMMARY_HEADINGS: &[&str] = &[
    "序号",
    "文件",
    "单位编码",
    "单位名称",
    "年度",
    "项目数",
    "预算合计",
    "错误",
    "警告",
    "提示",
    "采纳",
    "忽略",
    "未能核对",
    "结论",
];

/// Headings of the findings sheet.
pub const FINDING_HEADINGS: &[&str] = &[
    "文件",
    "单位名称",
    "序号",
    "项目",
    "规则",
    "规则名称",
    "严重程度",
    "问题",
    "所涉字段",
    "建议",
    "审核意见",
    "忽略理由",
    "审核批注",
];

/// The batch as two sheets for a workbook: one row per document (汇总), one row per finding and
/// per comment on a field (问题清单). The files crate writes them.
pub fn sheets(entries: &[Entry]) -> Vec<Sheet> {
    let mut summary = Vec::with_capacity(entries.len());
    let mut rows = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let number = (i + 1).to_string();
        let o = match e {
            Entry::Checked(o) => o,
            Entry::Unreadable { source, reason } => {
                let mut row = vec![number, source.clone()];
                row.resize(SUMMARY_HEADINGS.len() - 1, String::new());
                row.push(format!("无法读取：{reason}"));
                summary.push(row);
                continue;
            }
        };
        let c = &o.counts;
        summary.push(vec![
            number,
            o.source.clone(),
            o.unit_code.clone(),
            o.unit_name.clone(),
            o.year.clone(),
            o.projects.to_string(),
            o.budget.clone().unwrap_or_default(),
            c.errors.to_string(),
            c.warnings.to_string(),
            c.infos.to_string(),
            c.accepted.to_string(),
            c.ignored.to_string(),
            o.not_checked.len().to_string(),
            o.verdict_text.clone(),
        ]);
        let fields = |q: &[Quoted]| {
            q.iter()
                .map(|q| format!("{}：{}", q.label, q.text))
                .collect::<Vec<_>>()
                .join("\n")
        };
        for f in &o.findings {
            let notes: Vec<String> = std::iter::once(f.comment.clone())
                .chain(
                    f.notes
                        .iter()
                        .map(|n| format!("{}：{}", n.field.label, n.comment)),
                )
                .filter(|s| !s.is_empty())
                .collect();
            rows.push(vec![
                o.source.clone(),
                o.unit_name.clone(),
                f.number.to_string(),
                f.project.clone().unwrap_or_default(),
                f.rule.clone(),
                f.rule_title.clone(),
                f.severity.label().to_owned(),
                f.message.clone(),
                fields(&f.fields),
                f.suggestion.clone().unwrap_or_default(),
                f.decision.map(|d| d.label().to_owned()).unwrap_or_default(),
                f.reason.clone(),
                notes.join("\n"),
            ]);
        }
        for n in &o.notes {
            rows.push(vec![
                o.source.clone(),
                o.unit_name.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                "批注".to_owned(),
                String::new(),
                fields(std::slice::from_ref(&n.field)),
                String::new(),
                String::new(),
                String::new(),
                n.comment.clone(),
            ]);
        }
    }
    vec![
        Sheet {
            name: "汇总",
            headings: SUMMARY_HEADINGS,
            rows: summary,
        },
        Sheet {
            name: "问题清单",
            headings: FINDING_HEADINGS,
            rows,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{finding_keys, set_comment, set_mark};

    fn opinion(doc: &Document) -> Opinion {
        Opinion::new(doc, &crate::check(doc), "seed.json")
    }

    #[test]
    fn the_seed_needs_revision() {
        let o = opinion(&crate::sample::seed());
        assert_eq!(o.unit_code, "711001");
        assert_eq!(o.unit_name, "遵化市总工会本级");
        assert_eq!(o.year, "2024");
        assert_eq!(o.projects, 3);
        // 9.00 + 13.15: the second copy of 劳模基金 counts once.
        assert_eq!(o.budget.as_deref(), Some("22.15 万元"));
        assert_eq!(
            (o.counts.errors, o.counts.warnings, o.counts.infos),
            (2, 3, 0)
        );
        assert_eq!(o.verdict, Verdict::Revise);
        assert_eq!(
            o.verdict_text,
            "需修改后重新报送：2 处须修改，另有 3 个警告待核实"
        );
        assert!(o.not_checked.is_empty());
        let e1 = &o.findings[0];
        assert_eq!((e1.number, e1.rule.as_str()), (1, "HD103"));
        assert_eq!(e1.rule_title, "目标金额与预算数");
        assert_eq!(
            e1.fields[0].text,
            "2. 为 38 名唐山市级以上劳模发放荣誉津贴 450000 元。"
        );
        assert_eq!(
            e1.fields[0].label,
            "第 1 个项目表“劳模基金” 绩效目标第 2 条"
        );
        assert!(e1.fields[0].blamed);
        assert_eq!(
            e1.suggestion.as_deref(),
            Some("450000 → 45000（是否应为 45000？）")
        );
    }

    #[test]
    fn marks_change_the_verdict() {
        let mut doc = crate::sample::seed();
        let report = crate::check(&doc);
        let keys = finding_keys(&doc, &report.findings);
        // Both errors and all warnings ignored with reasons: nothing open, coverage complete.
        for k in &keys {
            set_mark(
                &mut doc,
                &report,
                k,
                Some(Decision::Ignore),
                "已另行说明",
                "",
            )
            .unwrap();
        }
        let o = Opinion::new(&doc, &report, "x");
        assert_eq!(o.counts.ignored, 5);
        assert_eq!(o.verdict, Verdict::Clear);
        // One warning accepted: the department must change it.
        set_mark(
            &mut doc,
            &report,
            &keys[3],
            Some(Decision::Accept),
            "",
            "补足目标",
        )
        .unwrap();
        let o = Opinion::new(&doc, &report, "x");
        assert_eq!((o.verdict, o.counts.to_revise), (Verdict::Revise, 1));
        assert_eq!(o.findings[3].comment, "补足目标");
        assert_eq!(o.findings[0].reason, "已另行说明");
    }

    #[test]
    fn never_clear_when_parts_could_not_be_read() {
        let mut doc = crate::sample::seed();
        doc.projects.truncate(1);
        doc.projects[0].goals[1] = doc.projects[0].goals[1].replace("450000", "45000");
        doc.projects[0].budget.total.clear();
        doc.projects[0].indicators[2].value = "12 月 31 日前完成".into();
        doc.sections.clear();
        let o = opinion(&doc);
        assert_eq!(o.counts.errors + o.counts.warnings, 0, "{:?}", o.findings);
        assert_eq!(o.verdict, Verdict::Incomplete);
        assert!(
            o.verdict_text.starts_with("核对不完整："),
            "{}",
            o.verdict_text
        );
        assert!(
            o.not_checked.iter().any(|m| m.contains("未找到预算数")),
            "{:?}",
            o.not_checked
        );
        assert_eq!(o.budget, None);
        assert_eq!(o.budget_unread, 1);
        let blank = opinion(&Document::blank());
        assert_eq!(blank.verdict, Verdict::Blank);
    }

    #[test]
    fn comments_go_with_their_finding_or_stand_alone() {
        let mut doc = crate::sample::seed();
        let goal = FieldPath::Project(0, crate::field::ProjectField::goal(1));
        set_comment(&mut doc, &goal, "津贴标准见遵字【2008】14 号").unwrap();
        set_comment(&mut doc, &FieldPath::UNIT_NAME, "单位名称与公章一致").unwrap();
        let o = opinion(&doc);
        assert_eq!(o.findings[0].notes.len(), 1);
        assert_eq!(
            o.findings[0].notes[0].comment,
            "津贴标准见遵字【2008】14 号"
        );
        assert_eq!(o.notes.len(), 1);
        assert_eq!(o.notes[0].field.text, "遵化市总工会本级");
        let sheets = sheets(&[
            Entry::Checked(Box::new(o)),
            Entry::Unreadable {
                source: "坏文件.json".into(),
                reason: "不是有效的 JSON".into(),
            },
        ]);
        assert_eq!(sheets[0].rows.len(), 2);
        assert!(sheets
            .iter()
            .all(|s| s.rows.iter().all(|r| r.len() == s.headings.len())));
        assert_eq!(sheets[0].rows[1][13], "无法读取：不是有效的 JSON");
        assert_eq!(sheets[1].rows.len(), 6);
        assert_eq!(sheets[1].rows[5][6], "批注");
        assert!(sheets[1].rows[0][12].contains("津贴标准见"));
    }
}
