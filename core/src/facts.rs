//! What the rules read from a document, parsed once per check: every figure a rule compares is read
//! here (money cells with their written precision, sources, cost lines, prose costings, indicator
//! rows with their taxonomy, weights and directions, other tables), so that rules only decide.

use crate::costing::{read_costings, read_items, Costing};
use crate::field::{Column, FieldPath, Period, ProjectField, ProjectList, ProjectText};
use crate::finding::{Finding, Severity};
use crate::goal::{read_goal, GoalItem};
use crate::indicator::{read_checkpoint_month, IndicatorValue};
use crate::model::{Budget, Document, Indicator, Project};
use crate::number::{Number, NumberError};
use crate::quantity::{
    parse_money_cell, parse_percent_cell, parse_whole, scan, Money, MoneyUnit, Quantity, Unit,
};
use crate::relation::Term;
use crate::taxonomy::{Family, Kind};
use crate::text::compact;
use crate::year::{years, YearMention};
use rust_decimal::Decimal;
use std::rc::Rc;

/// The parsed view of a document that every rule shares.
#[derive(Debug)]
pub struct Facts<'a> {
    /// The document as typed.
    pub doc: &'a Document,
    /// The money unit of the budget columns (万元 when the header says nothing readable).
    pub money_unit: MoneyUnit,
    /// The header's money unit as written, when it cannot be read as one.
    pub unreadable_unit: Option<String>,
    /// One entry per project, in order.
    pub projects: Vec<ProjectFacts<'a>>,
    /// The other tables, read.
    pub tables: Vec<TableFacts>,
    /// Years named in the document's title.
    pub title_years: Vec<YearMention>,
}

/// The document's money unit: the header's, or 万元 with the header's text when it is unreadable.
pub fn money_unit(doc: &Document) -> (MoneyUnit, Option<String>) {
    let written = doc.money_unit.trim();
    if written.is_empty() {
        return (MoneyUnit::Wan, None);
    }
    // `单位：万元`, `金额单位:元`, `(万元)`.
    let bare = compact(written);
    let bare = bare
        .trim_start_matches(|c: char| c != '万' && c != '元' && c != '千' && c != '亿')
        .trim_end_matches([')', '）']);
    match MoneyUnit::parse(bare) {
        Some(u) => (u, None),
        None => (MoneyUnit::Wan, Some(written.to_owned())),
    }
}

/// What copying did to a cell: the figure is read as far as it can be, and a rule says so as a
/// note, never as the author's error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    /// The same amount written twice in one cell (`854万854万`): read once.
    Doubled(String),
    /// A number split by a space (`968.191 8`).
    Split(String),
    /// Digits masked by `*` (`139****5271`, `≤****000元`).
    Masked(String),
    /// `≥` read as `2` by PDF extraction (`292%` for `≥92%`).
    LostComparator(String),
    /// An Excel date serial where a date was meant (`44561` for 2021-12-31).
    DateSerial(String),
}

/// A money cell read: its value (or why not) and what the copy did to it.
fn money_cell(text: &str, unit: MoneyUnit) -> (Result<Money, NumberError>, Option<Damage>) {
    let read = parse_money_cell(text, unit);
    if read.is_ok() || text.trim().is_empty() {
        return (read, None);
    }
    let k = compact(text);
    // `854万854万(…)`: the same figure twice.
    for (sep, written) in [("万元", "万元"), ("万", "万元"), ("元", "元")] {
        let mut parts = k.split(sep);
        if let (Some(a), Some(b)) = (parts.next(), parts.next()) {
            if !a.is_empty() && a == b && a.chars().all(|c| c.is_ascii_digit() || c == '.') {
                let once = parse_money_cell(&format!("{a}{written}"), unit);
                if let Ok(mut m) = once {
                    // Not where the user typed it: no one-click fix may rewrite this cell.
                    m.span = 0..0;
                    return (Ok(m), Some(Damage::Doubled(text.trim().to_owned())));
                }
            }
        }
    }
    let trimmed = text.trim();
    let digits_and_spaces = trimmed
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || c == ' ');
    if digits_and_spaces && trimmed.contains(' ') {
        return (read, Some(Damage::Split(trimmed.to_owned())));
    }
    if trimmed.contains('*') && trimmed.chars().any(|c| c.is_ascii_digit()) {
        return (read, Some(Damage::Masked(trimmed.to_owned())));
    }
    (read, None)
}

/// A money cell as read: the amount, or why it cannot be read.
pub type MoneyCell = Result<Money, NumberError>;

