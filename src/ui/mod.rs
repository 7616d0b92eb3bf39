//! Leptos components. They show state and forward events; every decision
//! (notice text, times, storage) is made by the core.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub mod clipboard;
mod drafts;
mod fields;
mod later;
mod preview;
pub mod reader;
mod steps;

use crate::notice;
use crate::steps::Step;
use crate::time::intl::{browser_zone, supported_zones, IntlZones};
use drafts::Session;
use fields::{button, on_click, show};
use later::CheckParts;
use preview::notice_view;
use steps::step_body;

/// Starts Candor in the page's `#app` element (or the body when there is none).
pub fn start() {
    mount(App);
}

/// Mounts a page's root component in the page's `#app` element (or the
/// body when there is none), in place of the loading message.
fn mount<V: IntoView + 'static>(root: fn() -> V) {
    install_panic_hook();
    let document = document();
    if let Some(loading) = document.get_element_by_id("loading") {
        loading.remove();
    }
    match document
        .get_element_by_id("app")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        Some(app) => leptos::mount::mount_to(app, root).forget(),
        None => leptos::mount::mount_to_body(root),
    }
}

/// A Rust panic is logged to the console with its message, for whoever
/// looks into it. The program then stops with a trap, and the page's
/// initializer (src/initializer.js) tells the person what happened and what
/// to do. In the release build a panic traps at once, without this hook
/// (scripts/release.sh); the initializer's message is the same.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Candor panicked: {info}").into());
    }));
}

thread_local! {
    // One Intl-backed rule source for the page: it caches a formatter per zone.
    static ZONES: &'static IntlZones = Box::leak(Box::new(IntlZones::new()));
}

/// The zone rules the page uses: the reader's own browser.
pub fn zones() -> &'static IntlZones {
    ZONES.with(|z| *z)
}

thread_local! {
    static KNOWN_ZONES: &'static [String] = Box::leak(supported_zones().into_boxed_slice());
    static SEARCHABLE_ZONES: std::cell::OnceCell<&'static [String]> = const { std::cell::OnceCell::new() };
}

/// Every zone name the reader's browser knows, old names included: an
/// author who types one exactly gets it.
pub fn known_zones() -> &'static [String] {
    KNOWN_ZONES.with(|z| *z)
}

/// The zones the picker offers (tzdb's current names and UTC).
/// Until the place table has arrived, the browser's own list.
pub fn searchable_zones() -> &'static [String] {
    if !crate::time::catalog::has_places() {
        return known_zones();
    }
    SEARCHABLE_ZONES.with(|z| {
        *z.get_or_init(|| Box::leak(crate::time::catalog::searchable_zones().into_boxed_slice()))
    })
}

/// The browser's clock, in Unix seconds.
pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Counts the files fetched after start (the zone search's tables, the
/// check's rules) as they arrive, for what reads them.
#[derive(Clone, Copy)]
pub struct Arrived(pub RwSignal<u8>);

/// The text of a file the release build names in `<meta name=…>`
/// (scripts/post-build.mjs), or why it could not be had, as a sentence.
async fn fetch_file(meta: &str) -> Result<String, String> {
    use wasm_bindgen_futures::JsFuture;
    let offline = || "Candor could not reach the server; you may be offline.".to_string();
    let url = document()
        .query_selector(&format!("meta[name={meta}]"))
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .ok_or_else(|| format!("this page does not say where to find it ({meta})."))?;
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str(&url))
        .await
        .map_err(|_| offline())?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("the server answered {}.", response.status()));
    }
    let text = response.text().map_err(|_| offline())?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(offline)
}

/// Fetches the zone search's tables (named in `<meta name=candor-places>`
/// and `candor-names`) and installs them; until then, and if they cannot be
/// had, the search offers the browser's own list of zones.
async fn fetch_zone_tables(arrived: Arrived) {
    if let (Ok(places), Ok(names)) = (
        fetch_file("candor-places").await,
        fetch_file("candor-names").await,
    ) {
        crate::time::catalog::install(places, names);
        arrived.0.update(|n| *n += 1);
    }
}

/// A draft that arrived in the address (a share link) is opened and saved
/// here; a bad link gets one sentence and changes nothing stored. Either
/// way the link leaves the address bar, so a reload does not open it twice.
fn open_link(session: Session) {
    let location = window().location();
    let hash = location.hash().unwrap_or_default();
    if hash.len() <= 1 {
        return;
    }
    // A link for readers opens on the reader's page, where it belongs.
    if hash[1..].starts_with(crate::share::READER_MARK) {
        let page = crate::share::readers_page(&location.pathname().unwrap_or_default());
        let _ = location.replace(&format!("{page}{hash}"));
        return;
    }
    match crate::share::decode(&hash) {
        Ok(draft) => session.open_shared(draft),
        Err(error) => session.warnings.update(|w| {
            w.push(format!("{error} No draft stored here was changed."));
        }),
    }
    let clean = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
    }
}

