//! This year against last (对比上年): two documents of the same unit, project by project.
//!
//! Projects are matched by code, then (for those left) by name with spaces, full-width forms and
//! years (`2024年`) ignored, then tables with neither in order; copies of one project are matched
//! in order. For each matched pair the
//! comparison lists what changed: header fields, money and sources, the spending schedule, goal
//! lines, indicator rows (matched by name) and their values and bases, cost lines, tasks and shares;
//! rows added and removed. Text is compared as [`crate::text::comparable`] sees it, money by value
//! (`9` and `9.00` are the same amount).
//!
//! Then what a reviewer asks about ([`FlagKind`]): the budget up while no comparable target rose,
//! a target below last year's actual where the form gives one, every indicator copied word for
//! word, a project that vanished or appeared.
//!
//! Cost: linear in the two documents (hash maps from keys to rows), apart from sorting nothing.

use crate::field::{Column, FieldPath, ProjectField, ProjectList, ProjectText};
use crate::indicator::{read_indicator, IndicatorValue};
use crate::model::{Document, Indicator, Project};
use crate::quantity::{parse_money_cell, Comparator, MoneyUnit, Quantity, Unit};
use crate::text::{compact, comparable};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{HashMap, VecDeque};
use std::fmt::Write;

/// How two projects were matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Matched {
    /// Same 项目编码.
    Code,
    /// Same name (spaces, full-width forms and years ignored).
    Name,
    /// Only in this year's document.
    Added,
    /// Only in last year's document.
    Removed,
}

impl Matched {
    /// In words.
    pub fn label(self) -> &'static str {
        match self {
            Self::Code => "按编码对应",
            Self::Name => "按名称对应",
            Self::Added => "本年新增",
            Self::Removed => "本年没有",
        }
    }
}

/// What happened to one field or row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// In both, different.
    Changed,
    /// Only this year.
    Added,
    /// Only last year.
    Removed,
}

/// One difference between last year's project and this year's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Changed, added or removed.
    pub kind: ChangeKind,
    /// What, in words (`预算数`, `指标“慰问各级劳模总数”的指标值`, `绩效目标第 2 条`).
    pub what: String,
    /// Last year's text (empty when added).
    pub before: String,
    /// This year's text (empty when removed).
    pub after: String,
    /// For money: by how much (`增加 3 万元，+33.3%`).
    pub delta: Option<String>,
    /// The field in last year's document.
    pub last_field: Option<FieldPath>,
    /// The field in this year's document.
    pub this_field: Option<FieldPath>,
}

/// What a reviewer asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// 预算增加而目标未提高.
    MoreMoneySameTargets,
    /// 目标低于上年实际.
    TargetBelowActual,
    /// 指标照抄上年.
    CopiedIndicators,
    /// 项目本年没有.
    Vanished,
    /// 本年新增项目.
    Appeared,
}

impl FlagKind {
    /// In words.
    pub fn label(self) -> &'static str {
        match self {
            Self::MoreMoneySameTargets => "预算增加而目标未提高",
            Self::TargetBelowActual => "目标低于上年实际",
            Self::CopiedIndicators => "指标照抄上年",
            Self::Vanished => "项目本年没有",
            Self::Appeared => "本年新增项目",
        }
    }
}

/// A question for the department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// Which question.
    pub kind: FlagKind,
    /// The question with the figures.
    pub message: String,
}

/// One project of either year, with what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectDiff {
    /// How it was matched.
    pub matched: Matched,
    /// Its position in last year's document.
    pub last: Option<usize>,
    /// Its position in this year's document.
    pub this: Option<usize>,
    /// Its name for headings (this year's, or last year's when it vanished).
    pub label: String,
    /// Its code (this year's, or last year's).
    pub code: String,
    /// What changed.
    pub changes: Vec<Change>,
    /// What a reviewer asks about.
    pub flags: Vec<Flag>,
}

/// One side's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    /// 单位编码.
    pub unit_code: String,
    /// 单位名称.
    pub unit_name: String,
    /// 预算年度.
    pub year: String,
    /// Number of project tables.
    pub projects: usize,
}

/// The comparison of two documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearDiff {
    /// Last year's document.
    pub last: Side,
    /// This year's document.
    pub this: Side,
    /// About the pair itself (different units, years not in order).
    pub notes: Vec<String>,
    /// This year's projects in order, matched or added; then last year's that vanished.
    pub projects: Vec<ProjectDiff>,
}

impl YearDiff {
    /// Every flag of every project.
    pub fn flags(&self) -> impl Iterator<Item = &Flag> {
        self.projects.iter().flat_map(|p| &p.flags)
    }

