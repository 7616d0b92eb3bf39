//! The candor check: reads a draft and the notice Candor writes from it,
//! and says plainly what a reader will miss or distrust, and how to fix it.
//!
//! It checks every form the app offers: the e-mail (its Markdown and HTML
//! forms are the same notice in markup), and the short post and the
//! follow-up report, each on its own, since readers meet them apart.
//!
//! Two groups of findings:
//!
//! - **Missing facts**, from the draft's answers: no start, no end (and not
//!   marked ongoing), no next update while ongoing, who is affected, data
//!   loss, what readers must do, the cause, prevention, the apology, contact.
//! - **Words that hedge or hide**, in the author's text and in the composed
//!   notice: non-apologies, minimising, hidden actors, blame moved to a
//!   supplier, vague times, vague promises, commercialese, internal jargon,
//!   long sentences, and the reading grade of the whole notice.
//!
//! Every word, message, suggestion and source lives in `candor/rules.txt`,
//! read once at start-up (the app's copy less its comments and sources, see
//! build.rs); this module only applies them.
//!
//! Ranges are **byte** ranges into the text named by [`Location::field`]
//! (see [`Field`]); [`utf16_range`] converts one for a browser text control.

mod pattern;
mod readability;
mod rules;
mod text;
mod timeline;
mod times;

use std::ops::Range;

use crate::case::lower_str;
use crate::model::{CauseState, DataLoss, Draft, EndState, ReaderActions, Recovery, WhenProblem};
use crate::notice::{self, Block, Notice, Span};
use crate::time::ZoneRules;

pub use readability::{reading_grade, syllables};
#[cfg(target_arch = "wasm32")]
pub use rules::install as install_rules;
pub use rules::{RulesError, Unavailable};
pub use timeline::timeline_findings;

use pattern::Lists;
use rules::{Rule, RuleSet};
use text::Sentence;

/// What kind of problem a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// A fact the reader needs is not in the draft.
    MissingFact,
    /// "We apologise for any inconvenience", "sorry if", "we regret".
    NonApology,
    /// "Some users may", "a small number of", "brief", "intermittent".
    Minimising,
    /// "Mistakes were made", "e-mail was lost" with nobody owning it.
    HiddenActor,
    /// "Our provider had an outage" with no sentence owning the failure.
    SupplierBlame,
    /// "Earlier today", "for a short time", a time without its date or offset.
    VagueTime,
    /// "Working to ensure", "committed to", with no concrete change named.
    VaguePromise,
    /// "Please be advised", "we take ... very seriously", "at this time".
    Commercialese,
    /// Host names, ticket ids, error codes, engineers' words.
    Jargon,
    /// Long sentences; the grade of the whole notice.
    Readability,
}

/// Every family, in the order the check reports them.
pub const FAMILIES: [Family; 10] = [
    Family::MissingFact,
    Family::NonApology,
    Family::Minimising,
    Family::HiddenActor,
    Family::SupplierBlame,
    Family::VagueTime,
    Family::VaguePromise,
    Family::Commercialese,
    Family::Jargon,
    Family::Readability,
];

/// The two groups the issue names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Group {
    MissingFacts,
    WordsThatHedgeOrHide,
}

impl Family {
    /// The family's name in `rules.txt` and in the corpus.
    pub fn name(self) -> &'static str {
        match self {
            Family::MissingFact => "missing",
            Family::NonApology => "non-apology",
            Family::Minimising => "minimising",
            Family::HiddenActor => "hidden-actor",
            Family::SupplierBlame => "supplier-blame",
            Family::VagueTime => "vague-time",
            Family::VaguePromise => "vague-promise",
            Family::Commercialese => "commercialese",
            Family::Jargon => "jargon",
            Family::Readability => "readability",
        }
    }

    pub fn from_name(name: &str) -> Option<Family> {
        FAMILIES.into_iter().find(|f| f.name() == name)
    }

    /// A heading for the UI.
    pub fn title(self) -> &'static str {
        match self {
            Family::MissingFact => "Missing facts",
            Family::NonApology => "Apologies that do not apologise",
            Family::Minimising => "Words that make it sound smaller",
            Family::HiddenActor => "Who did it?",
            Family::SupplierBlame => "Blame moved to someone else",
            Family::VagueTime => "Times readers cannot place",
            Family::VaguePromise => "Promises with nothing in them",
            Family::Commercialese => "Stock phrases",
            Family::Jargon => "Words only your engineers know",
            Family::Readability => "Hard to read",
        }
    }

    pub fn group(self) -> Group {
        match self {
            Family::MissingFact => Group::MissingFacts,
            _ => Group::WordsThatHedgeOrHide,
        }
    }
}

