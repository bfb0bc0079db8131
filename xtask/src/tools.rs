//! Installing what the build and the tests need, once per machine, and finding it again.
//!
//! Tools go to `$HEDUI_TOOLS` (default `~/.cache/hedui-tools`), one folder per tool and version, so a
//! fresh clone on the same machine reuses them and a version bump installs beside the old one.
//! Nothing is downloaded from outside the package registries (shared/docs/TOOLCHAIN.md).

use crate::{root, run, Failure, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Trunk's version, pinned: 0.22 needs a newer rustc than this project's machines have.
pub const TRUNK_VERSION: &str = "0.21.14";
/// binaryen's version from the npm registry; Debian's binaryen 108 cannot read rustc 1.95's output.
pub const BINARYEN_NPM_VERSION: &str = "132.0.0";
/// The crates.io `wasm-opt` crate (builds binaryen from source), used only where npm is missing.
pub const WASM_OPT_CRATE_VERSION: &str = "0.116.1";

/// What the Trunk build needs: the tools and a PATH on which Trunk finds them.
#[derive(Debug)]
pub struct BuildEnv {
    /// The trunk binary.
    pub trunk: PathBuf,
    /// PATH with wasm-bindgen and wasm-opt first.
    pub path: String,
    /// The wasm-bindgen version, as Trunk wants it (`0.2.130`).
    pub wasm_bindgen_version: String,
    /// The wasm-opt version, as Trunk wants it (`version_132`).
    pub wasm_opt_version: String,
}

pub fn tools_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("HEDUI_TOOLS") {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME").map_or_else(|| root().join("target"), PathBuf::from);
    home.join(".cache/hedui-tools")
}

/// The first line a tool prints for `--version`, if it runs.
fn version_of(bin: &Path) -> Option<String> {
    let out = Command::new(bin).arg("--version").output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().next().map(str::to_owned)
}

pub fn cargo_install(
    what: &str,
    krate: &str,
    version: &str,
    root_dir: &Path,
    locked: bool,
) -> Result {
    println!(
        "xtask: installing {krate} {version} into {} (one time per machine)",
        root_dir.display()
    );
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.args(["install", krate, "--version", version, "--root"])
        .arg(root_dir);
    if locked {
        cmd.arg("--locked");
    }
    run(what, &mut cmd)
}

/// Adds the wasm32 target if rustup does not have it yet.
pub fn ensure_wasm_target() -> Result {
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output();
    let installed = out
        .as_ref()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("wasm32-unknown-unknown"));
    if installed {
        return Ok(());
    }
    run(
        "rustup target add",
        Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
    )
}

fn ensure_trunk() -> Result<PathBuf> {
    let dir = tools_dir().join(format!("trunk-{TRUNK_VERSION}"));
    let bin = dir.join("bin/trunk");
    let wanted = format!("trunk {TRUNK_VERSION}");
    if version_of(&bin).is_some_and(|v| v.trim() == wanted) {
        return Ok(bin);
    }
    cargo_install("install trunk", "trunk", TRUNK_VERSION, &dir, true)?;
    version_of(&bin)
        .filter(|v| v.trim() == wanted)
        .map(|_| bin.clone())
        .ok_or_else(|| Failure(format!("{} does not report {wanted}", bin.display())))
}

/// The wasm-bindgen version Cargo.lock resolved: the CLI must match it exactly.
fn locked_wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| Failure(format!("reading Cargo.lock: {e}")))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
                .and_then(|l| l.strip_suffix('"'))
            {
                return Ok(v.to_owned());
            }
        }
    }
    Err(Failure("Cargo.lock has no wasm-bindgen entry".into()))
}

fn ensure_wasm_bindgen() -> Result<(PathBuf, String)> {
    let version = locked_wasm_bindgen_version()?;
    let dir = tools_dir().join(format!("wasm-bindgen-{version}"));
    let bin = dir.join("bin/wasm-bindgen");
    let wanted = format!("wasm-bindgen {version}");
    let ok = |v: &String| v.trim().starts_with(&wanted);
    if !version_of(&bin).is_some_and(|v| ok(&v)) {
        // `--locked` fails here: its lock file names a version the registry does not have.
        cargo_install(
            "install wasm-bindgen-cli",
            "wasm-bindgen-cli",
            &version,
            &dir,
            false,
        )?;
    }
    match version_of(&bin) {
        Some(v) if ok(&v) => Ok((dir.join("bin"), version)),
        other => Err(Failure(format!(
            "{} reports {other:?}, expected {wanted}",
            bin.display()
        ))),
    }
}

