//! Property tests: no parser and no check panics, whatever the input. Strings are drawn both from
//! all of Unicode and from the forms' own vocabulary (digits, units, comparators, indicator names,
//! huge numbers), so that the interesting paths are reached, not just the "not a number" ones.

use hedui_core::field::all_paths;
use hedui_core::model::{
    Budget, Checkpoint, CostLine, Document, Indicator, Overview, Project, Section, Source,
};
use hedui_core::{check, docnum, goal, indicator, number, quantity, render};
use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "4",
    "5",
    "9",
    "０",
    "９",
    ".",
    "．",
    ",",
    "，",
    "。",
    "万元",
    "元",
    "亿元",
    "万",
    "%",
    "％",
    "个百分点",
    "人",
    "名",
    "人次",
    "户",
    "个",
    "个月",
    "年",
    "月",
    "日",
    "号",
    "底",
    "前",
    "完成",
    "≥",
    "≤",
    ">=",
    "<=",
    ">",
    "<",
    "=",
    "＞",
    "≧",
    "不低于",
    "不超过",
    "以上",
    "以内",
    "十",
    "九",
    "三",
    "一",
    "两",
    "壹",
    "拾",
    "佰",
    "万",
    "整",
    "/",
    "／",
    "·",
    "春节",
    "季度",
    "上半年",
    "【",
    "】",
    "〔",
    "〕",
    "(",
    ")",
    " ",
    "\n",
    "\u{3000}",
    "十九大",
    "二十大",
    "十九届",
    "总数",
    "合计",
    "慰问",
    "慰问金",
    "标准",
    "人均",
    "救助",
    "成本指标",
    "数量指标",
    "质量指标",
    "时效指标",
    "产出指标",
    "效益指标",
    "满意度指标",
    "社会效益指标",
    "满意度",
    "率",
    "财政资金",
    "其他资金",
    "资金",
    "发放",
    "99999999999999999999999999999",
    "79228162514264337593543950335",
    "0.0000000000000000000000000001",
    "2024",
    "1.",
    "、",
    "（1）",
    "-",
    "e",
    "abc",
    "<img src=x onerror=alert(1)>",
    "\u{0}",
];

fn vocab() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(prop::sample::select(TOKENS), 0..24).prop_map(|v| v.concat()),
        1 => any::<String>(),
    ]
}

fn indicator_row() -> impl Strategy<Value = Indicator> {
    (
        (vocab(), vocab(), vocab(), vocab(), vocab()),
        (vocab(), vocab(), vocab(), vocab(), vocab()),
    )
        .prop_map(
            |(
                (level1, level2, level3, description, comparator),
                (value, unit, weight, direction, basis),
            )| Indicator {
                level1,
                level2,
                level3,
                description,
                comparator,
                value,
                unit,
                weight,
                direction,
                basis,
            },
        )
}

fn budget() -> impl Strategy<Value = Budget> {
    (
        vocab(),
        vocab(),
        vocab(),
        prop::collection::vec((vocab(), vocab()), 0..3),
    )
        .prop_map(|(total, fiscal, other, sources)| Budget {
            total,
            fiscal,
            other,
            sources: sources
                .into_iter()
                .map(|(label, amount)| Source {
                    label,
                    within: amount.chars().take(2).collect(),
                    amount,
                })
                .collect(),
        })
}

fn project() -> impl Strategy<Value = Project> {
    (
        (vocab(), vocab(), vocab(), vocab(), budget(), budget()),
        prop::collection::vec((vocab(), vocab()), 0..6),
        (
            prop::collection::vec(vocab(), 0..4),
            prop::collection::vec(vocab(), 0..2),
        ),
        (
            prop::collection::vec(indicator_row(), 0..8),
            prop::collection::vec(indicator_row(), 0..3),
        ),
        prop::collection::vec((vocab(), vocab(), vocab()), 0..4),
    )
        .prop_map(
            |(
                (code, name, purpose, summary, budget, mid_budget),
                sched,
                (goals, mid_goals),
                (indicators, mid_indicators),
                costs,
            )| Project {
                code,
                name,
                budget,
                mid_budget,
                purpose,
                summary,
                schedule: sched
                    .into_iter()
                    .map(|(label, percent)| Checkpoint { label, percent })
                    .collect(),
                goals,
                mid_goals,
                indicators,
                mid_indicators,
                costs: costs
                    .into_iter()
                    .map(|(item, amount, basis)| CostLine {
                        item,
                        amount,
                        basis,
                    })
                    .collect(),
                ..Project::default()
            },
        )
}

