//! Facets: narrowing a list of documents by outlet, publication date, entity type, the
//! entities they mention, and the reader's tags and stars, with a count beside every value.
//!
//! Values of one facet combine with OR (two outlets: documents of either), facets with
//! AND (an outlet and a person: documents of that outlet mentioning that person). Each
//! entity type with names (people, organisations, places, ...) is a facet of its own, so
//! picking two people finds documents mentioning either of them. The reader's tags are one
//! facet (two tags: documents carrying either; names compared in any case) and starred is
//! another (so "starred and tagged Urgent" can be picked); both need the reader's
//! [`Annotations`] ([`FacetIndex::apply_annotated`]).
//!
//! Counts follow the usual multi-select rule: a facet's counts are over the documents
//! every *other* facet lets through, so a count says how many documents picking that
//! value would add or keep, and the other values of a facet stay visible after one is
//! picked. One pass over the documents does it: a document failing no facet is kept and
//! counted everywhere, one failing exactly one facet is counted in that facet only.
//!
//! ```
//! use dossier_explore::facets::{FacetIndex, Selection};
//! use dossier_ingest::{ingest, source::SourceFile};
//! use dossier_model::entity::Counting;
//!
//! let corpus = ingest(vec![
//!     SourceFile::new("a.txt", b"Talks open\n\nBy Ann Lee, Reuters Staff\n\nThe talks opened on Monday in the city.\n".to_vec()),
//!     SourceFile::new("b.txt", b"Talks close\n\nThe talks closed on Friday after a week of work.\n".to_vec()),
//! ]);
//! let index = FacetIndex::new(&corpus, Counting::Text);
//! let all: Vec<_> = corpus.documents.iter().map(|d| d.id).collect();
//! let faceted = index.apply(&corpus, &all, &Selection::default(), 10);
//! assert_eq!(faceted.docs.len(), 2);
//! ```

use dossier_model::date::CalendarDate;
use dossier_model::document::{Corpus, DocId};
use dossier_model::entity::{Counting, EntityId, EntityType};
use dossier_search::query::{parse_date_range, DateRange};
use dossier_search::Annotations;

mod tag_param;

/// The entity types whose entities are offered as facets of their own: names, not dates
/// or numbers (every article has those, and "12" is not something to filter by).
pub const ENTITY_FACETS: [EntityType; 12] = [
    EntityType::Person,
    EntityType::Org,
    EntityType::Gpe,
    EntityType::Loc,
    EntityType::Fac,
    EntityType::Norp,
    EntityType::Event,
    EntityType::Product,
    EntityType::WorkOfArt,
    EntityType::Law,
    EntityType::Language,
    EntityType::Misc,
];

/// What the user picked. Empty parts do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Outlet names, exactly as the corpus writes them.
    pub outlets: Vec<String>,
    /// Publication dates, inclusive; documents without a date fall outside any range.
    pub date: Option<DateRange>,
    pub types: Vec<EntityType>,
    pub entities: Vec<EntityId>,
    /// Names of the reader's tags (any case, each once).
    pub tags: Vec<String>,
    /// Only starred documents.
    pub starred: bool,
}

/// The separator of outlet names in the address bar: a character no outlet name uses.
const OUTLET_SEPARATOR: char = '|';

impl Selection {
    pub fn is_empty(&self) -> bool {
        self.outlets.is_empty()
            && self.date.is_none()
            && self.types.is_empty()
            && self.entities.is_empty()
            && self.tags.is_empty()
            && !self.starred
    }

