//! Entity mentions and their grouping into entities within one article.
//!
//! The tagger ([`crate::ner`]) produces [`Mention`]s; [`group`] joins the mentions that
//! name the same person, organisation, place or thing into [`Entity`]s.

use crate::span::Span;
use crate::text::Doc;
use serde::{Deserialize, Serialize};

/// CoNLL entity types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Label {
    #[serde(rename = "PER")]
    Per,
    #[serde(rename = "ORG")]
    Org,
    #[serde(rename = "LOC")]
    Loc,
    #[serde(rename = "MISC")]
    Misc,
}

impl Label {
    pub const ALL: [Label; 4] = [Label::Per, Label::Org, Label::Loc, Label::Misc];

    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
        }
    }

    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// A name in the text: a byte span of the cleaned text and its type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub label: Label,
}

/// Mentions of one entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    pub label: Label,
    /// The canonical name: the fullest form used in the article.
    pub name: String,
    /// Indices into the mention list, in text order.
    pub mentions: Vec<usize>,
}

/// Groups mentions (sorted by position) into entities; returns the entities and, for each
/// mention, the index of its entity.
pub fn group(doc: &Doc, mentions: &[Mention]) -> (Vec<Entity>, Vec<usize>) {
    let mut entities: Vec<Entity> = Vec::new();
    let mut of_mention = Vec::with_capacity(mentions.len());
    for (i, m) in mentions.iter().enumerate() {
        let text = m.span.slice(doc.text);
        let found = entities
            .iter()
            .position(|e| e.label == m.label && e.name == text);
        let id = match found {
            Some(id) => id,
            None => {
                entities.push(Entity {
                    label: m.label,
                    name: text.to_string(),
                    mentions: Vec::new(),
                });
                entities.len() - 1
            }
        };
        entities[id].mentions.push(i);
        of_mention.push(id);
    }
    (entities, of_mention)
}
