//! Cues: the words that introduce speech or thought (`said`, `told`, `according to`, `in a
//! statement`, …).
//!
//! The lexicon lists verbs by their base form; the inflected forms (`adds`, `added`,
//! `adding`) are generated, irregular forms are listed.

use super::words::{is_article, Low, Lowercase};
use crate::text::{Doc, FastMap, TokenKind};
use std::sync::OnceLock;

/// How a cue word relates speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueClass {
    /// A verb of saying (`said`, `warned`, `tweeted`): its subject is the speaker, and after
    /// a quote it may invert (`said the official`).
    Speech,
    /// A verb whose object is the listener (`told`, `assured`, `urged`): the noun phrase after
    /// it is not the speaker.
    Tell,
    /// A verb of thought or belief (`believes`, `thinks`): reported speech only.
    Thought,
    /// A verb that reports findings (`shows`, `found`, `reported`).
    Report,
}

/// Regular speech verbs (base forms).
const SPEECH: &[&str] = &[
    "say",
    "blast",
    "slam",
    "mock",
    "denounce",
    "hail",
    "scold",
    "demur",
    "decry",
    "condemn",
    "tout",
    "add",
    "warn",
    "insist",
    "ask",
    "answer",
    "respond",
    "reply",
    "explain",
    "note",
    "claim",
    "state",
    "announce",
    "declare",
    "confirm",
    "deny",
    "tweet",
    "post",
    "write",
    "argue",
    "acknowledge",
    "admit",
    "suggest",
    "predict",
    "promise",
    "vow",
    "pledge",
    "recall",
    "reveal",
    "disclose",
    "allege",
    "assert",
    "contend",
    "maintain",
    "concede",
    "complain",
    "counter",
    "continue",
    "conclude",
    "estimate",
    "joke",
    "quip",
    "boast",
    "lament",
    "remark",
    "comment",
    "observe",
    "testify",
    "shout",
    "yell",
    "scream",
    "whisper",
    "mutter",
    "proclaim",
    "repeat",
    "reiterate",
    "recount",
    "describe",
    "mention",
    "stress",
    "emphasize",
    "emphasise",
    "caution",
    "retort",
    "exclaim",
    "wonder",
    "speculate",
    "predict",
    "chant",
    "sing",
    "cry",
    "add",
    "affirm",
    "charge",
    "accuse",
    "blame",
    "criticize",
    "criticise",
    "praise",
    "demand",
    "plead",
    "propose",
    "recommend",
    "threaten",
    "rule",
    "call",
    "dismiss",
    "question",
    "rebut",
    "echo",
    "summarize",
    "sum",
    "advise",
    "brag",
    "grumble",
    "concur",
    "agree",
    "disagree",
    "object",
    "protest",
    "insist",
    "interject",
    "elaborate",
    "clarify",
    "specify",
    "signal",
    "hint",
    "imply",
    "indicate",
    "acknowledge",
    "posit",
    "theorize",
    "muse",
    "snap",
    "quote",
    "cite",
    "tell",
    "read",
    "blog",
    "text",
    "email",
    "message",
    "quip",
    "brief",
];

/// Verbs whose object is the listener.
const TELL: &[&str] = &[
    "tell", "assure", "urge", "inform", "remind", "warn", "ask", "promise", "advise", "brief",
    "caution", "notify",
];

/// Thought and belief.
const THOUGHT: &[&str] = &[
    "believe",
    "think",
    "hope",
    "fear",
    "expect",
    "worry",
    "feel",
    "know",
    "doubt",
    "suspect",
    "assume",
    "guess",
    "reckon",
    "figure",
    "imagine",
    "understand",
    "consider",
    "want",
];

/// Reporting of findings.
const REPORT: &[&str] = &[
    "report", "show", "find", "indicate", "suggest", "reveal", "conclude", "estimate", "project",
    "learn", "confirm",
];

