//! Documents kept in the browser (localStorage), by name, in the saved-file format.
//!
//! Keys are versioned (`hedui.v1.…`). An entry that cannot be read is set aside under
//! `hedui.v1.corrupt.…` and reported, never overwritten silently; a full store is reported so that
//! the user can export instead.

use hedui_core::model::Document;
use hedui_core::saved;

const INDEX: &str = "hedui.v1.index";
const CURRENT: &str = "hedui.v1.current";
const DOC: &str = "hedui.v1.doc.";

fn store() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The names of the saved documents.
pub fn names() -> Vec<String> {
    store()
        .and_then(|s| s.get_item(INDEX).ok().flatten())
        .and_then(|t| serde_json::from_str::<Vec<String>>(&t).ok())
        .unwrap_or_default()
}

fn set_names(names: &[String]) -> Result<(), String> {
    let s = store().ok_or("浏览器不允许本地保存")?;
    let json = serde_json::to_string(names).unwrap_or_default();
    s.set_item(INDEX, &json).map_err(|_| full())
}

fn full() -> String {
    "浏览器的本地存储空间已满，自动保存失败：请点“导出 JSON”把文档保存到文件".to_owned()
}

/// The document open last time.
pub fn current() -> Option<String> {
    store()?.get_item(CURRENT).ok().flatten()
}

/// Remembers which document is open.
pub fn set_current(name: &str) {
    if let Some(s) = store() {
        let _ = s.set_item(CURRENT, name);
    }
}

/// Reads a saved document; a corrupt entry is set aside and reported.
pub fn load(name: &str) -> Result<Option<Document>, String> {
    let Some(s) = store() else {
        return Ok(None);
    };
    let key = format!("{DOC}{name}");
    let Some(text) = s.get_item(&key).ok().flatten() else {
        return Ok(None);
    };
    match saved::from_json(&text) {
        Ok(doc) => Ok(Some(doc)),
        Err(e) => {
            let aside = format!("hedui.v1.corrupt.{name}.{}", js_sys::Date::now());
            let _ = s.set_item(&aside, &text);
            let _ = s.remove_item(&key);
            Err(format!(
                "本地保存的文档“{name}”无法读取（{e}），原内容已另存为 {aside}"
            ))
        }
    }
}

/// Saves a document under `name`.
pub fn save(name: &str, doc: &Document) -> Result<(), String> {
    let s = store().ok_or("浏览器不允许本地保存")?;
    s.set_item(&format!("{DOC}{name}"), &saved::to_json(doc))
        .map_err(|_| full())?;
    let mut list = names();
    if !list.iter().any(|n| n == name) {
        list.push(name.to_owned());
        set_names(&list)?;
    }
    set_current(name);
    Ok(())
}

/// Forgets a saved document.
pub fn remove(name: &str) {
    if let Some(s) = store() {
        let _ = s.remove_item(&format!("{DOC}{name}"));
    }
    let list: Vec<String> = names().into_iter().filter(|n| n != name).collect();
    let _ = set_names(&list);
}

/// A name not used yet: `base`, `base 2`, `base 3` …
pub fn fresh_name(base: &str) -> String {
    let list = names();
    if !list.iter().any(|n| n == base) {
        return base.to_owned();
    }
    (2..=list.len() + 2)
        .map(|i| format!("{base} {i}"))
        .find(|n| !list.contains(n))
        .unwrap_or_else(|| base.to_owned())
}
