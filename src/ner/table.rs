//! A small open-addressing hash table from non-zero `u32` keys (already hashes) to `u32` values.

#[derive(Default, Debug, Clone)]
pub(crate) struct Table {
    keys: Vec<u32>,
    vals: Vec<u32>,
    len: usize,
}

impl Table {
    pub(crate) fn with_capacity(n: usize) -> Table {
        let cap = (n * 2).max(16).next_power_of_two();
        Table {
            keys: vec![0; cap],
            vals: vec![0; cap],
            len: 0,
        }
    }

    #[inline]
    fn slot(&self, key: u32) -> usize {
        (key.wrapping_mul(0x9e37_79b1) >> 7) as usize & (self.keys.len() - 1)
    }

    /// Inserts `key` (must be non-zero) unless present; grows when half full.
    pub(crate) fn insert(&mut self, key: u32, val: u32) {
        debug_assert!(key != 0);
        if self.keys.is_empty() || (self.len + 1) * 2 > self.keys.len() {
            let old_k = std::mem::take(&mut self.keys);
            let old_v = std::mem::take(&mut self.vals);
            *self = Table::with_capacity((self.len + 1) * 2);
            for (k, v) in old_k.into_iter().zip(old_v) {
                if k != 0 {
                    self.insert(k, v);
                }
            }
        }
        let mask = self.keys.len() - 1;
        let mut s = self.slot(key);
        loop {
            if self.keys[s] == 0 {
                self.keys[s] = key;
                self.vals[s] = val;
                self.len += 1;
                return;
            }
            if self.keys[s] == key {
                return;
            }
            s = (s + 1) & mask;
        }
    }

    #[inline]
    pub(crate) fn get(&self, key: u32) -> Option<u32> {
        if self.keys.is_empty() {
            return None;
        }
        let mask = self.keys.len() - 1;
        let mut s = self.slot(key);
        loop {
            let k = self.keys[s];
            if k == key {
                return Some(self.vals[s]);
            }
            if k == 0 {
                return None;
            }
            s = (s + 1) & mask;
        }
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

/// One slot of [`WeightTable`]: a feature key and its quantised weights, 16 bytes, so that a
/// lookup costs one cache line.
#[derive(Clone, Copy, Default, Debug)]
#[repr(C, align(16))]
pub(crate) struct Entry {
    pub key: u32,
    pub codes: [u8; 9],
}

/// Feature key -> quantised weights, open addressing with the weights inline.
#[derive(Default, Debug, Clone)]
pub(crate) struct WeightTable {
    slots: Vec<Entry>,
    len: usize,
}

impl WeightTable {
    /// A table for `n` keys (load factor at most 3/4).
    pub(crate) fn with_capacity(n: usize) -> WeightTable {
        let cap = (n * 4 / 3 + 1).max(16).next_power_of_two();
        WeightTable {
            slots: vec![Entry::default(); cap],
            len: 0,
        }
    }

    #[inline]
    fn slot(&self, key: u32) -> usize {
        (key.wrapping_mul(0x9e37_79b1) >> 7) as usize & (self.slots.len() - 1)
    }

    /// Inserts a non-zero key; the table must have been made for enough keys.
    pub(crate) fn insert(&mut self, key: u32, codes: [u8; 9]) -> bool {
        if key == 0 || self.len + 1 > self.slots.len() * 3 / 4 {
            return false;
        }
        let mask = self.slots.len() - 1;
        let mut s = self.slot(key);
        loop {
            if self.slots[s].key == 0 {
                self.slots[s] = Entry { key, codes };
                self.len += 1;
                return true;
            }
            if self.slots[s].key == key {
                return false;
            }
            s = (s + 1) & mask;
        }
    }

    #[inline]
    pub(crate) fn get(&self, key: u32) -> Option<&[u8; 9]> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut s = self.slot(key);
        loop {
            let e = &self.slots[s];
            if e.key == key {
                return Some(&e.codes);
            }
            if e.key == 0 {
                return None;
            }
            s = (s + 1) & mask;
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_get_grow() {
        let mut t = Table::with_capacity(2);
        for k in 1..1000u32 {
            t.insert(k.wrapping_mul(2_654_435_761).max(1), k);
        }
        assert_eq!(t.len(), 999);
        for k in 1..1000u32 {
            assert_eq!(t.get(k.wrapping_mul(2_654_435_761).max(1)), Some(k));
        }
        assert_eq!(t.get(0xffff_fff1), None);
    }
}