    /// How many projects were matched in a given way.
    pub fn count(&self, how: Matched) -> usize {
        self.projects.iter().filter(|p| p.matched == how).count()
    }
}

fn side(doc: &Document) -> Side {
    Side {
        unit_code: compact(&doc.unit_code),
        unit_name: compact(&doc.unit_name),
        year: compact(&doc.year),
        projects: doc.projects.len(),
    }
}

/// A project name as matched across years: compacted, years (`2024年`, `2024年度`, `2024`) removed.
pub fn name_key(name: &str) -> String {
    let c: Vec<char> = compact(name).chars().collect();
    let mut out = String::with_capacity(c.len() * 3);
    let mut i = 0;
    while let Some(&ch) = c.get(i) {
        let year = c.get(i..i + 4).is_some_and(|w| {
            w.iter().all(char::is_ascii_digit) && matches!(w.first(), Some('1' | '2'))
        }) && !c.get(i + 4).is_some_and(char::is_ascii_digit)
            && !(i > 0 && c.get(i - 1).is_some_and(char::is_ascii_digit));
        if year {
            i += 4;
            if c.get(i) == Some(&'年') {
                i += 1;
                if c.get(i) == Some(&'度') {
                    i += 1;
                }
            }
            continue;
        }
        out.push(ch);
        i += 1;
    }
    out
}

/// Pairs this year's projects with last year's: by code, then by name; in order within a key.
fn match_projects(
    last: &Document,
    this: &Document,
) -> Vec<(Matched, Option<usize>, Option<usize>)> {
    let mut last_used = vec![false; last.projects.len()];
    let mut pair: Vec<Option<(Matched, usize)>> = vec![None; this.projects.len()];
    let keyed = |key: fn(&Project) -> String,
                 how: Matched,
                 used: &mut Vec<bool>,
                 pair: &mut Vec<Option<(Matched, usize)>>| {
        let mut by: HashMap<String, VecDeque<usize>> = HashMap::new();
        for (i, p) in last.projects.iter().enumerate() {
            let k = key(p);
            if !k.is_empty() && !used.get(i).copied().unwrap_or(true) {
                by.entry(k).or_default().push_back(i);
            }
        }
        for (j, p) in this.projects.iter().enumerate() {
            if pair.get(j).is_some_and(Option::is_some) {
                continue;
            }
            let k = key(p);
            if let Some(i) = by.get_mut(&k).and_then(VecDeque::pop_front) {
                if let Some(slot) = used.get_mut(i) {
                    *slot = true;
                }
                if let Some(slot) = pair.get_mut(j) {
                    *slot = Some((how, i));
                }
            }
        }
    };
    keyed(
        |p| compact(&p.code).to_ascii_uppercase(),
        Matched::Code,
        &mut last_used,
        &mut pair,
    );
    keyed(
        |p| name_key(&p.name),
        Matched::Name,
        &mut last_used,
        &mut pair,
    );
    // Tables with neither code nor name (a layout that has none): in order.
    keyed(
        |p| {
            if compact(&p.code).is_empty() && name_key(&p.name).is_empty() {
                "无名".to_owned()
            } else {
                String::new()
            }
        },
        Matched::Name,
        &mut last_used,
        &mut pair,
    );
    let mut out: Vec<(Matched, Option<usize>, Option<usize>)> = pair
        .into_iter()
        .enumerate()
        .map(|(j, m)| match m {
            Some((how, i)) => (how, Some(i), Some(j)),
            None => (Matched::Added, None, Some(j)),
        })
        .collect();
    out.extend(
        last_used
            .iter()
            .enumerate()
            .filter(|(_, used)| !**used)
            .map(|(i, _)| (Matched::Removed, Some(i), None)),
    );
    out
}

/// Compares last year's document with this year's.
pub fn compare(last: &Document, this: &Document) -> YearDiff {
    let mut notes = Vec::new();
    let (ls, ts) = (side(last), side(this));
    let differ = |a: &str, b: &str| !a.is_empty() && !b.is_empty() && a != b;
    if differ(&ls.unit_code, &ts.unit_code) || differ(&ls.unit_name, &ts.unit_name) {
        notes.push(format!(
            "两份文件的单位不同：上年为“{} {}”，本年为“{} {}”",
            ls.unit_code, ls.unit_name, ts.unit_code, ts.unit_name
        ));
    }
    if let (Ok(a), Ok(b)) = (ls.year.parse::<u32>(), ts.year.parse::<u32>()) {
        if a >= b {
            notes.push(format!("上年文件的年度（{a}）不早于本年文件（{b}）"));
        }
    }
    let units = (
        MoneyUnit::parse(&last.money_unit).unwrap_or(MoneyUnit::Wan),
        MoneyUnit::parse(&this.money_unit).unwrap_or(MoneyUnit::Wan),
    );
    let actuals = table_actuals(this);
    let projects = match_projects(last, this)
        .into_iter()
        .filter_map(|(how, l, t)| {
            let lp = l.and_then(|i| last.projects.get(i));
            let tp = t.and_then(|j| this.projects.get(j));
            Some(match (lp, tp) {
                (Some(a), Some(b)) => pair_diff(how, (l?, a), (t?, b), units, &actuals),
                (None, Some(b)) => lone(how, t?, b, units.1),
                (Some(a), None) => lone(how, l?, a, units.0),
                (None, None) => return None,
            })
        })
        .collect();
    YearDiff {
        last: ls,
        this: ts,
        notes,
        projects,
    }
}

