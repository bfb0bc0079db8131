//! Readers: pasted text (or HTML from the clipboard) becomes [`Grid`]s of cells with their lines.
//!
//! One reader per source (shared/docs/LAYOUTS.md): tab-separated rows from Excel or WPS, ` | ` pipe
//! rows, web pages copied one cell per line (each cell ending in ` |`, rows padded with extra pipes),
//! plain lines (PDF or web text: cells split at whitespace), and HTML tables with `rowspan` /
//! `colspan`. Every reader is linear in its input.

use crate::grid::{Cell, Grid, SourceKind};

/// The most cells a reader makes from one input: a grid beyond this is cut, and the note says so.
pub const MAX_CELLS: usize = 400_000;

/// How plain text is laid out.
pub fn detect(text: &str) -> SourceKind {
    let mut lines = 0usize;
    let mut tabs = 0usize;
    let mut pipe_rows = 0usize;
    let mut pipe_cells = 0usize;
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        lines += 1;
        if line.contains('\t') {
            tabs += 1;
        }
        let pipes = t.matches('|').count();
        let inner = t.trim_start_matches('|').trim_end_matches(['|', ' ']);
        if inner.contains(" | ") || (pipes >= 3 && t.starts_with('|')) {
            pipe_rows += 1;
        } else if pipes >= 1 && t.ends_with('|') {
            pipe_cells += 1;
        }
    }
    let share = |n: usize| n * 5 >= lines.max(1) && n >= 3;
    if share(tabs) {
        SourceKind::Tsv
    } else if share(pipe_rows) && pipe_rows >= pipe_cells {
        SourceKind::Pipe
    } else if share(pipe_cells) {
        SourceKind::CellPerLine
    } else {
        SourceKind::PdfText
    }
}

/// Tab-separated rows. Excel quotes a cell holding a tab, a line break or a quote (`"a""b"`).
pub fn tsv(text: &str) -> Grid {
    let mut grid = Grid::new(SourceKind::Tsv, "");
    let mut row: Vec<Cell> = Vec::new();
    let mut cell = String::new();
    let mut line = 1usize;
    let mut cell_line = 1usize;
    let mut cells = 0usize;
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    cell.push('\n');
                }
                '\r' => {}
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if at_cell_start => {
                quoted = true;
                at_cell_start = false;
            }
            '\t' => {
                row.push(Cell::new(cell.trim(), cell_line));
                cell.clear();
                cell_line = line;
                at_cell_start = true;
                cells += 1;
            }
            '\n' | '\r' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(Cell::new(cell.trim(), cell_line));
                cell.clear();
                grid.rows.push(std::mem::take(&mut row));
                line += 1;
                cell_line = line;
                at_cell_start = true;
                cells += 1;
            }
            _ => {
                cell.push(c);
                at_cell_start = false;
            }
        }
        if cells > MAX_CELLS {
            break;
        }
    }
    if !cell.trim().is_empty() || !row.is_empty() {
        row.push(Cell::new(cell.trim(), cell_line));
        grid.rows.push(row);
    }
    grid
}

/// Lines of the text with their 1-based numbers, whatever the line ends (`\n`, `\r\n`, `\r`).
pub fn numbered_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    lines_with_offsets(text).map(|(no, _, line)| (no, line))
}

/// Lines of the text with their 1-based numbers and byte offsets, whatever the line ends.
pub fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let bytes = text.as_bytes();
    let mut start = 0usize;
    let mut no = 0usize;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let from = start;
        let mut i = from;
        while let Some(&b) = bytes.get(i) {
            if b == b'\n' || b == b'\r' {
                let line = text.get(from..i).unwrap_or_default();
                start = if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + 1
                };
                no += 1;
                return Some((no, from, line));
            }
            i += 1;
        }
        done = true;
        no += 1;
        Some((no, from, text.get(from..).unwrap_or_default()))
    })
}

