//! Findings as plain text: what the CLI prints and what the rule snapshots record.

use crate::check::Report;
use crate::finding::Finding;
use std::fmt::Write;

/// One finding over a few lines: `HD103 错误 [劳模基金] projects[0].goals[1]`, the message, the
/// suggestion and what other rules said of the same fault.
pub fn finding(f: &Finding) -> String {
    let mut out = format!("{} {}", f.rule, f.severity.label());
    if let Some(p) = &f.project {
        let _ = write!(out, " [{p}]");
    }
    for field in &f.fields {
        let _ = write!(out, " {field}");
    }
    let _ = write!(out, "\n  {}", f.message);
    if let Some(s) = &f.suggestion {
        let _ = write!(
            out,
            "\n  建议：{} → {}（是否应为 {}？）",
            s.from, s.to, s.to
        );
    }
    for a in &f.also {
        let _ = write!(out, "\n  另见 {a}");
    }
    out
}

/// A whole report: what could not be read, findings, then the checks still waiting for input,
/// then a one-line summary.
pub fn report(r: &Report) -> String {
    let mut out = String::new();
    for gap in &r.coverage.missing {
        let _ = writeln!(out, "未能核对 {gap}");
    }
    for f in &r.findings {
        out.push_str(&finding(f));
        out.push('\n');
    }
    for p in &r.pending {
        let _ = writeln!(out, "待补充 {}", finding(p));
    }
    out.push_str(&summary(r));
    out.push('\n');
    out
}

/// `13 条规则，核对 41 处：2 个错误，3 个警告，0 个提示`, and what could not be read.
pub fn summary(r: &Report) -> String {
    use crate::finding::Severity;
    let counts = format!(
        "{} 条规则，核对 {} 处：{} 个错误，{} 个警告，{} 个提示，{} 处待补充",
        r.counts.len(),
        r.places(),
        r.count(Severity::Error),
        r.count(Severity::Warning),
        r.count(Severity::Info),
        r.pending.len()
    );
    match r.coverage.headline() {
        Some(gap) => format!("{counts}；{gap}"),
        None => counts,
    }
}

/// The verdict a summary may give: `未发现问题` only when every key part was read and nothing was
/// found; otherwise what stands in the way.
pub fn verdict(r: &Report) -> Option<String> {
    if let Some(gap) = r.coverage.headline() {
        return Some(gap);
    }
    (r.findings.is_empty() && r.pending.is_empty()).then(|| "未发现问题".to_owned())
}
