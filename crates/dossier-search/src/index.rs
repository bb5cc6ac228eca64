//! The inverted index: built once at build time from the ingested corpus, embedded next
//! to it, and read in place by the app (nothing is re-tokenised in the browser).
//!
//! Two fields per document, title and body (the body is the text minus what ingest
//! removed). Layout:
//! - `stems`: an `fst` map from stemmed term to term id; `words`: an `fst` map from every
//!   folded word as written to its term id, so prefix and typo automata run over real
//!   words, not stems.
//! - `postings`: per term, its document frequency, then per document (ascending) a head
//!   and what the head does not say. The head is the doc id gap shifted left by four
//!   over: bit 0, a title frequency follows (97% of BBC's postings have none); bit 1, a
//!   body frequency follows (without it the body holds the term once, as in 68%); bits
//!   2-3, how many bytes the document's positions take beyond one each (3: that number
//!   follows as a varint). So most postings spend one or two bytes.
//!   `term_offsets[t]..term_offsets[t + 1]` is term `t`; it ships as each term's length.
//! - **positions** ([`RawPositions`]): every posting's positions (title then body,
//!   gap-encoded), in the postings' order, apart from them. Why apart: they are half of
//!   the index, and only phrases and the nearness of several words need them, so the
//!   file ships them after the part a one-word search needs (`dossier_store::parts`). An
//!   index without them ranks by the words alone ([`SearchIndex::has_positions`]). Where
//!   each posting's positions start is not stored: the heads' lengths add up to it
//!   ([`SearchIndex::with_positions`] walks them once, and checks they fill the bytes).
//!
//! Where each token starts is not stored: [`token_starts`] finds it again from the
//! document's text (word segmentation only, no stemming) for the few documents a view
//! shows, which keeps 18% of the index out of every download.
//!
//! All integers are LEB128 varints ([`dossier_format::varint`]).

use super::analyze::Analyzer;
use super::typo::WithinEdits;
use dossier_format::fst_guard::{self, FstDamage};
use dossier_format::varint;
use dossier_model::document::{Corpus, Document, Treatment};
use fst::{Automaton, IntoStreamer, Map, MapBuilder, Streamer};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use unicode_segmentation::UnicodeSegmentation;

/// The index as stored: plain bytes and tables. [`SearchIndex::from_raw`] checks it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawIndex {
    #[serde(with = "serde_bytes")]
    stems: Vec<u8>,
    #[serde(with = "serde_bytes")]
    words: Vec<u8>,
    #[serde(with = "dossier_model::packed::ascending")]
    term_offsets: Vec<u32>,
    #[serde(with = "serde_bytes")]
    postings: Vec<u8>,
    title_lens: Vec<u32>,
    body_lens: Vec<u32>,
}

/// Every posting's positions, in the order of the postings (see the module documentation).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawPositions(#[serde(with = "serde_bytes")] pub Vec<u8>);

/// Why stored index data cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexError {
    Dictionary(FstDamage),
    Inconsistent(&'static str),
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndexError::Dictionary(e) => write!(f, "search dictionary is damaged: {e}"),
            IndexError::Inconsistent(what) => write!(f, "search index is inconsistent: {what}"),
        }
    }
}

impl std::error::Error for IndexError {}

/// The index, ready to query.
#[derive(Clone)]
pub struct SearchIndex {
    stems: Map<Vec<u8>>,
    words: Map<Vec<u8>>,
    raw: RawIndex,
    avg_title_len: f32,
    avg_body_len: f32,
    /// `None` until the positions are here: then phrases and nearness wait.
    positions: Option<PositionTable>,
}

/// The positions, and where each term's start in them (the sum of its predecessors'
/// runs, counted from the postings' heads).
#[derive(Clone)]
struct PositionTable {
    bytes: RawPositions,
    /// Per term, then one past the last: the offset of its first posting's positions.
    term_starts: Vec<u32>,
}

impl fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchIndex")
            .field("terms", &self.term_count())
            .field("docs", &self.doc_count())
            .finish()
    }
}

/// One document in a term's postings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub doc: u32,
    pub tf_title: u32,
    pub tf_body: u32,
    /// Where this document's positions start in the positions' bytes (meaningless while
    /// the index has none).
    positions_at: u32,
}

