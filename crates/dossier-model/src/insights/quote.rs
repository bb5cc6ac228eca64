//! A direct quote attributed to an entity, found at build time by
//! `dossier_explore::quotes`.

use crate::entity::EntityId;
use crate::id::DocId;
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// A direct quote attributed to an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub doc: DocId,
    /// The quoted words, inside the marks, trimmed.
    pub text: Span,
    pub speaker: EntityId,
    /// The attribution words ("Denisov said", "said Denisov", "he added", "according to
    /// the Kremlin").
    pub cue: Span,
}
