//! The trainer: a structured averaged perceptron over the same features and decoder the tagger
//! uses, then pruning and packing. Deterministic: a seeded shuffle, integer weights.

use super::features::{token_features, SentenceFeatures};
use super::lexicon::{phrase_key, token_key, word_key, Lexicons, WordCodes, MAX_PHRASE};
use super::model::{pack, Unpacked, N_TAGS};
use super::score::Sentence;
use super::tagger::viterbi;
use std::collections::HashMap;

/// Training settings.
#[derive(Clone, Debug)]
pub struct Config {
    pub epochs: usize,
    pub seed: u64,
    /// Features whose largest averaged weight (in update units) is below this are dropped.
    pub prune: f32,
    /// Features seen fewer times than this in training get no weight.
    pub min_count: u32,
    /// Learn the second, document-level pass (see [`train`]).
    pub doc_features: bool,
    pub folds: usize,
    /// Passive-aggressive (PA-I) steps capped at this instead of perceptron steps of 1.
    pub pa: Option<f64>,
    /// Perceptron runs with different shuffling seeds whose averaged weights are averaged.
    pub runs: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            epochs: 25,
            seed: 2003,
            prune: 0.0,
            min_count: 2,
            doc_features: true,
            folds: 5,
            runs: 1,
            pa: None,
        }
    }
}

/// Gazetteer phrases and word clusters to pack with the model.
#[derive(Clone, Debug, Default)]
pub struct Resources {
    pub phrases: Vec<(u32, u8)>,
    pub words: Vec<(u32, WordCodes)>,
}

impl Resources {
    /// Adds a gazetteer phrase (tokenised as the tagger tokenises text) to list `list` (0..8).
    pub fn add_phrase(&mut self, phrase: &str, list: u8) {
        let doc = crate::text::Doc::new(phrase);
        let keys: Vec<u64> = doc
            .tokens
            .iter()
            .map(|t| token_key(t.span.slice(phrase)))
            .collect();
        if keys.is_empty() || keys.len() > MAX_PHRASE || list >= 8 {
            return;
        }
        self.phrases.push((phrase_key(&keys), 1 << list));
    }

    /// Adds the cluster codes of a word.
    pub fn add_word(&mut self, word: &str, codes: WordCodes) {
        self.words.push((word_key(word), codes));
    }

    fn normalise(&mut self) {
        self.phrases.sort_unstable();
        let mut merged: Vec<(u32, u8)> = Vec::with_capacity(self.phrases.len());
        for &(k, m) in &self.phrases {
            match merged.last_mut() {
                Some(last) if last.0 == k => last.1 |= m,
                _ => merged.push((k, m)),
            }
        }
        self.phrases = merged;
        self.words.sort_by_key(|w| w.0);
        self.words.dedup_by_key(|w| w.0);
    }
}

