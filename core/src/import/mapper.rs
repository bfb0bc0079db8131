//! The one mapper: grids from any reader become projects, through the labels of
//! [`crate::lexicon`] and the indicator names of [`crate::taxonomy`], whatever the order of the rows.
//!
//! Outside an indicator table a form is label–value pairs (`年度资金总额 | 20`, `其中:财政拨款 20`,
//! `项目名称市政日常维护经费`): a cell that is a label says what the cells after it are. An
//! indicator table starts at its heading row (`一级指标 | 二级指标 | …`); its rows are read by column
//! where the source keeps the grid (Excel, Word, HTML, ` | ` rows) and by what each cell is where it
//! does not (text one cell per line, PDF lines): level names, then the indicator's name, then its
//! value columns in the heading's order. Side-by-side 中期 / 年度 money and indicator columns, tables
//! with one row per indicator (the budget system's export) and several projects in one paste are
//! read too. Every value remembers where it came from.

use crate::field::{Column, FieldPath, Period, ProjectField, ProjectList, ProjectText};
use crate::grid::{Cell, Grid, Place, SourceKind};
use crate::lexicon::{self, Target};
use crate::model::{Document, Indicator, Project, Source};
use crate::taxonomy;
use crate::text::compact;

/// Where an imported value came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Provenance {
    /// The field it went into.
    pub field: FieldPath,
    /// Where it was read.
    pub place: Place,
    /// The text of that cell (or line), as read.
    pub text: String,
}

impl Provenance {
    /// `预算数 ← 第 12 行 “年度资金总额 10000万元”`.
    pub fn describe(&self, doc: &Document) -> String {
        let text: String = self.text.chars().take(40).collect();
        format!(
            "{} ← {} “{}”",
            doc.field_label(&self.field),
            self.place,
            text
        )
    }
}

/// What the mapper gives back.
#[derive(Debug, Clone, Default)]
pub struct Mapped {
    /// The document read.
    pub document: Document,
    /// Where each value came from.
    pub provenance: Vec<Provenance>,
    /// Cells no field took, as (place, text), in reading order.
    pub unplaced: Vec<(Place, String)>,
    /// Notes for the user.
    pub notes: Vec<String>,
}

/// The columns of a 成本构成 / 测算明细 table.
#[derive(Debug, Clone, Copy)]
struct CostColumns {
    item: usize,
    amount: usize,
    basis: Option<usize>,
}

impl CostColumns {
    /// A heading row of a cost table: `成本项目 | 金额 | 测算依据`, `成本构成 | 金额 | 测算(公式)依据 | …`.
    fn of(row: &[Cell]) -> Option<Self> {
        let keys: Vec<String> = row.iter().map(|c| lexicon::key(&c.text)).collect();
        // Words in order of preference: a lead column naming the whole list (`成本构成`, merged
        // down beside the rows) gives way to the items' own heading (`成本项目`).
        let find = |words: &[&str]| words.iter().find_map(|w| keys.iter().position(|k| k == w));
        let item = find(&[
            "成本项目",
            "测算明细",
            "支出明细",
            "明细项目",
            "项目预算成本构成",
            "成本构成",
        ])?;
        let amount = find(&["金额", "预算金额", "测算金额", "本年预算"])?;
        let basis = keys
            .iter()
            .position(|k| k.contains("依据") || k.contains("测算说明") || k.contains("计算公式"));
        (item != amount).then_some(Self {
            item,
            amount,
            basis,
        })
    }
}

/// Which part of the department's overview is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OverviewPart {
    /// Its labels (总体绩效目标, 工作保障措施 …).
    Labels,
    /// Rows of key projects under `重点项目 | 项目说明 | 绩效目标 | 绩效指标`.
    KeyProjects,
    /// 工作保障措施 items, one per row.
    Safeguards,
}

/// What an indicator table's heading cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeadCol {
    /// A column of an indicator row, in the 年度 or the 中期 set.
    Indicator(Period, Column),
    /// A project-level column of a one-row-per-indicator table (`项目名称`, `预算数`).
    Project(Target),
    /// Something else (`实际完成值`, the `绩效指标` cell left of the headings).
    Skip,
}

/// An indicator table's heading cell.
fn head_col(cell: &str) -> Option<HeadCol> {
    let k = lexicon::key(cell);
    let annual = k.contains("(年度)") || k.contains("（年度）");
    let mid = k.contains("(中期)") || k.contains("（中期）") || k.contains("(长期)");
    let k: String = k
        .replace("(年度)", "")
        .replace("（年度）", "")
        .replace("(中期)", "")
        .replace("（中期）", "")
        .replace("(长期)", "");
    let column = match k.as_str() {
        "一级指标" | "指标类型" | "一级目标" | "一级" => Column::Level1,
        "二级指标" | "二级" => Column::Level2,
        "三级指标" | "指标名称" | "指标内容" | "具体指标" | "绩效指标名称" | "三级" => {
            Column::Level3
        }
        "指标值"
        | "年度数值"
        | "指标值及单位"
        | "年度指标值"
        | "目标值"
        | "当年预期实现值"
        | "预期目标值"
        | "绩效指标值"
        | "指标目标值"
        | "指标值(包含数字及文字描述)" => Column::Value,
        "指标性质" | "计算符号" | "指标值类型" | "指标属性" => Column::Comparator,
        "度量单位" | "计量单位" | "单位" | "指标单位" => Column::Unit,
        "权重" | "分值" | "权重(%)" | "指标权重" | "权重分值" => Column::Weight,
        "指标方向" | "指标方向性" => Column::Direction,
        "指标值确定依据"
        | "绩效标准"
        | "指标解释"
        | "评分标准"
        | "评(扣)分标准"
        | "评（扣）分标准"
        | "依据"
        | "指标值设定依据"
        | "评分规则"
        | "计分方法" => Column::Basis,
        "指标说明" | "指标描述" | "绩效指标描述" | "指标释义" | "指标定义" => {
            Column::Description
        }
        "实际完成值"
        | "未达到指标值原因"
        | "备注"
        | "保障绩效目标实现措施"
        | "绩效指标"
        | "年度绩效指标"
        | "本年度绩效指标"
        | "长期绩效指标"
        | "中期绩效指标" => return Some(HeadCol::Skip),
        _ => {
            return match lexicon::label(cell).map(|l| l.target) {
                Some(t @ (Target::Project(_) | Target::Goals | Target::Doc(_))) => {
                    Some(HeadCol::Project(t))
                }
                _ => None,
            };
        }
    };
    let period = if mid { Period::Mid } else { Period::Annual };
    let _ = annual;
    Some(HeadCol::Indicator(period, column))
}

/// Where an indicator table's heading starts in a row: a cell `一级指标` (or `指标类型`) followed by
/// other heading cells, or alone where the source puts one cell per line.
fn header_start(row: &[Cell]) -> Option<usize> {
    let at = row.iter().position(|c| {
        matches!(
            head_col(&c.text),
            Some(HeadCol::Indicator(_, Column::Level1))
        )
    })?;
    let more = row
        .iter()
        .skip(at + 1)
        .filter(|c| matches!(head_col(&c.text), Some(HeadCol::Indicator(..))))
        .count();
    (more >= 2 || row.len() == at + 1).then_some(at)
}

/// Splits a cell of flattened text (`项目名称市政维护经费项目属性延续…`) before each label it
/// holds, when it starts with one. Labels that also occur in prose (`绩效目标`) do not split.
fn split_at_labels(text: &str) -> Vec<String> {
    let folded = lexicon::key(text);
    let starts_labelled = lexicon::label_prefix(&folded).is_some();
    // A long paragraph that holds a whole flattened table after some prose (a document-sharing
    // preview) is split too, when it holds several labels.
    if folded.len() > 60_000 || (!starts_labelled && folded.chars().count() < 120) {
        return Vec::new();
    }
    let splits_here = |rest: &str| {
        lexicon::label_prefix(rest).filter(|(l, _)| {
            let chars = l.text.chars().count();
            match l.target {
                Target::Goals | Target::MidGoals | Target::Heading => chars >= 6,
                Target::Indicators => false,
                _ => chars >= 4 || l.text == "预算数",
            }
        })
    };
    let mut cuts = vec![0usize];
    let mut depth = 0i32;
    let mut skip_to = 0usize;
    for (i, c) in folded.char_indices() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth -= 1,
            _ => {}
        }
        if i == 0 {
            skip_to = lexicon::label_prefix(&folded).map_or(0, |(_, len)| len);
            continue;
        }
        if i < skip_to || depth > 0 {
            continue;
        }
        if let Some((_, len)) = folded.get(i..).and_then(splits_here) {
            cuts.push(i);
            skip_to = i + len;
        }
    }
    if cuts.len() < 2 || (!starts_labelled && cuts.len() < 4) {
        return Vec::new();
    }
    cuts.push(folded.len());
    cuts.windows(2)
        .filter_map(|w| folded.get(*w.first()?..*w.get(1)?))
        .map(str::to_owned)
        .collect()
}

/// A heading row of a money table with a column per year (`项目 | 上年度安排资金 | 本年度申请资金`):
/// how many year columns precede this year's.
fn year_columns(row: &[Cell]) -> Option<usize> {
    let years: Vec<bool> = row
        .iter()
        .map(|c| compact(&c.text))
        .filter_map(|k| {
            let current = ["本年度", "本年", "当年", "年度申请", "申请资金", "预算数"]
                .iter()
                .any(|w| k.contains(w));
            let earlier = ["上年", "上一年", "前年", "执行数", "实际"]
                .iter()
                .any(|w| k.contains(w));
            (k.chars().count() <= 12 && (current || earlier)).then_some(current && !earlier)
        })
        .collect();
    let at = years.iter().position(|c| *c)?;
    (years.len() >= 2).then_some(at)
}

