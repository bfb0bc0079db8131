//! Review marks (审核标记): the reviewer's 采纳 / 忽略 on findings and comments on fields, kept in
//! [`Document::review`] and so saved, exported and re-imported with the document.
//!
//! # A finding's identity
//! Findings are computed afresh on every check, and their paths (`projects[2].goals[1]`) move when
//! rows or projects are added elsewhere. A mark finds its finding again by a key built from:
//! - the rule code;
//! - every field the finding compared, blamed and context alike (so that blame settling on another
//!   of the same figures does not change the key), each named by
//!   - its project's anchor: the project's name with spaces removed and full-width forms folded,
//!     and which copy of that name it is (`劳模基金#2`; see [`project_anchors`]),
//!   - its path within the project with row numbers erased (`indicators[].value`),
//!   - its text, folded and without spaces or trailing punctuation;
//! - only for a finding that names no field: its message without digits.
//!
//! These are hashed (64-bit FNV-1a, fixed for ever since keys are saved) into `HD103-0123456789abcdef`.
//! Two findings of one report with the same key (identical copies) get `-2`, `-3` … in report order.
//!
//! A key therefore survives edits to other fields, rows and projects added, removed or moved
//! elsewhere, and export and re-import (it depends on text, not on positions). It changes when what
//! was compared changes: new figures are a new finding for the reviewer to judge.
//!
//! # When a finding disappears
//! Its mark stays in the document but is *stale*: it is left out of reports and counts, listed in
//! [`Reviewed::stale`] so that the page can show it or forget it ([`forget_stale`]), and it applies
//! again if the very same finding comes back (undo, or the old figure typed back). A comment on a
//! field goes stale when the field is gone (its project or row removed, its project renamed).

use crate::check::{Finding, Report};
use crate::field::{Column, FieldPath, ProjectField, ProjectList};
use crate::model::{Decision, Document, FieldAnchor, Mark, MarkTarget};
use crate::text::comparable;
use std::collections::HashMap;
use std::fmt;

/// Why a mark was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkError {
    /// 忽略 needs a reason.
    ReasonRequired,
    /// The key names no finding of the current report.
    NoSuchFinding,
    /// The path names no field of the document.
    NoSuchField,
}

impl fmt::Display for MarkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::ReasonRequired => "忽略此问题须写明理由",
            Self::NoSuchFinding => "该问题已不存在（文件已修改），请重新查看",
            Self::NoSuchField => "该字段已不存在",
        })
    }
}

impl std::error::Error for MarkError {}

/// Each project's anchor, by position: its compacted name (or `编码:` and its code, or `第N个`
/// when it has neither), then `#` and which copy of that name it is, counting from 1.
pub fn project_anchors(doc: &Document) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    doc.projects
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let name = crate::text::compact(&p.name);
            let code = crate::text::compact(&p.code);
            let base = if !name.is_empty() {
                name
            } else if !code.is_empty() {
                format!("编码:{code}")
            } else {
                format!("第{}个", i + 1)
            };
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            format!("{base}#{n}")
        })
        .collect()
}

/// A path split into its project (if any) and the rest: `projects[2].goals[1]` → (2, `goals[1]`).
fn split(path: &FieldPath) -> (Option<usize>, String) {
    let text = path.to_string();
    match path.project() {
        Some(p) => {
            let prefix = format!("projects[{p}].");
            let rest = text.strip_prefix(&prefix).unwrap_or(&text).to_owned();
            (Some(p), rest)
        }
        None => (None, text),
    }
}

/// `indicators[2].value` → `indicators[].value`.
fn erase_rows(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut inside = false;
    for c in path.chars() {
        match c {
            '[' => inside = true,
            ']' => inside = false,
            _ if inside && c.is_ascii_digit() => continue,
            _ => {}
        }
        out.push(c);
    }
    out
}

