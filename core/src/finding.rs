//! What a check reports: a [`Finding`] with its [`Severity`] and, when one fix stands out, a
//! [`Suggestion`]. A leaf module: the rules, the checker, blame and the page all use these types,
//! and they depend on nothing but field paths.

use crate::field::FieldPath;
use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// 错误: the form contradicts itself.
    Error,
    /// 警告: probably wrong, or a reviewer will object.
    Warning,
    /// 提示: style, or a check that could not run because inputs are missing.
    Info,
}

impl Severity {
    /// The Chinese word shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Self::Error => "错误",
            Self::Warning => "警告",
            Self::Info => "提示",
        }
    }

    /// The key used in the JSON report and in `data-severity`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// A one-click fix: replace `from` with `to` in `field`, giving `value`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The field to change.
    pub field: FieldPath,
    /// The part of the field's text to replace, as typed (`450000`).
    pub from: String,
    /// What to put instead (`45000`).
    pub to: String,
    /// The field's whole text after the change.
    pub value: String,
}

/// One thing that does not add up, pointing at the fields most likely wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Rule code, e.g. `HD103`.
    pub rule: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// Index of the project it concerns, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_index: Option<usize>,
    /// The project's name (or code) as shown to users.
    pub project: Option<String>,
    /// The fields most likely wrong: what the user should change.
    pub fields: Vec<FieldPath>,
    /// Other fields the rule compared them with (shown, not blamed).
    pub context: Vec<FieldPath>,
    /// What was compared, with the figures (Chinese).
    pub message: String,
    /// A fix the user can apply with one click, when it is unambiguous.
    pub suggestion: Option<Suggestion>,
    /// Other rules that found the same fault, folded into this finding.
    pub also: Vec<String>,
    /// A pending check held up by input that cannot be read (`abc` in 预算数), not merely missing.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unreadable: bool,
}

impl Finding {
    /// A finding about fields outside any project (header, overview, loose sections, tables).
    pub fn in_document(
        rule: &'static str,
        severity: Severity,
        fields: Vec<FieldPath>,
        message: String,
    ) -> Self {
        Self {
            rule,
            severity,
            project_index: None,
            project: None,
            fields,
            context: Vec::new(),
            message,
            suggestion: None,
            also: Vec::new(),
            unreadable: false,
        }
    }

    /// The same finding about the project at `index`, shown as `label`.
    #[must_use]
    pub fn of_project(self, index: usize, label: &str) -> Self {
        Self {
            project_index: Some(index),
            project: Some(label.to_owned()),
            ..self
        }
    }

    /// The same finding with fields shown for context (compared, not blamed).
    #[must_use]
    pub fn with_context(mut self, context: Vec<FieldPath>) -> Self {
        for c in context {
            if !self.fields.contains(&c) && !self.context.contains(&c) {
                self.context.push(c);
            }
        }
        self
    }
}
