//! Quotation marks: finds the quoted spans of a text, of every mark style.
//!
//! * Double marks (`" “ ” „ ‟ « »` and the wire style `''`/` `` `) are always quotation marks.
//! * Single marks (`' ‘ ’ ‚ ‛ ‹ ›`, backtick, `´`) are quotation marks only when an opening
//!   candidate (after the line start, white space, a bracket, a slash, a dash or a double
//!   mark, before a letter) pairs with a closing candidate (after a non-space, before the line
//!   end, white space, punctuation, a bracket, a slash, a dash or a double mark) in the same
//!   paragraph; everything else is an apostrophe (`don’t`, `Clintons’`, `’90s`).
//! * Quotes nest: a closing mark closes the most recent open quote of its family, and any
//!   quote opened inside it that never closed is dropped.
//! * A paragraph is a line. A quote still open at the end of a paragraph continues when the
//!   next paragraph opens with a mark of the same family (the newspaper convention for long
//!   quotations); otherwise it ends with its paragraph, marked as unclosed. A stray mark can
//!   therefore never swallow more than its own paragraph.
//!
//! The scan is linear in the length of the text: every mark is pushed and popped at most
//! once.

use crate::span::Span;

/// One quotation found by its marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// The quoted text, one piece per paragraph, without the marks and trimmed of white
    /// space.
    pub pieces: Vec<Span>,
    /// The opening mark.
    pub open: Span,
    /// The closing mark, when the quotation was closed.
    pub close: Option<Span>,
    /// How many quotations enclose this one.
    pub depth: usize,
    /// `true` for single marks (`‘…’`, `‹…›`, `'…'`).
    pub single: bool,
}

impl Quotation {
    /// From the opening mark to the closing mark (or the end of the last piece).
    pub fn outer(&self) -> Span {
        let end = match (self.close, self.pieces.last()) {
            (Some(c), _) => c.end,
            (None, Some(p)) => p.end,
            (None, None) => self.open.end,
        };
        Span::new(self.open.start, end.max(self.open.end))
    }

