//! HD102 资金用途与表内数字: figures repeated in the 资金用途 prose equal the table's.

use crate::facts::ProjectFacts;
use crate::field::{ProjectField, ProjectText};
use crate::finding::{Finding, Severity};
use crate::format;
use crate::relation::{Relation, Term};
use crate::rules::rule;
use crate::sink::Sink;

rule!(
    PurposeFigures,
    "HD102",
    "资金用途与表内数字",
    "error",
    "## 检查什么\n\
     资金用途说明中重复写出的金额（资金总额、财政资金、其他资金）与表内的预算数、财政资金、其他资金一致，\
     按各自填写的精度比较。\n\n\
     ## 为什么\n\
     资金用途常从上一年复制，改了表格忘了改文字，两处数字就互相矛盾。\n\n\
     ## 不通过的例子\n\
     预算数 9.00，资金用途写“资金 8 万元。其中：财政资金 8 万元”。\n\n\
     ## 通过的例子\n\
     预算数 9.00、财政资金 9.00、其他资金 0，资金用途写“资金 9 万元。其中：财政资金 9 万元，其他资金 0 万元。”",
    each_project: check_project
);

/// Which budget figure a prose amount repeats, from the words just before it.
fn role(before: &str) -> ProjectField {
    if before.contains("财政") {
        ProjectField::Text(ProjectText::Fiscal)
    } else if before.contains("其他") || before.contains("自筹") {
        ProjectField::Text(ProjectText::Other)
    } else {
        ProjectField::Text(ProjectText::Total)
    }
}

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    let Some((total, fiscal, other)) = p.budget() else {
        return;
    };
    let purpose = p.path(ProjectField::Text(ProjectText::Purpose));
    let mut seen_total = false;
    for figure in &p.purpose {
        // The words since the previous figure (or the clause start) say which figure this is.
        let field = role(&figure.before);
        if field == ProjectField::Text(ProjectText::Total) {
            // Only the first unlabelled amount repeats the total; later ones are spending items.
            if seen_total {
                continue;
            }
            seen_total = true;
        }
        let (table, name) = match field {
            ProjectField::Text(ProjectText::Fiscal) => (fiscal, "财政资金"),
            ProjectField::Text(ProjectText::Other) => (other, "其他资金"),
            _ => (total, "预算数"),
        };
        let Some(prose) = Term::of_quantity(purpose, figure.nth, &figure.quantity) else {
            continue;
        };
        let table_term = p.money_term(field, table);
        let relation = Relation::same(prose, table_term);
        out.relation(relation, |r| {
            let terms = r.terms();
            let (prose, table) = (terms.first().copied(), terms.get(1).copied());
            let shown = |t: Option<&crate::relation::Term>| t.map(format::term).unwrap_or_default();
            Finding::in_project(
                PurposeFigures::INFO.code,
                Severity::Error,
                p,
                vec![purpose, p.path(field)],
                format!(
                    "资金用途写{name} {}，表内{name}为 {}",
                    shown(prose),
                    shown(table)
                ),
            )
        });
    }
}
