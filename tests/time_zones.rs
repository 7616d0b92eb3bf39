//! Native tests of `time` against jiff's bundled tzdb (2026f).
//!
//! The adapter asks for `TimeZoneDatabase::bundled()` explicitly, and jiff is
//! built without `tzdb-zoneinfo`, so the system's /usr/share/zoneinfo (2025b
//! here) can never leak in. The Vancouver and Casablanca tests below only pass
//! on 2026c or newer data, so they also prove which database answered.
//!
//! Expected values were worked out from the tzdb rules (the `Rule`/`Zone`
//! lines cited beside each test) and the calendar, not from the code.

mod common;

use candor::time::{
    elapsed_seconds, format_clock, format_date, format_duration, format_full, in_zone, resolve,
    to_instant, FoldChoice, Resolution, TimeError, ZonedTime,
};
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use common::Tzdb2026;
use jiff::Timestamp;
use proptest::prelude::*;

const R: &Tzdb2026 = &Tzdb2026;

fn w(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, mo, d)
        .and_then(|date| date.and_hms_opt(h, mi, 0))
        .expect("valid test date")
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
    w(y, mo, d, h, mi).and_utc().timestamp()
}

fn zt(instant: i64, wall: NaiveDateTime, offset_seconds: i32, name: Option<&str>) -> ZonedTime {
    ZonedTime {
        instant,
        wall,
        offset_seconds,
        short_name: name.map(str::to_owned),
    }
}

const H: i32 = 3600;
const M: i32 = 60;

fn full(zone: &str, instant: i64) -> String {
    format_full(&in_zone(R, zone, instant).expect("zone known"))
}

fn unique(zone: &str, wall: NaiveDateTime) -> i64 {
    match resolve(R, zone, wall) {
        Ok(Resolution::Unique(instant)) => instant,
        other => panic!("{zone} {wall}: expected a unique instant, got {other:?}"),
    }
}

// --- The DynDNS golden -------------------------------------------------------

#[test]
fn dyndns_golden() {
    let ny = "America/New_York";
    let start = to_instant(R, ny, w(2005, 12, 7, 17, 5), None).expect("start");
    let end = to_instant(R, ny, w(2005, 12, 7, 19, 55), None).expect("end");
    assert_eq!(start, utc(2005, 12, 7, 22, 5));
    assert_eq!(end, utc(2005, 12, 8, 0, 55));

    assert_eq!(
        full(ny, start),
        "Wednesday 7 December 2005, 17:05 EST (UTC-05:00)"
    );
    assert_eq!(
        full(ny, end),
        "Wednesday 7 December 2005, 19:55 EST (UTC-05:00)"
    );
    let start_ny = in_zone(R, ny, start).expect("ny");
    assert_eq!(format_clock(&start_ny), "17:05 EST (UTC-05:00)");
    assert_eq!(format_date(&start_ny), "Wednesday 7 December 2005");
    assert_eq!(
        format_duration(elapsed_seconds(start, end).expect("end after start")),
        "2 hours 50 minutes"
    );

    // London is on GMT in December; 19:55 EST is already the next day there.
    assert_eq!(
        full("Europe/London", start),
        "Wednesday 7 December 2005, 22:05 GMT (UTC+00:00)"
    );
    assert_eq!(
        full("Europe/London", end),
        "Thursday 8 December 2005, 00:55 GMT (UTC+00:00)"
    );
    // jiff names UTC (and Etc/UTC) "UTC", so the name and offset both say UTC.
    assert_eq!(
        full("UTC", start),
        "Wednesday 7 December 2005, 22:05 UTC (UTC+00:00)"
    );
    assert_eq!(
        full("Etc/UTC", end),
        "Thursday 8 December 2005, 00:55 UTC (UTC+00:00)"
    );
}

// --- America/New_York: US rules, Mar Sun>=8 and Nov Sun>=1 at 2:00 ----------

