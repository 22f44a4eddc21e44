//! The packed model: transition scores, hashed feature weights quantised to one byte through a
//! 256-entry codebook, and the lexicons (gazetteer phrases, word clusters) the features use.
//!
//! Layout (little endian):
//! ```text
//! magic "NMNERMDL" | version u32 | n_tags u32 | trans (n_tags+1)*n_tags f32
//! codebook 256 f32 | n_feat u32 | keys: ascending, delta varints | codes: n_tags*n_feat u8 (tag-major)
//! n_phrases u32 | keys: delta varints | masks u8 * n | n_words u32 | keys: delta varints |
//! codes: 3 varints * n | fnv1a-32 of everything before
//! ```
//! Loading validates every length and the checksum: corrupt bytes give an error, never a panic.

use super::lexicon::Lexicons;
use super::table::WeightTable;
use std::fmt;

pub const MAGIC: &[u8; 8] = b"NMNERMDL";
pub const VERSION: u32 = 1;

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
    pub(crate) feats: WeightTable,
    /// Codebook: the weight of each code.
    pub(crate) book: [f32; 256],
    pub(crate) lex: Lexicons,
}

/// What the trainer hands to [`pack`].
pub struct Unpacked<'a> {
    pub trans: [[f32; N_TAGS]; N_TAGS + 1],
    /// Sorted by key; keys non-zero and distinct.
    pub feats: &'a [(u32, [f32; N_TAGS])],
    pub phrases: &'a [(u32, u8)],
    pub words: &'a [(u32, [u32; 3])],
}

pub fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

fn put_u32(out: &mut Vec<u8>, x: u32) {
    out.extend_from_slice(&x.to_le_bytes());
}

fn put_var(out: &mut Vec<u8>, mut x: u32) {
    while x >= 0x80 {
        out.push((x as u8) | 0x80);
        x >>= 7;
    }
    out.push(x as u8);
}

fn put_keys(out: &mut Vec<u8>, keys: impl Iterator<Item = u32>) {
    let mut prev = 0u32;
    for k in keys {
        put_var(out, k.wrapping_sub(prev));
        prev = k;
    }
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
    put_u32(&mut out, m.feats.len() as u32);
    put_keys(&mut out, m.feats.iter().map(|(k, _)| *k));
    for t in 0..N_TAGS {
        for (_, w) in m.feats {
            out.push(quantise(&book, w[t]));
        }
    }
    put_u32(&mut out, m.phrases.len() as u32);
    put_keys(&mut out, m.phrases.iter().map(|(k, _)| *k));
    out.extend(m.phrases.iter().map(|(_, v)| *v));
    put_u32(&mut out, m.words.len() as u32);
    put_keys(&mut out, m.words.iter().map(|(k, _)| *k));
    for (_, c) in m.words {
        for &x in c {
            put_var(&mut out, x);
        }
    }
    let sum = fnv1a(&out);
    put_u32(&mut out, sum);
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
    fn var(&mut self) -> Result<u32, ModelError> {
        let mut x: u32 = 0;
        for shift in [0, 7, 14, 21, 28] {
            let b = self.take(1)?[0];
            x |= ((b & 0x7f) as u32) << shift;
            if b & 0x80 == 0 {
                return Ok(x);
            }
        }
        err("bad varint")
    }
    /// A count, checked against the bytes left (each item takes at least `min_bytes`).
    fn count(&mut self, min_bytes: usize) -> Result<usize, ModelError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_bytes) > self.b.len() - self.at {
            return err(format!("count {n} exceeds the data"));
        }
        Ok(n)
    }
    fn keys(&mut self, n: usize) -> Result<Vec<u32>, ModelError> {
        let mut keys = Vec::with_capacity(n);
        let mut prev = 0u32;
        for i in 0..n {
            let d = self.var()?;
            let k = prev.wrapping_add(d);
            if k == 0 || (i > 0 && k <= prev) {
                return err("keys not ascending");
            }
            keys.push(k);
            prev = k;
        }
        Ok(keys)
    }
}

impl Model {
    /// Loads and validates a packed model.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.len() < MAGIC.len() + 12 || &bytes[..8] != MAGIC {
            return err("wrong magic");
        }
        let body = &bytes[..bytes.len() - 4];
        let tail = &bytes[bytes.len() - 4..];
        if fnv1a(body) != u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]) {
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
        let n = c.count(1 + N_TAGS)?;
        let keys = c.keys(n)?;
        let codes = c.take(n * N_TAGS)?;
        let mut feats = WeightTable::with_capacity(n);
        for (i, &k) in keys.iter().enumerate() {
            let mut row = [0u8; N_TAGS];
            for (t, q) in row.iter_mut().enumerate() {
                *q = codes[t * n + i];
            }
            if !feats.insert(k, row) {
                return err("duplicate feature key");
            }
        }
        let np = c.count(2)?;
        let pkeys = c.keys(np)?;
        let masks = c.take(np)?;
        let phrases: Vec<(u32, u8)> = pkeys.into_iter().zip(masks.iter().copied()).collect();
        let nw = c.count(4)?;
        let wkeys = c.keys(nw)?;
        let mut words = Vec::with_capacity(nw);
        for k in wkeys {
            words.push((k, [c.var()?, c.var()?, c.var()?]));
        }
        if c.at != body.len() {
            return err("trailing bytes");
        }
        Ok(Model {
            trans,
            feats,
            book,
            lex: Lexicons::from_parts(&phrases, &words),
        })
    }

    /// The number of weighted features.
    pub fn features(&self) -> usize {
        self.feats.len()
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
            words: &[(9, [1, 2, 3])],
        })
    }

    #[test]
    fn round_trip() {
        let m = Model::from_bytes(&tiny()).unwrap();
        assert_eq!(m.features(), 2);
        let codes = m.feats.get(900).unwrap();
        assert!((m.book[codes[0] as usize] + 1.0).abs() < 0.04);
        assert!((m.book[m.feats.get(5).unwrap()[8] as usize] - 0.5).abs() < 0.02);
        assert!(m.feats.get(6).is_none());
        assert_eq!(m.trans[START][3], 0.25);
    }

    #[test]
    fn corrupt_bytes_are_errors() {
        let good = tiny();
        assert!(Model::from_bytes(&[]).is_err());
        assert!(Model::from_bytes(b"NMNERMDL").is_err());
        for cut in 0..good.len() {
            assert!(Model::from_bytes(&good[..cut]).is_err(), "cut {cut}");
        }
        for i in 0..good.len() {
            let mut bad = good.clone();
            bad[i] ^= 0x41;
            assert!(Model::from_bytes(&bad).is_err(), "flip {i}");
        }
    }
}
