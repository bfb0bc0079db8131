//! The paste importer on the real published text and on other layouts of the same content
//! (test texts written here in the shapes shared/docs/DOMAIN.md lists; no other published document
//! is copied into the repository).

use hedui_core::import::import_text;
use hedui_core::model::Indicator;
use hedui_core::{check, sample, Report};

fn summary(r: &Report) -> Vec<(String, String, String, Option<String>)> {
    r.findings
        .iter()
        .map(|f| {
            (
                f.rule.to_owned(),
                f.severity.key().to_owned(),
                f.fields[0].to_string(),
                f.suggestion.as_ref().map(|s| s.to.clone()),
            )
        })
        .collect()
}

fn hand_built() -> hedui_core::Document {
    hedui_core::saved::from_json(include_str!("../fixtures/seed.json")).unwrap()
}

#[test]
fn the_seed_text_imports_into_the_hand_built_document() {
    let imported = import_text(sample::SEED_TEXT);
    assert_eq!(imported.document, hand_built());
    assert!(imported.unplaced.is_empty(), "{:#?}", imported.unplaced);
    assert_eq!(imported.document.overviews.len(), 2);
    assert_eq!(imported.document.projects.len(), 3);
}

#[test]
fn checking_the_import_gives_e1_to_e5() {
    let imported = import_text(sample::SEED_TEXT);
    let from_text = check(&imported.document);
    let by_hand = check(&hand_built());
    assert_eq!(summary(&from_text), summary(&by_hand));
    assert_eq!(from_text.findings.len(), 5);
}

#[test]
fn the_user_is_told_what_was_repaired() {
    let notes = import_text(sample::SEED_TEXT).notes;
    assert!(notes.iter().any(|n| n.contains("页码")), "{notes:?}");
    assert!(
        notes.iter().any(|n| n.contains("13028124P003274100018")),
        "{notes:?}"
    );
}

const DECLARATION: &str = "\
2024年度项目支出绩效目标申报表
项目名称 社区职工书屋建设(≥**个)
主管部门 某市总工会 实施单位 某市总工会
资金情况(万元) 年度资金总额: 214.06 其中:财政拨款 214.06 其他资金 0
年度目标
1.建设职工书屋 10 个，每个补助 21.406 万元，共计 214.06 万元。
2.培训图书管理员 1102 人。
一级指标 二级指标 三级指标 指标值类型 指标值 计量单位 指标值确定依据
产出指标 数量指标 建设职工书屋数量(≥**个) 定量 >=10 个 计划标准
产出指标 数量指标 培训图书管理员人数 定量 >=1102 人 计划标准
产出指标 质量指标 书屋验收合格率 定量 >=95 % 行业标准
产出指标 时效指标 项目完成时间 定量 2024年12月底前 年 计划标准
成本指标 经济成本指标 每个书屋补助标准 定量 =21.406 万元/个 计划标准
效益指标 社会效益指标 职工阅读条件改善 定性 有所改善 计划标准
满意度指标 服务对象满意度指标 职工满意度 定量 >=90 % 历史标准
";

fn row<'a>(rows: &'a [Indicator], level3: &str) -> &'a Indicator {
    rows.iter()
        .find(|r| r.level3.starts_with(level3))
        .unwrap_or_else(|| panic!("no row {level3}: {rows:#?}"))
}

