//! The editing reducer: every change the page makes to a document goes through [`Editor::update`],
//! which re-checks the document and keeps undo history. The page only forwards events and renders.

use crate::check::{Checker, Report};
use crate::field::{with_list, FieldPath, ProjectList};
use crate::finding::Suggestion;
use crate::model::{Checkpoint, Decision, Document, Indicator, Project, Table};
use std::rc::Rc;

/// How many steps undo remembers.
pub const HISTORY: usize = 200;

/// A list in the document that rows can be added to, removed from and moved within.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// The project tables.
    Projects,
    /// One of a project's row lists (goal lines, indicator rows, checkpoints, cost lines …).
    Rows(usize, ProjectList),
    /// The overview versions.
    Overviews,
    /// An overview's key-project summaries.
    KeyProjects(usize),
    /// An overview's 工作保障措施 items.
    Safeguards(usize),
    /// The loose sections.
    Sections,
    /// A loose section's paragraphs.
    Paragraphs(usize),
    /// The further tables (allocation tables, prior-year columns …).
    Tables,
    /// A further table's rows.
    TableRows(usize),
}

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
    ApplySuggestion(Suggestion),
    /// Added a row at the end of a list.
    Add(List),
    /// Removed row `index` of a list.
    Remove(List, usize),
    /// Moved row `index` of a list one place up (`-1`) or down (`1`).
    Move(List, usize, i8),
    /// Replaced the whole document (opened a file, loaded the sample, 新建, 清空).
    Load(Box<Document>),
    /// Ctrl+Z.
    Undo,
    /// Ctrl+Y.
    Redo,
    /// The reviewer's 采纳 / 忽略 and comment on a finding, named by its key
    /// ([`crate::review::finding_keys`]); no decision and no comment removes the mark. An 忽略
    /// without a reason, or a key that is not in the current report, changes nothing: the page
    /// checks with [`crate::review::check_mark`] first and says why.
    Mark {
        /// The finding's key.
        finding: String,
        /// 采纳 / 忽略, or none (a comment alone).
        decision: Option<Decision>,
        /// Why it is ignored.
        reason: String,
        /// The reviewer's comment.
        comment: String,
    },
    /// Removed the mark on a finding (by its key).
    Unmark(String),
    /// The reviewer's comment on a field; an empty text removes it.
    Comment {
        /// Which field.
        field: FieldPath,
        /// The comment.
        text: String,
    },
    /// Forgot the marks whose finding or field is gone ([`crate::review::Reviewed::stale`]).
    ForgetStaleMarks,
}

/// A document being edited, with its current report and its history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    /// The document as typed.
    pub doc: Document,
    /// The check of `doc`, always up to date.
    pub report: Report,
    // Shared snapshots: cloning an editor (the page does so on every keystroke) copies pointers.
    past: Vec<Rc<Document>>,
    future: Vec<Rc<Document>>,
    /// The field the last edit typed into: further typing there joins the same undo step.
    typing_in: Option<FieldPath>,
    /// Bumped on every change; the page saves when it moves.
    pub revision: u64,
    /// Re-checks only what changed.
    checker: Checker,
}

