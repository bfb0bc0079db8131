//! Paste import: text copied out of a published PDF becomes an editable [`Document`].
//!
//! PDF text is broken in known ways (shared/docs/DOMAIN.md): page numbers alone on a line, headers
//! repeated after page breaks, table rows and words broken over lines, project codes split in two,
//! cells out of reading order. The importer therefore does not read the text in order cell by cell;
//! it finds anchors (`项目编码`, `预算数`, `资金支出计划`, `一级指标`, document numbers …) and reads
//! what lies between them, joining broken lines. Whatever it cannot place is returned with its
//! line number, never dropped silently.

mod indicators;
pub mod mapper;
pub mod readers;
mod table;
mod traditional;

pub use mapper::Provenance;

use crate::model::{Document, KeyProject, Overview, Section};
use crate::text::compact;

/// A line of pasted text the importer could not place.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Unplaced {
    /// 1-based line number in the pasted text.
    pub line: usize,
    /// Byte offset of the line in the pasted text.
    pub offset: usize,
    /// The line as pasted.
    pub text: String,
}

/// What an import gives back: the document, what could not be placed, and notes for the user.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Imported {
    /// The recognised document.
    pub document: Document,
    /// Lines that belong nowhere in the document, in order.
    pub unplaced: Vec<Unplaced>,
    /// What the importer did that the user should know (Chinese).
    pub notes: Vec<String>,
    /// Where each imported value came from.
    pub provenance: Vec<Provenance>,
    /// Which key parts of each project were found.
    pub coverage: crate::coverage::Coverage,
    /// How the text was read (`表格（制表符分隔）`, `PDF 文本（绩效文本）` …).
    pub source: String,
}

/// One non-empty line of the pasted text.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// 1-based line number.
    pub no: usize,
    /// Byte offset in the pasted text.
    pub offset: usize,
    /// The line, trimmed.
    pub text: String,
    /// The line folded and without whitespace, for matching anchors.
    pub key: String,
}

impl Line {
    fn unplaced(&self) -> Unplaced {
        Unplaced {
            line: self.no,
            offset: self.offset,
            text: self.text.clone(),
        }
    }
}

/// Joins lines broken by the PDF's layout: Chinese text wraps without spaces.
pub(crate) fn join(lines: &[&Line]) -> String {
    let mut out = String::new();
    for l in lines {
        let needs_space = out
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && l.text
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if needs_space {
            out.push(' ');
        }
        out.push_str(&l.text);
    }
    out
}

/// A line that starts a numbered item: `1、`, `1.`, `2．`, `（1）`.
pub(crate) fn numbered(key: &str) -> bool {
    let digits = key.chars().take_while(char::is_ascii_digit).count();
    (digits > 0
        && digits <= 2
        && key
            .chars()
            .nth(digits)
            .is_some_and(|c| matches!(c, '、' | '.' | '．')))
        || key.starts_with(['(', '（']) && key.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
}

/// A page number alone on its line.
fn is_page_number(key: &str) -> bool {
    !key.is_empty() && key.len() <= 3 && key.chars().all(|c| c.is_ascii_digit())
        || key.starts_with("第") && key.ends_with("页") && key.chars().count() <= 6
}

/// A line that starts a project table: `1.劳模基金绩效目标表`, possibly wrapped over two lines.
fn table_title(lines: &[Line], i: usize) -> Option<usize> {
    let first = lines.get(i)?;
    let titled = |k: &str| k.contains("绩效目标表") || k.contains("绩效目标申报表");
    if !numbered(&first.key) && !titled(&first.key) {
        return None;
    }
    let mut key = String::new();
    for (k, l) in lines.iter().enumerate().skip(i).take(3) {
        key.push_str(&l.key);
        if titled(&key) {
            return Some(k + 1 - i);
        }
    }
    None
}

