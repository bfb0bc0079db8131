//! Reading workbooks and documents as users' files hold them, and refusing bad files with a message.

mod common;

use std::fmt::Write;

use common::{cfb, docx, xlsx, zip};
use hedui_files::{read, FileError, Grid};

fn texts(g: &Grid) -> Vec<Vec<&str>> {
    g.rows
        .iter()
        .map(|r| r.iter().map(|c| c.text.as_str()).collect())
        .collect()
}

const STYLES: &str = r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="176" formatCode="0.00_ "/><numFmt numFmtId="177" formatCode="0.00&quot;万元&quot;"/></numFmts>
<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="2"/><xf numFmtId="9"/><xf numFmtId="4"/><xf numFmtId="176"/><xf numFmtId="177"/></cellXfs></styleSheet>"#;

const SHARED: &str = r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<si><t>项目名称</t></si>
<si><r><rPr><b/></rPr><t>年度资金</t></r><r><t xml:space="preserve">总额 </t></r><rPh sb="0" eb="2"><t>ネンド</t></rPh></si>
<si><t>村组干部培训</t></si>
<si><t/></si></sst>"#;

#[test]
fn excel_cells_read_as_shown() {
    let sheet = r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:E4"/><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c></row>
<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="1"><v>9</v></c><c r="C2" s="2"><v>0.9</v></c><c r="D2" s="3"><v>1234.5</v></c><c r="E2" s="5"><v>10000</v></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>其中：财政拨款</t></is></c><c r="B3" s="4"><v>8.5</v></c><c r="C3" t="str"><f>B3*2</f><v>十七</v></c><c r="D3" t="b"><v>1</v></c><c r="E3" t="e"><v>#DIV/0!</v></c></row>
<row r="5"><c r="B5"><v>0.30000000000000004</v></c><c r="D5"><f>SUM(B2:B3)</f></c></row>
</sheetData><mergeCells count="1"><mergeCell ref="B1:D1"/></mergeCells></worksheet>"#;
    let bytes = xlsx(&[("部门项目支出绩效目标05-2", sheet)], SHARED, STYLES);
    let opened = read("导出.xlsx", &bytes).unwrap();
    assert_eq!(opened.grids.len(), 1);
    let g = &opened.grids[0];
    assert_eq!(g.name, "部门项目支出绩效目标05-2");
    assert_eq!(
        texts(g),
        vec![
            vec!["项目名称", "村组干部培训", "村组干部培训", "村组干部培训"],
            vec!["年度资金总额", "9.00", "90%", "1234.50", "10000.00万元"],
            vec!["其中：财政拨款", "8.50", "十七", "TRUE", "#DIV/0!"],
            vec![],
            vec!["", "0.3"],
        ]
    );
    assert!(!g.rows[0][1].covered);
    assert!(g.rows[0][2].covered && g.rows[0][3].covered);
    assert_eq!(
        g.at(1, 1).to_string(),
        "工作表“部门项目支出绩效目标05-2” B2"
    );
    assert!(
        opened
            .notes
            .iter()
            .any(|n| n.contains("1 个公式单元格没有保存计算结果")),
        "{:?}",
        opened.notes
    );
}

/// WPS and some exporters: no dimension, no `r` on rows or cells, a prefix on every element,
/// text formula results (`t="str"`), a workbook reached without relationships.
#[test]
fn wps_quirks() {
    let sheet = r#"<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row><x:c t="inlineStr"><x:is><x:t>一级指标</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>二级指标</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>指标值</x:t></x:is></x:c></x:row>
<x:row><x:c t="str"><x:v>产出指标</x:v></x:c><x:c t="str"><x:v>数量指标</x:v></x:c><x:c s="1"><x:v>230</x:v></x:c></x:row>
<x:row r="5"><x:c r="C5"><x:v>12.5</x:v></x:c><x:c><x:v>7</x:v></x:c></x:row>
</x:sheetData><x:mergeCells><x:mergeCell ref="A2:A3"/></x:mergeCells></x:worksheet>"#;
    let styles = r#"<x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:cellXfs><x:xf numFmtId="0"/><x:xf numFmtId="1"/></x:cellXfs></x:styleSheet>"#;
    let book = r#"<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheets><x:sheet name="Sheet1" sheetId="1"/></x:sheets></x:workbook>"#;
    let bytes = zip(&[
        ("xl/workbook.xml", book),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/styles.xml", styles),
    ]);
    let opened = read("wps.xlsx", &bytes).unwrap();
    let g = &opened.grids[0];
    assert_eq!(
        texts(g),
        vec![
            vec!["一级指标", "二级指标", "指标值"],
            vec!["产出指标", "数量指标", "230"],
            vec!["产出指标"],
            vec![],
            vec!["", "", "12.5", "7"],
        ]
    );
    assert!(g.rows[2][0].covered);
}

