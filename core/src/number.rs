//! Reading numbers as people write them on these forms.
//!
//! ASCII and full-width digits, thousands separators (`45,000`: a comma followed by exactly three
//! digits), decimals, Chinese numerals (`三十`, `九万`) and financial capitals (`壹拾万`). The number
//! of decimals written is kept: `9.00` and `9` are the same value but not the same precision.

use rust_decimal::Decimal;
use std::fmt;

/// A number as written: its exact value and how many decimals were written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    /// The exact value.
    pub value: Decimal,
    /// Digits written after the decimal point (`9.00` → 2, `9` → 0).
    pub scale: u32,
}

impl Number {
    /// A whole number.
    pub fn int(value: i64) -> Self {
        Self {
            value: Decimal::from(value),
            scale: 0,
        }
    }

    /// The same number with the opposite sign (`9.00` → `-9.00`).
    #[must_use]
    pub fn negated(self) -> Self {
        Self {
            value: -self.value,
            scale: self.scale,
        }
    }

    /// Half of the last written digit's place (`9.00` → 0.005): the value stands for ± this. A
    /// written zero is exactly nothing (`其他资金 0` does not stand for ± 0.5).
    pub fn half_ulp(&self) -> Decimal {
        if self.value.is_zero() {
            return Decimal::ZERO;
        }
        Decimal::new(5, self.scale.saturating_add(1).min(28))
    }
}

/// Why a text is not a number, in words a user understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// Nothing was written.
    Empty,
    /// The text is not a number; carries the first character that could not be read.
    NotANumber(String),
    /// The number does not fit exact decimal arithmetic (more than 28 digits).
    TooLarge,
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("未填写"),
            Self::NotANumber(at) => write!(f, "“{at}”不是数字，请填写如 9.00 的数字"),
            Self::TooLarge => f.write_str("数值过大，超出可精确计算的范围"),
        }
    }
}

impl std::error::Error for NumberError {}

/// The longest text a single number cell can hold and still be read: far more than any figure
/// written on these forms. Longer cells are refused at once, without folding or scanning them,
/// so that a field of millions of digits costs nothing per keystroke.
pub const MAX_NUMBER_CHARS: usize = 200;

/// Parses a whole field as one number (`9`, `9.0`, `９．００`, `45,000`, `45，000`, `-9.00`, `九`,
/// `壹拾`). Surrounding spaces are ignored; anything else is an error quoting the text as typed.
pub fn parse_number(text: &str) -> Result<Number, NumberError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(NumberError::Empty);
    }
    if let Some(e) = too_long(trimmed) {
        return Err(e);
    }
    let folded: Vec<char> = trimmed
        .chars()
        .map(crate::text::fold_char)
        .filter(|c| !c.is_whitespace())
        .collect();
    let (negative, start) = match folded.first() {
        Some(&c) if is_minus(c) => (true, 1),
        _ => (false, 0),
    };
    match scan_number(&folded, start) {
        Some(Ok((number, end))) if end == folded.len() => {
            Ok(if negative { number.negated() } else { number })
        }
        Some(Err((NumberError::TooLarge, _))) => Err(NumberError::TooLarge),
        _ => Err(NumberError::NotANumber(trimmed.to_owned())),
    }
}

/// A minus sign as typed: ASCII `-` (full-width `－` folds to it) or the typographic `−`.
pub fn is_minus(c: char) -> bool {
    matches!(c, '-' | '−')
}

/// The error for a cell too long to be one number ([`MAX_NUMBER_CHARS`]), judged from its bytes
/// alone: a run of digits is 数值过大, anything else is not a number (quoted in part).
pub fn too_long(trimmed: &str) -> Option<NumberError> {
    // A char takes at least one byte, so a short text needs no counting.
    if trimmed.len() <= MAX_NUMBER_CHARS || trimmed.chars().nth(MAX_NUMBER_CHARS).is_none() {
        return None;
    }
    let numeric = trimmed.chars().all(|c| {
        let f = crate::text::fold_char(c);
        f.is_ascii_digit() || matches!(f, '.' | ',' | '，' | ' ') || is_minus(f)
    });
    Some(if numeric {
        NumberError::TooLarge
    } else {
        NumberError::NotANumber(crate::text::excerpt(trimmed, 40))
    })
}

/// Reads a number starting at `chars[start]` (already folded with [`crate::text::fold_char`]).
/// Returns the number and the index just past it, `None` when no number starts there, or an error
/// with the index just past what was looked at, when digits start there but cannot be read as a
/// number of these forms (too many digits for exact arithmetic, or scientific notation `1e30`).
pub fn scan_number(
    chars: &[char],
    start: usize,
) -> Option<Result<(Number, usize), (NumberError, usize)>> {
    let first = *chars.get(start)?;
    if first.is_ascii_digit() {
        Some(scan_arabic(chars, start))
    } else if chinese_digit(first).is_some() || chinese_multiplier(first).is_some() {
        scan_chinese(chars, start)
    } else {
        None
    }
}