/// Money and its sources for one period (年度 or 中期).
#[derive(Debug)]
pub struct Funds {
    /// 预算数 / 中期资金总额.
    pub total: Result<Money, NumberError>,
    /// 财政资金.
    pub fiscal: Result<Money, NumberError>,
    /// 其他资金 (an empty cell next to a filled total and fiscal reads as 0, as on published forms).
    pub other: Result<Money, NumberError>,
    /// Further named sources.
    pub sources: Vec<SourceFacts>,
    /// Cells damaged by the copy: (field, damage).
    pub damage: Vec<(ProjectField, Damage)>,
}

/// Which figure a named source details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// None: the source is a part of the total.
    Total,
    /// 财政资金 (`财政拨款` …).
    Fiscal,
    /// 其他资金 (`自有资金`, `自筹资金` …).
    Other,
    /// Another named source (its index).
    Source(usize),
    /// A group the form names but has no figure for.
    Unknown,
}

/// One named source, read.
#[derive(Debug)]
pub struct SourceFacts {
    /// Row in the list.
    pub row: usize,
    /// Label as written, compacted.
    pub label: String,
    /// Its amount.
    pub amount: Result<Money, NumberError>,
    /// What it details.
    pub group: Group,
    /// The group's label as written.
    pub within: String,
}

impl Funds {
    fn read(budget: &Budget, unit: MoneyUnit, period: Period) -> Self {
        if budget.total.is_empty()
            && budget.fiscal.is_empty()
            && budget.other.is_empty()
            && budget.sources.is_empty()
        {
            return Self {
                total: Err(NumberError::Empty),
                fiscal: Err(NumberError::Empty),
                other: Err(NumberError::Empty),
                sources: Vec::new(),
                damage: Vec::new(),
            };
        }
        let (t, f, o, _) = period.budget_fields();
        let mut damage = Vec::new();
        let mut cell = |field: ProjectText, text: &str| {
            let (read, hurt) = money_cell(text, unit);
            if let Some(h) = hurt {
                damage.push((ProjectField::Text(field), h));
            }
            read
        };
        let total = cell(t, &budget.total);
        let fiscal = cell(f, &budget.fiscal);
        let mut other = cell(o, &budget.other);
        if budget.other.trim().is_empty() && total.is_ok() && fiscal.is_ok() {
            other = Money::new(Number::int(0), unit).ok_or(NumberError::TooLarge);
            if let Ok(m) = &mut other {
                m.tolerance = Decimal::ZERO;
            }
        }
        let labels: Vec<String> = budget.sources.iter().map(|s| compact(&s.label)).collect();
        let sources = budget
            .sources
            .iter()
            .enumerate()
            .map(|(row, s)| {
                let within = compact(&s.within);
                let group = if within.is_empty() {
                    Group::Total
                } else {
                    group_of(&within, &labels, row)
                };
                SourceFacts {
                    row,
                    label: labels.get(row).cloned().unwrap_or_default(),
                    amount: parse_money_cell(&s.amount, unit),
                    group,
                    within,
                }
            })
            .collect();
        Self {
            total,
            fiscal,
            other,
            sources,
            damage,
        }
    }

    /// Whether anything of this period's money is written.
    pub fn is_written(&self) -> bool {
        !matches!(self.total, Err(NumberError::Empty))
            || !matches!(self.fiscal, Err(NumberError::Empty))
            || !self.sources.is_empty()
    }
}

/// The figure a group label names: 财政资金, 其他资金, or another source of that label.
fn group_of(within: &str, labels: &[String], row: usize) -> Group {
    if let Some(at) = labels
        .iter()
        .enumerate()
        .position(|(i, l)| i != row && l == within)
    {
        return Group::Source(at);
    }
    match crate::lexicon::label(within).map(|l| l.target) {
        Some(crate::lexicon::Target::Project(ProjectText::Fiscal | ProjectText::MidFiscal)) => {
            Group::Fiscal
        }
        Some(crate::lexicon::Target::Project(ProjectText::Other | ProjectText::MidOther)) => {
            Group::Other
        }
        _ if within.contains("财政") => Group::Fiscal,
        _ if ["其他", "其它", "自有", "自筹", "单位"]
            .iter()
            .any(|w| within.contains(w)) =>
        {
            Group::Other
        }
        _ => Group::Unknown,
    }
}

/// 指标方向.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// 正向: more is better.
    Positive,
    /// 反向: less is better.
    Negative,
    /// Not stated.
    None,
}