/// 64-bit FNV-1a: small, and the same on every platform and version.
fn fnv1a(parts: &[String]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0u8)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// One key per finding, in the same order (see the module documentation).
pub fn finding_keys(doc: &Document, findings: &[Finding]) -> Vec<String> {
    let anchors = project_anchors(doc);
    let mut used: HashMap<String, usize> = HashMap::new();
    findings
        .iter()
        .map(|f| {
            let mut parts: Vec<String> = f
                .fields
                .iter()
                .chain(&f.context)
                .map(|path| {
                    let (project, rest) = split(path);
                    let anchor = project
                        .and_then(|p| anchors.get(p))
                        .map_or("", String::as_str);
                    let text = doc.get(path).map(comparable).unwrap_or_default();
                    format!("{anchor}/{}={text}", erase_rows(&rest))
                })
                .collect();
            parts.sort();
            parts.dedup();
            if parts.is_empty() {
                parts.push(
                    crate::text::compact(&f.message)
                        .chars()
                        .filter(|c| !c.is_ascii_digit())
                        .collect(),
                );
            }
            parts.insert(0, f.rule.to_owned());
            let base = format!("{}-{:016x}", f.rule, fnv1a(&parts));
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                base
            } else {
                format!("{base}-{n}")
            }
        })
        .collect()
}

/// The anchor of a field as it stands now, or `None` for a path that names no field.
pub fn anchor_of(doc: &Document, path: &FieldPath) -> Option<FieldAnchor> {
    let text = doc.get(path)?.to_owned();
    let (project, rest) = split(path);
    let project = match project {
        Some(p) => project_anchors(doc).get(p)?.clone(),
        None => String::new(),
    };
    Some(FieldAnchor {
        project,
        path: rest,
        text,
    })
}

/// Finds where field anchors point now, reusing what it has looked up.
struct Locator<'d> {
    doc: &'d Document,
    projects: HashMap<&'d str, usize>,
    /// Per list column of a project: row text → first row holding it.
    rows: HashMap<(usize, ProjectList, Column), HashMap<String, usize>>,
}

/// Where a field anchor points now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    /// The field.
    pub path: FieldPath,
    /// Its text is no longer what was commented on.
    pub changed: bool,
}

impl<'d> Locator<'d> {
    fn new(doc: &'d Document, anchors: &'d [String]) -> Self {
        let mut projects = HashMap::new();
        for (i, a) in anchors.iter().enumerate() {
            projects.entry(a.as_str()).or_insert(i);
        }
        Self {
            doc,
            projects,
            rows: HashMap::new(),
        }
    }

    fn locate(&mut self, anchor: &FieldAnchor) -> Option<Located> {
        let wanted = comparable(&anchor.text);
        let same = |doc: &Document, path: &FieldPath| {
            doc.get(path).is_some_and(|t| comparable(t) == wanted)
        };
        if anchor.project.is_empty() {
            let path: FieldPath = anchor.path.parse().ok()?;
            if path.project().is_some() {
                return None;
            }
            let changed = !same(self.doc, &path);
            return self.doc.get(&path).map(|_| Located { path, changed });
        }
        let p = *self.projects.get(anchor.project.as_str())?;
        let path: FieldPath = format!("projects[{p}].{}", anchor.path).parse().ok()?;
        if same(self.doc, &path) {
            return Some(Located {
                path,
                changed: false,
            });
        }
        // The row may have moved within its list: find the row that holds the same text.
        if let FieldPath::Project(_, ProjectField::Cell(list, _, column)) = path {
            let project = self.doc.projects.get(p)?;
            let index = self.rows.entry((p, list, column)).or_insert_with(|| {
                let mut map = HashMap::new();
                for row in 0..list.len(project) {
                    let text = project
                        .field_text(ProjectField::Cell(list, row, column))
                        .map(comparable)
                        .unwrap_or_default();
                    map.entry(text).or_insert(row);
                }
                map
            });
            if let Some(row) = index.get(&wanted) {
                return Some(Located {
                    path: FieldPath::Project(p, ProjectField::Cell(list, *row, column)),
                    changed: false,
                });
            }
        }
        self.doc.get(&path).map(|_| Located {
            path,
            changed: true,
        })
    }
}

/// A finding with its key and the reviewer's mark, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewedFinding<'a> {
    /// The finding.
    pub finding: &'a Finding,
    /// Its identity.
    pub key: String,
    /// The reviewer's mark on it.
    pub mark: Option<&'a Mark>,
}

impl ReviewedFinding<'_> {
    /// The reviewer's decision, if any.
    pub fn decision(&self) -> Option<Decision> {
        self.mark.and_then(|m| m.decision)
    }
}

