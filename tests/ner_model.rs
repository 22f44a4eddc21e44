//! Behaviour of the embedded NER model: names in sentences written for this test, robustness,
//! model validation, and accuracy on CoNLL-2003 valid (skipped when ../shared is absent).

use newsmark::entities::{Label, Mention};
use newsmark::ner::score::{read_conll, Scores};
use newsmark::ner::{self, Model, TAGS};
use newsmark::text::Doc;
use std::path::PathBuf;

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
fn embedded_model_loads() {
    let m = ner::model().expect("embedded model loads");
    assert!(m.features() > 10_000);
}

#[test]
fn pompeo_in_baghdad() {
    let ms = mentions("Secretary of State Mike Pompeo met officials in Baghdad.");
    assert!(has(&ms, "Mike Pompeo", Label::Per), "{ms:?}");
    assert!(has(&ms, "Baghdad", Label::Loc), "{ms:?}");
    // The title stays outside the name.
    assert!(!ms.iter().any(|(t, _)| t.contains("Secretary")), "{ms:?}");
}

#[test]
fn names_places_organisations_in_a_story() {
    let text = "The European Commission said on Thursday it disagreed with German advice. \
                Angela Merkel flew to Paris on Monday.";
    let ms = mentions(text);
    assert!(has(&ms, "European Commission", Label::Org), "{ms:?}");
    assert!(has(&ms, "German", Label::Misc), "{ms:?}");
    assert!(has(&ms, "Angela Merkel", Label::Per), "{ms:?}");
    assert!(has(&ms, "Paris", Label::Loc), "{ms:?}");
}

/// Names that CoNLL-2003 train never shows, typed from their GloVe neighbours (the cluster
/// path and the neighbours' type prior of `lexicons/glove_clusters.txt`) when the sentence
/// itself says little: the model without them typed "Pompeo" ORG and "Multnomah" PER.
#[test]
fn unseen_names_are_typed_by_their_glove_neighbours() {
    let ms = mentions("Officials met Pompeo in Brussels on Tuesday.");
    assert!(has(&ms, "Pompeo", Label::Per), "{ms:?}");
    let ms = mentions("Voters in Kenosha and Multnomah were asked.");
    assert!(has(&ms, "Kenosha", Label::Loc), "{ms:?}");
    assert!(has(&ms, "Multnomah", Label::Loc), "{ms:?}");
}

#[test]
fn titles_are_outside_the_span() {
    let ms = mentions("Mr. Dinesh Patel told Judge Richard Berman that Dr. Anna Kowalski was ill.");
    assert!(
        ms.iter().all(|(t, _)| !t.starts_with("Mr.")
            && !t.starts_with("Judge")
            && !t.starts_with("Dr.")),
        "{ms:?}"
    );
    assert!(has(&ms, "Richard Berman", Label::Per), "{ms:?}");
    assert!(has(&ms, "Anna Kowalski", Label::Per), "{ms:?}");
}

#[test]
fn names_after_honorifics_are_people_throughout_the_article() {
    // 2016 US news style ("Mr. Obama"), which the 1996 training news almost never writes.
    let text = "Mr. Obama met Mrs. Clinton on Monday. Obama said the talks went well.\n\n\
                Later, President Obama flew home and Clinton stayed in Ohio.";
    let ms = mentions(text);
    assert!(
        ms.iter().all(|(t, _)| !t.starts_with("Mr.")
            && !t.starts_with("Mrs.")
            && !t.starts_with("President")),
        "{ms:?}"
    );
    let obama: Vec<_> = ms.iter().filter(|(t, _)| t == "Obama").collect();
    assert_eq!(obama.len(), 3, "{ms:?}");
    assert!(obama.iter().all(|(_, l)| *l == Label::Per), "{ms:?}");
    let clinton: Vec<_> = ms.iter().filter(|(t, _)| t == "Clinton").collect();
    assert_eq!(clinton.len(), 2, "{ms:?}");
    assert!(clinton.iter().all(|(_, l)| *l == Label::Per), "{ms:?}");
    assert!(has(&ms, "Ohio", Label::Loc), "{ms:?}");
}

#[test]
fn possessive_is_outside_the_span() {
    let text = "Iran's foreign minister spoke to John Smith's lawyers in London.";
    let ms = mentions(text);
    assert!(ms.iter().all(|(t, _)| !t.ends_with("'s")), "{ms:?}");
    assert!(has(&ms, "Iran", Label::Loc), "{ms:?}");
    assert!(has(&ms, "London", Label::Loc), "{ms:?}");
}

#[test]
fn mentions_are_sorted_non_overlapping_and_on_token_bounds() {
    let text = "President Barack Obama met Chancellor Angela Merkel in Berlin. \
                Obama said the United Nations would act. Merkel agreed.\n\n\
                Reuters reported from New York.";
    let doc = Doc::new(text);
    let ms = ner::recognize(&doc);
    assert!(ms.len() >= 5, "{ms:?}");
    for w in ms.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "{ms:?}");
    }
    for m in &ms {
        assert!(doc.tokens.iter().any(|t| t.span.start == m.span.start));
        assert!(doc.tokens.iter().any(|t| t.span.end == m.span.end));
    }
}

