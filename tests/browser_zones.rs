#![cfg(target_arch = "wasm32")]
//! The browser's `Intl` as Candor's zone rules, in headless Chromium.
//!
//! Goldens first; then the comparison: for every zone the browser lists,
//! every offset change 2000-2037 (found with `Temporal`, an independent
//! oracle in the same browser), Candor's `IntlZones` offsets and `resolve()`
//! gaps and folds against `Temporal`, and the browser's offsets against
//! jiff's bundled tzdb 2026f (reported, not failed); then the short-name rule
//! over every zone.

use std::collections::{BTreeMap, BTreeSet};

use candor::time::intl::{
    browser_description, browser_zone, name_locale, supported_zones, IntlZones,
};
use candor::time::{
    format_full, format_offset, in_zone, resolve, to_instant, FoldChoice, Resolution, TimeError,
    ZoneRules, ZonedTime,
};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike};
use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const H: i32 = 3600;
const M: i32 = 60;

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

fn naive(local: i64) -> NaiveDateTime {
    DateTime::from_timestamp(local, 0)
        .expect("in chrono's range")
        .naive_utc()
}

fn full(rules: &IntlZones, zone: &str, instant: i64) -> String {
    format_full(&in_zone(rules, zone, instant).expect("zone known"))
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

// --- Goldens -----------------------------------------------------------------

#[wasm_bindgen_test]
fn dyndns_golden() {
    let z = IntlZones::new();
    let ny = "America/New_York";
    let start = to_instant(&z, ny, w(2005, 12, 7, 17, 5), None).expect("start");
    let end = to_instant(&z, ny, w(2005, 12, 7, 19, 55), None).expect("end");
    assert_eq!(start, utc(2005, 12, 7, 22, 5));
    assert_eq!(end, utc(2005, 12, 8, 0, 55));
    assert_eq!(
        full(&z, ny, start),
        "Wednesday 7 December 2005, 17:05 EST (UTC-05:00)"
    );
    assert_eq!(
        full(&z, ny, end),
        "Wednesday 7 December 2005, 19:55 EST (UTC-05:00)"
    );
    assert_eq!(
        full(&z, "Europe/London", end),
        "Thursday 8 December 2005, 00:55 GMT (UTC+00:00)"
    );
    assert_eq!(
        full(&z, "UTC", start),
        "Wednesday 7 December 2005, 22:05 UTC (UTC+00:00)"
    );
    assert_eq!(
        full(&z, "Etc/UTC", end),
        "Thursday 8 December 2005, 00:55 UTC (UTC+00:00)"
    );
}

#[wasm_bindgen_test]
fn berlin_summer_and_winter() {
    let z = IntlZones::new();
    let berlin = "Europe/Berlin";
    let summer = to_instant(&z, berlin, w(2026, 7, 1, 9, 0), None).expect("summer");
    assert_eq!(summer, utc(2026, 7, 1, 7, 0));
    assert_eq!(
        full(&z, berlin, summer),
        "Wednesday 1 July 2026, 09:00 CEST (UTC+02:00)"
    );
    let winter = to_instant(&z, berlin, w(2026, 1, 1, 9, 0), None).expect("winter");
    assert_eq!(
        full(&z, berlin, winter),
        "Thursday 1 January 2026, 09:00 CET (UTC+01:00)"
    );
}

#[wasm_bindgen_test]
fn kathmandu_offset_without_a_name() {
    let z = IntlZones::new();
    // Chromium lists the zone under its older name; both must work.
    for ktm in ["Asia/Kathmandu", "Asia/Katmandu"] {
        let noon = to_instant(&z, ktm, w(2026, 6, 1, 12, 0), None).expect("unique");
        assert_eq!(noon, utc(2026, 6, 1, 6, 15));
        assert_eq!(full(&z, ktm, noon), "Monday 1 June 2026, 12:00 (UTC+05:45)");
        assert_eq!(z.short_name(ktm, noon), None);
    }
}

#[wasm_bindgen_test]
fn lord_howe_half_hour_gap_and_fold() {
    let z = IntlZones::new();
    let lh = "Australia/Lord_Howe";
    // 4 October 2026: 02:00 (+10:30) -> 02:30 (+11:00); only 30 minutes vanish.
    assert_eq!(
        resolve(&z, lh, w(2026, 10, 4, 2, 15)),
        Ok(Resolution::Gap {
            before: zt(
                utc(2026, 10, 3, 15, 29),
                w(2026, 10, 4, 1, 59),
                10 * H + 30 * M,
                Some("LHST")
            ),
            after: zt(
                utc(2026, 10, 3, 15, 30),
                w(2026, 10, 4, 2, 30),
                11 * H,
                Some("LHDT")
            ),
        })
    );
    // 5 April 2026: 02:00 (+11:00) -> 01:30 (+10:30); 01:30-01:59 happen twice.
    let wall = w(2026, 4, 5, 1, 45);
    let err = to_instant(&z, lh, wall, None).expect_err("fold");
    assert_eq!(
        err,
        TimeError::Ambiguous {
            zone: lh.to_owned(),
            wall,
            earlier: zt(utc(2026, 4, 4, 14, 45), wall, 11 * H, Some("LHDT")),
            later: zt(utc(2026, 4, 4, 15, 15), wall, 10 * H + 30 * M, Some("LHST")),
        }
    );
    assert_eq!(
        err.to_string(),
        "01:45 on Sunday 5 April 2026 happens twice in Australia/Lord_Howe. Choose 01:45 \
         LHDT (UTC+11:00), the first time, or 01:45 LHST (UTC+10:30), the second time."
    );
}

#[wasm_bindgen_test]
fn new_york_gap_and_fold_through_resolve() {
    let z = IntlZones::new();
    let ny = "America/New_York";
    let wall = w(2027, 3, 14, 2, 30);
    assert_eq!(
        resolve(&z, ny, wall),
        Ok(Resolution::Gap {
            before: zt(
                utc(2027, 3, 14, 6, 59),
                w(2027, 3, 14, 1, 59),
                -5 * H,
                Some("EST")
            ),
            after: zt(
                utc(2027, 3, 14, 7, 0),
                w(2027, 3, 14, 3, 0),
                -4 * H,
                Some("EDT")
            ),
        })
    );
    assert_eq!(
        to_instant(&z, ny, wall, None).expect_err("gap").to_string(),
        "02:30 on Sunday 14 March 2027 does not exist in America/New_York: the clocks \
         jumped from 02:00 to 03:00. Choose 01:59 EST (UTC-05:00) or 03:00 EDT (UTC-04:00)."
    );

    let wall = w(2027, 11, 7, 1, 30);
    assert_eq!(
        resolve(&z, ny, wall),
        Ok(Resolution::Fold {
            earlier: zt(utc(2027, 11, 7, 5, 30), wall, -4 * H, Some("EDT")),
            later: zt(utc(2027, 11, 7, 6, 30), wall, -5 * H, Some("EST")),
        })
    );
    assert_eq!(
        to_instant(&z, ny, wall, Some(FoldChoice::Later)),
        Ok(utc(2027, 11, 7, 6, 30))
    );
    assert_eq!(
        to_instant(&z, ny, wall, None)
            .expect_err("fold")
            .to_string(),
        "01:30 on Sunday 7 November 2027 happens twice in America/New_York. Choose 01:30 EDT \
         (UTC-04:00), the first time, or 01:30 EST (UTC-05:00), the second time."
    );
}

#[wasm_bindgen_test]
fn unknown_zones_are_errors_never_panics() {
    let z = IntlZones::new();
    let long = "Europe/".repeat(10_000);
    let hostile = [
        "Mars/Olympus_Mons",
        "",
        " ",
        "\0",
        "America/New_York\0",
        "../../etc/passwd",
        "+99:99",
        "UTC+5",
        "Europe/Berlin ",
        "🕰️",
        "\u{202e}kroY_weN/aciremA",
        long.as_str(),
    ];
    for zone in hostile {
        let err = TimeError::UnknownZone {
            zone: zone.to_owned(),
        };
        assert_eq!(z.offset_at(zone, 0), Err(err.clone()), "{zone:?}");
        assert_eq!(resolve(&z, zone, w(2026, 1, 1, 9, 0)), Err(err.clone()));
        assert_eq!(in_zone(&z, zone, 0), Err(err));
        assert_eq!(z.short_name(zone, 0), None);
    }
    // Intl takes zone names in any case, and ECMA-402 offset zones; both are
    // real zones to it, so they resolve (the picker never offers them).
    assert_eq!(z.offset_at("america/new_york", 0), Ok(-5 * H));
    assert_eq!(z.offset_at("+05:30", 0), Ok(5 * H + 30 * M));
    assert_eq!(z.short_name("+05:30", 0), None);
}

#[wasm_bindgen_test]
fn extreme_instants_are_errors_never_panics() {
    let z = IntlZones::new();
    for instant in [i64::MAX, i64::MIN, 8_640_000_000_001, -8_640_000_000_001] {
        assert_eq!(z.offset_at("UTC", instant), Err(TimeError::OutOfRange));
        assert_eq!(z.short_name("UTC", instant), None);
    }
    // The ends of JS's range still read.
    assert_eq!(z.offset_at("UTC", 8_640_000_000_000), Ok(0));
    assert_eq!(z.offset_at("UTC", -8_640_000_000_000), Ok(0));
    // Years before 1 read through the era: chrono's earliest wall time round-trips.
    let min = NaiveDateTime::MIN.and_utc().timestamp();
    assert_eq!(
        resolve(&z, "UTC", NaiveDateTime::MIN),
        Ok(Resolution::Unique(min))
    );
    assert_eq!(
        in_zone(&z, "UTC", min).expect("in range").wall,
        NaiveDateTime::MIN
    );
    let max = NaiveDateTime::MAX.and_utc().timestamp();
    assert_eq!(
        resolve(&z, "UTC", NaiveDateTime::MAX),
        Ok(Resolution::Unique(max))
    );
    // Near chrono's ends in a real zone: an answer or an error, never a panic.
    let _ = resolve(&z, "America/New_York", NaiveDateTime::MIN);
    let _ = resolve(&z, "Pacific/Kiritimati", NaiveDateTime::MAX);
    // New York's local mean time before 1883 has seconds.
    let lmt = z
        .offset_at("America/New_York", utc(1850, 1, 1, 0, 0))
        .expect("known");
    assert_eq!(format_offset(lmt), "UTC-04:56:02");
}

#[wasm_bindgen_test]
fn short_name_goldens() {
    let z = IntlZones::new();
    let (jan, jul) = (utc(2026, 1, 15, 12, 0), utc(2026, 7, 15, 12, 0));
    let cases: &[(&str, Option<&str>, Option<&str>)] = &[
        ("America/New_York", Some("EST"), Some("EDT")),
        ("America/St_Johns", Some("NST"), Some("NDT")),
        ("Europe/London", Some("GMT"), Some("BST")),
        ("Europe/Berlin", Some("CET"), Some("CEST")),
        ("Europe/Dublin", Some("GMT"), Some("IST")),
        ("Australia/Sydney", Some("AEDT"), Some("AEST")),
        ("Australia/Lord_Howe", Some("LHDT"), Some("LHST")),
        ("Asia/Kolkata", Some("IST"), Some("IST")),
        ("Asia/Calcutta", Some("IST"), Some("IST")),
        ("UTC", Some("UTC"), Some("UTC")),
        ("Etc/UTC", Some("UTC"), Some("UTC")),
        ("Pacific/Auckland", Some("NZDT"), Some("NZST")),
        ("Africa/Johannesburg", Some("SAST"), Some("SAST")),
        // tzdb's current name; Chromium lists the zone as Europe/Kiev.
        ("Europe/Kyiv", Some("EET"), Some("EEST")),
        ("Asia/Dubai", Some("GST"), Some("GST")),
        ("Pacific/Honolulu", Some("HST"), Some("HST")),
        // Intl says "IST" for Sri Lanka only in en-IN, which is not Sri
        // Lanka's English: no name rather than India's.
        ("Asia/Colombo", None, None),
        ("Asia/Kathmandu", None, None),
        ("Asia/Tokyo", None, None),
        ("Asia/Jerusalem", None, None),
        ("Europe/Istanbul", None, None),
        ("America/Sao_Paulo", None, None),
        ("Etc/GMT-14", None, None),
    ];
    let mut wrong = Vec::new();
    for &(zone, winter, summer) in cases {
        let got = (z.short_name(zone, jan), z.short_name(zone, jul));
        if got != (winter.map(str::to_owned), summer.map(str::to_owned)) {
            wrong.push(format!("{zone}: {got:?}, expected {winter:?}/{summer:?}"));
        }
    }
    assert!(wrong.is_empty(), "short names:\n{}", wrong.join("\n"));
}

#[wasm_bindgen_test]
fn browser_facts() {
    let zones = supported_zones();
    assert!(zones.len() > 400, "{} zones", zones.len());
    assert!(zones.iter().any(|z| z == "UTC"));
    assert!(zones.iter().any(|z| z == "America/New_York"));
    let own = browser_zone().expect("the browser names its zone");
    assert!(IntlZones::new().offset_at(&own, 0).is_ok(), "{own}");
    let browser = browser_description();
    console_log!(
        "browser: {browser}; its zone: {own}; it lists {} zones",
        zones.len()
    );
    assert!(
        browser.starts_with("Chrom") && browser.chars().any(|c| c.is_ascii_digit()),
        "{browser}"
    );
}

// --- The comparison: Intl + resolve() against Temporal, and against jiff ----

/// `Temporal`, reached through `Reflect` (not every browser ships it, so
/// Candor never uses it at run time).
struct Temporal {
    instant: JsValue,
    zoned: JsValue,
    keys: [JsValue; 3],
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).expect("property")
}

