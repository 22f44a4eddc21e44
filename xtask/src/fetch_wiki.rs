//! `cargo xtask fetch-wiki`: the texts of the Wikipedia NER check set (`tests/wiki-ner/`).
//!
//! No Wikipedia text is committed. The texts come from a MediaWiki XML dump that the PyPI
//! wheel gensim 4.4.0 ships as test data (`gensim/test/test_data/enwiki-latest-pages-
//! articles1.xml-p000000010p000030302-shortened.bz2`, English Wikipedia, CC BY-SA 3.0 / GFDL):
//! `pip download` fetches the wheel into `target/wiki/` (once), Python's `zipfile` and `bz2`
//! take the dump out of it (its SHA-256 is checked against [`DUMP_SHA256`]), and
//! [`crate::wikitext`] turns the lead section of each selected article into plain text,
//! written to `target/wiki/text/<slug>.txt`. `target/wiki/text/SETS` lists the four sets
//! (`dev <file>` / `heldout <file>` / `dev2 <file>` / `dev3 <file>` lines).

use crate::news_ner_core::sha256_hex;
use crate::util::{fail, root, run as sh, usage, Result};
use crate::wikitext::{pages, select, train_articles};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The dump inside the wheel.
pub const DUMP_MEMBER: &str =
    "gensim/test/test_data/enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2";
/// SHA-256 of the compressed dump (the same in every gensim 4.4.0 wheel).
pub const DUMP_SHA256: &str = "a53f4648dec40467ebdcbc7a1307eddb51fe6e28e9309f6ebde81ba0d04bea2d";

/// `target/wiki/`.
pub fn wiki_dir() -> PathBuf {
    root().join("target").join("wiki")
}

/// `target/wiki/text/`, where the plain texts go.
pub fn text_dir() -> PathBuf {
    wiki_dir().join("text")
}

pub fn run(args: &[String]) -> Result {
    if !args.is_empty() {
        return Err(usage("usage: cargo xtask fetch-wiki"));
    }
    let dir = wiki_dir();
    std::fs::create_dir_all(&dir)?;
    let wheel = match find_wheel(&dir)? {
        Some(w) => w,
        None => {
            sh(Command::new("python3").args([
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--only-binary=:all:",
                "--dest",
                &dir.to_string_lossy(),
                "gensim==4.4.0",
            ]))?;
            find_wheel(&dir)?.ok_or_else(|| {
                fail(format!(
                    "pip download gensim==4.4.0 left no wheel in {}",
                    dir.display()
                ))
            })?
        }
    };
    let bz2 = dir.join("enwiki-shortened.xml.bz2");
    python(&[
        "import sys, zipfile; open(sys.argv[3], 'wb').write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))",
        &wheel.to_string_lossy(),
        DUMP_MEMBER,
        &bz2.to_string_lossy(),
    ])?;
    let actual = sha256_hex(&std::fs::read(&bz2)?);
    if actual != DUMP_SHA256 {
        return Err(fail(format!(
            "{DUMP_MEMBER} in {} has sha256 {actual}, expected {DUMP_SHA256}",
            wheel.display()
        )));
    }
    let xml_path = dir.join("enwiki-shortened.xml");
    python(&[
        "import sys, bz2; open(sys.argv[2], 'wb').write(bz2.open(sys.argv[1]).read())",
        &bz2.to_string_lossy(),
        &xml_path.to_string_lossy(),
    ])?;
    let xml = std::fs::read_to_string(&xml_path)
        .map_err(|e| fail(format!("{}: {e}", xml_path.display())))?;
    let all = pages(&xml);
    let selected = select(&all);
    let texts = text_dir();
    std::fs::create_dir_all(&texts)?;
    let mut sets = String::new();
    for (set, articles) in selected.named() {
        for (slug, text) in articles.iter() {
            let file = format!("{slug}.txt");
            write_if_changed(&texts.join(&file), text)?;
            sets.push_str(&format!("{set} {file}\n"));
        }
    }
    write_if_changed(&texts.join("SETS"), &sets)?;
    let train = train_articles(&all);
    let train_dir = train_dir();
    std::fs::create_dir_all(&train_dir)?;
    for (slug, text) in &train {
        write_if_changed(&train_dir.join(format!("{slug}.txt")), text)?;
    }
    println!(
        "fetch-wiki: {} dev, {} held-out, {} dev2 and {} dev3 lead texts in {}",
        selected.dev.len(),
        selected.heldout.len(),
        selected.dev2.len(),
        selected.dev3.len(),
        texts.display()
    );
    println!(
        "fetch-wiki: {} training texts ({} bytes) in {}",
        train.len(),
        train.iter().map(|(_, t)| t.len()).sum::<usize>(),
        train_dir.display()
    );
    Ok(())
}

/// `target/wiki/train/`, the whole-article texts of the NER's Wikipedia training annotations
/// (`tests/wiki-ner/train/`).
pub fn train_dir() -> PathBuf {
    wiki_dir().join("train")
}

/// The gensim 4.4.0 wheel in `dir`, if pip has put one there.
fn find_wheel(dir: &Path) -> Result<Option<PathBuf>> {
    let mut wheels: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.starts_with("gensim-4.4.0-") && n.ends_with(".whl")
            })
        })
        .collect();
    wheels.sort();
    Ok(wheels.into_iter().next())
}

fn python(args: &[&str]) -> Result {
    sh(Command::new("python3").arg("-c").args(args))
}

/// Leaves a file alone (and its modification time) when it already holds `text`.
fn write_if_changed(path: &Path, text: &str) -> Result {
    if std::fs::read_to_string(path).is_ok_and(|t| t == text) {
        return Ok(());
    }
    std::fs::write(path, text).map_err(|e| fail(format!("{}: {e}", path.display())))
}
