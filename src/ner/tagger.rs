//! Viterbi decoding with BIO constraints over the packed model's scores.

use super::features::{
    doc_features, f1, f2, fold, local_features, local_key, SentenceFeatures, TokInfo, BOUNDARY,
    F_INIT_CAP, H, LOOK, ORG_WORD_BIT, T_BI_M1, T_BI_P1, T_CAPS_LOWER, T_CAPS_SENT, T_CASE_M1,
    T_CASE_P1, T_CASE_POS, T_CLN_M1, T_CLN_P1, T_FIRST, T_FL_M1, T_FL_P1, T_GAZ_CTX, T_GAZ_CTX2,
    T_GAZ_M1, T_GAZ_P1, T_L_M1, T_L_M1P1, T_L_M2, T_L_M2M1, T_L_P1, T_L_P1P2, T_L_P2, T_ORGW_AHEAD,
    T_ORGW_BEHIND, T_SHAPE3, T_SS_M1, T_SS_P1, T_SUF_M1, T_SUF_P1, T_S_M1, T_S_M2, T_S_P1, T_S_P2,
    T_WX_M1, T_WX_P1, T_W_M1, T_W_P1,
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
    /// The summed weights of a token's word-local features and of the features it gives its
    /// neighbours (its [`Rows`]), by [`local_key`] (direct-mapped; key 0 is an empty slot).
    /// Filled within one document part only (see [`Model::tag_part`]), since the weights
    /// belong to one model.
    memo: Vec<MemoSlot>,
    memo_live: bool,
    /// The document part the memo is filled for: slots of other parts are empty.
    memo_gen: u32,
    /// The rows a sentence boundary gives its neighbours (filled with the memo).
    bound: Rows,
    /// Per token of the sentence: its rows (those its live neighbours and itself need).
    rows: Vec<Rows>,
    /// Per token: within reach of a marked token (see [`live_tokens`]).
    live: Vec<bool>,
    /// Per token: its attributes are read (see [`SentenceFeatures::prepare_near_marks`]).
    needed: Vec<bool>,
}

/// Slots of [`Workspace::memo`]: an article has a few hundred distinct words.
const MEMO_SLOTS: usize = 1024;

/// The summed weights that depend on one token only, by its role: [`R_LOCAL`] its own
/// word-local features ([`local_features`]); [`R_M1`], [`R_P1`], [`R_M2`], [`R_P2`] the
/// features it gives the token one after, one before, two after and two before it (it is
/// that token's neighbour at -1, +1, -2 and +2; see [`neighbour_features`]).
type Rows = [[f32; N_TAGS]; 5];
const R_LOCAL: usize = 0;
const R_M1: usize = 1;
const R_P1: usize = 2;
const R_M2: usize = 3;
const R_P2: usize = 4;

/// One slot of [`Workspace::memo`]: a key, which of its rows are filled (bit per role), the
/// rows.
#[derive(Clone, Copy)]
struct MemoSlot {
    key: u64,
    gen: u32,
    have: u8,
    rows: Rows,
}

const EMPTY_SLOT: MemoSlot = MemoSlot {
    key: 0,
    gen: 0,
    have: 0,
    rows: [[0.0; N_TAGS]; 5],
};

/// The features of `context_features` (super::features) that look at one neighbour `x`
/// only (`None`: past the sentence's edge) in role `role` (see [`Rows`]), in the order
/// `context_features` lists them. With [`pair_features`], the same features as
/// `context_features` (checked by a test).
fn neighbour_features(x: Option<&TokInfo>, role: usize, out: &mut Vec<u32>) {
    let (lower, shape, short, word, suf3, gaz) = match x {
        Some(x) => (x.lower, x.shape, x.short_shape, x.word, x.suf[2], x.gaz),
        None => (BOUNDARY, BOUNDARY, BOUNDARY, BOUNDARY, BOUNDARY, 0),
    };
    let t_gaz = match role {
        R_M1 => {
            out.extend_from_slice(&[
                f1(T_L_M1, lower),
                f1(T_S_M1, shape),
                f1(T_WX_M1, word),
                f1(T_SUF_M1, suf3),
            ]);
            T_GAZ_M1
        }
        R_P1 => {
            out.extend_from_slice(&[
                f1(T_L_P1, lower),
                f1(T_S_P1, shape),
                f1(T_WX_P1, word),
                f1(T_SUF_P1, suf3),
            ]);
            T_GAZ_P1
        }
        R_M2 => {
            out.extend_from_slice(&[f1(T_L_M2, lower), f1(T_S_M2, short)]);
            return;
        }
        R_P2 => {
            out.extend_from_slice(&[f1(T_L_P2, lower), f1(T_S_P2, short)]);
            return;
        }
        _ => return,
    };
    let mut g = gaz;
    while g != 0 {
        let b = g.trailing_zeros() as u64;
        g &= g - 1;
        out.push(f1(t_gaz, b));
    }
}

