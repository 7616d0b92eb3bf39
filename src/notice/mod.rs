//! Draft -> notice. Candor's sentences live here and only here: the UI shows
//! what this module returns and never builds notice text itself.
//!
//! Over 600 lines for a reason: the notice's sections are one sequence of
//! sentences whose wording depends on each other (ongoing or ended, data
//! lost or not, cause known or not); split apart, each part would need the
//! others' state. Formats, times, presets and the short forms are their own
//! files beside it.
//!
//! A notice is first built as plain structure (paragraphs of spans, where a
//! span is either text or a marked gap for an answer not given yet), then
//! rendered into each format. Keeping gaps as their own span means no format
//! can drop one silently, and the HTML renderer can escape every piece of
//! user text in one place.

pub mod copy;
pub mod html;
pub mod markdown;
pub mod plain;
pub mod presets;
pub mod reader;
pub mod short;
mod when;

use crate::case::lower_str;
use crate::model::{CauseState, DataLoss, Draft, EndState, Phase, ReaderActions, Recovery};
use crate::time::ZoneRules;

/// A piece of a paragraph: words to print, or a marked gap where an answer is missing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span {
    Text(String),
    /// The question whose answer is missing, e.g. "what happened?".
    Gap(&'static str),
}

/// A paragraph of the notice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paragraph(pub Vec<Span>);

impl Paragraph {
    fn text(text: impl Into<String>) -> Self {
        Paragraph(vec![Span::Text(text.into())])
    }

    fn gap(question: &'static str) -> Self {
        Paragraph(vec![Span::Gap(question)])
    }

    /// Appends words, with a space before them when the paragraph has any.
    fn push_text(&mut self, text: impl Into<String>) {
        if !self.0.is_empty() {
            self.0.push(Span::Text(" ".into()));
        }
        self.0.push(Span::Text(text.into()));
    }

    fn push_gap(&mut self, question: &'static str) {
        if !self.0.is_empty() {
            self.0.push(Span::Text(" ".into()));
        }
        self.0.push(Span::Gap(question));
    }

    /// Appends another paragraph's spans directly, with no space between.
    pub(super) fn push_spans_of(&mut self, other: Paragraph) {
        self.0.extend(other.0);
    }

    /// Appends another paragraph's spans, separated by a space.
    fn push(&mut self, other: Paragraph) {
        if other.0.is_empty() {
            return;
        }
        if !self.0.is_empty() {
            self.0.push(Span::Text(" ".into()));
        }
        self.0.extend(other.0);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The paragraph as plain text, with gaps shown as `[question]`.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        for span in &self.0 {
            match span {
                Span::Text(text) => out.push_str(text),
                Span::Gap(question) => {
                    out.push('[');
                    out.push_str(question);
                    out.push(']');
                }
            }
        }
        out
    }

    /// The questions this paragraph still has gaps for.
    pub fn gaps(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().filter_map(|span| match span {
            Span::Gap(question) => Some(*question),
            Span::Text(_) => None,
        })
    }
}

/// One block of the notice body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(Paragraph),
    /// A lead-in sentence and the items under it.
    List {
        lead: Paragraph,
        items: Vec<Paragraph>,
    },
}

/// The notice for one draft, before it is rendered into a format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub subject: Paragraph,
    pub blocks: Vec<Block>,
}

impl Notice {
    /// Every question the notice still has a gap for, in reading order.
    pub fn gaps(&self) -> Vec<&'static str> {
        let mut gaps: Vec<&'static str> = self.subject.gaps().collect();
        for block in &self.blocks {
            match block {
                Block::Paragraph(p) => gaps.extend(p.gaps()),
                Block::List { lead, items } => {
                    gaps.extend(lead.gaps());
                    for item in items {
                        gaps.extend(item.gaps());
                    }
                }
            }
        }
        gaps
    }
}

/// The notice's first sentence: what happened, in the author's words, made
/// into one tidy sentence. A missing answer is a gap, never invented text.
pub fn opening(draft: &Draft) -> Paragraph {
    match as_sentence(&draft.what_happened) {
        Some(sentence) => Paragraph::text(sentence),
        None => Paragraph::gap("what happened?"),
    }
}

