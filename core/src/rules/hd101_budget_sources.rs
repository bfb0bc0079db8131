//! HD101 资金来源合计: 预算数 = 财政资金 + 其他资金, in the 年度 and the 中期 money; named sources add
//! up to what they make up.

use crate::facts::{Group, ProjectFacts, SourceFacts};
use crate::field::{Column, Period, ProjectField, ProjectList, ProjectText};
use crate::finding::{Finding, Severity};
use crate::format;
use crate::number::NumberError;
use crate::quantity::Money;
use crate::relation::{sum_of, Relation, Term};
use crate::rules::rule;
use crate::sink::Sink;
use rust_decimal::Decimal;

rule!(
    BudgetSources,
    "HD101",
    "资金来源合计",
    "error / warning",
    "## 检查什么\n\
     每个项目的预算数等于财政资金与其他资金之和（预算数 = 财政资金 + 其他资金），按填写的精度比较；\
     有中期资金（中期资金总额）的，中期也一样。列出具体来源的：各来源（上级资金、本级资金、中央补助、\
     地方资金……）之和等于预算数；分组列出的（“财政拨款小计”下的“一般公共预算”“政府性基金”），\
     组内各项之和等于该组金额。来源之和多于总额是错误；只列了部分来源、合计少于总额是警告。\
     金额都不能是负数。\n\n\
     ## 为什么\n\
     资金来源之和与预算数不符，说明其中至少一个数字填错，整张表的金额都无法核对。\n\n\
     ## 不通过的例子\n\
     预算数 9.00，财政资金 8.00，其他资金 0：8.00 + 0 = 8.00 ≠ 9.00。\
     年度资金总额 0，其中：财政拨款 202.64。\n\n\
     ## 通过的例子\n\
     预算数 9.00，财政资金 9.00，其他资金 0；财政拨款 6.30，其中一般公共预算 6.30、政府性基金 0.00。",
    each_project: check_project
);

const CODE: &str = BudgetSources::INFO.code;

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    for period in Period::BOTH {
        let (total, fiscal, other, sources) = p.funds(period);
        if period == Period::Mid && !p.mid.is_written() {
            continue;
        }
        let names = Names::of(period);
        let fields = period.budget_fields();
        check_main(p, (total, fiscal, other), fields, &names, out);
        check_sources(p, (total, fiscal, other), sources, fields, &names, out);
    }
}

/// How a period's figures are named in messages.
struct Names {
    total: &'static str,
    fiscal: &'static str,
    other: &'static str,
}

impl Names {
    fn of(period: Period) -> Self {
        match period {
            Period::Annual => Self {
                total: "预算数",
                fiscal: "财政资金",
                other: "其他资金",
            },
            Period::Mid => Self {
                total: "中期资金总额",
                fiscal: "中期财政资金",
                other: "中期其他资金",
            },
        }
    }
}

type Cell<'a> = &'a Result<Money, NumberError>;

/// A period's total, fiscal and other fields and its list of named sources.
type FieldSet = (ProjectText, ProjectText, ProjectText, ProjectList);

