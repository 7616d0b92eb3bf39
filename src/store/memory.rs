//! Storage in memory, with a quota, a disabled switch and planned write failures.

use super::{utf16_units, KeyValue, StoreError, CHROMIUM_QUOTA_UNITS};

/// A planned failure of the store's writes (`set` and `remove`), counted
/// from when it is planned: the first write is 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Only the `nth` write fails.
    Once { nth: u64, error: StoreError },
    /// The `nth` write and every later one fail: the tab died there.
    From { nth: u64, error: StoreError },
}

/// Storage in memory. Used by the app when the browser refuses storage, and
/// by the tests with a quota, a disabled switch and planned write failures.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    entries: std::collections::BTreeMap<String, String>,
    quota_units: Option<usize>,
    disabled: bool,
    fault: Option<Fault>,
    writes_since_fault: u64,
    writes: u64,
    failed_writes: u64,
}

impl MemoryStore {
    pub fn new() -> Self {
        MemoryStore::default()
    }

    /// A store that holds at most `units` UTF-16 code units of keys and values.
    pub fn with_quota(units: usize) -> Self {
        MemoryStore {
            quota_units: Some(units),
            ..MemoryStore::default()
        }
    }

    /// A store with Chromium's quota.
    pub fn chromium() -> Self {
        MemoryStore::with_quota(CHROMIUM_QUOTA_UNITS)
    }

    /// A store whose every call fails, like a browser with storage blocked.
    pub fn disabled() -> Self {
        MemoryStore {
            disabled: true,
            ..MemoryStore::default()
        }
    }

    pub fn set_disabled(&mut self, disabled: bool) {
        self.disabled = disabled;
    }

    pub fn set_quota(&mut self, units: Option<usize>) {
        self.quota_units = units;
    }

    /// Plans a failure; writes are counted from now.
    pub fn plan(&mut self, fault: Fault) {
        self.fault = Some(fault);
        self.writes_since_fault = 0;
        self.failed_writes = 0;
    }

    pub fn clear_faults(&mut self) {
        self.fault = None;
        self.writes_since_fault = 0;
    }

    /// How many writes failed because of the planned fault.
    pub fn failed_writes(&self) -> u64 {
        self.failed_writes
    }

    /// Every write attempted so far (`set` and `remove`).
    pub fn writes(&self) -> u64 {
        self.writes
    }

    /// UTF-16 code units used by keys and values.
    pub fn used_units(&self) -> usize {
        self.entries
            .iter()
            .map(|(k, v)| utf16_units(k) + utf16_units(v))
            .sum()
    }

    /// What is stored, without faults: for tests to inspect.
    pub fn entries(&self) -> &std::collections::BTreeMap<String, String> {
        &self.entries
    }

    /// Writes past every fault and quota: for tests to plant damaged values.
    pub fn put_raw(&mut self, key: &str, value: &str) {
        self.entries.insert(key.to_owned(), value.to_owned());
    }

    pub fn remove_raw(&mut self, key: &str) {
        self.entries.remove(key);
    }

    fn write_allowed(&mut self) -> Result<(), StoreError> {
        if self.disabled {
            return Err(StoreError::Unavailable);
        }
        self.writes += 1;
        self.writes_since_fault += 1;
        let n = self.writes_since_fault;
        let failure = match &self.fault {
            Some(Fault::Once { nth, error }) if n == *nth => Some(error.clone()),
            Some(Fault::From { nth, error }) if n >= *nth => Some(error.clone()),
            _ => None,
        };
        match failure {
            Some(error) => {
                self.failed_writes += 1;
                Err(error)
            }
            None => Ok(()),
        }
    }
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        if self.disabled {
            return Err(StoreError::Unavailable);
        }
        Ok(self.entries.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.write_allowed()?;
        if let Some(quota) = self.quota_units {
            let old = self
                .entries
                .get(key)
                .map_or(0, |v| utf16_units(key) + utf16_units(v));
            let new = utf16_units(key) + utf16_units(value);
            if self.used_units() - old + new > quota {
                return Err(StoreError::Full);
            }
        }
        self.entries.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.write_allowed()?;
        self.entries.remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        if self.disabled {
            return Err(StoreError::Unavailable);
        }
        Ok(self.entries.keys().cloned().collect())
    }
}
