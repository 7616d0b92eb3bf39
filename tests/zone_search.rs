#![cfg(not(target_arch = "wasm32"))]
//! The zone picker finds zones the way people think of them.

mod common;

use candor::time::catalog::{search, searchable_zones};
use common::Tzdb2026;

/// 1 July 2026, 12:00 UTC: northern summer time.
const JULY_2026: i64 = 1_782_907_200;
/// 15 January 2026, 12:00 UTC: northern winter time.
const JANUARY_2026: i64 = 1_768_478_400;

fn known() -> Vec<String> {
    searchable_zones()
}

fn zones_for(query: &str, now: i64) -> Vec<String> {
    search(query, &known(), &Tzdb2026, now)
        .into_iter()
        .map(|m| m.zone)
        .collect()
}

#[test]
fn by_city() {
    assert_eq!(zones_for("Berlin", JULY_2026)[0], "Europe/Berlin");
    assert_eq!(zones_for("new york", JULY_2026)[0], "America/New_York");
    assert_eq!(zones_for("Sao Paulo", JULY_2026)[0], "America/Sao_Paulo");
    assert_eq!(zones_for("São Paulo", JULY_2026)[0], "America/Sao_Paulo");
}

#[test]
fn accents_in_any_case() {
    for (query, zone) in [
        ("SÃO PAULO", "America/Sao_Paulo"),
        ("ZÜRICH", "Europe/Zurich"),
        ("zÜrich", "Europe/Zurich"),
        ("REYKJAVÍK", "Atlantic/Reykjavik"),
        ("CÔTE D’IVOIRE", "Africa/Abidjan"),
        ("Côte d'Ivoire", "Africa/Abidjan"),
        ("CURAÇAO", "America/Curacao"),
        ("ÅLAND", "Europe/Mariehamn"),
        ("RÉUNION", "Indian/Reunion"),
        ("MÉXICO", "America/Mexico_City"),
    ] {
        let found = zones_for(query, JULY_2026);
        assert!(found.contains(&zone.to_string()), "{query}: {found:?}");
    }
}

#[test]
fn by_country() {
    let germany = zones_for("Germany", JULY_2026);
    assert!(
        germany.contains(&"Europe/Berlin".to_string()),
        "{germany:?}"
    );
    let india = zones_for("India", JULY_2026);
    assert_eq!(india[0], "Asia/Kolkata");
    assert!(zones_for("Netherlands", JULY_2026).contains(&"Europe/Amsterdam".to_string()));
}

#[test]
fn by_common_name_and_abbreviation() {
    assert_eq!(zones_for("Eastern", JULY_2026)[0], "America/New_York");
    assert_eq!(zones_for("EST", JANUARY_2026)[0], "America/New_York");
    assert!(zones_for("CET", JANUARY_2026).contains(&"Europe/Berlin".to_string()));
}

#[test]
fn an_ambiguous_abbreviation_lists_every_match() {
    let cst = zones_for("CST", JANUARY_2026);
    for zone in ["America/Chicago", "Asia/Shanghai", "America/Havana"] {
        assert!(
            cst.contains(&zone.to_string()),
            "CST should list {zone}: {cst:?}"
        );
    }
    let ist = zones_for("IST", JANUARY_2026);
    for zone in ["Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"] {
        assert!(
            ist.contains(&zone.to_string()),
            "IST should list {zone}: {ist:?}"
        );
    }
}

#[test]
fn by_offset_now() {
    let plus_0530 = zones_for("+05:30", JULY_2026);
    assert!(
        plus_0530.contains(&"Asia/Kolkata".to_string()),
        "{plus_0530:?}"
    );
    assert!(
        plus_0530.contains(&"Asia/Colombo".to_string()),
        "{plus_0530:?}"
    );
    assert!(!plus_0530.contains(&"Asia/Kathmandu".to_string()));
    assert_eq!(zones_for("+05:45", JULY_2026), vec!["Asia/Kathmandu"]);
    // New York is UTC-04:00 in July and UTC-05:00 in January.
    assert!(zones_for("UTC-4", JULY_2026).contains(&"America/New_York".to_string()));
    assert!(!zones_for("UTC-4", JANUARY_2026).contains(&"America/New_York".to_string()));
}

#[test]
fn by_iana_name_and_utc() {
    assert_eq!(
        zones_for("Australia/Lord_Howe", JULY_2026)[0],
        "Australia/Lord_Howe"
    );
    assert_eq!(zones_for("UTC", JULY_2026)[0], "UTC");
}

#[test]
fn each_match_says_where_and_what_time_it_is_there() {
    let m = &search("New York", &known(), &Tzdb2026, JANUARY_2026)[0];
    assert_eq!(
        m.description,
        "New York, United States (Eastern (most areas)). Now EST (UTC-05:00)"
    );
    let k = &search("Kathmandu", &known(), &Tzdb2026, JULY_2026)[0];
    assert_eq!(k.description, "Kathmandu, Nepal. Now UTC+05:45");
}

#[test]
fn nonsense_finds_nothing_and_never_panics() {
    assert!(zones_for("", JULY_2026).is_empty());
    assert!(zones_for("zzzzqqq", JULY_2026).is_empty());
    for q in ["+", "UTC+", "//", "💥", "a", "+99:99", "\u{0}"] {
        let _ = zones_for(q, JULY_2026);
    }
}

#[test]
fn each_meaning_of_an_abbreviation_is_named() {
    let cst = search("CST", &known(), &Tzdb2026, JANUARY_2026);
    let shanghai = cst
        .iter()
        .find(|m| m.zone == "Asia/Shanghai")
        .expect("Shanghai");
    assert!(
        shanghai.description.contains(": China Standard Time."),
        "{}",
        shanghai.description
    );
    assert!(
        !shanghai.description.contains("Cuba"),
        "{}",
        shanghai.description
    );
}
