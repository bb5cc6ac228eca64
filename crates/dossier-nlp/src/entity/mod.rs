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
pub use types::conll_label;

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

    /// Each document's mentions (span and type) as [`Recogniser::recognise`] has them once
    /// `last` and the stages before it have run: the ablation `cargo xtask eval-ner`
    /// scores, so a stage that loses what the tagger found shows as a drop in F1. At
    /// [`Stage::Tagger`] a location is a GPE and a MISC a NORP, the tagger's labels as
    /// they are; at [`Stage::Linking`] each mention has its entity's type.
    pub fn recognise_through(
        &self,
        corpus: &Corpus,
        model: &ner::Model,
        last: Stage,
    ) -> Vec<Vec<(Span, EntityType)>> {
        let lower_words = lower_case_words(corpus);
        let found: Vec<Vec<rules::Found>> = corpus
            .documents
            .iter()
            .map(|doc| stages(doc, model, &self.gazetteer, &self.rules, &lower_words, last))
            .collect();
        let pairs = |found: Vec<Vec<rules::Found>>| -> Vec<Vec<(Span, EntityType)>> {
            found
                .into_iter()
                .map(|names| names.into_iter().map(|f| (f.span, f.kind)).collect())
                .collect()
        };
        match last {
            Stage::TypeVote => pairs(link::vote_types(corpus, &found, &self.gazetteer)),
            Stage::Linking => {
                let entities = link::link(corpus, &found, &self.gazetteer);
                let kind = |m: &Mention| entities.entity(m.entity).map(|e| e.kind);
                entities
                    .mentions
                    .iter()
                    .map(|ms| ms.iter().filter_map(|m| Some((m.span, kind(m)?))).collect())
                    .collect()
            }
            _ => pairs(found),
        }
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

/// The stages of [`recognise`], in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// The tagger's mentions, as found.
    Tagger,
    /// Names cleaned and typed ([`names`]: titles, furniture, headline capitals, gazetteer).
    Names,
    /// Acronyms defined in parentheses added.
    Acronyms,
    /// A document's names found at their other mentions ([`propagate`]).
    Propagation,
    /// Dates, times and numbers by rule.
    Rules,
    /// An unlisted name's corpus-wide majority type.
    TypeVote,
    /// Mentions linked into entities, each typed as its entity.
    Linking,
}

impl Stage {
    /// Every stage, in the order they run.
    pub const ALL: [Stage; 7] = [
        Stage::Tagger,
        Stage::Names,
        Stage::Acronyms,
        Stage::Propagation,
        Stage::Rules,
        Stage::TypeVote,
        Stage::Linking,
    ];

    /// A short name for tables.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Tagger => "tagger",
            Stage::Names => "+ names (clean, type)",
            Stage::Acronyms => "+ acronyms",
            Stage::Propagation => "+ propagation",
            Stage::Rules => "+ date and number rules",
            Stage::TypeVote => "+ corpus-wide type vote",
            Stage::Linking => "+ linking",
        }
    }
}

fn recognise_document(
    doc: &Document,
    model: &ner::Model,
    gazetteer: &Gazetteer,
    rules: &Rules,
    lower_words: &HashSet<String>,
) -> Vec<rules::Found> {
    stages(doc, model, gazetteer, rules, lower_words, Stage::Rules)
}

/// One document through the per-document stages up to `last` (those after
/// [`Stage::Rules`] are corpus-wide).
fn stages(
    doc: &Document,
    model: &ner::Model,
    gazetteer: &Gazetteer,
    rules: &Rules,
    lower_words: &HashSet<String>,
    last: Stage,
) -> Vec<rules::Found> {
    let tagged = model.tag(&doc.text);
    if last == Stage::Tagger {
        return tagged
            .iter()
            .map(|m| rules::Found {
                span: m.span,
                kind: types::as_tagged(m.label),
            })
            .collect();
    }
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
    let mut found = names::clean(&doc.text, &tagged, &cx);
    if last >= Stage::Acronyms {
        names::add_parenthesised_acronyms(&doc.text, &mut found);
        names::add_parenthesised_event_names(&doc.text, &mut found);
    }
    if last >= Stage::Propagation {
        propagate::propagate(&doc.text, &mut found, &cx);
    }
    if last < Stage::Rules {
        return found;
    }
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
