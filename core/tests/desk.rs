//! The reviewer's desk: this year against last on the seed, and marks through the saved file.

use hedui_core::compare::{compare, render_text, ChangeKind, FlagKind, Matched};
use hedui_core::model::Document;
use hedui_core::sample;

/// The seed as "last year", and a copy with a handful of edits as "this year".
fn edited() -> (Document, Document) {
    let last = sample::seed();
    let mut this = last.clone();
    this.year = "2025".into();
    // 劳模基金: more money, the same targets.
    this.projects[0].budget.total = "12.00".into();
    this.projects[0].budget.fiscal = "12.00".into();
    // 困难职工: a goal added, a basis that states last year's actual, an indicator dropped.
    this.projects[1].goals.push("3.新增帮扶对象 2 人。".into());
    this.projects[1].indicators[1].basis = "上年实际完成 98%".into();
    this.projects[1].indicators.remove(4);
    // The second copy of 劳模基金 is gone; a new project appears.
    this.projects.remove(2);
    let mut new = hedui_core::editor::new_project();
    new.name = "劳模疗休养".into();
    new.budget.total = "3.00".into();
    this.projects.push(new);
    (last, this)
}

#[test]
fn the_seed_against_an_edited_copy_shows_exactly_the_edits() {
    let (last, this) = edited();
    let d = compare(&last, &this);
    println!("{}", render_text(&d));
    let changes: Vec<(usize, ChangeKind, String, String, String)> = d
        .projects
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            p.changes
                .iter()
                .map(move |c| (i, c.kind, c.what.clone(), c.before.clone(), c.after.clone()))
        })
        .collect();
    let s = |x: &str| x.to_owned();
    assert_eq!(
        changes,
        [
            (0, ChangeKind::Changed, s("预算数"), s("9.00"), s("12.00")),
            (0, ChangeKind::Changed, s("财政资金"), s("9.00"), s("12.00")),
            (1, ChangeKind::Added, s("绩效目标第 3 条"), s(""), s("3.新增帮扶对象 2 人。")),
            (
                1,
                ChangeKind::Changed,
                s("指标“巩固解困脱困成果类项目职工帮扶救助率”的指标值确定依据"),
                s("冀财行【2023】98 号"),
                s("上年实际完成 98%")
            ),
            (
                1,
                ChangeKind::Removed,
                s("指标“职工生活状况：受帮扶救助职工，困难得到缓解、生活状况提高的比例”"),
                s("二级指标 社会效益指标；指标说明 职工生活状况：受帮扶救助职工，困难得到缓解、生活状况提高的比例；指标值 ≥90%；指标值确定依据 冀财行【2023】98 号"),
                s("")
            ),
        ]
    );
    assert_eq!(
        d.projects[0].changes[0].delta.as_deref(),
        Some("增加 3 万元，+33.3%")
    );
    let how: Vec<Matched> = d.projects.iter().map(|p| p.matched).collect();
    assert_eq!(
        how,
        [
            Matched::Code,
            Matched::Code,
            Matched::Added,
            Matched::Removed
        ]
    );
    let flags: Vec<(usize, FlagKind)> = d
        .projects
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.flags.iter().map(move |f| (i, f.kind)))
        .collect();
    assert_eq!(
        flags,
        [
            (0, FlagKind::MoreMoneySameTargets),
            (0, FlagKind::CopiedIndicators),
            (1, FlagKind::TargetBelowActual),
            (2, FlagKind::Appeared),
            (3, FlagKind::Vanished),
        ]
    );
    let below = &d.projects[1].flags[0].message;
    assert!(below.contains("≥95%") && below.contains("98%"), "{below}");
    assert!(d.notes.is_empty(), "{:?}", d.notes);
}