fn money_text(p: &Project, unit: MoneyUnit) -> String {
    let total = if p.budget.total.trim().is_empty() {
        &p.mid_budget.total
    } else {
        &p.budget.total
    };
    match parse_money_cell(total, unit) {
        Ok(m) => format!("预算 {}", crate::format::wan(m.yuan)),
        Err(_) => "预算数未能读出".to_owned(),
    }
}

fn lone(how: Matched, index: usize, p: &Project, unit: MoneyUnit) -> ProjectDiff {
    let label = p.label(index);
    let code = compact(&p.code);
    let coded = if code.is_empty() {
        String::new()
    } else {
        format!("（{code}）")
    };
    let flag = if how == Matched::Removed {
        Flag {
            kind: FlagKind::Vanished,
            message: format!(
                "上年项目“{label}”{coded}本年没有（上年{}），请说明是否已完成或并入其他项目",
                money_text(p, unit)
            ),
        }
    } else {
        Flag {
            kind: FlagKind::Appeared,
            message: format!(
                "本年新增项目“{label}”{coded}（{}），上年没有对应项目",
                money_text(p, unit)
            ),
        }
    };
    ProjectDiff {
        matched: how,
        last: (how == Matched::Removed).then_some(index),
        this: (how == Matched::Added).then_some(index),
        label,
        code,
        changes: Vec::new(),
        flags: vec![flag],
    }
}

/// Both years of one project.
struct Pair<'a> {
    last: (usize, &'a Project),
    this: (usize, &'a Project),
    units: (MoneyUnit, MoneyUnit),
    out: Vec<Change>,
}

impl Pair<'_> {
    fn push(
        &mut self,
        kind: ChangeKind,
        what: String,
        before: &str,
        after: &str,
        fields: (Option<ProjectField>, Option<ProjectField>),
    ) {
        self.out.push(Change {
            kind,
            what,
            before: before.trim().to_owned(),
            after: after.trim().to_owned(),
            delta: None,
            last_field: fields.0.map(|f| FieldPath::Project(self.last.0, f)),
            this_field: fields.1.map(|f| FieldPath::Project(self.this.0, f)),
        });
    }

    fn text(&mut self, field: ProjectText) {
        let (a, b) = (field.of(self.last.1), field.of(self.this.1));
        if comparable(a) != comparable(b) {
            let f = Some(ProjectField::Text(field));
            let (a, b) = (a.clone(), b.clone());
            self.push(
                ChangeKind::Changed,
                field.label().to_owned(),
                &a,
                &b,
                (f, f),
            );
        }
    }

    fn money(&mut self, field: ProjectText) {
        let before = field.of(self.last.1).clone();
        let after = field.of(self.this.1).clone();
        let (delta_text, differs) = match (
            parse_money_cell(&before, self.units.0),
            parse_money_cell(&after, self.units.1),
        ) {
            (Ok(x), Ok(y)) => (Some(delta(x.yuan, y.yuan)), x.yuan != y.yuan),
            _ => (None, comparable(&before) != comparable(&after)),
        };
        if differs {
            let path = Some(ProjectField::Text(field));
            let what = field.label().to_owned();
            self.push(ChangeKind::Changed, what, &before, &after, (path, path));
            if let Some(c) = self.out.last_mut() {
                c.delta = delta_text;
            }
        }
    }
}

/// `增加 3 万元，+33.3%`.
fn delta(before: Decimal, after: Decimal) -> String {
    let diff = after.checked_sub(before).unwrap_or_default();
    let word = if diff.is_sign_negative() {
        "减少"
    } else {
        "增加"
    };
    let mut out = format!("{word} {}", crate::format::wan(diff.abs()));
    if !before.is_zero() {
        if let Some(p) = diff
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|d| d.checked_div(before))
        {
            let sign = if p.is_sign_negative() { "" } else { "+" };
            let _ = write!(out, "，{sign}{}%", p.round_dp(1).normalize());
        }
    }
    out
}

