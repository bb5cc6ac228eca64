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

/// The bytes the app embeds for an ingested `corpus`: its entities recognised with
/// `model`, the exploration analysis run over them and the search index built, as
/// `dossier_store` encodes them. What the build script runs.
pub fn embed(mut corpus: Corpus, model: &ner::Model) -> Vec<u8> {
    corpus.entities = entity::recognise(&corpus, model);
    corpus.insights = dossier_explore::analyse(&corpus);
    dossier_store::encode(&corpus, &dossier_search::index::build(&corpus))
}
