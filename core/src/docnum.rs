//! Document numbers (发文字号) such as `冀财行【2023】98 号`: issuer, year and serial, whichever
//! brackets were used (`〔〕` is the standard; `【】 [] ［］ ()（）` all occur).

use crate::text::compact;

/// A document number read back into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocNumber {
    /// 机关代字, e.g. `冀财行`.
    pub issuer: String,
    /// 年份, e.g. 2023.
    pub year: u16,
    /// 序号, e.g. 98.
    pub serial: u32,
}

impl DocNumber {
    /// The standard written form: `冀财行〔2023〕98号`.
    pub fn standard(&self) -> String {
        format!("{}〔{}〕{}号", self.issuer, self.year, self.serial)
    }
}

/// Finds the first document number in `text`.
pub fn find(text: &str) -> Option<DocNumber> {
    let chars: Vec<char> = compact(text).chars().collect();
    let open = |c: char| matches!(c, '〔' | '【' | '[' | '［' | '(' | '（' | '﹝');
    let close = |c: char| matches!(c, '〕' | '】' | ']' | '］' | ')' | '）' | '﹞');
    for (i, c) in chars.iter().enumerate() {
        if !open(*c) {
            continue;
        }
        let year: String = chars.iter().skip(i + 1).take(4).collect();
        if year.len() != 4 || !year.chars().all(|d| d.is_ascii_digit()) {
            continue;
        }
        if !chars.get(i + 5).copied().is_some_and(close) {
            continue;
        }
        let serial: String = chars
            .iter()
            .skip(i + 6)
            .take_while(|d| d.is_ascii_digit())
            .collect();
        let after = chars.get(i + 6 + serial.len());
        if serial.is_empty() || after != Some(&'号') {
            continue;
        }
        let issuer: String = chars
            .get(..i)
            .unwrap_or_default()
            .iter()
            .rev()
            .take_while(|c| c.is_alphabetic() && !c.is_ascii())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        return Some(DocNumber {
            issuer,
            year: year.parse().ok()?,
            serial: serial.parse().ok()?,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_bracket_style() {
        for text in [
            "冀财行【2023】98 号",
            "冀财行〔2023〕98号",
            "冀财行[2023]98号",
            "冀财行\n【2023】\n98 号",
        ] {
            let d = find(text).unwrap();
            assert_eq!(
                (d.issuer.as_str(), d.year, d.serial),
                ("冀财行", 2023, 98),
                "{text}"
            );
            assert_eq!(d.standard(), "冀财行〔2023〕98号");
        }
        assert_eq!(find("遵字【2008】14 号").unwrap().issuer, "遵字");
        assert_eq!(find("行业标准"), None);
    }
}
