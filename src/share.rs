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
//! `body` is Candor's own compact binary form of the draft (see [`write_body`]
//! for the layout): varint lengths and numbers, enums as one byte, dates as
//! days since 1970-01-01 and times as seconds since midnight. `deflate` is
//! raw deflate with a dictionary of common incident wording
//! (`share/dictionary.txt`): Candor's own compressor (`share/deflate.rs`)
//! may refer back into the dictionary, and its decoder (`share/inflate.rs`)
//! puts the same dictionary in front of its output so those back-references
//! resolve.
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

mod deflate;
mod inflate;

use chrono::{NaiveDate, NaiveTime, Timelike};

use crate::model::{
    Action, CauseState, DataLoss, Draft, EndState, Phase, Preset, ReaderActions, Recovery, Sender,
    SentUpdate, Update, WallTime, Window, SCHEMA_VERSION,
};
use crate::time::FoldChoice;

/// The format this Candor writes: body layout 1 with dictionary 1.
pub const VERSION: char = '1';

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
        }
    }
}

impl std::error::Error for LinkError {}

/// The link fragment (the text after `#`) for a draft.
pub fn encode(draft: &Draft) -> String {
    link_for_body(&write_body(draft))
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
    let text = fragment.trim();
    let text = match text.find('#') {
        Some(at) => &text[at + 1..],
        None => text,
    };
    let first = text.chars().next().ok_or(LinkError::NotCandor)?;
    let ours = VERSIONS.find(VERSION).unwrap_or(0);
    match VERSIONS.find(first) {
        Some(v) if v == ours => {}
        Some(v) if v > ours => return Err(LinkError::NewerVersion),
        _ => return Err(LinkError::NotCandor),
    }
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
        return decode_checked(text);
    }
    let trimmed = text.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '>', '"', '\'']);
    if all_base64url(trimmed) {
        decode_checked(trimmed)
    } else {
        Err(LinkError::Damaged)
    }
}

