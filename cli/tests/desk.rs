//! `hedui report` and `hedui diff` run as reviewers run them.

use std::path::{Path, PathBuf};
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

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hedui-desk-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

const SEED: &str = "../core/fixtures/seed.json";
const CLEAN: &str = "../core/tests/rules/hd101_pass.json";

#[test]
fn report_writes_one_self_contained_file_for_the_batch() {
    let dir = scratch("report");
    let broken = dir.join("坏文件.json");
    std::fs::write(&broken, "{\"version\": 2, \"projects\": [").unwrap();
    let out = dir.join("审核意见.html");
    let (code, stdout, stderr) = hedui(&[
        "report",
        SEED,
        CLEAN,
        s(&broken),
        "-o",
        s(&out),
        "--reviewer",
        "张三",
        "--date",
        "2024年3月5日",
    ]);
    assert_eq!(code, 2, "a file could not be read: {stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("已写入"), "{stderr}");
    assert!(stderr.contains("3 份文件"), "{stderr}");
    assert!(stderr.contains("无法读取 1"), "{stderr}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("default-src 'none'"));
    assert!(!html.contains("<script") && !html.contains("<link"));
    // One summary table of three rows, then two documents' reports.
    assert_eq!(html.matches("<tr data-verdict=").count(), 3);
    assert_eq!(html.matches("<article ").count(), 2);
    assert!(html.contains("<tr><th>单位</th><td>遵化市总工会本级</td></tr>"));
    assert!(html.contains("需修改后重新报送：2 处须修改"));
    assert!(html.contains("无法读取：文件内容无法读取"));
    assert!(html.contains("审核人：<span class=\"line\">张三</span>"));
    assert!(html.contains("日期：<span class=\"line\">2024年3月5日</span>"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn report_exit_status_follows_the_findings() {
    let dir = scratch("status");
    let out = dir.join("r.html");
    let (code, _, stderr) = hedui(&["report", SEED, CLEAN, "-o", s(&out)]);
    assert_eq!(code, 1, "{stderr}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<tr data-verdict=\"revise\">"));
    let (code, _, stderr) = hedui(&["report", CLEAN, "-o", s(&out)]);
    assert_eq!(code, 0, "{stderr}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(
        !html.contains("data-verdict=\"revise\""),
        "a clean file needs no revision"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn report_refuses_to_write_over_an_input() {
    let dir = scratch("overwrite");
    let input = dir.join("a.json");
    std::fs::copy(seed_path(), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let (code, _, stderr) = hedui(&["report", s(&input), "-o", s(&input)]);
    assert_eq!(code, 2);
    assert!(stderr.contains("就是输入文件"), "{stderr}");
    // The same file by another spelling.
    let other = format!(
        "{}/../{}/a.json",
        s(&dir),
        dir.file_name().unwrap().to_str().unwrap()
    );
    let (code, _, stderr) = hedui(&["report", s(&input), "-o", &other]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(std::fs::read(&input).unwrap(), before);
    let _ = std::fs::remove_dir_all(&dir);
}

fn seed_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED)
}

#[test]
fn report_says_what_is_missing() {
    let (code, _, stderr) = hedui(&["report", SEED]);
    assert_eq!(code, 2);
    assert!(stderr.contains("请用 -o 指定报告文件"), "{stderr}");
    let dir = scratch("xlsx");
    let out = dir.join("r.html");
    let (code, _, stderr) = hedui(&["report", SEED, "-o", s(&out), "--xlsx"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--xlsx 后面应写一个值"), "{stderr}");
    assert!(
        !out.exists(),
        "nothing is written when the request cannot be met"
    );
    let (code, _, stderr) = hedui(&["report", "-o", s(&out)]);
    assert_eq!(code, 2);
    assert!(stderr.contains("请给出要核对的文件"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--xlsx` writes the batch as a workbook: a summary row per document and a row per finding,
/// read back here with the same readers the page and `hedui check` use.
#[test]
fn report_writes_the_list_as_a_workbook() {
    let dir = scratch("workbook");
    let (html, xlsx) = (dir.join("r.html"), dir.join("清单.xlsx"));
    let (code, _, stderr) = hedui(&["report", SEED, CLEAN, "-o", s(&html), "--xlsx", s(&xlsx)]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("清单.xlsx"), "{stderr}");
    let bytes = std::fs::read(&xlsx).unwrap();
    let opened = hedui_files::read("清单.xlsx", &bytes).unwrap();
    let names: Vec<&str> = opened.grids.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["汇总", "问题清单"]);
    let text = |g: &hedui_core::grid::Grid| -> Vec<Vec<String>> {
        g.rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.clone()).collect())
            .collect()
    };
    let summary = text(&opened.grids[0]);
    assert_eq!(summary.len(), 3, "a heading and one row per document");
    assert_eq!(summary[0][0], "序号");
    assert!(summary[1].iter().any(|c| c.ends_with("seed.json")));
    let findings = text(&opened.grids[1]);
    // The seed's five findings (E1–E5) and their rules, each on its own row.
    let rules: Vec<&str> = findings
        .iter()
        .skip(1)
        .filter_map(|r| r.get(4).map(String::as_str))
        .collect();
    let mut sorted = rules.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        ["HD103", "HD103", "HD302", "HD501", "HD601"],
        "{rules:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The seed as last year's file and an edited copy as this year's.
fn two_years(dir: &Path) -> (PathBuf, PathBuf) {
    let last = hedui_core::sample::seed();
    let mut this = last.clone();
    this.year = "2025".into();
    this.projects[0].budget.total = "12.00".into();
    this.projects[0].budget.fiscal = "12.00".into();
    this.projects[1].indicators[0].value = "≥10 人".into();
    this.projects.remove(2);
    let (a, b) = (dir.join("2024.json"), dir.join("2025.json"));
    std::fs::write(&a, hedui_core::saved::to_json(&last)).unwrap();
    std::fs::write(&b, hedui_core::saved::to_json(&this)).unwrap();
    (a, b)
}

#[test]
fn diff_prints_the_changes_and_the_questions() {
    let dir = scratch("diff");
    let (a, b) = two_years(&dir);
    let (code, out, stderr) = hedui(&["diff", s(&a), s(&b)]);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "对比上年：遵化市总工会本级 2024（3 个项目）→ 遵化市总工会本级 2025（2 个项目）"
    );
    assert!(
        lines.contains(&"  ~ 预算数：9.00 → 12.00（增加 3 万元，+33.3%）"),
        "{out}"
    );
    assert!(
        lines.contains(&"  ~ 财政资金：9.00 → 12.00（增加 3 万元，+33.3%）"),
        "{out}"
    );
    assert!(
        lines.contains(&"  ~ 指标“巩固解困脱困成果类项目帮扶人数”的指标值：≥8 人 → ≥10 人"),
        "{out}"
    );
    assert!(out.contains("! 预算增加而目标未提高："), "{out}");
    assert!(
        out.contains("! 项目本年没有：上年项目“劳模基金”（13028124P003316100010）"),
        "{out}"
    );
    // Nothing else changed: three changes in all.
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("  ~ ") || l.starts_with("  + ") || l.starts_with("  - "))
            .count(),
        3,
        "{out}"
    );

    let (code, out, _) = hedui(&["diff", "--format", "json", s(&a), s(&b)]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["this"]["year"], "2025");
    assert_eq!(v["projects"][0]["matched"], "code");
    assert_eq!(v["projects"][0]["changes"][0]["what"], "预算数");
    assert_eq!(
        v["projects"][0]["changes"][0]["last_field"],
        "projects[0].budget.total"
    );
    assert_eq!(v["projects"][2]["matched"], "removed");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn diff_needs_two_readable_files() {
    let (code, _, stderr) = hedui(&["diff", SEED]);
    assert_eq!(code, 2);
    assert!(stderr.contains("请给出两个文件"), "{stderr}");
    let (code, _, stderr) = hedui(&["diff", SEED, "没有这个文件.json"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("无法读取 没有这个文件.json：文件不存在"),
        "{stderr}"
    );
}

/// A province's documents: `cargo test --release -p hedui-cli --test desk -- --ignored --nocapture`
/// writes 5 000 generated documents (3 to 27 projects each) and times `hedui report` over them.
#[test]
#[ignore = "timing: run in release on purpose"]
fn province_timing() {
    let n: usize = std::env::var("HEDUI_PROVINCE_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5000);
    let dir = scratch("province");
    let mut files = Vec::with_capacity(n);
    let mut projects = 0;
    let templates: Vec<String> = (3..28)
        .map(|k| hedui_core::saved::to_json(&hedui_core::sample::generated(k)))
        .collect();
    for i in 0..n {
        let k = 3 + i % 25;
        projects += k;
        let path = dir.join(format!("{i:05}.json"));
        std::fs::write(&path, &templates[i % 25]).unwrap();
        files.push(path);
    }
    let out = dir.join("审核意见.html");
    let mut args: Vec<String> = vec!["report".into()];
    args.extend(files.iter().map(|p| s(p).to_owned()));
    args.extend([
        "-o".into(),
        s(&out).to_owned(),
        "--date".into(),
        "2024年3月5日".into(),
    ]);
    let start = std::time::Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_hedui"))
        .args(&args)
        .status()
        .unwrap();
    let elapsed = start.elapsed();
    let size = std::fs::metadata(&out).unwrap().len();
    println!(
        "hedui report: {n} documents, {projects} projects, {:.2} s, report {} KB",
        elapsed.as_secs_f64(),
        size / 1024
    );
    assert_eq!(status.code(), Some(1));
    assert!(elapsed.as_secs() < 60);
    // For comparison: the same files through `hedui check` (text to nowhere).
    args[0] = "check".into();
    args.truncate(args.len() - 4);
    let start = std::time::Instant::now();
    Command::new(env!("CARGO_BIN_EXE_hedui"))
        .args(&args)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    println!(
        "hedui check, same files: {:.2} s",
        start.elapsed().as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
