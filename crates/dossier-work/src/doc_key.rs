//! Documents named so the name survives a rebuild: a hash of the document's text, with
//! its id in the build that wrote the name as a hint.
//!
//! A `DocId` is a position in `Corpus::documents`, so a rebuild with one more article, or
//! a colleague's browser with different added documents, gives the same id to another
//! text. The text itself does not change (ingest never edits it), so its hash finds the
//! document again wherever it sits.
//!
//! ```
//! use dossier_work::doc_key::ContentHash;
//! let hash = ContentHash::of_text("abc");
//! assert_eq!(hash.to_string(), "ba7816bf8f01cfea414140de5dae2223");
//! assert_eq!(ContentHash::try_from(hash.to_string()), Ok(hash));
//! ```

use dossier_model::document::{DocId, Document};
use dossier_model::Span;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt;

/// How many bytes of SHA-256 a hash keeps: 128 bits make a collision between two
/// documents of any corpus negligible (one in 2^64 pairs) and halve the hex in a case
/// file that names every document a note or a tag touches.
const HASH_BYTES: usize = 16;

/// The first 16 bytes of the SHA-256 of a text, written as 32 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ContentHash([u8; HASH_BYTES]);

impl ContentHash {
    /// The hash of a document's text (`Document::text`, all of it).
    pub fn of_text(text: &str) -> ContentHash {
        ContentHash::of_digest(Sha256::digest(text.as_bytes()).as_slice())
    }

    fn of_digest(digest: &[u8]) -> ContentHash {
        let mut bytes = [0; HASH_BYTES];
        bytes.copy_from_slice(&digest[..HASH_BYTES]);
        ContentHash(bytes)
    }
}

/// Written by hand rather than with a hex crate: sixteen bytes each way is all it takes.
impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl fmt::Debug for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ContentHash({self})")
    }
}

impl From<ContentHash> for String {
    fn from(hash: ContentHash) -> String {
        hash.to_string()
    }
}

/// A string that is not 32 hex digits where a hash belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadHash(String);

impl fmt::Display for BadHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown: String = self.0.chars().take(40).collect();
        write!(f, "a content hash is 32 hexadecimal digits, not {shown:?}")
    }
}

impl std::error::Error for BadHash {}

impl TryFrom<String> for ContentHash {
    type Error = BadHash;

    fn try_from(text: String) -> Result<ContentHash, BadHash> {
        let digits = text.as_bytes();
        if digits.len() != 2 * HASH_BYTES {
            return Err(BadHash(text));
        }
        let mut bytes = [0; HASH_BYTES];
        for (byte, pair) in bytes.iter_mut().zip(digits.chunks_exact(2)) {
            let pair = std::str::from_utf8(pair).map_err(|_| BadHash(text.clone()))?;
            *byte = u8::from_str_radix(pair, 16).map_err(|_| BadHash(text.clone()))?;
        }
        Ok(ContentHash(bytes))
    }
}

/// A document as the reader's work names it: its text's hash, which finds it in any
/// build, and its id in the build that wrote the key, which finds it at once when the
/// build is the same (and tells two documents with the same text apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DocKey {
    pub hash: ContentHash,
    pub id: DocId,
}

/// Every document's hash in one build, computed once per load (SHA-256 of the whole
/// text, a few milliseconds per megabyte), and the corpus's own hash.
#[derive(Debug, Clone)]
pub struct DocHashes {
    hashes: Vec<ContentHash>,
    /// The first document with each hash.
    first: HashMap<ContentHash, DocId>,
    corpus: ContentHash,
}

impl DocHashes {
    pub fn new(documents: &[Document]) -> DocHashes {
        let hashes: Vec<ContentHash> = documents.iter().map(|d| ContentHash::of_text(&d.text)).collect();
        let mut first = HashMap::with_capacity(hashes.len());
        for (i, hash) in hashes.iter().enumerate() {
            first.entry(*hash).or_insert(doc_id(i));
        }
        // The built-in documents only: a reader's added documents are part of their
        // work, not of the corpus a colleague's build has.
        let mut corpus = Sha256::new();
        for (hash, doc) in hashes.iter().zip(documents) {
            if !doc.origin.added_by_user {
                corpus.update(hash.0);
            }
        }
        DocHashes {
            hashes,
            first,
            corpus: ContentHash::of_digest(corpus.finalize().as_slice()),
        }
    }

    /// The hash of the corpus: of its built-in documents' hashes, in order. It names the
    /// texts, not the build's bytes, so a rebuild with a retrained tagger keeps it (the
    /// corpus file's name, a hash of its bytes, does not) and old work still opens.
    pub fn corpus(&self) -> ContentHash {
        self.corpus
    }

    /// The key of document `id` in this build.
    pub fn key(&self, id: DocId) -> Option<DocKey> {
        let hash = *self.hashes.get(id.0 as usize)?;
        Some(DocKey { hash, id })
    }

