//! `cargo xtask fuzz [--seconds N] [TARGET…]`: libFuzzer through cargo-fuzz on each target for
//! N seconds (default 300), seeded from the real fixture. Not part of `cargo xtask test`.
//!
//! cargo-fuzz needs a nightly toolchain; where none is installed (toolchains cannot be downloaded
//! here), the same target bodies run under proptest-style random input instead (`fuzz_fallback`),
//! and the summary says so.

use crate::{root, run, Failure, Result};
use std::path::Path;
use std::process::Command;

/// Each target with the crate folder that holds its `fuzz/` (hedui-core, hedui-files).
const TARGETS: &[(&str, &str)] = &[
    ("value_parser", "core"),
    ("goal_line", "core"),
    ("importer", "core"),
    ("grid_readers", "core"),
    ("json_loader", "core"),
    ("check", "core"),
    ("office_file", "files"),
    ("office_parts", "files"),
    ("xls_stream", "files"),
];
const CARGO_FUZZ_VERSION: &str = "0.13.1";

fn has_nightly() -> bool {
    Command::new("rustup")
        .args(["toolchain", "list"])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("nightly"))
}

fn ensure_cargo_fuzz() -> Result<std::path::PathBuf> {
    let dir = crate::tools::tools_dir().join(format!("cargo-fuzz-{CARGO_FUZZ_VERSION}"));
    let bin = dir.join("bin/cargo-fuzz");
    if bin.exists() {
        return Ok(bin);
    }
    crate::tools::cargo_install(
        "install cargo-fuzz",
        "cargo-fuzz",
        CARGO_FUZZ_VERSION,
        &dir,
        false,
    )?;
    Ok(bin)
}

/// Seeds a file target's corpus with the Office fixtures (whole files, and their parts).
fn seed_files_corpus(corpus: &Path) -> Result {
    std::fs::create_dir_all(corpus)?;
    let dir = root().join("files/tests/fixtures");
    for entry in std::fs::read_dir(&dir)?.flatten() {
        let path = entry.path();
        if let Some(name) = path.file_name() {
            std::fs::copy(&path, corpus.join(name))?;
        }
    }
    Ok(())
}

/// Seeds every target's corpus with the fixture text, the seed model and the rule fixtures.
fn seed_corpus(corpus: &Path) -> Result {
    std::fs::create_dir_all(corpus)?;
    let core = root().join("core");
    let mut seeds = vec![
        core.join("fixtures/zunhua-federation-of-trade-unions-2024.txt"),
        core.join("fixtures/seed.json"),
    ];
    if let Ok(entries) = std::fs::read_dir(core.join("tests/rules")) {
        seeds.extend(entries.flatten().map(|e| e.path()));
    }
    for seed in seeds {
        if let Some(name) = seed.file_name() {
            std::fs::copy(&seed, corpus.join(name))?;
        }
    }
    // Lines of the fixture, one file each: short inputs that reach every parser.
    let text =
        std::fs::read_to_string(core.join("fixtures/zunhua-federation-of-trade-unions-2024.txt"))?;
    for (i, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        std::fs::write(corpus.join(format!("line-{i:04}")), line)?;
    }
    Ok(())
}

/// `#123456 DONE cov: … exec/s: 1234 …` → (executions, exec/s).
fn stats(log: &str) -> (String, String) {
    let done = log
        .lines()
        .rev()
        .find(|l| l.contains("DONE") || l.contains("pulse"));
    let field = |line: &str, key: &str| {
        line.split_whitespace()
            .skip_while(|w| *w != key)
            .nth(1)
            .unwrap_or("?")
            .to_owned()
    };
    match done {
        Some(line) => (
            line.split_whitespace()
                .next()
                .unwrap_or("?")
                .trim_start_matches('#')
                .to_owned(),
            field(line, "exec/s:"),
        ),
        None => ("?".into(), "?".into()),
    }
}

pub fn fuzz(args: &[String]) -> Result {
    let mut seconds = 300u64;
    let mut only: Vec<(&str, &str)> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--seconds" {
            seconds = it
                .next()
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| Failure("--seconds takes a number".into()))?;
        } else if let Some(t) = TARGETS.iter().find(|t| t.0 == a.as_str()) {
            only.push(*t);
        }
    }
    let targets: Vec<(&str, &str)> = if only.is_empty() {
        TARGETS.to_vec()
    } else {
        only
    };
    if !has_nightly() {
        println!("xtask fuzz: no nightly toolchain here, so cargo-fuzz cannot run; running the same target bodies on random input with proptest instead");
        for krate in ["hedui-core", "hedui-files"] {
            run(
                "fuzz fallback",
                Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
                    .args([
                        "test",
                        "--release",
                        "-p",
                        krate,
                        "--test",
                        "fuzz_fallback",
                        "--",
                        "--ignored",
                        "--nocapture",
                    ])
                    .env("HEDUI_FUZZ_SECONDS", seconds.to_string()),
            )?;
        }
        return Ok(());
    }
    let cargo_fuzz = ensure_cargo_fuzz()?;
    let mut summary = Vec::new();
    for (target, krate) in targets {
        let fuzz_dir = root().join(krate).join("fuzz");
        let corpus = fuzz_dir.join("corpus").join(target);
        if krate == "files" {
            seed_files_corpus(&corpus)?;
        } else {
            seed_corpus(&corpus)?;
        }
        println!("\n==> fuzzing {target} for {seconds} s");
        let out = Command::new(&cargo_fuzz)
            .current_dir(root().join(krate))
            .args(["run", target])
            .arg(&corpus)
            .args([
                "--",
                &format!("-max_total_time={seconds}"),
                "-print_final_stats=1",
            ])
            .env("RUSTUP_TOOLCHAIN", "nightly")
            .output()?;
        let log = String::from_utf8_lossy(&out.stderr).into_owned();
        let (execs, rate) = stats(&log);
        let crashed = !out.status.success();
        summary.push(format!(
            "{target}: {execs} executions ({rate} exec/s){}",
            if crashed {
                " — CRASH, see <crate>/fuzz/artifacts"
            } else {
                ""
            }
        ));
        if crashed {
            eprintln!(
                "{}",
                log.lines()
                    .rev()
                    .take(40)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
    }
    println!("\nxtask fuzz summary:");
    for line in &summary {
        println!("  {line}");
    }
    if summary.iter().any(|l| l.contains("CRASH")) {
        return Err(Failure("a fuzz target crashed: copy the input from <crate>/fuzz/artifacts/<target>/ into <crate>/fuzz/regressions/<target>/, fix, and rerun".into()));
    }
    Ok(())
}
