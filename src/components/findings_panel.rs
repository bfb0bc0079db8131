//! The findings beside the document: counts, then findings grouped by project, errors first,
//! each one click from its fields and, where the core found one, one click from its fix.

use crate::app::Dispatch;
use hedui_core::editor::{Action, Editor};
use hedui_core::view::grouped;
use hedui_core::{FieldPath, Finding, Severity};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub editor: Rc<Editor>,
    pub dispatch: Dispatch,
    pub on_locate: Callback<FieldPath>,
}

fn finding_item(f: &Finding, key: String, props: &Props) -> Html {
    let locate = f.fields.first().copied().map(|path| {
        let on_locate = props.on_locate.clone();
        Callback::from(move |_: MouseEvent| on_locate.emit(path))
    });
    let apply = f.suggestion.clone().map(|s| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ApplySuggestion(s.clone())))
    });
    let title = hedui_core::rules::find(f.rule)
        .map(|r| r.info().title)
        .unwrap_or_default();
    html! {
        <li class={classes!("finding", f.severity.key())} data-rule={f.rule} data-severity={f.severity.key()} key={key}>
            <div class="finding-head">
                <span class="badge">{ f.severity.label() }</span>
                <span class="rule">{ f.rule }</span>
                <span class="rule-title">{ title }</span>
            </div>
            <p class="message">{ f.message.clone() }</p>
            if let (Some(s), Some(apply)) = (&f.suggestion, apply) {
                <p class="suggestion">
                    { format!("是否应为 {}？", s.to) }
                    <span class="from-to">{ format!("（{} → {}）", s.from, s.to) }</span>
                    <button type="button" class="apply" onclick={apply}>{"应用"}</button>
                </p>
            }
            { for f.also.iter().map(|a| html! { <p class="also">{ format!("另见 {a}") }</p> }) }
            if let Some(locate) = locate {
                <button type="button" class="locate" onclick={locate}>{ format!("定位到{}", f.fields.first().map(FieldPath::label).unwrap_or_default()) }</button>
            }
        </li>
    }
}

#[function_component(FindingsPanel)]
pub fn findings_panel(props: &Props) -> Html {
    let report = &props.editor.report;
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let groups = grouped(report);
    let items = groups.iter().enumerate().map(|(gi, g)| {
        html! {
            <li class="group" key={gi}>
                <h3 class="group-title">{ g.label.clone() }</h3>
                <ul class="group-items">
                    { for g.findings.iter().enumerate().map(|(i, f)| finding_item(f, format!("f{i}"), props)) }
                    { for g.pending.iter().enumerate().map(|(i, f)| html! {
                        <li class="pending" key={format!("p{i}")} data-pending-rule={f.rule}>
                            <span class="badge">{"待补充"}</span>
                            <span class="rule">{ f.rule }</span>
                            <p class="message">{ f.message.clone() }</p>
                        </li>
                    }) }
                </ul>
            </li>
        }
    });
    html! {
        <aside class="findings" aria-labelledby="findings-title">
            <h2 id="findings-title">{"核对结果"}</h2>
            <p class="summary" id="summary">
                <span class="count error">{ format!("{errors} 个错误") }</span>
                <span class="count warning">{ format!("{warnings} 个警告") }</span>
                <span class="count pending">{ format!("{} 处待补充", report.pending.len()) }</span>
            </p>
            <p class="places">{ hedui_core::render::summary(report) }</p>
            if let Some(gap) = report.coverage.headline() {
                <div class="coverage-gap" id="coverage" role="status">
                    <p>{ gap }</p>
                    if report.coverage.missing.len() > 1 {
                        <ul>{ for report.coverage.missing.iter().map(|m| html! { <li>{ m.clone() }</li> }) }</ul>
                    }
                </div>
            } else if let Some(verdict) = hedui_core::render::verdict(report) {
                <p class="all-good">{ verdict }</p>
            }
            <ul aria-label="核对结果" class="groups">{ for items }</ul>
        </aside>
    }
}
