//! HD105 成本测算与预算数: cost lines, costings written in prose and the total-cost indicator give the
//! budget.

use crate::costing::{CostItem, Costing};
use crate::facts::{CostingFacts, IndicatorFacts, ProjectFacts};
use crate::field::{Column, ProjectField, ProjectList, ProjectText};
use crate::finding::{Finding, Severity};
use crate::format;
use crate::quantity::{Comparator, Money, MoneyUnit, Unit};
use crate::relation::{diff, sum_of, Relation, Term};
use crate::rules::rule;
use crate::sink::Sink;
use rust_decimal::Decimal;

rule!(
    Costing105,
    "HD105",
    "成本测算与预算数",
    "error / warning",
    "## 检查什么\n\
     项目的成本测算与预算数相符：成本构成（测算明细）各行之和、项目概况等文字中逐项写出的测算\
     （`1804㎡×7元/㎡=1.27万元`、`公厕34座，标准6.2万元/座`、`49人×5万元`）之和，等于文字自己写的\
     “共计/合计”，也等于预算数；成本指标中的总成本（项目总成本、成本控制数）等于预算数。\
     各项金额都写明且与“共计”不符，或测算超出预算数，为错误；有的项目是按数量 × 标准算出的、\
     测算少于预算数、或成本指标与预算数不符，为警告，并写明差额。\n\n\
     ## 为什么\n\
     测算是预算数的依据（适当性）：测算合计对不上，要么漏列、多列了项目，要么某个数字写错。\n\n\
     ## 不通过的例子\n\
     项目概况“更换路灯 320 盏，单价 1800 元/盏，计 57.60 万元；电缆 2400 米，单价 85 元/米，计 20.40 万元；\
     配电箱 12 台，单价 7000 元/台，计 8.00 万元；共计 864000 元”：57.60 + 20.40 + 8.00 = 86.00 ≠ 86.40。\
     “村支部书记 44 人（311 元/人），社区 4 人（191 元/人）”，预算数 20 万元：测算只有 14 448 元。\n\n\
     ## 通过的例子\n\
     同样的项目概况，配电箱“计 8.40 万元”，预算数 86.40 万元，成本指标“项目总成本 ≤86.40 万元”。",
    each_project: check_project
);

const CODE: &str = Costing105::INFO.code;

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    let budget = p.total.as_ref().ok();
    cost_lines(p, budget, out);
    for c in &p.costings {
        prose(p, c, budget, out);
    }
    cost_indicator(p, budget, out);
}

fn total_term(p: &ProjectFacts<'_>, budget: &Money) -> Term {
    p.money_term(ProjectText::Total, budget)
}

/// 成本构成 lines: their sum (or their 合计 line, which HD107 checks against them) gives the budget.
fn cost_lines(p: &ProjectFacts<'_>, budget: Option<&Money>, out: &mut Sink) {
    if p.costs.is_empty() {
        return;
    }
    let Some(budget) = budget else { return };
    let total_line = p.costs.iter().find(|c| c.is_total);
    let path = |row| p.path(ProjectField::Cell(ProjectList::Costs, row, Column::Amount));
    let budget_term = total_term(p, budget);
    if let Some(line) = total_line {
        let Ok(m) = &line.amount else { return };
        let t = p.money_term(
            ProjectField::Cell(ProjectList::Costs, line.row, Column::Amount),
            m,
        );
        compare_to_budget(p, vec![t], budget_term, true, "成本构成合计", out);
        return;
    }
    let parts: Option<Vec<Term>> = p
        .costs
        .iter()
        .filter(|c| !c.item.is_empty() || c.amount.is_ok())
        .map(|c| {
            c.amount.as_ref().ok().map(|m| {
                p.money_term(
                    ProjectField::Cell(ProjectList::Costs, c.row, Column::Amount),
                    m,
                )
            })
        })
        .collect();
    match parts {
        Some(parts) if !parts.is_empty() => {
            compare_to_budget(p, parts, budget_term, true, "成本构成各项", out);
        }
        _ => out.cannot_verify(
            p.finding(
                CODE,
                Severity::Info,
                p.costs
                    .iter()
                    .filter(|c| c.amount.is_err())
                    .map(|c| path(c.row))
                    .collect(),
                "成本构成中有金额没有填写或无法识别，无法核对测算是否等于预算数".to_owned(),
            ),
        ),
    }
}

