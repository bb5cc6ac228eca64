//! Runs a query over the index: BM25F over title and body ([`super::score`]), a
//! proximity boost, exclusions and filters, and "did you mean" when nothing matches.
//!
//! A word's score is the best of its alternatives (exact 1.0, completion 0.8, typo 0.5
//! or 0.25); a phrase is scored as one term with its own frequency and document count;
//! an OR group scores its best atom; a document's score is the sum over groups. The top
//! [`PROXIMITY_RERANK`] documents are then boosted by up to [`PROXIMITY_WEIGHT`] when the
//! query's groups occur close together. Ties go to the newer document, then the earlier.
//!
//! Before the index's positions have arrived ([`SearchIndex::has_positions`]), a phrase
//! matches the documents holding all its words, counted by its rarest word, and nothing
//! is boosted for nearness; the query says so (`QueryNote::Provisional`), and the same
//! query over the index with its positions gives the final answer.
//!
//! With the reader's [`Annotations`], a word or phrase also matches a document through
//! the document's notes. Such a match scores [`NOTE_SHARE`] of the lowest score that
//! atom earns in any document's text (or [`NOTE_ALONE_SCORE`] when no text has it), so
//! a note never ranks a document above one whose text has the same words; a document
//! matched both ways keeps its text score. [`SearchResults::matched_notes`] says which
//! notes matched. Exclusions (`-word`) exclude note matches too; `title:` ignores notes.
//!
//! Runs on every keystroke, so the hot path allocates little: planned atoms (postings
//! decoded and scored) come from a [`PlanCache`], score accumulators are reused between
//! queries, and proximity walks postings in document order.

use super::analyze::Analyzer;
use super::annotations::Annotations;
use super::index::{Positions, Posting, SearchIndex};
use super::plan::{expand_word, nearest_word, phrase_terms, Occurrence, PlannedAtom, PlannedTerm};
use super::plan_cache::{PlanCache, WordKey};
use super::query::{parse, Atom, AtomKind, Field, Mark, Query, QueryNote};
use super::score::{Bm25f, Fields};
use super::snippet::{self, Snippet};
use dossier_model::document::{Corpus, DocId};
use dossier_model::entity::{Counting, EntityType};
use dossier_model::span::Span;
use std::cell::RefCell;
use std::rc::Rc;

/// At most this much is added (as a fraction of the score) for adjacent query words.
pub const PROXIMITY_WEIGHT: f32 = 0.25;
/// Words further apart than this many positions earn no proximity boost.
pub const PROXIMITY_WINDOW: u32 = 10;
/// How many of the best documents are re-ranked by proximity.
pub const PROXIMITY_RERANK: usize = 50;
/// A note's match of a word scores this share of the lowest score the word earns in a
/// document's text: below every text match of it.
pub const NOTE_SHARE: f32 = 0.5;
/// A note's match of a word no document's text has (BM25F scores of one rare word in a
/// short text are a few points, so this is a modest score).
pub const NOTE_ALONE_SCORE: f32 = 1.0;

/// The corpus and its index, with the state that makes repeated searches cheap.
pub struct Engine {
    corpus: Corpus,
    /// Shared with engines over the same texts and other entities ([`Engine::with_corpus`]).
    index: Rc<SearchIndex>,
    analyzer: Analyzer,
    bm25f: Bm25f,
    /// Per document, its place when documents are ordered newest first (the earlier
    /// document first among equals): the tie-break of equal scores as one number.
    recency_rank: Vec<u32>,
    /// The inverse of `recency_rank`.
    doc_by_recency: Vec<u32>,
    plans: PlanCache,
    accumulators: RefCell<Accumulators>,
}

/// Per-document score accumulators, kept between queries and reset sparsely.
#[derive(Debug, Default)]
struct Accumulators {
    /// Documents the first group touched (whose totals need resetting), and the current
    /// group's; kept for their capacity, since allocation is dear in wasm.
    first: Vec<u32>,
    touched: Vec<u32>,
    total: Vec<f32>,
    matched: Vec<u16>,
    best: Vec<f32>,
}

/// One matching document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub doc: DocId,
    pub score: f32,
}

/// Where the query matched in one document: byte spans into its title text and its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocMarks {
    pub title: Vec<Span>,
    pub body: Vec<Span>,
}

/// Why a document matched, as a result row shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Explanation {
    /// Marks in the title text.
    pub title: Vec<Span>,
    pub snippet: Snippet,
}

/// The answer to a query.
#[derive(Debug)]
pub struct SearchResults {
    pub query: Query,
    /// Best first.
    pub hits: Vec<Hit>,
    /// A query that finds something, offered when this one found nothing.
    pub suggestion: Option<String>,
    atoms: Vec<PlannedAtom>,
    /// Notes that matched, as `(document, note number)`, sorted, each once: documents
    /// in `note_docs`, note numbers at the same positions in `note_numbers`.
    note_docs: Vec<DocId>,
    note_numbers: Vec<usize>,
}