/// Irregular forms: (form, base).
const IRREGULAR: &[(&str, &str)] = &[
    ("said", "say"),
    ("says", "say"),
    ("told", "tell"),
    ("wrote", "write"),
    ("written", "write"),
    ("thought", "think"),
    ("knew", "know"),
    ("known", "know"),
    ("felt", "feel"),
    ("found", "find"),
    ("shown", "show"),
    ("sang", "sing"),
    ("sung", "sing"),
    ("understood", "understand"),
    ("read", "read"),
    ("learnt", "learn"),
];

fn inflect(base: &str) -> Vec<String> {
    let mut out = vec![base.to_string()];
    let b = base.as_bytes();
    let last = *b.last().unwrap_or(&b'a');
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    // -s
    if base.ends_with('s')
        || base.ends_with('x')
        || base.ends_with("sh")
        || base.ends_with("ch")
        || base.ends_with('z')
    {
        out.push(format!("{base}es"));
    } else if last == b'y' && b.len() > 1 && !vowel(b[b.len() - 2]) {
        out.push(format!("{}ies", &base[..base.len() - 1]));
    } else {
        out.push(format!("{base}s"));
    }
    // -ed / -ing
    if last == b'e' {
        out.push(format!("{base}d"));
        out.push(format!("{}ing", &base[..base.len() - 1]));
    } else if last == b'y' && b.len() > 1 && !vowel(b[b.len() - 2]) {
        out.push(format!("{}ied", &base[..base.len() - 1]));
        out.push(format!("{base}ing"));
    } else {
        out.push(format!("{base}ed"));
        out.push(format!("{base}ing"));
        // Doubled final consonant (admit → admitted, quip → quipped, snap → snapped).
        if matches!(
            base,
            "admit" | "quip" | "snap" | "brag" | "rebut" | "commit" | "chat"
        ) {
            out.push(format!("{base}{}ed", last as char));
            out.push(format!("{base}{}ing", last as char));
        }
    }
    out
}

/// What a word (lowercased) starts: a cue word of a class, and the phrases of [`PHRASES`]
/// it is the first word of (`Lexicon::order[phrases.0..phrases.1]`).
#[derive(Clone, Copy, Debug, Default)]
struct Entry {
    class: Option<CueClass>,
    phrases: (u8, u8),
}

/// The cue words and the first words of the phrases, in one map: a word is looked up once.
struct Lexicon {
    words: FastMap<String, Entry>,
    /// Indices into [`PHRASES`], grouped by first word (in list order within a group).
    order: Vec<u8>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut m = FastMap::<String, Entry>::default();
        let add = |list: &[&str], class: CueClass, m: &mut FastMap<String, Entry>| {
            for base in list {
                let mut forms = inflect(base);
                forms.extend(
                    IRREGULAR
                        .iter()
                        .filter(|(_, b)| b == base)
                        .map(|(f, _)| f.to_string()),
                );
                for f in forms {
                    m.entry(f).or_insert(Entry {
                        class: Some(class),
                        phrases: (0, 0),
                    });
                }
            }
        };
        // Earlier lists win: Tell before Speech so `told` is a Tell cue.
        add(TELL, CueClass::Tell, &mut m);
        add(SPEECH, CueClass::Speech, &mut m);
        add(REPORT, CueClass::Report, &mut m);
        add(THOUGHT, CueClass::Thought, &mut m);
        // Bare bases of regular verbs that are common nouns too make poor cues.
        for noun in [
            "post",
            "text",
            "email",
            "message",
            "call",
            "question",
            "answer",
            "comment",
            "show",
            "find",
            "project",
            "echo",
            "sum",
            "figure",
            "quote",
            "read",
            "signal",
            "object",
            "rule",
            "cry",
            "charge",
            "state",
            "claim",
            "estimate",
            "concern",
            "demand",
            "blame",
            "doubt",
            "hope",
            "fear",
            "want",
            "feel",
            "guess",
            "promise",
            "protest",
            "sing",
            "chant",
            "counter",
            "hint",
            "note",
            "cite",
            "brief",
            "posts",
            "texts",
            "emails",
            "messages",
            "calls",
            "questions",
            "answers",
            "comments",
            "shows",
            "finds",
            "projects",
            "echoes",
            "sums",
            "figures",
            "quotes",
            "signals",
            "objects",
            "rules",
            "cries",
            "charges",
            "states",
            "claims",
            "estimates",
            "demands",
            "doubts",
            "hopes",
            "fears",
            "wants",
            "guesses",
            "promises",
            "protests",
            "counters",
            "hints",
            "notes",
            "briefs",
            "reading",
            "posting",
            "texting",
            "summing",
            "figuring",
            "messaging",
            "emailing",
            "wanting",
            "feeling",
            "signaling",
            "ruling",
            "charging",
            "blaming",
            "mentioning",
            "briefing",
            "understanding",
            "thinking",
            "learning",
            "singing",
            "crying",
            "knowing",
            "ruled",
            "objected",
            "projected",
            "figured",
            "summed",
            "wanted",
            "signaled",
            "felt",
            "understood",
            "considering",
            "considers",
            "consider",
            "questioning",
        ] {
            m.remove(noun);
        }
        // The phrases, grouped by first word (32 phrases: no sort needed).
        let mut order: Vec<u8> = Vec::with_capacity(PHRASES.len());
        for (k, (words, _)) in PHRASES.iter().enumerate() {
            if order.iter().any(|&o| PHRASES[o as usize].0[0] == words[0]) {
                continue;
            }
            let at = order.len() as u8;
            order.extend(
                (k..PHRASES.len())
                    .filter(|&j| PHRASES[j].0[0] == words[0])
                    .map(|j| j as u8),
            );
            m.entry(words[0].to_string()).or_default().phrases = (at, order.len() as u8);
        }
        Lexicon { words: m, order }
    })
}

