//! Hand-written scanners for junk that sits anywhere inside a line: ad and plugin
//! shortcodes, embed markup, tweet links and signatures. Every look-ahead is bounded, so a
//! line is scanned in linear time.

use super::rules::{MONTHS, SHORTCODES};
use super::{Reason, Removal};
use crate::span::Span;

/// Longest shortcode with attributes, `[caption id="…" …]`.
const MAX_SHORTCODE: usize = 400;
/// Longest bracketed embed, `[Video: …]`.
const MAX_BRACKET: usize = 600;
/// Longest HTML tag or comment.
const MAX_TAG: usize = 1500;

/// HTML (and scraper pseudo-HTML) tags removed as markup; their text content stays.
const TAGS: &[&str] = &[
    "tweet",
    "a",
    "p",
    "br",
    "div",
    "span",
    "iframe",
    "script",
    "style",
    "img",
    "blockquote",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "figure",
    "figcaption",
    "video",
    "source",
    "embed",
    "object",
    "param",
    "noscript",
    "ins",
    "section",
    "article",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "picture",
    "svg",
    "center",
    "font",
    "small",
    "sup",
    "sub",
    "hr",
    "amp-img",
    "amp-ad",
    "amp-iframe",
    "aside",
    "cite",
];

/// Chrome phrases cut wherever they sit in a line, often glued to the text around them by
/// the scraper ("…said.Continue reading the main storyThe …"). Matched with this exact
/// casing and at word boundaries.
const PHRASES: &[(&str, Reason, &str)] = &[
    (
        "Advertisement Continue reading the main story",
        Reason::Marker,
        "marker.inline_advertisement",
    ),
    (
        "Continue reading the main story",
        Reason::Navigation,
        "navigation.inline_chrome",
    ),
    (
        "Story continues below advertisement",
        Reason::Marker,
        "marker.inline_advertisement",
    ),
    (
        "ADVERTISEMENT - STORY CONTINUES BELOW",
        Reason::Marker,
        "marker.inline_advertisement",
    ),
    (
        "ADVERTISEMENT - story continues below",
        Reason::Marker,
        "marker.inline_advertisement",
    ),
    (
        "SKIP ADVERTISEMENT",
        Reason::Marker,
        "marker.inline_advertisement",
    ),
    (
        "ADVERTISEMENT",
        Reason::Marker,
        "marker.inline_advertisement",
    ),
    (
        "Skip Advertisement",
        Reason::Marker,
        "marker.inline_advertisement",
    ),
];

/// Bracketed embeds by their first word: `[Video: …]`, `[Related: …]`.
const BRACKET_WORDS: &[(&str, Reason, &str)] = &[
    ("video:", Reason::Media, "media.bracket_embed"),
    ("watch:", Reason::Media, "media.bracket_embed"),
    ("photo:", Reason::Media, "media.bracket_embed"),
    ("photos:", Reason::Media, "media.bracket_embed"),
    ("image:", Reason::Media, "media.bracket_embed"),
    ("audio:", Reason::Media, "media.bracket_embed"),
    ("listen:", Reason::Media, "media.bracket_embed"),
    ("gallery:", Reason::Media, "media.bracket_embed"),
    ("slideshow:", Reason::Media, "media.bracket_embed"),
    ("embed:", Reason::Media, "media.bracket_embed"),
    ("graphic:", Reason::Media, "media.bracket_embed"),
    ("interactive:", Reason::Media, "media.bracket_embed"),
    ("map:", Reason::Media, "media.bracket_embed"),
    ("chart:", Reason::Media, "media.bracket_embed"),
    ("tweet:", Reason::Media, "media.bracket_embed"),
    ("related:", Reason::Related, "related.bracket"),
    ("read more:", Reason::Related, "related.bracket"),
    ("see also:", Reason::Related, "related.bracket"),
    ("more:", Reason::Related, "related.bracket"),
    ("read:", Reason::Related, "related.bracket"),
];

fn starts_ci(b: &[u8], i: usize, end: usize, pat: &[u8]) -> bool {
    i + pat.len() <= end && b[i..i + pat.len()].eq_ignore_ascii_case(pat)
}

/// Finds the next occurrence of one needle in a line, remembering the answer so that many
/// look-ups from increasing positions cost one pass over the line in total.
#[derive(Clone, Copy)]
struct Finder {
    needle: &'static [u8],
    /// The last search covered `from..` to the line end and found `found`.
    from: usize,
    found: Option<usize>,
    valid: bool,
}

impl Finder {
    const fn new(needle: &'static [u8]) -> Finder {
        Finder {
            needle,
            from: 0,
            found: None,
            valid: false,
        }
    }