/// A row of a list, keyed for matching across years.
struct Keyed {
    key: String,
    name: String,
    row: usize,
    cells: Vec<(&'static str, Column, String)>,
}

fn keyed_rows(p: &Project, list: ProjectList, key_col: Column, cols: &[Column]) -> Vec<Keyed> {
    (0..list.len(p))
        .filter_map(|row| {
            let cell = |c: Column| {
                p.field_text(ProjectField::Cell(list, row, c))
                    .unwrap_or_default()
                    .to_owned()
            };
            let name = cell(key_col);
            let cells: Vec<(&'static str, Column, String)> = cols
                .iter()
                .map(|c| (list.column_label(*c), *c, cell(*c)))
                .collect();
            if compact(&name).is_empty() && cells.iter().all(|(_, _, t)| t.trim().is_empty()) {
                return None;
            }
            Some(Keyed {
                key: comparable(&name),
                name: crate::text::without_spaces(&name),
                row,
                cells,
            })
        })
        .collect()
}

impl Pair<'_> {
    /// Rows matched by their key column, in order within a key; each other column compared.
    fn rows(&mut self, list: ProjectList, key_col: Column, cols: &[Column], noun: &str) {
        let old_rows = keyed_rows(self.last.1, list, key_col, cols);
        let new_rows = keyed_rows(self.this.1, list, key_col, cols);
        let mut by: HashMap<&str, VecDeque<usize>> = HashMap::new();
        for (i, r) in old_rows.iter().enumerate() {
            by.entry(r.key.as_str()).or_default().push_back(i);
        }
        let mut used = vec![false; old_rows.len()];
        let cell = |row: usize, c: Column| Some(ProjectField::Cell(list, row, c));
        for r in &new_rows {
            let matched = by.get_mut(r.key.as_str()).and_then(VecDeque::pop_front);
            if let Some((i, old)) = matched.and_then(|i| Some((i, old_rows.get(i)?))) {
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
                for ((label, col, after), (_, _, before)) in r.cells.iter().zip(&old.cells) {
                    if comparable(before) != comparable(after) {
                        let what = format!("{noun}“{}”的{label}", r.name);
                        self.push(
                            ChangeKind::Changed,
                            what,
                            before,
                            after,
                            (cell(old.row, *col), cell(r.row, *col)),
                        );
                    }
                }
            } else {
                let what = format!("{noun}“{}”", r.name);
                let added = joined(r);
                self.push(
                    ChangeKind::Added,
                    what,
                    "",
                    &added,
                    (None, cell(r.row, key_col)),
                );
            }
        }
        for (old, _) in old_rows.iter().zip(&used).filter(|(_, u)| !**u) {
            let what = format!("{noun}“{}”", old.name);
            self.push(
                ChangeKind::Removed,
                what,
                &joined(old),
                "",
                (cell(old.row, key_col), None),
            );
        }
    }

    /// Lines (goals) compared as a multiset; a line removed and one added at the same place read
    /// as that line changed.
    fn lines(&mut self, list: ProjectList, noun: &str) {
        let line = |p: &Project, row: usize| {
            p.field_text(ProjectField::Cell(list, row, Column::Line))
                .unwrap_or_default()
                .to_owned()
        };
        let key = |s: &str| comparable(crate::goal::strip_numbering(s));
        let (a, b) = (self.last.1, self.this.1);
        let mut count: HashMap<String, usize> = HashMap::new();
        for row in 0..list.len(a) {
            let k = key(&line(a, row));
            if !k.is_empty() {
                *count.entry(k).or_default() += 1;
            }
        }
        let mut added = Vec::new();
        for row in 0..list.len(b) {
            let k = key(&line(b, row));
            if k.is_empty() {
                continue;
            }
            match count.get_mut(&k) {
                Some(n) if *n > 0 => *n -= 1,
                _ => added.push(row),
            }
        }
        let mut removed = Vec::new();
        for row in 0..list.len(a) {
            let k = key(&line(a, row));
            if let Some(n) = count.get_mut(&k) {
                if *n > 0 {
                    *n -= 1;
                    removed.push(row);
                }
            }
        }
        let field = |row: usize| Some(ProjectField::Cell(list, row, Column::Line));
        let removed_at: HashMap<usize, usize> = removed.iter().map(|r| (*r, *r)).collect();
        let mut paired = std::collections::HashSet::new();
        for &row in &added {
            if removed_at.contains_key(&row) {
                paired.insert(row);
                let what = format!("{noun}第 {} 条", row + 1);
                let (x, y) = (line(a, row), line(b, row));
                self.push(ChangeKind::Changed, what, &x, &y, (field(row), field(row)));
            } else {
                let what = format!("{noun}第 {} 条", row + 1);
                let y = line(b, row);
                self.push(ChangeKind::Added, what, "", &y, (None, field(row)));
            }
        }
        for &row in removed.iter().filter(|r| !paired.contains(*r)) {
            let what = format!("上年{noun}第 {} 条", row + 1);
            let x = line(a, row);
            self.push(ChangeKind::Removed, what, &x, "", (field(row), None));
        }
    }
}

fn joined(r: &Keyed) -> String {
    let parts: Vec<String> = r
        .cells
        .iter()
        .filter(|(_, _, t)| !t.trim().is_empty())
        .map(|(label, _, t)| format!("{label} {}", t.trim()))
        .collect();
    parts.join("；")
}

const INDICATOR_COLUMNS: &[Column] = &[
    Column::Level2,
    Column::Description,
    Column::Comparator,
    Column::Value,
    Column::Unit,
    Column::Weight,
    Column::Direction,
    Column::Basis,
];

fn pair_diff(
    how: Matched,
    last: (usize, &Project),
    this: (usize, &Project),
    units: (MoneyUnit, MoneyUnit),
    actuals: &HashMap<String, Quantity>,
) -> ProjectDiff {
    let mut pair = Pair {
        last,
        this,
        units,
        out: Vec::new(),
    };
    for t in [
        ProjectText::Code,
        ProjectText::Name,
        ProjectText::Department,
        ProjectText::Implementer,
        ProjectText::Attribute,
        ProjectText::Period,
        ProjectText::Summary,
    ] {
        pair.text(t);
    }
    for t in [
        ProjectText::Total,
        ProjectText::Fiscal,
        ProjectText::Other,
        ProjectText::MidTotal,
        ProjectText::MidFiscal,
        ProjectText::MidOther,
    ] {
        pair.money(t);
    }
    pair.rows(
        ProjectList::Sources,
        Column::Label,
        &[Column::Amount, Column::Within],
        "资金来源",
    );
    pair.rows(
        ProjectList::MidSources,
        Column::Label,
        &[Column::Amount, Column::Within],
        "中期资金来源",
    );
    pair.text(ProjectText::Purpose);
    pair.rows(
        ProjectList::Schedule,
        Column::Label,
        &[Column::Percent],
        "支出计划",
    );
    pair.lines(ProjectList::MidGoals, "中期目标");
    pair.lines(ProjectList::Goals, "绩效目标");
    pair.rows(
        ProjectList::Indicators,
        Column::Level3,
        INDICATOR_COLUMNS,
        "指标",
    );
    pair.rows(
        ProjectList::MidIndicators,
        Column::Level3,
        INDICATOR_COLUMNS,
        "中期指标",
    );
    pair.rows(
        ProjectList::Costs,
        Column::Item,
        &[Column::Amount, Column::Basis],
        "成本项目",
    );
    pair.rows(
        ProjectList::Tasks,
        Column::Name,
        &[Column::Amount, Column::Plan],
        "年度任务",
    );
    pair.rows(
        ProjectList::Spending,
        Column::Label,
        &[Column::Amount, Column::Share],
        "支出构成",
    );
    let changes = pair.out;
    let mut flags = Vec::new();
    more_money_same_targets(last.1, this.1, units, &mut flags);
    below_actual(this.1, last.1, actuals, &mut flags);
    copied(last.1, this.1, &mut flags);
    ProjectDiff {
        matched: how,
        last: Some(last.0),
        this: Some(this.0),
        label: this.1.label(this.0),
        code: compact(&this.1.code),
        changes,
        flags,
    }
}

/// An indicator row's name as matched across years.
fn indicator_key(i: &Indicator) -> String {
    comparable(&i.level3)
}

/// Indicators of both years matched by name (first come, first matched).
fn matched_indicators<'a>(
    last: &'a Project,
    this: &'a Project,
) -> Vec<(&'a Indicator, &'a Indicator)> {
    let mut by: HashMap<String, VecDeque<&Indicator>> = HashMap::new();
    for i in &last.indicators {
        by.entry(indicator_key(i)).or_default().push_back(i);
    }
    this.indicators
        .iter()
        .filter_map(|t| Some((by.get_mut(&indicator_key(t))?.pop_front()?, t)))
        .collect()
}

