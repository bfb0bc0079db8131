//! Text folding shared by every parser: full-width forms to ASCII, whitespace removal.
//!
//! NFKC would fold full-width digits and letters but not `≧`/`≦` nor the many spaces PDF text carries;
//! this crate needs only a small, predictable subset, done here without a Unicode table.

/// Folds one character: full-width ASCII forms (`０-９ Ａ-Ｚ ．％＞＜＝／` …) to ASCII, the ideographic
/// space to a space, `≧`/`≦` to `≥`/`≤`, and `。` is kept (it separates sentences).
pub fn fold_char(c: char) -> char {
    match c {
        '\u{3000}' | '\u{00a0}' | '\u{2002}'..='\u{200a}' => ' ',
        // Full-width forms U+FF01..U+FF5E map one-to-one onto ASCII U+0021..U+007E. `，` (U+FF0C)
        // is kept: between clauses it is a separator, never a thousands separator.
        '\u{ff0c}' => c,
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xfee0).unwrap_or(c),
        '≧' => '≥',
        '≦' => '≤',
        '﹪' => '%',
        _ => c,
    }
}

/// Folds every character of `s` with [`fold_char`].
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Folds and removes all whitespace: how two cells are compared when PDF text may have broken them
/// over lines or padded them with spaces.
pub fn compact(s: &str) -> String {
    s.chars()
        .map(fold_char)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// [`compact`], then without trailing sentence punctuation: `…45000 元。` and `…45000 元` say the same.
pub fn comparable(s: &str) -> String {
    let mut out = compact(s);
    while out.ends_with(['。', '.', '；', ';', '，', ',']) {
        out.pop();
    }
    out
}

/// Number of characters (not bytes) in `s`.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Two-character words that say nothing about what a figure is for (every indicator has a 标准).
const STOP_BIGRAMS: &[&str] = &[
    "指标", "标准", "人均", "项目", "总数", "合计", "共计", "人数", "发放", "完成", "资金", "数量",
    "金额", "支出", "工作", "情况",
];

fn bigrams(s: &str) -> Vec<[char; 2]> {
    let chars: Vec<char> = s
        .chars()
        .map(fold_char)
        .filter(|c| c.is_alphabetic() && !c.is_ascii())
        .collect();
    chars
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some([*a, *b]),
            _ => None,
        })
        .filter(|pair| {
            let word: String = pair.iter().collect();
            !STOP_BIGRAMS.contains(&word.as_str())
        })
        .collect()
}

/// How many two-character words two texts share (ignoring words such as 标准 or 项目 that every
/// indicator carries): the measure by which rules match a figure to what it belongs to, so that
/// 人均慰问标准 finds 发放慰问金 and not 荣誉津贴.
pub fn shared_words(a: &str, b: &str) -> usize {
    let mut from_a = bigrams(a);
    from_a.sort_unstable();
    from_a.dedup();
    let in_b = bigrams(b);
    from_a.iter().filter(|w| in_b.contains(w)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_digits_and_signs() {
        assert_eq!(fold("９．００％"), "9.00%");
        assert_eq!(fold("＞＝≧"), ">=≥");
        assert_eq!(fold("45，000"), "45，000");
    }

    #[test]
    fn shared_words_match_by_meaning() {
        assert_eq!(shared_words("人均慰问标准", "发放慰问金"), 1);
        assert_eq!(
            shared_words("人均慰问标准", "唐山市级以上劳模发放荣誉津贴"),
            0
        );
        assert!(shared_words("慰问各级劳模总数", "走访慰问各级劳模") >= 3);
    }

    #[test]
    fn compact_removes_line_breaks_and_spaces() {
        assert_eq!(
            compact("13028124P0033161000\n\n10"),
            "13028124P003316100010"
        );
        assert_eq!(comparable("发放 45000 元。"), "发放45000元");
    }
}
