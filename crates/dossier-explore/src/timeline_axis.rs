//! The timeline's axis, worked out apart from the page: which dated mentions and
//! publication days a list of documents puts on it, in what order, over which days, and
//! where each day falls on the drawing. Pure, so it is tested natively;
//! `src/views/timeline` draws it.
//!
//! The axis is **broken** where the dates are far apart: days are grouped into runs
//! where no two neighbours are more than [`GAP_DAYS`] apart, each run is a segment of
//! the axis with a break mark between segments, and every day of a segment gets a
//! column of at least [`MIN_DAY`] pixels. So one outlying date (a "2013" in a story of
//! September 2022) costs a short segment of its own instead of stretching one axis over
//! nine years and squeezing the story's fortnight into a few pixels, and every mark is a
//! target of at least 24 px, on a phone too (the drawing is then wider than the screen
//! and scrolls in its own box). The page passes the width it has; the axis is never
//! narrower than its columns need.
//!
//! By default ([`Extent::Story`]) the axis shows only the busiest segment, where the
//! story is (the most mentions and publications); the other marked days are counted in
//! [`Axis::outside`] and the page offers to show them ([`Extent::All`]): one "2013" and a
//! "June" do not push the story's fortnight off the screen.

use crate::{DatedMention, Precision};
use dossier_model::date::CalendarDate;
use dossier_model::document::DocId;
use dossier_model::Corpus;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// The drawing's height in pixels.
pub const HEIGHT: f64 = 170.0;
/// Space left and right of the axis, for the end labels.
pub const PAD: f64 = 24.0;
/// The narrowest column a day gets, in pixels: a mark is a target at least this wide.
pub const MIN_DAY: f64 = 24.0;
/// Days further apart than this start a new segment of the axis.
pub const GAP_DAYS: u32 = 21;
/// The narrowest segment, in pixels: room for its date label.
pub const MIN_SEGMENT: f64 = 72.0;
/// The space a break takes between two segments, in pixels.
pub const BREAK: f64 = 28.0;
/// The tallest mention bar, above its minimum height.
const BAR_RANGE: f64 = 62.0;
const BAR_MIN: f64 = 8.0;

/// Which days the axis draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Extent {
    /// The busiest segment only.
    #[default]
    Story,
    /// Every marked day, segments apart after breaks.
    All,
}

/// A stretch of the axis without a break: days `first..=last` drawn from `x0` to `x1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub first: u32,
    pub last: u32,
    pub x0: f64,
    pub x1: f64,
}

impl Segment {
    /// Days the segment spans, its ends included.
    fn days(&self) -> f64 {
        f64::from(self.last - self.first + 1)
    }

    /// The width of one day's column.
    pub fn column(&self) -> f64 {
        (self.x1 - self.x0) / self.days()
    }
}

/// What the timeline shows: dated mentions in date order, documents by publication day,
/// and the days the axis spans. Days are [`CalendarDate::day_number`]s.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// The dated mentions of the listed documents, by start, end, document and position.
    pub events: Vec<DatedMention>,
    /// The listed documents by the day they were published.
    pub published: BTreeMap<u32, Vec<DocId>>,
    /// How many mentions start on each day, for the bars.
    pub per_day: BTreeMap<u32, u32>,
    /// The axis's first and last days, with their dates for the end labels.
    pub first: u32,
    pub last: u32,
    pub first_date: Option<CalendarDate>,
    pub last_date: Option<CalendarDate>,
    /// The unbroken stretches of the axis, left to right.
    pub segments: Vec<Segment>,
    /// The drawing's width in pixels: the width asked for, or more when the columns
    /// need it.
    pub width: f64,
    /// Marked days (with a mention or a publication) the axis leaves out.
    pub outside: usize,
}

