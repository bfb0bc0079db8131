//! 粘贴导入: paste a table (from a PDF, Excel, Word or a web page), see what was recognised, where
//! each value came from and what was not found, then confirm. When the clipboard carries HTML (Word,
//! WPS, a web page), its table is read rather than the plain text, which loses the grid.

use hedui_core::import::{import_html, import_pasted, Imported};
use hedui_core::model::Document;
use std::rc::Rc;
use wasm_bindgen::JsCast;
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
    // The clipboard's HTML of the last paste, while the text is what that paste put in the box.
    let html = use_state(|| None::<(String, String)>);
    let preview = use_state(|| None::<Rc<Imported>>);
    let recognise = {
        let preview = preview.clone();
        let html = html.clone();
        move |t: &str| {
            let from_html = html
                .as_ref()
                .filter(|(_, pasted)| pasted == t)
                .map(|(h, _)| import_html(h));
            let imported = from_html.or_else(|| (!t.trim().is_empty()).then(|| import_pasted(t)));
            preview.set(imported.map(Rc::new));
        }
    };
    let onpaste = {
        let html = html.clone();
        Callback::from(move |e: Event| {
            let Some(e) = e.dyn_ref::<web_sys::ClipboardEvent>() else {
                return;
            };
            let data = e.clipboard_data();
            let markup = data
                .as_ref()
                .and_then(|d| d.get_data("text/html").ok())
                .unwrap_or_default();
            let plain = data
                .and_then(|d| d.get_data("text/plain").ok())
                .unwrap_or_default();
            let has_table = markup.to_ascii_lowercase().contains("<table");
            html.set(has_table.then_some((markup, plain)));
        })
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
        let coverage = p.coverage.projects.iter().map(|c| {
            let project = d.projects.get(c.index);
            let found = project.map(hedui_core::view::found_parts).unwrap_or_default();
            let missing: Vec<&str> = c.missing.iter().map(|m| m.label()).collect();
            html! {
                <li data-project={c.index.to_string()}>
                    <span class="project-name">{ c.label.clone() }</span>
                    <span class="found">{ format!("已识别：{}", found.join("、")) }</span>
                    if !missing.is_empty() {
                        <span class="missing">{ format!("未找到：{}", missing.join("、")) }</span>
                    }
                </li>
            }
        });
        let sources = p.provenance.iter().take(200).map(|pr| html! { <li>{ pr.describe(d) }</li> });
        html! {
            <div class="preview" aria-label="识别结果">
                <p class="recognised">{ format!(
                    "按“{}”识别出 {} 个项目表、{} 版整体绩效目标、{} 个其他段落；{} 处未能识别。",
                    p.source, d.projects.len(), d.overviews.len(), d.sections.len(), p.unplaced.len()
                ) }</p>
                if let Some(gap) = p.coverage.headline() {
                    <p class="coverage-gap" id="import-coverage">{ gap }</p>
                }
                <ul class="project-list" id="import-projects">{ for coverage }</ul>
                if !p.provenance.is_empty() {
                    <details class="provenance" open=true>
                        <summary>{ format!("每个数值的来源（{} 项）", p.provenance.len()) }</summary>
                        <ol id="import-provenance">{ for sources }</ol>
                    </details>
                }
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
                    <p>{"把从 PDF、Excel、Word 或网页复制的绩效目标表粘贴到下面，确认识别结果后导入（会替换当前文档，可撤销）。"}</p>
                    <textarea id="import-text" rows="12" value={(*text).clone()} {oninput} {onpaste} spellcheck="false"
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
