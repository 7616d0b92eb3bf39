//! The clipboard adapter: the Clipboard API where the browser allows it,
//! with rich text (`text/html`) and a plain-text alternative; otherwise a
//! typed reason, so the page can select the text and ask for Ctrl+C.
//! web-sys still marks the Clipboard API unstable, so the few calls are
//! bound here, each catching what the browser throws.

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    type ClipboardItem;

    #[wasm_bindgen(constructor, js_class = "ClipboardItem", catch)]
    fn new(items: &Object) -> Result<ClipboardItem, JsValue>;
}

/// Why the text could not be copied for the author.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CopyError {
    /// No Clipboard API here (an old browser, or a page not served over
    /// https or from this computer).
    Unavailable,
    /// The browser or the person refused permission.
    Refused,
    Failed(String),
}

impl std::fmt::Display for CopyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CopyError::Unavailable => f.write_str("this browser does not let web pages copy here"),
            CopyError::Refused => f.write_str("the browser did not allow copying"),
            CopyError::Failed(detail) => write!(f, "copying failed ({detail})"),
        }
    }
}

fn clipboard() -> Result<JsValue, CopyError> {
    let navigator = Reflect::get(&js_sys::global(), &JsValue::from_str("navigator"))
        .map_err(|_| CopyError::Unavailable)?;
    let clipboard = Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .map_err(|_| CopyError::Unavailable)?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return Err(CopyError::Unavailable);
    }
    Ok(clipboard)
}

fn error_from(js: &JsValue) -> CopyError {
    let name = Reflect::get(js, &JsValue::from_str("name"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    match name.as_str() {
        "NotAllowedError" | "SecurityError" => CopyError::Refused,
        "" => CopyError::Failed("unknown error".into()),
        other => CopyError::Failed(other.to_string()),
    }
}

async fn call(clipboard: &JsValue, method: &str, arg: &JsValue) -> Result<(), CopyError> {
    let function = Reflect::get(clipboard, &JsValue::from_str(method))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or(CopyError::Unavailable)?;
    let promise: Promise = function
        .call1(clipboard, arg)
        .map_err(|e| error_from(&e))?
        .dyn_into()
        .map_err(|_| CopyError::Failed("no promise".into()))?;
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|e| error_from(&e))
}

/// Copies plain text.
pub async fn copy_text(text: &str) -> Result<(), CopyError> {
    let clipboard = clipboard()?;
    call(&clipboard, "writeText", &JsValue::from_str(text)).await
}

/// Copies rich text with a plain-text alternative, so it pastes formatted
/// into an e-mail client and as text elsewhere. Falls back to plain text
/// where the browser has no `ClipboardItem`.
pub async fn copy_rich(html: &str, plain: &str) -> Result<(), CopyError> {
    let clipboard = clipboard()?;
    let blob = |text: &str, kind: &str| -> Result<web_sys::Blob, CopyError> {
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(kind);
        web_sys::Blob::new_with_str_sequence_and_options(
            &Array::of1(&JsValue::from_str(text)),
            &options,
        )
        .map_err(|e| error_from(&e))
    };
    let record = Object::new();
    let set = |kind: &str, value: &web_sys::Blob| {
        Reflect::set(&record, &JsValue::from_str(kind), value).map_err(|e| error_from(&e))
    };
    set("text/html", &blob(html, "text/html")?)?;
    set("text/plain", &blob(plain, "text/plain")?)?;
    match ClipboardItem::new(&record) {
        Ok(item) => call(&clipboard, "write", &Array::of1(&item)).await,
        Err(_) => call(&clipboard, "writeText", &JsValue::from_str(plain)).await,
    }
}

/// Selects the whole text of a text area, for the Ctrl+C fallback.
pub fn select_all(id: &str) {
    if let Some(area) = leptos::prelude::document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    {
        let _ = area.focus();
        area.select();
    }
}
