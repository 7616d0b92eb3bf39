//! The browser's zone rules: [`ZoneRules`] over `Intl.DateTimeFormat`.
//!
//! Over 600 lines for a reason: offsets, short names and the zone list all
//! read `Intl` through the same guarded calls and caches, and each bit of
//! `Intl`'s behaviour they rely on is written down beside the code using it.
//!
//! Only the browser build has this module; native tests use a tzdb adapter
//! instead. Its API: [`IntlZones`] (the rules; keep one, it caches),
//! [`name_locale`] (the short-name rule as a table), [`browser_zone`],
//! [`supported_zones`] and [`browser_description`].
//!
//! It never panics and never calls `unwrap()`: every JS call that can throw
//! is bound with `catch`, and whatever the browser returns is read as data
//! that may be missing.
//!
//! **Offsets.** `offset_at` formats the instant in the zone with one cached
//! `Intl.DateTimeFormat` per zone (en-US, Gregorian, Latin digits, era,
//! `hourCycle: "h23"`, year..second numeric) and returns wall time minus
//! instant. Which number is which comes from `formatToParts`; per call the
//! clock reads the same formatter's `format()` text in that learned order,
//! which is about four times cheaper (see `WallClock`). An unknown zone
//! (`Intl` throws a `RangeError`) is [`TimeError::UnknownZone`]; an instant
//! outside a JS `Date`'s range (±8.64e15 ms) is [`TimeError::OutOfRange`].
//!
//! **Short names: one rule.** A zone's short name is the one `Intl` gives in
//! the English of the zone's own part of the world ([`name_locale`]): en-US
//! for the Americas (and by default), en-CA for Newfoundland, en-GB for
//! Europe and the zones next to it that keep European time, en-IE for
//! Ireland, en-ZA for the rest of Africa, en-AU for Australia, en-NZ for New
//! Zealand, en-IN for India, and the local English of Hong Kong, Singapore,
//! Malaysia, Indonesia, the Emirates and Guam for their own zones. A name
//! that is not all letters ("GMT+3", "GMT-3:30", "GMT+0", "UTC+5") is no
//! name: the notice then shows the numeric offset alone. The locale is
//! chosen per zone because CLDR keeps regional names in regional English
//! only: en-US says "GMT+1" for Berlin, en-GB says "GMT-5" for New York, and
//! only en-IN says "IST" (which it would also say for Sri Lanka, so Colombo is
//! not given en-IN). When the browser lacks the regional English, `Intl`
//! falls back to plain "en" (listed second), never to the reader's language.

use crate::order::Keyed;
use std::cell::RefCell;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::time::{TimeError, ZoneRules};

#[wasm_bindgen]
extern "C" {
    /// `Intl.DateTimeFormat`, bound here (rather than through js-sys) so
    /// that the constructor and every method report a JS exception as an
    /// `Err` instead of unwinding through the wasm module.
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type Formatter;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "DateTimeFormat", catch)]
    fn new(locales: &Array, options: &Object) -> Result<Formatter, JsValue>;

    #[wasm_bindgen(method, js_name = formatToParts, catch)]
    fn format_to_parts(this: &Formatter, epoch_ms: f64) -> Result<Array, JsValue>;

    /// `format` is a getter that returns a function bound to the formatter;
    /// called as a method, it formats in one call into JS.
    #[wasm_bindgen(method, js_name = format, catch)]
    fn format(this: &Formatter, epoch_ms: f64) -> Result<String, JsValue>;

    #[wasm_bindgen(method, js_name = resolvedOptions, catch)]
    fn resolved_options(this: &Formatter) -> Result<Object, JsValue>;
}

/// The largest |milliseconds| a JS `Date` holds (±100,000,000 days).
const MAX_EPOCH_MS: i64 = 8_640_000_000_000_000;
/// No zone has ever been a day or more from UTC; a larger difference means
/// the formatter's output was not what we asked for.
const MAX_OFFSET: i64 = 26 * 3_600;

