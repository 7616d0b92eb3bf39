#![cfg(not(target_arch = "wasm32"))]
//! Share links: every draft survives the trip through a link, and no link,
//! however broken or hostile, makes decoding panic, allocate without bound or
//! return a draft that is not the one shared.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::PathBuf;

use candor::model::{Action, Draft, SCHEMA_VERSION};
use candor::share::{self, LinkError, MAX_DRAFT_BYTES};
use proptest::prelude::*;

// ---------------------------------------------------------------------------
// An allocator that counts, per thread, the bytes live at the peak, so a test
// can bound what one `decode` call allocates.

struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

fn track(grow: usize, shrink: usize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get().saturating_add(grow).saturating_sub(shrink);
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            track(layout.size(), 0);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        track(0, layout.size());
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            // Counted as if old and new were both live for a moment.
            track(new_size, 0);
            track(0, layout.size());
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Decodes and returns the result with the most bytes it had live at once.
fn decode_measured(fragment: &str) -> (Result<Draft, LinkError>, usize) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let result = share::decode(fragment);
    let peak = PEAK.with(Cell::get).saturating_sub(base);
    (result, peak)
}

/// What one decode may hold at once: the inflated body (with the dictionary
/// in front of it) and the draft read from it, each at most the cap, plus the
/// link itself decoded, plus small fixed state. Independent of any length or
/// size a link claims.
fn allocation_bound(fragment: &str) -> usize {
    2 * (MAX_DRAFT_BYTES + share::DICTIONARY.len()) + 2 * fragment.len() + 64 * 1024
}

// ---------------------------------------------------------------------------
// The reference drafts.

fn fixtures() -> Vec<(String, Draft)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/share");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/fixtures/share exists") {
        let path = entry.expect("readable directory").path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).expect("readable fixture");
            let draft: Draft = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{} is not a draft: {e:?}", path.display()));
            let name = path.file_stem().map(|s| s.to_string_lossy().into_owned());
            out.push((name.unwrap_or_default(), draft));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 5, "at least five reference drafts");
    out
}

fn dyndns() -> Draft {
    fixtures()
        .into_iter()
        .find(|(name, _)| name == "dyndns")
        .map(|(_, d)| d)
        .expect("the DynDNS reference draft")
}

#[test]
fn every_reference_draft_round_trips_in_under_1000_characters() {
    for (name, draft) in fixtures() {
        let link = share::encode(&draft);
        println!("{name}: {} characters", link.len());
        assert_eq!(share::decode(&link), Ok(draft.clone()), "{name}");
        assert!(link.len() < 1000, "{name}: {} characters", link.len());
        assert!(
            link.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'),
            "{name}: a link is URL-safe as it is"
        );
        assert!(link.starts_with(share::VERSION));
    }
}

/// A link made by any version must open in every later Candor: if this
/// fails, the format changed without a new version character (and a reader
/// kept for the old one). Each `NAME.vN.link` in tests/fixtures/share/ was
/// made by version N from `NAME.json` (`stored-draft-v1` from the draft in
/// tests/fixtures/draft-v1.json, which has a fold choice); never regenerate
/// one.
#[test]
fn every_link_of_every_version_still_opens() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/share");
    let stored = include_str!("fixtures/draft-v1.json");
    let stored: serde_json::Value = serde_json::from_str(stored).expect("JSON");
    let stored: Draft = serde_json::from_value(stored["draft"].clone()).expect("a draft");
    assert!(stored.window.next_update.fold.is_some());
    let mut drafts = fixtures();
    drafts.push(("stored-draft-v1".into(), stored));
    for version in ['1', share::VERSION] {
        for (name, draft) in &drafts {
            let path = dir.join(format!("{name}.v{version}.link"));
            let link = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(link.starts_with(version), "{name}");
            assert_eq!(share::decode(link.trim()).as_ref(), Ok(draft), "{name}");
        }
    }
}

/// The dictionary is part of the format: a different dictionary turns every
/// old link into garbage. Version `2` changed the body (postcard through
/// serde instead of Candor's own per-field layout) and kept dictionary 1, the
/// one version `1` links need. Change the dictionary only with a new
/// `share::VERSION` (keeping the old one for the older readers), then update
/// this pair.
#[test]
fn the_dictionary_is_pinned_to_the_version() {
    assert_eq!(
        (share::VERSION, share::dictionary_hash()),
        ('2', 0x8a1b_1ba3_2cab_ebf3),
        "share/dictionary.txt changed: give the format a new version character"
    );
}

