//! HD408 重复指标: the same 三级指标 appears once in a set.

use crate::facts::{IndicatorFacts, ProjectFacts};
use crate::field::Column;
use crate::finding::Severity;
use crate::rules::rule;
use crate::sink::Sink;

rule!(
    DuplicateIndicators,
    "HD408",
    "重复指标",
    "warning",
    "## 检查什么\n\
     同一套指标（年度或中期）中，同一个三级指标只出现一次，不在两个二级指标下重复填写。\n\n\
     ## 为什么\n\
     重复的指标凑数而不衡量新的东西，评审会要求删改（相关性）。\n\n\
     ## 不通过的例子\n\
     质量指标和可持续影响指标下都写“为民众办好事、办实事 100%”。\n\n\
     ## 通过的例子\n\
     每个三级指标各不相同；年度和中期两套指标中出现同名指标不算重复。",
    each_project: check_project
);

const CODE: &str = DuplicateIndicators::INFO.code;

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    for rows in [&p.indicators, &p.mid_indicators] {
        // Sorted by name, a repeated indicator sits beside its first occurrence.
        let mut named: Vec<(&str, &IndicatorFacts)> = rows
            .iter()
            .filter(|i| i.started)
            .map(|i| (i.name.trim_end_matches(['。', '；', ';', '，', ',']), i))
            .filter(|(key, _)| {
                key.chars().count() >= 2
                    && !(key.ends_with("指标") && crate::taxonomy::is_level_name(key))
            })
            .collect();
        named.sort_by(|a, b| a.0.cmp(b.0).then(a.1.row.cmp(&b.1.row)));
        let mut previous: Option<(&str, &IndicatorFacts)> = None;
        for &(key, ind) in &named {
            match previous {
                Some((k, first)) if k == key => out.fails(
                    p.finding(
                        CODE,
                        Severity::Warning,
                        vec![p.cell(ind, Column::Level3), p.cell(first, Column::Level3)],
                        format!(
                            "“{}”在{}和{}下各出现一次：同一指标不要重复填写",
                            ind.name,
                            level_of(first),
                            level_of(ind)
                        ),
                    ),
                    None,
                ),
                _ => {
                    out.holds();
                    previous = Some((key, ind));
                }
            }
        }
    }
}

fn level_of(i: &IndicatorFacts) -> &str {
    if i.level2.is_empty() {
        &i.level1
    } else {
        &i.level2
    }
}
