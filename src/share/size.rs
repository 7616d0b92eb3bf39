//! How long a draft's link is, whether to warn, and which parts of the
//! draft make it long (the link-size report the share step shows).

use super::{encode, WARN_CHARS};
use crate::model::{Draft, Sender};

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
        let mut out = crate::notice::copy::link_length(total);
        if total > WARN_CHARS && !self.largest_parts.is_empty() {
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
