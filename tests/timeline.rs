#![cfg(not(target_arch = "wasm32"))]
//! One incident, many updates: the DynDNS case told as it happened, from
//! "investigating" to "resolved", each notice complete on its own.

mod common;

use candor::model::{DataLoss, Draft, EndState, Phase};
use candor::notice;
use common::{at, check_golden, dyndns, first_update, resolved_update, second_update, Tzdb2026};

const NY: &str = "America/New_York";

fn email(d: &Draft) -> notice::plain::Email {
    notice::forms(d, &Tzdb2026).email
}

#[test]
fn each_update_matches_its_golden() {
    for (name, draft) in [
        ("timeline-1-investigating", first_update()),
        ("timeline-2-identified", second_update()),
        ("timeline-3-resolved", resolved_update()),
    ] {
        let forms = notice::forms(&draft, &Tzdb2026);
        check_golden(&format!("{name}.email.txt"), &forms.email.to_text());
        check_golden(&format!("{name}.md"), &forms.markdown);
    }
    check_golden(
        "timeline-follow-up.email.txt",
        &notice::forms(&resolved_update(), &Tzdb2026)
            .follow_up
            .to_text(),
    );
}

#[test]
fn the_first_update_says_what_we_know_and_when_we_will_say_more() {
    let e = email(&first_update());
    assert_eq!(
        e.subject,
        "DynDNS: lost messages on Wednesday 7 December 2005, update 1: we are investigating"
    );
    assert!(e.body.starts_with(
        "Update 1: We are investigating. Sent Wednesday 7 December 2005, 19:30 EST (UTC-05:00).\n"
    ), "{}", e.body);
    for fact in [
        "E-mail sent to our ticketing system is being lost.",
        "It is still going on. It started:",
        "We will send the next update by Wednesday 7 December 2005, 20:30 EST (UTC-05:00).",
        "We do not know yet whether any data was lost.",
        "We do not know the cause yet.",
        "since Wednesday 7 December 2005, about 17:05 EST (UTC-05:00)",
    ] {
        assert!(e.body.contains(fact), "missing {fact:?}:\n{}", e.body);
    }
}

#[test]
fn a_later_update_leads_with_what_is_new_then_restates_the_facts() {
    let e = email(&second_update());
    assert!(
        e.subject.ends_with("update 2: we have found the cause"),
        "{}",
        e.subject
    );
    let first_line = e.body.lines().next().unwrap_or_default();
    assert!(
        first_line.contains(
            "What is new: we found the cause: a configuration error we made during maintenance."
        ),
        "{first_line}"
    );
    // A reader who missed update 1 still learns what, when, impact and what to do.
    for fact in [
        "E-mail sent to our ticketing system is being lost.",
        "It started:",
        "We lost some of your data.",
        "What you need to do:",
    ] {
        assert!(e.body.contains(fact), "missing {fact:?}:\n{}", e.body);
    }
}

#[test]
fn a_later_update_with_nothing_new_marks_the_gap() {
    let mut d = second_update();
    d.update.changes.clear();
    assert!(email(&d)
        .body
        .contains("[what is new since the last update?]"));
}

#[test]
fn the_resolved_notice_has_the_end_the_duration_and_the_timeline() {
    let e = email(&resolved_update());
    assert!(e.subject.ends_with("update 3: resolved"), "{}", e.subject);
    for fact in [
        "It lasted 2 hours 50 minutes.",
        "We made a configuration error during routine maintenance.",
        "We cannot recover it.",
        "Our earlier updates:\n\nUpdate 1: We are investigating.\n\
         - New York: Wednesday 7 December 2005, 19:30 EST (UTC-05:00)\n\
         - UTC: Thursday 8 December 2005, 00:30 UTC (UTC+00:00)\n",
        "Update 2: We have found the cause. We found the cause: a configuration error we made during maintenance.\n\
         - New York: Wednesday 7 December 2005, 19:50 EST (UTC-05:00)\n\
         - UTC: Thursday 8 December 2005, 00:50 UTC (UTC+00:00)\n",
    ] {
        assert!(e.body.contains(fact), "missing {fact:?}:\n{}", e.body);
    }
    assert!(
        !e.body.contains("next update"),
        "a resolved notice promises no next update"
    );
}