/// A cell's text as kept in the document: spaces between two Chinese characters dropped (PDF
/// letter-spacing, blanked pinyin: `学   生` → `学生`), other runs of spaces made one.
fn tidy(t: &str) -> String {
    let t = t.trim();
    if !t.contains(char::is_whitespace) {
        return t.to_owned();
    }
    let mut out = String::with_capacity(t.len());
    let mut pending_space = false;
    for c in t.chars() {
        if c.is_whitespace() && c != '\n' {
            pending_space = true;
            continue;
        }
        if pending_space {
            let between_han =
                out.chars().last().is_some_and(crate::text::is_han) && crate::text::is_han(c);
            if !between_han && !out.ends_with('\n') && c != '\n' {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// `正向`, `反向指标`: an indicator's direction.
fn is_direction(k: &str) -> bool {
    matches!(
        k,
        "正向" | "反向" | "正向指标" | "反向指标" | "中性" | "中性指标"
    )
}

/// A comparator standing alone in its column (`≥`, `=`, `定性`, `定量（其他）`).
fn is_comparator(k: &str) -> bool {
    matches!(
        k,
        "≥" | "≤"
            | ">"
            | "<"
            | "="
            | ">="
            | "<="
            | "≧"
            | "≦"
            | "＞"
            | "＜"
            | "＝"
            | "定性"
            | "定量"
    ) || k.starts_with("定量(")
        || k.starts_with("定量（")
}

/// `项目资金`, `资金情况`: a heading that, followed by an amount, states the 预算数.
fn is_money_heading(label: &str) -> bool {
    matches!(label, "项目资金" | "资金情况" | "项目资金申请")
}

/// A line of prose holding labels with values (`其中财政资金 86.40 万元，其他资金 0 万元。`): its
/// clauses, split at `，；。`, when some clause after the first starts with a label; else `None`.
fn prose_clauses(line: &str) -> Option<Vec<String>> {
    if !line.contains(['，', '；', '。', ',', ';']) || line.chars().count() > 400 {
        return None;
    }
    let clauses: Vec<String> = line
        .split(['，', '；', '。', ',', ';'])
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
        .collect();
    let labelled = clauses
        .iter()
        .skip(1)
        .filter(|c| {
            lexicon::label_prefix(&lexicon::key(c)).is_some_and(|(l, _)| {
                matches!(l.target, Target::Project(_) | Target::Source)
                    && l.text.chars().count() >= 3
            })
        })
        .count();
    (labelled >= 1 && lexicon::label_prefix(&lexicon::key(clauses.first()?)).is_some())
        .then_some(clauses)
}

/// The value at the end of a prose indicator item (`更换路灯≥320 盏` → `≥320 盏`), with the name
/// before it; `None` when the item ends in no figure.
fn split_item_value(item: &str) -> (String, String) {
    let chars: Vec<(usize, char)> = item.char_indices().collect();
    // The last digit, then back over the number, spaces and a comparator.
    let Some(last_digit) = chars.iter().rposition(|(_, c)| c.is_ascii_digit()) else {
        return (item.trim().to_owned(), String::new());
    };
    let mut start = last_digit;
    while start > 0 {
        let Some((_, c)) = chars.get(start - 1) else {
            break;
        };
        if c.is_ascii_digit() || matches!(c, '.' | ',' | ' ') {
            start -= 1;
        } else {
            break;
        }
    }
    while start > 0 {
        let Some((_, c)) = chars.get(start - 1) else {
            break;
        };
        if "≥≤><=≧≦＞＜＝".contains(*c) {
            start -= 1;
        } else {
            break;
        }
    }
    let at = chars.get(start).map_or(item.len(), |(i, _)| *i);
    let name = item.get(..at).unwrap_or_default();
    // Words such as `不低于` before the figure belong to the value.
    let (name, value_start) = [
        "不低于",
        "不少于",
        "不高于",
        "不超过",
        "达到",
        "达",
        "控制在",
        "为",
    ]
    .iter()
    .find_map(|w| {
        name.trim_end()
            .strip_suffix(w)
            .map(|n| (n.to_owned(), n.len()))
    })
    .unwrap_or_else(|| (name.to_owned(), at));
    let name = name
        .trim()
        .trim_end_matches(['：', ':', '（', '('])
        .to_owned();
    let value = item
        .get(value_start..)
        .unwrap_or_default()
        .trim()
        .to_owned();
    if name.is_empty() {
        (item.trim().to_owned(), value)
    } else {
        (name, value)
    }
}

/// A title line of a table: `项目支出绩效目标申报表`, `2023年…绩效目标审批表`, `区域绩效目标表`.
fn is_title(k: &str) -> bool {
    let count = k.chars().count();
    (4..=80).contains(&count)
        && (k.contains("绩效目标表")
            || k.contains("绩效目标申报表")
            || k.contains("绩效目标审批表")
            || k.contains("绩效目标公开")
            || (k.contains("绩效目标") && k.ends_with("申报表")))
        && !k.contains("附件")
}

/// The name a table's title gives its project: `2020年市级财政专项扶贫资金(第二批)绩效目标表` →
/// `2020年市级财政专项扶贫资金(第二批)`; empty for a generic title (`项目支出绩效目标表`).
fn title_name(k: &str) -> String {
    let mut name = k.strip_prefix("关于").unwrap_or(k).to_owned();
    if let Some(i) = name.find("附件") {
        name.truncate(i);
    }
    for suffix in [
        "区域绩效目标申报表",
        "区域绩效目标表",
        "项目支出绩效目标申报表",
        "项目支出绩效目标审批表",
        "项目支出绩效目标表",
        "项目绩效目标申报表",
        "项目绩效目标表",
        "绩效目标申报表",
        "绩效目标审批表",
        "绩效目标表",
        "绩效目标公开",
        "绩效目标设定",
        "绩效目标的公示",
        "绩效目标",
    ] {
        if let Some(i) = name.find(suffix) {
            name.truncate(i);
            break;
        }
    }
    for tail in ["部门整体支出", "整体支出", "部门整体", "整体"] {
        if name.ends_with(tail) {
            name.truncate(name.len() - tail.len());
            break;
        }
    }
    // A trailing `2023年度` / `2023年`.
    let without_year = name.trim_end_matches("年度").trim_end_matches('年');
    if without_year.len() + 4 <= name.len().max(4) {
        let digits = without_year.len().saturating_sub(4);
        if without_year
            .get(digits..)
            .is_some_and(|y| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()))
        {
            let kept = without_year.get(..digits).unwrap_or_default().to_owned();
            name = kept;
        }
    }
    let generic = name.chars().count() < 4
        || name.ends_with("年度")
        || name.ends_with("部门预算")
        || ["年", "年度", "部门", "预算"].iter().any(|w| name == *w);
    if generic {
        String::new()
    } else {
        name
    }
}

/// `现向你们下达…资金12万元`: the amount a notice hands down, as written.
/// What a notice hands down: the fund, its amount, and the sources it names.
#[derive(Debug, Clone, Default)]
struct Notice {
    fund: String,
    amount: String,
    sources: Vec<(String, String)>,
}

/// `(其中中央资金60万元,省级资金172万元)` right after a notice's amount: the named sources.
fn notice_sources(after: &str) -> Vec<(String, String)> {
    let rest = after
        .trim_start()
        .trim_start_matches(['(', '（', ',', '，']);
    let Some(rest) = rest.strip_prefix("其中") else {
        return Vec::new();
    };
    let inner = rest
        .split([')', '）', '。', ';', '；'])
        .next()
        .unwrap_or_default();
    inner
        .split([',', '，', '、'])
        .filter_map(|piece| {
            let q = crate::quantity::scan(piece)
                .into_iter()
                .find(|q| q.unit.is_money())?;
            let label = piece
                .get(..q.full_span.start)?
                .trim()
                .trim_start_matches(['：', ':']);
            let amount = piece.get(q.full_span.clone())?;
            (!label.is_empty() && label.chars().count() <= 12)
                .then(|| (tidy(label), amount.to_owned()))
        })
        .collect()
}

/// `现将2025年特色现代农业发展资金(第一批)65.5万元下达给你们`, `现向你局下达…资金500万元`: the fund a
/// notice hands down and its amount, as written.
fn notice_amount(line: &str) -> Option<Notice> {
    const VERBS: [&str; 5] = ["现将", "下达", "拨付", "安排", "到位"];
    for q in crate::quantity::scan(line) {
        if !q.unit.is_money() || matches!(q.unit, crate::quantity::Unit::MoneyPer(..)) {
            continue;
        }
        let before = line.get(..q.full_span.start)?;
        let after = line.get(q.full_span.end..).unwrap_or_default();
        // The verb before the amount (within the clause), or `下达` right after it.
        let clause_start = before
            .rfind(['，', ',', '。', '；', ';', '：', ':'])
            .map_or(0, |i| {
                i + before
                    .get(i..)
                    .and_then(|s| s.chars().next())
                    .map_or(1, char::len_utf8)
            });
        let clause = before.get(clause_start..).unwrap_or_default();
        let verb = VERBS
            .iter()
            .filter_map(|v| clause.rfind(v).map(|i| (i, v.len())))
            .max_by_key(|(i, _)| *i);
        let handed_down = verb.is_some() || after.trim_start().starts_with("下达");
        if !handed_down {
            continue;
        }
        // `现将X资金65.5万元`: the fund follows the verb; `X资金到位232万元`: it precedes it.
        let (from, to) = match verb {
            Some((i, len)) if clause.get(i + len..).is_some_and(|r| !r.trim().is_empty()) => {
                (i + len, clause.len())
            }
            Some((i, _)) => (0, i),
            None => (0, clause.len()),
        };
        let mut name = clause.get(from..to).unwrap_or_default().trim();
        for lead in [
            "向你们下达",
            "向你局下达",
            "向你单位下达",
            "给你们",
            "你们",
            "你局",
            "你单位",
            "你区",
            "你县",
            "向",
        ] {
            name = name.strip_prefix(lead).unwrap_or(name).trim();
        }
        // `2024年我区第二批…资金`: the issuer's `我区` is not part of the fund's name.
        let name = ["我区", "我县", "我市", "我镇"]
            .iter()
            .fold(name.trim_end_matches('的').trim().to_owned(), |n, w| {
                n.replacen(w, "", 1)
            });
        let amount = line.get(q.full_span.clone())?.to_owned();
        let plausible = (4..=60).contains(&name.chars().count()) && name.contains("资金");
        return Some(Notice {
            fund: if plausible {
                tidy(&name)
            } else {
                String::new()
            },
            amount,
            sources: notice_sources(after),
        });
    }
    None
}

/// The budget year a title names: `(2023年度)`, `2024年…`.
fn year_in(k: &str) -> Option<String> {
    let chars: Vec<char> = k.chars().collect();
    chars.windows(5).find_map(|w| {
        let digits: String = w.iter().take(4).collect();
        let year: u16 = digits.parse().ok()?;
        ((2000..=2100).contains(&year) && w.get(4) == Some(&'年')).then_some(digits)
    })
}

/// The money unit a header cell states (`单位：万元`, `金额单位:元`).
fn unit_header(k: &str) -> Option<&'static str> {
    if k.chars().count() > 40 {
        return None;
    }
    let pos = k.find("单位:").or_else(|| k.find("单位："))?;
    let after = k.get(pos..)?;
    if after.contains("万元") {
        Some("万元")
    } else if after.contains("千元") {
        Some("千元")
    } else if after.contains('元') {
        Some("元")
    } else {
        None
    }
}

/// Whether a cell can be an amount of money: digits, or a Chinese amount.
fn looks_like_amount(t: &str) -> bool {
    let k = compact(t);
    if k.is_empty() {
        return false;
    }
    // A figure first (`854万(其中…)`, `2,350.00`, `-9`), or a short cell with digits and no date.
    let leading = k
        .trim_start_matches(['-', '−', '＋', '+', '约'])
        .starts_with(|c: char| c.is_ascii_digit());
    let short =
        k.chars().any(|c| c.is_ascii_digit()) && k.chars().count() <= 30 && !k.contains('年');
    let chinese = k
        .chars()
        .all(|c| crate::number::chinese_digit(c).is_some() || "拾佰仟万亿元整零十百千".contains(c));
    (leading && !k.contains("年") || short || chinese) && !is_date_like(&k)
}

/// `2023.07-2024.01`, `1/1/2021`, `2022-01-01`: dates and periods, not amounts.
fn is_date_like(k: &str) -> bool {
    let digits = k.chars().filter(char::is_ascii_digit).count();
    let seps = k.chars().filter(|c| matches!(c, '/' | '-' | '—')).count();
    digits >= 6 && seps >= 1 && k.chars().all(|c| c.is_ascii_digit() || "./-—".contains(c))
}

/// Whether a cell reads as an indicator value (a figure, a comparator, a short grade or timing).
fn looks_like_value(t: &str) -> bool {
    let k = compact(t);
    if k.is_empty() {
        return false;
    }
    k.chars()
        .any(|c| c.is_ascii_digit() || "≥≤><=%≧≦＞＜＝".contains(c))
        || matches!(
            crate::indicator::read_value(&k, ""),
            crate::indicator::IndicatorValue::Qualitative(_)
                | crate::indicator::IndicatorValue::VagueTiming(_)
                | crate::indicator::IndicatorValue::Deadline(_)
        ) && k.chars().count() <= 12
}

/// A label awaiting its value.
#[derive(Debug, Clone)]
struct Pending {
    target: Target,
    /// Which money a source belongs to.
    period: Period,
    /// The label as written (a named source keeps it).
    label: String,
    /// The money unit the label's note gives.
    unit: Option<&'static str>,
    /// Whether a value was taken already (money takes one cell; prose goes on).
    filled: bool,
    /// The row it was seen on (single values take cells of the same row only).
    row: usize,
    /// For a named source listed under a group: the group's label.
    within: String,
    /// Amounts of earlier years passed over on this row (money tables with a column per year).
    skipped: usize,
}

/// How a source's label is enumerated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Enumeration {
    /// `(一)财政拨款小计`: a group.
    Group,
    /// `1、一般公共预算`: an item of the group above.
    Item,
    /// Neither.
    None,
}

fn enumeration(written: &str) -> Enumeration {
    let k = compact(written);
    let stripped = lexicon::strip_enumeration(&k);
    if k.contains("小计") || (stripped.len() < k.len() && k.starts_with(['(', '（'])) {
        Enumeration::Group
    } else if stripped.len() < k.len() {
        Enumeration::Item
    } else {
        Enumeration::None
    }
}

/// How an indicator table's rows are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowMode {
    /// By position: the source keeps the grid (Excel, Word, HTML), merged cells blank or repeated.
    Exact,
    /// By position, rows with fewer cells aligned to the right (` | ` rows, where the copy left
    /// merged cells out).
    AlignRight,
    /// By what each cell is (text one cell per line, PDF lines).
    Stream,
}