/// Builds the notice in the order a reader needs it: what and who, when,
/// what was lost, what to do, why, what changes, the apology, where to ask.
pub fn compose(draft: &Draft, rules: &dyn ZoneRules) -> Notice {
    compose_with(draft, rules, draft.update.phase == Phase::Resolved)
}

/// The notice; `earlier` lists the updates already sent after the closing
/// (the resolved notice always does; a reader's page does in every phase).
fn compose_with(draft: &Draft, rules: &dyn ZoneRules, earlier: bool) -> Notice {
    let when = when::Window::of(draft, rules);
    let mut blocks = Vec::new();

    if draft.update.phase != Phase::NotSaid {
        blocks.push(Block::Paragraph(update_header(draft, &when)));
    }

    let mut first = opening(draft);
    if let Some(services) = as_clause(&draft.affected_services) {
        first.push_text(format!("It affected {services}."));
    }
    match as_clause(&draft.who_affected) {
        Some(who) => first.push_text(format!("Who is affected: {who}.")),
        None => first.push_gap("who is affected?"),
    }
    blocks.push(Block::Paragraph(first));

    blocks.push(when.block());
    if let Some(next) = when.next_update() {
        blocks.push(Block::Paragraph(next));
    }

    blocks.push(Block::Paragraph(impact(draft)));
    blocks.push(actions(draft, &when));
    blocks.push(Block::Paragraph(cause(draft)));
    blocks.push(Block::Paragraph(prevention(draft)));

    blocks.push(Block::Paragraph(closing(draft)));

    if earlier && !draft.timeline.is_empty() {
        blocks.push(Block::Paragraph(Paragraph::text("Our earlier updates:")));
        for (i, sent) in draft.timeline.iter().enumerate() {
            blocks.push(timeline_item(
                i + 1,
                sent.phase,
                &sent.published,
                &sent.changes,
                &when,
            ));
        }
    }

    if let Some(signature) = as_clause(&draft.sender.signature) {
        blocks.push(Block::Paragraph(Paragraph::text(signature)));
    }

    Notice {
        subject: subject(draft, &when),
        blocks,
    }
}

/// How a phase is named to readers: plain words, not status-page jargon.
pub fn phase_label(phase: Phase) -> &'static str {
    match phase {
        Phase::NotSaid => "update",
        Phase::Investigating => "we are investigating",
        Phase::Identified => "we have found the cause",
        Phase::Monitoring => "fixed, and we are watching it closely",
        Phase::Resolved => "resolved",
    }
}

/// "Update 2: We have found the cause. Sent Wednesday 7 December 2005,
/// 19:50 EST (UTC-05:00). What is new: …"
fn update_header(draft: &Draft, when: &when::Window) -> Paragraph {
    let n = draft.update_number();
    let mut p = Paragraph::text(format!(
        "Update {n}: {}.",
        capitalised(phase_label(draft.update.phase))
    ));
    // The send time in the first reader zone only: the window below shows
    // every zone, and one time keeps this sentence short.
    match when.primary_time(&draft.update.published) {
        Ok(time) => p.push_text(format!("Sent {time}.")),
        Err(_) => {
            p.push_text("Sent");
            p.0.push(Span::Text(" ".into()));
            p.0.push(Span::Gap("when is this update sent?"));
            p.0.push(Span::Text(".".into()));
        }
    }
    match as_clause(&draft.update.changes) {
        Some(changes) => p.push_text(format!("What is new: {changes}.")),
        None if n > 1 => p.push_gap("what is new since the last update?"),
        None => {}
    }
    p
}

/// "Update 2: We have found the cause. <what was new>", then when it was
/// sent, one complete time per reader zone.
fn timeline_item(
    n: usize,
    phase: Phase,
    published: &crate::model::WallTime,
    changes: &str,
    when: &when::Window,
) -> Block {
    let mut lead = Paragraph::text(format!("Update {n}: {}.", capitalised(phase_label(phase))));
    if let Some(changes) = as_sentence(changes) {
        lead.push_text(changes);
    }
    timed(
        lead,
        when.everywhere(published).map_err(|_| "when was it sent?"),
    )
}

