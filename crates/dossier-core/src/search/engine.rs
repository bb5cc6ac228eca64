//! Runs a query over the index: BM25F over title and body, a proximity boost, exclusions
//! and filters, and "did you mean" when nothing matches.
//!
//! Scoring (also in ARCHITECTURE.md). For a term `t` and document `d`:
//! `idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5))`,
//! `tf~ = W_TITLE * tf_title / (1 - B_TITLE + B_TITLE * len_title / avg_title)
//!      + tf_body / (1 - B_BODY + B_BODY * len_body / avg_body)`,
//! `score = weight * idf * tf~ * (K1 + 1) / (K1 + tf~)`.
//! A word's score is the best of its alternatives (exact 1.0, completion 0.8, typo 0.5
//! or 0.25); a phrase is scored as one term with its own frequency and document count;
//! an OR group scores its best atom; a document's score is the sum over groups. The top
//! [`PROXIMITY_RERANK`] documents are then boosted by up to [`PROXIMITY_WEIGHT`] when the
//! query's groups occur close together. Ties go to the newer document, then the earlier.

use super::analyze::Analyzer;
use super::index::{Positions, Posting, SearchIndex};
use super::plan::{
    expand_word, nearest_word, phrase_terms, with_postings, Expansion, PlannedAtom, PlannedTerm, Typos,
};
use super::query::{parse, Atom, AtomKind, Field, Query};
use super::snippet::{self, Snippet};
use crate::document::{Corpus, DocId};
use crate::span::Span;
use std::cell::RefCell;
use std::collections::HashMap;

pub const K1: f32 = 1.2;
pub const B_TITLE: f32 = 0.5;
pub const B_BODY: f32 = 0.75;
pub const W_TITLE: f32 = 3.0;
/// At most this much is added (as a fraction of the score) for adjacent query words.
pub const PROXIMITY_WEIGHT: f32 = 0.25;
/// Words further apart than this many positions earn no proximity boost.
pub const PROXIMITY_WINDOW: u32 = 10;
/// How many of the best documents are re-ranked by proximity.
pub const PROXIMITY_RERANK: usize = 200;
/// Word expansions remembered between keystrokes (typing changes only the last word).
const EXPANSION_CACHE: usize = 512;

/// The corpus and its index, with the state that makes repeated searches cheap.
pub struct Engine {
    corpus: Corpus,
    index: SearchIndex,
    analyzer: Analyzer,
    typos: Typos,
    expansions: RefCell<HashMap<(String, bool), Expansion>>,
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
}

impl Engine {
    pub fn new(corpus: Corpus, index: SearchIndex) -> Engine {
        Engine {
            corpus,
            index,
            analyzer: Analyzer::default(),
            typos: Typos::default(),
            expansions: RefCell::new(HashMap::new()),
        }
    }