/// An indicator table being read.
#[derive(Debug, Clone)]
struct Table {
    /// What each heading column is.
    head: Vec<Option<HeadCol>>,
    /// How rows are read.
    mode: RowMode,
    /// The row being filled when reading by what cells are.
    row: Option<(Period, Indicator)>,
    /// Index in `head` of the next column expected.
    next: usize,
    /// 一级 / 二级 carried down.
    level1: [String; 2],
    level2: [String; 2],
    /// Whether the heading names project columns (one row per indicator).
    export: bool,
    /// The heading is still being read (sources that put one heading cell per line).
    open_head: bool,
    /// Where the row being filled started.
    row_place: Option<Place>,
}

struct Builder {
    doc: Document,
    provenance: Vec<Provenance>,
    unplaced: Vec<(Place, String)>,
    notes: Vec<String>,
    pending: Option<Pending>,
    /// The periods of the money totals seen on the last row that had totals, in order (中期 left,
    /// 年度 right, as the national 申报表 prints them side by side).
    fund_order: Vec<Period>,
    /// The periods of totals on the current row.
    row_funds: Vec<Period>,
    /// How many times each source label has been seen on the current row.
    row_sources: Vec<(Target, usize)>,
    table: Option<Table>,
    /// A 成本构成 table being read: the columns of item, amount and 测算依据.
    costs: Option<CostColumns>,
    /// Reading the department's overview (部门整体绩效目标) rather than a project.
    overview: Option<OverviewPart>,
    /// The unit the current table's heading states, if it differs from the document's.
    table_unit: Option<&'static str>,
    /// Goal text gathered per (project, is 中期), split into lines at the end.
    goal_text: std::collections::BTreeMap<(usize, bool), String>,
    /// A running row counter across grids.
    row_no: usize,
    /// Whether the current project was started by a title (a 项目名称 then names it).
    titled: bool,
    /// Names that titles give their projects (`…资金绩效目标表`), used where no 项目名称 is read.
    title_names: Vec<(usize, String, Place, String)>,
    /// The source group being listed (`(一)财政拨款小计`), for the items under it.
    group: Option<String>,
    /// Rows read since the last table boundary, as text: where a 合计 row closes them, they are kept
    /// as a further table for the rules that check totals.
    block: Vec<Vec<String>>,
    /// The title the current block of rows sits under.
    block_title: String,
    /// In a money table with columns per year (`上年度安排资金 | 本年度申请资金`): how many amounts
    /// of earlier years precede this year's on each row.
    year_skip: Option<usize>,
    /// An amount the accompanying notice hands down (`现下达…资金12万元`), with where it was read.
    notice_amount: Option<(Notice, Place, String)>,
}

/// Maps grids (in reading order) onto a document.
pub fn map(grids: &[Grid]) -> Mapped {
    let mut b = Builder {
        doc: Document {
            money_unit: String::new(),
            ..Document::default()
        },
        provenance: Vec::new(),
        unplaced: Vec::new(),
        notes: Vec::new(),
        pending: None,
        fund_order: Vec::new(),
        row_funds: Vec::new(),
        row_sources: Vec::new(),
        table: None,
        costs: None,
        overview: None,
        table_unit: None,
        goal_text: std::collections::BTreeMap::new(),
        row_no: 0,
        titled: false,
        title_names: Vec::new(),
        notice_amount: None,
        group: None,
        year_skip: None,
        block: Vec::new(),
        block_title: String::new(),
    };
    for grid in grids {
        b.grid(grid);
    }
    b.finish()
}

impl Builder {
    fn grid(&mut self, grid: &Grid) {
        let kind = grid.kind.unwrap_or(SourceKind::PdfText);
        // A table from a file or the clipboard's HTML ends where it ends.
        if matches!(
            kind,
            SourceKind::Html | SourceKind::Sheet | SourceKind::DocxTable
        ) {
            self.table = None;
            self.pending = None;
        }
        self.block.clear();
        if grid.name == "其他段落" {
            self.sections(grid);
            return;
        }
        for (r, row) in grid.rows.iter().enumerate() {
            self.row_no += 1;
            self.row_funds.clear();
            self.row_sources.clear();
            let places: Vec<Place> = (0..row.len()).map(|c| grid.at(r, c)).collect();
            self.row(kind, row, &places);
            if !self.row_funds.is_empty() {
                self.fund_order = self.row_funds.clone();
            }
            if let Some(t) = &mut self.table {
                // Read by position, a row is complete at its end; read by what cells are, a row
                // end completes nothing by itself.
                if t.mode != RowMode::Stream {
                    t.row = None;
                }
            }
        }
        if matches!(
            kind,
            SourceKind::Html | SourceKind::Sheet | SourceKind::DocxTable
        ) {
            self.end_table();
        }
    }

    /// A sheet of loose paragraphs as hedui exports it: a title in the first column, its paragraphs
    /// in the second.
    fn sections(&mut self, grid: &Grid) {
        for row in &grid.rows {
            let title = row.first().map(|c| tidy(&c.text)).unwrap_or_default();
            let text = row.get(1).map(|c| tidy(&c.text)).unwrap_or_default();
            if !title.is_empty() {
                self.doc.sections.push(crate::model::Section {
                    title,
                    paragraphs: Vec::new(),
                });
            }
            if let (false, Some(section)) = (text.is_empty(), self.doc.sections.last_mut()) {
                section.paragraphs.push(text);
            }
        }
    }

    fn row(&mut self, kind: SourceKind, row: &[Cell], places: &[Place]) {
        if self.table.is_some() {
            if self.table_row(kind, row, places) {
                return;
            }
            self.end_table();
        }
        self.collect_total_table(row);
        if let Some(from) = header_start(row) {
            // Cells before the heading on its line (`绩效指标`) are read as usual.
            if kind == SourceKind::PdfText || kind == SourceKind::CellPerLine {
                for (cell, place) in row.iter().zip(places).take(from) {
                    if !self.cell(kind, &cell.text, place) {
                        self.unplaced.push((place.clone(), cell.text.clone()));
                    }
                }
            }
            let consumed = self.start_table(kind, row, from);
            // The rest of a flattened line is the table's body.
            for (cell, place) in row.iter().zip(places).skip(consumed) {
                if self.table.is_some() && !ends_table(&cell.text) {
                    self.stream_cell(&cell.text, place);
                } else {
                    self.table = None;
                    if !self.cell(kind, &cell.text, place) {
                        self.unplaced.push((place.clone(), cell.text.clone()));
                    }
                }
            }
            return;
        }
        if self.cost_row(row, places) || self.overview_row(row) {
            return;
        }
        if let Some(skip) = year_columns(row) {
            self.year_skip = Some(skip);
            self.pending = None;
            return;
        }
        // Prose: `1、数量指标：更换路灯≥320 盏；…` or `项目资金：86.40 万元，其中财政资金 86.40 万元，…`.
        if matches!(kind, SourceKind::PdfText | SourceKind::CellPerLine) || row.len() == 1 {
            let line = row
                .iter()
                .map(|c| c.text.trim())
                .collect::<Vec<_>>()
                .join(" ");
            let place = places.first().cloned().unwrap_or_default();
            if self.prose_indicators(&line, &place) {
                return;
            }
            if let Some(clauses) = prose_clauses(&line) {
                for clause in clauses {
                    if !self.cell(SourceKind::PdfText, &clause, &place) {
                        self.unplaced.push((place.clone(), clause));
                    }
                }
                return;
            }
        }
        for (cell, place) in row.iter().zip(places) {
            if cell.covered {
                continue;
            }
            let pieces = if kind == SourceKind::PdfText {
                split_at_labels(&cell.text)
            } else {
                Vec::new()
            };
            if pieces.len() > 1 {
                for piece in pieces {
                    if !self.cell(kind, &piece, place) {
                        self.unplaced.push((place.clone(), piece));
                    }
                }
                continue;
            }
            if !self.cell(kind, &cell.text, place) {
                self.unplaced.push((place.clone(), cell.text.clone()));
            }
        }
    }

