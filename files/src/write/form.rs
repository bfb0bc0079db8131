//! The document as reviewers file it: one sheet per project in the national 申报表 layout
//! (财预〔2015〕88号 annex), with the department's overviews before them and its other tables and
//! loose paragraphs after them.
//!
//! A project sheet holds, top to bottom: the title and year; the project's facts (名称 / 编码,
//! 主管部门 / 实施单位, 项目属性 / 项目期, the unit); 项目概况; 项目资金 with 中期 and 年度 side by
//! side (`中期资金总额 … 年度资金总额` on one row, `其中：财政拨款` and `其他资金` below, then the
//! named sources, the n-th on a row belonging to the n-th total as the form prints them); the 成本构成,
//! 资金用途, 资金支出计划, 支出构成 and 年度主要任务; 总体目标 with 中期目标 and 年度目标 side by
//! side; the 年度 indicator table with every column of the model; the 中期 indicator table, its
//! headings marked `（中期）`.
//!
//! Labels come from the model's field tables ([`hedui_core::field`]) wherever the form uses the same
//! words; the few that are the layout's own are in [`label`]. Each value sits right of its label
//! (or below its heading), so the grid mapper can read the sheet back.

use super::{workbook, Sheet, Style, Value, WCell};
use hedui_core::field::{Column, DocumentText, ProjectList, ProjectText, Row};
use hedui_core::model::{Budget, Document, Indicator, Overview, Project, Section, Table};

/// Columns of a project sheet (A…K): the indicator table's lead column and one per indicator column.
const WIDTH: usize = 1 + <Indicator as Row>::COLUMNS.len();
/// Where a pair's label and value go on a row of two pairs: (label, first value, last value).
const LEFT: (usize, usize, usize) = (0, 1, 4);
const RIGHT: (usize, usize, usize) = (5, 6, WIDTH - 1);
/// The column spans of a three-column list (成本构成, 支出构成, 年度主要任务) after its lead column.
const LIST_SPANS: [(usize, usize); 3] = [(1, 3), (4, 5), (6, WIDTH - 1)];

/// The title of each project sheet.
pub const TITLE: &str = "项目支出绩效目标申报表";

/// The layout's own labels: those the model's field tables word differently (the form says
/// `年度资金总额` where the field is 预算数) or do not have.
pub mod label {
    /// Over the money rows.
    pub const FUNDS: &str = "项目资金";
    /// The 年度 total (the field's label is 预算数).
    pub const YEAR_TOTAL: &str = "年度资金总额";
    /// The fiscal source, 中期 and 年度 alike (the field's label is 财政资金).
    pub const FISCAL: &str = "其中：财政拨款";
    /// Over the schedule's checkpoints.
    pub const SCHEDULE: &str = "资金支出计划（%）";
    /// Over the goals.
    pub const GOALS: &str = "总体目标";
    /// The 年度 goals (the list's label is 绩效目标).
    pub const YEAR_GOAL: &str = "年度目标";
    /// Marks each heading of the 中期 indicator table.
    pub const MID_MARK: &str = "（中期）";
    /// The overview sheet's name and title.
    pub const OVERVIEW: &str = "部门整体绩效目标";
    /// An overview's goal.
    pub const OVERALL_GOAL: &str = "总体绩效目标";
    /// An overview's key projects, and the headings of their other columns.
    pub const KEY_PROJECTS: &str = "重点项目";
    /// The headings of a key project's description, goal and indicator.
    pub const KEY_PROJECT_PARTS: [&str; 3] = ["项目说明", "绩效目标", "绩效指标"];
    /// An overview's measures.
    pub const SAFEGUARDS: &str = "工作保障措施";
    /// The sheet of loose paragraphs.
    pub const SECTIONS: &str = "其他段落";
    /// A further table's money unit, before the unit.
    pub const TABLE_UNIT: &str = "单位：";
}

fn h(text: &str) -> WCell {
    WCell::text(text, Style::Header)
}

/// A value: a plain decimal becomes a number shown with its decimals, anything else text.
fn v(text: &str) -> WCell {
    WCell::auto(text, Style::Body)
}

/// Text kept as text (names, codes).
fn t(text: &str) -> WCell {
    WCell::text(text, Style::Body)
}

