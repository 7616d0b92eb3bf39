#![cfg(not(target_arch = "wasm32"))]
//! The candor check: each rule on a sentence that should trip it and on a
//! near miss that should not, the labelled corpus with its thresholds, and
//! Candor's own notices, which must come out clean.

mod common;

use candor::candor::{
    catalogue, check, check_form, check_text, reading_grade, review, Family, Field, Finding,
    FAMILIES,
};
use candor::model::{Action, CauseState, DataLoss, Draft, EndState, ReaderActions, Recovery};
use candor::notice::{self, presets};
use common::{at, dyndns, first_update, preset_draft, resolved_update, second_update, Tzdb2026};

fn describe(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "  {} [{}] {:?}: {}\n",
                f.id,
                f.location.field.slug(),
                f.excerpt,
                f.message
            )
        })
        .collect()
}

fn ids(text: &str) -> Vec<&'static str> {
    check_text(text, &Tzdb2026)
        .into_iter()
        .map(|f| f.id)
        .collect()
}

// ---------------------------------------------------------------------------
// Candor's own notices

#[test]
fn every_complete_preset_notice_is_clean() {
    for preset in presets::ALL {
        let draft = preset_draft(preset);
        let findings = check(&draft, &Tzdb2026);
        assert!(
            findings.is_empty(),
            "{preset:?} should be clean:\n{}\n{}",
            describe(&findings),
            notice::forms(&draft, &Tzdb2026).email.body
        );
    }
}

#[test]
fn the_dyndns_notice_is_clean() {
    let findings = check(&dyndns(), &Tzdb2026);
    assert!(findings.is_empty(), "{}", describe(&findings));
}

#[test]
fn an_ongoing_dyndns_notice_is_clean() {
    let mut draft = dyndns();
    draft.window.end_state = EndState::Ongoing;
    draft.window.next_update = at(2005, 12, 7, 21, 0, "America/New_York");
    let findings = check(&draft, &Tzdb2026);
    assert!(findings.is_empty(), "{}", describe(&findings));
}

#[test]
fn candor_sentences_for_other_answers_are_clean() {
    let variants: [Remove; 5] = [
        // Ongoing, one zone: "It started on ... and is still going on."
        |d| {
            d.window.end_state = EndState::Ongoing;
            d.window.next_update = at(2005, 12, 7, 21, 0, "America/New_York");
            d.audience_zones = vec!["America/New_York".into()];
        },
        // "We do not know yet whether any data was lost."
        |d| d.data_loss = DataLoss::NotKnownYet,
        // "All of the affected data was lost. We do not know yet whether we
        // can recover it." with "We do not know the cause yet."
        |d| {
            d.data_loss = DataLoss::All;
            d.recovery = Recovery::NotKnownYet;
            d.cause_state = CauseState::NotKnownYet;
        },
        // "We have recovered part of it."
        |d| d.recovery = Recovery::Partly,
        // "You do not need to do anything." and "No data was lost."
        |d| {
            d.actions = ReaderActions::Nothing;
            d.data_loss = DataLoss::None;
        },
    ];
    for change in variants {
        let mut draft = dyndns();
        change(&mut draft);
        clean_but_for_a_passive_opening_in_the_short_post(draft);
    }
}

/// The DynDNS opening says "All e-mail ... was lost". The e-mail owns that
/// ("We made a configuration error"); the short post, read alone, owns it
/// only with Candor's "We lost some of your data.", which it carries only
/// when the draft says data was lost. Otherwise that passive is the one
/// finding, in the short post; said in the active voice, the draft is clean.
fn clean_but_for_a_passive_opening_in_the_short_post(mut draft: Draft) {
    let lost = matches!(draft.data_loss, DataLoss::Some | DataLoss::All);
    let findings: Vec<(&str, Field)> = check(&draft, &Tzdb2026)
        .iter()
        .map(|f| (f.id, f.location.field))
        .collect();
    let expected = if lost {
        vec![]
    } else {
        vec![("hidden-actor.passive-loss", Field::ShortPost)]
    };
    assert_eq!(
        findings,
        expected,
        "{}",
        notice::forms(&draft, &Tzdb2026).short_post
    );
    draft.what_happened = "we lost all e-mail sent to our ticketing system".into();
    let findings = check(&draft, &Tzdb2026);
    assert!(
        findings.is_empty(),
        "{}\n{}",
        describe(&findings),
        notice::forms(&draft, &Tzdb2026).email.body
    );
}

/// The DynDNS case told in updates, as tests/timeline.rs tells it: every
/// update's notice is clean, except where the author's own "what is new"
/// gives a time with no date or offset.
#[test]
fn each_update_of_the_timeline_is_clean() {
    let first = check(&first_update(), &Tzdb2026);
    assert!(first.is_empty(), "update 1:\n{}", describe(&first));
    let second = check(&second_update(), &Tzdb2026);
    assert!(second.is_empty(), "update 2:\n{}", describe(&second));
    let mut d = resolved_update();
    let resolved: Vec<(&str, Field)> = check(&d, &Tzdb2026)
        .iter()
        .map(|f| (f.id, f.location.field))
        .collect();
    assert_eq!(
        resolved,
        vec![
            ("time.no-date", Field::UpdateChanges),
            ("time.no-offset", Field::UpdateChanges)
        ]
    );
    d.update.changes = "we corrected the configuration, and e-mail is arriving again".into();
    let fixed = check(&d, &Tzdb2026);
    assert!(fixed.is_empty(), "update 3:\n{}", describe(&fixed));
}

/// The check covers every form the app offers: the short post is read on
/// its own, so a passive the e-mail owns elsewhere is unowned there.
#[test]
fn the_short_post_is_checked_on_its_own() {
    let mut draft = dyndns();
    draft.data_loss = DataLoss::NotKnownYet;
    draft.recovery = Recovery::NotSaid;
    let forms = notice::forms(&draft, &Tzdb2026);
    // The e-mail owns the failure ("We made a configuration error"); the
    // short post does not.
    assert!(
        check_form(&draft, &forms.email.body, &Tzdb2026).is_empty(),
        "{}",
        forms.email.body
    );
    let findings = review(&draft, &Tzdb2026, 0);
    let in_post: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.location.field == Field::ShortPost)
        .collect();
    assert_eq!(in_post.len(), 1, "{}", describe(&findings));
    let f = in_post[0];
    assert_eq!(f.id, "hidden-actor.passive-loss");
    assert_eq!(&forms.short_post[f.location.range.clone()], "was lost");
    assert_eq!(
        candor::steps::step_for(f.location.field),
        candor::steps::Step::WhatHappened
    );
    assert!(
        f.message
            .starts_with("In the short post: \"was lost\" says"),
        "{}",
        f.message
    );
    // Said as a loss Candor owns, the short post is clean again.
    draft.data_loss = DataLoss::Some;
    draft.recovery = Recovery::CannotRecover;
    let findings = review(&draft, &Tzdb2026, 0);
    assert!(findings.is_empty(), "{}", describe(&findings));
}

#[test]
fn the_follow_up_is_checked_and_its_gaps_are_not() {
    // An empty draft's short post and follow-up are mostly gaps: the gaps
    // are not checked, and what is missing is said once, as a missing fact.
    let empty = Draft::new("empty", "Europe/Berlin");
    let findings = check(&empty, &Tzdb2026);
    let separate: Vec<&Finding> = findings
        .iter()
        .filter(|f| matches!(f.location.field, Field::ShortPost | Field::FollowUp))
        .collect();
    assert!(separate.is_empty(), "{}", describe(&findings));
    // An author's bare time in "what is new" is said once, in its field,
    // though the follow-up repeats the words.
    let resolved = resolved_update();
    let follow_up = notice::forms(&resolved, &Tzdb2026).follow_up.body;
    assert!(follow_up.contains("at 19:55 EST,"), "{follow_up}");
    let fields: Vec<Field> = check(&resolved, &Tzdb2026)
        .iter()
        .map(|f| f.location.field)
        .collect();
    assert_eq!(fields, vec![Field::UpdateChanges, Field::UpdateChanges]);
}

