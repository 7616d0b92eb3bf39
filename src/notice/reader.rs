//! The notice as a reader's page shows it (issue #17): a document with a
//! heading and paragraphs, in the form the author chose, with the updates
//! already sent listed in every phase, not only once resolved.

use super::{compose_with, follow_up, short_post, Block, Form, Notice, Paragraph};
use crate::model::Draft;
use crate::time::ZoneRules;

/// The notice a reader's link opens, for `draft` as its reader sees it
/// (give it `Draft::for_reader` to put the reader's zone first). The
/// heading is the notice's subject; the short post is one paragraph under
/// the same heading; the follow-up report is the follow-up.
pub fn for_readers(form: Form, draft: &Draft, rules: &dyn ZoneRules) -> Notice {
    match form {
        Form::FollowUp => follow_up(draft, rules),
        Form::Short => Notice {
            subject: compose_with(draft, rules, false).subject,
            blocks: vec![Block::Paragraph(Paragraph::text(short_post(draft, rules)))],
        },
        Form::Email | Form::Markdown | Form::Html => compose_with(draft, rules, true),
    }
}

/// What the reader's page says about its times: whose zone comes first and
/// which zones follow. `own` is the reader's browser zone, when it says one;
/// `shown` is the zone the times are shown in first.
pub fn zones_sentence(shown: &str, own: Option<&str>, draft: &Draft) -> String {
    use crate::time::catalog::city;
    let others: Vec<String> = draft
        .for_reader(shown)
        .audience_zones
        .iter()
        .skip(1)
        .map(|z| city(z))
        .collect();
    let name = zone_name(shown);
    let first = match own {
        Some(own) if own == shown => format!(
            "Every time is shown first in your own time zone, {name}, as your browser gives it"
        ),
        Some(_) => format!("Every time is shown first in {name}, the time zone you chose"),
        None => format!(
            "Your browser did not say its time zone, so every time is shown first in {name}"
        ),
    };
    match others.as_slice() {
        [] => format!("{first}."),
        [one] => format!("{first}, then in the time zone the sender chose: {one}."),
        many => format!(
            "{first}, then in the time zones the sender chose: {}.",
            many.join(", ")
        ),
    }
}

/// The line above the notice: which zone its times are shown in first.
pub fn first_zone_note(shown: &str) -> String {
    format!(
        "Times are shown first in {}. You can change that below the notice.",
        zone_name(shown)
    )
}

/// "Auckland (Pacific/Auckland)", or "UTC" alone.
fn zone_name(zone: &str) -> String {
    match crate::time::catalog::city(zone) {
        c if c == zone => c,
        c => format!("{c} ({zone})"),
    }
}
