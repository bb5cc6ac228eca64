//! The seeds corpus, as every integration test starts from it: the five articles of
//! `seeds/` read, ingested, tagged and analysed once per test run.

use dossier_ingest::source::{read_corpus_dir, SourceFile};
use dossier_model::Corpus;
use dossier_nlp::{entity, ner};
use std::path::Path;
use std::sync::OnceLock;

/// The files of `seeds/`, in name order; every one of them readable.
pub fn seed_files() -> Vec<SourceFile> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let (files, unreadable) = read_corpus_dir(&dir).expect("seeds folder");
    assert!(unreadable.is_empty(), "unreadable seeds: {unreadable:?}");
    files
}

/// The embedded tagger, loaded once.
pub fn model() -> &'static ner::Model {
    static MODEL: OnceLock<ner::Model> = OnceLock::new();
    MODEL.get_or_init(|| ner::Model::from_bytes(ner::MODEL).expect("embedded model"))
}

/// The seeds as the build embeds them: ingested, entities recognised, insights analysed.
pub fn analysed() -> &'static Corpus {
    static SEEDS: OnceLock<Corpus> = OnceLock::new();
    SEEDS.get_or_init(|| analysed_with(model()))
}

/// [`analysed`] with `model`, a fresh copy.
pub fn analysed_with(model: &ner::Model) -> Corpus {
    let mut corpus = dossier_ingest::ingest(seed_files());
    corpus.entities = entity::recognise(&corpus, model);
    corpus.insights = dossier_explore::analyse(&corpus);
    corpus
}
