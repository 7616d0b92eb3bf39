//! The draft: everything a notice needs, in the domain's words.
//!
//! A `Draft` is what the author edits and what Candor stores and shares. Every
//! answer starts as "not said yet" so that the notice can show a marked gap
//! instead of inventing a fact. The draft is declared once: serde's derives
//! below are how it is stored (JSON) and shared (a link's binary body). Every
//! struct is `#[serde(default)]`, so a draft written by an older Candor
//! (fewer fields) still loads; enums are stored by their variant's name.
//! How dates and times are written is in `model/form.rs`.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

use crate::time::{self, FoldChoice, TimeError, ZoneRules};

mod audience;
pub(crate) mod form;
pub use audience::{EnteredTime, ZoneOffer};

/// Declares a plain enum once: serde stores a variant by its name, and
/// `name()` gives the same name, the value of the form control that shows it.
macro_rules! named_enum {
    ($(#[$m:meta])* pub enum $ty:ident { $($(#[$vm:meta])* $v:ident,)* }) => {
        $(#[$m])* pub enum $ty { $($(#[$vm])* $v,)* }
        impl $ty {
            /// The variant's stored name: also the value of its form control.
            pub fn name(&self) -> &'static str {
                match self {
                    $($ty::$v => stringify!($v),)*
                }
            }
        }
    };
}

/// The version of the stored and shared draft format. Raise it whenever a
/// change needs a migration, and add the migration beside the old fixture.
pub const SCHEMA_VERSION: u32 = 1;

/// The most items any list in a draft may hold when read (things to do,
/// zones, sent updates, dismissed findings): far more than a person makes,
/// and a bound on the memory a hostile file or link can claim.
pub const MAX_LIST_ITEMS: usize = 1000;

/// One incident as the author describes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub schema: u32,
    /// Stable identity across renames, copies between tabs and shared links.
    pub id: String,
    pub preset: Option<Preset>,
    pub sender: Sender,
    /// What happened, in the author's plain words.
    pub what_happened: String,
    /// Which services or features were affected.
    pub affected_services: String,
    /// Who is affected: everyone, or how a reader can tell.
    pub who_affected: String,
    pub window: Window,
    /// What was lost or broken, in the author's words.
    pub impact: String,
    pub data_loss: DataLoss,
    pub recovery: Recovery,
    /// Whether readers must do anything; the list is kept even while the
    /// answer is "nothing", so switching back loses no typed step.
    pub actions: ReaderActions,
    #[serde(deserialize_with = "form::list")]
    pub action_list: Vec<Action>,
    /// Whether the cause is known; the text is kept whatever the answer.
    pub cause_state: CauseState,
    /// Why it happened, owned in the active voice.
    pub cause: String,
    /// What was done to fix it.
    pub fix: String,
    /// What will stop it happening again.
    pub prevention: String,
    /// What will catch it sooner if it does happen again.
    pub detection: String,
    pub apology: String,
    /// The zones the notice is written for, as IANA names.
    #[serde(deserialize_with = "form::list")]
    pub audience_zones: Vec<String>,
    /// The update being written now, when the incident is told in updates.
    pub update: Update,
    /// Updates already sent, oldest first.
    #[serde(deserialize_with = "form::list")]
    pub timeline: Vec<SentUpdate>,
    /// Candor-check findings the author dismissed for this draft
    /// (`Finding::dismissal_key`).
    #[serde(deserialize_with = "form::list")]
    pub dismissed_findings: Vec<String>,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            schema: SCHEMA_VERSION,
            id: String::new(),
            preset: None,
            sender: Sender::default(),
            what_happened: String::new(),
            affected_services: String::new(),
            who_affected: String::new(),
            window: Window::default(),
            impact: String::new(),
            data_loss: DataLoss::NotSaid,
            recovery: Recovery::NotSaid,
            actions: ReaderActions::NotSaid,
            action_list: Vec::new(),
            cause_state: CauseState::NotSaid,
            cause: String::new(),
            fix: String::new(),
            prevention: String::new(),
            detection: String::new(),
            apology: String::new(),
            audience_zones: Vec::new(),
            update: Update::default(),
            timeline: Vec::new(),
            dismissed_findings: Vec::new(),
        }
    }
}

