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
//! How the UI uses it: open with `open_with_fallback(LocalStore::open()…)`
//! and show `memory_only()` as a lasting warning; save [`SAVE_DELAY_MS`]
//! after the last change and at once on `visibilitychange` to hidden; show
//! [`SaveStatus`]; on a `storage` event, [`storage_change`] says whether to
//! re-`list` and whether the open draft `changed_elsewhere` (reopen it when
//! this tab has no unsaved change, else save now: both versions are kept;
//! when another tab's write went over this tab's saved version, save it
//! again: it is kept beside theirs).

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use crate::json::{self, Json, Map, ParseError, Value};
use crate::json_record;
use crate::model::{Draft, SCHEMA_VERSION};
use crate::order::Keyed;

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

// ---------------------------------------------------------------------------
// The key-value trait and its errors

/// Why the key-value store refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The quota is used up (`QuotaExceededError`); nothing was written.
    Full,
    /// Storage is disabled, blocked, or not there at all.
    Unavailable,
    /// Any other refusal, with what the browser said.
    Failed { detail: String },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Full => f.write_str(
                "Your browser's storage for Candor is full. Export your drafts, then delete old ones.",
            ),
            StoreError::Unavailable => f.write_str(
                "Your browser does not let Candor store drafts (storage is disabled or blocked). \
                 Drafts are kept only while this tab is open: export them to keep them.",
            ),
            StoreError::Failed { detail } => write!(
                f,
                "Your browser's storage refused Candor ({detail}). Export your drafts to keep them."
            ),
        }
    }
}

impl std::error::Error for StoreError {}

/// What Candor needs from storage. A failed `set` or `remove` must leave
/// the key as it was (localStorage does).
pub trait KeyValue {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

impl<T: KeyValue + ?Sized> KeyValue for Box<T> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        (**self).get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        (**self).set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        (**self).keys()
    }
}

/// One store shared by several [`Drafts`]: two "tabs" in a test.
impl<T: KeyValue> KeyValue for Rc<RefCell<T>> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.try_borrow().map_err(|_| busy())?.get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.try_borrow_mut().map_err(|_| busy())?.set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.try_borrow_mut().map_err(|_| busy())?.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.try_borrow().map_err(|_| busy())?.keys()
    }
}

fn busy() -> StoreError {
    StoreError::Failed {
        detail: "the store was in use".into(),
    }
}

/// The number of UTF-16 code units in `s`: what browsers count against the
/// quota.
pub fn utf16_units(s: &str) -> usize {
    s.encode_utf16().count()
}

// ---------------------------------------------------------------------------
// The in-memory store, with faults to inject

/// A planned failure of the store's writes (`set` and `remove`), counted
/// from when it is planned: the first write is 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Only the `nth` write fails.
    Once { nth: u64, error: StoreError },
    /// The `nth` write and every later one fail: the tab died there.
    From { nth: u64, error: StoreError },
}

/// Storage in memory. Used by the app when the browser refuses storage, and
/// by the tests with a quota, a disabled switch and planned write failures.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    entries: std::collections::BTreeMap<String, String>,
    quota_units: Option<usize>,
    disabled: bool,
    fault: Option<Fault>,
    writes_since_fault: u64,
    writes: u64,
    failed_writes: u64,
}

impl MemoryStore {
    pub fn new() -> Self {
        MemoryStore::default()
    }

    /// A store that holds at most `units` UTF-16 code units of keys and values.
    pub fn with_quota(units: usize) -> Self {
        MemoryStore {
            quota_units: Some(units),
            ..MemoryStore::default()
        }
    }

    /// A store with Chromium's quota.
    pub fn chromium() -> Self {
        MemoryStore::with_quota(CHROMIUM_QUOTA_UNITS)
    }

    /// A store whose every call fails, like a browser with storage blocked.
    pub fn disabled() -> Self {
        MemoryStore {
            disabled: true,
            ..MemoryStore::default()
        }
    }

    pub fn set_disabled(&mut self, disabled: bool) {
        self.disabled = disabled;
    }

    pub fn set_quota(&mut self, units: Option<usize>) {
        self.quota_units = units;
    }

    /// Plans a failure; writes are counted from now.
    pub fn plan(&mut self, fault: Fault) {
        self.fault = Some(fault);
        self.writes_since_fault = 0;
        self.failed_writes = 0;
    }

    pub fn clear_faults(&mut self) {
        self.fault = None;
        self.writes_since_fault = 0;
    }

    /// How many writes failed because of the planned fault.
    pub fn failed_writes(&self) -> u64 {
        self.failed_writes
    }

    /// Every write attempted so far (`set` and `remove`).
    pub fn writes(&self) -> u64 {
        self.writes
    }

    /// UTF-16 code units used by keys and values.
    pub fn used_units(&self) -> usize {
        self.entries
            .iter()
            .map(|(k, v)| utf16_units(k) + utf16_units(v))
            .sum()
    }

    /// What is stored, without faults: for tests to inspect.
    pub fn entries(&self) -> &std::collections::BTreeMap<String, String> {
        &self.entries
    }

    /// Writes past every fault and quota: for tests to plant damaged values.
    pub fn put_raw(&mut self, key: &str, value: &str) {
        self.entries.insert(key.to_owned(), value.to_owned());
    }

    pub fn remove_raw(&mut self, key: &str) {
        self.entries.remove(key);
    }

    fn write_allowed(&mut self) -> Result<(), StoreError> {
        if self.disabled {
            return Err(StoreError::Unavailable);
        }
        self.writes += 1;
        self.writes_since_fault += 1;
        let n = self.writes_since_fault;
        let failure = match &self.fault {
            Some(Fault::Once { nth, error }) if n == *nth => Some(error.clone()),
            Some(Fault::From { nth, error }) if n >= *nth => Some(error.clone()),
            _ => None,
        };
        match failure {
            Some(error) => {
                self.failed_writes += 1;
                Err(error)
            }
            None => Ok(()),
        }
    }
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        if self.disabled {
            return Err(StoreError::Unavailable);
        }
        Ok(self.entries.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.write_allowed()?;
        if let Some(quota) = self.quota_units {
            let old = self
                .entries
                .get(key)
                .map_or(0, |v| utf16_units(key) + utf16_units(v));
            let new = utf16_units(key) + utf16_units(value);
            if self.used_units() - old + new > quota {
                return Err(StoreError::Full);
            }
        }
        self.entries.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.write_allowed()?;
        self.entries.remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        if self.disabled {
            return Err(StoreError::Unavailable);
        }
        Ok(self.entries.keys().cloned().collect())
    }
}

// ---------------------------------------------------------------------------
// The envelope, schema versions and migration

/// What is stored under `candor:v1:draft:<id>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    /// The draft's schema version ([`SCHEMA_VERSION`] when written).
    pub schema: u32,
    /// Raised by one on every write of this key; tabs compare it to notice
    /// a change made elsewhere.
    pub revision: u64,
    /// When this version was saved, in Unix milliseconds (the caller's clock).
    pub saved_at: i64,
    /// The author's own title; `None` means "from the incident".
    pub title: Option<String>,
    /// The step the author was on (the UI's slug).
    pub step: String,
    pub draft: Draft,
}