/// Decodes what follows the version character, all of it base64url.
fn decode_checked(text: &str) -> Result<Draft, LinkError> {
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

/// How long a draft's link is, and what makes it long.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkSize {
    /// The fragment itself (what follows `#`), as [`encode`] makes it.
    pub fragment: String,
    /// Characters in the fragment (the address in front of `#` adds its own).
    pub chars: usize,
    /// More than [`WARN_CHARS`]: some tools will cut it.
    pub over_warning: bool,
    /// When over the warning: the parts of the draft that add most to the
    /// link, largest first, with how many characters each adds. Empty otherwise.
    pub largest_parts: Vec<(&'static str, usize)>,
}

impl LinkSize {
    /// What the author is told about a link whose address part (before the
    /// `#`) has `address_chars` characters.
    pub fn sentence(&self, address_chars: usize) -> String {
        let total = self.chars + address_chars + 1;
        let mut out = format!(
            "The link is {} characters long.",
            crate::notice::copy::grouped(total)
        );
        if total > WARN_CHARS {
            out.push_str(&format!(
                " Some e-mail and chat tools cut links longer than about {} characters, so check that it arrives whole.",
                crate::notice::copy::grouped(WARN_CHARS)
            ));
            if !self.largest_parts.is_empty() {
                let parts: Vec<String> = self
                    .largest_parts
                    .iter()
                    .map(|(part, chars)| {
                        format!(
                            "{part} ({} characters)",
                            crate::notice::copy::grouped(*chars)
                        )
                    })
                    .collect();
                out.push_str(&format!(" What makes it long: {}.", parts.join(", ")));
            }
        }
        out
    }
}

/// The parts of a draft a person can shorten, named as the steps ask for them.
const PARTS: [&str; 14] = [
    "What happened",
    "Which services were affected",
    "Who is affected",
    "What was lost or broken",
    "What readers must do",
    "Why it happened",
    "What you did to fix it",
    "What will stop it happening again",
    "What will catch it sooner",
    "Your apology",
    "Who is writing",
    "Readers' time zones",
    "What is new in this update",
    "Updates already sent",
];

fn without_part(draft: &Draft, part: usize) -> Draft {
    let mut d = draft.clone();
    match part {
        0 => d.what_happened.clear(),
        1 => d.affected_services.clear(),
        2 => d.who_affected.clear(),
        3 => d.impact.clear(),
        4 => d.action_list.clear(),
        5 => d.cause.clear(),
        6 => d.fix.clear(),
        7 => d.prevention.clear(),
        8 => d.detection.clear(),
        9 => d.apology.clear(),
        10 => d.sender = Sender::default(),
        11 => d.audience_zones.clear(),
        12 => d.update.changes.clear(),
        _ => d.timeline.clear(),
    }
    d
}

/// The link's length, whether to warn, and (past the warning) which parts
/// of the draft make it long: each part's share is how much shorter the
/// link gets without it.
pub fn link_report(draft: &Draft) -> LinkSize {
    let fragment = encode(draft);
    let chars = fragment.len();
    let over_warning = chars > WARN_CHARS;
    let mut largest_parts = Vec::new();
    if over_warning {
        for (i, label) in PARTS.iter().enumerate() {
            let saved = chars.saturating_sub(encode(&without_part(draft, i)).len());
            if saved > 0 {
                largest_parts.push((*label, saved));
            }
        }
        crate::order::sort_by(&mut largest_parts, |a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        largest_parts.truncate(3);
    }
    LinkSize {
        fragment,
        chars,
        over_warning,
        largest_parts,
    }
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

// ---------------------------------------------------------------------------
// The body: Candor's compact binary form of a draft, layout 1.

/// Writes the body. Layout 1, in order (`str` = varint byte length + UTF-8,
/// `u8` enums as listed in the `*_code` functions, `when` = see
/// [`write_when`]):
///
/// ```text
/// varint schema · str id · u8 preset
/// str organisation · str signature · str contact
/// str what_happened · str affected_services · str who_affected
/// when start · u8 end_state · when end · when next_update
/// str impact · u8 data_loss · u8 recovery · u8 actions
/// varint n · n × (str text · u8 during_window)
/// u8 cause_state · str cause · str fix · str prevention · str detection · str apology
/// varint n · n × str zone
/// u8 phase · when published · str changes                       (the update being written)
/// varint n · n × (u8 phase · when published · str changes · u8 data_loss · when next_update)
/// ```
///
/// The draft is taken apart field by field, so a new field in the model
/// fails to compile here until the format (and [`VERSION`]) says what to do.
fn write_body(draft: &Draft) -> Vec<u8> {
    let Draft {
        schema,
        id,
        preset,
        sender,
        what_happened,
        affected_services,
        who_affected,
        window,
        impact,
        data_loss,
        recovery,
        actions,
        action_list,
        cause_state,
        cause,
        fix,
        prevention,
        detection,
        apology,
        audience_zones,
        update,
        timeline,
        // Not shared: which findings the author set aside is their own
        // call; a reviewer opening the link sees every finding afresh.
        dismissed_findings: _,
    } = draft;
    let Sender {
        organisation,
        signature,
        contact,
    } = sender;
    let Window {
        start,
        end_state,
        end,
        next_update,
    } = window;
    let mut w = Vec::with_capacity(1024);
    put_varint(&mut w, u64::from(*schema));
    put_str(&mut w, id);
    w.push(preset_code(*preset));
    for text in [organisation, signature, contact] {
        put_str(&mut w, text);
    }
    for text in [what_happened, affected_services, who_affected] {
        put_str(&mut w, text);
    }
    write_when(&mut w, start);
    w.push(match end_state {
        EndState::NotSaid => 0,
        EndState::Ongoing => 1,
        EndState::Ended => 2,
    });
    write_when(&mut w, end);
    write_when(&mut w, next_update);
    put_str(&mut w, impact);
    w.push(data_loss_code(*data_loss));
    w.push(recovery_code(*recovery));
    w.push(match actions {
        ReaderActions::NotSaid => 0,
        ReaderActions::Nothing => 1,
        ReaderActions::Steps => 2,
    });
    put_varint(&mut w, action_list.len() as u64);
    for Action {
        text,
        during_window,
    } in action_list
    {
        put_str(&mut w, text);
        w.push(u8::from(*during_window));
    }
    w.push(match cause_state {
        CauseState::NotSaid => 0,
        CauseState::NotKnownYet => 1,
        CauseState::Known => 2,
    });
    for text in [cause, fix, prevention, detection, apology] {
        put_str(&mut w, text);
    }
    put_varint(&mut w, audience_zones.len() as u64);
    for zone in audience_zones {
        put_str(&mut w, zone);
    }
    let Update {
        phase,
        published,
        changes,
    } = update;
    w.push(phase_code(*phase));
    write_when(&mut w, published);
    put_str(&mut w, changes);
    put_varint(&mut w, timeline.len() as u64);
    for sent in timeline {
        let SentUpdate {
            phase,
            published,
            changes,
            data_loss,
            next_update,
        } = sent;
        w.push(phase_code(*phase));
        write_when(&mut w, published);
        put_str(&mut w, changes);
        w.push(data_loss_code(*data_loss));
        write_when(&mut w, next_update);
    }
    w
}

/// A wall time: one flag byte (1 date, 2 time, 4 approximate, 8 earlier,
/// 16 later), then the date as zigzag days since 1970-01-01 if present,
/// the time as seconds since midnight and nanoseconds if present, then the
/// zone as `str`.
fn write_when(w: &mut Vec<u8>, when: &WallTime) {
    let WallTime {
        date,
        time,
        zone,
        approximate,
        fold,
    } = when;
    let flags = u8::from(date.is_some())
        | u8::from(time.is_some()) << 1
        | u8::from(*approximate) << 2
        | match fold {
            None => 0,
            Some(FoldChoice::Earlier) => 8,
            Some(FoldChoice::Later) => 16,
        };
    w.push(flags);
    if let Some(date) = date {
        let days = date.signed_duration_since(EPOCH).num_days();
        put_varint(w, ((days << 1) ^ (days >> 63)) as u64);
    }
    if let Some(time) = time {
        put_varint(w, u64::from(time.num_seconds_from_midnight()));
        put_varint(w, u64::from(time.nanosecond()));
    }
    put_str(w, zone);
}

const EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

fn preset_code(preset: Option<Preset>) -> u8 {
    match preset {
        None => 0,
        Some(Preset::MessagesLost) => 1,
        Some(Preset::Unavailable) => 2,
        Some(Preset::Degraded) => 3,
        Some(Preset::DataLost) => 4,
        Some(Preset::UnauthorisedAccess) => 5,
        Some(Preset::MaintenanceOverran) => 6,
    }
}

fn data_loss_code(value: DataLoss) -> u8 {
    match value {
        DataLoss::NotSaid => 0,
        DataLoss::None => 1,
        DataLoss::Some => 2,
        DataLoss::All => 3,
        DataLoss::NotKnownYet => 4,
    }
}

fn recovery_code(value: Recovery) -> u8 {
    match value {
        Recovery::NotSaid => 0,
        Recovery::Recovered => 1,
        Recovery::Partly => 2,
        Recovery::CannotRecover => 3,
        Recovery::NotKnownYet => 4,
    }
}

const PHASES: [Phase; 5] = [
    Phase::NotSaid,
    Phase::Investigating,
    Phase::Identified,
    Phase::Monitoring,
    Phase::Resolved,
];

fn phase_code(value: Phase) -> u8 {
    match value {
        Phase::NotSaid => 0,
        Phase::Investigating => 1,
        Phase::Identified => 2,
        Phase::Monitoring => 3,
        Phase::Resolved => 4,
    }
}

const DATA_LOSSES: [DataLoss; 5] = [
    DataLoss::NotSaid,
    DataLoss::None,
    DataLoss::Some,
    DataLoss::All,
    DataLoss::NotKnownYet,
];

fn put_varint(w: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        w.push((n as u8) | 0x80);
        n >>= 7;
    }
    w.push(n as u8);
}

fn put_str(w: &mut Vec<u8>, text: &str) {
    put_varint(w, text.len() as u64);
    w.extend_from_slice(text.as_bytes());
}

/// Reads a body, checking every length and value before using it. The
/// first problem is kept and ends the reading: every read after it gives an
/// empty value, so [`read_body`] runs straight through and checks once at
/// the end (one exit instead of one per field, which cost 6 KB of wasm in
/// code that drops what was read so far).
struct Reader<'a> {
    rest: &'a [u8],
    problem: Option<&'static str>,
}

impl Reader<'_> {
    fn fail(&mut self, what: &'static str) {
        self.problem.get_or_insert(what);
        self.rest = &[];
    }

    fn byte(&mut self) -> u8 {
        match self.rest.split_first() {
            Some((&b, rest)) => {
                self.rest = rest;
                b
            }
            None => {
                self.fail("it ends early");
                0
            }
        }
    }

    fn varint(&mut self) -> u64 {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte();
            if self.problem.is_some() || (shift == 63 && b > 1) {
                break;
            }
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                // Only the shortest form: one draft, one body.
                if b == 0 && shift > 0 {
                    self.fail("a number is written oddly");
                    return 0;
                }
                return n;
            }
        }
        self.fail("a number is too large");
        0
    }

    /// A count or length, refused before anything is allocated for it when
    /// it exceeds `max` or the bytes that are left.
    fn len(&mut self, max: usize, what: &'static str) -> usize {
        let n = self.varint();
        match usize::try_from(n) {
            Ok(n) if n <= max && n <= self.rest.len() => n,
            _ => {
                self.fail(what);
                0
            }
        }
    }

    fn text(&mut self, max: usize, what: &'static str) -> String {
        let n = self.len(max, what);
        let (bytes, rest) = self.rest.split_at(n);
        self.rest = rest;
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) => {
                self.fail("some text is not valid UTF-8");
                String::new()
            }
        }
    }

    fn answer(&mut self) -> String {
        self.text(MAX_TEXT_BYTES, "an answer is too long")
    }

    fn zone(&mut self) -> String {
        let zone = self.text(MAX_ZONE_BYTES, "a time zone name is too long");
        let plausible = zone
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/_+-".contains(&b));
        if !plausible {
            self.fail("a time zone name has characters no zone name uses");
        }
        zone
    }

    fn when(&mut self) -> WallTime {
        let flags = self.byte();
        if flags & !0b1_1111 != 0 || flags & 0b1_1000 == 0b1_1000 {
            self.fail("a time is marked in a way Candor does not know");
        }
        let date = if flags & 1 != 0 {
            let z = self.varint();
            let days = (z >> 1) as i64 ^ -((z & 1) as i64);
            let date = chrono::TimeDelta::try_days(days).and_then(|d| EPOCH.checked_add_signed(d));
            if date.is_none() {
                self.fail("a date is out of range");
            }
            date
        } else {
            None
        };
        let time = if flags & 2 != 0 {
            // As written: the seconds are checked before the nanoseconds are read.
            let secs = u32::try_from(self.varint()).ok();
            let nanos = secs.and_then(|_| u32::try_from(self.varint()).ok());
            let time = secs.zip(nanos).and_then(|(secs, nanos)| {
                NaiveTime::from_num_seconds_from_midnight_opt(secs, nanos)
            });
            if time.is_none() {
                self.fail("a time is invalid");
            }
            time
        } else {
            None
        };
        let fold = match flags >> 3 {
            1 => Some(FoldChoice::Earlier),
            2 => Some(FoldChoice::Later),
            _ => None,
        };
        WallTime {
            date,
            time,
            zone: self.zone(),
            approximate: flags & 4 != 0,
            fold,
        }
    }

    /// One of `values` (not empty), by its index; the first after a problem.
    fn choice<T: Copy>(&mut self, values: &[T], what: &'static str) -> T {
        let b = self.byte();
        match values.get(usize::from(b)) {
            Some(&value) => value,
            None => {
                self.fail(what);
                values[0]
            }
        }
    }

    fn flag(&mut self) -> bool {
        match self.byte() {
            0 => false,
            1 => true,
            _ => {
                self.fail("a yes-or-no answer is neither");
                false
            }
        }
    }
}