#[test]
fn posting_an_update_keeps_what_it_said() {
    let d = resolved_update();
    assert_eq!(d.timeline.len(), 2);
    assert_eq!(d.timeline[0].phase, Phase::Investigating);
    assert_eq!(d.timeline[0].data_loss, DataLoss::NotKnownYet);
    assert_eq!(d.timeline[1].phase, Phase::Identified);
    assert_eq!(d.timeline[1].data_loss, DataLoss::Some);
    assert_eq!(d.update_number(), 3);
    // The next update starts with nothing new and no time yet.
    let mut next = d.clone();
    next.post_update();
    assert!(next.update.changes.is_empty());
    assert!(next.update.published.is_empty());
    assert_eq!(next.update.published.zone, NY);
}

#[test]
fn the_follow_up_tells_it_in_order() {
    let f = notice::forms(&resolved_update(), &Tzdb2026).follow_up;
    assert_eq!(
        f.subject,
        "DynDNS: what happened on Wednesday 7 December 2005, and what we have changed"
    );
    // Each event, then its time in each reader zone, one complete time to a line.
    let events: Vec<Vec<&str>> = f
        .body
        .split("\n\n")
        .skip_while(|b| *b != "What happened, in order:")
        .skip(1)
        .take_while(|b| b.contains("\n- "))
        .map(|b| b.lines().collect())
        .collect();
    assert_eq!(events.len(), 5, "{}", f.body);
    let starts = |e: &[&str], lead: &str, ny: &str, utc: &str| {
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(e[0].starts_with(lead), "{e:?}");
        assert_eq!(e[1], format!("- New York: {ny}"));
        assert_eq!(e[2], format!("- UTC: {utc}"));
    };
    starts(
        &events[0],
        "It started. All e-mail sent to our ticketing system was lost.",
        "Wednesday 7 December 2005, about 17:05 EST (UTC-05:00)",
        "Wednesday 7 December 2005, about 22:05 UTC (UTC+00:00)",
    );
    starts(
        &events[1],
        "Update 1: We are investigating.",
        "Wednesday 7 December 2005, 19:30 EST (UTC-05:00)",
        "Thursday 8 December 2005, 00:30 UTC (UTC+00:00)",
    );
    starts(
        &events[2],
        "Update 2: We have found the cause.",
        "Wednesday 7 December 2005, 19:50 EST (UTC-05:00)",
        "Thursday 8 December 2005, 00:50 UTC (UTC+00:00)",
    );
    // The end (19:55) comes before the resolved update, sent at 20:10.
    starts(
        &events[3],
        "It ended. It lasted 2 hours 50 minutes.",
        "Wednesday 7 December 2005, 19:55 EST (UTC-05:00)",
        "Thursday 8 December 2005, 00:55 UTC (UTC+00:00)",
    );
    starts(
        &events[4],
        "Update 3: Resolved.",
        "Wednesday 7 December 2005, 20:10 EST (UTC-05:00)",
        "Thursday 8 December 2005, 01:10 UTC (UTC+00:00)",
    );
    assert!(f
        .body
        .contains("Why it happened: We made a configuration error during routine maintenance."));
    assert!(f
        .body
        .contains("What we have changed: We are adding a check"));
}

#[test]
fn a_single_notice_is_unchanged_by_the_timeline() {
    // No phase chosen: the notice is one message, as before.
    let e = email(&dyndns());
    assert!(!e.body.contains("Update 1"));
    assert_eq!(
        e.subject,
        "DynDNS: lost messages on Wednesday 7 December 2005, now resolved"
    );
}

/// A draft stored before Candor had updates (tests/fixtures/draft-v1.json
/// has no `update` or `timeline`) opens as a single notice: the new fields
/// are additive with defaults, so no schema migration is needed for them.
#[test]
fn a_draft_stored_before_updates_opens_as_a_single_notice() {
    let raw = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/draft-v1.json"),
    )
    .expect("fixture");
    assert!(!raw.contains("\"timeline\"") && !raw.contains("\"update\""));
    let envelope = candor::store::decode_envelope(&raw).expect("the v1 fixture loads");
    let draft = envelope.draft;
    assert_eq!(draft.update.phase, Phase::NotSaid);
    assert!(draft.timeline.is_empty());
    let e = email(&draft);
    assert_eq!(
        e.subject,
        "DynDNS: lost messages on Wednesday 7 December 2005, now resolved"
    );
    assert!(!e.body.contains("Update 1"));
}

// --- The candor check on updates -------------------------------------------

fn timeline_ids(d: &Draft, now: i64) -> Vec<&'static str> {
    candor::candor::timeline_findings(d, &Tzdb2026, now)
        .into_iter()
        .map(|f| f.id)
        .collect()
}

