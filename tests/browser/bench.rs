//! The browser timing harness behind `cargo xtask bench` (not part of `cargo xtask test`): cold
//! open to first findings, keystroke latency, and the check's time in wasm. Results go to
//! `target/bench/browser.json` for xtask to put in BENCHMARKS.md.

use crate::harness::Page;
use base64::Engine;
use hedui_core::sample;
use std::fmt::Write;

/// Keystrokes measured per document.
const KEYSTROKES: usize = 200;
/// The field typed into, and the two texts typed alternately: each changes a finding (E1).
const FIELD: &str = "f-projects-0-goals-1";
const TYPO: &str = "2. 为 38 名唐山市级以上劳模发放荣誉津贴 450000 元。";
const FIXED: &str = "2. 为 38 名唐山市级以上劳模发放荣誉津贴 45000 元。";

/// Fresh pages for the cold-open median.
const COLD_OPENS: usize = 10;

fn quick() -> bool {
    std::env::var_os("HEDUI_BENCH_QUICK").is_some()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or(f64::NAN)
}

/// Cold open: from navigation start to the first finding in the list, in ms.
fn cold_open() -> Vec<f64> {
    let n = if quick() { 3 } else { COLD_OPENS };
    (0..n)
        .map(|_| {
            let page = Page::open_at("#sample");
            page.wait_for("[aria-label='核对结果'] [data-rule]");
            page.eval("return window.__heduiFirstFinding || null;")
                .as_f64()
                .unwrap_or(f64::NAN)
        })
        .collect()
}

/// Types alternately `a` and `b` into the field `id` (each changes a finding) and measures, for
/// each keystroke, from the input event until the page has re-rendered and laid out.
fn keystrokes(page: &Page, id: &str, a: &str, b: &str) -> Vec<f64> {
    let n = if quick() { 40 } else { KEYSTROKES };
    let js = format!(
        r"
        const el = document.getElementById({id:?});
        const app = document.getElementById('hedui-app');
        const values = [{a:?}, {b:?}];
        const macro = () => new Promise(r => {{ const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); }});
        const out = [];
        for (let i = 0; i < {n}; i++) {{
          await macro();
          const rev = app.dataset.revision;
          const t0 = performance.now();
          el.value = values[i % 2];
          el.dispatchEvent(new InputEvent('input', {{ bubbles: true, inputType: 'insertText' }}));
          let spins = 0;
          while (app.dataset.revision === rev && spins < 100000) {{
            spins++;
            if (spins < 20) {{ await Promise.resolve(); }} else {{ await macro(); }}
          }}
          document.body.getBoundingClientRect();
          out.push(performance.now() - t0);
        }}
        return JSON.stringify(out);
        "
    );
    let wrapped = format!("(async () => {{ {js} }})()");
    let value = page.tab.evaluate(&wrapped, true).unwrap().value.unwrap();
    serde_json::from_str(value.as_str().unwrap()).unwrap()
}

fn stats(name: &str, mut v: Vec<f64>, out: &mut String) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    let (p50, p95) = (percentile(&v, 0.5), percentile(&v, 0.95));
    let _ = writeln!(
        out,
        "  \"{name}\": {{ \"p50_ms\": {p50:.3}, \"p95_ms\": {p95:.3}, \"n\": {} }},",
        v.len()
    );
    (p50, p95)
}

/// Cold open alone, printed: for comparing two builds (`HEDUI_HTML` pointing at each in turn).
#[test]
#[ignore = "benchmark: run by hand"]
fn cold_open_only() {
    let mut v = cold_open();
    v.sort_by(f64::total_cmp);
    println!("cold open ms: median {:.1}, all {v:?}", percentile(&v, 0.5));
}

#[test]
#[ignore = "benchmark: run by `cargo xtask bench`"]
fn browser_bench() {
    let mut json = String::from("{\n");
    let cold = cold_open();
    stats("cold_open_to_first_findings", cold, &mut json);

    let page = Page::open_at("#sample");
    page.wait_for("[aria-label='核对结果'] [data-rule]");
    let seed = keystrokes(&page, FIELD, FIXED, TYPO);
    stats("keystroke_seed", seed, &mut json);

    let big = Page::open();
    let doc = hedui_core::saved::to_json(&sample::generated(200));
    let path = big.write_file("generated-200.json", &doc);
    big.tab
        .wait_for_element("#file-open")
        .unwrap()
        .set_input_files(&[path.to_str().unwrap()])
        .unwrap();
    assert!(big.eventually(|p| p
        .eval("return document.querySelectorAll('.project-card').length;")
        .as_u64()
        == Some(200)));
    let many = keystrokes(&big, FIELD, FIXED, TYPO);
    stats("keystroke_200_projects", many, &mut json);

    // The check alone, in wasm, on the seed (the page's self-benchmark, `#selfbench`).
    let bench = Page::open_at("#selfbench");
    assert!(bench.eventually(|p| p.attr("hedui-app", "data-selfbench").is_some()));
    let us = bench
        .attr("hedui-app", "data-selfbench")
        .unwrap_or_default();
    let _ = writeln!(json, "  \"wasm_check_seed_median_us\": {us}");
    json.push('}');
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("browser.json"), &json).unwrap();
    println!("{json}");
}

/// Opening a 1 MB budget-system export (one row per indicator, 30 000 rows) in the page, printed:
/// the file module's first compile, the read, and the grids made into a document, in ms.
#[test]
#[ignore = "benchmark: run by hand"]
fn open_one_megabyte_xlsx() {
    let bytes = crate::files::common::one_megabyte_export();
    let page = Page::open();
    let b64 = base64::engine::general_purpose::STANDARD.encode(&bytes);
    page.eval(&format!(
        "const raw = atob('{b64}'); const bytes = new Uint8Array(raw.length);\
         for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);\
         const file = new File([bytes], 'export.xlsx');\
         (async () => {{ const t0 = performance.now(); await window.__hedui_files_api.open(file);\
         const t1 = performance.now(); await window.__hedui_files_api.open(file);\
         const t2 = performance.now(); window.__heduiOpenTimes = [t1 - t0, t2 - t1]; }})();\
         return true;"
    ));
    let mut times = serde_json::Value::Null;
    assert!(page.eventually(|p| {
        times = p.eval("return window.__heduiOpenTimes || null;");
        !times.is_null()
    }));
    println!(
        "open a {} byte .xlsx in the page, ms: first (with the module's compile) {}, again {}",
        bytes.len(),
        times[0],
        times[1]
    );
}
