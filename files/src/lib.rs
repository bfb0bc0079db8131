//! hedui-files: the files people have, read into [`Grid`]s and written back.
//!
//! - [`read`]: an `.xlsx` / `.xls` workbook or a `.docx` document into one grid per sheet or table,
//!   merged cells spread over what they cover, numbers shown as their number format shows them.
//!   What a file really is comes from its bytes, not its name: a renamed `.xls`, a web page saved as
//!   `.xlsx`, an encrypted workbook each get their own Chinese message. Every limit is in [`limits`].
//! - [`write`]: the findings list and the form (national 申报表 layout) as `.xlsx`.
//! - [`findings`]: the findings as plain rows, built without any of the above (the page's main
//!   module builds them and hands them to the lazily loaded module that writes them).
//!
//! Nothing here panics on any input: the crate denies `unwrap`, `expect` and indexing outside tests,
//! and every parser's cost is linear in its input, bounded by [`limits`].
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod bridge;
pub mod findings;
pub mod limits;

#[cfg(feature = "io")]
mod cfb;
#[cfg(feature = "io")]
mod docx;
#[cfg(feature = "io")]
mod error;
#[cfg(feature = "io")]
pub mod fuzzing;
#[cfg(feature = "io")]
pub mod numfmt;
#[cfg(feature = "io")]
mod sheet;
#[cfg(feature = "io")]
pub mod write;
#[cfg(feature = "io")]
mod xls;
#[cfg(feature = "io")]
mod xlsx;
#[cfg(feature = "io")]
mod xml;
#[cfg(feature = "io")]
pub mod zip;

#[cfg(feature = "io")]
pub use error::FileError;
pub use hedui_core::grid::{Cell, Grid, SourceKind};

use serde::{Deserialize, Serialize};

/// What a file gave: its tables, and notes on what was cut or could not be read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Opened {
    /// One grid per sheet (named as the sheet) or per table (`表格 N`), in the file's order.
    pub grids: Vec<Grid>,
    /// What the user should know: rows cut at a limit, a renamed file, formulas without results.
    pub notes: Vec<String>,
}

/// The kinds of file [`read`] opens, by extension, for the page's file chooser and the CLI.
pub const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "docx", "docm"];

/// Whether a file name has one of [`EXTENSIONS`].
pub fn is_office_name(name: &str) -> bool {
    // Plain string work, not `std::path`: the page's first load links this.
    name.rsplit_once('.')
        .is_some_and(|(_, e)| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Reads a workbook or document into grids. `name` is the file's name, used only in messages:
/// what the file is comes from its bytes.
#[cfg(feature = "io")]
pub fn read(name: &str, bytes: &[u8]) -> Result<Opened, FileError> {
    if bytes.len() > limits::MAX_FILE_BYTES {
        return Err(FileError::TooLarge { bytes: bytes.len() });
    }
    let ext = std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mut opened = match sniff(bytes) {
        Kind::Empty => return Err(FileError::Empty),
        Kind::Zip => {
            let mut archive = zip::Archive::open(bytes)?;
            if xlsx::is_workbook(&archive) {
                xlsx::read(&mut archive)?
            } else if docx::is_document(&archive) {
                docx::read(&mut archive)?
            } else if archive.find("content.xml").is_some() {
                return Err(FileError::Unsupported(
                    "这是 OpenDocument（.ods/.odt）文件，请在 WPS 或 LibreOffice 中另存为 .xlsx 或 .docx 后再打开".into(),
                ));
            } else {
                return Err(FileError::Unsupported(
                    "这是一个压缩包，但里面没有 Excel 工作簿或 Word 文档".into(),
                ));
            }
        }
        Kind::Cfb => {
            let store = cfb::Store::open(bytes)?;
            if store.has("EncryptedPackage") || store.has("EncryptionInfo") {
                return Err(FileError::Encrypted);
            }
            if store.has("Workbook") || store.has("Book") {
                let mut opened = xls::read(&store)?;
                if ext != "xls" {
                    opened.notes.insert(
                        0,
                        format!(
                            "“{name}”实际是旧版 Excel（.xls）文件，已按 .xls 读取；建议另存为 .xlsx"
                        ),
                    );
                }
                opened
            } else if store.has("WordDocument") {
                return Err(FileError::Unsupported(
                    "这是旧版 Word（.doc）文件，请在 Word 或 WPS 中另存为 .docx 后再打开".into(),
                ));
            } else {
                return Err(FileError::Unsupported(
                    "这是一个 Office 复合文档，但里面没有 Excel 工作簿".into(),
                ));
            }
        }
        Kind::Html => return Err(FileError::Html),
        Kind::Other => return Err(FileError::Unknown),
    };
    if opened.grids.is_empty() {
        opened.notes.push(format!("“{name}”中没有找到任何表格内容"));
    }
    Ok(opened)
}

#[cfg(feature = "io")]
enum Kind {
    Empty,
    Zip,
    Cfb,
    Html,
    Other,
}

/// What the bytes are, from their first bytes.
#[cfg(feature = "io")]
fn sniff(bytes: &[u8]) -> Kind {
    const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.is_empty() {
        return Kind::Empty;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Kind::Zip;
    }
    if bytes.starts_with(&CFB_MAGIC) {
        return Kind::Cfb;
    }
    // A web page or an Excel 2003 XML workbook saved under an Office name: text starting with `<`.
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or_default();
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('<') {
        let lower = text.to_ascii_lowercase();
        if lower.contains("<html")
            || lower.contains("<table")
            || lower.contains("<!doctype html")
            || lower.contains("<meta")
            || lower.contains("urn:schemas-microsoft-com:office")
        {
            return Kind::Html;
        }
    }
    Kind::Other
}
