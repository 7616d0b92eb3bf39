//! The "when" of a notice: the incident window resolved to instants and shown
//! in every audience zone, with its real elapsed duration.

use super::{Block, Paragraph, Span};
use crate::model::{Draft, EndState, WallTime, WhenProblem};
use crate::time::catalog::city;
use crate::time::{
    elapsed_seconds, format_clock, format_date, format_duration, in_zone, ZoneRules, ZonedTime,
};

/// A wall time resolved (or not) to an instant, and whether it is approximate.
struct Point {
    instant: Result<i64, WhenProblem>,
    approximate: bool,
}

impl Point {
    fn of(wall: &WallTime, rules: &dyn ZoneRules) -> Self {
        Point {
            instant: wall.instant(rules),
            approximate: wall.approximate,
        }
    }
}

enum Ending {
    NotSaid,
    Ongoing,
    At(Point),
}

pub(super) struct Window<'a> {
    rules: &'a dyn ZoneRules,
    /// The readers' zones, first one primary. Never empty.
    zones: Vec<String>,
    start: Point,
    end: Ending,
    next_update: Option<Point>,
}

impl<'a> Window<'a> {
    pub(super) fn of(draft: &Draft, rules: &'a dyn ZoneRules) -> Self {
        let w = &draft.window;
        let mut zones: Vec<String> = draft
            .audience_zones
            .iter()
            .filter(|z| !z.trim().is_empty())
            .cloned()
            .collect();
        if zones.is_empty() {
            zones.push(if w.start.zone.is_empty() {
                "UTC".to_string()
            } else {
                w.start.zone.clone()
            });
        }
        let end = match w.end_state {
            EndState::NotSaid => Ending::NotSaid,
            EndState::Ongoing => Ending::Ongoing,
            EndState::Ended => Ending::At(Point::of(&w.end, rules)),
        };
        let next_update = match (w.end_state, w.next_update.is_empty()) {
            (EndState::Ongoing, false) => Some(Point::of(&w.next_update, rules)),
            _ => None,
        };
        Window {
            rules,
            zones,
            start: Point::of(&w.start, rules),
            end,
            next_update,
        }
    }

    fn show(&self, zone: &str, instant: i64) -> Option<ZonedTime> {
        in_zone(self.rules, zone, instant).ok()
    }

    fn primary(&self) -> &str {
        &self.zones[0]
    }

    /// The start's date in the primary zone, for the subject line.
    pub(super) fn start_date(&self) -> Option<String> {
        let start = self.start.instant.as_ref().ok()?;
        Some(format_date(&self.show(self.primary(), *start)?))
    }

    /// The "when" block: one sentence for one zone, a list for several.
    pub(super) fn block(&self) -> Block {
        let start = match &self.start.instant {
            Ok(start) => *start,
            Err(problem) => return Block::Paragraph(Paragraph::gap(start_gap(problem))),
        };
        // An end that is missing or cannot be read yet is a gap of its
        // own: the start is a known fact and stays in the notice.
        let (end, missing_end) = self.end_or_gap();
        if let Some((end, _)) = end {
            if end < start {
                return Block::Paragraph(Paragraph::gap(
                    "the end is before the start: check both times",
                ));
            }
        }

        let ranges: Vec<Paragraph> = self
            .zones
            .iter()
            .map(|zone| self.range_in(zone, start, end, self.zones.len() > 1))
            .collect();

        let mut lead = match (&self.end, end) {
            (_, Some((end, _))) => Paragraph::text(match elapsed_seconds(start, end) {
                Some(seconds) => format!("It lasted {}", format_duration(seconds)),
                None => "It lasted".to_string(),
            }),
            (Ending::Ongoing, None) => Paragraph::text("It is still going on"),
            _ => Paragraph::default(),
        };

        if ranges.len() == 1 {
            let mut p = Paragraph::default();
            match (&self.end, end) {
                (_, Some(_)) => {
                    p.0.push(Span::Text("It lasted from ".into()));
                    p.push_spans_of(ranges.into_iter().next().unwrap_or_default());
                    if let Ok(Some(seconds)) = self.duration() {
                        p.0.push(Span::Text(format!(
                            ", {} in all.",
                            format_duration(seconds)
                        )));
                    } else {
                        p.0.push(Span::Text(".".into()));
                    }
                }
                (Ending::Ongoing, None) => {
                    p.0.push(Span::Text("It started on ".into()));
                    p.push_spans_of(ranges.into_iter().next().unwrap_or_default());
                    p.0.push(Span::Text(" and is still going on.".into()));
                }
                (Ending::At(_), None) => {
                    p.0.push(Span::Text("It started on ".into()));
                    p.push_spans_of(ranges.into_iter().next().unwrap_or_default());
                    p.0.push(Span::Text(" and ended ".into()));
                    p.0.push(Span::Gap(missing_end.unwrap_or("when did it end?")));
                    p.0.push(Span::Text(".".into()));
                }
                _ => {
                    p.0.push(Span::Text("It started on ".into()));
                    p.push_spans_of(ranges.into_iter().next().unwrap_or_default());
                    p.0.push(Span::Text(". ".into()));
                    p.0.push(Span::Gap("when did it end, or is it still going on?"));
                }
            }
            return Block::Paragraph(p);
        }

        match (&self.end, end) {
            (_, Some(_)) => lead
                .0
                .push(Span::Text(". In each time zone, that was:".into())),
            (Ending::Ongoing, None) => {
                lead.0.push(Span::Text(". It started:".into()));
            }
            (Ending::At(_), None) => {
                lead.0.push(Span::Text("It ended ".into()));
                lead.0
                    .push(Span::Gap(missing_end.unwrap_or("when did it end?")));
                lead.0.push(Span::Text(". It started:".into()));
            }
            _ => {
                lead.0
                    .push(Span::Gap("when did it end, or is it still going on?"));
                lead.0.push(Span::Text(" It started:".into()));
            }
        }
        Block::List {
            lead,
            items: ranges,
        }
    }

