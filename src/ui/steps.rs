//! The questions of each step. Wording of hints lives here (it is the UI's
//! own text); examples come from the presets in the core.

use std::borrow::Cow;

use leptos::prelude::*;

use crate::model::{
    Action, CauseState, DataLoss, Draft, EndState, EnteredTime, ReaderActions, Recovery,
};
use crate::notice::presets;
use crate::steps::{data_loss_label, recovery_label, Step};
use crate::ui::fields::{
    button, checkbox, choices, confirm, focus_by_id, on_click, on_value, rows, show, text_answer,
    time_answer, zone_picker, TextLens, TimeLens,
};

/// Radio buttons for one answer in the draft: `options` in order, each with
/// its `(id, label)` in `shown`.
#[allow(clippy::too_many_arguments)]
fn draft_choices<T: Copy + PartialEq + Send + Sync + 'static>(
    draft: RwSignal<Draft>,
    legend: &'static str,
    hint: Option<&'static str>,
    name: &'static str,
    options: &'static [T],
    shown: Vec<(String, Cow<'static, str>)>,
    get: fn(&Draft) -> T,
    set: fn(&mut Draft, T),
) -> AnyView {
    choices(
        "choices-list",
        legend,
        hint,
        name.into(),
        shown,
        std::sync::Arc::new(move || {
            let now = draft.with(get);
            options.iter().position(|o| *o == now).unwrap_or(usize::MAX)
        }),
        std::sync::Arc::new(move |i: usize| draft.update(|d| set(d, options[i]))),
    )
}

pub fn step_body(step: Step, draft: RwSignal<Draft>) -> AnyView {
    match step {
        Step::WhatHappened => view! {
            {preset_picker(draft)}
            {text_answer(
                draft,
                "what-happened",
                "What happened, in one or two sentences?",
                "Readers decide from this whether the notice is about them. Say what broke, in plain words.",
                Some(|e| e.what_happened),
                TextLens { get: |d| &d.what_happened, get_mut: |d| &mut d.what_happened },
                4,
            )}
            {text_answer(
                draft,
                "affected-services",
                "Which services or features were affected?",
                "Name them the way your readers know them.",
                Some(|e| e.affected_services),
                TextLens { get: |d| &d.affected_services, get_mut: |d| &mut d.affected_services },
                1,
            )}
        }
        .into_any(),
        Step::WhoAffected => view! {
            {text_answer(
                draft,
                "who-affected",
                "Who is affected, or how can a reader tell if they are?",
                "A reader should know after one sentence whether this is about them.",
                Some(|e| e.who_affected),
                TextLens { get: |d| &d.who_affected, get_mut: |d| &mut d.who_affected },
                2,
            )}
        }
        .into_any(),
        Step::When => when_step(draft),
        Step::Impact => impact_step(draft),
        Step::Actions => actions_step(draft),
        Step::Cause => cause_step(draft),
        Step::Prevention => view! {
            {text_answer(
                draft,
                "prevention",
                "What will stop it happening again?",
                "Name a concrete change, not an intention.",
                Some(|e| e.prevention),
                TextLens { get: |d| &d.prevention, get_mut: |d| &mut d.prevention },
                3,
            )}
            {text_answer(
                draft,
                "detection",
                "What will catch it sooner if it does happen? (optional)",
                "Readers trust a team that will notice before they do.",
                Some(|e| e.detection),
                TextLens { get: |d| &d.detection, get_mut: |d| &mut d.detection },
                3,
            )}
        }
        .into_any(),
        Step::Apology => view! {
            {text_answer(
                draft,
                "apology",
                "Your apology",
                "Own the failure: say what you are sorry for. Leave out “any inconvenience” and “if”. For example: “We are sorry. You wrote to us and we lost your message.”",
                None,
                TextLens { get: |d| &d.apology, get_mut: |d| &mut d.apology },
                3,
            )}
        }
        .into_any(),
        Step::Sender => view! {
            {text_answer(
                draft,
                "organisation",
                "Your organisation or product name",
                "The name your readers know you by. For example: “DynDNS”",
                None,
                TextLens { get: |d| &d.sender.organisation, get_mut: |d| &mut d.sender.organisation },
                1,
            )}
            {text_answer(
                draft,
                "signature",
                "How the notice is signed (optional)",
                "A team or a person readers can answer. For example: “The DynDNS support team”",
                None,
                TextLens { get: |d| &d.sender.signature, get_mut: |d| &mut d.sender.signature },
                1,
            )}
            {text_answer(
                draft,
                "contact",
                "Where can readers ask questions or read more?",
                "An address or a link that a person answers. For example: “support@example.com”",
                None,
                TextLens { get: |d| &d.sender.contact, get_mut: |d| &mut d.sender.contact },
                1,
            )}
        }
        .into_any(),
        Step::Updates => updates_step(draft),
        Step::Check => ().into_any(),
    }
}

