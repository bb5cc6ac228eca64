//! Dossier's stored types: what the build writes and the browser reads.
//!
//! The corpus ([`Corpus`], [`Document`], regions, dates, spans), the entity model
//! ([`entity::Entities`]) and the exploration views' stored data
//! ([`insights::Insights`]). This crate depends on `serde` alone and holds no analysis:
//! the crates above fill these types (`dossier-ingest`, `dossier-nlp`,
//! `dossier-explore`) and read them (`dossier-search`, `dossier-store`, the app).

pub mod date;
pub mod document;
pub mod entity;
pub mod id;
pub mod insights;
pub mod packed;
pub mod span;
pub mod text;

pub use document::{Corpus, Document};
pub use span::Span;
