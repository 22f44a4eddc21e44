//! `cargo xtask eval quotes [--split dev|train] [--min-confidence X] [--out FILE]`: quote
//! extraction on PolNeAR, scored by `../shared/eval/quotes/score.py`.
//!
//! Every text of the split goes through `newsmark::analyze` with cleaning off and code-point
//! offsets (so offsets index the `.txt` as the gold does); quotes with at least the minimum
//! confidence (default `newsmark::quotes::CONFIDENT`) are written as JSONL in the scorer's
//! format, then the scorer runs on them. The test split is never read.
use crate::util::{fail, shared, usage, Result};
use newsmark::{analyze, Options, Unit};
use serde_json::{json, Value};
use std::fs;
use std::process::Command;

pub fn run(args: &[String]) -> Result {
    let mut split = "dev".to_string();
    let mut min_conf = newsmark::quotes::CONFIDENT;
    let mut out_path = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--split" => {
                split = it
                    .next()
                    .cloned()
                    .ok_or_else(|| usage("--split needs a value"))?
            }
            "--min-confidence" => {
                min_conf = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or_else(|| usage("--min-confidence needs a number"))?
            }
            "--out" => out_path = it.next().cloned(),
            other => return Err(usage(format!("eval quotes: unknown argument {other}"))),
        }
    }
    if split != "dev" && split != "train" {
        return Err(usage(
            "eval quotes: --split is dev or train (the test split is held out)",
        ));
    }
    let shared = shared();
    let gold = shared.join("data").join("polnear").join(&split);
    let scorer = shared.join("eval").join("quotes").join("score.py");
    if !gold.join("text").is_dir() || !scorer.is_file() {
        return Err(fail(format!(
            "eval quotes: {} or {} is missing",
            gold.display(),
            scorer.display()
        )));
    }
    let names = crate::util::txt_files(&gold.join("text"))?;
    let (lines, total) = predict(&names, min_conf, |_| ())?;
    let out = match out_path {
        Some(p) => std::path::PathBuf::from(p),
        None => crate::util::root()
            .join("target")
            .join(format!("quotes-{split}.jsonl")),
    };
    if let Some(dir) = out.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(&out, lines)?;
    eprintln!(
        "eval quotes: {} texts, {total} quotes (confidence >= {min_conf}) -> {}",
        names.len(),
        out.display()
    );
    crate::util::run(
        Command::new("python3")
            .arg(&scorer)
            .arg("--gold")
            .arg(&gold)
            .arg("--pred")
            .arg(&out),
    )
}

/// JSONL predictions (the scorer's format) for the texts `names`, with quotes of at least
/// `min_conf`; `before(k)` runs before the `k`-th text (to switch models when cross-fitting).
fn predict(
    names: &[std::path::PathBuf],
    min_conf: f32,
    mut before: impl FnMut(usize),
) -> Result<(String, usize)> {
    let options = Options {
        clean: false,
        offsets: Unit::Chars,
        ..Options::default()
    };
    let mut lines = String::new();
    let mut total = 0usize;
    for (k, path) in names.iter().enumerate() {
        before(k);
        let text = fs::read_to_string(path)?;
        let doc = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let result = analyze(&text, &options).map_err(|e| fail(format!("{doc}: {e}")))?;
        let quotes: Vec<Value> = result
            .quotes
            .iter()
            .filter(|q| q.confidence >= min_conf)
            .map(|q| {
                json!({
                    "content": q.content.iter().map(|c| [c.start, c.end]).collect::<Vec<_>>(),
                    "source": q.speaker.as_ref().map(|s| [s.start, s.end]),
                    "cue": q.cue.as_ref().map(|c| [c.start, c.end]),
                    "kind": q.kind,
                    "confidence": q.confidence,
                })
            })
            .collect();
        total += quotes.len();
        lines.push_str(&json!({"doc": doc, "quotes": quotes}).to_string());
        lines.push('\n');
    }
    Ok((lines, total))
}

/// One PolNeAR text with the spans of its annotated attributions (byte offsets).
struct Annotated {
    name: String,
    text: String,
    cues: Vec<(usize, usize)>,
    contents: Vec<(usize, usize)>,
    sources: Vec<(usize, usize)>,
}

