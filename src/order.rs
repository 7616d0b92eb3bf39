//! One small stable sort for Candor's short lists (findings, drafts, zone
//! matches, a timeline's entries: tens to a few hundred items).
//!
//! The standard library's sorts are fast on large inputs, and each type and
//! comparison sorted gets its own copy of a few kilobytes of code: about
//! 25 KB of the wasm for seven lists. An insertion sort is a few hundred
//! bytes per list and fast enough at these sizes (600 zone matches sort in
//! well under a millisecond).
//!
//! [`Keyed`] is a map by name for the same reason: std's `HashMap` brings
//! a hasher and a table per value type (about 3 KB of wasm for two maps);
//! a sorted list and a binary search are small and quick for a tab's drafts
//! or the zones it has used.
//!
//! Re-measured on 4 December with std built with `optimize_for_size` (its
//! small sorts): std's `sort_by` in `sort_by` and a `BTreeMap` in `Keyed`
//! made the release wasm 5.0 KB gzip larger (258,873 -> 263,948 bytes,
//! same-run builds), so this file stays.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && compare(&items[j - 1], &items[j]) == Ordering::Greater {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// A map from names to values, kept sorted by name.
pub struct Keyed<V> {
    entries: Vec<(String, V)>,
}

impl<V> Default for Keyed<V> {
    fn default() -> Self {
        Keyed {
            entries: Vec::new(),
        }
    }
}

impl<V> Keyed<V> {
    pub fn new() -> Self {
        Self::default()
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        let i = self.find(key).ok()?;
        Some(&self.entries[i].1)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        let i = self.find(key).ok()?;
        Some(&mut self.entries[i].1)
    }

    /// Sets `key` to `value`; returns the value it replaces.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<V> {
        let i = self.find(key).ok()?;
        Some(self.entries.remove(i).1)
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    #[derive(Clone, Debug)]
    enum Op {
        Insert(String, u8),
        Remove(String),
        Bump(String),
    }

    fn op() -> impl Strategy<Value = Op> {
        // Few names, so that most operations meet an existing key.
        let name = "[a-d]{0,2}";
        prop_oneof![
            (name, any::<u8>()).prop_map(|(k, v)| Op::Insert(k, v)),
            name.prop_map(Op::Remove),
            name.prop_map(Op::Bump),
        ]
    }

    proptest! {
        #[test]
        fn behaves_as_a_btree_map(ops in proptest::collection::vec(op(), 0..80)) {
            let mut ours = Keyed::new();
            let mut model = BTreeMap::new();
            for op in ops {
                match op {
                    Op::Insert(k, v) => prop_assert_eq!(ours.insert(k.clone(), v), model.insert(k, v)),
                    Op::Remove(k) => prop_assert_eq!(ours.remove(&k), model.remove(&k)),
                    Op::Bump(k) => {
                        if let Some(v) = ours.get_mut(&k) { *v = v.wrapping_add(1); }
                        if let Some(v) = model.get_mut(&k) { *v = v.wrapping_add(1); }
                    }
                }
                prop_assert_eq!(ours.len(), model.len());
                for (k, v) in &model {
                    prop_assert_eq!(ours.get(k), Some(v));
                }
                prop_assert_eq!(ours.get("zz"), None);
            }
        }
    }

    #[test]
    fn sorts_and_keeps_equal_items_in_order() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (0, 'f')];
        sort_by(&mut items, |a, b| a.0.cmp(&b.0));
        assert_eq!(
            items,
            [(0, 'f'), (1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]
        );
        let mut none: Vec<u8> = Vec::new();
        sort_by(&mut none, |a, b| a.cmp(b));
        assert!(none.is_empty());
    }

    #[test]
    fn agrees_with_the_standard_stable_sort() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for len in 0..200 {
            let mut items: Vec<(u64, usize)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    (seed % 7, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|&(k, _)| k);
            sort_by(&mut items, |a, b| a.0.cmp(&b.0));
            assert_eq!(items, expected);
        }
    }
}
