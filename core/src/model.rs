//! The department document (部门预算绩效文本) as users type it.
//!
//! Every field holds the text the user wrote, never a parsed value: what they typed is never lost or
//! reformatted, a half-typed value is still kept, and each rule parses what it needs and says so when
//! it cannot. The same structure is the saved file (`.json`), versioned by [`FORMAT_VERSION`].

use serde::{Deserialize, Serialize};

/// Version of the saved-file format. Raised whenever the shape of [`Document`] changes.
pub const FORMAT_VERSION: u32 = 1;

fn format_version() -> u32 {
    FORMAT_VERSION
}

/// One department's yearly performance document: header, overview texts and project tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Document {
    /// Saved-file format version ([`FORMAT_VERSION`]).
    #[serde(default = "format_version")]
    pub version: u32,
    /// 单位编码, e.g. `711001`.
    pub unit_code: String,
    /// 单位名称, e.g. `遵化市总工会本级`.
    pub unit_name: String,
    /// 预算年度, e.g. `2024`.
    pub year: String,
    /// 金额单位 of the tables' money columns (`万元` unless the header says otherwise).
    pub money_unit: String,
    /// 部门整体绩效目标: a document may carry several versions of its overview.
    pub overviews: Vec<Overview>,
    /// 分项绩效目标: one table per project; the same project may appear more than once.
    pub projects: Vec<Project>,
    /// Other prose blocks found between the tables (e.g. a 工作保障措施 block repeated after a table).
    pub sections: Vec<Section>,
}

impl Default for Document {
    fn default() -> Self {
        Self {
            version: FORMAT_VERSION,
            unit_code: String::new(),
            unit_name: String::new(),
            year: String::new(),
            money_unit: "万元".to_owned(),
            overviews: Vec::new(),
            projects: Vec::new(),
            sections: Vec::new(),
        }
    }
}

/// 部门整体绩效目标: overall goal, key project summaries and safeguards.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Overview {
    /// 总体绩效目标 (prose).
    pub overall_goal: String,
    /// Summaries of key projects (重点项目绩效目标).
    pub key_projects: Vec<KeyProject>,
    /// 工作保障措施: the numbered measures, one entry each.
    pub safeguards: Vec<String>,
}

/// A key project's summary inside the overview.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct KeyProject {
    /// Project name, e.g. `劳模基金`.
    pub name: String,
    /// Descriptive prose.
    pub description: String,
    /// 绩效目标 line.
    pub goal: String,
    /// 绩效指标 line, e.g. `走访率达到 90%`.
    pub indicator: String,
}

/// A titled block of prose that belongs to no project table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Section {
    /// Heading as written, e.g. `三、工作保障措施`.
    pub title: String,
    /// Paragraphs, one entry each.
    pub paragraphs: Vec<String>,
}

/// One project table (项目支出绩效目标表).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    /// 项目编码, e.g. `13028124P003316100010`.
    pub code: String,
    /// 项目名称.
    pub name: String,
    /// 预算数 and its sources, in the document's money unit.
    pub budget: Budget,
    /// 资金用途 prose (often repeats the budget figures).
    pub purpose: String,
    /// 资金支出计划（%）checkpoints.
    pub schedule: Vec<Checkpoint>,
    /// 绩效目标 lines.
    pub goals: Vec<String>,
    /// The indicator table.
    pub indicators: Vec<Indicator>,
}

/// 预算数 = 财政资金 + 其他资金, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Budget {
    /// 预算数 (年度资金总额).
    pub total: String,
    /// 其中：财政资金 (财政拨款).
    pub fiscal: String,
    /// 其他资金.
    pub other: String,
}

/// One 资金支出计划 checkpoint, e.g. `3 月底` → `30%`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Checkpoint {
    /// When, as written (`3 月底`).
    pub label: String,
    /// Cumulative share spent by then (`30%`).
    pub percent: String,
}

/// One row of the indicator table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Indicator {
    /// 一级指标, e.g. `产出指标`. Empty means "same as the row above".
    pub level1: String,
    /// 二级指标, e.g. `数量指标`. Empty means "same as the row above".
    pub level2: String,
    /// 三级指标, e.g. `慰问各级劳模总数`.
    pub level3: String,
    /// 指标说明 / 绩效指标描述.
    pub description: String,
    /// 指标值, e.g. `≥90%`, `68 人`, `12 月 31 日前完成`.
    pub value: String,
    /// 计量单位, where the layout has a separate column for it.
    pub unit: String,
    /// 指标值确定依据, e.g. `遵字【2008】14 号`.
    pub basis: String,
}

impl Document {
    /// A document with one empty project card (with the usual schedule and indicator skeleton),
    /// what 新建 starts from.
    pub fn blank() -> Self {
        Self {
            projects: vec![crate::editor::new_project()],
            ..Self::default()
        }
    }
}

impl Indicator {
    /// The indicator's name as a reviewer reads it: the 三级指标, or the description when that is empty.
    pub fn name(&self) -> &str {
        if self.level3.trim().is_empty() {
            &self.description
        } else {
            &self.level3
        }
    }
}

impl Project {
    /// Indicator rows with 一级 and 二级 filled down from the rows above, as a reader sees them.
    /// A level is a short name (`服务对象满意度指标`); a cell pasted far longer is cut (see
    /// [`crate::text::excerpt`]), so that the rows below it do not each copy and search all of it.
    pub fn indicator_levels(&self) -> Vec<(String, String)> {
        const LEVEL_CHARS: usize = 64;
        let level = |cell: &str| crate::text::excerpt(&crate::text::compact(cell), LEVEL_CHARS);
        let mut level1 = String::new();
        let mut level2 = String::new();
        self.indicators
            .iter()
            .map(|row| {
                if !row.level1.trim().is_empty() {
                    level1 = level(&row.level1);
                    level2.clear();
                }
                if !row.level2.trim().is_empty() {
                    level2 = level(&row.level2);
                }
                (level1.clone(), level2.clone())
            })
            .collect()
    }

    /// A label for messages: the project's name, or its code, or its position.
    /// Every finding carries it, so a name pasted far too long is cut (see [`crate::text::excerpt`]).
    pub fn label(&self, index: usize) -> String {
        const LABEL_CHARS: usize = 60;
        let name = crate::text::compact(&self.name);
        if !name.is_empty() {
            return crate::text::excerpt(&name, LABEL_CHARS);
        }
        let code = crate::text::compact(&self.code);
        if !code.is_empty() {
            return crate::text::excerpt(&code, LABEL_CHARS);
        }
        format!("第 {} 个项目", index + 1)
    }
}
