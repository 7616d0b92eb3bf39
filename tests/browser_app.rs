#![cfg(target_arch = "wasm32")]
//! The app in a real browser: it mounts into a test document and the
//! preview follows what is typed.

use candor::ui::App;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, EventInit, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_container() -> HtmlElement {
    let document = document();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    container
}

fn type_into(field: &HtmlTextAreaElement, text: &str) {
    field.set_value(text);
    let init = EventInit::new();
    init.set_bubbles(true);
    field
        .dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

fn preview_text(container: &HtmlElement) -> String {
    container
        .query_selector("[aria-label='Notice preview']")
        .unwrap()
        .expect("the preview region is on the page")
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn preview_follows_typed_input() {
    let container = fresh_container();
    let _app = leptos::mount::mount_to(container.clone(), App);
    tick().await;

    assert!(preview_text(&container).contains("[what happened?]"));

    let field: HtmlTextAreaElement = container
        .query_selector("#what-happened")
        .unwrap()
        .expect("the first step's field is on the page")
        .unchecked_into();
    type_into(&field, "our login page <b>failed</b>");
    tick().await;

    let preview = preview_text(&container);
    assert!(
        preview.contains("Our login page <b>failed</b>."),
        "preview was {preview:?}"
    );
    assert!(!preview.contains("[what happened?]"));
    // The text is text: no element was made from it.
    assert!(container.query_selector(".preview b").unwrap().is_none());
}
