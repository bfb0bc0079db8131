//! A question the session asks (replace a document? clear? export first?): focus goes into it,
//! stays there, and Esc answers no.

use hedui_core::session::Question;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub question: Question,
    pub on_answer: Callback<bool>,
}

#[function_component(QuestionDialog)]
pub fn question_dialog(props: &Props) -> Html {
    let yes_ref = use_node_ref();
    let no_ref = use_node_ref();
    {
        // The safe answer has the focus when agreeing would destroy something.
        let target = if props.question.destructive {
            no_ref.clone()
        } else {
            yes_ref.clone()
        };
        use_effect_with(props.question.text.clone(), move |_| {
            if let Some(el) = target.cast::<HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let onkeydown = {
        let on_answer = props.on_answer.clone();
        let (yes_ref, no_ref) = (yes_ref.clone(), no_ref.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                on_answer.emit(false);
            }
            "Tab" => {
                // Two buttons: Tab and Shift+Tab move between them and never out of the dialog.
                e.prevent_default();
                let active = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element());
                let on_yes = active
                    .zip(yes_ref.get())
                    .is_some_and(|(a, y)| a == y.unchecked_into::<web_sys::Element>());
                let next = if on_yes { &no_ref } else { &yes_ref };
                if let Some(el) = next.cast::<HtmlElement>() {
                    let _ = el.focus();
                }
            }
            _ => {}
        })
    };
    let answer = |yes: bool| props.on_answer.reform(move |_: MouseEvent| yes);
    let q = &props.question;
    html! {
        <div class="dialog-backdrop">
            <section class="dialog question" role="alertdialog" aria-modal="true"
                aria-labelledby="question-text" {onkeydown}>
                <div class="dialog-body">
                    <p id="question-text">{ q.text.clone() }</p>
                    <div class="dialog-actions">
                        <button type="button" id="question-no" ref={no_ref} onclick={answer(false)}>{ q.no }</button>
                        <button type="button" id="question-yes" ref={yes_ref}
                            class={if q.destructive { "danger" } else { "primary" }}
                            onclick={answer(true)}>{ q.yes }</button>
                    </div>
                </div>
            </section>
        </div>
    }
}
