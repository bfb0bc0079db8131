//! The department document (部门预算绩效文本) as users type it.
//!
//! Every field holds the text the user wrote, never a parsed value: what they typed is never lost or
//! reformatted, a half-typed value is still kept, and each rule parses what it needs and says so when
//! it cannot. The same structure is the saved file (`.json`), versioned by [`FORMAT_VERSION`].

use serde::{Deserialize, Serialize};

/// Version of the saved-file format. Raised whenever the shape of [`Document`] changes.
///
/// Version 2 added what the national and provincial templates carry (中期 money and sources, 中期
/// goals and indicators, 计算符号 / 权重 / 指标方向 columns, cost lines, project facts, other tables);
/// a version-1 file reads as version 2 with those parts empty. Version 2 also carries the reviewer's
/// marks ([`Document::review`]), absent from a file that has none.
pub const FORMAT_VERSION: u32 = 2;

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
    /// The document's title as written (`2024年部门预算绩效文本`, `…项目支出绩效目标申报表`).
    pub title: String,
    /// Other tables that state totals (allocation tables, prior-year columns, 收支 tables).
    pub tables: Vec<Table>,
    /// The reviewer's marks (审核标记): 采纳 / 忽略 on findings and comments on fields, kept with the
    /// document so that they survive reload, export and re-import. See [`crate::review`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub review: Vec<Mark>,
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
            title: String::new(),
            tables: Vec::new(),
            review: Vec::new(),
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

/// One project table (项目支出绩效目标表, 申报表, 审批表 …), or a department's 部门整体支出 table, which
/// has the same parts: money, goals, indicators.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    /// 项目编码, e.g. `13028124P003316100010`.
    pub code: String,
    /// 项目名称.
    pub name: String,
    /// 主管部门 (及代码).
    pub department: String,
    /// 实施单位.
    pub implementer: String,
    /// 项目属性 (新增 / 延续 / 经常性 …).
    pub attribute: String,
    /// 项目期 / 起止时间 / 实施期.
    pub period: String,
    /// 项目概况, 立项依据, 测算说明: prose that often costs the project item by item.
    pub summary: String,
    /// 年度 money (预算数 / 年度资金总额) and its sources, in the document's money unit.
    pub budget: Budget,
    /// 中期 money (中期资金总额 / 项目总预算) and its sources, where the layout has it.
    pub mid_budget: Budget,
    /// 资金用途 prose (often repeats the budget figures).
    pub purpose: String,
    /// 资金支出计划（%）checkpoints.
    pub schedule: Vec<Checkpoint>,
    /// 中期目标 / 长期目标 / 实施期目标 lines.
    pub mid_goals: Vec<String>,
    /// 年度目标 / 绩效目标 lines.
    pub goals: Vec<String>,
    /// The indicator table (the 年度 set, or the only set).
    pub indicators: Vec<Indicator>,
    /// The 中期 / 长期 indicator set, where the layout has two.
    pub mid_indicators: Vec<Indicator>,
    /// 成本构成 / 测算明细 lines.
    pub costs: Vec<CostLine>,
    /// How the money is split (部门整体: 基本支出 / 项目支出 with 占比).
    pub spending: Vec<Share>,
    /// 年度主要任务 with their money (部门整体 tables).
    pub tasks: Vec<Task>,
}

/// A total and the sources it is made of, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Budget {
    /// 预算数 (年度资金总额, 项目申报金额 …).
    pub total: String,
    /// 其中：财政资金 (财政拨款 …).
    pub fiscal: String,
    /// 其他资金 (自筹 …).
    pub other: String,
    /// Further named sources (上级资金, 本级资金, 中央资金, 自有资金 …), as written.
    pub sources: Vec<Source>,
}

/// A named source of money (`上级资金` `0`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Source {
    /// The source's label as written.
    pub label: String,
    /// Its amount.
    pub amount: String,
    /// The source it details (`财政拨款` for `1、一般公共预算` under `(一)财政拨款小计`); empty for a
    /// part of the total itself.
    pub within: String,
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