impl Editor {
    /// Starts editing `doc`.
    pub fn new(doc: Document) -> Self {
        let mut checker = Checker::default();
        let report = checker.check(&doc);
        Self {
            doc,
            report,
            past: Vec::new(),
            future: Vec::new(),
            typing_in: None,
            revision: 0,
            checker,
        }
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    fn remember(&mut self, coalesce_with: Option<FieldPath>) {
        if coalesce_with.is_none() || coalesce_with != self.typing_in {
            self.past.push(Rc::new(self.doc.clone()));
            if self.past.len() > HISTORY {
                self.past.remove(0);
            }
        }
        self.future.clear();
        self.typing_in = coalesce_with;
    }

    /// Applies one action and re-checks. An action naming a field or row that does not exist
    /// changes nothing.
    pub fn update(&mut self, action: Action) {
        let changed = match action {
            // Marks change no finding: the report stays as it is.
            Action::Mark { .. }
            | Action::Unmark(_)
            | Action::Comment { .. }
            | Action::ForgetStaleMarks => {
                if self.mark(action) {
                    self.revision += 1;
                }
                return;
            }
            Action::Edit { field, value } => {
                let current = self.doc.get(&field);
                if current.is_none() || current == Some(value.as_str()) {
                    false
                } else {
                    self.remember(Some(field));
                    self.doc.set(&field, value)
                }
            }
            Action::ApplySuggestion(s) => {
                // Only if the field still holds what the suggestion was made for.
                let applies = self
                    .doc
                    .get(&s.field)
                    .is_some_and(|current| current.contains(&s.from));
                if applies {
                    self.remember(None);
                    self.doc.set(&s.field, s.value)
                } else {
                    false
                }
            }
            Action::Add(list) => {
                let mut next = self.doc.clone();
                if add(&mut next, list) {
                    self.remember(None);
                    self.doc = next;
                    true
                } else {
                    false
                }
            }
            Action::Remove(list, index) => {
                let mut next = self.doc.clone();
                if remove(&mut next, list, index) {
                    self.remember(None);
                    self.doc = next;
                    true
                } else {
                    false
                }
            }
            Action::Move(list, index, by) => {
                let mut next = self.doc.clone();
                if shift(&mut next, list, index, by) {
                    self.remember(None);
                    self.doc = next;
                    true
                } else {
                    false
                }
            }
            Action::Load(doc) => {
                self.remember(None);
                self.doc = *doc;
                true
            }
            Action::Undo => match self.past.pop() {
                Some(prev) => {
                    let prev = Rc::unwrap_or_clone(prev);
                    self.future
                        .push(Rc::new(std::mem::replace(&mut self.doc, prev)));
                    self.typing_in = None;
                    true
                }
                None => false,
            },
            Action::Redo => match self.future.pop() {
                Some(next) => {
                    let next = Rc::unwrap_or_clone(next);
                    self.past
                        .push(Rc::new(std::mem::replace(&mut self.doc, next)));
                    self.typing_in = None;
                    true
                }
                None => false,
            },
        };
        if changed {
            self.revision += 1;
            self.report = self.checker.check(&self.doc);
        }
    }

    /// Applies an action on the review marks; returns whether the document changed.
    fn mark(&mut self, action: Action) -> bool {
        match action {
            Action::Mark {
                finding,
                decision,
                reason,
                comment,
            } => self.mark_with(|doc, report| {
                crate::review::set_mark(doc, report, &finding, decision, &reason, &comment)
                    .unwrap_or(false)
            }),
            Action::Unmark(key) => self.mark_with(|doc, _| crate::review::clear_mark(doc, &key)),
            Action::Comment { field, text } => self.mark_with(|doc, _| {
                crate::review::set_comment(doc, &field, &text).unwrap_or(false)
            }),
            Action::ForgetStaleMarks => self.mark_with(crate::review::forget_stale),
            _ => false,
        }
    }

    /// Changes the review marks on a copy of the document; keeps it (one undo step) if it changed.
    fn mark_with(&mut self, f: impl FnOnce(&mut Document, &Report) -> bool) -> bool {
        let mut next = self.doc.clone();
        if f(&mut next, &self.report) {
            self.remember(None);
            self.doc = next;
            true
        } else {
            false
        }
    }
}

impl Default for Editor {
    fn default() -> Self {
        Self::new(Document::blank())
    }
}

/// A new project card: the usual four checkpoints and the indicator skeleton to fill in.
pub fn new_project() -> Project {
    let row = |level1: &str, level2: &str| Indicator {
        level1: level1.into(),
        level2: level2.into(),
        ..Indicator::default()
    };
    Project {
        schedule: ["3 月底", "6 月底", "10 月底", "12 月底"]
            .iter()
            .map(|l| Checkpoint {
                label: (*l).into(),
                percent: String::new(),
            })
            .collect(),
        goals: vec![String::new()],
        indicators: vec![
            row("产出指标", "数量指标"),
            row("", "质量指标"),
            row("", "时效指标"),
            row("", "成本指标"),
            row("效益指标", "社会效益指标"),
            row("满意度指标", "服务对象满意度指标"),
        ],
        ..Project::default()
    }
}

fn add(doc: &mut Document, list: List) -> bool {
    match list {
        List::Projects => doc.projects.push(new_project()),
        List::Tables => doc.tables.push(Table {
            rows: vec![vec![String::new(); 3]; 2],
            header_rows: 1,
            ..Table::default()
        }),
        _ => {
            return with_list_of(doc, list, PushDefault).unwrap_or(false);
        }
    }
    true
}

/// Runs `f` on the list's vector, whatever its element type.
fn with_list_of<R>(doc: &mut Document, list: List, f: impl ListOp<R>) -> Option<R> {
    Some(match list {
        List::Projects => f.run(&mut doc.projects),
        List::Rows(p, rows) => {
            let project = doc.projects.get_mut(p)?;
            with_list!(mut project, rows, |v| f.run(v))
        }
        List::Overviews => f.run(&mut doc.overviews),
        List::KeyProjects(o) => f.run(&mut doc.overviews.get_mut(o)?.key_projects),
        List::Safeguards(o) => f.run(&mut doc.overviews.get_mut(o)?.safeguards),
        List::Sections => f.run(&mut doc.sections),
        List::Paragraphs(s) => f.run(&mut doc.sections.get_mut(s)?.paragraphs),
        List::Tables => f.run(&mut doc.tables),
        List::TableRows(t) => {
            let table = doc.tables.get_mut(t)?;
            let width = table.rows.iter().map(Vec::len).max().unwrap_or(3);
            f.run_rows(&mut table.rows, width)
        }
    })
}

/// An operation on a vector of any element type.
trait ListOp<R>: Sized {
    fn run<T: Default>(self, v: &mut Vec<T>) -> R;

