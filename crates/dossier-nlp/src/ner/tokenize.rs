//! Raw text to CoNLL-like tokens with byte offsets, and tokens to sentences.
//!
//! The tagger learned from CoNLL-2003's tokens, so real text must be cut the same way:
//! UAX #29 word boundaries, then CoNLL's conventions on top: abbreviations keep their
//! period ("U.S.", "Mr.", "J."), hyphenated words stay whole ("Franco-German",
//! "1996-08-22"), the possessive "'s" and "n't" are tokens of their own, and every other
//! punctuation mark is a token. Offsets are bytes into the original text, so a mention
//! maps back exactly to what the reader shows.

use dossier_model::span::Span;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// One token of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub span: Span,
    /// Whether a line break separates this token from the one before it.
    pub after_newline: bool,
}

/// Short words that take a period in news text without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "cmdr", "gov",
    "sen", "rep", "rev", "inc", "corp", "ltd", "co", "bros", "vs", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "pres",
];

/// Cuts `text` into tokens (whitespace is never a token).
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out: Vec<Token<'_>> = Vec::new();
    let mut newline = false;
    for (start, piece) in text.split_word_bound_indices() {
        if piece.chars().all(char::is_whitespace) {
            newline |= piece.contains('\n');
            continue;
        }
        let end = start + piece.len();
        let joined = out.last().is_some_and(|t| t.span.end as usize == start);
        if joined && should_join(&out, piece, text, end) {
            if let Some(last) = out.last_mut() {
                last.span = Span::new(last.span.start as usize, end);
                last.text = &text[last.span.range()];
            }
        } else {
            out.push(Token {
                text: piece,
                span: Span::new(start, end),
                after_newline: newline,
            });
        }
        newline = false;
        split_clitic(&mut out, text);
    }
    out
}

/// Whether `piece` (ending at `end`) continues the last token instead of starting one.
fn should_join(out: &[Token<'_>], piece: &str, text: &str, end: usize) -> bool {
    let Some(last) = out.last() else { return false };
    let prev = last.text;
    let wordy = |s: &str| s.chars().next().is_some_and(char::is_alphanumeric);
    match piece {
        // "U.S" + "." or "Mr" + "." or "J" + "." or "..." built from dots.
        "." => {
            prev.chars().all(|c| c == '.')
                || (prev.contains('.') && prev.chars().all(|c| c == '.' || c.is_alphabetic()))
                || (prev.chars().count() == 1 && prev.chars().all(char::is_alphabetic))
                || ABBREVIATIONS.contains(&prev.to_lowercase().as_str())
        }
        // A hyphen between two words: keep it if a word follows with no space.
        "-" => wordy(prev) && text[end..].chars().next().is_some_and(char::is_alphanumeric),
        // The word after such a hyphen.
        _ => prev.ends_with('-') && prev.len() > 1 && wordy(piece),
    }
}

/// Splits "'s" / "’s" and "n't" off the last token, as CoNLL does ("Putin 's", "does n't").
fn split_clitic<'a>(out: &mut Vec<Token<'a>>, text: &'a str) {
    let Some(last) = out.last().copied() else { return };
    let lower = last.text.to_lowercase();
    let clitic = ["'s", "\u{2019}s", "n't", "n\u{2019}t"]
        .into_iter()
        .find(|c| lower.ends_with(c) && lower.len() > c.len());
    let Some(clitic) = clitic else { return };
    let cut = last.span.end as usize - clitic.len();
    if !text.is_char_boundary(cut) {
        return;
    }
    let head = Span::new(last.span.start as usize, cut);
    let tail = Span::new(cut, last.span.end as usize);
    if let Some(slot) = out.last_mut() {
        *slot = Token {
            text: &text[head.range()],
            span: head,
            after_newline: last.after_newline,
        };
    }
    out.push(Token {
        text: &text[tail.range()],
        span: tail,
        after_newline: false,
    });
}

/// Sentences as token ranges: a sentence ends after a standalone ".", "?", "!" or "..."
/// and at every line break (news headlines and datelines carry no final period).
pub fn sentences(tokens: &[Token<'_>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, token) in tokens.iter().enumerate() {
        if token.after_newline && i > start {
            out.push(start..i);
            start = i;
        }
        if matches!(token.text, "." | "?" | "!" | "...") {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text).collect()
    }

    #[test]
    fn cuts_like_conll() {
        assert_eq!(
            texts("Putin's U.S. trip (Franco-German talks) didn't start on 1996-08-22, Mr. Smith said..."),
            [
                "Putin",
                "'s",
                "U.S.",
                "trip",
                "(",
                "Franco-German",
                "talks",
                ")",
                "did",
                "n't",
                "start",
                "on",
                "1996-08-22",
                ",",
                "Mr.",
                "Smith",
                "said",
                "..."
            ]
        );
        assert_eq!(
            texts("J. Smith - 3.5 million, 1,000 \"quoted\""),
            ["J.", "Smith", "-", "3.5", "million", ",", "1,000", "\"", "quoted", "\""]
        );
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "  Xi Jinping’s visit to Samarkand.\nNew line";
        let tokens = tokenize(text);
        for t in &tokens {
            assert_eq!(&text[t.span.range()], t.text);
        }
        assert_eq!(tokens[2].text, "’s");
        assert_eq!(tokens[0].span, Span::new(2, 4));
        let lines: Vec<Vec<&str>> = sentences(&tokens)
            .into_iter()
            .map(|r| tokens[r].iter().map(|t| t.text).collect())
            .collect();
        assert_eq!(
            lines,
            vec![
                vec!["Xi", "Jinping", "’s", "visit", "to", "Samarkand", "."],
                vec!["New", "line"]
            ]
        );
    }

    #[test]
    fn sentence_ends_only_at_standalone_periods() {
        let tokens = tokenize("Mr. Putin met the U.S. envoy. He left");
        let cuts: Vec<_> = sentences(&tokens);
        assert_eq!(cuts, vec![0..7, 7..9]);
    }
}
