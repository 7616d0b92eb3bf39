//! Fuzzes what Candor reads from storage and from files a person imports:
//! `candor::json`, the stored-draft envelope and the import of an export
//! file. Whatever the bytes, nothing panics; a text that parses is written
//! back (compact and pretty) to a text that parses to the same value; and
//! every draft an import adds opens again unchanged.
#![no_main]

use candor::json::{self, Json};
use candor::model::Draft;
use candor::store::{self, Drafts, MemoryStore};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(value) = json::parse(text) {
        assert_eq!(json::parse(&value.to_text()).as_ref(), Ok(&value));
        assert_eq!(json::parse(&value.to_pretty_text()).as_ref(), Ok(&value));
        if let Some(draft) = Draft::from_json(&value) {
            assert_eq!(json::from_text::<Draft>(&draft.to_json().to_text()), Ok(draft));
        }
    }
    let _ = store::decode_envelope(text);
    let mut drafts = Drafts::new(MemoryStore::new(), 7);
    if let Ok(report) = drafts.import(text, 1_000) {
        for line in &report.added {
            let opened = drafts.open(&line.id).expect("an imported draft opens");
            assert_eq!(opened.draft.id, line.id);
        }
    }
});