/// Third-person forms of speech verbs that are common nouns too, so left out of the lexicon
/// (`notes`, `claims`): a cue only where a verb must stand, as in `…,” Smith notes.`.
pub fn noun_verb_s(word: &str) -> bool {
    matches!(
        word,
        "notes"
            | "claims"
            | "states"
            | "comments"
            | "counters"
            | "hints"
            | "answers"
            | "questions"
            | "charges"
            | "promises"
            | "posts"
            | "quips"
            | "jokes"
            | "remarks"
            | "observes"
            | "cautions"
            | "recalls"
            | "protests"
    )
}

/// The class of a cue word (lowercased), if it is one.
pub fn cue_word(word: &str) -> Option<CueClass> {
    entry(word).and_then(|e| e.class)
}

/// The lexicon's entry of a word (lowercased).
fn entry(word: &str) -> Option<Entry> {
    if word.len() > 20 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    lexicon().words.get(word).copied()
}

/// Multi-word cue phrases, as lowercased token sequences, with the class they act as.
const PHRASES: &[(&[&str], CueClass)] = &[
    (&["according", "to"], CueClass::Speech),
    (&["put", "it"], CueClass::Speech),
    (&["in", "a", "statement"], CueClass::Speech),
    (&["in", "an", "interview"], CueClass::Speech),
    (&["in", "a", "tweet"], CueClass::Speech),
    (&["in", "a", "post"], CueClass::Speech),
    (&["in", "a", "letter"], CueClass::Speech),
    (&["in", "an", "email"], CueClass::Speech),
    (&["in", "a", "speech"], CueClass::Speech),
    (&["pointed", "out"], CueClass::Speech),
    (&["points", "out"], CueClass::Speech),
    (&["point", "out"], CueClass::Speech),
    (&["went", "on"], CueClass::Speech),
    (&["goes", "on"], CueClass::Speech),
    (&["quoted", "as", "saying"], CueClass::Speech),
    (&["made", "clear"], CueClass::Speech),
    (&["makes", "clear"], CueClass::Speech),
    (&["spelled", "out"], CueClass::Speech),
    (&["called", "for"], CueClass::Speech),
    (&["calls", "for"], CueClass::Speech),
    (&["called", "on"], CueClass::Tell),
    (&["calls", "on"], CueClass::Tell),
    (&["found", "that"], CueClass::Report),
    (&["finds", "that"], CueClass::Report),
    (&["shows", "that"], CueClass::Report),
    (&["showed", "that"], CueClass::Report),
    (&["learned", "that"], CueClass::Report),
    (&["feels", "that"], CueClass::Thought),
    (&["felt", "that"], CueClass::Thought),
    (&["knows", "that"], CueClass::Thought),
    (&["knew", "that"], CueClass::Thought),
    (&["considers", "that"], CueClass::Thought),
];

