//! Building a grid from cells placed by position, within the limits: merged ranges spread over what
//! they cover, rows and columns past the limits cut (with a note saying so).

use crate::limits;
use hedui_core::grid::{Cell, Grid, SourceKind};

/// The cells of one sheet or table as they are read.
pub struct SheetBuilder {
    grid: Grid,
    merges: Vec<(usize, usize, usize, usize)>,
    rows_cut: usize,
    cols_cut: bool,
    cells_cut: bool,
}

/// How many cells a whole file may still hold (shared by its sheets).
#[derive(Debug, Clone, Copy)]
pub struct Budget(pub usize);

impl Default for Budget {
    fn default() -> Self {
        Self(limits::MAX_CELLS)
    }
}

impl SheetBuilder {
    /// An empty sheet named `name`.
    pub fn new(kind: SourceKind, name: &str) -> Self {
        Self {
            grid: Grid::new(kind, name),
            merges: Vec::new(),
            rows_cut: 0,
            cols_cut: false,
            cells_cut: false,
        }
    }

    /// Whether `row` is past the row limit (the reader may stop reading).
    pub fn past_rows(row: usize) -> bool {
        row >= limits::MAX_ROWS
    }

    /// Puts `text` at (`row`, `col`), 0-based. Blank text is not stored.
    pub fn set(&mut self, row: usize, col: usize, text: &str, budget: &mut Budget) {
        if text.is_empty() {
            return;
        }
        if Self::past_rows(row) {
            self.rows_cut = self.rows_cut.max(row + 1);
            return;
        }
        if col >= limits::MAX_COLS {
            self.cols_cut = true;
            return;
        }
        let text = clean(text);
        if text.is_empty() {
            return;
        }
        if budget.0 == 0 {
            self.cells_cut = true;
            return;
        }
        budget.0 -= 1;
        if self.grid.rows.len() <= row {
            self.grid.rows.resize_with(row + 1, Vec::new);
        }
        if let Some(r) = self.grid.rows.get_mut(row) {
            if r.len() <= col {
                r.resize_with(col + 1, Cell::default);
            }
            if let Some(c) = r.get_mut(col) {
                *c = Cell::new(text, 0);
            }
        }
    }

    /// A merged range, inclusive, 0-based (`A1:C3` → (0, 0, 2, 2)).
    pub fn merge(&mut self, r1: usize, c1: usize, r2: usize, c2: usize) {
        if r2 >= r1 && c2 >= c1 && (r1, c1) != (r2, c2) {
            self.merges.push((r1, c1, r2, c2));
        }
    }

    /// The number of rows seen so far (for readers that number rows themselves).
    pub fn rows(&self) -> usize {
        self.grid.rows.len()
    }

    /// The text at a position, `""` if none (a `w:vMerge` continuation copies the cell above).
    pub fn text(&self, row: usize, col: usize) -> &str {
        self.grid.text(row, col)
    }

    /// Marks a position as a copy of a merged cell, with the copied text.
    pub fn set_covered(&mut self, row: usize, col: usize, text: &str, budget: &mut Budget) {
        self.set(row, col, text, budget);
        if let Some(c) = self
            .grid
            .rows
            .get_mut(row)
            .and_then(|r: &mut Vec<Cell>| r.get_mut(col))
        {
            c.covered = !c.text.is_empty();
        }
    }

