//! Spans, offset units and the map between the cleaned text and the caller's input.
//!
//! Inside the crate every offset is a UTF-8 byte offset, end-exclusive. Offsets are
//! converted once, when a result is built, into the unit the caller asked for
//! ([`Unit::Utf16`] for JavaScript, [`Unit::Utf8`] or [`Unit::Chars`] elsewhere).

use serde::{Deserialize, Serialize};

/// The unit of every offset in a result.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// UTF-8 bytes (Rust `str` indices).
    Utf8,
    /// UTF-16 code units (JavaScript `String` indices).
    #[default]
    Utf16,
    /// Unicode scalar values (Python `str` indices).
    Chars,
}

impl Unit {
    /// Parses `utf8`, `utf16` or `chars`.
    pub fn parse(s: &str) -> Option<Unit> {
        match s {
            "utf8" => Some(Unit::Utf8),
            "utf16" => Some(Unit::Utf16),
            "chars" => Some(Unit::Chars),
            _ => None,
        }
    }

    /// The name used in results and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Utf8 => "utf8",
            Unit::Utf16 => "utf16",
            Unit::Chars => "chars",
        }
    }
}

/// A half-open byte range `start..end` into a text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub const fn len(self) -> usize {
        self.end - self.start
    }
    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }
    /// The text this span covers.
    pub fn slice(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// One piece of the cleaned text and where it came from in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    /// Start in the cleaned text.
    clean: usize,
    clean_len: usize,
    /// Start in the input.
    input: usize,
    input_len: usize,
    /// `true` when the cleaned bytes are a verbatim copy of the input bytes, so offsets map
    /// one to one; `false` for a replacement (normalised whitespace, a joined line), whose
    /// inner offsets map to its edges.
    verbatim: bool,
}

/// Maps offsets in the cleaned text back to the input.
///
/// Built by [`TextBuilder`]; exact for verbatim pieces, and for replaced pieces (a run of
/// odd whitespace that became one space) a span starting inside maps to the piece's input
/// start, a span ending inside maps to its input end.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    segments: Vec<Segment>,
    clean_len: usize,
    input_len: usize,
}

impl OffsetMap {
    /// The map of a text that was not changed.
    pub fn identity(len: usize) -> OffsetMap {
        let segments = if len == 0 {
            Vec::new()
        } else {
            vec![Segment {
                clean: 0,
                clean_len: len,
                input: 0,
                input_len: len,
                verbatim: true,
            }]
        };
        OffsetMap {
            segments,
            clean_len: len,
            input_len: len,
        }
    }

    /// Input offset of a span starting at `clean` in the cleaned text.
    pub fn input_start(&self, clean: usize) -> usize {
        // The segment holding the byte at `clean`.
        let i = self
            .segments
            .partition_point(|s| s.clean + s.clean_len <= clean);
        match self.segments.get(i) {
            Some(s) if s.clean <= clean => {
                if s.verbatim {
                    s.input + (clean - s.clean)
                } else {
                    s.input
                }
            }
            Some(s) => s.input,
            None => self.input_len,
        }
    }

    /// Input offset of a span ending at `clean` (exclusive) in the cleaned text.
    pub fn input_end(&self, clean: usize) -> usize {
        if clean == 0 {
            return self.segments.first().map_or(0, |s| s.input);
        }
        // The segment holding the byte at `clean - 1`.
        let i = self
            .segments
            .partition_point(|s| s.clean + s.clean_len < clean);
        match self.segments.get(i) {
            Some(s) if s.clean < clean => {
                if s.verbatim {
                    s.input + (clean - s.clean)
                } else {
                    s.input + s.input_len
                }
            }
            Some(s) => s.input,
            None => self.input_len,
        }
    }

    /// The input span a cleaned-text span came from.
    pub fn to_input(&self, span: Span) -> Span {
        if span.is_empty() {
            let at = self.input_start(span.start);
            return Span::new(at, at);
        }
        Span::new(self.input_start(span.start), self.input_end(span.end))
    }

    pub fn clean_len(&self) -> usize {
        self.clean_len
    }
    pub fn input_len(&self) -> usize {
        self.input_len
    }
}

/// Builds a cleaned text piece by piece together with its [`OffsetMap`].
#[derive(Debug)]
pub struct TextBuilder<'a> {
    input: &'a str,
    text: String,
    segments: Vec<Segment>,
}

