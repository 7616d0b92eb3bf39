//! Starting points for common incidents. A preset fills in structure and
//! wording (what readers usually must do, an apology that owns the failure)
//! and gives examples for each question; it never fills in a fact: what
//! happened, when, who is affected, the cause and the impact stay the
//! author's to say.

use crate::model::{Action, Draft, Preset, ReaderActions};

/// Every preset, in the order the picker lists them.
pub const ALL: [Preset; 6] = [
    Preset::MessagesLost,
    Preset::Unavailable,
    Preset::Degraded,
    Preset::DataLost,
    Preset::UnauthorisedAccess,
    Preset::MaintenanceOverran,
];

/// The preset's name in the picker.
pub fn name(preset: Preset) -> &'static str {
    match preset {
        Preset::MessagesLost => "Messages or data were not received",
        Preset::Unavailable => "The service was unavailable",
        Preset::Degraded => "The service was slow or partly working",
        Preset::DataLost => "Data was lost or damaged",
        Preset::UnauthorisedAccess => "Someone reached data they should not have",
        Preset::MaintenanceOverran => "Planned maintenance ran over",
    }
}

/// What the incident is called in the subject line.
pub fn kind(preset: Preset) -> &'static str {
    match preset {
        Preset::MessagesLost => "lost messages",
        Preset::Unavailable => "outage",
        Preset::Degraded => "slow or failing service",
        Preset::DataLost => "lost data",
        Preset::UnauthorisedAccess => "unauthorised access to your data",
        Preset::MaintenanceOverran => "maintenance that ran over",
    }
}

/// An example answer for each question, shown as a hint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Examples {
    pub what_happened: &'static str,
    pub affected_services: &'static str,
    pub who_affected: &'static str,
    pub impact: &'static str,
    pub cause: &'static str,
    pub fix: &'static str,
    pub prevention: &'static str,
    pub detection: &'static str,
}

/// Examples for a preset; with none chosen, the DynDNS case that Candor comes from.
pub fn examples(preset: Option<Preset>) -> Examples {
    match preset {
        None | Some(Preset::MessagesLost) => Examples {
            what_happened: "We lost all e-mail sent to our support addresses.",
            affected_services: "our support, billing and sales e-mail addresses",
            who_affected: "everyone who e-mailed us during those hours",
            impact: "We never received those e-mails, so we did not answer them.",
            cause: "We made a configuration error during routine maintenance.",
            fix: "We corrected the configuration, and e-mail is arriving again.",
            prevention: "We now test every mail configuration change before it goes live.",
            detection: "An alarm now tells us within five minutes if e-mail stops arriving.",
        },
        Some(Preset::Unavailable) => Examples {
            what_happened: "Our website and app could not be reached.",
            affected_services: "the website, the mobile app and the public API",
            who_affected: "every customer",
            impact: "You could not log in or place orders. Nothing you had saved was changed.",
            cause: "We deployed a change that overloaded our database.",
            fix: "We rolled the change back and the service came back.",
            prevention: "We now release changes to a small share of traffic first.",
            detection: "We now alert on failed logins, not only on server health.",
        },
        Some(Preset::Degraded) => Examples {
            what_happened: "Pages took up to a minute to load, and some searches failed.",
            affected_services: "search and the order history page",
            who_affected: "customers in Europe",
            impact: "Searches timed out; orders still went through.",
            cause: "One of our storage servers failed and we did not move its load quickly.",
            fix: "We moved the load to healthy servers.",
            prevention: "We now move load away from a failing server automatically.",
            detection: "We now measure page speed as customers see it.",
        },
        Some(Preset::DataLost) => Examples {
            what_happened: "We deleted files that customers had uploaded.",
            affected_services: "file storage",
            who_affected: "customers who uploaded files on that day; we have e-mailed each of you",
            impact: "Files uploaded in that window are gone from our servers.",
            cause: "A clean-up job we wrote deleted files it should have kept.",
            fix: "We stopped the job and restored what our backups held.",
            prevention: "Deletion jobs now need a second person to approve them.",
            detection:
                "We now check every night that the file count only drops when customers delete.",
        },
        Some(Preset::UnauthorisedAccess) => Examples {
            what_happened: "Someone outside our company read customer names and e-mail addresses.",
            affected_services: "the customer database",
            who_affected: "customers who signed up before March; we have written to each of you",
            impact: "Names and e-mail addresses were read. Passwords and card numbers were not.",
            cause: "We left a test server open to the internet with a copy of real data.",
            fix: "We closed the server and deleted the copy.",
            prevention: "Test servers can no longer hold real customer data.",
            detection: "We now scan every day for servers open to the internet.",
        },
        Some(Preset::MaintenanceOverran) => Examples {
            what_happened: "Our planned maintenance took four hours longer than we said.",
            affected_services: "online banking",
            who_affected: "every customer who tried to log in that morning",
            impact: "You could not log in or make payments. No payments were lost.",
            cause: "We planned too little time for the database upgrade.",
            fix: "We finished the upgrade and checked every account.",
            prevention: "We now rehearse each upgrade on a full copy before we schedule it.",
            detection: "We now post an update every 30 minutes during maintenance.",
        },
    }
}

/// Applies a preset's wording to a draft. Only answers the author has not
/// given are filled; facts are never filled.
pub fn apply(preset: Preset, draft: &Draft) -> Draft {
    let mut draft = draft.clone();
    draft.preset = Some(preset);
    if draft.apology.trim().is_empty() {
        draft.apology = apology(preset).to_string();
    }
    if draft.actions == ReaderActions::NotSaid && draft.action_list.is_empty() {
        if let Some(action) = action(preset) {
            draft.actions = ReaderActions::Steps;
            draft.action_list = vec![action];
        }
    }
    draft
}

/// True when applying a preset would replace something the author wrote:
/// the app asks before doing that.
pub fn would_replace(draft: &Draft) -> bool {
    draft.preset.is_some()
        || !draft.apology.trim().is_empty()
        || draft.actions != ReaderActions::NotSaid
        || !draft.action_list.is_empty()
}

/// Replaces the preset's wording: the apology and reader actions are set
/// to the new preset's, everything else the author wrote is kept.
pub fn replace(preset: Preset, draft: &Draft) -> Draft {
    let mut cleared = draft.clone();
    cleared.apology.clear();
    cleared.actions = ReaderActions::NotSaid;
    cleared.action_list.clear();
    apply(preset, &cleared)
}

fn apology(preset: Preset) -> &'static str {
    match preset {
        Preset::MessagesLost => "We are sorry. You wrote to us and we lost your message.",
        Preset::Unavailable => "We are sorry. You could not use our service when you needed it.",
        Preset::Degraded => "We are sorry. Our service was too slow and unreliable to use.",
        Preset::DataLost => "We are sorry. You trusted us to keep your data and we did not.",
        Preset::UnauthorisedAccess => {
            "We are sorry. We did not protect your data as we should have."
        }
        Preset::MaintenanceOverran => {
            "We are sorry. We told you when the maintenance would end and we were wrong."
        }
    }
}

fn action(preset: Preset) -> Option<Action> {
    let (text, during_window) = match preset {
        Preset::MessagesLost => ("re-send any message you sent us", true),
        Preset::Unavailable => return None,
        Preset::Degraded => ("retry anything that failed", true),
        Preset::DataLost => ("upload again any file you added", true),
        Preset::UnauthorisedAccess => (
            "be careful with e-mails that ask for your password: we will never ask for it",
            false,
        ),
        Preset::MaintenanceOverran => ("retry any payment that failed", true),
    };
    Some(Action {
        text: text.to_string(),
        during_window,
    })
}
