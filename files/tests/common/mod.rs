//! Building Office files by hand in tests: the parts as text, zipped.
#![allow(dead_code)]
// Fixture builders: sizes are tiny, and the byte layout reads best written out.
#![allow(
    clippy::cast_possible_truncation,
    clippy::format_push_string,
    clippy::similar_names,
    clippy::too_many_lines
)]

use hedui_files::write::{Sheet, Value};
use hedui_files::zip::Writer;
use hedui_files::Grid;

pub fn zip(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut w = Writer::default();
    for (name, text) in parts {
        w.add(name, text.as_bytes());
    }
    w.finish()
}

pub const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

pub const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// A workbook of the given sheets (name, sheet XML), with shared strings and styles parts.
pub fn xlsx(sheets: &[(&str, &str)], shared: &str, styles: &str) -> Vec<u8> {
    let mut book = String::from(
        r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut parts: Vec<(String, String)> = Vec::new();
    for (i, (name, xml)) in sheets.iter().enumerate() {
        let n = i + 1;
        book.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#
        ));
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
        parts.push((format!("xl/worksheets/sheet{n}.xml"), (*xml).to_owned()));
    }
    book.push_str("</sheets></workbook>");
    rels.push_str(r#"<Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#);
    parts.push(("xl/workbook.xml".into(), book));
    parts.push(("xl/_rels/workbook.xml.rels".into(), rels));
    parts.push(("_rels/.rels".into(), RELS.into()));
    if !shared.is_empty() {
        parts.push(("xl/sharedStrings.xml".into(), shared.into()));
    }
    if !styles.is_empty() {
        parts.push(("xl/styles.xml".into(), styles.into()));
    }
    let refs: Vec<(&str, &str)> = parts
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    zip(&refs)
}

pub fn docx(body: &str) -> Vec<u8> {
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    zip(&[("_rels/.rels", DOC_RELS), ("word/document.xml", &doc)])
}

