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
