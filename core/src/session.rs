//! The editing session: which document is open and under what name, when it is saved, what the
//! other tabs are doing, and the questions and notices that go with all that.
//!
//! This is the page's second state system beside [`crate::editor::Editor`], written as a reducer in
//! the crux manner: the page forwards what happened ([`Event`]) together with a read-only view of
//! the browser's storage and the document as it stands ([`Ctx`]); [`Session::update`] decides and
//! returns what to do ([`Effect`]): write and remove keys (in an order that cannot lose a document),
//! open a document in the editor, download a file, wake up later. The page performs the effects and
//! reports the outcome of each write back as [`Event::Written`]. What the user sees of the session
//! (name, document list, notices, questions) is [`Session::view`].
//!
//! The promises kept here, each tested below:
//! - a document is written under its new name before the old name is removed, and nothing is
//!   removed unless what replaces it was written ([`store::perform`] stops at the first failure);
//! - renaming onto an existing name asks first;
//! - a document this program cannot read (corrupt, or saved by a newer version) is never moved,
//!   overwritten or removed, except by the user's explicit 删除;
//! - an unreadable list of documents is rebuilt from the keys;
//! - edits are saved after [`QUIET_MS`] of quiet and at least every [`MAX_UNSAVED_MS`] while typing,
//!   and at once when the page is hidden or closed; when the store is full the user is told, offered
//!   the export there and then, and warned before leaving;
//! - one tab edits a document at a time ([`lock`]); a second tab on the same document is read-only,
//!   follows the first tab's saves, and can take over (接管编辑) without losing either tab's edits.

pub mod lock;
mod messages;
pub mod store;

use self::lock::{Claim, HANDOVER_MS, RENEW_MS};
use self::store::{
    asides, doc_key, doc_names, lock_key, read_index, reconcile, Aside, IndexProblem, KeyValue,
    KeyValueMut, Outcome, StoreOp, ASIDE, CURRENT, DOC, INDEX, LOCK,
};
use crate::model::Document;
use crate::open::{FileKind, OpenError, MAX_FILE_BYTES};
use crate::saved::{self, LoadError};
use std::collections::BTreeSet;
use std::rc::Rc;

pub use self::messages::MAX_NAME_CHARS;

/// Edits are saved once the user has stopped typing for this long (milliseconds)…
pub const QUIET_MS: u64 = 250;
/// …and at least this often while they keep typing.
pub const MAX_UNSAVED_MS: u64 = 1_000;

/// Which state of the editor a save holds: the editor is replaced at every document opened
/// (`generation`, chosen by the session) and counts its changes (`revision`, from the editor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stamp {
    /// The session's number for the editor, given with [`Effect::Open`].
    pub generation: u64,
    /// The editor's revision ([`crate::editor::Editor::revision`]).
    pub revision: u64,
}

/// What the session may look at while it decides: the store, the document and the time.
pub struct Ctx<'a> {
    /// The browser's storage (read only: writes are effects).
    pub store: &'a dyn KeyValue,
    /// The document in the editor now.
    pub doc: &'a Document,
    /// Which editor state `doc` is.
    pub stamp: Stamp,
    /// Milliseconds since 1970.
    pub now: u64,
}

/// The page's dialogs other than questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialog {
    /// None open.
    #[default]
    None,
    /// 粘贴导入.
    Paste,
    /// 规则说明.
    Catalogue,
}

/// What the page knows when it starts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Boot {
    /// The URL's fragment (`#sample` opens the sample once).
    pub hash: String,
    /// The document this tab had open before a reload (kept per tab, in `sessionStorage`).
    pub tab_name: Option<String>,
    /// This tab's id before the reload: a claim by it is this tab's own.
    pub previous_tab: Option<String>,
    /// Whether the page starts hidden (opened in a background tab).
    pub hidden: bool,
}

/// Something that happened, forwarded by the page.
#[derive(Debug)]
pub enum Event {
    /// The page has started.
    Boot(Boot),
    /// The editor's document changed (the page sends this after every edit, undo or redo).
    Changed,
    /// The time asked for with [`Effect::WakeAt`] has come.
    Tick,
    /// The user typed a new name for the document.
    Rename(String),
    /// The user picked an entry of the document list (its [`Entry::key`]).
    Choose(String),
    /// 新建.
    New,
    /// 清空 (asks first).
    Clear,
    /// 示例.
    Sample,
    /// The user chose a file to open.
    FileChosen {
        /// Its name.
        name: String,
        /// Its size in bytes.
        size: u64,
    },
    /// The file asked for with [`Effect::ReadFile`] was read and opened by the shell (through
    /// [`crate::open::open`], or the file readers for Excel and Word): the document and what to say
    /// about it (`文件的编码：GB18030`, what the importer could not place), or why it did not open.
    FileRead {
        /// Its name.
        name: String,
        /// The document and a note, or the reason in words.
        opened: Result<(Box<Document>, Option<String>), String>,
    },
    /// The paste dialog's document was confirmed.
    Import(Box<Document>),
    /// 导出 JSON.
    Export,
    /// 导出原文 of a stored entry (a document this program cannot read).
    ExportRaw(String),
    /// 删除 a stored entry (asks first).
    AskDelete(String),
    /// 接管编辑.
    TakeOver,
    /// A button of a notice was pressed.
    Press(Press),
    /// Another tab (or page) changed this key of the store; `None` when it cleared the store.
    StorageChanged(Option<String>),
    /// The page was hidden or shown (`visibilitychange`).
    Visibility {
        /// Whether it is hidden now.
        hidden: bool,
    },
    /// The page is going away (`pagehide`).
    PageHide,
    /// The page came back from the browser's back/forward cache (`pageshow`).
    PageShow,
    /// The page is about to be closed or reloaded (`beforeunload`).
    BeforeUnload,
    /// The user answered the open question.
    Answer(bool),
    /// The user closed the notice.
    DismissNotice,
    /// Something the shell did for the user failed (an export): say why.
    Failed(String),
    /// Open or close a dialog.
    ShowDialog(Dialog),
    /// A [`Write`] was performed.
    Written(Purpose, Outcome),
    // Follow-ups: sent back by questions, buttons and saves; the page never makes these itself.
    /// Open a stored document (the current one is saved already).
    SwitchTo(String),
    /// Start a blank document.
    NewBlank,
    /// Open the sample as a new document.
    SampleDoc,
    /// Open `doc` as a new document named after `base`.
    OpenNew {
        /// The name to start from.
        base: String,
        /// The document.
        doc: Box<Document>,
        /// The set-aside copy it came from, if any (for the notice).
        from_aside: Option<String>,
        /// What to say once it is open (the encoding a file was read in …).
        note: Option<String>,
    },
    /// Rename, replacing the document of that name (the user agreed).
    RenameOver(String),
    /// Clear the document (the user agreed).
    ClearConfirmed,
    /// Remove a stored entry (the user agreed).
    Delete(String),
    /// Export, then go on with the event (the user agreed to leave unsaved edits behind once exported).
    ExportThen(Box<Event>),
}