fn updates_step(draft: RwSignal<Draft>) -> AnyView {
    use crate::model::Phase;
    let phase = move || draft.with(|d| d.update.phase);
    let number = move || draft.with(|d| d.update_number());
    // Posting moves this update into the timeline: ask first, since what is
    // new is cleared for the next one (it stays in the timeline).
    let confirming = RwSignal::new(false);
    const PHASES: [Phase; 5] = [
        Phase::NotSaid,
        Phase::Investigating,
        Phase::Identified,
        Phase::Monitoring,
        Phase::Resolved,
    ];
    let labels = [
        "No: this is one notice",
        "Yes, and we are investigating",
        "Yes, and we have found the cause",
        "Yes, it is fixed and we are watching it closely",
        "Yes, and it is resolved",
    ];
    let phases = draft_choices(
        draft,
        "Is this notice one of a series of updates, and where do things stand?",
        Some("Send the first update while you still investigate; each update repeats the facts for readers who missed the earlier ones."),
        "phase",
        &PHASES,
        PHASES.iter().zip(labels).map(|(p, l)| (format!("phase-{}", p.name()), l.into())).collect(),
        |d| d.update.phase,
        |d, p| d.set_phase(p),
    );
    view! {
        {phases}
        {show(Box::new(move || phase() != Phase::NotSaid), Box::new(move || view! {
            {time_answer(
                draft,
                "update-sent",
                "When will this update be sent?",
                TimeLens { get: |d| Some(&d.update.published), get_mut: |d| Some(&mut d.update.published), at: EnteredTime::UpdateSent },
            )}
            {show(Box::new(move || number() > 1), Box::new(move || view! {
                {text_answer(
                    draft,
                    "update-changes",
                    "What is new since the last update?",
                    "Readers who read the last update start here. For example: “We found the cause: a configuration error we made during maintenance.”",
                    None,
                    TextLens { get: |d| &d.update.changes, get_mut: |d| &mut d.update.changes },
                    3,
                )}
            }.into_any()))}
            {move || {
                let sent = draft.with(|d| crate::steps::sent_updates(d, crate::ui::zones()));
                (!sent.is_empty()).then(|| view! {
                    <h2 class="subhead">"Updates already sent"</h2>
                    <ol class="timeline">
                        {sent.into_iter().map(|(heading, details)| {
                            view! { <li><strong>{heading}</strong>" "{details}</li> }
                        }).collect_view()}
                    </ol>
                })
            }}
            <div class="post-update">
                <p class="hint">
                    {move || format!("When you have sent update {}, start the next one here. The facts stay; what is new starts empty.", number())}
                </p>
                {move || if confirming.get() {
                    confirm(
                        "post-confirm",
                        format!("Mark update {} as sent and start update {}?", number(), number() + 1),
                        button("primary", "Yes, start the next update".into(), Box::new(move || {
                            draft.update(|d| d.post_update());
                            confirming.set(false);
                            crate::ui::fields::focus_by_id("update-sent-date");
                        })),
                        button("secondary", "Not yet".into(), Box::new(move || confirming.set(false))),
                    )
                } else {
                    view! {
                        <button type="button" class="secondary" on:click=on_click(move |_| confirming.set(true))>
                            {move || format!("I have sent update {}: start the next one", number())}
                        </button>
                    }.into_any()
                }}
            </div>
        }.into_any()))}
    }
    .into_any()
}

