//! Zero-copy lookup tables from `u32` keys (uniform hashes) to fixed-width byte values, laid
//! out in the model file so that lookups read the embedded bytes directly.
//!
//! The top 16 bits of a key pick one of 65,536 buckets; the file stores, per bucket, how many
//! keys it holds (one byte), then the low 16 bits of every key (bucket by bucket) and the
//! values in the same order. Loading only sums the counts into a bucket directory (one
//! sequential pass over 64 KiB); a lookup reads the directory, scans the one or two
//! remainders of its bucket and reads the value. Quotienting the keys this way also makes the
//! file smaller than storing whole keys.

use std::borrow::Cow;

/// Bytes that are either borrowed from the embedded model or owned.
pub(crate) type Bytes = Cow<'static, [u8]>;

/// Buckets: `key >> 16`.
pub(crate) const BUCKETS: usize = 1 << 16;
/// The most keys a bucket can hold (its count is one byte).
pub(crate) const MAX_PER_BUCKET: usize = 255;

/// See the module documentation. `W` is the width of a value in bytes.
#[derive(Clone, Debug)]
pub(crate) struct PackedTable<const W: usize> {
    /// `dir[b]..dir[b + 1]`: the indices of bucket `b`'s keys; empty when the table is.
    dir: Vec<u32>,
    /// Low 16 bits of each key, little endian.
    rems: Bytes,
    /// `W` bytes per key.
    vals: Bytes,
}

impl<const W: usize> Default for PackedTable<W> {
    fn default() -> Self {
        PackedTable {
            dir: Vec::new(),
            rems: Cow::Borrowed(&[]),
            vals: Cow::Borrowed(&[]),
        }
    }
}

impl<const W: usize> PackedTable<W> {
    /// A table from its stored parts: `counts` (one byte per bucket), `rems` (two bytes per
    /// key) and `vals` (`W` bytes per key). `None` when the lengths disagree.
    pub(crate) fn new(counts: &[u8], rems: Bytes, vals: Bytes) -> Option<PackedTable<W>> {
        if counts.len() != BUCKETS {
            return None;
        }
        let mut dir = Vec::with_capacity(BUCKETS + 1);
        let mut sum = 0u32;
        dir.push(0);
        for &c in counts {
            sum += c as u32;
            dir.push(sum);
        }
        let n = sum as usize;
        if rems.len() != 2 * n || vals.len() != W * n {
            return None;
        }
        if n == 0 {
            return Some(PackedTable::default());
        }
        Some(PackedTable { dir, rems, vals })
    }