/// Why a [`Write`] was made: the session's own note, handed back with the outcome.
#[derive(Debug)]
pub enum Purpose {
    /// The open document saved under its name.
    Save {
        /// The name.
        name: String,
        /// The editor state saved.
        stamp: Stamp,
        /// The text written.
        text: Rc<str>,
        /// What to do once saved.
        after: Option<Box<Event>>,
    },
    /// The open document moved to a new name.
    Rename {
        /// The old name.
        from: String,
        /// The new name.
        to: String,
        /// The editor state written.
        stamp: Stamp,
        /// The text written.
        text: Rc<str>,
        /// The editing claim on the new name.
        claim: Claim,
        /// The document list after the rename.
        names: Vec<String>,
    },
    /// Another page's version set aside under a new name, and this page's version saved.
    KeepBoth {
        /// The name the other version went to.
        aside: String,
        /// The other version (written first).
        theirs: Rc<str>,
        /// The editor state saved.
        stamp: Stamp,
        /// This page's version.
        text: Rc<str>,
        /// What to do once saved.
        after: Option<Box<Event>>,
    },
    /// The document's key now holds something this program cannot read: this page's version moved
    /// to a new name.
    MoveAway {
        /// The new name.
        to: String,
        /// The editor state written.
        stamp: Stamp,
        /// The text written.
        text: Rc<str>,
        /// The editing claim on the new name.
        claim: Claim,
        /// Why the stored version cannot be read.
        why: LoadError,
        /// What to do once saved.
        after: Option<Box<Event>>,
    },
    /// Saved before giving the document over to another tab.
    Yield {
        /// The editor state saved, with its text, when there was anything to save.
        saved: Option<(Stamp, Rc<str>)>,
    },
    /// A stored entry removed at the user's request.
    Delete,
    /// Claims, the index, the current name: nothing to do afterwards.
    Housekeeping,
}

/// Writes to perform in order, stopping at the first that fails, then to report back.
#[derive(Debug)]
pub struct Write {
    /// The writes.
    pub ops: Vec<StoreOp>,
    /// Handed back with the outcome.
    pub purpose: Purpose,
}

impl Write {
    /// Performs the writes on `store` and returns the event to send back.
    pub fn perform(self, store: &mut dyn KeyValueMut) -> Event {
        let outcome = store::perform(store, &self.ops);
        Event::Written(self.purpose, outcome)
    }
}

/// Something for the page to do.
#[derive(Debug)]
pub enum Effect {
    /// Perform the writes and send back what [`Write::perform`] returns.
    Write(Write),
    /// Put a new editor on `doc` (fresh undo history), numbered `generation`.
    Open {
        /// The document.
        doc: Box<Document>,
        /// Its number, for [`Stamp::generation`].
        generation: u64,
    },
    /// Load `doc` into the editor as an undoable change.
    Replace(Box<Document>),
    /// Offer a file for download.
    Download {
        /// The file name.
        file_name: String,
        /// Its content (JSON).
        text: Rc<str>,
    },
    /// Read the file the user chose and send [`Event::FileRead`].
    ReadFile,
    /// Remove the URL's fragment without reloading (so that a reload does not repeat `#sample`).
    DropHash,
    /// Remember, for this tab only, which document it has open.
    RememberName(String),
    /// The latest text of the open document, for the crash banner to offer.
    Backup(Rc<str>),
    /// Send [`Event::Tick`] at this time (replacing any earlier request).
    WakeAt(u64),
    /// Ask the browser to warn before the page is left (answering [`Event::BeforeUnload`]).
    WarnBeforeLeaving,
}

/// How serious a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// For information.
    Info,
    /// Something to act on.
    Warning,
    /// Something is not saved.
    Error,
}

/// What a button in a notice does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Press {
    /// 接管编辑 (or 在这里继续编辑).
    TakeOver,
    /// 导出 JSON.
    Export,
    /// 导出原文 of this stored entry.
    ExportRaw(String),
    /// 删除 this stored entry (asks first).
    AskDelete(String),
}

/// A button in a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    /// Its element id.
    pub id: &'static str,
    /// Its label.
    pub label: &'static str,
    /// What pressing it does: the page sends [`Event::Press`] with it.
    pub press: Press,
}

/// A message shown above the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// What happened and what the user can do.
    pub text: String,
    /// How serious it is.
    pub level: Level,
    /// What the user can do about it right there.
    pub buttons: Vec<Button>,
}

/// A question the user must answer before anything else happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The question.
    pub text: String,
    /// The label of the button that agrees.
    pub yes: &'static str,
    /// The label of the button that declines.
    pub no: &'static str,
    /// Whether agreeing destroys something (the page then focuses the declining button).
    pub destructive: bool,
}

/// An entry of the document list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// What [`Event::Choose`] carries: the storage key.
    pub key: String,
    /// What the list shows.
    pub label: String,
    /// Whether it is the open document.
    pub current: bool,
}

/// What the page shows of the session.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct View {
    /// Whether the session has started (the page is ready).
    pub ready: bool,
    /// The open document's name.
    pub name: String,
    /// The document list: documents, then copies set aside by earlier versions.
    pub entries: Vec<Entry>,
    /// Whether the document may be edited here (not while another tab edits it).
    pub editable: bool,
    /// Standing messages: read-only, storage full.
    pub bars: Vec<Notice>,
    /// The latest message, until dismissed.
    pub notice: Option<Notice>,
    /// The open question.
    pub question: Option<Question>,
    /// The open dialog.
    pub dialog: Dialog,
    /// Whether the editor holds changes not yet saved.
    pub unsaved: bool,
    /// Counts the renames and choices of the list tried, so that the name field and the list show
    /// the real state again after one that did not happen.
    pub attempts: u32,
}

/// Whether this tab may edit the open document.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Mode {
    /// This tab edits it.
    Editing,
    /// Another tab edits it (`holder`); `gone` once that tab renamed or removed it.
    ReadOnly { holder: String, gone: bool },
    /// This tab claimed it and waits until `until` for the other tab to save and hand over.
    TakingOver { until: u64 },
}

/// The editing session of one tab.
#[derive(Debug)]
pub struct Session {
    tab: String,
    previous_tab: Option<String>,
    name: String,
    names: Vec<String>,
    asides: Vec<Aside>,
    mode: Mode,
    claim: Option<Claim>,
    /// The highest claim generation seen on the open document.
    seen_generation: u64,
    page: Page,
    generation: u64,
    saved_revision: u64,
    /// The stored text of the open document as this tab last wrote or read it: a different stored
    /// text means another page wrote it.
    known: Option<Rc<str>>,
    /// Whether this tab saved edits of its own since it opened or last adopted the document.
    own_edits: bool,
    first_unsaved: Option<u64>,
    last_change: u64,
    /// After a save that failed, the next is not tried before this time.
    retry_at: u64,
    full: bool,
    exported: Option<Stamp>,
    unsaved: bool,
    wake: Option<u64>,
    notice: Option<Notice>,
    /// The open question, with what agreeing does.
    question: Option<(Question, Box<Event>)>,
    dialog: Dialog,
    attempts: u32,
}

/// The effects of one update.
type Fx = Vec<Effect>;

/// What the session knows of the page around it.
#[derive(Debug, Clone, Copy, Default)]
struct Page {
    /// The page is hidden (another tab or a minimised window in front of it).
    hidden: bool,
    /// The page gave up its claim when it was hidden away (`pagehide`).
    released: bool,
    /// A `beforeunload` is being answered: a save that fails now must warn.
    unloading: bool,
}

impl Session {
    /// A session for the tab with this id (random, made by the page).
    pub fn new(tab: impl Into<String>) -> Self {
        Self {
            tab: tab.into(),
            previous_tab: None,
            name: String::new(),
            names: Vec::new(),
            asides: Vec::new(),
            mode: Mode::Editing,
            claim: None,
            seen_generation: 0,
            page: Page::default(),
            generation: 0,
            saved_revision: 0,
            known: None,
            own_edits: false,
            first_unsaved: None,
            last_change: 0,
            retry_at: 0,
            full: false,
            exported: None,
            unsaved: false,
            wake: None,
            notice: None,
            question: None,
            dialog: Dialog::None,
            attempts: 0,
        }
    }

    /// The open document's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether this tab may edit the open document.
    pub fn editable(&self) -> bool {
        self.mode == Mode::Editing
    }

