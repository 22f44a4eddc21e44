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

/// Cluster codes per word: three path prefixes (4, 8, 12 bits) of each of two clusterings.
pub const CLUSTERS: usize = 6;

/// The longest cluster path kept, in bits.
pub const PATH_BITS: u32 = 12;

/// What the lexicons know of a word: its paths in two binary cluster hierarchies and its case
/// bucket, stored in the model as one `u32` (see [`WordCodes::pack`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordCodes {
    /// Path in the clusters of the unlabelled text, as its bits after a leading 1 (`1` is the
    /// empty path, 0 no path; see [`WordCodes::path`]).
    pub ppmi: u32,
    /// Path in the GloVe clusters, likewise; stored with exactly [`PATH_BITS`] bits (a shorter
    /// path is padded with zeros).
    pub glove: u32,
    /// The type prior of the word's GloVe neighbours (0..=8, see `cargo xtask glove-clusters`);
    /// only stored with a GloVe path.
    pub prior: u8,
    /// How often the word is written in lower case in unlabelled text: 1..=7, 0 unknown.
    pub case: u8,
}

/// Bits of a stored path code: a leading 1, then up to [`PATH_BITS`] bits.
const CODE_BITS: u32 = PATH_BITS + 1;

impl WordCodes {
    /// The code of a path given as a string of `0` and `1` (other characters ignored), cut at
    /// [`PATH_BITS`]: its bits after a leading 1.
    pub fn path(bits: &str) -> u32 {
        bits.chars()
            .filter(|c| matches!(c, '0' | '1'))
            .take(PATH_BITS as usize)
            .fold(1, |p, c| p << 1 | u32::from(c == '1'))
    }

    /// Bits 0..13 the first path code; 13..25 the GloVe path's bits; 25..29 0 when there is
    /// no GloVe path, else 1 + the prior; 29..32 the case bucket.
    pub(crate) fn pack(self) -> [u8; 4] {
        let ppmi = if self.ppmi >> CODE_BITS == 0 {
            self.ppmi
        } else {
            0
        };
        let (glove, tag) = match self.glove {
            0 => (0, 0),
            g => {
                let len = (31 - g.leading_zeros()).min(PATH_BITS);
                let bits = (g << (PATH_BITS - len)) & ((1 << PATH_BITS) - 1);
                (bits, 1 + u32::from(self.prior.min(14)))
            }
        };
        (ppmi | glove << CODE_BITS | tag << 25 | u32::from(self.case & 7) << 29).to_le_bytes()
    }

    fn unpack(b: [u8; 4]) -> WordCodes {
        let v = u32::from_le_bytes(b);
        let tag = v >> 25 & 15;
        WordCodes {
            ppmi: v & ((1 << CODE_BITS) - 1),
            glove: if tag == 0 {
                0
            } else {
                1 << PATH_BITS | (v >> CODE_BITS & ((1 << PATH_BITS) - 1))
            },
            prior: tag.saturating_sub(1) as u8,
            case: (v >> 29) as u8,
        }
    }

    /// The prefixes of 4, 8 and 12 bits of each path, as path codes (0 when there is no path).
    pub(crate) fn prefixes(self) -> [u32; CLUSTERS] {
        let pre = |c: u32, len: u32| -> u32 {
            if c == 0 {
                return 0;
            }
            let have = 31 - c.leading_zeros();
            c >> have.saturating_sub(len)
        };
        [
            pre(self.ppmi, 4),
            pre(self.ppmi, 8),
            pre(self.ppmi, 12),
            pre(self.glove, 4),
            pre(self.glove, 8),
            pre(self.glove, 12),
        ]
    }
}

/// Seeds of the token hash used for phrases and clusters.
const SEED_PHRASE_TOKEN: u64 = 77;

/// Lookup structures built from the packed model.
#[derive(Default, Debug)]
pub struct Lexicons {
    /// Phrase hash -> bit mask of the lists that hold the phrase.
    pub(crate) phrases: PackedTable<1>,
    /// Lowercased word hash -> [`WordCodes`], packed.
    pub(crate) words: PackedTable<4>,
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

/// Serialises phrases and words (keys ascending and distinct) as two packed tables.
pub(crate) fn pack_lexicons(phrases: &[(u32, u8)], words: &[(u32, WordCodes)], out: &mut Vec<u8>) {
    let p: Vec<(u32, [u8; 1])> = phrases.iter().map(|&(k, m)| (k, [m])).collect();
    PackedTable::<1>::pack(&p, out);
    let w: Vec<(u32, [u8; 4])> = words.iter().map(|&(k, c)| (k, c.pack())).collect();
    PackedTable::<4>::pack(&w, out);
}

impl Lexicons {
    pub fn empty() -> Lexicons {
        Lexicons::default()
    }

