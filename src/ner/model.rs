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
    /// How often each feature occurred in training (same order as `feats`), for the codebooks
    /// that weigh errors by it; empty: all alike.
    pub counts: &'a [u32],
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

/// The kind of codebook the feature weights are quantised with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Codebook {
    /// Levels spaced geometrically between 1/4096 of the largest magnitude and the largest,
    /// as many on each side of zero (bounded relative error).
    Geometric,
    /// Lloyd-Max levels: a one-dimensional k-means over the non-zero weights with one level
    /// fixed at 0.0, started at quantiles (deterministic), least squared error.
    KMeans,
    /// [`Codebook::KMeans`] with each weight's squared error counted as often as its feature
    /// occurred in training (the variance a token's score gets from the rounding, were the
    /// errors independent).
    WeightedKMeans,
    /// Per sign (levels shared in proportion to the weights of each sign): equal-count bins
    /// of the magnitudes, each level the mean of its bin.
    Quantile,
    /// Per sign as [`Codebook::Quantile`], then Lloyd-Max over the logarithms of the
    /// magnitudes (least squared relative error), each level a geometric mean.
    LogKMeans,
}

/// How feature weights are quantised: `levels` codes (code 0 is 0.0), at most 256.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quant {
    pub levels: usize,
    pub book: Codebook,
    /// One codebook per tag (each of `levels` codes, sharing the zero) instead of one for all,
    /// stored side by side in the 256-entry book (so only while 9 * (levels - 1) < 256, i.e.
    /// up to 29 levels; beyond, one book for all).
    pub per_tag: bool,
    /// Shift each feature's row of weights by the offset that rounds it best (see
    /// [`shifted`]).
    pub shift: bool,
}

impl Default for Quant {
    fn default() -> Quant {
        Quant {
            levels: 256,
            book: Codebook::Geometric,
            per_tag: false,
            shift: false,
        }
    }
}

/// A codebook of `q.levels` levels (at most 256) for the given weights (`mass`: the weight of
/// each value's error, or empty): code 0 is 0.0, codes beyond `q.levels` are unused (0.0).
fn codebook(values: &[f32], mass: &[f64], q: Quant) -> [f32; 256] {
    let levels = q.levels.clamp(2, 256);
    match q.book {
        Codebook::Geometric => geometric(values, levels),
        Codebook::KMeans => kmeans(values, &[], levels),
        Codebook::WeightedKMeans => kmeans(values, mass, levels),
        Codebook::Quantile => per_sign(values, levels, false),
        Codebook::LogKMeans => per_sign(values, levels, true),
    }
}

/// [`Codebook::Quantile`] and [`Codebook::LogKMeans`]: positive levels ascending from code 1,
/// then the negative ones by increasing magnitude.
fn per_sign(values: &[f32], levels: usize, log: bool) -> [f32; 256] {
    let mut book = [0f32; 256];
    let mut pos: Vec<f64> = Vec::new();
    let mut neg: Vec<f64> = Vec::new();
    for &x in values.iter().filter(|x| x.is_finite() && **x != 0.0) {
        if x > 0.0 {
            pos.push(x as f64);
        } else {
            neg.push(-x as f64);
        }
    }
    let total = pos.len() + neg.len();
    if total == 0 || levels < 3 {
        return book;
    }
    let free = levels - 1;
    let mut kp = ((free * pos.len()) as f64 / total as f64).round() as usize;
    if !pos.is_empty() {
        kp = kp.max(1);
    }
    if !neg.is_empty() {
        kp = kp.min(free - 1);
    }
    let sides = [(pos, kp, 1.0f32), (neg, free - kp, -1.0)];
    let mut code = 1;
    for (mut m, k, sign) in sides {
        if m.is_empty() || k == 0 {
            continue;
        }
        m.sort_unstable_by(f64::total_cmp);
        for x in side_levels(&m, k, log) {
            if code < levels {
                book[code] = sign * x as f32;
                code += 1;
            }
        }
    }
    book
}

