//! A loose block of prose between the tables (e.g. a repeated 工作保障措施).

use crate::app::Dispatch;
use crate::components::field_input::FieldInput;
use crate::components::row_buttons::RowButtons;
use crate::state::Messages;
use hedui_core::editor::{Action, List};
use hedui_core::model::Section;
use hedui_core::FieldPath;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub index: usize,
    pub count: usize,
    pub section: Section,
    pub messages: Rc<Messages>,
    pub dispatch: Dispatch,
}

#[function_component(SectionCard)]
pub fn section_card(props: &Props) -> Html {
    let s = props.index;
    let paragraphs = props.section.paragraphs.iter().enumerate().map(|(i, text)| {
        let path = FieldPath::SectionParagraph(s, i);
        html! {
            <li key={i}>
                <FieldInput {path} label={format!("第 {} 段", i + 1)} value={AttrValue::from(text.clone())} multiline=true
                    messages={props.messages.get(&path).cloned()} dispatch={props.dispatch.clone()} />
                <RowButtons list={List::Paragraphs(s)} index={i} len={props.section.paragraphs.len()} what="段落" dispatch={props.dispatch.clone()} />
            </li>
        }
    });
    let dispatch = props.dispatch.clone();
    let add =
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Add(List::Paragraphs(s))));
    let title = FieldPath::SectionTitle(s);
    html! {
        <article class="card section-card" aria-label={format!("其他段落 {}", s + 1)}>
            <header class="card-head">
                <FieldInput path={title} label="标题" value={AttrValue::from(props.section.title.clone())}
                    messages={props.messages.get(&title).cloned()} dispatch={props.dispatch.clone()} />
                <RowButtons list={List::Sections} index={s} len={props.count} what="段落块" dispatch={props.dispatch.clone()} />
            </header>
            <ol>{ for paragraphs }</ol>
            <button type="button" class="add" onclick={add}>{"＋ 段落"}</button>
        </article>
    }
}
