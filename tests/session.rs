#![cfg(not(target_arch = "wasm32"))]
//! The drafts session of a tab (`store::Session`), driven as the page drives
//! it: the draft as typed and its step passed in on every call, the clock
//! passed in, two tabs as two sessions over one shared store. Save timing,
//! another tab's write, delete, undo and reload, and the data-loss bug once
//! found in the page: another tab's change arriving between an edit and its
//! save replaced what was typed.

use std::cell::RefCell;
use std::rc::Rc;

use candor::model::Draft;
use candor::steps::Step;
use candor::store::*;

type Shared = Rc<RefCell<MemoryStore>>;

const T0: i64 = 1_764_161_000_000;
const ZONE: &str = "Europe/London";

fn shared() -> Shared {
    Rc::new(RefCell::new(MemoryStore::new()))
}

/// A tab opening (or reloading) over the shared store.
fn tab(store: &Shared, seed: u64, now: i64) -> (Session<Shared>, Start) {
    Session::start(Drafts::new(store.clone(), seed), ZONE, now)
}

/// What a reload finds stored under `id`.
fn stored(store: &Shared, id: &str) -> Option<Draft> {
    Drafts::new(store.clone(), 999)
        .open(id)
        .ok()
        .map(|o| o.draft)
}

fn typed(draft: &Draft, what: &str) -> Draft {
    let mut d = draft.clone();
    d.what_happened = what.to_owned();
    d
}

/// A tab with one saved draft open: (session, the draft as saved).
fn tab_with_saved(store: &Shared, seed: u64, what: &str, now: i64) -> (Session<Shared>, Draft) {
    let (mut s, start) = tab(store, seed, now);
    let d = typed(&start.draft, what);
    let u = s.save_now(&d, Step::WhatHappened, now);
    assert_eq!(u.saved, vec![d.clone()]);
    (s, d)
}

/// Stores another draft through the engine, leaving the open one as it is.
fn store_another(s: &mut Session<Shared>, what: &str, now: i64) -> Draft {
    let mut d = typed(&s.drafts_mut().new_draft(ZONE, now), what);
    s.drafts_mut().save(&mut d, "what", now).expect("save");
    d
}

#[test]
fn a_change_is_saved_a_moment_later_and_a_reload_reopens_it() {
    let store = shared();
    let (mut s, start) = tab(&store, 1, T0);
    assert_eq!(start.step, Step::WhatHappened);
    assert!(start.warnings.is_empty());
    assert_eq!(start.status, SaveStatus::NothingToSave);

    // The page reports its first render: nothing changed, nothing to save.
    assert_eq!(s.changed(&start.draft, start.step), Reply::default());

    let d = typed(&start.draft, "Support e-mail was lost for three hours");
    let u = s.changed(&d, Step::WhatHappened);
    assert_eq!(u.save_in, Some(SAVE_DELAY_MS));
    assert_eq!(u.status, Some(SaveStatus::Pending));
    assert!(stored(&store, &d.id).is_none(), "saved only when due");
    // Moving to another step is a change too.
    assert_eq!(s.changed(&d, Step::Impact).save_in, Some(SAVE_DELAY_MS));

    let u = s.save_now(&d, Step::Impact, T0 + 300);
    assert_eq!(u.saved, vec![d.clone()]);
    assert!(u.cancel_save);
    assert_eq!(u.status, Some(SaveStatus::Saved { at_ms: T0 + 300 }));
    assert_eq!(u.listing.expect("the list").drafts.len(), 1);
    assert_eq!(stored(&store, &d.id), Some(d.clone()));
    // Hidden page, nothing new: nothing is written.
    let writes = store.borrow().writes();
    assert!(s.save_now(&d, Step::Impact, T0 + 400).saved.is_empty());
    assert_eq!(store.borrow().writes(), writes);

    let (_, again) = tab(&store, 2, T0 + 1_000);
    assert_eq!(again.draft, d);
    assert_eq!(again.step, Step::Impact);
    assert_eq!(again.status, SaveStatus::Saved { at_ms: T0 + 300 });
}

