//! Findings about a series of updates: a promised update that is late, a
//! resolution with no end, a phase that goes back without a word, and an
//! update that changes what was said about data loss without saying so.
//! These need the time now, so they are separate from `check`.

use super::{Family, Field, Finding, Location, Severity};
use crate::model::{DataLoss, Draft, EndState, Phase};
use crate::notice::phase_label;
use crate::time::{format_full, in_zone, ZoneRules};

fn finding(
    id: &'static str,
    severity: Severity,
    field: Field,
    message: String,
    why: &str,
    suggestion: &str,
) -> Finding {
    Finding {
        id,
        family: Family::MissingFact,
        severity,
        message,
        why: why.to_string(),
        location: Location { field, range: 0..0 },
        suggestion: suggestion.to_string(),
        excerpt: String::new(),
    }
}

/// Words that show an update says something about data loss.
fn mentions_data(text: &str) -> bool {
    let text = text.to_ascii_lowercase();
    ["data", "lost", "loss", "deleted", "recovered"]
        .iter()
        .any(|w| text.contains(w))
}

/// The timeline findings for a draft, with `now` in Unix seconds.
pub fn timeline_findings(draft: &Draft, rules: &dyn ZoneRules, now: i64) -> Vec<Finding> {
    let mut out = Vec::new();
    let w = &draft.window;

    if w.end_state == EndState::Ongoing {
        if let Ok(due) = w.next_update.instant(rules) {
            if due < now {
                let shown = in_zone(rules, &w.next_update.zone, due)
                    .map(|t| format_full(&t))
                    .unwrap_or_default();
                out.push(finding(
                    "update.next-update-passed",
                    Severity::Serious,
                    Field::NextUpdate,
                    format!("The next update was promised by {shown}, and that time has passed."),
                    "Readers were told when to expect news. Silence after that time looks like hiding.",
                    "Send an update now, even if the news is that you are still working on it, and give a new time.",
                ));
            }
        }
    }

    if draft.update.phase == Phase::Resolved
        && (w.end_state != EndState::Ended || w.end.instant(rules).is_err())
    {
        out.push(finding(
            "update.resolved-no-end",
            Severity::Serious,
            Field::End,
            "This update says the incident is resolved, but not when it ended.".into(),
            "Readers need the end time to know whether what they saw was part of it.",
            "Enter when it ended, with its date and time zone.",
        ));
    }

    let changes_said = !draft.update.changes.trim().is_empty();
    if let Some(last) = draft.timeline.last() {
        let now_phase = draft.update.phase;
        if now_phase != Phase::NotSaid
            && last.phase != Phase::NotSaid
            && now_phase < last.phase
            && !changes_said
        {
            out.push(finding(
                "update.phase-backwards",
                Severity::Warning,
                Field::UpdateChanges,
                format!(
                    "The last update said “{}”; this one says “{}”, without saying why.",
                    phase_label(last.phase),
                    phase_label(now_phase)
                ),
                "A step back is honest, but unexplained it reads as confusion or as something hidden.",
                "In “What is new”, say what went wrong since the last update.",
            ));
        }
        let said_none = draft.timeline.iter().any(|u| u.data_loss == DataLoss::None);
        let now_lost = matches!(draft.data_loss, DataLoss::Some | DataLoss::All);
        let said_lost = draft
            .timeline
            .iter()
            .any(|u| matches!(u.data_loss, DataLoss::Some | DataLoss::All));
        let now_none = draft.data_loss == DataLoss::None;
        if ((said_none && now_lost) || (said_lost && now_none))
            && !mentions_data(&draft.update.changes)
        {
            out.push(finding(
                "update.data-loss-changed",
                Severity::Serious,
                Field::UpdateChanges,
                "An earlier update said something different about lost data, and this update does not say that it changed.".into(),
                "Readers who acted on the earlier update need to know the facts changed.",
                "In “What is new”, say plainly what you now know about lost data, and what changed.",
            ));
        }
    }
    out
}
