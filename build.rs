//! The build step: ingests the corpus folder (`dossier-ingest`), runs the pipeline
//! (`dossier_core::embed`: entities, insights, the search index) and writes the compact binary that `src/corpus.rs` embeds with `include_bytes!`.
//!
//! The folder is `seeds/` unless `DOSSIER_CORPUS` names another (relative paths are taken
//! from the repository root). Cargo reruns this script when a file in the folder or the
//! variable changes, so the app always embeds the corpus on disk.

use dossier_nlp::ner;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    println!("cargo:rerun-if-env-changed=DOSSIER_CORPUS");
    let dir = std::env::var_os("DOSSIER_CORPUS").map_or_else(|| PathBuf::from("seeds"), PathBuf::from);
    println!("cargo:rerun-if-changed={}", dir.display());

    let corpus = match dossier_ingest::load_corpus(&dir) {
        Ok(corpus) => corpus,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    for skipped in &corpus.skipped {
        println!("cargo:warning={skipped}");
    }
    if corpus.documents.is_empty() {
        eprintln!(
            "error: the corpus folder {} holds no readable article (.txt files): nothing to embed. \
             Put articles there or point DOSSIER_CORPUS at a folder of .txt files.",
            dir.display()
        );
        return ExitCode::FAILURE;
    }

    let model = match ner::Model::from_bytes(ner::MODEL) {
        Ok(model) => model,
        Err(e) => {
            eprintln!(
                "error: the embedded entity tagger (crates/dossier-nlp/models/ner.bin) cannot be read: {e}. \
                 Retrain it with `cargo xtask train-ner`."
            );
            return ExitCode::FAILURE;
        }
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("corpus.bin");
    if let Err(e) = std::fs::write(&out, dossier_core::embed(corpus, &model)) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
