//! The bodies of the fuzz targets (`core/fuzz`), shared with the regression tests that replay
//! every input a fuzzer ever crashed on (`core/fuzz/regressions/<target>/`). Each takes raw bytes
//! and must never panic; the assertions in them are the invariants the fuzzer checks.
#![allow(clippy::missing_panics_doc)] // asserting is the point: a failed invariant is a finding

use crate::check::{check, Checker};
use crate::model::Document;
use crate::{docnum, goal, import, indicator, number, quantity, saved};

/// A fuzz target's body.
pub type Target = fn(&[u8]);

/// The fuzz targets, by name.
pub const TARGETS: &[(&str, Target)] = &[
    ("value_parser", value_parser),
    ("goal_line", goal_line),
    ("importer", importer),
    ("grid_readers", grid_readers),
    ("json_loader", json_loader),
    ("check", check_document),
];

fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Numbers, quantities, indicator cells, deadlines and document numbers.
pub fn value_parser(data: &[u8]) {
    let s = text(data);
    let _ = number::parse_number(&s);
    let _ = quantity::parse_whole(&s);
    let _ = quantity::parse_money_cell(&s, quantity::MoneyUnit::Wan);
    let _ = quantity::parse_percent_cell(&s);
    for q in quantity::scan(&s) {
        assert!(s.get(q.span.clone()).is_some(), "span outside the text");
    }
    let (value, unit) = s.split_once('\u{1f}').unwrap_or((&s, ""));
    let _ = indicator::read_value(value, unit);
    let _ = indicator::read_deadline(&s);
    let _ = docnum::find(&s);
}

/// Goal lines: each quantity with what it counts or pays for.
pub fn goal_line(data: &[u8]) {
    let s = text(data);
    for item in goal::read_goal(&s) {
        assert!(s.get(item.quantity.span.clone()).is_some());
    }
}

/// The paste importer, then a check of what it imported.
pub fn importer(data: &[u8]) {
    let s = text(data);
    let imported = import::import_pasted(&s);
    for u in &imported.unplaced {
        assert!(u.offset <= s.len(), "unplaced offset outside the text");
    }
    let _ = check(&imported.document);
}

/// Every reader (TSV, pipes, web cells, plain lines, HTML tables) on the same input, whatever its
/// layout, then the mapper on each grid and a check of what it read.
pub fn grid_readers(data: &[u8]) {
    let s = text(data);
    let grids = [
        import::readers::tsv(&s),
        import::readers::pipe_rows(&s),
        import::readers::cell_lines(&s),
        import::readers::plain_lines(&s),
    ];
    for grid in &grids {
        let imported = import::import_grids(std::slice::from_ref(grid), "fuzz");
        let _ = check(&imported.document);
    }
    let imported = import::import_html(&s);
    for p in &imported.provenance {
        assert!(
            imported.document.get(&p.field).is_some(),
            "provenance names no field"
        );
    }
    let _ = check(&imported.document);
}

/// The saved-file loader, then a check of what it loaded.
pub fn json_loader(data: &[u8]) {
    if let Ok(doc) = saved::from_json(&text(data)) {
        let _ = check(&doc);
    }
}

/// The full check on a document whose fields come from the input (split at U+001F), and the
/// incremental checker against a fresh check after each edit.
pub fn check_document(data: &[u8]) {
    let s = text(data);
    let mut doc = crate::sample::seed();
    let paths = crate::field::all_paths(&doc);
    let mut checker = Checker::default();
    let _ = checker.check(&doc);
    for (i, piece) in s.split('\u{1f}').enumerate().take(64) {
        if let Some(path) =
            paths.get(piece.len().wrapping_mul(31).wrapping_add(i) % paths.len().max(1))
        {
            doc.set(path, piece);
        }
        assert_eq!(
            checker.check(&doc),
            check(&doc),
            "incremental check differs"
        );
    }
    let _ = Document::blank();
}
