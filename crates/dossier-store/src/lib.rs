//! The embedded corpus format: what the build writes and the app decodes at start-up.
//!
//! Layout: three sealed parts one after the other ([`parts`]): the head (`MAGIC`) holding
//! the corpus without its texts, mentions and insights, and its search index without
//! positions ([`RawIndex`]); then the index's positions (`POSITIONS_MAGIC`,
//! [`RawPositions`]); then the body (`BODY_MAGIC`) holding the rest. Each part is an
//! envelope: its marker (8 bytes), the format version (u32 LE), the CRC-32 of the payload
//! (u32 LE), the payload's length (u64 LE), then the payload in `postcard`. A reader can
//! show the list and answer a word from the head ([`decode_head`]), phrases and nearness
//! once the positions are in ([`decode_positions`]), while the body still downloads. The
//! index is built at build time, so the app only decodes: nothing is re-tokenised in the
//! browser.
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
pub mod parts;

use dossier_format::envelope::{self, Fault, Subject};
use dossier_model::document::Corpus;
use dossier_search::index::{IndexError, RawIndex, RawPositions};
use dossier_search::{Engine, SearchIndex};
use std::fmt;

/// The head's marker (and so the file's first bytes).
pub const MAGIC: [u8; 8] = *b"DOSSIER\0";
/// The body's marker: a body cannot be read as a head, nor a head as a body.
pub const BODY_MAGIC: [u8; 8] = *b"DOSSIERB";
/// The positions' marker (the part between the head and the body).
pub const POSITIONS_MAGIC: [u8; 8] = *b"DOSSIERP";
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
/// follow stem order. And the file is a head and a body ([`parts`]), so the list shows
/// before the texts have arrived. 10: the index's positions are a part of their own,
/// between the head and the body, so a word is answered before they arrive.
pub const FORMAT_VERSION: u32 = 10;

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

/// The bytes the build ships: the head, the index's positions, then the body. `index`
/// is the corpus's whole index, positions included (`dossier_search::index::build`'s).
pub fn encode(corpus: &Corpus, index: &SearchIndex) -> Vec<u8> {
    let (head, body) = parts::split(corpus);
    // Serialising plain structs into a Vec cannot fail.
    let head = postcard::to_allocvec(&(&head, index.raw())).unwrap_or_default();
    let positions = postcard::to_allocvec(positions_of(index)).unwrap_or_default();
    let body = postcard::to_allocvec(&body).unwrap_or_default();
    let mut bytes = envelope::seal(&MAGIC, FORMAT_VERSION, &head);
    bytes.extend_from_slice(&envelope::seal(&POSITIONS_MAGIC, FORMAT_VERSION, &positions));
    bytes.extend_from_slice(&envelope::seal(&BODY_MAGIC, FORMAT_VERSION, &body));
    bytes
}

/// An index's positions as stored, and none for an index read from a head alone.
fn positions_of(index: &SearchIndex) -> &RawPositions {
    static NONE: RawPositions = RawPositions(Vec::new());
    index.raw_positions().unwrap_or(&NONE)
}

/// How many of the file's first bytes are its head, once the head's header has arrived
/// (`None` before). The count comes from unchecked bytes: [`decode_head`] checks them.
pub fn head_len(prefix: &[u8]) -> Option<u64> {
    envelope::sealed_len(prefix)
}

/// How many of the file's first bytes are its head and the positions after it, once the
/// positions' header has arrived (`None` before). Unchecked, like [`head_len`].
pub fn positions_end(prefix: &[u8]) -> Option<u64> {
    let head = head_len(prefix)?;
    let rest = prefix.get(usize::try_from(head).ok()?..)?;
    head.checked_add(envelope::sealed_len(rest)?)
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
    /// The whole index, its positions included.
    pub index: usize,
    pub positions: usize,
    /// The file's first part ([`parts`]): what the list and a one-word search need.
    pub head: usize,
}

impl PartSizes {
    pub fn of(corpus: &Corpus, index: &SearchIndex) -> PartSizes {
        let len = |bytes: Result<Vec<u8>, postcard::Error>| bytes.map_or(0, |b| b.len());
        let positions = len(postcard::to_allocvec(positions_of(index)));
        PartSizes {
            text: corpus
                .documents
                .iter()
                .map(|d| d.text.len() + d.title.text.len())
                .sum(),
            documents: len(postcard::to_allocvec(&corpus.documents)),
            entities: len(postcard::to_allocvec(&corpus.entities)),
            insights: len(postcard::to_allocvec(&corpus.insights)),
            index: len(postcard::to_allocvec(index.raw())) + positions,
            positions,
            head: len(postcard::to_allocvec(&(parts::split(corpus).0, index.raw()))),
        }
    }

