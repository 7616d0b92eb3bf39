#![cfg(target_arch = "wasm32")]
//! The localStorage adapter in headless Chromium: a round trip, the real
//! quota running out, damaged values written straight into localStorage,
//! and storage that throws (the `localStorage` getter made to throw as a
//! blocked site's does, and `setItem` made to throw).

use candor::model::Draft;
use candor::store::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
let savedGetter = undefined;
let savedSetItem = undefined;
export function block_local_storage() {
  savedGetter = Object.getOwnPropertyDescriptor(window, 'localStorage');
  Object.defineProperty(window, 'localStorage', {
    configurable: true,
    get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
  });
}
export function unblock_local_storage() {
  if (savedGetter) { Object.defineProperty(window, 'localStorage', savedGetter); }
  else { delete window.localStorage; }
}
export function break_set_item(message) {
  savedSetItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function () { throw new TypeError(message); };
}
export function mend_set_item() { Storage.prototype.setItem = savedSetItem; }
export function dom_exception(name) { return new DOMException('test', name); }
export function type_error(message) { return new TypeError(message); }
"#)]
extern "C" {
    fn block_local_storage();
    fn unblock_local_storage();
    fn break_set_item(message: &str);
    fn mend_set_item();
    fn dom_exception(name: &str) -> JsValue;
    fn type_error(message: &str) -> JsValue;
}

const T0: i64 = 1_764_161_000_000;

fn storage() -> web_sys::Storage {
    web_sys::window()
        .expect("window")
        .local_storage()
        .expect("no throw")
        .expect("storage")
}

/// Empties this origin's localStorage: each test starts clean.
fn clear() {
    storage().clear().expect("clear");
}

fn local() -> LocalStore {
    LocalStore::open().expect("localStorage opens")
}

fn draft(id: &str, what: &str) -> Draft {
    let mut d = Draft::new(id, "Europe/Berlin");
    d.what_happened = what.to_owned();
    d.impact = "“Quoted” — ✉️ שלום 漢字\nline two".to_owned();
    d
}

#[wasm_bindgen_test]
fn drafts_round_trip_through_local_storage() {
    clear();
    let mut tab = Drafts::new(local(), 1);
    let mut d = draft("", "the login page was down");
    let outcome = tab.save(&mut d, "when", T0).expect("save");
    assert!(matches!(outcome, SaveOutcome::Saved { .. }));
    assert!(storage()
        .get_item(&format!("candor:v1:draft:{}", d.id))
        .expect("get")
        .is_some());
    assert!(storage().get_item(INDEX_KEY).expect("get").is_some());
    // The probe key is gone again.
    assert_eq!(storage().get_item("candor:v1:probe").expect("get"), None);

    // A reload: a new store, a new tab.
    let mut reload = Drafts::new(local(), 2);
    let listing = reload.list().expect("list");
    assert_eq!(listing.drafts.len(), 1);
    assert_eq!(listing.drafts[0].title, "The login page was down");
    let opened = reload.open(&d.id).expect("open");
    assert_eq!(opened.draft, d);
    assert_eq!(opened.step, "when");

    reload
        .rename(&d.id, "Login outage", T0 + 1)
        .expect("rename");
    let copy = reload.duplicate(&d.id, T0 + 2).expect("duplicate");
    reload.delete(&copy.id, T0 + 3).expect("delete");
    reload.undo_delete(T0 + 4).expect("undo");
    let titles: Vec<String> = Drafts::new(local(), 3)
        .list()
        .expect("list")
        .drafts
        .into_iter()
        .map(|d| d.title)
        .collect();
    assert_eq!(titles, ["Login outage (copy)", "Login outage"]);
    clear();
}