impl Engine {
    pub fn new(corpus: Corpus, index: SearchIndex) -> Engine {
        Engine::over(corpus, Rc::new(index))
    }

    /// An engine over `corpus`, which has this engine's documents (the same texts, titles
    /// and dates, in the same order) and other entities or insights: the reader's entity
    /// corrections. The index is shared, not copied.
    pub fn with_corpus(&self, corpus: Corpus) -> Engine {
        Engine::over(corpus, Rc::clone(&self.index))
    }

    fn over(corpus: Corpus, index: Rc<SearchIndex>) -> Engine {
        let n = corpus.documents.len();
        let date_key = |d: usize| {
            corpus.documents[d]
                .published
                .and_then(|p| {
                    p.date.year.map(|y| {
                        u32::from(y) * 10_000 + u32::from(p.date.month) * 100 + u32::from(p.date.day)
                    })
                })
                .unwrap_or(0)
        };
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&d| (std::cmp::Reverse(date_key(d)), d));
        let mut recency_rank = vec![0u32; n];
        for (rank, &d) in order.iter().enumerate() {
            recency_rank[d] = rank as u32;
        }
        let doc_by_recency = order.into_iter().map(|d| d as u32).collect();
        let docs = index.doc_count().max(n);
        Engine {
            bm25f: Bm25f::new(&index),
            recency_rank,
            doc_by_recency,
            corpus,
            index,
            analyzer: Analyzer::default(),
            plans: PlanCache::default(),
            accumulators: RefCell::new(Accumulators {
                first: Vec::new(),
                touched: Vec::new(),
                total: vec![0.0; docs],
                matched: vec![0; docs],
                best: vec![f32::NEG_INFINITY; docs],
            }),
        }
    }

    /// Runs every stage of a search once (words, a prefix, a phrase, proximity, a typo,
    /// "did you mean", snippets) on the first document's title, so that in the browser
    /// the user's first keystroke does not pay for compiling that code. Answers are
    /// unchanged: only caches fill.
    pub fn warm_up(&self) {
        let Some(doc) = self.corpus.documents.first() else {
            return;
        };
        let title = &doc.title.text;
        for q in [title.clone(), format!("\"{title}\""), format!("{title} zzqzz")] {
            let results = self.search(&q, true);
            if let Some(hit) = results.hits.first() {
                results.explain(self, hit.doc);
            }
        }
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// Parses and runs `input`; `typing` matches the last word as a prefix too.
    pub fn search(&self, input: &str, typing: bool) -> SearchResults {
        self.search_counting(input, typing, Counting::Text)
    }

    /// [`Engine::search`], with `entity:` and `type:` looking at the mentions `counting`
    /// admits (the app's "count everything" toggle).
    pub fn search_counting(&self, input: &str, typing: bool, counting: Counting) -> SearchResults {
        self.search_annotated(input, typing, counting, &Annotations::default())
    }

    /// [`Engine::search_counting`] with the reader's tags, stars and notes: `tag:`,
    /// `is:starred` and `note:` filter by them, and words match documents through their
    /// notes too (see the module documentation for how those rank).
    pub fn search_annotated(
        &self,
        input: &str,
        typing: bool,
        counting: Counting,
        annotations: &Annotations,
    ) -> SearchResults {
        let mut query = parse(input, typing);
        query.counting = counting;
        let mut results = self.run_annotated(query, annotations);
        if results.hits.is_empty() {
            results.suggestion = self.suggest(input, &results.query, annotations);
        }
        results
    }

    /// Runs a parsed query without the reader's marks.
    pub fn run(&self, query: Query) -> SearchResults {
        self.run_annotated(query, &Annotations::default())
    }

    /// Runs a parsed query with the reader's tags, stars and notes.
    pub fn run_annotated(&self, mut query: Query, annotations: &Annotations) -> SearchResults {
        let atoms_of = |group: &[Atom]| group.iter().map(|a| self.plan(a, true)).collect::<Vec<_>>();
        let groups: Vec<Vec<PlannedAtom>> = query.groups.iter().map(|g| atoms_of(g)).collect();
        let n = self.corpus.documents.len();

        // Which documents filters and exclusions leave; `None` when there are none.
        let mentioned = self.mentioned(&mut query);
        let mut matched_notes: Vec<(DocId, usize)> = Vec::new();
        let marked = self.marked(&mut query, annotations, &mut matched_notes);
        let filtered = !(query.outlets.is_empty()
            && query.date.is_none()
            && query.excluded.is_empty()
            && mentioned.is_none()
            && marked.is_none());
        let allowed: Option<Vec<bool>> = filtered.then(|| {
            let mut allowed: Vec<bool> = match (mentioned, marked) {
                (Some(m), Some(k)) => m.iter().zip(k).map(|(&m, k)| m && k).collect(),
                (Some(m), None) | (None, Some(m)) => m,
                (None, None) => vec![true; n],
            };
            for (d, ok) in allowed.iter_mut().enumerate() {
                *ok = *ok && self.passes_filters(&query, d);
            }
            for atom in &query.excluded {
                let planned = self.plan(atom, false);
                self.each_match(&planned, None, |doc, _| {
                    if let Some(a) = allowed.get_mut(doc as usize) {
                        *a = false;
                    }
                });
                if atom.field == Field::Any {
                    for (doc, _) in annotations.notes().matching(&atom.text, false) {
                        if let Some(a) = allowed.get_mut(doc.0 as usize) {
                            *a = false;
                        }
                    }
                }
            }
            allowed
        });
        let through_notes = self.note_matches(&query, &groups, annotations, allowed.as_deref());
        for group in &through_notes {
            matched_notes.extend(group.iter().map(|m| (DocId(m.doc), m.note)));
        }
        matched_notes.sort_unstable();
        matched_notes.dedup();
        let (note_docs, note_numbers) = matched_notes.into_iter().unzip();

        // Nothing to search or filter by (a lone "-", a stray quote): every document, as
        // if the query were empty, with the notes saying what was ignored.
        let mut hits: Vec<Hit> = if groups.is_empty() {
            match &allowed {
                None => (0..n)
                    .map(|d| Hit {
                        doc: DocId(d as u32),
                        score: 0.0,
                    })
                    .collect(),
                Some(allowed) => (0..n)
                    .filter(|&d| allowed[d])
                    .map(|d| Hit {
                        doc: DocId(d as u32),
                        score: 0.0,
                    })
                    .collect(),
            }
        } else {
            self.score_groups(&groups, &through_notes, allowed.as_deref())
        };
        let phrase = groups
            .iter()
            .flatten()
            .any(|a| matches!(a, PlannedAtom::Phrase { .. }))
            || query.excluded.iter().any(|a| a.kind == AtomKind::Phrase);
        if (phrase || groups.len() > 1) && !self.index.has_positions() {
            query.notes.push(QueryNote::Provisional { phrase });
        }
        self.boost_proximity(&groups, &mut hits);
        self.rank(&mut hits);
        if hits.is_empty() && !query.excluded.is_empty() {
            self.note_exclusions(&mut query, annotations);
        }
        SearchResults {
            query,
            hits,
            suggestion: None,
            atoms: groups.into_iter().flatten().collect(),
            note_docs,
            note_numbers,
        }
    }

    /// Per group of the query, the documents (of those `allowed`) whose notes hold one of
    /// its words or phrases, each with the score such a match earns (see [`NOTE_SHARE`]).
    /// Empty when the reader has no notes, so a search without them pays nothing.
    fn note_matches(
        &self,
        query: &Query,
        groups: &[Vec<PlannedAtom>],
        annotations: &Annotations,
        allowed: Option<&[bool]>,
    ) -> Vec<Vec<NoteMatch>> {
        let notes = annotations.notes();
        if notes.is_empty() {
            return Vec::new();
        }
        let ok = |doc: DocId| {
            allowed.map_or(doc.0 < self.corpus.documents.len() as u32, |a| {
                a.get(doc.0 as usize).copied().unwrap_or(false)
            })
        };
        query
            .groups
            .iter()
            .zip(groups)
            .map(|(atoms, planned)| {
                let mut found = Vec::new();
                for (atom, planned) in atoms.iter().zip(planned).filter(|(a, _)| a.field == Field::Any) {
                    let prefix = matches!(atom.kind, AtomKind::Word { prefix: true });
                    let matches = notes.matching(&atom.text, prefix);
                    if matches.is_empty() {
                        continue;
                    }
                    let score = note_score(planned);
                    found.extend(
                        matches
                            .into_iter()
                            .filter(|&(doc, _)| ok(doc))
                            .map(|(doc, note)| NoteMatch {
                                doc: doc.0,
                                note,
                                score,
                            }),
                    );
                }
                found
            })
            .collect()
    }

    /// Documents that pass every `tag:`, `is:starred` and `note:` filter of the query
    /// (`None` when it has none), recording the notes a `note:` matched. A tag the reader
    /// does not have is noted and matches nothing (so `-tag:` of it excludes nothing).
    fn marked(
        &self,
        query: &mut Query,
        annotations: &Annotations,
        matched_notes: &mut Vec<(DocId, usize)>,
    ) -> Option<Vec<bool>> {
        if query.marks.is_empty() {
            return None;
        }
        let n = self.corpus.documents.len();
        let mut allowed = vec![true; n];
        let mut has = vec![false; n];
        for filter in &query.marks {
            has.fill(false);
            let mut set = |doc: DocId| {
                if let Some(h) = has.get_mut(doc.0 as usize) {
                    *h = true;
                }
            };
            match &filter.mark {
                Mark::Tag(name) => match annotations.tag(name) {
                    Some(docs) => docs.iter().copied().for_each(set),
                    None => query.notes.push(QueryNote::UnknownTag(name.clone())),
                },
                Mark::Starred => annotations.starred().iter().copied().for_each(set),
                Mark::Note(atom) => {
                    let prefix = matches!(atom.kind, AtomKind::Word { prefix: true });
                    for (doc, note) in annotations.notes().matching(&atom.text, prefix) {
                        set(doc);
                        if !filter.negated && (doc.0 as usize) < n {
                            matched_notes.push((doc, note));
                        }
                    }
                }
            }
            for (a, &h) in allowed.iter_mut().zip(&has) {
                *a = *a && h != filter.negated;
            }
        }
        Some(allowed)
    }

    /// When the exclusions removed every hit, says so ("all 5 matches mention ukraine")
    /// instead of leaving the user to guess that the words were wrong.
    fn note_exclusions(&self, query: &mut Query, annotations: &Annotations) {
        let without = Query {
            excluded: Vec::new(),
            notes: Vec::new(),
            ..query.clone()
        };
        if without.is_empty() {
            return;
        }
        let matches = self.run_annotated(without, annotations).hits.len();
        if matches > 0 {
            let excluded = query.excluded.iter().map(|a| a.text.clone()).collect();
            query.notes.push(QueryNote::AllExcluded { matches, excluded });
        }
    }

    /// Best first; equal scores newest first, then in corpus order. Each hit becomes one
    /// integer (score bits above the document's recency rank: scores are never negative,
    /// so their bits order like the numbers), and plain integers sort fast.
    fn rank(&self, hits: &mut [Hit]) {
        let mut keys: Vec<u64> = hits
            .iter()
            .map(|h| {
                let score = u32::MAX - h.score.max(0.0).to_bits();
                let rank = self
                    .recency_rank
                    .get(h.doc.0 as usize)
                    .copied()
                    .unwrap_or(u32::MAX);
                (u64::from(score) << 32) | u64::from(rank)
            })
            .collect();
        keys.sort_unstable();
        for (hit, key) in hits.iter_mut().zip(keys) {
            let rank = (key & u64::from(u32::MAX)) as usize;
            hit.doc = DocId(self.doc_by_recency.get(rank).copied().unwrap_or(0));
            hit.score = f32::from_bits(u32::MAX - (key >> 32) as u32);
        }
    }

    /// Documents that mention every `entity:` and every `type:` of the query (`None`
    /// when it has neither). Names and types the corpus does not know are noted; an
    /// unknown name matches nothing, an unknown type is ignored.
    fn mentioned(&self, query: &mut Query) -> Option<Vec<bool>> {
        if query.entities.is_empty() && query.types.is_empty() {
            return None;
        }
        let entities = &self.corpus.entities;
        let n = self.corpus.documents.len();
        let mut allowed = vec![true; n];
        for name in &query.entities {
            let mut mentions = vec![false; n];
            let found = entities.find(name);
            if found.is_empty() {
                query.notes.push(QueryNote::UnknownEntity(name.clone()));
            }
            for doc in found
                .iter()
                .filter_map(|&id| entities.entity(id))
                .flat_map(|e| e.documents_counted(query.counting))
            {
                if let Some(m) = mentions.get_mut(doc.0 as usize) {
                    *m = true;
                }
            }
            for (a, m) in allowed.iter_mut().zip(mentions) {
                *a = *a && m;
            }
        }
        for label in &query.types {
            let Some(kind) = EntityType::from_label(label) else {
                query.notes.push(QueryNote::UnknownType(label.clone()));
                continue;
            };
            // From the entities' document lists, not the mentions: the same documents,
            // and in the file's head, so `type:` works before the texts have arrived.
            let mut mentions = vec![false; n];
            for doc in entities
                .entities
                .iter()
                .filter(|e| e.kind == kind)
                .flat_map(|e| e.documents_counted(query.counting))
            {
                if let Some(m) = mentions.get_mut(doc.0 as usize) {
                    *m = true;
                }
            }
            for (a, m) in allowed.iter_mut().zip(mentions) {
                *a = *a && m;
            }
        }
        Some(allowed)
    }

    fn passes_filters(&self, query: &Query, doc: usize) -> bool {
        let d = &self.corpus.documents[doc];
        let outlet_ok = query.outlets.is_empty()
            || d.outlet.as_ref().is_some_and(|o| {
                let name = o.name.to_lowercase();
                query.outlets.iter().any(|q| name.contains(q.as_str()))
            });
        let date_ok = query
            .date
            .is_none_or(|range| d.published.is_some_and(|p| range.contains(p.date)));
        outlet_ok && date_ok
    }

    /// Resolves an atom; exclusions (`fuzzy == false`) match exact words only.
    fn plan(&self, atom: &Atom, fuzzy: bool) -> PlannedAtom {
        let field = atom.field;
        match atom.kind {
            AtomKind::Word { prefix } => {
                let prefix = prefix && fuzzy;
                let key = WordKey {
                    text: atom.text.clone(),
                    prefix,
                    fuzzy,
                };
                let terms = self.plans.word(key, || {
                    let expansion = expand_word(&self.index, &self.analyzer, &atom.text, prefix, fuzzy);
                    self.planned_terms(expansion.into_iter())
                });
                PlannedAtom::Word { terms, field }
            }
            AtomKind::Phrase => {
                let (terms, occurrences) = self.plans.phrase(&atom.text, || {
                    let words = phrase_terms(&self.index, &self.analyzer, &atom.text).unwrap_or_default();
                    let terms = self.planned_terms(words.into_iter().map(|t| (t, 1.0)));
                    let occurrences = Rc::from(self.phrase_occurrences(&terms));
                    (terms, occurrences)
                });
                PlannedAtom::Phrase {
                    terms,
                    occurrences,
                    field,
                }
            }
        }
    }

    /// Reads and scores the postings of `(term, weight)` pairs, keeping only postings of
    /// documents the corpus has (so a damaged index cannot index out of bounds).
    fn planned_terms(&self, terms: impl Iterator<Item = (u32, f32)>) -> Rc<[PlannedTerm]> {
        let docs = self.corpus.documents.len() as u32;
        terms
            .map(|(term, weight)| {
                let mut planned = PlannedTerm::new(&self.index, &self.bm25f, term, weight);
                if planned.postings.iter().any(|p| p.doc >= docs) {
                    let keep: Vec<bool> = planned.postings.iter().map(|p| p.doc < docs).collect();
                    let mut k = keep.iter();
                    planned.postings.retain(|_| *k.next().unwrap_or(&false));
                    let mut k = keep.iter();
                    planned.scores.retain(|_| *k.next().unwrap_or(&false));
                }
                planned
            })
            .collect()
    }

    /// Documents matching every group, with their summed scores. A document counts for a
    /// group only if it matched every group before, so the documents the last group
    /// touched are the hits; accumulators are reset for those the first group touched.
    fn score_groups(
        &self,
        groups: &[Vec<PlannedAtom>],
        through_notes: &[Vec<NoteMatch>],
        allowed: Option<&[bool]>,
    ) -> Vec<Hit> {
        let mut acc = self.accumulators.borrow_mut();
        let Accumulators {
            first,
            touched,
            total,
            matched,
            best,
        } = &mut *acc;
        for (g, group) in groups.iter().enumerate() {
            touched.clear();
            for atom in group {
                self.each_match(atom, allowed, |doc, score| {
                    let d = doc as usize;
                    // Only documents that matched every group before can still match all.
                    if usize::from(matched[d]) == g {
                        if best[d] == f32::NEG_INFINITY {
                            touched.push(doc);
                        }
                        best[d] = best[d].max(score);
                    }
                });
            }
            // Already filtered by `allowed`.
            for m in through_notes.get(g).into_iter().flatten() {
                let d = m.doc as usize;
                if usize::from(matched[d]) == g {
                    if best[d] == f32::NEG_INFINITY {
                        touched.push(m.doc);
                    }
                    best[d] = best[d].max(m.score);
                }
            }
            for &doc in touched.iter() {
                let d = doc as usize;
                total[d] += best[d];
                matched[d] += 1;
                best[d] = f32::NEG_INFINITY;
            }
            if g == 0 {
                first.clone_from(touched);
            }
        }
        let hits = touched
            .iter()
            .map(|&d| Hit {
                doc: DocId(d),
                score: total[d as usize],
            })
            .collect();
        for &d in first.iter() {
            total[d as usize] = 0.0;
            matched[d as usize] = 0;
        }
        hits
    }

    /// Calls `sink(doc, score)` for every document the atom matches; a word with several
    /// alternatives may report a document once per alternative (callers keep the best).
    /// Generic over the sink so the per-posting call inlines.
    fn each_match(&self, atom: &PlannedAtom, allowed: Option<&[bool]>, mut sink: impl FnMut(u32, f32)) {
        let ok = |doc: u32| allowed.is_none_or(|a| a.get(doc as usize).copied().unwrap_or(false));
        match atom {
            PlannedAtom::Word { terms, field } => {
                for t in terms.iter() {
                    match field {
                        Field::Any => {
                            for (p, &score) in t.postings.iter().zip(t.scores.iter()) {
                                if ok(p.doc) {
                                    sink(p.doc, score);
                                }
                            }
                        }
                        Field::Title => {
                            let idf = self.bm25f.idf(t.postings.len());
                            for p in t.postings.iter().filter(|p| p.tf_title > 0 && ok(p.doc)) {
                                let score = self.bm25f.score(idf, p.doc, p.tf_title, 0, Fields::TitleOnly);
                                sink(p.doc, t.weight * score);
                            }
                        }
                    }
                }
            }
            PlannedAtom::Phrase {
                occurrences, field, ..
            } => match field {
                Field::Any => {
                    for o in occurrences.iter().filter(|o| ok(o.doc)) {
                        sink(o.doc, o.score);
                    }
                }
                Field::Title => {
                    let idf = self.bm25f.idf(occurrences.len());
                    for o in occurrences.iter().filter(|o| o.tf_title > 0 && ok(o.doc)) {
                        sink(
                            o.doc,
                            self.bm25f.score(idf, o.doc, o.tf_title, 0, Fields::TitleOnly),
                        );
                    }
                }
            },
        }
    }

    /// Documents where the phrase occurs, with how often in the title and in the body,
    /// scored as one term. Candidates come from the rarest word's postings; positions are
    /// decoded only for documents holding every word. Without positions, every candidate
    /// counts, as often as its least frequent word.
    fn phrase_occurrences(&self, terms: &[PlannedTerm]) -> Vec<Occurrence> {
        let Some(rarest) = terms.iter().min_by_key(|t| t.postings.len()) else {
            return Vec::new();
        };
        let candidates = rarest
            .postings
            .iter()
            .filter(|p| terms.iter().all(|t| t.posting(p.doc).is_some()));
        let mut found: Vec<Occurrence> = if self.index.has_positions() {
            candidates.filter_map(|p| self.phrase_in(terms, p.doc)).collect()
        } else {
            candidates
                .map(|p| {
                    let least = |tf: fn(&Posting) -> u32| {
                        terms
                            .iter()
                            .filter_map(|t| t.posting(p.doc).map(tf))
                            .min()
                            .unwrap_or(0)
                    };
                    Occurrence {
                        doc: p.doc,
                        tf_title: least(|p| p.tf_title),
                        tf_body: least(|p| p.tf_body),
                        score: 0.0,
                    }
                })
                .collect()
        };
        let idf = self.bm25f.idf(found.len());
        for o in &mut found {
            o.score = self
                .bm25f
                .score(idf, o.doc, o.tf_title, o.tf_body, Fields::TitleAndBody);
        }
        found
    }

    /// How often the phrase occurs in `doc`'s title and body, by its words' positions.
    fn phrase_in(&self, terms: &[PlannedTerm], doc: u32) -> Option<Occurrence> {
        let words = self.phrase_positions(terms, doc)?;
        let tf_title = phrase_starts(&words, |w| &w.title).len() as u32;
        let tf_body = phrase_starts(&words, |w| &w.body).len() as u32;
        (tf_title + tf_body > 0).then_some(Occurrence {
            doc,
            tf_title,
            tf_body,
            score: 0.0,
        })
    }

    /// The positions of each word of a phrase in a document; `None` when one is absent.
    fn phrase_positions(&self, terms: &[PlannedTerm], doc: u32) -> Option<Vec<Positions>> {
        if terms.is_empty() {
            return None;
        }
        terms
            .iter()
            .map(|t| t.posting(doc).map(|p| self.index.positions_of(p)))
            .collect()
    }

    /// Boosts the best documents whose query groups occur near each other. The best are
    /// visited in document order, so each term's postings are walked once, forward.
    fn boost_proximity(&self, groups: &[Vec<PlannedAtom>], hits: &mut [Hit]) {
        if groups.len() < 2 || hits.is_empty() || !self.index.has_positions() {
            return;
        }
        let top = PROXIMITY_RERANK.min(hits.len());
        if top < hits.len() {
            hits.select_nth_unstable_by(top - 1, |a, b| b.score.total_cmp(&a.score));
        }
        let best = &mut hits[..top];
        best.sort_unstable_by_key(|h| h.doc);
        let terms: Vec<Vec<&PlannedTerm>> = groups
            .iter()
            .map(|g| g.iter().flat_map(proximity_terms).collect())
            .collect();
        let mut cursors: Vec<Vec<usize>> = terms.iter().map(|ts| vec![0; ts.len()]).collect();
        // Two words, one term each (the usual case): merge their positions as they are
        // decoded, stopping at the first adjacent pair.
        let streamed = terms.len() == 2 && terms.iter().all(|ts| ts.len() == 1);
        let mut near: Vec<Vec<u32>> = vec![Vec::new(); groups.len()];
        for hit in best {
            let doc = hit.doc.0;
            let mut found: [Option<&Posting>; 2] = [None; 2];
            for (g, (group_terms, group_cursors)) in terms.iter().zip(cursors.iter_mut()).enumerate() {
                near[g].clear();
                for (term, at) in group_terms.iter().zip(group_cursors.iter_mut()) {
                    *at = seek(&term.postings, *at, doc);
                    if let Some(p) = term.postings.get(*at).filter(|p| p.doc == doc) {
                        if streamed {
                            found[g] = Some(p);
                        } else {
                            near[g].extend(self.index.position_stream(p));
                        }
                    }
                }
                if group_terms.len() > 1 {
                    near[g].sort_unstable();
                }
            }
            let bonus: f32 = if streamed {
                match found {
                    [Some(a), Some(b)] => closeness(min_gap(
                        self.index.position_stream(a),
                        self.index.position_stream(b),
                    )),
                    _ => 0.0,
                }
            } else {
                near.windows(2)
                    .map(|pair| closeness(min_gap(pair[0].iter().copied(), pair[1].iter().copied())))
                    .sum()
            };
            hit.score *= 1.0 + PROXIMITY_WEIGHT * bonus / (groups.len() - 1) as f32;
        }
    }

    /// A corrected query that finds something: each word the corpus lacks is replaced by
    /// its nearest frequent word.
    fn suggest(&self, input: &str, query: &Query, annotations: &Annotations) -> Option<String> {
        let mut corrected = input.to_owned();
        let mut changed = false;
        for atom in query.groups.iter().flatten() {
            let AtomKind::Word { .. } = atom.kind else {
                continue;
            };
            let folded = super::analyze::fold(&atom.text);
            if folded.chars().count() < 3 || self.index.word(&folded).is_some() {
                continue;
            }
            if let Some(word) = nearest_word(&self.index, &folded) {
                corrected = replace_word(&corrected, &atom.text, &word);
                changed = true;
            }
        }
        let found = |q: &str| !self.run_annotated(parse(q, false), annotations).hits.is_empty();
        (changed && found(&corrected)).then_some(corrected)
    }
}

