//! Draft <-> share-link fragment: versioned, compact, bounded.
//!
//! A whole draft travels in the text after `#` in a link; there is no server.
//! The fragment is
//!
//! ```text
//! version (1 char) · length (2 chars) · base64url(deflate(body) ++ crc32(body))
//! ```
//!
//! `length` is the number of base64url characters after it, modulo 4096, in
//! two base64url digits (most significant first): a link that is shorter than
//! it says was cut short; one of the right length that does not check out was
//! changed. base64url has no padding; the CRC-32 (IEEE) of the body follows
//! the deflate stream as 4 bytes, little-endian.
//!
//! `body` is the draft in postcard's compact binary form through the model's
//! serde derives (`share/body.rs`). `deflate` is
//! raw deflate with a dictionary of common incident wording
//! (`share/dictionary.txt`): Candor's own compressor (`share/deflate.rs`)
//! may refer back into the dictionary, and its decoder (`share/inflate.rs`)
//! puts the same dictionary in front of its output so those back-references
//! resolve.
//!
//! This file owns the framing (version, length, base64url, CRC) and the
//! public API; `share/body.rs` the body, `share/v1.rs` the read-only reader
//! of version `1` bodies (Candor's own per-field layout, before serde), and
//! `share/size.rs` the link-size report.
//!
//! The version character names the body layout *and* the dictionary: changing
//! either changes the format, so the character must change too (a test pins
//! the dictionary's hash to it). Version characters run `1`-`9` then `A`-`Z`;
//! a later one than ours means a newer Candor made the link.
//!
//! Decoding trusts nothing: the fragment, the inflated size (at most
//! [`MAX_DRAFT_BYTES`]), every length and count are checked before anything
//! is allocated for them, and a failure is a [`LinkError`] that says in one
//! sentence what is wrong. Decoding never touches stored drafts: it returns a
//! value or an error, and the caller decides.

use std::fmt;

mod body;
mod deflate;
mod inflate;
mod reader;
mod size;
mod v1;

pub use reader::{
    decode_for_readers, encode_for_readers, is_review_link, readers_page, why_not_shown,
    ReaderNotice, READER_MARK,
};
pub use size::{link_report, LinkSize};

use crate::model::Draft;

/// The format this Candor writes: body layout 2 (postcard) with dictionary 1.
/// Version `1` (Candor's own per-field layout, same dictionary) is still read.
pub const VERSION: char = '2';

/// Version characters in order; a link's first character must be one of them.
const VERSIONS: &str = "123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// Common incident wording the compressor is primed with. Part of the format:
/// any change needs a new [`VERSION`].
pub const DICTIONARY: &str = include_str!("share/dictionary.txt");

/// The most a link may inflate to. A real draft is a few kilobytes.
pub const MAX_DRAFT_BYTES: usize = 256 * 1024;

/// The longest fragment Candor reads, in characters (before any decoding).
pub const MAX_FRAGMENT_CHARS: usize = 256 * 1024;

/// Past this many characters a link gets a warning: chat tools cut links
/// near 2,000 characters (Outlook near 1,024).
pub const WARN_CHARS: usize = 2_000;

/// Limits a decoded draft must keep. They are far beyond what a person
/// writes, and small enough that nothing hostile can hide behind them.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;
pub const MAX_ID_BYTES: usize = 128;
pub const MAX_ZONE_BYTES: usize = 64;
pub const MAX_ACTIONS: usize = 100;
pub const MAX_AUDIENCE_ZONES: usize = 50;
pub const MAX_SENT_UPDATES: usize = 200;