/// Figures that add up to the budget: more is an error; less an error when `written` figures
/// were meant to make up the whole, else a warning naming the shortfall.
fn compare_to_budget(
    p: &ProjectFacts<'_>,
    parts: Vec<Term>,
    budget: Term,
    strict_short: bool,
    what: &str,
    out: &mut Sink,
) {
    let Some(sum) = sum_of(&parts) else { return };
    let refs: Vec<&Term> = parts.iter().collect();
    let (figures, shown) = format::sum(&refs, sum);
    let unit = shared_unit(&refs);
    let mut fields: Vec<_> = parts.iter().map(|t| t.field).collect();
    fields.dedup();
    fields.push(budget.field);
    let budget_shown = format::term_beside(&budget, unit);
    let over = sum > budget.value;
    let scale = budget.number.scale;
    let shown_sum = if parts.len() > 1 {
        format!("{figures} = {shown}")
    } else {
        shown
    };
    let relation = Relation::Sum {
        parts,
        total: budget,
        at_most: false,
    };
    if relation.holds() {
        out.holds();
        out.confirmed(relation);
        return;
    }
    let Some(gap) = diff(sum, relation_total(&relation)) else {
        return;
    };
    let gap = format::money(gap.abs(), unit, scale);
    if over || strict_short {
        out.fails(
            p.finding(
                CODE,
                Severity::Error,
                fields,
                format!(
                    "{what} {shown_sum} ≠ 预算数 {budget_shown}，{}{gap}",
                    if over { "多出 " } else { "相差 " }
                ),
            ),
            Some(relation),
        );
    } else {
        out.falls_short(
            p.finding(
                CODE,
                Severity::Warning,
                fields,
                format!("{what} {shown_sum}，少于预算数 {budget_shown}：还差 {gap} 没有测算依据"),
            ),
            relation,
        );
    }
}

fn relation_total(r: &Relation) -> Decimal {
    match r {
        Relation::Sum { total, .. } | Relation::Product { total, .. } => total.value,
    }
}

fn shared_unit(terms: &[&Term]) -> MoneyUnit {
    match terms.first() {
        Some(first) if terms.iter().all(|t| t.factor == first.factor) => format::unit_of(first),
        _ => MoneyUnit::Yuan,
    }
}

/// One item as shown in a message: `57.60 万元`, `34 × 6.2 万元`.
fn item_text(item: &CostItem) -> String {
    match item {
        CostItem::Amount(f)
        | CostItem::Product {
            amount: Some(f), ..
        } => format!(
            "{} {}",
            format::with_scale(f.quantity.number.value, f.quantity.number.scale),
            f.quantity.unit.text()
        ),
        CostItem::Product {
            count, rate, times, ..
        } => {
            let months = if *times == Decimal::ONE {
                String::new()
            } else {
                format!(" × {}", times.normalize())
            };
            format!(
                "{} × {} {}{months}",
                format::with_scale(count.quantity.number.value, count.quantity.number.scale),
                format::with_scale(rate.quantity.number.value, rate.quantity.number.scale),
                rate.quantity.unit.text()
            )
        }
    }
}

fn items_text(c: &Costing) -> String {
    let items: Vec<String> = c.items.iter().map(item_text).collect();
    if items.len() > 6 {
        format!(
            "{} … {}（共 {} 项）",
            items
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join(" + "),
            items.last().cloned().unwrap_or_default(),
            items.len()
        )
    } else {
        items.join(" + ")
    }
}

