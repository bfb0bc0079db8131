//! hedui-core: everything hedui knows about budget performance target forms (项目支出绩效目标表),
//! with no UI and no web dependency. The Yew page, the CLI and the tests all call into this crate.
//!
//! - [`model`]: the department document as users type it (every field is the text they wrote).
//! - [`field`]: stable paths naming each field, so a finding can point at it and the UI can focus it.
//! - [`number`], [`quantity`]: reading numbers, units, comparators and amounts as written.
//! - [`encoding`], [`open`]: a file's bytes as text, and how a file is opened (page and CLI alike).
//! - [`rules`]: the rule catalogue (HD101…), one file per rule, and [`check`] which runs them all.
//! - [`editor`]: the editing reducer; [`session`]: the editing session around it (names, saving,
//!   other tabs), returning the storage writes and dialogs for the page to perform.
//! - [`review`]: the reviewer's marks; [`opinion`]: the review report (审核意见) as data and as
//!   HTML; [`compare`]: this year's document against last year's (对比上年).
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod blame;
pub mod check;
pub mod compare;
pub mod costing;
pub mod coverage;
pub mod docnum;
pub mod editor;
pub mod encoding;
pub mod facts;
pub mod field;
pub mod finding;
pub mod format;
pub mod fuzzing;
pub mod goal;
pub mod grid;
pub mod import;
pub mod indicator;
pub mod lexicon;
pub mod model;
pub mod number;
pub mod open;
pub mod opinion;
pub mod quantity;
pub mod relation;
pub mod render;
pub mod review;
pub mod rules;
pub mod sample;
pub mod saved;
pub mod session;
pub mod sink;
pub mod taxonomy;
pub mod text;
pub mod view;
pub mod year;

pub use check::{check, Report};
pub use field::FieldPath;
pub use finding::{Finding, Severity};
pub use model::Document;
