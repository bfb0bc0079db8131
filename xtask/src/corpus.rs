//! `cargo xtask corpus`: imports and checks every real document of the corpus (`corpus/` and the
//! eleven shared texts in `../shared/corpus/`) and prints, per document, the key figures that reached
//! their field, the slips found and missed, error-level findings where the tables tie out, and what
//! the importer could not cover; then the totals. The same measures back the corpus test.

use crate::{root, Failure, Result};
use hedui_core::check::{Finding, Report, Severity};
use hedui_core::import::Imported;
use hedui_core::model::{Document, Indicator, Project};
use hedui_core::text::compact;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// A document's expectations (corpus/README.md).
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Expect {
    pub layout: String,
    pub via: String,
    pub money_unit: String,
    pub project: Vec<ExpectProject>,
    pub total: Vec<ExpectTotal>,
    pub finding: Vec<ExpectFinding>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct ExpectProject {
    pub name: String,
    pub code: String,
    pub budget: String,
    pub fiscal: Option<String>,
    pub other: Option<String>,
    pub mid_budget: String,
    pub sources: Vec<(String, String)>,
    pub indicators: usize,
    pub mid_indicators: usize,
    pub indicator: Vec<ExpectIndicator>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct ExpectIndicator {
    pub name: String,
    pub comparator: String,
    pub value: String,
    pub unit: String,
    pub set: String,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct ExpectTotal {
    pub label: String,
    pub stated: String,
    pub parts: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct ExpectFinding {
    pub grade: String,
    pub rules: Vec<String>,
    pub severity: String,
    pub project: String,
    pub about: String,
}

/// One document of the corpus: its text and expectations.
#[derive(Debug)]
pub struct Entry {
    /// `shared/01_…`, `found/30_…`, `own/01_…`.
    pub id: String,
    pub text_path: PathBuf,
    pub expect: Expect,
}

/// What one document scored.
#[derive(Debug, Default, Clone)]
pub struct Score {
    pub id: String,
    pub layout: String,
    pub via: String,
    pub figures: usize,
    pub figures_found: usize,
    /// Expected budgets (预算数 stated by a table) and how many were read with their sources.
    pub budgets: usize,
    pub budgets_read: usize,
    pub firm: usize,
    pub firm_found: usize,
    /// Error-level findings not explained by an expected FIRM slip.
    pub false_errors: usize,
    pub complete: bool,
    pub projects_expected: usize,
    pub projects_read: usize,
    /// Figures missed, for the detailed listing.
    pub missed: Vec<String>,
    /// FIRM slips missed.
    pub slips_missed: Vec<String>,
    /// The false errors' messages.
    pub false_alarms: Vec<String>,
}

/// Every corpus entry, in order; the shared folder's absence is said, not failed.
pub fn entries() -> Result<(Vec<Entry>, Vec<String>)> {
    let mut out = Vec::new();
    let mut notes = Vec::new();
    let corpus = root().join("corpus");
    // The shared corpus sits beside the checkout (`../shared`); a worktree one level deeper looks
    // one level further up; HEDUI_SHARED names it elsewhere.
    let shared = std::env::var_os("HEDUI_SHARED")
        .map(PathBuf::from)
        .or_else(|| {
            ["../shared/corpus", "../../shared/corpus"]
                .iter()
                .map(|p| root().join(p))
                .find(|p| p.is_dir())
        })
        .unwrap_or_else(|| root().join("../shared/corpus"));
    for folder in ["shared", "found", "own"] {
        let dir = corpus.join(folder);
        let Ok(read) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut tomls: Vec<PathBuf> = read
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        tomls.sort();
        for toml_path in tomls {
            let stem = toml_path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text_path = if folder == "shared" {
                shared.join(format!("{stem}.txt"))
            } else {
                let txt = dir.join(format!("{stem}.txt"));
                if txt.exists() {
                    txt
                } else {
                    dir.join(format!("{stem}.html"))
                }
            };
            if !text_path.exists() {
                if folder == "shared" {
                    if !notes.iter().any(|n: &String| n.contains("shared")) {
                        notes.push(format!(
                            "跳过 corpus/shared：找不到 {}（共享语料不在此机器上）",
                            shared.display()
                        ));
                    }
                    continue;
                }
                return Err(Failure(format!(
                    "{} has no .txt or .html beside it",
                    toml_path.display()
                )));
            }
            let raw = std::fs::read_to_string(&toml_path)?;
            let expect: Expect = toml::from_str(&raw)
                .map_err(|e| Failure(format!("{}: {e}", toml_path.display())))?;
            out.push(Entry {
                id: format!("{folder}/{stem}"),
                text_path,
                expect,
            });
        }
    }
    Ok((out, notes))
}

/// Imports a corpus text the way the page would: HTML as the clipboard's HTML, text as text.
pub fn import(path: &Path) -> Result<Imported> {
    let mut text = std::fs::read_to_string(path)?;
    // The shared texts open with two lines about where they were published (EXPECT.md): not part
    // of what a user pastes.
    if path.components().any(|c| c.as_os_str() == "shared") {
        text = text.splitn(3, '\n').nth(2).unwrap_or_default().to_owned();
    }
    Ok(if path.extension().is_some_and(|e| e == "html") {
        hedui_core::import::import_html(&text)
    } else {
        hedui_core::import::import_text(&text)
    })
}

/// The first number in a text, as written digits (separators dropped): `3,309,840.00` → `3309840.00`.
fn first_number(s: &str) -> Option<rust_decimal::Decimal> {
    let k = compact(s).replace(',', "");
    let start = k.find(|c: char| c.is_ascii_digit())?;
    let tail = k.get(start..)?;
    let end = tail
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(tail.len());
    tail.get(..end)?.trim_end_matches('.').parse().ok()
}

/// Two amounts are the same figure (whatever the separators, trailing zeros or unit suffix).
fn same_amount(expected: &str, read: &str) -> bool {
    match (first_number(expected), first_number(read)) {
        (Some(a), Some(b)) => a == b,
        (None, _) => compact(read) == compact(expected),
        _ => false,
    }
}

fn stated(v: Option<&String>) -> Option<&str> {
    v.map(String::as_str).filter(|v| !v.trim().is_empty())
}

fn same_name(expected: &str, read: &str) -> bool {
    let (e, r) = (compact(expected), compact(read));
    !e.is_empty() && !r.is_empty() && (e == r || r.contains(&e) || e.contains(&r))
}

fn find_project<'d>(doc: &'d Document, name: &str) -> Option<(usize, &'d Project)> {
    let exact = doc
        .projects
        .iter()
        .enumerate()
        .find(|(_, p)| compact(&p.name) == compact(name));
    exact.or_else(|| {
        doc.projects
            .iter()
            .enumerate()
            .find(|(_, p)| same_name(name, &p.name))
    })
}

fn indicator_matches(e: &ExpectIndicator, ind: &Indicator) -> bool {
    // Layouts without 三级指标 name an indicator by its 二级 (Zhejiang's 指标名称).
    let named = same_name(&e.name, ind.name())
        || (ind.level3.trim().is_empty() && same_name(&e.name, &ind.level2));
    if !named {
        return false;
    }
    let written = format!("{}{}{}", ind.comparator, ind.value, ind.unit);
    let value_ok = if e.value.chars().any(|c| c.is_ascii_digit()) {
        same_amount(&e.value, &ind.value) || same_amount(&e.value, &written)
    } else {
        compact(&written).contains(&compact(&e.value))
    };
    let unit_ok = e.unit.trim().is_empty() || compact(&written).contains(&compact(&e.unit));
    value_ok && unit_ok
}

fn severity_rank(s: Severity) -> u8 {
    match s {
        Severity::Error => 3,
        Severity::Warning => 2,
        Severity::Info => 1,
    }
}

fn wanted_rank(s: &str) -> u8 {
    match s {
        "error" => 3,
        "warning" => 2,
        _ => 1,
    }
}

fn in_project(f: &Finding, doc: &Document, project: &str) -> bool {
    project.trim().is_empty()
        || f.project_index
            .and_then(|i| doc.projects.get(i))
            .is_none_or(|p| same_name(project, &p.name))
}

/// Scores one document.
pub fn score(entry: &Entry, imported: &Imported, report: &Report) -> Score {
    let doc = &imported.document;
    let e = &entry.expect;
    let mut s = Score {
        id: entry.id.clone(),
        layout: e.layout.clone(),
        via: e.via.clone(),
        complete: imported.coverage.complete,
        projects_expected: e.project.len(),
        projects_read: doc.projects.len(),
        ..Score::default()
    };
    for ep in &e.project {
        let found = find_project(doc, &ep.name);
        let mut check = |what: String, ok: bool| {
            s.figures += 1;
            if ok {
                s.figures_found += 1;
            } else {
                s.missed.push(what);
            }
        };
        check(format!("项目名称 {}", ep.name), found.is_some());
        let p = found.map(|(_, p)| p);
        if !ep.code.trim().is_empty() {
            check(
                format!("{} 项目编码 {}", ep.name, ep.code),
                p.is_some_and(|p| compact(&p.code) == compact(&ep.code)),
            );
        }
        let mut budget_ok = true;
        if !ep.budget.trim().is_empty() {
            let ok = p.is_some_and(|p| same_amount(&ep.budget, &p.budget.total));
            budget_ok &= ok;
            check(format!("{} 预算数 {}", ep.name, ep.budget), ok);
        }
        if let Some(v) = stated(ep.fiscal.as_ref()) {
            let ok = p.is_some_and(|p| same_amount(v, &p.budget.fiscal));
            budget_ok &= ok;
            check(format!("{} 财政资金 {v}", ep.name), ok);
        }
        if let Some(v) = stated(ep.other.as_ref()) {
            let ok = p.is_some_and(|p| same_amount(v, &p.budget.other));
            budget_ok &= ok;
            check(format!("{} 其他资金 {v}", ep.name), ok);
        }
        if !ep.mid_budget.trim().is_empty() {
            check(
                format!("{} 中期资金 {}", ep.name, ep.mid_budget),
                p.is_some_and(|p| same_amount(&ep.mid_budget, &p.mid_budget.total)),
            );
        }
        for (label, amount) in &ep.sources {
            if amount.trim().is_empty() {
                continue;
            }
            let ok = p.is_some_and(|p| {
                [&p.budget, &p.mid_budget].iter().any(|b| {
                    b.sources.iter().any(|s| same_amount(amount, &s.amount))
                        || same_amount(amount, &b.fiscal)
                        || same_amount(amount, &b.other)
                })
            });
            budget_ok &= ok;
            check(format!("{} {label} {amount}", ep.name), ok);
        }
        if !ep.budget.trim().is_empty() {
            s.budgets += 1;
            if budget_ok {
                s.budgets_read += 1;
            }
        }
        for ei in &ep.indicator {
            let ok = p.is_some_and(|p| {
                let rows: Vec<&Indicator> = if ei.set == "mid" {
                    p.mid_indicators.iter().collect()
                } else {
                    p.indicators.iter().chain(&p.mid_indicators).collect()
                };
                rows.iter().any(|i| indicator_matches(ei, i))
            });
            check(
                format!(
                    "{} 指标 {} {}{}{}",
                    ep.name, ei.name, ei.comparator, ei.value, ei.unit
                ),
                ok,
            );
        }
    }
    score_findings(e, doc, report, &mut s);
    s
}

/// FIRM slips found, and error-level findings that no FIRM slip explains.
fn score_findings(e: &Expect, doc: &Document, report: &Report, s: &mut Score) {
    let firm: Vec<&ExpectFinding> = e.finding.iter().filter(|f| f.grade == "FIRM").collect();
    for f in &firm {
        s.firm += 1;
        // A slip two rules see is one finding: the other rule's message is folded into it
        // (`另见 HD106：…`), shown to the user at that finding's severity.
        let found = report.findings.iter().any(|r| {
            let named = f
                .rules
                .iter()
                .any(|code| code == r.rule || r.also.iter().any(|a| a.starts_with(code.as_str())));
            named
                && severity_rank(r.severity) >= wanted_rank(&f.severity)
                && in_project(r, doc, &f.project)
        });
        if found {
            s.firm_found += 1;
        } else {
            s.slips_missed.push(format!("{:?} {}", f.rules, f.about));
        }
    }
    for r in report
        .findings
        .iter()
        .filter(|r| r.severity == Severity::Error)
    {
        let explained = firm
            .iter()
            .any(|f| f.rules.iter().any(|code| code == r.rule) && in_project(r, doc, &f.project));
        if !explained {
            s.false_errors += 1;
            s.false_alarms.push(format!(
                "{} {}",
                r.rule,
                r.message.chars().take(80).collect::<String>()
            ));
        }
    }
}

/// Imports, checks and scores every entry.
pub fn run_all() -> Result<(Vec<Score>, Vec<String>)> {
    let (entries, notes) = entries()?;
    let mut scores = Vec::new();
    for entry in &entries {
        let imported = import(&entry.text_path)?;
        let report = hedui_core::check(&imported.document);
        scores.push(score(entry, &imported, &report));
    }
    Ok((scores, notes))
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "—".to_owned()
    } else {
        #[allow(clippy::cast_precision_loss)] // counts far below 2^52
        let p = a as f64 * 100.0 / b as f64;
        format!("{p:.0}%")
    }
}

/// The totals over all scores.
pub fn totals(scores: &[Score]) -> Score {
    let mut t = Score {
        id: "合计".to_owned(),
        ..Score::default()
    };
    for s in scores {
        t.figures += s.figures;
        t.figures_found += s.figures_found;
        t.budgets += s.budgets;
        t.budgets_read += s.budgets_read;
        t.firm += s.firm;
        t.firm_found += s.firm_found;
        t.false_errors += s.false_errors;
        t.projects_expected += s.projects_expected;
        t.projects_read += s.projects_read;
        t.complete |= s.complete;
    }
    t
}

/// A compact listing of what was imported, for `--dump`.
fn dump(imported: &Imported) {
    let d = &imported.document;
    println!(
        "  source {} · unit {} · year {} · title {}",
        imported.source, d.money_unit, d.year, d.title
    );
    for p in &d.projects {
        println!(
            "  [{}] code {} · 年度 {} = {} + {} {:?} · 中期 {} · goals {} · mid goals {}",
            p.name,
            p.code,
            p.budget.total,
            p.budget.fiscal,
            p.budget.other,
            p.budget
                .sources
                .iter()
                .map(|s| format!("{}={}", s.label, s.amount))
                .collect::<Vec<_>>(),
            p.mid_budget.total,
            p.goals.len(),
            p.mid_goals.len()
        );
        if !p.mid_budget.sources.is_empty() || !p.mid_budget.fiscal.is_empty() {
            println!(
                "    中期 {} = {} + {} {:?}",
                p.mid_budget.total,
                p.mid_budget.fiscal,
                p.mid_budget.other,
                p.mid_budget
                    .sources
                    .iter()
                    .map(|s| format!("{}={} in {}", s.label, s.amount, s.within))
                    .collect::<Vec<_>>()
            );
        }
        for s in &p.budget.sources {
            println!(
                "    source {} = {} (within {})",
                s.label, s.amount, s.within
            );
        }
        for c in &p.costs {
            println!("    cost {} = {} ({})", c.item, c.amount, c.basis);
        }
        for s in &p.spending {
            println!("    share {} = {} ({})", s.label, s.amount, s.share);
        }
        for t in &p.tasks {
            println!("    task {} = {}", t.name, t.amount);
        }
        if !p.summary.is_empty() {
            println!(
                "    summary {}",
                p.summary.chars().take(300).collect::<String>()
            );
        }
        for g in p.mid_goals.iter().chain(&p.goals) {
            println!("    goal {}", g.chars().take(120).collect::<String>());
        }
        for (set, rows) in [("年度", &p.indicators), ("中期", &p.mid_indicators)] {
            for i in rows {
                println!(
                    "    {set} {} | {} | {} | {} | {}{}{} | w{} d{} | {}",
                    i.level1,
                    i.level2,
                    i.level3,
                    i.description,
                    i.comparator,
                    i.value,
                    i.unit,
                    i.weight,
                    i.direction,
                    i.basis
                );
            }
        }
    }
    for t in &d.tables {
        println!(
            "  table {} ({}), {} heading rows",
            t.title, t.unit, t.header_rows
        );
        for r in &t.rows {
            println!("    | {}", r.join(" | "));
        }
    }
    for u in imported.unplaced.iter().take(12) {
        println!(
            "  unplaced {}: {}",
            u.line,
            u.text.chars().take(70).collect::<String>()
        );
    }
}

/// `cargo xtask corpus [--verbose] [--dump] [FILTER…]`.
pub fn corpus(args: &[String]) -> Result {
    let verbose = args.iter().any(|a| a == "--verbose" || a == "-v");
    if args.iter().any(|a| a == "--dump") {
        let (entries, _) = entries()?;
        for e in entries.iter().filter(|e| {
            args.iter()
                .any(|a| !a.starts_with('-') && e.id.contains(a.as_str()))
        }) {
            println!("{}", e.id);
            let imported = import(&e.text_path)?;
            dump(&imported);
            let report = hedui_core::check(&imported.document);
            for f in report.findings.iter().chain(&report.pending) {
                println!(
                    "  finding {} {} [{}] {}",
                    f.rule,
                    f.severity.key(),
                    f.fields
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(" "),
                    f.message
                );
            }
        }
        return Ok(());
    }
    let filter: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let (scores, notes) = run_all()?;
    for n in &notes {
        println!("{n}");
    }
    println!(
        "{:<58} {:<12} {:<10} {:>9} {:>7} {:>7} {:>6} {:>8}",
        "document", "layout", "via", "figures", "budget", "slips", "false", "coverage"
    );
    let mut shown = Vec::new();
    for s in &scores {
        if !filter.is_empty() && !filter.iter().any(|f| s.id.contains(f.as_str())) {
            continue;
        }
        shown.push(s.clone());
        let id: String = s.id.chars().take(58).collect();
        println!(
            "{:<58} {:<12} {:<10} {:>4}/{:<4} {:>3}/{:<3} {:>3}/{:<3} {:>6} {:>8}",
            id,
            s.layout,
            s.via,
            s.figures_found,
            s.figures,
            s.budgets_read,
            s.budgets,
            s.firm_found,
            s.firm,
            s.false_errors,
            if s.complete { "complete" } else { "partial" }
        );
        if verbose {
            for m in &s.missed {
                println!("      missed figure: {m}");
            }
            for m in &s.slips_missed {
                println!("      missed slip: {m}");
            }
            for m in &s.false_alarms {
                println!("      false error: {m}");
            }
        }
    }
    let t = totals(&shown);
    let complete = shown.iter().filter(|s| s.complete).count();
    println!(
        "\n{} documents: key figures {}/{} ({}), budgets read with their sources {}/{} ({}), FIRM slips found {}/{} ({}), false error-level findings {}, complete coverage {}/{}",
        shown.len(),
        t.figures_found,
        t.figures,
        pct(t.figures_found, t.figures),
        t.budgets_read,
        t.budgets,
        pct(t.budgets_read, t.budgets),
        t.firm_found,
        t.firm,
        pct(t.firm_found, t.firm),
        t.false_errors,
        complete,
        shown.len()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_compare_whatever_the_writing() {
        assert!(same_amount("3309840.00", "3,309,840.00"));
        assert!(same_amount("2350", "2350万元"));
        assert!(same_amount("9", "9.00"));
        assert!(!same_amount("468.84", "468.48"));
        assert!(!same_amount("20", ""));
    }
}