#[test]
fn new_york_spring_gap() {
    let ny = "America/New_York";
    // 14 March 2027 is the second Sunday of March.
    let wall = w(2027, 3, 14, 2, 30);
    let before = zt(
        utc(2027, 3, 14, 6, 59),
        w(2027, 3, 14, 1, 59),
        -5 * H,
        Some("EST"),
    );
    let after = zt(
        utc(2027, 3, 14, 7, 0),
        w(2027, 3, 14, 3, 0),
        -4 * H,
        Some("EDT"),
    );
    assert_eq!(
        resolve(R, ny, wall),
        Ok(Resolution::Gap {
            before: before.clone(),
            after: after.clone()
        })
    );
    let err = to_instant(R, ny, wall, None).expect_err("gap");
    assert_eq!(
        err,
        TimeError::Nonexistent {
            zone: ny.to_owned(),
            wall,
            before,
            after
        }
    );
    assert_eq!(
        err.to_string(),
        "02:30 on Sunday 14 March 2027 does not exist in America/New_York: the clocks \
         jumped from 02:00 to 03:00. Choose 01:59 EST (UTC-05:00) or 03:00 EDT (UTC-04:00)."
    );
    // A fold choice does not make a missing time exist.
    assert!(to_instant(R, ny, wall, Some(FoldChoice::Later)).is_err());

    // The edges: 01:59 and 03:00 exist, 02:00 and 02:59 do not.
    assert_eq!(unique(ny, w(2027, 3, 14, 1, 59)), utc(2027, 3, 14, 6, 59));
    assert_eq!(unique(ny, w(2027, 3, 14, 3, 0)), utc(2027, 3, 14, 7, 0));
    for m in [0, 59] {
        assert!(matches!(
            resolve(R, ny, w(2027, 3, 14, 2, m)),
            Ok(Resolution::Gap { .. })
        ));
    }
}

#[test]
fn new_york_autumn_fold() {
    let ny = "America/New_York";
    // 7 November 2027 is the first Sunday of November.
    let wall = w(2027, 11, 7, 1, 30);
    let earlier = zt(utc(2027, 11, 7, 5, 30), wall, -4 * H, Some("EDT"));
    let later = zt(utc(2027, 11, 7, 6, 30), wall, -5 * H, Some("EST"));
    assert_eq!(
        resolve(R, ny, wall),
        Ok(Resolution::Fold {
            earlier: earlier.clone(),
            later: later.clone()
        })
    );
    assert_eq!(
        to_instant(R, ny, wall, Some(FoldChoice::Earlier)),
        Ok(utc(2027, 11, 7, 5, 30))
    );
    assert_eq!(
        to_instant(R, ny, wall, Some(FoldChoice::Later)),
        Ok(utc(2027, 11, 7, 6, 30))
    );
    let err = to_instant(R, ny, wall, None).expect_err("fold");
    assert_eq!(
        err,
        TimeError::Ambiguous {
            zone: ny.to_owned(),
            wall,
            earlier,
            later
        }
    );
    assert_eq!(
        err.to_string(),
        "01:30 on Sunday 7 November 2027 happens twice in America/New_York. Choose 01:30 EDT \
         (UTC-04:00), the first time, or 01:30 EST (UTC-05:00), the second time."
    );
    // The edges: 00:59 only EDT, 02:00 only EST; a fold choice on a unique
    // time changes nothing.
    assert_eq!(unique(ny, w(2027, 11, 7, 0, 59)), utc(2027, 11, 7, 4, 59));
    assert_eq!(unique(ny, w(2027, 11, 7, 2, 0)), utc(2027, 11, 7, 7, 0));
    assert_eq!(
        to_instant(R, ny, w(2027, 11, 7, 2, 0), Some(FoldChoice::Earlier)),
        Ok(utc(2027, 11, 7, 7, 0))
    );
    assert!(matches!(
        resolve(R, ny, w(2027, 11, 7, 1, 0)),
        Ok(Resolution::Fold { .. })
    ));
    assert!(matches!(
        resolve(R, ny, w(2027, 11, 7, 1, 59)),
        Ok(Resolution::Fold { .. })
    ));
}

// --- Europe/London: EU rules, last Sunday of March/October at 01:00 UTC -----