/// One row of an indicator table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Indicator {
    /// 一级指标, e.g. `产出指标`. Empty means "same as the row above".
    pub level1: String,
    /// 二级指标, e.g. `数量指标`. Empty means "same as the row above".
    pub level2: String,
    /// 三级指标, e.g. `慰问各级劳模总数`.
    pub level3: String,
    /// 指标说明 / 绩效指标描述 / 指标解释.
    pub description: String,
    /// 计算符号 / 指标性质 (`≥`, `=`, `定性` …), where the layout has a separate column for it.
    pub comparator: String,
    /// 指标值, e.g. `≥90%`, `68 人`, `12 月 31 日前完成`.
    pub value: String,
    /// 计量单位 / 度量单位, where the layout has a separate column for it.
    pub unit: String,
    /// 权重 / 分值.
    pub weight: String,
    /// 指标方向 (正向 / 反向).
    pub direction: String,
    /// 指标值确定依据 / 绩效标准, e.g. `遵字【2008】14 号`.
    pub basis: String,
}

/// One 成本构成 / 测算明细 line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CostLine {
    /// 成本项目, e.g. `保安服务费`.
    pub item: String,
    /// 金额.
    pub amount: String,
    /// 测算依据 / 公式.
    pub basis: String,
}

/// A part of a total with its share (`基本支出` `120.5` `60.25%`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Share {
    /// What the part is, as written.
    pub label: String,
    /// Its amount.
    pub amount: String,
    /// 占比, as written.
    pub share: String,
}

/// A 年度主要任务 with its money.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Task {
    /// The task, as written.
    pub name: String,
    /// Its money.
    pub amount: String,
    /// 计划 / 实施内容.
    pub plan: String,
}

/// A table outside the project tables that states totals: an allocation table (资金分配表), a
/// department's 收支 table, a column of prior-year figures. Kept as a grid of text so that a rule
/// can check every 合计 / 小计 in it against its parts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Table {
    /// The table's title as written.
    pub title: String,
    /// Its money unit as written (`元`, `万元`), when it says.
    pub unit: String,
    /// How many of the first rows are headings.
    pub header_rows: usize,
    /// The rows, headings first.
    pub rows: Vec<Vec<String>>,
}

/// A reviewer's mark (审核标记): a decision on a finding, or a comment on a field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Mark {
    /// What the mark is about.
    pub on: MarkTarget,
    /// 采纳 or 忽略, for a mark on a finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// Why the finding is ignored (required with [`Decision::Ignore`]).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// The reviewer's comment.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub comment: String,
    /// What the finding said when it was marked (`HD103 劳模基金：…`), shown while the mark waits
    /// for its finding to come back.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub seen: String,
}

/// What a [`Mark`] is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkTarget {
    /// A finding, by its identity (see [`crate::review::finding_keys`]).
    Finding(String),
    /// A field, wherever it has moved to.
    Field(FieldAnchor),
}

impl Default for MarkTarget {
    fn default() -> Self {
        Self::Finding(String::new())
    }
}

/// A field named so that the name survives edits elsewhere and re-import: the project by its name
/// (and which copy of it), the field within the project, and the text it held when it was marked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FieldAnchor {
    /// The project (see [`crate::review::project_anchors`]); empty for a field outside projects.
    pub project: String,
    /// The path within the project (`budget.total`, `goals[1]`), or the document path for a field
    /// outside projects (`sections[0].paragraphs[1]`).
    pub path: String,
    /// The field's text when it was marked.
    pub text: String,
}

/// The reviewer's decision on a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// 采纳: the department must change it.
    Accept,
    /// 忽略: not a fault here, for the reason given.
    Ignore,
}

impl Decision {
    /// The word shown to reviewers.
    pub fn label(self) -> &'static str {
        match self {
            Self::Accept => "采纳",
            Self::Ignore => "忽略",
        }
    }
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

/// Indicator rows with 一级 and 二级 filled down from the rows above, as a reader sees them.
/// A level is a short name (`服务对象满意度指标`); a cell pasted far longer is cut (see
/// [`crate::text::excerpt`]), so that the rows below it do not each copy and search all of it.
pub fn indicator_levels(rows: &[Indicator]) -> Vec<(String, String)> {
    const LEVEL_CHARS: usize = 64;
    let level = |cell: &str| crate::text::excerpt(&crate::text::compact(cell), LEVEL_CHARS);
    let mut level1 = String::new();
    let mut level2 = String::new();
    rows.iter()
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

impl Project {
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
