//! HD406 指标方向: rates to raise take ≥ or =, rates and costs to keep down take ≤.

use crate::facts::{Direction, IndicatorFacts, ProjectFacts};
use crate::field::Column;
use crate::finding::Severity;
use crate::quantity::Comparator;
use crate::rules::rule;
use crate::sink::Sink;

rule!(
    IndicatorDirection,
    "HD406",
    "指标方向",
    "warning",
    "## 检查什么\n\
     计算符号的方向与指标相符：满意度、合格率、完成率、覆盖率、及时率等越高越好的指标写 ≥ 或 =，不写 ≤；\
     故障率、投诉、事故、受害率、发生率、成本等越低越好的指标写 ≤ 或 =，不写 ≥；数量指标写 ≥ 或 =\
     （产出的下限）；写了指标方向的，正向指标不用 ≤，反向指标不用 ≥。\n\n\
     ## 为什么\n\
     方向写反，目标就成了“满意度不超过 90%”“火灾受害率至少 0.9‰”，考核时无法自圆其说。\n\n\
     ## 不通过的例子\n\
     “森林火灾受害率 ≥0.9‰”；“群众满意度 ≤90%”；“小学就读人数 ≤6962 人”。\n\n\
     ## 通过的例子\n\
     “森林火灾受害率 ≤0.9‰”；“群众满意度 ≥90%”；“文物安全事故发生率 =0%”。",
    each_project: check_project
);

const CODE: &str = IndicatorDirection::INFO.code;

/// Measures that should be high.
const UP: &[&str] = &[
    "满意度",
    "合格率",
    "完成率",
    "达标率",
    "覆盖率",
    "知晓率",
    "及时率",
    "到位率",
    "执行率",
    "准确率",
    "成活率",
    "利用率",
    "普及率",
    "参保率",
    "入学率",
    "优良率",
    "完好率",
    "履约率",
    "兑现率",
    "发放率",
];

/// Measures that should be low.
const DOWN: &[&str] = &[
    "故障率",
    "投诉",
    "事故",
    "受害率",
    "受灾率",
    "发生率",
    "差错率",
    "损失",
    "失误",
    "超支",
    "违规",
    "辍学",
    "死亡率",
    "病死",
    "返贫",
    "失业率",
    "误差",
];

/// The characters that tell the measures in [`DOWN`] apart.
fn is_down_char(c: char) -> bool {
    matches!(
        c,
        '障' | '害'
            | '灾'
            | '生'
            | '错'
            | '亡'
            | '业'
            | '诉'
            | '故'
            | '损'
            | '误'
            | '支'
            | '规'
            | '辍'
            | '病'
            | '贫'
    )
}

fn problem(ind: &IndicatorFacts) -> Option<String> {
    let q = ind.quantity()?;
    if !q.comparator_written && !ind.typed_quantitative() {
        return None;
    }
    let name = &ind.name;
    let low = matches!(q.comparator, Comparator::Le | Comparator::Lt);
    let high = matches!(q.comparator, Comparator::Ge | Comparator::Gt);
    if !low && !high {
        return None;
    }
    let sym = q.comparator.symbol();
    // One pass over the name finds whether any measure-to-keep-down word can be in it.
    let maybe_down = name.chars().any(is_down_char);
    if maybe_down && DOWN.iter().any(|w| name.contains(w)) {
        return high.then(|| format!("“{name}”越低越好，应写 ≤（上限），而不是 {sym}"));
    }
    if low && (ind.is_satisfaction() || UP.iter().any(|w| name.contains(w))) {
        return Some(format!("“{name}”越高越好，应写 ≥ 或 =，而不是 {sym}"));
    }
    if ind.is_cost() && q.unit.is_money() && high {
        return Some(format!("成本指标“{name}”应写 ≤（成本上限），而不是 {sym}"));
    }
    match ind.direction {
        Direction::Positive if low => {
            return Some(format!("“{name}”标为正向指标，计算符号却是 {sym}"));
        }
        Direction::Negative if high => {
            return Some(format!("“{name}”标为反向指标，计算符号却是 {sym}"));
        }
        _ => {}
    }
    if ind.is_quantity() && low && ind.direction != Direction::Negative {
        return Some(format!(
            "数量指标“{name}”写了 {sym}：产出数量一般写下限（≥）或确数（=）"
        ));
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