/// The features of `context_features` (super::features) for token `i` that are not
/// [`neighbour_features`]: those that join the token with a neighbour or two neighbours, its
/// position, the sentence and the document evidence, in the order `context_features` lists
/// them.
fn pair_features(sf: &SentenceFeatures, i: usize, out: &mut Vec<u32>) {
    let info = &sf.info;
    let n = info.len();
    let t = &info[i];
    let m1 = i.checked_sub(1).map(|j| &info[j]);
    let p1 = info.get(i + 1);
    let m2 = i.checked_sub(2).map(|j| &info[j]);
    let p2 = info.get(i + 2);
    let lw = |x: Option<&TokInfo>| x.map_or(BOUNDARY, |x| x.lower);
    let ss = |x: Option<&TokInfo>| x.map_or(BOUNDARY, |x| x.short_shape);
    let fl = |x: Option<&TokInfo>| x.map_or(0xffff, |x| x.flags as u64);
    out.extend_from_slice(&[
        f2(T_SS_M1, ss(m1), t.short_shape),
        f2(T_SS_P1, t.short_shape, ss(p1)),
        fold(
            H::new(T_SHAPE3)
                .add(ss(m1))
                .add(t.short_shape)
                .add(ss(p1))
                .finish(),
        ),
        f2(T_BI_M1, lw(m1), t.lower),
        f2(T_BI_P1, t.lower, lw(p1)),
        f2(T_W_M1, lw(m1), t.shape),
        f2(T_W_P1, t.shape, lw(p1)),
        f2(T_FL_M1, fl(m1), t.flags as u64),
        f2(T_FL_P1, t.flags as u64, fl(p1)),
        f2(T_L_M1P1, lw(m1), lw(p1)),
        f2(T_L_M2M1, lw(m2), lw(m1)),
        f2(T_L_P1P2, lw(p1), lw(p2)),
    ]);
    if i == 0 {
        out.push(f2(T_FIRST, t.short_shape, t.lower));
    }
    if sf.caps_sentence {
        out.push(f2(T_CAPS_SENT, t.short_shape, n.min(8) as u64));
        out.push(f1(T_CAPS_LOWER, t.lower));
    }
    let mut g = t.gaz;
    while g != 0 {
        let b = g.trailing_zeros() as u64;
        g &= g - 1;
        out.push(f2(T_GAZ_CTX, b, lw(m1)));
        out.push(f2(T_GAZ_CTX2, b, lw(p1)));
    }
    let org_word = |x: &TokInfo| x.gaz & ORG_WORD_BIT != 0 && x.flags & F_INIT_CAP != 0;
    if let Some(d) = (1..=3).find(|&d| info.get(i + d).is_some_and(org_word)) {
        out.push(f2(T_ORGW_AHEAD, d as u64, t.short_shape));
    }
    if let Some(d) = (1..=2).find(|&d| i >= d && org_word(&info[i - d])) {
        out.push(f2(T_ORGW_BEHIND, d as u64, t.short_shape));
    }
    if t.case != 0 {
        let pos = u64::from(i == 0) | u64::from(sf.caps_sentence) << 1;
        out.push(f2(T_CASE_POS, t.case as u64, pos));
    }
    if let Some(m) = m1 {
        out.push(f2(T_CASE_M1, m.case as u64, t.short_shape));
    }
    if let Some(m) = m1.filter(|m| m.cluster[4] != 0) {
        out.push(f2(T_CLN_M1, m.cluster[4] as u64, t.short_shape));
    }
    if let Some(p) = p1.filter(|p| p.cluster[4] != 0) {
        out.push(f2(T_CLN_P1, p.cluster[4] as u64, t.short_shape));
    }
    if let Some(p) = p1 {
        out.push(f2(T_CASE_P1, p.case as u64, t.short_shape));
    }
    let d = sf.doc.get(i).copied().unwrap_or(0);
    if d != 0 {
        out.extend(
            doc_features(d, t.short_shape)
                .into_iter()
                .filter(|&f| f != 0),
        );
    }
}

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
    /// The summed weights of the features of token `x` (`None`: a sentence edge) in role
    /// `role` (see [`Rows`]), added in the order the features are listed.
    fn role_row(&self, x: Option<&TokInfo>, role: usize, feats: &mut Vec<u32>) -> [f32; N_TAGS] {
        feats.clear();
        match (role, x) {
            (R_LOCAL, Some(t)) => local_features(t, feats),
            (R_LOCAL, None) => {}
            _ => neighbour_features(x, role, feats),
        }
        let mut acc = [0f32; N_TAGS];
        for &f in feats.iter() {
            self.add_weights(f, &mut acc);
        }
        acc
    }

    /// The rows a sentence edge gives its neighbours.
    fn boundary_rows(&self, feats: &mut Vec<u32>) -> Rows {
        let mut rows = [[0.0; N_TAGS]; 5];
        for (r, row) in rows.iter_mut().enumerate().skip(1) {
            *row = self.role_row(None, r, feats);
        }
        rows
    }

    /// Emission scores of the prepared sentence in `ws.sf`: per live token, the sum of its
    /// word-local row, the rows its four neighbours (or the sentence edges) give it and the
    /// weights of its [`pair_features`]. A token's rows depend on it alone, so that a word
    /// that recurs in a document part takes them from the memo (when it is on).
    fn emissions(&self, ws: &mut Workspace) {
        let n = ws.sf.len();
        ws.em.clear();
        ws.em.resize(n, [0.0; N_TAGS]);
        live_tokens(&ws.sf.info, &mut ws.live);
        if !ws.memo_live {
            ws.bound = self.boundary_rows(&mut ws.feats);
        }
        // Only the rows of the roles `want` names are read, so old values may stay.
        if ws.rows.len() < n {
            ws.rows.resize(n, [[0.0; N_TAGS]; 5]);
        }
        let live = |j: Option<usize>| j.is_some_and(|j| j < n && ws.live[j]);
        for j in 0..n {
            // The roles of token j that a live token reads.
            let want = u8::from(live(Some(j))) << R_LOCAL
                | u8::from(live(Some(j + 1))) << R_M1
                | u8::from(live(j.checked_sub(1))) << R_P1
                | u8::from(live(Some(j + 2))) << R_M2
                | u8::from(live(j.checked_sub(2))) << R_P2;
            if want == 0 {
                continue;
            }
            let t = &ws.sf.info[j];
            if ws.memo_live {
                let key = local_key(t) | 1;
                let slot = &mut ws.memo[key as usize % MEMO_SLOTS];
                if slot.key != key || slot.gen != ws.memo_gen {
                    slot.key = key;
                    slot.gen = ws.memo_gen;
                    slot.have = 0;
                }
                let mut w = want;
                while w != 0 {
                    let r = w.trailing_zeros() as usize;
                    w &= w - 1;
                    if slot.have & 1 << r == 0 {
                        slot.rows[r] = self.role_row(Some(t), r, &mut ws.feats);
                    }
                    ws.rows[j][r] = slot.rows[r];
                }
                slot.have |= want;
            } else {
                let mut w = want;
                while w != 0 {
                    let r = w.trailing_zeros() as usize;
                    w &= w - 1;
                    ws.rows[j][r] = self.role_row(Some(t), r, &mut ws.feats);
                }
            }
        }
        for i in 0..n {
            if !ws.live[i] {
                ws.em[i] = ONLY_O;
                continue;
            }
            let mut acc = ws.rows[i][R_LOCAL];
            let neighbours = [
                (i.checked_sub(1), R_M1),
                (Some(i + 1).filter(|&j| j < n), R_P1),
                (i.checked_sub(2), R_M2),
                (Some(i + 2).filter(|&j| j < n), R_P2),
            ];
            for (j, r) in neighbours {
                let row = match j {
                    Some(j) => &ws.rows[j][r],
                    None => &ws.bound[r],
                };
                for (a, b) in acc.iter_mut().zip(row) {
                    *a += b;
                }
            }
            ws.feats.clear();
            pair_features(&ws.sf, i, &mut ws.feats);
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
        // A new generation empties the memo without writing it.
        ws.memo_gen = ws.memo_gen.wrapping_add(1);
        if ws.memo_gen == 0 || ws.memo.len() != MEMO_SLOTS {
            ws.memo.clear();
            ws.memo.resize(MEMO_SLOTS, EMPTY_SLOT);
            ws.memo_gen = 1;
        }
        ws.memo_live = true;
        ws.bound = self.boundary_rows(&mut ws.feats);
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
        with.memo.resize(MEMO_SLOTS, EMPTY_SLOT);
        with.bound = model.boundary_rows(&mut with.feats);
        with.memo_live = true;
        let mut without = Workspace::new();
        let mut hits = 0;
        for s in &sents {
            let before = with.memo.iter().filter(|m| m.key != 0).count();
            model.tag_tokens(s, None, &mut with, &mut tags);
            model.tag_tokens(s, None, &mut without, &mut tags);
            assert_eq!(with.em, without.em, "{s:?}");
            let after = with.memo.iter().filter(|m| m.key != 0).count();
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
                    ws.memo.resize(MEMO_SLOTS, EMPTY_SLOT);
                    ws.memo_live = memo;
                    ws.bound = model.boundary_rows(&mut ws.feats);
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

#[cfg(test)]
mod split_tests {
    use super::*;
    use crate::ner::features::{context_features, local_features};

    fn sentences() -> Vec<Vec<&'static str>> {
        [
            "Mayor Jane Doe of New York said York is fine .",
            "Shares of Acme Holdings Inc fell , said John Smith of the Labour Party in London .",
            "OBAMA SAYS MUSEUM WILL TELL STORY",
            "in 1999 it was , as they say , over for good in 東京 today",
            "He met Angela Merkel and Emmanuel Macron at the University of Oxford on Monday",
            "x",
            "Paris",
            "a B",
        ]
        .iter()
        .map(|s| s.split(' ').collect())
        .collect()
    }

    /// `pair_features` and the `neighbour_features` of the four neighbours (or the edges)
    /// are `context_features`, no more and no less, whatever the document evidence.
    #[test]
    fn the_split_covers_context_features() {
        let model = crate::ner::model().expect("embedded model");
        let mut sf = SentenceFeatures::new();
        let mut checked = 0;
        for s in sentences() {
            sf.prepare(&s, model.lexicons());
            for doc in [0u16, 0x7fff, 0b0010_0101_0011_0010] {
                sf.doc.iter_mut().for_each(|d| *d = doc);
                for i in 0..s.len() {
                    let mut whole = Vec::new();
                    context_features(&sf, i, &mut whole);
                    let mut split = Vec::new();
                    pair_features(&sf, i, &mut split);
                    let n = s.len();
                    let at = |j: Option<usize>| j.filter(|&j| j < n).map(|j| &sf.info[j]);
                    neighbour_features(at(i.checked_sub(1)), R_M1, &mut split);
                    neighbour_features(at(Some(i + 1)), R_P1, &mut split);
                    neighbour_features(at(i.checked_sub(2)), R_M2, &mut split);
                    neighbour_features(at(Some(i + 2)), R_P2, &mut split);
                    whole.sort_unstable();
                    split.sort_unstable();
                    assert_eq!(whole, split, "{s:?} {i} {doc}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 150, "{checked}");
        // The gazetteer bits of a neighbour are features of that neighbour's role.
        let s = ["in", "New", "York", "today"];
        sf.prepare(&s, model.lexicons());
        assert_ne!(sf.info[2].gaz, 0, "York is in a gazetteer phrase");
        let mut f = Vec::new();
        neighbour_features(Some(&sf.info[2]), R_M1, &mut f);
        assert_eq!(f.len(), 4 + sf.info[2].gaz.count_ones() as usize);
    }

    /// The emissions are the weights of the token's features summed in another order: equal
    /// to the sum in the trainer's order up to rounding.
    #[test]
    fn emissions_are_the_sum_of_the_features_weights() {
        let model = crate::ner::model().expect("embedded model");
        let mut ws = Workspace::new();
        let mut tags = Vec::new();
        let mut compared = 0;
        for s in sentences() {
            model.tag_tokens(&s, None, &mut ws, &mut tags);
            let mut sf = SentenceFeatures::new();
            sf.prepare(&s, model.lexicons());
            for i in 0..s.len() {
                if !ws.live[i] {
                    assert_eq!(ws.em[i], ONLY_O);
                    continue;
                }
                let mut feats = Vec::new();
                local_features(&sf.info[i], &mut feats);
                context_features(&sf, i, &mut feats);
                let mut want = [0f32; N_TAGS];
                for &f in &feats {
                    model.add_weights(f, &mut want);
                }
                for (a, b) in ws.em[i].iter().zip(&want) {
                    assert!((a - b).abs() <= 1e-4 * (1.0 + b.abs()), "{s:?} {i} {a} {b}");
                }
                assert!(want.iter().any(|&w| w != 0.0));
                compared += 1;
            }
        }
        assert!(compared > 40, "{compared}");
    }
}