/// ` | ` rows: one table row per line, cells between pipes.
pub fn pipe_rows(text: &str) -> Grid {
    let mut grid = Grid::new(SourceKind::Pipe, "");
    let mut cells = 0usize;
    for (no, line) in numbered_lines(text) {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let inner = t.strip_prefix('|').unwrap_or(t);
        let row: Vec<Cell> = inner.split('|').map(|c| Cell::new(c.trim(), no)).collect();
        cells += row.len();
        grid.rows.push(row);
        if cells > MAX_CELLS {
            break;
        }
    }
    grid
}

/// A web page copied one cell per line: each cell ends in ` |`; a row's last cell is followed by
/// extra pipes that pad it to the table's width (`100% | ||||`), a line holding only pipes is an
/// empty cell, and a lone `|` starts a row. Lines without pipes are rows of their own.
pub fn cell_lines(text: &str) -> Grid {
    let mut grid = Grid::new(SourceKind::CellPerLine, "");
    let mut row: Vec<Cell> = Vec::new();
    let mut cells = 0usize;
    let flush = |row: &mut Vec<Cell>, grid: &mut Grid| {
        if !row.is_empty() {
            grid.rows.push(std::mem::take(row));
        }
    };
    for (no, line) in numbered_lines(text) {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        cells += 1;
        if cells > MAX_CELLS {
            break;
        }
        if t == "|" {
            flush(&mut row, &mut grid);
            continue;
        }
        if !t.contains('|') {
            flush(&mut row, &mut grid);
            grid.rows.push(vec![Cell::new(t, no)]);
            continue;
        }
        let text_part = t.split('|').next().unwrap_or_default().trim();
        let pipes = t.matches('|').count();
        if text_part.is_empty() {
            // Only pipes: an empty cell, and the end of the row when there are several.
            row.push(Cell::new("", no));
            if pipes >= 2 {
                flush(&mut row, &mut grid);
            }
            continue;
        }
        // Text with pipes inside the line (`a | b |`) holds several cells.
        let parts: Vec<&str> = t.split('|').map(str::trim).collect();
        let content: Vec<&str> = parts
            .iter()
            .copied()
            .take_while(|p| !p.is_empty())
            .collect();
        for p in &content {
            row.push(Cell::new(*p, no));
        }
        if pipes > content.len() {
            flush(&mut row, &mut grid);
        }
    }
    flush(&mut row, &mut grid);
    grid
}

/// Plain lines (PDF or web text): one row per line, cells split at runs of whitespace; a word set
/// in spaced-out characters (`合 计`, `项 目 名 称`) stays one cell.
pub fn plain_lines(text: &str) -> Grid {
    let mut grid = Grid::new(SourceKind::PdfText, "");
    let mut cells = 0usize;
    for (no, line) in numbered_lines(text) {
        let mut row: Vec<Cell> = Vec::new();
        let mut spaced = false;
        for piece in line
            .split(|c: char| c.is_whitespace() || c == '\u{3000}')
            .filter(|c| !c.is_empty())
        {
            let single_han = piece.chars().count() == 1 && piece.chars().all(crate::text::is_han);
            match row.last_mut() {
                Some(last) if single_han && spaced => last.text.push_str(piece),
                _ => row.push(Cell::new(piece, no)),
            }
            spaced = single_han;
        }
        cells += row.len();
        if !row.is_empty() {
            grid.rows.push(row);
        }
        if cells > MAX_CELLS {
            break;
        }
    }
    grid
}

/// Reads plain text with the reader its layout calls for.
pub fn read_text(text: &str) -> Grid {
    match detect(text) {
        SourceKind::Tsv => tsv(text),
        SourceKind::Pipe => pipe_rows(text),
        SourceKind::CellPerLine => cell_lines(text),
        _ => plain_lines(text),
    }
}

/// The largest `rowspan` / `colspan` honoured: a table is never that big, and a hostile value must
/// not make the grid explode.
const MAX_SPAN: usize = 200;

/// One `<td>` / `<th>` being read.
struct OpenCell {
    text: String,
    rowspan: usize,
    colspan: usize,
}