    /// Reads the selection from the address bar's parameters. Anything unreadable (an
    /// unknown type, an entity id the corpus does not have, a malformed range) is
    /// dropped, so an old or hand-edited link still opens. Tag names are kept even when
    /// the reader has no such tag (the facet shows them at 0).
    pub fn from_params(params: &SelectionParams, corpus: &Corpus) -> Selection {
        let (tags, starred) = tag_param::read(&params.tags);
        let list = |s: &str, sep: char| -> Vec<String> {
            s.split(sep)
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let mut selection = Selection {
            outlets: list(&params.outlet, OUTLET_SEPARATOR),
            date: parse_date_range(params.date.trim()),
            types: list(&params.types, ',')
                .iter()
                .filter_map(|t| EntityType::from_label(t))
                .collect(),
            entities: list(&params.entities, ',')
                .iter()
                .filter_map(|e| e.parse().ok())
                .map(EntityId)
                .filter(|&id| corpus.entities.entity(id).is_some())
                .collect(),
            tags,
            starred,
        };
        selection.outlets.dedup();
        selection.types.sort_unstable();
        selection.types.dedup();
        selection.entities.sort_unstable();
        selection.entities.dedup();
        selection
    }

    /// The address bar's parameters for this selection (empty strings for parts unset).
    pub fn to_params(&self) -> SelectionParams {
        let join = |items: Vec<String>, sep: &str| items.join(sep);
        SelectionParams {
            outlet: join(self.outlets.clone(), &OUTLET_SEPARATOR.to_string()),
            date: self.date.map(|d| d.to_param()).unwrap_or_default(),
            types: join(self.types.iter().map(|t| t.label().to_owned()).collect(), ","),
            entities: join(self.entities.iter().map(|e| e.0.to_string()).collect(), ","),
            tags: tag_param::write(&self.tags, self.starred),
        }
    }

    /// This selection with `value` picked, or unpicked when it was picked.
    pub fn toggled(&self, value: &FacetValue) -> Selection {
        fn toggle<T: PartialEq + Clone + Ord>(items: &[T], item: &T) -> Vec<T> {
            let mut items = items.to_vec();
            match items.iter().position(|i| i == item) {
                Some(at) => {
                    items.remove(at);
                }
                None => items.push(item.clone()),
            }
            items
        }
        let mut next = self.clone();
        match value {
            FacetValue::Outlet(name) => next.outlets = toggle(&self.outlets, name),
            FacetValue::Date(range) => next.date = (self.date != Some(*range)).then_some(*range),
            FacetValue::Type(kind) => {
                next.types = toggle(&self.types, kind);
                next.types.sort_unstable();
            }
            FacetValue::Entity(id) => {
                next.entities = toggle(&self.entities, id);
                next.entities.sort_unstable();
            }
            FacetValue::Tag(name) => {
                let key = name.to_lowercase();
                let before = next.tags.len();
                next.tags.retain(|t| t.to_lowercase() != key);
                if next.tags.len() == before {
                    next.tags.push(name.clone());
                }
            }
            FacetValue::Starred => next.starred = !self.starred,
        }
        next
    }

    /// Every picked value, in facet order: what the page shows as removable chips.
    pub fn values(&self) -> Vec<FacetValue> {
        let outlets = self.outlets.iter().cloned().map(FacetValue::Outlet);
        let date = self.date.map(FacetValue::Date);
        let types = self.types.iter().copied().map(FacetValue::Type);
        let entities = self.entities.iter().copied().map(FacetValue::Entity);
        let tags = self.tags.iter().cloned().map(FacetValue::Tag);
        let starred = self.starred.then_some(FacetValue::Starred);
        outlets
            .chain(date)
            .chain(types)
            .chain(entities)
            .chain(tags)
            .chain(starred)
            .collect()
    }
}

/// A selection as the address bar carries it: `outlet=A|B&date=2022-09-01..2022-09-15&
/// type=PERSON,GPE&ent=12,40&tag=Urgent,"a, b",*`. Plain strings, so any link parses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SelectionParams {
    pub outlet: String,
    pub date: String,
    pub types: String,
    pub entities: String,
    /// `tag=`: tag names separated by commas, quoted when they need it, and `*` for
    /// starred (see `tag_param`).
    pub tags: String,
}

/// One value of one facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FacetValue {
    Outlet(String),
    Date(DateRange),
    Type(EntityType),
    Entity(EntityId),
    /// One of the reader's tags, by name (any case).
    Tag(String),
    Starred,
}

impl FacetValue {
    /// The value as one string (`type:PERSON`, `outlet:Press TV`, `ent:12`, `starred`):
    /// what a checkbox in the page carries, so a pick made where no code could see it (the
    /// build's pre-rendered list) can be read back with [`FacetValue::from_key`].
    pub fn key(&self) -> String {
        match self {
            FacetValue::Outlet(name) => format!("outlet:{name}"),
            FacetValue::Date(range) => format!("date:{}", range.to_param()),
            FacetValue::Type(kind) => format!("type:{}", kind.label()),
            FacetValue::Entity(id) => format!("ent:{}", id.0),
            FacetValue::Tag(name) => format!("tag:{name}"),
            FacetValue::Starred => "starred".to_owned(),
        }
    }

    /// The value [`FacetValue::key`] wrote; `None` for any other string.
    pub fn from_key(key: &str) -> Option<FacetValue> {
        if key == "starred" {
            return Some(FacetValue::Starred);
        }
        let (kind, value) = key.split_once(':')?;
        match kind {
            "outlet" => Some(FacetValue::Outlet(value.to_owned())),
            "date" => parse_date_range(value).map(FacetValue::Date),
            "type" => EntityType::from_label(value).map(FacetValue::Type),
            "ent" => value.parse().ok().map(EntityId).map(FacetValue::Entity),
            "tag" => Some(FacetValue::Tag(value.to_owned())),
            _ => None,
        }
    }
}

/// Per document, what the facets look at; built once per corpus.
#[derive(Debug, Clone)]
pub struct FacetIndex {
    /// Distinct outlet names, sorted.
    outlets: Vec<String>,
    doc_outlet: Vec<Option<u32>>,
    /// Publication dates with a known year.
    doc_date: Vec<Option<CalendarDate>>,
    /// Bit `i` set when the document mentions an entity of type `EntityType::ALL[i]`
    /// outside removed text.
    doc_types: Vec<u32>,
    /// Entities of [`ENTITY_FACETS`] types the document mentions outside removed text,
    /// sorted and distinct.
    doc_entities: Vec<Vec<EntityId>>,
    /// Per entity, its position in [`ENTITY_FACETS`] (`u8::MAX` for other types).
    entity_facet: Vec<u8>,
}

