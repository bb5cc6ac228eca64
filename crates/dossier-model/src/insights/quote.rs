//! A direct quote attributed to an entity, found at build time by
//! `dossier_explore::quotes`.

use crate::entity::EntityId;
use crate::id::DocId;
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// A direct quote attributed to an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub doc: DocId,
    /// The quoted words, inside the marks, trimmed.
    pub text: Span,
    pub speaker: EntityId,
    /// The attribution words ("Denisov said", "said Denisov", "he added", "according to
    /// the Kremlin").
    pub cue: Span,
}

/// The shipped form of a corpus's quotes (sorted by document and position), for
/// `#[serde(with)]`: each names its document by the gap from the one before, the quoted
/// words as the gap since the previous quote's end in that document and their length,
/// and the attribution by its distance from the quote's end (signed: it may come first)
/// and its length. About seven bytes where the plain form took twelve.
pub(crate) mod stored {
    use super::Quote;
    use crate::entity::EntityId;
    use crate::packed::DocSpans;
    use crate::span::Span;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct Stored {
        doc_gap: u32,
        text: (u32, u32),
        speaker: EntityId,
        cue_from_text_end: i64,
        cue_len: u32,
    }

    pub fn serialize<S: Serializer>(quotes: &[Quote], serializer: S) -> Result<S::Ok, S::Error> {
        let mut at = DocSpans::default();
        let stored: Vec<Stored> = quotes
            .iter()
            .map(|q| {
                let (doc_gap, text) = at.pack(q.doc, q.text);
                Stored {
                    doc_gap,
                    text,
                    speaker: q.speaker,
                    cue_from_text_end: i64::from(q.cue.start) - i64::from(q.text.end),
                    cue_len: q.cue.end.wrapping_sub(q.cue.start),
                }
            })
            .collect();
        stored.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Quote>, D::Error> {
        let mut at = DocSpans::default();
        let stored = Vec::<Stored>::deserialize(deserializer)?;
        Ok(stored
            .into_iter()
            .map(|s| {
                let (doc, text) = at.unpack(s.doc_gap, s.text);
                // A damaged distance lands anywhere; the store's checks refuse the span.
                let cue_start = (i64::from(text.end).wrapping_add(s.cue_from_text_end)) as u32;
                Quote {
                    doc,
                    text,
                    speaker: s.speaker,
                    cue: Span {
                        start: cue_start,
                        end: cue_start.wrapping_add(s.cue_len),
                    },
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Sample(#[serde(with = "stored")] Vec<Quote>);

    #[test]
    fn quotes_round_trip_with_the_attribution_before_or_after() {
        let quote = |doc, text: (usize, usize), cue: (usize, usize)| Quote {
            doc: DocId(doc),
            text: Span::new(text.0, text.1),
            speaker: EntityId(doc * 7),
            cue: Span::new(cue.0, cue.1),
        };
        let sample = Sample(vec![
            quote(1, (120, 180), (182, 194)),
            quote(1, (300, 340), (280, 298)),
            quote(3, (5, 9), (0, u32::MAX as usize)),
            quote(0, (70_000, 70_100), (0, 3)),
        ]);
        let bytes = postcard::to_allocvec(&sample).unwrap();
        assert_eq!(postcard::from_bytes::<Sample>(&bytes).unwrap(), sample);
    }
}
