//! HD701 识别存疑: figures damaged by copying (PDF extraction, mirrors, document previews), noted so
//! the user can check them, never reported as the author's error.

use crate::facts::{Damage, Facts, ProjectFacts};
use crate::field::Column;
use crate::finding::Severity;
use crate::rules::{rule, Rule, RuleInfo, Scope};
use crate::sink::Sink;

rule!(
    CopyDamage,
    "HD701",
    "识别存疑",
    "info",
    "## 检查什么\n\
     复制、转换造成的损坏，只作提示，不算填报错误：PDF 把 ≥ 读成 2（`292%` 应为 `≥92%`）；数字被空格断开\
     （`968.191 8`）；同一金额重复（`854万854万`，按 854 读）；数字被 `*` 遮盖（`139****5271`）；\
     时效指标中的 Excel 日期序号（`44561` 即 2021-12-31）。\n\n\
     ## 为什么\n\
     这些数字不是作者写错的，而是复制时坏掉的：如实说明读到了什么、按什么读，请用户对照原件。\n\n\
     ## 不通过的例子\n\
     质量指标“经常性大型设备更新验收合格率 292%”；财政拨款“854万854万”。\n\n\
     ## 通过的例子\n\
     “≥92%”；财政拨款“854”。"
);

const CODE: &str = CopyDamage::INFO.code;

fn describe(d: &Damage) -> String {
    match d {
        Damage::Doubled(t) => format!("“{t}”中同一金额写了两次，按一次读取；请对照原件"),
        Damage::Split(t) => format!("“{t}”中的数字被空格断开，无法确定数值；请对照原件"),
        Damage::Masked(t) => format!("“{t}”中有数字被 * 遮盖，无法核对"),
        Damage::LostComparator(t) => {
            let rest = t.get(1..).unwrap_or_default();
            format!("“{t}”超过 100%：可能是“≥{rest}”的 ≥ 在复制时变成了 2，请对照原件")
        }
        Damage::DateSerial(t) => {
            format!("“{t}”像是 Excel 的日期序号（日期被存成了数字），不是数量；请对照原件")
        }
    }
}

fn project(p: &ProjectFacts<'_>, out: &mut Sink) {
    for (field, d) in p.damage.iter().chain(&p.mid.damage) {
        out.fails(
            p.finding(CODE, Severity::Info, vec![p.path(*field)], describe(d)),
            None,
        );
    }
    for ind in p.all_indicators() {
        if let Some(d) = &ind.damage {
            out.fails(
                p.finding(
                    CODE,
                    Severity::Info,
                    vec![p.cell(ind, Column::Value)],
                    format!("“{}”：{}", ind.name, describe(d)),
                ),
                None,
            );
        }
    }
}

impl Rule for CopyDamage {
    fn info(&self) -> RuleInfo {
        Self::INFO
    }

    fn scope(&self) -> Scope {
        Scope::Project
    }

    fn check(&self, facts: &Facts<'_>, out: &mut Sink) {
        for p in &facts.projects {
            project(p, out);
        }
    }
}
