//! Running the rule catalogue over a document: findings, what could not be verified yet, and counts.

use crate::facts::Facts;
use crate::field::FieldPath;
use crate::model::Document;
use crate::rules::{Relation, RULES};
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
    /// A finding about a project's fields, with no suggestion yet.
    pub fn in_project(
        rule: &'static str,
        severity: Severity,
        project: &crate::facts::ProjectFacts<'_>,
        fields: Vec<FieldPath>,
        message: String,
    ) -> Self {
        Self {
            rule,
            severity,
            project_index: Some(project.index),
            project: Some(project.label.clone()),
            fields,
            context: Vec::new(),
            message,
            suggestion: None,
            also: Vec::new(),
            unreadable: false,
        }
    }

    /// A finding about fields outside any project (header, overview, loose sections).
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
}

/// Counts of one rule's outcomes over the places it applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    /// Rule code.
    pub rule: &'static str,
    /// Places where the rule holds.
    pub holds: usize,
    /// Places where it fails.
    pub fails: usize,
    /// Places where it cannot be verified yet.
    pub unverified: usize,
}

/// Everything a check tells the user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// What does not add up, errors first.
    pub findings: Vec<Finding>,
    /// Checks that could not run yet, saying what is missing (`还差 45 000 元`).
    pub pending: Vec<Finding>,
    /// Per rule: holds / fails / cannot verify.
    pub counts: Vec<RuleCount>,
}

impl Report {
    /// Number of findings of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Every message shown at a field: findings that name it, then pending checks that name it.
    pub fn messages_for<'a>(&'a self, field: &'a FieldPath) -> impl Iterator<Item = &'a Finding> {
        self.findings
            .iter()
            .chain(&self.pending)
            .filter(move |f| f.fields.contains(field))
    }

    /// Total places checked.
    pub fn places(&self) -> usize {
        self.counts
            .iter()
            .map(|c| c.holds + c.fails + c.unverified)
            .sum()
    }
}

/// Collects what rules report while they run.
#[derive(Debug, Default)]
pub struct Sink {
    rule: &'static str,
    findings: Vec<Finding>,
    pending: Vec<Finding>,
    relations: Vec<(usize, Relation)>,
    counts: Vec<RuleCount>,
}

impl Sink {
    fn count(&mut self) -> &mut RuleCount {
        let rule = self.rule;
        if self.counts.last().is_none_or(|c| c.rule != rule) {
            self.counts.push(RuleCount {
                rule,
                holds: 0,
                fails: 0,
                unverified: 0,
            });
        }
        let last = self.counts.len() - 1;
        // `last` was just ensured to exist.
        #[allow(clippy::indexing_slicing)]
        &mut self.counts[last]
    }

    /// The rule holds at one place.
    pub fn holds(&mut self) {
        self.count().holds += 1;
    }

    /// The rule fails at one place. `relation`, when given, is the numeric relation that failed:
    /// blame uses it to pick the fields most likely wrong and to suggest a fix.
    pub fn fails(&mut self, finding: Finding, relation: Option<Relation>) {
        self.count().fails += 1;
        if let Some(r) = relation {
            self.relations.push((self.findings.len(), r));
        }
        self.findings.push(finding);
    }

    /// The rule cannot be verified at one place; the finding says what is missing.
    pub fn cannot_verify(&mut self, finding: Finding) {
        self.count().unverified += 1;
        self.pending.push(finding);
    }

    /// How many failures have been reported so far (all rules).
    pub fn failures(&self) -> usize {
        self.findings.len()
    }

    /// A numeric relation that holds: blame weighs the fields it confirms.
    pub fn confirmed(&mut self, relation: Relation) {
        self.relations.push((usize::MAX, relation));
    }
}

/// Runs every rule of the catalogue over `doc`.
pub fn check(doc: &Document) -> Report {
    let facts = Facts::new(doc);
    let mut sink = Sink::default();
    for rule in RULES {
        sink.rule = rule.info().code;
        sink.count();
        rule.check(&facts, &mut sink);
    }
    let Sink {
        mut findings,
        pending,
        relations,
        counts,
        ..
    } = sink;
    crate::blame::apply(doc, &mut findings, &relations);
    let findings = crate::blame::consolidate(findings);
    Report {
        findings,
        pending,
        counts,
    }
}