/// A cue found at a token: the token range it covers (the phrase's `that` excluded) and its
/// class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueMatch {
    pub start: usize,
    pub end: usize,
    pub class: CueClass,
    /// `according to`-style phrase: the speaker follows, the content is elsewhere.
    pub according: bool,
}

impl CueMatch {
    /// A speech cue over tokens `start..end` that is not an `according to` phrase.
    pub fn speech(start: usize, end: usize) -> CueMatch {
        CueMatch {
            start,
            end,
            class: CueClass::Speech,
            according: false,
        }
    }
}

fn lower<'d>(doc: &Doc<'d>, i: usize) -> Low<'d> {
    doc.token_str(i).low()
}

/// The cue starting at token `i`, if any.
pub fn cue_at(doc: &Doc, i: usize) -> Option<CueMatch> {
    let t = doc.tokens.get(i)?;
    if t.kind != TokenKind::Word {
        return None;
    }
    let low = lower(doc, i);
    let w = low.as_str();
    // Every phrase's first word is a lowercase word of the lexicon.
    let entry = entry(w);
    let (from, to) = entry.map_or((0, 0), |e| e.phrases);
    let lex = lexicon();
    let phrases = lex.order.get(from as usize..to as usize).unwrap_or(&[]);
    for (words, class) in phrases.iter().map(|&k| &PHRASES[k as usize]) {
        if i + words.len() > doc.tokens.len() {
            continue;
        }
        if (1..words.len()).all(|k| doc.token_str(i + k).eq_ignore_ascii_case(words[k])) {
            let mut end = i + words.len();
            if words.len() > 1 && words.last() == Some(&"that") {
                end -= 1;
            }
            return Some(CueMatch {
                start: i,
                end,
                class: *class,
                according: words[0] == "according",
            });
        }
    }
    // `the statement read`, `the sign reads`: a text speaks.
    if matches!(w, "read" | "reads")
        && i > 0
        && matches!(
            lower(doc, i - 1).as_str(),
            "statement"
                | "article"
                | "letter"
                | "sign"
                | "signs"
                | "memo"
                | "message"
                | "note"
                | "headline"
                | "tweet"
                | "post"
                | "release"
                | "report"
                | "caption"
                | "banner"
                | "email"
                | "text"
                | "ad"
                | "advertisement"
                | "card"
                | "placard"
                | "poster"
        )
    {
        return Some(CueMatch::speech(i, i + 1));
    }
    word_cue(doc, i, w, entry?.class?)
}