    /// Handles one event and returns what the page must do.
    pub fn update(&mut self, event: Event, ctx: &Ctx) -> Vec<Effect> {
        let mut fx = Fx::new();
        if !matches!(event, Event::Written(..)) {
            self.page.unloading = false;
        }
        self.handle(event, ctx, &mut fx);
        self.unsaved = self.dirty(ctx);
        if let Some(at) = self.next_wake(ctx) {
            if self.wake != Some(at) {
                self.wake = Some(at);
                fx.push(Effect::WakeAt(at));
            }
        }
        fx
    }

    /// What the page shows.
    pub fn view(&self) -> View {
        let mut entries: Vec<Entry> = self
            .names
            .iter()
            .map(|n| Entry {
                key: doc_key(n),
                label: n.clone(),
                current: *n == self.name,
            })
            .collect();
        if !self.names.contains(&self.name) {
            entries.insert(
                0,
                Entry {
                    key: doc_key(&self.name),
                    label: self.name.clone(),
                    current: true,
                },
            );
        }
        entries.extend(self.asides.iter().map(|a| Entry {
            key: a.key.clone(),
            label: aside_label(a),
            current: false,
        }));
        let mut bars = Vec::new();
        match &self.mode {
            Mode::Editing => {}
            Mode::ReadOnly { gone, .. } => bars.push(Notice {
                text: if *gone {
                    messages::gone(&self.name)
                } else {
                    messages::read_only(&self.name)
                },
                level: Level::Warning,
                buttons: vec![Button {
                    id: "btn-take-over",
                    label: if *gone {
                        "在这里继续编辑"
                    } else {
                        "接管编辑"
                    },
                    press: Press::TakeOver,
                }],
            }),
            Mode::TakingOver { .. } => bars.push(Notice {
                text: messages::taking_over(&self.name),
                level: Level::Info,
                buttons: Vec::new(),
            }),
        }
        if self.full && self.unsaved {
            bars.push(Notice {
                text: messages::full(),
                level: Level::Error,
                buttons: vec![export_button()],
            });
        }
        View {
            // Every start opens a document, which numbers its editor.
            ready: self.generation > 0,
            name: self.name.clone(),
            entries,
            editable: self.editable(),
            bars,
            notice: self.notice.clone(),
            question: self.question.as_ref().map(|(q, _)| q.clone()),
            dialog: self.dialog,
            unsaved: self.unsaved,
            attempts: self.attempts,
        }
    }

    fn handle(&mut self, event: Event, ctx: &Ctx, fx: &mut Fx) {
        match event {
            Event::Boot(boot) => self.boot(boot, ctx, fx),
            Event::Written(purpose, outcome) => self.written(purpose, outcome, ctx, fx),
            Event::Press(press) => {
                let event = match press {
                    Press::TakeOver => Event::TakeOver,
                    Press::Export => Event::Export,
                    Press::ExportRaw(key) => Event::ExportRaw(key),
                    Press::AskDelete(key) => Event::AskDelete(key),
                };
                self.handle(event, ctx, fx);
            }
            Event::Changed
            | Event::Tick
            | Event::StorageChanged(_)
            | Event::TakeOver
            | Event::Visibility { .. }
            | Event::PageHide
            | Event::PageShow
            | Event::BeforeUnload => self.page_event(event, ctx, fx),
            Event::Export
            | Event::ExportThen(_)
            | Event::ExportRaw(_)
            | Event::AskDelete(_)
            | Event::Delete(_)
            | Event::Answer(_)
            | Event::DismissNotice
            | Event::ShowDialog(_)
            | Event::Clear
            | Event::ClearConfirmed
            | Event::Import(_) => self.user_event(event, ctx, fx),
            _ => self.document_event(event, ctx, fx),
        }
    }

    /// Time, other tabs, and the page's own life.
    fn page_event(&mut self, event: Event, ctx: &Ctx, fx: &mut Fx) {
        match event {
            Event::Changed if self.dirty(ctx) => {
                self.first_unsaved.get_or_insert(ctx.now);
                self.last_change = ctx.now;
            }
            Event::Tick => self.tick(ctx, fx),
            Event::TakeOver => self.take_over(ctx, fx),
            Event::StorageChanged(key) => self.storage_changed(key.as_deref(), ctx, fx),
            Event::Visibility { hidden } => {
                self.page.hidden = hidden;
                if hidden {
                    self.flush(ctx, fx);
                } else {
                    self.claim_if_free(ctx, fx);
                }
            }
            Event::PageHide => {
                self.flush(ctx, fx);
                self.release(ctx, fx);
                self.page.released = true;
            }
            Event::PageShow if self.page.released => {
                self.page.released = false;
                self.enter(ctx, fx);
            }
            Event::BeforeUnload => {
                if self.editable() && self.dirty(ctx) {
                    self.page.unloading = true;
                    self.save(ctx, None, fx);
                } else if self.dirty(ctx) && self.exported != Some(ctx.stamp) {
                    fx.push(Effect::WarnBeforeLeaving);
                }
            }
            _ => {}
        }
    }

    /// Exports, deletions, questions, dialogs, and changes to the whole document.
    fn user_event(&mut self, event: Event, ctx: &Ctx, fx: &mut Fx) {
        match event {
            Event::Import(doc) if self.editable() => {
                fx.push(Effect::Replace(doc));
                self.dialog = Dialog::None;
            }
            Event::Clear if self.editable() => {
                self.ask(
                    messages::clear(),
                    "清空",
                    "取消",
                    true,
                    Event::ClearConfirmed,
                );
            }
            Event::ClearConfirmed if self.editable() => {
                fx.push(Effect::Replace(Box::new(Document::blank())));
            }
            Event::Export => self.export(ctx, fx),
            Event::ExportThen(next) => {
                self.export(ctx, fx);
                self.handle(*next, ctx, fx);
            }
            Event::ExportRaw(key) => {
                if let Some(text) = ctx.store.get(&key) {
                    fx.push(Effect::Download {
                        file_name: format!("{}（原文）.json", self.label_of(&key)),
                        text: text.into(),
                    });
                }
            }
            Event::AskDelete(key) => {
                let label = self.label_of(&key);
                self.ask(
                    messages::delete(&label),
                    "删除",
                    "取消",
                    true,
                    Event::Delete(key),
                );
            }
            Event::Delete(key) => self.delete(&key, fx),
            Event::Answer(yes) => {
                if let Some((_, on_yes)) = self.question.take() {
                    if yes {
                        self.handle(*on_yes, ctx, fx);
                    }
                }
            }
            Event::DismissNotice => self.notice = None,
            Event::ShowDialog(d) if d != Dialog::Paste || self.editable() => {
                self.dialog = d;
            }
            _ => {}
        }
    }

    /// Which document is open and under what name.
    fn document_event(&mut self, event: Event, ctx: &Ctx, fx: &mut Fx) {
        match event {
            Event::Rename(to) => self.rename(&to, ctx, fx),
            Event::RenameOver(to) => self.do_rename(&to, ctx, fx),
            Event::Choose(key) => self.choose(&key, ctx, fx),
            Event::SwitchTo(name) => self.switch_to(&name, ctx, fx),
            Event::New => self.leave_then(Event::NewBlank, ctx, fx),
            Event::NewBlank => {
                self.release(ctx, fx);
                let name = self.fresh_name(ctx, "新文档");
                self.begin(name, Document::blank(), None, ctx, fx);
            }
            Event::Sample => self.leave_then(Event::SampleDoc, ctx, fx),
            Event::SampleDoc => {
                self.release(ctx, fx);
                let name = self.fresh_name(ctx, "示例");
                self.start_saved(name, crate::sample::seed(), ctx, fx);
            }
            Event::FileChosen { name, size } => self.file_chosen(&name, size, fx),
            Event::Failed(why) => self.tell(why, Level::Warning),
            Event::FileRead { name, opened } => match opened {
                Ok((doc, note)) => self.leave_then(
                    Event::OpenNew {
                        base: file_base(&name),
                        doc,
                        from_aside: None,
                        note,
                    },
                    ctx,
                    fx,
                ),
                Err(why) => self.tell(messages::file_not_opened(&name, &why), Level::Warning),
            },
            Event::OpenNew {
                base,
                doc,
                from_aside,
                note,
            } => {
                self.release(ctx, fx);
                let name = self.fresh_name(ctx, &base);
                if let Some(label) = from_aside {
                    self.tell(messages::aside_opened(&label, &name), Level::Info);
                }
                self.start_saved(name, *doc, ctx, fx);
                if let Some(note) = note {
                    self.tell(note, Level::Info);
                }
            }
            _ => {}
        }
    }

