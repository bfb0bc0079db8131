//! The (rule, fixture) table: every rule in the catalogue has failing and passing fixtures under
//! `tests/rules/` (`hd105_fail.json`, and for the newer rules a second layout such as
//! `hd105_fail_costs.json`). A failing fixture must raise that rule, a passing one must raise
//! nothing at all, and each failing fixture's rendered findings are an insta snapshot reviewed
//! like code.

use hedui_core::rules::RULES;
use hedui_core::{check, render, Document};
use std::path::{Path, PathBuf};

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/rules")
}

/// The fixtures of `code` of one kind (`fail` / `pass`), by file stem, in name order.
fn fixtures(code: &str, kind: &str) -> Vec<(String, Document)> {
    let prefix = format!("{}_{kind}", code.to_lowercase());
    let mut stems: Vec<String> = std::fs::read_dir(folder())
        .unwrap()
        .filter_map(|e| {
            let path = e.ok()?.path();
            let stem = path.file_stem()?.to_str()?.to_owned();
            let ours = path.extension()? == "json"
                && (stem == prefix || stem.starts_with(&format!("{prefix}_")));
            ours.then_some(stem)
        })
        .collect();
    stems.sort();
    assert!(
        !stems.is_empty(),
        "{code} has no {kind} fixture in {}",
        folder().display()
    );
    stems
        .into_iter()
        .map(|stem| {
            let path = folder().join(format!("{stem}.json"));
            let doc = read(&path);
            (stem, doc)
        })
        .collect()
}

fn read(path: &Path) -> Document {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_rule_fails_on_its_failing_fixtures() {
    for rule in RULES {
        let code = rule.info().code;
        for (stem, doc) in fixtures(code, "fail") {
            let report = check(&doc);
            let raised = report
                .findings
                .iter()
                .any(|f| f.rule == code || f.also.iter().any(|a| a.starts_with(code)));
            assert!(
                raised,
                "{stem}: {code} not raised:\n{}",
                render::report(&report)
            );
            insta::assert_snapshot!(stem, render::report(&report));
        }
    }
}

#[test]
fn every_passing_fixture_is_clean() {
    for rule in RULES {
        let code = rule.info().code;
        for (stem, doc) in fixtures(code, "pass") {
            let report = check(&doc);
            assert!(
                report.findings.is_empty() && report.pending.is_empty(),
                "{stem}:\n{}",
                render::report(&report)
            );
        }
    }
}

/// The rules added with the reviewer's checks (issue 11) show both sides in two layouts.
#[test]
fn newer_rules_have_two_layouts() {
    for code in [
        "HD105", "HD106", "HD107", "HD108", "HD109", "HD404", "HD405", "HD406", "HD407", "HD408",
        "HD409", "HD410", "HD602", "HD701",
    ] {
        for kind in ["fail", "pass"] {
            assert!(
                fixtures(code, kind).len() >= 2,
                "{code} needs two {kind} fixtures"
            );
        }
    }
}

#[test]
fn every_rule_documents_itself() {
    for rule in RULES {
        let info = rule.info();
        for heading in [
            "## 检查什么",
            "## 为什么",
            "## 不通过的例子",
            "## 通过的例子",
        ] {
            assert!(info.doc.contains(heading), "{} lacks {heading}", info.code);
        }
        assert!(!info.title.is_empty());
    }
    let mut codes: Vec<&str> = RULES.iter().map(|r| r.info().code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), RULES.len(), "a rule is listed twice");
}
