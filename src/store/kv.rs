//! The key-value trait Candor asks of storage, and why storage refused.

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

/// Why the key-value store refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The quota is used up (`QuotaExceededError`); nothing was written.
    Full,
    /// Storage is disabled, blocked, or not there at all.
    Unavailable,
    /// Any other refusal, with what the browser said.
    Failed { detail: String },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Full => f.write_str(
                "Your browser's storage for Candor is full. Export your drafts, then delete old ones.",
            ),
            StoreError::Unavailable => f.write_str(
                "Your browser does not let Candor store drafts (storage is disabled or blocked). \
                 Drafts are kept only while this tab is open: export them to keep them.",
            ),
            StoreError::Failed { detail } => write!(
                f,
                "Your browser's storage refused Candor ({detail}). Export your drafts to keep them."
            ),
        }
    }
}

impl std::error::Error for StoreError {}

/// What Candor needs from storage. A failed `set` or `remove` must leave
/// the key as it was (localStorage does).
pub trait KeyValue {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

impl<T: KeyValue + ?Sized> KeyValue for Box<T> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        (**self).get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        (**self).set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        (**self).keys()
    }
}

/// One store shared by several [`Drafts`](super::Drafts): two "tabs" in a test.
impl<T: KeyValue> KeyValue for Rc<RefCell<T>> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.try_borrow().map_err(|_| busy())?.get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.try_borrow_mut().map_err(|_| busy())?.set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.try_borrow_mut().map_err(|_| busy())?.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.try_borrow().map_err(|_| busy())?.keys()
    }
}

fn busy() -> StoreError {
    StoreError::Failed {
        detail: "the store was in use".into(),
    }
}

/// The number of UTF-16 code units in `s`: what browsers count against the
/// quota.
pub fn utf16_units(s: &str) -> usize {
    s.encode_utf16().count()
}
