//! Links for readers: the finished notice, in one of its forms, for the
//! author to send to customers (issue #17). The fragment is the reader mark
//! `r` followed by a framed link like a review link (version, length,
//! base64url of the deflated body and its CRC), so every check a review
//! link gets, this gets too. The body is one byte naming the form, then the
//! draft as a review link's body carries it, less what the notice never
//! shows: the draft's id, and the author's dismissed findings (a review
//! link drops those already).

use super::{body, link_for_body, open_framed, LinkError, VERSION};
use crate::model::Draft;
use crate::notice::Form;

/// The first character of a reader's link; never a version character.
pub const READER_MARK: char = 'r';

/// What a reader's link opens: the notice, in the form the author chose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderNotice {
    pub form: Form,
    /// The facts the notice is written from.
    pub draft: Draft,
}

/// The form's code in a reader's link: its place in [`Form::ALL`].
fn form_code(form: Form) -> u8 {
    Form::ALL.iter().position(|f| *f == form).unwrap_or(0) as u8
}

/// The fragment (the text after `#`) of a link that opens `draft`'s notice
/// in `form` for readers.
pub fn encode_for_readers(draft: &Draft, form: Form) -> String {
    let notice_only = Draft {
        id: String::new(),
        ..draft.clone()
    };
    let mut bytes = vec![form_code(form)];
    bytes.extend(body::write(&notice_only));
    let mut out = String::from(READER_MARK);
    out.push_str(&link_for_body(&bytes));
    out
}

/// The notice in a reader's link. Takes the fragment with or without its
/// `#`, or a whole pasted link; a review link gets [`LinkError::NotCandor`]
/// from here, as the reader's page cannot edit a draft.
pub fn decode_for_readers(fragment: &str) -> Result<ReaderNotice, LinkError> {
    let text = super::fragment_text(fragment);
    let Some(framed) = text.strip_prefix(READER_MARK) else {
        return Err(LinkError::NotCandor);
    };
    open_framed(framed, |version| match version {
        VERSION => Ok(read_body as fn(&[u8]) -> Result<ReaderNotice, LinkError>),
        _ => Err(LinkError::NotCandor),
    })
}

fn read_body(bytes: &[u8]) -> Result<ReaderNotice, LinkError> {
    let (&code, rest) = bytes
        .split_first()
        .ok_or(LinkError::InvalidDraft("it is empty"))?;
    let form = *Form::ALL
        .get(usize::from(code))
        .ok_or(LinkError::InvalidDraft(
            "it names a form Candor does not have",
        ))?;
    let mut draft = body::read(rest)?;
    draft.id.clear();
    Ok(ReaderNotice { form, draft })
}

/// Why a reader's page cannot show the notice in `fragment`, as the one
/// sentence it shows: written for a customer who was sent the link, not for
/// the author.
pub fn why_not_shown(fragment: &str, error: &LinkError) -> String {
    let text = super::fragment_text(fragment).trim();
    match error {
        LinkError::NotCandor if text.is_empty() => "This page shows a notice that is carried in its link, and this address has none. Open the whole link you were sent.".into(),
        LinkError::NotCandor if is_review_link(fragment) => "This is a link to a draft for review, not a notice for readers. Open it in Candor's editor to read and change the draft.".into(),
        LinkError::NotCandor | LinkError::ForReaders => "This link does not hold a notice: check that you opened the whole link you were sent.".into(),
        LinkError::CutShort => "This link is cut short: part of it was lost when it was copied. Open the whole link you were sent, up to its last character.".into(),
        LinkError::Damaged => "This link is damaged: some of its characters were changed, so the notice in it cannot be read. Ask the sender for the link again.".into(),
        LinkError::NewerVersion => "This link was made by a newer version of Candor: reload this page to get it, then open the link again.".into(),
        LinkError::TooLarge => "This link holds more than Candor will open (over 256 KiB), so it was not opened.".into(),
        LinkError::InvalidDraft(what) => format!("This link does not hold a notice Candor can show: {what}."),
    }
}

/// Whether `fragment` looks like a review link (it starts with a version
/// character), which the reader's page sends to the editor. Not decoded:
/// the reader's page does not carry the review link's readers.
pub fn is_review_link(fragment: &str) -> bool {
    super::fragment_text(fragment)
        .trim()
        .starts_with(|c| super::VERSIONS.contains(c))
}

/// Where the reader's page is, from the path of the editor's page: the
/// folder `read/` beside it ("/" gives "/read/", "/candor/index.html" gives
/// "/candor/read/").
pub fn readers_page(editor_path: &str) -> String {
    let folder = match editor_path.rfind('/') {
        Some(at) => &editor_path[..=at],
        None => "/",
    };
    format!("{folder}read/")
}