fn call1(target: &JsValue, method: &str, arg: &JsValue) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(target, &JsValue::from_str(method))?.dyn_into()?;
    f.call1(target, arg)
}

/// How Temporal reads a wall time.
#[derive(Debug)]
enum Oracle {
    Unique(i64),
    Fold {
        earlier: i64,
        later: i64,
    },
    /// `earlier` is the wall time moved back by the jump (at the new
    /// offset), `later` moved forward (at the old offset).
    Gap {
        earlier: i64,
        later: i64,
    },
}

impl Temporal {
    fn new() -> Self {
        let temporal = get(&js_sys::global(), "Temporal");
        assert!(temporal.is_object(), "this browser has no Temporal");
        Temporal {
            instant: get(&temporal, "Instant"),
            zoned: get(&temporal, "ZonedDateTime"),
            keys: ["epochMilliseconds", "offsetNanoseconds", "disambiguation"]
                .map(JsValue::from_str),
        }
    }

    fn at(&self, zone: &str, instant: i64) -> JsValue {
        let i = call1(
            &self.instant,
            "fromEpochMilliseconds",
            &JsValue::from_f64(instant as f64 * 1000.0),
        )
        .expect("instant");
        call1(&i, "toZonedDateTimeISO", &JsValue::from_str(zone)).expect("zone")
    }

