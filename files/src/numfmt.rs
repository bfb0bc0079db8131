//! Numbers as their number format shows them: a cell formatted `0.00` holding 9 reads `9.00`, a
//! cell formatted `0%` holding 0.9 reads `90%`, a date serial reads as the date.
//!
//! Computed in exact decimals from the stored text (Excel stores the shortest text that round-trips
//! the double), rounding half away from zero as Excel does. Grouping separators (`#,##0`) are left
//! out: the value reads the same and every parser downstream takes it without ambiguity.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt::Write;
use std::str::FromStr;

/// The format code of a built-in number format id (ECMA-376 §18.8.30, with the ids that Chinese
/// Excel and WPS give their date formats); `None` for General and ids with no fixed code.
pub fn builtin(id: u32) -> Option<&'static str> {
    Some(match id {
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        5 | 37 => "#,##0 ;(#,##0)",
        6 | 38 => "#,##0 ;[Red](#,##0)",
        7 | 39 => "#,##0.00;(#,##0.00)",
        8 | 40 => "#,##0.00;[Red](#,##0.00)",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        12 => "# ?/?",
        13 => "# ??/??",
        14 | 30 => "yyyy/m/d",
        15 => "d-mmm-yy",
        16 => "d-mmm",
        17 => "mmm-yy",
        18 => "h:mm AM/PM",
        19 => "h:mm:ss AM/PM",
        20 | 32 => "h:mm",
        21 | 33 => "h:mm:ss",
        22 => "yyyy/m/d h:mm",
        27 | 28 | 29 | 31 | 34 | 35 | 36 | 50..=58 => "yyyy\"年\"m\"月\"d\"日\"",
        41 => "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)",
        42 => "_(\"$\"* #,##0_);_(\"$\"* (#,##0);_(\"$\"* \"-\"_);_(@_)",
        43 => "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)",
        44 => "_(\"$\"* #,##0.00_);_(\"$\"* (#,##0.00);_(\"$\"* \"-\"??_);_(@_)",
        45 => "mm:ss",
        46 => "[h]:mm:ss",
        47 => "mm:ss.0",
        48 => "##0.0E+0",
        49 => "@",
        _ => return None,
    })
}

/// The stored number text as a decimal (`9`, `0.9`, `1.5E-3`), if it is one.
pub fn parse(raw: &str) -> Option<Decimal> {
    let t = raw.trim();
    if t.contains(['e', 'E']) {
        Decimal::from_scientific(t).ok()
    } else {
        Decimal::from_str(t).ok()
    }
}

/// The number stored as `raw` as shown under the format `code` (`None`: General). `date1904`
/// is the workbook's date system. Text that is not a number is returned as it is.
pub fn display(raw: &str, code: Option<&str>, date1904: bool) -> String {
    if code.is_none() {
        if let Some(plain) = short_plain(raw.trim()) {
            return plain.to_owned();
        }
    }
    let Some(value) = parse(raw) else {
        return raw.trim().to_owned();
    };
    match code {
        Some(code) => render(value, code, date1904),
        None => general(value),
    }
}

/// The text itself when it already reads as General shows it: at most 15 digits, no exponent,
/// no leading or trailing zeros to drop (`100`, `-3.25`, `0.5`). Most cells take this path.
fn short_plain(t: &str) -> Option<&str> {
    let body = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let ok = !int.is_empty()
        && digits(int)
        && digits(frac)
        && (int == "0" || !int.starts_with('0'))
        && !(body.contains('.') && (frac.is_empty() || frac.ends_with('0')))
        && int.len() + frac.len() <= 15
        && t != "-0";
    ok.then_some(t)
}