#[test]
fn every_sheet_in_order() {
    let a = r#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>甲</t></is></c></row></sheetData></worksheet>"#;
    let b =
        r#"<worksheet><sheetData><row r="2"><c r="B2"><v>2</v></c></row></sheetData></worksheet>"#;
    let opened = read("两表.xlsx", &xlsx(&[("项目一", a), ("项目二", b)], "", "")).unwrap();
    let names: Vec<&str> = opened.grids.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["项目一", "项目二"]);
    assert_eq!(texts(&opened.grids[1]), vec![vec![], vec!["", "2"]]);
}

#[test]
fn word_tables_with_merges_and_nesting() {
    let tc = |text: &str, props: &str| {
        format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    };
    let nested = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        tc("内表甲", ""),
        tc("内表乙", "")
    );
    let body = format!(
        concat!(
            "<w:p><w:r><w:t>项目支出绩效目标申报表</w:t></w:r></w:p>",
            "<w:p><w:r><w:t xml:space=\"preserve\">单位：</w:t></w:r><w:r><w:t>万元</w:t></w:r></w:p>",
            "<w:tbl>",
            "<w:tr>{}{}</w:tr>",
            "<w:tr>{}{}{}</w:tr>",
            "<w:tr>{}{}{}</w:tr>",
            "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}</w:tr>",
            "<w:tr><w:tc><w:p><w:r><w:t>外格</w:t></w:r></w:p>{}</w:tc>{}</w:tr>",
            "</w:tbl>",
            "<w:p><w:r><w:delText>删掉的</w:delText><w:instrText>PAGE</w:instrText><w:t>落款</w:t></w:r></w:p>",
        ),
        tc("项目名称", ""),
        tc("村组干部培训", "<w:gridSpan w:val=\"2\"/>"),
        tc("项目资金", "<w:vMerge w:val=\"restart\"/>"),
        tc("年度资金总额", ""),
        tc("230", ""),
        tc("", "<w:vMerge/>"),
        tc("其中：财政拨款", ""),
        tc("200", ""),
        tc("第二格", "<w:gridSpan w:val=\"2\"/>"),
        nested,
        tc("右格", ""),
    );
    let opened = read("申报表.docx", &docx(&body)).unwrap();
    let names: Vec<&str> = opened.grids.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["正文 1", "表格 1", "表格 2", "正文 2"]);
    assert_eq!(
        texts(&opened.grids[0]),
        vec![vec!["项目支出绩效目标申报表"], vec!["单位：万元"]]
    );
    assert_eq!(texts(&opened.grids[3]), vec![vec!["落款"]]);
    let t = &opened.grids[1];
    assert_eq!(
        texts(t),
        vec![
            vec!["项目名称", "村组干部培训", "村组干部培训"],
            vec!["项目资金", "年度资金总额", "230"],
            vec!["项目资金", "其中：财政拨款", "200"],
            vec!["", "第二格", "第二格"],
            vec!["外格", "右格"],
        ]
    );
    assert!(t.rows[0][2].covered && !t.rows[0][1].covered);
    assert!(t.rows[2][0].covered && !t.rows[1][0].covered);
    assert!(t.rows[3][2].covered);
    assert_eq!(texts(&opened.grids[2]), vec![vec!["内表甲", "内表乙"]]);
    assert_eq!(t.at(1, 2).to_string(), "表格 1 第 2 行第 3 列");
}

