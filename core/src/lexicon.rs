//! The labels real forms use for each field, kept as data in one place (see
//! shared/docs/LAYOUTS.md, "Labels seen for the same field"). The importer's mapper reads a form by
//! finding these labels, whatever the layout's order; a label that names a field hedui does not keep
//! (`联系电话`, `项目负责人`) is still listed, so that it ends the value before it.

use crate::field::{DocumentText, ProjectText};

/// What a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A document header field.
    Doc(DocumentText),
    /// A project's own field.
    Project(ProjectText),
    /// Another named source of the 年度 money (`上级资金`).
    Source,
    /// The 年度 goal (`年度目标`).
    Goals,
    /// The 中期 goal (`中期目标`).
    MidGoals,
    /// A heading over goals or money with no value of its own (`总体目标`, `项目资金`).
    Heading,
    /// The column heading row of an indicator table starts here (`一级指标`).
    Indicators,
    /// A label of something hedui does not keep: it ends the value before it.
    Ignore,
}

/// A label as written (compared after [`key`]) and what it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    /// The label, folded (no whitespace, no colon).
    pub text: &'static str,
    /// What it names.
    pub target: Target,
}

const fn l(text: &'static str, target: Target) -> Label {
    Label { text, target }
}

use ProjectText as P;
use Target::{Doc, Goals, Heading, Ignore, Indicators, MidGoals, Project, Source};