/// Whether smaller is better for an indicator: 指标方向 反向, or a target written `≤` / `<`.
fn smaller_is_better(i: &Indicator, q: &Quantity) -> bool {
    compact(&i.direction).contains("反向")
        || matches!(q.comparator, Comparator::Le | Comparator::Lt)
}

/// A target that can be compared across years: a count or a rate, not money, a unit cost or time.
fn target(i: &Indicator) -> Option<Quantity> {
    let level2 = compact(&i.level2);
    if level2.contains("成本") || level2.contains("时效") {
        return None;
    }
    match read_indicator(i) {
        IndicatorValue::Quantitative(q)
            if matches!(q.unit, Unit::Count(_) | Unit::Percent | Unit::None) =>
        {
            Some(q)
        }
        _ => None,
    }
}

fn same_unit(a: &Unit, b: &Unit) -> bool {
    match (a, b) {
        (Unit::Count(x), Unit::Count(y)) => Unit::same_count(x, y),
        _ => a == b,
    }
}

fn shown(i: &Indicator) -> String {
    compact(&format!("{}{}{}", i.comparator, i.value, i.unit))
}

fn more_money_same_targets(
    last: &Project,
    this: &Project,
    units: (MoneyUnit, MoneyUnit),
    flags: &mut Vec<Flag>,
) {
    let (Ok(a), Ok(b)) = (
        parse_money_cell(&last.budget.total, units.0),
        parse_money_cell(&this.budget.total, units.1),
    ) else {
        return;
    };
    if b.yuan <= a.yuan {
        return;
    }
    let mut comparable_targets = Vec::new();
    for (old, new) in matched_indicators(last, this) {
        let (Some(x), Some(y)) = (target(old), target(new)) else {
            continue;
        };
        if !same_unit(&x.unit, &y.unit) {
            continue;
        }
        let better = if smaller_is_better(new, &y) {
            y.number.value < x.number.value
        } else {
            y.number.value > x.number.value
        };
        if better {
            return;
        }
        comparable_targets.push(format!(
            "“{}” {} → {}",
            compact(new.name()),
            shown(old),
            shown(new)
        ));
    }
    if comparable_targets.is_empty() {
        return;
    }
    flags.push(Flag {
        kind: FlagKind::MoreMoneySameTargets,
        message: format!(
            "预算数由 {} 增至 {}（{}），而 {} 项可比的数量、质量目标没有提高：{}",
            last.budget.total.trim(),
            this.budget.total.trim(),
            delta(a.yuan, b.yuan),
            comparable_targets.len(),
            comparable_targets.join("；")
        ),
    });
}

