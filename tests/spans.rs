//! Every span of every result slices to its text, in every unit, for random and
//! adversarial input.

mod common;

use common::check_spans;
use newsmark::{analyze, Options, Unit};
use proptest::prelude::*;

const UNITS: [Unit; 3] = [Unit::Utf8, Unit::Utf16, Unit::Chars];

fn check_all_units(input: &str) {
    for clean in [true, false] {
        for unit in UNITS {
            let options = Options {
                clean,
                offsets: unit,
                ..Options::default()
            };
            let a = analyze(input, &options).expect("analyze returns");
            if !clean {
                assert_eq!(a.text, input);
            }
            check_spans(input, &a);
        }
    }
}

const PIECES: &[&str] = &[
    "Mike Pompeo",
    " said",
    " \"",
    "“",
    "”",
    "«",
    "»",
    "'",
    "’",
    "—",
    "–",
    "😀",
    "👩‍👩‍👧",
    "日本語",
    "e\u{301}",
    "\u{a0}",
    "\u{200b}",
    "\u{ad}",
    "\u{feff}",
    "\n",
    "\n\n",
    "\r\n",
    " ",
    ".",
    ",",
    "[ad_1]",
    "Source link",
    "Reuters",
    "Baghdad",
    "he",
    "(Jane Roe / Reuters)",
    "\u{0}",
    "\t",
    "U.S.",
    "Mr.",
    "\u{2028}",
    "\u{fffd}",
    "Ünïcödé",
    "ﬁ",
    "\u{1f1fa}\u{1f1f8}",
    "&amp;",
    "&#8220;",
    "&#8221;",
    "&nbsp;",
    "L&oacute;pez",
    "&#x1F600;",
];

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(PIECES).prop_map(str::to_string),
            "\\PC{0,12}",
            any::<String>(),
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn spans_slice_in_every_unit(input in article()) {
        check_all_units(&input);
    }
}

#[test]
fn adversarial_inputs_return_valid_spans() {
    let long_word = "a".repeat(1 << 20);
    let quotes = "\"".repeat(100_001);
    let balanced = "\"a\" ".repeat(25_000);
    let nested = "“‘«".repeat(5_000);
    let newlines = "\n".repeat(100_000);
    let spaces: String = (0u32..0x3000)
        .filter_map(char::from_u32)
        .filter(|c| c.is_whitespace() || c.is_control())
        .collect();
    let nul = "Pompeo\0said\0\"x\"".repeat(100);
    let emoji = "“😀 said 日本語 e\u{301} — ”he said. ".repeat(200);
    for input in [
        "",
        " ",
        "\"",
        "“",
        long_word.as_str(),
        quotes.as_str(),
        balanced.as_str(),
        nested.as_str(),
        newlines.as_str(),
        spaces.as_str(),
        nul.as_str(),
        emoji.as_str(),
    ] {
        check_all_units(input);
    }
}

#[test]
fn unknown_options_are_rejected() {
    let err = serde_json::from_str::<Options>(r#"{"clean": true, "colour": "red"}"#);
    assert!(err.is_err());
    let err = serde_json::from_str::<Options>(r#"{"offsets": "utf32"}"#);
    assert!(err.is_err());
    let ok: Options = serde_json::from_str(r#"{"offsets": "chars"}"#).unwrap();
    assert_eq!(ok.offsets, Unit::Chars);
    assert!(ok.clean && ok.entities && ok.quotes);
}

#[test]
fn input_too_large_is_an_error() {
    let big = "a ".repeat(newsmark::MAX_INPUT_BYTES / 2 + 1);
    assert!(matches!(
        analyze(&big, &Options::default()),
        Err(newsmark::Error::InputTooLarge { .. })
    ));
}

#[test]
fn min_confidence_outside_zero_to_one_is_an_options_error() {
    for c in [-0.01, 1.01, f32::NAN, f32::INFINITY] {
        let options = Options {
            min_confidence: c,
            ..Options::default()
        };
        assert!(
            matches!(
                analyze("Hi.", &options),
                Err(newsmark::Error::InvalidOptions(_))
            ),
            "{c}"
        );
    }
    for c in [0.0, 0.5, 1.0] {
        let options = Options {
            min_confidence: c,
            ..Options::default()
        };
        assert!(analyze("Hi.", &options).is_ok(), "{c}");
    }
}

#[test]
fn character_references_are_read_and_located() {
    // A WordPress feed's text: its curly quotes are references, and so is an accent.
    let input = "&#8220;We will stay,&#8221; said Ana L&oacute;pez, the union&rsquo;s leader.\n";
    let options = Options {
        offsets: Unit::Utf16,
        ..Options::default()
    };
    let a = analyze(input, &options).unwrap();
    check_spans(input, &a);
    assert_eq!(
        a.text,
        "“We will stay,” said Ana López, the union’s leader."
    );
    let q = a.quotes.first().expect("a quote");
    let text16: Vec<u16> = a.text.encode_utf16().collect();
    let c = &q.content[0];
    assert_eq!(
        String::from_utf16(&text16[c.start..c.end]).unwrap(),
        "We will stay,"
    );
    let s = q.speaker.as_ref().unwrap();
    assert_eq!(s.text, "Ana López");
    let utf16: Vec<u16> = input.encode_utf16().collect();
    let original = String::from_utf16(&utf16[s.input_start..s.input_end]).unwrap();
    assert_eq!(original, "Ana L&oacute;pez");
}
