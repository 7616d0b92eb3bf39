//! Reads `rules.txt`: every rule's words, messages and sources, the named
//! phrase lists, and the time-zone abbreviations. See the head of that file
//! for its format. The app uses a copy without comments or sources: natively
//! (the tests) build.rs writes it and it is compiled in; in the browser it is
//! a file of its own that the page fetches once the author moves past the first step and
//! hands to [`install`] (12.6 KB gzip that a reader need not download before
//! Candor starts: the check runs only on the last step). The full file is
//! read only for [`with_sources`].

use std::sync::OnceLock;

use super::pattern::{Lists, Pattern};
use super::{Family, Severity};

/// Why the check has no rules to apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unavailable {
    /// The page has not received them yet.
    Loading,
    /// The page could not fetch them: the reason, as a sentence.
    NotFetched(String),
    /// They were received but do not parse.
    Broken(RulesError),
}

/// The rules as shipped (no sources), read once. An error's line number
/// counts lines of that copy; [`with_sources`] names the line in rules.txt.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn shipped() -> Result<&'static RuleSet, Unavailable> {
    static RULES: OnceLock<Result<RuleSet, RulesError>> = OnceLock::new();
    RULES
        .get_or_init(|| {
            let stripped = include_str!(concat!(env!("OUT_DIR"), "/rules.txt"));
            RuleSet::parse(stripped, Sources::Stripped)
        })
        .as_ref()
        .map_err(|e| Unavailable::Broken(e.clone()))
}

/// The text the page fetched, or why it could not.
#[cfg(target_arch = "wasm32")]
static FETCHED: OnceLock<Result<&'static str, String>> = OnceLock::new();

/// The rules the page installed, or why there are none yet. Read from the
/// fetched text the first time the check runs, so that reading rules is
/// code of the check step (a part loaded later, `ui::later`), not of start.
#[cfg(target_arch = "wasm32")]
pub(crate) fn shipped() -> Result<&'static RuleSet, Unavailable> {
    static PARSED: OnceLock<Result<RuleSet, Unavailable>> = OnceLock::new();
    let Some(fetched) = FETCHED.get() else {
        return Err(Unavailable::Loading);
    };
    PARSED
        .get_or_init(|| match fetched {
            Ok(text) => RuleSet::parse(text, Sources::Stripped).map_err(Unavailable::Broken),
            Err(why) => Err(Unavailable::NotFetched(why.clone())),
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Gives the browser's check its rules: the text of the file the page
/// fetched (`Ok`), or why it could not fetch it. The first call wins; the
/// text is kept for the life of the page, as the compiled-in copy is.
#[cfg(target_arch = "wasm32")]
pub fn install(fetched: Result<String, String>) {
    let _ = FETCHED.set(fetched.map(|text| &*Box::leak(text.into_boxed_str())));
}

/// The full `rules.txt`, where every pattern and every rule without
/// patterns must give its source. Not used by the app, so not in the wasm.
pub(crate) fn with_sources() -> Result<RuleSet, RulesError> {
    RuleSet::parse(include_str!("rules.txt"), Sources::Required)
}

/// Whether the text still has its sources, which are then required.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sources {
    Required,
    Stripped,
}

/// A mistake in the rules file: where and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RulesError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for RulesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "rules.txt line {}: {}", self.line, self.message)
    }
}

/// A pattern with the reason it is there.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub pattern: Pattern,
    pub text: &'static str,
    pub source: &'static str,
}

#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub id: &'static str,
    pub family: Family,
    pub severity: Severity,
    pub message: &'static str,
    pub why: &'static str,
    pub suggestion: &'static str,
    pub source: &'static str,
    /// Words that trigger the rule. Empty for rules the code applies
    /// (missing facts, times, shapes of host names, sentence length).
    pub phrases: Vec<Entry>,
    /// The hit is dropped when one of these matches near it (from four
    /// words before it to four words after it).
    pub unless: Vec<Entry>,
    /// The hit is dropped when one of these matches anywhere in its sentence.
    pub unless_sentence: Vec<Entry>,
    /// The hit counts only when one of these matches somewhere in its sentence.
    pub needs_sentence: Vec<Entry>,
    /// The hit is dropped when one of these matches in an earlier sentence
    /// of the same text (a heading or sentence that gives the date).
    pub unless_earlier: Vec<Entry>,
    /// The hit is dropped when one of these starts in the four words
    /// before it ("not a minor ...").
    pub unless_before: Vec<Entry>,
    /// The hit counts only when nothing in the draft owns the failure
    /// (no phrase of the list `accountable` anywhere).
    pub unowned_only: bool,
    /// The hit counts only when nothing in the draft names a change the
    /// sender makes (no phrase of the list `change` anywhere).
    pub unchanged_only: bool,
    /// A number the rule's code uses (a word count, a grade).
    pub limit: Option<f32>,
}

