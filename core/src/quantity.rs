//! Quantities as written on the forms: a comparator, a number and a unit (`≥90 %`, `45000 元`,
//! `≤12400 元/年`, `68 人`), read either from a whole field or found inside prose.

use crate::number::{scan_number, Number, NumberError};
use crate::text::fold_char;
use rust_decimal::Decimal;
use std::ops::Range;

/// 计算符号: how the value bounds the indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Comparator {
    /// `=`, or nothing written.
    Eq,
    /// `≥`, `>=`, 不低于, 不少于, 达到, …以上.
    Ge,
    /// `≤`, `<=`, 不超过, 不高于, 控制在, …以内.
    Le,
    /// `>`, 大于, 超过, 高于.
    Gt,
    /// `<`, 小于, 低于.
    Lt,
}

impl Comparator {
    /// The symbol used in messages.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Eq => "=",
            Self::Ge => "≥",
            Self::Le => "≤",
            Self::Gt => ">",
            Self::Lt => "<",
        }
    }
}

/// A money unit (元, 万元, 亿元).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum MoneyUnit {
    /// 元.
    Yuan,
    /// 千元 = 1 000 元.
    Qian,
    /// 万元 = 10 000 元.
    Wan,
    /// 亿元 = 10 000 万元.
    Yi,
}

impl MoneyUnit {
    /// How many 元 one of this unit is.
    pub fn factor(self) -> Decimal {
        match self {
            Self::Yuan => Decimal::ONE,
            Self::Qian => Decimal::from(1_000),
            Self::Wan => Decimal::from(10_000),
            Self::Yi => Decimal::from(100_000_000),
        }
    }

    /// The unit as written.
    pub fn text(self) -> &'static str {
        match self {
            Self::Yuan => "元",
            Self::Qian => "千元",
            Self::Wan => "万元",
            Self::Yi => "亿元",
        }
    }

    /// The unit whose factor is `factor` 元, if any.
    pub fn of_factor(factor: Decimal) -> Option<Self> {
        [Self::Yuan, Self::Qian, Self::Wan, Self::Yi]
            .into_iter()
            .find(|u| u.factor() == factor)
    }

    /// Reads a money unit written on its own (`万元`, `元`); `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        match crate::text::compact(text).as_str() {
            "元" => Some(Self::Yuan),
            "千元" => Some(Self::Qian),
            "万元" | "万" => Some(Self::Wan),
            "亿元" | "亿" => Some(Self::Yi),
            _ => None,
        }
    }
}

/// The unit of a quantity.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Unit {
    /// No unit written.
    None,
    /// An amount of money.
    Money(MoneyUnit),
    /// A rate, `%`.
    Percent,
    /// A rate per thousand, `‰`.
    Permille,
    /// 个百分点: a difference of rates, not a rate.
    PercentagePoints,
    /// A count of something (`人`, `名`, `户`, `个月` …), with the word as written.
    Count(String),
    /// A per-unit standard (`元/人`, `元/年`, `万元/个`): money per something. Not an amount.
    MoneyPer(MoneyUnit, String),
    /// Any other compound unit (`人/年`), as written.
    Per(String, String),
}

impl Unit {
    /// True for an amount of money (not a per-unit standard).
    pub fn is_money(&self) -> bool {
        matches!(self, Self::Money(_))
    }

    /// The unit as written in messages (`万元`, `%`, `人`, `元/人`).
    pub fn text(&self) -> String {
        match self {
            Self::None => String::new(),
            Self::Money(m) => m.text().to_owned(),
            Self::Percent => "%".to_owned(),
            Self::Permille => "‰".to_owned(),
            Self::PercentagePoints => "个百分点".to_owned(),
            Self::Count(w) => w.clone(),
            Self::MoneyPer(m, d) => format!("{}/{d}", m.text()),
            Self::Per(n, d) => format!("{n}/{d}"),
        }
    }

