//! Inputs the fuzzers (`fuzz/`, `cargo xtask fuzz <target>`) once crashed on, run through
//! exactly the code each fuzz target runs: the target bodies are `fuzz/src/lib.rs`,
//! included here by path, so a kept input keeps failing here if its bug comes back.
//!
//! Inputs live in `tests/fuzz_regressions/<target>/`, one file each, named for the bug.

#[path = "../../../../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod targets;

use std::path::Path;

/// Runs every kept input of `target` through `body`; each must return without a panic.
fn replay(target: &str, body: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("listing fuzz regressions").path();
        let bytes = std::fs::read(&path).expect("reading a fuzz regression");
        body(&bytes);
        count += 1;
    }
    count
}

#[test]
fn store_inputs_that_crashed_now_decode_to_errors() {
    assert!(replay("store", targets::store) >= 2);
}

/// The kept store inputs are refused with the error for their fault, not merely survived.
#[test]
fn store_crashes_are_refused_for_the_right_reason() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions/store");
    // The fault of the kept `paragraph-span-reversed` input, made again on the current
    // format (a kept payload stops decoding at all once the corpus gains a field).
    let mut corpus = dossier_ingest::ingest(vec![dossier_ingest::source::SourceFile::new(
        "a.txt",
        b"A headline\n\nA first paragraph of the story.\n".to_vec(),
    )]);
    let index = dossier_search::index::build(&corpus);
    let paragraph = &mut corpus.documents[0].paragraphs[0];
    (paragraph.start, paragraph.end) = (paragraph.end, paragraph.start);
    let err = dossier_store::decode(&dossier_store::encode(&corpus, &index))
        .err()
        .expect("refused");
    assert!(err.to_string().contains("paragraph"), "{err}");
    let err = kept_model_error(&dir, "model-fst-corrupted");
    assert!(
        err.to_string().to_lowercase().contains("checksum") || err.to_string().contains("feature"),
        "{err}"
    );
    // Its checksums made to pass as well: only the structural check can refuse it.
    let err = kept_model_error(&dir, "model-fst-with-solved-checksum");
    assert!(
        matches!(
            err,
            dossier_nlp::ner::ModelError::Features(dossier_format::fst_guard::FstDamage::Node { .. })
        ),
        "{err}"
    );
}

/// The error a kept store input of mode 2 (a model payload) is refused with, sealed as the
/// store target seals it.
fn kept_model_error(dir: &Path, name: &str) -> dossier_nlp::ner::ModelError {
    let input = std::fs::read(dir.join(name)).expect("kept input");
    let sealed = targets::seal(
        &dossier_nlp::ner::MAGIC,
        dossier_nlp::ner::FORMAT_VERSION,
        &input[1..],
    );
    dossier_nlp::ner::Model::from_bytes(&sealed)
        .err()
        .expect("refused")
}
