//! Writing `.xlsx`: a minimal SpreadsheetML writer (inline strings, a fixed handful of styles,
//! merged ranges, column widths) over [`crate::zip::Writer`], and the two workbooks hedui exports:
//! the findings list ([`findings_xlsx`]) and the form in the national 申报表 layout ([`form`]).
//!
//! Hand-written rather than rust_xlsxwriter: the workbooks need a dozen XML parts and four styles,
//! and the lazily loaded page module stays a fraction of the size (see BENCHMARKS.md).

pub mod form;

use crate::findings::FindingRow;
use crate::zip;
use std::fmt::Write;

/// How a cell looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// No border (titles' neighbours, notes).
    Plain,
    /// A column or row heading: bold, shaded, bordered, centred.
    Header,
    /// A value: bordered, wrapped, top-aligned.
    Body,
    /// The sheet's title: bold, larger, centred.
    Title,
}

/// A cell's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Nothing (a bordered empty cell when styled).
    Empty,
    /// Text as written.
    Text(String),
    /// A number as decimal text (`10000.50`), shown with that many decimals.
    Number(String),
}

/// One cell: content and look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WCell {
    /// What it holds.
    pub value: Value,
    /// How it looks.
    pub style: Style,
}

impl WCell {
    /// A cell holding `text` as written; a plain decimal (`10000`, `9.00`, `-3.5`) becomes a
    /// number shown with the same decimals, so sums work in Excel and it reads back the same.
    pub fn auto(text: &str, style: Style) -> Self {
        let t = text.trim();
        let value = if t.is_empty() {
            Value::Empty
        } else if plain_decimal(t) {
            Value::Number(t.to_owned())
        } else {
            Value::Text(text.to_owned())
        };
        Self { value, style }
    }

    /// A cell holding `text` as text, whatever it looks like.
    pub fn text(text: &str, style: Style) -> Self {
        let value = if text.is_empty() {
            Value::Empty
        } else {
            Value::Text(text.to_owned())
        };
        Self { value, style }
    }
}

/// `10000`, `9.00`, `-3.5`: digits with at most one point, no leading zeros, at most 15
/// significant digits and 6 decimals (so the stored double shows exactly the same text); not a
/// negative zero (`-0.00`), which a number cell would show as `0.00`.
fn plain_decimal(t: &str) -> bool {
    let body = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let negative_zero = t.starts_with('-') && body.chars().all(|c| c == '0' || c == '.');
    let well_formed = !int.is_empty()
        && digits(int)
        && digits(frac)
        && !(body.contains('.') && frac.is_empty())
        && (int == "0" || !int.starts_with('0'))
        && frac.len() <= 6
        && int.trim_start_matches('0').len() + frac.len() <= 15;
    well_formed && !negative_zero
}

/// One sheet to write.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheet {
    /// Its name (cut to Excel's 31 characters and made unique when written).
    pub name: String,
    /// Rows of cells; a short row leaves the rest empty.
    pub rows: Vec<Vec<WCell>>,
    /// Merged ranges, inclusive, 0-based: (first row, first col, last row, last col).
    pub merges: Vec<(usize, usize, usize, usize)>,
    /// Column widths in characters (missing: Excel's default).
    pub widths: Vec<u32>,
}

impl Sheet {
    /// An empty sheet named `name`.
    pub fn new(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            ..Self::default()
        }
    }

    /// Appends a row; returns its index.
    pub fn push(&mut self, row: Vec<WCell>) -> usize {
        self.rows.push(row);
        self.rows.len() - 1
    }
}

fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' => out.push(c),
            '\r' => {}
            // Characters XML 1.0 cannot carry.
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