/// `711001 遵化市总工会本级 单位：万元`.
fn unit_header(doc: &mut Document, line: &Line) -> bool {
    let Some(pos) = line.key.find("单位：").or_else(|| line.key.find("单位:")) else {
        return false;
    };
    let unit = line.key.get(pos..).unwrap_or_default();
    if unit.contains("万元") {
        doc.money_unit = "万元".into();
    } else if unit.contains('元') {
        doc.money_unit = "元".into();
    }
    let head: Vec<&str> = line.text.split_whitespace().collect();
    if let Some(code) = head
        .first()
        .filter(|t| t.len() == 6 && t.chars().all(|c| c.is_ascii_digit()))
    {
        (*code).clone_into(&mut doc.unit_code);
        if let Some(name) = head.get(1).filter(|t| !t.starts_with("单位")) {
            (*name).clone_into(&mut doc.unit_name);
        }
    }
    true
}

/// What the importer is reading at the moment.
enum Mode {
    /// Nowhere yet: lines here are unplaced.
    Outside,
    /// An overview's 总体绩效目标 prose.
    OverallGoal,
    /// A key project's description (until 绩效目标：).
    KeyProject,
    /// 工作保障措施 items of the current overview.
    Safeguards,
    /// Paragraphs of a loose section.
    Section,
}

/// Splits pasted text into non-empty lines, dropping page numbers; returns the lines and how many
/// page numbers were dropped.
fn split_lines(text: &str) -> (Vec<Line>, usize) {
    let mut lines: Vec<Line> = Vec::new();
    let mut page_numbers = 0;
    for (i, (offset, raw)) in lines_of(text).enumerate() {
        let trimmed = raw.trim();
        let key = compact(trimmed);
        // A few digits alone on a line are a page number, unless they finish a project code that
        // the PDF broke over two lines (`13028124P0032741000` / `18`).
        let finishes_code = lines.last().is_some_and(|l| {
            l.key.len() >= 10
                && l.key.chars().all(|c| c.is_ascii_alphanumeric())
                && l.key.ends_with(|c: char| c.is_ascii_digit())
        });
        if is_page_number(&key) && !finishes_code {
            page_numbers += 1;
        } else if !key.is_empty() {
            lines.push(Line {
                no: i + 1,
                offset: offset + (raw.len() - raw.trim_start().len()),
                text: trimmed.to_owned(),
                key,
            });
        }
    }
    (lines, page_numbers)
}

/// The lines of a text with the byte offset where each starts. A line ends at `\n`, at `\r\n`
/// (Windows) or at a lone `\r` (old Mac files): all three read alike.
pub fn lines_of(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        let rest = text.get(from..)?;
        let Some(i) = rest.find(['\n', '\r']) else {
            start = None;
            return Some((from, rest));
        };
        let crlf = rest.get(i..).is_some_and(|r| r.starts_with("\r\n"));
        start = Some(from + i + if crlf { 2 } else { 1 });
        Some((from, rest.get(..i).unwrap_or_default()))
    })
}

/// The importer's state while it walks the lines.
struct Reader<'a> {
    lines: &'a [Line],
    doc: Document,
    unplaced: Vec<Unplaced>,
    notes: Vec<String>,
    mode: Mode,
    /// Past 分项绩效目标 or the first table: a 工作保障措施 here is a loose section.
    in_tables: bool,
}