/// A comment on a field, found where the field is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldNote<'a> {
    /// The field.
    pub path: FieldPath,
    /// The mark holding the comment (its anchor's text is what was commented on).
    pub mark: &'a Mark,
    /// The field's text is no longer what was commented on.
    pub changed: bool,
}

/// The marks of a document applied to its report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reviewed<'a> {
    /// Every finding of the report, in its order, with key and mark.
    pub findings: Vec<ReviewedFinding<'a>>,
    /// Comments on fields that exist, in the order they were made.
    pub comments: Vec<FieldNote<'a>>,
    /// Marks whose finding or field is gone: kept, but left out of reports.
    pub stale: Vec<&'a Mark>,
}

impl Reviewed<'_> {
    /// How many findings carry a decision.
    pub fn decided(&self, decision: Decision) -> usize {
        self.findings
            .iter()
            .filter(|f| f.decision() == Some(decision))
            .count()
    }

    /// Comments by the field they are on.
    pub fn comments_by_field(&self) -> HashMap<FieldPath, Vec<&FieldNote<'_>>> {
        let mut out: HashMap<FieldPath, Vec<&FieldNote<'_>>> = HashMap::new();
        for c in &self.comments {
            out.entry(c.path).or_default().push(c);
        }
        out
    }
}

/// The marks of `doc` applied to `report` (the check of `doc`): what the page shows next to each
/// finding and field, and what the review report prints.
pub fn review<'a>(doc: &'a Document, report: &'a Report) -> Reviewed<'a> {
    let keys = finding_keys(doc, &report.findings);
    let mut by_key: HashMap<&str, &Mark> = HashMap::new();
    let anchors = project_anchors(doc);
    let mut locator = Locator::new(doc, &anchors);
    let mut out = Reviewed::default();
    let wanted: std::collections::HashSet<&str> = keys.iter().map(String::as_str).collect();
    for mark in &doc.review {
        match &mark.on {
            MarkTarget::Finding(key) => {
                if wanted.contains(key.as_str()) {
                    by_key.entry(key.as_str()).or_insert(mark);
                } else {
                    out.stale.push(mark);
                }
            }
            MarkTarget::Field(anchor) => match locator.locate(anchor) {
                Some(at) => out.comments.push(FieldNote {
                    path: at.path,
                    mark,
                    changed: at.changed,
                }),
                None => out.stale.push(mark),
            },
        }
    }
    out.findings = report
        .findings
        .iter()
        .zip(keys.iter())
        .map(|(finding, key)| ReviewedFinding {
            finding,
            key: key.clone(),
            mark: by_key.get(key.as_str()).copied(),
        })
        .collect();
    out
}

/// Whether a decision may be recorded: 忽略 needs a reason. The page calls this before it sends
/// the action, to say why nothing happened.
pub fn check_mark(decision: Option<Decision>, reason: &str) -> Result<(), MarkError> {
    if decision == Some(Decision::Ignore) && reason.trim().is_empty() {
        Err(MarkError::ReasonRequired)
    } else {
        Ok(())
    }
}

/// Records the reviewer's decision and comment on the finding `key` of `report` (the check of
/// `doc`), replacing any earlier mark on it; no decision and no comment removes the mark.
/// Returns whether the document changed.
pub fn set_mark(
    doc: &mut Document,
    report: &Report,
    key: &str,
    decision: Option<Decision>,
    reason: &str,
    comment: &str,
) -> Result<bool, MarkError> {
    check_mark(decision, reason)?;
    let keys = finding_keys(doc, &report.findings);
    let finding = keys
        .iter()
        .position(|k| k == key)
        .and_then(|i| report.findings.get(i))
        .ok_or(MarkError::NoSuchFinding)?;
    let target = MarkTarget::Finding(key.to_owned());
    let comment = comment.trim();
    if decision.is_none() && comment.is_empty() {
        return Ok(clear_mark(doc, key));
    }
    let seen = match &finding.project {
        Some(p) => format!("{} {p}：{}", finding.rule, finding.message),
        None => format!("{}：{}", finding.rule, finding.message),
    };
    let mark = Mark {
        on: target,
        decision,
        reason: if decision == Some(Decision::Ignore) {
            reason.trim().to_owned()
        } else {
            String::new()
        },
        comment: comment.to_owned(),
        seen,
    };
    Ok(put(doc, mark, |m| {
        m.on == MarkTarget::Finding(key.to_owned())
    }))
}

