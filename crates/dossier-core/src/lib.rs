//! Dossier's pipeline: what the build and the document worker run, end to end.
//!
//! [`embed`] takes an ingested corpus (a folder read by `dossier_ingest::load_corpus`) through
//! entity recognition (`dossier_nlp`), the exploration analysis (`dossier_explore`) and the
//! index (`dossier_search`) to the bytes `dossier_store` writes; [`user_files`] merges the
//! reader's own documents into an embedded corpus the same way, in the worker.
//!
//! ```
//! use dossier_ingest::{ingest, source::SourceFile};
//!
//! let file = SourceFile::new("a.txt", b"Ad sales boost profit\n\nQuarterly profits rose 76% in the three months to December, the firm said.\n".to_vec());
//! let corpus = ingest(vec![file]);
//! assert_eq!(corpus.documents[0].title.text, "Ad sales boost profit");
//! let bytes = dossier_store::encode(&corpus, &dossier_search::index::build(&corpus));
//! let engine = dossier_store::decode(&bytes).unwrap();
//! assert_eq!(engine.search("profits", false).hits[0].doc, corpus.documents[0].id);
//! ```

pub mod user_files;

use dossier_model::Corpus;
use dossier_nlp::{entity, ner};
use dossier_search::SearchIndex;

/// An ingested `corpus` with its entities recognised with `model` and the exploration
/// analysis run over them, and its search index: everything the build computes.
pub fn analyse(corpus: Corpus, model: &ner::Model) -> (Corpus, SearchIndex) {
    analyse_in_stages(corpus, model, |_| ())
}

/// [`analyse`], telling `done` the name of each stage as it ends ("entities", "insights",
/// "index"): the build times them (this crate reads no clock: the worker runs it in wasm,
/// which has none).
pub fn analyse_in_stages(
    mut corpus: Corpus,
    model: &ner::Model,
    mut done: impl FnMut(&'static str),
) -> (Corpus, SearchIndex) {
    corpus.entities = entity::recognise(&corpus, model);
    done("entities");
    corpus.insights = dossier_explore::analyse(&corpus);
    done("insights");
    let index = dossier_search::index::build(&corpus);
    done("index");
    (corpus, index)
}

/// The bytes the app ships for an ingested `corpus`: [`analyse`]d, as `dossier_store`
/// encodes them. What the build's corpus step (`cargo xtask corpus-data`) writes.
pub fn embed(corpus: Corpus, model: &ner::Model) -> Vec<u8> {
    let (corpus, index) = analyse(corpus, model);
    dossier_store::encode(&corpus, &index)
}
