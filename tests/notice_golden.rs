//! The notice in every form, checked against reviewed golden files in
//! tests/golden/. After a deliberate wording change, regenerate them with
//! `UPDATE_GOLDEN=1 cargo test --test notice_golden` and read the diff.

mod common;

use candor::model::{Draft, EndState, Preset, ReaderActions, WallTime};
use candor::notice::{self, presets};
use common::{at, check_golden, dyndns, preset_draft, Tzdb2026};

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
        "Re-send any new e-mail you sent to one of our queues. This applies to the time between about 17:05 EST (UTC-05:00) and 19:55 EST (UTC-05:00) on Wednesday 7 December 2005.",
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

/// "Yes, it has ended" with no end yet: the start is a known fact and stays
/// in the notice, written fully; the gap stands only for the missing end.
#[test]
fn the_start_stays_while_the_end_is_missing() {
    let mut draft = dyndns();
    // No reader action repeats the window, so only the "when" shows the start.
    draft.actions = ReaderActions::Nothing;
    draft.window.end = WallTime::in_zone("America/New_York");
    let start_ny = "Wednesday 7 December 2005, about 17:05 EST (UTC-05:00)";
    let start_utc = "Wednesday 7 December 2005, about 22:05 UTC (UTC+00:00)";

    let forms = notice::forms(&draft, &Tzdb2026);
    let body = &forms.email.body;
    assert!(body.contains(start_ny), "{body}");
    assert!(body.contains(start_utc), "{body}");
    assert!(body.contains("It ended [when did it end?]."), "{body}");
    assert!(!body.contains("It lasted"), "{body}");
    assert!(
        forms
            .short_post
            .contains(&format!("From {start_ny} to [when did it end?].")),
        "{}",
        forms.short_post
    );

    // Written for one zone, the start is one sentence with the gap in it.
    draft.audience_zones = vec!["America/New_York".into()];
    let body = notice::forms(&draft, &Tzdb2026).email.body;
    assert!(
        body.contains(&format!(
            "It started on {start_ny} and ended [when did it end?]."
        )),
        "{body}"
    );

    // An end that cannot be read yet (a date without a time) is the gap.
    draft.window.end.set_date_input("2005-12-07");
    let forms = notice::forms(&draft, &Tzdb2026);
    assert!(
        forms.email.body.contains(&format!(
            "It started on {start_ny} and ended [the end time needs fixing]."
        )),
        "{}",
        forms.email.body
    );
    assert!(
        forms
            .short_post
            .contains(&format!("From {start_ny} to [the end time needs fixing].")),
        "{}",
        forms.short_post
    );
}
