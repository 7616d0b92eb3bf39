//! Labelled answer fields. Each one reads its value from the draft and
//! writes every keystroke straight back, so nothing typed is ever held only
//! in the page.

use std::borrow::Cow;
use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;

use crate::model::{Draft, EnteredTime, TimeCheck, WallTime};
use crate::notice::presets::{self, Examples};
use crate::time::catalog;
use crate::ui::{known_zones, now, searchable_zones, zones};

/// Where a text answer lives in the draft.
#[derive(Clone, Copy)]
pub struct TextLens {
    pub get: fn(&Draft) -> &String,
    pub get_mut: fn(&mut Draft) -> &mut String,
}

/// A labelled text answer with a hint (then the preset's example, when
/// there is one); `rows` > 1 makes it a text area.
#[allow(clippy::too_many_arguments)]
pub fn text_answer(
    draft: RwSignal<Draft>,
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    example: Option<fn(&Examples) -> &'static str>,
    lens: TextLens,
    rows: u32,
) -> AnyView {
    let hint_id = format!("{id}-hint");
    let value = move || draft.with(|d| (lens.get)(d).clone());
    let field = if rows > 1 {
        view! {
            <textarea
                id=id
                rows=rows
                aria-describedby=hint_id.clone()
                prop:value=value
                on:input=on_value(move |text| draft.update(|d| *(lens.get_mut)(d) = text))
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id
                type="text"
                aria-describedby=hint_id.clone()
                prop:value=value
                on:input=on_value(move |text| draft.update(|d| *(lens.get_mut)(d) = text))
            />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <p class="hint" id=hint_id>
                {move || match example {
                    Some(example) => {
                        let ex = presets::examples(draft.with(|d| d.preset));
                        format!("{hint} For example: “{}”", example(&ex))
                    }
                    None => hint.to_string(),
                }}
            </p>
            {field}
        </div>
    }
    .into_any()
}

/// Where a wall time lives in the draft (absent while, say, the end is "ongoing").
#[derive(Clone, Copy)]
pub struct TimeLens {
    pub get: fn(&Draft) -> Option<&WallTime>,
    pub get_mut: fn(&mut Draft) -> Option<&mut WallTime>,
    /// Which time it is, to show the core's offer of its zone beside it.
    pub at: EnteredTime,
}

/// A date, a time and a zone, with the time shown back as readers will see
/// it, or what is wrong with it and the choices that fix it.
pub fn time_answer(
    draft: RwSignal<Draft>,
    id: &'static str,
    legend: &'static str,
    lens: TimeLens,
) -> AnyView {
    let read = move |f: fn(&WallTime) -> String| {
        move || draft.with(|d| (lens.get)(d).map(f).unwrap_or_default())
    };
    let edit = move |f: Box<dyn FnOnce(&mut WallTime)>| {
        draft.update(|d| {
            if let Some(wall) = (lens.get_mut)(d) {
                f(wall)
            }
        })
    };
    let check = Memo::new(move |_| {
        draft.with(|d| {
            (lens.get)(d)
                .map(|w| w.check(zones()))
                .unwrap_or(TimeCheck::Empty)
        })
    });
    let approximate = move || draft.with(|d| (lens.get)(d).is_some_and(|w| w.approximate));
    // The zone of this time, when readers would not see it yet: offered,
    // never added silently. What adding it did is said in the status.
    // Not a memo (it costs 0.9 KB of gzip): the button sits outside the
    // live status, so building it again on a change elsewhere says nothing.
    let offer = move || {
        draft.with(|d| {
            d.zones_to_offer(zones())
                .into_iter()
                .find(|o| o.beside == lens.at)
        })
    };
    let added = RwSignal::new(String::new());
    let zone_id = format!("{id}-zone");
    let focus_zone = zone_id.clone();
    let status_id = format!("{id}-status");

    view! {
        <fieldset class="time-answer" aria-describedby=status_id.clone()>
            <legend>{legend}</legend>
            <div class="time-row">
                {wall_field(
                    format!("{id}-date"),
                    "Date",
                    "date",
                    Box::new(read(WallTime::date_input)),
                    Box::new(move |v| edit(Box::new(move |w| w.set_date_input(&v)))),
                )}
                {wall_field(
                    format!("{id}-time"),
                    "Time",
                    "time",
                    Box::new(read(WallTime::time_input)),
                    Box::new(move |v| edit(Box::new(move |w| w.set_time_input(&v)))),
                )}
                <div class="field zone">
                    {zone_picker(
                        zone_id,
                        "Time zone".to_string(),
                        Signal::derive(read(|w| w.zone.clone())),
                        Callback::new(move |zone: String| {
                            edit(Box::new(move |w| {
                                w.zone = zone;
                                w.fold = None;
                            }))
                        }),
                    )}
                </div>
            </div>
            {checkbox(
                format!("{id}-approx"),
                "I only know this time roughly (the notice says “about”)",
                Box::new(approximate),
                Box::new(move |on| edit(Box::new(move |w| w.approximate = on))),
            )}
            <div class="time-status" id=status_id.clone() aria-live="polite">
                {move || time_status(check.get(), id, edit)}
                {move || match added.get() {
                    said if said.is_empty() => ().into_any(),
                    said => view! { <p class="hint">{said}</p> }.into_any(),
                }}
            </div>
            {move || match offer() {
                Some(offer) => {
                    let focus_zone = focus_zone.clone();
                    button("secondary", offer.label().into(), Box::new(move || {
                        draft.update(|d| added.set(d.add_audience_zone(&offer.zone)));
                        focus_by_id(&focus_zone);
                    }))
                }
                None => ().into_any(),
            }}
        </fieldset>
    }
    .into_any()
}

/// The date or the time of a wall time: a labelled input of `kind`.
// The view macro shares one reactive type among written-out closures only.
#[allow(clippy::redundant_closure)]
fn wall_field(
    id: String,
    label: &'static str,
    kind: &'static str,
    value: Box<dyn Fn() -> String + Send + Sync>,
    set: Box<dyn Fn(String)>,
) -> AnyView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id type=kind prop:value=move || value() on:change=on_value(set) />
        </div>
    }
    .into_any()
}

