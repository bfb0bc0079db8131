//! The reviewer's desk on the command line: `hedui report` (the batch review report as one HTML
//! file) and `hedui diff` (this year against last).

use hedui_core::compare::{compare, render_text};
use hedui_core::opinion::{self, Entry, Opinion, Signoff};
use hedui_core::{check, Document};
use std::process::ExitCode;

/// Usage lines for the two commands, for the main usage text.
pub const USAGE: &str = "  hedui report FILE... -o 报告.html [--reviewer 姓名] [--date 日期]
                                            批量核对并写出一份审核意见（单个 HTML 文件，可离线打开、打印）
  hedui diff 上年文件 本年文件 [--format text|json]
                                            对比上年：逐个项目列出变化和需要说明的问题";

/// A file as a document: saved file or pasted text, through the same reader as `hedui check`.
/// (The one place to adapt when the reader's shape changes.)
fn load(path: &str) -> Result<Document, String> {
    match crate::output::read(path)? {
        crate::output::Loaded::Saved(doc) => Ok(doc),
        crate::output::Loaded::Text(imported) => Ok(imported.document),
    }
}

/// Text from documents made harmless for a terminal: control characters (escape sequences
/// included) other than line breaks and tabs become `�`.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

fn fail(message: &str) -> ExitCode {
    eprintln!("{}", clean(message));
    ExitCode::from(2)
}

/// Whether two paths name the same file (through links or another spelling); `false` when
/// either does not exist.
fn same_file(a: &str, b: &str) -> bool {
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
fn entries(files: &[String]) -> Vec<Entry> {
    let one = |path: &String| match load(path) {
        Ok(doc) => Entry::Checked(Box::new(Opinion::new(&doc, &check(&doc), path))),
        Err(reason) => Entry::Unreadable {
            source: path.clone(),
            reason,
        },
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
                            source: path.clone(),
                            reason: "内部错误：核对时意外中止".to_owned(),
                        })
                        .collect()
                })
            })
            .collect()
    })
}

/// `hedui report FILE... -o report.html`.
pub fn report(args: &[String]) -> ExitCode {
    let mut files = Vec::new();
    let mut output = None;
    let mut signoff = Signoff::default();
    let mut date = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("hedui report: {name} 后面应写一个值"))
        };
        let got = match a.as_str() {
            "-o" | "--output" => value("-o").map(|v| output = Some(v)),
            "--reviewer" => value("--reviewer").map(|v| signoff.reviewer = v),
            "--date" => value("--date").map(|v| date = Some(v)),
            "--xlsx" => Err(
                "hedui report: --xlsx 暂不可用：.xlsx 写出功能尚未并入本版本；请先使用 HTML 报告"
                    .to_owned(),
            ),
            f if f.starts_with('-') && f.len() > 1 => {
                Err(format!("hedui report: 不认识的选项 {f}\n\n{USAGE}"))
            }
            f => {
                files.push(f.to_owned());
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
    if let Some(input) = files
        .iter()
        .find(|f| same_file(f, &output) || **f == output)
    {
        return fail(&format!(
            "hedui report: 报告文件 {output} 就是输入文件 {input}，写入会覆盖原文：请换一个文件名"
        ));
    }
    signoff.date = date.unwrap_or_else(today);
    let entries = entries(&files);
    let html = opinion::html::batch(&entries, &signoff);
    if let Err(e) = std::fs::write(&output, html) {
        return fail(&format!("hedui: 无法写入 {output}：{e}"));
    }
    summarise(&output, &entries)
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
pub fn diff(args: &[String]) -> ExitCode {
    let mut files = Vec::new();
    let mut json = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let format = match a.as_str() {
            "--format" => it.next().map(String::as_str),
            f if f.starts_with("--format=") => f.get("--format=".len()..),
            f if f.starts_with('-') && f.len() > 1 => {
                return fail(&format!("hedui diff: 不认识的选项 {f}\n\n{USAGE}"));
            }
            f => {
                files.push(f.to_owned());
                continue;
            }
        };
        json = match format {
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
    let read = |path: &String| load(path).map_err(|e| format!("hedui: 无法读取 {path}：{e}"));
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

    #[test]
    fn control_characters_are_made_harmless() {
        assert_eq!(clean("a\u{1b}[31mb\nc\td"), "a\u{fffd}[31mb\nc\td");
    }
}