/// How much a finding matters to a reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The reader will miss a fact or distrust the notice.
    Serious,
    /// The reader will be left unsure.
    Warning,
    /// Plainer words would read better.
    Advice,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Serious => "serious",
            Severity::Warning => "warning",
            Severity::Advice => "advice",
        }
    }

    pub fn from_name(name: &str) -> Option<Severity> {
        [Severity::Serious, Severity::Warning, Severity::Advice]
            .into_iter()
            .find(|s| s.name() == name)
    }
}

/// Where a finding is. The text each field's range points into:
///
/// | field | text |
/// |---|---|
/// | `WhatHappened` … `Apology`, `Contact` | that answer of the draft, as typed |
/// | `Action(i)` | `draft.action_list[i].text` |
/// | `UpdateChanges` | `draft.update.changes` |
/// | `Start`, `End`, `NextUpdate`, `DataLoss`, `Recovery`, `Actions` | none: a choice, not text; the range is `0..0` |
/// | `Notice` | the plain-text e-mail body, `notice::forms(draft, rules).email.body` |
/// | `Subject` | that e-mail's subject line |
/// | `ShortPost` | the short post, `notice::forms(draft, rules).short_post` |
/// | `FollowUp` | the follow-up report's body, `notice::forms(draft, rules).follow_up.body` |
///
/// The Markdown and HTML forms are the e-mail body's notice in markup, so
/// `Notice` covers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    WhatHappened,
    AffectedServices,
    WhoAffected,
    Start,
    End,
    NextUpdate,
    Impact,
    DataLoss,
    Recovery,
    Actions,
    Action(usize),
    Cause,
    Fix,
    Prevention,
    Detection,
    Apology,
    Contact,
    /// `draft.update.changes`: what is new in the update being written.
    UpdateChanges,
    Subject,
    Notice,
    ShortPost,
    FollowUp,
}

impl Field {
    /// A stable name, used in dismissal keys: "what-happened", "action-2".
    pub fn slug(self) -> String {
        match self {
            Field::WhatHappened => "what-happened".into(),
            Field::AffectedServices => "affected-services".into(),
            Field::WhoAffected => "who-affected".into(),
            Field::Start => "start".into(),
            Field::End => "end".into(),
            Field::NextUpdate => "next-update".into(),
            Field::Impact => "impact".into(),
            Field::DataLoss => "data-loss".into(),
            Field::Recovery => "recovery".into(),
            Field::Actions => "actions".into(),
            Field::Action(i) => format!("action-{i}"),
            Field::Cause => "cause".into(),
            Field::Fix => "fix".into(),
            Field::Prevention => "prevention".into(),
            Field::Detection => "detection".into(),
            Field::Apology => "apology".into(),
            Field::Contact => "contact".into(),
            Field::UpdateChanges => "update-changes".into(),
            Field::Subject => "subject".into(),
            Field::Notice => "notice".into(),
            Field::ShortPost => "short-post".into(),
            Field::FollowUp => "follow-up".into(),
        }
    }
}

/// Which text, and which bytes of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub field: Field,
    /// A byte range into the field's text (see [`Field`]); `0..0` when the
    /// finding is about an answer that is missing.
    pub range: Range<usize>,
}

/// One thing a reader will miss or distrust, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Stable across versions: "missing.start", "non-apology.inconvenience".
    pub id: &'static str,
    pub family: Family,
    pub severity: Severity,
    /// One line: what is wrong, quoting the words when there are any.
    pub message: String,
    /// Why it matters to the reader.
    pub why: String,
    pub location: Location,
    /// A concrete fix.
    pub suggestion: String,
    /// The words the range covers, as written ("" for a missing answer).
    pub excerpt: String,
}

impl Finding {
    /// What the draft remembers when the author dismisses this finding:
    /// the rule, the field, and the words (not their position, which moves
    /// as the author types), e.g. `minimising.brief@impact:brief`.
    /// Whether the finding is about the draft, so that going to an answer or
    /// dismissing it means something; not when the check itself could not
    /// run (its rules did not load).
    pub fn is_about_the_draft(&self) -> bool {
        self.id != UNAVAILABLE_ID
    }

    pub fn dismissal_key(&self) -> String {
        let words = normalised(&self.excerpt);
        if words.is_empty() {
            format!("{}@{}", self.id, self.location.field.slug())
        } else {
            format!("{}@{}:{}", self.id, self.location.field.slug(), words)
        }
    }
}

/// A rule's hit before it becomes a finding: the rule, the bytes, and the
/// values its message needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub id: &'static str,
    pub start: usize,
    pub end: usize,
    pub vars: Vec<(&'static str, String)>,
}

impl Hit {
    pub fn new(id: &'static str, start: usize, end: usize) -> Hit {
        Hit {
            id,
            start,
            end,
            vars: Vec::new(),
        }
    }

    pub fn with(mut self, key: &'static str, value: &str) -> Hit {
        self.vars.push((key, value.to_string()));
        self
    }
}