/// `k` levels for the sorted magnitudes `m`: means of equal-count bins, refined by Lloyd-Max
/// over the logarithms when `log`. Ascending, distinct.
fn side_levels(m: &[f64], k: usize, log: bool) -> Vec<f64> {
    let n = m.len();
    let k = k.min(n);
    let xs: Vec<f64> = if log {
        m.iter().map(|x| x.ln()).collect()
    } else {
        m.to_vec()
    };
    let mut prefix = Vec::with_capacity(n + 1);
    prefix.push(0f64);
    for x in &xs {
        prefix.push(prefix[prefix.len() - 1] + x);
    }
    let mean = |lo: usize, hi: usize| (prefix[hi] - prefix[lo]) / (hi - lo) as f64;
    let mut c: Vec<f64> = (0..k)
        .map(|j| mean(j * n / k, ((j + 1) * n / k).max(j * n / k + 1)))
        .collect();
    if log {
        for _ in 0..200 {
            c.dedup();
            let mut next = c.clone();
            let mut lo = 0usize;
            for i in 0..c.len() {
                let hi = if i + 1 < c.len() {
                    let mid = (c[i] + c[i + 1]) / 2.0;
                    xs.partition_point(|x| *x <= mid)
                } else {
                    n
                };
                if hi > lo {
                    next[i] = mean(lo, hi);
                }
                lo = hi;
            }
            if next == c {
                break;
            }
            c = next;
        }
        c.iter_mut().for_each(|x| *x = x.exp());
    }
    c.dedup();
    c
}

/// Codes 1..=n are positive levels and n+1..=2n negative ones, n = (levels - 1) / 2, spaced
/// geometrically between the smallest kept and the largest magnitude (relative error bounded;
/// small weights below the smallest level round to it or to 0). With 256 levels: 127 a side.
fn geometric(values: &[f32], levels: usize) -> [f32; 256] {
    let mut book = [0f32; 256];
    let max = values.iter().fold(0f32, |m, v| m.max(v.abs()));
    let n = (levels - 1) / 2;
    if max == 0.0 || n == 0 {
        return book;
    }
    // The smallest level: 1/4096 of the largest weight.
    let min = max / 4096.0;
    let ratio = if n > 1 {
        (max / min).powf(1.0 / (n - 1) as f32)
    } else {
        1.0
    };
    let mut x = if n > 1 { min } else { max };
    for j in 0..n {
        book[1 + j] = x;
        book[1 + n + j] = -x;
        x *= ratio;
    }
    book
}

