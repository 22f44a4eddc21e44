//! Line decisions: which lines, heads and tails of lines are junk, by the tables of
//! [`super::rules`] and features of the line.

use super::rules::{
    Rule, Zone, AGENCIES, BIO_WORDS, CAPTION_VERBS, CONTAINS_RULES, KEY_RULES, KICKERS, MONTHS,
    NETWORKS, PREFIX_RULES, SHARE_WORDS, TAIL_LINES, TAIL_RULES, WEEKDAYS,
};
use super::view::{key_of, View};
use super::{inline, trim_span, visible, Line, Reason, Removal};
use crate::span::Span;
use std::collections::HashMap;
use std::sync::OnceLock;

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
    /// The previous non-empty line ends with a closing quote mark (a quote block whose
    /// speaker may follow: `"…pay zero taxes."` then `- Sanders.`).
    prev_quote: bool,
    /// Among the article's first lines, before any line of prose: where site chrome
    /// stands over the headline ("Local News", "Weather Alert").
    head: bool,
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
    let mut tight_list = false;
    let mut note = 0usize;
    let mut seen = 0usize;
    let mut prev: Option<(usize, Outcome)> = None;
    let mut prev_quote = false;
    let mut prose_seen = false;
    // Words of the article, built only when a line might start with a kicker.
    let mut words = ArticleWords::new(input);
    // Lines removed whole, for the pass over the trailing junk.
    let mut whole = vec![false; lines.len()];
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
                // A list set tight under its header (no blank line) ends at the first
                // blank line: the story's next paragraph is no headline of it.
                let gap = prev.as_ref().is_some_and(|(pl, _)| li > pl + 1);
                if related > 0 && tight_list && gap {
                    related = 0;
                }
                let ctx = Ctx {
                    from_end: total - seen,
                    related_list: related > 0,
                    prev_quote,
                    head: seen <= HEAD_LINES && !prose_seen,
                    repeats: &repeats,
                };
                // A section label glued to the headline ("POLITICSTrump says…").
                let mut l = *l;
                if seen <= KICKER_LINES {
                    if let Some(k) = kicker(input, a, e, seen == 1, &mut words) {
                        l.start = k.span.end;
                        cuts.push(k);
                    }
                }
                line(input, l, &ctx, &mut cuts)
            };
            if o.related_header {
                tight_list = false;
            } else if related == RELATED_LIST && o.related_item {
                // The first item: is the list set tight under its header?
                tight_list = prev.as_ref().is_some_and(|(pl, _)| li == pl + 1);
            }
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
            whole[li] = o.whole.is_some();
            prev_quote = text.ends_with(['"', '”', '\'', '’']);
            if !prose_seen && seen <= HEAD_LINES {
                prose_seen = text.split_whitespace().nth(PROSE_WORDS - 1).is_some();
            }
            prev = Some((li, o));
        }
        out.push(cuts);
    }
    // Lines whose cuts leave nothing visible count as removed whole.
    for (li, l) in lines.iter().enumerate() {
        if vis[li] && !whole[li] && !out[li].is_empty() {
            let mut at = l.start;
            let mut left = false;
            for c in &out[li] {
                left |= c.span.start > at && visible(input, at, c.span.start);
                at = at.max(c.span.end);
            }
            left |= at < l.end && visible(input, at, l.end);
            whole[li] = !left;
        }
    }
    section_headings(input, lines, &vis, &mut whole, &mut out);
    trailing_junk(input, lines, &vis, &whole, &repeats, &mut out);
    caption_lines(input, lines, &vis, &whole, &mut out);
    out
}

/// Words a kept paragraph needs for the header over it to be a section heading.
const SECTION_PARAGRAPH: usize = 40;

/// A "Related"-style header ("TOP STORIES.") that heads no list: the next line is a long
/// paragraph that stays. It is then a sub-heading of the story (a newsletter's sections),
/// and stays too. Each header looks at the one visible line after it: linear.
fn section_headings(
    input: &str,
    lines: &[Line],
    vis: &[bool],
    whole: &mut [bool],
    out: &mut [Vec<Removal>],
) {
    let mut li = 0;
    while li < lines.len() {
        let header =
            whole[li] && !out[li].is_empty() && out[li].iter().all(|r| r.rule == "related.header");
        if !header {
            li += 1;
            continue;
        }
        let Some(next) = (li + 1..lines.len()).find(|&j| vis[j]) else {
            return;
        };
        let l = lines[next];
        if !whole[next] && input[l.start..l.end].split_whitespace().count() >= SECTION_PARAGRAPH {
            out[li].clear();
            whole[li] = false;
        }
        li = next;
    }
}

/// How many trailing junk lines are looked through for footers and bios before them.
const TRAILING_JUNK: usize = 40;

