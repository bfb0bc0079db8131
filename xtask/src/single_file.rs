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
    /// The wasm inside it, in bytes (before base64).
    pub wasm: usize,
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

/// Writes the single file `out` from Trunk's `dist` folder.
pub fn assemble(dist: &Path, out: &Path) -> Result<Sizes> {
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
    let mut packed = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        wasm.as_slice(),
        &mut packed,
    )?;
    let b64 = base64::engine::general_purpose::STANDARD.encode(&packed);

    // Trunk's own loader, preloads and stylesheet link point at files that will not exist.
    let mut page = cut_all(&html, "<script type=\"module\">", "</script>");
    page = cut_all(&page, "<link rel=\"stylesheet\"", ">");
    page = cut_all(&page, "<link rel=\"modulepreload\"", ">");
    page = cut_all(&page, "<link rel=\"preload\"", ">");

    // The script's text exactly as it stands between its tags: what the CSP hash covers.
    let script = format!(
        "\n{glue}\n\
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

    let style = format!("<style>\n{css}</style>\n</head>");
    page = page.replacen("</head>", &style, 1);

    if !page.contains("</body>") {
        return Err(Failure("index.html has no </body>".into()));
    }
    page = page.replacen(
        "</body>",
        &format!("<script type=\"module\">{script}</script>\n</body>"),
        1,
    );
    // The policy pins exactly one script: the page must hold no other.
    if page.matches("<script").count() != 1 {
        return Err(Failure(
            "index.html carries a script of its own; the CSP pins only the page's one script"
                .into(),
        ));
    }

    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(out, &page)?;

    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(page.as_bytes())?;
    let gzipped = gz.finish()?.len();
    Ok(Sizes {
        raw: page.len(),
        gzipped,
        wasm: wasm.len(),
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
