//! Words within a few edits of a typed word, found by walking the word `fst` with an
//! automaton whose state is a row of the edit-distance table (optimal string alignment:
//! insertions, deletions, substitutions, and a swap of two neighbouring letters, each one
//! edit), over characters, not bytes.
//!
//! Written here rather than taken from `levenshtein_automata`: that crate first compiles a
//! DFA for the word, and for two edits that took 4.5 ms natively on a nine-letter word, on
//! the keystroke that completed it. Walking with the table costs one row update per
//! dictionary edge explored, and the walk is pruned as soon as no cell is within reach:
//! tens of microseconds for the same word (docs/BENCHMARKS.md).

use fst::Automaton;

/// Words longer than this (in chars) get no typo tolerance: no real word is that long,
/// and the table row stays a fixed-size array (cheap to copy as automaton state).
pub const MAX_WORD_CHARS: usize = 48;

/// Everything within `max` edits of `word`.
pub struct WithinEdits {
    word: Vec<char>,
    max: u8,
}

/// How far the dictionary word read so far is from every prefix of the typed word.
#[derive(Clone, Debug)]
pub struct EditState {
    /// `row[j]`: edits between the chars read and the first `j` chars of the typed word,
    /// capped at `max + 1`.
    row: [u8; MAX_WORD_CHARS + 1],
    /// The row before the last char, for swaps.
    prev: [u8; MAX_WORD_CHARS + 1],
    last: Option<char>,
    /// Bytes of a char whose UTF-8 encoding is not complete yet.
    pending: [u8; 4],
    pending_len: u8,
}

impl WithinEdits {
    /// `None` when the word is empty or too long for typo tolerance.
    pub fn new(word: &str, max: u8) -> Option<WithinEdits> {
        let word: Vec<char> = word.chars().collect();
        (!word.is_empty() && word.len() <= MAX_WORD_CHARS).then_some(WithinEdits { word, max })
    }

    /// The edits between the typed word and a whole dictionary word, if within `max`.
    pub fn distance(&self, state: &EditState) -> Option<u8> {
        let d = state.row[self.word.len()];
        (state.pending_len == 0 && d <= self.max).then_some(d)
    }

    /// The state after reading one more char of the dictionary word.
    fn step(&self, state: &EditState, c: char) -> EditState {
        let m = self.word.len();
        let cap = self.max + 1;
        let mut next = EditState {
            row: [cap; MAX_WORD_CHARS + 1],
            prev: state.row,
            last: Some(c),
            pending: [0; 4],
            pending_len: 0,
        };
        next.row[0] = state.row[0].saturating_add(1).min(cap);
        for j in 1..=m {
            let substitute = state.row[j - 1] + u8::from(self.word[j - 1] != c);
            let mut best = substitute.min(state.row[j] + 1).min(next.row[j - 1] + 1);
            if j > 1 && state.last == Some(self.word[j - 1]) && c == self.word[j - 2] {
                best = best.min(state.prev[j - 2] + 1);
            }
            next.row[j] = best.min(cap);
        }
        next
    }
}

impl Automaton for WithinEdits {
    type State = EditState;

    fn start(&self) -> EditState {
        let mut row = [self.max + 1; MAX_WORD_CHARS + 1];
        for (j, cell) in row.iter_mut().enumerate().take(self.word.len() + 1) {
            *cell = (j as u8).min(self.max + 1);
        }
        EditState {
            row,
            prev: row,
            last: None,
            pending: [0; 4],
            pending_len: 0,
        }
    }

    fn is_match(&self, state: &EditState) -> bool {
        self.distance(state).is_some()
    }

    fn can_match(&self, state: &EditState) -> bool {
        state.row[..=self.word.len()].iter().any(|&d| d <= self.max)
    }

    fn accept(&self, state: &EditState, byte: u8) -> EditState {
        let mut pending = state.pending;
        let len = usize::from(state.pending_len);
        if len >= pending.len() {
            // Not UTF-8 (the dictionary holds only strings): nothing can match.
            return self.dead(state);
        }
        pending[len] = byte;
        match std::str::from_utf8(&pending[..=len]) {
            Ok(s) => match s.chars().next() {
                Some(c) => self.step(state, c),
                None => self.dead(state),
            },
            Err(e) if e.error_len().is_none() => EditState {
                pending,
                pending_len: state.pending_len + 1,
                ..state.clone()
            },
            Err(_) => self.dead(state),
        }
    }
}

impl WithinEdits {
    /// A state from which nothing matches.
    fn dead(&self, state: &EditState) -> EditState {
        EditState {
            row: [self.max + 1; MAX_WORD_CHARS + 1],
            ..state.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::{IntoStreamer, Set, Streamer};

    fn within(words: &[&str], typed: &str, max: u8) -> Vec<(String, u8)> {
        let mut sorted = words.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        let set = Set::from_iter(sorted).unwrap();
        let automaton = WithinEdits::new(typed, max).unwrap();
        let mut stream = set.search_with_state(&automaton).into_stream();
        let mut out = Vec::new();
        while let Some((word, state)) = stream.next() {
            let d = automaton.distance(&state).unwrap();
            out.push((String::from_utf8(word.to_vec()).unwrap(), d));
        }
        out
    }

    #[test]
    fn one_edit_of_each_kind() {
        let words = ["kremlin", "kremlins", "kremli", "kremlon", "krmelin", "moscow"];
        let found = within(&words, "kremlin", 1);
        assert_eq!(
            found,
            vec![
                ("kremli".to_owned(), 1),   // deletion
                ("kremlin".to_owned(), 0),  // exact
                ("kremlins".to_owned(), 1), // insertion
                ("kremlon".to_owned(), 1),  // substitution
                ("krmelin".to_owned(), 1),  // two neighbours swapped
            ]
        );
    }

    #[test]
    fn two_edits_reach_further_than_one() {
        let words = ["samarkand", "samarkadn", "smarkadn", "tashkent"];
        assert_eq!(within(&words, "samarkand", 1).len(), 2);
        let two = within(&words, "samarkand", 2);
        assert_eq!(two.len(), 3);
        assert!(two.contains(&("smarkadn".to_owned(), 2)));
    }

    #[test]
    fn counts_chars_not_bytes() {
        let words = ["élysée", "elysee", "elysée"];
        let found = within(&words, "elysee", 1);
        assert_eq!(found, vec![("elysee".to_owned(), 0), ("elysée".to_owned(), 1)]);
        assert_eq!(within(&["北京", "南京"], "北京", 1).len(), 2);
    }

    #[test]
    fn refuses_empty_and_overlong_words() {
        assert!(WithinEdits::new("", 1).is_none());
        assert!(WithinEdits::new(&"a".repeat(MAX_WORD_CHARS + 1), 1).is_none());
        assert!(WithinEdits::new(&"a".repeat(MAX_WORD_CHARS), 2).is_some());
    }
}