/// An event of the timeline: what happened, then its time in each reader
/// zone, one to a line (in one line, three full times and the event run far
/// past the length a reader can follow).
fn timed(lead: Paragraph, times: Result<Vec<Paragraph>, &'static str>) -> Block {
    Block::List {
        lead,
        items: times.unwrap_or_else(|gap| vec![Paragraph::gap(gap)]),
    }
}

/// The follow-up (post-incident) notice for serious incidents: what
/// happened in order, why, what we changed, the apology.
pub fn follow_up(draft: &Draft, rules: &dyn ZoneRules) -> Notice {
    let when = when::Window::of(draft, rules);
    let mut subject = Paragraph::default();
    match as_clause(&draft.sender.organisation) {
        Some(org) => subject.0.push(Span::Text(format!("{org}: "))),
        None => {
            subject.0.push(Span::Gap("who is writing?"));
            subject.0.push(Span::Text(" ".into()));
        }
    }
    subject.0.push(Span::Text("what happened".into()));
    if let Some(date) = when.start_date() {
        subject.0.push(Span::Text(format!(" on {date}")));
    }
    subject
        .0
        .push(Span::Text(", and what we have changed".into()));

    // (when, what), sorted by time so that the end comes after an update
    // sent before it and before one sent after it; unknown times go last.
    let instant = |wall: &crate::model::WallTime| wall.instant(rules).ok();
    let mut order: Vec<(Option<i64>, Block)> = Vec::new();
    let mut started = Paragraph::text("It started.");
    started.push(opening(draft));
    let started = timed(started, when.start_everywhere().ok_or("when did it start?"));
    order.push((instant(&draft.window.start), started));
    for (i, sent) in draft.timeline.iter().enumerate() {
        let item = timeline_item(i + 1, sent.phase, &sent.published, &sent.changes, &when);
        order.push((instant(&sent.published), item));
    }
    if draft.update.phase != Phase::NotSaid && !draft.update.published.is_empty() {
        let item = timeline_item(
            draft.update_number(),
            draft.update.phase,
            &draft.update.published,
            &draft.update.changes,
            &when,
        );
        order.push((instant(&draft.update.published), item));
    }
    match (when.end_everywhere(), when.is_ongoing()) {
        (Some(end), _) => {
            let mut ended = Paragraph::text("It ended.");
            if let Some(d) = when.duration_text() {
                ended.push_text(format!("It lasted {d}."));
            }
            order.push((instant(&draft.window.end), timed(ended, Ok(end))));
        }
        (None, true) => order.push((
            None,
            Block::Paragraph(Paragraph::text("It is still going on.")),
        )),
        (None, false) => order.push((None, Block::Paragraph(Paragraph::gap("when did it end?")))),
    }
    crate::order::sort_by(&mut order, |a, b| {
        a.0.unwrap_or(i64::MAX).cmp(&b.0.unwrap_or(i64::MAX))
    });

    let mut blocks = vec![Block::Paragraph(Paragraph::text(
        "What happened, in order:",
    ))];
    blocks.extend(order.into_iter().map(|(_, block)| block));
    blocks.push(Block::Paragraph(impact(draft)));
    let mut why = Paragraph::text("Why it happened:");
    why.push(cause(draft));
    blocks.push(Block::Paragraph(why));
    let mut changed = Paragraph::text("What we have changed:");
    changed.push(prevention(draft));
    blocks.push(Block::Paragraph(changed));
    blocks.push(actions(draft, &when));
    blocks.push(Block::Paragraph(closing(draft)));
    if let Some(signature) = as_clause(&draft.sender.signature) {
        blocks.push(Block::Paragraph(Paragraph::text(signature)));
    }
    Notice { subject, blocks }
}

/// The notice in every form Candor offers, from one draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Forms {
    pub email: plain::Email,
    pub markdown: String,
    pub html: String,
    pub short_post: String,
    /// The follow-up (post-incident) notice, as a plain-text e-mail.
    pub follow_up: plain::Email,
}

