//! `.xls` workbooks (BIFF8: Excel 97–2003, and what WPS and the budget systems still write) into one
//! grid per worksheet.
//!
//! Read straight from the records: the shared strings (`SST` and its `CONTINUE`s, where a string's
//! characters may break across records and each piece says again whether it is one or two bytes
//! a character), the cells (`LABELSST`, `LABEL`, `NUMBER`, `RK`, `MULRK`, `BOOLERR`, `FORMULA` with
//! its `STRING`), `MERGEDCELLS`, and the number formats (`FORMAT`, `XF`) so numbers read as shown.
//! BIFF8 strings are UTF-16 or Latin-1, so no code page is needed. An `.xls` with a `FILEPASS`
//! record is encrypted. Excel 95 (BIFF5) and older are refused with a message.

use crate::cfb::Store;
use crate::error::FileError;
use crate::sheet::{Budget, SheetBuilder};
use crate::{limits, numfmt, Opened};
use hedui_core::grid::SourceKind;
use std::collections::HashMap;

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const CONTINUE: u16 = 0x003C;
const FILEPASS: u16 = 0x002F;
const BOUNDSHEET: u16 = 0x0085;
const SST: u16 = 0x00FC;
const FORMAT: u16 = 0x041E;
const XF: u16 = 0x00E0;
const DATEMODE: u16 = 0x0022;
const LABELSST: u16 = 0x00FD;
const LABEL: u16 = 0x0204;
const RSTRING: u16 = 0x00D6;
const NUMBER: u16 = 0x0203;
const RK: u16 = 0x027E;
const MULRK: u16 = 0x00BD;
const BOOLERR: u16 = 0x0205;
const FORMULA: u16 = 0x0006;
const STRING: u16 = 0x0207;
const MERGECELLS: u16 = 0x00E5;

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        d.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        d.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn f64_at(d: &[u8], at: usize) -> Option<f64> {
    Some(f64::from_le_bytes(
        d.get(at..at.checked_add(8)?)?.try_into().ok()?,
    ))
}

struct Record<'a> {
    kind: u16,
    offset: usize,
    data: &'a [u8],
}

fn records(stream: &[u8]) -> Vec<Record<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let (Some(kind), Some(len)) = (u16_at(stream, at), u16_at(stream, at + 2)) {
        let start = at + 4;
        let end = (start + usize::from(len)).min(stream.len());
        out.push(Record {
            kind,
            offset: at,
            data: stream.get(start..end).unwrap_or_default(),
        });
        at = end;
    }
    out
}

/// Bytes read across a record and its `CONTINUE`s.
struct Pieces<'a> {
    parts: Vec<&'a [u8]>,
    piece: usize,
    pos: usize,
}

impl<'a> Pieces<'a> {
    fn new(parts: Vec<&'a [u8]>) -> Self {
        Self {
            parts,
            piece: 0,
            pos: 0,
        }
    }

    fn current(&self) -> &'a [u8] {
        self.parts.get(self.piece).copied().unwrap_or_default()
    }

    /// Moves to the next piece when this one is used up; false at the very end.
    fn settle(&mut self) -> bool {
        while self.pos >= self.current().len() {
            if self.piece + 1 >= self.parts.len() {
                return false;
            }
            self.piece += 1;
            self.pos = 0;
        }
        true
    }

    fn byte(&mut self) -> Option<u8> {
        if !self.settle() {
            return None;
        }
        let b = self.current().get(self.pos).copied();
        self.pos += 1;
        b
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([
            self.byte()?,
            self.byte()?,
            self.byte()?,
            self.byte()?,
        ]))
    }

    fn skip(&mut self, mut n: usize) {
        while n > 0 && self.settle() {
            let take = n.min(self.current().len() - self.pos);
            self.pos += take;
            n -= take;
        }
    }

    /// `count` characters; where they break into the next piece, that piece starts with a byte
    /// saying again whether they are two bytes each.
    fn chars(&mut self, count: usize, mut wide: bool) -> Option<String> {
        let mut units: Vec<u16> = Vec::with_capacity(count.min(1 << 16));
        while units.len() < count {
            if self.pos >= self.current().len() {
                if self.piece + 1 >= self.parts.len() {
                    return None;
                }
                self.piece += 1;
                self.pos = 0;
                wide = self.byte()? & 1 == 1;
            }
            let here = self.current().get(self.pos..).unwrap_or_default();
            let want = count - units.len();
            if wide {
                let n = want.min(here.len() / 2);
                if n == 0 {
                    return None;
                }
                units.extend(here.chunks_exact(2).take(n).filter_map(|c| u16_at(c, 0)));
                self.pos += 2 * n;
            } else {
                let n = want.min(here.len());
                units.extend(here.iter().take(n).map(|&b| u16::from(b)));
                self.pos += n;
            }
        }
        Some(String::from_utf16_lossy(&units))
    }

    /// An `XLUnicodeRichExtendedString` (the shared strings' form).
    fn rich_string(&mut self) -> Option<String> {
        let count = usize::from(self.u16()?);
        let flags = self.byte()?;
        let runs = if flags & 0x08 != 0 {
            usize::from(self.u16()?)
        } else {
            0
        };
        let ext = if flags & 0x04 != 0 {
            self.u32()? as usize
        } else {
            0
        };
        let text = self.chars(count, flags & 1 == 1)?;
        self.skip(4 * runs);
        self.skip(ext);
        Some(text)
    }
}

