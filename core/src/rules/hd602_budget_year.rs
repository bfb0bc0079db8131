//! HD602 预算年度: the year of another budget cycle left in the title, a project's name or a deadline.

use crate::facts::Facts;
use crate::field::{Column, FieldPath, ProjectText};
use crate::finding::{Finding, Severity};
use crate::rules::{rule, Rule, RuleInfo, Scope};
use crate::sink::Sink;
use crate::year::{years, YearMention};

rule!(
    BudgetYear,
    "HD602",
    "预算年度",
    "warning",
    "## 检查什么\n\
     文件的预算年度之外的年份，出现在文件标题、项目名称或时效指标里（如 2024 年的文件里\
     “2023年…补助项目”、2023 年的项目时效指标写“2022 年 10 月 31 日前完工”）。跨年的项目期\
     （“2023—2025年”）包含本年度的不算；文件编号中的年份（〔2023〕）不算。\n\n\
     ## 为什么\n\
     表格多从上一年复制，改了金额忘了改年份，发布后就是明显的差错（评审：沿用其他预算周期的表述）。\n\n\
     ## 不通过的例子\n\
     2023 年的文件，时效指标“2022 年 10 月 31 日前完工”。\n\n\
     ## 通过的例子\n\
     2023 年的文件，时效指标“2023 年 10 月 31 日前完工”；项目名称“2023年青禾镇便民桥建设项目”。"
);

const CODE: &str = BudgetYear::INFO.code;

fn stale(mentions: &[YearMention], year: u16) -> Option<YearMention> {
    mentions.iter().copied().find(|m| !m.covers(year))
}

fn shown(m: YearMention) -> String {
    if m.from == m.to {
        format!("{} 年", m.from)
    } else {
        format!("{}—{} 年", m.from, m.to)
    }
}

impl Rule for BudgetYear {
    fn info(&self) -> RuleInfo {
        Self::INFO
    }

    fn scope(&self) -> Scope {
        Scope::Document
    }

    fn check(&self, facts: &Facts<'_>, out: &mut Sink) {
        let Some(year) = facts.year() else { return };
        // The title names the document's year; another year there is stale only when the header
        // states the year separately.
        if !facts.doc.year.trim().is_empty() {
            match stale(&facts.title_years, year) {
                Some(m) => out.fails(
                    Finding::in_document(
                        CODE,
                        Severity::Warning,
                        vec![FieldPath::TITLE],
                        format!("{year} 年的文件，标题写的是 {}", shown(m)),
                    ),
                    None,
                ),
                None if !facts.title_years.is_empty() => out.holds(),
                None => {}
            }
        }
        for p in &facts.projects {
            match stale(&p.name_years, year) {
                Some(m) => out.fails(
                    p.finding(
                        CODE,
                        Severity::Warning,
                        vec![p.path(ProjectText::Name)],
                        format!(
                            "{year} 年的文件，项目名称写的是 {}：可能是沿用了其他年度的项目名称",
                            shown(m)
                        ),
                    ),
                    None,
                ),
                None if !p.name_years.is_empty() => out.holds(),
                None => {}
            }
            for ind in p.indicators.iter().filter(|i| i.is_timing() && i.started) {
                let mentions: Vec<YearMention> = years(&format!("{}{}", ind.level3(), ind.written));
                match stale(&mentions, year) {
                    Some(m) => out.fails(
                        p.finding(
                            CODE,
                            Severity::Warning,
                            vec![p.cell(ind, Column::Value)],
                            format!(
                                "{year} 年的项目，时效指标“{}”写的是 {}：可能是沿用了其他年度的时间要求",
                                ind.name,
                                shown(m)
                            ),
                        ),
                        None,
                    ),
                    None if !mentions.is_empty() => out.holds(),
                    None => {}
                }
            }
        }
    }
}
