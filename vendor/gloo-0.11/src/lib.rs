//! gloo 0.11 as yew 0.23 and tokise use it: console, timers and utils (see Cargo.toml for why).

pub use gloo_console as console;
pub use gloo_timers as timers;
pub use gloo_utils as utils;
