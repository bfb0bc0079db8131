//! Writes the sample document's 申报表 as `.xlsx` (hedui's writer) and as an HTML page of the same
//! tables (`rowspan`/`colspan`), for other producers to convert into the committed fixtures under
//! `files/tests/fixtures/` (see the README there):
//!
//! ```text
//! cargo run -p hedui-files --example fixtures -- /tmp/fx
//! ```

use hedui_files::write::{form, Value};
use std::fmt::Write;

fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    std::fs::create_dir_all(&dir)?;
    let doc = hedui_core::sample::seed();
    std::fs::write(format!("{dir}/seed-form.xlsx"), form::form_xlsx(&doc))?;
    let mut html = String::from("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>");
    for s in form::sheets(&doc) {
        let mut covered = std::collections::HashSet::new();
        for &(r1, c1, r2, c2) in &s.merges {
            for r in r1..=r2 {
                for c in c1..=c2 {
                    if (r, c) != (r1, c1) {
                        covered.insert((r, c));
                    }
                }
            }
        }
        let titled = s
            .rows
            .first()
            .and_then(|r| r.first())
            .is_some_and(|c| matches!(&c.value, Value::Text(t) if t == form::TITLE));
        let skip = if titled { 2 } else { 0 };
        for row in s.rows.iter().take(skip) {
            if let Some(Value::Text(t)) = row.first().map(|c| &c.value) {
                let _ = write!(html, "<p>{t}</p>");
            }
        }
        html.push_str("<table border=\"1\">");
        for (r, row) in s.rows.iter().enumerate().skip(skip) {
            html.push_str("<tr>");
            for (c, cell) in row.iter().enumerate() {
                if covered.contains(&(r, c)) {
                    continue;
                }
                let (rows, cols) = s
                    .merges
                    .iter()
                    .find(|m| (m.0, m.1) == (r, c))
                    .map_or((1, 1), |m| (m.2 - m.0 + 1, m.3 - m.1 + 1));
                let text = match &cell.value {
                    Value::Text(t) | Value::Number(t) => t
                        .replace('&', "&amp;")
                        .replace('<', "&lt;")
                        .replace('\n', "<br>"),
                    Value::Empty => String::new(),
                };
                let _ = write!(
                    html,
                    "<td rowspan=\"{rows}\" colspan=\"{cols}\">{text}</td>"
                );
            }
            html.push_str("</tr>");
        }
        html.push_str("</table><p></p>");
    }
    html.push_str("</body></html>");
    std::fs::write(format!("{dir}/seed-form.html"), html)?;
    Ok(())
}
