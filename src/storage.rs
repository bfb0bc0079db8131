//! The browser's storage as hedui-core's session sees it: `localStorage` behind the core's
//! key-value traits (the session decides every write; this only performs them), and the few
//! per-tab values kept in `sessionStorage`.

use hedui_core::session::store::{Full, KeyValue, KeyValueMut};

/// `localStorage`, or nothing when the browser refuses it (every write then fails as if full,
/// and the page says so and offers the export).
pub struct LocalStore(Option<web_sys::Storage>);

impl LocalStore {
    pub fn open() -> Self {
        Self(web_sys::window().and_then(|w| w.local_storage().ok().flatten()))
    }
}

impl KeyValue for LocalStore {
    fn get(&self, key: &str) -> Option<String> {
        self.0.as_ref()?.get_item(key).ok().flatten()
    }

    fn keys(&self) -> Vec<String> {
        let Some(s) = &self.0 else {
            return Vec::new();
        };
        let n = s.length().unwrap_or(0);
        (0..n).filter_map(|i| s.key(i).ok().flatten()).collect()
    }
}

impl KeyValueMut for LocalStore {
    fn set(&mut self, key: &str, value: &str) -> Result<(), Full> {
        // The only failure browsers report here is QuotaExceededError.
        self.0
            .as_ref()
            .ok_or(Full)?
            .set_item(key, value)
            .map_err(|_| Full)
    }

    fn remove(&mut self, key: &str) {
        if let Some(s) = &self.0 {
            let _ = s.remove_item(key);
        }
    }
}

fn tab_store() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// This tab's id before a reload, and the document it had open.
const TAB_ID: &str = "hedui.v1.tab.id";
const TAB_NAME: &str = "hedui.v1.tab.name";

/// A fresh id for this tab; returns it with the id the tab had before a reload, if any.
pub fn tab_ids() -> (String, Option<String>) {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a random 48-bit integer
    let random = (js_sys::Math::random() * 281_474_976_710_656.0) as u64;
    let id = format!("{:x}-{random:x}", crate::app::now());
    let previous = tab_store().and_then(|s| s.get_item(TAB_ID).ok().flatten());
    if let Some(s) = tab_store() {
        let _ = s.set_item(TAB_ID, &id);
    }
    (id, previous)
}

/// The document this tab had open before a reload.
pub fn tab_name() -> Option<String> {
    tab_store()?.get_item(TAB_NAME).ok().flatten()
}

/// Remembers the document this tab has open.
pub fn set_tab_name(name: &str) {
    if let Some(s) = tab_store() {
        let _ = s.set_item(TAB_NAME, name);
    }
}
