//! One project table: code, name, budget, schedule, goals, indicators, found by their labels.

use super::{join, numbered, Line, Unplaced};
use crate::model::{Budget, Checkpoint, Project};
use crate::number::NumberError;
use crate::quantity::{parse_money_cell, MoneyUnit};
use crate::text::compact;

/// The labelled parts of a table, in the order they appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Code,
    Name,
    Budget,
    Schedule,
    Goals,
    Indicators,
}

fn part_of(key: &str) -> Option<Part> {
    if key.starts_with("项目编码") {
        Some(Part::Code)
    } else if key.starts_with("项目名称") {
        Some(Part::Name)
    } else if key.starts_with("预算规模")
        || key.starts_with("资金情况")
        || key.starts_with("年度资金总额")
        || key.starts_with("预算数")
    {
        Some(Part::Budget)
    } else if key.starts_with("资金支出计") {
        Some(Part::Schedule)
    } else if (key.starts_with("绩效目标")
        || key.starts_with("年度目标")
        || key.starts_with("年度绩效目标"))
        && !key.contains("绩效目标表")
    {
        Some(Part::Goals)
    } else if key.starts_with("一级指标") {
        Some(Part::Indicators)
    } else {
        None
    }
}

/// Reads one project from its title and body lines; returns the lines it could not place.
pub(super) fn read(
    title: &[&Line],
    body: &[&Line],
    notes: &mut Vec<String>,
) -> (Project, Vec<Unplaced>) {
    // Where each part starts. A part's label may share its line with the previous part's text
    // (`项目编码 130… 项目名称 劳模基金`), which `split_inline` handles.
    let mut starts: Vec<(usize, Part)> = Vec::new();
    for (i, line) in body.iter().enumerate() {
        if let Some(part) = part_of(&line.key) {
            if !starts.iter().any(|(_, p)| *p == part) {
                starts.push((i, part));
            }
        }
    }
    let block = |part: Part| -> Vec<&Line> {
        let Some(&(start, _)) = starts.iter().find(|(_, p)| *p == part) else {
            return Vec::new();
        };
        let end = starts
            .iter()
            .map(|(i, _)| *i)
            .filter(|i| *i > start)
            .min()
            .unwrap_or(body.len());
        body.get(start..end).unwrap_or_default().to_vec()
    };
    let mut unplaced: Vec<Unplaced> = Vec::new();
    if let Some(&(first, _)) = starts.iter().min() {
        unplaced.extend(body.iter().take(first).map(|l| l.unplaced()));
    } else {
        unplaced.extend(body.iter().map(|l| l.unplaced()));
    }

    let code_lines = block(Part::Code);
    let code_text = join(&code_lines);
    let (code_part, inline_name) = match code_text.split_once("项目名称") {
        Some((c, n)) => (c.to_owned(), Some(n.trim().to_owned())),
        None => (code_text.clone(), None),
    };
    let code: String = compact(
        code_part
            .trim_start()
            .strip_prefix("项目编码")
            .unwrap_or(&code_part),
    )
    .chars()
    .filter(char::is_ascii_alphanumeric)
    .collect();
    let mut name = inline_name.unwrap_or_default();
    let mut name_lines = block(Part::Name);
    // Header cells this model does not hold (主管部门, 实施单位 …) end the name; they are shown to
    // the user as unplaced rather than glued onto the name.
    if let Some(cut) = name_lines
        .iter()
        .position(|l| OTHER_HEADER_CELLS.iter().any(|h| l.key.starts_with(h)))
    {
        unplaced.extend(name_lines.iter().skip(cut).map(|l| l.unplaced()));
        name_lines.truncate(cut);
    }
    if !name_lines.is_empty() {
        let text = join(&name_lines);
        name.push_str(
            text.trim_start()
                .strip_prefix("项目名称")
                .unwrap_or(&text)
                .trim(),
        );
    }
    if name.trim().is_empty() {
        name = title_name(title);
    }
    let code_pieces = code_lines
        .iter()
        .filter(|l| {
            let k = l.key.split("项目名称").next().unwrap_or_default();
            k.trim_start_matches("项目编码")
                .chars()
                .any(|c| c.is_ascii_alphanumeric())
        })
        .count();
    if code_pieces > 1 {
        notes.push(format!(
            "项目“{}”的编码由 {code_pieces} 行拼合为“{code}”，请核对",
            compact(&name)
        ));
    }

    let (budget, purpose) = read_budget(&block(Part::Budget));
    note_unreadable_budget(&budget, &name, notes);
    let schedule = read_schedule(&block(Part::Schedule));
    let goals = read_goals(&block(Part::Goals));
    let (indicators, mut rest) = super::indicators::read(&block(Part::Indicators));
    unplaced.append(&mut rest);

    let project = Project {
        code,
        name: name.trim().to_owned(),
        budget,
        purpose,
        schedule,
        goals,
        indicators,
        ..Project::default()
    };
    (project, unplaced)
}