impl Draft {
    /// A new, empty draft with the given id, written for readers in `zone` and UTC.
    pub fn new(id: impl Into<String>, zone: &str) -> Self {
        let mut audience_zones = vec![zone.to_string()];
        if zone != "UTC" {
            audience_zones.push("UTC".to_string());
        }
        Draft {
            id: id.into(),
            window: Window {
                start: WallTime::in_zone(zone),
                end_state: EndState::NotSaid,
                end: WallTime::in_zone(zone),
                next_update: WallTime::in_zone(zone),
            },
            audience_zones,
            ..Draft::default()
        }
    }
}

/// Who is writing, and where readers can ask.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Sender {
    /// The organisation or product name readers know.
    pub organisation: String,
    /// How the notice is signed, e.g. "The Example support team".
    pub signature: String,
    /// Where to ask or read more: an address or a link.
    pub contact: String,
}

/// When it happened. The end time is kept even while the incident is
/// marked ongoing, so changing that answer never loses a typed time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Window {
    pub start: WallTime,
    pub end_state: EndState,
    pub end: WallTime,
    /// While ongoing: when readers will hear from us next.
    pub next_update: WallTime,
}

/// A wall-clock time as the author entered it, in the zone they chose.
/// Date and time are separate so a half-entered time is kept, not lost.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WallTime {
    #[serde(with = "form::date")]
    pub date: Option<NaiveDate>,
    #[serde(with = "form::time")]
    pub time: Option<NaiveTime>,
    /// IANA zone name, e.g. "America/New_York".
    pub zone: String,
    /// The author only knows it roughly ("about 17:05").
    pub approximate: bool,
    /// Which of the two times the author meant when clocks went back.
    pub fold: Option<FoldChoice>,
}

impl WallTime {
    pub fn in_zone(zone: &str) -> Self {
        WallTime {
            zone: zone.to_string(),
            ..WallTime::default()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.date.is_none() && self.time.is_none()
    }

    /// The date as an `<input type="date">` value ("2005-12-07"), or "".
    // Hand-written rather than chrono's strftime/parse: those cost about
    // 11 KB of gzip in the wasm for two fixed formats.
    pub fn date_input(&self) -> String {
        self.date.map(date_text).unwrap_or_default()
    }

    /// The time as an `<input type="time">` value ("17:05"), or "".
    pub fn time_input(&self) -> String {
        self.time
            .map(|t| format!("{:02}:{:02}", t.hour(), t.minute()))
            .unwrap_or_default()
    }

    /// Takes a date input's value; an empty or unreadable value clears the date.
    /// A new date or time forgets the fold choice, which was for the old one.
    pub fn set_date_input(&mut self, value: &str) {
        self.date = parse_date(value.trim());
        self.fold = None;
    }

    /// Takes a time input's value ("17:05" or "17:05:30").
    pub fn set_time_input(&mut self, value: &str) {
        self.time = parse_time(value.trim());
        self.fold = None;
    }

    /// Sets date and time at once, e.g. to a valid time offered beside a gap.
    pub fn set_wall(&mut self, wall: NaiveDateTime) {
        self.date = Some(wall.date());
        self.time = Some(wall.time());
        self.fold = None;
    }

    /// The instant this wall time names, using the author's fold choice.
    pub fn instant(&self, rules: &dyn ZoneRules) -> Result<i64, WhenProblem> {
        let (date, clock) = match (self.date, self.time) {
            (None, None) => return Err(WhenProblem::Empty),
            (None, Some(_)) => return Err(WhenProblem::NoDate),
            (Some(_), None) => return Err(WhenProblem::NoTime),
            (Some(date), Some(clock)) => (date, clock),
        };
        time::to_instant(rules, &self.zone, date.and_time(clock), self.fold)
            .map_err(|e| WhenProblem::Zone(Box::new(e)))
    }
}

/// What the author sees under a time field: the time as readers will see it,
/// or what is wrong with it and the choices that fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimeCheck {
    /// Nothing entered yet.
    Empty,
    /// Half entered, or the zone is unknown: one sentence saying what to do.
    Problem(String),
    /// One instant: the full date and time with zone and offset.
    Shown(String),
    /// The clocks jumped over this time: the sentence, and the two valid
    /// wall times to offer as fixes, with their labels.
    Gap {
        message: String,
        choices: [(String, NaiveDateTime); 2],
    },
    /// The time happens twice: the sentence, the labels of the first and
    /// second time, and (once chosen) the time as readers will see it.
    Fold {
        message: String,
        earlier: String,
        later: String,
        chosen: Option<(FoldChoice, String)>,
    },
}

