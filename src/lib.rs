//! # newsmark
//!
//! Turns a scraped news article into structure a page can highlight: the cleaned text with
//! every removal explained, entity mentions grouped into entities, and quotations with their
//! cue and speaker, all located in one coordinate space.
//!
//! ```
//! use newsmark::{analyze, Options, Unit};
//!
//! let input = "[ad_1]\n\n\"We will stay,\" Mayor Jane Doe said in Paris.";
//! let options = Options { offsets: Unit::Utf8, ..Options::default() };
//! let result = analyze(input, &options).unwrap();
//! assert_eq!(result.text, "\"We will stay,\" Mayor Jane Doe said in Paris.");
//! assert_eq!(result.removed[0].text, "[ad_1]");
//! // Every span slices to its text, in the cleaned text and in the input.
//! for m in &result.mentions {
//!     assert_eq!(&result.text[m.start..m.end], m.text);
//!     assert_eq!(&input[m.input_start..m.input_end], m.text);
//! }
//! ```
//!
//! The stages, ground floor up: [`span`] (units and offset maps) → [`text`] (tokens,
//! sentences, paragraphs), [`clean`] (junk removal), [`entities`] (mentions and grouping) →
//! [`ner`] (the tagger), [`quotes`] → [`analysis`] (the one pass). Two doors sit on top: the
//! WebAssembly API (`src/wasm.rs`) and the `newsmark` command-line tool.

pub mod analysis;
pub mod clean;
pub mod entities;
pub mod error;
pub mod ner;
pub mod quotes;
pub mod span;
pub mod text;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use analysis::{
    analyze, clean as clean_text, Analysis, EntityOut, Located, MentionOut, Options, QuoteOut,
    Removed, SpeakerOut, TextSpan, MAX_INPUT_BYTES,
};
pub use clean::Reason;
pub use entities::Label;
pub use error::{Error, Result};
pub use quotes::QuoteKind;
pub use span::{Span, Unit};

/// The crate version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
