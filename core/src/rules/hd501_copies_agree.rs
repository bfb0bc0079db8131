//! HD501 同一项目多处一致: every copy of a project says the same thing.

use crate::facts::{Facts, ProjectFacts};
use crate::field::{Column, FieldPath, ProjectField, ProjectText};
use crate::finding::{Finding, Severity, Suggestion};
use crate::format::grouped;
use crate::goal::read_goal;
use crate::quantity::parse_whole;
use crate::relation::{Relation, Term};
use crate::rules::hd502_code_format::CodePattern;
use crate::rules::{rule, Rule, RuleInfo, Scope};
use crate::sink::Sink;
use crate::text::{compact, comparable, excerpt, same_text};

/// How much of a differing cell a message quotes.
const QUOTED_CHARS: usize = 200;
use std::collections::HashMap;

rule!(
    CopiesAgree,
    "HD501",
    "同一项目多处一致",
    "error",
    "## 检查什么\n\
     同一个项目（名称相同或编码相同）在文件中出现多次时（汇总表与明细表、两次粘贴的修订稿），各处的项目编码、\
     金额、资金用途、支出计划、绩效目标和指标都一致。不一致时，指出与其余证据不符的那一处：金额由其他规则\
     验证（例如目标金额之和等于预算数的那一份更可信），编码按文件中其他编码的格式判断。\n\n\
     ## 为什么\n\
     同一项目前后两处数字不同，至少有一处是错的，而发布后很难说清以哪处为准。\n\n\
     ## 不通过的例子\n\
     第一张“劳模基金”表写“发放荣誉津贴 450000 元”、编码 `13028124P00316100010`，第二张写 45000 元、编码\
     `13028124P003316100010`。\n\n\
     ## 通过的例子\n\
     两张“劳模基金”表的编码、金额、目标和指标完全相同（空格、换行和句末标点的差别不计）。"
);

impl Rule for CopiesAgree {
    fn info(&self) -> RuleInfo {
        Self::INFO
    }

    fn scope(&self) -> Scope {
        Scope::Document
    }

    fn check(&self, facts: &Facts<'_>, out: &mut Sink) {
        let pattern = CodePattern::of(facts);
        // Each copy is compared with the copy before it, not with every other copy: k copies cost
        // k - 1 comparisons, and each figure takes part in at most two of them, so blame stays
        // linear too. Agreement is transitive, so a chain that holds means all copies agree; a copy
        // that disagrees breaks the two links beside it, and blame picks it as the figure whose
        // change mends both.
        for group in copies(facts) {
            for pair in group.windows(2) {
                if let [a, b] = *pair {
                    if let (Some(pa), Some(pb)) = (facts.projects.get(a), facts.projects.get(b)) {
                        compare(pa, pb, &pattern, out);
                    }
                }
            }
        }
    }
}

/// The representative of `i`'s group, halving the path on the way.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while let Some(&p) = parent.get(i) {
        if p == i {
            break;
        }
        let grand = parent.get(p).copied().unwrap_or(p);
        if let Some(slot) = parent.get_mut(i) {
            *slot = grand;
        }
        i = p;
    }
    i
}