#[test]
fn dyndns_own_promise_is_flagged_in_the_prevention_field() {
    let mut draft = dyndns();
    draft.prevention =
        "are working to ensure that this type of misconfiguration cannot happen again".into();
    let findings = check(&draft, &Tzdb2026);
    let promise: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.family == Family::VaguePromise)
        .collect();
    assert_eq!(promise.len(), 1, "{}", describe(&findings));
    assert_eq!(promise[0].id, "vague-promise.working-to");
    assert_eq!(promise[0].location.field, Field::Prevention);
    assert_eq!(
        &draft.prevention[promise[0].location.range.clone()],
        "working to ensure"
    );
    // Only that: the rest of the DynDNS notice stays clean.
    assert_eq!(findings.len(), 1, "{}", describe(&findings));
}

/// Candor's own times pass its own time rules in every zone it can show:
/// every zone of tzdb 2026f, in northern winter and summer.
#[test]
fn candor_times_pass_in_every_zone() {
    let db = jiff::tz::TimeZoneDatabase::bundled();
    let mut failures = Vec::new();
    let mut zones = 0;
    for name in db.available() {
        let zone = name.as_str().to_string();
        zones += 1;
        for month in [1, 7] {
            let mut draft = dyndns();
            draft.window.start = at(2026, month, 14, 17, 5, &zone);
            draft.window.end = at(2026, month, 14, 19, 55, &zone);
            draft.audience_zones = vec![zone.clone(), "UTC".into()];
            let findings = check(&draft, &Tzdb2026);
            if !findings.is_empty() {
                failures.push(format!("{zone} in month {month}:\n{}", describe(&findings)));
            }
        }
    }
    assert!(zones > 400, "only {zones} zones");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("")
    );
}

// ---------------------------------------------------------------------------
// The labelled corpus

struct Labelled {
    line: usize,
    sentence: String,
    expected: Vec<Family>,
}

fn corpus() -> Vec<Labelled> {
    common::labelled_rows("tests/candor_corpus.tsv", 0)
        .into_iter()
        .map(|row| Labelled {
            line: row.line,
            sentence: row.sentence,
            expected: row.expected,
        })
        .collect()
}

#[test]
fn corpus_precision_and_recall() {
    let corpus = corpus();
    assert!(
        corpus.len() >= 150,
        "the corpus needs at least 150 sentences"
    );
    let mut tp = std::collections::BTreeMap::<Family, usize>::new();
    let mut fp = tp.clone();
    let mut fn_ = tp.clone();
    let mut false_alarms = Vec::new();
    let mut misses = Vec::new();
    for item in &corpus {
        let findings = check_text(&item.sentence, &Tzdb2026);
        let mut found: Vec<Family> = findings.iter().map(|f| f.family).collect();
        found.sort();
        found.dedup();
        for family in &found {
            if item.expected.contains(family) {
                *tp.entry(*family).or_default() += 1;
            } else {
                *fp.entry(*family).or_default() += 1;
                false_alarms.push(format!(
                    "line {}: {:?} flagged {}:\n{}",
                    item.line,
                    item.sentence,
                    family.name(),
                    describe(&findings)
                ));
            }
        }
        for family in &item.expected {
            if !found.contains(family) {
                *fn_.entry(*family).or_default() += 1;
                misses.push(format!(
                    "line {}: {:?} missed {}",
                    item.line,
                    item.sentence,
                    family.name()
                ));
            }
        }
    }
    let ratio = |a: usize, b: usize| {
        if a + b == 0 {
            1.0
        } else {
            a as f64 / (a + b) as f64
        }
    };
    println!(
        "\n{:<16} {:>4} {:>4} {:>4} {:>9} {:>7}",
        "family", "tp", "fp", "fn", "precision", "recall"
    );
    let (mut all_tp, mut all_fp, mut all_fn) = (0, 0, 0);
    for family in FAMILIES.iter().filter(|f| **f != Family::MissingFact) {
        let (t, p, n) = (
            tp.get(family).copied().unwrap_or(0),
            fp.get(family).copied().unwrap_or(0),
            fn_.get(family).copied().unwrap_or(0),
        );
        all_tp += t;
        all_fp += p;
        all_fn += n;
        println!(
            "{:<16} {:>4} {:>4} {:>4} {:>9.3} {:>7.3}",
            family.name(),
            t,
            p,
            n,
            ratio(t, p),
            ratio(t, n)
        );
    }
    let (precision, recall) = (ratio(all_tp, all_fp), ratio(all_tp, all_fn));
    println!(
        "{:<16} {:>4} {:>4} {:>4} {:>9.3} {:>7.3}",
        "overall", all_tp, all_fp, all_fn, precision, recall
    );
    let honest = corpus.iter().filter(|c| c.expected.is_empty()).count();
    println!("{} sentences, {} honest\n", corpus.len(), honest);
    for m in &misses {
        println!("MISS {m}");
    }
    for f in &false_alarms {
        println!("FALSE {f}");
    }

    let honest_alarms: Vec<&String> = false_alarms
        .iter()
        .filter(|a| {
            corpus
                .iter()
                .any(|c| c.expected.is_empty() && a.starts_with(&format!("line {}:", c.line)))
        })
        .collect();
    assert!(
        honest_alarms.is_empty(),
        "a false alarm on an honest sentence is a bug:\n{}",
        honest_alarms
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        precision >= 0.9,
        "overall precision {precision:.3} is below 0.9"
    );
    assert!(recall >= 0.9, "overall recall {recall:.3} is below 0.9");
}

// ---------------------------------------------------------------------------
// Each word rule: a sentence that trips it, and a near miss that must not.

