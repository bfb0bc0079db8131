//! Excel and Word files in the page: the bridge to the lazily loaded file module.
//!
//! The readers and writers (hedui-files) are a second wasm module carried inside the one HTML file
//! and compiled only on the first open or export of an Office file (`window.__hedui_files()`, set
//! up by the single-file assembly in xtask). This module only moves bytes and JSON across; the
//! first load links none of the file code.

use gloo::events::EventListener;
use gloo::file::callbacks::FileReader;
use hedui_core::model::Document;
use hedui_core::Report;
use js_sys::{Function, Reflect, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// The file chooser's accepted kinds: saved files, pasted text, Excel and Word.
pub const ACCEPT: &str = ".json,.txt,.xlsx,.xlsm,.xls,.docx,application/json,text/plain,\
application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,\
application/vnd.openxmlformats-officedocument.wordprocessingml.document";

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

/// The file module's exports, loading it on first use.
async fn module() -> Result<JsValue, String> {
    let window = web_sys::window().ok_or("没有浏览器窗口")?;
    let loader = Reflect::get(&window, &JsValue::from_str("__hedui_files"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or("此页面不含文件读写模块（开发模式下请用 cargo xtask dist 构建的 hedui.html）")?;
    let promise = loader
        .call0(&JsValue::NULL)
        .map_err(|e| format!("文件读写模块加载失败：{}", js_message(&e)))?;
    let promise: js_sys::Promise = promise
        .dyn_into()
        .map_err(|_| "文件读写模块加载失败".to_owned())?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|e| format!("文件读写模块加载失败：{}", js_message(&e)))
}

async fn call(name: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let m = module().await?;
    let f: Function = Reflect::get(&m, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| format!("文件读写模块缺少 {name}"))?;
    let args: js_sys::Array = args.iter().collect();
    f.apply(&JsValue::NULL, &args).map_err(|e| js_message(&e))
}

fn bytes_of(value: JsValue) -> Result<Vec<u8>, String> {
    value
        .dyn_into::<Uint8Array>()
        .map(|a| a.to_vec())
        .map_err(|_| "文件读写模块返回了无效结果".to_owned())
}

/// The findings list as an `.xlsx` file.
pub async fn write_findings_xlsx(report: &Report, doc: &Document) -> Result<Vec<u8>, String> {
    let cells: js_sys::Array = hedui_files::findings::rows(report, doc)
        .into_iter()
        .flat_map(hedui_files::findings::FindingRow::into_cells)
        .map(|c| JsValue::from_str(&c))
        .collect();
    bytes_of(call("write_findings_xlsx", &[cells.into()]).await?)
}

/// The document as an `.xlsx` in the 申报表 layout.
pub async fn write_form_xlsx(doc: &Document) -> Result<Vec<u8>, String> {
    let json = hedui_core::saved::to_json(doc);
    bytes_of(call("write_form_xlsx", &[JsValue::from_str(&json)]).await?)
}

/// What an opened Office file gives the page: the document, and the notes to show.
pub struct Imported {
    /// The document read from the file's grids.
    pub document: Document,
    /// What was cut, renamed or could not be placed (Chinese), for the banner.
    pub notes: Vec<String>,
}

/// Reads the file and turns its grids into a document (in the file module: the same step the
/// CLI takes).
pub async fn open(name: &str, bytes: &[u8]) -> Result<Imported, String> {
    let out = call(
        "open",
        &[JsValue::from_str(name), Uint8Array::from(bytes).into()],
    )
    .await?;
    let parts: js_sys::Array = out
        .dyn_into()
        .map_err(|_| "文件读写模块返回了无效结果".to_owned())?;
    let json = parts.get(0).as_string().unwrap_or_default();
    let notes = parts.get(1).as_string().unwrap_or_default();
    let document = hedui_core::saved::from_json(&json).map_err(|e| e.to_string())?;
    Ok(Imported {
        document,
        notes: notes.lines().map(str::to_owned).collect(),
    })
}

/// Opens an Office file chosen or dropped by the user: `on_done` gets the file's base name and
/// what it gave, or the message to show (the open document is then left as it is).
pub fn open_file(
    file: &gloo::file::File,
    reader: &Rc<RefCell<Option<FileReader>>>,
    on_done: Callback<Result<(String, Imported), String>>,
) {
    let name = file.name();
    let size = usize::try_from(file.size()).unwrap_or(usize::MAX);
    if size > hedui_files::limits::MAX_FILE_BYTES {
        on_done.emit(Err(format!(
            "无法打开“{name}”：{}",
            hedui_files::limits::too_large_message(size)
        )));
        return;
    }
    let base = std::path::Path::new(&name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("文件")
        .to_owned();
    let task = gloo::file::callbacks::read_as_bytes(file, move |result| {
        let Ok(bytes) = result else {
            on_done.emit(Err(format!("无法读取“{name}”")));
            return;
        };
        wasm_bindgen_futures::spawn_local(async move {
            on_done.emit(
                open(&name, &bytes)
                    .await
                    .map(|imported| (base, imported))
                    .map_err(|e| format!("无法打开“{name}”：{e}")),
            );
        });
    });
    *reader.borrow_mut() = Some(task);
}

/// Writes the document as a 申报表 workbook and offers it as `{name}.xlsx`.
pub fn export_form(doc: Document, name: String, on_error: Callback<String>) {
    wasm_bindgen_futures::spawn_local(async move {
        let result = write_form_xlsx(&doc)
            .await
            .and_then(|bytes| download_xlsx(&format!("{name}.xlsx"), &bytes));
        if let Err(e) = result {
            on_error.emit(format!("导出 Excel 失败：{e}"));
        }
    });
}

/// Writes the findings list and offers it as `{name}-核对结果.xlsx`.
pub fn export_findings(report: Report, doc: Document, name: String, on_error: Callback<String>) {
    wasm_bindgen_futures::spawn_local(async move {
        let result = write_findings_xlsx(&report, &doc)
            .await
            .and_then(|bytes| download_xlsx(&format!("{name}-核对结果.xlsx"), &bytes));
        if let Err(e) = result {
            on_error.emit(format!("导出核对结果失败：{e}"));
        }
    });
}

/// Offers `bytes` as a download of an `.xlsx` named `filename`.
pub fn download_xlsx(filename: &str, bytes: &[u8]) -> Result<(), String> {
    crate::download::download_bytes(
        filename,
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
}

/// Files dropped anywhere on the page go to `on_file`, as if chosen with 打开.
#[hook]
pub fn use_dropped_files(on_file: Callback<web_sys::File>) {
    use_effect_with((), move |()| {
        let listeners = web_sys::window().map(|w| {
            let over = EventListener::new_with_options(
                &w,
                "dragover",
                gloo::events::EventListenerOptions::enable_prevent_default(),
                web_sys::Event::prevent_default,
            );
            let drop = EventListener::new_with_options(
                &w,
                "drop",
                gloo::events::EventListenerOptions::enable_prevent_default(),
                move |e| {
                    e.prevent_default();
                    let file = e
                        .dyn_ref::<web_sys::DragEvent>()
                        .and_then(web_sys::DragEvent::data_transfer)
                        .and_then(|d| d.files())
                        .and_then(|f| f.get(0));
                    if let Some(file) = file {
                        on_file.emit(file);
                    }
                },
            );
            (over, drop)
        });
        move || drop(listeners)
    });
}
