//! Line decisions: which lines, heads and tails of lines are junk, by the tables of
//! [`super::rules`] and features of the line.

use super::rules::{
    Rule, Zone, AGENCIES, BIO_WORDS, CONTAINS_RULES, KEY_RULES, MONTHS, NETWORKS, PREFIX_RULES,
    SHARE_WORDS, TAIL_LINES, TAIL_RULES, WEEKDAYS,
};
use super::view::{key_of, View};
use super::{inline, trim_span, visible, Line, Reason, Removal};
use crate::span::Span;
use std::collections::HashMap;

/// Lines this long (bytes) or shorter take part in the repetition count.
const SHORT_LINE: usize = 120;
/// How many headline-like lines after a "Related" header are taken as its list.
const RELATED_LIST: usize = 10;

/// Where a line sits and what came before it.
struct Ctx<'a> {
    /// Non-empty lines after this one.
    from_end: usize,
    /// Inside a list after a "Related" header.
    related_list: bool,
    repeats: &'a HashMap<String, u32>,
}

impl Ctx<'_> {
    fn zone_ok(&self, rule: &Rule) -> bool {
        match rule.zone {
            Zone::Any => true,
            Zone::Tail => self.from_end < TAIL_LINES,
        }
    }
}

/// What a line turned out to be, for the decisions on the lines after it.
#[derive(Default)]
struct Outcome {
    related_header: bool,
    related_item: bool,
    /// The whole line went, by this rule.
    whole: Option<(Reason, &'static str)>,
    /// The line stops mid-sentence (no closing punctuation): a hard-wrapped block may go on.
    open_end: bool,
    /// A label such as "CORRECTION:" whose note follows on the next lines.
    note_header: bool,
}

/// Lines after a note label ("CORRECTION:") taken as the note.
const NOTE_LINES: usize = 2;

/// Decides the cuts of every line (input spans, in order, not overlapping).
pub fn classify(input: &str, lines: &[Line]) -> Vec<Vec<Removal>> {
    let vis: Vec<bool> = lines
        .iter()
        .map(|l| visible(input, l.start, l.end))
        .collect();
    let total = vis.iter().filter(|&&v| v).count();
    let mut repeats: HashMap<String, u32> = HashMap::new();
    for (l, &v) in lines.iter().zip(&vis) {
        if v && l.end - l.start <= SHORT_LINE {
            let k = key_of(&View::new(input, l.start, l.end).s);
            if !k.is_empty() {
                *repeats.entry(k).or_default() += 1;
            }
        }
    }
    let mut out = Vec::with_capacity(lines.len());
    let mut related = 0usize;
    let mut note = 0usize;
    let mut seen = 0usize;
    let mut prev: Option<(usize, Outcome)> = None;
    for (li, (l, &v)) in lines.iter().zip(&vis).enumerate() {
        let mut cuts = Vec::new();
        if v {
            seen += 1;
            let (a, e) = trim_span(input, l.start, l.end);
            let text = &input[a..e];
            // A hard-wrapped continuation of a removed line, or the note after a label.
            let carried = match &prev {
                Some((pl, po))
                    if *pl + 1 == li
                        && po.open_end
                        && text.starts_with(|c: char| c.is_lowercase()) =>
                {
                    po.whole
                }
                _ if note > 0 && text.split_whitespace().count() <= 100 => {
                    note -= 1;
                    Some((Reason::EditorNote, "editor_note.correction"))
                }
                _ => None,
            };
            let o = if let Some((reason, rule)) = carried {
                cuts.push(Removal {
                    span: Span::new(a, e),
                    reason,
                    rule,
                });
                Outcome {
                    whole: carried,
                    open_end: open_end(text),
                    ..Outcome::default()
                }
            } else {
                let ctx = Ctx {
                    from_end: total - seen,
                    related_list: related > 0,
                    repeats: &repeats,
                };
                line(input, *l, &ctx, &mut cuts)
            };
            related = if o.related_header {
                RELATED_LIST
            } else if related > 0 && (o.related_item || o.whole.is_some()) {
                // Junk inside the list (an ad slot, a repeated teaser) does not end it.
                related - 1
            } else {
                0
            };
            if o.note_header {
                note = NOTE_LINES;
            } else if carried.is_none() {
                note = 0;
            }
            prev = Some((li, o));
        }
        out.push(cuts);
    }
    out
}

/// Does the line stop without closing punctuation?
fn open_end(text: &str) -> bool {
    text.ends_with(|c: char| c.is_alphanumeric() || c == ',' || c == ';')
}

/// The cuts of one line.
fn line(input: &str, l: Line, ctx: &Ctx, cuts: &mut Vec<Removal>) -> Outcome {
    let mut inl = Vec::new();
    inline::scan(input, l.start, l.end, &mut inl);
    // What the inline cuts leave.
    let mut pieces = Vec::new();
    let mut at = l.start;
    for r in &inl {
        if r.span.start > at {
            push_piece(input, &mut pieces, at, r.span.start);
        }
        at = at.max(r.span.end);
    }
    push_piece(input, &mut pieces, at, l.end);
    let view = View::of_pieces(input, &pieces);
    let mut outcome = Outcome::default();

    let whole = if view.s.is_empty() {
        None
    } else if !view.s.chars().any(char::is_alphanumeric) {
        // Punctuation left behind by inline cuts, separators, emoji bars.
        Some(match inl.last() {
            Some(r) => (r.reason, r.rule),
            None if view.s.chars().any(emoji) => (Reason::Share, "share.emoji_bar"),
            None => (Reason::Navigation, "navigation.separator"),
        })
    } else {
        whole_line(input, &view, &pieces, ctx, &mut outcome)
    };
    cuts.append(&mut inl);
    outcome.whole = whole;
    if whole.is_some() {
        let raw = &input[l.start..l.end];
        let raw = raw.trim_end();
        outcome.open_end = open_end(raw);
        outcome.note_header = matches!(whole, Some((Reason::EditorNote, _))) && raw.ends_with(':');
    }
    if let Some((reason, rule)) = whole {
        for &(a, e) in &pieces {
            cuts.push(Removal {
                span: Span::new(a, e),
                reason,
                rule,
            });
        }
    } else if !view.s.is_empty() {
        let mut extra = Vec::new();
        caption_credit(&view, &mut extra);
        if extra.is_empty() {
            tail(&view, &mut extra);
        }
        for (vs, ve, reason, rule) in extra {
            let (s, e) = (view.input_start(vs), view.input_end(input, ve));
            for &(a, b) in &pieces {
                let (cs, ce) = (s.max(a), e.min(b));
                if cs < ce {
                    let (cs, ce) = trim_span(input, cs, ce);
                    if cs < ce {
                        cuts.push(Removal {
                            span: Span::new(cs, ce),
                            reason,
                            rule,
                        });
                    }
                }
            }
        }
    }
    cuts.sort_by_key(|r| (r.span.start, r.span.end));
    // Keep them disjoint.
    let mut end = 0;
    cuts.retain(|r| {
        let ok = r.span.start >= end;
        if ok {
            end = r.span.end;
        }
        ok
    });
    outcome
}

fn push_piece(input: &str, pieces: &mut Vec<(usize, usize)>, a: usize, e: usize) {
    let (a, e) = trim_span(input, a, e);
    if a < e {
        pieces.push((a, e));
    }
}

fn emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF)
}

