//! Files as users have them (issue 15): every text encoding opens as the UTF-8 seed does and says
//! which it assumed, binary content changes nothing, and the page's one inline script is the only
//! script its policy lets run.

use crate::harness::Page;

fn seed_text() -> String {
    hedui_core::sample::SEED_TEXT.to_owned()
}

/// Rule and severity of each finding shown, in order.
fn shown(page: &Page) -> Vec<(String, String)> {
    page.findings()
        .into_iter()
        .map(|(rule, severity, _)| (rule, severity))
        .collect()
}

fn banner(page: &Page) -> String {
    page.eval("const b = document.querySelector('.banner'); return b ? b.innerText : '';")
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Puts `bytes` in a file next to the page and opens it through the page's file picker.
fn open_file(page: &Page, name: &str, bytes: &[u8]) {
    let path = page.write_file(name, "");
    std::fs::write(&path, bytes).unwrap();
    page.tab
        .wait_for_element("#file-open")
        .unwrap()
        .set_input_files(&[path.to_str().unwrap()])
        .unwrap();
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn every_encoding_of_the_seed_opens_with_the_same_findings() {
    let text = seed_text();
    let reference = Page::open();
    open_file(&reference, "seed.txt", text.as_bytes());
    assert!(
        reference.eventually(|p| shown(p).len() == 5),
        "{:?}",
        reference.findings()
    );
    let expected = shown(&reference);

    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let utf16le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let bom: Vec<u8> = b"\xEF\xBB\xBF"
        .iter()
        .chain(text.as_bytes())
        .copied()
        .collect();
    for (name, bytes, encoding) in [
        ("gbk.txt", gbk.into_owned(), "GB18030（GBK）"),
        ("utf16.txt", utf16le, "UTF-16 LE"),
        ("bom.txt", bom, "UTF-8（带 BOM）"),
    ] {
        let page = Page::open();
        open_file(&page, name, &bytes);
        assert!(
            page.eventually(|p| shown(p) == expected),
            "{name}: {:?}",
            page.findings()
        );
        assert!(
            banner(&page).contains(encoding),
            "{name}: {}",
            banner(&page)
        );
        assert_eq!(
            page.value_of("f-projects-0-goals-1"),
            reference.value_of("f-projects-0-goals-1")
        );
        page.assert_no_network();
    }
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn binary_content_is_refused_and_changes_nothing() {
    let page = Page::open_at("#sample");
    page.wait_for("[aria-label='核对结果'] [data-rule]");
    let before = page.value_of("f-projects-0-goals-1");
    open_file(
        &page,
        "图.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    );
    assert!(
        page.eventually(|p| banner(p).contains("不是文本文件")),
        "{}",
        banner(&page)
    );
    assert_eq!(page.value_of("f-projects-0-goals-1"), before);
    page.assert_no_network();
}

#[test]
#[ignore = "needs dist/hedui.html and Chromium; run by `cargo xtask test`"]
fn only_the_pinned_script_runs() {
    let html = std::fs::read_to_string(crate::harness::built_html()).unwrap();
    let policy = html
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let script_src = policy
        .split(';')
        .find(|d| d.trim_start().starts_with("script-src"))
        .unwrap();
    assert!(script_src.contains("'sha256-"), "{policy}");
    assert!(!script_src.contains("unsafe-inline"), "{policy}");
    // The page runs under that policy (Page::open waits for the app to be ready) …
    let page = Page::open_at("#sample");
    page.wait_for("[aria-label='核对结果'] [data-rule]");
    // … and script that a future injection bug might add does not.
    page.eval(
        "const s = document.createElement('script');\
         s.textContent = 'window.__injected = \"script\"';\
         document.body.appendChild(s);\
         const d = document.createElement('div');\
         d.innerHTML = '<svg onload=\"window.__injected = \\'handler\\'\"></svg>';\
         document.body.appendChild(d);\
         return true;",
    );
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        page.eval("return window.__injected === undefined;")
            .as_bool()
            .unwrap(),
        "injected script ran: {}",
        page.eval("return String(window.__injected);")
    );
    // Refused by the policy, not merely never reached.
    let violations = page.eval("return window.__heduiCsp || [];").to_string();
    assert!(violations.contains("script-src"), "{violations}");
}