    /// Whether two count words count the same kind of thing (`人` and `名` both count people).
    pub fn same_count(a: &str, b: &str) -> bool {
        let person = |w: &str| matches!(w, "人" | "名" | "位");
        a == b || (person(a) && person(b))
    }
}

/// A quantity found in a text or read from a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    /// How the value bounds the target (`≥`); [`Comparator::Eq`] when nothing was written.
    pub comparator: Comparator,
    /// Whether a comparator was written at all.
    pub comparator_written: bool,
    /// The number as written.
    pub number: Number,
    /// The unit.
    pub unit: Unit,
    /// Byte range of the number's digits in the original text (what a suggestion replaces).
    pub span: Range<usize>,
    /// Byte range from the comparator (if any) to the end of the unit.
    pub full_span: Range<usize>,
}

impl Quantity {
    /// The amount in 元, for money quantities.
    pub fn yuan(&self) -> Option<Decimal> {
        match self.unit {
            Unit::Money(u) => self.number.value.checked_mul(u.factor()),
            _ => None,
        }
    }

    /// Half of the last written digit, in the same base unit as [`Self::yuan`] for money.
    pub fn tolerance(&self) -> Decimal {
        match self.unit {
            Unit::Money(u) | Unit::MoneyPer(u, _) => self
                .number
                .half_ulp()
                .checked_mul(u.factor())
                .unwrap_or(Decimal::MAX),
            _ => self.number.half_ulp(),
        }
    }
}

/// Count words, longest first so that `人次` wins over `人` and `个月` over `个`.
const COUNT_UNITS: &[&str] = &[
    "平方公里",
    "平方米",
    "立方米",
    "公里",
    "千米",
    "公顷",
    "人次",
    "个月",
    "小时",
    "个",
    "人",
    "名",
    "位",
    "户",
    "次",
    "家",
    "所",
    "座",
    "株",
    "亩",
    "天",
    "年",
    "件",
    "场",
    "期",
    "份",
    "项",
    "台",
    "辆",
    "套",
    "篇",
    "册",
    "批",
    "处",
    "条",
    "村",
    "周",
    "米",
    "㎡",
    "盏",
    "吨",
    "棵",
    "头",
    "只",
    "张",
    "栋",
    "间",
    "组",
];

/// Comparator words written before a number, longest first.
const WORDS_BEFORE: &[(&str, Comparator)] = &[
    ("不低于", Comparator::Ge),
    ("不少于", Comparator::Ge),
    ("不小于", Comparator::Ge),
    ("不超过", Comparator::Le),
    ("不高于", Comparator::Le),
    ("不多于", Comparator::Le),
    ("不大于", Comparator::Le),
    ("控制在", Comparator::Le),
    ("达到", Comparator::Ge),
    ("大于", Comparator::Gt),
    ("超过", Comparator::Gt),
    ("高于", Comparator::Gt),
    ("小于", Comparator::Lt),
    ("低于", Comparator::Lt),
    (">=", Comparator::Ge),
    ("<=", Comparator::Le),
    ("≥", Comparator::Ge),
    ("≤", Comparator::Le),
    (">", Comparator::Gt),
    ("<", Comparator::Lt),
    ("=", Comparator::Eq),
];

/// Comparator words written after the unit.
const WORDS_AFTER: &[(&str, Comparator)] = &[
    ("以上", Comparator::Ge),
    ("以内", Comparator::Le),
    ("以下", Comparator::Le),
];

/// A text folded char by char, remembering where each char came from in the original.
struct Folded {
    chars: Vec<char>,
    /// Byte offset of each char in the original text, plus the text's length at the end.
    offsets: Vec<usize>,
}

impl Folded {
    fn new(text: &str) -> Self {
        let mut chars = Vec::with_capacity(text.len() / 2);
        let mut offsets = Vec::with_capacity(text.len() / 2 + 1);
        for (i, c) in text.char_indices() {
            chars.push(fold_char(c));
            offsets.push(i);
        }
        offsets.push(text.len());
        Self { chars, offsets }
    }

