//! Cost in proportion to the input: every parser and the whole check run on the same input at
//! one, two, four and eight times a size, in one run, and fail when the time grows much faster
//! than the input (a pairwise comparison or a rescan per item doubles the time four times over at
//! each doubling of the input; linear work twice, n log n a little more).
//!
//! Time is the least of a few runs of each size, the sizes taken in turn so that a busy moment of
//! the shared machine hits all of them alike; the verdict is the median of the three doubling
//! ratios, so that one disturbed measurement (or a cache boundary crossed between two sizes) does
//! not decide it; and a verdict over the limit is measured again before the test fails. Growth
//! tests take turns so that they do not slow each other down. The inputs are the reproducers of
//! issue 15, scaled down for a debug build, and, as property tests, inputs built by repeating a
//! unit drawn from the forms' vocabulary.

use hedui_core::check::Checker;
use hedui_core::field::{all_paths, FieldPath};
use hedui_core::import::import_text;
use hedui_core::model::Document;
use hedui_core::{check, docnum, goal, indicator, number, quantity, sample, text, view};
use proptest::prelude::*;
use std::sync::Mutex;
use std::time::Instant;

/// Growth allowed each time the input doubles: 2 is linear, 4 quadratic.
const LIMIT: f64 = 3.0;

/// Runs of each size; the least time counts.
const RUNS: usize = 2;

/// One test at a time in this test binary: a test measuring time must not share the machine's
/// two cores with another test's work.
static TURN: Mutex<()> = Mutex::new(());

fn turn() -> std::sync::MutexGuard<'static, ()> {
    TURN.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn time(run: &dyn Fn()) -> f64 {
    let t = Instant::now();
    run();
    t.elapsed().as_secs_f64()
}

/// The median of the three ratios by which `run`'s time grows from `make(n)` to `make(2 n)`,
/// `make(4 n)` and `make(8 n)`.
fn growth<T>(make: &dyn Fn(usize) -> T, run: &dyn Fn(&T), n: usize) -> f64 {
    let inputs: Vec<T> = [1, 2, 4, 8].iter().map(|k| make(k * n)).collect();
    if let Some(first) = inputs.first() {
        run(first);
    }
    let mut best = [f64::INFINITY; 4];
    for _ in 0..RUNS {
        for (input, slot) in inputs.iter().zip(&mut best) {
            *slot = slot.min(time(&|| run(input)));
        }
    }
    let mut ratios: Vec<f64> = best.windows(2).map(|w| w[1] / w[0].max(1e-7)).collect();
    ratios.sort_by(f64::total_cmp);
    ratios[1]
}

/// Fails when, three times running, doubling the input more than [`LIMIT`]s the time. The caller
/// holds [`turn`].
/// `n` is chosen so that the smallest input takes about a millisecond or more in a debug build.
fn assert_linear<T>(what: &str, make: impl Fn(usize) -> T, run: impl Fn(&T), n: usize) {
    let mut ratios = Vec::new();
    for _ in 0..3 {
        let r = growth(&make, &run, n);
        if r <= LIMIT {
            return;
        }
        ratios.push(r);
    }
    panic!(
        "{what}: doubling the input multiplied the time by {ratios:.2?} (limit {LIMIT}): super-linear"
    );
}

fn path(s: &str) -> FieldPath {
    s.parse().unwrap()
}

/// The seed with its first project repeated `n` times, each copy changed by `edit`.
fn copies_of_first(n: usize, edit: impl Fn(usize, &mut Document)) -> Document {
    let mut doc = sample::seed();
    let first = doc.projects[0].clone();
    doc.projects = vec![first; n];
    for i in 0..n {
        edit(i, &mut doc);
    }
    doc
}

/// The seed's first project alone, with `field` set to `text`.
fn seed_with(field: &str, text: String) -> Document {
    let mut doc = sample::seed();
    doc.projects.truncate(1);
    assert!(doc.set(&path(field), text), "{field}");
    doc
}

fn run_check(doc: &Document) {
    std::hint::black_box(check(doc));
}

// The reproducers of issue 15.

#[test]
fn projects_sharing_a_name_are_grouped_not_paired() {
    let _turn = turn();
    let same_name = |n| {
        copies_of_first(n, |i, d| {
            d.set(
                &path(&format!("projects[{i}].code")),
                format!("13028124P{i:012}"),
            );
            d.set(
                &path(&format!("projects[{i}].budget.total")),
                format!("{}.00", i + 1),
            );
        })
    };
    assert_linear("同名项目", same_name, run_check, 40);
    // What a reviewer sees: each copy that disagrees is named, and nothing is lost.
    let r = check(&same_name(5));
    let hd501: Vec<_> = r.findings.iter().filter(|f| f.rule == "HD501").collect();
    assert!(!hd501.is_empty(), "{:#?}", r.findings);
    for i in 1..5 {
        let total = path(&format!("projects[{i}].budget.total"));
        assert!(
            r.findings
                .iter()
                .any(|f| f.fields.contains(&total) || f.context.contains(&total)),
            "copy {i} is not named: {:#?}",
            r.findings
        );
    }
}

