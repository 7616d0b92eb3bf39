//! The browser's localStorage behind the key-value trait (wasm only).

use super::{KeyValue, StoreError};
use wasm_bindgen::JsValue;

/// Written and removed once when the store is opened, to learn whether
/// writing is allowed at all.
const PROBE_KEY: &str = "candor:v1:probe";

/// `window.localStorage`, behind [`KeyValue`]. Every call that can throw
/// is caught and mapped; nothing here panics.
pub struct LocalStore {
    storage: web_sys::Storage,
}

/// Maps what the browser threw to a [`StoreError`], by the exception's
/// `name` (`QuotaExceededError` is a `DOMException`, and in newer
/// browsers its own subclass; the name is the same in both).
pub fn store_error_from_js(error: &JsValue) -> StoreError {
    let text = |field: &str| {
        js_sys::Reflect::get(error, &JsValue::from_str(field))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    let name = text("name");
    let code = js_sys::Reflect::get(error, &JsValue::from_str("code"))
        .ok()
        .and_then(|v| v.as_f64());
    match name.as_str() {
        // Firefox once named it NS_ERROR_DOM_QUOTA_REACHED; code 22 is
        // the legacy QUOTA_EXCEEDED_ERR.
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StoreError::Full,
        _ if code == Some(22.0) => StoreError::Full,
        "SecurityError" | "InvalidAccessError" | "NotAllowedError" => StoreError::Unavailable,
        _ => {
            let message = text("message");
            let detail = match (name.is_empty(), message.is_empty()) {
                (true, true) => "an unknown error".to_owned(),
                (false, true) => name,
                (true, false) => message,
                (false, false) => format!("{name}: {message}"),
            };
            StoreError::Failed { detail }
        }
    }
}

impl LocalStore {
    /// Finds localStorage and checks that it can be written. Full storage
    /// still opens (the drafts in it can be read and exported); refused
    /// storage does not.
    pub fn open() -> Result<LocalStore, StoreError> {
        let window = web_sys::window().ok_or(StoreError::Unavailable)?;
        let storage = window
            .local_storage()
            // Any throw here means there is no storage to use.
            .map_err(|e| match store_error_from_js(&e) {
                StoreError::Failed { detail } => StoreError::Failed { detail },
                _ => StoreError::Unavailable,
            })?
            .ok_or(StoreError::Unavailable)?;
        let mut store = LocalStore { storage };
        match store.set(PROBE_KEY, "1") {
            Ok(()) => store.remove(PROBE_KEY)?,
            Err(StoreError::Full) => {}
            Err(other) => return Err(other),
        }
        Ok(store)
    }
}

impl KeyValue for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.storage
            .get_item(key)
            .map_err(|e| store_error_from_js(&e))
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage
            .set_item(key, value)
            .map_err(|e| store_error_from_js(&e))
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.storage
            .remove_item(key)
            .map_err(|e| store_error_from_js(&e))
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let length = self.storage.length().map_err(|e| store_error_from_js(&e))?;
        let mut keys = Vec::with_capacity(length as usize);
        for i in 0..length {
            if let Some(key) = self.storage.key(i).map_err(|e| store_error_from_js(&e))? {
                keys.push(key);
            }
        }
        Ok(keys)
    }
}
