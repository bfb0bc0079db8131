//! The page's state: hedui-core's [`Editor`] behind Yew's reducer, plus views of it shaped so that
//! components can skip re-rendering what did not change (`Rc`s reused while equal).

use hedui_core::editor::{Action, Editor};
use hedui_core::model::{Document, Project};
use hedui_core::view::{messages_by_field, FieldMessage};
use hedui_core::FieldPath;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::Reducible;

/// Messages per field.
pub type Messages = BTreeMap<FieldPath, Vec<FieldMessage>>;

/// What changes the editor.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// The user edited (from any component).
    Edit(Action),
    /// The session opened a document: a new editor, with its own undo history.
    Open {
        doc: Box<Document>,
        /// The session's number for this editor (see `hedui_core::session::Stamp`).
        generation: u64,
    },
}

/// The reducer state shared by all components.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub editor: Rc<Editor>,
    /// Which document the session opened in this editor.
    pub generation: u64,
    /// How many times the whole document was replaced (opened, imported, loaded): the page shows a
    /// long document's cards a slice at a time after each.
    pub replaced: u64,
    /// One `Rc` per project, reused while the project is unchanged.
    pub projects: Vec<Rc<Project>>,
    /// Messages of each project's fields, reused while unchanged.
    pub project_messages: Vec<Rc<Messages>>,
    /// Messages of fields outside projects.
    pub document_messages: Rc<Messages>,
}

impl State {
    pub fn new(editor: Editor) -> Self {
        let mut s = Self {
            editor: Rc::new(Editor::default()),
            generation: 0,
            replaced: 0,
            projects: Vec::new(),
            project_messages: Vec::new(),
            document_messages: Rc::default(),
        };
        s.refresh(editor);
        s
    }

    fn refresh(&mut self, editor: Editor) {
        let mut by_project: Vec<Messages> = vec![Messages::new(); editor.doc.projects.len()];
        let mut document = Messages::new();
        for (path, msgs) in messages_by_field(&editor.report) {
            match path.project().and_then(|p| by_project.get_mut(p)) {
                Some(m) => {
                    m.insert(path, msgs);
                }
                None => {
                    document.insert(path, msgs);
                }
            }
        }
        let reuse = |old: Option<&Rc<Project>>, new: &Project| match old {
            Some(o) if **o == *new => o.clone(),
            _ => Rc::new(new.clone()),
        };
        self.projects = editor
            .doc
            .projects
            .iter()
            .enumerate()
            .map(|(i, p)| reuse(self.projects.get(i), p))
            .collect();
        self.project_messages = by_project
            .into_iter()
            .enumerate()
            .map(|(i, m)| match self.project_messages.get(i) {
                Some(old) if **old == m => old.clone(),
                _ => Rc::new(m),
            })
            .collect();
        if *self.document_messages != document {
            self.document_messages = Rc::new(document);
        }
        self.editor = Rc::new(editor);
    }
}

impl Default for State {
    fn default() -> Self {
        Self::new(Editor::default())
    }
}

impl Reducible for State {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let action = match msg {
            Msg::Edit(action) => action,
            Msg::Open { doc, generation } => {
                let mut next = (*self).clone();
                next.generation = generation;
                next.replaced += 1;
                next.refresh(Editor::new(*doc));
                return Rc::new(next);
            }
        };
        let loads = matches!(action, Action::Load(_));
        let mut editor = (*self.editor).clone();
        let before = editor.revision;
        editor.update(action);
        if editor.revision == before {
            return self;
        }
        let mut next = (*self).clone();
        next.replaced += u64::from(loads);
        next.refresh(editor);
        Rc::new(next)
    }
}
