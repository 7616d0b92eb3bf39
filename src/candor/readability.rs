//! How hard a text is to read: the Flesch-Kincaid grade level, and the
//! shapes of words only the author's engineers know (host names, ticket ids,
//! error codes).

use super::pattern::word_in;
use super::rules::RuleSet;
use super::text::{sentences, words, Sentence, Token};
use super::Hit;

/// The Flesch-Kincaid grade level of `text` (Kincaid et al., 1975):
/// `0.39 × words per sentence + 11.8 × syllables per word − 15.59`, never
/// below 0. Sentences end at `.`, `!`, `?` and line breaks (so each list
/// item counts as one); a word is anything with a letter or a digit.
/// Syllables are estimated as common implementations do: vowel groups, less
/// a silent ending ("-e", "-es", "-ed"); a word of three letters or fewer is
/// one syllable, and so is an abbreviation ("UTC") and a numeral ("17:05").
pub fn reading_grade(text: &str) -> f32 {
    grade_of(&sentences(text))
}

pub(crate) fn grade_of(sentences: &[Sentence]) -> f32 {
    let count = sentences.iter().filter(|s| !s.tokens.is_empty()).count();
    let words: Vec<&Token> = sentences.iter().flat_map(|s| &s.tokens).collect();
    if count == 0 || words.is_empty() {
        return 0.0;
    }
    let syllables: usize = words.iter().map(|t| syllables(t.raw)).sum();
    let (w, s, y) = (words.len() as f32, count as f32, syllables as f32);
    (0.39 * (w / s) + 11.8 * (y / w) - 15.59).max(0.0)
}

/// An estimate of the syllables in one written word.
pub fn syllables(word: &str) -> usize {
    if !word.chars().any(char::is_alphabetic) {
        return 1;
    }
    word.split(['-', '/', '.', '\'', '’'])
        .filter(|part| part.chars().any(char::is_alphabetic))
        .map(part_syllables)
        .sum::<usize>()
        .max(1)
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') || (c.is_alphabetic() && !c.is_ascii())
}

fn part_syllables(part: &str) -> usize {
    let mut w: Vec<char> = part
        .chars()
        .filter(|c| c.is_alphabetic())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if w.len() <= 3 {
        return 1;
    }
    // A silent ending: "-es" and "-e" after a consonant other than l, and "-ed".
    let n = w.len();
    let consonant_not_l = |c: char| !is_vowel(c) && c != 'l';
    let silent_es = w.ends_with(&['e', 's']) && consonant_not_l(w[n - 3]);
    let silent_e = w.ends_with(&['e']) && consonant_not_l(w[n - 2]);
    if silent_es {
        w.truncate(n - 3);
    } else if w.ends_with(&['e', 'd']) || silent_e {
        // The regex this follows drops the consonant before a silent "e" too.
        w.truncate(n - 2);
    }
    if w.first() == Some(&'y') {
        w.remove(0);
    }
    // Vowel groups, at most two letters to a group ("ia" in "mediation" is two).
    let mut count = 0;
    let mut i = 0;
    while i < w.len() {
        if is_vowel(w[i]) {
            count += 1;
            i += if w.get(i + 1).is_some_and(|c| is_vowel(*c)) {
                2
            } else {
                1
            };
        } else {
            i += 1;
        }
    }
    count.max(1)
}

/// The sentence when it has more words than `limit`.
pub(crate) fn long_sentence(sentence: &Sentence, limit: usize) -> Option<Hit> {
    let count = sentence.tokens.len();
    (count > limit).then(|| {
        Hit::new("reading.long-sentence", sentence.start, sentence.end)
            .with("count", &count.to_string())
            .with("limit", &limit.to_string())
    })
}

/// Words shaped like internal names: host names ("db-prod-03",
/// "mx1.example.internal", "us-east-1"), ticket ids ("INC-4521", "#4521"),
/// error codes ("ERR_CONNECTION_RESET", "0x80070005").
pub(crate) fn internal_names(sentence: &Sentence) -> Vec<Hit> {
    sentence
        .tokens
        .iter()
        .filter_map(|t| {
            let id = internal_name(t)?;
            Some(Hit::new(id, t.start, t.end))
        })
        .collect()
}