/// A document matched through one of its notes, with the score the match earns.
#[derive(Debug, Clone, Copy)]
struct NoteMatch {
    doc: u32,
    note: usize,
    score: f32,
}

/// What a note's match of `atom` scores: [`NOTE_SHARE`] of the lowest score the atom
/// earns in any document's text, or [`NOTE_ALONE_SCORE`] when no text has it.
fn note_score(atom: &PlannedAtom) -> f32 {
    let lowest = match atom {
        PlannedAtom::Word { terms, .. } => terms
            .iter()
            .flat_map(|t| t.scores.iter().copied())
            .fold(f32::INFINITY, f32::min),
        PlannedAtom::Phrase { occurrences, .. } => {
            occurrences.iter().map(|o| o.score).fold(f32::INFINITY, f32::min)
        }
    };
    if lowest.is_finite() {
        NOTE_SHARE * lowest
    } else {
        NOTE_ALONE_SCORE
    }
}

/// Replaces the first whole-word occurrence of `word` (any case) in `input`.
fn replace_word(input: &str, word: &str, with: &str) -> String {
    let lower = input.to_lowercase();
    let target = word.to_lowercase();
    if lower.len() == input.len() {
        if let Some(at) = lower.find(&target) {
            return format!("{}{}{}", &input[..at], with, &input[at + word.len()..]);
        }
    }
    input.replacen(word, with, 1)
}