    /// The finished grid, merges spread, trailing blanks trimmed; notes say what was cut.
    pub fn finish(mut self, budget: &mut Budget, notes: &mut Vec<String>) -> Grid {
        let merges = std::mem::take(&mut self.merges);
        for (r1, c1, r2, c2) in merges {
            let value = self.grid.text(r1, c1).to_owned();
            if value.is_empty() {
                continue;
            }
            let r2 = r2.min(limits::MAX_ROWS.saturating_sub(1));
            let c2 = c2.min(limits::MAX_COLS.saturating_sub(1));
            'spread: for r in r1..=r2 {
                for c in c1..=c2 {
                    if (r, c) == (r1, c1) {
                        continue;
                    }
                    if budget.0 == 0 {
                        self.cells_cut = true;
                        break 'spread;
                    }
                    self.set_covered(r, c, &value, budget);
                }
            }
        }
        for row in &mut self.grid.rows {
            while row.last().is_some_and(|c| c.text.is_empty()) {
                row.pop();
            }
        }
        while self.grid.rows.last().is_some_and(Vec::is_empty) {
            self.grid.rows.pop();
        }
        let name = &self.grid.name;
        if self.rows_cut > 0 {
            notes.push(format!(
                "“{name}”超过 {} 行，只读取了前 {} 行（其后的内容未读取）",
                limits::MAX_ROWS,
                limits::MAX_ROWS
            ));
        }
        if self.cols_cut {
            notes.push(format!(
                "“{name}”超过 {} 列，只读取了前 {} 列",
                limits::MAX_COLS,
                limits::MAX_COLS
            ));
        }
        if self.cells_cut {
            notes.push(format!(
                "文件的单元格超过 {} 个，“{name}”只读取了一部分",
                limits::MAX_CELLS
            ));
        }
        self.grid
    }
}

/// A cell's text: trimmed, line breaks as `\n`, no control characters other than line breaks.
pub fn clean(text: &str) -> String {
    let trimmed = text.trim();
    // Nearly every cell: nothing to change but the trim. Control characters are ASCII ones or
    // the C1 ones (U+0080–U+009F, which UTF-8 writes after a 0xC2 byte): a byte scan finds them.
    if !trimmed.bytes().any(|b| b < 0x20 || b == 0x7F || b == 0xC2) {
        return trimmed.to_owned();
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.trim()
        .chars()
        .map(|c| match c {
            '\n' => '\n',
            '\t' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// `C7` → (6, 2); `AB12` → (11, 27). `None` when malformed.
pub fn parse_ref(r: &str) -> Option<(usize, usize)> {
    let r = r.trim().trim_start_matches('$');
    let letters = r.chars().take_while(char::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let (col_part, row_part) = r.split_at(letters);
    let row_part = row_part.trim_start_matches('$');
    let mut col = 0usize;
    for c in col_part.chars() {
        col =
            col * 26 + usize::from(u8::try_from(c.to_ascii_uppercase()).unwrap_or(b'A') - b'A' + 1);
    }
    let row: usize = row_part.parse().ok()?;
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

/// A column-only reference (`C` → 2), for cells whose `r` names only a column.
pub fn parse_col(r: &str) -> Option<usize> {
    let r = r.trim().trim_start_matches('$');
    if r.is_empty() || r.len() > 3 || !r.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut col = 0usize;
    for c in r.chars() {
        col =
            col * 26 + usize::from(u8::try_from(c.to_ascii_uppercase()).unwrap_or(b'A') - b'A' + 1);
    }
    col.checked_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs() {
        assert_eq!(parse_ref("A1"), Some((0, 0)));
        assert_eq!(parse_ref("C7"), Some((6, 2)));
        assert_eq!(parse_ref("$AB$12"), Some((11, 27)));
        assert_eq!(parse_ref("A0"), None);
        assert_eq!(parse_ref("12"), None);
        assert_eq!(parse_ref("ABCD1"), None);
        assert_eq!(parse_col("C"), Some(2));
    }

    #[test]
    fn merges_spread_and_mark_copies() {
        let mut b = SheetBuilder::new(SourceKind::Sheet, "s");
        let mut budget = Budget::default();
        b.set(0, 0, "项目名称", &mut budget);
        b.set(0, 1, " 遵化 ", &mut budget);
        b.merge(0, 1, 2, 2);
        let mut notes = Vec::new();
        let g = b.finish(&mut budget, &mut notes);
        assert_eq!(g.text(0, 1), "遵化");
        assert!(!g.cell(0, 1).unwrap().covered);
        assert_eq!(g.text(2, 2), "遵化");
        assert!(g.cell(2, 2).unwrap().covered);
        assert_eq!(g.text(1, 0), "");
        assert!(notes.is_empty());
    }
}
