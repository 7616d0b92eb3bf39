//! The drafts session of one tab: what "unsaved" means, when to save, how to follow another tab, delete and undo.
//!
//! The page keeps the draft being typed (a signal) and passes it in with
//! its step on every call; the session compares it with what was last saved
//! or opened, decides, and returns an [`Reply`]: what the page must show or
//! do. Nothing here reads a clock or the browser: the caller passes the time.

use super::{
    export_file_name, DeletedDraft, Drafts, Elsewhere, KeyValue, Listing, SaveStatus,
    SharedOutcome, StorageChange, SAVE_DELAY_MS, UNDO_WINDOW_MS,
};
use crate::model::Draft;
use crate::steps::Step;

/// The session's reply to a call: what the page must show or do. A field
/// left `None` (or empty, or false) leaves that part of the page as it is.
/// The status, the list and the undo offer are read from the session itself
/// ([`Session::status`], [`Session::listing`], [`Session::undo_offer`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reply {
    /// Show this draft in the editor (another draft was opened, or another
    /// tab's version of this one is followed).
    pub draft: Option<Draft>,
    /// Show this step.
    pub step: Option<Step>,
    /// The open draft was saved under a new id (beside another tab's
    /// version): keep editing it, under this id. Not a change to save.
    pub new_id: Option<String>,
    /// A sentence to announce.
    pub news: Option<String>,
    /// Save in this many milliseconds, in place of any save already waiting.
    pub save_in: Option<u32>,
    /// Drop the save that is waiting, if any.
    pub cancel_save: bool,
    /// A draft was deleted: it can be brought back for [`UNDO_WINDOW_MS`];
    /// after that, pass it to [`Session::undo_lapsed`].
    pub deleted: Option<DeletedDraft>,
    /// A file to offer for download: (name, text).
    pub download: Option<(String, String)>,
    /// Every draft this call stored, as stored (with its id).
    pub saved: Vec<Draft>,
}

impl Reply {
    fn news(text: impl Into<String>) -> Reply {
        Reply {
            news: Some(text.into()),
            ..Reply::default()
        }
    }

    /// This update followed by a later one: what the later one says wins.
    fn then(mut self, later: Reply) -> Reply {
        if later.draft.is_some() {
            // The draft that got a new id is no longer the one shown.
            self.new_id = None;
        }
        self.draft = later.draft.or(self.draft);
        self.step = later.step.or(self.step);
        self.new_id = later.new_id.or(self.new_id);
        self.news = later.news.or(self.news);
        self.save_in = later.save_in.or(self.save_in);
        self.cancel_save |= later.cancel_save;
        self.deleted = later.deleted.or(self.deleted);
        self.download = later.download.or(self.download);
        self.saved.extend(later.saved);
        self
    }
}

/// What a tab shows as it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Start {
    /// The draft reopened (the one last open, else the newest), or a new one.
    pub draft: Draft,
    pub step: Step,
    /// Lasting warnings: storage refused, stored drafts that could not be read.
    pub warnings: Vec<String>,
}

/// The drafts of one tab and the draft open in it, over any [`KeyValue`].
pub struct Session<S: KeyValue> {
    drafts: Drafts<S>,
    /// The draft and step as last saved or opened. "Unsaved" is a difference
    /// from this, never a flag: a flag set when the page reports a change
    /// is set a tick late, and another tab's change arriving in that tick
    /// would replace what was just typed.
    saved: (Draft, Step),
    status: SaveStatus,
    listing: Listing,
}

fn step_of(slug: &str) -> Step {
    Step::from_slug(slug).unwrap_or(Step::WhatHappened)
}

impl<S: KeyValue> Session<S> {
    /// Lists the drafts and reopens the last one on its step, or starts a
    /// new one (stored on its first change).
    pub fn start(mut drafts: Drafts<S>, zone: &str, now_ms: i64) -> (Session<S>, Start) {
        let mut warnings = Vec::new();
        if let Some(error) = drafts.memory_only() {
            warnings.push(format!(
                "{error} Use “Export all drafts” to keep a copy as a file."
            ));
        }
        let listing = match drafts.list() {
            Ok(listing) => listing,
            Err(error) => {
                warnings.push(error.to_string());
                Listing::default()
            }
        };
        warnings.extend(listing.unreadable.iter().map(|u| u.to_string()));
        let reopened = drafts
            .reopen_target()
            .ok()
            .flatten()
            .and_then(|id| drafts.open(&id).ok());
        let (draft, step, saved_at) = match reopened {
            Some(opened) => (opened.draft, step_of(&opened.step), Some(opened.saved_at)),
            None => (drafts.new_draft(zone, now_ms), Step::WhatHappened, None),
        };
        let status = SaveStatus::at_start(drafts.memory_only().is_some(), saved_at);
        let session = Session {
            drafts,
            saved: (draft.clone(), step),
            status,
            listing,
        };
        let start = Start {
            draft,
            step,
            warnings,
        };
        (session, start)
    }