/// Matched tokens of one field as `(first, last)` position pairs.
type TokenRanges = Vec<(u32, u32)>;

impl SearchResults {
    /// Token ranges of the body's mentions that the query's `entity:` and `type:`
    /// filters name, among the mentions its counting admits.
    fn mention_ranges(&self, engine: &Engine, doc: u32, starts: &[u32]) -> TokenRanges {
        let q = &self.query;
        if q.entities.is_empty() && q.types.is_empty() {
            return Vec::new();
        }
        let entities = &engine.corpus.entities;
        let named: Vec<_> = q.entities.iter().flat_map(|name| entities.find(name)).collect();
        let kinds: Vec<EntityType> = q.types.iter().filter_map(|t| EntityType::from_label(t)).collect();
        entities
            .mentions_in(DocId(doc))
            .iter()
            .filter(|m| q.counting.admits(m))
            .filter(|m| {
                named.contains(&m.entity)
                    || entities.entity(m.entity).is_some_and(|e| kinds.contains(&e.kind))
            })
            .filter_map(|m| {
                let first = starts.partition_point(|&s| s < m.span.start) as u32;
                let last = (starts.partition_point(|&s| s < m.span.end) as u32).checked_sub(1)?;
                (first <= last).then_some((first, last))
            })
            .collect()
    }
}