/// One meaning of a zone abbreviation: its offset and the zones where
/// readers meet it.
#[derive(Clone, Debug)]
pub(crate) struct Meaning {
    pub offset: i32,
    pub zones: Vec<&'static str>,
}

#[derive(Clone, Debug)]
pub(crate) struct ZoneName {
    pub name: &'static str,
    pub meanings: Vec<Meaning>,
}

#[derive(Debug)]
pub(crate) struct RuleSet {
    pub rules: Vec<Rule>,
    lists: Vec<(&'static str, Vec<Pattern>)>,
    pub list_entries: Vec<(&'static str, Vec<Entry>)>,
    /// Abbreviations with a fixed offset ("EST", "CEST", "IST").
    pub zone_names: Vec<ZoneName>,
    /// Names that are their own offset ("UTC", "GMT").
    pub offset_names: Vec<&'static str>,
    /// Names of a zone with no offset at all ("ET", "PT").
    pub generic_names: Vec<&'static str>,
}

impl Lists for RuleSet {
    fn list(&self, name: &str) -> Option<&[Pattern]> {
        self.lists
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, p)| p.as_slice())
    }
}

enum Section {
    None,
    Rule(usize),
    List(usize),
    Zones,
}

impl RuleSet {
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    pub fn zone_name(&self, raw: &str) -> Option<&ZoneName> {
        self.zone_names.iter().find(|z| z.name == raw)
    }

