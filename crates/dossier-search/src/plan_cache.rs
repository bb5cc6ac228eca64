//! Planned atoms remembered between queries. Typing changes only the last word, so the
//! words before it, with their postings decoded and scored, are reused at every keystroke;
//! a phrase's occurrences are found once. Bounded by the postings it holds, not by entries,
//! because one common word can hold a posting for every document.

use super::plan::{Occurrence, PlannedTerm};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use std::rc::Rc;

/// Most postings (with their scores) kept before the cache starts afresh: about 20 MB.
const MAX_POSTINGS: usize = 1 << 20;

/// A word as typed; `prefix` adds completions, `fuzzy` typo corrections.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WordKey {
    pub text: String,
    pub prefix: bool,
    pub fuzzy: bool,
}

/// A planned word's alternative terms.
pub type PlannedWord = Rc<[PlannedTerm]>;
/// A planned phrase's words, and the documents where they occur in a row.
pub type PlannedPhrase = (Rc<[PlannedTerm]>, Rc<[Occurrence]>);

#[derive(Debug, Default)]
pub struct PlanCache {
    words: RefCell<HashMap<WordKey, PlannedWord>>,
    phrases: RefCell<HashMap<String, PlannedPhrase>>,
    postings: Cell<usize>,
}

impl PlanCache {
    /// The plan of a word, made by `plan` the first time.
    pub fn word(&self, key: WordKey, plan: impl FnOnce() -> PlannedWord) -> PlannedWord {
        if let Some(found) = self.words.borrow().get(&key) {
            return found.clone();
        }
        let planned = plan();
        self.make_room(postings(&planned));
        self.words.borrow_mut().insert(key, planned.clone());
        planned
    }

    /// The plan of a phrase, made by `plan` the first time.
    pub fn phrase(&self, text: &str, plan: impl FnOnce() -> PlannedPhrase) -> PlannedPhrase {
        if let Some(found) = self.phrases.borrow().get(text) {
            return found.clone();
        }
        let planned = plan();
        self.make_room(postings(&planned.0));
        self.phrases.borrow_mut().insert(text.to_owned(), planned.clone());
        planned
    }

    /// Counts `size` more postings, starting afresh first if they would not fit.
    fn make_room(&self, size: usize) {
        if self.postings.get() + size > MAX_POSTINGS {
            self.words.borrow_mut().clear();
            self.phrases.borrow_mut().clear();
            self.postings.set(0);
        }
        self.postings.set(self.postings.get() + size);
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.words.borrow().len() + self.phrases.borrow().len()
    }
}

fn postings(terms: &[PlannedTerm]) -> usize {
    terms.iter().map(|t| t.postings.len()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(postings: usize) -> PlannedWord {
        let term = PlannedTerm {
            term: 0,
            weight: 1.0,
            postings: vec![crate::index::Posting::counts(0, 1, 0); postings],
            scores: vec![1.0; postings],
        };
        Rc::from(vec![term])
    }

    fn key(text: &str) -> WordKey {
        WordKey {
            text: text.to_owned(),
            prefix: false,
            fuzzy: true,
        }
    }

    #[test]
    fn plans_once_per_key() {
        let cache = PlanCache::default();
        let mut calls = 0;
        for _ in 0..3 {
            cache.word(key("putin"), || {
                calls += 1;
                word(3)
            });
        }
        assert_eq!(calls, 1);
    }

    #[test]
    fn a_word_typed_as_prefix_and_as_exclusion_are_planned_apart() {
        let cache = PlanCache::default();
        cache.word(key("xi"), || word(1));
        let excluded = WordKey {
            text: "xi".to_owned(),
            prefix: false,
            fuzzy: false,
        };
        cache.word(excluded, || word(1));
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn starts_afresh_when_full() {
        let cache = PlanCache::default();
        cache.word(key("a"), || word(MAX_POSTINGS / 2));
        cache.word(key("b"), || word(MAX_POSTINGS / 2));
        assert_eq!(cache.len(), 2);
        cache.word(key("c"), || word(1));
        assert_eq!(cache.len(), 1);
    }
}
