//! HD409 权重合计: where the layout has 权重 / 分值, they add up to 100 (or to 90, with 10 held back
//! for 预算执行率).

use crate::facts::{IndicatorFacts, ProjectFacts};
use crate::field::Column;
use crate::finding::Severity;
use crate::format::plain;
use crate::rules::rule;
use crate::sink::Sink;
use rust_decimal::Decimal;

rule!(
    Weights,
    "HD409",
    "权重合计",
    "warning",
    "## 检查什么\n\
     有权重（分值）一栏的表格，各指标的权重之和为 100；合计 90 也是正常的：预算执行率另占 10 分\
     （重庆审批表的“预算执行 10 分（90 分）”、101 号表的预算执行率），不提示。没有权重一栏的表格不核对。\n\n\
     ## 为什么\n\
     预算系统不接受权重之和不为 100 的指标表；分值对不上也说明漏填或多填了指标。\n\n\
     ## 不通过的例子\n\
     权重 15 + 10 + 15 + 10 + 10 + 10 + 15 + 10 = 95。\n\n\
     ## 通过的例子\n\
     权重 10 + 20 + 10 + 10 + 10 + 10 + 10 + 10 = 90（另 10 分为预算执行率）；或合计 100。",
    each_project: check_project
);

const CODE: &str = Weights::INFO.code;

fn check_set(p: &ProjectFacts<'_>, rows: &[IndicatorFacts], out: &mut Sink) {
    let started: Vec<&IndicatorFacts> = rows.iter().filter(|i| i.started).collect();
    let weighted: Vec<&IndicatorFacts> = started
        .iter()
        .copied()
        .filter(|i| i.weight.is_some())
        .collect();
    // No 权重 column, or too few weights to be the table's own.
    if weighted.is_empty() || weighted.len() * 2 < started.len() {
        return;
    }
    let mut sum = Decimal::ZERO;
    let mut figures = Vec::new();
    for ind in &weighted {
        match &ind.weight {
            Some(Ok(n)) => {
                sum = sum.checked_add(n.value).unwrap_or(Decimal::MAX);
                figures.push(plain(n.value));
            }
            Some(Err(e)) => {
                out.cannot_verify(p.finding(
                    CODE,
                    Severity::Info,
                    vec![p.cell(ind, Column::Weight)],
                    format!("“{}”的权重{e}，无法核对权重合计", ind.name),
                ));
                return;
            }
            None => {}
        }
    }
    if sum == Decimal::ONE_HUNDRED || sum == Decimal::from(90) {
        out.holds();
        return;
    }
    let missing = started.len() - weighted.len();
    let note = if missing > 0 {
        format!("（另有 {missing} 个指标没有填写权重）")
    } else {
        String::new()
    };
    out.fails(
        p.finding(
            CODE,
            Severity::Warning,
            weighted.iter().map(|i| p.cell(i, Column::Weight)).collect(),
            format!(
                "权重 {} = {}{note}：应为 100（或 90，另 10 分为预算执行率）",
                figures.join(" + "),
                plain(sum)
            ),
        ),
        None,
    );
}

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    check_set(p, &p.indicators, out);
    check_set(p, &p.mid_indicators, out);
}