    fn offset(&self, i: usize) -> usize {
        self.offsets
            .get(i)
            .or(self.offsets.last())
            .copied()
            .unwrap_or(0)
    }

    fn skip_spaces(&self, mut i: usize) -> usize {
        while self.chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        i
    }

    fn starts_with(&self, i: usize, word: &str) -> bool {
        word.chars()
            .enumerate()
            .all(|(k, w)| self.chars.get(i + k) == Some(&w))
    }

    fn ends_with_before(&self, end: usize, word: &str) -> Option<usize> {
        let n = word.chars().count();
        let start = end.checked_sub(n)?;
        self.starts_with(start, word).then_some(start)
    }
}

/// Reads a unit starting at `i`; returns it and the index past it.
fn read_unit(f: &Folded, i: usize) -> (Unit, usize) {
    let Some((unit, mut end)) = read_simple_unit(f, i) else {
        return (Unit::None, i);
    };
    // A compound unit: `元/人`, `元/年`, `万元/个`, `元/人·年`.
    let after = f.skip_spaces(end);
    if f.chars.get(after) == Some(&'/') {
        let den_start = f.skip_spaces(after + 1);
        if let Some((den, den_end)) = read_denominator(f, den_start) {
            end = den_end;
            let unit = match unit {
                Unit::Money(m) => Unit::MoneyPer(m, den),
                Unit::Count(num) => Unit::Per(num, den),
                Unit::Percent => Unit::Per("%".into(), den),
                other => other,
            };
            return (unit, end);
        }
    }
    (unit, end)
}

fn read_simple_unit(f: &Folded, i: usize) -> Option<(Unit, usize)> {
    let first = *f.chars.get(i)?;
    if first.is_ascii() && first != '%' {
        return None;
    }
    for (word, unit) in [
        ("亿元", MoneyUnit::Yi),
        ("万元", MoneyUnit::Wan),
        ("千元", MoneyUnit::Qian),
        ("元", MoneyUnit::Yuan),
    ] {
        if f.starts_with(i, word) {
            return Some((Unit::Money(unit), i + word.chars().count()));
        }
    }
    if f.starts_with(i, "%") {
        return Some((Unit::Percent, i + 1));
    }
    if f.starts_with(i, "‰") {
        return Some((Unit::Permille, i + 1));
    }
    if f.starts_with(i, "个百分点") {
        return Some((Unit::PercentagePoints, i + 4));
    }
    // `1.32万亩`, `0.92万人`: a count in ten-thousands.
    let (prefix, at) = if first == '万' {
        ("万", i + 1)
    } else {
        ("", i)
    };
    COUNT_UNITS
        .iter()
        .find(|w| f.starts_with(at, w))
        .map(|w| (Unit::Count(format!("{prefix}{w}")), at + w.chars().count()))
}

/// A known count word at `i` (`人`, `平方米`, `㎡`), longest first.
fn count_word_at(f: &Folded, i: usize) -> Option<&'static str> {
    COUNT_UNITS.iter().copied().find(|w| f.starts_with(i, w))
}

fn read_denominator(f: &Folded, i: usize) -> Option<(String, usize)> {
    let (mut den, mut end) = denominator_word(f, i)?;
    // Compound denominators: `人·年`, `人.年`, `生/年`.
    while matches!(f.chars.get(end), Some('·' | '.' | '/' | '•')) {
        let next = match count_word_at(f, end + 1) {
            Some(w) => (w.to_owned(), end + 1 + w.chars().count()),
            None if matches!(f.chars.get(end + 1), Some('月' | '日')) => (
                f.chars
                    .get(end + 1)
                    .map(char::to_string)
                    .unwrap_or_default(),
                end + 2,
            ),
            None => break,
        };
        let (next, next_end) = next;
        den.push('·');
        den.push_str(&next);
        end = next_end;
    }
    Some((den, end))
}

