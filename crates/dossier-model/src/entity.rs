//! The entity model: what recognition and linking produce, the store embeds and the reader
//! highlights.

use crate::id::DocId;
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// OntoNotes entity types, and one of CoNLL's: the first twelve are names, the rest
/// dates, times and numbers found by rules.
///
/// `Misc` is the one type OntoNotes lacks. The tagger learnt CoNLL-2003's four labels,
/// and its MISC holds names OntoNotes spreads over types by context or leaves out (a
/// league, "New York-based", "RBI", a currency's "C$"): the layer types what a word
/// list or a shape can place (groups, events, products, works, laws, languages) and
/// keeps the rest as `Misc`, because a name the tagger found is one a reader may look
/// for, and dropping it was the largest loss the pipeline had (issue 19).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EntityType {
    Person,
    Org,
    Gpe,
    Loc,
    /// Buildings, airports, bridges, stadiums: "Heathrow Airport", "Wembley Stadium".
    Fac,
    Norp,
    Event,
    /// Made things: vehicles, weapons, drugs, software, stock indices ("Nasdaq").
    Product,
    /// Titles of books, films, songs and paintings.
    WorkOfArt,
    /// Named laws, treaties and conventions.
    Law,
    Language,
    /// A name of none of the types above (see the type's doc).
    Misc,
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
    pub const ALL: [EntityType; 19] = [
        EntityType::Person,
        EntityType::Org,
        EntityType::Gpe,
        EntityType::Loc,
        EntityType::Fac,
        EntityType::Norp,
        EntityType::Event,
        EntityType::Product,
        EntityType::WorkOfArt,
        EntityType::Law,
        EntityType::Language,
        EntityType::Misc,
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
            EntityType::Fac => "FAC",
            EntityType::Norp => "NORP",
            EntityType::Event => "EVENT",
            EntityType::Product => "PRODUCT",
            EntityType::WorkOfArt => "WORK_OF_ART",
            EntityType::Law => "LAW",
            EntityType::Language => "LANGUAGE",
            EntityType::Misc => "MISC",
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
            EntityType::Fac => "Buildings, airports, bridges, stadiums",
            EntityType::Norp => "Nationalities, religious and political groups",
            EntityType::Event => "Named events",
            EntityType::Product => "Products: vehicles, weapons, drugs, stock indices",
            EntityType::WorkOfArt => "Titles of books, films, songs",
            EntityType::Law => "Laws, treaties, conventions",
            EntityType::Language => "Languages",
            EntityType::Misc => "Other names: leagues, currencies, \"-based\"",
            EntityType::Date => "Dates and periods",
            EntityType::Time => "Times of day",
            EntityType::Cardinal => "Numbers",
            EntityType::Quantity => "Measurements",
            EntityType::Money => "Money",
            EntityType::Percent => "Percentages",
            EntityType::Ordinal => "Ordinals: first, 22nd",
        }
    }

    /// Is this a name (person, organisation, place, group, event, product, ...) rather
    /// than a date, time or number? Names are linked across documents by their canonical
    /// form.
    pub fn is_name(self) -> bool {
        !matches!(
            self,
            EntityType::Date
                | EntityType::Time
                | EntityType::Cardinal
                | EntityType::Quantity
                | EntityType::Money
                | EntityType::Percent
                | EntityType::Ordinal
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
    /// Where in the page it sits, which decides whether it counts (see [`Place`]).
    pub place: Place,
}

/// Where a mention sits. Only mentions in the running text count by default: that is
/// the one mention count every view, export and the CLI show, because it is what a
/// reader can find by reading the article. The rest are kept, shown apart, and counted
/// when the user asks for everything ([`Counting::Everything`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Place {
    /// The article's running text, datelines included.
    Text,
    /// The headline, which the reader shows as the title rather than in the body.
    Headline,
    /// A flagged passage: a headline of another story spliced in by the scraper, or a
    /// photo caption.
    Flagged,
    /// Page furniture ingest removed: navigation, share bars, footers, page dates.
    Removed,
}

impl Place {
    /// Words for the CLI, exports and the notes that explain a count.
    pub fn label(self) -> &'static str {
        match self {
            Place::Text => "text",
            Place::Headline => "headline",
            Place::Flagged => "flagged",
            Place::Removed => "removed",
        }
    }
}

/// Which mentions a view counts: the running text (the default), or everything,
/// headlines, flagged passages and page furniture included (the "count everything"
/// toggle, for the reader who wants the spliced headlines back).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Counting {
    #[default]
    Text,
    Everything,
}

