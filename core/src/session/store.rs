//! The browser's key-value storage as the session sees it: a read-only view given to the reducer,
//! and ordered writes the shell performs for it (stopping at the first that fails).
//!
//! Keys are those the page has always used (`hedui.v1.…`), so documents saved by earlier versions of
//! the page are found where they are.

use std::rc::Rc;

/// The list of document names, in the order they were created (a JSON array of strings).
pub const INDEX: &str = "hedui.v1.index";
/// The document opened last in this browser.
pub const CURRENT: &str = "hedui.v1.current";
/// A document, by name: `hedui.v1.doc.<name>`, in the saved-file format.
pub const DOC: &str = "hedui.v1.doc.";
/// A copy set aside by earlier versions of the page when a document could not be read:
/// `hedui.v1.corrupt.<name>.<milliseconds>`.
pub const ASIDE: &str = "hedui.v1.corrupt.";
/// Which tab is editing a document: `hedui.v1.lock.<name>` (see [`super::lock`]).
pub const LOCK: &str = "hedui.v1.lock.";

/// The storage key of document `name`.
pub fn doc_key(name: &str) -> String {
    format!("{DOC}{name}")
}

/// The storage key of the editing claim on document `name`.
pub fn lock_key(name: &str) -> String {
    format!("{LOCK}{name}")
}

/// Reading the store. The page gives its `localStorage`; tests give a map.
pub trait KeyValue {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Option<String>;
    /// Every key held.
    fn keys(&self) -> Vec<String>;
}

/// The store refused a write: it is full (the only reason browsers give).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Full;

/// Writing the store; only the shell (and tests) write, by performing a [`Write`].
pub trait KeyValueMut: KeyValue {
    /// Stores `value` under `key`, replacing what was there; fails when the store is full.
    fn set(&mut self, key: &str, value: &str) -> Result<(), Full>;
    /// Removes `key` (removing never fails).
    fn remove(&mut self, key: &str);
}

/// One write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreOp {
    /// Store a value.
    Set {
        /// The key.
        key: String,
        /// The value (shared: a document's text is not copied to be written).
        value: Rc<str>,
    },
    /// Remove a key.
    Remove {
        /// The key.
        key: String,
    },
}

impl StoreOp {
    /// A [`StoreOp::Set`].
    pub fn set(key: impl Into<String>, value: impl Into<Rc<str>>) -> Self {
        Self::Set {
            key: key.into(),
            value: value.into(),
        }
    }

    /// A [`StoreOp::Remove`].
    pub fn remove(key: impl Into<String>) -> Self {
        Self::Remove { key: key.into() }
    }

    /// The key written or removed.
    pub fn key(&self) -> &str {
        match self {
            Self::Set { key, .. } | Self::Remove { key } => key,
        }
    }
}

/// How a [`Write`] went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every operation was performed.
    Done,
    /// Operation `at` failed because the store is full; it and the ones after it were not performed.
    /// Those before it were.
    Full {
        /// Index of the operation that failed.
        at: usize,
    },
}

/// Performs `ops` in order, stopping at the first that fails. A removal placed after a copy is
/// therefore never performed when the copy failed: that is how the session keeps its promise that
/// nothing is removed unless what replaces it was written.
pub fn perform(store: &mut dyn KeyValueMut, ops: &[StoreOp]) -> Outcome {
    for (at, op) in ops.iter().enumerate() {
        match op {
            StoreOp::Set { key, value } => {
                if store.set(key, value).is_err() {
                    return Outcome::Full { at };
                }
            }
            StoreOp::Remove { key } => store.remove(key),
        }
    }
    Outcome::Done
}

/// The names of the saved documents, from the keys themselves: the index is only an order.
pub fn doc_names(store: &dyn KeyValue) -> Vec<String> {
    // Sorted by inserting into a set one by one: collecting into a set, or sorting, would bring a
    // sort routine for strings into the page.
    let mut names = std::collections::BTreeSet::new();
    for key in store.keys() {
        if let Some(name) = key.strip_prefix(DOC) {
            names.insert(name.to_owned());
        }
    }
    names.into_iter().collect()
}

/// What the index says, if it can be read.
pub fn read_index(store: &dyn KeyValue) -> Result<Vec<String>, IndexProblem> {
    match store.get(INDEX) {
        None => Err(IndexProblem::Missing),
        Some(text) => serde_json::from_str(&text).map_err(|_| IndexProblem::Unreadable),
    }
}

/// Why the index could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexProblem {
    /// There is none (a new browser, or one cleared).
    Missing,
    /// It is there but is not a list of names.
    Unreadable,
}

/// The document names in the index's order, followed by documents the index forgot (sorted);
/// names in the index whose document is gone are left out. Linear in the keys (plus sorting).
pub fn reconcile(index: &[String], present: &[String]) -> Vec<String> {
    use std::collections::BTreeSet;
    let mut present_set = BTreeSet::new();
    for name in present {
        present_set.insert(name.as_str());
    }
    let mut seen = BTreeSet::new();
    let mut names: Vec<String> = index
        .iter()
        .filter(|n| present_set.contains(n.as_str()) && seen.insert(n.as_str()))
        .cloned()
        .collect();
    names.extend(
        present
            .iter()
            .filter(|n| !seen.contains(n.as_str()))
            .cloned(),
    );
    names
}

/// A copy set aside by an earlier version of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aside {
    /// Its storage key.
    pub key: String,
    /// The name of the document it was.
    pub name: String,
    /// When it was set aside (milliseconds since 1970), if the key says.
    pub at: Option<u64>,
}

/// The copies set aside in the store, oldest first.
pub fn asides(store: &dyn KeyValue) -> Vec<Aside> {
    let mut found = std::collections::BTreeMap::new();
    for key in store.keys() {
        let Some(rest) = key.strip_prefix(ASIDE) else {
            continue;
        };
        let (name, at) = match rest.rsplit_once('.') {
            Some((name, stamp)) => match stamp.parse::<u64>() {
                Ok(at) => (name.to_owned(), Some(at)),
                Err(_) => (rest.to_owned(), None),
            },
            None => (rest.to_owned(), None),
        };
        found.insert((at, key.clone()), Aside { key, name, at });
    }
    found.into_values().collect()
}

/// A store in memory, for tests: it can be given a capacity (in bytes of keys and values) beyond
/// which writes fail, as a full `localStorage` does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemoryStore {
    /// What it holds.
    pub map: std::collections::BTreeMap<String, String>,
    /// Writes that would take the total beyond this fail.
    pub capacity: Option<usize>,
}

impl MemoryStore {
    /// Bytes used by keys and values.
    pub fn used(&self) -> usize {
        self.map.iter().map(|(k, v)| k.len() + v.len()).sum()
    }

    /// Makes the store full: no write that grows it succeeds from now on.
    pub fn fill(&mut self) {
        self.capacity = Some(self.used());
    }
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.map.get(key).cloned()
    }

    fn keys(&self) -> Vec<String> {
        self.map.keys().cloned().collect()
    }
}

impl KeyValueMut for MemoryStore {
    fn set(&mut self, key: &str, value: &str) -> Result<(), Full> {
        if let Some(cap) = self.capacity {
            let old = self.map.get(key).map_or(0, |v| key.len() + v.len());
            if self.used() - old + key.len() + value.len() > cap {
                return Err(Full);
            }
        }
        self.map.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&mut self, key: &str) {
        self.map.remove(key);
    }
}