    pub fn drafts(&self) -> &Drafts<S> {
        &self.drafts
    }

    /// For what the session has no rule about (a rename through the engine
    /// needs none); the session's own view of the open draft is unchanged.
    pub fn drafts_mut(&mut self) -> &mut Drafts<S> {
        &mut self.drafts
    }

    /// What the saved indicator shows.
    pub fn status(&self) -> &SaveStatus {
        &self.status
    }

    /// The drafts list as last read.
    pub fn listing(&self) -> &Listing {
        &self.listing
    }

    /// The deleted draft that can still be brought back.
    pub fn undo_offer(&self, now_ms: i64) -> Option<&DeletedDraft> {
        self.drafts.pending_undo(now_ms)
    }

    /// True when the open draft or its step differs from what was last
    /// saved or opened.
    pub fn unsaved(&self, draft: &Draft, step: Step) -> bool {
        self.saved.0 != *draft || self.saved.1 != step
    }

    fn memory_only(&self) -> bool {
        self.drafts.memory_only().is_some()
    }

    /// Re-reads the list of drafts.
    pub fn refresh(&mut self) {
        if let Ok(listing) = self.drafts.list() {
            self.listing = listing;
        }
    }

    /// The page reports a change to the draft or its step: a save is due
    /// [`SAVE_DELAY_MS`] after the last change. A draft just opened (here
    /// or from another tab) is no change.
    pub fn changed(&mut self, draft: &Draft, step: Step) -> Reply {
        if !self.unsaved(draft, step) {
            return Reply::default();
        }
        if self.status != SaveStatus::MemoryOnly {
            self.status = SaveStatus::Pending;
        }
        Reply {
            save_in: Some(SAVE_DELAY_MS),
            ..Reply::default()
        }
    }

    /// Saves the open draft now when it has changes: when its save is due,
    /// when the page is hidden or closed, and before anything that opens
    /// another draft.
    pub fn save_now(&mut self, draft: &Draft, step: Step, now_ms: i64) -> Reply {
        if self.unsaved(draft, step) {
            self.write(draft, step, now_ms)
        } else {
            Reply {
                cancel_save: true,
                ..Reply::default()
            }
        }
    }

    /// Writes the open draft, changed or not (the engine keeps another
    /// tab's version beside it rather than write over it), and tells the
    /// truth about the result.
    fn write(&mut self, draft: &Draft, step: Step, now_ms: i64) -> Reply {
        let mut update = Reply {
            cancel_save: true,
            ..Reply::default()
        };
        let mut stored = draft.clone();
        match self.drafts.save(&mut stored, step.slug(), now_ms) {
            Ok(outcome) => {
                update.news = outcome.message();
                if stored.id != draft.id {
                    update.new_id = Some(stored.id.clone());
                }
                self.status = if self.memory_only() {
                    SaveStatus::MemoryOnly
                } else {
                    SaveStatus::Saved {
                        at_ms: outcome.saved_at(),
                    }
                };
                self.saved = (stored.clone(), step);
                update.saved.push(stored);
                self.refresh();
            }
            Err(error) => self.status = SaveStatus::NotSaved(error),
        }
        update
    }

    /// Saves first when the open draft has changes. Returns what to show
    /// and the open draft as the page then has it (its id may be new).
    fn save_first(&mut self, draft: &Draft, step: Step, now_ms: i64) -> (Reply, Draft) {
        let first = if self.unsaved(draft, step) {
            self.write(draft, step, now_ms)
        } else {
            Reply::default()
        };
        let mut shown = draft.clone();
        if let Some(id) = &first.new_id {
            shown.id.clone_from(id);
        }
        (first, shown)
    }

    /// Saves first, before the open draft leaves the editor: the draft as
    /// the page then has it, or `None` when its change could not be saved.
    /// It then stays: closing it would lose the change, which is nowhere
    /// else.
    fn save_before_closing(
        &mut self,
        draft: &Draft,
        step: Step,
        now_ms: i64,
    ) -> (Reply, Option<Draft>) {
        let (first, shown) = self.save_first(draft, step, now_ms);
        if self.unsaved(&shown, step) {
            return (
                first.then(Reply::news(
                    "Your open draft's latest change is not saved, so it stays open. Export your \
                 drafts to keep it, or make room by deleting old ones, then try again.",
                )),
                None,
            );
        }
        (first, Some(shown))
    }

