//! Time zones for notices: a wall time typed by the author becomes an instant
//! (with DST gaps and folds made explicit), and instants are shown as full
//! dates and times in the readers' zones.
//!
//! The zone rules come from outside, through [`ZoneRules`]. In the browser the
//! adapter is built on `Intl.DateTimeFormat(zone).formatToParts(date)`: that
//! call gives the wall time at an instant, and the offset is that wall time
//! minus the instant. So "offset at this instant" is the only primitive this
//! module needs; it never asks for transition lists, which `Intl` cannot give.
//! Everything that decides (gap, fold, which offsets are valid) is here, in
//! plain Rust, so it is tested natively against a tzdb-backed adapter.
//!
//! Notes for the `Intl` adapter: read year..second with `hourCycle: "h23"`
//! (some engines print midnight as "24" otherwise) and `era` if years before
//! 1 matter; treat a `timeZoneName: "short"` that is only "GMT+3"/"UTC-5" as
//! `None`; cache one `DateTimeFormat` per zone, since [`resolve`] makes about
//! 35 `offset_at` calls (about 60 for a gap); map a `RangeError` to
//! [`TimeError::UnknownZone`].
//!
//! Instants are Unix seconds (UTC); sub-second parts of wall times are
//! dropped, since a notice never shows them.

// The errors carry the two valid choices the UI offers (two `ZonedTime`s),
// which makes them larger than clippy likes. They are rare, built once per
// edit, and boxing them would only make the UI's pattern matching clumsier.
#![allow(clippy::result_large_err)]

use std::fmt;

pub mod catalog;
#[cfg(target_arch = "wasm32")]
pub mod intl;

use chrono::{DateTime, Datelike, NaiveDateTime, Timelike, Weekday};

/// Where zone rules come from: the browser's `Intl` at run time, or a tzdb
/// in native tests. Object-safe so callers pass `&dyn ZoneRules`.
pub trait ZoneRules {
    /// The offset from UTC, in seconds east, in force in `zone` at `instant`
    /// (Unix seconds). `Err(TimeError::UnknownZone)` when the zone is not known.
    fn offset_at(&self, zone: &str, instant: i64) -> Result<i32, TimeError>;

    /// The zone's real abbreviation at `instant` ("EST", "CEST", "AEDT", "IST"),
    /// or `None` when the only name is numeric (tzdb's "+03", `Intl`'s
    /// "GMT+3"): the notice then shows the numeric offset alone.
    fn short_name(&self, zone: &str, instant: i64) -> Option<String>;
}

/// Which side of a fold (a wall time that happens twice) the author meant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FoldChoice {
    /// The first occurrence (before the clocks went back).
    Earlier,
    /// The second occurrence (after the clocks went back).
    Later,
}

/// An instant together with how it reads in one zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZonedTime {
    pub instant: i64,
    pub wall: NaiveDateTime,
    pub offset_seconds: i32,
    pub short_name: Option<String>,
}

/// What a wall time means in a zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Exactly one instant has this wall time.
    Unique(i64),
    /// No instant has this wall time: the clocks jumped over it. `before` is
    /// the last valid minute before the jump, `after` the first valid wall
    /// time after it.
    Gap { before: ZonedTime, after: ZonedTime },
    /// Two instants have this wall time: the clocks went back over it.
    /// `earlier.instant < later.instant`.
    Fold {
        earlier: ZonedTime,
        later: ZonedTime,
    },
}

/// Everything that can go wrong turning times into text, each with a sentence
/// (its `Display`) that a tired person can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimeError {
    UnknownZone {
        zone: String,
    },
    Nonexistent {
        zone: String,
        wall: NaiveDateTime,
        before: ZonedTime,
        after: ZonedTime,
    },
    Ambiguous {
        zone: String,
        wall: NaiveDateTime,
        earlier: ZonedTime,
        later: ZonedTime,
    },
    OutOfRange,
}

const DAY: i64 = 86_400;
/// Probe spacing: finer than any real run of one offset inside the window,
/// so a short-lived offset next to the wall time is still seen.
const PROBE_STEP: i64 = 3 * 3_600;
/// Probe window each side. Offsets lie within about ±16 h (LMT included), and
/// Samoa skipped a whole day in 2011, so one day either side is not enough.
const PROBE_SPAN: i64 = 2 * DAY;