/// The trainer's seeded pseudo-random numbers (xorshift64), shared with the tools that need
/// deterministic draws.
pub struct Xorshift(pub u64);
impl Xorshift {
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Shuffles `v` in place (Fisher-Yates, from the end).
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Features of every token, interned to dense ids.
pub(crate) struct Compiled {
    /// Per sentence: per token: range into `ids`.
    pub(crate) starts: Vec<Vec<usize>>,
    pub(crate) ids: Vec<u32>,
}

fn compile(
    sents: &[(&Sentence, Option<&[u16]>)],
    lex: &Lexicons,
    index: &mut HashMap<u32, u32>,
    keys: &mut Vec<u32>,
) -> Compiled {
    let mut sf = SentenceFeatures::new();
    let mut buf = Vec::new();
    let mut c = Compiled {
        starts: Vec::with_capacity(sents.len()),
        ids: Vec::new(),
    };
    for (s, ev) in sents {
        sf.prepare(&s.tokens, lex);
        if let Some(ev) = ev {
            sf.doc.copy_from_slice(ev);
        }
        let mut st = Vec::with_capacity(s.tokens.len() + 1);
        for i in 0..s.tokens.len() {
            st.push(c.ids.len());
            token_features(&sf, i, &mut buf);
            for &f in &buf {
                let id = *index.entry(f).or_insert_with(|| {
                    keys.push(f);
                    (keys.len() - 1) as u32
                });
                c.ids.push(id);
            }
        }
        st.push(c.ids.len());
        c.starts.push(st);
    }
    c
}

/// Trains on `docs` and returns the packed model. `log` receives progress lines.
///
/// Documents are cut at datelines as the tagger cuts them. With `cfg.doc_features`, the
/// document evidence of the second pass is made by jackknifing: a first-pass model trained on
/// the other `cfg.folds` - 1 folds tags each fold; the final model learns from every sentence
/// twice, once without evidence (the first pass) and once with it (the second).
pub fn train(
    docs: &[Vec<Sentence>],
    resources: &Resources,
    cfg: &Config,
    mut log: impl FnMut(&str),
) -> Vec<u8> {
    let mut res = resources.clone();
    res.normalise();
    let lex = Lexicons::from_parts(&res.phrases, &res.words);
    let mut parts: Vec<Vec<&Sentence>> = Vec::new();
    for d in docs {
        let toks: Vec<&[String]> = d.iter().map(|s| s.tokens.as_slice()).collect();
        for r in super::split_at_datelines(&toks) {
            parts.push(d[r].iter().collect());
        }
    }
    log(&format!("{} documents after dateline split", parts.len()));
    let plain: Vec<(&Sentence, Option<&[u16]>)> =
        parts.iter().flatten().map(|s| (*s, None)).collect();
    if !cfg.doc_features {
        return fit(&plain, &lex, &res, cfg, 1, &mut log);
    }
    let folds = cfg.folds.max(2);
    let fold = folds_of(&parts, folds);
    let mut evidence: Vec<Vec<Vec<u16>>> = vec![Vec::new(); parts.len()];
    for k in 0..folds {
        let train: Vec<(&Sentence, Option<&[u16]>)> = parts
            .iter()
            .enumerate()
            .filter(|(i, _)| fold[*i] != k)
            .flat_map(|(_, p)| p.iter().map(|s| (*s, None)))
            .collect();
        let bytes = fit(&train, &lex, &res, cfg, 1, &mut |_: &str| {});
        let model = match super::Model::from_bytes(&bytes) {
            Ok(m) => m,
            Err(e) => panic!("the trainer wrote a bad model: {e}"),
        };
        let mut ws = super::Workspace::new();
        for (i, p) in parts.iter().enumerate().filter(|(i, _)| fold[*i] == k) {
            let toks: Vec<&Vec<String>> = p.iter().map(|s| &s.tokens).collect();
            let first: Vec<Vec<u8>> = toks
                .iter()
                .map(|t| {
                    let mut out = Vec::new();
                    model.tag_tokens(t, None, &mut ws, &mut out);
                    out
                })
                .collect();
            let sents: Vec<Vec<&str>> = toks
                .iter()
                .map(|t| t.iter().map(String::as_str).collect())
                .collect();
            evidence[i] = super::doc_evidence(&sents, &first);
        }
        log(&format!("jackknife fold {} of {folds} done", k + 1));
    }
    let mut examples = plain.clone();
    for (p, ev) in parts.iter().zip(&evidence) {
        for (s, e) in p.iter().zip(ev) {
            examples.push((*s, Some(e.as_slice())));
        }
    }
    fit(&examples, &lex, &res, cfg, 2, &mut log)
}

/// The jackknife fold of each document: the `i`th goes to fold `i % folds`, except that a copy
/// of an earlier document (same tokens and tags, as when a training set is given more weight by
/// repeating it) goes to the fold of its first occurrence. Otherwise a copy would teach the
/// first-pass model the very document whose evidence it makes.
fn folds_of(parts: &[Vec<&Sentence>], folds: usize) -> Vec<usize> {
    let mut first: HashMap<&[&Sentence], usize> = HashMap::new();
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| *first.entry(p.as_slice()).or_insert(i) % folds)
        .collect()
}

