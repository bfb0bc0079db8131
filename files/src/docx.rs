//! `.docx` documents: every table of `word/document.xml` (nested tables too) into a grid named
//! `表格 N` in the order the tables start, and each run of paragraphs between tables into a grid
//! named `正文 N` (one paragraph per row; titles and `单位：万元` lines live there), all in
//! document order (a nested table follows the table holding it).
//!
//! `w:gridSpan` spreads a cell over the grid columns it spans and `w:vMerge` continues the cell
//! above, each copy marked covered; `w:gridBefore` shifts a row right. Deleted text, field codes
//! and the fallback copies of drawings are not text the reader sees, so they are left out.

use crate::error::FileError;
use crate::sheet::{Budget, SheetBuilder};
use crate::xlsx::main_part;
use crate::xml::{attr, local, local_end, Ev, Xml};
use crate::zip::Archive;
use crate::{limits, Opened};
use hedui_core::grid::{Grid, SourceKind};

/// Whether the archive holds a Word document.
pub fn is_document(archive: &Archive<'_>) -> bool {
    archive.find("word/document.xml").is_some()
        || archive.entries().iter().any(|e| {
            let n = e.name.to_ascii_lowercase();
            n.starts_with("word/")
                && std::path::Path::new(&n)
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("xml"))
                && n.contains("document")
        })
}

/// The name the grid of the `n`-th table (1-based) gets.
pub fn table_name(n: usize) -> String {
    format!("表格 {n}")
}

/// The name of the grid of the `n`-th run of paragraphs outside tables (1-based).
pub fn body_name(n: usize) -> String {
    format!("正文 {n}")
}

#[derive(Default)]
struct CellDraft {
    text: String,
    span: usize,
    /// `Some(true)`: `w:vMerge w:val="restart"`; `Some(false)`: continues the cell above.
    vmerge: Option<bool>,
    hmerge_continue: bool,
}

struct Table {
    number: usize,
    builder: SheetBuilder,
    row: Option<(usize, Vec<CellDraft>)>,
    cell: Option<CellDraft>,
    /// Grid columns skipped before the first cell of the row being read.
    grid_before: usize,
    rows: usize,
}

