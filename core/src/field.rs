//! Stable paths naming every editable field of a [`Document`], e.g. `projects[0].budget.total`.
//!
//! Findings carry these paths; the page turns them into element ids to scroll to and focus, the CLI
//! prints them, and the JSON report keys on them. They are part of the public format: keep them.
//!
//! Each struct's fields are declared once, in a table (key, Chinese label, accessor): [`ProjectText`]
//! for a project's own fields, [`ProjectList`] with its [`Column`]s for its rows. Paths, labels, the
//! list of all fields, reading and writing are derived from those tables, so a new field is one line
//! in one table.

use crate::model::{
    Budget, Checkpoint, CostLine, Document, Indicator, KeyProject, Project, Share, Source, Task,
};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Declares an enum of text fields with, for each, its key in paths, its Chinese label and the
/// place in the struct that holds it; generates `ALL`, `key`, `label`, `of` and `of_mut`.
macro_rules! text_fields {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident for $owner:ty {
            $( $(#[$vmeta:meta])* $variant:ident = $key:literal, $label:literal, |$o:ident| $($path:ident).+ ; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl $name {
            /// Every field, in the order a form shows them.
            pub const ALL: &'static [Self] = &[ $( Self::$variant, )* ];

            /// The key used in paths and in the saved file.
            pub fn key(self) -> &'static str {
                match self { $( Self::$variant => $key, )* }
            }

            /// The field's Chinese label.
            pub fn label(self) -> &'static str {
                match self { $( Self::$variant => $label, )* }
            }

            /// This field's text in `owner`.
            pub fn of(self, owner: &$owner) -> &String {
                match self { $( Self::$variant => { let $o = owner; &$o.$($path).+ } )* }
            }

            /// This field's text in `owner`, to change it.
            pub fn of_mut(self, owner: &mut $owner) -> &mut String {
                match self { $( Self::$variant => { let $o = owner; &mut $o.$($path).+ } )* }
            }

            /// The field whose key is `key`.
            pub fn from_key(key: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|f| f.key() == key)
            }
        }
    };
}

text_fields! {
    /// A project's own text fields (not its rows).
    pub enum ProjectText for Project {
        /// 项目编码.
        Code = "code", "项目编码", |p| code;
        /// 项目名称.
        Name = "name", "项目名称", |p| name;
        /// 主管部门.
        Department = "department", "主管部门", |p| department;
        /// 实施单位.
        Implementer = "implementer", "实施单位", |p| implementer;
        /// 项目属性.
        Attribute = "attribute", "项目属性", |p| attribute;
        /// 项目期 / 起止时间.
        Period = "period", "项目期", |p| period;
        /// 预算数 (年度).
        Total = "budget.total", "预算数", |p| budget.total;
        /// 财政资金 (年度).
        Fiscal = "budget.fiscal", "财政资金", |p| budget.fiscal;
        /// 其他资金 (年度).
        Other = "budget.other", "其他资金", |p| budget.other;
        /// 中期资金总额.
        MidTotal = "mid_budget.total", "中期资金总额", |p| mid_budget.total;
        /// 中期财政资金.
        MidFiscal = "mid_budget.fiscal", "中期财政资金", |p| mid_budget.fiscal;
        /// 中期其他资金.
        MidOther = "mid_budget.other", "中期其他资金", |p| mid_budget.other;
        /// 项目概况 / 立项依据 / 测算说明.
        Summary = "summary", "项目概况", |p| summary;
        /// 资金用途.
        Purpose = "purpose", "资金用途", |p| purpose;
    }
}

text_fields! {
    /// A document's own text fields (its header).
    pub enum DocumentText for Document {
        /// 单位编码.
        UnitCode = "unit_code", "单位编码", |d| unit_code;
        /// 单位名称.
        UnitName = "unit_name", "单位名称", |d| unit_name;
        /// 预算年度.
        Year = "year", "预算年度", |d| year;
        /// 金额单位.
        MoneyUnit = "money_unit", "金额单位", |d| money_unit;
        /// The document's title.
        Title = "title", "标题", |d| title;
    }
}

