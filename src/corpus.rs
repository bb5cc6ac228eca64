//! The corpus the build step embedded, and the handle components share it through.

use dossier_core::store::{decode_corpus, StoreError};
use dossier_core::Corpus;
use std::ops::Deref;
use std::rc::Rc;

/// Written by `build.rs` from `seeds/` (or `DOSSIER_CORPUS`).
static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"));

/// Decodes the embedded corpus: no ingest work is redone here.
pub fn embedded() -> Result<Corpus, StoreError> {
    decode_corpus(EMBEDDED)
}

/// The corpus as a context value. Equality is identity: the corpus never changes while
/// the app runs, so comparing pointers is exact and free.
#[derive(Clone, Debug)]
pub struct CorpusHandle(pub Rc<Corpus>);

impl PartialEq for CorpusHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for CorpusHandle {
    type Target = Corpus;
    fn deref(&self) -> &Corpus {
        &self.0
    }
}
