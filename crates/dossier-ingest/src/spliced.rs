//! Headlines of unrelated stories that a scraper glued into a paragraph ("... after a
//! swift Ukrainian counteroffensive. Queen Elizabeth II Funeral: 500 Foreign VIPs Expected
//! at Queen's Final Rites, No Invitation to Russia.").
//!
//! The signal is title case inside running prose: a sentence whose significant words are
//! all capitalised, with at most a couple of commas (a line-up is a list, not a headline), in a paragraph of ordinary sentences. Sentences come from
//! Unicode sentence segmentation (UAX #29).

use dossier_model::text::{bare_lower, is_minor_word, starts_upper};
use unicode_segmentation::UnicodeSegmentation;

/// Fewer significant words than this is too little evidence ("Xi Met Putin.").
const MIN_SIGNIFICANT_WORDS: usize = 8;
/// A headline has at most a couple of commas; a line-up or a list of names has many.
const MAX_LIST_SEPARATORS: usize = 2;

/// Byte ranges (into `paragraph`) of sentences that read as spliced-in headlines.
pub(crate) fn spliced_headlines(paragraph: &str) -> Vec<(usize, usize)> {
    // Sentence segmentation is the costly part of ingest; most paragraphs cannot hold a
    // title-case sentence at all, and a cheap word scan tells.
    if longest_capitalised_run(paragraph) < MIN_SIGNIFICANT_WORDS {
        return Vec::new();
    }
    let sentences: Vec<(usize, &str)> = paragraph.split_sentence_bound_indices().collect();
    if sentences.len() < 2 {
        return Vec::new();
    }
    sentences
        .into_iter()
        .filter(|(_, s)| is_title_case_sentence(s))
        .map(|(start, s)| (start, start + s.trim_end().len()))
        .collect()
}

/// The most significant words in a row with no lower-case significant word between them: a
/// title-case sentence needs [`MIN_SIGNIFICANT_WORDS`] of them.
fn longest_capitalised_run(paragraph: &str) -> usize {
    let (mut run, mut longest) = (0, 0);
    for word in paragraph.split_whitespace() {
        let bare = bare_lower(word);
        if bare.is_empty() || !bare.chars().any(char::is_alphabetic) || is_minor_word(&bare) {
            continue;
        }
        if starts_upper(word) {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    longest
}

fn is_title_case_sentence(sentence: &str) -> bool {
    let s = sentence.trim();
    if s.starts_with(['"', '\u{201C}', '\'', '\u{2018}', '(']) {
        return false;
    }
    if s.matches([',', ';']).count() + s.matches(" - ").count() > MAX_LIST_SEPARATORS {
        return false;
    }
    let mut significant = 0usize;
    let mut capitalised = 0usize;
    for word in s.split_whitespace() {
        let bare = bare_lower(word);
        if bare.is_empty() || !bare.chars().any(char::is_alphabetic) || is_minor_word(&bare) {
            continue;
        }
        significant += 1;
        if starts_upper(word) {
            capitalised += 1;
        }
    }
    significant >= MIN_SIGNIFICANT_WORDS && capitalised == significant
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(paragraph: &str) -> Vec<&str> {
        spliced_headlines(paragraph)
            .into_iter()
            .map(|(s, e)| &paragraph[s..e])
            .collect()
    }

    #[test]
    fn finds_a_title_case_headline_after_prose() {
        let p = "On Saturday, CNN reported that Russian troops were forced to flee the strategic city of Izium. Queen Elizabeth II Funeral: 500 Foreign VIPs Expected at Queen's Final Rites, No Invitation to Russia.";
        assert_eq!(
            found(p),
            ["Queen Elizabeth II Funeral: 500 Foreign VIPs Expected at Queen's Final Rites, No Invitation to Russia."]
        );
    }

    #[test]
    fn sentences_full_of_names_are_prose() {
        let p = "He added more. Chinese leader Xi Jinping and Russian President Vladimir Putin is expected to meet on the sidelines of a summit in Uzbekistan.";
        assert!(found(p).is_empty());
    }

    #[test]
    fn line_ups_and_lists_of_names_are_not_headlines() {
        let p = "He scored twice. Subs Not Used: Morris, Wardley, Newey, Zakuani, McMahon.";
        assert!(found(p).is_empty());
        let p = "It was tight. Chancellor Gordon Brown and Transport Secretary Alistair Darling promoted the news in Edinburgh.";
        assert!(found(p).is_empty());
    }

    #[test]
    fn a_lone_title_case_line_is_not_spliced() {
        assert!(found("The Shape Of The UK Economy In Graphics And Charts Today.").is_empty());
    }
}
