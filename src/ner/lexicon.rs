//! Gazetteers and word clusters, as the tagger sees them: hashed phrases with a bit mask of the
//! lists that hold them, and hashed lowercased words with cluster codes. Both are packed inside
//! the model file, so that a model and the resources it was trained with never drift apart.

use super::features::{hash_lower, TokInfo, H};
#[cfg(any(test, feature = "train"))]
use super::table::Bytes;
use super::table::PackedTable;
#[cfg(any(test, feature = "train"))]
use std::borrow::Cow;

/// The longest gazetteer phrase, in tokens.
pub const MAX_PHRASE: usize = 6;

/// The case bucket of a word (1..=7, 0 unknown) is stored in the bits from `CASE_SHIFT` of its
/// first cluster code (the codes themselves are below 2^13).
pub const CASE_SHIFT: u32 = 13;

/// Seeds of the token hash used for phrases and clusters.
const SEED_PHRASE_TOKEN: u64 = 77;

/// Lookup structures built from the packed model.
#[derive(Default, Debug)]
pub struct Lexicons {
    /// Phrase hash -> bit mask of the lists that hold the phrase.
    pub(crate) phrases: PackedTable<1>,
    /// Lowercased word hash -> cluster codes, three `u16` little endian.
    pub(crate) words: PackedTable<6>,
}

/// The hash of a lowercased token as the lexicons key it.
#[inline]
pub(crate) fn token_key(token: &str) -> u64 {
    hash_lower(SEED_PHRASE_TOKEN, token)
}

/// The hash of a phrase (a sequence of token keys), as [`Lexicons::mark_sentence`] computes
/// it incrementally.
#[cfg(any(test, feature = "train"))]
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

/// Serialises phrases and words (keys ascending and distinct) as two packed tables; cluster
/// codes are stored as `u16` (they are below 2^13).
pub(crate) fn pack_lexicons(phrases: &[(u32, u8)], words: &[(u32, [u32; 3])], out: &mut Vec<u8>) {
    let p: Vec<(u32, [u8; 1])> = phrases.iter().map(|&(k, m)| (k, [m])).collect();
    PackedTable::<1>::pack(&p, out);
    let w: Vec<(u32, [u8; 6])> = words
        .iter()
        .map(|&(k, c)| {
            let mut v = [0u8; 6];
            for (j, x) in c.iter().enumerate() {
                let x = u16::try_from(*x).unwrap_or(u16::MAX).to_le_bytes();
                v[2 * j..2 * j + 2].copy_from_slice(&x);
            }
            (k, v)
        })
        .collect();
    PackedTable::<6>::pack(&w, out);
}

impl Lexicons {
    pub fn empty() -> Lexicons {
        Lexicons::default()
    }

    /// Builds lexicons from phrase keys with list masks and word keys with cluster codes, in
    /// any order; the masks of a repeated phrase are merged, the first codes of a repeated
    /// word kept.
    #[cfg(any(test, feature = "train"))]
    pub(crate) fn from_parts(phrases: &[(u32, u8)], words: &[(u32, [u32; 3])]) -> Lexicons {
        let mut p: Vec<(u32, u8)> = phrases.iter().copied().filter(|p| p.0 != 0).collect();
        p.sort_by_key(|p| p.0);
        let mut merged: Vec<(u32, u8)> = Vec::with_capacity(p.len());
        for (k, m) in p {
            match merged.last_mut() {
                Some(last) if last.0 == k => last.1 |= m,
                _ => merged.push((k, m)),
            }
        }
        let mut w: Vec<(u32, [u32; 3])> = words.iter().copied().filter(|w| w.0 != 0).collect();
        w.sort_by_key(|w| w.0);
        w.dedup_by_key(|w| w.0);
        let mut out = Vec::new();
        pack_lexicons(&merged, &w, &mut out);
        let mut at = 0;
        let own = |s: &[u8]| -> Bytes { Cow::Owned(s.to_vec()) };
        // Packed just above: reading it back cannot fail.
        let phrases = PackedTable::read(&out, &mut at, &own).unwrap_or_default();
        let words = PackedTable::read(&out, &mut at, &own).unwrap_or_default();
        Lexicons { phrases, words }
    }

    /// Cluster codes of a token (zeros when unknown).
    #[cfg(test)]
    pub(crate) fn cluster_of(&self, token: &str) -> [u32; 3] {
        self.word_of(token).0
    }

    /// Cluster codes and case bucket of a token (zeros when unknown).
    fn word_of(&self, token: &str) -> ([u32; 3], u8) {
        if self.words.is_empty() {
            return ([0; 3], 0);
        }
        match self.words.get(word_key(token)) {
            Some(c) => {
                let mut codes = [0, 2, 4].map(|j| u16::from_le_bytes([c[j], c[j + 1]]) as u32);
                let case = (codes[0] >> CASE_SHIFT) as u8;
                codes[0] &= (1 << CASE_SHIFT) - 1;
                (codes, case)
            }
            None => ([0; 3], 0),
        }
    }

    /// Marks gazetteer matches and cluster codes in a sentence. Bit `3 * list + pos` of
    /// [`TokInfo::gaz`] is set when the token is a one-token match (`pos` 0), the first token of
    /// a longer match (1) or a later token of one (2). Time is linear in the sentence length.
    pub(crate) fn mark_sentence<S: AsRef<str>>(&self, tokens: &[S], info: &mut [TokInfo]) {
        if !self.words.is_empty() {
            for (t, inf) in tokens.iter().zip(info.iter_mut()) {
                (inf.cluster, inf.case) = self.word_of(t.as_ref());
            }
        }
        if self.phrases.is_empty() {
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
                let Some(&[mut mask]) = self.phrases.get(fold(h.finish())) else {
                    continue;
                };
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

#[cfg(test)]
mod tests {
    use super::*;

    fn key(words: &[&str]) -> u32 {
        phrase_key(&words.iter().map(|w| token_key(w)).collect::<Vec<_>>())
    }

    #[test]
    fn phrases_and_clusters_are_marked() {
        let phrases = vec![
            (key(&["New", "York", "City"]), 1 << 2),
            (key(&["York"]), 1 << 1),
        ];
        let toks = ["in", "New", "York", "City", "and", "YORK", "New", "Jersey"];
        let lex = Lexicons::from_parts(&phrases, &[(word_key("city"), [3, 4, 5])]);
        let mut info = vec![TokInfo::default(); toks.len()];
        lex.mark_sentence(&toks, &mut info);
        let gaz: Vec<u32> = info.iter().map(|i| i.gaz).collect();
        // Bit 3 * list + pos: pos 0 one-token match, 1 first token, 2 later token.
        assert_eq!(
            gaz,
            vec![0, 1 << 7, 1 << 8 | 1 << 3, 1 << 8, 0, 1 << 3, 0, 0]
        );
        assert_eq!(info[3].cluster, [3, 4, 5]);
        assert_eq!(info[2].cluster, [0, 0, 0]);
        assert!(Lexicons::empty().cluster_of("city") == [0; 3]);
        // The case bucket rides in the high bits of the first code.
        let words = [
            (word_key("smith"), [5 | 3 << CASE_SHIFT, 6, 7]),
            (word_key("the"), [7 << CASE_SHIFT, 0, 0]),
        ];
        let lex = Lexicons::from_parts(&[], &words);
        assert_eq!(lex.word_of("Smith"), ([5, 6, 7], 3));
        assert_eq!(lex.word_of("THE"), ([0, 0, 0], 7));
        assert_eq!(lex.word_of("unseen"), ([0, 0, 0], 0));
    }
}
