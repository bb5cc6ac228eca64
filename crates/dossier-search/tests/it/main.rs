//! dossier-search's integration tests, one binary: the query language as a user types it,
//! searching with the reader's tags, stars and notes, and searching before the index's
//! positions have arrived.

mod annotated;
mod before_positions;
mod query_snapshots;

use dossier_ingest::ingest;
use dossier_ingest::source::SourceFile;
use dossier_model::document::Corpus;

/// `articles` (headline, blank line, text) ingested as files `0.txt`, `1.txt`, ...
fn corpus_of(articles: &[&str]) -> Corpus {
    let files = articles
        .iter()
        .enumerate()
        .map(|(i, a)| SourceFile::new(format!("{i}.txt"), a.as_bytes().to_vec()))
        .collect();
    ingest(files)
}
