//! The one pass: clean → tokenise → tag → group → quotes, and the result every door
//! (Rust, CLI, JavaScript) returns.

use crate::clean::{self, Reason};
use crate::entities::{self, Label};
use crate::error::{Error, Result};
use crate::ner;
use crate::quotes::{self, QuoteKind};
use crate::span::{OffsetMap, Span, Unit, UnitIndex};
use crate::text::Doc;
use serde::{Deserialize, Serialize};

/// The largest input accepted, in UTF-8 bytes (64 MiB).
pub const MAX_INPUT_BYTES: usize = 64 << 20;

/// What to compute and in which unit to report offsets.
///
/// Deserialised from the options object of the JS API (camelCase keys); unknown keys are an
/// error.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Options {
    /// Remove scraped junk and normalise white space (default `true`).
    pub clean: bool,
    /// Find entity mentions and group them (default `true`).
    pub entities: bool,
    /// Find quotations (default `true`).
    pub quotes: bool,
    /// The unit of every offset (default `utf16`).
    pub offsets: Unit,
    /// Leave out quotes whose `confidence` is below this, from 0 to 1 (default 0: every
    /// quote). 0.5 keeps the attributions and drops scare quotes, titles and guesses; it is
    /// what `cargo xtask eval quotes` scores.
    pub min_confidence: f32,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            clean: true,
            entities: true,
            quotes: true,
            offsets: Unit::Utf16,
            min_confidence: 0.0,
        }
    }
}

/// Everything newsmark found in one article. All `start`/`end` index into `text`, all
/// `inputStart`/`inputEnd` into the caller's input, in the unit named by `offsets`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Analysis {
    /// The cleaned text (the input itself when cleaning is off).
    pub text: String,
    /// The unit of every offset.
    pub offsets: Unit,
    /// What cleaning removed, in input coordinates.
    pub removed: Vec<Removed>,
    pub paragraphs: Vec<Located>,
    pub mentions: Vec<MentionOut>,
    pub entities: Vec<EntityOut>,
    pub quotes: Vec<QuoteOut>,
}

/// A removed piece of the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Removed {
    /// Start in the input.
    pub start: usize,
    /// End in the input.
    pub end: usize,
    pub reason: Reason,
    /// The id of the rule that removed it.
    pub rule: String,
    pub text: String,
}

/// A span located in the cleaned text and in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Located {
    pub start: usize,
    pub end: usize,
    pub input_start: usize,
    pub input_end: usize,
}

/// A span with its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TextSpan {
    pub start: usize,
    pub end: usize,
    pub input_start: usize,
    pub input_end: usize,
    pub text: String,
}

/// An entity mention.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MentionOut {
    pub start: usize,
    pub end: usize,
    pub input_start: usize,
    pub input_end: usize,
    pub label: Label,
    pub text: String,
    /// Index of its entity in `entities`.
    pub entity: usize,
}

/// An entity: mentions grouped under one canonical name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntityOut {
    pub id: usize,
    pub label: Label,
    pub name: String,
    /// Indices into `mentions`.
    pub mentions: Vec<usize>,
}

/// The speaker of a quote: the span naming the source, and who that is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SpeakerOut {
    pub start: usize,
    pub end: usize,
    pub input_start: usize,
    pub input_end: usize,
    pub text: String,
    /// Index into `entities`, when the speaker is a known entity.
    pub entity: Option<usize>,
}

/// A quotation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteOut {
    pub kind: QuoteKind,
    /// The quoted pieces, without quote marks.
    pub content: Vec<Located>,
    pub cue: Option<TextSpan>,
    pub speaker: Option<SpeakerOut>,
    pub confidence: f32,
    /// For a quotation inside a quotation: the index into `quotes` of the quote that holds
    /// it (`None` for the others, and when that quote is below `min_confidence`).
    pub within: Option<usize>,
}

/// Converts byte spans of the cleaned text into located spans in the chosen unit.
struct Locator<'a> {
    clean: UnitIndex<'a>,
    input: UnitIndex<'a>,
    map: &'a OffsetMap,
    text: &'a str,
}

