//! Running the rule catalogue over a document: findings, what could not be verified yet, and counts.

use crate::facts::{Facts, Parsed, ProjectFacts};
use crate::field::FieldPath;
use crate::model::{Document, Project};
use crate::quantity::MoneyUnit;
use crate::rules::{Relation, Rule, Scope, RULES};
use serde::Serialize;
use std::rc::Rc;

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
            project_index: Some(project.index),
            project: Some(project.label.clone()),
            ..Self::in_document(rule, severity, fields, message)
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
    /// Which key parts of the document could be read at all: where they are missing, no summary
    /// may say that nothing is wrong.
    pub coverage: crate::coverage::Coverage,
}

impl Report {
    /// Number of findings of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
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
#[derive(Debug, Default, Clone)]
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

/// Runs every rule of the catalogue over `doc`, once (see [`Checker`] for checking while typing).
pub fn check(doc: &Document) -> Report {
    let facts = Facts::new(doc);
    finish(doc, run(RULES.iter(), &facts))
}

/// Blame, then one canonical order whatever order the rules ran in, then consolidation.
fn finish(doc: &Document, sink: Sink) -> Report {
    let Sink {
        mut findings,
        mut pending,
        relations,
        counts,
        ..
    } = sink;
    crate::blame::apply(doc, &mut findings, &relations);
    let position = |rule: &str| RULES.iter().position(|r| r.info().code == rule);
    let key = |f: &Finding| (position(f.rule), f.project_index.unwrap_or(usize::MAX));
    findings.sort_by_key(key);
    pending.sort_by_key(key);
    Report {
        findings: crate::blame::consolidate(findings),
        pending,
        counts,
        coverage: crate::coverage::coverage(doc),
    }
}

/// One project's cached parse and per-project rule results.
#[derive(Debug, Clone)]
struct Entry {
    project: Project,
    unit: MoneyUnit,
    parsed: Rc<Parsed>,
    sink: Rc<Sink>,
}

/// Checks a document again and again as it is edited, re-parsing and re-checking only the projects
/// that changed since the last check; rules over the whole document run every time, and blame
/// weighs all relations together. [`Checker::check`] gives exactly what [`check`] gives.
#[derive(Debug, Clone, Default)]
pub struct Checker {
    entries: Vec<Option<Entry>>,
}

impl PartialEq for Checker {
    /// A cache: two checkers are alike whatever they remember.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Checker {}

fn run(rules: impl Iterator<Item = &'static &'static dyn Rule>, facts: &Facts<'_>) -> Sink {
    let mut sink = Sink::default();
    for rule in rules {
        sink.rule = rule.info().code;
        sink.count();
        rule.check(facts, &mut sink);
    }
    sink
}

impl Checker {
    /// Checks `doc`, reusing what is known of its unchanged projects.
    pub fn check(&mut self, doc: &Document) -> Report {
        let unit = MoneyUnit::parse(&doc.money_unit).unwrap_or(MoneyUnit::Wan);
        self.entries.resize(doc.projects.len(), None);
        let project_rules = || RULES.iter().filter(|r| r.scope() == Scope::Project);
        for ((index, project), slot) in doc.projects.iter().enumerate().zip(&mut self.entries) {
            let fresh = slot
                .as_ref()
                .is_some_and(|e| e.unit == unit && e.project == *project);
            if fresh {
                continue;
            }
            let parsed = Rc::new(Parsed::new(index, project, unit));
            let one = Facts {
                doc,
                money_unit: unit,
                projects: vec![ProjectFacts::with(index, project, parsed.clone())],
            };
            let sink = Rc::new(run(project_rules(), &one));
            *slot = Some(Entry {
                project: project.clone(),
                unit,
                parsed,
                sink,
            });
        }
        let facts = Facts {
            doc,
            money_unit: unit,
            projects: doc
                .projects
                .iter()
                .enumerate()
                .zip(&self.entries)
                .filter_map(|((index, project), e)| {
                    e.as_ref()
                        .map(|e| ProjectFacts::with(index, project, e.parsed.clone()))
                })
                .collect(),
        };
        let document = run(
            RULES.iter().filter(|r| r.scope() == Scope::Document),
            &facts,
        );
        let sinks = self
            .entries
            .iter()
            .flatten()
            .map(|e| &*e.sink)
            .chain(std::iter::once(&document));
        finish(doc, merge(sinks))
    }
}

/// Joins sinks: findings and relations in order (relations re-pointed at the joined findings),
/// counts summed per rule in catalogue order.
fn merge<'s>(sinks: impl Iterator<Item = &'s Sink>) -> Sink {
    let mut out = Sink::default();
    let mut counts: Vec<RuleCount> = RULES
        .iter()
        .map(|r| RuleCount {
            rule: r.info().code,
            holds: 0,
            fails: 0,
            unverified: 0,
        })
        .collect();
    for sink in sinks {
        let offset = out.findings.len();
        out.findings.extend(sink.findings.iter().cloned());
        out.pending.extend(sink.pending.iter().cloned());
        out.relations.extend(sink.relations.iter().map(|(i, r)| {
            let index = if *i == usize::MAX { *i } else { i + offset };
            (index, r.clone())
        }));
        for c in &sink.counts {
            if let Some(total) = counts.iter_mut().find(|t| t.rule == c.rule) {
                total.holds += c.holds;
                total.fails += c.fails;
                total.unverified += c.unverified;
            }
        }
    }
    out.counts = counts;
    out
}
