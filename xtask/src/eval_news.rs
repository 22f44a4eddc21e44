//! `cargo xtask eval ner-news [--heldout] [--errors]` and `cargo xtask eval ner-wiki …`: NER on
//! the hand-annotated check sets, scored exact-match. Both commands are one code path
//! ([`run_set`]), parameterised by a [`CheckSet`]: the modern-news sets (PolNeAR dev articles,
//! see `tests/news-ner/GUIDELINES.md`) and the Wikipedia sets (lead sections of English
//! Wikipedia articles, see `tests/wiki-ner/GUIDELINES.md`).
//! The dev set (`tests/<set>/`) is the default; `--heldout` scores the held-out set
//! `tests/<set>/heldout/` instead and `--pooled` both (micro-averaged, totals only). The
//! held-out set's errors are never listed: `--errors` is refused
//! on it (also when it is named with `--ann`), and only its totals are printed (no
//! per-article lines).
//!
//! Each raw text is analysed exactly as `newsmark analyze --no-clean` does (the whole file,
//! cleaning off, UTF-8 offsets into the input); the mentions are compared with the gold spans.
//! The texts are read at run time (news: from `../shared`; Wikipedia: from `target/wiki/text`,
//! written by `cargo xtask fetch-wiki`) and must match the checksums of the annotation files.

use crate::news_ner_core::{check, Score, Span};
use crate::util::{fail, root, shared, usage, Result};
use newsmark::{analyze, Options, Unit};
use std::path::{Path, PathBuf};

/// One hand-annotated check set: where its annotations and texts are, and how it is named.
pub struct CheckSet {
    /// The `eval` subcommand (`ner-news`).
    pub command: &'static str,
    /// The dev set's annotations, relative to the repository root (`tests/news-ner`); the
    /// held-out set is its `heldout/` directory.
    pub ann_dir: &'static str,
    /// The texts' directory by default.
    pub text_dir: fn() -> PathBuf,
    /// What the texts are, for the report ("of PolNeAR dev").
    pub source: &'static str,
    /// What to do when the texts are missing (empty: nothing to add).
    pub missing_hint: &'static str,
    /// Annotation directories (relative to the root) that `cargo xtask train-ner` trains on
    /// by default: the committed model's scores on them are in-sample.
    pub trained_on: &'static [&'static str],
}

/// The modern-news sets: PolNeAR dev articles read from `../shared`.
pub const NEWS: CheckSet = CheckSet {
    command: "ner-news",
    ann_dir: "tests/news-ner",
    text_dir: || shared().join("data/polnear/dev/text"),
    source: "of PolNeAR dev",
    missing_hint: "",
    trained_on: &[],
};

/// The Wikipedia sets: article leads written by `cargo xtask fetch-wiki`.
pub const WIKI: CheckSet = CheckSet {
    command: "ner-wiki",
    ann_dir: "tests/wiki-ner",
    text_dir: crate::fetch_wiki::text_dir,
    source: "of English Wikipedia article leads",
    missing_hint: " (run `cargo xtask fetch-wiki` first)",
    trained_on: &["tests/wiki-ner", "tests/wiki-ner/dev2"],
};

pub fn run(args: &[String]) -> Result {
    run_set(&NEWS, args)
}

pub fn run_wiki(args: &[String]) -> Result {
    run_set(&WIKI, args)
}

