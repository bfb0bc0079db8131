//! Stable paths naming every editable field of a [`Document`], e.g. `projects[0].budget.total`.
//!
//! Findings carry these paths; the page turns them into element ids to scroll to and focus, the CLI
//! prints them, and the JSON report keys on them. They are part of the public format: keep them.

use crate::model::{Document, Indicator, KeyProject, Project};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// One field of a project table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProjectField {
    /// 项目编码.
    Code,
    /// 项目名称.
    Name,
    /// 预算数.
    Total,
    /// 财政资金.
    Fiscal,
    /// 其他资金.
    Other,
    /// 资金用途.
    Purpose,
    /// A 资金支出计划 checkpoint's label (`3 月底`).
    CheckpointLabel(usize),
    /// A 资金支出计划 checkpoint's percentage.
    CheckpointPercent(usize),
    /// A 绩效目标 line.
    Goal(usize),
    /// A cell of the indicator table.
    Indicator(usize, IndicatorColumn),
}

/// A column of the indicator table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IndicatorColumn {
    /// 一级指标.
    Level1,
    /// 二级指标.
    Level2,
    /// 三级指标.
    Level3,
    /// 指标说明.
    Description,
    /// 指标值.
    Value,
    /// 计量单位.
    Unit,
    /// 指标值确定依据.
    Basis,
}

impl IndicatorColumn {
    /// Every column, in table order.
    pub const ALL: [Self; 7] = [
        Self::Level1,
        Self::Level2,
        Self::Level3,
        Self::Description,
        Self::Value,
        Self::Unit,
        Self::Basis,
    ];

    /// The key used in paths and in the saved file.
    pub fn key(self) -> &'static str {
        match self {
            Self::Level1 => "level1",
            Self::Level2 => "level2",
            Self::Level3 => "level3",
            Self::Description => "description",
            Self::Value => "value",
            Self::Unit => "unit",
            Self::Basis => "basis",
        }
    }

    /// The column's Chinese heading.
    pub fn label(self) -> &'static str {
        match self {
            Self::Level1 => "一级指标",
            Self::Level2 => "二级指标",
            Self::Level3 => "三级指标",
            Self::Description => "指标说明",
            Self::Value => "指标值",
            Self::Unit => "计量单位",
            Self::Basis => "指标值确定依据",
        }
    }

    /// This column's cell in `row`.
    pub fn of(self, row: &Indicator) -> &String {
        match self {
            Self::Level1 => &row.level1,
            Self::Level2 => &row.level2,
            Self::Level3 => &row.level3,
            Self::Description => &row.description,
            Self::Value => &row.value,
            Self::Unit => &row.unit,
            Self::Basis => &row.basis,
        }
    }

    fn of_mut(self, row: &mut Indicator) -> &mut String {
        match self {
            Self::Level1 => &mut row.level1,
            Self::Level2 => &mut row.level2,
            Self::Level3 => &mut row.level3,
            Self::Description => &mut row.description,
            Self::Value => &mut row.value,
            Self::Unit => &mut row.unit,
            Self::Basis => &mut row.basis,
        }
    }
}

/// One part of a key-project summary in the overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyProjectPart {
    /// Project name.
    Name,
    /// Descriptive prose.
    Description,
    /// 绩效目标.
    Goal,
    /// 绩效指标.
    Indicator,
}

impl KeyProjectPart {
    const ALL: [Self; 4] = [Self::Name, Self::Description, Self::Goal, Self::Indicator];

    fn key(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Description => "description",
            Self::Goal => "goal",
            Self::Indicator => "indicator",
        }
    }

    fn of(self, k: &KeyProject) -> &String {
        match self {
            Self::Name => &k.name,
            Self::Description => &k.description,
            Self::Goal => &k.goal,
            Self::Indicator => &k.indicator,
        }
    }

    fn of_mut(self, k: &mut KeyProject) -> &mut String {
        match self {
            Self::Name => &mut k.name,
            Self::Description => &mut k.description,
            Self::Goal => &mut k.goal,
            Self::Indicator => &mut k.indicator,
        }
    }
}

