//! HD402 指标值: each 指标值 reads as comparator, value and unit (or an accepted qualitative form);
//! rates stay within 100%; the unit fits the indicator.

use crate::facts::{Facts, IndicatorFacts, ProjectFacts};
use crate::field::Column;
use crate::finding::Severity;
use crate::format::plain;
use crate::indicator::IndicatorValue;
use crate::quantity::{Comparator, Unit};
use crate::rules::{rule, Rule, RuleInfo};
use crate::sink::Sink;
use crate::text::excerpt;
use rust_decimal::Decimal;

rule!(
    IndicatorValues,
    "HD402",
    "指标值",
    "warning",
    "## 检查什么\n\
     每个指标值都能拆成计算符号、数值和计量单位（如 `≥90 %` → ≥、90、%；`≤12400 元/年`），或是可以接受的\
     定性表述（如“有所提高”），时效指标可以写完成时间；比率不超过 100%；单位与指标相符：满意度、\
     “…率”应为百分比（单位是否与指标相符见 HD404，空值和占位符见 HD405）。\n\n\
     ## 为什么\n\
     指标值不可衡量就无法考核；单位与指标不符（如满意度写成“90 人”）说明填错了格子。\n\n\
     ## 不通过的例子\n\
     满意度指标 `≥190%`；质量指标“慰问帮扶精准率”写 `90 人`；数量指标写“较多”。\n\n\
     ## 通过的例子\n\
     `≥90%`、`68 人`、`1500 元`、`12 月 31 日前完成`。"
);

impl Rule for IndicatorValues {
    fn info(&self) -> RuleInfo {
        Self::INFO
    }

    fn check(&self, facts: &Facts<'_>, out: &mut Sink) {
        for p in &facts.projects {
            // A row not started yet (only its levels filled in) is not checked; an empty value is
            // HD405's, a value damaged by the copy HD701's.
            for ind in p
                .all_indicators()
                .filter(|i| i.readable() && !i.unit_only && !i.placeholder)
            {
                check_row(p, ind, out);
            }
        }
    }
}

/// An indicator measured as a rate: 满意度, or a name ending in 率 / 比例.
pub(crate) fn is_rate(ind: &IndicatorFacts) -> bool {
    ind.is_satisfaction()
        || ind.name.ends_with('率')
        || ind.name.ends_with("比例")
        || ind.name.contains("满意度")
}

fn problem(ind: &IndicatorFacts) -> Option<String> {
    let shown = |v: &str| format!("“{}”的指标值“{}”", ind.name, excerpt(v, 100));
    match &ind.value {
        IndicatorValue::Unreadable(v) => Some(format!(
            "{}无法拆分为计算符号、数值和计量单位，也不是可考核的定性表述",
            shown(v)
        )),
        IndicatorValue::Qualitative(v) if ind.is_quantity() => {
            Some(format!("{}是定性表述，数量指标应写明数值", shown(v)))
        }
        IndicatorValue::Quantitative(q) => {
            let value = format!("{}{}", plain(q.number.value), q.unit.text());
            let over_100 = q.number.value > Decimal::ONE_HUNDRED
                && !matches!(q.comparator, Comparator::Le | Comparator::Lt);
            if q.unit == Unit::Percent && over_100 {
                Some(format!("{}超过 100%", shown(&value)))
            } else if is_rate(ind) && !matches!(q.unit, Unit::Percent | Unit::Permille) {
                Some(format!(
                    "{}不是百分比：比率、满意度类指标应以 % 计",
                    shown(&value)
                ))
            } else {
                None
            }
        }
        _ => None,
    }
}

fn check_row(p: &ProjectFacts<'_>, ind: &IndicatorFacts, out: &mut Sink) {
    out.judge(problem(ind).map(|message| {
        p.finding(
            IndicatorValues::INFO.code,
            Severity::Warning,
            vec![p.cell(ind, Column::Value)],
            message,
        )
    }));
}
