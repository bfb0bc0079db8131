//! Browser tests: the real `dist/hedui.html`, alone in a folder, opened from file:// in headless
//! Chromium. Run by `cargo xtask test` (they are `#[ignore]`d in a plain `cargo test`, which does
//! not build the page).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

mod bench;
mod editor;
mod encodings;
mod files;
mod harness;
mod import;
mod security;
mod session;

use harness::{built_html, Page};

const TOTAL: &str = "f-projects-0-budget-total";
const FISCAL: &str = "f-projects-0-budget-fiscal";
const OTHER: &str = "f-projects-0-budget-other";

fn rules(page: &Page) -> Vec<String> {
    page.findings()
        .into_iter()
        .map(|(rule, _, _)| rule)
        .collect()
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn hd101_appears_while_typing_and_goes_when_fixed() {
    let page = Page::open();
    page.type_into(TOTAL, "9.00");
    page.type_into(FISCAL, "8.00");
    page.type_into(OTHER, "0");
    assert!(
        page.eventually(|p| rules(p) == ["HD101"]),
        "{:?}",
        page.findings()
    );
    let (_, severity, text) = page.findings().remove(0);
    assert_eq!(severity, "error");
    assert!(
        text.contains("财政资金 8.00 万元 + 其他资金 0 万元 = 8.00 万元 ≠ 预算数 9.00 万元"),
        "{text}"
    );
    assert_eq!(page.attr(FISCAL, "aria-invalid").as_deref(), Some("true"));
    let described = page.attr(FISCAL, "aria-describedby").unwrap();
    let message = page.eval(&format!(
        "return document.getElementById('{described}').innerText;"
    ));
    assert!(message.as_str().unwrap().contains("HD101"), "{message}");
    page.screenshot("hd101-finding");

    page.type_into(FISCAL, "9.00");
    assert!(
        page.eventually(|p| p.findings().is_empty()),
        "{:?}",
        page.findings()
    );
    assert_eq!(page.attr(FISCAL, "aria-invalid").as_deref(), Some("false"));
    // The money ties out, but the form has no goals or indicators yet: the page names what it
    // could not check instead of an all-clear.
    assert!(!page
        .eval("return document.body.innerText.includes('未发现问题');")
        .as_bool()
        .unwrap());
    let gap =
        page.eval("const c = document.getElementById('coverage'); return c ? c.innerText : '';");
    assert!(
        gap.as_str().unwrap_or_default().contains("未能核对"),
        "{gap}"
    );
    page.assert_no_network();
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn every_written_form_of_nine_is_accepted() {
    let page = Page::open();
    page.type_into(FISCAL, "9");
    page.type_into(OTHER, "0");
    for total in ["9", "9.0", "９．００", "9.00"] {
        page.type_into(TOTAL, total);
        assert_eq!(page.value_of(TOTAL), total);
        assert!(
            page.eventually(|p| p.findings().is_empty()),
            "{total}: {:?}",
            page.findings()
        );
    }
    page.assert_no_network();
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn unreadable_input_gets_a_chinese_message_at_the_field_and_is_kept() {
    let page = Page::open();
    page.type_into(FISCAL, "9.00");
    page.type_into(OTHER, "0");
    page.type_into(TOTAL, "abc");
    assert!(page.eventually(|p| p.attr(TOTAL, "aria-invalid").as_deref() == Some("true")));
    let described = page.attr(TOTAL, "aria-describedby").unwrap();
    let message = page.eval(&format!(
        "return document.getElementById('{described}').innerText;"
    ));
    let message = message.as_str().unwrap();
    assert!(message.contains("预算数“abc”不是数字"), "{message}");
    assert_eq!(page.value_of(TOTAL), "abc", "what the user typed is kept");
    page.screenshot("unreadable-input");
    // The page still works: correcting the field clears the message.
    page.type_into(TOTAL, "9.00");
    assert!(page.eventually(|p| p.attr(TOTAL, "aria-invalid").as_deref() == Some("false")));
    page.assert_no_network();
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn the_request_recorder_sees_attempts_so_its_silence_means_something() {
    let page = Page::open();
    page.eval(
        "fetch('http://127.0.0.1:9/hedui-probe').catch(() => {});\
         const i = new Image(); i.src = 'http://127.0.0.1:9/hedui-probe.png'; return null;",
    );
    assert!(
        page.eventually(|p| p
            .requests()
            .iter()
            .filter(|r| r.contains("hedui-probe"))
            .count()
            >= 2),
        "{:?}",
        page.requests()
    );
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn the_built_file_forbids_all_network_in_its_csp() {
    let html = std::fs::read_to_string(built_html()).unwrap();
    let csp_start = html
        .find("http-equiv=\"Content-Security-Policy\"")
        .expect("a CSP meta tag");
    let tag_end = csp_start + html[csp_start..].find('>').unwrap();
    let tag = &html[csp_start..tag_end];
    assert!(tag.contains("default-src 'none'"), "{tag}");
    assert!(!tag.contains("connect-src"), "{tag}");
    for external in [
        "src=\"http",
        "href=\"http",
        "src=\"//",
        "href=\"//",
        ".wasm\"",
    ] {
        assert!(!html.contains(external), "the page refers to {external}");
    }
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn a_crash_shows_a_chinese_banner_that_still_offers_the_data() {
    let page = Page::open_at("#selftest-panic");
    assert!(
        page.eventually(|p| p
            .eval("return !!document.getElementById('crash-banner');")
            .as_bool()
            == Some(true)),
        "no crash banner"
    );
    let banner = page.eval("return document.getElementById('crash-banner').innerText;");
    assert!(banner.as_str().unwrap().contains("已自动保存"), "{banner}");
    assert_eq!(
        page.eval("return document.getElementById('crash-export').download;")
            .as_str(),
        Some("hedui-备份.json")
    );
    page.screenshot("crash-banner");
}
