//! The document as reviewers file it: one sheet per project in the national 申报表 layout
//! (财预〔2015〕88号 annex: 项目资金 with 中期 and 年度 side by side, 总体目标 with 中期目标 and
//! 年度目标, then the indicator table). Sheets for the department's overview and loose paragraphs
//! exist ([`all_sheets`]) but are not exported yet (see [`sheets`]).
//!
//! Written against format version 1 of the model: its money and goals are the 年度 ones, so the
//! 中期 cells stay empty. Every label here is one the importer's lexicon reads, and each value
//! sits to the right of (or below) its label, so the mapper reads the sheet back to the same
//! document.

use super::{workbook, Sheet, Style, WCell};
use hedui_core::model::{Document, Overview, Project, Section};

/// Columns of the layout (A…H).
const WIDTH: usize = 8;

/// The title of each project sheet.
pub const TITLE: &str = "项目支出绩效目标申报表";

/// Labels of the layout, in one place (the reader's lexicon must know each).
pub mod label {
    pub const NAME: &str = "项目名称";
    pub const CODE: &str = "项目编码";
    pub const UNIT_NAME: &str = "单位名称";
    pub const UNIT_CODE: &str = "单位编码";
    pub const FUNDS: &str = "项目资金";
    pub const MID_TOTAL: &str = "中期资金总额";
    pub const YEAR_TOTAL: &str = "年度资金总额";
    pub const FISCAL: &str = "其中：财政拨款";
    pub const OTHER: &str = "其他资金";
    pub const PURPOSE: &str = "资金用途";
    pub const SCHEDULE: &str = "资金支出计划（%）";
    pub const GOALS: &str = "总体目标";
    pub const MID_GOAL: &str = "中期目标";
    pub const YEAR_GOAL: &str = "年度目标";
    pub const INDICATORS: &str = "绩效指标";
    pub const LEVEL1: &str = "一级指标";
    pub const LEVEL2: &str = "二级指标";
    pub const LEVEL3: &str = "三级指标";
    pub const VALUE: &str = "指标值";
    pub const UNIT: &str = "计量单位";
    pub const DESCRIPTION: &str = "指标说明";
    pub const BASIS: &str = "指标值确定依据";
}

fn h(text: &str) -> WCell {
    WCell::text(text, Style::Header)
}

fn v(text: &str) -> WCell {
    WCell::auto(text, Style::Body)
}

fn blank() -> WCell {
    WCell::text("", Style::Body)
}

/// A row of `WIDTH` cells from (first column, cell) pairs; the gaps are bordered blanks, so
/// merged ranges keep their borders.
fn row(cells: Vec<(usize, WCell)>) -> Vec<WCell> {
    let mut out: Vec<WCell> = (0..WIDTH).map(|_| blank()).collect();
    for (c, cell) in cells {
        if let Some(slot) = out.get_mut(c) {
            *slot = cell;
        }
    }
    out
}

/// A label and its value spanning to the end of the row: `label | value (B…H)`.
fn labelled(sheet: &mut Sheet, label: &str, value: &str) -> usize {
    let r = sheet.push(row(vec![(0, h(label)), (1, v(value))]));
    sheet.merges.push((r, 1, r, WIDTH - 1));
    r
}

/// The sheet of one project.
pub fn project_sheet(doc: &Document, index: usize) -> Option<Sheet> {
    let p = doc.projects.get(index)?;
    let mut s = Sheet::new(&p.label(index));
    s.widths = vec![14, 12, 12, 22, 14, 12, 22, 18];
    let money = if doc.money_unit.trim().is_empty() {
        "万元"
    } else {
        doc.money_unit.trim()
    };

    let r = s.push(row(vec![(0, WCell::text(TITLE, Style::Title))]));
    s.merges.push((r, 0, r, WIDTH - 1));
    let year = if doc.year.trim().is_empty() {
        "（    年度）".to_owned()
    } else {
        format!("（{}年度）", doc.year.trim())
    };
    let r = s.push(row(vec![(0, WCell::text(&year, Style::Plain))]));
    s.merges.push((r, 0, r, WIDTH - 1));

    header_rows(&mut s, doc, p);
    funds_rows(&mut s, p, money);
    labelled(&mut s, label::PURPOSE, &p.purpose);
    schedule_rows(&mut s, p);
    goal_rows(&mut s, p);
    indicator_rows(&mut s, p);
    Some(s)
}