#[allow(clippy::too_many_lines)] // one streaming state machine reads clearer whole
pub fn read(archive: &mut Archive<'_>) -> Result<Opened, FileError> {
    let part = main_part(archive)?
        .filter(|p| archive.find(p).is_some())
        .unwrap_or_else(|| "word/document.xml".to_owned());
    let text = archive
        .read_text(&part)?
        .ok_or_else(|| FileError::Damaged("缺少正文（word/document.xml）".into()))?;
    let mut xml = Xml::new(&text, &part);
    let mut budget = Budget::default();
    let mut notes = Vec::new();
    let mut stack: Vec<Table> = Vec::new();
    let mut done: Vec<(usize, Grid)> = Vec::new();
    let mut started = 0usize;
    // Grids are ordered by when they start: a run of paragraphs, or a table.
    let mut order = 0usize;
    let mut bodies = 0usize;
    let mut body: Option<(usize, SheetBuilder)> = None;
    let mut paragraph = String::new();
    let mut in_t = false;
    loop {
        match xml.next()? {
            Ev::Open(e, empty) => match local(&e) {
                b"tbl" if !empty => {
                    if stack.is_empty() {
                        if let Some((k, b)) = body.take() {
                            done.push((k, drop_blank_rows(b.finish(&mut budget, &mut notes))));
                        }
                    }
                    started += 1;
                    order += 1;
                    if started > limits::MAX_GRIDS {
                        notes.push(format!(
                            "文档的表格超过 {} 个，其余未读取",
                            limits::MAX_GRIDS
                        ));
                        xml.skip()?;
                        continue;
                    }
                    stack.push(Table {
                        number: order,
                        builder: SheetBuilder::new(SourceKind::DocxTable, &table_name(started)),
                        row: None,
                        cell: None,
                        grid_before: 0,
                        rows: 0,
                    });
                }
                b"tr" if !empty => {
                    if let Some(t) = stack.last_mut() {
                        t.row = Some((t.rows, Vec::new()));
                        t.grid_before = 0;
                        t.rows += 1;
                    }
                }
                b"gridBefore" => {
                    if let Some(t) = stack.last_mut() {
                        t.grid_before = number(&e).min(limits::MAX_COLS);
                    }
                }
                b"tc" => {
                    if let Some(t) = stack.last_mut() {
                        let draft = CellDraft {
                            span: 1,
                            ..CellDraft::default()
                        };
                        if empty {
                            if let Some((_, cells)) = t.row.as_mut() {
                                cells.push(draft);
                            }
                        } else {
                            t.cell = Some(draft);
                        }
                    }
                }
                b"gridSpan" => {
                    if let Some(c) = stack.last_mut().and_then(|t| t.cell.as_mut()) {
                        c.span = number(&e).clamp(1, limits::MAX_COLS);
                    }
                }
                b"vMerge" => {
                    if let Some(c) = stack.last_mut().and_then(|t| t.cell.as_mut()) {
                        c.vmerge = Some(attr(&e, b"val").is_some_and(|v| v == "restart"));
                    }
                }
                b"hMerge" => {
                    if let Some(c) = stack.last_mut().and_then(|t| t.cell.as_mut()) {
                        c.hmerge_continue = attr(&e, b"val").is_none_or(|v| v != "restart");
                    }
                }
                b"t" if !empty => in_t = true,
                b"tab" | b"ptab" => push_text(&mut stack, &mut paragraph, " "),
                b"br" | b"cr" => push_text(&mut stack, &mut paragraph, "\n"),
                b"noBreakHyphen" => push_text(&mut stack, &mut paragraph, "-"),
                // Not what the reader sees as the cell's text.
                b"Fallback" | b"drawing" | b"pict" | b"object" | b"instrText" | b"delText"
                    if !empty =>
                {
                    xml.skip()?;
                }
                _ => {}
            },
            Ev::Close(end) => match local_end(&end) {
                b"t" => in_t = false,
                b"p" => {
                    if stack.is_empty() {
                        if !paragraph.trim().is_empty() {
                            let (_, b) = body.get_or_insert_with(|| {
                                order += 1;
                                bodies += 1;
                                (
                                    order,
                                    SheetBuilder::new(SourceKind::DocxTable, &body_name(bodies)),
                                )
                            });
                            let row = b.rows();
                            b.set(row, 0, &paragraph, &mut budget);
                        }
                        paragraph.clear();
                    } else {
                        push_text(&mut stack, &mut paragraph, "\n");
                    }
                }
                b"tc" => {
                    if let Some(t) = stack.last_mut() {
                        if let (Some(c), Some((_, cells))) = (t.cell.take(), t.row.as_mut()) {
                            cells.push(c);
                        }
                    }
                }
                b"tr" => {
                    if let Some(t) = stack.last_mut() {
                        finish_row(t, &mut budget);
                    }
                }
                b"tbl" => {
                    if let Some(mut t) = stack.pop() {
                        finish_row(&mut t, &mut budget);
                        done.push((t.number, t.builder.finish(&mut budget, &mut notes)));
                    }
                }
                _ => {}
            },
            Ev::Text(t) => {
                if in_t {
                    push_text(&mut stack, &mut paragraph, &t);
                }
            }
            Ev::Eof => break,
        }
    }
    // A document cut inside a table: keep what was read.
    while let Some(mut t) = stack.pop() {
        finish_row(&mut t, &mut budget);
        done.push((t.number, t.builder.finish(&mut budget, &mut notes)));
    }
    if let Some((k, b)) = body.take() {
        done.push((k, drop_blank_rows(b.finish(&mut budget, &mut notes))));
    }
    done.sort_by_key(|(n, _)| *n);
    let grids = done.into_iter().map(|(_, g)| g).collect();
    Ok(Opened { grids, notes })
}

fn drop_blank_rows(mut g: Grid) -> Grid {
    g.rows.retain(|r| r.iter().any(|c| !c.is_blank()));
    g
}

fn number(e: &quick_xml::events::BytesStart<'_>) -> usize {
    attr(e, b"val")
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1)
}

/// Text goes to the innermost open cell, or to the paragraph outside any table.
fn push_text(stack: &mut [Table], paragraph: &mut String, text: &str) {
    match stack.last_mut() {
        Some(t) => {
            if let Some(c) = t.cell.as_mut() {
                c.text.push_str(text);
            }
        }
        None => paragraph.push_str(text),
    }
}

/// Places a finished row's cells on the grid's columns.
fn finish_row(t: &mut Table, budget: &mut Budget) {
    let Some((row, cells)) = t.row.take() else {
        return;
    };
    let mut col = t.grid_before;
    let mut left = String::new();
    for c in cells {
        let own = c.text.trim().to_owned();
        let (text, first_covered) = if c.vmerge == Some(false) {
            (
                row.checked_sub(1)
                    .map(|above| t.builder.text(above, col).to_owned())
                    .unwrap_or_default(),
                true,
            )
        } else if c.hmerge_continue {
            (left.clone(), true)
        } else {
            (own, false)
        };
        for k in 0..c.span {
            if col + k >= limits::MAX_COLS {
                t.builder.set(row, col + k, &text, budget);
                break;
            }
            if k == 0 && !first_covered {
                t.builder.set(row, col, &text, budget);
            } else if c.vmerge == Some(false) {
                let above = row
                    .checked_sub(1)
                    .map(|a| t.builder.text(a, col + k).to_owned())
                    .unwrap_or_default();
                t.builder.set_covered(row, col + k, &above, budget);
            } else {
                t.builder.set_covered(row, col + k, &text, budget);
            }
        }
        left = text;
        col += c.span;
    }
}
