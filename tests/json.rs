//! Candor's own JSON (src/json.rs) against serde_json, an independent
//! reader and writer: the same texts accepted, the same values read, the
//! same layout written, and a text cut short told from a damaged one the
//! same way (stored drafts depend on that: a cut entry is set aside).
#![cfg(not(target_arch = "wasm32"))]

use candor::json::{self, Json, ParseError};
use candor::model::Draft;
use proptest::prelude::*;

mod common;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z ]{0,12}",
        "[\\x00-\\x1f\"\\\\/<>&]{0,6}",
        any::<String>(),
        Just("שלום “quoted” — ✉️ \u{200b}\u{202e}".to_owned()),
    ]
}

fn value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        text().prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(text(), inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

fn kind(result: Result<serde_json::Value, serde_json::Error>) -> Result<(), ParseError> {
    match result {
        Ok(_) => Ok(()),
        Err(e) if e.is_eof() => Err(ParseError::Truncated),
        Err(_) => Err(ParseError::Invalid),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn reads_and_writes_what_serde_json_does(original in value()) {
        let compact = serde_json::to_string(&original).expect("serde_json writes");
        let ours = json::parse(&compact).expect("Candor reads serde_json's text");
        prop_assert_eq!(&ours.to_text(), &compact);
        let pretty = serde_json::to_string_pretty(&original).expect("serde_json writes");
        prop_assert_eq!(&ours.to_pretty_text(), &pretty);
        prop_assert_eq!(json::parse(&pretty).expect("reads pretty"), ours);
    }

    #[test]
    fn a_text_cut_short_is_truncated_exactly_when_serde_json_says_so(
        original in value(),
        cut in any::<prop::sample::Index>(),
    ) {
        let full = serde_json::to_string_pretty(&original).expect("serde_json writes");
        let mut at = cut.index(full.len() + 1);
        while !full.is_char_boundary(at) {
            at -= 1;
        }
        let part = &full[..at];
        let theirs = kind(serde_json::from_str(part));
        prop_assert_eq!(json::parse(part).map(|_| ()), theirs, "{:?}", part);
    }

    #[test]
    fn damaged_texts_are_refused_exactly_when_serde_json_refuses_them(
        original in value(),
        at in any::<prop::sample::Index>(),
        byte in prop::sample::select(b"{}[],:\"\\ 0-.etnx\x01".to_vec()),
    ) {
        let mut bytes = serde_json::to_string(&original).expect("serde_json writes").into_bytes();
        let i = at.index(bytes.len());
        bytes[i] = byte;
        if let Ok(damaged) = String::from_utf8(bytes) {
            let theirs = serde_json::from_str::<serde_json::Value>(&damaged);
            // serde_json also refuses numbers too large for a float, such as
            // 1e400; they are JSON all the same (browsers read Infinity), and
            // Candor reads them as numbers that are not whole: no field takes one.
            let out_of_range = theirs.as_ref().is_err_and(|e| e.to_string().contains("out of range"));
            if !out_of_range {
                prop_assert_eq!(json::parse(&damaged).is_ok(), theirs.is_ok(), "{:?}", damaged);
            }
        }
    }
}

/// Every field of a full draft (every answer, three updates, a dismissed
/// finding, a fold choice) is written and read back unchanged.
#[test]
fn a_full_draft_round_trips() {
    let mut draft = common::resolved_update();
    draft.dismissed_findings = vec!["jargon:outage".into()];
    draft.window.start.fold = Some(candor::time::FoldChoice::Later);
    assert!(draft.timeline.len() >= 2, "the draft has sent updates");
    let text = draft.to_json().to_text();
    let back: Draft = json::from_text(&text).expect("reads back");
    assert_eq!(back, draft);
    assert_eq!(back.to_json().to_text(), text);
}

/// Drafts stored before this module existed (written by serde) read the
/// same, and are written back with the same fields and values.
#[test]
fn the_v1_fixture_is_written_back_in_the_same_form() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/draft-v1.json");
    let fixture: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json");
    let stored = &fixture["draft"];
    let draft: Draft = json::from_text(&stored.to_string()).expect("a v1 draft");
    let written: serde_json::Value =
        serde_json::from_str(&draft.to_json().to_text()).expect("Candor writes JSON");
    let stored = stored.as_object().expect("object");
    for (key, value) in stored {
        assert_eq!(&written[key], value, "field {key}");
    }
    let added: Vec<&String> = written
        .as_object()
        .expect("object")
        .keys()
        .filter(|k| !stored.contains_key(*k))
        .collect();
    assert_eq!(added, ["dismissed_findings", "timeline", "update"]);
}

/// A field of the wrong kind makes the draft unreadable rather than
/// silently emptied; an unknown field is ignored; a missing one is a gap.
#[test]
fn wrong_kinds_are_refused_and_unknown_fields_ignored() {
    let read = |text: &str| json::from_text::<Draft>(text);
    assert!(read(r#"{"what_happened": 3}"#).is_err());
    assert!(read(r#"{"data_loss": "Lots"}"#).is_err());
    assert!(read(r#"{"window": {"start": {"date": "2005-13-40"}}}"#).is_err());
    assert!(read(r#"{"schema": 1.5}"#).is_err());
    let draft = read(r#"{"what_happened": "mail lost", "from_the_future": [1, 2]}"#)
        .expect("unknown fields are ignored");
    assert_eq!(draft.what_happened, "mail lost");
    assert_eq!(draft.impact, "");
}
