//! The page: document on the left, findings on the right.

use crate::components::findings_panel::FindingsPanel;
use crate::components::project_card::ProjectCard;
use crate::state::State;
use yew::prelude::*;

/// Dispatches core actions from any component.
pub type Dispatch = UseReducerDispatcher<State>;

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    let dispatch = state.dispatcher();
    let editor = state.editor.clone();
    let cards = (0..editor.doc.projects.len()).map(|index| {
        html! {
            <ProjectCard key={index} index={index} editor={editor.clone()} dispatch={dispatch.clone()} />
        }
    });
    html! {
        <div class="app" id="hedui-app" data-ready="true">
            <header class="topbar">
                <h1>{"核对 hedui"}</h1>
                <span class="subtitle">{"项目支出绩效目标表核对（离线）"}</span>
            </header>
            <main class="layout">
                <section class="document" aria-label="绩效目标表">{ for cards }</section>
                <FindingsPanel editor={editor.clone()} />
            </main>
        </div>
    }
}
