//! The tokenizer as it was before it was made faster (allocation per word), kept for tests
//! only: the fast tokenizer of `text.rs` must give exactly the same tokens, sentences and
//! paragraphs.

// The character classes, the abbreviation list and the sentence splitter did not change: they
// are shared.
use super::{
    is_close_punct, is_dash, is_open_punct, is_quote_char, split_sentences, Doc, Token, TokenKind,
    ABBREVIATIONS,
};
use crate::span::Span;

pub fn doc(text: &str) -> Doc<'_> {
    let mut tokens = Vec::new();
    // For each token: the number of newlines between it and the previous token.
    let mut breaks = Vec::new();
    let mut newlines = 0usize;
    let mut chunk_start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = chunk_start.take() {
                tokenize_chunk(text, s, i, &mut tokens, &mut breaks, newlines);
                newlines = 0;
            }
            if c == '\n' {
                newlines += 1;
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        tokenize_chunk(text, s, text.len(), &mut tokens, &mut breaks, newlines);
    }
    let (sentences, paragraphs) = split_sentences(text, &tokens, &breaks);
    Doc {
        text,
        tokens,
        sentences,
        paragraphs,
    }
}

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
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Clitics split off the end of a word, longest first (apostrophe is `'` or `’`).
const CLITICS: &[&str] = &["n't", "'s", "'re", "'ve", "'ll", "'m", "'d"];

/// Splits the non-space text `text[start..end]` into tokens.
fn tokenize_chunk(
    text: &str,
    start: usize,
    end: usize,
    tokens: &mut Vec<Token>,
    breaks: &mut Vec<usize>,
    newlines: usize,
) {
    let first = tokens.len();
    let mut s = start;
    let mut e = end;
    // Leading punctuation.
    while s < e {
        let c = text[s..e].chars().next().unwrap_or(' ');
        if is_open_punct(c) || (matches!(c, '$' | '£' | '€' | '¥' | '#') && s + c.len_utf8() < e)
        {
            // A leading apostrophe before digits is part of a year ('90s).
            if matches!(c, '\'' | '’')
                && text[s + c.len_utf8()..e]
                    .chars()
                    .next()
                    .is_some_and(|d| d.is_ascii_digit())
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
    let mut trailing: Vec<(usize, usize)> = Vec::new();
    while s < e {
        let c = text[s..e].chars().next_back().unwrap_or(' ');
        let cs = e - c.len_utf8();
        if c == '.' {
            let word = &text[s..cs];
            // "..." and runs of periods.
            if word.ends_with('.') {
                let mut p = cs;
                while p > s && text.as_bytes()[p - 1] == b'.' {
                    p -= 1;
                }
                trailing.push((p, e));
                e = p;
                continue;
            }
            if keeps_period(word) {
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

/// Splits a core word at inner dashes and ellipses and splits off clitics.
fn split_core(text: &str, s: usize, e: usize, tokens: &mut Vec<Token>) {
    let mut piece = s;
    let mut iter = text[s..e].char_indices().peekable();
    while let Some((off, c)) = iter.next() {
        let at = s + off;
        let sep_len = if is_dash(c) || c == '…' {
            c.len_utf8()
        } else if c == '-' && text[at..e].starts_with("--") {
            let n = text[at..e].bytes().take_while(|&b| b == b'-').count();
            for _ in 1..n {
                iter.next();
            }
            n
        } else if matches!(c, '"' | '“' | '”' | '«' | '»' | '(' | ')') {
            c.len_utf8()
        } else {
            0
        };
        if sep_len > 0 {
            word_with_clitics(text, piece, at, tokens);
            push(text, tokens, at, at + sep_len);
            piece = at + sep_len;
        }
    }
    word_with_clitics(text, piece, e, tokens);
}

fn word_with_clitics(text: &str, s: usize, e: usize, tokens: &mut Vec<Token>) {
    if s >= e {
        return;
    }
    let word = &text[s..e];
    for clitic in CLITICS {
        for apostrophe in ['\'', '’'] {
            let pattern: String = clitic.replace('\'', &apostrophe.to_string());
            if word.len() > pattern.len()
                && word.is_char_boundary(word.len() - pattern.len())
                && word[word.len() - pattern.len()..].eq_ignore_ascii_case(&pattern)
            {
                let cut = e - pattern.len();
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
    let mut chars = t.chars();
    let c = chars.next().unwrap_or(' ');
    let single = chars.next().is_none();
    let kind = if c.is_ascii_digit() {
        TokenKind::Number
    } else if single && is_quote_char(c) || t == "''" || t == "``" {
        TokenKind::Quote
    } else if t.chars().any(char::is_alphanumeric) {
        if c.is_alphanumeric() || c == '\'' || c == '’' {
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
