//! Text into sentences and words, keeping each word's byte range in the
//! source so a finding can point at exactly what the author wrote.

/// One word as written, with its place in the source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    /// The word as written, without the punctuation around it.
    pub raw: &'a str,
    /// ASCII lower case, curly apostrophes made straight: what patterns compare.
    pub norm: String,
    /// Byte range of `raw` in the source text.
    pub start: usize,
    pub end: usize,
    /// Whether a clause starts here, so that `^` in a pattern matches: the
    /// first word of a sentence, a word after a colon, semicolon or dash,
    /// and the word after a short opening phrase and its comma
    /// ("Unfortunately, a configuration change took the site down").
    pub clause_start: bool,
}

impl Token<'_> {
    pub fn has_digit(&self) -> bool {
        self.raw.chars().any(|c| c.is_ascii_digit())
    }
}

/// A sentence (or a line, or a list item): its tokens and its byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Sentence<'a> {
    pub tokens: Vec<Token<'a>>,
    pub start: usize,
    pub end: usize,
}

/// Abbreviations whose full stop does not end a sentence.
const NEVER_ENDS: [&str; 14] = [
    "e.g", "i.e", "etc", "approx", "vs", "mr", "mrs", "ms", "dr", "st", "ltd", "inc", "co", "no",
];

/// Abbreviations whose full stop ends a sentence only before a capital.
const ENDS_BEFORE_CAPITAL: [&str; 4] = ["a.m", "p.m", "etc", "ltd"];

const OPENING: &[char] = &['"', '\'', '(', '[', '{', '“', '‘', '«', '*', '_'];
const CLOSING: &[char] = &[
    '"', '\'', ')', ']', '}', '”', '’', '»', ',', ';', ':', '!', '?', '.', '…', '*', '_',
];

/// Splits `text` into sentences. A sentence ends at `.`, `!` or `?` after a
/// word (not after "e.g." or "a.m." inside a sentence) and at every line
/// break, so each list item and each line of a notice is its own sentence.
pub(crate) fn sentences(text: &str) -> Vec<Sentence<'_>> {
    let chunks = chunks(text);
    let mut out = Vec::new();
    let mut current: Vec<Token> = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut comma_seen = false;
    for (i, chunk) in chunks.iter().enumerate() {
        if chunk.newline_before && !current.is_empty() {
            out.push(Sentence {
                tokens: std::mem::take(&mut current),
                start: start.take().unwrap_or(0),
                end,
            });
        }
        let pieces = split_chunk(text, chunk.start, chunk.end);
        for (piece_start, piece_end) in pieces {
            if let Some(mut token) = token(text, piece_start, piece_end) {
                token.clause_start = match current.last() {
                    None => {
                        comma_seen = false;
                        true
                    }
                    Some(prev) => {
                        opens_clause(&text[prev.end..token.start], current.len(), &mut comma_seen)
                    }
                };
                if start.is_none() {
                    start = Some(token.start);
                }
                end = token.end;
                current.push(token);
            }
        }
        let next = chunks
            .get(i + 1)
            .map(|c| text[c.start..c.end].trim_start_matches(OPENING))
            .unwrap_or("");
        // "5 p.m. EST", "5 p.m. Eastern time": a zone after the time, not a new sentence.
        let zone_next = next.starts_with("Eastern")
            || next.starts_with("Pacific")
            || next.starts_with("Central")
            || next.starts_with("Mountain")
            || next.starts_with("Atlantic")
            || next
                .trim_end_matches(CLOSING)
                .split(['-', '+', '−'])
                .next()
                .is_some_and(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()));
        let next_capital = !zone_next
            && next
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if ends_sentence(&text[chunk.start..chunk.end], next_capital) && !current.is_empty() {
            out.push(Sentence {
                tokens: std::mem::take(&mut current),
                start: start.take().unwrap_or(0),
                end: chunk.end,
            });
        }
    }
    if !current.is_empty() {
        out.push(Sentence {
            tokens: current,
            start: start.unwrap_or(0),
            end,
        });
    }
    out
}

/// Whether the punctuation `gap` between two words of a sentence opens a
/// clause: a colon, a semicolon or a dash always does ("Update: A change
/// took the site down"); a comma does when it is the sentence's first and
/// closes an opening phrase of at most eight words ("On 3 March, a change
/// took the site down"), not a comma inside a list or after a long clause.
fn opens_clause(gap: &str, words_before: usize, comma_seen: &mut bool) -> bool {
    if gap.contains([':', ';', '–', '—']) || gap.trim() == "-" {
        return true;
    }
    if gap.contains(',') {
        let first = !*comma_seen;
        *comma_seen = true;
        return first && words_before <= 8;
    }
    false
}

/// The words of `text`, ignoring sentence breaks.
pub(crate) fn words(text: &str) -> Vec<Token<'_>> {
    sentences(text).into_iter().flat_map(|s| s.tokens).collect()
}

struct Chunk {
    start: usize,
    end: usize,
    newline_before: bool,
}

fn chunks(text: &str) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut newline = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push(Chunk {
                    start: s,
                    end: i,
                    newline_before: newline,
                });
                newline = false;
            }
            if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
                newline = true;
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(Chunk {
            start: s,
            end: text.len(),
            newline_before: newline,
        });
    }
    out
}

