//! The drafts engine: one tab's drafts over any key-value store.
//!
//! Over 600 lines for a reason: reading, saving, conflicts, delete and undo
//! all work on the same per-draft bases (what this tab last read or wrote),
//! and the rules that keep two tabs from losing each other's work read best
//! side by side.

use super::envelope::{decode_envelope, encode_envelope, title_hint};
use super::messages::{sort_list, summary, tidy, title_from_incident, with_suffix};
use super::text;
use super::{
    aside_key, draft_key, valid_id, DeletedDraft, DraftError, DraftSummary, Elsewhere, Envelope,
    KeptAside, KeyValue, Listing, MemoryStore, Opened, SaveOutcome, SharedOutcome, StoreError,
    Unreadable, UnreadableDraft, ASIDE_PREFIX, DRAFT_PREFIX, INDEX_FORMAT, INDEX_KEY,
    LAST_OPEN_KEY, UNDO_WINDOW_MS,
};
use crate::model::{Draft, SCHEMA_VERSION};
use crate::order::Keyed;

/// What is stored under `candor:v1:index`.
#[derive(serde::Serialize, serde::Deserialize)]
struct Index {
    format: u32,
    drafts: Vec<DraftSummary>,
}

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
    pub(super) store: S,
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
    pub(super) fn fresh_id(&mut self, now_ms: i64) -> Result<String, StoreError> {
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
        let index: Index = text::read(&raw)?;
        (index.format == INDEX_FORMAT).then_some(index.drafts)
    }

    fn write_index(&mut self, drafts: &[DraftSummary]) -> bool {
        let index = Index {
            format: INDEX_FORMAT,
            drafts: drafts.to_vec(),
        };
        text::write(&index).is_ok_and(|text| self.store.set(INDEX_KEY, &text).is_ok())
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
    pub(super) fn copy_aside(&mut self, id: &str, raw: &str) -> Result<String, StoreError> {
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

    pub(super) fn write(
        &mut self,
        id: &str,
        envelope: &Envelope,
        earlier: bool,
    ) -> Result<(), DraftError> {
        let text =
            encode_envelope(envelope).map_err(|cause| DraftError::NotSaved { cause, earlier })?;
        self.store
            .set(&draft_key(id), &text)
            .map_err(|cause| DraftError::NotSaved { cause, earlier })
    }

    pub(super) fn remember(&mut self, id: &str, envelope: &Envelope) {
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
    pub(super) fn read(&mut self, id: &str) -> Result<Envelope, DraftError> {
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
}
