//! The reader's page (issue #17): the notice a reader's link carries, read
//! only, every time first in the reader's own zone. Built as its own wasm
//! (src/bin/reader.rs, src/read.html), so a customer opening it on a phone
//! downloads none of the editor's views and none of the candor check.

use leptos::prelude::*;

use super::fields::{button, zone_picker};
use super::{fetch_zone_tables, zones, Arrived};
use crate::notice::reader::{first_zone_note, for_readers, zones_sentence};
use crate::notice::{Block, Paragraph, Span};
use crate::share::{self, ReaderNotice};
use crate::time::intl::browser_zone;

/// Starts the reader's page in the page's `#app` element.
pub fn start() {
    super::mount(ReaderPage);
}

/// The masthead: Candor's name, one line saying what it is, and the way to
/// the editor. `notice` says whether a notice is shown below it: only then
/// does the line say the notice was written with Candor.
fn masthead(notice: bool) -> impl IntoView {
    let tagline = if notice {
        "This notice was written with Candor, which helps teams tell their customers plainly what went wrong."
    } else {
        "Candor helps teams tell their customers plainly what went wrong."
    };
    view! {
        <header class="masthead">
            <div>
                <p class="product">"Candor"</p>
                <p class="tagline">{tagline}</p>
            </div>
            <a class="write-own" href="../">"Write your own notice"</a>
        </header>
    }
}

#[component]
fn ReaderPage() -> impl IntoView {
    // Another link pasted into the address bar changes only the part after
    // "#": open it as if it were loaded afresh.
    let _ = window_event_listener(leptos::ev::hashchange, |_| {
        let _ = window().location().reload();
    });
    let hash = window().location().hash().unwrap_or_default();
    match share::decode_for_readers(&hash) {
        Ok(opened) => notice_page(opened).into_any(),
        Err(error) => {
            let review = share::is_review_link(&hash);
            let sentence = share::why_not_shown(&hash, &error);
            document().set_title("Candor: this notice cannot be shown");
            view! {
                {masthead(false)}
                <main class="reader">
                    <h1>"This notice cannot be shown"</h1>
                    <p class="problem">{sentence}</p>
                    {review.then(|| view! {
                        <p><a href=format!("../{hash}")>"Open the draft in Candor's editor"</a></p>
                    })}
                </main>
            }
            .into_any()
        }
    }
}

fn notice_page(opened: ReaderNotice) -> impl IntoView {
    let own = browser_zone();
    let shown = RwSignal::new(own.clone().unwrap_or_else(|| "UTC".to_string()));
    let opened = StoredValue::new(opened);
    let notice = Memo::new(move |_| {
        shown.with(|zone| {
            opened.with_value(|o| for_readers(o.form, &o.draft.for_reader(zone), zones()))
        })
    });
    Effect::new(move |_| document().set_title(&notice.with(|n| n.subject.plain())));
    // The zone search's tables come after the notice is on screen: until
    // then the search offers the browser's own list of zones.
    let arrived = Arrived(RwSignal::new(0));
    provide_context(arrived);
    leptos::task::spawn_local(fetch_zone_tables(arrived));
    let own_zone = own.clone();
    let sentence = move || {
        shown
            .with(|zone| opened.with_value(|o| zones_sentence(zone, own_zone.as_deref(), &o.draft)))
    };
    view! {
        {masthead(true)}
        <main class="reader">
            <p class="hint">{move || shown.with(|zone| first_zone_note(zone))}</p>
            <article class="reader-notice" aria-labelledby="notice-title">
                <h1 id="notice-title">{move || notice.with(|n| spans(&n.subject))}</h1>
                {move || notice.with(|n| n.blocks.iter().map(block).collect_view())}
            </article>
            <section class="reader-zones" aria-labelledby="zones-title">
                <h2 id="zones-title">"The times in this notice"</h2>
                <p id="zones-said">{sentence}</p>
                {zone_picker(
                    "reader-zone".into(),
                    "Show the times in another time zone".into(),
                    shown.into(),
                    Callback::new(move |zone: String| shown.set(zone)),
                )}
                {move || {
                    let own = own.clone()?;
                    (shown.get() != own).then(|| {
                        button("secondary", "Show the times in your own time zone".into(), Box::new(move || shown.set(own.clone())))
                    })
                }}
            </section>
        </main>
    }
}

/// One block of the notice: a paragraph, or a lead-in and its list.
fn block(b: &Block) -> AnyView {
    match b {
        Block::Paragraph(p) => view! { <p>{spans(p)}</p> }.into_any(),
        Block::List { lead, items } => view! {
            <p>{spans(lead)}</p>
            <ul>{items.iter().map(|item| view! { <li>{spans(item)}</li> }).collect_view()}</ul>
        }
        .into_any(),
    }
}

/// A paragraph's words as text nodes (never markup); an answer the author
/// left out is marked.
fn spans(p: &Paragraph) -> AnyView {
    p.0.iter()
        .map(|span| match span {
            Span::Text(text) => text.clone().into_any(),
            Span::Gap(question) => {
                view! { <mark class="gap">"[" {*question} "]"</mark> }.into_any()
            }
        })
        .collect_view()
        .into_any()
}