/// A compound file (OLE) holding streams of the given names and contents (each under 4 KB goes
/// to the mini stream, as real files do). Version 3, 512-byte sectors.
pub fn cfb(streams: &[(&str, Vec<u8>)]) -> Vec<u8> {
    const END: u32 = 0xFFFF_FFFE;
    const FREE: u32 = 0xFFFF_FFFF;
    const FATSECT: u32 = 0xFFFF_FFFD;
    // Layout: sector 0 = FAT, 1 = directory (4 entries per sector), then the big streams' sectors.
    // Small streams (< 4096) go in the mini stream, stored after the big ones.
    let mut sectors: Vec<Vec<u8>> = Vec::new();
    let mut fat: Vec<u32> = vec![FATSECT];
    let n_dir = (streams.len() + 1).div_ceil(4);
    for i in 0..n_dir {
        fat.push(if i + 1 < n_dir { (2 + i) as u32 } else { END });
    }
    let mut starts = Vec::new();
    let mut mini = Vec::new();
    let mut mini_fat: Vec<u32> = Vec::new();
    for (_, data) in streams {
        if data.len() >= 4096 {
            let first = fat.len() as u32;
            let chunks: Vec<&[u8]> = data.chunks(512).collect();
            for (k, c) in chunks.iter().enumerate() {
                let mut s = c.to_vec();
                s.resize(512, 0);
                sectors.push(s);
                fat.push(if k + 1 < chunks.len() {
                    first + k as u32 + 1
                } else {
                    END
                });
            }
            starts.push(first);
        } else {
            let first = (mini.len() / 64) as u32;
            let chunks: Vec<&[u8]> = data.chunks(64).collect();
            for (k, c) in chunks.iter().enumerate() {
                let mut s = c.to_vec();
                s.resize(64, 0);
                mini.extend(s);
                mini_fat.push(if k + 1 < chunks.len() {
                    first + k as u32 + 1
                } else {
                    END
                });
            }
            starts.push(if data.is_empty() { END } else { first });
        }
    }
    // The mini stream's sectors, then the mini FAT's sector.
    let mini_start = fat.len() as u32;
    let mini_chunks: Vec<&[u8]> = mini.chunks(512).collect();
    for (k, c) in mini_chunks.iter().enumerate() {
        let mut s = c.to_vec();
        s.resize(512, 0);
        sectors.push(s);
        fat.push(if k + 1 < mini_chunks.len() {
            mini_start + k as u32 + 1
        } else {
            END
        });
    }
    let minifat_sector = fat.len() as u32;
    let mut mf: Vec<u8> = mini_fat.iter().flat_map(|v| v.to_le_bytes()).collect();
    mf.resize(512, 0xFF);
    sectors.push(mf);
    fat.push(END);
    assert!(fat.len() <= 128, "test CFB too large");
    // Directory entries.
    let entry = |name: &str, kind: u8, start: u32, size: u32, child: u32, right: u32| {
        let mut e = vec![0u8; 128];
        let units: Vec<u16> = name.encode_utf16().chain([0]).collect();
        for (i, u) in units.iter().enumerate() {
            e[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[64..66].copy_from_slice(&((units.len() * 2) as u16).to_le_bytes());
        e[66] = kind;
        e[67] = 1;
        e[68..72].copy_from_slice(&FREE.to_le_bytes());
        e[72..76].copy_from_slice(&right.to_le_bytes());
        e[76..80].copy_from_slice(&child.to_le_bytes());
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..124].copy_from_slice(&size.to_le_bytes());
        e
    };
    let mut dir = entry(
        "Root Entry",
        5,
        if mini.is_empty() { END } else { mini_start },
        mini.len() as u32,
        if streams.is_empty() { FREE } else { 1 },
        FREE,
    );
    for (i, (name, data)) in streams.iter().enumerate() {
        let right = if i + 1 < streams.len() {
            (i + 2) as u32
        } else {
            FREE
        };
        dir.extend(entry(name, 2, starts[i], data.len() as u32, FREE, right));
    }
    dir.resize(n_dir * 512, 0);
    let mut header = vec![0u8; 512];
    header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    header[24..26].copy_from_slice(&0x3Eu16.to_le_bytes());
    header[26..28].copy_from_slice(&3u16.to_le_bytes());
    header[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
    header[30..32].copy_from_slice(&9u16.to_le_bytes());
    header[32..34].copy_from_slice(&6u16.to_le_bytes());
    header[44..48].copy_from_slice(&1u32.to_le_bytes());
    header[48..52].copy_from_slice(&1u32.to_le_bytes());
    header[56..60].copy_from_slice(&4096u32.to_le_bytes());
    header[60..64].copy_from_slice(&minifat_sector.to_le_bytes());
    header[64..68].copy_from_slice(&1u32.to_le_bytes());
    header[68..72].copy_from_slice(&END.to_le_bytes());
    header[72..76].copy_from_slice(&0u32.to_le_bytes());
    for i in 0..109 {
        let v = if i == 0 { 0u32 } else { FREE };
        header[76 + 4 * i..80 + 4 * i].copy_from_slice(&v.to_le_bytes());
    }
    let mut fat_bytes: Vec<u8> = fat.iter().flat_map(|v| v.to_le_bytes()).collect();
    fat_bytes.resize(512, 0xFF);
    let mut out = header;
    out.extend(fat_bytes);
    out.extend(dir);
    for s in sectors {
        out.extend(s);
    }
    out
}

/// What a sheet shows at each position once merged ranges are spread: (text, covered).
pub fn shown(sheet: &Sheet, skip: usize) -> Vec<Vec<(String, bool)>> {
    let mut out: Vec<Vec<(String, bool)>> = sheet
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| match &c.value {
                    Value::Empty => (String::new(), false),
                    Value::Text(t) | Value::Number(t) => (t.trim().to_owned(), false),
                })
                .collect()
        })
        .collect();
    for &(r1, c1, r2, c2) in &sheet.merges {
        let value = out[r1].get(c1).map(|c| c.0.clone()).unwrap_or_default();
        if value.is_empty() {
            continue;
        }
        for (r, row) in out.iter_mut().enumerate().take(r2 + 1).skip(r1) {
            for c in c1..=c2 {
                if (r, c) != (r1, c1) {
                    if row.len() <= c {
                        row.resize(c + 1, (String::new(), false));
                    }
                    row[c] = (value.clone(), true);
                }
            }
        }
    }
    let mut out: Vec<_> = out.into_iter().skip(skip).collect();
    for r in &mut out {
        while r.last().is_some_and(|c| c.0.is_empty()) {
            r.pop();
        }
    }
    while out.last().is_some_and(Vec::is_empty) {
        out.pop();
    }
    out
}

pub fn cells(g: &Grid) -> Vec<Vec<(String, bool)>> {
    g.rows
        .iter()
        .map(|r| r.iter().map(|c| (c.text.clone(), c.covered)).collect())
        .collect()
}

/// A budget-system export of about 1 MB (one row per indicator, project name and money repeating
/// down the rows, as in `部门项目支出绩效目标05-2`).
pub fn one_megabyte_export() -> Vec<u8> {
    use hedui_files::write::{workbook, Sheet, Style, WCell};
    let mut s = Sheet::new("部门项目支出绩效目标05-2");
    let head = [
        "项目名称",
        "年度资金总额",
        "财政拨款",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "度量单位",
    ];
    s.push(head.iter().map(|h| WCell::text(h, Style::Header)).collect());
    let mut r = 0;
    while r < 30_000 {
        let project = r / 12;
        let cells = [
            format!("项目{project}村组干部培训"),
            format!("{}.50", 100 + project),
            format!("{}.50", 100 + project),
            "产出指标".to_owned(),
            "数量指标".to_owned(),
            format!("培训人次{r}"),
            format!("≥{}", 200 + r % 50),
            "人次".to_owned(),
        ];
        s.push(cells.iter().map(|c| WCell::auto(c, Style::Body)).collect());
        r += 1;
    }
    workbook(&[s])
}
