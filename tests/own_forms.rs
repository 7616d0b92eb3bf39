#![cfg(not(target_arch = "wasm32"))]
//! Candor's own text under its own check: every form Candor writes from a
//! complete draft (every preset, the DynDNS draft, each update of the DynDNS
//! timeline and of a preset's timeline in three zones), checked on its own
//! as a reader meets it, raises no finding.

mod common;

use candor::candor::check_form;
use candor::model::{CauseState, DataLoss, Draft, EndState, Phase, Preset};
use candor::notice::{self, presets, Form};
use common::{at, dyndns, first_update, preset_draft, resolved_update, second_update, Tzdb2026};

/// Every complete draft Candor's tests know, by name.
fn complete_drafts() -> Vec<(String, Draft)> {
    let mut drafts = vec![("dyndns".to_string(), dyndns())];
    let mut ongoing = dyndns();
    ongoing.window.end_state = EndState::Ongoing;
    ongoing.window.next_update = at(2005, 12, 7, 21, 0, "America/New_York");
    drafts.push(("dyndns, ongoing".into(), ongoing));
    for preset in presets::ALL {
        drafts.push((format!("preset {preset:?}"), preset_draft(preset)));
    }
    drafts.push(("timeline 1, investigating".into(), first_update()));
    drafts.push(("timeline 2, identified".into(), second_update()));
    // The resolved update as tests/timeline.rs writes it gives a time with no
    // date or offset in the author's own "what is new" (the check reports it
    // in that field); complete, it says what changed without the bare time.
    let mut resolved = resolved_update();
    resolved.update.changes = "we corrected the configuration, and e-mail is arriving again".into();
    drafts.push(("timeline 3, resolved".into(), resolved));
    drafts.extend(preset_timeline());
    drafts
}

/// A preset told in three updates to readers in three zones, across the
/// night the clocks go forward in London: each update as it was sent.
fn preset_timeline() -> Vec<(String, Draft)> {
    let london = "Europe/London";
    let mut d = preset_draft(Preset::MaintenanceOverran);
    let (end, prevention) = (d.window.end.clone(), d.prevention.clone());
    d.window.end_state = EndState::Ongoing;
    d.window.next_update = at(2026, 3, 29, 3, 0, london);
    d.data_loss = DataLoss::NotKnownYet;
    d.cause_state = CauseState::NotKnownYet;
    d.fix.clear();
    d.update.phase = Phase::Investigating;
    d.update.published = at(2026, 3, 29, 0, 50, london);
    let mut out = vec![("preset timeline 1".to_string(), d.clone())];
    d.post_update();
    d.update.phase = Phase::Identified;
    d.update.published = at(2026, 3, 29, 2, 30, london);
    d.update.changes = "we planned too little time for the database upgrade".into();
    d.cause_state = CauseState::Known;
    d.data_loss = DataLoss::None;
    d.window.next_update = at(2026, 3, 29, 4, 0, london);
    out.push(("preset timeline 2".into(), d.clone()));
    d.post_update();
    d.update.phase = Phase::Resolved;
    d.update.published = at(2026, 3, 29, 3, 20, london);
    d.update.changes = "we finished the upgrade and checked every account".into();
    d.window.end_state = EndState::Ended;
    d.window.end = end;
    d.fix = "We finished the upgrade and checked every account.".into();
    d.prevention = prevention;
    out.push(("preset timeline 3".into(), d));
    out
}

/// The HTML form's text as a reader of the rich e-mail sees it: the tags
/// gone, each paragraph and list item on its own line, entities read back.
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('>').map_or(rest.len(), |i| open + i + 1);
        let tag = &rest[open..close];
        if matches!(tag, "</p>" | "</li>" | "<ul>") {
            out.push('\n');
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn every_form_of_every_complete_draft_is_clean_on_its_own() {
    let mut failures = Vec::new();
    let mut checked = 0;
    let drafts = complete_drafts();
    let expected = drafts.len() * Form::ALL.len();
    for (name, draft) in drafts {
        // Complete: every form is written with no gap left.
        let gaps = notice::compose(&draft, &Tzdb2026).gaps();
        assert!(gaps.is_empty(), "{name} is not complete: {gaps:?}");
        let forms = notice::forms(&draft, &Tzdb2026);
        for form in Form::ALL {
            let text = match form {
                // Checked as the reader gets it, not as the markup is written.
                Form::Html => html_text(&forms.html),
                _ => form.text(&forms),
            };
            checked += 1;
            for f in check_form(&draft, &text, &Tzdb2026) {
                failures.push(format!(
                    "{name} / {}: {} {:?}: {}",
                    form.label(),
                    f.id,
                    f.excerpt,
                    f.message
                ));
            }
        }
    }
    assert_eq!(checked, expected);
    assert!(
        failures.is_empty(),
        "{} findings in Candor's own forms:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_html_text_reads_as_the_plain_e_mail_body() {
    // The HTML's text is the same notice as the plain body, line for line:
    // so a clean plain body is not hiding a finding only the HTML has.
    let forms = notice::forms(&dyndns(), &Tzdb2026);
    let lines = |t: &str| -> Vec<String> {
        t.lines()
            .map(|l| l.trim_start_matches("- ").trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    };
    assert_eq!(lines(&html_text(&forms.html)), lines(&forms.email.body));
}