/// Why a link could not be opened. Each says, in one sentence, what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// Empty, or not in Candor's format at all.
    NotCandor,
    /// The link ends too early: part of it was lost when it was copied.
    CutShort,
    /// Characters were changed: it does not check out.
    Damaged,
    /// Made by a newer Candor, in a format this one does not know.
    NewerVersion,
    /// Longer, or inflating to more, than Candor will read.
    TooLarge,
    /// It decodes, but not to a draft Candor can use; says what is wrong.
    InvalidDraft(&'static str),
    /// A link for readers (the finished notice), opened where a draft was
    /// expected.
    ForReaders,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::NotCandor => f.write_str("This is not a Candor share link."),
            LinkError::CutShort => f.write_str(
                "This link is cut short: copy the whole link, up to its last character, and open it again.",
            ),
            LinkError::Damaged => f.write_str(
                "This link is damaged: some of its characters were changed, so the draft in it cannot be read.",
            ),
            LinkError::NewerVersion => f.write_str(
                "This link was made by a newer version of Candor: reload the page to get it, then open the link again.",
            ),
            LinkError::TooLarge => f.write_str(
                "This link holds more than Candor will open (over 256 KiB), so it was not opened.",
            ),
            LinkError::InvalidDraft(what) => {
                write!(f, "This link does not hold a valid Candor draft: {what}.")
            }
            LinkError::ForReaders => f.write_str(
                "This link is for readers: it shows a finished notice, not a draft to edit.",
            ),
        }
    }
}

impl std::error::Error for LinkError {}

/// The link fragment (the text after `#`) for a draft.
pub fn encode(draft: &Draft) -> String {
    link_for_body(&body::write(draft))
}

fn link_for_body(body: &[u8]) -> String {
    let mut payload = deflate(body);
    payload.extend_from_slice(&crc32(body).to_le_bytes());
    link_around_payload(&payload)
}

/// A link of this version, with the right length, around any payload
/// (deflate stream and CRC). Public for the fuzzer, which feeds it raw bytes.
#[doc(hidden)]
pub fn link_around_payload(payload: &[u8]) -> String {
    let mut data = String::with_capacity(payload.len().div_ceil(3) * 4);
    base64url_encode(payload, &mut data);
    let length = data.len() % 4096;
    let mut out = String::with_capacity(3 + data.len());
    out.push(VERSION);
    out.push(char::from(B64[length >> 6]));
    out.push(char::from(B64[length & 63]));
    out.push_str(&data);
    out
}

/// The draft in a link fragment. Takes the fragment with or without its `#`,
/// or a whole pasted link, with surrounding white space.
pub fn decode(fragment: &str) -> Result<Draft, LinkError> {
    let text = fragment_text(fragment);
    if text.starts_with(READER_MARK) {
        return Err(LinkError::ForReaders);
    }
    open_framed(text, |version| match version {
        VERSION => Ok(body::read as fn(&[u8]) -> Result<Draft, LinkError>),
        '1' => Ok(v1::read_body),
        _ => Err(LinkError::NotCandor),
    })
}

/// What follows the `#` of a link, or the fragment itself, trimmed.
fn fragment_text(fragment: &str) -> &str {
    let text = fragment.trim();
    match text.find('#') {
        Some(at) => &text[at + 1..],
        None => text,
    }
}

/// Opens a framed link (version character, length, base64url payload):
/// `reader_for` gives the body reader of a version this Candor reads.
fn open_framed<T>(
    text: &str,
    reader_for: impl Fn(char) -> Result<fn(&[u8]) -> Result<T, LinkError>, LinkError>,
) -> Result<T, LinkError> {
    let first = text.chars().next().ok_or(LinkError::NotCandor)?;
    if VERSIONS.find(first) > VERSIONS.find(VERSION) {
        return Err(LinkError::NewerVersion);
    }
    let read_body = reader_for(first)?;
    // `first` is ASCII, so byte 1 is a character boundary.
    let text = &text[1..];
    if text.len() > MAX_FRAGMENT_CHARS {
        return Err(LinkError::TooLarge);
    }
    // Mail clients wrap long links; a pasted link may keep the sentence's
    // punctuation after it. Neither can be part of a fragment.
    let joined: String;
    let text = if text.contains(char::is_whitespace) {
        joined = text.split_whitespace().collect();
        joined.as_str()
    } else {
        text
    };
    let all_base64url = |t: &str| t.bytes().all(|c| sextet(c).is_some());
    if all_base64url(text) {
        return decode_checked(text, read_body);
    }
    let trimmed = text.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '>', '"', '\'']);
    if all_base64url(trimmed) {
        decode_checked(trimmed, read_body)
    } else {
        Err(LinkError::Damaged)
    }
}