/// A name Excel accepts: no `[]:*?/\`, at most 31 characters, not blank, unique in `taken`.
fn sheet_name(wanted: &str, taken: &mut Vec<String>) -> String {
    let base: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect::<String>()
        .trim()
        .trim_matches('\'')
        .to_owned();
    let base = if base.is_empty() {
        "Sheet".to_owned()
    } else {
        base
    };
    let cut = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    let mut name = cut(&base, 31);
    let mut k = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        let suffix = format!("（{k}）");
        name = cut(&base, 31 - suffix.chars().count()) + &suffix;
        k += 1;
    }
    taken.push(name.clone());
    name
}

/// Decimals of a plain decimal's text.
fn decimals(t: &str) -> usize {
    t.split_once('.').map_or(0, |(_, f)| f.len()).min(6)
}

/// The style index of a cell in `styles.xml` below.
fn xf(cell: &WCell) -> usize {
    match (&cell.value, cell.style) {
        (Value::Number(t), Style::Body | Style::Plain) => 4 + decimals(t),
        (_, Style::Plain) => 0,
        (_, Style::Header) => 1,
        (_, Style::Body) => 2,
        (_, Style::Title) => 3,
    }
}

const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    r#"<numFmts count="7"><numFmt numFmtId="164" formatCode="0"/><numFmt numFmtId="165" formatCode="0.0"/>"#,
    r#"<numFmt numFmtId="166" formatCode="0.00"/><numFmt numFmtId="167" formatCode="0.000"/>"#,
    r#"<numFmt numFmtId="168" formatCode="0.0000"/><numFmt numFmtId="169" formatCode="0.00000"/>"#,
    r#"<numFmt numFmtId="170" formatCode="0.000000"/></numFmts>"#,
    r#"<fonts count="3"><font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>"#,
    r#"<font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>"#,
    r#"<font><b/><sz val="16"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts>"#,
    r#"<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#,
    r#"<fill><patternFill patternType="solid"><fgColor rgb="FFE7E6E6"/><bgColor indexed="64"/></patternFill></fill></fills>"#,
    r#"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#,
    r#"<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>"#,
    r#"<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>"#,
    r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
    r#"<cellXfs count="11"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>"#,
    r#"<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>"#,
    r#"<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>"#,
    r#"<xf numFmtId="165" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>"#,
    r#"<xf numFmtId="166" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>"#,
    r#"<xf numFmtId="167" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>"#,
    r#"<xf numFmtId="168" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>"#,
    r#"<xf numFmtId="169" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>"#,
    r#"<xf numFmtId="170" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>"#,
    r#"</cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#,
);

