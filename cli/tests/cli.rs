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