/// General: the value to Excel's 15 significant digits, without trailing zeros.
pub fn general(value: Decimal) -> String {
    let v = value.round_sf(15).unwrap_or(value).normalize();
    if v.is_zero() {
        "0".to_owned()
    } else {
        v.to_string()
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Lit(String),
    /// A digit placeholder (`0`, `#`, `?`).
    Digit(char),
    Point,
    Comma,
    Percent,
    Exp,
    Date(String),
    AmPm,
    General,
    Text,
}

fn split_sections(code: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = code.chars();
    let mut quoted = false;
    let mut bracket = false;
    while let Some(c) = chars.next() {
        let cur = out.last_mut();
        match c {
            '"' => quoted = !quoted,
            '\\' if !quoted => {
                if let (Some(cur), Some(next)) = (cur, chars.next()) {
                    cur.push('\\');
                    cur.push(next);
                }
                continue;
            }
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            ';' if !quoted && !bracket => {
                out.push(String::new());
                continue;
            }
            _ => {}
        }
        if let Some(cur) = out.last_mut() {
            cur.push(c);
        }
    }
    out
}

fn tokens(section: &str) -> Vec<Tok> {
    let chars: Vec<char> = section.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let lit = |out: &mut Vec<Tok>, s: &str| {
        if let Some(Tok::Lit(prev)) = out.last_mut() {
            prev.push_str(s);
        } else {
            out.push(Tok::Lit(s.to_owned()));
        }
    };
    while let Some(&c) = chars.get(i) {
        i += 1;
        match c {
            '"' => {
                let mut s = String::new();
                while let Some(&d) = chars.get(i) {
                    i += 1;
                    if d == '"' {
                        break;
                    }
                    s.push(d);
                }
                lit(&mut out, &s);
            }
            '\\' => {
                if let Some(&d) = chars.get(i) {
                    i += 1;
                    lit(&mut out, &d.to_string());
                }
            }
            // Padding to the width of a character, and fill: nothing in plain text.
            '_' | '*' => i += 1,
            '[' => {
                let mut s = String::new();
                while let Some(&d) = chars.get(i) {
                    i += 1;
                    if d == ']' {
                        break;
                    }
                    s.push(d);
                }
                let lower = s.to_ascii_lowercase();
                if !lower.is_empty() && lower.chars().all(|c| matches!(c, 'h' | 'm' | 's')) {
                    out.push(Tok::Date(lower));
                }
                // Colours, conditions and locales ([Red], [>=100], [$-804]) show nothing.
            }
            '0' | '#' | '?' => out.push(Tok::Digit(c)),
            '.' => out.push(Tok::Point),
            ',' => out.push(Tok::Comma),
            '%' => out.push(Tok::Percent),
            '@' => out.push(Tok::Text),
            'E' | 'e'
                if matches!(chars.get(i), Some('+' | '-'))
                    && out.iter().any(|t| matches!(t, Tok::Digit(_))) =>
            {
                i += 1;
                out.push(Tok::Exp);
            }
            'G' | 'g' if starts_with_ci(&chars, i - 1, "general") => {
                i += 6;
                out.push(Tok::General);
            }
            'A' | 'a' if starts_with_ci(&chars, i - 1, "am/pm") => {
                i += 4;
                out.push(Tok::AmPm);
            }
            'A' | 'a' if starts_with_ci(&chars, i - 1, "a/p") => {
                i += 2;
                out.push(Tok::AmPm);
            }
            '上' if chars.get(i) == Some(&'午') && chars.get(i + 1) == Some(&'/') => {
                i += 3;
                out.push(Tok::AmPm);
            }
            'y' | 'Y' | 'm' | 'M' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' | 'a' => {
                let lower = c.to_ascii_lowercase();
                let mut s = String::from(lower);
                while chars
                    .get(i)
                    .is_some_and(|d| d.to_ascii_lowercase() == lower)
                {
                    s.push(lower);
                    i += 1;
                }
                out.push(Tok::Date(s));
            }
            other => lit(&mut out, &other.to_string()),
        }
    }
    out
}

fn starts_with_ci(chars: &[char], at: usize, word: &str) -> bool {
    word.chars().enumerate().all(|(k, w)| {
        chars
            .get(at + k)
            .is_some_and(|c| c.to_ascii_lowercase() == w)
    })
}

/// The value under a format code.
pub fn render(value: Decimal, code: &str, date1904: bool) -> String {
    let sections = split_sections(code);
    let negative = value.is_sign_negative() && !value.is_zero();
    let (section, magnitude, signed) = match (sections.len(), negative, value.is_zero()) {
        (n, true, _) if n >= 2 => (sections.get(1), value.abs(), false),
        (n, _, true) if n >= 3 => (sections.get(2), value, false),
        _ => (sections.first(), value, true),
    };
    let toks = tokens(section.map_or("", String::as_str));
    if toks.iter().any(|t| matches!(t, Tok::Date(_))) {
        return date(value, &toks, date1904).unwrap_or_else(|| general(value));
    }
    if toks.iter().any(|t| matches!(t, Tok::General | Tok::Text))
        || !toks.iter().any(|t| matches!(t, Tok::Digit(_)))
    {
        // General, text, or a section of literals only (`"-"` for zero).
        let lits: String = toks
            .iter()
            .filter_map(|t| match t {
                Tok::Lit(s) => Some(s.as_str()),
                _ => None,
            })
            .collect();
        let has_number = toks.iter().any(|t| matches!(t, Tok::General | Tok::Text));
        if !has_number && !lits.trim().is_empty() {
            return lits.trim().to_owned();
        }
        let v = if signed { value } else { magnitude };
        return general(v);
    }
    let s = number(if signed { value } else { magnitude }, &toks);
    s.trim().to_owned()
}