impl Reader<'_> {
    fn overview(&mut self) -> &mut Overview {
        if self.doc.overviews.is_empty() {
            self.doc.overviews.push(Overview::default());
        }
        let last = self.doc.overviews.len() - 1;
        // `last` exists: an overview was just ensured.
        #[allow(clippy::indexing_slicing)]
        &mut self.doc.overviews[last]
    }

    /// Handles a heading at line `i`; returns the next line to read, or `None` if it is no heading.
    fn heading(&mut self, i: usize) -> Option<usize> {
        let line = self.lines.get(i)?;
        let key = line.key.as_str();
        if key == "第一部分" || key == "部门整体绩效目标" {
            if key == "第一部分"
                || !matches!(self.mode, Mode::Outside)
                || self.doc.overviews.is_empty()
            {
                self.doc.overviews.push(Overview::default());
            }
            self.in_tables = false;
            self.mode = Mode::Outside;
            let pair = key == "第一部分"
                && self
                    .lines
                    .get(i + 1)
                    .is_some_and(|l| l.key == "部门整体绩效目标");
            return Some(i + 1 + usize::from(pair));
        }
        let heading = strip_heading_number(key);
        if heading == "总体绩效目标" {
            self.overview();
            self.mode = Mode::OverallGoal;
        } else if heading == "分项绩效目标" || heading == "预算项目绩效目标" {
            self.in_tables = true;
            self.mode = Mode::Outside;
        } else if heading == "工作保障措施" {
            if self.in_tables || self.doc.overviews.is_empty() {
                self.doc.sections.push(Section {
                    title: line.text.clone(),
                    paragraphs: Vec::new(),
                });
                self.mode = Mode::Section;
            } else {
                self.mode = Mode::Safeguards;
            }
        } else if let Some(name) = heading
            .strip_suffix("绩效目标项目")
            .filter(|_| !self.in_tables)
        {
            let name = name.to_owned();
            self.overview().key_projects.push(KeyProject {
                name,
                ..KeyProject::default()
            });
            self.mode = Mode::KeyProject;
        } else if key.ends_with("预算绩效文本") {
            // The document title (`2024年部门预算绩效文本`).
            if let Some(year) = key
                .get(..4)
                .filter(|y| y.chars().all(|c| c.is_ascii_digit()))
            {
                year.clone_into(&mut self.doc.year);
            }
        } else if self
            .lines
            .get(i + 1)
            .is_some_and(|l| l.key.ends_with("预算绩效文本"))
            && key.chars().count() <= 30
        {
            // The unit's name printed above the title belongs to the title, not to the prose.
        } else {
            return None;
        }
        Some(i + 1)
    }

    /// Reads a project table whose title starts at line `i`; returns the line after it.
    fn table(&mut self, i: usize, title_lines: usize) -> usize {
        self.in_tables = true;
        self.mode = Mode::Outside;
        let lines = self.lines;
        let body_start = i + title_lines;
        let end = (body_start..lines.len())
            .find(|&k| ends_table(lines, k))
            .unwrap_or(lines.len());
        let mut body: Vec<&Line> = lines
            .get(body_start..end)
            .unwrap_or_default()
            .iter()
            .collect();
        if body
            .first()
            .is_some_and(|first| unit_header(&mut self.doc, first))
        {
            body.remove(0);
        }
        let title: Vec<&Line> = lines
            .get(i..body_start)
            .unwrap_or_default()
            .iter()
            .collect();
        let (project, mut rest) = table::read(&title, &body, &mut self.notes);
        self.doc.projects.push(project);
        self.unplaced.append(&mut rest);
        end
    }

    fn run(&mut self) {
        let mut i = 0;
        while let Some(line) = self.lines.get(i) {
            if let Some(next) = self.heading(i) {
                i = next;
            } else if let Some(title_lines) = table_title(self.lines, i) {
                i = self.table(i, title_lines);
            } else {
                if !unit_header(&mut self.doc, line)
                    && !place_prose(&mut self.doc, &self.mode, line)
                {
                    self.unplaced.push(line.unplaced());
                }
                i += 1;
            }
        }
    }
}

/// The most text the page imports from one paste. Larger pastes are cut at a line break and the
/// user is told exactly where: a whole PDF of one department is far smaller, and the page must not
/// freeze for seconds on a paste gone wrong.
pub const MAX_PASTE_BYTES: usize = 1024 * 1024;

/// [`import_text`] for the page: text beyond [`MAX_PASTE_BYTES`] is cut at a line break and not
/// imported, and a note says from which line on and how much.
pub fn import_pasted(text: &str) -> Imported {
    if text.len() <= MAX_PASTE_BYTES {
        return import_text(text);
    }
    let mut cut = MAX_PASTE_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    if let Some(nl) = text.get(..cut).and_then(|head| head.rfind(['\n', '\r'])) {
        cut = nl + 1;
        if text.get(nl..).is_some_and(|r| r.starts_with("\r\n")) {
            cut += 1;
        }
    }
    let (head, rest) = text.split_at(cut);
    let first_cut_line = lines_of(head).count();
    let cut_lines = lines_of(rest).count() - usize::from(rest.ends_with(['\n', '\r']));
    let mut imported = import_text(head);
    imported.notes.insert(
        0,
        format!(
            "粘贴的文本共 {}，超过 {} MB 的上限：只导入了前 {} 行；从第 {first_cut_line} 行起的 {cut_lines} 行（{}）没有导入，请分几次粘贴",
            crate::format::megabytes(text.len()),
            MAX_PASTE_BYTES / 1024 / 1024,
            first_cut_line - 1,
            crate::format::megabytes(rest.len())
        ),
    );
    imported
}