#[test]
fn a_link_opens_with_its_hash_sign_a_whole_address_or_broken_lines() {
    let draft = dyndns();
    let link = share::encode(&draft);
    assert_eq!(share::decode(&format!("#{link}")), Ok(draft.clone()));
    assert_eq!(
        share::decode(&format!("  https://candor.example/#{link}\n")),
        Ok(draft.clone())
    );
    let (a, b) = link.split_at(60);
    assert_eq!(share::decode(&format!("{a}\n  {b}")), Ok(draft.clone()));
    assert_eq!(share::decode(&format!("{link}).")), Ok(draft));
}

// ---------------------------------------------------------------------------
// Bad links: each gives its own error and one clear sentence.

#[test]
fn what_is_not_a_candor_link_says_so() {
    for text in [
        "",
        "   ",
        "#",
        "what",
        "hello",
        "0abc",
        "-",
        "é",
        "{\"id\":1}",
    ] {
        assert_eq!(share::decode(text), Err(LinkError::NotCandor), "{text:?}");
    }
}

#[test]
fn every_cut_short_link_says_it_was_cut_short() {
    let link = share::encode(&dyndns());
    for end in 1..link.len() {
        assert_eq!(
            share::decode(&link[..end]),
            Err(LinkError::CutShort),
            "cut to {end} of {} characters",
            link.len()
        );
    }
}

#[test]
fn every_changed_character_is_caught() {
    let link = share::encode(&dyndns());
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut damaged = 0;
    for at in 1..link.len() {
        for &c in alphabet.iter().step_by(7) {
            let mut bytes = link.clone().into_bytes();
            if bytes[at] == c {
                continue;
            }
            bytes[at] = c;
            let changed = String::from_utf8(bytes).expect("ASCII");
            match share::decode(&changed) {
                Err(LinkError::Damaged) => damaged += 1,
                // The length digits: a changed length reads as a cut.
                Err(LinkError::CutShort) if at <= 2 => {}
                // Unused bits, or a back-reference moved to an identical
                // copy of the same words: the very same draft, or nothing.
                Ok(draft) => assert_eq!(draft, dyndns()),
                other => panic!("character {at} changed to {}: {other:?}", c as char),
            }
        }
    }
    assert!(damaged > 1000, "{damaged}");
    let mut swapped = link.clone().into_bytes();
    swapped[40] = b'!';
    let swapped = String::from_utf8(swapped).expect("ASCII");
    assert_eq!(share::decode(&swapped), Err(LinkError::Damaged));
}

#[test]
fn a_link_from_a_newer_candor_says_so() {
    let link = share::encode(&dyndns());
    for version in ['3', '9', 'A', 'Z'] {
        let newer = format!("{version}{}", &link[1..]);
        assert_eq!(share::decode(&newer), Err(LinkError::NewerVersion));
    }
    // The same format carrying a draft of a newer schema.
    let mut draft = dyndns();
    draft.schema = SCHEMA_VERSION + 1;
    assert_eq!(
        share::decode(&share::encode(&draft)),
        Err(LinkError::NewerVersion)
    );
    let message = LinkError::NewerVersion.to_string();
    assert!(message.contains("newer version of Candor"), "{message}");
}

/// A well-formed link (the CRC checks out) around a body Candor never writes:
/// what someone who knows the format could send.
#[test]
fn a_tampered_draft_is_refused_as_not_valid() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty body", vec![]),
        ("schema 0", vec![0]),
        ("ends after the id", vec![1, 3, b'a', b'b', b'c']),
        ("unknown preset", {
            let mut b = vec![1, 0, 99];
            b.extend([0; 40]);
            b
        }),
        ("id longer than the body", vec![1, 0xff, 0x7f, b'a']),
        ("text that is not UTF-8", vec![1, 2, 0xff, 0xfe]),
        ("an id with a control character", vec![1, 1, 0x07]),
    ];
    for (what, body) in cases {
        let link = share::link_for_raw_body(&body);
        match share::decode(&link) {
            Err(LinkError::InvalidDraft(_)) => {}
            other => panic!("{what}: {other:?}"),
        }
    }
    // A valid draft with a zone name no zone has, or one thing too many.
    let mut draft = dyndns();
    draft.audience_zones.push("<script>".into());
    assert!(matches!(
        share::decode(&share::encode(&draft)),
        Err(LinkError::InvalidDraft(_))
    ));
    let mut draft = dyndns();
    draft.action_list = vec![Action::default(); share::MAX_ACTIONS + 1];
    assert!(matches!(
        share::decode(&share::encode(&draft)),
        Err(LinkError::InvalidDraft(_))
    ));
    // Bytes after a complete draft.
    let mut body = valid_body_of(&dyndns());
    body.push(0);
    assert!(matches!(
        share::decode(&share::link_for_raw_body(&body)),
        Err(LinkError::InvalidDraft(_))
    ));
}

