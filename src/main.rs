//! hedui's page: a thin Yew shell over hedui-core. Components forward DOM events to the core's
//! editing reducer and render what it computes; no arithmetic or rule logic lives here.

mod app;
mod components;
mod crash;
mod download;
mod files;
mod open_file;
mod selfbench;
mod state;
mod storage;

fn main() {
    crash::install();
    yew::Renderer::<app::App>::new().render();
}
