//! Feature extraction shared by the trainer and the tagger.
//!
//! Every feature is a 32-bit hash of a template id and the values it looks at (FxHash-style,
//! deterministic across platforms). Per-token attributes are computed once per sentence into a
//! reusable buffer ([`SentenceFeatures`]); features of a token are then combinations of the
//! attributes of the token and its neighbours. Nothing is allocated per token once the buffers
//! have grown to the longest sentence seen.

use super::lexicon::{Lexicons, CLUSTERS};

const K: u64 = 0x517c_c1b7_2722_0a95;

/// A small, deterministic FxHash-style hasher.
#[derive(Clone, Copy)]
pub(crate) struct H(u64);

impl H {
    #[inline]
    pub(crate) fn new(seed: u64) -> H {
        H(seed.wrapping_mul(K) ^ 0x9e37_79b9_7f4a_7c15)
    }
    #[inline]
    pub(crate) fn add(self, x: u64) -> H {
        H((self.0.rotate_left(5) ^ x).wrapping_mul(K))
    }
    #[inline]
    pub(crate) fn ch(self, c: char) -> H {
        self.add(c as u64)
    }
    #[inline]
    pub(crate) fn finish(self) -> u64 {
        let h = self.0;
        (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ (h >> 32)
    }
}

/// Hashes the lowercased string (digits kept).
pub(crate) fn hash_lower(seed: u64, s: &str) -> u64 {
    let mut h = H::new(seed);
    for c in s.chars() {
        h = lower_ch(h, c);
    }
    h.finish()
}

/// The key of a word in the document evidence map (case-insensitive).
pub(crate) fn doc_key(t: &str) -> u64 {
    hash_lower(99, t)
}

#[inline]
fn lower_ch(h: H, c: char) -> H {
    if c.is_ascii() {
        h.ch(c.to_ascii_lowercase())
    } else {
        c.to_lowercase().fold(h, H::ch)
    }
}

/// Apostrophes and quote variants normalised to their ASCII form.
#[inline]
fn norm_char(c: char) -> char {
    match c {
        '’' | '‘' | '‛' | '`' | '´' => '\'',
        '“' | '”' | '„' | '‟' | '«' | '»' => '"',
        '—' | '–' | '―' | '‒' => '-',
        _ => c,
    }
}

pub(crate) const F_INIT_CAP: u16 = 1;
pub(crate) const F_ALL_CAPS: u16 = 2;
pub(crate) const F_HAS_DIGIT: u16 = 4;
pub(crate) const F_ALL_DIGIT: u16 = 8;
pub(crate) const F_HAS_HYPHEN: u16 = 16;
pub(crate) const F_HAS_PERIOD: u16 = 32;
pub(crate) const F_PUNCT: u16 = 64;
pub(crate) const F_HAS_LOWER: u16 = 128;
pub(crate) const F_MIXED: u16 = 256;

/// Attributes of one token.
#[derive(Clone, Copy, Default)]
pub(crate) struct TokInfo {
    pub word: u64,
    pub lower: u64,
    pub shape: u64,
    pub short_shape: u64,
    pub pre: [u64; 4],
    pub suf: [u64; 4],
    pub flags: u16,
    pub len: u8,
    /// Gazetteer membership: one bit per (list, position) pair, see [`Lexicons::mark`].
    pub gaz: u32,
    /// Word-cluster path prefixes (0 when unknown).
    pub cluster: [u32; CLUSTERS],
    /// How often the word is written in lower case inside sentences of unlabelled text, as a
    /// bucket (0 when unknown; see [`super::lexicon::WordCodes`]).
    pub case: u8,
    /// The type its GloVe neighbours have in training (0 unknown or O; see
    /// [`super::lexicon::WordCodes::prior`]).
    pub prior: u8,
    /// The token has a capital letter, a digit or a letter of a script without case: it may
    /// be part of a name (see [`super::tagger`]).
    pub marked: bool,
}

/// Per-token attributes of a sentence plus the sentence-level flags, reused across sentences.
#[derive(Default)]
pub struct SentenceFeatures {
    pub(crate) info: Vec<TokInfo>,
    /// More than half the letters of the sentence are upper case (headline or dateline).
    pub(crate) caps_sentence: bool,
    /// Document-level evidence per token (see [`super::tagger`]): label bits.
    pub(crate) doc: Vec<u16>,
}

impl SentenceFeatures {
    pub fn new() -> SentenceFeatures {
        SentenceFeatures::default()
    }