/// The path of one editable text field in a [`Document`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldPath {
    /// 单位编码.
    UnitCode,
    /// 单位名称.
    UnitName,
    /// 预算年度.
    Year,
    /// 金额单位.
    MoneyUnit,
    /// An overview's 总体绩效目标.
    OverallGoal(usize),
    /// A part of an overview's key-project summary: (overview, summary, part).
    KeyProject(usize, usize, KeyProjectPart),
    /// One 工作保障措施 item: (overview, item).
    Safeguard(usize, usize),
    /// A loose section's title.
    SectionTitle(usize),
    /// A loose section's paragraph: (section, paragraph).
    SectionParagraph(usize, usize),
    /// A field of a project table: (project, field).
    Project(usize, ProjectField),
}

impl FieldPath {
    /// The project this field belongs to, if any.
    pub fn project(&self) -> Option<usize> {
        match self {
            Self::Project(p, _) => Some(*p),
            _ => None,
        }
    }

    /// An element id for the page: `f-` and the path with every non-alphanumeric run turned into `-`.
    pub fn dom_id(&self) -> String {
        let mut id = String::from("f-");
        for c in self.to_string().chars() {
            if c.is_ascii_alphanumeric() {
                id.push(c);
            } else if !id.ends_with('-') {
                id.push('-');
            }
        }
        id.trim_end_matches('-').to_owned()
    }

    /// A short Chinese name of the field for messages (`预算数`, `绩效目标第 2 条`).
    pub fn label(&self) -> String {
        match self {
            Self::UnitCode => "单位编码".into(),
            Self::UnitName => "单位名称".into(),
            Self::Year => "预算年度".into(),
            Self::MoneyUnit => "金额单位".into(),
            Self::OverallGoal(o) => format!("整体绩效目标（第 {} 版）", o + 1),
            Self::KeyProject(o, k, _) => {
                format!("整体绩效目标（第 {} 版）重点项目 {}", o + 1, k + 1)
            }
            Self::Safeguard(o, i) => {
                format!("工作保障措施（第 {} 版）第 {} 条", o + 1, i + 1)
            }
            Self::SectionTitle(s) => format!("其他段落 {} 标题", s + 1),
            Self::SectionParagraph(s, i) => format!("其他段落 {} 第 {} 段", s + 1, i + 1),
            Self::Project(_, f) => match f {
                ProjectField::Code => "项目编码".into(),
                ProjectField::Name => "项目名称".into(),
                ProjectField::Total => "预算数".into(),
                ProjectField::Fiscal => "财政资金".into(),
                ProjectField::Other => "其他资金".into(),
                ProjectField::Purpose => "资金用途".into(),
                ProjectField::CheckpointLabel(i) | ProjectField::CheckpointPercent(i) => {
                    format!("资金支出计划第 {} 列", i + 1)
                }
                ProjectField::Goal(i) => format!("绩效目标第 {} 条", i + 1),
                ProjectField::Indicator(r, c) => format!("指标第 {} 行{}", r + 1, c.label()),
            },
        }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnitCode => f.write_str("unit_code"),
            Self::UnitName => f.write_str("unit_name"),
            Self::Year => f.write_str("year"),
            Self::MoneyUnit => f.write_str("money_unit"),
            Self::OverallGoal(o) => write!(f, "overviews[{o}].overall_goal"),
            Self::KeyProject(o, k, part) => {
                write!(f, "overviews[{o}].key_projects[{k}].{}", part.key())
            }
            Self::Safeguard(o, i) => write!(f, "overviews[{o}].safeguards[{i}]"),
            Self::SectionTitle(s) => write!(f, "sections[{s}].title"),
            Self::SectionParagraph(s, i) => write!(f, "sections[{s}].paragraphs[{i}]"),
            Self::Project(p, field) => {
                write!(f, "projects[{p}].")?;
                match field {
                    ProjectField::Code => f.write_str("code"),
                    ProjectField::Name => f.write_str("name"),
                    ProjectField::Total => f.write_str("budget.total"),
                    ProjectField::Fiscal => f.write_str("budget.fiscal"),
                    ProjectField::Other => f.write_str("budget.other"),
                    ProjectField::Purpose => f.write_str("purpose"),
                    ProjectField::CheckpointLabel(i) => write!(f, "schedule[{i}].label"),
                    ProjectField::CheckpointPercent(i) => write!(f, "schedule[{i}].percent"),
                    ProjectField::Goal(i) => write!(f, "goals[{i}]"),
                    ProjectField::Indicator(r, c) => write!(f, "indicators[{r}].{}", c.key()),
                }
            }
        }
    }
}

