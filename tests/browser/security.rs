//! Hardening as a user's session meets it: script-looking text everywhere is shown as text and
//! never runs, and a whole session (open, paste, edit, export, print layout) makes no request.

use crate::harness::Page;
use headless_chrome::protocol::cdp::Emulation;

/// Payloads that set `window.__canary` if they ever run.
const PAYLOADS: &[&str] = &[
    "<img src=x onerror=\"window.__canary='img'\">",
    "</script><script>window.__canary='script'</script>",
    "<a href=\"javascript:window.__canary='link'\">点我</a>",
    "\"><svg onload=\"window.__canary='svg'\">",
    "</textarea><iframe srcdoc=\"<script>parent.__canary='iframe'</script>\">",
];

fn no_canary_and_no_injected_elements(page: &Page) {
    assert!(
        page.eval("return window.__canary === undefined;")
            .as_bool()
            .unwrap(),
        "a payload ran: {}",
        page.eval("return String(window.__canary);")
    );
    let injected = page
        .eval("return document.querySelectorAll('#hedui-app img, #hedui-app svg, #hedui-app iframe, #hedui-app script, #hedui-app a[href^=\"javascript\"]').length;")
        .as_u64()
        .unwrap();
    assert_eq!(injected, 0, "payload markup became elements");
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn a_whole_session_of_hostile_text_runs_nothing_and_requests_nothing() {
    let page = Page::open_at("#sample");
    page.wait_for("[aria-label='核对结果'] [data-rule]");
    // Every field of the document gets a payload, through real input events.
    let count = page.eval(&format!(
        "const payloads = {};\
         const fields = [...document.querySelectorAll('.document input, .document textarea')];\
         fields.forEach((el, i) => {{\
           el.value = payloads[i % payloads.length] + ' 45000 元';\
           el.dispatchEvent(new InputEvent('input', {{ bubbles: true }}));\
         }});\
         return fields.length;",
        serde_json::to_string(PAYLOADS).unwrap()
    ));
    assert!(count.as_u64().unwrap() > 100, "{count}");
    assert!(page.eventually(|p| p
        .eval("return document.querySelector('.document textarea').value;")
        .as_str()
        .unwrap_or_default()
        .contains("__canary")));
    no_canary_and_no_injected_elements(&page);
    // The findings quote the fields: still text.
    let findings_text = page.eval("return document.querySelector('.findings').innerText;");
    assert!(
        findings_text.as_str().unwrap().contains("onerror"),
        "{findings_text}"
    );

    // Paste import of hostile text: the preview lists it as unplaced text.
    page.click("#btn-paste");
    page.wait_for("#import-text");
    page.type_into("import-text", &PAYLOADS.join("\n"));
    assert!(page.eventually(|p| p
        .eval("const u = document.querySelector('.unplaced'); return u ? u.innerText : '';")
        .as_str()
        .unwrap_or_default()
        .contains("onerror")));
    no_canary_and_no_injected_elements(&page);
    page.click("#import-confirm");

    // Export, and the print layout.
    page.allow_downloads();
    page.click("#btn-export");
    page.tab
        .call_method(Emulation::SetEmulatedMedia {
            media: Some("print".into()),
            features: None,
        })
        .unwrap();
    assert!(page
        .eval("return getComputedStyle(document.querySelector('.toolbar')).display === 'none';")
        .as_bool()
        .unwrap());
    page.screenshot("print-layout");
    std::thread::sleep(std::time::Duration::from_millis(500));
    no_canary_and_no_injected_elements(&page);
    page.assert_no_network();
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn opening_a_bad_file_says_why_and_keeps_the_work() {
    let page = Page::open_at("#sample");
    page.wait_for("[aria-label='核对结果'] [data-rule]");
    let before = page.value_of("f-projects-0-goals-1");
    for (name, text, expected) in [
        (
            "newer.json",
            "{\"version\": 99, \"projects\": []}",
            "更新版本",
        ),
        ("broken.json", "{\"version\": 1, \"projects\": [", "第 1 行"),
        ("other.json", "{\"name\": \"不是文档\"}", "缺少“version”"),
    ] {
        let path = page.write_file(name, text);
        page.tab
            .wait_for_element("#file-open")
            .unwrap()
            .set_input_files(&[path.to_str().unwrap()])
            .unwrap();
        assert!(
            page.eventually(|p| p
                .eval("const b = document.querySelector('.banner'); return b ? b.innerText : '';")
                .as_str()
                .unwrap_or_default()
                .contains(expected)),
            "{name}"
        );
        assert_eq!(
            page.value_of("f-projects-0-goals-1"),
            before,
            "{name} replaced the work"
        );
    }
    page.assert_no_network();
}
