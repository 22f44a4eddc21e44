//! Speakers: the noun phrase next to a cue that names the source of a quote — a name
//! (`Pompeo`, `Secretary of State Mike Pompeo`), a description (`the official`, `a senior
//! Iraqi security official`, `sources`) or a pronoun (`he`).
//!
//! Works on tokens alone (capitalisation, a closed list of function words), so it needs no
//! tagger; the entity a speaker refers to is found afterwards from the mentions.

use super::words::{is_determiner, is_time_word, Lowercase};
use crate::span::Span;
use crate::text::{Doc, TokenKind};

/// Subject pronouns that can be speakers.
pub fn is_pronoun(lower: &str) -> bool {
    matches!(lower, "he" | "she" | "they" | "it" | "we" | "i" | "you")
}

/// Words that end a noun phrase going left or right: function words, verbs that commonly sit
/// next to a subject, adverbs.
fn is_stop(lower: &str) -> bool {
    is_time_word(lower)
        || matches!(
            lower,
            "that"
                | "which"
                | "who"
                | "whom"
                | "whose"
                | "what"
                | "when"
                | "where"
                | "while"
                | "why"
                | "how"
                | "and"
                | "or"
                | "but"
                | "nor"
                | "so"
                | "yet"
                | "if"
                | "as"
                | "because"
                | "although"
                | "though"
                | "since"
                | "until"
                | "unless"
                | "than"
                | "then"
                | "in"
                | "on"
                | "at"
                | "to"
                | "by"
                | "with"
                | "for"
                | "despite"
                | "following"
                | "contrary"
                | "whatever"
                | "whoever"
                | "according"
                | "amid"
                | "via"
                | "per"
                | "from"
                | "into"
                | "onto"
                | "about"
                | "after"
                | "before"
                | "during"
                | "over"
                | "under"
                | "against"
                | "between"
                | "through"
                | "without"
                | "within"
                | "among"
                | "is"
                | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "being"
                | "has"
                | "have"
                | "had"
                | "do"
                | "does"
                | "did"
                | "will"
                | "would"
                | "can"
                | "could"
                | "shall"
                | "should"
                | "may"
                | "might"
                | "must"
                | "not"
                | "n't"
                | "also"
                | "later"
                | "earlier"
                | "once"
                | "again"
                | "still"
                | "maybe"
                | "perhaps"
                | "just"
                | "even"
                | "only"
                | "now"
                | "there"
                | "here"
                | "this"
                | "these"
                | "those"
                | "it"
                | "its"
                | "him"
                | "her"
                | "them"
                | "us"
                | "me"
                | "you"
                | "said"
                | "says"
                | "say"
                | "told"
                | "tells"
                | "reporters"
        )
}

/// Irregular past-tense verbs, which end a noun phrase (`The mayor spoke`).
pub fn is_past_verb(lower: &str) -> bool {
    matches!(
        lower,
        "spoke"
            | "wrote"
            | "went"
            | "came"
            | "took"
            | "gave"
            | "got"
            | "saw"
            | "knew"
            | "thought"
            | "felt"
            | "began"
            | "brought"
            | "held"
            | "kept"
            | "sent"
            | "became"
            | "met"
            | "ran"
            | "grew"
            | "drew"
            | "threw"
            | "chose"
            | "rose"
            | "broke"
            | "stood"
            | "sat"
            | "paid"
            | "sought"
            | "fought"
            | "taught"
            | "caught"
            | "built"
            | "meant"
            | "heard"
            | "hit"
            | "shot"
            | "struck"
            | "swore"
            | "sang"
            | "shook"
            | "forgot"
            | "spent"
    )
}

/// Words that may sit between a subject and its cue (`he also said`, `Trump has said`).
fn is_between(lower: &str) -> bool {
    matches!(
        lower,
        "also"
            | "later"
            | "earlier"
            | "previously"
            | "once"
            | "again"
            | "then"
            | "further"
            | "repeatedly"
            | "recently"
            | "has"
            | "have"
            | "had"
            | "would"
            | "will"
            | "could"
            | "did"
            | "does"
            | "do"
            | "reportedly"
            | "publicly"
            | "privately"
            | "often"
            | "always"
            | "never"
            | "frequently"
            | "first"
            | "simply"
            | "flatly"
            | "quickly"
            | "immediately"
            | "has-since"
            | "since"
            | "just"
            | "is"
            | "was"
            | "are"
            | "were"
            | "had-also"
    )
}

