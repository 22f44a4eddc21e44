//! Quotations: direct quotes in quote marks, partial quotes and reported speech, with their
//! cue and speaker.
//!
//! 1. [`marks`] finds the quoted spans (every mark style, nesting, multi-paragraph).
//! 2. Each top-level quotation looks for its cue ([`cues`]) after it (`…,” he said`), before
//!    it (`He said: “…`), or at the end of the previous paragraph (a colon lead-in); the
//!    speaker ([`speakers`]) is the noun phrase next to the cue. A quote that goes on after
//!    its cue (`“…,” he said, “…”`) is one quote with several pieces; so are further quotes
//!    of the same paragraph that have no cue of their own.
//! 3. Quoted words inside a sentence that reports speech (`Bolton promised there would be
//!    “hell to pay”`) make a `partial` quote whose content is the reported clause.
//! 4. Sentences without marks that report speech (`X said that …`, `…, X said.`,
//!    `according to X, …`) make `indirect` quotes; so do speech named by its topic or
//!    stance (`X talked about …`, `X called for …`, `X endorsed …`, `X’s claim that …`),
//!    questions (`Asked whether …`) and refusals (`X declined to comment`). A second report
//!    inside one (`…, citing …`, `… and accused …`) is a quote of its own. Then a sequence
//!    labeller trained on PolNeAR ([`labeller`]) tags the cue, content and source of the
//!    reports the rules missed (`Polls show …`, `Republicans want …`) in sentences without
//!    quotation marks.
//! 5. A short first line is read as a headline: `Name: …`, `Name Says …`, `…, Name Says`.
//! 6. Speakers are tied to entities: the person in the speaker phrase or the mention at its
//!    head, or for a pronoun the entity it refers to ([`crate::entities::Resolver`]).
//!
//! `confidence` says how sure the attribution is: about 0.9 for a quote with its cue right
//! after it, 0.85 before it, 0.7 for a partial quote or `X said that …`, 0.5–0.6 for
//! guesses (a quoted phrase given to the subject of its sentence, a paragraph that goes on
//! with the last speaker, reported speech found by the sentence subject alone), 0.1–0.3
//! for quoted words with no speech around them (scare quotes, titles). [`CONFIDENT`] is the
//! line below which a quote is a guess; `cargo xtask eval quotes` scores the quotes at or
//! above it.
//!
//! Everything is linear in the length of the text: each quotation and sentence looks at a
//! bounded window of tokens.

pub mod cues;
pub mod labeller;
pub mod marks;
pub mod speakers;
pub mod words;

use crate::entities::{Entity, Mention, Resolver};
use crate::span::Span;
use crate::text::{Doc, TokenKind};
use cues::{cue_at, CueClass, CueMatch};
use serde::{Deserialize, Serialize};
use speakers::Phrase;
use words::Lowercase;

/// How a quotation is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// The content is entirely quoted.
    Direct,
    /// Quoted words inside reported speech.
    Partial,
    /// Reported speech without quote marks.
    Indirect,
}

/// Who said it: a span of the text and the entity it refers to, when known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Speaker {
    pub span: Span,
    /// Index into the entity list.
    pub entity: Option<usize>,
}

/// One quotation.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    pub kind: QuoteKind,
    /// The quoted pieces, without their quote marks, in text order.
    pub content: Vec<Span>,
    pub cue: Option<Span>,
    pub speaker: Option<Speaker>,
    pub confidence: f32,
    /// For a quotation inside a quotation (`“She told me, ‘Never,’ and left,” he said`): the
    /// index, in the list [`extract`] returns, of the quote whose content holds it.
    pub within: Option<usize>,
}

/// Confidence below which a quote is a guess (scare quotes, titles, unattributed marks).
pub const CONFIDENT: f32 = 0.5;

/// The confidence of a quoted phrase given to the subject of its sentence when the word
/// after the subject does not look like a verb.
const GUESS_NO_VERB: f32 = 0.35;

/// How far (in tokens) a cue may be from its quotation.
const WINDOW: usize = 14;

struct Ctx<'d, 'a> {
    doc: &'d Doc<'a>,
    /// Byte offset where each line starts.
    lines: Vec<usize>,
    resolver: Resolver<'d>,
    /// Outer spans of the top-level quotations, sorted.
    quoted: Vec<Span>,
    /// The cue starting at each token ([`cue_at`]), computed once.
    cues: Vec<Option<CueMatch>>,
}

impl Ctx<'_, '_> {
    fn line_of(&self, at: usize) -> usize {
        self.lines.partition_point(|&s| s <= at).saturating_sub(1)
    }

    fn line_span(&self, line: usize) -> Span {
        let start = self.lines[line];
        let end = self
            .lines
            .get(line + 1)
            .map_or(self.doc.text.len(), |&n| n - 1);
        Span::new(start, end.max(start))
    }

    fn in_quote(&self, span: Span) -> bool {
        let k = self.quoted.partition_point(|q| q.end <= span.start);
        self.quoted.get(k).is_some_and(|q| q.overlaps(span))
    }

    /// The cue starting at token `i`.
    fn cue(&self, i: usize) -> Option<CueMatch> {
        self.cues.get(i).copied().flatten()
    }

    fn tok(&self, i: usize) -> &str {
        self.doc.token_str(i)
    }

    /// Does token `i` end a sentence (`.` not inside `(D-Wis.)` or before a comma)?
    fn terminal(&self, i: usize) -> bool {
        if !self.is_punct(i, &[".", "!", "?", ";"]) {
            return false;
        }
        match self.doc.tokens.get(i + 1) {
            None => true,
            Some(_) => {
                let n = self.tok(i + 1);
                !(matches!(n, "," | ")" | "]") || n.chars().next().is_some_and(char::is_lowercase))
            }
        }
    }

    fn is_punct(&self, i: usize, set: &[&str]) -> bool {
        i < self.doc.tokens.len() && set.contains(&self.tok(i))
    }

    /// Is token `i` the dash of a dateline (`—`, `–`, `--`, or a hyphen with spaces around
    /// it: `OSLO (Reuters) - …`)?
    fn dateline_dash(&self, i: usize) -> bool {
        self.is_punct(i, &["—", "–", "--"])
            || self.is_punct(i, &["-"]) && {
                let t = self.doc.tokens[i].span;
                self.doc.text[..t.start].ends_with(' ') && self.doc.text[t.end..].starts_with(' ')
            }
    }

    /// `“…,” officials in Kessenburg said`: a phrase followed by in/at/from, a noun phrase and
    /// the cue takes that place in.
    fn place_before_cue(&self, p: Phrase) -> Phrase {
        let n = self.doc.tokens.len();
        if p.pronoun
            || p.end + 1 >= n
            || !matches!(self.tok(p.end).low().as_str(), "in" | "at" | "from")
        {
            return p;
        }
        match speakers::after(self.doc, p.end + 1, n) {
            Some(q) if q.start == p.end + 1 && !q.pronoun && self.cue(q.end).is_some() => Phrase {
                span: p.span.cover(q.span),
                end: q.end,
                ..p
            },
            _ => p,
        }
    }

    fn speaker(&self, p: Phrase) -> Speaker {
        let p = self.place_before_cue(speakers::widen_over_place(self.doc, p));
        let entity = if p.pronoun {
            let skip = |s: Span| self.in_quote(s);
            self.resolver
                .resolve(p.span.start, self.tok(p.start), &skip)
        } else if p.end == p.start + 1 && matches!(self.tok(p.start), "who" | "which") {
            speakers::antecedent(self.doc, p.start)
                .and_then(|a| self.resolver.entity_at(self.doc.text, a.span))
        } else {
            self.resolver.entity_at(self.doc.text, p.span)
        };
        // A name the phrase cut short (`Abu Mahdi` of `Abu Mahdi al-Mohandes`) is completed
        // by the tagger's mention.
        let mut span = match self.resolver.mention_at(p.span) {
            Some(m) if m.end > p.span.end && m.start >= p.span.start => p.span.cover(m),
            _ => p.span,
        };
        // `Its chief executive, Tomas Lindqvist, said`: the person named beside a description
        // speaks.
        let mut entity = entity;
        if entity.is_none() && !p.pronoun && self.is_punct(p.end, &[","]) {
            if let Some((m, e)) = self
                .doc
                .tokens
                .get(p.end + 1)
                .and_then(|t| self.resolver.person_starting_at(t.span.start))
            {
                let after = self.doc.token_at_or_after(m.end);
                if self.is_punct(after, &[","]) || self.cue(after).is_some() {
                    entity = Some(e);
                    span = span.cover(m);
                }
            }
        }
        Speaker { span, entity }
    }

    /// The end of a short topic phrase from token `start`: the first quotation mark or clause
    /// punctuation, at most 25 tokens on and never past `b`.
    fn topic_end(&self, start: usize, b: usize) -> usize {
        let mut e = start;
        while e < b
            && e < start + 25
            && self.doc.tokens[e].kind != TokenKind::Quote
            && !self.is_punct(e, &[",", ".", ";", ":", "!", "?", "(", "—", "–"])
        {
            e += 1;
        }
        e
    }

    /// A reported-speech quote whose content is the tokens `[from, to)`.
    fn indirect(&self, from: usize, to: usize, cue: CueMatch, speaker: Option<Phrase>) -> Quote {
        Quote {
            kind: QuoteKind::Indirect,
            content: vec![Span::new(
                self.doc.tokens[from].span.start,
                self.doc.tokens[to - 1].span.end,
            )],
            cue: Some(self.cue_span(cue)),
            speaker: speaker.map(|p| self.speaker(p)),
            confidence: 0.5,
            within: None,
        }
    }

    fn cue_span(&self, c: CueMatch) -> Span {
        let last = c.end.saturating_sub(1).max(c.start);
        Span::new(
            self.doc.tokens[c.start].span.start,
            self.doc.tokens[last].span.end,
        )
    }
}

/// A cue with its speaker, found next to a quotation.
#[derive(Clone, Copy, Debug)]
struct Attribution {
    cue: CueMatch,
    speaker: Option<Phrase>,
}

/// `…,” he said` / `…,” said the official` / `…,” Hugh Hill, a doctor, said` / `…” ― Jane
/// Doe`: the cue right after a quotation, in tokens `[a, b)`.
fn trailing(ctx: &Ctx, a: usize, b: usize) -> Option<Attribution> {
    let doc = ctx.doc;
    let b = b.min(a + 30).min(doc.tokens.len());
    let mut k = a;
    // A dash and a name closing the paragraph: the speaker's signature.
    if k < b && ctx.is_punct(k, &["―", "—", "–", "-", "--"]) {
        if let Some(np) = speakers::after(doc, k + 1, b) {
            if np.named && (np.end == b || ctx.is_punct(np.end, &[",", "."])) {
                let cue = CueMatch::speech(k, k + 1);
                return Some(Attribution {
                    cue,
                    speaker: Some(np),
                });
            }
        }
    }
    while k < b && ctx.is_punct(k, &[",", "—", "–", "-", "--", "…", "..."]) {
        k += 1;
    }
    if k >= b {
        return None;
    }
    // The clause ends at the first terminal or quote mark.
    let mut end = k;
    while end < b && !ctx.terminal(end) && doc.tokens[end].kind != TokenKind::Quote {
        end += 1;
    }
    // `…”, while his counterpart called for “…”`: a conjunction and a subject open a clause of
    // their own, not the quotation's attribution (`…” but to act, says Tracey` goes on).
    // (`and` may lead to the speaker's own aside: `…” and Warren, she said, “…`.)
    if clause_conjunction(ctx.tok(k))
        && !ctx.tok(k).eq_ignore_ascii_case("and")
        && subject_cue(ctx, k + 1, end).is_some()
    {
        return None;
    }
    // Cue first: `said the official`.
    if let Some(c) = ctx.cue(k) {
        if c.class != CueClass::Thought && k < a + WINDOW {
            let speaker = if c.class == CueClass::Tell {
                None
            } else {
                speakers::after(doc, c.end, end)
            };
            // `“…” suggests that …` with no speaker: the cue belongs to another clause.
            if speaker.is_some() || c.class == CueClass::Speech && !c.according {
                return Some(relayed(ctx, Attribution { cue: c, speaker }, end));
            }
            return None;
        }
    }
    // Subject first: `he said`, `the official told reporters`, `Hill, a doctor, said`.
    if let Some(att) = subject_cue(ctx, k, end) {
        return Some(relayed(ctx, att, end));
    }
    // The sentence goes on after the quotation and ends with its attribution:
    // `“…” for criminal behavior, she said.`
    let mut m = k;
    while m < end {
        if ctx.is_punct(m, &[","]) {
            // `…,” in sharp contrast to …, says Dante Scala, a political scientist.`
            if let Some(c) = ctx
                .cue(m + 1)
                .filter(|c| c.class == CueClass::Speech && !c.according)
                .filter(|_| !ctx.tok(m + 1).ends_with("ing"))
            {
                if let Some(np) = speakers::after(doc, c.end, end).filter(|p| {
                    (p.named || described(ctx, *p)) && (p.end >= end || ctx.is_punct(p.end, &[","]))
                }) {
                    return Some(Attribution {
                        cue: c,
                        speaker: Some(np),
                    });
                }
            }
            if let Some(att) = subject_cue(ctx, m + 1, end) {
                let cue_end = att.cue.end;
                let rest_is_tail = cue_end + 3 >= end;
                if rest_is_tail {
                    return Some(att);
                }
            }
        }
        m += 1;
    }
    None
}

/// `…,” Sanders said, according to CNN.`: the quote comes through the outlet, which the
/// attribution names as its source (with `according to` as the cue). `end` bounds the clause.
fn relayed(ctx: &Ctx, att: Attribution, end: usize) -> Attribution {
    let doc = ctx.doc;
    let from = att.speaker.map_or(att.cue.end, |p| p.end.max(att.cue.end));
    let hi = end.min(from + 12);
    for j in from..hi {
        if !ctx.is_punct(j, &[","]) {
            continue;
        }
        if let Some(c) = ctx.cue(j + 1).filter(|c| c.according) {
            if let Some(sp) = speakers::after(doc, c.end, end) {
                return Attribution {
                    cue: c,
                    speaker: Some(sp),
                };
            }
        }
    }
    att
}

/// `NP [adverbs] CUE` starting at token `k` (the noun phrase may carry a parenthetical
/// `(D-Mo.)`, appositives between commas, or a prepositional phrase: `a narrator in the ad
/// asks`).
fn subject_cue(ctx: &Ctx, k: usize, end: usize) -> Option<Attribution> {
    let doc = ctx.doc;
    let np = speakers::after(doc, k, end)?;
    // `…,” Viguerie notes.`: a verb that is a noun too (`notes`, `claims`) closes the
    // phrase when the clause ends right after it.
    let closes = |i: usize| i + 1 >= end || ctx.is_punct(i + 1, &[".", ",", "!", "?"]);
    let v = if np.end < end && cues::noun_verb_s(ctx.tok(np.end)) {
        np.end
    } else {
        np.end - 1
    };
    if v > np.start && cues::noun_verb_s(ctx.tok(v)) && closes(v) {
        if let Some(sp) = speakers::after(doc, k, v).filter(|p| p.end == v) {
            let cue = CueMatch::speech(v, v + 1);
            return Some(Attribution {
                cue,
                speaker: Some(sp),
            });
        }
    }
    let mut j = np.end;
    // A parenthetical: `Rep. Gwen Moore (D-Wis.) said`.
    if ctx.is_punct(j, &["("]) {
        if let Some(close) = (j + 1..end.min(j + 8)).find(|&i| ctx.is_punct(i, &[")"])) {
            j = close + 1;
        }
    }
    let mut skipped = 0;
    while j < end && skipped < 6 && ctx.cue(j).is_none() {
        if ctx.is_punct(j, &[","]) || doc.tokens[j].kind == TokenKind::Quote {
            break;
        }
        j += 1;
        skipped += 1;
    }
    if j < end && ctx.is_punct(j, &[","]) {
        // Appositives: the cue follows a later comma.
        let mut m = j + 1;
        let limit = end.min(j + 25);
        while m < limit && !(ctx.is_punct(m - 1, &[","]) && ctx.cue(m).is_some()) {
            m += 1;
        }
        j = m;
    }
    let c = ctx
        .cue(j)
        .filter(|c| j < end && c.class != CueClass::Thought)?;
    Some(Attribution {
        cue: c,
        speaker: Some(np),
    })
}

