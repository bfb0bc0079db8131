//! `hedui`: the checker for reviewers, over many files at once.
//!
//! ```text
//! hedui check [--format text|json] FILE...   check saved documents (.json), pasted text (.txt),
//!                                            Excel (.xlsx/.xls) and Word (.docx) files
//! hedui import FILE [-o FILE.json]           convert pasted text or an Excel/Word file to the
//!                                            saved-file format
//! hedui rules                                the rule catalogue, from the rules' own docs
//! hedui report FILE... -o report.html        the batch review report (审核意见) as one HTML file
//! hedui diff LAST THIS                       this year against last (对比上年)
//! ```
//! Exit status: 0 when every file was checked with no error-severity finding, 1 when a file has
//! one, 3 when a file holds no recognised project (nothing was checked), 2 when a file cannot be
//! read; the highest-priority of these wins: 2, then 3, then 1.
//! Whatever is printed has its control characters and escape sequences removed (see [`terminal`]).

mod desk;
mod output;
mod terminal;

use hedui_core::rules::RULES;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "用法 / usage:
  hedui check [--format text|json] FILE...   核对文件（.json 保存文件、.txt 粘贴文本、.xlsx/.xls/.docx）
  hedui import FILE [-o FILE.json]           把粘贴文本或 Excel/Word 文件转换为保存文件（未能识别的内容列在 stderr）
  hedui rules                                列出全部规则
  hedui report FILE... -o 报告.html          批量核对并写出审核意见（单个 HTML 文件）
  hedui diff 上年文件 本年文件               对比上年：逐个项目列出变化和需要说明的问题

退出码：0 无错误；1 有错误级别的问题；3 有文件未识别出任何项目表或未能完整核对；2 有文件无法读取";

fn main() -> ExitCode {
    // Arguments as the system gives them: a file name need not be UTF-8 (a GBK name unpacked from
    // a Windows archive), and such a name must open, not crash the program.
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    match args.first().and_then(|a| a.to_str()) {
        Some("check") => check(args.get(1..).unwrap_or_default()),
        Some("import") => import(args.get(1..).unwrap_or_default()),
        Some("report") => desk::report(args.get(1..).unwrap_or_default()),
        Some("diff") => desk::diff(args.get(1..).unwrap_or_default()),
        Some("rules") => {
            out(&output::catalogue(RULES));
            ExitCode::SUCCESS
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            err(USAGE);
            ExitCode::from(2)
        }
    }
}

/// Prints to stdout what files may have put in it, made harmless for a terminal.
fn out(s: &str) {
    print!("{}", terminal::clean(s));
}

/// Prints a line to stderr, made harmless for a terminal.
fn err(s: &str) {
    eprintln!("{}", terminal::clean(s));
}

fn check(args: &[OsString]) -> ExitCode {
    let mut format = output::Format::Text;
    let mut files = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let chosen = match a.to_str() {
            Some("--format") => it.next().and_then(|f| f.to_str()),
            Some(f) if f.starts_with("--format=") => f.get("--format=".len()..),
            _ => {
                files.push(PathBuf::from(a));
                continue;
            }
        };
        format = match chosen {
            Some("json") => output::Format::Json,
            Some("text") => output::Format::Text,
            other => {
                err(&format!(
                    "hedui: --format 只能是 text 或 json，而不是 {other:?}"
                ));
                return ExitCode::from(2);
            }
        };
    }
    if files.is_empty() {
        err(&format!("hedui check: 请给出要核对的文件\n\n{USAGE}"));
        return ExitCode::from(2);
    }
    let results: Vec<output::FileResult> = files.iter().map(|f| output::check_file(f)).collect();
    match format {
        output::Format::Text => out(&output::text(&results)),
        output::Format::Json => println!(
            "{}",
            terminal::json_safe(&output::json(&results).to_string())
        ),
    }
    for r in &results {
        if let Err(e) = &r.outcome {
            err(&format!("hedui: 无法读取 {}：{e}", r.path));
        } else if r.no_projects() {
            err(&format!("hedui: {}：{}", r.path, output::NO_PROJECTS));
        } else if let Some(headline) = r.incomplete() {
            err(&format!("hedui: {}：未能完整核对，{headline}", r.path));
        }
    }
    if results.iter().any(|r| r.outcome.is_err()) {
        ExitCode::from(2)
    } else if results
        .iter()
        .any(|r| r.no_projects() || r.incomplete().is_some())
    {
        ExitCode::from(3)
    } else if results.iter().any(output::FileResult::has_error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Whether `a` and `b` name the same file (through links, `..` or another spelling); `false`
/// when either does not exist.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (ma, mb);
        matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        )
    }
}

fn import(args: &[OsString]) -> ExitCode {
    let mut inputs = Vec::new();
    let mut output = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if matches!(a.to_str(), Some("-o" | "--output")) {
            let Some(path) = it.next() else {
                err(&format!(
                    "hedui import: -o 后面应写保存文件的路径\n\n{USAGE}"
                ));
                return ExitCode::from(2);
            };
            output = Some(PathBuf::from(path));
        } else {
            inputs.push(PathBuf::from(a));
        }
    }
    let input = match inputs.as_slice() {
        [one] => one.clone(),
        [] => {
            err(&format!(
                "hedui import: 请给出要转换的 .txt、.xlsx、.xls 或 .docx 文件\n\n{USAGE}"
            ));
            return ExitCode::from(2);
        }
        _ => {
            err("hedui import: 一次只能转换一个文件");
            return ExitCode::from(2);
        }
    };
    if let Some(path) = &output {
        if same_file(&input, path) {
            err(&format!(
                "hedui import: 输出文件 {} 就是输入文件，写入会覆盖原文：请换一个文件名",
                path.display()
            ));
            return ExitCode::from(2);
        }
    }
    let imported = match output::read(&input) {
        Ok(opened) => match opened.contents {
            hedui_core::open::Contents::Text(imported) => imported,
            hedui_core::open::Contents::Saved(_) => {
                err(&format!("hedui import: {} 已经是保存文件", input.display()));
                return ExitCode::from(2);
            }
        },
        Err(e) => {
            err(&format!("hedui: 无法读取 {}：{e}", input.display()));
            return ExitCode::from(2);
        }
    };
    eprint!(
        "{}",
        terminal::clean(&output::import_summary(&imported.unplaced, &imported.notes))
    );
    let json = hedui_core::saved::to_json(&imported.document);
    let projects = imported.document.projects.len();
    match output {
        Some(path) => {
            if let Err(e) = std::fs::write(&path, json + "\n") {
                err(&format!("hedui: 无法写入 {}：{e}", path.display()));
                return ExitCode::from(2);
            }
            err(&format!(
                "已写入 {}：{projects} 个项目，{} 行未归入",
                path.display(),
                imported.unplaced.len()
            ));
        }
        None => println!("{}", terminal::json_safe(&json)),
    }
    if projects == 0 {
        err(&format!(
            "hedui: {}：{}",
            input.display(),
            output::NO_PROJECTS
        ));
        return ExitCode::from(3);
    }
    ExitCode::SUCCESS
}