fn valid_body_of(draft: &Draft) -> Vec<u8> {
    let body = share::raw_body(draft);
    assert_eq!(
        share::decode(&share::link_for_raw_body(&body)).as_ref(),
        Ok(draft)
    );
    body
}

#[test]
fn a_bomb_is_refused_without_inflating_it() {
    // 1 MiB of zeros deflates to about a kilobyte: a small, hostile link.
    let bomb = share::link_for_raw_body(&vec![0u8; 1024 * 1024]);
    assert!(bomb.len() < 3_000, "{}", bomb.len());
    let (result, peak) = decode_measured(&bomb);
    assert_eq!(result, Err(LinkError::TooLarge));
    assert!(peak <= allocation_bound(&bomb), "{peak} bytes");
    // Just over the cap is refused; the cap itself opens as far as the body.
    let over = share::link_for_raw_body(&vec![1; MAX_DRAFT_BYTES + 1]);
    assert_eq!(share::decode(&over), Err(LinkError::TooLarge));
    let at_cap = share::link_for_raw_body(&vec![1; MAX_DRAFT_BYTES]);
    assert!(matches!(
        share::decode(&at_cap),
        Err(LinkError::InvalidDraft(_))
    ));
    // A fragment longer than Candor reads is refused before decoding.
    let long = format!("1{}", "A".repeat(share::MAX_FRAGMENT_CHARS + 1));
    let (result, peak) = decode_measured(&long);
    assert_eq!(result, Err(LinkError::TooLarge));
    assert!(peak < 1024, "{peak} bytes");
}

/// A list that claims more items than the link could hold, each item as
/// small as the body allows (an empty text): decoding refuses it without
/// reserving memory for the claim, or holding more than a draft's worth.
#[test]
fn a_hostile_count_allocates_nothing_it_claims() {
    let draft = Draft {
        dismissed_findings: Vec::new(),
        ..dyndns()
    };
    let mut body = valid_body_of(&draft);
    // The body ends with the dismissed findings' count (0, one byte): claim
    // 200,000 empty texts instead, and give the bytes for them.
    assert_eq!(body.pop(), Some(0));
    let claimed: u32 = 200_000;
    let mut n = claimed;
    while n >= 0x80 {
        body.push((n as u8) | 0x80);
        n >>= 7;
    }
    body.push(n as u8);
    body.resize(body.len() + claimed as usize, 0);
    assert!(body.len() <= MAX_DRAFT_BYTES);
    let link = share::link_for_raw_body(&body);
    let (result, peak) = decode_measured(&link);
    assert!(peak <= allocation_bound(&link), "{peak} bytes");
    assert!(
        matches!(result, Err(LinkError::InvalidDraft(_))),
        "{result:?}"
    );
    // A text that claims 2 GiB in a body of a few bytes: refused before any
    // room is made for it (the id is the first text, after the schema).
    let link = share::link_for_raw_body(&[1, 0x80, 0x80, 0x80, 0x80, 0x08, b'a']);
    let (result, peak) = decode_measured(&link);
    assert!(peak < 64 * 1024, "{peak} bytes");
    assert!(
        matches!(result, Err(LinkError::InvalidDraft(_))),
        "{result:?}"
    );
}

#[test]
fn each_error_is_one_plain_sentence() {
    let errors = [
        LinkError::NotCandor,
        LinkError::CutShort,
        LinkError::Damaged,
        LinkError::NewerVersion,
        LinkError::TooLarge,
        LinkError::InvalidDraft("a time zone name is too long"),
    ];
    for error in errors {
        let sentence = error.to_string();
        assert!(sentence.starts_with("This "), "{sentence}");
        assert!(sentence.ends_with('.'), "{sentence}");
        assert_eq!(sentence.matches(". ").count(), 0, "{sentence}");
        assert!(sentence.len() < 130, "{sentence}");
    }
}

// ---------------------------------------------------------------------------
// Link length and what makes it long.

#[test]
fn a_typical_draft_gets_no_warning() {
    let report = share::link_report(&dyndns());
    assert_eq!(share::decode(&report.fragment), Ok(dyndns()));
    assert_eq!(report.chars, report.fragment.len());
    assert!(report.chars < share::WARN_CHARS);
    assert!(!report.over_warning);
    assert!(report.largest_parts.is_empty());
    assert!(!report.sentence(30).contains("cut links"));
}

