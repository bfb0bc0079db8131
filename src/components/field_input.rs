//! One editable field: its label, its text, and the messages the core has about it.

use crate::app::Dispatch;
use hedui_core::editor::{Action, Editor};
use hedui_core::FieldPath;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub path: FieldPath,
    pub label: AttrValue,
    pub editor: Rc<Editor>,
    pub dispatch: Dispatch,
    #[prop_or_default]
    pub suffix: Option<AttrValue>,
}

#[function_component(FieldInput)]
pub fn field_input(props: &Props) -> Html {
    let id = props.path.dom_id();
    let value = props
        .editor
        .doc
        .get(&props.path)
        .unwrap_or_default()
        .to_owned();
    let messages: Vec<_> = props.editor.report.messages_for(&props.path).collect();
    let invalid = messages
        .iter()
        .any(|f| f.severity != hedui_core::Severity::Info || f.fields.first() == Some(&props.path));
    let message_id = format!("{id}-msg");
    let oninput = {
        let dispatch = props.dispatch.clone();
        let path = props.path;
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            dispatch.dispatch(Action::Edit {
                field: path,
                value: input.value(),
            });
        })
    };
    html! {
        <label class={classes!("field", invalid.then_some("invalid"))}>
            <span class="field-label">{ props.label.clone() }</span>
            <span class="field-box">
                <input id={id} type="text" {value} {oninput} spellcheck="false"
                    aria-invalid={if invalid { "true" } else { "false" }}
                    aria-describedby={(!messages.is_empty()).then(|| message_id.clone())} />
                if let Some(suffix) = &props.suffix { <span class="suffix">{ suffix.clone() }</span> }
            </span>
            if !messages.is_empty() {
                <span class="field-msg" id={message_id}>
                    { for messages.iter().map(|f| html! {
                        <span class={classes!("msg", f.severity.key())}>{ format!("{} {}", f.rule, f.message) }</span>
                    }) }
                </span>
            }
        </label>
    }
}