fn is_number(w: &str) -> bool {
    !w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit())
        || w.strip_suffix("th")
            .or_else(|| w.strip_suffix("st"))
            .or_else(|| w.strip_suffix("nd"))
            .or_else(|| w.strip_suffix("rd"))
            .is_some_and(|d| !d.is_empty() && d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit()))
}

/// A whole-line decision by the tables and the line's features.
fn whole_line(
    input: &str,
    view: &View,
    pieces: &[(usize, usize)],
    ctx: &Ctx,
    outcome: &mut Outcome,
) -> Option<(Reason, &'static str)> {
    let words = view.words;
    let body = &view.s[view.body_start()..];
    let raw_first = pieces.first().map_or("", |&(a, e)| &input[a..e]);
    let raw_last = pieces.last().map_or("", |&(a, e)| &input[a..e]);

    if words <= 12 {
        let key = key_of(body);
        for r in KEY_RULES {
            if r.pat == key && ctx.zone_ok(r) {
                outcome.related_header = r.id == "related.header";
                return Some((r.reason, r.id));
            }
        }
        let kw: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        // Date-only lines ("Saturday, December 19, 2015.").
        if kw.len() <= 10
            && kw
                .iter()
                .any(|w| MONTHS.contains(w) || WEEKDAYS.contains(w))
            && kw.iter().any(|w| is_number(w))
            && kw.iter().all(|w| {
                MONTHS.contains(w)
                    || WEEKDAYS.contains(w)
                    || is_number(w)
                    || matches!(
                        *w,
                        "at" | "am" | "pm" | "a" | "m" | "p" | "et" | "est" | "edt"
                    )
                    || matches!(
                        *w,
                        "gmt" | "utc" | "updated" | "published" | "posted" | "on"
                    )
            })
        {
            return Some((Reason::Navigation, "navigation.date_line"));
        }
        // Time-only lines ("9:05 p.m."), live-blog stamps.
        if kw.len() <= 4
            && body.contains(':')
            && kw.iter().any(|w| is_number(w))
            && kw
                .iter()
                .all(|w| is_number(w) || matches!(*w, "a" | "m" | "p" | "am" | "pm" | "et"))
        {
            return Some((Reason::Navigation, "navigation.timestamp"));
        }
        // Slide counters ("1 of 23").
        if kw.len() == 3 && kw[1] == "of" && is_number(kw[0]) && is_number(kw[2]) {
            return Some((Reason::Media, "media.slide_counter"));
        }
        // A stray letter ("X.", "C.").
        if kw.len() == 1
            && kw[0].chars().count() == 1
            && !kw[0].starts_with(|c: char| c.is_ascii_digit())
        {
            return Some((Reason::Navigation, "navigation.stray_letter"));
        }
        // Comment counts.
        if kw.len() <= 3
            && kw.iter().any(|w| *w == "comments" || *w == "comment")
            && kw.iter().any(|w| is_number(w))
        {
            return Some((Reason::Share, "share.comments"));
        }
        // Share bars ("Facebook | Twitter | Email").
        if kw.len() >= 2
            && kw.iter().all(|w| SHARE_WORDS.contains(w))
            && kw.iter().any(|w| NETWORKS.contains(w))
        {
            return Some((Reason::Share, "share.network_bar"));
        }
        // A credit filling the line ("Getty/Instagram.", "ASSOCIATED PRESS.").
        if kw.len() <= 6
            && body
                .split(['/', ',', ';', '|'])
                .map(key_of)
                .filter(|k| !k.is_empty())
                .all(|k| AGENCIES.contains(&k.as_str()))
        {
            return Some((Reason::Credit, "credit.agency_line"));
        }
        // The same short line three times or more: site chrome.
        if kw.len() <= 8
            && !raw_last.ends_with(['.', '?', '!', '"', '”'])
            && ctx.repeats.get(&key_of(&view.s)).is_some_and(|&n| n >= 3)
        {
            return Some((Reason::Other, "other.repeated_line"));
        }
    }
    for r in PREFIX_RULES {
        if (r.max_words == 0 || words <= r.max_words) && ctx.zone_ok(r) && body.starts_with(r.pat) {
            // A bare header opens a list of headlines on the next lines.
            outcome.related_header = r.id == "related.prefix"
                && (body.trim_end().ends_with(':')
                    || r.pat.starts_with('"')
                    || r.pat.starts_with("also on"));
            return Some((r.reason, r.id));
        }
    }
    for r in CONTAINS_RULES {
        if (r.max_words == 0 || words <= r.max_words)
            && ctx.zone_ok(r)
            && view.s.contains(r.pat)
            && (r.id != "footer.bio" || name_first(raw_first, &view.s))
        {
            return Some((r.reason, r.id));
        }
    }
    if words <= 40 {
        // Handles, hashtags and links.
        let mut handles = 0;
        let mut urls = 0;
        for t in view.s.split(' ') {
            if t.contains("http://") || t.contains("https://") || t.starts_with("www.") {
                urls += 1;
            } else if (t.starts_with('@') || t.starts_with('#') || t.starts_with(".@"))
                && t.len() > 2
            {
                handles += 1;
            }
        }
        if urls == words {
            return Some((Reason::Other, "other.bare_url"));
        }
        if (handles + urls) * 2 >= words && handles > 0 && words >= 2 {
            return Some((Reason::Share, "share.handles"));
        }
        // E-mail contact lines.
        if words <= 30
            && view.s.split(' ').any(|t| {
                t.find('@')
                    .is_some_and(|p| p > 0 && t[p..].contains('.') && !t.ends_with('@'))
            })
            && [
                "email", "e-mail", "tips", "contact", "reach", "send", "write to",
            ]
            .iter()
            .any(|w| view.s.contains(w))
        {
            return Some((Reason::Share, "share.contact"));
        }
    }
    if words <= 80
        && view.s.contains("cookie")
        && [
            "accept",
            "consent",
            "privacy",
            "we use",
            "this site",
            "this website",
            "browsing",
        ]
        .iter()
        .any(|w| view.s.contains(w))
    {
        return Some((Reason::Navigation, "navigation.cookie_banner"));
    }
    // Sign-offs and bios at the very end.
    if ctx.from_end < 3
        && words <= 4
        && raw_first.starts_with(['-', '—', '–'])
        && !raw_first.contains(',')
    {
        return Some((Reason::Footer, "footer.signoff"));
    }
    if ctx.from_end < 2 && words <= 45 && bio(raw_first, &view.s) {
        return Some((Reason::Footer, "footer.bio"));
    }
    // A list of headlines after a "Related" header.
    if ctx.related_list {
        let bullet = raw_first.starts_with(['•', '-', '*', '·', '–', '—', '▪', '►']);
        let headline = words <= 18
            && !raw_first.starts_with(['"', '“', '\'', '‘'])
            && (!raw_last.ends_with(['.', '!', '?', ':', '"', '”']) || title_case(pieces, input));
        let counter = words <= 3
            && key_of(body)
                .split(' ')
                .all(|w| w == "of" || w.bytes().all(|b| b.is_ascii_digit()));
        if headline || counter || (bullet && words <= 24) {
            outcome.related_item = true;
            return Some((Reason::Related, "related.list_item"));
        }
    }
    None
}