/// Reads `wasm-opt version 132 (version_132)` as `version_132`.
fn wasm_opt_version(bin: &Path) -> Option<String> {
    let line = version_of(bin)?;
    let number = line.split_whitespace().nth(2)?;
    number
        .chars()
        .all(|c| c.is_ascii_digit())
        .then(|| format!("version_{number}"))
}

fn ensure_wasm_opt() -> Result<(PathBuf, String)> {
    let npm_dir = tools_dir().join(format!("binaryen-{BINARYEN_NPM_VERSION}"));
    let npm_bin = npm_dir.join("node_modules/.bin");
    let major = BINARYEN_NPM_VERSION.split('.').next().unwrap_or_default();
    let wanted = format!("version_{major}");
    if wasm_opt_version(&npm_bin.join("wasm-opt")).as_deref() == Some(wanted.as_str()) {
        return Ok((npm_bin, wanted));
    }
    let crate_dir = tools_dir().join(format!("wasm-opt-{WASM_OPT_CRATE_VERSION}"));
    let crate_bin = crate_dir.join("bin");
    if let Some(v) = wasm_opt_version(&crate_bin.join("wasm-opt")) {
        return Ok((crate_bin, v));
    }
    let has_npm = Command::new("npm").arg("--version").output().is_ok();
    if has_npm {
        println!(
            "xtask: installing binaryen {BINARYEN_NPM_VERSION} from npm (one time per machine)"
        );
        std::fs::create_dir_all(&npm_dir)?;
        run(
            "npm install binaryen",
            Command::new("npm")
                .args([
                    "install",
                    "--no-save",
                    "--no-audit",
                    "--no-fund",
                    "--prefix",
                ])
                .arg(&npm_dir)
                .arg(format!("binaryen@{BINARYEN_NPM_VERSION}")),
        )?;
        if wasm_opt_version(&npm_bin.join("wasm-opt")).as_deref() == Some(wanted.as_str()) {
            return Ok((npm_bin, wanted));
        }
        println!("xtask: the npm wasm-opt does not run here; building binaryen from crates.io");
    }
    cargo_install(
        "install wasm-opt",
        "wasm-opt",
        WASM_OPT_CRATE_VERSION,
        &crate_dir,
        false,
    )?;
    let v = wasm_opt_version(&crate_bin.join("wasm-opt"))
        .ok_or_else(|| Failure("the wasm-opt built from crates.io does not run".into()))?;
    Ok((crate_bin, v))
}

/// Everything `trunk build` needs, installed if missing.
pub fn ensure_build_tools() -> Result<BuildEnv> {
    ensure_wasm_target()?;
    let trunk = ensure_trunk()?;
    let (bindgen_dir, wasm_bindgen_version) = ensure_wasm_bindgen()?;
    let (opt_dir, wasm_opt_version) = ensure_wasm_opt()?;
    let mut dirs = vec![bindgen_dir, opt_dir];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let path = std::env::join_paths(dirs)
        .map_err(|e| Failure(format!("building PATH: {e}")))?
        .to_string_lossy()
        .into_owned();
    Ok(BuildEnv {
        trunk,
        path,
        wasm_bindgen_version,
        wasm_opt_version,
    })
}

/// Debian's Chromium and ChromeDriver, installed with apt-get if missing, and a CJK font so that the
/// screenshots saved for humans show Chinese (the page itself uses whatever the system has).
/// Returns Chromium's path.
pub fn ensure_chromium() -> Result<PathBuf> {
    let chromium = PathBuf::from("/usr/bin/chromium");
    let driver = PathBuf::from("/usr/bin/chromedriver");
    let font = PathBuf::from("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    if chromium.exists() && driver.exists() && font.exists() {
        return Ok(chromium);
    }
    println!("xtask: installing Debian's chromium, chromium-driver and fonts-wqy-microhei");
    let apt = |args: &[&str]| {
        let mut cmd = if is_root() {
            Command::new("apt-get")
        } else {
            let mut c = Command::new("sudo");
            c.arg("apt-get");
            c
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        cmd
    };
    run("apt-get update", &mut apt(&["update"]))?;
    run(
        "apt-get install chromium",
        &mut apt(&[
            "install",
            "-y",
            "chromium",
            "chromium-driver",
            "fonts-wqy-microhei",
        ]),
    )?;
    if chromium.exists() {
        Ok(chromium)
    } else {
        Err(Failure(
            "chromium was installed but /usr/bin/chromium is missing".into(),
        ))
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}
