//! The Wikipedia NER check set's texts (`tests/wiki-ner/`): reading a MediaWiki XML dump,
//! turning an article's lead section (the wikitext before its first `==` heading) into plain
//! text, and picking the articles of the four sets (dev, held-out, dev2, dev3).
//!
//! Pure code over `std`, deterministic, shared by `cargo xtask fetch-wiki` (which writes the
//! texts) and by `tests/wiki_ner.rs` (which includes this file with `#[path]` and checks that
//! the texts on disk are exactly what this code makes of the dump).
//!
//! The converter is small and knows only what the leads need: templates `{{…}}` are dropped
//! (nested, over several lines) except `{{convert|N|unit…}}` ("N unit"), `{{lang|xx|text}}`
//! and `{{nowrap|text}}` (the text); tables `{| … |}`, `<ref>`s, comments, `<math>`,
//! `<gallery>`, file/image/category and interlanguage links are dropped; `[[a|b]]` becomes
//! `b`, `[[a]]s` `as`, `[url text]` `text`; bold/italic quotes and other HTML tags go (their
//! content stays); HTML entities are decoded; each paragraph becomes one line, paragraphs are
//! separated by one blank line, and the brackets a dropped template leaves empty are tidied.

/// One page of the dump.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    pub title: String,
    pub ns: String,
    pub redirect: bool,
    /// The wikitext, XML-unescaped.
    pub text: String,
}

/// The `<page>`s of a MediaWiki XML export, in dump order.
pub fn pages(xml: &str) -> Vec<Page> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(at) = rest.find("<page>") {
        let body = &rest[at + 6..];
        let end = body.find("</page>").unwrap_or(body.len());
        let page = &body[..end];
        rest = &body[end..];
        let title = element(page, "title").map(xml_unescape).unwrap_or_default();
        let ns = element(page, "ns").unwrap_or_default().trim().to_string();
        let redirect = page.contains("<redirect");
        let text = element(page, "text").map(xml_unescape).unwrap_or_default();
        out.push(Page {
            title,
            ns,
            redirect,
            text,
        });
    }
    out
}

/// The content of the first `<name …>…</name>` of `xml` (`None` when absent or empty, `<name/>`).
fn element<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}");
    let mut from = 0;
    while let Some(at) = xml[from..].find(&open) {
        let start = from + at;
        let after = &xml[start + open.len()..];
        // `<title>` must not match `<titles>`.
        if after.starts_with('>') || after.starts_with(' ') || after.starts_with('/') {
            let gt = after.find('>')?;
            if after[..gt].ends_with('/') {
                return None;
            }
            let content = &after[gt + 1..];
            let close = format!("</{name}>");
            let end = content.find(&close).unwrap_or(content.len());
            return Some(&content[..end]);
        }
        from = start + open.len();
    }
    None
}

/// XML's five entities and numeric references, in one pass (`&amp;nbsp;` becomes `&nbsp;`).
pub fn xml_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let semi = entity_end(rest);
        let decoded = semi.and_then(|semi| {
            let name = &rest[1..semi];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => numeric(name),
            };
            c.map(|c| (c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The index of the `;` closing the entity that starts at `s[0] == '&'` (within 12 bytes).
fn entity_end(s: &str) -> Option<usize> {
    s.bytes().take(12).position(|b| b == b';')
}

/// `#123` or `#x1F` (the name of a numeric character reference, without `&` and `;`).
fn numeric(name: &str) -> Option<char> {
    let n = name.strip_prefix('#')?;
    let v = match n.strip_prefix(['x', 'X']) {
        Some(h) => u32::from_str_radix(h, 16).ok()?,
        None => n.parse().ok()?,
    };
    char::from_u32(v).filter(|c| *c != '\0')
}

/// HTML's named entities the leads use, and numeric references; unknown ones stay as written.
fn html_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "nbsp" | "ensp" | "emsp" | "thinsp" => " ",
        "ndash" => "–",
        "mdash" => "—",
        "minus" => "−",
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "times" => "×",
        "hellip" => "…",
        "deg" => "°",
        "prime" => "′",
        "Prime" => "″",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "frac12" => "½",
        "middot" => "·",
        "shy" | "zwj" | "zwnj" => "",
        _ => return None,
    })
}

