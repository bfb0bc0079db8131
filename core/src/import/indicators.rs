//! The indicator table, whose rows PDF extraction breaks over many lines and whose header repeats
//! after page breaks. Rows are cut at their 指标值确定依据 (a document number such as
//! `遵字【2008】14 号`, itself broken over three lines, or a phrase such as 计划标准); within a row
//! the levels are read from the front by name, the value from the back by its shape, and what
//! remains is the 三级指标 and its description.

use super::{Line, Unplaced};
use crate::indicator::{read_deadline, read_value, IndicatorValue};
use crate::model::Indicator;
use crate::text::{compact, without_spaces};

const HEADER_WORDS: &[&str] = &[
    "一级指标",
    "二级指标",
    "三级指标",
    "指标说明",
    "绩效指标描述",
    "指标内容",
    "指标值确定依据",
    "指标值确定",
    "依据",
    "指标值",
    "计量单位",
    "指标值类型",
    "指标性质",
    "度量单位",
    "评（扣）分标准",
];

const LEVEL1: &[&str] = &["产出指标", "效益指标", "满意度指标", "成本指标"];

const LEVEL2: &[&str] = &[
    "服务对象满意度指标",
    "可持续影响指标",
    "生态环境成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "经济成本指标",
    "社会成本指标",
    "满意度指标",
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
];

const TEXT_BASES: &[&str] = &[
    "计划标准",
    "行业标准",
    "历史标准",
    "其他标准",
    "预算标准",
    "年度计划",
    "工作计划",
    "实施方案",
    "项目实施方案",
    "历史数据",
    "行业标准值",
];

/// Whether a line consists only of header words (the table header, or its repeat after a page break).
fn is_header(key: &str) -> bool {
    let mut rest = key;
    while !rest.is_empty() {
        // Longest word first: `指标值类型` before `指标值`.
        let word = HEADER_WORDS
            .iter()
            .filter(|w| rest.starts_with(**w))
            .max_by_key(|w| w.len());
        match word {
            Some(w) => rest = rest.get(w.len()..).unwrap_or_default(),
            None => return false,
        }
    }
    true
}

/// A word cut from a line: the text and which line it came from.
#[derive(Debug, Clone)]
struct Token {
    text: String,
    line: usize,
}

fn tokens(lines: &[&Line]) -> Vec<Token> {
    lines
        .iter()
        .enumerate()
        .flat_map(|(i, l)| {
            l.text.split_whitespace().map(move |t| Token {
                text: t.to_owned(),
                line: i,
            })
        })
        .collect()
}

/// Joins tokens: a space between tokens of one line, nothing across a line break.
fn join_tokens(tokens: &[Token]) -> String {
    let mut out = String::new();
    let mut last_line = None;
    for t in tokens {
        if last_line == Some(t.line) {
            out.push(' ');
        }
        out.push_str(&t.text);
        last_line = Some(t.line);
    }
    out
}

/// Removes `word` from the front of the tokens (ignoring spaces and line breaks); `false` if absent.
fn consume_prefix(tokens: &mut Vec<Token>, word: &str) -> bool {
    let joined: String = tokens.iter().map(|t| compact(&t.text)).collect();
    if !joined.starts_with(word) {
        return false;
    }
    let mut left = word.chars().count();
    while left > 0 {
        let Some(first) = tokens.first_mut() else {
            break;
        };
        let kept = without_spaces(&first.text);
        let n = kept.chars().count();
        if n <= left {
            left -= n;
            tokens.remove(0);
        } else {
            first.text = kept.chars().skip(left).collect();
            left = 0;
        }
    }
    true
}

/// The basis ending at line `k` of `lines`, if lines `k-span+1..=k` form one: returns the span.
fn basis_at(lines: &[&Line], k: usize) -> Option<usize> {
    let last = lines.get(k)?;
    if is_basis(&last.key) {
        return Some(1);
    }
    if !last.key.ends_with('号') {
        return None;
    }
    for span in 1..=4usize.min(k + 1) {
        let from = k + 1 - span;
        let joined: String = lines
            .get(from..=k)
            .unwrap_or_default()
            .iter()
            .map(|l| l.key.as_str())
            .collect();
        if let Some(d) = crate::docnum::find(&joined) {
            if joined.starts_with(&d.issuer) && !d.issuer.is_empty() {
                return Some(span);
            }
        }
    }
    None
}