/// Facets in one pass: which facet a position in the failure mask stands for.
const OUTLET: usize = 0;
const DATE: usize = 1;
const TYPE: usize = 2;
const FIRST_ENTITY: usize = 3;
const TAGS: usize = FIRST_ENTITY + ENTITY_FACETS.len();
const STARRED: usize = TAGS + 1;

/// The documents a selection keeps and the counts beside every facet value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faceted {
    /// The kept documents, in the order they were given.
    pub docs: Vec<DocId>,
    pub counts: FacetCounts,
}

/// Counts per facet value. Picked values are always listed, even at zero.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FacetCounts {
    /// Most documents first, then by name.
    pub outlets: Vec<(String, u32)>,
    /// Documents per publication day, oldest first.
    pub dates: Vec<(CalendarDate, u32)>,
    /// Documents without a known publication date (outside any date range).
    pub undated: u32,
    /// In [`EntityType::ALL`] order, types no document has left out.
    pub types: Vec<(EntityType, u32)>,
    /// One list per [`ENTITY_FACETS`] type (in that order): the entities mentioned by
    /// most documents, at most the `top` asked for, plus the picked ones.
    pub entities: Vec<(EntityType, Vec<(EntityId, u32)>)>,
    /// Every one of the reader's tags (named as the reader first wrote it), at 0 too,
    /// and picked names the reader has no tag for; most documents first, then by name.
    pub tags: Vec<(String, u32)>,
    /// Starred documents.
    pub starred: u32,
}

impl FacetIndex {
    pub fn new(corpus: &Corpus, counting: Counting) -> FacetIndex {
        let mut outlets: Vec<String> = corpus
            .documents
            .iter()
            .filter_map(|d| d.outlet.as_ref().map(|o| o.name.clone()))
            .collect();
        outlets.sort_unstable();
        outlets.dedup();
        let doc_outlet = corpus
            .documents
            .iter()
            .map(|d| {
                d.outlet
                    .as_ref()
                    .and_then(|o| outlets.binary_search(&o.name).ok())
                    .map(|i| i as u32)
            })
            .collect();
        let doc_date = corpus
            .documents
            .iter()
            .map(|d| d.published.map(|p| p.date).filter(|date| date.year.is_some()))
            .collect();
        let entity_facet: Vec<u8> = corpus
            .entities
            .entities
            .iter()
            .map(|e| {
                ENTITY_FACETS
                    .iter()
                    .position(|&k| k == e.kind)
                    .map_or(u8::MAX, |p| p as u8)
            })
            .collect();
        // From each entity's documents (those `counting` admits a mention in), not from the
        // mentions: the same sets, and they are in the file's head, so the facets work
        // before the texts and mentions have arrived (`dossier_store::parts`).
        let n = corpus.documents.len();
        let mut doc_types = vec![0u32; n];
        let mut doc_entities = vec![Vec::new(); n];
        for entity in &corpus.entities.entities {
            let bit = EntityType::ALL
                .iter()
                .position(|&k| k == entity.kind)
                .map_or(0, |i| 1u32 << i);
            let faceted = entity_facet
                .get(entity.id.0 as usize)
                .is_some_and(|&f| f != u8::MAX);
            for doc in entity.documents_counted(counting) {
                let d = doc.0 as usize;
                if let Some(types) = doc_types.get_mut(d) {
                    *types |= bit;
                }
                if let Some(named) = doc_entities.get_mut(d).filter(|_| faceted) {
                    named.push(entity.id);
                }
            }
        }
        // Entities are in id order, so each document's list is sorted; ids are distinct.
        FacetIndex {
            outlets,
            doc_outlet,
            doc_date,
            doc_types,
            doc_entities,
            entity_facet,
        }
    }

    /// Keeps the documents of `base` that `selection` lets through, and counts every
    /// facet value over `base` (see the module documentation for the rule). `top` bounds
    /// each entity list.
    pub fn apply(&self, corpus: &Corpus, base: &[DocId], selection: &Selection, top: usize) -> Faceted {
        self.apply_annotated(corpus, base, selection, top, &Annotations::default())
    }