/// Resolves a wall time in `zone` to the instant(s) it names.
///
/// Works only from `offset_at`: collect the offsets in force around the wall
/// time, then accept each offset `o` for which `offset_at(wall - o) == o`.
/// None accepted is a gap, one is unique, two is a fold.
pub fn resolve(
    rules: &dyn ZoneRules,
    zone: &str,
    wall: NaiveDateTime,
) -> Result<Resolution, TimeError> {
    // The wall time's seconds as if it were UTC; `local - offset` is an instant.
    let local = wall.and_utc().timestamp();

    // (offset, offset in force at `local - offset`) for every offset seen.
    let mut probed: Vec<(i32, i32)> = Vec::new();
    let mut pending: Vec<i32> = Vec::new();
    let mut t = local.checked_sub(PROBE_SPAN).ok_or(TimeError::OutOfRange)?;
    let end = local.checked_add(PROBE_SPAN).ok_or(TimeError::OutOfRange)?;
    while t <= end {
        let o = rules.offset_at(zone, t)?;
        if !pending.contains(&o) {
            pending.push(o);
        }
        t += PROBE_STEP;
    }
    // Probe `local - o` for every offset seen; anything new found there is
    // probed in turn. Offsets are few, so this ends after a handful of rounds.
    while let Some(o) = pending.pop() {
        if probed.iter().any(|&(seen, _)| seen == o) {
            continue;
        }
        let at = rules.offset_at(zone, local - i64::from(o))?;
        probed.push((o, at));
        if !probed.iter().any(|&(seen, _)| seen == at) && !pending.contains(&at) {
            pending.push(at);
        }
    }

    let mut accepted: Vec<i64> = probed
        .iter()
        .filter(|&&(o, at)| o == at)
        .map(|&(o, _)| local - i64::from(o))
        .collect();
    crate::order::sort_by(&mut accepted, i64::cmp);
    accepted.dedup();

    match accepted.as_slice() {
        [] => gap(rules, zone, local, &probed),
        [only] => Ok(Resolution::Unique(*only)),
        // Three or more valid instants would need two transitions within a
        // day of each other both crossing this wall time; tzdb has none, but
        // if one appears the outermost two are still the honest choices.
        [first, .., last] => Ok(Resolution::Fold {
            earlier: in_zone(rules, zone, *first)?,
            later: in_zone(rules, zone, *last)?,
        }),
    }
}

/// Finds the jump that skipped `local` and returns the valid times either side.
fn gap(
    rules: &dyn ZoneRules,
    zone: &str,
    local: i64,
    probed: &[(i32, i32)],
) -> Result<Resolution, TimeError> {
    let min = probed.iter().map(|&(o, _)| o).min();
    let max = probed.iter().map(|&(o, _)| o).max();
    let (Some(min), Some(max)) = (min, max) else {
        return Err(TimeError::OutOfRange);
    };
    // The wall clock reads `t + offset_at(t)`. Every offset in force at
    // `local - max` was probed, so the clock there reads before `local`; at
    // `local - min` it reads after (never equal: nothing was accepted).
    // Bisect to the second where the clock jumps over `local`.
    let reads = |t: i64| -> Result<i64, TimeError> { Ok(t + i64::from(rules.offset_at(zone, t)?)) };
    let (mut lo, mut hi) = (local - i64::from(max), local - i64::from(min));
    if reads(lo)? >= local || reads(hi)? <= local {
        // Not a gap after all; only a zone whose rules change between calls
        // could get here.
        return Err(TimeError::OutOfRange);
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        match reads(mid)?.cmp(&local) {
            std::cmp::Ordering::Less => lo = mid,
            std::cmp::Ordering::Greater => hi = mid,
            // An offset the probes missed is valid here: the time exists.
            std::cmp::Ordering::Equal => return Ok(Resolution::Unique(mid)),
        }
    }
    // `hi` is the first instant after the jump. The last valid minute is the
    // start of the minute holding `hi - 1`.
    let last = in_zone(rules, zone, hi - 1)?;
    let before = in_zone(rules, zone, hi - 1 - i64::from(last.wall.second()))?;
    let after = in_zone(rules, zone, hi)?;
    Ok(Resolution::Gap { before, after })
}

/// Turns a wall time into an instant. A fold needs `fold` to say which side;
/// a gap is always an error carrying the two valid choices.
pub fn to_instant(
    rules: &dyn ZoneRules,
    zone: &str,
    wall: NaiveDateTime,
    fold: Option<FoldChoice>,
) -> Result<i64, TimeError> {
    match resolve(rules, zone, wall)? {
        Resolution::Unique(instant) => Ok(instant),
        Resolution::Fold { earlier, later } => match fold {
            Some(FoldChoice::Earlier) => Ok(earlier.instant),
            Some(FoldChoice::Later) => Ok(later.instant),
            None => Err(TimeError::Ambiguous {
                zone: zone.to_owned(),
                wall: without_nanos(wall),
                earlier,
                later,
            }),
        },
        Resolution::Gap { before, after } => Err(TimeError::Nonexistent {
            zone: zone.to_owned(),
            wall: without_nanos(wall),
            before,
            after,
        }),
    }
}

