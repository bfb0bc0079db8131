//! The findings list beside the document.

use hedui_core::editor::Editor;
use hedui_core::Severity;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub editor: Rc<Editor>,
}

#[function_component(FindingsPanel)]
pub fn findings_panel(props: &Props) -> Html {
    let report = &props.editor.report;
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let items = report.findings.iter().chain(&report.pending).map(|f| {
        let target = f.fields.first().map(|p| format!("#{}", p.dom_id()));
        html! {
            <li class={classes!("finding", f.severity.key())} data-rule={f.rule} data-severity={f.severity.key()}>
                <span class="badge">{ f.severity.label() }</span>
                <span class="rule">{ f.rule }</span>
                if let Some(p) = &f.project { <span class="project">{ p.clone() }</span> }
                <p class="message">{ f.message.clone() }</p>
                if let Some(t) = target { <a class="goto" href={t}>{"定位"}</a> }
            </li>
        }
    });
    html! {
        <aside class="findings">
            <h2>{"核对结果"}</h2>
            <p class="summary" id="summary">
                { format!("{errors} 个错误，{warnings} 个警告") }
            </p>
            if report.findings.is_empty() && report.pending.is_empty() {
                <p class="all-good">{"未发现问题"}</p>
            }
            <ul aria-label="核对结果">{ for items }</ul>
        </aside>
    }
}
