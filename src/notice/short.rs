//! The short post (status feeds, social networks): at most 280 characters,
//! and it still says what, whether data was lost, when and where to read
//! more. When the author's words do not fit, they are cut at a word with an
//! ellipsis; Candor's sentence about lost data, the time and the link are
//! never cut.

/// The most characters a short post may have.
pub const SHORT_POST_LIMIT: usize = 280;

/// Puts the parts together, cutting only the author's `what` to fit.
/// `lost` is Candor's own sentence about lost data, or "".
pub(super) fn short_post(org: &str, what: &str, lost: &str, when: &str, more: &str) -> String {
    let tail = if lost.is_empty() {
        format!(" {when} {more}")
    } else {
        format!(" {lost} {when} {more}")
    };
    let head = format!("{org}: ");
    let room = SHORT_POST_LIMIT
        .saturating_sub(head.chars().count())
        .saturating_sub(tail.chars().count());
    let what = fit(what, room);
    let post = format!("{head}{what}{tail}");
    // The org name, times and link are bounded, but a very long org name or
    // link could still overflow: then cut the whole post rather than exceed.
    fit(&post, SHORT_POST_LIMIT)
}

/// Cuts `text` to at most `room` characters, at a word where it can, ending with "…".
fn fit(text: &str, room: usize) -> String {
    if text.chars().count() <= room {
        return text.to_string();
    }
    if room == 0 {
        return String::new();
    }
    let cut: String = text.chars().take(room - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > cut.len() / 2 => cut[..space].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([' ', ',', ';', ':', '.']))
}
