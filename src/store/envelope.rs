//! The stored envelope of one draft: its JSON, schema versions and migration.

use serde::{Deserialize, Serialize};

use super::text::{self, Parsed};
use super::{tidy, title_from_incident, StoreError};
use crate::model::{Draft, SCHEMA_VERSION};

/// What is stored under `candor:v1:draft:<id>`. Only `schema` and `draft`
/// must be there; the rest have defaults.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// The draft's schema version ([`SCHEMA_VERSION`] when written).
    pub schema: u32,
    /// Raised by one on every write of this key; tabs compare it to notice
    /// a change made elsewhere.
    #[serde(default)]
    pub revision: u64,
    /// When this version was saved, in Unix milliseconds (the caller's clock).
    #[serde(default)]
    pub saved_at: i64,
    /// The author's own title; `None` means "from the incident".
    #[serde(default)]
    pub title: Option<String>,
    /// The step the author was on (the UI's slug).
    #[serde(default)]
    pub step: String,
    pub draft: Draft,
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
    /// Not JSON at all (damaged, or cut short).
    Damaged,
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
        matches!(self, Unreadable::Damaged)
    }

    pub(super) fn why(self) -> &'static str {
        match self {
            Unreadable::Damaged => "it is damaged",
            Unreadable::Newer { .. } => "it was saved by a newer Candor",
            Unreadable::Unrecognised => "it is damaged or from a newer Candor",
        }
    }
}

/// The first schema Candor ever stored. v1 is the first: there was no v0.
const FIRST_SCHEMA: u32 = 1;

/// A step that brings an envelope read from schema `FIRST_SCHEMA + i` to
/// the meaning of the next schema.
type Migration = fn(&mut Envelope);

/// `MIGRATIONS[i]` brings a draft of schema `FIRST_SCHEMA + i` up to the
/// next schema. Most changes need no step: a new field needs only its
/// default (every struct of the draft is `#[serde(default)]`), and a renamed
/// one a `#[serde(alias)]`. A step is for a change of meaning, applied after
/// the old text is read with today's derives. When `SCHEMA_VERSION` goes
/// up, add the step here and a fixture of the old version in tests/fixtures/.
const MIGRATIONS: &[Migration] = &[];

const _: () = assert!(
    MIGRATIONS.len() as u32 == SCHEMA_VERSION - FIRST_SCHEMA,
    "each schema version needs its migration"
);

/// Whether a draft of schema `from` can be read by this Candor.
fn check_schema(from: u64) -> Result<(), Unreadable> {
    if from > u64::from(SCHEMA_VERSION) {
        return Err(Unreadable::Newer { schema: from });
    }
    if from < u64::from(FIRST_SCHEMA) {
        return Err(Unreadable::Unrecognised);
    }
    Ok(())
}

/// Reads a stored envelope: checks its schema first (a newer Candor's draft
/// is left alone, whatever its shape), then reads and migrates it.
pub fn decode_envelope(raw: &str) -> Result<Envelope, Unreadable> {
    let value = text::parse(raw).map_err(|_| Unreadable::Damaged)?;
    decode_envelope_value(&value)
}

pub(super) fn decode_envelope_value(value: &Parsed) -> Result<Envelope, Unreadable> {
    let schema: u64 = value
        .get("schema")
        .and_then(|s| s.read())
        .ok_or(Unreadable::Unrecognised)?;
    check_schema(schema)?;
    let mut envelope: Envelope = value.read().ok_or(Unreadable::Unrecognised)?;
    for step in &MIGRATIONS[(schema as u32 - FIRST_SCHEMA) as usize..] {
        step(&mut envelope);
    }
    envelope.schema = SCHEMA_VERSION;
    envelope.draft.schema = SCHEMA_VERSION;
    Ok(envelope)
}

/// The text stored for an envelope.
pub fn encode_envelope(envelope: &Envelope) -> Result<String, StoreError> {
    text::write(envelope).map_err(|text::NotWritten(detail)| StoreError::Failed { detail })
}

/// A title a person could have written, from whatever a damaged-looking
/// JSON entry still says.
pub(super) fn title_hint(raw: &str) -> Option<String> {
    hint(&text::parse(raw).ok()?)
}

/// The same, from an entry already parsed.
pub(super) fn hint(value: &Parsed) -> Option<String> {
    if let Some(title) = value.get("title").and_then(|t| t.read::<String>()) {
        return Some(tidy(&title)).filter(|t| !t.is_empty());
    }
    let what: String = value.get("draft")?.get("what_happened")?.read()?;
    Some(title_from_incident(&what))
}