/// An `XLUnicodeString` inside one record (`LABEL`, `STRING`, `FORMAT`): 16-bit count, flags, chars.
fn unicode_string(d: &[u8], at: usize) -> Option<String> {
    let count = usize::from(u16_at(d, at)?);
    let flags = *d.get(at + 2)?;
    let mut p = Pieces::new(vec![d.get(at + 3..)?]);
    // Rich-text run counts and phonetic sizes come before the characters.
    if flags & 0x08 != 0 {
        p.skip(2);
    }
    if flags & 0x04 != 0 {
        p.skip(4);
    }
    // A string cut short is read as far as it goes.
    Some(p.chars(count, flags & 1 == 1).unwrap_or_default())
}

/// A number cell as its format shows it.
fn show(value: f64, xf: u16, fmt: &Formats) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let code = fmt
        .xfs
        .get(usize::from(xf))
        .and_then(|ifmt| {
            fmt.custom
                .get(ifmt)
                .cloned()
                .or_else(|| numfmt::builtin(u32::from(*ifmt)).map(str::to_owned))
        })
        .filter(|c| !c.eq_ignore_ascii_case("general"));
    numfmt::display(&format!("{value}"), code.as_deref(), fmt.date1904)
}

fn rk(v: u32) -> f64 {
    let n = if v & 2 != 0 {
        // A 30-bit signed integer in the high bits.
        f64::from(i32::from_le_bytes(v.to_le_bytes()) >> 2)
    } else {
        f64::from_bits(u64::from(v & 0xFFFF_FFFC) << 32)
    };
    if v & 1 != 0 {
        n / 100.0
    } else {
        n
    }
}

#[derive(Default)]
struct Formats {
    custom: HashMap<u16, String>,
    xfs: Vec<u16>,
    date1904: bool,
}

pub fn read(store: &Store<'_>) -> Result<Opened, FileError> {
    let stream = store
        .stream("Workbook")
        .or_else(|| store.stream("Book"))
        .ok_or_else(|| FileError::Damaged("缺少工作簿数据流".into()))?;
    read_stream(&stream)
}

/// The workbook stream's records into grids.
#[allow(clippy::too_many_lines)] // one pass over the records reads clearer whole
pub fn read_stream(stream: &[u8]) -> Result<Opened, FileError> {
    let recs = records(stream);
    let first = recs
        .first()
        .filter(|r| r.kind == BOF || r.kind == 0x0409 || r.kind == 0x0209)
        .ok_or_else(|| FileError::Damaged("工作簿数据流的开头无效".into()))?;
    if first.kind != BOF || u16_at(first.data, 0) != Some(0x0600) {
        return Err(FileError::Unsupported(
            "这是 Excel 95 或更早版本的 .xls 文件，暂不支持：请在 Excel 或 WPS 中另存为 .xlsx 后再打开"
                .into(),
        ));
    }
    let mut fmt = Formats::default();
    let mut strings: Vec<String> = Vec::new();
    // Worksheets by the offset of their BOF: (name, is a worksheet).
    let mut sheets: HashMap<usize, (String, bool)> = HashMap::new();
    let mut order: Vec<usize> = Vec::new();
    let mut i = 0;
    while let Some(r) = recs.get(i) {
        i += 1;
        match r.kind {
            FILEPASS => return Err(FileError::Encrypted),
            BOUNDSHEET => {
                let at = u32_at(r.data, 0).unwrap_or(0) as usize;
                let kind = r.data.get(5).copied().unwrap_or(0);
                let count = usize::from(r.data.get(6).copied().unwrap_or(0));
                let wide = r.data.get(7).copied().unwrap_or(0) & 1 == 1;
                let name = Pieces::new(vec![r.data.get(8..).unwrap_or_default()])
                    .chars(count, wide)
                    .unwrap_or_default();
                sheets.insert(at, (name, kind == 0));
                order.push(at);
            }
            FORMAT => {
                if let (Some(id), Some(code)) = (u16_at(r.data, 0), unicode_string(r.data, 2)) {
                    fmt.custom.insert(id, code);
                }
            }
            XF => fmt.xfs.push(u16_at(r.data, 2).unwrap_or(0)),
            DATEMODE => fmt.date1904 = u16_at(r.data, 0) == Some(1),
            SST => {
                let mut pieces = vec![r.data.get(8..).unwrap_or_default()];
                while let Some(c) = recs.get(i).filter(|c| c.kind == CONTINUE) {
                    pieces.push(c.data);
                    i += 1;
                }
                let unique = u32_at(r.data, 4).unwrap_or(0) as usize;
                let mut p = Pieces::new(pieces);
                for _ in 0..unique {
                    match p.rich_string() {
                        Some(s) => strings.push(s),
                        None => break,
                    }
                }
            }
            EOF => break,
            _ => {}
        }
    }

    let mut opened = Opened::default();
    let mut budget = Budget::default();
    let mut current: Option<SheetBuilder> = None;
    let mut pending_string: Option<(usize, usize)> = None;
    let mut read_count = 0usize;
    for r in recs.get(i..).unwrap_or_default() {
        match r.kind {
            BOF => {
                current = match sheets.get(&r.offset) {
                    Some((name, true)) if read_count < limits::MAX_GRIDS => {
                        read_count += 1;
                        Some(SheetBuilder::new(SourceKind::Sheet, name))
                    }
                    _ => None,
                };
            }
            EOF => {
                if let Some(b) = current.take() {
                    opened.grids.push(b.finish(&mut budget, &mut opened.notes));
                }
            }
            _ => {
                if let Some(b) = current.as_mut() {
                    cell(r, b, &strings, &fmt, &mut budget, &mut pending_string);
                }
            }
        }
    }
    if let Some(b) = current.take() {
        opened.grids.push(b.finish(&mut budget, &mut opened.notes));
    }
    if order.len() > read_count && read_count >= limits::MAX_GRIDS {
        opened.notes.push(format!(
            "工作簿的工作表超过 {} 个，其余未读取",
            limits::MAX_GRIDS
        ));
    }
    Ok(opened)
}