const RULE_CASES: &[(&str, &str, &str)] = &[
    ("non-apology.inconvenience", "We apologise for any inconvenience.", "We are sorry that you could not log in."),
    ("non-apology.any", "We are sorry for any delay.", "We are sorry for the delay."),
    ("non-apology.if", "We are sorry if you were affected.", "We are sorry that you were affected."),
    ("non-apology.may-have-caused", "We are sorry for the trouble this may have caused.", "This may have caused a second charge, which we have refunded."),
    ("non-apology.regret", "We regret the disruption.", "We are sorry for the disruption."),
    ("minimising.some-may", "Some users may see errors.", "Some searches failed."),
    ("minimising.may-experience", "You may experience slow pages.", "You may re-send your message now."),
    ("minimising.small-number", "A small number of customers could not pay.", "A small share of traffic gets each change first."),
    ("minimising.intermittent", "Payments failed intermittently.", "1 in 5 payments failed."),
    ("minimising.brief", "The site was briefly down.", "The site was down for 40 minutes."),
    ("minimising.minor", "A minor fault stopped logins.", "A fault stopped logins."),
    ("minimising.slight", "Pages were slightly slower.", "Pages took 8 seconds instead of 1."),
    ("minimising.euphemism", "We saw elevated error rates.", "1 in 3 pages failed to load."),
    ("minimising.issues", "Customers are experiencing issues with login.", "Customers cannot log in."),
    ("minimising.appears", "It appears that mail was delayed.", "Mail was delayed by two hours."),
    ("hidden-actor.mistakes-were-made", "Mistakes were made.", "We made mistakes."),
    ("hidden-actor.mistakes-were-made", "This was caused by an issue during maintenance.", "This was caused by an error we made during maintenance."),
    ("hidden-actor.passive-loss", "E-mail was lost.", "No e-mail was lost."),
    ("hidden-actor.passive-loss", "Your files were deleted.", "Your files were deleted because we ran the wrong script."),
    ("hidden-actor.passive-loss", "Passwords and personal data were exposed.", "No passwords or personal data were exposed."),
    // A hedge quoted, denied, corrected, or given its figure is not a hedge.
    ("non-apology.inconvenience", "We apologise for the inconvenience.", "This was not a minor inconvenience."),
    ("minimising.minor", "It was a minor fault.", "This was not a minor fault."),
    ("minimising.euphemism", "We saw degraded performance.", "Our first post said 'degraded performance'; that was wrong."),
    ("minimising.euphemism", "Some users saw degraded performance.", "We called it degraded performance; that was wrong."),
    ("minimising.brief", "Mail was briefly down.", "Our first post said mail was “briefly down”."),
    ("minimising.intermittent", "Payments failed intermittently.", "Intermittent errors hit 1 in 20 payments."),
    ("minimising.small-number", "A fraction of requests failed.", "A fraction of requests (about 1 in 20) failed."),
    ("time.no-date", "The next update will come by 15:30 UTC (UTC+00:00).", "On Tuesday 14 July 2026 mail stopped.\nThe next update will come by 15:30 UTC (UTC+00:00)."),
    // Minimising in other words: a vague share, a few people, a grade.
    ("minimising.small-number", "A significant portion of users saw errors.", "We sent a number of updates."),
    ("minimising.small-number", "Only a handful of accounts were hit.", "A few minutes later, the site came back."),
    ("minimising.small-number", "A subset of our customers could not pay.", "A small number of customers (about 120) could not pay."),
    ("minimising.some-may", "A few customers may still see old data.", "Several people could not log in."),
    ("minimising.minor", "The problem was limited in scope.", "We limited each account to 100 messages an hour."),
    ("minimising.minor", "This was an isolated incident.", "This was the third outage this year."),
    ("minimising.minor", "Some delay is to be expected.", "Mail took up to 3 hours to arrive."),
    ("minimising.minor", "Outages like this are extremely rare.", "This was our third outage in 2026."),
    ("vague-promise.never-again", "This is not expected to recur.", "This is not expected to recur: every change now needs a second person."),
    ("minimising.intermittent", "Occasionally, pages did not load.", "About 1 in 20 pages did not load."),
    // Passives by grammar: any participle after a past "be", an adverb or
    // two in between; not with "by" and its agent, not when the people it
    // happened to are the subject, not for a state ("were affected", "is
    // based", "was red") or a good outcome ("was restored").
    ("hidden-actor.passive", "An incorrect command was typed.", "An engineer typed an incorrect command."),
    ("hidden-actor.passive", "A certificate was issued with the wrong name.", "The certificate was deployed by our on-call engineer."),
    ("hidden-actor.passive", "The servers were shut down.", "We were alerted by customers."),
    ("hidden-actor.passive", "The files were then accidentally removed.", "Everyone in Europe was affected."),
    ("hidden-actor.passive", "The wrong limit got applied.", "Customers were interested in the feature."),
    ("hidden-actor.passive", "The wrong limit was set.", "The wrong limit was set, and we made that mistake."),
    ("hidden-actor.passive", "The router settings were changed by hand.", "Service was restored at 14:00 UTC (UTC+00:00) on Monday 6 April 2026."),
    ("hidden-actor.passive", "A new setting was pushed to every server.", "Our pricing is based on use, and the site was red."),
    ("hidden-actor.passive", "The certificate was allowed to expire.", "The maintenance was scheduled for Sunday 5 April 2026."),
    ("hidden-actor.passive", "Several accounts were suspended in error.", "Customers were shown an error page and locked out."),
    ("hidden-actor.passive", "The release was shipped with a bug.", "The release was paused while we investigated."),
    ("hidden-actor.passive", "The wrong servers were shut down.", "Traffic was moved to our second data centre."),
    ("supplier-blame.supplier", "Our hosting provider had an outage.", "Our hosting provider had an outage, and relying on one provider was our decision."),
    // Supplier blame by shape: the kind of party, not its name; passes when
    // the notice owns its part or names a change the sender makes.
    ("supplier-blame.supplier", "The company that runs our data centre had a power failure.", "The company that runs our data centre had a power failure; we are adding a second site."),
    ("supplier-blame.supplier", "A partner network dropped our traffic.", "A partner network dropped our traffic. Every route now has a second path."),
    ("supplier-blame.supplier", "A customer's own change overloaded the shared database.", "We let one customer's change overload the shared database."),
    ("supplier-blame.supplier", "The power supply to the building failed.", "The power supply to the building failed, and we had not tested our generator."),
    ("supplier-blame.supplier", "The outage was caused by a change made by a customer.", "The outage was caused by a change made by a customer; we now cap what one customer can use."),
    ("supplier-blame.supplier", "Our data centre operator lost power to two halls.", "Our data centre operator lost power to two halls; putting everything in one hall was our decision."),
    ("supplier-blame.supplier", "A fault at AWS took our servers down.", "We use Amazon Web Services for our servers, and the fault was in our own code."),
    ("supplier-blame.supplier", "Our partner bank had a fault.", "Customers who use a partner bank saw no problem."),
    ("supplier-blame.supplier", "The fault was at our provider.", "The fault was ours, not our provider's."),
    ("supplier-blame.beyond-control", "This was beyond our control.", "This was our fault."),
    ("time.relative", "Mail stopped working today.", "Mail stopped working on Wednesday 7 December 2005."),
    ("time.recently", "We recently changed our mail server.", "We changed our mail server on 7 December 2005."),
    ("time.duration", "The site was down for a short time.", "The site was down for 40 minutes."),
    ("time.soon", "We will post an update soon.", "We will tell you as soon as we know the cause."),
    ("time.asap", "We will fix it as soon as possible.", "We will fix it by 18:00 UTC (UTC+00:00) on Monday 6 April 2026."),
    ("time.midnight", "Maintenance starts at midnight.", "Maintenance starts at 00:00 UTC (UTC+00:00) on Monday 6 April 2026."),
    ("time.midnight", "Maintenance starts at 12 a.m. UTC on Monday 6 April 2026.", "Maintenance starts at 12:00 UTC on Monday 6 April 2026."),
    ("time.no-date", "Mail stopped at 17:05 EST (UTC-05:00).", "Mail stopped at 17:05 EST (UTC-05:00) on Wednesday 7 December 2005."),
    ("time.no-zone", "Mail stopped at 17:05 on Wednesday 7 December 2005.", "Mail stopped at 17:05 UTC on Wednesday 7 December 2005."),
    ("time.no-offset", "Mail stopped at 17:05 EST on Wednesday 7 December 2005.", "Mail stopped at 17:05 EST (UTC-05:00) on Wednesday 7 December 2005."),
    ("time.no-offset", "Mail stopped at 5 p.m. Eastern time on 7 December 2005.", "Mail stopped at 5 p.m. (UTC-05:00) on 7 December 2005."),
    ("time.wrong-zone-name", "Mail stopped at 17:05 EST (UTC-05:00) on Tuesday 14 July 2026.", "Mail stopped at 17:05 EDT (UTC-04:00) on Tuesday 14 July 2026."),
    ("time.wrong-zone-name", "Mail stopped at 09:00 CEST (UTC+02:00) on 10 January 2026.", "Mail stopped at 09:00 CET (UTC+01:00) on 10 January 2026."),
    ("time.offset-mismatch", "Mail stopped at 17:05 EST (UTC-04:00) on Wednesday 7 December 2005.", "Mail stopped at 17:05 EST (UTC-05:00) on Wednesday 7 December 2005."),
    ("vague-promise.working-to", "We are working to ensure this cannot happen again.", "We are working to restore service."),
    ("vague-promise.committed", "We are committed to reliability.", "We committed a fix to our code on 7 December 2005."),
    ("vague-promise.take-steps", "We are taking steps to prevent this.", "We took the site offline for 18 hours."),
    ("vague-promise.never-again", "We will make sure it never happens again.", "An alarm now pages us if it happens again."),
    ("vague-promise.monitor", "We will continue to monitor the situation.", "We will post the next update by 15:00 UTC (UTC+00:00) on Monday 6 April 2026."),
    ("vague-promise.review", "We are reviewing our processes.", "We will publish our review by Friday 11 June 2021."),
    // Vague promises in other words; a named change makes them concrete.
    ("vague-promise.review", "We will look at ways to make the service more reliable.", "We are looking into why the servers stopped."),
    ("vague-promise.working-to", "Our engineers are working tirelessly to fix this.", "Our engineers are working to fix this."),
    ("vague-promise.never-again", "We will make sure there is no repeat of this.", "To stop it recurring, every change now needs a second person."),
    ("vague-promise.never-again", "We will stop it recurring.", "We moved our database to two sites so that this does not happen again."),
    ("vague-promise.never-again", "We want to prevent this from happening.", "We added an alarm so that it does not recur."),
    ("commercialese.be-advised", "Please be advised that mail is down.", "Mail is down."),
    ("commercialese.seriously", "We take your privacy very seriously.", "This was a serious failure."),
    ("commercialese.abundance-of-caution", "Out of an abundance of caution, we reset passwords.", "We reset every password because we cannot tell which were read."),
    ("commercialese.at-this-time", "We do not know the cause at this time.", "We do not know the cause yet."),
    ("commercialese.inflated-word", "We will utilize a second data centre from now on.", "We will use a second data centre from now on."),
    ("commercialese.inflated-word", "Recovery commenced at 14:00 UTC (UTC+00:00) on Monday 6 April 2026.", "Recovery started at 14:00 UTC (UTC+00:00) on Monday 6 April 2026."),
    ("commercialese.patience", "Thank you for your patience.", "Thank you for telling us about the problem."),
    ("commercialese.reassurance", "Rest assured, your data is safe.", "Your data is safe: it never left our servers."),
    ("jargon.term", "We saw high latency.", "Pages were slow."),
    ("jargon.term", "We overloaded our load balancer at 11:02 UTC.", "We overloaded our load balancer, the machine that shares visitors out across our web servers."),
    ("jargon.system-part", "Two nodes in the cluster failed.", "Two nodes (the computers that hold your files) failed."),
    ("jargon.error-code", "Customers saw HTTP 503 errors.", "We lost 500 e-mails."),
    ("jargon.error-code", "Requests failed with ERR_CONNECTION_RESET.", "Requests failed with an error page."),
    // Jargon by shape: an abbreviation never spelled out, a capital inside a
    // word; everyday abbreviations and brands pass; codes given to developers pass.
    ("jargon.acronym", "The WAF blocked your requests.", "The Web Application Firewall (WAF) blocked your requests."),
    ("jargon.acronym", "Our RDS database failed.", "You could not use your PIN at the ATM."),
    ("jargon.acronym", "Our CDN served old pages.", "UPDATE: MAIL IS BACK"),
    ("jargon.acronym", "The NTP servers drifted.", "Our API returned errors from 14:00 UTC (UTC+00:00) on Monday 6 April 2026."),
    ("jargon.acronym", "Our DNS records expired.", "About 5 GB of uploads, worth 100 USD in SLA credits, were held."),
    ("jargon.acronym", "Traffic was routed through AMS-IX.", "COVID-19 rules closed our office."),
    ("jargon.internal-name", "Requests to api.eu2.example.com timed out.", "See status.example.com for updates."),
    ("jargon.camel-case", "Our PgBouncer pool ran out of connections.", "Our database ran out of connections."),
    ("jargon.camel-case", "DynamoDB refused our writes.", "Your iPhone app could not log in, and PayPal payments failed."),
    ("jargon.error-code", "Customers saw ERR_CONNECTION_RESET.", "Developers saw ERR_CONNECTION_RESET from our API."),
    ("jargon.error-code", "Payments failed with HTTP 503 errors.", "Your integration received HTTP 503 errors; retry them."),
    ("jargon.ticket", "See INC-4521 for details.", "See our status page for details."),
    ("jargon.internal-name", "The server db-prod-03 failed.", "Our main database server failed."),
    // Round 2 of the held-out set: shapes, each with an honest near-miss.
    ("non-apology.unnamed-harm", "We apologise to all the customers who were affected.", "We apologise to the 1,200 customers whose card payments we declined."),
    ("non-apology.unnamed-harm", "Our apologies for the disruption.", "We are sorry for the disruption: you could not pay for two hours."),
    ("minimising.some-may", "Some of our customers cannot log in.", "Some of our servers were restarted."),
    ("minimising.small-number", "Only one data centre was affected.", "Every data centre was affected."),
    ("minimising.minor", "We kept the impact on users minimal.", "The impact on users was that no one could pay for two hours."),
    ("minimising.intermittent", "Logins failed occasionally around 9:15 UTC on Monday 2 March 2026.", "Logins failed occasionally, 3 times in every 100, on Monday 2 March 2026."),
    ("minimising.minor", "This was to be expected.", "Nothing about this was to be expected."),
    ("hidden-actor.passive", "A faulty update was pushed to every server.", "A fix was pushed to every server."),
    ("hidden-actor.mistakes-were-made", "The outage was caused by a network upgrade.", "The outage was caused by a network upgrade we deployed without a test."),
    ("hidden-actor.out-of-sight", "The setting was quietly reverted.", "Our engineer quietly reverted the setting."),
    ("hidden-actor.out-of-sight", "The fix was put back by two days.", "We put the fix back by two days to test it."),
    ("hidden-actor.omission", "The correct procedures were not followed.", "No customer data was touched, and nothing was lost."),
    ("hidden-actor.omission", "The old settings had not been updated.", "The old settings had not been updated: we forgot them."),
    ("hidden-actor.passive", "The wrong customers were sent the reminder.", "The wrong customers were sent the reminder. We sent it to the wrong list."),
    ("supplier-blame.supplier", "The cause lay in our provider's network.", "The cause lay in our provider's network, and we chose to rely on one provider."),
    ("time.asap", "We will update you as soon as we can.", "We will update you as soon as we know the cause."),
    ("time.soon", "We will share more over the coming days.", "We will share more by Friday 6 March 2026."),
    ("time.weekday", "Free data for everyone this Sunday.", "Free data for everyone on Sunday 10 July 2022."),
    ("vague-promise.working-to", "We will not rest until every customer is back.", "We worked around the fault where we could."),
    ("vague-promise.never-again", "We will make sure there is no repeat.", "After two days with no repeat, we thought it was fixed."),
    ("vague-promise.better", "We are making our service more resilient.", "We are making our service more resilient by adding a second data centre."),
    ("commercialese.patience", "Thanks for being patient with us.", "You do not have to be patient with us."),
    ("commercialese.seriously", "Reliability is our highest priority.", "Our first job was to restore calls."),
    ("commercialese.empathy", "We share your pain.", "You are right to be frustrated."),
    ("jargon.system-part", "Two nodes in the cluster failed.", "Two of our servers failed."),
    ("jargon.system-part", "The core switches dropped traffic.", "The company that hosts our site, for instance, was fine."),
    ("jargon.camel-case", "A bug in OrderSync stopped orders.", "OrderSync, the program that sends your order to us, stopped."),
    ("non-apology.if", "We are sorry you feel let down.", "We are sorry you could not log in."),
    ("minimising.euphemism", "Customers had limited functionality.", "Customers could see balances but not pay."),
    ("minimising.small-number", "The site was down for only 20 minutes.", "The site was down for 20 minutes."),
    ("hidden-actor.mistakes-were-made", "There was an error in the configuration.", "There was an error in our own configuration."),
    ("hidden-actor.passive", "A configuration change took the site down.", "A configuration change we made took the site down."),
    ("commercialese.be-advised", "Please accept our apologies.", "We are sorry."),
    ("commercialese.empathy", "We understand how frustrating this has been.", "We understand how frustrating this has been: 1,200 payroll runs failed."),
    ("commercialese.reliance", "We know how much you rely on us.", "We know how much you rely on us, and for 90 minutes we could not take payments."),
    ("commercialese.seriously", "We take your security seriously; on 3 March we began an investigation.", "We took 3 hours to restore service, and that is too long."),
    ("commercialese.marketing", "Our team worked tirelessly for 14 hours.", "Our promise is a reply within 4 hours, and on 3 March we missed it."),
    ("jargon.system-part", "Our backend stopped answering.", "Our website stopped answering."),
    ("minimising.small-number", "A number of customers could not pay.", "We sent a number of updates."),
    ("hidden-actor.passive", "A configuration change resulted in failed logins.", "A configuration change we made resulted in failed logins."),
    ("hidden-actor.mistakes-were-made", "Data loss occurred.", "We lost data."),
    ("vague-promise.take-steps", "We will make the necessary changes.", "We will make the necessary changes: a second person now approves each deletion."),
    ("vague-promise.take-steps", "We must do better.", "We must do better, so every change is now tested first."),
    ("commercialese.be-advised", "Should you have any questions, call us.", "If you have a question, call us on 0800 123 456."),
    ("commercialese.reassurance", "We offer a seamless service.", "Our service was down for two hours."),
    ("hidden-actor.mistakes-were-made", "The outage was due to a configuration error.", "The outage was due to a configuration error we made."),
    ("hidden-actor.mistakes-were-made", "It was human error.", "Our engineer typed the wrong command."),
    ("hidden-actor.omission", "The change was not properly tested.", "We did not test the change properly."),
    ("commercialese.be-advised", "We hope you understand.", "We do not expect you to understand our systems."),
    ("time.relative", "We will publish the report next week.", "We will publish the report by Friday 13 March 2026."),
    ("vague-promise.take-steps", "We are working on a long-term fix.", "The long-term fix is a second database, ready by Friday 13 March 2026."),
    ("hidden-actor.mistakes-were-made", "The outage resulted from a configuration change.", "The outage resulted from a configuration change we made."),
    // Round 3 (tuning2): word classes and shapes the second tuning set missed.
    ("time.no-when", "Our team will keep you posted.", "The next update will be posted by 15:30 UTC."),
    ("time.no-when", "This page will be updated when the issue has been resolved.", "We will post an update by 14:00 UTC (UTC+00:00) on Monday 6 April 2026."),
    ("time.relative", "Our host rebooted the machine about nine hours ago.", "Our host rebooted the machine at 03:10 UTC (UTC+00:00) on Monday 6 April 2026."),
    ("supplier-blame.supplier", "Due to technical difficulties at our hosting provider, the site is unavailable.", "Our hosting provider had technical difficulties; we are moving to a second host."),
    ("supplier-blame.supplier", "The utility company shut off power to the building.", "We are pressing the provider for a full report on the outage."),
    ("supplier-blame.supplier", "The courier's tracking system failed.", "The courier's tracking system failed; we now take tracking from a second courier too."),
    ("supplier-blame.beyond-control", "The data centre is not under our control.", "The data centre is under our control."),
    ("minimising.minor", "Issues such as this can occur.", "This failure will not happen again: every change now needs a test."),
    ("minimising.minor", "The impact was very limited.", "The impact was that nobody could pay."),
    ("minimising.small-number", "Delivery was delayed for some small percentage of requests.", "A small number of people, 14 in all, received the wrong receipt."),
    ("minimising.euphemism", "The app is running with reduced performance.", "Pages took 8 seconds to load instead of 1."),
    ("minimising.some-may", "Some customers still cannot sign in.", "Some customers, those on version 3.2 of the app, still cannot sign in."),
    ("hidden-actor.passive", "The wrong rule was pushed to every office at once.", "The wrong rule was pushed to every office at once by our engineer."),
    ("vague-promise.review", "We are investigating ways of improving performance.", "We looked at three ways and chose to add a standby database in another city."),
    ("vague-promise.better", "After this, the service will be more resilient.", "The service is more resilient now: each region has a standby copy."),
    ("vague-promise.committed", "We are committed to better support.", "We are committed to answering every message within four working hours."),
    ("commercialese.marketing", "Our promise is to give you fast, dependable service.", "Our promise was a reply within 4 hours; we missed it."),
    ("commercialese.marketing", "We are passionate about your success.", "We are sorry we lost your data."),
    ("commercialese.seriously", "Your trust is our most important asset.", "We know you rely on us to take payments, and for 90 minutes we could not."),
    ("commercialese.patience", "We are grateful to you for bearing with us.", "We are grateful to the 23 customers who reported it."),
    ("jargon.system-part", "A bug in our caching service stopped the phones.", "A bug in the service that stores copies of your mail stopped the phones."),
    ("jargon.internal-name", "The fault was on db-prod-03.", "Error code E-402 means your card was declined."),
    ("commercialese.seriously", "We remain committed to delivering the service you expect.", "We are committed to answering every message within 4 hours."),
    ("commercialese.marketing", "Our cutting-edge platform gives you peace of mind.", "Our platform was down for two hours."),
    ("minimising.minor", "This is our first outage in five years.", "This is the first time we have lost data, and we are sorry."),
    ("commercialese.marketing", "We always put our customers first.", "We put every customer's refund first, before any new work."),
    ("commercialese.seriously", "Your satisfaction is our priority.", "Restoring payments is our priority, and they will be back by 15:00 UTC."),
    ("commercialese.patience", "Thank you for your trust in us.", "Thank you to the 23 customers who told us."),
    ("hidden-actor.passive", "An automated script removed the wrong servers.", "An automated script we wrote removed the wrong servers."),
    ("commercialese.marketing", "We are proud to serve you.", "We are sorry we could not serve you."),
    ("commercialese.marketing", "This falls short of the standards we set for ourselves.", "We fell short of what we promised: 3 of 5 payments failed."),
    ("commercialese.marketing", "We value you as a customer.", "We value the 40 minutes you lost, so we refunded a day."),
    ("vague-promise.process", "We are making improvements to our release process and test coverage.", "Every release now runs the full test suite first."),
    ("vague-promise.process", "We are conducting a thorough review of our procedures and tests.", "We reviewed 40 releases and found two without tests."),
    ("vague-promise.safeguard-reviewed", "We are reviewing our tests to make sure this cannot recur.", "Every release now runs a test that restores the database."),
    ("hidden-actor.passive", "The payment page was taken offline without notice.", "The payment page was taken offline by our engineer without notice."),
    ("supplier-blame.supplier", "The mobile network our field teams use went down.", "The mobile network our field teams use went down, and we had no second network."),
    ("hidden-actor.passive", "The router was updated with an incorrect setting.", "The router was updated with the correct setting at 14:00 UTC (UTC+00:00) on Monday 6 April 2026."),
    ("commercialese.seriously", "We do not take your loyalty for granted.", "We do not take payments on Sundays."),
    ("hidden-actor.passive", "A faulty setting took the site down.", "A faulty setting we made took the site down."),
    ("hidden-actor.passive", "An error in the configuration stopped payments.", "An error we made in the configuration stopped payments."),
    ("hidden-actor.faceless-cause", "The outage was down to a faulty router.", "The outage was down to a router we installed without a spare."),
    ("hidden-actor.faceless-cause", "Some networking issues then caused games to vanish from the list.", "No networking issues caused games to vanish from the list."),
    ("hidden-actor.faceless-cause", "Payments failed because of a technical issue.", "Because of the fault, 300 payments failed."),
    ("hidden-actor.faceless-cause", "The hardware failure also seems to have corrupted the backup.", "The cut left about 400 homes without phone service."),
    // Round 9 (tuning7a and tuning7b): faults that happened to us, empathy
    // said after the fact, conditional apologies said first.
    ("hidden-actor.faceless-cause", "On 3 May we suffered a critical failure of our electrical system.", "We know you are having trouble paying."),
    ("hidden-actor.faceless-cause", "Stale messages stayed stuck because of a misconfiguration.", "Stale messages stayed stuck because we set the wrong limit."),
    ("commercialese.empathy", "Being locked out is frustrating, and we understand that.", "We understand that the fault was a full disk."),
    ("commercialese.patience", "We beg your patience and forgiveness.", "We ask for your account number when you call."),
    ("commercialese.reliance", "We will restore the reliable service you expect from us.", "We did not live up to the 100% reliability you expect."),
    ("non-apology.if", "If the app gave you trouble last night, apologies.", "If the app shows an error, restart it."),
    ("minimising.minor", "Hardware failures are inevitable.", "The failure was not inevitable."),
    ("hidden-actor.mistakes-were-made", "An error occurred during the migration.", "The error occurred because we deleted the wrong table."),
    ("hidden-actor.faceless-cause", "We had a critical failure in one of our databases.", "We had no errors in the second run."),
    ("commercialese.patience", "Thank you for your support.", "Thank you to the 40 customers who reported the fault, which let us find it in 10 minutes."),
    ("commercialese.marketing", "Reliable service is what we do best.", "Reliability is what we sell, and on 3 May we failed at it for four hours."),
    // Round 11: empathy, reliance and form-letter words in the first person
    // singular of a chief executive's letter, and with "acknowledge".
    ("commercialese.empathy", "I understand your frustration.", "I understand your account was charged twice, and we have refunded it."),
    ("commercialese.empathy", "We acknowledge how frustrating this has been.", "We acknowledge the error we made and have refunded every customer."),
    ("commercialese.empathy", "We understand that this has been a difficult time.", "We understand the fault: our script deleted the table."),
    ("commercialese.reliance", "I know how much you rely on us.", "I know how important it is that you can pay, so we have refunded this month's fee."),
    ("commercialese.patience", "Your patience is greatly appreciated.", "Your support tickets were all answered within 4 hours."),
    ("commercialese.empathy", "We are sorry from the bottom of our hearts.", "We are sorry: we deleted your files."),
    // Review: a grade that says "not" was dead in commercialese.marketing,
    // whose denials excuse a boast; it is reliance's.
    ("commercialese.reliance", "This is not what you expect from us.", "It is not what you expected: 300 orders shipped twice, so we have refunded them."),
    // Round 13 (tuning10a and tuning10b): whole runs of real notices.
    ("hidden-actor.faceless-cause", "Triple Zero calls were hit by a technical failure.", "Calls were hit by a fault in our own code."),
    ("hidden-actor.faceless-cause", "One of our edge routers developed a hardware fault.", "We developed a fix within 20 minutes."),
    ("hidden-actor.faceless-cause", "We suffered a critical failure of our electrical system.", "By 16:08 UTC we had confirmed how far the problem reached."),
    ("commercialese.seriously", "We are treating this incident very seriously.", "We are treating 40 patients whose records were late."),
    ("commercialese.marketing", "As our customer, you are at the heart of our business.", "As our customer, you can claim a refund at any branch."),
    // Round 12 (tuning9a and tuning9b): leaders' letters and small companies.
    ("commercialese.marketing", "To our heroic employees: thank you.", "Our employees answered 4,000 calls on Monday."),
    ("commercialese.marketing", "The past two weeks have humbled every one of us.", "The past two weeks cost 40 of you a day's pay."),
    ("commercialese.empathy", "I can only imagine how angry you must feel.", "I can tell you exactly what was read: nothing."),
    ("commercialese.patience", "We value your business.", "We value your business, so we are waiving every late fee that our outage caused."),
    ("commercialese.seriously", "We take this very seriously.", "We take this very seriously, so we have hired an outside firm to check all 600 of our servers."),
    ("non-apology.regret", "We regret the disruption.", "The cut had a significant impact on our customers, which we deeply regret."),
    // Round 10 (tuning8a and tuning8b).
    ("hidden-actor.faceless-cause", "The disruption was down to technical issues.", "Because of system problems, the exams have been moved to Saturday 20 June."),
    ("hidden-actor.faceless-cause", "A technical issue is preventing users from logging in.", "This was a minor issue affecting a subset of accounts."),
    ("hidden-actor.mistakes-were-made", "The fault came from a software update.", "The fault came from a software update that our own engineers released."),
    ("non-apology.inconvenience", "We apologise for the inconvenience.", "We have caused great inconvenience to many investors."),
    ("hidden-actor.passive", "The files were moved to the wrong folder.", "The files were moved to the wrong folder by one of our own payroll clerks."),
    ("commercialese.reassurance", "There is no cause for undue concern.", "There is no cause yet: we are still looking."),
    ("commercialese.effort", "Our technicians worked through the night to fix it.", "Our engineers worked through the night to copy 2.1 million records back."),
    ("commercialese.reliance", "We know how important it is to have 24/7 access to your bank.", "We know how important your bank is, and for 90 minutes you could not reach it."),
    ("commercialese.marketing", "Our website has one of the best records in the industry.", "Our website was down for 3 hours, the longest in our records."),
    ("commercialese.be-advised", "We hope this clarifies the situation.", "We hope this helps you find your order number: it is on your receipt."),
    ("commercialese.effort", "Council staff have worked round the clock with outside contractors.", "Council staff worked round the clock to replace 14 damaged cables."),
    ("commercialese.effort", "Please be assured we did all we could.", "We did not do all we could."),
    ("reading.long-sentence",
     "We changed the settings on our mail server during routine maintenance on Wednesday and that change stopped every e-mail sent to our support, billing and sales addresses from arriving.",
     "We changed the settings on our mail server. That change stopped every e-mail to our support, billing and sales addresses."),
];