/// A column of a project's row list. One enum for every list: each list says which of these it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    /// The whole entry of a list of lines (a goal line).
    Line,
    /// 一级指标.
    Level1,
    /// 二级指标.
    Level2,
    /// 三级指标.
    Level3,
    /// 指标说明.
    Description,
    /// 计算符号 / 指标性质.
    Comparator,
    /// 指标值.
    Value,
    /// 计量单位.
    Unit,
    /// 权重 / 分值.
    Weight,
    /// 指标方向.
    Direction,
    /// 依据 (指标值确定依据, 测算依据).
    Basis,
    /// A label (a checkpoint's time, a source's or a share's name).
    Label,
    /// A checkpoint's cumulative percentage.
    Percent,
    /// 成本项目.
    Item,
    /// An amount of money.
    Amount,
    /// 占比.
    Share,
    /// A task's name.
    Name,
    /// A task's plan.
    Plan,
    /// The source a named source details.
    Within,
}

impl Column {
    /// The key used in paths and in the saved file.
    pub fn key(self) -> &'static str {
        match self {
            Self::Line => "",
            Self::Level1 => "level1",
            Self::Level2 => "level2",
            Self::Level3 => "level3",
            Self::Description => "description",
            Self::Comparator => "comparator",
            Self::Value => "value",
            Self::Unit => "unit",
            Self::Weight => "weight",
            Self::Direction => "direction",
            Self::Basis => "basis",
            Self::Label => "label",
            Self::Percent => "percent",
            Self::Item => "item",
            Self::Amount => "amount",
            Self::Share => "share",
            Self::Name => "name",
            Self::Plan => "plan",
            Self::Within => "within",
        }
    }

    fn from_key(key: &str) -> Option<Self> {
        ALL_COLUMNS.iter().copied().find(|c| c.key() == key)
    }
}

const ALL_COLUMNS: [Column; 19] = [
    Column::Line,
    Column::Level1,
    Column::Level2,
    Column::Level3,
    Column::Description,
    Column::Comparator,
    Column::Value,
    Column::Unit,
    Column::Weight,
    Column::Direction,
    Column::Basis,
    Column::Label,
    Column::Percent,
    Column::Item,
    Column::Amount,
    Column::Share,
    Column::Name,
    Column::Plan,
    Column::Within,
];

/// A type of row in a project's lists, with its columns' table.
pub trait Row: Default + Clone {
    /// Its columns, in table order, with their Chinese headings.
    const COLUMNS: &'static [(Column, &'static str)];
    /// A column's text.
    fn cell(&self, column: Column) -> Option<&String>;
    /// A column's text, to change it.
    fn cell_mut(&mut self, column: Column) -> Option<&mut String>;
}

/// Implements [`Row`] for a struct of text columns from one table.
macro_rules! row {
    ($ty:ty { $( $column:ident => $field:ident, $label:literal; )* }) => {
        impl Row for $ty {
            const COLUMNS: &'static [(Column, &'static str)] = &[ $( (Column::$column, $label), )* ];

            fn cell(&self, column: Column) -> Option<&String> {
                match column {
                    $( Column::$column => Some(&self.$field), )*
                    _ => None,
                }
            }

            fn cell_mut(&mut self, column: Column) -> Option<&mut String> {
                match column {
                    $( Column::$column => Some(&mut self.$field), )*
                    _ => None,
                }
            }
        }
    };
}

row!(Indicator {
    Level1 => level1, "一级指标";
    Level2 => level2, "二级指标";
    Level3 => level3, "三级指标";
    Description => description, "指标说明";
    Comparator => comparator, "计算符号";
    Value => value, "指标值";
    Unit => unit, "计量单位";
    Weight => weight, "权重";
    Direction => direction, "指标方向";
    Basis => basis, "指标值确定依据";
});

row!(Checkpoint {
    Label => label, "支出时点";
    Percent => percent, "累计支出比例";
});

row!(CostLine {
    Item => item, "成本项目";
    Amount => amount, "金额";
    Basis => basis, "测算依据";
});

row!(Source {
    Label => label, "资金来源";
    Amount => amount, "金额";
    Within => within, "其中属于";
});

row!(Share {
    Label => label, "支出项目";
    Amount => amount, "金额";
    Share => share, "占比";
});

row!(Task {
    Name => name, "年度主要任务";
    Amount => amount, "金额";
    Plan => plan, "实施内容";
});

