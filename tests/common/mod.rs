//! Helpers for integration tests.
#![allow(dead_code)]

use newsmark::{Analysis, Unit};
use std::path::PathBuf;

/// `../shared` beside the repository, or `None` (with a message) when it is absent.
pub fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("NEWSMARK_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} not found", dir.display());
        None
    }
}

/// Slices `s` by offsets in `unit`.
pub fn slice(s: &str, unit: Unit, start: usize, end: usize) -> String {
    assert!(start <= end, "start {start} > end {end}");
    match unit {
        Unit::Utf8 => s[start..end].to_string(),
        Unit::Utf16 => {
            let units: Vec<u16> = s.encode_utf16().collect();
            String::from_utf16(&units[start..end]).expect("span cuts a surrogate pair")
        }
        Unit::Chars => s.chars().skip(start).take(end - start).collect(),
    }
}

/// Checks every span of a result against the cleaned text and the input.
pub fn check_spans(input: &str, a: &Analysis) {
    let u = a.offsets;
    let len = |s: &str| match u {
        Unit::Utf8 => s.len(),
        Unit::Utf16 => s.encode_utf16().count(),
        Unit::Chars => s.chars().count(),
    };
    let (tlen, ilen) = (len(&a.text), len(input));
    for r in &a.removed {
        assert!(r.end <= ilen);
        assert_eq!(slice(input, u, r.start, r.end), r.text, "removed {r:?}");
    }
    for p in &a.paragraphs {
        assert!(p.end <= tlen && p.input_end <= ilen && p.start < p.end);
        slice(&a.text, u, p.start, p.end);
        slice(input, u, p.input_start, p.input_end);
    }
    for m in &a.mentions {
        assert_eq!(slice(&a.text, u, m.start, m.end), m.text, "mention {m:?}");
        assert!(m.input_end <= ilen);
        let original = slice(input, u, m.input_start, m.input_end);
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
            slice(&a.text, u, c.start, c.end);
            slice(input, u, c.input_start, c.input_end);
        }
        if let Some(c) = &q.cue {
            assert_eq!(slice(&a.text, u, c.start, c.end), c.text);
        }
        if let Some(s) = &q.speaker {
            assert_eq!(slice(&a.text, u, s.start, s.end), s.text);
            if let Some(e) = s.entity {
                assert!(e < a.entities.len());
            }
        }
    }
}