#[test]
fn identical_copies_of_one_project_cost_linear_time() {
    let _turn = turn();
    assert_linear(
        "同一项目的副本",
        |n| copies_of_first(n, |_, _| {}),
        run_check,
        40,
    );
    // One odd copy among identical ones is the one blamed, with the others' value suggested.
    let doc = copies_of_first(9, |i, d| {
        let goal = path(&format!("projects[{i}].goals[1]"));
        let text = if i == 4 { "450000" } else { "45000" };
        d.set(
            &goal,
            format!("2. 为 38 名唐山市级以上劳模发放荣誉津贴 {text} 元。"),
        );
    });
    let r = check(&doc);
    let odd = r
        .findings
        .iter()
        .find(|f| f.fields.first() == Some(&path("projects[4].goals[1]")))
        .unwrap_or_else(|| panic!("{:#?}", r.findings));
    assert_eq!(
        odd.suggestion.as_ref().map(|s| s.to.as_str()),
        Some("45000")
    );
    assert!(
        r.findings
            .iter()
            .all(|f| f.fields.first() != Some(&path("projects[3].goals[1]"))),
        "{:#?}",
        r.findings
    );
}

fn amounts_line(n: usize) -> String {
    let figures: Vec<String> = (0..n)
        .map(|i| format!("发放慰问金 {} 元", i % 997 + 1))
        .collect();
    format!("1. {}。", figures.join("，"))
}

#[test]
fn a_goal_line_of_many_amounts_is_read_in_bounded_time() {
    let _turn = turn();
    assert_linear(
        "一条目标中的许多金额",
        |n| seed_with("projects[0].goals[0]", amounts_line(n)),
        run_check,
        500,
    );
    let r = check(&seed_with("projects[0].goals[0]", amounts_line(2000)));
    // HD103 still adds them all; the message lists the first and says how many.
    let hd103 = r.findings.iter().find(|f| f.rule == "HD103").unwrap();
    assert!(
        hd103.message.contains("（共 2 001 项）"),
        "{}",
        hd103.message
    );
    // The unit-cost search was limited, and says so.
    let limited = r
        .findings
        .iter()
        .chain(&r.pending)
        .flat_map(|f| std::iter::once(&f.message).chain(&f.also))
        .find(|m| m.contains("HD104") || m.contains("单价"))
        .unwrap_or_else(|| panic!("{r:#?}"));
    assert!(limited.contains("只在前 256 个中查找"), "{limited}");
}

#[test]
fn many_goal_lines_and_many_standards() {
    let _turn = turn();
    let goals = |n: usize| {
        let mut doc = seed_with("projects[0].goals[0]", String::new());
        doc.projects[0].goals = (0..n)
            .map(|i| {
                format!(
                    "{}. 走访慰问劳模 {} 人，发放慰问金 {} 元。",
                    i + 1,
                    i + 1,
                    1500 * (i + 1)
                )
            })
            .collect();
        let row = doc.projects[0].indicators[3].clone();
        doc.projects[0]
            .indicators
            .extend(std::iter::repeat_n(row, n));
        doc
    };
    // Below the search limit (256 amounts) every standard looks at every amount, by design; from
    // there on each standard costs the same whatever the number of amounts.
    assert_linear("许多目标与许多成本指标", goals, run_check, 300);
}

#[test]
fn the_seed_text_repeated_imports_and_checks_in_linear_time() {
    let _turn = turn();
    let repeated = |n: usize| sample::SEED_TEXT.repeat(n);
    assert_linear(
        "重复的种子文本：导入",
        repeated,
        |t: &String| {
            std::hint::black_box(import_text(t));
        },
        2,
    );
    assert_linear(
        "重复的种子文本：核对",
        |n| import_text(&repeated(n)).document,
        run_check,
        2,
    );
}

#[test]
fn millions_of_digits_are_refused_at_once() {
    let _turn = turn();
    let digits = "9".repeat(10_000_000);
    for field in [
        "projects[0].budget.total",
        "projects[0].budget.fiscal",
        "projects[0].schedule[0].percent",
    ] {
        let doc = seed_with(field, digits.clone());
        let t = Instant::now();
        let r = check(&doc);
        let took = t.elapsed();
        let p = r
            .pending
            .iter()
            .chain(&r.findings)
            .find(|f| f.fields.contains(&path(field)))
            .unwrap_or_else(|| panic!("{field}: {r:#?}"));
        assert!(
            p.message.contains("数值过大") || p.message.contains("不是数字"),
            "{field}: {}",
            p.message
        );
        assert!(p.message.chars().count() < 300, "{field}: message too long");
        // Generous even for a debug build on a busy machine: the point is no per-digit rescans.
        assert!(took.as_secs() < 10, "{field}: {took:?}");
    }
    assert_eq!(
        quantity::parse_money_cell(&digits, quantity::MoneyUnit::Wan),
        Err(number::NumberError::TooLarge)
    );
}