fn time_status(
    check: TimeCheck,
    id: &'static str,
    edit: impl Fn(Box<dyn FnOnce(&mut WallTime)>) + Copy + Send + Sync + 'static,
) -> AnyView {
    match check {
        TimeCheck::Empty => ().into_any(),
        TimeCheck::Shown(shown) => view! {
            <p class="time-shown">"Readers will see: " <strong>{shown}</strong></p>
        }
        .into_any(),
        TimeCheck::Problem(message) => view! { <p class="problem">{message}</p> }.into_any(),
        TimeCheck::Gap { message, choices } => {
            let [(first_label, first), (second_label, second)] = choices;
            view! {
                <p class="problem">{message}</p>
                <div class="choices">
                    <button type="button" on:click=on_click(move |_| edit(Box::new(move |w| w.set_wall(first))))>
                        "Use " {first_label}
                    </button>
                    <button type="button" on:click=on_click(move |_| edit(Box::new(move |w| w.set_wall(second))))>
                        "Use " {second_label}
                    </button>
                </div>
            }
            .into_any()
        }
        TimeCheck::Fold {
            message,
            earlier,
            later,
            chosen,
        } => {
            use crate::time::FoldChoice;
            let picked = match chosen.as_ref().map(|(choice, _)| *choice) {
                Some(FoldChoice::Earlier) => 0,
                Some(FoldChoice::Later) => 1,
                None => usize::MAX,
            };
            view! {
                {(!message.is_empty()).then(|| view! { <p class="problem">{message}</p> })}
                {choices(
                    "fold",
                    "This time happens twice. Which one do you mean?",
                    None,
                    format!("{id}-fold").into(),
                    vec![
                        (format!("{id}-fold-first"), earlier.into()),
                        (format!("{id}-fold-second"), later.into()),
                    ],
                    Arc::new(move || picked),
                    Arc::new(move |i: usize| {
                        let choice = if i == 0 { FoldChoice::Earlier } else { FoldChoice::Later };
                        edit(Box::new(move |w| w.fold = Some(choice)))
                    }),
                )}
                {chosen.map(|(_, shown)| view! {
                    <p class="time-shown">"Readers will see: " <strong>{shown}</strong></p>
                })}
            }
            .into_any()
        }
    }
}