impl<'a> TextBuilder<'a> {
    pub fn new(input: &'a str) -> TextBuilder<'a> {
        TextBuilder {
            input,
            text: String::with_capacity(input.len()),
            segments: Vec::new(),
        }
    }

    /// The text built so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Appends `input[start..end]` verbatim.
    pub fn copy(&mut self, start: usize, end: usize) {
        if start >= end {
            return;
        }
        let clean = self.text.len();
        self.text.push_str(&self.input[start..end]);
        if let Some(last) = self.segments.last_mut() {
            if last.verbatim
                && last.clean + last.clean_len == clean
                && last.input + last.input_len == start
            {
                last.clean_len += end - start;
                last.input_len += end - start;
                return;
            }
        }
        self.segments.push(Segment {
            clean,
            clean_len: end - start,
            input: start,
            input_len: end - start,
            verbatim: true,
        });
    }

    /// Appends `s` standing for `input[start..end]` (which may be empty, for an inserted
    /// separator). Appending an empty `s` records nothing.
    pub fn replace(&mut self, s: &str, start: usize, end: usize) {
        if s.is_empty() {
            return;
        }
        if start < end && s == &self.input[start..end] {
            self.copy(start, end);
            return;
        }
        let clean = self.text.len();
        self.text.push_str(s);
        self.segments.push(Segment {
            clean,
            clean_len: s.len(),
            input: start,
            input_len: end - start,
            verbatim: false,
        });
    }

    /// Removes trailing bytes of the text built so far while they satisfy `pred` (used to
    /// trim trailing white space); the map shrinks with it.
    pub fn trim_end_matches(&mut self, pred: impl Fn(char) -> bool) {
        while let Some(c) = self.text.chars().next_back() {
            if !pred(c) {
                break;
            }
            let new_len = self.text.len() - c.len_utf8();
            self.text.truncate(new_len);
            while let Some(last) = self.segments.last_mut() {
                if last.clean >= new_len {
                    self.segments.pop();
                    continue;
                }
                let keep = new_len - last.clean;
                if keep < last.clean_len {
                    if last.verbatim {
                        last.input_len = keep;
                    }
                    last.clean_len = keep;
                }
                break;
            }
        }
    }

    pub fn finish(self) -> (String, OffsetMap) {
        let clean_len = self.text.len();
        let map = OffsetMap {
            segments: self.segments,
            clean_len,
            input_len: self.input.len(),
        };
        (self.text, map)
    }
}

/// Converts byte offsets of one text into another [`Unit`], in O(1) amortised per lookup.
///
/// Keeps a checkpoint every [`UnitIndex::STRIDE`] bytes, so its memory is a small fraction
/// of the text's.
#[derive(Clone, Debug)]
pub struct UnitIndex<'a> {
    text: &'a str,
    unit: Unit,
    /// `(byte, units)` at a char boundary at or after each multiple of STRIDE.
    marks: Vec<(usize, usize)>,
}

impl<'a> UnitIndex<'a> {
    const STRIDE: usize = 128;

