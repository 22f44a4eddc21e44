//! Cleaning fixtures written for this repo: `tests/fixtures/clean/NAME.in.txt` is cleaned
//! and compared with `NAME.out.txt` (the cleaned text) and `NAME.removed.txt` (one
//! `reason<TAB>text` line per removal, in input order).

use newsmark::clean::{clean, Cleaned};
use std::fs;
use std::path::Path;

fn fixture_names() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("fixtures directory")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".in.txt"))
                .map(str::to_string)
        })
        .collect();
    names.sort();
    names
}

fn read(name: &str, ext: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/clean")
        .join(format!("{name}.{ext}"));
    fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn removed_lines(input: &str, c: &Cleaned) -> Vec<String> {
    c.removed
        .iter()
        .map(|r| format!("{}\t{}", r.reason.name(), &input[r.span.start..r.span.end]))
        .collect()
}

#[test]
fn clean_fixtures_match_expected_text_and_removals() {
    let names = fixture_names();
    assert!(names.len() >= 5, "fixtures missing: {names:?}");
    for name in names {
        let input = read(&name, "in.txt");
        let c = clean(&input);
        let want = read(&name, "out.txt");
        assert_eq!(c.text, want.trim_end(), "cleaned text of fixture {name}");
        let want_removed: Vec<String> = read(&name, "removed.txt")
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        assert_eq!(
            removed_lines(&input, &c),
            want_removed,
            "removals of fixture {name}"
        );
        for r in &c.removed {
            assert!(
                !r.rule.is_empty() && r.rule.contains('.'),
                "rule id {:?}",
                r.rule
            );
        }
    }
}

#[test]
fn clean_fixture_rules_are_reported() {
    let input = read("blog", "in.txt");
    let c = clean(&input);
    let rules: Vec<&str> = c.removed.iter().map(|r| r.rule).collect();
    assert!(rules.contains(&"marker.shortcode"), "{rules:?}");
    assert!(rules.contains(&"marker.source_link"), "{rules:?}");
    assert!(rules.contains(&"related.list_item"), "{rules:?}");
    assert!(rules.contains(&"media.tweet_markup"), "{rules:?}");
}
