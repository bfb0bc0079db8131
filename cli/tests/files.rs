//! The files a careless or unlucky reviewer gives `hedui` (issue 15): other encodings, files that
//! are no files, an output naming the input, text that would drive the terminal, files with no
//! project in them.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SEED_TEXT: &str =
    include_str!("../../core/fixtures/zunhua-federation-of-trade-unions-2024.txt");

struct Run {
    code: i32,
    out: String,
    err: String,
}

/// Runs `hedui`, killing it (and failing) if it takes longer than `limit`.
fn hedui_within<S: AsRef<std::ffi::OsStr> + std::fmt::Debug>(args: &[S], limit: Duration) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hedui"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("hedui {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        out: String::from_utf8(output.stdout).unwrap(),
        err: String::from_utf8(output.stderr).unwrap(),
    }
}

fn hedui(args: &[&str]) -> Run {
    hedui_within(args, Duration::from_mins(1))
}

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hedui-files-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// What a reviewer compares: rule, severity, blamed field and suggestion of each finding.
fn findings(v: &serde_json::Value) -> Vec<(String, String, String, String)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].to_string(),
                f["severity"].to_string(),
                f["fields"][0].to_string(),
                f["suggestion"]["to"].to_string(),
            )
        })
        .collect()
}

fn check_json(path: &Path) -> (i32, serde_json::Value) {
    let r = hedui(&["check", "--format", "json", s(path)]);
    let v: serde_json::Value =
        serde_json::from_str(&r.out).unwrap_or_else(|e| panic!("{e}: {}", r.out));
    (r.code, v["files"][0].clone())
}