/// One word of a denominator: a known count word, else one Han character (`生`, `株`).
fn denominator_word(f: &Folded, i: usize) -> Option<(String, usize)> {
    if let Some(w) = count_word_at(f, i) {
        return Some((w.to_owned(), i + w.chars().count()));
    }
    let c = *f.chars.get(i)?;
    (c.is_alphabetic() && !c.is_ascii()).then(|| (c.to_string(), i + 1))
}

/// Reads the comparator written just before `start` (skipping spaces); returns it and where it begins.
fn comparator_before(f: &Folded, start: usize) -> Option<(Comparator, usize)> {
    let mut end = start;
    while end > 0 && f.chars.get(end - 1).is_some_and(|c| c.is_whitespace()) {
        end -= 1;
    }
    // Every comparator word ends in one of these; most numbers are preceded by something else.
    let last = *f.chars.get(end.checked_sub(1)?)?;
    if !matches!(
        last,
        '于' | '到' | '在' | '过' | '=' | '>' | '<' | '≥' | '≤'
    ) {
        return None;
    }
    WORDS_BEFORE
        .iter()
        .find_map(|(w, c)| f.ends_with_before(end, w).map(|s| (*c, s)))
}

fn comparator_after(f: &Folded, end: usize) -> Option<(Comparator, usize)> {
    let i = f.skip_spaces(end);
    WORDS_AFTER
        .iter()
        .find(|(w, _)| f.starts_with(i, w))
        .map(|(w, c)| (*c, i + w.chars().count()))
}

/// A figure written with a unit that cannot be read as a number of these forms: too many digits
/// for exact arithmetic (`99999999999999999999999999999999 元`) or scientific notation (`1e30 元`).
/// It is neither read as a quantity nor cut down to one (`1e30` is never read as `1`): rules list
/// it as unreadable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    /// Why the number cannot be read.
    pub error: NumberError,
    /// The unit written after it.
    pub unit: Unit,
    /// Byte range of the figure and its unit in the text.
    pub span: Range<usize>,
}

/// Finds every quantity written in a text, in order. Numbers with no unit are kept (`Unit::None`);
/// years (`2024年`) and dates (`12 月 31 日`) are not quantities and are skipped.
pub fn scan(text: &str) -> Vec<Quantity> {
    scan_all(text).0
}

/// [`scan`], and the figures with a unit that could not be read ([`Unread`]).
pub fn scan_all(text: &str) -> (Vec<Quantity>, Vec<Unread>) {
    let f = Folded::new(text);
    let mut out = Vec::new();
    let mut unread = Vec::new();
    let mut i = 0;
    while i < f.chars.len() {
        let Some(result) = scan_number(&f.chars, i) else {
            i += 1;
            continue;
        };
        let (number, num_end) = match result {
            Ok(read) => read,
            Err((error, end)) => {
                let end = end.max(i + 1);
                let (unit, unit_end) = read_unit(&f, f.skip_spaces(end));
                if !matches!(unit, Unit::None) {
                    unread.push(Unread {
                        error,
                        unit,
                        span: f.offset(i)..f.offset(unit_end),
                    });
                }
                i = end;
                continue;
            }
        };
        // Chinese numerals inside words (`一丝`, `十九大`) are numbers only when a unit follows.
        let chinese = f.chars.get(i).is_some_and(|c| !c.is_ascii_digit());
        let unit_start = f.skip_spaces(num_end);
        let (unit, unit_end) = read_unit(&f, unit_start);
        if chinese && matches!(unit, Unit::None) || is_date_part(&f, &number, &unit, unit_end) {
            i = num_end.max(i + 1);
            continue;
        }
        let (comparator, written, start) = match comparator_before(&f, i) {
            Some((c, s)) => (c, true, s),
            None => (Comparator::Eq, false, i),
        };
        let (comparator, written, end) = match (written, comparator_after(&f, unit_end)) {
            (false, Some((c, e))) => (c, true, e),
            _ => (comparator, written, unit_end),
        };
        out.push(Quantity {
            comparator,
            comparator_written: written,
            number,
            unit,
            span: f.offset(i)..f.offset(num_end),
            full_span: f.offset(start)..f.offset(end),
        });
        i = unit_end.max(num_end).max(i + 1);
    }
    (out, unread)
}

