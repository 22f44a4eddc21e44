//! A trained sequence labeller for attributions: a structured averaged perceptron (linear
//! chain, Viterbi decoding with BIO constraints, shared with the NER tagger:
//! [`crate::ner::tagger::viterbi`]) that tags the tokens of a sentence as the cue, the
//! content or the source of reported speech. Learned from PolNeAR train by `cargo xtask
//! train-quotes` ([`train`], behind the `train` feature); the packed model is
//! `models/quote_labeller.bin` (see `models/QUOTE_LABELLER_CARD.md`).
//!
//! Features of a token: its lowercased word, suffix and shape, its neighbours' words (two on
//! each side) and word pairs, its NER label and its neighbours', whether it is inside quote
//! marks or is one, the rule lexicon's cue at it ([`super::cues::cue_at`]) and its
//! neighbours', and how far the nearest rule cue lies to its left and right in the sentence.
//! Everything is hashed to a `u32` key; decoding is linear in the sentence length.
//!
//! Model file: `NMQL`, version `u32`, weight scale `f32`, `(N_TAGS + 1) * N_TAGS` transition
//! weights `f32`, then the features as a packed table ([`crate::ner::table`]: key -> `N_TAGS`
//! weights `i8`, times the scale), which the embedded model reads in place. All little endian.

use super::cues::{CueClass, CueMatch};
use crate::entities::{Label, Mention};
use crate::ner::table::{Bytes, PackedTable};
use crate::span::Span;
use crate::text::{Doc, TokenKind};
use std::borrow::Cow;
use std::sync::OnceLock;

/// Tags: `O`, then `B-`/`I-` of cue, content and source.
pub const N_TAGS: usize = 7;
pub const O: u8 = 0;
pub const B_CUE: u8 = 1;
pub const I_CUE: u8 = 2;
pub const B_CONTENT: u8 = 3;
pub const I_CONTENT: u8 = 4;
pub const B_SOURCE: u8 = 5;
pub const I_SOURCE: u8 = 6;

/// The role of a tag (0 none, 1 cue, 2 content, 3 source).
pub fn role(tag: u8) -> u8 {
    tag.div_ceil(2)
}

const MAGIC: &[u8; 4] = b"NMQL";
const VERSION: u32 = 2;

static BYTES: &[u8] = include_bytes!("../../models/quote_labeller.bin");

/// A packed labeller.
#[derive(Clone, Debug)]
pub struct Model {
    /// Feature key -> the tags' weights (`i8`, times `scale`), in the NER tagger's hashed
    /// table (a few probes per lookup instead of a binary search).
    table: PackedTable<N_TAGS>,
    scale: f32,
    trans: Vec<[f32; N_TAGS]>,
    /// The weights of the bias feature (template 0), which every token has: looked up once
    /// here instead of once per token.
    bias: Option<[u8; N_TAGS]>,
}

impl Model {
    /// Reads a model file; `None` when it is malformed. The features are copied; the
    /// embedded model ([`model`]) reads them in place.
    pub fn from_bytes(b: &[u8]) -> Option<Model> {
        Model::read(b, &|s| Cow::Owned(s.to_vec()))
    }

    /// Reads a model file, `wrap` turning its feature table's bytes into [`Bytes`].
    fn read<'a>(b: &'a [u8], wrap: &dyn Fn(&'a [u8]) -> Bytes) -> Option<Model> {
        let u32_at = |at: usize| -> Option<u32> {
            Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
        };
        if b.get(0..4)? != MAGIC || u32_at(4)? != VERSION {
            return None;
        }
        let scale = f32::from_bits(u32_at(8)?);
        let mut at = 12;
        let mut trans = Vec::with_capacity(N_TAGS + 1);
        for _ in 0..=N_TAGS {
            let mut row = [0f32; N_TAGS];
            for r in &mut row {
                *r = f32::from_bits(u32_at(at)?);
                at += 4;
            }
            trans.push(row);
        }
        let table = PackedTable::read(b, &mut at, wrap)?;
        if at != b.len() {
            return None;
        }
        let bias = table.get(BIAS_KEY).copied();
        Some(Model {
            table,
            scale,
            trans,
            bias,
        })
    }

