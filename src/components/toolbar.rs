//! The toolbar: documents, import and export, print, undo and redo, the rule catalogue.

use hedui_core::session::Entry;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Whether the document can be edited here, and whether it is saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Saved in the browser.
    Saved,
    /// Changes not saved yet (they are within a second, unless the storage is full).
    Unsaved,
    /// Another tab edits the document.
    ReadOnly,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The document list (documents, then copies set aside), from the session.
    pub entries: Vec<Entry>,
    pub current: AttrValue,
    /// Changes whenever a rename or a choice was tried, so that the name field and the list show
    /// the real state again after one that did not happen.
    pub attempts: u32,
    pub status: Status,
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
    /// An entry of the list was picked: its key.
    pub on_choose: Callback<String>,
    pub on_rename: Callback<String>,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &Props) -> Html {
    let click = |cb: &Callback<()>| cb.reform(|_: MouseEvent| ());
    let file_input = use_node_ref();
    let name_input = use_node_ref();
    let chooser = use_node_ref();
    {
        // After a rename or a choice that did not happen, show the real name and entry again (the
        // page's description of them did not change, so rendering alone would not touch them).
        let (name_input, chooser) = (name_input.clone(), chooser.clone());
        let current = props.current.clone();
        let selected = props
            .entries
            .iter()
            .find(|e| e.current)
            .map(|e| e.key.clone());
        use_effect_with((props.attempts, current.clone()), move |_| {
            if let Some(input) = name_input.cast::<HtmlInputElement>() {
                input.set_value(&current);
            }
            if let (Some(select), Some(key)) = (chooser.cast::<HtmlSelectElement>(), selected) {
                select.set_value(&key);
            }
        });
    }
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
    let on_choose = {
        let cb = props.on_choose.clone();
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
    let (documents, asides): (Vec<&Entry>, Vec<&Entry>) = props
        .entries
        .iter()
        .partition(|e| e.key.starts_with(hedui_core::session::store::DOC));
    let option = |e: &Entry| {
        html! { <option value={e.key.clone()} selected={e.current}>{ e.label.clone() }</option> }
    };
    let read_only = props.status == Status::ReadOnly;
    html! {
        <nav class="toolbar" aria-label="工具栏">
            <div class="group docs">
                <label for="doc-name" class="sr-only">{"文档名称"}</label>
                <input id="doc-name" ref={name_input} type="text" value={props.current.clone()}
                    onchange={on_rename} disabled={read_only} title="文档名称（回车确认）" />
                <select id="doc-chooser" ref={chooser} aria-label="已保存的文档" onchange={on_choose}>
                    { for documents.into_iter().map(option) }
                    if !asides.is_empty() {
                        <optgroup label="以前另存的副本">
                            { for asides.into_iter().map(option) }
                        </optgroup>
                    }
                </select>
                <span id="save-status" class="save-status">
                    { match props.status { Status::ReadOnly => "只读", Status::Unsaved => "未保存", Status::Saved => "已自动保存" } }
                </span>
                <button type="button" id="btn-new" onclick={click(&props.on_new)}>{"新建"}</button>
                <button type="button" id="btn-clear" disabled={read_only} onclick={click(&props.on_clear)}>{"清空"}</button>
            </div>
            <div class="group io">
                <button type="button" id="btn-sample" onclick={click(&props.on_sample)}>{"示例"}</button>
                <button type="button" id="btn-paste" disabled={read_only} onclick={click(&props.on_paste)}>{"粘贴导入"}</button>
                <button type="button" id="btn-open" onclick={open_click}>{"打开"}</button>
                <input ref={file_input} id="file-open" type="file" accept={crate::files::ACCEPT}
                    class="sr-only" tabindex="-1" aria-label="打开文件" onchange={on_file} />
                <button type="button" id="btn-export" onclick={click(&props.on_export)}>{"导出 JSON"}</button>
                <button type="button" id="btn-export-xlsx" onclick={click(&props.on_export_xlsx)} title="按申报表格式导出，每个项目一个工作表">{"导出 Excel"}</button>
                <button type="button" id="btn-export-findings" onclick={click(&props.on_export_findings)}>{"导出核对结果"}</button>
                <button type="button" id="btn-print" onclick={click(&props.on_print)}>{"打印报告"}</button>
            </div>
            <div class="group history">
                <button type="button" id="btn-undo" disabled={read_only || !props.can_undo} onclick={click(&props.on_undo)} title="撤销（Ctrl+Z）">{"撤销"}</button>
                <button type="button" id="btn-redo" disabled={read_only || !props.can_redo} onclick={click(&props.on_redo)} title="重做（Ctrl+Y）">{"重做"}</button>
                <button type="button" id="btn-rules" onclick={click(&props.on_catalogue)}>{"规则说明"}</button>
            </div>
        </nav>
    }
}
