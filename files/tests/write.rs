//! What hedui writes reads back the same: the findings list and the 申报表 form, through the reader.

use common::{cells, shown};
use hedui_core::field::ProjectText;
use hedui_core::{check, sample};
use hedui_files::write::form::{self, label};
use hedui_files::write::{findings_xlsx, workbook, Sheet, Style, WCell};
use hedui_files::{findings, read, Grid};

mod common;

#[test]
fn any_sheet_reads_back_as_written() {
    let mut s = Sheet::new("甲/乙:丙");
    s.push(vec![
        WCell::auto("项目名称", Style::Header),
        WCell::auto("  村组干部培训 ", Style::Body),
        WCell::auto("", Style::Body),
    ]);
    s.push(vec![
        WCell::auto("年度资金总额", Style::Header),
        WCell::auto("10000.50", Style::Body),
        WCell::auto("9.00", Style::Body),
        WCell::auto("-3", Style::Body),
        WCell::auto("007", Style::Body),
        WCell::auto("≥ 90%", Style::Body),
        WCell::auto("a < b & \"c\"\n第二行", Style::Body),
    ]);
    s.merges.push((0, 1, 0, 3));
    let bytes = workbook(&[s.clone(), Sheet::new("空")]);
    let opened = read("写.xlsx", &bytes).unwrap();
    assert_eq!(opened.grids.len(), 2);
    assert_eq!(opened.grids[0].name, "甲_乙_丙");
    assert_eq!(cells(&opened.grids[0]), shown(&s, 0));
    assert_eq!(opened.grids[0].text(1, 1), "10000.50");
    assert_eq!(opened.grids[0].text(1, 2), "9.00");
    assert!(opened.grids[1].rows.is_empty());
}

#[test]
fn findings_list_has_one_row_per_finding() {
    let doc = sample::seed();
    let report = check(&doc);
    let rows = findings::rows(&report, &doc);
    assert_eq!(rows.len(), report.findings.len() + report.pending.len());
    assert!(!rows.is_empty(), "the seed has findings");
    let opened = read("核对结果.xlsx", &findings_xlsx(&rows)).unwrap();
    let g = &opened.grids[0];
    assert_eq!(g.name, "核对结果");
    let head: Vec<&str> = g.rows[0].iter().map(|c| c.text.as_str()).collect();
    assert_eq!(head, ["项目", "字段", "规则", "严重程度", "问题", "建议"]);
    assert_eq!(g.rows.len(), rows.len() + 1);
    for (i, f) in rows.iter().enumerate() {
        let r = i + 1;
        assert_eq!(g.text(r, 0), f.project);
        assert_eq!(g.text(r, 1), f.field);
        assert_eq!(g.text(r, 2), f.rule);
        assert_eq!(g.text(r, 3), f.severity);
        assert_eq!(g.text(r, 4), f.message.trim());
        assert_eq!(g.text(r, 5), f.suggestion);
    }
    // The seed's planted slips are errors with a suggested fix.
    assert!(rows
        .iter()
        .any(|f| f.severity == "错误" && f.suggestion.contains("是否应为")));
}

/// The form, written and read back, shows every field of the document where its label says.
#[test]
fn form_reads_back_at_grid_level() {
    let doc = sample::seed();
    let sheets = form::sheets(&doc);
    let bytes = form::form_xlsx(&doc);
    let opened = read("申报表.xlsx", &bytes).unwrap();
    assert_eq!(opened.grids.len(), sheets.len());
    for (g, s) in opened.grids.iter().zip(&sheets) {
        assert_eq!(cells(g), shown(s, 0), "sheet {}", s.name);
    }
    // The overview sheet, then one sheet per project, each carrying its name, budget, goals and
    // indicators.
    assert_eq!(opened.grids[0].name, label::OVERVIEW);
    assert_eq!(opened.grids.last().unwrap().name, label::SECTIONS);
    let projects: Vec<&Grid> = opened
        .grids
        .iter()
        .filter(|g| g.text(0, 0) == form::TITLE)
        .collect();
    assert_eq!(projects.len(), doc.projects.len());
    for (g, p) in projects.iter().zip(&doc.projects) {
        let find = |label: &str| {
            g.rows
                .iter()
                .enumerate()
                .find_map(|(r, row)| {
                    row.iter()
                        .position(|c| c.text == label && !c.covered)
                        .map(|c| (r, c))
                })
                .unwrap_or_else(|| panic!("no {label} in {}", g.name))
        };
        let (r, c) = find(ProjectText::Name.label());
        assert_eq!(g.text(r, c + 1), p.name.trim());
        let (r, c) = find(label::YEAR_TOTAL);
        assert_eq!(g.text(r, c + 1), p.budget.total.trim());
        let (r, c) = find(label::YEAR_GOAL);
        assert_eq!(g.text(r + 1, c), p.goals.join("\n").trim());
        let (head, level3) = find("三级指标");
        let (_, value) = find("指标值");
        let (_, level1) = find("一级指标");
        for (k, ind) in p.indicators.iter().enumerate() {
            let r = head + 1 + k;
            assert_eq!(g.text(r, level3), ind.level3.trim(), "{}", p.name);
            assert_eq!(g.text(r, value), ind.value.trim(), "{}", p.name);
            let l1 = g.cell(r, level1);
            if ind.level1.trim().is_empty() {
                // "Same as above" reads as a merged copy, or blank.
                assert!(l1.is_none_or(|c| c.covered || c.text.is_empty()));
            } else {
                assert_eq!(l1.map(|c| c.text.as_str()), Some(ind.level1.trim()));
            }
        }
    }
}
