//! The hand-annotated modern-news NER sets (`tests/news-ner/`, the dev set, and
//! `tests/news-ner/heldout/`, the held-out set; see GUIDELINES.md): the annotation files fit
//! their PolNeAR dev texts (checksum, char boundaries, trimmed, no overlaps), the two sets are
//! the articles their selection rule names and share none, and the scorer of
//! `cargo xtask eval ner-news` gives exact numbers on a small example written by hand.

mod common;

#[allow(dead_code)]
#[path = "../xtask/src/news_ner_core.rs"]
mod news;

use news::{check, parse, problems, sha256_hex, text_lines, word_edge_problems, Score, Span};
use newsmark::Label;
use std::path::{Path, PathBuf};

/// The dev set (looked at by developers) and the held-out set (only its totals are reported).
const SETS: [&str; 2] = ["tests/news-ner", "tests/news-ner/heldout"];

/// The `.ann` files of one set, sorted (the held-out directory is not part of the dev set).
fn ann_files(set: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(set);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "ann"))
        .collect();
    v.sort();
    v
}

fn stem(p: &Path) -> String {
    p.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn annotation_files_parse_and_hold_no_text() {
    for set in SETS {
        let files = ann_files(set);
        assert!(
            files.len() >= 10,
            "{set}: only {} annotation files",
            files.len()
        );
        let mut mentions = 0;
        for f in &files {
            let s = std::fs::read_to_string(f).unwrap();
            let ann = parse(&s).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            assert!(!ann.spans.is_empty(), "{}: no spans", f.display());
            mentions += ann.spans.len();
            // Offsets and labels only: every line past the header is `digits TAB digits TAB LABEL`.
            assert_eq!(text_lines(&s), Vec::<String>::new(), "{}", f.display());
        }
        assert!(mentions >= 500, "{set}: only {mentions} gold mentions");
    }
}

/// The held-out set is independent of the dev set: no article in both.
#[test]
fn the_two_sets_share_no_article() {
    let dev: Vec<String> = ann_files(SETS[0]).iter().map(|p| stem(p)).collect();
    let heldout: Vec<String> = ann_files(SETS[1]).iter().map(|p| stem(p)).collect();
    assert!(!dev.is_empty() && !heldout.is_empty());
    for h in &heldout {
        assert!(!dev.contains(h), "{h} is in both sets");
    }
}

/// Each set is exactly the articles its rule picks from PolNeAR dev sorted by name: every
/// 7th from index 0 (dev set), every 7th from index 3 (held-out set).
#[test]
fn the_sets_are_the_articles_their_rule_picks() {
    let Some(shared) = common::shared() else {
        return;
    };
    let mut all: Vec<String> = std::fs::read_dir(shared.join("data/polnear/dev/text"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| stem(&p))
        .collect();
    all.sort();
    for (set, first) in [(SETS[0], 0), (SETS[1], 3)] {
        let want: Vec<String> = all.iter().skip(first).step_by(7).cloned().collect();
        let have: Vec<String> = ann_files(set).iter().map(|p| stem(p)).collect();
        assert_eq!(have, want, "{set}");
    }
}

#[test]
fn annotations_fit_their_texts() {
    let Some(shared) = common::shared() else {
        return;
    };
    let texts = shared.join("data/polnear/dev/text");
    for f in SETS.iter().flat_map(|set| ann_files(set)) {
        let stem = stem(&f);
        let text = std::fs::read_to_string(texts.join(format!("{stem}.txt")))
            .unwrap_or_else(|e| panic!("{stem}.txt: {e}"));
        // Offsets and labels only, the checksum, the spans, no half words.
        if let Err(bad) = check(&text, &std::fs::read_to_string(&f).unwrap()) {
            panic!("{stem}: {bad:#?}");
        }
    }
}

#[test]
fn problems_are_found() {
    let text = "Mr. Smith went to Paris.";
    let header = format!("# sha256 {}\n", sha256_hex(text.as_bytes()));
    let good = parse(&format!("{header}4\t9\tPER\n18\t23\tLOC\n")).unwrap();
    assert_eq!(problems(text, &good), Vec::<String>::new());
    for (body, what) in [
        ("3\t9\tPER\n", "white space"),
        ("4\t9\tPER\n6\t12\tPER\n", "overlaps"),
        ("18\t23\tLOC\n4\t9\tPER\n", "precedes"),
        ("18\t25\tLOC\n", "past the end"),
        ("9\t9\tPER\n", "empty"),
    ] {
        let ann = parse(&format!("{header}{body}")).unwrap();
        let p = problems(text, &ann);
        assert!(p.iter().any(|x| x.contains(what)), "{body:?}: {p:?}");
    }
    // Half words.
    let half = parse(&format!("{header}5\t9\tPER\n18\t22\tLOC\n")).unwrap();
    let p = word_edge_problems(text, &half);
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(
        p[0].contains("starts inside") && p[1].contains("ends inside"),
        "{p:?}"
    );
    assert!(word_edge_problems(text, &good).is_empty());
    // A changed text is caught by the checksum.
    let p = problems("Mr. Smith went to Paris!", &good);
    assert!(p.iter().any(|x| x.contains("checksum")), "{p:?}");
    // Offsets inside a multi-byte character.
    let t = "Café Noir";
    let h = format!("# sha256 {}\n", sha256_hex(t.as_bytes()));
    let p = problems(t, &parse(&format!("{h}0\t4\tORG\n")).unwrap());
    assert!(p.iter().any(|x| x.contains("char boundaries")), "{p:?}");
    assert!(parse("0\t3\tPER\n").is_err(), "no header");
    assert!(
        parse(&format!("{header}0\t3\tPERSON\n")).is_err(),
        "bad label"
    );
    assert!(
        parse(&format!("{header}0 3 PER\n")).is_err(),
        "spaces, not tabs"
    );
}

#[test]
fn sha256_known_vectors() {
    assert_eq!(
        sha256_hex(b""),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    // Two blocks (56 bytes of message push the length into a second block).
    assert_eq!(
        sha256_hex(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    );
}

fn sp(start: usize, end: usize, label: Label) -> Span {
    Span { start, end, label }
}

/// A hand-made two-document example, counted by hand:
///
/// doc 1 gold: PER 0..5, ORG 10..20, LOC 30..36, MISC 40..48
///       pred: PER 0..5 (correct), LOC 10..20 (type error), LOC 30..35 (boundary error),
///             PER 60..65 (spurious); MISC 40..48 missed.
/// doc 2 gold: PER 0..4, PER 10..14
///       pred: PER 0..4 (correct), PER 10..14 (correct), ORG 20..23 (spurious)
///
/// Exact: gold 6, predicted 7, correct 3 -> P 3/7, R 3/6 = 1/2, F1 = 2*(3/7)(1/2)/(3/7+1/2)
/// = 6/13. Per type: PER gold 3 found 4 correct 3; ORG gold 1 found 1 correct 0; LOC gold 1
/// found 2 correct 0; MISC gold 1 found 0 correct 0. Span-only: boundaries match for PER 0..5,
/// 10..20, PER 0..4, PER 10..14 = 4 -> P 4/7, R 4/6, F1 = 8/13. Confusion: PER->PER 3,
/// ORG->LOC 1.
#[test]
fn scorer_exact_numbers_on_a_hand_made_example() {
    let mut total = Score::default();
    let mut d1 = Score::default();
    d1.add(
        &[
            sp(0, 5, Label::Per),
            sp(10, 20, Label::Org),
            sp(30, 36, Label::Loc),
            sp(40, 48, Label::Misc),
        ],
        &[
            sp(0, 5, Label::Per),
            sp(10, 20, Label::Loc),
            sp(30, 35, Label::Loc),
            sp(60, 65, Label::Per),
        ],
    );
    assert_eq!(d1.totals(), (1, 4, 4));
    total.merge(&d1);
    total.add(
        &[sp(0, 4, Label::Per), sp(10, 14, Label::Per)],
        &[
            sp(0, 4, Label::Per),
            sp(10, 14, Label::Per),
            sp(20, 23, Label::Org),
        ],
    );
    assert_eq!(total.totals(), (3, 7, 6));
    let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
    let (p, r, f) = total.overall();
    assert!(close(p, 3.0 / 7.0) && close(r, 0.5) && close(f, 6.0 / 13.0));
    assert_eq!(total.per_label[0], (3, 4, 3), "PER");
    assert_eq!(total.per_label[1], (0, 1, 1), "ORG");
    assert_eq!(total.per_label[2], (0, 2, 1), "LOC");
    assert_eq!(total.per_label[3], (0, 0, 1), "MISC");
    let (p, r, f) = total.label(Label::Per);
    assert!(
        close(p, 0.75) && close(r, 1.0) && close(f, 6.0 / 7.0),
        "PER {p} {r} {f}"
    );
    assert_eq!(total.label(Label::Misc), (0.0, 0.0, 0.0));
    assert_eq!(total.span_correct, 4);
    let (p, r, f) = total.span_only();
    assert!(close(p, 4.0 / 7.0) && close(r, 4.0 / 6.0) && close(f, 8.0 / 13.0));
    let mut confusion = [[0; 4]; 4];
    confusion[0][0] = 3;
    confusion[1][2] = 1;
    assert_eq!(total.confusion, confusion);
    let report = total.report();
    assert!(report.contains("FB1:  46.15"), "{report}"); // 6/13
    assert!(report.contains("FB1:  61.54"), "{report}"); // 8/13
}

#[test]
fn duplicated_predictions_count_once() {
    let mut s = Score::default();
    s.add(
        &[sp(0, 5, Label::Per)],
        &[sp(0, 5, Label::Per), sp(0, 5, Label::Per)],
    );
    assert_eq!(s.totals(), (1, 1, 1));
    assert_eq!(s.span_correct, 1);
}

#[test]
fn lines_other_than_offsets_and_labels_are_found() {
    let ann = "# sha256 00\n0\t5\tPER\n# Jane Doe said\n\n7\tx\tLOC\n12\t20\tORG\n";
    assert_eq!(
        text_lines(ann),
        vec![
            "# Jane Doe said".to_string(),
            String::new(),
            "7\tx\tLOC".to_string()
        ]
    );
    assert!(text_lines("# sha256 00\n0\t5\tPER\n").is_empty());
}

/// The news training annotations (`tests/news-ner/train/`, read by `cargo xtask train-ner`, and
/// `train/round2/`, read with `--news-round2`): every 20th PolNeAR *train* article by name from
/// the first and from the 11th (never a dev article, so never one of the two check sets), each
/// annotation fitting its text and holding offsets and labels only.
#[test]
fn training_annotations_are_every_twentieth_train_article_and_fit() {
    let Some(shared) = common::shared() else {
        return;
    };
    let texts = shared.join("data/polnear/train/text");
    let mut names: Vec<String> = std::fs::read_dir(&texts)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let picked = |from: usize| -> Vec<String> {
        names
            .iter()
            .skip(from)
            .step_by(20)
            .map(|n| n.trim_end_matches(".txt").to_string())
            .collect()
    };
    let first = ann_files("tests/news-ner/train");
    let second = ann_files("tests/news-ner/train/round2");
    assert_eq!(first.iter().map(|f| stem(f)).collect::<Vec<_>>(), picked(0));
    assert_eq!(
        second.iter().map(|f| stem(f)).collect::<Vec<_>>(),
        picked(10)
    );
    let files: Vec<PathBuf> = first.into_iter().chain(second).collect();
    let check_sets: Vec<String> = SETS
        .iter()
        .flat_map(|set| ann_files(set))
        .map(|f| stem(&f))
        .collect();
    let mut mentions = 0;
    for f in &files {
        let stem = stem(f);
        assert!(!check_sets.contains(&stem), "{stem} is in a check set");
        let text = std::fs::read_to_string(texts.join(format!("{stem}.txt"))).unwrap();
        match check(&text, &std::fs::read_to_string(f).unwrap()) {
            Ok(a) => mentions += a.spans.len(),
            Err(bad) => panic!("{stem}: {bad:#?}"),
        }
    }
    assert!(mentions >= 4500, "only {mentions} training mentions");
}