    fn next(&self, zoned: &JsValue) -> Option<JsValue> {
        let next =
            call1(zoned, "getTimeZoneTransition", &JsValue::from_str("next")).expect("transition");
        (!next.is_null() && !next.is_undefined()).then_some(next)
    }

    /// (epoch seconds, offset seconds); panics on sub-second values, which
    /// 2000-2037 never has.
    fn read(&self, zoned: &JsValue) -> (i64, i64) {
        let ms = Reflect::get(zoned, &self.keys[0])
            .ok()
            .and_then(|v| v.as_f64())
            .expect("epochMilliseconds");
        let ns = Reflect::get(zoned, &self.keys[1])
            .ok()
            .and_then(|v| v.as_f64())
            .expect("offsetNanoseconds");
        assert!(
            ms % 1000.0 == 0.0 && ns % 1e9 == 0.0,
            "sub-second: {ms} {ns}"
        );
        ((ms / 1000.0) as i64, (ns / 1e9) as i64)
    }

    fn zoned_from_wall(&self, zone: &str, local: i64, how: &str) -> Result<JsValue, JsValue> {
        let wall = naive(local);
        let fields = Object::new();
        let set = |k: &str, v: JsValue| {
            Reflect::set(&fields, &JsValue::from_str(k), &v).expect("set");
        };
        set("timeZone", JsValue::from_str(zone));
        set("year", JsValue::from(wall.year()));
        set("month", JsValue::from(wall.month()));
        set("day", JsValue::from(wall.day()));
        set("hour", JsValue::from(wall.hour()));
        set("minute", JsValue::from(wall.minute()));
        set("second", JsValue::from(wall.second()));
        let options = Object::new();
        Reflect::set(&options, &self.keys[2], &JsValue::from_str(how)).expect("set");
        let from: Function = get(&self.zoned, "from").dyn_into().expect("from");
        from.call2(&self.zoned, &fields, &options)
    }

