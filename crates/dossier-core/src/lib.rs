//! Dossier's core: everything that is not UI, in pure Rust.
//!
//! The pipeline is `source` (read a folder) -> `decode` (bytes to text) -> `ingest`
//! (clean, metadata, split into documents) -> `search::index` (the inverted index) ->
//! `store` (the compact binary the app embeds). The app calls [`store::decode`] and then
//! [`search::Engine`] to query; everything else runs at build time,
//! natively, and is tested with `cargo test`. This crate never touches the DOM and does
//! no I/O outside [`source`].
//!
//! ```
//! use dossier_core::{ingest, search, source::SourceFile, store};
//!
//! let file = SourceFile::new("a.txt", b"Ad sales boost profit\n\nQuarterly profits rose 76% in the three months to December, the firm said.\n".to_vec());
//! let corpus = ingest::ingest(vec![file]);
//! assert_eq!(corpus.documents[0].title.text, "Ad sales boost profit");
//! let bytes = store::encode(&corpus, &search::index::build(&corpus));
//! let engine = store::decode(&bytes).unwrap();
//! assert_eq!(engine.search("profits", false).hits[0].doc, corpus.documents[0].id);
//! ```

mod check;
pub mod date;
pub mod decode;
pub mod document;
pub mod entity;
mod envelope;
pub mod explore;
pub mod facets;
pub mod file_offsets;
pub mod fst_guard;
pub mod ingest;
pub mod ner;
pub mod search;
pub mod source;
pub mod span;
pub mod store;
mod text;
pub mod user_files;

pub use document::{Corpus, Document};
pub use span::Span;
