//! Exploration views' data: what the entity page, the document x entity matrix, the
//! co-occurrence graph, the timeline and outlet comparison show, and their exports.
//!
//! The analysis modules ([`sentences`], [`quotes`], [`timeline`], [`cooccur`]) run once
//! at build time in [`analyse`], after entity recognition; their result, [`Insights`],
//! is stored with the corpus (its types live in `dossier_model::insights`), so the browser
//! only looks things up. The rest ([`facets`], [`kwic`], [`matrix`], [`compare`],
//! [`graph`], [`layout`], [`export`]) depends on what the user picks: pure functions over
//! byte spans of the corpus (no copies of its text) that the browser runs on demand.

pub mod compare;
pub mod cooccur;
pub mod export;
pub mod facets;
pub mod graph;
pub mod kwic;
pub mod layout;
pub mod matrix;
pub mod quotes;
pub mod sentences;
pub mod timeline;
pub mod timeline_axis;

pub use dossier_model::insights::{
    Cooccurrence, DatedMention, Edge, Insights, Precision, Quote, Related, Unit,
};

use dossier_model::document::Corpus;
use dossier_model::span::Span;

/// Reads a corpus whose entities are recognised (`corpus.entities`) into [`Insights`].
pub fn analyse(corpus: &Corpus) -> Insights {
    let sentences: Vec<Vec<Span>> = corpus.documents.iter().map(sentences::sentences).collect();
    Insights {
        quotes: quotes::find_all(corpus, &sentences),
        dated: timeline::resolve_all(corpus, &sentences),
        cooccurrence: cooccur::count(corpus, &sentences),
        sentences,
    }
}

/// A one-document corpus with hand-named entities, for the analyses' unit tests.
#[cfg(test)]
pub(crate) mod fixture {
    use dossier_ingest::ingest;
    use dossier_ingest::source::SourceFile;
    use dossier_model::document::{Corpus, DocId, Treatment};
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
            let mut count = 0;
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
                let in_removed = doc
                    .regions
                    .iter()
                    .any(|r| r.kind.treatment() == Treatment::Removed && r.span.contains(span));
                mentions.push(Mention {
                    span,
                    entity: id,
                    in_removed,
                });
                count += 1;
            }
            entities.push(Entity {
                id,
                name: name.to_owned(),
                kind,
                aliases: Vec::new(),
                mentions: count,
                documents: vec![DocId(0)],
            });
        }
        mentions.sort();
        corpus.entities = Entities {
            entities,
            mentions: vec![mentions],
        };
        corpus
    }
}
