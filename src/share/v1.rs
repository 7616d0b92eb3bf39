//! Reads links of format version `1` only (Candor before the body moved to
//! serde): read-only, so links already sent keep opening. Nothing writes this
//! layout any more; never change it (tests/fixtures/share/*.v1.link pin it).
//!
//! Layout 1, in order (`str` = varint byte length + UTF-8, `u8` enums by
//! their place in the lists below, `when` = see [`Reader::when`]):
//!
//! ```text
//! varint schema · str id · u8 preset
//! str organisation · str signature · str contact
//! str what_happened · str affected_services · str who_affected
//! when start · u8 end_state · when end · when next_update
//! str impact · u8 data_loss · u8 recovery · u8 actions
//! varint n · n × (str text · u8 during_window)
//! u8 cause_state · str cause · str fix · str prevention · str detection · str apology
//! varint n · n × str zone
//! u8 phase · when published · str changes                       (the update being written)
//! varint n · n × (u8 phase · when published · str changes · u8 data_loss · when next_update)
//! ```

use chrono::{NaiveDate, NaiveTime};

use super::{
    body::zone_problem, LinkError, MAX_ACTIONS, MAX_AUDIENCE_ZONES, MAX_ID_BYTES, MAX_SENT_UPDATES,
    MAX_TEXT_BYTES, MAX_ZONE_BYTES,
};
use crate::model::{
    Action, CauseState, DataLoss, Draft, EndState, Phase, Preset, ReaderActions, Recovery, Sender,
    SentUpdate, Update, WallTime, Window, SCHEMA_VERSION,
};
use crate::time::FoldChoice;

const EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

const PHASES: [Phase; 5] = [
    Phase::NotSaid,
    Phase::Investigating,
    Phase::Identified,
    Phase::Monitoring,
    Phase::Resolved,
];

const DATA_LOSSES: [DataLoss; 5] = [
    DataLoss::NotSaid,
    DataLoss::None,
    DataLoss::Some,
    DataLoss::All,
    DataLoss::NotKnownYet,
];

/// Reads a body, checking every length and value before using it. The
/// first problem is kept and ends the reading: every read after it gives an
/// empty value, so [`read_body`] runs straight through and checks once at
/// the end (one exit instead of one per field, which cost 6 KB of wasm in
/// code that drops what was read so far).
struct Reader<'a> {
    rest: &'a [u8],
    problem: Option<&'static str>,
}

impl Reader<'_> {
    fn fail(&mut self, what: &'static str) {
        self.problem.get_or_insert(what);
        self.rest = &[];
    }

    fn byte(&mut self) -> u8 {
        match self.rest.split_first() {
            Some((&b, rest)) => {
                self.rest = rest;
                b
            }
            None => {
                self.fail("it ends early");
                0
            }
        }
    }

    fn varint(&mut self) -> u64 {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte();
            if self.problem.is_some() || (shift == 63 && b > 1) {
                break;
            }
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                // Only the shortest form: one draft, one body.
                if b == 0 && shift > 0 {
                    self.fail("a number is written oddly");
                    return 0;
                }
                return n;
            }
        }
        self.fail("a number is too large");
        0
    }

    /// A count or length, refused before anything is allocated for it when
    /// it exceeds `max` or the bytes that are left.
    fn len(&mut self, max: usize, what: &'static str) -> usize {
        let n = self.varint();
        match usize::try_from(n) {
            Ok(n) if n <= max && n <= self.rest.len() => n,
            _ => {
                self.fail(what);
                0
            }
        }
    }

    fn text(&mut self, max: usize, what: &'static str) -> String {
        let n = self.len(max, what);
        let (bytes, rest) = self.rest.split_at(n);
        self.rest = rest;
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) => {
                self.fail("some text is not valid UTF-8");
                String::new()
            }
        }
    }

    fn answer(&mut self) -> String {
        self.text(MAX_TEXT_BYTES, "an answer is too long")
    }

    fn zone(&mut self) -> String {
        let zone = self.text(MAX_ZONE_BYTES, "a time zone name is too long");
        if let Some(problem) = zone_problem(&zone) {
            self.fail(problem);
        }
        zone
    }

    /// A wall time: one flag byte (1 date, 2 time, 4 approximate, 8
    /// earlier, 16 later), then the date as zigzag days since 1970-01-01 if
    /// present, the time as seconds since midnight and nanoseconds if
    /// present, then the zone as `str`.
    fn when(&mut self) -> WallTime {
        let flags = self.byte();
        if flags & !0b1_1111 != 0 || flags & 0b1_1000 == 0b1_1000 {
            self.fail("a time is marked in a way Candor does not know");
        }
        let date = if flags & 1 != 0 {
            let z = self.varint();
            let days = (z >> 1) as i64 ^ -((z & 1) as i64);
            let date = chrono::TimeDelta::try_days(days).and_then(|d| EPOCH.checked_add_signed(d));
            if date.is_none() {
                self.fail("a date is out of range");
            }
            date
        } else {
            None
        };
        let time = if flags & 2 != 0 {
            // As written: the seconds are checked before the nanoseconds are read.
            let secs = u32::try_from(self.varint()).ok();
            let nanos = secs.and_then(|_| u32::try_from(self.varint()).ok());
            let time = secs.zip(nanos).and_then(|(secs, nanos)| {
                NaiveTime::from_num_seconds_from_midnight_opt(secs, nanos)
            });
            if time.is_none() {
                self.fail("a time is invalid");
            }
            time
        } else {
            None
        };
        let fold = match flags >> 3 {
            1 => Some(FoldChoice::Earlier),
            2 => Some(FoldChoice::Later),
            _ => None,
        };
        WallTime {
            date,
            time,
            zone: self.zone(),
            approximate: flags & 4 != 0,
            fold,
        }
    }

    /// One of `values` (not empty), by its index; the first after a problem.
    fn choice<T: Copy>(&mut self, values: &[T], what: &'static str) -> T {
        let b = self.byte();
        match values.get(usize::from(b)) {
            Some(&value) => value,
            None => {
                self.fail(what);
                values[0]
            }
        }
    }

    fn flag(&mut self) -> bool {
        match self.byte() {
            0 => false,
            1 => true,
            _ => {
                self.fail("a yes-or-no answer is neither");
                false
            }
        }
    }
}

