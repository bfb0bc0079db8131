//! One project table: code, name and the budget figures.

use crate::app::Dispatch;
use crate::components::field_input::FieldInput;
use hedui_core::editor::Editor;
use hedui_core::field::ProjectField;
use hedui_core::FieldPath;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub index: usize,
    pub editor: Rc<Editor>,
    pub dispatch: Dispatch,
}

#[function_component(ProjectCard)]
pub fn project_card(props: &Props) -> Html {
    let field = |f: ProjectField, label: &'static str, suffix: Option<&'static str>| {
        html! {
            <FieldInput path={FieldPath::Project(props.index, f)} label={label}
                suffix={suffix.map(AttrValue::from)}
                editor={props.editor.clone()} dispatch={props.dispatch.clone()} />
        }
    };
    let unit = props.editor.doc.money_unit.clone();
    let unit: &'static str = if unit == "元" { "元" } else { "万元" };
    html! {
        <article class="project-card" aria-label={format!("项目 {}", props.index + 1)}>
            <h2>{ format!("项目 {}", props.index + 1) }</h2>
            <div class="row">
                { field(ProjectField::Code, "项目编码", None) }
                { field(ProjectField::Name, "项目名称", None) }
            </div>
            <fieldset class="budget">
                <legend>{ format!("预算规模（{unit}）") }</legend>
                { field(ProjectField::Total, "预算数", Some(unit)) }
                { field(ProjectField::Fiscal, "其中：财政资金", Some(unit)) }
                { field(ProjectField::Other, "其他资金", Some(unit)) }
            </fieldset>
        </article>
    }
}
