//! Named-entity recognition: finds PER, ORG, LOC and MISC mentions in a [`Doc`].
//!
//! A linear-chain model (structured averaged perceptron, trained by `cargo xtask train-ner`)
//! over hashed sparse features ([`features`]), packed into `models/ner.bin` ([`model`]) and
//! decoded with Viterbi under BIO constraints ([`tagger`]).

pub mod features;
pub mod lexicon;
pub mod model;
pub mod score;
mod table;
pub mod tagger;
#[cfg(feature = "train")]
pub mod train;

use crate::entities::{Label, Mention};
use crate::span::Span;
use crate::text::Doc;
pub use model::{Model, ModelError, TAGS};
use std::sync::OnceLock;
pub use tagger::Workspace;

/// The embedded model, written by `cargo xtask train-ner`.
static MODEL_BYTES: &[u8] = include_bytes!("../../models/ner.bin");

static MODEL: OnceLock<Result<Model, ModelError>> = OnceLock::new();

/// The embedded model, loaded and validated once.
pub fn model() -> Result<&'static Model, &'static ModelError> {
    MODEL
        .get_or_init(|| Model::from_bytes(MODEL_BYTES))
        .as_ref()
}

/// The size in bytes of the embedded model.
pub fn model_size() -> usize {
    MODEL_BYTES.len()
}

/// Finds the entity mentions of a document, sorted and non-overlapping.
pub fn recognize(doc: &Doc) -> Vec<Mention> {
    match model() {
        Ok(m) => recognize_with(m, doc),
        Err(_) => Vec::new(),
    }
}

/// [`recognize`] with a given model.
pub fn recognize_with(model: &Model, doc: &Doc) -> Vec<Mention> {
    let sentences: Vec<Vec<&str>> = (0..doc.sentences.len())
        .map(|s| {
            doc.sentence_tokens(s)
                .iter()
                .map(|t| t.span.slice(doc.text))
                .collect()
        })
        .collect();
    let tags = tag_document(model, &sentences);
    let mut mentions = Vec::new();
    for (s, tags) in tags.iter().enumerate() {
        let toks = doc.sentence_tokens(s);
        let mut open: Option<(usize, usize, Label)> = None; // first, last token, label
        let close = |open: &mut Option<(usize, usize, Label)>, out: &mut Vec<Mention>| {
            if let Some((a, b, label)) = open.take() {
                out.push(Mention {
                    span: Span::new(toks[a].span.start, toks[b].span.end),
                    label,
                });
            }
        };
        for (i, &t) in tags.iter().enumerate() {
            let tag = TAGS[t as usize];
            let text = toks[i].span.slice(doc.text);
            let possessive = matches!(text, "'s" | "’s" | "'" | "’");
            if tag == "O" || possessive {
                close(&mut open, &mut mentions);
                continue;
            }
            let label = Label::parse(&tag[2..]).unwrap_or(Label::Misc);
            let continues = tag.starts_with("I-") && open.is_some_and(|(_, _, l)| l == label);
            if continues {
                if let Some(o) = open.as_mut() {
                    o.1 = i;
                }
            } else {
                close(&mut open, &mut mentions);
                open = Some((i, i, label));
            }
        }
        close(&mut open, &mut mentions);
    }
    mentions
}

/// Tags pre-tokenised sentences of one document with IOB2 tags (`O`, `B-PER`, `I-ORG`, …),
/// as `newsmark tag-conll` prints them.
pub fn tag_sentences(sentences: &[Vec<&str>]) -> Vec<Vec<&'static str>> {
    match model() {
        Ok(m) => tag_sentences_with(m, sentences),
        Err(_) => sentences.iter().map(|s| vec!["O"; s.len()]).collect(),
    }
}

/// [`tag_sentences`] with a given model.
pub fn tag_sentences_with<S: AsRef<str>>(
    model: &Model,
    sentences: &[Vec<S>],
) -> Vec<Vec<&'static str>> {
    tag_document(model, sentences)
        .into_iter()
        .map(|s| s.into_iter().map(|t| TAGS[t as usize]).collect())
        .collect()
}

/// Tags the sentences of one document; tag indices into [`TAGS`].
///
/// The document is first cut at CoNLL-style datelines (see [`split_at_datelines`]). Each part
/// is tagged twice: a first pass without document evidence, then a second pass whose features
/// include, for each capitalised word, the labels the first pass gave the same word elsewhere
/// in the part (so that a name keeps one type across an article).
pub fn tag_document<S: AsRef<str>>(model: &Model, sentences: &[Vec<S>]) -> Vec<Vec<u8>> {
    let mut ws = Workspace::new();
    let mut out: Vec<Vec<u8>> = Vec::with_capacity(sentences.len());
    for part in split_at_datelines(sentences) {
        model.tag_part(&sentences[part], &mut ws, &mut out);
    }
    out
}

/// Is this sentence a news dateline (`BRUSSELS 1996-08-22`): at most 8 tokens ending in an
/// ISO date?
fn is_dateline<S: AsRef<str>>(s: &[S]) -> bool {
    let Some(last) = s.last() else {
        return false;
    };
    let b = last.as_ref().as_bytes();
    s.len() <= 8
        && b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// Cuts a run of sentences into articles: a dateline sentence starts a new article together
/// with the sentence (headline) before it. Input without datelines is one part.
pub fn split_at_datelines<T: AsRef<[S]>, S: AsRef<str>>(
    sentences: &[T],
) -> Vec<std::ops::Range<usize>> {
    let mut parts = Vec::new();
    let mut start = 0;
    for i in 2..sentences.len() {
        if is_dateline(sentences[i].as_ref())
            && !is_dateline(sentences[i - 1].as_ref())
            && i - 1 > start
        {
            parts.push(start..i - 1);
            start = i - 1;
        }
    }
    if start < sentences.len() {
        parts.push(start..sentences.len());
    }
    parts
}

/// Document evidence per token from first-pass tags: for a token with an upper-case letter,
/// `1 + label` (PER, ORG, LOC, MISC) of the label the same word (case-insensitive) most often
/// has in the part, plus 4 when it also has another label; 0 when the word is never tagged.
pub fn doc_evidence<S: AsRef<str>>(sentences: &[Vec<S>], tags: &[Vec<u8>]) -> Vec<Vec<u8>> {
    use std::collections::HashMap;
    let key = |t: &str| features::doc_key(t);
    let mut counts: HashMap<u64, [u16; 4]> = HashMap::new();
    for (s, tags) in sentences.iter().zip(tags) {
        for (t, &tag) in s.iter().zip(tags) {
            let t = t.as_ref();
            if tag == 0 || !t.chars().any(char::is_uppercase) {
                continue;
            }
            let c = counts.entry(key(t)).or_insert([0; 4]);
            let l = (tag as usize - 1) / 2;
            c[l] = c[l].saturating_add(1);
        }
    }
    sentences
        .iter()
        .map(|s| {
            s.iter()
                .map(|t| {
                    let t = t.as_ref();
                    if !t.chars().any(char::is_uppercase) {
                        return 0;
                    }
                    match counts.get(&key(t)) {
                        Some(c) => {
                            let mut best = 0;
                            for l in 1..4 {
                                if c[l] > c[best] {
                                    best = l;
                                }
                            }
                            let mixed = c.iter().filter(|&&x| x > 0).count() > 1;
                            1 + best as u8 + if mixed { 4 } else { 0 }
                        }
                        None => 0,
                    }
                })
                .collect()
        })
        .collect()
}
