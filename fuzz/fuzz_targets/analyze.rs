//! `analyze` in every unit: never panics, and every span slices to its text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmark::{analyze, Options, Unit};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for (clean, unit) in [(true, Unit::Utf8), (false, Unit::Utf8), (true, Unit::Utf16)] {
        let options = Options { clean, offsets: unit, ..Options::default() };
        let a = analyze(text, &options).expect("analyze");
        if unit == Unit::Utf8 {
            for m in &a.mentions {
                assert_eq!(&a.text[m.start..m.end], m.text);
                assert!(text.get(m.input_start..m.input_end).is_some());
            }
            for r in &a.removed {
                assert_eq!(&text[r.start..r.end], r.text);
            }
            for q in &a.quotes {
                for c in &q.content {
                    assert!(a.text.get(c.start..c.end).is_some());
                    assert!(text.get(c.input_start..c.input_end).is_some());
                }
            }
        }
    }
});
