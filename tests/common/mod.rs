//! Helpers for integration tests.
#![allow(dead_code)]

use newsmark::{Analysis, Unit};
use std::path::PathBuf;

/// `../shared` beside the repository, or `None` (with a message) when it is absent.
pub fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("NEWSMARK_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    present(dir.is_dir(), dir, "")
}

/// `dir` when `found`; otherwise `None` and a "skipped" message, so that a plain `cargo test`
/// runs on a machine without the data. With `NEWSMARK_REQUIRE_DATA` set (`cargo xtask test`,
/// hence CI, sets it) a missing data set fails the test instead of skipping it.
pub fn present(found: bool, dir: PathBuf, hint: &str) -> Option<PathBuf> {
    if found {
        return Some(dir);
    }
    let message = format!("{} not found{hint}", dir.display());
    assert!(
        std::env::var_os("NEWSMARK_REQUIRE_DATA").is_none(),
        "{message} (NEWSMARK_REQUIRE_DATA is set)"
    );
    eprintln!("skipped: {message}");
    None
}

/// Slices a text by offsets in one unit, in O(span length) after O(text) set-up.
pub struct Slicer<'a> {
    text: &'a str,
    unit: Unit,
    /// Byte offset of each unit boundary (utf16: per code unit; chars: per scalar value).
    bytes_at: Vec<usize>,
}

impl<'a> Slicer<'a> {
    pub fn new(text: &'a str, unit: Unit) -> Slicer<'a> {
        let mut bytes_at = Vec::new();
        if unit != Unit::Utf8 {
            for (b, c) in text.char_indices() {
                bytes_at.push(b);
                if unit == Unit::Utf16 && c.len_utf16() == 2 {
                    bytes_at.push(usize::MAX); // the middle of a surrogate pair
                }
            }
            bytes_at.push(text.len());
        }
        Slicer {
            text,
            unit,
            bytes_at,
        }
    }

    pub fn len(&self) -> usize {
        match self.unit {
            Unit::Utf8 => self.text.len(),
            _ => self.bytes_at.len() - 1,
        }
    }

    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        assert!(
            start <= end && end <= self.len(),
            "span {start}..{end} out of 0..{}",
            self.len()
        );
        let (s, e) = match self.unit {
            Unit::Utf8 => (start, end),
            _ => (self.bytes_at[start], self.bytes_at[end]),
        };
        assert!(
            s != usize::MAX && e != usize::MAX,
            "span {start}..{end} cuts a surrogate pair"
        );
        self.text.get(s..e).expect("span on char boundaries")
    }
}

/// Slices `s` by offsets in `unit`.
pub fn slice(s: &str, unit: Unit, start: usize, end: usize) -> String {
    Slicer::new(s, unit).slice(start, end).to_string()
}

/// Checks every span of a result against the cleaned text and the input.
pub fn check_spans(input: &str, a: &Analysis) {
    let u = a.offsets;
    let text = Slicer::new(&a.text, u);
    let inp = Slicer::new(input, u);
    let (tlen, ilen) = (text.len(), inp.len());
    for r in &a.removed {
        assert!(r.end <= ilen);
        assert_eq!(inp.slice(r.start, r.end), r.text, "removed {r:?}");
    }
    for p in &a.paragraphs {
        assert!(p.end <= tlen && p.input_end <= ilen && p.start < p.end);
        text.slice(p.start, p.end);
        inp.slice(p.input_start, p.input_end);
    }
    for m in &a.mentions {
        assert_eq!(text.slice(m.start, m.end), m.text, "mention {m:?}");
        let original = inp.slice(m.input_start, m.input_end);
        assert!(!original.trim().is_empty(), "mention {m:?} maps to nothing");
        assert!(m.entity < a.entities.len());
    }
    for (i, e) in a.entities.iter().enumerate() {
        assert_eq!(e.id, i);
        for &m in &e.mentions {
            assert_eq!(a.mentions[m].entity, i);
        }
    }
    for q in &a.quotes {
        assert!(!q.content.is_empty());
        for c in &q.content {
            assert!(c.start <= c.end && c.end <= tlen && c.input_end <= ilen);
            text.slice(c.start, c.end);
            inp.slice(c.input_start, c.input_end);
        }
        if let Some(c) = &q.cue {
            assert_eq!(text.slice(c.start, c.end), c.text);
        }
        if let Some(s) = &q.speaker {
            assert_eq!(text.slice(s.start, s.end), s.text);
            if let Some(e) = s.entity {
                assert!(e < a.entities.len());
            }
        }
    }
}
