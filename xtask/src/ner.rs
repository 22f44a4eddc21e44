//! `cargo xtask train-ner` and `cargo xtask eval ner`.
use crate::util::{fail, output, root, shared, usage, Result};
use newsmark::ner::lexicon::WordCodes;
use newsmark::ner::score::{read_conll, Scores, Sentence};
use newsmark::ner::train::{self, normalise_word, Config, Resources};
use newsmark::ner::{tag_document, Model};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn conll(name: &str) -> PathBuf {
    shared().join("data").join("conll2003").join(name)
}

fn read_docs(path: &Path) -> Result<Vec<Vec<Sentence>>> {
    let text =
        std::fs::read_to_string(path).map_err(|e| fail(format!("{}: {e}", path.display())))?;
    read_conll(&text).map_err(|e| fail(format!("{}: {e}", path.display())))
}

/// Scores `model` on documents, tagging each document as `newsmark tag-conll` does.
/// Returns the scores and the tokens per second of tagging.
fn score(model: &Model, docs: &[Vec<Sentence>]) -> (Scores, f64) {
    let mut scores = Scores::new();
    let start = Instant::now();
    let mut tokens = 0usize;
    let mut all = Vec::new();
    for doc in docs {
        let sents: Vec<&Vec<String>> = doc.iter().map(|s| &s.tokens).collect();
        let owned: Vec<Vec<&str>> = sents
            .iter()
            .map(|s| s.iter().map(String::as_str).collect())
            .collect();
        tokens += owned.iter().map(Vec::len).sum::<usize>();
        all.push(tag_document(model, &owned));
    }
    let secs = start.elapsed().as_secs_f64();
    for (doc, pred) in docs.iter().zip(&all) {
        for (s, p) in doc.iter().zip(pred) {
            scores.add(&s.tags, p);
        }
    }
    (scores, tokens as f64 / secs.max(1e-9))
}

/// Loads the gazetteers and clusters under `lexicons/` (see lexicons/README.md).
fn resources(skip: &[String]) -> Result<(Resources, Vec<String>)> {
    let mut res = Resources::default();
    let mut used = Vec::new();
    let dir = root().join("lexicons");
    // Gazetteer lists: file name -> list id (ids 0-7: one byte of list bits per phrase). Both
    // off-by-default MISC lists share id 4; asking for both merges them.
    const LISTS: &[(&str, u8)] = &[
        ("per_first.txt", 0),
        ("per_last.txt", 1),
        ("loc.txt", 2),
        ("wn_loc.txt", 3),
        ("misc.txt", 4),
        ("wn_misc.txt", 4),
        ("country.txt", 5),
        ("org_word.txt", 6),
        ("wn_org.txt", 7),
    ];
    for (file, list) in LISTS {
        if skip.iter().any(|s| s == file) {
            continue;
        }
        let path = dir.join(file);
        if let Ok(text) = std::fs::read_to_string(&path) {
            let mut n = 0;
            for line in text.lines() {
                let line = line.trim();
                if !line.is_empty() && !line.starts_with('#') {
                    res.add_phrase(line, *list);
                    n += 1;
                }
            }
            used.push(format!("lexicons/{file}: {n} entries (list {list})"));
        }
    }
    Ok((res, used))
}

