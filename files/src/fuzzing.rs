//! The fuzz target's body, shared with the property tests: any bytes, under any name, give grids
//! or a message, never a panic, within the limits.
#![allow(clippy::missing_panics_doc)] // asserting is the point: a failed invariant is a finding

/// Reads `data` as each kind of file name.
pub fn read_any(data: &[u8]) {
    for name in ["a.xlsx", "a.docx", "a.xls"] {
        if let Ok(opened) = crate::read(name, data) {
            let cells: usize = opened
                .grids
                .iter()
                .map(|g| g.rows.iter().map(Vec::len).sum::<usize>())
                .sum();
            assert!(cells <= crate::limits::MAX_CELLS + crate::limits::MAX_COLS);
            for g in &opened.grids {
                assert!(g.rows.len() <= crate::limits::MAX_ROWS);
            }
        }
    }
}