    // ---- the document in the editor and its saving ----

    /// Whether the editor holds changes not yet saved. An editor of another generation is one
    /// the page has not replaced yet with the document just opened: nothing of it is unsaved.
    fn dirty(&self, ctx: &Ctx) -> bool {
        ctx.stamp.generation == self.generation && ctx.stamp.revision != self.saved_revision
    }

    fn save_deadline(&self, now: u64) -> u64 {
        let quiet = self.last_change.saturating_add(QUIET_MS);
        let longest = self
            .first_unsaved
            .unwrap_or(now)
            .saturating_add(MAX_UNSAVED_MS);
        quiet.min(longest).max(self.retry_at)
    }

    fn next_wake(&self, ctx: &Ctx) -> Option<u64> {
        let save = (self.editable() && self.dirty(ctx)).then(|| self.save_deadline(ctx.now));
        let renew = match (&self.mode, &self.claim) {
            (Mode::Editing, Some(c)) => Some(c.at.saturating_add(RENEW_MS)),
            _ => None,
        };
        let handover = match self.mode {
            Mode::TakingOver { until } => Some(until),
            _ => None,
        };
        [save, renew, handover].into_iter().flatten().min()
    }

    fn tick(&mut self, ctx: &Ctx, fx: &mut Fx) {
        self.wake = None;
        match self.mode {
            Mode::Editing => {
                let renew_due = self
                    .claim
                    .as_ref()
                    .is_some_and(|c| ctx.now >= c.at.saturating_add(RENEW_MS));
                if renew_due {
                    self.renew(ctx, fx);
                }
                if self.editable() && self.dirty(ctx) && ctx.now >= self.save_deadline(ctx.now) {
                    self.save(ctx, None, fx);
                }
            }
            Mode::TakingOver { until } if ctx.now >= until => self.complete_takeover(ctx, fx),
            _ => {}
        }
    }

    /// Saves now if anything is unsaved.
    fn flush(&mut self, ctx: &Ctx, fx: &mut Fx) {
        if self.editable() && self.dirty(ctx) {
            self.save(ctx, None, fx);
        }
    }

    /// Saves the editor's document under its name; `after` is handled once it is saved.
    fn save(&mut self, ctx: &Ctx, after: Option<Event>, fx: &mut Fx) {
        if !self.editable() || ctx.stamp.generation != self.generation {
            if let Some(next) = after {
                self.handle(next, ctx, fx);
            }
            return;
        }
        let key = doc_key(&self.name);
        let stored = ctx.store.get(&key);
        if stored.is_some() && stored.as_deref() != self.known.as_deref() {
            // Another page wrote this document since this tab last read or wrote it.
            self.changed_while_editing(stored, ctx, after, fx);
            return;
        }
        let text: Rc<str> = saved::to_json(ctx.doc).into();
        fx.push(Effect::Backup(text.clone()));
        if stored.as_deref() == Some(&*text) {
            self.saved_revision = ctx.stamp.revision;
            self.first_unsaved = None;
            self.known = Some(text);
            if let Some(next) = after {
                self.handle(next, ctx, fx);
            }
            return;
        }
        let mut ops = vec![StoreOp::set(key, text.clone())];
        if !self.names.contains(&self.name) {
            let mut names = self.names.clone();
            names.push(self.name.clone());
            ops.push(index_op(&names));
            ops.push(StoreOp::set(CURRENT, self.name.as_str()));
        }
        fx.push(Effect::Write(Write {
            ops,
            purpose: Purpose::Save {
                name: self.name.clone(),
                stamp: ctx.stamp,
                text,
                after: after.map(Box::new),
            },
        }));
    }

    /// Leaves the open document (saving it first) and then handles `next`. When it cannot be
    /// saved, asks whether to export it first.
    fn leave_then(&mut self, next: Event, ctx: &Ctx, fx: &mut Fx) {
        if self.dirty(ctx) {
            if self.editable() {
                self.save(ctx, Some(next), fx);
            } else {
                self.ask_export_first(next);
            }
        } else {
            self.handle(next, ctx, fx);
        }
    }

    fn ask_export_first(&mut self, next: Event) {
        self.ask(
            messages::leave_full(&self.name),
            "导出 JSON 并继续",
            "取消",
            false,
            Event::ExportThen(Box::new(next)),
        );
    }

    fn export(&mut self, ctx: &Ctx, fx: &mut Fx) {
        fx.push(Effect::Download {
            file_name: format!("{}.json", self.name),
            text: saved::to_json(ctx.doc).into(),
        });
        self.exported = Some(ctx.stamp);
    }

    /// Puts `doc` in a new editor under `name`; `known` is its stored text when it was read from
    /// the store. Then claims it or, when another tab edits it, shows it read-only.
    fn begin(
        &mut self,
        name: String,
        doc: Document,
        known: Option<Rc<str>>,
        ctx: &Ctx,
        fx: &mut Fx,
    ) {
        let stored = known.is_some();
        self.name = name;
        self.adopt(doc, known, fx);
        self.exported = None;
        self.seen_generation = 0;
        fx.push(Effect::RememberName(self.name.clone()));
        if stored {
            fx.push(Effect::Write(Write {
                ops: vec![StoreOp::set(CURRENT, self.name.as_str())],
                purpose: Purpose::Housekeeping,
            }));
        }
        self.enter(ctx, fx);
    }

    /// Shows `doc` (the stored version, whose text is `known`) in a new editor.
    fn adopt(&mut self, doc: Document, known: Option<Rc<str>>, fx: &mut Fx) {
        self.generation += 1;
        self.saved_revision = 0;
        self.first_unsaved = None;
        self.own_edits = false;
        // The crash banner offers the document as it is now, saved or not.
        let backup = known.clone().unwrap_or_else(|| saved::to_json(&doc).into());
        fx.push(Effect::Backup(backup));
        self.known = known;
        fx.push(Effect::Open {
            doc: Box::new(doc),
            generation: self.generation,
        });
    }

    /// Opens `doc` as a new document under `name` and saves it at once.
    fn start_saved(&mut self, name: String, doc: Document, ctx: &Ctx, fx: &mut Fx) {
        let text: Rc<str> = saved::to_json(&doc).into();
        self.begin(name, doc, None, ctx, fx);
        let mut names = self.names.clone();
        names.push(self.name.clone());
        fx.push(Effect::Write(Write {
            ops: vec![
                StoreOp::set(doc_key(&self.name), text.clone()),
                index_op(&names),
                StoreOp::set(CURRENT, self.name.as_str()),
            ],
            purpose: Purpose::Save {
                name: self.name.clone(),
                stamp: Stamp {
                    generation: self.generation,
                    revision: 0,
                },
                text,
                after: None,
            },
        }));
    }

