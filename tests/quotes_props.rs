//! Property tests: quote extraction never panics and every span it returns is valid, for
//! random and adversarial strings rich in quote marks, cues and line breaks.

use newsmark::entities::{self, Label, Mention};
use newsmark::quotes;
use newsmark::span::Span;
use newsmark::text::Doc;
use proptest::prelude::*;

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("'".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("„".to_string()),
        Just("''".to_string()),
        Just("``".to_string()),
        Just(" said ".to_string()),
        Just(" he ".to_string()),
        Just(" according to ".to_string()),
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just(":".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just(" — ".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("Mr. Smith".to_string()),
        Just("the official".to_string()),
        "[a-zA-Z]{1,8}",
        "\\PC{1,3}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn spans_are_valid(parts in proptest::collection::vec(piece(), 0..60)) {
        let text: String = parts.concat();
        let doc = Doc::new(&text);
        // Hand-made mentions on capitalised words, so that entity ids are exercised too.
        let mut mentions = Vec::new();
        for t in &doc.tokens {
            let s = t.span.slice(&text);
            if s.chars().next().is_some_and(char::is_uppercase) && s.len() > 2 {
                mentions.push(Mention { span: Span::new(t.span.start, t.span.end), label: Label::Per });
            }
        }
        let (ents, of) = entities::group(&doc, &mentions);
        prop_assert_eq!(of.len(), mentions.len());
        let qs = quotes::extract(&doc, &mentions, &ents, &of);
        for q in &qs {
            prop_assert!(!q.content.is_empty());
            for c in &q.content {
                prop_assert!(c.start < c.end && c.end <= text.len());
                prop_assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
            }
            if let Some(c) = q.cue {
                prop_assert!(c.start < c.end && c.end <= text.len());
            }
            if let Some(s) = q.speaker {
                prop_assert!(s.span.start < s.span.end && s.span.end <= text.len());
                if let Some(e) = s.entity {
                    prop_assert!(e < ents.len());
                }
            }
            prop_assert!((0.0..=1.0).contains(&q.confidence));
        }
        for m in quotes::marks::find(&text) {
            for p in &m.pieces {
                prop_assert!(p.start < p.end && p.end <= text.len());
                // A piece never crosses a paragraph break.
                prop_assert!(!p.slice(&text).contains("\n\n"));
            }
        }
    }
}