    /// Another tab wrote to storage (a `storage` event, classified by
    /// [`super::storage_change`]). When it changed the open draft: with no
    /// unsaved change here, show their version; with one, save now (both
    /// versions are kept); when their write went over this tab's saved
    /// version, save it again beside theirs.
    pub fn other_tab(
        &mut self,
        change: StorageChange,
        draft: &Draft,
        step: Step,
        now_ms: i64,
    ) -> Reply {
        match change {
            StorageChange::Other => Reply::default(),
            StorageChange::List => {
                self.refresh();
                Reply::default()
            }
            StorageChange::Everything | StorageChange::Draft(_) => {
                self.refresh();
                let elsewhere = self
                    .drafts
                    .changed_elsewhere(&draft.id)
                    .unwrap_or(Elsewhere::Unchanged);
                match elsewhere {
                    Elsewhere::Unchanged => Reply::default(),
                    Elsewhere::WrittenOver => self.write(draft, step, now_ms),
                    Elsewhere::Changed if self.unsaved(draft, step) => {
                        self.save_now(draft, step, now_ms)
                    }
                    Elsewhere::Changed => match self.drafts.open(&draft.id) {
                        Ok(opened) => {
                            self.saved = (opened.draft.clone(), step);
                            Reply {
                                draft: Some(opened.draft),
                                news: Some(
                                    "This draft was changed in another tab; you now see that \
                                     version."
                                        .into(),
                                ),
                                ..Reply::default()
                            }
                        }
                        Err(_) => Reply::default(),
                    },
                }
            }
        }
    }

    /// Opens a stored draft on its step, saving the open one first (which
    /// stays open when its change cannot be saved).
    pub fn open(&mut self, id: &str, draft: &Draft, step: Step, now_ms: i64) -> Reply {
        let (first, shown) = self.save_before_closing(draft, step, now_ms);
        if shown.is_none() {
            return first;
        }
        let opened = match self.drafts.open(id) {
            Ok(opened) => opened,
            Err(error) => return first.then(Reply::news(error.to_string())),
        };
        let _ = self.drafts.remember_open(id);
        let step = step_of(&opened.step);
        self.saved = (opened.draft.clone(), step);
        self.status = SaveStatus::at_start(self.memory_only(), Some(opened.saved_at));
        first.then(Reply {
            draft: Some(opened.draft),
            step: Some(step),
            news: Some(format!("Opened “{}”.", opened.title)),
            ..Reply::default()
        })
    }

    /// Starts a new draft, saving the open one first; the new one is stored
    /// at once, so it is in the list.
    pub fn new_draft(&mut self, zone: &str, draft: &Draft, step: Step, now_ms: i64) -> Reply {
        let (first, shown) = self.save_before_closing(draft, step, now_ms);
        if shown.is_none() {
            return first;
        }
        let fresh = self.drafts.new_draft(zone, now_ms);
        let stored = self.save_now(&fresh, Step::WhatHappened, now_ms);
        let shown = Reply {
            draft: Some(fresh),
            step: Some(Step::WhatHappened),
            ..Reply::default()
        };
        first
            .then(shown)
            .then(stored)
            .then(Reply::news("Started a new draft."))
    }

    pub fn rename(&mut self, id: &str, title: &str, now_ms: i64) -> Reply {
        let said = match self.drafts.rename(id, title, now_ms) {
            Ok(summary) => format!("Renamed to “{}”.", summary.title),
            Err(error) => error.to_string(),
        };
        self.refresh();
        Reply::news(said)
    }

    /// Stores a copy of a draft, saving the open one first.
    pub fn duplicate(&mut self, id: &str, draft: &Draft, step: Step, now_ms: i64) -> Reply {
        let (first, _) = self.save_first(draft, step, now_ms);
        let said = match self.drafts.duplicate(id, now_ms) {
            Ok(copy) => format!("Made a copy: “{}”.", copy.title),
            Err(error) => error.to_string(),
        };
        self.refresh();
        first.then(Reply::news(said))
    }