/// Replaces the marks that `is_same` picks by `mark` (at the first one's place), or appends it.
fn put(doc: &mut Document, mark: Mark, is_same: impl Fn(&Mark) -> bool) -> bool {
    let mut matches = doc.review.iter().filter(|m| is_same(m));
    if matches.next() == Some(&mark) && matches.next().is_none() {
        return false;
    }
    match doc.review.iter().position(&is_same) {
        Some(first) => {
            let mut i = 0;
            doc.review.retain(|m| {
                let keep = i == first || !is_same(m);
                i += 1;
                keep
            });
            if let Some(slot) = doc.review.get_mut(first) {
                *slot = mark;
            }
        }
        None => doc.review.push(mark),
    }
    true
}

/// Removes the mark on the finding `key`. Returns whether there was one.
pub fn clear_mark(doc: &mut Document, key: &str) -> bool {
    let before = doc.review.len();
    doc.review
        .retain(|m| !matches!(&m.on, MarkTarget::Finding(k) if k == key));
    doc.review.len() != before
}

/// Sets the reviewer's comment on a field (replacing an earlier comment on it); an empty comment
/// removes it. Returns whether the document changed.
pub fn set_comment(doc: &mut Document, path: &FieldPath, comment: &str) -> Result<bool, MarkError> {
    let anchor = anchor_of(doc, path).ok_or(MarkError::NoSuchField)?;
    let anchors = project_anchors(doc);
    let mut locator = Locator::new(doc, &anchors);
    let here: Vec<bool> = doc
        .review
        .iter()
        .map(|m| match &m.on {
            MarkTarget::Field(a) => locator.locate(a).is_some_and(|at| at.path == *path),
            MarkTarget::Finding(_) => false,
        })
        .collect();
    let comment = comment.trim();
    if comment.is_empty() {
        let before = doc.review.len();
        let mut i = 0;
        doc.review.retain(|_| {
            let keep = !here.get(i).copied().unwrap_or(false);
            i += 1;
            keep
        });
        return Ok(doc.review.len() != before);
    }
    let mark = Mark {
        on: MarkTarget::Field(anchor),
        comment: comment.to_owned(),
        ..Mark::default()
    };
    let existing: Vec<usize> = here
        .iter()
        .enumerate()
        .filter_map(|(i, h)| h.then_some(i))
        .collect();
    if let [only] = existing.as_slice() {
        if doc.review.get(*only) == Some(&mark) {
            return Ok(false);
        }
    }
    let mut i = 0;
    let first = existing.first().copied();
    doc.review.retain(|_| {
        let keep = Some(i) == first || !here.get(i).copied().unwrap_or(false);
        i += 1;
        keep
    });
    match first.and_then(|f| doc.review.get_mut(f)) {
        Some(slot) => *slot = mark,
        None => doc.review.push(mark),
    }
    Ok(true)
}

