//! Figures that used to be misread without a word (issue 15): each is read as written, or listed
//! as unreadable with the characters typed, never cut down to a readable prefix.

use hedui_core::import::import_text;
use hedui_core::model::Document;
use hedui_core::quantity::{parse_money_cell, MoneyUnit};
use hedui_core::{check, sample, FieldPath, Report};

fn path(s: &str) -> FieldPath {
    s.parse().unwrap()
}

fn seed_with(edits: &[(&str, &str)]) -> Document {
    let mut doc = sample::seed();
    for (field, text) in edits {
        assert!(doc.set(&path(field), *text), "{field}");
    }
    doc
}

/// Rule, severity and first field of each finding: what a reviewer scans.
fn summary(r: &Report) -> Vec<(String, String, String, Option<String>)> {
    r.findings
        .iter()
        .map(|f| {
            (
                f.rule.to_owned(),
                f.severity.key().to_owned(),
                f.fields[0].to_string(),
                f.suggestion.as_ref().map(|s| s.to.clone()),
            )
        })
        .collect()
}

fn messages(r: &Report) -> Vec<String> {
    r.findings
        .iter()
        .chain(&r.pending)
        .flat_map(|f| std::iter::once(f.message.clone()).chain(f.also.iter().cloned()))
        .collect()
}

#[test]
fn a_full_width_thousands_comma_reads_like_an_ascii_one() {
    let yuan = |s| parse_money_cell(s, MoneyUnit::Yuan).map(|m| m.yuan.to_string());
    assert_eq!(yuan("45，000"), Ok("45000".into()));
    assert_eq!(yuan("45,000"), Ok("45000".into()));
    assert_eq!(yuan("1，234，567.5"), Ok("1234567.5".into()));
    // Between clauses it is no separator: `30 人，发放` keeps two figures.
    let seed = check(&sample::seed());
    let goal = "1. 走访慰问各级劳模 30 人，发放慰问金 45，000 元。";
    let r = check(&seed_with(&[
        ("projects[0].goals[0]", goal),
        ("projects[2].goals[0]", goal),
    ]));
    // Exactly the seed's findings: no false HD104, and E1 still suggests 45000.
    assert_eq!(summary(&r), summary(&seed));
    assert!(
        r.findings[0].message.contains("45 000 + 450 000"),
        "{}",
        r.findings[0].message
    );
    // In budget cells too (the document is in 万元: 9，000 would be 9000 万元, so use 元).
    let mut doc = seed_with(&[
        ("money_unit", "元"),
        ("projects[0].budget.total", "90，000"),
        ("projects[0].budget.fiscal", "90，000"),
    ]);
    doc.projects.truncate(1);
    let r = check(&doc);
    assert!(
        r.findings
            .iter()
            .chain(&r.pending)
            .all(|f| f.rule != "HD101"),
        "{r:#?}"
    );
}

#[test]
fn a_negative_figure_is_read_and_questioned() {
    let m = parse_money_cell("-9.00", MoneyUnit::Wan).unwrap();
    assert_eq!(m.yuan.to_string(), "-90000.00");
    assert_eq!(
        parse_money_cell("－9.00", MoneyUnit::Wan).unwrap().yuan,
        m.yuan
    );
    let r = check(&seed_with(&[("projects[1].budget.total", "-9.00")]));
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "HD101")
        .unwrap_or_else(|| panic!("{r:#?}"));
    assert_eq!(f.fields, [path("projects[1].budget.total")]);
    assert!(
        f.message.contains("预算数为负数（-9.00 万元）"),
        "{}",
        f.message
    );
}

