//! The guided flow: one question per step, in the order a reader needs the
//! answers, and whether each step still lacks an answer. The UI shows these;
//! it does not decide them.

use crate::model::{
    CauseState, DataLoss, Draft, EndState, Phase, ReaderActions, Recovery, TimeCheck, WallTime,
};
use crate::notice::{as_clause, as_sentence, presets};
use crate::time::ZoneRules;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    WhatHappened,
    WhoAffected,
    When,
    Impact,
    Actions,
    Cause,
    Prevention,
    Apology,
    Sender,
    Updates,
    Check,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 11] = [
        Step::WhatHappened,
        Step::WhoAffected,
        Step::When,
        Step::Impact,
        Step::Actions,
        Step::Cause,
        Step::Prevention,
        Step::Apology,
        Step::Sender,
        Step::Updates,
        Step::Check,
    ];

    /// The step's question, as its heading and in the step list.
    pub fn title(self) -> &'static str {
        match self {
            Step::WhatHappened => "What happened?",
            Step::WhoAffected => "Who is affected?",
            Step::When => "When did it happen?",
            Step::Impact => "What was lost or broken?",
            Step::Actions => "What must readers do?",
            Step::Cause => "Why did it happen?",
            Step::Prevention => "What will stop it happening again?",
            Step::Apology => "Your apology",
            Step::Sender => "Who is writing?",
            Step::Updates => "Is this one of a series of updates?",
            Step::Check => "Check your notice",
        }
    }

    /// A stable name for the step, used in element ids and the address bar.
    pub fn slug(self) -> &'static str {
        match self {
            Step::WhatHappened => "what",
            Step::WhoAffected => "who",
            Step::When => "when",
            Step::Impact => "impact",
            Step::Actions => "actions",
            Step::Cause => "cause",
            Step::Prevention => "prevention",
            Step::Apology => "apology",
            Step::Sender => "sender",
            Step::Updates => "updates",
            Step::Check => "check",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.slug() == slug)
    }

    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.index() + 1).copied()
    }

    pub fn previous(self) -> Option<Step> {
        self.index()
            .checked_sub(1)
            .and_then(|i| Step::ALL.get(i).copied())
    }

    /// True when the step has every answer the notice needs from it. The
    /// kind of incident is optional, and the check step has no answer.
    pub fn is_answered(self, draft: &Draft) -> bool {
        let said = |s: &str| !s.trim().is_empty();
        match self {
            Step::Check => true,
            // A single notice needs nothing here; an update needs its time,
            // and, after the first, what is new.
            Step::Updates => {
                draft.update.phase == Phase::NotSaid
                    || (!draft.update.published.is_empty()
                        && (draft.timeline.is_empty() || said(&draft.update.changes)))
            }
            Step::WhatHappened => said(&draft.what_happened),
            Step::WhoAffected => said(&draft.who_affected),
            Step::When => {
                let w = &draft.window;
                let start = w.start.date.is_some() && w.start.time.is_some();
                let end = match w.end_state {
                    EndState::NotSaid => false,
                    EndState::Ongoing => !w.next_update.is_empty(),
                    EndState::Ended => w.end.date.is_some() && w.end.time.is_some(),
                };
                start && end
            }
            Step::Impact => {
                said(&draft.impact)
                    && match draft.data_loss {
                        DataLoss::NotSaid => false,
                        DataLoss::Some | DataLoss::All => draft.recovery != Recovery::NotSaid,
                        DataLoss::None | DataLoss::NotKnownYet => true,
                    }
            }
            Step::Actions => match draft.actions {
                ReaderActions::NotSaid => false,
                ReaderActions::Nothing => true,
                ReaderActions::Steps => draft.action_list.iter().any(|a| said(&a.text)),
            },
            Step::Cause => match draft.cause_state {
                CauseState::NotSaid => false,
                CauseState::NotKnownYet => true,
                CauseState::Known => said(&draft.cause),
            },
            Step::Prevention => said(&draft.prevention),
            Step::Apology => said(&draft.apology),
            Step::Sender => said(&draft.sender.organisation) && said(&draft.sender.contact),
        }
    }
}