/// Checks a draft and the notice Candor writes from it. Findings come in
/// reading order: missing facts first, then the author's answers field by
/// field, then what only the composed notice shows (Candor's own sentences,
/// sentences made of several answers, the reading grade). A finding the
/// author's text already has is not repeated for the notice.
pub fn check(draft: &Draft, rules: &dyn ZoneRules) -> Vec<Finding> {
    let set = match rules::shipped() {
        Ok(set) => set,
        Err(why) => return vec![unavailable(why)],
    };
    let notice = notice::compose(draft, rules);
    let (body, gaps) = body_and_gaps(&notice);
    let subject = notice.subject.plain();
    let fields = author_fields(draft);

    let zones = draft_zones(draft);
    let own = own_names(draft, &zones);
    let draft_ctx = draft_context(set, draft, &body, &zones, &own);
    let mut out = missing_facts(draft, rules, set);
    let mut from_fields = Vec::new();
    for (field, text) in &fields {
        from_fields.extend(passage(set, text, *field, rules, &draft_ctx, &[]));
    }
    let mut from_notice = passage(set, &body, Field::Notice, rules, &draft_ctx, &gaps);
    from_notice.extend(passage(
        set,
        &subject,
        Field::Subject,
        rules,
        &draft_ctx,
        &[],
    ));
    from_notice.retain(|n| !from_fields.iter().any(|f| same_words(f, n)));
    out.extend(from_fields);
    out.extend(from_notice);
    // The short post and the follow-up are read apart from the e-mail, so
    // each is checked on its own, as its own context: a passive the e-mail
    // owns elsewhere is unowned in a post of 280 characters. What the
    // e-mail's check already says is not said again.
    // The message says which form: the words may read well in the e-mail.
    for (field, form, text, gaps) in separate_forms(draft, rules) {
        let ctx = form_context(set, &text, &zones, &own);
        let mut found = passage(set, &text, field, rules, &ctx, &gaps);
        found.retain(|n| !out.iter().any(|f| same_words(f, n)));
        for f in &mut found {
            f.message = format!("In the {form}: {}", f.message);
        }
        out.extend(found);
    }
    if let Some(grade) = grade_finding(set, &body, &gaps) {
        out.push(grade);
    }
    out
}

/// Checks one form Candor writes from the draft (the short post, the
/// follow-up) with the word rules, as a reader meets it: on its own, so the
/// failure is owned only when the form itself owns it (a post of 280
/// characters is read without the e-mail), while the sender's own names and
/// zones from the draft are not jargon. Ranges are into `text`.
pub fn check_form(draft: &Draft, text: &str, rules: &dyn ZoneRules) -> Vec<Finding> {
    let set = match rules::shipped() {
        Ok(set) => set,
        Err(why) => return vec![unavailable(why)],
    };
    let zones = draft_zones(draft);
    let own = own_names(draft, &zones);
    let ctx = form_context(set, text, &zones, &own);
    passage(set, text, Field::Notice, rules, &ctx, &[])
}

/// The context of a form read on its own: it owns the failure or names a
/// change only in its own words.
fn form_context<'a>(
    set: &RuleSet,
    text: &str,
    zones: &'a [&'a str],
    own: &'a [&'a str],
) -> Context<'a> {
    Context {
        zones,
        owned: in_context(set, "accountable", &[text]),
        changed: in_context(set, "change", &[text]),
        own,
    }
}

/// The zones the draft writes its times in.
fn draft_zones(draft: &Draft) -> Vec<&str> {
    let w = &draft.window;
    draft
        .audience_zones
        .iter()
        .map(String::as_str)
        .chain([
            w.start.zone.as_str(),
            w.end.zone.as_str(),
            w.next_update.zone.as_str(),
        ])
        .filter(|z| !z.is_empty())
        .collect()
}

/// The sender's own names, and the places of the zones it writes times in
/// ("NSW" of Australia/NSW): not jargon to its readers.
fn own_names<'a>(draft: &'a Draft, zones: &[&'a str]) -> Vec<&'a str> {
    let mut own = vec![
        draft.sender.organisation.as_str(),
        draft.affected_services.as_str(),
    ];
    own.extend(zones);
    own
}

/// The context of a draft's texts: whether its answers or `written` (what
/// Candor wrote from them) own the failure or name a change.
fn draft_context<'a>(
    set: &RuleSet,
    draft: &Draft,
    written: &str,
    zones: &'a [&'a str],
    own: &'a [&'a str],
) -> Context<'a> {
    let mut context: Vec<&str> = author_fields(draft).iter().map(|(_, t)| *t).collect();
    context.push(written);
    Context {
        zones,
        owned: in_context(set, "accountable", &context),
        changed: in_context(set, "change", &context),
        own,
    }
}