/// `Name: ` opening line `line`, with the colon right before the quotation at token
/// `open` or the quotation starting the rest of the line: the name's phrase and the colon.
fn starts_line_after_name(ctx: &Ctx, line: usize, open: usize) -> Option<(Option<Phrase>, usize)> {
    let doc = ctx.doc;
    let first = doc.token_at_or_after(ctx.lines[line]);
    let colon = (first..open.min(first + 6)).find(|&i| ctx.is_punct(i, &[":"]))?;
    if colon + 1 != open {
        return None;
    }
    let np = speakers::after(doc, first, colon).filter(|p| p.named && p.end == colon)?;
    Some((Some(np), colon))
}

/// `…, Schiff said.` / `…, said Schiff.` ending the sentence right before token `open`
/// (not before `lo`).
fn previous_sentence_attribution(ctx: &Ctx, open: usize, lo: usize) -> Option<Attribution> {
    let doc = ctx.doc;
    if open == 0 || open <= lo {
        return None;
    }
    let last = open - 1;
    if !ctx.is_punct(last, &["."]) {
        return None;
    }
    let s_lo = lo.max(last.saturating_sub(12));
    let mut comma = (s_lo..last).rev().find(|&i| ctx.is_punct(i, &[","]))?;
    // `…,” she said. “…`: past the closing mark.
    while comma + 1 < last && doc.tokens[comma + 1].kind == TokenKind::Quote {
        comma += 1;
    }
    if let Some(c) = ctx.cue(comma + 1) {
        if c.class == CueClass::Speech {
            let sp = speakers::after(doc, c.end, last)?;
            return (sp.end == last).then_some(Attribution {
                cue: c,
                speaker: Some(sp),
            });
        }
    }
    let att = subject_cue(ctx, comma + 1, last)?;
    (att.cue.end + 2 >= last).then_some(att)
}

/// `Wilkin smiled.` / `…, she paused.` right before token `open`, in the same paragraph (not
/// before `lo`): a named person or a pronoun and a verb in the past ending the sentence, alone
/// or after a comma; its subject.
fn gesture_before(ctx: &Ctx, open: usize, lo: usize) -> Option<Phrase> {
    let doc = ctx.doc;
    if open < lo + 3 || !ctx.is_punct(open - 1, &["."]) {
        return None;
    }
    let (s_lo, _) = sentence_range(doc, open - 1);
    let v = open - 2;
    if s_lo < lo || v <= s_lo {
        return None;
    }
    let w = ctx.tok(v);
    let past = doc.tokens[v].kind == TokenKind::Word
        && w.len() > 3
        && w.bytes().all(|b| b.is_ascii_lowercase())
        && (w.ends_with("ed") || speakers::is_past_verb(w));
    if !past {
        return None;
    }
    // The whole sentence, or its last clause after a comma (`Asked whether …, Wilkin
    // smiled.`).
    speakers::before(doc, v, s_lo).filter(|p| {
        p.end == v
            && (p.named || p.pronoun)
            && (p.start == s_lo || ctx.is_punct(p.start - 1, &[","]))
    })
}

/// The subject of the sentence whose tokens start at `a`, before token `before`: its first
/// noun phrase, skipping an opening adverbial (`In a speech on Tuesday, …`).
fn subject(ctx: &Ctx, a: usize, before: usize) -> Option<Phrase> {
    subject_any(ctx, a, before).filter(|p| !ctx.in_quote(p.span))
}

fn subject_any(ctx: &Ctx, a: usize, before: usize) -> Option<Phrase> {
    let doc = ctx.doc;
    let mut k = a;
    // A dateline: `WASHINGTON, Dec. 8 (UPI) — …`, `CONCORD, N.H. — …`, `OSLO (Reuters) - …`.
    if let Some(dash) = (k..before.min(k + 12)).find(|&i| ctx.dateline_dash(i)) {
        // A dateline opens with a place (`On Friday, Gingrich — mentioned … — told` is no
        // dateline).
        let place = !matches!(
            ctx.tok(k).low().as_str(),
            "on" | "in"
                | "at"
                | "after"
                | "before"
                | "during"
                | "since"
                | "by"
                | "for"
                | "with"
                | "from"
                | "as"
                | "when"
                | "while"
                | "last"
                | "earlier"
                | "later"
        );
        let dateline = place
            && (k..dash).all(|i| match doc.tokens[i].kind {
                TokenKind::Word => is_capitalized(ctx.tok(i)),
                TokenKind::Number => true,
                _ => ctx.is_punct(i, &[",", ".", "(", ")"]),
            });
        if dateline && dash > k {
            k = dash + 1;
        }
    }
    while k < before && doc.tokens[k].kind != TokenKind::Word {
        k += 1;
    }
    let first = if k < before { ctx.tok(k) } else { "" }.low();
    let adverbial = matches!(
        first.as_str(),
        "meanwhile"
            | "however"
            | "but"
            | "and"
            | "still"
            | "also"
            | "despite"
            | "after"
            | "before"
            | "in"
            | "on"
            | "at"
            | "for"
            | "of"
            | "with"
            | "then"
            | "yet"
            | "so"
            | "instead"
            | "earlier"
            | "later"
            | "during"
            | "since"
            | "while"
            | "when"
            | "as"
            | "if"
            | "although"
            | "though"
            | "because"
            | "by"
            | "from"
            | "last"
            | "this"
            | "speaking"
            | "asked"
            | "now"
            | "today"
            | "yesterday"
            | "separately"
            | "similarly"
            | "still,"
            | "indeed"
            | "moreover"
            | "further"
            | "furthermore"
            | "again"
            // `Hours later, Trump …`, `Back in 1999, Mr. Trump …`, `Under the plan, …`
            | "back"
            | "hours"
            | "days"
            | "weeks"
            | "months"
            | "years"
            | "minutes"
            | "moments"
            | "shortly"
            | "soon"
            | "once"
            | "finally"
            | "ultimately"
            | "recently"
            | "previously"
            | "under"
            | "amid"
            | "following"
            | "within"
            | "throughout"
            | "unlike"
            | "like"
            | "alongside"
            | "besides"
            | "beyond"
            | "across"
            | "around"
            | "without"
            | "against"
            | "toward"
            | "towards"
            | "upon"
            | "given"
            | "regarding"
            | "maybe"
            | "perhaps"
    ) || words::is_time_word(&first)
        // `Continuing to explain his view, Carson …`: an opening participle.
        || first.len() > 5 && first.ends_with("ing") && is_capitalized(ctx.tok(k));
    // `Ironically, …`, `Correction: …`: one word set off by punctuation is no subject; but
    // `She, too, …` and `Priebus, who …, said` are.
    let set_off = k + 1 < before
        && ctx.is_punct(k + 1, &[",", ":"])
        && !speakers::is_pronoun(&first)
        && !(is_capitalized(ctx.tok(k))
            && ctx.is_punct(k + 1, &[","])
            && k + 2 < before
            && (ctx.tok(k + 2) == "who"
                || ctx.resolver.mention_at(doc.tokens[k].span).is_some()
                    && matches!(
                        ctx.tok(k + 2).low().as_str(),
                        "a" | "an" | "the" | "himself" | "herself" | "who"
                    )));
    if !adverbial && !set_off {
        if let Some(p) = speakers::after(doc, k, before) {
            if p.named || p.pronoun || p.end - p.start >= 2 {
                return Some(p);
            }
        }
    } else if matches!(
        first.as_str(),
        "but" | "and" | "yet" | "so" | "then" | "still" | "maybe" | "perhaps"
    ) {
        // `But Trump said …`, `And then Trump went …`, `Maybe I can …`
        let mut j = k + 1;
        while j < before && matches!(ctx.tok(j), "then" | "now" | "also" | "so") {
            j += 1;
        }
        if let Some(p) = speakers::after(doc, j, before) {
            if p.named || p.pronoun {
                return Some(p);
            }
        }
    }
    // `In a speech Tuesday, Bolton …`: after the comma that closes the opening adverbial.
    // The adverbial may hold commas itself (`At an event in Ames, Iowa, on Sunday, Mrs.
    // Clinton …`): a phrase followed by another comma is a place or an appositive, so the
    // first phrase that a verb follows wins; failing that, the first phrase.
    let mut first_np = None;
    let mut from = k;
    let limit = before.min(k + 40);
    for n in 0..4 {
        // An opening clause may be long (`Asked whether he would …, Bush …`).
        let reach = if n == 0 && adverbial { 30 } else { 14 };
        let Some(comma) = (from..limit.min(from + reach)).find(|&i| ctx.is_punct(i, &[","])) else {
            break;
        };
        if let Some(p) = speakers::after(doc, comma + 1, before).filter(|p| speaker_like(ctx, *p)) {
            if !ctx.is_punct(p.end, &[","]) {
                return Some(p);
            }
            first_np.get_or_insert(p);
        }
        from = comma + 1;
    }
    first_np
}

/// A description that can be a speaker: `the mayor`, `several environmental groups`.
fn described(ctx: &Ctx, p: Phrase) -> bool {
    p.end - p.start >= 2 && words::is_determiner(&ctx.tok(p.start).low())
}

/// A phrase that can speak: a name, a pronoun or a description.
fn speaker_like(ctx: &Ctx, p: Phrase) -> bool {
    p.named || p.pronoun || described(ctx, p)
}

/// A word before `called`/`named` that makes it a verb of speech (`who called it “…”`,
/// `has called`), not a name given to a thing (`a song called “…”`).
fn speaking_before(lower: &str) -> bool {
    matches!(
        lower,
        "who"
            | "which"
            | "has"
            | "have"
            | "had"
            | "also"
            | "once"
            | "previously"
            | "repeatedly"
            | "publicly"
            | "recently"
            | "then"
            | "later"
    )
}

/// Quoted words inside a relative clause (`Mr. Scott, who has called the remarks “racially
/// toxic,” portrayed …`, `Gov. Mike Pence, who called their son “an American hero.”`): the
/// relative pronoun is the speaker (its antecedent the entity) and its verb the cue. `a`
/// is where the sentence (or the text after the previous quotation) starts.
fn relative_partial(
    ctx: &Ctx,
    a: usize,
    open: usize,
    content: &[Span],
    words: usize,
) -> Option<Quote> {
    let doc = ctx.doc;
    let floor = a.max(open.saturating_sub(12));
    let who = (floor..open)
        .rev()
        .take_while(|&i| doc.tokens[i].kind != TokenKind::Quote && !ctx.terminal(i))
        .find(|&i| matches!(ctx.tok(i), "who" | "which"))?;
    if who == a || ctx.tok(who) == "which" && !ctx.is_punct(who - 1, &[","]) {
        return None;
    }
    // The verb: the first word after the pronoun that is not an auxiliary or an adverb.
    let v = (who + 1..open).find(|&i| {
        let l = ctx.tok(i).low();
        !(speaking_before(&l)
            || matches!(
                l.as_str(),
                "is" | "was"
                    | "are"
                    | "were"
                    | "would"
                    | "will"
                    | "could"
                    | "did"
                    | "does"
                    | "often"
                    | "first"
                    | "since"
                    | "just"
                    | "been"
            )
            || l.len() > 4 && l.ends_with("ly"))
    })?;
    let w = ctx.tok(v);
    let verb = doc.tokens[v].kind == TokenKind::Word
        && w.bytes().all(|b| b.is_ascii_lowercase())
        && (ctx.cue(v).is_some_and(|c| c.class != CueClass::Thought)
            || w.len() > 3 && w.ends_with("ed")
            || speakers::is_past_verb(w));
    if !verb || v + 1 >= open && ctx.cue(v).is_none() {
        return None;
    }
    let sp = speakers::relative_subject(doc, v, a)?;
    let cue = CueMatch::speech(v, v + 1);
    Some(Quote {
        kind: QuoteKind::Partial,
        content: content.to_vec(),
        cue: Some(ctx.cue_span(cue)),
        speaker: Some(ctx.speaker(sp)),
        confidence: if words >= 2 { 0.5 } else { 0.3 },
        within: None,
    })
}

fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A speech cue with a named or pronoun subject before token `k` (not before `lo`), in the
/// same clause chain: no quotation mark or sentence end between.
fn outer_report(ctx: &Ctx, lo: usize, k: usize) -> Option<Attribution> {
    let doc = ctx.doc;
    let mut j = k;
    while j > lo {
        j -= 1;
        if doc.tokens[j].kind == TokenKind::Quote || ctx.is_punct(j, &[".", "!", "?", ";"]) {
            return None;
        }
        let Some(c) = ctx.cue(j) else { continue };
        if c.end > k
            || !matches!(c.class, CueClass::Speech | CueClass::Tell)
            || c.according
            || ctx.tok(j).ends_with("ing")
            || j > 0 && ctx.tok(j - 1).eq_ignore_ascii_case("to")
        {
            continue;
        }
        let sp = speakers::before(doc, j, lo)
            .filter(|p| (p.named || p.pronoun) && !ctx.in_quote(p.span))?;
        return Some(Attribution {
            cue: c,
            speaker: Some(sp),
        });
    }
    None
}

