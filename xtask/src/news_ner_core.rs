//! The hand-annotated modern-news NER check set (`tests/news-ner/`): reading the annotation
//! files, checking them against their texts, and scoring predicted mentions against them.
//!
//! Pure code over `std` and `newsmark::Label`, shared by `cargo xtask eval ner-news` and by
//! `tests/news_ner.rs` (which includes this file with `#[path]`).
//!
//! An annotation file `<name>.ann` belongs to the text `<name>.txt` and holds no text, only:
//!
//! ```text
//! # sha256 <64 hex digits of the SHA-256 of the raw text file>
//! <start>\t<end>\t<PER|ORG|LOC|MISC>
//! ```
//!
//! one mention a line, UTF-8 byte offsets into the raw file, end-exclusive, in text order.

use newsmark::ner::score::prf;
use newsmark::Label;

/// A gold or predicted mention: a byte span of the raw text and its type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub label: Label,
}

/// One parsed annotation file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    /// Lower-case hex SHA-256 of the raw text the offsets index into.
    pub sha256: String,
    pub spans: Vec<Span>,
}

/// Parses an annotation file; the error names the line.
pub fn parse(ann: &str) -> Result<Annotation, String> {
    let mut lines = ann.lines().enumerate();
    let sha256 = match lines.next() {
        Some((_, l)) => l
            .strip_prefix("# sha256 ")
            .filter(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or("line 1: expected `# sha256 <64 hex digits>`")?
            .to_ascii_lowercase(),
        None => return Err("empty annotation file".into()),
    };
    let mut spans = Vec::new();
    for (i, line) in lines {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = || {
            format!(
                "line {}: expected `start<TAB>end<TAB>LABEL`: {line:?}",
                i + 1
            )
        };
        let mut cols = line.split('\t');
        let (Some(s), Some(e), Some(l), None) =
            (cols.next(), cols.next(), cols.next(), cols.next())
        else {
            return Err(bad());
        };
        let start = s.parse().map_err(|_| bad())?;
        let end = e.parse().map_err(|_| bad())?;
        let label = Label::parse(l).ok_or_else(bad)?;
        spans.push(Span { start, end, label });
    }
    Ok(Annotation { sha256, spans })
}

/// Everything wrong with `ann` as an annotation of `text` (empty when it is sound): the
/// checksum, offsets past the end or off char boundaries, empty or untrimmed spans, spans out
/// of order or overlapping.
pub fn problems(text: &str, ann: &Annotation) -> Vec<String> {
    let mut out = Vec::new();
    let actual = sha256_hex(text.as_bytes());
    if actual != ann.sha256 {
        out.push(format!(
            "checksum: the text has sha256 {actual}, the annotation was made on {}",
            ann.sha256
        ));
    }
    let mut prev_end = 0;
    for (i, s) in ann.spans.iter().enumerate() {
        let at = format!(
            "span {} ({}..{} {})",
            i + 1,
            s.start,
            s.end,
            s.label.as_str()
        );
        if s.start >= s.end || s.end > text.len() {
            out.push(format!(
                "{at}: empty or past the end ({} bytes)",
                text.len()
            ));
            continue;
        }
        if !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
            out.push(format!("{at}: not on char boundaries"));
            continue;
        }
        let t = &text[s.start..s.end];
        if t.trim() != t {
            out.push(format!("{at}: leading or trailing white space in {t:?}"));
        }
        if i > 0 && s.start < prev_end {
            out.push(format!("{at}: overlaps or precedes the span before it"));
        }
        prev_end = prev_end.max(s.end);
    }
    out
}

/// Parses the annotation file `ann_file` of `text` and checks it whole: offsets and labels
/// only ([`text_lines`]), the checksum and the spans ([`problems`]), no half words
/// ([`word_edge_problems`]). The error lists every problem found.
pub fn check(text: &str, ann_file: &str) -> Result<Annotation, Vec<String>> {
    let ann = parse(ann_file).map_err(|e| vec![e])?;
    let mut bad = text_lines(ann_file);
    bad.extend(problems(text, &ann));
    if bad.is_empty() {
        bad = word_edge_problems(text, &ann);
    }
    if bad.is_empty() {
        Ok(ann)
    } else {
        Err(bad)
    }
}

/// The lines of an annotation file past its header that are not `digits TAB digits TAB LABEL`
/// (a file that holds anything but offsets and labels, e.g. copied article text).
pub fn text_lines(ann_file: &str) -> Vec<String> {
    ann_file
        .lines()
        .skip(1)
        .filter(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            cols.len() != 3
                || !cols[..2]
                    .iter()
                    .all(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()))
        })
        .map(str::to_string)
        .collect()
}

/// The gold spans of `ann` that start or end inside a word of `text` (half words), one message
/// each. Expects spans that [`problems`] accepts (in range, on char boundaries).
pub fn word_edge_problems(text: &str, ann: &Annotation) -> Vec<String> {
    let mut out = Vec::new();
    for s in &ann.spans {
        let before = text[..s.start].chars().next_back();
        let after = text[s.end..].chars().next();
        let first = text[s.start..].chars().next();
        let last = text[..s.end].chars().next_back();
        let inside = |edge: Option<char>, next_to: Option<char>| {
            edge.is_some_and(char::is_alphanumeric) && next_to.is_some_and(char::is_alphanumeric)
        };
        if inside(first, before) {
            out.push(format!("{:?} starts inside a word", &text[s.start..s.end]));
        }
        if inside(last, after) {
            out.push(format!("{:?} ends inside a word", &text[s.start..s.end]));
        }
    }
    out
}