    /// The document a key names in this build: the one at its id when the text there is
    /// the same, else the first with that text; `None` when this build lacks the text.
    pub fn resolve(&self, key: &DocKey) -> Option<DocId> {
        if self.hashes.get(key.id.0 as usize) == Some(&key.hash) {
            return Some(key.id);
        }
        self.first.get(&key.hash).copied()
    }

    /// `key` with this build's id, or `None` when this build lacks the text.
    pub fn rekey(&self, key: &DocKey) -> Option<DocKey> {
        self.resolve(key).map(|id| DocKey { hash: key.hash, id })
    }
}

fn doc_id(index: usize) -> DocId {
    DocId(u32::try_from(index).unwrap_or(u32::MAX))
}

/// Whether `span` is a non-empty range of `text` on `char` boundaries: the only spans
/// the reader's work may point at (a hostile file may hold any numbers).
pub fn span_fits(text: &str, span: Span) -> bool {
    span.start < span.end
        && text.is_char_boundary(span.start as usize)
        && text.is_char_boundary(span.end as usize)
        && (span.end as usize) <= text.len()
}

/// Small corpora for the tests: one document per text, with no regions (this crate sits
/// below ingest).
#[cfg(test)]
pub(crate) mod tests_support {
    use dossier_model::document::{DocId, Document, Origin, Title, TitleSource};
    use dossier_model::{Corpus, Span};

    pub fn document(id: usize, text: &str) -> Document {
        Document {
            id: DocId(id as u32),
            origin: Origin {
                file: format!("{id}.txt"),
                encoding: "UTF-8".into(),
                part: 0,
                parts: 1,
                offset: 0,
                added_by_user: false,
            },
            text: text.to_owned(),
            title: Title {
                text: text.lines().next().unwrap_or_default().to_owned(),
                source: TitleSource::Derived(Span::new(0, 0)),
            },
            outlet: None,
            published: None,
            saved: None,
            regions: Vec::new(),
            paragraphs: vec![Span::new(0, text.len())],
            word_count: text.split_whitespace().count() as u32,
        }
    }

    pub fn corpus(texts: &[&str]) -> Corpus {
        Corpus {
            documents: texts.iter().enumerate().map(|(i, t)| document(i, t)).collect(),
            ..Corpus::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::corpus;
    use super::*;

    #[test]
    fn a_hash_is_32_hex_digits_both_ways() {
        let hash = ContentHash::of_text("abc");
        // SHA-256("abc") begins ba7816bf 8f01cfea 414140de 5dae2223.
        assert_eq!(hash.to_string(), "ba7816bf8f01cfea414140de5dae2223");
        assert_eq!(ContentHash::try_from(hash.to_string()), Ok(hash));
        for bad in [
            "",
            "ba7816bf",
            "zz7816bf8f01cfea414140de5dae2223",
            "ba7816bf8f01cfea414140de5dae2223aa",
            "é7816bf8f01cfea414140de5dae222",
        ] {
            assert!(ContentHash::try_from(bad.to_owned()).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_key_finds_its_text_after_the_documents_move() {
        let before = corpus(&["First.", "Second.", "Third."]);
        let key = DocHashes::new(&before.documents).key(DocId(2)).unwrap();
        let after = corpus(&["New.", "Third.", "First."]);
        let hashes = DocHashes::new(&after.documents);
        assert_eq!(hashes.resolve(&key), Some(DocId(1)));
        assert_eq!(hashes.rekey(&key).map(|k| k.id), Some(DocId(1)));
        let gone = DocHashes::new(&before.documents).key(DocId(1)).unwrap();
        assert_eq!(hashes.resolve(&gone), None);
    }

    #[test]
    fn two_documents_with_one_text_are_told_apart_by_id() {
        let c = corpus(&["Same.", "Same."]);
        let hashes = DocHashes::new(&c.documents);
        assert_eq!(hashes.resolve(&hashes.key(DocId(1)).unwrap()), Some(DocId(1)));
        assert_eq!(hashes.resolve(&hashes.key(DocId(0)).unwrap()), Some(DocId(0)));
    }

    #[test]
    fn the_corpus_hash_ignores_added_documents_but_not_order() {
        let mut c = corpus(&["A.", "B."]);
        let base = DocHashes::new(&c.documents).corpus();
        c.documents.push(super::tests_support::document(2, "Mine."));
        c.documents[2].origin.added_by_user = true;
        assert_eq!(DocHashes::new(&c.documents).corpus(), base);
        assert_ne!(DocHashes::new(&corpus(&["B.", "A."]).documents).corpus(), base);
    }

    #[test]
    fn spans_must_fit_on_char_boundaries() {
        let text = "Zürich";
        assert!(span_fits(text, Span::new(0, 7)));
        assert!(!span_fits(text, Span::new(0, 2)), "inside ü");
        assert!(!span_fits(text, Span::new(3, 3)), "empty");
        assert!(!span_fits(text, Span { start: 5, end: 2 }));
        assert!(!span_fits(text, Span::new(0, 8)));
    }
}
