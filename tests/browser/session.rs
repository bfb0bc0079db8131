//! The editing session on the built page (issues 14 and 15): nothing typed or saved is lost —
//! not by renaming, closing, a full store, unreadable documents, two tabs, or `#sample`.

use crate::harness::Page;
use std::time::{Duration, Instant};

const UNIT: &str = "f-unit-name";
const YEAR: &str = "f-year";
const CORRUPT: &str = "{\"version\": 1, \"projects\": [{\"name\": \"劳模";
const NEWER: &str = "{\"version\": 99, \"projects\": [], \"future\": true}";

fn stored(page: &Page, name: &str) -> Option<String> {
    page.eval(&format!(
        "return localStorage.getItem({});",
        serde_json::to_string(&format!("hedui.v1.doc.{name}")).unwrap()
    ))
    .as_str()
    .map(str::to_owned)
}

fn stored_unit(page: &Page, name: &str) -> Option<String> {
    stored(page, name).map(|t| hedui_core::saved::from_json(&t).unwrap().unit_name)
}

fn text_of(page: &Page, selector: &str) -> String {
    page.eval(&format!(
        "const e = document.querySelector({}); return e ? e.innerText : '';",
        serde_json::to_string(selector).unwrap()
    ))
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

fn doc_name(page: &Page) -> String {
    page.value_of("doc-name")
}

/// Types a new name into the name field and confirms it with Enter, as a user does.
fn rename(page: &Page, to: &str) {
    page.type_into("doc-name", to);
    page.tab.press_key("Enter").unwrap();
}

fn editable(page: &Page) -> bool {
    page.attr("hedui-app", "data-editable").as_deref() == Some("true")
}

/// Fills `localStorage` until not even a short key with one character fits.
fn fill_storage(page: &Page) {
    let filled = page.eval(
        "let n = 0;\
         for (let size = 1 << 21; size >= 1; size >>= 1) {\
           const s = 'x'.repeat(size);\
           for (;;) { try { localStorage.setItem('filler.' + n, s); n++; } catch (e) { break; } }\
         }\
         return n;",
    );
    assert!(
        filled.as_i64().unwrap() > 0,
        "storage could not be filled: {filled}"
    );
}

/// The documents, the index and the copies set aside, as stored (not the claims, which an editing
/// tab renews).
fn saved_state(page: &Page) -> serde_json::Value {
    page.eval(
        "return Object.entries(localStorage).filter(([k]) => k.startsWith('hedui.v1.doc.') || \
         k.startsWith('hedui.v1.corrupt.') || k === 'hedui.v1.index').sort();",
    )
}

fn empty_filler(page: &Page) {
    page.eval(
        "Object.keys(localStorage).filter(k => k.startsWith('filler.')).forEach(k => localStorage.removeItem(k)); return null;",
    );
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn rename_then_close_at_once_keeps_the_document() {
    let page = Page::open();
    page.type_into(UNIT, "遵化市总工会");
    assert!(page.eventually(|p| stored_unit(p, "未命名").as_deref() == Some("遵化市总工会")));
    page.type_into(UNIT, "遵化市总工会本级");
    // The name typed and confirmed (the `change` event that Enter fires), then the tab closed at
    // once: well within 100 ms, before any autosave could have run.
    page.eval(
        "const n = document.getElementById('doc-name'); n.value = '总工会预算';\
         n.dispatchEvent(new Event('change', { bubbles: true })); return null;",
    );
    let renamed = Instant::now();
    let gap = renamed.elapsed();
    page.close();
    assert!(
        gap < Duration::from_millis(100),
        "closed {} ms after the rename",
        gap.as_millis()
    );
    let again = page.another();
    assert_eq!(doc_name(&again), "总工会预算");
    assert_eq!(
        again.value_of(UNIT),
        "遵化市总工会本级",
        "the edit typed just before the rename too"
    );
    let listed = again.eval(
        "return [...document.querySelectorAll('#doc-chooser option')].map(o => o.textContent);",
    );
    assert_eq!(
        listed,
        serde_json::json!(["总工会预算"]),
        "the old name is gone"
    );
    again.assert_no_network();
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn renaming_onto_an_existing_name_asks_first() {
    let page = Page::open();
    rename(&page, "甲");
    page.type_into(UNIT, "甲单位");
    page.click("#btn-new");
    assert!(page.eventually(|p| doc_name(p) == "新文档"));
    page.type_into(UNIT, "乙单位");
    rename(&page, "乙");
    assert!(page.eventually(|p| stored_unit(p, "甲").as_deref() == Some("甲单位")));
    assert!(page.eventually(|p| stored_unit(p, "乙").as_deref() == Some("乙单位")));

    rename(&page, "甲");
    page.wait_for("#question-text");
    let question = text_of(&page, "#question-text");
    assert!(
        question.contains("已经有名为“甲”的文档。要用当前文档替换它吗？"),
        "{question}"
    );
    page.screenshot("rename-asks");
    // The safe answer has the focus; Esc declines.
    assert_eq!(
        page.eval("return document.activeElement.id;").as_str(),
        Some("question-no")
    );
    page.tab.press_key("Escape").unwrap();
    assert!(page.eventually(|p| text_of(p, "#question-text").is_empty()));
    assert_eq!(
        doc_name(&page),
        "乙",
        "the name field shows the real name again"
    );
    assert_eq!(stored_unit(&page, "甲").as_deref(), Some("甲单位"));
    assert_eq!(stored_unit(&page, "乙").as_deref(), Some("乙单位"));

    rename(&page, "甲");
    page.click("#question-no");
    assert_eq!(stored_unit(&page, "甲").as_deref(), Some("甲单位"));

    rename(&page, "甲");
    page.click("#question-yes");
    assert!(page.eventually(|p| stored_unit(p, "甲").as_deref() == Some("乙单位")));
    assert_eq!(stored(&page, "乙"), None);
    assert_eq!(doc_name(&page), "甲");
    page.assert_no_network();
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn fast_typing_then_closing_loses_nothing() {
    let page = Page::open();
    page.type_into(UNIT, "");
    let typed = "遵化市总工会本级二〇二四年度部门预算绩效目标核对稿第三版";
    let started = Instant::now();
    let mut longest_behind = 0;
    for (i, c) in typed.chars().enumerate() {
        page.tab.send_character(&c.to_string()).unwrap();
        std::thread::sleep(Duration::from_millis(110));
        // Saved at least once a second while typing, never only after a pause.
        if started.elapsed() > Duration::from_millis(1_500) {
            let saved = stored_unit(&page, "未命名")
                .unwrap_or_default()
                .chars()
                .count();
            longest_behind = longest_behind.max(i + 1 - saved.min(i + 1));
        }
    }
    assert!(started.elapsed() > Duration::from_secs(3));
    assert!(
        longest_behind <= 14,
        "the store was {longest_behind} characters behind the typing"
    );
    page.close();
    let again = page.another();
    assert_eq!(again.value_of(UNIT), typed);
    again.assert_no_network();
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn a_full_store_warns_offers_the_export_and_deletes_nothing_saved() {
    let page = Page::open();
    // A corrupt and a newer-version document from elsewhere, and one of the user's own.
    page.eval(&format!(
        "localStorage.setItem('hedui.v1.doc.坏', {}); localStorage.setItem('hedui.v1.doc.新', {}); return null;",
        serde_json::to_string(CORRUPT).unwrap(),
        serde_json::to_string(NEWER).unwrap()
    ));
    page.reload();
    rename(&page, "甲");
    page.type_into(UNIT, "甲单位：已保存");
    assert!(page.eventually(|p| stored_unit(p, "甲").as_deref() == Some("甲单位：已保存")));
    fill_storage(&page);
    let before = saved_state(&page);

    let edited = "甲单位：存储满了以后又改的，这一句足够长，肯定放不下";
    page.type_into(UNIT, edited);
    assert!(
        page.eventually(
            |p| text_of(p, "#session-bar").contains("本地存储空间已满，最新的修改没有保存")
        ),
        "{}",
        text_of(&page, "#session-bar")
    );
    assert_eq!(text_of(&page, "#save-status"), "未保存");
    page.screenshot("storage-full");
    // Leaving now is warned against.
    let warned = page.eval(
        "const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented;",
    );
    assert_eq!(warned, serde_json::json!(true));
    // Switching to another document asks to export first, and staying keeps the edit.
    page.eval("const s = document.getElementById('doc-chooser'); s.value = 'hedui.v1.doc.新'; s.dispatchEvent(new Event('change', { bubbles: true })); return null;");
    page.wait_for("#question-text");
    assert!(text_of(&page, "#question-text").contains("先把它导出为 JSON 文件，再继续吗？"));
    page.click("#question-no");
    assert_eq!(page.value_of(UNIT), edited);
    // The export is right there in the bar.
    let downloads = page.allow_downloads();
    page.click("#btn-export-now");
    let exported = page.downloaded(&downloads, "json", |_| true);
    let text = std::fs::read_to_string(exported).unwrap();
    assert_eq!(
        hedui_core::saved::from_json(&text).unwrap().unit_name,
        edited
    );
    // Exported: leaving loses nothing now, so no warning.
    let warned = page.eval(
        "const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented;",
    );
    assert_eq!(warned, serde_json::json!(false));
    // Nothing that was saved was touched, the unreadable documents included.
    std::thread::sleep(Duration::from_millis(1_200));
    assert_eq!(saved_state(&page), before);

    // Space freed: the next change is saved and the bar goes.
    empty_filler(&page);
    page.type_into(UNIT, "甲单位：空间够了");
    assert!(page.eventually(|p| stored_unit(p, "甲").as_deref() == Some("甲单位：空间够了")));
    assert!(page.eventually(|p| text_of(p, "#session-bar").is_empty()));
    assert_eq!(stored(&page, "坏").as_deref(), Some(CORRUPT));
    assert_eq!(stored(&page, "新").as_deref(), Some(NEWER));
    page.assert_no_network();
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn corrupt_and_newer_documents_survive_a_full_store_and_can_be_exported() {
    let page = Page::open();
    page.eval(&format!(
        "localStorage.setItem('hedui.v1.doc.坏', {}); localStorage.setItem('hedui.v1.doc.新', {});\
         localStorage.setItem('hedui.v1.corrupt.旧.1709620200000', {});\
         localStorage.setItem('hedui.v1.current', '坏'); localStorage.setItem('hedui.v1.index', '不是列表');\
         sessionStorage.clear(); return null;",
        serde_json::to_string(CORRUPT).unwrap(),
        serde_json::to_string(NEWER).unwrap(),
        serde_json::to_string(CORRUPT).unwrap()
    ));
    fill_storage(&page);
    page.reload();
    let notice = text_of(&page, "#session-notice");
    assert!(notice.contains("文档“坏”无法打开"), "{notice}");
    assert!(notice.contains("本页不会改动它"), "{notice}");
    page.screenshot("unreadable-document");
    // The chooser lists both, rebuilt from the keys, and the copy set aside by an old version.
    let listed = page.eval(
        "return [...document.querySelectorAll('#doc-chooser option')].map(o => o.textContent);",
    );
    let listed: Vec<String> = serde_json::from_value(listed).unwrap();
    assert!(
        listed.contains(&"坏".to_owned()) && listed.contains(&"新".to_owned()),
        "{listed:?}"
    );
    assert!(
        listed
            .iter()
            .any(|l| l.starts_with("已另存的副本：旧（2024-03-05 14:30）")),
        "{listed:?}"
    );
    page.eval("const s = document.getElementById('doc-chooser'); s.value = 'hedui.v1.doc.新'; s.dispatchEvent(new Event('change', { bubbles: true })); return null;");
    assert!(
        page.eventually(|p| text_of(p, "#session-notice").contains("由更新版本的核对 hedui 保存"))
    );
    // 导出原文 gives the stored text exactly.
    let downloads = page.allow_downloads();
    page.click("#btn-export-raw");
    let raw = page.downloaded(&downloads, "json", |_| true);
    assert!(page.eventually(|_| std::fs::read_to_string(&raw).ok().as_deref() == Some(NEWER)));
    let before = saved_state(&page);
    page.type_into(UNIT, "一个新文档的内容，存储满了存不下");
    std::thread::sleep(Duration::from_millis(1_500));
    assert_eq!(saved_state(&page), before);
    // With room again, the reload saves the new document and removes nothing.
    empty_filler(&page);
    page.reload();
    assert_eq!(
        stored_unit(&page, "未命名").as_deref(),
        Some("一个新文档的内容，存储满了存不下")
    );
    assert_eq!(stored(&page, "坏").as_deref(), Some(CORRUPT));
    assert_eq!(stored(&page, "新").as_deref(), Some(NEWER));
    assert_eq!(
        page.eval("return localStorage.getItem('hedui.v1.corrupt.旧.1709620200000');")
            .as_str(),
        Some(CORRUPT)
    );
    page.assert_no_network();
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn two_tabs_on_one_document_keep_both_edits() {
    let a = Page::open();
    a.type_into(UNIT, "A 打的单位名称");
    assert!(a.eventually(|p| stored_unit(p, "未命名").as_deref() == Some("A 打的单位名称")));
    let b = a.another();
    b.tab.activate().unwrap();
    // The second tab shows the document read-only, says why, and offers 接管编辑.
    assert!(editable(&a));
    assert!(!editable(&b));
    let bar = text_of(&b, "#session-bar");
    assert!(
        bar.contains("正在另一个标签页中编辑") && bar.contains("接管编辑"),
        "{bar}"
    );
    assert_eq!(b.value_of(UNIT), "A 打的单位名称");
    b.screenshot("second-tab-read-only");
    // Typing there changes nothing: the fields cannot even take the focus.
    b.eval(&format!(
        "document.getElementById('{YEAR}').focus(); return null;"
    ));
    b.tab.send_character("1999").unwrap();
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(b.value_of(YEAR), "");
    // It follows what the first tab saves (a background tab draws nothing: bring A to the front).
    a.tab.activate().unwrap();
    a.type_into(YEAR, "2024");
    assert!(b.eventually(|p| p.value_of(YEAR) == "2024"));
    // A keeps typing; B takes over straight away: A's last edit goes over with the handover.
    a.type_into(UNIT, "A 打的单位名称（最后一改）");
    b.tab.activate().unwrap();
    b.click("#btn-take-over");
    assert!(b.eventually(editable));
    assert!(a.eventually(|p| !editable(p)));
    assert_eq!(b.value_of(UNIT), "A 打的单位名称（最后一改）");
    b.type_into(YEAR, "2025");
    assert!(a.eventually(|p| p.value_of(YEAR) == "2025"));
    // Reload both: both edits are there.
    b.reload();
    a.tab.activate().unwrap();
    a.reload();
    for page in [&a, &b] {
        assert_eq!(page.value_of(UNIT), "A 打的单位名称（最后一改）");
        assert_eq!(page.value_of(YEAR), "2025");
    }
    assert!(
        a.eventually(|a| [a, &b].iter().filter(|p| editable(p)).count() == 1),
        "exactly one tab edits"
    );
    a.assert_no_network();
    b.assert_no_network();
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn sample_in_the_address_loads_once_and_a_reload_keeps_the_edits() {
    let page = Page::open_at("#sample");
    page.wait_for("[aria-label='核对结果'] [data-rule]");
    assert_eq!(page.eval("return location.hash;").as_str(), Some(""));
    assert_eq!(doc_name(&page), "示例");
    page.type_into(UNIT, "改过的示例单位");
    assert!(page.eventually(|p| stored_unit(p, "示例").as_deref() == Some("改过的示例单位")));
    page.reload_in_place();
    assert_eq!(page.value_of(UNIT), "改过的示例单位");
    assert_eq!(doc_name(&page), "示例");
    page.assert_no_network();
}
