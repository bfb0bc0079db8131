//! The reviewer's desk on the command line: `hedui report` (the batch review report as one HTML
//! file) and `hedui diff` (this year against last).

use crate::terminal::clean;
use hedui_core::compare::{compare, render_text};
use hedui_core::opinion::{self, Entry, Opinion, Signoff};
use hedui_core::{check, Document};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Usage lines for the two commands, for the main usage text.
pub const USAGE: &str = "  hedui report FILE... -o 报告.html [--xlsx 清单.xlsx] [--reviewer 姓名] [--date 日期]
                                            批量核对并写出一份审核意见（单个 HTML 文件，可离线打开、打印）
  hedui diff 上年文件 本年文件 [--format text|json]
                                            对比上年：逐个项目列出变化和需要说明的问题";

/// A file as a document, through the same reader as `hedui check` (saved file, text in any
/// encoding, Excel or Word).
fn load(path: &Path) -> Result<Document, String> {
    crate::output::read(path).map(hedui_core::open::Opened::into_document)
}

fn fail(message: &str) -> ExitCode {
    eprintln!("{}", clean(message));
    ExitCode::from(2)
}

/// An argument as text for matching options (a file name need not be UTF-8).
fn lossy(a: &OsString) -> String {
    a.to_string_lossy().into_owned()
}

/// Days since 1970-01-01 as a civil (proleptic Gregorian) date.
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Today in China (UTC+8), as a reviewer writes a date: `2024年3月5日`.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from((secs + 8 * 3600) / 86_400).unwrap_or(0);
    let (y, m, d) = civil(days);
    format!("{y}年{m}月{d}日")
}

/// Reads and checks every file, on as many threads as there are cores; in the files' order.
fn entries(files: &[PathBuf]) -> Vec<Entry> {
    let one = |path: &PathBuf| {
        let source = path.display().to_string();
        match load(path) {
            Ok(doc) => Entry::Checked(Box::new(Opinion::new(&doc, &check(&doc), &source))),
            Err(reason) => Entry::Unreadable { source, reason },
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let chunk = files.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                (
                    part,
                    scope.spawn(move || part.iter().map(one).collect::<Vec<_>>()),
                )
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|(part, w)| {
                w.join().unwrap_or_else(|_| {
                    part.iter()
                        .map(|path| Entry::Unreadable {
                            source: path.display().to_string(),
                            reason: "内部错误：核对时意外中止".to_owned(),
                        })
                        .collect()
                })
            })
            .collect()
    })
}

/// `hedui report FILE... -o report.html [--xlsx list.xlsx]`.
pub fn report(args: &[OsString]) -> ExitCode {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut output: Option<PathBuf> = None;
    let mut xlsx: Option<PathBuf> = None;
    let mut signoff = Signoff::default();
    let mut date = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .ok_or_else(|| format!("hedui report: {name} 后面应写一个值"))
        };
        let got = match lossy(a).as_str() {
            "-o" | "--output" => value("-o").map(|v| output = Some(PathBuf::from(v))),
            "--xlsx" => value("--xlsx").map(|v| xlsx = Some(PathBuf::from(v))),
            "--reviewer" => value("--reviewer").map(|v| signoff.reviewer = lossy(v)),
            "--date" => value("--date").map(|v| date = Some(lossy(v))),
            f if f.starts_with('-') && f.len() > 1 => {
                Err(format!("hedui report: 不认识的选项 {f}\n\n{USAGE}"))
            }
            _ => {
                files.push(PathBuf::from(a));
                Ok(())
            }
        };
        if let Err(message) = got {
            return fail(&message);
        }
    }
    let Some(output) = output else {
        return fail(&format!(
            "hedui report: 请用 -o 指定报告文件，例如 -o 审核意见.html\n\n{USAGE}"
        ));
    };
    if files.is_empty() {
        return fail(&format!("hedui report: 请给出要核对的文件\n\n{USAGE}"));
    }
    for written in std::iter::once(&output).chain(&xlsx) {
        if let Some(input) = files
            .iter()
            .find(|f| crate::same_file(f, written) || *f == written)
        {
            return fail(&format!(
                "hedui report: 报告文件 {} 就是输入文件 {}，写入会覆盖原文：请换一个文件名",
                written.display(),
                input.display()
            ));
        }
    }
    signoff.date = date.unwrap_or_else(today);
    let entries = entries(&files);
    let html = opinion::html::batch(&entries, &signoff);
    if let Err(e) = std::fs::write(&output, html) {
        return fail(&format!("hedui: 无法写入 {}：{e}", output.display()));
    }
    let mut written = vec![output.display().to_string()];
    if let Some(path) = &xlsx {
        if let Err(e) = std::fs::write(path, workbook(&entries)) {
            return fail(&format!("hedui: 无法写入 {}：{e}", path.display()));
        }
        written.push(path.display().to_string());
    }
    summarise(&written.join("、"), &entries)
}

