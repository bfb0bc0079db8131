//! HD107 表内合计: every 合计 / 小计 / 总计 a table states equals its parts; shares add up to 100%.

use crate::facts::{Facts, ProjectFacts, TableFacts};
use crate::field::{Column, FieldPath, ProjectField, ProjectList};
use crate::finding::{Finding, Severity};
use crate::format;
use crate::quantity::{Money, Unit};
use crate::relation::{sum_of, Relation, Term};
use crate::rules::{rule, Rule, RuleInfo, Scope};
use crate::sink::Sink;
use rust_decimal::Decimal;

rule!(
    StatedTotals,
    "HD107",
    "表内合计",
    "error",
    "## 检查什么\n\
     表中每个写明的合计、小计、总计都等于它的各项之和：资金分配表的合计行、往年执行数等每一列的合计、\
     成本构成的合计行、部门整体表中“基本支出 + 项目支出 = 合计”、年度主要任务的金额之和等于合计\
     （没有合计行时等于项目支出）；写了占比的，每项占比等于该项金额 ÷ 合计，各项占比之和为 100%。\
     按各数填写的精度比较。\n\n\
     ## 为什么\n\
     合计是审核时最先看、也最常复核的数字；合计与各项对不上，说明有一项或合计本身写错了。\n\n\
     ## 不通过的例子\n\
     2020 年实际执行数：191 + 99 + 372.88 = 662.88，合计写 662.98。\
     年度主要任务 96.00 + 58.00 + 42.50 + 63.70 + 44.00 + 130.00 = 434.20，项目支出 424.20。\n\n\
     ## 通过的例子\n\
     本年预算 191 + 99 + 524 = 814，合计 814；基本支出 812.30（65.69%）+ 项目支出 424.20（34.31%）= 1236.50（100%）。"
);

const CODE: &str = StatedTotals::INFO.code;

impl Rule for StatedTotals {
    fn info(&self) -> RuleInfo {
        Self::INFO
    }

    fn scope(&self) -> Scope {
        Scope::Document
    }

    fn check(&self, facts: &Facts<'_>, out: &mut Sink) {
        for p in &facts.projects {
            costs(p, out);
            spending(p, out);
            tasks(p, out);
        }
        for t in &facts.tables {
            table(t, out);
        }
    }
}

/// A sum that must equal its stated total, reported with the labels of its parts.
fn must_equal(
    parts: Vec<Term>,
    (total, total_name): (Term, &str),
    what: &str,
    finding: impl FnOnce(Vec<FieldPath>, String) -> Finding,
    out: &mut Sink,
) {
    let Some(sum) = sum_of(&parts) else { return };
    let refs: Vec<&Term> = parts.iter().collect();
    let (figures, shown) = format::sum(&refs, sum);
    let unit = match refs.first() {
        Some(f) if refs.iter().all(|t| t.factor == f.factor) => format::unit_of(f),
        _ => crate::quantity::MoneyUnit::Yuan,
    };
    let message = format!(
        "{what}：{figures} = {shown} ≠ {total_name} {}",
        format::term_beside(&total, unit)
    );
    let mut fields: Vec<FieldPath> = vec![total.field];
    fields.extend(parts.iter().map(|t| t.field));
    let relation = Relation::Sum {
        parts,
        total,
        at_most: false,
    };
    out.relation(relation, |_| finding(fields, message));
}

fn list_term(p: &ProjectFacts<'_>, list: ProjectList, row: usize, m: &Money) -> Term {
    p.money_term(ProjectField::Cell(list, row, Column::Amount), m)
}

fn costs(p: &ProjectFacts<'_>, out: &mut Sink) {
    let Some(total) = p.costs.iter().find(|c| c.is_total) else {
        return;
    };
    let Ok(tm) = &total.amount else { return };
    let parts: Option<Vec<Term>> = p
        .costs
        .iter()
        .filter(|c| !c.is_total && (c.amount.is_ok() || !c.item.is_empty()))
        .map(|c| {
            c.amount
                .as_ref()
                .ok()
                .map(|m| list_term(p, ProjectList::Costs, c.row, m))
        })
        .collect();
    let Some(parts) = parts else { return };
    must_equal(
        parts,
        (list_term(p, ProjectList::Costs, total.row, tm), "合计"),
        "成本构成各项",
        |fields, message| p.finding(CODE, Severity::Error, fields, message),
        out,
    );
}