    /// Deletes a draft, which can be brought back for [`UNDO_WINDOW_MS`].
    /// When it is the open one, its waiting save is dropped (it would store
    /// it again) and the newest other draft opens, or a new one starts.
    pub fn delete(
        &mut self,
        id: &str,
        zone: &str,
        draft: &Draft,
        step: Step,
        now_ms: i64,
    ) -> Reply {
        let deleted = match self.drafts.delete(id, now_ms) {
            Ok(deleted) => deleted,
            // Nothing was deleted: an unsaved change here is still saved.
            Err(error) => return Reply::news(error.to_string()),
        };
        let mut update = Reply {
            news: Some(format!(
                "Deleted “{}”. You can undo this for {} seconds.",
                deleted.title,
                UNDO_WINDOW_MS / 1000
            )),
            deleted: Some(deleted),
            ..Reply::default()
        };
        self.refresh();
        if draft.id == id {
            update.cancel_save = true;
            self.saved = (draft.clone(), step);
            let next = self.listing.drafts.first().map(|d| d.id.clone());
            update = update.then(match next {
                Some(next) => self.open(&next, draft, step, now_ms),
                None => self.new_draft(zone, draft, step, now_ms),
            });
        }
        update
    }

    /// Brings the last deleted draft back and opens it, saving the open
    /// draft first: if the open one has the deleted draft's id, the one
    /// brought back then takes a new id instead of being written over.
    pub fn undo_delete(&mut self, draft: &Draft, step: Step, now_ms: i64) -> Reply {
        let (first, shown) = self.save_before_closing(draft, step, now_ms);
        let Some(draft) = shown else {
            return first;
        };
        let back = match self.drafts.undo_delete(now_ms) {
            Ok(back) => back,
            Err(error) => return first.then(Reply::news(error.to_string())),
        };
        let said = Reply::news(format!("Brought back “{}”.", back.title));
        self.refresh();
        let mut opened = self.open(&back.id, &draft, step, now_ms);
        // What was stored is what opens.
        opened.saved.extend(opened.draft.clone());
        first.then(said).then(opened)
    }

    /// The undo offer for `deleted` has run its time: it is withdrawn
    /// (unless a later delete replaced it, which keeps its own time).
    pub fn undo_lapsed(&mut self, deleted: &DeletedDraft) {
        if self
            .drafts
            .pending_undo(deleted.deleted_at)
            .is_some_and(|pending| pending == deleted)
        {
            self.drafts
                .expire_undo(deleted.deleted_at + UNDO_WINDOW_MS + 1);
        }
    }

    /// Every draft as one file, with the open one even if unsaved.
    pub fn export_all(&mut self, draft: &Draft, now_ms: i64) -> Reply {
        match self.drafts.export_all(now_ms, Some(draft)) {
            Ok(json) => Reply {
                download: Some((export_file_name(now_ms), json)),
                ..Reply::news("Exported every draft to a file.")
            },
            Err(error) => Reply::news(error.to_string()),
        }
    }

    /// One stored draft as a file, saving the open one first.
    pub fn export_one(&mut self, id: &str, draft: &Draft, step: Step, now_ms: i64) -> Reply {
        let (first, _) = self.save_first(draft, step, now_ms);
        first.then(match self.drafts.export_one(id, now_ms) {
            Ok(json) => Reply {
                download: Some((export_file_name(now_ms), json)),
                ..Reply::news("Exported the draft to a file.")
            },
            Err(error) => Reply::news(error.to_string()),
        })
    }

    pub fn import(&mut self, text: &str, now_ms: i64) -> Reply {
        let said = match self.drafts.import(text, now_ms) {
            Ok(report) => report.summary(),
            Err(error) => error.to_string(),
        };
        self.refresh();
        Reply::news(said)
    }

    /// Opens a draft that arrived in a link, saving the open one first. The
    /// engine decides whether it is already here or is kept as a new
    /// "(shared)" draft, and never writes over a stored one. When it cannot
    /// be stored, it is shown all the same (on "Check your notice"), so
    /// nothing in the link is lost; it is then an unsaved change.
    pub fn open_shared(&mut self, shared: Draft, draft: &Draft, step: Step, now_ms: i64) -> Reply {
        let (first, draft) = self.save_first(draft, step, now_ms);
        match self
            .drafts
            .add_shared(shared.clone(), Step::Check.slug(), now_ms)
        {
            Ok(outcome) => {
                self.refresh();
                let (line, said) = match &outcome {
                    SharedOutcome::AlreadyHere(line) => (
                        line,
                        format!(
                            "This shared draft is already here as “{}”, so Candor opened it.",
                            line.title
                        ),
                    ),
                    SharedOutcome::Added(line) => (
                        line,
                        format!(
                            "Opened the shared draft and saved it here as “{}”.",
                            line.title
                        ),
                    ),
                };
                let opened = self.open(&line.id, &draft, step, now_ms);
                first.then(opened).then(Reply::news(said))
            }
            Err(error) => first.then(Reply {
                draft: Some(shared),
                step: Some(Step::Check),
                news: Some(format!(
                    "{error} The shared draft is open here all the same."
                )),
                ..Reply::default()
            }),
        }
    }
}
