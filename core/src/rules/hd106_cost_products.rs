//! HD106 测算乘积: each costing line's count × standard gives the amount written for it.

use crate::costing::{CostItem, Figure};
use crate::facts::ProjectFacts;
use crate::field::{Column, ProjectField, ProjectList};
use crate::finding::Severity;
use crate::format;
use crate::quantity::Unit;
use crate::relation::{Relation, Term};
use crate::rules::rule;
use crate::sink::Sink;
use rust_decimal::Decimal;

rule!(
    CostProducts,
    "HD106",
    "测算乘积",
    "error",
    "## 检查什么\n\
     测算中写出的每个乘积都算得对：项目概况等文字里的“数量 × 单价 = 金额”（`1804㎡*7元/㎡=1.27万元`、\
     `更换配电箱 12 台，单价 7000 元/台，计 8.40 万元`），以及成本构成中测算依据写出的“数量 × 标准”与\
     该行金额。按金额填写的精度比较（1.27 万元即 12 650–12 750 元）；按月的标准乘以 12 个月。\n\n\
     ## 为什么\n\
     乘错一项，测算合计和预算数就跟着错；评审会逐项复核。\n\n\
     ## 不通过的例子\n\
     “1804㎡*7元/㎡=1.27万元”：1804 × 7 = 12 628 元 = 1.26 万元。\
     “更换配电箱 12 台，单价 7000 元/台，计 8.00 万元”：12 × 7000 = 84 000 元 = 8.40 万元。\n\n\
     ## 通过的例子\n\
     “1804㎡*100元/㎡=18.04万元”；“440米*30元/米=1.32万元”。",
    each_project: check_project
);

const CODE: &str = CostProducts::INFO.code;

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    for c in &p.costings {
        for item in &c.costing.items {
            let CostItem::Product {
                count,
                rate,
                amount: Some(amount),
                ..
            } = item
            else {
                continue;
            };
            let terms = (
                p.figure_term(c.field, count),
                p.figure_term(c.field, rate),
                p.figure_term(c.field, amount),
            );
            if let (Some(ct), Some(rt), Some(at)) = terms {
                product(p, (&ct, count), (&rt, rate), &at, out);
            }
        }
    }
    for line in &p.costs {
        let Some(CostItem::Product {
            count,
            rate,
            amount,
            ..
        }) = line.basis.as_ref().and_then(|b| b.items.first())
        else {
            continue;
        };
        // The amount written in the basis itself, else the line's 金额.
        let field = ProjectField::Cell(ProjectList::Costs, line.row, Column::Basis);
        let amount_term = match amount {
            Some(a) => p.figure_term(field, a),
            None => line.amount.as_ref().ok().map(|m| {
                p.money_term(
                    ProjectField::Cell(ProjectList::Costs, line.row, Column::Amount),
                    m,
                )
            }),
        };
        let (Some(ct), Some(rt), Some(at)) = (
            p.figure_term(field, count),
            p.figure_term(field, rate),
            amount_term,
        ) else {
            continue;
        };
        product(p, (&ct, count), (&rt, rate), &at, out);
    }
}

fn product(
    p: &ProjectFacts<'_>,
    (count, count_fig): (&Term, &Figure),
    (rate, rate_fig): (&Term, &Figure),
    amount: &Term,
    out: &mut Sink,
) {
    // A monthly standard against a yearly amount takes twelve months.
    let monthly = matches!(&rate_fig.quantity.unit, Unit::MoneyPer(_, d) if d.contains('月'));
    let mut relation = Relation::product(count.clone(), rate.clone(), amount.clone());
    if monthly && !relation.holds() {
        let yearly = Relation::Product {
            count: count.clone(),
            rate: rate.clone(),
            total: amount.clone(),
            at_most: false,
            times: Decimal::from(12),
        };
        if yearly.holds() {
            relation = yearly;
        }
    }
    let fields: Vec<_> = {
        let mut f = vec![amount.field, count.field, rate.field];
        f.dedup();
        f
    };
    out.relation(relation, |r| {
        let times = match r {
            Relation::Product { times, .. } => *times,
            Relation::Sum { .. } => Decimal::ONE,
        };
        let product = count
            .value
            .checked_mul(times)
            .and_then(|c| c.checked_mul(rate.value))
            .unwrap_or_default();
        let unit = format::unit_of(amount);
        p.finding(
            CODE,
            Severity::Error,
            fields,
            format!(
                "{} {} × {} {}{} = {}（{}），写的是 {}",
                format::with_scale(count.number.value, count.number.scale),
                count_fig.quantity.unit.text(),
                format::with_scale(rate.number.value, rate.number.scale),
                rate_fig.quantity.unit.text(),
                if times == Decimal::ONE {
                    String::new()
                } else {
                    format!(" × {} 个月", times.normalize())
                },
                format::money(product, crate::quantity::MoneyUnit::Yuan, 0),
                format::money(product, unit, amount.number.scale),
                format::term(amount)
            ),
        )
    });
}