/// Word clusters from CoNLL-2003 train and the PolNeAR train text (unlabelled), computed
/// at training time (never written to the repository: they are derived from ../shared).
#[allow(clippy::too_many_arguments)]
fn add_clusters(
    train_docs: &[Vec<Sentence>],
    brown: Option<usize>,
    ppmi: bool,
    glove: bool,
    use_prior: bool,
    all_priors: bool,
    case_buckets: bool,
    res: &mut Resources,
) -> Result<(usize, usize)> {
    let dir = shared()
        .join("data")
        .join("polnear")
        .join("train")
        .join("text");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| fail(format!("{}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    let docs: Vec<newsmark::text::Doc> =
        texts.iter().map(|t| newsmark::text::Doc::new(t)).collect();
    let conll = train_docs
        .iter()
        .flatten()
        .map(|s| s.tokens.iter().map(String::as_str).collect::<Vec<&str>>());
    let news = docs.iter().flat_map(|d| {
        (0..d.sentences.len()).map(move |s| {
            d.sentence_tokens(s)
                .iter()
                .map(|t| t.span.slice(d.text))
                .collect::<Vec<&str>>()
        })
    });
    let sents: Vec<Vec<&str>> = conll.chain(news).collect();
    let mut clusters = match brown {
        Some(classes) => train::brown_clusters(sents.iter().cloned(), 3, classes, 15, true),
        None => train::clusters(sents.iter().cloned(), 3, 12, 7),
    };
    if !ppmi {
        clusters.clear();
    }
    let mut table: std::collections::BTreeMap<String, WordCodes> =
        std::collections::BTreeMap::new();
    for (word, path) in &clusters {
        table.entry(word.clone()).or_default().ppmi = WordCodes::path(path);
    }
    let n = table.len();
    let mut g = 0;
    if glove {
        for (word, path, prior) in glove_clusters()? {
            g += 1;
            let c = table.entry(word).or_default();
            c.glove = WordCodes::path(&path);
            // Only a confident prior (60% of the neighbours' label mass, an even code) is
            // kept: the uncertain ones mislead more than they help (valid F1 93.79 -> 93.91
            // averaged over seeds 2003 and 1..=4; "trump", whose 2014 neighbours are casinos,
            // had an uncertain ORG prior).
            c.prior = if use_prior && (all_priors || prior % 2 == 0) {
                prior
            } else {
                0
            };
        }
    }
    if case_buckets {
        for (word, bucket) in case_buckets_of(&sents) {
            table.entry(word).or_default().case = bucket;
        }
    }
    for (word, codes) in &table {
        res.add_word(word, *codes);
    }
    Ok((n, g))
}

/// The PolNeAR train articles (unlabelled 2016 US news), cleaned, tokenised and tagged by
/// `model` as `newsmark analyze` tags them (both passes and the rules), as training documents.
fn pseudo_labelled(model: &Model) -> Result<Vec<Vec<Sentence>>> {
    let dir = shared()
        .join("data")
        .join("polnear")
        .join("train")
        .join("text");
    let mut out = Vec::new();
    for text in crate::util::read_texts(&dir)? {
        let clean = newsmark::clean::clean(&text).text;
        let doc = newsmark::text::Doc::new(&clean);
        let sents: Vec<Vec<&str>> = doc
            .sentence_texts()
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        let tags = tag_document(model, &sents);
        out.push(
            sents
                .iter()
                .zip(tags)
                .map(|(s, tags)| Sentence {
                    tokens: s.iter().map(|t| t.to_string()).collect(),
                    tags,
                })
                .collect(),
        );
    }
    Ok(out)
}

/// The `.ann` files of `dir`, sorted by name.
fn ann_names(dir: &Path) -> Result<Vec<String>> {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| fail(format!("{}: {e}", dir.display())))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ann"))
        .collect();
    names.sort();
    Ok(names)
}

/// Annotated training documents and the number of their mentions whose edges fall inside a
/// token (see [`annotated_docs`]).
pub type Annotated = (Vec<Vec<Sentence>>, usize);

/// An annotation file and the text it annotates.
type AnnText = (PathBuf, PathBuf);

/// The Wikipedia training annotations (`tests/wiki-ner/train/<slug>.ann`, and with `part2`
/// also `tests/wiki-ner/train/part2/<slug>-2.ann`) over their texts (`target/wiki/train/`,
/// written by `cargo xtask fetch-wiki`, run here when they are missing) as tagged documents.
/// With `leave_out` `(k, n)`, the articles whose place in the sorted list is `k` modulo `n`
/// (both parts of them) are left out, for cross-validation; their names are returned.
pub fn wiki_train_docs(
    part2: bool,
    leave_out: Option<(usize, usize)>,
) -> Result<(Annotated, Vec<String>)> {
    let ann_dir = root().join("tests").join("wiki-ner").join("train");
    let text_dir = wiki_texts(crate::fetch_wiki::train_dir())?;
    let pairs = ann_pairs(&ann_dir, part2.then_some("part2"), &text_dir)?;
    let (pairs, left) = leave_out_fold(pairs, &ann_dir, leave_out)?;
    Ok((annotated_docs(&pairs)?, left))
}

/// The Wikipedia dev sets' annotations (`tests/wiki-ner/<slug>.ann` and
/// `tests/wiki-ner/dev2/<slug>.ann`) over their texts (`target/wiki/text/`) as tagged
/// documents, for a model that trains on them (they stop being checks of it); never the
/// held-out set or dev3.
pub fn wiki_dev_docs() -> Result<Annotated> {
    let ann_dir = root().join("tests").join("wiki-ner");
    let text_dir = wiki_texts(crate::fetch_wiki::text_dir())?;
    annotated_docs(&ann_pairs(&ann_dir, Some("dev2"), &text_dir)?)
}

/// `dir`, a directory of Wikipedia texts, after running `cargo xtask fetch-wiki` (which
/// writes them all) when it is missing.
fn wiki_texts(dir: PathBuf) -> Result<PathBuf> {
    if !dir.is_dir() {
        crate::fetch_wiki::run(&[])?;
    }
    Ok(dir)
}

/// `K/N` (0 <= K < N, N > 1) of a `--*-train-leave-out` option.
fn fold_spec(spec: Option<&String>) -> Result<(usize, usize)> {
    spec.and_then(|s| s.split_once('/'))
        .and_then(|(k, n)| Some((k.parse().ok()?, n.parse().ok()?)))
        .filter(|&(k, n): &(usize, usize)| n > 1 && k < n)
        .ok_or_else(|| {
            usage("--wiki-train-leave-out / --news-train-leave-out K/N (0 <= K < N, N > 1)")
        })
}

/// Cross-validation: with `leave_out` `(k, n)`, drops from `pairs` the documents whose
/// `.ann` file is at place `k` modulo `n` in the sorted list of `ann_dir` (a second part,
/// `<name>-2.ann`, goes with its first); returns the rest and the names left out.
fn leave_out_fold(
    mut pairs: Vec<AnnText>,
    ann_dir: &Path,
    leave_out: Option<(usize, usize)>,
) -> Result<(Vec<AnnText>, Vec<String>)> {
    let Some((k, n)) = leave_out else {
        return Ok((pairs, Vec::new()));
    };
    let names = ann_names(ann_dir)?;
    let out: Vec<&String> = names.iter().skip(k).step_by(n.max(1)).collect();
    pairs.retain(|(ann, _)| {
        let name = ann
            .file_name()
            .map(|f| f.to_string_lossy().replace("-2.ann", ".ann"));
        !name.is_some_and(|f| out.contains(&&f))
    });
    Ok((pairs, out.into_iter().cloned().collect()))
}

/// The news training annotations (`tests/news-ner/train/<name>.ann`, and with `round2` also
/// `tests/news-ner/train/round2/<name>.ann`) over their PolNeAR train
/// articles (`../shared/data/polnear/train/text/<name>.txt`) as tagged documents (see
/// [`annotated_docs`]); `leave_out` as for [`wiki_train_docs`].
pub fn news_train_docs(
    round2: bool,
    leave_out: Option<(usize, usize)>,
) -> Result<(Annotated, Vec<String>)> {
    let ann_dir = root().join("tests").join("news-ner").join("train");
    let text_dir = shared()
        .join("data")
        .join("polnear")
        .join("train")
        .join("text");
    let pairs = ann_pairs(&ann_dir, round2.then_some("round2"), &text_dir)?;
    let (pairs, left) = leave_out_fold(pairs, &ann_dir, leave_out)?;
    Ok((annotated_docs(&pairs)?, left))
}

/// `(ann, text)` paths: the `.ann` files of `ann_dir` (and of its subdirectory `sub`), each with
/// the text of the same name in `text_dir`.
fn ann_pairs(
    ann_dir: &Path,
    sub: Option<&str>,
    text_dir: &Path,
) -> Result<Vec<(PathBuf, PathBuf)>> {
    let mut files = Vec::new();
    let dirs = std::iter::once(ann_dir.to_path_buf()).chain(sub.map(|s| ann_dir.join(s)));
    for dir in dirs {
        for n in ann_names(&dir)? {
            files.push((dir.join(&n), text_dir.join(n.replace(".ann", ".txt"))));
        }
    }
    Ok(files)
}

/// Adds `copies` copies of annotated training documents to `train_docs` and says so in `used`
/// (`what` names them, `left` the documents left out for cross-validation).
fn add_annotated(
    train_docs: &mut Vec<Vec<Sentence>>,
    used: &mut Vec<String>,
    ((docs, misaligned), left): (Annotated, Vec<String>),
    what: &str,
    copies: usize,
) {
    let mentions: usize = docs
        .iter()
        .flatten()
        .map(|s| s.tags.iter().filter(|&&t| t != 0 && t % 2 == 1).count())
        .sum();
    used.push(format!(
        "{what}: {} texts, {mentions} mentions ({misaligned} with an edge inside a token), \
         {copies} copies",
        docs.len()
    ));
    if !left.is_empty() {
        used.push(format!("{what}, left out: {}", left.join(" ")));
    }
    for _ in 0..copies {
        train_docs.extend(docs.iter().cloned());
    }
}

/// Annotation files over their texts, `(ann, text)` paths, as tagged documents: each text
/// tokenised and split into sentences as `analyze --no-clean` does, a token inside a mention
/// tagged with its type (`B-` where the mention starts at or before the token). Returns the
/// documents and the number of mentions whose edges fall inside a token.
fn annotated_docs(files: &[(PathBuf, PathBuf)]) -> Result<Annotated> {
    let mut docs = Vec::new();
    let mut misaligned = 0;
    for (path, txt) in files {
        let ann_file =
            std::fs::read_to_string(path).map_err(|e| fail(format!("{}: {e}", path.display())))?;
        let text =
            std::fs::read_to_string(txt).map_err(|e| fail(format!("{}: {e}", txt.display())))?;
        let ann = crate::news_ner_core::check(&text, &ann_file)
            .map_err(|e| fail(format!("{}: {}", path.display(), e.join("; "))))?;
        let doc = newsmark::text::Doc::new(&text);
        let mut tags = vec![0u8; doc.tokens.len()];
        for s in &ann.spans {
            let label = s.label.as_str();
            let b = newsmark::ner::score::tag_index(&format!("B-{label}")).unwrap_or(0);
            let i = newsmark::ner::score::tag_index(&format!("I-{label}")).unwrap_or(0);
            let mut first = true;
            for (k, t) in doc.tokens.iter().enumerate() {
                if t.span.end <= s.start || t.span.start >= s.end {
                    continue;
                }
                if (t.span.start < s.start || t.span.end > s.end) && first {
                    misaligned += 1;
                }
                tags[k] = if first { b } else { i };
                first = false;
            }
        }
        let mut sents = Vec::new();
        for (n, sent) in doc.sentences.iter().enumerate() {
            if doc.sentence_tokens(n).is_empty() {
                continue;
            }
            let r = sent.tokens.clone();
            sents.push(Sentence {
                tokens: r.clone().map(|k| doc.token_str(k).to_string()).collect(),
                tags: tags[r].to_vec(),
            });
        }
        docs.push(sents);
    }
    Ok((docs, misaligned))
}

/// The GloVe clusters of `lexicons/glove_clusters.txt` (`cargo xtask glove-clusters`): word,
/// bit-string path, type prior.
fn glove_clusters() -> Result<Vec<(String, String, u8)>> {
    let path = root().join("lexicons").join("glove_clusters.txt");
    let text =
        std::fs::read_to_string(&path).map_err(|e| fail(format!("{}: {e}", path.display())))?;
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let mut cols = line.split('\t');
        let (Some(w), Some(p)) = (cols.next(), cols.next()) else {
            continue;
        };
        let bits: String = p
            .chars()
            .filter_map(|c| c.to_digit(16))
            .map(|d| format!("{d:04b}"))
            .collect();
        let prior = cols.next().and_then(|t| t.parse().ok()).unwrap_or(0);
        out.push((w.to_string(), bits, prior));
    }
    Ok(out)
}