    /// Serialises the model (the inverse of [`Model::from_bytes`]).
    #[cfg(any(test, feature = "train"))]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut items = Vec::with_capacity(self.table.len());
        self.table.for_each(|k, w| items.push((k, *w)));
        to_bytes(self.scale, &self.trans, &items)
    }

    /// Number of features.
    pub fn features(&self) -> usize {
        self.table.len()
    }

    /// The emission row of the features `keys`: per tag, the sum of their weights.
    ///
    /// The `i8` weights are summed exactly as integers, all seven tags at once in two `u64`s
    /// of 16-bit lanes (SWAR), then scaled once: each weight is biased to `1..=255` (`^ 0x80`,
    /// the table holds `-127..=127`), the even tags go to the lanes of `lo`, the odd ones to
    /// those of `hi`, and the bias is taken off at the end. A lane holds at most 255 per
    /// feature, so the keys go in chunks of 256 (a token has 29).
    #[cfg(test)]
    fn row(&self, keys: &[u32]) -> [f32; N_TAGS] {
        let mut row = [0f32; N_TAGS];
        for chunk in keys.chunks(256) {
            let mut acc = Acc::default();
            for &k in chunk {
                acc.add(self.table.get(k));
            }
            acc.scaled_into(&mut row, self.scale);
        }
        row
    }

    /// The emission row of a token: the bias feature's weights plus those of the keys of
    /// [`Sentence::token_keys`] (one chunk: far fewer than 256 keys).
    fn token_row(&self, keys: &[u32; N_KEYS]) -> [f32; N_TAGS] {
        let mut acc = Acc::default();
        acc.add(self.bias.as_ref());
        for &k in keys {
            acc.add(self.table.get(k));
        }
        let mut row = [0f32; N_TAGS];
        acc.scaled_into(&mut row, self.scale);
        row
    }

    /// Tags the tokens `[a, b)` of `doc` (one sentence); returns one tag per token and, per
    /// token, the margin of its tag's emission score over `O`'s.
    pub fn tag(&self, sent: &Sentence, out: &mut Vec<u8>, margin: &mut Vec<f32>) {
        let em: Vec<[f32; N_TAGS]> = (0..sent.len())
            .map(|i| self.token_row(&sent.token_keys(i)))
            .collect();
        crate::ner::tagger::viterbi(&em, &self.trans, &mut Vec::new(), out);
        margin.clear();
        margin.extend(out.iter().zip(&em).map(|(&t, e)| e[t as usize] - e[0]));
    }
}

/// Integer sums of `i8` weights, the seven tags at once in 16-bit lanes of two `u64`s
/// (SWAR): each weight is biased to `1..=255` (`^ 0x80`, the table holds `-127..=127`), the
/// even tags go to the lanes of `lo`, the odd ones to those of `hi`, and the bias is taken off
/// at the end. A lane holds at most 255 per feature: at most 256 features per sum.
#[derive(Clone, Copy, Default)]
struct Acc {
    lo: u64,
    hi: u64,
    found: i64,
}

impl Acc {
    #[inline]
    fn add(&mut self, w: Option<&[u8; N_TAGS]>) {
        const BIAS: u64 = 0x0080_8080_8080_8080;
        const EVEN: u64 = 0x00ff_00ff_00ff_00ff;
        if let Some(w) = w {
            let x = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], 0]) ^ BIAS;
            self.lo += x & EVEN;
            self.hi += (x >> 8) & EVEN;
            self.found += 1;
        }
    }

    /// Adds the sums, times `scale`, to `row`.
    #[inline]
    fn scaled_into(&self, row: &mut [f32; N_TAGS], scale: f32) {
        for (t, r) in row.iter_mut().enumerate() {
            let lanes = if t % 2 == 0 { self.lo } else { self.hi };
            let sum = ((lanes >> (16 * (t / 2))) & 0xffff) as i64 - 128 * self.found;
            *r += sum as f32 * scale;
        }
    }
}

/// The embedded model (`None` only if the committed file were malformed; the unit tests
/// check it is not).
pub fn model() -> Option<&'static Model> {
    static M: OnceLock<Option<Model>> = OnceLock::new();
    #[cfg(feature = "train")]
    if let Some(m) = overridden() {
        return Some(m);
    }
    M.get_or_init(|| Model::read(BYTES, &|s| Cow::Borrowed(s)))
        .as_ref()
}

/// Size in bytes of the embedded model file.
pub fn model_size() -> usize {
    BYTES.len()
}

#[cfg(feature = "train")]
static OVERRIDE: std::sync::RwLock<Option<&'static Model>> = std::sync::RwLock::new(None);

#[cfg(feature = "train")]
fn overridden() -> Option<&'static Model> {
    OVERRIDE.read().ok().and_then(|g| *g)
}

/// Makes [`model`] return `m` instead of the embedded model (for cross-fitting in `cargo
/// xtask train-quotes --cross-fit`; the model is leaked, which is fine for a tool). `None`
/// restores the embedded model.
#[cfg(feature = "train")]
pub fn set_override(m: Option<Model>) {
    if let Ok(mut g) = OVERRIDE.write() {
        *g = m.map(|m| &*Box::leak(Box::new(m)));
    }
}

