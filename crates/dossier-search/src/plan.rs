//! From parsed atoms to index terms: exact stems, prefix completions and typo
//! corrections, each with the weight its evidence deserves.

use super::analyze::{fold, Analyzer};
use super::index::{Posting, SearchIndex};
use super::query::Field;
use super::score::{Bm25f, Fields};
use super::typo::WithinEdits;
use fst::automaton::Str;
use fst::Automaton;
use std::rc::Rc;
use unicode_segmentation::UnicodeSegmentation;

/// Weight of a word the typed word is a prefix of (the user has not finished typing).
pub const PREFIX_WEIGHT: f32 = 0.8;
/// Weight of a word one edit away; two edits weigh half of that.
pub const TYPO_WEIGHT: f32 = 0.5;
/// Words of at least this many letters tolerate one typo...
pub const ONE_TYPO_LEN: usize = 5;
/// ...and of at least this many, two.
pub const TWO_TYPOS_LEN: usize = 9;
/// A word being typed is completed only from this many letters on: a single letter would
/// match most of the corpus and tell the ranking nothing.
pub const MIN_PREFIX_LEN: usize = 2;
/// Most completions a prefix expands to, per typed character (the most frequent win).
const PREFIX_TERMS_PER_CHAR: usize = 4;
const MAX_PREFIX_TERMS: usize = 32;
const MAX_TYPO_TERMS: usize = 16;

/// A term an atom matches, with its postings decoded and scored once: planned atoms are
/// cached between queries, so a word's postings are read from the index the first time it
/// is searched, not at every keystroke.
#[derive(Debug, Clone)]
pub struct PlannedTerm {
    pub term: u32,
    pub weight: f32,
    pub postings: Vec<Posting>,
    /// Per posting, `weight` times its BM25F score over title and body.
    pub scores: Vec<f32>,
}

impl PlannedTerm {
    /// Reads the term's postings and scores each over both fields.
    pub fn new(index: &SearchIndex, bm25f: &Bm25f, term: u32, weight: f32) -> PlannedTerm {
        let postings: Vec<Posting> = index.postings(term).collect();
        let idf = bm25f.idf(postings.len());
        let scores = postings
            .iter()
            .map(|p| weight * bm25f.score(idf, p.doc, p.tf_title, p.tf_body, Fields::TitleAndBody))
            .collect();
        PlannedTerm {
            term,
            weight,
            postings,
            scores,
        }
    }

    /// This term's posting for a document, if it occurs there.
    pub fn posting(&self, doc: u32) -> Option<&Posting> {
        self.postings
            .binary_search_by_key(&doc, |p| p.doc)
            .ok()
            .map(|i| &self.postings[i])
    }
}

/// Where a phrase occurs: one document, with how often in its title and its body.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Occurrence {
    pub doc: u32,
    pub tf_title: u32,
    pub tf_body: u32,
    /// BM25F over title and body, the phrase scored as one term.
    pub score: f32,
}

/// An atom resolved against the dictionary. The resolved parts are shared (`Rc`) with the
/// engine's plan cache.
#[derive(Debug, Clone)]
pub enum PlannedAtom {
    /// Alternative terms for one word (the exact term, completions, corrections).
    Word { terms: Rc<[PlannedTerm]>, field: Field },
    /// Terms that must occur consecutively (empty when a word of it is not in the corpus),
    /// and the documents where they do.
    Phrase {
        terms: Rc<[PlannedTerm]>,
        occurrences: Rc<[Occurrence]>,
        field: Field,
    },
}

impl PlannedAtom {
    pub fn terms(&self) -> &[PlannedTerm] {
        match self {
            PlannedAtom::Word { terms, .. } | PlannedAtom::Phrase { terms, .. } => terms,
        }
    }

    pub fn field(&self) -> Field {
        match self {
            PlannedAtom::Word { field, .. } | PlannedAtom::Phrase { field, .. } => *field,
        }
    }
}

/// Alternative terms for a word, before postings are read: `(term, weight)`.
pub type Expansion = Vec<(u32, f32)>;

/// Words of the dictionary within `distance` edits of `folded`, with their edit counts.
fn words_within(index: &SearchIndex, folded: &str, distance: u8) -> Vec<(String, u32, u8)> {
    match WithinEdits::new(folded, distance) {
        Some(automaton) => index.words_within(&automaton),
        None => Vec::new(),
    }
}

/// Resolves one typed word to weighted terms.
pub fn expand_word(
    index: &SearchIndex,
    analyzer: &Analyzer,
    word: &str,
    prefix: bool,
    fuzzy: bool,
) -> Expansion {
    let folded = fold(word);
    let mut out: Expansion = Vec::new();
    let mut add = |term: u32, weight: f32| match out.iter_mut().find(|(t, _)| *t == term) {
        Some((_, w)) => *w = w.max(weight),
        None => out.push((term, weight)),
    };
    if let Some(t) = index.term(&analyzer.stem(&folded)) {
        add(t, 1.0);
    }
    if prefix && folded.chars().count() >= MIN_PREFIX_LEN {
        let cap = (folded.chars().count() * PREFIX_TERMS_PER_CHAR).min(MAX_PREFIX_TERMS);
        for (t, _) in most_frequent(index, index.terms_matching(Str::new(&folded).starts_with()), cap) {
            add(t, PREFIX_WEIGHT);
        }
    }
    // A word the corpus has is taken as spelled right: corrections are for words it lacks
    // (which also keeps correctly spelled queries precise and fast).
    let letters = folded.chars().count();
    if fuzzy && letters >= ONE_TYPO_LEN && index.word(&folded).is_none() {
        let distance = if letters >= TWO_TYPOS_LEN { 2 } else { 1 };
        let mut near = words_within(index, &folded, distance);
        near.retain(|&(_, _, d)| d > 0);
        near.sort_unstable_by_key(|&(_, t, d)| (d, std::cmp::Reverse(index.doc_freq(t))));
        for (_, t, d) in near.into_iter().take(MAX_TYPO_TERMS) {
            add(t, TYPO_WEIGHT / f32::from(d));
        }
    }
    out
}

/// The word nearest to `folded` (one edit, else two), the most frequent on a tie: what
/// "did you mean" offers.
pub fn nearest_word(index: &SearchIndex, folded: &str) -> Option<String> {
    words_within(index, folded, 2)
        .into_iter()
        .filter(|&(_, _, d)| d > 0)
        .min_by_key(|(word, t, d)| (*d, std::cmp::Reverse(index.doc_freq(*t)), word.clone()))
        .map(|(word, _, _)| word)
}

/// The `cap` most frequent distinct terms among `terms`.
fn most_frequent(index: &SearchIndex, terms: Vec<u32>, cap: usize) -> Vec<(u32, u32)> {
    let mut terms: Vec<(u32, u32)> = terms.into_iter().map(|t| (t, index.doc_freq(t))).collect();
    terms.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    terms.dedup_by_key(|(t, _)| *t);
    terms.truncate(cap);
    terms
}

/// The exact terms of a phrase, in order; `None` when one of its words is not indexed.
pub fn phrase_terms(index: &SearchIndex, analyzer: &Analyzer, text: &str) -> Option<Vec<u32>> {
    text.unicode_words()
        .map(|w| index.term(&analyzer.stem(&fold(w))))
        .collect()
}