/// Decodes what follows the version character, all of it base64url, and
/// reads the body with the reader of the link's version.
fn decode_checked<T>(
    text: &str,
    read_body: fn(&[u8]) -> Result<T, LinkError>,
) -> Result<T, LinkError> {
    let (length, data) = match text.as_bytes() {
        [hi, lo, data @ ..] => {
            let hi = sextet(*hi).ok_or(LinkError::Damaged)?;
            let lo = sextet(*lo).ok_or(LinkError::Damaged)?;
            ((hi << 6 | lo) as usize, data)
        }
        _ => return Err(LinkError::CutShort),
    };
    if data.len() % 4096 != length {
        return Err(LinkError::CutShort);
    }
    let payload = base64url_decode(data)?;
    let body = inflate(&payload)?;
    read_body(&body)
}

// ---------------------------------------------------------------------------
// Compression: raw deflate primed with the dictionary.

/// Deflates `body` as if the dictionary had come just before it. Tries
/// dynamic and fixed Huffman blocks and keeps the shorter: on a short
/// draft a dynamic block's code table can cost more than it saves.
fn deflate(body: &[u8]) -> Vec<u8> {
    deflate::compress(DICTIONARY.as_bytes(), body)
}

/// Inflates the payload (deflate stream, then the body's CRC) behind the
/// dictionary, never past [`MAX_DRAFT_BYTES`], and checks the CRC.
fn inflate(payload: &[u8]) -> Result<Vec<u8>, LinkError> {
    // The link has the length it says, so a stream that ends early or does
    // not parse was changed, not cut.
    let (out, used) =
        inflate::inflate(DICTIONARY.as_bytes(), payload, MAX_DRAFT_BYTES).map_err(|error| {
            match error {
                inflate::InflateError::Damaged => LinkError::Damaged,
                inflate::InflateError::TooLarge => LinkError::TooLarge,
            }
        })?;
    // What follows the stream is the CRC, exactly four bytes.
    let crc: [u8; 4] = payload
        .get(used..)
        .and_then(|rest| rest.try_into().ok())
        .ok_or(LinkError::Damaged)?;
    if crc32(&out) != u32::from_le_bytes(crc) {
        return Err(LinkError::Damaged);
    }
    Ok(out)
}

/// CRC-32 (IEEE), bit by bit: a few bytes of code, fast enough for 256 KiB.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

// ---------------------------------------------------------------------------
// base64url without padding.

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url_encode(bytes: &[u8], out: &mut String) {
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(B64[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
}

fn sextet(c: u8) -> Option<u32> {
    let v = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// Decodes base64url; the length is already checked, so a length no
/// encoder makes, or a character outside the alphabet, means the link was
/// changed. Unused bits in the last character are ignored.
fn base64url_decode(text: &[u8]) -> Result<Vec<u8>, LinkError> {
    if text.len() % 4 == 1 {
        return Err(LinkError::Damaged);
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for chunk in text.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= sextet(c).ok_or(LinkError::Damaged)? << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    Ok(out)
}

/// For tests and the fuzzer only: a well-formed link around any body, so
/// they reach the body reader past the CRC.
#[doc(hidden)]
pub fn link_for_raw_body(body: &[u8]) -> String {
    link_for_body(body)
}

/// For the fuzzer: the CRC-32 a link carries after its deflate stream.
#[doc(hidden)]
pub fn checksum(bytes: &[u8]) -> u32 {
    crc32(bytes)
}

/// For tests only: the body a draft's link carries.
#[doc(hidden)]
pub fn raw_body(draft: &Draft) -> Vec<u8> {
    body::write(draft)
}

/// A short hash of the dictionary (FNV-1a, 64-bit), pinned beside
/// [`VERSION`] by a test so the dictionary cannot change on its own.
pub fn dictionary_hash() -> u64 {
    DICTIONARY.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..40usize {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let mut text = String::new();
            base64url_encode(&bytes, &mut text);
            assert_eq!(text.len(), (len * 4).div_ceil(3));
            assert_eq!(base64url_decode(text.as_bytes()), Ok(bytes));
        }
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }
}
