//! Files written by other producers read the same as hedui's own.

use hedui_files::write::{form, Sheet, Value};
use hedui_files::{read, Grid};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// What a sheet shows at each position once merged ranges are spread: (text, covered).
fn shown(sheet: &Sheet, skip: usize) -> Vec<Vec<(String, bool)>> {
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

fn cells(g: &Grid) -> Vec<Vec<(String, bool)>> {
    g.rows
        .iter()
        .map(|r| r.iter().map(|c| (c.text.clone(), c.covered)).collect())
        .collect()
}

fn first_diff(a: &[Vec<(String, bool)>], b: &[Vec<(String, bool)>]) -> String {
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        if x != y {
            return format!("row {i}:\n  read  {x:?}\n  wrote {y:?}");
        }
    }
    format!("rows {} vs {}", a.len(), b.len())
}

#[test]
fn libreoffice_workbooks_read_as_written() {
    let sheets = form::sheets(&hedui_core::sample::seed());
    for name in ["libreoffice-seed-form.xlsx", "libreoffice-seed-form.xls"] {
        let opened = read(name, &fixture(name)).unwrap();
        assert_eq!(opened.grids.len(), sheets.len(), "{name}");
        let names = hedui_files::write::sheet_names(&sheets);
        for ((g, s), sheet_name) in opened.grids.iter().zip(&sheets).zip(&names) {
            assert_eq!(&g.name, sheet_name, "{name}");
            let (a, b) = (cells(g), shown(s, 0));
            assert!(a == b, "{name} sheet {}: {}", s.name, first_diff(&a, &b));
        }
    }
}

#[test]
fn libreoffice_word_tables_read_as_written() {
    let sheets = form::sheets(&hedui_core::sample::seed());
    let name = "libreoffice-seed-form.docx";
    let opened = read(name, &fixture(name)).unwrap();
    let tables: Vec<&Grid> = opened
        .grids
        .iter()
        .filter(|g| g.name.starts_with("表格"))
        .collect();
    assert_eq!(tables.len(), sheets.len());
    for (g, s) in tables.iter().zip(&sheets) {
        let titled = s.rows[0]
            .first()
            .is_some_and(|c| c.value == Value::Text(form::TITLE.into()));
        let (a, b) = (cells(g), shown(s, if titled { 2 } else { 0 }));
        assert!(a == b, "{name} {}: {}", g.name, first_diff(&a, &b));
    }
    let body: Vec<&str> = opened
        .grids
        .iter()
        .filter(|g| g.name.starts_with("正文"))
        .flat_map(|g| g.rows.iter().map(|r| r[0].text.as_str()))
        .collect();
    assert_eq!(body.iter().filter(|t| **t == form::TITLE).count(), 3);
    assert!(body.contains(&"（2024年度）"), "{body:?}");
}