    pub fn parse(text: &'static str, sources: Sources) -> Result<RuleSet, RulesError> {
        let mut set = RuleSet {
            rules: Vec::new(),
            lists: Vec::new(),
            list_entries: Vec::new(),
            zone_names: Vec::new(),
            offset_names: Vec::new(),
            generic_names: Vec::new(),
        };
        let mut section = Section::None;
        for (n, line) in text.lines().enumerate() {
            let number = n + 1;
            let err = |message: String| RulesError {
                line: number,
                message,
            };
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                let (kind, name) = header.split_once(' ').unwrap_or((header, ""));
                let name = name.trim();
                section = match kind {
                    "rule" => {
                        if name.is_empty() || set.rule(name).is_some() {
                            return Err(err(format!("rule id \"{name}\" is empty or repeated")));
                        }
                        set.rules.push(Rule {
                            id: name,
                            family: Family::Commercialese,
                            severity: Severity::Advice,
                            message: "",
                            why: "",
                            suggestion: "",
                            source: "",
                            phrases: Vec::new(),
                            unless: Vec::new(),
                            unless_sentence: Vec::new(),
                            needs_sentence: Vec::new(),
                            unless_earlier: Vec::new(),
                            unless_before: Vec::new(),
                            unowned_only: false,
                            unchanged_only: false,
                            limit: None,
                        });
                        Section::Rule(set.rules.len() - 1)
                    }
                    "list" => {
                        if name.is_empty() {
                            return Err(err("a list needs a name".into()));
                        }
                        set.lists.push((name, Vec::new()));
                        set.list_entries.push((name, Vec::new()));
                        Section::List(set.lists.len() - 1)
                    }
                    "zones" => Section::Zones,
                    _ => return Err(err(format!("unknown section [{header}]"))),
                };
                continue;
            }
            let (key, value) = line
                .split_once(':')
                .ok_or_else(|| err("expected `key: value`".into()))?;
            let key = key.trim();
            let value = value.trim();
            match &section {
                Section::None => return Err(err("a key before any [section]".into())),
                Section::Rule(i) => {
                    let rule = &mut set.rules[*i];
                    match key {
                        "family" => {
                            rule.family = Family::from_name(value)
                                .ok_or_else(|| err(format!("unknown family \"{value}\"")))?
                        }
                        "severity" => {
                            rule.severity = Severity::from_name(value)
                                .ok_or_else(|| err(format!("unknown severity \"{value}\"")))?
                        }
                        "message" => rule.message = value,
                        "why" => rule.why = value,
                        "suggestion" => rule.suggestion = value,
                        "source" => rule.source = value,
                        "context" if value == "unowned" => rule.unowned_only = true,
                        "context" if value == "unchanged" => rule.unchanged_only = true,
                        "limit" => {
                            rule.limit = Some(parse_limit(value).ok_or_else(|| {
                                err(format!("limit \"{value}\" is not a number like 25 or 7.5"))
                            })?)
                        }
                        "phrase" => rule.phrases.push(entry(value, sources).map_err(err)?),
                        "unless" => rule.unless.push(entry(value, sources).map_err(err)?),
                        "unless-sentence" => rule
                            .unless_sentence
                            .push(entry(value, sources).map_err(err)?),
                        "needs-sentence" => rule
                            .needs_sentence
                            .push(entry(value, sources).map_err(err)?),
                        "unless-earlier" => rule
                            .unless_earlier
                            .push(entry(value, sources).map_err(err)?),
                        "unless-before" => {
                            rule.unless_before.push(entry(value, sources).map_err(err)?)
                        }
                        _ => return Err(err(format!("unknown rule key \"{key}\""))),
                    }
                }
                Section::List(i) => {
                    if key != "phrase" {
                        return Err(err(format!("a list holds only phrases, not \"{key}\"")));
                    }
                    let e = entry(value, sources).map_err(err)?;
                    set.lists[*i].1.push(e.pattern.clone());
                    set.list_entries[*i].1.push(e);
                }
                Section::Zones => {
                    let (body, _source) = split_source(value, sources).map_err(err)?;
                    match key {
                        "zone" => set.zone_names.push(zone(body).map_err(err)?),
                        "offset-names" => set.offset_names.extend(body.split_whitespace()),
                        "generic-names" => set.generic_names.extend(body.split_whitespace()),
                        _ => return Err(err(format!("unknown zones key \"{key}\""))),
                    }
                }
            }
        }
        set.validate(sources)?;
        Ok(set)
    }

    fn validate(&self, sources: Sources) -> Result<(), RulesError> {
        let err = |message: String| RulesError { line: 0, message };
        for rule in &self.rules {
            if rule.message.is_empty() || rule.why.is_empty() || rule.suggestion.is_empty() {
                return Err(err(format!(
                    "rule {} needs a message, a why and a suggestion",
                    rule.id
                )));
            }
            if sources == Sources::Required && rule.phrases.is_empty() && rule.source.is_empty() {
                return Err(err(format!(
                    "rule {} has no phrases, so it needs a `source:` saying why it exists",
                    rule.id
                )));
            }
            let entries = rule
                .phrases
                .iter()
                .chain(&rule.unless)
                .chain(&rule.unless_sentence)
                .chain(&rule.needs_sentence)
                .chain(&rule.unless_earlier)
                .chain(&rule.unless_before);
            for e in entries {
                for name in e.pattern.lists() {
                    if self.list(name).is_none() {
                        return Err(err(format!("rule {} uses unknown list @{name}", rule.id)));
                    }
                }
            }
        }
        for name in ["accountable", "change"] {
            if self.list(name).is_none() {
                return Err(err(format!("the list `{name}` is missing")));
            }
        }
        Ok(())
    }
}