fn blank() -> WCell {
    WCell::text("", Style::Body)
}

/// A row of [`WIDTH`] cells from (column, cell) pairs; the gaps are bordered blanks, so merged
/// ranges keep their borders.
fn row(cells: Vec<(usize, WCell)>) -> Vec<WCell> {
    let mut out: Vec<WCell> = (0..WIDTH).map(|_| blank()).collect();
    for (c, cell) in cells {
        if let Some(slot) = out.get_mut(c) {
            *slot = cell;
        }
    }
    out
}

/// Pushes a row, merging each (first, last) column span given.
fn push_merged(s: &mut Sheet, cells: Vec<(usize, WCell)>, spans: &[(usize, usize)]) -> usize {
    let r = s.push(row(cells));
    for &(a, b) in spans {
        if b > a {
            s.merges.push((r, a, r, b));
        }
    }
    r
}

/// Merges the lead column from `first` down to the last row, when that is more than one row.
fn merge_lead(s: &mut Sheet, first: usize) {
    let last = s.rows.len().saturating_sub(1);
    if last > first {
        s.merges.push((first, 0, last, 0));
    }
}

/// A label and its value spanning to the end of the row: `label | value (B…K)`.
fn labelled(s: &mut Sheet, label: &str, value: WCell) -> usize {
    push_merged(s, vec![(0, h(label)), (1, value)], &[(1, WIDTH - 1)])
}

/// Two label–value pairs on one row: `label | value (B…E) | label | value (G…K)`.
fn two_pairs(s: &mut Sheet, left: (&str, WCell), right: (&str, WCell)) -> usize {
    push_merged(
        s,
        vec![
            (LEFT.0, h(left.0)),
            (LEFT.1, left.1),
            (RIGHT.0, h(right.0)),
            (RIGHT.1, right.1),
        ],
        &[(LEFT.1, LEFT.2), (RIGHT.1, RIGHT.2)],
    )
}

/// The money unit the form states (`万元` when the document names none).
fn money_unit(doc: &Document) -> &str {
    let unit = doc.money_unit.trim();
    if unit.is_empty() {
        "万元"
    } else {
        unit
    }
}

/// The sheet of one project.
pub fn project_sheet(doc: &Document, index: usize) -> Option<Sheet> {
    let p = doc.projects.get(index)?;
    let mut s = Sheet::new(&p.label(index));
    s.widths = vec![14, 14, 12, 22, 10, 12, 10, 10, 10, 24, 24];
    let r = s.push(row(vec![(0, WCell::text(TITLE, Style::Title))]));
    s.merges.push((r, 0, r, WIDTH - 1));
    let year = if doc.year.trim().is_empty() {
        "（    年度）".to_owned()
    } else {
        format!("（{}年度）", doc.year.trim())
    };
    let unit = format!("{}{}", label::TABLE_UNIT, money_unit(doc));
    push_merged(
        &mut s,
        vec![
            (0, WCell::text(&year, Style::Plain)),
            (RIGHT.1, WCell::text(&unit, Style::Plain)),
        ],
        &[(0, RIGHT.0), (RIGHT.1, RIGHT.2)],
    );
    facts_rows(&mut s, doc, p);
    labelled(&mut s, ProjectText::Summary.label(), t(&p.summary));
    funds_rows(&mut s, p, money_unit(doc));
    list_rows(&mut s, ProjectList::Costs, &p.costs);
    labelled(&mut s, ProjectText::Purpose.label(), t(&p.purpose));
    schedule_rows(&mut s, p);
    list_rows(&mut s, ProjectList::Spending, &p.spending);
    list_rows(&mut s, ProjectList::Tasks, &p.tasks);
    goal_rows(&mut s, p);
    indicator_rows(
        &mut s,
        ProjectList::Indicators.label(),
        "",
        &p.indicators,
        true,
    );
    indicator_rows(
        &mut s,
        ProjectList::MidIndicators.label(),
        label::MID_MARK,
        &p.mid_indicators,
        false,
    );
    Some(s)
}