/// Splits `name[3]` into (`name`, Some(3)); `name` into (`name`, None).
fn indexed(segment: &str) -> Option<(&str, Option<usize>)> {
    match segment.split_once('[') {
        None => Some((segment, None)),
        Some((name, rest)) => {
            let index = rest.strip_suffix(']')?.parse().ok()?;
            Some((name, Some(index)))
        }
    }
}

impl std::str::FromStr for FieldPath {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("无法识别的字段路径：{s}");
        let parts: Vec<(&str, Option<usize>)> = s
            .split('.')
            .map(indexed)
            .collect::<Option<_>>()
            .ok_or_else(bad)?;
        let path = match parts.as_slice() {
            [("unit_code", None)] => Self::UnitCode,
            [("unit_name", None)] => Self::UnitName,
            [("year", None)] => Self::Year,
            [("money_unit", None)] => Self::MoneyUnit,
            [("overviews", Some(o)), ("overall_goal", None)] => Self::OverallGoal(*o),
            [("overviews", Some(o)), ("safeguards", Some(i))] => Self::Safeguard(*o, *i),
            [("overviews", Some(o)), ("key_projects", Some(k)), (part, None)] => {
                let part = KeyProjectPart::ALL
                    .into_iter()
                    .find(|p| p.key() == *part)
                    .ok_or_else(bad)?;
                Self::KeyProject(*o, *k, part)
            }
            [("sections", Some(i)), ("title", None)] => Self::SectionTitle(*i),
            [("sections", Some(i)), ("paragraphs", Some(j))] => Self::SectionParagraph(*i, *j),
            [("projects", Some(p)), rest @ ..] => {
                let field = match rest {
                    [("code", None)] => ProjectField::Code,
                    [("name", None)] => ProjectField::Name,
                    [("budget", None), ("total", None)] => ProjectField::Total,
                    [("budget", None), ("fiscal", None)] => ProjectField::Fiscal,
                    [("budget", None), ("other", None)] => ProjectField::Other,
                    [("purpose", None)] => ProjectField::Purpose,
                    [("schedule", Some(i)), ("label", None)] => ProjectField::CheckpointLabel(*i),
                    [("schedule", Some(i)), ("percent", None)] => {
                        ProjectField::CheckpointPercent(*i)
                    }
                    [("goals", Some(i))] => ProjectField::Goal(*i),
                    [("indicators", Some(r)), (col, None)] => {
                        let col = IndicatorColumn::ALL
                            .into_iter()
                            .find(|c| c.key() == *col)
                            .ok_or_else(bad)?;
                        ProjectField::Indicator(*r, col)
                    }
                    _ => return Err(bad()),
                };
                Self::Project(*p, field)
            }
            _ => return Err(bad()),
        };
        Ok(path)
    }
}

