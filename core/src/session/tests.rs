//! The session driven as the page drives it, over a store in memory that can be made full, hold
//! corrupt or newer-version documents, and be shared by several tabs whose `storage` events are
//! delivered when the test says (so that races can be staged).
#![allow(clippy::many_single_char_names)] // tabs are a, b, c…; the world is w

use super::store::MemoryStore;
use super::*;
use crate::editor::{Action, Editor};
use crate::field::FieldPath;
use std::collections::VecDeque;

const NEWER: &str = "{\"version\": 99, \"projects\": [], \"future_field\": {\"x\": 1}}";
const CORRUPT: &str = "{\"version\": 1, \"projects\": [{\"name\": \"劳模";

struct Tab {
    session: Session,
    editor: Editor,
    generation: u64,
    /// `storage` events not delivered yet.
    inbox: VecDeque<Option<String>>,
    downloads: Vec<(String, String)>,
    warned: bool,
    hash_dropped: bool,
    remembered: Option<String>,
    wake: Option<u64>,
    read_file: bool,
    backup: Option<String>,
    /// Every write performed for this tab, in order, with its outcome.
    writes: Vec<(Vec<StoreOp>, Outcome)>,
}

struct World {
    store: MemoryStore,
    tabs: Vec<Tab>,
    now: u64,
    /// Deliver `storage` events to the other tabs as soon as a write is made.
    auto_deliver: bool,
}

fn path(p: &str) -> FieldPath {
    p.parse().unwrap()
}

fn unit_name_of(text: &str) -> String {
    saved::from_json(text)
        .unwrap()
        .get(&path("unit_name"))
        .unwrap()
        .to_owned()
}

impl World {
    fn new() -> Self {
        Self {
            store: MemoryStore::default(),
            tabs: Vec::new(),
            now: 1_700_000_000_000,
            auto_deliver: true,
        }
    }

    fn with(entries: &[(&str, &str)]) -> Self {
        let mut w = Self::new();
        for (k, v) in entries {
            w.store.map.insert((*k).to_owned(), (*v).to_owned());
        }
        w
    }

    fn boot(&mut self, boot: Boot) -> usize {
        let t = self.tabs.len();
        self.tabs.push(Tab {
            session: Session::new(format!("tab-{t}")),
            editor: Editor::default(),
            generation: 0,
            inbox: VecDeque::new(),
            downloads: Vec::new(),
            warned: false,
            hash_dropped: false,
            remembered: None,
            wake: None,
            read_file: false,
            backup: None,
            writes: Vec::new(),
        });
        self.send(t, Event::Boot(boot));
        t
    }

    fn open(&mut self) -> usize {
        self.boot(Boot::default())
    }

    fn send(&mut self, t: usize, event: Event) {
        let mut queue = VecDeque::from([event]);
        while let Some(event) = queue.pop_front() {
            let effects = {
                let tab = &mut self.tabs[t];
                let ctx = Ctx {
                    store: &self.store,
                    doc: &tab.editor.doc,
                    stamp: Stamp {
                        generation: tab.generation,
                        revision: tab.editor.revision,
                    },
                    now: self.now,
                };
                tab.session.update(event, &ctx)
            };
            for effect in effects {
                match effect {
                    Effect::Write(w) => {
                        let keys: Vec<String> = w.ops.iter().map(|o| o.key().to_owned()).collect();
                        let before: Vec<Option<String>> =
                            keys.iter().map(|k| self.store.get(k)).collect();
                        let ops = w.ops.clone();
                        let back = w.perform(&mut self.store);
                        let Event::Written(_, outcome) = &back else {
                            unreachable!()
                        };
                        self.tabs[t].writes.push((ops, *outcome));
                        for (k, old) in keys.iter().zip(before) {
                            if self.store.get(k) != old {
                                for (i, other) in self.tabs.iter_mut().enumerate() {
                                    if i != t {
                                        other.inbox.push_back(Some(k.clone()));
                                    }
                                }
                            }
                        }
                        queue.push_back(back);
                    }
                    Effect::Open { doc, generation } => {
                        let tab = &mut self.tabs[t];
                        tab.editor = Editor::new(*doc);
                        tab.generation = generation;
                    }
                    Effect::Replace(doc) => {
                        self.tabs[t].editor.update(Action::Load(doc));
                        queue.push_back(Event::Changed);
                    }
                    Effect::Download { file_name, text } => {
                        self.tabs[t].downloads.push((file_name, text.to_string()));
                    }
                    Effect::ReadFile => self.tabs[t].read_file = true,
                    Effect::DropHash => self.tabs[t].hash_dropped = true,
                    Effect::RememberName(n) => self.tabs[t].remembered = Some(n),
                    Effect::Backup(text) => self.tabs[t].backup = Some(text.to_string()),
                    Effect::WakeAt(at) => self.tabs[t].wake = Some(at),
                    Effect::WarnBeforeLeaving => self.tabs[t].warned = true,
                }
            }
        }
        if self.auto_deliver {
            self.deliver_all();
        }
    }

    /// Delivers the `storage` events waiting for tab `t`.
    fn deliver(&mut self, t: usize) {
        while let Some(key) = self.tabs[t].inbox.pop_front() {
            let auto = std::mem::replace(&mut self.auto_deliver, false);
            self.send(t, Event::StorageChanged(key));
            self.auto_deliver = auto;
        }
    }

    fn deliver_all(&mut self) {
        while let Some(t) = (0..self.tabs.len()).find(|&t| !self.tabs[t].inbox.is_empty()) {
            self.deliver(t);
        }
    }

    fn edit(&mut self, t: usize, field: &str, value: &str) {
        let tab = &mut self.tabs[t];
        // A read-only tab's page drops edits (its fields are disabled).
        if !tab.session.editable() {
            return;
        }
        tab.editor.update(Action::Edit {
            field: path(field),
            value: value.to_owned(),
        });
        self.send(t, Event::Changed);
    }