/// One indicator row, with its levels filled down from the rows above.
// Each flag is a separate fact about the row that a different rule reads.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug)]
pub struct IndicatorFacts {
    /// Which table it is in (年度 or 中期).
    pub list: ProjectList,
    /// Row index.
    pub row: usize,
    /// 一级指标 as read (filled down; rows share it).
    pub level1: Rc<str>,
    /// 二级指标 as read (filled down; rows share it).
    pub level2: Rc<str>,
    /// The indicator's name (三级指标, or the description when that is empty), compacted.
    pub name: String,
    /// Whether the 三级指标 cell is filled (the name is then that cell).
    pub has_level3: bool,
    /// The first-level family, from the 一级 cell or, failing that, from the 二级.
    pub family: Option<Family>,
    /// The second-level kind (a 三级 cell that holds a level name counts when the 二级 repeats
    /// the family, as misaligned copies do).
    pub kind: Option<Kind>,
    /// What the 指标值 cell says (with the 计算符号 and 计量单位 columns).
    pub value: IndicatorValue,
    /// The 指标值 cell as written (compacted).
    pub written: String,
    /// The 计算符号 / 指标性质 column as written (compacted).
    pub comparator: String,
    /// The 计量单位 column as written (compacted).
    pub unit: String,
    /// 权重 / 分值, when filled.
    pub weight: Option<Result<Number, NumberError>>,
    /// 指标方向.
    pub direction: Direction,
    /// Whether the 依据 cell is filled.
    pub has_basis: bool,
    /// Whether the row is started (a name or a value, not only levels).
    pub started: bool,
    /// What the copy did to the value.
    pub damage: Option<Damage>,
    /// The value cell holds a unit and nothing else (`万人`, `≧ %`, `公里`).
    pub unit_only: bool,
    /// The value cell holds a placeholder (`*`, `_`, `-`, `XX`) rather than a value.
    pub placeholder: bool,
    /// Units of the figures the name itself holds (`村组干部230人`, `20万元`).
    pub name_units: Vec<Unit>,
}

impl IndicatorFacts {
    /// A row filled in and not damaged by copying: its cells can be judged.
    pub fn readable(&self) -> bool {
        self.started && self.damage.is_none()
    }

    fn read(
        (list, row): (ProjectList, usize),
        ind: &Indicator,
        (level1, level2): (Rc<str>, Rc<str>),
        (mut family, mut kind): (Option<Family>, Option<Kind>),
    ) -> Self {
        let name = compact(ind.name());
        let has_level3 = !ind.level3.trim().is_empty();
        let level3 = if has_level3 { name.as_str() } else { "" };
        if matches!(kind, Some(Kind::Output | Kind::Benefit)) && family != Some(Family::Effect) {
            if let Some(k) = crate::taxonomy::kind(level3) {
                kind = Some(k);
            }
        }
        if family.is_none() {
            family = kind.map(Kind::family);
        }
        let written = compact(&ind.value);
        let comparator = compact(&ind.comparator);
        let value = crate::indicator::read_parts(&comparator, &written, ind);
        let weight_text = compact(&ind.weight);
        let weight = (!weight_text.is_empty())
            .then(|| crate::number::parse_number(weight_text.trim_end_matches(['分', '%'])));
        let direction = {
            let d = &ind.direction;
            if d.contains("反向") || d.contains("逆向") {
                Direction::Negative
            } else if d.contains("正向") {
                Direction::Positive
            } else {
                Direction::None
            }
        };
        let started =
            !level3.is_empty() || !ind.description.trim().is_empty() || !written.is_empty();
        let mut facts = Self {
            list,
            row,
            level1,
            level2,
            name,
            has_level3,
            family,
            kind,
            value,
            written,
            comparator,
            unit: compact(&ind.unit),
            weight,
            direction,
            has_basis: !ind.basis.trim().is_empty(),
            started,
            damage: None,
            name_units: if ind.name().chars().any(|c| c.is_ascii_digit()) {
                scan(ind.name()).into_iter().map(|q| q.unit).collect()
            } else {
                Vec::new()
            },
            unit_only: false,
            placeholder: false,
        };
        facts.unit_only = is_unit_only(&facts.written);
        facts.placeholder = PLACEHOLDERS.contains(&facts.written.as_str());
        facts.damage = facts.read_damage();
        facts
    }