impl Axis {
    /// The axis for `docs` (the list's documents, in list order) of `corpus`, drawn
    /// `width` pixels wide or wider, over the days `extent` says.
    pub fn new(corpus: &Corpus, docs: &[DocId], width: f64, extent: Extent) -> Axis {
        let scope: HashSet<DocId> = docs.iter().copied().collect();
        let mut events: Vec<DatedMention> = corpus
            .insights
            .dated
            .iter()
            .filter(|d| scope.contains(&d.doc))
            .copied()
            .collect();
        events.sort_by_key(|d| (d.start, d.end, d.doc, d.mention.start));
        let published_on = |doc: DocId| corpus.document(doc).and_then(|d| d.published).map(|p| p.date);
        let mut published: BTreeMap<u32, Vec<DocId>> = BTreeMap::new();
        for &doc in docs {
            if let Some(day) = published_on(doc).and_then(CalendarDate::day_number) {
                published.entry(day).or_default().push(doc);
            }
        }
        let mut per_day: BTreeMap<u32, u32> = BTreeMap::new();
        for day in events.iter().filter_map(|e| e.start.day_number()) {
            *per_day.entry(day).or_default() += 1;
        }
        // A month or a year is placed at its start: its end would stretch the axis ("2022"
        // ends in December) past everything the documents are about.
        let days: Vec<(u32, CalendarDate)> = events
            .iter()
            .flat_map(|e| [Some(e.start), (e.precision <= Precision::Week).then_some(e.end)])
            .flatten()
            .chain(docs.iter().filter_map(|&d| published_on(d)))
            .filter_map(|d| Some((d.day_number()?, d)))
            .collect();
        let (mut first, mut last) = ((u32::MAX, None), (0, None));
        for &(n, date) in &days {
            if n < first.0 {
                first = (n, Some(date));
            }
            if n >= last.0 {
                last = (n, Some(date));
            }
        }
        let mut distinct: BTreeSet<u32> = days.iter().map(|&(n, _)| n).collect();
        let marked: BTreeSet<u32> = per_day.keys().chain(published.keys()).copied().collect();
        if extent == Extent::Story {
            let weight = |d: &u32| {
                per_day.get(d).copied().unwrap_or(0) as usize + published.get(d).map_or(0, Vec::len)
            };
            let busiest = runs(&distinct)
                .into_iter()
                .max_by_key(|&(a, b)| (distinct.range(a..=b).map(weight).sum::<usize>(), b));
            if let Some((a, b)) = busiest {
                distinct.retain(|d| (a..=b).contains(d));
            }
        }
        let outside = marked.iter().filter(|d| !distinct.contains(d)).count();
        if let (Some(&a), Some(&b)) = (distinct.first(), distinct.last()) {
            let date = |n: u32| days.iter().find(|&&(d, _)| d == n).map(|&(_, date)| date);
            first = (a, date(a));
            last = (b, date(b));
        }
        let (segments, width) = segments(&distinct, width);
        Axis {
            events,
            published,
            per_day,
            first: first.0,
            last: last.0,
            first_date: first.1,
            last_date: last.1,
            segments,
            width,
            outside,
        }
    }

    /// Does the axis draw `day`?
    pub fn shows(&self, day: u32) -> bool {
        self.segments.iter().any(|s| (s.first..=s.last).contains(&day))
    }