fn cell(
    r: &Record<'_>,
    b: &mut SheetBuilder,
    strings: &[String],
    fmt: &Formats,
    budget: &mut Budget,
    pending_string: &mut Option<(usize, usize)>,
) {
    let d = r.data;
    let pos = || Some((usize::from(u16_at(d, 0)?), usize::from(u16_at(d, 2)?)));
    match r.kind {
        LABELSST => {
            if let (Some((row, col)), Some(k)) = (pos(), u32_at(d, 6)) {
                let text = strings.get(k as usize).map_or("", String::as_str);
                b.set(row, col, text, budget);
            }
        }
        LABEL | RSTRING => {
            if let (Some((row, col)), Some(text)) = (pos(), unicode_string(d, 6)) {
                b.set(row, col, &text, budget);
            }
        }
        NUMBER => {
            if let (Some((row, col)), Some(xf), Some(v)) = (pos(), u16_at(d, 4), f64_at(d, 6)) {
                b.set(row, col, &show(v, xf, fmt), budget);
            }
        }
        RK => {
            if let (Some((row, col)), Some(xf), Some(v)) = (pos(), u16_at(d, 4), u32_at(d, 6)) {
                b.set(row, col, &show(rk(v), xf, fmt), budget);
            }
        }
        MULRK => {
            if let Some((row, first)) = pos() {
                let n = d.len().saturating_sub(6) / 6;
                for k in 0..n.min(limits::MAX_COLS) {
                    let at = 4 + 6 * k;
                    if let (Some(xf), Some(v)) = (u16_at(d, at), u32_at(d, at + 2)) {
                        b.set(row, first + k, &show(rk(v), xf, fmt), budget);
                    }
                }
            }
        }
        BOOLERR => {
            if let (Some((row, col)), Some(v), Some(is_error)) = (pos(), d.get(6), d.get(7)) {
                let text = match (is_error, v) {
                    (0, 0) => "FALSE",
                    (0, _) => "TRUE",
                    (_, 0x07) => "#DIV/0!",
                    (_, 0x0F) => "#VALUE!",
                    (_, 0x17) => "#REF!",
                    (_, 0x1D) => "#NAME?",
                    (_, 0x24) => "#NUM!",
                    (_, 0x2A) => "#N/A",
                    _ => "#NULL!",
                };
                b.set(row, col, text, budget);
            }
        }
        FORMULA => {
            if let (Some((row, col)), Some(xf)) = (pos(), u16_at(d, 4)) {
                let result = d.get(6..14).unwrap_or_default();
                if result.get(6..8) == Some(&[0xFF, 0xFF]) {
                    match result.first() {
                        // The text result follows in a STRING record.
                        Some(0) => *pending_string = Some((row, col)),
                        Some(1) => b.set(
                            row,
                            col,
                            if result.get(2) == Some(&0) {
                                "FALSE"
                            } else {
                                "TRUE"
                            },
                            budget,
                        ),
                        _ => {}
                    }
                } else if let Some(v) = f64_at(d, 6) {
                    b.set(row, col, &show(v, xf, fmt), budget);
                }
            }
        }
        STRING => {
            if let (Some((row, col)), Some(text)) = (pending_string.take(), unicode_string(d, 0)) {
                b.set(row, col, &text, budget);
            }
        }
        MERGECELLS => {
            let n = usize::from(u16_at(d, 0).unwrap_or(0));
            for k in 0..n {
                let at = 2 + 8 * k;
                if let (Some(r1), Some(r2), Some(c1), Some(c2)) = (
                    u16_at(d, at),
                    u16_at(d, at + 2),
                    u16_at(d, at + 4),
                    u16_at(d, at + 6),
                ) {
                    b.merge(
                        usize::from(r1),
                        usize::from(c1),
                        usize::from(r2),
                        usize::from(c2),
                    );
                }
            }
        }
        _ => {}
    }
}