    fn read_damage(&self) -> Option<Damage> {
        let w = &self.written;
        if w.contains('*') && w.chars().any(|c| c.is_ascii_digit()) {
            return Some(Damage::Masked(w.clone()));
        }
        let q = self.quantity()?;
        let digits = w.trim_end_matches('%');
        if q.unit == Unit::Percent
            && !q.comparator_written
            && self.comparator.is_empty()
            && q.number.value > Decimal::ONE_HUNDRED
            && digits.starts_with('2')
            && digits
                .get(1..)
                .and_then(|r| r.parse::<Decimal>().ok())
                .is_some_and(|r| r <= Decimal::ONE_HUNDRED)
        {
            return Some(Damage::LostComparator(w.clone()));
        }
        let serial = Decimal::from(40_000)..=Decimal::from(55_000);
        if self.is_timing()
            && q.unit == Unit::None
            && q.number.scale == 0
            && serial.contains(&q.number.value)
        {
            return Some(Damage::DateSerial(w.clone()));
        }
        None
    }

    /// The 三级指标 as written (compacted), or nothing.
    pub fn level3(&self) -> &str {
        if self.has_level3 {
            &self.name
        } else {
            ""
        }
    }

    /// True for a 数量指标 row.
    pub fn is_quantity(&self) -> bool {
        self.kind == Some(Kind::Quantity)
    }

    /// True for a 时效指标 row.
    pub fn is_timing(&self) -> bool {
        self.kind == Some(Kind::Timing)
    }

    /// True for a cost row (成本指标 under 产出, or under a first-level 成本指标).
    pub fn is_cost(&self) -> bool {
        self.family == Some(Family::Cost)
            || matches!(
                self.kind,
                Some(Kind::Cost | Kind::EconomicCost | Kind::SocialCost | Kind::EcologicalCost)
            )
    }

    /// True for a 满意度 row.
    pub fn is_satisfaction(&self) -> bool {
        self.family == Some(Family::Satisfaction) || self.kind == Some(Kind::Satisfaction)
    }

    /// True for a row under 效益 (in any layout, NDRC's 实施效果 → 效益 included).
    pub fn is_benefit(&self) -> bool {
        match self.family {
            Some(Family::Benefit) => true,
            Some(Family::Effect) => self.kind.is_some_and(|k| k.family() == Family::Benefit),
            _ => false,
        }
    }

    /// True for a row under 产出 (NDRC's 实施效果 → 产出 included).
    pub fn is_output(&self) -> bool {
        match self.family {
            Some(Family::Output) => true,
            Some(Family::Effect) => self.kind.is_some_and(|k| k.family() == Family::Output),
            _ => false,
        }
    }

    /// The quantity in the value cell, if it holds one.
    pub fn quantity(&self) -> Option<&Quantity> {
        match &self.value {
            IndicatorValue::Quantitative(q) => Some(q),
            _ => None,
        }
    }

    /// The 计算符号 column says 定性.
    pub fn typed_qualitative(&self) -> bool {
        self.comparator.contains("定性")
    }

    /// The 计算符号 column says 定量 (or gives a comparator, as the 101号 grid does).
    pub fn typed_quantitative(&self) -> bool {
        self.comparator.contains("定量")
            || matches!(
                self.comparator.as_str(),
                "≥" | "≤" | ">" | "<" | "=" | ">=" | "<=" | "≧" | "≦" | "＞" | "＜" | "＝"
            )
    }
}

/// What stands in a value cell in place of a value.
pub const PLACEHOLDERS: &[&str] = &[
    "*", "**", "***", "****", "_", "__", "___", "-", "--", "—", "——", "XX", "xx", "X", "x", "×",
    "/", "无", "待定",
];

/// A cell that holds a comparator and a unit but no number (`≧%`, `万人`, `≥ 公里`).
fn is_unit_only(written: &str) -> bool {
    if written.is_empty()
        || written.chars().count() > 6
        || written.chars().any(|c| c.is_ascii_digit())
    {
        return false;
    }
    let bare = written.trim_start_matches(['≥', '≤', '>', '<', '=']);
    if bare.is_empty() {
        return written.chars().count() <= 2;
    }
    parse_whole(&format!("1{bare}")).is_some_and(|q| !matches!(q.unit, Unit::None))
}

/// One 资金支出计划 checkpoint, read.
#[derive(Debug)]
pub struct CheckpointFacts {
    /// The month the checkpoint ends, when its label says.
    pub month: Option<u8>,
    /// The cumulative percentage.
    pub percent: Result<Number, NumberError>,
}

