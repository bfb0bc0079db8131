//! The editing reducer: every change the page makes to a document goes through [`Editor::update`],
//! which re-checks the document. The page only forwards events and renders the result.

use crate::check::{check, Report};
use crate::field::FieldPath;
use crate::model::Document;

/// Something the user did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Typed into a field.
    Edit {
        /// Which field.
        field: FieldPath,
        /// Its whole new text.
        value: String,
    },
    /// Clicked 应用 on a suggestion.
    ApplySuggestion(crate::check::Suggestion),
    /// Replaced the whole document (opened a file, loaded the sample, started anew).
    Load(Box<Document>),
}

/// A document being edited, with its current report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    /// The document as typed.
    pub doc: Document,
    /// The check of `doc`, always up to date.
    pub report: Report,
}

impl Editor {
    /// Starts editing `doc`.
    pub fn new(doc: Document) -> Self {
        let report = check(&doc);
        Self { doc, report }
    }

    /// Applies one action and re-checks. An edit naming a field that does not exist changes nothing.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Edit { field, value } => {
                if self.doc.get(&field) == Some(value.as_str()) || !self.doc.set(&field, value) {
                    return;
                }
            }
            Action::ApplySuggestion(s) => {
                // Only if the field still holds what the suggestion was made for.
                let current = self.doc.get(&s.field).unwrap_or_default();
                if !current.contains(&s.from) || !self.doc.set(&s.field, s.value) {
                    return;
                }
            }
            Action::Load(doc) => self.doc = *doc,
        }
        self.report = check(&self.doc);
    }
}

impl Default for Editor {
    fn default() -> Self {
        Self::new(Document::blank())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::ProjectField;

    #[test]
    fn edits_recheck_the_document() {
        let mut e = Editor::default();
        let path = |f| FieldPath::Project(0, f);
        for (f, v) in [
            (ProjectField::Total, "9.00"),
            (ProjectField::Fiscal, "8.00"),
            (ProjectField::Other, "0"),
        ] {
            e.update(Action::Edit {
                field: path(f),
                value: v.into(),
            });
        }
        assert_eq!(e.report.findings.len(), 1);
        e.update(Action::Edit {
            field: path(ProjectField::Fiscal),
            value: "9.00".into(),
        });
        assert!(e.report.findings.is_empty());
    }
}
