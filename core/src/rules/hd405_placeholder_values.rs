//! HD405 指标值占位: every indicator has a real value, not a placeholder, and not one copied to every row.

use crate::facts::{IndicatorFacts, ProjectFacts};
use crate::field::Column;
use crate::finding::Severity;
use crate::indicator::IndicatorValue;
use crate::rules::rule;
use crate::sink::Sink;

rule!(
    PlaceholderValues,
    "HD405",
    "指标值占位",
    "warning / info",
    "## 检查什么\n\
     每个指标都填了真实的指标值：不是空白，不是占位符（`*`、`**`、`_`、`-`、`XX`），不是只有计算符号或\
     单位（`≧ %`、只有“公里”）；成本指标不是 0 万元；同一套指标不是每行都填同一个值（如全部 100%）。\
     指标名称中留下的模板占位（`(≥**株)`）是提示。表格最后一行只剩计算符号的，可能是复制时截断，也只作提示。\n\n\
     ## 为什么\n\
     预算系统不接受 `*`、`_`、`-` 这样的指标值；空白或千篇一律的指标值无法考核。\n\n\
     ## 不通过的例子\n\
     数量指标“农村饮水工程覆盖服务人口数”只填了单位“万人”；“工程验收合格率 ≧ %”。\n\n\
     ## 通过的例子\n\
     “农村饮水工程覆盖服务人口数 ≥0.92 万人”；“工程验收合格率 ≥95%”。",
    each_project: check_project
);

const CODE: &str = PlaceholderValues::INFO.code;

fn problem(ind: &IndicatorFacts, last: bool) -> Option<(Severity, String)> {
    let name = &ind.name;
    let w = &ind.written;
    if ind.placeholder {
        return Some((
            Severity::Warning,
            format!("“{name}”的指标值是占位符“{w}”，请填写实际的指标值"),
        ));
    }
    if ind.unit_only {
        return Some(if last {
            (
                Severity::Info,
                format!("“{name}”的指标值只有“{w}”，没有数值：可能是复制时截断，请核对"),
            )
        } else {
            (
                Severity::Warning,
                format!("“{name}”的指标值只有“{w}”，没有数值"),
            )
        });
    }
    if matches!(ind.value, IndicatorValue::Empty) {
        return Some(if ind.unit.is_empty() {
            (Severity::Warning, format!("“{name}”没有填写指标值"))
        } else {
            (
                Severity::Warning,
                format!("“{name}”只填了单位“{}”，没有填写指标值", ind.unit),
            )
        });
    }
    if let Some(q) = ind.quantity() {
        if ind.is_cost() && q.unit.is_money() && q.number.value.is_zero() {
            return Some((
                Severity::Warning,
                format!("成本指标“{name}”的指标值为 0：请填写实际的成本"),
            ));
        }
    }
    if name.contains("**") || name.contains("XX") {
        return Some((Severity::Info, format!("指标名称“{name}”中留有模板占位符")));
    }
    None
}

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    for rows in [&p.indicators, &p.mid_indicators] {
        let started: Vec<&IndicatorFacts> = rows.iter().filter(|i| i.started).collect();
        let count = started.len();
        for (k, ind) in started.iter().enumerate() {
            match problem(ind, k + 1 == count) {
                None => out.holds(),
                Some((severity, message)) => out.fails(
                    p.finding(CODE, severity, vec![p.cell(ind, Column::Value)], message),
                    None,
                ),
            }
        }
        // The same value in every row is no target at all.
        let values: Vec<&str> = started.iter().map(|i| i.written.as_str()).collect();
        if let [first, rest @ ..] = values.as_slice() {
            if rest.len() >= 3 && !first.is_empty() && rest.iter().all(|v| v == first) {
                out.fails(
                    p.finding(
                        CODE,
                        Severity::Warning,
                        started.iter().map(|i| p.cell(i, Column::Value)).collect(),
                        format!("全部 {count} 个指标的指标值都是“{first}”：请按每个指标填写实际的目标值"),
                    ),
                    None,
                );
            }
        }
    }
}
