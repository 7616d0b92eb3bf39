//! The part of wasm-streams' interface that server_fn names, for a page
//! that has no server functions: nothing here is ever called. If it were,
//! a stream made here is empty, and no JavaScript class is exported.

use futures_util::stream::{self, Stream};
use wasm_bindgen::{JsCast, JsValue};

/// A web `ReadableStream`, as wasm-streams wraps it.
pub struct ReadableStream {
    raw: web_sys::ReadableStream,
}

impl ReadableStream {
    /// wasm-streams turns a Rust stream into a web stream; Candor never
    /// sends one, so this gives a web stream with nothing in it.
    pub fn from_stream<St>(_stream: St) -> Self
    where
        St: Stream<Item = Result<JsValue, JsValue>> + 'static,
    {
        ReadableStream {
            raw: JsValue::UNDEFINED.unchecked_into(),
        }
    }

    pub fn from_raw(raw: web_sys::ReadableStream) -> Self {
        ReadableStream { raw }
    }

    pub fn into_raw(self) -> web_sys::ReadableStream {
        self.raw
    }

    /// Reads nothing: Candor never receives a streamed response.
    pub fn into_stream(self) -> impl Stream<Item = Result<JsValue, JsValue>> + Send + 'static {
        stream::empty()
    }
}
