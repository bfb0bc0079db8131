//! Opening a file, decided once for the page and the CLI: by its name, what kind of file it is
//! (a saved `.json` document, pasted text in a `.txt`, or a spreadsheet or Word document that
//! needs a file reader), then its bytes as text ([`crate::encoding`]) and the document in it.

use crate::encoding::{decode, DecodeError, Encoding, Gb18030};
use crate::import::{import_text, Imported};
use crate::model::Document;
use crate::saved::{self, LoadError};
use std::fmt;

/// The largest file opened (the limit of the saved format, and far above a department's text).
pub const MAX_FILE_BYTES: usize = saved::MAX_BYTES;

/// What kind of file a name says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A document saved by hedui (`.json`).
    Saved,
    /// Text copied out of a PDF (`.txt`).
    Text,
    /// An Excel workbook (`.xlsx`, `.xls`): needs the spreadsheet reader.
    Spreadsheet,
    /// A Word document (`.docx`): needs the document reader.
    WordDocument,
    /// A PDF: its text has to be copied out first.
    Pdf,
}

impl FileKind {
    /// The kind a file name says, from its extension (any case); `None` for any other name.
    pub fn of_name(name: &str) -> Option<Self> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "json" => Self::Saved,
            "txt" | "text" => Self::Text,
            "xlsx" | "xls" => Self::Spreadsheet,
            "docx" => Self::WordDocument,
            "pdf" => Self::Pdf,
            _ => return None,
        })
    }

    /// Whether the shell must hand the file's bytes to a file reader rather than to [`open`].
    pub fn needs_reader(self) -> bool {
        matches!(self, Self::Spreadsheet | Self::WordDocument)
    }
}

/// What a file held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    /// A saved document.
    Saved(Document),
    /// Pasted text, through the importer: the document, what it could not place, its notes.
    Text(Imported),
}

/// A file opened: its contents and the encoding its text was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// The document and, for text, what the importer has to say.
    pub contents: Contents,
    /// How the bytes were read.
    pub encoding: Encoding,
}

impl Opened {
    /// What to tell the user once the file named `name` is open: the encoding it was read in,
    /// when that was not plain UTF-8.
    pub fn note(&self, name: &str) -> Option<String> {
        (self.encoding != Encoding::Utf8)
            .then(|| format!("已打开“{name}”（文件的编码：{}）", self.encoding.label()))
    }

    /// The document, whichever kind of file it came from.
    pub fn document(&self) -> &Document {
        match &self.contents {
            Contents::Saved(doc) => doc,
            Contents::Text(imported) => &imported.document,
        }
    }

    /// The document, taken out.
    pub fn into_document(self) -> Document {
        match self.contents {
            Contents::Saved(doc) => doc,
            Contents::Text(imported) => imported.document,
        }
    }
}