/// A zone field that finds zones as the author types: by city, country,
/// common name or abbreviation, offset or IANA name. An exact IANA name is
/// taken when the field is left; otherwise the author picks from the list.
pub fn zone_picker(
    id: String,
    label: String,
    value: Signal<String>,
    on_pick: Callback<String>,
) -> AnyView {
    // What the author is typing, while they search; None shows the zone.
    let query = RwSignal::new(None::<String>);
    // A function, not a memo: the list below is its one reader while the
    // author types, and a Memo of its own type costs about 0.9 KB of gzip.
    let matches = |typed: Option<String>| match typed {
        Some(q) if !q.trim().is_empty() => catalog::search(&q, searchable_zones(), zones(), now()),
        _ => Vec::new(),
    };
    // The place table may arrive after the author starts typing: the list
    // follows it.
    let arrived = use_context::<crate::ui::Arrived>();
    let pick = move |zone: String| {
        query.set(None);
        on_pick.run(zone);
    };
    let status_id = format!("{id}-matches");
    let input_id = id.clone();
    let left_id = id.clone();
    view! {
        <label for=id.clone()>{label}</label>
        <input
            id=id.clone()
            type="text"
            autocomplete="off"
            spellcheck="false"
            aria-describedby=status_id.clone()
            prop:value=move || query.get().unwrap_or_else(|| value.get())
            on:input=on_value(move |typed| query.set(Some(typed)))
            on:change=on_value(move |typed| {
                let typed = typed.trim();
                let exact = searchable_zones().iter().chain(known_zones()).find(|z| z.eq_ignore_ascii_case(typed));
                if let Some(zone) = exact {
                    pick(zone.clone());
                } else if let [only] = matches(query.get_untracked()).as_slice() {
                    // One zone fits what was typed ("Kathmandu"): take it, so
                    // the field never shows a search the draft does not hold.
                    pick(only.zone.clone());
                    // Left with Tab, focus went to the match's button, which
                    // the pick takes away: move it on to what follows.
                    let from = left_id.clone();
                    request_animation_frame(move || focus_next_if_lost(&from));
                }
            })
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    query.set(None);
                }
            }
        />
        <div class="zone-matches" id=status_id aria-live="polite">
            {move || {
                if let Some(arrived) = arrived {
                    arrived.0.track();
                }
                let q = query.get().unwrap_or_default();
                let found = matches(Some(q.clone()));
                if q.trim().is_empty() {
                    return ().into_any();
                }
                if found.is_empty() {
                    return view! {
                        <p class="problem">
                            {format!("No time zone matches “{}”. Try a city, a country, an abbreviation such as EST, or an offset such as +05:30.", q.trim())}
                        </p>
                    }
                    .into_any();
                }
                let count = match found.len() {
                    1 => "1 time zone matches. Choose it:".to_string(),
                    n => format!("{n} time zones match. Choose one:"),
                };
                let input_id = input_id.clone();
                view! {
                    <p class="hint">{count}</p>
                    <ul class="zone-list">
                        {found
                            .into_iter()
                            .map(|m| {
                                let zone = m.zone.clone();
                                let input_id = input_id.clone();
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            class="zone-choice"
                                            on:click=on_click(move |_| {
                                                pick(zone.clone());
                                                focus_by_id(&input_id);
                                            })
                                        >
                                            <strong>{m.zone.clone()}</strong>
                                            " "
                                            <span>{m.description}</span>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </div>
    }
    .into_any()
}

/// When focus has fallen back to the page (the focused element was taken
/// away), moves it to the first control after the element with this id,
/// where the Tab key was taking the person.
pub fn focus_next_if_lost(id: &str) {
    use wasm_bindgen::JsCast;
    let doc = document();
    let lost = match (doc.active_element(), doc.body()) {
        (None, _) => true,
        (Some(active), Some(body)) => active.is_same_node(Some(&body)),
        (Some(_), None) => false,
    };
    let Some(from) = doc.get_element_by_id(id).filter(|_| lost) else {
        return;
    };
    let Ok(controls) = doc.query_selector_all("a[href], button, input, select, textarea") else {
        return;
    };
    for i in 0..controls.length() {
        let Some(node) = controls.item(i) else {
            continue;
        };
        if from.compare_document_position(&node) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0 {
            if let Ok(el) = node.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
            return;
        }
    }
}

/// Moves keyboard focus to the element with this id, if it is on the page.
pub fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Radio buttons in a fieldset, one `(id, label)` per choice; `chosen` is
/// the index of the checked one, `pick` gets the index picked. One view type
/// for every such group keeps the wasm small.
pub fn choices(
    class: &'static str,
    legend: &'static str,
    hint: Option<&'static str>,
    name: Cow<'static, str>,
    options: Vec<(String, Cow<'static, str>)>,
    chosen: Arc<dyn Fn() -> usize + Send + Sync>,
    pick: Arc<dyn Fn(usize) + Send + Sync>,
) -> AnyView {
    view! {
        <fieldset class=class>
            <legend>{legend}</legend>
            {hint.map(|hint| view! { <p class="hint">{hint}</p> })}
            {options
                .into_iter()
                .enumerate()
                .map(|(i, (id, label))| {
                    let (chosen, pick) = (chosen.clone(), pick.clone());
                    view! {
                        <div class="check-box">
                            <input type="radio" name=name.clone() id=id.clone()
                                prop:checked=move || chosen() == i
                                on:change=move |_| pick(i) />
                            <label for=id>{label}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
    .into_any()
}

/// `<button type="button" class=…>label</button>`, running `on_click`. One
/// view type for every such button keeps the wasm small.
pub fn button(class: &'static str, label: Cow<'static, str>, run: Box<dyn Fn()>) -> AnyView {
    view! { <button type="button" class=class on:click=on_click(move |_| run())>{label}</button> }
        .into_any()
}

/// What `<Show>` does, without a type per use: `children` while `when` is
/// true (it is memoized, so they are built again only when it changes).
pub fn show(
    when: Box<dyn Fn() -> bool + Send + Sync>,
    children: Box<dyn Fn() -> AnyView + Send + Sync>,
) -> AnyView {
    let when = ArcMemo::new(move |_| when());
    (move || {
        if when.get() {
            Either::Left(children())
        } else {
            Either::Right(())
        }
    })
    .into_any()
}

/// One row per index in `0..count()`, kept by index as `<For>` keeps them,
/// without a type per use.
pub fn rows(
    count: Box<dyn Fn() -> usize + Send + Sync>,
    row: Box<dyn Fn(usize) -> AnyView + Send + Sync>,
) -> AnyView {
    let row: std::sync::Arc<dyn Fn(usize) -> AnyView + Send + Sync> = row.into();
    view! { <For each=move || 0..count() key=|i| *i children=move |i| row(i) /> }.into_any()
}

/// A question that needs an answer before something is replaced or moved:
/// `text` (its element has the id `text_id`), then the two buttons.
pub fn confirm(text_id: &'static str, text: String, yes: AnyView, no: AnyView) -> AnyView {
    view! {
        <div class="confirm" role="alertdialog" aria-labelledby=text_id>
            <p id=text_id>{text}</p>
            {yes}
            {no}
        </div>
    }
    .into_any()
}

/// A labelled checkbox (`<div class="check-box">`); `on_change` gets whether it is ticked.
// The view macro shares one reactive type among written-out closures only.
#[allow(clippy::redundant_closure)]
pub fn checkbox(
    id: String,
    label: &'static str,
    checked: Box<dyn Fn() -> bool + Send + Sync>,
    on_change: Box<dyn Fn(bool)>,
) -> AnyView {
    view! {
        <div class="check-box">
            <input
                type="checkbox"
                id=id.clone()
                prop:checked=move || checked()
                on:change:target=move |ev| on_change(ev.target().checked())
            />
            <label for=id>{label}</label>
        </div>
    }
    .into_any()
}

/// Boxes a click handler: every `on:click=on_click(…)` then has one type,
/// where each closure type would cost its own copy of the event glue.
pub fn on_click(
    f: impl FnMut(web_sys::MouseEvent) + 'static,
) -> Box<dyn FnMut(web_sys::MouseEvent)> {
    Box::new(f)
}

/// Boxes a handler of the new value of an input, text area or select: every
/// `on:input=on_value(…)` or `on:change=on_value(…)` then has one type.
pub fn on_value(f: impl Fn(String) + 'static) -> Box<dyn FnMut(web_sys::Event)> {
    Box::new(move |ev| f(event_target_value(&ev)))
}

/// A button whose visible `label` is completed, for screen readers, by
/// `hidden` ("Change" … " what happened").
pub fn named_button(
    class: &'static str,
    label: &'static str,
    hidden: String,
    run: Box<dyn Fn()>,
) -> AnyView {
    view! {
        <button type="button" class=class on:click=on_click(move |_| run())>
            {label} <span class="visually-hidden">{hidden}</span>
        </button>
    }
    .into_any()
}