/// Per-token attributes of one sentence, from which the features are made.
pub struct Sentence {
    /// The tokens' attributes between [`PAD`] copies of [`NONE`] on each side, so that a
    /// token's neighbours are read without a bounds test.
    toks: Vec<Tok>,
}

/// Neighbours read on each side of a token.
const PAD: usize = 2;

/// The attributes of a neighbour beyond the sentence.
const NONE: Tok = Tok {
    word: 1,
    suffix: 1,
    shape: 9,
    ner: 9,
    quote: 9,
    cue: 19,
    left: 9,
    right: 9,
};

/// Feature keys of a token besides the bias (templates 1 to 28).
const N_KEYS: usize = 28;

#[derive(Clone, Copy, Default)]
struct Tok {
    word: u64,
    suffix: u64,
    shape: u8,
    /// NER: 0 none, label + 1 (B) or label + 5 (I).
    ner: u8,
    /// 0 outside quote marks, 1 inside, 2 a quote mark.
    quote: u8,
    /// Rule cue: 0 none, class + 1 at its first token, class + 6 inside it.
    cue: u8,
    /// Distance buckets to the nearest rule cue start to the left and right (0: none).
    left: u8,
    right: u8,
}

const SEED: u64 = 0x9e37_79b9_7f4a_7c15;

#[inline]
const fn mix(h: u64, x: u64) -> u64 {
    let mut z = (h ^ x)
        .wrapping_add(SEED)
        .wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 31)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 29)
}

/// The key of a feature: template `tpl`, value `v`.
#[inline]
const fn key(tpl: u64, v: u64) -> u32 {
    (mix(mix(tpl, v), tpl) >> 32) as u32
}

/// The key of the bias feature (template 0), which every token has.
const BIAS_KEY: u32 = key(0, 0);

fn hash_lower(s: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for c in s.chars().take(24) {
        if c.is_ascii() {
            // What `to_lowercase` gives for an ASCII character, without its iterator.
            let l = if c.is_ascii_digit() {
                b'0'
            } else {
                c.to_ascii_lowercase() as u8
            };
            h = (h ^ l as u64).wrapping_mul(0x100_0000_01b3);
            continue;
        }
        for l in c.to_lowercase() {
            h = (h ^ l as u64).wrapping_mul(0x100_0000_01b3);
        }
    }
    h
}

fn shape(w: &str) -> u8 {
    let mut c = w.chars();
    match c.next() {
        None => 0,
        Some(f) if f.is_uppercase() => {
            if w.chars().all(|c| !c.is_lowercase()) && w.len() > 1 {
                1
            } else {
                2
            }
        }
        Some(f) if f.is_lowercase() => 3,
        Some(f) if f.is_ascii_digit() => 4,
        Some(_) => 5,
    }
}

fn bucket(d: usize) -> u8 {
    match d {
        0 => 1,
        1 => 2,
        2 => 3,
        3..=5 => 4,
        6..=10 => 5,
        _ => 6,
    }
}

fn class_code(c: &CueMatch) -> u8 {
    if c.according {
        return 4;
    }
    match c.class {
        CueClass::Speech => 0,
        CueClass::Tell => 1,
        CueClass::Thought => 2,
        CueClass::Report => 3,
    }
}

impl Sentence {
    /// The attributes of tokens `[a, b)` of `doc`: `mentions` sorted by start, `quoted` the
    /// sorted outer spans of the top-level quotations, `cues` the rule cue at each token of
    /// the document.
    pub fn new(
        doc: &Doc,
        a: usize,
        b: usize,
        mentions: &[Mention],
        quoted: &[Span],
        cues: &[Option<CueMatch>],
    ) -> Sentence {
        let mut toks: Vec<Tok> = Vec::with_capacity(b.saturating_sub(a) + 2 * PAD);
        let mut m = mentions
            .partition_point(|m| m.span.end <= doc.tokens.get(a).map_or(0, |t| t.span.start));
        let mut q =
            quoted.partition_point(|s| s.end <= doc.tokens.get(a).map_or(0, |t| t.span.start));
        let mut cue_end = 0;
        let mut cue_class = 0;
        for i in a..b {
            let t = &doc.tokens[i];
            let w = t.span.slice(doc.text);
            let suffix = w.char_indices().rev().nth(2).map_or(0, |(k, _)| k);
            while m < mentions.len() && mentions[m].span.end <= t.span.start {
                m += 1;
            }
            let ner = match mentions.get(m) {
                Some(x) if x.span.start < t.span.end => {
                    let l = Label::ALL.iter().position(|&l| l == x.label).unwrap_or(0) as u8;
                    if x.span.start >= t.span.start {
                        l + 1
                    } else {
                        l + 5
                    }
                }
                _ => 0,
            };
            while q < quoted.len() && quoted[q].end <= t.span.start {
                q += 1;
            }
            let quote = if t.kind == TokenKind::Quote {
                2
            } else if quoted.get(q).is_some_and(|s| s.start < t.span.end) {
                1
            } else {
                0
            };
            let cue = if let Some(c) = cues.get(i).copied().flatten() {
                cue_end = c.end;
                cue_class = class_code(&c);
                cue_class + 1
            } else if i < cue_end {
                cue_class + 6
            } else {
                0
            };
            toks.push(Tok {
                word: hash_lower(w),
                suffix: hash_lower(&w[suffix..]),
                shape: if t.kind == TokenKind::Quote {
                    6
                } else {
                    shape(w)
                },
                ner,
                quote,
                cue,
                left: 0,
                right: 0,
            });
        }
        // Nearest rule cue start on each side.
        let mut last: Option<usize> = None;
        for (i, t) in toks.iter_mut().enumerate() {
            t.left = last.map_or(0, |l| bucket(i - l));
            if matches!(t.cue, 1..=5) {
                last = Some(i);
            }
        }
        let mut next: Option<usize> = None;
        for i in (0..toks.len()).rev() {
            toks[i].right = next.map_or(0, |n| bucket(n - i));
            if matches!(toks[i].cue, 1..=5) {
                next = Some(i);
            }
        }
        toks.splice(0..0, [NONE; PAD]);
        toks.extend([NONE; PAD]);
        Sentence { toks }
    }