impl Counting {
    pub fn counts(self, place: Place) -> bool {
        self == Counting::Everything || place == Place::Text
    }

    pub fn admits(self, mention: &Mention) -> bool {
        self.counts(mention.place)
    }
}

/// An entity's mentions by [`Place`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionCounts {
    pub text: u32,
    pub headline: u32,
    pub flagged: u32,
    pub removed: u32,
}

impl MentionCounts {
    pub fn add(&mut self, place: Place) {
        match place {
            Place::Text => self.text += 1,
            Place::Headline => self.headline += 1,
            Place::Flagged => self.flagged += 1,
            Place::Removed => self.removed += 1,
        }
    }

    /// The count a view shows under `counting`.
    pub fn counted(&self, counting: Counting) -> u32 {
        match counting {
            Counting::Text => self.text,
            Counting::Everything => self.text + self.headline + self.flagged + self.removed,
        }
    }

    /// Mentions outside the running text, by place (only the places that have some), for
    /// the note that explains a count: "7 in headlines and page furniture".
    pub fn elsewhere(&self) -> Vec<(Place, u32)> {
        [
            (Place::Headline, self.headline),
            (Place::Flagged, self.flagged),
            (Place::Removed, self.removed),
        ]
        .into_iter()
        .filter(|&(_, n)| n > 0)
        .collect()
    }
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
    /// How many mentions the corpus has, by place: `counts.text` is the count users see.
    /// This and the two lists below are the mentions' ([`Entities::recount`]), not stored.
    pub counts: MentionCounts,
    /// The documents that mention it anywhere, sorted (see [`Entity::documents_counted`]).
    pub documents: Vec<DocId>,
    /// The documents that mention it in their running text, sorted: a subset of
    /// `documents`. An entity with none (only in spliced headlines or page furniture) stays
    /// out of lists and facets unless the user counts everything.
    pub text_documents: Vec<DocId>,
}

impl Entity {
    /// An entity with no aliases and, until [`Entities::recount`], no mentions.
    pub fn new(id: EntityId, name: impl Into<String>, kind: EntityType) -> Entity {
        Entity {
            id,
            name: name.into(),
            kind,
            aliases: Vec::new(),
            counts: MentionCounts::default(),
            documents: Vec::new(),
            text_documents: Vec::new(),
        }
    }

    /// The count views show under `counting`.
    pub fn mentions(&self, counting: Counting) -> u32 {
        self.counts.counted(counting)
    }

    /// The documents that mention it under `counting`.
    pub fn documents_counted(&self, counting: Counting) -> &[DocId] {
        match counting {
            Counting::Text => &self.text_documents,
            Counting::Everything => &self.documents,
        }
    }
}

/// Every entity of the corpus, and every mention per document (same order as
/// `Corpus::documents`), sorted by span start and never overlapping.
///
/// What ships is [`Stored`]: the mentions and each entity's name, type and aliases.
/// An entity's id, counts and document lists say nothing the mentions do not, so
/// decoding rebuilds them ([`Entities::recount`], one pass over the mentions) rather
/// than downloading them: they were a quarter of the entity bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Stored", into = "Stored")]
pub struct Entities {
    pub entities: Vec<Entity>,
    pub mentions: Vec<Vec<Mention>>,
}

/// The shipped form of [`Entities`] (see there).
#[derive(Serialize, Deserialize)]
struct Stored {
    entities: Vec<StoredEntity>,
    mentions: Vec<Vec<StoredMention>>,
}

#[derive(Serialize, Deserialize)]
struct StoredEntity {
    name: String,
    kind: EntityType,
    aliases: Vec<String>,
}

/// A mention after the one before it in its document: the gap since that one's end, its
/// length shifted left by two over its [`Place`], and its entity. Mentions are sorted and
/// short, so the first two take a byte each where the span's offsets took two or three.
#[derive(Serialize, Deserialize)]
struct StoredMention {
    gap: u32,
    len_place: u64,
    entity: EntityId,
}

impl Place {
    /// The two bits a [`StoredMention`] keeps it in.
    fn bits(self) -> u64 {
        match self {
            Place::Text => 0,
            Place::Headline => 1,
            Place::Flagged => 2,
            Place::Removed => 3,
        }
    }

    fn from_bits(bits: u64) -> Place {
        match bits & 3 {
            0 => Place::Text,
            1 => Place::Headline,
            2 => Place::Flagged,
            _ => Place::Removed,
        }
    }
}