/// A table being read: its rows, and which positions of the rows below are taken by `rowspan`.
#[derive(Default)]
struct OpenTable {
    grid: Grid,
    row: Option<Vec<Cell>>,
    /// (row, column) of cells that a `rowspan` above covers, with the text to copy.
    pending: std::collections::BTreeMap<(usize, usize), String>,
    cell: Option<OpenCell>,
}

impl OpenTable {
    fn start_row(&mut self) {
        self.end_row();
        self.row = Some(Vec::new());
    }

    fn fill_covered(&mut self, row_index: usize, row: &mut Vec<Cell>) {
        while let Some(text) = self.pending.remove(&(row_index, row.len())) {
            row.push(Cell {
                text,
                line: 0,
                covered: true,
            });
        }
    }

    fn end_cell(&mut self, cells: &mut usize) {
        let Some(cell) = self.cell.take() else {
            return;
        };
        let row_index = self.grid.rows.len();
        let mut row = self.row.take().unwrap_or_default();
        self.fill_covered(row_index, &mut row);
        let text = normalise_space(&cell.text);
        let col = row.len();
        for dc in 0..cell.colspan {
            row.push(Cell {
                text: text.clone(),
                line: 0,
                covered: dc > 0,
            });
            for dr in 1..cell.rowspan {
                self.pending
                    .insert((row_index + dr, col + dc), text.clone());
            }
        }
        *cells += cell.colspan * cell.rowspan;
        self.row = Some(row);
    }

    fn end_row(&mut self) {
        if let Some(mut row) = self.row.take() {
            let row_index = self.grid.rows.len();
            self.fill_covered(row_index, &mut row);
            // Positions further right still covered from above.
            let more: Vec<usize> = self
                .pending
                .range((row_index, 0)..(row_index + 1, 0))
                .map(|((_, c), _)| *c)
                .collect();
            for c in more {
                while row.len() < c {
                    row.push(Cell::default());
                }
                if let Some(text) = self.pending.remove(&(row_index, c)) {
                    row.push(Cell {
                        text,
                        line: 0,
                        covered: true,
                    });
                }
            }
            self.grid.rows.push(row);
        }
    }
}

/// Collapses runs of spaces and trims each line of a cell's text.
fn normalise_space(s: &str) -> String {
    s.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Decodes `&amp;`, `&lt;`, `&nbsp;`, `&#20013;`, `&#x4e2d;` …
fn push_entity(out: &mut String, entity: &str) {
    let decoded = match entity {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" | "ensp" | "emsp" => Some(' '),
        "ge" => Some('≥'),
        "le" => Some('≤'),
        "times" => Some('×'),
        "middot" => Some('·'),
        _ => entity.strip_prefix('#').and_then(|n| {
            let value = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => n.parse().ok(),
            };
            value.and_then(char::from_u32)
        }),
    };
    if let Some(c) = decoded {
        out.push(c);
    } else {
        out.push('&');
        out.push_str(entity);
        out.push(';');
    }
}

/// A tag's name (lowercase) and whether it closes.
fn tag_name(tag: &str) -> (String, bool) {
    let t = tag.trim_start();
    let (closing, t) = match t.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let name: String = t
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == ':')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (name, closing)
}

/// An attribute's numeric value (`rowspan="3"`, `colspan=2`), 1 when absent or unreadable.
fn span(tag: &str, attr: &str) -> usize {
    let lower = tag.to_ascii_lowercase();
    let Some(pos) = lower.find(attr) else {
        return 1;
    };
    let rest = lower.get(pos + attr.len()..).unwrap_or_default();
    let rest = rest
        .trim_start()
        .strip_prefix('=')
        .unwrap_or(rest)
        .trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let digits: String = rest
        .chars()
        .take_while(char::is_ascii_digit)
        .take(6)
        .collect();
    digits.parse::<usize>().unwrap_or(1).clamp(1, MAX_SPAN)
}

