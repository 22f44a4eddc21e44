//! Article cleaning: removes scraped junk and normalises white space, keeping an exact map
//! from the cleaned text back to the input.
//!
//! One pass over the lines of the input:
//!
//! 1. **Inline markers** are cut anywhere in a line by hand-written scanners
//!    ([`inline`]): ad and plugin shortcodes (`[ad_1]`), embed markup (`<tweet …>`,
//!    `[Video: …]`, `pic.twitter.com/…`, tweet signatures).
//! 2. **Whole lines** are matched against the pattern tables of [`rules`] (exact keys,
//!    prefixes, contained phrases, each limited by the line's length and its position in the
//!    article) and against features of the line: link and handle density, date-only and
//!    punctuation-only lines, share bars, bios at the end, repetition, lists of headlines
//!    after a "Related" header.
//! 3. **Captions and credits**: a credit at the end of a line ("(Essam al-Sudani /
//!    Reuters)", "John Moore/Getty Images", "| Getty", "Photo: AP") is cut with reason
//!    `credit` and the short caption before it with reason `caption`.
//! 4. **Tails**: "…her. Read more: FBI reopens…" loses only the tail.
//! 5. **Kickers**: a section label of a table glued to the headline ("POLITICSTrump
//!    says…") is cut from one of the first lines, the headline kept.
//! 6. **Trailing junk**: walking back from the end over lines removed whole, footers and
//!    bios of the tail rules go too ("Jane Doe is a reporter for …" before a related list).
//! 7. **Captions without credit**: a present-tense picture description standing alone
//!    between paragraphs ("X speaks during … in Washington on Tuesday."), conservatively.
//!
//! The kept pieces are then written through [`TextBuilder`]: CR/CRLF become LF, Unicode
//! spaces and control characters become one space, invisible characters (zero-width,
//! soft hyphen, BOM, word joiner) vanish without splitting their word, HTML character
//! references (`&amp;`, `&#8220;`, `&nbsp;`) become the chars they stand for, lines are trimmed,
//! and every kept line is its own paragraph, separated by one blank line (adjacent list
//! items stay one per line; a hard-wrapped line continuing in lower case is joined with a
//! space when the text separates its paragraphs with blank lines). A cut always leaves a
//! space or a line break behind, so no two words are ever glued.
//!
//! Everything is linear in the input: each line is scanned a bounded number of times, and
//! every look-ahead is bounded.

mod inline;
mod lines;
pub mod rules;
mod view;

use crate::span::{OffsetMap, Span, TextBuilder};
use serde::{Deserialize, Serialize};

pub use view::{char_ref, is_invisible, is_space};

/// Why a piece of the input was removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Marker,
    Share,
    Related,
    Media,
    Caption,
    Credit,
    Footer,
    EditorNote,
    Navigation,
    Other,
}

impl Reason {
    /// The name used in results (`editor_note`, …).
    pub fn name(self) -> &'static str {
        match self {
            Reason::Marker => "marker",
            Reason::Share => "share",
            Reason::Related => "related",
            Reason::Media => "media",
            Reason::Caption => "caption",
            Reason::Credit => "credit",
            Reason::Footer => "footer",
            Reason::EditorNote => "editor_note",
            Reason::Navigation => "navigation",
            Reason::Other => "other",
        }
    }
}

/// One removal, in input coordinates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removal {
    pub span: Span,
    pub reason: Reason,
    /// The id of the rule that decided it.
    pub rule: &'static str,
}

/// A cleaned text, its map back to the input and what was removed.
#[derive(Clone, Debug)]
pub struct Cleaned {
    pub text: String,
    pub map: OffsetMap,
    pub removed: Vec<Removal>,
}

/// The input unchanged.
pub fn identity(input: &str) -> Cleaned {
    Cleaned {
        text: input.to_string(),
        map: OffsetMap::identity(input.len()),
        removed: Vec::new(),
    }
}

/// A line of the input: `start..end` is its content, without the line break.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line {
    pub start: usize,
    pub end: usize,
}

/// Splits the input into lines at LF, CRLF and lone CR.
fn split_lines(input: &str) -> Vec<Line> {
    let bytes = input.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(Line { start, end: i });
                i += 1;
                start = i;
            }
            b'\r' => {
                out.push(Line { start, end: i });
                i += if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                start = i;
            }
            _ => i += 1,
        }
    }
    out.push(Line {
        start,
        end: bytes.len(),
    });
    out
}

/// Does `input[start..end]` hold anything but white space and invisible characters (written
/// as such or as character references, `&nbsp;`)?
fn visible(input: &str, start: usize, end: usize) -> bool {
    first_visible(input, start, end).is_some()
}

/// The offset of the first char of `input[start..end]` that is neither white space nor
/// invisible, reading character references as the chars they stand for.
fn first_visible(input: &str, start: usize, end: usize) -> Option<usize> {
    let mut i = start;
    while i < end {
        let (c, len) = char_at(input, i, end);
        if !is_space(c) && !is_invisible(c) {
            return Some(i);
        }
        i += len;
    }
    None
}