/// What the check step shows: [`check`] and the findings about the
/// draft's updates ([`timeline_findings`], `now` in Unix seconds), less the
/// ones the author dismissed, most serious first (in reading order within
/// a severity).
pub fn review(draft: &Draft, rules: &dyn ZoneRules, now: i64) -> Vec<Finding> {
    let mut all = check(draft, rules);
    all.extend(timeline_findings(draft, rules, now));
    all.retain(|f| !draft.dismissed_findings.contains(&f.dismissal_key()));
    crate::order::sort_by(&mut all, |a, b| a.severity.cmp(&b.severity));
    all
}

/// Checks one passage on its own with the word rules (everything but missing
/// facts and the reading grade), as if it were the notice: the passage is
/// its own context for whether the failure is owned. Ranges are into `text`.
pub fn check_text(text: &str, rules: &dyn ZoneRules) -> Vec<Finding> {
    let set = match rules::shipped() {
        Ok(set) => set,
        Err(why) => return vec![unavailable(why)],
    };
    passage(
        set,
        text,
        Field::Notice,
        rules,
        &form_context(set, text, &[], &[]),
        &[],
    )
}

/// Converts a byte range of `text` to UTF-16 code units, which is what a
/// browser's `setSelectionRange` takes.
pub fn utf16_range(text: &str, range: Range<usize>) -> Range<usize> {
    let units = |end: usize| -> usize {
        let end = end.min(text.len());
        text.char_indices()
            .take_while(|(i, _)| *i < end)
            .map(|(_, c)| c.len_utf16())
            .sum()
    };
    units(range.start)..units(range.end)
}

/// One entry of the rule catalogue, for documentation and the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    pub id: &'static str,
    pub family: Family,
    pub severity: Severity,
    /// The phrases that trigger it, each with its source (empty for rules
    /// applied by code, whose reason is `source`).
    pub phrases: Vec<(&'static str, &'static str)>,
    pub source: &'static str,
}

/// Every rule Candor applies, with its sources (read from the full
/// `rules.txt`: the app's own copy has none).
pub fn catalogue() -> Result<Vec<RuleInfo>, RulesError> {
    let set = rules::with_sources()?;
    Ok(set
        .rules
        .into_iter()
        .map(|r| RuleInfo {
            id: r.id,
            family: r.family,
            severity: r.severity,
            phrases: r.phrases.iter().map(|e| (e.text, e.source)).collect(),
            source: r.source,
        })
        .collect())
}

// ---------------------------------------------------------------------------

const UNAVAILABLE_ID: &str = "candor.rules-unavailable";

/// The one finding when the check has no rules to apply: it says so, and
/// that the draft is safe, rather than passing a notice it never read.
fn unavailable(why: Unavailable) -> Finding {
    let (message, why, suggestion) = match why {
        Unavailable::Loading => (
            "The candor check is still loading, so it has not read your notice yet.".to_string(),
            "Candor fetches the check's rules once it has started, so that it starts sooner."
                .to_string(),
            "Wait a moment: the findings appear here by themselves.".to_string(),
        ),
        Unavailable::NotFetched(reason) => (
            "The candor check could not load, so it has not read your notice.".to_string(),
            format!(
                "Candor fetches the check's rules once it has started, and that failed: {reason}"
            ),
            "Your draft is safe. Reload Candor while you are online to check your notice."
                .to_string(),
        ),
        Unavailable::Broken(error) => (
            "Candor could not read its own rules, so it checked nothing.".to_string(),
            format!("Its rules file has a mistake ({error})."),
            "Report this to whoever runs Candor.".to_string(),
        ),
    };
    Finding {
        id: UNAVAILABLE_ID,
        family: Family::Readability,
        severity: Severity::Advice,
        message,
        why,
        location: Location {
            field: Field::Notice,
            range: 0..0,
        },
        suggestion,
        excerpt: String::new(),
    }
}

/// The author's own text, field by field, in the notice's order.
fn author_fields(draft: &Draft) -> Vec<(Field, &str)> {
    let mut fields = vec![
        (Field::UpdateChanges, draft.update.changes.as_str()),
        (Field::WhatHappened, draft.what_happened.as_str()),
        (Field::AffectedServices, draft.affected_services.as_str()),
        (Field::WhoAffected, draft.who_affected.as_str()),
        (Field::Impact, draft.impact.as_str()),
    ];
    if draft.actions == ReaderActions::Steps {
        for (i, action) in draft.action_list.iter().enumerate() {
            fields.push((Field::Action(i), action.text.as_str()));
        }
    }
    if draft.cause_state == CauseState::Known {
        fields.push((Field::Cause, draft.cause.as_str()));
    }
    fields.extend([
        (Field::Fix, draft.fix.as_str()),
        (Field::Prevention, draft.prevention.as_str()),
        (Field::Detection, draft.detection.as_str()),
        (Field::Apology, draft.apology.as_str()),
    ]);
    fields
}

