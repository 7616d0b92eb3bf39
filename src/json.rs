//! Candor's own small JSON, for stored drafts, the drafts index and export
//! files.
//!
//! Drafts are kept as JSON because a person can read an exported file and
//! every browser has the format. serde with serde_json did this before; this
//! module took 30 KB of gzip off the wasm (serde's generic visitors for every
//! type, and serde_json's reader), an eighth of the download budget. Measured
//! again with the draft's derives (3 December): the store through serde_json
//! costs +25.2 KB, through serde-wasm-bindgen and the browser's JSON +17.4 KB,
//! each with this module removed; both are over the budget. It is the
//! part Candor needs: a value tree, a strict parser that tells a file cut
//! short from one that is damaged, a compact and a pretty writer in
//! serde_json's layout, and the [`Json`] trait the model implements with two
//! macros. Numbers are kept as their text: Candor writes only whole numbers,
//! and reading them needs no float parsing.

use chrono::{NaiveDate, NaiveTime};

/// A JSON value. Objects keep their keys in order; [`Map::get`] takes the
/// last of repeated keys, as JSON readers in browsers do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number's own text, checked against JSON's grammar.
    Number(String),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

/// A JSON object's members, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Map(pub Vec<(String, Value)>);

impl Map {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Sets `key`, in the place of its first occurrence (dropping repeats).
    pub fn insert(&mut self, key: &str, value: Value) {
        match self.0.iter().position(|(k, _)| k == key) {
            Some(at) => {
                self.0[at].1 = value;
                let mut n = 0;
                self.0.retain(|(k, _)| {
                    n += usize::from(k == key);
                    k != key || n == 1
                });
            }
            None => self.0.push((key.to_owned(), value)),
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let value = self.get(key).cloned();
        self.0.retain(|(k, _)| k != key);
        value
    }
}

impl Value {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }
    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
    /// A whole number that fits; `None` for fractions, exponents and
    /// anything out of range.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(text) => text.parse().ok(),
            _ => None,
        }
    }
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(text) => text.parse().ok(),
            _ => None,
        }
    }
    pub fn number(n: impl std::fmt::Display) -> Value {
        Value::Number(n.to_string())
    }
}

// ---------------------------------------------------------------------------
// Reading

/// Why a text is not JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// The text ends before the value does: it was cut short.
    Truncated,
    /// Anything else: not JSON.
    Invalid,
}

/// Deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 128;

/// Reads one JSON value (white space around it allowed, nothing else).
pub fn parse(text: &str) -> Result<Value, ParseError> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = reader.value(0)?;
    reader.space();
    if reader.at == reader.bytes.len() {
        Ok(value)
    } else {
        Err(ParseError::Invalid)
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn space(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// The next byte, or `Truncated` at the end of the text.
    fn next(&mut self) -> Result<u8, ParseError> {
        let byte = *self.bytes.get(self.at).ok_or(ParseError::Truncated)?;
        self.at += 1;
        Ok(byte)
    }

    fn expect(&mut self, word: &[u8]) -> Result<(), ParseError> {
        for &want in word {
            if self.next()? != want {
                return Err(ParseError::Invalid);
            }
        }
        Ok(())
    }

    fn value(&mut self, depth: usize) -> Result<Value, ParseError> {
        if depth > MAX_DEPTH {
            return Err(ParseError::Invalid);
        }
        self.space();
        match self.next()? {
            b'n' => self.expect(b"ull").map(|()| Value::Null),
            b't' => self.expect(b"rue").map(|()| Value::Bool(true)),
            b'f' => self.expect(b"alse").map(|()| Value::Bool(false)),
            b'"' => self.string().map(Value::String),
            b'[' => {
                let mut items = Vec::new();
                self.space();
                if self.bytes.get(self.at) == Some(&b']') {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.space();
                    match self.next()? {
                        b',' => {}
                        b']' => return Ok(Value::Array(items)),
                        _ => return Err(ParseError::Invalid),
                    }
                }
            }
            b'{' => {
                let mut members = Vec::new();
                self.space();
                if self.bytes.get(self.at) == Some(&b'}') {
                    self.at += 1;
                    return Ok(Value::Object(Map(members)));
                }
                loop {
                    self.space();
                    if self.next()? != b'"' {
                        return Err(ParseError::Invalid);
                    }
                    let key = self.string()?;
                    self.space();
                    if self.next()? != b':' {
                        return Err(ParseError::Invalid);
                    }
                    members.push((key, self.value(depth + 1)?));
                    self.space();
                    match self.next()? {
                        b',' => {}
                        b'}' => return Ok(Value::Object(Map(members))),
                        _ => return Err(ParseError::Invalid),
                    }
                }
            }
            b'-' | b'0'..=b'9' => {
                self.at -= 1;
                self.number()
            }
            _ => Err(ParseError::Invalid),
        }
    }

    /// JSON's number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Result<Value, ParseError> {
        let start = self.at;
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        match self.next()? {
            b'0' => {}
            b'1'..=b'9' => self.digits(),
            _ => return Err(ParseError::Invalid),
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            self.some_digits()?;
        }
        if matches!(self.bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.bytes.get(self.at), Some(b'+' | b'-')) {
                self.at += 1;
            }
            self.some_digits()?;
        }
        let text =
            std::str::from_utf8(&self.bytes[start..self.at]).map_err(|_| ParseError::Invalid)?;
        Ok(Value::Number(text.to_owned()))
    }

    fn digits(&mut self) {
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
    }

    fn some_digits(&mut self) -> Result<(), ParseError> {
        if !self.next()?.is_ascii_digit() {
            return Err(ParseError::Invalid);
        }
        self.digits();
        Ok(())
    }

    /// The rest of a string after its opening quote.
    fn string(&mut self) -> Result<String, ParseError> {
        let mut out = Vec::new();
        loop {
            match self.next()? {
                b'"' => break,
                b'\\' => {
                    let c = match self.next()? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.escaped_char()?,
                        _ => return Err(ParseError::Invalid),
                    };
                    let mut buf = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                0..=0x1f => return Err(ParseError::Invalid),
                byte => out.push(byte),
            }
        }
        // The input is a &str, so everything copied unescaped is whole UTF-8.
        String::from_utf8(out).map_err(|_| ParseError::Invalid)
    }

    /// `\uXXXX`, or a surrogate pair written as two; a lone half is refused.
    fn escaped_char(&mut self) -> Result<char, ParseError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                self.expect(b"\\u")?;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(ParseError::Invalid);
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(ParseError::Invalid),
            _ => first,
        };
        char::from_u32(code).ok_or(ParseError::Invalid)
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = char::from(self.next()?)
                .to_digit(16)
                .ok_or(ParseError::Invalid)?;
            code = code * 16 + digit;
        }
        Ok(code)
    }
}