/// Are most words of four letters or more capitalised ("Rand Paul Scores Direct Hit")?
fn title_case(pieces: &[(usize, usize)], input: &str) -> bool {
    let (mut caps, mut long) = (0, 0);
    for &(a, e) in pieces {
        for w in input[a..e].split_whitespace() {
            if w.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
                long += 1;
                caps += w.starts_with(|c: char| c.is_uppercase()) as usize;
            }
        }
    }
    long > 0 && caps * 10 >= long * 7
}

/// Does the line open with a person's name and then " is " / " edits " / ", a " (a bio)?
fn name_first(raw: &str, lower: &str) -> bool {
    let Some(verb) = [" is ", " edits "]
        .iter()
        .filter_map(|v| lower.find(v))
        .min()
    else {
        return false;
    };
    let n = lower[..verb].split(' ').count();
    let name_words: Vec<&str> = raw.split_whitespace().take(2).collect();
    (2..=14).contains(&n)
        && name_words.len() == 2
        && name_words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
}

/// "Jane Doe is a professor of history at …": a name, then "is", then a bio word.
fn bio(raw: &str, lower: &str) -> bool {
    let Some(is) = lower.find(" is ") else {
        return false;
    };
    name_first(raw, lower)
        && lower[is..]
            .split(|c: char| !c.is_alphanumeric())
            .take(8)
            .any(|w| BIO_WORDS.contains(&w))
}

