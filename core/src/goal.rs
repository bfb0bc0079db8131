//! Reading 绩效目标 lines: each quantity with what it counts or pays for.
//!
//! `走访慰问各级劳模 30 人，发放慰问金 45000 元` gives 30 people, described by `走访慰问各级劳模`, and
//! 45 000 元, described by `发放慰问金`. The description is the text of the quantity's clause around it
//! (clauses end at `，；。`), so that rules can match figures by meaning (慰问 ↔ 慰问金).

use crate::quantity::{scan, scan_all, Quantity, Unit, Unread};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// One quantity named in a goal line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalItem {
    /// Position among all numbers of the line (the `nth` of blame terms).
    pub nth: usize,
    /// The quantity.
    pub quantity: Quantity,
    /// What it counts or pays for: its clause without the quantity and the numbering.
    pub subject: String,
}

fn is_clause_end(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '。' | '\n' | '：' | ':')
}

impl GoalItem {
    /// A figure given per unit in prose (`每个补助 23 万元`, `人均 1500 元`): a standard, not an amount.
    pub fn is_per_unit(&self) -> bool {
        ["每", "人均", "平均", "标准"]
            .iter()
            .any(|w| self.subject.contains(w))
    }
}

/// Strips list numbering at the start of a line: `1.`, `1、`, `（1）`, `(1)`, `一、`.
pub fn strip_numbering(line: &str) -> &str {
    let t = line.trim_start();
    let digits = t
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || crate::number::chinese_digit(*c).is_some())
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    let rest = t.get(digits..).unwrap_or_default();
    if digits > 0 {
        for sep in ['.', '、', '．', ')', '）'] {
            if let Some(r) = rest.strip_prefix(sep) {
                return r.trim_start();
            }
        }
        return t;
    }
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(r) = t.strip_prefix(open) {
            if let Some((n, after)) = r.split_once(close) {
                if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) {
                    return after.trim_start();
                }
            }
        }
    }
    t
}

/// The quantities of a goal line with units (numbers without a unit, such as list numbers, are
/// left out but still counted in `nth`). One pass over the line, however many figures it holds.
pub fn read_goal(line: &str) -> Vec<GoalItem> {
    let body_start = line.len() - strip_numbering(line).len();
    let quantities = scan(line);
    let mut items = Vec::new();
    // Where the current clause starts: found by walking the line once, left to right.
    let mut walked = body_start;
    let mut clause_start = body_start;
    // The ends of earlier quantities, released once the current one starts after them.
    let mut ends: BinaryHeap<Reverse<usize>> = BinaryHeap::new();
    let mut prev_end = body_start;
    for (nth, q) in quantities.iter().enumerate() {
        let start = q.full_span.start;
        while ends.peek().is_some_and(|Reverse(e)| *e <= start) {
            if let Some(Reverse(e)) = ends.pop() {
                prev_end = prev_end.max(e);
            }
        }
        ends.push(Reverse(q.full_span.end));
        if matches!(q.unit, Unit::None) || q.span.start < body_start {
            continue;
        }
        if start < walked {
            // Out of order (never for text read left to right): look back from here instead.
            walked = body_start;
            clause_start = body_start;
        }
        for (i, c) in line.get(walked..start).unwrap_or_default().char_indices() {
            if is_clause_end(c) {
                clause_start = walked + i + c.len_utf8();
            }
        }
        walked = walked.max(start);
        // Stop at the previous quantity in the same clause, so `为 38 名…劳模发放荣誉津贴 450000 元`
        // describes 450000 by what lies between the two figures.
        let from = clause_start.max(prev_end.min(start));
        let mut subject = line.get(from..start).unwrap_or_default().to_owned();
        // A count's noun may follow it: `38 名唐山市级以上劳模`, up to the clause's end or the
        // next figure, whichever comes first.
        if matches!(q.unit, Unit::Count(_)) {
            let after = line.get(q.full_span.end..).unwrap_or_default();
            let next_stop = quantities.get(nth + 1).map_or(after.len(), |n| {
                n.full_span.start.saturating_sub(q.full_span.end)
            });
            let tail_end = after
                .char_indices()
                .find(|(i, c)| *i >= next_stop || is_clause_end(*c))
                .map_or(after.len(), |(i, _)| i);
            subject.push_str(after.get(..tail_end).unwrap_or_default());
        }
        items.push(GoalItem {
            nth,
            quantity: q.clone(),
            subject: crate::text::compact(&subject),
        });
    }
    items
}

/// The money figures of a goal line that could not be read (`1e30 元`, thirty-odd digits): they
/// are not amounts, and a rule that adds the line's amounts must say it could not count them.
pub fn unread_amounts(line: &str) -> Vec<Unread> {
    // Most lines hold no figure that could be unreadable: one pass without allocating tells,
    // before the line is scanned again in full.
    let mut run = 0usize;
    let suspect = line.chars().map(crate::text::fold_char).any(|c| {
        let after_digit = run > 0;
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        run > 28 || (after_digit && matches!(c, 'e' | 'E'))
    });
    if !suspect {
        return Vec::new();
    }
    scan_all(line)
        .1
        .into_iter()
        .filter(|u| u.unit.is_money())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subjects(line: &str) -> Vec<(String, String)> {
        read_goal(line)
            .into_iter()
            .map(|i| (i.quantity.number.value.to_string(), i.subject))
            .collect()
    }

    #[test]
    fn names_what_each_figure_counts_or_pays_for() {
        assert_eq!(
            subjects("1. 走访慰问各级劳模 30 人，发放慰问金 45000 元。"),
            [
                ("30".to_owned(), "走访慰问各级劳模".to_owned()),
                ("45000".to_owned(), "发放慰问金".to_owned())
            ]
        );
        let s = subjects("2. 为 38 名唐山市级以上劳模发放荣誉津贴 450000 元。");
        assert_eq!(s[0].0, "38");
        assert!(s[0].1.contains("劳模"), "{s:?}");
        assert_eq!(
            s[1],
            (
                "450000".to_owned(),
                "唐山市级以上劳模发放荣誉津贴".to_owned()
            )
        );
        let s =
            subjects("1.对困难职工实施帮扶救助，降低生活必要成本支出共计 9.92 万元,保障其家庭生活");
        assert_eq!(
            s,
            [("9.92".to_owned(), "降低生活必要成本支出共计".to_owned())]
        );
    }

    #[test]
    fn numbering_is_not_a_quantity() {
        assert_eq!(strip_numbering("1. 走访"), "走访");
        assert_eq!(strip_numbering("（2）发放"), "发放");
        assert_eq!(strip_numbering("一、总体"), "总体");
        assert_eq!(strip_numbering("30 人"), "30 人");
    }
}