#[test]
fn a_long_cell_in_every_field_costs_linear_time() {
    let _turn = turn();
    let doc = sample::seed();
    let fields: Vec<FieldPath> = all_paths(&doc)
        .into_iter()
        .filter(|p| p.project().is_none_or(|i| i == 0))
        .collect();
    for field in fields {
        // Long runs of digits and of Chinese numerals, then a mix of what parsers look for.
        assert_linear(
            &format!("{field} 中的长文本"),
            |n| {
                let mut d = sample::seed();
                let text = format!(
                    "{}{}{}",
                    "9".repeat(n),
                    "十".repeat(n),
                    "【2023】1e3 45，000 元走访，".repeat(n / 8)
                );
                d.set(&field, text);
                d
            },
            run_check,
            400,
        );
    }
}

#[test]
fn one_long_level_cell_above_many_rows() {
    let _turn = turn();
    let make = |n: usize| {
        let mut doc = seed_with("projects[0].indicators[0].level1", "产出".repeat(n));
        let row = doc.projects[0].indicators[1].clone();
        doc.projects[0]
            .indicators
            .extend(std::iter::repeat_n(row, n));
        doc.projects[0].name = "名".repeat(n);
        doc.sections[0].title = "题".repeat(n);
        doc
    };
    assert_linear("长的一级指标与许多行", make, run_check, 300);
}

#[test]
fn the_incremental_checker_and_the_views_grow_linearly() {
    let _turn = turn();
    assert_linear(
        "逐键核对",
        sample::generated,
        |doc: &Document| {
            let mut checker = Checker::default();
            checker.check(doc);
            let mut edited = doc.clone();
            edited.set(&path("projects[0].goals[1]"), "2. 发放荣誉津贴 45000 元。");
            let report = checker.check(&edited);
            std::hint::black_box(view::grouped(&report));
            std::hint::black_box(view::messages_by_field(&report));
        },
        30,
    );
}

// Property tests: a unit drawn from the forms' vocabulary, repeated.

const UNITS: &[&str] = &[
    "9",
    "0",
    ".",
    ",",
    "，",
    "，000",
    "十",
    "九",
    "万",
    "元",
    "万元",
    "人",
    "%",
    "≥",
    "不低于",
    "月",
    "12 月",
    "底",
    "号",
    "【",
    "2023",
    "】",
    "遵字",
    "e",
    "-",
    "/",
    "人/",
    "·",
    " ",
    "\n",
    "\r",
    "\r\n",
    "、",
    "1.",
    "（1）",
    "十九大",
    "二十大",
    "慰问",
    "慰问金",
    "标准",
    "人均",
    "总数",
    "产出指标",
    "数量指标",
    "成本指标",
    "项目编码",
    "项目名称",
    "预算数",
    "其他资金",
    "绩效目标",
    "一级指标",
    "绩效目标表",
    "第一部分",
    "工作保障措施",
    "单位：万元",
    "P",
    "a",
];

fn unit() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(UNITS), 1..6).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn parsers_grow_linearly(u in unit()) {
        let _turn = turn();
        assert_linear(
            &format!("文本工具：重复的“{}”", u.escape_debug()),
            |n| u.repeat(n),
            |s: &String| {
                std::hint::black_box(number::parse_number(s)).ok();
                std::hint::black_box(quantity::scan_all(s));
                std::hint::black_box(quantity::parse_whole(s));
                std::hint::black_box(goal::read_goal(s));
                std::hint::black_box(indicator::read_value(s, ""));
                std::hint::black_box(indicator::read_deadline(s));
                std::hint::black_box(docnum::find(s));
                std::hint::black_box(text::compact(s));
                std::hint::black_box(text::comparable(s));
                std::hint::black_box(text::same_text(s, s));
                std::hint::black_box(text::contains_word(s, "十九大"));
                std::hint::black_box(text::shared_words(s, s));
            },
            2000,
        );
    }

    #[test]
    fn the_importer_grows_linearly(u in unit()) {
        let _turn = turn();
        assert_linear(
            &format!("导入：重复的“{}”", u.escape_debug()),
            |n| format!("{}{}", sample::SEED_TEXT, u.repeat(n)),
            |s: &String| {
                std::hint::black_box(import_text(s));
            },
            800,
        );
    }

    #[test]
    fn the_check_grows_linearly_in_a_goal_line(u in unit()) {
        let _turn = turn();
        assert_linear(
            &format!("核对：目标中重复的“{}”", u.escape_debug()),
            |n| seed_with("projects[0].goals[1]", u.repeat(n)),
            run_check,
            600,
        );
    }
}