    pub fn len(&self) -> usize {
        self.toks.len().saturating_sub(2 * PAD)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The feature keys of token `i`: the bias, then [`Sentence::token_keys`].
    pub fn features(&self, i: usize, out: &mut Vec<u32>) {
        out.push(BIAS_KEY);
        out.extend_from_slice(&self.token_keys(i));
    }

    /// The feature keys of token `i` but the bias (all zero for a token beyond the sentence).
    #[inline]
    fn token_keys(&self, i: usize) -> [u32; N_KEYS] {
        // The token and two neighbours on each side (padded: always there).
        let Some(&[m2, m1, t, p1, p2]) = self.toks.get(i..i + 2 * PAD + 1) else {
            return [0; N_KEYS];
        };
        let pos = match i {
            0 => 1,
            _ if i + 1 == self.len() => 2,
            _ => 0,
        };
        [
            key(1, t.word),
            key(2, m1.word),
            key(3, p1.word),
            key(4, m2.word),
            key(5, p2.word),
            key(6, mix(m1.word, t.word)),
            key(7, mix(t.word, p1.word)),
            key(8, t.suffix),
            key(9, t.shape as u64),
            key(10, (t.shape as u64) << 8 | m1.shape as u64),
            key(11, t.ner as u64),
            key(12, m1.ner as u64),
            key(13, p1.ner as u64),
            key(14, t.quote as u64),
            key(
                15,
                (t.quote as u64) << 8 | m1.quote as u64 | (p1.quote as u64) << 16,
            ),
            key(16, t.cue as u64),
            key(17, m1.cue as u64),
            key(18, p1.cue as u64),
            key(19, (t.left as u64) << 8 | t.right as u64),
            key(20, mix(t.left as u64, t.word)),
            key(21, mix(t.right as u64, t.word)),
            key(
                22,
                (t.left as u64) << 8 | t.right as u64 | (t.ner as u64) << 16,
            ),
            key(23, (t.cue as u64) << 8 | t.quote as u64),
            key(24, pos),
            key(25, mix(pos, t.word)),
            key(26, mix(m1.word, m2.word)),
            key(27, mix(p1.word, p2.word)),
            key(28, mix(t.cue as u64, m1.word)),
        ]
    }
}

/// A maximal run of tokens with one role, in sentence-relative token indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// 1 cue, 2 content, 3 source.
    pub role: u8,
    pub start: usize,
    pub end: usize,
}

impl Segment {
    /// The segment's span in `doc`, for a sentence starting at token `a`.
    pub fn span(&self, doc: &Doc, a: usize) -> Span {
        Span::new(
            doc.tokens[a + self.start].span.start,
            doc.tokens[a + self.end - 1].span.end,
        )
    }
}

/// The segments of a tag sequence (each `B-` starts one).
pub fn segments(tags: &[u8]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for (i, &t) in tags.iter().enumerate() {
        if t == O {
            continue;
        }
        match out.last_mut() {
            Some(s) if t % 2 == 0 && s.role == role(t) && s.end == i => s.end = i + 1,
            _ => out.push(Segment {
                role: role(t),
                start: i,
                end: i + 1,
            }),
        }
    }
    out
}

/// One attribution read off the segments: a cue with its content pieces and source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    pub cue: Segment,
    pub content: Vec<Segment>,
    pub source: Option<Segment>,
}