    fn written(&mut self, purpose: Purpose, outcome: Outcome, ctx: &Ctx, fx: &mut Fx) {
        // A write whose first operation succeeded stored the document; what follows (the index,
        // the current name) is rebuilt from the keys when it is missing.
        let stored = !matches!(outcome, Outcome::Full { at: 0 });
        match purpose {
            Purpose::Save {
                name,
                stamp,
                text,
                after,
            } => {
                if stored {
                    if name == self.name {
                        self.now_stored(stamp, text, ctx);
                    }
                    if !self.names.contains(&name) {
                        self.names.push(name);
                    }
                    if let Some(next) = after {
                        self.handle(*next, ctx, fx);
                    }
                } else {
                    self.out_of_space(ctx.now);
                    if self.page.unloading && self.exported != Some(ctx.stamp) {
                        fx.push(Effect::WarnBeforeLeaving);
                    }
                    if let Some(next) = after {
                        self.ask_export_first(*next);
                    }
                }
            }
            Purpose::Rename {
                from,
                to,
                stamp,
                text,
                claim,
                names,
            } => {
                if stored {
                    self.name = to;
                    self.names = names;
                    self.moved_to_claim(claim, fx);
                    self.now_stored(stamp, text, ctx);
                } else {
                    self.out_of_space(ctx.now);
                    self.tell(messages::rename_full(&from, &to), Level::Error);
                }
            }
            Purpose::KeepBoth {
                aside,
                theirs,
                stamp,
                text,
                after,
            } => self.kept_both(outcome, &aside, theirs, (stamp, text), after, ctx, fx),
            Purpose::MoveAway {
                to,
                stamp,
                text,
                claim,
                why,
                after,
            } => {
                if stored {
                    let from = std::mem::replace(&mut self.name, to);
                    if !self.names.contains(&self.name) {
                        self.names.push(self.name.clone());
                    }
                    self.moved_to_claim(claim, fx);
                    self.now_stored(stamp, text, ctx);
                    let text = messages::moved_away(&from, &why, &self.name);
                    self.tell(text, Level::Warning);
                    if let Some(next) = after {
                        self.handle(*next, ctx, fx);
                    }
                } else {
                    self.out_of_space(ctx.now);
                    self.notice = Some(Notice {
                        text: messages::moved_away_full(&self.name, &why),
                        level: Level::Error,
                        buttons: vec![export_button()],
                    });
                }
            }
            Purpose::Yield { saved } => match saved {
                Some((stamp, text)) if stored => self.now_stored(stamp, text, ctx),
                Some(_) => {
                    self.out_of_space(ctx.now);
                    self.notice = Some(Notice {
                        text: messages::handover_unsaved(),
                        level: Level::Error,
                        buttons: vec![export_button()],
                    });
                }
                None => {}
            },
            Purpose::Delete => self.refresh_names(ctx, false, fx),
            Purpose::Housekeeping => {}
        }
    }

    /// The editor state `stamp`, whose text is `text`, is now what the store holds.
    fn now_stored(&mut self, stamp: Stamp, text: Rc<str>, ctx: &Ctx) {
        self.known = Some(text);
        if stamp.generation == self.generation {
            self.saved_revision = stamp.revision;
            self.own_edits = self.own_edits || stamp.revision > 0;
            self.first_unsaved = self.dirty(ctx).then_some(ctx.now);
        }
        self.full = false;
    }

    /// The open document now lives under a new name, claimed by `claim`.
    fn moved_to_claim(&mut self, claim: Claim, fx: &mut Fx) {
        self.own_edits = true;
        self.seen_generation = claim.generation;
        self.claim = Some(claim);
        fx.push(Effect::RememberName(self.name.clone()));
    }

    #[allow(clippy::too_many_arguments)] // the fields of Purpose::KeepBoth, taken apart once
    fn kept_both(
        &mut self,
        outcome: Outcome,
        aside: &str,
        theirs: Rc<str>,
        (stamp, text): (Stamp, Rc<str>),
        after: Option<Box<Event>>,
        ctx: &Ctx,
        fx: &mut Fx,
    ) {
        match outcome {
            Outcome::Done => {
                self.now_stored(stamp, text, ctx);
                self.own_edits = true;
            }
            Outcome::Full { at } => {
                self.out_of_space(ctx.now);
                if at > 0 {
                    // Theirs is safe under its new name: the next save may replace it here.
                    self.known = Some(theirs);
                }
            }
        }
        if outcome == (Outcome::Full { at: 0 }) {
            self.notice = Some(Notice {
                text: messages::kept_both_full(&self.name),
                level: Level::Error,
                buttons: vec![export_button()],
            });
            return;
        }
        if !self.names.iter().any(|n| n == aside) {
            self.names.push(aside.to_owned());
        }
        self.tell(messages::kept_both(&self.name, aside), Level::Warning);
        if let (Outcome::Done, Some(next)) = (outcome, after) {
            self.handle(*next, ctx, fx);
        }
    }

    /// A write failed for lack of space: say so, and do not try again for a while (every try
    /// serialises the whole document).
    fn out_of_space(&mut self, now: u64) {
        self.full = true;
        self.retry_at = now.saturating_add(MAX_UNSAVED_MS);
    }

    // ---- names ----

    /// Re-reads the document list from the keys, in the index's order. At boot it also writes the
    /// index back when it is missing, stale or unreadable, and says so when it was unreadable.
    fn refresh_names(&mut self, ctx: &Ctx, at_boot: bool, fx: &mut Fx) {
        let present = doc_names(ctx.store);
        let index = read_index(ctx.store);
        let names = reconcile(index.as_ref().map_or(&[][..], Vec::as_slice), &present);
        if at_boot {
            let rewrite = match &index {
                Ok(listed) => *listed != names,
                Err(IndexProblem::Missing) => !names.is_empty(),
                Err(IndexProblem::Unreadable) => {
                    self.tell(messages::index_rebuilt(names.len()), Level::Warning);
                    true
                }
            };
            if rewrite {
                fx.push(Effect::Write(Write {
                    ops: vec![index_op(&names)],
                    purpose: Purpose::Housekeeping,
                }));
            }
        }
        self.names = names;
        self.asides = asides(ctx.store);
    }

    /// `base`, or `base 2`, `base 3` … : the first not used by any stored document nor the open one.
    fn fresh_name(&self, ctx: &Ctx, base: &str) -> String {
        let mut taken = BTreeSet::new();
        for key in ctx.store.keys() {
            if let Some(name) = key.strip_prefix(DOC) {
                taken.insert(name.to_owned());
            }
        }
        taken.extend(self.names.iter().cloned());
        taken.insert(self.name.clone());
        if !taken.contains(base) {
            return base.to_owned();
        }
        (2..=taken.len() + 2)
            .map(|i| format!("{base} {i}"))
            .find(|n| !taken.contains(n))
            .unwrap_or_else(|| format!("{base} {}", taken.len() + 3))
    }

    fn label_of(&self, key: &str) -> String {
        if let Some(name) = key.strip_prefix(DOC) {
            return name.to_owned();
        }
        self.asides
            .iter()
            .find(|a| a.key == key)
            .map_or_else(|| key.to_owned(), aside_label)
    }

    fn rename(&mut self, to: &str, ctx: &Ctx, fx: &mut Fx) {
        self.attempts = self.attempts.wrapping_add(1);
        let to = to.trim();
        if to.is_empty() || to == self.name {
            return;
        }
        if !self.editable() {
            self.tell(messages::rename_read_only(), Level::Warning);
            return;
        }
        let chars = to.chars().count();
        if chars > MAX_NAME_CHARS {
            self.tell(messages::name_too_long(chars), Level::Warning);
            return;
        }
        if let Some(text) = ctx.store.get(&doc_key(to)) {
            if self.held_by_other(to, ctx) {
                self.tell(messages::rename_locked(to), Level::Warning);
            } else if saved::from_json(&text).is_err() {
                self.tell(messages::rename_unreadable(to), Level::Warning);
            } else {
                self.ask(
                    messages::rename_exists(to),
                    "替换",
                    "取消",
                    true,
                    Event::RenameOver(to.to_owned()),
                );
            }
            return;
        }
        self.do_rename(to, ctx, fx);
    }

