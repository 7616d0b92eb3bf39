//! Properties that hold for any draft, however strange its text: rendering
//! never panics, user text never becomes HTML, the short post fits.

mod common;

use candor::model::{
    Action, CauseState, DataLoss, Draft, EndState, ReaderActions, Sender, WallTime, Window,
};
use candor::notice::{self, short::SHORT_POST_LIMIT};
use chrono::{NaiveDate, NaiveTime};
use common::Tzdb2026;
use proptest::prelude::*;

/// Text a person might paste: markup, quotes, control and right-to-left
/// characters, emoji, very long runs.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("<script>alert(1)</script>".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("\"'&<>".to_string()),
        Just("\u{202e}\u{200b}\u{0}\u{7}\r\n\t".to_string()),
        Just("[link](javascript:alert(1)) *a* _b_ # c".to_string()),
        Just("🙂 Ünïcödé".to_string()),
        "[ -~]{0,40}",
        any::<String>(),
        Just("x".repeat(3_000)),
    ];
    prop::collection::vec(pieces, 0..4).prop_map(|v| v.concat())
}

fn wall_time() -> impl Strategy<Value = WallTime> {
    let zones = prop_oneof![
        Just("America/New_York"),
        Just("Europe/London"),
        Just("Australia/Lord_Howe"),
        Just("Pacific/Apia"),
        Just("Asia/Kathmandu"),
        Just("Not/A_Zone"),
        Just(""),
    ];
    (
        prop::option::of((1970i32..2038, 1u32..13, 1u32..32)),
        prop::option::of((0u32..24, 0u32..60)),
        zones,
        any::<bool>(),
    )
        .prop_map(|(date, time, zone, approximate)| WallTime {
            date: date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            time: time.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0)),
            zone: zone.to_string(),
            approximate,
            fold: None,
        })
}

prop_compose! {
    fn any_draft()(
        texts in prop::collection::vec(hostile_text(), 12),
        start in wall_time(),
        end_state in prop_oneof![Just(EndState::NotSaid), Just(EndState::Ongoing), Just(EndState::Ended)],
        end in wall_time(),
        next in wall_time(),
        steps in prop::collection::vec((hostile_text(), any::<bool>()), 0..3),
        zones in prop::collection::vec(prop_oneof![Just("UTC".to_string()), Just("Asia/Kolkata".to_string()), hostile_text()], 0..3),
    ) -> Draft {
        Draft {
            sender: Sender { organisation: texts[0].clone(), signature: texts[1].clone(), contact: texts[2].clone() },
            what_happened: texts[3].clone(),
            affected_services: texts[4].clone(),
            who_affected: texts[5].clone(),
            window: Window { start, end_state, end, next_update: next },
            impact: texts[6].clone(),
            data_loss: DataLoss::Some,
            actions: ReaderActions::Steps,
            action_list: steps.into_iter().map(|(text, during_window)| Action { text, during_window }).collect(),
            cause_state: CauseState::Known,
            cause: texts[7].clone(),
            fix: texts[8].clone(),
            prevention: texts[9].clone(),
            detection: texts[10].clone(),
            apology: texts[11].clone(),
            audience_zones: zones,
            ..Draft::default()
        }
    }
}

/// The only tags Candor's HTML form writes.
const CANDOR_TAGS: [&str; 8] = [
    "<p>", "</p>", "<ul>", "</ul>", "<li>", "</li>", "<mark>", "</mark>",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_draft_renders_safely_in_every_form(draft in any_draft()) {
        let forms = notice::forms(&draft, &Tzdb2026);

        let mut html = forms.html.clone();
        for tag in CANDOR_TAGS {
            html = html.replace(tag, "");
        }
        prop_assert!(!html.contains('<'), "user text reached the HTML as markup: {}", forms.html);
        prop_assert!(!html.contains('>'));

        prop_assert!(forms.short_post.chars().count() <= SHORT_POST_LIMIT,
            "short post has {} characters", forms.short_post.chars().count());
        prop_assert!(!forms.email.subject.contains('\n'));
        prop_assert!(!forms.email.body.is_empty());
        prop_assert!(!forms.markdown.is_empty());
    }
}