#[test]
fn london_gap_and_fold() {
    let london = "Europe/London";
    // 29 March 2026 is the last Sunday of March: 01:00 GMT -> 02:00 BST.
    assert_eq!(
        resolve(R, london, w(2026, 3, 29, 1, 30)),
        Ok(Resolution::Gap {
            before: zt(
                utc(2026, 3, 29, 0, 59),
                w(2026, 3, 29, 0, 59),
                0,
                Some("GMT")
            ),
            after: zt(utc(2026, 3, 29, 1, 0), w(2026, 3, 29, 2, 0), H, Some("BST")),
        })
    );
    // 25 October 2026 is the last Sunday of October: 02:00 BST -> 01:00 GMT.
    let wall = w(2026, 10, 25, 1, 30);
    assert_eq!(
        resolve(R, london, wall),
        Ok(Resolution::Fold {
            earlier: zt(utc(2026, 10, 25, 0, 30), wall, H, Some("BST")),
            later: zt(utc(2026, 10, 25, 1, 30), wall, 0, Some("GMT")),
        })
    );
}

// --- Australia/Sydney: AN rules, Oct Sun>=1 and Apr Sun>=1 at 2:00s --------

#[test]
fn sydney_gap_and_fold() {
    let sydney = "Australia/Sydney";
    // 4 October 2026, first Sunday: 02:00 AEST -> 03:00 AEDT.
    let wall = w(2026, 10, 4, 2, 30);
    let err = to_instant(R, sydney, wall, None).expect_err("gap");
    assert_eq!(
        err,
        TimeError::Nonexistent {
            zone: sydney.to_owned(),
            wall,
            before: zt(
                utc(2026, 10, 3, 15, 59),
                w(2026, 10, 4, 1, 59),
                10 * H,
                Some("AEST")
            ),
            after: zt(
                utc(2026, 10, 3, 16, 0),
                w(2026, 10, 4, 3, 0),
                11 * H,
                Some("AEDT")
            ),
        }
    );
    assert_eq!(
        err.to_string(),
        "02:30 on Sunday 4 October 2026 does not exist in Australia/Sydney: the clocks jumped \
         from 02:00 to 03:00. Choose 01:59 AEST (UTC+10:00) or 03:00 AEDT (UTC+11:00)."
    );
    // 5 April 2026, first Sunday: 03:00 AEDT (02:00 standard) -> 02:00 AEST.
    let wall = w(2026, 4, 5, 2, 30);
    assert_eq!(
        resolve(R, sydney, wall),
        Ok(Resolution::Fold {
            earlier: zt(utc(2026, 4, 4, 15, 30), wall, 11 * H, Some("AEDT")),
            later: zt(utc(2026, 4, 4, 16, 30), wall, 10 * H, Some("AEST")),
        })
    );
}

// --- Australia/Lord_Howe: +10:30 with a 30-minute DST, LH rules at 2:00 ----

#[test]
fn lord_howe_half_hour_gap_and_fold() {
    let lh = "Australia/Lord_Howe";
    // 4 October 2026: 02:00 (+10:30) -> 02:30 (+11:00); only 30 minutes vanish.
    assert_eq!(
        resolve(R, lh, w(2026, 10, 4, 2, 15)),
        Ok(Resolution::Gap {
            // tzdb names these "+1030" and "+11": no real abbreviation.
            before: zt(
                utc(2026, 10, 3, 15, 29),
                w(2026, 10, 4, 1, 59),
                10 * H + 30 * M,
                None
            ),
            after: zt(
                utc(2026, 10, 3, 15, 30),
                w(2026, 10, 4, 2, 30),
                11 * H,
                None
            ),
        })
    );
    assert_eq!(unique(lh, w(2026, 10, 4, 2, 30)), utc(2026, 10, 3, 15, 30));
    // 5 April 2026: 02:00 (+11:00) -> 01:30 (+10:30); 01:30-01:59 happen twice.
    let wall = w(2026, 4, 5, 1, 45);
    let err = to_instant(R, lh, wall, None).expect_err("fold");
    assert_eq!(
        err,
        TimeError::Ambiguous {
            zone: lh.to_owned(),
            wall,
            earlier: zt(utc(2026, 4, 4, 14, 45), wall, 11 * H, None),
            later: zt(utc(2026, 4, 4, 15, 15), wall, 10 * H + 30 * M, None),
        }
    );
    assert_eq!(
        err.to_string(),
        "01:45 on Sunday 5 April 2026 happens twice in Australia/Lord_Howe. Choose 01:45 \
         (UTC+11:00), the first time, or 01:45 (UTC+10:30), the second time."
    );
    assert_eq!(unique(lh, w(2026, 4, 5, 1, 29)), utc(2026, 4, 4, 14, 29));
}