#[test]
fn each_rule_trips_on_its_case_and_not_on_its_near_miss() {
    for (id, hit, near_miss) in RULE_CASES {
        assert!(
            ids(hit).contains(id),
            "{id} should trip on {hit:?}, found {:?}",
            ids(hit)
        );
        assert!(
            !ids(near_miss).contains(id),
            "{id} should not trip on {near_miss:?}, found {:?}",
            ids(near_miss)
        );
    }
}

#[test]
fn every_rule_has_a_test() {
    let rules = catalogue().expect("the rules parse");
    let tested: Vec<&str> = RULE_CASES
        .iter()
        .map(|(id, _, _)| *id)
        .chain(MISSING_CASES.iter().map(|(id, _)| *id))
        .chain(["reading.grade"])
        .collect();
    for rule in &rules {
        assert!(tested.contains(&rule.id), "rule {} has no test", rule.id);
        assert!(
            !rule.source.is_empty() || rule.phrases.iter().all(|(_, source)| !source.is_empty()),
            "rule {} needs a source",
            rule.id
        );
    }
    for family in FAMILIES {
        assert!(
            rules.iter().any(|r| r.family == family),
            "no rule in {family:?}"
        );
    }
}

#[test]
fn findings_point_at_the_words_they_quote() {
    let text = "Earlier today, we apologise for any inconvenience. Mistakes were made.";
    for f in check_text(text, &Tzdb2026) {
        assert_eq!(&text[f.location.range.clone()], f.excerpt, "{}", f.id);
        assert_eq!(f.location.field, Field::Notice);
        assert!(
            !f.message.contains('\n') && !f.message.contains('{'),
            "{}",
            f.message
        );
        assert!(!f.suggestion.is_empty() && !f.why.is_empty());
    }
}

