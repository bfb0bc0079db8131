//! HD201 数量合计: counts named in the goal lines add up to a 数量指标 that is their total.

use crate::check::{Finding, Severity, Sink};
use crate::facts::{IndicatorFacts, ProjectFacts};
use crate::field::Column;
use crate::format::grouped;
use crate::goal::GoalItem;
use crate::quantity::Unit;
use crate::rules::{rule, Relation, Term};
use crate::text::Words;
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

/// The most goal counts a total is matched against. A real project names a handful; beyond this
/// the rule does not add up a partial list but says it did not check.
pub const MAX_MATCHED: usize = 256;

/// Beyond [`MAX_MATCHED`] counts the total is not added up from a partial list: the rule says so.
fn too_many_counts(
    p: &ProjectFacts<'_>,
    ind: &IndicatorFacts,
    total: &Term,
    word: &str,
) -> Finding {
    Finding::in_project(
        CountTotals::INFO.code,
        Severity::Info,
        p,
        vec![p.indicator_path(ind.row, Column::Value)],
        format!(
            "“{}”{} {word} 是合计数，但绩效目标中写出的数量共 {} 个，超过 {MAX_MATCHED} 个的核对上限，没有逐一核对合计",
            ind.name,
            grouped(total.value),
            grouped(p.goal_counts().count().into())
        ),
    )
}

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    let mut totals = p
        .indicators
        .iter()
        .filter(|i| i.is_quantity())
        .filter(|i| {
            ["总数", "合计", "总计", "总人数"]
                .iter()
                .any(|w| i.name.contains(w))
        })
        .peekable();
    if totals.peek().is_none() {
        return;
    }
    // Every count's words, read once for all totals.
    let counts: Vec<(usize, &GoalItem, Words)> = p
        .goal_counts()
        .take(MAX_MATCHED + 1)
        .map(|(line, item)| (line, item, Words::of(&item.subject)))
        .collect();
    let too_many = counts.len() > MAX_MATCHED;
    for ind in totals {
        let Some(q) = ind.quantity() else { continue };
        let Unit::Count(word) = &q.unit else { continue };
        let Some(total) = p.indicator_term(ind.row, q) else {
            continue;
        };
        if too_many {
            out.cannot_verify(too_many_counts(p, ind, &total, word));
            continue;
        }
        let name = Words::of(&ind.name);
        let parts: Vec<_> = counts
            .iter()
            .filter(|(_, item, _)| match &item.quantity.unit {
                Unit::Count(w) => Unit::same_count(w, word),
                _ => false,
            })
            .filter(|(.., words)| name.shared(words) > 0)
            .filter_map(|(line, item, _)| p.goal_term(*line, item))
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
        if crate::blame::holds(&relation, &[]) {
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