    /// A table's rows: a new row has the table's width.
    fn run_rows(self, v: &mut Vec<Vec<String>>, _width: usize) -> R {
        self.run(v)
    }
}

struct PushDefault;

impl ListOp<bool> for PushDefault {
    fn run<T: Default>(self, v: &mut Vec<T>) -> bool {
        v.push(T::default());
        true
    }

    fn run_rows(self, v: &mut Vec<Vec<String>>, width: usize) -> bool {
        v.push(vec![String::new(); width]);
        true
    }
}

struct RemoveAt(usize);

impl ListOp<bool> for RemoveAt {
    fn run<T: Default>(self, v: &mut Vec<T>) -> bool {
        if self.0 < v.len() {
            v.remove(self.0);
            true
        } else {
            false
        }
    }
}

struct MoveBy(usize, i8);

impl ListOp<bool> for MoveBy {
    fn run<T: Default>(self, v: &mut Vec<T>) -> bool {
        let Some(to) = self.0.checked_add_signed(isize::from(self.1)) else {
            return false;
        };
        if self.0 < v.len() && to < v.len() && to != self.0 {
            v.swap(self.0, to);
            true
        } else {
            false
        }
    }
}

fn remove(doc: &mut Document, list: List, index: usize) -> bool {
    with_list_of(doc, list, RemoveAt(index)).unwrap_or(false)
}

fn shift(doc: &mut Document, list: List, index: usize, by: i8) -> bool {
    with_list_of(doc, list, MoveBy(index, by)).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::{ProjectField, ProjectText};

    fn edit(e: &mut Editor, f: ProjectField, v: &str) {
        e.update(Action::Edit {
            field: FieldPath::Project(0, f),
            value: v.into(),
        });
    }

    #[test]
    fn edits_recheck_the_document() {
        let mut e = Editor::default();
        edit(&mut e, ProjectField::Text(ProjectText::Total), "9.00");
        edit(&mut e, ProjectField::Text(ProjectText::Fiscal), "8.00");
        edit(&mut e, ProjectField::Text(ProjectText::Other), "0");
        assert_eq!(e.report.findings.len(), 1);
        edit(&mut e, ProjectField::Text(ProjectText::Fiscal), "9.00");
        assert!(e.report.findings.is_empty());
    }

    #[test]
    fn typing_in_one_field_is_one_undo_step() {
        let mut e = Editor::default();
        for v in ["9", "9.", "9.0", "9.00"] {
            edit(&mut e, ProjectField::Text(ProjectText::Total), v);
        }
        edit(&mut e, ProjectField::Text(ProjectText::Fiscal), "8");
        e.update(Action::Undo);
        assert_eq!(e.doc.projects[0].budget.fiscal, "");
        assert_eq!(e.doc.projects[0].budget.total, "9.00");
        e.update(Action::Undo);
        assert_eq!(e.doc.projects[0].budget.total, "");
        assert!(!e.can_undo());
        e.update(Action::Redo);
        e.update(Action::Redo);
        assert_eq!(e.doc.projects[0].budget.fiscal, "8");
        assert!(!e.can_redo());
    }

    #[test]
    fn marks_are_actions_with_undo_and_leave_the_report_alone() {
        let mut e = Editor::new(crate::sample::seed());
        let keys = crate::review::finding_keys(&e.doc, &e.report.findings);
        let findings = e.report.findings.clone();
        let before = e.revision;
        e.update(Action::Mark {
            finding: keys[0].clone(),
            decision: Some(Decision::Ignore),
            reason: String::new(),
            comment: String::new(),
        });
        assert_eq!(e.revision, before, "忽略 without a reason changes nothing");
        e.update(Action::Mark {
            finding: keys[0].clone(),
            decision: Some(Decision::Accept),
            reason: String::new(),
            comment: "请改为 45000".into(),
        });
        e.update(Action::Comment {
            field: FieldPath::YEAR,
            text: "年度无误".into(),
        });
        assert_eq!(e.revision, before + 2);
        assert_eq!(e.doc.review.len(), 2);
        assert_eq!(e.report.findings, findings);
        let r = crate::review::review(&e.doc, &e.report);
        assert_eq!(r.decided(Decision::Accept), 1);
        assert_eq!(r.comments.len(), 1);
        e.update(Action::Undo);
        assert_eq!(e.doc.review.len(), 1);
        e.update(Action::Unmark(keys[0].clone()));
        assert!(e.doc.review.is_empty());
        // A fix takes the finding; its mark goes stale and can be forgotten.
        e.update(Action::Mark {
            finding: keys[0].clone(),
            decision: Some(Decision::Accept),
            reason: String::new(),
            comment: String::new(),
        });
        let fix = e.report.findings[0].suggestion.clone().unwrap();
        e.update(Action::ApplySuggestion(fix));
        let r = crate::review::review(&e.doc, &e.report);
        assert_eq!((r.decided(Decision::Accept), r.stale.len()), (0, 1));
        e.update(Action::ForgetStaleMarks);
        assert!(e.doc.review.is_empty());
        e.update(Action::Undo);
        assert_eq!(e.doc.review.len(), 1, "forgetting is one undo step");
    }

    #[test]
    fn rows_are_added_removed_and_moved() {
        let mut e = Editor::default();
        e.update(Action::Add(List::Projects));
        assert_eq!(e.doc.projects.len(), 2);
        assert_eq!(e.doc.projects[1].schedule.len(), 4);
        e.update(Action::Add(List::Rows(1, ProjectList::Goals)));
        e.update(Action::Edit {
            field: FieldPath::Project(1, ProjectField::goal(1)),
            value: "second".into(),
        });
        e.update(Action::Move(List::Rows(1, ProjectList::Goals), 1, -1));
        assert_eq!(e.doc.projects[1].goals, ["second", ""]);
        e.update(Action::Remove(List::Rows(1, ProjectList::Goals), 0));
        assert_eq!(e.doc.projects[1].goals, [""]);
        let before = e.revision;
        e.update(Action::Remove(List::Rows(7, ProjectList::Goals), 0));
        e.update(Action::Move(List::Projects, 0, -1));
        assert_eq!(e.revision, before, "impossible actions change nothing");
        e.update(Action::Undo);
        assert_eq!(e.doc.projects[1].goals, ["second", ""]);
    }
}
