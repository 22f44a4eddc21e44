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
    let mut names: Vec<_> = fs::read_dir(gold.join("text"))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let options = Options {
        clean: false,
        offsets: Unit::Chars,
        ..Options::default()
    };
    let mut lines = String::new();
    let mut total = 0usize;
    for path in &names {
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

/// `cargo xtask train-quotes`: counts, on PolNeAR train only, how often each lowercase word
/// heads an annotated cue (`newsmark::quotes::learned::train`) and writes
/// `models/quote_cues.tsv`. Counting only: the same data give the same file.
///
/// `--hold-out K/N` leaves out the texts whose index (in file-name order) is K modulo N, so
/// that `eval quotes --split train` on those texts measures the table out of sample.
pub fn train(args: &[String]) -> Result {
    let mut hold: Option<(usize, usize)> = None;
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
            other => return Err(usage(format!("train-quotes: unknown argument {other}"))),
        }
    }
    let dir = shared().join("data").join("polnear").join("train");
    if !dir.join("attributions").is_dir() {
        return Err(fail(format!("train-quotes: {} is missing", dir.display())));
    }
    // The first annotator's file per text, as the scorer reads it.
    let mut anns: Vec<_> = fs::read_dir(dir.join("attributions"))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    anns.sort();
    let mut seen = std::collections::HashSet::new();
    let mut docs = Vec::new();
    let mut cues = 0usize;
    for ann in anns {
        let base = ann
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some((doc, _)) = base.rsplit_once('_') else {
            continue;
        };
        if !seen.insert(doc.to_string()) {
            continue;
        }
        if hold.is_some_and(|(k, n)| (seen.len() - 1) % n == k) {
            continue;
        }
        let text = fs::read_to_string(dir.join("text").join(format!("{doc}.txt")))?;
        // Code-point offsets -> byte offsets.
        let bytes: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let mut starts = Vec::new();
        for line in fs::read_to_string(&ann)?.lines() {
            let mut f = line.split('\t');
            let (Some(id), Some(head)) = (f.next(), f.next()) else {
                continue;
            };
            let mut h = head.split([' ', ';']);
            if !id.starts_with('T') || h.next() != Some("Cue") {
                continue;
            }
            if let Some(&b) = h
                .next()
                .and_then(|s| s.parse::<usize>().ok())
                .and_then(|c| bytes.get(c))
            {
                starts.push(b);
            }
        }
        cues += starts.len();
        docs.push((text, starts));
    }
    let table = newsmark::quotes::learned::train(&docs);
    let out = crate::util::root().join("models").join("quote_cues.tsv");
    fs::write(&out, &table)?;
    eprintln!(
        "train-quotes: {} texts, {cues} cues -> {} ({} words, {} bytes)",
        docs.len(),
        out.display(),
        table.lines().count(),
        table.len()
    );
    Ok(())
}
