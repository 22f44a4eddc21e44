//! Cleaning: never panics, the map is exact, words are never glued.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmark::span::Span;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let c = newsmark::clean::clean(text);
    for r in &c.removed {
        assert!(text.get(r.span.start..r.span.end).is_some());
    }
    let all = c.map.to_input(Span::new(0, c.text.len()));
    assert!(all.end <= text.len());
    // Every word of the cleaned text comes from the input.
    let mut at = 0;
    for word in c.text.split_whitespace() {
        let start = at + c.text[at..].find(word).expect("word in text");
        at = start + word.len();
        let input = c.map.to_input(Span::new(start, at));
        assert!(input.start <= input.end && input.end <= text.len());
    }
});
