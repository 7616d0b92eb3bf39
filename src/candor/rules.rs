//! Reads `rules.txt`: every rule's words, messages and sources, the named
//! phrase lists, and the time-zone abbreviations. See the head of that file
//! for its format.

use std::sync::OnceLock;

use super::pattern::{Lists, Pattern};
use super::{Family, Severity};

/// The rules as shipped, read once.
pub(crate) fn shipped() -> Result<&'static RuleSet, &'static RulesError> {
    static RULES: OnceLock<Result<RuleSet, RulesError>> = OnceLock::new();
    RULES
        .get_or_init(|| RuleSet::parse(include_str!("rules.txt")))
        .as_ref()
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
    /// The hit counts only when nothing in the draft owns the failure
    /// (no phrase of the list `accountable` anywhere).
    pub unowned_only: bool,
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

    pub fn parse(text: &'static str) -> Result<RuleSet, RulesError> {
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
                            return Err(err(format!("rule id {name:?} is empty or repeated")));
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
                            unowned_only: false,
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
                                .ok_or_else(|| err(format!("unknown family {value:?}")))?
                        }
                        "severity" => {
                            rule.severity = Severity::from_name(value)
                                .ok_or_else(|| err(format!("unknown severity {value:?}")))?
                        }
                        "message" => rule.message = value,
                        "why" => rule.why = value,
                        "suggestion" => rule.suggestion = value,
                        "source" => rule.source = value,
                        "context" if value == "unowned" => rule.unowned_only = true,
                        "limit" => {
                            rule.limit = Some(
                                value
                                    .parse()
                                    .map_err(|_| err(format!("limit {value:?} is not a number")))?,
                            )
                        }
                        "phrase" => rule.phrases.push(entry(value).map_err(err)?),
                        "unless" => rule.unless.push(entry(value).map_err(err)?),
                        "unless-sentence" => rule.unless_sentence.push(entry(value).map_err(err)?),
                        "needs-sentence" => rule.needs_sentence.push(entry(value).map_err(err)?),
                        _ => return Err(err(format!("unknown rule key {key:?}"))),
                    }
                }
                Section::List(i) => {
                    if key != "phrase" {
                        return Err(err(format!("a list holds only phrases, not {key:?}")));
                    }
                    let e = entry(value).map_err(err)?;
                    set.lists[*i].1.push(e.pattern.clone());
                    set.list_entries[*i].1.push(e);
                }
                Section::Zones => {
                    let (body, _source) = split_source(value).map_err(err)?;
                    match key {
                        "zone" => set.zone_names.push(zone(body).map_err(err)?),
                        "offset-names" => set.offset_names.extend(body.split_whitespace()),
                        "generic-names" => set.generic_names.extend(body.split_whitespace()),
                        _ => return Err(err(format!("unknown zones key {key:?}"))),
                    }
                }
            }
        }
        set.validate()?;
        Ok(set)
    }

    fn validate(&self) -> Result<(), RulesError> {
        let err = |message: String| RulesError { line: 0, message };
        for rule in &self.rules {
            if rule.message.is_empty() || rule.why.is_empty() || rule.suggestion.is_empty() {
                return Err(err(format!(
                    "rule {} needs a message, a why and a suggestion",
                    rule.id
                )));
            }
            if rule.phrases.is_empty() && rule.source.is_empty() {
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
                .chain(&rule.needs_sentence);
            for e in entries {
                for name in e.pattern.lists() {
                    if self.list(name).is_none() {
                        return Err(err(format!("rule {} uses unknown list @{name}", rule.id)));
                    }
                }
            }
        }
        if self.list("accountable").is_none() {
            return Err(err("the list `accountable` is missing".into()));
        }
        Ok(())
    }
}

/// `pattern ; source`: every entry says where it comes from or why.
fn split_source(value: &'static str) -> Result<(&'static str, &'static str), String> {
    let (body, source) = value
        .split_once(" ; ")
        .ok_or_else(|| format!("{value:?} needs ` ; ` and a source or reason"))?;
    let source = source.trim();
    if source.is_empty() {
        return Err(format!("{value:?} has an empty source"));
    }
    Ok((body.trim(), source))
}

fn entry(value: &'static str) -> Result<Entry, String> {
    let (body, source) = split_source(value)?;
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
        .ok_or_else(|| format!("zone {body:?} needs meanings"))?;
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
