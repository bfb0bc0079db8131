//! A table as read from any source, before it becomes a form.
//!
//! Every reader gives [`Grid`]s: tab-separated text copied from Excel or WPS, HTML tables from Word,
//! WPS or a web page (the clipboard's `text/html`), ` | ` pipe rows, one-cell-per-line web dumps,
//! `.xlsx` sheets and `.docx` tables. One mapper then turns grids into projects, whatever the source,
//! so every layout is read by the same vocabulary and every value can say where it came from.
//!
//! Merged cells are spread over the cells they cover, each copy marked [`Cell::covered`], so a reader
//! of a column sees the value on every row while a sum can count it once.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What kind of source a grid was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// Text copied out of a PDF: lines in reading order.
    PdfText,
    /// Tab-separated rows (Excel, WPS): `\n` between rows, `\t` between cells.
    Tsv,
    /// An HTML `<table>` (Word, WPS, a web page).
    Html,
    /// Rows of cells joined by ` | `.
    Pipe,
    /// A web page copied as plain text: one cell per line.
    CellPerLine,
    /// A sheet of an `.xlsx` / `.xls` workbook.
    Sheet,
    /// A table of a `.docx` document.
    DocxTable,
}

impl SourceKind {
    /// A Chinese name for notes and the import preview.
    pub fn label(self) -> &'static str {
        match self {
            Self::PdfText => "PDF 文本",
            Self::Tsv => "表格（制表符分隔）",
            Self::Html => "网页/Word 表格",
            Self::Pipe => "竖线分隔的表格",
            Self::CellPerLine => "每行一格的网页文本",
            Self::Sheet => "Excel 工作表",
            Self::DocxTable => "Word 表格",
        }
    }
}

/// One cell of a grid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Cell {
    /// The cell's text as read (trimmed; line breaks inside a cell kept as `\n`).
    pub text: String,
    /// 1-based line of the pasted text the cell came from; 0 when the source has no lines (files).
    pub line: usize,
    /// A copy of a merged cell's value over a cell it covers (not the merged cell's first position).
    pub covered: bool,
}

impl Cell {
    /// A cell holding `text`, read from `line`.
    pub fn new(text: impl Into<String>, line: usize) -> Self {
        Self {
            text: text.into(),
            line,
            covered: false,
        }
    }

    /// Whether the cell holds nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// A table: rows of cells, with where it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Grid {
    /// What kind of source it was read from.
    pub kind: Option<SourceKind>,
    /// The sheet's or table's name as the user knows it (`部门项目支出绩效目标05-2`, `表格 2`); empty
    /// for a paste holding one table.
    pub name: String,
    /// The rows, top to bottom; rows may have different lengths.
    pub rows: Vec<Vec<Cell>>,
}

impl Grid {
    /// An empty grid of `kind` named `name`.
    pub fn new(kind: SourceKind, name: impl Into<String>) -> Self {
        Self {
            kind: Some(kind),
            name: name.into(),
            rows: Vec::new(),
        }
    }

    /// The cell at (`row`, `col`), if the row is that long.
    pub fn cell(&self, row: usize, col: usize) -> Option<&Cell> {
        self.rows.get(row)?.get(col)
    }

    /// The text at (`row`, `col`), or `""`.
    pub fn text(&self, row: usize, col: usize) -> &str {
        self.cell(row, col).map_or("", |c| c.text.as_str())
    }

    /// The widest row's length.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// Total characters held, for limits and notes.
    pub fn text_len(&self) -> usize {
        self.rows.iter().flatten().map(|c| c.text.len()).sum()
    }

    /// Where the cell at (`row`, `col`) is, for the user.
    pub fn at(&self, row: usize, col: usize) -> Place {
        Place {
            kind: self.kind,
            grid: self.name.clone(),
            row,
            col,
            line: self.cell(row, col).map_or(0, |c| c.line),
        }
    }
}

/// Where an imported value came from: a line of the paste, or a cell of a sheet or table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Place {
    /// The kind of source.
    pub kind: Option<SourceKind>,
    /// The sheet's or table's name (empty for a single pasted table).
    pub grid: String,
    /// 0-based row in the grid.
    pub row: usize,
    /// 0-based column in the grid.
    pub col: usize,
    /// 1-based line of the paste, 0 when the source has none.
    pub line: usize,
}

/// `A`, `B` … `Z`, `AA` …: a spreadsheet column's name.
pub fn column_name(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        // rem < 26, so the sum stays within ASCII capitals.
        out.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

impl fmt::Display for Place {
    /// `第 12 行`, `工作表“05-2” C7`, `表格 2 第 3 行第 4 列`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            Some(SourceKind::Sheet) => {
                write!(
                    f,
                    "工作表“{}” {}{}",
                    self.grid,
                    column_name(self.col),
                    self.row + 1
                )
            }
            Some(SourceKind::DocxTable | SourceKind::Html) if self.line == 0 => {
                if !self.grid.is_empty() {
                    write!(f, "{} ", self.grid)?;
                }
                write!(f, "第 {} 行第 {} 列", self.row + 1, self.col + 1)
            }
            _ => write!(f, "第 {} 行", self.line.max(1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_as_users_name_them() {
        let mut sheet = Grid::new(SourceKind::Sheet, "部门项目支出绩效目标05-2");
        sheet.rows.push(vec![Cell::new("a", 0); 30]);
        assert_eq!(
            sheet.at(0, 2).to_string(),
            "工作表“部门项目支出绩效目标05-2” C1"
        );
        assert_eq!(
            sheet.at(0, 27).to_string(),
            "工作表“部门项目支出绩效目标05-2” AB1"
        );
        let mut pasted = Grid::new(SourceKind::Tsv, "");
        pasted.rows.push(vec![Cell::new("预算数", 12)]);
        assert_eq!(pasted.at(0, 0).to_string(), "第 12 行");
        let doc = Grid::new(SourceKind::DocxTable, "表格 2");
        assert_eq!(doc.at(2, 3).to_string(), "表格 2 第 3 行第 4 列");
    }

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }
}
