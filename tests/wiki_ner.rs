//! The hand-annotated Wikipedia NER sets (`tests/wiki-ner/`, the dev set,
//! `tests/wiki-ner/heldout/`, the held-out set, `tests/wiki-ner/dev2/`, the second dev set,
//! and `tests/wiki-ner/dev3/`, the third dev set, both annotated blind; see GUIDELINES.md).
//!
//! The texts are not in the repository: `cargo xtask fetch-wiki` writes them to
//! `target/wiki/text/` (and the dump they come from to `target/wiki/`); `cargo xtask test`
//! runs it before the Rust tests. Without them these tests fail and say so. With them, they
//! check that the texts on disk are exactly what the converter makes of the dump, that each
//! set is exactly the articles its selection rule picks and the two share none, and that every
//! annotation fits its text (checksum, char and word boundaries, trimmed, in order, no
//! overlaps). The scorer itself is the news sets' (`tests/news_ner.rs` checks it).

mod common;

#[allow(dead_code)]
#[path = "../xtask/src/news_ner_core.rs"]
mod news;

#[allow(dead_code)]
#[path = "../xtask/src/wikitext.rs"]
mod wikitext;

use news::{check, parse, text_lines};
use std::path::{Path, PathBuf};

/// The dev set (looked at by developers), the held-out set (only its totals are reported) and
/// the second and third dev sets (annotated blind, to check whether rules decided on the dev
/// sets carry over before the held-out set is read).
const DEV: &str = "tests/wiki-ner";
const HELDOUT: &str = "tests/wiki-ner/heldout";
const DEV2: &str = "tests/wiki-ner/dev2";
const DEV3: &str = "tests/wiki-ner/dev3";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `target/wiki/`, or `None` (the test skips; it fails under `NEWSMARK_REQUIRE_DATA`, as in
/// `cargo xtask test`) when `cargo xtask fetch-wiki` has not written the texts.
fn wiki_dir() -> Option<PathBuf> {
    let dir = root().join("target/wiki");
    common::present(
        dir.join("text/SETS").is_file(),
        dir,
        ": run `cargo xtask fetch-wiki` first (it downloads the gensim 4.4.0 wheel with pip and \
         writes the Wikipedia texts; `cargo xtask test` does it)",
    )
}

/// The pages of the dump `cargo xtask fetch-wiki` left in `dir` (`target/wiki/`).
fn dump_pages(dir: &Path) -> Vec<wikitext::Page> {
    let xml = std::fs::read_to_string(dir.join("enwiki-shortened.xml"))
        .expect("target/wiki/enwiki-shortened.xml: run `cargo xtask fetch-wiki`");
    wikitext::pages(&xml)
}

/// The `.ann` files of one set, sorted; `None` when the directory does not exist.
fn ann_files(set: &str) -> Option<Vec<PathBuf>> {
    let dir = root().join(set);
    let entries = std::fs::read_dir(&dir).ok()?;
    let mut v: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "ann"))
        .collect();
    v.sort();
    Some(v)
}