/// One of the forms the check step offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Email,
    Markdown,
    Html,
    Short,
    FollowUp,
}

impl Form {
    pub const ALL: [Form; 5] = [
        Form::Email,
        Form::Markdown,
        Form::Html,
        Form::Short,
        Form::FollowUp,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Form::Email => "E-mail (plain text)",
            Form::Markdown => "Markdown (status pages, issue trackers)",
            Form::Html => "HTML (rich e-mail)",
            Form::Short => "Short post (280 characters)",
            Form::FollowUp => "Follow-up report (after a serious incident)",
        }
    }

    /// The form as the author copies it.
    pub fn text(self, forms: &Forms) -> String {
        match self {
            Form::Email => forms.email.to_text(),
            Form::Markdown => forms.markdown.clone(),
            Form::Html => forms.html.clone(),
            Form::Short => forms.short_post.clone(),
            Form::FollowUp => forms.follow_up.to_text(),
        }
    }
}

pub fn forms(draft: &Draft, rules: &dyn ZoneRules) -> Forms {
    let notice = compose(draft, rules);
    Forms {
        email: plain::email(&notice),
        markdown: markdown::markdown(&notice),
        html: html::html(&notice),
        short_post: short_post(draft, rules),
        follow_up: plain::email(&follow_up(draft, rules)),
    }
}

/// What, whether data was lost, when and where to read more, in at most
/// 280 characters.
pub fn short_post(draft: &Draft, rules: &dyn ZoneRules) -> String {
    let when = when::Window::of(draft, rules).short().plain();
    let org = as_clause(&draft.sender.organisation).unwrap_or_else(|| "[who is writing?]".into());
    let more = match as_clause(&draft.sender.contact) {
        Some(contact) => format!("More: {contact}"),
        None => "[where can readers read more?]".to_string(),
    };
    short::short_post(
        &org,
        &opening(draft).plain(),
        lost(draft.data_loss).unwrap_or_default(),
        &when,
        &more,
    )
}

fn subject(draft: &Draft, when: &when::Window) -> Paragraph {
    let mut subject = Paragraph::default();
    match as_clause(&draft.sender.organisation) {
        Some(org) => subject.0.push(Span::Text(format!("{org}: "))),
        None => {
            subject.0.push(Span::Gap("who is writing?"));
            subject.0.push(Span::Text(" ".into()));
        }
    }
    let kind = draft.preset.map(presets::kind).unwrap_or("incident");
    subject.0.push(Span::Text(kind.to_string()));
    match when.start_date() {
        Some(date) => subject.0.push(Span::Text(format!(" on {date}"))),
        None => {
            subject.0.push(Span::Text(" on ".into()));
            subject.0.push(Span::Gap("when did it start?"));
        }
    }
    if draft.update.phase != Phase::NotSaid {
        subject.0.push(Span::Text(format!(
            ", update {}: {}",
            draft.update_number(),
            phase_label(draft.update.phase)
        )));
        return subject;
    }
    match draft.window.end_state {
        EndState::Ongoing => subject.0.push(Span::Text(", still ongoing".into())),
        EndState::Ended => subject.0.push(Span::Text(", now resolved".into())),
        EndState::NotSaid => {}
    }
    subject
}

/// The apology and where readers can ask.
fn closing(draft: &Draft) -> Paragraph {
    let mut p = match as_sentence(&draft.apology) {
        Some(apology) => Paragraph::text(apology),
        None => Paragraph::gap("your apology"),
    };
    match as_clause(&draft.sender.contact) {
        Some(contact) => p.push_text(format!("If you have questions, contact us at {contact}.")),
        None => p.push_gap("where can readers ask?"),
    }
    p
}