/// For each word seen at least 3 times inside ordinary sentences (not first in the sentence,
/// not in an upper-case headline, starting with a letter), how often it is written in lower
/// case, as a bucket: 1 never, 2 under 5%, 3 under 30%, 4 under 70%, 5 under 95%, 6 not
/// always, 7 always.
fn case_buckets_of(sents: &[Vec<&str>]) -> Vec<(String, u8)> {
    use std::collections::HashMap;
    let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
    for s in sents {
        let (mut upper, mut letters) = (0usize, 0usize);
        for t in s {
            for c in t.chars().filter(|c| c.is_alphabetic()) {
                letters += 1;
                upper += usize::from(c.is_uppercase());
            }
        }
        if letters >= 6 && upper * 10 >= letters * 7 {
            continue;
        }
        for t in s.iter().skip(1) {
            let Some(c) = t.chars().next() else { continue };
            if !c.is_alphabetic() {
                continue;
            }
            let e = counts.entry(normalise_word(t)).or_insert((0, 0));
            if c.is_lowercase() {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
    }
    let mut out: Vec<(String, u8)> = counts
        .into_iter()
        .filter(|(_, (l, u))| l + u >= 3)
        .map(|(w, (l, u))| {
            let r = l as f64 / (l + u) as f64;
            let b = if l == 0 {
                1
            } else if r < 0.05 {
                2
            } else if r < 0.3 {
                3
            } else if r < 0.7 {
                4
            } else if r < 0.95 {
                5
            } else if u > 0 {
                6
            } else {
                7
            };
            (w, b)
        })
        .collect();
    out.sort();
    out
}

fn gz_size(path: &Path) -> Result<usize> {
    let out = output(
        Command::new("sh")
            .arg("-c")
            .arg(format!("gzip -9 -c '{}' | wc -c", path.display())),
    )?;
    out.trim()
        .parse()
        .map_err(|_| fail(format!("gzip size: {out}")))
}

/// Lexicon files `train-ner` leaves out unless `--with-lexicon FILE` asks for them.
const OFF_BY_DEFAULT: &[&str] = &["misc.txt", "wn_loc.txt", "wn_misc.txt", "wn_org.txt"];

pub fn train(args: &[String]) -> Result {
    let mut cfg = Config::default();
    let mut out = root().join("models").join("ner.bin");
    let mut card = true;
    let mut brown: Option<usize> = None;
    let mut glove = true;
    let mut ppmi = true;
    let mut use_prior = true;
    let mut all_priors = false;
    let mut case_buckets = true;
    let mut self_train = false;
    // Copies of the Wikipedia training documents (`tests/wiki-ner/train/`; 0: none).
    let mut wiki_copies = 1usize;
    // Also the second parts of the articles (`tests/wiki-ner/train/part2/`) and the
    // Wikipedia dev sets (`tests/wiki-ner/` and its `dev2/`), which then stop being checks of
    // the model: with both the cross-validated F1 rose by 1.1 and the blind dev3 set's
    // six-seed mean by 1.4 in the thirteenth session (`--no-wiki-part2`, `--no-wiki-dev`
    // leave them out; the model card and tests/wiki-ner/train/README.md say more).
    let mut wiki_part2 = true;
    let mut wiki_dev = true;
    // Leave out fold K of N of the Wikipedia training articles (cross-validation).
    let mut wiki_leave_out: Option<(usize, usize)> = None;
    // Leave out fold K of N of the news training articles (cross-validation).
    let mut news_leave_out: Option<(usize, usize)> = None;
    // Copies of the news training documents (`tests/news-ner/train/`; 0: none).
    let mut news_copies = 1usize;
    // Also the second round of news articles (`tests/news-ner/train/round2/`): annotated, but
    // they did not pass their test (see `tests/news-ner/train/README.md`).
    let mut news_round2 = false;
    // Lexicon files left out unless asked for: misc.txt (languages, families, religions) did
    // not pass its test over three seeds, nor did WordNet's proper names (wn_*.txt) over six
    // (see the model card's known limits).
    let mut skip: Vec<String> = OFF_BY_DEFAULT.iter().map(|s| s.to_string()).collect();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            // Leave a lexicon file out (ablation experiments).
            "--skip-lexicon" => skip.push(
                it.next()
                    .cloned()
                    .ok_or_else(|| usage("--skip-lexicon FILE"))?,
            ),
            // Use a lexicon file that is off by default.
            "--with-lexicon" => {
                let f = it.next().ok_or_else(|| usage("--with-lexicon FILE"))?;
                skip.retain(|s| s != f);
            }
            "--epochs" => {
                cfg.epochs = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or_else(|| usage("--epochs N"))?
            }
            "--no-doc" => cfg.doc_features = false,
            // Self-training (experimental): a first model trained on CoNLL-2003 train tags
            // the unlabelled PolNeAR train articles; the final model learns from both. On
            // seed 2003 it scored 93.33 on valid against 93.90 without, for a model of 1.50 MB
            // gzipped instead of 1.06 MB.
            "--self-train" => self_train = true,
            "--no-wiki-part2" => wiki_part2 = false,
            "--no-wiki-dev" => wiki_dev = false,
            "--wiki-train-leave-out" => wiki_leave_out = Some(fold_spec(it.next())?),
            "--news-train-leave-out" => news_leave_out = Some(fold_spec(it.next())?),
            "--news-round2" => news_round2 = true,
            "--news-train" => {
                news_copies = it
                    .next()
                    .and_then(|s| s.parse().ok())
                    .ok_or_else(|| usage("--news-train COPIES"))?
            }
            "--wiki-train" => {
                wiki_copies = it
                    .next()
                    .and_then(|s| s.parse().ok())
                    .ok_or_else(|| usage("--wiki-train COPIES"))?
            }
            "--no-case" => case_buckets = false,
            // Leave out the GloVe clusters or those of PPMI context vectors (ablations).
            "--no-glove" => glove = false,
            "--no-ppmi" => ppmi = false,
            "--no-prior" => use_prior = false,
            // Keep the uncertain GloVe type priors too (the fourth session's models).
            "--all-priors" => all_priors = true,
            "--pa" => {
                cfg.pa = Some(
                    it.next()
                        .and_then(|v| v.parse().ok())
                        .ok_or_else(|| usage("--pa C"))?,
                )
            }
            "--runs" => {
                cfg.runs = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or_else(|| usage("--runs N"))?
            }
            "--seed" => {
                cfg.seed = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or_else(|| usage("--seed N"))?
            }
            // Brown clusters instead of the default ones (experimental: on CoNLL valid they
            // scored 92.50-92.83 F1 against 92.91 for the default, 256 classes).
            "--brown" => {
                brown = Some(
                    it.next()
                        .and_then(|v| v.parse().ok())
                        .ok_or_else(|| usage("--brown CLASSES"))?,
                )
            }
            "--min-count" => {
                cfg.min_count = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or_else(|| usage("--min-count N"))?
            }
            "--prune" => {
                cfg.prune = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or_else(|| usage("--prune X"))?
            }
            "--out" => {
                out = it
                    .next()
                    .map(PathBuf::from)
                    .ok_or_else(|| usage("--out FILE"))?;
                card = false;
            }
            _ => return Err(usage(format!("train-ner: unknown argument {a}"))),
        }
    }
    let start = Instant::now();
    let train_docs = read_docs(&conll("train.txt"))?;
    let valid_docs = read_docs(&conll("valid.txt"))?;
    let (mut res, mut used) = resources(&skip)?;
    let t0 = Instant::now();
    let (n, g) = add_clusters(
        &train_docs,
        brown,
        ppmi,
        glove,
        use_prior,
        all_priors,
        case_buckets,
        &mut res,
    )?;
    let kind = match brown {
        Some(c) => format!(" (Brown: exchange algorithm, {c} classes, then merged)"),
        None => String::new(),
    };
    used.push(format!(
        "word clusters{kind}: {n} words, and case buckets (how often each word is written \
         in lower case inside sentences), built in {:.0} s from CoNLL-2003 train + PolNeAR \
         train text",
        t0.elapsed().as_secs_f64()
    ));
    if g > 0 {
        used.push(format!(
            "lexicons/glove_clusters.txt: {g} words with a GloVe cluster path{}",
            if use_prior {
                " and the type prior of their GloVe neighbours (kept when confident)"
            } else {
                ""
            }
        ));
    }
    let mut train_docs = train_docs;
    if wiki_copies > 0 {
        let what = format!(
            "Wikipedia training annotations (tests/wiki-ner/train/{})",
            if wiki_part2 { " and part2/" } else { "" }
        );
        let docs = wiki_train_docs(wiki_part2, wiki_leave_out)?;
        add_annotated(&mut train_docs, &mut used, docs, &what, wiki_copies);
    }
    if wiki_dev {
        let docs = (wiki_dev_docs()?, Vec::new());
        let what = "Wikipedia dev annotations (tests/wiki-ner/ and dev2/)";
        add_annotated(&mut train_docs, &mut used, docs, what, 1);
    }
    if news_copies > 0 {
        let what = format!(
            "news training annotations (tests/news-ner/train/{}, PolNeAR train articles)",
            if news_round2 { " and round2/" } else { "" }
        );
        let docs = news_train_docs(news_round2, news_leave_out)?;
        add_annotated(&mut train_docs, &mut used, docs, &what, news_copies);
    }
    for u in &used {
        eprintln!("resource {u}");
    }
    let bytes = if self_train {
        let teacher = train::train(&train_docs, &res, &cfg, |m| eprintln!("train-ner: {m}"));
        let teacher = Model::from_bytes(&teacher).map_err(|e| fail(e.to_string()))?;
        let mut docs = train_docs.clone();
        let n = docs.len();
        docs.extend(pseudo_labelled(&teacher)?);
        eprintln!(
            "train-ner: self-training on {} CoNLL documents and {} PolNeAR train articles \
             tagged by the first model",
            n,
            docs.len() - n
        );
        train::train(&docs, &res, &cfg, |m| eprintln!("train-ner: {m}"))
    } else {
        train::train(&train_docs, &res, &cfg, |m| eprintln!("train-ner: {m}"))
    };
    let train_secs = start.elapsed().as_secs_f64();
    std::fs::write(&out, &bytes).map_err(|e| fail(format!("{}: {e}", out.display())))?;
    let model = Model::from_bytes(&bytes).map_err(|e| fail(e.to_string()))?;
    let (scores, tps) = score(&model, &valid_docs);
    let gz = gz_size(&out)?;
    let report = scores.report();
    eprintln!("{report}");
    eprintln!(
        "model {}: {} bytes, {} gzipped, {} features; trained in {:.0} s; tagging {:.0} tokens/s",
        out.display(),
        bytes.len(),
        gz,
        model.features(),
        train_secs,
        tps
    );
    if card {
        write_card(
            &cfg,
            &used,
            &scores,
            &report,
            bytes.len(),
            gz,
            &model,
            train_secs,
        )?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn write_card(
    cfg: &Config,
    used: &[String],
    scores: &Scores,
    report: &str,
    raw: usize,
    gz: usize,
    model: &Model,
    secs: f64,
) -> Result {
    let (p, r, f) = scores.overall();
    let mut s = String::new();
    s.push_str("# NER model card (`models/ner.bin`)\n\n");
    s.push_str("Written by `cargo xtask train-ner`; reproduce with that command (deterministic, seeded).\n\n");
    s.push_str("## Model\n\n");
    s.push_str(&format!(
        "Linear-chain structured averaged perceptron over hashed sparse features \
         (src/ner/features.rs), Viterbi decoding with BIO constraints. {} epochs, seed {}, \
         pruning threshold {}, feature count cut-off {}. {} features kept; weights quantised \
         to one byte through a 256-level codebook.\n\n",
        cfg.epochs,
        cfg.seed,
        cfg.prune,
        cfg.min_count,
        model.features()
    ));
    s.push_str(
        "Features (per token): word, lowercased word, shape and short shape, prefixes and \
         suffixes up to 4 characters, capitalisation flags, length; lowercased words, shapes \
         and flags of the neighbours in a window of two, with bigram conjunctions; sentence \
         start and upper-case headline conjunctions; gazetteer membership (alone, with the \
         shape, with the neighbouring words, of the neighbours); a capitalised organisation \
         word (lexicons/org_word.txt) up to 3 tokens ahead or 2 behind; paths in two word-cluster \
         hierarchies, one from the unlabelled text here and one from GloVe vectors \
         (lexicons/glove_clusters.txt) (4, 8, 12 bits, alone and with the shape; the \
         neighbours' 8-bit GloVe paths with the token's shape); the type prior of the word's \
         GloVe neighbours when at least 60% of their label mass agrees (alone and with the shape); the word's case bucket in unlabelled text \
         (with the shape, with the sentence position and headline flag, and the neighbours' \
         buckets).\n\n",
    );
    s.push_str(&format!(
        "Size: {raw} bytes raw, {gz} bytes gzipped (gzip -9). Training time: {secs:.0} s \
         (release build, one thread).\n\n"
    ));
    s.push_str("## Data\n\n- CoNLL-2003 English train (`../shared/data/conll2003/train.txt`), \
                IOB2; used for training only. Not redistributed.\n\
                - CoNLL-2003 English valid (`../shared/data/conll2003/valid.txt`): evaluation only.\n\
                - News training annotations (`tests/news-ner/train/`, with `--news-train N` \
                copies, 1 by default): 42 PolNeAR train articles (every 20th by name) as \
                `newsmark analyze --no-clean` reads them, annotated by this project's helpers; \
                PolNeAR dev (the news check sets) and test are not among them.\n\
                - Wikipedia training annotations (`tests/wiki-ner/train/` and its `part2/`, \
                the articles' next 12,000 bytes, with `--wiki-train N` copies, 1 by default; \
                `--no-wiki-part2` leaves the second parts out): whole-article texts from the \
                gensim 4.4.0 wheel's English Wikipedia test dump (CC BY-SA 3.0 / GFDL, written \
                by `cargo xtask fetch-wiki`, not committed), annotated by this project's \
                helpers; no article of the blind dev3 set or the held-out set is among them \
                (see that directory's README).\n\
                - Wikipedia dev annotations (`tests/wiki-ner/*.ann` and `tests/wiki-ner/dev2/`, \
                leads of other articles of the same dump; `--no-wiki-dev` leaves them out): \
                trained on since the thirteenth session, so the dev and dev2 scores of this \
                model are in-sample; the Wikipedia checks are the blind dev3 set, the held-out \
                set and cross-validation on the training text.\n\n");
    s.push_str("## Resources\n\n");
    if used.is_empty() {
        s.push_str("- none\n");
    }
    for u in used {
        s.push_str(&format!("- {u}\n"));
    }
    s.push_str("\nSources and licences of the lexicons: see `lexicons/README.md`.\n\n");
    s.push_str(&format!(
        "## Validation (CoNLL-2003 valid, exact match, conlleval style; documents cut at \
         datelines as `newsmark tag-conll` does)\n\n\
         Overall: P {:.2} R {:.2} F1 {:.2}\n\n| type | P | R | F1 |\n|---|---|---|---|\n",
        100.0 * p,
        100.0 * r,
        100.0 * f
    ));
    for l in ["PER", "ORG", "LOC", "MISC"] {
        let (p, r, f) = scores.label(l);
        s.push_str(&format!(
            "| {l} | {:.2} | {:.2} | {:.2} |\n",
            100.0 * p,
            100.0 * r,
            100.0 * f
        ));
    }
    s.push_str(&format!("\n```text\n$ cargo xtask eval ner\n{report}```\n"));
    s.push_str(
        "\n## Inference\n\nA title-case headline (an article part's first sentence) goes to \
         the tagger truecased: its title-case words that the article never capitalises inside a \
         sentence and that it writes in lower case elsewhere, or that the unlabelled text writes \
         in lower case at least 70% of the time, are given in lower case (\"Warren says Wells \
         Fargo misled customers\"). Two passes per article (articles cut at CoNLL datelines): the second \
         adds document evidence from the first (labels of the same word in other sentences, \
         whether it is seen in lower case or capitalised mid-sentence, the type of longer names \
         it ends, the type of the longest name of two or more tokens that holds it, whether personal \
         (he, his, she, ...) or neuter (it, its) pronouns follow it more often within four tokens). \
         Then four rule-based steps: in a title-case headline (\"Obama Says Museum \
         Will Open\"), capitalised ordinary words (written in lower case elsewhere in the article \
         and never capitalised inside an ordinary sentence) are trimmed from the ends of \
         entities; a name right after an honorific (Mr., Mrs., Ms., Dr.) or a person title \
         (President, Senator, Gov., ...) is PER, with the honorific outside it; a one-token name \
         is PER when it is the last word of a longer PER name or of such an honorific name in \
         the same article (\"Barack Obama\" ... \"Obama\"), also when the tagger left it \
         untagged between untagged words, and a two-word name ending in such a surname and \
         starting with a plain capitalised word (\"Ivanka Trump\") is PER (no surname comes \
         from a name something is named after, \"named after Princess Louise Caroline \
         Alberta\", or from a last word after \"of\", or when the article uses the word alone \
         more often as a place than it ends person names; a two-word name opening with Lake, \
         Mount, Fort, ... is not retyped); a one-token name is \
         retyped to its article's majority type for it when that type or its own is PER (the \
         majority at least two occurrences and at least as many as the other types together). \
         Per sentence, the shapes of names are mended: a bracket a name does not close splits \
         it; a lower-case particle (de, dos, van, von, ...) and a capitalised word after a \
         person's name join it (\"José Eduardo dos Santos\"); a name ending in a capitalised \
         \"-ism\" (and made of capitalised words only) is MISC; a one-word planet typed ORG or \
         MISC is LOC; a capitalised qualifier inside a sentence extends a MISC name (\"Ancient \
         Greek\"), a landform or water word with \"of\" extends a place (\"Strait of \
         Gibraltar\"), and a name ending in such a word (Mountains, Ocean, Canal, ...) or \
         starting with it and \"of\" is LOC, and so is a name ending in a realm's word \
         (\"Ottoman Empire\", \"Erivan Khanate\"; Kingdom not in a person's name) or a \
         person's name opening with Lake, Mount, Fort, Port or Cape (\"Lake Louise\"); an organisation's name goes on through \"of\" \
         and the capitalised words after it that the tagger left untagged (\"Council of \
         Ministers\"); a company role (CEO, CFO, COO, CTO) inside a name splits it into the \
         organisation and the person (\"Wells Fargo CEO John Stumpf\"). Leading titles (Mr., Judge, President, ...) are moved \
         outside person names. Tokens more than two tokens away from any token with a capital letter, a digit or a letter without case are tagged O without scoring (half the tokens of news text; 2 of the 8,603 name tokens of CoNLL valid). The model is read in place (zero-copy) at load time.\n\
         \n## Known limits\n\n- Trained on 1996 Reuters news only; the clusters add some 2016 US news \
         vocabulary, but names absent from 1996 news (e.g. Obama) are often mistyped unless an \
         honorific, a title or a longer name in the same article gives them away.\n\
         - Types of rare names (ORG vs PER vs LOC) are the main error; ORG and MISC are weakest.\n\
         - Gazetteers cover people's names and places; for organisations there is only a \
         hand-written list of organisation words (Inc, Party, University, ...), no list of \
         names.\n\
         - The GloVe vectors (Wikipedia 2014 + Gigaword 5) predate much of today's news: their \
         neighbours can pull a name towards an old sense (\"trump\" sits near casinos and \
         celebrities; its uncertain ORG-leaning prior is no longer used, but its other word \
         features still lean ORG, so articles that never write \"Donald Trump\" or \"Mr. \
         Trump\" can type it ORG throughout).\n\
         - The clusters of the unlabelled text here (bisecting 2-means over PPMI context vectors \
         of ~1.2M tokens) are weak: they add about 0.1 F1 on valid.\n\
         - On whole 2016 US news articles (the hand-annotated sets of tests/news-ner, `cargo xtask \
         eval ner-news [--heldout]`), ORG is the weakest type by far (F1 about 0.6-0.7 with the \
         model alone: outlets, companies and web sites typed PER or missed; about 0.72-0.77 with \
         the rules after tagging), and the training seed alone moves the news F1 by about one \
         point.\n\
         - On English Wikipedia article leads (tests/wiki-ner, `cargo xtask eval ner-wiki \
         [--heldout | --ann tests/wiki-ner/dev2 | --ann tests/wiki-ner/dev3]`), the model alone \
         scored about 0.78 on the dev set, 0.73 on the held-out set and 0.59 on dev2 (annotated \
         blind): gods and heroes of myth, languages, time scales and titles of works mistyped, \
         ORG predicted far more often than it is gold; the seed alone moves the dev F1 by 2.5 \
         points (77.40 / 77.16 / 74.89 for seeds 2003 / 1 / 2). The rules after tagging \
         (src/ner/mod.rs) bring these to 0.91, 0.77 and 0.82 (dev2 no longer blind), but a \
         fourth set annotated blind later, dev3, scored 0.665 with them and without the last \
         round of them alike (spacecraft, encodings, peoples and dynasties typed LOC or ORG \
         instead of MISC; river names typed PER): on new encyclopedic text expect about 0.6-0.7.\n",
    );
    // The gazetteer left out by default (`OFF_BY_DEFAULT`), with the numbers that decided it.
    s.push_str(
        r#"- A gazetteer of language, language-family and religion names (`lexicons/misc.txt`, list 4: 7,751 ISO 639-3 / ISO 639-5 names and 27 religions, see `lexicons/README.md`) is built but off: `train-ner` leaves it out unless `--with-lexicon misc.txt`. It fixes language families typed PER/LOC on the Wikipedia dev set ("Chadic", "Cushitic", "Omotic" with seed 2003), but over three seeds it missed the rule fixed before measuring (keep only if the mean CoNLL valid F1 drops by at most 0.05, news dev by at most 0.3, and Wikipedia dev rises by at least 0.5); so did a 717-name subset (the ISO 639-1, macro-, ancient and historical languages, the families, the last-word names and the religions). Exact-match F1 from `cargo xtask eval ner|ner-news|ner-wiki --model F`, models from `cargo xtask train-ner --seed N [--with-lexicon misc.txt] --out F` (seed 2003 without the list is the committed model; the subset was trained the same way with misc.txt replaced by its 717 lines, which are not committed):

  | gazetteer | seed 2003 | seed 1 | seed 2 | mean | vs none |
  |---|---|---|---|---|---|
  | none: CoNLL valid / news dev / Wikipedia dev | 93.95 / 83.93 / 77.40 | 94.05 / 85.52 / 77.16 | 93.88 / 85.31 / 74.89 | 93.96 / 84.92 / 76.48 | |
  | misc.txt (7,751) | 93.96 / 85.97 / 77.23 | 93.74 / 86.18 / 76.79 | 93.85 / 85.10 / 75.70 | 93.85 / 85.75 / 76.57 | -0.11 / +0.83 / +0.09 |
  | 717-name subset | 94.02 / 83.22 / 77.25 | 93.56 / 86.50 / 76.23 | 93.69 / 86.20 / 78.14 | 93.76 / 85.31 / 77.21 | -0.20 / +0.39 / +0.72 |

  The seed alone moves Wikipedia dev (354 mentions, 0.28 points each) by 2.5 points.
- WordNet 3.0's proper names as gazetteers (`lexicons/wn_loc.txt`, `wn_org.txt`, `wn_misc.txt`, lists 3, 7, 4: places, organisations and other names typed by where WordNet files them; Debian `wordnet-base`, built by `xtask/scripts/build_wordnet.py`) are built but off, like misc.txt. The rule fixed before measuring, over six seeds (2003, 1, 2, 3, 4, 5; means against the same seeds without them): CoNLL valid may drop by at most 0.10, news dev by at most 0.3, and the mean of the Wikipedia dev and dev2 sets must rise by at least 0.5. The places alone raised the Wikipedia sets (+1.35 dev, +0.70 dev2) and news dev (+0.51) but lowered CoNLL valid by 0.27, on every seed; the gain comes from the names the other lists already hold (the same list without them: valid -0.01, news dev -0.75, Wikipedia dev -0.14, dev2 -0.26), but neither part of those carries it alone (the names also in the place or country lists: valid -0.14, news dev -0.02, Wikipedia dev -0.80, dev2 +1.31; those also in the person lists only: +0.02 / -0.10 / -0.74 / -0.38), so no mechanism was found to keep the gain without the loss. The other names alone: valid -0.07, news dev +0.09, Wikipedia dev -0.19, dev2 +0.45; all three lists (three seeds): valid +0.01, news dev -0.41, Wikipedia dev -1.05, dev2 +1.73. Models: `cargo xtask train-ner --seed N [--with-lexicon wn_loc.txt] --out F`.
- Also tried on the same rule and not kept: hiding a token's own word features (word, lower case, its bigrams) at random in training so that context, shape and clusters learn to type unseen names (each token with p = 0.2, three seeds: valid -0.20, news dev -0.39, Wikipedia dev -1.61, dev2 +0.70; only tokens of names, p = 0.3: -0.16 / -0.10 / -0.90 / -0.49), and averaging three runs' weights (`--runs 3`, three seeds: -0.01 / +0.60 / -0.62 / -0.02).
- Twelfth session: giving the annotated training text more weight by repeating it (`--wiki-train 2 --news-train 2`; copies of a document share its jackknife fold, `folds_of` in src/ner/train.rs). Rule fixed before measuring, six seeds against one copy each: valid -0.05, news dev -0.18, mean of Wikipedia dev and dev2 +0.83 (dev -0.08, dev2 +1.73): passed. The blind dev3 set (totals only) did not follow: 74.81 -> 74.39 on seed 2003, six-seed means 75.44 -> 75.07, so it is not kept (the gate, decided after the one-seed read: six-seed dev3 not worse). Two copies of the Wikipedia text alone failed the rule (news dev -0.37; Wikipedia mean +0.65).
- Thirteenth session: more annotated Wikipedia text. Rule fixed before measuring: the cross-validated F1 on the Wikipedia training text (four folds, seed 2003; each fold model trained without the left-out articles, both their parts) must rise by at least 0.5, six-seed means of CoNLL valid may drop by at most 0.10 and news dev by at most 0.3; the best passing set then gated on the blind dev3 set's six-seed mean (not worse). The dev sets alone (`tests/wiki-ner/` and `dev2/`, 598 mentions): CV -0.08, failed. The articles' second parts alone (`part2/`, 1,618 mentions): CV +0.13 (their own out-of-fold score +0.70; valid -0.02, news dev +0.30), failed. Both: CV 77.68 -> 78.80, the second parts out of fold 77.05 -> 78.46, valid -0.035, news dev -0.20: passed; dev3 six-seed mean 75.44 -> 76.82 (seed 2003 74.81 -> 76.67); kept as the default. Held-out totals, read once: Wikipedia 82.47 -> 84.24, news 90.86 -> 89.95 (the seed alone moves the news sets by about a point; six-seed news dev -0.20).
"#,
    );
    let path = root().join("models").join("MODEL_CARD.md");
    std::fs::write(&path, s).map_err(|e| fail(format!("{}: {e}", path.display())))?;
    Ok(())
}

pub fn eval(args: &[String]) -> Result {
    // `--model FILE` evaluates a model file (e.g. one written by `train-ner --out`) instead of
    // the embedded model.
    // `--errors` prints every sentence the model gets wrong with its gold and predicted
    // entities, and counts the errors by kind; `--dir DIR` takes the texts of
    // `--consistency` from DIR (default: PolNeAR dev).
    let mut rest: Vec<&String> = Vec::new();
    let mut file: Option<Vec<u8>> = None;
    let mut errors = false;
    let mut dir: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--model" {
            let f = it.next().ok_or_else(|| usage("--model FILE"))?;
            file = Some(std::fs::read(f).map_err(|e| fail(format!("{f}: {e}")))?);
        } else if a == "--errors" {
            errors = true;
        } else if a == "--dir" {
            dir = Some(
                it.next()
                    .map(PathBuf::from)
                    .ok_or_else(|| usage("--dir DIR"))?,
            );
        } else {
            rest.push(a);
        }
    }
    let owned = match &file {
        Some(bytes) => Some(Model::from_bytes(bytes).map_err(|e| fail(e.to_string()))?),
        None => None,
    };
    let model = match &owned {
        Some(m) => m,
        None => newsmark::ner::model().map_err(|e| fail(e.to_string()))?,
    };
    let path =
        match rest.as_slice() {
            [c] if c.as_str() == "--consistency" => return consistency(model, dir.as_deref()),
            [] => conll("valid.txt"),
            [f] => PathBuf::from(f),
            _ => return Err(usage(
                "usage: cargo xtask eval ner [FILE | --consistency [--dir DIR]] [--model FILE] \
                 [--errors]",
            )),
        };
    let docs = read_docs(&path)?;
    let t0 = Instant::now();
    let fresh = match &file {
        Some(bytes) => Model::from_bytes(bytes),
        None => Model::from_static(newsmark::ner::model_bytes()),
    }
    .map_err(|e| fail(e.to_string()))?;
    let load_ms = t0.elapsed().as_secs_f64() * 1000.0;
    drop(fresh);
    let (scores, tps) = score(model, &docs);
    if errors {
        print_errors(model, &docs);
    }
    print!("{}", scores.report());
    println!(
        "model: {} bytes, {} features, loaded in {load_ms:.1} ms; tagging speed {:.0} tokens/s \
         (one thread, two passes)",
        file.as_ref().map_or(newsmark::ner::model_size(), Vec::len),
        model.features(),
        tps
    );
    Ok(())
}