impl WallTime {
    pub fn check(&self, rules: &dyn ZoneRules) -> TimeCheck {
        let wall = match (self.date, self.time) {
            (None, None) => return TimeCheck::Empty,
            (Some(date), Some(clock)) => date.and_time(clock),
            _ => {
                return TimeCheck::Problem(
                    self.instant(rules)
                        .err()
                        .map(|e| e.to_string())
                        .unwrap_or_default(),
                )
            }
        };
        match time::resolve(rules, &self.zone, wall) {
            Err(error) => TimeCheck::Problem(error.to_string()),
            Ok(time::Resolution::Unique(instant)) => {
                match time::in_zone(rules, &self.zone, instant) {
                    Ok(shown) => TimeCheck::Shown(time::format_full(&shown)),
                    Err(error) => TimeCheck::Problem(error.to_string()),
                }
            }
            Ok(time::Resolution::Gap { before, after }) => {
                let message = time::to_instant(rules, &self.zone, wall, None)
                    .err()
                    .map(|e| e.to_string())
                    .unwrap_or_default();
                TimeCheck::Gap {
                    message,
                    choices: [
                        (time::format_full(&before), before.wall),
                        (time::format_full(&after), after.wall),
                    ],
                }
            }
            Ok(time::Resolution::Fold { earlier, later }) => {
                let message = match self.fold {
                    Some(_) => String::new(),
                    None => time::to_instant(rules, &self.zone, wall, None)
                        .err()
                        .map(|e| e.to_string())
                        .unwrap_or_default(),
                };
                let chosen = self.fold.map(|choice| match choice {
                    FoldChoice::Earlier => (choice, time::format_full(&earlier)),
                    FoldChoice::Later => (choice, time::format_full(&later)),
                });
                TimeCheck::Fold {
                    message,
                    earlier: format!("{}, the first time", time::format_clock(&earlier)),
                    later: format!("{}, the second time", time::format_clock(&later)),
                    chosen,
                }
            }
        }
    }
}

/// The end of the window, checked against its start: one sentence when the
/// end comes before the start, since no duration can be shown then.
pub fn end_before_start(draft: &Draft, rules: &dyn ZoneRules) -> Option<String> {
    if draft.window.end_state != EndState::Ended {
        return None;
    }
    let start = draft.window.start.instant(rules).ok()?;
    let end = draft.window.end.instant(rules).ok()?;
    (end < start)
        .then(|| "The end is before the start. Check both times and their time zones.".to_string())
}

/// A date as "2005-12-07": a date input's value, and how drafts store it.
pub(crate) fn date_text(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// "2005-12-07" (a date input's value) as a date; `None` for anything else.
pub(crate) fn parse_date(value: &str) -> Option<NaiveDate> {
    let mut parts = value.splitn(3, '-');
    let year: i32 = digits(parts.next()?, 4)?;
    let month: u32 = digits(parts.next()?, 2)?;
    let day: u32 = digits(parts.next()?, 2)?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// "17:05" or "17:05:30" (a time input's value) as a time; seconds dropped.
pub(crate) fn parse_time(value: &str) -> Option<NaiveTime> {
    let mut parts = value.split(':');
    let hour: u32 = digits(parts.next()?, 2)?;
    let minute: u32 = digits(parts.next()?, 2)?;
    if let Some(seconds) = parts.next() {
        // "30" or "30.5": checked, then dropped (notices show minutes).
        let whole: u32 = digits(seconds.split('.').next()?, 2)?;
        if whole > 59 {
            return None;
        }
    }
    if parts.next().is_some() {
        return None;
    }
    NaiveTime::from_hms_opt(hour, minute, 0)
}

/// Exactly `len` ASCII digits (at least `len` for years), as a number.
fn digits<T: std::str::FromStr>(text: &str, len: usize) -> Option<T> {
    let ok = if len == 4 {
        text.len() >= 4
    } else {
        text.len() == len
    };
    (ok && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// Why a wall time does not name one instant yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WhenProblem {
    Empty,
    NoDate,
    NoTime,
    /// The zone is unknown, or the time falls in a gap or a fold.
    Zone(Box<TimeError>),
}

impl std::fmt::Display for WhenProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WhenProblem::Empty => f.write_str("Enter a date and a time."),
            WhenProblem::NoDate => f.write_str("Enter the date as well as the time."),
            WhenProblem::NoTime => f.write_str("Enter the time as well as the date."),
            WhenProblem::Zone(error) => write!(f, "{error}"),
        }
    }
}

