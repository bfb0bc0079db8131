//! HD401 指标体系: 产出 (with a 数量指标), 效益 and 满意度 are present; each 二级 belongs to its 一级.

use crate::facts::{IndicatorFacts, ProjectFacts};
use crate::field::Column;
use crate::finding::Severity;
use crate::rules::rule;
use crate::sink::Sink;
use crate::taxonomy::{Family, Kind};

rule!(
    IndicatorSystem,
    "HD401",
    "指标体系",
    "error / warning",
    "## 检查什么\n\
     指标表有产出指标（其中至少一项数量指标）、效益指标和满意度指标；每个二级指标属于它的一级指标\
     （不属于为警告）。缺少的一级指标若夹在已有的指标之间（如有产出和满意度却没有效益）为错误；\
     若只是表格末尾的几类没有出现，可能是表格没有复制完整，为警告。以下体系都接受：财预〔2015〕88号\
     （成本指标在产出指标下）、财预〔2021〕101号（成本指标为一级指标：经济成本、社会成本、生态环境成本）、\
     发展改革部门中央预算内投资表（一级为实施效果指标，二级为产出指标、效益指标，不要求满意度和数量指标），\
     以及“社会公众或服务对象满意度指标”等各地写法。中期和年度两套指标各自核对。\n\n\
     ## 为什么\n\
     指标不完整或层级放错，财政评审会直接退回（完整性）。\n\n\
     ## 不通过的例子\n\
     只有产出指标（数量、质量）和满意度指标，没有效益指标；或把“社会效益指标”放在产出指标下。\n\n\
     ## 通过的例子\n\
     产出指标（数量、质量、时效、成本）、效益指标（社会效益）、满意度指标（社会公众或服务对象满意度指标）；\
     或实施效果指标下的产出指标“建设项目个数 1 个”和效益指标。",
    each_project: check_project
);

/// Where a family usually stands in a table: 产出 (and 成本) first, 效益, then 满意度.
fn position(family: Family) -> u8 {
    match family {
        Family::Output | Family::Cost | Family::Effect => 0,
        Family::Benefit => 1,
        Family::Satisfaction => 2,
    }
}

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    if p.indicators.is_empty() {
        if !p.project.name.trim().is_empty() || !p.project.goals.is_empty() {
            out.cannot_verify(p.finding(
                IndicatorSystem::INFO.code,
                Severity::Info,
                Vec::new(),
                "尚未填写绩效指标".to_owned(),
            ));
        }
    } else {
        check_set(p, &p.indicators, "", out);
    }
    if !p.mid_indicators.is_empty() {
        check_set(p, &p.mid_indicators, "中期", out);
    }
}

fn check_set(p: &ProjectFacts<'_>, rows: &[IndicatorFacts], set: &str, out: &mut Sink) {
    let Some(first) = rows.first() else { return };
    let first_row = p.cell(first, Column::Level1);
    if rows.iter().all(|i| i.family.is_none()) {
        out.cannot_verify(p.finding(
            IndicatorSystem::INFO.code,
            Severity::Info,
            vec![first_row],
            format!("{set}指标的一级、二级指标没有填写或无法识别，无法核对指标体系是否完整"),
        ));
        return;
    }
    let ndrc = rows.iter().any(|i| i.family == Some(Family::Effect));
    let last = rows.iter().rev().find_map(|i| i.family).map_or(0, position);
    let mut missing: Vec<(&str, bool)> = Vec::new();
    let present = |f: fn(&IndicatorFacts) -> bool| rows.iter().any(f);
    let mut required: Vec<(Family, &str, bool)> = vec![
        (
            Family::Output,
            "产出指标",
            present(IndicatorFacts::is_output),
        ),
        (
            Family::Benefit,
            "效益指标",
            present(IndicatorFacts::is_benefit),
        ),
    ];
    if !ndrc {
        required.push((
            Family::Satisfaction,
            "满意度指标",
            present(IndicatorFacts::is_satisfaction),
        ));
    }
    for (family, name, has) in required {
        if !has {
            // A family that would stand after the table's last row may have been cut off.
            missing.push((name, position(family) > last));
        }
    }
    if !ndrc && present(IndicatorFacts::is_output) && !present(IndicatorFacts::is_quantity) {
        let other_output_kinds = rows.iter().any(|i| {
            i.is_output() && matches!(i.kind, Some(Kind::Quality | Kind::Timing | Kind::Cost))
        });
        missing.push(("数量指标", !other_output_kinds));
    }
    let mut ok = true;
    if !missing.is_empty() {
        ok = false;
        let names: Vec<&str> = missing.iter().map(|(n, _)| *n).collect();
        let maybe_cut = missing.iter().all(|(_, cut)| *cut);
        let (severity, note) = if maybe_cut {
            (
                Severity::Warning,
                "（缺少的都在表格末尾，若表格没有复制完整请补全）",
            )
        } else {
            (Severity::Error, "")
        };
        out.fails(
            p.finding(
                IndicatorSystem::INFO.code,
                severity,
                vec![first_row],
                format!("{set}指标体系不完整：缺少{}{note}", names.join("、")),
            ),
            None,
        );
    }
    for ind in rows {
        let (Some(family), Some(kind)) = (ind.family, ind.kind) else {
            continue;
        };
        if kind.belongs_to(family) || ind.level2.is_empty() {
            continue;
        }
        ok = false;
        out.fails(
            p.finding(
                IndicatorSystem::INFO.code,
                Severity::Warning,
                vec![p.cell(ind, Column::Level2)],
                format!("二级指标“{}”不属于一级指标“{}”", ind.level2, ind.level1),
            ),
            None,
        );
    }
    if ok {
        out.holds();
    }
}