// ---------------------------------------------------------------------------
// Writing

impl Value {
    /// Compact, as stored: `{"a":1,"b":[true,null]}`.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None);
        out
    }

    /// Indented by two spaces, as exported for people to read.
    pub fn to_pretty_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(0));
        out
    }

    fn write(&self, out: &mut String, indent: Option<usize>) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(text) => out.push_str(text),
            Value::String(text) => write_string(out, text),
            Value::Array(items) => write_list(out, indent, '[', ']', items, |out, item, inner| {
                item.write(out, inner)
            }),
            Value::Object(map) => {
                write_list(out, indent, '{', '}', &map.0, |out, (key, value), inner| {
                    write_string(out, key);
                    out.push_str(if inner.is_some() { ": " } else { ":" });
                    value.write(out, inner);
                })
            }
        }
    }
}

fn write_list<T>(
    out: &mut String,
    indent: Option<usize>,
    open: char,
    close: char,
    items: &[T],
    mut each: impl FnMut(&mut String, &T, Option<usize>),
) {
    out.push(open);
    let inner = indent.map(|n| n + 1);
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        new_line(out, inner);
        each(out, item, inner);
    }
    if !items.is_empty() {
        new_line(out, indent);
    }
    out.push(close);
}

fn new_line(out: &mut String, indent: Option<usize>) {
    if let Some(depth) = indent {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    }
}

/// Quotes and escapes as JSON requires: `"`, `\` and control characters.
fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[(u32::from(c) >> 4) as usize]));
                out.push(char::from(HEX[(u32::from(c) & 15) as usize]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

// ---------------------------------------------------------------------------
// Candor's types to and from values

/// A type stored as JSON. `from_json` returns `None` when a value is of the
/// wrong kind: the caller says which entry could not be read.
pub trait Json: Sized {
    fn to_json(&self) -> Value;
    fn from_json(value: &Value) -> Option<Self>;
}

/// Reads a whole text as one `T`.
pub fn from_text<T: Json>(text: &str) -> Result<T, ParseError> {
    T::from_json(&parse(text)?).ok_or(ParseError::Invalid)
}

impl Json for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
    fn from_json(value: &Value) -> Option<Self> {
        value.as_str().map(str::to_owned)
    }
}

impl Json for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
    fn from_json(value: &Value) -> Option<Self> {
        value.as_bool()
    }
}

macro_rules! json_number {
    ($($ty:ty),*) => {$(
        impl Json for $ty {
            fn to_json(&self) -> Value {
                Value::number(self)
            }
            fn from_json(value: &Value) -> Option<Self> {
                match value {
                    Value::Number(text) => text.parse().ok(),
                    _ => None,
                }
            }
        }
    )*};
}
json_number!(u32, u64, i64);

impl<T: Json> Json for Option<T> {
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, T::to_json)
    }
    fn from_json(value: &Value) -> Option<Self> {
        match value {
            Value::Null => Some(None),
            value => T::from_json(value).map(Some),
        }
    }
}

impl<T: Json> Json for Vec<T> {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(T::to_json).collect())
    }
    fn from_json(value: &Value) -> Option<Self> {
        value.as_array()?.iter().map(T::from_json).collect()
    }
}

