//! `cargo xtask fuzz [TARGET…] [--seconds N]`: cargo-fuzz over `analyze`, `clean` and the
//! tagger, seeded with real articles (PolNeAR dev texts, the demo samples).
//!
//! Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`); crashing inputs
//! land in `fuzz/artifacts/<target>/` and belong in `tests/regressions/` once fixed.

use crate::util::{fail, root, run as sh, shared, usage, Result};
use std::process::Command;

const TARGETS: [&str; 3] = ["analyze", "clean", "tagger"];

pub fn run(args: &[String]) -> Result {
    let mut seconds = 600u64;
    let mut targets = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seconds" => {
                seconds = it
                    .next()
                    .and_then(|s| s.parse().ok())
                    .ok_or_else(|| usage("--seconds needs a number"))?;
            }
            t if TARGETS.contains(&t) => targets.push(t.to_string()),
            other => return Err(usage(format!("unknown fuzz target {other}"))),
        }
    }
    if targets.is_empty() {
        targets = TARGETS.iter().map(|t| t.to_string()).collect();
    }
    if !Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success())
    {
        sh(Command::new("cargo").args(["install", "cargo-fuzz"]))?;
    }
    for target in &targets {
        let corpus = root().join("fuzz/corpus").join(target);
        std::fs::create_dir_all(&corpus)?;
        seed(&corpus, target == "tagger")?;
        sh(Command::new("cargo")
            .args(["+nightly", "fuzz", "run", target, "--release"])
            .arg(&corpus)
            .arg("--")
            .arg(format!("-max_total_time={seconds}"))
            .arg("-max_len=65536")
            .arg("-rss_limit_mb=4096")
            .current_dir(root().join("fuzz")))?;
    }
    Ok(())
}

/// Copies real articles into the corpus (one file each); for the tagger, one token a line.
fn seed(corpus: &std::path::Path, tokens: bool) -> Result {
    let mut sources = Vec::new();
    let dev = shared().join("data/polnear/dev/text");
    if let Ok(entries) = std::fs::read_dir(&dev) {
        sources.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
    }
    if let Ok(entries) = std::fs::read_dir(root().join("www/samples")) {
        sources.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
    }
    if sources.is_empty() {
        return Err(fail("no seed texts found (../shared or www/samples)"));
    }
    sources.sort();
    for (i, path) in sources.iter().enumerate() {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let text = if tokens {
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            text
        };
        std::fs::write(corpus.join(format!("seed-{i:03}")), text)?;
    }
    Ok(())
}