#[test]
fn document_consistency_gives_one_type() {
    // The short form later in the article gets the type of the full name.
    let text = "Gorzelak Wiktorowicz, the new chairman, arrived on Monday. \
                Analysts said Wiktorowicz would cut jobs. Wiktorowicz declined to comment.";
    let ms = mentions(text);
    let types: Vec<Label> = ms
        .iter()
        .filter(|(t, _)| t.contains("Wiktorowicz"))
        .map(|(_, l)| *l)
        .collect();
    assert_eq!(types.len(), 3, "{ms:?}");
    assert!(types.iter().all(|l| *l == types[0]), "{ms:?}");
}

fn valid_iob2(tags: &[&str]) -> bool {
    let mut prev = "O";
    for t in tags {
        if let Some(l) = t.strip_prefix("I-") {
            if prev.get(2..) != Some(l) {
                return false;
            }
        }
        prev = t;
    }
    true
}

#[test]
fn tag_sentences_keeps_lengths_and_iob2() {
    let big = "x".repeat(1 << 20);
    let sentences: Vec<Vec<&str>> = vec![
        vec![
            "EU", "rejects", "German", "call", "to", "boycott", "British", "lamb", ".",
        ],
        vec![],
        vec![
            "",
            "😀",
            "\u{0}",
            big.as_str(),
            "Żółć",
            "'s",
            "--",
            "United",
            "States",
        ],
        vec!["JAPAN", "BEAT", "SYRIA", "2-1", "IN", "ASIAN", "CUP"],
        vec!["Peter", "Blackburn"],
    ];
    let tags = ner::tag_sentences(&sentences);
    assert_eq!(tags.len(), sentences.len());
    for (s, t) in sentences.iter().zip(&tags) {
        assert_eq!(s.len(), t.len());
        assert!(t.iter().all(|x| TAGS.contains(x)));
        assert!(valid_iob2(t), "{t:?}");
    }
    assert_eq!(tags[0][0], "B-ORG");
    assert_eq!(tags[0][2], "B-MISC");
    assert_eq!(tags[4], vec!["B-PER", "I-PER"]);
    // Deterministic.
    assert_eq!(ner::tag_sentences(&sentences), tags);
}

#[test]
fn odd_texts_do_not_panic() {
    let long = "A".repeat(1 << 20);
    for t in [
        "",
        "\n\n",
        "😀 😀 😀",
        "\u{0}\u{0}",
        long.as_str(),
        "'s 's 's",
        "北京 is in China.",
    ] {
        let doc = Doc::new(t);
        for m in ner::recognize(&doc) {
            assert!(m.span.start < m.span.end && m.span.end <= t.len());
        }
    }
}

#[test]
fn corrupt_models_are_rejected() {
    let good = ner::model_bytes();
    assert!(Model::from_bytes(good).is_ok());
    assert!(Model::from_bytes(&good[..good.len() / 2]).is_err());
    assert!(Model::from_bytes(&good[..good.len() - 1]).is_err());
    let mut bad = good.to_vec();
    bad[good.len() / 3] ^= 0x10;
    assert!(Model::from_bytes(&bad).is_err());
    let mut bad = good.to_vec();
    bad[0] = b'X';
    assert!(Model::from_bytes(&bad).is_err());
    assert!(Model::from_bytes(&[0u8; 64]).is_err());
}

fn shared() -> PathBuf {
    std::env::var_os("NEWSMARK_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}

#[test]
fn conll_valid_f1_floor() {
    let path = shared().join("data/conll2003/valid.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("skipped: {} is absent", path.display());
        return;
    };
    let docs = read_conll(&text).expect("valid.txt parses");
    let model = ner::model().expect("model loads");
    let mut scores = Scores::new();
    for doc in &docs {
        let sents: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        let pred = ner::tag_document(model, &sents);
        for (s, p) in doc.iter().zip(&pred) {
            scores.add(&s.tags, p);
        }
    }
    let (_, _, f1) = scores.overall();
    println!("{}", scores.report());
    // Measured 0.9314 with `cargo xtask eval ner` (models/MODEL_CARD.md).
    assert!(f1 > 0.925, "valid F1 {f1}");
    assert!(scores.label("PER").2 > 0.91);
    assert!(scores.label("LOC").2 > 0.92);
    assert!(scores.label("ORG").2 > 0.84);
    assert!(scores.label("MISC").2 > 0.84);
}

#[test]
fn borrowed_and_copied_models_tag_alike() {
    let borrowed = Model::from_static(ner::model_bytes()).unwrap();
    let copied = Model::from_bytes(ner::model_bytes()).unwrap();
    assert_eq!(borrowed.features(), copied.features());
    let sentences = vec![
        "Secretary of State Mike Pompeo flew to Baghdad on Tuesday .",
        "The European Union and Germany 's Volkswagen AG disagreed .",
        "Pompeo met Iraqi officials .",
    ]
    .into_iter()
    .map(|s| s.split(' ').collect::<Vec<&str>>())
    .collect::<Vec<_>>();
    let a = ner::tag_sentences_with(&borrowed, &sentences);
    let b = ner::tag_sentences_with(&copied, &sentences);
    assert_eq!(a, b);
    assert!(a.iter().flatten().any(|t| *t == "B-PER"));
    assert!(a.iter().flatten().any(|t| *t == "B-LOC"));
}

// Organisation names marked by an organisation word (lexicons/org_word.txt) and sentence-
// initial ordinary words (case buckets), in sentences written for this test.

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
