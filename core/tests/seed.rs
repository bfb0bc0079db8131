//! The seed document checked by hand (shared/docs/DOMAIN.md, E1–E5): the checker finds exactly
//! those five, blames the right fields, suggests the two fixes, and flags none of what holds.

use hedui_core::editor::{Action, Editor};
use hedui_core::{check, Document, FieldPath, Report, Severity};

fn seed() -> Document {
    serde_json::from_str(include_str!("../fixtures/seed.json")).unwrap()
}

fn path(s: &str) -> FieldPath {
    s.parse().unwrap()
}

fn count(report: &Report, rule: &str) -> (usize, usize, usize) {
    let c = report.counts.iter().find(|c| c.rule == rule).unwrap();
    (c.holds, c.fails, c.unverified)
}

#[test]
fn finds_exactly_e1_to_e5() {
    let r = check(&seed());
    let summary: Vec<(&str, Severity, String)> = r
        .findings
        .iter()
        .map(|f| (f.rule, f.severity, f.fields[0].to_string()))
        .collect();
    assert_eq!(
        summary,
        [
            // E1: 荣誉津贴 450000 in the first 劳模基金 table.
            ("HD103", Severity::Error, "projects[0].goals[1]".to_owned()),
            // E2: the 20-character code of the first 劳模基金 table.
            ("HD501", Severity::Error, "projects[0].code".to_owned()),
            // E5: 春节前一月底完成 against 30% by end of March (both copies).
            (
                "HD302",
                Severity::Warning,
                "projects[0].indicators[2].value".to_owned()
            ),
            // E3: 1.23 万元 of the 困难职工 fund tied to no target.
            (
                "HD103",
                Severity::Warning,
                "projects[1].goals[0]".to_owned()
            ),
            // E4: 十九大 in the third 工作保障措施 block.
            (
                "HD601",
                Severity::Warning,
                "sections[0].paragraphs[1]".to_owned()
            ),
        ],
        "{:#?}",
        r.findings
    );
    assert!(r.pending.is_empty(), "{:#?}", r.pending);
}

#[test]
fn e1_blames_the_typo_and_suggests_45000() {
    let r = check(&seed());
    let e1 = &r.findings[0];
    assert_eq!(e1.fields, [path("projects[0].goals[1]")]);
    assert!(
        e1.message
            .contains("45 000 + 450 000 = 495 000 元 ≠ 预算数 9.00 万元（90 000 元）"),
        "{}",
        e1.message
    );
    let s = e1.suggestion.as_ref().unwrap();
    assert_eq!((s.from.as_str(), s.to.as_str()), ("450000", "45000"));
    assert_eq!(
        s.value,
        "2. 为 38 名唐山市级以上劳模发放荣誉津贴 45000 元。"
    );
    // The second copy's disagreement is the same fault, folded in, not a sixth finding.
    assert!(
        e1.also.iter().any(|a| a.starts_with("HD501")),
        "{:?}",
        e1.also
    );
}

#[test]
fn e2_suggests_the_21_character_code() {
    let r = check(&seed());
    let e2 = &r.findings[1];
    assert_eq!(e2.fields, [path("projects[0].code")]);
    let s = e2.suggestion.as_ref().unwrap();
    assert_eq!(s.from, "13028124P00316100010");
    assert_eq!(s.to, "13028124P003316100010");
    assert!(e2.message.contains("有 20 位"), "{}", e2.message);
}

#[test]
fn e3_names_the_unallocated_amount_and_e5_both_copies() {
    let r = check(&seed());
    let e3 = &r.findings[3];
    assert!(
        e3.message
            .contains("9.92 + 2 = 11.92 万元，少于预算数 13.15 万元：还差 1.23 万元"),
        "{}",
        e3.message
    );
    let e5 = &r.findings[2];
    assert!(e5.fields.contains(&path("projects[2].indicators[2].value")));
    assert!(e5.message.contains("3 月底只支出 30%"), "{}", e5.message);
    assert!(r.findings[4].message.contains("十九大"));
}

#[test]
fn what_holds_is_not_flagged() {
    let r = check(&seed());
    // 9.00 = 9.00 + 0; 13.15 = 13.15 + 0, in all three tables.
    assert_eq!(count(&r, "HD101"), (3, 0, 0));
    // The 资金用途 prose repeats the same figures (3 figures × 3 tables).
    assert_eq!(count(&r, "HD102"), (9, 0, 0));
    // 30 × 1500 = 45 000 (twice); ≥8 × ≤12 400 = 99 200 = 9.92 万元.
    assert_eq!(count(&r, "HD104"), (3, 0, 0));
    // 30 + 38 = 68 in both 劳模基金 copies.
    assert_eq!(count(&r, "HD201"), (2, 0, 0));
    // 30% 60% 90% 100% rises and ends at 100%.
    assert_eq!(count(&r, "HD301"), (3, 0, 0));
    // 12 月 31 日前完成 agrees with the schedule.
    assert_eq!(count(&r, "HD302").0, 1);
    for rule in ["HD401", "HD402", "HD403"] {
        assert_eq!(count(&r, rule).1, 0, "{rule}");
    }
}

#[test]
fn applying_both_suggestions_leaves_only_the_warnings() {
    let mut editor = Editor::new(seed());
    for _ in 0..2 {
        let s = editor
            .report
            .findings
            .iter()
            .find_map(|f| f.suggestion.clone())
            .unwrap();
        editor.update(Action::ApplySuggestion(s));
    }
    let rules: Vec<&str> = editor.report.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["HD302", "HD103", "HD601"]);
    assert_eq!(count(&editor.report, "HD103"), (2, 1, 0));
    assert_eq!(count(&editor.report, "HD501").1, 0);
    assert_eq!(count(&editor.report, "HD502"), (3, 0, 0));
}