/// One 成本构成 line, read.
#[derive(Debug)]
pub struct CostFacts {
    /// Row in the list.
    pub row: usize,
    /// 成本项目, compacted.
    pub item: String,
    /// 金额.
    pub amount: Result<Money, NumberError>,
    /// The costing its 测算依据 states (`44人×311元/人`), if any.
    pub basis: Option<Costing>,
    /// Whether this line is a 合计 / 小计 of the others.
    pub is_total: bool,
}

/// One part of a split (基本支出 / 项目支出 with 占比), read.
#[derive(Debug)]
pub struct ShareFacts {
    /// Row in the list.
    pub row: usize,
    /// Label, compacted.
    pub label: String,
    /// Amount.
    pub amount: Result<Money, NumberError>,
    /// 占比 in percent.
    pub share: Result<Number, NumberError>,
    /// Whether this row is the 合计.
    pub is_total: bool,
}

/// One 年度主要任务, read.
#[derive(Debug)]
pub struct TaskFacts {
    /// Row in the list.
    pub row: usize,
    /// Name, compacted.
    pub name: String,
    /// Amount.
    pub amount: Result<Money, NumberError>,
    /// Whether this row is the 合计.
    pub is_total: bool,
}

/// A money figure of the 资金用途 prose with the words since the previous one, which say what it
/// repeats (`其中：财政资金 9 万元`).
#[derive(Debug)]
pub struct PurposeFigure {
    /// Position among the text's numbers.
    pub nth: usize,
    /// The figure.
    pub quantity: Quantity,
    /// The words between the previous money figure (or the start) and this one, compacted.
    pub before: String,
}

fn purpose_figures(text: &str) -> Vec<PurposeFigure> {
    let mut last_end = 0;
    let mut out = Vec::new();
    for (nth, q) in scan(text).into_iter().enumerate() {
        if !q.unit.is_money() {
            continue;
        }
        let before = compact(text.get(last_end..q.full_span.start).unwrap_or_default());
        last_end = q.full_span.end;
        out.push(PurposeFigure {
            nth,
            quantity: q,
            before,
        });
    }
    out
}

/// A prose costing and the field it was written in.
#[derive(Debug)]
pub struct CostingFacts {
    /// The field (项目概况, a goal line).
    pub field: ProjectField,
    /// What it says.
    pub costing: Costing,
}

/// Whether a label names a total (合计, 总计, 小计, 总额).
pub fn is_total_label(label: &str) -> bool {
    let k = compact(label);
    ["合计", "总计", "小计", "总额", "合 计"]
        .iter()
        .any(|w| k.contains(w))
}

/// One cell of another table.
#[derive(Debug)]
pub struct CellFacts {
    /// The text, compacted.
    pub text: String,
    /// The number it holds on its own (`662.98`, `100%`), if any.
    pub number: Option<Quantity>,
}

/// Another table (allocation table, prior-year columns, 收支 table), read.
#[derive(Debug)]
pub struct TableFacts {
    /// Position among the document's tables.
    pub index: usize,
    /// Its money unit: its own, else the document's.
    pub unit: MoneyUnit,
    /// Its unit as written when it cannot be read.
    pub unreadable_unit: Option<String>,
    /// How many rows are headings.
    pub header_rows: usize,
    /// The cells.
    pub rows: Vec<Vec<CellFacts>>,
}

impl TableFacts {
    fn read(index: usize, table: &crate::model::Table, doc_unit: MoneyUnit) -> Self {
        let written = table.unit.trim();
        let (unit, unreadable_unit) = if written.is_empty() {
            (doc_unit, None)
        } else {
            let probe = Document {
                money_unit: written.to_owned(),
                ..Document::default()
            };
            match money_unit(&probe) {
                (u, None) => (u, None),
                (_, bad) => (doc_unit, bad),
            }
        };
        let rows = table
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| CellFacts {
                        text: compact(c),
                        number: parse_whole(c).filter(|q| !q.comparator_written),
                    })
                    .collect()
            })
            .collect();
        Self {
            index,
            unit,
            unreadable_unit,
            header_rows: table.header_rows,
            rows,
        }
    }

    /// A cell as a relation term: money in 元 in the table's unit, a percentage as written.
    pub fn term(&self, row: usize, column: usize) -> Option<Term> {
        let q = self.rows.get(row)?.get(column)?.number.as_ref()?;
        let field = FieldPath::TableCell(self.index, row, column);
        match q.unit {
            Unit::None => {
                let money = Money::new(q.number, self.unit)?;
                Some(Term {
                    field,
                    nth: 0,
                    value: money.yuan,
                    tolerance: money.tolerance,
                    factor: self.unit.factor(),
                    number: q.number,
                    span: q.span.clone(),
                })
            }
            Unit::Money(_) | Unit::Percent => Term::of_quantity(field, 0, q),
            _ => None,
        }
    }
}