    /// [`FacetIndex::apply`] with the reader's tags and stars: filters by the picked ones
    /// and counts every tag and the starred documents by the same rule.
    pub fn apply_annotated(
        &self,
        corpus: &Corpus,
        base: &[DocId],
        selection: &Selection,
        top: usize,
        annotations: &Annotations,
    ) -> Faceted {
        let picked_tags: Vec<&[DocId]> = selection.tags.iter().filter_map(|t| annotations.tag(t)).collect();
        let picked_outlets: Vec<u32> = selection
            .outlets
            .iter()
            .filter_map(|o| self.outlets.binary_search(o).ok())
            .map(|i| i as u32)
            .collect();
        let type_mask = selection
            .types
            .iter()
            .filter_map(|t| EntityType::ALL.iter().position(|k| k == t))
            .fold(0u32, |bits, i| bits | 1 << i);
        let mut picked_entities: [Vec<EntityId>; ENTITY_FACETS.len()] = Default::default();
        for &id in &selection.entities {
            if let Some(&f) = self.entity_facet.get(id.0 as usize).filter(|&&f| f != u8::MAX) {
                picked_entities[usize::from(f)].push(id);
            }
        }

        let mut tally = Tally::new(
            self.outlets.len(),
            self.entity_facet.len(),
            annotations.tags().len(),
        );
        let mut docs = Vec::new();
        for &doc in base {
            let d = doc.0 as usize;
            if d >= self.doc_outlet.len() {
                continue;
            }
            let mut fails = 0u32;
            if !selection.outlets.is_empty()
                && !self.doc_outlet[d].is_some_and(|o| picked_outlets.contains(&o))
            {
                fails |= 1 << OUTLET;
            }
            if let Some(range) = selection.date {
                if !self.doc_date[d].is_some_and(|date| range.contains(date)) {
                    fails |= 1 << DATE;
                }
            }
            if type_mask != 0 && self.doc_types[d] & type_mask == 0 {
                fails |= 1 << TYPE;
            }
            for (f, picked) in picked_entities.iter().enumerate() {
                if !picked.is_empty()
                    && !picked
                        .iter()
                        .any(|e| self.doc_entities[d].binary_search(e).is_ok())
                {
                    fails |= 1 << (FIRST_ENTITY + f);
                }
            }
            if !selection.tags.is_empty() && !picked_tags.iter().any(|docs| docs.binary_search(&doc).is_ok())
            {
                fails |= 1 << TAGS;
            }
            if selection.starred && !annotations.is_starred(doc) {
                fails |= 1 << STARRED;
            }
            match fails.count_ones() {
                0 => {
                    docs.push(doc);
                    tally.count(self, annotations, d, u32::MAX);
                }
                1 => tally.count(self, annotations, d, fails),
                _ => {}
            }
        }
        Faceted {
            docs,
            counts: tally.finish(self, corpus, selection, top, annotations),
        }
    }
}

/// Counters for one [`FacetIndex::apply`].
struct Tally {
    outlets: Vec<u32>,
    dates: Vec<(CalendarDate, u32)>,
    undated: u32,
    types: [u32; EntityType::ALL.len()],
    entities: Vec<u32>,
    /// Per tag, in [`Annotations::tags`] order.
    tags: Vec<u32>,
    starred: u32,
}

impl Tally {
    fn new(outlets: usize, entities: usize, tags: usize) -> Tally {
        Tally {
            outlets: vec![0; outlets],
            dates: Vec::new(),
            undated: 0,
            types: [0; EntityType::ALL.len()],
            entities: vec![0; entities],
            tags: vec![0; tags],
            starred: 0,
        }
    }

    /// Counts document `d` in the facets whose bit is set in `facets`.
    fn count(&mut self, index: &FacetIndex, annotations: &Annotations, d: usize, facets: u32) {
        let counts = |facet: usize| facets & (1 << facet) != 0;
        if counts(OUTLET) {
            if let Some(o) = index.doc_outlet[d] {
                self.outlets[o as usize] += 1;
            }
        }
        if counts(DATE) {
            match index.doc_date[d] {
                Some(date) => self.dates.push((date, 1)),
                None => self.undated += 1,
            }
        }
        if counts(TYPE) {
            for (i, n) in self.types.iter_mut().enumerate() {
                *n += index.doc_types[d] >> i & 1;
            }
        }
        for &e in &index.doc_entities[d] {
            let facet = FIRST_ENTITY + usize::from(index.entity_facet[e.0 as usize]);
            if counts(facet) {
                self.entities[e.0 as usize] += 1;
            }
        }
        let doc = DocId(d as u32);
        if counts(TAGS) {
            for t in annotations.tags_of(doc) {
                self.tags[t] += 1;
            }
        }
        if counts(STARRED) && annotations.is_starred(doc) {
            self.starred += 1;
        }
    }

