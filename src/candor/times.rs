//! Times in the author's words: a clock time passes only with its date and
//! its offset from UTC in the same sentence ("17:05 EST (UTC-05:00) on
//! Wednesday 7 December 2005"), as Candor's own notice writes them.

use chrono::{Datelike, NaiveDate};

use super::rules::{parse_offset, RuleSet, ZoneName};
use super::text::{Sentence, Token};
use super::Hit;
use crate::time::{format_offset, ZoneRules, MONTHS};

fn month(token: &Token) -> Option<u32> {
    // Capitalised only: "may" and "march" are also everyday words.
    if !token.raw.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let word = token.norm.trim_end_matches('.');
    let short = word.len() == 3 || word == "sept";
    MONTHS
        .iter()
        .position(|m| {
            m.eq_ignore_ascii_case(word)
                || (short
                    && m.get(..word.len())
                        .is_some_and(|p| p.eq_ignore_ascii_case(word)))
        })
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// "7 December 2005", as chrono's `%-d %B %Y` wrote it (a year below 1000
/// with leading zeros).
fn day_month_year(date: NaiveDate) -> String {
    let month = MONTHS[date.month0() as usize];
    let (day, year) = (date.day(), date.year());
    if year < 0 {
        format!("{day} {month} {year:05}")
    } else {
        format!("{day} {month} {year:04}")
    }
}

fn day(token: &Token) -> Option<u32> {
    let digits = token
        .norm
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    if digits.is_empty() || digits.len() > 2 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year(token: Option<&Token>) -> Option<i32> {
    let token = token?;
    if token.norm.len() != 4 || !token.norm.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    token
        .norm
        .parse()
        .ok()
        .filter(|y| (1900..=2199).contains(y))
}

/// A date that starts at `pos`: "7 December 2005", "7th of December",
/// "December 7, 2005", "2005-12-07". Its calendar date when the year is given.
pub(crate) fn date_at(tokens: &[Token], pos: usize) -> Option<Option<NaiveDate>> {
    date_span(tokens, pos).map(|(_, date)| date)
}

/// The date that starts at `pos`, with the position just after its last word.
fn date_span(tokens: &[Token], pos: usize) -> Option<(usize, Option<NaiveDate>)> {
    let token = tokens.get(pos)?;
    if let Some(date) = token.norm.get(..10).and_then(crate::model::parse_date) {
        return Some((pos + 1, Some(date)));
    }
    if let Some(d) = day(token) {
        let mut next = pos + 1;
        if tokens.get(next).is_some_and(|t| t.norm == "of") {
            next += 1;
        }
        let m = month(tokens.get(next)?)?;
        let y = year(tokens.get(next + 1));
        let end = next + 1 + usize::from(y.is_some());
        return Some((end, y.and_then(|y| NaiveDate::from_ymd_opt(y, m, d))));
    }
    let m = month(token)?;
    let d = day(tokens.get(pos + 1)?)?;
    let y = year(tokens.get(pos + 2));
    let end = pos + 2 + usize::from(y.is_some());
    Some((end, y.and_then(|y| NaiveDate::from_ymd_opt(y, m, d))))
}

/// A date in a sentence: where its words start and end, and its calendar
/// date (if it has a year).
#[derive(Clone, Copy)]
struct DateAt {
    start: usize,
    end: usize,
    date: Option<NaiveDate>,
}

/// Every date in the sentence.
fn dates(tokens: &[Token]) -> Vec<DateAt> {
    (0..tokens.len())
        .filter_map(|start| date_span(tokens, start).map(|(end, date)| DateAt { start, end, date }))
        .collect()
}

/// Words that may stand between a date and the time it belongs to:
/// "Sunday 29 March 2026, at 03:10", "03:10 BST on Sunday 29 March 2026".
fn links_date_and_time(word: &str) -> bool {
    matches!(
        word,
        "at" | "on"
            | "from"
            | "since"
            | "between"
            | "by"
            | "until"
            | "till"
            | "about"
            | "around"
            | "approximately"
            | "approx."
            | "roughly"
            | "circa"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    )
}

/// The date of the times in `from..to`, time by time: the date written
/// right before them ("Sunday 29 March 2026, 03:10 BST"), else the one right
/// after them ("17:05 EST on 7 December 2005"), else the last one before
/// them (the sentence's date carries on), else the first one after. So in
/// "29 March 2026, 03:10 BST; 28 March 2026, 22:10 EDT" each time has its own.
fn date_of(found: &[DateAt], tokens: &[Token], from: usize, to: usize) -> Option<NaiveDate> {
    let linked = |a: usize, b: usize| {
        tokens
            .get(a..b)
            .is_some_and(|between| between.iter().all(|t| links_date_and_time(&t.norm)))
    };
    let with_year = || found.iter().filter(|d| d.date.is_some());
    let before = with_year().rfind(|d| d.end <= from);
    let after = with_year().find(|d| d.start >= to);
    let chosen = match (before, after) {
        (Some(b), _) if linked(b.end, from) => Some(b),
        (_, Some(a)) if linked(to, a.start) => Some(a),
        (Some(b), _) => Some(b),
        (None, a) => a,
    };
    chosen.and_then(|d| d.date)
}

#[derive(Clone, Copy)]
enum Piece<'r> {
    Clock { hour: u32, twelve_hour: bool },
    Zone(&'r ZoneName),
    OffsetName,
    Offset(i32),
    Generic,
    Connector,
    About,
}

fn am_pm(word: &str) -> bool {
    matches!(word, "am" | "pm" | "a.m." | "p.m.")
}

/// "17:05", "5:30pm", "5pm", "5 p.m.", "5.30 pm": hour and whether a.m./p.m. was given.
fn clock(tokens: &[Token], pos: usize) -> Option<(u32, bool, usize)> {
    let word = tokens.get(pos)?.norm.as_str();
    let (body, attached) = ["a.m.", "p.m.", "am", "pm"]
        .iter()
        .find_map(|s| word.strip_suffix(s).map(|b| (b, true)))
        .unwrap_or((word, false));
    let separate = !attached && tokens.get(pos + 1).is_some_and(|t| am_pm(&t.norm));
    let twelve = attached || separate;
    let used = if separate { 2 } else { 1 };
    let parts: Vec<&str> = body.split([':', '.']).collect();
    let numeric = |s: &str| !s.is_empty() && s.len() <= 2 && s.chars().all(|c| c.is_ascii_digit());
    let hour: u32 = match parts.as_slice() {
        [h] if twelve && numeric(h) => h.parse().ok()?,
        [h, m] | [h, m, _] if numeric(h) && m.len() == 2 && numeric(m) => {
            // "17.05" without a.m./p.m. is more likely a number than a time.
            if body.contains('.') && !twelve {
                return None;
            }
            let minute: u32 = m.parse().ok()?;
            if minute >= 60 {
                return None;
            }
            h.parse().ok()?
        }
        _ => return None,
    };
    let ok = if twelve {
        (1..=12).contains(&hour)
    } else {
        hour <= 24
    };
    ok.then_some((hour, twelve, used))
}

fn piece<'r>(tokens: &[Token], pos: usize, set: &'r RuleSet) -> Option<(Piece<'r>, usize)> {
    let token = tokens.get(pos)?;
    if let Some((hour, twelve_hour, used)) = clock(tokens, pos) {
        return Some((Piece::Clock { hour, twelve_hour }, used));
    }
    if let Some(zone) = set.zone_name(token.raw) {
        return Some((Piece::Zone(zone), 1));
    }
    if set.offset_names.contains(&token.raw) {
        return Some((Piece::OffsetName, 1));
    }
    if let Some(offset) = offset(&token.norm) {
        return Some((Piece::Offset(offset), 1));
    }
    if set.generic_names.contains(&token.raw) || is_abbreviation(token.raw) {
        return Some((Piece::Generic, 1));
    }
    if let Some(used) = named_time(tokens, pos) {
        return Some((Piece::Generic, used));
    }
    match token.norm.as_str() {
        "to" | "and" | "until" | "till" | "through" | "thru" | "or" | "between" | "from" => {
            Some((Piece::Connector, 1))
        }
        "about" | "around" | "approximately" | "approx." | "roughly" | "circa" => {
            Some((Piece::About, 1))
        }
        _ => None,
    }
}

/// An abbreviation the zones table does not know ("CAT", "WIB", "ChST"): a
/// zone named without its offset. Only asked right after a clock time.
fn is_abbreviation(raw: &str) -> bool {
    (2..=5).contains(&raw.len())
        && raw.starts_with(|c: char| c.is_ascii_uppercase())
        && raw.chars().all(|c| c.is_ascii_alphabetic())
        && raw.chars().filter(char::is_ascii_uppercase).count() >= 2
}

/// "UTC-05:00", "GMT+5:30", "UTC+0", "-0500", "+05:30".
fn offset(word: &str) -> Option<i32> {
    let rest = word
        .strip_prefix("utc")
        .or_else(|| word.strip_prefix("gmt"));
    match rest {
        Some(rest) => parse_offset(rest),
        None if word.contains(':') || word.len() == 5 => parse_offset(word),
        None => None,
    }
}

/// "local time", "Eastern time", "Pacific Standard Time", "London time",
/// "New York time": a zone named without its offset. Returns tokens used.
fn named_time(tokens: &[Token], pos: usize) -> Option<usize> {
    let first = tokens.get(pos)?;
    let regional = matches!(
        first.norm.as_str(),
        "local" | "eastern" | "pacific" | "central" | "mountain" | "atlantic"
    );
    let capital = first.raw.starts_with(|c: char| c.is_uppercase());
    if !regional && !capital {
        return None;
    }
    let is_time = |i: usize| tokens.get(i).is_some_and(|t| t.norm == "time");
    let is_season = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|t| matches!(t.norm.as_str(), "standard" | "daylight" | "summer"))
    };
    for len in 1..=2 {
        let end = pos + len;
        if is_time(end) {
            return Some(len + 1);
        }
        if is_season(end) && is_time(end + 1) {
            return Some(len + 2);
        }
        // A second capitalised word ("New York"), then look again.
        if !tokens
            .get(end)
            .is_some_and(|t| t.raw.starts_with(|c: char| c.is_uppercase()))
        {
            break;
        }
    }
    None
}

