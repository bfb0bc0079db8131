//! HD410 年度与中期雷同: the 年度 targets are the year's share, not a verbatim copy of the 中期 ones.

use crate::facts::ProjectFacts;
use crate::field::{Column, ProjectField, ProjectList};
use crate::finding::Severity;
use crate::rules::rule;
use crate::sink::Sink;
use std::collections::HashSet;

rule!(
    AnnualCopiesMid,
    "HD410",
    "年度与中期雷同",
    "warning",
    "## 检查什么\n\
     同时有中期（长期）和年度目标的项目：年度目标不是中期目标一字不差的复制；年度指标不是中期指标\
     逐行照抄（同名同值）——除非项目只有一年、中期与年度资金相同。\n\n\
     ## 为什么\n\
     年度目标应是中期目标在本年度的部分：照抄说明年度目标没有认真分解，评审会要求重填。\n\n\
     ## 不通过的例子\n\
     中期资金 68.50 万元、年度资金 51.35 万元，中期目标与年度目标一字不差，七个中期指标与年度指标完全相同。\n\n\
     ## 通过的例子\n\
     中期目标写三年累计（“生活补贴累计发放人次 ≥66000 人次”），年度目标写本年度（“发放人数 ≥1860 人”）。",
    each_project: check_project
);

const CODE: &str = AnnualCopiesMid::INFO.code;

fn joined(lines: &[String]) -> String {
    let mut s: String = lines.concat();
    while s.ends_with(['。', '.', '；', ';', '，', ',']) {
        s.pop();
    }
    s
}

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    // A one-year project with the same money in both columns may repeat itself.
    let same_money = match (&p.total, &p.mid.total) {
        (Ok(a), Ok(m)) => a.yuan == m.yuan,
        _ => false,
    };
    let multi_year = p.period_years.is_some_and(|y| y.to > y.from);
    if same_money && !multi_year {
        return;
    }
    let annual = joined(&p.goal_texts);
    let mid = joined(&p.mid_goal_texts);
    if !annual.is_empty() && !mid.is_empty() {
        let (short, long) = if annual.len() <= mid.len() {
            (&annual, &mid)
        } else {
            (&mid, &annual)
        };
        // Equal, or the shorter one a cut-off copy of the longer.
        let copied =
            annual == mid || (short.chars().count() >= 20 && long.starts_with(short.as_str()));
        if copied {
            out.fails(
                p.finding(
                    CODE,
                    Severity::Warning,
                    vec![
                        p.path(ProjectField::goal(0)),
                        p.path(ProjectField::Cell(ProjectList::MidGoals, 0, Column::Line)),
                    ],
                    "年度目标与中期目标一字不差：年度目标应写本年度要完成的部分".to_owned(),
                ),
                None,
            );
        } else {
            out.holds();
        }
    }
    let started = |rows: &[crate::facts::IndicatorFacts]| -> Vec<(String, String)> {
        rows.iter()
            .filter(|i| i.started)
            .map(|i| (i.name.clone(), i.written.clone()))
            .collect()
    };
    let annual_rows = started(&p.indicators);
    let mid_rows: HashSet<(String, String)> = started(&p.mid_indicators).into_iter().collect();
    if annual_rows.len() >= 3 && !mid_rows.is_empty() {
        if annual_rows.iter().all(|r| mid_rows.contains(r)) {
            out.fails(
                p.finding(
                    CODE,
                    Severity::Warning,
                    vec![p.path(ProjectField::indicator(0, Column::Level3))],
                    format!(
                        "年度的 {} 个指标与中期指标同名同值，逐行照抄：年度指标应写本年度的目标值",
                        annual_rows.len()
                    ),
                ),
                None,
            );
        } else {
            out.holds();
        }
    }
}
