#![cfg(not(target_arch = "wasm32"))]
//! Links for readers (issue #17): the finished notice, every time first in
//! the reader's own zone, then in the author's zones; the link carries the
//! facts the notice needs and nothing the author set aside.

mod common;
#[path = "common/drafts.rs"]
mod drafts;

use candor::notice::{self, Form};
use candor::share::{self, decode_for_readers, encode_for_readers, LinkError};
use common::{dyndns, Tzdb2026};
use drafts::any_draft;
use proptest::prelude::*;

/// The lines of the notice's "In each time zone, that was:" list.
fn zone_lines(body: &str) -> Vec<&str> {
    body.lines()
        .skip_while(|l| !l.starts_with("It lasted"))
        .skip(1)
        .take_while(|l| l.starts_with("- "))
        .collect()
}

#[test]
fn a_reader_in_auckland_sees_their_own_time_first_then_the_authors_zones() {
    let author = dyndns();
    assert_eq!(author.audience_zones, ["America/New_York", "UTC"]);
    let body = notice::forms(&author.for_reader("Pacific/Auckland"), &Tzdb2026)
        .email
        .body;
    let lines = zone_lines(&body);
    assert_eq!(lines.len(), 3, "{body}");
    assert!(
        lines[0].starts_with("- Auckland: Thursday 8 December 2005, about 11:05 NZDT (UTC+13:00)"),
        "{body}"
    );
    assert!(
        lines[1].starts_with("- New York: Wednesday 7 December 2005"),
        "{body}"
    );
    assert!(
        lines[2].starts_with("- UTC: Wednesday 7 December 2005"),
        "{body}"
    );
    // What readers must do is said in their own zone.
    assert!(body.contains("between about 11:05 NZDT (UTC+13:00) and 13:55 NZDT (UTC+13:00) on Thursday 8 December 2005"), "{body}");
}

#[test]
fn a_reader_in_berlin_sees_berlin_first_and_a_reader_in_an_authors_zone_sees_it_once() {
    let author = dyndns();
    let berlin = notice::forms(&author.for_reader("Europe/Berlin"), &Tzdb2026);
    let lines = zone_lines(&berlin.email.body);
    assert!(
        lines[0].starts_with("- Berlin: Wednesday 7 December 2005, about 23:05 CET (UTC+01:00)"),
        "{}",
        berlin.email.body
    );
    // The short post carries one time: the reader's.
    assert!(
        berlin
            .short_post
            .contains("From Wednesday 7 December 2005, about 23:05 CET (UTC+01:00)"),
        "{}",
        berlin.short_post
    );
    let in_utc = author.for_reader("UTC");
    assert_eq!(in_utc.audience_zones, ["UTC", "America/New_York"]);
    let mut with_blank = author.clone();
    with_blank.audience_zones.push(" ".into());
    assert_eq!(
        with_blank.for_reader("Asia/Kolkata").audience_zones,
        ["Asia/Kolkata", "America/New_York", "UTC"]
    );
}

#[test]
fn a_readers_link_opens_the_form_and_facts_and_nothing_set_aside() {
    let mut draft = dyndns();
    draft.id = "d-private-17".into();
    draft.dismissed_findings = vec!["minimising.brief@what-happened".into()];
    for form in Form::ALL {
        let link = encode_for_readers(&draft, form);
        assert!(link.starts_with(share::READER_MARK), "{link}");
        let opened = decode_for_readers(&format!("https://candor.example/#{link}")).unwrap();
        assert_eq!(opened.form, form);
        assert_eq!(opened.draft.id, "");
        assert!(opened.draft.dismissed_findings.is_empty());
        let expected = candor::model::Draft {
            id: String::new(),
            dismissed_findings: Vec::new(),
            ..draft.clone()
        };
        assert_eq!(opened.draft, expected);
        assert!(!link.contains("private"));
    }
}

#[test]
fn a_readers_link_and_a_review_link_each_say_what_they_are_in_the_wrong_place() {
    let draft = dyndns();
    let readers = encode_for_readers(&draft, Form::Email);
    assert_eq!(share::decode(&readers), Err(LinkError::ForReaders));
    assert_eq!(
        LinkError::ForReaders.to_string(),
        "This link is for readers: it shows a finished notice, not a draft to edit."
    );
    assert_eq!(
        decode_for_readers(&share::encode(&draft)),
        Err(LinkError::NotCandor)
    );
    // Cut short, changed, or from a newer Candor: the same sentences as a
    // review link gets.
    assert_eq!(
        decode_for_readers(&readers[..readers.len() - 5]),
        Err(LinkError::CutShort)
    );
    let mut changed = readers.clone().into_bytes();
    let at = changed.len() - 10;
    changed[at] = if changed[at] == b'A' { b'B' } else { b'A' };
    assert_eq!(
        decode_for_readers(std::str::from_utf8(&changed).unwrap()),
        Err(LinkError::Damaged)
    );
    let newer = format!("{}Z{}", share::READER_MARK, &readers[2..]);
    assert_eq!(decode_for_readers(&newer), Err(LinkError::NewerVersion));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any draft, hostile text included, comes back the same through a
    /// reader's link, in every form.
    #[test]
    fn any_draft_survives_a_readers_link(draft in any_draft(), form in 0usize..5) {
        let form = Form::ALL[form];
        let opened = decode_for_readers(&encode_for_readers(&draft, form));
        let expected = candor::model::Draft {
            id: String::new(),
            dismissed_findings: Vec::new(),
            ..draft.clone()
        };
        prop_assert_eq!(opened, Ok(share::ReaderNotice { form, draft: expected }));
    }

    /// Whatever text is opened as a reader's link, the answer is a notice or
    /// a sentence, never a panic.
    #[test]
    fn any_text_opens_or_gets_a_sentence(text in "r[0-9A-Z][A-Za-z0-9_-]{0,300}") {
        if let Err(e) = decode_for_readers(&text) {
            prop_assert!(e.to_string().ends_with('.'));
        }
    }
}