/// Checks every clock time in one sentence.
///
/// `zones` are the zones the draft itself uses (its audience and its times):
/// an abbreviation those zones use on that date, with that offset, is right
/// even when the table knows it by another meaning (EST in Cancún in July).
pub(crate) fn check(
    sentence: &Sentence,
    set: &RuleSet,
    rules: &dyn ZoneRules,
    zones: &[&str],
) -> Vec<Hit> {
    let tokens = &sentence.tokens;
    let found_dates = dates(tokens);
    let mut hits = Vec::new();
    let mut pos = 0;
    while pos < tokens.len() {
        let Some((Piece::Clock { .. }, _)) = piece(tokens, pos, set) else {
            pos += 1;
            continue;
        };
        // The group: clocks, zones, offsets and the words between them.
        let mut items: Vec<(usize, usize, Piece)> = Vec::new();
        let mut at = pos;
        while let Some((p, used)) = piece(tokens, at, set) {
            items.push((at, at + used, p));
            at += used;
        }
        while matches!(items.last(), Some((_, _, Piece::Connector | Piece::About))) {
            items.pop();
        }
        let end = items.last().map_or(pos + 1, |(_, e, _)| *e);
        let date = date_of(&found_dates, tokens, pos, end);
        group(
            &items,
            tokens,
            found_dates.is_empty(),
            date,
            rules,
            zones,
            &mut hits,
        );
        pos = end;
    }
    hits
}

