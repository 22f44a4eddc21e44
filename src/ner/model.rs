//! The packed model: transition scores, hashed feature weights quantised to one byte through a
//! 256-entry codebook, and the lexicons (gazetteer phrases, word clusters) the features use.
//!
//! Layout (little endian):
//! ```text
//! magic "NMNERMDL" | version u32 | n_tags u32 | trans (n_tags+1)*n_tags f32 | codebook 256 f32
//! features: packed table (see [`super::table`]) of n_tags code bytes per key
//! phrases: packed table of one list-mask byte per key | words: packed table of WordCodes, 4 bytes each
//! checksum u64 of everything before (see [`checksum`])
//! ```
//! Loading validates every length and the checksum (for the embedded model the checksum is
//! verified when it is written and by the tests, see `Model::from_embedded`): corrupt bytes
//! give an error, never a panic.
//! The tables are then read in place (nothing is copied but a 16 KiB directory per table), so
//! that loading takes about a millisecond.

use super::lexicon::pack_lexicons;
use super::lexicon::{Lexicons, WordCodes};
use super::table::{Bytes, PackedTable};
use std::borrow::Cow;
use std::fmt;

pub const MAGIC: &[u8; 8] = b"NMNERMDL";
pub const VERSION: u32 = 4;

/// The tags, in model order.
pub const TAGS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];
pub const N_TAGS: usize = TAGS.len();
/// Row of the transition matrix used for the sentence start.
pub const START: usize = N_TAGS;

/// Why a model could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bad NER model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

fn err<T>(m: impl Into<String>) -> Result<T, ModelError> {
    Err(ModelError(m.into()))
}

/// A loaded model.
#[derive(Debug)]
pub struct Model {
    /// `trans[prev][tag]`, with `prev == START` for the first token.
    pub(crate) trans: [[f32; N_TAGS]; N_TAGS + 1],
    /// Feature key -> one codebook index per tag.
    pub(crate) feats: PackedTable<N_TAGS>,
    /// Codebook: the weight of each code (code 0 is 0.0).
    pub(crate) book: [f32; 256],
    pub(crate) lex: Lexicons,
}

/// What the trainer hands to [`pack`].
pub struct Unpacked<'a> {
    pub trans: [[f32; N_TAGS]; N_TAGS + 1],
    /// Sorted by key; keys non-zero and distinct.
    pub feats: &'a [(u32, [f32; N_TAGS])],
    pub phrases: &'a [(u32, u8)],
    pub words: &'a [(u32, WordCodes)],
}

/// A fast 64-bit checksum: four independent lanes over 8-byte words, each step
/// `(lane ^ word) * odd` then a rotation — a bijection of the word for a fixed lane and of the
/// lane for a fixed word, so that changing any single word (or byte) always changes the
/// result. Several times faster than a byte-at-a-time hash, which matters for start-up in
/// WebAssembly.
pub fn checksum(bytes: &[u8]) -> u64 {
    const P: u64 = 0x9e37_79b9_7f4a_7c15;
    #[inline]
    fn step(lane: u64, w: u64) -> u64 {
        (lane ^ w).wrapping_mul(P).rotate_left(29)
    }
    let mut lanes: [u64; 4] = [
        0x243f_6a88_85a3_08d3,
        0x1319_8a2e_0370_7344,
        0xa409_3822_299f_31d0,
        0x082e_fa98_ec4e_6c89,
    ];
    let mut chunks = bytes.chunks_exact(32);
    for c in &mut chunks {
        for (j, lane) in lanes.iter_mut().enumerate() {
            let mut w = [0u8; 8];
            w.copy_from_slice(&c[8 * j..8 * j + 8]);
            *lane = step(*lane, u64::from_le_bytes(w));
        }
    }
    for &b in chunks.remainder() {
        lanes[0] = step(lanes[0], b as u64);
    }
    let mut h = step(lanes[0], bytes.len() as u64);
    for &l in &lanes[1..] {
        h = step(h, l);
    }
    h
}

fn put_u32(out: &mut Vec<u8>, x: u32) {
    out.extend_from_slice(&x.to_le_bytes());
}

/// A codebook of 256 levels for the given weights: code 0 is 0.0, codes 1..=127 are positive
/// levels and 128..=254 negative ones, spaced geometrically between the smallest kept and the
/// largest magnitude (relative error bounded; small weights below the smallest level round to
/// it or to 0).
fn codebook(values: &[f32]) -> [f32; 256] {
    let mut book = [0f32; 256];
    let max = values.iter().fold(0f32, |m, v| m.max(v.abs()));
    if max == 0.0 {
        return book;
    }
    // The smallest level: 1/4096 of the largest weight.
    let min = max / 4096.0;
    let ratio = (max / min).powf(1.0 / 126.0);
    let mut x = min;
    for j in 0..127 {
        book[1 + j] = x;
        book[128 + j] = -x;
        x *= ratio;
    }
    book
}

