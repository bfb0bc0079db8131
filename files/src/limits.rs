//! Every limit the readers keep, in one place. Each is far above what a real 申报表 or budget-system
//! export needs, and low enough that no file freezes the page for more than a moment.

/// Largest file opened: 20 MB. A department's whole export is a few hundred KB; a 50 MB file is
/// refused before any byte of it is parsed.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// Largest single part of a zip once inflated: 64 MB (a 50 000-row sheet is about 15 MB of XML).
pub const MAX_ENTRY_BYTES: usize = 64 * 1024 * 1024;

/// Most bytes inflated from one file, over all its parts: 128 MB.
pub const MAX_TOTAL_INFLATED: usize = 128 * 1024 * 1024;

/// Highest inflated / compressed ratio of a part once it is past [`RATIO_FREE_BYTES`]: real sheets
/// compress 5–50 times, a zip bomb a thousand times.
pub const MAX_RATIO: usize = 200;

/// A part may inflate this much whatever its ratio (tiny XML parts compress very well).
pub const RATIO_FREE_BYTES: usize = 1024 * 1024;

/// Most parts in a zip.
pub const MAX_ZIP_ENTRIES: usize = 20_000;

/// Rows read from one sheet or table; the rest are cut with a note. A province's whole export
/// of one row per indicator is some 30 000 rows.
pub const MAX_ROWS: usize = 50_000;

/// Columns read from one sheet or table; the rest are cut with a note.
pub const MAX_COLS: usize = 256;

/// Cells (including the copies of merged cells) kept over a whole file.
pub const MAX_CELLS: usize = 2_000_000;

/// Sheets or tables read from one file.
pub const MAX_GRIDS: usize = 500;

/// The message for a file over [`MAX_FILE_BYTES`], said before any byte of it is read.
pub fn too_large_message(bytes: usize) -> String {
    format!(
        "文件过大（{}），超过可以打开的上限 {}：请只保留需要核对的工作表或表格后另存，再打开",
        hedui_core::format::megabytes(bytes),
        hedui_core::format::megabytes(MAX_FILE_BYTES)
    )
}