    /// Writes the document under `to`, and only then removes it under its old name.
    fn do_rename(&mut self, to: &str, ctx: &Ctx, fx: &mut Fx) {
        if !self.editable() || ctx.stamp.generation != self.generation || to == self.name {
            return;
        }
        let from = self.name.clone();
        let stored = ctx.store.get(&doc_key(&from));
        if stored.is_some() && stored.as_deref() != self.known.as_deref() {
            // Another page wrote the old name: keep its version before anything is removed.
            self.changed_while_editing(stored, ctx, Some(Event::RenameOver(to.to_owned())), fx);
            return;
        }
        let text: Rc<str> = saved::to_json(ctx.doc).into();
        fx.push(Effect::Backup(text.clone()));
        let claim = self.new_claim(to, ctx);
        let mut names: Vec<String> = self
            .names
            .iter()
            .filter(|n| n.as_str() != to)
            .map(|n| if *n == from { to.to_owned() } else { n.clone() })
            .collect();
        if !names.iter().any(|n| n == to) {
            names.push(to.to_owned());
        }
        let ops = vec![
            StoreOp::set(doc_key(to), text.clone()),
            StoreOp::remove(doc_key(&from)),
            StoreOp::remove(lock_key(&from)),
            StoreOp::set(lock_key(to), claim.to_line()),
            index_op(&names),
            StoreOp::set(CURRENT, to),
        ];
        fx.push(Effect::Write(Write {
            ops,
            purpose: Purpose::Rename {
                from,
                to: to.to_owned(),
                stamp: ctx.stamp,
                text,
                claim,
                names,
            },
        }));
    }

    fn choose(&mut self, key: &str, ctx: &Ctx, fx: &mut Fx) {
        self.attempts = self.attempts.wrapping_add(1);
        if let Some(name) = key.strip_prefix(DOC) {
            if name != self.name {
                self.leave_then(Event::SwitchTo(name.to_owned()), ctx, fx);
            }
            return;
        }
        if key.starts_with(ASIDE) {
            let label = self.label_of(key);
            let Some(text) = ctx.store.get(key) else {
                self.tell(messages::not_found(&label), Level::Warning);
                self.refresh_names(ctx, false, fx);
                return;
            };
            match saved::from_json(&text) {
                Ok(doc) => {
                    let base = self
                        .asides
                        .iter()
                        .find(|a| a.key == key)
                        .map_or_else(|| label.clone(), |a| a.name.clone());
                    self.leave_then(
                        Event::OpenNew {
                            base,
                            doc: Box::new(doc),
                            from_aside: Some(label),
                            note: None,
                        },
                        ctx,
                        fx,
                    );
                }
                Err(e) => self.unreadable_notice(messages::aside_unreadable(&label, &e), key),
            }
        }
    }

    fn switch_to(&mut self, name: &str, ctx: &Ctx, fx: &mut Fx) {
        if name == self.name {
            return;
        }
        let key = doc_key(name);
        let Some(text) = ctx.store.get(&key) else {
            self.tell(messages::not_found(name), Level::Warning);
            self.refresh_names(ctx, false, fx);
            return;
        };
        match saved::from_json(&text) {
            Ok(doc) => {
                self.release(ctx, fx);
                self.notice = None;
                self.begin(name.to_owned(), doc, Some(text.into()), ctx, fx);
            }
            Err(e) => self.unreadable_notice(messages::unreadable(name, &e), &key),
        }
    }

    /// A file chosen: what it is, by its name, decides whether it is read (a spreadsheet or Word
    /// document goes to the file readers, which check their own size limit before reading).
    fn file_chosen(&mut self, name: &str, size: u64, fx: &mut Fx) {
        let refusal = match FileKind::of_name(name) {
            None => Some(OpenError::Unsupported),
            Some(FileKind::Pdf) => Some(OpenError::Pdf),
            Some(kind) if kind.needs_reader() => None,
            Some(_) => usize::try_from(size)
                .map_or(true, |s| s > MAX_FILE_BYTES)
                .then(|| OpenError::TooLarge(usize::try_from(size).unwrap_or(usize::MAX))),
        };
        match refusal {
            Some(e) => self.tell(
                messages::file_not_opened(name, &e.to_string()),
                Level::Warning,
            ),
            None => fx.push(Effect::ReadFile),
        }
    }

    fn delete(&mut self, key: &str, fx: &mut Fx) {
        // The open document is never removed from under its editor.
        if key == doc_key(&self.name) || !(key.starts_with(DOC) || key.starts_with(ASIDE)) {
            return;
        }
        let mut ops = vec![StoreOp::remove(key)];
        if let Some(name) = key.strip_prefix(DOC) {
            let names: Vec<String> = self.names.iter().filter(|n| *n != name).cloned().collect();
            ops.push(StoreOp::remove(lock_key(name)));
            ops.push(index_op(&names));
        }
        self.notice = None;
        fx.push(Effect::Write(Write {
            ops,
            purpose: Purpose::Delete,
        }));
    }

    // ---- other tabs ----

    fn new_claim(&self, name: &str, ctx: &Ctx) -> Claim {
        let stored = stored_claim(ctx, name).map_or(0, |c| c.generation);
        let generation = if name == self.name {
            stored.max(self.seen_generation)
        } else {
            stored
        };
        Claim {
            tab: self.tab.clone(),
            generation: generation.saturating_add(1),
            at: ctx.now,
            handed: false,
        }
    }

    fn write_claim(&mut self, claim: Claim, fx: &mut Fx) {
        self.seen_generation = self.seen_generation.max(claim.generation);
        fx.push(Effect::Write(Write {
            ops: vec![StoreOp::set(lock_key(&self.name), claim.to_line())],
            purpose: Purpose::Housekeeping,
        }));
        self.claim = Some(claim);
    }

    /// Whether a live tab other than this one edits document `name`.
    fn held_by_other(&self, name: &str, ctx: &Ctx) -> bool {
        stored_claim(ctx, name).is_some_and(|c| self.is_other_live(&c, ctx.now))
    }

    fn is_other_live(&self, claim: &Claim, now: u64) -> bool {
        claim.tab != self.tab
            && Some(&claim.tab) != self.previous_tab.as_ref()
            && !claim.is_stale(now)
    }

    /// Claims the open document, or shows it read-only when another live tab edits it.
    fn enter(&mut self, ctx: &Ctx, fx: &mut Fx) {
        match stored_claim(ctx, &self.name) {
            Some(c) if self.is_other_live(&c, ctx.now) => {
                self.seen_generation = self.seen_generation.max(c.generation);
                self.mode = Mode::ReadOnly {
                    holder: c.tab,
                    gone: false,
                };
                self.claim = None;
                self.dialog = Dialog::None;
            }
            _ => {
                let claim = self.new_claim(&self.name.clone(), ctx);
                self.write_claim(claim, fx);
                self.mode = Mode::Editing;
            }
        }
    }

    /// Gives up this tab's claim on the open document (before leaving it).
    fn release(&mut self, ctx: &Ctx, fx: &mut Fx) {
        if self.claim.take().is_some() {
            let ours = stored_claim(ctx, &self.name).is_some_and(|c| c.tab == self.tab);
            if ours {
                fx.push(Effect::Write(Write {
                    ops: vec![StoreOp::remove(lock_key(&self.name))],
                    purpose: Purpose::Housekeeping,
                }));
            }
        }
    }