/// Words after which a form states last year's actual figure (`上年实际完成 95%`).
const ACTUAL_MARKERS: &[&str] = &[
    "上年实际",
    "上年度实际",
    "实际完成",
    "实际执行",
    "实际值",
    "实际达到",
];

/// The first quantity stated after an actual-marker in `text`.
fn actual_in(text: &str) -> Option<Quantity> {
    let t = compact(text);
    let at = ACTUAL_MARKERS
        .iter()
        .filter_map(|m| t.find(m).map(|i| i + m.len()))
        .min()?;
    let rest: String = t.get(at..)?.chars().take(24).collect();
    crate::quantity::scan(&rest)
        .into_iter()
        .find(|q| !matches!(q.unit, Unit::None))
}

/// Last year's actual figures that this year's other tables give, by row name: a table whose
/// heading names an actual (`上年实际完成值`, `2023年实际执行数`) column.
fn table_actuals(doc: &Document) -> HashMap<String, Quantity> {
    let mut out = HashMap::new();
    for t in &doc.tables {
        let heads = t
            .rows
            .get(..t.header_rows.min(t.rows.len()))
            .unwrap_or_default();
        let Some(col) = heads.iter().find_map(|r| {
            r.iter().position(|c| {
                let c = compact(c);
                c.contains("实际") && !c.contains("本年")
            })
        }) else {
            continue;
        };
        for row in t.rows.iter().skip(t.header_rows) {
            let Some(name) = row.iter().map(|c| comparable(c)).find(|c| !c.is_empty()) else {
                continue;
            };
            if let Some(q) = row.get(col).and_then(|c| crate::quantity::parse_whole(c)) {
                out.entry(name).or_insert(q);
            }
        }
    }
    out
}