/// Where a phrase starts in one field, given each of its words' positions (`field`
/// picks the title or body list).
fn phrase_starts(words: &[Positions], field: fn(&Positions) -> &Vec<u32>) -> Vec<u32> {
    let Some((first, rest)) = words.split_first() else {
        return Vec::new();
    };
    field(first)
        .iter()
        .copied()
        .filter(|&s| {
            rest.iter()
                .enumerate()
                // Checked: a damaged posting can hold a position near u32::MAX.
                .all(|(k, w)| {
                    s.checked_add(k as u32 + 1)
                        .is_some_and(|p| field(w).binary_search(&p).is_ok())
                })
        })
        .collect()
}

/// The terms whose positions count for proximity: a phrase's words; a word's best-weighted
/// alternatives (the word as typed when the corpus has it, not its completions or
/// corrections, which would cost a posting lookup each for little ranking value).
fn proximity_terms(atom: &PlannedAtom) -> Vec<&PlannedTerm> {
    match atom {
        PlannedAtom::Phrase { terms, .. } => terms.iter().collect(),
        PlannedAtom::Word { terms, .. } => {
            let best = terms.iter().map(|t| t.weight).fold(0.0, f32::max);
            terms.iter().filter(|t| t.weight >= best).collect()
        }
    }
}

