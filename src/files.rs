//! Excel and Word files in the page: the bridge to the lazily loaded file module.
//!
//! The readers and writers (hedui-files) are a second wasm module carried inside the one HTML file
//! and compiled only on the first open or export of an Office file. The single-file assembly
//! (xtask) puts `window.__hedui_files_api` in the page: it reads the chosen file's bytes, runs the
//! module and offers downloads, so this module only hands over a `File` or a string and gets back
//! a saved-file JSON and notes, or the message. The first load links none of the file code.

use gloo::events::{EventListener, EventListenerOptions};
use hedui_core::model::Document;
use hedui_core::Report;
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// The file chooser's accepted kinds: saved files, pasted text, Excel and Word.
pub const ACCEPT: &str = ".json,.txt,.xlsx,.xlsm,.xls,.docx";

/// Whether the file is one the file module reads (by its name; its bytes decide what it is).
pub fn is_office(name: &str) -> bool {
    hedui_files::is_office_name(name)
}

fn js_message(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "未知错误".to_owned())
}

/// Calls `window.__hedui_files_api[method](...args)` and awaits its promise.
async fn call(method: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let missing =
        || "此页面不含文件读写模块（开发模式下请用 cargo xtask dist 构建的 hedui.html）".to_owned();
    let window = web_sys::window().ok_or("没有浏览器窗口")?;
    let api = Reflect::get(&window, &JsValue::from_str("__hedui_files_api"))
        .ok()
        .filter(JsValue::is_object)
        .ok_or_else(missing)?;
    let f: Function = Reflect::get(&api, &JsValue::from_str(method))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(missing)?;
    let args: js_sys::Array = args.iter().collect();
    let promise: Promise = f
        .apply(&api, &args)
        .map_err(|e| js_message(&e))?
        .dyn_into()
        .map_err(|_| missing())?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|e| js_message(&e))
}

/// Opens an Office file chosen or dropped by the user: `on_done` gets the document and the
/// notes to show (`；`-joined, may be empty), or why it did not open (the open
/// document is then left as it is).
pub fn open_file(file: web_sys::File, on_done: Callback<Result<(Document, String), String>>) {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a file size, ≥ 0
    let size = file.size() as usize;
    if size > hedui_files::limits::MAX_FILE_BYTES {
        // Refused before a byte of it is read.
        on_done.emit(Err(hedui_files::limits::too_large_message(size)));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let result = call("open", &[file.into()]).await.and_then(|out| {
            let parts: js_sys::Array = out.dyn_into().map_err(|_| "文件读写模块返回了无效结果")?;
            let document =
                hedui_core::saved::from_json(&parts.get(0).as_string().unwrap_or_default())
                    .map_err(|e| e.to_string())?;
            Ok((document, parts.get(1).as_string().unwrap_or_default()))
        });
        on_done.emit(result);
    });
}

/// Writes the document as a 申报表 workbook and offers it as `{name}.xlsx`.
pub fn export_form(doc: &Document, name: &str, on_error: Callback<String>) {
    let args = [
        JsValue::from_str(&hedui_core::saved::to_json(doc)),
        JsValue::from_str(&format!("{name}.xlsx")),
    ];
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = call("exportForm", &args).await {
            on_error.emit(format!("导出 Excel 失败：{e}"));
        }
    });
}

/// Writes the findings list and offers it as `{name}-核对结果.xlsx`.
pub fn export_findings(report: &Report, doc: &Document, name: &str, on_error: Callback<String>) {
    let cells: js_sys::Array = hedui_files::findings::rows(report, doc)
        .into_iter()
        .flat_map(hedui_files::findings::FindingRow::into_cells)
        .map(|c| JsValue::from_str(&c))
        .collect();
    let args = [
        cells.into(),
        JsValue::from_str(&format!("{name}-核对结果.xlsx")),
    ];
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = call("exportFindings", &args).await {
            on_error.emit(format!("导出核对结果失败：{e}"));
        }
    });
}

/// Files dropped anywhere on the page go to `on_file`, as if chosen with 打开.
#[hook]
pub fn use_dropped_files(on_file: Callback<web_sys::File>) {
    use_effect_with((), move |()| {
        let listeners = web_sys::window().map(|w| {
            let options = EventListenerOptions::enable_prevent_default();
            let over = EventListener::new_with_options(
                &w,
                "dragover",
                options,
                web_sys::Event::prevent_default,
            );
            let drop = EventListener::new_with_options(&w, "drop", options, move |e| {
                e.prevent_default();
                let file = e
                    .dyn_ref::<web_sys::DragEvent>()
                    .and_then(web_sys::DragEvent::data_transfer)
                    .and_then(|d| d.files())
                    .and_then(|f| f.get(0));
                if let Some(file) = file {
                    on_file.emit(file);
                }
            });
            (over, drop)
        });
        move || drop(listeners)
    });
}