/// Lloyd-Max: `levels - 1` free levels and one fixed at 0.0, iterated to a fixed point (or
/// 200 rounds) over the sorted non-zero weights; each round is O(levels log n) through prefix
/// sums. Free levels are stored in increasing order from code 1.
fn kmeans(values: &[f32], mass: &[f64], levels: usize) -> [f32; 256] {
    let mut book = [0f32; 256];
    let mut v: Vec<(f64, f64)> = values
        .iter()
        .enumerate()
        .filter(|(_, x)| **x != 0.0 && x.is_finite())
        .map(|(i, &x)| (x as f64, mass.get(i).copied().unwrap_or(1.0).max(1e-9)))
        .collect();
    if v.is_empty() {
        return book;
    }
    v.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let n = v.len();
    // Prefix sums of the mass and of mass * value.
    let mut pm = Vec::with_capacity(n + 1);
    let mut pv = Vec::with_capacity(n + 1);
    pm.push(0f64);
    pv.push(0f64);
    for &(x, m) in &v {
        pm.push(pm[pm.len() - 1] + m);
        pv.push(pv[pv.len() - 1] + m * x);
    }
    let k = levels - 1;
    // Start at the quantiles (j + 0.5) / k of the mass, plus the fixed zero.
    let total = pm[n];
    let mut c: Vec<(f64, bool)> = (0..k)
        .map(|j| {
            let at = total * (2 * j + 1) as f64 / (2 * k) as f64;
            (v[pm.partition_point(|m| *m <= at).clamp(1, n) - 1].0, false)
        })
        .collect();
    // Mass piled on one value gives equal starts: then also start at the quantiles of the
    // values' count, as long as distinct ones remain (never the case on trained weights).
    c.sort_by(|a, b| a.0.total_cmp(&b.0));
    c.dedup();
    let mut j = 0;
    while c.len() < k && j < k {
        let x = v[((2 * j + 1) * n / (2 * k)).min(n - 1)].0;
        if !c.iter().any(|y| y.0 == x) {
            c.push((x, false));
        }
        j += 1;
    }
    c.push((0.0, true));
    for _ in 0..300 {
        c.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        // Levels that met are one (the fixed zero sorts first among equals and stays).
        c.dedup_by(|a, b| a.0 == b.0);
        let mut next = c.clone();
        let mut lo = 0usize;
        for i in 0..c.len() {
            let hi = if i + 1 < c.len() {
                let mid = (c[i].0 + c[i + 1].0) / 2.0;
                v.partition_point(|x| x.0 <= mid)
            } else {
                n
            };
            if !c[i].1 && hi > lo {
                next[i].0 = (pv[hi] - pv[lo]) / (pm[hi] - pm[lo]);
            }
            lo = hi;
        }
        if next == c {
            break;
        }
        c = next;
    }
    c.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut code = 1;
    for (x, fixed) in c {
        if !fixed && x != 0.0 && code < levels {
            book[code] = x as f32;
            code += 1;
        }
    }
    book
}

/// The code of the level nearest to `v` (`sorted`: the used levels with their codes, by
/// value; ties go to the smaller magnitude).
fn quantise(sorted: &[(f32, u8)], v: f32) -> u8 {
    if v == 0.0 || sorted.is_empty() {
        return 0;
    }
    let pos = sorted.partition_point(|x| x.0 < v);
    let (mut best, mut best_d, mut best_abs) = (0u8, v.abs(), 0f32);
    for j in [pos.saturating_sub(1), pos.min(sorted.len() - 1)] {
        let (x, code) = sorted[j];
        let d = (x - v).abs();
        if d < best_d || (d == best_d && x.abs() < best_abs) {
            (best, best_d, best_abs) = (code, d, x.abs());
        }
    }
    best
}

/// The levels of `book` that codes use (code 0 and every non-zero level), sorted by value.
fn sorted_levels(book: &[f32; 256]) -> Vec<(f32, u8)> {
    let mut s: Vec<(f32, u8)> = book
        .iter()
        .enumerate()
        .filter(|(i, x)| *i == 0 || **x != 0.0)
        .map(|(i, &x)| (x, i as u8))
        .collect();
    s.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    s
}

/// The codebook for `rows` (each row's error weighing `counts` of its feature, or alike when
/// empty) and, per tag, its levels sorted by value with their codes.
fn books(rows: &[[f32; N_TAGS]], counts: &[f64], q: Quant) -> ([f32; 256], Vec<Vec<(f32, u8)>>) {
    if q.per_tag && N_TAGS * (q.levels.max(2) - 1) < 256 {
        // Tag t's free codes go to 1 + t * (levels - 1).., all in the one 256-entry book.
        let free = q.levels.max(2) - 1;
        let mut book = [0f32; 256];
        let mut sorted = Vec::with_capacity(N_TAGS);
        for t in 0..N_TAGS {
            let col: Vec<f32> = rows.iter().map(|w| w[t]).collect();
            let own = codebook(&col, counts, q);
            let mut levels = vec![(0f32, 0u8)];
            for (j, &x) in own[1..=free].iter().enumerate() {
                let code = 1 + t * free + j;
                book[code] = x;
                if x != 0.0 {
                    levels.push((x, code as u8));
                }
            }
            levels.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            sorted.push(levels);
        }
        (book, sorted)
    } else {
        let all: Vec<f32> = rows.iter().flatten().copied().collect();
        let mass: Vec<f64> = counts.iter().flat_map(|&c| [c; N_TAGS]).collect();
        let book = codebook(&all, &mass, q);
        (book, vec![sorted_levels(&book); N_TAGS])
    }
}

