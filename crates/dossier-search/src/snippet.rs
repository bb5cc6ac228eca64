//! Snippets and highlight spans: token positions back to byte spans of the text the user
//! reads, and the passage of a hit that best shows why it matched.

use super::analyze::word_end;
use dossier_model::document::Document;
use dossier_model::span::Span;

/// Tokens shown before the first match of a snippet.
const LEAD_TOKENS: u32 = 8;
/// Length of a snippet, in tokens.
const SNIPPET_TOKENS: u32 = 32;

/// A passage of a document's text with the matches marked. Marks are byte spans into
/// `text`; the UI renders them as elements, never as markup strings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub marks: Vec<Span>,
    /// The passage starts after the start of its paragraph (show an ellipsis).
    pub cut_before: bool,
    /// The passage ends before the end of its paragraph.
    pub cut_after: bool,
}

/// Token ranges `(first, last)` as byte spans of `text`, given where each token starts.
pub fn to_spans(text: &str, starts: &[u32], ranges: &[(u32, u32)]) -> Vec<Span> {
    ranges
        .iter()
        .filter_map(|&(first, last)| {
            let start = *starts.get(first as usize)? as usize;
            let last_start = *starts.get(last as usize)? as usize;
            Some(Span::new(start, word_end(text, last_start)))
        })
        .collect()
}

/// The window of the body with the most distinct matches (then the most matches), cut
/// to its paragraph. Without body matches (a title-only hit), the lead of the body.
pub fn best_passage(doc: &Document, starts: &[u32], ranges: &[(u32, u32)]) -> Snippet {
    if starts.is_empty() {
        return Snippet::default();
    }
    // A position past the document's tokens can only come from damaged postings (the
    // store checks spans, not every posting): fall back to the lead, never index past.
    let anchor = best_window(ranges)
        .filter(|&a| (a as usize) < starts.len())
        .unwrap_or(0);
    let anchor_byte = starts[anchor as usize];
    let paragraph = doc
        .paragraphs
        .iter()
        .find(|p| p.start <= anchor_byte && anchor_byte < p.end)
        .copied()
        .unwrap_or(Span::new(0, doc.text.len()));
    let in_paragraph = |i: u32| {
        starts
            .get(i as usize)
            .is_some_and(|&s| paragraph.start <= s && s < paragraph.end)
    };
    let mut first = anchor.saturating_sub(LEAD_TOKENS);
    while !in_paragraph(first) && first < anchor {
        first += 1;
    }
    let mut last = (first + SNIPPET_TOKENS - 1).min(starts.len() as u32 - 1);
    while !in_paragraph(last) && last > anchor {
        last -= 1;
    }
    let start = starts[first as usize] as usize;
    let end = word_end(&doc.text, starts[last as usize] as usize).min(paragraph.end as usize);
    let text = doc.text[start..end].to_owned();
    let marks = to_spans(&doc.text, starts, ranges)
        .into_iter()
        .filter(|m| m.start as usize >= start && m.end as usize <= end)
        .map(|m| Span::new(m.start as usize - start, m.end as usize - start))
        .collect();
    Snippet {
        text,
        marks,
        cut_before: first > 0 && starts[first as usize - 1] >= paragraph.start,
        cut_after: (last as usize + 1) < starts.len() && starts[last as usize + 1] < paragraph.end,
    }
}

/// The first token of the window of `SNIPPET_TOKENS - LEAD_TOKENS` tokens holding the
/// most distinct matched ranges.
fn best_window(ranges: &[(u32, u32)]) -> Option<u32> {
    let width = SNIPPET_TOKENS - LEAD_TOKENS;
    let mut best: Option<(usize, u32)> = None;
    let mut j = 0;
    for i in 0..ranges.len() {
        while j < ranges.len() && ranges[j].1 < ranges[i].0.saturating_add(width) {
            j += 1;
        }
        let count = j - i;
        if best.is_none_or(|(c, _)| count > c) {
            best = Some((count, ranges[i].0));
        }
    }
    best.map(|(_, first)| first)
}
