#![cfg(not(target_arch = "wasm32"))]
//! Links for readers (issue #17): the finished notice, every time first in
//! the reader's own zone, then in the author's zones; the link carries the
//! facts the notice needs and nothing the author set aside.

mod common;
#[path = "common/drafts.rs"]
mod drafts;

use candor::model::Phase;
use candor::notice::{self, Form};
use candor::notice::{plain, reader::for_readers, Block};
use candor::share::{self, decode_for_readers, encode_for_readers, LinkError};
use common::{dyndns, resolved_update, second_update, Tzdb2026};
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

/// The reader's page as text: the heading, then each block, list items
/// under their lead with "- ".
fn page_text(form: Form, draft: &candor::model::Draft) -> String {
    let notice = for_readers(form, draft, &Tzdb2026);
    let mut out = format!("# {}\n", notice.subject.plain());
    for block in &notice.blocks {
        match block {
            Block::Paragraph(p) => out.push_str(&format!("{}\n", p.plain())),
            Block::List { lead, items } => {
                out.push_str(&format!("{}\n", lead.plain()));
                for item in items {
                    out.push_str(&format!("- {}\n", item.plain()));
                }
            }
        }
    }
    out
}

#[test]
fn a_timelines_reader_page_shows_the_current_update_then_the_earlier_ones_in_the_readers_zone() {
    let draft = second_update().for_reader("Pacific/Auckland");
    assert_eq!(draft.update.phase, Phase::Identified);
    let page = page_text(Form::Email, &draft);
    // The current update leads, sent at a time in the reader's zone.
    let current = page.lines().nth(1).unwrap();
    assert!(
        current.starts_with("Update 2: We have found the cause. Sent Thursday 8 December 2005, 13:50 NZDT (UTC+13:00)."),
        "{page}"
    );
    // The earlier update follows, its time in Auckland first.
    let earlier = page.find("Our earlier updates:").expect(&page);
    let rest = &page[earlier..];
    assert!(rest.contains("Update 1: We are investigating."), "{page}");
    assert!(
        rest.contains("- Auckland: Thursday 8 December 2005, 13:30 NZDT (UTC+13:00)"),
        "{page}"
    );
    assert!(
        rest.contains("- New York: Wednesday 7 December 2005, 19:30 EST (UTC-05:00)"),
        "{page}"
    );
    // The author's copy of the same update lists no timeline: only once
    // resolved does the notice itself carry it.
    let email = notice::forms(&second_update(), &Tzdb2026).email.body;
    assert!(!email.contains("Our earlier updates:"), "{email}");
    // Resolved, the timeline is listed once, not twice.
    let resolved = page_text(Form::Email, &resolved_update().for_reader("Europe/Berlin"));
    assert_eq!(
        resolved.matches("Our earlier updates:").count(),
        1,
        "{resolved}"
    );
    assert!(
        resolved.contains("- Berlin: Thursday 8 December 2005, 01:30 CET (UTC+01:00)"),
        "{resolved}"
    );
}

#[test]
fn every_form_opens_as_a_document_with_the_subject_as_its_heading() {
    let draft = dyndns().for_reader("Europe/Berlin");
    let forms = notice::forms(&draft, &Tzdb2026);
    for form in [Form::Email, Form::Markdown, Form::Html] {
        let notice = for_readers(form, &draft, &Tzdb2026);
        assert_eq!(plain::email(&notice), forms.email, "{form:?}");
    }
    let short = for_readers(Form::Short, &draft, &Tzdb2026);
    assert_eq!(short.subject.plain(), forms.email.subject);
    assert_eq!(short.blocks.len(), 1);
    assert_eq!(
        page_text(Form::Short, &draft).lines().nth(1),
        Some(forms.short_post.as_str())
    );
    let follow = for_readers(Form::FollowUp, &draft, &Tzdb2026);
    assert_eq!(plain::email(&follow), forms.follow_up);
}