named_enum! {
/// Whether the incident has ended. "Still ongoing" is a state, not a missing end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum EndState {
    #[default]
    NotSaid,
    Ongoing,
    Ended,
}
}

named_enum! {
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DataLoss {
    #[default]
    NotSaid,
    None,
    Some,
    All,
    NotKnownYet,
}
}

named_enum! {
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Recovery {
    #[default]
    NotSaid,
    Recovered,
    Partly,
    CannotRecover,
    NotKnownYet,
}
}

named_enum! {
/// Whether readers must do anything.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReaderActions {
    #[default]
    NotSaid,
    /// Readers need to do nothing, and the notice says so.
    Nothing,
    /// Readers must do the things in `Draft::action_list`.
    Steps,
}
}

/// One thing a reader must do.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Action {
    /// E.g. "re-send any e-mail you sent to our support addresses".
    pub text: String,
    /// Add the incident window ("between ... and ...") to this action.
    pub during_window: bool,
}

named_enum! {
/// Whether the cause is known.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CauseState {
    #[default]
    NotSaid,
    /// We do not know yet, and the notice says so.
    NotKnownYet,
    /// Known, and told in `Draft::cause`.
    Known,
}
}

named_enum! {
/// Where an incident stands, as status pages name it; "not said" means the
/// notice is a single message rather than one of a series of updates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Phase {
    #[default]
    NotSaid,
    Investigating,
    Identified,
    Monitoring,
    Resolved,
}
}

impl Phase {
    pub const ALL: [Phase; 4] = [
        Phase::Investigating,
        Phase::Identified,
        Phase::Monitoring,
        Phase::Resolved,
    ];
}

/// The update being written now.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Update {
    pub phase: Phase,
    /// When this update is published, in the author's zone.
    pub published: WallTime,
    /// What changed since the last update, in the author's words.
    pub changes: String,
}

/// An update already sent: what it said, kept so later updates and the
/// resolved notice can list the timeline and notice contradictions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SentUpdate {
    pub phase: Phase,
    pub published: WallTime,
    pub changes: String,
    /// What that update said about data loss.
    pub data_loss: DataLoss,
    /// When that update promised the next one.
    pub next_update: WallTime,
}

impl Draft {
    /// Marks the update being written as sent and starts the next one from
    /// the same facts: the phase carries over, what is new starts empty.
    pub fn post_update(&mut self) {
        let sent = SentUpdate {
            phase: self.update.phase,
            published: self.update.published.clone(),
            changes: std::mem::take(&mut self.update.changes),
            data_loss: self.data_loss,
            next_update: self.window.next_update.clone(),
        };
        self.timeline.push(sent);
        self.update.published = WallTime::in_zone(&self.update.published.zone);
        self.window.next_update = WallTime::in_zone(&self.window.next_update.zone);
    }

    /// Whether the incident has ended. A time not typed yet (the end, the
    /// next update) starts in the zone the start was given in.
    pub fn set_end_state(&mut self, state: EndState) {
        self.window.end_state = state;
        let zone = self.window.start.zone.clone();
        for wall in [&mut self.window.end, &mut self.window.next_update] {
            if wall.is_empty() {
                wall.zone = zone.clone();
            }
        }
    }

    /// Where the update being written stands. Its send time starts in the
    /// start's zone; "resolved" means the incident has ended.
    pub fn set_phase(&mut self, phase: Phase) {
        self.update.phase = phase;
        if self.update.published.zone.is_empty() {
            self.update.published.zone = self.window.start.zone.clone();
        }
        if phase == Phase::Resolved {
            self.set_end_state(EndState::Ended);
        }
    }

