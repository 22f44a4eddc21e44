//! Word lists shared by the quote modules, and a lowercase form of a token that needs no
//! allocation.
//!
//! Every list here is ASCII and lowercase, so tokens are compared after ASCII lowercasing
//! ([`Low`]); a token longer than any listed word is left as it is (it matches nothing).

use std::ops::Deref;

/// Longest word any list holds, with room to spare.
const MAX: usize = 24;

/// A token lowercased (ASCII letters only) into a stack buffer (`len` is `usize::MAX` when
/// the token is used as it is: longer than any listed word, or without ASCII capitals).
#[derive(Clone, Copy)]
pub struct Low<'a> {
    buf: [u8; MAX],
    len: usize,
    orig: &'a str,
}

impl<'a> Low<'a> {
    pub fn new(s: &'a str) -> Low<'a> {
        let mut buf = [0u8; MAX];
        // A token without an ASCII capital (most of them) is its own lowercase form: it is
        // returned as it is, without a copy nor a UTF-8 check of the copy.
        let len = if s.len() <= MAX && s.bytes().any(|b| b.is_ascii_uppercase()) {
            buf[..s.len()].copy_from_slice(s.as_bytes());
            buf[..s.len()].make_ascii_lowercase();
            s.len()
        } else {
            usize::MAX
        };
        Low { buf, len, orig: s }
    }

    pub fn as_str(&self) -> &str {
        if self.len == usize::MAX {
            return self.orig;
        }
        // ASCII lowercasing keeps UTF-8 valid: multi-byte sequences hold no ASCII bytes.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or(self.orig)
    }
}

impl Deref for Low<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<&str> for Low<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// `.low()`: the allocation-free lowercase of a token.
pub trait Lowercase {
    fn low(&self) -> Low<'_>;
}

impl Lowercase for str {
    fn low(&self) -> Low<'_> {
        Low::new(self)
    }
}

/// Days of the week.
pub fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

/// Words of time that name a day, a part of it or a period (`today`, `last`, `week`).
pub fn is_time_word(w: &str) -> bool {
    is_weekday(w)
        || matches!(
            w,
            "yesterday"
                | "today"
                | "tonight"
                | "tomorrow"
                | "last"
                | "next"
                | "week"
                | "weekend"
                | "month"
                | "year"
                | "morning"
                | "afternoon"
                | "evening"
                | "night"
                | "ago"
        )
}

/// Articles and possessive determiners: the start of both lists below.
fn is_article_or_possessive(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my"
    )
}

/// Articles and possessive or demonstrative determiners: a word after one is a noun
/// (`the reports`, `his call`).
pub fn is_article(w: &str) -> bool {
    is_article_or_possessive(w) || matches!(w, "this" | "these" | "those" | "such")
}

/// The small words a title leaves in lowercase (`Contract with America`).
pub fn is_title_minor(w: &str) -> bool {
    matches!(
        w,
        "of" | "the" | "a" | "an" | "and" | "with" | "for" | "to" | "in" | "on" | "at"
    )
}

/// Determiners and quantifiers that can open a noun phrase (`the`, `several`, `two`).
pub fn is_determiner(w: &str) -> bool {
    is_article_or_possessive(w)
        || matches!(
            w,
            "your"
                | "some"
                | "many"
                | "several"
                | "other"
                | "another"
                | "both"
                | "one"
                | "two"
                | "three"
                | "four"
                | "most"
                | "few"
                | "all"
                | "no"
                | "each"
                | "every"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_without_allocation() {
        assert_eq!("Said".low().as_str(), "said");
        assert!("Said".low() == "said");
        assert_eq!("MONDAY".low().as_str(), "monday");
        // Non-ASCII letters stay; the text stays valid.
        assert_eq!("Élysée".low().as_str(), "Élysée");
        let long = "A".repeat(40);
        assert_eq!(long.low().as_str(), long);
        assert!(is_time_word("week") && is_weekday("sunday") && !is_weekday("said"));
        assert!(is_determiner("several") && is_article("his") && !is_article("several"));
    }

    /// `low` is ASCII lower-casing for tokens of at most 24 bytes and the token itself for
    /// longer ones, with or without capitals.
    #[test]
    fn low_is_ascii_lowercase_up_to_24_bytes() {
        let mut words: Vec<String> = [
            "",
            "said",
            "Said",
            "SAID",
            "sAiD",
            "éCOLE",
            "École",
            "naïve",
            "İstanbul",
            "ΣΟΦΊΑ",
            "x1-Y2",
            "it’s",
            "IT’S",
            "'S",
            "already lower case!",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for n in [23, 24, 25, 40] {
            words.push("a".repeat(n));
            words.push("B".repeat(n));
            words.push(format!("{}C", "d".repeat(n - 1)));
        }
        for w in &words {
            let want = if w.len() <= MAX {
                w.to_ascii_lowercase()
            } else {
                w.clone()
            };
            assert_eq!(w.low().as_str(), want, "{w:?}");
            assert!(w.low() == want.as_str());
        }
    }
}
