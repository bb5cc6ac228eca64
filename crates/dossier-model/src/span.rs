//! Byte ranges into a document's original text.
//!
//! Every offset Dossier keeps points into the decoded text of the document it belongs to,
//! never into a cleaned copy, so anything found later (a search hit, an entity) maps back
//! exactly to what the user reads.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into a document's text, always on `char` boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// A span from `usize` offsets. Documents are capped far below 4 GiB by ingest, so the
    /// narrowing cannot lose information there; it saturates rather than wraps if misused.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The same range moved `by` bytes towards the start (used when a file is split and
    /// spans are rebased onto one document's text).
    pub fn shifted_back(self, by: usize) -> Span {
        Span::new(self.start as usize - by, self.end as usize - by)
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}
