//! HD104 单价 × 数量: a per-unit standard times the count it belongs to gives the amount it belongs to.

use crate::check::{Finding, Severity, Sink};
use crate::facts::{IndicatorFacts, ProjectFacts};
use crate::field::Column;
use crate::format::{grouped, yuan};
use crate::goal::GoalItem;
use crate::quantity::{Comparator, Quantity, Unit};
use crate::rules::{rule, Relation, Term};
use crate::text::{first_han, last_han, Words};

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

/// The most goal amounts a standard is matched against. A real project names a handful; a pasted
/// line of thousands of figures must not make every standard compare itself with each of them.
/// When a project has more, the search covers the first ones and the rule says so.
pub const MAX_MATCHED: usize = 256;

/// A goal amount a standard may belong to, read once per project.
struct Candidate<'p> {
    line: usize,
    item: &'p GoalItem,
    /// The words of the figure's own clause.
    words: Words,
    /// The last count written before it in the same goal line.
    count_before: Option<&'p GoalItem>,
}

/// The words of one goal line, read once: for scoring, and for finding a count by name.
struct LineWords {
    words: Words,
    first_han: Option<char>,
}

/// The goal amounts to match (at most [`MAX_MATCHED`]), and how many there are in all.
fn candidates<'p>(p: &'p ProjectFacts<'_>) -> (Vec<Candidate<'p>>, usize) {
    let mut out = Vec::new();
    let mut all = 0;
    for (line, items) in p.goals.iter().enumerate() {
        let mut last_count = None;
        for item in items {
            if matches!(item.quantity.unit, Unit::Count(_)) {
                last_count = Some(item);
            } else if item.quantity.unit.is_money() && !item.is_per_unit() {
                all += 1;
                if out.len() < MAX_MATCHED {
                    out.push(Candidate {
                        line,
                        item,
                        words: Words::of(&item.subject),
                        count_before: last_count,
                    });
                }
            }
        }
    }
    (out, all)
}

/// What standards are matched against in one project, read once for all of them.
struct Matching<'p> {
    candidates: Vec<Candidate<'p>>,
    /// The words of each goal line that holds a candidate.
    lines: Vec<Option<LineWords>>,
    /// 数量指标 rows with a count: their words, the row and the count.
    quantity_rows: Vec<(Words, &'p IndicatorFacts, &'p Quantity)>,
    /// What messages add when the search was limited (empty when it was not).
    limited: String,
}

impl<'p> Matching<'p> {
    fn of(p: &'p ProjectFacts<'_>) -> Self {
        let (candidates, all) = candidates(p);
        let mut lines: Vec<Option<LineWords>> = (0..p.goals.len()).map(|_| None).collect();
        for c in &candidates {
            if let Some(slot @ None) = lines.get_mut(c.line) {
                let text = p.project.goals.get(c.line).map_or("", String::as_str);
                *slot = Some(LineWords {
                    words: Words::of(text),
                    first_han: first_han(text),
                });
            }
        }
        let limited = if all > candidates.len() {
            format!(
                "（绩效目标中写出的金额共 {} 个，超过 {MAX_MATCHED} 个，只在前 {MAX_MATCHED} 个中查找）",
                grouped(all.into())
            )
        } else {
            String::new()
        };
        let quantity_rows = p
            .indicators
            .iter()
            .filter(|i| i.is_quantity())
            .filter_map(|i| {
                let q = i.quantity()?;
                matches!(q.unit, Unit::Count(_)).then(|| (Words::of(&i.name), i, q))
            })
            .collect();
        Self {
            candidates,
            lines,
            quantity_rows,
            limited,
        }
    }

    fn line(&self, line: usize) -> Option<&LineWords> {
        self.lines.get(line).and_then(Option::as_ref)
    }

    /// The amount a standard belongs to: the goal money figure whose words best match its name.
    fn amount_for(&self, name: &Words) -> Option<&Candidate<'p>> {
        self.candidates
            .iter()
            .map(|c| {
                let in_line = self.line(c.line).map_or(0, |l| name.shared(&l.words));
                (2 * name.shared(&c.words) + in_line, c)
            })
            .filter(|(score, _)| *score > 0)
            .max_by_key(|(score, _)| *score)
            .map(|(_, c)| c)
    }

    fn count_for(
        &self,
        p: &ProjectFacts<'_>,
        amount: &Candidate<'_>,
        standard: &str,
    ) -> Option<(Term, Unit)> {
        find_count(
            p,
            amount,
            standard,
            self.line(amount.line),
            &self.quantity_rows,
        )
    }
}

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    let mut standards = p
        .indicators
        .iter()
        .filter(|i| i.is_cost())
        .filter_map(|i| i.quantity().map(|q| (i, q)))
        .filter(|(i, q)| is_standard(&i.name, &q.unit))
        .peekable();
    if standards.peek().is_none() {
        return;
    }
    let matching = Matching::of(p);
    let limited = &matching.limited;
    for (ind, q) in standards {
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
                message + limited,
            )
        };
        let amount = matching.amount_for(&Words::of(&ind.name));
        let Some(chosen) = amount else {
            out.cannot_verify(pending(format!(
                "成本指标“{}”{}：绩效目标中没有找到与之对应的金额，无法核对单价 × 数量",
                ind.name,
                grouped(rate.value)
            )));
            continue;
        };
        let (line, amount_item) = (chosen.line, chosen.item);
        let Some(count) = matching.count_for(p, chosen, &ind.name) else {
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
        };
        if crate::blame::holds(&relation, &[]) {
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
                ) + limited,
            ),
            Some(relation),
        );
    }
}

/// The count a standard applies to: a count in the same goal line as the amount, else the 数量指标
/// whose name best matches the standard's and the amount's line's words.
fn find_count(
    p: &ProjectFacts<'_>,
    amount: &Candidate<'_>,
    standard: &str,
    line: Option<&LineWords>,
    quantity_rows: &[(Words, &IndicatorFacts, &Quantity)],
) -> Option<(Term, Unit)> {
    if let Some(item) = amount.count_before {
        return Some((p.goal_term(amount.line, item)?, item.quantity.unit.clone()));
    }
    // The words of the standard's name followed by the line, without joining the two texts.
    let standard_words = Words::of(standard);
    let junction = Words::junction(last_han(standard), line.and_then(|l| l.first_han));
    let empty = Words::default();
    let line_words = line.map_or(&empty, |l| &l.words);
    let (_, row, q) = quantity_rows
        .iter()
        .map(|(words, i, q)| {
            (
                words.found_in_any(&[&standard_words, line_words, &junction]),
                i.row,
                *q,
            )
        })
        .filter(|(score, ..)| *score > 0)
        .max_by_key(|(score, ..)| *score)?;
    Some((p.indicator_term(row, q)?, q.unit.clone()))
}