fn impact(draft: &Draft) -> Paragraph {
    let mut p = match as_sentence(&draft.impact) {
        Some(impact) => Paragraph::text(impact),
        None => Paragraph::gap("what was lost or broken?"),
    };
    let loss = match draft.data_loss {
        DataLoss::NotSaid => {
            p.push_gap("was any data lost?");
            return p;
        }
        DataLoss::None => {
            p.push_text("No data was lost.");
            return p;
        }
        DataLoss::NotKnownYet => {
            p.push_text("We do not know yet whether any data was lost.");
            return p;
        }
        DataLoss::Some | DataLoss::All => lost(draft.data_loss).unwrap_or_default(),
    };
    p.push_text(loss);
    match draft.recovery {
        Recovery::NotSaid => p.push_gap("can it be recovered?"),
        Recovery::Recovered => p.push_text("We have recovered all of it."),
        Recovery::Partly => p.push_text("We have recovered part of it."),
        Recovery::CannotRecover => p.push_text("We cannot recover it."),
        Recovery::NotKnownYet => p.push_text("We do not know yet whether we can recover it."),
    }
    p
}

/// That data was lost, said in the active voice: Candor's own words own
/// the loss, in the notice and in the short post, whatever passive the
/// author's opening uses.
fn lost(data_loss: DataLoss) -> Option<&'static str> {
    match data_loss {
        DataLoss::Some => Some("We lost some of your data."),
        DataLoss::All => Some("We lost all of the affected data."),
        DataLoss::NotSaid | DataLoss::None | DataLoss::NotKnownYet => None,
    }
}

fn actions(draft: &Draft, when: &when::Window) -> Block {
    match draft.actions {
        ReaderActions::NotSaid => Block::Paragraph(Paragraph::gap("what must readers do?")),
        ReaderActions::Nothing => {
            Block::Paragraph(Paragraph::text("You do not need to do anything."))
        }
        ReaderActions::Steps => {
            let items: Vec<Paragraph> = draft
                .action_list
                .iter()
                .filter_map(|step| {
                    let text = as_clause(&step.text)?;
                    let mut item = Paragraph::text(capitalised(&text));
                    item.0.push(Span::Text(".".into()));
                    // The window is a sentence of its own: with full times it
                    // is too long to read inside the action's sentence.
                    if step.during_window {
                        item.push_text("This applies to the time");
                        item.0.push(Span::Text(" ".into()));
                        item.push_spans_of(when.during());
                        item.0.push(Span::Text(".".into()));
                    }
                    Some(item)
                })
                .collect();
            if items.is_empty() {
                Block::Paragraph(Paragraph::gap("what must readers do?"))
            } else {
                Block::List {
                    lead: Paragraph::text("What you need to do:"),
                    items,
                }
            }
        }
    }
}

fn cause(draft: &Draft) -> Paragraph {
    let mut p = match draft.cause_state {
        CauseState::NotSaid => Paragraph::gap("why did it happen?"),
        CauseState::NotKnownYet => Paragraph::text("We do not know the cause yet."),
        CauseState::Known => match as_sentence(&draft.cause) {
            Some(cause) => Paragraph::text(cause),
            None => Paragraph::gap("why did it happen?"),
        },
    };
    if let Some(fix) = as_sentence(&draft.fix) {
        p.push_text(fix);
    }
    p
}

fn prevention(draft: &Draft) -> Paragraph {
    let mut p = match as_sentence(&draft.prevention) {
        Some(prevention) => Paragraph::text(prevention),
        None => Paragraph::gap("what will stop it happening again?"),
    };
    if let Some(detection) = as_sentence(&draft.detection) {
        p.push_text(detection);
    }
    p
}

/// Splits `text` into pieces, each with whether it is one of the `flagged`
/// phrases (case-insensitive, earliest and longest first), for highlighting.
pub fn split_flagged(text: &str, flagged: &[String]) -> Vec<(String, bool)> {
    // Byte for byte the same length as `text`, so its offsets are `text`'s.
    let lower = lower_str(text);
    let needles: Vec<String> = flagged
        .iter()
        .filter(|f| !f.trim().is_empty())
        .map(|f| lower_str(f))
        .collect();
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let next = needles
            .iter()
            .filter_map(|f| lower[at..].find(f.as_str()).map(|i| (at + i, f.len())))
            .min_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        match next {
            Some((start, len))
                if text.is_char_boundary(start) && text.is_char_boundary(start + len) =>
            {
                if start > at {
                    out.push((text[at..start].to_string(), false));
                }
                out.push((text[start..start + len].to_string(), true));
                at = start + len;
            }
            _ => {
                out.push((text[at..].to_string(), false));
                break;
            }
        }
    }
    if out.is_empty() {
        out.push((String::new(), false));
    }
    out
}

