//! One component per file.

pub mod field_input;
pub mod findings_panel;
pub mod header_card;
pub mod import_dialog;
pub mod notice_bar;
pub mod overview_card;
pub mod project_card;
pub mod question_dialog;
pub mod row_buttons;
pub mod rows_table;
pub mod rule_catalogue;
pub mod section_card;
pub mod toolbar;
