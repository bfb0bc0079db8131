//! `.xlsx` workbooks (Excel, WPS, LibreOffice, the budget system's export) into one grid per sheet.
//!
//! Parts are found through the relationships, falling back to the usual names. Cells and rows may
//! lack their `r` reference (WPS and some exporters omit it): they then follow the previous one.
//! Numbers are shown through their style's number format ([`crate::numfmt`]).

use crate::error::FileError;
use crate::numfmt;
use crate::sheet::{parse_col, parse_ref, Budget, SheetBuilder};
use crate::xml::{
    attr, attr_full, local, local_attr, local_end, relationships, rels_of, resolve, Ev, Xml,
};
use crate::zip::Archive;
use crate::{limits, Opened};
use hedui_core::grid::SourceKind;
use std::borrow::Cow;
use std::collections::HashMap;

/// Whether the archive holds a workbook.
pub fn is_workbook(archive: &Archive<'_>) -> bool {
    archive.find("xl/workbook.xml").is_some() || office_document(archive, "workbook").is_some()
}

/// The main part named by `_rels/.rels` when its name contains `hint`.
fn office_document(archive: &Archive<'_>, hint: &str) -> Option<String> {
    // Only a peek at the directory: the rels part is read (and so counted) by the caller.
    archive
        .entries()
        .iter()
        .find(|e| {
            let n = e.name.to_ascii_lowercase();
            std::path::Path::new(&n)
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("xml"))
                && n.contains(hint)
                && !n.contains("_rels")
        })
        .map(|e| e.name.clone())
}

/// The part that `_rels/.rels` names as the office document, if it says.
pub fn main_part(archive: &mut Archive<'_>) -> Result<Option<String>, FileError> {
    let Some(text) = archive.read_text("_rels/.rels")? else {
        return Ok(None);
    };
    Ok(relationships(&text, "_rels/.rels")?
        .into_iter()
        .find(|(_, ty, _)| ty.ends_with("/officeDocument"))
        .map(|(_, _, target)| resolve("", &target)))
}

struct SheetRef {
    name: String,
    part: String,
}

struct Styles {
    /// Per cellXfs index: the number format code, `None` for General.
    formats: Vec<Option<String>>,
}

pub fn read(archive: &mut Archive<'_>) -> Result<Opened, FileError> {
    let workbook = main_part(archive)?
        .filter(|p| archive.find(p).is_some())
        .unwrap_or_else(|| "xl/workbook.xml".to_owned());
    let wb_text = archive
        .read_text(&workbook)?
        .ok_or_else(|| FileError::Damaged("缺少工作簿（xl/workbook.xml）".into()))?;
    let rels_part = rels_of(&workbook);
    let rels = match archive.read_text(&rels_part)? {
        Some(t) => relationships(&t, &rels_part)?,
        None => Vec::new(),
    };
    let by_id: HashMap<&str, &str> = rels
        .iter()
        .map(|(id, _, target)| (id.as_str(), target.as_str()))
        .collect();
    let (sheets, date1904) = read_workbook(&wb_text, &workbook, &by_id)?;
    let of_type = |suffix: &str, fallback: &str| {
        rels.iter()
            .find(|(_, ty, _)| ty.ends_with(suffix))
            .map_or_else(
                || resolve(&workbook, fallback),
                |(_, _, t)| resolve(&workbook, t),
            )
    };
    let strings_part = of_type("/sharedStrings", "sharedStrings.xml");
    let styles_part = of_type("/styles", "styles.xml");
    let strings = match archive.read_text(&strings_part)? {
        Some(t) => shared_strings(&t, &strings_part)?,
        None => Vec::new(),
    };
    let styles = match archive.read_text(&styles_part)? {
        Some(t) => read_styles(&t, &styles_part)?,
        None => Styles {
            formats: Vec::new(),
        },
    };
    let mut opened = Opened::default();
    let mut budget = Budget::default();
    let mut no_result = 0usize;
    for (i, sheet) in sheets.iter().enumerate() {
        if i >= limits::MAX_GRIDS {
            opened.notes.push(format!(
                "工作簿有 {} 个工作表，只读取了前 {}",
                sheets.len(),
                limits::MAX_GRIDS
            ));
            break;
        }
        let Some(text) = archive.read_text(&sheet.part)? else {
            opened.notes.push(format!(
                "工作表“{}”的内容缺失（{}），已跳过",
                sheet.name, sheet.part
            ));
            continue;
        };
        let ctx = Ctx {
            strings: &strings,
            styles: &styles,
            date1904,
        };
        let (builder, missing) = read_sheet(&text, &sheet.part, &sheet.name, &ctx, &mut budget)?;
        no_result += missing;
        opened
            .grids
            .push(builder.finish(&mut budget, &mut opened.notes));
    }
    if no_result > 0 {
        opened.notes.push(format!(
            "有 {no_result} 个公式单元格没有保存计算结果，读作空白：请在 Excel 或 WPS 中打开并保存一次后再打开"
        ));
    }
    Ok(opened)
}