fn facts_rows(s: &mut Sheet, doc: &Document, p: &Project) {
    let text = |f: ProjectText| (f.label(), t(f.of(p)));
    two_pairs(s, text(ProjectText::Name), text(ProjectText::Code));
    two_pairs(
        s,
        text(ProjectText::Department),
        text(ProjectText::Implementer),
    );
    two_pairs(s, text(ProjectText::Attribute), text(ProjectText::Period));
    // The department, where the document names it (the 申报表 itself has no such row).
    if !doc.unit_name.trim().is_empty() || !doc.unit_code.trim().is_empty() {
        let unit = |d: DocumentText| (d.label(), t(d.of(doc)));
        two_pairs(
            s,
            unit(DocumentText::UnitName),
            unit(DocumentText::UnitCode),
        );
    }
}

/// `项目资金 | 中期资金总额 | … | 年度资金总额 | …`, the two sources below, then the named sources
/// in pairs (中期 left, 年度 right).
fn funds_rows(s: &mut Sheet, p: &Project, money: &str) {
    let first = s.rows.len();
    let (mid, year) = (&p.mid_budget, &p.budget);
    let lines: [(&str, &str, &str, &str); 3] = [
        (
            ProjectText::MidTotal.label(),
            &mid.total,
            label::YEAR_TOTAL,
            &year.total,
        ),
        (label::FISCAL, &mid.fiscal, label::FISCAL, &year.fiscal),
        (
            ProjectText::Other.label(),
            &mid.other,
            ProjectText::Other.label(),
            &year.other,
        ),
    ];
    let lead = format!("{}（{money}）", label::FUNDS);
    for (i, (ml, mv, yl, yv)) in lines.into_iter().enumerate() {
        let lead = if i == 0 { h(&lead) } else { h("") };
        money_row(s, lead, Some((ml, mv)), Some((yl, yv)));
    }
    for i in 0..mid.sources.len().max(year.sources.len()) {
        money_row(s, h(""), named(mid, i), named(year, i));
    }
    merge_lead(s, first);
}

/// One row of money: the lead cell, then a label and its amount for 中期 (B, C…E) and 年度 (F, G…K).
fn named(b: &Budget, i: usize) -> Option<(&str, &str)> {
    b.sources
        .get(i)
        .map(|x| (x.label.as_str(), x.amount.as_str()))
}

fn money_row(s: &mut Sheet, lead: WCell, mid: Option<(&str, &str)>, year: Option<(&str, &str)>) {
    let mut cells = vec![(0, lead)];
    for ((l, a), (at_label, at_value)) in [(mid, (1, 2)), (year, (5, 6))]
        .into_iter()
        .filter_map(|(side, at)| side.map(|x| (x, at)))
    {
        cells.push((at_label, h(l)));
        cells.push((at_value, v(a)));
    }
    push_merged(s, cells, &[(2, 4), (6, WIDTH - 1)]);
}

/// A list of three-column rows (成本构成, 支出构成, 年度主要任务) under its headings from the model's
/// table, the list's name in the lead column; nothing when the list is empty.
fn list_rows<R: Row>(s: &mut Sheet, list: ProjectList, rows: &[R]) {
    if rows.is_empty() {
        return;
    }
    let columns = list.columns();
    let first = s.rows.len();
    let spans: Vec<(usize, usize)> = LIST_SPANS.to_vec();
    let mut head = vec![(0, h(list.label()))];
    head.extend(
        columns
            .iter()
            .zip(&LIST_SPANS)
            .map(|((_, heading), (a, _))| (*a, h(heading))),
    );
    push_merged(s, head, &spans);
    for r in rows {
        let mut cells = vec![(0, h(""))];
        cells.extend(
            columns
                .iter()
                .zip(&LIST_SPANS)
                .map(|((column, _), (a, _))| {
                    let text = r.cell(*column).map_or("", String::as_str);
                    let cell = if *column == Column::Amount {
                        v(text)
                    } else {
                        t(text)
                    };
                    (*a, cell)
                }),
        );
        push_merged(s, cells, &spans);
    }
    merge_lead(s, first);
}

