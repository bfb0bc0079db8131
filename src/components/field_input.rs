//! One editable field: its label, its text, and the messages the core has about it.

use crate::app::Dispatch;
use hedui_core::editor::Action;
use hedui_core::view::FieldMessage;
use hedui_core::{FieldPath, Severity};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub path: FieldPath,
    pub label: AttrValue,
    pub value: AttrValue,
    #[prop_or_default]
    pub messages: Option<Vec<FieldMessage>>,
    pub dispatch: Dispatch,
    /// A textarea for prose.
    #[prop_or_default]
    pub multiline: bool,
    /// The label is for screen readers only (table cells).
    #[prop_or_default]
    pub bare: bool,
    #[prop_or_default]
    pub suffix: Option<AttrValue>,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
}

#[function_component(FieldInput)]
pub fn field_input(props: &Props) -> Html {
    let id = props.path.dom_id();
    let messages = props.messages.as_deref().unwrap_or_default();
    let invalid = messages.iter().any(|m| m.invalid);
    let involved = !invalid && messages.iter().any(|m| m.severity != Severity::Info);
    let message_id = format!("{id}-msg");
    let path = props.path;
    let oninput = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let value = e
                .target_dyn_into::<HtmlTextAreaElement>()
                .map(|t| t.value())
                .or_else(|| e.target_dyn_into::<HtmlInputElement>().map(|i| i.value()))
                .unwrap_or_default();
            dispatch.dispatch(Action::Edit { field: path, value });
        })
    };
    let aria_invalid = if invalid { "true" } else { "false" };
    let described = (!messages.is_empty()).then(|| AttrValue::from(message_id.clone()));
    let control = if props.multiline {
        let rows = (props.value.chars().count() / 40 + 1)
            .clamp(2, 8)
            .to_string();
        html! {
            <textarea id={id} value={props.value.clone()} {oninput} rows={rows} spellcheck="false"
                aria-label={props.label.clone()} aria-invalid={aria_invalid} aria-describedby={described}
                placeholder={props.placeholder.clone()} />
        }
    } else {
        html! {
            <input id={id} type="text" value={props.value.clone()} {oninput} spellcheck="false"
                aria-label={props.label.clone()} aria-invalid={aria_invalid} aria-describedby={described}
                placeholder={props.placeholder.clone()} />
        }
    };
    html! {
        <div class={classes!("field", invalid.then_some("invalid"), involved.then_some("involved"), props.multiline.then_some("multiline"))}>
            if !props.bare { <label class="field-label" for={path.dom_id()}>{ props.label.clone() }</label> }
            <span class="field-box">
                { control }
                if let Some(suffix) = &props.suffix { <span class="suffix">{ suffix.clone() }</span> }
            </span>
            if !messages.is_empty() {
                <span class="field-msg" id={message_id}>
                    { for messages.iter().map(|m| html! {
                        <span class={classes!("msg", m.severity.key(), (!m.blamed).then_some("context"))}>
                            { format!("{} {}", m.rule, m.text) }
                        </span>
                    }) }
                </span>
            }
        </div>
    }
}