/// One project as the rules see it: the project as typed, and what was parsed from it (shared, so
/// that an unchanged project is not parsed again on the next keystroke).
#[derive(Debug, Clone)]
pub struct ProjectFacts<'a> {
    /// Position in the document.
    pub index: usize,
    /// The project as typed.
    pub project: &'a Project,
    parsed: Rc<Parsed>,
}

impl std::ops::Deref for ProjectFacts<'_> {
    type Target = Parsed;

    fn deref(&self) -> &Parsed {
        &self.parsed
    }
}

/// What is parsed from one project's fields.
#[derive(Debug)]
pub struct Parsed {
    /// Label for messages.
    pub label: String,
    /// 预算数.
    pub total: Result<Money, NumberError>,
    /// 财政资金.
    pub fiscal: Result<Money, NumberError>,
    /// 其他资金 (an empty cell next to filled ones reads as 0, as on the published forms).
    pub other: Result<Money, NumberError>,
    /// The 年度 named sources.
    pub sources: Vec<SourceFacts>,
    /// 年度 cells damaged by the copy.
    pub damage: Vec<(ProjectField, Damage)>,
    /// The 中期 money.
    pub mid: Funds,
    /// Quantities named in each goal line.
    pub goals: Vec<Vec<GoalItem>>,
    /// Each goal line as written, compacted, when the project also has 中期 goals to compare.
    pub goal_texts: Vec<String>,
    /// Each 中期目标 line as written, compacted.
    pub mid_goal_texts: Vec<String>,
    /// The indicator rows.
    pub indicators: Vec<IndicatorFacts>,
    /// The 中期 indicator rows.
    pub mid_indicators: Vec<IndicatorFacts>,
    /// The spending schedule.
    pub schedule: Vec<CheckpointFacts>,
    /// Money figures in the 资金用途 prose.
    pub purpose: Vec<PurposeFigure>,
    /// 成本构成 lines.
    pub costs: Vec<CostFacts>,
    /// Costings written in prose (项目概况, goal lines).
    pub costings: Vec<CostingFacts>,
    /// 基本支出 / 项目支出 shares.
    pub spending: Vec<ShareFacts>,
    /// 年度主要任务.
    pub tasks: Vec<TaskFacts>,
    /// Years named in the project's name.
    pub name_years: Vec<YearMention>,
    /// The years the 项目期 spans, when it says.
    pub period_years: Option<YearMention>,
}

impl<'a> Facts<'a> {
    /// Parses what the rules need from `doc`.
    pub fn new(doc: &'a Document) -> Self {
        let (unit, _) = money_unit(doc);
        let projects = doc
            .projects
            .iter()
            .enumerate()
            .map(|(index, project)| ProjectFacts {
                index,
                project,
                parsed: Rc::new(Parsed::new(index, project, unit)),
            })
            .collect();
        Self::with_projects(doc, projects)
    }

    /// The document's facts around projects parsed earlier.
    pub fn with_projects(doc: &'a Document, projects: Vec<ProjectFacts<'a>>) -> Self {
        let (money_unit, unreadable_unit) = money_unit(doc);
        let tables = doc
            .tables
            .iter()
            .enumerate()
            .map(|(i, t)| TableFacts::read(i, t, money_unit))
            .collect();
        Self {
            doc,
            money_unit,
            unreadable_unit,
            projects,
            tables,
            title_years: years(&doc.title),
        }
    }

    /// The budget year: the header's, else the title's only year, else the latest `20xx年` in
    /// the overview texts.
    pub fn year(&self) -> Option<u16> {
        if let Ok(y) = compact(&self.doc.year)
            .trim_end_matches('年')
            .parse::<u16>()
        {
            return Some(y);
        }
        if let [only] = self.title_years.as_slice() {
            if only.from == only.to {
                return Some(only.from);
            }
        }
        let text: String = self
            .doc
            .overviews
            .iter()
            .map(|o| o.overall_goal.as_str())
            .collect();
        let chars: Vec<char> = compact(&text).chars().collect();
        chars
            .windows(5)
            .filter(|w| w.get(4) == Some(&'年') && w.iter().take(4).all(char::is_ascii_digit))
            .filter_map(|w| w.iter().take(4).collect::<String>().parse::<u16>().ok())
            .filter(|y| (2000..=2100).contains(y))
            .max()
    }
}

