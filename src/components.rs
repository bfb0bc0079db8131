//! One component per file.

pub mod field_input;
pub mod findings_panel;
pub mod project_card;
