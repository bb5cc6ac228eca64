//! dossier-search's integration tests, one binary: the query language as a user types it.

mod query_snapshots;