fn quantise(book: &[f32; 256], v: f32) -> u8 {
    if v == 0.0 {
        return 0;
    }
    let range = if v > 0.0 { 1..128 } else { 128..255 };
    let mut best = 0u8;
    let mut best_d = v.abs();
    // The levels of each side are monotonic: binary search, then compare neighbours.
    let side = &book[range.clone()];
    let pos = if v > 0.0 {
        side.partition_point(|x| *x < v)
    } else {
        side.partition_point(|x| *x > v)
    };
    for j in [pos.saturating_sub(1), pos.min(side.len() - 1)] {
        let d = (side[j] - v).abs();
        if d < best_d {
            best_d = d;
            best = (range.start + j) as u8;
        }
    }
    best
}

/// Serialises a model.
pub fn pack(m: &Unpacked) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    put_u32(&mut out, VERSION);
    put_u32(&mut out, N_TAGS as u32);
    for row in &m.trans {
        for x in row {
            out.extend_from_slice(&x.to_le_bytes());
        }
    }
    let all: Vec<f32> = m
        .feats
        .iter()
        .flat_map(|(_, w)| w.iter().copied())
        .collect();
    let book = codebook(&all);
    for x in &book {
        out.extend_from_slice(&x.to_le_bytes());
    }
    let rows: Vec<(u32, [u8; N_TAGS])> = m
        .feats
        .iter()
        .map(|(k, w)| (*k, w.map(|x| quantise(&book, x))))
        .collect();
    PackedTable::<N_TAGS>::pack(&rows, &mut out);
    pack_lexicons(m.phrases, m.words, &mut out);
    let sum = checksum(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

struct Cursor<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if n > self.b.len() - self.at {
            return err(format!("truncated at byte {}", self.at));
        }
        let s = &self.b[self.at..self.at + n];
        self.at += n;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        let x = f32::from_bits(self.u32()?);
        if !x.is_finite() {
            return err("non-finite weight");
        }
        Ok(x)
    }
}

