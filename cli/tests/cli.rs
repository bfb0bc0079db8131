//! The `hedui` binary run as reviewers run it.

use std::process::Command;

fn hedui(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_hedui"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const SEED: &str = "../core/fixtures/seed.json";
const CLEAN: &str = "../core/tests/rules/hd101_pass.json";

#[test]
fn json_report_has_the_documented_shape() {
    let (code, out, _) = hedui(&["check", "--format", "json", SEED]);
    assert_eq!(code, 1, "the seed has error-severity findings");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let file = &v["files"][0];
    assert_eq!(file["path"], SEED);
    assert_eq!(file["projects"], 3);
    let findings = file["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 5);
    let e1 = &findings[0];
    assert_eq!(e1["rule"], "HD103");
    assert_eq!(e1["severity"], "error");
    assert_eq!(e1["project"], "劳模基金");
    assert_eq!(e1["fields"][0], "projects[0].goals[1]");
    assert_eq!(e1["suggestion"]["field"], "projects[0].goals[1]");
    assert_eq!(e1["suggestion"]["from"], "450000");
    assert_eq!(e1["suggestion"]["to"], "45000");
    assert!(findings[2]["suggestion"].is_null());
}

#[test]
fn text_report_is_readable() {
    let (code, out, _) = hedui(&["check", SEED]);
    assert_eq!(code, 1);
    assert!(
        out.contains("HD103 错误 [劳模基金] projects[0].goals[1]"),
        "{out}"
    );
    assert!(out.contains("建议：450000 → 45000"), "{out}");
    assert!(out.contains("2 个错误，3 个警告"), "{out}");
}

#[test]
fn exit_status_follows_severity_and_readability() {
    assert_eq!(hedui(&["check", CLEAN]).0, 0);
    let (code, _, err) = hedui(&["check", CLEAN, "no-such-file.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("no-such-file.json：文件不存在"), "{err}");
    let (code, _, err) = hedui(&["check", "Cargo.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("Cargo.toml"), "{err}");
    assert_eq!(hedui(&["check"]).0, 2);
    assert_eq!(hedui(&["frobnicate"]).0, 2);
}

#[test]
fn rules_prints_the_catalogue_from_the_docs() {
    let (code, out, _) = hedui(&["rules"]);
    assert_eq!(code, 0);
    for c in ["HD101", "HD103", "HD501", "HD601"] {
        assert!(out.contains(c), "{c}");
    }
    assert!(out.contains("## 检查什么"));
}

const SEED_TEXT: &str = "../core/fixtures/zunhua-federation-of-trade-unions-2024.txt";

#[test]
fn pasted_text_is_checked_through_the_importer() {
    let (code, out, _) = hedui(&["check", "--format", "json", SEED_TEXT]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["files"][0]["projects"], 3);
    assert_eq!(v["files"][0]["findings"].as_array().unwrap().len(), 5);
    assert_eq!(v["files"][0]["unplaced"].as_array().unwrap().len(), 0);
}

#[test]
fn import_writes_a_saved_file_that_checks_the_same() {
    let dir = std::env::temp_dir().join(format!("hedui-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("seed.json");
    let (code, _, err) = hedui(&["import", SEED_TEXT, "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("3 个项目，0 行未归入"), "{err}");
    let (code, text, _) = hedui(&["check", out.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(text.contains("建议：450000 → 45000"), "{text}");
    // Unplaced lines are listed on stderr with their line numbers.
    let stray = dir.join("stray.txt");
    std::fs::write(&stray, "第一行无关文字\n项目编码").unwrap();
    let (code, _, err) = hedui(&["import", stray.to_str().unwrap()]);
    // No project table in it: the lines are listed, and the exit status says nothing was found.
    assert_eq!(code, 3);
    assert!(err.contains("未归入（第 1 行）：第一行无关文字"), "{err}");
    assert!(err.contains("没有识别出任何项目表"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A sheet as a Word table: horizontal merges as `w:gridSpan`, vertical ones as `w:vMerge`.
#[allow(clippy::format_push_string, clippy::format_collect)] // a test fixture, built for reading
fn docx_of(sheets: &[hedui_files::write::Sheet]) -> Vec<u8> {
    use hedui_files::write::Value;
    let mut body = String::new();
    for s in sheets {
        // As Word forms are made: the title and the year as paragraphs, then the table.
        let titled = s.rows.first().is_some_and(
            |r| matches!(&r[0].value, Value::Text(t) if t == hedui_files::write::form::TITLE),
        );
        let skip = if titled { 2 } else { 0 };
        for row in s.rows.iter().take(skip) {
            if let Value::Text(t) = &row[0].value {
                body.push_str(&format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>"));
            }
        }
        body.push_str("<w:tbl>");
        for (r, row) in s.rows.iter().enumerate().skip(skip) {
            body.push_str("<w:tr>");
            let mut c = 0;
            while c < row.len() {
                let merge = s
                    .merges
                    .iter()
                    .find(|&&(r1, c1, r2, c2)| c == c1 && (r1..=r2).contains(&r) && c2 >= c1);
                let (span, vmerge) = match merge {
                    Some(&(r1, c1, r2, c2)) if r == r1 => (
                        c2 - c1 + 1,
                        (r2 > r1).then_some("<w:vMerge w:val=\"restart\"/>"),
                    ),
                    Some(&(_, c1, _, c2)) => (c2 - c1 + 1, Some("<w:vMerge/>")),
                    None => (1, None),
                };
                let text = match (&row[c].value, vmerge) {
                    (Value::Text(t) | Value::Number(t), m) if m != Some("<w:vMerge/>") => t.clone(),
                    _ => String::new(),
                };
                let paragraphs: String = text
                    .split('\n')
                    .map(|line| {
                        format!(
                            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                            line.replace('&', "&amp;").replace('<', "&lt;")
                        )
                    })
                    .collect();
                body.push_str(&format!(
                    "<w:tc><w:tcPr><w:gridSpan w:val=\"{span}\"/>{}</w:tcPr>{paragraphs}</w:tc>",
                    vmerge.unwrap_or("")
                ));
                c += span;
            }
            body.push_str("</w:tr>");
        }
        body.push_str("</w:tbl>");
    }
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut z = hedui_files::zip::Writer::default();
    z.add("word/document.xml", doc.as_bytes());
    z.finish()
}

/// A folder of mixed files: a saved file, an exported 申报表 workbook, the same form as a Word
/// document, and a web page saved under an Excel name. Each is read and checked; the bad one is
/// named with its reason and makes the exit status 2.
#[test]
fn a_folder_of_mixed_files() {
    let dir = std::env::temp_dir().join(format!("hedui-cli-mixed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let seed = hedui_core::sample::seed();
    let sheets = hedui_files::write::form::sheets(&seed);
    let files = [
        (
            "a-seed.json",
            hedui_core::saved::to_json(&seed).into_bytes(),
        ),
        ("b-申报表.xlsx", hedui_files::write::form::form_xlsx(&seed)),
        ("c-申报表.docx", docx_of(&sheets)),
        (
            "d-网页.xls",
            b"<html><body><table><tr><td>1</td></tr></table></body></html>".to_vec(),
        ),
    ];
    let mut paths = Vec::new();
    for (name, bytes) in &files {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        paths.push(p.to_str().unwrap().to_owned());
    }
    let mut args = vec!["check", "--format", "json"];
    args.extend(paths.iter().map(String::as_str));
    let (code, out, err) = hedui(&args);
    assert_eq!(code, 2, "one file cannot be read");
    assert!(
        err.contains("d-网页.xls：这个文件实际是网页（HTML）"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 4);
    for f in &files[..3] {
        assert_eq!(f["projects"], 3, "{}", f["path"]);
        let findings = f["findings"].as_array().unwrap();
        // The seed's planted slip: 450000 where the goal meant 45000.
        assert!(
            findings.iter().any(|x| x["rule"] == "HD103"
                && x["project"] == "劳模基金"
                && x["suggestion"]["to"] == "45000"),
            "{}: {findings:?}",
            f["path"]
        );
    }
    assert!(files[3]["error"].as_str().unwrap().contains("另存为"));

    // Text output and import work on the Office files too.
    let (_, text, _) = hedui(&["check", &paths[1], &paths[2]]);
    assert!(text.contains("b-申报表.xlsx（3 个项目）"), "{text}");
    assert!(text.contains("c-申报表.docx（3 个项目）"), "{text}");
    let out_json = dir.join("from-docx.json");
    let (code, _, err) = hedui(&["import", &paths[2], "-o", out_json.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let back = hedui_core::saved::from_json(&std::fs::read_to_string(&out_json).unwrap()).unwrap();
    assert_eq!(back.projects.len(), 3);
    assert_eq!(back.projects[1].budget.total, seed.projects[1].budget.total);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_whose_budget_could_not_be_read_says_so() {
    let dir = std::env::temp_dir().join(format!("hedui-cli-coverage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("no-budget.txt");
    std::fs::write(
        &path,
        "项目名称 社区书屋\n一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 书屋数量 10个\n",
    )
    .unwrap();
    let path = path.to_string_lossy().into_owned();
    let (_, out, _) = hedui(&["check", "--format", "json", &path]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let coverage = &v["files"][0]["coverage"];
    assert_eq!(coverage["complete"], false);
    assert_eq!(
        coverage["missing"][0],
        "“社区书屋”未找到预算数，资金类规则未能核对"
    );
    let (_, text, _) = hedui(&["check", &path]);
    assert!(
        text.contains("未能核对 “社区书屋”未找到预算数，资金类规则未能核对"),
        "{text}"
    );
    assert!(text.contains("识别不完整："), "{text}");
    let (_, seed, _) = hedui(&["check", "--format", "json", SEED]);
    let v: serde_json::Value = serde_json::from_str(&seed).unwrap();
    assert_eq!(v["files"][0]["coverage"]["complete"], true);
    std::fs::remove_dir_all(&dir).ok();
}