    /// Reads one cell outside indicator tables; `false` if nothing took it.
    fn cell(&mut self, kind: SourceKind, text: &str, place: &Place) -> bool {
        let t = text.trim();
        if t.is_empty() {
            // An empty cell after a money label is a blank amount, except where the source keeps
            // merged cells as blanks (Excel): there the value may follow further along the row.
            let exact = matches!(kind, SourceKind::Tsv | SourceKind::Sheet);
            if let Some(p) = &self.pending {
                if is_money(p.target) && !p.filled && place_row(place) == p.row && !exact {
                    self.pending = None;
                }
            }
            return true;
        }
        let k = compact(t);
        if is_title(&k) {
            self.title(t, &k, place);
            return true;
        }
        if let Some(unit) = unit_header(&k) {
            if self.doc.money_unit.is_empty() {
                unit.clone_into(&mut self.doc.money_unit);
            } else if self.doc.money_unit != unit {
                self.table_unit = Some(unit);
            }
            if k.starts_with("单位")
                || k.starts_with("金额单位")
                || k.starts_with('(')
                || k.starts_with('（')
            {
                return true;
            }
        }
        if let Some(year) = (k.starts_with('(') || k.starts_with('（'))
            .then(|| year_in(&k))
            .flatten()
        {
            if self.doc.year.is_empty() {
                self.doc.year = year;
            }
            return true;
        }
        // In a money table by year, `合计` states the total.
        if self.year_skip.is_some() && lexicon::key(t) == "合计" {
            self.label(Target::Project(ProjectText::Total), t, place, None);
            return true;
        }
        // A label, alone or with its value in the same cell.
        if let Some(label) = lexicon::label(t) {
            self.label(label.target, t, place, None);
            return true;
        }
        let folded = lexicon::key(t);
        if let Some((label, len)) = lexicon::label_prefix(&folded)
            .filter(|(l, _)| l.target != Target::Indicators && l.text.chars().count() >= 2)
        {
            let rest = folded.get(len..).unwrap_or_default();
            let rest = rest.trim_start_matches([':', '：']);
            let rest = ["(万元)", "（万元）", "(元)", "（元）"]
                .iter()
                .find_map(|n| rest.strip_prefix(n))
                .unwrap_or(rest)
                .trim_start_matches([':', '：']);
            if !rest.is_empty() && !is_prose_start(label.target, rest) {
                self.label(label.target, t, place, Some(rest));
                return true;
            }
        }
        self.value(kind, t, place)
    }

    /// A cell holding a value, for the label before it; `false` if no label waits.
    fn value(&mut self, kind: SourceKind, t: &str, place: &Place) -> bool {
        let Some(p) = self.pending.clone() else {
            if self.notice_amount.is_none() && t.chars().count() > 12 {
                if let Some(found) = notice_amount(t) {
                    self.notice_amount = Some((found, place.clone(), t.to_owned()));
                }
            }
            return false;
        };
        let same_row = place_row(place) == p.row;
        match p.target {
            Target::Project(f) if is_money_field(f) => {
                let gridded = !matches!(kind, SourceKind::PdfText | SourceKind::CellPerLine);
                if p.filled || !looks_like_amount(t) || (gridded && !same_row) {
                    self.pending = None;
                    return false;
                }
                if self.skip_earlier_year() {
                    return true;
                }
                let value = self.with_unit(t, p.unit);
                self.set(ProjectField::Text(f), &value, place, t);
                if let Some(pending) = &mut self.pending {
                    pending.filled = true;
                }
                true
            }
            Target::Source => {
                if p.filled || !looks_like_amount(t) {
                    self.pending = None;
                    return false;
                }
                if self.skip_earlier_year() {
                    return true;
                }
                let value = self.with_unit(t, p.unit);
                self.add_source(p.period, &p.label, &p.within, &value, place, t);
                if let Some(pending) = &mut self.pending {
                    pending.filled = true;
                }
                true
            }
            Target::Project(f) => {
                // Prose (概况, 用途) runs on over rows; a name or code may be split at spaces on
                // its own row only.
                let prose = matches!(f, ProjectText::Summary | ProjectText::Purpose);
                if p.filled && !prose && !(same_row && kind == SourceKind::PdfText) {
                    self.pending = None;
                    return false;
                }
                self.append(
                    ProjectField::Text(f),
                    t,
                    place,
                    p.filled && kind == SourceKind::PdfText,
                );
                if let Some(pending) = &mut self.pending {
                    pending.filled = true;
                }
                true
            }
            // `项目资金（万元）` and its amount, on the same row, or the next line of text.
            Target::Heading
                if !p.filled
                    && (same_row
                        || matches!(kind, SourceKind::PdfText | SourceKind::CellPerLine))
                    && looks_like_amount(t)
                    && is_money_heading(&p.label) =>
            {
                let value = self.with_unit(t, p.unit);
                self.row_funds.push(Period::Annual);
                self.set(ProjectField::Text(ProjectText::Total), &value, place, t);
                self.pending = None;
                true
            }
            Target::Goals | Target::MidGoals | Target::Heading => {
                let period = if p.target == Target::MidGoals {
                    Period::Mid
                } else {
                    Period::Annual
                };
                self.add_goal_text(period, t, place);
                if let Some(pending) = &mut self.pending {
                    pending.filled = true;
                }
                true
            }
            Target::Doc(d) => self.doc_value(d, &p, t, place),
            Target::Ignore => {
                if p.filled || !same_row && kind != SourceKind::Pipe {
                    self.pending = None;
                    return false;
                }
                if let Some(pending) = &mut self.pending {
                    pending.filled = true;
                }
                true
            }
            Target::Indicators => false,
        }
    }

    /// In a money table with a column per year, passes over an earlier year's amount.
    fn skip_earlier_year(&mut self) -> bool {
        let skip = self.year_skip.unwrap_or(0);
        match &mut self.pending {
            Some(p) if p.skipped < skip => {
                p.skipped += 1;
                true
            }
            _ => false,
        }
    }

    /// A value for a document header label (`单位名称`, `金额单位`).
    fn doc_value(
        &mut self,
        d: crate::field::DocumentText,
        p: &Pending,
        t: &str,
        place: &Place,
    ) -> bool {
        if p.filled || is_stamp(t) {
            self.pending = None;
            return is_stamp(t);
        }
        let path = FieldPath::Doc(d);
        if self.doc.get(&path).is_some_and(|v| v.trim().is_empty()) {
            let v = if d == crate::field::DocumentText::MoneyUnit {
                unit_header(&format!("单位:{t}")).unwrap_or("").to_owned()
            } else {
                t.to_owned()
            };
            self.doc.set(&path, tidy(&v));
            self.provenance.push(Provenance {
                field: path,
                place: place.clone(),
                text: t.to_owned(),
            });
        }
        if let Some(pending) = &mut self.pending {
            pending.filled = true;
        }
        true
    }

    /// What a label does to the project and the money context, and which period (年度 / 中期) a
    /// source label belongs to: on the line of two totals side by side, the n-th source label goes
    /// with the n-th total.
    fn label_period(&mut self, target: Target, written: &str) -> Period {
        match target {
            Target::Project(ProjectText::Name) => {
                let named = self.current().is_some_and(|p| !p.name.trim().is_empty());
                if named || self.doc.projects.is_empty() {
                    self.new_project();
                }
                self.titled = false;
                Period::Annual
            }
            Target::Project(ProjectText::Total) => {
                // `项目资金总额 1500 | 年度资金申请总额 1500`: a general total beside a 年度 one is
                // the project's whole (中期) money.
                let annual = ["年度", "当年", "本年"].iter().any(|w| written.contains(w));
                if annual && self.row_funds.contains(&Period::Annual) {
                    self.move_total_to_mid();
                    for f in &mut self.row_funds {
                        *f = Period::Mid;
                    }
                }
                self.row_funds.push(Period::Annual);
                Period::Annual
            }
            Target::Project(ProjectText::MidTotal) => {
                self.row_funds.push(Period::Mid);
                Period::Mid
            }
            Target::Project(ProjectText::Fiscal | ProjectText::Other) | Target::Source => {
                let seen =
                    if let Some((_, n)) = self.row_sources.iter_mut().find(|(t, _)| *t == target) {
                        *n += 1;
                        *n - 1
                    } else {
                        self.row_sources.push((target, 1));
                        0
                    };
                if self.row_funds.is_empty() {
                    self.fund_order
                        .get(seen)
                        .or(self.fund_order.last())
                        .copied()
                        .unwrap_or(Period::Annual)
                } else {
                    self.row_funds.last().copied().unwrap_or(Period::Annual)
                }
            }
            _ => Period::Annual,
        }
    }

    /// Sources listed as groups and their items (`(一)财政拨款小计` / `1、一般公共预算`): an item is a
    /// named source within its group; a second source of a kind already filled is named too.
    fn source_group(&mut self, target: Target, written: &str, label: &str) -> (Target, String) {
        let mut target = target;
        let mut within = String::new();
        let is_total = matches!(
            target,
            Target::Project(ProjectText::Total | ProjectText::MidTotal)
        );
        if !is_money(target) || is_total {
            self.group = None;
            return (target, within);
        }
        match enumeration(written) {
            Enumeration::Group => self.group = Some(label.to_owned()),
            Enumeration::Item => {
                if let Some(g) = &self.group {
                    within.clone_from(g);
                    target = Target::Source;
                }
            }
            Enumeration::None => {}
        }
        if let Target::Project(f) = target {
            if self.current().is_some_and(|p| !f.of(p).trim().is_empty()) {
                target = Target::Source;
            }
        }
        (target, within)
    }

    fn label(&mut self, target: Target, written: &str, place: &Place, value: Option<&str>) {
        let unit = lexicon::unit_note(written).or(self.table_unit);
        let period = self.label_period(target, written);
        let target = match (target, period) {
            (Target::Project(ProjectText::Fiscal), Period::Mid) => {
                Target::Project(ProjectText::MidFiscal)
            }
            (Target::Project(ProjectText::Other), Period::Mid) => {
                Target::Project(ProjectText::MidOther)
            }
            _ => target,
        };
        let label_text = lexicon::key(written);
        let (target, within) = self.source_group(target, written, &label_text);
        if !is_money(target) && !matches!(target, Target::Heading) {
            self.year_skip = None;
        }
        let label_text = match value {
            Some(v) => label_text
                .strip_suffix(v)
                .unwrap_or(&label_text)
                .trim_end_matches([':', '：'])
                .to_owned(),
            None => label_text,
        };
        self.pending = Some(Pending {
            target,
            period,
            label: label_text,
            unit,
            filled: false,
            row: place_row(place),
            within,
            skipped: 0,
        });
        if let Some(v) = value {
            let kind = place.kind.unwrap_or(SourceKind::PdfText);
            if !self.value(kind, v, place) {
                self.unplaced.push((place.clone(), v.to_owned()));
            }
        }
    }

