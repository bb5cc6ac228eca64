//! dossier-search's integration tests, one binary: the query language as a user types it,
//! searching with the reader's tags, stars and notes, and searching before the index's
//! positions have arrived.

mod annotated;
mod before_positions;
mod query_snapshots;