/// The plain text of an article's lead section: paragraphs separated by one blank line, a
/// final newline (empty when the lead has no text).
pub fn lead_text(wikitext: &str) -> String {
    let no_comments = strip_comments(wikitext);
    let mut out = String::new();
    render(&no_comments, true, &mut out);
    tidy(&out)
}

/// Sections whose text is mostly citations and link lists: an article's text stops at the
/// first of them.
const END_SECTIONS: &[&str] = &[
    "see also",
    "notes",
    "references",
    "footnotes",
    "citations",
    "sources",
    "bibliography",
    "further reading",
    "external links",
    "works cited",
    "selected works",
    "works",
    "publications",
];

/// The plain text of a whole article, rendered as [`lead_text`] renders its lead, each section
/// heading a paragraph of its own, up to the first section of [`END_SECTIONS`] and cut at a
/// paragraph boundary once it reaches `max_bytes` (the paragraph that crosses it is kept).
pub fn article_text(wikitext: &str, max_bytes: usize) -> String {
    let no_comments = strip_comments(wikitext);
    let mut out = String::new();
    let mut section = String::new();
    // Renders the section gathered so far into `out`; false once `out` is long enough.
    let flush = |section: &mut String, out: &mut String| -> bool {
        let mut part = String::new();
        render(section, false, &mut part);
        section.clear();
        for p in tidy(&part).split("\n\n") {
            if p.trim().is_empty() {
                continue;
            }
            if out.len() >= max_bytes {
                return false;
            }
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(p.trim_end_matches('\n'));
            out.push('\n');
        }
        true
    };
    for line in no_comments.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with("==") && t.ends_with("==") && t.len() > 4 {
            if !flush(&mut section, &mut out) {
                return out;
            }
            let title = t.trim_matches('=').trim();
            if END_SECTIONS.contains(&title.to_lowercase().as_str()) {
                return out;
            }
            section.push_str(title);
            section.push_str("\n\n");
        } else {
            section.push_str(line);
        }
    }
    flush(&mut section, &mut out);
    out
}