impl Serialize for FieldPath {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FieldPath {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

fn project_field(p: &Project, field: ProjectField) -> Option<&String> {
    Some(match field {
        ProjectField::Code => &p.code,
        ProjectField::Name => &p.name,
        ProjectField::Total => &p.budget.total,
        ProjectField::Fiscal => &p.budget.fiscal,
        ProjectField::Other => &p.budget.other,
        ProjectField::Purpose => &p.purpose,
        ProjectField::CheckpointLabel(i) => &p.schedule.get(i)?.label,
        ProjectField::CheckpointPercent(i) => &p.schedule.get(i)?.percent,
        ProjectField::Goal(i) => p.goals.get(i)?,
        ProjectField::Indicator(r, c) => c.of(p.indicators.get(r)?),
    })
}

fn project_field_mut(p: &mut Project, field: ProjectField) -> Option<&mut String> {
    Some(match field {
        ProjectField::Code => &mut p.code,
        ProjectField::Name => &mut p.name,
        ProjectField::Total => &mut p.budget.total,
        ProjectField::Fiscal => &mut p.budget.fiscal,
        ProjectField::Other => &mut p.budget.other,
        ProjectField::Purpose => &mut p.purpose,
        ProjectField::CheckpointLabel(i) => &mut p.schedule.get_mut(i)?.label,
        ProjectField::CheckpointPercent(i) => &mut p.schedule.get_mut(i)?.percent,
        ProjectField::Goal(i) => p.goals.get_mut(i)?,
        ProjectField::Indicator(r, c) => c.of_mut(p.indicators.get_mut(r)?),
    })
}

impl Project {
    /// The text of one of this project's fields, or `None` for a row that does not exist.
    pub fn field_text(&self, field: ProjectField) -> Option<&str> {
        project_field(self, field).map(String::as_str)
    }
}

impl Document {
    /// A Chinese name of the field for messages, naming the section or key project it sits in.
    pub fn field_label(&self, path: &FieldPath) -> String {
        match *path {
            FieldPath::SectionParagraph(s, i) => match self.sections.get(s) {
                Some(sec) if !sec.title.trim().is_empty() => {
                    let title = crate::text::excerpt(&crate::text::compact(&sec.title), 40);
                    format!("“{title}”第 {} 段", i + 1)
                }
                _ => path.label(),
            },
            _ => path.label(),
        }
    }

    /// The text of a field, or `None` when the path names a row that does not exist.
    pub fn get(&self, path: &FieldPath) -> Option<&str> {
        let s = match *path {
            FieldPath::UnitCode => &self.unit_code,
            FieldPath::UnitName => &self.unit_name,
            FieldPath::Year => &self.year,
            FieldPath::MoneyUnit => &self.money_unit,
            FieldPath::OverallGoal(o) => &self.overviews.get(o)?.overall_goal,
            FieldPath::KeyProject(o, k, part) => {
                part.of(self.overviews.get(o)?.key_projects.get(k)?)
            }
            FieldPath::Safeguard(o, i) => self.overviews.get(o)?.safeguards.get(i)?,
            FieldPath::SectionTitle(s) => &self.sections.get(s)?.title,
            FieldPath::SectionParagraph(s, i) => self.sections.get(s)?.paragraphs.get(i)?,
            FieldPath::Project(p, field) => project_field(self.projects.get(p)?, field)?,
        };
        Some(s.as_str())
    }

    /// Mutable access to a field's text, or `None` when the path names a row that does not exist.
    pub fn get_mut(&mut self, path: &FieldPath) -> Option<&mut String> {
        Some(match *path {
            FieldPath::UnitCode => &mut self.unit_code,
            FieldPath::UnitName => &mut self.unit_name,
            FieldPath::Year => &mut self.year,
            FieldPath::MoneyUnit => &mut self.money_unit,
            FieldPath::OverallGoal(o) => &mut self.overviews.get_mut(o)?.overall_goal,
            FieldPath::KeyProject(o, k, part) => {
                part.of_mut(self.overviews.get_mut(o)?.key_projects.get_mut(k)?)
            }
            FieldPath::Safeguard(o, i) => self.overviews.get_mut(o)?.safeguards.get_mut(i)?,
            FieldPath::SectionTitle(s) => &mut self.sections.get_mut(s)?.title,
            FieldPath::SectionParagraph(s, i) => self.sections.get_mut(s)?.paragraphs.get_mut(i)?,
            FieldPath::Project(p, field) => project_field_mut(self.projects.get_mut(p)?, field)?,
        })
    }

