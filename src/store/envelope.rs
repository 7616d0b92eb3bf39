//! The stored envelope of one draft: its JSON, schema versions and migration.

use super::{tidy, title_from_incident};
use crate::json::{self, Json, Map, ParseError, Value};
use crate::model::{Draft, SCHEMA_VERSION};

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
    pub(super) fn move_aside(self) -> bool {
        matches!(self, Unreadable::Damaged | Unreadable::Truncated)
    }

    pub(super) fn why(self) -> &'static str {
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

pub(super) fn decode_envelope_value(mut value: Value) -> Result<Envelope, Unreadable> {
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
pub(super) fn title_hint(raw: &str) -> Option<String> {
    let value = json::parse(raw).ok()?;
    if let Some(title) = value.get("title").and_then(Value::as_str) {
        return Some(tidy(title)).filter(|t| !t.is_empty());
    }
    let what = value.get("draft")?.get("what_happened")?.as_str()?;
    Some(title_from_incident(what))
}