    fn finish(
        mut self,
        index: &FacetIndex,
        corpus: &Corpus,
        selection: &Selection,
        top: usize,
        annotations: &Annotations,
    ) -> FacetCounts {
        let mut outlets: Vec<(String, u32)> = index
            .outlets
            .iter()
            .zip(&self.outlets)
            .filter(|(name, &n)| n > 0 || selection.outlets.contains(name))
            .map(|(name, &n)| (name.clone(), n))
            .collect();
        outlets.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));

        self.dates.sort_unstable_by_key(|&(date, _)| date);
        let mut dates: Vec<(CalendarDate, u32)> = Vec::new();
        for (date, n) in self.dates {
            match dates.last_mut() {
                Some((last, count)) if *last == date => *count += n,
                _ => dates.push((date, n)),
            }
        }

        let types = EntityType::ALL
            .iter()
            .zip(self.types)
            .filter(|(t, n)| *n > 0 || selection.types.contains(t))
            .map(|(&t, n)| (t, n))
            .collect();

        let mut per_facet: Vec<Vec<(EntityId, u32)>> = vec![Vec::new(); ENTITY_FACETS.len()];
        for (e, &n) in self.entities.iter().enumerate() {
            let id = EntityId(e as u32);
            if n > 0 || selection.entities.contains(&id) {
                if let Some(list) = per_facet.get_mut(usize::from(index.entity_facet[e])) {
                    list.push((id, n));
                }
            }
        }
        let name = |id: EntityId| corpus.entities.entity(id).map_or("", |e| e.name.as_str());
        let entities = ENTITY_FACETS
            .iter()
            .zip(per_facet)
            .map(|(&kind, mut list)| {
                list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| name(a.0).cmp(name(b.0))));
                let mut shown: Vec<(EntityId, u32)> = list.iter().take(top).copied().collect();
                shown.extend(
                    list.iter()
                        .skip(top)
                        .filter(|(id, _)| selection.entities.contains(id))
                        .copied(),
                );
                (kind, shown)
            })
            .collect();

        let mut tags: Vec<(String, u32)> = annotations
            .tags()
            .zip(&self.tags)
            .map(|((name, _), &n)| (name.to_owned(), n))
            .collect();
        for picked in &selection.tags {
            if annotations.tag(picked).is_none() {
                tags.push((picked.clone(), 0));
            }
        }
        tags.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));

        FacetCounts {
            outlets,
            dates,
            undated: self.undated,
            types,
            entities,
            tags,
            starred: self.starred,
        }
    }
}

/// How wide one bar of the date histogram is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grain {
    Day,
    Month,
    /// A run of years (one, or more when the corpus spans decades).
    Years(u16),
}

/// One bar of the date histogram: a range and how many documents fall in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateBucket {
    pub range: DateRange,
    pub count: u32,
}

/// Days up to this span are shown one bar a day, months up to [`MONTHS_AT_MOST`] one a
/// month, longer spans by years (grouped so there are at most [`BARS_AT_MOST`] bars).
const DAYS_AT_MOST: u32 = 62;
const MONTHS_AT_MOST: u32 = 48;
const BARS_AT_MOST: u32 = 60;

/// Bars for per-day counts (oldest first, as [`FacetCounts::dates`] gives them): every
/// bar from the first date to the last, empty ones included, so gaps show.
pub fn histogram(dates: &[(CalendarDate, u32)]) -> (Grain, Vec<DateBucket>) {
    let (Some(&(first, _)), Some(&(last, _))) = (dates.first(), dates.last()) else {
        return (Grain::Day, Vec::new());
    };
    let (Some(y0), Some(y1)) = (first.year, last.year) else {
        return (Grain::Day, Vec::new());
    };
    let months = (u32::from(y1) * 12 + u32::from(last.month)) - (u32::from(y0) * 12 + u32::from(first.month));
    let grain = if last.day_number().unwrap_or(0) - first.day_number().unwrap_or(0) < DAYS_AT_MOST {
        Grain::Day
    } else if months < MONTHS_AT_MOST {
        Grain::Month
    } else {
        let span = u32::from(y1 - y0) + 1;
        Grain::Years(span.div_ceil(BARS_AT_MOST) as u16)
    };
    let mut buckets: Vec<DateBucket> = Vec::new();
    let mut at = bucket_of(first, grain);
    loop {
        buckets.push(DateBucket { range: at, count: 0 });
        let Some(end) = at.to.filter(|&end| end < last) else {
            break;
        };
        let Some(next) = next_day(end) else { break };
        at = bucket_of(next, grain);
    }
    let mut b = 0;
    for &(date, n) in dates {
        while b + 1 < buckets.len() && buckets[b].range.to.is_some_and(|to| date > to) {
            b += 1;
        }
        buckets[b].count += n;
    }
    (grain, buckets)
}

/// The bar a day falls in.
fn bucket_of(date: CalendarDate, grain: Grain) -> DateRange {
    let year = date.year.unwrap_or(0);
    let (from, to) = match grain {
        Grain::Day => (Some(date), Some(date)),
        Grain::Month => (
            CalendarDate::new(Some(year), date.month, 1),
            (28..=31)
                .rev()
                .find_map(|d| CalendarDate::new(Some(year), date.month, d)),
        ),
        Grain::Years(width) => {
            let start = year - year % width.max(1);
            (
                CalendarDate::new(Some(start), 1, 1),
                CalendarDate::new(Some(start.saturating_add(width.max(1) - 1)), 12, 31),
            )
        }
    };
    DateRange { from, to }
}