/// `2024年`, `12 月`, `31 日`: parts of a date rather than counts.
fn is_date_part(f: &Folded, number: &Number, unit: &Unit, unit_end: usize) -> bool {
    let next = f.chars.get(f.skip_spaces(unit_end));
    let year_like = number.scale == 0
        && number.value >= Decimal::from(1900)
        && number.value <= Decimal::from(2100);
    match unit {
        Unit::Count(w) if w == "年" => year_like,
        Unit::None => {
            let at = f.skip_spaces(unit_end);
            matches!(
                f.chars.get(at),
                Some('月' | '日' | '号' | '季' | '】' | ']' | ')' | '〕')
            ) || next == Some(&'月')
        }
        _ => false,
    }
}

/// Reads a whole field as one quantity (`≥90 %`, `68 人`, `1500 元`, `9.00`), allowing only a
/// comparator before and a unit after. `None` when the field holds anything else.
pub fn parse_whole(text: &str) -> Option<Quantity> {
    if crate::number::too_long(text.trim()).is_some() {
        return None;
    }
    let f = Folded::new(text);
    let start = f.skip_spaces(0);
    let mut i = start;
    let mut comparator = (Comparator::Eq, false);
    if let Some((w, c)) = WORDS_BEFORE.iter().find(|(w, _)| f.starts_with(i, w)) {
        comparator = (*c, true);
        i = f.skip_spaces(i + w.chars().count());
    }
    // A minus sign directly before the digits (`-9.00`, `－9.00`): a negative figure, which rules
    // can then question, rather than an unreadable cell or a silently positive one.
    let negative = f.chars.get(i).is_some_and(|c| crate::number::is_minus(*c))
        && f.chars.get(i + 1).is_some_and(char::is_ascii_digit);
    let digits_start = i + usize::from(negative);
    let (number, num_end) = scan_number(&f.chars, digits_start)?.ok()?;
    let number = if negative { number.negated() } else { number };
    let (unit, unit_end) = read_unit(&f, f.skip_spaces(num_end));
    let mut end = unit_end;
    if !comparator.1 {
        if let Some((c, e)) = comparator_after(&f, unit_end) {
            comparator = (c, true);
            end = e;
        }
    }
    if f.skip_spaces(end) != f.chars.len() {
        return None;
    }
    Some(Quantity {
        comparator: comparator.0,
        comparator_written: comparator.1,
        number,
        unit,
        span: f.offset(i)..f.offset(num_end),
        full_span: f.offset(start)..f.offset(end),
    })
}

/// A money figure read from a budget cell, in 元, with the precision written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money {
    /// The value in 元.
    pub yuan: Decimal,
    /// Half of the last written digit, in 元.
    pub tolerance: Decimal,
    /// The number as typed (in its own unit).
    pub number: Number,
    /// The unit it was written in.
    pub unit: MoneyUnit,
    /// Byte range of the number in the cell's text (empty for a blank cell read as 0).
    pub span: Range<usize>,
}

impl Money {
    /// Builds a money figure from a number in a unit; `None` if it overflows exact arithmetic.
    pub fn new(number: Number, unit: MoneyUnit) -> Option<Self> {
        Some(Self {
            yuan: number.value.checked_mul(unit.factor())?,
            tolerance: number.half_ulp().checked_mul(unit.factor())?,
            number,
            unit,
            span: 0..0,
        })
    }
}