/// How `instant` reads in `zone`.
pub fn in_zone(rules: &dyn ZoneRules, zone: &str, instant: i64) -> Result<ZonedTime, TimeError> {
    let offset_seconds = rules.offset_at(zone, instant)?;
    let local = instant
        .checked_add(i64::from(offset_seconds))
        .ok_or(TimeError::OutOfRange)?;
    let wall = DateTime::from_timestamp(local, 0)
        .ok_or(TimeError::OutOfRange)?
        .naive_utc();
    Ok(ZonedTime {
        instant,
        wall,
        offset_seconds,
        short_name: rules.short_name(zone, instant),
    })
}

fn without_nanos(wall: NaiveDateTime) -> NaiveDateTime {
    wall.with_nanosecond(0).unwrap_or(wall)
}

/// "UTC-05:00", "UTC+05:45", "UTC+00:00". Seconds appear only when the offset
/// has them (historical local mean time, e.g. "UTC-04:56:02").
pub fn format_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let abs = seconds.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs / 60 % 60, abs % 60);
    if s == 0 {
        format!("UTC{sign}{h:02}:{m:02}")
    } else {
        format!("UTC{sign}{h:02}:{m:02}:{s:02}")
    }
}

/// "Wednesday 7 December 2005, 17:05 EST (UTC-05:00)", or without a short
/// name "Thursday 1 January 2026, 09:00 (UTC+03:00)".
pub fn format_full(t: &ZonedTime) -> String {
    format!("{}, {}", format_date(t), format_clock(t))
}

/// "17:05 EST (UTC-05:00)": for use where the date is already said.
pub fn format_clock(t: &ZonedTime) -> String {
    match &t.short_name {
        Some(name) => format!(
            "{} {name} ({})",
            hh_mm(t.wall),
            format_offset(t.offset_seconds)
        ),
        None => format!("{} ({})", hh_mm(t.wall), format_offset(t.offset_seconds)),
    }
}

/// "Wednesday 7 December 2005".
pub fn format_date(t: &ZonedTime) -> String {
    long_date(t.wall)
}

/// Elapsed real time, "2 hours 50 minutes", "1 day 3 hours", "45 minutes",
/// "less than a minute"; rounded down to the minute.
///
/// Takes `u64` on purpose: a negative duration is a caller bug (an end before
/// its start), and printing its absolute value would hide it. Use
/// [`elapsed_seconds`] to get the argument from two instants.
pub fn format_duration(seconds: u64) -> String {
    let (days, hours, minutes) = (seconds / 86_400, seconds / 3_600 % 24, seconds / 60 % 60);
    let parts: Vec<String> = [(days, "day"), (hours, "hour"), (minutes, "minute")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|&(n, unit)| {
            if n == 1 {
                format!("1 {unit}")
            } else {
                format!("{n} {unit}s")
            }
        })
        .collect();
    if parts.is_empty() {
        "less than a minute".to_owned()
    } else {
        parts.join(" ")
    }
}

/// Real seconds from `start` to `end`, or `None` when `end` is before `start`
/// (which the caller must show as a mistake, not as a duration).
pub fn elapsed_seconds(start: i64, end: i64) -> Option<u64> {
    u64::try_from(end.checked_sub(start)?).ok()
}

fn hh_mm(wall: NaiveDateTime) -> String {
    format!("{:02}:{:02}", wall.hour(), wall.minute())
}

/// English month names, January first: every date Candor writes or reads
/// uses these, never chrono's formatter (English whatever the platform, and
/// chrono's formatting code stays out of the wasm).
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn long_date(wall: NaiveDateTime) -> String {
    let weekday = match wall.weekday() {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    };
    let month = MONTHS.get(wall.month0() as usize).copied().unwrap_or("");
    format!("{weekday} {} {month} {}", wall.day(), wall.year())
}

