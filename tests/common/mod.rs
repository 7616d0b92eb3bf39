//! Test support shared by the native integration tests.
//!
//! `Tzdb2026` is the zone-rules adapter the native tests use in place of the
//! browser's `Intl`: jiff's bundled tzdb (2026f), asked for explicitly, so the
//! machine's older /usr/share/zoneinfo can never answer.
#![allow(dead_code)]

use std::sync::OnceLock;

use std::path::PathBuf;

use candor::model::{
    Action, CauseState, DataLoss, Draft, EndState, Phase, Preset, ReaderActions, Recovery, Sender,
    WallTime, Window,
};
use candor::notice::presets;
use candor::time::{TimeError, ZoneRules};
use chrono::{NaiveDate, NaiveTime};
use jiff::tz::{TimeZone, TimeZoneDatabase};
use jiff::Timestamp;

/// `ZoneRules` over jiff's bundled tzdb 2026f.
pub struct Tzdb2026;

fn bundled() -> &'static TimeZoneDatabase {
    static DB: OnceLock<TimeZoneDatabase> = OnceLock::new();
    DB.get_or_init(TimeZoneDatabase::bundled)
}

pub fn zone(name: &str) -> Option<TimeZone> {
    bundled().get(name).ok()
}

impl ZoneRules for Tzdb2026 {
    fn offset_at(&self, name: &str, instant: i64) -> Result<i32, TimeError> {
        let tz = zone(name).ok_or_else(|| TimeError::UnknownZone {
            zone: name.to_owned(),
        })?;
        let ts = Timestamp::from_second(instant).map_err(|_| TimeError::OutOfRange)?;
        Ok(tz.to_offset(ts).seconds())
    }

    fn short_name(&self, name: &str, instant: i64) -> Option<String> {
        let tz = zone(name)?;
        let ts = Timestamp::from_second(instant).ok()?;
        let info = tz.to_offset_info(ts);
        let abbreviation = info.abbreviation();
        // tzdb writes zones without a real abbreviation as "+03", "-0330".
        if abbreviation.starts_with(['+', '-']) {
            None
        } else {
            Some(abbreviation.to_owned())
        }
    }
}

/// A wall time for tests.
pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32, zone: &str) -> WallTime {
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

/// The folder of reviewed golden files.
pub fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Compares `actual` with a golden file; `UPDATE_GOLDEN=1` rewrites it for review.
pub fn check_golden(name: &str, actual: &str) {
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

/// A complete draft for a preset, from the preset's own example answers.
pub fn preset_draft(preset: Preset) -> Draft {
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
    let mut draft = presets::replace(preset, &draft);
    if draft.actions == ReaderActions::NotSaid {
        draft.actions = ReaderActions::Nothing;
    }
    draft
}

const NY: &str = "America/New_York";

/// The DynDNS case told in updates. The first: e-mail is being lost, cause unknown.
pub fn first_update() -> Draft {
    let mut d = dyndns();
    d.what_happened = "e-mail sent to our ticketing system is being lost".into();
    d.window.end_state = EndState::Ongoing;
    d.window.next_update = at(2005, 12, 7, 20, 30, NY);
    d.data_loss = DataLoss::NotKnownYet;
    d.recovery = Recovery::NotSaid;
    d.cause_state = CauseState::NotKnownYet;
    d.fix = String::new();
    d.update.phase = Phase::Investigating;
    d.update.published = at(2005, 12, 7, 19, 30, NY);
    d
}

pub fn second_update() -> Draft {
    let mut d = first_update();
    d.post_update();
    d.update.phase = Phase::Identified;
    d.update.published = at(2005, 12, 7, 19, 50, NY);
    d.update.changes =
        "we found the cause: a configuration error we made during maintenance".into();
    d.cause_state = CauseState::Known;
    d.data_loss = DataLoss::Some;
    d.recovery = Recovery::CannotRecover;
    d.window.next_update = at(2005, 12, 7, 20, 30, NY);
    d
}

pub fn resolved_update() -> Draft {
    let mut d = second_update();
    d.post_update();
    d.what_happened = "all e-mail sent to our ticketing system was lost".into();
    d.update.phase = Phase::Resolved;
    d.update.published = at(2005, 12, 7, 20, 10, NY);
    d.update.changes =
        "we corrected the configuration at 19:55 EST, and e-mail is arriving again".into();
    d.window.end_state = EndState::Ended;
    d.window.end = at(2005, 12, 7, 19, 55, NY);
    d.fix = "We corrected it, and all messages are again being received and processed".into();
    d
}

/// One row of a labelled candor-check file (tests/candor_corpus.tsv,
/// tests/candor_heldout/*.tsv): `sentence<TAB>expected<TAB>source`, then
/// the file's optional columns.
pub struct LabelledRow {
    pub line: usize,
    pub sentence: String,
    /// The families the sentence should raise; empty for `honest`.
    pub expected: Vec<candor::candor::Family>,
    /// The columns after the source ("" where a row leaves one out).
    pub extra: Vec<String>,
}

/// Reads a labelled file (path relative to the crate), skipping `#` and
/// blank lines; every row needs a source, and at most `extra` columns after it.
pub fn labelled_rows(path: &str, extra: usize) -> Vec<LabelledRow> {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("read {path}: {e}"));
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let at = format!("{path} line {}", i + 1);
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(
            (3..=3 + extra).contains(&cols.len()),
            "{at}: sentence, expected, source and at most {extra} more"
        );
        assert!(
            !cols[2].trim().is_empty(),
            "{at}: every sentence needs a source"
        );
        let expected = if cols[1] == "honest" {
            Vec::new()
        } else {
            cols[1]
                .split('+')
                .map(|n| {
                    candor::candor::Family::from_name(n.trim())
                        .unwrap_or_else(|| panic!("{at}: unknown family {n:?}"))
                })
                .collect()
        };
        rows.push(LabelledRow {
            line: i + 1,
            sentence: cols[0].to_string(),
            expected,
            extra: (3..3 + extra)
                .map(|c| {
                    cols.get(c)
                        .map(|t| t.trim().to_string())
                        .unwrap_or_default()
                })
                .collect(),
        });
    }
    rows
}