    /// Computes token attributes for `tokens`.
    #[cfg(any(test, feature = "train"))]
    pub(crate) fn prepare<S: AsRef<str>>(&mut self, tokens: &[S], lex: &Lexicons) {
        self.info.clear();
        let mut upper = 0usize;
        let mut letters = 0usize;
        self.info.resize(tokens.len(), TokInfo::default());
        for (t, info) in tokens.iter().zip(self.info.iter_mut()) {
            let (up, alpha) = token_info(t.as_ref(), info);
            upper += up;
            letters += alpha;
        }
        self.caps_sentence = letters >= 6 && upper * 10 >= letters * 7;
        lex.mark_sentence(tokens, &mut self.info);
        self.doc.clear();
        self.doc.resize(tokens.len(), 0);
    }

    /// [`SentenceFeatures::prepare`] for the tagger, which reads the attributes of a token
    /// only when it lies within `reach` tokens of a marked one ([`TokInfo::marked`]; see
    /// `ner::tagger`): those tokens get exactly the attributes `prepare` gives them (as does a
    /// token of more than 64 bytes, whose `marked` looks at its first 64 characters only),
    /// the others only `marked` (false), without hashing them or looking them up in the
    /// lexicons (a third of the tokens of English news). `needed` is scratch space; it ends
    /// holding which tokens were prepared in full.
    pub(crate) fn prepare_near_marks<S: AsRef<str>>(
        &mut self,
        tokens: &[S],
        lex: &Lexicons,
        reach: usize,
        needed: &mut Vec<bool>,
    ) {
        self.info.clear();
        needed.clear();
        needed.resize(tokens.len(), false);
        let mut upper = 0usize;
        let mut letters = 0usize;
        for (i, t) in tokens.iter().enumerate() {
            let t = t.as_ref();
            let (marked, up, alpha) = token_marks(t);
            upper += up;
            letters += alpha;
            if marked {
                let hi = (i + reach + 1).min(tokens.len());
                needed[i.saturating_sub(reach)..hi].fill(true);
            } else if t.len() > 64 {
                needed[i] = true;
            }
        }
        self.caps_sentence = letters >= 6 && upper * 10 >= letters * 7;
        self.info.resize(tokens.len(), TokInfo::default());
        for ((t, info), _) in tokens
            .iter()
            .zip(self.info.iter_mut())
            .zip(needed.iter())
            .filter(|x| *x.1)
        {
            token_info(t.as_ref(), info);
        }
        lex.mark_sentence_where(tokens, &mut self.info, |i| needed[i]);
        self.doc.clear();
        self.doc.resize(tokens.len(), 0);
    }

    pub fn len(&self) -> usize {
        self.info.len()
    }

