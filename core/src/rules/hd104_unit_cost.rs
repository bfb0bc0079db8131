//! HD104 单价 × 数量: a per-unit standard times the count it belongs to gives the amount it belongs to.

use crate::facts::ProjectFacts;
use crate::field::Column;
use crate::finding::{Finding, Severity};
use crate::format::{self, grouped};
use crate::goal::GoalItem;
use crate::quantity::{Comparator, Unit};
use crate::relation::{Relation, Term};
use crate::rules::rule;
use crate::sink::Sink;
use crate::text::shared_words;
use rust_decimal::Decimal;

rule!(
    UnitCost,
    "HD104",
    "单价 × 数量",
    "error / warning",
    "## 检查什么\n\
     成本指标中的单价或标准（人均…标准、元/人、元/年、万元/个）乘以它所对应的数量，等于它所对应的金额\
     （标准写“=”或不写时）；标准写“≤”时，乘积不超过该金额。数量和金额按含义匹配（慰问 ↔ 慰问金），\
     优先取与金额同一条目标中的数量，而不是按位置硬凑。\n\n\
     ## 为什么\n\
     数量 × 单价与金额不符，是审核中最常见的问题之一：要么标准写错，要么数量或金额写错。\n\n\
     ## 不通过的例子\n\
     目标“走访慰问各级劳模 30 人，发放慰问金 45000 元”，成本指标“人均慰问标准 2000 元”：\
     30 × 2 000 = 60 000 元 ≠ 45 000 元。\n\n\
     ## 通过的例子\n\
     同样的目标，人均慰问标准 1500 元：30 × 1 500 = 45 000 元。",
    each_project: check_project
);

/// A cost row that is a per-unit standard: a `元/…` unit, or money named 人均/单价/标准/每.
fn is_standard(name: &str, unit: &Unit) -> bool {
    match unit {
        Unit::MoneyPer(..) => true,
        Unit::Money(_) => ["人均", "单价", "标准", "每", "平均"]
            .iter()
            .any(|w| name.contains(w)),
        _ => false,
    }
}

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    for ind in p.indicators.iter().filter(|i| i.is_cost()) {
        let Some(q) = ind.quantity() else { continue };
        // A standard of 0 is no standard (HD405 says so); nothing to multiply.
        if !is_standard(&ind.name, &q.unit) || q.number.value.is_zero() {
            continue;
        }
        let Some(rate) = p.indicator_term(ind.row, q) else {
            continue;
        };
        let rate_field = p.indicator_path(ind.row, Column::Value);
        let pending = |message: String| {
            Finding::in_project(
                UnitCost::INFO.code,
                Severity::Info,
                p,
                vec![rate_field],
                message,
            )
        };
        // The amount: the goal money figure whose words best match the standard's name.
        let amount = p
            .goal_amounts()
            .map(|(line, item)| {
                let line_text = p.project.goals.get(line).map_or("", String::as_str);
                let score =
                    2 * shared_words(&ind.name, &item.subject) + shared_words(&ind.name, line_text);
                (score, line, item)
            })
            .filter(|(score, ..)| *score > 0)
            .max_by_key(|(score, ..)| *score);
        let Some((_, line, amount_item)) = amount else {
            out.cannot_verify(pending(format!(
                "成本指标“{}”{}：绩效目标中没有找到与之对应的金额，无法核对单价 × 数量",
                ind.name,
                shown(q)
            )));
            continue;
        };
        let Some(total) = p.goal_term(line, amount_item) else {
            continue;
        };
        let line_text = p.project.goals.get(line).map_or("", String::as_str);
        // A monthly standard against the year's amount: twelve months.
        let monthly = matches!(&q.unit, Unit::MoneyPer(_, d) if d.contains('月'));
        let times = if monthly && !line_text.contains("每月") && !line_text.contains("月均") {
            Decimal::from(12)
        } else {
            Decimal::ONE
        };
        let at_most = matches!(q.comparator, Comparator::Le | Comparator::Lt);
        let counts = find_counts(p, line, amount_item, &ind.name);
        if counts.is_empty() {
            out.cannot_verify(pending(format!(
                "成本指标“{}”：没有找到它所对应的数量，无法核对单价 × 数量",
                ind.name
            )));
            continue;
        }
        for (count, unit, bound) in counts {
            let relation = Relation::Product {
                count: count.clone(),
                rate: rate.clone(),
                total: total.clone(),
                at_most,
                times,
            };
            let count_unit = match &unit {
                Unit::Count(w) => w.clone(),
                _ => String::new(),
            };
            out.relation(relation, |_| {
                mismatch(
                    p,
                    ind,
                    q,
                    (&count, &count_unit, bound),
                    &rate,
                    &total,
                    times,
                )
            });
        }
    }
}

