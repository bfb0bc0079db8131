//! hedui's build and test driver (`cargo xtask …`, the matklad convention).
//!
//! - `cargo xtask dist`: installs what is missing, builds with Trunk in release, and writes the one
//!   self-contained file `dist/hedui.html` that works from file://.
//! - `cargo xtask test`: fmt, clippy (native and wasm32), the workspace tests, the dist build, and the
//!   browser tests in headless Chromium, in that order; stops at the first failing step, naming it.
//! - `cargo xtask serve`: Trunk's dev server with reload, for development.

mod bench;
mod corpus;
mod fuzz;
mod single_file;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// A step failed; the message says which and why.
#[derive(Debug)]
pub struct Failure(pub String);

pub type Result<T = ()> = std::result::Result<T, Failure>;

impl<E: std::error::Error> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = args.first().map_or("help", String::as_str);
    let rest = args.get(1..).unwrap_or_default();
    let result = match command {
        "dist" => dist().map(|_| ()),
        "test" => test(rest),
        "serve" => serve(),
        "bench" => bench::bench(rest),
        "fuzz" => fuzz::fuzz(rest),
        "corpus" => corpus::corpus(rest),
        _ => {
            eprintln!(
                "usage: cargo xtask <dist|test|serve|bench>\n\
                 \x20 dist   build dist/hedui.html (one offline file)\n\
                 \x20 test   fmt, clippy, tests, dist, browser tests\n\
                 \x20 serve  Trunk's dev server with reload\n\
                 \x20 bench  benchmarks and sizes into BENCHMARKS.md (--quick for a short run)\n\
                 \x20 fuzz   cargo-fuzz on every target, 300 s each (--seconds N, or name targets)\n\
                 \x20 corpus import and check the real documents of corpus/, one row each (-v: details)"
            );
            return if command == "help" || command == "--help" {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("\nxtask: FAILED: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root (the parent of this crate's folder).
pub fn root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map_or(here.clone(), Path::to_path_buf)
}

/// Runs a command in the repository root, failing with `what` when it exits non-zero.
pub fn run(what: &str, cmd: &mut Command) -> Result {
    cmd.current_dir(root());
    let status = cmd
        .status()
        .map_err(|e| Failure(format!("{what}: could not start {cmd:?}: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure(format!("{what}: {cmd:?} exited with {status}")))
    }
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// Builds `dist/hedui.html`; returns its path.
pub fn dist() -> Result<PathBuf> {
    let started = Instant::now();
    let env = tools::ensure_build_tools()?;
    let trunk_dist = root().join("target/trunk-dist");
    let mut trunk = Command::new(&env.trunk);
    trunk
        .args([
            "build",
            "--release",
            "--offline",
            "--skip-version-check",
            "--dist",
        ])
        .arg(&trunk_dist)
        .env("PATH", &env.path)
        .env("TRUNK_TOOLS_WASM_BINDGEN", &env.wasm_bindgen_version)
        .env("TRUNK_TOOLS_WASM_OPT", &env.wasm_opt_version);
    run("trunk build", &mut trunk)?;
    let lazy = lazy_module(&env)?;
    let out = root().join("dist/hedui.html");
    let sizes = single_file::assemble(&trunk_dist, &out, Some(&lazy))?;
    println!(
        "\ndist/hedui.html: {} bytes ({:.1} KB), {} bytes gzipped ({:.1} KB); wasm inside: {} bytes; built in {:.1} s",
        sizes.raw,
        kb(sizes.raw),
        sizes.gzipped,
        kb(sizes.gzipped),
        sizes.wasm,
        started.elapsed().as_secs_f64()
    );
    println!(
        "  initial page (without the lazily loaded file module): {} bytes gzipped ({:.1} KB)\n  \
         file module (compiled only when a file is opened or exported): wasm {} bytes ({:.1} KB), {} bytes gzipped ({:.1} KB)",
        sizes.initial_gzipped,
        kb(sizes.initial_gzipped),
        sizes.lazy_wasm,
        kb(sizes.lazy_wasm),
        sizes.lazy_gzipped,
        kb(sizes.lazy_gzipped),
    );
    Ok(out)
}

/// The wasm-opt flags of the main module (index.html's `data-wasm-opt-params`), for the file module.
const WASM_OPT_FLAGS: &[&str] = &[
    "-Oz",
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
    "--strip-debug",
    "--strip-producers",
];

/// Builds the page's second module (`files/wasm`: the Excel/Word readers and writers) the way
/// Trunk builds the first: cargo for wasm32 with the size profile, wasm-bindgen's `--target web`
/// glue, wasm-opt.
fn lazy_module(env: &tools::BuildEnv) -> Result<single_file::Lazy> {
    run(
        "build the file module",
        cargo().args([
            "build",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm-release",
            "-p",
            "hedui-files-wasm",
        ]),
    )?;
    let built = target_dir().join("wasm32-unknown-unknown/wasm-release/hedui_files_wasm.wasm");
    let out_dir = target_dir().join("files-wasm");
    std::fs::create_dir_all(&out_dir)?;
    run(
        "wasm-bindgen (file module)",
        Command::new(on_path("wasm-bindgen", &env.path))
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--out-name",
                "hedui_files",
                "--out-dir",
            ])
            .arg(&out_dir)
            .arg(&built),
    )?;
    let wasm = out_dir.join("hedui_files_bg.wasm");
    run(
        "wasm-opt (file module)",
        Command::new(on_path("wasm-opt", &env.path))
            .args(WASM_OPT_FLAGS)
            .arg(&wasm)
            .arg("-o")
            .arg(&wasm),
    )?;
    Ok(single_file::Lazy {
        glue: std::fs::read_to_string(out_dir.join("hedui_files.js"))?,
        wasm: std::fs::read(&wasm)?,
    })
}

/// The first `name` on `path` (the build tools' PATH), or `name` itself.
fn on_path(name: &str, path: &str) -> PathBuf {
    std::env::split_paths(path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| PathBuf::from(name))
}

/// Cargo's target folder (`CARGO_TARGET_DIR`, else `target/` in the repository).
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

#[allow(clippy::cast_precision_loss)] // sizes are far below 2^52
fn kb(bytes: usize) -> f64 {
    bytes as f64 / 1024.0
}

fn serve() -> Result {
    let env = tools::ensure_build_tools()?;
    let mut trunk = Command::new(&env.trunk);
    trunk
        .args(["serve", "--offline", "--skip-version-check"])
        .env("PATH", &env.path)
        .env("TRUNK_TOOLS_WASM_BINDGEN", &env.wasm_bindgen_version)
        .env("TRUNK_TOOLS_WASM_OPT", &env.wasm_opt_version);
    run("trunk serve", &mut trunk)
}

/// Runs the browser tests (`tests/browser`) on the built page in Debian's Chromium, installing
/// it if needed; `filter` goes to the test harness, `env` to the tests.
pub fn browser_tests(html: &Path, filter: &[&str], env: &[(&str, &str)]) -> Result {
    let chrome = tools::ensure_chromium()?;
    let mut cmd = cargo();
    cmd.args([
        "test",
        "-p",
        "hedui-web",
        "--test",
        "browser",
        "--",
        "--ignored",
        "--test-threads=1",
    ])
    .args(filter)
    .env("HEDUI_HTML", html)
    .env("HEDUI_CHROME", &chrome);
    for (k, v) in env {
        cmd.env(k, v);
    }
    run("browser tests", &mut cmd)
}

fn test(args: &[String]) -> Result {
    let quick_skip_browser = args.iter().any(|a| a == "--no-browser");
    let mut timings: Vec<(&str, f64)> = Vec::new();
    let mut step = |name: &'static str, f: &mut dyn FnMut() -> Result| -> Result {
        println!("\n==> xtask test: {name}");
        let t = Instant::now();
        f().map_err(|Failure(m)| Failure(format!("step `{name}` failed: {m}")))?;
        timings.push((name, t.elapsed().as_secs_f64()));
        Ok(())
    };
    step("cargo fmt --check", &mut || {
        run("fmt", cargo().args(["fmt", "--all", "--", "--check"]))
    })?;
    step("clippy (native)", &mut || {
        run(
            "clippy",
            cargo().args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
        )
    })?;
    step("clippy (wasm32)", &mut || {
        tools::ensure_wasm_target()?;
        run(
            "clippy wasm32",
            cargo().args([
                "clippy",
                "--target",
                "wasm32-unknown-unknown",
                "-p",
                "hedui-web",
                "-p",
                "hedui-core",
                "-p",
                "hedui-files-wasm",
                "--",
                "-D",
                "warnings",
            ]),
        )
    })?;
    step("cargo test --workspace", &mut || {
        run("tests", cargo().args(["test", "--workspace"]))
    })?;
    let mut html = PathBuf::new();
    step("cargo xtask dist", &mut || {
        html = dist()?;
        Ok(())
    })?;
    if !quick_skip_browser {
        step("browser tests (headless Chromium, file://)", &mut || {
            browser_tests(&html, &["--skip", "bench::"], &[])
        })?;
    }
    println!("\nxtask test: every step passed");
    for (name, secs) in &timings {
        println!("  {secs:>7.1} s  {name}");
    }
    Ok(())
}
