//! The notice in every form, checked against reviewed golden files in
//! tests/golden/. After a deliberate wording change, regenerate them with
//! `UPDATE_GOLDEN=1 cargo test --test notice_golden` and read the diff.

mod common;

use candor::model::{
    Action, CauseState, DataLoss, Draft, EndState, Preset, ReaderActions, Recovery, Sender,
    WallTime, Window,
};
use candor::notice::{self, presets};
use chrono::{NaiveDate, NaiveTime};
use common::Tzdb2026;
use std::path::PathBuf;

fn at(y: i32, m: u32, d: u32, h: u32, min: u32, zone: &str) -> WallTime {
    WallTime {
        date: NaiveDate::from_ymd_opt(y, m, d),
        time: NaiveTime::from_hms_opt(h, min, 0),
        zone: zone.to_string(),
        approximate: false,
        fold: None,
    }
}

/// The notice DynDNS sent on 7 December 2005, as facts.
pub fn dyndns() -> Draft {
    let ny = "America/New_York";
    Draft {
        id: "dyndns-2005".into(),
        preset: Some(Preset::MessagesLost),
        sender: Sender {
            organisation: "DynDNS".into(),
            signature: "The DynDNS support team".into(),
            contact: "support@dyndns.example".into(),
        },
        what_happened: "all e-mail sent to our ticketing system was lost".into(),
        affected_services: "our abuse, billing, sales and support e-mail queues".into(),
        who_affected: "everyone who e-mailed one of those addresses, including follow-ups to existing tickets".into(),
        window: Window {
            start: WallTime { approximate: true, ..at(2005, 12, 7, 17, 5, ny) },
            end_state: EndState::Ended,
            end: at(2005, 12, 7, 19, 55, ny),
            next_update: WallTime::in_zone(ny),
        },
        impact: "We never received those e-mails, so you got no automatic reply and no answer".into(),
        data_loss: DataLoss::Some,
        recovery: Recovery::CannotRecover,
        actions: ReaderActions::Steps,
        action_list: vec![
            Action { text: "re-send any new e-mail you sent to one of our queues".into(), during_window: true },
            Action { text: "re-send any follow-up you sent to an existing ticket".into(), during_window: true },
        ],
        cause_state: CauseState::Known,
        cause: "we made a configuration error during routine maintenance".into(),
        fix: "We corrected it, and all messages are again being received and processed".into(),
        prevention: "We are adding a check that stops this kind of configuration error before it goes live".into(),
        detection: "If it does happen again, an alarm will tell us within minutes that e-mail has stopped arriving".into(),
        apology: "We are sorry. You wrote to us and we lost your message.".into(),
        audience_zones: vec![ny.into(), "UTC".into()],
        ..Draft::default()
    }
}

/// A complete draft for a preset, made from the preset's own example answers.
fn preset_draft(preset: Preset) -> Draft {
    let ex = presets::examples(Some(preset));
    let zone = "Europe/London";
    let draft = Draft {
        id: format!("{preset:?}"),
        sender: Sender {
            organisation: "Example Ltd".into(),
            signature: "The Example support team".into(),
            contact: "https://status.example.com".into(),
        },
        what_happened: ex.what_happened.into(),
        affected_services: ex.affected_services.into(),
        who_affected: ex.who_affected.into(),
        window: Window {
            start: at(2026, 3, 29, 0, 40, zone),
            end_state: EndState::Ended,
            end: at(2026, 3, 29, 3, 10, zone),
            next_update: WallTime::in_zone(zone),
        },
        impact: ex.impact.into(),
        data_loss: DataLoss::None,
        actions: ReaderActions::Nothing,
        cause_state: CauseState::Known,
        cause: ex.cause.into(),
        fix: ex.fix.into(),
        prevention: ex.prevention.into(),
        detection: ex.detection.into(),
        audience_zones: vec![
            zone.into(),
            "America/New_York".into(),
            "Asia/Kolkata".into(),
        ],
        ..Draft::default()
    };
    // The preset's own reader action, where it has one; else "nothing to do".
    let mut draft = presets::replace(preset, &draft);
    if draft.actions == ReaderActions::NotSaid {
        draft.actions = ReaderActions::Nothing;
    }
    draft
}

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn check_golden(name: &str, actual: &str) {
    let path = golden_dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!("missing golden file {name}: run with UPDATE_GOLDEN=1 and review it")
    });
    assert_eq!(actual, expected, "{name} differs from its golden file");
}

fn check_all_forms(stem: &str, draft: &Draft) {
    let forms = notice::forms(draft, &Tzdb2026);
    check_golden(&format!("{stem}.email.txt"), &forms.email.to_text());
    check_golden(&format!("{stem}.md"), &forms.markdown);
    check_golden(&format!("{stem}.html"), &forms.html);
    check_golden(
        &format!("{stem}.short.txt"),
        &format!("{}\n", forms.short_post),
    );
}

