//! How serde writes what the derives cannot say alone: a wall time's date
//! and time, as text where a person may read it (stored and exported JSON:
//! "2005-12-07", "17:05:00") and as numbers in a share link's binary body
//! (days since 1 January of year 1, seconds since midnight and nanoseconds);
//! and the draft's lists, read item by item up to [`MAX_LIST_ITEMS`]. chrono's
//! own serde support is not used: with its parsing it costs about 12 KB of
//! gzip in the app.

use std::marker::PhantomData;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use serde::de::{Error, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serializer};

use super::{date_text, parse_date, parse_time, MAX_LIST_ITEMS};

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

/// `#[serde(deserialize_with = "form::list")]` for a draft's lists: read
/// item by item, never reserving room for the count a binary form claims
/// (serde's own `Vec` reserves up to 1 MiB for it), and refused past
/// [`MAX_LIST_ITEMS`]: an item can take one byte of input and 150 of memory.
pub(crate) fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Vec<T>, D::Error> {
    struct Items<T>(PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for Items<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::new();
            while let Some(item) = items.next_element()? {
                if out.len() == MAX_LIST_ITEMS {
                    return Err(A::Error::custom("a list is longer than any draft holds"));
                }
                out.push(item);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(Items(PhantomData))
}
