//! Reading files and printing results, as text for a terminal or as JSON for other tools.

use hedui_core::import::{import_text, Imported, Unplaced};
use hedui_core::rules::Rule;
use hedui_core::{check, render, saved, Report, Severity};
use serde_json::{json, Value};
use std::fmt::Write;

/// How results are printed.
#[derive(Debug, Clone, Copy)]
pub enum Format {
    Text,
    Json,
}

/// One file's check, or why it could not be read.
pub struct FileResult {
    pub path: String,
    pub outcome: Result<(usize, Report), String>,
    /// For pasted text (.txt): what the importer could not place, and its notes.
    pub import: Option<(Vec<Unplaced>, Vec<String>)>,
}

impl FileResult {
    pub fn has_error(&self) -> bool {
        matches!(&self.outcome, Ok((_, r)) if r.count(Severity::Error) > 0)
    }
}

/// Reads and checks one file.
pub fn check_file(path: &str) -> FileResult {
    let mut import = None;
    let outcome = read(path).map(|loaded| {
        let doc = match loaded {
            Loaded::Saved(doc) => doc,
            Loaded::Text(imported) => {
                import = Some((imported.unplaced, imported.notes));
                imported.document
            }
        };
        (doc.projects.len(), check(&doc))
    });
    FileResult {
        path: path.to_owned(),
        outcome,
        import,
    }
}

/// A file as read: a saved document, or pasted text run through the importer.
pub enum Loaded {
    Saved(hedui_core::Document),
    Text(Imported),
}

/// Reads a `.json` saved file, a `.txt` of pasted text, or an Excel / Word file (`.xlsx`, `.xls`,
/// `.docx`) through hedui-files and the same importer as the page.
pub fn read(path: &str) -> Result<Loaded, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_message(&e))?;
    if hedui_files::is_office_name(path) {
        if meta.len() > hedui_files::limits::MAX_FILE_BYTES as u64 {
            return Err(hedui_files::FileError::TooLarge {
                bytes: usize::try_from(meta.len()).unwrap_or(usize::MAX),
            }
            .to_string());
        }
        let bytes = std::fs::read(path).map_err(|e| io_message(&e))?;
        let opened = hedui_files::read(path, &bytes).map_err(|e| e.to_string())?;
        let mut imported = hedui_files::bridge::import_grids(&opened.grids);
        let mut notes = opened.notes;
        notes.append(&mut imported.notes);
        imported.notes = notes;
        return Ok(Loaded::Text(imported));
    }
    if meta.len() > saved::MAX_BYTES as u64 {
        return Err(
            saved::LoadError::TooLarge(usize::try_from(meta.len()).unwrap_or(usize::MAX))
                .to_string(),
        );
    }
    let bytes = std::fs::read(path).map_err(|e| io_message(&e))?;
    let text = String::from_utf8(bytes).map_err(|_| "不是 UTF-8 编码的文本文件".to_owned())?;
    let ext = std::path::Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    if ext.eq_ignore_ascii_case("json") {
        saved::from_json(&text)
            .map(Loaded::Saved)
            .map_err(|e| e.to_string())
    } else if ext.eq_ignore_ascii_case("txt") {
        Ok(Loaded::Text(import_text(&text)))
    } else {
        Err(
            "只能核对 .json 保存文件、.txt 文本文件，或 Excel（.xlsx/.xls）、Word（.docx）文件"
                .to_owned(),
        )
    }
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".to_owned(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_owned(),
        _ => e.to_string(),
    }
}

/// Results for a terminal.
pub fn text(results: &[FileResult]) -> String {
    let mut out = String::new();
    for r in results {
        match &r.outcome {
            Ok((projects, report)) => {
                let _ = writeln!(out, "== {}（{projects} 个项目）", r.path);
                if let Some((unplaced, notes)) = &r.import {
                    out.push_str(&import_summary(unplaced, notes));
                }
                out.push_str(&render::report(report));
            }
            Err(e) => {
                let _ = writeln!(out, "== {}\n无法读取：{e}", r.path);
            }
        }
        out.push('\n');
    }
    out
}

/// Results as JSON: `{"files":[{"path","projects","findings":[…]}]}`.
pub fn json(results: &[FileResult]) -> Value {
    let files: Vec<Value> = results
        .iter()
        .map(|r| match &r.outcome {
            Ok((projects, report)) => json!({
                "path": r.path,
                "projects": projects,
                "findings": report.findings.iter().map(|f| json!({
                    "rule": f.rule,
                    "severity": f.severity.key(),
                    "project": f.project,
                    "fields": f.fields.iter().map(ToString::to_string).collect::<Vec<_>>(),
                    "message": f.message,
                    "suggestion": f.suggestion.as_ref().map(|s| json!({
                        "field": s.field.to_string(),
                        "from": s.from,
                        "to": s.to,
                    })),
                    "context": f.context.iter().map(ToString::to_string).collect::<Vec<_>>(),
                    "also": f.also,
                })).collect::<Vec<_>>(),
                "coverage": {
                    "complete": report.coverage.complete,
                    "missing": report.coverage.missing,
                },
                "unplaced": r.import.as_ref().map(|(u, _)| u),
                "import_notes": r.import.as_ref().map(|(_, n)| n),
                "pending": report.pending.iter().map(|f| json!({
                    "rule": f.rule,
                    "project": f.project,
                    "fields": f.fields.iter().map(ToString::to_string).collect::<Vec<_>>(),
                    "message": f.message,
                })).collect::<Vec<_>>(),
            }),
            Err(e) => json!({ "path": r.path, "error": e }),
        })
        .collect();
    json!({ "files": files })
}

/// What an import could not place, line by line, and its notes.
pub fn import_summary(unplaced: &[Unplaced], notes: &[String]) -> String {
    let mut out = String::new();
    for n in notes {
        let _ = writeln!(out, "导入说明：{n}");
    }
    for u in unplaced {
        let _ = writeln!(out, "未归入（第 {} 行）：{}", u.line, u.text);
    }
    out
}

/// The rule catalogue, from the rules' own documentation.
pub fn catalogue(rules: &[&dyn Rule]) -> String {
    let mut out = String::new();
    for rule in rules {
        let info = rule.info();
        let _ = writeln!(out, "{} {}（{}）\n", info.code, info.title, info.severity);
        for line in info.doc.lines() {
            let _ = writeln!(out, "    {line}");
        }
        out.push('\n');
    }
    out
}