/// The step where the answer a finding is about is given.
pub fn step_for(field: crate::candor::Field) -> Step {
    use crate::candor::Field;
    match field {
        Field::WhatHappened
        | Field::AffectedServices
        | Field::Subject
        | Field::Notice
        | Field::ShortPost
        | Field::FollowUp => Step::WhatHappened,
        Field::WhoAffected => Step::WhoAffected,
        Field::Start | Field::End | Field::NextUpdate => Step::When,
        Field::Impact | Field::DataLoss | Field::Recovery => Step::Impact,
        Field::Actions | Field::Action(_) => Step::Actions,
        Field::Cause | Field::Fix => Step::Cause,
        Field::Prevention | Field::Detection => Step::Prevention,
        Field::Apology => Step::Apology,
        Field::Contact => Step::Sender,
        Field::UpdateChanges => Step::Updates,
    }
}

/// The label a data-loss answer has in the form and the check step.
pub fn data_loss_label(answer: DataLoss) -> &'static str {
    match answer {
        DataLoss::NotSaid => "Not answered yet",
        DataLoss::None => "No data was lost",
        DataLoss::Some => "Some data was lost",
        DataLoss::All => "All of the affected data was lost",
        DataLoss::NotKnownYet => "We do not know yet",
    }
}

pub fn recovery_label(answer: Recovery) -> &'static str {
    match answer {
        Recovery::NotSaid => "Not answered yet",
        Recovery::Recovered => "We have recovered all of it",
        Recovery::Partly => "We have recovered part of it",
        Recovery::CannotRecover => "We cannot recover it",
        Recovery::NotKnownYet => "We do not know yet",
    }
}

/// The author's answers to one step, a line each, for "Check your notice".
/// A missing answer says so rather than being left out.
pub fn answers(step: Step, draft: &Draft, rules: &dyn ZoneRules) -> Vec<String> {
    let said = |label: &str, text: &str| match as_clause(text) {
        Some(text) => format!("{label}: {text}"),
        None => format!("{label}: not answered yet"),
    };
    let time = |label: &str, wall: &WallTime| time_answer(label, wall, rules);
    match step {
        Step::WhatHappened => vec![
            match draft.preset {
                Some(preset) => format!("Kind of incident: {}", presets::name(preset)),
                None => "Kind of incident: none chosen".to_string(),
            },
            said("What happened", &draft.what_happened),
            said("Services affected", &draft.affected_services),
        ],
        Step::WhoAffected => vec![said("Who is affected", &draft.who_affected)],
        Step::When => {
            let w = &draft.window;
            let mut lines = vec![time("Started", &w.start)];
            match w.end_state {
                EndState::NotSaid => lines.push("Ended: not answered yet".into()),
                EndState::Ongoing => {
                    lines.push("Still ongoing".into());
                    lines.push(time("Next update by", &w.next_update));
                }
                EndState::Ended => lines.push(time("Ended", &w.end)),
            }
            let zones: Vec<&str> = draft
                .audience_zones
                .iter()
                .map(String::as_str)
                .filter(|z| !z.trim().is_empty())
                .collect();
            lines.push(format!("Written for readers in: {}", zones.join(", ")));
            lines
        }
        Step::Impact => {
            let mut lines = vec![
                said("What was lost or broken", &draft.impact),
                format!("Data lost: {}", data_loss_label(draft.data_loss)),
            ];
            if matches!(draft.data_loss, DataLoss::Some | DataLoss::All) {
                lines.push(format!("Recovery: {}", recovery_label(draft.recovery)));
            }
            lines
        }
        Step::Actions => match draft.actions {
            ReaderActions::NotSaid => vec!["Not answered yet".into()],
            ReaderActions::Nothing => vec!["Readers need to do nothing".into()],
            ReaderActions::Steps => draft
                .action_list
                .iter()
                .filter_map(|a| as_clause(&a.text))
                .collect(),
        },
        Step::Cause => vec![
            match draft.cause_state {
                CauseState::NotSaid => "Cause: not answered yet".to_string(),
                CauseState::NotKnownYet => "Cause: we do not know yet".to_string(),
                CauseState::Known => said("Cause", &draft.cause),
            },
            said("What we did to fix it", &draft.fix),
        ],
        Step::Prevention => vec![
            said("What will stop it happening again", &draft.prevention),
            said("What will catch it sooner", &draft.detection),
        ],
        Step::Apology => vec![said("Apology", &draft.apology)],
        Step::Sender => vec![
            said("Organisation", &draft.sender.organisation),
            said("Signed", &draft.sender.signature),
            said("Where readers can ask", &draft.sender.contact),
        ],
        Step::Updates => {
            if draft.update.phase == Phase::NotSaid {
                return vec!["One notice, not a series of updates".into()];
            }
            let mut lines = vec![
                format!(
                    "Update {}: {}",
                    draft.update_number(),
                    crate::notice::phase_label(draft.update.phase)
                ),
                time("Sent", &draft.update.published),
            ];
            if draft.update_number() > 1 {
                lines.push(said("What is new", &draft.update.changes));
            }
            lines.push(format!("Updates already sent: {}", draft.timeline.len()));
            lines
        }
        Step::Check => Vec::new(),
    }
}

