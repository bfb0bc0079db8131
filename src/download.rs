//! Saving a file to the user's disk without any network: a Blob and a click on a download link.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `filename`.
pub fn download(filename: &str, text: &str, mime: &str) -> Result<(), String> {
    let fail = |_| "无法生成下载文件".to_owned();
    let window = web_sys::window().ok_or("没有浏览器窗口")?;
    let document = window.document().ok_or("没有页面")?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "无法生成下载链接".to_owned())?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    // Revoked a moment later: the download reads the Blob after the click returns.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}
