//! The page: toolbar, the document on the left, findings on the right, dialogs.

use crate::components::findings_panel::FindingsPanel;
use crate::components::header_card::HeaderCard;
use crate::components::import_dialog::ImportDialog;
use crate::components::overview_card::OverviewCard;
use crate::components::project_card::ProjectCard;
use crate::components::rule_catalogue::RuleCatalogue;
use crate::components::section_card::SectionCard;
use crate::components::toolbar::Toolbar;
use crate::state::State;
use crate::storage;
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use hedui_core::editor::{Action, Editor, List};
use hedui_core::model::Document;
use hedui_core::{sample, saved, FieldPath};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Dispatches core actions from any component.
pub type Dispatch = UseReducerDispatcher<State>;

/// Autosave waits this long after the last change (the brief: within 300 ms).
const AUTOSAVE_MS: u32 = 250;

/// Which dialog is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialog {
    None,
    Paste,
    Catalogue,
}

/// The document to start with: `#sample` loads the sample; else the one open last time.
fn initial() -> (String, Document, Option<String>) {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    if hash == "#selftest-panic" {
        // See crate::crash: proves the crash banner on the real built file.
        Timeout::new(800, || panic!("selftest")).forget();
    }
    if hash == "#sample" {
        return ("示例".to_owned(), sample::seed(), None);
    }
    let name = storage::current()
        .or_else(|| storage::names().into_iter().next())
        .unwrap_or_else(|| "未命名".to_owned());
    match storage::load(&name) {
        Ok(Some(doc)) => (name, doc, None),
        Ok(None) => (name, Document::blank(), None),
        Err(e) => (name, Document::blank(), Some(e)),
    }
}

/// Scrolls to a field, focuses it and makes it flash.
fn locate(path: FieldPath) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(el) = doc
        .get_element_by_id(&path.dom_id())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&options);
    let _ = el.focus();
    let _ = el.class_list().add_1("flash");
    Timeout::new(1500, move || {
        let _ = el.class_list().remove_1("flash");
    })
    .forget();
}

fn confirm(question: &str) -> bool {
    gloo::dialogs::confirm(question)
}

