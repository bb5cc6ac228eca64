//! A one-document corpus with hand-named entities, for the analyses' unit tests.

use dossier_ingest::ingest;
use dossier_ingest::source::SourceFile;
use dossier_model::document::Corpus;
use dossier_model::entity::{Entities, Entity, EntityId, EntityType, Mention};
use dossier_model::span::Span;

/// `text` ingested as one file; every whole-word occurrence of each name becomes a
/// mention of that entity (an earlier name wins where two overlap).
pub fn corpus(text: &str, names: &[(&str, EntityType)]) -> Corpus {
    let mut corpus = ingest(vec![SourceFile::new("a.txt", text.as_bytes().to_vec())]);
    let doc = &corpus.documents[0];
    let mut mentions: Vec<Mention> = Vec::new();
    let mut entities = Vec::new();
    for (i, &(name, kind)) in names.iter().enumerate() {
        let id = EntityId(i as u32);
        for (at, _) in doc.text.match_indices(name) {
            let span = Span::new(at, at + name.len());
            let bounded = !doc.text[..at].ends_with(char::is_alphanumeric)
                && !doc.text[span.end as usize..].starts_with(char::is_alphanumeric);
            if !bounded
                || mentions
                    .iter()
                    .any(|m| m.span.start < span.end && span.start < m.span.end)
            {
                continue;
            }
            mentions.push(Mention {
                span,
                entity: id,
                place: doc.place_of(span),
            });
        }
        entities.push(Entity::new(id, name, kind));
    }
    mentions.sort();
    corpus.entities = Entities {
        entities,
        mentions: vec![mentions],
    };
    corpus.entities.recount();
    corpus
}
