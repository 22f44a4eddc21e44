//! Article cleaning: removes scraped junk and normalises white space, keeping an exact map
//! from the cleaned text back to the input.

use crate::span::{OffsetMap, Span, TextBuilder};
use serde::{Deserialize, Serialize};

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

/// Cleans a scraped article.
pub fn clean(input: &str) -> Cleaned {
    let mut b = TextBuilder::new(input);
    b.copy(0, input.len());
    let (text, map) = b.finish();
    Cleaned {
        text,
        map,
        removed: Vec::new(),
    }
}