// --- Asia/Kathmandu: a fixed +05:45 since 1986 --------------------------------

#[test]
fn kathmandu_quarter_hour_offset() {
    let ktm = "Asia/Kathmandu";
    let noon = unique(ktm, w(2026, 6, 1, 12, 0));
    assert_eq!(noon, utc(2026, 6, 1, 6, 15));
    assert_eq!(full(ktm, noon), "Monday 1 June 2026, 12:00 (UTC+05:45)");
    // The DynDNS start, seen from Kathmandu: 22:05 UTC + 5:45 = 03:50 next day.
    assert_eq!(
        full(ktm, utc(2005, 12, 7, 22, 5)),
        "Thursday 8 December 2005, 03:50 (UTC+05:45)"
    );
}

// --- Pacific/Chatham: +12:45 / +13:45, Chatham rules at 2:45s --------------

#[test]
fn chatham_gap_and_fold() {
    let ch = "Pacific/Chatham";
    // 27 September 2026, last Sunday: 02:45 (+12:45) -> 03:45 (+13:45).
    let wall = w(2026, 9, 27, 3, 0);
    let err = to_instant(R, ch, wall, None).expect_err("gap");
    assert_eq!(
        err,
        TimeError::Nonexistent {
            zone: ch.to_owned(),
            wall,
            before: zt(
                utc(2026, 9, 26, 13, 59),
                w(2026, 9, 27, 2, 44),
                12 * H + 45 * M,
                None
            ),
            after: zt(
                utc(2026, 9, 26, 14, 0),
                w(2026, 9, 27, 3, 45),
                13 * H + 45 * M,
                None
            ),
        }
    );
    assert_eq!(
        err.to_string(),
        "03:00 on Sunday 27 September 2026 does not exist in Pacific/Chatham: the clocks \
         jumped from 02:45 to 03:45. Choose 02:44 (UTC+12:45) or 03:45 (UTC+13:45)."
    );
    // 5 April 2026, first Sunday: 03:45 (+13:45) -> 02:45 (+12:45).
    let wall = w(2026, 4, 5, 3, 15);
    assert_eq!(
        resolve(R, ch, wall),
        Ok(Resolution::Fold {
            earlier: zt(utc(2026, 4, 4, 13, 30), wall, 13 * H + 45 * M, None),
            later: zt(utc(2026, 4, 4, 14, 30), wall, 12 * H + 45 * M, None),
        })
    );
}

// --- Europe/Dublin: IST is standard time and GMT "negative DST" in main tzdb --

#[test]
fn dublin_gmt_and_ist() {
    let dublin = "Europe/Dublin";
    // Offsets are all that resolution uses, so the sign of DST cannot matter;
    // Eire rules switch at 01:00 UTC like the EU.
    let summer = unique(dublin, w(2026, 7, 1, 12, 0));
    assert_eq!(summer, utc(2026, 7, 1, 11, 0));
    assert_eq!(
        full(dublin, summer),
        "Wednesday 1 July 2026, 12:00 IST (UTC+01:00)"
    );
    let winter = unique(dublin, w(2026, 1, 15, 12, 0));
    assert_eq!(
        full(dublin, winter),
        "Thursday 15 January 2026, 12:00 GMT (UTC+00:00)"
    );
    assert_eq!(
        resolve(R, dublin, w(2026, 3, 29, 1, 30)),
        Ok(Resolution::Gap {
            before: zt(
                utc(2026, 3, 29, 0, 59),
                w(2026, 3, 29, 0, 59),
                0,
                Some("GMT")
            ),
            after: zt(utc(2026, 3, 29, 1, 0), w(2026, 3, 29, 2, 0), H, Some("IST")),
        })
    );
    let wall = w(2026, 10, 25, 1, 30);
    assert_eq!(
        resolve(R, dublin, wall),
        Ok(Resolution::Fold {
            earlier: zt(utc(2026, 10, 25, 0, 30), wall, H, Some("IST")),
            later: zt(utc(2026, 10, 25, 1, 30), wall, 0, Some("GMT")),
        })
    );
}