/// Imports pasted text: the reader its layout calls for, then the one mapper; text laid out as the
/// Hebei 绩效文本 (the seed's layout) is also read by the reader made for it, and the reading that
/// finds more of the forms' key figures is kept. Never panics; garbage gives an empty document with
/// every line unplaced.
pub fn import_text(original: &str) -> Imported {
    let (text, converted) = traditional::to_simplified(original);
    let (text, pinyin) = traditional::blank_pinyin(&text);
    let hebei = read_hebei(original);
    let grid = readers::read_text(&text);
    let kind = grid.kind.unwrap_or(crate::grid::SourceKind::PdfText);
    let mapped = mapper::map(&[grid]);
    if looks_hebei(&text) && score(&hebei.document) >= score(&mapped.document) {
        return hebei;
    }
    let mut notes = Vec::new();
    if converted > 0 {
        notes.push(format!("已将 {converted} 个繁体字转换为简体字后识别"));
    }
    if pinyin > 0 {
        notes.push(format!("忽略了夹在字间的 {pinyin} 处拼音注音"));
    }
    finish(mapped, original, kind.label(), notes)
}

/// Imports HTML from the clipboard or a saved web page (Word, WPS, a government site): its tables
/// with merged cells, and the text around them.
pub fn import_html(html: &str) -> Imported {
    let (html_text, converted) = traditional::to_simplified(html);
    let (html_text, _) = traditional::blank_pinyin(&html_text);
    let (mut grids, outside) = readers::html(&html_text);
    if !outside.is_empty() {
        let text = outside.join("\n");
        let mut lines = readers::plain_lines(&text);
        "表格外的文字".clone_into(&mut lines.name);
        grids.insert(0, lines);
    }
    let mapped = mapper::map(&grids);
    let mut notes = Vec::new();
    if converted > 0 {
        notes.push(format!("已将 {converted} 个繁体字转换为简体字后识别"));
    }
    finish(mapped, "", crate::grid::SourceKind::Html.label(), notes)
}

/// Imports grids read from a file (`.xlsx` sheets, `.docx` tables).
pub fn import_grids(grids: &[crate::grid::Grid], source: &str) -> Imported {
    finish(mapper::map(grids), "", source, Vec::new())
}

/// Text laid out as the Hebei 绩效文本: its tables carry `预算数` or `项目编码` and a `资金支出计划`.
fn looks_hebei(text: &str) -> bool {
    let k = compact(text);
    (k.contains("预算数") || k.contains("项目编码")) && k.contains("资金支出计")
}

/// How much of the forms' key content a reading found: budgets and their sources, indicator values,
/// goals. Used to choose between two readings of the same text.
fn score(doc: &Document) -> usize {
    doc.projects
        .iter()
        .map(|p| {
            let filled = |s: &str| usize::from(!s.trim().is_empty());
            // Indicator rows count little: a reading that cuts rows wrongly finds more of them.
            3 * filled(&p.budget.total)
                + filled(&p.budget.fiscal)
                + filled(&p.budget.other)
                + 3 * filled(&p.mid_budget.total)
                + filled(&p.name)
                + filled(&p.code)
                + usize::from(!p.goals.is_empty())
                + usize::from(p.schedule.iter().any(|c| !c.percent.trim().is_empty()))
                + p.indicators
                    .iter()
                    .chain(&p.mid_indicators)
                    .filter(|i| !i.value.trim().is_empty())
                    .count()
                    .min(3)
        })
        .sum()
}

