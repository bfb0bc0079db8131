//! From grids to a document: the one function the page and the CLI both call after reading a file.
//!
//! The grids go to hedui-core's grid mapper, the one that reads pasted tables too.
//! [`grids_to_text`] lays grids out as text lines (for a look at what a file held).

use hedui_core::grid::Grid;
use hedui_core::import::Imported;

/// The grids as lines of text: the cells each row holds (not merged copies) followed by `sep`
/// (`\n`: one cell a line, as PDF text arrives); a blank line between grids.
pub fn grids_to_text(grids: &[Grid], sep: &str) -> String {
    let mut out = String::new();
    for g in grids {
        for row in &g.rows {
            let cells: Vec<&str> = row
                .iter()
                .filter(|c| !c.covered && !c.is_blank())
                .map(|c| c.text.as_str())
                .collect();
            // The paste importer knows no block label left of the indicator header (`绩效指标`):
            // that is left out.
            let from = cells.iter().position(|c| *c == "一级指标").unwrap_or(0);
            for line in cells.get(from..).unwrap_or_default() {
                out.push_str(line);
                out.push_str(sep);
            }
            if !cells.is_empty() && sep != "\n" {
                out.push('\n');
            }
        }
        out.push('\n');
    }
    out
}

/// The document the grids hold, with notes on what could not be placed: the grid mapper of
/// hedui-core (`import::import_grids`), named after the kind of file the grids came from.
pub fn import_grids(grids: &[Grid]) -> Imported {
    let source = grids
        .first()
        .and_then(|g| g.kind)
        .map_or("文件", hedui_core::grid::SourceKind::label);
    hedui_core::import::import_grids(grids, source)
}