#[test]
fn every_encoding_of_the_seed_gives_the_same_findings() {
    let dir = scratch("encodings");
    let utf8 = dir.join("seed.txt");
    std::fs::write(&utf8, SEED_TEXT).unwrap();
    let (code, expected) = check_json(&utf8);
    assert_eq!(code, 1);
    assert_eq!(expected["projects"], 3);
    assert_eq!(expected["encoding"], "UTF-8");
    assert_eq!(findings(&expected).len(), 5);

    let (gbk, _, unmappable) = encoding_rs::GBK.encode(SEED_TEXT);
    assert!(!unmappable, "the seed is all GBK");
    let (gb18030, _, _) = encoding_rs::GB18030.encode(SEED_TEXT);
    let utf16 = |le: bool| -> Vec<u8> {
        let bom: [u8; 2] = if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] };
        bom.into_iter()
            .chain(SEED_TEXT.encode_utf16().flat_map(|u| {
                if le {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            }))
            .collect()
    };
    let bom: Vec<u8> = b"\xEF\xBB\xBF"
        .iter()
        .chain(SEED_TEXT.as_bytes())
        .copied()
        .collect();
    for (name, bytes, encoding) in [
        ("gbk.txt", gbk.into_owned(), "GB18030（GBK）"),
        ("gb18030.txt", gb18030.into_owned(), "GB18030（GBK）"),
        ("utf16le.txt", utf16(true), "UTF-16 LE"),
        ("utf16be.txt", utf16(false), "UTF-16 BE"),
        ("bom.txt", bom, "UTF-8（带 BOM）"),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        let (code, file) = check_json(&path);
        assert_eq!(code, 1, "{name}");
        assert_eq!(file["projects"], 3, "{name}");
        assert_eq!(file["encoding"], encoding, "{name}");
        assert_eq!(findings(&file), findings(&expected), "{name}");
        assert_eq!(file["unplaced"], expected["unplaced"], "{name}");
        assert!(
            file["import_notes"][0]
                .as_str()
                .is_some_and(|n| n.contains(encoding)),
            "{name}: {}",
            file["import_notes"]
        );
        // The text report names the encoding too.
        let text = hedui(&["check", s(&path)]);
        assert!(
            text.out.contains(&format!("3 个项目，编码 {encoding}")),
            "{}",
            text.out
        );
    }
    // A saved document in UTF-16 opens as well.
    let saved = std::fs::read_to_string("../core/fixtures/seed.json").unwrap();
    let path = dir.join("saved16.json");
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(saved.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(&path, bytes).unwrap();
    let (code, file) = check_json(&path);
    assert_eq!((code, file["projects"].as_u64()), (1, Some(3)));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn binary_content_is_not_text_and_a_cut_workbook_is_named_damaged() {
    let dir = scratch("binary");
    let png = dir.join("图.txt");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap();
    let r = hedui(&["check", s(&png)]);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("不是文本文件"), "{}", r.err);
    let xlsx = dir.join("表.xlsx");
    std::fs::write(&xlsx, b"PK\x03\x04").unwrap();
    let r = hedui(&["check", s(&xlsx)]);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("文件不完整或已损坏"), "{}", r.err);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn only_regular_files_are_read_and_at_once() {
    let dir = scratch("special");
    let fifo = dir.join("管道.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let zero = dir.join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let folder = dir.join("文件夹.txt");
    std::fs::create_dir(&folder).unwrap();
    for (path, why) in [
        (&fifo, "不是普通文件"),
        (&zero, "不是普通文件"),
        (&folder, "是文件夹"),
    ] {
        let r = hedui_within(&["check", s(path)], Duration::from_secs(10));
        assert_eq!(r.code, 2, "{path:?}");
        assert!(r.err.contains(why), "{path:?}: {}", r.err);
        let r = hedui_within(&["import", s(path)], Duration::from_secs(10));
        assert_eq!(r.code, 2, "{path:?}");
    }
    // A file larger than the limit is refused by its size, not read.
    let big = dir.join("大.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(11 * 1024 * 1024).unwrap();
    let r = hedui_within(&["check", s(&big)], Duration::from_secs(10));
    assert_eq!(r.code, 2);
    assert!(r.err.contains("文件过大"), "{}", r.err);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn import_never_writes_over_its_input() {
    let dir = scratch("overwrite");
    let input = dir.join("a.txt");
    std::fs::write(&input, SEED_TEXT).unwrap();
    let other_spelling = dir.join(".").join("a.txt");
    let mut names = vec![input.clone(), other_spelling];
    #[cfg(unix)]
    {
        let link = dir.join("link.txt");
        std::os::unix::fs::symlink(&input, &link).unwrap();
        names.push(link);
    }
    for output in &names {
        let r = hedui(&["import", s(&input), "-o", s(output)]);
        assert_eq!(r.code, 2, "{output:?}");
        assert!(r.err.contains("就是输入文件"), "{}", r.err);
        assert_eq!(std::fs::read_to_string(&input).unwrap(), SEED_TEXT);
    }
    // -o with no path is an error, not a silent print to stdout.
    let r = hedui(&["import", s(&input), "-o"]);
    assert_eq!(r.code, 2);
    let r = hedui(&["import", s(&input), "-o", s(&dir.join("a.json"))]);
    assert_eq!(r.code, 0, "{}", r.err);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn nothing_a_file_holds_can_drive_the_terminal() {
    let dir = scratch("escapes");
    let evil = "\u{1b}[2J\u{1b}[H\u{1b}]0;pwned\u{7}\r\u{9b}31m\u{202e}";
    let text = SEED_TEXT
        .replacen(
            "劳模基金绩效目标表",
            &format!("劳模{evil}基金绩效目标表"),
            1,
        )
        .replacen("第一部分", &format!("第一部分\n无关{evil}的一行"), 1);
    let path = dir.join(format!("a{evil}.txt"));
    std::fs::write(&path, &text).unwrap();
    let dangerous = |s: &str| {
        s.chars().any(|c| {
            (c.is_control() && c != '\n' && c != '\t') || ('\u{202a}'..='\u{202e}').contains(&c)
        })
    };
    for args in [
        vec!["check", s(&path)],
        vec!["check", "--format", "json", s(&path)],
        vec!["import", s(&path)],
    ] {
        let r = hedui(&args);
        assert!(!dangerous(&r.out), "{args:?} stdout: {:?}", r.out);
        assert!(!dangerous(&r.err), "{args:?} stderr: {:?}", r.err);
    }
    // Stripped from the text report, kept (escaped) in JSON.
    let r = hedui(&["check", s(&path)]);
    // (A lone carriage return ends a line, as in old Mac files.)
    assert!(r.out.contains("未归入（第 2 行）：无关\n"), "{}", r.out);
    assert!(r.out.contains("未归入（第 3 行）：的一行\n"), "{}", r.out);
    let r = hedui(&["check", "--format", "json", s(&path)]);
    let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    let unplaced = v["files"][0]["unplaced"].to_string();
    assert!(unplaced.contains("\\u001b[2J"), "{unplaced}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_with_no_project_is_no_pass() {
    let dir = scratch("empty");
    let clean = "../core/tests/rules/hd101_pass.json";
    for (name, content) in [
        ("empty.txt", ""),
        ("garbage.txt", "asdf qwer\n\u{4e71}\u{7801}"),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, content).unwrap();
        let r = hedui(&["check", s(&path)]);
        assert_eq!(r.code, 3, "{name}");
        assert!(r.out.contains("没有识别出任何项目表"), "{name}: {}", r.out);
        assert!(r.err.contains("没有识别出任何项目表"), "{name}: {}", r.err);
        // Among files that pass, it still fails the batch.
        assert_eq!(hedui(&["check", clean, s(&path)]).code, 3, "{name}");
        let (_, file) = check_json(&path);
        assert_eq!(file["no_projects"], true);
    }
    // One stray line makes a project with nothing but its budget: what could not be checked is
    // named, and the file still fails the batch.
    let path = dir.join("one-line.txt");
    std::fs::write(&path, "预算数 9.00").unwrap();
    let r = hedui(&["check", s(&path)]);
    assert_eq!(r.code, 3);
    assert!(r.out.contains("识别不完整"), "{}", r.out);
    assert!(r.err.contains("未能完整核对"), "{}", r.err);
    assert_eq!(hedui(&["check", clean, s(&path)]).code, 3);
    let (_, file) = check_json(&path);
    assert_eq!(file["coverage"]["complete"], false);
    // An unreadable file outranks it.
    let empty = dir.join("empty.txt");
    assert_eq!(hedui(&["check", s(&empty), "no-such.txt"]).code, 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_still_opens() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("names");
    // 预算.txt with its name in GBK, as unpacked from an archive made on Windows.
    let name = std::ffi::OsStr::from_bytes(b"\xD4\xA4\xCB\xE3.txt");
    let path = dir.join(name);
    std::fs::write(&path, SEED_TEXT).unwrap();
    let r = hedui_within(
        &[std::ffi::OsStr::new("check"), path.as_os_str()],
        Duration::from_mins(1),
    );
    assert_eq!(r.code, 1, "{}", r.err);
    assert!(r.out.contains("3 个项目"), "{}", r.out);
    std::fs::remove_dir_all(&dir).unwrap();
}