#[test]
fn scientific_notation_is_unreadable_never_a_prefix() {
    for cell in ["1e400", "1e30", "1E5", "2e-3"] {
        let e = parse_money_cell(cell, MoneyUnit::Wan).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("“{cell}”不是数字，请填写如 9.00 的数字")
        );
        let r = check(&seed_with(&[("projects[1].budget.total", cell)]));
        let p = r
            .pending
            .iter()
            .find(|f| f.rule == "HD101")
            .unwrap_or_else(|| panic!("{cell}: {r:#?}"));
        assert!(p.unreadable);
        assert!(
            p.message.contains(&format!("预算数“{cell}”不是数字")),
            "{}",
            p.message
        );
    }
    // In a goal line: `1e30 元` is not 30 元 and not 1 元; the sum says what it could not read.
    let r = check(&seed_with(&[(
        "projects[1].goals[0]",
        "1.对困难职工实施帮扶救助，降低生活必要成本支出共计 1e30 元",
    )]));
    let p = r
        .pending
        .iter()
        .find(|f| f.rule == "HD103")
        .unwrap_or_else(|| panic!("{r:#?}"));
    assert!(p.unreadable);
    assert_eq!(p.fields, [path("projects[1].goals[0]")]);
    assert!(
        p.message.contains("第 1 条的“1e30 元”不是可以读取的数字"),
        "{}",
        p.message
    );
    assert!(
        messages(&r)
            .iter()
            .all(|m| !m.contains(" 30 元") && !m.contains(" 1 元")),
        "{:#?}",
        messages(&r)
    );
    // Too many digits for exact arithmetic, likewise listed rather than dropped.
    let r = check(&seed_with(&[(
        "projects[1].goals[1]",
        "2.发放救助金 999999999999999999999999999999999 元",
    )]));
    let p = r.pending.iter().find(|f| f.rule == "HD103").unwrap();
    assert!(p.message.contains("数值过大"), "{}", p.message);
}

#[test]
fn chinese_numerals_read_in_budget_cells_as_in_goal_lines() {
    for (cell, yuan) in [
        ("玖", "90000"),
        ("九", "90000"),
        ("壹拾叁", "130000"),
        ("九万元", "90000"),
    ] {
        assert_eq!(
            parse_money_cell(cell, MoneyUnit::Wan).map(|m| m.yuan.to_string()),
            Ok(yuan.to_owned()),
            "{cell}"
        );
    }
    let r = check(&seed_with(&[
        ("projects[0].budget.total", "玖"),
        ("projects[0].budget.fiscal", "玖"),
        ("projects[2].budget.total", "玖"),
        ("projects[2].budget.fiscal", "玖"),
    ]));
    assert_eq!(summary(&r), summary(&check(&sample::seed())));
}

/// The seed text with its first budget figure replaced, imported.
fn import_with_total(total: &str) -> hedui_core::import::Imported {
    let text = sample::SEED_TEXT.replacen("预算数 9.00", &format!("预算数 {total}"), 1);
    assert_ne!(text, sample::SEED_TEXT);
    import_text(&text)
}

#[test]
fn the_importer_takes_a_figure_whole_and_lists_what_it_cannot_read() {
    for (typed, kept) in [
        ("-9.00", "-9.00"),
        ("45，000", "45，000"),
        ("玖", "玖"),
        ("1e400", "1e400"),
        ("1e30", "1e30"),
    ] {
        let imported = import_with_total(typed);
        assert_eq!(imported.document.projects[0].budget.total, kept, "{typed}");
    }
    for typed in ["1e400", "1e30"] {
        let imported = import_with_total(typed);
        assert!(
            imported
                .notes
                .iter()
                .any(|n| n.contains(&format!("预算数“{typed}”不是可以读取的数字"))),
            "{typed}: {:?}",
            imported.notes
        );
        let r = check(&imported.document);
        assert!(
            r.pending
                .iter()
                .any(|p| p.unreadable && p.message.contains(&format!("“{typed}”不是数字"))),
            "{typed}: {r:#?}"
        );
    }
    let imported = import_with_total("玖");
    assert!(
        imported.notes.iter().all(|n| !n.contains("玖")),
        "{:?}",
        imported.notes
    );
}

#[test]
fn old_mac_and_windows_line_ends_import_like_unix_ones() {
    let lf = import_text(sample::SEED_TEXT);
    for (name, ending) in [("CR", "\r"), ("CRLF", "\r\n")] {
        let text = sample::SEED_TEXT.replace('\n', ending);
        let imported = import_text(&text);
        assert_eq!(imported.document, lf.document, "{name}");
        assert_eq!(imported.document.projects.len(), 3, "{name}");
        assert_eq!(imported.unplaced, lf.unplaced, "{name}");
        assert_eq!(
            summary(&check(&imported.document)),
            summary(&check(&lf.document))
        );
    }
    // Unplaced lines keep their numbers and their offsets into the text as given.
    let text = "无关的第一行\r第二行\r\n\r第四行";
    let imported = import_text(text);
    let lines: Vec<(usize, &str)> = imported
        .unplaced
        .iter()
        .map(|u| (u.line, &text[u.offset..u.offset + u.text.len()]))
        .collect();
    assert_eq!(lines, [(1, "无关的第一行"), (2, "第二行"), (4, "第四行")]);
}