/// The first index at or after `from` whose posting's document is not below `doc`:
/// galloping, so walking a list forward costs about the log of each step taken.
fn seek(postings: &[super::index::Posting], from: usize, doc: u32) -> usize {
    let mut step = 1;
    let mut lo = from;
    while let Some(p) = postings.get(lo + step - 1) {
        if p.doc >= doc {
            break;
        }
        lo += step;
        step *= 2;
    }
    let hi = (lo + step).min(postings.len());
    lo + postings[lo.min(hi)..hi].partition_point(|p| p.doc < doc)
}

/// 1 for adjacent words, falling linearly to 0 beyond [`PROXIMITY_WINDOW`] positions.
fn closeness(gap: u32) -> f32 {
    if gap <= PROXIMITY_WINDOW {
        1.0 - gap.saturating_sub(1) as f32 / PROXIMITY_WINDOW as f32
    } else {
        0.0
    }
}

/// The smallest distance between a position in `a` and one in `b` (both increasing);
/// stops at adjacent words, which nothing beats but the same word in both.
fn min_gap(mut a: impl Iterator<Item = u32>, mut b: impl Iterator<Item = u32>) -> u32 {
    let (mut x, mut y, mut best) = (a.next(), b.next(), u32::MAX);
    while let (Some(p), Some(q)) = (x, y) {
        best = best.min(p.abs_diff(q));
        if best <= 1 {
            break;
        }
        if p < q {
            x = a.next();
        } else {
            y = b.next();
        }
    }
    best
}