impl Posting {
    /// A posting with counts only (a phrase scored as one term); it has no positions.
    pub fn counts(doc: u32, tf_title: u32, tf_body: u32) -> Posting {
        Posting {
            doc,
            tf_title,
            tf_body,
            positions_at: 0,
        }
    }
}

/// Token positions of a term in one document's title and body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Positions {
    pub title: Vec<u32>,
    pub body: Vec<u32>,
}

/// Byte sizes of the index parts, for the benchmark report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexSizes {
    pub dictionary: usize,
    /// Postings without their positions.
    pub postings: usize,
    pub positions: usize,
    pub tables: usize,
}

impl IndexSizes {
    pub fn total(&self) -> usize {
        self.dictionary + self.postings + self.positions + self.tables
    }
}

/// A dictionary proved safe to walk and checksummed ([`dossier_format::fst_guard`]): `fst` trusts
/// its bytes and may panic on a damaged automaton. Its values are term ids, so each must be
/// below `terms`.
fn open_map(bytes: Vec<u8>, terms: u64) -> Result<Map<Vec<u8>>, IndexError> {
    let (map, shape) = fst_guard::open_map(bytes).map_err(IndexError::Dictionary)?;
    if shape.keys > 0 && shape.max_value >= terms {
        return Err(IndexError::Inconsistent(
            "a dictionary word names a term that does not exist",
        ));
    }
    Ok(map)
}

impl SearchIndex {
    /// Checks stored data and opens its dictionaries (no copying, no re-tokenising).
    pub fn from_raw(raw: RawIndex) -> Result<SearchIndex, IndexError> {
        let docs = raw.title_lens.len();
        if raw.body_lens.len() != docs {
            return Err(IndexError::Inconsistent("per-document tables differ in length"));
        }
        if !is_monotonic(&raw.term_offsets, raw.postings.len()) {
            return Err(IndexError::Inconsistent(
                "offset table out of order or out of range",
            ));
        }
        let terms = raw.term_offsets.len().saturating_sub(1) as u64;
        let stems = open_map(raw.stems.clone(), terms)?;
        let words = open_map(raw.words.clone(), terms)?;
        if stems.len() as u64 != terms {
            return Err(IndexError::Inconsistent(
                "dictionary and postings disagree on the term count",
            ));
        }
        let mean = |lens: &[u32]| {
            if lens.is_empty() {
                1.0
            } else {
                (lens.iter().map(|&l| f64::from(l)).sum::<f64>() / lens.len() as f64).max(1.0) as f32
            }
        };
        Ok(SearchIndex {
            avg_title_len: mean(&raw.title_lens),
            avg_body_len: mean(&raw.body_lens),
            stems,
            words,
            raw,
            positions: None,
        })
    }

    /// This index with its positions, checked: the runs the postings' heads announce
    /// must fill `positions` exactly (so no run reaches past the bytes, and no count in a
    /// head is larger than the bytes behind it).
    pub fn with_positions(&self, positions: RawPositions) -> Result<SearchIndex, IndexError> {
        let mut term_starts = Vec::with_capacity(self.term_count() + 1);
        let mut at: u64 = 0;
        for term in 0..self.term_count() as u32 {
            term_starts.push(u32::try_from(at).map_err(|_| TOO_LONG)?);
            let mut postings = self.postings(term);
            for _ in postings.by_ref() {}
            at += postings.run;
        }
        if at != positions.0.len() as u64 {
            return Err(IndexError::Inconsistent(
                "the positions and the postings disagree on their length",
            ));
        }
        term_starts.push(u32::try_from(at).map_err(|_| TOO_LONG)?);
        let mut index = self.clone();
        index.positions = Some(PositionTable {
            bytes: positions,
            term_starts,
        });
        Ok(index)
    }

    /// Whether phrases and the nearness of words can be checked: false for the index
    /// the file's head holds, until its positions arrive.
    pub fn has_positions(&self) -> bool {
        self.positions.is_some()
    }

    pub fn raw(&self) -> &RawIndex {
        &self.raw
    }

    /// The positions as stored (`None` before [`SearchIndex::with_positions`]).
    pub fn raw_positions(&self) -> Option<&RawPositions> {
        self.positions.as_ref().map(|p| &p.bytes)
    }

    pub fn doc_count(&self) -> usize {
        self.raw.title_lens.len()
    }

