//! Entities: the names, dates and numbers a corpus mentions, recognised per document and
//! linked across documents.
//!
//! [`recognise`] runs at build time over the ingested corpus with the [`crate::ner`]
//! tagger; the result ([`Entities`]) is stored with the corpus, so the browser only reads
//! it.

mod gazetteer;
mod model;
mod types;

pub use model::{Entities, Entity, EntityId, EntityType, Mention};

use crate::document::{Corpus, Treatment};
use crate::ner;
use crate::span::Span;
use std::collections::HashMap;

/// Recognises and links the entities of every document of `corpus`.
pub fn recognise(corpus: &Corpus, model: &ner::Model) -> Entities {
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_key: HashMap<(String, EntityType), EntityId> = HashMap::new();
    let mut mentions = Vec::with_capacity(corpus.documents.len());
    let gazetteer = gazetteer::Gazetteer::embedded();
    for doc in &corpus.documents {
        let mut found = Vec::new();
        for m in model.tag(&doc.text) {
            let name = doc.slice(m.span).to_owned();
            let Some(kind) = types::refine(m.label, &name, &gazetteer) else {
                continue;
            };
            let id = *by_key.entry((name.clone(), kind)).or_insert_with(|| {
                let id = EntityId(u32::try_from(entities.len()).unwrap_or(u32::MAX));
                entities.push(Entity {
                    id,
                    name,
                    kind,
                    aliases: Vec::new(),
                    mentions: 0,
                    documents: Vec::new(),
                });
                id
            });
            let entity = &mut entities[id.0 as usize];
            entity.mentions += 1;
            if entity.documents.last() != Some(&doc.id) {
                entity.documents.push(doc.id);
            }
            found.push(Mention {
                span: m.span,
                entity: id,
                in_removed: in_removed(doc, m.span),
            });
        }
        mentions.push(found);
    }
    Entities { entities, mentions }
}

/// Does `span` overlap text ingest removed as page furniture?
fn in_removed(doc: &crate::Document, span: Span) -> bool {
    doc.regions.iter().any(|r| {
        r.kind.treatment() == Treatment::Removed && r.span.start < span.end && span.start < r.span.end
    })
}