#[test]
fn the_same_words_get_one_finding_per_family() {
    let found = ids("We apologise for any inconvenience this may have caused.");
    let apologies = found
        .iter()
        .filter(|id| id.starts_with("non-apology."))
        .count();
    assert!(apologies >= 1, "{found:?}");
    let findings = check_text("We apologise for any inconvenience.", &Tzdb2026);
    for (i, a) in findings.iter().enumerate() {
        for b in &findings[i + 1..] {
            let overlap = a.location.range.start < b.location.range.end
                && b.location.range.start < a.location.range.end;
            assert!(
                !(overlap && a.family == b.family),
                "{} and {} overlap",
                a.id,
                b.id
            );
        }
    }
}

/// The false alarms: honest sentences a word rule used to flag.
#[test]
fn honest_sentences_of_the_kinds_that_tripped_the_check_are_clean() {
    for text in [
        "We are sorry; we deleted your files.",
        "We are sorry: we lost the messages you sent us.",
        "This was not a minor inconvenience: you lost a day of work.",
        "Our first post said 'degraded performance'; that was wrong.",
        "Intermittent errors hit 1 in 20 payments.",
        "Developers saw ERR_CONNECTION_RESET from our API.",
        "Wednesday 7 December 2005\nThe next update will come by 21:00 UTC (UTC+00:00).",
    ] {
        let findings = check_text(text, &Tzdb2026);
        assert!(findings.is_empty(), "{text:?}:\n{}", describe(&findings));
    }
}