/// The one-word cue `w` of `class` at token `i`, unless it reads as a noun: a plural after a
/// possessive or a compound modifier (`Trump’s tweets`, `late-night tweets`) or a word after a
/// determiner (`the reports`, `a call`).
fn word_cue(doc: &Doc, i: usize, w: &str, class: CueClass) -> Option<CueMatch> {
    if i > 0 && w.ends_with('s') && w != "says" {
        let prev = doc.token_str(i - 1);
        if matches!(prev, "'s" | "’s")
            || prev.contains('-') && prev.chars().any(char::is_alphabetic)
        {
            return None;
        }
    }
    if i > 0 && is_article(&lower(doc, i - 1)) {
        return None;
    }
    // `The accelerator, called Halcyon, will ship …`: an appositive naming, not speech.
    if matches!(w, "called" | "named" | "dubbed") && i > 0 && doc.token_str(i - 1) == "," {
        let capital = |k: usize| {
            k < doc.tokens.len()
                && doc.tokens[k].kind == TokenKind::Word
                && doc
                    .token_str(k)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        };
        let mut k = i + 1;
        // (`, called the Virginia Conservation Fund,`)
        if k < doc.tokens.len() && matches!(doc.token_str(k), "the" | "a" | "an") {
            k += 1;
        }
        let first = k;
        while k < first + 5 && capital(k) {
            k += 1;
        }
        if k > first && (k == doc.tokens.len() || matches!(doc.token_str(k), "," | "." | ")")) {
            return None;
        }
    }
    Some(CueMatch {
        start: i,
        end: i + 1,
        class,
        according: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_forms() {
        for w in [
            "said", "says", "told", "added", "warned", "promised", "insisted", "wrote", "tweeted",
            "asked", "admitted", "denies", "replied", "argues", "quipped", "believes",
        ] {
            assert!(cue_word(w).is_some(), "{w}");
        }
        assert_eq!(cue_word("told"), Some(CueClass::Tell));
        assert_eq!(cue_word("said"), Some(CueClass::Speech));
        for w in ["table", "president", "post", "Said", "the"] {
            assert!(cue_word(w).is_none(), "{w}");
        }
    }

    #[test]
    fn texts_that_read() {
        let d = Doc::new("“Closed,” the sign read. He read the book.");
        let sign = (0..d.tokens.len())
            .find(|&i| d.token_str(i) == "read")
            .unwrap();
        assert_eq!(cue_at(&d, sign).map(|c| c.class), Some(CueClass::Speech));
        let book = (sign + 1..d.tokens.len())
            .find(|&i| d.token_str(i) == "read")
            .unwrap();
        assert_eq!(cue_at(&d, book), None);
    }

    /// `cue_at` as it was before the phrases were found through the lexicon: every phrase
    /// tried in list order, then `read` (after `statement` only: the one text of the test
    /// that reads), then the cue word.
    fn cue_at_reference(doc: &Doc, i: usize) -> Option<CueMatch> {
        let t = doc.tokens.get(i)?;
        if t.kind != TokenKind::Word {
            return None;
        }
        let low = lower(doc, i);
        let w = low.as_str();
        for (words, class) in PHRASES {
            if w != words[0] || i + words.len() > doc.tokens.len() {
                continue;
            }
            if (1..words.len()).all(|k| doc.token_str(i + k).eq_ignore_ascii_case(words[k])) {
                let mut end = i + words.len();
                if words.len() > 1 && words.last() == Some(&"that") {
                    end -= 1;
                }
                return Some(CueMatch {
                    start: i,
                    end,
                    class: *class,
                    according: words[0] == "according",
                });
            }
        }
        if matches!(w, "read" | "reads") && i > 0 && lower(doc, i - 1).as_str() == "statement" {
            return Some(CueMatch::speech(i, i + 1));
        }
        word_cue(doc, i, w, cue_word(w)?)
    }

    /// Every phrase, in lower and title case, whole and cut short at the end of the text,
    /// between cue words and words that start no cue: the cues are the reference's.
    #[test]
    fn cues_match_the_reference() {
        let mut text = String::from("The statement read: Trump\u{2019}s tweets. ");
        for (words, _) in PHRASES {
            let phrase = words.join(" ");
            let mut title = phrase.clone();
            title[..1].make_ascii_uppercase();
            text.push_str(&format!(
                "He said {phrase} it. {title} them, she told the reports. In a {phrase}. "
            ));
        }
        text.push_str("FELT FOUND called according");
        let doc = Doc::new(&text);
        let mut found = 0;
        for i in 0..=doc.tokens.len() {
            let got = cue_at(&doc, i);
            assert_eq!(got, cue_at_reference(&doc, i), "token {i}");
            found += got.is_some_and(|c| c.end > c.start + 1) as usize;
        }
        // Each phrase found at least in lower and title case.
        assert!(found >= 2 * PHRASES.len(), "{found}");
        assert_eq!(lexicon().order.len(), PHRASES.len());
    }

    #[test]
    fn phrases() {
        let d = Doc::new("According to officials, it rained. He pointed out that it was late.");
        let c = cue_at(&d, 0).unwrap();
        assert_eq!((c.start, c.end, c.according), (0, 2, true));
        let i = (0..d.tokens.len())
            .find(|&i| d.token_str(i) == "pointed")
            .unwrap();
        assert_eq!(cue_at(&d, i).unwrap().end, i + 2);
    }
}