    /// First occurrence at or after `from` that ends by `limit` (ASCII case-insensitive).
    fn find(&mut self, b: &[u8], from: usize, limit: usize, end: usize) -> Option<usize> {
        let fresh = !self.valid || from < self.from || matches!(self.found, Some(p) if p < from);
        if fresh {
            let n = self.needle.len();
            self.found = if end >= n && from + n <= end {
                (from..=end - n).find(|&j| b[j..j + n].eq_ignore_ascii_case(self.needle))
            } else {
                None
            };
            self.from = from;
            self.valid = true;
        }
        self.found.filter(|&p| p + self.needle.len() <= limit)
    }
}

struct Finders {
    gt: Finder,
    rbr: Finder,
    close_a: Finder,
    close_comment: Finder,
}

/// Scans `input[start..end]` (one line) and appends the inline cuts, in order.
pub fn scan(input: &str, start: usize, end: usize, out: &mut Vec<Removal>) {
    let b = input.as_bytes();
    let mut i = start;
    let mut f = Finders {
        gt: Finder::new(b">"),
        rbr: Finder::new(b"]"),
        close_a: Finder::new(b"</a>"),
        close_comment: Finder::new(b"-->"),
    };
    let push = |out: &mut Vec<Removal>, s: usize, e: usize, reason, rule| {
        out.push(Removal {
            span: Span::new(s, e),
            reason,
            rule,
        })
    };
    while i < end {
        let found = match b[i] {
            b'[' => bracket(b, i, end, &mut f),
            b'<' => tag(b, i, end, &mut f),
            b'p' | b'P' if starts_ci(b, i, end, b"pic.twitter.com/") => {
                Some((url_end(b, i, end), Reason::Media, "media.twitter_pic"))
            }
            b'h' | b'H'
                if starts_ci(b, i, end, b"https://t.co/")
                    || starts_ci(b, i, end, b"http://t.co/") =>
            {
                Some((url_end(b, i, end), Reason::Media, "media.tco_link"))
            }
            b'S' if b[i..end].starts_with(b"SIGN UP FOR OUR NEWSLETTER") => Some((
                i + "SIGN UP FOR OUR NEWSLETTER".len(),
                Reason::Share,
                "share.inline_newsletter",
            )),
            b'A' | b'C' | b'S' => phrase(b, i, start, end),
            b'(' if b.get(i + 1) == Some(&b'@') => {
                // A tweet signature "— Name (@handle) July 23, 2016": starts at the dash.
                let floor = out.last().map_or(start, |r: &Removal| r.span.end);
                if let Some((s, e)) = tweet_signature(input, floor, i, end) {
                    push(out, s, e, Reason::Media, "media.tweet_signature");
                    i = e;
                    continue;
                }
                None
            }
            _ => None,
        };
        match found {
            Some((e, reason, rule)) if e > i => {
                push(out, i, e, reason, rule);
                i = e;
            }
            _ => i += 1,
        }
    }
}

/// A chrome phrase of [`PHRASES`] at `i`, at word boundaries.
fn phrase(b: &[u8], i: usize, start: usize, end: usize) -> Option<(usize, Reason, &'static str)> {
    if i > start && b[i - 1].is_ascii_alphanumeric() && !b[i - 1].is_ascii_lowercase() {
        // "…CONTRACTADVERTISEMENT" is one word; "said.ADVERTISEMENT" and "textContinue
        // reading" are glued pieces.
        return None;
    }
    PHRASES.iter().find_map(|&(p, reason, rule)| {
        let e = i + p.len();
        let upper_end = p.as_bytes()[p.len() - 1].is_ascii_uppercase();
        let fits = b[i..end].starts_with(p.as_bytes())
            && (e == end
                || if upper_end {
                    !b[e].is_ascii_uppercase() && !b[e].is_ascii_digit()
                } else {
                    !b[e].is_ascii_lowercase()
                });
        fits.then_some((e, reason, rule))
    })
}

/// End of a URL token starting at `i`.
fn url_end(b: &[u8], i: usize, end: usize) -> usize {
    let mut j = i;
    while j < end && b[j] > b' ' && b[j] < 0x80 && !matches!(b[j], b'<' | b'"' | b')') {
        j += 1;
    }
    j
}

