//! `cargo xtask bench [--quick]`: speed and size side by side, printed and written to BENCHMARKS.md.
//!
//! Not part of `cargo xtask test`. Criterion medians for the core (native), the browser harness
//! (`tests/browser/bench.rs`) for the page, and the wasm's biggest contributors by name.

use crate::{root, run, Failure, Result};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// Criterion's median estimate for a benchmark, in nanoseconds.
fn criterion_median(id: &str) -> Option<f64> {
    criterion_estimate(id, "new")
}

/// Criterion's median estimate for a benchmark in a saved baseline, in nanoseconds.
fn criterion_estimate(id: &str, baseline: &str) -> Option<f64> {
    let path = root()
        .join("target/criterion")
        .join(id)
        .join(baseline)
        .join("estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["median"]["point_estimate"].as_f64()
}

/// Function body sizes of a wasm with a name section: (demangled name, bytes), largest first.
fn contributors(wasm: &[u8]) -> Vec<(String, usize)> {
    let mut imported = 0u32;
    let mut bodies: Vec<usize> = Vec::new();
    let mut names: std::collections::HashMap<u32, String> = std::collections::HashMap::new();
    for payload in wasmparser::Parser::new(0).parse_all(wasm).flatten() {
        match payload {
            wasmparser::Payload::ImportSection(reader) => {
                for import in reader.into_imports().flatten() {
                    if matches!(import.ty, wasmparser::TypeRef::Func(_)) {
                        imported += 1;
                    }
                }
            }
            wasmparser::Payload::CodeSectionEntry(body) => bodies.push(body.range().len()),
            wasmparser::Payload::CustomSection(section) => {
                if let wasmparser::KnownCustom::Name(reader) = section.as_known() {
                    for name in reader.flatten() {
                        if let wasmparser::Name::Function(map) = name {
                            for naming in map.into_iter().flatten() {
                                names.insert(naming.index, naming.name.to_owned());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let mut out: Vec<(String, usize)> = bodies
        .into_iter()
        .enumerate()
        .map(|(i, size)| {
            let index = imported + u32::try_from(i).unwrap_or(u32::MAX);
            let name = names.get(&index).map_or_else(
                || format!("func[{index}]"),
                |n| format!("{:#}", rustc_demangle::demangle(n)),
            );
            (name, size)
        })
        .collect();
    out.sort_by_key(|f| std::cmp::Reverse(f.1));
    out
}

/// The crate a demangled function belongs to (`<yew::…>` → `yew`).
fn crate_of(name: &str) -> String {
    let trimmed = name
        .trim_start_matches(['<', '&', '*', '('])
        .trim_start_matches("dyn ");
    trimmed
        .split("::")
        .next()
        .unwrap_or(trimmed)
        .split([' ', '<', '>'])
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    let version = |cmd: &str, arg: &str| {
        Command::new(cmd)
            .arg(arg)
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_default()
    };
    format!(
        "{cpu}, {cores} cores; {}; {}",
        version("rustc", "--version"),
        version("/usr/bin/chromium", "--version")
    )
}

fn today() -> String {
    Command::new("date")
        .arg("+%Y-%m-%d %H:%M %Z")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

fn gz_len(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = gz.write_all(bytes);
    gz.finish().map_or(0, |v| v.len())
}

fn read_trunk_wasm(dir: &Path) -> Result<Vec<u8>> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "wasm") {
            return Ok(std::fs::read(path)?);
        }
    }
    Err(Failure("no wasm in target/trunk-dist".into()))
}

fn core_section(quick: bool) -> String {
    let us = |ns: Option<f64>| ns.map_or("–".into(), |v| format!("{:.1} µs", v / 1000.0));
    let ms = |ns: Option<f64>| ns.map_or("–".into(), |v| format!("{:.2} ms", v / 1e6));
    let seed_native = criterion_median("check_seed");
    let mut md = String::new();
    let _ = writeln!(md, "# BENCHMARKS\n\nWritten by `cargo xtask bench{}` on {}.\n\nMachine: {}.\n\nMedians (criterion) and percentiles (browser) on a shared 2-core machine: compare ratios rather than absolute figures.\n", if quick { " --quick" } else { "" }, today(), machine());
    let _ = writeln!(md, "## Core (native, criterion medians)\n\n| benchmark | median | per project | target |\n|---|---|---|---|");
    let _ = writeln!(
        md,
        "| check the seed (3 projects) | {} | {} | ≤ 50 µs |",
        us(seed_native),
        us(seed_native.map(|v| v / 3.0))
    );
    for n in [10u32, 100, 200, 1000] {
        let m = criterion_median(&format!("check_generated/{n}"));
        let target = if n == 200 { "≤ 5 ms" } else { "" };
        let _ = writeln!(
            md,
            "| check {n} projects | {} | {} | {target} |",
            ms(m),
            us(m.map(|v| v / f64::from(n)))
        );
    }
    let _ = writeln!(
        md,
        "| import the seed text (12 KB) | {} | | |",
        us(criterion_median("import/seed"))
    );
    let _ = writeln!(
        md,
        "| import 1 MB of pasted text | {} | | ≤ 50 ms |",
        ms(criterion_median("import/1MB"))
    );
    let batch = criterion_median("desk/report_100_documents");
    let _ = writeln!(
        md,
        "| review report of 100 documents, 15 projects each on average (check, 审核意见, one HTML file) | {} | {} per document | |",
        ms(batch),
        us(batch.map(|v| v / 100.0))
    );
    let _ = writeln!(
        md,
        "| the same, 5 000 documents (a province), on one core: 50 × the above | {} | | well under 60 s |",
        batch.map_or("–".into(), |v| format!("{:.1} s", v * 50.0 / 1e9))
    );
    let _ = writeln!(
        md,
        "| marks applied to the seed's report (finding keys, stale marks) | {} | | |",
        us(criterion_median("desk/review_seed"))
    );
    for n in [3u32, 1000] {
        let m = criterion_median(&format!("desk_compare/{n}"));
        let _ = writeln!(
            md,
            "| this year against last, {n} projects each | {} | {} | |",
            ms(m),
            us(m.map(|v| v / f64::from(n)))
        );
    }
    for n in [3u32, 200, 1000] {
        let m = criterion_median(&format!("check_keystroke/{n}"));
        let _ = writeln!(
            md,
            "| re-check after one keystroke, {n} projects (incremental) | {} | | |",
            us(m)
        );
    }
    md
}

fn page_section(page: &serde_json::Value) -> String {
    let mut md = String::new();
    let seed_native = criterion_median("check_seed");
    let seed_native_z = criterion_estimate("check_seed", "opt-z");
    let wasm_seed_us = page["wasm_check_seed_median_us"].as_f64();
    let ratio = |native: Option<f64>| match (wasm_seed_us, native) {
        (Some(w), Some(n)) if n > 0.0 => format!("{:.2}", w * 1000.0 / n),
        _ => "–".into(),
    };
    let p = |key: &str, q: &str| {
        page[key][q]
            .as_f64()
            .map_or("–".into(), |v| format!("{v:.1} ms"))
    };
    let _ = writeln!(md, "\n## Page (headless Chromium, `dist/hedui.html` from file://)\n\n| measure | p50 | p95 | target |\n|---|---|---|---|");
    let _ = writeln!(
        md,
        "| cold open to first findings ({} fresh pages; median in p50) | {} | {} | ≤ 150 ms |",
        page["cold_open_to_first_findings"]["n"],
        p("cold_open_to_first_findings", "p50_ms"),
        p("cold_open_to_first_findings", "p95_ms")
    );
    let _ = writeln!(
        md,
        "| keystroke → fields and findings laid out, seed ({} keystrokes) | {} | {} | p95 ≤ 8 ms |",
        page["keystroke_seed"]["n"],
        p("keystroke_seed", "p50_ms"),
        p("keystroke_seed", "p95_ms")
    );
    let _ = writeln!(
        md,
        "| keystroke, 200-project document ({} keystrokes) | {} | {} | p95 ≤ 16 ms |",
        page["keystroke_200_projects"]["n"],
        p("keystroke_200_projects", "p50_ms"),
        p("keystroke_200_projects", "p95_ms")
    );
    let _ = writeln!(
        md,
        "| check the seed in wasm (median) | {} | | |",
        wasm_seed_us.map_or("–".into(), |v| format!("{v:.1} µs"))
    );
    let _ = writeln!(
        md,
        "| wasm / native, same check, same optimisation settings (opt-level z; native {}) | {} | | ≤ 3 |",
        seed_native_z.map_or("–".into(), |v| format!("{:.1} µs", v / 1000.0)),
        ratio(seed_native_z)
    );
    let _ = writeln!(
        md,
        "| wasm (size-optimised) / native (speed-optimised release) | {} | | |",
        ratio(seed_native)
    );
    let _ = writeln!(md, "\nKeystroke latency runs from the `input` event until the app has re-rendered (its revision moved) and `getBoundingClientRect` has forced style and layout; waiting for the next frame is excluded.\n");
    md
}

fn size_section(
    page_bytes: &[u8],
    final_wasm: &[u8],
    funcs: &[(String, usize)],
    crates: &[(String, usize)],
) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "## Size\n\n| what | bytes |\n|---|---|");
    let _ = writeln!(md, "| `dist/hedui.html` | {} |", page_bytes.len());
    let _ = writeln!(
        md,
        "| `dist/hedui.html` gzipped | {} (target ≤ 250 KB = 256 000) |",
        gz_len(page_bytes)
    );
    let _ = writeln!(
        md,
        "| wasm inside (after wasm-opt -Oz) | {} ({} gzipped) |",
        final_wasm.len(),
        gz_len(final_wasm)
    );
    let _ = writeln!(md, "\nBiggest contributors, by crate (function bodies of the named wasm before wasm-opt):\n\n| crate | bytes |\n|---|---|");
    for (name, size) in crates.iter().take(12) {
        let _ = writeln!(md, "| {name} | {size} |");
    }
    let _ = writeln!(
        md,
        "\nBiggest functions:\n\n| function | bytes |\n|---|---|"
    );
    for (name, size) in funcs.iter().take(15) {
        let short: String = name.chars().take(110).collect();
        let _ = writeln!(md, "| `{}` | {size} |", short.replace('|', "\\|"));
    }
    md
}

pub fn bench(args: &[String]) -> Result {
    let quick = args.iter().any(|a| a == "--quick");
    // First (criterion's `new` estimates are the last run's): the same check compiled as the page
    // is (opt-level "z"), for a like-for-like wasm/native ratio.
    // The same check compiled as the page is (opt-level "z"), for a like-for-like wasm/native ratio.
    run(
        "criterion, page's optimisation settings",
        cargo().args([
            "bench",
            "-p",
            "hedui-core",
            "--bench",
            "check",
            "--profile",
            "wasm-release",
            "--",
            "--save-baseline",
            "opt-z",
            "--warm-up-time",
            "1",
            "--measurement-time",
            "3",
            "check/seed",
        ]),
    )?;
    let mut criterion = cargo();
    criterion.args([
        "bench",
        "-p",
        "hedui-core",
        "--bench",
        "check",
        "--bench",
        "import",
        "--bench",
        "desk",
        "--",
    ]);
    if quick {
        criterion.args(["--warm-up-time", "1", "--measurement-time", "2"]);
    }
    run("criterion benches", &mut criterion)?;

    let html = crate::dist()?;
    let quick_env: &[(&str, &str)] = if quick {
        &[("HEDUI_BENCH_QUICK", "1")]
    } else {
        &[]
    };
    crate::browser_tests(
        &html,
        &["--exact", "bench::browser_bench", "--nocapture"],
        quick_env,
    )?;
    let page: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(
        root().join("target/bench/browser.json"),
    )?)
    .map_err(|e| Failure(format!("target/bench/browser.json: {e}")))?;

    let page_bytes = std::fs::read(&html)?;
    let final_wasm = read_trunk_wasm(&root().join("target/trunk-dist"))?;
    let named_wasm =
        std::fs::read(root().join("target/wasm32-unknown-unknown/wasm-release/hedui-web.wasm"))?;
    let funcs = contributors(&named_wasm);
    let mut by_crate: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for (name, size) in &funcs {
        *by_crate.entry(crate_of(name)).or_default() += size;
    }
    let mut crates: Vec<(String, usize)> = by_crate.into_iter().collect();
    crates.sort_by_key(|c| std::cmp::Reverse(c.1));

    let mut md = core_section(quick);
    md.push_str(&page_section(&page));
    md.push_str(&size_section(&page_bytes, &final_wasm, &funcs, &crates));
    let history = root().join("BENCHMARKS.md");
    let previous = std::fs::read_to_string(&history).unwrap_or_default();
    if let Some(notes) = previous.split_once("\n## Notes").map(|(_, n)| n) {
        let _ = write!(md, "\n## Notes{notes}");
    }
    std::fs::write(&history, &md)?;
    println!("\n{md}\nwritten to BENCHMARKS.md");
    Ok(())
}
