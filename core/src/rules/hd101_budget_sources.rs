//! HD101 资金来源合计: 预算数 = 财政资金 + 其他资金.

use crate::facts::ProjectFacts;
use crate::field::{ProjectField, ProjectText};
use crate::finding::{Finding, Severity};
use crate::format::yuan;
use crate::relation::Relation;
use crate::rules::rule;
use crate::sink::Sink;

rule!(
    BudgetSources,
    "HD101",
    "资金来源合计",
    "error",
    "## 检查什么\n\
     每个项目的预算数等于财政资金与其他资金之和（预算数 = 财政资金 + 其他资金），按填写的精度比较。\n\n\
     ## 为什么\n\
     资金来源之和与预算数不符，说明其中至少一个数字填错，整张表的金额都无法核对。\n\n\
     ## 不通过的例子\n\
     预算数 9.00，财政资金 8.00，其他资金 0：8.00 + 0 = 8.00 ≠ 9.00。\n\n\
     ## 通过的例子\n\
     预算数 9.00，财政资金 9.00，其他资金 0。",
    each_project: check_project
);

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    let fields = [
        ProjectField::Text(ProjectText::Total),
        ProjectField::Text(ProjectText::Fiscal),
        ProjectField::Text(ProjectText::Other),
    ];
    let finding = |severity, fields: Vec<ProjectField>, message: String| {
        let paths = fields.into_iter().map(|f| p.path(f)).collect();
        Finding::in_project(BudgetSources::INFO.code, severity, p, paths, message)
    };
    let (total, fiscal, other) = match (&p.total, &p.fiscal, &p.other) {
        (Ok(t), Ok(f), Ok(o)) => (t, f, o),
        (total, fiscal, other) => {
            // Blank is "not yet typed"; anything else unreadable gets its own message at the field.
            let cells = [("预算数", total), ("财政资金", fiscal), ("其他资金", other)];
            if cells.iter().all(|(_, c)| c.is_err()) && p.project.budget.total.trim().is_empty() {
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
                .any(|c| matches!(c, Err(e) if *e != crate::number::NumberError::Empty));
            out.cannot_verify(Finding {
                unreadable,
                ..finding(
                    Severity::Info,
                    problems.into_iter().map(|(f, _)| f).collect(),
                    message,
                )
            });
            return;
        }
    };
    let relation = Relation::Sum {
        parts: vec![
            p.money_term(ProjectField::Text(ProjectText::Fiscal), fiscal),
            p.money_term(ProjectField::Text(ProjectText::Other), other),
        ],
        total: p.money_term(ProjectField::Text(ProjectText::Total), total),
        at_most: false,
    };
    if relation.holds() {
        out.holds();
        out.confirmed(relation);
    } else {
        let Some(sum) = fiscal.yuan.checked_add(other.yuan) else {
            return;
        };
        let message = format!(
            "财政资金 {} + 其他资金 {} = {} ≠ 预算数 {}",
            yuan(fiscal.yuan),
            yuan(other.yuan),
            yuan(sum),
            yuan(total.yuan)
        );
        out.fails(
            finding(Severity::Error, fields.to_vec(), message),
            Some(relation),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::check::check;
    use crate::model::Document;

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
            ["财政资金 80 000 元 + 其他资金 0 元 = 80 000 元 ≠ 预算数 90 000 元"]
        );
    }

    #[test]
    fn holds_in_every_written_form() {
        for total in ["9", "9.0", "9.00", "９．００", "9 万元", "90000元"] {
            assert!(hd101(&doc(total, "9.00", "0")).is_empty(), "{total}");
        }
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
