//! What the CLI prints comes from files that anyone may have written: a submitted file must not be
//! able to clear or fake a reviewer's screen. Text output loses every control character and
//! terminal escape sequence (a line feed and a tab excepted) and the bidirectional overrides that
//! reorder what is shown; JSON output keeps the data but writes those characters as `\u` escapes.

use std::fmt::Write;

/// Whether `c` may reach a terminal as it is.
fn harmless(c: char) -> bool {
    !(c.is_control() && c != '\n' && c != '\t' || is_bidi_control(c))
}

/// Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the marks
/// U+200E/U+200F: they reorder how the rest of a line is displayed.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// `s` without control characters, escape sequences and bidirectional controls.
pub fn clean(s: &str) -> String {
    if s.chars().all(harmless) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.next() {
                Some('[') => skip_csi(&mut chars),
                Some(']' | 'P' | 'X' | '^' | '_') => skip_string(&mut chars),
                _ => {}
            },
            // The same introducers as single C1 characters.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if harmless(c) => out.push(c),
            _ => {}
        }
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// A control sequence's parameters, up to and with its final character (`@`–`~`).
fn skip_csi(chars: &mut Chars<'_>) {
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            break;
        }
    }
}

/// A string sequence (a window title, a hyperlink …), up to BEL or the string terminator.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(c) = chars.next() {
        if matches!(c, '\u{7}' | '\u{9c}') {
            break;
        }
        if c == '\u{1b}' && chars.peek() == Some(&'\\') {
            chars.next();
            break;
        }
    }
}

/// Serialized JSON with control and bidirectional characters written as `\u` escapes (serde_json
/// escapes only those below U+0020); the JSON means exactly the same.
pub fn json_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if harmless(c) || c == '\n' {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_controls_are_removed() {
        assert_eq!(clean("劳模\u{1b}[2J基金"), "劳模基金");
        assert_eq!(clean("a\u{1b}]0;title\u{7}b"), "ab");
        assert_eq!(clean("a\u{1b}]8;;x\u{1b}\\b"), "ab");
        assert_eq!(clean("正常\r伪造"), "正常伪造");
        assert_eq!(clean("x\u{9b}31mY\u{7f}"), "xY");
        assert_eq!(clean("a\u{9d}title\u{9c}b"), "ab");
        assert_eq!(clean("\u{202e}cod.exe"), "cod.exe");
        assert_eq!(clean("行一\n\t行二"), "行一\n\t行二");
    }

    #[test]
    fn json_keeps_the_data() {
        let v = serde_json::json!({ "m": "a\u{1b}[2J\u{9b}\u{202e}b" });
        let safe = json_safe(&v.to_string());
        assert!(
            safe.chars().all(|c| !c.is_control() && !is_bidi_control(c)),
            "{safe}"
        );
        assert_eq!(serde_json::from_str::<serde_json::Value>(&safe).unwrap(), v);
    }
}