    /// Reads the rows of a 成本构成 table into cost lines; `true` when the row was one (or its heading).
    fn cost_row(&mut self, row: &[Cell], places: &[Place]) -> bool {
        if let Some(columns) = CostColumns::of(row) {
            self.costs = Some(columns);
            self.pending = None;
            return true;
        }
        let Some(columns) = self.costs else {
            return false;
        };
        let text = |i: usize| row.get(i).map_or(String::new(), |c| tidy(&c.text));
        let item = text(columns.item);
        let amount = text(columns.amount);
        let first = row
            .iter()
            .find(|c| !c.text.trim().is_empty())
            .map(|c| compact(&c.text))
            .unwrap_or_default();
        let total = matches!(first.as_str(), "合计" | "总计" | "小计");
        let ends = item.is_empty()
            || total
            || lexicon::label(&item).is_some()
            || (!looks_like_amount(&amount) && !amount.is_empty());
        if ends {
            self.costs = None;
            // A 合计 row closes the table (kept by the totals reader); anything else is read as usual.
            return total;
        }
        let basis = columns.basis.map(text).unwrap_or_default();
        let p = self.project_index();
        if let Some(project) = self.doc.projects.get_mut(p) {
            project.costs.push(crate::model::CostLine {
                item,
                amount: amount.clone(),
                basis,
            });
            let row_no = project.costs.len() - 1;
            self.provenance.push(Provenance {
                field: FieldPath::Project(
                    p,
                    ProjectField::Cell(ProjectList::Costs, row_no, Column::Amount),
                ),
                place: places.get(columns.amount).cloned().unwrap_or_default(),
                text: amount,
            });
        }
        true
    }

    /// Reads the department's overview (部门整体绩效目标): its 总体绩效目标, key projects and
    /// 工作保障措施; `true` when the row belonged to it.
    fn overview_row(&mut self, row: &[Cell]) -> bool {
        let cells: Vec<String> = row
            .iter()
            .filter(|c| !c.covered)
            .map(|c| tidy(&c.text))
            .collect();
        let first = cells.first().cloned().unwrap_or_default();
        let k = compact(&first);
        if k.starts_with("部门整体绩效目标") && !is_title(&k) {
            self.doc.overviews.push(crate::model::Overview::default());
            self.overview = Some(OverviewPart::Labels);
            self.pending = None;
            return true;
        }
        let Some(part) = self.overview else {
            return false;
        };
        let rest: Vec<String> = cells
            .iter()
            .skip(1)
            .filter(|c| !c.is_empty())
            .cloned()
            .collect();
        let Some(ov) = self.doc.overviews.last_mut() else {
            return false;
        };
        // A further 工作保障措施 item beside the label merged down from the row above.
        if part == OverviewPart::Safeguards && row.first().is_some_and(|c| c.covered) {
            ov.safeguards
                .extend(cells.into_iter().filter(|c| !c.is_empty()));
            return true;
        }
        match (k.as_str(), part) {
            ("总体绩效目标", _) => {
                ov.overall_goal = rest.join("\n");
                self.overview = Some(OverviewPart::Labels);
            }
            ("重点项目", _) => self.overview = Some(OverviewPart::KeyProjects),
            ("工作保障措施", _) => {
                ov.safeguards.extend(rest);
                self.overview = Some(OverviewPart::Safeguards);
            }
            ("", OverviewPart::Safeguards) => ov.safeguards.extend(rest),
            (_, OverviewPart::KeyProjects) if !is_title(&k) && lexicon::label(&first).is_none() => {
                let mut it = cells.into_iter();
                ov.key_projects.push(crate::model::KeyProject {
                    name: it.next().unwrap_or_default(),
                    description: it.next().unwrap_or_default(),
                    goal: it.next().unwrap_or_default(),
                    indicator: it.next().unwrap_or_default(),
                });
            }
            _ => {
                // Anything else ends the overview and is read as usual.
                self.overview = None;
                return false;
            }
        }
        true
    }

    /// Keeps rows that end in a stated total (`合计 | 12`, `合 计 1236.50 …`) as a further table,
    /// with the rows above it back to the table's start.
    fn collect_total_table(&mut self, row: &[Cell]) {
        const MAX_ROWS: usize = 400;
        let texts: Vec<String> = row
            .iter()
            .filter(|c| !c.covered || c.text.trim().is_empty())
            .map(|c| tidy(&c.text))
            .collect();
        if texts.iter().all(String::is_empty) {
            return;
        }
        let first = texts
            .iter()
            .find(|t| !t.is_empty())
            .map(|t| compact(t))
            .unwrap_or_default();
        let numbers = texts.iter().filter(|t| looks_like_amount(t)).count();
        let is_total = matches!(first.as_str(), "合计" | "总计" | "小计" | "合计数" | "总额");
        if self.block.len() >= MAX_ROWS {
            self.block.remove(0);
        }
        self.block.push(texts);
        if !is_total || numbers == 0 {
            return;
        }
        // The table starts after the last row with no cell that a table has (a title, prose).
        let start = self
            .block
            .iter()
            .rposition(|r| r.iter().filter(|t| !t.is_empty()).count() < 2)
            .map_or(0, |i| i + 1);
        let rows: Vec<Vec<String>> = self.block.get(start..).unwrap_or_default().to_vec();
        self.block.clear();
        if rows.len() < 2 {
            return;
        }
        let header_rows = rows
            .iter()
            .take_while(|r| {
                !r.iter()
                    .any(|t| looks_like_amount(t) && !t.chars().any(crate::text::is_han))
            })
            .count();
        self.doc.tables.push(crate::model::Table {
            title: self.block_title.clone(),
            unit: self.table_unit.unwrap_or_default().to_owned(),
            header_rows,
            rows,
        });
    }

    fn title(&mut self, t: &str, k: &str, place: &Place) {
        t.clone_into(&mut self.block_title);
        self.block.clear();
        if self.has_content() {
            self.new_project();
        }
        self.titled = true;
        let named = title_name(k);
        if !named.is_empty() {
            let p = self.project_index();
            self.title_names
                .push((p, named, place.clone(), t.to_owned()));
        }
        if self.doc.title.is_empty() {
            self.doc.title = tidy(t);
            self.provenance.push(Provenance {
                field: FieldPath::TITLE,
                place: place.clone(),
                text: t.to_owned(),
            });
        }
        if self.doc.year.is_empty() {
            if let Some(y) = year_in(k) {
                self.doc.year = y;
            }
        }
        self.pending = None;
        self.table_unit = None;
    }

    /// The 年度 total read so far was the project's whole money: it moves to 中期.
    fn move_total_to_mid(&mut self) {
        let p = self.project_index();
        if let Some(project) = self.doc.projects.get_mut(p) {
            if project.mid_budget.total.trim().is_empty() {
                project.mid_budget.total = std::mem::take(&mut project.budget.total);
                // The current project's provenance is at the end of the list.
                let from = FieldPath::Project(p, ProjectField::Text(ProjectText::Total));
                for pr in self.provenance.iter_mut().rev() {
                    if pr.field.project() != Some(p) {
                        break;
                    }
                    if pr.field == from {
                        pr.field = FieldPath::Project(p, ProjectField::Text(ProjectText::MidTotal));
                    }
                }
            }
        }
    }

    fn has_content(&self) -> bool {
        self.current().is_some_and(|p| {
            !p.name.trim().is_empty()
                || !p.budget.total.trim().is_empty()
                || !p.indicators.is_empty()
        })
    }

    fn current(&self) -> Option<&Project> {
        self.doc.projects.last()
    }

    fn new_project(&mut self) {
        self.doc.projects.push(Project::default());
        self.fund_order.clear();
        self.group = None;
    }

    fn project_index(&mut self) -> usize {
        if self.doc.projects.is_empty() {
            self.new_project();
        }
        self.doc.projects.len() - 1
    }

    /// Appends the unit the label's note or the table states when the value has none and it
    /// differs from the document's unit.
    fn with_unit(&self, t: &str, unit: Option<&'static str>) -> String {
        let t = t.trim();
        match unit {
            Some(u)
                if u != self.doc.money_unit
                    && !self.doc.money_unit.is_empty()
                    && t.ends_with(|c: char| c.is_ascii_digit()) =>
            {
                format!("{t}{u}")
            }
            _ => t.to_owned(),
        }
    }

    fn set(&mut self, field: ProjectField, value: &str, place: &Place, text: &str) {
        let value = &tidy(value);
        let p = self.project_index();
        let path = FieldPath::Project(p, field);
        if self.doc.get(&path).is_some_and(|v| v.trim().is_empty()) {
            self.doc.set(&path, value);
            self.provenance.push(Provenance {
                field: path,
                place: place.clone(),
                text: text.to_owned(),
            });
        }
    }

    fn append(&mut self, field: ProjectField, value: &str, place: &Place, glue: bool) {
        let value = &tidy(value);
        let p = self.project_index();
        let path = FieldPath::Project(p, field);
        let Some(current) = self.doc.get(&path).map(str::to_owned) else {
            return;
        };
        let joined = if current.is_empty() {
            value.to_owned()
        } else if glue {
            format!("{current}{value}")
        } else {
            format!("{current}\n{value}")
        };
        self.doc.set(&path, joined);
        if current.is_empty() {
            self.provenance.push(Provenance {
                field: path,
                place: place.clone(),
                text: value.to_owned(),
            });
        }
    }

    fn add_source(
        &mut self,
        period: Period,
        label: &str,
        within: &str,
        amount: &str,
        place: &Place,
        text: &str,
    ) {
        let p = self.project_index();
        let Some(project) = self.doc.projects.get_mut(p) else {
            return;
        };
        let budget = match period {
            Period::Annual => &mut project.budget,
            Period::Mid => &mut project.mid_budget,
        };
        budget.sources.push(Source {
            label: tidy(label),
            amount: tidy(amount),
            within: tidy(within),
        });
        let row = budget.sources.len() - 1;
        let list = match period {
            Period::Annual => ProjectList::Sources,
            Period::Mid => ProjectList::MidSources,
        };
        self.provenance.push(Provenance {
            field: FieldPath::Project(p, ProjectField::Cell(list, row, Column::Amount)),
            place: place.clone(),
            text: text.to_owned(),
        });
    }

    fn add_goal_text(&mut self, period: Period, t: &str, place: &Place) {
        let t = &tidy(t);
        let p = self.project_index();
        match self.goal_text.entry((p, period == Period::Mid)) {
            std::collections::btree_map::Entry::Occupied(mut e) => {
                let text = e.get_mut();
                text.push('\n');
                text.push_str(t);
            }
            std::collections::btree_map::Entry::Vacant(e) => {
                e.insert(t.to_owned());
                let list = match period {
                    Period::Annual => ProjectList::Goals,
                    Period::Mid => ProjectList::MidGoals,
                };
                self.provenance.push(Provenance {
                    field: FieldPath::Project(p, ProjectField::Cell(list, 0, Column::Line)),
                    place: place.clone(),
                    text: t.to_owned(),
                });
            }
        }
    }

