//! The embedded corpus format: what the build writes and the app decodes at start-up.
//!
//! Layout: `MAGIC` (8 bytes), format version (u32 LE), CRC-32 of the payload (u32 LE),
//! payload length (u64 LE), then the payload: the [`Corpus`] and its search index
//! ([`RawIndex`]) in `postcard`. The index is built at build time, so the app only
//! decodes: nothing is re-tokenised in the browser.
//!
//! Why postcard: it is compact (varints, no field names), decodes in one pass with no
//! alignment needs (so `include_bytes!` data can be read as is), and works unchanged in
//! wasm. A zero-copy format such as rkyv would skip the decode, but needs aligned bytes
//! and validation of its own; decoding the BBC corpus with postcard takes milliseconds
//! (docs/BENCHMARKS.md), so the simpler format wins. The version number changes whenever
//! the model changes shape, and the loader refuses a mismatch with both numbers named.
//! Before the app slices text with a decoded corpus, [`check`] proves every span and id
//! in it sound: a failure is [`StoreError::Inconsistent`], never a panic later.

mod check;

use dossier_format::envelope::{self, Fault, Subject};
use dossier_model::document::Corpus;
use dossier_search::index::{IndexError, RawIndex};
use dossier_search::{Engine, SearchIndex};
use std::fmt;

pub const MAGIC: [u8; 8] = *b"DOSSIER\0";
/// Bump when [`Corpus`] or anything inside it changes shape. 4: the corpus carries the
/// exploration views' `Insights` (`dossier_model::insights`). 5: [`dossier_model::document::Origin`] says
/// whether the reader added the document in the browser. 6: a mention says where it sits
/// (`dossier_model::entity::Place`) and an entity counts its mentions by place. 7: the
/// entity types FAC, PRODUCT, WORK_OF_ART, LAW, LANGUAGE and MISC (`EntityType`).
/// 8: the index stores no token starts (search finds them in the text), and co-occurrence
/// ships each pair once. 9: compact forms: a posting's head carries its doc gap, which
/// term frequencies follow and its positions' length beyond a byte each; sorted spans,
/// mentions, offsets, dated mentions, quotes and co-occurrence runs ship as gaps (a pair's
/// counts as one number); entities ship without what their mentions recount; term ids
/// follow stem order.
pub const FORMAT_VERSION: u32 = 9;

/// How envelope faults are told for the embedded corpus.
const CORPUS: Subject = Subject {
    data: "corpus",
    format: "corpus",
    marker: "Dossier's corpus marker",
    reader: "this app",
    remedy: "rebuild the app",
};

/// Why embedded bytes are not a corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// Foreign, stale, cut short or damaged bytes.
    Envelope(Fault),
    Payload(String),
    Index(IndexError),
    /// The payload decodes but describes spans or ids the app cannot use.
    Inconsistent(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Envelope(fault) => fault.told(&CORPUS).fmt(f),
            StoreError::Payload(e) => write!(f, "corpus payload cannot be decoded: {e}"),
            StoreError::Index(e) => e.fmt(f),
            StoreError::Inconsistent(what) => {
                write!(f, "corpus data is inconsistent ({what}): rebuild the app")
            }
        }
    }
}

impl std::error::Error for StoreError {}

impl From<Fault> for StoreError {
    fn from(fault: Fault) -> StoreError {
        StoreError::Envelope(fault)
    }
}

/// The bytes the app embeds: a corpus and the index built from it.
pub fn encode(corpus: &Corpus, index: &SearchIndex) -> Vec<u8> {
    // Serialising plain structs into a Vec cannot fail.
    let payload = postcard::to_allocvec(&(corpus, index.raw())).unwrap_or_default();
    envelope::seal(&MAGIC, FORMAT_VERSION, &payload)
}

/// Bytes of each part of the payload (`postcard`, before compression): what the issue of
/// a lean download is judged by, the index and analysis against the text they describe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartSizes {
    /// The documents' texts and titles alone, as characters.
    pub text: usize,
    /// The documents: text, titles, regions, paragraphs, dates, origin.
    pub documents: usize,
    pub entities: usize,
    /// Sentences, quotes, dated mentions, co-occurrence.
    pub insights: usize,
    pub index: usize,
}