    /// Builds lexicons from phrase keys with list masks and word keys with cluster codes, in
    /// any order; the masks of a repeated phrase are merged, the first codes of a repeated
    /// word kept.
    #[cfg(any(test, feature = "train"))]
    pub(crate) fn from_parts(phrases: &[(u32, u8)], words: &[(u32, WordCodes)]) -> Lexicons {
        let mut p: Vec<(u32, u8)> = phrases.iter().copied().filter(|p| p.0 != 0).collect();
        p.sort_by_key(|p| p.0);
        let mut merged: Vec<(u32, u8)> = Vec::with_capacity(p.len());
        for (k, m) in p {
            match merged.last_mut() {
                Some(last) if last.0 == k => last.1 |= m,
                _ => merged.push((k, m)),
            }
        }
        let mut w: Vec<(u32, WordCodes)> = words.iter().copied().filter(|w| w.0 != 0).collect();
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

    /// The lists (a bit per list) that hold the whole phrase `tokens`, matched as
    /// [`Lexicons::mark_sentence`] matches them (case-insensitively); 0 for none.
    pub(crate) fn lists_of<S: AsRef<str>>(&self, tokens: &[S]) -> u8 {
        if tokens.is_empty() || tokens.len() > MAX_PHRASE {
            return 0;
        }
        let mut h = H::new(91);
        for t in tokens {
            h = h.add(token_key(t.as_ref()));
        }
        self.phrases.get(fold(h.finish())).map_or(0, |&[mask]| mask)
    }

    /// Cluster codes of a token (zeros when unknown).
    #[cfg(test)]
    pub(crate) fn cluster_of(&self, token: &str) -> [u32; CLUSTERS] {
        self.word_of(token).0
    }

    /// How often the unlabelled text writes the token in lower case: its case bucket, 1
    /// (never) to 7 (always); 0 when unknown.
    pub(crate) fn case_of(&self, token: &str) -> u8 {
        self.word_of(token).1
    }

    /// The type prior of a token's GloVe neighbours ([`WordCodes::prior`]: 0 unknown or O,
    /// 1 + 2 × label, + 1 when strong; PER is 1 or 2).
    pub(crate) fn prior_of(&self, token: &str) -> u8 {
        self.word_of(token).2
    }

    /// Cluster codes, case bucket and type prior of a token (zeros when unknown).
    fn word_of(&self, token: &str) -> ([u32; CLUSTERS], u8, u8) {
        if self.words.is_empty() {
            return ([0; CLUSTERS], 0, 0);
        }
        match self.words.get(word_key(token)) {
            Some(c) => {
                let w = WordCodes::unpack(*c);
                (w.prefixes(), w.case, w.prior)
            }
            None => ([0; CLUSTERS], 0, 0),
        }
    }

    /// Marks gazetteer matches and cluster codes in a sentence. Bit `3 * list + pos` of
    /// [`TokInfo::gaz`] is set when the token is a one-token match (`pos` 0), the first token of
    /// a longer match (1) or a later token of one (2). Time is linear in the sentence length.
    #[cfg(any(test, feature = "train"))]
    pub(crate) fn mark_sentence<S: AsRef<str>>(&self, tokens: &[S], info: &mut [TokInfo]) {
        self.mark_sentence_where(tokens, info, |_| true);
    }

    /// [`Lexicons::mark_sentence`] for the tokens `needed` selects: their cluster codes and
    /// gazetteer bits are those `mark_sentence` gives; the other tokens' may be left unset
    /// (the tagger reads only tokens near a possible name, see `ner::tagger`).
    pub(crate) fn mark_sentence_where<S: AsRef<str>>(
        &self,
        tokens: &[S],
        info: &mut [TokInfo],
        needed: impl Fn(usize) -> bool,
    ) {
        if !self.words.is_empty() {
            for (i, (t, inf)) in tokens.iter().zip(info.iter_mut()).enumerate() {
                if needed(i) {
                    (inf.cluster, inf.case, inf.prior) = self.word_of(t.as_ref());
                }
            }
        }
        if self.phrases.is_empty() {
            return;
        }
        let mut keys = [0u64; MAX_PHRASE];
        let mut filled = 0;
        for i in 0..tokens.len() {
            let max = MAX_PHRASE.min(tokens.len() - i);
            // A phrase starting here marks only tokens i..i + max.
            if !(i..i + max).any(&needed) {
                continue;
            }
            // keys[j % MAX_PHRASE] holds the key of token j; fill up to i + max (tokens
            // before i are not read again).
            filled = filled.max(i);
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

    /// The entries of a lexicon file (comments and blank lines skipped).
    fn entries(text: &str) -> Vec<&str> {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    }

    #[test]
    fn misc_list_keeps_language_and_religion_names_and_drops_places_and_common_words() {
        let misc = entries(include_str!("../../lexicons/misc.txt"));
        let mut places = std::collections::HashSet::new();
        for text in [
            include_str!("../../lexicons/loc.txt"),
            include_str!("../../lexicons/country.txt"),
        ] {
            places.extend(entries(text).into_iter().map(str::to_lowercase));
        }
        // Sorted and distinct, as build_lexicons.py writes it.
        assert!(misc.windows(2).all(|w| w[0] < w[1]));
        // No name a place list holds ("Berber" is a town in loc.txt; "Tonga" a country).
        let clash: Vec<&&str> = misc
            .iter()
            .filter(|m| places.contains(&m.to_lowercase()))
            .collect();
        assert!(clash.is_empty(), "{clash:?}");
        for name in [
            "Chadic",         // ISO 639-5 family, " languages" dropped
            "Afro-Asiatic",   // hyphenated family
            "Oromo",          // "Oromo (macrolanguage)"
            "Tamazight",      // the last word of four language names
            "Ancient Greek",  // a multi-word name, "(to 1453)" dropped
            "German",         // ISO 639-1: kept although per_first.txt has it
            "Shia Islam",     // the hand list of religions
            "Zoroastrianism", // likewise
        ] {
            assert!(misc.contains(&name), "{name} missing");
        }
        // Ordinary English words (ISO 639-3 has languages named Even, One, Are) and a first
        // name that is no ISO 639-1 language (the Karen languages) are left out.
        for word in ["Even", "One", "Are", "Karen", "Berber", "Tonga", "South"] {
            assert!(!misc.contains(&word), "{word} kept");
        }
    }

    #[test]
    fn phrases_and_clusters_are_marked() {
        let phrases = vec![
            (key(&["New", "York", "City"]), 1 << 2),
            (key(&["York"]), 1 << 1),
        ];
        let toks = ["in", "New", "York", "City", "and", "YORK", "New", "Jersey"];
        let city = WordCodes {
            ppmi: WordCodes::path("0110"),
            glove: WordCodes::path("1010_0101_1111_0000"),
            prior: 0,
            case: 0,
        };
        let lex = Lexicons::from_parts(&phrases, &[(word_key("city"), city)]);
        let mut info = vec![TokInfo::default(); toks.len()];
        lex.mark_sentence(&toks, &mut info);
        let gaz: Vec<u32> = info.iter().map(|i| i.gaz).collect();
        // Bit 3 * list + pos: pos 0 one-token match, 1 first token, 2 later token.
        assert_eq!(
            gaz,
            vec![0, 1 << 7, 1 << 8 | 1 << 3, 1 << 8, 0, 1 << 3, 0, 0]
        );
        // Prefixes of 4, 8, 12 bits after a leading 1; a short path is its own longer prefix;
        // the GloVe path is cut at 12 bits.
        assert_eq!(
            info[3].cluster,
            [
                0b10110,
                0b10110,
                0b10110,
                0b11010,
                0b110100101,
                0b1101001011111
            ]
        );
        assert_eq!(info[2].cluster, [0; CLUSTERS]);
        assert!(Lexicons::empty().cluster_of("city") == [0; CLUSTERS]);
        // The case bucket is stored with the paths; a word may have a bucket and no path.
        let smith = WordCodes {
            ppmi: 0,
            glove: WordCodes::path("1"),
            prior: 2,
            case: 3,
        };
        let the = WordCodes {
            case: 7,
            ..WordCodes::default()
        };
        let lex = Lexicons::from_parts(&[], &[(word_key("smith"), smith), (word_key("the"), the)]);
        // A GloVe path is stored padded to 12 bits.
        assert_eq!(
            lex.word_of("Smith"),
            ([0, 0, 0, 0b11000, 0b110000000, 0b1100000000000], 3, 2)
        );
        assert_eq!(lex.word_of("THE"), ([0; CLUSTERS], 7, 0));
        assert_eq!(lex.word_of("unseen"), ([0; CLUSTERS], 0, 0));
        let full = WordCodes {
            ppmi: WordCodes::path("1"),
            glove: WordCodes::path("111100001111"),
            prior: 8,
            case: 7,
        };
        assert_eq!(WordCodes::unpack(full.pack()), full);
        assert_eq!(WordCodes::unpack(the.pack()), the);
    }
}