fn read_workbook(
    text: &str,
    part: &str,
    by_id: &HashMap<&str, &str>,
) -> Result<(Vec<SheetRef>, bool), FileError> {
    let mut xml = Xml::new(text, part);
    let mut sheets = Vec::new();
    let mut date1904 = false;
    loop {
        match xml.next()? {
            Ev::Open(e, _) => match local(&e) {
                b"workbookPr" => {
                    date1904 = attr(&e, b"date1904").is_some_and(|v| v == "1" || v == "true");
                }
                b"sheet" => {
                    let name = attr(&e, b"name").unwrap_or_default();
                    let id = attr_full(&e, b"r:id").or_else(|| attr(&e, b"id"));
                    let target = id.as_deref().and_then(|id| by_id.get(id).copied());
                    let part = target.map_or_else(
                        || {
                            // No relationship: the usual name by position (`sheetN.xml`).
                            let n = attr(&e, b"sheetId")
                                .unwrap_or_else(|| (sheets.len() + 1).to_string());
                            resolve(part, &format!("worksheets/sheet{n}.xml"))
                        },
                        |t| resolve(part, t),
                    );
                    // Chart sheets and dialog sheets hold no cells.
                    if part.contains("chartsheets/") || part.contains("dialogsheets/") {
                        continue;
                    }
                    sheets.push(SheetRef { name, part });
                }
                _ => {}
            },
            Ev::Eof => return Ok((sheets, date1904)),
            _ => {}
        }
    }
}

/// Text of every `<si>`: its `<t>` runs, without the phonetic readings (`<rPh>`).
fn shared_strings(text: &str, part: &str) -> Result<Vec<String>, FileError> {
    let mut xml = Xml::new(text, part);
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut in_t = false;
    loop {
        match xml.next()? {
            Ev::Open(e, empty) => match local(&e) {
                b"si" if !empty => current = Some(String::new()),
                b"si" => out.push(String::new()),
                b"t" if !empty => in_t = true,
                b"rPh" | b"phoneticPr" if !empty => xml.skip()?,
                _ => {}
            },
            Ev::Close(end) => match local_end(&end) {
                b"si" => out.push(current.take().unwrap_or_default()),
                b"t" => in_t = false,
                _ => {}
            },
            Ev::Text(t) => {
                if let (true, Some(s)) = (in_t, current.as_mut()) {
                    s.push_str(&t);
                }
            }
            Ev::Eof => return Ok(out),
        }
    }
}