#[test]
fn a_declaration_form_with_unit_and_type_columns() {
    let r = import_text(DECLARATION);
    let p = &r.document.projects[0];
    assert_eq!(p.name, "社区职工书屋建设(≥**个)");
    assert_eq!(
        (
            p.budget.total.as_str(),
            p.budget.fiscal.as_str(),
            p.budget.other.as_str()
        ),
        ("214.06", "214.06", "0")
    );
    assert_eq!(p.goals.len(), 2);
    assert_eq!(p.indicators.len(), 7);
    let books = row(&p.indicators, "建设职工书屋数量");
    assert_eq!(
        (
            books.value.as_str(),
            books.unit.as_str(),
            books.basis.as_str()
        ),
        (">=10", "个", "计划标准")
    );
    let cost = row(&p.indicators, "每个书屋补助标准");
    assert_eq!(
        (cost.level1.as_str(), cost.level2.as_str()),
        ("成本指标", "经济成本指标")
    );
    assert_eq!(
        (cost.value.as_str(), cost.unit.as_str()),
        ("=21.406", "万元/个")
    );
    let time = row(&p.indicators, "项目完成时间");
    assert_eq!(
        (time.value.as_str(), time.unit.as_str()),
        ("2024年12月底前", "年")
    );
    assert_eq!(row(&p.indicators, "职工阅读条件改善").value, "有所改善");
    // The project facts of the national template are read into the model (format version 2).
    assert_eq!(
        (p.department.as_str(), p.implementer.as_str()),
        ("某市总工会", "某市总工会")
    );
    // And the rules run on it: 10 个 × 21.406 万元 = 214.06 万元, 2021 layout accepted.
    let report = check(&r.document);
    assert!(
        !report
            .findings
            .iter()
            .any(|f| matches!(f.rule, "HD104" | "HD401" | "HD402")),
        "{:#?}",
        report.findings
    );
}

const TRADITIONAL: &str = "\
1.勞模基金績效目標表
711001 遵化市總工會本級 單位：萬元
項目編碼 13028124P003316100010 項目名稱 勞模基金
預算規模及
資金用途
預算數 9.00
其中：財政資金 9.00 其他資金 0
資金 9 萬元。
資金支出計
劃（%）
3 月底 6 月底 10 月底 12 月底
30% 60% 90% 100%
績效目標
1.走訪慰問各級勞模 30 人，發放慰問金 45000 元。
2.為 38 名唐山市級以上勞模發放榮譽津貼 45000 元。
一級指標 二級指標 三級指標 指標說明 指標值 指標值確定依據
產出指標 數量指標 慰問各級勞模總數 慰問各級勞模總數 68 人 遵字【2008】14 號
";

#[test]
fn a_mirrored_copy_in_traditional_characters() {
    let r = import_text(TRADITIONAL);
    let p = &r.document.projects[0];
    assert_eq!(p.name, "劳模基金");
    assert_eq!(p.code, "13028124P003316100010");
    assert_eq!(p.budget.total, "9.00");
    assert_eq!(p.schedule.len(), 4);
    assert_eq!(p.goals.len(), 2);
    assert_eq!(p.indicators[0].value, "68 人");
    assert_eq!(p.indicators[0].basis, "遵字【2008】14 号");
    assert!(r.notes.iter().any(|n| n.contains("繁体")), "{:?}", r.notes);
}

#[test]
fn garbage_is_returned_whole_as_unplaced() {
    let text = "今天天气很好\nlorem ipsum 12\n<img src=x onerror=alert(1)>\n\n";
    let r = import_text(text);
    assert!(r.document.projects.is_empty() && r.document.overviews.is_empty());
    let lines: Vec<&str> = r.unplaced.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(
        lines,
        [
            "今天天气很好",
            "lorem ipsum 12",
            "<img src=x onerror=alert(1)>"
        ]
    );
    assert_eq!(r.unplaced[2].line, 3);
    assert_eq!(
        &text[r.unplaced[1].offset..r.unplaced[1].offset + 5],
        "lorem"
    );
}

#[test]
fn stray_text_inside_a_table_is_reported_with_its_line() {
    let text = sample::SEED_TEXT.replace(
        "项目编码 13028124P00316100010",
        "这一行是多余的\n项目编码 13028124P00316100010",
    );
    let r = import_text(&text);
    let stray = r
        .unplaced
        .iter()
        .find(|u| u.text == "这一行是多余的")
        .expect("reported");
    assert!(stray.line > 1);
}
