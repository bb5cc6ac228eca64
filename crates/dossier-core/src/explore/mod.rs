//! Exploration views' data: what the entity page, the document x entity matrix, the
//! co-occurrence graph, the timeline and outlet comparison show, and their exports.
//!
//! The analysis modules ([`sentences`]) run once at build time in [`analyse`], after
//! entity recognition; their result, [`Insights`], is stored with the corpus, so the
//! browser only looks things up. The rest ([`kwic`], [`matrix`], [`compare`], [`layout`],
//! [`export`]) depends on what the user picks: pure functions over byte spans of the
//! corpus (no copies of its text) that the browser runs on demand.

pub mod compare;
pub mod export;
pub mod kwic;
pub mod layout;
pub mod matrix;
pub mod sentences;

use crate::document::{Corpus, DocId};
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// Everything the exploration views need that is computed at build time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Insights {
    /// Per document (same order as [`Corpus::documents`]): its sentences, sorted and
    /// disjoint, outside removed text.
    pub sentences: Vec<Vec<Span>>,
}

/// Reads a corpus whose entities are recognised (`corpus.entities`) into [`Insights`].
pub fn analyse(corpus: &Corpus) -> Insights {
    let sentences = corpus.documents.iter().map(sentences::sentences).collect();
    Insights { sentences }
}

impl Insights {
    /// The sentences of one document (empty for an unknown document).
    pub fn sentences_in(&self, doc: DocId) -> &[Span] {
        self.sentences.get(doc.0 as usize).map_or(&[], Vec::as_slice)
    }

    /// The sentence of `doc` holding the start of `span`; `None` when the span starts in
    /// removed text or between sentences.
    pub fn sentence_of(&self, doc: DocId, span: Span) -> Option<Span> {
        sentences::holding(self.sentences_in(doc), span)
    }
}
