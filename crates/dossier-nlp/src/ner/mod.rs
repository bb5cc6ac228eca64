//! Named-entity recognition: a statistical tagger that finds people, organisations,
//! places and other names in raw text.
//!
//! A structured averaged perceptron over BILOU tags ([`label`]), decoded with Viterbi
//! ([`decode`]), over word, shape, affix, neighbour, word-cluster ([`clusters`]) and
//! document-level features ([`features`]), trained on CoNLL-2003 ([`train`], [`conll`]) and
//! scored conlleval-style ([`eval`]). Raw text is cut into CoNLL-like tokens first
//! ([`tokenize`]). The trained, quantised model is embedded ([`format`]); this module does
//! no I/O, spawns no threads and reads no clock, so it runs unchanged in wasm.
//!
//! ```
//! use dossier_nlp::ner::{Label, Model};
//!
//! let model = Model::from_bytes(dossier_nlp::ner::MODEL).unwrap();
//! let text = "Vladimir Putin met Xi Jinping in Samarkand.";
//! let found: Vec<(&str, Label)> = model.tag(text).iter().map(|m| (&text[m.span.range()], m.label)).collect();
//! assert_eq!(found, [("Vladimir Putin", Label::Person), ("Xi Jinping", Label::Person), ("Samarkand", Label::Location)]);
//! ```

pub mod clusters;
pub mod conll;
mod decode;
pub mod eval;
mod features;
mod format;
mod label;
pub mod tokenize;
pub mod train;

pub use format::{ModelError, FORMAT_VERSION, MAGIC};
pub use label::{Entity, Label};

use clusters::Clusters;
use decode::{Passes, Scorer, Scratch};
use dossier_model::span::Span;
use features::{hash, Doc, FeatureIndex};
use label::N_TAGS;

/// The model trained by `cargo xtask train-ner`, committed with the code.
pub const MODEL: &[u8] = include_bytes!("../../models/ner.bin");

/// A name found in text: the bytes it covers and what it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Mention {
    pub span: Span,
    pub label: Label,
}

/// A trained tagger, decoded from its file.
pub struct Model {
    index: FeatureIndex,
    rows: Vec<i8>,
    /// What each weight code stands for, indexed by the code's byte.
    weights: [f32; 256],
    transitions: Vec<f32>,
    clusters: Clusters,
}

impl Model {
    /// Decodes a model file, refusing damaged or foreign bytes with the reason.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let tables = format::decode(bytes)?;
        Ok(Model {
            index: tables.index,
            rows: tables.rows,
            weights: tables.weights,
            transitions: tables.transitions,
            clusters: tables.clusters,
        })
    }

    /// The number of features with a weight.
    pub fn feature_count(&self) -> usize {
        self.index.len()
    }

    /// The names in `text` (treated as one document), in text order.
    pub fn tag(&self, text: &str) -> Vec<Mention> {
        let tokens = tokenize::tokenize(text);
        let sentences = tokenize::sentences(&tokens);
        let words: Vec<&str> = tokens.iter().map(|t| t.text).collect();
        let mut doc = Doc::new(&words, sentences, &self.clusters);
        let tags = decode::tag_document(self, &mut doc, &mut Scratch::default(), Passes::Two);
        let mut out = Vec::new();
        for range in &doc.sentences {
            for e in label::decode(&tags[range.clone()]) {
                let first = tokens[range.start + e.start].span;
                let last = tokens[range.start + e.end - 1].span;
                out.push(Mention {
                    span: Span {
                        start: first.start,
                        end: last.end,
                    },
                    label: e.label,
                });
            }
        }
        out
    }

    /// The entities of one already tokenised document, sentence by sentence (token
    /// ranges), for evaluation on gold tokens.
    pub fn tag_tokens(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Entity>> {
        tag_sentences(self, sentences, Passes::Two)
    }
}

/// Tags a tokenised document with any scorer (a loaded model or one in training).
fn tag_sentences(scorer: &impl Scorer, sentences: &[Vec<&str>], passes: Passes) -> Vec<Vec<Entity>> {
    let words: Vec<&str> = sentences.iter().flatten().copied().collect();
    let mut ranges = Vec::with_capacity(sentences.len());
    let mut at = 0;
    for s in sentences {
        ranges.push(at..at + s.len());
        at += s.len();
    }
    let mut doc = Doc::new(&words, ranges, scorer.clusters());
    let tags = decode::tag_document(scorer, &mut doc, &mut Scratch::default(), passes);
    doc.sentences
        .iter()
        .map(|r| label::decode(&tags[r.clone()]))
        .collect()
}

impl Scorer for Model {
    fn add_feature(&self, key: &[u8], scores: &mut [f32]) {
        if let Some(&row) = self.index.get(&hash(key)) {
            let row = &self.rows[row as usize * N_TAGS..(row as usize + 1) * N_TAGS];
            for (s, &w) in scores.iter_mut().zip(row) {
                *s += self.weights[usize::from(w as u8)];
            }
        }
    }

    fn transition(&self, from: usize, to: usize) -> f32 {
        self.transitions[from * N_TAGS + to]
    }

    fn clusters(&self) -> &Clusters {
        &self.clusters
    }
}
