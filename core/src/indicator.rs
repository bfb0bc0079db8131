//! Reading an indicator cell (指标值) back into its three stored parts — 计算符号, 指标值, 计量单位 —
//! or into a deadline (时效指标) or an accepted qualitative value, and reading schedule labels.

use crate::number::chinese_digit;
use crate::quantity::{parse_whole, Quantity};
use crate::text::compact;

/// What an indicator cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndicatorValue {
    /// Nothing written.
    Empty,
    /// Comparator, number and unit (`≥90%`, `68 人`, `≤12400 元/年`).
    Quantitative(Quantity),
    /// A deadline (`12 月 31 日前完成`, `春节前一月底完成`).
    Deadline(Deadline),
    /// A timing that cannot be pinned to a date (`按月`, `及时`): accepted, but not comparable.
    VagueTiming(String),
    /// An accepted qualitative value (`有所提高`, `良好`, `是`).
    Qualitative(String),
    /// Anything else, as written.
    Unreadable(String),
}

/// A deadline within the budget year: done by the end of `month` (or by `day` of it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, when written.
    pub day: Option<u8>,
}

impl Deadline {
    /// How the deadline reads in messages: `1 月底`, `12 月 31 日`.
    pub fn describe(&self) -> String {
        match self.day {
            Some(d) => format!("{} 月 {d} 日", self.month),
            None => format!("{} 月底", self.month),
        }
    }
}

/// Words that make a qualitative value acceptable: the direction or grade is stated.
const QUALITATIVE: &[&str] = &[
    "提高", "提升", "改善", "增强", "加强", "优化", "完善", "降低", "减少", "下降", "明显", "显著",
    "有效", "逐步", "持续", "稳定", "良好", "较好", "优秀", "优良", "合格", "达标", "达到", "符合",
    "规范", "健全", "保障", "促进", "有所", "好", "高", "是", "否", "无",
];

/// Timing words that name no date.
const VAGUE_TIMING: &[&str] = &[
    "按月",
    "按季",
    "按季度",
    "按年",
    "按时",
    "及时",
    "每月",
    "每季度",
    "长期",
    "常年",
    "全年",
];

/// Reads an indicator row's value from its 计算符号, 指标值 and 计量单位 columns, whichever the layout
/// has: `≥` | `230` | `个` reads as `≥230个`; a 计算符号 of `定性` makes the value qualitative.
pub fn read_indicator(row: &crate::model::Indicator) -> IndicatorValue {
    read_parts(&compact(&row.comparator), &compact(&row.value), row)
}

/// [`read_indicator`] with the 计算符号 and 指标值 cells already compacted.
pub fn read_parts(comparator: &str, value: &str, row: &crate::model::Indicator) -> IndicatorValue {
    let symbol = match comparator {
        "≥" | ">=" | "≧" | "不低于" | "不少于" => Some("≥"),
        "≤" | "<=" | "≦" | "不高于" | "不超过" => Some("≤"),
        ">" | "＞" => Some(">"),
        "<" | "＜" => Some("<"),
        "=" | "＝" => Some("="),
        _ => None,
    };
    match symbol {
        Some(s) if !value.is_empty() && !value.starts_with(['≥', '≤', '>', '<', '=', '≧', '≦']) => {
            read_compacted(format!("{s}{value}"), &row.unit)
        }
        _ if comparator.contains("定性") && !value.is_empty() => {
            match read_compacted(value.to_owned(), &row.unit) {
                IndicatorValue::Unreadable(text) => IndicatorValue::Qualitative(text),
                other => other,
            }
        }
        _ => read_compacted(value.to_owned(), &row.unit),
    }
}

/// Reads an indicator cell; `unit` is the separate 计量单位 column (empty in most layouts).
pub fn read_value(value: &str, unit: &str) -> IndicatorValue {
    read_compacted(compact(value), unit)
}

/// [`read_value`] of a cell already compacted.
fn read_compacted(text: String, unit: &str) -> IndicatorValue {
    if text.is_empty() {
        return IndicatorValue::Empty;
    }
    let unit = if unit.trim().is_empty() {
        String::new()
    } else {
        compact(unit)
    };
    let joined: std::borrow::Cow<'_, str> = if unit.is_empty() || text.ends_with(&unit) {
        std::borrow::Cow::Borrowed(&text)
    } else {
        std::borrow::Cow::Owned(format!("{text}{unit}"))
    };
    if let Some(q) = parse_whole(&joined) {
        return IndicatorValue::Quantitative(q);
    }
    if let Some(d) = read_deadline(&joined) {
        return IndicatorValue::Deadline(d);
    }
    if VAGUE_TIMING.iter().any(|w| text.contains(w)) {
        return IndicatorValue::VagueTiming(text);
    }
    if text.chars().count() <= 30 && QUALITATIVE.iter().any(|w| text.contains(w)) {
        return IndicatorValue::Qualitative(text);
    }
    IndicatorValue::Unreadable(text)
}

