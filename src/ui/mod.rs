//! Leptos components. They show state and forward events; every decision
//! (notice text, times, storage) is made by the core.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::Draft;
use crate::notice::{self, Paragraph, Span};

/// Starts Candor in the page's `#app` element (or the body when there is none).
pub fn start() {
    install_panic_hook();
    let document = document();
    if let Some(loading) = document.get_element_by_id("loading") {
        loading.remove();
    }
    match document
        .get_element_by_id("app")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        Some(app) => leptos::mount::mount_to(app, App).forget(),
        None => leptos::mount::mount_to_body(App),
    }
}

/// The sentence shown when Candor itself fails. Nothing is stored yet, so it
/// says so and asks the person to keep their words before reloading.
pub const INTERNAL_ERROR: &str = "Candor hit an internal error and stopped. \
Your draft is not saved: copy what you wrote from the fields below before you reload the page.";

/// A Rust panic is logged to the console and shown on the page, so the
/// person sees why typing stopped working instead of a page that ignores them.
/// With `panic = "abort"` the hook still runs before the module stops.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Candor panicked: {info}").into());
        show_internal_error(INTERNAL_ERROR);
    }));
}

/// Puts `message` into the page's alert area and makes it visible.
pub fn show_internal_error(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let area = match document.get_element_by_id("fatal") {
        Some(area) => area,
        None => {
            // A test document or a changed index.html: make the area.
            let Ok(area) = document.create_element("div") else {
                return;
            };
            area.set_id("fatal");
            let _ = area.set_attribute("role", "alert");
            if let Some(body) = document.body() {
                let _ = body.prepend_with_node_1(&area);
            }
            area
        }
    };
    area.set_text_content(Some(message));
    let _ = area.remove_attribute("hidden");
}

#[component]
pub fn App() -> impl IntoView {
    let draft = RwSignal::new(Draft::default());
    let opening = Memo::new(move |_| draft.with(notice::opening));

    view! {
        <header class="masthead">
            <p class="product">"Candor"</p>
            <p class="tagline">
                "Write a plain, honest notice for your customers when something has gone wrong."
            </p>
        </header>
        <main class="layout">
            <section class="step" aria-labelledby="step-title">
                <h1 id="step-title">"What happened?"</h1>
                <label for="what-happened">"What happened, in one or two sentences?"</label>
                <p class="hint" id="what-happened-hint">
                    "Readers decide from this sentence whether the notice is about them. "
                    "Say what broke, in plain words. For example: "
                    <q>"All e-mail sent to our support addresses was lost."</q>
                </p>
                <textarea
                    id="what-happened"
                    rows="4"
                    aria-describedby="what-happened-hint"
                    prop:value=move || draft.with(|d| d.what_happened.clone())
                    on:input:target=move |ev| {
                        let value = ev.target().value();
                        draft.update(|d| d.what_happened = value);
                    }
                ></textarea>
            </section>
            <section class="preview" aria-label="Notice preview">
                <h2 class="preview-title">"Notice preview"</h2>
                <ParagraphView paragraph=opening />
            </section>
        </main>
    }
}

/// One paragraph of the notice; gaps are marked so the author sees what is missing.
#[component]
fn ParagraphView(#[prop(into)] paragraph: Signal<Paragraph>) -> impl IntoView {
    view! {
        <p>
            {move || {
                paragraph
                    .get()
                    .0
                    .into_iter()
                    .map(|span| match span {
                        Span::Text(text) => text.into_any(),
                        Span::Gap(question) => {
                            view! { <mark class="gap">"[" {question} "]"</mark> }.into_any()
                        }
                    })
                    .collect_view()
            }}
        </p>
    }
}