fn read_styles(text: &str, part: &str) -> Result<Styles, FileError> {
    let mut xml = Xml::new(text, part);
    let mut custom: HashMap<u32, String> = HashMap::new();
    let mut ids: Vec<u32> = Vec::new();
    let mut in_cell_xfs = false;
    loop {
        match xml.next()? {
            Ev::Open(e, empty) => match local(&e) {
                b"numFmt" => {
                    if let (Some(id), Some(code)) = (
                        attr(&e, b"numFmtId").and_then(|v| v.trim().parse().ok()),
                        attr(&e, b"formatCode"),
                    ) {
                        custom.insert(id, code);
                    }
                }
                b"cellXfs" if !empty => in_cell_xfs = true,
                b"xf" if in_cell_xfs => {
                    ids.push(
                        attr(&e, b"numFmtId")
                            .and_then(|v| v.trim().parse().ok())
                            .unwrap_or(0),
                    );
                    if !empty {
                        xml.skip()?;
                    }
                }
                _ => {}
            },
            Ev::Close(end) if local_end(&end) == b"cellXfs" => in_cell_xfs = false,
            Ev::Eof => break,
            _ => {}
        }
    }
    let formats = ids
        .into_iter()
        .map(|id| {
            custom
                .get(&id)
                .cloned()
                .or_else(|| numfmt::builtin(id).map(str::to_owned))
                .filter(|code| !code.eq_ignore_ascii_case("general"))
        })
        .collect();
    Ok(Styles { formats })
}

struct Ctx<'s> {
    strings: &'s [String],
    styles: &'s Styles,
    date1904: bool,
}

/// A cell's `t` attribute.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum CellType {
    /// `s`: an index into the shared strings.
    Shared,
    /// `inlineStr`: the text in `<is><t>`.
    Inline,
    /// `str`, `e`, `d`: a formula's text result, an error value, an ISO date: the text as stored.
    Stored,
    /// `b`: a boolean.
    Bool,
    /// `n` or none: a number, shown through the style's format.
    #[default]
    Number,
}

impl CellType {
    fn of(attr: &[u8]) -> Self {
        match attr {
            b"s" => Self::Shared,
            b"inlineStr" => Self::Inline,
            b"str" | b"e" | b"d" => Self::Stored,
            b"b" => Self::Bool,
            _ => Self::Number,
        }
    }
}

/// The cell being read. Its two text buffers are reused from cell to cell: a sheet has hundreds
/// of thousands of cells, and an allocation each adds up.
#[derive(Default)]
struct CellDraft {
    row: usize,
    col: usize,
    ty: CellType,
    style: usize,
    value: String,
    inline: String,
    has_formula: bool,
    has_value: bool,
}

impl CellDraft {
    fn start(&mut self, row: usize, col: usize, ty: CellType, style: usize) {
        self.row = row;
        self.col = col;
        self.ty = ty;
        self.style = style;
        self.value.clear();
        self.inline.clear();
        self.has_formula = false;
        self.has_value = false;
    }
}

/// A decimal number written as ASCII digits in an attribute (`s="12"`), without allocating.
fn attr_number(value: &[u8]) -> Option<usize> {
    std::str::from_utf8(value).ok()?.trim().parse().ok()
}

