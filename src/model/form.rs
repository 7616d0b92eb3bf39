//! How a wall time's date and time are written by serde: as text where a
//! person may read it (stored and exported JSON: "2005-12-07", "17:05:00"),
//! as numbers in a share link's binary body (days since 1 January of year 1,
//! seconds since midnight and nanoseconds). chrono's own serde support is not
//! used: with its parsing it costs about 12 KB of gzip in the app.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use serde::de::Error;
use serde::{Deserialize, Deserializer, Serializer};

use super::{date_text, parse_date, parse_time};

/// "17:05:00": hours, minutes and seconds, as drafts store a time.
pub(crate) fn time_text(time: NaiveTime) -> String {
    let (h, m, s) = (time.hour(), time.minute(), time.second());
    format!("{h:02}:{m:02}:{s:02}")
}

/// A stored time ("17:05:00", or "17:05" as an input writes it), seconds kept.
pub(crate) fn parse_time_text(text: &str) -> Option<NaiveTime> {
    let time = parse_time(text)?;
    // parse_time checks the seconds and drops them; keep them here.
    let seconds = text.get(6..8).and_then(|s| s.parse().ok()).unwrap_or(0);
    time.with_second(seconds)
}

/// `#[serde(with = "form::date")]` for `Option<NaiveDate>`.
pub(crate) mod date {
    use super::*;

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            None => s.serialize_none(),
            Some(date) if s.is_human_readable() => s.serialize_some(&date_text(*date)),
            Some(date) => s.serialize_some(&date.num_days_from_ce()),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let date = if d.is_human_readable() {
            match Option::<String>::deserialize(d)? {
                None => return Ok(None),
                Some(text) => parse_date(&text),
            }
        } else {
            match Option::<i32>::deserialize(d)? {
                None => return Ok(None),
                Some(days) => NaiveDate::from_num_days_from_ce_opt(days),
            }
        };
        date.map(Some)
            .ok_or_else(|| D::Error::custom("a date is not a valid date"))
    }
}

/// `#[serde(with = "form::time")]` for `Option<NaiveTime>`.
pub(crate) mod time {
    use super::*;

    pub fn serialize<S: Serializer>(time: &Option<NaiveTime>, s: S) -> Result<S::Ok, S::Error> {
        match time {
            None => s.serialize_none(),
            Some(time) if s.is_human_readable() => s.serialize_some(&time_text(*time)),
            Some(time) => s.serialize_some(&(time.num_seconds_from_midnight(), time.nanosecond())),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveTime>, D::Error> {
        let time = if d.is_human_readable() {
            match Option::<String>::deserialize(d)? {
                None => return Ok(None),
                Some(text) => parse_time_text(&text),
            }
        } else {
            match Option::<(u32, u32)>::deserialize(d)? {
                None => return Ok(None),
                Some((secs, nanos)) => NaiveTime::from_num_seconds_from_midnight_opt(secs, nanos),
            }
        };
        time.map(Some)
            .ok_or_else(|| D::Error::custom("a time is not a valid time"))
    }
}
