//! Random drafts for property tests (tests/share.rs, tests/draft_serde.rs):
//! every field, hostile text, any date and time chrono allows, any zone-like
//! name. Included with `#[path]`, not through `common`, because proptest is a
//! native-only dev-dependency and the browser tests share `common`.
#![allow(dead_code)]

use candor::model::{
    Action, CauseState, DataLoss, Draft, EndState, Phase, ReaderActions, Recovery, Sender,
    SentUpdate, Update, WallTime, Window, SCHEMA_VERSION,
};
use candor::time::FoldChoice;
use chrono::{Datelike, NaiveDate, NaiveTime};
use proptest::prelude::*;

/// Text a person might paste: markup, quotes, control and right-to-left
/// characters, emoji, long runs, anything.
pub fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("<script>alert(1)</script>".to_string()),
        Just("\"'&<>#%?=+/".to_string()),
        Just("\u{202e}\u{200b}\u{0}\u{7}\r\n\t\u{feff}".to_string()),
        Just("🙂 Ünïcödé 日本語 עברית".to_string()),
        Just("We are sorry. You wrote to us and we lost your message.".to_string()),
        "[ -~]{0,60}",
        any::<String>(),
        Just("x".repeat(5_000)),
        prop::collection::vec(any::<char>(), 0..400).prop_map(String::from_iter),
    ];
    prop::collection::vec(pieces, 0..4).prop_map(|v| v.concat())
}

pub fn zone() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("America/New_York".to_string()),
        Just("UTC".to_string()),
        Just("Etc/GMT+5".to_string()),
        Just("America/Port-au-Prince".to_string()),
        Just(String::new()),
        "[A-Za-z0-9/_+-]{0,64}",
    ]
}

pub fn wall_time() -> impl Strategy<Value = WallTime> {
    (
        prop::option::of(NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce()),
        prop::option::of((0u32..86_400, 0u32..2_000_000_000)),
        zone(),
        any::<bool>(),
        prop::option::of(prop_oneof![
            Just(FoldChoice::Earlier),
            Just(FoldChoice::Later)
        ]),
    )
        .prop_map(|(date, time, zone, approximate, fold)| WallTime {
            date: date.and_then(NaiveDate::from_num_days_from_ce_opt),
            time: time.and_then(|(s, n)| NaiveTime::from_num_seconds_from_midnight_opt(s, n)),
            zone,
            approximate,
            fold,
        })
}

pub fn one_of<T: Clone + std::fmt::Debug + 'static>(values: Vec<T>) -> impl Strategy<Value = T> {
    prop::sample::select(values)
}

pub fn phase() -> impl Strategy<Value = Phase> {
    one_of(vec![
        Phase::NotSaid,
        Phase::Investigating,
        Phase::Identified,
        Phase::Monitoring,
        Phase::Resolved,
    ])
}

pub fn data_loss() -> impl Strategy<Value = DataLoss> {
    one_of(vec![
        DataLoss::NotSaid,
        DataLoss::None,
        DataLoss::Some,
        DataLoss::All,
        DataLoss::NotKnownYet,
    ])
}

prop_compose! {
    pub fn any_draft()(
        id in "[^\\p{Cc}]{0,32}",
        texts in prop::collection::vec(hostile_text(), 13),
        times in prop::collection::vec(wall_time(), 3),
        preset in prop::option::of(one_of(candor::notice::presets::ALL.to_vec())),
        end_state in one_of(vec![EndState::NotSaid, EndState::Ongoing, EndState::Ended]),
        data_loss in data_loss(),
        recovery in one_of(vec![Recovery::NotSaid, Recovery::Recovered, Recovery::Partly, Recovery::CannotRecover, Recovery::NotKnownYet]),
        actions in one_of(vec![ReaderActions::NotSaid, ReaderActions::Nothing, ReaderActions::Steps]),
        action_list in prop::collection::vec((hostile_text(), any::<bool>()), 0..5),
        cause_state in one_of(vec![CauseState::NotSaid, CauseState::NotKnownYet, CauseState::Known]),
        audience_zones in prop::collection::vec(zone(), 0..6),
        update in (phase(), wall_time(), hostile_text()),
        timeline in prop::collection::vec(
            (phase(), wall_time(), hostile_text(), data_loss(), wall_time()),
            0..4,
        ),
    ) -> Draft {
        let [start, end, next_update]: [WallTime; 3] = times.try_into().expect("three times");
        let [organisation, signature, contact, what_happened, affected_services, who_affected,
             impact, cause, fix, prevention, detection, apology, _]: [String; 13] =
            texts.try_into().expect("thirteen texts");
        Draft {
            schema: SCHEMA_VERSION,
            id: id.chars().take(32).collect(),
            preset,
            sender: Sender { organisation, signature, contact },
            what_happened,
            affected_services,
            who_affected,
            window: Window { start, end_state, end, next_update },
            impact,
            data_loss,
            recovery,
            actions,
            action_list: action_list
                .into_iter()
                .map(|(text, during_window)| Action { text, during_window })
                .collect(),
            cause_state,
            cause,
            fix,
            prevention,
            detection,
            apology,
            audience_zones,
            update: Update { phase: update.0, published: update.1, changes: update.2 },
            // Dismissals are not shared (see share.rs): a link never carries them.
            dismissed_findings: Vec::new(),
            timeline: timeline
                .into_iter()
                .map(|(phase, published, changes, data_loss, next_update)| SentUpdate {
                    phase,
                    published,
                    changes,
                    data_loss,
                    next_update,
                })
                .collect(),
        }
    }
}