/// A costing written in prose: its items give its stated total, and the total (or the items, when
/// no total is stated) gives the budget.
fn prose(p: &ProjectFacts<'_>, c: &CostingFacts, budget: Option<&Money>, out: &mut Sink) {
    let field = p.path(c.field);
    let costing = &c.costing;
    if costing.open {
        out.cannot_verify(p.finding(
            CODE,
            Severity::Info,
            vec![field],
            "测算中有标准没有写出对应的数量，无法核对测算合计".to_owned(),
        ));
        return;
    }
    let Some(sum) = costing.sum() else { return };
    let stated = costing
        .stated
        .as_ref()
        .and_then(|s| p.figure_term(c.field, s));
    let written: Option<Vec<Term>> = costing
        .items
        .iter()
        .map(|i| match i {
            CostItem::Amount(f)
            | CostItem::Product {
                amount: Some(f), ..
            } => p.figure_term(c.field, f),
            CostItem::Product { .. } => None,
        })
        .collect();
    let unit = match costing.stated.as_ref().map(|s| &s.quantity.unit) {
        Some(Unit::Money(u)) if *u != MoneyUnit::Yuan => *u,
        _ => p_unit(budget),
    };
    match (stated, written) {
        (Some(stated), Some(parts)) => {
            let stated_shown = format::term_beside(&stated, unit);
            let relation = Relation::Sum {
                parts,
                total: stated.clone(),
                at_most: false,
            };
            let ok = out.relation(relation, |_| {
                p.finding(
                    CODE,
                    Severity::Error,
                    vec![field],
                    format!(
                        "{}写出的各项 {} = {} ≠ 共计 {stated_shown}",
                        c.field.label(),
                        items_text(costing),
                        format::money(sum, unit, 2)
                    ),
                )
            });
            if ok {
                stated_to_budget(p, &stated, budget, out);
            }
        }
        (Some(stated), None) => computed_to_stated(p, c, sum, &stated, unit, budget, out),
        (None, Some(parts)) => {
            let Some(budget) = budget else { return };
            let what = format!("{}测算", c.field.label());
            compare_to_budget(p, parts, total_term(p, budget), false, &what, out);
        }
        (None, None) => {
            if let Some(budget) = budget {
                computed_to_budget(p, c, sum, budget, out);
            }
        }
    }
}

/// Items priced as count × standard against the total the text states: a warning, since the
/// products are read from prose.
fn computed_to_stated(
    p: &ProjectFacts<'_>,
    c: &CostingFacts,
    sum: Decimal,
    stated: &Term,
    unit: MoneyUnit,
    budget: Option<&Money>,
    out: &mut Sink,
) {
    let costing = &c.costing;
    let tolerance = costing
        .items
        .iter()
        .filter_map(|i| match i {
            CostItem::Amount(f)
            | CostItem::Product {
                amount: Some(f), ..
            } => Some(f.quantity.tolerance()),
            CostItem::Product { .. } => None,
        })
        .try_fold(stated.tolerance, Decimal::checked_add);
    let (Some(tolerance), Some(gap)) = (tolerance, diff(stated.value, sum)) else {
        return;
    };
    if gap.abs() <= tolerance {
        out.holds();
        stated_to_budget(p, stated, budget, out);
        return;
    }
    let less = sum < stated.value;
    out.fails(
        p.finding(
            CODE,
            Severity::Warning,
            vec![p.path(c.field)],
            format!(
                "{}逐项测算 {} = {}，{}共计 {}：{} {} 没有测算依据",
                c.field.label(),
                items_text(costing),
                format::money(sum, unit, 4),
                if less { "少于" } else { "多于" },
                format::term_beside(stated, unit),
                if less { "有" } else { "多出" },
                format::money(gap.abs(), unit, 4)
            ),
        ),
        None,
    );
}

/// A costing with products read from prose and no stated total, against the budget.
fn computed_to_budget(
    p: &ProjectFacts<'_>,
    c: &CostingFacts,
    sum: Decimal,
    budget: &Money,
    out: &mut Sink,
) {
    let budget_term = total_term(p, budget);
    let Some(gap) = diff(budget.yuan, sum) else {
        return;
    };
    if gap.abs() <= budget.tolerance {
        out.holds();
        return;
    }
    let unit = format::unit_of(&budget_term);
    let over = sum > budget.yuan;
    let tail = if over {
        String::new()
    } else {
        format!("：还差 {} 没有测算依据", format::money(gap, unit, 4))
    };
    out.fails(
        p.finding(
            CODE,
            Severity::Warning,
            vec![p.path(c.field), budget_term.field],
            format!(
                "{}测算 {} = {}，{}预算数 {}{tail}",
                c.field.label(),
                items_text(&c.costing),
                format::money(sum, unit, 4),
                if over { "超过" } else { "不足以支撑" },
                format::term(&budget_term),
            ),
        ),
        None,
    );
}

