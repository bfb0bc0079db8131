//! HD408 重复指标: the same 三级指标 appears once in a set.

use crate::facts::{IndicatorFacts, ProjectFacts};
use crate::field::Column;
use crate::finding::Severity;
use crate::rules::rule;
use crate::sink::Sink;
use std::collections::HashMap;

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
        let mut seen: HashMap<&str, &IndicatorFacts> = HashMap::new();
        for ind in rows.iter().filter(|i| i.started) {
            let key = ind.name.trim_end_matches(['。', '；', ';', '，', ',']);
            if key.chars().count() < 2 || crate::taxonomy::is_level_name(key) {
                continue;
            }
            match seen.get(key) {
                None => {
                    seen.insert(key, ind);
                    out.holds();
                }
                Some(first) => out.fails(
                    p.finding(
                        CODE,
                        Severity::Warning,
                        vec![p.cell(ind, Column::Level3), p.cell(first, Column::Level3)],
                        format!(
                            "“{}”在{}和{}下各出现一次：同一指标不要重复填写",
                            ind.name,
                            if first.level2.is_empty() {
                                &first.level1
                            } else {
                                &first.level2
                            },
                            if ind.level2.is_empty() {
                                &ind.level1
                            } else {
                                &ind.level2
                            }
                        ),
                    ),
                    None,
                ),
            }
        }
    }
}