/// A credit at the end of the view and the caption before it, as view byte ranges.
fn caption_credit(view: &View, out: &mut Vec<(usize, usize, Reason, &'static str)>) {
    let s = view.s.as_str();
    let n = s.len();
    let tend = s.trim_end_matches(['.', ' ']).len();
    let t = &s[..tend];
    let mut credit: Option<(usize, &'static str)> = None;

    // (A) "(Essam al-Sudani / Reuters)", "(AP Photo/Evan Vucci)".
    if t.ends_with(')') {
        let lo = floor_boundary(t, tend.saturating_sub(160));
        if let Some(open) = t[lo..tend - 1].rfind('(').map(|p| lo + p) {
            let content = &t[open + 1..tend - 1];
            if credit_like(content, true) {
                credit = Some((open, "credit.parenthetical"));
            }
        }
    }
    // (C) "… | Getty".
    if credit.is_none() {
        let lo = floor_boundary(t, tend.saturating_sub(100));
        if let Some(bar) = t[lo..].rfind('|').map(|p| lo + p) {
            if credit_like(&t[bar + 1..], false) {
                credit = Some((bar, "credit.pipe"));
            }
        }
    }
    // "…on Monday.Credit...Doug Mills/The New York Times" (often glued).
    if credit.is_none() {
        let lo = floor_boundary(t, tend.saturating_sub(120));
        if let Some(p) = ["credit...", "credit…", "credit: "]
            .iter()
            .filter_map(|m| t[lo..].rfind(m))
            .max()
        {
            let p = lo + p;
            // After the end of a sentence only: "…gave him credit: he won" is prose.
            let after_sentence = t[..p].trim_end().ends_with(['.', ')', '!', '?', '"']);
            if p > 0 && after_sentence && t[p..].split(' ').count() <= 10 {
                credit = Some((p, "credit.trailing"));
            }
        }
    }
    // (E) "… in Iowa. Photo: AP", (B) "… on Monday. John Moore/Getty Images".
    if credit.is_none() {
        let lo = floor_boundary(t, tend.saturating_sub(120));
        let seg_start = t[lo..]
            .rfind(". ")
            .map(|p| lo + p + 2)
            .or_else(|| t[lo..].rfind("? ").map(|p| lo + p + 2))
            .unwrap_or(if lo == 0 { 0 } else { n });
        if seg_start < tend {
            let seg = &t[seg_start..];
            let labelled = [
                "photo:",
                "photos:",
                "photo by ",
                "photograph:",
                "photograph by ",
                "credit:",
                "image:",
                "picture:",
                "pictures:",
                "foto:",
                "photo credit",
                "image credit",
                "(photo",
                "video:",
            ]
            .iter()
            .any(|p| seg.starts_with(p));
            if (labelled && seg.split(' ').count() <= 10)
                || (seg.contains('/') && credit_like(seg, false))
                || (seg_start > 0
                    && !seg.starts_with(['[', '('])
                    && AGENCIES.contains(&key_of(seg).as_str()))
            {
                credit = Some((seg_start, "credit.trailing"));
            }
        }
    }
    let Some((cs, rule)) = credit else {
        return;
    };
    out.push((cs, n, Reason::Credit, rule));
    let cap = s[..cs].trim_end();
    if !cap.is_empty() {
        let words = cap.split(' ').count();
        if words <= 70 && !cap.starts_with(['"', '\'']) {
            out.push((0, cap.len(), Reason::Caption, "caption.with_credit"));
        }
    }
}

/// Is `content` (lower case) a credit: names and an agency split by slashes, or a
/// "Photo: …" label?
fn credit_like(content: &str, paren: bool) -> bool {
    let c = content.trim().trim_end_matches('.');
    if c.is_empty() || c.len() > 120 {
        return false;
    }
    if [
        "photo", "credit", "image", "foto", "picture", "courtesy", "ap photo", "video",
    ]
    .iter()
    .any(|p| c.starts_with(p))
    {
        return c.split(' ').count() <= 12;
    }
    let parts: Vec<String> = c.split(['/', ',', ';']).map(key_of).collect();
    let agency = parts.iter().any(|p| {
        AGENCIES.contains(&p.as_str())
            || p.ends_with(" images")
            || p.ends_with(" getty images")
            || p.starts_with("getty images")
            || p.ends_with(" photo")
            || p.starts_with("for the ")
            || p.starts_with("via ")
    });
    let short = parts.iter().all(|p| p.split(' ').count() <= 6);
    agency && short && (c.contains('/') || parts.len() == 1 && !paren)
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i.min(s.len())
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// "…her. Read more: FBI reopens…": the tail from a table pattern after a sentence end.
fn tail(view: &View, out: &mut Vec<(usize, usize, Reason, &'static str)>) {
    let s = view.s.as_str();
    let start = view.body_start();
    let mut best: Option<(usize, &Rule)> = None;
    for r in TAIL_RULES {
        // Only the last window of the line can hold a tail of at most max_words words.
        let window = r.max_words.max(1) * 40;
        let lo = ceil_boundary(s, s.len().saturating_sub(window).max(start + 1));
        if lo >= s.len() {
            continue;
        }
        for (p, _) in s[lo..].match_indices(r.pat) {
            let p = lo + p;
            let before = s[..p].trim_end_matches(' ');
            if before.is_empty() {
                continue;
            }
            if !before.ends_with(['.', '!', '?', '"', '\'', ')', ':', '”']) {
                continue;
            }
            if s[p..].split(' ').count() > r.max_words {
                continue;
            }
            if best.is_none_or(|(q, _)| p < q) {
                best = Some((p, r));
            }
            break;
        }
    }
    if let Some((p, r)) = best {
        out.push((p, s.len(), r.reason, r.id));
    }
}
