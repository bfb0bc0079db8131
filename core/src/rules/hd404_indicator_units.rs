//! HD404 指标单位: the unit of each indicator fits what it measures.

use crate::facts::{IndicatorFacts, ProjectFacts};
use crate::field::Column;
use crate::finding::Severity;
use crate::indicator::IndicatorValue;
use crate::quantity::Unit;
use crate::rules::rule;
use crate::sink::Sink;

rule!(
    IndicatorUnits,
    "HD404",
    "指标单位",
    "warning",
    "## 检查什么\n\
     指标值的计量单位与指标相符：金额（名称写明金额、资金、经费，或成本指标）不能以 % 计；数量指标\
     中的人数、个数、场次等数量不能以 % 计（名称以“率”“比例”结尾的覆盖率、接种率等除外）；\
     定量指标要有计量单位（预算系统不接受空单位）；定性指标不写数值和单位；人数以“人”计，不用“个”。\n\n\
     ## 为什么\n\
     单位写错，指标就无法考核：`应受助学生数 100%` 说不出要资助多少人，`20万元 | 100%` 把金额当成了比率。\n\n\
     ## 不通过的例子\n\
     数量指标“65岁及以上老年人健康管理人数 ≥70%”；成本指标“20万元”指标值 100%；\
     数量指标“村组干部230人”度量单位“个”；定量指标“开展文艺活动场次 20”没有单位。\n\n\
     ## 通过的例子\n\
     “65岁及以上老年人健康管理率 ≥70%”；“服务常住人口 ≥26000 人”；“项目总成本 ≤52 万元”。",
    each_project: check_project
);

const CODE: &str = IndicatorUnits::INFO.code;

/// Words of a name that mean money.
const MONEY_WORDS: &[&str] = &[
    "金额",
    "资金",
    "经费",
    "费用",
    "投资",
    "成本",
    "补助额",
    "万元",
];

/// Words of a name that mean a count of people or things.
const COUNT_WORDS: &[&str] = &[
    "人数",
    "人次",
    "个数",
    "数量",
    "次数",
    "场次",
    "户数",
    "学生数",
    "生数",
    "件数",
    "台数",
    "座数",
    "村数",
    "天数",
    "场数",
];

/// Words of a name that mean people.
const PEOPLE_WORDS: &[&str] = &[
    "人数",
    "人员",
    "干部",
    "学生",
    "人口",
    "职工",
    "教师",
    "老人",
    "群众",
    "农户",
    "残疾人",
    "人才",
];

fn is_rate_name(name: &str) -> bool {
    name.ends_with('率')
        || name.ends_with("比例")
        || name.ends_with("比重")
        || name.contains("覆盖")
        || name.contains("满意")
}

fn names_money(ind: &IndicatorFacts) -> bool {
    MONEY_WORDS.iter().any(|w| ind.name.contains(w)) || ind.name_units.iter().any(Unit::is_money)
}

fn problem(ind: &IndicatorFacts) -> Option<String> {
    let name = &ind.name;
    if ind.typed_qualitative() {
        if let IndicatorValue::Quantitative(q) = &ind.value {
            if !matches!(q.unit, Unit::None) {
                return Some(format!(
                    "“{name}”标为定性指标，指标值却写了“{}”和单位：定性指标写文字表述，定量指标写数值和单位",
                    ind.written
                ));
            }
        }
        if !ind.unit.is_empty() {
            return Some(format!(
                "“{name}”标为定性指标，却填了计量单位“{}”",
                ind.unit
            ));
        }
        return None;
    }
    let q = ind.quantity()?;
    let rate_name = is_rate_name(name);
    if matches!(q.unit, Unit::Percent) && !rate_name {
        if names_money(ind) && !ind.is_satisfaction() {
            return Some(format!(
                "“{name}”是金额，指标值却以 % 计（{}）：应写金额和单位（元、万元）",
                ind.written
            ));
        }
        if ind.is_quantity() && COUNT_WORDS.iter().any(|w| name.contains(w)) {
            return Some(format!(
                "“{name}”是数量，指标值却以 % 计（{}）：应写数量和单位（人、个、场……），或改为“…率”",
                ind.written
            ));
        }
        if ind.is_cost() {
            return Some(format!("成本指标“{name}”以 % 计：成本指标应写金额"));
        }
        if ind.is_quantity() {
            return Some(format!("数量指标“{name}”以 % 计：数量指标应写明数量和单位"));
        }
    }
    if matches!(q.unit, Unit::None) && !rate_name && (ind.is_quantity() || ind.typed_quantitative())
    {
        return Some(format!(
            "“{name}”的指标值 {} 没有计量单位：定量指标要写单位（人、个、万元……）",
            ind.written
        ));
    }
    if let Unit::Count(w) = &q.unit {
        let people = PEOPLE_WORDS.iter().any(|p| name.contains(p))
            || ind
                .name_units
                .iter()
                .any(|u| matches!(u, Unit::Count(u) if u == "人" || u == "名"));
        if w == "个" && people {
            return Some(format!("“{name}”数的是人，单位却是“个”：人数以“人”计"));
        }
    }
    None
}

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    for ind in p.all_indicators().filter(|i| i.readable()) {
        out.judge(problem(ind).map(|message| {
            p.finding(
                CODE,
                Severity::Warning,
                vec![p.cell(ind, Column::Value)],
                message,
            )
        }));
    }
}