/// `He said: “…` / `Said the official: “…`: a cue right before a quotation whose mark is at
/// token `open`; `lo` bounds the search. Returns the attribution and whether only a lead-in
/// (`:`, `,`, nothing) separates the cue from the quotation.
fn leading(ctx: &Ctx, lo: usize, open: usize) -> Option<(Attribution, bool)> {
    let doc = ctx.doc;
    let sent_lo = doc.sentences[doc.sentence_of(
        open.saturating_sub(1)
            .min(doc.tokens.len().saturating_sub(1)),
    )]
    .tokens
    .start;
    let lo0 = open.saturating_sub(80);
    let lo = lo.max(open.saturating_sub(30));
    // `TURNOUT ROSE - Philip Bump: “…`, `More from the report: “…`: a digest's name and
    // colon after a dash.
    if open >= lo + 3 && ctx.is_punct(open - 1, &[":"]) {
        let dash = |i: usize| ctx.is_punct(i, &["-", "—", "–"]);
        // (a capitalised headline before the dash joins the phrase: cut it there)
        let p = speakers::before(doc, open - 1, lo.max(sent_lo)).and_then(|p| {
            match (p.start..p.end).rev().find(|&i| dash(i)) {
                Some(d) => speakers::after(doc, d + 1, open - 1),
                None => Some(p),
            }
        });
        if let Some(p) =
            p.filter(|p| p.end == open - 1 && !p.pronoun && (p.named || described(ctx, *p)))
        {
            let opener = p.start > 0
                && (dash(p.start - 1)
                    || p.start > 1
                        && ctx.tok(p.start - 1).eq_ignore_ascii_case("from")
                        && ctx.tok(p.start - 2).ends_with("More"));
            if opener && !ctx.in_quote(p.span) {
                let cue = CueMatch::speech(open - 1, open);
                return Some((
                    Attribution {
                        cue,
                        speaker: Some(p),
                    },
                    true,
                ));
            }
        }
    }
    // `Mr. Smith shot back: “…`, `he demurred: “…`: a verb outside the lexicon with its
    // subject, right before a colon lead-in.
    if open >= lo + 3 && ctx.is_punct(open - 1, &[":"]) {
        let mut v = open - 2;
        if matches!(ctx.tok(v), "back" | "out" | "up") {
            v -= 1;
        }
        let w = ctx.tok(v);
        let verb = doc.tokens[v].kind == TokenKind::Word
            && w.len() > 3
            && w.bytes().all(|b| b.is_ascii_lowercase())
            && (w.ends_with("ed") || speakers::is_past_verb(w));
        if verb && v > lo && ctx.cue(v).is_none() {
            if let Some(p) = speakers::before(doc, v, lo.max(sent_lo))
                .filter(|p| speaker_like(ctx, *p))
                .filter(|p| !ctx.in_quote(p.span))
            {
                let cue = CueMatch::speech(v, open - 1);
                return Some((
                    Attribution {
                        cue,
                        speaker: Some(p),
                    },
                    true,
                ));
            }
        }
    }
    let mut k = open;
    while k > lo {
        k -= 1;
        if doc.tokens[k].kind == TokenKind::Quote || ctx.is_punct(k, &[".", "!", "?", ";"]) {
            break;
        }
        let Some(c) = ctx.cue(k) else { continue };
        if c.end > open {
            continue;
        }
        // `too early to tell`: an infinitive is not the attribution.
        if k > 0 && ctx.tok(k - 1).eq_ignore_ascii_case("to") && !c.according {
            continue;
        }
        let between: Vec<&str> = (c.end..open).map(|i| ctx.tok(i)).collect();
        let lead_in = between.is_empty()
            || matches!(between.last(), Some(&":") | Some(&","))
                && between.len() <= 8
                && !between[..between.len() - 1].contains(&",")
            || between == ["that"];
        // `a song called “Blue Roads”`: a name, not speech (`called for “…”` is).
        let naming = c.end == k + 1
            && matches!(
                ctx.tok(k).low().as_str(),
                "called" | "named" | "dubbed" | "titled" | "entitled" | "known"
            )
            && !(k > 0 && {
                let prev = ctx.tok(k - 1);
                speakers::is_pronoun(&prev.low())
                    || prev.chars().next().is_some_and(char::is_uppercase)
                    || speaking_before(&prev.low())
            });
        if naming {
            return None;
        }
        // `…, adding`, `before asking her`, `by saying`: the participle's subject is the
        // sentence's.
        let participle = ctx.tok(k).ends_with("ing")
            && k > 1
            && (ctx.is_punct(k - 1, &[","])
                || doc.tokens[k - 1].kind == TokenKind::Quote && ctx.is_punct(k - 2, &[","])
                || k > lo
                    && matches!(
                        ctx.tok(k - 1).low().as_str(),
                        "before" | "after" | "while" | "by" | "then" | "upon"
                    ));
        let speaker = if c.according {
            speakers::after(doc, c.end, open)
        } else if participle {
            // `She addressed the crowd …, saying`: the subject of the sentence, unless the
            // sentence opens with a quotation (`…,” he said, adding …`: the speaker of the
            // cue before); else the other one.
            let floor = sent_lo.max(lo0);
            let opens_quoted = (floor..k)
                .find(|&i| doc.tokens[i].kind != TokenKind::Punct || ctx.tok(i) == "\"")
                .is_some_and(|i| {
                    doc.tokens[i].kind == TokenKind::Quote || ctx.in_quote(doc.tokens[i].span)
                });
            // `…, Spicer said, adding`: the cue right before the participle's comma.
            let comma = if ctx.is_punct(k - 1, &[","]) {
                k - 1
            } else {
                k - 2
            };
            let said = (comma.saturating_sub(6).max(floor)..comma)
                .rev()
                .filter_map(|j| ctx.cue(j))
                .find(|c| c.end == comma && !ctx.tok(c.start).ends_with("ing"));
            // The speaker of cue `c`: before it, else after it up to `end`.
            let of_cue = |c: CueMatch, end: usize| {
                speakers::before(doc, c.start, floor)
                    .or_else(|| speakers::after(doc, c.end, end))
                    .filter(|p| !ctx.in_quote(p.span) && speaker_like(ctx, *p))
            };
            let first = if let Some(c) = said {
                of_cue(c, comma)
            } else if opens_quoted {
                None
            } else {
                subject(ctx, floor, k).filter(|p| speaker_like(ctx, *p))
            };
            first.or_else(|| {
                (floor..k)
                    .rev()
                    .take(20)
                    .find_map(|j| {
                        let c = ctx.cue(j).filter(|c| !ctx.tok(c.start).ends_with("ing"))?;
                        of_cue(c, k)
                    })
                    .or_else(|| subject(ctx, floor, k))
            })
        } else {
            speakers::relative_subject(doc, c.start, lo.max(sent_lo).min(c.start))
                .or_else(|| speakers::before(doc, c.start, lo.max(sent_lo).min(c.start)))
                .or_else(|| {
                    // Inverted (`Said the official: “…`, `…, added Smith: “…`) only at the
                    // start of a clause; `by saying his refusal …` is an object.
                    let clause_start = k == sent_lo
                        || k > 0
                            && (ctx.is_punct(k - 1, &[",", ":", "—", "–", "("])
                                || doc.tokens[k - 1].kind == TokenKind::Quote);
                    if c.class == CueClass::Tell || c.end >= open || !clause_start {
                        None
                    } else {
                        // The phrase must end the clause (`…, added Smith: “`), not open
                        // the reported one (`Millis, a businessman …, said Carson had …`).
                        speakers::after(doc, c.end, open).filter(|p| {
                            (!p.pronoun || lead_in)
                                && (p.named || p.pronoun || p.end - p.start >= 2)
                                && (p.end >= open
                                    || doc.tokens[p.end].kind != TokenKind::Word
                                    || ctx.cue(p.end).is_some_and(|c| c.according))
                        })
                    }
                })
                .or_else(|| subject(ctx, sent_lo.max(lo0), k))
        };
        // `Ban Ki-moon condemned what he called “…”`: the pronoun of the relative clause
        // stands for the subject of the sentence, who is the source.
        let speaker = match speaker {
            Some(p)
                if p.pronoun
                    && p.start > 0
                    && matches!(ctx.tok(p.start - 1).low().as_str(), "what" | "which") =>
            {
                subject(ctx, sent_lo.max(lo0), p.start - 1)
                    .filter(|s| s.named && s.end < p.start)
                    .or(Some(p))
            }
            other => other,
        };
        // `Stevens said the way they disparaged women who complained about “…”`: quoted
        // words inside the clause a speech verb reports belong to that outer report.
        // So do the words of a belief whose holder is a pronoun (`Benjamin said he believes
        // “…”`: Benjamin's report).
        let held = c.class == CueClass::Thought && speaker.is_some_and(|p| p.pronoun);
        if (!lead_in || held) && !c.according {
            if let Some(outer) = outer_report(ctx, lo.max(sent_lo), k) {
                return Some((outer, false));
            }
        }
        return Some((Attribution { cue: c, speaker }, lead_in));
    }
    None
}

/// A colon lead-in at the end of line `line`: `The minister said:`.
fn lead_in_line(ctx: &Ctx, line: usize) -> Option<Attribution> {
    let span = ctx.line_span(line);
    let text = span.slice(ctx.doc.text).trim_end();
    if !text.ends_with(':') {
        return None;
    }
    let colon = ctx.doc.token_at_or_after(span.start + text.len() - 1);
    let lo = ctx.doc.token_at_or_after(span.start);
    leading(ctx, lo, colon + 1).map(|(a, _)| a)
}

/// The tokens of the sentence holding token `t`.
fn sentence_range(doc: &Doc, t: usize) -> (usize, usize) {
    let s = &doc.sentences[doc.sentence_of(t)];
    (s.tokens.start, s.tokens.end)
}

/// The first token after a wire dateline opening tokens `[a, b)` (`WASHINGTON —`, `NEWPORT
/// NEWS, Va. —`, `OSLO (Reuters) -`), or `a` when there is none: one to four words in capitals,
/// a region after a comma or an agency in brackets, then a dash (a hyphen only with spaces
/// around it), and more of the sentence after it.
fn after_dateline(ctx: &Ctx, a: usize, b: usize) -> usize {
    let doc = ctx.doc;
    let capitals = |i: usize| {
        let w = ctx.tok(i);
        doc.tokens[i].kind == TokenKind::Word
            && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars()
                .all(|c| c.is_uppercase() || matches!(c, '.' | '-' | '\''))
    };
    let mut k = a;
    while k < b && k < a + 4 && capitals(k) {
        k += 1;
    }
    if k == a {
        return a;
    }
    // `, Va.` / `, Ostland` / `, Nov 27` / `, Ostland, March 3`: a region or a date, up to
    // five capitalised words, numbers, commas and full stops (`Va.` may be tokenised with its
    // full stop apart), starting with a word or number.
    if k < b && ctx.is_punct(k, &[","]) {
        let from = k + 1;
        let part = |i: usize| {
            is_capitalized(ctx.tok(i))
                || doc.tokens[i].kind == TokenKind::Number
                || (i > from && ctx.is_punct(i, &[",", "."]))
        };
        k = from;
        while k < b && k < from + 5 && part(k) {
            k += 1;
        }
        if k == from {
            return a;
        }
    }
    // `(Reuters)`, `(AP)`.
    if k + 2 < b && ctx.is_punct(k, &["("]) && ctx.is_punct(k + 2, &[")"]) {
        k += 3;
    }
    if k + 4 < b && ctx.dateline_dash(k) {
        k + 1
    } else {
        a
    }
}

/// The content of reported speech after a cue: from `that` (or the first word after the
/// cue, its listener or the time of the report skipped) to the end of the sentence, without
/// its final punctuation.
fn clause_after(ctx: &Ctx, c: CueMatch, end: usize) -> Option<Span> {
    let doc = ctx.doc;
    let mut k = c.end;
    // `said on Tuesday that`, `told reporters that`: jump to a close `that`.
    if let Some(t) = (k..end.min(k + 12)).find(|&i| ctx.tok(i).eq_ignore_ascii_case("that")) {
        // Not past a comma, a mark, a conjunction or another cue (`say the vote is close but
        // noted that …`); past an adverb set off by commas (`warned, however, that`).
        let aside = t == k + 3
            && ctx.is_punct(k, &[","])
            && ctx.is_punct(k + 2, &[","])
            && matches!(
                ctx.tok(k + 1).low().as_str(),
                "however" | "though" | "too" | "also" | "again" | "meanwhile" | "moreover"
            );
        if aside
            || !(k..t).any(|i| {
                ctx.is_punct(i, &[",", ":", ";", "and", "but"])
                || doc.tokens[i].kind == TokenKind::Quote
                // (a phrase like `in a statement` is no other cue)
                || ctx.cue(i).is_some_and(|c| c.end == i + 1)
                // A verb: `said the warning was indicative that …` reports the whole clause.
                || matches!(
                    ctx.tok(i),
                    "is" | "was" | "are" | "were" | "has" | "have" | "had" | "will" | "would"
                        | "could" | "can" | "should" | "does" | "did" | "may" | "might"
                )
            })
        {
            k = t;
        }
    } else if c.class == CueClass::Tell {
        let np = speakers::after(doc, k, end)?;
        // The phrase after `told` is who was told; after `promised` it may be what was
        // promised, when a preposition follows it (`promised help for families`).
        let cue = ctx.tok(c.start).low();
        let object = ["promis", "pledg", "offer", "guarant"]
            .iter()
            .any(|p| cue.starts_with(p))
            && np.end < end
            && matches!(
                ctx.tok(np.end).low().as_str(),
                "for" | "in" | "on" | "at" | "with" | "from" | "of" | "by" | "during"
            );
        if !object {
            k = np.end;
        }
    } else {
        // `said on Tuesday it had agreed …`, `said last week the plan …`: the time of the
        // report is no part of what was said.
        let mut t = k;
        if t < end && matches!(ctx.tok(t).low().as_str(), "on" | "this" | "earlier") {
            t += 1;
        }
        let first = t;
        while t < end && t < first + 3 && words::is_time_word(&ctx.tok(t).low()) {
            t += 1;
        }
        // (Not `Friday's test`: the time may be what the clause is about.)
        let possessive = |i: usize| ctx.tok(i).starts_with(['\'', '’']);
        if t > first && t + 3 <= end && doc.tokens[t].kind == TokenKind::Word && !possessive(t) {
            k = t;
        }
    }
    while k < end && ctx.is_punct(k, &[",", ":"]) {
        k += 1;
    }
    // `said prices rose, but analysts said …`: another speaker's report ends this one.
    let end = (k..end)
        .find(|&i| {
            ctx.is_punct(i, &[","])
                && i + 2 < end
                && clause_conjunction(ctx.tok(i + 1))
                && subject_cue(ctx, i + 2, end).is_some_and(|a| {
                    // The cue right after its subject (`but she noted`, `but he did not
                    // say`) or after an appositive; not `but they are unfamiliar with what
                    // he is saying`.
                    a.speaker
                        .is_some_and(|p| a.cue.start <= p.end + 2 || ctx.is_punct(p.end, &[","]))
                })
        })
        .unwrap_or(end);
    let mut e = end;
    while e > k && doc.tokens[e - 1].kind == TokenKind::Punct {
        e -= 1;
    }
    (e >= k + 3).then(|| Span::new(doc.tokens[k].span.start, doc.tokens[e - 1].span.end))
}

/// A conjunction that opens a clause with a subject of its own (`…, while X said`, `…, but
/// Y said`); not `as` (`…,” as Smith put it`).
fn clause_conjunction(w: &str) -> bool {
    [
        "while", "whereas", "but", "although", "though", "yet", "and",
    ]
    .iter()
    .any(|c| w.eq_ignore_ascii_case(c))
}

