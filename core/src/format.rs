//! Writing figures in messages the way reviewers read them: `45 000 元`, `9.92 万元`, `30%`.

use crate::quantity::MoneyUnit;
use crate::relation::Term;
use rust_decimal::Decimal;
use std::fmt::Write;

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

/// `value` with at least `scale` decimals (more when it needs them), its integer part grouped.
pub fn with_scale(value: Decimal, scale: u32) -> String {
    let normal = value.normalize();
    let mut v = normal;
    if normal.scale() < scale {
        v.rescale(scale);
    }
    let text = grouped(v.trunc());
    let frac = v.to_string();
    match frac.split_once('.') {
        Some((_, f)) => format!("{text}.{f}"),
        None => text,
    }
}

/// An amount given in 元, written in `unit` with at least `scale` decimals: `9.00 万元`,
/// `90 000 元`. Messages state money in the unit the user wrote.
pub fn money(yuan: Decimal, unit: MoneyUnit, scale: u32) -> String {
    let v = yuan.checked_div(unit.factor()).unwrap_or(yuan);
    // Amounts in 元 keep only the decimals they have.
    let scale = if unit == MoneyUnit::Yuan { 0 } else { scale };
    format!("{} {}", with_scale(v, scale), unit.text())
}

/// The unit a money term was written in (元 when its factor names none).
pub fn unit_of(t: &Term) -> MoneyUnit {
    MoneyUnit::of_factor(t.factor).unwrap_or(MoneyUnit::Yuan)
}

/// A money term as the user wrote it: `9.00 万元`, `45 000 元`.
pub fn term(t: &Term) -> String {
    money(t.value, unit_of(t), t.number.scale)
}

/// How many figures a sum's message lists before it says how many there are in all.
pub const SHOWN_FIGURES: usize = 12;

/// Money terms added up, in the unit they share (元 when they differ), at the finest precision
/// written: (`45 000 + 450 000`, `495 000 元`); a long list names its first figures and the count.
pub fn sum(parts: &[&Term], total_yuan: Decimal) -> (String, String) {
    let unit = match parts.first() {
        Some(first) if parts.iter().all(|t| t.factor == first.factor) => unit_of(first),
        _ => MoneyUnit::Yuan,
    };
    let scale = if unit == MoneyUnit::Yuan {
        0
    } else {
        parts.iter().map(|t| t.number.scale).max().unwrap_or(0)
    };
    // A long list is cut: the message names the first figures and how many there are.
    let mut figures = parts
        .iter()
        .take(SHOWN_FIGURES)
        .map(|t| {
            let v = t.value.checked_div(unit.factor()).unwrap_or(t.value);
            with_scale(
                v,
                if unit == MoneyUnit::Yuan {
                    0
                } else {
                    t.number.scale
                },
            )
        })
        .collect::<Vec<_>>()
        .join(" + ");
    if parts.len() > SHOWN_FIGURES {
        let _ = write!(figures, " + …（共 {} 项）", grouped(parts.len().into()));
    }
    (figures, money(total_yuan, unit, scale))
}

/// A total compared with a sum written in another unit gets the sum's unit beside its own:
/// `9.00 万元（90 000 元）`.
pub fn term_beside(t: &Term, other_unit: MoneyUnit) -> String {
    let own = term(t);
    if unit_of(t) == other_unit {
        own
    } else {
        // Two decimals of 万元 (or more when needed), as budgets are written.
        let scale = if other_unit == MoneyUnit::Yuan { 0 } else { 2 };
        format!("{own}（{}）", money(t.value, other_unit, scale))
    }
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
        assert_eq!(money(d("90000"), MoneyUnit::Wan, 2), "9.00 万元");
        assert_eq!(money(d("90000"), MoneyUnit::Yuan, 0), "90 000 元");
        assert_eq!(money(d("22430200"), MoneyUnit::Wan, 2), "2 243.02 万元");
        assert_eq!(money(d("12628"), MoneyUnit::Wan, 2), "1.2628 万元");
        assert_eq!(with_scale(d("0"), 2), "0.00");
    }
}
