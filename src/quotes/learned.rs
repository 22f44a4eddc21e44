//! A cue table learned from PolNeAR train: for each lowercase word, how often it heads an
//! annotated attribution cue among all its occurrences. PolNeAR counts many verbs the
//! speech lexicon leaves out (`seemed`, `wants`, `support`, `shows`), so in a sentence that
//! no rule attributes, a word with a high rate marks reported speech (see
//! `learned_reports` in [`super`]).
//!
//! `models/quote_cues.tsv` (`word<TAB>cue count<TAB>occurrences`, words with at least
//! [`MIN_COUNT`] occurrences and a rate of at least [`MIN_RATE`]) is written by `cargo
//! xtask train-quotes` with [`train`] (behind the `train` feature): counting only, so it is
//! deterministic.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Occurrences a word needs in training to be listed.
pub const MIN_COUNT: u32 = 8;
/// Lowest rate written to the table (the threshold used is [`super::LEARNED_RATE`]).
pub const MIN_RATE: f32 = 0.2;

const TABLE: &str = include_str!("../../models/quote_cues.tsv");

fn table() -> &'static HashMap<&'static str, f32> {
    static T: OnceLock<HashMap<&'static str, f32>> = OnceLock::new();
    T.get_or_init(|| {
        TABLE
            .lines()
            .filter_map(|l| {
                let mut f = l.split('\t');
                let w = f.next()?;
                let pos: f32 = f.next()?.parse().ok()?;
                let occ: f32 = f.next()?.parse().ok()?;
                (occ > 0.0).then_some((w, pos / occ))
            })
            .collect()
    })
}

/// How often `word` (as written: a lowercase word) headed a cue in training, if listed.
pub fn cue_rate(word: &str) -> Option<f32> {
    if word.len() > 24 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    table().get(word).copied()
}

/// Counts, over `docs` (text and the byte offsets where annotated cues start), how often each
/// all-lowercase word token starts a cue; returns the table file (sorted by word).
#[cfg(feature = "train")]
pub fn train(docs: &[(String, Vec<usize>)]) -> String {
    use crate::text::{Doc, TokenKind};
    use std::collections::BTreeMap;
    let mut counts: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for (text, starts) in docs {
        let mut starts = starts.clone();
        starts.sort_unstable();
        let doc = Doc::new(text);
        for t in &doc.tokens {
            if t.kind != TokenKind::Word {
                continue;
            }
            let w = t.span.slice(text);
            if w.len() > 24 || !w.bytes().all(|b| b.is_ascii_lowercase()) {
                continue;
            }
            let e = counts.entry(w.to_string()).or_default();
            e.1 += 1;
            if starts.binary_search(&t.span.start).is_ok() {
                e.0 += 1;
            }
        }
    }
    let mut out = String::new();
    for (w, (pos, occ)) in counts {
        if occ >= MIN_COUNT && pos as f32 >= MIN_RATE * occ as f32 {
            out.push_str(&format!("{w}\t{pos}\t{occ}\n"));
        }
    }
    out
}