/// Groups segments into relations: each cue takes the content segment right after it
/// (skipping a source), else the one right before it, plus a second piece on the other side
/// when the cue and its source split the content (`…, X said, …`); the source is the source
/// segment next to the cue (before it first). A segment serves one relation.
pub fn relations(segs: &[Segment]) -> Vec<Relation> {
    let mut used = vec![false; segs.len()];
    let mut out = Vec::new();
    for (k, s) in segs.iter().enumerate() {
        if s.role != 1 {
            continue;
        }
        let free = |j: usize, used: &[bool]| !used[j];
        // Neighbours, skipping at most one source segment.
        let next_of = |role: u8, dir: isize, used: &[bool]| -> Option<usize> {
            let mut j = k as isize + dir;
            let mut skipped = false;
            while j >= 0 && (j as usize) < segs.len() {
                let u = j as usize;
                if segs[u].role == role && free(u, used) {
                    return Some(u);
                }
                if segs[u].role == 3 && !skipped && role == 2 {
                    skipped = true;
                    j += dir;
                    continue;
                }
                return None;
            }
            None
        };
        let after = next_of(2, 1, &used);
        let before = next_of(2, -1, &used);
        let mut content = Vec::new();
        if let Some(b) = before {
            content.push(b);
        }
        if let Some(a) = after {
            content.push(a);
        }
        if content.is_empty() {
            continue;
        }
        let source = next_of(3, -1, &used).or_else(|| next_of(3, 1, &used));
        for &c in &content {
            used[c] = true;
        }
        if let Some(sr) = source {
            used[sr] = true;
        }
        used[k] = true;
        out.push(Relation {
            cue: *s,
            content: content.iter().map(|&c| segs[c]).collect(),
            source: source.map(|sr| segs[sr]),
        });
    }
    out
}

/// A training document: text, and per annotated attribution its cue, content and source
/// fragments (byte offsets).
#[cfg(feature = "train")]
#[derive(Clone, Debug, Default)]
pub struct TrainDoc {
    pub text: String,
    pub cues: Vec<Span>,
    pub contents: Vec<Span>,
    pub sources: Vec<Span>,
}

/// Training settings.
#[cfg(feature = "train")]
#[derive(Clone, Debug)]
pub struct Config {
    pub epochs: usize,
    pub seed: u64,
    /// Features seen fewer times than this get no weight.
    pub min_count: u32,
    /// Features whose largest averaged weight is below this are dropped.
    pub prune: f32,
    /// At most this many features are kept (those with the largest summed absolute weight).
    pub max_features: usize,
}

#[cfg(feature = "train")]
impl Default for Config {
    fn default() -> Config {
        Config {
            epochs: 20,
            seed: 2015,
            min_count: 3,
            prune: 0.05,
            max_features: 20_000,
        }
    }
}

/// Gold tags of the tokens `[a, b)`: cue over source over content where they overlap; a
/// new `B-` wherever a token starts a new annotated span.
#[cfg(feature = "train")]
fn gold_tags(doc: &Doc, a: usize, b: usize, d: &TrainDoc) -> Vec<u8> {
    let mut tags = vec![O; b - a];
    let mut ids = vec![usize::MAX; b - a];
    for (role, spans) in [(2u8, &d.contents), (3, &d.sources), (1, &d.cues)] {
        for (n, s) in spans.iter().enumerate() {
            for i in a..b {
                let t = doc.tokens[i].span;
                if t.start < s.end && s.start < t.end {
                    tags[i - a] = role * 2 - 1;
                    ids[i - a] = n + (role as usize) * 1_000_000;
                }
            }
        }
    }
    for i in 1..tags.len() {
        if tags[i] != O && ids[i] == ids[i - 1] {
            tags[i] += 1;
        }
    }
    tags
}

/// The sentences of a training document with their gold tags.
#[cfg(feature = "train")]
pub fn training_sentences(d: &TrainDoc) -> Vec<(Sentence, Vec<u8>)> {
    let doc = Doc::new(&d.text);
    let mentions = crate::ner::recognize(&doc);
    let quoted: Vec<Span> = super::marks::find(&d.text)
        .iter()
        .filter(|q| q.depth == 0)
        .map(|q| q.outer())
        .collect();
    let cues: Vec<Option<CueMatch>> = (0..doc.tokens.len())
        .map(|i| super::cues::cue_at(&doc, i))
        .collect();
    doc.sentences
        .iter()
        .map(|s| {
            let (a, b) = (s.tokens.start, s.tokens.end);
            (
                Sentence::new(&doc, a, b, &mentions, &quoted, &cues),
                gold_tags(&doc, a, b, d),
            )
        })
        .filter(|(s, _)| !s.is_empty())
        .collect()
}