/// One sheet's cells and merged ranges; also how many formula cells had no cached result.
#[allow(clippy::too_many_lines)] // one streaming state machine reads clearer whole
fn read_sheet(
    text: &str,
    part: &str,
    name: &str,
    ctx: &Ctx<'_>,
    budget: &mut Budget,
) -> Result<(SheetBuilder, usize), FileError> {
    let mut xml = Xml::new(text, part);
    let mut b = SheetBuilder::new(SourceKind::Sheet, name);
    // 0-based position of the row being read and of the last cell placed in it.
    let mut row: Option<usize> = None;
    let mut last_col: Option<usize> = None;
    let mut draft = CellDraft::default();
    let mut in_cell = false;
    let mut in_v = false;
    let mut in_is_t = false;
    let mut in_is = false;
    let mut no_result = 0;
    loop {
        match xml.next()? {
            Ev::Open(e, empty) => match local(&e) {
                b"row" => {
                    let next = row.map_or(0, |r| r + 1);
                    let r = attr(&e, b"r")
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .and_then(|r| r.checked_sub(1))
                        .filter(|&r| r >= next || row.is_none())
                        .unwrap_or(next);
                    row = Some(r);
                    last_col = None;
                    if SheetBuilder::past_rows(r) {
                        // Noted as cut; its cells are skipped (the merged ranges after the rows
                        // are still read).
                        b.set(r, 0, "x", budget);
                        if !empty {
                            xml.skip()?;
                        }
                    }
                }
                b"c" => {
                    let r = row.unwrap_or(0);
                    let next_col = last_col.map_or(0, |c| c + 1);
                    // One pass over the attributes, reading their bytes in place: this runs
                    // once per cell.
                    let (mut at, mut ty, mut style) = (None, CellType::Number, 0);
                    for a in e.attributes().flatten() {
                        match local_attr(a.key.into_inner()) {
                            b"r" => {
                                at = std::str::from_utf8(&a.value).ok().and_then(|v| {
                                    parse_ref(v).or_else(|| parse_col(v).map(|c| (r, c)))
                                });
                            }
                            b"t" => ty = CellType::of(&a.value),
                            b"s" => style = attr_number(&a.value).unwrap_or(0),
                            _ => {}
                        }
                    }
                    let (rr, cc) = at.unwrap_or((r, next_col));
                    // A cell outside its row (malformed): trust the row being read.
                    let rr = if row.is_some() { r } else { rr };
                    last_col = Some(cc);
                    if empty {
                        continue;
                    }
                    draft.start(rr, cc, ty, style);
                    in_cell = true;
                }
                b"v" if !empty => in_v = true,
                b"f" => {
                    if in_cell {
                        draft.has_formula = true;
                    }
                    if !empty {
                        xml.skip()?;
                    }
                }
                b"is" if !empty => in_is = true,
                b"t" if in_is && !empty => in_is_t = true,
                b"rPh" if !empty => xml.skip()?,
                b"mergeCell" => {
                    if let Some((from, to)) = attr(&e, b"ref")
                        .as_deref()
                        .and_then(|r| r.split_once(':'))
                        .and_then(|(a, z)| Some((parse_ref(a)?, parse_ref(z)?)))
                    {
                        b.merge(from.0, from.1, to.0, to.1);
                    }
                }
                _ => {}
            },
            Ev::Close(end) => match local_end(&end) {
                b"v" => in_v = false,
                b"is" => in_is = false,
                b"t" => in_is_t = false,
                b"c" if in_cell => {
                    in_cell = false;
                    if draft.has_formula && !draft.has_value {
                        no_result += 1;
                    }
                    let text = cell_text(&draft, ctx);
                    b.set(draft.row, draft.col, &text, budget);
                }
                _ => {}
            },
            Ev::Text(t) => {
                if in_cell {
                    if in_v {
                        draft.value.push_str(&t);
                        draft.has_value = true;
                    } else if in_is_t {
                        draft.inline.push_str(&t);
                    }
                }
            }
            Ev::Eof => break,
        }
    }
    Ok((b, no_result))
}

/// What a cell shows: borrowed from the shared strings or the draft where it can be.
fn cell_text<'a>(c: &'a CellDraft, ctx: &'a Ctx<'_>) -> Cow<'a, str> {
    match c.ty {
        CellType::Shared => Cow::Borrowed(
            c.value
                .trim()
                .parse::<usize>()
                .ok()
                .and_then(|i| ctx.strings.get(i))
                .map_or("", String::as_str),
        ),
        CellType::Inline => Cow::Borrowed(&c.inline),
        CellType::Stored => Cow::Borrowed(if c.value.is_empty() {
            &c.inline
        } else {
            &c.value
        }),
        CellType::Bool => Cow::Borrowed(match c.value.trim() {
            "1" | "true" => "TRUE",
            "0" | "false" => "FALSE",
            other => other,
        }),
        CellType::Number => {
            if c.value.trim().is_empty() {
                return Cow::Borrowed(&c.inline);
            }
            let code = ctx.styles.formats.get(c.style).and_then(Option::as_deref);
            Cow::Owned(numfmt::display(&c.value, code, ctx.date1904))
        }
    }
}