    /// Whether readers must do anything; "yes" with nothing listed yet
    /// starts one empty thing to do for the author to fill in.
    pub fn set_reader_actions(&mut self, answer: ReaderActions) {
        self.actions = answer;
        if answer == ReaderActions::Steps && self.action_list.is_empty() {
            self.action_list.push(Action::default());
        }
    }

    /// The number of the update being written (1 for the first).
    pub fn update_number(&self) -> usize {
        self.timeline.len() + 1
    }
}

named_enum! {
/// Starting points for common incidents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Preset {
    MessagesLost,
    Unavailable,
    Degraded,
    DataLost,
    UnauthorisedAccess,
    MaintenanceOverran,
}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_and_time_inputs_round_trip() {
        let mut wall = WallTime::in_zone("UTC");
        wall.set_date_input("2005-12-07");
        wall.set_time_input("17:05");
        assert_eq!(wall.date, NaiveDate::from_ymd_opt(2005, 12, 7));
        assert_eq!(wall.time, NaiveTime::from_hms_opt(17, 5, 0));
        assert_eq!(wall.date_input(), "2005-12-07");
        assert_eq!(wall.time_input(), "17:05");
        wall.set_time_input("17:05:30");
        assert_eq!(wall.time_input(), "17:05");
    }

    #[test]
    fn unreadable_inputs_clear_the_value() {
        let mut wall = WallTime::in_zone("UTC");
        for bad in [
            "",
            "2005-13-01",
            "2005-02-30",
            "2005-1-2",
            "05-12-07",
            "x",
            "2005-12-07-1",
        ] {
            wall.set_date_input("2005-12-07");
            wall.set_date_input(bad);
            assert_eq!(wall.date, None, "{bad:?}");
        }
        for bad in [
            "",
            "24:00",
            "7:05",
            "17:5",
            "17:60",
            "17:05:60",
            "17:05:30:1",
            "ab:cd",
        ] {
            wall.set_time_input("17:05");
            wall.set_time_input(bad);
            assert_eq!(wall.time, None, "{bad:?}");
        }
    }

    #[test]
    fn answers_that_open_new_times_start_them_in_the_start_zone() {
        let mut d = Draft::new("d", "Europe/Berlin");
        d.window.start.zone = "America/New_York".into();
        d.window.end = WallTime::default();
        d.set_end_state(EndState::Ongoing);
        assert_eq!(d.window.end.zone, "America/New_York");
        assert_eq!(d.window.next_update.zone, "America/New_York");
        // A time already typed keeps its own zone.
        d.window.end.set_date_input("2026-01-02");
        d.window.end.zone = "Asia/Kolkata".into();
        d.window.start.zone = "UTC".into();
        d.set_end_state(EndState::Ongoing);
        assert_eq!(d.window.end.zone, "Asia/Kolkata");
        let typed = d.window.end.clone();
        d.set_end_state(EndState::Ended);
        assert_eq!(d.window.end, typed, "switching back keeps what was there");

        let mut d = Draft::new("d", "Asia/Tokyo");
        d.update.published.zone.clear();
        d.set_phase(Phase::Resolved);
        assert_eq!(d.update.published.zone, "Asia/Tokyo");
        assert_eq!(d.window.end_state, EndState::Ended);

        d.set_reader_actions(ReaderActions::Steps);
        assert_eq!(d.action_list.len(), 1);
        d.action_list[0].text = "re-send it".into();
        d.set_reader_actions(ReaderActions::Nothing);
        d.set_reader_actions(ReaderActions::Steps);
        assert_eq!(
            d.action_list.len(),
            1,
            "the typed step is kept, not doubled"
        );
        assert_eq!(d.action_list[0].text, "re-send it");
    }

    #[test]
    fn a_new_date_forgets_the_fold_choice() {
        let mut wall = WallTime::in_zone("America/New_York");
        wall.fold = Some(FoldChoice::Later);
        wall.set_date_input("2027-11-07");
        assert_eq!(wall.fold, None);
    }
}