/// The char at byte `i` of `input` (before `end`) and its length in the input: an HTML
/// character reference (`&amp;`, `&#8217;`) stands for one char.
fn char_at(input: &str, i: usize, end: usize) -> (char, usize) {
    let b = input.as_bytes()[i];
    if b.is_ascii() {
        if b == b'&' {
            if let Some(r) = view::char_ref(&input[i..end]) {
                return r;
            }
        }
        return (b as char, 1);
    }
    let c = input[i..end].chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

/// `start..end` without leading and trailing white space and invisible characters.
pub(crate) fn trim_span(input: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &input[start..end];
    let lead = s.len()
        - s.trim_start_matches(|c: char| is_space(c) || is_invisible(c))
            .len();
    let t = s.trim_end_matches(|c: char| is_space(c) || is_invisible(c));
    (start + lead, start + t.len().max(lead))
}

/// Cleans a scraped article.
pub fn clean(input: &str) -> Cleaned {
    let lines = split_lines(input);
    let cuts = lines::classify(input, &lines);
    emit(input, &lines, cuts)
}

/// Is this line a list item ("- x", "• x", "1. x", "2) x")?
fn list_item(first: &str) -> bool {
    let mut chars = first.chars();
    match chars.next() {
        Some('-' | '*' | '•' | '·' | '–' | '▪' | '◦' | '‣') => {
            matches!(chars.next(), Some(c) if is_space(c))
        }
        Some(c) if c.is_ascii_digit() => {
            let rest = first.trim_start_matches(|c: char| c.is_ascii_digit());
            let digits = first.len() - rest.len();
            digits <= 3 && (rest.starts_with(". ") || rest.starts_with(") ")) && rest.len() > 2
        }
        _ => false,
    }
}

/// Writes the kept pieces of every line through a [`TextBuilder`].
fn emit(input: &str, lines: &[Line], line_cuts: Vec<Vec<Removal>>) -> Cleaned {
    // Does the text separate paragraphs with blank lines? Then a single line break
    // followed by a lower-case word is a hard wrap inside a paragraph.
    let mut blank_between = false;
    {
        let mut seen = false;
        let mut blank = false;
        for l in lines {
            if visible(input, l.start, l.end) {
                if seen && blank {
                    blank_between = true;
                    break;
                }
                seen = true;
                blank = false;
            } else {
                blank = true;
            }
        }
    }

    let mut b = TextBuilder::new(input);
    let mut removed = Vec::new();
    // End of the last emitted or removed content: the separator before the next line
    // stands for the white space from here.
    let mut last_end = 0usize;
    let mut last_line: Option<usize> = None;
    let mut last_list = false;
    let mut last_char: Option<char> = None;

    for (li, (line, cuts)) in lines.iter().zip(line_cuts).enumerate() {
        // Kept pieces: the line minus its cuts.
        let mut pieces: Vec<(usize, usize, bool)> = Vec::new(); // (start, end, after_cut)
        let mut at = line.start;
        let mut after_cut = false;
        for c in &cuts {
            let (cs, ce) = (c.span.start.max(at), c.span.end.min(line.end));
            if cs > at {
                pieces.push((at, cs, after_cut));
            }
            if ce > cs || c.span.is_empty() {
                after_cut = true;
            }
            at = at.max(ce);
        }
        if at < line.end {
            pieces.push((at, line.end, after_cut));
        }
        let had_cuts = !cuts.is_empty();
        for c in cuts {
            if !c.span.is_empty() {
                last_end = last_end.max(c.span.end);
                removed.push(c);
            }
        }
        let first_visible = pieces
            .iter()
            .find_map(|&(a, e, _)| first_visible(input, a, e));
        let Some(first) = first_visible else {
            if had_cuts {
                // A removed line breaks adjacency with the next kept one.
                last_line = None;
            }
            continue;
        };
        // The separator before this line.
        let is_list = list_item(&input[first..line.end]);
        if !b.text().is_empty() {
            let adjacent = last_line == Some(li.wrapping_sub(1)) && li > 0;
            let first_char = input[first..].chars().next();
            let sep = if adjacent && is_list && last_list {
                "\n"
            } else if adjacent
                && blank_between
                && !is_list
                && first_char.is_some_and(char::is_lowercase)
                && last_char.is_some_and(|c| c.is_alphabetic() || c == ',')
            {
                " "
            } else {
                "\n\n"
            };
            let gap_start = last_end.min(first);
            b.replace(sep, gap_start, first);
        }
        // The line's text, white space normalised.
        let mut pending: Option<(usize, usize)> = None;
        let mut started = false;
        for &(a, e, cut_before) in &pieces {
            if cut_before && started && pending.is_none() {
                pending = Some((a, a));
            }
            let mut run: Option<usize> = None;
            let mut pos = a;
            while pos < e {
                let (c, len) = char_at(input, pos, e);
                let at = pos;
                pos += len;
                let space = is_space(c);
                if space || is_invisible(c) {
                    if let Some(rs) = run.take() {
                        b.copy(rs, at);
                        last_end = at;
                    }
                    if space && started {
                        pending = match pending {
                            None => Some((at, pos)),
                            Some((s, pe)) if pe == at => Some((s, pos)),
                            p => p,
                        };
                    }
                    continue;
                }
                // A character reference (`&#8220;`) is written as its char (a reference is
                // never as short as its char: `&lt;` is 4 bytes, `<` one).
                let reference = len != c.len_utf8();
                if reference {
                    if let Some(rs) = run.take() {
                        b.copy(rs, at);
                    }
                }
                if run.is_none() {
                    if let Some((s, pe)) = pending.take() {
                        b.replace(" ", s, pe);
                    }
                    started = true;
                    if reference {
                        b.replace(c.encode_utf8(&mut [0; 4]), at, pos);
                        last_end = pos;
                    } else {
                        run = Some(at);
                    }
                }
                last_char = Some(c);
            }
            if let Some(rs) = run {
                b.copy(rs, e);
                last_end = e;
            }
        }
        last_line = Some(li);
        last_list = is_list;
    }
    removed.sort_by_key(|r: &Removal| (r.span.start, r.span.end));
    let (text, map) = b.finish();
    Cleaned { text, map, removed }
}
