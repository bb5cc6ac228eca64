//! Small text helpers shared by the ingest passes and date parsing: words, counts, casing
//! and line normalisation, in the words of news text.

/// Words of a line, split on whitespace (good enough for counting and shape tests; search
/// uses proper Unicode segmentation).
pub fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split_whitespace()
}

/// Whitespace-separated words of `s` as (start, word, end), byte offsets into `s`.
pub fn word_spans(s: &str) -> Vec<(usize, &str, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                out.push((st, &s[st..i], i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..], s.len()));
    }
    out
}

pub fn word_count(s: &str) -> usize {
    words(s).count()
}

/// Lower-cased word with surrounding punctuation removed, for vocabulary lookups.
pub fn bare_lower(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
}

/// Does the line end like a sentence (full stop, question or exclamation mark, possibly
/// inside closing quotes or brackets)?
pub fn ends_sentence(s: &str) -> bool {
    let trimmed = s.trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}', ')', ']', ' ']);
    matches!(trimmed.chars().last(), Some('.' | '!' | '?' | '\u{2026}'))
}

/// Ends with a full stop (not a teaser's ellipsis "..."): a sentence, never a headline.
pub fn ends_with_full_stop(s: &str) -> bool {
    s.ends_with('.') && !s.ends_with("...")
}

/// A text normalised for equality tests between lines: case-folded, whitespace collapsed,
/// typographic apostrophes and non-breaking spaces unified.
pub fn normalise_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace() || c == '\u{A0}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '\u{2019}' | '\u{2018}' => out.push('\''),
                '\u{201C}' | '\u{201D}' => out.push('"'),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

/// Function words that stay lower-case in English title case.
pub fn is_minor_word(lower: &str) -> bool {
    matches!(
        lower,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "by"
            | "with"
            | "from"
            | "as"
            | "vs"
            | "via"
            | "into"
            | "over"
            | "per"
    )
}

pub fn starts_upper(word: &str) -> bool {
    word.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_endings_see_through_quotes() {
        assert!(ends_sentence("he said.\u{201D}"));
        assert!(ends_sentence("Really?"));
        assert!(!ends_sentence("SHARE THIS ARTICLE"));
        assert!(!ends_sentence("the following addresses:"));
    }

    #[test]
    fn normalised_lines_ignore_case_and_apostrophe_style() {
        assert_eq!(
            normalise_line("Russia\u{2019}s  Putin\u{A0}Speaks"),
            "russia's putin speaks"
        );
    }
}
