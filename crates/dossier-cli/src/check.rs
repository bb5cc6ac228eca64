//! `check DIR`: what the build would warn about, without building: the files it could not
//! read and those ingest would skip (undecodable, empty, binary, oversized, only page
//! furniture), one line each on standard output, as `file: reason`.

use crate::error::CliError;
use crate::folder::Folder;
use crate::progress::Progress;
use std::io::Write;

/// Lists `folder`'s problems on `out` and a summary on standard error.
pub fn write(folder: &Folder, progress: Progress, mut out: impl Write) -> Result<(), CliError> {
    for skipped in &folder.corpus.skipped {
        writeln!(out, "{}: {}", skipped.file, skipped.reason)?;
    }
    out.flush()?;
    let split = folder
        .corpus
        .documents
        .iter()
        .filter(|d| d.origin.part == 1)
        .count();
    progress.note(&format!(
        "{} .txt files: {} would be skipped, {} read into {} documents ({split} files split)",
        folder.file_count,
        folder.corpus.skipped.len(),
        folder.file_count.saturating_sub(folder.corpus.skipped.len()),
        folder.corpus.documents.len(),
    ));
    Ok(())
}