/// The draft in a version `1` body.
pub(super) fn read_body(body: &[u8]) -> Result<Draft, LinkError> {
    let mut r = Reader {
        rest: body,
        problem: None,
    };
    let schema = r.varint();
    if let Some(what) = r.problem {
        return Err(LinkError::InvalidDraft(what));
    }
    if schema > u64::from(SCHEMA_VERSION) {
        return Err(LinkError::NewerVersion);
    }
    if schema != u64::from(SCHEMA_VERSION) {
        return Err(LinkError::InvalidDraft("its draft version is unknown"));
    }
    let id = r.text(MAX_ID_BYTES, "its id is too long");
    if id.chars().any(char::is_control) {
        r.fail("its id has control characters");
    }
    let presets = [
        None,
        Some(Preset::MessagesLost),
        Some(Preset::Unavailable),
        Some(Preset::Degraded),
        Some(Preset::DataLost),
        Some(Preset::UnauthorisedAccess),
        Some(Preset::MaintenanceOverran),
    ];
    let preset = r.choice(&presets, "its incident kind is unknown");
    let sender = Sender {
        organisation: r.answer(),
        signature: r.answer(),
        contact: r.answer(),
    };
    let what_happened = r.answer();
    let affected_services = r.answer();
    let who_affected = r.answer();
    let start = r.when();
    let end_state = r.choice(
        &[EndState::NotSaid, EndState::Ongoing, EndState::Ended],
        "whether it has ended is unknown",
    );
    let window = Window {
        start,
        end_state,
        end: r.when(),
        next_update: r.when(),
    };
    let impact = r.answer();
    let data_loss = r.choice(&DATA_LOSSES, "whether data was lost is unknown");
    let recovery = r.choice(
        &[
            Recovery::NotSaid,
            Recovery::Recovered,
            Recovery::Partly,
            Recovery::CannotRecover,
            Recovery::NotKnownYet,
        ],
        "whether data can be recovered is unknown",
    );
    let actions = r.choice(
        &[
            ReaderActions::NotSaid,
            ReaderActions::Nothing,
            ReaderActions::Steps,
        ],
        "whether readers must act is unknown",
    );
    let count = r.len(MAX_ACTIONS, "it lists too many things to do");
    let mut action_list = Vec::with_capacity(count);
    for _ in 0..count {
        action_list.push(Action {
            text: r.answer(),
            during_window: r.flag(),
        });
    }
    let cause_state = r.choice(
        &[
            CauseState::NotSaid,
            CauseState::NotKnownYet,
            CauseState::Known,
        ],
        "whether the cause is known is unknown",
    );
    let cause = r.answer();
    let fix = r.answer();
    let prevention = r.answer();
    let detection = r.answer();
    let apology = r.answer();
    let count = r.len(MAX_AUDIENCE_ZONES, "it lists too many time zones");
    let mut audience_zones = Vec::with_capacity(count);
    for _ in 0..count {
        audience_zones.push(r.zone());
    }
    let update = Update {
        phase: r.choice(&PHASES, "an update's phase is unknown"),
        published: r.when(),
        changes: r.answer(),
    };
    let count = r.len(MAX_SENT_UPDATES, "it lists too many sent updates");
    let mut timeline = Vec::with_capacity(count);
    for _ in 0..count {
        timeline.push(SentUpdate {
            phase: r.choice(&PHASES, "an update's phase is unknown"),
            published: r.when(),
            changes: r.answer(),
            data_loss: r.choice(&DATA_LOSSES, "whether data was lost is unknown"),
            next_update: r.when(),
        });
    }
    if !r.rest.is_empty() {
        r.fail("there is more after the draft");
    }
    if let Some(what) = r.problem {
        return Err(LinkError::InvalidDraft(what));
    }
    Ok(Draft {
        schema: SCHEMA_VERSION,
        id,
        preset,
        sender,
        what_happened,
        affected_services,
        who_affected,
        window,
        impact,
        data_loss,
        recovery,
        actions,
        action_list,
        cause_state,
        cause,
        fix,
        prevention,
        detection,
        apology,
        audience_zones,
        update,
        timeline,
        dismissed_findings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_are_read_only_in_their_shortest_form() {
        let mut r = Reader {
            rest: &[0x80, 0x00],
            problem: None,
        };
        r.varint();
        assert_eq!(r.problem, Some("a number is written oddly"));
        let mut r = Reader {
            rest: &[
                0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
            ],
            problem: None,
        };
        r.varint();
        assert_eq!(r.problem, Some("a number is too large"));
        let mut r = Reader {
            rest: &[0x81, 0x01],
            problem: None,
        };
        assert_eq!(r.varint(), 129);
        assert_eq!(r.problem, None);
    }

    #[test]
    fn the_first_problem_in_a_body_is_the_one_reported() {
        // A bad time flag, then the body ends: the flag is reported.
        let mut r = Reader {
            rest: &[0xff, 0x01],
            problem: None,
        };
        r.when();
        r.answer();
        assert_eq!(
            r.problem,
            Some("a time is marked in a way Candor does not know")
        );
    }
}
