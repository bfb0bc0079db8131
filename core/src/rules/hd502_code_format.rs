//! HD502 项目编码格式: a project code follows the pattern of the document's other codes.

use crate::facts::Facts;
use crate::field::{ProjectField, ProjectText};
use crate::finding::{Finding, Severity};
use crate::rules::{rule, Rule, RuleInfo, Scope};
use crate::sink::Sink;
use crate::text::compact;
use std::collections::HashMap;

rule!(
    CodeFormat,
    "HD502",
    "项目编码格式",
    "warning",
    "## 检查什么\n\
     项目编码与本文件其他项目编码的格式一致：位数相同，前 6 位行政区划代码相同，第 7–8 位年度相同\
     （如 `13028124P003316100010`：130281 遵化市、24 年、P、12 位序号）。其他省份的编码规则可能不同，\
     所以只与本文件的其他编码比较，不符时是警告而不是错误；至少要有两个其他编码彼此一致才下结论。\n\n\
     ## 为什么\n\
     编码多一位、少一位往往是从 PDF 复制时丢了字符，导入预算系统时会找不到项目。\n\n\
     ## 不通过的例子\n\
     `13028124P00316100010`（20 位），而其他编码都是 21 位。\n\n\
     ## 通过的例子\n\
     `13028124P003316100010` 与 `13028124P003274100018`，都是 21 位。"
);

/// What the document's codes have in common, learned from the codes themselves.
#[derive(Debug)]
pub struct CodePattern {
    /// How many times each exact code occurs.
    codes: HashMap<String, usize>,
    /// Per property (length, region, year): how many codes have each value.
    properties: [HashMap<String, usize>; 3],
    /// Number of codes.
    total: usize,
}

const PROPERTIES: [&str; 3] = ["位数", "行政区划代码（前 6 位）", "年度（第 7–8 位）"];

fn property(code: &str, which: usize) -> String {
    match which {
        0 => code.chars().count().to_string(),
        1 => code.chars().take(6).collect(),
        _ => code.chars().skip(6).take(2).collect(),
    }
}

impl CodePattern {
    /// The pattern of every non-empty code in the document.
    pub fn of(facts: &Facts<'_>) -> Self {
        let mut pattern = Self {
            codes: HashMap::new(),
            properties: Default::default(),
            total: 0,
        };
        for p in &facts.projects {
            let code = compact(&p.project.code);
            if code.is_empty() {
                continue;
            }
            for (which, counts) in pattern.properties.iter_mut().enumerate() {
                *counts.entry(property(&code, which)).or_default() += 1;
            }
            *pattern.codes.entry(code).or_default() += 1;
            pattern.total += 1;
        }
        pattern
    }

    /// What `code` breaks in the pattern of the other codes: they must all agree among themselves
    /// on a value that differs from this code's, and there must be at least two of them.
    pub fn breaks(&self, code: &str) -> Vec<String> {
        let same = self.codes.get(code).copied().unwrap_or(0);
        let others = self.total.saturating_sub(same);
        if others < 2 {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (which, counts) in self.properties.iter().enumerate() {
            let mine = property(code, which);
            if counts.len() != 2 || counts.get(&mine) != Some(&same) {
                continue;
            }
            let Some(theirs) = counts.keys().find(|v| **v != mine) else {
                continue;
            };
            let what = PROPERTIES.get(which).copied().unwrap_or_default();
            out.push(if which == 0 {
                format!("有 {mine} 位，本文件其他项目编码都是 {theirs} 位")
            } else {
                format!("{what}为 {mine}，其他编码都是 {theirs}")
            });
        }
        out
    }

    /// Whether `code` fits the pattern of the other codes.
    pub fn fits(&self, code: &str) -> bool {
        self.breaks(code).is_empty()
    }
}

impl Rule for CodeFormat {
    fn info(&self) -> RuleInfo {
        Self::INFO
    }

    fn scope(&self) -> Scope {
        Scope::Document
    }

    fn check(&self, facts: &Facts<'_>, out: &mut Sink) {
        let pattern = CodePattern::of(facts);
        for p in &facts.projects {
            let code = compact(&p.project.code);
            if code.is_empty() {
                continue;
            }
            let problems = pattern.breaks(&code);
            if problems.is_empty() {
                out.holds();
            } else {
                out.fails(
                    Finding::in_project(
                        CodeFormat::INFO.code,
                        Severity::Warning,
                        p,
                        vec![p.path(ProjectField::Text(ProjectText::Code))],
                        format!("项目编码 {code} {}", problems.join("；")),
                    ),
                    None,
                );
            }
        }
    }
}
