//! `entities --corrections CASE_FILE`: the entity corrections a reader made in the app,
//! applied before printing, so the CLI shows the entities the app shows.
//!
//! Only the case file's corrections are used (its notes, tags and the rest are the
//! app's). A correction that no longer finds its entity or document is named on
//! standard error and left out; the file itself must be readable, for this corpus.

use crate::error::CliError;
use crate::folder::Folder;
use crate::progress::Progress;
use dossier_work::{apply, case_file, DocHashes};
use std::path::Path;

/// Replaces `folder`'s entities (recognised) with the corrected ones.
pub fn apply_case_file(folder: &mut Folder, path: &Path, progress: Progress) -> Result<(), CliError> {
    let text = std::fs::read_to_string(path).map_err(|error| CliError::ReadCaseFile {
        path: path.to_owned(),
        error,
    })?;
    let corpus = &mut folder.corpus;
    let hashes = DocHashes::new(&corpus.documents);
    let incoming =
        case_file::read(&text, &corpus.documents, &hashes).map_err(|error| CliError::CaseFile {
            path: path.to_owned(),
            error,
        })?;
    if incoming.other_build {
        eprintln!(
            "warning: {} was made on another build of this corpus: corrections on documents it lacks are left out",
            path.display()
        );
    }
    let corrections = &incoming.work.corrections;
    let stage = progress.stage(&format!("applying {} corrections", corrections.len()));
    let applied = apply(&corpus.entities, &corpus.documents, &hashes, corrections);
    for skipped in &applied.unapplied {
        eprintln!(
            "warning: correction {} of {} left out: {}",
            skipped.index + 1,
            path.display(),
            skipped.reason
        );
    }
    stage.finish(&format!(
        "{} of {} corrections applied: {} entities",
        corrections.len() - applied.unapplied.len(),
        corrections.len(),
        applied.entities.entities.len()
    ));
    corpus.entities = applied.entities;
    Ok(())
}