// Only `schema` and `draft` must be there; the rest have defaults.
impl Json for Envelope {
    fn to_json(&self) -> Value {
        Value::Object(Map(vec![
            ("schema".into(), self.schema.to_json()),
            ("revision".into(), self.revision.to_json()),
            ("saved_at".into(), self.saved_at.to_json()),
            ("title".into(), self.title.to_json()),
            ("step".into(), self.step.to_json()),
            ("draft".into(), self.draft.to_json()),
        ]))
    }
    fn from_json(value: &Value) -> Option<Self> {
        let object = value.as_object()?;
        fn field<T: Json + Default>(object: &Map, key: &str) -> Option<T> {
            object.get(key).map_or(Some(T::default()), T::from_json)
        }
        Some(Envelope {
            schema: u32::from_json(object.get("schema")?)?,
            revision: field(object, "revision")?,
            saved_at: field(object, "saved_at")?,
            title: field(object, "title")?,
            step: field(object, "step")?,
            draft: Draft::from_json(object.get("draft")?)?,
        })
    }
}

impl Envelope {
    pub fn title(&self) -> String {
        match &self.title {
            Some(title) => title.clone(),
            None => title_from_incident(&self.draft.what_happened),
        }
    }
}

/// Why a stored entry (or an entry in an imported file) cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Not JSON at all.
    Damaged,
    /// JSON cut short.
    Truncated,
    /// Written by a newer Candor, with a schema this build does not know.
    Newer { schema: u64 },
    /// JSON, but not a draft this build understands (a field of the wrong
    /// kind, no schema, or an unknown older schema).
    Unrecognised,
}

impl Unreadable {
    /// Only entries that are certainly damaged are moved aside. Anything
    /// that is JSON may be a newer Candor's work: it stays where a newer
    /// Candor will look for it, untouched, and is never written over.
    fn move_aside(self) -> bool {
        matches!(self, Unreadable::Damaged | Unreadable::Truncated)
    }

    fn why(self) -> &'static str {
        match self {
            Unreadable::Damaged | Unreadable::Truncated => "it is damaged",
            Unreadable::Newer { .. } => "it was saved by a newer Candor",
            Unreadable::Unrecognised => "it is damaged or from a newer Candor",
        }
    }
}

/// The first schema Candor ever stored. v1 is the first: there was no v0.
const FIRST_SCHEMA: u32 = 1;

type Migration = fn(Value) -> Result<Value, Unreadable>;

/// `MIGRATIONS[i]` turns a draft of schema `FIRST_SCHEMA + i` into one of
/// the next schema. When `SCHEMA_VERSION` goes up, add the step here and a
/// fixture of the old version in tests/fixtures/.
const MIGRATIONS: &[Migration] = &[];

const _: () = assert!(
    MIGRATIONS.len() as u32 == SCHEMA_VERSION - FIRST_SCHEMA,
    "each schema version needs its migration"
);

/// Brings a draft value of schema `from` up to [`SCHEMA_VERSION`], one step
/// at a time.
pub fn migrate_draft(mut draft: Value, from: u64) -> Result<Value, Unreadable> {
    if from > u64::from(SCHEMA_VERSION) {
        return Err(Unreadable::Newer { schema: from });
    }
    if from < u64::from(FIRST_SCHEMA) {
        return Err(Unreadable::Unrecognised);
    }
    let mut schema = from as u32;
    while schema < SCHEMA_VERSION {
        let step = MIGRATIONS
            .get((schema - FIRST_SCHEMA) as usize)
            .ok_or(Unreadable::Unrecognised)?;
        draft = step(draft)?;
        schema += 1;
    }
    if let Some(object) = draft.as_object_mut() {
        object.insert("schema", SCHEMA_VERSION.to_json());
    }
    Ok(draft)
}

/// Reads a stored envelope: checks its schema, migrates the draft, then
/// deserialises.
pub fn decode_envelope(raw: &str) -> Result<Envelope, Unreadable> {
    let value = json::parse(raw).map_err(|e| match e {
        ParseError::Truncated => Unreadable::Truncated,
        ParseError::Invalid => Unreadable::Damaged,
    })?;
    decode_envelope_value(value)
}

fn decode_envelope_value(mut value: Value) -> Result<Envelope, Unreadable> {
    let object = value.as_object_mut().ok_or(Unreadable::Unrecognised)?;
    let schema = object
        .get("schema")
        .and_then(Value::as_u64)
        .ok_or(Unreadable::Unrecognised)?;
    let draft = object.remove("draft").ok_or(Unreadable::Unrecognised)?;
    let draft = migrate_draft(draft, schema)?;
    object.insert("draft", draft);
    object.insert("schema", SCHEMA_VERSION.to_json());
    let mut envelope = Envelope::from_json(&value).ok_or(Unreadable::Unrecognised)?;
    envelope.draft.schema = SCHEMA_VERSION;
    Ok(envelope)
}

/// The text stored for an envelope.
pub fn encode_envelope(envelope: &Envelope) -> String {
    envelope.to_json().to_text()
}

/// A title a person could have written, from whatever a damaged-looking
/// JSON entry still says.
fn title_hint(raw: &str) -> Option<String> {
    let value = json::parse(raw).ok()?;
    if let Some(title) = value.get("title").and_then(Value::as_str) {
        return Some(tidy(title)).filter(|t| !t.is_empty());
    }
    let what = value.get("draft")?.get("what_happened")?.as_str()?;
    Some(title_from_incident(what))
}

// ---------------------------------------------------------------------------
// Titles

/// Collapses runs of white space (and drops control characters).
fn tidy(text: &str) -> String {
    text.split_whitespace()
        .map(|word| word.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The list title for a draft nobody renamed: the first ~60 characters of
/// what happened, cut at a word, tidied, first letter capitalised.
pub fn title_from_incident(what_happened: &str) -> String {
    let text = tidy(what_happened);
    let text = text.trim_end_matches(['.', ',', ';', ':', ' ']);
    if text.is_empty() {
        return "Untitled draft".to_owned();
    }
    let mut title = if text.chars().count() > TITLE_CHARS {
        let cut: String = text.chars().take(TITLE_CHARS).collect();
        // Cut at the last space, unless that throws away most of the title.
        let cut = match cut.rfind(' ') {
            Some(at) if cut[..at].chars().count() >= TITLE_CHARS / 2 => cut[..at].to_owned(),
            _ => cut,
        };
        format!("{}…", cut.trim_end_matches(['.', ',', ';', ':', ' ', '-']))
    } else {
        text.to_owned()
    };
    if let Some(first) = title.chars().next() {
        if first.is_lowercase() {
            let upper: String = first.to_uppercase().collect();
            title.replace_range(..first.len_utf8(), &upper);
        }
    }
    title
}

fn with_suffix(title: &str, suffix: &str) -> String {
    if title.ends_with(suffix) {
        title.to_owned()
    } else {
        format!("{title} {suffix}")
    }
}

/// Ids go into keys: keep them short and plain. Anything else gets a new id.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

// ---------------------------------------------------------------------------
// What the drafts layer reports

/// One line of the drafts list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftSummary {
    pub id: String,
    pub title: String,
    /// The author chose the title (it no longer follows "what happened").
    pub renamed: bool,
    /// Last changed, Unix milliseconds.
    pub changed_at: i64,
    pub revision: u64,
}

json_record!(required DraftSummary { id, title, renamed, changed_at, revision });

fn summary(id: &str, envelope: &Envelope) -> DraftSummary {
    DraftSummary {
        id: id.to_owned(),
        title: envelope.title(),
        renamed: envelope.title.is_some(),
        changed_at: envelope.saved_at,
        revision: envelope.revision,
    }
}

fn sort_list(list: &mut [DraftSummary]) {
    crate::order::sort_by(list, |a, b| {
        b.changed_at
            .cmp(&a.changed_at)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// A stored draft that could not be read, and where its bytes are now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnreadableDraft {
    pub id: String,
    /// Its title, when the index or the entry still says it.
    pub title: Option<String>,
    pub reason: Unreadable,
    /// Where it is kept, unchanged: an aside key, or its own key when it
    /// is left in place.
    pub kept_at: String,
}

impl UnreadableDraft {
    fn name(&self) -> String {
        match &self.title {
            Some(title) => format!("“{title}”"),
            None => format!("the draft stored as {}", self.kept_at),
        }
    }

    pub fn moved_aside(&self) -> bool {
        self.kept_at.starts_with(ASIDE_PREFIX)
    }
}

impl fmt::Display for UnreadableDraft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kept = if self.moved_aside() {
            "It was kept aside, unchanged"
        } else {
            "It is kept as it is, unchanged"
        };
        write!(
            f,
            "One stored draft could not be read ({}). {kept}: {}.",
            self.reason.why(),
            self.name()
        )
    }
}

/// An entry moved aside earlier, still kept (exported with the drafts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptAside {
    pub key: String,
    pub id: String,
    pub title: Option<String>,
}