/// [`ZoneRules`] from the browser's `Intl`. Create one and keep it: it caches
/// a formatter per zone, since one `resolve` asks for 35 to 60 offsets.
pub struct IntlZones {
    walls: RefCell<Keyed<WallClock>>,
    names: RefCell<Keyed<Formatter>>,
}

impl Default for IntlZones {
    fn default() -> Self {
        Self::new()
    }
}

impl IntlZones {
    /// Rules with empty caches; formatters are made on first use of a zone.
    pub fn new() -> Self {
        IntlZones {
            walls: RefCell::new(Keyed::new()),
            names: RefCell::new(Keyed::new()),
        }
    }

    /// Runs `read` with the zone's wall-clock formatter, creating and caching
    /// it first if needed.
    fn with_wall<T>(
        &self,
        zone: &str,
        read: impl FnOnce(&WallClock) -> Result<T, TimeError>,
    ) -> Result<T, TimeError> {
        if let Ok(cache) = self.walls.try_borrow() {
            if let Some(clock) = cache.get(zone) {
                return read(clock);
            }
        }
        let clock = WallClock::new(zone).ok_or_else(|| TimeError::UnknownZone {
            zone: zone.to_owned(),
        })?;
        let result = read(&clock);
        if let Ok(mut cache) = self.walls.try_borrow_mut() {
            cache.insert(zone.to_owned(), clock);
        }
        result
    }

    fn with_name<T>(&self, zone: &str, read: impl FnOnce(&Formatter) -> Option<T>) -> Option<T> {
        if let Ok(cache) = self.names.try_borrow() {
            if let Some(formatter) = cache.get(zone) {
                return read(formatter);
            }
        }
        let formatter = name_formatter(zone)?;
        let result = read(&formatter);
        // Only zones Intl knows are kept, so typed nonsense cannot grow it.
        if let Ok(mut cache) = self.names.try_borrow_mut() {
            cache.insert(zone.to_owned(), formatter);
        }
        result
    }
}

impl ZoneRules for IntlZones {
    fn offset_at(&self, zone: &str, instant: i64) -> Result<i32, TimeError> {
        self.with_wall(zone, |clock| {
            let local = clock.local_seconds(instant).ok_or(TimeError::OutOfRange)?;
            let offset = local
                .checked_sub(instant)
                .filter(|o| o.abs() < MAX_OFFSET)
                .ok_or(TimeError::OutOfRange)?;
            i32::try_from(offset).map_err(|_| TimeError::OutOfRange)
        })
    }

    fn short_name(&self, zone: &str, instant: i64) -> Option<String> {
        self.with_name(zone, |formatter| {
            let parts = parts(formatter, instant)?;
            let (_, name) = parts.into_iter().find(|(kind, _)| kind == "timeZoneName")?;
            is_real_name(&name).then_some(name)
        })
    }
}