    /// Nothing to place: no dated mention and no publication day.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty() && self.published.is_empty()
    }

    /// The segment holding `day`, or the nearest one before it (the first if none).
    fn segment(&self, day: u32) -> Option<&Segment> {
        let i = self.segments.partition_point(|s| s.first <= day);
        self.segments.get(i.saturating_sub(1))
    }

    /// The column of `day`: its left edge and width. Every column is at least
    /// [`MIN_DAY`] wide.
    pub fn column(&self, day: u32) -> (f64, f64) {
        match self.segment(day) {
            Some(s) => {
                let w = s.column();
                (s.x0 + w * f64::from(day.clamp(s.first, s.last) - s.first), w)
            }
            None => (PAD, MIN_DAY),
        }
    }

    /// Where `day` falls across the drawing: the middle of its column.
    pub fn x(&self, day: u32) -> f64 {
        let (left, w) = self.column(day);
        left + w / 2.0
    }

    /// A day's bar width: most of its column, kept visible and not too wide.
    pub fn bar_width(&self, day: u32) -> f64 {
        (self.column(day).1 * 0.6).clamp(6.0, 14.0)
    }

    /// The height of the bar of a day with `mentions` mentions, the busiest day tallest.
    pub fn bar_height(&self, mentions: u32) -> f64 {
        let max = self.per_day.values().copied().max().unwrap_or(1).max(1);
        BAR_MIN + BAR_RANGE * f64::from(mentions) / f64::from(max)
    }

    /// The radius of a publication day's circle, growing with its documents.
    pub fn dot_radius(documents: usize) -> f64 {
        4.0 + 2.0 * (documents as f64).sqrt()
    }

    /// The mentions listed under the axis: those starting on a day it draws (all of them
    /// with [`Extent::All`]), or those whose days include `day`.
    pub fn shown(&self, day: Option<u32>) -> Vec<DatedMention> {
        match day {
            None => self
                .events
                .iter()
                .filter(|e| e.start.day_number().is_some_and(|d| self.shows(d)))
                .copied()
                .collect(),
            Some(d) => self
                .events
                .iter()
                .filter(|e| {
                    e.start.day_number().is_some_and(|s| s <= d) && e.end.day_number().is_some_and(|x| x >= d)
                })
                .copied()
                .collect(),
        }
    }

    /// The calendar date of any day number near the axis, counted from its first date
    /// (for ticks and ends, which may fall on a day with no mark of its own).
    pub fn date_at(&self, day: u32) -> Option<CalendarDate> {
        let first = self.first_date?;
        let start = time::Date::from_calendar_date(
            i32::from(first.year?),
            time::Month::try_from(first.month).ok()?,
            first.day,
        )
        .ok()?;
        let at = start.checked_add(time::Duration::days(i64::from(day) - i64::from(self.first)))?;
        CalendarDate::new(u16::try_from(at.year()).ok(), u8::from(at.month()), at.day())
    }

    /// The days of segment `s` to put a tick under, besides its ends: one every few days,
    /// so ticks are at least `spacing` pixels apart, and half as far again from the ends,
    /// whose labels carry the year.
    pub fn ticks(&self, s: &Segment, spacing: f64) -> Vec<u32> {
        let column = s.column();
        let step = (spacing / column).ceil().max(1.0) as u32;
        let clear = 1.5 * spacing;
        (s.first..=s.last)
            .step_by(step as usize)
            .filter(|&d| {
                let x = self.x(d);
                x - s.x0 >= clear && s.x1 - x >= clear
            })
            .collect()
    }

    /// The calendar date of a day on the axis, from a mention starting on it or else a
    /// document published on it.
    pub fn date_of(&self, corpus: &Corpus, day: u32) -> Option<CalendarDate> {
        self.events
            .iter()
            .find(|e| e.start.day_number() == Some(day))
            .map(|e| e.start)
            .or_else(|| {
                self.published
                    .get(&day)
                    .and_then(|docs| docs.first())
                    .and_then(|&doc| corpus.document(doc))
                    .and_then(|doc| doc.published.map(|p| p.date))
            })
    }
}

/// Runs of `days` (first and last) where neighbours are at most [`GAP_DAYS`] apart.
fn runs(days: &BTreeSet<u32>) -> Vec<(u32, u32)> {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &d in days {
        match runs.last_mut() {
            Some((_, last)) if d - *last <= GAP_DAYS => *last = d,
            _ => runs.push((d, d)),
        }
    }
    runs
}

