//! The bodies of the fuzz targets (`files/fuzz`), shared with the property tests and the replay of
//! saved crashes: any bytes give grids or a message, never a panic, within the limits.
#![allow(clippy::missing_panics_doc)] // asserting is the point: a failed invariant is a finding

use crate::limits;
use crate::Opened;

/// A fuzz target's body.
pub type Target = fn(&[u8]);

/// The fuzz targets, by name.
pub const TARGETS: &[(&str, Target)] = &[
    ("office_file", office_file),
    ("office_parts", office_parts),
    ("xls_stream", xls_stream),
];

fn within_limits(opened: &Opened) {
    let cells: usize = opened
        .grids
        .iter()
        .map(|g| g.rows.iter().map(Vec::len).sum::<usize>())
        .sum();
    assert!(cells <= limits::MAX_CELLS * 2, "{cells} cells");
    assert!(opened.grids.len() <= limits::MAX_GRIDS * 2 + 1);
    for g in &opened.grids {
        assert!(g.rows.len() <= limits::MAX_ROWS);
        assert!(g.rows.iter().all(|r| r.len() <= limits::MAX_COLS));
    }
}

/// The bytes as a file, under each name the page accepts.
pub fn office_file(data: &[u8]) {
    for name in ["a.xlsx", "a.docx", "a.xls"] {
        if let Ok(opened) = crate::read(name, data) {
            within_limits(&opened);
        }
    }
}

/// The bytes, split at U+001F, as the parts of a well-formed zip (workbook, sheet, shared
/// strings, styles; and a Word document), so the XML readers see them past the zip checks.
pub fn office_parts(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut pieces = text.split('\u{1f}');
    let mut next = || pieces.next().unwrap_or_default().to_owned();
    let (sheet, strings, styles, book, doc) = (next(), next(), next(), next(), next());
    let book = if book.is_empty() {
        "<workbook><sheets><sheet name=\"S\" sheetId=\"1\"/></sheets></workbook>".to_owned()
    } else {
        book
    };
    let mut z = crate::zip::Writer::default();
    z.add("xl/workbook.xml", book.as_bytes());
    z.add("xl/worksheets/sheet1.xml", sheet.as_bytes());
    z.add("xl/sharedStrings.xml", strings.as_bytes());
    z.add("xl/styles.xml", styles.as_bytes());
    if let Ok(opened) = crate::read("a.xlsx", &z.finish()) {
        within_limits(&opened);
    }
    let mut w = crate::zip::Writer::default();
    w.add(
        "word/document.xml",
        if doc.is_empty() { &sheet } else { &doc }.as_bytes(),
    );
    if let Ok(opened) = crate::read("a.docx", &w.finish()) {
        within_limits(&opened);
    }
}

/// The bytes as an `.xls` workbook stream (BIFF records), past the compound file.
pub fn xls_stream(data: &[u8]) {
    if let Ok(opened) = crate::xls::read_stream(data) {
        within_limits(&opened);
    }
}