/// Trains the labeller on `sents` (see [`training_sentences`]); deterministic (a seeded
/// shuffle, perceptron steps of 1).
#[cfg(feature = "train")]
pub fn train(sents: &[(Sentence, Vec<u8>)], cfg: &Config, mut log: impl FnMut(&str)) -> Model {
    use std::collections::HashMap;
    // Intern the feature keys.
    let mut index: HashMap<u32, u32> = HashMap::new();
    let mut keys: Vec<u32> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut starts: Vec<Vec<usize>> = Vec::with_capacity(sents.len());
    let mut ids: Vec<u32> = Vec::new();
    let mut buf = Vec::new();
    for (s, _) in sents {
        let mut st = Vec::with_capacity(s.len() + 1);
        for i in 0..s.len() {
            st.push(ids.len());
            buf.clear();
            s.features(i, &mut buf);
            for &k in &buf {
                let id = *index.entry(k).or_insert_with(|| {
                    keys.push(k);
                    counts.push(0);
                    (keys.len() - 1) as u32
                });
                counts[id as usize] += 1;
                ids.push(id);
            }
        }
        st.push(ids.len());
        starts.push(st);
    }
    let nf = keys.len();
    let active: Vec<bool> = counts.iter().map(|&c| c >= cfg.min_count).collect();
    log(&format!(
        "{} sentences, {} tokens, {} features ({} seen at least {} times)",
        sents.len(),
        sents.iter().map(|s| s.0.len()).sum::<usize>(),
        nf,
        active.iter().filter(|&&a| a).count(),
        cfg.min_count
    ));
    const S: usize = N_TAGS;
    let gold: Vec<&[u8]> = sents.iter().map(|s| s.1.as_slice()).collect();
    let data = crate::ner::train::Compiled { starts, ids };
    let (avg_w, trans) = crate::ner::train::perceptron::<S>(
        &gold, &data, &active, cfg.epochs, cfg.seed, None, &mut log,
    );
    let mut feats: Vec<(u32, [f32; S])> = Vec::new();
    for (id, &k) in keys.iter().enumerate() {
        let mut row = [0f32; S];
        let mut max = 0f32;
        for t in 0..S {
            row[t] = avg_w[id * S + t];
            max = max.max(row[t].abs());
        }
        if max > cfg.prune {
            feats.push((k, row));
        }
    }
    // The strongest features, by summed absolute weight (ties by key: deterministic).
    let strength = |r: &[f32; S]| r.iter().map(|x| x.abs()).sum::<f32>();
    feats.sort_unstable_by(|a, b| {
        strength(&b.1)
            .total_cmp(&strength(&a.1))
            .then(a.0.cmp(&b.0))
    });
    feats.truncate(cfg.max_features);
    feats.sort_unstable_by_key(|f| f.0);
    // One scale for all weights: the largest weight maps to 127.
    let top = feats
        .iter()
        .flat_map(|f| f.1.iter().map(|x| x.abs()))
        .fold(0f32, f32::max)
        .max(1e-6);
    let scale = top / 127.0;
    let items: Vec<(u32, [u8; N_TAGS])> = feats
        .iter()
        .map(|f| {
            (
                f.0,
                f.1.map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8 as u8),
            )
        })
        .collect();
    // Hashed keys spread over 65,536 buckets: no group of 16 comes near 255 keys.
    let model = Model::from_bytes(&to_bytes(scale, &trans, &items))
        .filter(|m| m.features() == items.len())
        .expect("feature keys fit the table");
    log(&format!("kept {} of {} features", model.features(), nf));
    model
}