/// The mapper's result as an import: unplaced cells as lines, notes, coverage.
fn finish(
    mapped: mapper::Mapped,
    original: &str,
    source: &str,
    mut notes: Vec<String>,
) -> Imported {
    let mapper::Mapped {
        document,
        provenance,
        unplaced: cells,
        notes: mapper_notes,
    } = mapped;
    notes.extend(mapper_notes);
    // An unplaced cell of pasted text is shown as its whole line, as pasted.
    let lines: Vec<(usize, &str)> = readers::lines_with_offsets(original)
        .map(|(_, offset, line)| (offset, line))
        .collect();
    let mut unplaced: Vec<Unplaced> = Vec::new();
    for (place, text) in cells {
        let text = text.trim();
        if text.is_empty()
            || (place.line > 0 && unplaced.last().is_some_and(|u| u.line == place.line))
        {
            continue;
        }
        let pasted = lines
            .get(place.line.wrapping_sub(1))
            .filter(|_| place.line > 0)
            .map(|(offset, line)| (offset + (line.len() - line.trim_start().len()), line.trim()));
        unplaced.push(match pasted {
            Some((offset, line)) => Unplaced {
                line: place.line,
                offset,
                text: line.to_owned(),
            },
            None => Unplaced {
                line: place.line,
                offset: 0,
                text: format!("{place}：{text}"),
            },
        });
    }
    if document.projects.is_empty() {
        notes.push(
            "没有识别出绩效目标表：请确认粘贴的是项目支出绩效目标表或部门预算绩效文本".into(),
        );
    }
    if !unplaced.is_empty() {
        notes.push(format!(
            "有 {} 处文字未能归入任何栏目，已列出供核对",
            unplaced.len()
        ));
    }
    let coverage = crate::coverage::coverage(&document);
    Imported {
        document,
        unplaced,
        notes,
        provenance,
        coverage,
        source: source.to_owned(),
    }
}

/// Imports text laid out as the Hebei 绩效文本 (the seed's layout): anchors such as `项目编码`,
/// `预算数`, `资金支出计划` and numbered `…绩效目标表` titles.
fn read_hebei(original: &str) -> Imported {
    // Traditional and simplified characters take the same three bytes, so offsets carry over.
    let (text, converted) = traditional::to_simplified(original);
    let (lines, page_numbers) = split_lines(&text);
    let mut reader = Reader {
        lines: &lines,
        doc: Document {
            money_unit: "万元".into(),
            ..Document::default()
        },
        unplaced: Vec::new(),
        notes: Vec::new(),
        mode: Mode::Outside,
        in_tables: false,
    };
    if converted > 0 {
        reader
            .notes
            .push(format!("已将 {converted} 个繁体字转换为简体字后识别"));
    }
    if page_numbers > 0 {
        reader
            .notes
            .push(format!("去掉了 {page_numbers} 个单独成行的页码"));
    }
    reader.run();
    let Reader {
        mut doc,
        mut unplaced,
        mut notes,
        ..
    } = reader;
    if doc.year.is_empty() {
        if let Some(y) = crate::facts::Facts::new(&doc).year() {
            doc.year = y.to_string();
        }
    }
    if doc.projects.is_empty() && doc.overviews.is_empty() && doc.sections.is_empty() {
        notes.push("没有识别出绩效目标表或整体绩效目标：请确认粘贴的是部门预算绩效文本".into());
    }
    if !unplaced.is_empty() {
        notes.push(format!(
            "有 {} 行文字未能归入任何栏目，已列出供核对",
            unplaced.len()
        ));
    }
    // Show unplaced lines as the user pasted them, not as converted for reading.
    for u in &mut unplaced {
        if let Some(orig) = original.get(u.offset..u.offset + u.text.len()) {
            orig.clone_into(&mut u.text);
        }
    }
    let coverage = crate::coverage::coverage(&doc);
    Imported {
        document: doc,
        unplaced,
        notes,
        provenance: Vec::new(),
        coverage,
        source: "PDF 文本（绩效文本）".to_owned(),
    }
}

/// `二、分项绩效目标` → `分项绩效目标`.
fn strip_heading_number(key: &str) -> &str {
    let numerals = key
        .char_indices()
        .take_while(|(_, c)| crate::number::chinese_digit(*c).is_some() || *c == '十')
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    key.get(numerals..)
        .and_then(|rest| rest.strip_prefix('、'))
        .unwrap_or(key)
}

