//! HD403 指标依据: every 三级指标 has a 指标值确定依据.

use crate::facts::Facts;
use crate::field::Column;
use crate::finding::Severity;
use crate::rules::{rule, RuleInfo};
use crate::sink::Sink;

rule!(
    IndicatorBasis,
    "HD403",
    "指标依据",
    "warning",
    "## 检查什么\n\
     每个三级指标都填写了指标值确定依据（计划标准、行业标准、历史标准，或文件如 `冀财行〔2023〕98号`）。\
     表格没有依据这一栏（全表都没有填写依据，如多数申报表和发展改革部门的表）时不核对。\n\n\
     ## 为什么\n\
     没有依据的指标值无从判断是否合理，评审会要求补充。\n\n\
     ## 不通过的例子\n\
     “慰问帮扶精准率 ≥90%”的依据一栏为空。\n\n\
     ## 通过的例子\n\
     “慰问帮扶精准率 ≥90%”，依据 `遵字【2008】14 号`。"
);

impl crate::rules::Rule for IndicatorBasis {
    fn info(&self) -> RuleInfo {
        Self::INFO
    }

    fn check(&self, facts: &Facts<'_>, out: &mut Sink) {
        for p in &facts.projects {
            for rows in [&p.indicators, &p.mid_indicators] {
                // A layout with no 依据 column (most 申报表, the NDRC table) has nothing to fill.
                if !rows.iter().any(|i| i.has_basis) {
                    continue;
                }
                for ind in rows.iter().filter(|i| i.started) {
                    if ind.has_basis {
                        out.holds();
                        continue;
                    }
                    out.fails(
                        p.finding(
                            IndicatorBasis::INFO.code,
                            Severity::Warning,
                            vec![p.cell(ind, Column::Basis)],
                            format!("“{}”没有填写指标值确定依据", ind.name),
                        ),
                        None,
                    );
                }
            }
        }
    }
}