fn check_main(
    p: &ProjectFacts<'_>,
    (total, fiscal, other): (Cell<'_>, Cell<'_>, Cell<'_>),
    (total_field, fiscal_field, other_field, _): FieldSet,
    names: &Names,
    out: &mut Sink,
) {
    let fields = [
        ProjectField::Text(total_field),
        ProjectField::Text(fiscal_field),
        ProjectField::Text(other_field),
    ];
    let (total, fiscal, other) = match (total, fiscal, other) {
        (Ok(total), Ok(fiscal), Ok(other)) => (total, fiscal, other),
        (total, fiscal, other) => {
            // Blank is "not yet typed"; anything else unreadable gets its own message at the field.
            let cells = [
                (names.total, total),
                (names.fiscal, fiscal),
                (names.other, other),
            ];
            let typed = period_of(total_field).budget(p.project);
            if cells.iter().all(|(_, c)| c.is_err()) && typed.total.trim().is_empty() {
                return;
            }
            // Named sources stand in for 财政 / 其他 (`上级资金`, `中央补助`): HD101 checks them below.
            let has_sources = !p.funds(period_of(total_field)).3.is_empty();
            if has_sources && fiscal.as_ref().is_err_and(|e| *e == NumberError::Empty) {
                return;
            }
            let problems: Vec<(ProjectField, String)> = fields
                .iter()
                .zip(cells)
                .filter_map(|(field, (name, cell))| {
                    cell.as_ref().err().map(|e| (*field, format!("{name}{e}")))
                })
                .collect();
            let message = format!(
                "无法核对资金来源：{}。",
                problems
                    .iter()
                    .map(|(_, m)| m.as_str())
                    .collect::<Vec<_>>()
                    .join("；")
            );
            let unreadable = [total, fiscal, other]
                .iter()
                .any(|c| matches!(c, Err(e) if *e != NumberError::Empty));
            out.cannot_verify(Finding {
                unreadable,
                ..p.finding(
                    CODE,
                    Severity::Info,
                    problems.into_iter().map(|(f, _)| p.path(f)).collect(),
                    message,
                )
            });
            return;
        }
    };
    if let Some(finding) = negative(p, &fields, names, [total, fiscal, other]) {
        out.fails(finding, None);
        return;
    }
    let fiscal_term = p.money_term(fiscal_field, fiscal);
    let other_term = p.money_term(other_field, other);
    let total_term = p.money_term(total_field, total);
    let relation = Relation::Sum {
        parts: vec![fiscal_term.clone(), other_term.clone()],
        total: total_term.clone(),
        at_most: false,
    };
    out.relation(relation, |_| {
        let sum = fiscal.yuan.checked_add(other.yuan).unwrap_or_default();
        let unit = format::unit_of(&total_term);
        let scale = fiscal.number.scale.max(other.number.scale);
        let message = format!(
            "{} {} + {} {} = {} ≠ {} {}",
            names.fiscal,
            format::term(&fiscal_term),
            names.other,
            format::term(&other_term),
            format::money(sum, unit, scale),
            names.total,
            format::term(&total_term)
        );
        p.finding(
            CODE,
            Severity::Error,
            fields.iter().map(|f| p.path(*f)).collect(),
            message,
        )
    });
}

/// A negative figure is read as typed, then questioned here rather than added up.
fn negative(
    p: &ProjectFacts<'_>,
    fields: &[ProjectField; 3],
    names: &Names,
    cells: [&Money; 3],
) -> Option<Finding> {
    let negative: Vec<(ProjectField, &str, &Money)> = fields
        .iter()
        .zip([names.total, names.fiscal, names.other])
        .zip(cells)
        .filter(|(_, m)| m.yuan.is_sign_negative() && !m.yuan.is_zero())
        .map(|((f, name), m)| (*f, name, m))
        .collect();
    if negative.is_empty() {
        return None;
    }
    let message = negative
        .iter()
        .map(|(_, name, m)| {
            format!(
                "{name}为负数（{}）",
                format::money(m.yuan, m.unit, m.number.scale)
            )
        })
        .collect::<Vec<_>>()
        .join("，");
    Some(p.finding(
        CODE,
        Severity::Error,
        negative.iter().map(|(f, ..)| p.path(*f)).collect(),
        format!("{message}：预算金额不能小于 0"),
    ))
}

fn period_of(total: ProjectText) -> Period {
    if total == ProjectText::MidTotal {
        Period::Mid
    } else {
        Period::Annual
    }
}

/// Named sources: the top-level ones add up to the total (or, beside 财政/其他, to the total or
/// to 财政资金, which they then detail); the items of a group add up to the group.
fn check_sources(
    p: &ProjectFacts<'_>,
    (total, fiscal, other): (Cell<'_>, Cell<'_>, Cell<'_>),
    sources: &[SourceFacts],
    (total_field, fiscal_field, other_field, list): FieldSet,
    names: &Names,
    out: &mut Sink,
) {
    if sources.is_empty() {
        return;
    }
    let term = |s: &SourceFacts| -> Option<Term> {
        let m = s.amount.as_ref().ok()?;
        Some(p.money_term(ProjectField::Cell(list, s.row, Column::Amount), m))
    };
    let top: Vec<&SourceFacts> = sources.iter().filter(|s| s.group == Group::Total).collect();
    let typed = period_of(total_field).budget(p.project);
    let beside = !typed.fiscal.trim().is_empty() || !typed.other.trim().is_empty();
    if !top.is_empty() {
        if let (Some(parts), Ok(total)) = (
            top.iter().map(|s| term(s)).collect::<Option<Vec<Term>>>(),
            total,
        ) {
            let total_term = p.money_term(total_field, total);
            if beside {
                detail_of_total_or_fiscal(p, parts, total_term, fiscal, fiscal_field, names, out);
            } else {
                sum_to(p, parts, &top, total_term, names.total, false, out);
            }
        }
    }
    // Groups: the items `within` each group add up to it.
    let mut groups: Vec<Group> = sources
        .iter()
        .map(|s| s.group)
        .filter(|g| !matches!(g, Group::Total | Group::Unknown))
        .collect();
    groups.sort_by_key(|g| match g {
        Group::Fiscal => 0,
        Group::Other => 1,
        Group::Source(i) => 2 + i,
        _ => usize::MAX,
    });
    groups.dedup();
    for g in groups {
        let items: Vec<&SourceFacts> = sources.iter().filter(|s| s.group == g).collect();
        let Some(parts) = items.iter().map(|s| term(s)).collect::<Option<Vec<Term>>>() else {
            continue;
        };
        let (group_term, name) = match g {
            Group::Fiscal => match fiscal {
                Ok(m) => (p.money_term(fiscal_field, m), names.fiscal.to_owned()),
                Err(_) => continue,
            },
            Group::Other => match other {
                Ok(m) if !typed.other.trim().is_empty() => {
                    (p.money_term(other_field, m), names.other.to_owned())
                }
                _ => continue,
            },
            Group::Source(i) => match sources.get(i).and_then(|s| term(s).map(|t| (t, s))) {
                Some((group, source)) => (group, source.label.clone()),
                None => continue,
            },
            _ => continue,
        };
        sum_to(p, parts, &items, group_term, &name, true, out);
    }
}

/// Sources beside 财政/其他: they may break the total down another way or detail 财政资金.
fn detail_of_total_or_fiscal(
    p: &ProjectFacts<'_>,
    parts: Vec<Term>,
    total: Term,
    fiscal: Cell<'_>,
    fiscal_field: ProjectText,
    names: &Names,
    out: &mut Sink,
) {
    let whole = Relation::Sum {
        parts: parts.clone(),
        total: total.clone(),
        at_most: false,
    };
    if whole.holds() {
        out.holds();
        out.confirmed(whole);
        return;
    }
    if let Ok(fm) = fiscal {
        let of_fiscal = Relation::Sum {
            parts: parts.clone(),
            total: p.money_term(fiscal_field, fm),
            at_most: false,
        };
        if of_fiscal.holds() {
            out.holds();
            out.confirmed(of_fiscal);
            return;
        }
    }
    let within = Relation::Sum {
        parts,
        total,
        at_most: true,
    };
    if within.holds() {
        out.holds();
        return;
    }
    let Relation::Sum { parts, total, .. } = &within else {
        return;
    };
    let refs: Vec<&Term> = parts.iter().collect();
    let sum = sum_of(parts).unwrap_or(Decimal::MAX);
    let (figures, shown) = format::sum(&refs, sum);
    let mut fields: Vec<_> = parts.iter().map(|t| t.field).collect();
    fields.push(total.field);
    let unit = format::unit_of(parts.first().unwrap_or(total));
    out.fails(
        p.finding(
            CODE,
            Severity::Error,
            fields,
            format!(
                "所列资金来源 {figures} = {shown}，超过{} {}",
                names.total,
                format::term_beside(total, unit)
            ),
        ),
        Some(within),
    );
}

/// `parts` (the sources `items`) add up to `total`: more is an error; less an error for the items
/// of a group (`strict`), a warning for top-level sources (one may not be listed).
fn sum_to(
    p: &ProjectFacts<'_>,
    parts: Vec<Term>,
    items: &[&SourceFacts],
    total: Term,
    name: &str,
    strict: bool,
    out: &mut Sink,
) {
    let Some(sum) = sum_of(&parts) else { return };
    let over = sum > total.value;
    let labels: Vec<String> = items.iter().map(|s| s.label.clone()).collect();
    let mut fields: Vec<_> = parts.iter().map(|t| t.field).collect();
    fields.push(total.field);
    let relation = Relation::Sum {
        parts,
        total,
        at_most: false,
    };
    if relation.holds() {
        out.holds();
        out.confirmed(relation);
        return;
    }
    let Relation::Sum { parts, total, .. } = &relation else {
        return;
    };
    let refs: Vec<&Term> = parts.iter().collect();
    let (figures, shown) = format::sum(&refs, sum);
    let unit = format::unit_of(parts.first().unwrap_or(total));
    let message = format!(
        "{}：{figures} = {shown} ≠ {name} {}",
        labels.join("、"),
        format::term_beside(total, unit)
    );
    if over || strict {
        out.fails(
            p.finding(CODE, Severity::Error, fields, message),
            Some(relation),
        );
    } else {
        let missing = total.value.checked_sub(sum).unwrap_or_default();
        out.fails(
            p.finding(
                CODE,
                Severity::Warning,
                fields,
                format!(
                    "{message}：还差 {}，是否漏列了一项来源？",
                    format::money(missing, unit, total.number.scale)
                ),
            ),
            None,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::check::check;
    use crate::model::{Document, Source};

    fn doc(total: &str, fiscal: &str, other: &str) -> Document {
        let mut d = Document::blank();
        let b = &mut d.projects[0].budget;
        b.total = total.into();
        b.fiscal = fiscal.into();
        b.other = other.into();
        d
    }

    fn hd101(d: &Document) -> Vec<String> {
        let r = check(d);
        r.findings
            .iter()
            .chain(&r.pending)
            .filter(|f| f.rule == "HD101")
            .map(|f| f.message.clone())
            .collect()
    }

    #[test]
    fn fails_when_sources_do_not_add_up() {
        assert_eq!(
            hd101(&doc("9.00", "8.00", "0")),
            ["财政资金 8.00 万元 + 其他资金 0 万元 = 8.00 万元 ≠ 预算数 9.00 万元"]
        );
        // A zero is exact: 468.84 ≠ 468.48 + 0 however the 0 is written.
        assert_eq!(hd101(&doc("468.84", "468.48", "0")).len(), 1);
        // A total of 0 beside a 财政拨款 of 202.64.
        assert_eq!(hd101(&doc("0", "202.64", "")).len(), 1);
    }

    #[test]
    fn holds_in_every_written_form() {
        for total in ["9", "9.0", "9.00", "９．００", "9 万元", "90000元"] {
            assert!(hd101(&doc(total, "9.00", "0")).is_empty(), "{total}");
        }
    }

    fn source(label: &str, amount: &str, within: &str) -> Source {
        Source {
            label: label.into(),
            amount: amount.into(),
            within: within.into(),
        }
    }

    #[test]
    fn named_sources_and_groups() {
        // Top-level sources make up the total.
        let mut d = doc("397", "", "");
        d.projects[0].budget.sources = vec![source("中央补助", "397", "")];
        assert!(hd101(&d).is_empty(), "{:?}", hd101(&d));
        d.projects[0].budget.sources = vec![
            source("中央补助", "300", ""),
            source("地方资金", "107.5", ""),
        ];
        let m = hd101(&d);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(
            m[0].contains("300 + 107.5 = 407.5 万元 ≠ 预算数 397 万元"),
            "{m:?}"
        );
        // Items within a group make up the group.
        let mut d = doc("", "6.30", "0.00");
        d.projects[0].budget.sources = vec![
            source("一般公共预算", "6.30", "财政拨款"),
            source("政府性基金", "0.00", "财政拨款"),
        ];
        assert!(
            hd101(&d).iter().all(|m| !m.contains("≠")),
            "{:?}",
            hd101(&d)
        );
        d.projects[0].budget.sources[1].amount = "1.00".into();
        assert!(
            hd101(&d).iter().any(|m| m.contains("≠ 财政资金 6.30 万元")),
            "{:?}",
            hd101(&d)
        );
        // A source detailing 财政资金 beside it.
        let mut d = doc("1500", "1500", "");
        d.projects[0].budget.sources = vec![source("当年财政拨款", "1500", "")];
        assert!(hd101(&d).is_empty());
    }

    #[test]
    fn mid_term_money_is_checked_too() {
        let mut d = doc("9.00", "9.00", "0");
        let m = &mut d.projects[0].mid_budget;
        m.total = "30.00".into();
        m.fiscal = "20.00".into();
        m.other = "0".into();
        let msgs = hd101(&d);
        assert_eq!(
            msgs,
            ["中期财政资金 20.00 万元 + 中期其他资金 0 万元 = 20.00 万元 ≠ 中期资金总额 30.00 万元"]
        );
    }

    #[test]
    fn amounts_at_the_limit_of_exact_arithmetic_do_not_panic() {
        let max = "79228162514264337593543950335元";
        let _ = check(&doc(max, max, max));
        let _ = check(&doc("1", max, max));
        let r = check(&doc("99999999999999999999999999999999", "1", "0"));
        assert!(
            r.pending[0].message.contains("数值过大"),
            "{}",
            r.pending[0].message
        );
    }

    #[test]
    fn unreadable_input_is_reported_at_the_field() {
        let r = check(&doc("abc", "9.00", "0"));
        let p = r.pending.iter().find(|f| f.rule == "HD101").unwrap();
        assert_eq!(p.fields, ["projects[0].budget.total".parse().unwrap()]);
        assert!(p.message.contains("预算数“abc”不是数字"), "{}", p.message);
        // Nothing typed yet: nothing to say.
        assert!(hd101(&doc("", "", "")).is_empty());
    }
}
