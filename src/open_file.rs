//! Opening a file the user picked: the page reads its bytes and hands them to the core, which
//! decides what the file is and which encoding its text is in ([`hedui_core::open`]), exactly as
//! the CLI does. The page only supplies the GB18030 decoder the core leaves out: the browser's own.

use gloo::file::callbacks::FileReader;
use hedui_core::open::{open, FileKind, OpenError, Opened, MAX_FILE_BYTES};
use std::fmt;

/// Why a picked file did not open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenFailure {
    /// The core's reason (too large, not text, a spreadsheet that needs the reader …).
    Open(OpenError),
    /// The browser could not read the file's bytes.
    Read,
}

impl fmt::Display for OpenFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Open(e) => e.fmt(f),
            Self::Read => f.write_str("浏览器无法读取这个文件"),
        }
    }
}

/// The browser's GB18030 decoder (which reads GBK too), strict: bytes that are not GB18030 give
/// `None`, never replacement characters.
pub fn gb18030(bytes: &[u8]) -> Option<String> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    let decoder = web_sys::TextDecoder::new_with_label_and_options("gb18030", &options).ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}

/// Reads `file` and opens it, then calls `done`. A file the core would refuse by its name or size
/// is refused at once, unread; otherwise the returned reader must be kept alive until `done` runs.
pub fn read(
    file: &web_sys::File,
    done: impl FnOnce(Result<Opened, OpenFailure>) + 'static,
) -> Option<FileReader> {
    let file = gloo::file::File::from(file.clone());
    let name = file.name();
    let refusal = match FileKind::of_name(&name) {
        None => Some(OpenError::Unsupported),
        Some(kind) if kind.needs_reader() => Some(OpenError::NeedsReader(kind)),
        Some(FileKind::Pdf) => Some(OpenError::Pdf),
        Some(_) => (file.size() > MAX_FILE_BYTES as u64)
            .then(|| OpenError::TooLarge(usize::try_from(file.size()).unwrap_or(usize::MAX))),
    };
    if let Some(e) = refusal {
        done(Err(OpenFailure::Open(e)));
        return None;
    }
    Some(gloo::file::callbacks::read_as_bytes(&file, move |bytes| {
        done(match bytes {
            Ok(bytes) => open(&name, &bytes, &gb18030).map_err(OpenFailure::Open),
            Err(_) => Err(OpenFailure::Read),
        });
    }))
}