fn p_unit(budget: Option<&Money>) -> MoneyUnit {
    budget.map_or(MoneyUnit::Wan, |m| m.unit)
}

/// The text's own 共计 repeats the budget.
fn stated_to_budget(p: &ProjectFacts<'_>, stated: &Term, budget: Option<&Money>, out: &mut Sink) {
    let Some(budget) = budget else { return };
    let budget_term = total_term(p, budget);
    let message = format!(
        "测算共计 {} ≠ 预算数 {}",
        format::term(stated),
        format::term_beside(&budget_term, format::unit_of(stated))
    );
    let fields = vec![stated.field, budget_term.field];
    let relation = Relation::same(stated.clone(), budget_term);
    if relation.holds() {
        out.holds();
        out.confirmed(relation);
    } else {
        out.fails(
            p.finding(CODE, Severity::Warning, fields, message),
            Some(relation),
        );
    }
}

/// Words of a cost indicator that names the whole cost, not a part of it.
const TOTAL_COST: &[&str] = &[
    "总成本",
    "总预算",
    "总投资",
    "总额",
    "控制数",
    "成本控制",
    "项目成本",
    "建设成本",
    "预算成本",
    "项目总",
    "年度预算",
    "总经费",
    "经费总",
];

fn is_standard(name: &str) -> bool {
    ["单价", "人均", "标准", "每", "单位成本", "平均"]
        .iter()
        .any(|w| name.contains(w))
}

/// The total-cost indicator (项目总成本 ≤86.40 万元) repeats the budget.
fn cost_indicator(p: &ProjectFacts<'_>, budget: Option<&Money>, out: &mut Sink) {
    let Some(budget) = budget else { return };
    let money_rows: Vec<(&IndicatorFacts, &crate::quantity::Quantity)> = p
        .indicators
        .iter()
        .filter(|i| i.is_cost() && !is_standard(&i.name))
        .filter_map(|i| {
            let q = i.quantity()?;
            (q.unit.is_money() && !q.number.value.is_zero()).then_some((i, q))
        })
        .collect();
    let total_rows: Vec<_> = money_rows
        .iter()
        .filter(|(i, _)| TOTAL_COST.iter().any(|w| i.name.contains(w)))
        .collect();
    let chosen = total_rows
        .iter()
        .max_by_key(|(_, q)| q.yuan().unwrap_or_default())
        .map(|r| (r.0, r.1))
        .or(match money_rows.as_slice() {
            [only] => Some(*only),
            _ => None,
        });
    let Some((ind, q)) = chosen else { return };
    let Some(t) = Term::of_quantity(p.cell(ind, Column::Value), 0, q) else {
        return;
    };
    let budget_term = total_term(p, budget);
    let (Some(gap), Some(tolerance), Some(twice)) = (
        diff(t.value, budget_term.value),
        t.tolerance.checked_add(budget_term.tolerance),
        budget_term.value.checked_mul(Decimal::TWO),
    ) else {
        return;
    };
    let ceiling = matches!(q.comparator, Comparator::Le | Comparator::Lt);
    let exact = gap.abs() <= tolerance;
    // A ceiling a little above the budget still bounds it; ten times the budget is a slip.
    let loose_ceiling = ceiling
        && gap > Decimal::ZERO
        && t.value < twice
        && !crate::blame::is_slip(
            &t.number.value.to_string(),
            &budget_term.number.value.to_string(),
        );
    let fine = exact || loose_ceiling;
    let relation = Relation::same(t.clone(), budget_term.clone());
    if fine {
        out.holds();
        if exact {
            out.confirmed(relation);
        }
        return;
    }
    let sym = if q.comparator_written {
        q.comparator.symbol()
    } else {
        ""
    };
    out.fails(
        Finding::in_project(
            CODE,
            Severity::Warning,
            p,
            vec![t.field, budget_term.field],
            format!(
                "成本指标“{}”{sym}{} 与预算数 {} 不符{}",
                ind.name,
                format::term(&t),
                format::term_beside(&budget_term, format::unit_of(&t)),
                if t.value > budget_term.value {
                    "：成本高于可用资金"
                } else {
                    "：成本低于预算数，其余资金没有对应的成本"
                }
            ),
        ),
        Some(relation),
    );
}