#[component]
pub fn App() -> impl IntoView {
    let zone = browser_zone().unwrap_or_else(|| "UTC".to_string());
    let session = Session::start(&zone);
    session.autosave();
    open_link(session);
    // A link pasted into the address bar of an open Candor changes only the
    // part after "#": the page does not reload, so listen for it.
    let _ = window_event_listener(leptos::ev::hashchange, move |_| open_link(session));
    let draft = session.draft;
    let step = session.step;
    let show_drafts = RwSignal::new(false);
    let notice = Memo::new(move |_| draft.with(|d| notice::compose(d, zones())));
    // The zone search's tables and the check's rules are files of their
    // own, fetched once the author moves past the first step (the steps that
    // use them come later); what reads them follows `arrived`. Not at once:
    // fetched while a new version's service worker installs, they kept it
    // from taking over (tests/e2e/offline.spec.js, slow connection).
    let arrived = Arrived(RwSignal::new(0));
    provide_context(arrived);
    let asked = StoredValue::new(false);
    Effect::new(move |_| {
        if step.get() == Step::WhatHappened || asked.get_value() {
            return;
        }
        asked.set_value(true);
        leptos::task::spawn_local(async move {
            fetch_zone_tables(arrived).await;
            crate::candor::install_rules(fetch_file("candor-rules").await);
            arrived.0.update(|n| *n += 1);
        });
    });
    // The candor check reads the whole draft and notice: it runs on the
    // check step (`preview::findings`), not on every keystroke of every step.
    // While it is shown, the preview marks the words it found. A signal the
    // check step sets, not a value derived here: deriving it here would put
    // the check's code in the start module instead of the check step's part.
    let flagged = RwSignal::new(Vec::new());

    // After moving to another step, put focus on its heading so keyboard and
    // screen-reader users start reading at the new question.
    let go = Callback::new(move |to: Step| {
        step.set(to);
        request_animation_frame(|| fields::focus_by_id("step-title"));
    });

    view! {
        <header class="masthead">
            // Past the drafts button and the eleven steps to the question,
            // for someone on a keyboard; shown only while it has focus.
            <button
                type="button"
                class="skip-link primary"
                on:click=on_click(move |_| fields::focus_by_id("step-title"))
            >
                "Skip to the question"
            </button>
            <div>
                <p class="product">"Candor"</p>
                <p class="tagline">
                    "Write a plain, honest notice for your customers when something has gone wrong."
                </p>
            </div>
            <div class="masthead-tools">
                <p
                    class="save-status"
                    class:not-saved=move || session.status.with(|s| matches!(s, crate::store::SaveStatus::NotSaved(_) | crate::store::SaveStatus::MemoryOnly))
                    role="status"
                >
                    {move || session.status_text()}
                </p>
                <button
                    type="button"
                    class="secondary"
                    aria-expanded=move || show_drafts.get().to_string()
                    aria-controls="drafts-panel"
                    on:click=on_click(move |_| show_drafts.update(|s| *s = !*s))
                >
                    {move || format!("Drafts ({})", session.listing.with(|l| l.drafts.len()))}
                </button>
            </div>
        </header>
        {move || {
            let warnings = session.warnings.get();
            (!warnings.is_empty()).then(|| view! {
                <div class="warnings" role="alert">
                    {warnings.into_iter().map(|w| view! { <p>{w}</p> }).collect_view()}
                </div>
            })
        }}
        <p class="news" aria-live="polite">{move || session.news.get()}</p>
        // Built only while open: a long list of drafts costs nothing at start.
        <div id="drafts-panel">
            {show(
                Box::new(move || show_drafts.get()),
                Box::new(move || later::drafts_panel(session, zone.clone())),
            )}
        </div>
        <div class="layout">
            <nav class="step-list" aria-label="Steps">
                <ol>
                    {Step::ALL
                        .into_iter()
                        .map(|s| {
                            let answered = move || draft.with(|d| s.is_answered(d));
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="step-link"
                                        class:current=move || step.get() == s
                                        aria-current=move || (step.get() == s).then_some("step")
                                        on:click=on_click(move |_| go.run(s))
                                    >
                                        <span class="step-name">{s.title()}</span>
                                        <span class="step-state">
                                            {move || if answered() { "" } else { "needs an answer" }}
                                        </span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </nav>
            <main class="step" aria-labelledby="step-title">
                <p class="step-count">
                    {move || format!("Step {} of {}", step.get().index() + 1, Step::ALL.len())}
                </p>
                <h1 id="step-title" tabindex="-1">{move || step.get().title()}</h1>
                {move || {
                    let s = step.get();
                    if s == Step::Check {
                        later::check_step(CheckParts { draft, go, notice, flagged, arrived })
                    } else {
                        step_body(s, draft)
                    }
                }}
                <div class="step-nav">
                    {move || step.get().previous().map(|p| {
                        button("secondary", "Back".into(), Box::new(move || go.run(p)))
                    })}
                    {move || step.get().next().map(|n| {
                        let label = if n == Step::Check { "Next: check your notice" } else { "Next" };
                        button("primary", label.into(), Box::new(move || go.run(n)))
                    })}
                </div>
            </main>
            <section class="preview" aria-label="Notice preview">
                <h2 class="preview-title">"Notice preview"</h2>
                {notice_view(notice.into(), flagged.into())}
            </section>
        </div>
    }
}