/// HTML tables (Word, WPS, web pages): one grid per `<table>`, merged cells spread over the cells
/// they cover; text outside tables is returned as lines.
pub fn html(source: &str) -> (Vec<Grid>, Vec<String>) {
    let mut grids = Vec::new();
    let mut outside = String::new();
    let mut stack: Vec<OpenTable> = Vec::new();
    let mut cells = 0usize;
    let mut rest = source;
    let mut skip_until: Option<&'static str> = None;
    while !rest.is_empty() {
        if let Some(end) = skip_until {
            match find_ignoring_case(rest, end) {
                Some(pos) => {
                    rest = rest.get(pos + end.len()..).unwrap_or_default();
                    skip_until = None;
                }
                None => break,
            }
            continue;
        }
        let Some(lt) = rest.find('<') else {
            append_text(&mut stack, &mut outside, rest);
            break;
        };
        append_text(&mut stack, &mut outside, rest.get(..lt).unwrap_or_default());
        let after = rest.get(lt + 1..).unwrap_or_default();
        if let Some(comment) = after.strip_prefix("!--") {
            rest = comment
                .find("-->")
                .and_then(|e| comment.get(e + 3..))
                .unwrap_or_default();
            continue;
        }
        let Some(gt) = after.find('>') else {
            break;
        };
        let tag = after.get(..gt).unwrap_or_default();
        rest = after.get(gt + 1..).unwrap_or_default();
        skip_until = element(tag, &mut stack, &mut grids, &mut outside, &mut cells);
        if cells > MAX_CELLS {
            break;
        }
    }
    while let Some(mut t) = stack.pop() {
        t.end_cell(&mut cells);
        t.end_row();
        t.grid.kind = Some(SourceKind::Html);
        grids.push(t.grid);
    }
    for (i, g) in grids.iter_mut().enumerate() {
        g.name = format!("表格 {}", i + 1);
    }
    let lines = outside
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    (grids, lines)
}

/// The byte position of `needle` (ASCII, lowercase) in `hay`, ignoring ASCII case, without copying.
fn find_ignoring_case(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return Some(0);
    }
    h.windows(n.len())
        .position(|w| w.iter().zip(n).all(|(a, b)| a.to_ascii_lowercase() == *b))
}

/// Handles one tag of an HTML table; returns the closing tag to skip to (`</style>`), if any.
fn element(
    tag: &str,
    stack: &mut Vec<OpenTable>,
    grids: &mut Vec<Grid>,
    outside: &mut String,
    cells: &mut usize,
) -> Option<&'static str> {
    let (name, closing) = tag_name(tag);
    match (name.as_str(), closing) {
        ("style" | "script" | "head" | "xml", false) if !tag.ends_with('/') => {
            return Some(match name.as_str() {
                "style" => "</style>",
                "script" => "</script>",
                "head" => "</head>",
                _ => "</xml>",
            });
        }
        ("table", false) => stack.push(OpenTable::default()),
        ("table", true) => {
            if let Some(mut t) = stack.pop() {
                t.end_cell(cells);
                t.end_row();
                t.grid.kind = Some(SourceKind::Html);
                grids.push(t.grid);
            }
        }
        ("tr", false) => {
            if let Some(t) = stack.last_mut() {
                t.end_cell(cells);
                t.start_row();
            }
        }
        ("tr", true) => {
            if let Some(t) = stack.last_mut() {
                t.end_cell(cells);
                t.end_row();
            }
        }
        ("td" | "th", false) => {
            if let Some(t) = stack.last_mut() {
                t.end_cell(cells);
                if t.row.is_none() {
                    t.start_row();
                }
                t.cell = Some(OpenCell {
                    text: String::new(),
                    rowspan: span(tag, "rowspan"),
                    colspan: span(tag, "colspan"),
                });
            }
        }
        ("td" | "th", true) => {
            if let Some(t) = stack.last_mut() {
                t.end_cell(cells);
            }
        }
        ("br" | "p" | "div" | "li", _) => append_text(stack, outside, "\n"),
        _ => {}
    }
    None
}

