//! Documents for the page's 示例 button, for tests and for benchmarks.

use crate::model::Document;

/// The published text of the seed document (遵化市总工会 2024), as pasted from the PDF.
pub const SEED_TEXT: &str = include_str!("../fixtures/zunhua-federation-of-trade-unions-2024.txt");

/// The seed document: the published text through the importer. `tests/import.rs` proves this is
/// exactly the document built by hand in `fixtures/seed.json`, so the page need not carry both.
pub fn seed() -> Document {
    crate::import::import_text(SEED_TEXT).document
}

/// A document of `n` projects made from the seed's three tables in turn, each with its own name
/// and a code that fits the others' pattern, so that copies are not mistaken for one another.
pub fn generated(n: usize) -> Document {
    let seed = seed();
    let mut doc = Document {
        projects: Vec::with_capacity(n),
        ..seed.clone()
    };
    for i in 0..n {
        if let Some(template) = seed.projects.get(i % seed.projects.len().max(1)) {
            let mut p = template.clone();
            p.name = format!("{}（{}）", crate::text::compact(&p.name), i + 1);
            p.code = format!("13028124P{:012}", i + 1);
            doc.projects.push(p);
        }
    }
    doc
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_documents_have_the_asked_size() {
        let d = super::generated(10);
        assert_eq!(d.projects.len(), 10);
        let r = crate::check(&d);
        // Every third project carries the seed's E1, every third the E3 warning.
        assert!(
            r.count(crate::Severity::Error) >= 3,
            "{:?}",
            r.findings.len()
        );
    }
}
