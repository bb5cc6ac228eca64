//! What a reader can correct in the recognised entities, named so that a correction still
//! finds its entity after a rebuild.
//!
//! An `EntityId` is a position that changes when the tagger or the corpus changes, so a
//! correction names an entity by what the reader saw: its name and type
//! ([`EntityRef`]), or a mention by its document's key and byte span ([`MentionRef`]).
//! Corrections are kept as an ordered list and applied in order by
//! `apply::apply`; each names entities as they are after the ones before it
//! (a merge after a rename names the new name).

use crate::doc_key::DocKey;
use dossier_model::entity::{Entity, EntityType};
use dossier_model::Span;
use serde::{Deserialize, Serialize};

/// An entity as the reader saw it: its canonical name (or an alias) and its type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EntityRef {
    pub name: String,
    pub kind: EntityType,
}

impl EntityRef {
    pub fn new(name: impl Into<String>, kind: EntityType) -> EntityRef {
        EntityRef {
            name: name.into(),
            kind,
        }
    }

    /// The reference a view makes for the entity it shows.
    pub fn of(entity: &Entity) -> EntityRef {
        EntityRef::new(entity.name.clone(), entity.kind)
    }
}

/// A stretch of one document: a mention there, or a span the tagger missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MentionRef {
    pub doc: DocKey,
    /// Bytes into the document's text.
    pub span: Span,
}

/// One correction of the recognised entities.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Correction {
    /// A new canonical name; the old one becomes an alias. Renaming to the name of
    /// another entity of the same type merges the two (one name is one entity).
    Rename { entity: EntityRef, to: String },
    /// `from`'s mentions, name and aliases go to `into`, which keeps its name and type.
    Merge { from: EntityRef, into: EntityRef },
    /// One mention goes to the entity `into` names, made when none has that name and
    /// type (a split), else joined (the mention was linked to the wrong entity).
    SplitMention { mention: MentionRef, into: EntityRef },
    /// The mentions written as `alias` (in any case) become an entity of that name and
    /// the same type, made when none has it; the alias leaves the entity.
    SplitAlias { entity: EntityRef, alias: String },
    /// A new type. Retyping to the type of another entity with the same name merges the
    /// two.
    Retype { entity: EntityRef, to: EntityType },
    /// Not an entity: it and all its mentions go.
    NotAnEntity { entity: EntityRef },
    /// Not a mention: this one mention goes (the entity stays if it has others).
    NotAMention { mention: MentionRef },
    /// A span the tagger missed is a mention of an entity of type `kind` named by its text
    /// (joined to the entity with that name or alias and type, else made). Mentions it
    /// overlaps give way: the reader chose this span. With `everywhere`, every other
    /// occurrence of the text as whole words in the corpus is one too, where no mention
    /// is already.
    Add {
        mention: MentionRef,
        kind: EntityType,
        everywhere: bool,
    },
}