fn read_body(body: &[u8]) -> Result<Draft, LinkError> {
    let mut r = Reader {
        rest: body,
        problem: None,
    };
    let schema = r.varint();
    if let Some(what) = r.problem {
        return Err(LinkError::InvalidDraft(what));
    }
    if schema > u64::from(SCHEMA_VERSION) {
        return Err(LinkError::NewerVersion);
    }
    if schema != u64::from(SCHEMA_VERSION) {
        return Err(LinkError::InvalidDraft("its draft version is unknown"));
    }
    let id = r.text(MAX_ID_BYTES, "its id is too long");
    if id.chars().any(char::is_control) {
        r.fail("its id has control characters");
    }
    let presets = [
        None,
        Some(Preset::MessagesLost),
        Some(Preset::Unavailable),
        Some(Preset::Degraded),
        Some(Preset::DataLost),
        Some(Preset::UnauthorisedAccess),
        Some(Preset::MaintenanceOverran),
    ];
    let preset = r.choice(&presets, "its incident kind is unknown");
    let sender = Sender {
        organisation: r.answer(),
        signature: r.answer(),
        contact: r.answer(),
    };
    let what_happened = r.answer();
    let affected_services = r.answer();
    let who_affected = r.answer();
    let start = r.when();
    let end_state = r.choice(
        &[EndState::NotSaid, EndState::Ongoing, EndState::Ended],
        "whether it has ended is unknown",
    );
    let window = Window {
        start,
        end_state,
        end: r.when(),
        next_update: r.when(),
    };
    let impact = r.answer();
    let data_loss = r.choice(&DATA_LOSSES, "whether data was lost is unknown");
    let recovery = r.choice(
        &[
            Recovery::NotSaid,
            Recovery::Recovered,
            Recovery::Partly,
            Recovery::CannotRecover,
            Recovery::NotKnownYet,
        ],
        "whether data can be recovered is unknown",
    );
    let actions = r.choice(
        &[
            ReaderActions::NotSaid,
            ReaderActions::Nothing,
            ReaderActions::Steps,
        ],
        "whether readers must act is unknown",
    );
    let count = r.len(MAX_ACTIONS, "it lists too many things to do");
    let mut action_list = Vec::with_capacity(count);
    for _ in 0..count {
        action_list.push(Action {
            text: r.answer(),
            during_window: r.flag(),
        });
    }
    let cause_state = r.choice(
        &[
            CauseState::NotSaid,
            CauseState::NotKnownYet,
            CauseState::Known,
        ],
        "whether the cause is known is unknown",
    );
    let cause = r.answer();
    let fix = r.answer();
    let prevention = r.answer();
    let detection = r.answer();
    let apology = r.answer();
    let count = r.len(MAX_AUDIENCE_ZONES, "it lists too many time zones");
    let mut audience_zones = Vec::with_capacity(count);
    for _ in 0..count {
        audience_zones.push(r.zone());
    }
    let update = Update {
        phase: r.choice(&PHASES, "an update's phase is unknown"),
        published: r.when(),
        changes: r.answer(),
    };
    let count = r.len(MAX_SENT_UPDATES, "it lists too many sent updates");
    let mut timeline = Vec::with_capacity(count);
    for _ in 0..count {
        timeline.push(SentUpdate {
            phase: r.choice(&PHASES, "an update's phase is unknown"),
            published: r.when(),
            changes: r.answer(),
            data_loss: r.choice(&DATA_LOSSES, "whether data was lost is unknown"),
            next_update: r.when(),
        });
    }
    if !r.rest.is_empty() {
        r.fail("there is more after the draft");
    }
    if let Some(what) = r.problem {
        return Err(LinkError::InvalidDraft(what));
    }
    Ok(Draft {
        schema: SCHEMA_VERSION,
        id,
        preset,
        sender,
        what_happened,
        affected_services,
        who_affected,
        window,
        impact,
        data_loss,
        recovery,
        actions,
        action_list,
        cause_state,
        cause,
        fix,
        prevention,
        detection,
        apology,
        audience_zones,
        update,
        timeline,
        dismissed_findings: Vec::new(),
    })
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
    write_body(draft)
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

    #[test]
    fn varints_are_read_only_in_their_shortest_form() {
        let mut r = Reader {
            rest: &[0x80, 0x00],
            problem: None,
        };
        r.varint();
        assert_eq!(r.problem, Some("a number is written oddly"));
        let mut r = Reader {
            rest: &[
                0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
            ],
            problem: None,
        };
        r.varint();
        assert_eq!(r.problem, Some("a number is too large"));
        let mut r = Reader {
            rest: &[0x81, 0x01],
            problem: None,
        };
        assert_eq!(r.varint(), 129);
        assert_eq!(r.problem, None);
    }

    #[test]
    fn the_first_problem_in_a_body_is_the_one_reported() {
        // A bad time flag, then the body ends: the flag is reported.
        let mut r = Reader {
            rest: &[0xff, 0x01],
            problem: None,
        };
        r.when();
        r.answer();
        assert_eq!(
            r.problem,
            Some("a time is marked in a way Candor does not know")
        );
    }
}