/// An optional starting point for common incidents, above the first question.
fn preset_picker(draft: RwSignal<Draft>) -> AnyView {
    // A preset waiting for the author to confirm it may replace their words.
    let pending = RwSignal::new(None::<crate::model::Preset>);
    let choose = move |preset| {
        if draft.with(presets::would_replace) && draft.with(|d| d.preset) != Some(preset) {
            pending.set(Some(preset));
        } else {
            draft.update(|d| *d = presets::apply(preset, d));
        }
    };
    let current = move || {
        draft
            .with(|d| d.preset)
            .map(|p| p.name().to_owned())
            .unwrap_or_default()
    };
    view! {
        <div class="field">
            <label for="preset">"What kind of incident is it? (optional)"</label>
            <p class="hint" id="preset-hint">
                "A starting point adds wording and examples. It never adds facts."
            </p>
            <select
                id="preset"
                aria-describedby="preset-hint"
                prop:value=current
                on:change=on_value(move |chosen| {
                    if let Some(preset) = presets::ALL.into_iter().find(|p| p.name() == chosen) {
                        choose(preset);
                    }
                })
            >
                <option value="" disabled=true>"Choose a kind of incident"</option>
                {presets::ALL
                    .into_iter()
                    .map(|preset| view! { <option value=preset.name()>{presets::name(preset)}</option> })
                    .collect_view()}
            </select>
        </div>
        {move || {
            pending
                .get()
                .map(|preset| {
                    let text = format!(
                        "“{}” replaces your apology and what readers must do with its own wording. Everything else you wrote stays.",
                        presets::name(preset)
                    );
                    let replace = view! {
                        <button
                            type="button"
                            on:click=on_click(move |_| {
                                draft.update(|d| *d = presets::replace(preset, d));
                                pending.set(None);
                            })
                        >
                            "Replace them"
                        </button>
                    };
                    let keep = view! {
                        <button type="button" on:click=on_click(move |_| pending.set(None))>
                            "Keep what I wrote"
                        </button>
                    };
                    confirm("confirm-text", text, replace.into_any(), keep.into_any())
                })
        }}
    }
    .into_any()
}

fn when_step(draft: RwSignal<Draft>) -> AnyView {
    let end_state = move || draft.with(|d| d.window.end_state);
    // Read again on every change; the alert's text is set only when it changes.
    let end_problem = move || draft.with(|d| crate::model::end_before_start(d, crate::ui::zones()));
    view! {
        {time_answer(
            draft,
            "start",
            "When did it start?",
            TimeLens { get: |d| Some(&d.window.start), get_mut: |d| Some(&mut d.window.start), at: EnteredTime::Start },
        )}
        {draft_choices(
            draft,
            "Has it ended?",
            None,
            "end-state",
            &[EndState::Ended, EndState::Ongoing],
            vec![
                ("end-ended".into(), "Yes, it has ended".into()),
                ("end-ongoing".into(), "No, it is still going on".into()),
            ],
            |d| d.window.end_state,
            |d, state| d.set_end_state(state),
        )}
        {show(Box::new(move || end_state() == EndState::Ended), Box::new(move || view! {
            {time_answer(
                draft,
                "end",
                "When did it end?",
                TimeLens { get: |d| Some(&d.window.end), get_mut: |d| Some(&mut d.window.end), at: EnteredTime::End },
            )}
            {move || end_problem().map(|p| view! { <p class="problem" role="alert">{p}</p> })}
        }.into_any()))}
        {show(Box::new(move || end_state() == EndState::Ongoing), Box::new(move || view! {
            {time_answer(
                draft,
                "next-update",
                "When will you send the next update, at the latest?",
                TimeLens { get: |d| Some(&d.window.next_update), get_mut: |d| Some(&mut d.window.next_update), at: EnteredTime::NextUpdate },
            )}
        }.into_any()))}
        {audience_zones(draft)}
    }
    .into_any()
}

