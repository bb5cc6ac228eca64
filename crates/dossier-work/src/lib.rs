//! The reader's work on a corpus: tags, stars, notes on passages, entity corrections,
//! name lists and saved searches, as typed records ([`work`]); corrections applied to
//! the recognised entities as a pure function ([`apply`]); and the case file that
//! carries all of it to another browser ([`case_file`], merged by [`merge`]). The page
//! edits and stores the work one [`Change`] at a time ([`change`]).
//!
//! Work names documents by the hash of their text ([`doc_key`]) and entities by name and
//! type ([`correction`]), never by ids alone, so it survives a rebuild of the corpus.
//! This crate depends on the model and serde alone: no DOM, no search, no tagger, no
//! clock (times are numbers the caller supplies), so all of it is tested natively.

pub mod apply;
pub mod case_file;
pub mod change;
pub mod correction;
pub mod doc_key;
pub mod merge;
pub mod work;

pub use apply::apply;
pub use change::Change;
pub use correction::{Correction, EntityRef, MentionRef};
pub use doc_key::{ContentHash, DocHashes, DocKey};
pub use work::Work;
