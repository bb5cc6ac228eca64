//! From parsed atoms to index terms: exact stems, prefix completions and typo
//! corrections, each with the weight its evidence deserves.

use super::analyze::{fold, Analyzer};
use super::index::{Posting, SearchIndex};
use super::query::Field;
use fst::automaton::Str;
use fst::Automaton;
use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA, SINK_STATE};
use std::cell::OnceCell;
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

/// A term an atom matches, with its postings decoded once for the whole query.
#[derive(Debug, Clone)]
pub struct PlannedTerm {
    pub term: u32,
    pub weight: f32,
    pub postings: Vec<Posting>,
}

impl PlannedTerm {
    /// This term's posting for a document, if it occurs there.
    pub fn posting(&self, doc: u32) -> Option<&Posting> {
        self.postings
            .binary_search_by_key(&doc, |p| p.doc)
            .ok()
            .map(|i| &self.postings[i])
    }
}

/// An atom resolved against the dictionary.
#[derive(Debug, Clone)]
pub enum PlannedAtom {
    /// Alternative terms for one word (the exact term, completions, corrections).
    Word { terms: Vec<PlannedTerm>, field: Field },
    /// Terms that must occur consecutively; empty when a word of it is not in the corpus.
    Phrase { terms: Vec<PlannedTerm>, field: Field },
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

/// Levenshtein automata builders for one and two edits, a transposition counting as one
/// ("Kremlni" is one typo away from "Kremlin"). Building one takes milliseconds, so each
/// is built on first use and kept.
#[derive(Default)]
pub struct Typos {
    builders: [OnceCell<LevenshteinAutomatonBuilder>; 2],
}

impl Typos {
    /// Builds both tables now.
    pub fn warm_up(&self) {
        for d in 1..=2u8 {
            self.builders[usize::from(d - 1)].get_or_init(|| LevenshteinAutomatonBuilder::new(d, true));
        }
    }

    fn dfa(&self, folded: &str, distance: u8) -> DFA {
        let d = distance.clamp(1, 2);
        self.builders[usize::from(d - 1)]
            .get_or_init(|| LevenshteinAutomatonBuilder::new(d, true))
            .build_dfa(folded)
    }
}

/// Lets a Levenshtein DFA walk the `fst` word dictionary.
struct WithinEdits<'a>(&'a DFA);

impl Automaton for WithinEdits<'_> {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

/// Words of the dictionary within `distance` edits of `folded`, with their edit counts.
fn words_within(index: &SearchIndex, typos: &Typos, folded: &str, distance: u8) -> Vec<(String, u32, u8)> {
    let dfa = typos.dfa(folded, distance);
    index
        .words_matching(WithinEdits(&dfa))
        .into_iter()
        .filter_map(|(word, term)| match dfa.eval(&word) {
            Distance::Exact(d) => Some((word, term, d)),
            Distance::AtLeast(_) => None,
        })
        .collect()
}

/// Resolves one typed word to weighted terms.
pub fn expand_word(
    index: &SearchIndex,
    analyzer: &Analyzer,
    typos: &Typos,
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
        for (t, _) in most_frequent(index, index.words_matching(Str::new(&folded).starts_with()), cap) {
            add(t, PREFIX_WEIGHT);
        }
    }
    // A word the corpus has is taken as spelled right: corrections are for words it lacks
    // (which also keeps correctly spelled queries precise and fast).
    let letters = folded.chars().count();
    if fuzzy && letters >= ONE_TYPO_LEN && index.word(&folded).is_none() {
        let distance = if letters >= TWO_TYPOS_LEN { 2 } else { 1 };
        let mut near = words_within(index, typos, &folded, distance);
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
pub fn nearest_word(index: &SearchIndex, typos: &Typos, folded: &str) -> Option<String> {
    words_within(index, typos, folded, 2)
        .into_iter()
        .filter(|&(_, _, d)| d > 0)
        .min_by_key(|(word, t, d)| (*d, std::cmp::Reverse(index.doc_freq(*t)), word.clone()))
        .map(|(word, _, _)| word)
}

/// The `cap` most frequent distinct terms among `words`.
fn most_frequent(index: &SearchIndex, words: Vec<(String, u32)>, cap: usize) -> Vec<(u32, u32)> {
    let mut terms: Vec<(u32, u32)> = words.into_iter().map(|(_, t)| (t, index.doc_freq(t))).collect();
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

/// Turns an expansion into planned terms by reading their postings.
pub fn with_postings(index: &SearchIndex, expansion: &Expansion) -> Vec<PlannedTerm> {
    expansion
        .iter()
        .map(|&(term, weight)| PlannedTerm {
            term,
            weight,
            postings: index.postings(term).collect(),
        })
        .collect()
}
