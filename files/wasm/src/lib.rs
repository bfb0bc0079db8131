//! The second wasm module of the page: the file readers and writers, compiled only when the user
//! opens an Excel or Word file or exports one (see `src/files.rs` of the page and
//! `xtask/src/single_file.rs`). The first load carries none of this code.
//!
//! Values cross as strings and bytes that the main module already knows how to handle (the saved
//! file's JSON, plain strings), so the first load links no new (de)serialisation code.
#![forbid(unsafe_code)]

use hedui_files::findings::FindingRow;
use wasm_bindgen::prelude::wasm_bindgen;

/// Reads an `.xlsx` / `.xls` / `.docx` file: `Opened` as JSON, or the Chinese message.
#[wasm_bindgen]
pub fn read(name: &str, bytes: &[u8]) -> Result<String, String> {
    let opened = hedui_files::read(name, bytes).map_err(|e| e.to_string())?;
    serde_json::to_string(&opened).map_err(|e| e.to_string())
}

/// Reads an `.xlsx` / `.xls` / `.docx` file and turns its grids into a document: the document as
/// saved-file JSON and the notes for the user (joined by `；`), or the Chinese message.
#[wasm_bindgen]
pub fn open(name: &str, bytes: &[u8]) -> Result<Vec<String>, String> {
    let opened = hedui_files::read(name, bytes).map_err(|e| e.to_string())?;
    let imported = hedui_files::bridge::import_grids(&opened.grids);
    let mut notes = opened.notes;
    notes.extend(imported.notes);
    Ok(vec![
        hedui_core::saved::to_json(&imported.document),
        notes.join("；"),
    ])
}

/// The findings list as an `.xlsx` file, from [`FindingRow::CELLS`] strings per finding in
/// column order.
#[wasm_bindgen]
#[allow(clippy::needless_pass_by_value)] // wasm-bindgen hands over an owned array
pub fn write_findings_xlsx(cells: Vec<String>) -> Vec<u8> {
    let rows: Vec<FindingRow> = cells
        .chunks(FindingRow::CELLS)
        .map(FindingRow::from_cells)
        .collect();
    hedui_files::write::findings_xlsx(&rows)
}

/// The document (saved-file JSON) as an `.xlsx` in the 申报表 layout.
#[wasm_bindgen]
pub fn write_form_xlsx(doc_json: &str) -> Result<Vec<u8>, String> {
    let doc = hedui_core::saved::from_json(doc_json).map_err(|e| e.to_string())?;
    Ok(hedui_files::write::form::form_xlsx(&doc))
}