/// The finding for a product that does not give its amount: a count written as a bound
/// (`≥1680人`) states at least so many, so that is a warning.
fn mismatch(
    p: &ProjectFacts<'_>,
    ind: &crate::facts::IndicatorFacts,
    q: &crate::quantity::Quantity,
    (count, count_unit, bound): (&Term, &str, bool),
    rate: &Term,
    total: &Term,
    times: Decimal,
) -> Finding {
    let at_most = matches!(q.comparator, Comparator::Le | Comparator::Lt);
    let product = count
        .value
        .checked_mul(times)
        .and_then(|c| c.checked_mul(rate.value))
        .unwrap_or_default();
    let relation_word = if at_most { "超过" } else { "≠" };
    let months = if times == Decimal::ONE {
        String::new()
    } else {
        format!(" × {} 个月", times.normalize())
    };
    let severity = if bound {
        Severity::Warning
    } else {
        Severity::Error
    };
    Finding::in_project(
        UnitCost::INFO.code,
        severity,
        p,
        vec![
            p.indicator_path(ind.row, Column::Value),
            count.field,
            total.field,
        ],
        format!(
            "{} {count_unit} × {} {}{}{months} = {} {relation_word} 对应金额 {}",
            grouped(count.value),
            ind.name,
            if q.comparator_written {
                q.comparator.symbol()
            } else {
                ""
            },
            shown(q),
            format::money(product, format::unit_of(total), total.number.scale),
            format::term(total)
        ),
    )
}

/// A standard as written: `1 500 元`, `90 元/人·月`.
fn shown(q: &crate::quantity::Quantity) -> String {
    format!(
        "{} {}",
        format::with_scale(q.number.value, q.number.scale),
        q.unit.text()
    )
}

/// The counts a standard applies to: a count in the same goal line as the amount, else the
/// 数量指标 whose name best matches the standard's and the amount's words; and that 数量指标 as well
/// when it counts the same thing with another figure (`1860 名` in the goal, `≥1680人` in the
/// table). Each with its unit and whether it was written as a bound (`≥`).
fn find_counts(
    p: &ProjectFacts<'_>,
    line: usize,
    amount: &GoalItem,
    standard: &str,
) -> Vec<(Term, Unit, bool)> {
    let mut out = Vec::new();
    let same_line = p.goals.get(line).and_then(|items| {
        items
            .iter()
            .rfind(|i| matches!(i.quantity.unit, Unit::Count(_)) && i.nth < amount.nth)
    });
    if let Some(item) = same_line {
        if let Some(t) = p.goal_term(line, item) {
            out.push((t, item.quantity.unit.clone(), false));
        }
    }
    let context = format!(
        "{standard}{}",
        p.project.goals.get(line).map_or("", String::as_str)
    );
    // With a count in the goal line, the 数量指标 that counts the same people or things (its words
    // match that count's, and it is not a total of several); without one, the best match for the
    // standard and the amount.
    let goal_subject = same_line.map(|i| i.subject.as_str());
    let best = p
        .indicators
        .iter()
        .filter(|i| i.is_quantity())
        .filter(|i| {
            goal_subject.is_none()
                || !["总数", "合计", "总计", "总人数"]
                    .iter()
                    .any(|w| i.name.contains(w))
        })
        .filter_map(|i| {
            let q = i.quantity()?;
            let score = match goal_subject {
                Some(subject) => shared_words(&i.name, subject),
                None => shared_words(&i.name, &context),
            };
            matches!(q.unit, Unit::Count(_)).then_some((score, i.row, q))
        })
        .filter(|(score, ..)| *score >= if goal_subject.is_some() { 2 } else { 1 })
        // It must count this goal's people, not another goal's: no other count of the goal
        // lines describes it as well.
        .filter(|(score, row, _)| {
            let Some(own) = same_line else { return true };
            let name = p.indicators.get(*row).map_or("", |i| i.name.as_str());
            p.goal_counts()
                .filter(|(_, other)| !std::ptr::eq(*other, own))
                .all(|(_, other)| shared_words(name, &other.subject) < *score)
        })
        .max_by_key(|(score, ..)| *score);
    if let Some((_, row, q)) = best {
        let same_unit = match (&q.unit, out.first().map(|(_, u, _)| u)) {
            (Unit::Count(a), Some(Unit::Count(b))) => Unit::same_count(a, b),
            (_, None) => true,
            _ => false,
        };
        let differs = out.first().is_none_or(|(t, ..)| t.value != q.number.value);
        if same_unit && differs {
            if let Some(t) = p.indicator_term(row, q) {
                let bound = matches!(q.comparator, Comparator::Ge | Comparator::Gt);
                out.push((t, q.unit.clone(), bound && !out.is_empty()));
            }
        }
    }
    out
}