    fn duration(&self) -> Result<Option<u64>, ()> {
        let start = self.start.instant.as_ref().map_err(|_| ())?;
        match &self.end {
            Ending::At(point) => {
                let end = point.instant.as_ref().map_err(|_| ())?;
                Ok(elapsed_seconds(*start, *end))
            }
            _ => Ok(None),
        }
    }

    /// The window in one zone: "Wednesday 7 December 2005, 17:05 EST
    /// (UTC-05:00) to 19:55 EST (UTC-05:00)"; the end's date is repeated only
    /// when it differs in that zone. With several zones each item starts
    /// with the zone's name.
    fn range_in(
        &self,
        zone: &str,
        start: i64,
        end: Option<(i64, bool)>,
        labelled: bool,
    ) -> Paragraph {
        let mut p = Paragraph::default();
        if labelled {
            p.0.push(Span::Text(format!("{}: ", city(zone))));
        }
        let Some(from) = self.show(zone, start) else {
            p.0.push(Span::Gap("check this time zone"));
            return p;
        };
        p.0.push(Span::Text(full(&from, self.start.approximate)));
        if let Some((end, approximate)) = end {
            match self.show(zone, end) {
                Some(to) if to.wall.date() == from.wall.date() => {
                    p.0.push(Span::Text(format!(" to {}", clock(&to, approximate))))
                }
                Some(to) => {
                    p.0.push(Span::Text(format!(" to {}", full(&to, approximate))))
                }
                None => {
                    p.0.push(Span::Text(" to ".into()));
                    p.0.push(Span::Gap("check this time zone"));
                }
            }
        }
        p
    }

    /// The window in the primary zone in one sentence, for the short post.
    pub(super) fn short(&self) -> Paragraph {
        let Ok(start) = self.start.instant.as_ref().map(|s| *s) else {
            return Paragraph::gap("when did it start?");
        };
        let (end, missing_end) = self.end_or_gap();
        let mut p = Paragraph::default();
        match (&self.end, end) {
            (Ending::At(_), _) => p.0.push(Span::Text("From ".into())),
            _ => p.0.push(Span::Text("Since ".into())),
        }
        p.push_spans_of(self.range_in(self.primary(), start, end, false));
        if let Some(gap) = missing_end {
            p.0.push(Span::Text(" to ".into()));
            p.0.push(Span::Gap(gap));
        }
        match &self.end {
            Ending::Ongoing => p.0.push(Span::Text("; still ongoing.".into())),
            Ending::At(_) => p.0.push(Span::Text(".".into())),
            Ending::NotSaid => p.0.push(Span::Text(".".into())),
        }
        p
    }

    /// The end as an instant when it has ended at a readable time; when it
    /// has ended but the time is missing or needs fixing, the gap for it.
    fn end_or_gap(&self) -> (Option<(i64, bool)>, Option<&'static str>) {
        match &self.end {
            Ending::At(point) => match &point.instant {
                Ok(end) => (Some((*end, point.approximate)), None),
                Err(problem) => (None, Some(end_gap(problem))),
            },
            _ => (None, None),
        }
    }

    /// " between 17:05 EST (UTC-05:00) and 19:55 EST (UTC-05:00) on
    /// Wednesday 7 December 2005", for a reader action tied to the window,
    /// in the primary zone.
    pub(super) fn during(&self) -> Paragraph {
        let mut p = Paragraph::default();
        let start = match &self.start.instant {
            Ok(start) => self.show(self.primary(), *start),
            Err(_) => None,
        };
        let Some(start) = start else {
            p.0.push(Span::Text("between ".into()));
            p.0.push(Span::Gap("when did it start?"));
            return p;
        };
        let end = match &self.end {
            Ending::At(point) => match &point.instant {
                Ok(end) => self.show(self.primary(), *end),
                Err(_) => None,
            },
            _ => None,
        };
        match (&self.end, end) {
            (_, Some(end)) if end.wall.date() == start.wall.date() => {
                p.0.push(Span::Text(format!(
                    "between {} and {} on {}",
                    clock(&start, self.start.approximate),
                    clock(&end, self.end_approximate()),
                    format_date(&start)
                )));
            }
            (_, Some(end)) => p.0.push(Span::Text(format!(
                "between {} and {}",
                full(&start, self.start.approximate),
                full(&end, self.end_approximate())
            ))),
            (Ending::Ongoing, None) => p.0.push(Span::Text(format!(
                "since {}",
                full(&start, self.start.approximate)
            ))),
            _ => {
                p.0.push(Span::Text(format!(
                    "between {} and ",
                    full(&start, self.start.approximate)
                )));
                p.0.push(Span::Gap("when did it end?"));
            }
        }
        p
    }