    fn resolve(&self, zone: &str, local: i64) -> Oracle {
        if let Ok(z) = self.zoned_from_wall(zone, local, "reject") {
            return Oracle::Unique(self.read(&z).0);
        }
        let e = self
            .zoned_from_wall(zone, local, "earlier")
            .expect("earlier");
        let l = self.zoned_from_wall(zone, local, "later").expect("later");
        let ((ei, eo), (li, lo)) = (self.read(&e), self.read(&l));
        if ei + eo == local && li + lo == local {
            Oracle::Fold {
                earlier: ei,
                later: li,
            }
        } else {
            Oracle::Gap {
                earlier: ei,
                later: li,
            }
        }
    }
}

/// Why Candor's reading of `local` differs from Temporal's, if it does.
fn compare_wall(
    t: &Temporal,
    zone: &str,
    local: i64,
    candor: &Result<Resolution, TimeError>,
    oracle: &Oracle,
) -> Option<String> {
    let ok = match (candor, oracle) {
        (Ok(Resolution::Unique(i)), Oracle::Unique(ti)) => i == ti,
        (
            Ok(Resolution::Fold { earlier, later }),
            Oracle::Fold {
                earlier: e,
                later: l,
            },
        ) => {
            let wall = naive(local);
            earlier.instant == *e
                && later.instant == *l
                && i64::from(earlier.offset_seconds) == local - e
                && i64::from(later.offset_seconds) == local - l
                && earlier.wall == wall
                && later.wall == wall
        }
        (Ok(Resolution::Gap { before, after }), Oracle::Gap { earlier, later }) => {
            // Temporal's two readings give the offsets either side of the
            // jump; its next transition after `earlier` is the jump itself.
            let (old, new) = (local - later, local - earlier);
            let (jump, _) = t.read(&t.next(&t.at(zone, *earlier)).expect("jump"));
            let last = jump - 1 - (jump - 1 + old).rem_euclid(60);
            after.instant == jump
                && i64::from(after.offset_seconds) == new
                && after.wall == naive(jump + new)
                && before.instant == last
                && i64::from(before.offset_seconds) == old
                && before.wall == naive(last + old)
        }
        _ => false,
    };
    (!ok).then(|| {
        format!(
            "{zone} wall {}: Candor {candor:?}, Temporal {oracle:?}",
            naive(local)
        )
    })
}