/// A form Candor writes is read on its own: the sender's own names from the
/// draft are not jargon in it, but a loss is owned only when the form itself
/// owns it, since a reader of the short post never sees the e-mail.
#[test]
fn a_form_is_checked_as_its_reader_meets_it() {
    let draft = dyndns();
    let post = notice::forms(&draft, &Tzdb2026).short_post;
    let alone = check_text(&post, &Tzdb2026);
    assert!(alone.iter().any(|f| f.id == "jargon.camel-case"), "{post}");
    let as_form = check_form(&draft, &post, &Tzdb2026);
    assert!(as_form.is_empty(), "{post}\n{}", describe(&as_form));
    // The draft's answers own the loss, yet a post that only says "was lost"
    // still hides who lost it.
    let unowned = "DynDNS: e-mail to support was lost on Wednesday 7 December 2005.";
    assert!(
        check_form(&draft, unowned, &Tzdb2026)
            .iter()
            .any(|f| f.family == Family::HiddenActor),
        "{unowned}"
    );
}

#[test]
fn the_senders_own_names_are_not_jargon() {
    let mut draft = dyndns();
    draft.fix = "we restarted MailGate and ZoneKeeper".into();
    let jargon = |d: &Draft| -> Vec<&str> {
        check(d, &Tzdb2026)
            .into_iter()
            .filter(|f| f.family == Family::Jargon)
            .map(|f| f.id)
            .collect()
    };
    assert_eq!(jargon(&draft), vec!["jargon.camel-case"; 2]);
    draft.affected_services = "e-mail sent through MailGate and ZoneKeeper".into();
    assert!(
        jargon(&draft).is_empty(),
        "{}",
        describe(&check(&draft, &Tzdb2026))
    );
}