/// Reads the indicator rows; returns the rows and the lines it could not place.
fn is_basis(key: &str) -> bool {
    TEXT_BASES.contains(&key)
        || key.ends_with('号')
            && crate::docnum::find(key)
                .is_some_and(|d| !d.issuer.is_empty() && key.starts_with(&d.issuer))
}

/// Splits a basis written at the end of a row's line (`… >=10 个 计划标准`, `… 68 人 遵字【2008】14 号`)
/// onto its own line.
fn split_trailing_basis(line: &Line) -> Vec<Line> {
    let text = line.text.trim_end();
    let starts: Vec<usize> = text
        .char_indices()
        .filter(|(i, c)| {
            !c.is_whitespace() && (*i == 0 || text[..*i].ends_with(char::is_whitespace))
        })
        .map(|(i, _)| i)
        .collect();
    for &start in starts.iter().rev().take(3) {
        let (head, tail) = text.split_at(start);
        let key = compact(tail);
        if head.trim().is_empty() || !is_basis(&key) {
            continue;
        }
        return vec![
            Line {
                text: head.trim_end().to_owned(),
                key: compact(head),
                ..line.clone()
            },
            Line {
                text: tail.to_owned(),
                key,
                offset: line.offset + start,
                ..line.clone()
            },
        ];
    }
    vec![line.clone()]
}

pub(super) fn read(lines: &[&Line]) -> (Vec<Indicator>, Vec<Unplaced>) {
    let split: Vec<Line> = lines
        .iter()
        .filter(|l| !is_header(&l.key))
        .flat_map(|l| split_trailing_basis(l))
        .collect();
    let body: Vec<&Line> = split.iter().collect();
    let has_unit_column = lines
        .iter()
        .any(|l| is_header(&l.key) && l.key.contains("计量单位"));
    // Cut rows at their bases.
    let mut rows: Vec<(Vec<&Line>, String)> = Vec::new();
    let mut current: Vec<&Line> = Vec::new();
    let mut k = 0;
    while k < body.len() {
        // Look ahead for a basis that ends on this line or the next few.
        let found = (k..body.len().min(k + 4)).find_map(|end| {
            basis_at(&body, end)
                .filter(|span| end + 1 - span == k)
                .map(|span| (end, span))
        });
        if let Some((end, _)) = found {
            let basis: Vec<&Line> = body.get(k..=end).unwrap_or_default().to_vec();
            rows.push((std::mem::take(&mut current), super::join(&basis)));
            k = end + 1;
        } else {
            if let Some(l) = body.get(k) {
                current.push(l);
            }
            k += 1;
        }
    }
    let mut unplaced = Vec::new();
    if !current.is_empty() {
        if rows.is_empty() {
            // No basis anywhere: rows start at their 二级指标 instead.
            for row in split_by_level2(&current) {
                rows.push((row, String::new()));
            }
        } else {
            rows.push((current, String::new()));
        }
    }
    let mut out = Vec::new();
    for (row_lines, basis) in rows {
        match read_row(&row_lines, basis, has_unit_column) {
            Some(ind) => out.push(ind),
            None => unplaced.extend(row_lines.iter().map(|l| l.unplaced())),
        }
    }
    (out, unplaced)
}

fn split_by_level2<'a>(lines: &[&'a Line]) -> Vec<Vec<&'a Line>> {
    let mut rows: Vec<Vec<&Line>> = Vec::new();
    for l in lines {
        let starts_row = LEVEL1.iter().chain(LEVEL2).any(|w| l.key.starts_with(w));
        let continues_level1 = rows.last().is_some_and(|r| {
            r.len() == 1 && r.first().is_some_and(|f| LEVEL1.contains(&f.key.as_str()))
        });
        if starts_row && !continues_level1 || rows.is_empty() {
            rows.push(vec![l]);
        } else if let Some(last) = rows.last_mut() {
            last.push(l);
        }
    }
    rows
}

/// Whether text is a value: a quantity, a deadline, or a timing word.
fn is_value(text: &str) -> bool {
    match read_value(text, "") {
        IndicatorValue::Quantitative(_)
        | IndicatorValue::Deadline(_)
        | IndicatorValue::VagueTiming(_) => true,
        _ => read_deadline(text).is_some(),
    }
}

