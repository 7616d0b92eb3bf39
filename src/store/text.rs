//! Stored drafts, the index and export files as JSON text, through serde.
//!
//! The model's derives (src/model.rs) say what is written; this file only
//! says which JSON library turns them into text. In the browser that is the
//! browser's own `JSON.parse` and `JSON.stringify`, with serde-wasm-bindgen
//! between the parsed value and the derives; natively (the tests, the fuzz
//! targets) it is serde_json. Both write the same text: compact for storage,
//! pretty with two spaces for export files, keys in the order the structs
//! declare them. Measured against serde_json in the app, the browser's JSON
//! is the smaller by 7.8 KB gzip (README, "Crates and what they cost").

use serde::de::DeserializeOwned;
use serde::Serialize;

/// The text is not JSON at all (damaged, or cut short).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotJson;

/// Why a value could not be written as JSON. Candor's values never cause
/// it (the browser's numbers hold every whole number Candor writes, up to
/// 2^53), but a refusal is reported, never turned into an empty entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotWritten(pub String);

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::*;

    /// A parsed JSON value, read into Candor's types on demand.
    #[derive(Clone, Debug)]
    pub struct Parsed(serde_json::Value);

    pub fn parse(text: &str) -> Result<Parsed, NotJson> {
        serde_json::from_str(text).map(Parsed).map_err(|_| NotJson)
    }

    impl Parsed {
        /// The value as `T`, or `None` when it has another shape.
        pub fn read<T: DeserializeOwned>(&self) -> Option<T> {
            T::deserialize(&self.0).ok()
        }

        /// A member of an object (`None` for anything else).
        pub fn get(&self, key: &str) -> Option<Parsed> {
            self.0.as_object()?.get(key).cloned().map(Parsed)
        }

        /// The items of an array (`None` for anything else).
        pub fn items(&self) -> Option<Vec<Parsed>> {
            Some(self.0.as_array()?.iter().cloned().map(Parsed).collect())
        }
    }

    pub fn write<T: Serialize>(value: &T) -> Result<String, NotWritten> {
        serde_json::to_string(value).map_err(|e| NotWritten(e.to_string()))
    }

    pub fn write_pretty<T: Serialize>(value: &T) -> Result<String, NotWritten> {
        serde_json::to_string_pretty(value).map_err(|e| NotWritten(e.to_string()))
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::*;
    use js_sys::{Array, Reflect, JSON};
    use wasm_bindgen::JsValue;

    /// A parsed JSON value, read into Candor's types on demand.
    #[derive(Clone, Debug)]
    pub struct Parsed(JsValue);

    pub fn parse(text: &str) -> Result<Parsed, NotJson> {
        JSON::parse(text).map(Parsed).map_err(|_| NotJson)
    }

    impl Parsed {
        pub fn read<T: DeserializeOwned>(&self) -> Option<T> {
            serde_wasm_bindgen::from_value(self.0.clone()).ok()
        }

        pub fn get(&self, key: &str) -> Option<Parsed> {
            if !self.0.is_object() || Array::is_array(&self.0) {
                return None;
            }
            // JSON never holds `undefined`: it means the key is not there.
            Reflect::get(&self.0, &JsValue::from_str(key))
                .ok()
                .filter(|v| !v.is_undefined())
                .map(Parsed)
        }

        pub fn items(&self) -> Option<Vec<Parsed>> {
            Array::is_array(&self.0).then(|| Array::from(&self.0).iter().map(Parsed).collect())
        }
    }

    fn value<T: Serialize>(value: &T) -> Result<JsValue, NotWritten> {
        value
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| NotWritten(e.to_string()))
    }

    fn string(text: Result<js_sys::JsString, JsValue>) -> Result<String, NotWritten> {
        text.map(String::from)
            .map_err(|_| NotWritten("the browser could not write it as JSON".to_owned()))
    }

    pub fn write<T: Serialize>(v: &T) -> Result<String, NotWritten> {
        string(JSON::stringify(&value(v)?))
    }

    pub fn write_pretty<T: Serialize>(v: &T) -> Result<String, NotWritten> {
        string(JSON::stringify_with_replacer_and_space(
            &value(v)?,
            &JsValue::NULL,
            &JsValue::from_f64(2.0),
        ))
    }
}

pub use imp::{parse, write, write_pretty, Parsed};

/// Reads JSON text straight into `T` (`None` when it is not JSON or not a `T`).
pub fn read<T: DeserializeOwned>(text: &str) -> Option<T> {
    parse(text).ok()?.read()
}