fn below_actual(
    this: &Project,
    last: &Project,
    tables: &HashMap<String, Quantity>,
    flags: &mut Vec<Flag>,
) {
    let last_rows: HashMap<String, &Indicator> = last
        .indicators
        .iter()
        .map(|i| (indicator_key(i), i))
        .collect();
    for i in &this.indicators {
        let Some(t) = target(i) else {
            continue;
        };
        let key = indicator_key(i);
        let found = [
            (actual_in(&i.basis), "本年指标值确定依据"),
            (actual_in(&i.description), "本年指标说明"),
            (tables.get(&key).cloned(), "本年文件的表格"),
            (
                last_rows.get(&key).and_then(|l| actual_in(&l.basis)),
                "上年指标值确定依据",
            ),
        ];
        let Some((actual, source)) = found.into_iter().find_map(|(q, s)| Some((q?, s))) else {
            continue;
        };
        if !same_unit(&actual.unit, &t.unit) {
            continue;
        }
        let below = if smaller_is_better(i, &t) {
            t.number.value > actual.number.value
        } else {
            t.number.value < actual.number.value
        };
        if below {
            flags.push(Flag {
                kind: FlagKind::TargetBelowActual,
                message: format!(
                    "指标“{}”本年目标 {} {}上年实际 {}{}（见{source}）",
                    compact(i.name()),
                    shown(i),
                    if smaller_is_better(i, &t) {
                        "差于"
                    } else {
                        "低于"
                    },
                    crate::format::plain(actual.number.value),
                    actual.unit.text()
                ),
            });
        }
    }
}

fn copied(last: &Project, this: &Project, flags: &mut Vec<Flag>) {
    let whole = |i: &Indicator| {
        [
            &i.level3,
            &i.description,
            &i.comparator,
            &i.value,
            &i.unit,
            &i.basis,
        ]
        .iter()
        .map(|s| comparable(s))
        .collect::<Vec<_>>()
        .join("|")
    };
    let rows: Vec<&Indicator> = this
        .indicators
        .iter()
        .filter(|i| !comparable(i.name()).is_empty())
        .collect();
    if rows.is_empty() {
        return;
    }
    let mut before: HashMap<String, usize> = HashMap::new();
    for i in &last.indicators {
        *before.entry(whole(i)).or_default() += 1;
    }
    let all = rows.iter().all(|i| match before.get_mut(&whole(i)) {
        Some(n) if *n > 0 => {
            *n -= 1;
            true
        }
        _ => false,
    });
    if !all {
        return;
    }
    let goals_too = {
        let g = |p: &Project| {
            let mut v: Vec<String> = p
                .goals
                .iter()
                .map(|l| comparable(crate::goal::strip_numbering(l)))
                .filter(|l| !l.is_empty())
                .collect();
            v.sort();
            v
        };
        let (a, b) = (g(last), g(this));
        !a.is_empty() && a == b
    };
    flags.push(Flag {
        kind: FlagKind::CopiedIndicators,
        message: format!(
            "全部 {} 项绩效指标与上年一字不差（含指标值和依据）{}，请说明本年目标是否仍按上年确定",
            rows.len(),
            if goals_too {
                "，绩效目标也与上年相同"
            } else {
                ""
            }
        ),
    });
}