impl Row for String {
    const COLUMNS: &'static [(Column, &'static str)] = &[(Column::Line, "内容")];

    fn cell(&self, column: Column) -> Option<&String> {
        (column == Column::Line).then_some(self)
    }

    fn cell_mut(&mut self, column: Column) -> Option<&mut String> {
        (column == Column::Line).then_some(self)
    }
}

/// A list of rows in a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProjectList {
    /// 资金支出计划 checkpoints.
    Schedule,
    /// 年度目标 / 绩效目标 lines.
    Goals,
    /// 中期目标 lines.
    MidGoals,
    /// The (年度) indicator rows.
    Indicators,
    /// The 中期 indicator rows.
    MidIndicators,
    /// 成本构成 lines.
    Costs,
    /// Further named sources of the 年度 money.
    Sources,
    /// Further named sources of the 中期 money.
    MidSources,
    /// 基本支出 / 项目支出 shares.
    Spending,
    /// 年度主要任务.
    Tasks,
}

/// Runs `$body` with `$v` bound to the list's vector, whatever its row type.
macro_rules! with_list {
    ($project:expr, $list:expr, |$v:ident| $body:expr) => {
        match $list {
            $crate::field::ProjectList::Schedule => {
                let $v = &$project.schedule;
                $body
            }
            $crate::field::ProjectList::Goals => {
                let $v = &$project.goals;
                $body
            }
            $crate::field::ProjectList::MidGoals => {
                let $v = &$project.mid_goals;
                $body
            }
            $crate::field::ProjectList::Indicators => {
                let $v = &$project.indicators;
                $body
            }
            $crate::field::ProjectList::MidIndicators => {
                let $v = &$project.mid_indicators;
                $body
            }
            $crate::field::ProjectList::Costs => {
                let $v = &$project.costs;
                $body
            }
            $crate::field::ProjectList::Sources => {
                let $v = &$project.budget.sources;
                $body
            }
            $crate::field::ProjectList::MidSources => {
                let $v = &$project.mid_budget.sources;
                $body
            }
            $crate::field::ProjectList::Spending => {
                let $v = &$project.spending;
                $body
            }
            $crate::field::ProjectList::Tasks => {
                let $v = &$project.tasks;
                $body
            }
        }
    };
    (mut $project:expr, $list:expr, |$v:ident| $body:expr) => {
        match $list {
            $crate::field::ProjectList::Schedule => {
                let $v = &mut $project.schedule;
                $body
            }
            $crate::field::ProjectList::Goals => {
                let $v = &mut $project.goals;
                $body
            }
            $crate::field::ProjectList::MidGoals => {
                let $v = &mut $project.mid_goals;
                $body
            }
            $crate::field::ProjectList::Indicators => {
                let $v = &mut $project.indicators;
                $body
            }
            $crate::field::ProjectList::MidIndicators => {
                let $v = &mut $project.mid_indicators;
                $body
            }
            $crate::field::ProjectList::Costs => {
                let $v = &mut $project.costs;
                $body
            }
            $crate::field::ProjectList::Sources => {
                let $v = &mut $project.budget.sources;
                $body
            }
            $crate::field::ProjectList::MidSources => {
                let $v = &mut $project.mid_budget.sources;
                $body
            }
            $crate::field::ProjectList::Spending => {
                let $v = &mut $project.spending;
                $body
            }
            $crate::field::ProjectList::Tasks => {
                let $v = &mut $project.tasks;
                $body
            }
        }
    };
}
pub(crate) use with_list;

impl ProjectList {
    /// Every list, in the order a form shows them.
    pub const ALL: [Self; 10] = [
        Self::Sources,
        Self::MidSources,
        Self::Spending,
        Self::Costs,
        Self::Schedule,
        Self::MidGoals,
        Self::Goals,
        Self::Tasks,
        Self::Indicators,
        Self::MidIndicators,
    ];