impl<'a> ProjectFacts<'a> {
    /// A project with what was parsed from it earlier.
    pub fn with(index: usize, project: &'a Project, parsed: Rc<Parsed>) -> Self {
        Self {
            index,
            project,
            parsed,
        }
    }

    /// The shared parse, for caching.
    pub fn parsed(&self) -> &Rc<Parsed> {
        &self.parsed
    }
}

fn indicator_rows(list: ProjectList, rows: &[Indicator]) -> Vec<IndicatorFacts> {
    // 一级 and 二级 filled down from the rows above, each name read and looked up once.
    let mut level1: (Rc<str>, Option<Family>) = (Rc::from(""), None);
    let mut level2: (Rc<str>, Option<Kind>) = (Rc::from(""), None);
    rows.iter()
        .enumerate()
        .map(|(row, ind)| {
            if !ind.level1.trim().is_empty() {
                let text = compact(&ind.level1);
                let family = crate::taxonomy::family(&text);
                level1 = (Rc::from(text), family);
                level2 = (Rc::from(""), None);
            }
            if !ind.level2.trim().is_empty() {
                let text = compact(&ind.level2);
                let kind = crate::taxonomy::kind(&text);
                level2 = (Rc::from(text), kind);
            }
            IndicatorFacts::read(
                (list, row),
                ind,
                (level1.0.clone(), level2.0.clone()),
                (level1.1, level2.1),
            )
        })
        .collect()
}

impl Parsed {
    /// Parses one project's fields (budget cells in `unit` unless they say otherwise).
    pub fn new(index: usize, project: &Project, unit: MoneyUnit) -> Self {
        let annual = Funds::read(&project.budget, unit, Period::Annual);
        let mid = Funds::read(&project.mid_budget, unit, Period::Mid);
        let schedule = project
            .schedule
            .iter()
            .map(|c| CheckpointFacts {
                month: read_checkpoint_month(&c.label),
                percent: parse_percent_cell(&c.percent),
            })
            .collect();
        let costs = project
            .costs
            .iter()
            .enumerate()
            .map(|(row, c)| CostFacts {
                row,
                item: compact(&c.item),
                amount: parse_money_cell(&c.amount, unit),
                basis: read_items(&c.basis).into_iter().next(),
                is_total: is_total_label(&c.item),
            })
            .collect();
        let mut costings: Vec<CostingFacts> = read_costings(&project.summary)
            .into_iter()
            .map(|costing| CostingFacts {
                field: ProjectField::Text(ProjectText::Summary),
                costing,
            })
            .collect();
        // A goal line costs the project only when it states a total for its items.
        for (line, text) in project.goals.iter().enumerate() {
            // Two amounts at least, and a total over them.
            if text.matches('元').nth(1).is_none() || !crate::costing::states_total(text) {
                continue;
            }
            costings.extend(
                read_costings(text)
                    .into_iter()
                    .filter(|c| c.stated.is_some() && c.items.len() >= 2)
                    .map(|costing| CostingFacts {
                        field: ProjectField::goal(line),
                        costing,
                    }),
            );
        }
        let spending = project
            .spending
            .iter()
            .enumerate()
            .map(|(row, s)| ShareFacts {
                row,
                label: compact(&s.label),
                amount: parse_money_cell(&s.amount, unit),
                share: parse_percent_cell(&s.share),
                is_total: is_total_label(&s.label),
            })
            .collect();
        let tasks = project
            .tasks
            .iter()
            .enumerate()
            .map(|(row, t)| TaskFacts {
                row,
                name: compact(&t.name),
                amount: parse_money_cell(&t.amount, unit),
                is_total: is_total_label(&t.name),
            })
            .collect();
        let period_years = years(&project.period)
            .into_iter()
            .chain(project.mid_goals.iter().flat_map(|g| years(g)))
            .find(|y| y.to > y.from);
        Self {
            label: project.label(index),
            total: annual.total,
            fiscal: annual.fiscal,
            other: annual.other,
            sources: annual.sources,
            damage: annual.damage,
            mid,
            goals: project.goals.iter().map(|g| read_goal(g)).collect(),
            // Compared with the 中期 goals only (HD410): not needed without them.
            goal_texts: if project.mid_goals.is_empty() {
                Vec::new()
            } else {
                project.goals.iter().map(|g| compact(g)).collect()
            },
            mid_goal_texts: project.mid_goals.iter().map(|g| compact(g)).collect(),
            indicators: indicator_rows(ProjectList::Indicators, &project.indicators),
            mid_indicators: indicator_rows(ProjectList::MidIndicators, &project.mid_indicators),
            schedule,
            purpose: purpose_figures(&project.purpose),
            costs,
            costings,
            spending,
            tasks,
            name_years: years(&project.name),
            period_years,
        }
    }
}

