//! Reading files and printing results, as text for a terminal or as JSON for other tools.

use hedui_core::encoding::Encoding;
use hedui_core::import::Unplaced;
use hedui_core::open::{open, Contents, FileKind, OpenError, Opened, MAX_FILE_BYTES};
use hedui_core::rules::Rule;
use hedui_core::{check, render, Report, Severity};
use serde_json::{json, Value};
use std::fmt::Write;
use std::io::Read;
use std::path::Path;

/// How results are printed.
#[derive(Debug, Clone, Copy)]
pub enum Format {
    Text,
    Json,
}

/// One file's check, or why it could not be read.
pub struct FileResult {
    pub path: String,
    pub outcome: Result<Checked, String>,
    /// For pasted text (.txt): what the importer could not place, and its notes.
    pub import: Option<(Vec<Unplaced>, Vec<String>)>,
}

/// A file that was read and checked.
pub struct Checked {
    pub projects: usize,
    pub report: Report,
    pub encoding: Encoding,
}

impl FileResult {
    pub fn has_error(&self) -> bool {
        matches!(&self.outcome, Ok(c) if c.report.count(Severity::Error) > 0)
    }

    /// Read, but no project table was recognised in it: nothing was checked, which is no pass.
    pub fn no_projects(&self) -> bool {
        matches!(&self.outcome, Ok(c) if c.projects == 0)
    }

    /// Read, but some key part of a project could not be read (no budget, no indicator table …):
    /// the rules that need it did not run, so the file has not passed either. The headline says
    /// what is missing.
    pub fn incomplete(&self) -> Option<String> {
        match &self.outcome {
            Ok(c) if c.projects > 0 => c.report.coverage.headline(),
            _ => None,
        }
    }
}

/// What a file with no project says, in the text report and in JSON.
pub const NO_PROJECTS: &str =
    "没有识别出任何项目表，未能核对：请确认这是部门预算绩效文本或核对 hedui 保存的文件";

/// Reads and checks one file.
pub fn check_file(path: &Path) -> FileResult {
    let mut import = None;
    let outcome = read(path).map(|opened| {
        let encoding = opened.encoding;
        let doc = match opened.contents {
            Contents::Saved(doc) => doc,
            Contents::Text(imported) => {
                import = Some((imported.unplaced, imported.notes));
                imported.document
            }
        };
        Checked {
            projects: doc.projects.len(),
            report: check(&doc),
            encoding,
        }
    });
    FileResult {
        path: path.to_string_lossy().into_owned(),
        outcome,
        import,
    }
}

/// Reads a file's bytes: only a regular file (a directory, a device such as `/dev/zero` or a pipe
/// is refused before it is opened, and the opened file is looked at again), and never more than
/// `limit` bytes (the reading stops there, whatever the size the file claimed); `too_large` says
/// how large a file was refused.
pub fn read_bytes(
    path: &Path,
    limit: usize,
    too_large: impl Fn(usize) -> String,
) -> Result<Vec<u8>, String> {
    let not_regular = |meta: &std::fs::Metadata| {
        if meta.is_dir() {
            Some("是文件夹，不是文件".to_owned())
        } else if !meta.is_file() {
            Some("不是普通文件（设备、管道或套接字），不读取".to_owned())
        } else {
            None
        }
    };
    let meta = std::fs::metadata(path).map_err(|e| io_message(&e))?;
    if let Some(why) = not_regular(&meta) {
        return Err(why);
    }
    if meta.len() > limit as u64 {
        return Err(too_large(usize::try_from(meta.len()).unwrap_or(usize::MAX)));
    }
    let file = std::fs::File::open(path).map_err(|e| io_message(&e))?;
    // The path may name something else by now: judge the file that was opened.
    if let Some(why) = file.metadata().ok().as_ref().and_then(not_regular) {
        return Err(why);
    }
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_message(&e))?;
    if bytes.len() > limit {
        return Err(too_large(bytes.len()));
    }
    Ok(bytes)
}

/// Decodes GB18030 (and so GBK) for the core, which carries no table of its own.
pub fn gb18030(bytes: &[u8]) -> Option<String> {
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(std::borrow::Cow::into_owned)
}

/// Reads a `.json` saved file, a `.txt` of pasted text in any encoding the core knows, or an Excel /
/// Word file (`.xlsx`, `.xls`, `.docx`) through hedui-files and the same importer as the page.
pub fn read(path: &Path) -> Result<Opened, String> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // The kind is known from the name: a spreadsheet is not read only to be refused.
    match FileKind::of_name(&name) {
        None => return Err(OpenError::Unsupported.to_string()),
        Some(kind) if kind.needs_reader() => return read_office(path, &name),
        Some(FileKind::Pdf) => return Err(OpenError::Pdf.to_string()),
        Some(_) => {}
    }
    let bytes = read_bytes(path, MAX_FILE_BYTES, |n| OpenError::TooLarge(n).to_string())?;
    open(&name, &bytes, &gb18030).map_err(|e| e.to_string())
}

/// An Excel or Word file, read into grids by hedui-files and mapped by the page's importer.
fn read_office(path: &Path, name: &str) -> Result<Opened, String> {
    let bytes = read_bytes(path, hedui_files::limits::MAX_FILE_BYTES, |bytes| {
        hedui_files::FileError::TooLarge { bytes }.to_string()
    })?;
    let opened = hedui_files::read(name, &bytes).map_err(|e| e.to_string())?;
    let mut imported = hedui_files::bridge::import_grids(&opened.grids);
    let mut notes = opened.notes;
    notes.append(&mut imported.notes);
    imported.notes = notes;
    Ok(Opened {
        contents: Contents::Text(imported),
        encoding: Encoding::Utf8,
    })
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
            Ok(c) => {
                let encoding = if c.encoding == Encoding::Utf8 {
                    String::new()
                } else {
                    format!("，编码 {}", c.encoding.label())
                };
                let _ = writeln!(out, "== {}（{} 个项目{encoding}）", r.path, c.projects);
                if let Some((unplaced, notes)) = &r.import {
                    out.push_str(&import_summary(unplaced, notes));
                }
                if c.projects == 0 {
                    let _ = writeln!(out, "{NO_PROJECTS}");
                }
                out.push_str(&render::report(&c.report));
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
            Ok(Checked {
                projects,
                report,
                encoding,
            }) => json!({
                "path": r.path,
                "projects": projects,
                "encoding": encoding.label(),
                "no_projects": *projects == 0,
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