#[test]
fn a_link_the_page_cannot_show_gets_one_sentence_for_the_reader() {
    let draft = dyndns();
    let readers = encode_for_readers(&draft, Form::Email);
    let sentence = |fragment: &str| {
        let error = decode_for_readers(fragment).unwrap_err();
        share::why_not_shown(fragment, &error)
    };
    assert_eq!(
        sentence(""),
        "This page shows a notice that is carried in its link, and this address has none. Open the whole link you were sent."
    );
    assert_eq!(
        sentence(&share::encode(&draft)),
        "This is a link to a draft for review, not a notice for readers. Open it in Candor's editor to read and change the draft."
    );
    assert!(sentence(&readers[..readers.len() - 5]).starts_with("This link is cut short"));
    let mut changed = readers.clone().into_bytes();
    let at = changed.len() - 10;
    changed[at] = if changed[at] == b'A' { b'B' } else { b'A' };
    assert!(sentence(std::str::from_utf8(&changed).unwrap()).starts_with("This link is damaged"));
    let newer = format!("{}Z{}", share::READER_MARK, &readers[2..]);
    assert!(sentence(&newer).starts_with("This link was made by a newer version of Candor"));
    assert!(sentence("#hello").starts_with("This link does not hold a notice"));
    // Only a review link is sent to the editor: not a reader's link, not
    // any other text.
    assert!(share::is_review_link(&format!(
        "#{}",
        share::encode(&draft)
    )));
    assert!(!share::is_review_link(&readers));
    assert!(!share::is_review_link("#hello"));
    assert!(!share::is_review_link(""));
    for (editor, page) in [
        ("/", "/read/"),
        ("/index.html", "/read/"),
        ("/candor/", "/candor/read/"),
        ("/candor/index.html", "/candor/read/"),
        ("", "/read/"),
    ] {
        assert_eq!(share::readers_page(editor), page);
    }
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

#[test]
fn the_page_says_whose_zone_comes_first_and_which_follow() {
    use candor::notice::reader::{first_zone_note, zones_sentence};
    assert_eq!(
        first_zone_note("Pacific/Auckland"),
        "Times are shown first in Auckland (Pacific/Auckland). You can change that below the notice."
    );
    assert_eq!(
        first_zone_note("UTC"),
        "Times are shown first in UTC. You can change that below the notice."
    );
    let draft = dyndns();
    assert_eq!(
        zones_sentence("Pacific/Auckland", Some("Pacific/Auckland"), &draft),
        "Every time is shown first in your own time zone, Auckland (Pacific/Auckland), as your browser gives it, then in the time zones the sender chose: New York, UTC."
    );
    assert_eq!(
        zones_sentence("America/New_York", Some("Europe/Berlin"), &draft),
        "Every time is shown first in New York (America/New_York), the time zone you chose, then in the time zone the sender chose: UTC."
    );
    assert_eq!(
        zones_sentence("UTC", None, &draft),
        "Your browser did not say its time zone, so every time is shown first in UTC, then in the time zone the sender chose: New York."
    );
}

/// A reader's link made by a released Candor keeps opening: the DynDNS
/// notice's link for readers (e-mail form) as format version 2 wrote it on
/// 4 December 2026; never regenerate it. The reader's-page benchmark opens it.
#[test]
fn a_readers_link_made_by_version_2_still_opens() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/share");
    let text = std::fs::read_to_string(dir.join("dyndns.json")).unwrap();
    let mut draft: candor::model::Draft = serde_json::from_str(&text).unwrap();
    draft.id.clear();
    draft.dismissed_findings.clear();
    let link = std::fs::read_to_string(dir.join("dyndns.reader.v2.link")).unwrap();
    assert!(link.starts_with("r2"));
    assert_eq!(
        decode_for_readers(link.trim()),
        Ok(share::ReaderNotice {
            form: Form::Email,
            draft
        })
    );
}
