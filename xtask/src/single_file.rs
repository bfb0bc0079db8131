//! Folding Trunk's output (an HTML page, an ES module, a `.wasm` and a stylesheet) into one HTML
//! file that works opened from file://.
//!
//! Chromium refuses both the module import and the wasm fetch for file: URLs, so the page instead
//! carries one inline `<script type="module">` holding wasm-bindgen's glue with its `export` removed,
//! the wasm as base64, and an asynchronous `__wbg_init` from those bytes (large synchronous compiles
//! are refused on the main thread). The stylesheet is inlined too, and a Content-Security-Policy
//! allows no network at all.

use crate::{Failure, Result};
use base64::Engine;
use sha2::Digest;
use std::io::Write;
use std::path::Path;

/// The page's policy: the one inline script the page carries (pinned by its SHA-256, so that any
/// other inline script or event-handler attribute, should a future bug inject one, is refused),
/// wasm compilation, inline style, and nothing from anywhere.
pub fn csp(script: &str) -> String {
    let digest = sha2::Sha256::digest(script.as_bytes());
    let hash = base64::engine::general_purpose::STANDARD.encode(digest);
    format!(
        "default-src 'none'; script-src 'sha256-{hash}' 'wasm-unsafe-eval'; \
style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
}

/// Sizes of what was written.
#[derive(Debug)]
pub struct Sizes {
    /// The HTML file, in bytes.
    pub raw: usize,
    /// The HTML file gzipped (level 9), in bytes.
    pub gzipped: usize,
    /// The main wasm inside it, in bytes (before base64).
    pub wasm: usize,
    /// The HTML file without the lazily loaded module's data, gzipped: what the first load costs.
    pub initial_gzipped: usize,
    /// The lazily loaded module's wasm, in bytes.
    pub lazy_wasm: usize,
    /// The lazily loaded module's data block (its glue and gzipped wasm) as it adds to the gzipped file.
    pub lazy_gzipped: usize,
}

/// A second wasm module, carried in the file and compiled only when first used: wasm-bindgen's
/// `--target web` glue and the optimised wasm.
#[derive(Debug)]
pub struct Lazy {
    /// The glue (exports are removed when it is embedded).
    pub glue: String,
    /// The wasm.
    pub wasm: Vec<u8>,
}

/// The id of the element holding the lazily loaded module's gzipped wasm as base64.
const LAZY_ID: &str = "hedui-files-wasm";

/// The script that gives the page its file functions, `window.__hedui_files_api`:
/// `open(file)` → `[document JSON, notes]`, `exportForm(document JSON, file name)` and
/// `exportFindings(cells, file name)`, each a promise that rejects with the Chinese message.
/// The module behind them is inflated from its data block, instantiated through its own glue
/// (inside a function, so its names cannot clash with the main module's glue) and compiled on the
/// first call only. Reading the file's bytes and offering the download happen here too, so the
/// main module links none of that code.
fn lazy_loader(glue: &str) -> Result<String> {
    let body = strip_exports(glue)?;
    for export in ["open", "write_form_xlsx", "write_findings_xlsx"] {
        if !glue.contains(&format!("export function {export}(")) {
            return Err(Failure(format!(
                "the file module's glue does not export {export}"
            )));
        }
    }
    Ok(format!(
        "let hedui_files_loading = null;\n\
const hedui_files = () => hedui_files_loading ??= (async () => {{\n\
{body}\n\
const raw = atob(document.getElementById('{LAZY_ID}').textContent.trim());\n\
const packed = new Uint8Array(raw.length);\n\
for (let i = 0; i < raw.length; i++) packed[i] = raw.charCodeAt(i);\n\
const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));\n\
const bytes = new Uint8Array(await new Response(stream).arrayBuffer());\n\
await __wbg_init({{ module_or_path: bytes }});\n\
return {{ open, write_form_xlsx, write_findings_xlsx }};\n\
}})();\n\
const hedui_files_download = (bytes, name) => {{\n\
const url = URL.createObjectURL(new Blob([bytes], {{ type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }}));\n\
const a = document.createElement('a'); a.href = url; a.download = name; a.click();\n\
setTimeout(() => URL.revokeObjectURL(url), 10000);\n\
}};\n\
window.__hedui_files_api = {{\n\
open: async (file) => {{ const m = await hedui_files(); return m.open(file.name, new Uint8Array(await file.arrayBuffer())); }},\n\
exportForm: async (json, name) => {{ const m = await hedui_files(); hedui_files_download(m.write_form_xlsx(json), name); }},\n\
exportFindings: async (cells, name) => {{ const m = await hedui_files(); hedui_files_download(m.write_findings_xlsx(cells), name); }},\n\
}};\n"
    ))
}

fn gzip_len(text: &str) -> Result<usize> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(text.as_bytes())?;
    Ok(gz.finish()?.len())
}

fn gzip_b64(wasm: &[u8]) -> Result<String> {
    // Zopfli writes standard gzip, a few percent smaller than zlib's best.
    let mut packed = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        wasm,
        &mut packed,
    )?;
    Ok(base64::engine::general_purpose::STANDARD.encode(&packed))
}

