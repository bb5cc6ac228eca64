//! Full-text search: analysis, the index built at build time, the query language, the
//! ranking engine and snippets.
//!
//! Build time: [`index::build`] turns a [`dossier_model::Corpus`] into a [`SearchIndex`], stored
//! beside the corpus by [`dossier_store`]. Run time: [`Engine::search`] parses any string
//! ([`query`]), resolves words to terms with completions and typo corrections ([`plan`]),
//! ranks with BM25F and proximity ([`engine`]) and explains hits with marks and snippets
//! ([`snippet`]). [`Engine::search_annotated`] adds the reader's tags, stars and notes
//! ([`annotations`]).

pub mod analyze;
pub mod annotations;
pub mod engine;
pub mod index;
pub mod plan;
mod plan_cache;
pub mod query;
pub mod score;
pub mod snippet;
pub mod typo;

pub use annotations::{Annotations, AnnotationsBuilder, NoteIndex};
pub use engine::{DocMarks, Engine, Explanation, Hit, SearchResults};
pub use index::SearchIndex;
pub use query::{parse, Mark, MarkFilter, Query, QueryNote};
pub use snippet::Snippet;