/// Reads a budget cell (`9.00`, `９．００`, `45，000`, `-9.00`, `玖`, `9 万元`, `90000元`); a bare
/// number is in `default_unit`. An error quotes the cell as typed (`“1e30”不是数字`).
pub fn parse_money_cell(text: &str, default_unit: MoneyUnit) -> Result<Money, NumberError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(NumberError::Empty);
    }
    if let Some(e) = crate::number::too_long(trimmed) {
        return Err(e);
    }
    let not_a_number = || NumberError::NotANumber(trimmed.to_owned());
    let Some(q) = parse_whole(text) else {
        // Too many digits is said as such; anything else quotes the cell.
        return Err(match crate::number::parse_number(text) {
            Err(NumberError::TooLarge) => NumberError::TooLarge,
            _ => not_a_number(),
        });
    };
    let unit = match q.unit {
        Unit::None => default_unit,
        Unit::Money(u) => u,
        _ => return Err(not_a_number()),
    };
    if q.comparator_written {
        return Err(not_a_number());
    }
    let mut money = Money::new(q.number, unit).ok_or(NumberError::TooLarge)?;
    money.span = q.span;
    Ok(money)
}

/// Reads a percentage cell (`30%`, `30`, `３０％`); a bare number is taken as a percentage.
pub fn parse_percent_cell(text: &str) -> Result<Number, NumberError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(NumberError::Empty);
    }
    if let Some(e) = crate::number::too_long(trimmed) {
        return Err(e);
    }
    match parse_whole(text) {
        Some(q) if matches!(q.unit, Unit::Percent | Unit::None) && !q.comparator_written => {
            Ok(q.number)
        }
        _ => Err(NumberError::NotANumber(trimmed.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn finds_quantities_in_goal_lines() {
        let text = "1. 走访慰问各级劳模 30 人，发放慰问金 45000 元。";
        let q = scan(text);
        assert_eq!(q.len(), 3, "{q:?}"); // `1.` (no unit), 30 人, 45000 元
        assert_eq!(q[1].unit, Unit::Count("人".into()));
        assert_eq!(q[1].number.value, d("30"));
        assert_eq!(q[2].yuan(), Some(d("45000")));
        assert_eq!(&text[q[2].span.clone()], "45000");
    }

    #[test]
    fn reads_compound_units_and_comparators() {
        let q = parse_whole("≤12400 元\n/年").unwrap();
        assert_eq!(q.comparator, Comparator::Le);
        assert_eq!(q.unit, Unit::MoneyPer(MoneyUnit::Yuan, "年".into()));
        let q = parse_whole("≥90 %").unwrap();
        assert_eq!((q.comparator, q.unit), (Comparator::Ge, Unit::Percent));
        let q = parse_whole(">=1102人").unwrap();
        assert_eq!(q.comparator, Comparator::Ge);
        let q = parse_whole("=23万元/个").unwrap();
        assert_eq!(q.unit, Unit::MoneyPer(MoneyUnit::Wan, "个".into()));
        let q = parse_whole("不低于95％").unwrap();
        assert_eq!((q.comparator, q.number.value), (Comparator::Ge, d("95")));
        let q = parse_whole("90%以上").unwrap();
        assert_eq!(q.comparator, Comparator::Ge);
        assert!(parse_whole("春节前一月底完成").is_none());
    }

    #[test]
    fn skips_years_dates_and_words() {
        let q = scan("2024年12 月 31 日前完成，认真学习十九大工作报告，一丝不苟");
        assert!(q.is_empty(), "{q:?}");
        let q = scan("九万元，三十人");
        assert_eq!(q[0].yuan(), Some(d("90000")));
        assert_eq!(q[1].number.value, d("30"));
    }

    #[test]
    fn money_cells_use_the_document_unit() {
        let m = parse_money_cell("9.00", MoneyUnit::Wan).unwrap();
        assert_eq!((m.yuan, m.tolerance), (d("90000"), d("50")));
        let m = parse_money_cell("９．００", MoneyUnit::Wan).unwrap();
        assert_eq!(m.yuan, d("90000"));
        let m = parse_money_cell("45000 元", MoneyUnit::Wan).unwrap();
        assert_eq!(m.yuan, d("45000"));
        assert!(parse_money_cell("abc", MoneyUnit::Wan).is_err());
        assert!(parse_money_cell("9人", MoneyUnit::Wan).is_err());
    }
}
