//! Test support shared by the native integration tests.
//!
//! `Tzdb2026` is the zone-rules adapter the native tests use in place of the
//! browser's `Intl`: jiff's bundled tzdb (2026f), asked for explicitly, so the
//! machine's older /usr/share/zoneinfo can never answer.
#![allow(dead_code)]

use std::sync::OnceLock;

use candor::time::{TimeError, ZoneRules};
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