/// What is stored, as the list shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    /// Newest change first.
    pub drafts: Vec<DraftSummary>,
    /// Draft entries that could not be read this time.
    pub unreadable: Vec<UnreadableDraft>,
    /// Damaged entries moved aside earlier.
    pub kept_aside: Vec<KeptAside>,
    /// The index disagreed with the drafts and was rewritten from them.
    pub index_repaired: bool,
}

/// A draft as it was stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opened {
    pub draft: Draft,
    pub title: String,
    pub renamed: bool,
    pub step: String,
    pub revision: u64,
    pub saved_at: i64,
}

/// What a save did. In every case the draft's text is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    Saved {
        id: String,
        revision: u64,
        saved_at: i64,
    },
    /// Another tab changed this draft since this tab read it (or its stored
    /// entry cannot be read). Theirs stays as it is under `theirs`; this
    /// tab's version was saved as a new draft, `id`, which the draft passed
    /// to `save` now carries.
    KeptBoth {
        id: String,
        title: String,
        theirs: String,
        their_title: String,
        revision: u64,
        saved_at: i64,
    },
    /// Another tab deleted this draft; this tab's version is stored again.
    Recreated {
        id: String,
        revision: u64,
        saved_at: i64,
    },
}

impl SaveOutcome {
    pub fn id(&self) -> &str {
        match self {
            SaveOutcome::Saved { id, .. }
            | SaveOutcome::KeptBoth { id, .. }
            | SaveOutcome::Recreated { id, .. } => id,
        }
    }

    pub fn saved_at(&self) -> i64 {
        match self {
            SaveOutcome::Saved { saved_at, .. }
            | SaveOutcome::KeptBoth { saved_at, .. }
            | SaveOutcome::Recreated { saved_at, .. } => *saved_at,
        }
    }

    /// What the author must be told, beyond "Saved".
    pub fn message(&self) -> Option<String> {
        match self {
            SaveOutcome::Saved { .. } => None,
            SaveOutcome::KeptBoth {
                title, their_title, ..
            } => Some(format!(
                "This draft was also changed in another tab, so both versions are kept: \
                 the other tab's as “{their_title}”, yours as “{title}”."
            )),
            SaveOutcome::Recreated { .. } => Some(
                "This draft was deleted in another tab; your version here is saved again.".into(),
            ),
        }
    }
}

/// What the saved indicator shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    Saved {
        at_ms: i64,
    },
    /// Changed since the last save; the save is on its way.
    Pending,
    /// A new draft nobody has changed yet: it is stored on its first change.
    NothingToSave,
    NotSaved(DraftError),
    /// Storage is refused: nothing outlives the tab.
    MemoryOnly,
}

impl SaveStatus {
    /// What a tab shows as it starts: storage refused outweighs everything;
    /// a reopened draft was saved at `saved_at`; a new one has nothing to
    /// save until it changes.
    pub fn at_start(memory_only: bool, saved_at: Option<i64>) -> SaveStatus {
        match (memory_only, saved_at) {
            (true, _) => SaveStatus::MemoryOnly,
            (false, Some(at_ms)) => SaveStatus::Saved { at_ms },
            (false, None) => SaveStatus::NothingToSave,
        }
    }

    /// "Saved 10:42", with the clock in the zone whose offset is given.
    pub fn text(&self, utc_offset_seconds: i32) -> String {
        match self {
            SaveStatus::Saved { at_ms } => {
                // Plain arithmetic, not chrono's strftime (about 11 KB of
                // gzip in the wasm for one fixed format).
                match at_ms.checked_add(i64::from(utc_offset_seconds) * 1000) {
                    Some(local) => {
                        let minute_of_day = local.div_euclid(60_000).rem_euclid(24 * 60);
                        format!("Saved {:02}:{:02}", minute_of_day / 60, minute_of_day % 60)
                    }
                    None => "Saved".to_owned(),
                }
            }
            SaveStatus::Pending => "Saving…".to_owned(),
            SaveStatus::NothingToSave => "Nothing to save yet".to_owned(),
            SaveStatus::NotSaved(error) => format!("Not saved. {error}"),
            SaveStatus::MemoryOnly => {
                "Not saved: drafts are kept only while this tab is open.".to_owned()
            }
        }
    }
}

/// When a draft last changed, for the drafts list: "26 Nov 2026, 10:42" in
/// the zone whose offset (at that moment) is given.
pub fn changed_text(at_ms: i64, utc_offset_seconds: i32) -> String {
    let local_ms = at_ms.saturating_add(i64::from(utc_offset_seconds) * 1000);
    match chrono::DateTime::from_timestamp_millis(local_ms) {
        Some(t) => {
            use chrono::{Datelike, Timelike};
            let t = t.naive_utc();
            format!(
                "{} {} {}, {:02}:{:02}",
                t.day(),
                // "Jan" … "Dec": the month's first three letters.
                &crate::time::MONTHS[t.month0() as usize][..3],
                t.year(),
                t.hour(),
                t.minute()
            )
        }
        None => "at an unknown time".to_owned(),
    }
}

/// A deleted draft that can still be brought back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeletedDraft {
    pub id: String,
    pub title: String,
    pub deleted_at: i64,
}

/// How the stored version of a draft stands against what this tab knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Elsewhere {
    /// Storage holds what this tab last read or wrote.
    Unchanged,
    /// Another tab saved a later version, renamed it, deleted it, or left
    /// something this tab cannot read: follow it, or, with unsaved changes
    /// here, save them (both versions are kept).
    Changed,
    /// Another tab wrote at the same moment as this one and its write won:
    /// browsers do not make localStorage atomic across tabs. This tab's
    /// saved version is gone from storage; saving it again keeps it beside
    /// theirs.
    WrittenOver,
}

/// What keeping a draft that arrived in a share link did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SharedOutcome {
    /// This very draft is stored here already (perhaps renamed): nothing
    /// was written.
    AlreadyHere(DraftSummary),
    /// Stored as a new draft, "<title> (shared)".
    Added(DraftSummary),
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Stored now, each under the id it got.
    pub added: Vec<DraftSummary>,
    /// How many of `added` got a new id because a different draft already
    /// had theirs.
    pub renamed: usize,
    /// Titles of drafts already here with exactly this content.
    pub already_there: Vec<String>,
    /// Entries of the file this Candor cannot read (left in the file).
    pub unreadable: Vec<String>,
    /// Damaged entries from the file, kept aside here as they were.
    pub kept_aside: usize,
    /// Storage refused partway: these were not imported.
    pub stopped: Option<DraftError>,
    pub not_imported: Vec<String>,
}