/// Finds the quotations of a document.
pub fn extract(
    doc: &Doc,
    mentions: &[Mention],
    entities: &[Entity],
    mention_entity: &[usize],
) -> Vec<Quote> {
    let text = doc.text;
    if doc.tokens.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![0];
    lines.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let all = marks::find(text);
    let top: Vec<&marks::Quotation> = all.iter().filter(|q| q.depth == 0).collect();
    let ctx = Ctx {
        doc,
        lines,
        resolver: Resolver::new(doc, mentions, mention_entity, entities),
        quoted: top.iter().map(|q| q.outer()).collect(),
        cues: (0..doc.tokens.len()).map(|i| cue_at(doc, i)).collect(),
    };
    let mut out: Vec<Quote> = Vec::new();
    // The headline as an attribution; its quotations belong to it.
    let mut headline_end = 0;
    if let Some((q, end)) = headline(&ctx) {
        out.push(q);
        headline_end = end;
    }
    // Per top-level quotation: the index of its quote in `out` and the cue it used.
    let mut last: Option<(usize, usize, Option<CueMatch>)> = None; // (out index, line, cue)
    for (qi, q) in top.iter().enumerate() {
        let outer = q.outer();
        let open_line = ctx.line_of(q.open.start);
        let close_line = ctx.line_of(outer.end.saturating_sub(1));
        let open_tok = doc.token_at_or_after(q.open.start);
        let after_tok = doc.token_at_or_after(outer.end);
        // Bounds: the neighbouring quotations and the lines.
        let prev_end = if qi > 0 {
            ctx.quoted[qi - 1].end.max(ctx.lines[open_line])
        } else {
            ctx.lines[open_line]
        };
        let next_start = top
            .get(qi + 1)
            .map_or(text.len(), |n| n.open.start)
            .min(ctx.line_span(close_line).end);
        let lo = doc.token_at_or_after(prev_end);
        let hi = doc.token_at_or_after(next_start);
        let words = q
            .pieces
            .iter()
            .map(|p| p.slice(text).split_whitespace().count())
            .sum::<usize>();
        if q.open.start < headline_end {
            continue;
        }
        // `tweet-id="7834"`: markup, not a quotation.
        if text[..q.open.start].ends_with('=') {
            continue;
        }
        // `on “Face the Nation,”`, `in “Contract with America”`: a title.
        let title = words <= 6
            && open_tok > 0
            && matches!(
                ctx.tok(open_tok - 1).low().as_str(),
                "on" | "in"
                    | "of"
                    | "at"
                    | "titled"
                    | "entitled"
                    | "book"
                    | "film"
                    | "show"
                    | "song"
                    | "movie"
                    | "program"
                    | "programme"
                    | "album"
                    | "headline"
                    | "podcast"
                    | "newspaper"
                    | "magazine"
                    | "series"
                    | "column"
                    | "documentary"
                    | "network"
                    | "station"
                    | "blog"
                    | "website"
                    | "novel"
                    | "poem"
                    | "play"
                    | "musical"
                    | "slogan"
            )
            && q.pieces.iter().all(|p| {
                p.slice(text)
                    .split_whitespace()
                    .filter(|w| !words::is_title_minor(w))
                    .all(|w| {
                        w.chars()
                            .next()
                            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                    })
            });
        // `a song called “Blue Roads”`: a name, not speech (but `what he called “…”` is).
        let named = open_tok > 1
            && matches!(
                ctx.tok(open_tok - 1).low().as_str(),
                "called" | "named" | "dubbed" | "titled" | "entitled"
            )
            && {
                let prev = ctx.tok(open_tok - 2);
                !(speakers::is_pronoun(&prev.low())
                    || prev.chars().next().is_some_and(char::is_uppercase)
                    || speaking_before(&prev.low()))
            };
        if title || named && words <= 6 {
            out.push(Quote {
                kind: QuoteKind::Direct,
                content: q.pieces.clone(),
                cue: None,
                speaker: None,
                confidence: 0.1,
                within: None,
            });
            continue;
        }

        // A quotation closed by a full stop is followed by a new sentence: only a short
        // `he said.` after it is its attribution, not `She says it …`.
        let full_stop = q
            .pieces
            .last()
            .is_some_and(|p| p.slice(text).ends_with('.') && !p.slice(text).ends_with("..."));
        // A headline or transcript line: `Pence: ‘…’`, `WALLACE: …`.
        if let Some((np, colon)) = starts_line_after_name(&ctx, open_line, open_tok) {
            let cue = CueMatch::speech(colon, colon + 1);
            out.push(colon_quote(&ctx, cue, q.pieces.clone(), np, 0.6));
            last = Some((out.len() - 1, close_line, Some(cue)));
            continue;
        }
        let trail = if q.close.is_some() {
            trailing(&ctx, after_tok, hi).filter(|t| {
                if !full_stop {
                    return true;
                }
                let tail = t.speaker.map_or(t.cue.end, |p| p.end.max(t.cue.end));
                // Quoted words that end their sentence inside a sentence of their own
                // (`Trump said Clinton “caused death.” Sanders called Trump a “liar.”`): the
                // next sentence is its own report, unless it is only `he said.`.
                let embedded = open_tok > 0
                    && doc.tokens[open_tok - 1].kind == TokenKind::Word
                    && doc.sentence_of(open_tok - 1) == doc.sentence_of(open_tok);
                let head = t.speaker.map_or(t.cue.start, |p| p.start.min(t.cue.start));
                if embedded
                    && (tail < doc.tokens.len() && !ctx.is_punct(tail, &["."]) || head > after_tok)
                {
                    return false;
                }
                // Reject when a complement clause follows (`She says it underscores …`).
                tail >= doc.tokens.len() || {
                    let n = ctx.tok(tail).low();
                    !(speakers::is_pronoun(&n)
                        || matches!(n.as_str(), "that" | "the" | "a" | "an" | "this"))
                }
            })
        } else {
            None
        };
        let lead = leading(&ctx, lo, open_tok);
        // `Peabody said: “…,” adding that …` / `Trump insisted that he has “…,” claiming …`:
        // a trailing participle without a speaker yields to a leading cue that has one.
        let trail = match (trail, lead) {
            (Some(t), Some((l, _)))
                if t.speaker.is_none()
                    && l.speaker.is_some()
                    && ctx.tok(t.cue.start).ends_with("ing") =>
            {
                None
            }
            (t, _) => t,
        };
        // Quoted words inside the reported clause of the quote before: already covered.
        if let Some((idx, _, _)) = last {
            if out[idx]
                .content
                .iter()
                .rev()
                .take(2)
                .any(|c| c.contains(q.inner()))
            {
                continue;
            }
        }
        // The split quote: “…,” he said, “…”  — this quotation's leading cue is the previous
        // quotation's trailing cue.
        // (Not when a participle cue stands between: `…,” Axelrod said, calling the chief
        // “brilliant.”` is a report of its own.)
        let participle_between = lead.is_some_and(|(la, _)| {
            (la.cue.end..open_tok).any(|i| {
                ctx.cue(i).is_some()
                    && ctx.tok(i).ends_with("ing")
                    && i > 0
                    && ctx.is_punct(i - 1, &[","])
            })
        });
        if let (Some((idx, line, Some(pc))), Some((la, _)), false) =
            (last, lead, participle_between)
        {
            if line == open_line && pc == la.cue && out[idx].kind == QuoteKind::Direct {
                out[idx].content.extend(q.pieces.iter().copied());
                let trail_cue = trail.map(|t| t.cue);
                last = Some((idx, close_line, trail_cue.or(Some(pc))));
                continue;
            }
        }
        let starts_line = doc.token_at_or_after(ctx.lines[open_line]) == open_tok;
        let mut kind = QuoteKind::Direct;
        let mut content = q.pieces.clone();
        let mut confidence;
        let att = if let Some(t) = trail {
            confidence = 0.9;
            // `…” he said` after an embedded quotation still reports a partial quote.
            // So does a quotation that a word of the sentence runs into (`The agency
            // ''only requires …,'' the report says.`).
            let embedded = open_tok > 0
                && doc.tokens[open_tok - 1].kind == TokenKind::Word
                && doc.sentence_of(open_tok - 1) == doc.sentence_of(open_tok);
            if !starts_line && (lead.is_some_and(|(_, li)| !li) || embedded) {
                kind = QuoteKind::Partial;
            }
            Some(t)
        } else if let Some((l, lead_in)) = lead {
            if lead_in {
                confidence = 0.85;
            } else {
                // Quoted words inside reported speech.
                kind = QuoteKind::Partial;
                confidence = 0.7;
                let (_, s_end) = sentence_range(doc, open_tok);
                let mut s_end = s_end.max(after_tok).min(doc.tokens.len());
                // A relative clause set off by commas (`X, who called it “…,” said …`) ends
                // at its closing comma (inside or after the closing mark).
                if l.speaker.is_some_and(|p| {
                    p.end == p.start + 1
                        && matches!(ctx.tok(p.start), "who" | "which")
                        && p.start > 0
                        && ctx.is_punct(p.start - 1, &[","])
                }) {
                    let comma_inside = q.pieces.last().is_some_and(|p| {
                        p.slice(text)
                            .trim_end_matches(|c: char| !c.is_alphanumeric() && c != ',')
                            .ends_with(',')
                    });
                    s_end = if comma_inside {
                        after_tok
                    } else {
                        (after_tok..s_end)
                            .find(|&i| ctx.is_punct(i, &[","]))
                            .unwrap_or(s_end)
                    };
                }
                if let Some(clause) = clause_after(&ctx, l.cue, s_end) {
                    if clause.start <= q.open.start && clause.end >= q.inner().end {
                        content = vec![clause];
                    }
                }
            }
            Some(l)
        } else if starts_line && open_line > 0 {
            // A colon lead-in on the previous paragraph.
            let mut prev = open_line - 1;
            while prev > 0 && ctx.line_span(prev).slice(text).trim().is_empty() {
                prev -= 1;
            }
            confidence = 0.8;
            lead_in_line(&ctx, prev)
        } else {
            confidence = 0.0;
            None
        };
        // No cue at all: a paragraph-long quotation goes on from the last speaker of the
        // paragraph before; a further quotation of the same paragraph belongs to its quote.
        if att.is_none() {
            if let Some((idx, line, _)) = last {
                let same_par = line == open_line;
                let same_sentence = out[idx].content.last().is_some_and(|c| {
                    doc.sentence_of(doc.token_at_or_after(c.start)) == doc.sentence_of(open_tok)
                });
                if same_par
                    && (out[idx].kind == QuoteKind::Direct
                        || same_sentence
                        || out[idx].confidence >= 0.9)
                {
                    out[idx].content.extend(q.pieces.iter().copied());
                    last = Some((idx, close_line, None));
                    continue;
                }
            }
            let whole_par = starts_line
                && doc.token_at_or_after(ctx.line_span(close_line).end) <= after_tok + 1;
            let title_case = q.pieces.iter().all(|p| {
                let ws: Vec<&str> = p.slice(text).split_whitespace().collect();
                ws.len() <= 8
                    && ws.iter().all(|w| {
                        w.chars().next().is_some_and(|c| !c.is_lowercase())
                            || words::is_title_minor(w)
                    })
            });
            if whole_par && words >= 4 && !title_case {
                if let Some((idx, line, _)) = last {
                    if open_line <= line + 4 && out[idx].speaker.is_some() {
                        let sp = out[idx].speaker;
                        out.push(Quote {
                            kind: QuoteKind::Direct,
                            content,
                            cue: None,
                            speaker: sp,
                            confidence: 0.6,
                            within: None,
                        });
                        last = Some((out.len() - 1, close_line, None));
                        continue;
                    }
                }
            }
            confidence = if words <= 3 {
                0.1
            } else if whole_par {
                0.45
            } else {
                0.3
            };
            // The previous sentence of the paragraph ends with its attribution (`…, Schiff
            // said. “The other factor …`) or is its speaker's gesture (`Wilkin smiled. “Ask me
            // after we've won it.”`): the quotation goes on with that speaker.
            if open_tok > lo {
                let line_first = doc.token_at_or_after(ctx.lines[open_line]);
                let speaker = match previous_sentence_attribution(&ctx, open_tok, line_first) {
                    Some(att) => Some(att.speaker.map(|p| ctx.speaker(p))),
                    None => {
                        gesture_before(&ctx, open_tok, line_first).map(|p| Some(ctx.speaker(p)))
                    }
                };
                if let Some(speaker) = speaker {
                    out.push(Quote {
                        kind: QuoteKind::Direct,
                        content,
                        cue: None,
                        speaker,
                        confidence: 0.6,
                        within: None,
                    });
                    last = Some((out.len() - 1, close_line, None));
                    continue;
                }
            }
            // Embedded quoted words: the subject of the sentence, and the word after it as the
            // cue (`Trump openly admires Putin as a “strong leader”`).
            if !starts_line {
                let (s_lo, _) = sentence_range(doc, open_tok);
                // Inside a relative clause: `Mr. Scott, who has called the remarks “racially
                // toxic,” portrayed …`: the relative pronoun is the subject of its verb.
                if let Some(q) = relative_partial(&ctx, s_lo.max(lo), open_tok, &content, words) {
                    out.push(q);
                    last = Some((out.len() - 1, close_line, None));
                    continue;
                }
                if let Some(p) = subject(&ctx, s_lo.max(lo), open_tok) {
                    let mut v = p.end;
                    // Past an appositive: `Another critic, Laurence Tribe, likened …`.
                    if ctx.is_punct(v, &[","]) {
                        if let Some(c) =
                            (v + 1..open_tok.min(v + 20)).find(|&i| ctx.is_punct(i, &[","]))
                        {
                            v = c + 1;
                        }
                    }
                    while v < open_tok
                        && (doc.tokens[v].kind != TokenKind::Word
                            || matches!(
                                ctx.tok(v).low().as_str(),
                                "has" | "have" | "had" | "also" | "was" | "is" | "would" | "will"
                            ))
                    {
                        v += 1;
                    }
                    if v < open_tok && p.end < open_tok {
                        let cue = CueMatch::speech(v, v + 1);
                        // The word taken for the verb must look like one (`Rubio was
                        // hurt by …`, not `Rubio’s not …` or `It was CNBC’s …`); else the
                        // guess is weaker than [`CONFIDENT`] unless the labeller backs it.
                        let w = ctx.tok(v);
                        let verb = w.bytes().all(|b| b.is_ascii_lowercase())
                            && (ctx.cue(v).is_some()
                                || w.len() > 3 && (w.ends_with("ed") || w.ends_with("ing"))
                                || w.len() > 3 && w.ends_with('s') && !w.ends_with("ss")
                                || speakers::is_past_verb(w));
                        out.push(Quote {
                            kind: QuoteKind::Partial,
                            content,
                            cue: Some(ctx.cue_span(cue)),
                            speaker: Some(ctx.speaker(p)),
                            confidence: match (words >= 2, verb) {
                                (true, true) => 0.5,
                                (true, false) => GUESS_NO_VERB,
                                _ => 0.3,
                            },
                            within: None,
                        });
                        last = Some((out.len() - 1, close_line, None));
                        continue;
                    }
                }
            }
        }
        if q.close.is_none() {
            confidence *= 0.8;
        }
        if words <= 2 && kind == QuoteKind::Direct && !starts_line {
            confidence *= 0.6;
        }
        let speaker = att.and_then(|a| a.speaker).map(|p| ctx.speaker(p));
        let cue = att.map(|a| ctx.cue_span(a.cue));
        let reported_clause =
            kind == QuoteKind::Partial && matches!(content[..], [c] if c.start < q.open.start);
        out.push(Quote {
            kind,
            content,
            cue,
            speaker,
            confidence,
            within: None,
        });
        // `Ryan said he was “not ready” …, and suggested that …`: a second report of the
        // same speaker is a quote of its own; each part is partial only if it holds marks.
        if reported_clause {
            let n = out.len() - 1;
            if let Some(mut second) = split_report(&ctx, &mut out[n]) {
                let marked = |q: &Quote| q.content.iter().any(|&c| ctx.in_quote(c));
                second.kind = if marked(&second) {
                    QuoteKind::Partial
                } else {
                    QuoteKind::Indirect
                };
                if !marked(&out[n]) {
                    out[n].kind = QuoteKind::Indirect;
                }
                out.push(second);
            }
        }
        last = Some((out.len() - 1, close_line, att.map(|a| a.cue)));
    }
    transcript(&ctx, &mut out, headline_end);
    indirect(&ctx, &mut out);
    labelled_reports(&ctx, mentions, &mut out);
    labelled_attributions(&ctx, mentions, &mut out);
    participle_speakers(&ctx, &mut out);
    // (after the reports: those inside an answer are the guest's, and PolNeAR marks them too)
    interview(&ctx, &mut out, headline_end);
    nested(&ctx, &all, &mut out);
    in_text_order(out)
}

/// Sorts the quotes by their first piece and keeps each `within` pointing at its quote.
fn in_text_order(out: Vec<Quote>) -> Vec<Quote> {
    let mut indexed: Vec<(usize, Quote)> = out.into_iter().enumerate().collect();
    indexed.sort_by_key(|(_, q)| q.content.first().map_or(0, |s| s.start));
    let mut position = vec![0; indexed.len()];
    for (at, (was, _)) in indexed.iter().enumerate() {
        position[*was] = at;
    }
    indexed
        .into_iter()
        .map(|(_, mut q)| {
            q.within = q.within.and_then(|w| position.get(w).copied());
            q
        })
        .collect()
}

/// How deep quotations nest before [`nested`] stops reporting them (a quote in a quote in a
/// quote); it also bounds the work on adversarial nesting.
const MAX_NESTED_DEPTH: usize = 3;

/// Quotations inside a quotation: `“She looked at me and said, ‘We will never sign this,’
/// and left,” Alvarez said` quotes Alvarez, who quotes her. Each closed inner quotation of
/// an attributed direct quote is a quote of its own: its cue and speaker are looked for
/// inside the outer quotation only (`…, ‘…,’ she said` or `she said: ‘…’`); `I` there is
/// the outer speaker. One without a cue of its own (a scare quote inside a quote, a title)
/// is reported at confidence 0.1, like such a quotation outside quotes. The outer quote
/// keeps its whole content; `within` is the index of the quote that holds the inner one.
fn nested(ctx: &Ctx, all: &[marks::Quotation], out: &mut Vec<Quote>) {
    let doc = ctx.doc;
    if !all.iter().any(|q| q.depth > 0) {
        return;
    }
    // Outer before inner, so that a quotation two levels down finds its parent's quote; each
    // level in text order, as [`marks::find`] returns them.
    let inner = (1..=MAX_NESTED_DEPTH).flat_map(|d| {
        all.iter()
            .filter(move |q| q.depth == d && q.close.is_some())
    });
    // The pieces of the attributed direct quotes that may hold a quotation, per depth, sorted
    // by start: the top level's from `out`, each further level's as it is reported.
    let mut levels: Vec<Vec<(Span, usize)>> = vec![Vec::new(); MAX_NESTED_DEPTH];
    for (i, o) in out.iter().enumerate() {
        if o.kind == QuoteKind::Direct && o.confidence >= CONFIDENT {
            levels[0].extend(o.content.iter().map(|&c| (c, i)));
        }
    }
    levels[0].sort_unstable_by_key(|&(c, i)| (c.start, i));
    for q in inner {
        let outer = q.outer();
        // The smallest piece holding it among the nearest few of the level above, else of a
        // level further up.
        let parent = (0..q.depth).rev().find_map(|d| {
            let level = &levels[d];
            let k = level.partition_point(|(c, _)| c.start <= outer.start);
            level[k.saturating_sub(8)..k]
                .iter()
                .filter(|(c, _)| c.contains(outer))
                .min_by_key(|(c, _)| c.len())
                .map(|&(piece, i)| (i, piece))
        });
        let Some((parent, piece)) = parent else {
            continue;
        };
        let lo = doc.token_at_or_after(piece.start);
        let hi = doc.token_at_or_after(piece.end);
        let open_tok = doc.token_at_or_after(q.open.start);
        let after_tok = doc.token_at_or_after(outer.end);
        // A cue leading into it is nearer than one after it (`what she called ‘rant,’ a
        // series of postings saying …`).
        let att = nested_leading(ctx, lo, open_tok)
            .or_else(|| trailing(ctx, after_tok, hi).filter(|a| a.cue.end <= hi));
        let speaker = att.and_then(|a| a.speaker).map(|p| {
            let word = ctx.tok(p.start).low();
            if p.pronoun && word == "i" {
                // The outer speaker quoting themself.
                Speaker {
                    span: p.span,
                    entity: out[parent].speaker.and_then(|s| s.entity),
                }
            } else if p.pronoun {
                // Names inside the outer quotation count (`My sister Ana called. She said, ‘…’`).
                let skip = |s: Span| ctx.in_quote(s) && !piece.contains(s);
                Speaker {
                    span: p.span,
                    entity: ctx.resolver.resolve(p.span.start, &word, &skip),
                }
            } else {
                ctx.speaker(p)
            }
        });
        let confidence = match (att, speaker) {
            (Some(_), Some(_)) => 0.75,
            // `as ‘The Wall Street Journal’ wrote`: a title the cue's sentence is about.
            (Some(_), None) => 0.3,
            _ => 0.1,
        };
        out.push(Quote {
            kind: QuoteKind::Direct,
            content: q.pieces.clone(),
            cue: att.map(|a| ctx.cue_span(a.cue)),
            speaker,
            confidence,
            within: Some(parent),
        });
        if confidence >= CONFIDENT && q.depth < MAX_NESTED_DEPTH {
            let i = out.len() - 1;
            levels[q.depth].extend(q.pieces.iter().map(|&c| (c, i)));
        }
    }
}