fn scan_arabic(chars: &[char], start: usize) -> Result<(Number, usize), (NumberError, usize)> {
    // More digits than this cannot fit exact decimal arithmetic (28–29 significant digits); the
    // run is still walked to its end, but not copied.
    const MAX_DIGITS: usize = 40;
    let mut digits = String::new();
    let mut count = 0usize;
    let mut i = start;
    let mut scale = 0u32;
    let mut seen_point = false;
    while let Some(&c) = chars.get(i) {
        if c.is_ascii_digit() {
            count += 1;
            if count <= MAX_DIGITS {
                digits.push(c);
            }
            if seen_point {
                scale = scale.saturating_add(1);
            }
            i += 1;
        } else if is_thousands_separator(c) && !seen_point && is_thousands_group(chars, i + 1) {
            i += 1;
        } else if c == '.' && !seen_point && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            seen_point = true;
            digits.push('.');
            i += 1;
        } else {
            break;
        }
    }
    // `1e30`, `2E-5`: scientific notation is not how amounts are written on these forms; reading
    // the `1` and leaving the rest would be a silent misread.
    if chars.get(i).is_some_and(|c| matches!(c, 'e' | 'E'))
        && chars
            .get(i + 1)
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, '+' | '-'))
    {
        let mut end = i + 1;
        while chars
            .get(end)
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        {
            end += 1;
        }
        return Err((
            NumberError::NotANumber(chars.get(start..end).unwrap_or_default().iter().collect()),
            end,
        ));
    }
    if count > MAX_DIGITS {
        return Err((NumberError::TooLarge, i));
    }
    // Leading zeros are kept in the text but not needed for the value.
    let parsed = digits
        .parse::<Decimal>()
        .map_err(|_| (NumberError::TooLarge, i))?;
    Ok((
        Number {
            value: parsed,
            scale,
        },
        i,
    ))
}

/// `,` and the full-width `，` both separate thousands when exactly three digits follow
/// (`45,000`, `45，000`); between clauses (`30 人，发放…`) no digits follow them.
fn is_thousands_separator(c: char) -> bool {
    matches!(c, ',' | '，')
}

/// A separator is a thousands separator only when exactly three digits follow it.
fn is_thousands_group(chars: &[char], at: usize) -> bool {
    (0..3).all(|k| chars.get(at + k).is_some_and(char::is_ascii_digit))
        && !chars.get(at + 3).is_some_and(char::is_ascii_digit)
}

/// The value of a Chinese digit, ordinary or financial capital.
pub fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The place value of a Chinese multiplier character.
fn chinese_multiplier(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// Reads a Chinese numeral (`三十`, `一百二十`, `壹拾`, `九万`, `十二万五千`). `万`/`亿` are part
/// of the number only when a numeral precedes them, so `万元` alone is left to the unit reader.
fn scan_chinese(
    chars: &[char],
    start: usize,
) -> Option<Result<(Number, usize), (NumberError, usize)>> {
    let mut total: u64 = 0; // completed 万/亿 groups
    let mut section: u64 = 0; // current group below 万
    let mut digit: Option<u64> = None;
    let mut i = start;
    let mut any = false;
    while let Some(&c) = chars.get(i) {
        if let Some(d) = chinese_digit(c) {
            digit = Some(u64::from(d));
            any = true;
        } else if let Some(m) = chinese_multiplier(c) {
            // `十` alone means 10; `二十` means 20.
            section = section.saturating_add(digit.take().unwrap_or(1).saturating_mul(m));
            any = true;
        } else if (c == '万' || c == '亿') && any {
            let m: u64 = if c == '万' { 10_000 } else { 100_000_000 };
            // `万元` after a numeral keeps 万 in the unit when what follows is 元: `九万元` is read as
            // 9 with unit 万元, which has the same value and keeps the unit the writer used.
            if c == '万' && chars.get(i + 1) == Some(&'元') {
                break;
            }
            let group = section.saturating_add(digit.take().unwrap_or(0));
            total = total.saturating_add(group).saturating_mul(m);
            section = 0;
        } else if c == '整' && any {
            i += 1;
            break;
        } else {
            break;
        }
        i += 1;
    }
    if !any {
        return None;
    }
    let value = total
        .saturating_add(section)
        .saturating_add(digit.unwrap_or(0));
    Some(Ok((
        Number {
            value: Decimal::from(value),
            scale: 0,
        },
        i,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn accepts_the_forms_users_type() {
        for (text, value, scale) in [
            ("9", "9", 0),
            ("9.0", "9", 1),
            ("９．００", "9", 2),
            (" 13.15 ", "13.15", 2),
            ("45,000", "45000", 0),
            ("1,234,567.5", "1234567.5", 1),
            ("三十", "30", 0),
            ("一百二十", "120", 0),
            ("壹拾万", "100000", 0),
            ("十二万五千", "125000", 0),
            ("玖", "9", 0),
        ] {
            let n = parse_number(text).unwrap();
            assert_eq!((n.value, n.scale), (dec(value), scale), "{text}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_number_with_a_message() {
        assert_eq!(parse_number(""), Err(NumberError::Empty));
        assert_eq!(
            parse_number("abc").unwrap_err().to_string(),
            "“abc”不是数字，请填写如 9.00 的数字"
        );
        assert!(matches!(
            parse_number("9.0.0"),
            Err(NumberError::NotANumber(_))
        ));
        assert_eq!(
            parse_number("1234567890123456789012345678901"),
            Err(NumberError::TooLarge)
        );
    }

    #[test]
    fn precision_is_half_the_last_digit() {
        assert_eq!(parse_number("9.00").unwrap().half_ulp(), dec("0.005"));
        assert_eq!(parse_number("9").unwrap().half_ulp(), dec("0.5"));
    }
}