/// "2005-12-07", as an `<input type="date">` writes it.
impl Json for NaiveDate {
    fn to_json(&self) -> Value {
        Value::String(crate::model::date_text(*self))
    }
    fn from_json(value: &Value) -> Option<Self> {
        crate::model::parse_date(value.as_str()?)
    }
}

/// "17:05:00": hours, minutes and seconds.
impl Json for NaiveTime {
    fn to_json(&self) -> Value {
        Value::String(crate::model::form::time_text(*self))
    }
    fn from_json(value: &Value) -> Option<Self> {
        crate::model::form::parse_time_text(value.as_str()?)
    }
}

/// A struct as an object of its fields, by name. `default`: a missing field
/// keeps the type's default (so older drafts open); `required`: a missing
/// field makes the value unreadable. Unknown fields are ignored.
#[macro_export]
macro_rules! json_record {
    (default $ty:ident { $($field:ident),* $(,)? }) => {
        $crate::json_record!(@impl $ty { $($field),* } |object| {
            let mut out = Self::default();
            $(if let Some(v) = object.get(stringify!($field)) {
                out.$field = $crate::json::Json::from_json(v)?;
            })*
            Some(out)
        });
    };
    (required $ty:ident { $($field:ident),* $(,)? }) => {
        $crate::json_record!(@impl $ty { $($field),* } |object| {
            Some($ty {
                $($field: $crate::json::Json::from_json(object.get(stringify!($field))?)?,)*
            })
        });
    };
    (@impl $ty:ident { $($field:ident),* } |$object:ident| $read:block) => {
        impl $crate::json::Json for $ty {
            fn to_json(&self) -> $crate::json::Value {
                // Naming every field here makes a field left out of the list
                // a compile error rather than a value silently not stored.
                let $ty { $($field),* } = self;
                $crate::json::Value::Object($crate::json::Map(vec![
                    $((stringify!($field).to_owned(), $crate::json::Json::to_json($field)),)*
                ]))
            }
            fn from_json(value: &$crate::json::Value) -> Option<Self> {
                let $object = value.as_object()?;
                $read
            }
        }
    };
}

/// An enum of plain variants as the variant's name: `"Ended"`.
#[macro_export]
macro_rules! json_enum {
    ($ty:ident { $($variant:ident),* $(,)? }) => {
        impl $ty {
            /// The variant's stored name: also the value of its form control.
            pub fn name(&self) -> &'static str {
                match self {
                    $($ty::$variant => stringify!($variant),)*
                }
            }
        }
        impl $crate::json::Json for $ty {
            fn to_json(&self) -> $crate::json::Value {
                $crate::json::Value::String(self.name().to_owned())
            }
            fn from_json(value: &$crate::json::Value) -> Option<Self> {
                match value.as_str()? {
                    $(stringify!($variant) => Some($ty::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_short_is_told_from_damaged() {
        for cut in [
            "{", "{\"a\"", "{\"a\":", "[1,", "\"abc", "tru", "-", "1.", "\"\\u12",
        ] {
            assert_eq!(parse(cut), Err(ParseError::Truncated), "{cut}");
        }
        for bad in [
            "}",
            "{a:1}",
            "[1,]",
            "01",
            "1.e3",
            "\"\\x\"",
            "\"\u{1}\"",
            "1 2",
            "nul!",
        ] {
            assert_eq!(parse(bad), Err(ParseError::Invalid), "{bad}");
        }
    }

    #[test]
    fn lone_surrogates_and_deep_nesting_are_refused() {
        assert_eq!(parse("\"\\ud800\"").unwrap_err(), ParseError::Invalid);
        assert_eq!(parse("\"\\udc00\"").unwrap_err(), ParseError::Invalid);
        assert_eq!(parse("\"\\ud83d\\ude00\""), Ok(Value::String("😀".into())));
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert_eq!(parse(&deep), Err(ParseError::Invalid));
        let fine = "[".repeat(100) + &"]".repeat(100);
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn repeated_keys_read_the_last_and_insert_keeps_one() {
        let mut value = parse(r#"{"a":1,"b":2,"a":3}"#).expect("json");
        assert_eq!(value.get("a").and_then(Value::as_u64), Some(3));
        let map = value.as_object_mut().expect("object");
        map.insert("a", Value::number(9));
        assert_eq!(value.to_text(), r#"{"a":9,"b":2}"#);
    }

    #[test]
    fn pretty_text_is_laid_out_for_people() {
        let value = parse(r#"{"a":[1,{"b":null}],"c":[],"d":{}}"#).expect("json");
        assert_eq!(
            value.to_pretty_text(),
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": [],\n  \"d\": {}\n}"
        );
    }

    #[test]
    fn fractions_are_numbers_but_not_whole_numbers() {
        let value = parse("[1.5, 2e3, -0, 18446744073709551615]").expect("json");
        let items = value.as_array().expect("array");
        assert_eq!(items[0].as_i64(), None);
        assert_eq!(items[1].as_u64(), None);
        assert_eq!(items[2].as_i64(), Some(0));
        assert_eq!(items[3].as_u64(), Some(u64::MAX));
        assert_eq!(value.to_text(), "[1.5,2e3,-0,18446744073709551615]");
    }
}