fn bracket(
    b: &[u8],
    i: usize,
    end: usize,
    f: &mut Finders,
) -> Option<(usize, Reason, &'static str)> {
    let limit = |n: usize| end.min(i + n);
    // "[<a href=…>…</a>.]": a link embed.
    if starts_ci(b, i + 1, end, b"<a ") {
        let close = f.close_a.find(b, i + 1, limit(MAX_TAG), end)?;
        let mut j = close + 4;
        while j < end && matches!(b[j], b'.' | b' ') && j < close + 8 {
            j += 1;
        }
        if j < end && b[j] == b']' {
            return Some((j + 1, Reason::Media, "media.link_embed"));
        }
        return None;
    }
    let mut j = i + 1;
    while j < end && j < i + 4 && b[j] == b' ' {
        j += 1;
    }
    for &(word, reason, rule) in BRACKET_WORDS {
        if starts_ci(b, j, end, word.as_bytes()) {
            let close = f.rbr.find(b, j, limit(MAX_BRACKET), end)?;
            return Some((close + 1, reason, rule));
        }
    }
    // Shortcodes: [name], [/name], [name attr="…"].
    let mut j = i + 1;
    if j < end && b[j] == b'/' {
        j += 1;
    }
    let name_start = j;
    while j < end
        && j - name_start <= 40
        && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] == b'-')
    {
        j += 1;
    }
    if j == name_start || j >= end {
        return None;
    }
    let name = std::str::from_utf8(&b[name_start..j])
        .ok()?
        .to_ascii_lowercase();
    let base = name
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end_matches(['_', '-']);
    let known = SHORTCODES.contains(&base);
    let plugin = name.contains('_')
        && name.len() >= 3
        && b[name_start..j]
            .iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_');
    if !(known || plugin) {
        return None;
    }
    match b[j] {
        b']' => Some((j + 1, Reason::Marker, "marker.shortcode")),
        b' ' => {
            let close = f.rbr.find(b, j, limit(MAX_SHORTCODE), end)?;
            // Attributes look like key="value"; a bare "[video of the raid]" is prose.
            if b[j..close].contains(&b'=') || close == j + 1 {
                Some((close + 1, Reason::Marker, "marker.shortcode"))
            } else {
                None
            }
        }
        _ => None,
    }
}

fn tag(b: &[u8], i: usize, end: usize, f: &mut Finders) -> Option<(usize, Reason, &'static str)> {
    let limit = end.min(i + MAX_TAG);
    if starts_ci(b, i, end, b"<!--") {
        let close = f.close_comment.find(b, i + 4, limit, end)?;
        return Some((close + 3, Reason::Media, "media.html_markup"));
    }
    let mut j = i + 1;
    if j < end && b[j] == b'/' {
        j += 1;
    }
    let name_start = j;
    while j < end && j - name_start <= 12 && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
        j += 1;
    }
    if j == name_start || j >= end || !matches!(b[j], b' ' | b'>' | b'/' | b'\t') {
        return None;
    }
    let name = std::str::from_utf8(&b[name_start..j])
        .ok()?
        .to_ascii_lowercase();
    if !TAGS.contains(&name.as_str()) {
        return None;
    }
    let close = f.gt.find(b, j, limit, end)?;
    let rule = if name == "tweet" {
        "media.tweet_markup"
    } else {
        "media.html_markup"
    };
    Some((close + 1, Reason::Media, rule))
}

/// "— Apple Music (@AppleMusic) September 1, 2016" with the `(@` at `paren`: the span
/// from the dash to the year.
fn tweet_signature(input: &str, floor: usize, paren: usize, end: usize) -> Option<(usize, usize)> {
    let b = input.as_bytes();
    // Back to the dash, at most 100 bytes, not across a sentence end.
    let lo = floor.max(paren.saturating_sub(100));
    let before = input.get(lo..paren)?;
    let dash = before.rfind(['—', '–'])?;
    // A sentence end between the dash and the handle rules it out; the period of an
    // initial ("— Donald J. Trump (@realDonaldTrump)") does not.
    let name = &before[dash..];
    let nb = name.as_bytes();
    let sentence_end = nb.iter().enumerate().any(|(k, &c)| match c {
        b'!' | b'?' => true,
        b'.' => !(k >= 2 && nb[k - 1].is_ascii_uppercase() && nb[k - 2] == b' '),
        _ => false,
    });
    if sentence_end {
        return None;
    }
    let start = lo + dash;
    // Forward: handle, ")", month, day, ", " year.
    let close = paren
        + b.get(paren..end.min(paren + 40))?
            .iter()
            .position(|&y| y == b')')?;
    let rest = input.get(close + 1..end.min(close + 40))?;
    let rest_l = rest.to_ascii_lowercase();
    let t = rest_l.trim_start();
    let skipped = rest_l.len() - t.len();
    let month = MONTHS
        .iter()
        .filter(|m| t.starts_with(*m))
        .map(|m| m.len())
        .max()?;
    let after = &t[month..];
    let after_t = after.trim_start_matches(['.', ' ']);
    let day_len = after_t.len()
        - after_t
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    if day_len == 0 || day_len > 2 {
        return None;
    }
    let y = after_t[day_len..].strip_prefix(", ")?;
    if y.len() < 4 || !y.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let consumed = skipped + month + (after.len() - after_t.len()) + day_len + 2 + 4;
    Some((start, close + 1 + consumed))
}
