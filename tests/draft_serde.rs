#![cfg(not(target_arch = "wasm32"))]
//! The draft declared once with serde (src/model.rs) reads and writes the
//! very JSON that Candor's stored drafts and exports hold: every stored-draft
//! fixture reads to the same draft as src/json.rs reads it, and serde_json
//! writes, compact and pretty, what src/json.rs writes, for any draft.

use std::path::{Path, PathBuf};

use candor::json::{self, Json};
use candor::model::Draft;
use proptest::prelude::*;

#[path = "common/drafts.rs"]
mod drafts;

/// Every stored draft the repository keeps: the draft inside each stored
/// envelope (`tests/fixtures/draft-v*.json`) and each share-link reference
/// draft (`tests/fixtures/share/*.json`), as its JSON text.
fn stored_drafts() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for dir in [root.clone(), root.join("share")] {
        for entry in std::fs::read_dir(&dir).expect("fixtures directory") {
            let path = entry.expect("readable directory").path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("readable fixture");
            let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
            let draft = match value.get("draft") {
                Some(draft) => draft.to_string(),
                None => text,
            };
            out.push((path, draft));
        }
    }
    assert!(out.len() >= 6, "{out:?}");
    out
}

#[test]
fn every_stored_draft_fixture_reads_the_same_through_serde() {
    for (path, text) in stored_drafts() {
        let ours: Draft = json::from_text(&text).expect("src/json.rs reads it");
        let serde: Draft =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(serde, ours, "{}", path.display());
        assert_eq!(
            serde_json::to_string(&serde).expect("writes"),
            ours.to_json().to_text(),
            "{}",
            path.display()
        );
    }
}

/// The same answers as src/json.rs for what it refuses, ignores or fills in.
#[test]
fn wrong_kinds_unknown_and_missing_fields_read_the_same() {
    for text in [
        r#"{"what_happened": 3}"#,
        r#"{"data_loss": "Lots"}"#,
        r#"{"data_loss": null}"#,
        r#"{"preset": null, "what_happened": "mail lost"}"#,
        r#"{"window": {"start": {"date": "2005-13-40"}}}"#,
        r#"{"window": {"start": {"date": "2005-12-07", "time": "17:05:30.5"}}}"#,
        r#"{"window": {"start": {"time": "24:00:00"}}}"#,
        r#"{"window": {"start": {"fold": "Later"}}}"#,
        r#"{"schema": 1.5}"#,
        r#"{"schema": -1}"#,
        r#"{"what_happened": "mail lost", "from_the_future": [1, 2]}"#,
        r#"{"action_list": [{"text": "re-send"}, {}]}"#,
        r#"{"timeline": [{"phase": "Resolved"}]}"#,
        r#"{}"#,
    ] {
        let ours = json::from_text::<Draft>(text).ok();
        let serde = serde_json::from_str::<Draft>(text).ok();
        assert_eq!(serde, ours, "{text}");
    }
    // One difference: serde's derive also reads a struct from an array of its
    // fields in order, which src/json.rs refuses. Candor never writes one.
    assert!(json::from_text::<Draft>("[]").is_err());
    assert_eq!(
        serde_json::from_str::<Draft>("[]").ok(),
        Some(Draft::default())
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn serde_json_writes_what_candor_writes_and_reads_it_back_the_same(
        draft in drafts::any_draft(),
        dismissed in prop::collection::vec("[a-z.:@]{1,30}", 0..3),
    ) {
        let draft = Draft { dismissed_findings: dismissed, ..draft };
        let compact = serde_json::to_string(&draft).expect("writes");
        prop_assert_eq!(&compact, &draft.to_json().to_text());
        let pretty = serde_json::to_string_pretty(&draft).expect("writes");
        prop_assert_eq!(&pretty, &draft.to_json().to_pretty_text());
        // Both read it back the same, or both refuse it (a year before 1 is
        // written but read by neither).
        let ours = json::from_text::<Draft>(&compact).ok();
        let serde = serde_json::from_str::<Draft>(&compact).ok();
        prop_assert_eq!(serde, ours);
    }
}