/// Groups of project indices that are copies of one project (same name or same code).
pub fn copies(facts: &Facts<'_>) -> Vec<Vec<usize>> {
    let n = facts.projects.len();
    // Union-find over "same name" and "same code", linear in the number of projects.
    let mut parent: Vec<usize> = (0..n).collect();
    let mut first_by_key: HashMap<(bool, String), usize> = HashMap::new();
    for (i, p) in facts.projects.iter().enumerate() {
        for key in [
            (true, compact(&p.project.name)),
            (false, compact(&p.project.code)),
        ] {
            if key.1.is_empty() {
                continue;
            }
            match first_by_key.get(&key) {
                Some(&j) => {
                    let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                    if let Some(slot) = parent.get_mut(ri) {
                        *slot = rj;
                    }
                }
                None => {
                    first_by_key.insert(key, i);
                }
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        groups.entry(root(&mut parent, i)).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
    out.sort();
    out
}

fn where_(a: &ProjectFacts<'_>, b: &ProjectFacts<'_>) -> String {
    format!(
        "“{}”在第 {} 和第 {} 个项目表中",
        a.label,
        a.index + 1,
        b.index + 1
    )
}

fn differ(
    a: &ProjectFacts<'_>,
    b: &ProjectFacts<'_>,
    fields: Vec<FieldPath>,
    what: &str,
    shown: (&str, &str),
    relation: Option<Relation>,
    out: &mut Sink,
) {
    // Very long cells are quoted in part: the fields themselves are named and highlighted.
    let message = format!(
        "{}{what}不一致：“{}” / “{}”",
        where_(a, b),
        excerpt(shown.0, QUOTED_CHARS),
        excerpt(shown.1, QUOTED_CHARS)
    );
    out.fails(
        Finding::in_project(CopiesAgree::INFO.code, Severity::Error, a, fields, message),
        relation,
    );
}

/// Compares two numbers typed in corresponding fields; a relation lets blame pick the wrong copy.
fn compare_numbers(
    ta: Term,
    tb: Term,
    what: &str,
    a: &ProjectFacts<'_>,
    b: &ProjectFacts<'_>,
    out: &mut Sink,
) {
    let fields = vec![ta.field, tb.field];
    let (va, vb) = (grouped(ta.value), grouped(tb.value));
    let relation = Relation::same(ta, tb);
    if relation.holds() {
        out.confirmed(relation);
        return;
    }
    differ(a, b, fields, what, (&va, &vb), Some(relation), out);
}

fn compare(a: &ProjectFacts<'_>, b: &ProjectFacts<'_>, pattern: &CodePattern, out: &mut Sink) {
    let before = out.failures();
    compare_code(a, b, pattern, out);
    if let (Some((ta, fa, oa)), Some((tb, fb, ob))) = (a.budget(), b.budget()) {
        for (field, (ma, mb), name) in [
            (ProjectField::Text(ProjectText::Total), (ta, tb), "预算数"),
            (
                ProjectField::Text(ProjectText::Fiscal),
                (fa, fb),
                "财政资金",
            ),
            (ProjectField::Text(ProjectText::Other), (oa, ob), "其他资金"),
        ] {
            compare_numbers(
                a.money_term(field, ma),
                b.money_term(field, mb),
                name,
                a,
                b,
                out,
            );
        }
    }
    compare_text(
        a,
        b,
        ProjectField::Text(ProjectText::Purpose),
        "资金用途",
        out,
    );
    for i in 0..a.project.schedule.len().min(b.project.schedule.len()) {
        compare_text(
            a,
            b,
            ProjectField::checkpoint_percent(i),
            "资金支出计划",
            out,
        );
    }
    compare_goals(a, b, out);
    compare_indicators(a, b, out);
    if out.failures() == before {
        out.holds();
    }
}

fn text_of<'t>(p: &'t ProjectFacts<'_>, field: ProjectField) -> &'t str {
    p.project.field_text(field).unwrap_or_default()
}

fn compare_text(
    a: &ProjectFacts<'_>,
    b: &ProjectFacts<'_>,
    field: ProjectField,
    what: &str,
    out: &mut Sink,
) {
    let (ta, tb) = (text_of(a, field), text_of(b, field));
    if same_text(ta, tb) {
        return;
    }
    differ(
        a,
        b,
        vec![a.path(field), b.path(field)],
        what,
        (&compact(ta), &compact(tb)),
        None,
        out,
    );
}

fn compare_code(a: &ProjectFacts<'_>, b: &ProjectFacts<'_>, pattern: &CodePattern, out: &mut Sink) {
    let (ca, cb) = (compact(&a.project.code), compact(&b.project.code));
    if ca.is_empty() || cb.is_empty() || ca == cb {
        return;
    }
    let (fa, fb) = (
        a.path(ProjectField::Text(ProjectText::Code)),
        b.path(ProjectField::Text(ProjectText::Code)),
    );
    let (ok_a, ok_b) = (pattern.fits(&ca), pattern.fits(&cb));
    let (wrong, right, wrong_code, right_code) = match (ok_a, ok_b) {
        (false, true) => (fa, fb, &ca, &cb),
        (true, false) => (fb, fa, &cb, &ca),
        _ => {
            differ(a, b, vec![fa, fb], "项目编码", (&ca, &cb), None, out);
            return;
        }
    };
    let mut finding = Finding::in_project(
        CopiesAgree::INFO.code,
        Severity::Error,
        if wrong == fa { a } else { b },
        vec![wrong],
        format!(
            "{}项目编码不一致：{wrong_code} / {right_code}；前者{}",
            where_(a, b),
            pattern.breaks(wrong_code).join("，")
        ),
    );
    finding.context.push(right);
    let a_chars: Vec<char> = wrong_code.chars().collect();
    let b_chars: Vec<char> = right_code.chars().collect();
    if crate::blame::one_slip(&a_chars, &b_chars) {
        let from = if wrong == fa {
            &a.project.code
        } else {
            &b.project.code
        };
        finding.suggestion = Some(Suggestion {
            field: wrong,
            from: from.trim().to_owned(),
            to: right_code.clone(),
            value: right_code.clone(),
        });
    }
    out.fails(finding, None);
}

fn compare_goals(a: &ProjectFacts<'_>, b: &ProjectFacts<'_>, out: &mut Sink) {
    let (ga, gb) = (&a.project.goals, &b.project.goals);
    if ga.len() != gb.len() {
        let (sa, sb) = (format!("{} 条", ga.len()), format!("{} 条", gb.len()));
        let fields = vec![a.path(ProjectField::goal(0)), b.path(ProjectField::goal(0))];
        differ(a, b, fields, "绩效目标条数", (&sa, &sb), None, out);
        return;
    }
    for (i, (la, lb)) in ga.iter().zip(gb).enumerate() {
        if same_text(la, lb) {
            continue;
        }
        let (qa, qb) = (read_goal(la), read_goal(lb));
        let same_shape = qa.len() == qb.len()
            && qa
                .iter()
                .zip(&qb)
                .all(|(x, y)| x.quantity.unit == y.quantity.unit);
        let rest_same = same_shape && strip_numbers(la) == strip_numbers(lb);
        if !rest_same {
            let fields = vec![a.path(ProjectField::goal(i)), b.path(ProjectField::goal(i))];
            differ(
                a,
                b,
                fields,
                &format!("绩效目标第 {} 条", i + 1),
                (&compact(la), &compact(lb)),
                None,
                out,
            );
            continue;
        }
        for (x, y) in qa.iter().zip(&qb) {
            if let (Some(tx), Some(ty)) = (a.goal_term(i, x), b.goal_term(i, y)) {
                compare_numbers(
                    tx,
                    ty,
                    &format!("绩效目标第 {} 条中的数字", i + 1),
                    a,
                    b,
                    out,
                );
            }
        }
    }
}

/// A line's text with its digits removed: two lines that differ only in figures.
fn strip_numbers(s: &str) -> String {
    comparable(s)
        .chars()
        .filter(|c| !c.is_ascii_digit() && *c != '.' && *c != ',')
        .collect()
}

fn compare_indicators(a: &ProjectFacts<'_>, b: &ProjectFacts<'_>, out: &mut Sink) {
    let (ra, rb) = (&a.project.indicators, &b.project.indicators);
    if ra.len() != rb.len() {
        let (sa, sb) = (format!("{} 行", ra.len()), format!("{} 行", rb.len()));
        differ(a, b, Vec::new(), "绩效指标行数", (&sa, &sb), None, out);
        return;
    }
    for (row, (ia, ib)) in a.indicators.iter().zip(&b.indicators).enumerate() {
        let cell = |p: &ProjectFacts<'_>, c: Column| p.indicator_path(row, c);
        if ia.level1 != ib.level1 || ia.level2 != ib.level2 || ia.name != ib.name {
            let fields = vec![cell(a, Column::Level3), cell(b, Column::Level3)];
            let (sa, sb) = (
                format!("{}/{}/{}", ia.level1, ia.level2, ia.name),
                format!("{}/{}/{}", ib.level1, ib.level2, ib.name),
            );
            differ(
                a,
                b,
                fields,
                &format!("指标第 {} 行", row + 1),
                (&sa, &sb),
                None,
                out,
            );
            continue;
        }
        let (va, vb) = match (ra.get(row), rb.get(row)) {
            (Some(x), Some(y)) => (&x.value, &y.value),
            _ => continue,
        };
        if !same_text(va, vb) {
            match (parse_whole(va), parse_whole(vb)) {
                (Some(qa), Some(qb)) if qa.unit == qb.unit && qa.comparator == qb.comparator => {
                    if let (Some(ta), Some(tb)) =
                        (a.indicator_term(row, &qa), b.indicator_term(row, &qb))
                    {
                        compare_numbers(ta, tb, &format!("“{}”的指标值", ia.name), a, b, out);
                    }
                }
                _ => {
                    let fields = vec![cell(a, Column::Value), cell(b, Column::Value)];
                    differ(
                        a,
                        b,
                        fields,
                        &format!("“{}”的指标值", ia.name),
                        (&compact(va), &compact(vb)),
                        None,
                        out,
                    );
                }
            }
        }
        let (ba, bb) = match (ra.get(row), rb.get(row)) {
            (Some(x), Some(y)) => (&x.basis, &y.basis),
            _ => continue,
        };
        if !same_text(ba, bb) {
            let fields = vec![cell(a, Column::Basis), cell(b, Column::Basis)];
            differ(
                a,
                b,
                fields,
                &format!("“{}”的指标依据", ia.name),
                (&compact(ba), &compact(bb)),
                None,
                out,
            );
        }
    }
}
