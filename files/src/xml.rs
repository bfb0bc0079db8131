//! A thin layer over quick-xml for OOXML parts: elements by local name (producers bind different
//! prefixes to the same namespaces: `w:`, `x:`, none), text with references resolved, and no DTDs.
//!
//! quick-xml never expands entities declared in a DTD; this layer refuses a DTD outright (no OOXML
//! producer writes one), so entity-expansion bombs cannot cost anything. Undefined entity
//! references are kept as written.

use crate::error::FileError;
use quick_xml::events::{BytesEnd, BytesStart, Event};
use std::borrow::Cow;

/// What the reader met next.
pub enum Ev<'a> {
    /// An opening tag; `true` when it is also closed (`<a/>`).
    Open(BytesStart<'a>, bool),
    /// A closing tag ([`local_end`] gives its local name).
    Close(BytesEnd<'a>),
    /// Character data (text, a resolved reference, or CDATA).
    Text(Cow<'a, str>),
    /// The end of the part.
    Eof,
}

/// Reads one XML part.
pub struct Xml<'a> {
    reader: quick_xml::Reader<&'a [u8]>,
    part: String,
}

impl<'a> Xml<'a> {
    /// A reader over `text`, the part named `part` (for messages).
    pub fn new(text: &'a str, part: &str) -> Self {
        let mut reader = quick_xml::Reader::from_str(text);
        let config = reader.config_mut();
        // Tolerate what sloppy producers write; the content is what matters.
        config.check_end_names = false;
        config.allow_dangling_amp = true;
        config.allow_unmatched_ends = true;
        Self {
            reader,
            part: part.to_owned(),
        }
    }

    fn error(&self, detail: impl std::fmt::Display) -> FileError {
        FileError::Xml {
            part: self.part.clone(),
            detail: format!("第 {} 字节附近：{detail}", self.reader.error_position()),
        }
    }

    /// The next event of interest (declarations, comments and processing instructions skipped).
    pub fn next(&mut self) -> Result<Ev<'a>, FileError> {
        loop {
            let event = self.reader.read_event().map_err(|e| self.error(e))?;
            return Ok(match event {
                Event::Start(e) => Ev::Open(e, false),
                Event::Empty(e) => Ev::Open(e, true),
                Event::End(e) => Ev::Close(e),
                Event::Text(t) => Ev::Text(t.xml10_content().map_err(|e| self.error(e))?),
                Event::CData(t) => Ev::Text(match t.into_inner() {
                    Cow::Borrowed(b) => String::from_utf8_lossy(b),
                    Cow::Owned(b) => Cow::Owned(String::from_utf8_lossy(&b).into_owned()),
                }),
                Event::GeneralRef(r) => {
                    let name = r.decode().map_err(|e| self.error(e))?.into_owned();
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        Ev::Text(Cow::Owned(c.to_string()))
                    } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                        Ev::Text(Cow::Borrowed(s))
                    } else {
                        Ev::Text(Cow::Owned(format!("&{name};")))
                    }
                }
                Event::DocType(_) => {
                    return Err(self.error("含有文档类型定义（DTD），Office 文件不应有，已拒绝"))
                }
                Event::Eof => Ev::Eof,
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => continue,
            });
        }
    }

    /// Skips to the end of the element just opened (not self-closed), whatever it holds.
    pub fn skip(&mut self) -> Result<(), FileError> {
        let mut depth = 1usize;
        while depth > 0 {
            match self.next()? {
                Ev::Open(_, false) => depth += 1,
                Ev::Close(_) => depth -= 1,
                Ev::Eof => break,
                Ev::Open(_, true) | Ev::Text(_) => {}
            }
        }
        Ok(())
    }
}

/// An attribute name's local part (`r:id` → `id`).
pub fn local_attr(name: &[u8]) -> &[u8] {
    local_of(name)
}

fn local_of(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&b| b == b':') {
        Some(i) => name.get(i + 1..).unwrap_or_default(),
        None => name,
    }
}

/// An element's local name (`w:tc` → `tc`).
pub fn local<'b>(e: &'b BytesStart<'_>) -> &'b [u8] {
    local_of(e.name().into_inner())
}

/// A closing tag's local name (`</w:tc>` → `tc`).
pub fn local_end<'b>(e: &'b BytesEnd<'_>) -> &'b [u8] {
    local_of(e.name().into_inner())
}

/// The value of the attribute whose local name is `name` (`w:val`, `val`, `r:id` → `id`).
pub fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (local_of(a.key.into_inner()) == name).then(|| match a.unescape_value() {
            Ok(v) => v.into_owned(),
            Err(_) => String::from_utf8_lossy(&a.value).into_owned(),
        })
    })
}

/// The value of the attribute whose full name is `name` (`r:id` when a local `id` would be ambiguous).
pub fn attr_full(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.into_inner() == name).then(|| match a.unescape_value() {
            Ok(v) => v.into_owned(),
            Err(_) => String::from_utf8_lossy(&a.value).into_owned(),
        })
    })
}

/// A relationships part (`_rels/*.rels`): (Id, Type, Target) of each relationship.
pub fn relationships(text: &str, part: &str) -> Result<Vec<(String, String, String)>, FileError> {
    let mut xml = Xml::new(text, part);
    let mut out = Vec::new();
    loop {
        match xml.next()? {
            Ev::Open(e, _) if local(&e) == b"Relationship" => out.push((
                attr(&e, b"Id").unwrap_or_default(),
                attr(&e, b"Type").unwrap_or_default(),
                attr(&e, b"Target").unwrap_or_default(),
            )),
            Ev::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// Resolves a relationship target against the folder of the part that holds it
/// (`worksheets/sheet1.xml` from `xl/workbook.xml` → `xl/worksheets/sheet1.xml`).
pub fn resolve(base_part: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_owned();
    }
    let mut parts: Vec<&str> = base_part.split('/').collect();
    parts.pop();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The rels part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
pub fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve() {
        assert_eq!(
            resolve("xl/workbook.xml", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl/workbook.xml", "/xl/worksheets/s.xml"),
            "xl/worksheets/s.xml"
        );
        assert_eq!(
            resolve("xl/workbook.xml", "../customXml/a.xml"),
            "customXml/a.xml"
        );
        assert_eq!(rels_of("xl/workbook.xml"), "xl/_rels/workbook.xml.rels");
    }

    #[test]
    fn dtds_are_refused_and_references_resolved() {
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"xxxxxxxx\"><!ENTITY y \"&x;&x;&x;&x;\">]><a>&y;</a>";
        let mut xml = Xml::new(bomb, "p.xml");
        let err = loop {
            match xml.next() {
                Err(e) => break e,
                Ok(Ev::Eof) => panic!("a DTD must be refused"),
                Ok(_) => {}
            }
        };
        assert!(err.to_string().contains("DTD"), "{err}");
        let mut xml = Xml::new("<a>1 &lt; 2 &#x4E2D;&#25991; &undefined;</a>", "p.xml");
        let mut text = String::new();
        loop {
            match xml.next().unwrap() {
                Ev::Text(t) => text.push_str(&t),
                Ev::Eof => break,
                _ => {}
            }
        }
        assert_eq!(text, "1 < 2 中文 &undefined;");
    }
}
