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
use crate::text::{first_han, last_han, Words};
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

/// The most goal amounts (and goal counts) a standard is matched against. A real project names a
/// handful; a pasted line of thousands of figures must not make every standard compare itself
/// with each of them. When a project has more, the search covers the first ones and says so.
pub const MAX_MATCHED: usize = 256;

/// A goal amount a standard may belong to, read once per project.
struct Amount<'p> {
    line: usize,
    item: &'p GoalItem,
    /// The words of the figure's own clause.
    words: Words,
    /// The last count written before it in the same goal line.
    count_before: Option<&'p GoalItem>,
}

/// A goal line's words, read once: for scoring, and for the word across its junction with a name.
struct LineWords {
    words: Words,
    first_han: Option<char>,
}

/// A 数量指标 counted in people or things, read once.
struct CountRow<'p> {
    row: usize,
    quantity: &'p crate::quantity::Quantity,
    words: Words,
    /// A total of several (`总数`, `合计`): not the count of one goal's people.
    is_total: bool,
    /// The goal counts whose words match this row best: (score, the count), the best two, so that
    /// "no other goal count describes it as well" costs nothing per standard.
    best_goal_counts: [(usize, Option<*const GoalItem>); 2],
}

/// Everything the standards are matched against, read once per project.
struct Matcher<'p> {
    amounts: Vec<Amount<'p>>,
    /// How many goal amounts there are in all (more than `amounts` holds when cut).
    all_amounts: usize,
    lines: std::collections::HashMap<usize, LineWords>,
    rows: Vec<CountRow<'p>>,
}

impl<'p> Matcher<'p> {
    fn new(p: &'p ProjectFacts<'_>) -> Self {
        let mut amounts = Vec::new();
        let mut all_amounts = 0;
        for (line, items) in p.goals.iter().enumerate() {
            let mut count_before = None;
            for item in items {
                if matches!(item.quantity.unit, Unit::Count(_)) {
                    count_before = Some(item);
                } else if item.quantity.unit.is_money() && !item.is_per_unit() {
                    all_amounts += 1;
                    if amounts.len() < MAX_MATCHED {
                        amounts.push(Amount {
                            line,
                            item,
                            words: Words::of(&item.subject),
                            count_before,
                        });
                    }
                }
            }
        }
        let mut lines = std::collections::HashMap::new();
        for a in &amounts {
            lines.entry(a.line).or_insert_with(|| {
                let text = p.project.goals.get(a.line).map_or("", String::as_str);
                LineWords {
                    words: Words::of(text),
                    first_han: first_han(text),
                }
            });
        }
        let goal_counts: Vec<(&GoalItem, Words)> = p
            .goal_counts()
            .take(MAX_MATCHED)
            .map(|(_, item)| (item, Words::of(&item.subject)))
            .collect();
        let rows = p
            .indicators
            .iter()
            .filter(|i| i.is_quantity())
            .filter_map(|i| {
                let q = i.quantity()?;
                if !matches!(q.unit, Unit::Count(_)) {
                    return None;
                }
                let words = Words::of(&i.name);
                let mut best: [(usize, Option<*const GoalItem>); 2] = [(0, None), (0, None)];
                for (item, item_words) in &goal_counts {
                    let score = words.shared(item_words);
                    if score > best[0].0 || best[0].1.is_none() {
                        best[1] = best[0];
                        best[0] = (score, Some(std::ptr::from_ref(*item)));
                    } else if score > best[1].0 || best[1].1.is_none() {
                        best[1] = (score, Some(std::ptr::from_ref(*item)));
                    }
                }
                Some(CountRow {
                    row: i.row,
                    quantity: q,
                    words,
                    is_total: ["总数", "合计", "总计", "总人数"]
                        .iter()
                        .any(|w| i.name.contains(w)),
                    best_goal_counts: best,
                })
            })
            .collect();
        Self {
            amounts,
            all_amounts,
            lines,
            rows,
        }
    }

    /// Said after a message when the search was cut.
    fn limited(&self) -> String {
        if self.all_amounts > self.amounts.len() {
            format!(
                "（目标中共 {} 个金额，只在前 {MAX_MATCHED} 个中查找）",
                grouped(self.all_amounts.into())
            )
        } else {
            String::new()
        }
    }
}

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    let matcher = Matcher::new(p);
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
                message + &matcher.limited(),
            )
        };
        // The amount: the goal money figure whose words best match the standard's name.
        let name_words = Words::of(&ind.name);
        let amount = matcher
            .amounts
            .iter()
            .map(|a| {
                let line_score = matcher
                    .lines
                    .get(&a.line)
                    .map_or(0, |l| name_words.shared(&l.words));
                (2 * name_words.shared(&a.words) + line_score, a)
            })
            .filter(|(score, ..)| *score > 0)
            .max_by_key(|(score, ..)| *score);
        let Some((_, chosen)) = amount else {
            out.cannot_verify(pending(format!(
                "成本指标“{}”{}：绩效目标中没有找到与之对应的金额，无法核对单价 × 数量",
                ind.name,
                shown(q)
            )));
            continue;
        };
        let (line, amount_item) = (chosen.line, chosen.item);
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
        let counts = find_counts(p, &matcher, chosen, (&ind.name, &name_words));
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
                let mut finding = mismatch(
                    p,
                    ind,
                    q,
                    (&count, &count_unit, bound),
                    &rate,
                    &total,
                    times,
                );
                finding.message.push_str(&matcher.limited());
                finding
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
    matcher: &Matcher<'_>,
    amount: &Amount<'_>,
    (standard, standard_words): (&str, &Words),
) -> Vec<(Term, Unit, bool)> {
    let mut out = Vec::new();
    let same_line = amount.count_before;
    if let Some(item) = same_line {
        if let Some(t) = p.goal_term(amount.line, item) {
            out.push((t, item.quantity.unit.clone(), false));
        }
    }
    // The standard's words followed by the line's, without joining the two texts.
    let empty = LineWords {
        words: Words::default(),
        first_han: None,
    };
    let line = matcher.lines.get(&amount.line).unwrap_or(&empty);
    let junction = Words::junction(last_han(standard), line.first_han);
    // With a count in the goal line, the 数量指标 that counts the same people or things (its words
    // match that count's, and it is not a total of several); without one, the best match for the
    // standard and the amount.
    let goal_subject = same_line.map(|i| Words::of(&i.subject));
    let best = matcher
        .rows
        .iter()
        .filter(|r| goal_subject.is_none() || !r.is_total)
        .map(|r| {
            let score = match &goal_subject {
                Some(subject) => r.words.shared(subject),
                None => r
                    .words
                    .found_in_any(&[standard_words, &line.words, &junction]),
            };
            (score, r)
        })
        .filter(|(score, _)| *score >= if goal_subject.is_some() { 2 } else { 1 })
        // It must count this goal's people, not another goal's: no other count of the goal
        // lines describes it as well.
        .filter(|(score, r)| {
            let Some(own) = same_line else { return true };
            let own = std::ptr::from_ref(own);
            let [first, second] = r.best_goal_counts;
            let other_best = if first.1 == Some(own) { second } else { first };
            other_best.1.is_none() || other_best.0 < *score
        })
        .max_by_key(|(score, _)| *score)
        .map(|(score, r)| (score, r.row, r.quantity));
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