fn next_day(date: CalendarDate) -> Option<CalendarDate> {
    let year = date.year?;
    CalendarDate::new(Some(year), date.month, date.day + 1)
        .or_else(|| CalendarDate::new(Some(year), date.month + 1, 1))
        .or_else(|| CalendarDate::new(Some(year.checked_add(1)?), 1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_ingest::source::SourceFile;
    use dossier_model::document::{DateSource, DatedFact, Outlet};
    use dossier_model::entity::{Entities, Entity, Mention, Place};
    use dossier_model::span::Span;

    /// Four documents: outlets A, A, B, none; dates 2022-09-01, -02, -03, none; mentions:
    /// doc 0 Putin (PERSON) and Moscow (GPE), doc 1 Xi (PERSON), doc 2 Putin, doc 3 Moscow.
    fn corpus() -> Corpus {
        let files = (0..4)
            .map(|i| {
                SourceFile::new(
                    format!("{i}.txt"),
                    format!("Story {i}\n\nA body of text here.\n").into_bytes(),
                )
            })
            .collect();
        let mut corpus = dossier_ingest::ingest(files);
        for (i, doc) in corpus.documents.iter_mut().enumerate() {
            doc.outlet = ["A", "A", "B"].get(i).map(|name| Outlet {
                name: (*name).to_owned(),
                span: Span::new(0, 0),
            });
            doc.published = (i < 3).then(|| DatedFact {
                date: CalendarDate::new(Some(2022), 9, i as u8 + 1).unwrap(),
                span: Span::new(0, 0),
                source: DateSource::Dateline,
            });
        }
        let entity = |id: u32, name: &str, kind: EntityType| Entity::new(EntityId(id), name, kind);
        let mention = |e: u32| Mention {
            span: Span::new(0, 1),
            entity: EntityId(e),
            place: Place::Text,
        };
        corpus.entities = Entities {
            entities: vec![
                entity(0, "Vladimir Putin", EntityType::Person),
                entity(1, "Moscow", EntityType::Gpe),
                entity(2, "Xi Jinping", EntityType::Person),
            ],
            mentions: vec![
                vec![mention(0), mention(1)],
                vec![mention(2)],
                vec![mention(0)],
                vec![mention(1)],
            ],
        };
        corpus.entities.recount();
        corpus
    }

    fn apply(corpus: &Corpus, selection: &Selection) -> Faceted {
        let all: Vec<DocId> = corpus.documents.iter().map(|d| d.id).collect();
        FacetIndex::new(corpus, Counting::Text).apply(corpus, &all, selection, 10)
    }

    fn ids(docs: &[DocId]) -> Vec<u32> {
        docs.iter().map(|d| d.0).collect()
    }

    #[test]
    fn nothing_picked_keeps_everything_and_counts_it() {
        let corpus = corpus();
        let f = apply(&corpus, &Selection::default());
        assert_eq!(ids(&f.docs), [0, 1, 2, 3]);
        assert_eq!(f.counts.outlets, [("A".to_owned(), 2), ("B".to_owned(), 1)]);
        assert_eq!(f.counts.dates.len(), 3);
        assert_eq!(f.counts.undated, 1);
        assert_eq!(f.counts.types, [(EntityType::Person, 3), (EntityType::Gpe, 2)]);
        let people = &f.counts.entities[0];
        assert_eq!(people.0, EntityType::Person);
        assert_eq!(people.1, [(EntityId(0), 2), (EntityId(2), 1)]);
    }

    #[test]
    fn values_of_one_facet_combine_with_or() {
        let corpus = corpus();
        let picked = Selection {
            entities: vec![EntityId(0), EntityId(2)],
            ..Selection::default()
        };
        assert_eq!(ids(&apply(&corpus, &picked).docs), [0, 1, 2]);
        let outlets = Selection {
            outlets: vec!["A".into(), "B".into()],
            ..Selection::default()
        };
        assert_eq!(ids(&apply(&corpus, &outlets).docs), [0, 1, 2]);
    }

    #[test]
    fn facets_combine_with_and_and_count_without_themselves() {
        let corpus = corpus();
        let picked = Selection {
            outlets: vec!["A".into()],
            entities: vec![EntityId(0)],
            ..Selection::default()
        };
        let f = apply(&corpus, &picked);
        assert_eq!(ids(&f.docs), [0]);
        // Outlet counts ignore the outlet pick (Putin is in docs 0 and 2: A and B) ...
        assert_eq!(f.counts.outlets, [("A".to_owned(), 1), ("B".to_owned(), 1)]);
        // ... and person counts ignore the person pick (outlet A: docs 0 and 1).
        assert_eq!(f.counts.entities[0].1, [(EntityId(0), 1), (EntityId(2), 1)]);
        // GPE is another facet: it counts only what every pick keeps.
        assert_eq!(f.counts.entities[2].1, [(EntityId(1), 1)]);
    }

    #[test]
    fn dates_and_types_filter() {
        let corpus = corpus();
        let range = parse_date_range("2022-09-02..2022-09-03").unwrap();
        let by_date = Selection {
            date: Some(range),
            ..Selection::default()
        };
        let f = apply(&corpus, &by_date);
        assert_eq!(ids(&f.docs), [1, 2]);
        assert_eq!(
            f.counts.dates.len(),
            3,
            "the date facet counts without its own range"
        );
        let by_type = Selection {
            types: vec![EntityType::Gpe],
            ..Selection::default()
        };
        assert_eq!(ids(&apply(&corpus, &by_type).docs), [0, 3]);
    }

    /// Nineteen types do not fit the sixteen bits the type mask once had: the last of
    /// them (ORDINAL) and the new name types filter like the first.
    #[test]
    fn every_type_filters_and_names_of_every_kind_are_facets() {
        let corpus = crate::fixture::corpus(
            "The Treaty of Baden came first; the Nasdaq rose.",
            &[
                ("Treaty of Baden", EntityType::Law),
                ("Nasdaq", EntityType::Product),
                ("first", EntityType::Ordinal),
            ],
        );
        for kind in [EntityType::Law, EntityType::Product, EntityType::Ordinal] {
            let picked = Selection {
                types: vec![kind],
                ..Selection::default()
            };
            assert_eq!(ids(&apply(&corpus, &picked).docs), [0], "{kind:?}");
        }
        let misc = Selection {
            types: vec![EntityType::Misc],
            ..Selection::default()
        };
        assert!(apply(&corpus, &misc).docs.is_empty());
        let f = apply(&corpus, &Selection::default());
        let facet_of = |kind| {
            f.counts
                .entities
                .iter()
                .find(|(k, _)| *k == kind)
                .map(|(_, e)| e.len())
        };
        assert_eq!(facet_of(EntityType::Law), Some(1));
        assert_eq!(facet_of(EntityType::Product), Some(1));
    }

    #[test]
    fn picked_values_are_listed_even_when_nothing_has_them() {
        let corpus = corpus();
        let picked = Selection {
            outlets: vec!["B".into()],
            types: vec![EntityType::Money],
            ..Selection::default()
        };
        let f = apply(&corpus, &picked);
        assert!(f.docs.is_empty());
        assert!(f.counts.types.contains(&(EntityType::Money, 0)));
        assert!(f.counts.outlets.iter().any(|(name, _)| name == "B"));
    }

    #[test]
    fn keeps_the_order_it_was_given_and_ignores_unknown_documents() {
        let corpus = corpus();
        let index = FacetIndex::new(&corpus, Counting::Text);
        let base = [DocId(3), DocId(99), DocId(0)];
        assert_eq!(
            ids(&index.apply(&corpus, &base, &Selection::default(), 10).docs),
            [3, 0]
        );
    }

    #[test]
    fn params_round_trip_and_junk_is_dropped() {
        let corpus = corpus();
        let selection = Selection {
            outlets: vec!["A".into(), "B".into()],
            date: parse_date_range("2022-09"),
            types: vec![EntityType::Person, EntityType::Gpe],
            entities: vec![EntityId(0), EntityId(2)],
            tags: vec!["a, \"b\"".into(), "東京".into(), "*".into(), "".into()],
            starred: true,
        };
        assert_eq!(Selection::from_params(&selection.to_params(), &corpus), selection);
        let junk = SelectionParams {
            outlet: "||".into(),
            date: "yesterday".into(),
            types: "PERSON,NOPE".into(),
            entities: "2,x,999".into(),
            tags: ",x,X,".into(),
        };
        let read = Selection::from_params(&junk, &corpus);
        assert_eq!(read.outlets, Vec::<String>::new());
        assert_eq!(read.date, None);
        assert_eq!(read.types, [EntityType::Person]);
        assert_eq!(read.entities, [EntityId(2)]);
        assert_eq!(read.tags, ["x"]);
        assert!(!read.starred);
    }

    #[test]
    fn toggling_picks_and_unpicks() {
        let s = Selection::default().toggled(&FacetValue::Entity(EntityId(2)));
        assert_eq!(s.values(), [FacetValue::Entity(EntityId(2))]);
        assert!(s.toggled(&FacetValue::Entity(EntityId(2))).is_empty());
    }

    /// Tag "Urgent" on docs 0 and 1, "Later" on 1 and 3, "Empty" on none, one on a
    /// document the corpus lacks; stars on 1, 2 and 50.
    fn marks() -> Annotations {
        let mut b = dossier_search::AnnotationsBuilder::default();
        b.tag("Urgent", DocId(0))
            .tag("urgent", DocId(1))
            .tag("Later", DocId(1))
            .tag("Later", DocId(3))
            .tag("Later", DocId(40))
            .tag_name("Empty")
            .star(DocId(1))
            .star(DocId(2))
            .star(DocId(50));
        b.build()
    }

    fn apply_marked(corpus: &Corpus, selection: &Selection) -> Faceted {
        let all: Vec<DocId> = corpus.documents.iter().map(|d| d.id).collect();
        FacetIndex::new(corpus, Counting::Text).apply_annotated(corpus, &all, selection, 10, &marks())
    }

    fn tag_counts(f: &Faceted) -> Vec<(&str, u32)> {
        f.counts.tags.iter().map(|(n, c)| (n.as_str(), *c)).collect()
    }

    #[test]
    fn tags_and_stars_are_counted_with_nothing_picked() {
        let corpus = corpus();
        let f = apply_marked(&corpus, &Selection::default());
        assert_eq!(tag_counts(&f), [("Later", 2), ("Urgent", 2), ("Empty", 0)]);
        assert_eq!(f.counts.starred, 2);
        let plain = apply(&corpus, &Selection::default());
        assert!(plain.counts.tags.is_empty());
        assert_eq!(plain.counts.starred, 0);
    }

    #[test]
    fn picked_tags_combine_with_or_in_any_case() {
        let corpus = corpus();
        let picked = Selection {
            tags: vec!["URGENT".into(), "later".into()],
            ..Selection::default()
        };
        let f = apply_marked(&corpus, &picked);
        assert_eq!(ids(&f.docs), [0, 1, 3]);
        // The tag facet counts without its own picks.
        assert_eq!(tag_counts(&f), [("Later", 2), ("Urgent", 2), ("Empty", 0)]);
    }

    #[test]
    fn starred_is_a_facet_of_its_own() {
        let corpus = corpus();
        let picked = Selection {
            tags: vec!["urgent".into()],
            starred: true,
            ..Selection::default()
        };
        let f = apply_marked(&corpus, &picked);
        assert_eq!(ids(&f.docs), [1], "starred AND tagged urgent");
        // Starred counts over the urgent documents (0, 1); tags over the starred (1, 2).
        assert_eq!(f.counts.starred, 1);
        assert_eq!(tag_counts(&f), [("Later", 1), ("Urgent", 1), ("Empty", 0)]);
        // Outlet counts what both picks keep: doc 1, outlet A.
        assert_eq!(f.counts.outlets, [("A".to_owned(), 1)]);
    }

    #[test]
    fn an_unknown_picked_tag_keeps_nothing_and_is_listed() {
        let corpus = corpus();
        let picked = Selection {
            tags: vec!["Gone".into()],
            ..Selection::default()
        };
        let f = apply_marked(&corpus, &picked);
        assert!(f.docs.is_empty());
        assert!(f.counts.tags.contains(&("Gone".to_owned(), 0)));
        let without_marks = apply(&corpus, &picked);
        assert!(without_marks.docs.is_empty());
        assert_eq!(without_marks.counts.tags, [("Gone".to_owned(), 0)]);
    }

    #[test]
    fn tags_toggle_in_any_case_and_show_as_chips() {
        let s = Selection::default()
            .toggled(&FacetValue::Tag("Urgent".into()))
            .toggled(&FacetValue::Starred);
        assert_eq!(
            s.values(),
            [FacetValue::Tag("Urgent".into()), FacetValue::Starred]
        );
        let s = s
            .toggled(&FacetValue::Tag("URGENT".into()))
            .toggled(&FacetValue::Starred);
        assert!(s.is_empty());
    }

    fn day(y: u16, m: u8, d: u8) -> CalendarDate {
        CalendarDate::new(Some(y), m, d).unwrap()
    }

    #[test]
    fn a_short_span_has_a_bar_a_day_with_gaps() {
        let (grain, bars) = histogram(&[(day(2022, 8, 30), 2), (day(2022, 9, 2), 1)]);
        assert_eq!(grain, Grain::Day);
        let counts: Vec<u32> = bars.iter().map(|b| b.count).collect();
        assert_eq!(counts, [2, 0, 0, 1]);
        assert_eq!(bars[1].range.from, Some(day(2022, 8, 31)));
    }

    #[test]
    fn longer_spans_have_months_then_years() {
        let (grain, bars) = histogram(&[(day(2021, 11, 5), 1), (day(2022, 2, 1), 3), (day(2022, 2, 28), 1)]);
        assert_eq!(grain, Grain::Month);
        assert_eq!(bars.iter().map(|b| b.count).collect::<Vec<_>>(), [1, 0, 0, 4]);
        assert_eq!(bars[3].range.to, Some(day(2022, 2, 28)));
        let (grain, bars) = histogram(&[(day(1900, 1, 1), 1), (day(2022, 1, 1), 1)]);
        assert_eq!(grain, Grain::Years(3));
        assert!(bars.len() <= BARS_AT_MOST as usize);
        assert_eq!(bars.iter().map(|b| b.count).sum::<u32>(), 2);
    }

    #[test]
    fn day_numbers_count_days() {
        let n = |d: CalendarDate| d.day_number().unwrap();
        assert_eq!(n(day(2022, 3, 1)) - n(day(2022, 2, 28)), 1);
        assert_eq!(n(day(2024, 3, 1)) - n(day(2024, 2, 28)), 2);
        assert_eq!(n(day(2023, 1, 1)) - n(day(2022, 12, 31)), 1);
        assert_eq!(CalendarDate::new(None, 1, 1).unwrap().day_number(), None);
    }

    #[test]
    fn a_value_read_back_from_its_key_is_the_value() {
        let values = [
            FacetValue::Outlet("Press TV: the world".to_owned()),
            FacetValue::Type(EntityType::Person),
            FacetValue::Entity(EntityId(12)),
            FacetValue::Tag("Follow up".to_owned()),
            FacetValue::Starred,
        ];
        for value in values {
            assert_eq!(
                FacetValue::from_key(&value.key()),
                Some(value.clone()),
                "{}",
                value.key()
            );
        }
        for other in ["", "starred!", "type:NOT_A_TYPE", "ent:x", "colour:red", "outlet"] {
            assert_eq!(FacetValue::from_key(other), None, "{other}");
        }
    }
}
