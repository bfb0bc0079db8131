//! The toolbar: documents, import and export, print, undo and redo, the rule catalogue.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub names: Vec<String>,
    pub current: AttrValue,
    pub can_undo: bool,
    pub can_redo: bool,
    pub on_new: Callback<()>,
    pub on_clear: Callback<()>,
    pub on_sample: Callback<()>,
    pub on_paste: Callback<()>,
    pub on_open: Callback<web_sys::File>,
    pub on_export: Callback<()>,
    pub on_export_xlsx: Callback<()>,
    pub on_export_findings: Callback<()>,
    pub on_print: Callback<()>,
    pub on_catalogue: Callback<()>,
    pub on_undo: Callback<()>,
    pub on_redo: Callback<()>,
    pub on_switch: Callback<String>,
    pub on_rename: Callback<String>,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &Props) -> Html {
    let click = |cb: &Callback<()>| cb.reform(|_: MouseEvent| ());
    let file_input = use_node_ref();
    let open_click = {
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = file_input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_file = {
        let on_open = props.on_open.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                on_open.emit(file);
            }
            input.set_value("");
        })
    };
    let on_switch = {
        let cb = props.on_switch.clone();
        Callback::from(move |e: Event| {
            cb.emit(e.target_unchecked_into::<HtmlSelectElement>().value());
        })
    };
    let on_rename = {
        let cb = props.on_rename.clone();
        Callback::from(move |e: Event| {
            cb.emit(e.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    html! {
        <nav class="toolbar" aria-label="工具栏">
            <div class="group docs">
                <label for="doc-name" class="sr-only">{"文档名称"}</label>
                <input id="doc-name" type="text" value={props.current.clone()} onchange={on_rename} title="文档名称（回车确认）" />
                <select id="doc-chooser" aria-label="已保存的文档" onchange={on_switch}>
                    { for props.names.iter().map(|n| html! {
                        <option value={n.clone()} selected={n.as_str() == props.current.as_str()}>{ n.clone() }</option>
                    }) }
                </select>
                <button type="button" id="btn-new" onclick={click(&props.on_new)}>{"新建"}</button>
                <button type="button" id="btn-clear" onclick={click(&props.on_clear)}>{"清空"}</button>
            </div>
            <div class="group io">
                <button type="button" id="btn-sample" onclick={click(&props.on_sample)}>{"示例"}</button>
                <button type="button" id="btn-paste" onclick={click(&props.on_paste)}>{"粘贴导入"}</button>
                <button type="button" id="btn-open" onclick={open_click}>{"打开"}</button>
                <input ref={file_input} id="file-open" type="file" accept={crate::files::ACCEPT}
                    class="sr-only" tabindex="-1" aria-label="打开文件" onchange={on_file} />
                <button type="button" id="btn-export" onclick={click(&props.on_export)}>{"导出 JSON"}</button>
                <button type="button" id="btn-export-xlsx" onclick={click(&props.on_export_xlsx)} title="按申报表格式导出，每个项目一个工作表">{"导出 Excel"}</button>
                <button type="button" id="btn-export-findings" onclick={click(&props.on_export_findings)}>{"导出核对结果"}</button>
                <button type="button" id="btn-print" onclick={click(&props.on_print)}>{"打印报告"}</button>
            </div>
            <div class="group history">
                <button type="button" id="btn-undo" disabled={!props.can_undo} onclick={click(&props.on_undo)} title="撤销（Ctrl+Z）">{"撤销"}</button>
                <button type="button" id="btn-redo" disabled={!props.can_redo} onclick={click(&props.on_redo)} title="重做（Ctrl+Y）">{"重做"}</button>
                <button type="button" id="btn-rules" onclick={click(&props.on_catalogue)}>{"规则说明"}</button>
            </div>
        </nav>
    }
}