/// The English whose short names [`IntlZones::short_name`] shows for `zone`:
/// the rule in the module documentation, as a table.
pub fn name_locale(zone: &str) -> &'static str {
    match zone {
        "America/St_Johns" | "Canada/Newfoundland" => "en-CA",
        "Europe/Dublin" | "Eire" => "en-IE",
        "Asia/Kolkata" | "Asia/Calcutta" => "en-IN",
        "Asia/Dubai" => "en-AE",
        "Asia/Hong_Kong" | "Hongkong" => "en-HK",
        "Asia/Singapore" | "Singapore" => "en-SG",
        "Asia/Kuala_Lumpur" | "Asia/Kuching" => "en-MY",
        "Asia/Jakarta" | "Asia/Pontianak" | "Asia/Makassar" | "Asia/Ujung_Pandang"
        | "Asia/Jayapura" => "en-ID",
        "Pacific/Guam" | "Pacific/Saipan" => "en-GU",
        "Pacific/Auckland"
        | "Pacific/Chatham"
        | "NZ"
        | "NZ-CHAT"
        | "Antarctica/McMurdo"
        | "Antarctica/South_Pole" => "en-NZ",
        "Antarctica/Macquarie" => "en-AU",
        // Outside Europe by name, on European time (CET, EET, WET) in fact.
        "Africa/Algiers"
        | "Africa/Tunis"
        | "Africa/Cairo"
        | "Egypt"
        | "Africa/Tripoli"
        | "Libya"
        | "Africa/Ceuta"
        | "Asia/Nicosia"
        | "Asia/Famagusta"
        | "Asia/Beirut"
        | "Asia/Gaza"
        | "Asia/Hebron"
        | "Atlantic/Canary"
        | "Atlantic/Madeira"
        | "Atlantic/Faroe"
        | "Atlantic/Faeroe"
        | "Arctic/Longyearbyen"
        | "Atlantic/Jan_Mayen"
        | "GB"
        | "GB-Eire" => "en-GB",
        "Indian/Antananarivo" | "Indian/Comoro" | "Indian/Mayotte" => "en-ZA",
        _ if zone.starts_with("Europe/") => "en-GB",
        _ if zone.starts_with("Australia/") => "en-AU",
        _ if zone.starts_with("Africa/") => "en-ZA",
        _ => "en-US",
    }
}

/// A short name is real when it is letters only: "EST", "ChST", "GMT",
/// "UTC"; never "GMT+3", "GMT-3:30", "GMT+0", "UTC−5".
fn is_real_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic())
}

fn epoch_ms(instant: i64) -> Option<f64> {
    let ms = instant.checked_mul(1_000)?;
    // Exact as f64: the JS range is well inside ±2^53.
    (ms.abs() <= MAX_EPOCH_MS).then_some(ms as f64)
}

fn options(zone: &str) -> Option<Object> {
    let options = Object::new();
    let set = |key: &str, value: &str| {
        Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value)).is_ok()
    };
    let all_set =
        set("timeZone", zone) && set("calendar", "gregory") && set("numberingSystem", "latn");
    all_set.then_some(options)
}

/// One zone's wall clock: its formatter, and when it is safe, the order of
/// the numbers in the formatter's plain `format()` text.
///
/// `formatToParts` says what each number is, but costs about four times
/// what `format()` does, and crosses into JS once per part. So each clock
/// learns from `formatToParts` which number is which ("12/7/2005 AD,
/// 17:05:00": month, day, year, hour, minute, second) and then reads
/// `format()`; it keeps that only if both readings agree on test instants
/// on either side of year 1, and falls back to `formatToParts` for any text
/// that does not have the learned shape.
struct WallClock {
    formatter: Formatter,
    /// The order of the numbers in `format()`'s text, when it is safe to use.
    layout: Option<Vec<Field>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
}

/// A wall time as the formatter gave it; `year` counts within the era.
struct Fields {
    year: i64,
    before_christ: bool,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
}

impl WallClock {
    /// en-US, Gregorian, Latin digits, 00-23 hours, every field numeric, and
    /// the era so that years before 1 read right. `None` when `Intl` rejects
    /// the zone.
    fn new(zone: &str) -> Option<WallClock> {
        let options = options(zone)?;
        for (key, value) in [
            ("hourCycle", "h23"),
            ("era", "short"),
            ("year", "numeric"),
            ("month", "numeric"),
            ("day", "numeric"),
            ("hour", "numeric"),
            ("minute", "numeric"),
            ("second", "numeric"),
        ] {
            Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value)).ok()?;
        }
        let locales = Array::of1(&JsValue::from_str("en-US"));
        let formatter = Formatter::new(&locales, &options).ok()?;
        let layout = learn_layout(&formatter);
        Some(WallClock { formatter, layout })
    }

    /// The wall time at `instant` as seconds since 1970, read as if UTC.
    fn local_seconds(&self, instant: i64) -> Option<i64> {
        let ms = epoch_ms(instant)?;
        let fast = self
            .layout
            .as_ref()
            .and_then(|layout| read_text(&self.formatter.format(ms).ok()?, layout));
        fast.or_else(|| read_parts(&parts(&self.formatter, instant)?))?
            .local_seconds()
    }
}

