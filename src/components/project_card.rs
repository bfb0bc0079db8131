//! One project table: code, name, budget, 资金用途, schedule, goal lines and indicator rows.

use crate::app::Dispatch;
use crate::components::field_input::FieldInput;
use crate::components::row_buttons::RowButtons;
use crate::state::Messages;
use hedui_core::editor::{Action, List};
use hedui_core::field::{IndicatorColumn, ProjectField};
use hedui_core::model::Project;
use hedui_core::FieldPath;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub index: usize,
    pub count: usize,
    pub project: Rc<Project>,
    pub messages: Rc<Messages>,
    pub money_unit: AttrValue,
    pub dispatch: Dispatch,
}

#[function_component(ProjectCard)]
pub fn project_card(props: &Props) -> Html {
    let p = &*props.project;
    let index = props.index;
    let field = |f: ProjectField, label: &str, value: &str| {
        let path = FieldPath::Project(index, f);
        html! {
            <FieldInput {path} label={AttrValue::from(label.to_owned())} value={AttrValue::from(value.to_owned())}
                messages={props.messages.get(&path).cloned()} dispatch={props.dispatch.clone()} />
        }
    };
    let cell = |f: ProjectField, label: String, value: &str, multiline: bool| {
        let path = FieldPath::Project(index, f);
        html! {
            <FieldInput {path} label={label} value={AttrValue::from(value.to_owned())} bare=true {multiline}
                messages={props.messages.get(&path).cloned()} dispatch={props.dispatch.clone()} />
        }
    };
    let money = |f: ProjectField, label: &str, value: &str| {
        let path = FieldPath::Project(index, f);
        html! {
            <FieldInput {path} label={AttrValue::from(label.to_owned())} value={AttrValue::from(value.to_owned())}
                suffix={props.money_unit.clone()} messages={props.messages.get(&path).cloned()}
                dispatch={props.dispatch.clone()} />
        }
    };
    let add = |list: List, text: &'static str| {
        let dispatch = props.dispatch.clone();
        html! {
            <button type="button" class="add" onclick={Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Add(list)))}>
                { text }
            </button>
        }
    };
    let schedule = p.schedule.iter().enumerate().map(|(i, c)| {
        html! {
            <div class="checkpoint" key={i}>
                { cell(ProjectField::CheckpointLabel(i), format!("支出时点 {}", i + 1), &c.label, false) }
                { cell(ProjectField::CheckpointPercent(i), format!("{} 累计支出比例", c.label), &c.percent, false) }
                <RowButtons list={List::Schedule(index)} index={i} len={p.schedule.len()} what="支出时点" dispatch={props.dispatch.clone()} />
            </div>
        }
    });
    let goals = p.goals.iter().enumerate().map(|(i, g)| {
        html! {
            <li class="goal" key={i}>
                { cell(ProjectField::Goal(i), format!("绩效目标第 {} 条", i + 1), g, true) }
                <RowButtons list={List::Goals(index)} index={i} len={p.goals.len()} what="目标" dispatch={props.dispatch.clone()} />
            </li>
        }
    });
    let rows = p.indicators.iter().enumerate().map(|(r, row)| {
        let cells = IndicatorColumn::ALL.iter().map(|c| {
            let value = c.of(row);
            html! { <td>{ cell(ProjectField::Indicator(r, *c), format!("第 {} 行{}", r + 1, c.label()), value, false) }</td> }
        });
        html! {
            <tr key={r}>
                { for cells }
                <td><RowButtons list={List::Indicators(index)} index={r} len={p.indicators.len()} what="指标行" dispatch={props.dispatch.clone()} /></td>
            </tr>
        }
    });
    let title = if p.name.trim().is_empty() {
        format!("项目 {}", index + 1)
    } else {
        format!("项目 {}：{}", index + 1, p.name.trim())
    };
    html! {
        <article class="card project-card" id={format!("project-{index}")} aria-label={title.clone()}>
            <header class="card-head">
                <h2>{ title }</h2>
                <RowButtons list={List::Projects} index={index} len={props.count} what="项目" dispatch={props.dispatch.clone()} />
            </header>
            <div class="row">
                { field(ProjectField::Code, "项目编码", &p.code) }
                { field(ProjectField::Name, "项目名称", &p.name) }
            </div>
            <fieldset class="budget">
                <legend>{ format!("预算规模（{}）", props.money_unit) }</legend>
                { money(ProjectField::Total, "预算数", &p.budget.total) }
                { money(ProjectField::Fiscal, "其中：财政资金", &p.budget.fiscal) }
                { money(ProjectField::Other, "其他资金", &p.budget.other) }
            </fieldset>
            <FieldInput path={FieldPath::Project(index, ProjectField::Purpose)} label="资金用途" multiline=true
                value={AttrValue::from(p.purpose.clone())}
                messages={props.messages.get(&FieldPath::Project(index, ProjectField::Purpose)).cloned()}
                dispatch={props.dispatch.clone()} />
            <fieldset class="schedule">
                <legend>{"资金支出计划（%）"}</legend>
                { for schedule }
                { add(List::Schedule(index), "＋ 时点") }
            </fieldset>
            <section class="goals">
                <h3>{"绩效目标"}</h3>
                <ol>{ for goals }</ol>
                { add(List::Goals(index), "＋ 目标") }
            </section>
            <section class="indicators">
                <h3>{"绩效指标"}</h3>
                <div class="table-wrap">
                    <table>
                        <thead><tr>
                            { for IndicatorColumn::ALL.iter().map(|c| html! { <th>{ c.label() }</th> }) }
                            <th><span class="sr-only">{"操作"}</span></th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
                { add(List::Indicators(index), "＋ 指标行") }
            </section>
        </article>
    }
}
