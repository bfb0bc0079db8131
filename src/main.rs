//! hedui's page: a thin Yew shell over hedui-core. Components forward DOM events to the core's
//! editing reducer and render what it computes; no arithmetic or rule logic lives here.

mod app;
mod components;
mod download;
mod state;
mod storage;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
