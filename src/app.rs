//! The page: toolbar, the document on the left, findings on the right, dialogs.
//!
//! Two reducers of hedui-core run here: the editor (the document, behind Yew's reducer in
//! [`State`]) and the editing session (names, saving, other tabs, questions: [`Session`]). This file
//! forwards DOM events to them and performs the session's effects ([`Shell`]); it decides nothing.

use crate::components::findings_panel::FindingsPanel;
use crate::components::header_card::HeaderCard;
use crate::components::import_dialog::ImportDialog;
use crate::components::notice_bar::NoticeBar;
use crate::components::overview_card::OverviewCard;
use crate::components::project_card::ProjectCard;
use crate::components::question_dialog::QuestionDialog;
use crate::components::rule_catalogue::RuleCatalogue;
use crate::components::section_card::SectionCard;
use crate::components::toolbar::{Status, Toolbar};
use crate::state::{Msg, State};
use crate::storage::{self, LocalStore};
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use hedui_core::editor::{Action, List};
use hedui_core::model::Document;
use hedui_core::session::{Boot, Ctx, Dialog, Effect, Event, Session, Stamp, View};
use hedui_core::FieldPath;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Cards shown at once after a document is opened or imported, and added per slice after that.
const FIRST_CARDS: usize = 16;
const MORE_CARDS: usize = 16;

/// Dispatches editing actions from any component; drops them while another tab edits the
/// document (this tab is read-only then).
#[derive(Clone, PartialEq)]
pub struct Dispatch {
    inner: UseReducerDispatcher<State>,
    editable: bool,
}

impl Dispatch {
    pub fn dispatch(&self, action: Action) {
        if self.editable {
            self.inner.dispatch(Msg::Edit(action));
        }
    }
}

/// Milliseconds since 1970.
pub fn now() -> u64 {
    let ms = js_sys::Date::now();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // checked just here
    if ms.is_finite() && ms > 0.0 {
        ms as u64
    } else {
        0
    }
}

/// Performs the session's effects and feeds it events.
struct Shell {
    session: RefCell<Session>,
    state: UseReducerHandle<State>,
    view: UseStateSetter<Rc<View>>,
    last_view: RefCell<Rc<View>>,
    timer: RefCell<Option<Timeout>>,
    /// The file the user chose, until the session asks for it to be read.
    file: RefCell<Option<web_sys::File>>,
    reader: RefCell<Option<gloo::file::callbacks::FileReader>>,
    /// Set when the session answers `beforeunload` with a warning.
    warn: Cell<bool>,
}

impl Shell {
    fn drive(self: &Rc<Self>, event: Event) {
        let mut queue = VecDeque::from([event]);
        while let Some(event) = queue.pop_front() {
            let effects = {
                // The handle reads the reducer's latest state, updated as soon as it is dispatched.
                let state: &State = &self.state;
                let store = LocalStore::open();
                let ctx = Ctx {
                    store: &store,
                    doc: &state.editor.doc,
                    stamp: Stamp {
                        generation: state.generation,
                        revision: state.editor.revision,
                    },
                    now: now(),
                };
                self.session.borrow_mut().update(event, &ctx)
            };
            for effect in effects {
                if let Some(back) = self.perform(effect) {
                    queue.push_back(back);
                }
            }
        }
        let view = Rc::new(self.session.borrow().view());
        if *view != **self.last_view.borrow() {
            *self.last_view.borrow_mut() = view.clone();
            self.view.set(view);
        }
    }

