//! One version of 部门整体绩效目标: overall goal, key projects, 工作保障措施.

use crate::app::Dispatch;
use crate::components::field_input::FieldInput;
use crate::components::row_buttons::RowButtons;
use crate::state::Messages;
use hedui_core::editor::{Action, List};
use hedui_core::field::KeyProjectPart;
use hedui_core::model::Overview;
use hedui_core::FieldPath;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub index: usize,
    pub count: usize,
    pub overview: Overview,
    pub messages: Rc<Messages>,
    pub dispatch: Dispatch,
}

#[function_component(OverviewCard)]
pub fn overview_card(props: &Props) -> Html {
    let o = props.index;
    let ov = &props.overview;
    let text = |path: FieldPath, label: String, value: &str, multiline: bool| {
        html! {
            <FieldInput {path} label={label} value={AttrValue::from(value.to_owned())} {multiline}
                messages={props.messages.get(&path).cloned()} dispatch={props.dispatch.clone()} />
        }
    };
    let add = |list: List, label: &'static str| {
        let dispatch = props.dispatch.clone();
        html! { <button type="button" class="add" onclick={Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Add(list)))}>{ label }</button> }
    };
    let key_projects = ov.key_projects.iter().enumerate().map(|(k, kp)| {
        html! {
            <div class="key-project" key={k}>
                <div class="row">
                    { text(FieldPath::KeyProject(o, k, KeyProjectPart::Name), "重点项目".into(), &kp.name, false) }
                    <RowButtons list={List::KeyProjects(o)} index={k} len={ov.key_projects.len()} what="重点项目" dispatch={props.dispatch.clone()} />
                </div>
                { text(FieldPath::KeyProject(o, k, KeyProjectPart::Description), "说明".into(), &kp.description, true) }
                { text(FieldPath::KeyProject(o, k, KeyProjectPart::Goal), "绩效目标".into(), &kp.goal, true) }
                { text(FieldPath::KeyProject(o, k, KeyProjectPart::Indicator), "绩效指标".into(), &kp.indicator, false) }
            </div>
        }
    });
    let safeguards = ov.safeguards.iter().enumerate().map(|(i, s)| {
        html! {
            <li key={i}>
                { text(FieldPath::Safeguard(o, i), format!("工作保障措施第 {} 条", i + 1), s, true) }
                <RowButtons list={List::Safeguards(o)} index={i} len={ov.safeguards.len()} what="措施" dispatch={props.dispatch.clone()} />
            </li>
        }
    });
    html! {
        <article class="card overview-card" aria-label={format!("部门整体绩效目标（第 {} 版）", o + 1)}>
            <header class="card-head">
                <h2>{ format!("部门整体绩效目标（第 {} 版）", o + 1) }</h2>
                <RowButtons list={List::Overviews} index={o} len={props.count} what="整体目标" dispatch={props.dispatch.clone()} />
            </header>
            { text(FieldPath::OverallGoal(o), "总体绩效目标".into(), &ov.overall_goal, true) }
            { for key_projects }
            { add(List::KeyProjects(o), "＋ 重点项目") }
            <h3>{"工作保障措施"}</h3>
            <ol class="safeguards">{ for safeguards }</ol>
            { add(List::Safeguards(o), "＋ 措施") }
        </article>
    }
}