    pub fn term_count(&self) -> usize {
        self.raw.term_offsets.len().saturating_sub(1)
    }

    pub fn sizes(&self) -> IndexSizes {
        IndexSizes {
            dictionary: self.raw.stems.len() + self.raw.words.len(),
            postings: self.raw.postings.len(),
            positions: self.raw_positions().map_or(0, |p| p.0.len()),
            tables: 4 * (self.raw.term_offsets.len() + self.raw.title_lens.len() + self.raw.body_lens.len()),
        }
    }

    /// The id of a stemmed term, if the corpus has it.
    pub fn term(&self, stem: &str) -> Option<u32> {
        self.stems.get(stem).and_then(|v| u32::try_from(v).ok())
    }

    /// The term id of every folded word the automaton accepts (a term once per word
    /// that maps to it). No word is copied out: this runs on the keystroke that starts a
    /// word, when a two-letter prefix matches thousands of words.
    pub fn terms_matching<A: Automaton>(&self, automaton: A) -> Vec<u32> {
        let mut out = Vec::new();
        let mut stream = self.words.search(automaton).into_stream();
        while let Some((_, id)) = stream.next() {
            if let Ok(id) = u32::try_from(id) {
                out.push(id);
            }
        }
        out
    }

    /// Every folded word within the automaton's edits, with its term id and edit count.
    pub fn words_within(&self, automaton: &WithinEdits) -> Vec<(String, u32, u8)> {
        let mut out = Vec::new();
        let mut stream = self.words.search_with_state(automaton).into_stream();
        while let Some((word, id, state)) = stream.next() {
            if let (Ok(word), Ok(id), Some(d)) = (
                std::str::from_utf8(word),
                u32::try_from(id),
                automaton.distance(&state),
            ) {
                out.push((word.to_owned(), id, d));
            }
        }
        out
    }

    /// The term id of a folded word as written, if the corpus has it.
    pub fn word(&self, folded: &str) -> Option<u32> {
        self.words.get(folded).and_then(|v| u32::try_from(v).ok())
    }

    fn term_bytes(&self, term: u32) -> &[u8] {
        let t = term as usize;
        match (self.raw.term_offsets.get(t), self.raw.term_offsets.get(t + 1)) {
            (Some(&a), Some(&b)) => &self.raw.postings[a as usize..b as usize],
            _ => &[],
        }
    }

    /// How many documents hold the term.
    pub fn doc_freq(&self, term: u32) -> u32 {
        varint::read(self.term_bytes(term), &mut 0)
    }

    /// The term's postings, in document order.
    pub fn postings(&self, term: u32) -> Postings<'_> {
        let bytes = self.term_bytes(term);
        let mut at = 0;
        let remaining = varint::read(bytes, &mut at);
        let base = self
            .positions
            .as_ref()
            .and_then(|p| p.term_starts.get(term as usize).copied())
            .unwrap_or(0);
        Postings {
            bytes,
            base,
            run: 0,
            at,
            remaining,
            doc: 0,
            first: true,
        }
    }

    /// A posting's positions: title positions into `title`, body positions into `body`.
    pub fn positions(&self, posting: &Posting, title: &mut Vec<u32>, body: &mut Vec<u32>) {
        title.clear();
        body.clear();
        self.append_positions(posting, title, body);
    }

    /// A posting's positions, appended to what `title` and `body` already hold.
    pub fn append_positions(&self, posting: &Posting, title: &mut Vec<u32>, body: &mut Vec<u32>) {
        let Some(table) = &self.positions else {
            return;
        };
        let mut at = posting.positions_at as usize;
        let bytes = &table.bytes.0;
        let mut read_run = |count: u32, out: &mut Vec<u32>| {
            let mut pos = 0u32;
            for i in 0..count {
                let gap = varint::read(bytes, &mut at);
                pos = if i == 0 { gap } else { pos.saturating_add(gap) };
                out.push(pos);
            }
        };
        read_run(posting.tf_title, title);
        read_run(posting.tf_body, body);
    }

    /// A posting's positions decoded as they are read, title first, body positions
    /// offset by [`BODY_OFFSET`] so one increasing sequence holds both fields and a
    /// title word is never near a body word. Lets proximity stop at the first adjacent
    /// pair without decoding the rest. Empty while the index has no positions.
    pub fn position_stream(&self, posting: &Posting) -> PositionStream<'_> {
        let table = self.positions.as_ref();
        let (title_left, body_left) = match table {
            Some(_) => (posting.tf_title, posting.tf_body),
            None => (0, 0),
        };
        PositionStream {
            bytes: table.map_or(&[], |t| &t.bytes.0),
            at: posting.positions_at as usize,
            title_left,
            body_left,
            title_pos: None,
            body_pos: None,
        }
    }

    /// A posting's positions, freshly allocated (for callers that keep several).
    pub fn positions_of(&self, posting: &Posting) -> Positions {
        let mut p = Positions::default();
        self.positions(posting, &mut p.title, &mut p.body);
        p
    }

    pub fn title_len(&self, doc: u32) -> u32 {
        self.raw.title_lens.get(doc as usize).copied().unwrap_or(0)
    }

    pub fn body_len(&self, doc: u32) -> u32 {
        self.raw.body_lens.get(doc as usize).copied().unwrap_or(0)
    }

    pub fn avg_title_len(&self) -> f32 {
        self.avg_title_len
    }

    pub fn avg_body_len(&self) -> f32 {
        self.avg_body_len
    }
}

