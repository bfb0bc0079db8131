//! HD407 指标归类: each indicator stands in the category it measures.

use crate::facts::{IndicatorFacts, ProjectFacts};
use crate::field::Column;
use crate::finding::Severity;
use crate::indicator::IndicatorValue;
use crate::rules::rule;
use crate::sink::Sink;
use crate::taxonomy::Kind;

rule!(
    IndicatorCategory,
    "HD407",
    "指标归类",
    "warning / info",
    "## 检查什么\n\
     指标放在它所衡量的类别下：质量类指标（合格率、验收、达标率、完好率）不放在效益指标下；\
     预算执行类指标（预算执行率、结余率、资金到位率、支出进度、调整次数）不作为效益；满意度不代替效益；\
     投入的资金、经费不作为产出数量；三级指标栏写的是指标名称而不是“社会成本指标”这样的类别名；\
     时效指标写时间（不写“有效”“教育均衡化发展”，为提示）。\n\n\
     ## 为什么\n\
     归类错了，指标体系就不完整或名不副实（评审常见问题：质量与效益混淆、以满意度代替效益、把投入当产出）。\n\n\
     ## 不通过的例子\n\
     效益指标下“工程验收合格率 100%”；社会效益指标“预算执行率 ≥95%”；数量指标“业务工作支出安排金额 28.8 万元”。\n\n\
     ## 通过的例子\n\
     质量指标“工程验收合格率 100%”；社会效益指标“受益群众人数 ≥1600 人”。",
    each_project: check_project
);

const CODE: &str = IndicatorCategory::INFO.code;

const QUALITY: &[&str] = &["合格率", "验收", "达标率", "完好率", "优良率", "质量"];
const EXECUTION: &[&str] = &[
    "预算执行",
    "结余率",
    "资金执行",
    "支出进度",
    "调整次数",
    "调整率",
    "资金到位率",
    "资金拨付率",
    "执行进度",
];
const MONEY_INPUT: &[&str] = &["金额", "资金", "经费", "投入", "拨款"];
const TIME_WORDS: &[&str] = &[
    "年", "月", "日", "天", "季", "周", "前", "底", "内", "及时", "按时", "期", "时间", "当年",
    "长期",
];

fn problem(ind: &IndicatorFacts) -> Option<(Severity, String)> {
    let name = &ind.name;
    let warn = |m: String| Some((Severity::Warning, m));
    // `社会成本指标` in the 三级 cell: a category, not an indicator (`群众满意度` alone is a name).
    if ind.level3().ends_with("指标") && crate::taxonomy::is_level_name(ind.level3()) {
        return warn(format!(
            "三级指标栏写的是类别“{}”，不是具体指标：请写明衡量什么",
            ind.level3()
        ));
    }
    if ind.is_benefit() {
        if EXECUTION.iter().any(|w| name.contains(w)) {
            return warn(format!(
                "“{name}”是预算执行情况，不是效益：请改为项目带来的效果"
            ));
        }
        if ind.is_satisfaction() || name.contains("满意") {
            return warn(format!(
                "“{name}”是满意度，不能代替效益指标：请放在满意度指标下"
            ));
        }
        if QUALITY.iter().any(|w| name.contains(w)) {
            return warn(format!(
                "“{name}”衡量的是产出质量，应放在产出指标的质量指标下"
            ));
        }
    }
    if ind.is_quantity() {
        let money_value = ind.quantity().is_some_and(|q| q.unit.is_money())
            || ind.name_units.iter().any(crate::quantity::Unit::is_money);
        if money_value && MONEY_INPUT.iter().any(|w| name.contains(w)) {
            return warn(format!(
                "“{name}”是投入的资金，不是产出数量：数量指标写完成了多少事"
            ));
        }
    }
    if ind.kind == Some(Kind::Timing) {
        if let IndicatorValue::Qualitative(v) | IndicatorValue::Unreadable(v) = &ind.value {
            if !TIME_WORDS.iter().any(|w| v.contains(w) || name.contains(w)) {
                return Some((
                    Severity::Info,
                    format!("时效指标“{name}”的指标值“{v}”不是时间要求"),
                ));
            }
        }
    }
    None
}

fn check_project(p: &ProjectFacts<'_>, out: &mut Sink) {
    for ind in p.all_indicators().filter(|i| i.started) {
        out.judge(problem(ind).map(|(severity, message)| {
            p.finding(CODE, severity, vec![p.cell(ind, Column::Level3)], message)
        }));
    }
}