fn strip_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("<!--") {
        out.push_str(&rest[..at]);
        match rest[at..].find("-->") {
            Some(end) => rest = &rest[at + end + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// Does `s` start with `prefix`, ignoring ASCII case?
fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// Finds `needle` in `s` ignoring ASCII case.
fn find_ci(s: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    (0..s.len().saturating_sub(n - 1))
        .find(|&i| s.is_char_boundary(i) && starts_with_ci(&s[i..], needle))
}

/// The length of the balanced `open … close` group at the start of `s` (nested groups of the
/// same kind inside), or the whole of `s` when it is not closed.
fn balanced(s: &str, open: &str, close: &str) -> usize {
    let mut depth = 0usize;
    let mut i = 0;
    while i < s.len() {
        if s[i..].starts_with(open) {
            depth += 1;
            i += open.len();
        } else if s[i..].starts_with(close) {
            depth -= 1;
            i += close.len();
            if depth == 0 {
                return i;
            }
        } else {
            i += s[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    s.len()
}

/// Splits the inside of a template or link at the `|`s that are not inside a nested `{{…}}`
/// or `[[…]]`.
fn split_args(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut braces, mut brackets) = (0i32, 0i32);
    let mut start = 0;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"{{") {
            braces += 1;
            i += 2;
        } else if b[i..].starts_with(b"}}") {
            braces -= 1;
            i += 2;
        } else if b[i..].starts_with(b"[[") {
            brackets += 1;
            i += 2;
        } else if b[i..].starts_with(b"]]") {
            brackets -= 1;
            i += 2;
        } else {
            if b[i] == b'|' && braces <= 0 && brackets <= 0 {
                out.push(&s[start..i]);
                start = i + 1;
            }
            i += 1;
        }
    }
    out.push(&s[start..]);
    out
}

/// Tags whose whole element (content included) is dropped.
const DROPPED_ELEMENTS: [&str; 7] = [
    "ref",
    "math",
    "gallery",
    "timeline",
    "score",
    "syntaxhighlight",
    "imagemap",
];

/// Renders wikitext into `out`. With `lead`, stops at the first heading line (`==` at the start
/// of a line).
fn render(s: &str, lead: bool, out: &mut String) {
    let mut i = 0;
    // Inside a list item (which ends with its line).
    let mut item = false;
    while i < s.len() {
        let rest = &s[i..];
        let line_start = i == 0 || s.as_bytes()[i - 1] == b'\n';
        if line_start {
            if lead && rest.starts_with("==") {
                return;
            }
            let trimmed = rest.trim_start_matches([' ', '\t']);
            if trimmed.starts_with("{|") {
                i += skip_table(rest);
                continue;
            }
            if trimmed.starts_with("----") {
                i += rest.find('\n').unwrap_or(rest.len());
                continue;
            }
            // List and indent markers.
            // List items and indented lines are paragraphs of their own.
            let marks = rest.len() - rest.trim_start_matches(['*', '#', ':', ';']).len();
            if marks > 0 {
                out.push_str("\n\n");
                item = true;
                i += marks;
                continue;
            }
        }
        if rest.starts_with("{{") {
            let len = balanced(rest, "{{", "}}");
            let inner = rest[2..len].strip_suffix("}}").unwrap_or(&rest[2..len]);
            template(inner, out);
            i += len;
        } else if rest.starts_with("[[") {
            let len = balanced(rest, "[[", "]]");
            let inner = rest[2..len].strip_suffix("]]").unwrap_or(&rest[2..len]);
            i += len;
            if link(inner, out) {
                // The link trail: `[[a]]s` is `as`.
                let trail = s[i..]
                    .find(|c: char| !c.is_ascii_lowercase())
                    .unwrap_or(s.len() - i);
                out.push_str(&s[i..i + trail]);
                i += trail;
            }
        } else if rest.starts_with('[')
            && (starts_with_ci(&rest[1..], "http://")
                || starts_with_ci(&rest[1..], "https://")
                || rest[1..].starts_with("//"))
        {
            let end = rest.find([']', '\n']).unwrap_or(rest.len());
            let inside = &rest[1..end];
            if let Some(sp) = inside.find(' ') {
                render(&inside[sp + 1..], false, out);
            }
            i += (end + 1).min(rest.len());
        } else if rest.starts_with("''") {
            i += rest.len() - rest.trim_start_matches('\'').len();
        } else if rest.starts_with('<') {
            i += tag(rest, out);
        } else if rest.starts_with('&') {
            let semi = entity_end(rest);
            let decoded = semi.and_then(|semi| {
                let name = &rest[1..semi];
                let text: Option<String> = html_entity(name)
                    .map(str::to_string)
                    .or_else(|| numeric(name).map(|c| c.to_string()));
                text.map(|t| (t, semi + 1))
            });
            match decoded {
                Some((t, len)) => {
                    out.push_str(&t);
                    i += len;
                }
                None => {
                    out.push('&');
                    i += 1;
                }
            }
        } else if rest.starts_with("__") && magic_word(rest) > 0 {
            i += magic_word(rest);
        } else {
            let c = rest.chars().next().unwrap();
            if c == '\n' && item {
                out.push('\n');
                item = false;
            }
            out.push(c);
            i += c.len_utf8();
        }
    }
}

/// `__NOTOC__` and the like: the length of the magic word at the start of `s`, or 0.
fn magic_word(s: &str) -> usize {
    let body = &s[2..];
    let n = body.len()
        - body
            .trim_start_matches(|c: char| c.is_ascii_uppercase())
            .len();
    if n > 0 && body[n..].starts_with("__") {
        n + 4
    } else {
        0
    }
}

/// The length of the table starting at `s` (a line beginning with `{|`), nested tables
/// included: up to the end of the line of its closing `|}`.
fn skip_table(s: &str) -> usize {
    let mut depth = 0usize;
    let mut at = 0;
    for line in s.split_inclusive('\n') {
        let t = line.trim_start_matches([' ', '\t']);
        if t.starts_with("{|") {
            depth += 1;
        } else if t.starts_with("|}") {
            depth -= 1;
            if depth == 0 {
                return at + line.len();
            }
        }
        at += line.len();
    }
    s.len()
}

/// Renders the inside of `{{…}}`: most templates are dropped.
fn template(inner: &str, out: &mut String) {
    let args = split_args(inner);
    let name = args[0].trim().to_ascii_lowercase().replace('_', " ");
    let positional: Vec<&str> = args[1..]
        .iter()
        .copied()
        .filter(|a| !a.contains('='))
        .collect();
    match name.as_str() {
        "convert" | "cvt" if !positional.is_empty() => {
            out.push_str(&thousands(positional[0].trim()));
            if let Some(unit) = positional.get(1) {
                out.push(' ');
                out.push_str(&unit_name(unit.trim()));
            }
        }
        "lang" if positional.len() >= 2 => render(positional[1], false, out),
        "as of" if !positional.is_empty() => {
            out.push_str("As of ");
            out.push_str(&date(&positional));
        }
        "oldstyledate" if positional.len() >= 2 => {
            render(positional[0].trim(), false, out);
            out.push_str(", ");
            out.push_str(positional[1].trim());
        }
        _ if name.starts_with("lang-") && !positional.is_empty() => {
            if let Some(language) = language_name(&name[5..]) {
                out.push_str(language);
                out.push_str(": ");
            }
            render(positional[0], false, out);
        }
        "nowrap" | "nobr" | "nowr" if !positional.is_empty() => render(positional[0], false, out),
        _ => {}
    }
}

/// A `{{convert}}` number as the site shows it: integers of four digits or more grouped by
/// commas (`1300` is `1,300`).
fn thousands(n: &str) -> String {
    if n.len() < 4 || !n.bytes().all(|b| b.is_ascii_digit()) {
        return n.to_string();
    }
    // All ASCII digits: byte slices are char slices.
    let first = match n.len() % 3 {
        0 => 3,
        r => r,
    };
    let mut out = n[..first].to_string();
    let mut at = first;
    while at < n.len() {
        out.push(',');
        out.push_str(&n[at..at + 3]);
        at += 3;
    }
    out
}

/// The months' English names, January first (also read by the cleaning evaluation).
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `{{as of|2015|6|30}}`'s date: `30 June 2015` (`June 2015`, `2015` with fewer parts).
fn date(parts: &[&str]) -> String {
    let year = parts[0].trim();
    let month = parts
        .get(1)
        .and_then(|m| m.trim().parse::<usize>().ok())
        .filter(|m| (1..=12).contains(m))
        .map(|m| MONTHS[m - 1]);
    let day = parts.get(2).and_then(|d| d.trim().parse::<u32>().ok());
    match (day, month) {
        (Some(d), Some(m)) => format!("{d} {m} {year}"),
        (None, Some(m)) => format!("{m} {year}"),
        _ => year.to_string(),
    }
}

/// The language a `{{lang-xx|…}}` template names before its text.
fn language_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "ar" => "Arabic",
        "de" => "German",
        "el" => "Greek",
        "es" => "Spanish",
        "fr" => "French",
        "grc" => "Ancient Greek",
        "he" => "Hebrew",
        "it" => "Italian",
        "la" => "Latin",
        "nl" => "Dutch",
        "pt" => "Portuguese",
        "ru" => "Russian",
        "zh" => "Chinese",
        _ => return None,
    })
}