/// Scores one check set (see the module doc).
pub fn run_set(set: &CheckSet, args: &[String]) -> Result {
    let usage_line = format!(
        "usage: cargo xtask eval {} [--heldout | --pooled] [--errors] [--ann DIR] [--texts DIR] \
         [--model FILE]",
        set.command
    );
    let usage_line = usage_line.as_str();
    let mut errors = false;
    let dev_dir = root().join(set.ann_dir);
    let heldout_dir = dev_dir.join("heldout");
    let mut ann_dirs = vec![dev_dir.clone()];
    let mut text_dir = (set.text_dir)();
    let mut model_file: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--errors" => errors = true,
            "--model" => {
                model_file = Some(
                    it.next()
                        .map(PathBuf::from)
                        .ok_or_else(|| usage(usage_line))?,
                )
            }
            "--heldout" => ann_dirs = vec![heldout_dir.clone()],
            "--pooled" => ann_dirs = vec![dev_dir.clone(), heldout_dir.clone()],
            "--ann" => {
                ann_dirs = vec![it
                    .next()
                    .map(PathBuf::from)
                    .ok_or_else(|| usage(usage_line))?]
            }
            "--texts" => {
                text_dir = it
                    .next()
                    .map(PathBuf::from)
                    .ok_or_else(|| usage(usage_line))?
            }
            _ => return Err(usage(usage_line)),
        }
    }
    // Compared as real paths when both exist, else lexically (`a/../b` is `b`): a held-out
    // directory not yet created is still recognised.
    let same_dir = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => lexical(a) == lexical(b),
    };
    let heldout = ann_dirs.iter().any(|d| same_dir(d, &heldout_dir));
    if errors && heldout {
        return Err(fail(format!(
            "the held-out set's errors are not listed: only its totals are reported \
             ({}/GUIDELINES.md); use the dev set to look at errors",
            set.ann_dir
        )));
    }
    let mut anns: Vec<PathBuf> = Vec::new();
    for ann_dir in &ann_dirs {
        let mut dir: Vec<PathBuf> = std::fs::read_dir(ann_dir)
            .map_err(|e| fail(format!("{}: {e}", ann_dir.display())))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "ann"))
            .collect();
        dir.sort();
        if dir.is_empty() {
            return Err(fail(format!("no .ann files in {}", ann_dir.display())));
        }
        anns.extend(dir);
    }
    // Another model (e.g. a `train-ner --out F` candidate) instead of the embedded one; the
    // mentions come from the same tagger on the same text as `analyze --no-clean` (whose
    // cleaned text is then the input itself, so the offsets are input offsets).
    let model = match &model_file {
        Some(f) => {
            let bytes = std::fs::read(f).map_err(|e| fail(format!("{}: {e}", f.display())))?;
            Some(
                newsmark::ner::Model::from_bytes(&bytes)
                    .map_err(|e| fail(format!("{}: {e}", f.display())))?,
            )
        }
        None => None,
    };
    let options = Options {
        clean: false,
        offsets: Unit::Utf8,
        ..Options::default()
    };
    let mut total = Score::default();
    let mut bytes = 0;
    let mut per_article = String::new();
    let mut error_list = String::new();
    for ann_path in &anns {
        let stem = ann_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text_path = text_dir.join(format!("{stem}.txt"));
        let text = std::fs::read_to_string(&text_path)
            .map_err(|e| fail(format!("{}: {e}{}", text_path.display(), set.missing_hint)))?;
        let ann_text = std::fs::read_to_string(ann_path)
            .map_err(|e| fail(format!("{}: {e}", ann_path.display())))?;
        let ann = check(&text, &ann_text).map_err(|bad| {
            fail(format!(
                "{} does not fit {}:\n  {}",
                ann_path.display(),
                text_path.display(),
                bad.join("\n  ")
            ))
        })?;
        let pred: Vec<Span> = match &model {
            Some(model) => {
                let doc = newsmark::text::Doc::new(&text);
                newsmark::ner::recognize_with(model, &doc)
                    .iter()
                    .map(|m| Span {
                        start: m.span.start,
                        end: m.span.end,
                        label: m.label,
                    })
                    .collect()
            }
            None => analyze(&text, &options)
                .map_err(|e| fail(format!("{stem}: {e}")))?
                .mentions
                .iter()
                .map(|m| Span {
                    start: m.input_start,
                    end: m.input_end,
                    label: m.label,
                })
                .collect(),
        };
        let mut score = Score::default();
        score.add(&ann.spans, &pred);
        let (c, np, ng) = score.totals();
        let (_, _, f) = score.overall();
        per_article.push_str(&format!(
            "  {stem:<58} gold {ng:>4} found {np:>4} correct {c:>4}  FB1 {:6.2}\n",
            100.0 * f
        ));
        total.merge(&score);
        bytes += text.len();
        if errors {
            error_list.push_str(&format!("== {stem}\n"));
            error_list.push_str(&list_errors(&text, &ann.spans, &pred));
        }
    }
    if errors {
        print!("{error_list}");
    }
    let which = if ann_dirs.len() > 1 {
        "both sets pooled"
    } else if heldout {
        "held-out set"
    } else if same_dir(&ann_dirs[0], &dev_dir) {
        "dev set"
    } else {
        "annotations"
    };
    let dirs: Vec<String> = ann_dirs.iter().map(|d| d.display().to_string()).collect();
    println!(
        "{}: {which} {}: {} articles ({bytes} bytes) {}, hand-annotated; NER \
         as `newsmark analyze --no-clean`",
        set.command,
        dirs.join(" + "),
        anns.len(),
        set.source
    );
    let in_sample = ann_dirs
        .iter()
        .any(|d| set.trained_on.iter().any(|t| same_dir(d, &root().join(t))));
    if in_sample {
        println!(
            "note: `cargo xtask train-ner` trains on the dev set and dev2 (unless \
             --no-wiki-dev): the committed model's scores that include them are in-sample"
        );
    }
    // The held-out set reports its totals only, not which article scores how.
    if !heldout {
        print!("{per_article}");
    }
    print!("{}", total.report());
    Ok(())
}

