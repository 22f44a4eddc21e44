//! Zero-copy lookup tables from `u32` keys (uniform hashes) to fixed-width byte values, laid
//! out in the model file so that lookups read the embedded bytes directly.
//!
//! The top 16 bits of a key pick one of 65,536 buckets, in groups of 16. The file stores, per
//! bucket, how many keys its group holds up to and including this bucket (one byte), then the
//! low 16 bits of every key (bucket by bucket) and the values in the same order. Loading only
//! sums the group totals into a directory (4,097 `u32`, 16 KiB), so it costs 4,096 steps per
//! table, not one per bucket; a lookup reads its group's start there and the bucket's byte and
//! its predecessor's (read in place), scans the one or two remainders of its bucket and reads
//! the value. Compared with a `u32` per bucket (256 KiB), a lookup touches less memory (80 KiB
//! of directory per table, which stays in the cache).
//! Quotienting the keys this way also makes the file smaller than storing whole keys.

use std::borrow::Cow;

/// Bytes that are either borrowed from the embedded model or owned.
pub(crate) type Bytes = Cow<'static, [u8]>;

/// Buckets: `key >> 16`.
pub(crate) const BUCKETS: usize = 1 << 16;
/// Buckets per group of the directory.
pub(crate) const GROUP: usize = 16;
/// The most keys a group of buckets can hold (so that a sum of its counts fits in one byte
/// lane; hashed keys put about one key in a bucket, 16 in a group).
pub(crate) const MAX_PER_GROUP: usize = 255;

/// See the module documentation. `W` is the width of a value in bytes.
#[derive(Clone, Debug)]
pub(crate) struct PackedTable<const W: usize> {
    /// `groups[g]`: the index of the first key of buckets `GROUP * g..`; empty when the table
    /// is.
    groups: Vec<u32>,
    /// Per bucket: the number of keys of its group up to and including it.
    ends: Bytes,
    /// Low 16 bits of each key, little endian.
    rems: Bytes,
    /// `W` bytes per key.
    vals: Bytes,
}

impl<const W: usize> Default for PackedTable<W> {
    fn default() -> Self {
        PackedTable {
            groups: Vec::new(),
            ends: Cow::Borrowed(&[]),
            rems: Cow::Borrowed(&[]),
            vals: Cow::Borrowed(&[]),
        }
    }
}

impl<const W: usize> PackedTable<W> {
    /// A table from its stored parts: `ends` (one byte per bucket, see the module
    /// documentation), `rems` (two bytes per key) and `vals` (`W` bytes per key). `None` when
    /// the lengths disagree. (Bytes of `ends` that decrease within a group, which
    /// [`PackedTable::pack`] never writes, make the keys of that bucket absent, no more:
    /// lookups check every range.)
    pub(crate) fn new(ends: Bytes, rems: Bytes, vals: Bytes) -> Option<PackedTable<W>> {
        if ends.len() != BUCKETS {
            return None;
        }
        let mut groups = Vec::with_capacity(BUCKETS / GROUP + 1);
        let mut sum = 0u32;
        groups.push(0);
        for g in ends.chunks_exact(GROUP) {
            sum += g[GROUP - 1] as u32;
            groups.push(sum);
        }
        let n = sum as usize;
        if rems.len() != 2 * n || vals.len() != W * n {
            return None;
        }
        if n == 0 {
            return Some(PackedTable::default());
        }
        Some(PackedTable {
            groups,
            ends,
            rems,
            vals,
        })
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
        let ends = take(at, BUCKETS)?;
        let rems = take(at, n.checked_mul(2)?)?;
        let vals = take(at, n.checked_mul(W)?)?;
        PackedTable::new(wrap(ends), wrap(rems), wrap(vals))
    }