#[test]
fn a_long_link_says_which_part_makes_it_long() {
    let mut draft = dyndns();
    // Varied text that does not compress away.
    draft.impact = (0..600u32)
        .map(|i| format!("{} ", i.wrapping_mul(2_654_435_761) % 100_003))
        .collect();
    let report = share::link_report(&draft);
    assert!(report.over_warning, "{}", report.chars);
    assert!(report.chars > share::WARN_CHARS);
    assert_eq!(
        report.largest_parts.first().map(|p| p.0),
        Some("What was lost or broken"),
        "{:?}",
        report.largest_parts
    );
    assert!(
        report.largest_parts[0].1 > 1_500,
        "{:?}",
        report.largest_parts
    );
    assert!(report.largest_parts.len() <= 3);
}

// ---------------------------------------------------------------------------
// Properties.

#[path = "common/drafts.rs"]
mod drafts;
use drafts::any_draft;

/// Anything that looks a little like a link: a version character, length
/// digits, base64url, with some noise.
fn link_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9A-Z][A-Za-z0-9_-]{0,200}",
        "1[A-Za-z0-9_-]{0,600}",
        "1[A-Za-z0-9_#%=+/. -]{0,100}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_draft_survives_a_link(draft in any_draft()) {
        let link = share::encode(&draft);
        prop_assert_eq!(share::decode(&link), Ok(draft));
    }

    #[test]
    fn any_text_decodes_without_panic_or_unbounded_allocation(text in link_like()) {
        let (_, peak) = decode_measured(&text);
        prop_assert!(peak <= allocation_bound(&text), "{} bytes", peak);
    }

    #[test]
    fn any_bytes_decode_without_panic_or_unbounded_allocation(
        bytes in prop::collection::vec(any::<u8>(), 0..2_000)
    ) {
        let text = String::from_utf8_lossy(&bytes);
        let (_, peak) = decode_measured(&text);
        prop_assert!(peak <= allocation_bound(&text), "{} bytes", peak);
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = share::decode(text);
        }
    }

    /// Past the CRC: any body in a well-formed link is read or refused as
    /// not a valid draft, never anything else.
    #[test]
    fn any_body_is_a_draft_or_not_valid(
        body in prop::collection::vec(any::<u8>(), 0..600)
    ) {
        let link = share::link_for_raw_body(&body);
        // The same body in a version 1 link reaches the legacy reader.
        let v1 = format!("1{}", &link[1..]);
        for link in [link, v1] {
            let (result, peak) = decode_measured(&link);
            prop_assert!(peak <= allocation_bound(&link), "{} bytes", peak);
            match result {
                Ok(draft) => prop_assert_eq!(share::decode(&share::encode(&draft)), Ok(draft)),
                Err(LinkError::InvalidDraft(_)) | Err(LinkError::NewerVersion) => {}
                Err(other) => prop_assert!(false, "{:?}", other),
            }
        }
    }

    /// A real link with a few bytes of its payload changed never opens as a
    /// different draft.
    #[test]
    fn a_changed_link_never_opens_as_another_draft(
        draft in any_draft(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..64), 1..4),
    ) {
        let link = share::encode(&draft);
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut bytes = link.clone().into_bytes();
        for (at, c) in edits {
            let at = 3 + at.index(bytes.len() - 3);
            bytes[at] = alphabet[usize::from(c)];
        }
        let changed = String::from_utf8(bytes).expect("ASCII");
        if let Ok(opened) = share::decode(&changed) {
            prop_assert_eq!(opened, draft);
        }
    }
}

#[test]
fn presets_are_named_in_the_draft_the_way_a_link_carries_them() {
    // Every preset survives, and "no preset" stays "no preset".
    for preset in candor::notice::presets::ALL
        .into_iter()
        .map(Some)
        .chain([None])
    {
        let draft = Draft {
            preset,
            ..Draft::new("p", "Europe/London")
        };
        assert_eq!(share::decode(&share::encode(&draft)), Ok(draft));
    }
}

#[test]
fn dismissed_findings_stay_with_the_author() {
    let mut draft = candor::model::Draft::new("d1", "UTC");
    draft.what_happened = "Search was down.".into();
    draft.dismissed_findings = vec!["minimising.brief@impact:brief".into()];
    let opened = candor::share::decode(&candor::share::encode(&draft)).expect("round trip");
    assert!(opened.dismissed_findings.is_empty());
    assert_eq!(opened.what_happened, "Search was down.");
}