    /// Builds what the first typo-tolerant query would otherwise build (the Levenshtein
    /// automaton tables, a few milliseconds): the app calls it once the page is idle.
    pub fn warm_up(&self) {
        self.typos.warm_up();
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// Parses and runs `input`; `typing` matches the last word as a prefix too.
    pub fn search(&self, input: &str, typing: bool) -> SearchResults {
        let mut results = self.run(parse(input, typing));
        if results.hits.is_empty() {
            results.suggestion = self.suggest(input, &results.query);
        }
        results
    }

    /// Runs a parsed query.
    pub fn run(&self, query: Query) -> SearchResults {
        let atoms_of = |group: &[Atom]| group.iter().map(|a| self.plan(a, true)).collect::<Vec<_>>();
        let groups: Vec<Vec<PlannedAtom>> = query.groups.iter().map(|g| atoms_of(g)).collect();
        let n = self.corpus.documents.len();

        let mut allowed: Vec<bool> = (0..n).map(|d| self.passes_filters(&query, d)).collect();
        for atom in &query.excluded {
            let planned = self.plan(atom, false);
            for (doc, _) in self.atom_scores(&planned, None) {
                allowed[doc as usize] = false;
            }
        }

        let mut hits: Vec<Hit> = if groups.is_empty() {
            if query.excluded.is_empty() && query.outlets.is_empty() && query.date.is_none() {
                Vec::new()
            } else {
                (0..n)
                    .filter(|&d| allowed[d])
                    .map(|d| Hit {
                        doc: DocId(d as u32),
                        score: 0.0,
                    })
                    .collect()
            }
        } else {
            self.score_groups(&groups, &allowed)
        };
        self.boost_proximity(&groups, &mut hits);
        let published = |doc: DocId| {
            self.corpus
                .document(doc)
                .and_then(|d| d.published)
                .and_then(|p| p.date.year.map(|y| (y, p.date.month, p.date.day)))
        };
        hits.sort_unstable_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| published(b.doc).cmp(&published(a.doc)))
                .then(a.doc.cmp(&b.doc))
        });
        SearchResults {
            query,
            hits,
            suggestion: None,
            atoms: groups.into_iter().flatten().collect(),
        }
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
        match atom.kind {
            AtomKind::Word { prefix } => {
                let key = (atom.text.clone(), prefix && fuzzy);
                let cached = self.expansions.borrow().get(&key).cloned();
                let expansion = cached.unwrap_or_else(|| {
                    let (index, analyzer, typos) = (&self.index, &self.analyzer, &self.typos);
                    let e = expand_word(index, analyzer, typos, &atom.text, prefix && fuzzy, fuzzy);
                    let mut cache = self.expansions.borrow_mut();
                    if cache.len() >= EXPANSION_CACHE {
                        cache.clear();
                    }
                    cache.insert(key, e.clone());
                    e
                });
                PlannedAtom::Word {
                    terms: with_postings(&self.index, &expansion),
                    field: atom.field,
                }
            }
            AtomKind::Phrase => {
                let terms = phrase_terms(&self.index, &self.analyzer, &atom.text)
                    .map(|ts| ts.into_iter().map(|t| (t, 1.0)).collect::<Expansion>())
                    .map(|e| with_postings(&self.index, &e))
                    .unwrap_or_default();
                PlannedAtom::Phrase {
                    terms,
                    field: atom.field,
                }
            }
        }
    }

    /// Documents matching every group, with their summed scores.
    fn score_groups(&self, groups: &[Vec<PlannedAtom>], allowed: &[bool]) -> Vec<Hit> {
        let n = allowed.len();
        let mut total = vec![0f32; n];
        let mut matched = vec![0u16; n];
        let mut group_best = vec![f32::NEG_INFINITY; n];
        let mut touched: Vec<u32> = Vec::new();
        for group in groups {
            touched.clear();
            for atom in group {
                for (doc, score) in self.atom_scores(atom, Some(allowed)) {
                    let best = &mut group_best[doc as usize];
                    if *best == f32::NEG_INFINITY {
                        touched.push(doc);
                    }
                    *best = best.max(score);
                }
            }
            for &doc in &touched {
                let d = doc as usize;
                total[d] += group_best[d];
                matched[d] += 1;
                group_best[d] = f32::NEG_INFINITY;
            }
        }
        let need = groups.len() as u16;
        (0..n)
            .filter(|&d| matched[d] == need)
            .map(|d| Hit {
                doc: DocId(d as u32),
                score: total[d],
            })
            .collect()
    }

    /// Every document an atom matches, with its score (unordered).
    fn atom_scores(&self, atom: &PlannedAtom, allowed: Option<&[bool]>) -> Vec<(u32, f32)> {
        let ok = |doc: u32| allowed.is_none_or(|a| a.get(doc as usize).copied().unwrap_or(false));
        let title_only = atom.field() == Field::Title;
        match atom {
            PlannedAtom::Word { terms, .. } => {
                let mut out: HashMap<u32, f32> = HashMap::new();
                if terms.len() == 1 {
                    let t = &terms[0];
                    let idf = self.idf(t.postings.len());
                    return t
                        .postings
                        .iter()
                        .filter(|p| ok(p.doc) && (!title_only || p.tf_title > 0))
                        .map(|p| (p.doc, t.weight * self.bm25f(idf, p, title_only)))
                        .collect();
                }
                for t in terms {
                    let idf = self.idf(t.postings.len());
                    for p in t
                        .postings
                        .iter()
                        .filter(|p| ok(p.doc) && (!title_only || p.tf_title > 0))
                    {
                        let s = t.weight * self.bm25f(idf, p, title_only);
                        let e = out.entry(p.doc).or_insert(s);
                        *e = e.max(s);
                    }
                }
                out.into_iter().collect()
            }
            PlannedAtom::Phrase { terms, .. } => {
                let occurrences = self.phrase_occurrences(terms, &ok);
                let idf = self.idf(occurrences.len());
                occurrences
                    .into_iter()
                    .filter(|o| !title_only || o.1 > 0)
                    .map(|(doc, tf_title, tf_body)| {
                        let p = Posting::counts(doc, tf_title, if title_only { 0 } else { tf_body });
                        (doc, self.bm25f(idf, &p, title_only))
                    })
                    .collect()
            }
        }
    }

    /// Documents where the phrase occurs, with how often in the title and in the body.
    /// Candidates come from the rarest word's postings; positions are decoded only for
    /// documents holding every word.
    fn phrase_occurrences(&self, terms: &[PlannedTerm], ok: &dyn Fn(u32) -> bool) -> Vec<(u32, u32, u32)> {
        let Some(rarest) = terms.iter().min_by_key(|t| t.postings.len()) else {
            return Vec::new();
        };
        rarest
            .postings
            .iter()
            .filter(|p| ok(p.doc) && terms.iter().all(|t| t.posting(p.doc).is_some()))
            .filter_map(|p| {
                let words = self.phrase_positions(terms, p.doc)?;
                let in_title = phrase_starts(&words, |w| &w.title).len() as u32;
                let in_body = phrase_starts(&words, |w| &w.body).len() as u32;
                (in_title + in_body > 0).then_some((p.doc, in_title, in_body))
            })
            .collect()
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

    fn idf(&self, df: usize) -> f32 {
        let n = self.corpus.documents.len() as f32;
        let df = df as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    fn bm25f(&self, idf: f32, p: &Posting, title_only: bool) -> f32 {
        let norm = |len: u32, avg: f32, b: f32| 1.0 - b + b * len as f32 / avg;
        let title = W_TITLE * p.tf_title as f32
            / norm(self.index.title_len(p.doc), self.index.avg_title_len(), B_TITLE);
        let body = if title_only {
            0.0
        } else {
            p.tf_body as f32 / norm(self.index.body_len(p.doc), self.index.avg_body_len(), B_BODY)
        };
        let tf = title + body;
        idf * tf * (K1 + 1.0) / (K1 + tf)
    }

    /// Boosts the best documents whose query groups occur near each other.
    fn boost_proximity(&self, groups: &[Vec<PlannedAtom>], hits: &mut [Hit]) {
        if groups.len() < 2 || hits.is_empty() {
            return;
        }
        let top = PROXIMITY_RERANK.min(hits.len());
        if top < hits.len() {
            hits.select_nth_unstable_by(top - 1, |a, b| b.score.total_cmp(&a.score));
        }
        for hit in &mut hits[..top] {
            let positions: Vec<(Vec<u32>, Vec<u32>)> = groups
                .iter()
                .map(|g| self.group_positions(g, hit.doc.0))
                .collect();
            let mut bonus = 0.0;
            for pair in positions.windows(2) {
                let gap = min_gap(&pair[0].0, &pair[1].0).min(min_gap(&pair[0].1, &pair[1].1));
                if gap <= PROXIMITY_WINDOW {
                    bonus += 1.0 - (gap.saturating_sub(1)) as f32 / PROXIMITY_WINDOW as f32;
                }
            }
            hit.score *= 1.0 + PROXIMITY_WEIGHT * bonus / (positions.len() - 1) as f32;
        }
    }

    /// Title and body positions where any term of the group occurs in the document.
    fn group_positions(&self, group: &[PlannedAtom], doc: u32) -> (Vec<u32>, Vec<u32>) {
        let (mut title, mut body) = (Vec::new(), Vec::new());
        let (mut t, mut b) = (Vec::new(), Vec::new());
        for atom in group {
            for term in atom.terms() {
                if let Some(p) = term.posting(doc) {
                    self.index.positions(p, &mut t, &mut b);
                    title.extend_from_slice(&t);
                    body.extend_from_slice(&b);
                }
            }
        }
        title.sort_unstable();
        body.sort_unstable();
        (title, body)
    }

    /// A corrected query that finds something: each word the corpus lacks is replaced by
    /// its nearest frequent word.
    fn suggest(&self, input: &str, query: &Query) -> Option<String> {
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
            if let Some(word) = nearest_word(&self.index, &self.typos, &folded) {
                corrected = replace_word(&corrected, &atom.text, &word);
                changed = true;
            }
        }
        (changed && !self.run(parse(&corrected, false)).hits.is_empty()).then_some(corrected)
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
                .all(|(k, w)| field(w).binary_search(&(s + k as u32 + 1)).is_ok())
        })
        .collect()
}

