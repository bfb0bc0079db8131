//! HD302 支出计划与时效: the deadline in the 时效指标 agrees with the spending schedule.

use crate::facts::ProjectFacts;
use crate::field::{Column, ProjectField};
use crate::finding::{Finding, Severity};
use crate::format::plain;
use crate::indicator::IndicatorValue;
use crate::rules::rule;
use crate::sink::Sink;
use rust_decimal::Decimal;

rule!(
    ScheduleDeadline,
    "HD302",
    "支出计划与时效",
    "warning",
    "## 检查什么\n\
     时效指标写明的完成时间与资金支出计划相符：到完成时间之后的第一个支出时点，资金应已大部分\
     （至少一半）支出。\n\n\
     ## 为什么\n\
     时效指标说春节前（1 月底）完成，支出计划却到 3 月底才支出 30%，两者必有一处不实。\n\n\
     ## 不通过的例子\n\
     时效指标“春节前一月底完成”，支出计划 3 月底 30%、6 月底 60%、10 月底 90%、12 月底 100%。\n\n\
     ## 通过的例子\n\
     时效指标“12 月 31 日前完成”，同样的支出计划：12 月底 100%。",
    each_project: check_project
);

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    for ind in p.indicators.iter().filter(|i| i.is_timing()) {
        let value_field = p.indicator_path(ind.row, Column::Value);
        let deadline = match &ind.value {
            IndicatorValue::Deadline(d) => *d,
            IndicatorValue::VagueTiming(text) => {
                out.cannot_verify(Finding::in_project(
                    ScheduleDeadline::INFO.code,
                    Severity::Info,
                    p,
                    vec![value_field],
                    format!("时效指标“{text}”没有写明完成时间，无法与资金支出计划对照"),
                ));
                continue;
            }
            _ => continue,
        };
        // The first checkpoint at or after the deadline.
        let checkpoint = p
            .schedule
            .iter()
            .enumerate()
            .filter_map(|(i, c)| Some((i, c.month?, c.percent.as_ref().ok()?.value)))
            .filter(|(_, month, _)| *month >= deadline.month)
            .min_by_key(|(_, month, _)| *month);
        let Some((i, month, percent)) = checkpoint else {
            if !p.schedule.is_empty() {
                out.cannot_verify(Finding::in_project(
                    ScheduleDeadline::INFO.code,
                    Severity::Info,
                    p,
                    vec![value_field],
                    format!(
                        "资金支出计划中没有 {} 或之后的时点，无法与时效指标对照",
                        deadline.describe()
                    ),
                ));
            }
            continue;
        };
        if percent >= Decimal::from(50) {
            out.holds();
            continue;
        }
        let written = p
            .project
            .indicators
            .get(ind.row)
            .map_or(String::new(), |r| crate::text::compact(&r.value));
        out.fails(
            Finding::in_project(
                ScheduleDeadline::INFO.code,
                Severity::Warning,
                p,
                vec![value_field, p.path(ProjectField::checkpoint_percent(i))],
                format!(
                    "时效指标要求“{written}”（{}），但资金支出计划到 {month} 月底只支出 {}%",
                    deadline.describe(),
                    plain(percent)
                ),
            ),
            None,
        );
    }
}
