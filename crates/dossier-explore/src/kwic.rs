//! Keyword in context: every mention of one entity with the words around it, as the
//! entity page lists them.
//!
//! Lines are byte spans into their document's text, never copies: a list of thousands of
//! mentions costs a few words each, and the page slices only the rows it draws. Context
//! stops at the paragraph's edge (a line of its own in the reader) and is cut between
//! words, so a line never starts or ends inside one.
//!
//! ```
//! use dossier_model::entity::{Entities, Entity, EntityId, EntityType, Mention, Place};
//! use dossier_explore::kwic::{kwic, KwicOptions};
//! use dossier_ingest::{ingest, source::SourceFile};
//! use dossier_model::Span;
//!
//! let text = "Talks\n\nThe summit in Samarkand opened on Thursday.\n";
//! let mut corpus = ingest(vec![SourceFile::new("a.txt", text.as_bytes().to_vec())]);
//! let start = text.find("Samarkand").unwrap();
//! corpus.entities = Entities {
//!     entities: vec![Entity::new(EntityId(0), "Samarkand", EntityType::Gpe)],
//!     mentions: vec![vec![Mention { span: Span::new(start, start + 9), entity: EntityId(0), place: Place::Text }]],
//! };
//! corpus.entities.recount();
//! let lines = kwic(&corpus, EntityId(0), &KwicOptions::new(12));
//! let doc = &corpus.documents[0];
//! assert_eq!(doc.slice(lines[0].left), "summit in "); // not "e summit in "
//! assert_eq!(doc.slice(lines[0].right), " opened on");
//! ```

use dossier_model::document::{Corpus, DocId, Document};
use dossier_model::entity::{Counting, EntityId};
use dossier_model::span::Span;

/// One mention in its context: `left`, `mention` and `right` are adjacent byte spans of
/// the document's text (`left.end == mention.start`, `mention.end == right.start`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KwicLine {
    pub doc: DocId,
    pub mention: Span,
    pub left: Span,
    pub right: Span,
}

/// What [`kwic`] shows around each mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KwicOptions {
    /// Characters of context on each side at most (fewer at a paragraph's edge or to
    /// end between words).
    pub context_chars: usize,
    /// Which mentions to list: the running text's, or everything.
    pub counting: Counting,
}

impl KwicOptions {
    /// `context_chars` on each side, the running text's mentions only.
    pub fn new(context_chars: usize) -> KwicOptions {
        KwicOptions {
            context_chars,
            counting: Counting::Text,
        }
    }
}

/// Every mention of `entity`, in document order then text order, with its context.
/// An unknown entity has no lines.
pub fn kwic(corpus: &Corpus, entity: EntityId, options: &KwicOptions) -> Vec<KwicLine> {
    let Some(found) = corpus.entities.entity(entity) else {
        return Vec::new();
    };
    let mut lines = Vec::with_capacity(found.mentions(options.counting) as usize);
    for &doc_id in found.documents_counted(options.counting) {
        let Some(doc) = corpus.document(doc_id) else {
            continue;
        };
        for m in corpus.entities.mentions_in(doc_id) {
            if m.entity == entity && options.counting.admits(m) {
                let (left, right) = context(doc, m.span, options.context_chars);
                lines.push(KwicLine {
                    doc: doc_id,
                    mention: m.span,
                    left,
                    right,
                });
            }
        }
    }
    lines
}

/// The context of `span` in `doc`: up to `chars` characters on each side, inside the
/// paragraph holding it, cut between words. Shared with the mention export.
pub(crate) fn context(doc: &Document, span: Span, chars: usize) -> (Span, Span) {
    let text = doc.text.as_str();
    let (para_start, para_end) = paragraph_around(doc, span);
    let start = span.start as usize;
    let end = (span.end as usize).min(text.len());

    // Left: step back `chars` characters, then forward to the start of a word.
    let before = &text[para_start..start];
    let mut cut = before
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(para_start, |(i, _)| para_start + i);
    if chars == 0 {
        cut = start;
    } else if cut > para_start && inside_word(text, cut) {
        cut = text[cut..start]
            .find(char::is_whitespace)
            .map_or(start, |i| cut + i);
    }
    let left_start = cut + (text[cut..start].len() - text[cut..start].trim_start().len());

    // Right: step forward `chars` characters, then back to the end of a word.
    let after = &text[end..para_end];
    let mut cut = after.char_indices().nth(chars).map_or(para_end, |(i, _)| end + i);
    if cut < para_end && inside_word(text, cut) {
        cut = text[end..cut].rfind(char::is_whitespace).map_or(end, |i| end + i);
    }
    let right_end = end + text[end..cut].trim_end().len();
    (Span::new(left_start, start), Span::new(end, right_end))
}

