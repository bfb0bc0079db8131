//! Pasting tables from other layouts and sources (issue: every real layout reads in): the
//! clipboard's HTML from Word, a TSV block from Excel, with the mapping and the coverage shown in
//! the preview before the user confirms.

use crate::harness::Page;

/// The project's own fixtures (corpus/own): one 88号 申报表 as Word puts it on the clipboard and as
/// Excel copies it, holding a planted slip (年度资金总额 468.84 against 财政拨款 468.48 + 0).
fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/own")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn preview_text(page: &Page) -> String {
    page.eval("const e = document.querySelector('.preview'); return e ? e.innerText : '';")
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn confirm_and_expect_the_slip(page: &Page) {
    page.click("#import-confirm");
    assert!(page.eventually(|p| p.value_of("f-projects-0-budget-total") == "468.84"));
    assert_eq!(page.value_of("f-projects-0-budget-fiscal"), "468.48");
    assert_eq!(page.value_of("f-projects-0-mid-budget-total"), "1450.00");
    assert!(
        page.eventually(|p| p
            .findings()
            .iter()
            .any(|(rule, severity, text)| rule == "HD101"
                && severity == "error"
                && text.contains("468.84"))),
        "{:?}",
        page.findings()
    );
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn a_word_table_pasted_as_html_is_read_by_its_grid() {
    let page = Page::open();
    page.click("#btn-paste");
    page.wait_for("#import-text");
    let html = fixture("03_national88_word.html");
    // What Word's copy puts on the clipboard: the table as HTML, and a plain text that lost the grid.
    let plain = "困难残疾人两项补贴 青禾县残疾人联合会 468.84";
    let script = format!(
        "const dt = new DataTransfer(); dt.setData('text/html', {html}); dt.setData('text/plain', {plain});\
         document.getElementById('import-text').dispatchEvent(new ClipboardEvent('paste', {{ clipboardData: dt, bubbles: true }}));\
         return null;",
        html = serde_json::to_string(&html).unwrap(),
        plain = serde_json::to_string(plain).unwrap()
    );
    page.eval(&script);
    page.type_into("import-text", plain);
    assert!(
        page.eventually(|p| preview_text(p).contains("预算数 468.84")),
        "{}",
        preview_text(&page)
    );
    let preview = preview_text(&page);
    assert!(preview.contains("网页/Word 表格"), "{preview}");
    assert!(preview.contains("预算数 ← 表格 1"), "{preview}");
    page.screenshot("import-word-html");
    confirm_and_expect_the_slip(&page);
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn an_excel_block_pasted_as_tsv_is_read_by_its_columns() {
    let page = Page::open();
    page.click("#btn-paste");
    page.wait_for("#import-text");
    page.type_into("import-text", &fixture("02_national88_tsv.txt"));
    assert!(
        page.eventually(|p| preview_text(p).contains("预算数 468.84")),
        "{}",
        preview_text(&page)
    );
    let preview = preview_text(&page);
    assert!(preview.contains("表格（制表符分隔）"), "{preview}");
    assert!(preview.contains("指标 18 行"), "{preview}");
    page.screenshot("import-excel-tsv");
    confirm_and_expect_the_slip(&page);
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn a_paste_without_a_budget_never_says_all_is_well() {
    let page = Page::open();
    page.click("#btn-paste");
    page.wait_for("#import-text");
    page.type_into(
        "import-text",
        "项目名称 社区书屋\n一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 书屋数量 10个\n",
    );
    assert!(page.eventually(|p| preview_text(p).contains("未找到：预算数")));
    page.click("#import-confirm");
    assert!(page.eventually(|p| p
        .eval("const e = document.getElementById('coverage'); return e ? e.innerText : '';")
        .as_str()
        .unwrap_or_default()
        .contains("识别不完整：“社区书屋”未找到预算数，资金类规则未能核对")));
    assert_eq!(
        page.eval("return document.querySelector('.all-good') === null;"),
        serde_json::Value::Bool(true)
    );
}
