//! Entities: the people, organisations, places, groups, events, dates and numbers a
//! corpus mentions, recognised per document and linked across documents.
//!
//! [`recognise`] runs at build time over the ingested corpus: the [`crate::ner`] tagger
//! finds names, [`names`] cleans and types them (gazetteer, titles, page furniture,
//! headline capitals), [`propagate`] finds a name's other mentions in the document,
//! [`rules`] adds dates, times and numbers, and [`link`] groups mentions into
//! [`Entity`]s. The result ([`Entities`]) is stored with the corpus, so the browser only
//! reads it.

mod dates;
mod gazetteer;
mod link;
mod names;
mod numbers;
mod propagate;
mod rule_set;
mod rules;
mod titles;
mod types;

pub use dossier_model::entity::{Entities, Entity, EntityId, EntityType, Mention};

use crate::ner;
use dossier_model::document::{Corpus, Document, RegionKind};
use dossier_model::span::Span;
use gazetteer::Gazetteer;
use rules::{claim, Rules};
use std::collections::HashSet;

/// Recognises and links the entities of every document of `corpus`. Mentions are byte
/// spans of each document's text, sorted and never overlapping.
pub fn recognise(corpus: &Corpus, model: &ner::Model) -> Entities {
    recognise_with_progress(corpus, model, |_| {})
}

/// [`recognise`], calling `on_document` with the number of documents done after each one
/// (cross-document linking, the shorter last step, follows the last call): for a progress
/// bar over a large corpus.
pub fn recognise_with_progress(
    corpus: &Corpus,
    model: &ner::Model,
    on_document: impl FnMut(usize),
) -> Entities {
    Recogniser::new().recognise_with_progress(corpus, model, on_document)
}

/// The gazetteer and the compiled date and number rules, built once for callers that
/// recognise many corpora (the fuzzer, tests): building them costs far more than
/// recognising a short article.
pub struct Recogniser {
    gazetteer: Gazetteer,
    rules: Rules,
}

impl Default for Recogniser {
    fn default() -> Recogniser {
        Recogniser::new()
    }
}

impl Recogniser {
    pub fn new() -> Recogniser {
        Recogniser {
            gazetteer: Gazetteer::embedded(),
            rules: rule_set::standard(),
        }
    }

    /// What [`recognise`] returns, with this recogniser's tables.
    pub fn recognise(&self, corpus: &Corpus, model: &ner::Model) -> Entities {
        self.recognise_with_progress(corpus, model, |_| {})
    }

    /// What [`recognise_with_progress`] does, with this recogniser's tables.
    pub fn recognise_with_progress(
        &self,
        corpus: &Corpus,
        model: &ner::Model,
        mut on_document: impl FnMut(usize),
    ) -> Entities {
        let lower_words = lower_case_words(corpus);
        let found: Vec<Vec<rules::Found>> = corpus
            .documents
            .iter()
            .enumerate()
            .map(|(i, doc)| {
                let found = recognise_document(doc, model, &self.gazetteer, &self.rules, &lower_words);
                on_document(i + 1);
                found
            })
            .collect();
        link::link(corpus, &found, &self.gazetteer)
    }

    /// The entities of `corpus` when its first documents were recognised before, as
    /// `known` (a corpus's stored entities, whose `mentions` cover a prefix of
    /// `corpus.documents`): only the documents after that prefix are tagged, then every
    /// mention is linked again, so a name in a new document joins the entity the old ones
    /// know ("Putin" to Vladimir Putin). Tagging is the costly step (seconds on thousands
    /// of articles); linking is corpus-wide and cheap, and entity ids may change.
    /// `on_document` gets the number of new documents tagged so far.
    pub fn recognise_added(
        &self,
        corpus: &Corpus,
        known: &Entities,
        model: &ner::Model,
        mut on_document: impl FnMut(usize),
    ) -> Entities {
        let lower_words = lower_case_words(corpus);
        let kind_of = |m: &Mention| known.entity(m.entity).map(|e| e.kind);
        let found: Vec<Vec<rules::Found>> = corpus
            .documents
            .iter()
            .enumerate()
            .map(|(i, doc)| match known.mentions.get(i) {
                Some(mentions) => mentions
                    .iter()
                    .filter_map(|m| {
                        Some(rules::Found {
                            span: m.span,
                            kind: kind_of(m)?,
                        })
                    })
                    .collect(),
                None => {
                    let found = recognise_document(doc, model, &self.gazetteer, &self.rules, &lower_words);
                    on_document(i + 1 - known.mentions.len());
                    found
                }
            })
            .collect();
        link::link(corpus, &found, &self.gazetteer)
    }
}

fn recognise_document(
    doc: &Document,
    model: &ner::Model,
    gazetteer: &Gazetteer,
    rules: &Rules,
    lower_words: &HashSet<String>,
) -> Vec<rules::Found> {
    let chrome: Vec<Span> = doc
        .regions
        .iter()
        .filter(|r| names::is_chrome(r.kind))
        .map(|r| r.span)
        .collect();
    let spliced: Vec<Span> = doc
        .regions
        .iter()
        .filter(|r| r.kind == RegionKind::SplicedHeadline)
        .map(|r| r.span)
        .collect();
    let cx = names::Context {
        gazetteer,
        lower_words,
        chrome: &chrome,
        spliced: &spliced,
    };
    let mut found = names::clean(&doc.text, &model.tag(&doc.text), &cx);
    names::add_parenthesised_acronyms(&doc.text, &mut found);
    propagate::propagate(&doc.text, &mut found, &cx);
    for value in rules::find(rules, &doc.text) {
        if !cx.in_chrome(value.span) {
            claim(&mut found, value);
        }
    }
    found
}

/// Every word the corpus writes in lower case, lower-cased.
fn lower_case_words(corpus: &Corpus) -> HashSet<String> {
    let mut words = HashSet::new();
    for doc in &corpus.documents {
        for word in doc.text.split(|c: char| !c.is_alphanumeric()) {
            if word.starts_with(char::is_lowercase) && !words.contains(word) {
                words.insert(word.to_owned());
            }
        }
    }
    words
}