/// A speaker phrase found next to a cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Phrase {
    pub span: Span,
    /// Token range.
    pub start: usize,
    pub end: usize,
    /// A subject pronoun.
    pub pronoun: bool,
    /// Starts with a capital letter (a name).
    pub named: bool,
}

fn is_cap(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// `teachers' union`, `Employers’ group`: the apostrophe of a plural possessive (attached to a
/// word ending in `s`, a space and a noun after it) inside a noun phrase.
fn plural_possessive(doc: &Doc, i: usize) -> bool {
    i > 0
        && i + 1 < doc.tokens.len()
        && doc.tokens[i].kind == TokenKind::Quote
        && matches!(doc.token_str(i), "'" | "’")
        && doc.tokens[i - 1].span.end == doc.tokens[i].span.start
        && doc.token_str(i - 1).ends_with(['s', 'S'])
        && doc.tokens[i + 1].span.start > doc.tokens[i].span.end
        && doc.tokens[i + 1].kind == TokenKind::Word
        && nominal(doc, i + 1)
}

fn nominal(doc: &Doc, i: usize) -> bool {
    let t = &doc.tokens[i];
    let s = doc.token_str(i);
    match t.kind {
        TokenKind::Word => {
            // Acronyms (`US`, `NATO`) are names even when they spell a function word.
            if s.len() >= 2 && s.chars().all(|c| c.is_uppercase() || c == '.') {
                return true;
            }
            let l = s.low();
            // `said Will Doyle`, `Will described …`: the name, not the auxiliary (which
            // opens a question: `Will he …`).
            if l == "will" && is_cap(s) {
                let next = doc.tokens.get(i + 1).map(|_| doc.token_str(i + 1));
                return next.is_some_and(|n| {
                    is_cap(n)
                        || n.chars().all(char::is_lowercase)
                            && !is_pronoun(&n.low())
                            && !is_determiner(&n.low())
                            && !matches!(n, "be" | "not" | "you" | "there" | "it")
                });
            }
            !is_stop(&l)
                && !is_past_verb(&l)
                && !is_pronoun(&l)
                && !is_determiner(&l)
                && (!l.ends_with("ly") || is_cap(s))
                && (is_cap(s)
                    || super::cues::cue_word(&l).is_none()
                        && !(matches!(l.as_str(), "read" | "reads")
                            && super::cues::cue_at(doc, i).is_some())
                    || i > 0 && is_determiner(&doc.token_str(i - 1).low()))
        }
        TokenKind::Number => false,
        _ => false,
    }
}

fn make(doc: &Doc, start: usize, end: usize) -> Option<Phrase> {
    if start >= end {
        return None;
    }
    let first = doc.token_str(start);
    let l = first.low();
    Some(Phrase {
        span: Span::new(doc.tokens[start].span.start, doc.tokens[end - 1].span.end),
        start,
        end,
        pronoun: end - start == 1 && is_pronoun(&l),
        named: (start..end)
            .any(|k| is_cap(doc.token_str(k)) && !is_determiner(&doc.token_str(k).low())),
    })
}

/// The noun phrase that ends right before token `end` (exclusive), not starting before
/// `lo`. Skips words that sit between a subject and its verb (`has`, `also`).
pub fn before(doc: &Doc, end: usize, lo: usize) -> Option<Phrase> {
    let mut j = end;
    let mut skipped = 0;
    while j > lo && skipped < 3 && {
        let w = doc.token_str(j - 1);
        let l = w.low();
        // Adverbs (`he angrily said`) sit there too, and emoji (`Analysts in London 🇬🇧 said`).
        is_between(&l)
            || l.len() > 4 && l.ends_with("ly") && !is_cap(w)
            || doc.tokens[j - 1].kind == TokenKind::Symbol && !w.is_ascii()
    } {
        j -= 1;
        skipped += 1;
    }
    if j <= lo {
        return None;
    }
    let ll = doc.token_str(j - 1).low();
    // `Mr. Sanders, who said …`: the relative pronoun is the source (its antecedent is the
    // entity, see [`antecedent`]).
    if ll == "who" && j - 1 > lo {
        return make(doc, j - 1, j);
    }
    // `Some chanted`, `Yet another said`: a quantifier standing alone as the subject.
    if matches!(
        ll.as_str(),
        "some" | "several" | "many" | "others" | "another" | "most" | "few" | "both" | "all"
    ) && (j - 1 == lo
        || doc.sentence_of(j - 2) != doc.sentence_of(j - 1)
        || matches!(
            doc.token_str(j - 2).low().as_str(),
            "," | "." | ";" | ":" | "and" | "but" | "yet" | "while"
        ))
    {
        return make(doc, j - 1, j);
    }
    // `he's said`, `He’s predicting`: the pronoun before the contraction.
    if matches!(ll.as_str(), "'s" | "’s") && j - 1 > lo && is_pronoun(&doc.token_str(j - 2).low())
    {
        return make(doc, j - 2, j - 1);
    }
    // A parenthetical after the name: `Rep. Trey Gowdy (R-S.C.) said`.
    if doc.token_str(j - 1) == ")" {
        let floor = lo.max(j.saturating_sub(20));
        if let Some(open) = (floor..j - 1).rev().find(|&i| doc.token_str(i) == "(") {
            if open > lo {
                return before(doc, open, lo);
            }
        }
        return None;
    }
    let last = j - 1;
    let ll = doc.token_str(last).low();
    if is_pronoun(&ll) {
        return make(doc, last, j);
    }
    // "X, a doctor, said" / "X, speaking on condition of anonymity, said": the subject
    // stands before the parenthetical commas.
    if doc.token_str(last) == "," {
        if let Some(p) = main_subject(doc, last, lo) {
            return Some(p);
        }
        let mut k = last;
        let floor = lo.max(last.saturating_sub(30));
        while k > floor && !matches!(doc.token_str(k - 1), "," | "." | ";" | ":") {
            if doc.tokens[k - 1].kind == TokenKind::Quote {
                return None;
            }
            k -= 1;
        }
        if k > floor && doc.token_str(k - 1) == "," {
            let p = before(doc, k - 1, lo)?;
            // Only a named or described subject, at the start of its clause.
            let at_start = p.start == lo
                || matches!(
                    doc.token_str(p.start - 1),
                    "." | ";" | ":" | "," | "“" | "\"" | "”" | "—" | "–"
                )
                || doc.sentence_of(p.start) != doc.sentence_of(p.start - 1)
                || is_stop(&doc.token_str(p.start - 1).low());
            return (at_start && !p.pronoun).then_some(p);
        }
        return None;
    }
    // `About four in 10 said`, `one in five`: a proportion as the subject.
    let count = |i: usize| {
        doc.tokens[i].kind == TokenKind::Number
            || matches!(
                doc.token_str(i).low().as_str(),
                "one"
                    | "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "seven"
                    | "eight"
                    | "nine"
                    | "ten"
            )
    };
    if last >= lo + 2 && count(last) && doc.token_str(last - 1) == "in" && count(last - 2) {
        let mut s = last - 2;
        if s > lo
            && matches!(
                doc.token_str(s - 1).low().as_str(),
                "about" | "nearly" | "roughly" | "almost" | "only" | "just" | "some"
            )
        {
            s -= 1;
        }
        return make(doc, s, last + 1);
    }
    let number_head =
        doc.tokens[last].kind == TokenKind::Number && last > lo && doc.token_str(last - 1) == "of";
    if !nominal(doc, last)
        && !number_head
        && doc.token_str(last) != "'s"
        && doc.token_str(last) != "’s"
    {
        return None;
    }
    let mut s = last;
    let mut n = 1;
    while s > lo && n < 12 {
        let p = s - 1;
        let w = doc.token_str(p);
        let l = w.low();
        if is_determiner(&l) {
            s = p;
            // `the author of the book`: go on through `of`.
            let of_before = p > lo + 1
                && matches!(
                    doc.token_str(p - 1).low().as_str(),
                    "of" | "for" | "at" | "from"
                )
                && nominal(doc, p - 2);
            if l != "other" && !of_before {
                break;
            }
        } else if matches!(l.as_str(), "'s" | "’s")
            || plural_possessive(doc, p)
            || nominal(doc, p)
            || doc.tokens[p].kind == TokenKind::Number
            || matches!(l.as_str(), "of" | "for" | "-" | "&")
                && p > lo
                && (nominal(doc, p - 1) || is_cap(doc.token_str(p - 1)))
        {
            s = p;
        } else {
            break;
        }
        n += 1;
    }
    // Don't start with a dangling connective.
    while s < last && matches!(doc.token_str(s).low().as_str(), "of" | "for" | "-") {
        s += 1;
    }
    make(doc, s, last + 1)
}

/// `Officials in Kessenburg said`, `a source at the Pentagon said`: a phrase found after
/// `in`, `at` or `from` is widened to the noun phrase it qualifies, which speaks (`Mayor
/// Ruiz in Valmera`). Unchanged when the word before the preposition is no noun (`born in
/// Ohio`).
pub fn widen_over_place(doc: &Doc, p: Phrase) -> Phrase {
    if p.pronoun || p.start < 2 {
        return p;
    }
    let prep = p.start - 1;
    let sent = doc.sentences[doc.sentence_of(p.start)].tokens.start;
    if prep <= sent || !matches!(doc.token_str(prep).low().as_str(), "in" | "at" | "from") {
        return p;
    }
    if !nominal(doc, prep - 1) {
        return p;
    }
    let Some(q) = before(doc, prep, sent) else {
        return p;
    };
    if q.pronoun || q.end != prep {
        return p;
    }
    Phrase {
        span: q.span.cover(p.span),
        start: q.start,
        end: p.end,
        pronoun: false,
        named: q.named || p.named,
    }
}

/// `Giovanni Vian, the editor of the paper, L'Osservatore, said`: before a cue preceded by
/// the comma at token `comma`, the named phrase that opens the sentence and is set off by a
/// comma is the subject, however many commas its appositives hold. `None` when the sentence
/// opens otherwise (an adverbial, a pronoun) or a quotation or clause end lies between.
fn main_subject(doc: &Doc, comma: usize, lo: usize) -> Option<Phrase> {
    let floor = lo.max(comma.saturating_sub(40));
    let mut s = doc.sentences[doc.sentence_of(comma)]
        .tokens
        .start
        .max(floor);
    while s < comma && doc.tokens[s].kind != TokenKind::Word {
        if doc.tokens[s].kind == TokenKind::Quote && s > floor {
            return None;
        }
        s += 1;
    }
    if (s..comma).any(|i| {
        doc.tokens[i].kind == TokenKind::Quote || matches!(doc.token_str(i), "." | ";" | ":")
    }) {
        return None;
    }
    let p = after(doc, s, comma)?;
    let single = p.end - p.start == 1;
    let l = doc.token_str(p.start).low();
    let adverb = single && (l.ends_with("ly") || ADVERBS.contains(&l.as_str()));
    (p.named && !p.pronoun && !adverb && p.end < comma && doc.token_str(p.end) == ",").then_some(p)
}

/// Capitalised sentence openers that are no subject (`Still, …`).
const ADVERBS: &[&str] = &[
    "still",
    "however",
    "meanwhile",
    "moreover",
    "yet",
    "now",
    "then",
    "instead",
    "indeed",
    "besides",
    "nevertheless",
    "nonetheless",
    "otherwise",
    "thus",
    "today",
    "yesterday",
    "overall",
    "separately",
    "again",
    "also",
    "so",
    "but",
    "and",
    "ironically",
    "first",
    "second",
    "third",
    "finally",
    "last",
    "next",
    "here",
    "there",
    "well",
    "yes",
    "no",
    "sure",
    "ok",
    "okay",
    "anyway",
    "regardless",
];

/// `Mr. Scott, who has in the past called …`: the relative pronoun that is the subject of
/// the cue at token `cue`, when only lowercase words (auxiliaries, adverbs, a short
/// adverbial like `in the past`) stand between them; at most six tokens back, not before
/// `lo`. `which` counts only after a comma (`the report, which notes …`).
pub fn relative_subject(doc: &Doc, cue: usize, lo: usize) -> Option<Phrase> {
    let floor = lo.max(cue.saturating_sub(7));
    let mut j = cue;
    while j > floor {
        j -= 1;
        let t = &doc.tokens[j];
        if t.kind != TokenKind::Word {
            return None;
        }
        let w = doc.token_str(j);
        let l = w.low();
        if l == "who" || l == "which" && j > 0 && doc.token_str(j - 1) == "," {
            // A relative clause, not a question (`Who said …`).
            return (j > lo && w.starts_with(|c: char| c.is_lowercase()))
                .then(|| make(doc, j, j + 1))
                .flatten();
        }
        if is_cap(w) || matches!(l.as_str(), "that" | "and" | "but" | "or" | "to") || is_pronoun(&l)
        {
            return None;
        }
    }
    None
}

/// The noun phrase a relative `who` at token `who` stands for: `Mr. Sanders, who …`.
pub fn antecedent(doc: &Doc, who: usize) -> Option<Phrase> {
    let mut e = who;
    if e > 0 && doc.token_str(e - 1) == "," {
        e -= 1;
    }
    let p = before(doc, e, who.saturating_sub(12))?;
    (!p.pronoun && p.end == e).then_some(p)
}

/// The noun phrase that starts at token `start`, not reaching `hi` (exclusive).
pub fn after(doc: &Doc, start: usize, hi: usize) -> Option<Phrase> {
    if start >= hi {
        return None;
    }
    let w = doc.token_str(start);
    let l = w.low();
    if is_pronoun(&l) {
        return make(doc, start, start + 1);
    }
    // A connective opens no phrase (`Of Carson, Levine said`).
    if matches!(l.as_str(), "of" | "for") {
        return None;
    }
    let numbered =
        doc.tokens[start].kind == TokenKind::Number && start + 1 < hi && nominal(doc, start + 1);
    // `this source`, `these officials`: a demonstrative before a lowercase noun.
    let demonstrative = matches!(l.as_str(), "this" | "these" | "those")
        && start + 1 < hi
        && nominal(doc, start + 1)
        && !is_cap(doc.token_str(start + 1));
    if !(is_determiner(&l) || nominal(doc, start) || numbered || demonstrative) {
        return None;
    }
    let mut e = start + 1;
    let mut n = 1;
    while e < hi && n < 12 {
        let w = doc.token_str(e);
        let l = w.low();
        // A past-tense verb after the head (`Pompeo ordered`), not an adjective after a
        // determiner (`the embattled leader`).
        let verb_like = !is_cap(w)
            && (l.ends_with("ed") || l.ends_with("es"))
            && !is_determiner(&doc.token_str(e - 1).low());
        if verb_like {
            break;
        }
        let connective = matches!(l.as_str(), "of" | "for" | "-" | "&")
            && e + 1 < hi
            && (nominal(doc, e + 1) || is_determiner(&doc.token_str(e + 1).low()));
        let after_of = is_determiner(&l) && doc.token_str(e - 1).eq_ignore_ascii_case("of");
        if nominal(doc, e)
            || matches!(l.as_str(), "'s" | "’s")
            || plural_possessive(doc, e)
            || doc.tokens[e].kind == TokenKind::Number && e + 1 < hi && nominal(doc, e + 1)
            || connective
            || after_of
        {
            e += 1;
        } else {
            break;
        }
        n += 1;
    }
    // Trailing connectives or determiners are not part of it.
    while e > start + 1 {
        let l = doc.token_str(e - 1).low();
        if matches!(l.as_str(), "of" | "for" | "-" | "&") || is_determiner(&l) {
            e -= 1;
        } else {
            break;
        }
    }
    let p = make(doc, start, e)?;
    // A bare determiner is no phrase.
    if p.end - p.start == 1 && (is_determiner(&l) || demonstrative) {
        return None;
    }
    Some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_tok(d: &Doc, w: &str) -> usize {
        (0..d.tokens.len()).find(|&i| d.token_str(i) == w).unwrap()
    }

    #[test]
    fn phrases_before_and_after() {
        let t = "Secretary of State Mike Pompeo also said it.";
        let d = Doc::new(t);
        let p = before(&d, find_tok(&d, "said"), 0).unwrap();
        assert_eq!(p.span.slice(t), "Secretary of State Mike Pompeo");
        let t = "It is over, a senior Iraqi security official said.";
        let d = Doc::new(t);
        let p = before(&d, find_tok(&d, "said"), 0).unwrap();
        assert_eq!(p.span.slice(t), "a senior Iraqi security official");
        let t = "Hugh Hill, a doctor, said: yes.";
        let d = Doc::new(t);
        let p = before(&d, find_tok(&d, "said"), 0).unwrap();
        assert_eq!(p.span.slice(t), "Hugh Hill");
        let t = "It is over, said the official in Basra.";
        let d = Doc::new(t);
        let p = after(&d, find_tok(&d, "said") + 1, d.tokens.len()).unwrap();
        assert_eq!(p.span.slice(t), "the official");
        let t = "It is over, he said.";
        let d = Doc::new(t);
        let p = before(&d, find_tok(&d, "said"), 0).unwrap();
        assert!(p.pronoun);
        assert_eq!(p.span.slice(t), "he");
    }
}
