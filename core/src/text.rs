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
    let mut out = String::with_capacity(s.len());
    // Copy runs of characters that need no folding as slices; most text is such runs.
    let mut run_start = 0;
    for (i, c) in s.char_indices() {
        let folded = fold_char(c);
        if folded == c && !c.is_whitespace() {
            continue;
        }
        out.push_str(s.get(run_start..i).unwrap_or_default());
        if !folded.is_whitespace() {
            out.push(folded);
        }
        run_start = i + c.len_utf8();
    }
    out.push_str(s.get(run_start..).unwrap_or_default());
    out
}

/// At most `max` characters of `s` for quoting in a message; a longer text is cut and says how
/// long it was (`“9999…”（共 10000000 字）`), so that a pasted megabyte never becomes a message.
pub fn excerpt(s: &str, max: usize) -> String {
    let mut chars = s.char_indices();
    match chars.nth(max) {
        None => s.to_owned(),
        Some((cut, _)) => {
            let total = max + 1 + chars.count();
            format!("{}…（共 {total} 字）", s.get(..cut).unwrap_or_default())
        }
    }
}

/// Removes whitespace (PDF line breaks and padding) but keeps every other character as written.
pub fn without_spaces(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// [`compact`], then without trailing sentence punctuation: `…45000 元。` and `…45000 元` say the same.
pub fn comparable(s: &str) -> String {
    let mut out = compact(s);
    while out.ends_with(['。', '.', '；', ';', '，', ',']) {
        out.pop();
    }
    out
}

/// A Chinese character (CJK Unified Ideographs and Extension A), by range: no Unicode table.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// Two-character words that say nothing about what a figure is for (every indicator has a 标准).
const STOP_BIGRAMS: &[[char; 2]] = &[
    ['指', '标'],
    ['标', '准'],
    ['人', '均'],
    ['项', '目'],
    ['总', '数'],
    ['合', '计'],
    ['共', '计'],
    ['人', '数'],
    ['发', '放'],
    ['完', '成'],
    ['资', '金'],
    ['数', '量'],
    ['金', '额'],
    ['支', '出'],
    ['工', '作'],
    ['情', '况'],
];

/// The two-character words of a text's Chinese characters, without the stop words.
fn bigrams(s: &str) -> impl Iterator<Item = [char; 2]> + '_ {
    let mut chars = s.chars().map(fold_char).filter(|c| is_han(*c));
    let mut prev = chars.next();
    std::iter::from_fn(move || {
        let a = prev?;
        let b = chars.next()?;
        prev = Some(b);
        Some([a, b])
    })
    .filter(|pair| !STOP_BIGRAMS.contains(pair))
}

/// How many two-character words two texts share (ignoring words such as 标准 or 项目 that every
/// indicator carries): the measure by which rules match a figure to what it belongs to, so that
/// 人均慰问标准 finds 发放慰问金 and not 荣誉津贴.
pub fn shared_words(a: &str, b: &str) -> usize {
    Words::of(a).shared(&Words::of(b))
}

/// The distinct two-character words of a text (see [`shared_words`]), kept sorted so that a text
/// read once can be matched against many others, each match costing a few binary searches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words(Vec<[char; 2]>);

impl Words {
    /// The words of `s`.
    pub fn of(s: &str) -> Self {
        let mut words: Vec<[char; 2]> = bigrams(s).collect();
        words.sort_unstable();
        words.dedup();
        Self(words)
    }

    /// How many words the two texts share: each word of the smaller looked up in the larger.
    pub fn shared(&self, other: &Self) -> usize {
        let (small, large) = if self.0.len() <= other.0.len() {
            (self, other)
        } else {
            (other, self)
        };
        small
            .0
            .iter()
            .filter(|w| large.0.binary_search(w).is_ok())
            .count()
    }

    /// How many of these words occur in any of `texts`: the words shared with their concatenation,
    /// without building it (the word spanning two texts' junction is passed as a text of its own).
    pub fn found_in_any(&self, texts: &[&Self]) -> usize {
        self.0
            .iter()
            .filter(|w| texts.iter().any(|t| t.0.binary_search(w).is_ok()))
            .count()
    }

    /// The word that joining two texts would form across the junction, from the first text's last
    /// Chinese character and the second's first: a set of at most one word.
    pub fn junction(last: Option<char>, first: Option<char>) -> Self {
        match (last, first) {
            (Some(x), Some(y)) => Self::of(&format!("{x}{y}")),
            _ => Self::default(),
        }
    }
}

/// The first Chinese character of a text (folded), as [`Words`] pairs them.
pub fn first_han(s: &str) -> Option<char> {
    s.chars().map(fold_char).find(|c| is_han(*c))
}

/// The last Chinese character of a text (folded), as [`Words`] pairs them.
pub fn last_han(s: &str) -> Option<char> {
    s.chars().rev().map(fold_char).find(|c| is_han(*c))
}

/// The folded characters of a text without whitespace, lazily.
fn significant(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().map(fold_char).filter(|c| !c.is_whitespace())
}

/// Whether two cells say the same, as [`comparable`] would judge, without allocating.
pub fn same_text(a: &str, b: &str) -> bool {
    significant(trim_sentence_end(a)).eq(significant(trim_sentence_end(b)))
}

fn trim_sentence_end(s: &str) -> &str {
    s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(fold_char(c), '。' | '.' | '；' | ';' | '，' | ',')
    })
}

/// Whether `needle` occurs in `hay` when whitespace (a PDF line break inside a word) is ignored.
pub fn contains_word(hay: &str, needle: &str) -> bool {
    let Some(last) = needle.chars().next_back() else {
        return true;
    };
    // A Chinese word is found by its last character (`十九大` by `大`), a fast byte search, and
    // checked backwards; anything with a full-width form is compared folded from its first.
    if !last.is_ascii() && fold_char(last) == last {
        let len = needle.chars().count();
        return hay.match_indices(last).any(|(at, _)| {
            hay.get(..at + last.len_utf8())
                .is_some_and(|head| significant_rev(head).take(len).eq(needle.chars().rev()))
        });
    }
    let Some(first) = needle.chars().next() else {
        return true;
    };
    let len = needle.chars().count();
    let mut from = 0;
    // `str::find` on a char is a fast byte search; only candidate positions are examined.
    while let Some(i) = hay.get(from..).and_then(|rest| rest.find(first)) {
        let at = from + i;
        if hay
            .get(at..)
            .is_some_and(|rest| significant(rest).take(len).eq(needle.chars()))
        {
            return true;
        }
        from = at + first.len_utf8();
    }
    false
}

/// The folded characters of a text without whitespace, from its end.
fn significant_rev(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .rev()
        .map(fold_char)
        .filter(|c| !c.is_whitespace())
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
        assert!(same_text("发放 45000\n元。", "发放45000元"));
        assert!(!same_text("发放 45000 元", "发放 450000 元"));
        assert!(contains_word("认真学习十九\n大工作报告", "十九大"));
        assert!(!contains_word("认真学习二十大", "十九大"));
    }
}