/// The forms a reader meets apart from the e-mail: the short post and the
/// follow-up's body, each with its name in a message and the byte ranges of
/// its gaps.
type SeparateForm = (Field, &'static str, String, Vec<Range<usize>>);

fn separate_forms(draft: &Draft, rules: &dyn ZoneRules) -> [SeparateForm; 2] {
    let short = notice::short_post(draft, rules);
    let gaps = bracketed(&short);
    let (follow_up, follow_up_gaps) = body_and_gaps(&notice::follow_up(draft, rules));
    [
        (Field::ShortPost, "short post", short, gaps),
        (
            Field::FollowUp,
            "follow-up report",
            follow_up,
            follow_up_gaps,
        ),
    ]
}

/// The short post's gaps: it is written as text, so a gap is any "[…]" in
/// it (author text in brackets is still checked, in its own field).
fn bracketed(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(open) = text[at..].find('[').map(|i| at + i) {
        let Some(close) = text[open..].find(']').map(|i| open + i + 1) else {
            break;
        };
        out.push(open..close);
        at = close;
    }
    out
}

/// Whether a phrase of the list `name` is anywhere in the context: of
/// `accountable`, a sentence that owns the failure ("we made a
/// configuration error") or says plainly that the cause is not known yet;
/// of `change`, one that names a change the sender makes ("we are adding a
/// second provider").
fn in_context(set: &RuleSet, name: &str, context: &[&str]) -> bool {
    let Some(phrases) = set.list(name) else {
        return false;
    };
    context.iter().any(|text| {
        text::sentences(text)
            .iter()
            .any(|s| phrases.iter().any(|p| p.is_in(&s.tokens, set)))
    })
}

/// What the word rules need to know beyond the text itself.
struct Context<'a> {
    /// The zones the draft writes its times in.
    zones: &'a [&'a str],
    /// Whether anything in the draft owns the failure.
    owned: bool,
    /// Whether anything in the draft names a change the sender makes.
    changed: bool,
    /// The sender's own names, which are not jargon to its readers.
    own: &'a [&'a str],
}

/// Runs every word rule over one text.
fn passage(
    set: &RuleSet,
    text: &str,
    field: Field,
    rules: &dyn ZoneRules,
    ctx: &Context,
    skip: &[Range<usize>],
) -> Vec<Finding> {
    let long_limit = set
        .rule("reading.long-sentence")
        .and_then(|r| r.limit)
        .map_or(25, |l| l as usize);
    let mut hits: Vec<Hit> = Vec::new();
    let all = text::sentences(text);
    for (i, sentence) in all.iter().enumerate() {
        let mut found = phrase_hits(set, text, sentence, ctx);
        found.extend(times::check(sentence, set, rules, ctx.zones));
        found.extend(readability::internal_names(sentence));
        // A word a jargon phrase already names gets no second finding.
        let named = |h: &Hit| {
            found.iter().any(|f| {
                f.start < h.end
                    && h.start < f.end
                    && set.rule(f.id).is_some_and(|r| r.family == Family::Jargon)
            })
        };
        let shaped: Vec<Hit> = readability::shaped_jargon(sentence, text, set, ctx.own)
            .into_iter()
            .filter(|h| !named(h))
            .collect();
        found.extend(shaped);
        // A term explained beside it is not jargon ("our load balancer, the
        // machine that shares visitors out"): the same test the shapes use.
        found.retain(|h| {
            set.rule(h.id).is_none_or(|r| r.family != Family::Jargon)
                || !readability::explained_at(text.as_bytes(), h.start, h.end)
        });
        found.extend(readability::long_sentence(sentence, long_limit));
        found.retain(|hit| !excused(set, hit, sentence, &all[..i]));
        for hit in found {
            if !hits
                .iter()
                .any(|h| h.id == hit.id && h.start == hit.start && h.end == hit.end)
            {
                hits.push(hit);
            }
        }
    }
    hits.retain(|h| !skip.iter().any(|g| h.start < g.end && g.start < h.end));
    hits.iter()
        .filter_map(|hit| finding(set, hit, field, text))
        .collect()
}

/// Whether the rule's `unless-sentence` matches in the hit's sentence or
/// its `unless-earlier` in an earlier one: for the hits code finds, which
/// [`phrase_hits`] has not already weighed.
fn excused(set: &RuleSet, hit: &Hit, sentence: &Sentence, earlier: &[Sentence]) -> bool {
    let Some(rule) = set.rule(hit.id) else {
        return false;
    };
    let matches = |entries: &[rules::Entry], tokens: &[text::Token]| {
        entries.iter().any(|e| e.pattern.is_in(tokens, set))
    };
    matches(&rule.unless_sentence, &sentence.tokens)
        || earlier
            .iter()
            .any(|s| matches(&rule.unless_earlier, &s.tokens))
}

