#![cfg(not(target_arch = "wasm32"))]
//! Drafts over the in-memory store: the fault matrix (a failure injected at
//! every write of every operation), quota, disabled storage, damaged and
//! newer entries, index repair, two tabs, export and import, the v1 fixture,
//! and a property test of random operations with random failures, the tabs
//! driven through their drafts session (`Session`) as the page drives them.
//!
//! The one invariant everywhere: every draft the store reported as saved
//! loads back exactly, character for character, and nothing reported as not
//! saved was stored.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use candor::model::{
    Action, CauseState, DataLoss, Draft, EndState, Preset, ReaderActions, Recovery, Sender,
    WallTime, Window, SCHEMA_VERSION,
};
use candor::store::*;
use candor::time::FoldChoice;
use common::at;
use proptest::prelude::*;

mod common;

type Shared = Rc<RefCell<MemoryStore>>;

const T0: i64 = 1_764_161_000_000; // 2025-11-26, about 12:43 UTC

fn shared() -> Shared {
    Rc::new(RefCell::new(MemoryStore::new()))
}

fn tab(store: &Shared, seed: u64) -> Drafts<Shared> {
    Drafts::new(store.clone(), seed)
}

/// A draft with text that must survive exactly: quotes, a dash, an emoji,
/// right-to-left text and a line break.
fn draft(id: &str, what: &str) -> Draft {
    let mut d = Draft::new(id, "Europe/London");
    d.what_happened = what.to_owned();
    d.impact = format!("“{what}” — lost for 3 h ✉️ שלום\nsecond line");
    d
}

fn json(draft: &Draft) -> String {
    serde_json::to_string(draft).expect("writes")
}

/// What the store reported as saved: id -> (draft, title).
type Model = BTreeMap<String, (Draft, String)>;

/// Opens every draft of the model in a fresh tab (a reload) and compares.
/// Also checks that the list holds exactly the model's drafts, and that
/// every raw value in `raws` is still stored, byte for byte, somewhere.
fn assert_intact(store: &Shared, model: &Model, raws: &[String], context: &str) {
    let mut reader = tab(store, 4242);
    for (id, (expected, title)) in model {
        let opened = reader
            .open(id)
            .unwrap_or_else(|e| panic!("{context}: draft {id} reported saved is lost: {e}"));
        assert_eq!(
            json(&opened.draft),
            json(expected),
            "{context}: draft {id} was altered"
        );
        assert_eq!(&opened.title, title, "{context}: title of {id}");
    }
    let listing = reader
        .list()
        .unwrap_or_else(|e| panic!("{context}: list failed: {e}"));
    let listed: BTreeSet<&str> = listing.drafts.iter().map(|d| d.id.as_str()).collect();
    let expected: BTreeSet<&str> = model.keys().map(String::as_str).collect();
    assert_eq!(
        listed, expected,
        "{context}: the list differs from what was reported saved"
    );
    let values: Vec<String> = store.borrow().entries().values().cloned().collect();
    for raw in raws {
        assert!(
            values.contains(raw),
            "{context}: a damaged entry was not kept: {raw}"
        );
    }
}

fn save(tabs: &mut Drafts<Shared>, d: &mut Draft, now: i64) -> Result<SaveOutcome, DraftError> {
    tabs.save(d, "what", now)
}

// ---------------------------------------------------------------------------
// The fault matrix

/// The kinds of failure injected; `From` is a tab that dies at that write.
fn fault(kind: usize, nth: u64) -> Fault {
    let injected = StoreError::Failed {
        detail: "injected".into(),
    };
    match kind {
        0 => Fault::Once {
            nth,
            error: StoreError::Full,
        },
        1 => Fault::Once {
            nth,
            error: injected,
        },
        2 => Fault::Once {
            nth,
            error: StoreError::Unavailable,
        },
        _ => Fault::From {
            nth,
            error: StoreError::Full,
        },
    }
}
const FAULT_KINDS: usize = 4;

struct Case {
    store: Shared,
    tabs: Vec<Drafts<Shared>>,
    model: Model,
    /// Damaged values that must never disappear.
    raws: Vec<String>,
    /// The draft being edited in tab 0.
    editing: Draft,
    /// Drafts of an import file, by title.
    file: HashMap<String, Draft>,
    file_text: String,
}

fn record(model: &mut Model, d: &Draft, title: impl Into<String>) {
    model.insert(d.id.clone(), (d.clone(), title.into()));
}

/// Three saved drafts (beta renamed), tab 0 editing alpha, tab 1 open too.
fn three() -> Case {
    let store = shared();
    let mut t0 = tab(&store, 1);
    let mut model = Model::new();
    for (id, what) in [
        ("alpha", "mail to the support queue was lost"),
        ("beta", "the billing page was down"),
        ("gamma", "logins were slow"),
    ] {
        let mut d = draft(id, what);
        save(&mut t0, &mut d, T0).expect("setup save");
        record(&mut model, &d, title_from_incident(what));
    }
    t0.rename("beta", "Billing outage", T0)
        .expect("setup rename");
    model.get_mut("beta").expect("beta").1 = "Billing outage".into();
    let editing = t0.open("alpha").expect("setup open").draft;
    let t1 = tab(&store, 2);
    Case {
        store,
        tabs: vec![t0, t1],
        model,
        raws: Vec::new(),
        editing,
        file: HashMap::new(),
        file_text: String::new(),
    }
}

