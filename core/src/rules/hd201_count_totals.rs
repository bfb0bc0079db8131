//! HD201 数量合计: counts named in the goal lines add up to a 数量指标 that is their total.

use crate::facts::ProjectFacts;
use crate::field::Column;
use crate::finding::{Finding, Severity};
use crate::format::grouped;
use crate::quantity::Unit;
use crate::relation::Relation;
use crate::rules::rule;
use crate::sink::Sink;
use crate::text::shared_words;
use rust_decimal::Decimal;

rule!(
    CountTotals,
    "HD201",
    "数量合计",
    "error",
    "## 检查什么\n\
     数量指标中表示总数的一项（名称含“总数”“合计”“总计”），等于绩效目标各条中与它同类的数量之和\
     （按含义匹配：慰问各级劳模总数 ↔ 走访慰问各级劳模 30 人、38 名劳模；人与名同为人数）。\n\n\
     ## 为什么\n\
     总数与分项对不上，说明分项或总数有一处写错。\n\n\
     ## 不通过的例子\n\
     目标“走访慰问各级劳模 30 人”“为 38 名劳模发放荣誉津贴”，数量指标“慰问各级劳模总数 86 人”：30 + 38 = 68 ≠ 86。\n\n\
     ## 通过的例子\n\
     同样的目标，慰问各级劳模总数 68 人。",
    each_project: check_project
);

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    for ind in p.indicators.iter().filter(|i| i.is_quantity()) {
        if !["总数", "合计", "总计", "总人数"]
            .iter()
            .any(|w| ind.name.contains(w))
        {
            continue;
        }
        let Some(q) = ind.quantity() else { continue };
        let Unit::Count(word) = &q.unit else { continue };
        let Some(total) = p.indicator_term(ind.row, q) else {
            continue;
        };
        let parts: Vec<_> = p
            .goal_counts()
            .filter(|(_, item)| match &item.quantity.unit {
                Unit::Count(w) => Unit::same_count(w, word),
                _ => false,
            })
            .filter(|(_, item)| shared_words(&ind.name, &item.subject) > 0)
            .filter_map(|(line, item)| p.goal_term(line, item))
            .collect();
        let total_field = p.indicator_path(ind.row, Column::Value);
        if parts.is_empty() {
            out.cannot_verify(Finding::in_project(
                CountTotals::INFO.code,
                Severity::Info,
                p,
                vec![total_field],
                format!(
                    "“{}”{} {word} 是合计数，但绩效目标中没有写出与之对应的分项数量",
                    ind.name,
                    grouped(total.value)
                ),
            ));
            continue;
        }
        let sum = parts
            .iter()
            .try_fold(Decimal::ZERO, |acc, t| acc.checked_add(t.value));
        let figures = parts
            .iter()
            .map(|t| grouped(t.value))
            .collect::<Vec<_>>()
            .join(" + ");
        let mut fields: Vec<_> = parts.iter().map(|t| t.field).collect();
        fields.dedup();
        fields.push(total_field);
        let relation = Relation::Sum {
            parts,
            total,
            at_most: false,
        };
        if relation.holds() {
            out.holds();
            out.confirmed(relation);
            continue;
        }
        let Some(sum) = sum else { continue };
        out.fails(
            Finding::in_project(
                CountTotals::INFO.code,
                Severity::Error,
                p,
                fields,
                format!(
                    "绩效目标中的数量 {figures} = {} {word} ≠ “{}” {} {word}",
                    grouped(sum),
                    ind.name,
                    grouped(q.number.value)
                ),
            ),
            Some(relation),
        );
    }
}
