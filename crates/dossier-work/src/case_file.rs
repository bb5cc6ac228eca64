//! The case file: all of a reader's work as one JSON document, to share with a colleague
//! or carry to another browser, with no server between.
//!
//! ```json
//! {"format": "dossier-case-file", "version": 1, "corpus": "<32 hex digits>",
//!  "work": {"tags": [], "stars": [], "notes": [], "corrections": [], "name_lists": [], "saved_searches": []}}
//! ```
//!
//! JSON because a reader may open it, and serde_json is the reference parser for it. It
//! carries the corpus's hash and, in every document key, the hash of that document's
//! text ([`crate::doc_key`]), so work made on one build finds its documents in another.
//! Importing it ([`import`]) parses, checks, and merges it into the reader's work
//! ([`crate::merge`]); what cannot be read is refused with an [`ImportError`] that says
//! why, and nothing of the reader's is touched.
//!
//! Version history (bump [`FORMAT_VERSION`] when [`Work`] changes shape):
//! - 1: tags, stars, notes, corrections, name lists, saved searches.

use crate::correction::Correction;
use crate::doc_key::{span_fits, ContentHash, DocHashes, DocKey};
use crate::merge::{merge, Item, Lacking, Summary};
use crate::work::Work;
use dossier_model::document::Document;
use dossier_model::Span;
use serde::{Deserialize, Serialize};
use std::fmt;

#[cfg(test)]
mod tests;

/// The version this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

/// The `format` field: what tells a case file from any other JSON.
pub const FORMAT_NAME: &str = "dossier-case-file";

/// The file as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFile {
    pub format: String,
    pub version: u32,
    /// [`DocHashes::corpus`] of the build that wrote it.
    pub corpus: ContentHash,
    pub work: Work,
}

/// Just the fields that say what a JSON document is, read before the rest so a newer
/// file is named as newer rather than as damaged.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

/// Why a file cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Not JSON, or cut short.
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not a case file.
    NotACaseFile,
    /// Written by a newer Dossier.
    Newer { found: u32, supported: u32 },
    /// A case file whose content is not what its version says.
    Damaged {
        line: usize,
        column: usize,
        message: String,
    },
    /// Made on another corpus: not one document it names is in this one.
    OtherCorpus { file: ContentHash, this: ContentHash },
    /// A passage outside its document's text.
    BadSpan { doc: DocKey, span: Span },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::NotJson { line, column, message } => write!(
                f,
                "this file is not a Dossier case file: it is not readable JSON ({message} at line {line}, \
                 column {column}); it may be damaged or cut short"
            ),
            ImportError::NotACaseFile => write!(
                f,
                "this JSON file is not a Dossier case file (it has no \"format\": \"{FORMAT_NAME}\")"
            ),
            ImportError::Newer { found, supported } => write!(
                f,
                "this case file is format version {found}, from a newer Dossier; this one reads up to version \
                 {supported}. Open it with a newer Dossier"
            ),
            ImportError::Damaged { line, column, message } => write!(
                f,
                "this case file is damaged: {message} at line {line}, column {column}"
            ),
            ImportError::OtherCorpus { file, this } => write!(
                f,
                "this case file was made on another corpus (corpus {file}, this one is {this}): none of the \
                 documents it names is here"
            ),
            ImportError::BadSpan { doc, span } => write!(
                f,
                "this case file is damaged: it marks bytes {}..{} of document {}, which are not a passage of \
                 its text",
                span.start, span.end, doc.hash
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// `work` as a case file of this build: every document key carries this build's id.
pub fn export(work: &Work, hashes: &DocHashes) -> String {
    let mut work = work.clone();
    for (key, _, _) in doc_refs(&mut work) {
        if let Some(rekeyed) = hashes.rekey(key) {
            *key = rekeyed;
        }
    }
    let file = CaseFile {
        format: FORMAT_NAME.to_owned(),
        version: FORMAT_VERSION,
        corpus: hashes.corpus(),
        work,
    };
    // Pretty, so a reader can look inside; every field is a plain value, so it cannot fail.
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// A case file read and checked against this build, not yet merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// Its work, with this build's ids in every key whose document is here.
    pub work: Work,
    pub lacking: Vec<Lacking>,
    /// Made on another build of this corpus.
    pub other_build: bool,
}

/// Reads a case file for this build (`documents` and their `hashes`).
pub fn read(text: &str, documents: &[Document], hashes: &DocHashes) -> Result<Incoming, ImportError> {
    let header: Header = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Syntax
        | serde_json::error::Category::Eof
        | serde_json::error::Category::Io => ImportError::NotJson {
            line: e.line(),
            column: e.column(),
            message: message(&e),
        },
        serde_json::error::Category::Data => ImportError::NotACaseFile,
    })?;
    if header.format.as_deref() != Some(FORMAT_NAME) {
        return Err(ImportError::NotACaseFile);
    }
    match header.version {
        Some(found) if found > FORMAT_VERSION => {
            return Err(ImportError::Newer {
                found,
                supported: FORMAT_VERSION,
            })
        }
        Some(found) if found >= 1 => {}
        _ => {
            return Err(ImportError::Damaged {
                line: 1,
                column: 1,
                message: "it has no valid version number".to_owned(),
            })
        }
    }
    let mut file: CaseFile = serde_json::from_str(text).map_err(|e| ImportError::Damaged {
        line: e.line(),
        column: e.column(),
        message: message(&e),
    })?;

    let mut lacking = Vec::new();
    let mut found = 0;
    for (key, span, item) in doc_refs(&mut file.work) {
        if let Some(span) = span.filter(|s| s.start >= s.end) {
            return Err(ImportError::BadSpan { doc: *key, span });
        }
        match hashes.resolve(key) {
            Some(id) => {
                let text = documents.get(id.0 as usize).map_or("", |d| d.text.as_str());
                if let Some(span) = span.filter(|&s| !span_fits(text, s)) {
                    return Err(ImportError::BadSpan { doc: *key, span });
                }
                key.id = id;
                found += 1;
            }
            None => lacking.push(Lacking { item, doc: key.hash }),
        }
    }
    let other_build = file.corpus != hashes.corpus();
    if other_build && found == 0 {
        return Err(ImportError::OtherCorpus {
            file: file.corpus,
            this: hashes.corpus(),
        });
    }
    Ok(Incoming {
        work: file.work,
        lacking,
        other_build,
    })
}