    fn end_approximate(&self) -> bool {
        matches!(&self.end, Ending::At(point) if point.approximate)
    }

    /// A wall time as readers see it in every audience zone, one complete
    /// time per zone, each with its own date: "New York: Wednesday 7
    /// December 2005, 19:30 EST (UTC-05:00)" (the zone's name only when there
    /// are several). One per line keeps each line short, and no time borrows
    /// its date from another zone's. Err when the time is missing or needs fixing.
    pub(super) fn everywhere(&self, wall: &WallTime) -> Result<Vec<Paragraph>, &'static str> {
        let instant = wall.instant(self.rules).map_err(|problem| match problem {
            WhenProblem::Empty => "when?",
            _ => "this time needs fixing",
        })?;
        Ok(self.everywhere_at(instant, wall.approximate))
    }

    /// A wall time in the first reader zone: "Wednesday 7 December 2005,
    /// 19:30 EST (UTC-05:00)".
    pub(super) fn primary_time(&self, wall: &WallTime) -> Result<String, &'static str> {
        let instant = wall.instant(self.rules).map_err(|problem| match problem {
            WhenProblem::Empty => "when?",
            _ => "this time needs fixing",
        })?;
        self.show(self.primary(), instant)
            .map(|t| full(&t, wall.approximate))
            .ok_or("check this time zone")
    }

    fn everywhere_at(&self, instant: i64, approximate: bool) -> Vec<Paragraph> {
        let labelled = self.zones.len() > 1;
        self.zones
            .iter()
            .map(|zone| {
                let mut p = Paragraph::default();
                if labelled {
                    p.0.push(Span::Text(format!("{}: ", city(zone))));
                }
                match self.show(zone, instant) {
                    Some(there) => p.0.push(Span::Text(full(&there, approximate))),
                    None => p.0.push(Span::Gap("check this time zone")),
                }
                p
            })
            .collect()
    }

    /// The start and the end everywhere, for the follow-up's timeline.
    pub(super) fn start_everywhere(&self) -> Option<Vec<Paragraph>> {
        let start = self.start.instant.as_ref().ok()?;
        Some(self.everywhere_at(*start, self.start.approximate))
    }

    pub(super) fn end_everywhere(&self) -> Option<Vec<Paragraph>> {
        match &self.end {
            Ending::At(point) => {
                Some(self.everywhere_at(*point.instant.as_ref().ok()?, point.approximate))
            }
            _ => None,
        }
    }

    pub(super) fn is_ongoing(&self) -> bool {
        matches!(self.end, Ending::Ongoing)
    }

    pub(super) fn duration_text(&self) -> Option<String> {
        self.duration().ok().flatten().map(format_duration)
    }

    /// While ongoing: when readers hear from us next, in the primary zone.
    pub(super) fn next_update(&self) -> Option<Paragraph> {
        if !matches!(self.end, Ending::Ongoing) {
            return None;
        }
        let Some(next) = &self.next_update else {
            return Some(Paragraph::gap("when will you send the next update?"));
        };
        let shown = match &next.instant {
            Ok(instant) => self.show(self.primary(), *instant),
            Err(_) => None,
        };
        Some(match shown {
            Some(at) => Paragraph::text(format!(
                "We will send the next update by {}.",
                full(&at, next.approximate)
            )),
            None => Paragraph::gap("the next update time needs fixing"),
        })
    }
}

fn start_gap(problem: &WhenProblem) -> &'static str {
    match problem {
        WhenProblem::Empty => "when did it start?",
        _ => "the start time needs fixing",
    }
}

fn end_gap(problem: &WhenProblem) -> &'static str {
    match problem {
        WhenProblem::Empty => "when did it end?",
        _ => "the end time needs fixing",
    }
}

/// "Wednesday 7 December 2005, 17:05 EST (UTC-05:00)", with "about" before
/// the clock when the author only knows it roughly.
fn full(t: &ZonedTime, approximate: bool) -> String {
    format!("{}, {}", format_date(t), clock(t, approximate))
}

fn clock(t: &ZonedTime, approximate: bool) -> String {
    if approximate {
        format!("about {}", format_clock(t))
    } else {
        format_clock(t)
    }
}
