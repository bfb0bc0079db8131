//! Writing figures in messages the way reviewers read them: `45 000 元`, `9.92 万元`, `30%`.

use rust_decimal::Decimal;

/// Groups the integer part in threes with spaces: `495000` → `495 000`, `99200.5` → `99 200.5`.
pub fn grouped(value: Decimal) -> String {
    let text = value.normalize().to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// An amount in 元 for messages: `90 000 元`.
pub fn yuan(value: Decimal) -> String {
    format!("{} 元", grouped(value))
}

/// An amount in 万元 for messages, without trailing zeros: `1.23 万元`.
pub fn wan(value_in_yuan: Decimal) -> String {
    let wan = value_in_yuan
        .checked_div(Decimal::from(10_000))
        .unwrap_or_default();
    format!("{} 万元", wan.normalize())
}

/// A byte count in megabytes with one decimal (`10.5 MB`), in integer arithmetic: the page stays
/// free of float formatting code.
pub fn megabytes(bytes: usize) -> String {
    let tenths = bytes.saturating_mul(10).saturating_add(512 * 1024) / (1024 * 1024);
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

/// A plain number without trailing zeros: `68`, `12.5`.
pub fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn groups_thousands() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(grouped(d("495000")), "495 000");
        assert_eq!(grouped(d("1500")), "1 500");
        assert_eq!(grouped(d("900")), "900");
        assert_eq!(grouped(d("-12345.50")), "-12 345.5");
        assert_eq!(yuan(d("90000.00")), "90 000 元");
        assert_eq!(wan(d("12300")), "1.23 万元");
        assert_eq!(megabytes(10 * 1024 * 1024 + 512 * 1024), "10.5 MB");
        assert_eq!(megabytes(0), "0.0 MB");
    }
}