fn read(dir: &Path, ext: &str, suffix: &str) -> Result<(String, Vec<u8>)> {
    let mut found = None;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let ext_ok = path.extension().and_then(|e| e.to_str()) == Some(ext);
        if ext_ok && name.ends_with(suffix) {
            if found.is_some() {
                return Err(Failure(format!(
                    "{} holds more than one *{suffix} file; remove it and rebuild",
                    dir.display()
                )));
            }
            found = Some((name, std::fs::read(&path)?));
        }
    }
    found.ok_or_else(|| Failure(format!("Trunk wrote no *{suffix} in {}", dir.display())))
}

/// Removes the element(s) starting with `open` up to and including `close`, all occurrences.
fn cut_all(html: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find(close) else {
            rest = "";
            break;
        };
        rest = &rest[start + len + close.len()..];
    }
    out.push_str(rest);
    out
}

/// wasm-bindgen's `--target web` glue as a classic body for an inline module: `export` removed.
fn strip_exports(glue: &str) -> Result<String> {
    let mut out = String::with_capacity(glue.len());
    for line in glue.lines() {
        let t = line.trim_start();
        if t.starts_with("export {") {
            continue;
        }
        let line = [
            "export function ",
            "export class ",
            "export const ",
            "export async function ",
        ]
        .iter()
        .find_map(|kw| t.strip_prefix("export ").filter(|_| t.starts_with(kw)))
        .unwrap_or(line);
        // Indentation and whole-line comments are dead weight in a file carried on a USB stick.
        // (The glue has no multi-line string literals, whose content indentation would matter.)
        let line = line.trim_start();
        if line.starts_with("//") || line.is_empty() {
            continue;
        }
        if line.starts_with("import ") {
            return Err(Failure(format!(
                "the wasm-bindgen glue imports a module ({line}); JS snippets must be inlined too"
            )));
        }
        out.push_str(line);
        out.push('\n');
    }
    if !out.contains("async function __wbg_init") {
        return Err(Failure(
            "the wasm-bindgen glue has no __wbg_init; is Trunk building with --target web?".into(),
        ));
    }
    Ok(out)
}

/// The stylesheet without comments and without indentation and blank lines.
fn compact_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    let mut flat: String = out
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    // Spaces next to punctuation carry no meaning in CSS (descendant selectors keep theirs).
    for (from, to) in [
        ("{ ", "{"),
        (" {", "{"),
        ("; ", ";"),
        (": ", ":"),
        (" }", "}"),
        ("} ", "}"),
        (", ", ","),
    ] {
        flat = flat.replace(from, to);
    }
    flat + "\n"
}