/// 7 December 2005, 21:00 EST: after the promised 20:30 update.
const LATE: i64 = 1_134_007_200;
/// 7 December 2005, 20:00 EST: before it.
const EARLY: i64 = 1_134_003_600;

#[test]
fn a_promised_update_that_is_late_is_flagged() {
    let d = first_update();
    assert_eq!(timeline_ids(&d, EARLY), Vec::<&str>::new());
    let late = candor::candor::timeline_findings(&d, &Tzdb2026, LATE);
    assert_eq!(late.len(), 1);
    assert_eq!(late[0].id, "update.next-update-passed");
    assert!(
        late[0]
            .message
            .contains("Wednesday 7 December 2005, 20:30 EST (UTC-05:00)"),
        "{}",
        late[0].message
    );
}

#[test]
fn resolved_without_an_end_time_is_flagged() {
    let mut d = resolved_update();
    assert_eq!(timeline_ids(&d, LATE), Vec::<&str>::new());
    d.window.end.time = None;
    assert_eq!(timeline_ids(&d, LATE), vec!["update.resolved-no-end"]);
    d = resolved_update();
    d.window.end_state = EndState::Ongoing;
    assert!(timeline_ids(&d, EARLY).contains(&"update.resolved-no-end"));
}

#[test]
fn a_phase_going_back_needs_a_word() {
    let mut d = second_update();
    d.post_update();
    d.update.phase = Phase::Investigating;
    d.update.published = at(2005, 12, 7, 20, 0, NY);
    assert_eq!(timeline_ids(&d, EARLY), vec!["update.phase-backwards"]);
    d.update.changes = "the fix did not hold; we are looking again".into();
    assert_eq!(timeline_ids(&d, EARLY), Vec::<&str>::new());
}

#[test]
fn changing_what_was_said_about_data_loss_must_be_said() {
    let mut d = first_update();
    d.data_loss = DataLoss::None;
    d.post_update();
    d.update.phase = Phase::Identified;
    d.update.published = at(2005, 12, 7, 19, 50, NY);
    d.data_loss = DataLoss::Some;
    d.update.changes = "we found the cause".into();
    assert_eq!(timeline_ids(&d, EARLY), vec!["update.data-loss-changed"]);
    d.update.changes = "we found the cause, and we now know some e-mail was lost".into();
    assert_eq!(timeline_ids(&d, EARLY), Vec::<&str>::new());
}

/// The Updates step lists what was already sent, as the author wrote it:
/// number and phase, when it went out (or what is wrong with that time),
/// and what it said was new.
#[test]
fn the_author_sees_the_updates_already_sent() {
    let d = resolved_update();
    assert_eq!(
        candor::steps::sent_updates(&d, &Tzdb2026),
        vec![
            (
                "Update 1: we are investigating.".to_string(),
                "Sent: Wednesday 7 December 2005, 19:30 EST (UTC-05:00).".to_string()
            ),
            (
                "Update 2: we have found the cause.".to_string(),
                "Sent: Wednesday 7 December 2005, 19:50 EST (UTC-05:00). We found the cause: \
                 a configuration error we made during maintenance."
                    .to_string()
            ),
        ]
    );
    let mut untimed = second_update();
    untimed.timeline[0].published = at(2005, 12, 7, 19, 30, "Nowhere/Atlantis");
    let (_, details) = &candor::steps::sent_updates(&untimed, &Tzdb2026)[0];
    assert!(details.starts_with("Sent: needs fixing."), "{details}");
    untimed.timeline[0].published = Default::default();
    let (_, details) = &candor::steps::sent_updates(&untimed, &Tzdb2026)[0];
    assert_eq!(details, "Sent: not answered yet.");
}

/// The check step's list: the word and fact findings and the update
/// findings together, most serious first, less what the author dismissed.
#[test]
fn the_review_puts_the_late_update_with_the_rest_and_honours_dismissals() {
    let mut d = first_update();
    let all = candor::candor::review(&d, &Tzdb2026, LATE);
    let late = all
        .iter()
        .find(|f| f.id == "update.next-update-passed")
        .expect("the late update is in the review");
    assert!(
        all.windows(2).all(|w| w[0].severity <= w[1].severity),
        "most serious first"
    );
    let others = candor::candor::check(&d, &Tzdb2026).len();
    assert_eq!(all.len(), others + 1);
    d.dismissed_findings.push(late.dismissal_key());
    let after = candor::candor::review(&d, &Tzdb2026, LATE);
    assert!(after.iter().all(|f| f.id != "update.next-update-passed"));
    assert_eq!(after.len(), others);
}
