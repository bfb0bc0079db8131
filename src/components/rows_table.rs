//! One of a project's row lists (indicators, goal lines, cost lines, sources …) as an editable
//! table whose columns come from the core's field table ([`ProjectList::columns`]).

use crate::app::Dispatch;
use crate::components::field_input::FieldInput;
use crate::components::row_buttons::RowButtons;
use crate::state::Messages;
use hedui_core::editor::{Action, List};
use hedui_core::field::{Column, ProjectField, ProjectList};
use hedui_core::model::Project;
use hedui_core::FieldPath;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub index: usize,
    pub list: ProjectList,
    pub project: Rc<Project>,
    pub messages: Rc<Messages>,
    pub dispatch: Dispatch,
    /// What one row is called on its buttons (`指标行`, `目标`).
    pub what: AttrValue,
    /// Columns shown only when some row fills them (计算符号, 权重 … in layouts that have them).
    #[prop_or_default]
    pub optional: &'static [Column],
}

/// Prose columns get a growing textarea.
fn is_prose(column: Column) -> bool {
    matches!(
        column,
        Column::Line | Column::Description | Column::Basis | Column::Plan | Column::Level3
    )
}

#[function_component(RowsTable)]
pub fn rows_table(props: &Props) -> Html {
    let p = &*props.project;
    let (index, list) = (props.index, props.list);
    let len = list.len(p);
    let text = |row: usize, column: Column| {
        p.field_text(ProjectField::Cell(list, row, column))
            .unwrap_or_default()
    };
    let columns: Vec<(Column, &'static str)> = list
        .columns()
        .iter()
        .copied()
        .filter(|(c, _)| {
            !props.optional.contains(c) || (0..len).any(|r| !text(r, *c).trim().is_empty())
        })
        .collect();
    let rows = (0..len).map(|r| {
        let cells = columns.iter().map(|(c, _)| {
            let path = FieldPath::Project(index, ProjectField::Cell(list, r, *c));
            html! {
                <td>
                    <FieldInput {path} label={list.row_label(r, *c)} value={AttrValue::from(text(r, *c).to_owned())}
                        bare=true multiline={is_prose(*c)} messages={props.messages.get(&path).cloned()}
                        dispatch={props.dispatch.clone()} />
                </td>
            }
        });
        html! {
            <tr key={r}>
                { for cells }
                <td><RowButtons list={List::Rows(index, list)} index={r} {len} what={props.what.clone()} dispatch={props.dispatch.clone()} /></td>
            </tr>
        }
    });
    let add = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Add(List::Rows(index, list))))
    };
    html! {
        <section class={classes!("rows", list.key().replace('.', "-"))}>
            <h3>{ list.label() }</h3>
            if len > 0 {
                <div class="table-wrap">
                    <table>
                        <thead><tr>
                            { for columns.iter().map(|(_, label)| html! { <th>{ *label }</th> }) }
                            <th><span class="sr-only">{"操作"}</span></th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            }
            <button type="button" class="add" onclick={add}>{ format!("＋ {}", props.what) }</button>
        </section>
    }
}
