#![cfg(target_arch = "wasm32")]
//! The clipboard adapter in a real browser: every refusal is a typed
//! reason (so the page can fall back to selecting the text), never a panic.

use candor::ui::clipboard::{copy_rich, copy_text, select_all, CopyError};
use js_sys::Reflect;
use leptos::prelude::document;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn navigator() -> JsValue {
    Reflect::get(&js_sys::global(), &"navigator".into()).unwrap()
}

#[wasm_bindgen_test]
async fn a_browser_without_the_clipboard_api_gets_a_reason() {
    // Hide the API the way an old browser or a non-secure page lacks it.
    let nav = navigator();
    let descriptor = js_sys::Object::new();
    Reflect::set(&descriptor, &"value".into(), &JsValue::UNDEFINED).unwrap();
    Reflect::set(&descriptor, &"configurable".into(), &JsValue::TRUE).unwrap();
    let target: js_sys::Object = nav.clone().unchecked_into();
    js_sys::Object::define_property(&target, &"clipboard".into(), &descriptor);
    assert_eq!(copy_text("hello").await, Err(CopyError::Unavailable));
    assert_eq!(
        copy_rich("<p>hello</p>", "hello").await,
        Err(CopyError::Unavailable)
    );
    Reflect::delete_property(&target, &"clipboard".into()).unwrap();
}

#[wasm_bindgen_test]
async fn a_refusal_or_success_is_reported_never_a_panic() {
    // Headless Chromium without a user gesture refuses or allows depending on
    // its settings; either way the adapter answers with a result.
    match copy_text("hello").await {
        Ok(()) | Err(CopyError::Refused) | Err(CopyError::Failed(_)) => {}
        Err(CopyError::Unavailable) => panic!("Chromium has the Clipboard API"),
    }
    match copy_rich("<p>hello</p>", "hello").await {
        Ok(()) | Err(CopyError::Refused) | Err(CopyError::Failed(_)) => {}
        Err(CopyError::Unavailable) => panic!("Chromium has the Clipboard API"),
    }
}

#[wasm_bindgen_test]
fn the_fallback_selects_the_whole_text() {
    let area: web_sys::HtmlTextAreaElement = document()
        .create_element("textarea")
        .unwrap()
        .unchecked_into();
    area.set_id("notice-text");
    area.set_value("Subject: test\n\nBody");
    document().body().unwrap().append_child(&area).unwrap();
    select_all("notice-text");
    assert_eq!(area.selection_start().unwrap(), Some(0));
    assert_eq!(
        area.selection_end().unwrap(),
        Some("Subject: test\n\nBody".len() as u32)
    );
    area.remove();
}
