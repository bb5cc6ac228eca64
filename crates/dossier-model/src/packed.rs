//! Compact stored forms of sorted numbers and spans, for `#[serde(with = ...)]` on the
//! fields that hold them: the shipped corpus is mostly such lists, and postcard writes
//! each number as a varint, so a small difference takes one byte where an offset into a
//! long text takes three.
//!
//! - [`ascending`]: a sorted `Vec<u32>` as the differences between neighbours.
//! - [`spans`], [`spans_per_doc`]: sorted, disjoint spans as the gap since the previous
//!   span's end and the length (sentences and paragraphs touch, so both are small).
//!
//! - [`interleave`]: two small counts as one number, so the pair takes one varint.
//!
//! Differences wrap (`wrapping_sub` on writing, `wrapping_add` on reading), so every
//! list round-trips exactly, sorted or not: an unsorted list only costs more bytes, and a
//! damaged one decodes into numbers the store's checks then refuse, never a panic.
//!
//! ```
//! use dossier_model::span::Span;
//!
//! #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
//! struct Lines(#[serde(with = "dossier_model::packed::spans")] Vec<Span>);
//!
//! let lines = Lines(vec![Span::new(1000, 1040), Span::new(1041, 1100)]);
//! let bytes = postcard::to_allocvec(&lines).unwrap();
//! assert_eq!(bytes, [2, 0xE8, 0x07, 40, 1, 59]);
//! assert_eq!(postcard::from_bytes::<Lines>(&bytes).unwrap(), lines);
//! ```

use crate::span::Span;

/// A span as (gap since `end`, length); `end` moves to the span's end.
pub(crate) fn pack_span(span: Span, end: &mut u32) -> (u32, u32) {
    let packed = (span.start.wrapping_sub(*end), span.end.wrapping_sub(span.start));
    *end = span.end;
    packed
}

/// The span [`pack_span`] wrote after a span ending at `end`; `end` moves to its end.
pub(crate) fn unpack_span((gap, len): (u32, u32), end: &mut u32) -> Span {
    let start = end.wrapping_add(gap);
    let span = Span {
        start,
        end: start.wrapping_add(len),
    };
    *end = span.end;
    span
}

/// Where a list of spans sorted by document, then position, stands while it is written or
/// read: each entry names its document by the gap from the one before, and its span as
/// [`pack_span`] does, counted from the start of the document when the document changes.
#[derive(Default)]
pub(crate) struct DocSpans {
    doc: u32,
    end: u32,
}

impl DocSpans {
    /// `span` of document `doc` as (document gap, packed span).
    pub(crate) fn pack(&mut self, doc: crate::id::DocId, span: Span) -> (u32, (u32, u32)) {
        let doc_gap = doc.0.wrapping_sub(self.doc);
        if doc_gap != 0 {
            self.end = 0;
        }
        self.doc = doc.0;
        (doc_gap, pack_span(span, &mut self.end))
    }

    /// The document and span [`DocSpans::pack`] wrote as `doc_gap` and `span`.
    pub(crate) fn unpack(&mut self, doc_gap: u32, span: (u32, u32)) -> (crate::id::DocId, Span) {
        if doc_gap != 0 {
            self.end = 0;
        }
        self.doc = self.doc.wrapping_add(doc_gap);
        (crate::id::DocId(self.doc), unpack_span(span, &mut self.end))
    }
}

fn pack_all(spans: &[Span]) -> Vec<(u32, u32)> {
    let mut end = 0;
    spans.iter().map(|&s| pack_span(s, &mut end)).collect()
}

fn unpack_all(packed: Vec<(u32, u32)>) -> Vec<Span> {
    let mut end = 0;
    packed.into_iter().map(|p| unpack_span(p, &mut end)).collect()
}