fn header_rows(s: &mut Sheet, doc: &Document, p: &Project) {
    let r = s.push(row(vec![
        (0, h(label::NAME)),
        (1, WCell::text(&p.name, Style::Body)),
        (4, h(label::CODE)),
        (5, WCell::text(&p.code, Style::Body)),
    ]));
    s.merges.push((r, 1, r, 3));
    s.merges.push((r, 5, r, WIDTH - 1));
    let r = s.push(row(vec![
        (0, h(label::UNIT_NAME)),
        (1, WCell::text(&doc.unit_name, Style::Body)),
        (4, h(label::UNIT_CODE)),
        (5, WCell::text(&doc.unit_code, Style::Body)),
    ]));
    s.merges.push((r, 1, r, 3));
    s.merges.push((r, 5, r, WIDTH - 1));
}

fn funds_rows(s: &mut Sheet, p: &Project, money: &str) {
    let first = s.rows.len();
    let lines = [
        (label::MID_TOTAL, label::YEAR_TOTAL, &p.budget.total),
        (label::FISCAL, label::FISCAL, &p.budget.fiscal),
        (label::OTHER, label::OTHER, &p.budget.other),
    ];
    for (i, (mid, year, value)) in lines.into_iter().enumerate() {
        let funds = if i == 0 {
            h(&format!("{}（{money}）", label::FUNDS))
        } else {
            h("")
        };
        let r = s.push(row(vec![
            (0, funds),
            (1, h(mid)),
            (4, h(year)),
            (6, v(value)),
        ]));
        s.merges.push((r, 1, r, 2));
        s.merges.push((r, 4, r, 5));
        s.merges.push((r, 6, r, WIDTH - 1));
    }
    s.merges.push((first, 0, first + 2, 0));
}

fn schedule_rows(s: &mut Sheet, p: &Project) {
    if p.schedule.is_empty() {
        labelled(s, label::SCHEDULE, "");
        return;
    }
    let first = s.rows.len();
    for (k, chunk) in p.schedule.chunks(WIDTH - 1).enumerate() {
        let lead = if k == 0 { h(label::SCHEDULE) } else { h("") };
        let mut labels = vec![(0, lead)];
        let mut percents = vec![(0, h(""))];
        for (i, c) in chunk.iter().enumerate() {
            labels.push((i + 1, WCell::text(&c.label, Style::Header)));
            percents.push((i + 1, v(&c.percent)));
        }
        s.push(row(labels));
        s.push(row(percents));
    }
    let last = s.rows.len() - 1;
    if last > first {
        s.merges.push((first, 0, last, 0));
    }
}

fn goal_rows(s: &mut Sheet, p: &Project) {
    let r = s.push(row(vec![
        (0, h(label::GOALS)),
        (1, h(label::MID_GOAL)),
        (4, h(label::YEAR_GOAL)),
    ]));
    s.merges.push((r, 1, r, 3));
    s.merges.push((r, 4, r, WIDTH - 1));
    let goals = p.goals.join("\n");
    let r2 = s.push(row(vec![(0, h("")), (4, WCell::text(&goals, Style::Body))]));
    s.merges.push((r2, 1, r2, 3));
    s.merges.push((r2, 4, r2, WIDTH - 1));
    s.merges.push((r, 0, r2, 0));
}