/// Tidies an answer into a sentence: surrounding space trimmed, runs of
/// white space (including line breaks) made one space, control characters
/// dropped, the first letter capitalised and a full stop added when the
/// author ended without one. `None` when nothing is left.
pub fn as_sentence(answer: &str) -> Option<String> {
    let clause = as_clause(answer)?;
    let mut sentence = capitalised(&clause);
    if !sentence.ends_with(['.', '!', '?']) {
        sentence.push('.');
    }
    Some(sentence)
}

/// Tidies an answer that goes inside a sentence: white space folded, control
/// characters dropped, one trailing full stop removed. `None` when empty.
pub fn as_clause(answer: &str) -> Option<String> {
    let mut words = String::with_capacity(answer.len());
    for word in answer.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        let word: String = word.chars().filter(|c| !c.is_control()).collect();
        if word.is_empty() {
            continue;
        }
        if !words.is_empty() {
            words.push(' ');
        }
        words.push_str(&word);
    }
    if words.ends_with('.') && !words.ends_with("..") {
        words.pop();
    }
    let words = words.trim_end().to_string();
    (!words.is_empty()).then_some(words)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft_saying(what: &str) -> Draft {
        Draft {
            what_happened: what.to_string(),
            ..Draft::default()
        }
    }

    #[test]
    fn opening_is_the_authors_words_as_one_sentence() {
        let draft = draft_saying("  all e-mail sent to our support\n queues was lost  ");
        assert_eq!(
            opening(&draft).plain(),
            "All e-mail sent to our support queues was lost."
        );
    }

    #[test]
    fn opening_keeps_the_authors_own_ending() {
        assert_eq!(opening(&draft_saying("Is it down?")).plain(), "Is it down?");
        assert_eq!(opening(&draft_saying("It broke.")).plain(), "It broke.");
        assert_eq!(opening(&draft_saying("Wait...")).plain(), "Wait...");
    }

    #[test]
    fn missing_answer_is_a_marked_gap() {
        assert_eq!(opening(&draft_saying("")).plain(), "[what happened?]");
        assert_eq!(opening(&draft_saying(" \n\t ")).plain(), "[what happened?]");
    }

    #[test]
    fn flagged_phrases_are_split_out() {
        let flagged = vec!["any inconvenience".to_string(), "brief".to_string()];
        assert_eq!(
            split_flagged("Sorry for Any Inconvenience and a brief outage.", &flagged),
            vec![
                ("Sorry for ".to_string(), false),
                ("Any Inconvenience".to_string(), true),
                (" and a ".to_string(), false),
                ("brief".to_string(), true),
                (" outage.".to_string(), false),
            ]
        );
        assert_eq!(
            split_flagged("Nothing here.", &flagged),
            vec![("Nothing here.".to_string(), false)]
        );
        assert_eq!(split_flagged("", &flagged), vec![(String::new(), false)]);
    }

    #[test]
    fn flagged_phrases_match_accented_capitals_and_keep_offsets() {
        let flagged = vec!["élan".to_string(), "brief".to_string()];
        assert_eq!(
            split_flagged("ÉLAN, İstanbul: BRIEF", &flagged),
            vec![
                ("ÉLAN".to_string(), true),
                (", İstanbul: ".to_string(), false),
                ("BRIEF".to_string(), true),
            ]
        );
    }

    #[test]
    fn control_characters_are_dropped_not_shown() {
        assert_eq!(
            opening(&draft_saying("mail\u{0}was\u{7} lost")).plain(),
            "Mailwas lost."
        );
    }

    #[test]
    fn very_long_answers_are_kept_whole() {
        let long = "word ".repeat(5_000);
        let sentence = opening(&draft_saying(&long)).plain();
        assert_eq!(sentence.len(), "word ".len() * 5_000);
        assert!(sentence.starts_with("Word word"));
        assert!(sentence.ends_with("word."));
    }
}
