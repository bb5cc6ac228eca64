//! Adding the reader's own documents to the embedded corpus: what the document worker
//! runs (`crates/dossier-worker`), here so it is tested natively.
//!
//! The files were judged and turned into text by [`dossier_ingest::user_files`]; merging
//! appends the new documents after the embedded ones and re-runs entity linking and the
//! exploration analysis over the whole, so the added documents link to the same entities
//! and join every view. Re-running is the simplest correct way: entity linking and
//! co-occurrence are corpus-wide, and on the seeds it costs milliseconds
//! (docs/BENCHMARKS.md).

use dossier_ingest::source::SourceFile;
use dossier_ingest::user_files::{readable, Job, JobResult};
use dossier_model::document::{Corpus, DocId, SkippedFile};
use dossier_nlp::{entity, ner};

/// `base` with the documents of `files` appended (ids after the embedded ones, marked
/// [`dossier_model::document::Origin::added_by_user`]). Only the added documents are tagged: the
/// embedded ones keep the mentions the build found ([`entity::Recogniser::recognise_added`]),
/// then linking and the exploration analysis, which are corpus-wide, run over the whole.
/// Files that cannot be added come back with the reason; `base` is untouched.
/// `on_document` gets (added documents tagged, added documents in all).
pub fn merge(
    base: &Corpus,
    files: &[SourceFile],
    recogniser: &entity::Recogniser,
    model: &ner::Model,
    mut on_document: impl FnMut(usize, usize),
) -> (Corpus, Vec<SkippedFile>) {
    let mut refused = Vec::new();
    let mut texts = Vec::with_capacity(files.len());
    for file in files {
        match readable(file) {
            Ok(text) => texts.push(text),
            Err(e) => refused.push(SkippedFile {
                file: file.name.clone(),
                reason: e.to_string(),
            }),
        }
    }
    let added = dossier_ingest::ingest(texts);
    refused.extend(added.skipped.into_iter().map(|s| SkippedFile {
        reason: format!("{} was not added: {}", s.file, s.reason),
        file: s.file,
    }));
    if added.documents.is_empty() {
        return (base.clone(), refused);
    }
    let total = added.documents.len();
    let mut documents = base.documents.clone();
    for mut doc in added.documents {
        doc.id = DocId(u32::try_from(documents.len()).unwrap_or(u32::MAX));
        doc.origin.added_by_user = true;
        documents.push(doc);
    }
    let mut corpus = Corpus {
        documents,
        skipped: base.skipped.clone(),
        ..Default::default()
    };
    corpus.entities =
        recogniser.recognise_added(&corpus, &base.entities, model, |done| on_document(done, total));
    corpus.insights = dossier_explore::analyse(&corpus);
    (corpus, refused)
}

/// The files of `files` that [`readable`] refuses, by their place in `files`, with the
/// reason (the rest may be stored).
pub fn check(files: &[SourceFile]) -> Vec<(u32, String)> {
    (0u32..)
        .zip(files)
        .filter_map(|(i, file)| readable(file).err().map(|e| (i, e.to_string())))
        .collect()
}

/// Runs `job` (bytes from [`Job::to_bytes`]) against `base`: the worker's whole task, here
/// so it is tested natively. `on_document` as for [`merge`].
pub fn run_job(
    base: &Corpus,
    job: &[u8],
    recogniser: &entity::Recogniser,
    model: &ner::Model,
    on_document: impl FnMut(usize, usize),
) -> JobResult {
    let job: Job = match postcard::from_bytes(job) {
        Ok(job) => job,
        Err(e) => return JobResult::Failed(format!("unreadable request to the worker: {e}")),
    };
    let as_files = |files: Vec<(String, Vec<u8>)>| -> Vec<SourceFile> {
        files
            .into_iter()
            .map(|(name, bytes)| SourceFile::new(name, bytes))
            .collect()
    };
    let files = match job {
        Job::Check { files } => {
            return JobResult::Checked {
                refused: check(&as_files(files)),
            }
        }
        Job::Merge { files } => as_files(files),
    };
    let (corpus, refused) = merge(base, &files, recogniser, model, on_document);
    let index = dossier_search::index::build(&corpus);
    JobResult::Merged {
        store: dossier_store::encode(&corpus, &index),
        refused,
    }
}
