//! A corpus folder read and analysed as the app's build step (`cargo xtask corpus-data`) does it: the
//! whole folder is one corpus, so ingest sees the lines that repeat across files, and
//! entities are linked across all of its documents.

use crate::error::CliError;
use crate::progress::Progress;
use dossier_ingest::decode::decode_as_written;
use dossier_ingest::file_offsets::FileOffsets;
use dossier_ingest::source;
use dossier_model::document::SkippedFile;
use dossier_model::Corpus;
use dossier_model::Document;
use dossier_model::Span;
use dossier_nlp::entity;
use dossier_nlp::ner;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// An ingested folder.
pub struct Folder {
    pub dir: PathBuf,
    /// How many `.txt` files the folder holds, read or not.
    pub file_count: usize,
    /// Documents in file order, and every file the build would skip (unreadable ones
    /// included, as the build adds them); entities once [`Folder::recognise`] ran.
    pub corpus: Corpus,
    /// Each decodable file's text as written, by file name.
    written: HashMap<String, WrittenFile>,
}

/// A file's text as a program reading it sees it (line endings kept, no byte-order mark)
/// and the map from the core's byte spans onto it.
pub struct WrittenFile {
    text: String,
    offsets: FileOffsets,
}

/// A range of code points into a file's text as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FileSpan {
    pub start: usize,
    pub end: usize,
}

impl WrittenFile {
    /// Where `span` of `doc`'s text (one of this file's documents) lies in the file.
    pub fn span(&self, doc: &Document, span: Span) -> FileSpan {
        let base = doc.origin.offset as usize;
        FileSpan {
            start: self.offsets.code_point(base + span.start as usize),
            end: self.offsets.code_point(base + span.end as usize),
        }
    }

    /// The file's text under `span` of `doc`'s text, with the file's own line endings.
    pub fn slice(&self, doc: &Document, span: Span) -> &str {
        let base = doc.origin.offset as usize;
        let start = self.offsets.written_byte(base + span.start as usize);
        let end = self.offsets.written_byte(base + span.end as usize);
        self.text.get(start..end).unwrap_or_default()
    }
}

/// One file that became documents.
pub struct FileDocuments<'a> {
    pub name: &'a str,
    pub written: &'a WrittenFile,
    /// In order; several when ingest split the file.
    pub documents: &'a [Document],
}

impl Folder {
    /// Reads every `.txt` file in `dir` and ingests them. Fails only when the folder cannot
    /// be listed or holds no `.txt` file; files that cannot be used are in
    /// `corpus.skipped`.
    pub fn read(dir: &Path, progress: Progress) -> Result<Folder, CliError> {
        let stage = progress.stage(&format!("reading {}", dir.display()));
        let (files, unreadable) = source::read_corpus_dir(dir)?;
        let file_count = files.len() + unreadable.len();
        if file_count == 0 {
            return Err(CliError::NoTextFiles { dir: dir.to_owned() });
        }
        let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
        stage.finish(&format!("read {} files, {bytes} bytes", files.len()));

        let stage = progress.stage(&format!("ingesting {} files", files.len()));
        // Decoded twice (here and in ingest), because ingest takes the bytes and keeps only
        // the newline-normalised text; decoding is a small part of ingest's time.
        let written = files
            .iter()
            .filter_map(|f| {
                let text = decode_as_written(&f.bytes).ok()?.text;
                let offsets = FileOffsets::new(&text);
                Some((f.name.clone(), WrittenFile { text, offsets }))
            })
            .collect();
        let mut corpus = dossier_ingest::ingest(files);
        corpus.skipped.extend(unreadable.into_iter().map(|u| SkippedFile {
            file: u.name,
            reason: u.reason,
        }));
        corpus.skipped.sort_by(|a, b| a.file.cmp(&b.file));
        stage.finish(&format!(
            "{} documents, {} files skipped",
            corpus.documents.len(),
            corpus.skipped.len()
        ));
        Ok(Folder {
            dir: dir.to_owned(),
            file_count,
            corpus,
            written,
        })
    }

    /// The error to stop with when no file became a document (as the build stops).
    pub fn require_readable(&self) -> Result<(), CliError> {
        if self.corpus.documents.is_empty() {
            return Err(CliError::NothingReadable {
                dir: self.dir.clone(),
                skipped: self.corpus.skipped.len(),
            });
        }
        Ok(())
    }

    /// Recognises and links the entities of every document, as the build does.
    pub fn recognise(&mut self, progress: Progress) -> Result<(), CliError> {
        let model = ner::Model::from_bytes(ner::MODEL).map_err(CliError::Model)?;
        let documents = self.corpus.documents.len();
        let stage = progress.counted("recognising entities", documents);
        let entities = entity::recognise_with_progress(&self.corpus, &model, |done| stage.set(done));
        let mentions: usize = entities.mentions.iter().map(Vec::len).sum();
        stage.finish(&format!(
            "{mentions} mentions of {} entities in {documents} documents",
            entities.entities.len()
        ));
        self.corpus.entities = entities;
        Ok(())
    }

    /// The files that became documents, in name order, each with its documents.
    pub fn files(&self) -> impl Iterator<Item = FileDocuments<'_>> {
        self.corpus
            .documents
            .chunk_by(|a, b| a.origin.file == b.origin.file)
            .filter_map(|documents| {
                let name = documents.first()?.origin.file.as_str();
                // Every file ingest decoded has its written text: `decode_as_written`
                // accepts exactly the bytes `decode` does.
                let written = self.written.get(name)?;
                Some(FileDocuments {
                    name,
                    written,
                    documents,
                })
            })
    }

    /// Writes one line per skipped file to standard error, for commands whose output
    /// lists only what was read.
    pub fn warn_skipped(&self) {
        for skipped in &self.corpus.skipped {
            eprintln!("warning: skipped {}: {}", skipped.file, skipped.reason);
        }
    }
}