fn span(tokens: &[Token], from: usize, to: usize) -> (usize, usize) {
    let start = tokens.get(from).map_or(0, |t| t.start);
    let end = tokens
        .get(to.saturating_sub(1))
        .map_or(start, |t| t.end.max(start));
    (start, end)
}

/// Checks one group of times. `undated`: the sentence has no date at all;
/// `date`: the calendar date these times are on, when the sentence says it.
fn group(
    items: &[(usize, usize, Piece)],
    tokens: &[Token],
    undated: bool,
    date: Option<NaiveDate>,
    rules: &dyn ZoneRules,
    zones: &[&str],
    hits: &mut Vec<Hit>,
) {
    let clocks: Vec<&(usize, usize, Piece)> = items
        .iter()
        .filter(|(_, _, p)| matches!(p, Piece::Clock { .. }))
        .collect();
    let (Some(first), Some(last)) = (clocks.first(), clocks.last()) else {
        return;
    };
    let (start, end) = span(tokens, first.0, last.1);
    let has_offset = items
        .iter()
        .any(|(_, _, p)| matches!(p, Piece::Offset(_) | Piece::OffsetName));
    let named = items
        .iter()
        .find(|(_, _, p)| matches!(p, Piece::Zone(_) | Piece::Generic));

    if undated {
        hits.push(Hit::new("time.no-date", start, end));
    }
    match (has_offset, named) {
        (false, None) => hits.push(Hit::new("time.no-zone", start, end)),
        (false, Some((from, to, _))) => {
            let (s, e) = span(tokens, *from, *to);
            hits.push(Hit::new("time.no-offset", s, e));
        }
        _ => {}
    }
    for (i, (from, to, p)) in items.iter().enumerate() {
        match p {
            Piece::Clock {
                hour: 12,
                twelve_hour: true,
            } => {
                let (s, e) = span(tokens, *from, *to);
                hits.push(Hit::new("time.midnight", s, e));
            }
            Piece::Zone(zone) => {
                let stated = items[i + 1..]
                    .iter()
                    .take_while(|(_, _, q)| !matches!(q, Piece::Zone(_) | Piece::Clock { .. }))
                    .find_map(|(_, t, q)| match q {
                        Piece::Offset(o) => Some((*o, *t)),
                        _ => None,
                    });
                let own = date
                    .is_some_and(|d| used_by(zone.name, stated.map(|(o, _)| o), d, zones, rules));
                if own {
                    continue;
                }
                if let Some((offset, offset_end)) = stated {
                    if !zone.meanings.iter().any(|m| m.offset == offset) {
                        let (s, e) = span(tokens, *from, offset_end);
                        let expected: Vec<String> = zone
                            .meanings
                            .iter()
                            .map(|m| format_offset(m.offset))
                            .collect();
                        hits.push(
                            Hit::new("time.offset-mismatch", s, e)
                                .with("name", zone.name)
                                .with("expected", &expected.join(" or ")),
                        );
                        continue;
                    }
                }
                if let Some(date) = date {
                    if let Some(hit) = wrong_for_date(zone, date, rules) {
                        let (s, e) = span(tokens, *from, *to);
                        hits.push(Hit {
                            start: s,
                            end: e,
                            ..hit
                        });
                    }
                }
            }
            _ => {}
        }
    }
}