    /// Reads a line of indicators written as prose: `1、数量指标：更换路灯≥320 盏；新敷设电缆≥2400
    /// 米` or `效益指标:经济效益指标:…≥80万元；社会效益目标:…`. `false` if the line is none.
    fn prose_indicators(&mut self, line: &str, place: &Place) -> bool {
        let body = crate::goal::strip_numbering(line);
        let Some((head, _)) = body.split_once(['：', ':']) else {
            return false;
        };
        if taxonomy::level_of(head, "").is_none() {
            return false;
        }
        // Sections `二级指标：items` one after the other on the line.
        let mut level1 = String::new();
        let mut level2 = String::new();
        for part in body.split(['；', ';', '。']) {
            let mut rest = part.trim();
            while let Some((h, after)) = rest.split_once(['：', ':']) {
                match taxonomy::level_of(h.trim().trim_start_matches('★'), &level1) {
                    Some(taxonomy::Level::First) => {
                        h.trim().clone_into(&mut level1);
                        level2.clear();
                    }
                    Some(taxonomy::Level::Second) => h.trim().clone_into(&mut level2),
                    None => break,
                }
                rest = after.trim();
            }
            let item = rest.trim_start_matches('★').trim();
            if item.is_empty() {
                continue;
            }
            let (name, value) = split_item_value(item);
            let l1 = if level1.is_empty() {
                taxonomy::kind(&level2)
                    .map(|k| k.family().name().to_owned())
                    .unwrap_or_default()
            } else {
                level1.clone()
            };
            let ind = Indicator {
                level1: l1,
                level2: level2.clone(),
                level3: name,
                value,
                ..Indicator::default()
            };
            self.push_indicator(Period::Annual, ind, place);
        }
        self.pending = None;
        true
    }

    // ---- indicator tables ----

    /// Starts an indicator table at its heading; returns how many cells of `row` the heading took
    /// (where cells are read by what they are, the rest of the row is the table's first cells).
    fn start_table(&mut self, kind: SourceKind, row: &[Cell], from: usize) -> usize {
        self.pending = None;
        self.year_skip = None;
        let mode = match kind {
            SourceKind::Tsv | SourceKind::Html | SourceKind::Sheet | SourceKind::DocxTable => {
                RowMode::Exact
            }
            SourceKind::Pipe => RowMode::AlignRight,
            SourceKind::PdfText | SourceKind::CellPerLine => RowMode::Stream,
        };
        let by_position = mode != RowMode::Stream;
        let mut head: Vec<Option<HeadCol>> = Vec::new();
        let cells: &[Cell] = if by_position {
            row
        } else {
            // The heading runs while its cells are headings (a flattened table goes on after it).
            let rest = row.get(from..).unwrap_or_default();
            let len = rest
                .iter()
                .take_while(|c| head_col(&c.text).is_some())
                .count()
                .max(1);
            rest.get(..len).unwrap_or_default()
        };
        let consumed = if by_position {
            row.len()
        } else {
            from + cells.len()
        };
        let mut seen: Vec<Column> = Vec::new();
        for cell in cells {
            let col = head_col(&cell.text);
            head.push(col);
            if let Some(HeadCol::Indicator(_, c)) = col {
                seen.push(c);
            }
        }
        // Trailing blank heading cells (padding pipes) are no columns.
        while head.last().is_some_and(Option::is_none)
            && cells.get(head.len() - 1).is_some_and(Cell::is_blank)
        {
            head.pop();
        }
        // Two sets side by side: the first is 中期 unless marked.
        let doubled = [Column::Level3, Column::Value]
            .iter()
            .any(|c| seen.iter().filter(|s| *s == c).count() >= 2);
        if doubled {
            let mut second = std::collections::HashSet::new();
            let mut first_set = true;
            for h in &mut head {
                if let Some(HeadCol::Indicator(period, c)) = h {
                    if !second.insert(*c) {
                        first_set = false;
                    }
                    if *period == Period::Annual && first_set {
                        *period = Period::Mid;
                    }
                }
            }
            // 一级指标 is shared by both sets: keep its first column in the 年度 set too.
        }
        let export = head.iter().any(|h| {
            matches!(
                h,
                Some(HeadCol::Project(Target::Project(ProjectText::Name)))
            )
        });
        self.table = Some(Table {
            head,
            mode,
            row: None,
            next: 0,
            level1: Default::default(),
            level2: Default::default(),
            export,
            open_head: !by_position,
            row_place: None,
        });
        consumed
    }

    fn end_table(&mut self) {
        self.finish_row();
        self.table = None;
    }

    /// Reads a row inside an indicator table; `false` when the row ends the table.
    fn table_row(&mut self, kind: SourceKind, row: &[Cell], places: &[Place]) -> bool {
        let first = row.iter().find(|c| !c.covered && !c.text.trim().is_empty());
        let Some(first) = first else {
            return true;
        };
        let export = self.table.as_ref().is_some_and(|t| t.export);
        if !export && ends_table(&first.text) {
            return false;
        }
        let by_position = self
            .table
            .as_ref()
            .is_some_and(|t| t.mode != RowMode::Stream);
        if by_position {
            self.positional_row(row, places);
        } else {
            for (cell, place) in row.iter().zip(places) {
                if ends_table(&cell.text) {
                    self.end_table();
                    let _ = self.cell(kind, &cell.text, place);
                    continue;
                }
                if self.table.is_none() {
                    if !self.cell(kind, &cell.text, place) {
                        self.unplaced.push((place.clone(), cell.text.clone()));
                    }
                    continue;
                }
                self.stream_cell(&cell.text, place);
            }
        }
        true
    }

    fn positional_row(&mut self, row: &[Cell], places: &[Place]) {
        let Some(table) = self.table.clone() else {
            return;
        };
        let mut cells: Vec<(&Cell, &Place)> = row.iter().zip(places).collect();
        while cells.last().is_some_and(|(c, _)| c.text.trim().is_empty()) {
            cells.pop();
        }
        let width = table.head.len();
        // Where the copy left merged cells out, a row starts at the column its first cell belongs
        // to: a 一级 name, a 二级 name, or the indicator's name. One-row-per-indicator tables
        // (project columns first) are aligned to the right instead.
        let offset = match (table.mode, cells.first()) {
            (RowMode::AlignRight, Some((first, _))) if cells.len() < width => {
                let column = match taxonomy::level_of(&first.text, &table.level1[0]) {
                    Some(taxonomy::Level::First) => Column::Level1,
                    Some(taxonomy::Level::Second) => Column::Level2,
                    None => Column::Level3,
                };
                let at = table
                    .head
                    .iter()
                    .position(|h| matches!(h, Some(HeadCol::Indicator(_, c)) if *c == column));
                match at {
                    Some(at) if !table.export => at,
                    _ => width - cells.len(),
                }
            }
            _ => 0,
        };
        // The row's indicator in each set: 年度 first, then 中期.
        let mut rows: Vec<Option<Indicator>> = vec![None, None];
        let mut project_cells: Vec<(Target, &str, &Place)> = Vec::new();
        let mut level1 = table.level1.clone();
        let mut level2 = table.level2.clone();
        for (i, (cell, place)) in cells.iter().enumerate() {
            let Some(Some(col)) = table.head.get(i + offset) else {
                continue;
            };
            let text = cell.text.trim();
            match *col {
                HeadCol::Indicator(period, column) => {
                    let set = usize::from(period == Period::Mid);
                    for (k, slot) in rows.iter_mut().enumerate() {
                        // 一级指标 is shared by both sets.
                        if k != set && column != Column::Level1 {
                            continue;
                        }
                        let ind = slot.get_or_insert_with(Indicator::default);
                        if let Some(field) = crate::field::Row::cell_mut(ind, column) {
                            if field.is_empty() {
                                text.clone_into(field);
                            }
                        }
                    }
                }
                HeadCol::Project(target) => project_cells.push((target, text, place)),
                HeadCol::Skip => {}
            }
        }
        if table.export {
            self.export_project(&project_cells);
        }
        let place = cells.first().map(|(_, p)| (*p).clone()).unwrap_or_default();
        let sets = rows
            .into_iter()
            .zip(level1.iter_mut())
            .zip(level2.iter_mut())
            .zip([Period::Annual, Period::Mid]);
        for (((ind, l1), l2), period) in sets {
            let Some(mut ind) = ind else { continue };
            // Merged level cells copied as blanks: carry them down.
            if ind.level1.trim().is_empty() {
                ind.level1.clone_from(l1);
            } else {
                l1.clone_from(&ind.level1);
                l2.clear();
            }
            if ind.level2.trim().is_empty() {
                ind.level2.clone_from(l2);
            } else {
                l2.clone_from(&ind.level2);
            }
            fix_levels(&mut ind);
            if ind.level3.trim().is_empty()
                && ind.value.trim().is_empty()
                && ind.description.trim().is_empty()
            {
                continue;
            }
            self.push_indicator(period, ind, &place);
        }
        if let Some(t) = &mut self.table {
            t.level1 = level1;
            t.level2 = level2;
        }
    }

    fn export_project(&mut self, cells: &[(Target, &str, &Place)]) {
        let name = cells
            .iter()
            .find(|(t, _, _)| *t == Target::Project(ProjectText::Name))
            .map(|(_, v, _)| compact(v))
            .unwrap_or_default();
        let current = self.current().map(|p| compact(&p.name)).unwrap_or_default();
        if !name.is_empty()
            && name != current
            && (self.has_content() || self.doc.projects.is_empty())
        {
            self.new_project();
        }
        for (target, value, place) in cells {
            if value.is_empty() {
                continue;
            }
            match target {
                Target::Project(f) => {
                    let v = if is_money_field(*f) {
                        self.with_unit(value, self.table_unit)
                    } else {
                        (*value).to_owned()
                    };
                    self.set(ProjectField::Text(*f), &v, place, value);
                }
                Target::Goals => {
                    let p = self.project_index();
                    let known = self
                        .goal_text
                        .get(&(p, false))
                        .is_some_and(|text| text.contains(*value));
                    if !known {
                        self.add_goal_text(Period::Annual, value, place);
                    }
                }
                Target::Doc(d) => {
                    let path = FieldPath::Doc(*d);
                    if self.doc.get(&path).is_some_and(str::is_empty) {
                        self.doc.set(&path, *value);
                    }
                }
                _ => {}
            }
        }
    }