/// A budget figure imported as typed that the check cannot read (`1e400`) is named in the notes.
fn note_unreadable_budget(budget: &Budget, name: &str, notes: &mut Vec<String>) {
    for (label, cell) in [
        ("预算数", &budget.total),
        ("财政资金", &budget.fiscal),
        ("其他资金", &budget.other),
    ] {
        let reason = match parse_money_cell(cell, MoneyUnit::Wan) {
            Ok(_) | Err(NumberError::Empty) => continue,
            Err(NumberError::TooLarge) => "数值过大",
            Err(NumberError::NotANumber(_)) => "不是可以读取的数字",
        };
        notes.push(format!(
            "项目“{}”的{label}“{cell}”{reason}，已照原样填入，请核对",
            crate::text::excerpt(&compact(name), 40)
        ));
    }
}

/// `1.劳模基金绩效目标表` → `劳模基金`.
fn title_name(title: &[&Line]) -> String {
    let text = join(title);
    let text = super::super::goal::strip_numbering(&text);
    text.trim_end_matches("绩效目标申报表")
        .trim_end_matches("绩效目标表")
        .trim()
        .to_owned()
}

/// The figure written right after `label` in a compacted text (`预算数9.00` → `9.00`), taken whole
/// as typed: `-9.00`, `45，000`, `玖`, `九万元` and also `1e400`, which the check then reports as
/// unreadable. Never a readable prefix of it (`1e400` is not `1`).
fn number_after(key: &str, label: &str) -> Option<String> {
    let pos = key.find(label)?;
    let rest = key.get(pos + label.len()..)?;
    let rest = rest.trim_start_matches([':', '：', '(', ')', '（', '）']);
    let rest = rest.strip_prefix("万元").unwrap_or(rest);
    let rest = rest.trim_start_matches([':', '：', ')', '）']);
    let figure = figure_len(rest);
    if figure == 0 {
        return None;
    }
    let (number, after) = rest.split_at(figure);
    // A unit written after the figure belongs to it (`九万元`: 9 in 万元).
    let unit = ["亿元", "万元", "元"]
        .into_iter()
        .find(|u| after.starts_with(u))
        .unwrap_or_default();
    Some(format!("{number}{unit}"))
}

/// How many bytes at the start of `s` are one figure as people type it in a budget cell: a sign,
/// digits with separators and a point, an exponent (so that `1e400` is taken whole and refused
/// whole), or Chinese numerals.
fn figure_len(s: &str) -> usize {
    let chinese =
        |c: char| crate::number::chinese_digit(c).is_some() || "十拾百佰千仟万亿整".contains(c);
    let mut end = 0;
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        let ok = c.is_ascii_digit()
            || (matches!(c, '.' | ',' | '，') && prev.is_some_and(|p| p.is_ascii_digit()))
            || (crate::number::is_minus(c) && i == 0)
            || (matches!(c, 'e' | 'E') && prev.is_some_and(|p| p.is_ascii_digit()))
            || (matches!(c, '+' | '-') && matches!(prev, Some('e' | 'E')))
            || chinese(c);
        if !ok {
            break;
        }
        end = i + c.len_utf8();
        prev = Some(c);
    }
    // A trailing separator belongs to the sentence, not to the figure.
    s.get(..end)
        .map_or(0, |f| f.trim_end_matches(['.', ',', '，']).len())
}

/// A line that is only a figure (the 其他资金 cell on its own line).
fn bare_number(key: &str) -> bool {
    !key.is_empty() && figure_len(key) == key.len()
}

/// Header cells of other layouts that the model does not hold.
const OTHER_HEADER_CELLS: &[&str] = &[
    "主管部门",
    "实施单位",
    "项目负责人",
    "项目属性",
    "项目期限",
    "联系电话",
    "项目类型",
];

const BUDGET_LABELS: &[&str] = &[
    "预算规模",
    "资金用途",
    "预算数",
    "其中",
    "财政",
    "资金",
    "其他资金",
    "年度资金总额",
    "资金情况",
    "拨款",
];

