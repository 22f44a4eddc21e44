//! Gazetteers and word clusters, as the tagger sees them: hashed phrases with a bit mask of the
//! lists that hold them, and hashed lowercased words with cluster codes. Both are packed inside
//! the model file, so that a model and the resources it was trained with never drift apart.

use super::features::{hash_lower, TokInfo, H};
use super::table::Table;

/// The longest gazetteer phrase, in tokens.
pub const MAX_PHRASE: usize = 6;

/// Seeds of the token hash used for phrases and clusters.
const SEED_PHRASE_TOKEN: u64 = 77;

/// Lookup structures built from the packed model.
#[derive(Default, Debug)]
pub struct Lexicons {
    /// Phrase hash -> index into `masks`.
    phrases: Table,
    masks: Vec<u8>,
    /// Lowercased word hash -> index into `clusters`.
    words: Table,
    codes: Vec<[u32; 3]>,
}

/// The hash of a lowercased token as the lexicons key it.
#[inline]
pub(crate) fn token_key(token: &str) -> u64 {
    hash_lower(SEED_PHRASE_TOKEN, token)
}

/// The hash of a phrase (a sequence of token keys), as [`Lexicons::mark_sentence`] computes
/// it incrementally.
#[cfg(feature = "train")]
pub(crate) fn phrase_key(keys: &[u64]) -> u32 {
    let mut h = H::new(91);
    for &k in keys {
        h = h.add(k);
    }
    fold(h.finish())
}

/// The key of a word in the cluster table: lowercased, digits mapped to `0`.
pub(crate) fn word_key(token: &str) -> u32 {
    let mut h = H::new(SEED_PHRASE_TOKEN + 1);
    for c in token.chars() {
        if c.is_ascii_digit() {
            h = h.ch('0');
        } else if c.is_ascii() {
            h = h.ch(c.to_ascii_lowercase());
        } else {
            h = c.to_lowercase().fold(h, H::ch);
        }
    }
    fold(h.finish())
}

#[inline]
fn fold(h: u64) -> u32 {
    ((h ^ (h >> 32)) as u32).max(1)
}

impl Lexicons {
    pub fn empty() -> Lexicons {
        Lexicons::default()
    }

    /// Builds lexicons from phrase keys with list masks and word keys with cluster codes.
    pub(crate) fn from_parts(phrases: &[(u32, u8)], words: &[(u32, [u32; 3])]) -> Lexicons {
        let mut lex = Lexicons {
            phrases: Table::with_capacity(phrases.len()),
            ..Lexicons::default()
        };
        for &(k, m) in phrases {
            match lex.phrases.get(k) {
                Some(i) => lex.masks[i as usize] |= m,
                None => {
                    lex.phrases.insert(k, lex.masks.len() as u32);
                    lex.masks.push(m);
                }
            }
        }
        lex.words = Table::with_capacity(words.len());
        for &(k, c) in words {
            if lex.words.get(k).is_none() {
                lex.words.insert(k, lex.codes.len() as u32);
                lex.codes.push(c);
            }
        }
        lex
    }

    /// Cluster codes of a token (zeros when unknown).
    pub(crate) fn cluster_of(&self, token: &str) -> [u32; 3] {
        if self.codes.is_empty() {
            return [0; 3];
        }
        match self.words.get(word_key(token)) {
            Some(i) => self.codes[i as usize],
            None => [0; 3],
        }
    }

    /// Marks gazetteer matches and cluster codes in a sentence. Bit `3 * list + pos` of
    /// [`TokInfo::gaz`] is set when the token is a one-token match (`pos` 0), the first token of
    /// a longer match (1) or a later token of one (2). Time is linear in the sentence length.
    pub(crate) fn mark_sentence<S: AsRef<str>>(&self, tokens: &[S], info: &mut [TokInfo]) {
        if !self.codes.is_empty() {
            for (t, inf) in tokens.iter().zip(info.iter_mut()) {
                inf.cluster = self.cluster_of(t.as_ref());
            }
        }
        if self.masks.is_empty() {
            return;
        }
        let mut keys = [0u64; MAX_PHRASE];
        let mut filled = 0;
        for i in 0..tokens.len() {
            let max = MAX_PHRASE.min(tokens.len() - i);
            // keys[j % MAX_PHRASE] holds the key of token j; fill up to i + max.
            while filled < i + max {
                keys[filled % MAX_PHRASE] = token_key(tokens[filled].as_ref());
                filled += 1;
            }
            let mut h = H::new(91);
            for len in 1..=max {
                h = h.add(keys[(i + len - 1) % MAX_PHRASE]);
                let Some(idx) = self.phrases.get(fold(h.finish())) else {
                    continue;
                };
                let mut mask = self.masks[idx as usize];
                while mask != 0 {
                    let list = mask.trailing_zeros();
                    mask &= mask - 1;
                    if len == 1 {
                        info[i].gaz |= 1 << (3 * list);
                    } else {
                        info[i].gaz |= 1 << (3 * list + 1);
                        for inf in &mut info[i + 1..i + len] {
                            inf.gaz |= 1 << (3 * list + 2);
                        }
                    }
                }
            }
        }
    }
}