/// `she said, ‘…’` / `he told me: ‘…’` inside a quotation: a cue of speech no more than a
/// comma or a colon (and an object) before the inner quotation at token `open`, not before
/// token `lo`, with its subject.
fn nested_leading(ctx: &Ctx, lo: usize, open: usize) -> Option<Attribution> {
    let doc = ctx.doc;
    let mut k = open;
    while k > lo && k + 8 > open {
        k -= 1;
        if doc.tokens[k].kind == TokenKind::Quote || ctx.is_punct(k, &[".", "!", "?", ";"]) {
            return None;
        }
        let Some(c) = ctx.cue(k) else { continue };
        if c.end > open
            || c.according
            || c.class == CueClass::Thought
            || k > 0 && ctx.tok(k - 1).eq_ignore_ascii_case("to")
        {
            continue;
        }
        let between = c.end..open;
        // `said, ‘…’`, `told them: ‘…’`, `what she called a ‘rant’`.
        let lead_in = between.is_empty()
            || ctx.is_punct(open - 1, &[",", ":"])
                && between.len() <= 3
                && !(c.end..open - 1).any(|i| doc.tokens[i].kind != TokenKind::Word)
            || between.len() == 1 && words::is_determiner(&ctx.tok(c.end).low())
            // `always told me ‘never sell the farm’`
            || between.len() == 1
                && matches!(ctx.tok(c.end).low().as_str(), "me" | "us" | "him" | "her" | "them" | "you");
        if !lead_in {
            return None;
        }
        // The subject right before the cue, else the subject of the clause (`She looked at
        // me and said, ‘…’`).
        let (s_lo, _) = sentence_range(doc, k);
        let floor = lo.max(s_lo);
        // (A subject further off must name someone: `it now allowed me to … say to them:
        // ‘…’` is said by `me`, not `it`.)
        let speaker = speakers::before(doc, c.start, floor)
            .filter(|p| speaker_like(ctx, *p))
            .or_else(|| {
                subject_any(ctx, floor, c.start).filter(|p| {
                    speaker_like(ctx, *p) && !(p.pronoun && ctx.tok(p.start).low() == "it")
                })
            });
        return Some(Attribution { cue: c, speaker });
    }
    None
}

/// A direct quote cued by the colon after its speaker's name (`WALLACE: …`, `Pence: ‘…’`).
fn colon_quote(
    ctx: &Ctx,
    cue: CueMatch,
    content: Vec<Span>,
    speaker: Option<Phrase>,
    confidence: f32,
) -> Quote {
    Quote {
        kind: QuoteKind::Direct,
        content,
        cue: Some(ctx.cue_span(cue)),
        speaker: speaker.map(|p| ctx.speaker(p)),
        confidence,
        within: None,
    }
}

/// The text already attributed (the content of the quotes found so far) and every quoted
/// span, sorted and merged, so that starts and ends are both ascending.
fn taken_spans(ctx: &Ctx, out: &[Quote]) -> Vec<Span> {
    let mut taken: Vec<Span> = out.iter().flat_map(|q| q.content.iter().copied()).collect();
    taken.extend(ctx.quoted.iter().copied());
    taken.sort();
    let mut merged: Vec<Span> = Vec::with_capacity(taken.len());
    for t in taken {
        match merged.last_mut() {
            Some(m) if t.start <= m.end => m.end = m.end.max(t.end),
            _ => merged.push(t),
        }
    }
    merged
}

/// Reported speech without quote marks, one sentence at a time.
fn indirect(ctx: &Ctx, out: &mut Vec<Quote>) {
    let doc = ctx.doc;
    let taken = taken_spans(ctx, out);
    let overlaps_taken = |s: Span| {
        let k = taken.partition_point(|t| t.end <= s.start);
        taken[k..]
            .iter()
            .take_while(|t| t.start < s.end)
            .any(|t| t.overlaps(s))
    };
    let mut found = Vec::new();
    for sent in &doc.sentences {
        let (a, b) = (sent.tokens.start, sent.tokens.end);
        if b - a < 6 || b - a > 150 {
            continue;
        }
        // Up to three reports per sentence, one after the other.
        let mut from = a;
        for _ in 0..3 {
            let Some(mut q) = reported(ctx, from, b) else {
                break;
            };
            let end = q.content.iter().map(|c| c.end).max().unwrap_or(0);
            let cue_end = q.cue.map_or(0, |c| c.end);
            // `De Blasio said the move was made by X and said, “…”`: the report ends
            // where the quotation begins.
            if let [c] = q.content[..] {
                let k = taken.partition_point(|t| t.end <= c.start);
                if let Some(t) = taken
                    .get(k)
                    .filter(|t| t.start > c.start && t.start < c.end)
                {
                    let mut e = doc.token_at_or_after(t.start);
                    let s0 = doc.token_at_or_after(c.start);
                    while e > s0
                        && (doc.tokens[e - 1].kind != TokenKind::Word
                            || matches!(ctx.tok(e - 1), "and" | "but" | "said" | "says"))
                    {
                        e -= 1;
                    }
                    if e >= s0 + 4 {
                        q.content[0] = Span::new(c.start, doc.tokens[e - 1].span.end);
                    }
                }
            }
            // A cue or speaker inside a quotation (`Davis' commentary, "Melania, tell your
            // story," is thoughtful`) belongs to the quoted words, not to a report.
            let mut inside = q.cue.iter().chain(q.speaker.iter().map(|s| &s.span));
            if !q.content.iter().any(|&c| overlaps_taken(c)) && !inside.any(|&s| overlaps_taken(s))
            {
                let second = split_report(ctx, &mut q);
                found.push(q);
                found.extend(second);
            }
            let next = doc.token_at_or_after(end.max(cue_end));
            if next <= from || next + 6 > b {
                break;
            }
            from = next;
        }
        // `Clinton talked about the drug crisis`: speech about a topic, once the reports of
        // the sentence are known.
        let in_found = |found: &[Quote], sp: Span| {
            found
                .iter()
                .rev()
                .take(6)
                .any(|q: &Quote| q.content.iter().any(|c| c.overlaps(sp)))
        };
        let mut from = a;
        for _ in 0..3 {
            let Some(q) = topic_report(ctx, from, a, b) else {
                break;
            };
            let end = q.content.iter().map(|c| c.end).max().unwrap_or(0);
            if !q
                .content
                .iter()
                .any(|&c| overlaps_taken(c) || in_found(&found, c))
            {
                found.push(q);
            }
            let next = doc.token_at_or_after(end);
            if next <= from {
                break;
            }
            from = next;
        }
    }
    out.extend(found);
}

/// The speaker of a labelled attribution starting at token `a`: its tagged source, else the
/// noun phrase before its cue.
fn labelled_speaker(
    ctx: &Ctx,
    doc: &Doc,
    a: usize,
    r: &labeller::Relation,
) -> Option<speakers::Phrase> {
    let k = a + r.cue.start;
    // The labeller may tag the commas around an appositive (`Its spokeswoman, Ilse Bakker,
    // told`) as part of the source; a speaker has no edge punctuation.
    let edge = |i: usize| matches!(doc.tokens[i].kind, TokenKind::Punct | TokenKind::Quote);
    let (mut start, mut end) = match r.source {
        Some(g) => (a + g.start, a + g.end),
        None => (a, a),
    };
    while end > start && edge(end - 1) {
        end -= 1;
    }
    while start < end && edge(start) {
        start += 1;
    }
    // `Senate Majority Leader Ruth Caldwell, D-Ore.`: the party and state after the name
    // are no part of the speaker.
    if end >= start + 3 && ctx.is_punct(end - 2, &[","]) && party_state(ctx.tok(end - 1)) {
        end -= 2;
    }
    // `The United States orders the evacuation …, citing threats`: a participle after a comma
    // is said by the subject of the clause before it, not by the clause.
    let participle = k > a && ctx.tok(k).ends_with("ing") && ctx.is_punct(k - 1, &[","]);
    if participle && (end == start || end - start > 4) {
        let (lo, hi) = if end == start {
            (a, k - 1)
        } else {
            (start, end)
        };
        if let Some(p) = clause_subject(ctx, lo, hi) {
            return Some(p);
        }
    }
    if start == end {
        return speakers::before(doc, k, a);
    }
    Some(speakers::Phrase {
        span: Span::new(doc.tokens[start].span.start, doc.tokens[end - 1].span.end),
        start,
        end,
        pronoun: end == start + 1 && speakers::is_pronoun(&ctx.tok(start).to_lowercase()),
        named: is_capitalized(ctx.tok(start)),
    })
}

/// A party and state as US news writes them after a politician's name: `D-Ore.`, `R-S.C.`,
/// `I-Vt`.
fn party_state(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 4 && matches!(b[0], b'D' | b'R' | b'I') && b[1] == b'-' && b[2].is_ascii_uppercase()
}

/// The subject of the clause in tokens `[lo, hi)`: its first noun phrase, when a verb (a word
/// in lower case, not a preposition) follows it inside the clause. A plural noun before an
/// article is that verb (`The United States orders the evacuation`).
fn clause_subject(ctx: &Ctx, lo: usize, hi: usize) -> Option<Phrase> {
    let doc = ctx.doc;
    // `Chastened by the analyses, …, Trump revised`: an opening participle is no subject.
    let mut p = subject(ctx, lo, hi).filter(|p| p.end < hi && verb_like(ctx, p.end))?;
    let last = p.end - 1;
    if last > p.start
        && verb_like(ctx, last)
        && ctx.tok(last).ends_with('s')
        && words::is_article(&ctx.tok(p.end).low())
    {
        p.end = last;
        p.span.end = doc.tokens[last - 1].span.end;
    }
    Some(p)
}

/// Sentences without quotation marks, tagged by the trained labeller ([`labeller`]): each
/// cue it finds with its content, where no quote found so far has content, makes an
/// `indirect` quote,
/// the speaker being the source it tags (or the phrase next to the cue). Confidence 0.5 to
/// 0.7, by the labeller's margin for the cue.
fn labelled_reports(ctx: &Ctx, mentions: &[Mention], out: &mut Vec<Quote>) {
    let Some(model) = labeller::model() else {
        return;
    };
    let doc = ctx.doc;
    let merged = taken_spans(ctx, out);
    // A cue and speaker the rules used report nothing more (`…, Raman said during a visit to
    // Oslo.`: not `to Oslo` again).
    let mut used: Vec<(Span, Span)> = out
        .iter()
        .filter_map(|q| Some((q.cue?, q.speaker?.span)))
        .collect();
    used.sort();
    let attributed = |cue: Span, speaker: Option<Span>| {
        let k = used.partition_point(|t| t.0.end <= cue.start);
        used[k..]
            .iter()
            .take_while(|t| t.0.start < cue.end)
            .any(|t| Some(t.1) == speaker)
    };
    let overlaps_taken = |s: Span| {
        let k = merged.partition_point(|t| t.end <= s.start);
        merged.get(k).is_some_and(|t| t.overlaps(s))
    };
    let (mut tags, mut margin) = (Vec::new(), Vec::new());
    let mut found = Vec::new();
    for sent in &doc.sentences {
        let (a, b) = (sent.tokens.start, sent.tokens.end);
        if b < a + 4 || b - a > 150 {
            continue;
        }
        // A sentence with quotation marks is left to the rules (tagging it too found more
        // content but fewer right speakers, on dev and on held-out train alike); one that
        // the rules attributed in part may hold a further report.
        if (a..b).any(|i| doc.tokens[i].kind == TokenKind::Quote) {
            continue;
        }
        // A report needs two content tokens outside what is taken: a sentence without them
        // (one the rules attributed whole) yields nothing, so it is not tagged.
        if (a..b)
            .filter(|&i| !overlaps_taken(doc.tokens[i].span))
            .nth(1)
            .is_none()
        {
            continue;
        }
        let s = labeller::Sentence::new(doc, a, b, mentions, &ctx.quoted, &ctx.cues);
        model.tag(&s, &mut tags, &mut margin);
        for r in labeller::relations(&labeller::segments(&tags)) {
            let len: usize = r.content.iter().map(|c| c.end - c.start).sum();
            // A cue made only of function words (`was about`) is no cue.
            let light = (a + r.cue.start..a + r.cue.end).all(|i| {
                doc.tokens[i].kind != TokenKind::Word || light_word(&ctx.tok(i).to_lowercase())
            });
            if len < 2 || light || aspect_only(ctx, a + r.cue.start, a + r.cue.end) {
                continue;
            }
            let span = |g: &labeller::Segment| g.span(doc, a);
            let mut content: Vec<Span> = r.content.iter().map(span).collect();
            content.sort();
            if content.iter().any(|&c| overlaps_taken(c)) {
                continue;
            }
            let speaker = labelled_speaker(ctx, doc, a, &r);
            if attributed(span(&r.cue), speaker.map(|p| p.span)) {
                continue;
            }
            let cue_margin = margin[r.cue.start..r.cue.end].iter().sum::<f32>()
                / (r.cue.end - r.cue.start) as f32;
            found.push(Quote {
                kind: QuoteKind::Indirect,
                content,
                cue: Some(span(&r.cue)),
                speaker: speaker.map(|p| ctx.speaker(p)),
                // The labeller's margin for the cue over `O` (in weight units; half the
                // cues the labeller finds on PolNeAR dev score over about 200).
                confidence: 0.5 + 0.2 * (cue_margin / 300.0).tanh().max(0.0),
                within: None,
            });
        }
    }
    out.extend(found);
}

/// `Politicians continued to speed up the process`: `continue` is a cue of its own (`…,” he
/// continued`), but before `to` and a verb that is neither a cue nor a verbal act it only
/// says that something went on (`continued to deny`, `continued to call for`, `continued to
/// attack` stay reports, as PolNeAR annotates them).
fn aspect_only(ctx: &Ctx, start: usize, end: usize) -> bool {
    let verb = start + 2;
    end <= verb
        && verb < ctx.doc.tokens.len()
        && ctx.tok(start).low().as_str().starts_with("continu")
        && ctx.tok(start + 1).low().as_str() == "to"
        && ctx.cue(verb).is_none()
        && !matches!(
            ctx.tok(verb).low().as_str(),
            "call"
                | "attack"
                | "question"
                | "criticize"
                | "criticise"
                | "blast"
                | "slam"
                | "mock"
                | "praise"
                | "tout"
                | "defend"
                | "dismiss"
                | "downplay"
                | "blame"
                | "accuse"
                | "challenge"
                | "push"
                | "press"
                | "ignore"
                | "plot"
                | "poke"
        )
}

/// `She …, cautioning that “…”`, `Trump said …, adding that “…”`, `… by warning that
/// “…”`: a cue that is a participle after a comma (or after `by`, `while`) has no speaker
/// of its own; the subject of its sentence speaks. Fills quotes that have a cue but no
/// speaker.
fn participle_speakers(ctx: &Ctx, out: &mut [Quote]) {
    let doc = ctx.doc;
    for q in out.iter_mut() {
        let Some(c) = q.cue else { continue };
        if q.speaker.is_some() {
            continue;
        }
        let k = doc.token_at_or_after(c.start);
        if k >= doc.tokens.len() {
            continue;
        }
        let w = ctx.tok(k).low();
        let w = w.as_str();
        if !(w.len() > 5 && w.ends_with("ing")) {
            continue;
        }
        if let Some(sp) = opening_participle_subject(ctx, k) {
            q.speaker = Some(ctx.speaker(sp));
            continue;
        }
        if k == 0 {
            continue;
        }
        // `, adding`, `, repeatedly dismissing`, `by warning`, `while praising`.
        let mut p = k - 1;
        if p > 0 && ctx.tok(p).low().as_str().ends_with("ly") {
            p -= 1;
        }
        if !(ctx.is_punct(p, &[","])
            || matches!(
                ctx.tok(p).low().as_str(),
                "by" | "while" | "before" | "after"
            ))
        {
            continue;
        }
        let a = doc.sentences[doc.sentence_of(k)].tokens.start;
        if let Some(sp) = subject(ctx, a, p).filter(|sp| sp.end <= p) {
            q.speaker = Some(ctx.speaker(sp));
        }
    }
}