fn message(name: &str, bytes: &[u8]) -> String {
    match read(name, bytes) {
        Ok(o) => panic!("{name} should be refused, gave {:?}", o.grids.len()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn bad_files_get_their_own_message() {
    assert_eq!(message("空.xlsx", b""), "文件是空的（0 字节）");

    let big = vec![0u8; 50 * 1024 * 1024];
    let m = message("大.xlsx", &big);
    assert!(
        m.contains("文件过大（50.0 MB）") && m.contains("20.0 MB"),
        "{m}"
    );

    let encrypted = cfb(&[
        ("EncryptionInfo", vec![4, 0, 4, 0, 0x40, 0, 0, 0]),
        ("EncryptedPackage", vec![7; 5000]),
    ]);
    assert_eq!(read("加密.xlsx", &encrypted), Err(FileError::Encrypted));
    assert!(message("加密.xlsx", &encrypted).contains("打开密码"));

    let doc = cfb(&[("WordDocument", vec![0; 100])]);
    assert!(message("旧.docx", &doc).contains("旧版 Word（.doc）"));

    let html = b"\xef\xbb\xbf<html><head><meta charset=utf-8></head><body><table><tr><td>1</td></tr></table></body></html>";
    let m = message("网页.xlsx", html);
    assert!(m.contains("网页（HTML）") && m.contains("另存为"), "{m}");

    assert!(message("乱.xlsx", b"hello world").contains("无法识别的文件格式"));

    let good = xlsx(
        &[(
            "S",
            r#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>"#,
        )],
        "",
        "",
    );
    for cut in [good.len() / 3, good.len() - 10, 30] {
        let m = message("截断.xlsx", &good[..cut]);
        assert!(m.contains("文件不完整或已损坏"), "{cut}: {m}");
    }
    // A flipped byte inside a part: the checksum catches it.
    let mut flipped = good.clone();
    flipped[60] ^= 0x55;
    assert!(read("坏.xlsx", &flipped).is_err());

    let not_office = zip(&[("readme.txt", "hi")]);
    assert!(message("包.xlsx", &not_office).contains("没有 Excel 工作簿或 Word 文档"));
}

#[test]
fn zip_bombs_are_refused() {
    // One part of 40 MB of zeros: inflates ~1000× its packed size.
    let mut w = hedui_files::zip::Writer::default();
    w.add(
        "xl/workbook.xml",
        b"<workbook><sheets><sheet name=\"a\" sheetId=\"1\"/></sheets></workbook>",
    );
    w.add("xl/worksheets/sheet1.xml", &vec![b' '; 40 * 1024 * 1024]);
    let bytes = w.finish();
    assert!(bytes.len() < 200 * 1024);
    let m = message("炸弹.xlsx", &bytes);
    assert!(
        m.contains("xl/worksheets/sheet1.xml") && m.contains("解压后过大"),
        "{m}"
    );
}

#[test]
fn entity_expansion_is_refused() {
    let sheet = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>"#;
    let m = message("实体.xlsx", &xlsx(&[("S", sheet)], "", ""));
    assert!(
        m.contains("DTD") && m.contains("xl/worksheets/sheet1.xml"),
        "{m}"
    );
}

#[test]
fn long_sheets_are_cut_with_a_note_in_linear_time() {
    let mut sheet = String::from("<worksheet><sheetData>");
    for r in 1..=100_000 {
        let _ = write!(
            sheet,
            r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>指标{r}</t></is></c><c r="B{r}"><v>{r}.5</v></c></row>"#
        );
    }
    sheet.push_str(r#"</sheetData><mergeCells><mergeCell ref="C1:C3"/></mergeCells></worksheet>"#);
    let bytes = xlsx(&[("大表", &sheet)], "", "");
    let started = std::time::Instant::now();
    let opened = read("大表.xlsx", &bytes).unwrap();
    let elapsed = started.elapsed();
    let g = &opened.grids[0];
    assert_eq!(g.rows.len(), hedui_files::limits::MAX_ROWS);
    assert_eq!(g.text(49_999, 0), "指标50000");
    assert_eq!(g.text(49_999, 1), "50000.5");
    assert!(
        opened
            .notes
            .iter()
            .any(|n| n.contains("“大表”超过 50000 行，只读取了前 50000 行")),
        "{:?}",
        opened.notes
    );
    // Generous for a debug build on a shared machine; the point is no quadratic blow-up.
    assert!(elapsed.as_secs() < 20, "{elapsed:?}");
}

#[test]
fn a_huge_merge_is_bounded() {
    let sheet = r#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData><mergeCells><mergeCell ref="A1:XFD1048576"/><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>"#;
    let opened = read("合并.xlsx", &xlsx(&[("S", sheet)], "", "")).unwrap();
    let cells: usize = opened.grids[0].rows.iter().map(Vec::len).sum();
    assert!(cells <= hedui_files::limits::MAX_CELLS + 1, "{cells}");
    assert!(!opened.notes.is_empty());
}

#[test]
fn a_one_megabyte_export_reads_in_linear_time() {
    let bytes = common::one_megabyte_export();
    assert!(bytes.len() > 900 * 1024, "{}", bytes.len());
    let started = std::time::Instant::now();
    let opened = read("导出.xlsx", &bytes).unwrap();
    let elapsed = started.elapsed();
    println!("{} bytes read in {elapsed:?}", bytes.len());
    assert_eq!(opened.grids[0].rows.len(), 30_001);
    assert_eq!(opened.grids[0].text(30_000, 6), "≥249");
    assert!(elapsed.as_secs() < 10, "{elapsed:?}");
}
