//! The readers' time zones: an entered time in a zone readers would not
//! see is offered for adding, never added silently; the list never holds a
//! zone twice.

mod common;

use candor::model::{Draft, EndState, EnteredTime, Phase, WallTime, ZoneOffer};
use candor::notice;
use common::{at, Tzdb2026};

const NY: &str = "America/New_York";

fn offered(draft: &Draft) -> Vec<(String, EnteredTime)> {
    draft
        .zones_to_offer(&Tzdb2026)
        .into_iter()
        .map(|o| (o.zone, o.beside))
        .collect()
}

/// An author whose browser is in UTC writes about a New York start.
#[test]
fn a_time_entered_in_another_zone_is_offered_to_readers() {
    let mut draft = Draft::new("d", "UTC");
    assert_eq!(draft.audience_zones, ["UTC"]);
    draft.window.start.zone = NY.into();
    assert_eq!(offered(&draft), [], "nothing entered yet, nothing offered");

    draft.window.start = at(2026, 12, 3, 9, 30, NY);
    assert_eq!(offered(&draft), [(NY.to_string(), EnteredTime::Start)]);
    let offer = ZoneOffer {
        zone: NY.into(),
        beside: EnteredTime::Start,
    };
    assert_eq!(offer.label(), "Add New York to the readers' time zones");
    // Offered, not added: the notice still shows only UTC until the author says so.
    let body = notice::forms(&draft, &Tzdb2026).email.body;
    assert!(!body.contains("EST"), "{body}");

    assert_eq!(
        draft.add_audience_zone(NY),
        "New York was added as readers' time zone 2."
    );
    assert_eq!(draft.audience_zones, ["UTC", NY]);
    assert_eq!(offered(&draft), []);
    let body = notice::forms(&draft, &Tzdb2026).email.body;
    assert!(
        body.contains("New York: Thursday 3 December 2026, 09:30 EST (UTC-05:00)"),
        "{body}"
    );
    assert!(
        body.contains("UTC: Thursday 3 December 2026, 14:30 UTC (UTC+00:00)"),
        "{body}"
    );
    // Adding it again changes nothing and says so.
    assert_eq!(
        draft.add_audience_zone(NY),
        "New York is already readers' time zone 2."
    );
    assert_eq!(draft.audience_zones, ["UTC", NY]);
}

#[test]
fn each_zone_is_offered_once_beside_the_first_time_shown_in_it() {
    let mut draft = Draft::new("d", "UTC");
    draft.window.start = at(2026, 12, 3, 9, 30, NY);
    draft.set_end_state(EndState::Ended);
    draft.window.end = at(2026, 12, 3, 11, 0, NY);
    assert_eq!(offered(&draft), [(NY.to_string(), EnteredTime::Start)]);

    // A half-entered time already names its zone.
    draft.window.start = WallTime::in_zone("UTC");
    draft.window.end = WallTime::in_zone("Asia/Kolkata");
    draft.window.end.set_date_input("2026-12-03");
    assert_eq!(
        offered(&draft),
        [("Asia/Kolkata".to_string(), EnteredTime::End)]
    );

    // The next update counts while ongoing, the end only once it has ended.
    draft.set_end_state(EndState::Ongoing);
    draft.window.next_update = at(2026, 12, 3, 12, 0, "Europe/Berlin");
    assert_eq!(
        offered(&draft),
        [("Europe/Berlin".to_string(), EnteredTime::NextUpdate)]
    );

    // The send time of an update counts once it is one of a series.
    draft.update.published = at(2026, 12, 3, 12, 5, "Australia/Sydney");
    assert_eq!(offered(&draft).len(), 1);
    draft.set_phase(Phase::Investigating);
    assert_eq!(
        offered(&draft),
        [
            ("Europe/Berlin".to_string(), EnteredTime::NextUpdate),
            ("Australia/Sydney".to_string(), EnteredTime::UpdateSent),
        ]
    );

    // A zone the rules do not know is never offered to readers.
    draft.window.next_update.zone = "Mars/Olympus_Mons".into();
    assert_eq!(
        offered(&draft),
        [("Australia/Sydney".to_string(), EnteredTime::UpdateSent)]
    );
}

/// Changing "Readers' time zone 1" from the browser's zone to UTC, which
/// is zone 2 already.
#[test]
fn the_readers_zones_never_hold_a_zone_twice() {
    let mut draft = Draft::new("d", "Europe/Berlin");
    assert_eq!(draft.audience_zones, ["Europe/Berlin", "UTC"]);
    let news = draft.set_audience_zone(0, "UTC");
    assert_eq!(draft.audience_zones, ["UTC"]);
    assert_eq!(
        news,
        Some((
            0,
            "UTC was already in the list, so it is there once, as readers' time zone 1."
                .to_string()
        ))
    );

    // The same from the other side: the zone stays where it came first.
    let mut draft = Draft::new("d", "Europe/Berlin");
    draft.audience_zones.push(NY.into());
    let news = draft.set_audience_zone(2, "Europe/Berlin");
    assert_eq!(draft.audience_zones, ["Europe/Berlin", "UTC"]);
    assert_eq!(
        news,
        Some((
            0,
            "Berlin was already in the list, so it is there once, as readers' time zone 1."
                .to_string()
        ))
    );

    // A plain change says nothing more.
    assert_eq!(draft.set_audience_zone(1, NY), None);
    assert_eq!(draft.audience_zones, ["Europe/Berlin", NY]);
    // An index past the end changes nothing.
    assert_eq!(draft.set_audience_zone(5, "UTC"), None);
    assert_eq!(draft.audience_zones, ["Europe/Berlin", NY]);

    // "Add a time zone" gives an empty row to fill, never a second UTC,
    // and never a second empty row.
    let mut draft = Draft::new("d", "Europe/Berlin");
    assert_eq!(draft.add_audience_zone_row(), 2);
    assert_eq!(draft.add_audience_zone_row(), 2);
    assert_eq!(draft.audience_zones, ["Europe/Berlin", "UTC", ""]);
    // The empty row leaves no trace in the notice.
    let body = notice::forms(&draft, &Tzdb2026).email.to_text();
    assert!(!body.contains(": [check this time zone]"), "{body}");
}