// --- Africa/Casablanca: +01 with Ramadan at +00, then permanent +00 --------
// Rule Morocco 2026 only - Feb 15 3:00 -1:00 / Mar 22 2:00 0;
// Zone line "1:00 Morocco %z 2026 Sep 20 2:00" then "0:00 - %z" (tzdb 2026c).

#[test]
fn casablanca_ramadan_2026() {
    let casa = "Africa/Casablanca";
    // Ramadan starts: 03:00 (+01) -> 02:00 (+00) on Sunday 15 February 2026.
    let wall = w(2026, 2, 15, 2, 30);
    assert_eq!(
        resolve(R, casa, wall),
        Ok(Resolution::Fold {
            earlier: zt(utc(2026, 2, 15, 1, 30), wall, H, None),
            later: zt(utc(2026, 2, 15, 2, 30), wall, 0, None),
        })
    );
    // Ramadan ends: 02:00 (+00) -> 03:00 (+01) on Sunday 22 March 2026.
    assert_eq!(
        resolve(R, casa, w(2026, 3, 22, 2, 30)),
        Ok(Resolution::Gap {
            before: zt(utc(2026, 3, 22, 1, 59), w(2026, 3, 22, 1, 59), 0, None),
            after: zt(utc(2026, 3, 22, 2, 0), w(2026, 3, 22, 3, 0), H, None),
        })
    );
    // In between, Ramadan time is UTC itself.
    assert_eq!(unique(casa, w(2026, 3, 1, 12, 0)), utc(2026, 3, 1, 12, 0));
}

#[test]
fn casablanca_returns_to_utc_in_september_2026() {
    // Only tzdb 2026c and later know this: 02:00 (+01) -> 01:00 (+00), and
    // no Ramadan change in 2027 after it.
    let casa = "Africa/Casablanca";
    let wall = w(2026, 9, 20, 1, 30);
    assert_eq!(
        resolve(R, casa, wall),
        Ok(Resolution::Fold {
            earlier: zt(utc(2026, 9, 20, 0, 30), wall, H, None),
            later: zt(utc(2026, 9, 20, 1, 30), wall, 0, None),
        })
    );
    assert_eq!(unique(casa, w(2027, 2, 14, 2, 30)), utc(2027, 2, 14, 2, 30));
    assert_eq!(unique(casa, w(2027, 7, 1, 12, 0)), utc(2027, 7, 1, 12, 0));
}

// --- America/Sao_Paulo: Brazil dropped DST in 2019 ----------------------------

#[test]
fn sao_paulo_no_gap_after_2019() {
    let sp = "America/Sao_Paulo";
    // Under the 2018 rule (Nov Sun>=1 0:00) this would be a gap; since 2019, -03 all year.
    let t = unique(sp, w(2019, 11, 3, 0, 30));
    assert_eq!(t, utc(2019, 11, 3, 3, 30));
    assert_eq!(full(sp, t), "Sunday 3 November 2019, 00:30 (UTC-03:00)");
    // The last spring-forward, 4 November 2018: 00:00 (-03) -> 01:00 (-02).
    assert_eq!(
        resolve(R, sp, w(2018, 11, 4, 0, 30)),
        Ok(Resolution::Gap {
            before: zt(
                utc(2018, 11, 4, 2, 59),
                w(2018, 11, 3, 23, 59),
                -3 * H,
                None
            ),
            after: zt(utc(2018, 11, 4, 3, 0), w(2018, 11, 4, 1, 0), -2 * H, None),
        })
    );
    // The last fall-back, Sunday 17 February 2019 00:00 (-02) -> Saturday 23:00 (-03).
    let wall = w(2019, 2, 16, 23, 30);
    assert_eq!(
        resolve(R, sp, wall),
        Ok(Resolution::Fold {
            earlier: zt(utc(2019, 2, 17, 1, 30), wall, -2 * H, None),
            later: zt(utc(2019, 2, 17, 2, 30), wall, -3 * H, None),
        })
    );
}

// --- Pacific/Apia: Friday 30 December 2011 never happened ------------------
// Zone "-11:00 WS %z 2011 Dec 29 24:00" then "13:00 WS"; WS DST (+1) in force.