/// `p` without `.` components and with `x/..` pairs removed (no file system access).
fn lexical(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// One line per error, in text order: `missed`, `spurious`, `type` (same boundaries, another
/// label) and `boundary` (overlapping spans that differ), with the surface strings.
fn list_errors(text: &str, gold: &[Span], pred: &[Span]) -> String {
    let overlaps = |a: &Span, b: &Span| a.start < b.end && b.start < a.end;
    let same = |a: &Span, b: &Span| a.start == b.start && a.end == b.end;
    let show = |s: &Span| format!("{} {:?}", s.label.as_str(), &text[s.start..s.end]);
    let mut out: Vec<(usize, String)> = Vec::new();
    for g in gold {
        if pred.contains(g) {
            continue;
        }
        if let Some(p) = pred.iter().find(|p| same(g, p)) {
            out.push((
                g.start,
                format!("type      gold {}  predicted {}", show(g), show(p)),
            ));
            continue;
        }
        let near: Vec<String> = pred.iter().filter(|p| overlaps(g, p)).map(show).collect();
        if near.is_empty() {
            out.push((g.start, format!("missed    gold {}", show(g))));
        } else {
            out.push((
                g.start,
                format!("boundary  gold {}  predicted {}", show(g), near.join(", ")),
            ));
        }
    }
    for p in pred {
        if gold.iter().any(|g| same(g, p) || overlaps(g, p)) {
            continue; // reported with its gold span above (or correct)
        }
        out.push((p.start, format!("spurious  predicted {}", show(p))));
    }
    out.sort();
    out.into_iter()
        .map(|(at, line)| format!("  {at:>6}  {line}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{run, run_wiki};

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    /// The held-out set's errors are never listed, however it is named; nothing is scored
    /// first (the refusal comes before any text is read).
    #[test]
    fn the_held_out_errors_are_refused() {
        for (set, run) in [
            ("news-ner", run as fn(&[String]) -> crate::util::Result),
            ("wiki-ner", run_wiki),
        ] {
            let heldout = crate::util::root().join(format!("tests/{set}/heldout"));
            let spelled = format!("{}/", heldout.display());
            let roundabout = crate::util::root().join(format!("tests/../tests/{set}/./heldout"));
            let roundabout = roundabout.display().to_string();
            for a in [
                args(&["--heldout", "--errors"]),
                args(&["--errors", "--pooled"]),
                args(&["--ann", &spelled, "--errors"]),
                args(&["--errors", "--ann", &roundabout]),
            ] {
                let err = run(&a).expect_err(&format!("{set} {a:?} must be refused"));
                assert!(
                    err.message.contains("held-out") && err.message.contains(set),
                    "{set} {a:?}: {}",
                    err.message
                );
            }
        }
    }

    #[test]
    fn lexical_paths() {
        use std::path::Path;
        assert_eq!(
            super::lexical(Path::new("/a/b/../c/./d/")),
            Path::new("/a/c/d")
        );
    }
}
