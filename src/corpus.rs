//! The corpus and search index the build step embedded, and the handle components share
//! them through.

use dossier_core::search::Engine;
use dossier_core::store::{decode, StoreError};
use dossier_core::Corpus;
use std::ops::Deref;
use std::rc::Rc;

/// Written by `build.rs` from `seeds/` (or `DOSSIER_CORPUS`): the corpus and its index.
static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"));

/// Decodes the embedded corpus and index: no ingest or tokenising is redone here.
pub fn embedded() -> Result<Engine, StoreError> {
    decode(EMBEDDED)
}

/// The searchable corpus as a context value. Equality is identity: it never changes
/// while the app runs, so comparing pointers is exact and free.
#[derive(Clone)]
pub struct CorpusHandle(pub Rc<Engine>);

impl CorpusHandle {
    pub fn engine(&self) -> &Engine {
        &self.0
    }
}

impl PartialEq for CorpusHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for CorpusHandle {
    type Target = Corpus;
    fn deref(&self) -> &Corpus {
        self.0.corpus()
    }
}