    /// Renews the claim, unless another tab's claim has beaten it unnoticed.
    fn renew(&mut self, ctx: &Ctx, fx: &mut Fx) {
        let Some(mine) = self.claim.clone() else {
            return;
        };
        match stored_claim(ctx, &self.name) {
            Some(c) if c.tab != self.tab && c.beats(&mine) => self.give_way(c, ctx, fx),
            _ => self.write_claim(
                Claim {
                    at: ctx.now,
                    handed: false,
                    ..mine
                },
                fx,
            ),
        }
    }

    /// Another tab's claim beat this tab's: save what is unsaved, then tell that tab it may edit.
    fn give_way(&mut self, winner: Claim, ctx: &Ctx, fx: &mut Fx) {
        let mut ops = Vec::new();
        let mut saved = None;
        if self.dirty(ctx) {
            let text: Rc<str> = saved::to_json(ctx.doc).into();
            fx.push(Effect::Backup(text.clone()));
            ops.push(StoreOp::set(doc_key(&self.name), text.clone()));
            saved = Some((ctx.stamp, text));
        }
        self.seen_generation = self.seen_generation.max(winner.generation);
        let holder = winner.tab.clone();
        ops.push(StoreOp::set(
            lock_key(&self.name),
            Claim {
                handed: true,
                ..winner
            }
            .to_line(),
        ));
        fx.push(Effect::Write(Write {
            ops,
            purpose: Purpose::Yield { saved },
        }));
        self.claim = None;
        self.mode = Mode::ReadOnly {
            holder,
            gone: false,
        };
        self.dialog = Dialog::None;
    }

    fn take_over(&mut self, ctx: &Ctx, fx: &mut Fx) {
        let Mode::ReadOnly { gone, .. } = self.mode else {
            return;
        };
        let current = stored_claim(ctx, &self.name);
        let claim = self.new_claim(&self.name.clone(), ctx);
        self.write_claim(claim, fx);
        let wait = !gone && current.is_some_and(|c| self.is_other_live(&c, ctx.now));
        if wait {
            self.mode = Mode::TakingOver {
                until: ctx.now.saturating_add(HANDOVER_MS),
            };
        } else {
            self.complete_takeover(ctx, fx);
        }
    }

    /// Starts editing after a takeover: shows the latest stored version first.
    fn complete_takeover(&mut self, ctx: &Ctx, fx: &mut Fx) {
        self.mode = Mode::Editing;
        let stored = ctx.store.get(&doc_key(&self.name));
        match stored {
            Some(text) if Some(text.as_str()) != self.known.as_deref() => {
                match saved::from_json(&text) {
                    Ok(doc) => self.adopt(doc, Some(text.into()), fx),
                    Err(_) => self.changed_while_editing(Some(text), ctx, None, fx),
                }
            }
            Some(_) => {}
            // Gone from the store: this tab's copy is the only one; store it again.
            None => {
                self.known = None;
                self.save(ctx, None, fx);
            }
        }
    }

    /// A read-only tab whose document nobody edits any more takes it, when the user looks at it.
    fn claim_if_free(&mut self, ctx: &Ctx, fx: &mut Fx) {
        let Mode::ReadOnly { gone: false, .. } = self.mode else {
            return;
        };
        if self.page.hidden {
            return;
        }
        let free = stored_claim(ctx, &self.name).is_none_or(|c| !self.is_other_live(&c, ctx.now));
        if free && ctx.store.get(&doc_key(&self.name)).is_some() {
            let claim = self.new_claim(&self.name.clone(), ctx);
            self.write_claim(claim, fx);
            self.complete_takeover(ctx, fx);
        }
    }

    fn storage_changed(&mut self, key: Option<&str>, ctx: &Ctx, fx: &mut Fx) {
        let Some(key) = key else {
            self.refresh_names(ctx, false, fx);
            self.doc_changed(ctx, fx);
            self.lock_changed(ctx, fx);
            return;
        };
        if key == INDEX || key.starts_with(DOC) || key.starts_with(ASIDE) {
            self.refresh_names(ctx, false, fx);
        }
        if key == doc_key(&self.name) {
            self.doc_changed(ctx, fx);
        } else if key == lock_key(&self.name) {
            self.lock_changed(ctx, fx);
        } else if let Some(other) = key.strip_prefix(LOCK) {
            self.follow(other, ctx, fx);
        }
    }

    /// Another page wrote or removed the open document.
    fn doc_changed(&mut self, ctx: &Ctx, fx: &mut Fx) {
        let stored = ctx.store.get(&doc_key(&self.name));
        if stored.as_deref() == self.known.as_deref() {
            return;
        }
        match &self.mode {
            Mode::Editing => self.changed_while_editing(stored, ctx, None, fx),
            Mode::ReadOnly { holder, .. } => {
                let holder = holder.clone();
                self.follow_stored(stored, holder, ctx, fx);
            }
            Mode::TakingOver { .. } => {
                // Most likely the other tab's last save before it hands over: show it.
                if let Some(text) = stored {
                    if !self.dirty(ctx) {
                        if let Ok(doc) = saved::from_json(&text) {
                            self.adopt(doc, Some(text.into()), fx);
                        }
                    }
                }
            }
        }
    }

    /// A read-only tab shows what the editing tab saved.
    fn follow_stored(&mut self, stored: Option<String>, holder: String, ctx: &Ctx, fx: &mut Fx) {
        match stored {
            None => {
                if let Some(name) = self.holder_doc(&holder, ctx) {
                    self.switch_to(&name, ctx, fx);
                } else {
                    self.mode = Mode::ReadOnly { holder, gone: true };
                }
            }
            Some(text) => {
                self.mode = Mode::ReadOnly {
                    holder,
                    gone: false,
                };
                // Edits this tab could not save stay on screen (and on offer for export).
                if self.dirty(ctx) {
                    return;
                }
                match saved::from_json(&text) {
                    Ok(doc) => self.adopt(doc, Some(text.into()), fx),
                    Err(e) => self.tell(messages::unreadable(&self.name, &e), Level::Warning),
                }
            }
        }
    }

    /// The document the tab `holder` edits now, if any (after it renamed the one shown here).
    fn holder_doc(&self, holder: &str, ctx: &Ctx) -> Option<String> {
        ctx.store.keys().into_iter().find_map(|k| {
            let name = k.strip_prefix(LOCK)?;
            let claim = ctx.store.get(&k).and_then(|t| Claim::parse(&t))?;
            (claim.tab == holder && name != self.name && ctx.store.get(&doc_key(name)).is_some())
                .then(|| name.to_owned())
        })
    }

    /// A read-only tab whose document was renamed follows the editing tab to the new name.
    fn follow(&mut self, other: &str, ctx: &Ctx, fx: &mut Fx) {
        let Mode::ReadOnly { holder, gone } = &self.mode else {
            return;
        };
        let moved = *gone || ctx.store.get(&doc_key(&self.name)).is_none();
        let theirs = stored_claim(ctx, other).is_some_and(|c| c.tab == *holder);
        if moved && theirs && ctx.store.get(&doc_key(other)).is_some() {
            self.switch_to(other, ctx, fx);
        }
    }