/// The 资金支出计划 checkpoints, labels above percentages; nothing when there are none (the national
/// 申报表 has no schedule: the Hebei 绩效文本 does).
fn schedule_rows(s: &mut Sheet, p: &Project) {
    if p.schedule.is_empty() {
        return;
    }
    let first = s.rows.len();
    for (k, chunk) in p.schedule.chunks(WIDTH - 1).enumerate() {
        let lead = if k == 0 { h(label::SCHEDULE) } else { h("") };
        let mut labels = vec![(0, lead)];
        let mut percents = vec![(0, h(""))];
        for (i, c) in chunk.iter().enumerate() {
            labels.push((i + 1, h(&c.label)));
            percents.push((i + 1, v(&c.percent)));
        }
        s.push(row(labels));
        s.push(row(percents));
    }
    merge_lead(s, first);
}

/// `总体目标 | 中期目标 | 年度目标`, the goal lines below each, one cell each.
fn goal_rows(s: &mut Sheet, p: &Project) {
    let halves = [(LEFT.1, LEFT.2), (RIGHT.0, RIGHT.2)];
    let r = push_merged(
        s,
        vec![
            (0, h(label::GOALS)),
            (LEFT.1, h(ProjectList::MidGoals.label())),
            (RIGHT.0, h(label::YEAR_GOAL)),
        ],
        &halves,
    );
    push_merged(
        s,
        vec![
            (0, h("")),
            (LEFT.1, t(&p.mid_goals.join("\n"))),
            (RIGHT.0, t(&p.goals.join("\n"))),
        ],
        &halves,
    );
    merge_lead(s, r);
}

/// An indicator table: the lead cell, then the model's indicator columns (each heading followed by
/// `mark`), one row per indicator. The 年度 table is written even when empty (the form has it);
/// the 中期 one only when it has rows.
fn indicator_rows(s: &mut Sheet, lead: &str, mark: &str, rows: &[Indicator], always: bool) {
    if rows.is_empty() && !always {
        return;
    }
    let columns = <Indicator as Row>::COLUMNS;
    let mut head = vec![(0, h(lead))];
    head.extend(
        columns
            .iter()
            .enumerate()
            .map(|(i, (_, heading))| (i + 1, h(&format!("{heading}{mark}")))),
    );
    let head = s.push(row(head));
    for ind in rows {
        let mut cells = vec![(0, h(""))];
        cells.extend(columns.iter().enumerate().map(|(i, (column, _))| {
            let text = ind.cell(*column).map_or("", String::as_str);
            let text = match column {
                Column::Level1 | Column::Level2 => text.trim(),
                _ => text,
            };
            (i + 1, t(text))
        }));
        s.push(row(cells));
    }
    merge_lead(s, head);
    merge_levels(s, head + 1);
}

/// 一级 and 二级 merge down over the rows that leave them empty ("same as above"), as printed
/// forms show them; a new 一级 also ends a 二级 run.
fn merge_levels(s: &mut Sheet, first: usize) {
    let last = s.rows.len().saturating_sub(1);
    let filled = |s: &Sheet, r: usize, c: usize| {
        s.rows
            .get(r)
            .and_then(|row| row.get(c))
            .is_some_and(|cell| cell.value != Value::Empty)
    };
    for col in [1, 2] {
        let mut r = first;
        while r <= last {
            if !filled(s, r, col) {
                r += 1;
                continue;
            }
            let mut end = r;
            while end < last && !filled(s, end + 1, col) && !(col == 2 && filled(s, end + 1, 1)) {
                end += 1;
            }
            if end > r {
                s.merges.push((r, col, end, col));
            }
            r = end + 1;
        }
    }
}