/// Splits a chunk at dashes between words ("17:05–19:55", "up—down"), and
/// at a hyphen between two clock times ("17:05-19:55").
fn split_chunk(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let chunk = &text[start..end];
    let mut out = Vec::new();
    let mut piece_start = start;
    for (i, c) in chunk.char_indices() {
        let at = start + i;
        let split = match c {
            '–' | '—' => true,
            '-' => {
                let left = &text[piece_start..at];
                let right = &text[at + 1..end];
                left.contains(':')
                    && left.ends_with(|c: char| c.is_ascii_digit())
                    && right.starts_with(|c: char| c.is_ascii_digit())
                    && right.contains(':')
                    && !left.to_ascii_uppercase().contains("UTC")
                    && !left.to_ascii_uppercase().contains("GMT")
            }
            _ => false,
        };
        if split {
            out.push((piece_start, at));
            piece_start = at + c.len_utf8();
        }
    }
    out.push((piece_start, end));
    out
}

fn token(text: &str, start: usize, end: usize) -> Option<Token<'_>> {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start_matches(OPENING).len();
    let mut core = piece.trim_start_matches(OPENING);
    // Keep the full stops of "a.m.", "e.g.", "U.S.": letters and dots alternating.
    let trimmed = core.trim_end_matches(CLOSING);
    let keep_dot = core[trimmed.len()..].starts_with('.')
        && is_dotted_abbreviation(&core[..trimmed.len() + 1]);
    core = if keep_dot {
        &core[..trimmed.len() + 1]
    } else {
        trimmed
    };
    if !core.chars().any(char::is_alphanumeric) {
        return None;
    }
    let token_start = start + lead;
    let norm = core
        .chars()
        // ASCII is enough: patterns are English words, and byte lengths stay.
        .map(|c| c.to_ascii_lowercase())
        .map(|c| match c {
            '’' | '‘' | '`' | 'ʼ' => '\'',
            '−' => '-',
            c => c,
        })
        .collect();
    Some(Token {
        raw: core,
        norm,
        start: token_start,
        clause_start: false,
        end: token_start + core.len(),
    })
}

/// "a.m.", "e.g.", "U.S.": single letters each followed by a full stop.
fn is_dotted_abbreviation(word: &str) -> bool {
    let mut chars = word.chars();
    let mut pairs = 0;
    loop {
        match (chars.next(), chars.next()) {
            (Some(letter), Some('.')) if letter.is_alphabetic() => pairs += 1,
            (None, _) => return pairs >= 2,
            _ => return false,
        }
    }
}

fn ends_sentence(chunk: &str, next_capital: bool) -> bool {
    let core = chunk.trim_end_matches(['"', '\'', ')', ']', '}', '”', '’', '»']);
    if core.ends_with(['!', '?', '…']) {
        return true;
    }
    if !core.ends_with('.') {
        return false;
    }
    let word = core
        .trim_end_matches('.')
        .trim_start_matches(OPENING)
        .to_ascii_lowercase();
    if ENDS_BEFORE_CAPITAL.contains(&word.as_str()) {
        return next_capital;
    }
    if NEVER_ENDS.contains(&word.as_str()) {
        return false;
    }
    // An initial ("J.") or a dotted abbreviation ("U.S.") inside a sentence.
    if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
        return false;
    }
    if is_dotted_abbreviation(&format!("{word}.")) {
        return next_capital;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        sentences(text)
            .iter()
            .map(|s| text[s.start..s.end].to_string())
            .collect()
    }

    #[test]
    fn sentences_end_at_stops_and_lines() {
        assert_eq!(
            split("We lost mail. We are sorry!\n- Re-send it\nThanks"),
            vec!["We lost mail.", "We are sorry!", "Re-send it", "Thanks"]
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            split("At 5 p.m. on Monday, e.g. mail, was lost. Then at 6 a.m. We fixed it."),
            vec![
                "At 5 p.m. on Monday, e.g. mail, was lost.",
                "Then at 6 a.m.",
                "We fixed it."
            ]
        );
    }

    #[test]
    fn tokens_keep_their_byte_ranges() {
        let text = "“Café” (UTC-05:00), 17:05–19:55 a.m.";
        let words: Vec<(String, &str)> = words(text)
            .into_iter()
            .map(|t| (t.norm.clone(), &text[t.start..t.end]))
            .collect();
        assert_eq!(
            words,
            vec![
                ("café".to_string(), "Café"),
                ("utc-05:00".to_string(), "UTC-05:00"),
                ("17:05".to_string(), "17:05"),
                ("19:55".to_string(), "19:55"),
                ("a.m.".to_string(), "a.m."),
            ]
        );
    }

    #[test]
    fn a_hyphen_between_clock_times_splits_them() {
        let norms: Vec<String> = words("17:05-19:55 UTC-05:00 e-mail")
            .into_iter()
            .map(|t| t.norm)
            .collect();
        assert_eq!(norms, vec!["17:05", "19:55", "utc-05:00", "e-mail"]);
    }
}