/// The unit of a `{{convert}}` as the site spells it after a number.
fn unit_name(u: &str) -> String {
    match u {
        "mi" => "miles",
        "km" => "kilometres",
        "m" => "metres",
        "ft" => "feet",
        "in" => "inches",
        "cm" => "centimetres",
        "mm" => "millimetres",
        "kg" => "kilograms",
        "lb" => "pounds",
        "sqmi" => "square miles",
        "km2" => "square kilometres",
        "acre" => "acres",
        "ha" => "hectares",
        "C" => "°C",
        "F" => "°F",
        other => return other.to_string(),
    }
    .to_string()
}

/// Renders the inside of `[[…]]`; false when the link is dropped (files, categories,
/// interlanguage links).
fn link(inner: &str, out: &mut String) -> bool {
    let args = split_args(inner);
    let target = args[0].trim();
    let lower = target.to_ascii_lowercase();
    for ns in ["file:", "image:", "category:", "media:"] {
        if lower.starts_with(ns) {
            return false;
        }
    }
    // Interlanguage links: `[[de:Anarchismus]]` (a leading `:` makes a visible link).
    if let Some(colon) = target.find(':') {
        let prefix = &target[..colon];
        let lang_like = (2..=12).contains(&prefix.len())
            && prefix.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
            && args.len() == 1;
        if lang_like {
            return false;
        }
    }
    let text = if args.len() > 1 {
        args[args.len() - 1]
    } else {
        target.trim_start_matches(':')
    };
    render(text, false, out);
    true
}

