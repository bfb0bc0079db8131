//! The rule catalogue, generated from the rules' own documentation.

use hedui_core::view::{catalogue, DocBlock};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_close: Callback<()>,
}

#[function_component(RuleCatalogue)]
pub fn rule_catalogue(props: &Props) -> Html {
    let close = props.on_close.reform(|_: MouseEvent| ());
    let entries = catalogue().into_iter().map(|e| {
        html! {
            <article class="rule-doc" id={format!("rule-{}", e.code)} key={e.code}>
                <h3>{ format!("{} {}", e.code, e.title) }<span class="severity">{ e.severity }</span></h3>
                { for e.blocks.into_iter().map(|b| match b {
                    DocBlock::Heading(h) => html! { <h4>{ h }</h4> },
                    DocBlock::Text(t) => html! { <p>{ t }</p> },
                }) }
            </article>
        }
    });
    html! {
        <div class="dialog-backdrop">
            <section class="dialog catalogue" role="dialog" aria-modal="true" aria-label="规则说明">
                <header class="dialog-head">
                    <h2>{"规则说明"}</h2>
                    <button type="button" onclick={close}>{"关闭"}</button>
                </header>
                <div class="dialog-body">{ for entries }</div>
            </section>
        </div>
    }
}