    /// The key used in paths and in the saved file.
    pub fn key(self) -> &'static str {
        match self {
            Self::Schedule => "schedule",
            Self::Goals => "goals",
            Self::MidGoals => "mid_goals",
            Self::Indicators => "indicators",
            Self::MidIndicators => "mid_indicators",
            Self::Costs => "costs",
            Self::Sources => "budget.sources",
            Self::MidSources => "mid_budget.sources",
            Self::Spending => "spending",
            Self::Tasks => "tasks",
        }
    }

    /// The list's Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Self::Schedule => "资金支出计划",
            Self::Goals => "绩效目标",
            Self::MidGoals => "中期目标",
            Self::Indicators => "绩效指标",
            Self::MidIndicators => "中期绩效指标",
            Self::Costs => "成本构成",
            Self::Sources => "其他资金来源",
            Self::MidSources => "中期其他资金来源",
            Self::Spending => "支出构成",
            Self::Tasks => "年度主要任务",
        }
    }

    /// The list's columns with their headings.
    pub fn columns(self) -> &'static [(Column, &'static str)] {
        match self {
            Self::Schedule => Checkpoint::COLUMNS,
            Self::Goals | Self::MidGoals => String::COLUMNS,
            Self::Indicators | Self::MidIndicators => Indicator::COLUMNS,
            Self::Costs => CostLine::COLUMNS,
            Self::Sources | Self::MidSources => Source::COLUMNS,
            Self::Spending => Share::COLUMNS,
            Self::Tasks => Task::COLUMNS,
        }
    }

    /// A column's heading in this list.
    pub fn column_label(self, column: Column) -> &'static str {
        self.columns()
            .iter()
            .find(|(c, _)| *c == column)
            .map_or("", |(_, l)| l)
    }

    /// The list's length in `project`.
    pub fn len(self, project: &Project) -> usize {
        with_list!(project, self, |v| v.len())
    }

    /// How a row of this list is named in messages: `绩效目标第 2 条`, `指标第 3 行指标值`.
    pub fn row_label(self, row: usize, column: Column) -> String {
        let n = row + 1;
        match self {
            Self::Goals => format!("绩效目标第 {n} 条"),
            Self::MidGoals => format!("中期目标第 {n} 条"),
            Self::Schedule => format!("资金支出计划第 {n} 列"),
            Self::Indicators => format!("指标第 {n} 行{}", self.column_label(column)),
            Self::MidIndicators => format!("中期指标第 {n} 行{}", self.column_label(column)),
            _ => format!("{}第 {n} 行{}", self.label(), self.column_label(column)),
        }
    }

    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.key() == key)
    }
}

/// One field of a project table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProjectField {
    /// One of the project's own fields.
    Text(ProjectText),
    /// A cell of one of its lists: (list, row, column).
    Cell(ProjectList, usize, Column),
}

impl From<ProjectText> for ProjectField {
    fn from(t: ProjectText) -> Self {
        Self::Text(t)
    }
}

impl ProjectField {
    /// A 绩效目标 line.
    pub fn goal(line: usize) -> Self {
        Self::Cell(ProjectList::Goals, line, Column::Line)
    }

    /// A cell of the (年度) indicator table.
    pub fn indicator(row: usize, column: Column) -> Self {
        Self::Cell(ProjectList::Indicators, row, column)
    }

    /// A checkpoint's percentage.
    pub fn checkpoint_percent(i: usize) -> Self {
        Self::Cell(ProjectList::Schedule, i, Column::Percent)
    }

    /// A checkpoint's label.
    pub fn checkpoint_label(i: usize) -> Self {
        Self::Cell(ProjectList::Schedule, i, Column::Label)
    }

