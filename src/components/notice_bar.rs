//! A message of the session above the document, with what the user can do about it right there.

use hedui_core::session::{Event, Level, Notice, Press};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub notice: Notice,
    pub id: AttrValue,
    pub on_event: Callback<Event>,
    /// Offers 知道了 (the latest notice; standing ones go away by themselves).
    #[prop_or_default]
    pub dismissible: bool,
}

#[function_component(NoticeBar)]
pub fn notice_bar(props: &Props) -> Html {
    let n = &props.notice;
    let (class, role) = match n.level {
        Level::Info => ("banner info", "status"),
        Level::Warning => ("banner", "alert"),
        Level::Error => ("banner error", "alert"),
    };
    let press = |p: &Press| {
        let p = p.clone();
        props
            .on_event
            .reform(move |_: MouseEvent| Event::Press(p.clone()))
    };
    html! {
        <div class={class} {role} id={props.id.clone()}>
            <span class="banner-text">{ n.text.clone() }</span>
            <span class="banner-actions">
                { for n.buttons.iter().map(|b| html! {
                    <button type="button" id={b.id} onclick={press(&b.press)}>{ b.label }</button>
                }) }
                if props.dismissible {
                    <button type="button" class="dismiss"
                        onclick={props.on_event.reform(|_: MouseEvent| Event::DismissNotice)}>{"知道了"}</button>
                }
            </span>
        </div>
    }
}