fn read_row(lines: &[&Line], basis: String, has_unit_column: bool) -> Option<Indicator> {
    let mut toks = tokens(lines);
    if toks.is_empty() && basis.is_empty() {
        return None;
    }
    let mut level1 = String::new();
    let mut level2 = String::new();
    // 成本指标 is a first level only when a cost 二级指标 follows it (the 2021 layout).
    for word in LEVEL1 {
        let mut probe = toks.clone();
        if consume_prefix(&mut probe, word) {
            let cost_level2_follows = ["经济成本指标", "社会成本指标", "生态环境成本指标"]
                .iter()
                .any(|w| {
                    let mut p = probe.clone();
                    consume_prefix(&mut p, w)
                });
            if *word != "成本指标" || cost_level2_follows {
                (*word).clone_into(&mut level1);
                toks = probe;
            }
            break;
        }
    }
    for word in LEVEL2 {
        if consume_prefix(&mut toks, word) {
            (*word).clone_into(&mut level2);
            break;
        }
    }
    // The value: the shortest run of tokens at the end that reads as one.
    let mut value = String::new();
    let mut unit = String::new();
    for k in 1..=toks.len().min(6) {
        let tail = toks.get(toks.len() - k..).unwrap_or_default();
        let candidate = join_tokens(tail);
        if is_value(&compact(&candidate)) {
            value = candidate;
            toks.truncate(toks.len() - k);
            break;
        }
    }
    if value.is_empty() && toks.len() > 1 {
        // A qualitative value: the last token when it is short and the rest is the name.
        if let Some(last) = toks.last().filter(|t| t.text.chars().count() <= 8) {
            if !matches!(read_value(&last.text, ""), IndicatorValue::Unreadable(_)) {
                last.text.clone_into(&mut value);
                toks.pop();
            }
        }
    }
    if has_unit_column {
        if let Some(q) = crate::quantity::parse_whole(&value) {
            if !matches!(q.unit, crate::quantity::Unit::None) {
                value
                    .get(q.span.end..)
                    .unwrap_or_default()
                    .trim()
                    .clone_into(&mut unit);
                value.truncate(q.span.end);
                value.truncate(value.trim_end().len());
            }
        } else if let Some((rest, last)) = value.rsplit_once(' ') {
            // `2024年12月底前 年`: a deadline followed by its unit column.
            if last.chars().count() <= 2
                && !last.chars().any(|c| c.is_ascii_digit())
                && is_value(&compact(rest))
            {
                let (rest, last) = (rest.to_owned(), last.to_owned());
                unit = last;
                value = rest;
            }
        }
    }
    // The 指标值类型 column (定量 / 定性) follows from the value itself; it is not kept twice.
    if toks
        .last()
        .is_some_and(|t| t.text == "定量" || t.text == "定性")
    {
        toks.pop();
    }
    let (level3, description) = split_name(&toks);
    Some(Indicator {
        level1,
        level2,
        level3,
        description,
        value,
        unit,
        basis,
        ..Indicator::default()
    })
}

/// Splits the row's middle into 三级指标 and its description: a name written twice is both; else
/// the narrow column's short lines are the 三级指标 and the wider lines its description.
fn split_name(toks: &[Token]) -> (String, String) {
    let all: String = toks.iter().map(|t| without_spaces(&t.text)).collect();
    let chars: Vec<char> = all.chars().collect();
    if chars.len().is_multiple_of(2) && !chars.is_empty() {
        let (a, b) = chars.split_at(chars.len() / 2);
        if a == b {
            let half: String = a.iter().collect();
            return (half.clone(), half);
        }
    }
    // Group by line.
    let mut lines: Vec<String> = Vec::new();
    let mut last = None;
    for t in toks {
        if last == Some(t.line) {
            if let Some(l) = lines.last_mut() {
                l.push(' ');
                l.push_str(&t.text);
            }
        } else {
            lines.push(t.text.clone());
        }
        last = Some(t.line);
    }
    if lines.len() == 1 {
        let words: Vec<&str> = lines
            .first()
            .map_or(Vec::new(), |l| l.split_whitespace().collect());
        if let [name, description] = words.as_slice() {
            return ((*name).to_owned(), (*description).to_owned());
        }
    }
    let narrow = lines
        .iter()
        .position(|l| compact(l).chars().count() > 6)
        .unwrap_or(lines.len());
    if narrow > 0 && narrow < lines.len() {
        let name: String = lines
            .iter()
            .take(narrow)
            .map(|l| without_spaces(l))
            .collect();
        let description: String = lines
            .iter()
            .skip(narrow)
            .map(|l| without_spaces(l))
            .collect();
        return (name, description);
    }
    (all, String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines_are_recognised() {
        assert!(is_header("一级指标二级指标三级指标指标说明指标值"));
        assert!(is_header("指标值确定"));
        assert!(is_header("依据"));
        assert!(!is_header("产出指标"));
    }
}
