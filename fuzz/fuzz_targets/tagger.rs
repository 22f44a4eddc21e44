//! The tagger on arbitrary tokens: one tag per token, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let sentences: Vec<Vec<&str>> = text
        .split('\n')
        .map(|line| line.split(' ').filter(|t| !t.is_empty()).collect())
        .collect();
    let tags = newsmark::ner::tag_sentences(&sentences);
    assert_eq!(tags.len(), sentences.len());
    for (s, t) in sentences.iter().zip(&tags) {
        assert_eq!(s.len(), t.len());
    }
});
