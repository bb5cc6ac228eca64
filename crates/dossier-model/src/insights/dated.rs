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