/// "Started: Wednesday 7 December 2005, 17:05 EST (UTC-05:00)", or why
/// that time is not given or needs fixing.
fn time_answer(label: &str, wall: &WallTime, rules: &dyn ZoneRules) -> String {
    match wall.check(rules) {
        TimeCheck::Empty => format!("{label}: not answered yet"),
        TimeCheck::Shown(shown) => format!("{label}: {shown}"),
        TimeCheck::Fold {
            chosen: Some((_, shown)),
            ..
        } => format!("{label}: {shown}"),
        TimeCheck::Problem(message)
        | TimeCheck::Gap { message, .. }
        | TimeCheck::Fold { message, .. } => format!("{label}: needs fixing. {message}"),
    }
}

/// The updates already sent, for the author to look back on: each one's
/// number and phase, then when it went out and what it said was new.
pub fn sent_updates(draft: &Draft, rules: &dyn ZoneRules) -> Vec<(String, String)> {
    draft
        .timeline
        .iter()
        .enumerate()
        .map(|(i, sent)| {
            let heading = format!(
                "Update {}: {}.",
                i + 1,
                crate::notice::phase_label(sent.phase)
            );
            let mut details = format!("{}.", time_answer("Sent", &sent.published, rules));
            if let Some(changes) = as_sentence(&sent.changes) {
                details.push(' ');
                details.push_str(&changes);
            }
            (heading, details)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_run_in_order_and_back() {
        assert_eq!(Step::WhatHappened.previous(), None);
        assert_eq!(Step::WhatHappened.next(), Some(Step::WhoAffected));
        assert_eq!(Step::Check.next(), None);
        assert_eq!(Step::Check.previous(), Some(Step::Updates));
        for step in Step::ALL {
            assert_eq!(Step::from_slug(step.slug()), Some(step));
        }
    }

    #[test]
    fn an_empty_draft_lacks_every_required_answer() {
        let draft = Draft::new("d", "UTC");
        let missing: Vec<Step> = Step::ALL
            .into_iter()
            .filter(|s| !s.is_answered(&draft))
            .collect();
        assert_eq!(
            missing,
            vec![
                Step::WhatHappened,
                Step::WhoAffected,
                Step::When,
                Step::Impact,
                Step::Actions,
                Step::Cause,
                Step::Prevention,
                Step::Apology,
                Step::Sender,
            ]
        );
        // A single notice needs nothing from the updates step.
        assert!(Step::Updates.is_answered(&draft));
    }

    #[test]
    fn ongoing_needs_a_next_update_time() {
        let mut draft = Draft::new("d", "UTC");
        draft.window.start.date = chrono::NaiveDate::from_ymd_opt(2026, 1, 2);
        draft.window.start.time = chrono::NaiveTime::from_hms_opt(10, 0, 0);
        draft.window.end_state = EndState::Ongoing;
        assert!(!Step::When.is_answered(&draft));
        draft.window.next_update = draft.window.start.clone();
        assert!(Step::When.is_answered(&draft));
    }

    #[test]
    fn lost_data_needs_a_word_on_recovery() {
        let mut draft = Draft::new("d", "UTC");
        draft.impact = "Uploads failed.".into();
        draft.data_loss = DataLoss::Some;
        assert!(!Step::Impact.is_answered(&draft));
        draft.recovery = Recovery::CannotRecover;
        assert!(Step::Impact.is_answered(&draft));
        draft.data_loss = DataLoss::None;
        assert!(Step::Impact.is_answered(&draft));
    }
}
