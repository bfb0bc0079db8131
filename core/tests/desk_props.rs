//! The reviewer's desk on edited and hostile documents: no panic, and what must hold whatever the
//! input (a document compared with itself has no change; report text is escaped; keys are stable
//! through the saved file).

use hedui_core::compare::compare;
use hedui_core::field::all_paths;
use hedui_core::model::{Decision, Document};
use hedui_core::opinion::{html, sheets, Entry, Opinion, Signoff};
use hedui_core::review::{finding_keys, review, set_comment, set_mark};
use hedui_core::{check, sample, saved};
use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "9.00",
    "12.00",
    "0",
    "45000 元",
    "≥90%",
    "≤5%",
    "68 人",
    "70 人",
    "上年实际完成 98%",
    "实际值",
    "12 月 31 日前完成",
    "反向",
    "劳模基金",
    "2024年",
    "1e30",
    "-3",
    "数量指标",
    "成本指标",
    "产出指标",
    "<script>alert(1)</script>",
    "\"'&<>",
    "\u{1b}[31m",
    "\u{0}",
    " ",
    "\n",
    "，",
    "。",
    "万元",
    "%",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(prop::sample::select(TOKENS), 0..8).prop_map(|v| v.concat()),
        1 => any::<String>(),
    ]
}

/// The seed with a few fields rewritten, and maybe a project dropped or copied.
fn edited() -> impl Strategy<Value = Document> {
    (
        prop::collection::vec((0usize..400, text()), 0..6),
        0u8..4,
        0usize..3,
    )
        .prop_map(|(edits, op, at)| {
            let mut doc = sample::seed();
            let paths = all_paths(&doc);
            for (i, t) in edits {
                if let Some(p) = paths.get(i % paths.len()) {
                    doc.set(p, t);
                }
            }
            match op {
                1 if at < doc.projects.len() => {
                    doc.projects.remove(at);
                }
                2 => {
                    if let Some(p) = doc.projects.get(at).cloned() {
                        doc.projects.push(p);
                    }
                }
                _ => {}
            }
            doc
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    #[test]
    fn comparing_never_panics_and_a_document_equals_itself(a in edited(), b in edited()) {
        let d = compare(&a, &b);
        prop_assert_eq!(d.projects.iter().filter(|p| p.this.is_some()).count(), b.projects.len());
        prop_assert_eq!(d.projects.iter().filter(|p| p.last.is_some()).count(), a.projects.len());
        let same = compare(&a, &a);
        prop_assert!(same.projects.iter().all(|p| p.changes.is_empty()), "{:?}", same.projects);
        prop_assert!(same.projects.iter().all(|p| p.last.is_some() && p.this.is_some()));
        let _ = hedui_core::compare::render_text(&d);
    }

    #[test]
    fn reports_never_panic_and_escape_everything(doc in edited(), comment in text(), reason in text()) {
        let mut doc = doc;
        let report = check(&doc);
        let keys = finding_keys(&doc, &report.findings);
        prop_assert_eq!(keys.len(), report.findings.len());
        if let Some(k) = keys.first() {
            let _ = set_mark(&mut doc, &report, k, Some(Decision::Ignore), &reason, &comment);
        }
        if let Some(p) = all_paths(&doc).get(3) {
            let _ = set_comment(&mut doc, p, &comment);
        }
        // Keys and marks come back through the saved file.
        let back = saved::from_json(&saved::to_json(&doc)).unwrap();
        prop_assert_eq!(finding_keys(&back, &check(&back).findings), keys);
        prop_assert_eq!(review(&back, &report).stale.len(), review(&doc, &report).stale.len());
        let o = Opinion::new(&doc, &report, "<b>x</b>");
        let page = html::document(&o, &Signoff { reviewer: comment.clone(), date: reason.clone() });
        for banned in ["<script", "<b>", "<img", "\u{1b}"] {
            prop_assert!(!page.contains(banned), "{banned}");
        }
        let entries = vec![Entry::Checked(Box::new(o))];
        let _ = html::batch(&entries, &Signoff::default());
        for s in sheets(&entries) {
            prop_assert!(s.rows.iter().all(|r| r.len() == s.headings.len()));
        }
    }
}