/// "25", "7.5": a whole number, or one with one decimal place. Read by hand:
/// `str::parse::<f32>` would bring core's float-parsing tables into the wasm.
fn parse_limit(value: &str) -> Option<f32> {
    let (whole, tenth) = value.split_once('.').unwrap_or((value, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || tenth.len() != 1 || !digits(tenth) {
        return None;
    }
    let tenths = whole
        .parse::<u16>()
        .ok()?
        .checked_mul(10)?
        .checked_add(tenth.parse().ok()?)?;
    Some(f32::from(tenths) / 10.0)
}

/// `pattern ; source`: every entry says where it comes from or why.
fn split_source(
    value: &'static str,
    sources: Sources,
) -> Result<(&'static str, &'static str), String> {
    if sources == Sources::Stripped {
        return Ok((value, ""));
    }
    let (body, source) = value
        .split_once(" ; ")
        .ok_or_else(|| format!("\"{value}\" needs ` ; ` and a source or reason"))?;
    let source = source.trim();
    if source.is_empty() {
        return Err(format!("\"{value}\" has an empty source"));
    }
    Ok((body.trim(), source))
}

fn entry(value: &'static str, sources: Sources) -> Result<Entry, String> {
    let (body, source) = split_source(value, sources)?;
    Ok(Entry {
        pattern: Pattern::parse(body)?,
        text: body,
        source,
    })
}

/// `EST -05:00 America/New_York America/Toronto | ...`
fn zone(body: &'static str) -> Result<ZoneName, String> {
    let (name, rest) = body
        .split_once(' ')
        .ok_or_else(|| format!("zone \"{body}\" needs meanings"))?;
    let mut meanings = Vec::new();
    for meaning in rest.split('|') {
        let mut words = meaning.split_whitespace();
        let offset = words.next().and_then(parse_offset).ok_or_else(|| {
            format!("zone {name}: each meaning starts with an offset like -05:00")
        })?;
        meanings.push(Meaning {
            offset,
            zones: words.collect(),
        });
    }
    Ok(ZoneName {
        name: name.trim(),
        meanings,
    })
}

/// "+05:30", "-0500", "+5", "-05" into seconds east of UTC.
pub(crate) fn parse_offset(text: &str) -> Option<i32> {
    let text = text.replace('−', "-");
    let (sign, digits) = match text.chars().next()? {
        '+' => (1, &text[1..]),
        '-' => (-1, &text[1..]),
        _ => return None,
    };
    if !digits.chars().all(|c| c.is_ascii_digit() || c == ':') {
        return None;
    }
    let (h, m) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() == 4 => digits.split_at(2),
        None => (digits, "0"),
    };
    if h.is_empty() || h.len() > 2 || m.len() > 2 {
        return None;
    }
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 14 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_rules_are_the_full_rules_less_their_sources() {
        let shipped = shipped().expect("the stripped rules parse");
        let mut full = with_sources().expect("rules.txt parses, every source given");
        for rule in &mut full.rules {
            rule.source = "";
            let entries = rule
                .phrases
                .iter_mut()
                .chain(&mut rule.unless)
                .chain(&mut rule.unless_sentence)
                .chain(&mut rule.needs_sentence)
                .chain(&mut rule.unless_earlier)
                .chain(&mut rule.unless_before);
            for e in entries {
                e.source = "";
            }
        }
        for (_, entries) in &mut full.list_entries {
            for e in entries {
                e.source = "";
            }
        }
        assert_eq!(format!("{shipped:?}"), format!("{full:?}"));
    }

    #[test]
    fn a_missing_source_is_an_error_in_the_full_file() {
        let rule =
            "[list accountable]\nphrase: we ; DESIGN\n[list change]\nphrase: we add ; issue\n\
                    [rule r]\nfamily: jargon\n\
                    severity: advice\nmessage: m\nwhy: w\nsuggestion: s\n";
        let parse = |text: &str, sources| {
            let text: &'static str = Box::leak(text.to_string().into_boxed_str());
            RuleSet::parse(text, sources).map(|_| ())
        };
        assert!(parse(&format!("{rule}phrase: foo ; issue\n"), Sources::Required).is_ok());
        assert!(parse(&format!("{rule}phrase: foo\n"), Sources::Required).is_err());
        assert!(parse(&format!("{rule}phrase: foo ;  \n"), Sources::Required).is_err());
        assert!(
            parse(rule, Sources::Required).is_err(),
            "no phrases and no source:"
        );
        assert!(parse(&format!("{rule}source: issue\n"), Sources::Required).is_ok());
        assert!(parse(&format!("{rule}phrase: foo\n"), Sources::Stripped).is_ok());
        assert!(parse(rule, Sources::Stripped).is_ok());
    }

    #[test]
    fn limits_read_as_the_float_they_write() {
        for text in ["25", "7", "0", "7.5", "7.3", "12.0", "0.1", "6553.5"] {
            assert_eq!(parse_limit(text), text.parse::<f32>().ok(), "{text}");
        }
        for text in [
            "", ".5", "7.", "7.25", "+7", "-7", "7e1", "1,5", "seven", "6553.6", "99999",
        ] {
            assert_eq!(parse_limit(text), None, "{text}");
        }
    }
}