/// Where jiff's tzdb 2026f and the browser differ in one zone.
struct TzdbDifference {
    zone: String,
    instant: i64,
    browser: i32,
    tzdb: Option<i32>,
    last: i64,
    count: usize,
}

#[wasm_bindgen_test]
fn intl_and_resolve_agree_with_temporal_at_every_offset_change_2000_2037() {
    let started = now_ms();
    let z = IntlZones::new();
    let t = Temporal::new();
    let db = jiff::tz::TimeZoneDatabase::bundled();
    let (from, until) = (utc(2000, 1, 1, 0, 0), utc(2038, 1, 1, 0, 0));

    let zones = supported_zones();
    let (mut transitions, mut instants, mut walls) = (0usize, 0usize, 0usize);
    let mut tzdb_instants = 0usize;
    let (mut gaps, mut folds) = (0usize, 0usize);
    let mut disagreements: Vec<String> = Vec::new();
    let mut differences: Vec<TzdbDifference> = Vec::new();

    for zone in &zones {
        let tz = db.get(zone).ok();
        let mut checked: BTreeSet<i64> = BTreeSet::new();
        let mut cursor = t.at(zone, from);
        while let Some(next) = t.next(&cursor) {
            let (at, new) = t.read(&next);
            if at >= until {
                break;
            }
            transitions += 1;
            let (_, old) = t.read(&t.at(zone, at - 1));

            // (a) The offset at the change and a minute either side.
            for instant in [at - 60, at, at + 60] {
                let expected = if instant == at {
                    new
                } else {
                    t.read(&t.at(zone, instant)).1
                };
                instants += 1;
                checked.insert(instant);
                match z.offset_at(zone, instant) {
                    Ok(o) if i64::from(o) == expected => {}
                    got => disagreements.push(format!(
                        "{zone} at {}Z: Intl {got:?}, Temporal {expected}",
                        naive(instant)
                    )),
                }
            }

            // (b) Wall times around the change: the last minute before it
            // (old offset), the first wall time after it (new offset), the
            // middle of the gap or fold, and where the old clock would
            // have gone on.
            let (low, high) = (old.min(new), old.max(new));
            for local in [
                at - 60 + old,
                at + new,
                at + low + (high - low) / 2,
                at + old,
            ] {
                walls += 1;
                let candor = resolve(&z, zone, naive(local));
                let oracle = t.resolve(zone, local);
                match oracle {
                    Oracle::Gap { .. } => gaps += 1,
                    Oracle::Fold { .. } => folds += 1,
                    Oracle::Unique(_) => {}
                }
                disagreements.extend(compare_wall(&t, zone, local, &candor, &oracle));
            }
            cursor = next;
        }

        // jiff's own changes too, so one the browser lacks is still seen.
        if let Some(tz) = &tz {
            let start = jiff::Timestamp::from_second(from).expect("2000");
            for transition in tz.following(start) {
                let at = transition.timestamp().as_second();
                if at >= until {
                    break;
                }
                checked.extend([at - 60, at, at + 60]);
            }
        }
        let mut difference: Option<TzdbDifference> = None;
        for &instant in &checked {
            tzdb_instants += 1;
            let browser = z.offset_at(zone, instant).unwrap_or(i32::MIN);
            let tzdb = tz.as_ref().map(|tz| {
                tz.to_offset(jiff::Timestamp::from_second(instant).expect("in range"))
                    .seconds()
            });
            if tzdb != Some(browser) {
                match &mut difference {
                    Some(d) => {
                        d.count += 1;
                        d.last = instant;
                    }
                    None => {
                        difference = Some(TzdbDifference {
                            zone: zone.clone(),
                            instant,
                            browser,
                            tzdb,
                            last: instant,
                            count: 1,
                        })
                    }
                }
            }
        }
        differences.extend(difference);
    }

    let seconds = (now_ms() - started) / 1000.0;
    console_log!(
        "Intl vs Temporal, 2000-2037: {} zones, {transitions} offset changes, {instants} \
         instants, {walls} wall times resolved ({gaps} in gaps, {folds} in folds), {} \
         disagreements, {seconds:.1} s",
        zones.len(),
        disagreements.len()
    );
    console_log!(
        "Intl vs jiff tzdb 2026f: {tzdb_instants} instants, {} zones differ",
        differences.len()
    );
    for d in &differences {
        console_log!(
            "  {}: first at {}Z (browser {}, tzdb {}); {} instants differ, the last at {}Z",
            d.zone,
            naive(d.instant),
            format_offset(d.browser),
            d.tzdb.map_or("(no such zone)".to_owned(), format_offset),
            d.count,
            naive(d.last)
        );
    }
    assert!(transitions > 10_000, "only {transitions} transitions");
    assert!(
        disagreements.is_empty(),
        "{} disagreements; the first 20:\n{}",
        disagreements.len(),
        disagreements
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

// --- The short-name rule over every zone --------------------------------------

/// Every abbreviation the rule may show, with the offsets it may stand for.
/// A name outside this list fails the test, so a browser update that brings
/// a new one is read by a person before a notice shows it.
const NAMES: &[(&str, &[i32])] = &[
    ("UTC", &[0]),
    ("GMT", &[0]),
    ("BST", &[H]),
    ("IST", &[H, 5 * H + 30 * M]), // Ireland's summer time; India
    ("WET", &[0]),
    ("WEST", &[H]),
    ("CET", &[H]),
    ("CEST", &[2 * H]),
    ("EET", &[2 * H]),
    ("EEST", &[3 * H]),
    ("WAT", &[H]),
    ("WAST", &[2 * H]),
    ("CAT", &[2 * H]),
    ("SAST", &[2 * H]),
    ("EAT", &[3 * H]),
    ("GST", &[4 * H]),
    ("WIB", &[7 * H]),
    ("WITA", &[8 * H]),
    ("WIT", &[9 * H]),
    ("MYT", &[8 * H]),
    // Singapore's own standard time was +07:30 until 1982.
    ("SGT", &[7 * H + 30 * M, 8 * H]),
    ("HKT", &[8 * H]),
    ("HKST", &[9 * H]),
    ("ChST", &[10 * H]),
    ("AWST", &[8 * H]),
    ("AWDT", &[9 * H]),
    ("ACWST", &[8 * H + 45 * M]),
    ("ACWDT", &[9 * H + 45 * M]),
    ("ACST", &[9 * H + 30 * M]),
    ("ACDT", &[10 * H + 30 * M]),
    ("AEST", &[10 * H]),
    ("AEDT", &[11 * H]),
    ("LHST", &[10 * H + 30 * M]),
    ("LHDT", &[11 * H, 11 * H + 30 * M]),
    ("NZST", &[12 * H]),
    ("NZDT", &[13 * H]),
    ("CHAST", &[12 * H + 45 * M]),
    ("CHADT", &[13 * H + 45 * M]),
    ("NST", &[-3 * H - 30 * M]),
    // 1988's double daylight time is still "NDT" to Intl (tzdb: "NDDT").
    ("NDT", &[-2 * H - 30 * M, -H - 30 * M]),
    ("AST", &[-4 * H]),
    ("ADT", &[-3 * H]),
    ("EST", &[-5 * H]),
    ("EDT", &[-4 * H]),
    ("CST", &[-6 * H]),
    ("CDT", &[-5 * H]),
    ("MST", &[-7 * H]),
    ("MDT", &[-6 * H]),
    ("PST", &[-8 * H]),
    ("PDT", &[-7 * H]),
    ("AKST", &[-9 * H]),
    ("AKDT", &[-8 * H]),
    ("HST", &[-10 * H]),
    ("HAST", &[-10 * H]),
    ("HADT", &[-9 * H]),
];

#[wasm_bindgen_test]
fn short_name_rule_over_every_zone() {
    let started = now_ms();
    let z = IntlZones::new();
    let t = Temporal::new();
    let (from, until) = (utc(2000, 1, 1, 0, 0), utc(2038, 1, 1, 0, 0));
    let mut named: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut bad = Vec::new();
    let mut checked = 0usize;
    for zone in supported_zones() {
        // Mid-January and mid-July of every year 1970-2037, and both sides
        // of every offset change 2000-2037.
        let mut instants: Vec<i64> = (1970..=2037)
            .flat_map(|y| [utc(y, 1, 15, 12, 0), utc(y, 7, 15, 12, 0)])
            .collect();
        let mut cursor = t.at(&zone, from);
        while let Some(next) = t.next(&cursor) {
            let (at, _) = t.read(&next);
            if at >= until {
                break;
            }
            instants.extend([at - 1, at]);
            cursor = next;
        }
        for instant in instants {
            checked += 1;
            let Some(name) = z.short_name(&zone, instant) else {
                continue;
            };
            let offset = z.offset_at(&zone, instant).expect("zone known");
            let numeric = name.chars().any(|c| c.is_ascii_digit())
                || ((name.starts_with("GMT") || name.starts_with("UTC")) && name.len() > 3);
            let fits = NAMES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, offsets)| offsets.contains(&offset));
            match (numeric, fits) {
                (false, Some(true)) => {}
                (true, _) => bad.push(format!("{zone} {}Z: numeric \"{name}\"", naive(instant))),
                (false, Some(false)) => bad.push(format!(
                    "{zone} {}Z: \"{name}\" at {}",
                    naive(instant),
                    format_offset(offset)
                )),
                (false, None) => bad.push(format!("{zone}: unreviewed name \"{name}\"")),
            }
            named.entry(zone.clone()).or_default().insert(name);
        }
    }
    let mut table = String::new();
    for (zone, names) in &named {
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        table.push_str(&format!(
            "  {zone:<32} {:<6} {}\n",
            name_locale(zone),
            names.join(" ")
        ));
    }
    console_log!(
        "short names: {} of {} zones have one ({checked} instants, {:.1} s):\n{table}",
        named.len(),
        supported_zones().len(),
        (now_ms() - started) / 1000.0
    );
    bad.dedup();
    assert!(
        bad.is_empty(),
        "{} bad names:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