/// `Declaring that …, the mogul offered …`, `But while denouncing …, she …`, `In citing …,
/// Will urged …`: the participle at token `k` opens its sentence (after a conjunction or a
/// preposition at most), so the subject of the main clause, after the clause's comma,
/// speaks. Only the first phrase after a comma counts, and only when a verb-like lowercase
/// word follows it.
fn opening_participle_subject(ctx: &Ctx, k: usize) -> Option<Phrase> {
    let doc = ctx.doc;
    let (a, b) = sentence_range(doc, k);
    let mut s = a;
    while s < k && doc.tokens[s].kind != TokenKind::Word {
        s += 1;
    }
    if s < k && matches!(ctx.tok(s).low().as_str(), "but" | "and") {
        s += 1;
    }
    if s < k
        && matches!(
            ctx.tok(s).low().as_str(),
            "while" | "in" | "by" | "after" | "before" | "when" | "upon"
        )
    {
        s += 1;
    }
    if s != k {
        return None;
    }
    let comma = (k + 1..b.min(k + 60)).find(|&i| ctx.is_punct(i, &[","]))?;
    let mut j = comma + 1;
    while j < b && doc.tokens[j].kind == TokenKind::Quote {
        j += 1;
    }
    // `…,” though, Allen did suggest`: past a connective adverb set off by commas.
    if j + 1 < b
        && matches!(ctx.tok(j).low().as_str(), "though" | "however" | "too")
        && ctx.is_punct(j + 1, &[","])
    {
        j += 2;
    }
    let p =
        speakers::after(doc, j, b).filter(|p| speaker_like(ctx, *p) && !ctx.in_quote(p.span))?;
    (p.end < b && verb_like(ctx, p.end)).then_some(p)
}

/// Can token `i` be the verb after a subject: a word in lower case, not a preposition or a
/// conjunction?
fn verb_like(ctx: &Ctx, i: usize) -> bool {
    let w = ctx.tok(i);
    ctx.doc.tokens[i].kind == TokenKind::Word
        && w.starts_with(|c: char| c.is_lowercase())
        && !matches!(
            w,
            "in" | "on" | "at" | "of" | "for" | "with" | "to" | "and" | "or" | "from" | "by"
        )
}

/// Quotations the rules left unattributed or as guesses (confidence 0.2 to [`CONFIDENT`]):
/// when the labeller ([`labeller`]), run on the sentences of the quotation's first and last
/// piece, tags a cue whose content overlaps the quotation, the quote takes that cue and its tagged
/// source when it had no cue, or is confirmed when its own cue is the tagged one.
/// Confidence then 0.55.
fn labelled_attributions(ctx: &Ctx, mentions: &[Mention], out: &mut [Quote]) {
    let Some(model) = labeller::model() else {
        return;
    };
    let doc = ctx.doc;
    let (mut tags, mut margin) = (Vec::new(), Vec::new());
    // The relations of the sentences tagged so far (each sentence at most once).
    let mut done: std::collections::HashMap<usize, Vec<labeller::Relation>> = Default::default();
    for q in out.iter_mut() {
        // Titles and quoted names (confidence 0.1 and below) are left alone.
        // The subject guesses for quoted words (partial, 0.5) may be corrected.
        let guess =
            q.kind == QuoteKind::Partial && (q.confidence == 0.5 || q.confidence == GUESS_NO_VERB);
        if (q.confidence >= CONFIDENT || q.confidence < 0.2 || q.kind == QuoteKind::Indirect)
            && !guess
        {
            continue;
        }
        let (Some(first), Some(last)) = (q.content.first(), q.content.last()) else {
            continue;
        };
        let s0 = doc.sentence_of(doc.token_at_or_after(first.start));
        let s1 = doc.sentence_of(doc.token_at_or_after(last.end.saturating_sub(1)));
        let mut pick: Option<(usize, labeller::Relation)> = None;
        for si in [s0, s1] {
            let Some(sent) = doc.sentences.get(si) else {
                continue;
            };
            let (a, b) = (sent.tokens.start, sent.tokens.end);
            if b <= a || b - a > 150 {
                continue;
            }
            let rels = done.entry(si).or_insert_with(|| {
                let s = labeller::Sentence::new(doc, a, b, mentions, &ctx.quoted, &ctx.cues);
                model.tag(&s, &mut tags, &mut margin);
                labeller::relations(&labeller::segments(&tags))
            });
            let span = |g: &labeller::Segment| g.span(doc, a);
            if let Some(r) = rels.iter().find(|r| {
                r.content
                    .iter()
                    .any(|c| q.content.iter().any(|p| p.overlaps(span(c))))
            }) {
                pick = Some((a, r.clone()));
                break;
            }
        }
        let Some((a, r)) = pick else { continue };
        let span = |g: &labeller::Segment| g.span(doc, a);
        let cue = span(&r.cue);
        match q.cue {
            Some(_) if guess && r.source.is_some() => {
                if q.cue.is_some_and(|c| c.overlaps(cue)) {
                    q.confidence = 0.55;
                }
                let speaker = labelled_speaker(ctx, doc, a, &r);
                q.cue = Some(cue);
                q.speaker = speaker.map(|p| ctx.speaker(p));
                q.confidence = q.confidence.max(CONFIDENT);
            }
            Some(c) if c.overlaps(cue) => q.confidence = 0.55,
            Some(_) => {}
            // A new attribution needs a tagged source (taking the phrase before the cue
            // instead lowered quote+speaker F1 on PolNeAR dev and held-out train).
            None if r.source.is_none() => {}
            None => {
                let speaker = labelled_speaker(ctx, doc, a, &r);
                q.cue = Some(cue);
                q.speaker = speaker.map(|p| ctx.speaker(p));
                q.confidence = 0.55;
            }
        }
    }
}

/// A function word that cannot make a cue on its own: a form of `be` or `have`, an article,
/// a preposition or conjunction.
fn light_word(w: &str) -> bool {
    matches!(
        w,
        "is" | "was"
            | "are"
            | "were"
            | "be"
            | "been"
            | "being"
            | "am"
            | "has"
            | "have"
            | "had"
            | "the"
            | "a"
            | "an"
            | "about"
            | "of"
            | "to"
            | "for"
            | "on"
            | "in"
            | "at"
            | "with"
            | "as"
            | "by"
            | "from"
            | "and"
            | "or"
            | "but"
            | "that"
            | "this"
            | "it"
    )
}

/// Is `w` (lowercase) a verb of speech that takes its topic after `prep`?
fn topic_verb(w: &str, prep: &str) -> bool {
    let stem = w
        .strip_suffix("ing")
        .or_else(|| w.strip_suffix("ed"))
        .or_else(|| w.strip_suffix('s'))
        .unwrap_or(w);
    match prep {
        "about" => matches!(
            stem,
            "talk"
                | "spoke"
                | "speak"
                | "ask"
                | "complain"
                | "warn"
                | "joke"
                | "wrote"
                | "writ"
                | "tweet"
                | "boast"
                | "brag"
                | "testifi"
                | "testify"
                | "lectur"
                | "rant"
        ),
        "of" => matches!(stem, "spoke" | "speak" | "warn" | "boast"),
        "for" => matches!(stem, "call" | "ask" | "push" | "argu" | "argue" | "plead"),
        "on" => matches!(
            stem,
            "call" | "comment" | "focus" | "focuss" | "remark" | "weigh"
        ),
        "against" => matches!(stem, "warn" | "rail" | "argu" | "argue" | "spoke" | "speak"),
        "to" => matches!(stem, "point" | "refer" | "referr"),
        _ => false,
    }
}

/// `NP ’s NOUN PREP TOPIC` at the noun `v` (`Trump’s claim that …`, `Clinton’s attacks on
/// Trump`).
fn possessive_report(ctx: &Ctx, v: usize, a: usize, b: usize) -> Option<Quote> {
    let doc = ctx.doc;
    let w = ctx.tok(v);
    let prep = ctx.tok(v + 1).low();
    let fits = match prep.as_str() {
        "that" => matches!(
            w,
            "claim"
                | "claims"
                | "assertion"
                | "insistence"
                | "argument"
                | "suggestion"
                | "statement"
                | "warning"
                | "promise"
                | "pledge"
                | "vow"
                | "charge"
                | "contention"
                | "allegation"
                | "accusation"
                | "belief"
                | "view"
        ),
        "on" => matches!(w, "attack" | "attacks" | "comments" | "remarks" | "views"),
        "of" => matches!(
            w,
            "criticism"
                | "endorsement"
                | "support"
                | "praise"
                | "defense"
                | "description"
                | "characterization"
                | "denunciation"
                | "rejection"
        ),
        "for" => matches!(w, "support" | "call" | "calls" | "praise" | "admiration"),
        "to" => matches!(w, "opposition" | "response" | "reference" | "references"),
        "about" => matches!(
            w,
            "comments"
                | "remarks"
                | "questions"
                | "concerns"
                | "claims"
                | "statements"
                | "warnings"
                | "doubts"
        ),
        "against" => matches!(w, "attacks" | "case" | "warning" | "warnings"),
        _ => false,
    };
    if !fits {
        return None;
    }
    // The possessor: the name right before `’s` (`Mr. Keller’s`, `Donald Trump’s`).
    let mut s0 = v - 1;
    while s0 > a
        && v - 1 - s0 < 5
        && doc.tokens[s0 - 1].kind == TokenKind::Word
        && is_capitalized(ctx.tok(s0 - 1))
    {
        s0 -= 1;
    }
    if s0 == v - 1
        || ctx.in_quote(Span::new(
            doc.tokens[s0].span.start,
            doc.tokens[v - 2].span.end,
        ))
    {
        return None;
    }
    let sp = Phrase {
        span: Span::new(doc.tokens[s0].span.start, doc.tokens[v - 2].span.end),
        start: s0,
        end: v - 1,
        pronoun: false,
        named: true,
    };
    let start = v + 2;
    let e = ctx.topic_end(start, b);
    if e < start + 1 {
        return None;
    }
    let cue = CueMatch::speech(v, if prep == "that" { v + 1 } else { v + 2 });
    Some(ctx.indirect(start, e, cue, Some(sp)))
}

/// `NP VERB PREP TOPIC` (`Clinton talked about the drug crisis`, `…, calling for a ban`):
/// speech reported by its topic, with the subject as the speaker.
fn topic_report(ctx: &Ctx, from: usize, a: usize, b: usize) -> Option<Quote> {
    let doc = ctx.doc;
    for v in from..b.saturating_sub(2) {
        let w = ctx.tok(v);
        // `Asked whether he would run, Smith demurred`: the question is the content, asked
        // by no one named (or `asked by a reporter if …`).
        if w == "Asked" || w == "asked" {
            let mut q = v + 1;
            let mut by = None;
            if ctx.tok(q) == "by" {
                by = speakers::after(doc, q + 1, b);
                q = by.map_or(q, |p| p.end);
            }
            if q < b
                && matches!(
                    ctx.tok(q),
                    "whether" | "if" | "which" | "what" | "how" | "why" | "when" | "who" | "about"
                )
            {
                let start = if ctx.tok(q) == "about" { q + 1 } else { q };
                let mut e = start;
                while e < b
                    && e < start + 30
                    && doc.tokens[e].kind != TokenKind::Quote
                    && !ctx.is_punct(e, &[",", ".", ";", ":", "!", "?"])
                {
                    e += 1;
                }
                if e >= start + 2 {
                    let cue = CueMatch::speech(v, v + 1);
                    return Some(ctx.indirect(start, e, cue, by));
                }
            }
            continue;
        }
        if doc.tokens[v].kind != TokenKind::Word || !w.bytes().all(|c| c.is_ascii_lowercase()) {
            continue;
        }
        // `Trump’s claim that …`, `Clinton’s attacks on …`: the speech named by a noun, with
        // its possessor as the speaker.
        if v > a + 1 && matches!(ctx.tok(v - 1), "'s" | "’s") {
            if let Some(q) = possessive_report(ctx, v, a, b) {
                return Some(q);
            }
            continue;
        }
        // `endorsed Clinton`, `criticized the plan`: a stance taken on its object.
        // `Gore declined to comment`, `declined an interview request`.
        let stance = matches!(w, "declined" | "declines" | "refused" | "refuses")
            || w.len() > 5
                && !w.ends_with("ing")
                && matches!(
                    w.strip_suffix('d')
                        .or_else(|| w.strip_suffix('s'))
                        .unwrap_or(""),
                    "endorse"
                        | "criticize"
                        | "criticise"
                        | "praise"
                        | "oppose"
                        | "condemne"
                        | "attacke"
                        | "defende"
                        | "rejecte"
                        | "backe"
                        | "supporte"
                        | "attack"
                        | "defend"
                        | "reject"
                        | "support"
                );
        let prep_at = if stance {
            v
        } else if ctx.tok(v + 1) == "out" {
            v + 2
        } else {
            v + 1
        };
        if prep_at + 1 >= b {
            continue;
        }
        let prep = ctx.tok(prep_at).low();
        if !stance && !topic_verb(w, prep.as_str()) {
            continue;
        }
        // The topic: up to the clause's end, bounded.
        let start = prep_at + 1;
        let e = ctx.topic_end(start, b);
        if e < start + 1 {
            continue;
        }
        let participle = w.ends_with("ing");
        let speaker = if participle {
            if !(v > a && ctx.is_punct(v - 1, &[","])) {
                continue;
            }
            subject(ctx, a, v)
        } else {
            speakers::before(doc, v, a).filter(|p| !ctx.in_quote(p.span))
        };
        let Some(sp) = speaker.filter(|p| speaker_like(ctx, *p)) else {
            continue;
        };
        let cue = CueMatch::speech(v, prep_at + 1);
        return Some(ctx.indirect(start, e, cue, Some(sp)));
    }
    None
}

/// `X said A, arguing B` / `X said A and noted that B`: a second report of the same
/// speaker inside the content of `q` is cut off into a quote of its own.
fn split_report(ctx: &Ctx, q: &mut Quote) -> Option<Quote> {
    let doc = ctx.doc;
    let [content] = q.content[..] else {
        return None;
    };
    let a = doc.token_at_or_after(content.start);
    let b = doc.token_at_or_after(content.end);
    // A bounded window: a clause in a sentence without end can be as long as the text.
    for i in a + 2..b.saturating_sub(2).min(a + 120) {
        let participle = ctx.is_punct(i - 1, &[","]) && ctx.tok(i).ends_with("ing");
        // `… and accused X of …`, `… but noted that …`: a verb in the past tense (or
        // followed by `that`) shares the subject.
        // Speech verbs of any tense (`and said`, `and tells the crowd`) qualify too.
        let conjoined = matches!(ctx.tok(i - 1), "and" | "but")
            && !ctx.tok(i).ends_with("ing")
            && (ctx.tok(i).ends_with("ed")
                || ctx
                    .cue(i)
                    .is_some_and(|c| matches!(c.class, CueClass::Speech | CueClass::Tell))
                    && (ctx.tok(i).ends_with('s')
                        || matches!(ctx.tok(i), "said" | "told" | "wrote"))
                || (i + 1..b.min(i + 4)).any(|j| ctx.tok(j).eq_ignore_ascii_case("that")));
        if !(participle || conjoined) {
            continue;
        }
        let Some(c) = ctx.cue(i).filter(|c| !c.according && c.end < b) else {
            continue;
        };
        // A participle's object follows it (`citing the importance of a nation that …`).
        let rest = if participle {
            let mut k = c.end;
            if ctx.tok(k).eq_ignore_ascii_case("that") {
                k += 1;
            }
            let mut e = b;
            while e > k && doc.tokens[e - 1].kind == TokenKind::Punct {
                e -= 1;
            }
            if e < k + 2 {
                return None;
            }
            Span::new(doc.tokens[k].span.start, doc.tokens[e - 1].span.end)
        } else {
            let Some(r) = clause_after(ctx, c, b) else {
                continue;
            };
            r
        };
        let mut e = i - 1;
        while e > a && doc.tokens[e - 1].kind == TokenKind::Punct {
            e -= 1;
        }
        if e < a + 3 {
            return None;
        }
        q.content[0] = Span::new(content.start, doc.tokens[e - 1].span.end);
        return Some(Quote {
            kind: QuoteKind::Indirect,
            content: vec![rest],
            cue: Some(ctx.cue_span(c)),
            speaker: q.speaker,
            confidence: q.confidence,
            within: None,
        });
    }
    None
}