/// Positions beyond what a `u32` offset reaches (4 GiB: no corpus a page holds).
const TOO_LONG: IndexError = IndexError::Inconsistent("the positions are longer than 4 GiB");

fn is_monotonic(offsets: &[u32], limit: usize) -> bool {
    offsets.windows(2).all(|w| w[0] <= w[1]) && offsets.last().is_none_or(|&l| l as usize <= limit)
}

/// Added to body positions in a [`PositionStream`]: more than any title's length.
pub const BODY_OFFSET: u32 = 1 << 30;

/// See [`SearchIndex::position_stream`].
pub struct PositionStream<'a> {
    bytes: &'a [u8],
    at: usize,
    title_left: u32,
    body_left: u32,
    /// The last position read in each run (the first of a run is absolute, the rest gaps).
    title_pos: Option<u32>,
    body_pos: Option<u32>,
}

impl Iterator for PositionStream<'_> {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        let (left, last, offset) = if self.title_left > 0 {
            (&mut self.title_left, &mut self.title_pos, 0)
        } else if self.body_left > 0 {
            (&mut self.body_left, &mut self.body_pos, BODY_OFFSET)
        } else {
            return None;
        };
        *left -= 1;
        let gap = varint::read(self.bytes, &mut self.at);
        let pos = last.map_or(gap, |p| p.saturating_add(gap));
        *last = Some(pos);
        Some(pos.saturating_add(offset))
    }
}

/// A posting head's flag: a title frequency follows (none: the title lacks the term).
const HAS_TITLE: u64 = 1;
/// A posting head's flag: a body frequency follows (none: the body holds the term once).
const HAS_BODY_COUNT: u64 = 2;
/// A posting head's bits for the bytes its positions take beyond one each.
const EXTRA_BYTES: u64 = 0b1100;
/// [`EXTRA_BYTES`] value saying the number is larger and follows as a varint.
const EXTRA_FOLLOWS: u64 = 3;

/// Iterates a term's postings without allocating.
pub struct Postings<'a> {
    bytes: &'a [u8],
    /// Where the term's positions start, and how many of their bytes the postings read
    /// so far announced.
    base: u32,
    run: u64,
    at: usize,
    remaining: u32,
    doc: u32,
    first: bool,
}

impl Iterator for Postings<'_> {
    type Item = Posting;

    #[inline]
    fn next(&mut self) -> Option<Posting> {
        if self.remaining == 0 || self.at >= self.bytes.len() {
            return None;
        }
        self.remaining -= 1;
        let head = varint::read_u64(self.bytes, &mut self.at);
        let gap = u32::try_from(head >> 4).unwrap_or(u32::MAX);
        self.doc = if self.first {
            gap
        } else {
            self.doc.saturating_add(gap)
        };
        self.first = false;
        let tf_title = if head & HAS_TITLE != 0 {
            varint::read(self.bytes, &mut self.at)
        } else {
            0
        };
        let tf_body = if head & HAS_BODY_COUNT != 0 {
            varint::read(self.bytes, &mut self.at)
        } else {
            1
        };
        let extra = match (head & EXTRA_BYTES) >> 2 {
            EXTRA_FOLLOWS => u64::from(varint::read(self.bytes, &mut self.at)),
            extra => extra,
        };
        // Every position takes at least a byte, so the run covers the counts; that the
        // runs fill the positions exactly is checked once, when they arrive
        // ([`SearchIndex::with_positions`]), so a damaged count cannot make a reader loop
        // or allocate past the bytes.
        let positions_at = u32::try_from(u64::from(self.base) + self.run).unwrap_or(u32::MAX);
        self.run += u64::from(tf_title) + u64::from(tf_body) + extra;
        Some(Posting {
            doc: self.doc,
            tf_title,
            tf_body,
            positions_at,
        })
    }
}

