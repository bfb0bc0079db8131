//! One project table: its facts, its money (年度, and 中期 where the layout has it), prose, and its
//! row lists. Fields and columns come from the core's field tables.

use crate::app::Dispatch;
use crate::components::field_input::FieldInput;
use crate::components::row_buttons::RowButtons;
use crate::components::rows_table::RowsTable;
use crate::state::Messages;
use hedui_core::editor::List;
use hedui_core::field::{Column, ProjectField, ProjectList, ProjectText};
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

/// Indicator columns that only some layouts have.
const OPTIONAL_INDICATOR_COLUMNS: &[Column] = &[
    Column::Description,
    Column::Comparator,
    Column::Unit,
    Column::Weight,
    Column::Direction,
];

#[function_component(ProjectCard)]
pub fn project_card(props: &Props) -> Html {
    let p = &*props.project;
    let index = props.index;
    let field = |t: ProjectText, money: bool| {
        let path = FieldPath::Project(index, ProjectField::Text(t));
        let multiline = matches!(t, ProjectText::Summary | ProjectText::Purpose);
        html! {
            <FieldInput {path} label={t.label()} value={AttrValue::from(t.of(p).clone())} {multiline}
                suffix={money.then(|| props.money_unit.clone())} messages={props.messages.get(&path).cloned()}
                dispatch={props.dispatch.clone()} />
        }
    };
    let list = |list: ProjectList, what: &'static str, optional: &'static [Column]| {
        html! {
            <RowsTable {index} {list} project={props.project.clone()} messages={props.messages.clone()}
                dispatch={props.dispatch.clone()} {what} {optional} />
        }
    };
    let has = |l: ProjectList| l.len(p) > 0;
    let mid = p.mid_budget != hedui_core::model::Budget::default();
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
                { field(ProjectText::Code, false) }
                { field(ProjectText::Name, false) }
            </div>
            <details class="facts" open={[ProjectText::Department, ProjectText::Implementer, ProjectText::Attribute, ProjectText::Period].iter().any(|t| !t.of(p).trim().is_empty())}>
                <summary>{"项目信息（主管部门、实施单位、项目属性、项目期）"}</summary>
                <div class="row">
                    { field(ProjectText::Department, false) }
                    { field(ProjectText::Implementer, false) }
                    { field(ProjectText::Attribute, false) }
                    { field(ProjectText::Period, false) }
                </div>
            </details>
            <fieldset class="budget">
                <legend>{ format!("年度资金（{}）", props.money_unit) }</legend>
                { field(ProjectText::Total, true) }
                { field(ProjectText::Fiscal, true) }
                { field(ProjectText::Other, true) }
            </fieldset>
            if has(ProjectList::Sources) { { list(ProjectList::Sources, "资金来源", &[]) } }
            <details class="mid" open={mid}>
                <summary>{"中期资金（多年项目）"}</summary>
                <fieldset class="budget">
                    <legend>{ format!("中期资金（{}）", props.money_unit) }</legend>
                    { field(ProjectText::MidTotal, true) }
                    { field(ProjectText::MidFiscal, true) }
                    { field(ProjectText::MidOther, true) }
                </fieldset>
                { list(ProjectList::MidSources, "资金来源", &[]) }
            </details>
            if !p.summary.trim().is_empty() { { field(ProjectText::Summary, false) } }
            { field(ProjectText::Purpose, false) }
            if has(ProjectList::Spending) { { list(ProjectList::Spending, "支出项目", &[]) } }
            if has(ProjectList::Costs) { { list(ProjectList::Costs, "成本项目", &[]) } }
            { list(ProjectList::Schedule, "时点", &[]) }
            if has(ProjectList::MidGoals) { { list(ProjectList::MidGoals, "中期目标", &[]) } }
            { list(ProjectList::Goals, "目标", &[]) }
            if has(ProjectList::Tasks) { { list(ProjectList::Tasks, "任务", &[]) } }
            { list(ProjectList::Indicators, "指标行", OPTIONAL_INDICATOR_COLUMNS) }
            if has(ProjectList::MidIndicators) { { list(ProjectList::MidIndicators, "中期指标行", OPTIONAL_INDICATOR_COLUMNS) } }
        </article>
    }
}
