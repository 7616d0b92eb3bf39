//! What the drafts layer reports, and the titles and sentences the author reads.

use std::fmt;

use super::{Envelope, StoreError, Unreadable, ASIDE_PREFIX, TITLE_CHARS, UNDO_WINDOW_MS};
use crate::model::Draft;

// ---------------------------------------------------------------------------
// Titles

/// Collapses runs of white space (and drops control characters).
pub(super) fn tidy(text: &str) -> String {
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

pub(super) fn with_suffix(title: &str, suffix: &str) -> String {
    if title.ends_with(suffix) {
        title.to_owned()
    } else {
        format!("{title} {suffix}")
    }
}

// ---------------------------------------------------------------------------
// What the drafts layer reports

/// One line of the drafts list.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DraftSummary {
    pub id: String,
    pub title: String,
    /// The author chose the title (it no longer follows "what happened").
    pub renamed: bool,
    /// Last changed, Unix milliseconds.
    pub changed_at: i64,
    pub revision: u64,
}

pub(super) fn summary(id: &str, envelope: &Envelope) -> DraftSummary {
    DraftSummary {
        id: id.to_owned(),
        title: envelope.title(),
        renamed: envelope.title.is_some(),
        changed_at: envelope.saved_at,
        revision: envelope.revision,
    }
}

pub(super) fn sort_list(list: &mut [DraftSummary]) {
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
    /// An export file could not be written; nothing was changed.
    ExportFailed {
        detail: String,
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
            DraftError::ExportFailed { detail } => write!(
                f,
                "Candor could not write the export file ({detail}). Your drafts are unchanged."
            ),
        }
    }
}

impl std::error::Error for DraftError {}

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