/// One perceptron run over `sents` (with optional document evidence), packed. `copies` is how
/// many times each training sentence occurs in `sents` (for the feature count cut-off).
fn fit(
    sents: &[(&Sentence, Option<&[u16]>)],
    lex: &Lexicons,
    res: &Resources,
    cfg: &Config,
    copies: u32,
    log: &mut dyn FnMut(&str),
) -> Vec<u8> {
    let mut index = HashMap::new();
    let mut keys = Vec::new();
    let data = compile(sents, lex, &mut index, &mut keys);
    let nf = keys.len();
    // Features seen fewer than `cfg.min_count` times are never updated (so never kept).
    let mut seen = vec![0u32; nf];
    for &f in &data.ids {
        seen[f as usize] = seen[f as usize].saturating_add(1);
    }
    let active: Vec<bool> = seen.iter().map(|&n| n >= cfg.min_count * copies).collect();
    log(&format!(
        "{} sentences, {} tokens, {} features",
        sents.len(),
        sents.iter().map(|s| s.0.tokens.len()).sum::<usize>(),
        nf
    ));
    // Each run is an averaged perceptron with its own shuffling seed; the averaged weights of
    // the runs are averaged again (a cheap ensemble that lowers the run-to-run noise).
    let runs = cfg.runs.max(1);
    let mut avg_w = vec![0f32; nf * N_TAGS];
    let mut trans = [[0f32; N_TAGS]; N_TAGS + 1];
    for r in 0..runs {
        let seed = cfg.seed.wrapping_add(r as u64 * 7919);
        let gold: Vec<&[u8]> = sents.iter().map(|s| s.0.tags.as_slice()).collect();
        let (w, t) = perceptron::<N_TAGS>(&gold, &data, &active, cfg.epochs, seed, cfg.pa, log);
        for (a, x) in avg_w.iter_mut().zip(&w) {
            *a += x / runs as f32;
        }
        for p in 0..=N_TAGS {
            for k in 0..N_TAGS {
                trans[p][k] += t[p][k] / runs as f32;
            }
        }
    }
    let mut feats: Vec<(u32, [f32; N_TAGS])> = Vec::new();
    for (id, &k) in keys.iter().enumerate() {
        let mut row = [0f32; N_TAGS];
        let mut max = 0f32;
        for t in 0..N_TAGS {
            row[t] = avg_w[id * N_TAGS + t];
            max = max.max(row[t].abs());
        }
        if max > cfg.prune && max > 0.0 {
            feats.push((k, row));
        }
    }
    feats.sort_unstable_by_key(|f| f.0);
    log(&format!("kept {} of {} features", feats.len(), nf));
    pack(&Unpacked {
        trans,
        feats: &feats,
        phrases: &res.phrases,
        words: &res.words,
    })
}

/// One averaged-perceptron run over sentences with `gold` tags (`N` BIO tags, `O` first; see
/// [`viterbi`]): the averaged emission weights (feature-major, `N` per feature) and
/// transition weights (`N + 1` rows, the last for the sentence start). `pa`: passive-aggressive
/// steps capped there instead of steps of 1. Shared by the NER and the quote labeller
/// (`crate::quotes::labeller::train`).
pub(crate) fn perceptron<const N: usize>(
    gold: &[&[u8]],
    data: &Compiled,
    active: &[bool],
    epochs: usize,
    seed: u64,
    pa: Option<f64>,
    log: &mut dyn FnMut(&str),
) -> (Vec<f32>, Vec<[f32; N]>) {
    let nf = active.len();
    // Weights are f64: with step 1 (the perceptron) they stay exact integers.
    let mut w = vec![0f64; nf * N];
    let mut u = vec![0f64; nf * N];
    let mut tw = vec![[0f64; N]; N + 1];
    let mut tu = vec![[0f64; N]; N + 1];
    let mut c: f64 = 1.0;
    let mut rng = Xorshift(seed.max(1));
    let mut order: Vec<usize> = (0..gold.len()).collect();
    let mut em: Vec<[f32; N]> = Vec::new();
    let mut back = Vec::new();
    let mut pred = Vec::new();
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let mut wrong = 0usize;
        let mut total = 0usize;
        for &si in &order {
            let g_tags = gold[si];
            let st = &data.starts[si];
            let n = g_tags.len();
            em.clear();
            em.resize(n, [0.0; N]);
            for (i, row) in em.iter_mut().enumerate() {
                for &f in &data.ids[st[i]..st[i + 1]] {
                    let base = f as usize * N;
                    for (t, r) in row.iter_mut().enumerate() {
                        *r += w[base + t] as f32;
                    }
                }
            }
            let trans: Vec<[f32; N]> = tw.iter().map(|r| r.map(|x| x as f32)).collect();
            viterbi(&em, &trans, &mut back, &mut pred);
            total += n;
            let tau = match pa {
                Some(cap) => pa_step(g_tags, &pred, &em, &trans, data, st, active, cap),
                None => 1.0,
            };
            for i in 0..n {
                let (g, p, pg, pp) = gold_and_predicted::<N>(g_tags, &pred, i);
                if g != p {
                    wrong += 1;
                    for &f in &data.ids[st[i]..st[i + 1]] {
                        if !active[f as usize] {
                            continue;
                        }
                        let base = f as usize * N;
                        w[base + g] += tau;
                        u[base + g] += c * tau;
                        w[base + p] -= tau;
                        u[base + p] -= c * tau;
                    }
                }
                if (pg, g) != (pp, p) {
                    tw[pg][g] += tau;
                    tu[pg][g] += c * tau;
                    tw[pp][p] -= tau;
                    tu[pp][p] -= c * tau;
                }
            }
            c += 1.0;
        }
        log(&format!(
            "epoch {}: train token error {:.3}%",
            epoch + 1,
            100.0 * wrong as f64 / total.max(1) as f64
        ));
    }
    // Averaged weights: w - u / c.
    let avg = |w: f64, u: f64| -> f32 { (w - u / c) as f32 };
    let trans = tw
        .iter()
        .zip(&tu)
        .map(|(w, u)| std::array::from_fn(|t| avg(w[t], u[t])))
        .collect();
    let avg_w = w.iter().zip(&u).map(|(&w, &u)| avg(w, u)).collect();
    (avg_w, trans)
}

