//! Candor writes a plain, honest customer notice about an outage.
//!
//! The core (`model`, `time`, `notice`) decides everything and is tested
//! natively; `ui` only shows state and forwards events, and exists only in
//! the browser build.

pub mod candor;
mod case;
pub mod model;
pub mod notice;
pub mod order;
pub mod share;
pub mod steps;
pub mod store;
pub mod time;

#[cfg(target_arch = "wasm32")]
pub mod ui;