/// Adds text (with entities decoded) to the open cell, or to the text outside tables.
fn append_text(stack: &mut [OpenTable], outside: &mut String, raw: &str) {
    let in_table = !stack.is_empty();
    let target = match stack.last_mut().and_then(|t| t.cell.as_mut()) {
        Some(cell) => &mut cell.text,
        None if !in_table => outside,
        // Text between cells of a table (whitespace, stray text) is dropped.
        None => return,
    };
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        target.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp + 1..).unwrap_or_default();
        if let Some(semi) = after.find(';').filter(|&semi| semi <= 10) {
            push_entity(target, after.get(..semi).unwrap_or_default());
            rest = after.get(semi + 1..).unwrap_or_default();
        } else {
            target.push('&');
            rest = after;
        }
    }
    target.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(g: &Grid) -> Vec<Vec<&str>> {
        g.rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn layouts_are_told_apart() {
        assert_eq!(detect("a\tb\tc\nd\te\tf\ng\th\ti\n"), SourceKind::Tsv);
        assert_eq!(
            detect("| a | b | c |\n| d | e | f |\n| g | h | i |\n"),
            SourceKind::Pipe
        );
        assert_eq!(detect("a |\nb |\nc | ||\nd |\n"), SourceKind::CellPerLine);
        assert_eq!(
            detect("项目名称 党支部书记补贴\n年度资金总额: 20\n"),
            SourceKind::PdfText
        );
    }

    #[test]
    fn excel_quotes_cells_with_line_breaks() {
        let g = tsv("项目名称\t\"两行\n的名称\"\t\r\n预算数\t\"含\"\"引号\"\"\"\t10\r\n");
        assert_eq!(
            texts(&g),
            vec![
                vec!["项目名称", "两行\n的名称", ""],
                vec!["预算数", "含\"引号\"", "10"]
            ]
        );
        assert_eq!(g.rows[1][0].line, 3);
    }

    #[test]
    fn web_cells_one_per_line_become_rows() {
        let text = "|\n项目支出名称 |\n雾炮车服务 |\n|||\n|\n产出指标 |\n数量指标 |\n车辆数 |\n10辆 |\n||\n";
        let g = cell_lines(text);
        assert_eq!(
            texts(&g),
            vec![
                vec!["项目支出名称", "雾炮车服务", ""],
                vec!["产出指标", "数量指标", "车辆数", "10辆", ""]
            ]
        );
        let padded = cell_lines("建设项目个数 |\n1 | ||\n竣工验收合格率 |\n100% | ||||\n");
        assert_eq!(
            texts(&padded),
            vec![vec!["建设项目个数", "1"], vec!["竣工验收合格率", "100%"]]
        );
    }

    #[test]
    fn html_spans_are_spread_and_marked() {
        let html_text = "<p>标题</p><table><tr><td rowspan=2>产出指标</td><td>数量指标</td><td>&ge;10</td></tr>\
            <tr><td colspan=\"2\">质量&amp;指标</td></tr></table>";
        let (grids, lines) = html(html_text);
        assert_eq!(lines, vec!["标题"]);
        let g = &grids[0];
        assert_eq!(
            texts(g),
            vec![
                vec!["产出指标", "数量指标", "≥10"],
                vec!["产出指标", "质量&指标", "质量&指标"]
            ]
        );
        assert!(g.rows[1][0].covered && g.rows[1][2].covered && !g.rows[1][1].covered);
    }

    #[test]
    fn hostile_spans_stay_bounded() {
        let (grids, _) =
            html("<table><tr><td rowspan=99999999 colspan=99999999>x</td></tr></table>");
        assert!(grids[0].text_len() <= MAX_SPAN);
    }

    #[test]
    fn old_mac_line_ends_split_lines() {
        let g = plain_lines("项目名称 甲\r年度资金总额 20\r\n其他资金 0");
        assert_eq!(g.rows.len(), 3);
        assert_eq!(g.rows[1][1].line, 2);
    }
}