impl Model {
    /// Loads and validates a packed model, copying the parts it keeps.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        Model::load(bytes, &|s| Cow::Owned(s.to_vec()), true)
    }

    /// Loads and validates a packed model that lives for the whole program (the embedded
    /// one): lookups then read `bytes` in place, nothing is copied.
    pub fn from_static(bytes: &'static [u8]) -> Result<Model, ModelError> {
        Model::load(bytes, &|s| Cow::Borrowed(s), true)
    }

    /// Loads the model compiled into this crate ([`super::model_bytes`]) without recomputing
    /// its checksum: those bytes are part of the program itself, and their checksum is
    /// verified when `cargo xtask train-ner` writes them and by the tests
    /// (`corrupt_models_are_rejected` loads the same bytes through [`Model::from_bytes`]).
    /// The structure (magic, version, every length, finite weights) is still validated, which
    /// is what rules out a panic. Saves a pass over 1.3 MB at start-up, which matters in a
    /// page, where the first call runs before the engine has optimised the code.
    pub(crate) fn from_embedded(bytes: &'static [u8]) -> Result<Model, ModelError> {
        Model::load(bytes, &|s| Cow::Borrowed(s), false)
    }

    fn load<'a>(
        bytes: &'a [u8],
        wrap: &dyn Fn(&'a [u8]) -> Bytes,
        verify: bool,
    ) -> Result<Model, ModelError> {
        if bytes.len() < MAGIC.len() + 16 || &bytes[..8] != MAGIC {
            return err("wrong magic");
        }
        let (body, tail) = bytes.split_at(bytes.len() - 8);
        let mut sum = [0u8; 8];
        sum.copy_from_slice(tail);
        if verify && checksum(body) != u64::from_le_bytes(sum) {
            return err("checksum mismatch");
        }
        let mut c = Cursor { b: body, at: 8 };
        let version = c.u32()?;
        if version != VERSION {
            return err(format!("version {version}, expected {VERSION}"));
        }
        if c.u32()? as usize != N_TAGS {
            return err("wrong tag count");
        }
        let mut trans = [[0f32; N_TAGS]; N_TAGS + 1];
        for row in trans.iter_mut() {
            for x in row.iter_mut() {
                *x = c.f32()?;
            }
        }
        let mut book = [0f32; 256];
        for x in book.iter_mut() {
            *x = c.f32()?;
        }
        let feats: PackedTable<N_TAGS> = PackedTable::read(body, &mut c.at, wrap)
            .ok_or_else(|| ModelError("bad feature table".into()))?;
        let phrases: PackedTable<1> = PackedTable::read(body, &mut c.at, wrap)
            .ok_or_else(|| ModelError("bad phrase table".into()))?;
        let words = PackedTable::read(body, &mut c.at, wrap)
            .ok_or_else(|| ModelError("bad word table".into()))?;
        if c.at != body.len() {
            return err("trailing bytes");
        }
        let lex = Lexicons { phrases, words };
        Ok(Model {
            trans,
            feats,
            book,
            lex,
        })
    }

    /// The number of weighted features.
    pub fn features(&self) -> usize {
        self.feats.len()
    }

    /// The weights of feature `f` per tag, added to `acc`; false when the feature has none.
    #[inline]
    pub(crate) fn add_weights(&self, f: u32, acc: &mut [f32; N_TAGS]) -> bool {
        match self.feats.get(f) {
            Some(c) => {
                for (a, &q) in acc.iter_mut().zip(c) {
                    *a += self.book[q as usize];
                }
                true
            }
            None => false,
        }
    }

    /// The weights of feature `f` per tag.
    #[cfg(test)]
    fn weights_of(&self, f: u32) -> Option<[f32; N_TAGS]> {
        let mut acc = [0f32; N_TAGS];
        self.add_weights(f, &mut acc).then_some(acc)
    }

    pub fn lexicons(&self) -> &Lexicons {
        &self.lex
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Vec<u8> {
        let feats = vec![(5u32, [0.5f32; N_TAGS]), (900, [-1.0; N_TAGS])];
        pack(&Unpacked {
            trans: [[0.25; N_TAGS]; N_TAGS + 1],
            feats: &feats,
            phrases: &[(3, 1), (70000, 2)],
            words: &[(9, WordCodes::default())],
        })
    }

    #[test]
    fn round_trip() {
        let m = Model::from_bytes(&tiny()).unwrap();
        assert_eq!(m.features(), 2);
        assert!((m.weights_of(900).unwrap()[0] + 1.0).abs() < 0.04);
        assert!((m.weights_of(5).unwrap()[8] - 0.5).abs() < 0.02);
        assert!(m.weights_of(6).is_none());
        assert_eq!(m.trans[START][3], 0.25);
    }

    /// The embedded model is in this version's layout: each of its three tables, re-emitted
    /// key by key and packed again, gives back the very bytes of the file (so a repacked or
    /// retrained model can be compared with it byte for byte).
    #[test]
    fn embedded_tables_repack_to_the_same_bytes() {
        fn same<const W: usize>(body: &[u8], at: &mut usize) -> usize {
            let from = *at;
            let t = PackedTable::<W>::read(body, at, &|s| Cow::Owned(s.to_vec())).unwrap();
            let mut items = Vec::new();
            t.for_each(|k, v| items.push((k, *v)));
            assert_eq!(items.len(), t.len());
            assert!(items.windows(2).all(|w| w[0].0 < w[1].0));
            let mut again = Vec::new();
            assert_eq!(PackedTable::<W>::pack(&items, &mut again), items.len());
            assert_eq!(again.len(), *at - from);
            assert!(again == body[from..*at], "table at byte {from}");
            items.len()
        }
        let bytes = super::super::model_bytes();
        let m = Model::from_bytes(bytes).unwrap();
        let body = &bytes[..bytes.len() - 8];
        assert_eq!(body[8..12], VERSION.to_le_bytes());
        let mut at = 8 + 4 + 4 + 4 * N_TAGS * (N_TAGS + 1) + 4 * 256;
        assert_eq!(same::<N_TAGS>(body, &mut at), m.features());
        assert!(m.features() > 50_000);
        assert!(same::<1>(body, &mut at) > 0);
        assert!(same::<4>(body, &mut at) > 0);
        assert_eq!(at, body.len());
    }

    #[test]
    fn corrupt_bytes_are_errors() {
        let good = tiny();
        assert!(Model::from_bytes(&[]).is_err());
        assert!(Model::from_bytes(b"NMNERMDL").is_err());
        // Every byte of the header and the tail, every byte that is not zero (all the data;
        // the zeros are empty buckets at the start of a group) and a sample of the rest.
        let n = good.len();
        let probe = |i: usize| i < 1500 || i + 64 > n || good[i] != 0 || i % 127 == 0;
        for cut in (0..n).filter(|&i| probe(i)) {
            assert!(Model::from_bytes(&good[..cut]).is_err(), "cut {cut}");
        }
        for i in (0..n).filter(|&i| probe(i)) {
            let mut bad = good.clone();
            bad[i] ^= 0x41;
            assert!(Model::from_bytes(&bad).is_err(), "flip {i}");
        }
    }
}