/// Whether one of the draft's own zones calls itself `name` on `date`
/// (with `offset`, when one is stated).
fn used_by(
    name: &str,
    offset: Option<i32>,
    date: NaiveDate,
    zones: &[&str],
    rules: &dyn ZoneRules,
) -> bool {
    probes(date).iter().any(|&instant| {
        zones.iter().any(|zone| {
            rules.short_name(zone, instant).as_deref() == Some(name)
                && offset.is_none_or(|o| rules.offset_at(zone, instant) == Ok(o))
        })
    })
}

/// Instants that cover a calendar date in every zone: its start, middle and end in UTC.
fn probes(date: NaiveDate) -> Vec<i64> {
    [(0, 0), (12, 0), (23, 59)]
        .iter()
        .filter_map(|&(h, m)| date.and_hms_opt(h, m, 0))
        .map(|t| t.and_utc().timestamp())
        .collect()
}

/// How a zone is named to readers, as the notice names it: "New York".
fn zone_label(zone: &str) -> String {
    zone.rsplit('/').next().unwrap_or(zone).replace('_', " ")
}

/// "EST" on 14 July: no zone where readers meet EST is on UTC-05:00 that day.
fn wrong_for_date(zone: &ZoneName, date: NaiveDate, rules: &dyn ZoneRules) -> Option<Hit> {
    let probes = probes(date);
    let mut known = false;
    for meaning in &zone.meanings {
        for name in &meaning.zones {
            for &instant in &probes {
                if let Ok(offset) = rules.offset_at(name, instant) {
                    known = true;
                    if offset == meaning.offset {
                        return None;
                    }
                }
            }
        }
    }
    if !known {
        // No candidate zone is known to these rules: nothing to judge by.
        return None;
    }
    let (first_zone, noon) = (
        zone.meanings.iter().flat_map(|m| m.zones.first()).next()?,
        *probes.get(1)?,
    );
    let offset = rules.offset_at(first_zone, noon).ok()?;
    let actual = match rules.short_name(first_zone, noon) {
        Some(name) => format!("{name} ({})", format_offset(offset)),
        None => format_offset(offset),
    };
    Some(
        Hit::new("time.wrong-zone-name", 0, 0)
            .with("name", zone.name)
            .with("date", &day_month_year(date))
            .with("place", &zone_label(first_zone))
            .with("actual", &actual),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::candor::text::words;

    #[test]
    fn dates_with_and_without_years() {
        let tokens = words("on Wednesday 7 December 2005 and December 8th, and 2005-12-09");
        let found: Vec<Option<NaiveDate>> = dates(&tokens).into_iter().map(|d| d.date).collect();
        assert_eq!(
            found,
            vec![
                NaiveDate::from_ymd_opt(2005, 12, 7),
                None,
                NaiveDate::from_ymd_opt(2005, 12, 9)
            ]
        );
        assert!(dates(&words("we may march on 7 may")).is_empty());
    }

    #[test]
    fn iso_dates_are_read_with_the_date_input_rules() {
        for (text, want) in [
            ("2024-02-29", Some((2024, 2, 29))),
            ("2023-02-29", None),
            ("1900-02-29", None),
            ("2000-02-29", Some((2000, 2, 29))),
            ("2005-13-01", None),
            ("2005-00-10", None),
            ("2005-12-32", None),
            ("2005/12/07", None),
            ("+123-12-07", None),
        ] {
            let want = want.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
            assert_eq!(crate::model::parse_date(text), want, "{text}");
        }
        // The check reads the first ten bytes of a word, and only those.
        let found = |text: &str| {
            dates(&words(text))
                .into_iter()
                .map(|d| d.date)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            found("2005-12-07T17:05"),
            vec![NaiveDate::from_ymd_opt(2005, 12, 7)]
        );
        assert!(found("2005-1-07 2005-12-7 20051-2-07").is_empty());
    }

    #[test]
    fn dates_are_written_as_chrono_wrote_them() {
        let every_day = NaiveDate::from_ymd_opt(1900, 1, 1)
            .into_iter()
            .flat_map(|d| d.iter_days())
            .take_while(|d| d.year() < 2200);
        let odd_years = [-999, -123, -5, 0, 5, 99, 123, 999, 1000, 9999]
            .into_iter()
            .filter_map(|y| NaiveDate::from_ymd_opt(y, 7, 4));
        for d in every_day.chain(odd_years) {
            assert_eq!(day_month_year(d), d.format("%-d %B %Y").to_string());
        }
    }

    #[test]
    fn months_by_name_and_short_name() {
        for (text, number) in [
            ("December", Some(12)),
            ("Dec", Some(12)),
            ("Dec.", Some(12)),
            ("Sept", Some(9)),
            ("Sep", Some(9)),
            ("MAY", Some(5)),
            ("may", None),
            ("Ma", None),
            ("Decem", None),
            ("Septe", None),
            ("Junee", None),
        ] {
            assert_eq!(month(&words(text)[0]), number, "{text}");
        }
    }

    #[test]
    fn clocks_in_their_forms() {
        for (text, hour) in [
            ("17:05", 17),
            ("5pm", 5),
            ("5 p.m.", 5),
            ("5.30pm", 5),
            ("12:00", 12),
        ] {
            let tokens = words(text);
            assert_eq!(clock(&tokens, 0).map(|c| c.0), Some(hour), "{text}");
        }
        for text in ["17.05", "25:00", "5", "13pm", "500"] {
            assert_eq!(clock(&words(text), 0), None, "{text}");
        }
    }

    #[test]
    fn offsets_in_their_forms() {
        assert_eq!(offset("utc-05:00"), Some(-18_000));
        assert_eq!(offset("gmt-0500"), Some(-18_000));
        assert_eq!(offset("utc+5:30"), Some(19_800));
        assert_eq!(offset("+05:30"), Some(19_800));
        assert_eq!(offset("utc"), None);
        assert_eq!(offset("-5"), None);
    }
}
