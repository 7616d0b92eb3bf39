//! The link's body since version `2`: the draft in postcard's compact binary
//! form, through the model's serde derives, and the limits a draft read from
//! a link must keep.
//!
//! postcard writes the fields in the order `Draft` declares them, without
//! names: lengths and numbers as varints, enums by their variant's place,
//! `Option` as a 0 or 1 byte before the value, dates as days since 1 January
//! of year 1 and times as seconds since midnight and nanoseconds
//! (`model/form.rs`). A new field in `Draft` therefore changes the layout:
//! it needs a new link version (`share::VERSION`), and this version's
//! reader kept for the links already sent.
//!
//! Reading allocates nothing a length claims beyond the input: postcard takes
//! a text's bytes from the input before copying them, and every list in the
//! draft is read item by item, at most `model::MAX_LIST_ITEMS` of them
//! (`model/form.rs`), so no count can make it reserve memory up front.

use serde::Deserialize;

use super::{
    LinkError, MAX_ACTIONS, MAX_AUDIENCE_ZONES, MAX_ID_BYTES, MAX_SENT_UPDATES, MAX_TEXT_BYTES,
    MAX_ZONE_BYTES,
};
use crate::model::{Draft, WallTime, SCHEMA_VERSION};

/// The body a draft's link carries. Which findings the author set aside is
/// not shared: their own call, and a reviewer opening the link sees every
/// finding afresh.
pub(super) fn write(draft: &Draft) -> Vec<u8> {
    let shared = Draft {
        dismissed_findings: Vec::new(),
        ..draft.clone()
    };
    // Writing to a growing vector cannot fail for a draft: no type in it
    // has a custom serializer that errs.
    postcard::to_allocvec(&shared).unwrap_or_default()
}

/// The draft in a body, refused with the first thing wrong with it.
pub(super) fn read(body: &[u8]) -> Result<Draft, LinkError> {
    // The schema first: a draft of a newer schema may be laid out otherwise.
    let (schema, _) = postcard::take_from_bytes::<u32>(body).map_err(unreadable)?;
    if schema > SCHEMA_VERSION {
        return Err(LinkError::NewerVersion);
    }
    if schema != SCHEMA_VERSION {
        return Err(LinkError::InvalidDraft("its draft version is unknown"));
    }
    let mut reader = postcard::Deserializer::from_bytes(body);
    let mut draft = Draft::deserialize(&mut reader).map_err(unreadable)?;
    if !reader.finalize().map_err(unreadable)?.is_empty() {
        return Err(LinkError::InvalidDraft("there is more after the draft"));
    }
    draft.dismissed_findings.clear();
    check(&draft).map_err(LinkError::InvalidDraft)?;
    Ok(draft)
}

/// What postcard found wrong, as the end of the sentence "This link does
/// not hold a valid Candor draft: …".
fn unreadable(error: postcard::Error) -> LinkError {
    use postcard::Error::*;
    LinkError::InvalidDraft(match error {
        DeserializeUnexpectedEnd => "it ends early",
        DeserializeBadVarint => "a number is too large",
        DeserializeBadUtf8 => "some text is not valid UTF-8",
        DeserializeBadBool => "a yes-or-no answer is neither",
        // An unknown enum variant, a date or time that does not exist, a
        // list longer than any draft holds.
        SerdeDeCustom => "an answer, date or list is not one Candor can hold",
        _ => "it is not laid out as a draft",
    })
}

/// The limits of a draft from a link, checked once it is read: far beyond
/// what a person writes, small enough that nothing hostile hides behind them.
fn check(draft: &Draft) -> Result<(), &'static str> {
    let problem = |bad: bool, what: &'static str| if bad { Err(what) } else { Ok(()) };
    problem(draft.id.len() > MAX_ID_BYTES, "its id is too long")?;
    problem(
        draft.id.chars().any(char::is_control),
        "its id has control characters",
    )?;
    problem(
        draft.action_list.len() > MAX_ACTIONS,
        "it lists too many things to do",
    )?;
    problem(
        draft.audience_zones.len() > MAX_AUDIENCE_ZONES,
        "it lists too many time zones",
    )?;
    problem(
        draft.timeline.len() > MAX_SENT_UPDATES,
        "it lists too many sent updates",
    )?;
    let sender = &draft.sender;
    let answers = [
        &sender.organisation,
        &sender.signature,
        &sender.contact,
        &draft.what_happened,
        &draft.affected_services,
        &draft.who_affected,
        &draft.impact,
        &draft.cause,
        &draft.fix,
        &draft.prevention,
        &draft.detection,
        &draft.apology,
        &draft.update.changes,
    ];
    let texts = answers
        .into_iter()
        .chain(draft.action_list.iter().map(|a| &a.text))
        .chain(draft.timeline.iter().map(|s| &s.changes));
    for text in texts {
        problem(text.len() > MAX_TEXT_BYTES, "an answer is too long")?;
    }
    let window = &draft.window;
    let times: [&WallTime; 4] = [
        &window.start,
        &window.end,
        &window.next_update,
        &draft.update.published,
    ];
    let zones = times
        .into_iter()
        .chain(
            draft
                .timeline
                .iter()
                .flat_map(|s| [&s.published, &s.next_update]),
        )
        .map(|t| &t.zone)
        .chain(&draft.audience_zones);
    for zone in zones {
        if let Some(what) = zone_problem(zone) {
            return Err(what);
        }
    }
    Ok(())
}

/// What is wrong with a zone name from a link, if anything: too long, or a
/// character no IANA zone name uses.
pub(super) fn zone_problem(zone: &str) -> Option<&'static str> {
    if zone.len() > MAX_ZONE_BYTES {
        return Some("a time zone name is too long");
    }
    let plausible = zone
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"/_+-".contains(&b));
    (!plausible).then_some("a time zone name has characters no zone name uses")
}