/// Reads a case file and merges it into `mine`: the merged work, and the summary to show
/// before it replaces `mine`.
pub fn import(
    text: &str,
    documents: &[Document],
    hashes: &DocHashes,
    mine: &Work,
) -> Result<(Work, Summary), ImportError> {
    let incoming = read(text, documents, hashes)?;
    let (merged, mut summary) = merge(mine, &incoming.work);
    summary.lacking = incoming.lacking;
    summary.other_build = incoming.other_build;
    Ok((merged, summary))
}

/// serde_json's message without the position it appends (the error keeps that apart).
fn message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

/// Every document `work` names: its key, the passage when it names one, and the item.
fn doc_refs(work: &mut Work) -> impl Iterator<Item = (&mut DocKey, Option<Span>, Item)> {
    let tags = work.tags.iter_mut().flat_map(|tag| {
        let name = tag.name.clone();
        tag.documents.iter_mut().map(move |doc| {
            let item = Item::Tagging {
                tag: name.clone(),
                doc: *doc,
            };
            (doc, None, item)
        })
    });
    let stars = work.stars.iter_mut().map(|doc| {
        let item = Item::Star(*doc);
        (doc, None, item)
    });
    let notes = work.notes.iter_mut().map(|note| {
        let item = Item::Note {
            doc: note.doc,
            span: note.span,
            created: note.created,
        };
        (&mut note.doc, Some(note.span), item)
    });
    let corrections = work.corrections.iter_mut().filter_map(|correction| {
        let item = Item::Correction(correction.clone());
        let mention = match correction {
            Correction::SplitMention { mention, .. }
            | Correction::NotAMention { mention }
            | Correction::Add { mention, .. } => mention,
            Correction::Rename { .. }
            | Correction::Merge { .. }
            | Correction::SplitAlias { .. }
            | Correction::Retype { .. }
            | Correction::NotAnEntity { .. } => return None,
        };
        Some((&mut mention.doc, Some(mention.span), item))
    });
    tags.chain(stars).chain(notes).chain(corrections)
}
