//! Tokens, sentences and paragraphs of a (cleaned) text.
//!
//! Tokenisation follows the conventions of the CoNLL-2003 data the tagger is trained on:
//! punctuation and quote marks are tokens of their own, abbreviations keep their period
//! (`U.S.`, `Mr.`, `Sept.`), the possessive and other clitics are split (`Iran` `'s`,
//! `do` `n't`), currency signs are split from amounts, and hyphenated words stay whole.
//! Every stage works in time linear in the length of the text.

use crate::span::Span;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, possibly with digits, hyphens, apostrophes or periods inside.
    Word,
    /// Starts with a digit.
    Number,
    /// A quotation mark: `" “ ” „ « » ‹ ›`, and single marks `' ‘ ’ ‚` standing alone.
    Quote,
    /// Other punctuation: `. , ; : ! ? ( ) — …`.
    Punct,
    /// Anything else (`$`, `%`, `@handle`, emoji).
    Symbol,
}

/// A token: a byte span of the text and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// A sentence: its span and the range of its tokens in [`Doc::tokens`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Range<usize>,
}

/// A paragraph: text between blank lines, with the range of its sentences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    pub sentences: Range<usize>,
}

/// A tokenised text.
#[derive(Clone, Debug)]
pub struct Doc<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub paragraphs: Vec<Paragraph>,
}

impl<'a> Doc<'a> {
    /// Tokenises `text` and splits it into sentences and paragraphs.
    pub fn new(text: &'a str) -> Doc<'a> {
        let bytes = text.as_bytes();
        let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
        // For each token: the number of newlines between it and the previous token.
        let mut breaks = Vec::with_capacity(text.len() / 5 + 1);
        let mut trailing = Vec::new();
        let mut newlines = 0usize;
        let mut chunk_start = None;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // White space: ASCII bytes directly, other chars decoded.
            let (space, width) = if b < 0x80 {
                (matches!(b, b' ' | b'\t'..=b'\r'), 1)
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                (c.is_whitespace(), c.len_utf8())
            };
            if space {
                if let Some(s) = chunk_start.take() {
                    tokenize_chunk(
                        text,
                        s,
                        i,
                        &mut tokens,
                        &mut breaks,
                        &mut trailing,
                        newlines,
                    );
                    newlines = 0;
                }
                if b == b'\n' {
                    newlines += 1;
                }
            } else if chunk_start.is_none() {
                chunk_start = Some(i);
            }
            i += width;
        }
        if let Some(s) = chunk_start {
            let end = text.len();
            tokenize_chunk(
                text,
                s,
                end,
                &mut tokens,
                &mut breaks,
                &mut trailing,
                newlines,
            );
        }
        let (sentences, paragraphs) = split_sentences(text, &tokens, &breaks);
        Doc {
            text,
            tokens,
            sentences,
            paragraphs,
        }
    }

    /// The text of token `i`.
    pub fn token_str(&self, i: usize) -> &'a str {
        self.tokens[i].span.slice(self.text)
    }

    /// The tokens of sentence `s`.
    pub fn sentence_tokens(&self, s: usize) -> &[Token] {
        &self.tokens[self.sentences[s].tokens.clone()]
    }

    /// The text of every token, sentence by sentence (what the tagger reads).
    pub fn sentence_texts(&self) -> Vec<Vec<&'a str>> {
        (0..self.sentences.len())
            .map(|s| {
                self.sentence_tokens(s)
                    .iter()
                    .map(|t| t.span.slice(self.text))
                    .collect()
            })
            .collect()
    }

    /// The index of the sentence that holds token `t`.
    pub fn sentence_of(&self, t: usize) -> usize {
        self.sentences
            .partition_point(|s| s.tokens.end <= t)
            .min(self.sentences.len().saturating_sub(1))
    }

    /// The index of the first token starting at or after byte `at`.
    pub fn token_at_or_after(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < at)
    }
}

/// Is `c` a quotation mark (double or single, any style)?
pub fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '“'
            | '”'
            | '„'
            | '‟'
            | '«'
            | '»'
            | '\''
            | '‘'
            | '’'
            | '‚'
            | '‛'
            | '‹'
            | '›'
            | '`'
            | '´'
    )
}

