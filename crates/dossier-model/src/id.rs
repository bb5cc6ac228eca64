//! Ids of stored things that every layer names: its own module, below the corpus, so
//! the entity model and the insights can point at documents without importing them.

use serde::{Deserialize, Serialize};

/// A document's position in `Corpus::documents`; stable for a given corpus build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DocId(pub u32);
