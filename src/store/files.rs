//! Export and import: every draft (and every entry kept aside) as one JSON file.

use serde::{Deserialize, Serialize};

use super::envelope::{decode_envelope_value, hint};
use super::messages::{summary, title_from_incident, with_suffix};
use super::text;
use super::{
    draft_key, valid_id, DraftError, Drafts, Envelope, ImportReport, KeyValue, ASIDE_PREFIX,
    DRAFT_PREFIX, EXPORT_FORMAT,
};
use crate::model::{Draft, SCHEMA_VERSION};

/// An entry this Candor cannot read, carried byte for byte.
#[derive(Serialize, Deserialize)]
struct RawEntry {
    key: String,
    value: String,
}

/// An export file, as written.
#[derive(Serialize)]
struct ExportFile {
    candor_export: u32,
    exported_at: i64,
    drafts: Vec<Envelope>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    kept_aside: Vec<RawEntry>,
}

fn write_export(
    drafts: Vec<Envelope>,
    kept_aside: Vec<RawEntry>,
    now_ms: i64,
) -> Result<String, DraftError> {
    let file = ExportFile {
        candor_export: EXPORT_FORMAT,
        exported_at: now_ms,
        drafts,
        kept_aside,
    };
    text::write_pretty(&file)
        .map_err(|text::NotWritten(detail)| DraftError::ExportFailed { detail })
}

/// A file holding one draft as it is now (saved or not), to download.
pub fn export_draft(
    draft: &Draft,
    title: Option<&str>,
    step: &str,
    now_ms: i64,
) -> Result<String, DraftError> {
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

impl<S: KeyValue> Drafts<S> {
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
        write_export(drafts, raw, now_ms)
    }

    /// One stored draft as a JSON file.
    pub fn export_one(&mut self, id: &str, now_ms: i64) -> Result<String, DraftError> {
        let envelope = self.read(id)?;
        write_export(vec![envelope], Vec::new(), now_ms)
    }

    /// Adds the drafts of an exported file. Never writes over a stored
    /// draft: a draft already here with exactly this content is reported as
    /// already there; one whose id is taken by a different draft is added
    /// under a new id, titled "(imported)".
    pub fn import(&mut self, text: &str, now_ms: i64) -> Result<ImportReport, DraftError> {
        let file = text::parse(text).map_err(|_| DraftError::ImportNotJson)?;
        let format: u64 = file
            .get("candor_export")
            .and_then(|f| f.read())
            .ok_or(DraftError::ImportNotCandor)?;
        if format > u64::from(EXPORT_FORMAT) {
            return Err(DraftError::ImportNewer { format });
        }
        let entries = file
            .get("drafts")
            .and_then(|d| d.items())
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
            match decode_envelope_value(entry) {
                Ok(envelope) => {
                    let title = envelope.title();
                    pending.push((envelope, title));
                }
                Err(_) => report
                    .unreadable
                    .push(hint(entry).unwrap_or_else(|| format!("entry {}", n + 1))),
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
            let raws = file.get("kept_aside").and_then(|k| k.items());
            for raw in raws.into_iter().flatten() {
                let Some(RawEntry { key, value }) = raw.read() else {
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
                match self.copy_aside(from, &value) {
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
