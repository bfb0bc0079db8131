//! A file's bytes as text, and which encoding was assumed: decided here once for the page and the
//! CLI alike.
//!
//! Files reach hedui as UTF-8 (with or without the byte-order mark Windows Notepad writes),
//! UTF-16 with a byte-order mark (Notepad's 「Unicode」), or GBK/GB18030 (Notepad's 「ANSI」 on a
//! Chinese Windows, and many exports). A byte-order mark decides; without one, bytes that are valid
//! UTF-8 are UTF-8, and anything else is tried as GB18030 (a superset of GBK). The GB18030 table is
//! large, so the core does not carry one: the caller passes a decoder (the CLI `encoding_rs`, the
//! page the browser's `TextDecoder('gb18030')`). Content with NUL bytes or mostly control
//! characters is no text at all, whatever it decodes to.

use std::fmt;

/// The encoding a text was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (`EF BB BF`).
    Utf8Bom,
    /// UTF-16, little-endian, with a byte-order mark (`FF FE`).
    Utf16Le,
    /// UTF-16, big-endian, with a byte-order mark (`FE FF`).
    Utf16Be,
    /// GB18030 (which includes GBK and GB2312): bytes that are not UTF-8.
    Gb18030,
}

impl Encoding {
    /// The encoding's name as users see it in Notepad and in messages.
    pub fn label(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf8Bom => "UTF-8（带 BOM）",
            Self::Utf16Le => "UTF-16 LE",
            Self::Utf16Be => "UTF-16 BE",
            Self::Gb18030 => "GB18030（GBK）",
        }
    }
}

/// A file's text and the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// How the bytes were read.
    pub encoding: Encoding,
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// Binary content, or bytes valid in none of the encodings tried.
    NotText,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotText => f.write_str("不是文本文件"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// A GB18030 decoder supplied by the caller: the text, or `None` when the bytes are not valid
/// GB18030 (no replacement characters).
pub type Gb18030<'a> = &'a dyn Fn(&[u8]) -> Option<String>;

/// Reads `bytes` as text (see the module documentation for the order of the encodings tried).
pub fn decode(bytes: &[u8], gb18030: Gb18030<'_>) -> Result<Decoded, DecodeError> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (utf8(rest)?, Encoding::Utf8Bom)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (utf16(rest, u16::from_le_bytes)?, Encoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (utf16(rest, u16::from_be_bytes)?, Encoding::Utf16Be)
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_owned(), Encoding::Utf8)
    } else {
        (
            gb18030(bytes).ok_or(DecodeError::NotText)?,
            Encoding::Gb18030,
        )
    };
    if looks_binary(&text) {
        return Err(DecodeError::NotText);
    }
    Ok(Decoded { text, encoding })
}

fn utf8(bytes: &[u8]) -> Result<String, DecodeError> {
    std::str::from_utf8(bytes)
        .map(str::to_owned)
        .map_err(|_| DecodeError::NotText)
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, DecodeError> {
    let pairs = bytes.chunks_exact(2);
    if !pairs.remainder().is_empty() {
        return Err(DecodeError::NotText);
    }
    char::decode_utf16(pairs.map(|p| match *p {
        [a, b] => unit([a, b]),
        _ => 0,
    }))
    .collect::<Result<String, _>>()
    .map_err(|_| DecodeError::NotText)
}

/// NUL anywhere, or more than one character in ten a control character other than the line and
/// tab characters text files hold: an image, an archive, a program, not something typed.
fn looks_binary(text: &str) -> bool {
    let mut chars = 0usize;
    let mut controls = 0usize;
    for c in text.chars() {
        if c == '\0' {
            return true;
        }
        chars += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0b}' | '\u{0c}') {
            controls += 1;
        }
    }
    controls > 0 && controls * 10 > chars
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &[u8]) -> Option<String> {
        None
    }

    #[test]
    fn byte_order_marks_decide() {
        let d = decode(b"\xEF\xBB\xBF\xE9\xA2\x84\xE7\xAE\x97", &none).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("预算", Encoding::Utf8Bom));
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("预算 9.00".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let d = decode(&le, &none).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("预算 9.00", Encoding::Utf16Le)
        );
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("预算".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be, &none).unwrap().encoding, Encoding::Utf16Be);
        // A lone surrogate or an odd byte count is not UTF-16 text.
        assert_eq!(
            decode(b"\xFF\xFE\x00\xD8", &none),
            Err(DecodeError::NotText)
        );
        assert_eq!(decode(b"\xFF\xFEa", &none), Err(DecodeError::NotText));
    }

    #[test]
    fn bytes_that_are_not_utf8_go_to_the_gb18030_decoder() {
        // 预算 in GBK.
        let gbk = b"\xD4\xA4\xCB\xE3";
        let seen = std::cell::RefCell::new(Vec::new());
        let decoder = |b: &[u8]| {
            seen.borrow_mut().push(b.to_vec());
            Some("预算".to_owned())
        };
        let d = decode(gbk, &decoder).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("预算", Encoding::Gb18030));
        assert_eq!(*seen.borrow(), [gbk.to_vec()]);
        // UTF-8 never reaches it.
        assert_eq!(
            decode("预算".as_bytes(), &decoder).unwrap().encoding,
            Encoding::Utf8
        );
        assert_eq!(seen.borrow().len(), 1);
        assert_eq!(decode(gbk, &none), Err(DecodeError::NotText));
    }

    #[test]
    fn binary_content_is_not_text() {
        assert_eq!(
            decode(b"PK\x03\x04\x14\x00\x00", &none),
            Err(DecodeError::NotText)
        );
        assert_eq!(
            decode(b"\x01\x02\x03\x04abc", &none)
                .unwrap_err()
                .to_string(),
            "不是文本文件"
        );
        // A stray escape sequence in real text is still text (the CLI strips it when printing).
        let text = "预算数 9.00\u{1b}[2J 其他资金 0\n".repeat(3);
        assert!(decode(text.as_bytes(), &none).is_ok());
        assert_eq!(decode(b"", &none).unwrap().text, "");
    }
}