/// Where a project table's body ends: the next table, a part heading or a loose section.
fn ends_table(lines: &[Line], k: usize) -> bool {
    let Some(line) = lines.get(k) else {
        return true;
    };
    let key = line.key.as_str();
    let heading = strip_heading_number(key);
    (table_title(lines, k).is_some() && looks_like_title(lines, k))
        || key == "第一部分"
        || heading == "工作保障措施"
        || heading == "分项绩效目标"
        || key == "预算项目绩效目标"
}

/// A numbered line is a table title only if `绩效目标表` follows within it or the next two lines
/// and the line is not a goal (goals hold figures with units).
fn looks_like_title(lines: &[Line], k: usize) -> bool {
    lines.get(k).is_some_and(|l| {
        l.key.contains("绩效目标表")
            || l.key.contains("绩效目标申报表")
            || lines
                .get(k + 1)
                .is_some_and(|n| n.key.contains("绩效目标表") || n.key.contains("绩效目标申报表"))
    })
}

/// Adds a prose line to whatever is being read; `false` when nothing is.
fn place_prose(doc: &mut Document, mode: &Mode, line: &Line) -> bool {
    match mode {
        Mode::Outside => false,
        Mode::Section => {
            let Some(sec) = doc.sections.last_mut() else {
                return false;
            };
            append_item(&mut sec.paragraphs, line);
            true
        }
        _ => {
            let Some(ov) = doc.overviews.last_mut() else {
                return false;
            };
            match mode {
                Mode::OverallGoal => {
                    ov.overall_goal.push_str(&line.text);
                    true
                }
                Mode::KeyProject => {
                    let Some(kp) = ov.key_projects.last_mut() else {
                        return false;
                    };
                    if let Some(goal) = strip_label(&line.text, "绩效目标") {
                        kp.goal = goal;
                    } else if let Some(ind) = strip_label(&line.text, "绩效指标") {
                        kp.indicator = ind;
                    } else if !kp.indicator.is_empty() {
                        kp.indicator.push_str(&line.text);
                    } else if !kp.goal.is_empty() {
                        kp.goal.push_str(&line.text);
                    } else {
                        kp.description.push_str(&line.text);
                    }
                    true
                }
                _ => {
                    append_item(&mut ov.safeguards, line);
                    true
                }
            }
        }
    }
}

/// `绩效目标：走访…` → `走访…`.
fn strip_label(text: &str, label: &str) -> Option<String> {
    let rest = text.trim_start().strip_prefix(label)?;
    let rest = rest.trim_start().strip_prefix(['：', ':'])?;
    Some(rest.trim().to_owned())
}

/// Numbered items (`1、…`) start a new entry; an intro line ending in `：` is an entry of its own;
/// anything else continues the last entry.
fn append_item(items: &mut Vec<String>, line: &Line) {
    let starts_new = numbered(&line.key)
        || items.is_empty()
        || items
            .last()
            .is_some_and(|l| l.ends_with('：') || l.ends_with(':'));
    match items.last_mut() {
        Some(last) if !starts_new => last.push_str(&line.text),
        _ => items.push(line.text.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_gives_an_empty_document_and_everything_unplaced() {
        let r = import_text("hello\nworld 42\n\n<script>x</script>");
        assert!(r.document.projects.is_empty());
        assert_eq!(r.unplaced.len(), 3);
        assert_eq!(r.unplaced[1].line, 2);
        assert!(r.notes.iter().any(|n| n.contains("没有识别出")));
    }

    #[test]
    fn huge_pastes_are_cut_at_a_line_and_say_where() {
        let line = "无关的文字无关的文字\n";
        let text = line.repeat(MAX_PASTE_BYTES / line.len() + 100);
        let r = import_pasted(&text);
        let note = &r.notes[0];
        assert!(note.contains("没有导入"), "{note}");
        let kept = MAX_PASTE_BYTES / line.len();
        assert!(note.contains(&format!("只导入了前 {kept} 行")), "{note}");
        assert!(
            note.contains(&format!("从第 {} 行起的 100 行", kept + 1)),
            "{note}"
        );
        assert_eq!(r.unplaced.len(), kept);
    }

    #[test]
    fn numbered_lines() {
        assert!(numbered("1、坚持"));
        assert!(numbered("2.为"));
        assert!(numbered("（1）"));
        assert!(!numbered("2024年"));
        assert!(!numbered("30%"));
    }
}