/// Budget figures and the 资金用途 prose that follows them.
fn read_budget(lines: &[&Line]) -> (Budget, String) {
    let mut label_end = lines.len();
    for (i, l) in lines.iter().enumerate() {
        if let Some(pos) = l.key.find("其他资金") {
            let after_label = l.key.get(pos + "其他资金".len()..).unwrap_or_default();
            label_end = i + 1;
            // Its figure: on the same line, or alone on the next.
            if after_label.is_empty() && lines.get(i + 1).is_some_and(|n| bare_number(&n.key)) {
                label_end = i + 2;
            }
            break;
        }
    }
    if label_end == lines.len() {
        // No 其他资金 label: the labels end at the first line that is none of them.
        label_end = lines
            .iter()
            .position(|l| {
                !bare_number(&l.key)
                    && !BUDGET_LABELS.iter().any(|b| l.key.starts_with(b))
                    && !l.key.contains("预算数")
            })
            .unwrap_or(lines.len());
    }
    let labels: String = lines
        .iter()
        .take(label_end)
        .map(|l| l.key.as_str())
        .collect();
    let total = ["预算数", "年度资金总额", "资金总额", "项目资金"]
        .iter()
        .find_map(|l| number_after(&labels, l));
    let fiscal = ["财政资金", "财政拨款"]
        .iter()
        .find_map(|l| number_after(&labels, l));
    let other = number_after(&labels, "其他资金");
    let purpose_lines: Vec<&Line> = lines.iter().skip(label_end).copied().collect();
    let purpose = join(&purpose_lines);
    let purpose = purpose
        .strip_prefix("资金用途")
        .map_or(purpose.clone(), |p| {
            p.trim_start_matches(['：', ':']).to_owned()
        });
    (
        Budget {
            total: total.unwrap_or_default(),
            fiscal: fiscal.unwrap_or_default(),
            other: other.unwrap_or_default(),
            sources: Vec::new(),
        },
        purpose,
    )
}

/// `3 月底 6 月底 10 月底 12 月底` and `30% 60% 90% 100%`, paired in order.
fn read_schedule(lines: &[&Line]) -> Vec<Checkpoint> {
    let text: Vec<char> = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(crate::text::fold_char)
        .collect();
    let mut labels = Vec::new();
    let mut percents = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let digits_end = (i..text.len())
            .find(|&k| !text.get(k).is_some_and(|c| c.is_ascii_digit() || *c == '.'))
            .unwrap_or(text.len());
        if digits_end == i || (i > 0 && text.get(i - 1).is_some_and(char::is_ascii_digit)) {
            i += 1;
            continue;
        }
        let number: String = text.get(i..digits_end).unwrap_or_default().iter().collect();
        let mut k = digits_end;
        while text.get(k) == Some(&' ') {
            k += 1;
        }
        match text.get(k) {
            Some('月') => {
                let mut label = format!("{number} 月");
                if let Some(c @ ('底' | '末')) = text.get(k + 1) {
                    label.push(*c);
                    k += 1;
                }
                labels.push(label);
                i = k + 1;
            }
            Some('%') => {
                percents.push(format!("{number}%"));
                i = k + 1;
            }
            _ => i = digits_end,
        }
    }
    let n = labels.len().max(percents.len());
    (0..n)
        .map(|k| Checkpoint {
            label: labels.get(k).cloned().unwrap_or_default(),
            percent: percents.get(k).cloned().unwrap_or_default(),
        })
        .collect()
}

/// Goal lines: each numbered item, with the lines it was broken over joined.
fn read_goals(lines: &[&Line]) -> Vec<String> {
    let mut goals: Vec<Vec<&Line>> = Vec::new();
    let mut first_text = None;
    for (i, l) in lines.iter().enumerate() {
        if i == 0 {
            // The label itself, possibly followed by the first goal on the same line.
            let rest = ["绩效目标", "年度绩效目标", "年度目标"]
                .iter()
                .find_map(|label| l.text.trim_start().strip_prefix(label))
                .map(|r| r.trim_start_matches(['：', ':']).trim().to_owned());
            if let Some(rest) = rest.filter(|r| !r.is_empty()) {
                first_text = Some(rest);
                goals.push(Vec::new());
            }
            continue;
        }
        if numbered(&l.key) || goals.is_empty() {
            goals.push(vec![l]);
        } else if let Some(last) = goals.last_mut() {
            last.push(l);
        }
    }
    let mut out: Vec<String> = goals.iter().map(|g| join(g)).collect();
    if let (Some(first), Some(slot)) = (first_text, out.first_mut()) {
        *slot = if slot.is_empty() {
            first
        } else {
            format!("{first}{slot}")
        };
    }
    out.retain(|g| !g.trim().is_empty());
    out
}