/// The comparison as text for a terminal: notes, then each project with changes or flags.
pub fn render_text(d: &YearDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "对比上年：{} {}（{} 个项目）→ {} {}（{} 个项目）",
        d.last.unit_name,
        d.last.year,
        d.last.projects,
        d.this.unit_name,
        d.this.year,
        d.this.projects
    );
    let _ = writeln!(
        out,
        "按编码对应 {} 个，按名称对应 {} 个，本年新增 {} 个，本年没有 {} 个",
        d.count(Matched::Code),
        d.count(Matched::Name),
        d.count(Matched::Added),
        d.count(Matched::Removed)
    );
    for n in &d.notes {
        let _ = writeln!(out, "注意：{n}");
    }
    let mut unchanged = 0;
    for p in &d.projects {
        if p.changes.is_empty() && p.flags.is_empty() {
            unchanged += 1;
            continue;
        }
        let code = if p.code.is_empty() {
            String::new()
        } else {
            format!("（{}）", p.code)
        };
        let _ = writeln!(out, "\n== {}{code} [{}]", p.label, p.matched.label());
        for c in &p.changes {
            let delta = c
                .delta
                .as_ref()
                .map(|d| format!("（{d}）"))
                .unwrap_or_default();
            let _ = match c.kind {
                ChangeKind::Changed => {
                    writeln!(out, "  ~ {}：{} → {}{delta}", c.what, c.before, c.after)
                }
                ChangeKind::Added => writeln!(out, "  + {}：{}", c.what, c.after),
                ChangeKind::Removed => writeln!(out, "  - {}：{}", c.what, c.before),
            };
        }
        for f in &p.flags {
            let _ = writeln!(out, "  ! {}：{}", f.kind.label(), f.message);
        }
    }
    if unchanged > 0 {
        let _ = writeln!(out, "\n另有 {unchanged} 个项目与上年相同");
    }
    let flags = d.flags().count();
    let _ = writeln!(out, "\n共 {flags} 个需要说明的问题");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(d: &YearDiff) -> Vec<String> {
        d.projects
            .iter()
            .flat_map(|p| {
                p.changes.iter().map(move |c| {
                    format!(
                        "{} {:?} {}: {} → {}",
                        p.label, c.kind, c.what, c.before, c.after
                    )
                })
            })
            .collect()
    }

    #[test]
    fn a_document_against_itself_changes_nothing() {
        let seed = crate::sample::seed();
        let d = compare(&seed, &seed);
        assert_eq!(d.count(Matched::Code), 3);
        assert!(summary(&d).is_empty(), "{:?}", summary(&d));
        // Every project's indicators are the same as "last year": a question for each.
        assert!(d.flags().all(|f| f.kind == FlagKind::CopiedIndicators));
        assert_eq!(d.flags().count(), 3);
        assert_eq!(d.notes, ["上年文件的年度（2024）不早于本年文件（2024）"]);
    }

    #[test]
    fn names_match_across_years() {
        assert_eq!(name_key("2024年 劳模基金"), "劳模基金");
        assert_eq!(name_key("劳模基金（2023年度）"), "劳模基金()");
        assert_eq!(name_key("13028124P003"), "13028124P003");
        assert_eq!(name_key("２０２４年劳模基金"), "劳模基金");
    }

    #[test]
    fn matches_by_name_when_the_code_changed() {
        let last = crate::sample::seed();
        let mut this = last.clone();
        this.year = "2025".into();
        this.projects[1].code = "13028125P003274100018".into();
        this.projects[1].name = this.projects[1].name.replace("2024", "2025");
        let d = compare(&last, &this);
        assert_eq!((d.count(Matched::Code), d.count(Matched::Name)), (2, 1));
        assert_eq!(
            summary(&d),
            [
                "冀财行【2023】98号河北省财政厅关于提前下达2025年困难职工及劳模帮扶救助专项资金的通知 Changed 项目编码: 13028124P003274100018 → 13028125P003274100018",
                "冀财行【2023】98号河北省财政厅关于提前下达2025年困难职工及劳模帮扶救助专项资金的通知 Changed 项目名称: 冀财行【2023】98 号河北省财政厅关于提前下达 2024 年困难职工及劳模帮扶救助专项资金的通知 → 冀财行【2023】98 号河北省财政厅关于提前下达 2025 年困难职工及劳模帮扶救助专项资金的通知",
            ]
        );
        assert!(d.notes.is_empty());
    }

    #[test]
    fn a_target_raised_with_the_budget_is_no_question() {
        let last = crate::sample::seed();
        let mut this = last.clone();
        this.projects[0].budget.total = "12.00".into();
        this.projects[0].indicators[0].value = "80 人".into();
        let d = compare(&last, &this);
        assert!(!d.flags().any(|f| f.kind == FlagKind::MoreMoneySameTargets));
        // A rate where smaller is better, lowered: also an improvement.
        let mut this = last.clone();
        this.projects[0].budget.total = "12.00".into();
        for i in &mut this.projects[0].indicators {
            i.value = i.value.replace("≥90", "≥80");
        }
        this.projects[0].indicators[1].value = "≤5%".into();
        let mut last2 = last.clone();
        last2.projects[0].indicators[1].value = "≤8%".into();
        let d = compare(&last2, &this);
        assert!(!d.flags().any(|f| f.kind == FlagKind::MoreMoneySameTargets));
        // Every target lower: the question, naming them.
        let mut this = last.clone();
        this.projects[0].budget.total = "12.00".into();
        this.projects[0].indicators[0].value = "60 人".into();
        let d = compare(&last, &this);
        let f = d
            .flags()
            .find(|f| f.kind == FlagKind::MoreMoneySameTargets)
            .unwrap();
        assert!(
            f.message.contains("“慰问各级劳模总数” 68人 → 60人"),
            "{}",
            f.message
        );
    }

    #[test]
    fn last_years_actual_from_a_table() {
        let last = crate::sample::seed();
        let mut this = last.clone();
        this.tables.push(crate::model::Table {
            title: "上年指标完成情况".into(),
            unit: String::new(),
            header_rows: 1,
            rows: vec![
                vec!["指标".into(), "上年实际完成值".into()],
                vec!["慰问各级劳模总数".into(), "72 人".into()],
            ],
        });
        let d = compare(&last, &this);
        let f: Vec<&Flag> = d
            .flags()
            .filter(|f| f.kind == FlagKind::TargetBelowActual)
            .collect();
        assert_eq!(f.len(), 2, "both copies of 劳模基金: {f:?}");
        assert_eq!(
            f[0].message,
            "指标“慰问各级劳模总数”本年目标 68人 低于上年实际 72人（见本年文件的表格）"
        );
    }
}