    /// Lets `ms` pass, firing every tab's timer when it is due.
    fn advance(&mut self, ms: u64) {
        let end = self.now + ms;
        loop {
            let due = (0..self.tabs.len())
                .filter_map(|t| self.tabs[t].wake.map(|w| (w, t)))
                .filter(|(w, _)| *w <= end)
                .min();
            let Some((at, t)) = due else { break };
            self.now = self.now.max(at);
            self.tabs[t].wake = None;
            self.send(t, Event::Tick);
        }
        self.now = end;
    }

    fn view(&self, t: usize) -> View {
        self.tabs[t].session.view()
    }

    fn shown(&self, t: usize, field: &str) -> String {
        self.tabs[t]
            .editor
            .doc
            .get(&path(field))
            .unwrap_or_default()
            .to_owned()
    }

    fn stored(&self, name: &str) -> Option<String> {
        self.store.get(&doc_key(name))
    }

    fn stored_unit(&self, name: &str) -> Option<String> {
        self.stored(name).map(|t| unit_name_of(&t))
    }

    fn index(&self) -> Vec<String> {
        serde_json::from_str(&self.store.get(INDEX).unwrap()).unwrap()
    }

    fn notice(&self, t: usize) -> String {
        self.view(t).notice.map(|n| n.text).unwrap_or_default()
    }