/// The bug once found in the page: "unsaved" was a flag set when the page
/// reported a change, a tick after the typing. Another tab's save arriving
/// in that tick found nothing unsaved and replaced what was just typed with
/// the other tab's version.
#[test]
fn another_tabs_change_arriving_between_an_edit_and_its_save_keeps_what_was_typed() {
    let store = shared();
    let (mut a, saved) = tab_with_saved(&store, 1, "payments failed", T0);
    let (mut b, in_b) = (tab(&store, 2, T0 + 1).0, saved.clone());
    b.open(&saved.id, &in_b, Step::WhatHappened, T0 + 1);

    // A types; before A's page reports the change, B saves its own edit.
    let mut in_a = saved.clone();
    in_a.cause = "an expired certificate".into();
    let mut theirs = in_b.clone();
    theirs.fix = "we renewed it".into();
    assert_eq!(
        b.save_now(&theirs, Step::WhatHappened, T0 + 2).saved,
        vec![theirs.clone()]
    );

    let u = a.other_tab(
        &storage_change(Some(&draft_key(&saved.id))),
        &in_a,
        Step::WhatHappened,
        T0 + 3,
    );
    assert_eq!(u.draft, None, "what was typed stays in the editor");
    let copy = u.new_id.expect("A's version saved as a new draft");
    assert_eq!(
        u.news.as_deref(),
        Some(
            "This draft was also changed in another tab, so both versions are kept: the other \
             tab's as “Payments failed”, yours as “Payments failed (your copy from this tab)”."
        )
    );
    assert_eq!(stored(&store, &saved.id), Some(theirs));
    assert_eq!(
        stored(&store, &copy),
        Some(Draft {
            id: copy.clone(),
            ..in_a.clone()
        })
    );
    // A goes on editing its copy: that is no new change to save.
    let in_a = Draft { id: copy, ..in_a };
    assert_eq!(a.changed(&in_a, Step::WhatHappened).save_in, None);
}

#[test]
fn another_tabs_change_is_followed_when_nothing_here_is_unsaved() {
    let store = shared();
    let (mut a, saved) = tab_with_saved(&store, 1, "search was down", T0);
    let (mut b, start) = tab(&store, 2, T0 + 1);
    assert_eq!(start.listing.drafts.len(), 1);
    let mut theirs = saved.clone();
    theirs.cause = "a full disk".into();
    b.open(&saved.id, &saved, Step::WhatHappened, T0 + 1);
    b.save_now(&theirs, Step::Cause, T0 + 2);

    let u = a.other_tab(
        &StorageChange::Draft(saved.id.clone()),
        &saved,
        Step::WhatHappened,
        T0 + 3,
    );
    assert_eq!(u.draft, Some(theirs.clone()));
    assert_eq!(u.step, None, "the author stays on their step");
    assert_eq!(
        u.news.as_deref(),
        Some("This draft was changed in another tab; you now see that version.")
    );
    // Showing their version is no change to save back.
    assert_eq!(a.changed(&theirs, Step::WhatHappened), Reply::default());
    assert!(a
        .save_now(&theirs, Step::WhatHappened, T0 + 4)
        .saved
        .is_empty());

    // The list and keys that are not Candor's change nothing in the editor.
    let u = a.other_tab(&StorageChange::List, &theirs, Step::WhatHappened, T0 + 5);
    assert_eq!(u.draft, None);
    assert_eq!(u.listing.expect("the list").drafts.len(), 1);
    assert_eq!(
        a.other_tab(&StorageChange::Other, &theirs, Step::WhatHappened, T0 + 5),
        Reply::default()
    );
}

/// Browsers do not make localStorage atomic across tabs: B wrote over A's
/// save without seeing it. A's next storage event saves A's version again,
/// beside B's, though nothing in A changed since.
#[test]
fn a_save_written_over_at_the_same_moment_is_saved_again_beside_theirs() {
    let store = shared();
    let (mut a, saved) = tab_with_saved(&store, 1, "the app crashed on start", T0);
    let (mut b, _) = tab(&store, 2, T0);
    b.open(&saved.id, &saved, Step::WhatHappened, T0);
    let key = draft_key(&saved.id);
    let before = store.borrow().entries()[&key].clone();
    let mut in_a = saved.clone();
    in_a.cause = "a bad release".into();
    a.save_now(&in_a, Step::WhatHappened, T0 + 1);
    store
        .borrow_mut()
        .set(&key, &before)
        .expect("B's stale view");
    let mut in_b = saved.clone();
    in_b.fix = "we rolled back".into();
    b.save_now(&in_b, Step::WhatHappened, T0 + 1);

    let u = a.other_tab(
        &StorageChange::Draft(saved.id.clone()),
        &in_a,
        Step::WhatHappened,
        T0 + 2,
    );
    let copy = u.new_id.expect("saved again as a new draft");
    assert_eq!(stored(&store, &saved.id), Some(in_b));
    assert_eq!(stored(&store, &copy), Some(Draft { id: copy, ..in_a }));
}