/// At `<` in `s`: drops `<ref…>…</ref>` (and the other [`DROPPED_ELEMENTS`]) whole,
/// `<ref … />` and any other tag alone (keeping what it encloses); `<br>` becomes a space.
/// A `<` that opens no tag is kept. Returns the bytes consumed.
fn tag(s: &str, out: &mut String) -> usize {
    let body = &s[1..];
    let closing = body.starts_with('/');
    let name_part = body.trim_start_matches('/');
    let name_len = name_part.len()
        - name_part
            .trim_start_matches(|c: char| c.is_ascii_alphanumeric())
            .len();
    let starts_like_tag = name_len > 0
        && name_part.as_bytes()[0].is_ascii_alphabetic()
        && name_part[name_len..].starts_with([' ', '>', '/', '\n', '\t']);
    let gt = s.find('>');
    let (true, Some(gt)) = (starts_like_tag, gt) else {
        out.push('<');
        return 1;
    };
    let name = name_part[..name_len].to_ascii_lowercase();
    let self_closing = s[..gt].ends_with('/');
    if !closing && !self_closing && DROPPED_ELEMENTS.contains(&name.as_str()) {
        let close = format!("</{name}");
        return match find_ci(&s[gt..], &close) {
            Some(at) => {
                let after = gt + at;
                after + s[after..].find('>').map_or(s.len() - after, |g| g + 1)
            }
            None => s.len(),
        };
    }
    if name == "br" {
        out.push(' ');
    }
    gt + 1
}

/// Tidies the rendered text: one paragraph a line (MediaWiki joins the lines of a paragraph),
/// runs of spaces collapsed, no space before `,.;:)` or after `(`, the brackets emptied by
/// dropped templates (`()`, `(; …`) mended, paragraphs separated by one blank line.
fn tidy(s: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in s.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&words.join(" "));
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    let mut out = String::new();
    for p in paragraphs {
        let p = mend(&p);
        if p.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&p);
        out.push('\n');
    }
    out
}

/// One paragraph's punctuation after dropped pieces, repeated until nothing changes.
fn mend(p: &str) -> String {
    let mut s = p.to_string();
    loop {
        let before = s.clone();
        for (from, to) in [
            ("( ", "("),
            (" )", ")"),
            ("(;", "("),
            ("(,", "("),
            ("()", ""),
            (" ,", ","),
            (" .", "."),
            (" ;", ";"),
            (" :", ":"),
            (",,", ","),
            ("  ", " "),
        ] {
            s = s.replace(from, to);
        }
        if s == before {
            return s.trim().to_string();
        }
    }
}

/// The file name stem of an article: lower-case, every run of non-alphanumerics one `-`.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// Leads shorter than this (in bytes) are not used.
pub const MIN_LEAD: usize = 300;
/// Each set holds at most this many articles.
pub const SET_SIZE: usize = 18;

/// The articles of one set: (slug, plain lead text), in dump order.
pub type Articles = Vec<(String, String)>;

/// The four sets picked from the dump.
pub struct Sets {
    /// Indices 0, 4, 8, … (`tests/wiki-ner/`).
    pub dev: Articles,
    /// Indices 2, 6, 10, … (`tests/wiki-ner/heldout/`).
    pub heldout: Articles,
    /// Indices 1, 5, 9, … (`tests/wiki-ner/dev2/`), the second dev set, annotated blind.
    pub dev2: Articles,
    /// Indices 3, 7, 11, … (`tests/wiki-ner/dev3/`), the third dev set, annotated blind.
    pub dev3: Articles,
}

