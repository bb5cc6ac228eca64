//! What the exploration views need that the build computes once and stores with the
//! corpus ([`Insights`]): sentences, attributed quotes, dated mentions and co-occurrence.
//! `dossier_explore::analyse` fills it; the browser only looks things up.

mod cooccurrence;
mod dated;
mod quote;

pub use cooccurrence::{Cooccurrence, Edge, Related, Unit, Units};
pub use dated::{DatedMention, Precision};
pub use quote::Quote;

use crate::entity::EntityId;
use crate::id::DocId;
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// Everything the exploration views need that is computed at build time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Insights {
    /// Per document (same order as `Corpus::documents`): its sentences, sorted and
    /// disjoint, outside removed text.
    #[serde(with = "crate::packed::spans_per_doc")]
    pub sentences: Vec<Vec<Span>>,
    /// Attributed direct quotes, by document and position.
    #[serde(with = "quote::stored")]
    pub quotes: Vec<Quote>,
    /// DATE mentions placed on the calendar, by document and position.
    #[serde(with = "dated::stored")]
    pub dated: Vec<DatedMention>,
    /// Name entities' co-occurrence in sentences and paragraphs.
    pub cooccurrence: Cooccurrence,
}

impl Insights {
    /// The sentences of one document (empty for an unknown document).
    pub fn sentences_in(&self, doc: DocId) -> &[Span] {
        self.sentences.get(doc.0 as usize).map_or(&[], Vec::as_slice)
    }

    /// The quotes attributed to `entity`, in corpus order.
    pub fn quotes_by(&self, entity: EntityId) -> impl Iterator<Item = &Quote> {
        self.quotes.iter().filter(move |q| q.speaker == entity)
    }

    /// The sentence of `doc` holding the start of `span`; `None` when the span starts in
    /// removed text or between sentences.
    pub fn sentence_of(&self, doc: DocId, span: Span) -> Option<Span> {
        holding(self.sentences_in(doc), span)
    }
}

/// The sentence of `sentences` (sorted, disjoint) that holds the start of `span`.
pub fn holding(sentences: &[Span], span: Span) -> Option<Span> {
    let i = sentences.partition_point(|s| s.end <= span.start);
    sentences
        .get(i)
        .copied()
        .filter(|s| s.start <= span.start && span.start < s.end)
}