fn audience_zones(draft: RwSignal<Draft>) -> AnyView {
    let count = move || draft.with(|d| d.audience_zones.len());
    // What a change did beyond itself (a zone listed twice kept once).
    let news = RwSignal::new(String::new());
    // After rows move, where the zone now is (the next frame has them).
    let focus_row =
        |i: usize| request_animation_frame(move || focus_by_id(&format!("audience-{i}")));
    view! {
        <fieldset class="zones">
            <legend>"Which time zones do your readers live in?"</legend>
            <p class="hint">"The notice shows every time in each of these zones, so nobody has to convert."</p>
            <p class="zone-source">
                {format!(
                    "Candor takes time-zone rules from your browser ({}), so times follow the newest rules your browser knows.",
                    crate::time::intl::browser_description()
                )}
            </p>
            {rows(Box::new(count), Box::new(move |i| view! {
                <div class="zone-row">
                    {zone_picker(
                        format!("audience-{i}"),
                        format!("Readers' time zone {}", i + 1),
                        Signal::derive(move || draft.with(|d| d.audience_zones.get(i).cloned().unwrap_or_default())),
                        Callback::new(move |zone: String| draft.update(|d| {
                            let merged = d.set_audience_zone(i, &zone);
                            // The edited row may be the one removed: focus where the zone is.
                            if let Some((at, _)) = merged.as_ref().filter(|(at, _)| *at != i) {
                                focus_row(*at);
                            }
                            news.set(merged.map(|(_, said)| said).unwrap_or_default());
                        })),
                    )}
                    {button("secondary", format!("Remove time zone {}", i + 1).into(), Box::new(move || {
                        draft.update(|d| { if i < d.audience_zones.len() { d.audience_zones.remove(i); } })
                    }))}
                </div>
            }.into_any()))}
            <p class="zone-news" aria-live="polite">{move || news.get()}</p>
            {button("secondary", "Add a time zone".into(), Box::new(move || {
                draft.update(|d| focus_row(d.add_audience_zone_row()))
            }))}
        </fieldset>
    }
    .into_any()
}

fn impact_step(draft: RwSignal<Draft>) -> AnyView {
    const LOSS: [DataLoss; 4] = [
        DataLoss::None,
        DataLoss::Some,
        DataLoss::All,
        DataLoss::NotKnownYet,
    ];
    const RECOVERY: [Recovery; 4] = [
        Recovery::Recovered,
        Recovery::Partly,
        Recovery::CannotRecover,
        Recovery::NotKnownYet,
    ];
    view! {
        {text_answer(
            draft,
            "impact",
            "What was lost or broken, and what still worked?",
            "Be exact: readers plan around what they lost.",
            Some(|e| e.impact),
            TextLens { get: |d| &d.impact, get_mut: |d| &mut d.impact },
            3,
        )}
        {draft_choices(
            draft,
            "Was any data lost?",
            None,
            "data-loss",
            &LOSS,
            LOSS.iter().map(|o| (format!("loss-{}", o.name()), data_loss_label(*o).into())).collect(),
            |d| d.data_loss,
            |d, o| d.data_loss = o,
        )}
        {show(Box::new(move || draft.with(|d| matches!(d.data_loss, DataLoss::Some | DataLoss::All))), Box::new(move || view! {
            {draft_choices(
                draft,
                "Can it be recovered?",
                None,
                "recovery",
                &RECOVERY,
                RECOVERY.iter().map(|o| (format!("recovery-{}", o.name()), recovery_label(*o).into())).collect(),
                |d| d.recovery,
                |d, o| d.recovery = o,
            )}
        }.into_any()))}
    }
    .into_any()
}