#[test]
fn deleting_the_open_draft_opens_the_newest_other_and_undo_brings_it_back() {
    let store = shared();
    let (mut s, first) = tab_with_saved(&store, 1, "older", T0);
    let newer = typed(&s.drafts_mut().new_draft(ZONE, T0 + 10), "newer");
    s.save_now(&newer, Step::Cause, T0 + 10);
    let (open, step) = (typed(&newer, "newest"), Step::Apology);
    s.save_now(&open, step, T0 + 20);
    let u = s.open(&first.id, &open, step, T0 + 30);
    assert_eq!(u.draft, Some(first.clone()));
    assert_eq!(u.news.as_deref(), Some("Opened “Older”."));

    let u = s.delete(&first.id, ZONE, &first, Step::WhatHappened, T0 + 40);
    assert!(u.cancel_save, "a save still waiting would store it again");
    assert_eq!(u.draft, Some(open.clone()));
    assert_eq!(u.step, Some(step));
    assert_eq!(u.news.as_deref(), Some("Opened “Newest”."));
    let deleted = u.undo.flatten().expect("undo offered");
    assert_eq!(s.undo_offer(T0 + 41), Some(&deleted));
    assert_eq!(deleted.title, "Older");
    assert!(stored(&store, &first.id).is_none());

    let u = s.undo_delete(&open, step, T0 + 50);
    assert_eq!(u.draft, Some(first.clone()));
    assert_eq!(u.saved, vec![first.clone()]);
    assert_eq!(u.news.as_deref(), Some("Opened “Older”."));
    assert_eq!(u.undo, Some(None), "the offer is withdrawn");
    let listed = u.listing.expect("the list shows it again").drafts;
    assert!(listed.iter().any(|line| line.id == first.id));
    assert_eq!(s.undo_offer(T0 + 51), None);
    assert_eq!(stored(&store, &first.id), Some(first));
}

#[test]
fn deleting_the_only_draft_starts_a_new_one_stored_at_once() {
    let store = shared();
    let (mut s, only) = tab_with_saved(&store, 1, "one", T0);
    let u = s.delete(&only.id, ZONE, &only, Step::WhatHappened, T0 + 1);
    let fresh = u.draft.expect("a new draft");
    assert_ne!(fresh.id, only.id);
    assert_eq!(fresh.what_happened, "");
    assert_eq!(u.saved, vec![fresh.clone()]);
    assert_eq!(u.news.as_deref(), Some("Started a new draft."));
    assert_eq!(stored(&store, &fresh.id), Some(fresh));
}

#[test]
fn undo_saves_the_open_draft_first_and_lasts_its_window() {
    let store = shared();
    let (mut s, open) = tab_with_saved(&store, 1, "open one", T0);
    let other = store_another(&mut s, "other one", T0);
    let edited = typed(&open, "open one, edited");
    let u = s.delete(&other.id, ZONE, &edited, Step::WhatHappened, T0 + 1);
    assert_eq!(u.draft, None, "deleting another draft leaves the open one");
    assert!(!u.cancel_save, "the open draft's save still comes");

    let u = s.undo_delete(&edited, Step::WhatHappened, T0 + 2);
    assert_eq!(u.saved, vec![edited.clone(), other.clone()]);
    assert_eq!(stored(&store, &open.id), Some(edited.clone()));

    // Too late: the undo is refused and said so.
    s.delete(&other.id, ZONE, &edited, Step::WhatHappened, T0 + 3);
    let u = s.undo_delete(&edited, Step::WhatHappened, T0 + 4 + UNDO_WINDOW_MS);
    assert_eq!(
        u.news.as_deref(),
        Some("It is too late to bring that draft back: undo lasts 30 seconds.")
    );
    assert!(stored(&store, &other.id).is_none());
}

#[test]
fn an_undo_offer_lapses_on_its_own_time_not_an_earlier_ones() {
    let store = shared();
    let (mut s, open) = tab_with_saved(&store, 1, "open", T0);
    let ids = ["a", "b"].map(|what| store_another(&mut s, what, T0).id);
    let first = s
        .delete(&ids[0], ZONE, &open, Step::WhatHappened, T0)
        .undo
        .flatten()
        .expect("offered");
    let second = s
        .delete(&ids[1], ZONE, &open, Step::WhatHappened, T0 + 10_000)
        .undo
        .flatten()
        .expect("offered");
    // The first delete's time runs out while the second's offer stands.
    assert_eq!(s.undo_lapsed(&first).undo, None, "the offer shown stays");
    assert_eq!(s.undo_offer(T0 + UNDO_WINDOW_MS), Some(&second));
    assert_eq!(s.undo_lapsed(&second).undo, Some(None));
    assert_eq!(s.undo_offer(T0 + 10_001), None);
}

