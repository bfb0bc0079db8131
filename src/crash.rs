//! If the page ever panics, the user still gets their work: a Chinese banner, drawn without Yew
//! (which stops with the panic), offers the last autosaved document as a JSON download.

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

thread_local! {
    static LAST_SAVED: RefCell<Option<Rc<str>>> = const { RefCell::new(None) };
}

/// Remembers the document's latest saved-file text (shared, not copied), for the banner to offer.
pub fn remember(json: Rc<str>) {
    LAST_SAVED.with(|l| *l.borrow_mut() = Some(json));
}

/// Installs the hook. `#selftest-panic` in the URL panics on purpose once the page is up, so that
/// the browser tests can prove this path on the real built file.
pub fn install() {
    // Yew installs its own hook when it starts rendering; this replaces it.
    yew::set_custom_panic_hook(Box::new(|info| {
        let json = LAST_SAVED.with(|l| l.borrow().clone()).unwrap_or_default();
        show(&info.to_string(), &json);
    }));
}

fn show(detail: &str, json: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let banner = document.create_element("div").ok()?;
    banner.set_class_name("banner crash");
    banner.set_attribute("role", "alert").ok()?;
    banner.set_id("crash-banner");
    let text = document.create_element("p").ok()?;
    text.set_text_content(Some(
        "页面出现内部错误，已停止运行。您的内容已自动保存在本机浏览器中，刷新页面即可继续；也可以先导出一份备份：",
    ));
    banner.append_child(&text).ok()?;
    if !json.is_empty() {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(json));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("application/json");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let link: web_sys::HtmlAnchorElement =
            document.create_element("a").ok()?.dyn_into().ok()?;
        link.set_href(&url);
        link.set_download("hedui-备份.json");
        link.set_id("crash-export");
        link.set_text_content(Some("导出 JSON 备份"));
        banner.append_child(&link).ok()?;
    }
    let small = document.create_element("small").ok()?;
    small.set_text_content(Some(&format!("（技术信息：{detail}）")));
    banner.append_child(&small).ok()?;
    document.body()?.prepend_with_node_1(&banner).ok()?;
    Some(())
}
