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

#[cfg(test)]
mod fixture;