/// A delete that fails (another tab deleted the draft first) must not
/// count the open draft's unsaved change as saved.
#[test]
fn a_delete_that_fails_keeps_the_unsaved_change_to_save() {
    let store = shared();
    let (mut a, saved) = tab_with_saved(&store, 1, "kept typing", T0);
    let (mut b, _) = tab(&store, 2, T0);
    b.delete(&saved.id, ZONE, &saved, Step::WhatHappened, T0 + 1);
    let edited = typed(&saved, "kept typing, more");
    let u = a.delete(&saved.id, ZONE, &edited, Step::WhatHappened, T0 + 2);
    assert_eq!(
        u.news.as_deref(),
        Some("That draft is no longer stored here (it may have been deleted in another tab).")
    );
    assert!(!u.cancel_save);
    let u = a.save_now(&edited, Step::WhatHappened, T0 + 3);
    assert_eq!(u.saved, vec![edited.clone()]);
    assert_eq!(stored(&store, &saved.id), Some(edited));
}

#[test]
fn with_storage_refused_every_status_says_memory_only() {
    let drafts = open_with_fallback(Err(StoreError::Unavailable), 1);
    let (mut s, start) = Session::start(drafts, ZONE, T0);
    assert_eq!(start.warnings.len(), 1);
    assert!(start.warnings[0].ends_with("Use “Export all drafts” to keep a copy as a file."));
    assert_eq!(start.status, SaveStatus::MemoryOnly);
    let d = typed(&start.draft, "one");
    let u = s.changed(&d, Step::WhatHappened);
    assert_eq!(u.save_in, Some(SAVE_DELAY_MS));
    assert_eq!(u.status, None, "no 'Saving…' that never ends");
    let u = s.save_now(&d, Step::WhatHappened, T0 + 1);
    assert_eq!(u.status, Some(SaveStatus::MemoryOnly));
    let u = s.new_draft(ZONE, &d, Step::WhatHappened, T0 + 2);
    assert_eq!(u.status, Some(SaveStatus::MemoryOnly));
    let fresh = u.draft.expect("new draft");
    // Opening a draft kept in memory never claims it is saved.
    let u = s.open(&d.id, &fresh, Step::WhatHappened, T0 + 3);
    assert_eq!(u.status, Some(SaveStatus::MemoryOnly));
}

#[test]
fn a_new_draft_saves_the_open_one_first() {
    let store = shared();
    let (mut s, start) = tab(&store, 1, T0);
    let d = typed(&start.draft, "not yet saved");
    let u = s.new_draft(ZONE, &d, Step::When, T0 + 1);
    let fresh = u.draft.clone().expect("new draft");
    assert_eq!(u.step, Some(Step::WhatHappened));
    assert_eq!(u.saved, vec![d.clone(), fresh]);
    assert_eq!(u.news.as_deref(), Some("Started a new draft."));
    assert_eq!(stored(&store, &d.id), Some(d));
}

#[test]
fn a_shared_draft_is_stored_and_opened_or_shown_all_the_same() {
    let store = shared();
    let (mut s, open) = tab_with_saved(&store, 1, "mine", T0);
    let shared_draft = typed(&Draft::new("from-a-link", ZONE), "their outage");
    let u = s.open_shared(&shared_draft, &open, Step::WhatHappened, T0 + 1);
    assert_eq!(u.step, Some(Step::Check));
    assert_eq!(u.draft, Some(shared_draft.clone()));
    assert_eq!(
        u.news.as_deref(),
        Some("Opened the shared draft and saved it here as “Their outage (shared)”.")
    );
    let u = s.open_shared(&shared_draft, &shared_draft, Step::Check, T0 + 2);
    assert_eq!(
        u.news.as_deref(),
        Some("This shared draft is already here as “Their outage (shared)”, so Candor opened it.")
    );

    store.borrow_mut().set_disabled(true);
    let other = typed(&Draft::new("another-link", ZONE), "more");
    let u = s.open_shared(&other, &shared_draft, Step::Check, T0 + 3);
    assert_eq!(u.draft, Some(other.clone()));
    assert_eq!(u.step, Some(Step::Check));
    assert!(u
        .news
        .expect("said")
        .ends_with("The shared draft is open here all the same."));
    // Not stored: it is a change to save.
    assert_eq!(s.changed(&other, Step::Check).save_in, Some(SAVE_DELAY_MS));
}

