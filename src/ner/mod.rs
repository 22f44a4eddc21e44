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
pub fn tag_document<S: AsRef<str>>(model: &Model, sentences: &[Vec<S>]) -> Vec<Vec<u8>> {
    let mut ws = Workspace::new();
    let mut out = Vec::with_capacity(sentences.len());
    for s in sentences {
        let mut tags = Vec::with_capacity(s.len());
        model.tag_tokens(s, None, &mut ws, &mut tags);
        out.push(tags);
    }
    out
}