impl From<Entities> for Stored {
    fn from(all: Entities) -> Stored {
        let entities = all
            .entities
            .into_iter()
            .map(|e| StoredEntity {
                name: e.name,
                kind: e.kind,
                aliases: e.aliases,
            })
            .collect();
        let mentions = all
            .mentions
            .iter()
            .map(|found| {
                let mut end = 0;
                found
                    .iter()
                    .map(|m| {
                        let (gap, len) = crate::packed::pack_span(m.span, &mut end);
                        StoredMention {
                            gap,
                            len_place: u64::from(len) << 2 | m.place.bits(),
                            entity: m.entity,
                        }
                    })
                    .collect()
            })
            .collect();
        Stored { entities, mentions }
    }
}

impl From<Stored> for Entities {
    /// The stored entities and mentions, counted again. A damaged length (wider than a
    /// span can be) is cut to 32 bits: the store's checks then refuse the span it makes.
    fn from(stored: Stored) -> Entities {
        let entities = stored
            .entities
            .into_iter()
            .enumerate()
            .map(|(i, e)| Entity {
                aliases: e.aliases,
                ..Entity::new(EntityId(u32::try_from(i).unwrap_or(u32::MAX)), e.name, e.kind)
            })
            .collect();
        let mentions = stored
            .mentions
            .into_iter()
            .map(|found| {
                let mut end = 0;
                found
                    .into_iter()
                    .map(|m| Mention {
                        span: crate::packed::unpack_span((m.gap, (m.len_place >> 2) as u32), &mut end),
                        entity: m.entity,
                        place: Place::from_bits(m.len_place),
                    })
                    .collect()
            })
            .collect();
        let mut all = Entities { entities, mentions };
        all.recount();
        all
    }
}

impl Entities {
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(id.0 as usize)
    }

    /// The mentions in one document, in text order (empty for an unknown document).
    pub fn mentions_in(&self, doc: DocId) -> &[Mention] {
        self.mentions.get(doc.0 as usize).map_or(&[], Vec::as_slice)
    }

    /// Derives every entity's counts and documents from the mentions, so they always
    /// agree with what the views count (mentions of unknown entities are ignored).
    pub fn recount(&mut self) {
        for e in &mut self.entities {
            e.counts = MentionCounts::default();
            e.documents.clear();
            e.text_documents.clear();
        }
        for (d, found) in self.mentions.iter().enumerate() {
            let doc = DocId(u32::try_from(d).unwrap_or(u32::MAX));
            for m in found {
                let Some(e) = self.entities.get_mut(m.entity.0 as usize) else {
                    continue;
                };
                e.counts.add(m.place);
                if e.documents.last() != Some(&doc) {
                    e.documents.push(doc);
                }
                if m.place == Place::Text && e.text_documents.last() != Some(&doc) {
                    e.text_documents.push(doc);
                }
            }
        }
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
        assert_eq!(EntityType::ALL.iter().filter(|t| t.is_name()).count(), 12);
    }

    #[test]
    fn finds_by_name_or_alias_and_reads_mentions() {
        let entities = Entities {
            entities: vec![Entity {
                id: EntityId(0),
                name: "Xi Jinping".into(),
                kind: EntityType::Person,
                aliases: vec!["Xi".into()],
                counts: MentionCounts {
                    text: 2,
                    removed: 1,
                    ..MentionCounts::default()
                },
                documents: vec![DocId(0), DocId(1)],
                text_documents: vec![DocId(0)],
            }],
            mentions: vec![vec![Mention {
                span: Span::new(0, 2),
                entity: EntityId(0),
                place: Place::Text,
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

    #[test]
    fn counts_the_running_text_unless_asked_for_everything() {
        let mut counts = MentionCounts::default();
        for place in [
            Place::Text,
            Place::Text,
            Place::Headline,
            Place::Flagged,
            Place::Removed,
            Place::Removed,
        ] {
            counts.add(place);
        }
        assert_eq!(counts.counted(Counting::Text), 2);
        assert_eq!(counts.counted(Counting::Everything), 6);
        assert_eq!(
            counts.elsewhere(),
            [(Place::Headline, 1), (Place::Flagged, 1), (Place::Removed, 2)]
        );
        assert!(Counting::Text.counts(Place::Text));
        assert!(!Counting::Text.counts(Place::Flagged));
        assert!(Counting::Everything.counts(Place::Removed));
    }
}
