//! The outlet, where the page names itself: "Press TV's website can also be accessed ...",
//! "LatestLY Staff may not have modified ...", "(c) 2022 Name", "LONDON (Reuters) -".
//!
//! Only lines of page chrome (furniture, footers, disclaimers, datelines) are searched:
//! in the body, "the Tass news agency" is a source, not the outlet.

use dossier_model::span::Span;
use dossier_model::text::{starts_upper, word_spans};

/// Names of at most this many words.
const MAX_NAME_WORDS: usize = 4;

/// An outlet named in `line`, as a byte span of `line`.
pub(crate) fn find_outlet(line: &str) -> Option<Span> {
    possessive_website(line)
        .or_else(|| staff_credit(line))
        .or_else(|| copyright(line))
        .or_else(|| agency_in_brackets(line))
}

/// Capitalised words ending at byte `end` of `line`: at most [`MAX_NAME_WORDS`] of them,
/// stopping at a lower-case word or at punctuation.
fn name_before(line: &str, end: usize) -> Option<Span> {
    let head = line[..end].trim_end();
    let mut start = None;
    for &(pos, word, _) in word_spans(head).iter().rev().take(MAX_NAME_WORDS) {
        if !starts_upper(word) || word.ends_with([',', '.', ':', ';', '(']) {
            break;
        }
        start = Some(pos);
    }
    start.map(|s| Span::new(s, head.len()))
}

fn possessive_website(line: &str) -> Option<Span> {
    for apostrophe in ["\u{2019}s website", "'s website"] {
        if let Some(at) = line.find(apostrophe) {
            return name_before(line, at);
        }
    }
    None
}

fn staff_credit(line: &str) -> Option<Span> {
    let at = line.find(" Staff")?;
    let after = &line[at + " Staff".len()..];
    if after.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    name_before(line, at)
}

fn copyright(line: &str) -> Option<Span> {
    let after_sign = match line.find('\u{A9}') {
        Some(i) => i + '\u{A9}'.len_utf8(),
        None => find_ascii_case_insensitive(line, "copyright")? + "copyright".len(),
    };
    // The name starts at the first word that is not a year or another copyright sign.
    let (name_pos, _, _) = word_spans(&line[after_sign..])
        .into_iter()
        .find(|(_, token, _)| {
            !token
                .chars()
                .all(|c| c.is_ascii_digit() || c == '\u{A9}' || c == '-')
        })?;
    let start = after_sign + name_pos;
    let end = line[start..]
        .find(['.', ',', '|'])
        .map_or(line.len(), |i| start + i);
    let name = line[start..end].trim_end();
    (starts_upper(name) && name.split_whitespace().count() <= MAX_NAME_WORDS)
        .then(|| Span::new(start, start + name.len()))
}

/// Byte offset of an ASCII `needle` in `haystack`, ignoring ASCII case. The offset is a
/// char boundary: an ASCII byte never occurs inside a multi-byte character.
fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// "LONDON (Reuters) -": a news agency in brackets right after a dateline place.
fn agency_in_brackets(line: &str) -> Option<Span> {
    let open = line.find('(')?;
    let close = open + line[open..].find(')')?;
    let inner = &line[open + 1..close];
    let before = line[..open].trim();
    let after = line[close + 1..].trim_start();
    let place_ok = !before.is_empty()
        && before.split_whitespace().count() <= 3
        && before.chars().all(|c| !c.is_lowercase());
    let is_dash = after.starts_with(['-', '\u{2013}', '\u{2014}']);
    (place_ok && is_dash && (1..=2).contains(&inner.split_whitespace().count()) && starts_upper(inner))
        .then(|| Span::new(open + 1, close))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outlet(line: &str) -> Option<&str> {
        find_outlet(line).map(|s| &line[s.range()])
    }

    #[test]
    fn finds_outlets_in_page_chrome() {
        let cases = [
            ("Press TV\u{2019}s website can also be accessed at the following alternate addresses:", Some("Press TV")),
            ("(This is an unedited and auto-generated story from Syndicated News feed, LatestLY Staff may not have modified or edited the content body)", Some("LatestLY")),
            ("\u{A9} 2022 The Washington Post. All rights reserved.", Some("The Washington Post")),
            ("LONDON (Reuters) - Shares fell", Some("Reuters")),
            ("Copyright 2021 Reuters. All rights reserved.", Some("Reuters")),
            ("\u{A9} 2022", None),
            ("\u{130}stanbul copyright", None),
            ("Press TV News Roku", None),
            ("Advertisement", None),
        ];
        for (line, expected) in cases {
            assert_eq!(outlet(line), expected, "{line}");
        }
    }
}