impl ImportReport {
    /// Sentences for the author.
    pub fn summary(&self) -> String {
        let mut out = Vec::new();
        let n = self.added.len();
        out.push(match n {
            0 => "No new drafts were imported.".to_owned(),
            1 => "Imported 1 draft.".to_owned(),
            n => format!("Imported {n} drafts."),
        });
        if self.renamed > 0 {
            out.push(format!(
                "{} had the same name as a different draft here, so {} added beside it as “(imported)”.",
                count(self.renamed, "draft"),
                if self.renamed == 1 { "it was" } else { "they were" }
            ));
        }
        if !self.already_there.is_empty() {
            out.push(format!(
                "{} already here, unchanged.",
                were(self.already_there.len())
            ));
        }
        if !self.unreadable.is_empty() {
            out.push(format!(
                "{} in the file could not be read (damaged or from a newer Candor).",
                count(self.unreadable.len(), "draft")
            ));
        }
        if let Some(error) = &self.stopped {
            out.push(format!(
                "The import stopped before {}: {error}",
                count(self.not_imported.len(), "draft")
            ));
        }
        out.join(" ")
    }
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn were(n: usize) -> String {
    if n == 1 {
        "1 draft was".to_owned()
    } else {
        format!("{n} drafts were")
    }
}

/// Everything that can go wrong with drafts, each as one thing to tell the
/// author.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftError {
    /// A write was refused. `earlier` says whether an earlier saved version
    /// exists (and so is still there, untouched).
    NotSaved {
        cause: StoreError,
        earlier: bool,
    },
    /// Reading storage failed.
    Read(StoreError),
    NotFound {
        id: String,
    },
    Unreadable(UnreadableDraft),
    NothingToUndo,
    UndoExpired,
    ImportNotJson,
    ImportNotCandor,
    ImportNewer {
        format: u64,
    },
}

impl fmt::Display for DraftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DraftError::NotSaved { cause, earlier } => match (cause, earlier) {
                (StoreError::Full, true) => f.write_str(
                    "Your browser's storage for Candor is full, so this change is not saved. \
                     Your earlier saved version is safe. Export your drafts, then delete old ones.",
                ),
                (StoreError::Full, false) => f.write_str(
                    "Your browser's storage for Candor is full, so this draft is not saved yet. \
                     Export it to keep it, then delete old drafts.",
                ),
                (StoreError::Unavailable, _) => write!(f, "{cause}"),
                (StoreError::Failed { detail }, true) => write!(
                    f,
                    "Your browser refused to store this change ({detail}), so it is not saved. \
                     Your earlier saved version is safe."
                ),
                (StoreError::Failed { detail }, false) => write!(
                    f,
                    "Your browser refused to store this draft ({detail}), so it is not saved yet. \
                     Export it to keep it."
                ),
            },
            DraftError::Read(StoreError::Failed { detail }) => write!(
                f,
                "Candor could not read its stored drafts just now ({detail}). Nothing was changed."
            ),
            DraftError::Read(cause) => write!(f, "{cause}"),
            DraftError::NotFound { .. } => f.write_str(
                "That draft is no longer stored here (it may have been deleted in another tab).",
            ),
            DraftError::Unreadable(which) => write!(f, "{which}"),
            DraftError::NothingToUndo => f.write_str("There is no deleted draft to bring back."),
            DraftError::UndoExpired => write!(
                f,
                "It is too late to bring that draft back: undo lasts {} seconds.",
                UNDO_WINDOW_MS / 1000
            ),
            DraftError::ImportNotJson => {
                f.write_str("That file is not a Candor export, so nothing was imported.")
            }
            DraftError::ImportNotCandor => {
                f.write_str("That file is not a Candor export, so nothing was imported.")
            }
            DraftError::ImportNewer { .. } => f.write_str(
                "That file was exported by a newer Candor, which this one cannot read. \
                 Nothing was imported.",
            ),
        }
    }
}

impl std::error::Error for DraftError {}

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

// ---------------------------------------------------------------------------
// Export files

/// An entry this Candor cannot read, carried byte for byte.
struct RawEntry {
    key: String,
    value: String,
}
json_record!(required RawEntry { key, value });

fn write_export(drafts: Vec<Envelope>, kept_aside: Vec<RawEntry>, now_ms: i64) -> String {
    let mut file = vec![
        ("candor_export".to_owned(), EXPORT_FORMAT.to_json()),
        ("exported_at".to_owned(), now_ms.to_json()),
        ("drafts".to_owned(), drafts.to_json()),
    ];
    if !kept_aside.is_empty() {
        file.push(("kept_aside".to_owned(), kept_aside.to_json()));
    }
    Value::Object(Map(file)).to_pretty_text()
}

/// A file holding one draft as it is now (saved or not), to download.
pub fn export_draft(draft: &Draft, title: Option<&str>, step: &str, now_ms: i64) -> String {
    let envelope = Envelope {
        schema: SCHEMA_VERSION,
        revision: 0,
        saved_at: now_ms,
        title: title.map(str::to_owned),
        step: step.to_owned(),
        draft: draft.clone(),
    };
    write_export(vec![envelope], Vec::new(), now_ms)
}

/// A file name for an export, e.g. `candor-drafts-2026-11-26.json`.
pub fn export_file_name(now_ms: i64) -> String {
    use chrono::Datelike;
    match chrono::DateTime::from_timestamp_millis(now_ms) {
        Some(at) => format!(
            "candor-drafts-{:04}-{:02}-{:02}.json",
            at.year(),
            at.month(),
            at.day()
        ),
        None => "candor-drafts.json".to_owned(),
    }
}

// ---------------------------------------------------------------------------
// The drafts layer

/// What this tab last read or wrote for a draft: the base of its edits.
#[derive(Clone, Debug)]
struct Base {
    revision: u64,
    title: Option<String>,
    draft: Draft,
}

struct Deleted {
    info: DeletedDraft,
    envelope: Envelope,
}

/// The drafts of one tab, over any [`KeyValue`]. Holds no list of its own:
/// every call reads storage, so several tabs stay truthful.
pub struct Drafts<S: KeyValue> {
    store: S,
    seed: u64,
    counter: u64,
    known: Keyed<Base>,
    deleted: Option<Deleted>,
    memory_only: Option<StoreError>,
}

fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Drafts over the browser's store when it works, or over memory with the
/// reason why not: the app always runs, and the warning is kept for the UI.
pub fn open_with_fallback(
    primary: Result<Box<dyn KeyValue>, StoreError>,
    seed: u64,
) -> Drafts<Box<dyn KeyValue>> {
    let (store, warning): (Box<dyn KeyValue>, _) = match primary {
        Ok(store) => match store.keys() {
            Ok(_) => (store, None),
            Err(error) => (Box::new(MemoryStore::new()), Some(error)),
        },
        Err(error) => (Box::new(MemoryStore::new()), Some(error)),
    };
    let mut drafts = Drafts::new(store, seed);
    drafts.memory_only = warning;
    drafts
}