    fn bars(&self, t: usize) -> String {
        self.view(t)
            .bars
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn press(&mut self, t: usize, id: &str) {
        let view = self.view(t);
        let button = view
            .bars
            .iter()
            .chain(view.notice.iter())
            .flat_map(|n| n.buttons.iter())
            .find(|b| b.id == id)
            .unwrap_or_else(|| panic!("no button {id} in {view:#?}"))
            .clone();
        self.send(t, Event::Press(button.press));
    }

    fn question(&self, t: usize) -> String {
        self.view(t).question.map(|q| q.text).unwrap_or_default()
    }
}

/// A world with documents 甲 and 乙 saved by a first tab, which is then closed.
fn two_documents() -> World {
    let mut w = World::new();
    let t = w.open();
    w.send(t, Event::Rename("甲".into()));
    w.edit(t, "unit_name", "甲单位");
    w.advance(300);
    w.send(t, Event::New);
    w.send(t, Event::Rename("乙".into()));
    w.edit(t, "unit_name", "乙单位");
    w.advance(300);
    w.send(t, Event::Choose(doc_key("甲")));
    w.send(t, Event::PageHide);
    w.tabs.clear();
    w
}

// ---- starting ----

#[test]
fn an_empty_browser_starts_a_blank_document_and_stores_nothing_until_typed_into() {
    let mut w = World::new();
    let t = w.open();
    let v = w.view(t);
    assert!(v.ready && v.editable);
    assert_eq!(v.name, "未命名");
    assert_eq!(v.entries.len(), 1);
    assert!(v.entries[0].current);
    assert!(w.stored("未命名").is_none());
    assert_eq!(w.tabs[t].editor.doc, Document::blank());
    // Not stored, but the crash banner could still offer it.
    let backup = w.tabs[t].backup.clone().unwrap();
    assert_eq!(saved::from_json(&backup).unwrap(), Document::blank());
    w.edit(t, "unit_name", "遵化市总工会");
    w.advance(QUIET_MS);
    assert_eq!(w.stored_unit("未命名").as_deref(), Some("遵化市总工会"));
    assert_eq!(w.index(), ["未命名"]);
    assert_eq!(w.store.get(CURRENT).as_deref(), Some("未命名"));
}

#[test]
fn a_reload_reopens_the_tabs_own_document_then_the_last_opened_then_the_first() {
    let mut w = two_documents();
    // This tab had 乙 open: it gets 乙 back even though 甲 was opened last in the browser.
    let t = w.boot(Boot {
        tab_name: Some("乙".into()),
        ..Boot::default()
    });
    assert_eq!(w.view(t).name, "乙");
    assert_eq!(w.shown(t, "unit_name"), "乙单位");
    w.send(t, Event::Choose(doc_key("甲")));
    w.send(t, Event::PageHide);
    let t = w.open();
    assert_eq!(w.view(t).name, "甲", "the one opened last");
    w.send(t, Event::PageHide);
    w.store.remove(CURRENT);
    let t = w.open();
    assert_eq!(w.view(t).name, "甲", "the first in the list");
}

#[test]
fn an_unreadable_index_is_rebuilt_from_the_keys_and_a_stale_one_is_corrected() {
    let mut w = two_documents();
    w.store.map.insert(INDEX.into(), "这不是列表".into());
    let t = w.open();
    let labels: Vec<String> = w.view(t).entries.iter().map(|e| e.label.clone()).collect();
    assert_eq!(labels, ["乙", "甲"]);
    assert!(
        w.notice(t)
            .contains("已根据本浏览器中保存的文档重新建立（共 2 个）"),
        "{}",
        w.notice(t)
    );
    assert_eq!(w.index(), ["乙", "甲"]);

    // An index naming a document that is gone, and missing one that is there.
    w.send(t, Event::PageHide);
    w.store.map.insert(INDEX.into(), "[\"丙\", \"甲\"]".into());
    let t = w.open();
    assert_eq!(w.index(), ["甲", "乙"]);
    assert!(
        w.notice(t).is_empty(),
        "a stale index is corrected silently"
    );

    // No index at all (cleared by hand): written from the keys.
    w.send(t, Event::PageHide);
    w.store.remove(INDEX);
    w.open();
    assert_eq!(w.index(), ["乙", "甲"]);
}

#[test]
fn sample_in_the_url_opens_the_sample_once_and_drops_the_hash() {
    let mut w = World::new();
    let t = w.boot(Boot {
        hash: "#sample".into(),
        ..Boot::default()
    });
    assert!(w.tabs[t].hash_dropped);
    assert_eq!(w.view(t).name, "示例");
    assert_eq!(w.tabs[t].editor.doc, crate::sample::seed());
    assert!(w.stored("示例").is_some(), "saved at once");
    w.edit(t, "unit_name", "改过的示例");
    w.advance(QUIET_MS);
    // The reload has no hash any more: the edited sample comes back.
    w.send(t, Event::PageHide);
    let t = w.boot(Boot {
        tab_name: Some("示例".into()),
        ..Boot::default()
    });
    assert_eq!(w.shown(t, "unit_name"), "改过的示例");
    // A second visit with the hash opens a second sample and leaves the edited one alone.
    w.send(t, Event::PageHide);
    let t = w.boot(Boot {
        hash: "#sample".into(),
        ..Boot::default()
    });
    assert_eq!(w.view(t).name, "示例 2");
    assert_eq!(w.stored_unit("示例").as_deref(), Some("改过的示例"));
}

// ---- saving while typing ----

#[test]
fn typing_is_saved_at_least_once_a_second_and_after_a_quarter_second_of_quiet() {
    let mut w = World::new();
    let t = w.open();
    let mut typed = String::new();
    let started = w.now;
    let mut saves_at = Vec::new();
    let mut last = None;
    // 4 seconds of typing, a key every 100 ms: never 250 ms of quiet.
    for i in 0..40u8 {
        typed.push(char::from(b'a' + i % 26));
        w.edit(t, "unit_name", &typed);
        w.advance(100);
        let stored = w.stored_unit("未命名");
        if stored != last {
            saves_at.push(w.now);
            last = stored;
        }
        // What is stored is never more than a second of typing behind.
        let behind = typed.len() - last.as_ref().map_or(0, String::len);
        assert!(
            behind <= 11,
            "{behind} characters unsaved after {} ms",
            w.now - started
        );
    }
    let gaps: Vec<u64> = std::iter::once(started)
        .chain(saves_at.iter().copied())
        .collect::<Vec<_>>()
        .windows(2)
        .map(|p| p[1] - p[0])
        .collect();
    assert!(gaps.iter().all(|g| *g <= MAX_UNSAVED_MS + 100), "{gaps:?}");
    let saves = w.tabs[t]
        .writes
        .iter()
        .filter(|(ops, _)| ops.first().is_some_and(|o| o.key() == doc_key("未命名")))
        .count();
    assert!((4..=6).contains(&saves), "{saves} saves in 4 s of typing");
    // The last characters are saved once the typing stops.
    w.advance(QUIET_MS);
    assert_eq!(w.stored_unit("未命名").as_deref(), Some(typed.as_str()));
    assert!(!w.view(t).unsaved);
}

#[test]
fn hiding_or_leaving_the_page_saves_at_once_and_releases_the_document() {
    let mut w = World::new();
    let t = w.open();
    w.edit(t, "unit_name", "甲");
    w.send(t, Event::Visibility { hidden: true });
    assert_eq!(
        w.stored_unit("未命名").as_deref(),
        Some("甲"),
        "saved on hide, not 250 ms later"
    );
    w.send(t, Event::Visibility { hidden: false });
    w.edit(t, "unit_name", "甲乙");
    w.send(t, Event::BeforeUnload);
    assert_eq!(w.stored_unit("未命名").as_deref(), Some("甲乙"));
    assert!(!w.tabs[t].warned, "saved: nothing to warn about");
    w.edit(t, "unit_name", "甲乙丙");
    w.send(t, Event::PageHide);
    assert_eq!(w.stored_unit("未命名").as_deref(), Some("甲乙丙"));
    assert!(w.store.get(&lock_key("未命名")).is_none(), "released");
    // Back from the back/forward cache: claimed again.
    w.send(t, Event::PageShow);
    assert!(w.store.get(&lock_key("未命名")).is_some());
    assert!(w.view(t).editable);
}

#[test]
fn typing_then_deleting_it_writes_nothing() {
    let mut w = two_documents();
    let t = w.open();
    let writes = w.tabs[t].writes.len();
    w.edit(t, "unit_name", "甲单位x");
    w.edit(t, "unit_name", "甲单位");
    w.advance(QUIET_MS);
    assert_eq!(w.tabs[t].writes.len(), writes);
    assert!(!w.view(t).unsaved);
}

// ---- renaming ----

#[test]
fn rename_writes_the_new_name_before_removing_the_old_and_is_complete_at_once() {
    let mut w = two_documents();
    let t = w.open();
    w.edit(t, "unit_name", "甲单位（改）");
    w.send(t, Event::Rename("  丙  ".into()));
    // No waiting for an autosave: closing the tab now loses nothing.
    assert_eq!(w.stored_unit("丙").as_deref(), Some("甲单位（改）"));
    assert!(w.stored("甲").is_none());
    assert_eq!(w.index(), ["丙", "乙"], "in place of the old name");
    assert_eq!(w.store.get(CURRENT).as_deref(), Some("丙"));
    assert_eq!(w.tabs[t].remembered.as_deref(), Some("丙"));
    assert!(w.store.get(&lock_key("甲")).is_none());
    assert!(w.store.get(&lock_key("丙")).is_some());
    let (ops, _) = w.tabs[t].writes.last().unwrap();
    let set_new = ops.iter().position(|o| o.key() == doc_key("丙")).unwrap();
    let remove_old = ops.iter().position(|o| o.key() == doc_key("甲")).unwrap();
    assert!(set_new < remove_old);
    assert_eq!(w.view(t).name, "丙");
    assert!(!w.view(t).unsaved);
}

#[test]
fn rename_in_a_full_store_keeps_the_document_under_its_old_name() {
    let mut w = two_documents();
    let t = w.open();
    w.store.fill();
    let before = w.store.clone();
    w.send(t, Event::Rename("一个更长的新名称".into()));
    assert_eq!(w.store, before, "nothing removed, nothing written");
    assert_eq!(w.view(t).name, "甲");
    assert!(
        w.notice(t)
            .contains("无法改名为“一个更长的新名称”；文档仍以“甲”保存"),
        "{}",
        w.notice(t)
    );
}

#[test]
fn rename_onto_an_existing_name_asks_and_only_replaces_when_agreed() {
    let mut w = two_documents();
    let t = w.open();
    let before = w.store.clone();
    w.send(t, Event::Rename("乙".into()));
    assert!(
        w.question(t)
            .contains("已经有名为“乙”的文档。要用当前文档替换它吗？"),
        "{}",
        w.question(t)
    );
    assert!(w.view(t).question.unwrap().destructive);
    assert_eq!(w.store, before, "nothing happens before the answer");
    w.send(t, Event::Answer(false));
    assert_eq!(w.store, before);
    assert_eq!(w.view(t).name, "甲");
    assert!(w.view(t).question.is_none());
    // The name field shows 甲 again (its key moved on).
    assert!(w.view(t).attempts >= 1);

    w.send(t, Event::Rename("乙".into()));
    w.send(t, Event::Answer(true));
    assert_eq!(w.stored_unit("乙").as_deref(), Some("甲单位"));
    assert!(w.stored("甲").is_none());
    assert_eq!(w.index(), ["乙"]);
}

#[test]
fn rename_onto_an_unreadable_document_or_one_edited_elsewhere_is_refused() {
    let mut w = World::with(&[("hedui.v1.doc.坏", CORRUPT), ("hedui.v1.doc.新", NEWER)]);
    let t = w.open();
    w.edit(t, "unit_name", "x");
    w.advance(QUIET_MS);
    let name = w.view(t).name;
    for target in ["坏", "新"] {
        w.send(t, Event::Rename(target.into()));
        assert!(w
            .notice(t)
            .contains(&format!("名称“{target}”已被一个无法读取的文档占用")));
        assert!(w.view(t).question.is_none());
    }
    assert_eq!(w.stored("坏").as_deref(), Some(CORRUPT));
    assert_eq!(w.stored("新").as_deref(), Some(NEWER));
    assert_eq!(w.view(t).name, name);

    // 甲 is open in another live tab.
    let mut w = two_documents();
    let a = w.boot(Boot {
        tab_name: Some("甲".into()),
        ..Boot::default()
    });
    let b = w.boot(Boot {
        tab_name: Some("乙".into()),
        ..Boot::default()
    });
    assert!(w.view(a).editable && w.view(b).editable);
    w.send(b, Event::Rename("甲".into()));
    assert!(w
        .notice(b)
        .contains("文档“甲”正在另一个标签页中编辑，不能用这个名称"));
    assert_eq!(w.stored_unit("甲").as_deref(), Some("甲单位"));
}

#[test]
fn rename_refuses_empty_too_long_and_read_only() {
    let mut w = two_documents();
    let t = w.open();
    let before = w.store.clone();
    w.send(t, Event::Rename("   ".into()));
    w.send(t, Event::Rename("甲".into()));
    assert_eq!(w.store, before);
    w.send(t, Event::Rename("长".repeat(MAX_NAME_CHARS + 1)));
    assert!(w.notice(t).contains("文档名称太长（101 个字）"));
    assert_eq!(w.store, before);
    let r = w.open();
    assert!(!w.view(r).editable);
    w.send(r, Event::Rename("丁".into()));
    assert!(w.notice(r).contains("这里不能改名"));
    assert_eq!(w.store, before);
}

// ---- documents this program cannot read ----

#[test]
fn corrupt_and_newer_documents_are_never_moved_overwritten_or_removed() {
    let mut w = World::with(&[
        ("hedui.v1.doc.坏", CORRUPT),
        ("hedui.v1.doc.新", NEWER),
        (CURRENT, "坏"),
        (INDEX, "[\"坏\",\"新\"]"),
    ]);
    let t = w.open();
    // It starts on a fresh blank document and says why.
    assert_eq!(w.view(t).name, "未命名");
    assert!(
        w.notice(t).contains("文档“坏”无法打开：文件内容无法读取"),
        "{}",
        w.notice(t)
    );
    assert!(w.notice(t).contains("本页不会改动它"));
    w.edit(t, "unit_name", "新的内容");
    w.advance(QUIET_MS);
    w.send(t, Event::Choose(doc_key("新")));
    assert!(
        w.notice(t)
            .contains("由更新版本的核对 hedui 保存（格式版本 99"),
        "{}",
        w.notice(t)
    );
    assert_eq!(w.view(t).name, "未命名", "not opened");
    // 导出原文 offers the text exactly as stored.
    w.press(t, "btn-export-raw");
    assert_eq!(
        w.tabs[t].downloads.last().unwrap(),
        &("新（原文）.json".to_owned(), NEWER.to_owned())
    );
    // Even with the store full, and after every kind of save, both are as they were.
    w.store.fill();
    w.edit(t, "unit_name", "再改");
    w.advance(2_000);
    w.send(t, Event::Choose(doc_key("坏")));
    w.send(t, Event::PageHide);
    let t = w.open();
    w.send(t, Event::PageHide);
    assert_eq!(w.stored("坏").as_deref(), Some(CORRUPT));
    assert_eq!(w.stored("新").as_deref(), Some(NEWER));
    assert!(
        w.store.keys().iter().all(|k| !k.starts_with(ASIDE)),
        "nothing moved aside"
    );
}

#[test]
fn an_unreadable_document_is_removed_only_when_the_user_agrees() {
    let mut w = World::with(&[("hedui.v1.doc.坏", CORRUPT)]);
    let t = w.open();
    w.press(t, "btn-delete-entry");
    assert!(w.question(t).contains("删除“坏”？删除后无法恢复。"));
    w.send(t, Event::Answer(false));
    assert_eq!(w.stored("坏").as_deref(), Some(CORRUPT));
    w.send(t, Event::Choose(doc_key("坏")));
    w.press(t, "btn-delete-entry");
    w.send(t, Event::Answer(true));
    assert!(w.stored("坏").is_none());
    assert!(w.view(t).entries.iter().all(|e| e.label != "坏"));
}

#[test]
fn copies_set_aside_by_earlier_versions_are_listed_and_can_be_opened() {
    let readable = saved::to_json(&{
        let mut d = Document::blank();
        d.set(&path("unit_name"), "找回的单位");
        d
    });
    let aside_ok = "hedui.v1.corrupt.旧文档.1709620200000";
    let aside_bad = "hedui.v1.corrupt.更旧.1709620100000";
    let mut w = World::with(&[(aside_ok, &readable), (aside_bad, CORRUPT)]);
    let t = w.open();
    let labels: Vec<String> = w.view(t).entries.iter().map(|e| e.label.clone()).collect();
    assert_eq!(
        labels,
        [
            "未命名",
            "已另存的副本：更旧（2024-03-05 14:28）",
            "已另存的副本：旧文档（2024-03-05 14:30）"
        ]
    );
    w.send(t, Event::Choose(aside_bad.into()));
    assert!(
        w.notice(t)
            .contains("“已另存的副本：更旧（2024-03-05 14:28）”无法打开"),
        "{}",
        w.notice(t)
    );
    w.press(t, "btn-export-raw");
    assert_eq!(w.tabs[t].downloads.last().unwrap().1, CORRUPT);
    w.send(t, Event::Choose(aside_ok.into()));
    assert_eq!(w.view(t).name, "旧文档");
    assert_eq!(w.shown(t, "unit_name"), "找回的单位");
    assert_eq!(w.stored_unit("旧文档").as_deref(), Some("找回的单位"));
    assert!(w.notice(t).contains("原来的副本仍然保留"));
    assert_eq!(w.store.get(aside_ok).as_deref(), Some(readable.as_str()));
}

// ---- a full store ----

#[test]
fn a_full_store_is_reported_with_the_export_at_hand_and_nothing_saved_is_deleted() {
    let mut w = two_documents();
    w.store.map.insert("hedui.v1.doc.坏".into(), CORRUPT.into());
    w.store.map.insert("hedui.v1.doc.新".into(), NEWER.into());
    let t = w.boot(Boot {
        tab_name: Some("甲".into()),
        ..Boot::default()
    });
    w.store.fill();
    let before = w.store.clone();
    w.edit(t, "unit_name", "甲单位加了几个字");
    w.advance(2_000);
    assert_eq!(
        w.store, before,
        "every failed save left the store as it was"
    );
    let v = w.view(t);
    assert!(v.unsaved);
    assert!(
        w.bars(t).contains("本地存储空间已满，最新的修改没有保存"),
        "{}",
        w.bars(t)
    );
    assert!(w.bars(t).contains("已经保存的内容不会被删除"));
    // The crash banner would offer the newest text, not the last one saved.
    assert!(w.tabs[t]
        .backup
        .as_deref()
        .unwrap()
        .contains("甲单位加了几个字"));
    // Leaving now warns.
    w.send(t, Event::BeforeUnload);
    assert!(w.tabs[t].warned);
    // Exported right there: leaving no longer warns, since nothing would be lost.
    w.press(t, "btn-export-now");
    let (file, text) = w.tabs[t].downloads.last().unwrap().clone();
    assert_eq!(file, "甲.json");
    assert_eq!(unit_name_of(&text), "甲单位加了几个字");
    w.tabs[t].warned = false;
    w.send(t, Event::BeforeUnload);
    assert!(!w.tabs[t].warned);
    // Space freed elsewhere: the next save goes through and the bar goes away.
    w.store.capacity = None;
    w.edit(t, "unit_name", "甲单位加了几个字！");
    w.advance(MAX_UNSAVED_MS);
    assert_eq!(w.stored_unit("甲").as_deref(), Some("甲单位加了几个字！"));
    assert!(w.bars(t).is_empty());
}

#[test]
fn leaving_a_document_that_cannot_be_saved_offers_the_export_first() {
    let mut w = two_documents();
    let t = w.boot(Boot {
        tab_name: Some("甲".into()),
        ..Boot::default()
    });
    w.store.fill();
    w.edit(t, "unit_name", "甲单位的新内容");
    for leave in [Event::Choose(doc_key("乙")), Event::New, Event::Sample] {
        w.send(t, leave);
        assert!(
            w.question(t)
                .contains("最新修改无法保存。先把它导出为 JSON 文件，再继续吗？"),
            "{}",
            w.question(t)
        );
        w.send(t, Event::Answer(false));
        assert_eq!(w.view(t).name, "甲", "stays");
        assert_eq!(w.shown(t, "unit_name"), "甲单位的新内容");
    }
    w.send(t, Event::Choose(doc_key("乙")));
    w.send(t, Event::Answer(true));
    let (file, text) = w.tabs[t].downloads.last().unwrap().clone();
    assert_eq!(
        (file.as_str(), unit_name_of(&text).as_str()),
        ("甲.json", "甲单位的新内容")
    );
    assert_eq!(w.view(t).name, "乙");
    assert_eq!(
        w.stored_unit("甲").as_deref(),
        Some("甲单位"),
        "the saved version is kept"
    );
}

// ---- new, sample, open, import, clear ----

#[test]
fn new_and_switch_save_the_document_left_and_move_the_claim() {
    let mut w = two_documents();
    let t = w.boot(Boot {
        tab_name: Some("甲".into()),
        ..Boot::default()
    });
    w.edit(t, "unit_name", "甲单位（未保存）");
    w.send(t, Event::New);
    assert_eq!(
        w.stored_unit("甲").as_deref(),
        Some("甲单位（未保存）"),
        "saved before leaving"
    );
    assert_eq!(w.view(t).name, "新文档");
    assert_eq!(w.tabs[t].editor.doc, Document::blank());
    assert!(
        !w.tabs[t].editor.can_undo(),
        "a new editor: undo cannot bring 甲 back into 新文档"
    );
    assert!(w.store.get(&lock_key("甲")).is_none());
    w.send(t, Event::New);
    assert_eq!(w.view(t).name, "新文档 2");
    assert!(
        w.stored("新文档").is_none(),
        "an untouched blank document is not stored"
    );
    w.send(t, Event::Choose(doc_key("乙")));
    assert_eq!(w.shown(t, "unit_name"), "乙单位");
    assert_eq!(w.tabs[t].remembered.as_deref(), Some("乙"));
    assert_eq!(w.store.get(CURRENT).as_deref(), Some("乙"));
    assert!(w.store.get(&lock_key("乙")).is_some());
    w.send(t, Event::Sample);
    w.send(t, Event::Sample);
    assert_eq!(w.view(t).name, "示例 2");
    assert_eq!(w.index(), ["甲", "乙", "示例", "示例 2"]);
    // A document removed meanwhile by another page.
    w.store.remove(&doc_key("甲"));
    w.send(t, Event::Choose(doc_key("甲")));
    assert!(w.notice(t).contains("没有找到文档“甲”"));
}

#[test]
fn opening_files_says_what_went_wrong_or_opens_them_as_new_documents() {
    let mut w = two_documents();
    let t = w.open();
    w.send(
        t,
        Event::FileChosen {
            name: "大.json".into(),
            size: 50 * 1024 * 1024,
        },
    );
    assert!(
        w.notice(t)
            .contains("无法打开“大.json”：文件过大（50.0 MB）"),
        "{}",
        w.notice(t)
    );
    assert!(!w.tabs[t].read_file);
    w.send(
        t,
        Event::FileChosen {
            name: "甲.json".into(),
            size: 2_000,
        },
    );
    assert!(w.tabs[t].read_file);
    // A spreadsheet goes to the file readers whatever its size; a PDF or a picture is refused
    // by its name, unread.
    w.tabs[t].read_file = false;
    w.send(
        t,
        Event::FileChosen {
            name: "表.xlsx".into(),
            size: 15 * 1024 * 1024,
        },
    );
    assert!(w.tabs[t].read_file);
    for (name, says) in [("图.png", "只能打开"), ("文本.pdf", "是 PDF 文件")] {
        w.tabs[t].read_file = false;
        w.send(
            t,
            Event::FileChosen {
                name: name.into(),
                size: 2_000,
            },
        );
        assert!(!w.tabs[t].read_file, "{name}");
        assert!(w.notice(t).contains(says), "{name}: {}", w.notice(t));
    }
    let opened = |name: &str, bytes: &[u8]| Event::FileRead {
        name: name.into(),
        opened: crate::open::open(name, bytes, &|_| None)
            .map(|o| (Box::new(o.into_document()), None))
            .map_err(|e| e.to_string()),
    };
    w.send(t, opened("图.txt", b"\x89PNG\r\n\x1a\n\x00\x00"));
    assert!(w.notice(t).contains("无法打开“图.txt”：不是文本文件"));
    w.send(t, opened("坏.json", CORRUPT.as_bytes()));
    assert!(w.notice(t).contains("无法打开“坏.json”：文件内容无法读取"));
    assert_eq!(w.view(t).name, "甲");
    let text = w.stored("乙").unwrap();
    w.send(t, opened("甲.json", text.as_bytes()));
    assert_eq!(
        w.view(t).name,
        "甲 2",
        "a file named like a document does not replace it"
    );
    assert_eq!(w.stored_unit("甲 2").as_deref(), Some("乙单位"));
    assert_eq!(w.stored_unit("甲").as_deref(), Some("甲单位"));
    w.send(t, opened("遵化.TXT", crate::sample::SEED_TEXT.as_bytes()));
    assert_eq!(w.view(t).name, "遵化");
    assert_eq!(w.tabs[t].editor.doc, crate::sample::seed());
    // What the shell has to say about the file is shown once it is open.
    w.send(
        t,
        Event::FileRead {
            name: "旧.txt".into(),
            opened: Ok((
                Box::new(crate::sample::seed()),
                Some("已按 GB18030 编码读取".into()),
            )),
        },
    );
    assert_eq!(w.view(t).name, "旧");
    assert!(w.notice(t).contains("已按 GB18030 编码读取"));
}

#[test]
fn import_and_clear_replace_the_document_undoably() {
    let mut w = two_documents();
    let t = w.open();
    w.send(t, Event::ShowDialog(Dialog::Paste));
    assert_eq!(w.view(t).dialog, Dialog::Paste);
    w.send(t, Event::Import(Box::new(crate::sample::seed())));
    assert_eq!(w.view(t).dialog, Dialog::None);
    assert_eq!(w.tabs[t].editor.doc, crate::sample::seed());
    assert_eq!(w.view(t).name, "甲", "imported into the open document");
    w.advance(QUIET_MS);
    assert_eq!(
        saved::from_json(&w.stored("甲").unwrap()).unwrap(),
        crate::sample::seed()
    );
    w.send(t, Event::Clear);
    assert!(w.question(t).contains("清空当前文档的全部内容？"));
    w.send(t, Event::Answer(true));
    assert_eq!(w.tabs[t].editor.doc, Document::blank());
    assert!(w.tabs[t].editor.can_undo());
    // A read-only tab can do neither.
    let r = w.open();
    w.send(r, Event::ShowDialog(Dialog::Paste));
    assert_eq!(w.view(r).dialog, Dialog::None);
    w.send(r, Event::Clear);
    w.send(r, Event::Import(Box::new(crate::sample::seed())));
    assert!(w.view(r).question.is_none());
    assert_eq!(w.tabs[r].generation, w.tabs[r].session.generation);
    assert!(!w.tabs[r].editor.can_undo());
}

// ---- two tabs ----

#[test]
fn a_second_tab_is_read_only_follows_the_first_and_can_take_over_without_losing_either_edit() {
    let mut w = two_documents();
    let a = w.boot(Boot {
        tab_name: Some("甲".into()),
        ..Boot::default()
    });
    let b = w.open();
    assert_eq!(w.view(b).name, "甲");
    assert!(w.view(a).editable);
    assert!(!w.view(b).editable);
    assert!(
        w.bars(b).contains("正在另一个标签页中编辑"),
        "{}",
        w.bars(b)
    );
    // B shows A's edits as soon as A saves them.
    w.edit(a, "unit_name", "甲单位：A 改的");
    w.edit(b, "year", "2099");
    w.advance(QUIET_MS);
    assert_eq!(w.shown(b, "unit_name"), "甲单位：A 改的");
    assert_eq!(w.shown(b, "year"), "", "a read-only tab takes no edits");
    // A keeps typing; B takes over before A's next save is due.
    w.edit(a, "unit_name", "甲单位：A 改的，还没保存");
    w.press(b, "btn-take-over");
    assert!(!w.view(a).editable, "A gives way");
    assert!(w.view(b).editable, "A handed over at once");
    assert_eq!(
        w.shown(b, "unit_name"),
        "甲单位：A 改的，还没保存",
        "A saved before handing over"
    );
    w.edit(b, "year", "2025");
    w.advance(QUIET_MS);
    assert_eq!(w.shown(a, "year"), "2025");
    // Both reload: both edits are there.
    w.send(a, Event::PageHide);
    w.send(b, Event::PageHide);
    w.tabs.clear();
    let c = w.boot(Boot {
        tab_name: Some("甲".into()),
        ..Boot::default()
    });
    assert_eq!(w.shown(c, "unit_name"), "甲单位：A 改的，还没保存");
    assert_eq!(w.shown(c, "year"), "2025");
}

#[test]
fn taking_over_from_a_tab_that_does_not_answer_waits_a_moment_then_goes_ahead() {
    let mut w = two_documents();
    let a = w.boot(Boot {
        tab_name: Some("甲".into()),
        ..Boot::default()
    });
    let b = w.open();
    // A is frozen: it receives nothing.
    w.auto_deliver = false;
    w.press(b, "btn-take-over");
    w.tabs[a].inbox.clear();
    assert!(!w.view(b).editable);
    assert!(w.bars(b).contains("正在接管"));
    w.advance(HANDOVER_MS);
    assert!(w.view(b).editable);
    w.edit(b, "unit_name", "B 的");
    w.advance(QUIET_MS);
    // A wakes up and learns it lost the document.
    w.auto_deliver = true;
    w.send(a, Event::StorageChanged(Some(lock_key("甲"))));
    assert!(!w.view(a).editable);
    w.send(a, Event::StorageChanged(Some(doc_key("甲"))));
    assert_eq!(w.shown(a, "unit_name"), "B 的");
}

#[test]
fn a_claim_left_by_a_crashed_tab_expires_and_a_reloaded_tab_owns_its_old_claim() {
    let mut w = two_documents();
    let a = w.boot(Boot {
        tab_name: Some("甲".into()),
        ..Boot::default()
    });
    // The tab crashes: no pagehide; its claim stays.
    let old_id = w.tabs[a].session.tab.clone();
    let b = w.open();
    assert!(!w.view(b).editable);
    // The same tab reloaded knows its old id: editable at once.
    let c = w.boot(Boot {
        tab_name: Some("甲".into()),
        previous_tab: Some(old_id),
        ..Boot::default()
    });
    assert!(w.view(c).editable);
    // Without that, the claim expires after a while.
    w.send(c, Event::PageHide);
    w.tabs.truncate(1);
    w.send(0, Event::PageShow); // tab 0 claims again, then crashes
    w.tabs.clear();
    w.now += lock::STALE_MS + 1;
    let d = w.open();
    assert!(w.view(d).editable);
}

#[test]
fn tabs_that_claim_at_the_same_moment_end_with_exactly_one_editor() {
    let mut w = two_documents();
    w.auto_deliver = false;
    let a = w.boot(Boot {
        tab_name: Some("甲".into()),
        ..Boot::default()
    });
    let b = w.boot(Boot {
        tab_name: Some("甲".into()),
        ..Boot::default()
    });
    // Neither has seen the other's claim yet.
    w.tabs[b].session.mode = Mode::Editing;
    w.tabs[b].session.claim = Some(Claim {
        tab: "tab-1".into(),
        generation: 1,
        at: w.now,
        handed: false,
    });
    w.store.map.insert(
        lock_key("甲"),
        w.tabs[b].session.claim.as_ref().unwrap().to_line(),
    );
    w.tabs[a].inbox.push_back(Some(lock_key("甲")));
    w.tabs[b].inbox.push_back(Some(lock_key("甲")));
    w.edit(a, "unit_name", "A 在争抢中打的字");
    w.auto_deliver = true;
    w.deliver_all();
    let editors = [a, b].iter().filter(|&&t| w.view(t).editable).count();
    assert_eq!(editors, 1);
    assert!(w.view(b).editable, "the larger id wins a tie");
    assert_eq!(
        w.shown(b, "unit_name"),
        "A 在争抢中打的字",
        "A's edit went over with the handover"
    );
}

#[test]
fn a_released_document_is_taken_by_the_read_only_tab_the_user_is_looking_at() {
    let mut w = two_documents();
    let a = w.boot(Boot {
        tab_name: Some("甲".into()),
        ..Boot::default()
    });
    let b = w.open();
    let c = w.open();
    w.send(c, Event::Visibility { hidden: true });
    w.send(b, Event::Visibility { hidden: true });
    w.send(a, Event::PageHide);
    assert!(
        !w.view(b).editable && !w.view(c).editable,
        "hidden tabs do not grab it"
    );
    w.send(c, Event::Visibility { hidden: false });
    assert!(w.view(c).editable);
    w.send(b, Event::Visibility { hidden: false });
    assert!(!w.view(b).editable);
}

#[test]
fn a_read_only_tab_follows_a_rename_made_in_the_editing_tab() {
    let mut w = two_documents();
    let a = w.boot(Boot {
        tab_name: Some("甲".into()),
        ..Boot::default()
    });
    let b = w.open();
    w.send(a, Event::Rename("甲（定稿）".into()));
    assert_eq!(w.view(b).name, "甲（定稿）");
    assert!(!w.view(b).editable);
    // Removed with no successor (by a page without claims): B says so and keeps what it shows.
    w.store.remove(&doc_key("甲（定稿）"));
    w.send(b, Event::StorageChanged(Some(doc_key("甲（定稿）"))));
    assert!(
        w.bars(b).contains("已在另一个标签页中改名或删除"),
        "{}",
        w.bars(b)
    );
    assert_eq!(w.shown(b, "unit_name"), "甲单位");
    // 在这里继续编辑 stores it again under its name; A gives way.
    w.press(b, "btn-take-over");
    assert!(w.view(b).editable);
    assert!(!w.view(a).editable);
    assert_eq!(w.stored_unit("甲（定稿）").as_deref(), Some("甲单位"));
}

#[test]
fn a_page_without_claims_writing_the_same_document_loses_nothing() {
    // An older hedui in another tab writes 甲 behind this tab's back.
    let mut w = two_documents();
    let t = w.boot(Boot {
        tab_name: Some("甲".into()),
        ..Boot::default()
    });
    let theirs = |unit: &str| {
        let mut d = Document::blank();
        d.set(&path("unit_name"), unit);
        saved::to_json(&d)
    };
    // Nothing of this tab's in it yet: their version is shown.
    w.store.map.insert(doc_key("甲"), theirs("旧版页面写的"));
    w.send(t, Event::StorageChanged(Some(doc_key("甲"))));
    assert_eq!(w.shown(t, "unit_name"), "旧版页面写的");
    // With an edit of this tab's: both are kept.
    w.edit(t, "year", "2030");
    w.advance(QUIET_MS);
    w.store.map.insert(doc_key("甲"), theirs("旧版页面又写了"));
    w.send(t, Event::StorageChanged(Some(doc_key("甲"))));
    assert_eq!(w.shown(t, "year"), "2030");
    assert_eq!(
        w.stored_unit("甲（另一页面的版本）").as_deref(),
        Some("旧版页面又写了")
    );
    assert_eq!(w.stored_unit("甲").as_deref(), Some("旧版页面写的"));
    assert!(w
        .notice(t)
        .contains("那边的版本已另存为“甲（另一页面的版本）”"));
    // Noticed at save time rather than by an event: the same.
    w.store.map.insert(doc_key("甲"), theirs("第三次"));
    w.edit(t, "year", "2031");
    w.advance(QUIET_MS);
    assert_eq!(
        w.stored_unit("甲（另一页面的版本） 2").as_deref(),
        Some("第三次")
    );
    assert!(saved::from_json(&w.stored("甲").unwrap()).unwrap().year == "2031");
    // Removed behind its back: stored again.
    w.store.remove(&doc_key("甲"));
    w.send(t, Event::StorageChanged(Some(doc_key("甲"))));
    assert!(w.stored("甲").is_some());
    assert!(w.notice(t).contains("已重新保存"));
}

#[test]
fn a_version_this_program_cannot_read_written_over_the_open_document_stays_and_ours_moves() {
    let mut w = two_documents();
    let t = w.boot(Boot {
        tab_name: Some("甲".into()),
        ..Boot::default()
    });
    w.edit(t, "unit_name", "本页的内容");
    w.store.map.insert(doc_key("甲"), NEWER.into());
    w.send(t, Event::StorageChanged(Some(doc_key("甲"))));
    assert_eq!(w.stored("甲").as_deref(), Some(NEWER));
    assert_eq!(w.view(t).name, "甲（本页）");
    assert_eq!(w.stored_unit("甲（本页）").as_deref(), Some("本页的内容"));
    assert!(w.notice(t).contains("本页的内容已另存为“甲（本页）”"));
    // The same in a full store: nothing overwritten, and the export offered.
    let mut w = two_documents();
    let t = w.boot(Boot {
        tab_name: Some("甲".into()),
        ..Boot::default()
    });
    w.edit(t, "unit_name", "本页的内容");
    w.store.map.insert(doc_key("甲"), NEWER.into());
    w.store.fill();
    w.send(t, Event::StorageChanged(Some(doc_key("甲"))));
    assert_eq!(w.stored("甲").as_deref(), Some(NEWER));
    assert!(w.notice(t).contains("存储空间已满，本页的内容无法另存"));
    w.press(t, "btn-export-now");
    assert_eq!(
        unit_name_of(&w.tabs[t].downloads.last().unwrap().1),
        "本页的内容"
    );
}

#[test]
fn handing_over_in_a_full_store_keeps_the_unsaved_edit_on_screen_and_offers_the_export() {
    let mut w = two_documents();
    let a = w.boot(Boot {
        tab_name: Some("甲".into()),
        ..Boot::default()
    });
    let b = w.open();
    w.store.fill();
    w.edit(a, "unit_name", "A 没能保存的");
    w.press(b, "btn-take-over");
    w.advance(HANDOVER_MS);
    assert!(w.view(b).editable && !w.view(a).editable);
    assert_eq!(
        w.shown(a, "unit_name"),
        "A 没能保存的",
        "not replaced by B's version"
    );
    assert!(w.notice(a).contains("本页最后的修改因存储空间已满没有保存"));
    w.send(a, Event::BeforeUnload);
    assert!(w.tabs[a].warned);
    w.press(a, "btn-export-now");
    assert_eq!(
        unit_name_of(&w.tabs[a].downloads.last().unwrap().1),
        "A 没能保存的"
    );
}

#[test]
fn the_editing_tab_renews_its_claim_while_open() {
    let mut w = World::new();
    let t = w.open();
    let at = |w: &World| {
        Claim::parse(&w.store.get(&lock_key("未命名")).unwrap())
            .unwrap()
            .at
    };
    let first = at(&w);
    w.advance(lock::RENEW_MS * 3 + 10);
    assert!(at(&w) >= first + lock::RENEW_MS * 3);
    assert!(w.view(t).editable);
}

#[test]
fn times_are_shown_in_china_time() {
    assert_eq!(beijing_time(0), "1970-01-01 08:00");
    assert_eq!(beijing_time(1_709_620_200_000), "2024-03-05 14:30");
    assert_eq!(beijing_time(951_782_400_000), "2000-02-29 08:00");
}

#[test]
fn the_plan_runner_stops_at_the_first_failed_write() {
    let mut s = MemoryStore::default();
    s.map.insert("old".into(), "x".repeat(10));
    s.capacity = Some(s.used());
    let ops = [StoreOp::set("new", "y".repeat(10)), StoreOp::remove("old")];
    assert_eq!(store::perform(&mut s, &ops), Outcome::Full { at: 0 });
    assert_eq!(s.get("old").as_deref(), Some("xxxxxxxxxx"));
    let ops = [StoreOp::remove("old"), StoreOp::set("new", "y".repeat(5))];
    assert_eq!(store::perform(&mut s, &ops), Outcome::Done);
    assert_eq!(s.keys(), ["new"]);
}