impl Locator<'_> {
    fn located(&self, span: Span) -> Located {
        let input = self.map.to_input(span);
        Located {
            start: self.clean.convert(span.start),
            end: self.clean.convert(span.end),
            input_start: self.input.convert(input.start),
            input_end: self.input.convert(input.end),
        }
    }

    fn text_span(&self, span: Span) -> TextSpan {
        let l = self.located(span);
        TextSpan {
            start: l.start,
            end: l.end,
            input_start: l.input_start,
            input_end: l.input_end,
            text: span.slice(self.text).to_string(),
        }
    }
}

/// Analyses one article.
pub fn analyze(input: &str, options: &Options) -> Result<Analysis> {
    if !(0.0..=1.0).contains(&options.min_confidence) {
        return Err(Error::InvalidOptions(format!(
            "minConfidence must be a number from 0 to 1, not {}",
            options.min_confidence
        )));
    }
    if input.len() > MAX_INPUT_BYTES {
        return Err(Error::InputTooLarge {
            len: input.len(),
            max: MAX_INPUT_BYTES,
        });
    }
    let cleaned = if options.clean {
        clean::clean(input)
    } else {
        clean::identity(input)
    };
    let doc = Doc::new(&cleaned.text);
    let need_mentions = options.entities || options.quotes;
    let mentions = if need_mentions {
        ner::recognize(&doc)
    } else {
        Vec::new()
    };
    let (entity_list, mention_entity) = entities::group(&doc, &mentions);
    let quote_list = if options.quotes {
        quotes::extract(&doc, &mentions, &entity_list, &mention_entity)
    } else {
        Vec::new()
    };

    let loc = Locator {
        clean: UnitIndex::new(&cleaned.text, options.offsets),
        input: UnitIndex::new(input, options.offsets),
        map: &cleaned.map,
        text: &cleaned.text,
    };
    let input_index = &loc.input;
    let removed = cleaned
        .removed
        .iter()
        .map(|r| Removed {
            start: input_index.convert(r.span.start),
            end: input_index.convert(r.span.end),
            reason: r.reason,
            rule: r.rule.to_string(),
            text: r.span.slice(input).to_string(),
        })
        .collect();
    let paragraphs = doc.paragraphs.iter().map(|p| loc.located(p.span)).collect();
    let (mentions_out, entities_out) = if options.entities {
        let m = mentions
            .iter()
            .zip(&mention_entity)
            .map(|(m, &entity)| {
                let t = loc.text_span(m.span);
                MentionOut {
                    start: t.start,
                    end: t.end,
                    input_start: t.input_start,
                    input_end: t.input_end,
                    label: m.label,
                    text: t.text,
                    entity,
                }
            })
            .collect();
        let e = entity_list
            .iter()
            .enumerate()
            .map(|(id, e)| EntityOut {
                id,
                label: e.label,
                name: e.name.clone(),
                mentions: e.mentions.clone(),
            })
            .collect();
        (m, e)
    } else {
        (Vec::new(), Vec::new())
    };
    // Each kept quote's index in the output, for `within`.
    let mut kept_index = Vec::with_capacity(quote_list.len());
    let mut kept = 0;
    for q in &quote_list {
        let keep = q.confidence >= options.min_confidence;
        kept_index.push(keep.then_some(kept));
        kept += usize::from(keep);
    }
    let quotes_out = quote_list
        .iter()
        .filter(|q| q.confidence >= options.min_confidence)
        .map(|q| QuoteOut {
            kind: q.kind,
            content: q.content.iter().map(|&s| loc.located(s)).collect(),
            cue: q.cue.map(|c| loc.text_span(c)),
            speaker: q.speaker.map(|s| {
                let t = loc.text_span(s.span);
                SpeakerOut {
                    start: t.start,
                    end: t.end,
                    input_start: t.input_start,
                    input_end: t.input_end,
                    text: t.text,
                    entity: s.entity.filter(|_| options.entities),
                }
            }),
            confidence: q.confidence,
            within: q.within.and_then(|w| kept_index.get(w).copied().flatten()),
        })
        .collect();
    Ok(Analysis {
        text: cleaned.text,
        offsets: options.offsets,
        removed,
        paragraphs,
        mentions: mentions_out,
        entities: entities_out,
        quotes: quotes_out,
    })
}

/// Cleans one article: [`analyze`] with entities and quotes off.
pub fn clean(input: &str, options: &Options) -> Result<Analysis> {
    analyze(
        input,
        &Options {
            clean: true,
            entities: false,
            quotes: false,
            ..*options
        },
    )
}