/// Which number in `format()`'s text is which, from `formatToParts`; `None`
/// unless the text is numbers, an era in letters, and literals without
/// letters or digits, and both readings agree before and after year 1.
fn learn_layout(formatter: &Formatter) -> Option<Vec<Field>> {
    // 7 December 2005 22:05:09 UTC, and 2 January 5 BC (year -4).
    const SAMPLES: [i64; 2] = [1_133_993_109, -62_293_363_200];
    let sample = parts(formatter, SAMPLES[0])?;
    // Literals are left out of `parts`; check them in the raw output.
    let literals_ok = |instant: i64| {
        let Some(ms) = epoch_ms(instant) else {
            return false;
        };
        formatter.format_to_parts(ms).ok().is_some_and(|all| {
            all.iter().all(|part| {
                let text = |key: &str| {
                    Reflect::get(&part, &JsValue::from_str(key))
                        .ok()
                        .and_then(|v| v.as_string())
                };
                match (text("type").as_deref(), text("value")) {
                    (Some("literal"), Some(v)) => !v.chars().any(|c| c.is_ascii_alphanumeric()),
                    (Some(_), Some(_)) => true,
                    _ => false,
                }
            })
        })
    };
    if !SAMPLES.into_iter().all(literals_ok) {
        return None;
    }
    let mut layout = Vec::new();
    for (kind, value) in &sample {
        let field = match kind.as_str() {
            "year" => Field::Year,
            "month" => Field::Month,
            "day" => Field::Day,
            "hour" => Field::Hour,
            "minute" => Field::Minute,
            "second" => Field::Second,
            "era" if value.chars().all(|c| c.is_ascii_alphabetic()) => continue,
            _ => return None,
        };
        if !value.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        layout.push(field);
    }
    for instant in SAMPLES {
        let text = formatter.format(epoch_ms(instant)?).ok()?;
        let fast = read_text(&text, &layout)?.local_seconds()?;
        let slow = read_parts(&parts(formatter, instant)?)?.local_seconds()?;
        if fast != slow {
            return None;
        }
    }
    Some(layout)
}

/// The parts of `instant` formatted by `formatter`, as (type, value) pairs,
/// literals left out.
fn parts(formatter: &Formatter, instant: i64) -> Option<Vec<(String, String)>> {
    let ms = epoch_ms(instant)?;
    let parts = formatter.format_to_parts(ms).ok()?;
    let (kind_key, value_key) = (JsValue::from_str("type"), JsValue::from_str("value"));
    let mut out = Vec::with_capacity(8);
    for part in parts.iter() {
        let kind = Reflect::get(&part, &kind_key).ok()?.as_string()?;
        if kind == "literal" {
            continue;
        }
        let value = Reflect::get(&part, &value_key).ok()?.as_string()?;
        out.push((kind, value));
    }
    Some(out)
}

fn read_parts(parts: &[(String, String)]) -> Option<Fields> {
    let field = |name: &str| -> Option<i64> {
        let (_, value) = parts.iter().find(|(kind, _)| kind == name)?;
        value.parse().ok()
    };
    Some(Fields {
        year: field("year")?,
        // "BC" (or "B"), whatever the era is called in full.
        before_christ: parts
            .iter()
            .any(|(kind, value)| kind == "era" && value.starts_with('B')),
        month: field("month")?,
        day: field("day")?,
        hour: field("hour")?,
        minute: field("minute")?,
        second: field("second")?,
    })
}