    /// The field's Chinese name in messages.
    pub fn label(self) -> String {
        match self {
            Self::Text(t) => t.label().to_owned(),
            Self::Cell(list, row, column) => list.row_label(row, column),
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
    /// One of the document's header fields.
    Doc(DocumentText),
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
    /// A further table's title.
    TableTitle(usize),
    /// A further table's money unit.
    TableUnit(usize),
    /// A cell of a further table: (table, row, column).
    TableCell(usize, usize, usize),
}

impl FieldPath {
    /// 单位编码.
    pub const UNIT_CODE: Self = Self::Doc(DocumentText::UnitCode);
    /// 单位名称.
    pub const UNIT_NAME: Self = Self::Doc(DocumentText::UnitName);
    /// 预算年度.
    pub const YEAR: Self = Self::Doc(DocumentText::Year);
    /// 金额单位.
    pub const MONEY_UNIT: Self = Self::Doc(DocumentText::MoneyUnit);
    /// The document's title.
    pub const TITLE: Self = Self::Doc(DocumentText::Title);

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
            Self::Doc(d) => d.label().to_owned(),
            Self::OverallGoal(o) => format!("整体绩效目标（第 {} 版）", o + 1),
            Self::KeyProject(o, k, _) => {
                format!("整体绩效目标（第 {} 版）重点项目 {}", o + 1, k + 1)
            }
            Self::Safeguard(o, i) => {
                format!("工作保障措施（第 {} 版）第 {} 条", o + 1, i + 1)
            }
            Self::SectionTitle(s) => format!("其他段落 {} 标题", s + 1),
            Self::SectionParagraph(s, i) => format!("其他段落 {} 第 {} 段", s + 1, i + 1),
            Self::Project(_, f) => f.label(),
            Self::TableTitle(t) => format!("表 {} 标题", t + 1),
            Self::TableUnit(t) => format!("表 {} 金额单位", t + 1),
            Self::TableCell(t, r, c) => format!("表 {} 第 {} 行第 {} 列", t + 1, r + 1, c + 1),
        }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Doc(d) => f.write_str(d.key()),
            Self::OverallGoal(o) => write!(f, "overviews[{o}].overall_goal"),
            Self::KeyProject(o, k, part) => {
                write!(f, "overviews[{o}].key_projects[{k}].{}", part.key())
            }
            Self::Safeguard(o, i) => write!(f, "overviews[{o}].safeguards[{i}]"),
            Self::SectionTitle(s) => write!(f, "sections[{s}].title"),
            Self::SectionParagraph(s, i) => write!(f, "sections[{s}].paragraphs[{i}]"),
            Self::Project(p, ProjectField::Text(t)) => write!(f, "projects[{p}].{}", t.key()),
            Self::Project(p, ProjectField::Cell(list, row, Column::Line)) => {
                write!(f, "projects[{p}].{}[{row}]", list.key())
            }
            Self::Project(p, ProjectField::Cell(list, row, column)) => {
                write!(f, "projects[{p}].{}[{row}].{}", list.key(), column.key())
            }
            Self::TableTitle(t) => write!(f, "tables[{t}].title"),
            Self::TableUnit(t) => write!(f, "tables[{t}].unit"),
            Self::TableCell(t, r, c) => write!(f, "tables[{t}].rows[{r}][{c}]"),
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

/// Reads the part of a path after `projects[p].`.
fn project_field(rest: &str) -> Option<ProjectField> {
    if let Some(t) = ProjectText::from_key(rest) {
        return Some(ProjectField::Text(t));
    }
    // `budget.sources[1].amount`: the list's key may itself hold a dot.
    let open = rest.find('[')?;
    let list = ProjectList::from_key(rest.get(..open)?)?;
    let after = rest.get(open + 1..)?;
    let (index, tail) = after.split_once(']')?;
    let row: usize = index.parse().ok()?;
    let column = match tail {
        "" => Column::Line,
        _ => Column::from_key(tail.strip_prefix('.')?).filter(|c| *c != Column::Line)?,
    };
    list.columns()
        .iter()
        .any(|(c, _)| *c == column)
        .then_some(ProjectField::Cell(list, row, column))
}

/// Reads `rows[3][2]`.
fn table_cell(rest: &str) -> Option<(usize, usize)> {
    let inner = rest.strip_prefix("rows[")?.strip_suffix(']')?;
    let (r, c) = inner.split_once("][")?;
    Some((r.parse().ok()?, c.parse().ok()?))
}

impl std::str::FromStr for FieldPath {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("无法识别的字段路径：{s}");
        if let Some(d) = DocumentText::from_key(s) {
            return Ok(Self::Doc(d));
        }
        let (head, rest) = s.split_once('.').ok_or_else(bad)?;
        let path = match indexed(head).ok_or_else(bad)? {
            ("projects", Some(p)) => Self::Project(p, project_field(rest).ok_or_else(bad)?),
            ("tables", Some(t)) => match rest {
                "title" => Self::TableTitle(t),
                "unit" => Self::TableUnit(t),
                _ => {
                    let (r, c) = table_cell(rest).ok_or_else(bad)?;
                    Self::TableCell(t, r, c)
                }
            },
            ("sections", Some(i)) => match indexed(rest).ok_or_else(bad)? {
                ("title", None) => Self::SectionTitle(i),
                ("paragraphs", Some(j)) => Self::SectionParagraph(i, j),
                _ => return Err(bad()),
            },
            ("overviews", Some(o)) => {
                let parts: Vec<(&str, Option<usize>)> = rest
                    .split('.')
                    .map(indexed)
                    .collect::<Option<_>>()
                    .ok_or_else(bad)?;
                match parts.as_slice() {
                    [("overall_goal", None)] => Self::OverallGoal(o),
                    [("safeguards", Some(i))] => Self::Safeguard(o, *i),
                    [("key_projects", Some(k)), (part, None)] => {
                        let part = KeyProjectPart::ALL
                            .into_iter()
                            .find(|p| p.key() == *part)
                            .ok_or_else(bad)?;
                        Self::KeyProject(o, *k, part)
                    }
                    _ => return Err(bad()),
                }
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

impl Project {
    /// The text of one of this project's fields, or `None` for a row that does not exist.
    pub fn field_text(&self, field: ProjectField) -> Option<&str> {
        self.field(field).map(String::as_str)
    }

    fn field(&self, field: ProjectField) -> Option<&String> {
        match field {
            ProjectField::Text(t) => Some(t.of(self)),
            ProjectField::Cell(list, row, column) => {
                with_list!(self, list, |v| v.get(row)?.cell(column))
            }
        }
    }

    fn field_mut(&mut self, field: ProjectField) -> Option<&mut String> {
        match field {
            ProjectField::Text(t) => Some(t.of_mut(self)),
            ProjectField::Cell(list, row, column) => {
                with_list!(mut self, list, |v| v.get_mut(row)?.cell_mut(column))
            }
        }
    }

    /// Every field of this project (at position `index`), in form order.
    pub fn paths(&self, index: usize) -> Vec<FieldPath> {
        let mut out: Vec<FieldPath> = ProjectText::ALL
            .iter()
            .map(|t| FieldPath::Project(index, ProjectField::Text(*t)))
            .collect();
        for list in ProjectList::ALL {
            for row in 0..list.len(self) {
                out.extend(list.columns().iter().map(|(column, _)| {
                    FieldPath::Project(index, ProjectField::Cell(list, row, *column))
                }));
            }
        }
        out
    }
}

/// The funds a money field belongs to, for rules that treat 年度 and 中期 alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// 年度 (or the only) money, goals and indicators.
    Annual,
    /// 中期 / 长期.
    Mid,
}

impl Period {
    /// Both, 年度 first.
    pub const BOTH: [Self; 2] = [Self::Annual, Self::Mid];

    /// The total, fiscal and other fields, and the list of further sources.
    pub fn budget_fields(self) -> (ProjectText, ProjectText, ProjectText, ProjectList) {
        match self {
            Self::Annual => (
                ProjectText::Total,
                ProjectText::Fiscal,
                ProjectText::Other,
                ProjectList::Sources,
            ),
            Self::Mid => (
                ProjectText::MidTotal,
                ProjectText::MidFiscal,
                ProjectText::MidOther,
                ProjectList::MidSources,
            ),
        }
    }

    /// This period's money in `project`.
    pub fn budget(self, project: &Project) -> &Budget {
        match self {
            Self::Annual => &project.budget,
            Self::Mid => &project.mid_budget,
        }
    }

    /// This period's indicator list.
    pub fn indicators(self) -> ProjectList {
        match self {
            Self::Annual => ProjectList::Indicators,
            Self::Mid => ProjectList::MidIndicators,
        }
    }

    /// `年度` or `中期`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Annual => "年度",
            Self::Mid => "中期",
        }
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
            FieldPath::TableCell(t, r, c) => match self.tables.get(t) {
                Some(table) if !table.title.trim().is_empty() => format!(
                    "“{}”第 {} 行第 {} 列",
                    crate::text::compact(&table.title),
                    r + 1,
                    c + 1
                ),
                _ => path.label(),
            },
            _ => path.label(),
        }
    }

    /// The text of a field, or `None` when the path names a row that does not exist.
    pub fn get(&self, path: &FieldPath) -> Option<&str> {
        let s = match *path {
            FieldPath::Doc(d) => d.of(self),
            FieldPath::OverallGoal(o) => &self.overviews.get(o)?.overall_goal,
            FieldPath::KeyProject(o, k, part) => {
                part.of(self.overviews.get(o)?.key_projects.get(k)?)
            }
            FieldPath::Safeguard(o, i) => self.overviews.get(o)?.safeguards.get(i)?,
            FieldPath::SectionTitle(s) => &self.sections.get(s)?.title,
            FieldPath::SectionParagraph(s, i) => self.sections.get(s)?.paragraphs.get(i)?,
            FieldPath::Project(p, field) => self.projects.get(p)?.field(field)?,
            FieldPath::TableTitle(t) => &self.tables.get(t)?.title,
            FieldPath::TableUnit(t) => &self.tables.get(t)?.unit,
            FieldPath::TableCell(t, r, c) => self.tables.get(t)?.rows.get(r)?.get(c)?,
        };
        Some(s.as_str())
    }

    /// Mutable access to a field's text, or `None` when the path names a row that does not exist.
    pub fn get_mut(&mut self, path: &FieldPath) -> Option<&mut String> {
        Some(match *path {
            FieldPath::Doc(d) => d.of_mut(self),
            FieldPath::OverallGoal(o) => &mut self.overviews.get_mut(o)?.overall_goal,
            FieldPath::KeyProject(o, k, part) => {
                part.of_mut(self.overviews.get_mut(o)?.key_projects.get_mut(k)?)
            }
            FieldPath::Safeguard(o, i) => self.overviews.get_mut(o)?.safeguards.get_mut(i)?,
            FieldPath::SectionTitle(s) => &mut self.sections.get_mut(s)?.title,
            FieldPath::SectionParagraph(s, i) => self.sections.get_mut(s)?.paragraphs.get_mut(i)?,
            FieldPath::Project(p, field) => self.projects.get_mut(p)?.field_mut(field)?,
            FieldPath::TableTitle(t) => &mut self.tables.get_mut(t)?.title,
            FieldPath::TableUnit(t) => &mut self.tables.get_mut(t)?.unit,
            FieldPath::TableCell(t, r, c) => self.tables.get_mut(t)?.rows.get_mut(r)?.get_mut(c)?,
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
    let mut out: Vec<FieldPath> = DocumentText::ALL
        .iter()
        .map(|d| FieldPath::Doc(*d))
        .collect();
    for (o, ov) in doc.overviews.iter().enumerate() {
        out.push(FieldPath::OverallGoal(o));
        for k in 0..ov.key_projects.len() {
            out.extend(KeyProjectPart::ALL.map(|part| FieldPath::KeyProject(o, k, part)));
        }
        out.extend((0..ov.safeguards.len()).map(|i| FieldPath::Safeguard(o, i)));
    }
    for (p, proj) in doc.projects.iter().enumerate() {
        out.extend(proj.paths(p));
    }
    for (s, sec) in doc.sections.iter().enumerate() {
        out.push(FieldPath::SectionTitle(s));
        out.extend((0..sec.paragraphs.len()).map(|i| FieldPath::SectionParagraph(s, i)));
    }
    for (t, table) in doc.tables.iter().enumerate() {
        out.push(FieldPath::TableTitle(t));
        out.push(FieldPath::TableUnit(t));
        for (r, row) in table.rows.iter().enumerate() {
            out.extend((0..row.len()).map(|c| FieldPath::TableCell(t, r, c)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip_through_text() {
        let paths = [
            FieldPath::UNIT_CODE,
            FieldPath::TITLE,
            FieldPath::Safeguard(2, 0),
            FieldPath::KeyProject(1, 0, KeyProjectPart::Indicator),
            FieldPath::SectionParagraph(0, 3),
            FieldPath::Project(0, ProjectText::Total.into()),
            FieldPath::Project(0, ProjectText::MidFiscal.into()),
            FieldPath::Project(2, ProjectField::checkpoint_percent(3)),
            FieldPath::Project(1, ProjectField::goal(1)),
            FieldPath::Project(
                1,
                ProjectField::Cell(ProjectList::MidGoals, 0, Column::Line),
            ),
            FieldPath::Project(0, ProjectField::indicator(4, Column::Basis)),
            FieldPath::Project(
                0,
                ProjectField::Cell(ProjectList::MidIndicators, 2, Column::Weight),
            ),
            FieldPath::Project(
                3,
                ProjectField::Cell(ProjectList::Sources, 1, Column::Amount),
            ),
            FieldPath::Project(
                3,
                ProjectField::Cell(ProjectList::MidSources, 0, Column::Label),
            ),
            FieldPath::Project(0, ProjectField::Cell(ProjectList::Costs, 7, Column::Basis)),
            FieldPath::Project(
                0,
                ProjectField::Cell(ProjectList::Spending, 1, Column::Share),
            ),
            FieldPath::Project(0, ProjectField::Cell(ProjectList::Tasks, 0, Column::Plan)),
            FieldPath::TableTitle(1),
            FieldPath::TableUnit(0),
            FieldPath::TableCell(2, 10, 3),
        ];
        for p in paths {
            let text = p.to_string();
            assert_eq!(text.parse::<FieldPath>(), Ok(p), "{text}");
        }
    }

    #[test]
    fn version_one_paths_keep_their_text() {
        let cases = [
            (
                FieldPath::Project(0, ProjectText::Total.into()),
                "projects[0].budget.total",
            ),
            (
                FieldPath::Project(1, ProjectField::goal(1)),
                "projects[1].goals[1]",
            ),
            (
                FieldPath::Project(0, ProjectField::indicator(4, Column::Basis)),
                "projects[0].indicators[4].basis",
            ),
            (
                FieldPath::Project(2, ProjectField::checkpoint_percent(3)),
                "projects[2].schedule[3].percent",
            ),
            (FieldPath::UNIT_CODE, "unit_code"),
            (FieldPath::OverallGoal(1), "overviews[1].overall_goal"),
        ];
        for (path, text) in cases {
            assert_eq!(path.to_string(), text);
        }
    }

    #[test]
    fn malformed_paths_are_refused() {
        for bad in [
            "projects[x].code",
            "projects[0].budget",
            "projects[0].goals[1].value",
            "projects[0].indicators[1]",
            "projects[0].schedule[0].amount",
            "tables[0].rows[1]",
            "tables[0].rows[a][1]",
            "nonsense",
            "",
        ] {
            assert!(bad.parse::<FieldPath>().is_err(), "{bad}");
        }
    }

    #[test]
    fn every_listed_path_names_a_field() {
        let mut doc = crate::sample::seed();
        doc.projects[0].costs.push(CostLine::default());
        doc.projects[0].mid_budget.sources.push(Source::default());
        doc.tables.push(crate::model::Table {
            rows: vec![vec![String::new(); 3]; 2],
            ..crate::model::Table::default()
        });
        let paths = all_paths(&doc);
        assert!(paths.len() > 100);
        for p in &paths {
            assert!(doc.get(p).is_some(), "{p}");
            assert_eq!(p.to_string().parse::<FieldPath>().as_ref(), Ok(p));
        }
    }

    #[test]
    fn dom_ids_are_css_safe() {
        assert_eq!(
            FieldPath::Project(0, ProjectText::Total.into()).dom_id(),
            "f-projects-0-budget-total"
        );
        assert_eq!(FieldPath::UNIT_CODE.dom_id(), "f-unit-code");
    }

    #[test]
    fn set_and_get_reach_the_same_field() {
        let mut doc = Document::blank();
        let path = FieldPath::Project(0, ProjectText::Fiscal.into());
        assert!(doc.set(&path, "8.00"));
        assert_eq!(doc.get(&path), Some("8.00"));
        assert_eq!(doc.projects[0].budget.fiscal, "8.00");
        assert!(!doc.set(&FieldPath::Project(5, ProjectText::Fiscal.into()), "1"));
        let mid = FieldPath::Project(0, ProjectText::MidTotal.into());
        assert!(doc.set(&mid, "30"));
        assert_eq!(doc.projects[0].mid_budget.total, "30");
    }

    #[test]
    fn labels_name_the_field() {
        assert_eq!(ProjectField::goal(1).label(), "绩效目标第 2 条");
        assert_eq!(
            ProjectField::indicator(2, Column::Value).label(),
            "指标第 3 行指标值"
        );
        assert_eq!(
            ProjectField::Cell(ProjectList::Costs, 0, Column::Amount).label(),
            "成本构成第 1 行金额"
        );
        assert_eq!(
            ProjectField::Text(ProjectText::MidTotal).label(),
            "中期资金总额"
        );
    }
}
