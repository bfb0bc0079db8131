//! The saved file (`.json`): reading it back with clear Chinese errors, never a panic.

use crate::model::{Document, FORMAT_VERSION};
use std::fmt;

/// The largest saved file accepted (a real document is a few dozen KB).
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// Why a saved file could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Larger than [`MAX_BYTES`].
    TooLarge(usize),
    /// Not JSON, or JSON of the wrong shape: where and what.
    Invalid(String),
    /// JSON, but not a hedui document (no `version` or no `projects`).
    NotADocument(&'static str),
    /// Saved by a newer hedui.
    NewerVersion(u64),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge(n) => write!(
                f,
                "文件过大（{}），超过 {} MB 的上限，不像是核对 hedui 保存的文件",
                crate::format::megabytes(*n),
                MAX_BYTES / 1024 / 1024
            ),
            Self::Invalid(why) => write!(f, "文件内容无法读取：{why}"),
            Self::NotADocument(missing) => {
                write!(f, "这不是核对 hedui 保存的文件：缺少“{missing}”")
            }
            Self::NewerVersion(v) => write!(
                f,
                "此文件由更新版本的核对 hedui 保存（格式版本 {v}，本程序支持到 {FORMAT_VERSION}），请使用新版本打开"
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// Just what identifies a saved document, read before the whole of it.
#[derive(serde::Deserialize)]
struct Header {
    version: Option<serde::de::IgnoredAny>,
    projects: Option<serde::de::IgnoredAny>,
}

/// The version alone, once it is known to be there.
#[derive(serde::Deserialize)]
struct Version {
    version: u64,
}

fn invalid(e: &serde_json::Error) -> LoadError {
    LoadError::Invalid(format!(
        "第 {} 行第 {} 列：{}",
        e.line(),
        e.column(),
        kind(e)
    ))
}

/// Reads a saved document.
pub fn from_json(text: &str) -> Result<Document, LoadError> {
    if text.len() > MAX_BYTES {
        return Err(LoadError::TooLarge(text.len()));
    }
    if !text.trim_start().starts_with('{') {
        return match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Ok(_) => Err(LoadError::NotADocument("version")),
            Err(e) => Err(invalid(&e)),
        };
    }
    let header: Header = serde_json::from_str(text).map_err(|e| invalid(&e))?;
    if header.version.is_none() {
        return Err(LoadError::NotADocument("version"));
    }
    let version = serde_json::from_str::<Version>(text)
        .map_err(|_| LoadError::Invalid("“version”应为数字".into()))?
        .version;
    if version > u64::from(FORMAT_VERSION) {
        return Err(LoadError::NewerVersion(version));
    }
    if header.projects.is_none() {
        return Err(LoadError::NotADocument("projects"));
    }
    let mut doc: Document = serde_json::from_str(text).map_err(|e| {
        LoadError::Invalid(format!(
            "字段类型不对（第 {} 行第 {} 列）：{e}",
            e.line(),
            e.column()
        ))
    })?;
    // Older versions are read by the same defaults; the document is saved back as the current one.
    doc.version = FORMAT_VERSION;
    Ok(doc)
}

fn kind(e: &serde_json::Error) -> &'static str {
    match e.classify() {
        serde_json::error::Category::Eof => "文件不完整（可能只复制了一部分）",
        serde_json::error::Category::Syntax => "不是有效的 JSON",
        serde_json::error::Category::Data => "字段类型不对",
        serde_json::error::Category::Io => "读取失败",
    }
}

/// Writes a document as the saved-file format (pretty JSON, UTF-8).
pub fn to_json(doc: &Document) -> String {
    serde_json::to_string_pretty(doc).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_the_seed() {
        let doc = from_json(include_str!("../fixtures/seed.json")).unwrap();
        assert_eq!(from_json(&to_json(&doc)).unwrap(), doc);
    }

    #[test]
    fn says_clearly_what_is_wrong() {
        assert_eq!(
            from_json("{\"projects\": []}").unwrap_err().to_string(),
            "这不是核对 hedui 保存的文件：缺少“version”"
        );
        assert!(matches!(
            from_json("{\"version\": 99, \"projects\": []}"),
            Err(LoadError::NewerVersion(99))
        ));
        assert!(from_json("{\"version\": 1, \"projects\": [")
            .unwrap_err()
            .to_string()
            .contains("第 1 行"));
        assert!(matches!(
            from_json("[1,2]"),
            Err(LoadError::NotADocument(_))
        ));
        let big = " ".repeat(MAX_BYTES + 1);
        assert!(matches!(from_json(&big), Err(LoadError::TooLarge(_))));
        assert!(matches!(
            from_json("{\"version\": 1, \"projects\": 5}"),
            Err(LoadError::Invalid(_))
        ));
    }
}