/// The searchable words of a document: its title, and its text outside removed regions.
pub fn document_tokens<'d>(
    analyzer: &'d Analyzer,
    doc: &'d Document,
) -> (
    impl Iterator<Item = super::analyze::Token<'d>> + 'd,
    impl Iterator<Item = super::analyze::Token<'d>> + 'd,
) {
    let mut kept = kept_text(doc);
    let body = analyzer.tokens(&doc.text).filter(move |t| kept(t.start));
    (analyzer.tokens(&doc.title.text), body)
}

/// Byte offsets where the tokens of [`document_tokens`] start, in the title and in the
/// body: what token positions in the postings count. Segmentation alone, no stemming.
pub fn token_starts(doc: &Document) -> (Vec<u32>, Vec<u32>) {
    let mut kept = kept_text(doc);
    let title = doc
        .title
        .text
        .unicode_word_indices()
        .map(|(at, _)| at as u32)
        .collect();
    let body = doc
        .text
        .unicode_word_indices()
        .map(|(at, _)| at)
        .filter(|&at| kept(at))
        .map(|at| at as u32)
        .collect();
    (title, body)
}

/// Whether a word starting at a byte is outside the document's removed regions, asked
/// in ascending order of starts.
fn kept_text(doc: &Document) -> impl FnMut(usize) -> bool {
    let removed: Vec<_> = doc
        .regions
        .iter()
        .filter(|r| r.kind.treatment() == Treatment::Removed)
        .map(|r| r.span)
        .collect();
    let mut next_region = 0;
    move |start| {
        let start = start as u32;
        while next_region < removed.len() && removed[next_region].end <= start {
            next_region += 1;
        }
        removed.get(next_region).is_none_or(|r| start < r.start)
    }
}

/// Builds the index of a corpus (at build time).
pub fn build(corpus: &Corpus) -> SearchIndex {
    let analyzer = Analyzer::default();
    let mut term_ids: HashMap<String, u32> = HashMap::new();
    let mut word_ids: HashMap<String, u32> = HashMap::new();
    let mut lists: Vec<TermList> = Vec::new();
    let mut raw = RawIndex::default();
    // Per document: term id -> (title positions, body positions).
    let mut doc_terms: HashMap<u32, (Vec<u32>, Vec<u32>)> = HashMap::new();

    for doc in &corpus.documents {
        doc_terms.clear();
        let (title, body) = document_tokens(&analyzer, doc);
        let mut lens = [0u32; 2];
        for (field, tokens) in [
            (0usize, Box::new(title) as Box<dyn Iterator<Item = _>>),
            (1, Box::new(body)),
        ] {
            for (pos, token) in tokens.enumerate() {
                let id = match term_ids.get(&token.term) {
                    Some(&id) => id,
                    None => {
                        let id = lists.len() as u32;
                        term_ids.insert(token.term.clone(), id);
                        lists.push(TermList::default());
                        id
                    }
                };
                word_ids.entry(token.folded).or_insert(id);
                let entry = doc_terms.entry(id).or_default();
                let positions = if field == 0 { &mut entry.0 } else { &mut entry.1 };
                positions.push(pos as u32);
                lens[field] = pos as u32 + 1;
            }
        }
        raw.title_lens.push(lens[0]);
        raw.body_lens.push(lens[1]);
        for (&id, (title_pos, body_pos)) in &doc_terms {
            lists[id as usize].add(doc.id.0, title_pos, body_pos);
        }
    }

    // Terms are numbered in the order of their stems, so the stem dictionary's values
    // rise with its keys and a word's value is near its neighbours': `fst` shares such
    // outputs between keys, where ids in order of first sight scattered them.
    let mut stems: Vec<(String, u32)> = term_ids.into_iter().collect();
    stems.sort_unstable();
    let mut renumbered = vec![0u32; stems.len()];
    raw.term_offsets.push(0);
    let mut positions = Vec::new();
    for (rank, (_, first_seen)) in stems.iter_mut().enumerate() {
        let list = &lists[*first_seen as usize];
        varint::push(&mut raw.postings, list.docs);
        raw.postings.extend_from_slice(&list.bytes);
        positions.extend_from_slice(&list.positions);
        raw.term_offsets.push(raw.postings.len() as u32);
        renumbered[*first_seen as usize] = rank as u32;
        *first_seen = rank as u32;
    }
    let mut words: Vec<(String, u32)> = word_ids
        .into_iter()
        .map(|(word, first_seen)| (word, renumbered[first_seen as usize]))
        .collect();
    words.sort_unstable();
    raw.stems = fst_bytes(stems);
    raw.words = fst_bytes(words);
    // The builder produced these tables itself, so they pass the checks.
    SearchIndex::from_raw(raw)
        .and_then(|index| index.with_positions(RawPositions(positions)))
        .unwrap_or_else(|e| unreachable!("freshly built index is invalid: {e}"))
}