#[wasm_bindgen_test]
fn the_real_quota_running_out_keeps_the_saved_version() {
    clear();
    let mut tab = Drafts::new(local(), 1);
    let mut d = draft("q", "the upload service was down");
    tab.save(&mut d, "what", T0).expect("save");
    let saved = d.clone();

    // Fill the origin's storage until not one more character fits.
    let mut filler = local();
    let mut chunk = 1usize << 20;
    let mut n = 0;
    let mut stored_units = 0usize;
    while chunk > 0 {
        let key = format!("filler-{n}");
        match filler.set(&key, &"x".repeat(chunk)) {
            Ok(()) => {
                n += 1;
                stored_units += key.len() + chunk;
            }
            Err(StoreError::Full) => chunk /= 2,
            Err(other) => panic!("expected Full, got {other:?}"),
        }
    }
    let ours: usize = storage_units();
    console_log!(
        "localStorage full after {} filler entries: {} UTF-16 units in all (fillers {})",
        n,
        ours,
        stored_units
    );

    // A bigger version of the draft does not fit: Full, and said so.
    d.cause = "a disk filled up, and then another one".to_owned();
    let error = tab.save(&mut d, "cause", T0 + 1).expect_err("full");
    assert_eq!(
        error,
        DraftError::NotSaved {
            cause: StoreError::Full,
            earlier: true
        }
    );
    assert!(error
        .to_string()
        .starts_with("Your browser's storage for Candor is full"));
    // So does a rename that makes the entry longer, and a duplicate.
    assert!(matches!(
        tab.rename("q", "A much longer title than before", T0 + 2),
        Err(DraftError::NotSaved {
            cause: StoreError::Full,
            ..
        })
    ));
    assert!(matches!(
        tab.duplicate("q", T0 + 3),
        Err(DraftError::NotSaved {
            cause: StoreError::Full,
            ..
        })
    ));
    // The store still opens (its drafts can be read and exported).
    let mut reload = Drafts::new(local(), 2);
    assert_eq!(reload.open("q").expect("open").draft, saved);
    assert!(reload
        .export_all(T0 + 4, Some(&d))
        .expect("export")
        .contains("a disk filled up"));

    // Room again: the change saves.
    for i in 0..n {
        storage()
            .remove_item(&format!("filler-{i}"))
            .expect("remove");
    }
    tab.save(&mut d, "cause", T0 + 5)
        .expect("saved once there is room");
    assert_eq!(Drafts::new(local(), 3).open("q").expect("open").draft, d);
    clear();
}

fn storage_units() -> usize {
    let s = storage();
    let length = s.length().expect("length");
    (0..length)
        .filter_map(|i| s.key(i).expect("key"))
        .map(|k| {
            let v = s.get_item(&k).expect("get").unwrap_or_default();
            utf16_units(&k) + utf16_units(&v)
        })
        .sum()
}

#[wasm_bindgen_test]
fn damaged_values_in_local_storage_are_kept_aside() {
    clear();
    let mut tab = Drafts::new(local(), 1);
    let mut good = draft("good", "search results were empty");
    tab.save(&mut good, "what", T0).expect("save");
    let truncated = "{\"schema\":1,\"revision\":4,\"draft\":{\"what_happened\":\"pay";
    let junk = "\u{fffd}\u{fffd} not json";
    let newer = r#"{"schema":9,"revision":1,"title":"From a newer Candor","draft":{}}"#;
    let s = storage();
    s.set_item("candor:v1:draft:cut", truncated).expect("set");
    s.set_item("candor:v1:draft:junk", junk).expect("set");
    s.set_item("candor:v1:draft:later", newer).expect("set");

    let listing = Drafts::new(local(), 2).list().expect("list");
    assert_eq!(listing.drafts.len(), 1);
    assert_eq!(listing.drafts[0].id, "good");
    assert_eq!(listing.unreadable.len(), 3);
    for u in &listing.unreadable {
        let told = u.to_string();
        assert!(told.starts_with("One stored draft"), "{told}");
    }
    assert_eq!(
        s.get_item("candor:v1:aside:cut:1").expect("get").as_deref(),
        Some(truncated)
    );
    assert_eq!(
        s.get_item("candor:v1:aside:junk:1")
            .expect("get")
            .as_deref(),
        Some(junk)
    );
    assert_eq!(s.get_item("candor:v1:draft:cut").expect("get"), None);
    assert_eq!(
        s.get_item("candor:v1:draft:later").expect("get").as_deref(),
        Some(newer)
    );
    assert_eq!(
        Drafts::new(local(), 3).open("good").expect("open").draft,
        good
    );
    clear();
}