impl ProjectFacts<'_> {
    /// The path of one of this project's fields.
    pub fn path(&self, field: impl Into<ProjectField>) -> FieldPath {
        FieldPath::Project(self.index, field.into())
    }

    /// The path of an indicator row's cell (年度 table).
    pub fn indicator_path(&self, row: usize, column: Column) -> FieldPath {
        self.path(ProjectField::indicator(row, column))
    }

    /// The path of a cell of `ind`'s row, in whichever table it is.
    pub fn cell(&self, ind: &IndicatorFacts, column: Column) -> FieldPath {
        self.path(ProjectField::Cell(ind.list, ind.row, column))
    }

    /// A money cell as a relation term (value in 元).
    pub fn money_term(&self, field: impl Into<ProjectField>, money: &Money) -> Term {
        Term {
            field: self.path(field),
            nth: 0,
            value: money.yuan,
            tolerance: money.tolerance,
            factor: money.unit.factor(),
            number: money.number,
            span: money.span.clone(),
        }
    }

    /// The three budget figures, when all can be read.
    pub fn budget(&self) -> Option<(&Money, &Money, &Money)> {
        Some((
            self.total.as_ref().ok()?,
            self.fiscal.as_ref().ok()?,
            self.other.as_ref().ok()?,
        ))
    }

    /// A goal line's quantity as a relation term.
    pub fn goal_term(&self, line: usize, item: &GoalItem) -> Option<Term> {
        Term::of_quantity(
            self.path(ProjectField::goal(line)),
            item.nth,
            &item.quantity,
        )
    }

    /// An indicator value as a relation term.
    pub fn indicator_term(&self, row: usize, q: &Quantity) -> Option<Term> {
        Term::of_quantity(self.indicator_path(row, Column::Value), 0, q)
    }

    /// A figure of a prose field as a relation term.
    pub fn figure_term(&self, field: ProjectField, f: &crate::costing::Figure) -> Option<Term> {
        Term::of_quantity(self.path(field), f.nth, &f.quantity)
    }

    /// Money amounts (not per-unit standards) named in the goal lines: (line, item).
    pub fn goal_amounts(&self) -> impl Iterator<Item = (usize, &GoalItem)> {
        self.goals.iter().enumerate().flat_map(|(line, items)| {
            items
                .iter()
                .filter(|i| i.quantity.unit.is_money() && !i.is_per_unit())
                .map(move |i| (line, i))
        })
    }

    /// Counts named in the goal lines: (line, item).
    pub fn goal_counts(&self) -> impl Iterator<Item = (usize, &GoalItem)> {
        self.goals.iter().enumerate().flat_map(|(line, items)| {
            items
                .iter()
                .filter(|i| matches!(i.quantity.unit, Unit::Count(_)))
                .map(move |i| (line, i))
        })
    }

    /// Both indicator tables, 年度 first.
    pub fn all_indicators(&self) -> impl Iterator<Item = &IndicatorFacts> {
        self.indicators.iter().chain(&self.mid_indicators)
    }

    /// This period's money: total, fiscal, other and the named sources.
    pub fn funds(&self, period: Period) -> (&MoneyCell, &MoneyCell, &MoneyCell, &[SourceFacts]) {
        match period {
            Period::Annual => (&self.total, &self.fiscal, &self.other, &self.sources),
            Period::Mid => (
                &self.mid.total,
                &self.mid.fiscal,
                &self.mid.other,
                &self.mid.sources,
            ),
        }
    }

    /// A finding about this project.
    pub fn finding(
        &self,
        rule: &'static str,
        severity: Severity,
        fields: Vec<FieldPath>,
        message: String,
    ) -> Finding {
        Finding::in_project(rule, severity, self, fields, message)
    }
}

impl Finding {
    /// A finding about a project's fields, with no suggestion yet.
    pub fn in_project(
        rule: &'static str,
        severity: Severity,
        project: &ProjectFacts<'_>,
        fields: Vec<FieldPath>,
        message: String,
    ) -> Self {
        Self::in_document(rule, severity, fields, message).of_project(project.index, &project.label)
    }
}