    pub fn is_empty(&self) -> bool {
        self.info.is_empty()
    }
}

/// Whether a token is marked ([`TokInfo::marked`]), with the numbers of its upper-case and of
/// its alphabetic characters, exactly as [`token_info`] counts them.
fn token_marks(t: &str) -> (bool, usize, usize) {
    let (mut upper, mut lower, mut digits, mut alpha) = (0usize, 0usize, 0usize, 0usize);
    if t.is_ascii() {
        for &b in &t.as_bytes()[..t.len().min(64)] {
            match b {
                b'A'..=b'Z' => upper += 1,
                b'a'..=b'z' => lower += 1,
                b'0'..=b'9' => digits += 1,
                _ => {}
            }
        }
        alpha = upper + lower;
    } else {
        for c0 in t.chars().take(64) {
            let c = norm_char(c0);
            if c.is_uppercase() {
                upper += 1;
                alpha += 1;
            } else if c.is_lowercase() {
                lower += 1;
                alpha += 1;
            } else if c.is_ascii_digit() {
                digits += 1;
            } else if c.is_alphabetic() {
                alpha += 1;
            }
        }
    }
    (
        upper > 0 || digits > 0 || alpha > upper + lower,
        upper,
        alpha,
    )
}

/// The attributes of one token, written to `info`, with the numbers of its upper-case and of
/// its alphabetic characters (Unicode's Alphabetic includes Uppercase and Lowercase). Long
/// tokens are looked at only in their first 64 characters.
fn token_info(t: &str, info: &mut TokInfo) -> (usize, usize) {
    *info = TokInfo::default();
    if t.is_ascii() {
        token_info_ascii(t.as_bytes(), info)
    } else {
        token_info_chars(t, info)
    }
}

/// [`token_info`] of any token, character by character.
fn token_info_chars(t: &str, info: &mut TokInfo) -> (usize, usize) {
    let mut w = H::new(1);
    let mut l = H::new(2);
    let mut shape = H::new(3);
    let mut short = H::new(4);
    let mut last_class = '\0';
    let mut run = 0usize;
    let mut n = 0usize;
    let mut upper = 0usize;
    let mut lower = 0usize;
    let mut digits = 0usize;
    let mut alpha = 0usize;
    let mut pre = H::new(5);
    let mut punct = true;
    for (i, c0) in t.chars().take(64).enumerate() {
        let c = norm_char(c0);
        n += 1;
        w = w.ch(c);
        l = lower_ch(l, c);
        if i < 4 {
            pre = lower_ch(pre, c);
            info.pre[i] = pre.finish();
        }
        let class = if c.is_uppercase() {
            upper += 1;
            alpha += 1;
            'X'
        } else if c.is_lowercase() {
            lower += 1;
            alpha += 1;
            'x'
        } else if c.is_ascii_digit() {
            digits += 1;
            'd'
        } else if c.is_alphabetic() {
            alpha += 1;
            'a'
        } else if c.is_ascii_punctuation() {
            c
        } else {
            'o'
        };
        if c.is_alphanumeric() {
            punct = false;
        }
        if class == last_class {
            run += 1;
        } else {
            run = 1;
            short = short.ch(class);
        }
        if run <= 4 {
            shape = shape.ch(class);
        }
        last_class = class;
        match c {
            '-' => info.flags |= F_HAS_HYPHEN,
            '.' => info.flags |= F_HAS_PERIOD,
            _ => {}
        }
    }
    // Suffixes of the lowercased form, over the last 4 characters.
    let mut tail = ['\0'; 4];
    let mut k = 0;
    for c in t.chars().rev().take(4) {
        tail[k] = norm_char(c);
        k += 1;
    }
    for j in 0..k {
        let mut h = H::new(6);
        for &c in tail[..=j].iter().rev() {
            h = lower_ch(h, c);
        }
        info.suf[j] = h.finish();
    }
    info.word = w.finish();
    info.lower = l.finish();
    info.shape = shape.finish();
    info.short_shape = short.finish();
    let first_upper = t.chars().next().is_some_and(char::is_uppercase);
    let counts = Counts {
        n,
        upper,
        lower,
        digits,
        alpha,
        punct,
        first_upper,
    };
    counts.flags(info);
    (upper, alpha)
}

/// What [`token_info`] counts over a token's first 64 characters.
struct Counts {
    n: usize,
    upper: usize,
    lower: usize,
    digits: usize,
    alpha: usize,
    /// No alphanumeric character.
    punct: bool,
    /// The first character is upper case.
    first_upper: bool,
}

impl Counts {
    /// Sets the length, the flags and `marked` of `info`.
    #[inline]
    fn flags(&self, info: &mut TokInfo) {
        let Counts {
            n,
            upper,
            lower,
            digits,
            alpha,
            punct,
            first_upper,
        } = *self;
        info.len = n.min(255) as u8;
        if first_upper {
            info.flags |= F_INIT_CAP;
        }
        if upper > 0 && lower == 0 {
            info.flags |= F_ALL_CAPS;
        }
        if lower > 0 {
            info.flags |= F_HAS_LOWER;
        }
        if upper > 0 && lower > 0 && !(first_upper && upper == 1) {
            info.flags |= F_MIXED;
        }
        if digits > 0 {
            info.flags |= F_HAS_DIGIT;
            if alpha == 0 {
                info.flags |= F_ALL_DIGIT;
            }
        }
        if punct && n > 0 {
            info.flags |= F_PUNCT;
        }
        info.marked = upper > 0 || digits > 0 || alpha > upper + lower;
    }
}

/// [`token_info`] of an ASCII token, byte by byte: the same attributes (for an ASCII
/// character, [`norm_char`] only maps the backquote, lower-casing is ASCII lower-casing and the
/// classes are A-Z, a-z, 0-9, punctuation and the rest), without decoding UTF-8 or asking the
/// Unicode tables.
fn token_info_ascii(t: &[u8], info: &mut TokInfo) -> (usize, usize) {
    let norm = |b: u8| if b == b'`' { b'\'' } else { b };
    let mut w = H::new(1);
    let mut l = H::new(2);
    let mut shape = H::new(3);
    let mut short = H::new(4);
    let mut pre = H::new(5);
    let mut last_class = 0u8;
    let mut run = 0usize;
    let (mut upper, mut lower, mut digits) = (0usize, 0usize, 0usize);
    let mut punct = true;
    let head = &t[..t.len().min(64)];
    for (i, &b) in head.iter().enumerate() {
        let c = norm(b);
        let lc = c.to_ascii_lowercase() as u64;
        w = w.add(c as u64);
        l = l.add(lc);
        if i < 4 {
            pre = pre.add(lc);
            info.pre[i] = pre.finish();
        }
        let class = match c {
            b'A'..=b'Z' => {
                upper += 1;
                b'X'
            }
            b'a'..=b'z' => {
                lower += 1;
                b'x'
            }
            b'0'..=b'9' => {
                digits += 1;
                b'd'
            }
            _ if c.is_ascii_punctuation() => c,
            _ => b'o',
        };
        if c.is_ascii_alphanumeric() {
            punct = false;
        }
        if class == last_class {
            run += 1;
        } else {
            run = 1;
            short = short.add(class as u64);
        }
        if run <= 4 {
            shape = shape.add(class as u64);
        }
        last_class = class;
        match c {
            b'-' => info.flags |= F_HAS_HYPHEN,
            b'.' => info.flags |= F_HAS_PERIOD,
            _ => {}
        }
    }
    // Suffixes of the lowercased form, over the last 4 characters.
    let tail = &t[t.len().saturating_sub(4)..];
    for j in 0..tail.len() {
        let mut h = H::new(6);
        for &b in &tail[tail.len() - 1 - j..] {
            h = h.add(norm(b).to_ascii_lowercase() as u64);
        }
        info.suf[j] = h.finish();
    }
    info.word = w.finish();
    info.lower = l.finish();
    info.shape = shape.finish();
    info.short_shape = short.finish();
    let alpha = upper + lower;
    let counts = Counts {
        n: head.len(),
        upper,
        lower,
        digits,
        alpha,
        punct,
        first_upper: t.first().is_some_and(u8::is_ascii_uppercase),
    };
    counts.flags(info);
    (upper, alpha)
}

// Template ids.
const T_BIAS: u64 = 1;
const T_WORD: u64 = 2;
const T_LOWER: u64 = 3;
const T_SHAPE: u64 = 4;
const T_SHORT: u64 = 5;
const T_PRE: u64 = 6;
const T_SUF: u64 = 10;
const T_FLAGS: u64 = 14;
const T_L_M1: u64 = 15;
const T_L_P1: u64 = 16;
const T_L_M2: u64 = 17;
const T_L_P2: u64 = 18;
const T_S_M1: u64 = 19;
const T_S_P1: u64 = 20;
const T_SS_M1: u64 = 21;
const T_SS_P1: u64 = 22;
const T_BI_M1: u64 = 23;
const T_BI_P1: u64 = 24;
const T_FIRST: u64 = 25;
const T_CAPS_SENT: u64 = 26;
const T_CAPS_LOWER: u64 = 27;
const T_W_M1: u64 = 28;
const T_W_P1: u64 = 29;
const T_GAZ: u64 = 30;
const T_GAZ_M1: u64 = 31;
const T_GAZ_P1: u64 = 32;
const T_CL: u64 = 33;
const T_CL_SHAPE: u64 = 36;
const T_DOC: u64 = 42;
const T_DOC_SHAPE: u64 = 43;
const T_LEN: u64 = 44;
const T_SHAPE3: u64 = 45;
const T_FL_M1: u64 = 46;
const T_FL_P1: u64 = 47;
const T_WX_M1: u64 = 48;
const T_WX_P1: u64 = 49;
const T_S_M2: u64 = 50;
const T_S_P2: u64 = 51;
const T_SUF_M1: u64 = 52;
const T_SUF_P1: u64 = 53;
const T_L_M1P1: u64 = 54;
const T_L_M2M1: u64 = 55;
const T_L_P1P2: u64 = 56;
const T_DOC_CASE: u64 = 57;
const T_DOC_LAST: u64 = 58;
const T_GAZ_CTX: u64 = 59;
const T_GAZ_CTX2: u64 = 60;
const T_CASE: u64 = 61;
const T_CASE_POS: u64 = 62;
const T_CASE_M1: u64 = 63;
const T_CASE_P1: u64 = 64;
const T_ORGW_AHEAD: u64 = 65;
const T_ORGW_BEHIND: u64 = 66;
const T_DOC_IN: u64 = 67;
const T_CL2: u64 = 68;
const T_CL2_SHAPE: u64 = 71;
const T_CLN_M1: u64 = 74;
const T_CLN_P1: u64 = 75;
const T_PRIOR: u64 = 76;
const T_PRIOR_SHAPE: u64 = 77;
const T_DOC_PRON: u64 = 78;

/// The gazetteer bit of a one-token match in the organisation-word list (list 6,
/// lexicons/org_word.txt).
const ORG_WORD_BIT: u32 = 1 << (3 * 6);

#[inline]
fn f1(t: u64, a: u64) -> u32 {
    fold(H::new(t).add(a).finish())
}

#[inline]
fn f2(t: u64, a: u64, b: u64) -> u32 {
    fold(H::new(t).add(a).add(b).finish())
}

#[inline]
fn fold(h: u64) -> u32 {
    let x = (h ^ (h >> 32)) as u32;
    // 0 marks an empty slot in the packed model's table.
    x.max(1)
}

const BOUNDARY: u64 = 0xdead_beef;

/// Pushes the features of token `i` into `out` (cleared first): its word-local features
/// ([`local_features`]), then those that look at its neighbours and the sentence
/// ([`context_features`]). The trainer's view; the tagger sums the two parts separately.
#[cfg(any(test, feature = "train"))]
pub(crate) fn token_features(sf: &SentenceFeatures, i: usize, out: &mut Vec<u32>) {
    out.clear();
    local_features(&sf.info[i], out);
    context_features(sf, i, out);
}

/// The key under which the tagger may reuse the summed weights of [`local_features`]: those
/// features are a function of the token's text (`word` hashes it; the affixes, shape, flags,
/// clusters and case bucket derive from it) and of its gazetteer bits (which depend on the phrase around
/// it), and of nothing else.
#[inline]
pub(crate) fn local_key(t: &TokInfo) -> u64 {
    H::new(7).add(t.word).add(t.gaz as u64).finish()
}

/// Appends the features of a token that depend only on the token itself (see [`local_key`]).
pub(crate) fn local_features(t: &TokInfo, out: &mut Vec<u32>) {
    out.extend_from_slice(&[
        f1(T_BIAS, 0),
        f1(T_WORD, t.word),
        f1(T_LOWER, t.lower),
        f1(T_SHAPE, t.shape),
        f1(T_SHORT, t.short_shape),
    ]);
    for k in 0..4 {
        if t.pre[k] != 0 && (t.len as usize) > k + 1 {
            out.push(f1(T_PRE + k as u64, t.pre[k]));
        }
        if t.suf[k] != 0 && (t.len as usize) > k + 1 {
            out.push(f1(T_SUF + k as u64, t.suf[k]));
        }
    }
    out.extend_from_slice(&[
        f1(T_FLAGS, t.flags as u64),
        f1(T_LEN, (t.len as u64).min(12)),
    ]);
    // Gazetteers: each set bit is one feature, alone and with the shape.
    let mut g = t.gaz;
    while g != 0 {
        let b = g.trailing_zeros() as u64;
        g &= g - 1;
        out.push(f1(T_GAZ, b));
        out.push(f2(T_GAZ, b, t.short_shape));
    }
    for (k, &c) in t.cluster.iter().enumerate() {
        if c != 0 {
            let (alone, shape) = if k < 3 {
                (T_CL + k as u64, T_CL_SHAPE + k as u64)
            } else {
                (T_CL2 + k as u64 - 3, T_CL2_SHAPE + k as u64 - 3)
            };
            out.push(f1(alone, c as u64));
            out.push(f2(shape, c as u64, t.short_shape));
        }
    }
    // How often the word is written in lower case in unlabelled text (a function of the word).
    if t.case != 0 {
        out.push(f2(T_CASE, t.case as u64, t.short_shape));
    }
    if t.prior != 0 {
        out.push(f1(T_PRIOR, t.prior as u64));
        out.push(f2(T_PRIOR_SHAPE, t.prior as u64, t.short_shape));
    }
}

/// How far [`context_features`] looks from a token: at the attributes of the tokens up to
/// two away on each side and at those of the tokens up to three ahead.
pub(crate) const LOOK: usize = 3;

/// Appends the features of token `i` that look at its neighbours, its position, the
/// sentence and the document evidence (tokens at most [`LOOK`] away).
pub(crate) fn context_features(sf: &SentenceFeatures, i: usize, out: &mut Vec<u32>) {
    let info = &sf.info;
    let n = info.len();
    let t = &info[i];
    let get = |j: isize| -> Option<&TokInfo> {
        if j < 0 || j as usize >= n {
            None
        } else {
            Some(&info[j as usize])
        }
    };
    let ii = i as isize;
    let m1 = get(ii - 1);
    let p1 = get(ii + 1);
    let m2 = get(ii - 2);
    let p2 = get(ii + 2);
    let lw = |x: Option<&TokInfo>| x.map_or(BOUNDARY, |x| x.lower);
    let sh = |x: Option<&TokInfo>| x.map_or(BOUNDARY, |x| x.shape);
    let ss = |x: Option<&TokInfo>| x.map_or(BOUNDARY, |x| x.short_shape);
    let fl = |x: Option<&TokInfo>| x.map_or(0xffff, |x| x.flags as u64);
    let wx = |x: Option<&TokInfo>| x.map_or(BOUNDARY, |x| x.word);
    let suf3 = |x: Option<&TokInfo>| x.map_or(BOUNDARY, |x| x.suf[2]);
    // One capacity check for the features every token has.
    out.extend_from_slice(&[
        f1(T_L_M1, lw(m1)),
        f1(T_L_P1, lw(p1)),
        f1(T_L_M2, lw(m2)),
        f1(T_L_P2, lw(p2)),
        f1(T_S_M1, sh(m1)),
        f1(T_S_P1, sh(p1)),
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
        f1(T_WX_M1, wx(m1)),
        f1(T_WX_P1, wx(p1)),
        f1(T_S_M2, ss(m2)),
        f1(T_S_P2, ss(p2)),
        f1(T_SUF_M1, suf3(m1)),
        f1(T_SUF_P1, suf3(p1)),
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
    if let Some(m) = m1 {
        let mut g = m.gaz;
        while g != 0 {
            let b = g.trailing_zeros() as u64;
            g &= g - 1;
            out.push(f1(T_GAZ_M1, b));
        }
    }
    if let Some(p) = p1 {
        let mut g = p.gaz;
        while g != 0 {
            let b = g.trailing_zeros() as u64;
            g &= g - 1;
            out.push(f1(T_GAZ_P1, b));
        }
    }
    // A capitalised organisation word (Inc, Party, University, ...) a few tokens ahead or
    // behind: the token is likely inside the same organisation name.
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
    // The neighbours' GloVe clusters (8-bit paths), with this token's short shape.
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

/// The features of document evidence `d` (non-zero) on a token of shape `short_shape`.
#[inline]
/// The low 4 bits of `d` are the label evidence, bits 4 and 5 the case evidence, bits 6..9
/// the label of longer entities the word ends, bits 10..12 the label of the longest entity
/// holding it, bits 13..14 the pronouns that follow it (see
/// [`super::doc_evidence`]). Absent features are 0.
pub(crate) fn doc_features(d: u16, short_shape: u64) -> [u32; 6] {
    let label = (d & 15) as u64;
    let case = ((d >> 4) & 3) as u64;
    let last = ((d >> 6) & 15) as u64;
    let inside = ((d >> 10) & 7) as u64;
    let pron = (d >> 13) as u64;
    let mut out = [0; 6];
    if pron != 0 {
        out[5] = f2(T_DOC_PRON, pron, short_shape);
    }
    if inside != 0 {
        out[4] = f2(T_DOC_IN, inside, short_shape);
    }
    if last != 0 {
        out[3] = f2(T_DOC_LAST, last, short_shape);
    }
    if label != 0 {
        out[0] = f1(T_DOC, label);
        out[1] = f2(T_DOC_SHAPE, label, short_shape);
    }
    if case != 0 {
        out[2] = f2(T_DOC_CASE, case, short_shape);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(i: &TokInfo) -> String {
        format!(
            "{} {} {} {} {:?} {:?} {} {} {}",
            i.word, i.lower, i.shape, i.short_shape, i.pre, i.suf, i.flags, i.len, i.marked
        )
    }

    /// The ASCII path of `token_info` gives exactly what the character path gives.
    #[test]
    fn ascii_token_info_matches_the_character_path() {
        let mut words: Vec<String> = [
            "",
            "a",
            "I",
            "the",
            "The",
            "THE",
            "McDonald",
            "iPhone",
            "U.S.",
            "U.S",
            "1999",
            "3.5%",
            "F-16",
            "--",
            "...",
            "`",
            "``",
            "'s",
            "n't",
            "e-mail",
            "O'Neill",
            "A1b2C3",
            "x86_64",
            "#tag",
            "@user",
            "http://www.example.com/a?b=c",
            "\t",
            "~!@#$%^&*()",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        words.push("Ab".repeat(40));
        words.push(format!("{}Z", "q".repeat(70)));
        words.push("`".repeat(65));
        words.push("a\u{1}b\u{7f}C".to_string());
        // Every printable character, alone, doubled and inside a word.
        for b in 0x20u8..0x7f {
            let c = b as char;
            words.push(c.to_string());
            words.push(format!("{c}{c}"));
            words.push(format!("Ab{c}cD{c}"));
        }
        // Pseudo-random ASCII strings of 1 to 80 bytes.
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..2000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let n = 1 + (x % 80) as usize;
            let s: String = (0..n)
                .map(|k| ((x >> (k % 57)) as u8 % 96 + 0x20).min(0x7e) as char)
                .collect();
            words.push(s);
        }
        for w in &words {
            assert!(w.is_ascii());
            let (mut a, mut b) = (TokInfo::default(), TokInfo::default());
            let ca = token_info_ascii(w.as_bytes(), &mut a);
            let cb = token_info_chars(w, &mut b);
            assert_eq!((ca, fields(&a)), (cb, fields(&b)), "{w:?}");
            assert_eq!(token_marks(w), (b.marked, cb.0, cb.1), "{w:?}");
        }
        // And the marks of non-ASCII tokens.
        for w in [
            "École", "東京", "naïve", "ÉCOLE", "straße", "’s", "Ⅻ", "ǅemal",
        ] {
            let mut b = TokInfo::default();
            let cb = token_info_chars(w, &mut b);
            assert_eq!(token_marks(w), (b.marked, cb.0, cb.1), "{w:?}");
        }
    }

    #[test]
    fn organisation_words_ahead_and_case_buckets_are_features() {
        let mut sf = SentenceFeatures::new();
        let toks = ["shares", "of", "Acme", "Widget", "Inc", "rose"];
        sf.prepare(&toks, &Lexicons::empty());
        let mut plain = Vec::new();
        token_features(&sf, 2, &mut plain);
        // Mark "Inc" as an organisation word (list 6) and "Acme" with a case bucket.
        sf.info[4].gaz |= ORG_WORD_BIT;
        sf.info[2].case = 1;
        let mut marked = Vec::new();
        token_features(&sf, 2, &mut marked);
        let ahead = f2(T_ORGW_AHEAD, 2, sf.info[2].short_shape);
        assert!(marked.contains(&ahead) && !plain.contains(&ahead));
        assert!(marked.contains(&f2(T_CASE, 1, sf.info[2].short_shape)));
        assert_eq!(marked.len(), plain.len() + 3);
        // A lower-case organisation word ("party") does not count.
        sf.info[4].flags &= !F_INIT_CAP;
        let mut lower = Vec::new();
        token_features(&sf, 2, &mut lower);
        assert!(!lower.contains(&ahead));
    }
}