/// The segments for the placed `days` in a drawing `width` wide, and the width they take
/// (at least `width`): runs of days split where neighbours are more than [`GAP_DAYS`]
/// apart; each run gets its minimum ([`MIN_DAY`] a day, [`MIN_SEGMENT`] at least) and
/// the width left over is shared in proportion to the days between each run's ends (so
/// a lone outlying day keeps its minimum), equally when every run is a single day.
fn segments(days: &BTreeSet<u32>, width: f64) -> (Vec<Segment>, f64) {
    let runs = runs(days);
    let width = if width.is_finite() { width } else { 0.0 };
    let span = |&(a, b): &(u32, u32)| f64::from(b - a + 1);
    let least = |r: &(u32, u32)| (span(r) * MIN_DAY).max(MIN_SEGMENT);
    let breaks = BREAK * runs.len().saturating_sub(1) as f64;
    let needed: f64 = runs.iter().map(least).sum::<f64>() + breaks + 2.0 * PAD;
    let width = width.max(needed);
    let spare = width - needed;
    let stretch = |r: &(u32, u32)| span(r) - 1.0;
    let total: f64 = runs.iter().map(stretch).sum();
    let share = |r: &(u32, u32)| {
        if total > 0.0 {
            stretch(r) / total
        } else {
            1.0 / runs.len() as f64
        }
    };
    let mut x = PAD;
    let segments = runs
        .iter()
        .map(|r| {
            let w = least(r) + spare * share(r);
            let s = Segment {
                first: r.0,
                last: r.1,
                x0: x,
                x1: x + w,
            };
            x += w + BREAK;
            s
        })
        .collect();
    (segments, width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_ingest::ingest;
    use dossier_ingest::source::SourceFile;
    use dossier_model::document::{DateSource, DatedFact};
    use dossier_model::Span;

    fn date(month: u8, day: u8) -> CalendarDate {
        CalendarDate::new(Some(2022), month, day).unwrap()
    }

    fn day(month: u8, d: u8) -> u32 {
        date(month, d).day_number().unwrap()
    }

    fn mention(
        doc: u32,
        at: u32,
        start: CalendarDate,
        end: CalendarDate,
        precision: Precision,
    ) -> DatedMention {
        DatedMention {
            doc: DocId(doc),
            mention: Span::new(at as usize, at as usize + 3),
            start,
            end,
            precision,
            sentence: Span::new(0, 10),
        }
    }

    /// Document 0's "2013": a year far from the story's days.
    fn in_2013() -> DatedMention {
        let year = |m, d| CalendarDate::new(Some(2013), m, d).unwrap();
        mention(0, 0, year(1, 1), year(12, 31), Precision::Year)
    }

    /// Three documents: the first two published on 7 and 9 September, the third undated;
    /// mentions as given.
    fn corpus(dated: Vec<DatedMention>) -> Corpus {
        let text = |n: usize| {
            format!("Story {n}\n\nA paragraph long enough to be the story's own prose, number {n}.\n")
        };
        let mut corpus = ingest(
            (0..3)
                .map(|n| SourceFile::new(format!("{n}.txt"), text(n).into_bytes()))
                .collect(),
        );
        for (doc, d) in corpus.documents.iter_mut().zip([Some(7), Some(9), None]) {
            doc.published = d.map(|d| DatedFact {
                date: date(9, d),
                span: Span::new(0, 1),
                source: DateSource::Label,
            });
        }
        corpus.insights.dated = dated;
        corpus
    }

    fn all(corpus: &Corpus) -> Vec<DocId> {
        corpus.documents.iter().map(|d| d.id).collect()
    }

    #[test]
    fn mentions_of_listed_documents_only_in_date_order() {
        let c = corpus(vec![
            mention(1, 5, date(9, 12), date(9, 12), Precision::Day),
            mention(0, 9, date(9, 5), date(9, 5), Precision::Day),
            mention(2, 1, date(9, 1), date(9, 1), Precision::Day),
            mention(0, 2, date(9, 5), date(9, 5), Precision::Day),
        ]);
        let axis = Axis::new(&c, &[DocId(0), DocId(1)], 960.0, Extent::All);
        let order: Vec<(u32, u32)> = axis.events.iter().map(|e| (e.doc.0, e.mention.start)).collect();
        assert_eq!(order, [(0, 2), (0, 9), (1, 5)]);
        assert_eq!(axis.per_day, BTreeMap::from([(day(9, 5), 2), (day(9, 12), 1)]));
    }

    #[test]
    fn documents_are_grouped_by_publication_day_undated_left_out() {
        let c = corpus(Vec::new());
        let axis = Axis::new(&c, &all(&c), 960.0, Extent::All);
        assert_eq!(
            axis.published,
            BTreeMap::from([(day(9, 7), vec![DocId(0)]), (day(9, 9), vec![DocId(1)])])
        );
        assert!(axis.events.is_empty() && !axis.is_empty());
        assert!(Axis::new(&c, &[DocId(2)], 960.0, Extent::All).is_empty());
    }

    #[test]
    fn the_range_covers_mentions_and_publication_days() {
        let c = corpus(vec![
            mention(0, 0, date(9, 5), date(9, 5), Precision::Day),
            mention(1, 0, date(9, 12), date(9, 18), Precision::Week),
        ]);
        let axis = Axis::new(&c, &all(&c), 960.0, Extent::All);
        assert_eq!((axis.first, axis.last), (day(9, 5), day(9, 18)));
        assert_eq!(
            (axis.first_date, axis.last_date),
            (Some(date(9, 5)), Some(date(9, 18)))
        );
    }

    #[test]
    fn a_month_or_a_year_is_placed_at_its_start() {
        let c = corpus(vec![
            mention(0, 0, date(10, 1), date(10, 31), Precision::Month),
            mention(0, 4, date(1, 1), date(12, 31), Precision::Year),
        ]);
        let axis = Axis::new(&c, &all(&c), 960.0, Extent::All);
        assert_eq!((axis.first, axis.last), (day(1, 1), day(10, 1)));
    }

    #[test]
    fn days_scale_across_the_drawing_and_bars_stay_visible() {
        let c = corpus(vec![
            mention(0, 0, date(9, 5), date(9, 5), Precision::Day),
            mention(0, 4, date(9, 5), date(9, 5), Precision::Day),
            mention(1, 0, date(9, 15), date(9, 15), Precision::Day),
        ]);
        let axis = Axis::new(&c, &all(&c), 960.0, Extent::All);
        assert_eq!(axis.width, 960.0);
        // 5 to 15 September: one segment of 11 day columns filling the drawing.
        assert_eq!(axis.segments.len(), 1);
        let column = (960.0 - 2.0 * PAD) / 11.0;
        assert_eq!(axis.column(axis.first), (PAD, column));
        assert_eq!(axis.x(axis.last), 960.0 - PAD - column / 2.0);
        assert!((axis.x(day(9, 10)) - 480.0).abs() < 1e-9);
        assert_eq!(axis.bar_width(day(9, 10)), 14.0);
        assert_eq!(axis.bar_height(2), BAR_MIN + BAR_RANGE);
        assert_eq!(axis.bar_height(1), BAR_MIN + BAR_RANGE / 2.0);
        assert_eq!(Axis::dot_radius(4), 8.0);
    }

    #[test]
    fn a_single_day_does_not_divide_by_zero() {
        let c = corpus(Vec::new());
        let axis = Axis::new(&c, &[DocId(0)], 960.0, Extent::All);
        assert_eq!(axis.first, axis.last);
        assert_eq!(axis.x(axis.first), 480.0);
        assert!(axis.bar_width(axis.first) > 0.0);
    }

    /// Issue 18: a "2013" in a story of September 2022 stretched the axis over nine years
    /// and squeezed the fortnight into 8 px of 2 px marks.
    #[test]
    fn an_outlying_date_gets_a_segment_of_its_own_and_does_not_squeeze_the_rest() {
        let c = corpus(vec![
            in_2013(),
            mention(0, 4, date(9, 5), date(9, 5), Precision::Day),
            mention(1, 0, date(9, 15), date(9, 16), Precision::Day),
        ]);
        let axis = Axis::new(&c, &all(&c), 960.0, Extent::All);
        assert_eq!(axis.width, 960.0);
        let spans: Vec<(u32, u32)> = axis.segments.iter().map(|s| (s.first, s.last)).collect();
        assert_eq!(
            spans,
            [
                (
                    in_2013().start.day_number().unwrap(),
                    in_2013().start.day_number().unwrap()
                ),
                (day(9, 5), day(9, 16))
            ]
        );
        // September takes most of the drawing: ten days apart are ten wide columns.
        assert!(axis.x(day(9, 15)) - axis.x(day(9, 5)) > 600.0);
        assert!(axis.segments[0].x1 - axis.segments[0].x0 < 100.0);
        // The marks stay in the drawing and apart.
        assert!(axis.x(axis.first) >= PAD && axis.x(axis.last) <= axis.width - PAD);
    }

    #[test]
    fn every_day_is_a_target_of_24_px_even_on_a_phone() {
        let c = corpus(
            (1..=18)
                .map(|d| mention(0, u32::from(d), date(9, d), date(9, d), Precision::Day))
                .collect(),
        );
        let axis = Axis::new(&c, &all(&c), 358.0, Extent::All);
        assert!(axis.width > 358.0, "wider than the phone: it scrolls");
        for d in 1..=18 {
            let (left, w) = axis.column(day(9, d));
            assert!(w >= MIN_DAY, "{d}: {w}");
            assert!(left >= PAD && left + w <= axis.width - PAD + 1e-9);
        }
        let (a, wa) = axis.column(day(9, 3));
        let (b, _) = axis.column(day(9, 4));
        assert!(a + wa <= b + 1e-9, "columns do not overlap");
    }

    #[test]
    fn a_picked_day_lists_the_mentions_whose_days_include_it() {
        let c = corpus(vec![
            mention(0, 0, date(9, 5), date(9, 5), Precision::Day),
            mention(1, 0, date(9, 4), date(9, 10), Precision::Week),
            mention(1, 4, date(9, 12), date(9, 12), Precision::Day),
        ]);
        let axis = Axis::new(&c, &all(&c), 960.0, Extent::All);
        assert_eq!(axis.shown(None).len(), 3);
        let on_5th: Vec<u32> = axis.shown(Some(day(9, 5))).iter().map(|e| e.doc.0).collect();
        assert_eq!(on_5th, [1, 0]);
        assert!(axis.shown(Some(day(9, 11))).is_empty());
    }

    #[test]
    fn a_day_is_dated_by_its_mentions_or_its_documents() {
        let c = corpus(vec![mention(1, 0, date(9, 5), date(9, 5), Precision::Day)]);
        let axis = Axis::new(&c, &all(&c), 960.0, Extent::All);
        assert_eq!(axis.date_of(&c, day(9, 5)), Some(date(9, 5)));
        assert_eq!(axis.date_of(&c, day(9, 9)), Some(date(9, 9)));
        assert_eq!(axis.date_of(&c, day(9, 20)), None);
    }

    #[test]
    fn by_default_the_axis_shows_where_the_story_is() {
        let c = corpus(vec![
            in_2013(),
            mention(0, 2, date(6, 1), date(6, 30), Precision::Month),
            mention(0, 4, date(9, 5), date(9, 5), Precision::Day),
            mention(1, 0, date(9, 15), date(9, 16), Precision::Day),
        ]);
        let axis = Axis::new(&c, &all(&c), 960.0, Extent::Story);
        assert_eq!(axis.segments.len(), 1);
        assert_eq!((axis.first, axis.last), (day(9, 5), day(9, 16)));
        assert_eq!(
            (axis.first_date, axis.last_date),
            (Some(date(9, 5)), Some(date(9, 16)))
        );
        assert_eq!(axis.outside, 2, "2013 and June");
        assert!(axis.shows(day(9, 7)) && !axis.shows(day(6, 1)));
        assert_eq!(axis.width, 960.0);
        assert_eq!(axis.events.len(), 4);
        assert_eq!(axis.shown(None).len(), 2, "the list follows the axis");
        let everything = Axis::new(&c, &all(&c), 960.0, Extent::All);
        assert_eq!((everything.segments.len(), everything.outside), (3, 0));
        assert_eq!(everything.shown(None).len(), 4);
    }

    #[test]
    fn any_day_has_a_date_and_ticks_keep_apart() {
        let c = corpus(vec![
            mention(0, 0, date(9, 1), date(9, 1), Precision::Day),
            mention(1, 0, date(9, 12), date(9, 18), Precision::Week),
        ]);
        let axis = Axis::new(&c, &all(&c), 960.0, Extent::Story);
        // 18 September ends a week: no mark starts there, yet it has a date.
        assert_eq!(axis.date_at(axis.last), Some(date(9, 18)));
        assert_eq!(axis.date_at(day(9, 30)), Some(date(9, 30)));
        assert_eq!(axis.date_at(day(10, 1)), Some(date(10, 1)));
        let s = axis.segments[0];
        let ticks = axis.ticks(&s, 64.0);
        assert!(!ticks.is_empty());
        for pair in ticks.windows(2) {
            assert!(axis.x(pair[1]) - axis.x(pair[0]) >= 64.0);
        }
        assert!(ticks
            .iter()
            .all(|&d| axis.x(d) - s.x0 >= 96.0 && s.x1 - axis.x(d) >= 96.0));
    }
}