fn internal_name(token: &Token) -> Option<&'static str> {
    let raw = token.raw;
    let norm = token.norm.as_str();
    if raw.contains('@') || raw.contains("://") || norm.starts_with("www.") {
        return None;
    }
    if norm.starts_with("utc") || norm.starts_with("gmt") {
        return None;
    }
    if is_ticket(raw) {
        return Some("jargon.ticket");
    }
    if is_error_code(raw) {
        return Some("jargon.error-code");
    }
    if is_host(norm) {
        return Some("jargon.internal-name");
    }
    None
}

/// Words shaped like names only engineers know, found without a list: an
/// abbreviation in capitals never spelled out in the text ("BGP", unless
/// the text says "Border Gateway Protocol (BGP)"), and a name with a
/// capital inside it ("PgBouncer", "DynamoDB"). Not the words of the list
/// `everyday-names` ("PIN", "PayPal"), a time zone's name, the sender's own
/// names (`own`), or any word of a line written all in capitals (a heading).
pub(crate) fn shaped_jargon(
    sentence: &Sentence,
    text: &str,
    set: &RuleSet,
    own: &[&str],
) -> Vec<Hit> {
    let tokens = &sentence.tokens;
    if !tokens
        .iter()
        .any(|t| t.raw.bytes().any(|b| b.is_ascii_lowercase()))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (pos, t) in tokens.iter().enumerate() {
        let word = t
            .raw
            .strip_suffix("'s")
            .or_else(|| t.raw.strip_suffix("’s"))
            .unwrap_or(t.raw);
        let id = if is_acronym(word) {
            "jargon.acronym"
        } else if is_camel_case(word) {
            "jargon.camel-case"
        } else {
            continue;
        };
        // "GMT-5" is a zone name with its offset.
        let name = word.split('-').next().unwrap_or(word);
        // Spelled out: "Border Gateway Protocol (BGP)", "BGP (Border ...)";
        // or explained beside it: "OrderSync, the program that sends ...".
        let spelled_out = stands(text, word, &explained_at);
        // One of the sender's own names: a whole word of one of them.
        let alnum = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
        let owned = own.iter().any(|o| {
            stands(o, word, &|b, i, j| {
                !alnum(i.checked_sub(1).and_then(|k| b.get(k))) && !alnum(b.get(j))
            })
        });
        if spelled_out
            || owned
            || set.zone_name(name).is_some()
            || set.offset_names.contains(&name)
            || set.generic_names.contains(&name)
            || internal_name(t).is_some()
            || word_in(set, "everyday-names", tokens, pos)
            || (word.len() < t.raw.len() && word_in(set, "everyday-names", &words(word), 0))
        {
            continue;
        }
        out.push(Hit::new(id, t.start, t.start + word.len()));
    }
    out
}

/// Whether the words at bytes `i..j` of `b` are spelled out or explained
/// beside them: "(BGP)", "BGP (Border ...)", "OrderSync, the program that
/// sends ...", "our load balancer, the machine that shares visitors out".
pub(crate) fn explained_at(b: &[u8], i: usize, j: usize) -> bool {
    let rest = b.get(j..).unwrap_or_default();
    (i > 0 && b[i - 1] == b'(' && b.get(j) == Some(&b')'))
        || rest.starts_with(b" (")
        || [&b", the "[..], b", a ", b", an "]
            .iter()
            .any(|p| rest.starts_with(p))
}

/// Whether `word` occurs in `text` where `fits` accepts it, given the
/// text's bytes and the word's byte range.
fn stands(text: &str, word: &str, fits: &dyn Fn(&[u8], usize, usize) -> bool) -> bool {
    text.match_indices(word)
        .any(|(i, _)| fits(text.as_bytes(), i, i + word.len()))
}

/// "BGP", "EC2", "APIs", "AMS-IX": two to five capitals (digits may
/// follow one), perhaps a plural "s", perhaps parts joined by hyphens.
fn is_acronym(word: &str) -> bool {
    if word.contains('-') {
        return word.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        }) && word.chars().filter(char::is_ascii_uppercase).count() >= 3;
    }
    let word = word.strip_suffix('s').unwrap_or(word);
    let capitals = word.chars().filter(char::is_ascii_uppercase).count();
    word.starts_with(|c: char| c.is_ascii_uppercase())
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && (2..=5).contains(&capitals)
}

/// "PgBouncer", "DynamoDB": a capital first and a capital after a small
/// letter ("iPhone" and "eBay" start small and are left alone).
fn is_camel_case(word: &str) -> bool {
    let b = word.as_bytes();
    b.first().is_some_and(u8::is_ascii_uppercase)
        && b.iter().all(u8::is_ascii_alphanumeric)
        && b.windows(2)
            .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
}