type Operation = fn(&mut Case) -> Result<(), DraftError>;
/// A name, a starting state and the operation to break.
type Run = (&'static str, fn() -> Case, Operation);

/// Runs `op` once for every kind of failure at every write position, until
/// the op makes fewer writes than the position. Returns how many cases ran.
fn matrix(name: &str, setup: fn() -> Case, op: Operation) -> usize {
    let mut cases = 0;
    for kind in 0..FAULT_KINDS {
        for nth in 1u64.. {
            assert!(nth < 100, "{name}: too many writes");
            let mut case = setup();
            case.store.borrow_mut().plan(fault(kind, nth));
            let result = op(&mut case);
            let fired = case.store.borrow().failed_writes() > 0;
            case.store.borrow_mut().clear_faults();
            let context = format!("{name}, fault kind {kind} at write {nth}");
            if let Err(error) = &result {
                assert!(fired, "{context}: failed with no injected failure: {error}");
                let told = error.to_string();
                assert!(!told.is_empty() && told.ends_with('.'), "{context}: {told}");
            }
            assert_intact(&case.store, &case.model, &case.raws, &context);
            cases += 1;
            if !fired {
                assert!(result.is_ok(), "{context}: {result:?}");
                break;
            }
        }
    }
    cases
}

fn op_save_edit(case: &mut Case) -> Result<(), DraftError> {
    let mut d = case.editing.clone();
    d.what_happened.push_str(", and the replies to it");
    d.apology = "We are sorry — truly.".into();
    let outcome = case.tabs[0].save(&mut d, "apology", T0 + 1000)?;
    assert!(matches!(outcome, SaveOutcome::Saved { .. }), "{outcome:?}");
    record(&mut case.model, &d, title_from_incident(&d.what_happened));
    Ok(())
}

fn op_save_new(case: &mut Case) -> Result<(), DraftError> {
    let mut d = draft("", "a brand new incident");
    let outcome = case.tabs[0].save(&mut d, "what", T0 + 1000)?;
    assert_eq!(outcome.id(), d.id);
    record(&mut case.model, &d, "A brand new incident");
    Ok(())
}

fn damaged_slot() -> Case {
    let mut case = three();
    let raw = "{\"schema\":1,\"revision\":3,\"draft\":{\"what_happ".to_string();
    case.store
        .borrow_mut()
        .put_raw("candor:v1:draft:from-link", &raw);
    case.raws.push(raw);
    case
}

fn op_save_over_damaged(case: &mut Case) -> Result<(), DraftError> {
    let mut d = draft("from-link", "a draft opened from a link");
    let outcome = case.tabs[0].save(&mut d, "what", T0 + 1000)?;
    assert_eq!(outcome.id(), "from-link");
    record(&mut case.model, &d, "A draft opened from a link");
    Ok(())
}

/// Tab 1 opened alpha and saved a change after tab 0 opened it.
fn conflict() -> Case {
    let mut case = three();
    let mut theirs = case.tabs[1].open("alpha").expect("open").draft;
    theirs.cause = "a disk filled up".into();
    let outcome = case.tabs[1]
        .save(&mut theirs, "cause", T0 + 500)
        .expect("their save");
    assert!(matches!(outcome, SaveOutcome::Saved { .. }));
    record(
        &mut case.model,
        &theirs,
        title_from_incident(&theirs.what_happened),
    );
    case
}

fn op_save_conflict(case: &mut Case) -> Result<(), DraftError> {
    let mut d = case.editing.clone();
    d.fix = "We moved the queue to a new server".into();
    let outcome = case.tabs[0].save(&mut d, "prevention", T0 + 1000)?;
    let SaveOutcome::KeptBoth {
        id, title, theirs, ..
    } = outcome
    else {
        panic!("expected both kept, got {outcome:?}");
    };
    assert_eq!(theirs, "alpha");
    assert_eq!(d.id, id);
    assert_eq!(
        title,
        "Mail to the support queue was lost (your copy from this tab)"
    );
    record(&mut case.model, &d, title);
    Ok(())
}

fn op_rename(case: &mut Case) -> Result<(), DraftError> {
    let line = case.tabs[0].rename("beta", "  Billing \n page   down ", T0 + 1000)?;
    assert_eq!(line.title, "Billing page down");
    case.model.get_mut("beta").expect("beta").1 = line.title;
    Ok(())
}

fn op_rename_back(case: &mut Case) -> Result<(), DraftError> {
    let line = case.tabs[0].rename("beta", "   ", T0 + 1000)?;
    assert_eq!(line.title, "The billing page was down");
    case.model.get_mut("beta").expect("beta").1 = line.title;
    Ok(())
}

fn op_duplicate(case: &mut Case) -> Result<(), DraftError> {
    let line = case.tabs[0].duplicate("beta", T0 + 1000)?;
    assert_eq!(line.title, "Billing outage (copy)");
    let mut copy = case.model["beta"].0.clone();
    copy.id = line.id.clone();
    record(&mut case.model, &copy, line.title);
    Ok(())
}

/// A link to alpha with other content arrives: it is kept beside alpha.
fn op_add_shared(case: &mut Case) -> Result<(), DraftError> {
    let mut theirs = case.model["alpha"].0.clone();
    theirs.impact = "a reviewer's version".into();
    match case.tabs[0].add_shared(theirs.clone(), "check", T0 + 1000)? {
        SharedOutcome::Added(line) => {
            assert_ne!(line.id, "alpha");
            assert_eq!(line.title, "Mail to the support queue was lost (shared)");
            theirs.id = line.id.clone();
            record(&mut case.model, &theirs, line.title);
            Ok(())
        }
        other => panic!("a changed draft is added, not {other:?}"),
    }
}

fn op_delete(case: &mut Case) -> Result<(), DraftError> {
    let gone = case.tabs[0].delete("gamma", T0 + 1000)?;
    assert_eq!(gone.title, "Logins were slow");
    case.model.remove("gamma");
    Ok(())
}

fn deleted() -> Case {
    let mut case = three();
    case.tabs[0]
        .delete("gamma", T0 + 500)
        .expect("setup delete");
    case.model.remove("gamma");
    case
}

fn op_undo(case: &mut Case) -> Result<(), DraftError> {
    let line = case.tabs[0].undo_delete(T0 + 1000)?;
    assert_eq!(line.id, "gamma");
    record(
        &mut case.model,
        &draft("gamma", "logins were slow"),
        line.title,
    );
    Ok(())
}

/// An export from another browser: alpha unchanged (already here), a
/// different draft under the id "beta" (a clash), and two new drafts.
fn importing() -> Case {
    let mut case = three();
    let other = shared();
    let mut there = tab(&other, 9);
    let mut file = HashMap::new();
    for (id, what) in [
        ("alpha", "mail to the support queue was lost"),
        ("beta", "the status page showed green while we were down"),
        ("delta", "backups stopped for two days"),
        ("epsilon", "a certificate expired"),
    ] {
        let mut d = draft(id, what);
        save(&mut there, &mut d, T0 - 5000).expect("other save");
        file.insert(title_from_incident(what), d);
    }
    case.file_text = there.export_all(T0, None).expect("export");
    case.file = file;
    case
}

fn op_import(case: &mut Case) -> Result<(), DraftError> {
    let report = case.tabs[0].import(&case.file_text.clone(), T0 + 1000)?;
    if report.stopped.is_none() {
        assert_eq!(
            report.already_there,
            vec!["Mail to the support queue was lost"]
        );
    }
    for line in &report.added {
        let plain = line.title.trim_end_matches(" (imported)");
        let mut d = case.file[plain].clone();
        d.id = line.id.clone();
        record(&mut case.model, &d, line.title.clone());
    }
    let accounted = report.added.len() + report.already_there.len() + report.not_imported.len();
    assert_eq!(accounted, 4, "{report:?}");
    if report.stopped.is_none() {
        assert_eq!(report.added.len(), 3);
        assert_eq!(report.renamed, 1);
        assert!(report
            .added
            .iter()
            .any(|l| l.title == "The status page showed green while we were down (imported)"));
    }
    let _ = report.summary();
    Ok(())
}

fn repair() -> Case {
    let mut case = three();
    let truncated = "{\"schema\":1,\"revision\":2,\"saved_at\":17".to_string();
    let garbage = "not json at all ✗".to_string();
    {
        let mut store = case.store.borrow_mut();
        store.put_raw("candor:v1:draft:cut", &truncated);
        store.put_raw("candor:v1:draft:junk", &garbage);
        store.remove_raw(INDEX_KEY);
    }
    case.raws.extend([truncated, garbage]);
    case
}

fn op_list(case: &mut Case) -> Result<(), DraftError> {
    let listing = case.tabs[1].list()?;
    assert_eq!(listing.drafts.len(), 3);
    assert_eq!(listing.unreadable.len(), 2);
    Ok(())
}

#[test]
fn fault_matrix_loses_nothing_reported_saved() {
    let runs: [Run; 12] = [
        ("save an edit", three, op_save_edit),
        ("save a new draft", three, op_save_new),
        (
            "save over a damaged entry",
            damaged_slot,
            op_save_over_damaged,
        ),
        (
            "save after another tab's change",
            conflict,
            op_save_conflict,
        ),
        ("rename", three, op_rename),
        ("rename back to the incident", three, op_rename_back),
        ("duplicate", three, op_duplicate),
        ("keep a shared draft", three, op_add_shared),
        ("delete", three, op_delete),
        ("undo a delete", deleted, op_undo),
        ("import", importing, op_import),
        ("list with damaged entries and no index", repair, op_list),
    ];
    let mut total = 0;
    for (name, setup, op) in runs {
        let cases = matrix(name, setup, op);
        eprintln!("fault matrix: {name}: {cases} cases");
        total += cases;
    }
    eprintln!("fault matrix: {total} cases in all");
    assert!(total >= 80, "{total}");
}

/// A draft that arrives in a share link is stored once, as "(shared)", and
/// never over a stored draft; the same draft again opens the stored one.
#[test]
fn a_shared_draft_is_kept_once_and_never_over_a_stored_one() {
    let store = shared();
    let mut t = tab(&store, 1);
    let mut mine = draft("search-1", "the search was broken");
    mine.dismissed_findings = vec!["jargon:outage".into()];
    save(&mut t, &mut mine, T0).expect("save");
    t.rename("search-1", "Search outage", T0).expect("rename");
    let before = store.borrow().entries().clone();

    // The same draft by link (links carry no dismissals): nothing written.
    let link = Draft {
        dismissed_findings: Vec::new(),
        ..mine.clone()
    };
    match t.add_shared(link.clone(), "check", T0 + 1) {
        Ok(SharedOutcome::AlreadyHere(line)) => {
            assert_eq!(
                (line.id.as_str(), line.title.as_str()),
                ("search-1", "Search outage")
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(store.borrow().entries(), &before);

    // Same id, other content: added beside it, on the check step.
    let mut theirs = link.clone();
    theirs.impact = "a reviewer changed this".into();
    let Ok(SharedOutcome::Added(line)) = t.add_shared(theirs.clone(), "check", T0 + 2) else {
        panic!("a changed draft is added");
    };
    assert_ne!(line.id, "search-1");
    assert_eq!(line.title, "The search was broken (shared)");
    let opened = tab(&store, 2).open(&line.id).expect("opens");
    assert_eq!(opened.step, "check");
    assert_eq!(
        opened.draft,
        Draft {
            id: line.id.clone(),
            ..theirs
        }
    );
    assert_eq!(tab(&store, 3).open("search-1").expect("mine").draft, mine);

    // A new draft keeps its own id; one with an id unfit for a key gets a new one.
    let Ok(SharedOutcome::Added(line)) =
        t.add_shared(draft("from-afar", "uploads failed"), "check", T0 + 3)
    else {
        panic!("added");
    };
    assert_eq!(line.id, "from-afar");
    let Ok(SharedOutcome::Added(line)) =
        t.add_shared(draft("../../etc", "exports failed"), "check", T0 + 4)
    else {
        panic!("added");
    };
    assert_ne!(line.id, "../../etc");

    // Full storage: a sentence, and nothing stored.
    let before = store.borrow().entries().clone();
    store.borrow_mut().plan(fault(3, 1));
    let error = t
        .add_shared(draft("too-late", "the api was down"), "check", T0 + 5)
        .expect_err("storage is full");
    store.borrow_mut().clear_faults();
    assert!(error.to_string().contains("full"), "{error}");
    assert_eq!(store.borrow().entries(), &before);
}

// ---------------------------------------------------------------------------
// Quota and disabled storage

#[test]
fn full_storage_keeps_the_earlier_version_and_says_so() {
    let store = Rc::new(RefCell::new(MemoryStore::chromium()));
    let mut t = tab(&store, 1);
    let mut a = draft("a", "the first draft");
    let mut b = draft("b", "the second draft");
    save(&mut t, &mut a, T0).expect("save a");
    save(&mut t, &mut b, T0).expect("save b");
    // Something else on this origin uses nearly all the rest.
    let used = store.borrow().used_units();
    let filler = "x".repeat(CHROMIUM_QUOTA_UNITS - used - 2_000);
    store.borrow_mut().put_raw("someone-else", &filler);

    let before = a.clone();
    a.impact = "y".repeat(3_000);
    let error = save(&mut t, &mut a, T0 + 1).expect_err("no room");
    assert_eq!(
        error,
        DraftError::NotSaved {
            cause: StoreError::Full,
            earlier: true
        }
    );
    assert_eq!(
        error.to_string(),
        "Your browser's storage for Candor is full, so this change is not saved. Your earlier \
         saved version is safe. Export your drafts, then delete old ones."
    );
    assert_eq!(
        SaveStatus::NotSaved(error).text(0),
        "Not saved. Your browser's storage for Candor is full, so this change is not saved. \
         Your earlier saved version is safe. Export your drafts, then delete old ones."
    );
    let mut model = Model::new();
    record(&mut model, &before, "The first draft");
    record(&mut model, &b, "The second draft");
    assert_intact(&store, &model, &[filler], "full");

    // A new draft cannot be saved either, and is told so truthfully.
    let mut c = draft("", &"z".repeat(3_000));
    let error = save(&mut t, &mut c, T0 + 2).expect_err("no room");
    assert!(error.to_string().contains("this draft is not saved yet"));
    // The drafts can still be exported, the unsaved change included.
    let file = t.export_all(T0 + 3, Some(&a)).expect("export");
    assert!(file.contains(&"y".repeat(3_000)));
    // Deleting works when full (the undo copy is kept in memory), and frees
    // room for the change.
    t.delete("b", T0 + 4).expect("delete");
    store.borrow_mut().remove_raw("someone-else");
    save(&mut t, &mut a, T0 + 5).expect("room again");
    let line = t.undo_delete(T0 + 6).expect("undo");
    assert_eq!(line.id, "b");
}

#[test]
fn disabled_storage_works_from_memory_with_a_lasting_warning() {
    let mut drafts = open_with_fallback(Err(StoreError::Unavailable), 1);
    assert_eq!(drafts.memory_only(), Some(&StoreError::Unavailable));
    assert_eq!(
        StoreError::Unavailable.to_string(),
        "Your browser does not let Candor store drafts (storage is disabled or blocked). Drafts \
         are kept only while this tab is open: export them to keep them."
    );
    let mut d = draft("", "mail was lost");
    drafts.save(&mut d, "what", T0).expect("memory save");
    assert_eq!(drafts.list().expect("list").drafts.len(), 1);
    assert!(drafts
        .export_all(T0, None)
        .expect("export")
        .contains("mail was lost"));

    // A store that opens but refuses every call is the same.
    let store: Box<dyn KeyValue> = Box::new(MemoryStore::disabled());
    let drafts = open_with_fallback(Ok(store), 1);
    assert_eq!(drafts.memory_only(), Some(&StoreError::Unavailable));

    // A working store is used as it is.
    let store: Box<dyn KeyValue> = Box::new(MemoryStore::new());
    assert_eq!(open_with_fallback(Ok(store), 1).memory_only(), None);

    // Storage blocked mid-session: the save says so, the draft stays in
    // the tab (the caller's), and nothing claims to be saved.
    let store = shared();
    let mut t = tab(&store, 1);
    let mut d = draft("x", "the api was down");
    save(&mut t, &mut d, T0).expect("save");
    store.borrow_mut().set_disabled(true);
    d.cause = "we deployed a bad build".into();
    let error = save(&mut t, &mut d, T0 + 1).expect_err("blocked");
    assert_eq!(error, DraftError::Read(StoreError::Unavailable));
    assert!(error
        .to_string()
        .starts_with("Your browser does not let Candor"));
    store.borrow_mut().set_disabled(false);
    assert_eq!(t.open("x").expect("open").draft.cause, "");
}

// ---------------------------------------------------------------------------
// Damaged, truncated and newer entries

fn envelope_text(d: &Draft, schema: u32, title: Option<&str>) -> String {
    encode_envelope(&Envelope {
        schema,
        revision: 1,
        saved_at: T0,
        title: title.map(str::to_owned),
        step: "when".into(),
        draft: d.clone(),
    })
    .expect("writes")
}

#[test]
fn unreadable_entries_are_kept_and_named_while_the_others_load() {
    let store = shared();
    let mut t = tab(&store, 1);
    let mut good = draft("good", "the search was broken");
    let mut other = draft("other", "uploads failed");
    save(&mut t, &mut good, T0).expect("save");
    save(&mut t, &mut other, T0).expect("save");
    t.rename("other", "Uploads", T0).expect("rename");

    let full = envelope_text(&draft("cut", "exports were wrong"), 1, None);
    let truncated = full[..full.len() / 2].to_string();
    let garbage = "\u{0}\u{1}binary junk".to_string();
    let mut newer: serde_json::Value = serde_json::from_str(&envelope_text(
        &draft("future", "a newer candor wrote this"),
        1,
        Some("From the future"),
    ))
    .expect("json");
    newer["schema"] = 99.into();
    newer["draft"]["a_field_we_do_not_know"] = "kept".into();
    let newer = newer.to_string();
    let odd = r#"{"schema":1,"revision":1,"draft":"not a draft"}"#.to_string();
    {
        let mut s = store.borrow_mut();
        s.put_raw("candor:v1:draft:cut", &truncated);
        s.put_raw("candor:v1:draft:junk", &garbage);
        s.put_raw("candor:v1:draft:future", &newer);
        s.put_raw("candor:v1:draft:odd", &odd);
    }
    // The index still names the truncated one, so its title is known.
    let mut index: serde_json::Value =
        serde_json::from_str(&store.borrow().entries()[INDEX_KEY]).expect("index");
    index["drafts"]
        .as_array_mut()
        .expect("array")
        .push(serde_json::json!({"id":"cut","title":"Exports were wrong","renamed":false,"changed_at":T0,"revision":1}));
    store.borrow_mut().put_raw(INDEX_KEY, &index.to_string());

    let mut reload = tab(&store, 2);
    let listing = reload.list().expect("list");
    let ids: Vec<&str> = listing.drafts.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&"good") && ids.contains(&"other"));
    assert!(listing.index_repaired);
    let by_id: HashMap<&str, &UnreadableDraft> = listing
        .unreadable
        .iter()
        .map(|u| (u.id.as_str(), u))
        .collect();
    assert_eq!(by_id.len(), 4);

    let cut = by_id["cut"];
    assert_eq!(cut.reason, Unreadable::Damaged);
    assert_eq!(cut.kept_at, "candor:v1:aside:cut:1");
    assert_eq!(
        cut.to_string(),
        "One stored draft could not be read (it is damaged). It was kept aside, unchanged: \
         “Exports were wrong”."
    );
    let junk = by_id["junk"];
    assert_eq!(junk.reason, Unreadable::Damaged);
    assert_eq!(
        junk.to_string(),
        "One stored draft could not be read (it is damaged). It was kept aside, unchanged: the \
         draft stored as candor:v1:aside:junk:1."
    );
    let future = by_id["future"];
    assert_eq!(future.reason, Unreadable::Newer { schema: 99 });
    assert_eq!(future.kept_at, "candor:v1:draft:future");
    assert_eq!(
        future.to_string(),
        "One stored draft could not be read (it was saved by a newer Candor). It is kept as it \
         is, unchanged: “From the future”."
    );
    assert_eq!(by_id["odd"].reason, Unreadable::Unrecognised);

    {
        let s = store.borrow();
        let e = s.entries();
        assert_eq!(e["candor:v1:aside:cut:1"], truncated);
        assert_eq!(e["candor:v1:aside:junk:1"], garbage);
        assert!(!e.contains_key("candor:v1:draft:cut"));
        assert_eq!(e["candor:v1:draft:future"], newer);
        assert_eq!(e["candor:v1:draft:odd"], odd);
    }

    // Listing again makes no new copies; the aside entries stay listed.
    let again = reload.list().expect("list");
    assert_eq!(again.kept_aside.len(), 2);
    assert_eq!(again.unreadable.len(), 2); // the two left in place
    assert_eq!(
        store
            .borrow()
            .entries()
            .keys()
            .filter(|k| k.starts_with("candor:v1:aside:"))
            .count(),
        2
    );

    // A save to the newer entry's id never writes over it: both kept.
    let mut mine = draft("future", "my own words");
    let outcome = reload.save(&mut mine, "what", T0 + 1).expect("save");
    assert!(
        matches!(outcome, SaveOutcome::KeptBoth { .. }),
        "{outcome:?}"
    );
    assert_ne!(mine.id, "future");
    assert_eq!(store.borrow().entries()["candor:v1:draft:future"], newer);
    // Opening, renaming or deleting it is refused with the reason.
    for error in [
        reload.open("future").expect_err("open"),
        reload.rename("future", "x", T0).expect_err("rename"),
        reload.delete("odd", T0).expect_err("delete"),
    ] {
        assert!(matches!(error, DraftError::Unreadable(_)), "{error:?}");
    }
    assert_eq!(store.borrow().entries()["candor:v1:draft:odd"], odd);

    // Export carries every unreadable entry byte for byte; importing it
    // elsewhere keeps them aside there too.
    let file = reload.export_all(T0 + 2, None).expect("export");
    let elsewhere = shared();
    let report = tab(&elsewhere, 3).import(&file, T0 + 3).expect("import");
    assert_eq!(report.added.len(), 3);
    assert_eq!(report.kept_aside, 4);
    let values: Vec<String> = elsewhere.borrow().entries().values().cloned().collect();
    for raw in [&truncated, &garbage, &newer, &odd] {
        assert!(values.contains(raw));
    }
}

#[test]
fn opening_a_damaged_draft_sets_it_aside_and_says_which() {
    let store = shared();
    let mut t = tab(&store, 1);
    let mut d = draft("d", "the dns was wrong");
    save(&mut t, &mut d, T0).expect("save");
    store
        .borrow_mut()
        .put_raw("candor:v1:draft:d", "{\"schema\":1,\"draft\":{");
    let error = t.open("d").expect_err("damaged");
    assert_eq!(
        error.to_string(),
        "One stored draft could not be read (it is damaged). It was kept aside, unchanged: \
         “The dns was wrong”."
    );
    assert_eq!(
        store.borrow().entries()["candor:v1:aside:d:1"],
        "{\"schema\":1,\"draft\":{"
    );
}

// ---------------------------------------------------------------------------
// The index

#[test]
fn the_index_is_repaired_from_what_is_stored() {
    let store = shared();
    let mut t = tab(&store, 1);
    let mut model = Model::new();
    for (id, what) in [("a", "one"), ("b", "two"), ("c", "three")] {
        let mut d = draft(id, what);
        save(&mut t, &mut d, T0).expect("save");
        record(&mut model, &d, title_from_incident(what));
    }
    let good_index = store.borrow().entries()[INDEX_KEY].clone();

    // Missing.
    store.borrow_mut().remove_raw(INDEX_KEY);
    let listing = tab(&store, 2).list().expect("list");
    assert!(listing.index_repaired);
    assert_eq!(listing.drafts.len(), 3);
    assert_eq!(store.borrow().entries()[INDEX_KEY], good_index);

    // Damaged.
    store.borrow_mut().put_raw(INDEX_KEY, "{\"format\":1,\"dra");
    assert!(tab(&store, 2).list().expect("list").index_repaired);
    assert_eq!(store.borrow().entries()[INDEX_KEY], good_index);

    // An extra entry (a delete interrupted after the draft went) and a
    // missing one (a save interrupted before the index was written).
    let mut index: serde_json::Value = serde_json::from_str(&good_index).expect("json");
    let list = index["drafts"].as_array_mut().expect("array");
    list.retain(|d| d["id"] != "b");
    list.push(serde_json::json!({"id":"ghost","title":"Gone","renamed":false,"changed_at":T0,"revision":4}));
    store.borrow_mut().put_raw(INDEX_KEY, &index.to_string());
    let listing = tab(&store, 2).list().expect("list");
    assert!(listing.index_repaired);
    let ids: BTreeSet<String> = listing.drafts.iter().map(|d| d.id.clone()).collect();
    assert_eq!(ids, ["a", "b", "c"].iter().map(|s| s.to_string()).collect());

    // Stale: a title and revision older than the draft.
    let mut index: serde_json::Value = serde_json::from_str(&good_index).expect("json");
    index["drafts"][0]["title"] = "Old title".into();
    index["drafts"][0]["revision"] = 0.into();
    store.borrow_mut().put_raw(INDEX_KEY, &index.to_string());
    assert!(tab(&store, 2).list().expect("list").index_repaired);
    assert_eq!(store.borrow().entries()[INDEX_KEY], good_index);

    // In agreement: nothing written.
    let writes = store.borrow().writes();
    assert!(!tab(&store, 2).list().expect("list").index_repaired);
    assert_eq!(store.borrow().writes(), writes);
    assert_intact(&store, &model, &[], "index");
}

#[test]
fn the_list_is_newest_first_and_reload_reopens_the_same_draft_and_step() {
    let store = shared();
    let mut t = tab(&store, 1);
    let mut a = draft("a", "first");
    let mut b = draft("b", "second");
    save(&mut t, &mut a, T0).expect("save");
    t.save(&mut b, "impact", T0 + 10).expect("save");
    let titles: Vec<String> = t
        .list()
        .expect("list")
        .drafts
        .into_iter()
        .map(|d| d.title)
        .collect();
    assert_eq!(titles, ["Second", "First"]);
    assert_eq!(t.reopen_target().expect("target").as_deref(), Some("b"));
    t.remember_open("a").expect("remember");
    let mut reload = tab(&store, 2);
    assert_eq!(
        reload.reopen_target().expect("target").as_deref(),
        Some("a")
    );
    let opened = reload.open("b").expect("open");
    assert_eq!(opened.step, "impact");
    assert_eq!(opened.saved_at, T0 + 10);
    assert_eq!(opened.draft, b);
}

// ---------------------------------------------------------------------------
// Two tabs

#[test]
fn two_tabs_editing_one_draft_keep_both_versions() {
    let store = shared();
    let mut a = tab(&store, 1);
    let mut b = tab(&store, 2);
    let mut d = draft("x", "the app crashed on start");
    save(&mut a, &mut d, T0).expect("save");

    let mut in_a = a.open("x").expect("open").draft;
    let mut in_b = b.open("x").expect("open").draft;
    in_a.cause = "a bad release".into();
    in_b.fix = "we rolled back".into();

    assert_eq!(
        b.changed_elsewhere("x").expect("check"),
        Elsewhere::Unchanged
    );
    save(&mut a, &mut in_a, T0 + 1).expect("a saves");
    assert_eq!(b.changed_elsewhere("x").expect("check"), Elsewhere::Changed);
    assert_eq!(
        storage_change(Some("candor:v1:draft:x")),
        StorageChange::Draft("x".into())
    );
    assert_eq!(storage_change(Some(INDEX_KEY)), StorageChange::List);
    assert_eq!(storage_change(None), StorageChange::Everything);
    assert_eq!(storage_change(Some("theme")), StorageChange::Other);

    let outcome = save(&mut b, &mut in_b, T0 + 2).expect("b saves");
    let SaveOutcome::KeptBoth { id, theirs, .. } = &outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(theirs, "x");
    assert_eq!(&in_b.id, id);
    assert_eq!(
        outcome.message().expect("told"),
        "This draft was also changed in another tab, so both versions are kept: the other \
         tab's as “The app crashed on start”, yours as “The app crashed on start (your copy \
         from this tab)”."
    );
    // B's next edits go to its copy; A's version is untouched.
    in_b.apology = "Sorry.".into();
    let again = save(&mut b, &mut in_b, T0 + 3).expect("b saves again");
    assert!(matches!(again, SaveOutcome::Saved { .. }));
    let mut model = Model::new();
    record(&mut model, &in_a, "The app crashed on start");
    record(
        &mut model,
        &in_b,
        "The app crashed on start (your copy from this tab)",
    );
    assert_intact(&store, &model, &[], "two tabs");
    // A's list follows B's new draft.
    assert_eq!(a.list().expect("list").drafts.len(), 2);
}

/// Browsers do not make localStorage atomic across tabs: two tabs that both
/// saw revision 1 can both write revision 2, and the later write wins. The
/// tab whose saved version was written over must notice and keep it.
#[test]
fn a_save_written_over_by_another_tab_at_the_same_moment_is_noticed() {
    let store = shared();
    let mut a = tab(&store, 1);
    let mut b = tab(&store, 2);
    let mut d = draft("x", "the app crashed on start");
    save(&mut a, &mut d, T0).expect("save");
    let mut in_a = a.open("x").expect("open").draft;
    let mut in_b = b.open("x").expect("open").draft;
    in_a.cause = "a bad release".into();
    in_b.fix = "we rolled back".into();

    // A saves; B's view of storage does not have A's write yet when B saves.
    let before = store.borrow().entries()["candor:v1:draft:x"].clone();
    save(&mut a, &mut in_a, T0 + 1).expect("a saves");
    store
        .borrow_mut()
        .set("candor:v1:draft:x", &before)
        .expect("b's stale view");
    save(&mut b, &mut in_b, T0 + 1).expect("b saves");

    // A is told its saved version is no longer stored, and saving it again
    // keeps it beside B's.
    assert_eq!(
        a.changed_elsewhere("x").expect("check"),
        Elsewhere::WrittenOver
    );
    let outcome = save(&mut a, &mut in_a, T0 + 2).expect("a saves again");
    assert!(
        matches!(outcome, SaveOutcome::KeptBoth { .. }),
        "{outcome:?}"
    );
    let mut model = Model::new();
    record(&mut model, &in_b, "The app crashed on start");
    record(
        &mut model,
        &in_a,
        "The app crashed on start (your copy from this tab)",
    );
    assert_intact(&store, &model, &[], "written over");
    // B's own write is what B knows: nothing to do there.
    assert_eq!(
        b.changed_elsewhere("x").expect("check"),
        Elsewhere::Unchanged
    );
}

#[test]
fn a_rename_in_one_tab_does_not_conflict_with_an_edit_in_the_other() {
    let store = shared();
    let mut a = tab(&store, 1);
    let mut b = tab(&store, 2);
    let mut d = draft("x", "payments failed");
    save(&mut a, &mut d, T0).expect("save");
    let mut in_b = b.open("x").expect("open").draft;
    a.rename("x", "Payments", T0 + 1).expect("rename");
    in_b.cause = "an expired key".into();
    let outcome = save(&mut b, &mut in_b, T0 + 2).expect("save");
    assert!(matches!(outcome, SaveOutcome::Saved { .. }), "{outcome:?}");
    let opened = a.open("x").expect("open");
    assert_eq!(opened.title, "Payments");
    assert_eq!(opened.draft.cause, "an expired key");
}

#[test]
fn identical_edits_and_deletes_elsewhere() {
    let store = shared();
    let mut a = tab(&store, 1);
    let mut b = tab(&store, 2);
    let mut d = draft("x", "search was down");
    save(&mut a, &mut d, T0).expect("save");
    let mut in_a = a.open("x").expect("open").draft;
    let mut in_b = b.open("x").expect("open").draft;
    in_a.cause = "same words".into();
    in_b.cause = "same words".into();
    save(&mut a, &mut in_a, T0 + 1).expect("save");
    assert!(matches!(
        save(&mut b, &mut in_b, T0 + 2).expect("save"),
        SaveOutcome::Saved { .. }
    ));

    a.delete("x", T0 + 3).expect("delete");
    in_b.fix = "kept typing".into();
    let outcome = save(&mut b, &mut in_b, T0 + 4).expect("save");
    assert!(matches!(outcome, SaveOutcome::Recreated { .. }));
    assert!(outcome
        .message()
        .expect("told")
        .contains("deleted in another tab"));
    // A's undo does not write over B's recreated draft.
    let line = a.undo_delete(T0 + 5).expect("undo");
    assert_ne!(line.id, "x");
    assert_eq!(b.open("x").expect("open").draft.fix, "kept typing");
}

// ---------------------------------------------------------------------------
// Rename, duplicate, delete and undo

#[test]
fn delete_undo_lasts_until_it_expires_or_the_next_delete() {
    let store = shared();
    let mut t = tab(&store, 1);
    for (id, what) in [("a", "one"), ("b", "two")] {
        let mut d = draft(id, what);
        save(&mut t, &mut d, T0).expect("save");
    }
    let gone = t.delete("a", T0).expect("delete");
    assert_eq!(t.pending_undo(T0 + 1), Some(&gone));
    assert_eq!(
        t.undo_delete(T0 + UNDO_WINDOW_MS + 1),
        Err(DraftError::UndoExpired)
    );
    assert_eq!(t.undo_delete(T0 + 1), Err(DraftError::NothingToUndo));

    t.delete("b", T0 + 10).expect("delete");
    t.expire_undo(T0 + 11);
    assert!(t.pending_undo(T0 + 11).is_some());
    let line = t.undo_delete(T0 + 12).expect("undo");
    assert_eq!(line.id, "b");
    assert_eq!(t.open("b").expect("open").draft.what_happened, "two");
    assert_eq!(
        t.delete("zzz", T0),
        Err(DraftError::NotFound { id: "zzz".into() })
    );
}

#[test]
fn titles_come_from_the_incident_unless_renamed() {
    assert_eq!(title_from_incident(""), "Untitled draft");
    assert_eq!(title_from_incident("  \n "), "Untitled draft");
    assert_eq!(
        title_from_incident("all e-mail sent to our ticketing\n\nsystem was lost."),
        "All e-mail sent to our ticketing system was lost"
    );
    let long = "between 17:05 and 19:55 every message sent to our abuse, billing, sales and \
                support queues was lost";
    let title = title_from_incident(long);
    assert_eq!(
        title,
        "Between 17:05 and 19:55 every message sent to our abuse…"
    );
    assert!(title.chars().count() <= TITLE_CHARS + 1);
    let unbroken = "x".repeat(100);
    assert_eq!(
        title_from_incident(&unbroken).chars().count(),
        TITLE_CHARS + 1
    );
    assert_eq!(title_from_incident("école fermée"), "École fermée");

    let store = shared();
    let mut t = tab(&store, 1);
    let mut d = draft("t", "the site was down");
    save(&mut t, &mut d, T0).expect("save");
    t.rename("t", "Site outage", T0).expect("rename");
    d.what_happened = "the whole site was down".into();
    save(&mut t, &mut d, T0 + 1).expect("save");
    assert_eq!(t.open("t").expect("open").title, "Site outage");
    t.rename("t", "", T0 + 2).expect("rename");
    assert_eq!(t.open("t").expect("open").title, "The whole site was down");
}

#[test]
fn at_start_the_indicator_never_claims_a_save_that_is_not_happening() {
    let at = 1_764_153_750_000;
    // A new draft is stored on its first change: nothing is on its way yet.
    assert_eq!(SaveStatus::at_start(false, None), SaveStatus::NothingToSave);
    assert_eq!(
        SaveStatus::at_start(false, None).text(0),
        "Nothing to save yet"
    );
    // A reopened draft was saved when it was last changed.
    assert_eq!(
        SaveStatus::at_start(false, Some(at)),
        SaveStatus::Saved { at_ms: at }
    );
    // With storage refused, that is what matters, reopened or not.
    assert_eq!(SaveStatus::at_start(true, None), SaveStatus::MemoryOnly);
    assert_eq!(SaveStatus::at_start(true, Some(at)), SaveStatus::MemoryOnly);
}

#[test]
fn the_saved_indicator_tells_the_time_or_the_reason() {
    // 2025-11-26 10:42:30 UTC.
    let at = 1_764_153_750_000;
    assert_eq!(SaveStatus::Saved { at_ms: at }.text(0), "Saved 10:42");
    assert_eq!(
        SaveStatus::Saved { at_ms: at }.text(-5 * 3600),
        "Saved 05:42"
    );
    assert_eq!(SaveStatus::Pending.text(0), "Saving…");
    assert_eq!(SaveStatus::NothingToSave.text(0), "Nothing to save yet");
    assert!(SaveStatus::MemoryOnly.text(0).starts_with("Not saved"));
    assert_eq!(export_file_name(at), "candor-drafts-2025-11-26.json");
}

// ---------------------------------------------------------------------------
// Export and import

#[test]
fn export_and_import_round_trip_and_never_overwrite() {
    let store = shared();
    let mut t = tab(&store, 1);
    let mut model = Model::new();
    for (id, what) in [("a", "one thing broke"), ("b", "another thing broke")] {
        let mut d = draft(id, what);
        t.save(&mut d, "cause", T0).expect("save");
        record(&mut model, &d, title_from_incident(what));
    }
    t.rename("b", "Renamed", T0).expect("rename");
    model.get_mut("b").expect("b").1 = "Renamed".into();
    let file = t.export_all(T0, None).expect("export");
    assert!(file.contains("\"candor_export\": 1"));

    // Into an empty browser: the same drafts, ids, titles and steps.
    let elsewhere = shared();
    let mut e = tab(&elsewhere, 2);
    let report = e.import(&file, T0 + 1).expect("import");
    assert_eq!(report.added.len(), 2);
    assert_eq!(report.summary(), "Imported 2 drafts.");
    assert_intact(&elsewhere, &model, &[], "imported");
    assert_eq!(e.open("a").expect("open").step, "cause");

    // Again: already there, nothing written over or added.
    let report = e.import(&file, T0 + 2).expect("import");
    assert!(report.added.is_empty());
    assert_eq!(report.already_there.len(), 2);
    assert_eq!(
        report.summary(),
        "No new drafts were imported. 2 drafts were already here, unchanged."
    );

    // The same id with different content here: added beside it.
    let mut changed = e.open("a").expect("open").draft;
    changed.cause = "changed here".into();
    e.save(&mut changed, "cause", T0 + 3).expect("save");
    let report = e.import(&file, T0 + 4).expect("import");
    assert_eq!(report.added.len(), 1);
    assert_eq!(report.renamed, 1);
    assert_ne!(report.added[0].id, "a");
    assert_eq!(report.added[0].title, "One thing broke (imported)");
    assert_eq!(e.open("a").expect("open").draft.cause, "changed here");

    // One draft, and an unsaved version beside its stored one.
    let one = t.export_one("a", T0).expect("export one");
    assert_eq!(
        tab(&shared(), 3)
            .import(&one, T0)
            .expect("import")
            .added
            .len(),
        1
    );
    let mut unsaved = model["a"].0.clone();
    unsaved.fix = "typed but not saved".into();
    let file = t.export_all(T0, Some(&unsaved)).expect("export");
    let fresh = shared();
    let report = tab(&fresh, 4).import(&file, T0).expect("import");
    assert_eq!(report.added.len(), 3);
    assert!(report
        .added
        .iter()
        .any(|l| l.title == "One thing broke (not saved)"));
    let single = export_draft(&unsaved, None, "fix", T0).expect("writes");
    let report = tab(&fresh, 5).import(&single, T0).expect("import");
    assert_eq!(report.already_there.len(), 1);
}

#[test]
fn import_refuses_what_is_not_a_candor_export() {
    let mut t = tab(&shared(), 1);
    assert_eq!(t.import("hello", T0), Err(DraftError::ImportNotJson));
    assert_eq!(t.import("[1,2]", T0), Err(DraftError::ImportNotCandor));
    assert_eq!(
        t.import(r#"{"drafts":[]}"#, T0),
        Err(DraftError::ImportNotCandor)
    );
    let newer = t.import(r#"{"candor_export":2,"drafts":[]}"#, T0);
    assert_eq!(newer, Err(DraftError::ImportNewer { format: 2 }));
    assert_eq!(
        newer.expect_err("newer").to_string(),
        "That file was exported by a newer Candor, which this one cannot read. Nothing was \
         imported."
    );
    // A file with one draft from a newer Candor and one good draft.
    let good = envelope_text(&draft("g", "good"), SCHEMA_VERSION, None);
    let future = envelope_text(&draft("f", "future"), SCHEMA_VERSION, Some("Future")).replacen(
        "\"schema\":1",
        "\"schema\":7",
        1,
    );
    let file = format!(r#"{{"candor_export":1,"exported_at":0,"drafts":[{good},{future}]}}"#);
    let report = t.import(&file, T0).expect("import");
    assert_eq!(report.added.len(), 1);
    assert_eq!(report.unreadable, vec!["Future"]);
    // Hostile ids never reach a key.
    let hostile = envelope_text(&draft("../../x:y\u{0}", "hostile"), 1, None);
    let file = format!(r#"{{"candor_export":1,"exported_at":0,"drafts":[{hostile}]}}"#);
    let report = t.import(&file, T0).expect("import");
    assert!(report.added[0]
        .id
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-'));
}

// ---------------------------------------------------------------------------
// Schema versions and the checked-in fixture

/// The draft `tests/fixtures/draft-v1.json` was written from, frozen apart from
/// `common::dyndns` (which may change; the fixture may not). Fields added
/// to `Draft` since then keep their defaults, as they do when it loads.
#[allow(clippy::needless_update)]
fn dyndns() -> Draft {
    let ny = "America/New_York";
    Draft {
        schema: 1,
        id: "dyndns-2005".into(),
        preset: Some(Preset::MessagesLost),
        sender: Sender {
            organisation: "DynDNS".into(),
            signature: "The DynDNS support team".into(),
            contact: "support@dyndns.example".into(),
        },
        what_happened: "all e-mail sent to our ticketing system was lost".into(),
        affected_services: "our abuse, billing, sales and support e-mail queues".into(),
        who_affected: "everyone who e-mailed one of those addresses, including follow-ups to \
                       existing tickets"
            .into(),
        window: Window {
            start: WallTime {
                approximate: true,
                ..at(2005, 12, 7, 17, 5, ny)
            },
            end_state: EndState::Ended,
            end: at(2005, 12, 7, 19, 55, ny),
            next_update: WallTime {
                fold: Some(FoldChoice::Earlier),
                ..at(2005, 12, 7, 21, 0, ny)
            },
        },
        impact: "We never received those e-mails, so you got no automatic reply and no answer"
            .into(),
        data_loss: DataLoss::Some,
        recovery: Recovery::CannotRecover,
        actions: ReaderActions::Steps,
        action_list: vec![
            Action {
                text: "re-send any new e-mail you sent to one of our queues".into(),
                during_window: true,
            },
            Action {
                text: "re-send any follow-up you sent to an existing ticket".into(),
                during_window: false,
            },
        ],
        cause_state: CauseState::Known,
        cause: "we made a configuration error during routine maintenance".into(),
        fix: "We corrected it — all messages are again being received and processed".into(),
        prevention: "We are adding a check that stops this kind of configuration error before \
                     it goes live"
            .into(),
        detection: "If it does happen again, an alarm will tell us within minutes that e-mail \
                    has stopped arriving"
            .into(),
        apology: "We’re sorry. You wrote to us and we lost your message.".into(),
        audience_zones: vec![ny.into(), "Europe/London".into(), "UTC".into()],
        ..Draft::default()
    }
}

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_v1_fixture_loads_exactly() {
    let raw = fixture("draft-v1.json");
    let envelope = decode_envelope(raw.trim_end()).expect("v1 loads");
    assert_eq!(envelope.schema, 1);
    assert_eq!(envelope.revision, 7);
    assert_eq!(envelope.step, "cause");
    assert_eq!(envelope.draft, dyndns());
    assert_eq!(json(&envelope.draft), json(&dyndns()));

    // Through the store, as a reload would find it.
    let store = shared();
    store
        .borrow_mut()
        .put_raw("candor:v1:draft:dyndns-2005", raw.trim_end());
    let mut t = tab(&store, 1);
    let listing = t.list().expect("list");
    assert_eq!(
        listing.drafts[0].title,
        "All e-mail sent to our ticketing system was lost"
    );
    let opened = t.open("dyndns-2005").expect("open");
    assert_eq!(opened.draft, dyndns());
    assert_eq!(opened.saved_at, 1_133_993_100_000);
    // Saving it again (today's writer) and reading it back loses nothing.
    let mut d = opened.draft;
    t.save(&mut d, "cause", T0).expect("save");
    assert_eq!(
        tab(&store, 2).open("dyndns-2005").expect("open").draft,
        dyndns()
    );
}

#[test]
fn schema_versions_are_checked_before_reading() {
    let v1: serde_json::Value = serde_json::from_str(&fixture("draft-v1.json")).expect("json");
    let with_schema = |schema: serde_json::Value, draft: serde_json::Value| {
        let mut envelope = v1.clone();
        envelope["schema"] = schema;
        envelope["draft"] = draft;
        decode_envelope(&envelope.to_string())
    };
    assert!(with_schema(1.into(), v1["draft"].clone()).is_ok());
    // A newer Candor's draft is told as such, whatever shape it has.
    assert_eq!(
        with_schema(
            2.into(),
            serde_json::json!({"what_happened": ["new", "shape"]})
        ),
        Err(Unreadable::Newer { schema: 2 })
    );
    // There was no version 0: Candor's first stored format is v1.
    assert_eq!(
        with_schema(0.into(), v1["draft"].clone()),
        Err(Unreadable::Unrecognised)
    );
    assert_eq!(
        with_schema("1".into(), v1["draft"].clone()),
        Err(Unreadable::Unrecognised)
    );
    let mut no_schema = v1.clone();
    no_schema.as_object_mut().expect("object").remove("schema");
    assert_eq!(
        decode_envelope(&no_schema.to_string()),
        Err(Unreadable::Unrecognised)
    );
    assert_eq!(
        SCHEMA_VERSION, 1,
        "add draft-v{SCHEMA_VERSION}.json and a migration"
    );
}

// ---------------------------------------------------------------------------
// Random operations with random failures

#[derive(Clone, Debug)]
enum Op {
    New(usize),
    Edit(usize, String),
    Save(usize),
    Open(usize, usize),
    /// Opens the draft the other tab is editing: the way to a conflict.
    Follow(usize),
    /// The other tab's write reaches this tab (a `storage` event).
    Event(usize),
    Rename(usize, usize, String),
    Duplicate(usize, usize),
    Delete(usize, usize),
    Undo(usize),
    Reload(usize),
    Import(usize, Option<usize>, String),
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z ]{1,12}",
        Just("“quoted” — dash".to_string()),
        Just("\u{202e}rtl\u{202c} ✉️ 漢字".to_string()),
        Just("\n\t\r".to_string()),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let t = 0..2usize;
    prop_oneof![
        2 => t.clone().prop_map(Op::New),
        6 => (t.clone(), text()).prop_map(|(t, s)| Op::Edit(t, s)),
        6 => t.clone().prop_map(Op::Save),
        2 => (t.clone(), 0..8usize).prop_map(|(t, i)| Op::Open(t, i)),
        3 => t.clone().prop_map(Op::Follow),
        2 => t.clone().prop_map(Op::Event),
        1 => (t.clone(), 0..8usize, text()).prop_map(|(t, i, s)| Op::Rename(t, i, s)),
        1 => (t.clone(), 0..8usize).prop_map(|(t, i)| Op::Duplicate(t, i)),
        1 => (t.clone(), 0..8usize).prop_map(|(t, i)| Op::Delete(t, i)),
        1 => t.clone().prop_map(Op::Undo),
        1 => t.clone().prop_map(Op::Reload),
        1 => (t, proptest::option::of(0..8usize), text()).prop_map(|(t, i, s)| Op::Import(t, i, s)),
    ]
}

/// Operations on the one draft both tabs have open: where conflicts live.
fn op_on_one_draft() -> impl Strategy<Value = Op> {
    let t = 0..2usize;
    prop_oneof![
        5 => (t.clone(), text()).prop_map(|(t, s)| Op::Edit(t, s)),
        5 => t.clone().prop_map(Op::Save),
        3 => t.clone().prop_map(Op::Follow),
        3 => t.clone().prop_map(Op::Event),
        1 => (t.clone(), text()).prop_map(|(t, s)| Op::Rename(t, 0, s)),
        1 => t.clone().prop_map(|t| Op::Delete(t, 0)),
        1 => t.clone().prop_map(Op::Undo),
        1 => t.prop_map(Op::Reload),
    ]
}

/// A tab: its session and the draft open in its editor, as the page has
/// them. The page's own rules (save first, open what undo brings back,
/// follow another tab) are the session's.
struct TabState {
    session: Session<Shared>,
    current: Draft,
    step: candor::steps::Step,
    /// What this tab last read or wrote, per id: its base.
    seen: HashMap<String, Draft>,
}

fn open_tab(store: &Shared, seed: u64, now: i64) -> TabState {
    let (session, start) = Session::start(tab(store, seed), "UTC", now);
    let mut seen = HashMap::new();
    seen.insert(start.draft.id.clone(), start.draft.clone());
    TabState {
        session,
        current: start.draft,
        step: start.step,
        seen,
    }
}

/// Shows what the session returned, as the page does, and records every
/// draft it stored in the model, checking that no save went over an edit
/// this tab had not seen and that a copy beside another tab's version was
/// warranted.
fn apply(
    tab: &mut TabState,
    update: Reply,
    model: &mut BTreeMap<String, Draft>,
    step: usize,
) -> Result<(), TestCaseError> {
    if let Some(copy) = &update.new_id {
        let theirs = &tab.current.id;
        prop_assert!(
            model.contains_key(theirs),
            "step {}: kept both without theirs",
            step
        );
        prop_assert!(
            model.get(theirs) != tab.seen.get(theirs),
            "step {}: kept both though theirs had not changed",
            step
        );
        prop_assert!(!model.contains_key(copy));
    }
    for d in &update.saved {
        if let Some(previous) = model.get(&d.id) {
            prop_assert!(
                Some(previous) == tab.seen.get(&d.id) || previous == d,
                "step {}: save overwrote an unseen edit",
                step
            );
        }
        model.insert(d.id.clone(), d.clone());
        tab.seen.insert(d.id.clone(), d.clone());
    }
    if let Some(id) = update.new_id {
        tab.current.id = id;
    }
    if let Some(shown) = update.draft {
        if model.get(&shown.id) == Some(&shown) {
            tab.seen.insert(shown.id.clone(), shown.clone());
        }
        tab.current = shown;
    }
    if let Some(s) = update.step {
        tab.step = s;
    }
    Ok(())
}

fn ids(model: &BTreeMap<String, Draft>) -> Vec<String> {
    model.keys().cloned().collect()
}

fn run_ops(ops: Vec<(Op, Option<(usize, u64)>)>) -> Result<(), TestCaseError> {
    let store = shared();
    let mut tabs: Vec<TabState> = (0..2).map(|i| open_tab(&store, i as u64 + 1, T0)).collect();
    // What was reported saved: id -> draft.
    let mut model: BTreeMap<String, Draft> = BTreeMap::new();
    let mut now = T0;
    for (step, (op, failure)) in ops.into_iter().enumerate() {
        now += 1_000;
        if let Some((kind, nth)) = failure {
            store.borrow_mut().plan(fault(kind, nth));
        }
        let tab = match &op {
            Op::New(t)
            | Op::Edit(t, _)
            | Op::Save(t)
            | Op::Open(t, _)
            | Op::Follow(t)
            | Op::Event(t)
            | Op::Rename(t, _, _)
            | Op::Duplicate(t, _)
            | Op::Delete(t, _)
            | Op::Undo(t)
            | Op::Reload(t)
            | Op::Import(t, _, _) => *t,
        };
        let other_id = tabs[1 - tab].current.id.clone();
        let list = ids(&model);
        let pick = |i: usize| (!list.is_empty()).then(|| list[i % list.len()].clone());
        let t = &mut tabs[tab];
        let (current, at) = (t.current.clone(), t.step);
        let update = match op.clone() {
            Op::New(_) => Some(t.session.new_draft("UTC", &current, at, now)),
            Op::Edit(_, s) => {
                t.current.what_happened.push_str(&s);
                None
            }
            Op::Save(_) => Some(t.session.save_now(&current, at, now)),
            Op::Open(_, i) => pick(i).map(|id| t.session.open(&id, &current, at, now)),
            Op::Follow(_) => model
                .contains_key(&other_id)
                .then(|| t.session.open(&other_id, &current, at, now)),
            Op::Event(_) => {
                let change = storage_change(Some(&draft_key(&other_id)));
                let typed = t.session.unsaved(&current, at);
                let update = t.session.other_tab(&change, &current, at, now);
                // What was typed and not yet saved is never replaced.
                prop_assert!(
                    !(typed && update.draft.is_some()),
                    "step {}: another tab's write replaced what was typed",
                    step
                );
                Some(update)
            }
            Op::Rename(_, i, s) => {
                if let Some(id) = pick(i) {
                    let _ = t.session.drafts_mut().rename(&id, &s, now);
                }
                None
            }
            Op::Duplicate(_, i) => {
                if let Some(id) = pick(i) {
                    if let Ok(line) = t.session.drafts_mut().duplicate(&id, now) {
                        let mut copy = model[&id].clone();
                        copy.id = line.id.clone();
                        prop_assert!(!model.contains_key(&line.id));
                        model.insert(line.id, copy);
                    }
                }
                None
            }
            Op::Delete(_, i) => pick(i).map(|id| {
                let update = t.session.delete(&id, "UTC", &current, at, now);
                if matches!(update.undo, Some(Some(_))) {
                    model.remove(&id);
                    t.seen.remove(&id);
                }
                update
            }),
            Op::Undo(_) => Some(t.session.undo_delete(&current, at, now)),
            Op::Reload(_) => {
                store.borrow_mut().clear_faults();
                *t = open_tab(&store, 100 + step as u64, now);
                None
            }
            Op::Import(_, clash, s) => {
                let id = match clash.and_then(pick) {
                    Some(id) => id,
                    None => format!("imported-{step}"),
                };
                let d = draft(&id, &s);
                let file = export_draft(&d, None, "what", now).expect("writes");
                if let Ok(report) = t.session.drafts_mut().import(&file, now) {
                    for line in &report.added {
                        prop_assert!(!model.contains_key(&line.id));
                        let mut added = d.clone();
                        added.id = line.id.clone();
                        model.insert(line.id.clone(), added);
                    }
                }
                None
            }
        };
        if let Some(update) = update {
            if let Op::Open(_, _) | Op::Follow(_) = op {
                // What opens is what is stored.
                if let Some(shown) = &update.draft {
                    let mut expected = model.clone();
                    for d in &update.saved {
                        expected.insert(d.id.clone(), d.clone());
                    }
                    prop_assert_eq!(Some(shown), expected.get(&shown.id));
                }
            }
            apply(t, update, &mut model, step)?;
        }
        store.borrow_mut().clear_faults();

        // The invariant, after every operation: a reload finds every draft
        // reported saved, exactly, and no other.
        let mut reader = self::tab(&store, 999);
        for (id, expected) in &model {
            let opened = reader.open(id);
            prop_assert!(opened.is_ok(), "step {} {:?}: {} lost", step, op, id);
            if let Ok(opened) = opened {
                prop_assert_eq!(
                    json(&opened.draft),
                    json(expected),
                    "step {}: {} altered",
                    step,
                    id
                );
            }
        }
        let listed: BTreeSet<String> = reader
            .list()
            .map_err(|e| TestCaseError::fail(e.to_string()))?
            .drafts
            .into_iter()
            .map(|d| d.id)
            .collect();
        let expected: BTreeSet<String> = model.keys().cloned().collect();
        prop_assert_eq!(listed, expected, "step {} {:?}", step, op);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_operations_with_random_failures_lose_nothing_saved(
        ops in proptest::collection::vec(
            (op(), proptest::option::weighted(0.35, (0..FAULT_KINDS, 1..4u64))),
            1..60,
        )
    ) {
        run_ops(ops)?;
    }

    #[test]
    fn two_tabs_on_one_draft_with_random_failures_keep_every_saved_edit(
        ops in proptest::collection::vec(
            (op_on_one_draft(), proptest::option::weighted(0.3, (0..FAULT_KINDS, 1..4u64))),
            1..40,
        )
    ) {
        // Both tabs start on one saved draft.
        let start = vec![
            (Op::New(0), None),
            (Op::Edit(0, "the shared draft".into()), None),
            (Op::Save(0), None),
            (Op::Follow(1), None),
        ];
        run_ops(start.into_iter().chain(ops).collect())?;
    }
}
