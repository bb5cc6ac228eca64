//! Text analysis shared by the index builder and the query parser, so a word in a query
//! and the same word in an article always become the same term.
//!
//! A word is a Unicode word (UAX #29, `unicode-segmentation`); it is folded (diacritics
//! removed through canonical decomposition, then lower-cased, typographic apostrophes
//! made plain) and stemmed with the Snowball English stemmer (`rust-stemmers`). Offsets
//! are always byte offsets into the text that was analysed, so hits map back to what the
//! user reads.

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_segmentation::UnicodeSegmentation;

/// One word of an analysed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// Byte offset of the word in the analysed text.
    pub start: usize,
    /// The word as written.
    pub word: &'a str,
    /// Folded form: what prefix and typo matching compare against.
    pub folded: String,
    /// Stemmed folded form: the indexed term.
    pub term: String,
}

/// Folds and stems words. Holding the stemmer avoids rebuilding it per word.
pub struct Analyzer {
    stemmer: Stemmer,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }
}

impl Analyzer {
    /// The words of `text`, in order.
    pub fn tokens<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Token<'a>> + 'a {
        text.unicode_word_indices().map(move |(start, word)| {
            let folded = fold(word);
            let term = self.stem(&folded);
            Token {
                start,
                word,
                folded,
                term,
            }
        })
    }

    /// The term of an already folded word.
    pub fn stem(&self, folded: &str) -> String {
        self.stemmer.stem(folded).into_owned()
    }
}

/// Case and diacritic folding: "Élysée" and "elysee" are the same word, and so are
/// "Putin’s" and "putin's".
///
/// Each character is decomposed canonically and its combining marks dropped: what NFD
/// and then dropping the marks gives (NFD's reordering moves only characters with a
/// combining class, all of them marks: a test holds that). Not `nfd()` itself, whose
/// iterator serves compatibility decomposition too and so links its tables (about 60 KB
/// the page's first wasm would carry for nothing).
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        decompose_canonical(c, |c| match c {
            c if is_combining_mark(c) => {}
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        });
    }
    out
}

/// The end of the word that starts at `start` in `text`: what a highlight covers. The
/// index keeps only where words start; the end is found again by segmenting from there.
pub fn word_end(text: &str, start: usize) -> usize {
    let rest = text.get(start..).unwrap_or("");
    match rest.unicode_word_indices().next() {
        Some((0, word)) => start + word.len(),
        _ => start + rest.chars().next().map_or(0, char::len_utf8),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        Analyzer::default().tokens(text).map(|t| t.term).collect()
    }

    /// Why [`fold`] may decompose character by character: NFD's canonical reordering only
    /// moves characters with a non-zero combining class, and every one is a mark, which
    /// the fold drops. So the fold equals NFD with the marks dropped.
    #[test]
    fn every_character_nfd_would_reorder_is_a_mark_the_fold_drops() {
        use unicode_normalization::char::canonical_combining_class;
        let reordered: Vec<char> = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|&c| canonical_combining_class(c) != 0 && !is_combining_mark(c))
            .collect();
        assert_eq!(reordered, Vec::<char>::new());
    }

    #[test]
    fn the_fold_equals_nfd_with_the_marks_dropped() {
        use unicode_normalization::UnicodeNormalization;
        let by_nfd = |word: &str| -> String {
            word.nfd()
                .filter(|&c| !is_combining_mark(c))
                .flat_map(|c| match c {
                    '\u{2019}' | '\u{2018}' | '\u{02BC}' => "'".chars().collect::<Vec<_>>(),
                    c => c.to_lowercase().collect(),
                })
                .collect()
        };
        // Every character alone, then runs with marks in both orders.
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let word = c.to_string();
            assert_eq!(fold(&word), by_nfd(&word), "{:?}", c);
        }
        for word in [
            "Élysée",
            "Ǻngström",
            "q\u{0323}\u{0307}",
            "q\u{0307}\u{0323}",
            "한국어",
            "Ώρα",
            "ﬁnance",
            "Ⅻ",
            "Putin’s",
        ] {
            assert_eq!(fold(word), by_nfd(word), "{word:?}");
        }
    }

    #[test]
    fn folds_case_diacritics_and_apostrophes() {
        assert_eq!(fold("Élysée"), "elysee");
        assert_eq!(fold("Putin’s"), "putin's");
        assert_eq!(fold("SCO"), "sco");
    }

    #[test]
    fn stems_so_inflections_meet() {
        assert_eq!(terms("Elections elected"), terms("election elect"));
        assert_eq!(terms("Putin's"), terms("Putin"));
        assert_eq!(terms("meeting"), vec!["meet"]);
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "Xi Jinping met Vladimir Putin in Samarkand.";
        for t in Analyzer::default().tokens(text) {
            assert_eq!(&text[t.start..word_end(text, t.start)], t.word);
        }
    }

    #[test]
    fn keeps_numbers_and_drops_punctuation() {
        assert_eq!(
            terms("On 2022-09-15, the SCO (Shanghai) summit!"),
            vec!["on", "2022", "09", "15", "the", "sco", "shanghai", "summit"]
        );
    }
}