    /// Reads an indicator cell by what it is (text one cell per line, PDF lines): level names set
    /// the levels, a name starts an indicator, and the cells after it fill the heading's value
    /// columns in order.
    fn stream_cell(&mut self, text: &str, place: &Place) {
        /// Longer than any level name (`服务对象满意度指标`), in bytes.
        const LEVEL_BYTES: usize = 96;
        let t = text.trim();
        let Some(tb) = self.table.as_mut() else {
            return;
        };
        // The heading may come one cell per line: it goes on until the first body cell.
        if tb.open_head {
            if let Some(col @ HeadCol::Indicator(..)) = head_col(t) {
                tb.head.push(Some(col));
                return;
            }
            tb.open_head = false;
        }
        let pos = |head: &[Option<HeadCol>], c: Column| {
            head.iter().position(
                |h| matches!(h, Some(HeadCol::Indicator(Period::Annual, col)) if *col == c),
            )
        };
        let (p1, p2, p3) = (
            pos(&tb.head, Column::Level1),
            pos(&tb.head, Column::Level2),
            pos(&tb.head, Column::Level3),
        );
        let named = tb
            .row
            .as_ref()
            .is_some_and(|(_, r)| !r.level3.trim().is_empty());
        let valued = tb
            .row
            .as_ref()
            .is_some_and(|(_, r)| !r.value.trim().is_empty() || !r.comparator.trim().is_empty());
        if t.is_empty() {
            if named {
                self.stream_assign("");
            }
            return;
        }
        // The second half of a level name broken over two cells (`经济效益` / `指标`), and the
        // heading cell left of the table (`绩效指标`), are no indicators.
        if (crate::text::compact(t) == "指标" && !named) || head_col(t) == Some(HeadCol::Skip) {
            return;
        }
        // A level name broken before its last word (`服务对象` / `满意度指标`). Level names are
        // short: a name grown long by continued cells is not looked at again on every cell.
        if let Some((_, r)) = tb
            .row
            .as_ref()
            .filter(|(_, r)| named && !valued && r.level3.len() <= LEVEL_BYTES)
        {
            let merged = format!(
                "{}{}",
                crate::text::compact(&r.level3),
                crate::text::compact(t)
            );
            if taxonomy::kind(&r.level3).is_none() && taxonomy::kind(&merged).is_some() {
                tb.row = None;
                tb.level2[0] = merged;
                tb.next = p2.map_or(0, |p| p + 1);
                return;
            }
        }
        if self.stream_level(t, p1, p2) {
            return;
        }
        let Some(tb) = self.table.as_mut() else {
            return;
        };
        let next = tb.next;
        let width = tb.head.len();
        if !named || next >= width || p3.is_some_and(|p| next <= p) {
            self.finish_row();
            if let Some(tb) = &mut self.table {
                let ind = Indicator {
                    level1: tb.level1[0].clone(),
                    level2: tb.level2[0].clone(),
                    level3: t.to_owned(),
                    ..Indicator::default()
                };
                tb.row = Some((Period::Annual, ind));
                tb.row_place = Some(place.clone());
                tb.next = p3.map_or(0, |p| p + 1);
            }
            return;
        }
        // A direction or a comparator goes to its own column, wherever the heading has it.
        let k = compact(t);
        if is_direction(&k) || is_comparator(&k) {
            self.stream_assign(t);
            return;
        }
        // A cell that is no value where a value is due continues the name (a PDF line break).
        let due = tb.head.get(next).copied().flatten();
        if matches!(
            due,
            Some(HeadCol::Indicator(_, Column::Value | Column::Comparator))
        ) && !looks_like_value(t)
            && !valued
        {
            if let Some((_, r)) = tb.row.as_mut() {
                r.level3.push_str(t);
            }
            return;
        }
        self.stream_assign(t);
    }

    /// A level name in the stream sets the level for the rows after it; `false` if `t` is none.
    fn stream_level(&mut self, t: &str, p1: Option<usize>, p2: Option<usize>) -> bool {
        let Some(tb) = self.table.as_ref() else {
            return false;
        };
        let level = taxonomy::level_of(t, &tb.level1[0]);
        if p1.is_none() && p2.is_none() {
            return false;
        }
        match level {
            Some(taxonomy::Level::First) => {
                self.finish_row();
                if let Some(tb) = &mut self.table {
                    t.clone_into(&mut tb.level1[0]);
                    tb.level2[0].clear();
                    tb.next = p1.map_or(0, |p| p + 1);
                }
                true
            }
            // Layouts without a 二级 column (Zhejiang: 指标类型 | 指标名称 | 指标值) name the
            // indicator by its 二级 name.
            Some(taxonomy::Level::Second) if p2.is_none() => false,
            Some(taxonomy::Level::Second) => {
                self.finish_row();
                if let Some(tb) = &mut self.table {
                    // Two level names in a row: the first was a 一级 (`成本指标` `经济成本指标`).
                    let just_set = tb.row.is_none() && tb.next == p2.map_or(0, |p| p + 1);
                    if just_set && taxonomy::family(&tb.level2[0]).is_some() {
                        let first = std::mem::take(&mut tb.level2[0]);
                        tb.level1[0] = first;
                    }
                    t.clone_into(&mut tb.level2[0]);
                    tb.next = p2.map_or(0, |p| p + 1);
                }
                true
            }
            None => false,
        }
    }

    /// Puts a cell into the next value column of the row being read. A direction (`正向`) or a
    /// comparator alone (`≥`, `定性`) goes to its own column wherever the heading puts it (tables
    /// swap them), and a bare number skips a 计量单位 column (the unit was left blank).
    fn stream_assign(&mut self, t: &str) {
        let Some(tb) = &mut self.table else { return };
        let Some((_, row)) = &mut tb.row else { return };
        let k = compact(t);
        let by_content = if is_direction(&k) {
            Some(Column::Direction)
        } else if is_comparator(&k) {
            Some(Column::Comparator)
        } else {
            None
        };
        if let Some(column) = by_content {
            let here = tb
                .head
                .iter()
                .position(|h| matches!(h, Some(HeadCol::Indicator(_, c)) if *c == column));
            if let Some(at) = here {
                if let Some(slot) = crate::field::Row::cell_mut(row, column) {
                    t.clone_into(slot);
                }
                tb.next = tb.next.max(at + 1);
                return;
            }
        }
        let bare_number = !k.is_empty() && k.chars().all(|c| c.is_ascii_digit() || c == '.');
        while let Some(h) = tb.head.get(tb.next).copied() {
            tb.next += 1;
            if let Some(HeadCol::Indicator(_, column)) = h {
                let skip = matches!(
                    column,
                    Column::Level1
                        | Column::Level2
                        | Column::Level3
                        | Column::Direction
                        | Column::Comparator
                ) || (column == Column::Unit && bare_number);
                if skip {
                    continue;
                }
                if let Some(slot) = crate::field::Row::cell_mut(row, column) {
                    t.clone_into(slot);
                }
                return;
            }
        }
    }

    fn finish_row(&mut self) {
        let Some(tb) = &mut self.table else { return };
        let Some((period, mut ind)) = tb.row.take() else {
            return;
        };
        fix_levels(&mut ind);
        let place = tb.row_place.take().unwrap_or_default();
        self.push_indicator(period, ind, &place);
    }

    fn push_indicator(&mut self, period: Period, mut ind: Indicator, place: &Place) {
        for (column, _) in <Indicator as crate::field::Row>::COLUMNS {
            if let Some(cell) = crate::field::Row::cell_mut(&mut ind, *column) {
                *cell = tidy(cell);
            }
        }
        let p = self.project_index();
        let Some(project) = self.doc.projects.get_mut(p) else {
            return;
        };
        let list = match period {
            Period::Annual => &mut project.indicators,
            Period::Mid => &mut project.mid_indicators,
        };
        let text = ind.value.clone();
        list.push(ind);
        let row = list.len() - 1;
        if place.line > 0 || place.kind.is_some() {
            self.provenance.push(Provenance {
                field: FieldPath::Project(
                    p,
                    ProjectField::Cell(period.indicators(), row, Column::Value),
                ),
                place: place.clone(),
                text,
            });
        }
    }

    /// Names the projects no 项目名称 named: by their table's title, the document's title, or (a
    /// department's own table) the department.
    fn name_projects(&mut self) {
        // A project no 项目名称 named takes its title's name.
        for (p, name, place, text) in std::mem::take(&mut self.title_names) {
            let unnamed = self
                .doc
                .projects
                .get(p)
                .is_some_and(|q| q.name.trim().is_empty() && *q != Project::default());
            if unnamed {
                let path = FieldPath::Project(p, ProjectField::Text(ProjectText::Name));
                self.doc.set(&path, name);
                self.provenance.push(Provenance {
                    field: path,
                    place,
                    text,
                });
            }
        }
        // A project still unnamed takes the name the document's title gives (`关于…项目绩效目标设定的公示`).
        let from_title = title_name(&compact(&self.doc.title));
        if !from_title.is_empty() {
            for p in &mut self.doc.projects {
                if p.name.trim().is_empty() && *p != Project::default() {
                    p.name.clone_from(&from_title);
                }
            }
        }
        // A department's own table (部门整体) is named by the department.
        let unit = self.doc.unit_name.trim().to_owned();
        if !unit.is_empty() {
            for p in &mut self.doc.projects {
                if p.name.trim().is_empty() && *p != Project::default() {
                    p.name.clone_from(&unit);
                }
            }
        }
    }

    fn finish(mut self) -> Mapped {
        self.end_table();
        for ((p, mid), text) in std::mem::take(&mut self.goal_text) {
            let lines = split_goals(&text);
            if let Some(project) = self.doc.projects.get_mut(p) {
                if mid {
                    project.mid_goals = lines;
                } else {
                    project.goals = lines;
                }
            }
        }
        self.name_projects();
        // Money picked from a department's budget tables, with no name, goals or indicators, is no
        // project table: those figures stay in the tables read.
        if !self.doc.tables.is_empty() {
            for p in &mut self.doc.projects {
                let bare = p.name.trim().is_empty()
                    && p.indicators.is_empty()
                    && p.mid_indicators.is_empty()
                    && p.goals.is_empty();
                if bare {
                    *p = Project::default();
                }
            }
        }
        // Drop projects that hold nothing (a title with no table under it), and re-point the
        // provenance of the others.
        let mut new_index = Vec::with_capacity(self.doc.projects.len());
        let mut kept = 0usize;
        for p in &self.doc.projects {
            if *p == Project::default() {
                new_index.push(None);
            } else {
                new_index.push(Some(kept));
                kept += 1;
            }
        }
        self.doc.projects.retain(|p| *p != Project::default());
        self.provenance.retain_mut(|pr| match pr.field {
            FieldPath::Project(p, f) => match new_index.get(p).copied().flatten() {
                Some(q) => {
                    pr.field = FieldPath::Project(q, f);
                    true
                }
                None => false,
            },
            _ => true,
        });
        // The amount a notice hands down: a single project whose table states none takes it; a
        // notice with only an allocation table becomes the fund's own entry, so that the table's
        // 合计 can be checked against it.
        if let Some((notice, place, text)) = self.notice_amount.take() {
            if self.doc.projects.is_empty() && !notice.fund.is_empty() {
                self.doc.projects.push(Project {
                    name: notice.fund,
                    ..Project::default()
                });
            }
            if let [project] = self.doc.projects.as_mut_slice() {
                if project.budget.total.trim().is_empty() {
                    project.budget.total = notice.amount;
                    if project.budget.sources.is_empty() && project.budget.fiscal.trim().is_empty()
                    {
                        project.budget.sources = notice
                            .sources
                            .into_iter()
                            .map(|(label, amount)| Source {
                                label,
                                amount,
                                within: String::new(),
                            })
                            .collect();
                    }
                    self.provenance.push(Provenance {
                        field: FieldPath::Project(0, ProjectField::Text(ProjectText::Total)),
                        place,
                        text,
                    });
                }
            }
        }
        if self.doc.money_unit.is_empty() {
            "万元".clone_into(&mut self.doc.money_unit);
        }
        Mapped {
            document: self.doc,
            provenance: self.provenance,
            unplaced: self.unplaced,
            notes: self.notes,
        }
    }
}

