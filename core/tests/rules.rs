//! The (rule, fixture) table: every rule in the catalogue has a failing and a passing fixture
//! under `tests/rules/`. The failing one must raise that rule, the passing one must raise nothing
//! at all, and the failing one's rendered findings are an insta snapshot reviewed like code.

use hedui_core::rules::RULES;
use hedui_core::{check, render, Document};
use std::path::PathBuf;

fn fixture(code: &str, kind: &str) -> Document {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/rules")
        .join(format!("{}_{kind}.json", code.to_lowercase()));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{code} has no {kind} fixture at {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_rule_fails_on_its_failing_fixture() {
    for rule in RULES {
        let code = rule.info().code;
        let report = check(&fixture(code, "fail"));
        let raised = report
            .findings
            .iter()
            .any(|f| f.rule == code || f.also.iter().any(|a| a.starts_with(code)));
        assert!(raised, "{code} not raised:\n{}", render::report(&report));
        insta::assert_snapshot!(
            format!("{}_fail", code.to_lowercase()),
            render::report(&report)
        );
    }
}

#[test]
fn every_passing_fixture_is_clean() {
    for rule in RULES {
        let code = rule.info().code;
        let report = check(&fixture(code, "pass"));
        assert!(
            report.findings.is_empty() && report.pending.is_empty(),
            "{code} pass fixture:\n{}",
            render::report(&report)
        );
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
    codes.dedup();
    assert_eq!(codes.len(), RULES.len(), "a rule is listed twice");
}
