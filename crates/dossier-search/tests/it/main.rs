//! dossier-search's integration tests, one binary: the query language as a user types it,
//! and searching with the reader's tags, stars and notes.

mod annotated;
mod query_snapshots;
