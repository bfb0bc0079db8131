//! ↑ ↓ ✕ for a row of a list (goal lines, indicator rows, projects …).

use crate::app::Dispatch;
use hedui_core::editor::{Action, List};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub list: List,
    pub index: usize,
    pub len: usize,
    pub dispatch: Dispatch,
    /// What a row is called, for the buttons' labels (`目标`, `指标行`, `项目`).
    pub what: AttrValue,
}

#[function_component(RowButtons)]
pub fn row_buttons(props: &Props) -> Html {
    let act = |action: Action| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(action.clone()))
    };
    let (list, i, what) = (props.list, props.index, &props.what);
    html! {
        <span class="row-buttons">
            <button type="button" class="icon" title={format!("上移{what}")} aria-label={format!("上移{what}")}
                disabled={i == 0} onclick={act(Action::Move(list, i, -1))}>{"↑"}</button>
            <button type="button" class="icon" title={format!("下移{what}")} aria-label={format!("下移{what}")}
                disabled={i + 1 >= props.len} onclick={act(Action::Move(list, i, 1))}>{"↓"}</button>
            <button type="button" class="icon danger" title={format!("删除{what}")} aria-label={format!("删除{what}")}
                onclick={act(Action::Remove(list, i))}>{"✕"}</button>
        </span>
    }
}
