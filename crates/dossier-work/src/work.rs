//! The reader's work as typed records: tags, stars, notes on passages, entity corrections,
//! name lists and saved searches.
//!
//! Plain data: the app keeps each record in IndexedDB, the case file carries them all.
//! Times are numbers the caller supplies (milliseconds since 1970 in the app): this crate
//! reads no clock, so everything here is reproducible in tests.

use crate::correction::{Correction, EntityRef};
use crate::doc_key::DocKey;
use dossier_model::entity::EntityType;
use dossier_model::Span;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Everything the reader made on one corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Work {
    pub tags: Vec<Tag>,
    /// Starred documents, each once.
    pub stars: Vec<DocKey>,
    pub notes: Vec<Note>,
    /// In the order made: `apply::apply` applies them so, and undo drops the last.
    pub corrections: Vec<Correction>,
    pub name_lists: Vec<NameList>,
    pub saved_searches: Vec<SavedSearch>,
}

/// A named, coloured set of documents; a document can carry several tags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    /// Unique among the tags: what `tag:` in a query names.
    pub name: String,
    pub colour: Colour,
    /// Each once.
    pub documents: Vec<DocKey>,
}

/// A colour as CSS writes it, `#rrggbb` in lowercase: a type, so a case file cannot put
/// anything else into the page's style.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Colour(String);

impl Colour {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A string that is not `#rrggbb`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadColour(String);

impl fmt::Display for BadColour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown: String = self.0.chars().take(20).collect();
        write!(f, "a tag's colour is written #rrggbb, not {shown:?}")
    }
}

impl std::error::Error for BadColour {}

impl TryFrom<String> for Colour {
    type Error = BadColour;

    fn try_from(text: String) -> Result<Colour, BadColour> {
        match text.strip_prefix('#') {
            Some(hex) if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                Ok(Colour(text.to_ascii_lowercase()))
            }
            _ => Err(BadColour(text)),
        }
    }
}

impl From<Colour> for String {
    fn from(colour: Colour) -> String {
        colour.0
    }
}

/// A note on a passage of one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub doc: DocKey,
    /// Bytes into the document's text: the passage the note marks.
    pub span: Span,
    pub text: String,
    /// When it was written. With the passage, what makes it this note: a note with the
    /// same document text, span and `created` is the same note, maybe edited.
    pub created: u64,
    pub edited: u64,
}

/// Names to look up together (a batch search), one entry per name as pasted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameList {
    /// Unique among the name lists.
    pub name: String,
    pub names: Vec<String>,
}

/// A query and facet picks the reader named, to run again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSearch {
    /// Unique among the saved searches.
    pub name: String,
    /// The query as typed (every string is a valid query).
    pub query: String,
    pub facets: FacetPicks,
}

/// A list's facet picks as plain data that survives a rebuild: entities by name and
/// type, not by id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetPicks {
    /// Outlet names, as the corpus writes them.
    pub outlets: Vec<String>,
    /// The date range as the address bar writes it (`dossier_explore::facets::SelectionParams::date`).
    pub date: Option<String>,
    pub types: Vec<EntityType>,
    pub entities: Vec<EntityRef>,
    /// Tag names.
    pub tags: Vec<String>,
    /// Only starred documents. Absent from files written before it (read as false).
    #[serde(default)]
    pub starred: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_colour_is_six_hex_digits_kept_in_lowercase() {
        assert_eq!(
            Colour::try_from("#FFaa00".to_owned()).map(|c| c.as_str().to_owned()),
            Ok("#ffaa00".to_owned())
        );
        for bad in ["ffaa00", "#ffaa0", "#ffaa00;", "red", "#ggaa00", "url(x)"] {
            assert!(Colour::try_from(bad.to_owned()).is_err(), "{bad}");
        }
    }
}
