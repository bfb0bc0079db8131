//! HD103 目标金额与预算数: the money named in the goal lines adds up to the budget.

use crate::facts::ProjectFacts;
use crate::field::{FieldPath, ProjectField, ProjectText};
use crate::finding::{Finding, Severity};
use crate::format::{self, wan};
use crate::goal::unread_amounts;
use crate::number::NumberError;
use crate::quantity::{Money, MoneyUnit};
use crate::relation::Relation;
use crate::rules::rule;
use crate::sink::Sink;
use crate::text::excerpt;
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

use crate::format::SHOWN_FIGURES;

/// An amount that cannot be read (`1e30 元`, thirty-odd digits) is neither counted nor dropped
/// silently: the sum would be wrong either way, so the rule says what it could not read.
fn unread(p: &ProjectFacts<'_>, total: &Money) -> Option<Finding> {
    let unread: Vec<(usize, String, &str)> = p
        .project
        .goals
        .iter()
        .enumerate()
        .flat_map(|(line, text)| {
            unread_amounts(text).into_iter().map(move |u| {
                let why = match u.error {
                    NumberError::TooLarge => "数值过大",
                    _ => "不是可以读取的数字",
                };
                let shown = text.get(u.span.clone()).unwrap_or_default();
                (line, excerpt(shown, 40), why)
            })
        })
        .collect();
    if unread.is_empty() {
        return None;
    }
    let mut fields: Vec<_> = unread
        .iter()
        .map(|(line, ..)| p.path(ProjectField::goal(*line)))
        .collect();
    fields.dedup();
    let listed = unread
        .iter()
        .take(SHOWN_FIGURES)
        .map(|(line, shown, why)| format!("第 {} 条的“{shown}”{why}", line + 1))
        .collect::<Vec<_>>()
        .join("，");
    let more = if unread.len() > SHOWN_FIGURES {
        format!("等 {} 处", unread.len())
    } else {
        String::new()
    };
    let mut finding = Finding::in_project(
        GoalAmounts::INFO.code,
        Severity::Info,
        p,
        fields,
        format!(
            "绩效目标中有金额无法读取（{listed}{more}），没有计入合计，无法核对预算数 {}",
            wan(total.yuan)
        ),
    );
    finding.unreadable = true;
    Some(finding)
}

/// Goal lines written without any amount: the budget cannot be matched to them.
fn no_amounts(p: &ProjectFacts<'_>, total_field: FieldPath, total: &Money) -> Finding {
    Finding::in_project(
        GoalAmounts::INFO.code,
        Severity::Info,
        p,
        vec![total_field],
        format!(
            "绩效目标中没有写出金额，无法核对预算数 {} 是否都有对应的目标",
            format::money(total.yuan, total.unit, total.number.scale)
        ),
    )
}

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    let amounts: Vec<_> = p
        .goal_amounts()
        .filter_map(|(line, item)| p.goal_term(line, item))
        .collect();
    let Ok(total) = &p.total else {
        return;
    };
    let total_field = p.path(ProjectField::Text(ProjectText::Total));
    if let Some(finding) = unread(p, total) {
        out.cannot_verify(finding);
        return;
    }
    if amounts.is_empty() {
        if !p.project.goals.iter().all(|g| g.trim().is_empty()) {
            out.cannot_verify(no_amounts(p, total_field, total));
        }
        return;
    }
    let sum = amounts
        .iter()
        .try_fold(Decimal::ZERO, |acc, t| acc.checked_add(t.value));
    let Some(sum) = sum else {
        return;
    };
    let total_term = p.money_term(ProjectField::Text(ProjectText::Total), total);
    let relation = Relation::Sum {
        parts: amounts,
        total: total_term,
        at_most: false,
    };
    if relation.holds() {
        out.holds();
        out.confirmed(relation);
        return;
    }
    let Relation::Sum {
        parts: amounts,
        total: total_term,
        ..
    } = &relation
    else {
        return;
    };
    let refs: Vec<_> = amounts.iter().collect();
    let (figures, sum_shown) = format::sum(&refs, sum);
    let unit = refs.first().map_or(MoneyUnit::Yuan, |t| {
        if refs.iter().all(|r| r.factor == t.factor) {
            format::unit_of(t)
        } else {
            MoneyUnit::Yuan
        }
    });
    let total_shown = format::term_beside(total_term, unit);
    let mut fields: Vec<_> = amounts.iter().map(|t| t.field).collect();
    fields.dedup();
    fields.push(total_field);
    let shown = if refs_len(&relation) > 1 {
        format!("{figures} = {sum_shown}")
    } else {
        sum_shown
    };
    let scale = relation_scale(&relation);
    if sum > total.yuan {
        out.fails(
            Finding::in_project(
                GoalAmounts::INFO.code,
                Severity::Error,
                p,
                fields,
                format!(
                    "绩效目标所列金额 {shown} ≠ 预算数 {total_shown}，超出 {}",
                    format::money(sum.checked_sub(total.yuan).unwrap_or_default(), unit, scale)
                ),
            ),
            Some(relation),
        );
    } else {
        let missing = total.yuan.checked_sub(sum).unwrap_or_default();
        out.falls_short(
            Finding::in_project(
                GoalAmounts::INFO.code,
                Severity::Warning,
                p,
                fields,
                format!(
                    "绩效目标所列金额 {shown}，少于预算数 {total_shown}：还差 {} 没有对应的绩效目标",
                    format::money(missing, unit, scale)
                ),
            ),
            relation,
        );
    }
}

fn refs_len(relation: &Relation) -> usize {
    match relation {
        Relation::Sum { parts, .. } => parts.len(),
        Relation::Product { .. } => 1,
    }
}

/// The finest precision among the figures, for amounts shown in the unit they were written in.
fn relation_scale(relation: &Relation) -> u32 {
    relation
        .terms()
        .iter()
        .filter(|t| t.factor != Decimal::ONE)
        .map(|t| t.number.scale)
        .max()
        .unwrap_or(0)
}
