//! Exploration views' data: what the entity page, the document x entity matrix, the
//! co-occurrence graph, the timeline and outlet comparison show, and their exports.
//!
//! The analysis modules ([`sentences`], [`quotes`], [`timeline`], [`cooccur`]) run once
//! at build time in [`analyse`], after entity recognition; their result, [`Insights`],
//! is stored with the corpus (its types live in `dossier_model::insights`), so the browser
//! only looks things up. The rest ([`facets`], [`kwic`], [`matrix`], [`compare`],
//! [`graph`], [`layout`], [`export`], [`names`]) depends on what the user picks: pure functions over
//! byte spans of the corpus (no copies of its text) that the browser runs on demand.

pub mod compare;
pub mod cooccur;
pub mod export;
pub mod facets;
pub mod graph;
pub mod kwic;
pub mod layout;
pub mod matrix;
pub mod names;
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

/// [`Insights`] again for `corpus`'s entities after the reader corrected them
/// (`dossier_work::apply`), keeping the sentences its insights already hold: the quotes'
/// speakers, the dated mentions and co-occurrence name entities, the sentences do not.
/// The same result as [`analyse`], without segmenting the texts again.
pub fn relink(corpus: &Corpus) -> Insights {
    let sentences = &corpus.insights.sentences;
    Insights {
        quotes: quotes::find_all(corpus, sentences),
        dated: timeline::resolve_all(corpus, sentences),
        cooccurrence: cooccur::count(corpus, sentences),
        sentences: sentences.clone(),
    }
}

#[cfg(test)]
mod fixture;

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::entity::{EntityId, EntityType};

    #[test]
    fn relinking_after_an_entity_change_equals_a_fresh_analysis() {
        let mut corpus = fixture::corpus(
            "Leaders meet at the summit\n\n\"We are friends,\" Xi Jinping said on September 15. \
             Vladimir Putin met Xi Jinping in Samarkand.\n",
            &[
                ("Xi Jinping", EntityType::Person),
                ("Vladimir Putin", EntityType::Person),
                ("Samarkand", EntityType::Gpe),
                ("September 15", EntityType::Date),
            ],
        );
        corpus.insights = analyse(&corpus);
        // The reader says Samarkand is no entity: its mentions go, and the ids after it move.
        corpus.entities.mentions[0].retain(|m| m.entity != EntityId(2));
        for m in &mut corpus.entities.mentions[0] {
            if m.entity == EntityId(3) {
                m.entity = EntityId(2);
            }
        }
        corpus.entities.entities.remove(2);
        corpus.entities.entities[2].id = EntityId(2);
        let relinked = relink(&corpus);
        assert_eq!(relinked, analyse(&corpus));
        assert_ne!(relinked, corpus.insights, "the old insights named Samarkand");
    }
}
