//! Sentences of a document: the unit quotes, dated mentions and co-occurrence are read in.
//!
//! UAX #29 sentence boundaries (`unicode-segmentation`, as `ingest::spliced` uses), taken
//! inside each paragraph and only over text the reader keeps: text in a region ingest
//! removed (headline, page furniture) belongs to no sentence. Spans are trimmed of
//! whitespace, so a sentence starts and ends on a visible character.

use dossier_model::document::{Document, Treatment};
use dossier_model::span::Span;
use unicode_segmentation::UnicodeSegmentation;

/// The document's sentences: byte spans of its text, sorted, disjoint and non-empty.
pub fn sentences(doc: &Document) -> Vec<Span> {
    let mut out = Vec::new();
    for &paragraph in &doc.paragraphs {
        for kept in kept_parts(doc, paragraph) {
            let text = doc.slice(kept);
            for (offset, sentence) in text.split_sentence_bound_indices() {
                let trimmed = sentence.trim_start();
                let start = offset + (sentence.len() - trimmed.len());
                let end = start + trimmed.trim_end().len();
                if end > start {
                    let base = kept.start as usize;
                    out.push(Span::new(base + start, base + end));
                }
            }
        }
    }
    out
}

/// The parts of `paragraph` outside removed regions, in order.
pub(crate) fn kept_parts(doc: &Document, paragraph: Span) -> Vec<Span> {
    let mut parts = Vec::new();
    let mut from = paragraph.start;
    let first = doc.regions.partition_point(|r| r.span.end <= paragraph.start);
    for region in doc.regions[first..]
        .iter()
        .take_while(|r| r.span.start < paragraph.end)
        .filter(|r| r.kind.treatment() == Treatment::Removed)
    {
        let start = region.span.start.max(paragraph.start);
        if start > from {
            parts.push(Span {
                start: from,
                end: start,
            });
        }
        from = from.max(region.span.end.min(paragraph.end));
    }
    if paragraph.end > from {
        parts.push(Span {
            start: from,
            end: paragraph.end,
        });
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_ingest::ingest;
    use dossier_ingest::source::SourceFile;
    use dossier_model::insights::holding;

    fn doc(text: &str) -> Document {
        let mut corpus = ingest(vec![SourceFile::new("a.txt", text.as_bytes().to_vec())]);
        corpus.documents.remove(0)
    }

    fn texts(doc: &Document) -> Vec<&str> {
        sentences(doc).into_iter().map(|s| doc.slice(s)).collect()
    }

    #[test]
    fn splits_paragraphs_into_trimmed_sentences() {
        let d = doc("Markets rally on news\n\nShares rose on Monday. Traders were pleased, the firm said.  \n\nIt was \"a good day.\" Nobody expected it.\n");
        assert_eq!(
            texts(&d),
            [
                "Shares rose on Monday.",
                "Traders were pleased, the firm said.",
                "It was \"a good day.\"",
                "Nobody expected it."
            ]
        );
    }

    #[test]
    fn removed_text_belongs_to_no_sentence() {
        let d = doc("Markets rally on news\n\nShares rose on Monday after a long week of losses.\n\nAdvertisement\n\nTraders were pleased with the result of the day.\n");
        let found = texts(&d);
        assert!(
            !found
                .iter()
                .any(|s| s.contains("Advertisement") || s.contains("Markets rally")),
            "{found:?}"
        );
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn finds_the_sentence_holding_a_span() {
        let spans = [Span::new(0, 10), Span::new(11, 20)];
        assert_eq!(holding(&spans, Span::new(12, 14)), Some(spans[1]));
        assert_eq!(holding(&spans, Span::new(10, 11)), None);
        assert_eq!(holding(&spans, Span::new(25, 26)), None);
    }
}
