//! Word patterns for the phrase rules in `rules.txt`.
//!
//! A pattern is words separated by spaces, matched case-insensitively against
//! consecutive words of one sentence:
//!
//! | written        | matches                                            |
//! |----------------|----------------------------------------------------|
//! | `sorry`        | the word "sorry" (any case; ’ and ' are the same)  |
//! | `apologi*`     | any word starting "apologi"                        |
//! | `*`            | any one word (a word starting with nothing)        |
//! | `may/might`    | either word                                        |
//! | `[very]`       | "very" or nothing                                  |
//! | `~3`           | zero to three words of any kind                    |
//! | `^`            | the start of the sentence or of a clause (after a colon, semicolon, dash, or a short opening phrase and its comma) |
//! | `@owning`      | any phrase of the list named "owning"              |
//! | `!@report`     | nothing, where no phrase of the list "report" starts (reads no word) |
//! | `#digit`       | a word with a digit in it                          |
//! | `#http`        | an HTTP error status, 400 to 599                   |
//! | `#date`        | the start of a date with its month named ("7 December", "December 7", "2005-12-07") |
//! | `#participle`  | a past participle: a word ending in "-ed", "-en" or "-wn", or one of the list `participle`, and not one of the list `not-participle` |
//! | `#ly`          | a word ending in "-ly" ("inadvertently")                |
//! | `#percent`     | a figure with a per cent sign ("5%")                    |
//! | `#number`      | a number, not a time of day ("120", "1,200"; not "5:50") |

use super::text::Token;
use super::times;

#[derive(Clone, Debug, PartialEq, Eq)]
struct Alt {
    text: String,
    prefix: bool,
}