/// `w` minus the offset that quantises it best. Adding one number to every tag's weight of a
/// feature adds it to every tag's score wherever the feature fires, which changes no path's
/// rank in the decoder: only the differences between a row's rounding errors count. The
/// offsets tried are 0 and each of the row's weights (making that one exactly 0); the one
/// with the least variance of the row's errors wins (the first of equals, so 0 first).
fn shifted(w: &[f32; N_TAGS], book: &[f32; 256], sorted: &[Vec<(f32, u8)>]) -> [f32; N_TAGS] {
    let spread = |b: f32| -> f64 {
        let mut e = [0f64; N_TAGS];
        for t in 0..N_TAGS {
            let x = w[t] - b;
            e[t] = (book[quantise(&sorted[t], x) as usize] - x) as f64;
        }
        let mean = e.iter().sum::<f64>() / N_TAGS as f64;
        e.iter().map(|x| (x - mean) * (x - mean)).sum()
    };
    let mut best = (spread(0.0), 0f32);
    for &b in w {
        if b != 0.0 {
            let v = spread(b);
            if v < best.0 {
                best = (v, b);
            }
        }
    }
    w.map(|x| x - best.1)
}

/// Serialises a model with the default quantisation.
pub fn pack(m: &Unpacked) -> Vec<u8> {
    pack_with(m, Quant::default())
}