/// A dictionary of `keys`, sorted and unique.
fn fst_bytes(keys: Vec<(String, u32)>) -> Vec<u8> {
    let mut builder = MapBuilder::memory();
    for (key, id) in keys {
        // Keys are sorted and unique, which is all insertion can fail on.
        let _ = builder.insert(key, u64::from(id));
    }
    builder.into_inner().unwrap_or_default()
}

/// A term's postings while the index is built.
#[derive(Default)]
struct TermList {
    docs: u32,
    last_doc: Option<u32>,
    bytes: Vec<u8>,
    positions: Vec<u8>,
}

impl TermList {
    fn add(&mut self, doc: u32, title: &[u32], body: &[u32]) {
        let gap = self.last_doc.map_or(doc, |last| doc - last);
        self.last_doc = Some(doc);
        self.docs += 1;
        let positions = &mut self.positions;
        let before = positions.len();
        for run in [title, body] {
            let mut prev = 0;
            for (i, &p) in run.iter().enumerate() {
                varint::push(positions, if i == 0 { p } else { p - prev });
                prev = p;
            }
        }
        let extra = (positions.len() - before - title.len() - body.len()) as u64;
        let mut head = u64::from(gap) << 4 | extra.min(EXTRA_FOLLOWS) << 2;
        if !title.is_empty() {
            head |= HAS_TITLE;
        }
        if body.len() != 1 {
            head |= HAS_BODY_COUNT;
        }
        varint::push_u64(&mut self.bytes, head);
        if !title.is_empty() {
            varint::push(&mut self.bytes, title.len() as u32);
        }
        if body.len() != 1 {
            varint::push(&mut self.bytes, body.len() as u32);
        }
        if extra >= EXTRA_FOLLOWS {
            varint::push(&mut self.bytes, extra as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_ingest::{ingest, source::SourceFile};

    fn one_document() -> SearchIndex {
        build(&ingest(vec![SourceFile::new(
            "a.txt",
            b"Storm warning\n\nRain fell on the town. Rain fell again and rain stopped before noon.\n"
                .to_vec(),
        )]))
    }

    /// The one posting of a word's term, with its positions.
    fn posting(index: &SearchIndex, word: &str) -> (u32, u32, Positions) {
        let term = index.word(word).unwrap();
        let postings: Vec<Posting> = index.postings(term).collect();
        assert_eq!(postings.len(), 1, "{word}");
        let p = postings[0];
        (p.tf_title, p.tf_body, index.positions_of(&p))
    }

    #[test]
    fn postings_keep_the_counts_their_head_leaves_out() {
        let index = one_document();
        let positions = |title: &[u32], body: &[u32]| Positions {
            title: title.to_vec(),
            body: body.to_vec(),
        };
        // Title only: a title count follows the head, and the body count 0.
        assert_eq!(posting(&index, "storm"), (1, 0, positions(&[0], &[])));
        // Once in the body: the head alone says so.
        assert_eq!(posting(&index, "again"), (0, 1, positions(&[], &[7])));
        assert_eq!(posting(&index, "rain"), (0, 3, positions(&[], &[0, 5, 9])));
        let stream: Vec<u32> = index
            .position_stream(&index.postings(index.word("rain").unwrap()).next().unwrap())
            .collect();
        assert_eq!(stream, [BODY_OFFSET, BODY_OFFSET + 5, BODY_OFFSET + 9]);
    }

    #[test]
    fn far_positions_say_their_extra_bytes_after_the_counts() {
        // "marker" at body tokens 200, 400, 600 and 800: four two-byte positions, four
        // bytes beyond one each, more than the head's two bits hold.
        let words: Vec<String> = (0..900)
            .map(|i| {
                if i > 0 && i % 200 == 0 {
                    "marker".to_owned()
                } else {
                    format!("word{i}")
                }
            })
            .collect();
        let long = format!("Long story\n\nThe story goes on and on. {}.\n", words.join(" "));
        let short = "Short story\n\nA marker stands here, and then the story ends at once.\n";
        let index = build(&ingest(vec![
            SourceFile::new("a.txt", long.into_bytes()),
            SourceFile::new("b.txt", short.as_bytes().to_vec()),
        ]));
        let postings: Vec<Posting> = index.postings(index.word("marker").unwrap()).collect();
        assert_eq!(postings.len(), 2);
        let body = index.positions_of(&postings[0]).body;
        assert_eq!(body.len(), 4);
        assert_eq!(
            body.windows(2).map(|w| w[1] - w[0]).collect::<Vec<_>>(),
            [200, 200, 200]
        );
        // The jump over those positions lands on the next document's posting.
        assert_eq!((postings[1].doc, postings[1].tf_body), (1, 1));
        assert_eq!(index.positions_of(&postings[1]).body, [1]);
    }

    #[test]
    fn positions_that_do_not_fill_their_bytes_are_refused() {
        // One term in two documents; the first promises five body positions, the second one.
        let postings = vec![2, HAS_BODY_COUNT as u8, 5, (1 << 4) as u8];
        let raw = RawIndex {
            stems: fst_bytes(vec![("x".to_owned(), 0)]),
            words: fst_bytes(vec![("x".to_owned(), 0)]),
            term_offsets: vec![0, postings.len() as u32],
            postings,
            title_lens: vec![0, 0],
            body_lens: vec![5, 1],
        };
        let index = SearchIndex::from_raw(raw).unwrap();
        let counts: Vec<(u32, u32)> = index.postings(0).map(|p| (p.doc, p.tf_body)).collect();
        assert_eq!(counts, [(0, 5), (1, 1)]);
        // Two positions of the six the heads announce: the rest would be read past the end.
        let short = index.with_positions(RawPositions(vec![0, 1]));
        assert!(matches!(short, Err(IndexError::Inconsistent(_))));
        let long = index.with_positions(RawPositions(vec![0; 7]));
        assert!(matches!(long, Err(IndexError::Inconsistent(_))));
        let whole = index
            .with_positions(RawPositions(vec![0, 1, 1, 1, 1, 0]))
            .unwrap();
        let second = whole.postings(0).nth(1).unwrap();
        assert_eq!(whole.positions_of(&second).body, [0]);
    }

    #[test]
    fn without_positions_the_counts_stay_and_positions_are_empty() {
        let whole = one_document();
        let head = SearchIndex::from_raw(whole.raw().clone()).unwrap();
        assert!(whole.has_positions() && !head.has_positions());
        let term = head.word("rain").unwrap();
        let counts = |index: &SearchIndex| {
            index
                .postings(term)
                .map(|p| (p.doc, p.tf_title, p.tf_body))
                .collect::<Vec<_>>()
        };
        assert_eq!(counts(&head), counts(&whole));
        let posting = head.postings(term).next().unwrap();
        assert_eq!(head.positions_of(&posting), Positions::default());
        assert_eq!(head.position_stream(&posting).count(), 0);
        // The positions put back give the whole index's answers (to its own postings: a
        // posting says where its positions are in the index it came from).
        let joined = head
            .with_positions(whole.raw_positions().unwrap().clone())
            .unwrap();
        let posting = joined.postings(term).next().unwrap();
        assert_eq!(joined.positions_of(&posting).body, [0, 5, 9]);
        assert_eq!(joined.sizes(), whole.sizes());
    }
}