#[test]
fn apia_skipped_a_whole_day() {
    let apia = "Pacific/Apia";
    let before = zt(
        utc(2011, 12, 30, 9, 59),
        w(2011, 12, 29, 23, 59),
        -10 * H,
        None,
    );
    let after = zt(
        utc(2011, 12, 30, 10, 0),
        w(2011, 12, 31, 0, 0),
        14 * H,
        None,
    );
    for (h, m) in [(0, 0), (12, 0), (23, 59)] {
        assert_eq!(
            resolve(R, apia, w(2011, 12, 30, h, m)),
            Ok(Resolution::Gap {
                before: before.clone(),
                after: after.clone()
            }),
            "30 December 2011 {h:02}:{m:02}"
        );
    }
    assert_eq!(
        unique(apia, w(2011, 12, 29, 23, 59)),
        utc(2011, 12, 30, 9, 59)
    );
    assert_eq!(
        unique(apia, w(2011, 12, 31, 0, 0)),
        utc(2011, 12, 30, 10, 0)
    );
    let err = to_instant(R, apia, w(2011, 12, 30, 12, 0), None).expect_err("gap");
    assert_eq!(
        err.to_string(),
        "12:00 on Friday 30 December 2011 does not exist in Pacific/Apia: the clocks jumped \
         from 00:00 on Friday 30 December 2011 to 00:00 on Saturday 31 December 2011. Choose \
         23:59 on Thursday 29 December 2011 (UTC-10:00) or 00:00 on Saturday 31 December 2011 \
         (UTC+14:00)."
    );
    // Across the skipped day, 22:00 Thursday to 02:00 Saturday is 4 real hours.
    let start = unique(apia, w(2011, 12, 29, 22, 0));
    let end = unique(apia, w(2011, 12, 31, 2, 0));
    assert_eq!(
        format_duration(elapsed_seconds(start, end).expect("ordered")),
        "4 hours"
    );
}

// --- America/Vancouver: permanent -07 from 1 November 2026 (tzdb 2026b) ----

#[test]
fn vancouver_no_longer_falls_back() {
    let van = "America/Vancouver";
    // tzdb 2025b would make this a fold; 2026b+ keeps -07 (PDT, then MST).
    assert_eq!(unique(van, w(2026, 11, 1, 1, 30)), utc(2026, 11, 1, 8, 30));
    let winter = unique(van, w(2027, 1, 15, 12, 0));
    assert_eq!(
        full(van, winter),
        "Friday 15 January 2027, 12:00 MST (UTC-07:00)"
    );
    // And no spring-forward gap in 2027.
    assert_eq!(unique(van, w(2027, 3, 14, 2, 30)), utc(2027, 3, 14, 9, 30));
}

// --- Windows that cross a year boundary or a DST change ------------------

#[test]
fn window_across_new_year() {
    let ny = "America/New_York";
    let start = to_instant(R, ny, w(2026, 12, 31, 22, 30), None).expect("start");
    let end = to_instant(R, ny, w(2027, 1, 1, 1, 15), None).expect("end");
    assert_eq!(
        format_duration(elapsed_seconds(start, end).expect("ordered")),
        "2 hours 45 minutes"
    );
    assert_eq!(
        full(ny, start),
        "Thursday 31 December 2026, 22:30 EST (UTC-05:00)"
    );
    assert_eq!(
        full(ny, end),
        "Friday 1 January 2027, 01:15 EST (UTC-05:00)"
    );
    // Readers elsewhere are already in 2027 at the start.
    assert_eq!(
        full("Europe/London", start),
        "Friday 1 January 2027, 03:30 GMT (UTC+00:00)"
    );
    assert_eq!(
        full("Asia/Tokyo", start),
        "Friday 1 January 2027, 12:30 JST (UTC+09:00)"
    );
    assert_eq!(
        full("Australia/Sydney", start),
        "Friday 1 January 2027, 14:30 AEDT (UTC+11:00)"
    );
    assert_eq!(
        full("Pacific/Honolulu", start),
        "Thursday 31 December 2026, 17:30 HST (UTC-10:00)"
    );
    // A longer outage over the new year.
    let long_start = to_instant(R, ny, w(2026, 12, 30, 20, 0), None).expect("start");
    let long_end = to_instant(R, ny, w(2027, 1, 1, 23, 0), None).expect("end");
    assert_eq!(
        format_duration(elapsed_seconds(long_start, long_end).expect("ordered")),
        "2 days 3 hours"
    );
}