    /// Everything that is not the text: the index, entities, insights and the documents'
    /// own structure (regions, paragraphs, dates).
    pub fn beyond_text(&self) -> usize {
        self.index + self.entities + self.insights + self.documents.saturating_sub(self.text)
    }
}

/// Reads the whole file back into a searchable corpus, refusing damaged data: bytes that
/// fail any envelope, do not decode, or decode into spans and ids the app cannot use.
pub fn decode(bytes: &[u8]) -> Result<Engine, StoreError> {
    let (head, raw, rest) = open_head(bytes)?;
    let (positions, body_bytes) = open_positions(rest)?;
    let body: parts::Body = open_payload(envelope::open(body_bytes, &BODY_MAGIC, FORMAT_VERSION)?)?;
    let corpus = parts::join(head, body).map_err(StoreError::Inconsistent)?;
    crate::check::corpus(&corpus).map_err(StoreError::Inconsistent)?;
    let index = index(raw)?.with_positions(positions).map_err(StoreError::Index)?;
    engine(corpus, index)
}

/// Reads the head alone (`bytes` holds at least [`head_len`] bytes; the rest is ignored):
/// a corpus whose documents have titles, outlets, dates and counts but no text yet, its
/// entities without mentions, and the search index without positions. A word searched
/// there gives the whole file's results; phrases and nearness wait for
/// [`decode_positions`], snippets and every view that shows text for [`decode_body`].
pub fn decode_head(bytes: &[u8]) -> Result<Engine, StoreError> {
    let (head, raw, _) = open_head(bytes)?;
    let head = head.into_corpus().map_err(StoreError::Inconsistent)?;
    crate::check::head(&head).map_err(StoreError::Inconsistent)?;
    engine(head, index(raw)?)
}

/// The head's engine ([`decode_head`]'s) with the index's positions, once `bytes` (the
/// file from its start) hold them ([`positions_end`]): the head is not read again.
pub fn decode_positions(head: &Engine, bytes: &[u8]) -> Result<Engine, StoreError> {
    let (positions, _) = open_positions(after_head(bytes))?;
    let index = head
        .index()
        .with_positions(positions)
        .map_err(StoreError::Index)?;
    Ok(Engine::new(head.corpus().clone(), index))
}

/// The whole corpus from the whole file, given the engine [`decode_head`] (or
/// [`decode_positions`]) made of its start: only what it lacks is read and checked, and
/// its search index is kept, not decoded and checked again. The result equals
/// [`decode`]'s (tested).
pub fn decode_body(head: &Engine, bytes: &[u8]) -> Result<Engine, StoreError> {
    let (positions, body_bytes) = open_positions(after_head(bytes))?;
    let positioned;
    let head = if head.index().has_positions() {
        head
    } else {
        let index = head
            .index()
            .with_positions(positions)
            .map_err(StoreError::Index)?;
        positioned = Engine::new(head.corpus().clone(), index);
        &positioned
    };
    let body: parts::Body = open_payload(envelope::open(body_bytes, &BODY_MAGIC, FORMAT_VERSION)?)?;
    let corpus = parts::join_corpus(head.corpus().clone(), body).map_err(StoreError::Inconsistent)?;
    crate::check::corpus(&corpus).map_err(StoreError::Inconsistent)?;
    Ok(head.with_corpus(corpus))
}

/// The head's corpus and index, and the bytes after the head.
fn open_head(bytes: &[u8]) -> Result<(parts::Head, RawIndex, &[u8]), StoreError> {
    let len = head_len(bytes).map_or(bytes.len(), |l| usize::try_from(l).unwrap_or(usize::MAX));
    let (head, rest) = bytes.split_at(len.min(bytes.len()));
    let (head, raw) = open_payload(envelope::open(head, &MAGIC, FORMAT_VERSION)?)?;
    Ok((head, raw, rest))
}