#[wasm_bindgen_test]
fn storage_that_throws_is_mapped_and_never_panics() {
    clear();
    // The getter throws, as it does when the browser blocks site data.
    block_local_storage();
    let opened = LocalStore::open();
    let fallback = open_with_fallback(
        LocalStore::open().map(|s| Box::new(s) as Box<dyn KeyValue>),
        1,
    );
    unblock_local_storage();
    assert_eq!(opened.err(), Some(StoreError::Unavailable));
    assert_eq!(fallback.memory_only(), Some(&StoreError::Unavailable));
    let mut memory = fallback;
    let mut d = draft("", "drafts in memory");
    memory.save(&mut d, "what", T0).expect("memory save");
    assert_eq!(storage().length().expect("length"), 0);

    // setItem throws something else: not saved, said so, earlier intact.
    let mut tab = Drafts::new(local(), 2);
    let mut d = draft("t", "the api returned errors");
    tab.save(&mut d, "what", T0).expect("save");
    let saved = d.clone();
    d.fix = "we restarted it".to_owned();
    break_set_item("storage went away");
    let error = tab.save(&mut d, "fix", T0 + 1).expect_err("throws");
    mend_set_item();
    assert_eq!(
        error,
        DraftError::NotSaved {
            cause: StoreError::Failed {
                detail: "TypeError: storage went away".into()
            },
            earlier: true
        }
    );
    assert_eq!(
        Drafts::new(local(), 3).open("t").expect("open").draft,
        saved
    );

    // The mapping itself, from exceptions built here.
    assert_eq!(
        store_error_from_js(&dom_exception("QuotaExceededError")),
        StoreError::Full
    );
    assert_eq!(
        store_error_from_js(&dom_exception("SecurityError")),
        StoreError::Unavailable
    );
    assert_eq!(
        store_error_from_js(&type_error("odd")),
        StoreError::Failed {
            detail: "TypeError: odd".into()
        }
    );
    assert_eq!(
        store_error_from_js(&JsValue::from_str("a string")),
        StoreError::Failed {
            detail: "an unknown error".into()
        }
    );
    clear();
}

/// The app stores through the browser's own JSON (src/store/text.rs); the
/// native tests through serde_json. Both must read every stored draft the
/// same, and write the same text, compact for storage and pretty for files.
#[wasm_bindgen_test]
fn the_browsers_json_reads_and_writes_what_serde_json_does() {
    let envelope_text = include_str!("fixtures/draft-v1.json").trim_end();
    let ours = decode_envelope(envelope_text).expect("the v1 fixture opens");
    let serde: Envelope = serde_json::from_str(envelope_text).expect("serde_json reads it");
    assert_eq!(ours, serde);
    assert_eq!(
        encode_envelope(&ours).expect("writes"),
        serde_json::to_string(&serde).expect("writes")
    );

    for draft_text in [
        include_str!("fixtures/share/data-loss-notes-sync.json"),
        include_str!("fixtures/share/dyndns.json"),
        include_str!("fixtures/share/maintenance-overran.json"),
        include_str!("fixtures/share/ongoing-card-payments.json"),
        include_str!("fixtures/share/security-support-tool.json"),
    ] {
        let stored = format!(r#"{{"schema":1,"draft":{draft_text}}}"#);
        let ours = decode_envelope(&stored).expect("opens").draft;
        let serde: Draft = serde_json::from_str(draft_text).expect("serde_json reads it");
        assert_eq!(ours, serde);
    }

    // Hostile text, every control character, times and a fold choice.
    let mut hostile = draft("hostile", "mail \"lost\" \\ </script> \u{2028}");
    hostile.impact = (0u8..0x20)
        .map(char::from)
        .chain("\u{7f}é漢😀".chars())
        .collect();
    hostile.window.start.set_date_input("2026-03-29");
    hostile.window.start.set_time_input("01:30");
    hostile.window.start.fold = Some(candor::time::FoldChoice::Later);
    hostile.dismissed_findings = vec!["jargon:outage".into()];
    let envelope = Envelope {
        schema: candor::model::SCHEMA_VERSION,
        revision: 9_007_199_254_740_991,
        saved_at: T0,
        title: None,
        step: "when".into(),
        draft: hostile.clone(),
    };
    let compact = encode_envelope(&envelope).expect("writes");
    assert_eq!(compact, serde_json::to_string(&envelope).expect("writes"));
    assert_eq!(decode_envelope(&compact), Ok(envelope.clone()));
    // Past 2^53 the browser's numbers cannot hold a whole number: refused
    // with a reason, never stored as something else or as nothing.
    let too_big = Envelope {
        revision: u64::MAX,
        ..envelope.clone()
    };
    assert!(matches!(
        encode_envelope(&too_big),
        Err(StoreError::Failed { .. })
    ));

    #[derive(serde::Serialize)]
    struct File<'a> {
        candor_export: u32,
        exported_at: i64,
        drafts: [&'a Envelope; 1],
    }
    let file = export_draft(&hostile, None, "when", T0).expect("writes");
    let expected = File {
        candor_export: EXPORT_FORMAT,
        exported_at: T0,
        drafts: [&Envelope {
            revision: 0,
            ..envelope
        }],
    };
    assert_eq!(
        file,
        serde_json::to_string_pretty(&expected).expect("writes")
    );
}