fn document() -> impl Strategy<Value = Document> {
    (
        vocab(),
        vocab(),
        prop::collection::vec(project(), 0..4),
        prop::collection::vec(prop::collection::vec(vocab(), 0..4), 0..3),
        prop::collection::vec(vocab(), 0..3),
    )
        .prop_map(|(year, money_unit, mut projects, safeguards, paragraphs)| {
            // Copies of one project are where HD501 and blame do the most work.
            if let Some(first) = projects.first().cloned() {
                projects.push(first);
            }
            Document {
                year,
                money_unit,
                projects,
                overviews: safeguards
                    .into_iter()
                    .map(|safeguards| Overview {
                        safeguards,
                        ..Overview::default()
                    })
                    .collect(),
                sections: vec![Section {
                    title: "三、工作保障措施".into(),
                    paragraphs,
                }],
                ..Document::default()
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn parsers_never_panic(s in vocab()) {
        let _ = number::parse_number(&s);
        let _ = quantity::scan(&s);
        let _ = quantity::parse_whole(&s);
        let _ = quantity::parse_money_cell(&s, quantity::MoneyUnit::Wan);
        let _ = quantity::parse_percent_cell(&s);
        let _ = indicator::read_value(&s, &s);
        let _ = indicator::read_deadline(&s);
        let _ = goal::read_goal(&s);
        let _ = docnum::find(&s);
    }

    #[test]
    fn spans_point_into_the_text(s in vocab()) {
        for q in quantity::scan(&s) {
            prop_assert!(s.get(q.span.clone()).is_some());
            prop_assert!(s.get(q.full_span.clone()).is_some());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn the_checker_never_panics(doc in document()) {
        let report = check(&doc);
        let _ = render::report(&report);
        // Every suggestion names a field that exists and applies cleanly.
        for f in &report.findings {
            if let Some(s) = &f.suggestion {
                prop_assert!(doc.get(&s.field).is_some_and(|t| t.contains(&s.from)), "{s:?}");
            }
        }
    }

    #[test]
    fn mutated_seed_never_panics(edits in prop::collection::vec((0usize..400, vocab()), 1..6)) {
        let mut doc: Document = serde_json::from_str(include_str!("../fixtures/seed.json")).unwrap();
        let paths = all_paths(&doc);
        for (i, text) in edits {
            if let Some(p) = paths.get(i % paths.len()) {
                doc.set(p, text);
            }
        }
        let _ = check(&doc);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn the_importer_never_panics(s in vocab()) {
        let r = hedui_core::import::import_text(&s);
        for u in &r.unplaced {
            prop_assert!(s.get(u.offset..).is_some_and(|rest| rest.starts_with(&u.text)), "{u:?}");
        }
        let _ = check(&r.document);
    }

    #[test]
    fn a_mangled_seed_text_never_panics(ops in prop::collection::vec((0usize..400, 0u8..3, vocab()), 1..8)) {
        let mut lines: Vec<String> = hedui_core::sample::SEED_TEXT.lines().map(str::to_owned).collect();
        for (at, op, text) in ops {
            let i = at % lines.len().max(1);
            match op {
                0 => { if lines.len() > 1 { lines.remove(i); } }
                1 => { let l = lines.get(i).cloned().unwrap_or_default(); lines.insert(i, l); }
                _ => lines.insert(i, text),
            }
        }
        let text = lines.join("\n");
        let r = hedui_core::import::import_text(&text);
        let _ = check(&r.document);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Re-checking only what changed gives exactly what a fresh check gives, edit after edit.
    #[test]
    fn incremental_checks_equal_full_checks(edits in prop::collection::vec((0usize..400, vocab()), 1..12)) {
        let mut doc: Document = serde_json::from_str(include_str!("../fixtures/seed.json")).unwrap();
        let paths = all_paths(&doc);
        let mut checker = hedui_core::check::Checker::default();
        prop_assert_eq!(checker.check(&doc), check(&doc));
        for (i, text) in edits {
            if let Some(p) = paths.get(i % paths.len()) {
                doc.set(p, text);
            }
            if i % 7 == 0 {
                doc.projects.swap(0, 2);
            }
            prop_assert_eq!(checker.check(&doc), check(&doc));
        }
    }
}
