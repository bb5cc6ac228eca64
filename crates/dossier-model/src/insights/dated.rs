//! DATE mentions placed on the calendar, resolved at build time by
//! `dossier_explore::timeline`.

use crate::date::CalendarDate;
use crate::id::DocId;
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// How exact a resolved date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
}

/// A DATE mention placed on the calendar: `start..=end` (inclusive days, years known).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedMention {
    pub doc: DocId,
    pub mention: Span,
    pub start: CalendarDate,
    pub end: CalendarDate,
    pub precision: Precision,
    /// The sentence holding the mention (two, joined, when a boundary cuts it).
    pub sentence: Span,
}

/// The shipped form of a corpus's dated mentions (sorted by document and position), for
/// `#[serde(with)]`: each names its document by the gap from the one before, its span as
/// the gap since the previous mention's end in that document and its length, its
/// sentence by how far it reaches before and after the mention, its first day as one
/// number and its last as the difference from the first (none for a single day). About
/// twelve bytes where the plain form took twenty-one.
pub(crate) mod stored {
    use super::{DatedMention, Precision};
    use crate::date::CalendarDate;
    use crate::packed::DocSpans;
    use crate::span::Span;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct Stored {
        doc_gap: u32,
        mention: (u32, u32),
        start: u64,
        end_from_start: u64,
        precision: Precision,
        sentence_before: u32,
        sentence_after: u32,
    }

    /// A day as one number: year + 1 (0 when unknown), month and day in a byte each.
    fn day_number(date: CalendarDate) -> u64 {
        let year = date.year.map_or(0, |y| u64::from(y) + 1);
        year << 16 | u64::from(date.month) << 8 | u64::from(date.day)
    }

    /// The day [`day_number`] wrote; bits a damaged file sets beyond it are dropped.
    fn day(number: u64) -> CalendarDate {
        let year = number >> 16;
        CalendarDate {
            year: year.checked_sub(1).map(|y| y as u16),
            month: (number >> 8) as u8,
            day: number as u8,
        }
    }

    pub fn serialize<S: Serializer>(dated: &[DatedMention], serializer: S) -> Result<S::Ok, S::Error> {
        let mut at = DocSpans::default();
        let stored: Vec<Stored> = dated
            .iter()
            .map(|d| {
                let (doc_gap, mention) = at.pack(d.doc, d.mention);
                let start = day_number(d.start);
                Stored {
                    doc_gap,
                    mention,
                    start,
                    end_from_start: day_number(d.end).wrapping_sub(start),
                    precision: d.precision,
                    sentence_before: d.mention.start.wrapping_sub(d.sentence.start),
                    sentence_after: d.sentence.end.wrapping_sub(d.mention.end),
                }
            })
            .collect();
        stored.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<DatedMention>, D::Error> {
        let mut at = DocSpans::default();
        let stored = Vec::<Stored>::deserialize(deserializer)?;
        Ok(stored
            .into_iter()
            .map(|s| {
                let (doc, mention) = at.unpack(s.doc_gap, s.mention);
                DatedMention {
                    doc,
                    mention,
                    start: day(s.start),
                    end: day(s.start.wrapping_add(s.end_from_start)),
                    precision: s.precision,
                    sentence: Span {
                        start: mention.start.wrapping_sub(s.sentence_before),
                        end: mention.end.wrapping_add(s.sentence_after),
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
    struct Sample(#[serde(with = "stored")] Vec<DatedMention>);

    #[test]
    fn dated_mentions_round_trip_in_any_order_and_with_any_year() {
        let date = |year, month, day| CalendarDate { year, month, day };
        let mention = |doc, start, end: CalendarDate, at: usize| DatedMention {
            doc: DocId(doc),
            mention: Span::new(at, at + 9),
            start,
            end,
            precision: Precision::Day,
            sentence: Span::new(at - 3, at + 20),
        };
        let sample = Sample(vec![
            mention(0, date(Some(2004), 12, 3), date(Some(2004), 12, 3), 700),
            mention(0, date(None, 2, 26), date(None, 3, 1), 900),
            mention(4, date(Some(u16::MAX), 255, 255), date(Some(0), 1, 1), 40),
            // Out of order: costs bytes, loses nothing.
            mention(2, date(Some(2005), 1, 1), date(Some(2005), 12, 31), 10),
        ]);
        let bytes = postcard::to_allocvec(&sample).unwrap();
        assert_eq!(postcard::from_bytes::<Sample>(&bytes).unwrap(), sample);
    }
}
