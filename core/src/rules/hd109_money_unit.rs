//! HD109 金额单位: the money unit can be read, and the amounts look like amounts in that unit.

use crate::facts::Facts;
use crate::field::{FieldPath, ProjectText};
use crate::finding::{Finding, Severity};
use crate::quantity::MoneyUnit;
use crate::rules::{rule, Rule, RuleInfo, Scope};
use crate::sink::Sink;
use rust_decimal::Decimal;

rule!(
    MoneyUnitRule,
    "HD109",
    "金额单位",
    "warning",
    "## 检查什么\n\
     表头的金额单位（`单位：万元`、`金额单位：元`、千元）能够识别，金额按该单位计算；其他表格自带的单位\
     也一样。按万元填写的表中，预算数写成 100000 以上的整数（10 亿元以上），多半是按元填写的；\
     按元填写的表中，预算数不到 100 元且带小数，多半是按万元填写的。\n\n\
     ## 为什么\n\
     单位错了，所有金额差一万倍，核对的结论全都不对。\n\n\
     ## 不通过的例子\n\
     金额单位写“万园”；单位为万元的表中预算数写 520000。\n\n\
     ## 通过的例子\n\
     `单位：万元`，预算数 52.00；`金额单位：元`，预算数 520,000.00。"
);

const CODE: &str = MoneyUnitRule::INFO.code;

impl Rule for MoneyUnitRule {
    fn info(&self) -> RuleInfo {
        Self::INFO
    }

    fn scope(&self) -> Scope {
        Scope::Document
    }

    fn check(&self, facts: &Facts<'_>, out: &mut Sink) {
        if let Some(written) = &facts.unreadable_unit {
            out.fails(
                Finding::in_document(
                    CODE,
                    Severity::Warning,
                    vec![FieldPath::MONEY_UNIT],
                    format!("金额单位“{written}”无法识别，暂按万元计算：请写元、千元、万元或亿元"),
                ),
                None,
            );
        }
        for t in &facts.tables {
            if let Some(written) = &t.unreadable_unit {
                out.fails(
                    Finding::in_document(
                        CODE,
                        Severity::Warning,
                        vec![FieldPath::TableUnit(t.index)],
                        format!(
                            "表 {} 的金额单位“{written}”无法识别，按文件的金额单位计算",
                            t.index + 1
                        ),
                    ),
                    None,
                );
            }
        }
        for p in &facts.projects {
            let Ok(total) = &p.total else { continue };
            // Only a bare number takes the document's unit; `90000元` says its own.
            let bare = p
                .project
                .budget
                .total
                .trim()
                .ends_with(|c: char| c.is_ascii_digit());
            if !bare {
                continue;
            }
            let v = total.number.value;
            let suspicious = match facts.money_unit {
                MoneyUnit::Wan => v >= Decimal::from(100_000) && total.number.scale == 0,
                MoneyUnit::Yuan => v < Decimal::ONE_HUNDRED && total.number.scale > 0,
                _ => false,
            };
            if suspicious {
                let other = if facts.money_unit == MoneyUnit::Wan {
                    "元"
                } else {
                    "万元"
                };
                out.fails(
                    p.finding(
                        CODE,
                        Severity::Warning,
                        vec![p.path(ProjectText::Total)],
                        format!(
                            "预算数 {} {}：金额单位是{}，这个数字更像是按{other}填写的",
                            crate::format::with_scale(v, total.number.scale),
                            facts.money_unit.text(),
                            facts.money_unit.text()
                        ),
                    ),
                    None,
                );
            } else {
                out.holds();
            }
        }
    }
}