    /// Sets a field's text. Returns `false` (and changes nothing) when the path names no field.
    pub fn set(&mut self, path: &FieldPath, value: impl Into<String>) -> bool {
        match self.get_mut(path) {
            Some(slot) => {
                *slot = value.into();
                true
            }
            None => false,
        }
    }
}

/// Every editable field of `doc`, in document order.
pub fn all_paths(doc: &Document) -> Vec<FieldPath> {
    let mut out = vec![
        FieldPath::UnitCode,
        FieldPath::UnitName,
        FieldPath::Year,
        FieldPath::MoneyUnit,
    ];
    for (o, ov) in doc.overviews.iter().enumerate() {
        out.push(FieldPath::OverallGoal(o));
        for k in 0..ov.key_projects.len() {
            out.extend(KeyProjectPart::ALL.map(|part| FieldPath::KeyProject(o, k, part)));
        }
        out.extend((0..ov.safeguards.len()).map(|i| FieldPath::Safeguard(o, i)));
    }
    for (p, proj) in doc.projects.iter().enumerate() {
        for f in [
            ProjectField::Code,
            ProjectField::Name,
            ProjectField::Total,
            ProjectField::Fiscal,
            ProjectField::Other,
            ProjectField::Purpose,
        ] {
            out.push(FieldPath::Project(p, f));
        }
        for i in 0..proj.schedule.len() {
            out.push(FieldPath::Project(p, ProjectField::CheckpointLabel(i)));
            out.push(FieldPath::Project(p, ProjectField::CheckpointPercent(i)));
        }
        out.extend((0..proj.goals.len()).map(|i| FieldPath::Project(p, ProjectField::Goal(i))));
        for r in 0..proj.indicators.len() {
            out.extend(
                IndicatorColumn::ALL.map(|c| FieldPath::Project(p, ProjectField::Indicator(r, c))),
            );
        }
    }
    for (s, sec) in doc.sections.iter().enumerate() {
        out.push(FieldPath::SectionTitle(s));
        out.extend((0..sec.paragraphs.len()).map(|i| FieldPath::SectionParagraph(s, i)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip_through_text() {
        let paths = [
            FieldPath::UnitCode,
            FieldPath::Safeguard(2, 0),
            FieldPath::KeyProject(1, 0, KeyProjectPart::Indicator),
            FieldPath::SectionParagraph(0, 3),
            FieldPath::Project(0, ProjectField::Total),
            FieldPath::Project(2, ProjectField::CheckpointPercent(3)),
            FieldPath::Project(1, ProjectField::Goal(1)),
            FieldPath::Project(0, ProjectField::Indicator(4, IndicatorColumn::Basis)),
        ];
        for p in paths {
            let text = p.to_string();
            assert_eq!(text.parse::<FieldPath>(), Ok(p), "{text}");
        }
        assert_eq!(
            FieldPath::Project(0, ProjectField::Total).to_string(),
            "projects[0].budget.total"
        );
        assert!("projects[x].code".parse::<FieldPath>().is_err());
        assert!("projects[0].budget".parse::<FieldPath>().is_err());
    }

    #[test]
    fn every_listed_path_names_a_field() {
        let doc = crate::sample::seed();
        let paths = all_paths(&doc);
        assert!(paths.len() > 100);
        assert!(paths.iter().all(|p| doc.get(p).is_some()));
    }

    #[test]
    fn dom_ids_are_css_safe() {
        assert_eq!(
            FieldPath::Project(0, ProjectField::Total).dom_id(),
            "f-projects-0-budget-total"
        );
        assert_eq!(FieldPath::UnitCode.dom_id(), "f-unit-code");
    }

    #[test]
    fn set_and_get_reach_the_same_field() {
        let mut doc = Document::blank();
        let path = FieldPath::Project(0, ProjectField::Fiscal);
        assert!(doc.set(&path, "8.00"));
        assert_eq!(doc.get(&path), Some("8.00"));
        assert!(!doc.set(&FieldPath::Project(5, ProjectField::Fiscal), "1"));
    }
}
