//! Character classes and the normalised, lower-case view of a line that rules match on.

/// Characters dropped without a trace: zero-width spaces and joiners, soft hyphens, the BOM,
/// word joiners and direction marks. They sit inside words, so removing them never splits
/// one.
pub fn is_invisible(c: char) -> bool {
    // The first listed char is U+00AD: ASCII text takes one comparison.
    c >= '\u{00AD}' && listed_invisible(c)
}

/// The chars [`is_invisible`] drops.
fn listed_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
    )
}

/// An HTML character reference at the start of `s` (`&amp;`, `&rsquo;`, `&#8217;`,
/// `&#x2019;`): the char it stands for and its length in bytes. Only references closed by `;`
/// within 12 bytes, named ones from a short list of punctuation and accented letters; the
/// numbers 128–159 are read as Windows-1252, as browsers do (`&#146;` is `’`). Scraped
/// feeds (WordPress RSS, APIs) carry them; a page's DOM text never does.
pub fn char_ref(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.first() != Some(&b'&') {
        return None;
    }
    let semi = b.iter().take(12).position(|&c| c == b';')?;
    let body = &s[1..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let v = match num.strip_prefix(['x', 'X']) {
            Some(hex) if (1..=6).contains(&hex.len()) => u32::from_str_radix(hex, 16).ok()?,
            None if (1..=7).contains(&num.len()) && num.bytes().all(|c| c.is_ascii_digit()) => {
                num.parse().ok()?
            }
            _ => return None,
        };
        let v = match v {
            0 => return None,
            0x80..=0x9F => windows_1252(v)?,
            v => v,
        };
        char::from_u32(v)?
    } else {
        named_ref(body)?
    };
    Some((c, semi + 1))
}

/// The chars Windows-1252 puts at 0x80–0x9F (those that are defined).
fn windows_1252(v: u32) -> Option<u32> {
    Some(match v {
        0x80 => 0x20AC,
        0x82 => 0x201A,
        0x84 => 0x201E,
        0x85 => 0x2026,
        0x8B => 0x2039,
        0x91 => 0x2018,
        0x92 => 0x2019,
        0x93 => 0x201C,
        0x94 => 0x201D,
        0x95 => 0x2022,
        0x96 => 0x2013,
        0x97 => 0x2014,
        0x99 => 0x2122,
        0x9B => 0x203A,
        _ => return None,
    })
}

fn named_ref(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{00A0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "shy" => '\u{00AD}',
        "zwj" => '\u{200D}',
        "zwnj" => '\u{200C}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "hellip" => '…',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "deg" => '°',
        "times" => '×',
        "aacute" => 'á',
        "agrave" => 'à',
        "acirc" => 'â',
        "auml" => 'ä',
        "atilde" => 'ã',
        "aring" => 'å',
        "ccedil" => 'ç',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "iacute" => 'í',
        "igrave" => 'ì',
        "icirc" => 'î',
        "iuml" => 'ï',
        "ntilde" => 'ñ',
        "oacute" => 'ó',
        "ograve" => 'ò',
        "ocirc" => 'ô',
        "ouml" => 'ö',
        "otilde" => 'õ',
        "oslash" => 'ø',
        "uacute" => 'ú',
        "ugrave" => 'ù',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "szlig" => 'ß',
        "Aacute" => 'Á',
        "Eacute" => 'É',
        "Iacute" => 'Í',
        "Oacute" => 'Ó',
        "Uacute" => 'Ú',
        "Ntilde" => 'Ñ',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "Auml" => 'Ä',
        "Ccedil" => 'Ç',
        _ => return None,
    })
}

/// White space inside a line (everything that becomes one ASCII space): spaces, tabs,
/// NBSP and the other Unicode spaces, and control characters (NUL and friends), which must
/// not glue the words around them.
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return c == ' ' || c == '\t' || (c.is_ascii_control() && c != '\n' && c != '\r');
    }
    listed_space(c)
}

/// [`is_space`] without its ASCII fast path.
fn listed_space(c: char) -> bool {
    match c {
        ' ' | '\t' => true,
        '\n' | '\r' => false,
        '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{2028}' | '\u{2029}' => true,
        '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{0085}' => true,
        c if c.is_control() => true,
        _ => false,
    }
}

/// A normalised view of part of a line, with the input offset of every byte.
#[derive(Debug, Default)]
pub struct View {
    /// Lower case, straight quotes, `—` for every dash, one space between words, no
    /// invisible characters, trimmed.
    pub s: String,
    /// `at[i]`: input byte offset of the char holding byte `i` of `s`; `at[s.len()]` is the
    /// input end of the last char.
    pub at: Vec<usize>,
    /// Words (runs separated by spaces).
    pub words: usize,
    /// The byte pairs of `s`, hashed into 1024 bits: a pattern with a pair missing here
    /// cannot occur in `s` (a cheap filter before the substring searches of the rules).
    pairs: [u64; 16],
}

/// The bit of a byte pair in [`View::pairs`].
#[inline]
fn pair_bit(a: u8, b: u8) -> usize {
    ((u32::from(a) << 8 | u32::from(b)).wrapping_mul(0x9E37_79B1) >> 22) as usize
}

fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{2010}' | '\u{2011}' => '-',
        '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => '—',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) => x,
                _ => c,
            }
        }
    }
}

impl View {
    /// The view of `input[start..end]` (char boundaries).
    pub fn new(input: &str, start: usize, end: usize) -> View {
        View::of_pieces(input, &[(start, end)])
    }

