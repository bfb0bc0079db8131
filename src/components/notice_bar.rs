//! A message of the session above the document, with what the user can do about it right there.

use hedui_core::session::{Event, Level, Notice};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub notice: Notice,
    pub id: AttrValue,
    pub on_event: Callback<Event>,
    /// Offers 知道了, which sends this.
    #[prop_or_default]
    pub dismiss: Option<Event>,
}

#[function_component(NoticeBar)]
pub fn notice_bar(props: &Props) -> Html {
    let n = &props.notice;
    let (class, role) = match n.level {
        Level::Info => ("banner info", "status"),
        Level::Warning => ("banner", "alert"),
        Level::Error => ("banner error", "alert"),
    };
    let send = |event: &Event| {
        let event = event.clone();
        props.on_event.reform(move |_: MouseEvent| event.clone())
    };
    html! {
        <div class={class} {role} id={props.id.clone()}>
            <span class="banner-text">{ n.text.clone() }</span>
            <span class="banner-actions">
                { for n.buttons.iter().map(|b| html! {
                    <button type="button" id={b.id} onclick={send(&b.event)}>{ b.label }</button>
                }) }
                if let Some(dismiss) = &props.dismiss {
                    <button type="button" class="dismiss" onclick={send(dismiss)}>{"知道了"}</button>
                }
            </span>
        </div>
    }
}