/// Footers and bios in the middle of the trailing junk ("Jane Doe is a reporter for …"
/// followed by a list of related headlines): walking back from the end over lines removed
/// whole, a line that the tail rules (footers, bios, sign-offs) remove goes too. Each line
/// is decided again at most once, so this stays linear.
fn trailing_junk(
    input: &str,
    lines: &[Line],
    vis: &[bool],
    whole: &[bool],
    repeats: &HashMap<String, u32>,
    out: &mut [Vec<Removal>],
) {
    let mut after = 0usize;
    for li in (0..lines.len()).rev() {
        if !vis[li] {
            continue;
        }
        if whole[li] {
            after += 1;
            if after > TRAILING_JUNK {
                return;
            }
            continue;
        }
        if after == 0 {
            return;
        }
        let ctx = Ctx {
            from_end: 0,
            related_list: false,
            prev_quote: false,
            head: false,
            repeats,
        };
        let mut cuts = Vec::new();
        let o = line(input, lines[li], &ctx, &mut cuts);
        match o.whole {
            Some((Reason::Footer, _)) => {
                out[li] = cuts;
                after += 1;
            }
            _ => return,
        }
    }
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
    } else if inl.is_empty() && view.s.chars().all(|c| c == '…' || c == '.' || c == ' ') {
        // An ellipsis alone marks words left out of a transcript or a quote: the source's
        // own text, not a separator.
        None
    } else if !view.s.chars().any(char::is_alphanumeric) {
        // Punctuation left behind by inline cuts, separators, emoji bars.
        Some(match inl.last() {
            Some(r) => (r.reason, r.rule),
            None if view.s.chars().any(emoji) => (Reason::Share, "share.emoji_bar"),
            None => (Reason::Navigation, "navigation.separator"),
        })
    } else {
        // The text of an embedded tweet is its author's words, quoted: the tables of
        // phrases ("WATCH:", "Follow …") do not judge it.
        let tweet = inl.first().is_some_and(|r| {
            r.rule == "media.tweet_markup" && !visible(input, l.start, r.span.start)
        });
        whole_line(input, &view, &pieces, ctx, tweet, &mut outcome)
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
        caption_credit(input, &view, &mut extra);
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
/// The [`PREFIX_RULES`] that may match the start of `body`, in table order: those whose
/// pattern starts with the first byte of `body` (or is empty). Saves comparing every line
/// with all of them.
fn prefix_rules(body: &str) -> impl Iterator<Item = &'static Rule> {
    static BY_FIRST_BYTE: OnceLock<Vec<Vec<u16>>> = OnceLock::new();
    let index = BY_FIRST_BYTE.get_or_init(|| {
        let mut index = vec![Vec::new(); 257];
        for (k, r) in PREFIX_RULES.iter().enumerate() {
            match r.pat.as_bytes().first() {
                Some(&b) => index[b as usize].push(k as u16),
                // An empty pattern matches every line, also an empty one (slot 256).
                None => index.iter_mut().for_each(|v| v.push(k as u16)),
            }
        }
        index
    });
    let slot = body.as_bytes().first().map_or(256, |&b| b as usize);
    index[slot].iter().map(|&k| &PREFIX_RULES[k as usize])
}

