//! The drafts session of one tab: what "unsaved" means, when to save, how to follow another tab, delete and undo.
//!
//! The page keeps the draft being typed (a signal) and passes it in with
//! its step on every call; the session compares it with what was last saved
//! or opened, decides, and returns a [`Reply`]: what the page must show or
//! do. Nothing here reads a clock or the browser: the caller passes the time.

use super::{
    export_file_name, DeletedDraft, DraftError, Drafts, Elsewhere, KeyValue, Listing, SaveStatus,
    SharedOutcome, StorageChange, SAVE_DELAY_MS, UNDO_WINDOW_MS,
};
use crate::model::Draft;
use crate::steps::Step;

/// The session's reply to a call: what the page must show or do. A field
/// left `None` (or empty, or false) leaves that part of the page as it is.
/// When a reply has both, `new_id` is for the draft shown before `draft`.
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
    /// Show this save status.
    pub status: Option<SaveStatus>,
    /// Show this list of drafts.
    pub listing: Option<Listing>,
    /// A sentence to announce.
    pub news: Option<String>,
    /// Save in this many milliseconds, in place of any save already waiting.
    pub save_in: Option<u32>,
    /// Drop the save that is waiting, if any.
    pub cancel_save: bool,
    /// `Some(Some(d))`: offer to bring `d` back, and after
    /// [`UNDO_WINDOW_MS`] pass it to [`Session::undo_lapsed`]; `Some(None)`:
    /// withdraw the offer.
    pub undo: Option<Option<DeletedDraft>>,
    /// A file to offer for download: (name, text).
    pub download: Option<(String, String)>,
    /// Every draft this call stored, as stored (with its id).
    pub saved: Vec<Draft>,
}

/// What a tab shows as it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Start {
    /// The draft reopened (the one last open, else the newest), or a new one.
    pub draft: Draft,
    pub step: Step,
    pub status: SaveStatus,
    pub listing: Listing,
    /// Lasting warnings: storage refused, stored drafts that could not be read.
    pub warnings: Vec<String>,
}

/// Said when the open draft's change cannot be saved and so it stays open.
const KEPT_OPEN: &str = "Your open draft's latest change is not saved, so it stays open. \
    Export your drafts to keep it, or make room by deleting old ones, then try again.";

