//! HD108 中期与年度资金: the year's money fits within the 中期 money; a multi-year project has both.

use crate::facts::ProjectFacts;
use crate::field::ProjectText;
use crate::finding::Severity;
use crate::format;
use crate::number::NumberError;
use crate::relation::Relation;
use crate::rules::rule;
use crate::sink::Sink;

rule!(
    MidAndAnnual,
    "HD108",
    "中期与年度资金",
    "error / warning",
    "## 检查什么\n\
     有中期（长期、项目总预算）资金的项目：年度资金总额不超过中期资金总额，年度财政资金不超过中期财政\
     资金（超过为错误）；项目期跨多年（如“2023—2025年”）的项目，中期和年度资金都要填写（缺一为警告）。\
     中期、年度各自的来源之和见 HD101。\n\n\
     ## 为什么\n\
     年度资金是中期资金的一部分：一年要用的钱比整个项目期还多，说明总额或年度数写错了。\n\n\
     ## 不通过的例子\n\
     项目总预算 80 万元，当年年度预算 90 万元。\n\n\
     ## 通过的例子\n\
     中期资金总额 68.50 万元（2024—2026 年），年度资金总额 51.35 万元。"
    ,
    each_project: check_project
);

const CODE: &str = MidAndAnnual::INFO.code;

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    let annual_written = !matches!(p.total, Err(NumberError::Empty));
    let mid_written = !matches!(p.mid.total, Err(NumberError::Empty));
    for (annual, mid, a_field, m_field, name) in [
        (
            &p.total,
            &p.mid.total,
            ProjectText::Total,
            ProjectText::MidTotal,
            "资金总额",
        ),
        (
            &p.fiscal,
            &p.mid.fiscal,
            ProjectText::Fiscal,
            ProjectText::MidFiscal,
            "财政资金",
        ),
    ] {
        let (Ok(a), Ok(m)) = (annual, mid) else {
            continue;
        };
        if a_field == ProjectText::Fiscal
            && (p.project.budget.fiscal.trim().is_empty()
                || p.project.mid_budget.fiscal.trim().is_empty())
        {
            continue;
        }
        let at = p.money_term(a_field, a);
        let mt = p.money_term(m_field, m);
        let message = format!(
            "年度{name} {} 超过中期{name} {}：年度资金是中期资金的一部分",
            format::term(&at),
            format::term_beside(&mt, format::unit_of(&at))
        );
        let fields = vec![p.path(a_field), p.path(m_field)];
        let relation = Relation::Sum {
            parts: vec![at],
            total: mt,
            at_most: true,
        };
        out.relation(relation, |_| {
            p.finding(CODE, Severity::Error, fields, message)
        });
    }
    let multi_year = p.period_years.is_some_and(|y| y.to > y.from);
    if multi_year && annual_written != mid_written {
        let (missing, field) = if mid_written {
            ("年度资金总额", ProjectText::Total)
        } else {
            ("中期资金总额", ProjectText::MidTotal)
        };
        let span = p
            .period_years
            .map(|y| format!("{}—{} 年", y.from, y.to))
            .unwrap_or_default();
        out.fails(
            p.finding(
                CODE,
                Severity::Warning,
                vec![p.path(field)],
                format!("项目期为 {span}，跨多个年度，但没有填写{missing}"),
            ),
            None,
        );
    }
}