/// Byte bounds of the paragraph holding `span`, or of its line when no paragraph does.
pub(crate) fn paragraph_around(doc: &Document, span: Span) -> (usize, usize) {
    let i = doc.paragraphs.partition_point(|p| p.end < span.end);
    if let Some(p) = doc.paragraphs.get(i).filter(|p| p.contains(span)) {
        return (p.start as usize, p.end as usize);
    }
    let text = doc.text.as_str();
    let start = (span.start as usize).min(text.len());
    let end = (span.end as usize).clamp(start, text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    (line_start, line_end)
}

/// Does byte `at` of `text` (a char boundary) fall between two characters of one word?
fn inside_word(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    matches!((before, after), (Some(b), Some(a)) if !b.is_whitespace() && !a.is_whitespace())
}

/// The end of a line's left context that fits a column `chars` characters wide, starting
/// at a word: classic KWIC right-aligns the left context against the name, so what does
/// not fit is dropped at the left, and dropping whole words means no line starts cut in
/// the middle of one. The page draws the column in a monospaced font, `chars` wide.
pub fn fit_left(doc: &Document, left: Span, chars: usize) -> Span {
    let text = doc.slice(left);
    let count = text.chars().count();
    if count <= chars {
        return left;
    }
    let start = left.start as usize;
    // The first character that still fits.
    let mut cut = text
        .char_indices()
        .nth(count - chars)
        .map_or(text.len(), |(i, _)| i);
    if inside_word(&doc.text, start + cut) {
        cut = text[cut..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| cut + i);
    }
    let skipped = text[cut..].len() - text[cut..].trim_start().len();
    Span::new(start + cut + skipped, left.end as usize)
}

/// Orders lines by document, then by position in the text (the order [`kwic`] returns).
pub fn sort_by_document(lines: &mut [KwicLine]) {
    lines.sort_by_key(|l| (l.doc, l.mention.start));
}

/// Orders lines by their document's publication date, oldest first; documents without
/// a date, or whose date lacks a year, come last; ties keep document order.
pub fn sort_by_date(corpus: &Corpus, lines: &mut [KwicLine]) {
    lines.sort_by_key(|l| {
        let date = corpus
            .document(l.doc)
            .and_then(|d| d.published)
            .map(|f| f.date)
            .filter(|d| d.year.is_some());
        (date.is_none(), date, l.doc, l.mention.start)
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_ingest::ingest;
    use dossier_ingest::source::SourceFile;
    use dossier_model::date::CalendarDate;
    use dossier_model::document::{DateSource, DatedFact};
    use dossier_model::entity::{Entities, Entity, EntityType, Mention, Place};

    /// A corpus of `texts` where every occurrence of `name` is a mention of entity 0.
    fn corpus_with(texts: &[&str], name: &str) -> Corpus {
        let files = texts
            .iter()
            .enumerate()
            .map(|(i, t)| SourceFile::new(format!("{i}.txt"), t.as_bytes().to_vec()))
            .collect();
        let mut corpus = ingest(files);
        let mut mentions = Vec::new();
        for doc in &corpus.documents {
            let found: Vec<Mention> = doc
                .text
                .match_indices(name)
                .map(|(i, _)| Mention {
                    span: Span::new(i, i + name.len()),
                    entity: EntityId(0),
                    place: Place::Text,
                })
                .collect();
            mentions.push(found);
        }
        corpus.entities = Entities {
            entities: vec![Entity::new(EntityId(0), name, EntityType::Person)],
            mentions,
        };
        corpus.entities.recount();
        corpus
    }

    fn shown(corpus: &Corpus, line: &KwicLine) -> (String, String, String) {
        let d = corpus.document(line.doc).unwrap();
        (
            d.slice(line.left).to_owned(),
            d.slice(line.mention).to_owned(),
            d.slice(line.right).to_owned(),
        )
    }

    #[test]
    fn context_is_cut_between_words() {
        let c = corpus_with(
            &["Headline here\n\nYesterday the minister Lavrov flew to Delhi for talks.\n"],
            "Lavrov",
        );
        // 8 chars back land inside "minister", 10 forward inside "Delhi".
        let lines = kwic(&c, EntityId(0), &KwicOptions::new(8));
        assert_eq!(lines.len(), 1);
        assert_eq!(
            shown(&c, &lines[0]),
            ("".into(), "Lavrov".into(), " flew to".into())
        );
        let lines = kwic(&c, EntityId(0), &KwicOptions::new(10));
        assert_eq!(shown(&c, &lines[0]).0, "minister ");
        assert_eq!(shown(&c, &lines[0]).2, " flew to");
    }

    #[test]
    fn context_stops_at_the_paragraph() {
        let c = corpus_with(
            &["Headline here\n\nA first paragraph ends.\nLavrov spoke.\nNext line.\n"],
            "Lavrov",
        );
        let lines = kwic(&c, EntityId(0), &KwicOptions::new(100));
        assert_eq!(
            shown(&c, &lines[0]),
            ("".into(), "Lavrov".into(), " spoke.".into())
        );
    }

    #[test]
    fn spans_are_adjacent_and_on_char_boundaries() {
        let c = corpus_with(
            &["Headline here\n\n“Ça va”, dit Müller à Zürich — Müller répète «oui».\n"],
            "Müller",
        );
        for chars in 0..40 {
            for line in kwic(&c, EntityId(0), &KwicOptions::new(chars)) {
                let d = c.document(line.doc).unwrap();
                assert_eq!(line.left.end, line.mention.start);
                assert_eq!(line.mention.end, line.right.start);
                assert!(d.text.is_char_boundary(line.left.start as usize));
                assert!(d.text.is_char_boundary(line.right.end as usize));
                assert!(d.slice(line.left).chars().count() <= chars);
                assert!(d.slice(line.right).chars().count() <= chars);
            }
        }
    }

    #[test]
    fn removed_mentions_are_skipped_unless_asked() {
        let mut c = corpus_with(&["Headline here\n\nXi met Xi.\n"], "Xi");
        c.entities.mentions[0][0].place = Place::Removed;
        assert_eq!(kwic(&c, EntityId(0), &KwicOptions::new(5)).len(), 1);
        let all = KwicOptions {
            counting: Counting::Everything,
            ..KwicOptions::new(5)
        };
        assert_eq!(kwic(&c, EntityId(0), &all).len(), 2);
        assert!(kwic(&c, EntityId(9), &all).is_empty());
    }

    #[test]
    fn sorts_by_date_with_undated_last() {
        let mut c = corpus_with(
            &[
                "Headline one\n\nNo date here, Putin said.\n",
                "Headline two\n\nPutin spoke.\n",
                "Headline three\n\nPutin spoke again.\n",
            ],
            "Putin",
        );
        for (doc, year) in [(1, 2022), (2, 2021)] {
            c.documents[doc].published = Some(DatedFact {
                date: CalendarDate::new(Some(year), 9, 7).unwrap(),
                span: Span::new(0, 0),
                source: DateSource::Label,
            });
        }
        let mut lines = kwic(&c, EntityId(0), &KwicOptions::new(5));
        let docs = |l: &[KwicLine]| l.iter().map(|l| l.doc.0).collect::<Vec<_>>();
        assert_eq!(docs(&lines), [0, 1, 2]);
        sort_by_date(&c, &mut lines);
        assert_eq!(docs(&lines), [2, 1, 0]);
        sort_by_document(&mut lines);
        assert_eq!(docs(&lines), [0, 1, 2]);
    }

    #[test]
    fn the_left_context_fits_its_column_without_cutting_a_word() {
        let c = corpus_with(
            &["Headline here\n\nOn Thursday the Russian minister Lavrov flew to Delhi.\n"],
            "Lavrov",
        );
        let line = kwic(&c, EntityId(0), &KwicOptions::new(70))[0];
        let d = c.document(line.doc).unwrap();
        let fit = |chars| d.slice(fit_left(d, line.left, chars)).to_owned();
        // (column width in characters, what shows)
        let cases = [
            (100, "On Thursday the Russian minister "),
            (33, "On Thursday the Russian minister "),
            (30, "Thursday the Russian minister "),
            (29, "the Russian minister "),
            (17, "Russian minister "),
            (16, "minister "),
            (8, ""),
            (0, ""),
        ];
        for (chars, shown) in cases {
            assert_eq!(fit(chars), shown, "{chars} wide");
            assert!(fit(chars).chars().count() <= chars);
            assert_eq!(fit_left(d, line.left, chars).end, line.mention.start);
        }
    }
}
