//! The pipeline's integration tests, one binary: ingest, entities, insights, search and
//! the embedded format run together on the seeds, the hostile fixtures, generated input
//! and (where `../shared` exists) the BBC corpus and CoNLL-2003. [`fixture`] builds the
//! seeds corpus once for all of them.

mod broken_files;
mod compare_seeds;
mod entities_props;
mod entities_seeds;
mod entity_conventions;
mod explore_bbc;
mod explore_seeds;
mod fixture;
mod fuzz_regressions;
mod hostile_fixtures;
mod ingest_snapshots;
mod names_bbc;
mod ner_conll;
mod ner_model;
mod never_panics;
mod one_count;
mod search_bbc;
mod search_entities;
mod search_props;
mod search_seeds;
mod seeds;
mod shared_corpora;
mod spans_props;
mod user_files_seeds;