impl<S: KeyValue> Drafts<S> {
    /// `seed` makes this tab's new ids differ from another tab's made in the
    /// same millisecond (the UI passes a random number).
    pub fn new(store: S, seed: u64) -> Self {
        Drafts {
            store,
            seed,
            counter: 0,
            known: Keyed::new(),
            deleted: None,
            memory_only: None,
        }
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    pub fn store_mut(&mut self) -> &mut S {
        &mut self.store
    }

    /// Why drafts are kept only in memory, if they are: the lasting warning.
    pub fn memory_only(&self) -> Option<&StoreError> {
        self.memory_only.as_ref()
    }

    /// A new id: the time, and a number that differs per tab and per call.
    fn candidate_id(&mut self, now_ms: i64) -> String {
        self.counter += 1;
        let salt = splitmix64(self.seed ^ self.counter.wrapping_mul(0x2545_F491_4F6C_DD1D));
        format!("{:x}-{:06x}", now_ms.max(0), salt & 0xff_ffff)
    }

    /// A new id for a draft about to be saved; storage that cannot be read
    /// means the draft is not saved, and nothing earlier was.
    fn fresh_id_to_save(&mut self, now_ms: i64) -> Result<String, DraftError> {
        self.fresh_id(now_ms).map_err(|cause| DraftError::NotSaved {
            cause,
            earlier: false,
        })
    }

    /// A new id that no stored draft has.
    fn fresh_id(&mut self, now_ms: i64) -> Result<String, StoreError> {
        for _ in 0..64 {
            let id = self.candidate_id(now_ms);
            if self.store.get(&draft_key(&id))?.is_none() {
                return Ok(id);
            }
        }
        Err(StoreError::Failed {
            detail: "no free name for a new draft".into(),
        })
    }

    /// A new, empty draft with a fresh id. Nothing is stored until `save`.
    pub fn new_draft(&mut self, zone: &str, now_ms: i64) -> Draft {
        let id = match self.fresh_id(now_ms) {
            Ok(id) => id,
            // Storage cannot be read; an id clash is still caught at save.
            Err(_) => self.candidate_id(now_ms),
        };
        Draft::new(id, zone)
    }

    // --- reading --------------------------------------------------------

    fn read_index(&self) -> Option<Vec<DraftSummary>> {
        let raw = self.store.get(INDEX_KEY).ok()??;
        let index = json::parse(&raw).ok()?;
        (index.get("format")?.as_u64()? == u64::from(INDEX_FORMAT))
            .then(|| Vec::from_json(index.get("drafts")?))
            .flatten()
    }

    fn write_index(&mut self, drafts: &[DraftSummary]) -> bool {
        let index = Value::Object(Map(vec![
            ("format".to_owned(), INDEX_FORMAT.to_json()),
            ("drafts".to_owned(), drafts.to_vec().to_json()),
        ]));
        self.store.set(INDEX_KEY, &index.to_text()).is_ok()
    }

    /// Puts one draft's line into the index (or takes it out). The index is
    /// derived, so a failure here loses nothing: the next `list` repairs it.
    fn touch_index(&mut self, id: &str, line: Option<DraftSummary>) {
        let Some(mut drafts) = self.read_index() else {
            let _ = self.list();
            return;
        };
        drafts.retain(|d| d.id != id);
        drafts.extend(line);
        sort_list(&mut drafts);
        self.write_index(&drafts);
    }

    /// Copies a damaged entry to an aside key, byte for byte, and checks the
    /// copy. Reuses an aside key that already holds exactly these bytes.
    fn copy_aside(&mut self, id: &str, raw: &str) -> Result<String, StoreError> {
        for n in 1..=1000 {
            let key = aside_key(id, n);
            match self.store.get(&key)? {
                Some(value) if value == raw => return Ok(key),
                Some(_) => continue,
                None => {
                    self.store.set(&key, raw)?;
                    return if self.store.get(&key)?.as_deref() == Some(raw) {
                        Ok(key)
                    } else {
                        Err(StoreError::Failed {
                            detail: "the copy of a damaged draft did not match".into(),
                        })
                    };
                }
            }
        }
        Err(StoreError::Failed {
            detail: "too many damaged copies of one draft".into(),
        })
    }

    /// Deals with an unreadable draft entry: a damaged one is moved aside
    /// (copied and checked before its key is freed), anything else is left
    /// in place. Never deletes a byte.
    fn set_aside(
        &mut self,
        id: &str,
        raw: &str,
        reason: Unreadable,
        title: Option<String>,
    ) -> UnreadableDraft {
        let key = draft_key(id);
        let title = title.or_else(|| title_hint(raw));
        let mut kept_at = key.clone();
        if reason.move_aside() {
            if let Ok(aside) = self.copy_aside(id, raw) {
                if self.store.remove(&key).is_ok() {
                    kept_at = aside;
                }
            }
        }
        self.known.remove(id);
        UnreadableDraft {
            id: id.to_owned(),
            title,
            reason,
            kept_at,
        }
    }

    /// The drafts list, read from the drafts themselves. Damaged entries are
    /// moved aside; the index is rewritten if it disagrees.
    pub fn list(&mut self) -> Result<Listing, DraftError> {
        let keys = self.store.keys().map_err(DraftError::Read)?;
        let index = self.read_index();
        let mut titles = Keyed::new();
        for d in index.iter().flatten() {
            titles.insert(d.id.clone(), d.title.clone());
        }
        let mut listing = Listing::default();
        for key in &keys {
            if let Some(id) = key.strip_prefix(DRAFT_PREFIX) {
                let Some(raw) = self.store.get(key).map_err(DraftError::Read)? else {
                    continue;
                };
                match decode_envelope(&raw) {
                    Ok(envelope) => listing.drafts.push(summary(id, &envelope)),
                    Err(reason) => {
                        let unreadable = self.set_aside(id, &raw, reason, titles.get(id).cloned());
                        if unreadable.moved_aside() {
                            listing.kept_aside.push(KeptAside {
                                key: unreadable.kept_at.clone(),
                                id: id.to_owned(),
                                title: unreadable.title.clone(),
                            });
                        }
                        listing.unreadable.push(unreadable);
                    }
                }
            } else if let Some(rest) = key.strip_prefix(ASIDE_PREFIX) {
                if listing.kept_aside.iter().any(|k| &k.key == key) {
                    continue;
                }
                let id = rest.rsplit_once(':').map_or(rest, |(id, _)| id);
                let raw = self.store.get(key).map_err(DraftError::Read)?;
                listing.kept_aside.push(KeptAside {
                    key: key.clone(),
                    id: id.to_owned(),
                    title: raw.as_deref().and_then(title_hint),
                });
            }
        }
        sort_list(&mut listing.drafts);
        if index.as_deref() != Some(&listing.drafts[..]) {
            let drafts = listing.drafts.clone();
            listing.index_repaired = self.write_index(&drafts);
        }
        Ok(listing)
    }

    /// Reads one stored draft and makes it this tab's base for conflicts.
    pub fn open(&mut self, id: &str) -> Result<Opened, DraftError> {
        let raw = self
            .store
            .get(&draft_key(id))
            .map_err(DraftError::Read)?
            .ok_or_else(|| DraftError::NotFound { id: id.to_owned() })?;
        let envelope = match decode_envelope(&raw) {
            Ok(envelope) => envelope,
            Err(reason) => {
                let title = self
                    .read_index()
                    .and_then(|list| list.into_iter().find(|d| d.id == id))
                    .map(|d| d.title);
                return Err(DraftError::Unreadable(
                    self.set_aside(id, &raw, reason, title),
                ));
            }
        };
        let mut draft = envelope.draft.clone();
        draft.id = id.to_owned();
        self.known.insert(
            id.to_owned(),
            Base {
                revision: envelope.revision,
                title: envelope.title.clone(),
                draft: draft.clone(),
            },
        );
        Ok(Opened {
            title: envelope.title(),
            renamed: envelope.title.is_some(),
            draft,
            step: envelope.step,
            revision: envelope.revision,
            saved_at: envelope.saved_at,
        })
    }

    /// Whether another tab has written (or deleted) this draft since this
    /// tab last read or wrote it, and whether that write went over this
    /// tab's saved version without seeing it.
    pub fn changed_elsewhere(&self, id: &str) -> Result<Elsewhere, DraftError> {
        let stored = self.store.get(&draft_key(id)).map_err(DraftError::Read)?;
        let base = self.known.get(id);
        Ok(match (stored, base) {
            (None, None) => Elsewhere::Unchanged,
            (None, Some(_)) | (Some(_), None) => Elsewhere::Changed,
            (Some(raw), Some(base)) => match decode_envelope(&raw) {
                Ok(mut theirs) => {
                    theirs.draft.id = id.to_owned();
                    if theirs.draft == base.draft {
                        let same = theirs.revision == base.revision && theirs.title == base.title;
                        if same {
                            Elsewhere::Unchanged
                        } else {
                            Elsewhere::Changed
                        }
                    } else if theirs.revision > base.revision {
                        Elsewhere::Changed
                    } else {
                        // Their write has this tab's revision or an older one,
                        // and other content: it was made without seeing ours.
                        Elsewhere::WrittenOver
                    }
                }
                Err(_) => Elsewhere::Changed,
            },
        })
    }

    /// Remembers which draft is open, for the next reload. Best effort.
    pub fn remember_open(&mut self, id: &str) -> Result<(), StoreError> {
        if self.store.get(LAST_OPEN_KEY)?.as_deref() == Some(id) {
            return Ok(());
        }
        self.store.set(LAST_OPEN_KEY, id)
    }

    /// The draft to reopen after a reload: the one last opened if it is
    /// still stored, else the most recently changed.
    pub fn reopen_target(&mut self) -> Result<Option<String>, DraftError> {
        if let Some(id) = self.store.get(LAST_OPEN_KEY).map_err(DraftError::Read)? {
            if valid_id(&id) && self.store.get(&draft_key(&id)).ok().flatten().is_some() {
                return Ok(Some(id));
            }
        }
        Ok(self.list()?.drafts.first().map(|d| d.id.clone()))
    }

    // --- writing --------------------------------------------------------

    fn write(&mut self, id: &str, envelope: &Envelope, earlier: bool) -> Result<(), DraftError> {
        let text = encode_envelope(envelope);
        self.store
            .set(&draft_key(id), &text)
            .map_err(|cause| DraftError::NotSaved { cause, earlier })
    }

    fn remember(&mut self, id: &str, envelope: &Envelope) {
        self.known.insert(
            id.to_owned(),
            Base {
                revision: envelope.revision,
                title: envelope.title.clone(),
                draft: envelope.draft.clone(),
            },
        );
    }

    /// Saves the draft as it is now, with the step the author is on.
    ///
    /// Never writes over another tab's change: if the stored version is not
    /// the one this tab last read or wrote (and differs from this one), this
    /// tab's version is saved as a new draft and `draft.id` becomes its id.
    /// A draft without a usable id gets one.
    pub fn save(
        &mut self,
        draft: &mut Draft,
        step: &str,
        now_ms: i64,
    ) -> Result<SaveOutcome, DraftError> {
        let mut id = draft.id.clone();
        if !valid_id(&id) {
            id = self.fresh_id_to_save(now_ms)?;
        }
        let key = draft_key(&id);
        let base = self.known.get(&id).cloned();
        let stored = self.store.get(&key).map_err(DraftError::Read)?;
        let mut content = draft.clone();
        content.id = id.clone();
        content.schema = SCHEMA_VERSION;

        let (revision, title, recreated) = match stored {
            None => (
                base.as_ref().map_or(1, |b| b.revision + 1),
                base.as_ref().and_then(|b| b.title.clone()),
                base.is_some(),
            ),
            Some(raw) => match decode_envelope(&raw) {
                Ok(theirs) => {
                    let mut their_draft = theirs.draft.clone();
                    their_draft.id = id.clone();
                    // Three-way: overwrite only what this tab last saw (another
                    // tab may have renamed it), or what equals this version.
                    let unchanged_elsewhere = base.as_ref().is_some_and(|b| b.draft == their_draft);
                    if unchanged_elsewhere || their_draft == content {
                        (theirs.revision + 1, theirs.title.clone(), false)
                    } else {
                        let their_title = theirs.title();
                        return self.save_copy(
                            draft,
                            content,
                            base,
                            &id,
                            their_title,
                            step,
                            now_ms,
                        );
                    }
                }
                Err(reason) if reason.move_aside() => {
                    // Its bytes go aside (checked) before this save writes
                    // over the key.
                    self.copy_aside(&id, &raw)
                        .map_err(|cause| DraftError::NotSaved {
                            cause,
                            earlier: false,
                        })?;
                    (
                        base.as_ref().map_or(1, |b| b.revision + 1),
                        base.as_ref().and_then(|b| b.title.clone()),
                        false,
                    )
                }
                Err(_) => {
                    // A newer Candor's entry: never written over.
                    let theirs_title = title_hint(&raw).unwrap_or_else(|| key.clone());
                    return self.save_copy(draft, content, base, &id, theirs_title, step, now_ms);
                }
            },
        };

        let envelope = Envelope {
            schema: SCHEMA_VERSION,
            revision,
            saved_at: now_ms,
            title,
            step: step.to_owned(),
            draft: content,
        };
        self.write(&id, &envelope, base.is_some())?;
        draft.id = id.clone();
        self.remember(&id, &envelope);
        self.touch_index(&id, Some(summary(&id, &envelope)));
        Ok(if recreated {
            SaveOutcome::Recreated {
                id,
                revision,
                saved_at: now_ms,
            }
        } else {
            SaveOutcome::Saved {
                id,
                revision,
                saved_at: now_ms,
            }
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn save_copy(
        &mut self,
        draft: &mut Draft,
        mut content: Draft,
        base: Option<Base>,
        theirs_id: &str,
        their_title: String,
        step: &str,
        now_ms: i64,
    ) -> Result<SaveOutcome, DraftError> {
        let ours = match base.as_ref().and_then(|b| b.title.clone()) {
            Some(title) => title,
            None => title_from_incident(&content.what_happened),
        };
        let title = with_suffix(&ours, "(your copy from this tab)");
        let id = self.fresh_id_to_save(now_ms)?;
        content.id = id.clone();
        let envelope = Envelope {
            schema: SCHEMA_VERSION,
            revision: 1,
            saved_at: now_ms,
            title: Some(title.clone()),
            step: step.to_owned(),
            draft: content,
        };
        self.add_new(&id, &envelope)?;
        draft.id = id.clone();
        Ok(SaveOutcome::KeptBoth {
            id,
            title,
            theirs: theirs_id.to_owned(),
            their_title,
            revision: 1,
            saved_at: now_ms,
        })
    }

    /// Reads a stored draft that must be readable.
    fn read(&mut self, id: &str) -> Result<Envelope, DraftError> {
        let raw = self
            .store
            .get(&draft_key(id))
            .map_err(DraftError::Read)?
            .ok_or_else(|| DraftError::NotFound { id: id.to_owned() })?;
        match decode_envelope(&raw) {
            Ok(mut envelope) => {
                envelope.draft.id = id.to_owned();
                Ok(envelope)
            }
            Err(reason) => Err(DraftError::Unreadable(
                self.set_aside(id, &raw, reason, None),
            )),
        }
    }

    /// Gives the draft the author's own title; an empty title goes back to
    /// the one made from what happened.
    pub fn rename(
        &mut self,
        id: &str,
        title: &str,
        now_ms: i64,
    ) -> Result<DraftSummary, DraftError> {
        let mut envelope = self.read(id)?;
        let before = envelope.revision;
        let title = tidy(title);
        envelope.title = (!title.is_empty()).then_some(title);
        envelope.revision += 1;
        envelope.saved_at = now_ms;
        self.write(id, &envelope, true)?;
        if let Some(base) = self.known.get_mut(id) {
            if base.revision == before {
                base.revision = envelope.revision;
                base.title = envelope.title.clone();
            }
        }
        let line = summary(id, &envelope);
        self.touch_index(id, Some(line.clone()));
        Ok(line)
    }

    /// Stores a copy of a saved draft as a new draft, "<title> (copy)".
    pub fn duplicate(&mut self, id: &str, now_ms: i64) -> Result<DraftSummary, DraftError> {
        let original = self.read(id)?;
        let new_id = self.fresh_id_to_save(now_ms)?;
        let mut draft = original.draft.clone();
        draft.id = new_id.clone();
        let envelope = Envelope {
            schema: SCHEMA_VERSION,
            revision: 1,
            saved_at: now_ms,
            title: Some(with_suffix(&original.title(), "(copy)")),
            step: original.step.clone(),
            draft,
        };
        self.add_new(&new_id, &envelope)
    }

    /// Keeps a draft that arrived in a share link. When the draft with its
    /// id is stored here with the same content (the author's dismissed
    /// findings aside: links do not carry them), nothing is written.
    /// Otherwise it is added as "<title> (shared)" on `step`, under its own
    /// id when that is free and a new one when not. Never writes over a
    /// stored draft.
    pub fn add_shared(
        &mut self,
        mut shared: Draft,
        step: &str,
        now_ms: i64,
    ) -> Result<SharedOutcome, DraftError> {
        let taken = valid_id(&shared.id)
            && self
                .store
                .get(&draft_key(&shared.id))
                .map_err(DraftError::Read)?
                .is_some();
        if taken {
            if let Ok(stored) = self.read(&shared.id) {
                let mine = Draft {
                    dismissed_findings: Vec::new(),
                    ..stored.draft.clone()
                };
                if mine == shared {
                    return Ok(SharedOutcome::AlreadyHere(summary(&shared.id, &stored)));
                }
            }
        }
        if taken || !valid_id(&shared.id) {
            shared.id = self.fresh_id_to_save(now_ms)?;
        }
        let id = shared.id.clone();
        let envelope = Envelope {
            schema: SCHEMA_VERSION,
            revision: 1,
            saved_at: now_ms,
            title: Some(with_suffix(
                &title_from_incident(&shared.what_happened),
                "(shared)",
            )),
            step: step.to_owned(),
            draft: shared,
        };
        self.add_new(&id, &envelope).map(SharedOutcome::Added)
    }

    /// Stores a draft under an id nothing is stored under, and lists it.
    fn add_new(&mut self, id: &str, envelope: &Envelope) -> Result<DraftSummary, DraftError> {
        self.write(id, envelope, false)?;
        self.remember(id, envelope);
        let line = summary(id, envelope);
        self.touch_index(id, Some(line.clone()));
        Ok(line)
    }

    /// Deletes a stored draft. This tab keeps it, ready for
    /// [`Drafts::undo_delete`], for [`UNDO_WINDOW_MS`] or until the next
    /// delete. The copy is kept in memory, so deleting works even when
    /// storage is full (and is gone after a reload). The UI must stop
    /// saving the draft it deletes: a later save would store it again.
    pub fn delete(&mut self, id: &str, now_ms: i64) -> Result<DeletedDraft, DraftError> {
        let envelope = self.read(id)?;
        self.store
            .remove(&draft_key(id))
            .map_err(|cause| DraftError::NotSaved {
                cause,
                earlier: true,
            })?;
        self.known.remove(id);
        let info = DeletedDraft {
            id: id.to_owned(),
            title: envelope.title(),
            deleted_at: now_ms,
        };
        self.deleted = Some(Deleted {
            info: info.clone(),
            envelope,
        });
        self.touch_index(id, None);
        Ok(info)
    }

    /// The deleted draft that can still be brought back, if any.
    pub fn pending_undo(&self, now_ms: i64) -> Option<&DeletedDraft> {
        self.deleted
            .as_ref()
            .map(|d| &d.info)
            .filter(|info| now_ms - info.deleted_at <= UNDO_WINDOW_MS)
    }

    /// Forgets the deleted draft once undo has expired.
    pub fn expire_undo(&mut self, now_ms: i64) {
        if self.pending_undo(now_ms).is_none() {
            self.deleted = None;
        }
    }

    /// Brings the last deleted draft back, under its own id if that is
    /// still free, else under a new one.
    pub fn undo_delete(&mut self, now_ms: i64) -> Result<DraftSummary, DraftError> {
        let Some(deleted) = self.deleted.as_ref() else {
            return Err(DraftError::NothingToUndo);
        };
        if now_ms - deleted.info.deleted_at > UNDO_WINDOW_MS {
            self.deleted = None;
            return Err(DraftError::UndoExpired);
        }
        let mut envelope = deleted.envelope.clone();
        let mut id = deleted.info.id.clone();
        let taken = self
            .store
            .get(&draft_key(&id))
            .map_err(DraftError::Read)?
            .is_some();
        if taken {
            id = self.fresh_id_to_save(now_ms)?;
            envelope.draft.id = id.clone();
        }
        envelope.revision += 1;
        self.write(&id, &envelope, false)?;
        self.deleted = None;
        self.remember(&id, &envelope);
        let line = summary(&id, &envelope);
        self.touch_index(&id, Some(line.clone()));
        Ok(line)
    }

    // --- export and import --------------------------------------------

    /// Every stored draft, plus the entries kept aside or left unread (byte
    /// for byte), as a JSON file. `unsaved` is the draft open in this tab
    /// when its latest change is not saved: it goes in too, beside its
    /// stored version, titled "(not saved)".
    pub fn export_all(
        &mut self,
        now_ms: i64,
        unsaved: Option<&Draft>,
    ) -> Result<String, DraftError> {
        let listing = self.list()?;
        let mut drafts = Vec::new();
        for line in &listing.drafts {
            if let Ok(envelope) = self.read(&line.id) {
                drafts.push(envelope);
            }
        }
        if let Some(draft) = unsaved {
            let stored = drafts.iter().find(|e| e.draft.id == draft.id);
            if stored.is_none_or(|e| e.draft != *draft) {
                let title =
                    stored.map_or_else(|| title_from_incident(&draft.what_happened), |e| e.title());
                let mut draft = draft.clone();
                if stored.is_some() {
                    // Beside its stored version: an import gives it its own id.
                    draft.id = String::new();
                }
                drafts.push(Envelope {
                    schema: SCHEMA_VERSION,
                    revision: 0,
                    saved_at: now_ms,
                    title: Some(with_suffix(&title, "(not saved)")),
                    step: String::new(),
                    draft,
                });
            }
        }
        let mut raw = Vec::new();
        let unread_keys = listing.unreadable.iter().map(|u| u.kept_at.clone());
        let aside_keys = listing.kept_aside.iter().map(|k| k.key.clone());
        let mut keys: Vec<String> = unread_keys.chain(aside_keys).collect();
        crate::order::sort_by(&mut keys, String::cmp);
        keys.dedup();
        for key in keys {
            if let Some(value) = self.store.get(&key).map_err(DraftError::Read)? {
                raw.push(RawEntry { key, value });
            }
        }
        Ok(write_export(drafts, raw, now_ms))
    }

    /// One stored draft as a JSON file.
    pub fn export_one(&mut self, id: &str, now_ms: i64) -> Result<String, DraftError> {
        let envelope = self.read(id)?;
        Ok(write_export(vec![envelope], Vec::new(), now_ms))
    }

    /// Adds the drafts of an exported file. Never writes over a stored
    /// draft: a draft already here with exactly this content is reported as
    /// already there; one whose id is taken by a different draft is added
    /// under a new id, titled "(imported)".
    pub fn import(&mut self, text: &str, now_ms: i64) -> Result<ImportReport, DraftError> {
        let file = json::parse(text).map_err(|_| DraftError::ImportNotJson)?;
        let object = file.as_object().ok_or(DraftError::ImportNotCandor)?;
        let format = object
            .get("candor_export")
            .and_then(Value::as_u64)
            .ok_or(DraftError::ImportNotCandor)?;
        if format > u64::from(EXPORT_FORMAT) {
            return Err(DraftError::ImportNewer { format });
        }
        let entries = object
            .get("drafts")
            .and_then(Value::as_array)
            .ok_or(DraftError::ImportNotCandor)?;

        // What is here already, by content (ids aside).
        let mut here: Vec<Draft> = Vec::new();
        for line in self.list()?.drafts {
            if let Ok(envelope) = self.read(&line.id) {
                here.push(Draft {
                    id: String::new(),
                    ..envelope.draft
                });
            }
        }

        let mut report = ImportReport::default();
        let mut pending: Vec<(Envelope, String)> = Vec::new();
        for (n, entry) in entries.iter().enumerate() {
            match decode_envelope_value(entry.clone()) {
                Ok(envelope) => {
                    let title = envelope.title();
                    pending.push((envelope, title));
                }
                Err(_) => report.unreadable.push(
                    entry
                        .get("title")
                        .and_then(Value::as_str)
                        .map(tidy)
                        .unwrap_or_else(|| format!("entry {}", n + 1)),
                ),
            }
        }

        let mut rest = pending.into_iter();
        for (mut envelope, title) in rest.by_ref() {
            let content = Draft {
                id: String::new(),
                ..envelope.draft.clone()
            };
            if here.contains(&content) {
                report.already_there.push(title);
                continue;
            }
            let mut id = envelope.draft.id.clone();
            let taken = valid_id(&id)
                && self
                    .store
                    .get(&draft_key(&id))
                    .map_err(DraftError::Read)?
                    .is_some();
            if !valid_id(&id) || taken {
                match self.fresh_id(now_ms) {
                    Ok(fresh) => id = fresh,
                    Err(cause) => {
                        report.stopped = Some(DraftError::NotSaved {
                            cause,
                            earlier: false,
                        });
                        report.not_imported.push(title);
                        break;
                    }
                }
            }
            if taken {
                envelope.title = Some(with_suffix(&title, "(imported)"));
                report.renamed += 1;
            }
            envelope.draft.id = id.clone();
            envelope.revision = 1;
            if let Err(error) = self.write(&id, &envelope, false) {
                report.stopped = Some(error);
                report.not_imported.push(title);
                break;
            }
            self.remember(&id, &envelope);
            here.push(content);
            report.added.push(summary(&id, &envelope));
        }
        report.not_imported.extend(rest.map(|(_, title)| title));

        if report.stopped.is_none() {
            let raws = object.get("kept_aside").and_then(Value::as_array);
            for raw in raws.into_iter().flatten() {
                let (Some(key), Some(value)) = (
                    raw.get("key").and_then(Value::as_str),
                    raw.get("value").and_then(Value::as_str),
                ) else {
                    continue;
                };
                let from = key
                    .strip_prefix(DRAFT_PREFIX)
                    .or_else(|| {
                        key.strip_prefix(ASIDE_PREFIX)
                            .map(|rest| rest.rsplit_once(':').map_or(rest, |(id, _)| id))
                    })
                    .filter(|id| valid_id(id))
                    .unwrap_or("imported");
                match self.copy_aside(from, value) {
                    Ok(_) => report.kept_aside += 1,
                    Err(cause) => {
                        report.stopped = Some(DraftError::NotSaved {
                            cause,
                            earlier: false,
                        });
                        break;
                    }
                }
            }
        }
        let _ = self.list();
        Ok(report)
    }
}

// ---------------------------------------------------------------------------
// The browser's localStorage

#[cfg(target_arch = "wasm32")]
pub use local::{store_error_from_js, LocalStore};

#[cfg(target_arch = "wasm32")]
mod local {
    use super::{KeyValue, StoreError};
    use wasm_bindgen::JsValue;

    /// Written and removed once when the store is opened, to learn whether
    /// writing is allowed at all.
    const PROBE_KEY: &str = "candor:v1:probe";

    /// `window.localStorage`, behind [`KeyValue`]. Every call that can throw
    /// is caught and mapped; nothing here panics.
    pub struct LocalStore {
        storage: web_sys::Storage,
    }

    /// Maps what the browser threw to a [`StoreError`], by the exception's
    /// `name` (`QuotaExceededError` is a `DOMException`, and in newer
    /// browsers its own subclass; the name is the same in both).
    pub fn store_error_from_js(error: &JsValue) -> StoreError {
        let text = |field: &str| {
            js_sys::Reflect::get(error, &JsValue::from_str(field))
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default()
        };
        let name = text("name");
        let code = js_sys::Reflect::get(error, &JsValue::from_str("code"))
            .ok()
            .and_then(|v| v.as_f64());
        match name.as_str() {
            // Firefox once named it NS_ERROR_DOM_QUOTA_REACHED; code 22 is
            // the legacy QUOTA_EXCEEDED_ERR.
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StoreError::Full,
            _ if code == Some(22.0) => StoreError::Full,
            "SecurityError" | "InvalidAccessError" | "NotAllowedError" => StoreError::Unavailable,
            _ => {
                let message = text("message");
                let detail = match (name.is_empty(), message.is_empty()) {
                    (true, true) => "an unknown error".to_owned(),
                    (false, true) => name,
                    (true, false) => message,
                    (false, false) => format!("{name}: {message}"),
                };
                StoreError::Failed { detail }
            }
        }
    }

    impl LocalStore {
        /// Finds localStorage and checks that it can be written. Full storage
        /// still opens (the drafts in it can be read and exported); refused
        /// storage does not.
        pub fn open() -> Result<LocalStore, StoreError> {
            let window = web_sys::window().ok_or(StoreError::Unavailable)?;
            let storage = window
                .local_storage()
                // Any throw here means there is no storage to use.
                .map_err(|e| match store_error_from_js(&e) {
                    StoreError::Failed { detail } => StoreError::Failed { detail },
                    _ => StoreError::Unavailable,
                })?
                .ok_or(StoreError::Unavailable)?;
            let mut store = LocalStore { storage };
            match store.set(PROBE_KEY, "1") {
                Ok(()) => store.remove(PROBE_KEY)?,
                Err(StoreError::Full) => {}
                Err(other) => return Err(other),
            }
            Ok(store)
        }
    }

    impl KeyValue for LocalStore {
        fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
            self.storage
                .get_item(key)
                .map_err(|e| store_error_from_js(&e))
        }

        fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
            self.storage
                .set_item(key, value)
                .map_err(|e| store_error_from_js(&e))
        }

        fn remove(&mut self, key: &str) -> Result<(), StoreError> {
            self.storage
                .remove_item(key)
                .map_err(|e| store_error_from_js(&e))
        }

        fn keys(&self) -> Result<Vec<String>, StoreError> {
            let length = self.storage.length().map_err(|e| store_error_from_js(&e))?;
            let mut keys = Vec::with_capacity(length as usize);
            for i in 0..length {
                if let Some(key) = self.storage.key(i).map_err(|e| store_error_from_js(&e))? {
                    keys.push(key);
                }
            }
            Ok(keys)
        }
    }
}

#[cfg(test)]
mod changed_text_tests {
    use super::changed_text;

    #[test]
    fn the_list_shows_when_in_the_readers_clock() {
        // 26 November 2026, 14:48 UTC.
        let at = 1_795_704_480_000;
        assert_eq!(changed_text(at, 0), "26 Nov 2026, 14:48");
        assert_eq!(changed_text(at, 3600), "26 Nov 2026, 15:48");
        assert_eq!(changed_text(at, -15 * 3600), "25 Nov 2026, 23:48");
        assert_eq!(changed_text(i64::MAX, 0), "at an unknown time");
    }
}
