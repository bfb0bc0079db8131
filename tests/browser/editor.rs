//! The form editor as a user meets it (issue: check while typing, jump, fix, never lose work).

use crate::harness::Page;
use headless_chrome::browser::tab::ModifierKey;
use hedui_core::sample::SEED_TEXT;

fn rules(page: &Page) -> Vec<(String, String)> {
    page.findings()
        .into_iter()
        .map(|(rule, severity, _)| (rule, severity))
        .collect()
}

fn e1_to_e5() -> Vec<(String, String)> {
    [
        ("HD103", "error"),
        ("HD501", "error"),
        ("HD302", "warning"),
        ("HD103", "warning"),
        ("HD601", "warning"),
    ]
    .iter()
    .map(|(r, s)| ((*r).to_owned(), (*s).to_owned()))
    .collect()
}

fn paste_seed(page: &Page) {
    page.click("#btn-paste");
    page.wait_for("#import-text");
    page.type_into("import-text", SEED_TEXT);
    assert!(page.eventually(|p| p
        .eval("const e = document.querySelector('.recognised'); return e ? e.innerText : '';")
        .as_str()
        .unwrap_or_default()
        .contains("识别出 3 个项目表、2 版整体绩效目标")));
    page.screenshot("paste-preview");
    page.click("#import-confirm");
    assert!(
        page.eventually(|p| rules(p) == e1_to_e5()),
        "{:?}",
        page.findings()
    );
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn pasting_the_seed_shows_e1_to_e5_and_applying_e1_fixes_the_money() {
    let page = Page::open();
    paste_seed(&page);
    page.screenshot("seed-findings");
    let e1 = &page.findings()[0].2;
    assert!(e1.contains("是否应为 45000？"), "{e1}");
    // 定位 jumps to the blamed field.
    page.click("[data-rule='HD103'][data-severity='error'] .locate");
    assert_eq!(
        page.eval("return document.activeElement.id;").as_str(),
        Some("f-projects-0-goals-1")
    );
    assert_eq!(
        page.attr("f-projects-0-goals-1", "aria-invalid").as_deref(),
        Some("true")
    );
    page.click("[data-rule='HD103'][data-severity='error'] .apply");
    assert!(
        page.eventually(|p| rules(p).len() == 4),
        "{:?}",
        page.findings()
    );
    assert!(page
        .value_of("f-projects-0-goals-1")
        .contains("荣誉津贴 45000 元"));
    let remaining = rules(&page);
    assert!(
        !remaining.iter().any(|(r, s)| r == "HD103" && s == "error"),
        "{remaining:?}"
    );
    assert!(
        !remaining.iter().any(|(r, _)| r == "HD101"),
        "{remaining:?}"
    );
    // Undo brings the typo back; redo applies the fix again.
    page.tab
        .press_key_with_modifiers("z", Some(&[ModifierKey::Ctrl]))
        .unwrap();
    assert!(
        page.eventually(|p| rules(p) == e1_to_e5()),
        "{:?}",
        page.findings()
    );
    page.tab
        .press_key_with_modifiers("y", Some(&[ModifierKey::Ctrl]))
        .unwrap();
    assert!(page.eventually(|p| rules(p).len() == 4));
    page.assert_no_network();
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn work_survives_a_reload() {
    let page = Page::open();
    paste_seed(&page);
    page.type_into("f-projects-1-name", "改过的名称");
    // Autosave happens within 300 ms of the last change.
    assert!(page.eventually(|p| p
        .eval("return Object.keys(localStorage).filter(k => k.startsWith('hedui.v1.doc.')).map(k => localStorage.getItem(k)).join('');")
        .as_str()
        .unwrap_or_default()
        .contains("改过的名称")));
    page.reload();
    assert_eq!(page.value_of("f-projects-1-name"), "改过的名称");
    assert!(
        page.eventually(|p| rules(p).len() == 5),
        "{:?}",
        page.findings()
    );
    page.assert_no_network();
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn export_then_open_gives_the_identical_document() {
    let page = Page::open_at("#sample");
    assert!(
        page.eventually(|p| rules(p) == e1_to_e5()),
        "{:?}",
        page.findings()
    );
    page.type_into("f-unit-name", "导出测试单位");
    let downloads = page.allow_downloads();
    page.click("#btn-export");
    let exported = page.downloaded(&downloads, "json", |_| true);
    let text = std::fs::read_to_string(&exported).unwrap();
    let saved = hedui_core::saved::from_json(&text).unwrap();
    assert_eq!(saved.unit_name, "导出测试单位");
    // Open it in a fresh page and compare what the page holds.
    let fresh = Page::open();
    let copy = fresh.write_file("opened.json", &text);
    fresh
        .tab
        .wait_for_element("#file-open")
        .unwrap()
        .set_input_files(&[copy.to_str().unwrap()])
        .unwrap();
    assert!(fresh.eventually(|p| p.value_of("f-unit-name") == "导出测试单位"));
    assert!(
        fresh.eventually(|p| rules(p) == e1_to_e5()),
        "{:?}",
        fresh.findings()
    );
    for id in [
        "f-projects-0-goals-1",
        "f-projects-2-code",
        "f-sections-0-paragraphs-1",
        "f-projects-1-indicators-3-value",
    ] {
        assert_eq!(fresh.value_of(id), page.value_of(id), "{id}");
    }
    page.assert_no_network();
    fresh.assert_no_network();
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn html_typed_into_a_field_is_shown_as_text() {
    let page = Page::open();
    let payload = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
    page.type_into("f-projects-0-name", payload);
    assert!(page.eventually(|p| p
        .eval("return document.querySelector('.project-card h2').textContent;")
        .as_str()
        .unwrap_or_default()
        .contains(payload)));
    assert!(page
        .eval("return window.__pwned === undefined;")
        .as_bool()
        .unwrap());
    assert!(page
        .eval("return document.querySelectorAll('.document img, .document script').length === 0;")
        .as_bool()
        .unwrap());
    page.assert_no_network();
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn the_rule_catalogue_comes_from_the_rules() {
    let page = Page::open();
    page.click("#btn-rules");
    page.wait_for("#rule-HD601");
    let text = page
        .eval("return document.querySelector('.catalogue').innerText;")
        .as_str()
        .unwrap_or_default()
        .to_owned();
    for code in ["HD101", "HD104", "HD302", "HD502"] {
        assert!(text.contains(code), "{code}");
    }
    assert!(text.contains("检查什么"));
    page.screenshot("rule-catalogue");
}