impl PartSizes {
    pub fn of(corpus: &Corpus, index: &SearchIndex) -> PartSizes {
        let len = |bytes: Result<Vec<u8>, postcard::Error>| bytes.map_or(0, |b| b.len());
        PartSizes {
            text: corpus
                .documents
                .iter()
                .map(|d| d.text.len() + d.title.text.len())
                .sum(),
            documents: len(postcard::to_allocvec(&corpus.documents)),
            entities: len(postcard::to_allocvec(&corpus.entities)),
            insights: len(postcard::to_allocvec(&corpus.insights)),
            index: len(postcard::to_allocvec(index.raw())),
        }
    }

    /// Everything that is not the text: the index, entities, insights and the documents'
    /// own structure (regions, paragraphs, dates).
    pub fn beyond_text(&self) -> usize {
        self.index + self.entities + self.insights + self.documents.saturating_sub(self.text)
    }
}

/// Reads embedded bytes back into a searchable corpus, refusing damaged data: bytes that
/// fail the envelope, do not decode, or decode into spans and ids the app cannot use.
pub fn decode(bytes: &[u8]) -> Result<Engine, StoreError> {
    let payload = envelope::open(bytes, &MAGIC, FORMAT_VERSION)?;
    let (corpus, raw): (Corpus, RawIndex) =
        postcard::from_bytes(payload).map_err(|e| StoreError::Payload(e.to_string()))?;
    let index = SearchIndex::from_raw(raw).map_err(StoreError::Index)?;
    if index.doc_count() != corpus.documents.len() {
        return Err(StoreError::Index(IndexError::Inconsistent(
            "the index and the corpus have different document counts",
        )));
    }
    crate::check::corpus(&corpus).map_err(StoreError::Inconsistent)?;
    Ok(Engine::new(corpus, index))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_ingest::ingest;
    use dossier_ingest::source::SourceFile;
    use dossier_search::index::build;

    fn sample() -> Corpus {
        ingest(vec![
            SourceFile::new(
                "a.txt",
                b"Headline one\n\nA first story that is long enough to be prose.\n".to_vec(),
            ),
            SourceFile::new("b.bin", vec![0, 1, 2]),
        ])
    }

    fn encoded(corpus: &Corpus) -> Vec<u8> {
        encode(corpus, &build(corpus))
    }

    #[test]
    fn round_trips() {
        let corpus = sample();
        let index = build(&corpus);
        let engine = decode(&encode(&corpus, &index)).unwrap();
        assert_eq!(engine.corpus(), &corpus);
        assert_eq!(engine.index().raw(), index.raw());
    }

    #[test]
    fn round_trips_entities() {
        let mut corpus = ingest(vec![SourceFile::new(
            "a.txt",
            b"Leaders meet\n\nVladimir Putin met Xi Jinping in Samarkand on Thursday.\n".to_vec(),
        )]);
        let model = dossier_nlp::ner::Model::from_bytes(dossier_nlp::ner::MODEL).unwrap();
        corpus.entities = dossier_nlp::entity::recognise(&corpus, &model);
        assert!(!corpus.entities.entities.is_empty());
        let engine = decode(&encoded(&corpus)).unwrap();
        assert_eq!(engine.corpus().entities, corpus.entities);
    }

    #[test]
    fn refuses_damaged_data_with_a_reason() {
        let good = encoded(&sample());
        assert!(matches!(
            decode(&good[..5]),
            Err(StoreError::Envelope(Fault::TooShort { len: 5 }))
        ));
        let mut bad_magic = good.clone();
        bad_magic[0] = b'X';
        assert!(matches!(
            decode(&bad_magic),
            Err(StoreError::Envelope(Fault::WrongMarker))
        ));
        let mut future = good.clone();
        future[8] = 99;
        assert!(matches!(
            decode(&future),
            Err(StoreError::Envelope(Fault::WrongVersion {
                found: 99,
                expected: FORMAT_VERSION
            }))
        ));
        let mut flipped = good.clone();
        *flipped.last_mut().unwrap() ^= 0xFF;
        assert!(matches!(
            decode(&flipped),
            Err(StoreError::Envelope(Fault::Checksum { .. }))
        ));
        assert!(matches!(
            decode(&good[..good.len() - 1]),
            Err(StoreError::Envelope(Fault::Truncated { .. }))
        ));
    }
}