#[test]
fn dyndns_in_every_form_matches_its_golden() {
    check_all_forms("dyndns", &dyndns());
}

#[test]
fn every_preset_in_every_form_matches_its_golden() {
    for preset in presets::ALL {
        check_all_forms(&format!("preset-{}", slug(preset)), &preset_draft(preset));
    }
}

fn slug(preset: Preset) -> String {
    let mut out = String::new();
    for (i, c) in format!("{preset:?}").chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('-');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The DynDNS facts, stated independently of the golden files.
#[test]
fn dyndns_notice_states_every_fact_with_full_dates_and_offsets() {
    let email = notice::forms(&dyndns(), &Tzdb2026).email;
    let body = &email.body;
    for fact in [
        "All e-mail sent to our ticketing system was lost.",
        "Wednesday 7 December 2005, about 17:05 EST (UTC-05:00) to 19:55 EST (UTC-05:00)",
        "Wednesday 7 December 2005, about 22:05 UTC (UTC+00:00) to Thursday 8 December 2005, 00:55 UTC (UTC+00:00)",
        "2 hours 50 minutes",
        "Re-send any new e-mail you sent to one of our queues between about 17:05 EST (UTC-05:00) and 19:55 EST (UTC-05:00) on Wednesday 7 December 2005.",
        "We made a configuration error during routine maintenance.",
        "We cannot recover it.",
        "stops this kind of configuration error",
        "an alarm will tell us within minutes",
        "We are sorry.",
        "support@dyndns.example",
    ] {
        assert!(body.contains(fact), "the notice should say {fact:?}:\n{body}");
    }
    assert_eq!(
        email.subject,
        "DynDNS: lost messages on Wednesday 7 December 2005, now resolved"
    );
    assert!(
        !body.contains('['),
        "a complete draft leaves no gap:\n{body}"
    );
}

#[test]
fn a_complete_preset_draft_leaves_no_gap() {
    for preset in presets::ALL {
        let notice = notice::compose(&preset_draft(preset), &Tzdb2026);
        assert_eq!(notice.gaps(), Vec::<&str>::new(), "{preset:?}");
    }
}

#[test]
fn an_empty_draft_marks_every_missing_answer() {
    let draft = Draft::new("empty", "Europe/Berlin");
    let email = notice::forms(&draft, &Tzdb2026).email;
    for gap in [
        "[who is writing?]",
        "[what happened?]",
        "[who is affected?]",
        "[when did it start?]",
        "[what was lost or broken?]",
        "[was any data lost?]",
        "[what must readers do?]",
        "[why did it happen?]",
        "[what will stop it happening again?]",
        "[your apology]",
        "[where can readers ask?]",
    ] {
        assert!(
            email.to_text().contains(gap),
            "missing {gap}:\n{}",
            email.to_text()
        );
    }
}

#[test]
fn ongoing_incident_says_so_and_when_the_next_update_comes() {
    let mut draft = dyndns();
    draft.window.end_state = EndState::Ongoing;
    draft.window.next_update = at(2005, 12, 7, 21, 0, "America/New_York");
    let forms = notice::forms(&draft, &Tzdb2026);
    assert!(
        forms.email.subject.ends_with(", still ongoing"),
        "{}",
        forms.email.subject
    );
    assert!(
        forms
            .email
            .body
            .contains("It is still going on. It started:"),
        "{}",
        forms.email.body
    );
    assert!(forms.email.body.contains(
        "We will send the next update by Wednesday 7 December 2005, 21:00 EST (UTC-05:00)."
    ));
    assert!(forms
        .email
        .body
        .contains("since Wednesday 7 December 2005, about 17:05 EST (UTC-05:00)"));
    assert!(
        forms.short_post.contains("still ongoing"),
        "{}",
        forms.short_post
    );
}

#[test]
fn an_end_before_the_start_is_not_turned_into_a_duration() {
    let mut draft = dyndns();
    draft.window.end = at(2005, 12, 7, 16, 0, "America/New_York");
    let body = notice::forms(&draft, &Tzdb2026).email.body;
    assert!(
        body.contains("[the end is before the start: check both times]"),
        "{body}"
    );
    assert!(!body.contains("It lasted"));
}

#[test]
fn a_start_in_the_spring_gap_is_a_gap_to_fix_not_a_guess() {
    let mut draft = dyndns();
    draft.window.start = at(2027, 3, 14, 2, 30, "America/New_York");
    draft.window.end = at(2027, 3, 14, 5, 0, "America/New_York");
    let body = notice::forms(&draft, &Tzdb2026).email.body;
    assert!(body.contains("[the start time needs fixing]"), "{body}");
}