    fn perform(self: &Rc<Self>, effect: Effect) -> Option<Event> {
        match effect {
            Effect::Write(write) => return Some(write.perform(&mut LocalStore::open())),
            Effect::Open { doc, generation } => self.state.dispatch(Msg::Open { doc, generation }),
            Effect::Replace(doc) => self.state.dispatch(Msg::Edit(Action::Load(doc))),
            Effect::Download { file_name, text } => {
                // A Blob download does not fail in practice; if it did, the document is still
                // saved in the browser and the button can be pressed again.
                let _ = crate::download::download(&file_name, &text, "application/json");
            }
            Effect::ReadFile => self.read_file(),
            Effect::DropHash => drop_hash(),
            Effect::RememberName(name) => storage::set_tab_name(&name),
            Effect::Backup(text) => crate::crash::remember(text),
            Effect::WakeAt(at) => {
                let delay = u32::try_from(at.saturating_sub(now())).unwrap_or(u32::MAX);
                let shell = self.clone();
                *self.timer.borrow_mut() = Some(Timeout::new(delay, move || {
                    shell.drive(Event::Tick);
                }));
            }
            Effect::WarnBeforeLeaving => self.warn.set(true),
        }
        None
    }

    /// Reads the chosen file and opens it: Excel and Word through the lazily loaded file module,
    /// anything else through the core's open (as the CLI does), then tells the session.
    fn read_file(self: &Rc<Self>) {
        let Some(file) = self.file.borrow_mut().take() else {
            return;
        };
        let name = file.name();
        let shell = self.clone();
        if crate::files::is_office(&name) {
            let done = Callback::from(move |r: Result<(Document, String), String>| {
                let opened =
                    r.map(|(doc, notes)| (Box::new(doc), (!notes.is_empty()).then_some(notes)));
                shell.drive(Event::FileRead {
                    name: name.clone(),
                    opened,
                });
            });
            crate::files::open_file(file, done);
            return;
        }
        let task = crate::open_file::read(&file, move |result| {
            let opened = result
                .map(|opened| {
                    let note = opened.note(&name);
                    (Box::new(opened.into_document()), note)
                })
                .map_err(|e| e.to_string());
            shell.drive(Event::FileRead { name, opened });
        });
        *self.reader.borrow_mut() = task;
    }
}

/// Removes the URL's fragment without reloading, so that a reload does not repeat `#sample`.
fn drop_hash() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(href) = window.location().href() else {
        return;
    };
    let bare = href.split('#').next().unwrap_or_default().to_owned();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&bare));
    }
}

fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
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

