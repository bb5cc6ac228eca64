//! The corpus and search index the build step embedded, and the handle components share
//! them through.

use dossier_explore::facets::FacetIndex;
use dossier_model::entity::Counting;
use dossier_model::Corpus;
use dossier_search::Engine;
use dossier_store::{decode, StoreError};
use std::cell::OnceCell;
use std::ops::Deref;
use std::rc::Rc;

/// Written by `build.rs` from `seeds/` (or `DOSSIER_CORPUS`): the corpus and its index.
pub static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"));

/// Decodes the embedded corpus and index: no ingest or tokenising is redone here.
pub fn embedded() -> Result<Engine, StoreError> {
    decode(EMBEDDED)
}

/// The searchable corpus as a context value. Equality is identity: it never changes
/// while the app runs, so comparing pointers is exact and free.
#[derive(Clone)]
pub struct CorpusHandle(Rc<Loaded>);

struct Loaded {
    engine: Engine,
    /// Built on first use (the first facet count), not before the first paint: one
    /// counting the running text, one counting everything.
    facets: [OnceCell<FacetIndex>; 2],
}

impl CorpusHandle {
    pub fn new(engine: Engine) -> CorpusHandle {
        CorpusHandle(Rc::new(Loaded {
            engine,
            facets: [OnceCell::new(), OnceCell::new()],
        }))
    }

    pub fn engine(&self) -> &Engine {
        &self.0.engine
    }

    pub fn facets(&self, counting: Counting) -> &FacetIndex {
        let slot = match counting {
            Counting::Text => 0,
            Counting::Everything => 1,
        };
        self.0.facets[slot].get_or_init(|| FacetIndex::new(self.0.engine.corpus(), counting))
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
        self.0.engine.corpus()
    }
}

/// The corpus every view reads, from the context `UserDocuments` (`views::user_docs`)
/// (or a test harness) provides above the router: one place says what is missing when it
/// is not there.
#[yew::hook]
pub fn use_corpus() -> CorpusHandle {
    yew::use_context::<CorpusHandle>().expect("views need a CorpusHandle context above them")
}