/// A clock reading for an error sentence; dated when it falls on another day
/// than `day`, so a jump across midnight (or a whole day) stays clear.
fn clock_near(t: &ZonedTime, day: NaiveDateTime) -> String {
    if t.wall.date() == day.date() {
        format_clock(t)
    } else {
        let name = t
            .short_name
            .as_deref()
            .map(|n| format!(" {n}"))
            .unwrap_or_default();
        format!(
            "{}{name} on {} ({})",
            hh_mm(t.wall),
            long_date(t.wall),
            format_offset(t.offset_seconds)
        )
    }
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeError::UnknownZone { zone } => write!(
                f,
                "\"{zone}\" is not a time zone we know; choose one from the list, such as Europe/London."
            ),
            TimeError::Nonexistent {
                zone,
                wall,
                before,
                after,
            } => {
                // The wall clock just before the jump reads `after`'s instant
                // at `before`'s offset (02:00), and just after it `after` (03:00).
                let from =
                    DateTime::from_timestamp(after.instant + i64::from(before.offset_seconds), 0)
                        .map(|d| d.naive_utc())
                        .unwrap_or(after.wall);
                let jump = if from.date() == after.wall.date() {
                    format!("from {} to {}", hh_mm(from), hh_mm(after.wall))
                } else {
                    format!(
                        "from {} on {} to {} on {}",
                        hh_mm(from),
                        long_date(from),
                        hh_mm(after.wall),
                        long_date(after.wall)
                    )
                };
                write!(
                    f,
                    "{} on {} does not exist in {zone}: the clocks jumped {jump}. Choose {} or {}.",
                    hh_mm(*wall),
                    long_date(*wall),
                    clock_near(before, *wall),
                    clock_near(after, *wall)
                )
            }
            TimeError::Ambiguous {
                zone,
                wall,
                earlier,
                later,
            } => write!(
                f,
                "{} on {} happens twice in {zone}. Choose {}, the first time, or {}, the second time.",
                hh_mm(*wall),
                long_date(*wall),
                clock_near(earlier, *wall),
                clock_near(later, *wall)
            ),
            TimeError::OutOfRange => f.write_str(
                "That date is too far in the past or future to convert; check the year.",
            ),
        }
    }
}

impl std::error::Error for TimeError {}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn offsets() {
        assert_eq!(format_offset(-5 * 3600), "UTC-05:00");
        assert_eq!(format_offset(5 * 3600 + 45 * 60), "UTC+05:45");
        assert_eq!(format_offset(0), "UTC+00:00");
        assert_eq!(format_offset(-(3 * 3600 + 30 * 60)), "UTC-03:30");
        assert_eq!(format_offset(12 * 3600 + 45 * 60), "UTC+12:45");
        // Local mean time of New York before 1883.
        assert_eq!(format_offset(-(4 * 3600 + 56 * 60 + 2)), "UTC-04:56:02");
    }

    #[test]
    fn durations() {
        assert_eq!(format_duration(2 * 3600 + 50 * 60), "2 hours 50 minutes");
        assert_eq!(format_duration(3600), "1 hour");
        assert_eq!(format_duration(45 * 60), "45 minutes");
        assert_eq!(format_duration(27 * 3600), "1 day 3 hours");
        assert_eq!(format_duration(59), "less than a minute");
        assert_eq!(format_duration(0), "less than a minute");
        assert_eq!(format_duration(60), "1 minute");
        assert_eq!(format_duration(86_400 + 60 + 59), "1 day 1 minute");
        assert_eq!(format_duration(2 * 86_400), "2 days");
    }

    #[test]
    fn elapsed() {
        assert_eq!(elapsed_seconds(100, 160), Some(60));
        assert_eq!(elapsed_seconds(160, 100), None);
        assert_eq!(elapsed_seconds(i64::MIN, i64::MAX), None);
    }

    /// A zone with no changes, for checks that need no tzdb.
    struct Fixed(i32);

    impl ZoneRules for Fixed {
        fn offset_at(&self, zone: &str, _instant: i64) -> Result<i32, TimeError> {
            if zone == "Fixed" {
                Ok(self.0)
            } else {
                Err(TimeError::UnknownZone {
                    zone: zone.to_owned(),
                })
            }
        }
        fn short_name(&self, _zone: &str, _instant: i64) -> Option<String> {
            None
        }
    }

    #[test]
    fn fixed_zone_round_trip_and_format() {
        let rules = Fixed(3 * 3600);
        let wall = NaiveDate::from_ymd_opt(2026, 1, 1)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .expect("valid date");
        let instant = to_instant(&rules, "Fixed", wall, None).expect("unique");
        assert_eq!(instant, wall.and_utc().timestamp() - 3 * 3600);
        let t = in_zone(&rules, "Fixed", instant).expect("known");
        assert_eq!(
            format_full(&t),
            "Thursday 1 January 2026, 09:00 (UTC+03:00)"
        );
        assert_eq!(
            resolve(&rules, "Elsewhere", wall),
            Err(TimeError::UnknownZone {
                zone: "Elsewhere".to_owned()
            })
        );
    }

    #[test]
    fn far_out_of_range() {
        let rules = Fixed(0);
        assert_eq!(
            in_zone(&rules, "Fixed", i64::MAX),
            Err(TimeError::OutOfRange)
        );
        // chrono's extremes resolve without overflow; the instant is the caller's.
        let max = NaiveDateTime::MAX.and_utc().timestamp();
        assert_eq!(
            resolve(&rules, "Fixed", NaiveDateTime::MAX),
            Ok(Resolution::Unique(max))
        );
        let min = NaiveDateTime::MIN.and_utc().timestamp();
        assert_eq!(
            resolve(&Fixed(-3600), "Fixed", NaiveDateTime::MIN),
            Ok(Resolution::Unique(min + 3600))
        );
    }
}