impl Sets {
    /// The sets with their names as `target/wiki/text/SETS` spells them, in that file's order.
    pub fn named(&self) -> [(&'static str, &Articles); 4] {
        [
            ("dev", &self.dev),
            ("heldout", &self.heldout),
            ("dev2", &self.dev2),
            ("dev3", &self.dev3),
        ]
    }
}

/// The pages that are articles (namespace 0), not redirects, not lists or disambiguation
/// pages, with a lead of at least [`MIN_LEAD`] bytes, in dump order, each with its lead.
fn eligible(pages: &[Page]) -> Vec<(&Page, String)> {
    pages
        .iter()
        .filter(|p| p.ns == "0" && !p.redirect)
        .filter(|p| !p.title.starts_with("List of") && !p.title.ends_with("(disambiguation)"))
        .map(|p| (p, lead_text(&p.text)))
        .filter(|(_, lead)| lead.len() >= MIN_LEAD)
        .collect()
}

/// The articles of the four sets, in dump order: the dev set (indices 0, 4, 8, …), the
/// held-out set (2, 6, 10, …), the second dev set (1, 5, 9, …) and the third dev set
/// (3, 7, 11, …), at most [`SET_SIZE`] each, among
/// the pages that are articles (namespace 0), not redirects, not lists or disambiguation
/// pages, with a lead of at least [`MIN_LEAD`] bytes.
pub fn select(pages: &[Page]) -> Sets {
    let articles: Articles = eligible(pages)
        .into_iter()
        .map(|(p, lead)| (slug(&p.title), lead))
        .collect();
    let pick = |first: usize| -> Articles {
        articles
            .iter()
            .skip(first)
            .step_by(4)
            .take(SET_SIZE)
            .cloned()
            .collect()
    };
    Sets {
        dev: pick(0),
        heldout: pick(2),
        dev2: pick(1),
        dev3: pick(3),
    }
}

/// How many articles the four sets take from the front of the list (four sets of
/// [`SET_SIZE`], interleaved).
pub const USED: usize = 4 * SET_SIZE;
/// Each training text is cut at a paragraph boundary after this many bytes; an article gives
/// [`TRAIN_PARTS`] texts, each going on where the one before it stopped.
pub const TRAIN_BYTES: usize = 12_000;
/// Training texts per article at most (`<slug>.txt`, `<slug>-2.txt`, …).
pub const TRAIN_PARTS: usize = 2;

/// The training texts: from the eligible articles after the [`USED`] ones that the sets take,
/// without those whose title shares a word of four or more letters with the title of an
/// article of a set ("Economy of Angola" beside the dev set's "Politics of Angola"), so that no
/// set is about the same subject as a training text. Each article's whole text (see
/// [`article_text`]) is cut into parts of about [`TRAIN_BYTES`] at paragraph boundaries, at
/// most [`TRAIN_PARTS`]: `(slug, part)`, `(slug-2, part 2)`, ….
pub fn train_articles(pages: &[Page]) -> Articles {
    let eligible: Vec<&Page> = eligible(pages).into_iter().map(|(p, _)| p).collect();
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4)
            .map(str::to_lowercase)
            .collect()
    };
    let used: Vec<String> = eligible
        .iter()
        .take(USED)
        .flat_map(|p| words(&p.title))
        .collect();
    let mut out = Vec::new();
    for p in eligible.iter().skip(USED) {
        if words(&p.title).iter().any(|w| used.contains(w)) {
            continue;
        }
        let slug = slug(&p.title);
        let mut done = 0;
        for k in 1..=TRAIN_PARTS {
            let upto = article_text(&p.text, k * TRAIN_BYTES);
            // `article_text` with a larger limit goes on from where a smaller one stopped.
            let part = upto.get(done..).unwrap_or("").trim_start_matches('\n');
            if part.is_empty() {
                break;
            }
            let name = if k == 1 {
                slug.clone()
            } else {
                format!("{slug}-{k}")
            };
            out.push((name, part.to_string()));
            done = upto.len();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_their_text() {
        assert_eq!(
            lead_text("'''Paris''' is the [[capital city|capital]] of [[France]].\n"),
            "Paris is the capital of France.\n"
        );
        assert_eq!(
            lead_text("Some [[mammal]]s and [[dog]]'s bones."),
            "Some mammals and dog's bones.\n"
        );
        assert_eq!(
            lead_text("See [http://example.org the site] and [http://example.org]."),
            "See the site and.\n"
        );
    }

    #[test]
    fn templates_tables_refs_and_files_are_dropped() {
        let w = "{{Infobox country\n| name = [[Foo]]\n| pop = {{nowrap|12}}\n}}\n\
                 {| class=\"wikitable\"\n|-\n| a\n {| \n| nested\n|}\n|}\n\
                 [[File:Map.png|thumb|A map of [[Foo]] in [[Bar|the bar]].]]\n\
                 '''Foo'''<ref name=\"a\">{{cite web|title=X}}</ref> is a place.<ref name=b/> \
                 It has [[Category:Places]]<!-- hidden --> cats.\n\n[[de:Foo]]";
        assert_eq!(lead_text(w), "Foo is a place. It has cats.\n");
    }

    #[test]
    fn an_article_keeps_its_sections_until_the_references() {
        let w = "Lead [[text]].\n== History ==\nOld {{cite|x}}times.\n=== Early ===\nMore.\n\
                 == See also ==\n* [[Other]]\n== External links ==\n* x";
        assert_eq!(
            article_text(w, 10_000),
            "Lead text.\n\nHistory\n\nOld times.\n\nEarly\n\nMore.\n"
        );
        // Cut at a paragraph boundary once the limit is reached.
        assert_eq!(article_text(w, 5), "Lead text.\n");
    }

    #[test]
    fn a_longer_cut_goes_on_where_a_shorter_one_stopped() {
        let w = "One.\n\nTwo two.\n== A ==\nThree.\n\nFour.\n== B ==\nFive.";
        let whole = article_text(w, 10_000);
        for limit in 1..whole.len() {
            let short = article_text(w, limit);
            assert!(whole.starts_with(&short), "{limit}: {short:?}");
            assert!(short.ends_with('\n'));
        }
    }

    #[test]
    fn only_the_lead_is_kept_and_paragraphs_are_separated() {
        let w = "First line\nsame paragraph.\n\n\n\nSecond  paragraph.\n== History ==\nLater.";
        assert_eq!(
            lead_text(w),
            "First line same paragraph.\n\nSecond paragraph.\n"
        );
    }

    #[test]
    fn entities_and_tags() {
        assert_eq!(
            lead_text("A&nbsp;B &ndash; C&mdash;D &amp; E &#233; &#x41; <small>small</small> x<br />y &bogus;"),
            "A B – C—D & E é A small x y &bogus;\n"
        );
        assert_eq!(lead_text("<math>x^2</math>2 < 3"), "2 < 3\n");
    }

    #[test]
    fn empty_brackets_left_by_templates_are_mended() {
        assert_eq!(
            lead_text("'''Alabama''' ({{IPAc-en|æ|l}}) is a state. At {{convert|1300|mi|km}}, it is long."),
            "Alabama is a state. At 1,300 miles, it is long.\n"
        );
        assert_eq!(
            lead_text("'''Lincoln''' ({{IPAc-en|x}}; February 12, 1809 – 1865) was."),
            "Lincoln (February 12, 1809 – 1865) was.\n"
        );
        assert_eq!(
            lead_text("in {{lang|fr|''Le Monde''}} today"),
            "in Le Monde today\n"
        );
    }

    #[test]
    fn the_few_templates_with_text() {
        assert_eq!(
            lead_text("{{as of|2015|6|30}} when it was, {{convert|142000|km2|sqmi}} and {{convert|47.5|lb|kg}}."),
            "As of 30 June 2015 when it was, 142,000 square kilometres and 47.5 pounds.\n"
        );
        assert_eq!(
            lead_text("born X, {{lang-ru|Али́са}}; {{OldStyleDate|February 2|1905|January 20}}&nbsp;– 1982"),
            "born X, Russian: Али́са; February 2, 1905 – 1982\n"
        );
    }

    #[test]
    fn list_items_are_paragraphs() {
        assert_eq!(
            lead_text("The form:\n\n# If ''P'', then ''Q''.\n# ''Q''.\n* Therefore.\nAfter."),
            "The form:\n\nIf P, then Q.\n\nQ.\n\nTherefore.\n\nAfter.\n"
        );
    }

    #[test]
    fn unclosed_markup_does_not_panic() {
        for w in [
            "{{a|b",
            "[[a|b",
            "<ref>x",
            "<!-- x",
            "{|\n| a",
            "[http://x",
            "a <",
            "&#99999999;",
            "''",
        ] {
            let _ = lead_text(w);
        }
        assert_eq!(lead_text("{{a|b"), "");
    }

    #[test]
    fn pages_are_parsed_and_unescaped() {
        let xml = "<mediawiki><page>\n<title>A &amp; B</title>\n<ns>0</ns>\n\
                   <revision><text xml:space=\"preserve\">'''A''' &amp;nbsp;x &lt;ref&gt;r&lt;/ref&gt;</text></revision>\n\
                   </page><page><title>C</title><ns>0</ns><redirect title=\"D\" />\
                   <revision><text xml:space=\"preserve\" /></revision></page></mediawiki>";
        let p = pages(xml);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].title, "A & B");
        assert!(!p[0].redirect && p[1].redirect);
        assert_eq!(p[0].text, "'''A''' &nbsp;x <ref>r</ref>");
        assert_eq!(lead_text(&p[0].text), "A x\n");
        assert_eq!(p[1].text, "");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands("1300"), "1,300");
        assert_eq!(thousands("142000"), "142,000");
        assert_eq!(thousands("1234567"), "1,234,567");
        assert_eq!(thousands("525"), "525");
        assert_eq!(thousands("47.5"), "47.5");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Animalia (book)"), "animalia-book");
        assert_eq!(slug("Apollo 11"), "apollo-11");
        assert_eq!(slug("A"), "a");
    }

    #[test]
    fn selection_follows_the_rule() {
        let long = "x ".repeat(200);
        let page = |title: &str, redirect: bool, text: &str| Page {
            title: title.into(),
            ns: "0".into(),
            redirect,
            text: text.into(),
        };
        let mut ps = vec![
            page("R", true, &long),
            page("List of things", false, &long),
            page("Foo (disambiguation)", false, &long),
            page("Short", false, "too short"),
        ];
        for i in 0..100 {
            ps.push(page(&format!("Art {i}"), false, &long));
        }
        let sets = select(&ps);
        let (dev, held, dev2, dev3) = (&sets.dev, &sets.heldout, &sets.dev2, &sets.dev3);
        assert_eq!(dev.len(), SET_SIZE);
        assert_eq!(held.len(), SET_SIZE);
        assert_eq!(dev2.len(), SET_SIZE);
        assert_eq!(dev3.len(), SET_SIZE);
        assert_eq!(dev[0].0, "art-0");
        assert_eq!(dev[1].0, "art-4");
        assert_eq!(held[0].0, "art-2");
        assert_eq!(held[17].0, "art-70");
        assert_eq!(dev2[0].0, "art-1");
        assert_eq!(dev2[1].0, "art-5");
        assert_eq!(dev2[17].0, "art-69");
        assert_eq!(dev3[0].0, "art-3");
        assert_eq!(dev3[1].0, "art-7");
        assert_eq!(dev3[17].0, "art-71");
        // The sets share no article.
        let all: Vec<&String> = sets
            .named()
            .iter()
            .flat_map(|(_, a)| a.iter().map(|(s, _)| s))
            .collect();
        for (i, slug) in all.iter().enumerate() {
            assert!(!all[i + 1..].contains(slug), "{slug} twice");
        }
        let names: Vec<&str> = sets.named().iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["dev", "heldout", "dev2", "dev3"]);
    }

    #[test]
    fn a_short_dump_gives_shorter_sets() {
        let long = "x ".repeat(200);
        let ps: Vec<Page> = (0..50)
            .map(|i| Page {
                title: format!("Art {i}"),
                ns: "0".into(),
                redirect: false,
                text: long.clone(),
            })
            .collect();
        let sets = select(&ps);
        // 50 articles: indices 3, 7, …, 47 are 12 articles, all of them taken.
        assert_eq!(sets.dev3.len(), 12);
        assert_eq!(sets.dev3[11].0, "art-47");
        assert_eq!(sets.dev.len(), 13);
    }
}