/// `cargo xtask eval ner --consistency`: on the PolNeAR dev texts (2016 US news, no NER
/// labels), how often the same capitalised word gets different types within one article
/// (the modern-news failure of issue 4: "Trump" typed PER and ORG in one article), and the
/// types given to a few frequent names.
fn consistency(model: &Model, dir: Option<&Path>) -> Result {
    use newsmark::entities::Label;
    use std::collections::{BTreeMap, HashMap};
    let texts = match dir {
        Some(d) => crate::util::read_texts(d)?,
        None => crate::bench::dev_texts()?,
    };
    let (mut words, mut mixed, mut occ, mut occ_minority) = (0usize, 0usize, 0usize, 0usize);
    let watch = ["Trump", "Obama", "Clinton", "Sanders", "Cruz", "Rubio"];
    let mut watched: BTreeMap<&str, [usize; 5]> = BTreeMap::new();
    for (ti, text) in texts.iter().enumerate() {
        let clean = newsmark::clean::clean(text).text;
        let doc = newsmark::text::Doc::new(&clean);
        let mentions = newsmark::ner::recognize_with(model, &doc);
        // Label per token start.
        let mut label_at: HashMap<usize, Label> = HashMap::new();
        for m in &mentions {
            for t in &doc.tokens {
                if t.span.start >= m.span.start && t.span.end <= m.span.end {
                    label_at.insert(t.span.start, m.label);
                }
            }
        }
        let mut per_word: HashMap<&str, [usize; 5]> = HashMap::new();
        for t in &doc.tokens {
            let w = t.span.slice(doc.text);
            if !w.chars().next().is_some_and(char::is_uppercase) || w.len() < 3 {
                continue;
            }
            let k = match label_at.get(&t.span.start) {
                Some(Label::Per) => 0,
                Some(Label::Org) => 1,
                Some(Label::Loc) => 2,
                Some(Label::Misc) => 3,
                None => 4,
            };
            per_word.entry(w).or_insert([0; 5])[k] += 1;
            if let Some(c) = watch.iter().find(|&&x| x == w) {
                watched.entry(c).or_insert([0; 5])[k] += 1;
                if std::env::var("NER_DEBUG").is_ok() && k != 0 {
                    let a = t.span.start.saturating_sub(60);
                    let b = (t.span.end + 40).min(doc.text.len());
                    let (mut a, mut b) = (a, b);
                    while !doc.text.is_char_boundary(a) {
                        a -= 1;
                    }
                    while !doc.text.is_char_boundary(b) {
                        b += 1;
                    }
                    let m = mentions
                        .iter()
                        .find(|m| m.span.start <= t.span.start && t.span.end <= m.span.end);
                    eprintln!(
                        "{ti} {k} [{}] {:?}",
                        m.map(|m| m.span.slice(doc.text)).unwrap_or(""),
                        &doc.text[a..b]
                    );
                }
            }
        }
        for c in per_word.values() {
            let tagged: usize = c[..4].iter().sum();
            if tagged < 2 {
                continue;
            }
            words += 1;
            occ += tagged;
            let max = c[..4].iter().copied().max().unwrap_or(0);
            if max < tagged {
                mixed += 1;
                occ_minority += tagged - max;
            }
        }
    }
    println!(
        "{}, {} articles: {words} (article, word) pairs tagged twice or more; {mixed} \
         ({:.2}%) with more than one type; {occ_minority} of {occ} occurrences ({:.2}%) off the \
         article's majority type",
        dir.map_or("PolNeAR dev".to_string(), |d| d.display().to_string()),
        texts.len(),
        100.0 * mixed as f64 / words.max(1) as f64,
        100.0 * occ_minority as f64 / occ.max(1) as f64
    );
    println!("| word | PER | ORG | LOC | MISC | untagged |\n|---|---:|---:|---:|---:|---:|");
    for (w, c) in &watched {
        println!(
            "| {w} | {} | {} | {} | {} | {} |",
            c[0], c[1], c[2], c[3], c[4]
        );
    }
    Ok(())
}

