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

/// The year written just before `end` (a byte offset into `text`), spaces allowed between
/// (`2022 年`): four ASCII or full-width digits not part of a longer number or code.
fn year_before(text: &str, end: usize) -> Option<(u16, usize)> {
    let head = text.get(..end)?;
    let mut digits = [0u8; 4];
    let mut count = 0;
    let mut start = end;
    for (i, c) in head.char_indices().rev() {
        let c = fold_char(c);
        if count == 0 && c.is_whitespace() {
            start = i;
            continue;
        }
        match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() && count < 4 => {
                count += 1;
                *digits.get_mut(4 - count)? = u8::try_from(d).ok()?;
                start = i;
            }
            // A fifth digit or a letter joined to the four: a code or an amount, not a year.
            _ if count == 4 && (c.is_ascii_alphanumeric()) => return None,
            _ => break,
        }
        if count == 4 {
            // Look one further for a digit or letter that would make this no year.
            let before = head
                .get(..i)
                .and_then(|h| h.chars().next_back())
                .map(fold_char);
            if before.is_some_and(|b| b.is_ascii_alphanumeric()) {
                return None;
            }
            break;
        }
    }
    if count < 4 {
        return None;
    }
    let y = digits.iter().fold(0u16, |acc, d| acc * 10 + u16::from(*d));
    (2000..=2100).contains(&y).then_some((y, start))
}

/// The years a text names with `年` (spaces allowed, `2022 年`), alone or as a span
/// (`2023—2025年`, `2023-2025 年`, `2023年至2025年`).
pub fn years(text: &str) -> Vec<YearMention> {
    let mut out: Vec<YearMention> = Vec::new();
    // Each `年` preceded by a year is a mention; a year before `—`/`至` opens a span.
    for (at, _) in text.match_indices('年') {
        let Some((year, start)) = year_before(text, at) else {
            continue;
        };
        // `2023—2025年`: the year before the dash opens the span.
        let lead = text.get(..start).unwrap_or_default().trim_end();
        let mut from = year;
        if let Some(dash_end) = lead
            .strip_suffix(['—', '-', '–', '~', '～', '至', '到'])
            .map(|l| l.trim_end_matches(['—', '-']).trim_end())
        {
            if let Some((first, _)) = year_before(dash_end, dash_end.len()) {
                if first <= year {
                    from = first;
                }
            } else if let Some(prev) = lead.strip_suffix('至').map(str::trim_end) {
                // `2023年至2025年`: the previous mention opens the span.
                if prev.ends_with('年') {
                    if let Some(last) = out.pop() {
                        from = last.from.min(year);
                    }
                }
            }
        }
        out.push(YearMention { from, to: year });
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