#[test]
fn a_wrong_zone_name_says_what_was_in_force() {
    let f = check_text(
        "Mail stopped at 17:05 EST (UTC-05:00) on Tuesday 14 July 2026.",
        &Tzdb2026,
    );
    let wrong = f
        .iter()
        .find(|f| f.id == "time.wrong-zone-name")
        .expect("flagged");
    assert!(
        wrong.message.contains("EDT (UTC-04:00)"),
        "{}",
        wrong.message
    );
    assert!(wrong.message.contains("New York"), "{}", wrong.message);
}

/// A line with a time in each of several zones, each with its own date (as
/// a follow-up once wrote the end of an incident): every abbreviation is
/// judged by its own time's date, not by the nearest date in the line.
#[test]
fn each_time_in_a_line_is_judged_by_its_own_date() {
    // 03:10 BST on 29 March 2026 is right (BST began at 01:00 GMT that day);
    // the New York time after it is on 28 March, when London was on GMT.
    let line = "Sunday 29 March 2026, 03:10 BST (UTC+01:00); Saturday 28 March 2026, \
                23:10 EDT (UTC-04:00); Sunday 29 March 2026, 07:40 IST (UTC+05:30).";
    assert_eq!(ids(line), Vec::<&str>::new());
    // The date after a time is its own when nothing stands before it.
    assert_eq!(
        ids("It ended at 03:10 BST (UTC+01:00) on Sunday 29 March 2026; Saturday 28 March 2026 was calm."),
        Vec::<&str>::new()
    );
    // The dates swapped: BST is now wrong for its own date (28 March), and
    // EDT is still right for its own (29 March).
    let swapped = "Saturday 28 March 2026, 03:10 BST (UTC+01:00); Sunday 29 March 2026, \
                   23:10 EDT (UTC-04:00).";
    assert_eq!(ids(swapped), vec!["time.wrong-zone-name"]);
    let f = check_text(swapped, &Tzdb2026);
    assert_eq!(f[0].excerpt, "BST");
    assert!(f[0].message.contains("28 March 2026"), "{}", f[0].message);
}

// ---------------------------------------------------------------------------
// Missing facts: each one removed from the clean DynDNS draft.

/// Takes one fact out of a draft.
type Remove = fn(&mut Draft);

const MISSING_CASES: &[(&str, Remove)] = &[
    ("missing.what-happened", |d| d.what_happened = " ".into()),
    ("missing.who", |d| d.who_affected.clear()),
    ("missing.start", |d| d.window.start.time = None),
    ("missing.end", |d| d.window.end_state = EndState::NotSaid),
    ("missing.end", |d| d.window.end.date = None),
    ("missing.next-update", |d| {
        d.window.end_state = EndState::Ongoing
    }),
    ("missing.data-loss", |d| d.data_loss = DataLoss::NotSaid),
    ("missing.recovery", |d| d.recovery = Recovery::NotSaid),
    ("missing.action", |d| d.actions = ReaderActions::NotSaid),
    ("missing.action", |d| d.action_list.clear()),
    ("missing.cause", |d| d.cause_state = CauseState::NotSaid),
    ("missing.cause", |d| d.cause.clear()),
    ("missing.prevention", |d| {
        d.prevention.clear();
        d.detection.clear();
    }),
    ("missing.apology", |d| d.apology.clear()),
    ("missing.sorry", |d| {
        d.apology = "You wrote to us and we lost your message.".into()
    }),
    ("missing.contact", |d| d.sender.contact.clear()),
];