    /// Serialises `items` (keys ascending and distinct) as prefix counts, remainders, values. Keys
    /// beyond [`MAX_PER_GROUP`] in one group of buckets are dropped (never the case for hashed
    /// keys: groups hold a few dozen at most).
    pub(crate) fn pack(items: &[(u32, [u8; W])], out: &mut Vec<u8>) -> usize {
        let mut counts = vec![0u8; BUCKETS];
        let mut in_group = vec![0usize; BUCKETS / GROUP];
        let mut kept: Vec<&(u32, [u8; W])> = Vec::with_capacity(items.len());
        for it in items {
            let b = (it.0 >> 16) as usize;
            if in_group[b / GROUP] < MAX_PER_GROUP {
                in_group[b / GROUP] += 1;
                counts[b] += 1;
                kept.push(it);
            }
        }
        out.extend_from_slice(&(kept.len() as u32).to_le_bytes());
        for g in counts.chunks_exact(GROUP) {
            let mut end = 0u8;
            for &c in g {
                end += c;
                out.push(end);
            }
        }
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
        let start = *self.groups.get(b / GROUP)? as usize;
        let end = start + *self.ends.get(b)? as usize;
        let first = if b % GROUP == 0 {
            start
        } else {
            start + *self.ends.get(b - 1)? as usize
        };
        let r = (key as u16).to_le_bytes();
        let rems = self.rems.get(2 * first..2 * end)?;
        for (i, x) in (first..).zip(rems.chunks_exact(2)) {
            if x == r {
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
    #[cfg(any(test, feature = "train"))]
    pub(crate) fn for_each(&self, mut f: impl FnMut(u32, &[u8; W])) {
        let mut rems = self.rems.chunks_exact(2);
        let mut vals = self.vals.chunks_exact(W);
        for (b, &end) in self.ends.iter().enumerate() {
            let before = if b % GROUP == 0 { 0 } else { self.ends[b - 1] };
            for _ in 0..end.saturating_sub(before) {
                let (Some(x), Some(v)) = (rems.next(), vals.next()) else {
                    return;
                };
                if let Ok(v) = v.try_into() {
                    f(
                        (b as u32) << 16 | u16::from_le_bytes([x[0], x[1]]) as u32,
                        v,
                    );
                }
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
    fn every_position_in_a_group() {
        // Group 0x0abc holds buckets 0xabc0..=0xabcf; bucket j gets j + 1 keys (136 in all),
        // and group 0x0abd is filled to the limit, so that the sums of counts before a bucket
        // cover both halves of a group and a full byte.
        let mut keys: Vec<u32> = Vec::new();
        for j in 0..GROUP as u32 {
            keys.extend((0..=j).map(|r| (0xabc0 + j) << 16 | (r * 977 + 5)));
        }
        for j in 0..GROUP as u32 {
            let n = if j == 15 { 255 - 15 * 15 } else { 15 };
            keys.extend((0..n).map(|r| (0xabd0 + j) << 16 | (r * 31 + j)));
        }
        keys.sort_unstable();
        let t = build(&keys);
        assert_eq!(t.len(), keys.len());
        for &k in &keys {
            assert_eq!(t.get(k), Some(&[k as u8, (k >> 8) as u8, 7]), "key {k:x}");
            assert_eq!(t.get(k ^ 0x8000), None, "absent {:x}", k ^ 0x8000);
        }
        for j in 0..GROUP as u32 {
            assert_eq!(t.get((0xabe0 + j) << 16 | 5), None);
        }
    }

    #[test]
    fn lengths_must_agree() {
        let zeros = vec![0u8; BUCKETS];
        let b = |s: &[u8]| -> Bytes { Cow::Owned(s.to_vec()) };
        let empty: PackedTable<1> = PackedTable::new(b(&zeros), b(&[]), b(&[])).unwrap();
        assert!(empty.is_empty());
        assert_eq!(empty.get(0x1234_5678), None);
        // One key in bucket 3: the group's prefix counts are 0, 0, 0, 1, 1, …, 1.
        let mut one = zeros.clone();
        one[3..GROUP].fill(1);
        assert!(PackedTable::<1>::new(b(&one), b(&[]), b(&[])).is_none());
        assert!(PackedTable::<1>::new(b(&one), b(&[1, 2]), b(&[])).is_none());
        let t = PackedTable::<1>::new(b(&one), b(&[0x34, 0x12]), b(&[9])).unwrap();
        assert_eq!(t.get(0x0003_1234), Some(&[9]));
        assert_eq!(t.get(0x0003_1235), None);
        assert_eq!(t.get(0x0004_1234), None);
        assert_eq!(t.get(0x0002_1234), None);
        assert_eq!(t.get(0x0013_1234), None);
        assert!(PackedTable::<1>::new(b(&zeros[1..]), b(&[]), b(&[])).is_none());
        // Prefix counts that decrease (never written by `pack`) lose keys but cannot panic.
        let mut bad = zeros.clone();
        bad[GROUP + 4] = 5;
        bad[GROUP + 5..2 * GROUP].fill(2);
        let t = PackedTable::<1>::new(b(&bad), b(&[1, 0, 2, 0]), b(&[7, 8])).unwrap();
        assert_eq!(t.len(), 2);
        for k in [0x0014_0001, 0x0015_0001, 0x0015_0002, 0x001f_0002] {
            assert_eq!(t.get(k), None);
        }
        t.for_each(|_, _| {});
    }

    /// The bytes `pack` writes: the key count, one prefix-count byte per bucket, the low 16
    /// bits of every key (bucket by bucket, in key order), then the values in the same order.
    #[test]
    fn layout_is_counts_remainders_values() {
        let items = [
            (0x0000_0102u32, [0xa1, 0xa2]),
            (0x0003_beef, [0xb1, 0xb2]),
            (0x0003_f00d, [0xc1, 0xc2]),
            (0x0011_0001, [0xd1, 0xd2]),
        ];
        let mut out = Vec::new();
        assert_eq!(PackedTable::<2>::pack(&items, &mut out), 4);
        assert_eq!(out.len(), 4 + BUCKETS + 4 * 4);
        assert_eq!(out[..4], 4u32.to_le_bytes());
        let ends = &out[4..4 + BUCKETS];
        assert_eq!(ends[..4], [1, 1, 1, 3]);
        assert!(ends[4..GROUP].iter().all(|&e| e == 3));
        assert_eq!(ends[GROUP..GROUP + 2], [0, 1]);
        assert!(ends[GROUP + 2..2 * GROUP].iter().all(|&e| e == 1));
        assert!(ends[2 * GROUP..].iter().all(|&e| e == 0));
        assert_eq!(
            out[4 + BUCKETS..],
            [
                0x02, 0x01, 0xef, 0xbe, 0x0d, 0xf0, 0x01, 0x00, 0xa1, 0xa2, 0xb1, 0xb2, 0xc1, 0xc2,
                0xd1, 0xd2
            ]
        );
        let t = PackedTable::<2>::read(&out, &mut 0, &|s| Cow::Owned(s.to_vec())).unwrap();
        for (k, v) in &items {
            assert_eq!(t.get(*k), Some(v));
        }
        let mut seen = Vec::new();
        t.for_each(|k, v| seen.push((k, *v)));
        assert_eq!(seen, items);
    }

    #[test]
    fn full_groups_drop_extra_keys() {
        // 300 keys in one bucket, then 300 keys spread over the 16 buckets of one group.
        let one_bucket: Vec<u32> = (1..=300u32).collect();
        let spread: Vec<u32> = (0..300u32).map(|k| (k % 16) << 16 | k).collect();
        for keys in [one_bucket, spread] {
            let mut keys = keys;
            keys.sort_unstable();
            let items: Vec<(u32, [u8; 3])> = keys.iter().map(|&k| (k, [k as u8, 1, 2])).collect();
            let mut out = Vec::new();
            assert_eq!(PackedTable::<3>::pack(&items, &mut out), MAX_PER_GROUP);
            let t = PackedTable::<3>::read(&out, &mut 0, &|s| Cow::Owned(s.to_vec())).unwrap();
            assert_eq!(t.len(), MAX_PER_GROUP);
            for &k in &keys[..MAX_PER_GROUP] {
                assert_eq!(t.get(k), Some(&[k as u8, 1, 2]));
            }
            for &k in &keys[MAX_PER_GROUP..] {
                assert_eq!(t.get(k), None);
            }
        }
    }
}
