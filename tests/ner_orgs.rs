//! Organisation names marked by an organisation word (lexicons/org_word.txt) and sentence-
//! initial ordinary words (case buckets), in sentences written for this test.

use newsmark::entities::{Label, Mention};
use newsmark::ner;
use newsmark::text::Doc;

fn mentions(text: &str) -> Vec<(String, Label)> {
    let doc = Doc::new(text);
    let ms: Vec<Mention> = ner::recognize(&doc);
    ms.iter()
        .map(|m| (m.span.slice(text).to_string(), m.label))
        .collect()
}

fn has(ms: &[(String, Label)], text: &str, label: Label) -> bool {
    ms.iter().any(|(t, l)| t == text && *l == label)
}

#[test]
fn invented_names_with_an_organisation_word_are_organisations() {
    let text = "Shares of Varnhold Kessler Holdings fell 4 percent on Tuesday, and the \
                Brenmoor Teachers Union said it would strike. Pellaton University said \
                nothing.";
    let ms = mentions(text);
    assert!(has(&ms, "Varnhold Kessler Holdings", Label::Org), "{ms:?}");
    assert!(has(&ms, "Brenmoor Teachers Union", Label::Org), "{ms:?}");
    assert!(has(&ms, "Pellaton University", Label::Org), "{ms:?}");
    assert!(!ms.iter().any(|(_, l)| *l == Label::Per), "{ms:?}");
    // The model before the organisation words typed this one MISC.
    let ms =
        mentions("Analysts at Quarrington Securities said Tamsworth Energy shares would rise.");
    assert!(has(&ms, "Quarrington Securities", Label::Org), "{ms:?}");
    assert!(has(&ms, "Tamsworth Energy", Label::Org), "{ms:?}");
}

#[test]
fn ordinary_words_opening_a_sentence_stay_outside_names() {
    let text = "Although Dunwiddie denied it, the talks failed. Meanwhile Dunwiddie flew \
                to Lisbon. Dunwiddie said little.";
    let ms = mentions(text);
    assert!(
        !ms.iter()
            .any(|(t, _)| t.starts_with("Although") || t.starts_with("Meanwhile")),
        "{ms:?}"
    );
    assert!(has(&ms, "Lisbon", Label::Loc), "{ms:?}");
    let n = ms.iter().filter(|(t, _)| t == "Dunwiddie").count();
    assert_eq!(n, 3, "{ms:?}");
}