/// Whether byte `at` of `text` is inside a quotation that opens after
/// `from`: "…", “…”, ‘…’ or '…' (an apostrophe inside a word, as in
/// "don't", neither opens nor closes one), and the quotation is a mention:
/// a few words quoted to talk about them ("we said 'a brief delay'"). A
/// quotation of more than `MENTION_WORDS` words is speech the notice
/// reports ("“We take your security seriously,” said our chief executive"):
/// its words are the sender's own and are checked.
fn quoted(text: &str, from: usize, at: usize) -> bool {
    let Some(rest) = text.get(from..) else {
        return false;
    };
    quotations(rest).into_iter().any(|(start, end)| {
        let (start, end) = (from + start, from + end);
        start <= at && at < end && text[start..end].split_whitespace().count() <= MENTION_WORDS
    })
}

/// The most words a quotation holds and still be a mention.
const MENTION_WORDS: usize = 5;

/// The byte ranges inside the quotation marks of `text` (an unclosed
/// quotation runs to the end).
fn quotations(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut double, mut single): (Option<usize>, Option<usize>) = (None, None);
    let mut prev = ' ';
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |(_, c)| *c);
        let after = i + c.len_utf8();
        match c {
            '"' => match double.take() {
                Some(start) => out.push((start, i)),
                None => double = Some(after),
            },
            '“' => double = Some(after),
            '”' => {
                if let Some(start) = double.take() {
                    out.push((start, i));
                }
            }
            '\'' | '‘' | '’' => {
                if single.is_none() && !prev.is_alphanumeric() && next.is_alphanumeric() && c != '’'
                {
                    single = Some(after);
                } else if single.is_some() && !next.is_alphanumeric() && c != '‘' {
                    if let Some(start) = single.take() {
                        out.push((start, i));
                    }
                }
            }
            _ => {}
        }
        prev = c;
    }
    out.extend(
        double
            .into_iter()
            .chain(single)
            .map(|start| (start, text.len())),
    );
    out
}

fn phrase_hits(set: &RuleSet, text: &str, sentence: &Sentence, ctx: &Context) -> Vec<Hit> {
    let tokens = &sentence.tokens;
    let mut hits: Vec<(Hit, &Rule)> = Vec::new();
    for rule in set.rules.iter().filter(|r| !r.phrases.is_empty()) {
        if (rule.unowned_only && ctx.owned) || (rule.unchanged_only && ctx.changed) {
            continue;
        }
        if rule
            .unless_sentence
            .iter()
            .any(|e| e.pattern.is_in(tokens, set))
        {
            continue;
        }
        if !rule.needs_sentence.is_empty()
            && !rule
                .needs_sentence
                .iter()
                .any(|e| e.pattern.is_in(tokens, set))
        {
            continue;
        }
        for phrase in &rule.phrases {
            for (s, e) in phrase.pattern.find_all(tokens, set) {
                let window = s.saturating_sub(4)..(e + 4).min(tokens.len());
                let excused = rule.unless.iter().any(|u| {
                    window
                        .clone()
                        .any(|p| u.pattern.match_at(tokens, p, set).is_some())
                });
                let negated = rule.unless_before.iter().any(|u| {
                    (s.saturating_sub(4)..s).any(|p| {
                        u.pattern
                            .match_at(tokens, p, set)
                            .is_some_and(|end| end <= s)
                    })
                });
                let (start, end) = (tokens[s].start, tokens[e - 1].end);
                // Words quoted are mentioned, not used ("we said 'a brief delay'").
                let from = text[..sentence.start]
                    .trim_end_matches(['"', '\'', '“', '‘'])
                    .len();
                if excused || negated || quoted(text, from, start) {
                    continue;
                }
                // One finding per family for the same words: the first rule wins.
                let overlaps = hits
                    .iter()
                    .any(|(h, r)| r.family == rule.family && h.start < end && start < h.end);
                if !overlaps {
                    hits.push((Hit::new(rule.id, start, end), rule));
                }
            }
        }
    }
    hits.into_iter().map(|(h, _)| h).collect()
}

fn finding(set: &RuleSet, hit: &Hit, field: Field, text: &str) -> Option<Finding> {
    let rule = set.rule(hit.id)?;
    let excerpt = text.get(hit.start..hit.end).unwrap_or_default().to_string();
    Some(Finding {
        id: rule.id,
        family: rule.family,
        severity: rule.severity,
        message: fill(rule.message, &excerpt, &hit.vars),
        why: fill(rule.why, &excerpt, &hit.vars),
        location: Location {
            field,
            range: hit.start..hit.end,
        },
        suggestion: fill(rule.suggestion, &excerpt, &hit.vars),
        excerpt,
    })
}

