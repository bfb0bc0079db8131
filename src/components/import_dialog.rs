//! 粘贴导入: paste the text of a published PDF, see what was recognised and what was not, confirm.

use hedui_core::import::{import_pasted, Imported};
use hedui_core::model::Document;
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Pastes larger than this are recognised on request, not on every keystroke.
const LIVE_LIMIT: usize = 256 * 1024;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_import: Callback<Document>,
    pub on_close: Callback<()>,
}

#[function_component(ImportDialog)]
pub fn import_dialog(props: &Props) -> Html {
    let text = use_state(String::new);
    let preview = use_state(|| None::<Rc<Imported>>);
    let recognise = {
        let preview = preview.clone();
        move |t: &str| preview.set((!t.trim().is_empty()).then(|| Rc::new(import_pasted(t))))
    };
    let oninput = {
        let text = text.clone();
        let recognise = recognise.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            if value.len() <= LIVE_LIMIT {
                recognise(&value);
            }
            text.set(value);
        })
    };
    let on_recognise = {
        let text = text.clone();
        Callback::from(move |_: MouseEvent| recognise(&text))
    };
    let confirm = preview.as_ref().map(|p| {
        let doc = p.document.clone();
        let on_import = props.on_import.clone();
        Callback::from(move |_: MouseEvent| on_import.emit(doc.clone()))
    });
    let close = props.on_close.reform(|_: MouseEvent| ());
    let summary = preview.as_ref().map(|p| {
        let d = &p.document;
        html! {
            <div class="preview" aria-label="识别结果">
                <p class="recognised">{ format!(
                    "识别出 {} 个项目表、{} 版整体绩效目标、{} 个其他段落；{} 行未能识别。",
                    d.projects.len(), d.overviews.len(), d.sections.len(), p.unplaced.len()
                ) }</p>
                <ul class="project-list">
                    { for d.projects.iter().map(|pr| html! {
                        <li>{ format!("{}（{}，预算数 {}）", pr.name, pr.code, pr.budget.total) }</li>
                    }) }
                </ul>
                { for p.notes.iter().map(|n| html! { <p class="note">{ n.clone() }</p> }) }
                if !p.unplaced.is_empty() {
                    <h3>{"未能识别的文字（不会丢弃，请核对）"}</h3>
                    <ol class="unplaced">
                        { for p.unplaced.iter().map(|u| html! { <li>{ format!("第 {} 行：{}", u.line, u.text) }</li> }) }
                    </ol>
                }
            </div>
        }
    });
    html! {
        <div class="dialog-backdrop">
            <section class="dialog import" role="dialog" aria-modal="true" aria-label="粘贴导入">
                <header class="dialog-head">
                    <h2>{"粘贴导入"}</h2>
                    <button type="button" onclick={close.clone()}>{"取消"}</button>
                </header>
                <div class="dialog-body">
                    <p>{"把从 PDF 复制的绩效文本粘贴到下面，确认识别结果后导入（会替换当前文档，可撤销）。"}</p>
                    <textarea id="import-text" rows="12" value={(*text).clone()} {oninput} spellcheck="false"
                        aria-label="粘贴的文本" placeholder="在此粘贴……" />
                    <div class="dialog-actions">
                        <button type="button" onclick={on_recognise}>{"识别"}</button>
                        <button type="button" class="primary" id="import-confirm" disabled={confirm.is_none()}
                            onclick={confirm.unwrap_or_default()}>{"确认导入"}</button>
                    </div>
                    { summary.unwrap_or_default() }
                </div>
            </section>
        </div>
    }
}
