//! HD401 指标体系: 产出 (with a 数量指标), 效益 and 满意度 are present; each 二级 belongs to its 一级.

use crate::facts::{Level1, ProjectFacts};
use crate::field::Column;
use crate::finding::{Finding, Severity};
use crate::rules::rule;
use crate::sink::Sink;

rule!(
    IndicatorSystem,
    "HD401",
    "指标体系",
    "error / warning",
    "## 检查什么\n\
     指标表有产出指标（其中至少一项数量指标）、效益指标和满意度指标（缺少为错误）；每个二级指标属于\
     它的一级指标（不属于为警告）。两种体系都接受：财预〔2015〕88号（成本指标在产出指标下）和\
     财预〔2021〕101号（成本指标为一级指标：经济成本、社会成本、生态环境成本）。\n\n\
     ## 为什么\n\
     指标不完整或层级放错，财政评审会直接退回（完整性）。\n\n\
     ## 不通过的例子\n\
     只有产出指标（数量、质量）和满意度指标，没有效益指标；或把“社会效益指标”放在产出指标下。\n\n\
     ## 通过的例子\n\
     产出指标（数量、质量、时效、成本）、效益指标（社会效益）、满意度指标（服务对象满意度）。",
    each_project: check_project
);

/// Whether a 二级指标 belongs under a 一级指标, in either layout.
fn belongs(level1: Level1, level2: &str) -> bool {
    let any = |words: &[&str]| words.iter().any(|w| level2.contains(w));
    match level1 {
        Level1::Output => any(&["数量", "质量", "时效", "成本"]),
        Level1::Benefit => any(&["经济效益", "社会效益", "生态效益", "可持续", "效益"]),
        Level1::Satisfaction => any(&["满意"]),
        Level1::Cost => any(&["经济成本", "社会成本", "生态环境成本", "生态成本", "成本"]),
        Level1::Other => true,
    }
}

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    if p.indicators.is_empty() {
        if !p.project.name.trim().is_empty() || !p.project.goals.is_empty() {
            out.cannot_verify(Finding::in_project(
                IndicatorSystem::INFO.code,
                Severity::Info,
                p,
                Vec::new(),
                "尚未填写绩效指标".to_owned(),
            ));
        }
        return;
    }
    let families: Vec<Level1> = p.indicators.iter().map(|i| Level1::of(&i.level1)).collect();
    let first_row = p.indicator_path(0, Column::Level1);
    let mut missing = Vec::new();
    for (family, name) in [
        (Level1::Output, "产出指标"),
        (Level1::Benefit, "效益指标"),
        (Level1::Satisfaction, "满意度指标"),
    ] {
        if !families.contains(&family) {
            missing.push(name);
        }
    }
    let has_quantity = p
        .indicators
        .iter()
        .any(|i| Level1::of(&i.level1) == Level1::Output && i.is_quantity());
    if families.contains(&Level1::Output) && !has_quantity {
        missing.push("数量指标");
    }
    let mut ok = true;
    if !missing.is_empty() {
        ok = false;
        out.fails(
            Finding::in_project(
                IndicatorSystem::INFO.code,
                Severity::Error,
                p,
                vec![first_row],
                format!("指标体系不完整：缺少{}", missing.join("、")),
            ),
            None,
        );
    }
    for ind in &p.indicators {
        let family = Level1::of(&ind.level1);
        if ind.level2.is_empty() || belongs(family, &ind.level2) {
            continue;
        }
        ok = false;
        out.fails(
            Finding::in_project(
                IndicatorSystem::INFO.code,
                Severity::Warning,
                p,
                vec![p.indicator_path(ind.row, Column::Level2)],
                format!("二级指标“{}”不属于一级指标“{}”", ind.level2, ind.level1),
            ),
            None,
        );
    }
    if ok {
        out.holds();
    }
}
