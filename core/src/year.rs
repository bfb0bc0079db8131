//! Years written in wording (`2023年…补助项目`, `2023—2025年`, `2022 年 10 月 31 日前`), not in
//! document numbers (`〔2023〕`, `【2023】`) nor in codes: what a stale-year check reads.

use crate::text::fold_char;

/// A year named in a text: one year, or a span of years (`2023—2025年`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearMention {
    /// The (first) year.
    pub from: u16,
    /// The last year of a span, or `from`.
    pub to: u16,
}

impl YearMention {
    /// Whether the mention covers `year`.
    pub fn covers(self, year: u16) -> bool {
        (self.from..=self.to).contains(&year)
    }
}

/// Four digits at `i` forming a plausible year, with the index past them.
fn year_at(chars: &[char], i: usize) -> Option<(u16, usize)> {
    let digits: String = chars.get(i..i + 4)?.iter().collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // Part of a longer number (a code, an amount) is no year.
    if chars.get(i + 4).is_some_and(char::is_ascii_digit)
        || i.checked_sub(1)
            .and_then(|p| chars.get(p))
            .is_some_and(|c| c.is_ascii_digit() || c.is_ascii_alphabetic())
    {
        return None;
    }
    let y: u16 = digits.parse().ok()?;
    (2000..=2100).contains(&y).then_some((y, i + 4))
}

/// The years a text names with `年` (spaces allowed, `2022 年`), alone or as a span
/// (`2023—2025年`, `2023-2025 年`, `2023年至2025年`).
pub fn years(text: &str) -> Vec<YearMention> {
    let chars: Vec<char> = text
        .chars()
        .map(fold_char)
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut out: Vec<YearMention> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some((y, end)) = year_at(&chars, i) else {
            i += 1;
            continue;
        };
        match chars.get(end) {
            Some('年') => {
                // `2023年至2025年`: the second year closes a span.
                let mut to = y;
                let mut next = end + 1;
                if chars.get(end + 1) == Some(&'至') {
                    if let Some((y2, e2)) = year_at(&chars, end + 2) {
                        if chars.get(e2) == Some(&'年') && y2 >= y {
                            to = y2;
                            next = e2 + 1;
                        }
                    }
                }
                out.push(YearMention { from: y, to });
                i = next;
            }
            Some('—' | '-' | '–' | '~' | '～' | '至' | '到') => {
                let mut k = end + 1;
                while matches!(chars.get(k), Some('—' | '-')) {
                    k += 1;
                }
                match year_at(&chars, k) {
                    Some((y2, e2)) if chars.get(e2) == Some(&'年') && y2 >= y => {
                        out.push(YearMention { from: y, to: y2 });
                        i = e2 + 1;
                    }
                    _ => i = end,
                }
            }
            _ => i = end,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ys(s: &str) -> Vec<(u16, u16)> {
        years(s).into_iter().map(|m| (m.from, m.to)).collect()
    }

    #[test]
    fn reads_years_in_wording_only() {
        assert_eq!(ys("2023年青禾镇便民桥"), [(2023, 2023)]);
        assert_eq!(ys("2022 年 10 月 31 日前完工"), [(2022, 2022)]);
        assert_eq!(ys("(2023—2025年)"), [(2023, 2025)]);
        assert_eq!(ys("2023年至2025年"), [(2023, 2025)]);
        assert!(ys("冀财行【2023】98 号").is_empty());
        assert!(ys("13028124P003316100010").is_empty());
        assert!(ys("共计22430200元").is_empty());
    }
}