impl SearchResults {
    /// The numbers (positions in [`crate::annotations::NoteIndex::new`]'s input) of the
    /// document's notes that hold a word or phrase of the query or a `note:` filter's,
    /// ascending: a row with any can say "matched your note".
    pub fn matched_notes(&self, doc: DocId) -> &[usize] {
        let from = self.note_docs.partition_point(|&d| d < doc);
        let to = self.note_docs.partition_point(|&d| d <= doc);
        &self.note_numbers[from..to]
    }

    /// Every place the query matched in a document (any document, hit or not).
    pub fn marks(&self, engine: &Engine, doc: DocId) -> DocMarks {
        let Some(d) = engine.corpus.document(doc) else {
            return DocMarks::default();
        };
        let (title_starts, body_starts) = crate::index::token_starts(d);
        let positions = self.mark_positions(engine, doc.0, &body_starts);
        DocMarks {
            title: snippet::to_spans(&d.title.text, &title_starts, &positions.0),
            body: snippet::to_spans(&d.text, &body_starts, &positions.1),
        }
    }

    /// What a result row shows: the title's marks and the best passage of the body, in
    /// one pass over the document's positions.
    pub fn explain(&self, engine: &Engine, doc: DocId) -> Explanation {
        let Some(d) = engine.corpus.document(doc) else {
            return Explanation::default();
        };
        let (title_starts, body_starts) = crate::index::token_starts(d);
        let positions = self.mark_positions(engine, doc.0, &body_starts);
        Explanation {
            title: snippet::to_spans(&d.title.text, &title_starts, &positions.0),
            snippet: snippet::best_passage(d, &body_starts, &positions.1),
        }
    }