/// At token `i`: the gold tag, the predicted tag, and the tags before each (the start row `N`
/// first).
fn gold_and_predicted<const N: usize>(
    gold: &[u8],
    pred: &[u8],
    i: usize,
) -> (usize, usize, usize, usize) {
    let before = |tags: &[u8]| if i == 0 { N } else { tags[i - 1] as usize };
    (
        gold[i] as usize,
        pred[i] as usize,
        before(gold),
        before(pred),
    )
}

/// The PA-I step for a sentence tagged `pred`: the Hamming loss plus the score the prediction
/// has over the gold tags, over the squared norm of the feature difference, capped at `cap`.
#[allow(clippy::too_many_arguments)]
fn pa_step<const N: usize>(
    gold: &[u8],
    pred: &[u8],
    em: &[[f32; N]],
    trans: &[[f32; N]],
    data: &Compiled,
    st: &[usize],
    active: &[bool],
    cap: f64,
) -> f64 {
    let (mut loss, mut diff, mut norm) = (0f64, 0f64, 0f64);
    for i in 0..pred.len() {
        let (g, p, pg, pp) = gold_and_predicted::<N>(gold, pred, i);
        if g != p {
            loss += 1.0;
            diff += (em[i][p] - em[i][g]) as f64;
            let k = data.ids[st[i]..st[i + 1]]
                .iter()
                .filter(|&&f| active[f as usize])
                .count();
            norm += 2.0 * k as f64;
        }
        if (pg, g) != (pp, p) {
            diff += (trans[pp][p] - trans[pg][g]) as f64;
            norm += 2.0;
        }
    }
    if norm == 0.0 {
        return 0.0;
    }
    ((loss + diff) / norm).clamp(0.0, cap)
}