fn place_row(place: &Place) -> usize {
    // Rows of different grids never compare equal: grids are read one after the other and a
    // pending label does not outlive its grid's reading in practice.
    place.row * 4096 + place.line
}

fn is_money(t: Target) -> bool {
    matches!(t, Target::Source) || matches!(t, Target::Project(f) if is_money_field(f))
}

fn is_money_field(f: ProjectText) -> bool {
    matches!(
        f,
        ProjectText::Total
            | ProjectText::Fiscal
            | ProjectText::Other
            | ProjectText::MidTotal
            | ProjectText::MidFiscal
            | ProjectText::MidOther
    )
}

/// `(盖章)`, `（公章）`: a stamp's place, not a name.
fn is_stamp(t: &str) -> bool {
    let k = compact(t);
    k.contains("盖章") || k.contains("公章")
}

/// A label at the start of a long sentence (`绩效目标以…为目标`) is prose, not a label and value.
fn is_prose_start(target: Target, rest: &str) -> bool {
    matches!(target, Target::Ignore) && rest.chars().count() > 30
}

/// A cell that ends an indicator table: a label of the form's other parts, a title, a signature.
fn ends_table(text: &str) -> bool {
    let k = compact(text);
    if k.is_empty() || taxonomy::is_level_name(text) {
        return false;
    }
    if is_title(&k) {
        return true;
    }
    // A whole label, or a label with its value (`经办人:王某`, `年度资金总额:20`); an indicator
    // named with a label's words (`年度预算总成本`) is no end.
    let key = lexicon::key(text);
    let labelled = lexicon::label(text).or_else(|| {
        lexicon::label_prefix(&key)
            .filter(|(_, len)| {
                key.get(*len..).is_some_and(|rest| {
                    rest.starts_with([':', '：']) || rest.starts_with(|c: char| c.is_ascii_digit())
                })
            })
            .map(|(l, _)| l)
    });
    matches!(
        labelled.map(|l| l.target),
        Some(
            Target::Ignore
                | Target::Doc(_)
                | Target::Project(ProjectText::Name | ProjectText::Total | ProjectText::Code)
        )
    ) && !matches!(labelled, Some(l) if l.text == "备注")
}

/// A level cell in the wrong column (`数量指标` under 一级, or a 二级 name as the indicator's name
/// in layouts without 三级) is put where it belongs.
fn fix_levels(ind: &mut Indicator) {
    if taxonomy::family(&ind.level1).is_none()
        && taxonomy::kind(&ind.level1).is_some()
        && ind.level2.is_empty()
    {
        ind.level2 = std::mem::take(&mut ind.level1);
    }
    if ind.level2.trim().is_empty() && taxonomy::kind(&ind.level3).is_some() {
        ind.level2 = std::mem::take(&mut ind.level3);
    }
}

/// Splits goal text into lines at its numbering (`1.…；2.…`), or keeps it whole.
pub fn split_goals(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut start = 0usize;
    for (i, &(pos, c)) in chars.iter().enumerate() {
        let at_boundary = i == 0
            || chars
                .get(i.wrapping_sub(1))
                .is_some_and(|(_, p)| matches!(p, '；' | ';' | '。' | '\n' | ' '));
        let numbered = c.is_ascii_digit()
            && chars
                .get(i + 1)
                .is_some_and(|(_, n)| matches!(n, '.' | '、' | '．'))
            && chars.get(i + 2).is_some_and(|(_, n)| !n.is_ascii_digit());
        if at_boundary && numbered && pos > start {
            let piece = text.get(start..pos).unwrap_or_default().trim();
            if !piece.is_empty() {
                out.push(piece.replace('\n', ""));
            }
            start = pos;
        }
    }
    let piece = text.get(start..).unwrap_or_default().trim();
    if !piece.is_empty() {
        out.push(piece.replace('\n', ""));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::readers;

    fn read(text: &str) -> Mapped {
        map(&[readers::read_text(text)])
    }

    #[test]
    fn labels_with_values_in_one_line() {
        let m = read(
            "项目支出绩效目标表\n(2022年度)\n项目名称 党支部书记补贴 项目负责人及电话 王某13800000000\n\
             资金情况\n(单位:万元)\n年度资金总额: 20\n其中:财政拨款 20\n其他资金 0\n\
             一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 发放人数 48人\n\
             质量指标 发放准确率 100%\n效益指标 社会效益\n指标\n基层组织运转 有效保障\n\
             满意度指标 服务对象\n满意度指标\n满意度 ≧95%\n经办人及联系电话:王某\n",
        );
        let d = &m.document;
        assert_eq!(d.year, "2022");
        assert_eq!(d.money_unit, "万元");
        assert_eq!(d.projects.len(), 1, "{:#?}", d.projects);
        let p = &d.projects[0];
        assert_eq!(p.name, "党支部书记补贴");
        assert_eq!(
            (
                p.budget.total.as_str(),
                p.budget.fiscal.as_str(),
                p.budget.other.as_str()
            ),
            ("20", "20", "0")
        );
        let names: Vec<(&str, &str, &str, &str)> = p
            .indicators
            .iter()
            .map(|i| {
                (
                    i.level1.as_str(),
                    i.level2.as_str(),
                    i.level3.as_str(),
                    i.value.as_str(),
                )
            })
            .collect();
        assert_eq!(
            names,
            vec![
                ("产出指标", "数量指标", "发放人数", "48人"),
                ("产出指标", "质量指标", "发放准确率", "100%"),
                ("效益指标", "社会效益", "基层组织运转", "有效保障"),
                ("满意度指标", "服务对象满意度指标", "满意度", "≧95%"),
            ]
        );
    }

    #[test]
    fn grid_101_rows_with_merged_cells_left_out() {
        let m = read(
            "| 金额单位:元 | |\n\
             | 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 权重 | 指标方向性 | |\n\
             | 001-某镇 | 村干部报酬 | 3,309,840.00 | 按时发放 | 效益指标 | 社会效益指标 | 维护稳定 | ≥ | 95 | % | 10 | 正向指标 | |\n\
             | 产出指标 | 数量指标 | 村组干部230人 | ≥ | 230 | 个 | 10 | 正向指标 | |||||\n\
             | 办公经费 | 660,000.00 | 保障运转 | 满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥ | 95 | % | 10 | 正向指标 | ||\n",
        );
        let d = &m.document;
        assert_eq!(d.money_unit, "元");
        assert_eq!(d.projects.len(), 2, "{:#?}", d.projects);
        let p = &d.projects[0];
        assert_eq!(p.name, "村干部报酬");
        assert_eq!(p.budget.total, "3,309,840.00");
        assert_eq!(p.indicators.len(), 2);
        let q = &p.indicators[1];
        assert_eq!(
            (
                q.level2.as_str(),
                q.level3.as_str(),
                q.comparator.as_str(),
                q.value.as_str(),
                q.unit.as_str(),
                q.weight.as_str()
            ),
            ("数量指标", "村组干部230人", "≥", "230", "个", "10")
        );
        assert_eq!(d.projects[1].name, "办公经费");
        assert_eq!(d.projects[1].budget.total, "660,000.00");
        assert_eq!(d.projects[1].indicators[0].level3, "群众满意度");
    }

    #[test]
    fn side_by_side_money_goes_to_its_period() {
        let m = read(
            "项目名称 甲\n中期资金总额 1450.00 年度资金总额 468.84\n其中：财政拨款 1450.00 其中：财政拨款 468.48\n其他资金 0 其他资金 0\n",
        );
        let p = &m.document.projects[0];
        assert_eq!(p.mid_budget.total, "1450.00");
        assert_eq!(p.mid_budget.fiscal, "1450.00");
        assert_eq!(p.budget.total, "468.84");
        assert_eq!(p.budget.fiscal, "468.48");
        assert_eq!(p.budget.other, "0");
        assert_eq!(p.mid_budget.other, "0");
    }

    #[test]
    fn flattened_labels_split_values() {
        let m = read("项目名称市政维护经费项目属性延续项目申报金额(万元)2243.02\n");
        let p = &m.document.projects[0];
        assert_eq!(p.name, "市政维护经费");
        assert_eq!(p.attribute, "延续");
        assert_eq!(p.budget.total, "2243.02");
    }

    #[test]
    fn rows_closed_by_a_total_are_kept_as_a_table() {
        let m = read(
            "2024年资金分配表\n| 序号 | 乡镇 | 面积（亩） | 补助资金 |\n| 1 | 青禾镇 | 1900 | 45.60 |\n\
             | 2 | 东岭乡 | 3000 | 72.00 |\n| 合计 | | 4900 | 117.60 |\n",
        );
        let t = &m.document.tables;
        assert_eq!(t.len(), 1, "{t:#?}");
        assert_eq!(t[0].header_rows, 1);
        assert_eq!(t[0].rows.len(), 4);
        assert_eq!(t[0].rows[3][3], "117.60");
        assert_eq!(t[0].title, "");
    }

    #[test]
    fn spaces_inside_words_are_dropped() {
        assert_eq!(tidy(" 学   生资助 "), "学生资助");
        assert_eq!(tidy("2023 年  10 月"), "2023 年 10 月");
        assert_eq!(tidy("LED 路灯"), "LED 路灯");
    }

    #[test]
    fn cost_lines_and_the_overview_are_read() {
        let m = read(
            "部门整体绩效目标\n总体绩效目标\t保障运转\n重点项目\t项目说明\t绩效目标\t绩效指标\n\
             劳模基金\t慰问劳模\t发放慰问金\t走访率90%\n工作保障措施\t加强领导\n\t严格管理\n\
             项目名称\t大楼运行\n成本项目\t金额\t测算依据\n保安服务费\t191\t依据招标文件\n\
             保洁服务费\t99\t依据合同\n合计\t290\t\n",
        );
        let d = &m.document;
        assert_eq!(d.overviews.len(), 1);
        let ov = &d.overviews[0];
        assert_eq!(ov.overall_goal, "保障运转");
        assert_eq!(ov.key_projects.len(), 1);
        assert_eq!(ov.key_projects[0].indicator, "走访率90%");
        assert_eq!(ov.safeguards, ["加强领导", "严格管理"]);
        let p = &d.projects[0];
        assert_eq!(p.name, "大楼运行");
        let costs: Vec<(&str, &str, &str)> = p
            .costs
            .iter()
            .map(|c| (c.item.as_str(), c.amount.as_str(), c.basis.as_str()))
            .collect();
        assert_eq!(
            costs,
            [
                ("保安服务费", "191", "依据招标文件"),
                ("保洁服务费", "99", "依据合同")
            ]
        );
        assert_eq!(
            d.tables.len(),
            1,
            "the 合计 row keeps the table for the totals rules"
        );
    }

    #[test]
    fn goals_split_at_numbering() {
        assert_eq!(
            split_goals("1.按月发放补贴；2.发放及时。"),
            vec!["1.按月发放补贴；", "2.发放及时。"]
        );
        assert_eq!(split_goals("完成2023年任务"), vec!["完成2023年任务"]);
    }
}