/// The cue of `…, NP CUE.` / `…, CUE NP.` closing the sentence `[a, b)`, if any.
fn tail_attribution(ctx: &Ctx, a: usize, b: usize) -> Option<usize> {
    let doc = ctx.doc;
    let mut e = b;
    while e > a && doc.tokens[e - 1].kind == TokenKind::Punct {
        e -= 1;
    }
    let lo = a.max(e.saturating_sub(12));
    let comma = (lo..e).rev().find(|&i| ctx.is_punct(i, &[","]))?;
    let k = (comma + 1..e).find(|&i| ctx.cue(i).is_some())?;
    let c = ctx.cue(k)?;
    if c.class == CueClass::Thought || ctx.tok(k).ends_with("ing") {
        return None;
    }
    let ok = if k == comma + 1 {
        speakers::after(doc, c.end, e).is_some_and(|p| p.end == e)
    } else {
        speakers::after(doc, comma + 1, k).is_some_and(|p| p.end + 2 >= k) && c.end + 2 >= e
    };
    ok.then_some(k)
}

/// A verb outside the lexicon that takes a `that` clause (`Companies complain that …`,
/// `the report alleges that …`).
fn generic_cue(ctx: &Ctx, k: usize, b: usize) -> Option<CueMatch> {
    let doc = ctx.doc;
    if k + 1 >= b
        || doc.tokens[k].kind != TokenKind::Word
        || !ctx.tok(k + 1).eq_ignore_ascii_case("that")
    {
        return None;
    }
    let w = ctx.tok(k);
    let verb_like = w.len() > 3
        && w.chars().all(|c| c.is_ascii_lowercase())
        && (w.ends_with("ed") || w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us"));
    // A word in `-s` is a verb only after its subject: a name (`Trump charges that`), a
    // pronoun (`He notes that`) or a phrase opening the sentence (`The Tax Foundation
    // estimates that`); `sanctions that`, `cities that`, `data centres that` are nouns before
    // a relative clause.
    let object = w.ends_with('s') && !w.ends_with("ed") && k > 0 && {
        let prev = ctx.tok(k - 1);
        let (s_lo, _) = sentence_range(doc, k);
        // (`A document on the campaign's website states that`: no verb or comma before it)
        let subject_prefix = k > s_lo
            && k <= s_lo + 12
            && (s_lo..k).all(|i| {
                let t = ctx.tok(i);
                !(ctx.is_punct(i, &[",", ";", ":", "—", "–"])
                    || t.starts_with(|c: char| c.is_lowercase())
                        && (t.ends_with("ed") || t.ends_with("ing") || speakers::is_past_verb(t))
                    || auxiliary(t))
            });
        !(prev.starts_with(|c: char| c.is_uppercase())
            || speakers::is_pronoun(&prev.low())
            || subject_prefix)
    };
    if !verb_like
        || object
        || matches!(
            w,
            "has"
                | "was"
                | "is"
                | "does"
                | "this"
                | "thus"
                | "sees"
                | "means"
                | "so"
                | "needed"
                | "needs"
                | "ensures"
                | "ensured"
                | "indeed"
        )
    {
        return None;
    }
    Some(CueMatch {
        start: k,
        end: k + 1,
        class: CueClass::Report,
        according: false,
    })
}

fn reported(ctx: &Ctx, a: usize, b: usize) -> Option<Quote> {
    let doc = ctx.doc;
    // `KESSENBURG — Storm Ingrid tore through …, officials said`: no report holds its dateline.
    let a = after_dateline(ctx, a, b);
    let sent_span = |s: usize, e: usize| {
        let mut e = e;
        while e > s && doc.tokens[e - 1].kind == TokenKind::Punct {
            e -= 1;
        }
        (e >= s + 3).then(|| Span::new(doc.tokens[s].span.start, doc.tokens[e - 1].span.end))
    };
    let mk = |ctx: &Ctx, content: Span, c: CueMatch, sp: Option<Phrase>, conf: f32| Quote {
        kind: QuoteKind::Indirect,
        content: vec![content],
        cue: Some(ctx.cue_span(c)),
        speaker: sp.map(|p| ctx.speaker(p)),
        confidence: conf,
        within: None,
    };
    let tail_at = tail_attribution(ctx, a, b);
    for k in a..b {
        let Some(c) = ctx.cue(k).or_else(|| generic_cue(ctx, k, b)) else {
            continue;
        };
        if c.according {
            // The source: its noun phrase, or failing that (`recently hacked documents`,
            // `early results of the exit poll conducted by …`) the words up to the comma.
            let np = speakers::after(doc, c.end, b).or_else(|| {
                let mut e = c.end;
                while e < b && e < c.end + 25 && !ctx.is_punct(e, &[",", ".", ";", ":"]) {
                    e += 1;
                }
                (e > c.end && doc.tokens[e - 1].kind == TokenKind::Word).then(|| Phrase {
                    span: Span::new(doc.tokens[c.end].span.start, doc.tokens[e - 1].span.end),
                    start: c.end,
                    end: e,
                    pronoun: false,
                    named: (c.end..e).any(|i| is_capitalized(ctx.tok(i))),
                })
            })?;
            // `But according to X, …`
            let opening = k == a
                || k == a + 1 && matches!(ctx.tok(a), "But" | "And" | "Yet" | "So" | "Still");
            if opening || ctx.is_punct(k.saturating_sub(1), &[","]) && k > a {
                if opening {
                    // According to X, CLAUSE.
                    let mut s = np.end;
                    while s < b && !ctx.is_punct(s, &[","]) {
                        s += 1;
                    }
                    let content = sent_span(s + 1, b)?;
                    return Some(mk(ctx, content, c, Some(np), 0.7));
                }
                // CLAUSE, according to X. / SUBJECT, according to X, CLAUSE.
                let rest = if ctx.is_punct(np.end, &[","]) {
                    sent_span(np.end + 1, b)
                } else {
                    None
                };
                let first = if rest.is_some() {
                    // The subject before the comma may be short (`The dam`).
                    (k - 1 > a)
                        .then(|| Span::new(doc.tokens[a].span.start, doc.tokens[k - 2].span.end))
                } else {
                    sent_span(a, k - 1)
                };
                let content: Vec<Span> = first.into_iter().chain(rest).collect();
                if content.is_empty() {
                    return None;
                }
                let mut q = mk(ctx, content[0], c, Some(np), 0.7);
                q.content = content;
                return Some(q);
            }
            continue;
        }
        let lw = ctx.tok(k);
        if lw.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        if passive_with_agent(ctx, a, k, c.end, b) {
            continue;
        }
        // CLAUSE, NP CUE. / CLAUSE, CUE NP.
        let tail_only = c.end + 1 >= b
            || ctx.is_punct(c.end, &[".", "!", "?"])
            || speakers::after(doc, c.end, b)
                .is_some_and(|p| p.end + 1 >= b || ctx.is_punct(p.end, &[","]))
                && k > a
                && ctx.is_punct(k - 1, &[","])
            || (c.end..b.saturating_sub(1)).all(|i| {
                let w = ctx.tok(i).low();
                w == "on"
                    || words::is_time_word(&w)
                    || matches!(w.as_str(), "earlier" | "later" | "recently")
            })
            // `…, the companies said in a joint statement.`, `…, she said at a rally on Friday.`
            || c.class == CueClass::Speech
                && !(k > a
                    && matches!(
                        ctx.tok(k - 1).low().as_str(),
                        "will" | "would" | "could" | "can" | "may" | "might" | "should" | "must"
                            | "to"
                    ))
                && b >= c.end + 3
                && b <= c.end + 10
                && ctx.is_punct(b - 1, &[".", "!", "?"])
                && matches!(
                    ctx.tok(c.end).low().as_str(),
                    "in" | "on" | "at" | "during" | "via" | "through" | "after" | "before"
                )
                && (c.end..b - 1).all(|i| {
                    doc.tokens[i].kind != TokenKind::Quote
                        // (a cue phrase of its own may follow: `said in a statement`)
                        && ctx.cue(i).is_none_or(|c| ctx.tok(c.start).eq_ignore_ascii_case("in"))
                        && !matches!(ctx.tok(i).low().as_str(), "that" | "," | "which" | "who")
                });
        // `…, she told the Guardian.`, `…, two sources told Reuters on Friday.`: a listener
        // (and an occasion) closing the sentence.
        let tail_only = tail_only
            || c.class == CueClass::Tell
                && matches!(
                    lw,
                    "told" | "tells" | "warned" | "warns" | "assured" | "reminded" | "cautioned"
                )
                && k > a
                && !ctx.is_punct(k - 1, &[","])
                && {
                    // The listener: one to four words (`reporters`, `the Guardian`), no clause.
                    let mut e = b;
                    while e > c.end && doc.tokens[e - 1].kind == TokenKind::Punct {
                        e -= 1;
                    }
                    let occasion = |w: &str| {
                        matches!(
                            w,
                            "in" | "on" | "at" | "during" | "last" | "this" | "earlier"
                        )
                    };
                    let mut j = c.end;
                    while j < e && j < c.end + 4 && !occasion(&ctx.tok(j).low()) {
                        let w = ctx.tok(j).low();
                        if doc.tokens[j].kind != TokenKind::Word
                            || speakers::is_pronoun(&w)
                                && !matches!(w.as_str(), "him" | "her" | "them" | "us" | "me")
                            || auxiliary(&w)
                            || matches!(
                                w.as_str(),
                                "that" | "who" | "which" | "to" | "about" | "of"
                            )
                        {
                            break;
                        }
                        j += 1;
                    }
                    j > c.end
                        // (`Gary Johnson told a joke.`: what is told, not to whom)
                        && !(c.end..j).any(|i| {
                            matches!(
                                ctx.tok(i).low().as_str(),
                                "joke" | "jokes" | "story" | "stories" | "lie" | "lies" | "tale"
                                    | "tales" | "truth" | "secret" | "secrets" | "anecdote"
                            )
                        })
                        && (j == e
                            || occasion(&ctx.tok(j).low())
                                && e <= j + 6
                                && (j..e).all(|i| {
                                    matches!(doc.tokens[i].kind, TokenKind::Word | TokenKind::Number)
                                        && !matches!(ctx.tok(i), "that" | "who" | "which")
                                }))
                };
        if tail_only {
            if c.class == CueClass::Thought {
                continue;
            }
            // The comma before the attribution.
            let np_before = speakers::before(doc, k, a);
            let (comma, sp) = match np_before {
                Some(p) if p.start > a && ctx.is_punct(p.start - 1, &[","]) => {
                    (p.start - 1, Some(p))
                }
                _ if k > a && ctx.is_punct(k - 1, &[","]) && !lw.ends_with("ing") => {
                    (k - 1, speakers::after(doc, c.end, b))
                }
                _ => continue,
            };
            sp?;
            let content = sent_span(a, comma)?;
            return Some(mk(ctx, content, c, sp, 0.65));
        }
        // A parenthetical attribution: `CLAUSE, NP CUE, CLAUSE.` / `CLAUSE, CUE NP, …`.
        if c.class != CueClass::Thought
            && !lw.ends_with("ing")
            && k > a + 2
            && !(c.end < b && ctx.tok(c.end).eq_ignore_ascii_case("that"))
        {
            let np_before = speakers::before(doc, k, a);
            let pre = match np_before {
                // (`Scott's relatives, who asked …, watched it`: a relative clause)
                Some(p)
                    if p.start > a + 2
                        && ctx.is_punct(p.start - 1, &[","])
                        && !matches!(ctx.tok(p.start), "who" | "which" | "that") =>
                {
                    Some((p.start - 1, p, c.end))
                }
                _ if ctx.is_punct(k - 1, &[","]) => speakers::after(doc, c.end, b)
                    .filter(|p| p.pronoun || p.named || p.end - p.start >= 2)
                    .map(|p| (k - 1, p, p.end)),
                _ => None,
            };
            if let Some((comma, sp, att_end)) = pre {
                // The attribution may carry an appositive or a time: up to the next comma.
                let mut e = att_end;
                while e < b && e < att_end + 12 && !ctx.is_punct(e, &[",", ".", "!", "?", ";"]) {
                    e += 1;
                }
                // (`…, said McConnell's trip was more important than …,`: a clause, not an
                // attribution with an appositive)
                let clause = (att_end..e).any(|i| auxiliary(&ctx.tok(i).low()));
                let relative = clause
                    || e + 1 < b
                        && matches!(
                            ctx.tok(e + 1).low().as_str(),
                            "who" | "which" | "whose" | "whom" | "where" | "when" | "and" | "but"
                        );
                if ctx.is_punct(e, &[","]) && !relative {
                    // The subject before the comma may be short (`The offer, the union said,
                    // was too low`).
                    let first = sent_span(a, comma).or_else(|| {
                        (comma > a && doc.tokens[comma - 1].kind == TokenKind::Word).then(|| {
                            Span::new(doc.tokens[a].span.start, doc.tokens[comma - 1].span.end)
                        })
                    });
                    let rest = sent_span(e + 1, b);
                    if let (Some(f), Some(r)) = (first, rest) {
                        return Some(Quote {
                            kind: QuoteKind::Indirect,
                            content: vec![f, r],
                            cue: Some(ctx.cue_span(c)),
                            speaker: Some(ctx.speaker(sp)),
                            confidence: 0.6,
                            within: None,
                        });
                    }
                }
            }
        }
        // `, saying (that) …`: the subject of the sentence.
        if lw == "saying" && k > a && ctx.is_punct(k - 1, &[","]) {
            let sp = speakers::after(doc, a, k);
            let content = clause_after(ctx, c, b)?;
            return Some(mk(ctx, content, c, sp, 0.55));
        }
        // NP CUE (that) CLAUSE.
        let Some(sp) = speakers::before(doc, k, a) else {
            continue;
        };
        let subject_pos = sp.start == a
            || ctx.is_punct(sp.start - 1, &[",", "—", "–", ":"])
            || matches!(
                ctx.tok(sp.start - 1).low().as_str(),
                "but" | "and" | "yet" | "so" | "meanwhile" | "also"
            );
        // `Clinton had told police that …, the source added.`: the outer attribution at
        // the end of the sentence wins over a report inside its content.
        if tail_at.is_some_and(|t| t > k) {
            continue;
        }
        // `Politicians and even some technologists say …`, `Six in 10 say …`: the whole
        // sentence start is one long subject.
        let long_subject = sp.start > a
            && sp.start - a <= 8
            && (a..sp.start).all(|i| {
                let t = ctx.tok(i).low();
                matches!(doc.tokens[i].kind, TokenKind::Word | TokenKind::Number)
                    && !matches!(
                        t.as_str(),
                        "that"
                            | "which"
                            | "who"
                            | "because"
                            | "if"
                            | "when"
                            | "while"
                            | "as"
                            | "since"
                            | "after"
                            | "before"
                            | "but"
                            | "although"
                            | "though"
                            | "is"
                            | "are"
                            | "was"
                            | "were"
                            | "has"
                            | "have"
                            | "had"
                            | "will"
                            | "would"
                            | "not"
                            | "it"
                            | "this"
                            | "there"
                            | "what"
                            | "how"
                    )
                    && ctx.cue(i).is_none()
            });
        if !subject_pos && !long_subject {
            continue;
        }
        let next = ctx.tok(c.end.min(b - 1)).low();
        let next_tok = c.end.min(b - 1);
        let clause_start = next == "that"
            || c.class == CueClass::Speech
                && doc.tokens[next_tok].kind == TokenKind::Word
                && !matches!(
                    next.as_str(),
                    "to" | "in"
                        | "on"
                        | "at"
                        | "by"
                        | "for"
                        | "with"
                        | "about"
                        | "from"
                        | "of"
                        | "during"
                        | "after"
                        | "before"
                        | "so"
                        | "and"
                        | "or"
                        | "as"
                        | "than"
                        | "yes"
                        | "no"
                        | "goodbye"
                        | "hello"
                        | "thanks"
                        | "sorry"
                )
            || speakers::is_pronoun(&next)
            || words::is_article(&next)
            || matches!(
                next.as_str(),
                "there"
                    | "neither"
                    | "no"
                    | "some"
                    | "many"
                    | "most"
                    | "all"
                    | "if"
                    | "whether"
                    | "both"
            )
            || ctx
                .tok(c.end.min(b - 1))
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
        let that_soon = (c.end..b.min(c.end + 12)).any(|i| ctx.tok(i).eq_ignore_ascii_case("that"));
        match c.class {
            CueClass::Report if next != "that" => continue,
            CueClass::Thought if !(clause_start || that_soon) => continue,
            CueClass::Speech if !(clause_start || that_soon) => continue,
            _ => {}
        }
        // `Scott's relatives, who asked police to …, watched it`: a relative clause set off by
        // commas ends at its closing comma.
        let relative = sp.start > a
            && ctx.is_punct(sp.start - 1, &[","])
            && matches!(ctx.tok(sp.start), "who" | "which");
        // (Only its first comma, and only before the main clause's verb: not `who said that
        // the two men, and Cruz in particular, must …`.)
        let main_verb = |i: usize| {
            let w = ctx.tok(i);
            doc.tokens[i].kind == TokenKind::Word
                && w.starts_with(|c: char| c.is_lowercase())
                && (w.ends_with("ed")
                    || speakers::is_past_verb(w)
                    || ctx.cue(i).is_some()
                    || auxiliary(w))
        };
        let end = if relative {
            (c.end..b.saturating_sub(1))
                .find(|&i| ctx.is_punct(i, &[","]))
                .filter(|&i| main_verb(i + 1))
                .unwrap_or(b)
        } else {
            b
        };
        let content = clause_after(ctx, c, end)?;
        let conf = if next == "that" { 0.7 } else { 0.55 };
        return Some(mk(ctx, content, c, Some(sp), conf));
    }
    // No pattern matched, but the sentence does report speech: the clause after its first
    // speech verb, and the subject of the sentence as a guess.
    let k = (a..b).find(|&k| {
        ctx.cue(k).is_some_and(|c| {
            !c.according
                && !ctx.tok(k).ends_with("ing")
                && ctx.tok(k).chars().all(|ch| ch.is_lowercase())
                && (k == 0 || !ctx.tok(k - 1).eq_ignore_ascii_case("to"))
                && !aspect_only(ctx, k, c.end)
                && !passive_with_agent(ctx, a, k, c.end, b)
        })
    })?;
    let c = ctx.cue(k)?;
    let content = clause_after(ctx, c, b)?;
    let usable = |p: &Phrase| p.end <= k && (p.named || p.pronoun || p.end - p.start >= 2);
    // `The dispute began in March, when the authority announced …`: a clause opened by a
    // conjunction has its own subject, right before the cue.
    let clause_subject = speakers::before(doc, k, a).filter(|p| {
        p.start > a
            && p.end == k
            && matches!(
                ctx.tok(p.start - 1).low().as_str(),
                "when"
                    | "after"
                    | "as"
                    | "while"
                    | "because"
                    | "since"
                    | "before"
                    | "until"
                    | "although"
                    | "though"
                    | "once"
                    | "where"
                    | "whereas"
            )
            && usable(p)
    });
    let sp = clause_subject.or_else(|| subject(ctx, a, k).filter(usable))?;
    Some(mk(ctx, content, c, Some(sp), 0.5))
}

/// A finite auxiliary or modal (`was`, `has`, `would`, `must`): a clause's verb.
fn auxiliary(w: &str) -> bool {
    matches!(
        w,
        "is" | "was"
            | "are"
            | "were"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "can"
            | "should"
            | "may"
            | "might"
            | "must"
            | "does"
            | "did"
    )
}

/// `The issue was first reported by The Washington Post`: the cue in tokens `[k, end)` of the
/// sentence `[a, b)` is a passive with its agent, so the subject is what was said, not who
/// said it.
fn passive_with_agent(ctx: &Ctx, a: usize, k: usize, end: usize, b: usize) -> bool {
    let be = |i: usize| {
        matches!(
            ctx.tok(i).low().as_str(),
            "was" | "were" | "is" | "are" | "been" | "be" | "being"
        )
    };
    let adverb = |i: usize| {
        let w = ctx.tok(i);
        w.ends_with("ly") || matches!(w, "first" | "also" | "later")
    };
    k > a
        && (be(k - 1) || k > a + 1 && be(k - 2) && adverb(k - 1))
        && (end..b.min(end + 3)).any(|i| ctx.tok(i).eq_ignore_ascii_case("by"))
}

/// The speaker label opening line `line` of a transcript (`PENCE: …`, `MR. TRUMP: …`,
/// `Matthews: …`): the label's tokens and the colon. `strict` asks for capitals only
/// (`PENCE`); otherwise one or two capitalised words do (`Matthews`, `Chris Matthews`).
fn transcript_label(ctx: &Ctx, line: usize, strict: bool) -> Option<(usize, usize)> {
    let doc = ctx.doc;
    let span = ctx.line_span(line);
    let first = doc.token_at_or_after(span.start);
    let hi = doc.token_at_or_after(span.end);
    let colon = (first..hi.min(first + 6)).find(|&i| ctx.is_punct(i, &[":"]))?;
    if colon == first || colon + 3 >= hi {
        return None;
    }
    let label = Span::new(doc.tokens[first].span.start, doc.tokens[colon - 1].span.end);
    if headline_label(label.slice(doc.text)) {
        return None;
    }
    let name_words: Vec<&str> = (first..colon)
        .filter(|&i| doc.tokens[i].kind == TokenKind::Word)
        .map(|i| ctx.tok(i))
        .collect();
    let only_words = (first..colon)
        .all(|i| doc.tokens[i].kind == TokenKind::Word || ctx.is_punct(i, &["."]) && i > first);
    if !only_words || name_words.is_empty() {
        return None;
    }
    let caps = |w: &str| w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.');
    let ok = if strict {
        name_words.iter().all(|w| caps(w)) && name_words.iter().any(|w| w.len() >= 3)
    } else {
        name_words.len() <= 2
            && name_words
                .iter()
                .all(|w| is_capitalized(w) && w.len() >= 3 && !words::is_time_word(&w.low()))
    };
    // Labels that open notes and lists, not speech.
    let label_word = name_words.iter().any(|w| {
        matches!(
            w.low().as_str(),
            "note"
                | "notes"
                | "related"
                | "source"
                | "sources"
                | "photo"
                | "photos"
                | "read"
                | "more"
                | "editor"
                | "clarification"
                | "disclosure"
                | "advertisement"
                | "poll"
                | "update"
                | "correction"
                | "click"
                | "contact"
                | "email"
                | "follow"
                | "subscribe"
                | "credit"
                | "caption"
                | "warning"
                | "question"
                | "answer"
                | "transcript"
                | "summary"
                | "bottom"
                | "wow"
        )
    });
    (ok && !label_word).then_some((first, colon))
}

/// Transcript lines without quotation marks: `PENCE: We will …`, `MR. TRUMP: …`, and
/// `Matthews: …` when a neighbouring line (within three) is a transcript line too. The
/// rest of the line is a direct quote of the labelled speaker (confidence 0.7).
fn transcript(ctx: &Ctx, out: &mut Vec<Quote>, headline_end: usize) {
    let doc = ctx.doc;
    let n = ctx.lines.len();
    let mut taken: Vec<Span> = out.iter().flat_map(|q| q.content.iter().copied()).collect();
    taken.sort();
    let labelled = |line: usize| {
        transcript_label(ctx, line, true).is_some() || transcript_label(ctx, line, false).is_some()
    };
    let label_span = |(first, colon): (usize, usize)| {
        Span::new(doc.tokens[first].span.start, doc.tokens[colon - 1].span.end)
    };
    for line in 0..n {
        let span = ctx.line_span(line);
        if span.end <= headline_end || span.len() < 8 {
            continue;
        }
        // A capitalised label must be a person the tagger found; a label in capitals
        // (`PENCE:`) may instead have a transcript line among its neighbours (the three
        // non-empty lines before and after).
        let neighbour = || {
            let mut before = (0..line)
                .rev()
                .take(8)
                .filter(|&l| !ctx.line_span(l).slice(doc.text).trim().is_empty())
                .take(3);
            let mut after = (line + 1..n)
                .take(8)
                .filter(|&l| !ctx.line_span(l).slice(doc.text).trim().is_empty())
                .take(3);
            before.any(labelled) || after.any(labelled)
        };
        let found = transcript_label(ctx, line, true)
            .filter(|&l| ctx.resolver.person_at(label_span(l)) || neighbour())
            .or_else(|| {
                transcript_label(ctx, line, false)
                    .filter(|&l| ctx.resolver.person_at(label_span(l)))
            });
        let Some((first, colon)) = found else {
            continue;
        };
        let e = doc.token_at_or_after(span.end);
        if e < colon + 4 {
            continue;
        }
        let content = Span::new(doc.tokens[colon + 1].span.start, doc.tokens[e - 1].span.end);
        // Lines with quotation marks are quotes already.
        let k = taken.partition_point(|t| t.end <= content.start);
        if taken.get(k).is_some_and(|t| t.overlaps(content)) || ctx.in_quote(content) {
            continue;
        }
        let phrase = Phrase {
            span: Span::new(doc.tokens[first].span.start, doc.tokens[colon - 1].span.end),
            start: first,
            end: colon,
            pronoun: false,
            named: true,
        };
        out.push(colon_quote(
            ctx,
            CueMatch::speech(colon, colon + 1),
            vec![content],
            Some(phrase),
            0.7,
        ));
    }
}

/// An interview set as questions and answers (`Q: …` / `A: …`, two of each at least): each
/// question and answer, with the lines after it up to the next label, is a direct quote with
/// its label as the speaker and its colon as the cue (confidence 0.7), as PolNeAR annotates
/// them. An answer's speaker is the guest the opening introduces
/// ([`Resolver::main_person_before`]); the interviewer is not named.
fn interview(ctx: &Ctx, out: &mut Vec<Quote>, headline_end: usize) {
    let doc = ctx.doc;
    let n = ctx.lines.len();
    // Per line: `Some((is_answer, label token))` for a `Q:` or `A:` line.
    let label = |line: usize| {
        let span = ctx.line_span(line);
        let lead = doc.text.as_bytes()[span.start..span.end]
            .iter()
            .find(|b| !b.is_ascii_whitespace());
        if !matches!(lead, Some(b'Q' | b'A')) {
            return None;
        }
        let first = doc.token_at_or_after(span.start);
        let is_answer = match doc.tokens.get(first).map(|t| t.span.slice(doc.text)) {
            Some("A") => true,
            Some("Q") => false,
            _ => return None,
        };
        (first + 2 < doc.tokens.len()
            && ctx.is_punct(first + 1, &[":"])
            && doc.tokens[first + 2].span.start < span.end)
            .then_some((is_answer, first))
    };
    // Most articles have no such line: one look at each line's first token.
    let labels: Vec<(usize, bool, usize)> = (0..n)
        .filter_map(|l| label(l).map(|(a, t)| (l, a, t)))
        .filter(|&(l, _, _)| ctx.line_span(l).start >= headline_end)
        .collect();
    let answers = labels.iter().filter(|x| x.1).count();
    if answers < 2 || labels.len() - answers < 2 {
        return;
    }
    let guest = ctx
        .resolver
        .main_person_before(ctx.line_span(labels[0].0).start)
        .and_then(|g| ctx.resolver.entity_at(doc.text, g));
    // Lines quoted already (with marks, or as a transcript) stay as they are.
    let mut taken: Vec<Span> = out
        .iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .flat_map(|q| q.content.iter().copied())
        .collect();
    taken.sort();
    for (k, &(line, is_answer, at)) in labels.iter().enumerate() {
        // The lines: this one (after the colon) and the unlabelled ones up to the next
        // label; the last answer has its own line only (the story may go on after it).
        let next = labels.get(k + 1).map_or(line + 1, |x| x.0);
        let content: Vec<Span> = (line..next)
            .filter_map(|l| {
                let span = ctx.line_span(l);
                let from = if l == line {
                    doc.tokens[at + 2].span.start
                } else {
                    span.start
                };
                marks::trimmed(doc.text, from, span.end)
            })
            .collect();
        let (Some(first), Some(last)) = (content.first(), content.last()) else {
            continue;
        };
        let k = taken.partition_point(|t| t.end <= first.start);
        if taken[k..]
            .iter()
            .take_while(|t| t.start < last.end)
            .any(|t| content.iter().any(|c| t.overlaps(*c)))
        {
            continue;
        }
        out.push(Quote {
            kind: QuoteKind::Direct,
            content,
            cue: Some(doc.tokens[at + 1].span),
            speaker: Some(Speaker {
                span: doc.tokens[at].span,
                entity: if is_answer { guest } else { None },
            }),
            confidence: 0.7,
            within: None,
        });
    }
}

/// Words that open a headline as a label, not as a speaker (`The Latest: …`).
fn headline_label(s: &str) -> bool {
    let l = s.trim().to_ascii_lowercase();
    matches!(
        l.as_str(),
        "the latest"
            | "exclusive"
            | "breaking"
            | "breaking news"
            | "watch"
            | "video"
            | "update"
            | "updated"
            | "live"
            | "analysis"
            | "opinion"
            | "editorial"
            | "fact check"
            | "correction"
            | "review"
            | "letters"
            | "abstract"
    )
}

/// The headline (the first line, when short) as an attribution: `Pence: Flowers Won’t Be at
/// Debate, Trump Was ‘Mocking’ Clinton Camp.`, `Obama Says Museum Will Tell of ‘Suffering’.`,
/// `Trump ‘The Dealmaker’ Could Address Clean Energy, Lindsey Graham Says.` Returns the
/// quote and the byte offset where the headline ends.
fn headline(ctx: &Ctx) -> Option<(Quote, usize)> {
    let doc = ctx.doc;
    let line = ctx.line_span(0);
    let first = doc.token_at_or_after(line.start);
    let mut last = doc.token_at_or_after(line.end);
    // A headline is one short sentence with the article after it.
    if last <= first
        || last - first > 40
        || last >= doc.tokens.len()
        || doc.sentence_of(first) != doc.sentence_of(last - 1)
        || ctx.is_punct(last - 1, &[":"])
    {
        return None;
    }
    let marked = ctx.quoted.first().is_some_and(|q| q.start < line.end);
    // The content ends before the closing full stop (one inside the marks stays).
    if last > first + 1 && ctx.is_punct(last - 1, &["."]) {
        last -= 1;
    }
    let mut from = first;
    // `Name: rest`, after a label (`The Latest: Name: …` is rare; the label is skipped).
    if let Some(colon) = (first..last.min(first + 8)).find(|&i| ctx.is_punct(i, &[":"])) {
        let label = Span::new(
            doc.tokens[first].span.start,
            doc.tokens[colon.saturating_sub(1).max(first)].span.end,
        );
        if colon > first && headline_label(label.slice(doc.text)) {
            from = colon + 1;
        } else if let Some(np) = speakers::after(doc, first, colon)
            .filter(|p| p.named && p.end == colon && p.start == first)
        {
            if colon + 1 < last {
                let content = Span::new(
                    doc.tokens[colon + 1].span.start,
                    doc.tokens[last - 1].span.end,
                );
                let cue = CueMatch::speech(colon, colon + 1);
                let q = Quote {
                    kind: if marked {
                        QuoteKind::Direct
                    } else {
                        QuoteKind::Indirect
                    },
                    content: vec![content],
                    cue: Some(ctx.cue_span(cue)),
                    speaker: Some(ctx.speaker(np)),
                    confidence: if marked { 0.7 } else { 0.6 },
                    within: None,
                };
                return Some((q, line.end));
            }
            return None;
        }
    }
    if !marked {
        return None;
    }
    // `Name Says rest` in title case: the name is the capitalised words before the cue.
    for k in from + 1..last.min(from + 8) {
        let Some(c) = ctx.cue(k) else {
            if !is_capitalized(ctx.tok(k)) && doc.tokens[k].kind == TokenKind::Word {
                break;
            }
            continue;
        };
        if c.class != CueClass::Speech || c.according || ctx.tok(k).ends_with("ing") {
            break;
        }
        let np = speakers::after(doc, from, k).filter(|p| p.named && p.end == k)?;
        if c.end >= last {
            return None;
        }
        let content = Span::new(doc.tokens[c.end].span.start, doc.tokens[last - 1].span.end);
        let q = Quote {
            kind: QuoteKind::Direct,
            content: vec![content],
            cue: Some(ctx.cue_span(c)),
            speaker: Some(ctx.speaker(np)),
            confidence: 0.7,
            within: None,
        };
        return Some((q, line.end));
    }
    // `rest, Name Says.`
    let comma = (from..last)
        .rev()
        .take(8)
        .find(|&i| ctx.is_punct(i, &[","]))?;
    let c = ctx
        .cue(last - 1)
        .filter(|c| c.class == CueClass::Speech && !c.according)?;
    // The closing mark may follow the comma: `‘Will Not Rise,’ Chief Says`.
    let mut name = comma + 1;
    while name < last && doc.tokens[name].kind == TokenKind::Quote {
        name += 1;
    }
    let np = speakers::after(doc, name, last - 1).filter(|p| p.named && p.end == last - 1)?;
    if comma <= from {
        return None;
    }
    let content = Span::new(doc.tokens[from].span.start, doc.tokens[name - 1].span.end);
    let q = Quote {
        kind: QuoteKind::Direct,
        content: vec![content],
        cue: Some(ctx.cue_span(c)),
        speaker: Some(ctx.speaker(np)),
        confidence: 0.7,
        within: None,
    };
    Some((q, line.end))
}
