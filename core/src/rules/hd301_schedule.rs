//! HD301 支出计划: the spending schedule stays within 0–100%, never decreases, and ends at 100%.

use crate::facts::ProjectFacts;
use crate::field::ProjectField;
use crate::finding::{Finding, Severity};
use crate::format::plain;
use crate::rules::rule;
use crate::sink::Sink;
use rust_decimal::Decimal;

rule!(
    Schedule,
    "HD301",
    "支出计划",
    "error",
    "## 检查什么\n\
     资金支出计划（%）各时点的累计比例在 0–100% 之间、逐期不减少，最后一期为 100%。\n\n\
     ## 为什么\n\
     支出计划是累计进度：后一期比前一期少、超过 100% 或年底不到 100%，都说明计划填错了。\n\n\
     ## 不通过的例子\n\
     3 月底 30%、6 月底 60%、10 月底 50%、12 月底 100%（10 月底比 6 月底少）。\n\n\
     ## 通过的例子\n\
     3 月底 30%、6 月底 60%、10 月底 90%、12 月底 100%。",
    each_project: check_project
);

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    let field = |i| p.path(ProjectField::checkpoint_percent(i));
    let finding = |severity, fields, message| {
        Finding::in_project(Schedule::INFO.code, severity, p, fields, message)
    };
    let label = |i: usize| {
        p.project
            .schedule
            .get(i)
            .map_or(String::new(), |c| crate::text::compact(&c.label))
    };
    let mut read = Vec::new();
    for (i, c) in p.schedule.iter().enumerate() {
        match &c.percent {
            Ok(n) => read.push((i, n.value)),
            Err(crate::number::NumberError::Empty) => {}
            Err(e) => out.cannot_verify(Finding {
                unreadable: true,
                ..finding(
                    Severity::Info,
                    vec![field(i)],
                    format!("资金支出计划“{}”{e}", label(i)),
                )
            }),
        }
    }
    if read.is_empty() {
        return;
    }
    let hundred = Decimal::ONE_HUNDRED;
    let mut ok = true;
    for (i, v) in &read {
        if *v < Decimal::ZERO || *v > hundred {
            ok = false;
            out.fails(
                finding(
                    Severity::Error,
                    vec![field(*i)],
                    format!("资金支出计划{} {}% 不在 0–100% 之间", label(*i), plain(*v)),
                ),
                None,
            );
        }
    }
    for pair in read.windows(2) {
        if let [(i, a), (j, b)] = pair {
            if b < a {
                ok = false;
                out.fails(
                    finding(
                        Severity::Error,
                        vec![field(*j), field(*i)],
                        format!(
                            "资金支出计划是累计比例，{} {}% 不应少于{} {}%",
                            label(*j),
                            plain(*b),
                            label(*i),
                            plain(*a)
                        ),
                    ),
                    None,
                );
            }
        }
    }
    let complete = read.len() == p.schedule.len();
    if let Some((i, last)) = read.last() {
        if complete && *i + 1 == p.schedule.len() && *last != hundred && *last <= hundred {
            ok = false;
            out.fails(
                finding(
                    Severity::Error,
                    vec![field(*i)],
                    format!(
                        "资金支出计划最后一期（{}）为 {}%，应为 100%",
                        label(*i),
                        plain(*last)
                    ),
                ),
                None,
            );
        }
    }
    if ok && complete {
        out.holds();
    } else if ok {
        out.cannot_verify(finding(
            Severity::Info,
            (0..p.schedule.len())
                .filter(|i| !read.iter().any(|(j, _)| j == i))
                .map(field)
                .collect(),
            "资金支出计划尚未填完".to_owned(),
        ));
    }
}
