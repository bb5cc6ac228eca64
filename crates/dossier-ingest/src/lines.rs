//! A file's text as lines with the shape facts every ingest pass asks about.

use dossier_model::span::Span;
use dossier_model::text::{ends_sentence, word_count};

/// A non-empty line, trimmed of surrounding whitespace (non-breaking spaces included).
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// The trimmed line, in the file's text.
    pub span: Span,
    pub words: usize,
    pub ends_sentence: bool,
}

impl Line {
    /// Body text rather than a label: a full sentence of some length, or simply long.
    pub fn is_content(&self) -> bool {
        (self.words >= 8 && self.ends_sentence) || self.words >= 25
    }
}

/// The non-empty lines of `text`, in order.
pub(crate) fn split_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for raw in text.split('\n') {
        let end = start + raw.len();
        let trimmed = raw.trim_matches(|c: char| c.is_whitespace());
        if !trimmed.is_empty() {
            let lead = raw.len() - raw.trim_start_matches(|c: char| c.is_whitespace()).len();
            let s = start + lead;
            out.push(Line {
                span: Span::new(s, s + trimmed.len()),
                words: word_count(trimmed),
                ends_sentence: ends_sentence(trimmed),
            });
        }
        start = end + 1;
    }
    out
}

/// A bulleted or numbered list item ("- Pay $1,000 fine", "2. Reduce tax").
pub(crate) fn is_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '*' | '\u{2022}' | '\u{2013}' | '\u{2014}') => true,
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(". ") || rest.starts_with(") ")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_trimmed_spans_into_the_text() {
        let text = " date 2022\n\n\u{A0}Body here. \nlast";
        let lines = split_lines(text);
        let got: Vec<&str> = lines.iter().map(|l| &text[l.span.range()]).collect();
        assert_eq!(got, ["date 2022", "Body here.", "last"]);
    }

    #[test]
    fn list_items() {
        assert!(is_list_item("- Have random drug tests"));
        assert!(is_list_item("2. Reduce tax"));
        assert!(!is_list_item("2000 GMT"));
    }
}