/// Reads `format()` text with a learned layout: its runs of digits are the
/// fields in `layout` order, and a run of letters starting with "B" is the
/// era before Christ. `None` when the text does not have that shape.
fn read_text(text: &str, layout: &[Field]) -> Option<Fields> {
    let mut numbers = [0i64; 6];
    let mut count = 0;
    let mut before_christ = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        if bytes[i].is_ascii_digit() {
            let mut n: i64 = 0;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                n = n.checked_mul(10)?.checked_add(i64::from(bytes[i] - b'0'))?;
                i += 1;
            }
            *numbers.get_mut(count)? = n;
            count += 1;
        } else if bytes[i].is_ascii_alphabetic() {
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            before_christ |= bytes[start] == b'B';
        } else {
            i += 1;
        }
    }
    if count != layout.len() {
        return None;
    }
    let mut fields = Fields {
        year: 0,
        before_christ,
        month: 0,
        day: 0,
        hour: 0,
        minute: 0,
        second: 0,
    };
    for (field, n) in layout.iter().zip(numbers) {
        match field {
            Field::Year => fields.year = n,
            Field::Month => fields.month = n,
            Field::Day => fields.day = n,
            Field::Hour => fields.hour = n,
            Field::Minute => fields.minute = n,
            Field::Second => fields.second = n,
        }
    }
    Some(fields)
}

impl Fields {
    /// Seconds since 1970 of this wall time read as if it were UTC.
    fn local_seconds(&self) -> Option<i64> {
        // Year 1 BC is year 0 of the proleptic Gregorian calendar.
        let year = if self.before_christ {
            1 - self.year
        } else {
            self.year
        };
        let valid = (1..=12).contains(&self.month)
            && (1..=31).contains(&self.day)
            // "24" is midnight in engines that ignore `hourCycle`; it adds up.
            && (0..=24).contains(&self.hour)
            && (0..=59).contains(&self.minute)
            && (0..=60).contains(&self.second);
        if !valid {
            return None;
        }
        let days = days_from_civil(year, self.month, self.day)?;
        days.checked_mul(86_400)?
            .checked_add(self.hour * 3_600 + self.minute * 60 + self.second)
    }
}