/// Writes the single file `out` from Trunk's `dist` folder, carrying `lazy` when given.
pub fn assemble(dist: &Path, out: &Path, lazy: Option<&Lazy>) -> Result<Sizes> {
    let html = String::from_utf8(std::fs::read(dist.join("index.html"))?)
        .map_err(|e| Failure(format!("index.html is not UTF-8: {e}")))?;
    let (_, glue) = read(dist, "js", ".js")?;
    let (_, wasm) = read(dist, "wasm", "_bg.wasm")?;
    let (_, css) = read(dist, "css", ".css")?;
    let glue = strip_exports(&String::from_utf8_lossy(&glue))?;
    let css = compact_css(&String::from_utf8_lossy(&css));
    for (what, text, closer) in [
        ("glue", glue.as_str(), "</script"),
        ("stylesheet", css.as_str(), "</style"),
    ] {
        if text.to_ascii_lowercase().contains(closer) {
            return Err(Failure(format!("the {what} contains `{closer}`")));
        }
    }
    // The wasm is stored gzip-compressed: base64 of raw wasm compresses badly, so the file would be
    // larger on the USB stick and over the intranet. The browser inflates it with its own
    // DecompressionStream (Chromium 80+), no script of ours.
    // Zopfli writes standard gzip, a few percent smaller than zlib's best.
    let b64 = gzip_b64(&wasm)?;
    let (loader, lazy_block) = match lazy {
        Some(l) => {
            let loader = lazy_loader(&l.glue)?;
            if loader.to_ascii_lowercase().contains("</script") {
                return Err(Failure("the file module's glue contains `</script`".into()));
            }
            // A data block: the browser keeps it as text and runs nothing.
            let block = format!(
                "<script type=\"application/octet-stream\" id=\"{LAZY_ID}\">{}</script>\n",
                gzip_b64(&l.wasm)?
            );
            (loader, block)
        }
        None => (String::new(), String::new()),
    };

    // Trunk's own loader, preloads and stylesheet link point at files that will not exist.
    let mut page = cut_all(&html, "<script type=\"module\">", "</script>");
    page = cut_all(&page, "<link rel=\"stylesheet\"", ">");
    page = cut_all(&page, "<link rel=\"modulepreload\"", ">");
    page = cut_all(&page, "<link rel=\"preload\"", ">");

    // The script's text exactly as it stands between its tags: what the CSP hash covers.
    let script = format!(
        "\n{loader}{glue}\n\
const hedui_wasm_b64 = \"{b64}\";\n\
try {{\n\
  if (typeof DecompressionStream === 'undefined') throw new Error('浏览器版本过旧（需要 Chrome/Edge 80 以上）');\n\
  const raw = atob(hedui_wasm_b64);\n\
  const packed = new Uint8Array(raw.length);\n\
  for (let i = 0; i < raw.length; i++) packed[i] = raw.charCodeAt(i);\n\
  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));\n\
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());\n\
  await __wbg_init({{ module_or_path: bytes }});\n\
}} catch (e) {{\n\
  const p = document.createElement('p');\n\
  p.className = 'load-error';\n\
  p.textContent = '页面加载失败，请使用新版 Chrome、Edge 或 360 浏览器打开。（' + e + '）';\n\
  document.body.prepend(p);\n\
}}\n"
    );

    let head = format!(
        "<meta charset=\"utf-8\">\n  <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        csp(&script)
    );
    if !page.contains("<meta charset=\"utf-8\">") {
        return Err(Failure("index.html has no <meta charset=\"utf-8\">".into()));
    }
    page = page.replacen("<meta charset=\"utf-8\">", &head, 1);

    // The file module's data sits in <head>: Yew renders into <body> and clears what is there.
    let style = format!("<style>\n{css}</style>\n{lazy_block}</head>");
    page = page.replacen("</head>", &style, 1);

    if !page.contains("</body>") {
        return Err(Failure("index.html has no </body>".into()));
    }
    page = page.replacen(
        "</body>",
        &format!("<script type=\"module\">{script}</script>\n</body>"),
        1,
    );
    // The policy pins exactly one script: the page must hold no other (the file module's data
    // block is text the browser never runs).
    let data_blocks = usize::from(!lazy_block.is_empty());
    if page.matches("<script").count() != 1 + data_blocks {
        return Err(Failure(
            "index.html carries a script of its own; the CSP pins only the page's one script"
                .into(),
        ));
    }

    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(out, &page)?;

    let gzipped = gzip_len(&page)?;
    let initial_gzipped = if lazy_block.is_empty() {
        gzipped
    } else {
        gzip_len(&page.replacen(&lazy_block, "", 1))?
    };
    Ok(Sizes {
        raw: page.len(),
        gzipped,
        wasm: wasm.len(),
        initial_gzipped,
        lazy_wasm: lazy.map_or(0, |l| l.wasm.len()),
        lazy_gzipped: gzipped.saturating_sub(initial_gzipped),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_exports_and_keeps_bodies() {
        let glue = "export function a() {}\nexport class B {}\nasync function __wbg_init(m) {}\nexport { initSync, __wbg_init as default };\n";
        let out = strip_exports(glue).unwrap();
        assert_eq!(
            out,
            "function a() {}\nclass B {}\nasync function __wbg_init(m) {}\n"
        );
        let indented = "    // note\n    function a() {\n        return 1;\n    }\nasync function __wbg_init(m) {}\n";
        assert_eq!(
            strip_exports(indented).unwrap(),
            "function a() {\nreturn 1;\n}\nasync function __wbg_init(m) {}\n"
        );
        assert_eq!(
            compact_css("/* x */\n.a .b {\n  color: red; }\n\n@media (max-width: 9px) { .c, .d { margin: 0 1px; } }"),
            ".a .b{color:red;}@media (max-width:9px){.c,.d{margin:0 1px;}}\n"
        );
        assert!(
            strip_exports("import x from './snippets/a.js';\nasync function __wbg_init(){}")
                .is_err()
        );
    }

    #[test]
    fn lazy_loader_wraps_the_glue_and_names_its_api() {
        let glue = "export function open(a, b) {}\nexport function write_form_xlsx(a) {}\nexport function write_findings_xlsx(a) {}\nasync function __wbg_init(m) {}\nexport { __wbg_init as default };\n";
        let js = lazy_loader(glue).unwrap();
        assert!(js.contains("window.__hedui_files_api"));
        assert!(js.contains("function open(a, b) {}"));
        assert!(!js.contains("export "));
        assert!(js.contains("getElementById('hedui-files-wasm')"));
        assert!(
            lazy_loader("export function open(a) {}\nasync function __wbg_init(m) {}").is_err()
        );
    }

    #[test]
    fn the_policy_pins_the_script_by_its_hash() {
        // SHA-256 of the empty string, base64: a published test vector.
        assert!(csp("").contains("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"));
        let policy = csp("console.log(1)");
        assert!(policy.contains("script-src 'sha256-"));
        assert!(!policy
            .split(';')
            .any(|d| d.contains("script-src") && d.contains("unsafe-inline")));
        assert_ne!(csp("a"), csp("b"));
    }

    #[test]
    fn cuts_trunk_tags() {
        let html = "<head><link rel=\"preload\" href=\"/a.wasm\"><title>t</title><link rel=\"preload\" href=\"/b\"></head>";
        assert_eq!(
            cut_all(html, "<link rel=\"preload\"", ">"),
            "<head><title>t</title></head>"
        );
    }
}