fn sheet_xml(sheet: &Sheet) -> String {
    let mut x = String::with_capacity(256 + sheet.rows.len() * 200);
    x.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    x.push_str(r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#);
    if !sheet.widths.is_empty() {
        x.push_str("<cols>");
        for (i, w) in sheet.widths.iter().enumerate() {
            let _ = write!(
                x,
                r#"<col min="{0}" max="{0}" width="{w}" customWidth="1"/>"#,
                i + 1
            );
        }
        x.push_str("</cols>");
    }
    x.push_str("<sheetData>");
    for (r, row) in sheet.rows.iter().enumerate() {
        let _ = write!(x, r#"<row r="{}">"#, r + 1);
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", hedui_core::grid::column_name(c), r + 1);
            let s = xf(cell);
            match &cell.value {
                Value::Empty if s == 0 => {}
                Value::Empty => {
                    let _ = write!(x, r#"<c r="{at}" s="{s}"/>"#);
                }
                Value::Number(n) => {
                    let _ = write!(x, r#"<c r="{at}" s="{s}"><v>{n}</v></c>"#);
                }
                Value::Text(t) => {
                    let _ = write!(
                        x,
                        r#"<c r="{at}" s="{s}" t="inlineStr"><is><t xml:space="preserve">"#
                    );
                    escape(t, &mut x);
                    x.push_str("</t></is></c>");
                }
            }
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData>");
    if !sheet.merges.is_empty() {
        let _ = write!(x, r#"<mergeCells count="{}">"#, sheet.merges.len());
        for &(r1, c1, r2, c2) in &sheet.merges {
            let _ = write!(
                x,
                r#"<mergeCell ref="{}{}:{}{}"/>"#,
                hedui_core::grid::column_name(c1),
                r1 + 1,
                hedui_core::grid::column_name(c2),
                r2 + 1
            );
        }
        x.push_str("</mergeCells>");
    }
    x.push_str(r#"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#);
    x.push_str("</worksheet>");
    x
}

/// The names the sheets get in the workbook: cut to 31 characters, made valid and unique.
pub fn sheet_names(sheets: &[Sheet]) -> Vec<String> {
    let mut taken = Vec::new();
    sheets
        .iter()
        .map(|s| sheet_name(&s.name, &mut taken))
        .collect()
}

/// The workbook file of `sheets` (at least one sheet is always written).
pub fn workbook(sheets: &[Sheet]) -> Vec<u8> {
    let empty = [Sheet::new("Sheet1")];
    let sheets = if sheets.is_empty() {
        &empty[..]
    } else {
        sheets
    };
    let mut z = zip::Writer::default();
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#,
    );
    let mut book = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut taken = Vec::new();
    for (i, sheet) in sheets.iter().enumerate() {
        let n = i + 1;
        let _ = write!(
            types,
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        );
        let name = sheet_name(&sheet.name, &mut taken);
        book.push_str("<sheet name=\"");
        escape(&name, &mut book);
        let _ = write!(book, r#"" sheetId="{n}" r:id="rId{n}"/>"#);
        let _ = write!(
            rels,
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        );
        z.add(
            &format!("xl/worksheets/sheet{n}.xml"),
            sheet_xml(sheet).as_bytes(),
        );
    }
    types.push_str("</Types>");
    book.push_str("</sheets></workbook>");
    let _ = write!(
        rels,
        r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
        sheets.len() + 1
    );
    z.add("[Content_Types].xml", types.as_bytes());
    z.add("_rels/.rels", br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#);
    z.add("docProps/app.xml", br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>hedui</Application></Properties>"#);
    z.add("xl/workbook.xml", book.as_bytes());
    z.add("xl/_rels/workbook.xml.rels", rels.as_bytes());
    z.add("xl/styles.xml", STYLES.as_bytes());
    z.finish()
}

/// The findings list as a workbook: one sheet `核对结果`, one row per finding.
pub fn findings_xlsx(rows: &[FindingRow]) -> Vec<u8> {
    let mut sheet = Sheet::new("核对结果");
    sheet.widths = vec![24, 18, 8, 8, 60, 30];
    sheet.push(
        ["项目", "字段", "规则", "严重程度", "问题", "建议"]
            .iter()
            .map(|h| WCell::text(h, Style::Header))
            .collect(),
    );
    for r in rows {
        sheet.push(
            [
                &r.project,
                &r.field,
                &r.rule,
                &r.severity,
                &r.message,
                &r.suggestion,
            ]
            .iter()
            .map(|t| WCell::text(t, Style::Body))
            .collect(),
        );
    }
    workbook(&[sheet])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_decimals_become_numbers() {
        for t in ["10000", "9.00", "-3.5", "0.25", "0"] {
            assert!(plain_decimal(t), "{t}");
        }
        for t in [
            "007",
            "1.",
            ".5",
            "1,000",
            "≥90%",
            "12 人",
            "1e5",
            "",
            "-",
            "1.1234567",
            "1234567890123456",
            "-0",
            "-0.00",
        ] {
            assert!(!plain_decimal(t), "{t}");
        }
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut taken = Vec::new();
        assert_eq!(sheet_name("a/b", &mut taken), "a_b");
        assert_eq!(sheet_name("A_B", &mut taken), "A_B（2）");
        let long = "很".repeat(40);
        let n = sheet_name(&long, &mut taken);
        assert_eq!(n.chars().count(), 31);
        assert_eq!(sheet_name("  ", &mut taken), "Sheet");
    }
}