/// "INC-4521", "CHG0012345", "JIRA-99", "#4521".
fn is_ticket(raw: &str) -> bool {
    if let Some(number) = raw.strip_prefix('#') {
        return number.len() >= 3 && number.chars().all(|c| c.is_ascii_digit());
    }
    let letters = raw.chars().take_while(|c| c.is_ascii_uppercase()).count();
    let rest = &raw[letters..];
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    letters >= 2 && rest.len() >= 2 && rest.chars().all(|c| c.is_ascii_digit())
}

/// "ERR_CONNECTION_RESET", "0x80070005".
fn is_error_code(raw: &str) -> bool {
    if let Some(hex) = raw.strip_prefix("0x").or_else(|| raw.strip_prefix("0X")) {
        return hex.len() >= 2 && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    raw.contains('_')
        && raw.starts_with(|c: char| c.is_ascii_uppercase())
        && raw
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && raw.chars().filter(|c| c.is_ascii_uppercase()).count() >= 3
}

/// "db-prod-03", "us-east-1", "web01", "mx1.example.internal".
fn is_host(norm: &str) -> bool {
    let has_digit = norm.chars().any(|c| c.is_ascii_digit());
    if norm.contains('.') {
        let parts: Vec<&str> = norm.split('.').collect();
        let well_formed = parts.len() >= 2
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
        let named = parts
            .iter()
            .any(|p| p.chars().any(|c| c.is_ascii_alphabetic()));
        let internal = parts.last().is_some_and(|tld| {
            matches!(
                *tld,
                "internal" | "local" | "lan" | "corp" | "intranet" | "intra"
            )
        });
        // "mx1.example.com", "api.eu2.example.com": a numbered name before the domain.
        let numbered_name = parts[..parts.len() - 1].iter().any(|p| {
            p.chars().any(|c| c.is_ascii_alphabetic()) && p.chars().any(|c| c.is_ascii_digit())
        });
        return well_formed && named && (internal || numbered_name);
    }
    if !has_digit || !norm.starts_with(|c: char| c.is_ascii_lowercase()) {
        return false;
    }
    if norm.contains('-') {
        // Letters first, then at least one part after a hyphen with a digit.
        return norm.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && norm
                .split('-')
                .skip(1)
                .any(|p| p.chars().any(|c| c.is_ascii_digit()));
    }
    // "web01", "db3": two or more letters, then only digits.
    let letters = norm.chars().take_while(|c| c.is_ascii_lowercase()).count();
    letters >= 2 && norm[letters..].chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::candor::text::words;

    #[test]
    fn syllable_estimates() {
        for (word, n) in [
            ("we", 1),
            ("lost", 1),
            ("sorry", 2),
            ("minutes", 2),
            ("deployed", 2),
            ("configuration", 5),
            ("apologise", 4),
            ("available", 4),
            ("e-mail", 2),
            ("UTC", 1),
            ("17:05", 1),
            ("made", 1),
        ] {
            assert_eq!(syllables(word), n, "{word}");
        }
    }

    #[test]
    fn grade_of_plain_and_dense_text() {
        assert!(reading_grade("We lost your mail. We are sorry.") < 3.0);
        let dense = "Notwithstanding comprehensive infrastructural remediation, \
                     intermittent unavailability materially affected organisational productivity.";
        assert!(reading_grade(dense) > 16.0);
        assert_eq!(reading_grade(""), 0.0);
    }

    #[test]
    fn internal_name_shapes() {
        let names = |text: &str| -> Vec<&'static str> {
            words(text).iter().filter_map(internal_name).collect()
        };
        assert_eq!(
            names("db-prod-03 us-east-1 web01 mx1.example.internal INC-4521 #4521 CHG0012345"),
            vec![
                "jargon.internal-name",
                "jargon.internal-name",
                "jargon.internal-name",
                "jargon.internal-name",
                "jargon.ticket",
                "jargon.ticket",
                "jargon.ticket"
            ]
        );
        assert_eq!(
            names("ERR_CONNECTION_RESET 0x80070005"),
            vec!["jargon.error-code", "jargon.error-code"]
        );
        assert!(names(
            "e-mail follow-up re-send status.example.com support@x.example \
             https://status.example.com UTC-05:00 GMT-0500 2005-12-07 1.5 24/7 Q4 S3 a.m. e.g. U.S."
        )
        .is_empty());
    }
}