/// The bytes after the head (none when the head's header is cut short: the positions'
/// envelope then says the data is too short).
fn after_head(bytes: &[u8]) -> &[u8] {
    let len = head_len(bytes).map_or(bytes.len(), |l| usize::try_from(l).unwrap_or(usize::MAX));
    bytes.get(len..).unwrap_or_default()
}

/// The positions at the start of `rest` (the bytes after the head), and the bytes after them.
fn open_positions(rest: &[u8]) -> Result<(RawPositions, &[u8]), StoreError> {
    let len = envelope::sealed_len(rest).map_or(rest.len(), |l| usize::try_from(l).unwrap_or(usize::MAX));
    let (positions, body) = rest.split_at(len.min(rest.len()));
    let positions = open_payload(envelope::open(positions, &POSITIONS_MAGIC, FORMAT_VERSION)?)?;
    Ok((positions, body))
}

fn open_payload<'a, T: serde::Deserialize<'a>>(payload: &'a [u8]) -> Result<T, StoreError> {
    postcard::from_bytes(payload).map_err(|e| StoreError::Payload(e.to_string()))
}

fn index(raw: RawIndex) -> Result<SearchIndex, StoreError> {
    SearchIndex::from_raw(raw).map_err(StoreError::Index)
}

fn engine(corpus: Corpus, index: SearchIndex) -> Result<Engine, StoreError> {
    if index.doc_count() != corpus.documents.len() {
        return Err(StoreError::Index(IndexError::Inconsistent(
            "the index and the corpus have different document counts",
        )));
    }
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
        assert_eq!(engine.index().raw_positions(), index.raw_positions());
        assert!(index.raw_positions().is_some_and(|p| !p.0.is_empty()));
    }

    #[test]
    fn the_positions_arrive_between_the_head_and_the_body() {
        let corpus = ingest(vec![SourceFile::new(
            "a.txt",
            b"Grain deal signed

The grain deal was signed after talks on the deal and grain.
"
            .to_vec(),
        )]);
        let bytes = encoded(&corpus);
        let head_end = head_len(&bytes).unwrap() as usize;
        assert_eq!(positions_end(&bytes[..head_end]), None);
        let end = positions_end(&bytes[..head_end + envelope::HEADER_LEN]).unwrap() as usize;
        assert!(head_end < end && end < bytes.len());
        let head = decode_head(&bytes[..head_end]).unwrap();
        assert!(!head.index().has_positions());
        assert!(decode_positions(&head, &bytes[..end - 1]).is_err(), "cut short");
        let positioned = decode_positions(&head, &bytes[..end]).unwrap();
        let whole = decode(&bytes).unwrap();
        assert_eq!(positioned.index().raw_positions(), whole.index().raw_positions());
        let ranked = |e: &Engine, q: &str| {
            e.search(q, false)
                .hits
                .iter()
                .map(|h| (h.doc, h.score.to_bits()))
                .collect::<Vec<_>>()
        };
        for q in ["\"grain deal\"", "deal signed", "grain"] {
            assert_eq!(ranked(&positioned, q), ranked(&whole, q), "{q}");
        }
        // The body joins either engine the same way.
        let from_head = decode_body(&head, &bytes).unwrap();
        let from_positions = decode_body(&positioned, &bytes).unwrap();
        assert_eq!(from_head.corpus(), whole.corpus());
        assert_eq!(from_positions.corpus(), whole.corpus());
        assert_eq!(from_head.index().raw_positions(), whole.index().raw_positions());
        // Damaged positions are refused by their checksum, and a part in the wrong place
        // by its marker.
        let mut damaged = bytes.clone();
        damaged[end - 1] ^= 0xFF;
        assert!(matches!(
            decode_positions(&head, &damaged),
            Err(StoreError::Envelope(Fault::Checksum { .. }))
        ));
        assert!(matches!(
            decode(&damaged),
            Err(StoreError::Envelope(Fault::Checksum { .. }))
        ));
        let mut no_positions = bytes[..head_end].to_vec();
        no_positions.extend_from_slice(&bytes[end..]);
        assert!(matches!(
            decode(&no_positions),
            Err(StoreError::Envelope(Fault::WrongMarker))
        ));
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
    fn the_head_alone_searches_like_the_whole_file() {
        let corpus = sample();
        let bytes = encoded(&corpus);
        let first = head_len(&bytes).unwrap() as usize;
        assert!(first < bytes.len());
        assert_eq!(head_len(&bytes[..envelope::HEADER_LEN - 1]), None);
        let head = decode_head(&bytes[..first]).unwrap();
        let whole = decode(&bytes).unwrap();
        assert_eq!(
            head.corpus().documents[0].title,
            whole.corpus().documents[0].title
        );
        assert!(head.corpus().documents[0].text.is_empty());
        let ids = |e: &Engine| {
            e.search("story", false)
                .hits
                .iter()
                .map(|h| h.doc)
                .collect::<Vec<_>>()
        };
        assert!(!ids(&whole).is_empty());
        assert_eq!(ids(&head), ids(&whole));
        assert!(
            decode(&bytes[..first]).is_err(),
            "the head alone is not the whole file"
        );
    }

    #[test]
    fn the_head_knows_which_documents_each_entity_is_in() {
        let mut corpus = ingest(vec![
            SourceFile::new(
                "a.txt",
                b"Leaders meet\n\nVladimir Putin met Xi Jinping in Samarkand.\n".to_vec(),
            ),
            SourceFile::new(
                "b.txt",
                b"A visit\n\nXi Jinping flew to Kazakhstan on Wednesday.\n".to_vec(),
            ),
        ]);
        let model = dossier_nlp::ner::Model::from_bytes(dossier_nlp::ner::MODEL).unwrap();
        corpus.entities = dossier_nlp::entity::recognise(&corpus, &model);
        let bytes = encoded(&corpus);
        let head = decode_head(&bytes).unwrap();
        let whole = decode(&bytes).unwrap();
        assert!(head.corpus().entities.mentions.is_empty());
        let tallies = |e: &Engine| {
            e.corpus()
                .entities
                .entities
                .iter()
                .map(|e| {
                    (
                        e.name.clone(),
                        e.counts,
                        e.documents.clone(),
                        e.text_documents.clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert!(tallies(&whole)
            .iter()
            .any(|(name, _, docs, _)| name == "Xi Jinping" && docs.len() == 2));
        assert_eq!(tallies(&head), tallies(&whole));
        assert_eq!(whole.corpus().entities, corpus.entities);
    }

    #[test]
    fn the_body_joined_to_the_head_read_earlier_is_the_whole_file() {
        let mut corpus = ingest(vec![
            SourceFile::new(
                "a.txt",
                b"Leaders meet\n\nVladimir Putin met Xi Jinping in Samarkand.\n".to_vec(),
            ),
            SourceFile::new("b.txt", b"A visit\n\nXi Jinping flew to Kazakhstan.\n".to_vec()),
        ]);
        let model = dossier_nlp::ner::Model::from_bytes(dossier_nlp::ner::MODEL).unwrap();
        corpus.entities = dossier_nlp::entity::recognise(&corpus, &model);
        let bytes = encoded(&corpus);
        let head = decode_head(&bytes).unwrap();
        let joined = decode_body(&head, &bytes).unwrap();
        let whole = decode(&bytes).unwrap();
        assert_eq!(joined.corpus(), whole.corpus());
        assert_eq!(joined.index().raw(), whole.index().raw());
        let ids = |e: &Engine| {
            e.search("xi", false)
                .hits
                .iter()
                .map(|h| h.doc)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&joined), ids(&whole));
        // A damaged body is refused, the head it joins notwithstanding.
        let mut damaged = bytes.clone();
        let last = damaged.len() - 1;
        damaged[last] ^= 0xFF;
        assert!(matches!(
            decode_body(&head, &damaged),
            Err(StoreError::Envelope(_))
        ));
        assert!(decode_body(&head, &bytes[..head_len(&bytes).unwrap() as usize]).is_err());
    }

    #[test]
    fn a_damaged_head_or_body_is_refused() {
        let good = encoded(&sample());
        let first = head_len(&good).unwrap() as usize;
        let mut head = good.clone();
        head[first - 1] ^= 0xFF;
        assert!(matches!(
            decode_head(&head),
            Err(StoreError::Envelope(Fault::Checksum { .. }))
        ));
        assert!(matches!(
            decode(&head),
            Err(StoreError::Envelope(Fault::Checksum { .. }))
        ));
        let mut swapped = good[first..].to_vec();
        swapped.extend_from_slice(&good[..first]);
        assert!(matches!(
            decode_head(&swapped),
            Err(StoreError::Envelope(Fault::WrongMarker))
        ));
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
