//! Drafts that are never lost: stored over a small key-value trait.
//!
//! [`KeyValue`] is all this module asks of storage. [`LocalStore`] (browser
//! only) puts it over `window.localStorage`; [`MemoryStore`] keeps it in
//! memory, for the app when the browser refuses storage and for the native
//! tests, which inject a failure at every write. Everything that decides
//! (keys, envelopes, revisions, conflicts, quarantine, index repair, import
//! and export) lives in [`Drafts`], above the trait, and never calls a clock:
//! the caller passes the time in.
//!
//! The files: `kv.rs` (the trait and its errors), `memory.rs` (the memory
//! store with faults), `envelope.rs` (the stored envelope, schemas and
//! migration), `messages.rs` (what the layer reports and the sentences the
//! author reads), `drafts.rs` (the drafts engine), `files.rs` (export and
//! import), `session.rs` (the session of one tab), `text.rs` (JSON
//! text through serde: the browser's JSON, or serde_json natively) and `local.rs`
//! (localStorage, wasm only).
//!
//! Keys (the `v1` is the key layout, not the draft schema):
//!
//! - `candor:v1:draft:<id>`: one envelope per draft, the only truth.
//! - `candor:v1:index`: the list (title, last changed, revision). Derived:
//!   rebuilt from the drafts whenever it disagrees with them.
//! - `candor:v1:aside:<id>:<n>`: a damaged entry, moved here byte for byte.
//! - `candor:v1:last-open`: which draft to reopen after a reload.
//!
//! Write order: a draft is written first and in one `set` (which either
//! replaces the old value whole or leaves it untouched), the index after it.
//! A failure before the draft write leaves the earlier saved version as it
//! was; a failure after it leaves a stale index, which the next listing
//! repairs from the drafts themselves.
//!
//! How the UI uses it: open with `open_with_fallback(LocalStore::open()…)`,
//! then hand the [`Drafts`] to a [`Session`] (`session.rs`), which holds
//! every rule of the tab's session: what is unsaved, saving
//! [`SAVE_DELAY_MS`] after the last change and at once when the page is
//! hidden, following another tab's write (a `storage` event, classified by
//! [`storage_change`]), what opens after a delete, undo. The page passes it
//! the draft as typed and the time, and shows the [`Reply`] it returns.

mod drafts;
mod envelope;
mod files;
mod kv;
#[cfg(target_arch = "wasm32")]
mod local;
mod memory;
mod messages;
mod session;
mod text;

pub use drafts::{open_with_fallback, Drafts};
pub use envelope::{decode_envelope, encode_envelope, Envelope, Unreadable};
pub use files::{export_draft, export_file_name};
pub use kv::{utf16_units, KeyValue, StoreError};
#[cfg(target_arch = "wasm32")]
pub use local::{store_error_from_js, LocalStore};
pub use memory::{Fault, MemoryStore};
pub use messages::*;
pub use session::{Reply, Session, Start};

/// Every key Candor writes starts with this.
pub const PREFIX: &str = "candor:v1:";
pub const INDEX_KEY: &str = "candor:v1:index";
pub const LAST_OPEN_KEY: &str = "candor:v1:last-open";
const DRAFT_PREFIX: &str = "candor:v1:draft:";
const ASIDE_PREFIX: &str = "candor:v1:aside:";

/// The format of an exported file (the wrapper, not the drafts inside it,
/// which carry their own schema).
pub const EXPORT_FORMAT: u32 = 1;
/// The format of the index value.
const INDEX_FORMAT: u32 = 1;

/// How long after the last change the UI should save (it also saves at once
/// when the page is hidden).
pub const SAVE_DELAY_MS: u32 = 300;
/// How long a deleted draft can be brought back.
pub const UNDO_WINDOW_MS: i64 = 30_000;
/// Chromium's localStorage quota per origin, in UTF-16 code units.
pub const CHROMIUM_QUOTA_UNITS: usize = 5_242_880;
/// Titles made from "what happened" are cut near this many characters.
pub const TITLE_CHARS: usize = 60;

pub fn draft_key(id: &str) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

pub fn aside_key(id: &str, n: u32) -> String {
    format!("{ASIDE_PREFIX}{id}:{n}")
}

/// Ids go into keys: keep them short and plain. Anything else gets a new id.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Which part of Candor's storage a `storage` event (another tab's write)
/// touched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageChange {
    /// `localStorage.clear()`: everything may have changed.
    Everything,
    /// The list changed.
    List,
    /// This draft changed (and so the list).
    Draft(String),
    /// Not one of Candor's drafts.
    Other,
}

/// Classifies a `storage` event by its `key` (`None` for `clear()`).
pub fn storage_change(key: Option<&str>) -> StorageChange {
    match key {
        None => StorageChange::Everything,
        Some(key) => match key.strip_prefix(DRAFT_PREFIX) {
            Some(id) => StorageChange::Draft(id.to_owned()),
            None if key == INDEX_KEY || key.starts_with(ASIDE_PREFIX) => StorageChange::List,
            None => StorageChange::Other,
        },
    }
}