    /// Matched token ranges `(first, last)` in the title and the body, sorted: the words
    /// and phrases, and the mentions an `entity:` or `type:` filter asked for (so the
    /// snippet of an `entity:"Xi Jinping"` hit shows a passage that names him, marked).
    fn mark_positions(&self, engine: &Engine, doc: u32, body_starts: &[u32]) -> (TokenRanges, TokenRanges) {
        let (mut title, mut body) = (Vec::new(), self.mention_ranges(engine, doc, body_starts));
        let (mut t, mut b) = (Vec::new(), Vec::new());
        for atom in &self.atoms {
            match atom {
                PlannedAtom::Word { terms, field } => {
                    for p in terms.iter().filter_map(|term| term.posting(doc)) {
                        engine.index.positions(p, &mut t, &mut b);
                        title.extend(t.iter().map(|&x| (x, x)));
                        if *field == Field::Any {
                            body.extend(b.iter().map(|&x| (x, x)));
                        }
                    }
                }
                PlannedAtom::Phrase { terms, field, .. } => {
                    let Some(words) = engine.phrase_positions(terms, doc) else {
                        continue;
                    };
                    let last = words.len() as u32 - 1;
                    title.extend(
                        phrase_starts(&words, |w| &w.title)
                            .into_iter()
                            .map(|s| (s, s + last)),
                    );
                    if *field == Field::Any {
                        body.extend(
                            phrase_starts(&words, |w| &w.body)
                                .into_iter()
                                .map(|s| (s, s + last)),
                        );
                    }
                }
            }
        }
        for v in [&mut title, &mut body] {
            v.sort_unstable();
            v.dedup();
        }
        (title, body)
    }
}