    /// The editing tab finds its document written by another page: an older version of hedui
    /// without claims, or a race between claims. Nothing is lost: its version is adopted when this
    /// tab has nothing of its own in the document, or else kept under a new name beside this one's;
    /// a version this program cannot read stays where it is and this tab's moves to a new name.
    fn changed_while_editing(
        &mut self,
        stored: Option<String>,
        ctx: &Ctx,
        after: Option<Event>,
        fx: &mut Fx,
    ) {
        let Some(theirs) = stored else {
            self.known = None;
            self.tell(messages::removed_elsewhere(&self.name), Level::Warning);
            self.save(ctx, after, fx);
            return;
        };
        if ctx.stamp.generation != self.generation {
            return;
        }
        match saved::from_json(&theirs) {
            Ok(doc) if !self.own_edits && !self.dirty(ctx) => {
                self.adopt(doc, Some(theirs.into()), fx);
                if let Some(next) = after {
                    self.handle(next, ctx, fx);
                }
            }
            Ok(_) => {
                let aside = self.fresh_name(ctx, &format!("{}（另一页面的版本）", self.name));
                let text: Rc<str> = saved::to_json(ctx.doc).into();
                fx.push(Effect::Backup(text.clone()));
                let mut names = self.names.clone();
                names.push(aside.clone());
                let theirs: Rc<str> = theirs.into();
                fx.push(Effect::Write(Write {
                    ops: vec![
                        StoreOp::set(doc_key(&aside), theirs.clone()),
                        StoreOp::set(doc_key(&self.name), text.clone()),
                        index_op(&names),
                    ],
                    purpose: Purpose::KeepBoth {
                        aside,
                        theirs,
                        stamp: ctx.stamp,
                        text,
                        after: after.map(Box::new),
                    },
                }));
            }
            Err(why) => {
                let to = self.fresh_name(ctx, &format!("{}（本页）", self.name));
                let text: Rc<str> = saved::to_json(ctx.doc).into();
                fx.push(Effect::Backup(text.clone()));
                let claim = self.new_claim(&to, ctx);
                let mut names = self.names.clone();
                names.push(to.clone());
                let mut ops = vec![StoreOp::set(doc_key(&to), text.clone())];
                if stored_claim(ctx, &self.name).is_some_and(|c| c.tab == self.tab) {
                    ops.push(StoreOp::remove(lock_key(&self.name)));
                }
                ops.extend([
                    StoreOp::set(lock_key(&to), claim.to_line()),
                    index_op(&names),
                    StoreOp::set(CURRENT, to.as_str()),
                ]);
                fx.push(Effect::Write(Write {
                    ops,
                    purpose: Purpose::MoveAway {
                        to,
                        stamp: ctx.stamp,
                        text,
                        claim,
                        why,
                        after: after.map(Box::new),
                    },
                }));
            }
        }
    }

    /// Another tab claimed, handed over or released the open document.
    fn lock_changed(&mut self, ctx: &Ctx, fx: &mut Fx) {
        let stored = stored_claim(ctx, &self.name);
        if let Some(c) = &stored {
            self.seen_generation = self.seen_generation.max(c.generation);
        }
        match (self.mode.clone(), stored) {
            (Mode::Editing, None) => {
                if let Some(mine) = self.claim.clone() {
                    self.write_claim(mine, fx);
                }
            }
            (Mode::Editing, Some(c)) => {
                if c.tab == self.tab {
                    return;
                }
                match self.claim.clone() {
                    Some(mine) if !c.beats(&mine) => self.write_claim(mine, fx),
                    _ => self.give_way(c, ctx, fx),
                }
            }
            (Mode::TakingOver { .. }, Some(c)) => {
                if c.tab == self.tab {
                    if c.handed {
                        self.complete_takeover(ctx, fx);
                    }
                } else if self.claim.as_ref().is_none_or(|mine| c.beats(mine)) {
                    self.claim = None;
                    self.mode = Mode::ReadOnly {
                        holder: c.tab,
                        gone: false,
                    };
                }
            }
            (Mode::TakingOver { .. }, None) => {
                if let Some(mine) = self.claim.clone() {
                    self.write_claim(mine, fx);
                }
                self.complete_takeover(ctx, fx);
            }
            (Mode::ReadOnly { gone, .. }, Some(c)) => {
                if c.tab != self.tab {
                    self.mode = Mode::ReadOnly {
                        holder: c.tab,
                        gone,
                    };
                }
            }
            (Mode::ReadOnly { .. }, None) => self.claim_if_free(ctx, fx),
        }
    }

    // ---- notices and questions ----

    fn tell(&mut self, text: String, level: Level) {
        self.notice = Some(Notice {
            text,
            level,
            buttons: Vec::new(),
        });
    }

    fn unreadable_notice(&mut self, text: String, key: &str) {
        self.notice = Some(Notice {
            text,
            level: Level::Warning,
            buttons: vec![
                Button {
                    id: "btn-export-raw",
                    label: "导出原文",
                    press: Press::ExportRaw(key.to_owned()),
                },
                Button {
                    id: "btn-delete-entry",
                    label: "删除",
                    press: Press::AskDelete(key.to_owned()),
                },
            ],
        });
    }

    fn ask(
        &mut self,
        text: String,
        yes: &'static str,
        no: &'static str,
        destructive: bool,
        on_yes: Event,
    ) {
        self.question = Some((
            Question {
                text,
                yes,
                no,
                destructive,
            },
            Box::new(on_yes),
        ));
    }

    // ---- start ----

    fn boot(&mut self, boot: Boot, ctx: &Ctx, fx: &mut Fx) {
        self.page.hidden = boot.hidden;
        self.previous_tab = boot.previous_tab;
        self.refresh_names(ctx, true, fx);
        if boot.hash == "#sample" {
            fx.push(Effect::DropHash);
            let name = self.fresh_name(ctx, "示例");
            self.start_saved(name, crate::sample::seed(), ctx, fx);
            return;
        }
        let listed = |n: &String| self.names.contains(n);
        let candidate = boot
            .tab_name
            .filter(listed)
            .or_else(|| ctx.store.get(CURRENT).filter(listed))
            .or_else(|| self.names.first().cloned());
        if let Some(name) = candidate {
            let key = doc_key(&name);
            if let Some(text) = ctx.store.get(&key) {
                match saved::from_json(&text) {
                    Ok(doc) => {
                        self.begin(name, doc, Some(text.into()), ctx, fx);
                        return;
                    }
                    Err(e) => self.unreadable_notice(messages::unreadable(&name, &e), &key),
                }
            }
        }
        let name = self.fresh_name(ctx, "未命名");
        self.begin(name, Document::blank(), None, ctx, fx);
    }
}

fn stored_claim(ctx: &Ctx, name: &str) -> Option<Claim> {
    ctx.store
        .get(&lock_key(name))
        .and_then(|t| Claim::parse(&t))
}

fn index_op(names: &[String]) -> StoreOp {
    StoreOp::set(INDEX, serde_json::to_string(names).unwrap_or_default())
}

fn export_button() -> Button {
    Button {
        id: "btn-export-now",
        label: "导出 JSON",
        press: Press::Export,
    }
}

fn aside_label(a: &Aside) -> String {
    match a.at {
        Some(at) => format!("已另存的副本：{}（{}）", a.name, beijing_time(at)),
        None => format!("已另存的副本：{}", a.name),
    }
}

/// `2024-03-05 14:30` for a time in milliseconds since 1970, in China's time zone (UTC+8, no
/// daylight saving), by the proleptic Gregorian calendar.
fn beijing_time(ms: u64) -> String {
    let secs = ms / 1000 + 8 * 3600;
    let days = secs / 86_400;
    let minute_of_day = (secs % 86_400) / 60;
    // Days since 1970-01-01 to a civil date (eras of 400 years, March-based years).
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    format!(
        "{year}-{month:02}-{day:02} {:02}:{:02}",
        minute_of_day / 60,
        minute_of_day % 60
    )
}

#[cfg(test)]
mod tests;

/// The name a file's document starts from: the file name without `.txt` / `.json` / `.xlsx` …
/// (`遵化.TXT` → `遵化`), or `文档` when nothing is left.
fn file_base(file: &str) -> String {
    let base = match file.rsplit_once('.') {
        Some((stem, _)) if FileKind::of_name(file).is_some() => stem,
        _ => file,
    };
    if base.trim().is_empty() {
        "文档".to_owned()
    } else {
        base.to_owned()
    }
}