fn actions_step(draft: RwSignal<Draft>) -> AnyView {
    let mode = move || draft.with(|d| d.actions);
    let count = move || draft.with(|d| d.action_list.len());
    let with_step = move |i: usize, f: Box<dyn FnOnce(&mut Action)>| {
        draft.update(|d| {
            if let Some(step) = d.action_list.get_mut(i) {
                f(step)
            }
        })
    };
    view! {
        {draft_choices(
            draft,
            "Do readers need to do anything?",
            None,
            "actions-mode",
            &[ReaderActions::Nothing, ReaderActions::Steps],
            vec![
                ("actions-nothing".into(), "No: the notice says they need to do nothing".into()),
                ("actions-steps".into(), "Yes: list what they must do".into()),
            ],
            |d| d.actions,
            |d, mode| d.set_reader_actions(mode),
        )}
        {show(Box::new(move || mode() == ReaderActions::Steps), Box::new(move || view! {
            {rows(Box::new(count), Box::new(move |i| view! {
                <div class="action-row">
                    <label for=format!("action-{i}")>{format!("Thing to do {}", i + 1)}</label>
                    <p class="hint" id=format!("action-{i}-hint")>"Start with a verb. For example: “Re-send any e-mail you sent to support”"</p>
                    <input
                        id=format!("action-{i}")
                        type="text"
                        aria-describedby=format!("action-{i}-hint")
                        prop:value=move || draft.with(|d| d.action_list.get(i).map(|a| a.text.clone()).unwrap_or_default())
                        on:input=on_value(move |v| with_step(i, Box::new(move |a| a.text = v)))
                    />
                    {checkbox(
                        format!("action-{i}-window"),
                        "Add the incident's times (“between … and …”)",
                        Box::new(move || draft.with(|d| d.action_list.get(i).is_some_and(|a| a.during_window))),
                        Box::new(move |on| with_step(i, Box::new(move |a| a.during_window = on))),
                    )}
                    {button("secondary", format!("Remove thing to do {}", i + 1).into(), Box::new(move || {
                        draft.update(|d| { if i < d.action_list.len() { d.action_list.remove(i); } })
                    }))}
                </div>
            }.into_any()))}
            {button("secondary", "Add another thing to do".into(), Box::new(move || draft.update(|d| d.action_list.push(Action::default()))))}
        }.into_any()))}
    }
    .into_any()
}

fn cause_step(draft: RwSignal<Draft>) -> AnyView {
    let mode = move || draft.with(|d| d.cause_state);
    view! {
        {draft_choices(
            draft,
            "Do you know why it happened?",
            None,
            "cause-mode",
            &[CauseState::Known, CauseState::NotKnownYet],
            vec![
                ("cause-known".into(), "Yes".into()),
                ("cause-unknown".into(), "Not yet: the notice says “We do not know the cause yet.”".into()),
            ],
            |d| d.cause_state,
            |d, state| d.cause_state = state,
        )}
        {show(Box::new(move || mode() == CauseState::Known), Box::new(move || view! {
            {text_answer(
                draft,
                "cause",
                "Why did it happen?",
                "Say who did what, in the active voice.",
                Some(|e| e.cause),
                TextLens { get: |d| &d.cause, get_mut: |d| &mut d.cause },
                3,
            )}
        }.into_any()))}
        {text_answer(
            draft,
            "fix",
            "What did you do to fix it? (optional)",
            "Readers want to know it is fixed, and how you know.",
            Some(|e| e.fix),
            TextLens { get: |d| &d.fix, get_mut: |d| &mut d.fix },
            3,
        )}
    }
    .into_any()
}