/// Every label known, in no particular order: lookups take the longest that matches.
pub const LABELS: &[Label] = &[
    // Project identity and facts.
    l("项目名称", Project(P::Name)),
    l("项目支出名称", Project(P::Name)),
    l("专项名称", Project(P::Name)),
    l("专项资金名称", Project(P::Name)),
    l("资金名称", Project(P::Name)),
    l("项目资金名称", Project(P::Name)),
    l("转移支付名称", Project(P::Name)),
    l("二级项目名称", Project(P::Name)),
    l("项目(资金)名称", Project(P::Name)),
    l("专项(项目)名称", Project(P::Name)),
    l("项目编码", Project(P::Code)),
    l("项目代码", Project(P::Code)),
    l("项目编号", Project(P::Code)),
    l("主管部门", Project(P::Department)),
    l("主管部门及代码", Project(P::Department)),
    l("主管部门及编码", Project(P::Department)),
    l("主管部门及其编码", Project(P::Department)),
    l("业务主管部门", Project(P::Department)),
    l("项目主管部门", Project(P::Department)),
    l("预算部门", Project(P::Department)),
    l("主管预算部门", Project(P::Department)),
    l("实施单位", Project(P::Implementer)),
    l("项目实施单位", Project(P::Implementer)),
    l("实施主体", Project(P::Implementer)),
    l("下达地方或单位", Project(P::Implementer)),
    l("项目属性", Project(P::Attribute)),
    l("项目性质", Project(P::Attribute)),
    l("项目期", Project(P::Period)),
    l("项目周期", Project(P::Period)),
    l("项目期限", Project(P::Period)),
    l("起止时间", Project(P::Period)),
    l("项目起止时间", Project(P::Period)),
    l("实施期", Project(P::Period)),
    l("项目实施期", Project(P::Period)),
    l("项目支出实施期", Project(P::Period)),
    l("建设周期", Project(P::Period)),
    l("实施周期", Project(P::Period)),
    // Money: 年度.
    l("预算数", Project(P::Total)),
    l("预算金额", Project(P::Total)),
    l("项目预算金额", Project(P::Total)),
    l("年度资金总额", Project(P::Total)),
    l("年度资金申请总额", Project(P::Total)),
    l("年度金额", Project(P::Total)),
    l("年度预算金额", Project(P::Total)),
    l("年度本级预算金额", Project(P::Total)),
    l("年度预算数", Project(P::Total)),
    l("年度预算", Project(P::Total)),
    l("当年年度预算", Project(P::Total)),
    l("年初安排金额", Project(P::Total)),
    l("当年预算", Project(P::Total)),
    l("本年预算", Project(P::Total)),
    l("本年预算数", Project(P::Total)),
    l("项目申报金额", Project(P::Total)),
    l("申报金额", Project(P::Total)),
    l("申请预算", Project(P::Total)),
    l("申请金额", Project(P::Total)),
    l("资金总额", Project(P::Total)),
    l("项目资金总额", Project(P::Total)),
    l("项目预算", Project(P::Total)),
    l("项目金额", Project(P::Total)),
    l("下达资金", Project(P::Total)),
    l("下达金额", Project(P::Total)),
    l("下达中央预算内投资", Project(P::Total)),
    l("年度资金", Project(P::Total)),
    // Money: 中期.
    l("中期资金总额", Project(P::MidTotal)),
    l("实施期资金总额", Project(P::MidTotal)),
    l("项目总预算", Project(P::MidTotal)),
    l("总预算", Project(P::MidTotal)),
    l("中期预算", Project(P::MidTotal)),
    // Sources.
    l("财政资金", Project(P::Fiscal)),
    l("财政拨款", Project(P::Fiscal)),
    l("财政拨款数", Project(P::Fiscal)),
    l("预算资金", Project(P::Fiscal)),
    l("财政拨款资金", Project(P::Fiscal)),
    l("当年财政拨款", Project(P::Fiscal)),
    l("本年财政拨款", Project(P::Fiscal)),
    l("本级财政资金", Project(P::Fiscal)),
    l("财政性资金", Project(P::Fiscal)),
    l("财政投款", Project(P::Fiscal)),
    l("一般公共预算拨款", Project(P::Fiscal)),
    l("一般公共预算", Project(P::Fiscal)),
    l("其他资金", Project(P::Other)),
    l("其它资金", Project(P::Other)),
    l("自筹资金", Project(P::Other)),
    l("自有资金", Project(P::Other)),
    l("单位资金", Project(P::Other)),
    l("单位自筹", Project(P::Other)),
    l("其他", Project(P::Other)),
    l("上级资金", Source),
    l("该项目支出上级资金", Source),
    l("上级补助", Source),
    l("中央资金", Source),
    l("中央补助资金", Source),
    l("中央补助", Source),
    l("省级补助", Source),
    l("市级补助", Source),
    l("省级资金", Source),
    l("省级补助资金", Source),
    l("市级资金", Source),
    l("县级资金", Source),
    l("区级资金", Source),
    l("本级资金", Source),
    l("地方资金", Source),
    l("政府性基金预算拨款", Source),
    l("政府性基金", Source),
    l("国有资本经营预算拨款", Source),
    l("国有资本经营预算", Source),
    l("事业收入", Source),
    l("经营收入", Source),
    l("经营性收入", Source),
    l("其他收入", Source),
    l("上级财政资金", Source),
    l("上年结转", Source),
    l("上年结余收入", Source),
    l("纳入财政专户管理的收入", Source),
    l("未纳入财政专户管理的收入", Source),
    // Prose.
    l("资金用途", Project(P::Purpose)),
    l("资金使用方向", Project(P::Purpose)),
    l("项目概况", Project(P::Summary)),
    l("项目总体概况", Project(P::Summary)),
    l("项目简介", Project(P::Summary)),
    l("项目内容", Project(P::Summary)),
    l("主要内容", Project(P::Summary)),
    l("项目主要内容", Project(P::Summary)),
    l("立项依据", Project(P::Summary)),
    l("项目立项依据", Project(P::Summary)),
    l("政策依据", Project(P::Summary)),
    l("项目理由", Project(P::Summary)),
    l("项目支出明细", Project(P::Summary)),
    l("测算依据", Project(P::Summary)),
    l("测算过程", Project(P::Summary)),
    l("项目实施计划", Project(P::Summary)),
    l("项目审批", Project(P::Summary)),
    // Goals.
    l("年度目标", Goals),
    l("年度绩效目标", Goals),
    l("本年度绩效目标", Goals),
    l("当年绩效目标", Goals),
    l("项目当年绩效目标", Goals),
    l("年度总体目标", Goals),
    l("年度主要目标和成果", Goals),
    l("绩效目标", Goals),
    l("绩效目标总体描述", Goals),
    l("总体绩效目标", Goals),
    l("中期目标", MidGoals),
    l("长期目标", MidGoals),
    l("中长期目标", MidGoals),
    l("实施期绩效目标", MidGoals),
    l("实施期目标", MidGoals),
    l("项目中期规划绩效目标", MidGoals),
    l("中期绩效目标", MidGoals),
    l("总体目标", Heading),
    l("项目资金", Heading),
    l("资金情况", Heading),
    l("投入目标", Heading),
    l("资金来源", Heading),
    l("项目资金申请", Heading),
    l("项目绩效目标", Heading),
    l("绩效指标", Heading),
    l("年度绩效指标", Heading),
    l("本年度绩效指标", Heading),
    // The indicator table's heading row.
    l("一级指标", Indicators),
    l("一级", Indicators),
    l("指标类型", Indicators),
    // Document header.
    l("单位名称", Doc(DocumentText::UnitName)),
    l("填报单位", Doc(DocumentText::UnitName)),
    l("预算单位", Doc(DocumentText::UnitName)),
    l("绩效编制单位", Doc(DocumentText::UnitName)),
    l("申报单位", Doc(DocumentText::UnitName)),
    l("金额单位", Doc(DocumentText::MoneyUnit)),
    // What hedui does not keep.
    l("项目负责人", Ignore),
    l("项目负责人及电话", Ignore),
    l("项目联系人", Ignore),
    l("联系人", Ignore),
    l("联系电话", Ignore),
    l("归口业务科室", Ignore),
    l("是否政府采购", Ignore),
    l("开始日期", Ignore),
    l("结束日期", Ignore),
    l("项目预计开始时间", Ignore),
    l("预计完成时间", Ignore),
    l("项目口径", Ignore),
    l("项目分类", Ignore),
    l("项目类别", Ignore),
    l("项目类型", Ignore),
    l("支出分类", Ignore),
    l("财政资金预算分类", Ignore),
    l("财政资金科目代码", Ignore),
    l("功能科目", Ignore),
    l("项目功能科目", Ignore),
    l("对应一级项目", Ignore),
    l("重要程度", Ignore),
    l("经办人", Ignore),
    l("经办人及联系电话", Ignore),
    l("填表人", Ignore),
    l("填报日期", Ignore),
    l("填报人", Ignore),
    l("单位负责人", Ignore),
    l("单位负责人签字", Ignore),
    l("上报时间", Ignore),
    l("财政部门审核意见", Ignore),
    l("主管部门审核意见", Ignore),
    l("审核意见", Ignore),
    l("最近年度绩效评价情况", Ignore),
    l("中央主管部门", Ignore),
    l("省级主管部门", Ignore),
    l("市级主管部门", Ignore),
    l("县级主管部门", Ignore),
    l("省级财政部门", Ignore),
    l("市级财政部门", Ignore),
    l("县级财政部门", Ignore),
    l("区级财政部门", Ignore),
    l("区县财政部门", Ignore),
    l("区县主管部门", Ignore),
    l("区级主管部门", Ignore),
    l("区级林业主管部门", Ignore),
    l("索引号", Ignore),
    l("发文时间", Ignore),
    l("发布机构", Ignore),
    l("发布日期", Ignore),
    l("成文日期", Ignore),
    l("文号", Ignore),
    l("有效性", Ignore),
    l("公开方式", Ignore),
    l("备注", Ignore),
];