/// Word clusters from unlabelled text: each lowercased word seen at least `min_count` times
/// gets a vector of its left and right neighbours (positive PMI over the most frequent
/// context words, projected to a fixed number of dimensions with a seeded random projection),
/// and a top-down bisecting spherical 2-means splits the words into a binary tree. The path
/// of a word (up to `depth` bits) is returned, Brown-cluster style, as a string of 0s and 1s.
pub fn clusters<'a>(
    sentences: impl Iterator<Item = Vec<&'a str>>,
    min_count: u32,
    depth: usize,
    seed: u64,
) -> Vec<(String, String)> {
    const CTX: usize = 2000;
    const DIM: usize = 128;
    let (words, counts, corpus) = intern(sentences, Vec::new(), Vec::new());
    // Context words: the CTX most frequent (ties by word, deterministic).
    let mut by_freq: Vec<u32> = (0..words.len() as u32).collect();
    by_freq.sort_by(|&a, &b| {
        counts[b as usize]
            .cmp(&counts[a as usize])
            .then_with(|| words[a as usize].cmp(&words[b as usize]))
    });
    let mut ctx_of = vec![u32::MAX; words.len()];
    for (r, &w) in by_freq.iter().take(CTX).enumerate() {
        ctx_of[w as usize] = r as u32;
    }
    let targets: Vec<u32> = by_freq
        .iter()
        .copied()
        .filter(|&w| counts[w as usize] >= min_count)
        .collect();
    let mut row_of = vec![u32::MAX; words.len()];
    for (r, &w) in targets.iter().enumerate() {
        row_of[w as usize] = r as u32;
    }
    // Co-occurrence counts: context slot = side * CTX + context rank (side 0: left, 1: right).
    let mut cooc: Vec<HashMap<u32, u32>> = vec![HashMap::new(); targets.len()];
    let mut ctx_total = vec![0u64; 2 * CTX];
    let mut total = 0u64;
    for s in &corpus {
        for i in 0..s.len() {
            let r = row_of[s[i] as usize];
            if r == u32::MAX {
                continue;
            }
            for (side, j) in [(0usize, i.wrapping_sub(1)), (1, i + 1)] {
                let c = if j < s.len() {
                    ctx_of[s[j] as usize]
                } else {
                    CTX as u32 - 1 // boundary shares the rarest slot
                };
                if c == u32::MAX {
                    continue;
                }
                let slot = side as u32 * CTX as u32 + c;
                *cooc[r as usize].entry(slot).or_insert(0) += 1;
                ctx_total[slot as usize] += 1;
                total += 1;
            }
        }
    }
    // Random projection of PPMI rows.
    let proj = |slot: u32, d: usize| -> f32 {
        let h = super::features::H::new(seed)
            .add(slot as u64)
            .add(d as u64)
            .finish();
        if h & 1 == 0 {
            1.0
        } else {
            -1.0
        }
    };
    let mut table = vec![0f32; 2 * CTX * DIM];
    for slot in 0..2 * CTX {
        for d in 0..DIM {
            table[slot * DIM + d] = proj(slot as u32, d);
        }
    }
    let n = targets.len();
    let mut vecs = vec![0f32; n * DIM];
    for r in 0..n {
        let row_total: u64 = cooc[r].values().map(|&c| c as u64).sum();
        let mut entries: Vec<(u32, u32)> = cooc[r].iter().map(|(&k, &v)| (k, v)).collect();
        entries.sort_unstable();
        let v = &mut vecs[r * DIM..(r + 1) * DIM];
        for (slot, c) in entries {
            let pmi = ((c as f64 * total as f64)
                / (row_total as f64 * ctx_total[slot as usize] as f64))
                .ln();
            if pmi <= 0.0 {
                continue;
            }
            let t = &table[slot as usize * DIM..(slot as usize + 1) * DIM];
            for (x, p) in v.iter_mut().zip(t) {
                *x += pmi as f32 * p;
            }
        }
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|x| *x /= norm);
        }
    }
    // Bisecting spherical 2-means.
    let mut paths = vec![String::new(); n];
    let mut stack: Vec<(Vec<usize>, usize)> = vec![((0..n).collect(), 0)];
    let dot = |a: &[f32], b: &[f32]| -> f32 { a.iter().zip(b).map(|(x, y)| x * y).sum() };
    while let Some((members, level)) = stack.pop() {
        if level >= depth || members.len() < 4 {
            continue;
        }
        let v = |i: usize| &vecs[i * DIM..(i + 1) * DIM];
        let mut mean = vec![0f32; DIM];
        for &m in &members {
            mean.iter_mut().zip(v(m)).for_each(|(a, b)| *a += b);
        }
        let far = |from: &[f32]| -> usize {
            *members
                .iter()
                .min_by(|&&a, &&b| dot(v(a), from).total_cmp(&dot(v(b), from)))
                .unwrap_or(&members[0])
        };
        let a = far(&mean);
        let b = far(v(a));
        let mut c = [v(a).to_vec(), v(b).to_vec()];
        let mut side = vec![0u8; members.len()];
        for _ in 0..10 {
            for (k, &m) in members.iter().enumerate() {
                side[k] = u8::from(dot(v(m), &c[1]) > dot(v(m), &c[0]));
            }
            let mut nc = [vec![0f32; DIM], vec![0f32; DIM]];
            for (k, &m) in members.iter().enumerate() {
                nc[side[k] as usize]
                    .iter_mut()
                    .zip(v(m))
                    .for_each(|(a, b)| *a += b);
            }
            for x in nc.iter_mut() {
                let norm = x.iter().map(|y| y * y).sum::<f32>().sqrt();
                if norm > 0.0 {
                    x.iter_mut().for_each(|y| *y /= norm);
                }
            }
            c = nc;
        }
        let mut parts = [Vec::new(), Vec::new()];
        for (k, &m) in members.iter().enumerate() {
            paths[m].push(if side[k] == 0 { '0' } else { '1' });
            parts[side[k] as usize].push(m);
        }
        if parts[0].is_empty() || parts[1].is_empty() {
            continue;
        }
        for p in parts {
            stack.push((p, level + 1));
        }
    }
    targets
        .iter()
        .zip(paths)
        .map(|(&w, p)| (words[w as usize].clone(), p))
        .collect()
}
/// Normalised words of `sentences` as ids, in order of first appearance after the `words`
/// given (with their `counts`): the vocabulary, each word's count and the corpus as ids.
fn intern<'a>(
    sentences: impl Iterator<Item = Vec<&'a str>>,
    mut words: Vec<String>,
    mut counts: Vec<u32>,
) -> (Vec<String>, Vec<u32>, Vec<Vec<u32>>) {
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut corpus: Vec<Vec<u32>> = Vec::new();
    for s in sentences {
        let mut v = Vec::with_capacity(s.len());
        for t in s {
            let lw = normalise_word(t);
            let id = match ids.get(&lw) {
                Some(&id) => id,
                None => {
                    let id = words.len() as u32;
                    ids.insert(lw.clone(), id);
                    words.push(lw);
                    counts.push(0);
                    id
                }
            };
            counts[id as usize] += 1;
            v.push(id);
        }
        corpus.push(v);
    }
    (words, counts, corpus)
}