/// The zone's regional English with `timeZoneName: "short"`; `None` when the
/// zone is unknown or the browser resolves to a language other than English.
fn name_formatter(zone: &str) -> Option<Formatter> {
    let options = options(zone)?;
    Reflect::set(
        &options,
        &JsValue::from_str("timeZoneName"),
        &JsValue::from_str("short"),
    )
    .ok()?;
    let locales = Array::of2(
        &JsValue::from_str(name_locale(zone)),
        &JsValue::from_str("en"),
    );
    let formatter = Formatter::new(&locales, &options).ok()?;
    let resolved = formatter.resolved_options().ok()?;
    let locale = Reflect::get(&resolved, &JsValue::from_str("locale"))
        .ok()?
        .as_string()?;
    (locale == "en" || locale.starts_with("en-")).then_some(formatter)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// `days_from_civil`), for any year a JS `Date` can hold.
fn days_from_civil(year: i64, month: i64, day: i64) -> Option<i64> {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era.checked_mul(146_097)?
        .checked_add(day_of_era)?
        .checked_sub(719_468)
}

/// The reader's zone as the browser reports it
/// (`Intl.DateTimeFormat().resolvedOptions().timeZone`), if it does.
pub fn browser_zone() -> Option<String> {
    let formatter = Formatter::new(&Array::new(), &Object::new()).ok()?;
    let resolved = formatter.resolved_options().ok()?;
    Reflect::get(&resolved, &JsValue::from_str("timeZone"))
        .ok()?
        .as_string()
        .filter(|zone| !zone.is_empty())
}

/// Every zone the browser knows (`Intl.supportedValuesOf("timeZone")`), in
/// its order, with "UTC" added when the list lacks it (Chromium's does). A
/// browser without `supportedValuesOf` gives just "UTC".
pub fn supported_zones() -> Vec<String> {
    let mut zones: Vec<String> = supported_values_of_time_zone()
        .map(|list| list.iter().filter_map(|zone| zone.as_string()).collect())
        .unwrap_or_default();
    if !zones.iter().any(|zone| zone == "UTC") {
        zones.push("UTC".to_owned());
    }
    zones
}

fn supported_values_of_time_zone() -> Option<Array> {
    let intl = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
    let function: Function = Reflect::get(&intl, &JsValue::from_str("supportedValuesOf"))
        .ok()?
        .dyn_into()
        .ok()?;
    function
        .call1(&intl, &JsValue::from_str("timeZone"))
        .ok()?
        .dyn_into()
        .ok()
}

/// The browser by name and version, for "times follow your browser's
/// time-zone data (Chromium 156)": from `navigator.userAgentData.brands`
/// where the browser offers it, else from `navigator.userAgent`; "your
/// browser" when neither says.
pub fn browser_description() -> String {
    let navigator = Reflect::get(&js_sys::global(), &JsValue::from_str("navigator")).ok();
    let from_brands = navigator.as_ref().and_then(brand_description);
    let from_agent = || {
        navigator
            .as_ref()
            .and_then(|n| Reflect::get(n, &JsValue::from_str("userAgent")).ok())
            .and_then(|agent| agent.as_string())
            .and_then(|agent| describe_user_agent(&agent))
    };
    from_brands
        .or_else(from_agent)
        .unwrap_or_else(|| "your browser".to_owned())
}

/// From User-Agent Client Hints: the named brand ("Google Chrome", "Microsoft
/// Edge", ...) if there is one, else "Chromium"; the made-up "Not A Brand"
/// entries are skipped.
fn brand_description(navigator: &JsValue) -> Option<String> {
    let data = Reflect::get(navigator, &JsValue::from_str("userAgentData")).ok()?;
    let brands: Array = Reflect::get(&data, &JsValue::from_str("brands"))
        .ok()?
        .dyn_into()
        .ok()?;
    let mut named: Option<(String, String)> = None;
    let mut chromium: Option<(String, String)> = None;
    for entry in brands.iter() {
        let text = |key: &str| {
            Reflect::get(&entry, &JsValue::from_str(key))
                .ok()
                .and_then(|v| v.as_string())
        };
        let (Some(brand), Some(version)) = (text("brand"), text("version")) else {
            continue;
        };
        // GREASE entries look like "Not)A;Brand" or "Not A Brand".
        let made_up = (brand.trim_start().starts_with("Not") && brand.contains("Brand"))
            || !brand.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ');
        if made_up || brand.is_empty() || version.is_empty() {
            continue;
        }
        if brand == "Chromium" {
            chromium = Some((brand, version));
        } else if named.is_none() {
            named = Some((brand, version));
        }
    }
    named
        .or(chromium)
        .map(|(brand, version)| format!("{brand} {version}"))
}

/// "Firefox 128", "Edge 131", "Opera 115", "Safari 17.4", "Chrome 156" from a
/// User-Agent string. Order matters: Edge and Opera also say "Chrome", and
/// Chrome also says "Safari".
fn describe_user_agent(agent: &str) -> Option<String> {
    let version_after = |token: &str| -> Option<String> {
        let start = agent.find(token)? + token.len();
        let version: String = agent[start..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        (!version.is_empty()).then_some(version)
    };
    let major = |v: String| v.split('.').next().unwrap_or_default().to_owned();
    let major_minor = |v: String| v.split('.').take(2).collect::<Vec<_>>().join(".");
    [
        ("Firefox/", "Firefox", false),
        ("FxiOS/", "Firefox", false),
        ("Edg/", "Edge", false),
        ("EdgiOS/", "Edge", false),
        ("OPR/", "Opera", false),
        ("SamsungBrowser/", "Samsung Internet", false),
        ("Chromium/", "Chromium", false),
        ("HeadlessChrome/", "Chrome", false),
        ("CriOS/", "Chrome", false),
        ("Chrome/", "Chrome", false),
        ("Version/", "Safari", true),
    ]
    .into_iter()
    .find_map(|(token, name, minor)| {
        let version = version_after(token)?;
        let version = if minor {
            major_minor(version)
        } else {
            major(version)
        };
        Some(format!("{name} {version}"))
    })
}