/// The four labels in report order.
pub const LABELS: [Label; 4] = [Label::Per, Label::Org, Label::Loc, Label::Misc];

fn label_index(l: Label) -> usize {
    match l {
        Label::Per => 0,
        Label::Org => 1,
        Label::Loc => 2,
        Label::Misc => 3,
    }
}

/// Exact-match counts, span-only counts and the type confusion of matched spans.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Score {
    /// Per label (in [`LABELS`] order): (correct, predicted, gold).
    pub per_label: [(usize, usize, usize); 4],
    /// Spans whose boundaries match a gold span, whatever the types.
    pub span_correct: usize,
    /// `confusion[gold][predicted]` over the spans whose boundaries match.
    pub confusion: [[usize; 4]; 4],
}

impl Score {
    /// Adds one document. Duplicated spans (same boundaries twice in one list) count once.
    pub fn add(&mut self, gold: &[Span], pred: &[Span]) {
        let mut gold = gold.to_vec();
        let mut pred = pred.to_vec();
        gold.sort();
        gold.dedup();
        pred.sort();
        pred.dedup();
        for g in &gold {
            self.per_label[label_index(g.label)].2 += 1;
        }
        for p in &pred {
            let row = &mut self.per_label[label_index(p.label)];
            row.1 += 1;
            if gold.binary_search(p).is_ok() {
                row.0 += 1;
            }
        }
        // Boundary matches: at most one gold span per (start, end) since gold spans do not
        // overlap; pair each with the first prediction of the same boundaries.
        let mut used = vec![false; pred.len()];
        for g in &gold {
            if let Some(j) = (0..pred.len())
                .find(|&j| !used[j] && pred[j].start == g.start && pred[j].end == g.end)
            {
                used[j] = true;
                self.span_correct += 1;
                self.confusion[label_index(g.label)][label_index(pred[j].label)] += 1;
            }
        }
    }

    /// Adds another score.
    pub fn merge(&mut self, other: &Score) {
        for (a, b) in self.per_label.iter_mut().zip(&other.per_label) {
            a.0 += b.0;
            a.1 += b.1;
            a.2 += b.2;
        }
        self.span_correct += other.span_correct;
        for (ra, rb) in self.confusion.iter_mut().zip(&other.confusion) {
            for (a, b) in ra.iter_mut().zip(rb) {
                *a += b;
            }
        }
    }

    /// (correct, predicted, gold) over all labels.
    pub fn totals(&self) -> (usize, usize, usize) {
        self.per_label
            .iter()
            .fold((0, 0, 0), |a, r| (a.0 + r.0, a.1 + r.1, a.2 + r.2))
    }

    /// Exact-match (precision, recall, F1) over all labels.
    pub fn overall(&self) -> (f64, f64, f64) {
        let (c, p, g) = self.totals();
        prf(c, p, g)
    }

    /// Exact-match (precision, recall, F1) of one label.
    pub fn label(&self, l: Label) -> (f64, f64, f64) {
        let (c, p, g) = self.per_label[label_index(l)];
        prf(c, p, g)
    }

    /// Type-blind (precision, recall, F1): boundaries only.
    pub fn span_only(&self) -> (f64, f64, f64) {
        let (_, p, g) = self.totals();
        prf(self.span_correct, p, g)
    }

    /// A conlleval-like report: overall and per type, span-only, and the confusion table.
    pub fn report(&self) -> String {
        let (c, np, ng) = self.totals();
        let (p, r, f) = self.overall();
        let mut s = format!(
            "gold: {ng} phrases; found: {np} phrases; correct: {c}.\n\
             exact match   precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}\n",
            100.0 * p,
            100.0 * r,
            100.0 * f
        );
        for l in LABELS {
            let (c, np, ng) = self.per_label[label_index(l)];
            let (p, r, f) = self.label(l);
            s.push_str(&format!(
                "{:>13} precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  (gold {ng}, found {np}, correct {c})\n",
                l.as_str(),
                100.0 * p,
                100.0 * r,
                100.0 * f
            ));
        }
        let (p, r, f) = self.span_only();
        s.push_str(&format!(
            "span only     precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  (type-blind: {} spans with exact boundaries)\n",
            100.0 * p,
            100.0 * r,
            100.0 * f,
            self.span_correct
        ));
        s.push_str(
            "confusion of the spans with exact boundaries (rows gold, columns predicted):\n",
        );
        s.push_str("  gold\\pred    PER    ORG    LOC   MISC\n");
        for g in LABELS {
            s.push_str(&format!("{:>10}", g.as_str()));
            for n in self.confusion[label_index(g)] {
                s.push_str(&format!(" {n:>6}"));
            }
            s.push('\n');
        }
        s
    }
}

/// SHA-256 (FIPS 180-4) of `data`, lower-case hex.
pub fn sha256_hex(data: &[u8]) -> String {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64).wrapping_mul(8)).to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    h.iter().map(|x| format!("{x:08x}")).collect()
}