#[test]
fn export_offers_a_file_with_the_open_draft_even_unsaved() {
    let store = shared();
    let (mut s, saved) = tab_with_saved(&store, 1, "exported", T0);
    let edited = typed(&saved, "exported, then edited");
    let u = s.export_all(&edited, T0 + 1);
    let (name, text) = u.download.expect("a file");
    assert_eq!(name, export_file_name(T0 + 1));
    assert!(text.contains("exported, then edited") && text.contains("(not saved)"));
    assert_eq!(u.news.as_deref(), Some("Exported every draft to a file."));

    let u = s.export_one(&saved.id, &edited, Step::WhatHappened, T0 + 2);
    assert_eq!(u.saved, vec![edited], "saved before the export");
    let (_, one) = u.download.expect("a file");
    assert!(one.contains("exported, then edited"));
    let u = s.import(&one, T0 + 3);
    assert_eq!(
        u.news.as_deref(),
        Some("No new drafts were imported. 1 draft was already here, unchanged.")
    );
}

/// Something the author does that closes the open draft.
type Act = fn(&mut Session<Shared>, &Draft, &str) -> Reply;

/// With storage full, the open draft's change cannot be saved: opening
/// another draft (or a new one, or bringing one back) would drop it from
/// the editor, and it is nowhere else. It stays open instead.
#[test]
fn an_unsaved_change_that_cannot_be_saved_is_never_closed() {
    let store = shared();
    let (mut s, open) = tab_with_saved(&store, 1, "open", T0);
    let other = store_another(&mut s, "other", T0);
    let gone = store_another(&mut s, "gone", T0);
    s.delete(&gone.id, ZONE, &open, Step::WhatHappened, T0 + 1);
    let used = store.borrow().used_units();
    store.borrow_mut().set_quota(Some(used));
    let edited = typed(&open, "open, with a long change that does not fit");
    let tries: [(&str, Act); 3] = [
        ("open", |s, d, other| {
            s.open(other, d, Step::WhatHappened, T0 + 2)
        }),
        ("new draft", |s, d, _| {
            s.new_draft(ZONE, d, Step::WhatHappened, T0 + 2)
        }),
        ("undo", |s, d, _| {
            s.undo_delete(d, Step::WhatHappened, T0 + 2)
        }),
    ];
    for (what, act) in tries {
        let reply = act(&mut s, &edited, &other.id);
        assert_eq!(reply.draft, None, "{what}: the editor keeps the change");
        assert!(
            matches!(reply.status, Some(SaveStatus::NotSaved(_))),
            "{what}: {:?}",
            reply.status
        );
        assert_eq!(
            reply.news.as_deref(),
            Some(
                "Your open draft's latest change is not saved, so it stays open. Export your \
                 drafts to keep it, or make room by deleting old ones, then try again."
            ),
            "{what}"
        );
    }
    store.borrow_mut().set_quota(None);
    assert_eq!(
        s.save_now(&edited, Step::WhatHappened, T0 + 3).saved,
        vec![edited.clone()]
    );
    assert_eq!(stored(&store, &open.id), Some(edited));
}

#[test]
fn rename_copy_and_import_show_the_list_again() {
    let store = shared();
    let (mut s, open) = tab_with_saved(&store, 1, "payments failed", T0);
    let titles = |reply: Reply| -> Vec<String> {
        let listing = reply.listing.expect("the list");
        listing.drafts.into_iter().map(|line| line.title).collect()
    };
    let u = s.rename(&open.id, "Payments", T0 + 1);
    assert_eq!(u.news.as_deref(), Some("Renamed to “Payments”."));
    assert_eq!(titles(u), ["Payments"]);
    let u = s.duplicate(&open.id, &open, Step::WhatHappened, T0 + 2);
    assert_eq!(u.news.as_deref(), Some("Made a copy: “Payments (copy)”."));
    assert_eq!(titles(u), ["Payments (copy)", "Payments"]);
    let file = export_draft(
        &typed(&Draft::new("elsewhere", ZONE), "mail lost"),
        None,
        "",
        T0,
    )
    .expect("writes");
    let u = s.import(&file, T0 + 3);
    assert_eq!(u.news.as_deref(), Some("Imported 1 draft."));
    assert_eq!(titles(u).len(), 3);
}
