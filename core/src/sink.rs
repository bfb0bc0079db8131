//! What rules report while they run: per place, holds / fails / cannot verify, and the numeric
//! relations behind them with their verdict, decided once here and read by blame.

use crate::finding::Finding;
use crate::relation::Relation;
use serde::Serialize;

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

impl RuleCount {
    /// No outcome yet for `rule`.
    pub fn new(rule: &'static str) -> Self {
        Self {
            rule,
            holds: 0,
            fails: 0,
            unverified: 0,
        }
    }
}

/// A numeric relation with its verdict: the finding it failed in, or `None` when it holds.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// Index of the finding among the sink's findings when the relation fails; `None` when it holds.
    pub failed: Option<usize>,
    /// The relation.
    pub relation: Relation,
    /// Whether blame may reorder the failed finding's fields (a shortfall that names what is
    /// missing, rather than a figure that is wrong, is kept as it is but still counts as failing).
    pub blame: bool,
}

/// Collects what rules report while they run.
#[derive(Debug, Default, Clone)]
pub struct Sink {
    pub(crate) rule: &'static str,
    pub(crate) findings: Vec<Finding>,
    pub(crate) pending: Vec<Finding>,
    pub(crate) relations: Vec<Recorded>,
    pub(crate) counts: Vec<RuleCount>,
}

impl Sink {
    /// Starts reporting for `rule`.
    pub(crate) fn start(&mut self, rule: &'static str) {
        self.rule = rule;
        self.count();
    }

    fn count(&mut self) -> &mut RuleCount {
        let rule = self.rule;
        if self.counts.last().is_none_or(|c| c.rule != rule) {
            self.counts.push(RuleCount::new(rule));
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

    /// The rule's verdict at one place where no numeric relation is involved: it holds when there
    /// is no finding, and fails with the finding otherwise.
    pub fn judge(&mut self, finding: Option<Finding>) {
        match finding {
            None => self.holds(),
            Some(finding) => self.fails(finding, None),
        }
    }

    /// The rule fails at one place. `relation`, when given, is the numeric relation that failed:
    /// blame uses it to pick the fields most likely wrong and to suggest a fix.
    pub fn fails(&mut self, finding: Finding, relation: Option<Relation>) {
        self.count().fails += 1;
        if let Some(relation) = relation {
            self.relations.push(Recorded {
                failed: Some(self.findings.len()),
                relation,
                blame: true,
            });
        }
        self.findings.push(finding);
    }

    /// The rule fails at one place on `relation`, whose finding keeps its fields as they are;
    /// blame still knows the relation fails (mending it makes another fix more likely).
    pub fn falls_short(&mut self, finding: Finding, relation: Relation) {
        self.count().fails += 1;
        self.relations.push(Recorded {
            failed: Some(self.findings.len()),
            relation,
            blame: false,
        });
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
        self.relations.push(Recorded {
            failed: None,
            relation,
            blame: false,
        });
    }

    /// Decides `relation` once: if it holds, one place holds and the relation confirms its
    /// figures; if not, `fail` says what to report and the relation goes to blame. Returns
    /// whether it held.
    pub fn relation(
        &mut self,
        relation: Relation,
        fail: impl FnOnce(&Relation) -> Finding,
    ) -> bool {
        if relation.holds() {
            self.holds();
            self.confirmed(relation);
            true
        } else {
            let finding = fail(&relation);
            self.fails(finding, Some(relation));
            false
        }
    }
}