/// The sheet of the department's overviews (部门整体绩效目标), if any: per overview its title,
/// 总体绩效目标, the 重点项目 table and the 工作保障措施, one measure a row.
pub fn overview_sheet(overviews: &[Overview]) -> Option<Sheet> {
    if overviews.is_empty() {
        return None;
    }
    let mut s = Sheet::new(label::OVERVIEW);
    s.widths = vec![16, 24, 40, 40];
    for (i, ov) in overviews.iter().enumerate() {
        let title = if overviews.len() > 1 {
            format!("{}（第 {} 版）", label::OVERVIEW, i + 1)
        } else {
            label::OVERVIEW.to_owned()
        };
        let r = s.push(vec![WCell::text(&title, Style::Title)]);
        s.merges.push((r, 0, r, 3));
        let r = s.push(vec![
            h(label::OVERALL_GOAL),
            t(&ov.overall_goal),
            blank(),
            blank(),
        ]);
        s.merges.push((r, 1, r, 3));
        if !ov.key_projects.is_empty() {
            let mut head = vec![h(label::KEY_PROJECTS)];
            head.extend(label::KEY_PROJECT_PARTS.iter().map(|l| h(l)));
            s.push(head);
            for k in &ov.key_projects {
                s.push(vec![
                    t(&k.name),
                    t(&k.description),
                    t(&k.goal),
                    t(&k.indicator),
                ]);
            }
        }
        let first = s.rows.len();
        for (j, m) in ov.safeguards.iter().enumerate() {
            let lead = if j == 0 { label::SAFEGUARDS } else { "" };
            let r = s.push(vec![h(lead), t(m), blank(), blank()]);
            s.merges.push((r, 1, r, 3));
        }
        let last = s.rows.len().saturating_sub(1);
        if !ov.safeguards.is_empty() && last > first {
            s.merges.push((first, 0, last, 0));
        }
    }
    Some(s)
}

/// The sheet of the paragraphs outside the tables, if any: each section's title, its paragraphs
/// below it one a row.
pub fn sections_sheet(sections: &[Section]) -> Option<Sheet> {
    if sections.is_empty() {
        return None;
    }
    let mut s = Sheet::new(label::SECTIONS);
    s.widths = vec![24, 80];
    for sec in sections {
        s.push(vec![h(&sec.title)]);
        for p in &sec.paragraphs {
            s.push(vec![WCell::text("", Style::Plain), t(p)]);
        }
    }
    Some(s)
}

/// The sheet of a further table (an allocation table, a 收支 table): its title, its unit, its rows
/// (the heading rows styled as headings).
pub fn table_sheet(table: &Table, index: usize) -> Sheet {
    let title = table.title.trim();
    let name = if title.is_empty() {
        format!("表 {}", index + 1)
    } else {
        title.to_owned()
    };
    let mut s = Sheet::new(&name);
    let width = table.rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    s.widths = vec![16; width];
    if !title.is_empty() {
        let r = s.push(vec![WCell::text(&table.title, Style::Title)]);
        s.merges.push((r, 0, r, width - 1));
    }
    if !table.unit.trim().is_empty() {
        s.push(vec![WCell::text(
            &format!("{}{}", label::TABLE_UNIT, table.unit.trim()),
            Style::Plain,
        )]);
    }
    for (r, cells) in table.rows.iter().enumerate() {
        let style = if r < table.header_rows {
            Style::Header
        } else {
            Style::Body
        };
        s.push(cells.iter().map(|c| WCell::auto(c, style)).collect());
    }
    s
}

/// The project sheets alone, one per project.
pub fn project_sheets(doc: &Document) -> Vec<Sheet> {
    (0..doc.projects.len())
        .filter_map(|i| project_sheet(doc, i))
        .collect()
}

/// Every sheet of the form workbook, the whole document: the overviews, one sheet per project,
/// one per further table, the loose paragraphs. The document's own title, when it has one, is the
/// first row of the first sheet.
pub fn sheets(doc: &Document) -> Vec<Sheet> {
    let mut out = Vec::new();
    out.extend(overview_sheet(&doc.overviews));
    out.extend(project_sheets(doc));
    out.extend(
        doc.tables
            .iter()
            .enumerate()
            .map(|(i, table)| table_sheet(table, i)),
    );
    out.extend(sections_sheet(&doc.sections));
    let title = doc.title.trim();
    if let Some(first) = out.first_mut().filter(|_| !title.is_empty()) {
        let width = first.rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
        first.rows.insert(0, vec![WCell::text(title, Style::Title)]);
        for m in &mut first.merges {
            m.0 += 1;
            m.2 += 1;
        }
        first.merges.push((0, 0, 0, width - 1));
    }
    out
}

/// The document as an `.xlsx` in the 申报表 layout.
pub fn form_xlsx(doc: &Document) -> Vec<u8> {
    workbook(&sheets(doc))
}