/// The smallest distance between a position in `a` and one in `b` (both sorted).
fn min_gap(a: &[u32], b: &[u32]) -> u32 {
    let (mut i, mut j, mut best) = (0, 0, u32::MAX);
    while i < a.len() && j < b.len() {
        best = best.min(a[i].abs_diff(b[j]));
        if a[i] < b[j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    best
}

impl SearchResults {
    /// Every place the query matched in a document (any document, hit or not).
    pub fn marks(&self, engine: &Engine, doc: DocId) -> DocMarks {
        let positions = self.mark_positions(engine, doc.0);
        let (title_starts, body_starts) = engine.index.token_starts(doc.0);
        let Some(d) = engine.corpus.document(doc) else {
            return DocMarks::default();
        };
        DocMarks {
            title: snippet::to_spans(&d.title.text, &title_starts, &positions.0),
            body: snippet::to_spans(&d.text, &body_starts, &positions.1),
        }
    }

    /// What a result row shows: the title's marks and the best passage of the body, in
    /// one pass over the document's positions.
    pub fn explain(&self, engine: &Engine, doc: DocId) -> Explanation {
        let positions = self.mark_positions(engine, doc.0);
        let (title_starts, body_starts) = engine.index.token_starts(doc.0);
        match engine.corpus.document(doc) {
            Some(d) => Explanation {
                title: snippet::to_spans(&d.title.text, &title_starts, &positions.0),
                snippet: snippet::best_passage(d, &body_starts, &positions.1),
            },
            None => Explanation::default(),
        }
    }

    /// Matched token ranges `(first, last)` in the title and the body, sorted.
    fn mark_positions(&self, engine: &Engine, doc: u32) -> (TokenRanges, TokenRanges) {
        let (mut title, mut body) = (Vec::new(), Vec::new());
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
                PlannedAtom::Phrase { terms, field } => {
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