/// Prints the sentences of `docs` that `model` gets wrong (gold and predicted entities that
/// differ), then the errors counted by kind: a gold entity found with the same span but
/// another type, found with another span (overlapping), or missed; a predicted entity
/// overlapping no gold one.
fn print_errors(model: &Model, docs: &[Vec<Sentence>]) {
    use newsmark::ner::score::chunks;
    use std::collections::BTreeMap;
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for doc in docs {
        let owned: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        let pred = tag_document(model, &owned);
        for (s, p) in doc.iter().zip(&pred) {
            let gold = chunks(&s.tags);
            let got = chunks(p);
            if gold == got {
                continue;
            }
            let text = |a: usize, b: usize| s.tokens[a..b].join(" ");
            println!("> {}", s.tokens.join(" "));
            for g in &gold {
                if got.contains(g) {
                    continue;
                }
                let same_span = got.iter().find(|x| (x.1, x.2) == (g.1, g.2));
                let overlap = got.iter().find(|x| x.1 < g.2 && g.1 < x.2);
                let kind = match (same_span, overlap) {
                    (Some(x), _) => format!("type {}->{}", g.0, x.0),
                    (None, Some(x)) => format!("span {}->{}", g.0, x.0),
                    (None, None) => format!("missed {}", g.0),
                };
                println!(
                    "  {kind}: [{}]{}",
                    text(g.1, g.2),
                    overlap.map_or(String::new(), |x| format!(" got [{}]", text(x.1, x.2)))
                );
                *kinds.entry(kind).or_default() += 1;
            }
            for x in &got {
                if !gold.iter().any(|g| g.1 < x.2 && x.1 < g.2) {
                    let kind = format!("spurious {}", x.0);
                    println!("  {kind}: [{}]", text(x.1, x.2));
                    *kinds.entry(kind).or_default() += 1;
                }
            }
        }
    }
    let mut v: Vec<_> = kinds.into_iter().collect();
    v.sort_by_key(|b| std::cmp::Reverse(b.1));
    for (k, n) in v {
        println!("errors: {n:5} {k}");
    }
}