/// Puts the quoted words and the rule's values into a message.
fn fill(template: &str, excerpt: &str, vars: &[(&'static str, String)]) -> String {
    let mut out = template.replace("{text}", &shortened(excerpt));
    for (key, value) in vars {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
}

fn shortened(text: &str) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.chars().count() <= 60 {
        words
    } else {
        let cut: String = words.chars().take(57).collect();
        format!("{}…", cut.trim_end())
    }
}

fn normalised(text: &str) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    lower_str(words.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// Whether a notice finding is one the author's text already has.
fn same_words(from_field: &Finding, from_notice: &Finding) -> bool {
    if from_field.id != from_notice.id {
        return false;
    }
    let (a, b) = (
        normalised(&from_field.excerpt),
        normalised(&from_notice.excerpt),
    );
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

/// The e-mail body exactly as `notice::plain::email` writes it, with the byte
/// ranges of its gaps ("[who is affected?]"), which the check skips.
fn body_and_gaps(notice: &Notice) -> (String, Vec<Range<usize>>) {
    let mut body = String::new();
    let mut gaps = Vec::new();
    let mut push = |body: &mut String, spans: &[Span]| {
        for span in spans {
            match span {
                Span::Text(text) => body.push_str(text),
                Span::Gap(question) => {
                    let start = body.len();
                    body.push('[');
                    body.push_str(question);
                    body.push(']');
                    gaps.push(start..body.len());
                }
            }
        }
    };
    for block in &notice.blocks {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        match block {
            Block::Paragraph(p) => push(&mut body, &p.0),
            Block::List { lead, items } => {
                push(&mut body, &lead.0);
                for item in items {
                    body.push_str("\n- ");
                    push(&mut body, &item.0);
                }
            }
        }
    }
    body.push('\n');
    (body, gaps)
}

/// "9.3": one decimal place, by integer arithmetic (float formatting costs
/// about 10 KB of wasm for this one number).
fn one_decimal(x: f32) -> String {
    let tenths = (f64::from(x) * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    format!("{sign}{}.{}", (tenths / 10).abs(), (tenths % 10).abs())
}

fn grade_finding(set: &RuleSet, body: &str, gaps: &[Range<usize>]) -> Option<Finding> {
    let rule = set.rule("reading.grade")?;
    let aim = rule.limit?;
    let mut readable = body.to_string();
    for gap in gaps.iter().rev() {
        readable.replace_range(gap.clone(), "");
    }
    let grade = reading_grade(&readable);
    if grade <= aim {
        return None;
    }
    let hit = Hit::new(rule.id, 0, body.len().saturating_sub(1))
        .with("grade", &one_decimal(grade))
        .with("aim", &format!("{}", aim.round() as i64));
    let mut f = finding(set, &hit, Field::Notice, body)?;
    f.excerpt = String::new();
    Some(f)
}

/// Missing facts, in the order the notice needs them.
fn missing_facts(draft: &Draft, rules: &dyn ZoneRules, set: &RuleSet) -> Vec<Finding> {
    let mut hits: Vec<(Field, Hit)> = Vec::new();
    let empty = |text: &str| notice::as_clause(text).is_none();
    let whole = |field: Field, id: &'static str, text: &str| (field, Hit::new(id, 0, text.len()));
    let when = |problem: WhenProblem| match problem {
        WhenProblem::Empty => String::new(),
        other => format!(" Now: {other}"),
    };

    if empty(&draft.what_happened) {
        hits.push(whole(Field::WhatHappened, "missing.what-happened", ""));
    }
    if empty(&draft.who_affected) {
        hits.push(whole(Field::WhoAffected, "missing.who", ""));
    }
    if let Err(problem) = draft.window.start.instant(rules) {
        hits.push((
            Field::Start,
            Hit::new("missing.start", 0, 0).with("problem", &when(problem)),
        ));
    }
    match draft.window.end_state {
        EndState::NotSaid => hits.push((
            Field::End,
            Hit::new("missing.end", 0, 0).with("problem", ""),
        )),
        EndState::Ended => {
            if let Err(problem) = draft.window.end.instant(rules) {
                hits.push((
                    Field::End,
                    Hit::new("missing.end", 0, 0).with("problem", &when(problem)),
                ));
            }
        }
        EndState::Ongoing => {
            if let Err(problem) = draft.window.next_update.instant(rules) {
                hits.push((
                    Field::NextUpdate,
                    Hit::new("missing.next-update", 0, 0).with("problem", &when(problem)),
                ));
            }
        }
    }
    match draft.data_loss {
        DataLoss::NotSaid => hits.push((Field::DataLoss, Hit::new("missing.data-loss", 0, 0))),
        DataLoss::Some | DataLoss::All if draft.recovery == Recovery::NotSaid => {
            hits.push((Field::Recovery, Hit::new("missing.recovery", 0, 0)))
        }
        _ => {}
    }
    let has_step = draft.action_list.iter().any(|a| !empty(&a.text));
    match draft.actions {
        ReaderActions::NotSaid => hits.push((Field::Actions, Hit::new("missing.action", 0, 0))),
        ReaderActions::Steps if !has_step => {
            hits.push((Field::Actions, Hit::new("missing.action", 0, 0)))
        }
        _ => {}
    }
    match draft.cause_state {
        CauseState::NotSaid => hits.push((Field::Cause, Hit::new("missing.cause", 0, 0))),
        CauseState::Known if empty(&draft.cause) => {
            hits.push(whole(Field::Cause, "missing.cause", &draft.cause))
        }
        _ => {}
    }
    if empty(&draft.prevention) && empty(&draft.detection) {
        hits.push(whole(
            Field::Prevention,
            "missing.prevention",
            &draft.prevention,
        ));
    }
    if empty(&draft.apology) {
        hits.push(whole(Field::Apology, "missing.apology", &draft.apology));
    } else if !says_sorry(&draft.apology) {
        hits.push(whole(Field::Apology, "missing.sorry", &draft.apology));
    }
    if empty(&draft.sender.contact) {
        hits.push(whole(Field::Contact, "missing.contact", ""));
    }

    hits.into_iter()
        .filter_map(|(field, hit)| {
            let mut f = finding(set, &hit, field, "")?;
            // The answer is missing or wrong as a whole: nothing to quote.
            f.excerpt = String::new();
            Some(f)
        })
        .collect()
}

/// Whether the apology says sorry or apologises, in any form.
fn says_sorry(apology: &str) -> bool {
    text::words(apology)
        .iter()
        .any(|t| t.norm.starts_with("sorry") || t.norm.starts_with("apolog"))
}

#[cfg(test)]
mod decimal_tests {
    use super::one_decimal;

    #[test]
    fn one_decimal_matches_rusts_own_formatting_away_from_ties() {
        for x in [0.0f32, 0.04, 9.24, 9.36, 12.0, 7.999, -1.26, 123.456] {
            assert_eq!(one_decimal(x), format!("{x:.1}"), "{x}");
        }
        // Ties round away from zero (Rust's formatter rounds them to even).
        assert_eq!(one_decimal(9.25), "9.3");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// When the check could not run, it says so in sentences that tell the
    /// author their draft is safe, and offers nothing to go to or dismiss.
    #[test]
    fn a_check_without_rules_says_why_and_is_not_about_the_draft() {
        let error = RulesError {
            line: 3,
            message: "no family".into(),
        };
        for why in [
            Unavailable::Loading,
            Unavailable::NotFetched(
                "Candor could not reach the server; you may be offline.".into(),
            ),
            Unavailable::Broken(error),
        ] {
            let f = unavailable(why.clone());
            assert!(!f.is_about_the_draft(), "{why:?}");
            for text in [&f.message, &f.why, &f.suggestion] {
                assert!(text.ends_with('.') && !text.is_empty(), "{why:?}: {text:?}");
            }
        }
        let real = check_text("We apologise for any inconvenience.", &AllUtc);
        assert!(!real.is_empty() && real.iter().all(Finding::is_about_the_draft));
    }

    #[test]
    fn the_shipped_rules_parse() {
        let set = rules::shipped().expect("rules.txt parses");
        assert!(set.rules.len() > 40);
    }

    /// Every zone is UTC: enough to compose a notice without a tzdb.
    struct AllUtc;
    impl ZoneRules for AllUtc {
        fn offset_at(&self, _zone: &str, _instant: i64) -> Result<i32, crate::time::TimeError> {
            Ok(0)
        }
        fn short_name(&self, _zone: &str, _instant: i64) -> Option<String> {
            Some("UTC".into())
        }
    }

    #[test]
    fn the_checked_body_is_the_e_mail_body() {
        let mut draft = Draft::new("d", "UTC");
        for _ in 0..2 {
            let notice = notice::compose(&draft, &AllUtc);
            let (body, gaps) = body_and_gaps(&notice);
            assert_eq!(body, notice::plain::email(&notice).body);
            for gap in gaps {
                assert!(body[gap].starts_with('['));
            }
            draft.what_happened = "mail was lost".into();
            draft.actions = ReaderActions::Steps;
            draft.action_list = vec![crate::model::Action {
                text: "re-send it".into(),
                during_window: true,
            }];
        }
    }

    #[test]
    fn quotation_marks_and_apostrophes() {
        let inside = |text: &str, word: &str| quoted(text, 0, text.find(word).unwrap_or(0));
        assert!(inside("we said 'a brief delay'", "brief"));
        assert!(inside("we said “a brief delay”", "brief"));
        assert!(inside("\"a brief delay\" we said", "brief"));
        assert!(!inside("we don't say 'late', it was brief", "brief"));
        assert!(!inside("customers' mail was brief", "brief"));
        assert!(!inside("we said “late” and it was brief", "brief"));
        // Speech the notice reports is the sender's own words, checked.
        assert!(!inside(
            "“We take the security of your data very seriously,” said our chief executive.",
            "seriously"
        ));
        assert!(inside("our post said “a brief delay for some”", "brief"));
    }

    #[test]
    fn utf16_ranges_count_code_units() {
        let text = "😀 café lost";
        let start = text.find("lost").unwrap_or_default();
        assert_eq!(utf16_range(text, start..start + 4), 8..12);
    }
}