/// Reads a month written with digits or Chinese numerals (`12`, `一`, `十二`) at the start of `s`.
/// Looks at no more than three characters: a month is at most `十二` or `12`, and a long run of
/// digits must not be walked again from every position (read_deadline tries each one).
fn leading_month(s: &[char]) -> Option<(u8, usize)> {
    let s = s.get(..s.len().min(3)).unwrap_or_default();
    let digits = s.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 {
        let m = s
            .iter()
            .take(digits.min(3))
            .try_fold(0u32, |acc, c| Some(acc * 10 + c.to_digit(10)?))?;
        let m = u8::try_from(m).ok()?;
        return (digits <= 2 && (1..=12).contains(&m)).then_some((m, digits));
    }
    let mut value = 0u32;
    let mut len = 0;
    for c in s {
        match (c, chinese_digit(*c)) {
            ('十' | '拾', _) => value = if value == 0 { 10 } else { value * 10 },
            (_, Some(d)) if value == 10 => value += d,
            (_, Some(d)) if value == 0 => value = d,
            _ => break,
        }
        len += 1;
    }
    let m = u8::try_from(value).ok()?;
    (len > 0 && (1..=12).contains(&m)).then_some((m, len))
}

/// Reads a deadline within the year: `12 月 31 日前完成`, `2024年12月底前`, `每年12月底前`,
/// `春节前一月底完成` (the end of January), `年底前`, `上半年`, `第三季度`, `≤12个月`.
pub fn read_deadline(text: &str) -> Option<Deadline> {
    let chars: Vec<char> = compact(text).chars().collect();
    // `N月` with an optional day.
    for i in 0..chars.len() {
        if let Some((month, len)) = leading_month(chars.get(i..)?) {
            // Skip a year such as `2024年`: the month must not be preceded by digits.
            if i > 0 && chars.get(i - 1).is_some_and(char::is_ascii_digit) {
                continue;
            }
            if chars.get(i + len) != Some(&'月') {
                continue;
            }
            let rest = chars.get(i + len + 1..).unwrap_or_default();
            let day_digits: String = rest.iter().take_while(|c| c.is_ascii_digit()).collect();
            let day = if day_digits.is_empty() {
                None
            } else if matches!(rest.get(day_digits.len()), Some('日' | '号')) {
                day_digits.parse().ok().filter(|d| (1..=31).contains(d))
            } else {
                None
            };
            return Some(Deadline { month, day });
        }
    }
    let s: String = chars.iter().collect();
    if s.contains("年底") || s.contains("年末") || s.contains("年内") || s.contains("全年完成")
    {
        return Some(Deadline {
            month: 12,
            day: None,
        });
    }
    if s.contains("上半年") {
        return Some(Deadline {
            month: 6,
            day: None,
        });
    }
    for (words, month) in [
        (["第一季度", "一季度"], 3),
        (["第二季度", "二季度"], 6),
        (["第三季度", "三季度"], 9),
        (["第四季度", "四季度"], 12),
    ] {
        if words.iter().any(|w| s.contains(w)) {
            return Some(Deadline { month, day: None });
        }
    }
    // `≤12个月`, `12个月内`: within N months of the year's start.
    if let Some(q) = parse_whole(&s.replace('内', "")) {
        if let crate::quantity::Unit::Count(w) = &q.unit {
            if w == "个月" {
                let n = u8::try_from(q.number.value.trunc().mantissa()).ok()?;
                return (1..=12).contains(&n).then_some(Deadline {
                    month: n,
                    day: None,
                });
            }
        }
    }
    None
}

/// Reads a 资金支出计划 label (`3 月底`, `6月`, `第一季度`) as the month it ends.
pub fn read_checkpoint_month(label: &str) -> Option<u8> {
    read_deadline(label).map(|d| d.month)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::{Comparator, Unit};

    #[test]
    fn reads_deadlines() {
        let d = |s| read_deadline(s).map(|d| (d.month, d.day));
        assert_eq!(d("12 月 31 日前完成"), Some((12, Some(31))));
        assert_eq!(d("春节前一月底完成"), Some((1, None)));
        assert_eq!(d("春节前一月\n底完成"), Some((1, None)));
        assert_eq!(d("2024年12月底前"), Some((12, None)));
        assert_eq!(d("每年12月底前"), Some((12, None)));
        assert_eq!(d("≤12个月"), Some((12, None)));
        assert_eq!(d("上半年完成"), Some((6, None)));
        assert_eq!(d("按月"), None);
        assert_eq!(d("3 月底"), Some((3, None)));
        assert_eq!(d("十月底"), Some((10, None)));
    }

    #[test]
    fn reads_indicator_cells() {
        match read_value("≥90 %", "") {
            IndicatorValue::Quantitative(q) => {
                assert_eq!((q.comparator, q.unit), (Comparator::Ge, Unit::Percent));
            }
            other => panic!("{other:?}"),
        }
        match read_value("1102", "人") {
            IndicatorValue::Quantitative(q) => assert_eq!(q.unit, Unit::Count("人".into())),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            read_value("春节前一月\n底完成", ""),
            IndicatorValue::Deadline(_)
        ));
        assert!(matches!(
            read_value("按月", ""),
            IndicatorValue::VagueTiming(_)
        ));
        assert!(matches!(
            read_value("有所提高", ""),
            IndicatorValue::Qualitative(_)
        ));
        assert!(matches!(
            read_value("见附件", ""),
            IndicatorValue::Unreadable(_)
        ));
        assert_eq!(read_value("  ", ""), IndicatorValue::Empty);
    }
}