/// The drafts of one tab and the draft open in it, over any [`KeyValue`].
pub struct Session<S: KeyValue> {
    drafts: Drafts<S>,
    /// The draft and step as last saved or opened. "Unsaved" is a difference
    /// from this, never a flag: a flag set when the page reports a change
    /// is set a tick late, and another tab's change arriving in that tick
    /// would replace what was just typed.
    saved: (Draft, Step),
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
        };
        let start = Start {
            draft,
            step,
            status,
            listing,
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

    /// The deleted draft that can still be brought back.
    pub fn undo_offer(&self, now_ms: i64) -> Option<&DeletedDraft> {
        self.drafts.pending_undo(now_ms)
    }

    /// True when the open draft or its step differs from what was last
    /// saved or opened.
    pub fn unsaved(&self, draft: &Draft, step: Step) -> bool {
        self.saved.0 != *draft || self.saved.1 != step
    }

    /// Storage is refused: the indicator says so, whatever else happens.
    fn memory_only(&self) -> bool {
        self.drafts.memory_only().is_some()
    }

    /// Re-reads the list of drafts for the page.
    fn refresh(&mut self, reply: &mut Reply) {
        if let Ok(listing) = self.drafts.list() {
            reply.listing = Some(listing);
        }
    }

    /// The page reports a change to the draft or its step: a save is due
    /// [`SAVE_DELAY_MS`] after the last change. A draft just opened (here
    /// or from another tab) is no change.
    pub fn changed(&mut self, draft: &Draft, step: Step) -> Reply {
        let mut reply = Reply::default();
        if self.unsaved(draft, step) {
            if !self.memory_only() {
                reply.status = Some(SaveStatus::Pending);
            }
            reply.save_in = Some(SAVE_DELAY_MS);
        }
        reply
    }

    /// Saves the open draft now when it has changes: when its save is due,
    /// when the page is hidden or closed, and before anything that opens
    /// another draft.
    pub fn save_now(&mut self, draft: &Draft, step: Step, now_ms: i64) -> Reply {
        let mut reply = Reply::default();
        self.save_into(&mut reply, draft, step, now_ms);
        reply
    }

    fn save_into(&mut self, reply: &mut Reply, draft: &Draft, step: Step, now_ms: i64) {
        if self.unsaved(draft, step) {
            self.write(reply, draft, step, now_ms);
        } else {
            reply.cancel_save = true;
        }
    }

    /// Writes the open draft, changed or not (the engine keeps another
    /// tab's version beside it rather than write over it), and tells the
    /// truth about the result.
    fn write(&mut self, reply: &mut Reply, draft: &Draft, step: Step, now_ms: i64) {
        reply.cancel_save = true;
        let mut stored = draft.clone();
        match self.drafts.save(&mut stored, step.slug(), now_ms) {
            Ok(outcome) => {
                if let Some(message) = outcome.message() {
                    reply.news = Some(message);
                }
                if stored.id != draft.id {
                    reply.new_id = Some(stored.id.clone());
                }
                reply.status = Some(if self.memory_only() {
                    SaveStatus::MemoryOnly
                } else {
                    SaveStatus::Saved {
                        at_ms: outcome.saved_at(),
                    }
                });
                self.saved = (stored.clone(), step);
                reply.saved.push(stored);
                self.refresh(reply);
            }
            Err(error) => reply.status = Some(SaveStatus::NotSaved(error)),
        }
    }

    /// Saves first when the open draft has changes. Returns the open draft
    /// as the page then has it (its id may be new).
    fn save_first(&mut self, reply: &mut Reply, draft: &Draft, step: Step, now_ms: i64) -> Draft {
        if self.unsaved(draft, step) {
            self.write(reply, draft, step, now_ms);
        }
        let mut shown = draft.clone();
        if let Some(id) = &reply.new_id {
            shown.id.clone_from(id);
        }
        shown
    }

    /// Saves first, before the open draft leaves the editor: the draft as
    /// the page then has it, or `None` when its change could not be saved.
    /// It then stays, and the author is told why: closing it would lose the
    /// change, which is nowhere else.
    fn save_before_closing(
        &mut self,
        reply: &mut Reply,
        draft: &Draft,
        step: Step,
        now_ms: i64,
    ) -> Option<Draft> {
        let shown = self.save_first(reply, draft, step, now_ms);
        if self.unsaved(&shown, step) {
            reply.news = Some(KEPT_OPEN.into());
            return None;
        }
        Some(shown)
    }

    /// Another tab wrote to storage (a `storage` event, classified by
    /// [`super::storage_change`]). When it changed the open draft: with no
    /// unsaved change here, show their version; with one, save now (both
    /// versions are kept); when their write went over this tab's saved
    /// version, save it again beside theirs.
    pub fn other_tab(
        &mut self,
        change: &StorageChange,
        draft: &Draft,
        step: Step,
        now_ms: i64,
    ) -> Reply {
        let mut reply = Reply::default();
        if *change == StorageChange::Other {
            return reply;
        }
        self.refresh(&mut reply);
        if *change == StorageChange::List {
            return reply;
        }
        let elsewhere = self
            .drafts
            .changed_elsewhere(&draft.id)
            .unwrap_or(Elsewhere::Unchanged);
        match elsewhere {
            Elsewhere::Unchanged => {}
            Elsewhere::WrittenOver => self.write(&mut reply, draft, step, now_ms),
            Elsewhere::Changed if self.unsaved(draft, step) => {
                self.write(&mut reply, draft, step, now_ms);
            }
            Elsewhere::Changed => {
                if let Ok(opened) = self.drafts.open(&draft.id) {
                    self.saved = (opened.draft.clone(), step);
                    reply.draft = Some(opened.draft);
                    reply.news = Some(
                        "This draft was changed in another tab; you now see that version.".into(),
                    );
                }
            }
        }
        reply
    }

    /// Opens a stored draft on its step, saving the open one first (which
    /// stays open when its change cannot be saved).
    pub fn open(&mut self, id: &str, draft: &Draft, step: Step, now_ms: i64) -> Reply {
        let mut reply = Reply::default();
        self.open_into(&mut reply, id, draft, step, now_ms);
        reply
    }

    fn open_into(&mut self, reply: &mut Reply, id: &str, draft: &Draft, step: Step, now_ms: i64) {
        if self
            .save_before_closing(reply, draft, step, now_ms)
            .is_none()
        {
            return;
        }
        match self.drafts.open(id) {
            Ok(opened) => {
                let _ = self.drafts.remember_open(id);
                let step = step_of(&opened.step);
                self.saved = (opened.draft.clone(), step);
                reply.status = Some(SaveStatus::at_start(
                    self.memory_only(),
                    Some(opened.saved_at),
                ));
                reply.draft = Some(opened.draft);
                reply.step = Some(step);
                reply.news = Some(format!("Opened “{}”.", opened.title));
            }
            Err(error) => reply.news = Some(error.to_string()),
        }
    }

    /// Starts a new draft, saving the open one first; the new one is stored
    /// at once, so it is in the list.
    pub fn new_draft(&mut self, zone: &str, draft: &Draft, step: Step, now_ms: i64) -> Reply {
        let mut reply = Reply::default();
        self.new_draft_into(&mut reply, zone, draft, step, now_ms);
        reply
    }

    fn new_draft_into(
        &mut self,
        reply: &mut Reply,
        zone: &str,
        draft: &Draft,
        step: Step,
        now_ms: i64,
    ) {
        if self
            .save_before_closing(reply, draft, step, now_ms)
            .is_none()
        {
            return;
        }
        let fresh = self.drafts.new_draft(zone, now_ms);
        self.save_into(reply, &fresh, Step::WhatHappened, now_ms);
        reply.draft = Some(fresh);
        reply.step = Some(Step::WhatHappened);
        reply.news = Some("Started a new draft.".into());
    }

    /// Says what an engine call did (or why it failed) and lists the drafts.
    fn said_and_listed(&mut self, mut reply: Reply, said: Result<String, DraftError>) -> Reply {
        reply.news = Some(said.unwrap_or_else(|error| error.to_string()));
        self.refresh(&mut reply);
        reply
    }

    pub fn rename(&mut self, id: &str, title: &str, now_ms: i64) -> Reply {
        let said = self.drafts.rename(id, title, now_ms);
        let said = said.map(|line| format!("Renamed to “{}”.", line.title));
        self.said_and_listed(Reply::default(), said)
    }

    /// Stores a copy of a draft, saving the open one first.
    pub fn duplicate(&mut self, id: &str, draft: &Draft, step: Step, now_ms: i64) -> Reply {
        let mut reply = Reply::default();
        self.save_first(&mut reply, draft, step, now_ms);
        let said = self.drafts.duplicate(id, now_ms);
        let said = said.map(|copy| format!("Made a copy: “{}”.", copy.title));
        self.said_and_listed(reply, said)
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
        let mut reply = Reply::default();
        let deleted = match self.drafts.delete(id, now_ms) {
            Ok(deleted) => deleted,
            // Nothing was deleted: an unsaved change here is still saved.
            Err(error) => {
                reply.news = Some(error.to_string());
                return reply;
            }
        };
        reply.news = Some(format!(
            "Deleted “{}”. You can undo this for {} seconds.",
            deleted.title,
            UNDO_WINDOW_MS / 1000
        ));
        reply.undo = Some(Some(deleted));
        self.refresh(&mut reply);
        if draft.id == id {
            reply.cancel_save = true;
            self.saved = (draft.clone(), step);
            let next = reply
                .listing
                .as_ref()
                .and_then(|l| l.drafts.first())
                .map(|d| d.id.clone());
            match next {
                Some(next) => self.open_into(&mut reply, &next, draft, step, now_ms),
                None => self.new_draft_into(&mut reply, zone, draft, step, now_ms),
            }
        }
        reply
    }

    /// Brings the last deleted draft back and opens it, saving the open
    /// draft first: if the open one has the deleted draft's id, the one
    /// brought back then takes a new id instead of being written over.
    pub fn undo_delete(&mut self, draft: &Draft, step: Step, now_ms: i64) -> Reply {
        let mut reply = Reply::default();
        let Some(draft) = self.save_before_closing(&mut reply, draft, step, now_ms) else {
            return reply;
        };
        match self.drafts.undo_delete(now_ms) {
            Ok(back) => {
                reply.undo = Some(None);
                reply.news = Some(format!("Brought back “{}”.", back.title));
                self.refresh(&mut reply);
                self.open_into(&mut reply, &back.id, &draft, step, now_ms);
                // What was stored is what opens.
                if let Some(opened) = reply.draft.as_ref().filter(|d| d.id == back.id) {
                    reply.saved.push(opened.clone());
                }
            }
            Err(error) => reply.news = Some(error.to_string()),
        }
        reply
    }

    /// The undo offer for `deleted` has run its time: it is withdrawn,
    /// unless a later delete replaced it (that one keeps its own time).
    pub fn undo_lapsed(&mut self, deleted: &DeletedDraft) -> Reply {
        let mut reply = Reply::default();
        if self.drafts.pending_undo(deleted.deleted_at) == Some(deleted) {
            self.drafts
                .expire_undo(deleted.deleted_at + UNDO_WINDOW_MS + 1);
            reply.undo = Some(None);
        }
        reply
    }

    /// Every draft as one file, with the open one even if unsaved.
    pub fn export_all(&mut self, draft: &Draft, now_ms: i64) -> Reply {
        let mut reply = Reply::default();
        let file = self.drafts.export_all(now_ms, Some(draft));
        self.offer_file(&mut reply, file, "Exported every draft to a file.", now_ms);
        reply
    }

    /// One stored draft as a file, saving the open one first.
    pub fn export_one(&mut self, id: &str, draft: &Draft, step: Step, now_ms: i64) -> Reply {
        let mut reply = Reply::default();
        self.save_first(&mut reply, draft, step, now_ms);
        let file = self.drafts.export_one(id, now_ms);
        self.offer_file(&mut reply, file, "Exported the draft to a file.", now_ms);
        reply
    }

    fn offer_file(
        &self,
        reply: &mut Reply,
        file: Result<String, DraftError>,
        said: &str,
        now_ms: i64,
    ) {
        match file {
            Ok(json) => {
                reply.download = Some((export_file_name(now_ms), json));
                reply.news = Some(said.into());
            }
            Err(error) => reply.news = Some(error.to_string()),
        }
    }

    pub fn import(&mut self, text: &str, now_ms: i64) -> Reply {
        let said = self
            .drafts
            .import(text, now_ms)
            .map(|report| report.summary());
        self.said_and_listed(Reply::default(), said)
    }

    /// Opens a draft that arrived in a link, saving the open one first. The
    /// engine decides whether it is already here or is kept as a new
    /// "(shared)" draft, and never writes over a stored one. When it cannot
    /// be stored, it is shown all the same (on "Check your notice"), so
    /// nothing in the link is lost; it is then an unsaved change.
    pub fn open_shared(&mut self, shared: &Draft, draft: &Draft, step: Step, now_ms: i64) -> Reply {
        let mut reply = Reply::default();
        let draft = self.save_first(&mut reply, draft, step, now_ms);
        match self
            .drafts
            .add_shared(shared.clone(), Step::Check.slug(), now_ms)
        {
            Ok(outcome) => {
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
                self.refresh(&mut reply);
                self.open_into(&mut reply, &line.id, &draft, step, now_ms);
                reply.news = Some(said);
            }
            Err(error) => {
                reply.draft = Some(shared.clone());
                reply.step = Some(Step::Check);
                reply.news = Some(format!(
                    "{error} The shared draft is open here all the same."
                ));
            }
        }
        reply
    }
}