fn spending(p: &ProjectFacts<'_>, out: &mut Sink) {
    if p.spending.is_empty() {
        return;
    }
    let parts: Vec<_> = p.spending.iter().filter(|s| !s.is_total).collect();
    let total = p.spending.iter().find(|s| s.is_total);
    // Amounts: the parts give the 合计.
    if let Some(total) = total {
        let terms: Option<Vec<Term>> = parts
            .iter()
            .map(|s| {
                s.amount
                    .as_ref()
                    .ok()
                    .map(|m| list_term(p, ProjectList::Spending, s.row, m))
            })
            .collect();
        if let (Some(terms), Ok(tm)) = (terms, &total.amount) {
            let what = parts
                .iter()
                .map(|s| s.label.as_str())
                .collect::<Vec<_>>()
                .join(" + ");
            must_equal(
                terms,
                (list_term(p, ProjectList::Spending, total.row, tm), "合计"),
                &what,
                |fields, message| p.finding(CODE, Severity::Error, fields, message),
                out,
            );
        }
    }
    shares(p, &parts, total, out);
}

/// Each share is its amount over the whole, and together they make 100%.
fn shares(
    p: &ProjectFacts<'_>,
    parts: &[&crate::facts::ShareFacts],
    total: Option<&crate::facts::ShareFacts>,
    out: &mut Sink,
) {
    let whole = match total.map(|t| &t.amount) {
        Some(Ok(m)) => Some(m.yuan),
        _ => parts
            .iter()
            .map(|s| s.amount.as_ref().ok().map(|m| m.yuan))
            .try_fold(Decimal::ZERO, |acc, v| acc.checked_add(v?)),
    };
    let Some(whole) = whole.filter(|w| !w.is_zero()) else {
        return;
    };
    let share_path = |row| {
        p.path(ProjectField::Cell(
            ProjectList::Spending,
            row,
            Column::Share,
        ))
    };
    let mut share_sum = Decimal::ZERO;
    let mut allowance = Decimal::ZERO;
    let mut all_shares = true;
    for s in parts {
        let Ok(share) = &s.share else {
            all_shares = false;
            continue;
        };
        share_sum = share_sum.checked_add(share.value).unwrap_or(Decimal::MAX);
        allowance = allowance
            .checked_add(share.half_ulp())
            .unwrap_or(Decimal::MAX);
        let Ok(amount) = &s.amount else { continue };
        let Some(expected) = amount
            .yuan
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|v| v.checked_div(whole))
        else {
            continue;
        };
        let Some(gap) = expected.checked_sub(share.value) else {
            continue;
        };
        // The share is rounded at its written precision; the amounts at theirs.
        let slack = share.half_ulp().checked_add(
            amount
                .tolerance
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|v| v.checked_div(whole))
                .unwrap_or_default(),
        );
        if slack.is_some_and(|slack| gap.abs() <= slack) {
            out.holds();
        } else {
            out.fails(
                p.finding(
                    CODE,
                    Severity::Error,
                    vec![share_path(s.row)],
                    format!(
                        "{}占比写 {}%，按金额计算为 {}%",
                        s.label,
                        format::plain(share.value),
                        expected.round_dp(2).normalize()
                    ),
                ),
                None,
            );
        }
    }
    if all_shares && parts.len() > 1 {
        let hundred = Decimal::ONE_HUNDRED;
        if share_sum
            .checked_sub(hundred)
            .is_some_and(|g| g.abs() <= allowance)
        {
            out.holds();
        } else {
            out.fails(
                p.finding(
                    CODE,
                    Severity::Error,
                    parts.iter().map(|s| share_path(s.row)).collect(),
                    format!("各项占比之和为 {}%，应为 100%", share_sum.normalize()),
                ),
                None,
            );
        }
    }
}