fn whole_line(
    input: &str,
    view: &View,
    pieces: &[(usize, usize)],
    ctx: &Ctx,
    tweet: bool,
    outcome: &mut Outcome,
) -> Option<(Reason, &'static str)> {
    let words = view.words;
    let body = &view.s[view.body_start()..];
    let raw_first = pieces.first().map_or("", |&(a, e)| &input[a..e]);
    let raw_last = pieces.last().map_or("", |&(a, e)| &input[a..e]);

    if words <= 12 {
        let key = key_of(body);
        // "FACEBOOK." alone in capitals, with its period: a sub-heading over readers'
        // comments, not a share button.
        let heading = matches!(key.as_str(), "facebook" | "twitter")
            && raw_last.ends_with('.')
            && !raw_first.chars().any(char::is_lowercase);
        for r in KEY_RULES {
            if r.pat == key && ctx.zone_ok(r) && !heading {
                outcome.related_header = r.id == "related.header";
                return Some((r.reason, r.id));
            }
        }
        let kw: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        // Date-only lines ("Saturday, December 19, 2015.").
        if kw.len() <= 10 && date_words(&kw) {
            return Some((Reason::Navigation, "navigation.date_line"));
        }
        // Time-only lines ("9:05 p.m.", "11 a.m."), live-blog stamps.
        if kw.len() <= 4
            && (body.contains(':') || key.ends_with(" a m") || key.ends_with(" p m"))
            && kw.iter().any(|w| is_number(w))
            && kw
                .iter()
                .all(|w| is_number(w) || matches!(*w, "a" | "m" | "p" | "am" | "pm" | "et"))
        {
            return Some((Reason::Navigation, "navigation.timestamp"));
        }
        // Slide counters ("1 of 23", "Image 1 of 4", "Photo 2 of 10").
        let counter =
            |kw: &[&str]| kw.len() == 3 && kw[1] == "of" && is_number(kw[0]) && is_number(kw[2]);
        if counter(&kw)
            || kw.len() == 4
                && matches!(kw[0], "image" | "photo" | "picture" | "slide" | "gallery")
                && counter(&kw[1..])
        {
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
        // A credit filling the line: "Scott Olson via Getty Images.", a photographer's
        // name (capitalised, at most four words) and the agency.
        if let Some((who, src)) = body.rsplit_once(" via ") {
            let n = who.split(' ').count();
            let names: Vec<&str> = raw_first.split_whitespace().take(n).collect();
            if (1..=4).contains(&n)
                && names.iter().all(|w| w.starts_with(char::is_uppercase))
                && AGENCIES.contains(&key_of(src).as_str())
            {
                return Some((Reason::Credit, "credit.agency_line"));
            }
        }
        // A credit filling the line ("Getty/Instagram.", "ASSOCIATED PRESS.", "Dana
        // Whitfield/Gilroy Dispatch").
        if kw.len() <= 8
            && pieces.len() == 1
            && photographer_outlet(raw_first.trim().trim_end_matches('.'))
        {
            return Some((Reason::Credit, "credit.agency_line"));
        }
        if kw.len() <= 6
            && !heading
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
        if ctx.head && section_label(&key) {
            return Some((Reason::Navigation, "navigation.section_label"));
        }
        // Breadcrumbs over a headline: "World | Europe", "News › Politics › Congress".
        if pieces.len() == 1 && breadcrumb(raw_first.trim()) {
            return Some((Reason::Navigation, "navigation.breadcrumb"));
        }
    }
    if words <= 8 && css_declaration(&view.s) {
        return Some((Reason::Other, "other.css"));
    }
    for r in prefix_rules(body).filter(|_| !tweet) {
        if (r.max_words == 0 || words <= r.max_words) && ctx.zone_ok(r) && body.starts_with(r.pat) {
            // A bare header opens a list of headlines on the next lines.
            outcome.related_header = r.id == "related.prefix"
                && (body.trim_end().ends_with(':')
                    || r.pat.starts_with('"')
                    || r.pat.starts_with("also on"));
            return Some((r.reason, r.id));
        }
    }
    for r in CONTAINS_RULES.iter().filter(|_| !tweet) {
        if (r.max_words == 0 || words <= r.max_words)
            && ctx.zone_ok(r)
            && view.contains(r.pat)
            && (r.id != "footer.bio" || name_first(raw_first, &view.s))
            && !(r.id == "footer.wire" && footer_after_story(&view.s))
        {
            return Some((r.reason, r.id));
        }
    }
    if words <= 40 {
        // Handles, hashtags and links.
        let mut handles = 0;
        let mut urls = 0;
        // A handle, hashtag or link needs `@`, `#`, `http` or `www.` (most lines have none).
        let has_at = view.s.contains('@');
        let marked =
            has_at || view.s.contains('#') || view.may_contain("http") || view.may_contain("www.");
        for t in view.s.split(' ').filter(|_| marked) {
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
        let lone_in_prose = handles + urls == 1
            && !view.s.split(' ').any(|t| {
                let w = t.trim_end_matches([':', '.', ',']);
                t.ends_with(':') || SHARE_WORDS.contains(&w) || w == "follow"
            });
        if (handles + urls) * 2 >= words && handles > 0 && words >= 2 && !lone_in_prose {
            return Some((Reason::Share, "share.handles"));
        }
        // E-mail contact lines.
        if words <= 30
            && has_at
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
    // "Published: 08:12 GMT, 27 November 2026 | Updated: 11:40 GMT, 27 November 2026".
    if (13..=24).contains(&words)
        && body.contains('|')
        && body.split('|').all(|part| {
            let k = key_of(part);
            let kw: Vec<&str> = k.split(' ').filter(|w| !w.is_empty()).collect();
            kw.len() <= 10 && date_words(&kw)
        })
    {
        return Some((Reason::Navigation, "navigation.date_line"));
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
    // The fine print under a sign-up box: "By signing up, you agree to our Terms of Use and
    // Privacy Policy." (a sentence of the story may open on "By signing up 3,000 voters, …").
    if words <= 50
        && body.starts_with("by ")
        && [
            "by signing up",
            "by subscribing",
            "by clicking",
            "by registering",
            "by entering your email",
        ]
        .iter()
        .any(|p| body.starts_with(p))
        && ["privacy", "terms of", "you agree", "you consent"]
            .iter()
            .any(|w| body.contains(w))
    {
        return Some((Reason::Share, "share.newsletter_terms"));
    }
    // "Follow Jeff Horwitz and Chad Day on Twitter: https://twitter.com/…".
    if !tweet
        && words <= 30
        && body.starts_with("follow ")
        && [
            " on twitter",
            " on facebook",
            " on instagram",
            "twitter.com/",
        ]
        .iter()
        .any(|p| body.contains(p))
    {
        return Some((Reason::Share, "share.follow"));
    }
    // A pointer to an embed the scrape dropped: "Watch the ad above.", "Watch a clip of the
    // interview below:".
    if !tweet && words <= 12 && body.starts_with("watch ") && {
        let e = body.trim_end_matches(['.', ':', '!', ' ']);
        e.ends_with(" above") || e.ends_with(" below")
    } {
        return Some((Reason::Media, "media.embed"));
    }
    // Sign-offs and bios at the very end. A person's name alone after the dash
    // ("- Scott Clement.") signs the story or a letter: it stays.
    if ctx.from_end < 3
        && words <= 4
        && raw_first.starts_with(['-', '—', '–'])
        && !raw_first.contains(',')
        && !ctx.prev_quote
        && !signed_name(raw_first)
    {
        return Some((Reason::Footer, "footer.signoff"));
    }
    if ctx.from_end < 2 && words <= 45 && (bio(raw_first, &view.s) || dash_bio(raw_first, &view.s))
    {
        return Some((Reason::Footer, "footer.bio"));
    }
    // A list of headlines after a "Related" header.
    if ctx.related_list {
        let bullet = raw_first.starts_with(['•', '-', '*', '·', '–', '—', '▪', '►']);
        // Four words or more: a shorter line after the list is the story's own
        // sub-heading ("War and Peace.") or a signature's place ("Henderson, Nev.").
        let headline = (4..=18).contains(&words)
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
    (2..=14).contains(&n) && name_words.len() == 2 && name_words.iter().all(|w| name_word(w))
}

/// "- Scott Clement.", "— Jane M. Doe": a dash, then two or three capitalised words of
/// letters (initials allowed) and nothing else, none of them an agency or outlet name.
fn signed_name(raw: &str) -> bool {
    let t = raw
        .trim()
        .trim_start_matches(['-', '—', '–'])
        .trim()
        .trim_end_matches('.');
    let w: Vec<&str> = t.split_whitespace().collect();
    (2..=3).contains(&w.len())
        && w[0] != "The"
        && !AGENCIES.contains(&key_of(t).as_str())
        && w.iter().all(|x| {
            let initial = x.len() == 2 && x.ends_with('.');
            x.starts_with(|c: char| c.is_uppercase())
                && (initial || x.chars().any(char::is_lowercase))
                && name_chars(x)
                && !AGENCIES.contains(&key_of(x).as_str())
        })
}

/// Only letters, initials' periods, hyphens and apostrophes ("O'Neil", "al-Sudani", "J.").
fn name_chars(w: &str) -> bool {
    w.chars()
        .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
}

/// A word of a person's name: capitalised, or a particle with a capital inside
/// ("al-Sudani", "McDonald", "de la Cruz" aside).
fn name_word(w: &str) -> bool {
    w.starts_with(|c: char| c.is_uppercase())
        || w.contains('-') && w.chars().any(char::is_uppercase)
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
fn caption_credit(input: &str, view: &View, out: &mut Vec<(usize, usize, Reason, &'static str)>) {
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
            let raw = input
                .get(view.input_start(open + 1)..view.input_end(input, tend - 1))
                .unwrap_or("");
            // A lone agency in brackets after the full stop of a short line ("… on Monday.
            // (Getty Images)"), not a dateline's "(Reuters)".
            let after_sentence = view.words <= 20 && t[..open].trim_end().ends_with('.');
            if credit_like(content, true)
                || photographer_outlet(raw)
                || after_sentence && {
                    // (a known agency: "(WARNING: Video contains graphic images.)" is no credit)
                    let k = key_of(content);
                    AGENCIES.contains(&k.as_str()) || k.starts_with("getty images")
                }
            {
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
    // "…on Monday.Credit...Doug Mills/The New York Times" (often glued). Every marker holds
    // `credit`: a view without it needs no search.
    if credit.is_none() && view.may_contain("credit") {
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
            // "… blaming Michael R. Bloomberg.": the period closes an initial, not a
            // sentence, so the agency name is the end of a person's name.
            let after_initial = seg_start >= 2 && {
                let before = t[..seg_start - 2].trim_end_matches('.');
                let mut rev = before.chars().rev();
                matches!(
                    (rev.next(), rev.next()),
                    (Some(c), None | Some(' ')) if c.is_alphabetic()
                )
            };
            if (labelled && seg.split(' ').count() <= 10)
                || (seg.contains('/')
                    && !seg.starts_with('[')
                    && (credit_like(seg, false)
                        || photographer_outlet(
                            input
                                .get(view.input_start(seg_start)..view.input_end(input, tend))
                                .unwrap_or(""),
                        )))
                || (seg_start > 0
                    && !after_initial
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

/// "Sam Ortiz / Brantford Herald", "Jane Roe/The Valmera Times" (case kept): a person's name
/// and a publication's name on either side of one slash. The publication is unknown to
/// [`AGENCIES`], so its last word must name a kind of outlet ("Herald", "Times", "Post").
/// Two outlets ("ABC News/Washington Post", a poll's sponsors) are no photo credit.
fn photographer_outlet(raw: &str) -> bool {
    let Some((a, b)) = raw.split_once('/') else {
        return false;
    };
    let (a, b) = (a.trim(), b.trim());
    let words = |s: &str| {
        s.split_whitespace()
            .map(|w| key_of(w).to_lowercase())
            .collect::<Vec<_>>()
    };
    let capitalised = |s: &str| s.split_whitespace().all(|w| name_word(w) && name_chars(w));
    let outlet = |s: &str| {
        let w = words(s);
        (1..=5).contains(&w.len())
            && w.last().is_some_and(|l| OUTLET_HEADS.contains(&l.as_str()))
            && s.split_whitespace()
                .all(|x| x.starts_with(|c: char| c.is_uppercase()) || x == "of")
    };
    let person = |s: &str| {
        let w = words(s);
        (2..=3).contains(&w.len())
            && capitalised(s)
            && w.iter()
                .all(|x| !OUTLET_HEADS.contains(&x.as_str()) && x != "the")
    };
    (person(a) && outlet(b)) || (outlet(a) && person(b))
}

/// Last words of a newspaper's, magazine's or photo service's name.
const OUTLET_HEADS: &[&str] = &[
    "herald",
    "times",
    "post",
    "news",
    "journal",
    "tribune",
    "gazette",
    "chronicle",
    "telegraph",
    "guardian",
    "observer",
    "examiner",
    "inquirer",
    "courier",
    "dispatch",
    "sentinel",
    "register",
    "bulletin",
    "mirror",
    "independent",
    "standard",
    "star",
    "globe",
    "mail",
    "express",
    "daily",
    "weekly",
    "magazine",
    "press",
    "review",
    "record",
    "leader",
    "enquirer",
    "photography",
    "photos",
    "pictures",
    "images",
    "studio",
    "staff",
];

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
        if !view.may_contain(r.pat) {
            continue;
        }
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

/// The words of a date line ("saturday december 19 2015", "updated 9 15 am gmt nov 27
/// 2026"): a month or a weekday, a number, and nothing but dates, times and their labels.
fn date_words(kw: &[&str]) -> bool {
    kw.iter()
        .any(|w| MONTHS.contains(w) || WEEKDAYS.contains(w))
        && kw.iter().any(|w| is_number(w))
        && kw.iter().all(|w| {
            MONTHS.contains(w)
                || WEEKDAYS.contains(w)
                || is_number(w)
                || matches!(
                    *w,
                    "at" | "am"
                        | "pm"
                        | "a"
                        | "m"
                        | "p"
                        | "et"
                        | "est"
                        | "edt"
                        | "gmt"
                        | "utc"
                        | "updated"
                        | "published"
                        | "posted"
                        | "on"
                )
        })
}

/// Section labels and banners standing alone are looked for in the first lines only.
const HEAD_LINES: usize = 6;
/// A line of this many words or more is prose: the head of the article is over.
const PROSE_WORDS: usize = 15;

/// A section label or a banner standing alone over the headline: "Local News", "Politics",
/// "Weather Alert", "Breaking News".
fn section_label(key: &str) -> bool {
    let words = key.split(' ').count();
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| KICKERS.iter().map(|x| key_of(x)).collect());
    let label = |k: &str| keys.iter().any(|x| x == k);
    label(key)
        || key
            .strip_suffix(" news")
            .is_some_and(|k| label(k) || matches!(k, "local" | "state" | "regional"))
        || words <= 3 && (key.ends_with(" alert") || key.ends_with(" alerts"))
}

/// Kickers are looked for in the first lines only (the headline and what precedes it).
const KICKER_LINES: usize = 3;

/// How often each word (a run of letters and digits, case kept) occurs in the article;
/// built on first use, in one pass.
struct ArticleWords<'a> {
    input: &'a str,
    counts: Option<HashMap<&'a str, u32>>,
}

impl<'a> ArticleWords<'a> {
    fn new(input: &'a str) -> Self {
        ArticleWords {
            input,
            counts: None,
        }
    }

    fn count(&mut self, w: &str) -> u32 {
        let input = self.input;
        let counts = self.counts.get_or_insert_with(|| {
            let mut m = HashMap::new();
            for t in input.split(|c: char| !c.is_alphanumeric()) {
                if !t.is_empty() {
                    *m.entry(t).or_insert(0) += 1;
                }
            }
            m
        });
        counts.get(w).copied().unwrap_or(0)
    }
}

/// A section label glued to the headline by the scraper: "POLITICSTrump says …",
/// "WorldBiden meets …". Only labels of the [`KICKERS`] table, only when the label is
/// followed by a capitalised word that goes on in lower case, and only when the glued
/// token is not a word of the article (WorldCom, HealthCare) while, for a label in title
/// case, the word after it is ("Biden" elsewhere in the story). Returns the cut of the
/// label alone.
fn kicker(
    input: &str,
    a: usize,
    e: usize,
    first_line: bool,
    words: &mut ArticleWords,
) -> Option<Removal> {
    let line = &input[a..e];
    if !line.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    for &label in KICKERS {
        let k = label.len();
        let Some(head) = line.get(..k) else {
            continue;
        };
        let caps = head.bytes().all(|b| !b.is_ascii_lowercase())
            && head.eq_ignore_ascii_case(label)
            && head.bytes().any(|b| b.is_ascii_uppercase());
        if head != label && !caps {
            continue;
        }
        let rest = &line[k..];
        if let Some(cut) = separated_kicker(rest) {
            return Some(Removal {
                span: Span::new(a, a + k + cut),
                reason: Reason::Navigation,
                rule: "navigation.kicker_separated",
            });
        }
        // The glued word, invisible characters left out ("Ob\u{2060}ama").
        let mut glued = String::new();
        let mut after = None;
        for c in rest.chars().take(64) {
            if super::is_invisible(c) {
                continue;
            }
            if c.is_alphanumeric() || (!glued.is_empty() && (c == '\'' || c == '’')) {
                glued.push(c);
            } else {
                after = Some(c);
                break;
            }
        }
        let mut gc = glued.chars();
        let (Some(u), Some(l)) = (gc.next(), gc.next()) else {
            continue;
        };
        if !u.is_uppercase()
            || !l.is_lowercase()
            || !after.is_none_or(|c| super::is_space(c) || matches!(c, ',' | ':'))
        {
            continue;
        }
        if rest.split_whitespace().count() < 3 {
            continue;
        }
        let core = glued
            .strip_suffix("'s")
            .or_else(|| glued.strip_suffix("’s"))
            .unwrap_or(&glued);
        let token = format!("{head}{core}");
        if KICKER_BRANDS.iter().any(|b| token.eq_ignore_ascii_case(b)) || words.count(&token) > 1 {
            continue;
        }
        // A label in title case also starts names: the word after it must stand alone
        // elsewhere in the article, or the line be the article's first with a headline of
        // four words or more after the label.
        if !caps
            && words.count(core) == 0
            && !(first_line && core.chars().count() >= 3 && rest.split_whitespace().count() >= 4)
        {
            continue;
        }
        return Some(Removal {
            span: Span::new(a, a + k),
            reason: Reason::Navigation,
            rule: "navigation.kicker",
        });
    }
    // Outside the table only on the headline line: a glued dateline further down
    // ("WASHINGTONPresident Obama said …") stays.
    if !first_line {
        return None;
    }
    caps_kicker(line, words).map(|k| Removal {
        span: Span::new(a, a + k),
        reason: Reason::Navigation,
        rule: "navigation.kicker_caps",
    })
}

/// A section label outside the [`KICKERS`] table, in capitals and glued to the headline:
/// "FACT CHECKTrump's tax claim falls short", "CAMPAIGN 2016Clinton leads in Ohio". The
/// line opens on one to three words of capitals (digits, `&` and `-` allowed; four letters
/// or more in all), the last glued to a capitalised word that goes on in lower case, with
/// a headline of 3 to 25 words after it; the glued token must not be a word of the article
/// elsewhere (a brand). Only on the article's first line. Returns the length of the label.
fn caps_kicker(line: &str, words: &mut ArticleWords) -> Option<usize> {
    let b = line.as_bytes();
    // The run of capitals, digits, spaces, '&' and '-' (ASCII: the label of a site's
    // chrome); `j` is the first lower-case letter after it.
    let j = b.iter().position(|&c| {
        !(c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, b' ' | b'&' | b'-'))
    })?;
    if j < 2 || !b[j].is_ascii_lowercase() || !b[j - 1].is_ascii_uppercase() {
        return None;
    }
    // The label ends before the capital that starts the glued word.
    let k = j - 1;
    let label = &line[..k];
    if label.ends_with([' ', '-', '&'])
        || !b[k - 1].is_ascii_alphanumeric()
        || label.bytes().filter(u8::is_ascii_alphabetic).count() < 4
        || label.split(' ').count() > 3
    {
        return None;
    }
    let rest = &line[k..];
    // The glued word: a capital and two lower-case letters or more.
    let word: &str = rest
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let headline_words = rest.split_whitespace().count();
    if word.len() < 3
        || !word[1..].bytes().all(|c| c.is_ascii_lowercase())
        || !(3..=25).contains(&headline_words)
    {
        return None;
    }
    let last = label.rsplit(' ').next().unwrap_or(label);
    let token = format!("{last}{word}");
    if KICKER_BRANDS.iter().any(|x| token.eq_ignore_ascii_case(x)) || words.count(&token) > 1 {
        return None;
    }
    Some(k)
}

/// After a section label, a separator that only site chrome uses ("POLITICS | Vance says …",
/// "World › Osei meets …") and a headline of three words or more starting with a capital:
/// the length up to the separator, which goes with the label (the space after it is
/// normalised away).
fn separated_kicker(rest: &str) -> Option<usize> {
    let t = rest.trim_start_matches(' ');
    if t.len() == rest.len() {
        return None;
    }
    let sep = t.chars().next()?;
    if !matches!(sep, '|' | '·' | '•' | '›' | '»' | '/') {
        return None;
    }
    let after = &t[sep.len_utf8()..];
    let headline = after.trim_start_matches(' ');
    if headline.len() == after.len()
        || !headline.starts_with(|c: char| c.is_uppercase())
        || headline.split_whitespace().count() < 3
    {
        return None;
    }
    Some(rest.len() - after.len())
}

/// A line of site sections: two to five of them, each of one to three capitalised words
/// (`&` allowed), between separators that prose does not use this way (` | `, ` › `, ` » `,
/// ` > `, ` / `), and no sentence punctuation: "World | Europe", "News › US & Canada".
fn breadcrumb(line: &str) -> bool {
    const SEPARATORS: [char; 5] = ['|', '›', '»', '>', '/'];
    // Every separator stands between spaces.
    let spaced = line.char_indices().all(|(i, c)| {
        !SEPARATORS.contains(&c)
            || (line[..i].ends_with(' ') && line[i + c.len_utf8()..].starts_with(' '))
    });
    let section = |part: &str| {
        let words: Vec<&str> = part.split_whitespace().collect();
        (1..=3).contains(&words.len())
            && words.iter().all(|w| {
                *w == "&"
                    || (w.starts_with(char::is_uppercase)
                        && w.chars()
                            .all(|c| c.is_alphabetic() || matches!(c, '-' | '&')))
            })
    };
    spaced
        && (2..=5).contains(&line.split(SEPARATORS).count())
        && line.split(SEPARATORS).all(section)
}

/// Names and brands that start with a section label and are no kicker.
const KICKER_BRANDS: &[&str] = &[
    "WorldCom",
    "WorldPost",
    "WorldNetDaily",
    "WorldView",
    "HealthCare",
    "HealthKit",
    "BusinessWeek",
    "BusinessInsider",
    "PoliticsNation",
    "PoliticoPro",
    "TechCrunch",
    "TechTarget",
    "SportsCenter",
    "SportsLine",
    "ScienceDaily",
    "MediaMatters",
    "MediaTek",
    "LiveJournal",
    "LiveNation",
    "NewsCorp",
    "NewsMax",
    "NewsHour",
    "NewsGuild",
    "NewsNation",
    "CultureMap",
    "MoneyGram",
    "MoneyWatch",
    "NationBuilder",
    "MetroCard",
    "MetroPCS",
    "VideoLAN",
    "EuropeAid",
    "AsiaPacific",
    "ElectionDay",
    "CampaignZero",
    "SecurityWeek",
    "EducationWeek",
    "WeatherBug",
    "ClimateWire",
    "EnvironmentAmerica",
    "TravelZoo",
    "StyleWatch",
    "LocalLink",
    "MarketsInsider",
    "DefenseNews",
    "CrimeStoppers",
];

/// Does a footer tail rule ("(reporting by …") follow a sentence of the story (eight words
/// or more, then a sentence end)? "…in the region it controls. (Reporting by …)": only the
/// tail is a footer, cut by the tail rules.
fn footer_after_story(s: &str) -> bool {
    TAIL_RULES
        .iter()
        .filter(|r| r.reason == Reason::Footer && r.pat.starts_with('('))
        .any(|r| {
            s.find(r.pat).is_some_and(|p| {
                let before = s[..p].trim_end();
                before.ends_with(['.', '!', '?', '"']) && before.split(' ').count() >= 8
            })
        })
}

/// "— Jane Doe covers the White House for …": a dash, a name, then "covers", "writes",
/// "reports" or a bio after "is".
fn dash_bio(raw: &str, lower: &str) -> bool {
    if !raw.starts_with(['-', '—', '–']) {
        return false;
    }
    let raw = raw.trim_start_matches(['-', '—', '–', ' ']);
    let lower = lower.trim_start_matches(['-', '—', ' ']);
    let rw: Vec<&str> = raw.split_whitespace().take(5).collect();
    let lw: Vec<&str> = lower.split(' ').take(5).collect();
    for n in 2..=3 {
        let (Some(verb), true) = (lw.get(n), rw.len() > n) else {
            return false;
        };
        if !rw[..n].iter().all(|w| name_word(w)) {
            return false;
        }
        if matches!(*verb, "covers" | "writes" | "reports") {
            return true;
        }
        if *verb == "is" {
            return lower
                .split(|c: char| !c.is_alphanumeric())
                .skip(n)
                .take(8)
                .any(|w| BIO_WORDS.contains(&w));
        }
    }
    false
}

/// Photo captions without a credit: a short line standing alone between paragraphs that
/// describes a picture in the present tense ("Supporters cheer as the candidate arrives at
/// a rally in Des Moines on Monday."). Conservative: one sentence of 9 to 40 words, a
/// subject of a few words then a verb of the [`CAPTION_VERBS`] table, ending on a place or
/// a time (right under the headline: a time), no
/// attribution, no past tense, no first or second person, no quote marks; the lines before
/// and after are kept story paragraphs (or junk).
fn caption_lines(
    input: &str,
    lines: &[Line],
    vis: &[bool],
    whole: &[bool],
    out: &mut [Vec<Removal>],
) {
    let visible: Vec<usize> = (0..lines.len()).filter(|&i| vis[i]).collect();
    for w in visible.windows(3) {
        let (p, li, n) = (w[0], w[1], w[2]);
        // Never the headline; right under it (where a standfirst may stand) only with a
        // day or a date.
        if whole[li] || !out[li].is_empty() || li == visible[0] {
            continue;
        }
        let under_headline = li == visible[1];
        let (a, e) = trim_span(input, lines[li].start, lines[li].end);
        let text = &input[a..e];
        // What is left of the previous line after its cuts at the end.
        let (pa, mut pe) = trim_span(input, lines[p].start, lines[p].end);
        for c in out[p].iter().rev() {
            if c.span.end >= pe && c.span.start < pe {
                pe = trim_span(input, pa, c.span.start.max(pa)).1;
            }
        }
        let prev = &input[pa..pe.max(pa)];
        let (na, ne) = trim_span(input, lines[n].start, lines[n].end);
        let next = &input[na..ne];
        // The line stands apart: the previous one closes (a sentence, a quote, or a lead-in
        // colon) and the next one opens (a capital, a quote mark of any style, a handle, a
        // figure).
        let prev_ok = whole[p]
            || prev.is_empty()
            || prev.ends_with(['.', '"', '”', '?', '!', ')', '’', ':', '\'']);
        let next_ok = whole[n]
            || next.starts_with(|c: char| {
                c.is_uppercase()
                    || c.is_ascii_digit()
                    || matches!(c, '"' | '“' | '\'' | '‘' | '@' | '#')
            });
        // Right under a credit that names who took the photo ("Jonathan Drake / Reuters.",
        // "Scott Olson via Getty Images."), the caption need not end on a time or a place.
        let (ra, re) = trim_span(input, lines[p].start, lines[p].end);
        let raw_prev = &input[ra..re];
        let after_credit = whole[p]
            && !out[p].is_empty()
            && out[p].iter().all(|r| r.rule.starts_with("credit."))
            && (raw_prev.contains('/') || raw_prev.contains(" via "));
        if (after_credit && caption_under_credit(text))
            || (prev_ok && next_ok && caption_like(text, under_headline))
        {
            out[li].push(Removal {
                span: Span::new(a, e),
                reason: Reason::Caption,
                rule: "caption.standalone",
            });
        }
    }
}

/// Words that rule a line out as a caption: attribution, past tense and modal verbs,
/// first and second person.
const NOT_CAPTION: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "according",
    "was",
    "were",
    "had",
    "has",
    "have",
    "did",
    "does",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "i",
    "we",
    "you",
    "my",
    "our",
    "your",
    "us",
    "me",
    "is",
    "are",
    "be",
    "been",
    "it",
    "this",
    "that",
    "these",
    "those",
    "which",
    "who",
    "because",
    "but",
    "if",
    "when",
    "why",
    "how",
    "what",
    "not",
    "no",
    "never",
    "also",
    "just",
    "only",
    "than",
    "although",
    "though",
    "while",
    "however",
    "nevertheless",
    "made",
    "spoke",
    "noted",
    "received",
    "took",
    "came",
    "went",
    "got",
    "gave",
    "won",
    "lost",
    "began",
    "became",
    "drew",
    "held",
    "announced",
    "called",
    "asked",
    "added",
    "wrote",
    "percent",
    "currently",
    "still",
    "now",
    "already",
    "ever",
    "want",
    "wants",
    "need",
    "needs",
    "think",
    "thinks",
    "believe",
    "believes",
];

/// Words that cannot stand just before the verb of a caption (its subject ends in a noun).
const NOT_SUBJECT_END: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "to", "of", "and", "or", "in", "on", "at",
    "for", "with", "by", "from", "as", "that", "which", "who", "will", "would", "can", "could",
];

fn caption_like(text: &str, need_date: bool) -> bool {
    if !text.ends_with('.')
        || !text.starts_with(|c: char| c.is_uppercase())
        || text.contains(['"', '“', '”', '?', '!', ':', ';', '(', '[', '@'])
        || text.contains("'s ") && text.contains(". ")
    {
        return false;
    }
    // Nine to forty words (counted before any of them is lowercased: most body paragraphs
    // stop here).
    let raw: Vec<&str> = text.split_whitespace().take(41).collect();
    if !(9..=40).contains(&raw.len()) {
        return false;
    }
    // One sentence: no sentence end before the last word, but for abbreviations.
    for (i, w) in raw[..raw.len() - 1].iter().enumerate() {
        if w.ends_with('.') && w.len() > 4 && !w[..w.len() - 1].contains('.') {
            let next_cap = raw[i + 1].starts_with(|c: char| c.is_uppercase());
            if next_cap {
                return false;
            }
        }
    }
    let lw: Vec<String> = raw
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                .to_lowercase()
        })
        .collect();
    if lw
        .iter()
        .any(|w| NOT_CAPTION.contains(&w.as_str()) || w.ends_with("n't"))
    {
        return false;
    }
    // The verb: within the first eight words, after a subject of one to six words that
    // starts with a capital and does not end in an article, a possessive or a preposition.
    let Some(v) = (1..lw.len().min(8)).find(|&i| CAPTION_VERBS.contains(&lw[i].as_str())) else {
        return false;
    };
    let before = &lw[v - 1];
    if NOT_SUBJECT_END.contains(&before.as_str())
        || before.ends_with("'s")
        || before.ends_with("’s")
        || raw[..v].iter().any(|w| w.ends_with(','))
        || v > 6
    {
        return false;
    }
    // It ends on a time ("… on Tuesday.", "… June 14, 2016.") or a place ("… in Des
    // Moines, Iowa."), as captions do.
    let after = &lw[v + 1..];
    let raw_after = &raw[v + 1..];
    let tail = &after[after.len().saturating_sub(4)..];
    let date = tail.iter().any(|w| {
        WEEKDAYS.contains(&w.as_str())
            || MONTHS.contains(&w.trim_end_matches('.'))
            || (w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
                && w.bytes().all(|b| b.is_ascii_digit())
    });
    let place = raw_after
        .iter()
        .rposition(|w| matches!(*w, "in" | "at" | "near" | "outside"))
        .is_some_and(|p| {
            let rest = &raw_after[p + 1..];
            (1..=5).contains(&rest.len())
                && rest
                    .iter()
                    .all(|w| w.starts_with(|c: char| c.is_uppercase()))
        });
    date || (place && !need_date)
}

/// Verbs of intention: a photo shows what someone does, not what they plan
/// ("Jane Roe plans to call on young people …" is story text under a lone credit).
const NOT_SHOWN: &[&str] = &[
    "plans", "plan", "wants", "want", "hopes", "hope", "expects", "expect", "intends", "intend",
    "aims", "seeks", "vows", "promises", "pledges", "needs",
];

/// First words of a line under a credit that make it story text rather than its caption
/// (captions open on who or what is pictured).
const NOT_CAPTION_START: &[&str] = &[
    "the", "a", "an", "by", "in", "on", "at", "for", "from", "as", "after", "before", "but", "and",
    "so", "yet", "still", "then", "there", "here",
];

/// The caption right under a photo credit: one capitalised sentence of at most 45 words,
/// ending on a period or "!", opening on who or what is pictured and naming someone or
/// somewhere (a capitalised word after the first), without quote marks or
/// the words that rule out a caption anywhere ([`NOT_CAPTION`]: attribution, past and
/// modal auxiliaries, first and second person, subordinators) or verbs of intention
/// ([`NOT_SHOWN`]).
fn caption_under_credit(text: &str) -> bool {
    if !text.ends_with(['.', '!'])
        || !text.starts_with(|c: char| c.is_uppercase())
        || text.contains(['"', '“', '”', '?', ':', ';', '['])
    {
        return false;
    }
    let raw: Vec<&str> = text.split_whitespace().collect();
    if !(3..=45).contains(&raw.len()) {
        return false;
    }
    let sentences = raw[..raw.len() - 1]
        .iter()
        .zip(&raw[1..])
        .filter(|(w, next)| {
            w.ends_with('.')
                && w.len() > 4
                && !w[..w.len() - 1].contains('.')
                && next.starts_with(|c: char| c.is_uppercase())
        })
        .count();
    let first = raw[0]
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    // A caption names who or where: a capitalised word after the first.
    let names = raw[1..]
        .iter()
        .any(|w| w.starts_with(|c: char| c.is_uppercase()));
    sentences == 0
        && names
        && !NOT_CAPTION_START.contains(&first.as_str())
        && !raw.iter().any(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                .to_lowercase();
            NOT_CAPTION.contains(&w.as_str())
                || NOT_SHOWN.contains(&w.as_str())
                || w.ends_with("n't")
        })
}

/// A CSS declaration left by the scraper: "-webkit-border-radius: 50px;", "height: 275px
/// !important;", "font-family:helvetica, arial, sans-serif;" (the view is lower case).
fn css_declaration(s: &str) -> bool {
    let Some((prop, value)) = s.split_once(':') else {
        return false;
    };
    let prop = prop.trim_end();
    let value = value.trim();
    prop.len() >= 3
        && prop.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        && (prop.bytes().any(|b| b == b'-')
            || matches!(
                prop,
                "color"
                    | "width"
                    | "height"
                    | "margin"
                    | "padding"
                    | "border"
                    | "display"
                    | "float"
                    | "background"
                    | "position"
                    | "overflow"
                    | "opacity"
            ))
        && value.ends_with(';')
        && value.len() >= 2
        && css_value(&value[..value.len() - 1])
        || s == "}"
}

/// "50px", "#ccc", "center", "helvetica, arial, sans-serif", "275px !important".
fn css_value(v: &str) -> bool {
    let v = v.trim().trim_end_matches("!important").trim_end();
    if v.is_empty() || v.contains([';', '.', ':']) || v.split(' ').count() > 4 {
        return false;
    }
    // A font list: names split by commas.
    if v.contains(',') {
        return v.split(',').all(|f| {
            let f = f.trim();
            !f.is_empty()
                && f.bytes()
                    .all(|b| b.is_ascii_alphabetic() || b == b'-' || b == b' ')
        });
    }
    v.split(' ').all(|t| {
        let n = t.strip_prefix('-').unwrap_or(t);
        let unit = n.trim_start_matches(|c: char| c.is_ascii_digit());
        (unit.len() < n.len()
            && matches!(
                unit,
                "" | "px" | "em" | "rem" | "%" | "pt" | "vh" | "vw" | "s" | "ms"
            ))
            || (t.starts_with('#') && t.len() <= 9)
            || matches!(
                t,
                "center"
                    | "left"
                    | "right"
                    | "none"
                    | "block"
                    | "inline"
                    | "inline-block"
                    | "bold"
                    | "italic"
                    | "hidden"
                    | "auto"
                    | "solid"
                    | "inherit"
                    | "absolute"
                    | "relative"
                    | "normal"
                    | "underline"
                    | "pointer"
                    | "transparent"
            )
    })
}

#[cfg(test)]
mod prefix_index_tests {
    use super::*;

    /// The rules `prefix_rules` offers and that match are exactly those of the full table that
    /// match, in the same order, for lines that start like every pattern and for others.
    #[test]
    fn indexed_prefix_rules_match_as_the_full_table() {
        let mut bodies: Vec<String> = vec![String::new(), " ".into(), "x".into(), "é".into()];
        for r in PREFIX_RULES {
            bodies.push(r.pat.to_string());
            bodies.push(format!("{} and more words here", r.pat));
            let cut: String = r.pat.chars().take(r.pat.chars().count() / 2).collect();
            bodies.push(cut);
            bodies.push(format!("x{}", r.pat));
        }
        let mut matched = 0;
        for body in &bodies {
            let key = |r: &Rule| (r.id, r.pat, r.max_words, r.zone);
            let all: Vec<_> = PREFIX_RULES
                .iter()
                .filter(|r| body.starts_with(r.pat))
                .map(key)
                .collect();
            let indexed: Vec<_> = prefix_rules(body)
                .filter(|r| body.starts_with(r.pat))
                .map(key)
                .collect();
            assert_eq!(all, indexed, "{body:?}");
            matched += all.len();
        }
        assert!(matched >= 2 * PREFIX_RULES.len());
        // The index offers few rules per line.
        assert!(prefix_rules("read more: the story").count() < PREFIX_RULES.len() / 4);
    }
}

#[cfg(test)]
mod handle_tests {
    /// Lines of handles, links and contacts are still found now that lines without `@`,
    /// `#`, `http` or `www.` skip the search; lines without them are kept.
    #[test]
    fn handles_links_and_contacts() {
        let rules = super::chrome_tests::rules;
        assert_eq!(rules("https://example.com/a/b"), ["other.bare_url"]);
        assert_eq!(rules("@jdoe @asmith #budget"), ["share.handles"]);
        assert_eq!(
            rules("Email tips to jane.doe@example.com today"),
            ["share.contact"]
        );
        assert!(rules("The mayor said the vote was close and fair.").is_empty());
        assert!(rules("Follow the money, he said, in 2016").is_empty());
    }
}

#[cfg(test)]
mod chrome_tests {
    /// The rules that remove `line` set between two paragraphs of a story.
    pub(super) fn rules(line: &str) -> Vec<&'static str> {
        let story = "The council voted on Tuesday to approve the new budget for the city.";
        let text = format!("{story}\n\n{line}\n\n{story}");
        crate::clean::clean(&text)
            .removed
            .iter()
            .map(|r| r.rule)
            .collect()
    }

    #[test]
    fn breadcrumbs_are_site_sections_only() {
        assert_eq!(rules("World | Europe"), ["navigation.breadcrumb"]);
        assert_eq!(
            rules("Home › Business › Markets"),
            ["navigation.breadcrumb"]
        );
        // A sentence, a ratio and a headline with a bar are no breadcrumbs.
        assert!(rules("Turnout was 52 / 48 in the north.").is_empty());
        assert!(rules("Budget vote | Council approves new plan for city parks").is_empty());
        assert!(rules("Ana Ruiz/Kessenburg")
            .iter()
            .all(|r| *r != "navigation.breadcrumb"));
    }

    #[test]
    fn gallery_counters_and_a_lone_agency_after_a_short_caption() {
        assert_eq!(rules("Image 1 of 4"), ["media.slide_counter"]);
        assert_eq!(rules("Photo 12 of 30"), ["media.slide_counter"]);
        assert_eq!(
            rules("Lawyers for the city leave the courthouse on Monday. (Getty Images)"),
            ["caption.with_credit", "credit.parenthetical"]
        );
        // A paragraph of the story, and a warning in brackets, stay.
        assert!(rules(
            "A judge on Monday ordered the city to publish the contracts behind its harbour \
             plan, handing a victory to residents who had sued two years ago. (AP)"
        )
        .is_empty());
        assert!(rules(
            "He was shot after he approached the car. (WARNING: Video contains graphic images.)"
        )
        .is_empty());
    }

    #[test]
    fn sign_up_fine_print_but_not_a_sentence_opening_alike() {
        assert_eq!(
            rules("By signing up, you agree to our Terms of Use and Privacy Policy."),
            ["share.newsletter_terms"]
        );
        assert!(rules("By signing up 3,000 new voters, the campaign doubled its list.").is_empty());
    }
}