#[test]
fn window_across_dst_counts_real_time() {
    let ny = "America/New_York";
    let elapsed = |a: i64, b: i64| format_duration(elapsed_seconds(a, b).expect("ordered"));
    // Spring forward: the clock says three hours, only two pass.
    let start = to_instant(R, ny, w(2027, 3, 14, 0, 30), None).expect("start");
    let end = to_instant(R, ny, w(2027, 3, 14, 3, 30), None).expect("end");
    assert_eq!(elapsed(start, end), "2 hours");
    // Fall back: the clock says two hours, three pass.
    let start = to_instant(R, ny, w(2027, 11, 7, 0, 30), None).expect("start");
    let end = to_instant(R, ny, w(2027, 11, 7, 2, 30), None).expect("end");
    assert_eq!(elapsed(start, end), "3 hours");
    // Ending inside the fold: the author's choice decides the length.
    let first = to_instant(R, ny, w(2027, 11, 7, 1, 30), Some(FoldChoice::Earlier)).expect("1st");
    let second = to_instant(R, ny, w(2027, 11, 7, 1, 30), Some(FoldChoice::Later)).expect("2nd");
    assert_eq!(elapsed(start, first), "1 hour");
    assert_eq!(elapsed(start, second), "2 hours");
    // An end before its start is not a duration.
    assert_eq!(elapsed_seconds(end, start), None);
}

// --- Unknown zones -----------------------------------------------------------

#[test]
fn unknown_zone() {
    let err = TimeError::UnknownZone {
        zone: "Mars/Olympus_Mons".to_owned(),
    };
    assert_eq!(
        resolve(R, "Mars/Olympus_Mons", w(2026, 1, 1, 9, 0)),
        Err(err.clone())
    );
    assert_eq!(in_zone(R, "Mars/Olympus_Mons", 0), Err(err.clone()));
    assert_eq!(
        to_instant(R, "Mars/Olympus_Mons", w(2026, 1, 1, 9, 0), None),
        Err(err.clone())
    );
    assert_eq!(
        err.to_string(),
        "\"Mars/Olympus_Mons\" is not a time zone we know; choose one from the list, such as \
         Europe/London."
    );
    assert!(resolve(R, "", w(2026, 1, 1, 9, 0)).is_err());
}

#[test]
fn numeric_only_zone_shows_offset_alone() {
    // Europe/Istanbul is "+03" in tzdb: no abbreviation to show.
    let t = unique("Europe/Istanbul", w(2026, 1, 1, 9, 0));
    assert_eq!(t, utc(2026, 1, 1, 6, 0));
    assert_eq!(
        full("Europe/Istanbul", t),
        "Thursday 1 January 2026, 09:00 (UTC+03:00)"
    );
}

// --- Every transition 1970-2037, against a model built from jiff's own list --

const ZONES: &[&str] = &[
    "America/New_York",
    "America/St_Johns",
    "America/Sao_Paulo",
    "America/Santiago",
    "America/Vancouver",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Berlin",
    "Africa/Casablanca",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Tehran",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Pacific/Apia",
    "Pacific/Kiritimati",
    "UTC",
];

/// Start of 1970 and end of 2037 (Unix seconds).
const FROM: i64 = 0;
const UNTIL: i64 = 2_145_916_800;

/// Offsets from jiff's transition list, not from `offset_at`: (start, offset).
fn regimes(name: &str) -> Vec<(i64, i32)> {
    let tz = common::zone(name).expect("known zone");
    let first = Timestamp::from_second(FROM - 2 * 86_400).expect("in range");
    let mut out = vec![(i64::MIN, tz.to_offset(first).seconds())];
    for t in tz.following(first) {
        let at = t.timestamp().as_second();
        if at > UNTIL + 2 * 86_400 {
            break;
        }
        out.push((at, t.offset().seconds()));
    }
    out
}