/// Forgets the marks whose finding or field is gone. Returns whether any was.
pub fn forget_stale(doc: &mut Document, report: &Report) -> bool {
    let keep: Vec<bool> = {
        let reviewed = review(doc, report);
        let stale: std::collections::HashSet<*const Mark> = reviewed
            .stale
            .iter()
            .map(|m| std::ptr::from_ref::<Mark>(m))
            .collect();
        doc.review
            .iter()
            .map(|m| !stale.contains(&std::ptr::from_ref(m)))
            .collect()
    };
    if keep.iter().all(|k| *k) {
        return false;
    }
    let mut i = 0;
    doc.review.retain(|_| {
        let k = keep.get(i).copied().unwrap_or(true);
        i += 1;
        k
    });
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::{ProjectField, ProjectText};

    fn seed() -> Document {
        crate::sample::seed()
    }

    fn keyed(doc: &Document) -> Vec<(String, String)> {
        let r = crate::check(doc);
        finding_keys(doc, &r.findings)
            .into_iter()
            .zip(r.findings.iter().map(|f| f.message.clone()))
            .collect()
    }

    #[test]
    fn keys_are_distinct_and_say_their_rule() {
        let doc = seed();
        let keys = keyed(&doc);
        assert_eq!(keys.len(), 5);
        let mut distinct: Vec<&String> = keys.iter().map(|(k, _)| k).collect();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 5);
        assert!(keys[0].0.starts_with("HD103-"), "{keys:?}");
        assert_eq!(keys[0].0.len(), "HD103-".len() + 16);
    }

    #[test]
    fn keys_survive_unrelated_edits_moves_and_reimport() {
        let doc = seed();
        let before = keyed(&doc);
        // An unrelated edit, a project added in front, another moved to the end.
        let mut edited = doc.clone();
        edited.projects[1].purpose.push_str("（补充说明）");
        edited.projects.insert(0, crate::editor::new_project());
        edited.projects[0].name = "新增项目".into();
        let moved = edited.projects.remove(2);
        edited.projects.push(moved);
        let after = keyed(&edited);
        for (key, message) in &before {
            assert!(
                after.iter().any(|(k, _)| k == key),
                "lost {key} ({message}) among {after:?}"
            );
        }
        // Through the saved file and back.
        let back = crate::saved::from_json(&crate::saved::to_json(&doc)).unwrap();
        assert_eq!(keyed(&back), before);
    }

    #[test]
    fn a_key_changes_when_what_was_compared_changes() {
        let doc = seed();
        let before = keyed(&doc);
        let mut edited = doc.clone();
        // E3: the second 困难职工 goal now names another amount; still short of the budget.
        edited.projects[1].goals[1] = edited.projects[1].goals[1].replace("2 万元", "2.5 万元");
        let after = keyed(&edited);
        let e3 = before.iter().find(|(_, m)| m.contains("还差")).unwrap();
        assert!(!after.iter().any(|(k, _)| *k == e3.0));
        assert!(after.iter().any(|(_, m)| m.contains("还差")));
    }

    #[test]
    fn marks_follow_their_finding_and_go_stale_without_it() {
        let mut doc = seed();
        let report = crate::check(&doc);
        let keys = finding_keys(&doc, &report.findings);
        assert_eq!(
            set_mark(&mut doc, &report, &keys[0], Some(Decision::Ignore), " ", ""),
            Err(MarkError::ReasonRequired)
        );
        assert_eq!(
            set_mark(&mut doc, &report, "HD999-0", Some(Decision::Accept), "", ""),
            Err(MarkError::NoSuchFinding)
        );
        assert_eq!(
            set_mark(
                &mut doc,
                &report,
                &keys[0],
                Some(Decision::Accept),
                "",
                "请核实荣誉津贴"
            ),
            Ok(true)
        );
        assert_eq!(
            set_mark(
                &mut doc,
                &report,
                &keys[0],
                Some(Decision::Accept),
                "",
                "请核实荣誉津贴"
            ),
            Ok(false),
            "the same mark again changes nothing"
        );
        assert_eq!(
            set_mark(
                &mut doc,
                &report,
                &keys[3],
                Some(Decision::Ignore),
                "专项资金另有安排",
                ""
            ),
            Ok(true)
        );
        let r = review(&doc, &report);
        assert_eq!(r.decided(Decision::Accept), 1);
        assert_eq!(r.decided(Decision::Ignore), 1);
        assert_eq!(r.findings[0].mark.unwrap().comment, "请核实荣誉津贴");
        assert!(r.findings[0]
            .mark
            .unwrap()
            .seen
            .starts_with("HD103 劳模基金："));
        assert!(r.stale.is_empty());

        // Fixing E1 takes its finding, and so its mark, out of the report.
        let s = report.findings[0].suggestion.clone().unwrap();
        doc.set(&s.field, s.value.clone());
        let fixed = crate::check(&doc);
        let r = review(&doc, &fixed);
        assert_eq!(r.decided(Decision::Accept), 0);
        assert_eq!(r.decided(Decision::Ignore), 1);
        assert_eq!(r.stale.len(), 1);
        assert_eq!(r.stale[0].comment, "请核实荣誉津贴");
        // Typed back, the finding returns with its mark.
        doc.set(&s.field, s.value.replace("45000", "450000"));
        let again = crate::check(&doc);
        assert_eq!(review(&doc, &again).decided(Decision::Accept), 1);
        // Forgetting stale marks after the fix drops only that one.
        doc.set(&s.field, s.value.clone());
        assert!(forget_stale(&mut doc, &fixed));
        assert_eq!(doc.review.len(), 1);
        assert!(!forget_stale(&mut doc, &fixed));
        // Clearing.
        assert!(clear_mark(&mut doc, &keys[3]));
        assert!(doc.review.is_empty());
    }

    #[test]
    fn comments_follow_their_field() {
        let mut doc = seed();
        let total = FieldPath::Project(1, ProjectField::Text(ProjectText::Total));
        let goal = FieldPath::Project(2, ProjectField::goal(1));
        assert_eq!(set_comment(&mut doc, &total, "与通知金额一致"), Ok(true));
        assert_eq!(set_comment(&mut doc, &goal, "津贴标准？"), Ok(true));
        assert_eq!(set_comment(&mut doc, &goal, "津贴标准？"), Ok(false));
        assert_eq!(set_comment(&mut doc, &goal, "津贴标准请附文件"), Ok(true));
        assert_eq!(doc.review.len(), 2);
        // A project added in front, a goal line inserted above the commented one.
        doc.projects.insert(0, crate::editor::new_project());
        doc.projects[3].goals.insert(0, "0. 新增目标".into());
        let report = crate::check(&doc);
        let r = review(&doc, &report);
        let at: Vec<(String, &str, bool)> = r
            .comments
            .iter()
            .map(|c| (c.path.to_string(), c.mark.comment.as_str(), c.changed))
            .collect();
        assert_eq!(
            at,
            [
                (
                    "projects[2].budget.total".to_owned(),
                    "与通知金额一致",
                    false
                ),
                ("projects[3].goals[2]".to_owned(), "津贴标准请附文件", false),
            ]
        );
        // The field's text changes: still there, flagged.
        doc.projects[2].budget.total = "13.50".into();
        let r = review(&doc, &report);
        assert!(r.comments[0].changed);
        // The project removed: the comment is stale.
        doc.projects.remove(2);
        let report = crate::check(&doc);
        let r = review(&doc, &report);
        assert_eq!(r.comments.len(), 1);
        assert_eq!(r.stale.len(), 1);
        // Cleared by an empty comment.
        let goal = FieldPath::Project(2, ProjectField::goal(2));
        assert_eq!(set_comment(&mut doc, &goal, ""), Ok(true));
        assert_eq!(doc.review.len(), 1);
        assert_eq!(
            set_comment(&mut doc, &FieldPath::Project(9, ProjectField::goal(0)), "x"),
            Err(MarkError::NoSuchField)
        );
    }

    #[test]
    fn marks_survive_the_saved_file_and_older_files_open() {
        let mut doc = seed();
        let report = crate::check(&doc);
        let keys = finding_keys(&doc, &report.findings);
        set_mark(&mut doc, &report, &keys[1], Some(Decision::Accept), "", "").unwrap();
        set_comment(&mut doc, &FieldPath::YEAR, "年度无误").unwrap();
        let json = crate::saved::to_json(&doc);
        assert!(json.contains("\"review\""));
        let back = crate::saved::from_json(&json).unwrap();
        assert_eq!(back.review, doc.review);
        let report = crate::check(&back);
        let r = review(&back, &report);
        assert_eq!(r.decided(Decision::Accept), 1);
        assert_eq!(r.comments.len(), 1);
        // A file without marks says nothing of them.
        assert!(!crate::saved::to_json(&seed()).contains("review"));
    }

    #[test]
    fn hostile_marks_change_nothing_else() {
        let json = r#"{"version":2,"projects":[],"review":[
            {"on":{"finding":"HD103-x"},"decision":"accept"},
            {"on":{"field":{"project":"无#1","path":"budget.total","text":""}}},
            {"on":{"field":{"project":"","path":"projects[0].name","text":""}}},
            {"on":{"field":{"project":"","path":"!!","text":""}}}
        ]}"#;
        let doc = crate::saved::from_json(json).unwrap();
        let report = crate::check(&doc);
        let r = review(&doc, &report);
        assert_eq!(r.stale.len(), 4);
        assert!(r.findings.is_empty() && r.comments.is_empty());
    }
}