/// Lowercased, digits mapped to 0 (the cluster vocabulary).
pub fn normalise_word(t: &str) -> String {
    t.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// `x ln x` for counts, tabulated up to `n` (larger counts computed directly).
struct XLogX(Vec<f64>);

impl XLogX {
    fn new(n: usize) -> XLogX {
        XLogX(
            (0..=n)
                .map(|x| {
                    if x == 0 {
                        0.0
                    } else {
                        x as f64 * (x as f64).ln()
                    }
                })
                .collect(),
        )
    }
    #[inline]
    fn f(&self, x: u32) -> f64 {
        match self.0.get(x as usize) {
            Some(&v) => v,
            None => x as f64 * (x as f64).ln(),
        }
    }
}

/// Brown-style word clusters from unlabelled text, returned as bit-string paths in a binary
/// tree. Each lowercased word (digits mapped to 0) seen at least `min_count` times is a
/// vocabulary word; rarer words share one "unknown" word and sentence boundaries another
/// (both clustered with the rest but not returned). A class bigram model is fitted by the
/// exchange algorithm (Kneser and Ney 1993; Martin et al. 1998) with `classes` classes: words
/// start in class `frequency rank mod classes` and, most frequent first, each moves to the
/// class that most raises the likelihood, for `sweeps` sweeps or until nothing moves. The
/// classes are then merged greedily, the pair that loses the least average mutual
/// information first (Brown et al. 1992), which gives the tree. Deterministic.
pub fn brown_clusters<'a>(
    sentences: impl Iterator<Item = Vec<&'a str>>,
    min_count: u32,
    classes: usize,
    sweeps: usize,
    tree: bool,
) -> Vec<(String, String)> {
    // Word ids in order of first appearance; id 0 is the sentence boundary.
    let (words, mut counts, corpus) = intern(sentences, vec![String::new()], vec![0]);
    counts[0] = corpus.len() as u32;
    // Vocabulary: boundary (0), unknown (1), then words by frequency (ties by word).
    let mut vocab: Vec<u32> = (1..words.len() as u32)
        .filter(|&w| counts[w as usize] >= min_count)
        .collect();
    vocab.sort_by(|&a, &b| {
        counts[b as usize]
            .cmp(&counts[a as usize])
            .then_with(|| words[a as usize].cmp(&words[b as usize]))
    });
    let mut vid = vec![1u32; words.len()];
    vid[0] = 0;
    for (r, &w) in vocab.iter().enumerate() {
        vid[w as usize] = r as u32 + 2;
    }
    let nv = vocab.len() + 2;
    let c = classes.clamp(2, nv);
    // Word bigrams, as sorted (left, right, count).
    let mut big: HashMap<(u32, u32), u32> = HashMap::new();
    let mut total = 0usize;
    for s in &corpus {
        let mut prev = 0u32;
        for &w in s.iter().chain(std::iter::once(&0)) {
            let cur = vid[w as usize];
            *big.entry((prev, cur)).or_insert(0) += 1;
            total += 1;
            prev = cur;
        }
    }
    let mut bigrams: Vec<(u32, u32, u32)> = big.into_iter().map(|((a, b), n)| (a, b, n)).collect();
    bigrams.sort_unstable();
    // Per word: right neighbours (w, x) and left neighbours (x, w), self pairs apart.
    let mut right: Vec<Vec<(u32, u32)>> = vec![Vec::new(); nv];
    let mut left: Vec<Vec<(u32, u32)>> = vec![Vec::new(); nv];
    let mut selfc = vec![0u32; nv];
    let mut nl = vec![0u32; nv];
    let mut nr = vec![0u32; nv];
    for &(a, b, n) in &bigrams {
        nl[a as usize] += n;
        nr[b as usize] += n;
        if a == b {
            selfc[a as usize] += n;
        } else {
            right[a as usize].push((b, n));
            left[b as usize].push((a, n));
        }
    }
    let xl = XLogX::new(total);
    let mut class: Vec<u32> = (0..nv).map(|w| (w % c) as u32).collect();
    // Class bigram counts (dense c x c) and class marginals.
    let mut m = vec![0u32; c * c];
    let mut ml = vec![0u32; c];
    let mut mr = vec![0u32; c];
    for &(a, b, n) in &bigrams {
        let (ca, cb) = (class[a as usize] as usize, class[b as usize] as usize);
        m[ca * c + cb] += n;
    }
    for w in 0..nv {
        ml[class[w] as usize] += nl[w];
        mr[class[w] as usize] += nr[w];
    }
    let mut lw = vec![0u32; c]; // w on the left: counts by class of the right word
    let mut rw = vec![0u32; c]; // w on the right: counts by class of the left word
    let mut lt: Vec<usize> = Vec::new();
    let mut rt: Vec<usize> = Vec::new();
    for _ in 0..sweeps {
        let mut moved = 0usize;
        for w in 0..nv {
            lt.clear();
            rt.clear();
            for &(x, n) in &right[w] {
                let k = class[x as usize] as usize;
                if lw[k] == 0 {
                    lt.push(k);
                }
                lw[k] += n;
            }
            for &(x, n) in &left[w] {
                let k = class[x as usize] as usize;
                if rw[k] == 0 {
                    rt.push(k);
                }
                rw[k] += n;
            }
            let (s, a) = (selfc[w], class[w] as usize);
            // Take w out of its class.
            for &d in &lt {
                m[a * c + d] -= lw[d];
            }
            for &k in &rt {
                m[k * c + a] -= rw[k];
            }
            m[a * c + a] -= s;
            ml[a] -= nl[w];
            mr[a] -= nr[w];
            // The gain of putting it in class b.
            let gain = |b: usize, m: &[u32], ml: &[u32], mr: &[u32]| -> f64 {
                let mut g = 0.0;
                for &d in &lt {
                    if d != b {
                        let x = m[b * c + d];
                        g += xl.f(x + lw[d]) - xl.f(x);
                    }
                }
                for &k in &rt {
                    if k != b {
                        let x = m[k * c + b];
                        g += xl.f(x + rw[k]) - xl.f(x);
                    }
                }
                let x = m[b * c + b];
                g += xl.f(x + lw[b] + rw[b] + s) - xl.f(x);
                g -= xl.f(ml[b] + nl[w]) - xl.f(ml[b]);
                g -= xl.f(mr[b] + nr[w]) - xl.f(mr[b]);
                g
            };
            let mut best = (gain(a, &m, &ml, &mr), a);
            for b in 0..c {
                if b != a {
                    let g = gain(b, &m, &ml, &mr);
                    if g > best.0 + 1e-9 {
                        best = (g, b);
                    }
                }
            }
            let b = best.1;
            for &d in &lt {
                m[b * c + d] += lw[d];
            }
            for &k in &rt {
                m[k * c + b] += rw[k];
            }
            m[b * c + b] += s;
            ml[b] += nl[w];
            mr[b] += nr[w];
            if b != a {
                class[w] = b as u32;
                moved += 1;
            }
            for &d in &lt {
                lw[d] = 0;
            }
            for &k in &rt {
                rw[k] = 0;
            }
        }
        if moved == 0 {
            break;
        }
    }
    if !tree {
        let bits = usize::BITS - (c - 1).leading_zeros();
        return vocab
            .iter()
            .enumerate()
            .map(|(r, &w)| {
                let k = class[r + 2];
                let p: String = (0..bits)
                    .rev()
                    .map(|b| if k >> b & 1 == 1 { '1' } else { '0' })
                    .collect();
                (words[w as usize].clone(), p)
            })
            .collect();
    }
    // Agglomerative merging of the classes; node ids: classes 0..c, merges c.. .
    let mut alive: Vec<usize> = (0..c).collect();
    let mut node: Vec<usize> = (0..c).collect();
    let mut children: Vec<(usize, usize)> = vec![(usize::MAX, usize::MAX); c];
    let mut m: Vec<u64> = m.iter().map(|&x| x as u64).collect();
    let mut ml: Vec<u64> = ml.iter().map(|&x| x as u64).collect();
    let mut mr: Vec<u64> = mr.iter().map(|&x| x as u64).collect();
    let f = |x: u64| -> f64 { xl.f(u32::try_from(x).unwrap_or(u32::MAX)) };
    while alive.len() > 1 {
        let mut best = (f64::NEG_INFINITY, 0usize, 0usize);
        for (i, &a) in alive.iter().enumerate() {
            for &b in &alive[i + 1..] {
                let mut g = 0.0;
                for &d in &alive {
                    if d != a && d != b {
                        let (x, y) = (m[a * c + d], m[b * c + d]);
                        g += f(x + y) - f(x) - f(y);
                        let (x, y) = (m[d * c + a], m[d * c + b]);
                        g += f(x + y) - f(x) - f(y);
                    }
                }
                let (aa, ab, ba, bb) = (m[a * c + a], m[a * c + b], m[b * c + a], m[b * c + b]);
                g += f(aa + ab + ba + bb) - f(aa) - f(ab) - f(ba) - f(bb);
                g -= f(ml[a] + ml[b]) - f(ml[a]) - f(ml[b]);
                g -= f(mr[a] + mr[b]) - f(mr[a]) - f(mr[b]);
                if g > best.0 + 1e-9 {
                    best = (g, a, b);
                }
            }
        }
        let (_, a, b) = best;
        for &d in &alive {
            m[a * c + d] += m[b * c + d];
        }
        for &d in &alive {
            m[d * c + a] += m[d * c + b];
        }
        ml[a] += ml[b];
        mr[a] += mr[b];
        children.push((node[a], node[b]));
        node[a] = children.len() - 1;
        alive.retain(|&x| x != b);
    }
    // Paths from the root: left child 0, right child 1.
    let mut path_of = vec![String::new(); children.len()];
    let mut stack = vec![node[alive[0]]];
    while let Some(n) = stack.pop() {
        let (l, r) = children[n];
        if l != usize::MAX {
            path_of[l] = format!("{}0", path_of[n]);
            path_of[r] = format!("{}1", path_of[n]);
            stack.push(l);
            stack.push(r);
        }
    }
    vocab
        .iter()
        .enumerate()
        .map(|(r, &w)| {
            (
                words[w as usize].clone(),
                path_of[class[r + 2] as usize].clone(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{brown_clusters, folds_of};
    use crate::ner::score::Sentence;
    use std::collections::HashMap;

    #[test]
    fn copies_of_a_document_share_its_jackknife_fold() {
        let doc = |w: &str| {
            vec![Sentence {
                tokens: vec![w.to_string()],
                tags: vec![0],
            }]
        };
        let docs = [doc("a"), doc("b"), doc("c"), doc("a"), doc("b"), doc("d")];
        let parts: Vec<Vec<&Sentence>> = docs.iter().map(|d| d.iter().collect()).collect();
        // By position alone five folds would be 0 1 2 3 4 0; the copies of "a" and "b"
        // (indices 3 and 4) go where their originals went, and "d" keeps its own.
        assert_eq!(folds_of(&parts, 5), vec![0, 1, 2, 0, 1, 0]);
        assert_eq!(folds_of(&parts, 2), vec![0, 1, 0, 0, 1, 1]);
    }

    /// The length of the common prefix of two paths.
    fn shared(a: &str, b: &str) -> usize {
        a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
    }

    #[test]
    fn brown_clusters_group_words_by_context() {
        // Animals follow "the" and precede verbs; colours follow "a" and precede "car".
        let animals = ["cat", "dog", "horse", "cow"];
        let colours = ["red", "blue", "green", "black"];
        let verbs = ["sat", "ran", "slept"];
        let mut text: Vec<Vec<&str>> = Vec::new();
        for (i, a) in animals.iter().enumerate() {
            for (j, v) in verbs.iter().enumerate() {
                text.push(vec!["the", a, v]);
                text.push(vec!["a", colours[(i + j) % 4], "car", "stopped"]);
            }
        }
        let run = || -> HashMap<String, String> {
            brown_clusters(text.iter().cloned(), 2, 8, 10, true)
                .into_iter()
                .collect()
        };
        let c = run();
        assert_eq!(c.len(), 15, "{c:?}");
        assert!(c.values().all(|p| !p.is_empty() && p.len() <= 8));
        // Same context class: longer shared prefix than across classes.
        let within = shared(&c["cat"], &c["dog"]).min(shared(&c["red"], &c["blue"]));
        let across = shared(&c["cat"], &c["red"]).max(shared(&c["dog"], &c["blue"]));
        assert!(within > across, "{c:?}");
        // Distinct leaves get distinct paths; reruns are identical (deterministic).
        assert_ne!(c["the"], c["a"]);
        assert_eq!(c, run());
        // Without the tree, paths are fixed-width class ids (8 classes: 3 bits).
        let flat = brown_clusters(text.iter().cloned(), 2, 8, 10, false);
        assert!(flat.iter().all(|(_, p)| p.len() == 3), "{flat:?}");
    }
}
