//! Running the rule catalogue over a document: findings, what could not be verified yet, and counts.

use crate::facts::{Facts, Parsed, ProjectFacts};
use crate::model::{Document, Project};
use crate::quantity::MoneyUnit;
use crate::rules::{Rule, Scope, RULES};
use crate::sink::Sink;
use serde::Serialize;
use std::rc::Rc;

pub use crate::finding::{Finding, Severity, Suggestion};
pub use crate::sink::RuleCount;

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
        sink.start(rule.info().code);
        rule.check(facts, &mut sink);
    }
    sink
}

impl Checker {
    /// Checks `doc`, reusing what is known of its unchanged projects.
    pub fn check(&mut self, doc: &Document) -> Report {
        let unit = crate::facts::money_unit(doc).0;
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
            let one = Facts::with_projects(
                doc,
                vec![ProjectFacts::with(index, project, parsed.clone())],
            );
            let sink = Rc::new(run(project_rules(), &one));
            *slot = Some(Entry {
                project: project.clone(),
                unit,
                parsed,
                sink,
            });
        }
        let facts = Facts::with_projects(
            doc,
            doc.projects
                .iter()
                .enumerate()
                .zip(&self.entries)
                .filter_map(|((index, project), e)| {
                    e.as_ref()
                        .map(|e| ProjectFacts::with(index, project, e.parsed.clone()))
                })
                .collect(),
        );
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
        .map(|r| RuleCount::new(r.info().code))
        .collect();
    for sink in sinks {
        let offset = out.findings.len();
        out.findings.extend(sink.findings.iter().cloned());
        out.pending.extend(sink.pending.iter().cloned());
        out.relations
            .extend(sink.relations.iter().map(|r| crate::sink::Recorded {
                failed: r.failed.map(|i| i + offset),
                relation: r.relation.clone(),
                blame: r.blame,
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