/// The batch as an `.xlsx` workbook: 汇总 (one row per document) and 问题清单 (one row per finding
/// and per comment), written by the same writer as the page's exports.
fn workbook(entries: &[Entry]) -> Vec<u8> {
    use hedui_files::write::{Sheet, Style, WCell};
    let sheets: Vec<Sheet> = opinion::sheets(entries)
        .into_iter()
        .map(|table| {
            let mut sheet = Sheet::new(table.name);
            sheet.push(
                table
                    .headings
                    .iter()
                    .map(|h| WCell::text(h, Style::Header))
                    .collect(),
            );
            for row in &table.rows {
                sheet.push(row.iter().map(|c| WCell::auto(c, Style::Body)).collect());
            }
            sheet.widths = table
                .headings
                .iter()
                .map(|h| if h.chars().count() > 3 { 14 } else { 8 })
                .collect();
            sheet
        })
        .collect();
    hedui_files::write::workbook(&sheets)
}

/// Says on stderr what was written; the exit status of `hedui check` for the same files.
fn summarise(output: &str, entries: &[Entry]) -> ExitCode {
    let checked: Vec<&Opinion> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Checked(o) => Some(&**o),
            Entry::Unreadable { .. } => None,
        })
        .collect();
    let unreadable = entries.len() - checked.len();
    let verdicts = [
        opinion::Verdict::Revise,
        opinion::Verdict::Verify,
        opinion::Verdict::Incomplete,
        opinion::Verdict::Clear,
        opinion::Verdict::Blank,
    ]
    .iter()
    .map(|v| {
        format!(
            "{} {}",
            v.label(),
            checked.iter().filter(|o| o.verdict == *v).count()
        )
    })
    .collect::<Vec<_>>()
    .join("，");
    eprintln!(
        "{}",
        clean(&format!(
            "已写入 {output}：{} 份文件，{verdicts}，无法读取 {unreadable}",
            entries.len()
        ))
    );
    for e in entries {
        if let Entry::Unreadable { source, reason } = e {
            eprintln!("{}", clean(&format!("hedui: 无法读取 {source}：{reason}")));
        }
    }
    if unreadable > 0 {
        ExitCode::from(2)
    } else if checked.iter().any(|o| o.counts.errors > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `hedui diff LAST THIS`.
pub fn diff(args: &[OsString]) -> ExitCode {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut json = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let text = lossy(a);
        let format = match text.as_str() {
            "--format" => it.next().map(lossy),
            f if f.starts_with("--format=") => f.get("--format=".len()..).map(str::to_owned),
            f if f.starts_with('-') && f.len() > 1 => {
                return fail(&format!("hedui diff: 不认识的选项 {f}\n\n{USAGE}"));
            }
            _ => {
                files.push(PathBuf::from(a));
                continue;
            }
        };
        json = match format.as_deref() {
            Some("json") => true,
            Some("text") => false,
            other => {
                return fail(&format!(
                    "hedui diff: --format 只能是 text 或 json，而不是 {other:?}"
                ))
            }
        };
    }
    let [last, this] = files.as_slice() else {
        return fail(&format!(
            "hedui diff: 请给出两个文件：先上年，后本年\n\n{USAGE}"
        ));
    };
    let read =
        |path: &PathBuf| load(path).map_err(|e| format!("hedui: 无法读取 {}：{e}", path.display()));
    let (a, b) = match (read(last), read(this)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return fail(&e),
    };
    let d = compare(&a, &b);
    if json {
        match serde_json::to_string_pretty(&d) {
            // serde_json escapes control characters inside strings.
            Ok(s) => println!("{s}"),
            Err(e) => return fail(&format!("hedui diff: {e}")),
        }
    } else {
        print!("{}", clean(&render_text(&d)));
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(19_723), (2024, 1, 1));
        assert_eq!(civil(19_723 + 59), (2024, 2, 29));
        assert_eq!(civil(19_723 + 60), (2024, 3, 1));
        assert_eq!(civil(-1), (1969, 12, 31));
    }
}