fn indicator_rows(s: &mut Sheet, p: &Project) {
    let head = s.push(row(vec![
        (0, h(label::INDICATORS)),
        (1, h(label::LEVEL1)),
        (2, h(label::LEVEL2)),
        (3, h(label::LEVEL3)),
        (4, h(label::VALUE)),
        (5, h(label::UNIT)),
        (6, h(label::DESCRIPTION)),
        (7, h(label::BASIS)),
    ]));
    let first = head + 1;
    for ind in &p.indicators {
        s.push(row(vec![
            (0, h("")),
            (1, WCell::text(ind.level1.trim(), Style::Body)),
            (2, WCell::text(ind.level2.trim(), Style::Body)),
            (3, WCell::text(&ind.level3, Style::Body)),
            (4, WCell::text(&ind.value, Style::Body)),
            (5, WCell::text(&ind.unit, Style::Body)),
            (6, WCell::text(&ind.description, Style::Body)),
            (7, WCell::text(&ind.basis, Style::Body)),
        ]));
    }
    let last = s.rows.len() - 1;
    if last > head {
        s.merges.push((head, 0, last, 0));
    }
    // 一级 and 二级 merge down over the rows that leave them empty ("same as above"), as the
    // printed forms show them; a new 一级 also ends a 二级 run.
    let filled = |s: &Sheet, r: usize, c: usize| {
        s.rows
            .get(r)
            .and_then(|row| row.get(c))
            .is_some_and(|cell| cell.value != super::Value::Empty)
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

/// The sheet of the department's overviews (部门整体绩效目标), if any.
fn overview_sheet(overviews: &[Overview]) -> Option<Sheet> {
    if overviews.is_empty() {
        return None;
    }
    let mut s = Sheet::new("部门整体绩效目标");
    s.widths = vec![16, 24, 40, 40, 1, 1, 1, 1];
    for (i, ov) in overviews.iter().enumerate() {
        let title = if overviews.len() > 1 {
            format!("部门整体绩效目标（第 {} 版）", i + 1)
        } else {
            "部门整体绩效目标".to_owned()
        };
        let r = s.push(vec![WCell::text(&title, Style::Title)]);
        s.merges.push((r, 0, r, 3));
        let r = s.push(vec![h("总体绩效目标"), v(&ov.overall_goal)]);
        s.merges.push((r, 1, r, 3));
        if !ov.key_projects.is_empty() {
            s.push(vec![
                h("重点项目"),
                h("项目说明"),
                h("绩效目标"),
                h("绩效指标"),
            ]);
            for k in &ov.key_projects {
                s.push(vec![
                    v(&k.name),
                    v(&k.description),
                    v(&k.goal),
                    v(&k.indicator),
                ]);
            }
        }
        for (j, m) in ov.safeguards.iter().enumerate() {
            let lead = if j == 0 { "工作保障措施" } else { "" };
            let r = s.push(vec![h(lead), v(m)]);
            s.merges.push((r, 1, r, 3));
        }
    }
    Some(s)
}

/// The sheet of the paragraphs outside the tables, if any.
fn sections_sheet(sections: &[Section]) -> Option<Sheet> {
    if sections.is_empty() {
        return None;
    }
    let mut s = Sheet::new("其他段落");
    s.widths = vec![24, 80];
    for sec in sections {
        s.push(vec![h(&sec.title)]);
        for p in &sec.paragraphs {
            s.push(vec![WCell::text("", Style::Plain), v(p)]);
        }
    }
    Some(s)
}

/// Every sheet of the form workbook: one per project.
///
/// The overview and loose-paragraph sheets ([`all_sheets`]) are left out for now: the grid mapper
/// does not read them back as the department's overview yet, and would take their prose for the
/// first project's goals, so an exported form would not reopen to the same projects.
pub fn sheets(doc: &Document) -> Vec<Sheet> {
    (0..doc.projects.len())
        .filter_map(|i| project_sheet(doc, i))
        .collect()
}

/// The project sheets with the overview sheet before them and the loose paragraphs after them:
/// the whole document (what the committed LibreOffice fixtures were made from).
pub fn all_sheets(doc: &Document) -> Vec<Sheet> {
    let mut out = Vec::new();
    out.extend(overview_sheet(&doc.overviews));
    out.extend(sheets(doc));
    out.extend(sections_sheet(&doc.sections));
    out
}

/// The document as an `.xlsx` in the 申报表 layout.
pub fn form_xlsx(doc: &Document) -> Vec<u8> {
    workbook(&sheets(doc))
}
