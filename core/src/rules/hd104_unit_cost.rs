//! HD104 单价 × 数量: a per-unit standard times the count it belongs to gives the amount it belongs to.

use crate::facts::ProjectFacts;
use crate::field::Column;
use crate::finding::{Finding, Severity};
use crate::format::{grouped, yuan};
use crate::goal::GoalItem;
use crate::quantity::{Comparator, Unit};
use crate::relation::{Relation, Term};
use crate::rules::rule;
use crate::sink::Sink;
use crate::text::shared_words;

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
        if !is_standard(&ind.name, &q.unit) {
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
                grouped(rate.value)
            )));
            continue;
        };
        let Some(count) = find_count(p, line, amount_item, &ind.name) else {
            out.cannot_verify(pending(format!(
                "成本指标“{}”：没有找到它所对应的数量，无法核对单价 × 数量",
                ind.name
            )));
            continue;
        };
        let Some(total) = p.goal_term(line, amount_item) else {
            continue;
        };
        let at_most = matches!(q.comparator, Comparator::Le | Comparator::Lt);
        let count_unit = match &count.1 {
            Unit::Count(w) => w.clone(),
            _ => String::new(),
        };
        let (count, _) = count;
        let product = count.value.checked_mul(rate.value);
        let fields = vec![rate_field, count.field, total.field];
        let relation = Relation::Product {
            count: count.clone(),
            rate: rate.clone(),
            total: total.clone(),
            at_most,
            times: rust_decimal::Decimal::ONE,
        };
        if relation.holds() {
            out.holds();
            out.confirmed(relation);
            continue;
        }
        let Some(product) = product else { continue };
        let relation_word = if at_most { "超过" } else { "≠" };
        out.fails(
            Finding::in_project(
                UnitCost::INFO.code,
                Severity::Error,
                p,
                fields,
                format!(
                    "{} {count_unit} × {} {}{} = {} {relation_word} 对应金额 {}",
                    grouped(count.value),
                    ind.name,
                    if q.comparator_written {
                        q.comparator.symbol()
                    } else {
                        ""
                    },
                    yuan(rate.value),
                    yuan(product),
                    yuan(total.value)
                ),
            ),
            Some(relation),
        );
    }
}

/// The count a standard applies to: a count in the same goal line as the amount, else the 数量指标
/// whose name best matches the standard's and the amount's words.
fn find_count(
    p: &ProjectFacts<'_>,
    line: usize,
    amount: &GoalItem,
    standard: &str,
) -> Option<(Term, Unit)> {
    let same_line = p
        .goals
        .get(line)?
        .iter()
        .rfind(|i| matches!(i.quantity.unit, Unit::Count(_)) && i.nth < amount.nth);
    if let Some(item) = same_line {
        return Some((p.goal_term(line, item)?, item.quantity.unit.clone()));
    }
    let context = format!(
        "{standard}{}",
        p.project.goals.get(line).map_or("", String::as_str)
    );
    let (_, row, q) = p
        .indicators
        .iter()
        .filter(|i| i.is_quantity())
        .filter_map(|i| {
            let q = i.quantity()?;
            matches!(q.unit, Unit::Count(_)).then(|| (shared_words(&i.name, &context), i.row, q))
        })
        .filter(|(score, ..)| *score > 0)
        .max_by_key(|(score, ..)| *score)?;
    Some((p.indicator_term(row, q)?, q.unit.clone()))
}