fn is_open_punct(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '<' | '¿' | '¡') || is_quote_char(c) || is_dash(c)
}

fn is_close_punct(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | '>' | ',' | ';' | ':' | '!' | '?' | '…' | '.'
    ) || is_quote_char(c)
        || is_dash(c)
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―' | '‒')
}

/// Abbreviations that keep their final period (lowercased, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "gov",
    "sen", "rep", "reps", "sens", "pres", "st", "jr", "sr", "rev", "hon", "supt", "atty", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "co", "corp", "inc", "ltd", "bros",
    "no", "nos", "vs", "v", "etc", "ft", "mt", "ave", "blvd", "rd", "approx", "dept", "est", "fig",
    "al", "cf", "ca", "e.g", "i.e", "a.m", "p.m", "u.s", "u.k", "u.n", "ariz", "calif", "colo",
    "conn", "fla", "ga", "ill", "ind", "kan", "ky", "la", "mass", "md", "mich", "minn", "miss",
    "mo", "mont", "neb", "nev", "okla", "ore", "pa", "penn", "tenn", "tex", "va", "vt", "wash",
    "wis", "wyo",
];

/// Does `word` (without its final period) keep the period as part of the token?
fn keeps_period(word: &str) -> bool {
    if word.is_empty() || word.len() > 12 {
        return false;
    }
    // A single letter: an initial ("John F. Kennedy").
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic();
    }
    // Dotted initials: U.S, U.N, a.m, D.C
    if word.contains('.')
        && word
            .split('.')
            .all(|p| !p.is_empty() && p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
    {
        return true;
    }
    if word.is_ascii() {
        // No allocation: ASCII case folding is all `to_lowercase` does to ASCII.
        return ABBREVIATIONS
            .iter()
            .any(|a| a.len() == word.len() && a.eq_ignore_ascii_case(word));
    }
    // Some non-ASCII letters lower-case to ASCII (the Kelvin sign to `k`).
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Clitics split off the end of a word, longest first, with either apostrophe (`'` or `’`).
const CLITICS: &[&str] = &[
    "n't", "n’t", "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'m", "’m", "'d", "’d",
];

/// Splits the non-space text `text[start..end]` into tokens. `trailing` is scratch space.
fn tokenize_chunk(
    text: &str,
    start: usize,
    end: usize,
    tokens: &mut Vec<Token>,
    breaks: &mut Vec<usize>,
    trailing: &mut Vec<(usize, usize)>,
    newlines: usize,
) {
    let bytes = text.as_bytes();
    let first = tokens.len();
    let mut s = start;
    let mut e = end;
    // Leading punctuation.
    while s < e {
        let c = first_char(text, s);
        if is_open_punct(c) || (matches!(c, '$' | '£' | '€' | '¥' | '#') && s + c.len_utf8() < e)
        {
            // A leading apostrophe before digits is part of a year ('90s).
            if matches!(c, '\'' | '’')
                && bytes
                    .get(s + c.len_utf8())
                    .is_some_and(|d| s + c.len_utf8() < e && d.is_ascii_digit())
            {
                break;
            }
            // Keep '#' and '$' glued to hashtags only when followed by letters.
            if c == '#' {
                break;
            }
            push(text, tokens, s, s + c.len_utf8());
            s += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing punctuation, collected in reverse.
    trailing.clear();
    while s < e {
        let c = last_char(text, e);
        let cs = e - c.len_utf8();
        if c == '.' {
            // "..." and runs of periods.
            if cs > s && bytes[cs - 1] == b'.' {
                let mut p = cs;
                while p > s && bytes[p - 1] == b'.' {
                    p -= 1;
                }
                trailing.push((p, e));
                e = p;
                continue;
            }
            if keeps_period(&text[s..cs]) {
                break;
            }
            trailing.push((cs, e));
            e = cs;
        } else if is_close_punct(c) {
            // A closing apostrophe after s is a possessive ("Clintons'"): its own token.
            trailing.push((cs, e));
            e = cs;
        } else {
            break;
        }
    }
    // The core: split inner dashes, "--", "/" between words is kept.
    if s < e {
        split_core(text, s, e, tokens);
    }
    for &(a, b) in trailing.iter().rev() {
        push(text, tokens, a, b);
    }
    if tokens.len() > first {
        breaks.push(newlines);
        breaks.extend(std::iter::repeat_n(0, tokens.len() - first - 1));
    }
}

/// The char starting at byte `at` (a char boundary before the end).
#[inline]
fn first_char(text: &str, at: usize) -> char {
    match text.as_bytes().get(at) {
        Some(&b) if b < 0x80 => b as char,
        _ => text[at..].chars().next().unwrap_or(' '),
    }
}

/// The char ending at byte `at` (a char boundary after the start).
#[inline]
fn last_char(text: &str, at: usize) -> char {
    match at.checked_sub(1).map(|i| text.as_bytes()[i]) {
        Some(b) if b < 0x80 => b as char,
        _ => text[..at].chars().next_back().unwrap_or(' '),
    }
}

/// Splits a core word at inner dashes and ellipses and splits off clitics.
fn split_core(text: &str, s: usize, e: usize, tokens: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut piece = s;
    let mut at = s;
    while at < e {
        let b = bytes[at];
        let (c, w) = if b < 0x80 {
            (b as char, 1)
        } else {
            let c = first_char(text, at);
            (c, c.len_utf8())
        };
        let sep_len = if b < 0x80 {
            match b {
                b'-' if bytes.get(at + 1) == Some(&b'-') && at + 1 < e => {
                    bytes[at..e].iter().take_while(|&&x| x == b'-').count()
                }
                b'"' | b'(' | b')' => 1,
                _ => 0,
            }
        } else if is_dash(c) || matches!(c, '…' | '“' | '”' | '«' | '»') {
            w
        } else {
            0
        };
        if sep_len > 0 {
            word_with_clitics(text, piece, at, tokens);
            push(text, tokens, at, at + sep_len);
            piece = at + sep_len;
            at += sep_len;
        } else {
            at += w;
        }
    }
    word_with_clitics(text, piece, e, tokens);
}

fn word_with_clitics(text: &str, s: usize, e: usize, tokens: &mut Vec<Token>) {
    if s >= e {
        return;
    }
    let word = &text.as_bytes()[s..e];
    // Every clitic ends in one of these letters.
    if matches!(
        word[word.len() - 1].to_ascii_lowercase(),
        b's' | b't' | b'e' | b'l' | b'm' | b'd'
    ) {
        for clitic in CLITICS {
            let p = clitic.as_bytes();
            if word.len() > p.len()
                && text.is_char_boundary(e - p.len())
                && word[word.len() - p.len()..].eq_ignore_ascii_case(p)
            {
                let cut = e - p.len();
                push(text, tokens, s, cut);
                push(text, tokens, cut, e);
                return;
            }
        }
    }
    // "Clintons'" handled by trailing punctuation; currency inside ("US$5") stays.
    push(text, tokens, s, e);
}

fn push(text: &str, tokens: &mut Vec<Token>, s: usize, e: usize) {
    if s >= e {
        return;
    }
    let t = &text[s..e];
    let c = first_char(text, s);
    let single = c.len_utf8() == t.len();
    let kind = if c.is_ascii_digit() {
        TokenKind::Number
    } else if single && is_quote_char(c) || t == "''" || t == "``" {
        TokenKind::Quote
    } else if c.is_alphanumeric() {
        // Starts with a letter: a word.
        TokenKind::Word
    } else if t.chars().any(char::is_alphanumeric) {
        if c == '\'' || c == '’' {
            TokenKind::Word
        } else {
            TokenKind::Symbol
        }
    } else if t
        .chars()
        .all(|c| c.is_ascii_punctuation() || is_dash(c) || c == '…' || is_quote_char(c))
    {
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    };
    tokens.push(Token {
        span: Span::new(s, e),
        kind,
    });
}

fn is_terminal(t: &str) -> bool {
    matches!(t, "." | "!" | "?" | "…" | "..." | "?!" | "!?")
        || t.chars().all(|c| c == '.') && t.len() > 1
}

fn starts_sentence(t: &str, kind: TokenKind) -> bool {
    let c = t.chars().next().unwrap_or(' ');
    c.is_uppercase()
        || kind == TokenKind::Number
        || kind == TokenKind::Quote
        || matches!(c, '(' | '[' | '—' | '–' | '-' | '¿' | '¡')
        || !c.is_alphabetic() && !c.is_ascii_punctuation()
}

/// Splits tokens into sentences (terminal punctuation before a capitalised word, or a line
/// break) and paragraphs (a blank line).
fn split_sentences(
    text: &str,
    tokens: &[Token],
    breaks: &[usize],
) -> (Vec<Sentence>, Vec<Paragraph>) {
    let mut sentences = Vec::new();
    let mut paragraphs = Vec::new();
    let mut sent_start = 0;
    let mut para_start = 0;
    let close = |sentences: &mut Vec<Sentence>, a: usize, b: usize| {
        if a < b {
            sentences.push(Sentence {
                span: Span::new(tokens[a].span.start, tokens[b - 1].span.end),
                tokens: a..b,
            });
        }
    };
    for i in 1..=tokens.len() {
        let para_break = i == tokens.len() || breaks[i] >= 2;
        let mut sent_break = para_break || breaks[i] >= 1;
        if !sent_break {
            // Terminal punctuation, possibly followed by closing quotes/brackets, before a
            // token that starts a sentence.
            // (At most three closing marks are looked through, keeping this linear.)
            let mut j = i;
            while j > sent_start + 1 && i - j < 3 {
                let t = tokens[j - 1].span.slice(text);
                if tokens[j - 1].kind == TokenKind::Quote || matches!(t, ")" | "]") {
                    j -= 1;
                } else {
                    break;
                }
            }
            let prev = tokens[j - 1].span.slice(text);
            let next = tokens[i].span.slice(text);
            let ends = is_terminal(prev);
            // A quote mark glued to the terminal (`Yes."`) closes the quote: no break before it.
            let glued_quote = j == i
                && tokens[i].kind == TokenKind::Quote
                && tokens[i - 1].span.end == tokens[i].span.start;
            if ends && !glued_quote && starts_sentence(next, tokens[i].kind) {
                sent_break = true;
            }
        }
        if sent_break {
            close(&mut sentences, sent_start, i);
            sent_start = i;
        }
        if para_break && !sentences.is_empty() && para_start < sentences.len() {
            let first = &sentences[para_start];
            let last = &sentences[sentences.len() - 1];
            paragraphs.push(Paragraph {
                span: Span::new(first.span.start, last.span.end),
                sentences: para_start..sentences.len(),
            });
            para_start = sentences.len();
        }
    }
    (sentences, paragraphs)
}

#[cfg(test)]
#[path = "text_reference.rs"]
mod reference;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The fast tokenizer gives exactly what the reference (the slower original) gives.
    fn same_as_reference(text: &str) {
        let fast = Doc::new(text);
        let slow = reference::doc(text);
        assert_eq!(fast.tokens, slow.tokens, "tokens of {text:?}");
        assert_eq!(fast.sentences, slow.sentences, "sentences of {text:?}");
        assert_eq!(fast.paragraphs, slow.paragraphs, "paragraphs of {text:?}");
    }

    #[test]
    fn tokens_pinned_against_the_reference_on_tricky_text() {
        for t in [
            "Don't won't I'M HE'S we’re they’VE she'll I'd 'S n't 's x's",
            "U.S. a.m. p.m. Mr. MR. Sept. sept. e.g. i.e. D.C. Calif. \u{212a}y. Straße. İst.",
            "end... wait.... ?! !? \"Yes.\" (no). [a] {b} <c> «d» ‹e› „f“ ‚g‘ `h´",
            "al-Sudani—Reuters -- x---y a–b c―d e‒f …g h…i “j”k l\"m n(o)p",
            "$5 £6 €7 ¥8 #tag $ # 'tis '90s ’90s Clintons' 100,000 3.5% @handle 😀x",
            "\u{a0}nbsp\u{2009}thin\u{3000}ideo\u{85}nel\u{b}vt\u{c}ff\u{1c}fs\r\n\r\nnext",
            "Mr. Smith went.\n\nHe said \"Yes.\" Then left.\nA new line\n\n\n\nfar",
            "",
            "\n",
            ".",
            "..",
            "'",
            "’",
            "-",
            "--",
            "—",
            "a\u{0}b",
            "x.",
            ". . .",
        ] {
            same_as_reference(t);
        }
    }

    /// Every PolNeAR text (train and dev) from `../shared`, when it is there.
    #[test]
    fn tokens_pinned_against_the_reference_on_polnear() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/polnear");
        let mut n = 0;
        for split in ["dev", "train"] {
            let Ok(dir) = std::fs::read_dir(root.join(split).join("text")) else {
                eprintln!("skipped: {} not found", root.display());
                return;
            };
            for e in dir.flatten() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    same_as_reference(&t);
                    n += 1;
                }
            }
        }
        assert!(n > 0);
    }

    fn tricky_char() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => prop::sample::select(vec![
                'a', 'B', 'n', 't', 'T', 's', 'S', 'e', 'l', 'm', 'd', 'r', 'v', 'M', 'U', 'p',
                '1', '9', ' ', ' ', '\n', '\t', '\r', '.', '.', ',', ';', ':', '!', '?', '\'',
                '’', '‘', '"', '“', '”', '«', '»', '-', '—', '–', '…', '(', ')', '[', ']', '$',
                '£', '#', '@', '%', '/', '\u{a0}', '\u{2009}', '\u{3000}', '\u{85}', 'é',
                'İ', '\u{212a}', '😀', '\u{0}', '`', '´',
            ]),
            1 => any::<char>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn tokens_pinned_against_the_reference_on_random_text(
            cs in prop::collection::vec(tricky_char(), 0..80)
        ) {
            let t: String = cs.into_iter().collect();
            same_as_reference(&t);
        }
    }

    fn toks(text: &str) -> Vec<&str> {
        let d = Doc::new(text);
        d.tokens.iter().map(|t| t.span.slice(text)).collect()
    }

    #[test]
    fn conll_style_tokens() {
        assert_eq!(
            toks("U.S. Secretary Mike Pompeo's aides said: \"No,\" (twice)."),
            vec![
                "U.S.",
                "Secretary",
                "Mike",
                "Pompeo",
                "'s",
                "aides",
                "said",
                ":",
                "\"",
                "No",
                ",",
                "\"",
                "(",
                "twice",
                ")",
                "."
            ]
        );
        assert_eq!(toks("don’t"), vec!["do", "n’t"]);
        assert_eq!(
            toks("$100,000 in 2012."),
            vec!["$", "100,000", "in", "2012", "."]
        );
        assert_eq!(
            toks("al-Sudani—Reuters said… Mr. X"),
            vec!["al-Sudani", "—", "Reuters", "said", "…", "Mr.", "X"]
        );
        assert_eq!(toks("“Hello.”"), vec!["“", "Hello", ".", "”"]);
        assert_eq!(toks("the ’90s"), vec!["the", "’90s"]);
    }

    #[test]
    fn sentences_and_paragraphs() {
        let text =
            "Mr. Smith went to Washington. He said \"Yes.\" Then left.\n\nNew paragraph here";
        let d = Doc::new(text);
        let sents: Vec<&str> = d.sentences.iter().map(|s| s.span.slice(text)).collect();
        assert_eq!(
            sents,
            vec![
                "Mr. Smith went to Washington.",
                "He said \"Yes.\"",
                "Then left.",
                "New paragraph here"
            ]
        );
        assert_eq!(d.paragraphs.len(), 2);
        assert_eq!(d.paragraphs[0].sentences, 0..3);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for t in [
            "", "\n\n\n", "\"", "...", "'''", "—", "a\u{0}b", "😀😀", "x.", ". . .",
        ] {
            let d = Doc::new(t);
            for tok in &d.tokens {
                assert!(!tok.span.slice(t).is_empty());
            }
        }
    }
}

/// A hash map keyed by short strings (words, names) with FNV-1a, for which SipHash is slow. For
/// lookups only: nothing iterates one, so the hasher never changes a result.
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// FNV-1a, with a final mix of the high bits down and the low bits up (the table uses both).
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        let h = self.0 ^ (self.0 >> 29);
        h.wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ (h >> 32)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}