fn stem(p: &Path) -> String {
    p.file_stem().unwrap().to_string_lossy().into_owned()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

/// Parses every `.ann` file of `set` (one per article of a full set) and checks that it holds
/// offsets and labels only; returns the number of gold mentions.
fn parse_set(set: &str) -> usize {
    let files = ann_files(set).unwrap_or_else(|| panic!("{set}"));
    assert_eq!(
        files.len(),
        wikitext::SET_SIZE,
        "one file per article of {set}"
    );
    let mut mentions = 0;
    for f in &files {
        let s = std::fs::read_to_string(f).unwrap();
        let ann = parse(&s).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        mentions += ann.spans.len();
        // Offsets and labels only: every line past the header is `digits TAB digits TAB LABEL`.
        assert_eq!(text_lines(&s), Vec::<String>::new(), "{}", f.display());
    }
    mentions
}

#[test]
fn dev_annotation_files_parse_and_hold_no_text() {
    let mentions = parse_set(DEV);
    assert!(
        mentions >= 300,
        "only {mentions} gold mentions in the dev set"
    );
}

#[test]
fn dev2_annotation_files_parse_and_hold_no_text() {
    let mentions = parse_set(DEV2);
    assert!(
        mentions >= 200,
        "only {mentions} gold mentions in the second dev set"
    );
}

#[test]
fn dev3_annotation_files_parse_and_hold_no_text() {
    let mentions = parse_set(DEV3);
    assert!(
        mentions >= 400,
        "only {mentions} gold mentions in the third dev set"
    );
}

/// The texts on disk are the converter's output for the dump's articles, `SETS` lists the
/// four sets, no two share an article, and each annotated set is exactly the articles the
/// selection rule picks (dev: 0, 4, 8, …; held-out: 2, 6, 10, …; dev2: 1, 5, 9, …; dev3: 3,
/// 7, 11, …).
#[test]
fn the_texts_and_the_sets_follow_the_selection_rule() {
    let Some(dir) = wiki_dir() else {
        return;
    };
    let sets = wikitext::select(&dump_pages(&dir));
    let mut listed = String::new();
    for (set, articles) in sets.named() {
        assert_eq!(articles.len(), wikitext::SET_SIZE, "{set}");
        for (slug, text) in articles.iter() {
            let path = dir.join("text").join(format!("{slug}.txt"));
            let on_disk = std::fs::read_to_string(&path).unwrap_or_else(|e| {
                panic!("{}: {e} (run `cargo xtask fetch-wiki`)", path.display())
            });
            assert!(
                on_disk == *text,
                "{} differs from the converter's output",
                path.display()
            );
            assert!(text.len() >= wikitext::MIN_LEAD);
            listed.push_str(&format!("{set} {slug}.txt\n"));
        }
    }
    let sets_file = std::fs::read_to_string(dir.join("text/SETS")).unwrap();
    assert_eq!(sets_file, listed, "target/wiki/text/SETS");

    let slugs = |v: &[(String, String)]| sorted(v.iter().map(|(s, _)| s.clone()).collect());
    let named = sets.named();
    for (i, (a, articles_a)) in named.iter().enumerate() {
        for (b, articles_b) in &named[i + 1..] {
            let in_b = slugs(articles_b);
            for s in slugs(articles_a) {
                assert!(!in_b.contains(&s), "{s} is in both {a} and {b}");
            }
        }
    }
    let have = |set| -> Option<Vec<String>> {
        ann_files(set).map(|v| sorted(v.iter().map(|p| stem(p)).collect()))
    };
    assert_eq!(have(DEV).unwrap(), slugs(&sets.dev), "{DEV}");
    assert_eq!(
        have(HELDOUT).expect(HELDOUT),
        slugs(&sets.heldout),
        "{HELDOUT}"
    );
    assert_eq!(have(DEV2).expect(DEV2), slugs(&sets.dev2), "{DEV2}");
    assert_eq!(have(DEV3).expect(DEV3), slugs(&sets.dev3), "{DEV3}");
}

#[test]
fn annotations_fit_their_texts() {
    let Some(dir) = wiki_dir() else {
        return;
    };
    let texts = dir.join("text");
    let files: Vec<PathBuf> = [DEV, HELDOUT, DEV2, DEV3]
        .iter()
        .filter_map(|set| ann_files(set))
        .flatten()
        .collect();
    assert!(!files.is_empty());
    for f in files {
        let stem = stem(&f);
        let text = std::fs::read_to_string(texts.join(format!("{stem}.txt")))
            .unwrap_or_else(|e| panic!("{stem}.txt: {e}"));
        // Offsets and labels only, the checksum, the spans, no half words.
        if let Err(bad) = check(&text, &std::fs::read_to_string(&f).unwrap()) {
            panic!("{stem}: {bad:#?}");
        }
    }
}

/// The training annotations (`tests/wiki-ner/train/`, read by `cargo xtask train-ner`, and
/// `train/part2/`, read unless `--no-wiki-part2`): one per training text (`wikitext::train_articles`:
/// whole articles after those the four sets take, none sharing a title word with theirs, cut
/// into parts), texts on disk as the converter makes them, no article shared with a set, every
/// annotation fitting its text.
#[test]
fn training_annotations_fit_their_articles_and_share_none_with_the_sets() {
    let Some(dir) = wiki_dir() else {
        return;
    };
    let pages = dump_pages(&dir);
    let train = wikitext::train_articles(&pages);
    let part2 = |s: &str| s.ends_with("-2");
    let firsts = train.iter().filter(|(s, _)| !part2(s)).count();
    assert!(firsts >= 10, "{firsts} training articles");
    for (set, want_part2) in [
        ("tests/wiki-ner/train", false),
        ("tests/wiki-ner/train/part2", true),
    ] {
        let files = ann_files(set).expect(set);
        assert_eq!(
            sorted(files.iter().map(|p| stem(p)).collect()),
            sorted(
                train
                    .iter()
                    .filter(|(s, _)| part2(s) == want_part2)
                    .map(|(s, _)| s.clone())
                    .collect()
            ),
            "one annotation per training text in {set}"
        );
    }
    let sets = wikitext::select(&pages);
    let mut mentions = 0;
    for (slug, text) in &train {
        let base = slug.strip_suffix("-2").unwrap_or(slug);
        for (set, articles) in sets.named() {
            assert!(
                articles.iter().all(|(s, _)| s != base),
                "{slug} is also in {set}"
            );
        }
        assert!(text.len() <= wikitext::TRAIN_BYTES + 4096, "{slug}");
        let path = dir.join("train").join(format!("{slug}.txt"));
        let on_disk = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (run `cargo xtask fetch-wiki`)", path.display()));
        assert!(
            on_disk == *text,
            "{} differs from the converter",
            path.display()
        );
        let sub = if part2(slug) { "train/part2" } else { "train" };
        let ann = root()
            .join("tests/wiki-ner")
            .join(sub)
            .join(format!("{slug}.ann"));
        match check(text, &std::fs::read_to_string(&ann).unwrap()) {
            Ok(a) => mentions += a.spans.len(),
            Err(bad) => panic!("{slug}: {bad:#?}"),
        }
    }
    assert!(mentions >= 3500, "only {mentions} training mentions");
}
