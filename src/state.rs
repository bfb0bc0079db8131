//! The page's state: hedui-core's [`Editor`] behind Yew's reducer.

use hedui_core::editor::{Action, Editor};
use std::rc::Rc;
use yew::Reducible;

/// The reducer state shared by all components.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    pub editor: Rc<Editor>,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut editor = (*self.editor).clone();
        editor.update(action);
        Rc::new(Self {
            editor: Rc::new(editor),
        })
    }
}
