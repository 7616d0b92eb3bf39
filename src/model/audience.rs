//! The readers' time zones: a list that never holds a zone twice, and the
//! zones of entered times that readers would not see yet, offered to the
//! author (never added silently).

use super::{Draft, EndState, Phase};
use crate::time::catalog::city;
use crate::time::ZoneRules;

/// A time the author enters on the "when" or "updates" step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnteredTime {
    Start,
    End,
    NextUpdate,
    UpdateSent,
}

/// A zone to offer to add to the readers' zones, shown beside the first
/// entered time given in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZoneOffer {
    pub zone: String,
    pub beside: EnteredTime,
}

impl ZoneOffer {
    /// The button's words: "Add New York to the readers' time zones".
    pub fn label(&self) -> String {
        format!("Add {} to the readers' time zones", city(&self.zone))
    }
}

impl Draft {
    /// The zones of the times the author has entered (and the notice
    /// shows) that are not among the readers' zones, once each, in the
    /// order the times are asked. A zone the rules do not know is not
    /// offered: its time already says what is wrong.
    pub fn zones_to_offer(&self, rules: &dyn ZoneRules) -> Vec<ZoneOffer> {
        let w = &self.window;
        let times = [
            (EnteredTime::Start, true, &w.start),
            (EnteredTime::End, w.end_state == EndState::Ended, &w.end),
            (
                EnteredTime::NextUpdate,
                w.end_state == EndState::Ongoing,
                &w.next_update,
            ),
            (
                EnteredTime::UpdateSent,
                self.update.phase != Phase::NotSaid,
                &self.update.published,
            ),
        ];
        let mut offers: Vec<ZoneOffer> = Vec::new();
        for (beside, shown, wall) in times {
            let zone = wall.zone.as_str();
            let known = |z: &String| z == zone;
            if !shown
                || wall.is_empty()
                || self.audience_zones.iter().any(known)
                || offers.iter().any(|o| known(&o.zone))
                || rules.offset_at(zone, 0).is_err()
            {
                continue;
            }
            offers.push(ZoneOffer {
                zone: zone.to_string(),
                beside,
            });
        }
        offers
    }

    /// The draft as a reader in `zone` reads it (a reader's link, issue #17):
    /// every time first in the reader's own zone, then in the zones the
    /// author chose, each zone once, blank rows left out.
    pub fn for_reader(&self, zone: &str) -> Draft {
        let mut zones = vec![zone.to_string()];
        for z in &self.audience_zones {
            if !z.trim().is_empty() && !zones.contains(z) {
                zones.push(z.clone());
            }
        }
        Draft {
            audience_zones: zones,
            ..self.clone()
        }
    }

    /// Adds a zone the author chose to offer readers; the sentence says
    /// where it is in the list (or that it was there already).
    pub fn add_audience_zone(&mut self, zone: &str) -> String {
        let (at, said) = match self.audience_zones.iter().position(|z| z == zone) {
            Some(i) => (i, "is already"),
            None => {
                self.audience_zones.push(zone.to_string());
                (self.audience_zones.len() - 1, "was added as")
            }
        };
        format!("{} {said} readers' time zone {}.", city(zone), at + 1)
    }

    /// A new row for the author to fill, and its index. An empty row
    /// already waiting is used instead, so the list never grows blanks.
    pub fn add_audience_zone_row(&mut self) -> usize {
        match self.audience_zones.iter().position(|z| z.trim().is_empty()) {
            Some(i) => i,
            None => {
                self.audience_zones.push(String::new());
                self.audience_zones.len() - 1
            }
        }
    }

    /// Sets readers' zone `index` to `zone`. When `zone` is in the list
    /// already, it stays only where it comes first: the index where it is
    /// now and one sentence saying so are returned.
    pub fn set_audience_zone(&mut self, index: usize, zone: &str) -> Option<(usize, String)> {
        *self.audience_zones.get_mut(index)? = zone.to_string();
        if zone.trim().is_empty() {
            return None;
        }
        let first = self.audience_zones.iter().position(|z| z == zone)?;
        let before = self.audience_zones.len();
        let mut i = before;
        while i > first + 1 {
            i -= 1;
            if self.audience_zones[i] == zone {
                self.audience_zones.remove(i);
            }
        }
        (self.audience_zones.len() < before).then(|| {
            let message = format!(
                "{} was already in the list, so it is there once, as readers' time zone {}.",
                city(zone),
                first + 1
            );
            (first, message)
        })
    }
}