    pub fn new(text: &'a str, unit: Unit) -> UnitIndex<'a> {
        let mut marks = Vec::new();
        if unit != Unit::Utf8 {
            marks.reserve(text.len() / Self::STRIDE + 1);
            let mut units = 0;
            let mut next = 0;
            // By bytes, as in `convert`: a char starts at each leading byte.
            for (b, &x) in text.as_bytes().iter().enumerate() {
                if x & 0xC0 != 0x80 {
                    if b >= next {
                        marks.push((b, units));
                        next = (b / Self::STRIDE + 1) * Self::STRIDE;
                    }
                    units += 1 + (unit == Unit::Utf16 && x >= 0xF0) as usize;
                }
            }
            marks.push((text.len(), units));
        }
        UnitIndex { text, unit, marks }
    }

    pub fn unit(&self) -> Unit {
        self.unit
    }

    /// The offset, in this index's unit, of byte offset `byte` (clamped to the text, and
    /// rounded down to a char boundary).
    pub fn convert(&self, byte: usize) -> usize {
        let mut byte = byte.min(self.text.len());
        if self.unit == Unit::Utf8 {
            return byte;
        }
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let i = self.marks.partition_point(|&(b, _)| b <= byte) - 1;
        let (b, units) = self.marks[i];
        // A stretch of ASCII up to the next checkpoint (as many units as bytes): no counting.
        if let Some(&(nb, nu)) = self.marks.get(i + 1) {
            if nu - units == nb - b {
                return units + (byte - b);
            }
        }
        // Count from the checkpoint by bytes, not by decoding chars: every char has one
        // leading (non-continuation) byte, and a char outside the BMP (a 4-byte sequence,
        // leading byte 0xF0 or above) is two UTF-16 units.
        let bytes = &self.text.as_bytes()[b..byte];
        let leading = |x: u8| (x & 0xC0 != 0x80) as usize;
        units
            + match self.unit {
                Unit::Utf16 => bytes
                    .iter()
                    .map(|&x| leading(x) + (x >= 0xF0) as usize)
                    .sum::<usize>(),
                _ => bytes.iter().map(|&x| leading(x)).sum::<usize>(),
            }
    }

    /// Length of the whole text in this unit.
    pub fn len(&self) -> usize {
        self.convert(self.text.len())
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16_slice(text: &str, start: usize, end: usize) -> String {
        let units: Vec<u16> = text.encode_utf16().collect();
        String::from_utf16(&units[start..end]).unwrap()
    }

    #[test]
    fn unit_index_matches_encodings() {
        // Long ASCII stretches (whole checkpoints of ASCII, converted without counting)
        // between non-ASCII runs.
        let ascii = format!("{}😀 tail{}", "plain words ".repeat(40), "x".repeat(300));
        for unit in [Unit::Utf16, Unit::Chars] {
            let idx = UnitIndex::new(&ascii, unit);
            for (b, _) in ascii.char_indices().chain([(ascii.len(), ' ')]) {
                let want = match unit {
                    Unit::Utf16 => ascii[..b].encode_utf16().count(),
                    _ => ascii[..b].chars().count(),
                };
                assert_eq!(idx.convert(b), want, "{unit:?} at {b}");
            }
        }
        let text = "a😀b 日本語 e\u{301}x “q” — end".repeat(20);
        let u16i = UnitIndex::new(&text, Unit::Utf16);
        let chi = UnitIndex::new(&text, Unit::Chars);
        let u8i = UnitIndex::new(&text, Unit::Utf8);
        for (b, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(u16i.convert(b), text[..b].encode_utf16().count());
            assert_eq!(chi.convert(b), text[..b].chars().count());
            assert_eq!(u8i.convert(b), b);
        }
        // Offsets inside a char round down to its start; offsets past the end clamp.
        for b in 0..text.len() + 3 {
            let mut down = b.min(text.len());
            while !text.is_char_boundary(down) {
                down -= 1;
            }
            assert_eq!(u16i.convert(b), text[..down].encode_utf16().count(), "{b}");
            assert_eq!(chi.convert(b), text[..down].chars().count(), "{b}");
        }
        let start = text.find('😀').unwrap();
        let end = text.find('語').unwrap() + '語'.len_utf8();
        assert_eq!(
            utf16_slice(&text, u16i.convert(start), u16i.convert(end)),
            &text[start..end]
        );
    }

    #[test]
    fn builder_maps_copies_and_replacements() {
        let input = "Hello\u{a0}\u{a0}world [ad_1] again";
        let mut b = TextBuilder::new(input);
        b.copy(0, 5);
        b.replace(" ", 5, 9); // two NBSPs (2 bytes each) -> one space
        b.copy(9, 14);
        // drop " [ad_1]"
        b.copy(21, input.len());
        let (text, map) = b.finish();
        assert_eq!(text, "Hello world again");
        let world = Span::new(6, 11);
        assert_eq!(world.slice(&text), "world");
        assert_eq!(map.to_input(world).slice(input), "world");
        let again = Span::new(11, 17);
        assert_eq!(map.to_input(again).slice(input), " again");
        // A span over the replaced space covers both NBSPs in the input.
        let all = Span::new(0, 11);
        assert_eq!(map.to_input(all).slice(input), "Hello\u{a0}\u{a0}world");
        assert_eq!(map.to_input(Span::new(5, 6)), Span::new(5, 9));
    }

    #[test]
    fn identity_and_empty() {
        let map = OffsetMap::identity(10);
        assert_eq!(map.to_input(Span::new(2, 7)), Span::new(2, 7));
        let empty = OffsetMap::identity(0);
        assert_eq!(empty.to_input(Span::new(0, 0)), Span::new(0, 0));
    }

    #[test]
    fn trim_end_shrinks_map() {
        let input = "abc   \n\n";
        let mut b = TextBuilder::new(input);
        b.copy(0, input.len());
        b.trim_end_matches(char::is_whitespace);
        let (text, map) = b.finish();
        assert_eq!(text, "abc");
        assert_eq!(map.to_input(Span::new(0, 3)), Span::new(0, 3));
    }
}
