//! Files written by other producers read the same as hedui's own.

use common::{cells, shown};
use hedui_files::write::{form, Value};
use hedui_files::{read, Grid};

mod common;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
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