impl Alt {
    fn matches(&self, word: &str) -> bool {
        if self.prefix {
            word.starts_with(&self.text)
        } else {
            word == self.text
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Digit,
    Http,
    Date,
    Participle,
    Ly,
    Percent,
    Number,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Atom {
    Word(Vec<Alt>),
    Optional(Vec<Alt>),
    Skip(usize),
    Start,
    List(String),
    /// `!@name`: matches no word, and only where no phrase of the list starts.
    NotList(String),
    Class(Class),
}

/// A compiled pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Pattern {
    atoms: Vec<Atom>,
}

/// Named lists that patterns refer to with `@name`.
pub(crate) trait Lists {
    fn list(&self, name: &str) -> Option<&[Pattern]>;
}

impl Pattern {
    pub fn parse(source: &str) -> Result<Pattern, String> {
        let mut atoms = Vec::new();
        for word in source.split_whitespace() {
            let atom = if word == "^" {
                Atom::Start
            } else if let Some(n) = word.strip_prefix('~') {
                Atom::Skip(
                    n.parse()
                        .map_err(|_| format!("`{word}`: ~ takes a number of words"))?,
                )
            } else if let Some(name) = word.strip_prefix("!@") {
                if name.is_empty() {
                    return Err("`!@` needs a list name".into());
                }
                Atom::NotList(name.to_string())
            } else if let Some(name) = word.strip_prefix('@') {
                if name.is_empty() {
                    return Err("`@` needs a list name".into());
                }
                Atom::List(name.to_string())
            } else if let Some(class) = word.strip_prefix('#') {
                Atom::Class(match class {
                    "digit" => Class::Digit,
                    "http" => Class::Http,
                    "date" => Class::Date,
                    "participle" => Class::Participle,
                    "ly" => Class::Ly,
                    "percent" => Class::Percent,
                    "number" => Class::Number,
                    _ => return Err(format!("`{word}`: unknown class")),
                })
            } else if let Some(inner) = word.strip_prefix('[') {
                let inner = inner
                    .strip_suffix(']')
                    .ok_or_else(|| format!("`{word}`: [ without ]"))?;
                Atom::Optional(alts(inner)?)
            } else {
                Atom::Word(alts(word)?)
            };
            atoms.push(atom);
        }
        if atoms.is_empty() {
            return Err("empty pattern".into());
        }
        Ok(Pattern { atoms })
    }

    /// The list names this pattern refers to, to check they exist.
    pub fn lists(&self) -> impl Iterator<Item = &str> {
        self.atoms.iter().filter_map(|a| match a {
            Atom::List(name) | Atom::NotList(name) => Some(name.as_str()),
            _ => None,
        })
    }

    /// The first match starting exactly at `pos`: its end (exclusive).
    pub fn match_at(&self, tokens: &[Token], pos: usize, lists: &dyn Lists) -> Option<usize> {
        go(&self.atoms, tokens, pos, lists, 0)
    }

    /// Every match in `tokens`, left to right, not overlapping, as token ranges.
    pub fn find_all(&self, tokens: &[Token], lists: &dyn Lists) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < tokens.len() {
            match self.match_at(tokens, pos, lists) {
                Some(end) if end > pos => {
                    out.push((pos, end));
                    pos = end;
                }
                _ => pos += 1,
            }
        }
        out
    }

    /// Whether the pattern matches anywhere in `tokens`.
    pub fn is_in(&self, tokens: &[Token], lists: &dyn Lists) -> bool {
        (0..tokens.len().max(1)).any(|pos| self.match_at(tokens, pos, lists).is_some())
    }
}

fn alts(word: &str) -> Result<Vec<Alt>, String> {
    word.split('/')
        .map(|alt| {
            if alt.is_empty() {
                return Err(format!("`{word}`: empty alternative"));
            }
            let norm: String = alt
                .chars()
                .map(|c| c.to_ascii_lowercase())
                .map(|c| if c == '’' { '\'' } else { c })
                .collect();
            Ok(match norm.strip_suffix('*') {
                Some(stem) => Alt {
                    text: stem.to_string(),
                    prefix: true,
                },
                None => Alt {
                    text: norm,
                    prefix: false,
                },
            })
        })
        .collect()
}

/// Lists may refer to lists; this bounds the depth so a cycle cannot hang.
const MAX_DEPTH: usize = 8;

fn go(
    atoms: &[Atom],
    tokens: &[Token],
    pos: usize,
    lists: &dyn Lists,
    depth: usize,
) -> Option<usize> {
    let Some((first, rest)) = atoms.split_first() else {
        return Some(pos);
    };
    match first {
        Atom::Start => (pos == 0 || tokens.get(pos).is_some_and(|t| t.clause_start))
            .then(|| go(rest, tokens, pos, lists, depth))
            .flatten(),
        Atom::Word(alts) => {
            let token = tokens.get(pos)?;
            alts.iter()
                .any(|a| a.matches(&token.norm))
                .then(|| go(rest, tokens, pos + 1, lists, depth))
                .flatten()
        }
        Atom::Optional(alts) => {
            let taken = tokens
                .get(pos)
                .filter(|t| alts.iter().any(|a| a.matches(&t.norm)))
                .and_then(|_| go(rest, tokens, pos + 1, lists, depth));
            taken.or_else(|| go(rest, tokens, pos, lists, depth))
        }
        Atom::Skip(n) => (0..=*n)
            .take_while(|k| pos + k <= tokens.len())
            .find_map(|k| go(rest, tokens, pos + k, lists, depth)),
        Atom::Class(class) => {
            let token = tokens.get(pos)?;
            let ok = match class {
                Class::Digit => token.has_digit(),
                Class::Http => is_http_error(&token.norm),
                Class::Date => times::date_at(tokens, pos).is_some(),
                Class::Participle => is_participle(tokens, pos, lists),
                Class::Ly => {
                    let w = &token.norm;
                    w.len() >= 5 && w.ends_with("ly") && w.bytes().all(|b| b.is_ascii_lowercase())
                }
                Class::Percent => token.has_digit() && token.norm.ends_with('%'),
                Class::Number => {
                    token.has_digit()
                        && token
                            .norm
                            .bytes()
                            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
                }
            };
            ok.then(|| go(rest, tokens, pos + 1, lists, depth))
                .flatten()
        }
        Atom::List(name) => {
            if depth >= MAX_DEPTH {
                return None;
            }
            lists.list(name)?.iter().find_map(|p| {
                let end = go(&p.atoms, tokens, pos, lists, depth + 1)?;
                go(rest, tokens, end, lists, depth)
            })
        }
        Atom::NotList(name) => {
            if depth >= MAX_DEPTH {
                return None;
            }
            let starts = lists
                .list(name)?
                .iter()
                .any(|p| go(&p.atoms, tokens, pos, lists, depth + 1).is_some());
            (!starts)
                .then(|| go(rest, tokens, pos, lists, depth))
                .flatten()
        }
    }
}

/// Whether one of the list `name`'s patterns matches exactly the word at `pos`.
pub(crate) fn word_in(lists: &dyn Lists, name: &str, tokens: &[Token], pos: usize) -> bool {
    lists.list(name).is_some_and(|patterns| {
        patterns
            .iter()
            .any(|p| p.match_at(tokens, pos, lists) == Some(pos + 1))
    })
}

/// "typed", "taken", "shown", "shut": a word ending in "-ed" (not "need"),
/// "-en" (not "between") or "-wn", or an irregular participle of the list,
/// less the words that after "was" describe a state or a good outcome
/// rather than an act ("based", "often", "restored").
fn is_participle(tokens: &[Token], pos: usize, lists: &dyn Lists) -> bool {
    let w = &tokens[pos].norm;
    let ends = |a: &str, not: &str| w.ends_with(a) && !w.ends_with(not);
    let regular = w.len() >= 5
        && (ends("ed", "eed") || ends("en", "een") || w.ends_with("wn"))
        && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
    (regular || word_in(lists, "participle", tokens, pos))
        && !word_in(lists, "not-participle", tokens, pos)
}

fn is_http_error(word: &str) -> bool {
    word.len() == 3
        && word.chars().all(|c| c.is_ascii_digit())
        && (word.starts_with('4') || word.starts_with('5'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::candor::text::words;

    struct NoLists;
    impl Lists for NoLists {
        fn list(&self, _: &str) -> Option<&[Pattern]> {
            None
        }
    }

    fn finds(pattern: &str, text: &str) -> Vec<String> {
        let p = Pattern::parse(pattern).expect("pattern");
        let tokens = words(text);
        p.find_all(&tokens, &NoLists)
            .into_iter()
            .map(|(s, e)| text[tokens[s].start..tokens[e - 1].end].to_string())
            .collect()
    }

    #[test]
    fn words_prefixes_alternatives_and_gaps() {
        assert_eq!(
            finds("apologi*/sorry for any", "We apologise for any delay."),
            vec!["apologise for any"]
        );
        assert_eq!(
            finds(
                "take/taking ~4 seriously",
                "We take your privacy very seriously"
            ),
            vec!["take your privacy very seriously"]
        );
        assert_eq!(
            finds("[very] sorry", "We are very sorry"),
            vec!["very sorry"]
        );
        assert_eq!(finds("^ earlier", "Earlier, mail failed"), vec!["Earlier"]);
        assert!(finds("^ earlier", "It failed earlier").is_empty());
        assert_eq!(finds("#http errors", "Some 503 errors"), vec!["503 errors"]);
        assert!(finds("#http errors", "Some 303 errors").is_empty());
        assert_eq!(finds("don't", "We don’t know"), vec!["don’t"]);
        // A lone `*` reads exactly one word, so a finding names the thing.
        assert_eq!(
            finds(
                "down to a faulty *",
                "It was down to a faulty router today."
            ),
            vec!["down to a faulty router"]
        );
        assert!(finds("down to a faulty *", "It was down to a faulty").is_empty());
    }

    struct Report(Vec<Pattern>);
    impl Lists for Report {
        fn list(&self, name: &str) -> Option<&[Pattern]> {
            (name == "report").then_some(self.0.as_slice())
        }
    }

    #[test]
    fn a_negated_list_reads_no_word_and_refuses_where_the_list_starts() {
        let lists = Report(vec![
            Pattern::parse("can confirm").unwrap(),
            Pattern::parse("regret*").unwrap(),
        ]);
        let p = Pattern::parse("^ we !@report").unwrap();
        let is_in = |text: &str| p.is_in(&words(text), &lists);
        assert!(is_in("We paused the release and the job was stopped."));
        assert!(is_in("We can see the job was stopped."));
        assert!(!is_in("We can confirm that the files were removed."));
        assert!(!is_in("We regret that the files were removed."));
        let tokens = words("We paused it");
        assert_eq!(p.match_at(&tokens, 0, &lists), Some(1), "it reads no word");
        assert!(Pattern::parse("!@").is_err());
    }

    #[test]
    fn a_clause_starts_after_an_opening_phrase_a_colon_or_a_dash() {
        let start = "^ a/an/the ~1 configuration change";
        for text in [
            "A configuration change took the site down.",
            "Unfortunately, a configuration change took the site down.",
            "On 3 March 2026 at 14:05 UTC, a configuration change took the site down.",
            "Update: A configuration change took the site down.",
            "Resolved - A configuration change took the site down.",
            "We are sorry; a configuration change took the site down.",
        ] {
            assert_eq!(finds(start, text).len(), 1, "{text}");
        }
        for text in [
            // Not the first comma, or after a long clause: not an opening phrase.
            "We paused sign-ups, emails, and a configuration change we planned.",
            "When the traffic from the new campaign reached the servers in the London region, a configuration change was made.",
            // Inside a sentence with no punctuation before it.
            "We rolled back a configuration change at 14:05 UTC.",
        ] {
            assert!(finds(start, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn bad_patterns_are_refused() {
        assert!(Pattern::parse("").is_err());
        assert!(Pattern::parse("~x").is_err());
        assert!(Pattern::parse("[open").is_err());
        assert!(Pattern::parse("#nope").is_err());
        assert!(Pattern::parse("a//b").is_err());
    }
}