/// The texts of `../shared/data/polnear/<split>` in file-name order, each with the first
/// annotator's file (as the scorer reads it): the Cue, Content and Source fragments that an
/// `E` line refers to.
fn read_split(split: &str) -> Result<(std::path::PathBuf, Vec<Annotated>)> {
    let dir = shared().join("data").join("polnear").join(split);
    if !dir.join("attributions").is_dir() {
        return Err(fail(format!("train-quotes: {} is missing", dir.display())));
    }
    let mut anns: Vec<String> = fs::read_dir(dir.join("attributions"))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ann"))
        .collect();
    anns.sort();
    let mut first: std::collections::HashMap<String, String> = Default::default();
    for a in &anns {
        if let Some((doc, _)) = a.trim_end_matches(".ann").rsplit_once('_') {
            first.entry(doc.to_string()).or_insert_with(|| a.clone());
        }
    }
    let mut names: Vec<String> = fs::read_dir(dir.join("text"))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".txt").map(str::to_string))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for name in names {
        let text = fs::read_to_string(dir.join("text").join(format!("{name}.txt")))?;
        let mut doc = Annotated {
            name: name.clone(),
            text,
            cues: Vec::new(),
            contents: Vec::new(),
            sources: Vec::new(),
        };
        if let Some(ann) = first.get(&name) {
            let bytes: Vec<usize> = doc
                .text
                .char_indices()
                .map(|(b, _)| b)
                .chain([doc.text.len()])
                .collect();
            let body = fs::read_to_string(dir.join("attributions").join(ann))?;
            let mut spans: std::collections::HashMap<&str, Vec<(usize, usize)>> =
                Default::default();
            let mut roles: Vec<(&str, &str)> = Vec::new();
            for line in body.lines() {
                let mut f = line.split('\t');
                let (Some(id), Some(head)) = (f.next(), f.next()) else {
                    continue;
                };
                let numbered = id.len() > 1 && id[1..].bytes().all(|b| b.is_ascii_digit());
                if id.starts_with('T') && numbered {
                    let Some((_, offs)) = head.split_once(' ') else {
                        continue;
                    };
                    let frags: Vec<(usize, usize)> = offs
                        .split(';')
                        .filter_map(|p| {
                            let (a, b) = p.trim().split_once(' ')?;
                            let a = *bytes.get(a.parse::<usize>().ok()?)?;
                            let b = *bytes.get(b.parse::<usize>().ok()?)?;
                            (a < b).then_some((a, b))
                        })
                        .collect();
                    spans.insert(id, frags);
                } else if id.starts_with('E') && numbered {
                    for part in head.split(' ') {
                        if let Some((role, t)) = part.split_once(':') {
                            roles.push((role, t));
                        }
                    }
                }
            }
            for (role, t) in roles {
                let Some(fr) = spans.get(t) else { continue };
                let into = match role {
                    "Cue" => &mut doc.cues,
                    "Source" => &mut doc.sources,
                    r if r.starts_with("Content") => &mut doc.contents,
                    _ => continue,
                };
                into.extend(fr.iter().copied());
            }
            for v in [&mut doc.cues, &mut doc.contents, &mut doc.sources] {
                v.sort_unstable();
                v.dedup();
            }
        }
        out.push(doc);
    }
    Ok((dir, out))
}

fn labeller_sentences(docs: &[&Annotated]) -> Vec<(newsmark::quotes::labeller::Sentence, Vec<u8>)> {
    use newsmark::quotes::labeller::{training_sentences, TrainDoc};
    use newsmark::Span;
    let spans = |v: &[(usize, usize)]| v.iter().map(|&(a, b)| Span::new(a, b)).collect();
    docs.iter()
        .flat_map(|d| {
            training_sentences(&TrainDoc {
                text: d.text.clone(),
                cues: spans(&d.cues),
                contents: spans(&d.contents),
                sources: spans(&d.sources),
            })
        })
        .collect()
}