#[test]
fn each_missing_fact_is_found_alone() {
    for (id, remove) in MISSING_CASES {
        let mut draft = dyndns();
        remove(&mut draft);
        let findings = check(&draft, &Tzdb2026);
        let missing: Vec<&str> = findings
            .iter()
            .filter(|f| f.family == Family::MissingFact)
            .map(|f| f.id)
            .collect();
        assert_eq!(missing, vec![*id], "{}", describe(&findings));
    }
}

#[test]
fn missing_facts_have_near_misses_that_pass() {
    let near_misses: [Remove; 5] = [
        // Still ongoing, with a next update: no end needed.
        |d| {
            d.window.end_state = EndState::Ongoing;
            d.window.next_update = at(2005, 12, 7, 21, 0, "America/New_York");
        },
        // "We do not know yet" is an answer.
        |d| d.cause_state = CauseState::NotKnownYet,
        |d| d.data_loss = DataLoss::NotKnownYet,
        // Nothing to do, said so.
        |d| d.actions = ReaderActions::Nothing,
        // Catching it sooner counts as prevention.
        |d| d.prevention.clear(),
    ];
    for change in near_misses {
        let mut draft = dyndns();
        change(&mut draft);
        clean_but_for_a_passive_opening_in_the_short_post(draft);
    }
}

#[test]
fn a_half_entered_start_says_what_is_wrong() {
    let mut draft = dyndns();
    draft.window.start.date = None;
    let f = check(&draft, &Tzdb2026);
    let start = f
        .iter()
        .find(|f| f.id == "missing.start")
        .expect("missing start");
    assert!(
        start
            .suggestion
            .contains("Enter the date as well as the time."),
        "{}",
        start.suggestion
    );
    assert_eq!(start.location.field, Field::Start);
}

// ---------------------------------------------------------------------------
// The draft as a whole: fields, the notice, dismissals.

#[test]
fn a_hedge_in_a_field_is_reported_there_and_not_again_in_the_notice() {
    let mut draft = dyndns();
    draft.impact = "Some users may have experienced a brief delay".into();
    let findings = check(&draft, &Tzdb2026);
    assert!(!findings.is_empty());
    for f in &findings {
        assert_eq!(f.location.field, Field::Impact, "{}", describe(&findings));
        assert_eq!(&draft.impact[f.location.range.clone()], f.excerpt);
    }
}

#[test]
fn a_time_in_an_action_without_date_or_offset_is_flagged_in_the_action() {
    let mut draft = dyndns();
    draft.action_list[0] = Action {
        text: "re-send anything you sent between 17:05 and 19:55".into(),
        during_window: false,
    };
    let findings = check(&draft, &Tzdb2026);
    let ids: Vec<(&str, Field)> = findings.iter().map(|f| (f.id, f.location.field)).collect();
    assert!(ids.contains(&("time.no-zone", Field::Action(0))), "{ids:?}");
    assert!(ids.contains(&("time.no-date", Field::Action(0))), "{ids:?}");
    assert!(
        ids.iter().all(|(_, field)| *field == Field::Action(0)),
        "{ids:?}"
    );
}

#[test]
fn candor_own_loss_sentence_owns_the_loss() {
    // Nothing the author wrote owns the failure here. Candor's own sentence
    // about the data ("We lost some of your data.") is in the active voice,
    // so the notice body never hides who lost it.
    let mut draft = dyndns();
    draft.cause = "the disk at our hosting provider failed".into();
    draft.apology = "We are sorry.".into();
    draft.what_happened = "nobody could send us e-mail".into();
    let body = notice::forms(&draft, &Tzdb2026).email.body;
    assert!(body.contains("We lost some of your data."), "{body}");
    let findings = check(&draft, &Tzdb2026);
    assert!(
        !findings
            .iter()
            .any(|f| f.id == "hidden-actor.passive-loss" && f.location.field == Field::Notice),
        "{:?}",
        findings
            .iter()
            .map(|f| (f.id, f.location.field))
            .collect::<Vec<_>>()
    );
}

#[test]
fn a_dense_notice_gets_a_reading_grade_finding() {
    let mut draft = dyndns();
    draft.impact =
        "Consequently, organisational communications experienced considerable unavailability, \
                    necessitating comprehensive retransmission"
            .into();
    draft.fix = "Remediation activities subsequently reestablished operational continuity".into();
    let findings = check(&draft, &Tzdb2026);
    assert!(
        findings.iter().any(|f| f.id == "reading.grade"),
        "{}",
        describe(&findings)
    );
    let body = notice::forms(&dyndns(), &Tzdb2026).email.body;
    assert!(reading_grade(&body) <= 7.0, "{}", reading_grade(&body));
}

#[test]
fn a_dismissed_finding_stays_dismissed_while_the_author_types() {
    let mut draft = dyndns();
    draft.impact = "The delay was brief".into();
    let findings = check(&draft, &Tzdb2026);
    let brief = findings
        .iter()
        .find(|f| f.id == "minimising.brief")
        .expect("flagged");
    let key = brief.dismissal_key();
    assert_eq!(key, "minimising.brief@impact:brief");
    // More text before it moves its range, not its key.
    draft.impact = "For everyone, the delay was brief".into();
    draft.dismissed_findings.push(key);
    let left = review(&draft, &Tzdb2026, 0);
    assert!(
        left.iter().all(|f| f.id != "minimising.brief"),
        "{}",
        describe(&left)
    );
    // A missing fact's key is its rule and field.
    let mut empty = dyndns();
    empty.sender.contact.clear();
    let missing = check(&empty, &Tzdb2026);
    assert_eq!(missing[0].dismissal_key(), "missing.contact@contact");
}

#[test]
fn utf16_ranges_for_the_browser() {
    use candor::candor::utf16_range;
    let text = "Café 😀: mistakes were made.";
    let f = check_text(text, &Tzdb2026);
    let hit = f
        .iter()
        .find(|f| f.id == "hidden-actor.mistakes-were-made")
        .expect("flagged");
    let units: Vec<u16> = text.encode_utf16().collect();
    let r = utf16_range(text, hit.location.range.clone());
    assert_eq!(String::from_utf16_lossy(&units[r]), hit.excerpt);
}

// ---------------------------------------------------------------------------
// Any text at all: no panic, and every range is a real slice of its text.

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_is_checked_without_panic(text in "\\PC{0,200}") {
        for f in check_text(&text, &Tzdb2026) {
            let slice = text.get(f.location.range.clone());
            proptest::prop_assert_eq!(slice, Some(f.excerpt.as_str()));
        }
        let _ = reading_grade(&text);
    }

    #[test]
    fn words_and_times_in_any_order(words in proptest::collection::vec(
        proptest::sample::select(vec![
            "17:05", "EST", "(UTC-05:00)", "UTC", "on", "7", "December", "2005", "12", "a.m.",
            "p.m.", "-", "–", "today", "sorry", "any", "inconvenience", "we", "lost", "was",
            "é", "😀", ".", "\n", "db-prod-03", "INC-4521", "0x1F", "utc+1é1", "“", "”",
        ]),
        0..40,
    )) {
        let text = words.join(" ");
        for f in check_text(&text, &Tzdb2026) {
            proptest::prop_assert_eq!(text.get(f.location.range.clone()), Some(f.excerpt.as_str()));
        }
        let mut draft = dyndns();
        draft.impact = text.clone();
        draft.action_list[0].text = text.clone();
        for f in check(&draft, &Tzdb2026) {
            let source = match f.location.field {
                Field::Impact => draft.impact.as_str(),
                Field::Action(_) => draft.action_list[0].text.as_str(),
                _ => continue,
            };
            proptest::prop_assert!(source.get(f.location.range.clone()).is_some());
        }
    }
}
