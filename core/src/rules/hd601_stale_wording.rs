//! HD601 过时表述: wording superseded in the document's year, e.g. 十九大 in a 2024 document.

use crate::facts::Facts;
use crate::field::{FieldPath, KeyProjectPart, ProjectField, ProjectText};
use crate::finding::{Finding, Severity};
use crate::rules::{rule, Rule, RuleInfo, Scope};
use crate::sink::Sink;
use crate::text::contains_word;

rule!(
    StaleWording,
    "HD601",
    "过时表述",
    "warning",
    "## 检查什么\n\
     文件年度已不再适用的表述，例如 2023 年及以后的文件里写“十九大”，而文件其他段落写的是“二十大”。\n\n\
     ## 为什么\n\
     文字大多从往年复制，改了一处漏了一处，发布后就成了明显的差错。\n\n\
     ## 不通过的例子\n\
     2024 年文件，前两段工作保障措施写“认真学习二十大工作报告”，第三段写“认真学习十九大工作报告”。\n\n\
     ## 通过的例子\n\
     2024 年文件，各段都写“二十大”。"
);

/// A wording and what replaced it from a given year.
struct Superseded {
    old: &'static str,
    new: &'static str,
    from_year: u16,
}

/// The table of superseded wording. A finding needs the new wording elsewhere in the document,
/// so a quotation of history in a document that never mentions the new term is left alone.
const SUPERSEDED: &[Superseded] = &[
    Superseded {
        old: "十九大",
        new: "二十大",
        from_year: 2023,
    },
    Superseded {
        old: "十九届",
        new: "二十届",
        from_year: 2023,
    },
];

/// Every prose field of the document with its path.
fn prose<'a>(facts: &Facts<'a>) -> Vec<(FieldPath, &'a str)> {
    let doc = facts.doc;
    let mut out: Vec<(FieldPath, &str)> = Vec::new();
    for (o, ov) in doc.overviews.iter().enumerate() {
        out.push((FieldPath::OverallGoal(o), &ov.overall_goal));
        for (k, kp) in ov.key_projects.iter().enumerate() {
            out.push((
                FieldPath::KeyProject(o, k, KeyProjectPart::Description),
                &kp.description,
            ));
            out.push((FieldPath::KeyProject(o, k, KeyProjectPart::Goal), &kp.goal));
        }
        for (i, s) in ov.safeguards.iter().enumerate() {
            out.push((FieldPath::Safeguard(o, i), s));
        }
    }
    for (s, sec) in doc.sections.iter().enumerate() {
        for (i, para) in sec.paragraphs.iter().enumerate() {
            out.push((FieldPath::SectionParagraph(s, i), para));
        }
    }
    for (p, proj) in doc.projects.iter().enumerate() {
        out.push((
            FieldPath::Project(p, ProjectField::Text(ProjectText::Purpose)),
            &proj.purpose,
        ));
        for (i, g) in proj.goals.iter().enumerate() {
            out.push((FieldPath::Project(p, ProjectField::goal(i)), g));
        }
    }
    out
}

impl Rule for StaleWording {
    fn info(&self) -> RuleInfo {
        Self::INFO
    }

    fn scope(&self) -> Scope {
        Scope::Document
    }

    fn check(&self, facts: &Facts<'_>, out: &mut Sink) {
        let Some(year) = facts.year() else { return };
        let texts = prose(facts);
        for s in SUPERSEDED.iter().filter(|s| year >= s.from_year) {
            let with_old: Vec<FieldPath> = texts
                .iter()
                .filter(|(_, t)| contains_word(t, s.old))
                .map(|(f, _)| *f)
                .collect();
            if with_old.is_empty() {
                continue;
            }
            let new_used = texts
                .iter()
                .filter(|(_, t)| contains_word(t, s.new))
                .count();
            for field in &with_old {
                if new_used == 0 {
                    out.holds();
                    continue;
                }
                let finding = Finding {
                    project_index: field.project(),
                    project: field
                        .project()
                        .and_then(|p| facts.projects.get(p))
                        .map(|p| p.label.clone()),
                    ..Finding::in_document(
                        StaleWording::INFO.code,
                        Severity::Warning,
                        vec![*field],
                        format!(
                            "{year} 年的文件中，{}写“{}”，而文件其他 {new_used} 处写的是“{}”：可能是沿用往年的文字",
                            facts.doc.field_label(field),
                            s.old,
                            s.new
                        ),
                    )
                };
                out.fails(finding, None);
            }
        }
    }
}