/// Listens to the window's events that concern the session: other tabs' writes, the page being
/// hidden, left or restored, and Ctrl+Z / Ctrl+Y for the document's history.
fn listen(shell: &Rc<Shell>, dispatch: &Dispatch) -> Vec<EventListener> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let on =
        |target: &web_sys::EventTarget, name: &'static str, event: fn(&web_sys::Event) -> Event| {
            let shell = shell.clone();
            EventListener::new(target, name, move |e| shell.drive(event(e)))
        };
    let mut listeners = vec![
        on(&window, "storage", |e| {
            Event::StorageChanged(
                e.dyn_ref::<web_sys::StorageEvent>()
                    .and_then(web_sys::StorageEvent::key),
            )
        }),
        on(&window, "pagehide", |_| Event::PageHide),
        on(&window, "pageshow", |_| Event::PageShow),
    ];
    if let Some(document) = window.document() {
        listeners.push(on(&document, "visibilitychange", |_| Event::Visibility {
            hidden: page_hidden(),
        }));
    }
    {
        let shell = shell.clone();
        let options = EventListenerOptions::enable_prevent_default();
        listeners.push(EventListener::new_with_options(
            &window,
            "beforeunload",
            options,
            move |e| {
                shell.warn.set(false);
                shell.drive(Event::BeforeUnload);
                if shell.warn.get() {
                    e.prevent_default();
                    if let Some(e) = e.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                        e.set_return_value("本页有未保存的修改");
                    }
                }
            },
        ));
    }
    {
        let dispatch = dispatch.clone();
        let options = EventListenerOptions::enable_prevent_default();
        listeners.push(EventListener::new_with_options(
            &window,
            "keydown",
            options,
            move |e| {
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
            },
        ));
    }
    listeners
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer_eq(State::default);
    // (which replacement of the document, how many cards to show): see `cards` below.
    let slices = use_state(|| (0u64, FIRST_CARDS));
    let view = use_state(|| Rc::new(View::default()));
    let (tab, previous_tab) = (*use_memo((), |()| storage::tab_ids())).clone();
    let shell = {
        let state = state.clone();
        let setter = view.setter();
        use_memo((), move |()| {
            Rc::new(Shell {
                session: RefCell::new(Session::new(tab)),
                state,
                view: setter,
                last_view: RefCell::new(Rc::new(View::default())),
                timer: RefCell::new(None),
                file: RefCell::new(None),
                reader: RefCell::new(None),
                warn: Cell::new(false),
            })
        })
    };
    let shell: Rc<Shell> = (*shell).clone();
    let v: Rc<View> = (*view).clone();
    let editor = state.editor.clone();
    let dispatch = Dispatch {
        inner: state.dispatcher(),
        editable: v.editable,
    };
    let send = {
        let shell = shell.clone();
        Callback::from(move |event: Event| shell.drive(event))
    };
    let send_unit = |make: fn() -> Event| send.reform(move |()| make());

    // Start: open the document this tab had, or the one opened last, or `#sample`.
    {
        let shell = shell.clone();
        use_effect_with((), move |()| {
            let hash = web_sys::window()
                .and_then(|w| w.location().hash().ok())
                .unwrap_or_default();
            if hash == "#selftest-panic" {
                // See crate::crash: proves the crash banner on the real built file.
                Timeout::new(800, || panic!("selftest")).forget();
            }
            shell.drive(Event::Boot(Boot {
                hash,
                tab_name: storage::tab_name(),
                previous_tab,
                hidden: page_hidden(),
            }));
        });
    }
    // Every change of the document goes to the session, which saves it in time.
    {
        let shell = shell.clone();
        use_effect_with((state.generation, editor.revision), move |_| {
            shell.drive(Event::Changed);
        });
    }
    {
        let shell = shell.clone();
        let dispatch = dispatch.clone();
        use_effect_with(dispatch.editable, move |_| {
            let listeners = listen(&shell, &dispatch);
            move || drop(listeners)
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

    let on_open = {
        let shell = shell.clone();
        Callback::from(move |file: web_sys::File| {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a file size, ≥ 0
            let (name, size) = (file.name(), file.size() as u64);
            *shell.file.borrow_mut() = Some(file);
            shell.drive(Event::FileChosen { name, size });
        })
    };
    let failed = send.reform(Event::Failed);
    let on_export_xlsx = {
        let (editor, name, failed) = (editor.clone(), v.name.clone(), failed.clone());
        Callback::from(move |()| crate::files::export_form(&editor.doc, &name, failed.clone()))
    };
    let on_export_findings = {
        let (editor, name) = (editor.clone(), v.name.clone());
        Callback::from(move |()| {
            crate::files::export_findings(&editor.report, &editor.doc, &name, failed.clone());
        })
    };
    crate::files::use_dropped_files(on_open.clone());
    let on_print = Callback::from(|()| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let dispatch_cb = |action: Action| {
        let dispatch = dispatch.clone();
        Callback::from(move |()| dispatch.dispatch(action.clone()))
    };

    let doc = &editor.doc;
    let money_unit = AttrValue::from(if doc.money_unit.trim().is_empty() {
        "万元".to_owned()
    } else {
        doc.money_unit.trim().to_owned()
    });
    // A long document is shown a slice of cards at a time after it is opened or imported, so that
    // no single task renders hundreds of cards (the page stays responsive while they appear).
    let total_cards = state.projects.len();
    let shown_cards = if slices.0 == state.replaced {
        slices.1
    } else {
        FIRST_CARDS
    };
    {
        let slices = slices.clone();
        use_effect_with(
            (state.replaced, shown_cards, total_cards),
            move |&(replaced, shown, total)| {
                let timer = (shown < total)
                    .then(|| Timeout::new(0, move || slices.set((replaced, shown + MORE_CARDS))));
                move || drop(timer)
            },
        );
    }
    let cards = state
        .projects
        .iter()
        .zip(&state.project_messages)
        .take(shown_cards)
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
    let on_answer = send.reform(Event::Answer);
    let close_dialog = send_unit(|| Event::ShowDialog(Dialog::None));
    let on_import = send.reform(|doc: Document| Event::Import(Box::new(doc)));
    let status = match (v.editable, v.unsaved) {
        (false, _) => Status::ReadOnly,
        (true, true) => Status::Unsaved,
        (true, false) => Status::Saved,
    };

    html! {
        <div class="app" id="hedui-app" data-ready={v.ready.to_string()} data-revision={editor.revision.to_string()}
            data-editable={v.editable.to_string()} data-selfbench={selfbench.map(crate::selfbench::tenths)}>
            <header class="topbar">
                <h1>{"核对 hedui"}</h1>
                <span class="subtitle">{"项目支出绩效目标表核对 · 离线运行，不上传任何数据"}</span>
            </header>
            <Toolbar entries={v.entries.clone()} current={AttrValue::from(v.name.clone())}
                attempts={v.attempts} status={status}
                can_undo={editor.can_undo()} can_redo={editor.can_redo()}
                on_new={send_unit(|| Event::New)} on_clear={send_unit(|| Event::Clear)} on_sample={send_unit(|| Event::Sample)}
                on_paste={send_unit(|| Event::ShowDialog(Dialog::Paste))} on_open={on_open} on_export={send_unit(|| Event::Export)}
                on_export_xlsx={on_export_xlsx} on_export_findings={on_export_findings}
                on_print={on_print} on_catalogue={send_unit(|| Event::ShowDialog(Dialog::Catalogue))}
                on_undo={dispatch_cb(Action::Undo)} on_redo={dispatch_cb(Action::Redo)}
                on_choose={send.reform(Event::Choose)} on_rename={send.reform(Event::Rename)} />
            { for v.bars.iter().enumerate().map(|(i, bar)| html! {
                <NoticeBar notice={bar.clone()} id={if i == 0 { "session-bar" } else { "session-bar-2" }} on_event={send.clone()} />
            }) }
            if let Some(notice) = &v.notice {
                <NoticeBar notice={notice.clone()} id="session-notice" on_event={send.clone()} dismissible=true />
            }
            <main class="layout">
                <section class="document" aria-label="绩效目标表" inert={!v.editable}>
                    <h2 class="print-only">{ format!("{} {} 年部门预算绩效目标核对报告", doc.unit_name, doc.year) }</h2>
                    <HeaderCard unit_code={AttrValue::from(doc.unit_code.clone())} unit_name={AttrValue::from(doc.unit_name.clone())}
                        year={AttrValue::from(doc.year.clone())} money_unit={AttrValue::from(doc.money_unit.clone())}
                        messages={state.document_messages.clone()} dispatch={dispatch.clone()} />
                    { for overviews }
                    { for cards }
                    if shown_cards < total_cards {
                        <p class="more-cards" role="status">
                            { format!("正在显示其余 {} 个项目……", total_cards - shown_cards) }
                        </p>
                    }
                    { for sections }
                    <div class="add-bar">
                        { add(List::Projects, "＋ 项目表") }
                        { add(List::Overviews, "＋ 整体绩效目标") }
                        { add(List::Sections, "＋ 其他段落") }
                    </div>
                </section>
                <FindingsPanel editor={editor.clone()} dispatch={dispatch.clone()} on_locate={Callback::from(locate)} />
            </main>
            if v.dialog == Dialog::Paste {
                <ImportDialog on_import={on_import} on_close={close_dialog.clone()} />
            }
            if v.dialog == Dialog::Catalogue {
                <RuleCatalogue on_close={close_dialog} />
            }
            if let Some(question) = &v.question {
                <QuestionDialog question={question.clone()} {on_answer} />
            }
        </div>
    }
}