fn tasks(p: &ProjectFacts<'_>, out: &mut Sink) {
    let parts: Vec<_> = p.tasks.iter().filter(|t| !t.is_total).collect();
    if parts.is_empty() {
        return;
    }
    let Some(terms) = parts
        .iter()
        .map(|t| {
            t.amount
                .as_ref()
                .ok()
                .map(|m| list_term(p, ProjectList::Tasks, t.row, m))
        })
        .collect::<Option<Vec<Term>>>()
    else {
        return;
    };
    let total = match p.tasks.iter().find(|t| t.is_total) {
        Some(t) => t
            .amount
            .as_ref()
            .ok()
            .map(|m| (list_term(p, ProjectList::Tasks, t.row, m), "合计")),
        // Without a 合计 row, the tasks are what 项目支出 pays for.
        None => p
            .spending
            .iter()
            .find(|s| s.label.contains("项目支出"))
            .and_then(|s| {
                s.amount
                    .as_ref()
                    .ok()
                    .map(|m| (list_term(p, ProjectList::Spending, s.row, m), "项目支出"))
            }),
    };
    let Some((total, name)) = total else { return };
    must_equal(
        terms,
        (total, name),
        "年度主要任务金额",
        |fields, message| p.finding(CODE, Severity::Error, fields, message),
        out,
    );
}

/// Rows of a table whose label names a total, with whether it is a 小计.
fn table(t: &TableFacts, out: &mut Sink) {
    let data: Vec<usize> = (t.header_rows..t.rows.len()).collect();
    let label = |r: usize| -> String {
        t.rows
            .get(r)
            .and_then(|row| {
                row.iter()
                    .find(|c| c.number.is_none() && !c.text.is_empty())
            })
            .map(|c| c.text.clone())
            .unwrap_or_default()
    };
    let kind = |r: usize| -> Option<bool> {
        let l = label(r);
        if l.contains("小计") {
            Some(true)
        } else if crate::facts::is_total_label(&l) {
            Some(false)
        } else {
            None
        }
    };
    let totals: Vec<(usize, bool)> = data
        .iter()
        .filter_map(|&r| kind(r).map(|s| (r, s)))
        .collect();
    if totals.is_empty() {
        return;
    }
    let has_subtotals = totals.iter().any(|(_, s)| *s);
    let is_plain = |r: usize| kind(r).is_none();
    // A table states its totals either above their items (合计 first) or below them.
    let first_total = totals.first().map_or(usize::MAX, |(r, _)| *r);
    let top = !data
        .iter()
        .any(|&r| r < first_total && is_plain(r) && has_numbers(t, r));
    for &(row, sub) in &totals {
        let parts: Vec<usize> = if sub || !has_subtotals {
            if top {
                data.iter()
                    .copied()
                    .filter(|&r| r > row)
                    .take_while(|&r| is_plain(r))
                    .collect()
            } else {
                data.iter()
                    .copied()
                    .filter(|&r| r < row)
                    .rev()
                    .take_while(|&r| is_plain(r))
                    .collect()
            }
        } else {
            totals.iter().filter(|(_, s)| *s).map(|(r, _)| *r).collect()
        };
        if parts.is_empty() {
            continue;
        }
        let columns = t.rows.get(row).map_or(0, Vec::len);
        for c in 0..columns {
            let Some(total) = t.term(row, c) else {
                continue;
            };
            let mut terms = Vec::new();
            let mut readable = true;
            for &r in &parts {
                match t.rows.get(r).and_then(|row| row.get(c)) {
                    Some(cell) if cell.text.is_empty() || cell.text == "-" => {}
                    Some(_) => match t.term(r, c) {
                        Some(term) => terms.push(term),
                        None => readable = false,
                    },
                    None => {}
                }
            }
            if !readable || terms.is_empty() {
                continue;
            }
            let percent = t
                .rows
                .get(row)
                .and_then(|r| r.get(c))
                .and_then(|cell| cell.number.as_ref())
                .is_some_and(|q| q.unit == Unit::Percent);
            let what = format!(
                "表 {} “{}”第 {} 列{}",
                t.index + 1,
                label(row),
                c + 1,
                if percent { "（占比）" } else { "" }
            );
            must_equal(
                terms,
                (total, "合计"),
                &what,
                |fields, message| Finding::in_document(CODE, Severity::Error, fields, message),
                out,
            );
        }
    }
}

fn has_numbers(t: &TableFacts, r: usize) -> bool {
    t.rows
        .get(r)
        .is_some_and(|row| row.iter().any(|c| c.number.is_some()))
}