#[allow(clippy::too_many_lines)] // one pass over the format's parts reads clearer whole
fn number(value: Decimal, toks: &[Tok]) -> String {
    let first_digit = toks.iter().position(|t| matches!(t, Tok::Digit(_)));
    let last_digit = toks.iter().rposition(|t| matches!(t, Tok::Digit(_)));
    let (Some(first), Some(last)) = (first_digit, last_digit) else {
        return general(value);
    };
    let exp_at = toks.iter().position(|t| matches!(t, Tok::Exp));
    let mantissa_end = exp_at.unwrap_or(last + 1);
    let body = toks.get(first..mantissa_end).unwrap_or_default();
    let point = body.iter().position(|t| matches!(t, Tok::Point));
    let (int_part, frac_part) = match point {
        Some(p) => (
            body.get(..p).unwrap_or_default(),
            body.get(p + 1..).unwrap_or_default(),
        ),
        None => (body, &[][..]),
    };
    let decimals = u32::try_from(
        frac_part
            .iter()
            .filter(|t| matches!(t, Tok::Digit(_)))
            .count(),
    )
    .unwrap_or(0)
    .min(20);
    let min_int = int_part
        .iter()
        .filter(|t| matches!(t, Tok::Digit('0')))
        .count();
    // Commas right after the last integer placeholder scale by a thousand each.
    let scale_commas = if point.is_some() {
        int_part
            .iter()
            .rev()
            .take_while(|t| matches!(t, Tok::Comma))
            .count()
    } else {
        toks.get(last + 1..)
            .unwrap_or_default()
            .iter()
            .take_while(|t| matches!(t, Tok::Comma))
            .count()
    };
    let percents = toks.iter().filter(|t| matches!(t, Tok::Percent)).count();
    let mut v = value;
    for _ in 0..percents.min(4) {
        v = v.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(v);
    }
    for _ in 0..scale_commas.min(4) {
        v = v.checked_div(Decimal::ONE_THOUSAND).unwrap_or(v);
    }
    let mut exponent_text = String::new();
    if let Some(e) = exp_at {
        let exp_digits = toks
            .get(e + 1..)
            .unwrap_or_default()
            .iter()
            .filter(|t| matches!(t, Tok::Digit(_)))
            .count()
            .max(1);
        let mut exp = 0i32;
        if !v.is_zero() {
            let ten = Decimal::TEN;
            let mut m = v.abs();
            while m >= ten && exp < 400 {
                m /= ten;
                exp += 1;
            }
            while m < Decimal::ONE && exp > -400 {
                m *= ten;
                exp -= 1;
            }
            v = if v.is_sign_negative() { -m } else { m };
        }
        let sign = if exp < 0 { '-' } else { '+' };
        exponent_text = format!("E{sign}{:0width$}", exp.abs(), width = exp_digits);
    }
    let rounded = v.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let abs = rounded.abs();
    let int = abs
        .trunc()
        .to_u128()
        .map_or_else(|| abs.trunc().normalize().to_string(), |i| i.to_string());
    let mut int_text = if int == "0" && min_int == 0 {
        String::new()
    } else {
        int
    };
    while int_text.len() < min_int {
        int_text.insert(0, '0');
    }
    let mut out = String::new();
    for t in toks.get(..first).unwrap_or_default() {
        if let Tok::Lit(s) = t {
            out.push_str(s);
        }
    }
    if negative {
        out.push('-');
    }
    out.push_str(&int_text);
    if decimals > 0 {
        let frac = abs.fract();
        let digits = frac.to_string();
        let digits = digits.split_once('.').map_or("", |(_, d)| d);
        out.push('.');
        let width = usize::try_from(decimals).unwrap_or(0);
        let _ = write!(out, "{digits:0<width$}");
    }
    out.push_str(&exponent_text);
    for t in toks.get(first..).unwrap_or_default() {
        match t {
            Tok::Lit(s) => out.push_str(s),
            Tok::Percent => out.push('%'),
            _ => {}
        }
    }
    out
}