    /// From the start of the first piece to the end of the last.
    pub fn inner(&self) -> Span {
        match (self.pieces.first(), self.pieces.last()) {
            (Some(a), Some(b)) => Span::new(a.start, b.end),
            _ => Span::new(self.open.end, self.open.end),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dir {
    Open,
    Close,
    /// Either (a straight double mark between two words).
    Both,
}

#[derive(Clone, Copy, Debug)]
struct Mark {
    span: Span,
    single: bool,
    dir: Dir,
    /// The character, or `'\0'` for a doubled apostrophe/backtick.
    ch: char,
    /// A single closing mark after an `s`, before a lowercase word (`the Joneses’ house`).
    possessive: bool,
    /// Not a quotation mark after all.
    skip: bool,
}

fn is_double(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '‟' | '«' | '»')
}

fn is_single(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’' | '‚' | '‛' | '‹' | '›' | '`' | '´')
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '-' | '―' | '‒')
}

fn opens_before(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(c, '(' | '[' | '{' | '<' | '/')
                || is_dash(c)
                || is_double(c)
        }
    }
}

fn closes_after(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '.' | ',' | ';' | ':' | '!' | '?' | '…' | ')' | ']' | '}' | '>' | '/'
                )
                || is_dash(c)
                || is_double(c)
        }
    }
}

/// The marks of one line, with their direction.
fn line_marks(line: &[(usize, char)], end: usize, out: &mut Vec<Mark>) {
    let first = out.len();
    let n = line.len();
    let at = |i: usize| -> Option<char> { line.get(i).map(|&(_, c)| c) };
    let mut i = 0;
    while i < n {
        let (b, c) = line[i];
        // Most characters are no mark: every mark is `"`, `'`, `` ` `` or not ASCII.
        if c.is_ascii() && !matches!(c, '"' | '\'' | '`') {
            i += 1;
            continue;
        }
        let prev = if i == 0 { None } else { at(i - 1) };
        let next_end = line.get(i + 1).map_or(end, |&(nb, _)| nb);
        // Wire-style doubled marks.
        if matches!(c, '\'' | '`') && at(i + 1) == Some(c) {
            let span = Span::new(b, next_end + 1);
            let after = at(i + 2);
            let dir = if c == '`' || opens_before(prev) && after.is_some_and(|a| !a.is_whitespace())
            {
                Dir::Open
            } else {
                Dir::Close
            };
            out.push(Mark {
                span,
                single: false,
                dir,
                ch: '\0',
                possessive: false,
                skip: false,
            });
            i += 2;
            continue;
        }
        let span = Span::new(b, next_end);
        let next = at(i + 1);
        if is_double(c) {
            let left = opens_before(prev) && next.is_some_and(|a| !a.is_whitespace());
            let right = prev.is_some_and(|p| !p.is_whitespace()) && closes_after(next);
            let dir = match c {
                '“' | '„' | '‟' | '«' => {
                    if right && !left {
                        // “ used as a closing mark (German „…“, or careless typing).
                        Dir::Both
                    } else {
                        Dir::Open
                    }
                }
                '”' | '»' => {
                    if left && !right {
                        Dir::Both
                    } else {
                        Dir::Close
                    }
                }
                _ => match (left, right) {
                    (true, false) => Dir::Open,
                    (false, true) => Dir::Close,
                    _ => Dir::Both,
                },
            };
            out.push(Mark {
                span,
                single: false,
                dir,
                ch: c,
                possessive: false,
                skip: false,
            });
        } else if is_single(c) {
            let open = matches!(c, '\'' | '‘' | '’' | '‚' | '‛' | '‹' | '`')
                && opens_before(prev)
                && next.is_some_and(|a| !a.is_whitespace() && !a.is_ascii_digit());
            let close = matches!(c, '\'' | '’' | '›' | '´')
                && prev.is_some_and(|p| !p.is_whitespace())
                && closes_after(next);
            let dir = match (open, close) {
                (true, false) => Some(Dir::Open),
                (false, true) => Some(Dir::Close),
                (true, true) => Some(Dir::Both),
                (false, false) => None,
            };
            let possessive = prev == Some('s')
                && next.is_some_and(char::is_whitespace)
                && at(i + 2).is_some_and(char::is_lowercase);
            if let Some(dir) = dir {
                out.push(Mark {
                    span,
                    single: true,
                    dir,
                    ch: c,
                    possessive,
                    skip: false,
                });
            }
        }
        i += 1;
    }
    // A plural possessive (`the Joneses’ house`) looks like a closing single mark; it is one
    // only when no other closing single mark follows in the line.
    let mut later_close = false;
    for m in out[first..].iter_mut().rev() {
        if !(m.single && m.dir == Dir::Close) {
            continue;
        }
        if m.possessive && later_close {
            m.skip = true;
        } else {
            later_close = true;
        }
    }
}

/// An open quotation on the stack.
#[derive(Clone, Debug)]
struct Open {
    open: Span,
    single: bool,
    ch: char,
    /// Pieces of earlier paragraphs (multi-paragraph quotations).
    pieces: Vec<Span>,
    /// Where the current paragraph's piece starts.
    piece_start: usize,
    depth: usize,
}

/// The span `[start, end)` of `text` without its leading and trailing white space; `None` when
/// nothing is left.
pub(super) fn trimmed(text: &str, start: usize, end: usize) -> Option<Span> {
    if start >= end {
        return None;
    }
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    let a = start + lead;
    let b = end - trail;
    (a < b).then_some(Span::new(a, b))
}

fn finish(text: &str, o: Open, end: usize, close: Option<Span>, out: &mut Vec<Quotation>) {
    let mut pieces = o.pieces;
    if let Some(p) = trimmed(text, o.piece_start, end) {
        pieces.push(p);
    }
    if pieces.is_empty() {
        return;
    }
    out.push(Quotation {
        pieces,
        open: o.open,
        close,
        depth: o.depth,
        single: o.single,
    });
}

/// Does mark `c` close a quotation opened by `open`?
fn pairs(open: char, c: char) -> bool {
    match open {
        '«' => c == '»',
        '‹' => c == '›',
        '„' => matches!(c, '“' | '”' | '"'),
        '\0' => matches!(c, '\0' | '"' | '”'),
        _ => !matches!(c, '»' | '›'),
    }
}

/// How deep a closing mark looks for its opening mark.
const MAX_NESTING: usize = 8;

/// Finds every quotation of `text`, sorted by the position of the opening mark.
pub fn find(text: &str) -> Vec<Quotation> {
    let mut out = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut marks: Vec<Mark> = Vec::new();
    let mut chars: Vec<(usize, char)> = Vec::new();
    let mut line_start = 0;
    let bytes = text.as_bytes();
    while line_start <= text.len() {
        let line_end = memchr_newline(bytes, line_start).unwrap_or(text.len());
        chars.clear();
        chars.extend(
            text[line_start..line_end]
                .char_indices()
                .map(|(i, c)| (line_start + i, c)),
        );
        let blank = chars.iter().all(|&(_, c)| c.is_whitespace());
        if !blank {
            marks.clear();
            line_marks(&chars, line_end, &mut marks);
            // A continued quotation: the paragraph reopens with the same family.
            let mut first_mark = 0;
            if let Some(top) = stack.first_mut() {
                let first_char = chars.iter().find(|&&(_, c)| !c.is_whitespace());
                match (marks.first(), first_char) {
                    (Some(m), Some(&(b, _)))
                        if m.span.start == b
                            && m.single == top.single
                            && m.dir != Dir::Close
                            && (m.ch == top.ch
                                || matches!((m.ch, top.ch), ('"', '“') | ('“', '"'))) =>
                    {
                        top.piece_start = m.span.end;
                        first_mark = 1;
                    }
                    _ => {}
                }
                if first_mark == 0 {
                    // Not continued after all: it ended with the last paragraph.
                    while let Some(o) = stack.pop() {
                        let end = o.piece_start;
                        finish(text, o, end, None, &mut out);
                    }
                }
            }
            for m in marks[first_mark..].iter().filter(|m| !m.skip) {
                // Only the innermost few open quotes are candidates, so that a line of
                // thousands of unclosed marks stays linear.
                let floor = stack.len().saturating_sub(MAX_NESTING);
                let closable = stack[floor..]
                    .iter()
                    .rposition(|o| o.single == m.single && pairs(o.ch, m.ch))
                    .map(|k| k + floor);
                let close = match m.dir {
                    Dir::Close => closable,
                    Dir::Open => {
                        // A “ right after an open „ quote may close it (German style).
                        None
                    }
                    Dir::Both => closable,
                };
                let close = close.filter(|&k| {
                    // Single closing marks only close a quote opened after the innermost
                    // open double quote (otherwise they are apostrophes).
                    !m.single || stack[k + 1..].iter().all(|o| o.single)
                });
                if let Some(k) = close {
                    while stack.len() > k + 1 {
                        stack.pop(); // opened inside, never closed: dropped
                    }
                    if let Some(o) = stack.pop() {
                        finish(text, o, m.span.start, Some(m.span), &mut out);
                    }
                } else if m.dir != Dir::Close {
                    stack.push(Open {
                        open: m.span,
                        single: m.single,
                        ch: m.ch,
                        pieces: Vec::new(),
                        piece_start: m.span.end,
                        depth: stack.len(),
                    });
                }
            }
            // End of paragraph: open single quotes were apostrophes; an open double quote
            // either continues in the next paragraph or ends here.
            while stack.last().is_some_and(|o| o.single || stack.len() > 1) {
                stack.pop();
            }
            if let Some(o) = stack.first_mut() {
                // Continued?
                let mut p = line_end;
                while p < bytes.len() && (bytes[p] as char).is_ascii_whitespace() {
                    p += 1;
                }
                let next = text[p..].chars().next();
                let continues = match o.ch {
                    '\0' => text[p..].starts_with("''") || text[p..].starts_with("``"),
                    '"' | '“' => matches!(next, Some('"' | '“')),
                    c => next == Some(c),
                };
                if let Some(piece) = trimmed(text, o.piece_start, line_end) {
                    o.pieces.push(piece);
                }
                o.piece_start = line_end;
                if !continues {
                    if let Some(o) = stack.pop() {
                        finish(text, o, line_end, None, &mut out);
                    }
                }
            }
        }
        line_start = line_end + 1;
    }
    if let Some(o) = stack.pop() {
        let end = text.len();
        finish(text, o, end, None, &mut out);
    }
    out.sort_by_key(|q| q.open.start);
    out
}

fn memchr_newline(bytes: &[u8], from: usize) -> Option<usize> {
    bytes[from.min(bytes.len())..]
        .iter()
        .position(|&b| b == b'\n')
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `line_marks` skips the ASCII characters that are no mark: they must be all but these.
    #[test]
    fn the_ascii_marks_are_the_straight_quotes_and_the_backquote() {
        for b in 0u8..0x80 {
            let c = b as char;
            assert_eq!(
                is_double(c) || is_single(c),
                matches!(c, '"' | '\'' | '`'),
                "{c:?}"
            );
        }
    }

    fn quoted(text: &str) -> Vec<Vec<&str>> {
        find(text)
            .iter()
            .map(|q| q.pieces.iter().map(|p| p.slice(text)).collect())
            .collect()
    }

    #[test]
    fn double_styles() {
        assert_eq!(
            quoted("He said \"yes, now.\" Then"),
            vec![vec!["yes, now."]]
        );
        assert_eq!(
            quoted("“One,” he said, “two.”"),
            vec![vec!["One,"], vec!["two."]]
        );
        assert_eq!(quoted("Il a dit « non » hier"), vec![vec!["non"]]);
        assert_eq!(quoted("Er sagte „nein“ heute"), vec![vec!["nein"]]);
        assert_eq!(quoted("``Wire style,'' he said"), vec![vec!["Wire style,"]]);
    }

    #[test]
    fn singles_and_apostrophes() {
        assert_eq!(
            quoted("The Clintons’ aide said ‘we don’t know’ and left in the ’90s."),
            vec![vec!["we don’t know"]]
        );
        assert_eq!(
            quoted("It's Bob's 'big day', he said"),
            vec![vec!["big day"]]
        );
    }

    #[test]
    fn nested() {
        let t = "“He told me ‘never again’ twice,” she said.";
        let q = find(t);
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].pieces[0].slice(t), "He told me ‘never again’ twice,");
        assert_eq!(q[0].depth, 0);
        assert_eq!(q[1].pieces[0].slice(t), "never again");
        assert_eq!(q[1].depth, 1);
    }

    #[test]
    fn multi_paragraph_and_stray() {
        let t = "“First part.\n\n“Second part.\n\n“Last part,” he said.\n\nAfter.";
        assert_eq!(
            quoted(t),
            vec![vec!["First part.", "Second part.", "Last part,"]]
        );
        let t = "A stray \" mark here.\n\nA \"real\" one.";
        let q = find(t);
        assert_eq!(q.last().unwrap().pieces[0].slice(t), "real");
        assert!(q.iter().all(|q| q.pieces.len() == 1));
    }
}