/// A sorted `Vec<u32>` as differences: the first value, then each minus the one before.
pub mod ascending {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(values: &[u32], serializer: S) -> Result<S::Ok, S::Error> {
        let mut last = 0u32;
        let gaps: Vec<u32> = values
            .iter()
            .map(|&v| {
                let gap = v.wrapping_sub(last);
                last = v;
                gap
            })
            .collect();
        gaps.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u32>, D::Error> {
        let mut gaps = Vec::<u32>::deserialize(deserializer)?;
        let mut last = 0u32;
        for v in &mut gaps {
            last = last.wrapping_add(*v);
            *v = last;
        }
        Ok(gaps)
    }
}

/// Sorted, disjoint spans as (gap since the previous end, length) pairs.
pub mod spans {
    use crate::span::Span;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(spans: &[Span], serializer: S) -> Result<S::Ok, S::Error> {
        super::pack_all(spans).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Span>, D::Error> {
        Vec::<(u32, u32)>::deserialize(deserializer).map(super::unpack_all)
    }
}

/// One list of sorted, disjoint spans per document, each as [`spans`] writes it.
pub mod spans_per_doc {
    use crate::span::Span;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(docs: &[Vec<Span>], serializer: S) -> Result<S::Ok, S::Error> {
        let packed: Vec<Vec<(u32, u32)>> = docs.iter().map(|d| super::pack_all(d)).collect();
        packed.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Vec<Span>>, D::Error> {
        let packed = Vec::<Vec<(u32, u32)>>::deserialize(deserializer)?;
        Ok(packed.into_iter().map(super::unpack_all).collect())
    }
}

/// `a`'s bits in the even places and `b`'s in the odd ones: the result is small when
/// both are, so counts below 8 share one varint byte and counts below 64 two.
pub fn interleave(a: u32, b: u32) -> u64 {
    spread(a) | spread(b) << 1
}

/// The two numbers [`interleave`] combined (odd bits of a wider value are dropped).
pub fn deinterleave(both: u64) -> (u32, u32) {
    (gather(both), gather(both >> 1))
}

/// The bits of `x` moved to the even places of a `u64`.
fn spread(x: u32) -> u64 {
    let mut x = u64::from(x);
    x = (x | x << 16) & 0x0000_FFFF_0000_FFFF;
    x = (x | x << 8) & 0x00FF_00FF_00FF_00FF;
    x = (x | x << 4) & 0x0F0F_0F0F_0F0F_0F0F;
    x = (x | x << 2) & 0x3333_3333_3333_3333;
    (x | x << 1) & 0x5555_5555_5555_5555
}

/// The even bits of `v`, packed together: the inverse of [`spread`].
fn gather(v: u64) -> u32 {
    let mut x = v & 0x5555_5555_5555_5555;
    x = (x | x >> 1) & 0x3333_3333_3333_3333;
    x = (x | x >> 2) & 0x0F0F_0F0F_0F0F_0F0F;
    x = (x | x >> 4) & 0x00FF_00FF_00FF_00FF;
    x = (x | x >> 8) & 0x0000_FFFF_0000_FFFF;
    ((x | x >> 16) & 0xFFFF_FFFF) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Sample {
        #[serde(with = "ascending")]
        offsets: Vec<u32>,
        #[serde(with = "spans_per_doc")]
        sentences: Vec<Vec<Span>>,
    }

    fn round_trip(sample: &Sample) -> Sample {
        postcard::from_bytes(&postcard::to_allocvec(sample).unwrap()).unwrap()
    }

    #[test]
    fn sorted_lists_take_a_byte_a_number() {
        let sample = Sample {
            offsets: vec![0, 70_000, 70_100],
            sentences: vec![vec![Span::new(70_000, 70_050), Span::new(70_051, 70_090)], vec![]],
        };
        let bytes = postcard::to_allocvec(&sample).unwrap();
        // Offsets: count, 0, 70_000 (three bytes), 100; sentences: count, count, (70_000,
        // 50), (1, 39), count.
        assert_eq!(bytes.len(), (1 + 1 + 3 + 1) + (1 + 1 + (3 + 1) + (1 + 1) + 1));
        assert_eq!(round_trip(&sample), sample);
    }

    #[test]
    fn unsorted_and_extreme_values_round_trip_exactly() {
        let sample = Sample {
            offsets: vec![u32::MAX, 0, 5, 3],
            sentences: vec![vec![Span::new(9, 12), Span::new(2, 4), Span { start: 7, end: 3 }]],
        };
        assert_eq!(round_trip(&sample), sample);
    }

    #[test]
    fn interleaved_pairs_are_small_when_both_are_and_round_trip() {
        assert_eq!(interleave(0, 0), 0);
        assert_eq!(interleave(1, 1), 0b11);
        assert_eq!(interleave(7, 7), 0b11_1111);
        assert_eq!(interleave(2, 0), 0b100);
        for (a, b) in [(0, u32::MAX), (u32::MAX, 0), (u32::MAX, u32::MAX), (12_345, 678)] {
            assert_eq!(deinterleave(interleave(a, b)), (a, b));
        }
    }
}
