//! The draft: everything a notice needs, in the domain's words.
//!
//! A `Draft` is what the author edits and what Candor stores and shares. Every
//! answer starts as "not said yet" so that the notice can show a marked gap
//! instead of inventing a fact. Every field has a serde default, so a draft
//! written by an older Candor (fewer fields) still loads.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::time::{self, FoldChoice, TimeError, ZoneRules};

/// The version of the stored and shared draft format. Raise it whenever a
/// change needs a migration, and add the migration beside the old fixture.
pub const SCHEMA_VERSION: u32 = 1;

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
    pub actions: ReaderActions,
    pub cause: Cause,
    /// What was done to fix it.
    pub fix: String,
    /// What will stop it happening again.
    pub prevention: String,
    /// What will catch it sooner if it does happen again.
    pub detection: String,
    pub apology: String,
    /// The zones the notice is written for, as IANA names.
    pub audience_zones: Vec<String>,
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
            cause: Cause::NotSaid,
            fix: String::new(),
            prevention: String::new(),
            detection: String::new(),
            apology: String::new(),
            audience_zones: Vec::new(),
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
                end: End::NotSaid,
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

/// When it happened.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Window {
    pub start: WallTime,
    pub end: End,
    /// While ongoing: when readers will hear from us next.
    pub next_update: WallTime,
}

/// A wall-clock time as the author entered it, in the zone they chose.
/// Date and time are separate so a half-entered time is kept, not lost.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WallTime {
    pub date: Option<NaiveDate>,
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

/// How the incident window ends. "Still ongoing" is a state, not a missing end.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum End {
    #[default]
    NotSaid,
    Ongoing,
    At(WallTime),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DataLoss {
    #[default]
    NotSaid,
    None,
    Some,
    All,
    NotKnownYet,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Recovery {
    #[default]
    NotSaid,
    Recovered,
    Partly,
    CannotRecover,
    NotKnownYet,
}

/// What readers must do.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReaderActions {
    #[default]
    NotSaid,
    /// Readers need to do nothing, and the notice says so.
    Nothing,
    Steps(Vec<Action>),
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

/// Why it happened.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cause {
    #[default]
    NotSaid,
    /// We do not know yet, and the notice says so.
    NotKnownYet,
    /// Owned, in the active voice: "we made a configuration error".
    Known(String),
}

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
