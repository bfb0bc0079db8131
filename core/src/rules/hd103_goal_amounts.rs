//! HD103 目标金额与预算数: the money named in the goal lines adds up to the budget.

use crate::facts::ProjectFacts;
use crate::field::{ProjectField, ProjectText};
use crate::finding::{Finding, Severity};
use crate::format::{wan, yuan};
use crate::relation::Relation;
use crate::rules::rule;
use crate::sink::Sink;
use rust_decimal::Decimal;

rule!(
    GoalAmounts,
    "HD103",
    "目标金额与预算数",
    "error / warning",
    "## 检查什么\n\
     绩效目标各条中写出的金额（换算为同一单位）之和等于预算数。多于预算数是错误；少于预算数是警告，\
     并指出有多少资金没有对应到任何目标。单价、标准（如 元/人）不计入。\n\n\
     ## 为什么\n\
     目标与资金应当一一对应（适当性）：目标金额超出预算说明有数字写错，不足则说明有资金没有目标。\n\n\
     ## 不通过的例子\n\
     预算数 9.00 万元，目标写“发放慰问金 45000 元”“发放荣誉津贴 450000 元”：\
     45 000 + 450 000 = 495 000 元 ≠ 90 000 元。\n\n\
     ## 通过的例子\n\
     预算数 9.00 万元，目标写“发放慰问金 45000 元”“发放荣誉津贴 45000 元”。",
    each_project: check_project
);

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    let amounts: Vec<_> = p
        .goal_amounts()
        .filter_map(|(line, item)| p.goal_term(line, item))
        .collect();
    let Ok(total) = &p.total else {
        return;
    };
    let total_field = p.path(ProjectField::Text(ProjectText::Total));
    if amounts.is_empty() {
        if !p.project.goals.iter().all(|g| g.trim().is_empty()) {
            out.cannot_verify(Finding::in_project(
                GoalAmounts::INFO.code,
                Severity::Info,
                p,
                vec![total_field],
                format!(
                    "绩效目标中没有写出金额，无法核对预算数 {} 是否都有对应的目标",
                    wan(total.yuan)
                ),
            ));
        }
        return;
    }
    let sum = amounts
        .iter()
        .try_fold(Decimal::ZERO, |acc, t| acc.checked_add(t.value));
    let Some(sum) = sum else {
        return;
    };
    let figures = amounts
        .iter()
        .map(|t| crate::format::grouped(t.value))
        .collect::<Vec<_>>()
        .join(" + ");
    let mut fields: Vec<_> = amounts.iter().map(|t| t.field).collect();
    fields.dedup();
    fields.push(total_field);
    let relation = Relation::Sum {
        parts: amounts,
        total: p.money_term(ProjectField::Text(ProjectText::Total), total),
        at_most: false,
    };
    if relation.holds() {
        out.holds();
        out.confirmed(relation);
        return;
    }
    let shown = if fields.len() > 2 {
        format!("{figures} = {}", yuan(sum))
    } else {
        yuan(sum)
    };
    if sum > total.yuan {
        out.fails(
            Finding::in_project(
                GoalAmounts::INFO.code,
                Severity::Error,
                p,
                fields,
                format!(
                    "绩效目标所列金额 {shown} ≠ 预算数 {}，超出 {}",
                    yuan(total.yuan),
                    yuan(sum.checked_sub(total.yuan).unwrap_or_default())
                ),
            ),
            Some(relation),
        );
    } else {
        let missing = total.yuan.checked_sub(sum).unwrap_or_default();
        out.fails(
            Finding::in_project(
                GoalAmounts::INFO.code,
                Severity::Warning,
                p,
                fields,
                format!(
                    "绩效目标所列金额 {shown}，少于预算数 {}：已列 {}，还差 {}（{}）没有对应的绩效目标",
                    yuan(total.yuan),
                    wan(sum),
                    yuan(missing),
                    wan(missing)
                ),
            ),
            None,
        );
    }
}
