//! `hedui`: the checker for reviewers, over many files at once.
//!
//! ```text
//! hedui check [--format text|json] FILE...   check saved documents (.json) or pasted text (.txt)
//! hedui import FILE.txt [-o FILE.json]       convert pasted text to the saved-file format
//! hedui rules                                the rule catalogue, from the rules' own docs
//! hedui report FILE... -o report.html        the batch review report (审核意见) as one HTML file
//! hedui diff LAST THIS                       this year against last (对比上年)
//! ```
//! Exit status: 0 when no error-severity finding, 1 when there is one, 2 when a file cannot be read.

mod desk;
mod output;

use hedui_core::rules::RULES;
use std::process::ExitCode;

const USAGE: &str = "用法 / usage:
  hedui check [--format text|json] FILE...   核对文件（.json 保存文件或 .txt 粘贴文本）
  hedui import FILE.txt [-o FILE.json]       把粘贴文本转换为保存文件（未能识别的内容列在 stderr）
  hedui rules                                列出全部规则
  hedui report FILE... -o 报告.html          批量核对并写出审核意见（单个 HTML 文件）
  hedui diff 上年文件 本年文件               对比上年：逐个项目列出变化和需要说明的问题

退出码：0 无错误；1 有错误级别的问题；2 有文件无法读取";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") => check(args.get(1..).unwrap_or_default()),
        Some("import") => import(args.get(1..).unwrap_or_default()),
        Some("report") => desk::report(args.get(1..).unwrap_or_default()),
        Some("diff") => desk::diff(args.get(1..).unwrap_or_default()),
        Some("rules") => {
            print!("{}", output::catalogue(RULES));
            ExitCode::SUCCESS
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn check(args: &[String]) -> ExitCode {
    let mut format = output::Format::Text;
    let mut files = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => match it.next().map(String::as_str) {
                Some("json") => format = output::Format::Json,
                Some("text") => format = output::Format::Text,
                other => {
                    eprintln!("hedui: --format 只能是 text 或 json，而不是 {other:?}");
                    return ExitCode::from(2);
                }
            },
            f if f.starts_with("--format=") => {
                format = match &f["--format=".len()..] {
                    "json" => output::Format::Json,
                    "text" => output::Format::Text,
                    other => {
                        eprintln!("hedui: --format 只能是 text 或 json，而不是 {other:?}");
                        return ExitCode::from(2);
                    }
                };
            }
            f => files.push(f.to_owned()),
        }
    }
    if files.is_empty() {
        eprintln!("hedui check: 请给出要核对的文件\n\n{USAGE}");
        return ExitCode::from(2);
    }
    let results: Vec<output::FileResult> = files.iter().map(|f| output::check_file(f)).collect();
    match format {
        output::Format::Text => print!("{}", output::text(&results)),
        output::Format::Json => println!("{}", output::json(&results)),
    }
    for r in &results {
        if let Err(e) = &r.outcome {
            eprintln!("hedui: 无法读取 {}：{e}", r.path);
        }
    }
    if results.iter().any(|r| r.outcome.is_err()) {
        ExitCode::from(2)
    } else if results.iter().any(output::FileResult::has_error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn import(args: &[String]) -> ExitCode {
    let mut input = None;
    let mut output = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-o" | "--output" => output = it.next().cloned(),
            f => input = Some(f.to_owned()),
        }
    }
    let Some(input) = input else {
        eprintln!("hedui import: 请给出要转换的 .txt 文件\n\n{USAGE}");
        return ExitCode::from(2);
    };
    let imported = match output::read(&input) {
        Ok(output::Loaded::Text(imported)) => imported,
        Ok(output::Loaded::Saved(_)) => {
            eprintln!("hedui import: {input} 已经是保存文件");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("hedui: 无法读取 {input}：{e}");
            return ExitCode::from(2);
        }
    };
    eprint!(
        "{}",
        output::import_summary(&imported.unplaced, &imported.notes)
    );
    let json = hedui_core::saved::to_json(&imported.document);
    match output {
        Some(path) => {
            if let Err(e) = std::fs::write(&path, json + "\n") {
                eprintln!("hedui: 无法写入 {path}：{e}");
                return ExitCode::from(2);
            }
            eprintln!(
                "已写入 {path}：{} 个项目，{} 行未归入",
                imported.document.projects.len(),
                imported.unplaced.len()
            );
        }
        None => println!("{json}"),
    }
    ExitCode::SUCCESS
}