/// A model file from its parts (feature keys ascending and distinct).
#[cfg(any(test, feature = "train"))]
fn to_bytes(scale: f32, trans: &[[f32; N_TAGS]], items: &[(u32, [u8; N_TAGS])]) -> Vec<u8> {
    let mut out =
        Vec::with_capacity(12 + 4 * trans.len() * N_TAGS + 65_540 + items.len() * (2 + N_TAGS));
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&scale.to_bits().to_le_bytes());
    for row in trans {
        for x in row {
            out.extend_from_slice(&x.to_bits().to_le_bytes());
        }
    }
    PackedTable::pack(items, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_and_relations() {
        // `Officials said the plan , X added , was dead`
        let tags = [
            B_SOURCE, B_CUE, B_CONTENT, I_CONTENT, O, B_SOURCE, B_CUE, O, B_CONTENT, I_CONTENT,
        ];
        let segs = segments(&tags);
        assert_eq!(segs.len(), 6);
        let rels = relations(&segs);
        assert_eq!(rels.len(), 2);
        assert_eq!(rels[0].cue.start, 1);
        assert_eq!(rels[0].source.map(|s| s.start), Some(0));
        assert_eq!(rels[0].content[0].start, 2);
        assert_eq!(rels[1].cue.start, 6);
        assert_eq!(rels[1].content.len(), 1);
        assert_eq!(rels[1].content[0].start, 8);
        // A cue without content makes no relation.
        assert!(relations(&segments(&[B_SOURCE, B_CUE, O])).is_empty());
    }

    /// `hash_lower` as it was before its ASCII path: lower-case every character through
    /// `char::to_lowercase`, digits as `0`, the first 24 characters.
    fn hash_lower_reference(s: &str) -> u64 {
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        for c in s.chars().take(24) {
            let c = if c.is_ascii_digit() { '0' } else { c };
            for l in c.to_lowercase() {
                h = (h ^ l as u64).wrapping_mul(0x100_0000_01b3);
            }
        }
        h
    }

    #[test]
    fn hash_lower_ascii_path_matches_to_lowercase() {
        let mut words: Vec<String> = [
            "",
            "The",
            "THE",
            "said",
            "Said",
            "1999",
            "$3.5bn",
            "McDonald's",
            "U.S.",
            "İstanbul",
            "ÉCOLE",
            "Straße",
            "ΣΟΦΊΑ",
            "東京",
            "naïve",
            "’s",
            "Ⅻ",
            "ǅemal",
            "a\u{1}\u{7f}Z",
            "a-very-long-hyphenated-word-beyond-24-characters",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        words.extend((0x20u8..0x7f).map(|b| format!("x{}Y{}", b as char, b as char)));
        for w in &words {
            assert_eq!(hash_lower(w), hash_lower_reference(w), "{w:?}");
        }
        assert_eq!(hash_lower("Said"), hash_lower("SAID"));
        assert_eq!(hash_lower("1999"), hash_lower("2024"));
        assert_ne!(hash_lower("said"), hash_lower("sad"));
    }

    /// The feature keys as they were computed before the padded sentence and the bias
    /// hoisted out of the rows: 29 keys, neighbours beyond the sentence read as `NONE`.
    fn features_reference(s: &Sentence, i: usize) -> Vec<u32> {
        let toks = &s.toks[PAD..s.toks.len() - PAD];
        let at = |d: isize| -> Tok {
            let j = i as isize + d;
            if j < 0 || j >= toks.len() as isize {
                NONE
            } else {
                toks[j as usize]
            }
        };
        let t = at(0);
        let mut out = Vec::new();
        let mut push = |tpl: u64, v: u64| out.push((mix(mix(tpl, v), tpl) >> 32) as u32);
        push(0, 0);
        push(1, t.word);
        push(2, at(-1).word);
        push(3, at(1).word);
        push(4, at(-2).word);
        push(5, at(2).word);
        push(6, mix(at(-1).word, t.word));
        push(7, mix(t.word, at(1).word));
        push(8, t.suffix);
        push(9, t.shape as u64);
        push(10, (t.shape as u64) << 8 | at(-1).shape as u64);
        push(11, t.ner as u64);
        push(12, at(-1).ner as u64);
        push(13, at(1).ner as u64);
        push(14, t.quote as u64);
        push(
            15,
            (t.quote as u64) << 8 | at(-1).quote as u64 | (at(1).quote as u64) << 16,
        );
        push(16, t.cue as u64);
        push(17, at(-1).cue as u64);
        push(18, at(1).cue as u64);
        push(19, (t.left as u64) << 8 | t.right as u64);
        push(20, mix(t.left as u64, t.word));
        push(21, mix(t.right as u64, t.word));
        push(
            22,
            (t.left as u64) << 8 | t.right as u64 | (t.ner as u64) << 16,
        );
        push(23, (t.cue as u64) << 8 | t.quote as u64);
        let pos = match i {
            0 => 1,
            _ if i + 1 == toks.len() => 2,
            _ => 0,
        };
        push(24, pos);
        push(25, mix(pos, t.word));
        push(26, mix(at(-1).word, at(-2).word));
        push(27, mix(at(1).word, at(2).word));
        push(28, mix(t.cue as u64, at(-1).word));
        out
    }

    /// Sentences of one to many tokens, with names, quotation marks and cues: the keys are
    /// those of the reference, and a token's row (bias looked up once) is bit for bit the row
    /// of all its keys.
    #[test]
    fn token_keys_and_rows_match_the_reference() {
        let text = "Yes. \u{201c}No,\u{201d} he said. Officials said the plan, Mike Pompeo \
                    added, was dead. According to the poll, voters in Ohio want change \
                    and think that \u{201c}it is time\u{201d}. Polls show 3 in 10 agree.";
        let doc = Doc::new(text);
        let mentions = crate::ner::recognize(&doc);
        let quoted: Vec<Span> = super::super::marks::find(text)
            .iter()
            .filter(|q| q.depth == 0)
            .map(|q| q.outer())
            .collect();
        let cues: Vec<Option<CueMatch>> = (0..doc.tokens.len())
            .map(|i| super::super::cues::cue_at(&doc, i))
            .collect();
        assert!(cues.iter().any(|c| c.is_some()));
        let m = model().expect("the committed labeller model reads");
        assert!(m.bias.is_some(), "the bias feature has weights");
        let mut ranges: Vec<(usize, usize)> = doc
            .sentences
            .iter()
            .map(|s| (s.tokens.start, s.tokens.end))
            .collect();
        ranges.push((0, 1));
        ranges.push((0, 2));
        ranges.push((0, doc.tokens.len()));
        let mut tokens = 0;
        for (a, b) in ranges {
            let s = Sentence::new(&doc, a, b, &mentions, &quoted, &cues);
            assert_eq!(s.len(), b - a);
            for i in 0..s.len() {
                let want = features_reference(&s, i);
                let mut got = Vec::new();
                s.features(i, &mut got);
                assert_eq!(got, want, "token {i} of {a}..{b}");
                let row = m.token_row(&s.token_keys(i));
                let all = m.row(&want);
                assert_eq!(row.map(f32::to_bits), all.map(f32::to_bits));
                tokens += 1;
            }
            assert_eq!(s.token_keys(s.len()), [0; N_KEYS]);
        }
        assert!(tokens > 60);
    }

    #[test]
    fn embedded_model_reads_and_round_trips() {
        let m = model().expect("the committed labeller model reads");
        assert!(m.features() > 1000);
        let again = Model::from_bytes(&m.to_bytes()).expect("round trip");
        assert_eq!(again.to_bytes(), m.to_bytes());
        assert!(Model::from_bytes(&BYTES[..BYTES.len() - 1]).is_none());
        assert!(Model::from_bytes(b"junk").is_none());
    }

    /// The emission rows summed as integers are the weights times the scale summed one by
    /// one, up to rounding; absent keys add nothing, and a long run of keys (more than one
    /// chunk of 256) does not overflow the lanes.
    #[test]
    fn rows_are_the_sum_of_the_weights() {
        let m = model().expect("the committed labeller model reads");
        let mut items: Vec<(u32, [u8; N_TAGS])> = Vec::new();
        m.table.for_each(|k, w| items.push((k, *w)));
        // Keys whose weights reach both ends of the i8 range, and a key absent from the table.
        let top = |w: &[u8; N_TAGS]| w.iter().map(|&x| x as i8).max().unwrap_or(0);
        let bottom = |w: &[u8; N_TAGS]| w.iter().map(|&x| x as i8).min().unwrap_or(0);
        let high = items.iter().max_by_key(|(_, w)| top(w)).unwrap();
        let low = items.iter().min_by_key(|(_, w)| bottom(w)).unwrap();
        assert!(
            top(&high.1) >= 100 && bottom(&low.1) <= -50,
            "{high:?} {low:?}"
        );
        let absent = (0..u32::MAX).find(|k| m.table.get(*k).is_none()).unwrap();
        let mut sets: Vec<Vec<u32>> = vec![
            vec![],
            vec![absent],
            vec![high.0],
            vec![low.0, absent, high.0],
            items.iter().step_by(997).map(|x| x.0).take(29).collect(),
            vec![high.0; 700],
            vec![low.0; 700],
        ];
        sets.push(
            sets[4]
                .iter()
                .copied()
                .chain([absent])
                .cycle()
                .take(600)
                .collect(),
        );
        for keys in &sets {
            let mut want = [0f64; N_TAGS];
            for k in keys {
                if let Some(w) = m.table.get(*k) {
                    for (a, &x) in want.iter_mut().zip(w) {
                        *a += x as i8 as f64 * m.scale as f64;
                    }
                }
            }
            let got = m.row(keys);
            for (g, w) in got.iter().zip(&want) {
                assert!(
                    (*g as f64 - w).abs() <= 1e-5 * (1.0 + w.abs()),
                    "{} keys: {got:?} {want:?}",
                    keys.len()
                );
            }
        }
        // 700 times the same key: 700 times its weights (no lane overflows).
        let one = m.row(&[low.0]);
        let many = m.row(&[low.0; 700]);
        assert!(one.iter().any(|&x| x < 0.0));
        for (a, b) in one.iter().zip(&many) {
            assert!(
                (a * 700.0 - b).abs() <= 1e-3 * (1.0 + b.abs()),
                "{one:?} {many:?}"
            );
        }
    }
}