/// Folds a cell for label matching: no whitespace, full-width forms folded, traditional characters
/// already converted by the importer, a trailing colon and a trailing unit note (`（万元）`) dropped.
pub fn key(cell: &str) -> String {
    let mut s = strip_enumeration(&crate::text::compact(cell)).to_owned();
    if let Some(stripped) = s.strip_suffix("小计") {
        s = stripped.to_owned();
    }
    if let Some(stripped) = s.strip_prefix("其中") {
        s = stripped.trim_start_matches([':', '：']).to_owned();
    }
    loop {
        let before = s.len();
        s = s.trim_end_matches([':', '：']).to_owned();
        for note in [
            "(万元)",
            "（万元）",
            "(元)",
            "（元）",
            "(单位:万元)",
            "(单位：万元)",
            "(%)",
        ] {
            if let Some(stripped) = s.strip_suffix(note) {
                s = stripped.to_owned();
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// `(一)财政拨款`, `1、一般公共预算`, `2.其他` → without the enumeration.
pub fn strip_enumeration(s: &str) -> &str {
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(rest) = s.strip_prefix(open) {
            if let Some((n, after)) = rest.split_once(close) {
                let numeral = !n.is_empty()
                    && n.chars().count() <= 3
                    && n.chars().all(|c| {
                        c.is_ascii_digit() || crate::number::chinese_digit(c).is_some() || c == '十'
                    });
                if numeral {
                    return after;
                }
            }
        }
    }
    let digits = s
        .char_indices()
        .take_while(|(_, c)| {
            c.is_ascii_digit() || crate::number::chinese_digit(*c).is_some() || *c == '十'
        })
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    if digits > 0 && digits <= 6 {
        if let Some(rest) = s
            .get(digits..)
            .and_then(|r| r.strip_prefix(['、', '.', '．']))
        {
            return rest;
        }
    }
    s
}

/// The money unit a label's note gives (`项目金额（万元）` → `万元`).
pub fn unit_note(cell: &str) -> Option<&'static str> {
    let s = crate::text::compact(cell);
    if s.contains("(万元)")
        || s.contains("（万元）")
        || s.contains("单位:万元")
        || s.contains("单位：万元")
    {
        Some("万元")
    } else if s.contains("(元)")
        || s.contains("（元）")
        || s.contains("单位:元")
        || s.contains("单位：元")
    {
        Some("元")
    } else {
        None
    }
}

/// The label a whole cell is (after [`key`]), if any.
pub fn label(cell: &str) -> Option<Label> {
    let k = key(cell);
    LABELS.iter().copied().find(|l| l.text == k)
}

/// The longest label `text` starts with (after folding), with the byte length of `text`'s folded
/// prefix it covers. Used for cells that hold a label and its value together (`年度资金总额: 20`).
pub fn label_prefix(folded: &str) -> Option<(Label, usize)> {
    LABELS
        .iter()
        .filter(|l| folded.starts_with(l.text))
        .max_by_key(|l| l.text.len())
        .map(|l| (*l, l.text.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_found_whatever_the_punctuation() {
        assert_eq!(
            label("年度资金总额：").map(|l| l.target),
            Some(Target::Project(ProjectText::Total))
        );
        assert_eq!(
            label("其中:财政拨款").map(|l| l.target),
            Some(Target::Project(ProjectText::Fiscal))
        );
        assert_eq!(
            label("下达中央预算内投资(万元)").map(|l| l.target),
            Some(Target::Project(ProjectText::Total))
        );
        assert_eq!(
            label("年度本级 预算金额").map(|l| l.target),
            Some(Target::Project(ProjectText::Total))
        );
        assert_eq!(label("雾炮车降尘抑尘服务"), None);
        assert_eq!(unit_note("项目金额(万元)"), Some("万元"));
    }

    #[test]
    fn the_longest_label_wins() {
        let (l, len) = label_prefix("项目负责人及电话王某").expect("a label");
        assert_eq!(l.text, "项目负责人及电话");
        assert_eq!(len, "项目负责人及电话".len());
        let (l, _) = label_prefix("项目名称市政日常维护经费").expect("a label");
        assert_eq!(l.target, Target::Project(ProjectText::Name));
    }

    #[test]
    fn no_label_is_listed_twice() {
        for (i, a) in LABELS.iter().enumerate() {
            assert!(
                LABELS.iter().skip(i + 1).all(|b| b.text != a.text),
                "{}",
                a.text
            );
        }
    }
}