/// Why a file could not be opened (nothing is changed when it cannot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// Larger than [`MAX_FILE_BYTES`]: how large.
    TooLarge(usize),
    /// A spreadsheet or Word document: the shell hands it to the matching file reader.
    NeedsReader(FileKind),
    /// A PDF: its text must be copied out of a PDF reader and pasted.
    Pdf,
    /// A name that says none of the kinds hedui opens.
    Unsupported,
    /// Not text (binary content, or bytes valid in no encoding tried).
    NotText,
    /// A `.json` that is not a saved document hedui can read.
    Saved(LoadError),
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge(n) => write!(
                f,
                "文件过大（{}），超过 {} MB 的上限",
                crate::format::megabytes(*n),
                MAX_FILE_BYTES / 1024 / 1024
            ),
            Self::NeedsReader(FileKind::WordDocument) => {
                f.write_str("是 Word 文档（.docx），需要用文档读取器打开")
            }
            Self::NeedsReader(_) => {
                f.write_str("是 Excel 表格（.xlsx/.xls），需要用表格读取器打开")
            }
            Self::Pdf => f.write_str("是 PDF 文件：请在 PDF 阅读器中全选并复制文字，再粘贴导入"),
            Self::Unsupported => f.write_str(
                "只能打开 .json 保存文件、.txt 文本文件，或 .xlsx/.xls/.docx 表格与文档",
            ),
            Self::NotText => DecodeError::NotText.fmt(f),
            Self::Saved(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for OpenError {}

/// Opens a file named `name` whose content is `bytes`: a saved document, or pasted text through
/// the importer (with a note naming the encoding when it was not plain UTF-8). Spreadsheets and
/// Word documents give [`OpenError::NeedsReader`] so that the shell can route them.
pub fn open(name: &str, bytes: &[u8], gb18030: Gb18030<'_>) -> Result<Opened, OpenError> {
    let kind = FileKind::of_name(name).ok_or(OpenError::Unsupported)?;
    match kind {
        FileKind::Spreadsheet | FileKind::WordDocument => return Err(OpenError::NeedsReader(kind)),
        FileKind::Pdf => return Err(OpenError::Pdf),
        FileKind::Saved | FileKind::Text => {}
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(OpenError::TooLarge(bytes.len()));
    }
    let decoded = decode(bytes, gb18030).map_err(|DecodeError::NotText| OpenError::NotText)?;
    let contents = if kind == FileKind::Saved {
        Contents::Saved(saved::from_json(&decoded.text).map_err(OpenError::Saved)?)
    } else {
        let mut imported = import_text(&decoded.text);
        if decoded.encoding != Encoding::Utf8 {
            imported
                .notes
                .insert(0, format!("文件的编码：{}", decoded.encoding.label()));
        }
        Contents::Text(imported)
    };
    Ok(Opened {
        contents,
        encoding: decoded.encoding,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &[u8]) -> Option<String> {
        None
    }

    #[test]
    fn the_name_decides_the_kind() {
        assert_eq!(FileKind::of_name("a.JSON"), Some(FileKind::Saved));
        assert_eq!(FileKind::of_name("目录/粘贴.txt"), Some(FileKind::Text));
        assert_eq!(FileKind::of_name("表.xlsx"), Some(FileKind::Spreadsheet));
        assert_eq!(FileKind::of_name("表.XLS"), Some(FileKind::Spreadsheet));
        assert_eq!(FileKind::of_name("文.docx"), Some(FileKind::WordDocument));
        assert_eq!(FileKind::of_name("Cargo.toml"), None);
        assert_eq!(FileKind::of_name("README"), None);
        assert!(FileKind::Spreadsheet.needs_reader() && !FileKind::Text.needs_reader());
    }

    #[test]
    fn each_kind_opens_or_says_why_not() {
        let seed = include_str!("../fixtures/seed.json");
        let opened = open("seed.json", seed.as_bytes(), &none).unwrap();
        assert!(matches!(opened.contents, Contents::Saved(_)));
        assert_eq!(opened.document().projects.len(), 3);
        let text = crate::sample::SEED_TEXT;
        let opened = open("seed.txt", text.as_bytes(), &none).unwrap();
        assert_eq!(opened.encoding, Encoding::Utf8);
        assert_eq!(opened.into_document(), crate::sample::seed());
        assert_eq!(
            open("表.xlsx", b"PK\x03\x04", &none),
            Err(OpenError::NeedsReader(FileKind::Spreadsheet))
        );
        assert_eq!(
            open("a.txt", b"\x00\x01\x02", &none),
            Err(OpenError::NotText)
        );
        assert_eq!(
            open("a.txt", b"\x00", &none).unwrap_err().to_string(),
            "不是文本文件"
        );
        assert_eq!(
            open("Cargo.toml", b"[package]", &none),
            Err(OpenError::Unsupported)
        );
        assert!(matches!(
            open("a.json", b"[1]", &none),
            Err(OpenError::Saved(_))
        ));
        let big = vec![b' '; MAX_FILE_BYTES + 1];
        assert!(matches!(
            open("a.txt", &big, &none),
            Err(OpenError::TooLarge(_))
        ));
    }

    #[test]
    fn the_encoding_is_named_in_the_notes() {
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(crate::sample::SEED_TEXT.as_bytes());
        let opened = open("seed.txt", &bom, &none).unwrap();
        assert_eq!(opened.encoding, Encoding::Utf8Bom);
        let Contents::Text(imported) = &opened.contents else {
            panic!("text");
        };
        assert_eq!(imported.notes[0], "文件的编码：UTF-8（带 BOM）");
        assert_eq!(imported.document, crate::sample::seed());
    }
}