/// The instants whose wall time is `local`, by brute force over the regimes.
fn model(regimes: &[(i64, i32)], local: i64) -> Vec<i64> {
    let mut found = Vec::new();
    for (i, &(start, offset)) in regimes.iter().enumerate() {
        let end = regimes.get(i + 1).map_or(i64::MAX, |&(next, _)| next);
        let instant = local - i64::from(offset);
        if start <= instant && instant < end {
            found.push(instant);
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

fn naive(local: i64) -> NaiveDateTime {
    DateTime::from_timestamp(local, 0)
        .expect("in range")
        .naive_utc()
}

#[test]
fn every_transition_1970_2037_matches_the_model() {
    let mut checked = 0;
    for &name in ZONES {
        let regimes = regimes(name);
        for pair in regimes.windows(2) {
            let [(_, was), (at, now)] = [pair[0], pair[1]];
            if !(FROM..=UNTIL).contains(&at) {
                continue;
            }
            let (lo, hi) = (at + i64::from(was.min(now)), at + i64::from(was.max(now)));
            let mut walls: Vec<i64> = (-12..=12).map(|k| lo + k * 600).collect();
            walls.extend((0..=12).map(|k| hi + k * 600));
            walls.extend([lo - 60, lo - 1, lo, lo + 60, hi - 60, hi - 1, hi, hi + 60]);
            for local in walls {
                let wall = naive(local);
                let expected = model(&regimes, local);
                let got = resolve(R, name, wall).expect("resolves");
                match (&got, expected.as_slice()) {
                    (Resolution::Unique(i), [e]) => assert_eq!(i, e, "{name} {wall}"),
                    (Resolution::Fold { earlier, later }, [a, b]) => {
                        assert_eq!((earlier.instant, later.instant), (*a, *b), "{name} {wall}");
                    }
                    (Resolution::Gap { before, after }, []) => {
                        // The jump that skipped `local`: it starts at `after`.
                        let jump = regimes
                            .iter()
                            .position(|&(start, _)| start == after.instant)
                            .unwrap_or_else(|| panic!("{name} {wall}: {after:?} is no transition"));
                        let (_, was) = regimes[jump - 1];
                        let (_, now) = regimes[jump];
                        assert!(
                            after.instant + i64::from(was) <= local
                                && local < after.instant + i64::from(now),
                            "{name} {wall}: wrong jump {after:?}"
                        );
                        let last = after.instant - 1 + i64::from(was);
                        assert_eq!(before.instant, after.instant - 1 - last.rem_euclid(60));
                    }
                    _ => panic!("{name} {wall}: got {got:?}, model says {expected:?}"),
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 10_000, "only {checked} wall times checked");
}

// --- Properties over random wall times -----------------------------------

fn check_maps_back(name: &str, t: &ZonedTime) -> Result<(), TestCaseError> {
    let again = in_zone(R, name, t.instant).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&again, t);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn resolve_round_trips(zi in 0..ZONES.len(), local in FROM..UNTIL) {
        let name = ZONES[zi];
        let wall = naive(local);
        match resolve(R, name, wall) {
            Ok(Resolution::Unique(instant)) => {
                prop_assert_eq!(in_zone(R, name, instant).map(|t| t.wall), Ok(wall));
            }
            Ok(Resolution::Fold { earlier, later }) => {
                prop_assert!(earlier.instant < later.instant);
                prop_assert_eq!(earlier.wall, wall);
                prop_assert_eq!(later.wall, wall);
                check_maps_back(name, &earlier)?;
                check_maps_back(name, &later)?;
            }
            Ok(Resolution::Gap { before, after }) => {
                prop_assert!(before.wall < wall && wall < after.wall);
                prop_assert!(before.instant < after.instant);
                check_maps_back(name, &before)?;
                check_maps_back(name, &after)?;
            }
            Err(e) => prop_assert!(false, "{} {}: {}", name, wall, e),
        }
    }

    #[test]
    fn every_instant_is_found_again(zi in 0..ZONES.len(), instant in FROM..UNTIL) {
        let name = ZONES[zi];
        let wall = in_zone(R, name, instant).map_err(|e| TestCaseError::fail(e.to_string()))?.wall;
        let found = match resolve(R, name, wall) {
            Ok(Resolution::Unique(i)) => vec![i],
            Ok(Resolution::Fold { earlier, later }) => vec![earlier.instant, later.instant],
            other => return Err(TestCaseError::fail(format!("{name} {wall}: {other:?}"))),
        };
        prop_assert!(found.contains(&instant));
    }
}