    /// The view of several pieces of one line, read as if a space stood between them.
    pub fn of_pieces(input: &str, pieces: &[(usize, usize)]) -> View {
        let total: usize = pieces.iter().map(|&(a, b)| b - a + 1).sum();
        let mut s = String::with_capacity(total);
        let mut at = Vec::with_capacity(total + 1);
        let mut space: Option<usize> = None;
        let mut words = 0;
        let start = pieces.first().map_or(0, |p| p.0);
        let mut push = |pos: usize, c: char| {
            if c.is_ascii_alphanumeric() && space.is_none() && !s.is_empty() {
                // Inside a word (most chars): no space to settle, no word to count.
                at.push(pos);
                s.push(c.to_ascii_lowercase());
                return;
            }
            if is_space(c) {
                if space.is_none() {
                    space = Some(pos);
                }
                return;
            }
            if let Some(sp) = space.take() {
                if !s.is_empty() {
                    s.push(' ');
                    at.push(sp);
                }
            }
            if s.is_empty() || s.as_bytes()[s.len() - 1] == b' ' {
                words += 1;
            }
            let f = fold(c);
            for _ in 0..f.len_utf8() {
                at.push(pos);
            }
            s.push(f);
        };
        let bytes = input.as_bytes();
        for (k, &(a, b)) in pieces.iter().enumerate() {
            // A piece boundary reads as a space.
            if k > 0 {
                push(a, ' ');
            }
            let mut i = a;
            while i < b {
                // ASCII takes the short way: never invisible, folded by `fold` too.
                let byte = bytes[i];
                if byte < 0x80 {
                    push(i, byte as char);
                    i += 1;
                    continue;
                }
                let Some(c) = input[i..b].chars().next() else {
                    break;
                };
                if !is_invisible(c) {
                    push(i, c);
                }
                i += c.len_utf8();
            }
        }
        // End of the last kept char.
        let last_end = match at.last() {
            Some(&p) => p + input[p..].chars().next().map_or(0, char::len_utf8),
            None => start,
        };
        at.push(last_end);
        let mut pairs = [0u64; 16];
        for w in s.as_bytes().windows(2) {
            let bit = pair_bit(w[0], w[1]);
            pairs[bit >> 6] |= 1 << (bit & 63);
        }
        View {
            s,
            at,
            words,
            pairs,
        }
    }

    /// `self.s.contains(pat)`, answered without a search when a byte pair of `pat` does not
    /// occur in the view.
    pub fn contains(&self, pat: &str) -> bool {
        self.may_contain(pat) && self.s.contains(pat)
    }

    /// False when `pat` cannot occur in the view (a byte pair of it is missing).
    pub fn may_contain(&self, pat: &str) -> bool {
        pat.as_bytes().windows(2).all(|w| {
            let bit = pair_bit(w[0], w[1]);
            self.pairs[bit >> 6] & (1 << (bit & 63)) != 0
        })
    }

    /// Input offset where the char at view byte `i` starts (`i` on a char boundary).
    pub fn input_start(&self, i: usize) -> usize {
        self.at[i.min(self.at.len() - 1)]
    }

    /// Input offset where the char ending at view byte `i` ends (`i` on a char boundary).
    pub fn input_end(&self, input: &str, i: usize) -> usize {
        if i >= self.s.len() {
            return self.at[self.at.len() - 1];
        }
        if i == 0 {
            return self.at[0];
        }
        let prev = self.s[..i].chars().next_back().map_or(1, char::len_utf8);
        let p = self.at[i - prev];
        p + input[p..].chars().next().map_or(0, char::len_utf8)
    }

    /// The view with leading bullets, quote marks and stars stripped: the byte where the
    /// line's words start.
    pub fn body_start(&self) -> usize {
        let mut i = 0;
        for (j, c) in self.s.char_indices() {
            if matches!(
                c,
                '•' | '·'
                    | '*'
                    | '-'
                    | '—'
                    | '>'
                    | '|'
                    | '#'
                    | '■'
                    | '▪'
                    | '►'
                    | '▶'
                    | '●'
                    | ' '
            ) {
                i = j + c.len_utf8();
            } else {
                break;
            }
        }
        i
    }
}

/// Letters and digits of `s`, words joined by one space.
pub fn key_of(s: &str) -> String {
    let mut k = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if gap && !k.is_empty() {
                k.push(' ');
            }
            gap = false;
            k.push(c);
        } else {
            gap = true;
        }
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-pair filter never hides a pattern that occurs.
    #[test]
    fn pair_filter_agrees_with_contains() {
        let line =
            "Follow Jane Doe on Twitter @jdoe. (Reporting by A; Editing by B) — “quoted” é日本";
        let v = View::new(line, 0, line.len());
        let s = v.s.clone();
        for i in 0..s.len() {
            for j in i + 1..=s.len().min(i + 24) {
                if let Some(p) = s.get(i..j) {
                    assert!(v.may_contain(p) && v.contains(p), "{p:?}");
                }
            }
        }
        for p in ["advertisement", "zz", "reporting byx", "日本語"] {
            assert_eq!(v.contains(p), s.contains(p), "{p:?}");
        }
    }

    /// The ASCII fast paths agree with the plain definitions on every char.
    #[test]
    fn char_classes_match_their_definitions() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_invisible(c), listed_invisible(c), "{c:?}");
            assert_eq!(is_space(c), listed_space(c), "{c:?}");
        }
    }
}