/// `cargo xtask train-quotes [--hold-out K/N | --cross-fit N]`: learns, on PolNeAR train
/// only, the attribution labeller (`newsmark::quotes::labeller::train`, a seeded averaged
/// perceptron) and writes `models/quote_labeller.bin`. The same data give the same file.
///
/// `--hold-out K/N` leaves out the texts whose index (in file-name order) is K modulo N.
/// `--cross-fit N` writes no model: it trains N labellers, each on the texts outside one
/// fold, predicts each fold with the labeller that did not see it, and scores the whole
/// train split (`target/quotes-train-crossfit.jsonl`). With `--reuse-folds` it keeps the
/// fold models in `target/quote-fold-K-of-N.bin` and loads them when present: for quick
/// iteration on the rules, which the labeller does not see (marks and cues it does: after
/// a change there, run without the flag).
pub fn train(args: &[String]) -> Result {
    use newsmark::quotes::labeller;
    let mut hold: Option<(usize, usize)> = None;
    let mut cross: Option<usize> = None;
    let mut reuse = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--hold-out" => {
                hold = it
                    .next()
                    .and_then(|v| v.split_once('/'))
                    .and_then(|(k, n)| Some((k.parse().ok()?, n.parse().ok()?)))
                    .filter(|&(k, n): &(usize, usize)| n > 1 && k < n);
                if hold.is_none() {
                    return Err(usage("--hold-out needs K/N with K < N"));
                }
            }
            "--cross-fit" => {
                cross = it.next().and_then(|v| v.parse().ok()).filter(|&n| n > 1);
                if cross.is_none() {
                    return Err(usage("--cross-fit needs N > 1"));
                }
            }
            "--reuse-folds" => reuse = true,
            other => return Err(usage(format!("train-quotes: unknown argument {other}"))),
        }
    }
    let (dir, all) = read_split("train")?;
    let cfg = labeller::Config::default();
    let mut log = |m: &str| eprintln!("train-quotes: {m}");
    if let Some(n) = cross {
        let mut models = Vec::new();
        for k in 0..n {
            let cached = crate::util::root()
                .join("target")
                .join(format!("quote-fold-{k}-of-{n}.bin"));
            if reuse {
                if let Some(m) = fs::read(&cached)
                    .ok()
                    .and_then(|b| labeller::Model::from_bytes(&b))
                {
                    eprintln!(
                        "train-quotes: fold {} of {n} loaded from {}",
                        k + 1,
                        cached.display()
                    );
                    models.push(m);
                    continue;
                }
            }
            let docs: Vec<&Annotated> = all
                .iter()
                .enumerate()
                .filter(|(i, _)| i % n != k)
                .map(|(_, d)| d)
                .collect();
            let sents = labeller_sentences(&docs);
            let m = labeller::train(&sents, &cfg, &mut log);
            if reuse {
                fs::write(&cached, m.to_bytes())?;
            }
            models.push(m);
            eprintln!("train-quotes: fold {} of {n} trained", k + 1);
        }
        let names: Vec<std::path::PathBuf> = all
            .iter()
            .map(|d| dir.join("text").join(format!("{}.txt", d.name)))
            .collect();
        let (lines, total) = predict(&names, newsmark::quotes::CONFIDENT, |i| {
            labeller::set_override(Some(models[i % n].clone()))
        })?;
        labeller::set_override(None);
        let out = crate::util::root()
            .join("target")
            .join("quotes-train-crossfit.jsonl");
        fs::write(&out, lines)?;
        eprintln!(
            "train-quotes: {} texts, {total} quotes, each fold predicted by the labeller \
             trained on the other folds -> {}",
            names.len(),
            out.display()
        );
        let scorer = shared().join("eval").join("quotes").join("score.py");
        return crate::util::run(
            Command::new("python3")
                .arg(&scorer)
                .arg("--gold")
                .arg(&dir)
                .arg("--pred")
                .arg(&out),
        );
    }
    let docs: Vec<&Annotated> = all
        .iter()
        .enumerate()
        .filter(|(i, _)| hold.is_none_or(|(k, n)| i % n != k))
        .map(|(_, d)| d)
        .collect();
    let sents = labeller_sentences(&docs);
    let model = labeller::train(&sents, &cfg, &mut log);
    let bytes = model.to_bytes();
    let out = crate::util::root()
        .join("models")
        .join("quote_labeller.bin");
    fs::write(&out, &bytes)?;
    eprintln!(
        "train-quotes: labeller {} features -> {} ({} bytes)",
        model.features(),
        out.display(),
        bytes.len()
    );
    Ok(())
}
