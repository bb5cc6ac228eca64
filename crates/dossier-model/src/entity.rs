//! The entity model: what recognition and linking produce, the store embeds and the reader
//! highlights.

use crate::id::DocId;
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// OntoNotes-style entity types: the first six are names, the rest dates, times and
/// numbers found by rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EntityType {
    Person,
    Org,
    Gpe,
    Loc,
    Norp,
    Event,
    Date,
    Time,
    Cardinal,
    Quantity,
    Money,
    Percent,
    Ordinal,
}

impl EntityType {
    /// Every type, names first, in the order a legend lists them.
    pub const ALL: [EntityType; 13] = [
        EntityType::Person,
        EntityType::Org,
        EntityType::Gpe,
        EntityType::Loc,
        EntityType::Norp,
        EntityType::Event,
        EntityType::Date,
        EntityType::Time,
        EntityType::Cardinal,
        EntityType::Quantity,
        EntityType::Money,
        EntityType::Percent,
        EntityType::Ordinal,
    ];

    /// The OntoNotes label ("PERSON", "GPE", ...), as displaCy and spaCy print it.
    pub fn label(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Gpe => "GPE",
            EntityType::Loc => "LOC",
            EntityType::Norp => "NORP",
            EntityType::Event => "EVENT",
            EntityType::Date => "DATE",
            EntityType::Time => "TIME",
            EntityType::Cardinal => "CARDINAL",
            EntityType::Quantity => "QUANTITY",
            EntityType::Money => "MONEY",
            EntityType::Percent => "PERCENT",
            EntityType::Ordinal => "ORDINAL",
        }
    }

    /// The type with this label, in any case ("gpe", "Person"); `None` for anything else.
    pub fn from_label(label: &str) -> Option<EntityType> {
        EntityType::ALL
            .into_iter()
            .find(|t| t.label().eq_ignore_ascii_case(label.trim()))
    }

    /// Words for the legend and tooltips.
    pub fn description(self) -> &'static str {
        match self {
            EntityType::Person => "People",
            EntityType::Org => "Organisations",
            EntityType::Gpe => "Countries, cities, states",
            EntityType::Loc => "Other places: seas, regions, mountains",
            EntityType::Norp => "Nationalities, religious and political groups",
            EntityType::Event => "Named events",
            EntityType::Date => "Dates and periods",
            EntityType::Time => "Times of day",
            EntityType::Cardinal => "Numbers",
            EntityType::Quantity => "Measurements",
            EntityType::Money => "Money",
            EntityType::Percent => "Percentages",
            EntityType::Ordinal => "Ordinals: first, 22nd",
        }
    }

    /// Is this a name (person, organisation, place, group, event) rather than a date,
    /// time or number? Names are linked across documents by their canonical form.
    pub fn is_name(self) -> bool {
        matches!(
            self,
            EntityType::Person
                | EntityType::Org
                | EntityType::Gpe
                | EntityType::Loc
                | EntityType::Norp
                | EntityType::Event
        )
    }
}

/// An entity's position in [`Entities::entities`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EntityId(pub u32);

/// One occurrence of an entity in a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Mention {
    /// Bytes into `Document::text`, on char boundaries.
    pub span: Span,
    pub entity: EntityId,
    /// Inside text ingest removed as page furniture (shown only when the reader shows
    /// removed text).
    pub in_removed: bool,
}

/// A thing the corpus mentions, with every name it goes by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub id: EntityId,
    /// The canonical name: the longest full form seen ("Xi Jinping", not "Xi").
    pub name: String,
    pub kind: EntityType,
    /// Other surface forms seen, without the canonical name.
    pub aliases: Vec<String>,
    /// How many mentions the corpus has, removed text included.
    pub mentions: u32,
    /// The documents that mention it, sorted.
    pub documents: Vec<DocId>,
}

/// Every entity of the corpus, and every mention per document (same order as
/// `Corpus::documents`), sorted by span start and never overlapping.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entities {
    pub entities: Vec<Entity>,
    pub mentions: Vec<Vec<Mention>>,
}

impl Entities {
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(id.0 as usize)
    }

    /// The mentions in one document, in text order (empty for an unknown document).
    pub fn mentions_in(&self, doc: DocId) -> &[Mention] {
        self.mentions.get(doc.0 as usize).map_or(&[], Vec::as_slice)
    }

    /// The entities called `name`, canonically or by an alias, in any case.
    pub fn find(&self, name: &str) -> Vec<EntityId> {
        let name = name.trim().to_lowercase();
        self.entities
            .iter()
            .filter(|e| e.name.to_lowercase() == name || e.aliases.iter().any(|a| a.to_lowercase() == name))
            .map(|e| e.id)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_in_any_case() {
        for t in EntityType::ALL {
            assert_eq!(EntityType::from_label(t.label()), Some(t));
            assert_eq!(EntityType::from_label(&t.label().to_lowercase()), Some(t));
        }
        assert_eq!(EntityType::from_label("PER"), None);
        assert_eq!(EntityType::ALL.iter().filter(|t| t.is_name()).count(), 6);
    }

    #[test]
    fn finds_by_name_or_alias_and_reads_mentions() {
        let entities = Entities {
            entities: vec![Entity {
                id: EntityId(0),
                name: "Xi Jinping".into(),
                kind: EntityType::Person,
                aliases: vec!["Xi".into()],
                mentions: 2,
                documents: vec![DocId(0)],
            }],
            mentions: vec![vec![Mention {
                span: Span::new(0, 2),
                entity: EntityId(0),
                in_removed: false,
            }]],
        };
        assert_eq!(entities.find("xi"), [EntityId(0)]);
        assert_eq!(entities.find("XI JINPING"), [EntityId(0)]);
        assert!(entities.find("Putin").is_empty());
        assert_eq!(entities.mentions_in(DocId(0)).len(), 1);
        assert!(entities.mentions_in(DocId(7)).is_empty());
        assert_eq!(
            entities.entity(EntityId(0)).map(|e| e.kind),
            Some(EntityType::Person)
        );
        assert!(entities.entity(EntityId(1)).is_none());
    }
}