/// Days from 1970-01-01 to a civil date (proleptic Gregorian).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let m = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn date(value: Decimal, toks: &[Tok], date1904: bool) -> Option<String> {
    if value.is_sign_negative() || value > Decimal::from(2_958_465) {
        return None;
    }
    let day = value.trunc().to_i64()?;
    let seconds = (value.fract() * Decimal::from(86_400))
        .round()
        .to_i64()
        .unwrap_or(0);
    // Excel's 1900 system counts a 29 February 1900 that never was (serial 60).
    let unix_days = if date1904 {
        day + 1462 - 25_569
    } else if day < 60 {
        day - 25_568
    } else {
        day - 25_569
    };
    let (year, month, mday) = civil(unix_days);
    let (hours, minutes, secs) = (seconds / 3600, (seconds / 60) % 60, seconds % 60);
    let twelve = toks.iter().any(|t| matches!(t, Tok::AmPm));
    let mut out = String::new();
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Lit(lit) => out.push_str(lit),
            Tok::Point => out.push('.'),
            Tok::Comma => out.push(','),
            Tok::AmPm => out.push_str(if hours < 12 { "上午" } else { "下午" }),
            Tok::Date(p) => {
                let near = |dir: i64| {
                    let mut k = i64::try_from(i).ok()? + dir;
                    while let Some(t) = usize::try_from(k).ok().and_then(|k| toks.get(k)) {
                        if let Tok::Date(q) = t {
                            return q.chars().next();
                        }
                        k += dir;
                    }
                    None
                };
                let minute = p.starts_with('m') && (near(-1) == Some('h') || near(1) == Some('s'));
                let hour = if twelve {
                    match hours % 12 {
                        0 => 12,
                        x => x,
                    }
                } else {
                    hours
                };
                let two = |n: i64| format!("{n:02}");
                let text = match p.as_str() {
                    "yy" | "y" => two(year.rem_euclid(100)),
                    q if q.starts_with('y') => year.to_string(),
                    "m" if minute => minutes.to_string(),
                    "mm" if minute => two(minutes),
                    "m" => month.to_string(),
                    "mm" => two(i64::from(month)),
                    q if q.starts_with('m') => month.to_string(),
                    "d" => mday.to_string(),
                    "dd" => two(i64::from(mday)),
                    q if q.starts_with('d') || q.starts_with('a') => {
                        let w = (unix_days + 4).rem_euclid(7);
                        ["日", "一", "二", "三", "四", "五", "六"]
                            .get(usize::try_from(w).unwrap_or(0))
                            .map_or(String::new(), |c| format!("星期{c}"))
                    }
                    "h" => hour.to_string(),
                    "hh" => two(hour),
                    q if q.starts_with('h') => (day * 24 + hours).to_string(),
                    "s" => secs.to_string(),
                    _ => two(secs),
                };
                out.push_str(&text);
            }
            Tok::Digit(_) if matches!(toks.get(i.wrapping_sub(1)), Some(Tok::Point)) => {}
            _ => {}
        }
    }
    Some(out.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(raw: &str, code: &str) -> String {
        display(raw, Some(code), false)
    }

    #[test]
    fn precision_as_shown() {
        assert_eq!(show("9", "0.00"), "9.00");
        assert_eq!(show("9", "#,##0.00"), "9.00");
        assert_eq!(show("1234567.891", "#,##0.00"), "1234567.89");
        assert_eq!(show("2.675", "0.00"), "2.68");
        assert_eq!(show("-2.675", "0.00"), "-2.68");
        assert_eq!(show("0.9", "0%"), "90%");
        assert_eq!(show("0.925", "0.0%"), "92.5%");
        assert_eq!(show("0.5", "#.00"), ".50");
        assert_eq!(show("12", "0"), "12");
        assert_eq!(show("12.5", "0"), "13");
        assert_eq!(show("10000", "0.00\"万元\""), "10000.00万元");
        assert_eq!(show("-5", "#,##0.00;(#,##0.00)"), "(5.00)");
        assert_eq!(show("-5", "#,##0.00;[Red]-#,##0.00"), "-5.00");
        assert_eq!(show("-5", "0.00"), "-5.00");
        assert_eq!(
            show("0", "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)"),
            "-"
        );
        assert_eq!(show("1500", "#,##0,"), "2");
        assert_eq!(show("123456", "0.00E+00"), "1.23E+05");
        assert_eq!(show("7", "@"), "7");
        assert_eq!(show("abc", "0.00"), "abc");
    }

    #[test]
    fn general_keeps_fifteen_digits() {
        assert_eq!(display("0.30000000000000004", None, false), "0.3");
        assert_eq!(display("724.2318", None, false), "724.2318");
        assert_eq!(display("1.5E-3", None, false), "0.0015");
        assert_eq!(display("100", None, false), "100");
        assert_eq!(display("-0", None, false), "0");
    }

    #[test]
    fn dates() {
        assert_eq!(show("45292", "yyyy/m/d"), "2024/1/1");
        assert_eq!(show("45292", "yyyy\"年\"m\"月\"d\"日\""), "2024年1月1日");
        assert_eq!(show("45322.5", "yyyy-mm-dd hh:mm"), "2024-01-31 12:00");
        assert_eq!(show("1", "yyyy-mm-dd"), "1900-01-01");
        assert_eq!(display("45292", Some("yyyy-mm-dd"), true), "2028-01-02");
        assert_eq!(show("0.75", "h:mm AM/PM"), "6:00 下午");
    }
}