/// Serialises a model, its feature weights quantised as `q` says.
pub fn pack_with(m: &Unpacked, q: Quant) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    put_u32(&mut out, VERSION);
    put_u32(&mut out, N_TAGS as u32);
    for row in &m.trans {
        for x in row {
            out.extend_from_slice(&x.to_le_bytes());
        }
    }
    let counts: Vec<f64> = m.counts.iter().map(|&c| c as f64).collect();
    let mut rows: Vec<[f32; N_TAGS]> = m.feats.iter().map(|f| f.1).collect();
    let (mut book, mut sorted) = books(&rows, &counts, q);
    if q.shift {
        // Shift each row, fit the books to the shifted rows, shift again against those.
        for round in 0..3 {
            rows = m
                .feats
                .iter()
                .map(|(_, w)| shifted(w, &book, &sorted))
                .collect();
            if round < 2 {
                (book, sorted) = books(&rows, &counts, q);
            }
        }
    }
    for x in &book {
        out.extend_from_slice(&x.to_le_bytes());
    }
    let rows: Vec<(u32, [u8; N_TAGS])> = m
        .feats
        .iter()
        .zip(&rows)
        .map(|((k, _), w)| {
            let mut codes = [0u8; N_TAGS];
            for t in 0..N_TAGS {
                codes[t] = quantise(&sorted[t], w[t]);
            }
            (*k, codes)
        })
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
            counts: &[],
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

    /// Weights like the trainer's: most near ±1 (a little under), some near ±2 and ±3, a
    /// long tail up to ±40, a few tiny ones and exact zeros; deterministic.
    fn weights(n: usize) -> Vec<f32> {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        (0..n)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let u = (x >> 11) as f32 / (1u64 << 53) as f32;
                let sign = if x & 1 == 0 { 1.0 } else { -1.0 };
                sign * match i % 10 {
                    0..=2 => 0.0,
                    3..=5 => 1.0 - u * 0.05,
                    6 => 2.0 - u * 0.1,
                    7 => 3.0 - u * 0.2,
                    8 => 40.0 * u * u * u,
                    _ => 0.01 * u,
                }
            })
            .collect()
    }

    const BOOKS: [Codebook; 5] = [
        Codebook::Geometric,
        Codebook::KMeans,
        Codebook::WeightedKMeans,
        Codebook::Quantile,
        Codebook::LogKMeans,
    ];

    /// The default quantiser is the one that wrote the committed model: the embedded model's
    /// codebook is the 256-level geometric book of its largest level (the largest weight, up
    /// to the rounding of 126 multiplications).
    #[test]
    fn default_codebook_made_the_embedded_model() {
        let m = Model::from_bytes(super::super::model_bytes()).unwrap();
        let max = m.book.iter().fold(0f32, |a, x| a.max(x.abs()));
        assert!(max > 1.0);
        let again = codebook(&[max, -0.5], &[], Quant::default());
        for (a, b) in again.iter().zip(&m.book) {
            assert!((a - b).abs() <= 1e-5 * b.abs(), "{a} vs {b}");
        }
        assert_eq!(again[0], 0.0);
        assert_eq!(again[255], 0.0);
        assert!((again[1] - max / 4096.0).abs() < 1e-6 * max);
        assert_eq!(again[128], -again[1]);
    }

    /// Every codebook uses at most its number of codes, code 0 is 0.0, and quantising picks
    /// the nearest level (and keeps the order of the weights).
    #[test]
    fn codebooks_use_their_levels_and_round_to_the_nearest() {
        let w = weights(5000);
        let mass: Vec<f64> = (0..w.len()).map(|i| (1 + i % 7) as f64).collect();
        for book_kind in BOOKS {
            for levels in [3, 4, 16, 32, 256] {
                let q = Quant {
                    levels,
                    book: book_kind,
                    per_tag: false,
                    shift: false,
                };
                let book = codebook(&w, &mass, q);
                let what = format!("{book_kind:?} {levels}");
                assert_eq!(book[0], 0.0, "{what}");
                assert!(book[levels.min(256)..].iter().all(|&x| x == 0.0), "{what}");
                let used = book.iter().filter(|&&x| x != 0.0).count();
                assert!(used >= 2.min(levels - 1) && used < levels, "{what}: {used}");
                let sorted = sorted_levels(&book);
                assert_eq!(quantise(&sorted, 0.0), 0, "{what}");
                let mut by_value: Vec<f32> = w.clone();
                by_value.sort_by(f32::total_cmp);
                let mut last = f32::NEG_INFINITY;
                for &v in &by_value {
                    let c = quantise(&sorted, v) as usize;
                    assert!(c < levels, "{what}: code {c}");
                    let best = sorted
                        .iter()
                        .map(|l| (l.0 - v).abs())
                        .fold(f32::INFINITY, f32::min);
                    assert!((book[c] - v).abs() <= best, "{what}: {v} -> {}", book[c]);
                    assert!(book[c] >= last, "{what}: not monotonic at {v}");
                    last = book[c];
                }
            }
        }
    }

    /// The weighted k-means gives a level to a value that carries most of the mass (and to
    /// the one negative value, alone on its side).
    #[test]
    fn weighted_kmeans_follows_the_mass() {
        let values = [1.0f32, 2.0, 3.0, 10.0, -4.0];
        let book = kmeans(&values, &[1.0, 1.0, 1000.0, 1.0, 1.0], 4);
        let levels: Vec<f32> = book[1..4].to_vec();
        assert!(levels.windows(2).all(|p| p[0] < p[1]), "{levels:?}");
        assert!(levels.iter().any(|l| (l - 3.0).abs() < 0.01), "{levels:?}");
        assert!(levels.iter().any(|l| (l + 4.0).abs() < 0.01), "{levels:?}");
        assert!(book[4..].iter().all(|&x| x == 0.0));
    }

    /// Packing with fewer codes: the stored codes stay below the level count (per tag: in the
    /// tag's own range), the model loads, and each weight is read back as its nearest level.
    #[test]
    fn fewer_levels_pack_and_load() {
        let w = weights(9 * 3000);
        let feats: Vec<(u32, [f32; N_TAGS])> = w
            .chunks_exact(N_TAGS)
            .enumerate()
            .map(|(i, c)| {
                (
                    (i as u32 + 1).wrapping_mul(2_654_435_761),
                    c.try_into().unwrap(),
                )
            })
            .collect::<std::collections::BTreeMap<_, _>>()
            .into_iter()
            .collect();
        let counts: Vec<u32> = (0..feats.len() as u32).map(|i| 1 + i % 5).collect();
        for per_tag in [false, true] {
            for book_kind in [Codebook::Geometric, Codebook::WeightedKMeans] {
                let q = Quant {
                    levels: 16,
                    book: book_kind,
                    per_tag,
                    shift: false,
                };
                let bytes = pack_with(
                    &Unpacked {
                        trans: [[0.0; N_TAGS]; N_TAGS + 1],
                        feats: &feats,
                        counts: &counts,
                        phrases: &[],
                        words: &[],
                    },
                    q,
                );
                let m = Model::from_bytes(&bytes).unwrap();
                assert_eq!(m.features(), feats.len());
                let mut n = 0;
                m.feats.for_each(|_, codes| {
                    for (t, &c) in codes.iter().enumerate() {
                        let c = c as usize;
                        if per_tag {
                            assert!(c == 0 || (1 + 15 * t..1 + 15 * (t + 1)).contains(&c));
                        } else {
                            assert!(c < 16, "code {c}");
                        }
                    }
                    n += 1;
                });
                assert_eq!(n, feats.len());
                for (k, row) in feats.iter().step_by(97) {
                    let got = m.weights_of(*k).unwrap();
                    for t in 0..N_TAGS {
                        let own: Vec<f32> = if per_tag {
                            (0..16)
                                .map(|j| if j == 0 { 0.0 } else { m.book[15 * t + j] })
                                .collect()
                        } else {
                            m.book[..16].to_vec()
                        };
                        let best = own
                            .iter()
                            .map(|l| (l - row[t]).abs())
                            .fold(f32::INFINITY, f32::min);
                        assert!((got[t] - row[t]).abs() <= best + 1e-6, "{q:?} {k} {t}");
                    }
                }
            }
        }
    }

    /// A row is shifted by one offset for all its tags (so the differences between tags,
    /// all the decoder sees, are kept), and only when that rounds the row better than no
    /// shift.
    #[test]
    fn shifted_rows_keep_their_differences_and_round_better() {
        let w = weights(9 * 400);
        let q = Quant {
            levels: 16,
            book: Codebook::Geometric,
            per_tag: false,
            shift: true,
        };
        let rows: Vec<[f32; N_TAGS]> = w
            .chunks_exact(N_TAGS)
            .map(|c| c.try_into().unwrap())
            .collect();
        let (book, sorted) = books(&rows, &[], q);
        let spread = |r: &[f32; N_TAGS]| -> f64 {
            let e: Vec<f64> = (0..N_TAGS)
                .map(|t| (book[quantise(&sorted[t], r[t]) as usize] - r[t]) as f64)
                .collect();
            let mean = e.iter().sum::<f64>() / N_TAGS as f64;
            e.iter().map(|x| (x - mean) * (x - mean)).sum()
        };
        let mut moved = 0;
        for r in &rows {
            let s = shifted(r, &book, &sorted);
            let b = r[0] - s[0];
            for t in 0..N_TAGS {
                assert!((r[t] - s[t] - b).abs() < 1e-5, "{r:?} -> {s:?}");
            }
            assert!(spread(&s) <= spread(r), "{r:?}");
            if b != 0.0 {
                moved += 1;
                assert!(spread(&s) < spread(r));
                assert!(s.contains(&0.0));
            }
        }
        assert!(moved > 0);
        // An all-zero row stays.
        assert_eq!(shifted(&[0.0; N_TAGS], &book, &sorted), [0.0; N_TAGS]);
    }
}