#[function_component(App)]
pub fn app() -> Html {
    let boot = use_memo((), |()| initial());
    let state = {
        let doc = boot.1.clone();
        use_reducer_eq(move || State::new(Editor::new(doc)))
    };
    let dispatch = state.dispatcher();
    let name = use_state(|| boot.0.clone());
    let names = use_state(storage::names);
    let banner = use_state(|| boot.2.clone());
    let dialog = use_state(|| Dialog::None);
    let pending_save = use_mut_ref(|| None::<Timeout>);
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let editor = state.editor.clone();

    // Autosave shortly after every change.
    {
        let banner = banner.clone();
        let names = names.clone();
        let name = (*name).clone();
        let doc = Rc::new(editor.doc.clone());
        let pending_save = pending_save.clone();
        use_effect_with((editor.revision, name.clone()), move |_| {
            let task = Timeout::new(AUTOSAVE_MS, move || {
                crate::crash::remember(saved::to_json(&doc));
                match storage::save(&name, &doc) {
                    Ok(()) => names.set(storage::names()),
                    Err(e) => banner.set(Some(e)),
                }
            });
            *pending_save.borrow_mut() = Some(task);
        });
    }

    // `#selfbench`: time the check in wasm once the page is up (see crate::selfbench).
    let selfbench = use_state(|| None::<f64>);
    {
        let selfbench = selfbench.clone();
        use_effect_with((), move |()| {
            let wanted = web_sys::window()
                .and_then(|w| w.location().hash().ok())
                .is_some_and(|h| h == "#selfbench");
            if wanted {
                Timeout::new(100, move || selfbench.set(Some(crate::selfbench::run()))).forget();
            }
        });
    }

    // Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) drive the document's own history.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |()| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "keydown", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if !(e.ctrl_key() || e.meta_key()) {
                        return;
                    }
                    let key = e.key().to_lowercase();
                    let action = match (key.as_str(), e.shift_key()) {
                        ("z", false) => Action::Undo,
                        ("y", _) | ("z", true) => Action::Redo,
                        _ => return,
                    };
                    e.prevent_default();
                    dispatch.dispatch(action);
                })
            });
            move || drop(listener)
        });
    }

    // Another tab saving the same document: say so rather than silently overwriting each other.
    {
        let banner = banner.clone();
        let name = (*name).clone();
        use_effect_with(name.clone(), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "storage", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
                        return;
                    };
                    if e.key().as_deref() == Some(&format!("hedui.v1.doc.{name}")) {
                        banner.set(Some(format!(
                            "文档“{name}”在另一个标签页中被修改。为避免互相覆盖，请只在一个标签页中编辑，或用“新建”另存。"
                        )));
                    }
                })
            });
            move || drop(listener)
        });
    }

    let load = {
        let dispatch = dispatch.clone();
        move |doc: Document| dispatch.dispatch(Action::Load(Box::new(doc)))
    };
    let switch_to = {
        let name = name.clone();
        let banner = banner.clone();
        let load = load.clone();
        move |new_name: String, doc: Document| {
            storage::set_current(&new_name);
            name.set(new_name);
            banner.set(None);
            load(doc);
        }
    };
    let is_blank = editor.doc == Document::blank() || editor.doc == Document::default();

    let on_new = {
        let switch_to = switch_to.clone();
        Callback::from(move |()| {
            if is_blank || confirm("新建一个空白文档？当前文档已自动保存，可在左上角的列表中找回。")
            {
                switch_to(storage::fresh_name("新文档"), Document::blank());
            }
        })
    };
    let on_clear = {
        let load = load.clone();
        Callback::from(move |()| {
            if confirm("清空当前文档的全部内容？（可以用“撤销”恢复）") {
                load(Document::blank());
            }
        })
    };
    let on_sample = {
        let switch_to = switch_to.clone();
        Callback::from(move |()| switch_to(storage::fresh_name("示例"), sample::seed()))
    };
    let on_open = {
        let switch_to = switch_to.clone();
        let banner = banner.clone();
        let reader = reader.clone();
        Callback::from(move |file: web_sys::File| {
            if crate::files::is_office(&file.name()) {
                let (switch_to, banner) = (switch_to.clone(), banner.clone());
                let done =
                    Callback::from(
                        move |r: Result<(String, Document, String), String>| match r {
                            Ok((base, doc, notes)) => {
                                switch_to(storage::fresh_name(&base), doc);
                                banner.set((!notes.is_empty()).then_some(notes));
                            }
                            Err(e) => banner.set(Some(e)),
                        },
                    );
                crate::files::open_file(file, done);
                return;
            }
            let file_name = file.name();
            let switch_to = switch_to.clone();
            let banner = banner.clone();
            // What the file is and how its text is encoded are the core's decision (open_file).
            let base = file_name
                .rsplit_once('.')
                .map_or(file_name.as_str(), |(stem, _)| stem)
                .to_owned();
            let task = crate::open_file::read(&file, move |result| match result {
                Ok(opened) => {
                    let encoding = opened.encoding;
                    switch_to(storage::fresh_name(&base), opened.into_document());
                    if encoding != hedui_core::encoding::Encoding::Utf8 {
                        banner.set(Some(format!(
                            "已打开“{file_name}”（文件的编码：{}）",
                            encoding.label()
                        )));
                    }
                }
                Err(e) => banner.set(Some(format!("无法打开“{file_name}”：{e}"))),
            });
            *reader.borrow_mut() = task;
        })
    };
    let on_export = {
        let editor = editor.clone();
        let name = name.clone();
        let banner = banner.clone();
        Callback::from(move |()| {
            let json = saved::to_json(&editor.doc);
            if let Err(e) =
                crate::download::download(&format!("{}.json", *name), &json, "application/json")
            {
                banner.set(Some(e));
            }
        })
    };
    let set_banner = {
        let banner = banner.clone();
        Callback::from(move |e: String| banner.set(Some(e)))
    };
    let on_export_xlsx = {
        let (editor, name, set_banner) = (editor.clone(), name.clone(), set_banner.clone());
        Callback::from(move |()| {
            crate::files::export_form(&editor.doc, &name, set_banner.clone());
        })
    };
    let on_export_findings = {
        let (editor, name) = (editor.clone(), name.clone());
        Callback::from(move |()| {
            crate::files::export_findings(&editor.report, &editor.doc, &name, set_banner.clone());
        })
    };
    crate::files::use_dropped_files(on_open.clone());
    let on_print = Callback::from(|()| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let on_rename = {
        let name = name.clone();
        let names = names.clone();
        Callback::from(move |new_name: String| {
            let new_name = new_name.trim().to_owned();
            if new_name.is_empty() || new_name == *name {
                return;
            }
            storage::remove(&name);
            storage::set_current(&new_name);
            name.set(new_name);
            names.set(storage::names());
        })
    };
    let on_switch = {
        let switch_to = switch_to.clone();
        let banner = banner.clone();
        Callback::from(move |to: String| match storage::load(&to) {
            Ok(Some(doc)) => switch_to(to, doc),
            Ok(None) => banner.set(Some(format!("没有找到文档“{to}”"))),
            Err(e) => banner.set(Some(e)),
        })
    };
    let dispatch_cb = |action: Action| {
        let dispatch = dispatch.clone();
        Callback::from(move |()| dispatch.dispatch(action.clone()))
    };
    let open_dialog = |d: Dialog| {
        let dialog = dialog.clone();
        Callback::from(move |()| dialog.set(d))
    };
    let on_import = {
        let dialog = dialog.clone();
        let load = load.clone();
        Callback::from(move |doc: Document| {
            load(doc);
            dialog.set(Dialog::None);
        })
    };
    let close_banner = {
        let banner = banner.clone();
        Callback::from(move |_: MouseEvent| banner.set(None))
    };

    let doc = &editor.doc;
    let money_unit = AttrValue::from(if doc.money_unit.trim().is_empty() {
        "万元".to_owned()
    } else {
        doc.money_unit.trim().to_owned()
    });
    let cards = state
        .projects
        .iter()
        .zip(&state.project_messages)
        .enumerate()
        .map(|(index, (project, messages))| {
            html! {
                <ProjectCard key={index} {index} count={state.projects.len()} project={project.clone()}
                    messages={messages.clone()} money_unit={money_unit.clone()} dispatch={dispatch.clone()} />
            }
        });
    let overviews = doc.overviews.iter().enumerate().map(|(index, ov)| {
        html! {
            <OverviewCard key={index} {index} count={doc.overviews.len()} overview={ov.clone()}
                messages={state.document_messages.clone()} dispatch={dispatch.clone()} />
        }
    });
    let sections = doc.sections.iter().enumerate().map(|(index, s)| {
        html! {
            <SectionCard key={index} {index} count={doc.sections.len()} section={s.clone()}
                messages={state.document_messages.clone()} dispatch={dispatch.clone()} />
        }
    });
    let add = |list: List, label: &'static str| {
        let dispatch = dispatch.clone();
        html! { <button type="button" class="add" onclick={Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Add(list)))}>{ label }</button> }
    };

    html! {
        <div class="app" id="hedui-app" data-ready="true" data-revision={editor.revision.to_string()}
            data-selfbench={selfbench.map(crate::selfbench::tenths)}>
            <header class="topbar">
                <h1>{"核对 hedui"}</h1>
                <span class="subtitle">{"项目支出绩效目标表核对 · 离线运行，不上传任何数据"}</span>
            </header>
            <Toolbar names={(*names).clone()} current={AttrValue::from((*name).clone())}
                can_undo={editor.can_undo()} can_redo={editor.can_redo()}
                on_new={on_new} on_clear={on_clear} on_sample={on_sample}
                on_paste={open_dialog(Dialog::Paste)} on_open={on_open} on_export={on_export}
                on_export_xlsx={on_export_xlsx} on_export_findings={on_export_findings}
                on_print={on_print} on_catalogue={open_dialog(Dialog::Catalogue)}
                on_undo={dispatch_cb(Action::Undo)} on_redo={dispatch_cb(Action::Redo)}
                on_switch={on_switch} on_rename={on_rename} />
            if let Some(message) = &*banner {
                <div class="banner" role="alert">
                    <span>{ message.clone() }</span>
                    <button type="button" onclick={close_banner}>{"知道了"}</button>
                </div>
            }
            <main class="layout">
                <section class="document" aria-label="绩效目标表">
                    <h2 class="print-only">{ format!("{} {} 年部门预算绩效目标核对报告", doc.unit_name, doc.year) }</h2>
                    <HeaderCard unit_code={AttrValue::from(doc.unit_code.clone())} unit_name={AttrValue::from(doc.unit_name.clone())}
                        year={AttrValue::from(doc.year.clone())} money_unit={AttrValue::from(doc.money_unit.clone())}
                        messages={state.document_messages.clone()} dispatch={dispatch.clone()} />
                    { for overviews }
                    { for cards }
                    { for sections }
                    <div class="add-bar">
                        { add(List::Projects, "＋ 项目表") }
                        { add(List::Overviews, "＋ 整体绩效目标") }
                        { add(List::Sections, "＋ 其他段落") }
                    </div>
                </section>
                <FindingsPanel editor={editor.clone()} dispatch={dispatch.clone()} on_locate={Callback::from(locate)} />
            </main>
            if *dialog == Dialog::Paste {
                <ImportDialog on_import={on_import} on_close={open_dialog(Dialog::None)} />
            }
            if *dialog == Dialog::Catalogue {
                <RuleCatalogue on_close={open_dialog(Dialog::None)} />
            }
        </div>
    }
}
