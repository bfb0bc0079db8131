//! Why a file could not be read, in words the user can act on.

use crate::limits;
use std::fmt;

/// A file that could not be read, and why. `Display` gives the Chinese message shown to users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    /// The file is empty.
    Empty,
    /// Larger than [`limits::MAX_FILE_BYTES`].
    TooLarge {
        /// The file's size.
        bytes: usize,
    },
    /// Protected by a password to open (an OLE file holding `EncryptedPackage`, or an `.xls` with
    /// a `FILEPASS` record).
    Encrypted,
    /// A web page (HTML) or an Excel 2003 XML file under an Office name.
    Html,
    /// Bytes of no kind this reader knows.
    Unknown,
    /// Cut short or damaged: the detail says where.
    Damaged(String),
    /// Inflates past the limits: a zip bomb, or a file too large to open in the page.
    Bomb {
        /// The part that went over.
        part: String,
    },
    /// A kind of file that is known but not read (`.doc`, `.ods`, Excel 95).
    Unsupported(String),
    /// A part of the file is not well-formed XML, or uses what OOXML never does (a DTD).
    Xml {
        /// The part, e.g. `xl/worksheets/sheet1.xml`.
        part: String,
        /// What is wrong, and where.
        detail: String,
    },
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "文件是空的（0 字节）"),
            Self::TooLarge { bytes } => write!(f, "{}", limits::too_large_message(*bytes)),
            Self::Encrypted => write!(
                f,
                "文件设置了打开密码（已加密），无法读取：请在 Excel 或 WPS 中输入密码打开，取消密码后另存，再打开"
            ),
            Self::Html => write!(
                f,
                "这个文件实际是网页（HTML）或 Excel 2003 XML，只是扩展名像 Excel 文件：请在 Excel 或 WPS 中打开后“另存为” .xlsx，或复制表格后用“粘贴导入”"
            ),
            Self::Unknown => write!(
                f,
                "无法识别的文件格式：不是 Excel（.xlsx/.xls）或 Word（.docx）文件"
            ),
            Self::Damaged(detail) => write!(
                f,
                "文件不完整或已损坏（{detail}），可能在下载或复制时被截断：请重新获取文件"
            ),
            Self::Bomb { part } => write!(
                f,
                "文件中的“{part}”解压后过大（超过 {} 或压缩比异常），可能是恶意构造的文件，未打开",
                hedui_core::format::megabytes(limits::MAX_ENTRY_BYTES)
            ),
            Self::Unsupported(what) => write!(f, "{what}"),
            Self::Xml { part, detail } => {
                write!(f, "文件中的“{part}”不是有效的 XML（{detail}），文件可能已损坏")
            }
        }
    }
}

impl std::error::Error for FileError {}
