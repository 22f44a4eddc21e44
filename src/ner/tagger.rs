//! Viterbi decoding with BIO constraints over the packed model's scores.

use super::features::{
    context_features, doc_features, local_features, local_key, SentenceFeatures, LOOK,
};
use super::model::{Model, N_TAGS};

/// Can `tag` follow `prev` (`START` for the first token)? `I-X` only follows `B-X` or `I-X`.
#[inline]
pub(crate) fn allowed(prev: usize, tag: usize) -> bool {
    if tag == 0 || tag % 2 == 1 {
        return true;
    }
    prev == tag || prev + 1 == tag
}

/// Best tag sequence for per-token emission scores `em` (`N` tags per token: `O` is 0, `B-X`
/// odd, `I-X` the tag after its `B-X`) and transition scores `trans[prev][tag]` (`N + 1` rows,
/// the last for the first token). Writes tags to `out`. `back` is scratch space. Generic over
/// `N` so that the quote labeller (`crate::quotes::labeller`) decodes with it too.
pub(crate) fn viterbi<const N: usize>(
    em: &[[f32; N]],
    trans: &[[f32; N]],
    back: &mut Vec<[u8; N]>,
    out: &mut Vec<u8>,
) {
    out.clear();
    let n = em.len();
    if n == 0 || trans.len() <= N {
        return;
    }
    back.clear();
    back.resize(n, [0; N]);
    // `O` and `B-X` may follow any tag, `I-X` only `B-X` and `I-X` (see [`allowed`]); the
    // candidates are tried in ascending order and the first best kept, as a full scan would.
    let mut cur = [f32::NEG_INFINITY; N];
    for t in 0..N {
        if allowed(N, t) {
            cur[t] = em[0][t] + trans[N][t];
        }
    }
    for (e, bk) in em[1..].iter().zip(back[1..].iter_mut()) {
        let mut next = [f32::NEG_INFINITY; N];
        for t in 0..N {
            let from = if t != 0 && t % 2 == 0 {
                t - 1..t + 1
            } else {
                0..N
            };
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for p in from {
                let s = cur[p] + trans[p][t];
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            next[t] = best + e[t];
            bk[t] = arg;
        }
        cur = next;
    }
    let mut best = 0;
    for t in 1..N {
        if cur[t] > cur[best] {
            best = t;
        }
    }
    out.resize(n, 0);
    out[n - 1] = best as u8;
    for i in (1..n).rev() {
        out[i - 1] = back[i][out[i] as usize];
    }
}

/// Reusable buffers for tagging; one per thread or call, never per token.
#[derive(Default)]
pub struct Workspace {
    pub(crate) sf: SentenceFeatures,
    feats: Vec<u32>,
    em: Vec<[f32; N_TAGS]>,
    back: Vec<[u8; N_TAGS]>,
    part_em: Vec<[f32; N_TAGS]>,
    part_shape: Vec<u64>,
    /// The summed weights of a token's word-local features, by [`local_key`] (direct-mapped;
    /// key 0 is an empty slot). Filled within one document part only (see
    /// [`Model::tag_part`]), since the weights belong to one model.
    memo: Vec<(u64, [f32; N_TAGS])>,
    memo_live: bool,
    /// Per token: within reach of a marked token (see [`live_tokens`]).
    live: Vec<bool>,
    /// Per token: its attributes are read (see [`SentenceFeatures::prepare_near_marks`]).
    needed: Vec<bool>,
}

/// Slots of [`Workspace::memo`]: an article has a few hundred distinct words.
const MEMO_SLOTS: usize = 1024;

impl Workspace {
    pub fn new() -> Workspace {
        Workspace::default()
    }
}

/// How far (in tokens, either side) a token that may be part of a name
/// ([`TokInfo::marked`](super::features::TokInfo): a capital letter, a digit, a letter
/// without case) lets the tagger look at its neighbours.
const REACH: usize = 2;

/// The emission row of a token out of reach of any marked token: `O`, nothing else.
const ONLY_O: [f32; N_TAGS] = {
    let mut row = [-1e30f32; N_TAGS];
    row[0] = 0.0;
    row
};

/// Which tokens of a sentence are within [`REACH`] of a marked token (`live`). The others are
/// tagged `O` without computing their features: in English news they are runs of lower-case
/// words and punctuation (half the tokens of the PolNeAR dev texts), and names hardly ever
/// reach into them (CoNLL-2003 train: 8 of 34,043 name tokens; valid: 2 of 8,603, "interior
/// ministry").
fn live_tokens(info: &[super::features::TokInfo], live: &mut Vec<bool>) {
    live.clear();
    live.resize(info.len(), false);
    for (i, t) in info.iter().enumerate() {
        if t.marked {
            let hi = (i + REACH + 1).min(info.len());
            live[i.saturating_sub(REACH)..hi].fill(true);
        }
    }
}

impl Model {
    /// Emission scores of the prepared sentence in `ws.sf`.
    fn emissions(&self, ws: &mut Workspace) {
        let n = ws.sf.len();
        ws.em.clear();
        ws.em.resize(n, [0.0; N_TAGS]);
        live_tokens(&ws.sf.info, &mut ws.live);
        for i in 0..n {
            if !ws.live[i] {
                ws.em[i] = ONLY_O;
                continue;
            }
            let t = &ws.sf.info[i];
            let mut acc = [0f32; N_TAGS];
            if ws.memo_live {
                // Words recur within an article: their local features' weights are summed
                // once. The sum is the same as adding them one by one (same order), so the
                // scores do not depend on the memo.
                let key = local_key(t) | 1;
                let slot = &mut ws.memo[key as usize % MEMO_SLOTS];
                if slot.0 == key {
                    acc = slot.1;
                } else {
                    ws.feats.clear();
                    local_features(t, &mut ws.feats);
                    for &f in &ws.feats {
                        self.add_weights(f, &mut acc);
                    }
                    *slot = (key, acc);
                }
            } else {
                ws.feats.clear();
                local_features(t, &mut ws.feats);
                for &f in &ws.feats {
                    self.add_weights(f, &mut acc);
                }
            }
            ws.feats.clear();
            context_features(&ws.sf, i, &mut ws.feats);
            for &f in &ws.feats {
                self.add_weights(f, &mut acc);
            }
            ws.em[i] = acc;
        }
    }

    /// Adds the weights of document evidence `d` to an emission row.
    #[inline]
    pub(crate) fn add_doc(&self, d: u16, short_shape: u64, row: &mut [f32; N_TAGS]) {
        for f in doc_features(d, short_shape) {
            if f == 0 {
                continue;
            }
            self.add_weights(f, row);
        }
    }

    /// Tags a whole document part in two passes (see [`super::tag_document`]); the second pass
    /// reuses the first pass's emission scores and adds only the document features.
    pub(crate) fn tag_part<S: AsRef<str>>(
        &self,
        sents: &[Vec<S>],
        ws: &mut Workspace,
        out: &mut Vec<Vec<u8>>,
    ) {
        ws.part_em.clear();
        ws.part_shape.clear();
        ws.memo.clear();
        ws.memo.resize(MEMO_SLOTS, (0, [0.0; N_TAGS]));
        ws.memo_live = true;
        let mut first = Vec::with_capacity(sents.len());
        let mut headlines = Vec::with_capacity(sents.len());
        for s in sents {
            let mut tags = Vec::with_capacity(s.len());
            self.tag_tokens(s, None, ws, &mut tags);
            headlines.push(ws.sf.caps_sentence);
            ws.part_em.extend_from_slice(&ws.em);
            ws.part_shape
                .extend(ws.sf.info.iter().map(|i| i.short_shape));
            first.push(tags);
        }
        ws.memo_live = false;
        // The headline test of the evidence is the sentence's `caps_sentence`.
        let evidence = super::doc_evidence_with(sents, &first, Some(&headlines));
        let mut at = 0;
        for (tags, ev) in first.into_iter().zip(&evidence) {
            let n = tags.len();
            if ev.iter().all(|&d| d == 0) {
                out.push(tags);
            } else {
                ws.em.clear();
                ws.em.extend_from_slice(&ws.part_em[at..at + n]);
                for (k, &d) in ev.iter().enumerate() {
                    if d != 0 {
                        self.add_doc(d, ws.part_shape[at + k], &mut ws.em[k]);
                    }
                }
                let mut second = Vec::with_capacity(n);
                viterbi(&ws.em, &self.trans, &mut ws.back, &mut second);
                out.push(second);
            }
            at += n;
        }
    }

    /// Tags one sentence; tag indices into [`super::model::TAGS`] go to `out`. `doc` holds
    /// document-level evidence per token (0 when none).
    pub fn tag_tokens<S: AsRef<str>>(
        &self,
        tokens: &[S],
        doc: Option<&[u16]>,
        ws: &mut Workspace,
        out: &mut Vec<u8>,
    ) {
        // Emissions read the attributes of the live tokens and of those at most LOOK away.
        ws.sf
            .prepare_near_marks(tokens, &self.lex, REACH + LOOK, &mut ws.needed);
        if let Some(d) = doc {
            for (a, b) in ws.sf.doc.iter_mut().zip(d) {
                *a = *b;
            }
        }
        self.emissions(ws);
        viterbi(&ws.em, &self.trans, &mut ws.back, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::model::START;

    #[test]
    fn viterbi_respects_bio() {
        // Emissions prefer I-PER at the first token; it must not be chosen.
        let mut em = vec![[0f32; N_TAGS]; 2];
        em[0][2] = 10.0;
        em[1][2] = 10.0;
        let trans = [[0f32; N_TAGS]; N_TAGS + 1];
        let mut out = Vec::new();
        viterbi(&em, &trans, &mut Vec::new(), &mut out);
        assert_ne!(out[0], 2);
        assert!(allowed(out[0] as usize, out[1] as usize));
        assert!(!allowed(START, 2));
        assert!(!allowed(0, 4));
        assert!(!allowed(1, 4));
        assert!(allowed(3, 4) && allowed(4, 4));
    }
}

#[cfg(test)]
mod reach_tests {
    use super::*;
    use crate::ner::features::SentenceFeatures;

    fn live_of(sentence: &str) -> Vec<bool> {
        let model = crate::ner::model().expect("embedded model");
        let tokens: Vec<&str> = sentence.split(' ').collect();
        let mut sf = SentenceFeatures::new();
        sf.prepare(&tokens, model.lexicons());
        let mut live = Vec::new();
        live_tokens(&sf.info, &mut live);
        live
    }

    #[test]
    fn only_tokens_near_capitals_digits_or_caseless_letters_are_scored() {
        // Two tokens either side of "Paris", of "1999" and of "東京" (no case).
        let l = live_of("we said that it was a fine day in Paris , then we left for good");
        let want: Vec<bool> = (0..l.len()).map(|i| (7..=11).contains(&i)).collect();
        assert_eq!(l, want);
        let l = live_of("in 1999 it was , as they say , over for good in 東京 today");
        let want: Vec<bool> = (0..l.len()).map(|i| i <= 3 || i >= 11).collect();
        assert_eq!(l, want);
        assert!(live_of("an iPhone , here").iter().all(|&x| x));
        assert!(live_of("éCOLE").iter().all(|&x| x));
        assert!(!live_of("all in lower case , nothing here")
            .iter()
            .any(|&x| x));
    }

    #[test]
    fn tokens_out_of_reach_are_tagged_o_and_the_rest_as_before() {
        let model = crate::ner::model().expect("embedded model");
        let mut ws = Workspace::new();
        let mut tags = Vec::new();
        let s: Vec<&str> = "the talks went on for hours and hours , said Angela Merkel in Berlin ."
            .split(' ')
            .collect();
        model.tag_tokens(&s, None, &mut ws, &mut tags);
        let names: Vec<(&str, &str)> = s
            .iter()
            .zip(&tags)
            .filter(|(_, &t)| t != 0)
            .map(|(w, &t)| (*w, crate::ner::model::TAGS[t as usize]))
            .collect();
        assert_eq!(
            names,
            [
                ("Angela", "B-PER"),
                ("Merkel", "I-PER"),
                ("Berlin", "B-LOC")
            ]
        );
        // The first six tokens are out of reach: their rows are O only.
        for row in &ws.em[..6] {
            assert_eq!(row, &ONLY_O);
        }
        assert_ne!(ws.em[8], ONLY_O);
    }
}

#[cfg(test)]
mod memo_tests {
    use super::*;

    /// The memo of word-local weights must give exactly the scores computed without it, also
    /// for a word whose gazetteer bits differ between occurrences ("York" alone and in
    /// "New York") and for words whose case differs.
    #[test]
    fn memo_gives_the_same_scores() {
        let model = crate::ner::model().expect("embedded model");
        let sents: Vec<Vec<&str>> = [
            "Mayor Jane Doe of New York said York is fine .",
            "Doe met John Smith in York , not in New York , said DOE .",
            "the the the New New York York Doe doe",
        ]
        .iter()
        .map(|s| s.split(' ').collect())
        .collect();
        let mut with = Workspace::new();
        let mut tags = Vec::new();
        with.memo.resize(MEMO_SLOTS, (0, [0.0; N_TAGS]));
        with.memo_live = true;
        let mut without = Workspace::new();
        let mut hits = 0;
        for s in &sents {
            let before = with.memo.iter().filter(|m| m.0 != 0).count();
            model.tag_tokens(s, None, &mut with, &mut tags);
            model.tag_tokens(s, None, &mut without, &mut tags);
            assert_eq!(with.em, without.em, "{s:?}");
            let after = with.memo.iter().filter(|m| m.0 != 0).count();
            hits += s.len() - (after - before);
        }
        assert!(hits >= 10, "the memo was used ({hits} hits)");
        // Only tag_part turns the memo on.
        assert!(!without.memo_live && without.memo.is_empty());
    }
}

#[cfg(test)]
mod near_marks_tests {
    use super::*;

    /// Emissions from attributes prepared only near marked tokens
    /// ([`SentenceFeatures::prepare_near_marks`], what `tag_tokens` does) must equal those
    /// from attributes prepared for every token ([`SentenceFeatures::prepare`], the
    /// trainer's view), whatever the mix of marked and unmarked tokens.
    #[test]
    fn lazy_attributes_give_the_same_emissions() {
        let model = crate::ner::model().expect("embedded model");
        let long_lower = "a".repeat(70);
        let long_upper_late = format!("{}Z", "b".repeat(66));
        let long_caseless = format!("{}東", "c".repeat(64));
        let sentences: Vec<String> = vec![
            "we said that it was a fine day in Paris , then we left for good and never came back to see it".into(),
            "in 1999 it was , as they say , over and done with for good and ever after in 東京 today".into(),
            "the mayor of new york city went to the united states and said that the new york times was wrong about it".into(),
            "and then he said that it was all over for them and that they would never come back , ever .".into(),
            "über alles , sagte er , und dann ging er nach Köln und später nach münchen , wo es schön war".into(),
            "l’équipe a dit qu’elle était « très contente » de la victoire et qu’elle reviendrait l’année prochaine".into(),
            format!("it is {long_lower} and so on and so forth for a long while until the end of it all"),
            format!("it is {long_upper_late} and so on and so forth for a long while until the end of it all"),
            format!("it is {long_caseless} and so on and so forth for a long while until the end of it all"),
            "a b c d e f g h i j k l m n o p q r s t u v w x y z A b c d e f g h i j k l m n o 9 q".into(),
            "THE WHOLE HEADLINE IS IN CAPITALS AND SO IS THIS PART OF IT".into(),
            "x".into(),
            String::new(),
        ];
        let mut full = Workspace::new();
        let mut lazy = Workspace::new();
        let mut tags = Vec::new();
        let mut skipped = 0;
        for s in &sentences {
            let toks: Vec<&str> = s.split(' ').filter(|t| !t.is_empty()).collect();
            // Without and with the memo of word-local weights (as in `tag_part`).
            for memo in [false, true] {
                for ws in [&mut full, &mut lazy] {
                    ws.memo.clear();
                    ws.memo.resize(MEMO_SLOTS, (0, [0.0; N_TAGS]));
                    ws.memo_live = memo;
                }
                full.sf.prepare(&toks, model.lexicons());
                model.emissions(&mut full);
                model.tag_tokens(&toks, None, &mut lazy, &mut tags);
                assert_eq!(full.em, lazy.em, "{s}");
                assert_eq!(full.sf.caps_sentence, lazy.sf.caps_sentence, "{s}");
                for (i, (a, b)) in full.sf.info.iter().zip(&lazy.sf.info).enumerate() {
                    assert_eq!(a.marked, b.marked, "{s} {i}");
                    if lazy.needed[i] {
                        assert_eq!(
                            (a.word, a.lower, a.short_shape, a.gaz, a.cluster, a.case),
                            (b.word, b.lower, b.short_shape, b.gaz, b.cluster, b.case),
                            "{s} {i}"
                        );
                    }
                }
                skipped += lazy.needed.iter().filter(|&&n| !n).count();
            }
        }
        assert!(skipped > 20, "some tokens were not prepared ({skipped})");
        // The document evidence takes `caps_sentence` for its headline test.
        let mut headlines = 0;
        for s in sentences.iter().map(String::as_str).chain([
            "OBAMA SAYS MUSEUM WILL TELL STORY",
            "ÉLYSÉE : LE PRÉSIDENT PARLE",
            "BERLIN (Reuters) - ",
            "NASA AND ESA 2024",
            "ABCDEF",
            "ABCDEf g",
            "東京 TOKYO",
        ]) {
            let toks: Vec<&str> = s.split(' ').filter(|t| !t.is_empty()).collect();
            model.tag_tokens(&toks, None, &mut lazy, &mut tags);
            full.sf.prepare(&toks, model.lexicons());
            assert_eq!(
                super::super::is_headline(&toks),
                lazy.sf.caps_sentence,
                "{s}"
            );
            assert_eq!(full.sf.caps_sentence, lazy.sf.caps_sentence, "{s}");
            headlines += usize::from(lazy.sf.caps_sentence);
        }
        assert!(headlines >= 4, "{headlines}");
        // A long token with a capital past its 64th character is prepared in full.
        let toks = [
            "and",
            "so",
            "it",
            "was",
            "that",
            &long_upper_late,
            "and",
            "so",
            "on",
        ];
        model.tag_tokens(&toks, None, &mut lazy, &mut tags);
        assert!(!lazy.sf.info[5].marked && lazy.needed[5] && !lazy.needed[0]);
    }
}