    /// Reads a table written by [`PackedTable::pack`] from `b` at `*at`, advancing `*at`;
    /// `wrap` turns a slice of `b` into [`Bytes`] (borrowing it when `b` is static). `None`
    /// when the bytes run out or the lengths disagree.
    pub(crate) fn read<'a>(
        b: &'a [u8],
        at: &mut usize,
        wrap: &dyn Fn(&'a [u8]) -> Bytes,
    ) -> Option<PackedTable<W>> {
        let take = |at: &mut usize, len: usize| -> Option<&'a [u8]> {
            let s = b.get(*at..at.checked_add(len)?)?;
            *at += len;
            Some(s)
        };
        let n = u32::from_le_bytes(take(at, 4)?.try_into().ok()?) as usize;
        let counts = take(at, BUCKETS)?;
        let rems = take(at, n.checked_mul(2)?)?;
        let vals = take(at, n.checked_mul(W)?)?;
        PackedTable::new(counts, wrap(rems), wrap(vals))
    }

    /// Serialises `items` (keys ascending and distinct) as counts, remainders, values. Keys
    /// beyond [`MAX_PER_BUCKET`] in one bucket are dropped (never the case for hashed keys:
    /// buckets hold a handful).
    pub(crate) fn pack(items: &[(u32, [u8; W])], out: &mut Vec<u8>) -> usize {
        let mut counts = vec![0u8; BUCKETS];
        let mut kept: Vec<&(u32, [u8; W])> = Vec::with_capacity(items.len());
        for it in items {
            let c = &mut counts[(it.0 >> 16) as usize];
            if (*c as usize) < MAX_PER_BUCKET {
                *c += 1;
                kept.push(it);
            }
        }
        out.extend_from_slice(&(kept.len() as u32).to_le_bytes());
        out.extend_from_slice(&counts);
        for (k, _) in &kept {
            out.extend_from_slice(&(*k as u16).to_le_bytes());
        }
        for (_, v) in &kept {
            out.extend_from_slice(v);
        }
        kept.len()
    }

    /// The value of `key`.
    #[inline]
    pub(crate) fn get(&self, key: u32) -> Option<&[u8; W]> {
        let b = (key >> 16) as usize;
        let (lo, hi) = match self.dir.get(b..b + 2) {
            Some(&[lo, hi]) => (lo as usize, hi as usize),
            _ => return None,
        };
        let r = key as u16;
        let rems = self.rems.get(2 * lo..2 * hi)?;
        for (i, x) in (lo..).zip(rems.chunks_exact(2)) {
            if u16::from_le_bytes([x[0], x[1]]) == r {
                return self.vals.get(W * i..W * i + W)?.try_into().ok();
            }
        }
        None
    }

    pub(crate) fn len(&self) -> usize {
        self.rems.len() / 2
    }

    /// Every key with its value, in key order.
    #[cfg(test)]
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u32, &[u8; W])> + '_ {
        let mut keys = Vec::new();
        self.for_each(|k, _| keys.push(k));
        keys.into_iter()
            .zip(self.vals.chunks_exact(W).filter_map(|v| v.try_into().ok()))
    }

    /// Calls `f` with every key and its value, in key order (one sequential pass).
    #[cfg(test)]
    pub(crate) fn for_each(&self, mut f: impl FnMut(u32, &[u8; W])) {
        let mut i = 0;
        let mut vals = self.vals.chunks_exact(W);
        let mut rems = self.rems.chunks_exact(2);
        for (b, w) in self.dir.windows(2).enumerate() {
            let hi = w[1] as usize;
            while i < hi {
                let (Some(r), Some(v)) = (rems.next(), vals.next()) else {
                    return;
                };
                if let Ok(v) = v.try_into() {
                    f(
                        (b as u32) << 16 | u16::from_le_bytes([r[0], r[1]]) as u32,
                        v,
                    );
                }
                i += 1;
            }
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.rems.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(keys: &[u32]) -> PackedTable<3> {
        let items: Vec<(u32, [u8; 3])> = keys
            .iter()
            .map(|&k| (k, [k as u8, (k >> 8) as u8, 7]))
            .collect();
        let mut out = Vec::new();
        PackedTable::<3>::pack(&items, &mut out);
        let mut at = 0;
        let t = PackedTable::read(&out, &mut at, &|s| Cow::Owned(s.to_vec())).unwrap();
        assert_eq!(at, out.len());
        for cut in [0, 3, 4 + BUCKETS, out.len() - 1] {
            assert!(
                PackedTable::<3>::read(&out[..cut], &mut 0, &|s| Cow::Owned(s.to_vec())).is_none()
            );
        }
        t
    }

    #[test]
    fn finds_every_key_and_nothing_else() {
        for n in [1usize, 5, 100, 5000] {
            let mut keys: Vec<u32> = (1..=n as u32)
                .map(|k| k.wrapping_mul(2_654_435_761))
                .collect();
            // Keys sharing a bucket, and keys sharing the low 16 bits.
            keys.extend((0..50u32).map(|k| 0xabcd_0000 + k));
            keys.extend((0..50u32).map(|k| (k << 16) | 0x1234));
            keys.sort_unstable();
            keys.dedup();
            let t = build(&keys);
            assert_eq!(t.len(), keys.len());
            for &k in &keys {
                assert_eq!(t.get(k), Some(&[k as u8, (k >> 8) as u8, 7]), "key {k}");
            }
            let iterated: Vec<u32> = t.iter().map(|(k, _)| k).collect();
            assert_eq!(iterated, keys);

            let absent = (0..3000u32)
                .map(|k| k.wrapping_mul(0x85eb_ca6b) ^ 0x5bd1_e995)
                .chain([0x0001_1234, 0xabcd_0040, u32::MAX])
                .filter(|k| keys.binary_search(k).is_err());
            for k in absent {
                assert_eq!(t.get(k), None, "absent {k}");
            }
        }
    }

    #[test]
    fn lengths_must_agree() {
        let counts = vec![0u8; BUCKETS];
        let empty: PackedTable<1> =
            PackedTable::new(&counts, Cow::Borrowed(&[]), Cow::Borrowed(&[])).unwrap();
        assert!(empty.is_empty());
        assert_eq!(empty.get(0x1234_5678), None);
        let mut one = counts.clone();
        one[3] = 1;
        assert!(PackedTable::<1>::new(&one, Cow::Borrowed(&[]), Cow::Borrowed(&[])).is_none());
        assert!(PackedTable::<1>::new(&one, Cow::Borrowed(&[1, 2]), Cow::Borrowed(&[9])).is_some());
        assert!(
            PackedTable::<1>::new(&counts[1..], Cow::Borrowed(&[]), Cow::Borrowed(&[])).is_none()
        );
    }

    #[test]
    fn full_buckets_drop_extra_keys() {
        let keys: Vec<u32> = (1..300u32).collect();
        let t = build(&keys[..MAX_PER_BUCKET]);
        assert_eq!(t.len(), MAX_PER_BUCKET);
        let items: Vec<(u32, [u8; 3])> = keys.iter().map(|&k| (k, [0; 3])).collect();
        let mut out = Vec::new();
        assert_eq!(PackedTable::<3>::pack(&items, &mut out), MAX_PER_BUCKET);
    }
}
