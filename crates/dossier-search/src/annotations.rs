//! The reader's marks on documents, as search and the facets read them: tags (a name and
//! its documents), stars, and notes (a document and a text; a document can have many).
//!
//! The app keeps the reader's work by document content hash (`dossier-work`); it resolves
//! those to this build's [`DocId`]s and rebuilds an [`Annotations`] on every change, so
//! building one is cheap: tags and stars are sorted lists. Notes are analysed into an
//! index of their own ([`NoteIndex`], with the same [`Analyzer`] as the articles, so
//! `embassies` in a query finds a note saying "Embassy"); that costs more (tens of
//! milliseconds for 10,000 notes, natively), so it is built apart and shared (`Rc`): a
//! change to tags or stars reuses the last one. [`Annotations::default`] holds nothing,
//! which is how a search without the reader's work runs.
//!
//! Tag names are the reader's: any string, compared case-insensitively (two tags whose
//! names differ only in case are one tag here). Nothing here checks that a document
//! exists; the engine and the facets ignore ids beyond their corpus.
//!
//! ```
//! use dossier_model::document::DocId;
//! use dossier_search::annotations::{AnnotationsBuilder, NoteIndex};
//! use std::rc::Rc;
//!
//! let notes = Rc::new(NoteIndex::new([(DocId(5), "Check with the embassy")]));
//! let mut marks = AnnotationsBuilder::default();
//! marks.tag("Follow up", DocId(3)).star(DocId(3)).notes(notes);
//! let annotations = marks.build();
//! assert_eq!(annotations.tag("follow UP"), Some(&[DocId(3)][..]));
//! assert!(annotations.is_starred(DocId(3)));
//! // Note 0 (the first given) on document 5.
//! assert_eq!(annotations.notes().matching("embassies", false), [(DocId(5), 0)]);
//! ```

use crate::analyze::{fold, Analyzer};
use dossier_model::document::DocId;
use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

/// The reader's tags, stars and notes, by document.
#[derive(Debug, Clone, Default)]
pub struct Annotations {
    /// Sorted by `key`, each key once.
    tags: Vec<TagDocs>,
    /// `(document, position in tags)`, sorted: the tags a document carries.
    doc_tags: Vec<(DocId, u32)>,
    /// Sorted, each once.
    starred: Vec<DocId>,
    notes: Rc<NoteIndex>,
}

/// One tag: the name as first given, its case-folded key, and its documents.
#[derive(Debug, Clone)]
struct TagDocs {
    key: String,
    name: String,
    /// Sorted, each once.
    docs: Vec<DocId>,
}

/// The key tag names are compared by: any case.
fn tag_key(name: &str) -> String {
    name.to_lowercase()
}

impl Annotations {
    /// Nothing marked: no tag, star or note.
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty() && self.starred.is_empty() && self.notes.is_empty()
    }

    /// The documents carrying the tag named `name` (any case); `None` when no tag has
    /// that name.
    pub fn tag(&self, name: &str) -> Option<&[DocId]> {
        let key = tag_key(name);
        self.tags
            .binary_search_by(|t| t.key.as_str().cmp(&key))
            .ok()
            .map(|i| self.tags[i].docs.as_slice())
    }

    /// Every tag, by case-folded name: its name as first given and its documents.
    pub fn tags(&self) -> impl ExactSizeIterator<Item = (&str, &[DocId])> + '_ {
        self.tags.iter().map(|t| (t.name.as_str(), t.docs.as_slice()))
    }

    /// Positions in [`Annotations::tags`] of the tags `doc` carries, in that order.
    pub fn tags_of(&self, doc: DocId) -> impl Iterator<Item = usize> + '_ {
        let from = self.doc_tags.partition_point(|&(d, _)| d < doc);
        self.doc_tags[from..]
            .iter()
            .take_while(move |&&(d, _)| d == doc)
            .map(|&(_, t)| t as usize)
    }

    /// Starred documents, sorted.
    pub fn starred(&self) -> &[DocId] {
        &self.starred
    }

    pub fn is_starred(&self, doc: DocId) -> bool {
        self.starred.binary_search(&doc).is_ok()
    }

    pub fn notes(&self) -> &NoteIndex {
        &self.notes
    }
}

/// Collects tags and stars in any order, then sorts them once ([`Self::build`]).
#[derive(Default)]
pub struct AnnotationsBuilder {
    tags: HashMap<String, TagDocs>,
    starred: Vec<DocId>,
    notes: Rc<NoteIndex>,
}

impl AnnotationsBuilder {
    /// `doc` carries the tag `name`. A tag without documents is still a tag (its facet
    /// shows 0, and `tag:` on it is not an unknown tag): see [`Self::tag_name`].
    pub fn tag(&mut self, name: &str, doc: DocId) -> &mut Self {
        self.tag_entry(name).docs.push(doc);
        self
    }

    /// A tag, maybe with no documents yet.
    pub fn tag_name(&mut self, name: &str) -> &mut Self {
        self.tag_entry(name);
        self
    }

    fn tag_entry(&mut self, name: &str) -> &mut TagDocs {
        let key = tag_key(name);
        self.tags.entry(key.clone()).or_insert_with(|| TagDocs {
            key,
            name: name.to_owned(),
            docs: Vec::new(),
        })
    }

    pub fn star(&mut self, doc: DocId) -> &mut Self {
        self.starred.push(doc);
        self
    }

    /// The reader's notes (none unless given).
    pub fn notes(&mut self, notes: Rc<NoteIndex>) -> &mut Self {
        self.notes = notes;
        self
    }

    pub fn build(self) -> Annotations {
        let mut tags: Vec<TagDocs> = self.tags.into_values().collect();
        tags.sort_unstable_by(|a, b| a.key.cmp(&b.key));
        let mut doc_tags = Vec::new();
        for (t, tag) in tags.iter_mut().enumerate() {
            tag.docs.sort_unstable();
            tag.docs.dedup();
            doc_tags.extend(tag.docs.iter().map(|&d| (d, t as u32)));
        }
        doc_tags.sort_unstable();
        let mut starred = self.starred;
        starred.sort_unstable();
        starred.dedup();
        Annotations {
            tags,
            doc_tags,
            starred,
            notes: self.notes,
        }
    }
}

/// Notes analysed for search: which notes hold each term, and each note's terms in order
/// (for phrases).
#[derive(Debug, Clone, Default)]
pub struct NoteIndex {
    /// Per note (in the order added), its document.
    docs: Vec<DocId>,
    /// Per note, where its terms start in `sequence` (one more entry than notes).
    starts: Vec<u32>,
    /// Every note's term ids, one note after another.
    sequence: Vec<u32>,
    /// Per term id, the notes holding it, ascending, each once.
    postings: Vec<Vec<u32>>,
    /// Stemmed term -> term id.
    terms: HashMap<String, u32>,
    /// Folded words as written in notes, sorted, with their term ids: what a word being
    /// typed completes to.
    words: Vec<(String, u32)>,
}

impl NoteIndex {
    /// Analyses notes, each a document and a text; a note's number (what
    /// [`NoteIndex::matching`] and the engine report a match by) is its position here.
    pub fn new<'a>(notes: impl IntoIterator<Item = (DocId, &'a str)>) -> NoteIndex {
        let mut builder = NoteIndexBuilder::default();
        for (doc, text) in notes {
            builder.add(doc, text);
        }
        builder.build()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// How many notes there are.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// `(document, note number)` of every note holding `text`, in note order: one word
    /// (any case, any inflection the stemmer joins; `prefix` also completes it, as for the
    /// word being typed), or several words that must follow each other in the note.
    /// Words no note uses match nothing; there is no typo tolerance in notes.
    pub fn matching(&self, text: &str, prefix: bool) -> Vec<(DocId, usize)> {
        if self.is_empty() {
            return Vec::new();
        }
        let analyzer = Analyzer::default();
        let tokens: Vec<_> = analyzer.tokens(text).collect();
        let notes = match tokens.as_slice() {
            [] => Vec::new(),
            [word] => self.word_notes(&word.term, &word.folded, prefix),
            words => {
                let terms: Option<Vec<u32>> =
                    words.iter().map(|w| self.terms.get(&w.term).copied()).collect();
                terms.map(|t| self.phrase_notes(&t)).unwrap_or_default()
            }
        };
        notes
            .into_iter()
            .map(|n| (self.docs[n as usize], n as usize))
            .collect()
    }

    /// Notes holding the term, or (with `prefix`) a word starting with `folded`.
    fn word_notes(&self, term: &str, folded: &str, prefix: bool) -> Vec<u32> {
        let mut notes: Vec<u32> = self
            .terms
            .get(term)
            .map(|&t| self.postings[t as usize].clone())
            .unwrap_or_default();
        if prefix {
            let from = self.words.partition_point(|(w, _)| w.as_str() < folded);
            for (_, t) in self.words[from..]
                .iter()
                .take_while(|(w, _)| w.starts_with(folded))
            {
                notes.extend_from_slice(&self.postings[*t as usize]);
            }
            notes.sort_unstable();
            notes.dedup();
        }
        notes
    }

    /// Notes where the terms occur one after another.
    fn phrase_notes(&self, terms: &[u32]) -> Vec<u32> {
        let Some(&rarest) = terms.iter().min_by_key(|&&t| self.postings[t as usize].len()) else {
            return Vec::new();
        };
        self.postings[rarest as usize]
            .iter()
            .copied()
            .filter(|&n| {
                let note =
                    &self.sequence[self.starts[n as usize] as usize..self.starts[n as usize + 1] as usize];
                note.windows(terms.len()).any(|w| w == terms)
            })
            .collect()
    }
}

/// Analyses notes as they come. Notes' vocabulary is small and repetitive, so each
/// distinct word as written is folded and stemmed once (`seen`), not once per occurrence:
/// the app rebuilds this on every change to the reader's work.
#[derive(Default)]
struct NoteIndexBuilder {
    analyzer: Analyzer,
    index: NoteIndex,
    /// Word as written -> term id.
    seen: HashMap<String, u32>,
}

impl NoteIndexBuilder {
    fn add(&mut self, doc: DocId, text: &str) {
        let n = self.index.docs.len();
        let index = &mut self.index;
        if index.starts.is_empty() {
            index.starts.push(0);
        }
        index.docs.push(doc);
        for word in unicode_segmentation::UnicodeSegmentation::unicode_words(text) {
            let term = match self.seen.get(word) {
                Some(&t) => t,
                None => {
                    let folded = fold(word);
                    let stem = self.analyzer.stem(&folded);
                    let next = index.terms.len() as u32;
                    let t = *index.terms.entry(stem).or_insert(next);
                    if t == next {
                        index.postings.push(Vec::new());
                    }
                    self.seen.insert(word.to_owned(), t);
                    t
                }
            };
            index.sequence.push(term);
            let notes = &mut index.postings[term as usize];
            if notes.last() != Some(&(n as u32)) {
                notes.push(n as u32);
            }
        }
        index.starts.push(index.sequence.len() as u32);
    }

    fn build(self) -> NoteIndex {
        let mut index = self.index;
        index.words = self.seen.into_iter().map(|(word, t)| (fold(&word), t)).collect();
        index.words.sort_unstable();
        index.words.dedup();
        index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(f: impl FnOnce(&mut AnnotationsBuilder)) -> Annotations {
        let mut b = AnnotationsBuilder::default();
        f(&mut b);
        b.build()
    }

    #[test]
    fn nothing_by_default() {
        let a = Annotations::default();
        assert!(a.is_empty());
        assert_eq!(a.tag("x"), None);
        assert!(!a.is_starred(DocId(0)));
        assert!(a.notes().matching("anything", true).is_empty());
    }

    #[test]
    fn tag_names_compare_in_any_case_and_merge() {
        let a = built(|b| {
            b.tag("Ölfeld", DocId(2))
                .tag("ÖLFELD", DocId(1))
                .tag("ölfeld", DocId(2));
        });
        assert_eq!(a.tags().len(), 1);
        assert_eq!(a.tag("öLfElD"), Some(&[DocId(1), DocId(2)][..]));
        assert_eq!(
            a.tags().next().map(|t| t.0),
            Some("Ölfeld"),
            "the first spelling given"
        );
    }

    #[test]
    fn odd_tag_names_are_names() {
        let a = built(|b| {
            b.tag("", DocId(0)).tag("a, \"b\"", DocId(1)).tag_name("empty");
        });
        assert_eq!(a.tag(""), Some(&[DocId(0)][..]));
        assert_eq!(a.tag("A, \"B\""), Some(&[DocId(1)][..]));
        assert_eq!(a.tag("empty"), Some(&[][..]));
        assert_eq!(a.tag("missing"), None);
    }

    #[test]
    fn a_document_lists_its_tags() {
        let a = built(|b| {
            b.tag("b", DocId(4)).tag("a", DocId(4)).tag("a", DocId(5));
        });
        assert_eq!(a.tags_of(DocId(4)).collect::<Vec<_>>(), [0, 1]);
        assert_eq!(a.tags_of(DocId(5)).collect::<Vec<_>>(), [0]);
        assert_eq!(a.tags_of(DocId(6)).count(), 0);
    }

    #[test]
    fn stars_are_a_set() {
        let a = built(|b| {
            b.star(DocId(9)).star(DocId(1)).star(DocId(9));
        });
        assert_eq!(a.starred(), [DocId(1), DocId(9)]);
        assert!(a.is_starred(DocId(9)));
        assert!(!a.is_starred(DocId(2)));
    }

    #[test]
    fn note_words_are_analysed_like_the_text() {
        let notes = &NoteIndex::new([
            (DocId(7), "Check with the EMBASSY first."),
            (DocId(3), "Élysée source; the embassies deny it"),
        ]);
        assert_eq!(notes.matching("embassy", false), [(DocId(7), 0), (DocId(3), 1)]);
        assert_eq!(notes.matching("elysee", false), [(DocId(3), 1)]);
        assert_eq!(notes.matching("Checking", false), [(DocId(7), 0)]);
        assert!(
            notes.matching("embas", false).is_empty(),
            "not a prefix unless typing"
        );
        assert_eq!(notes.matching("embas", true).len(), 2);
        assert!(notes.matching("consulate", true).is_empty());
        assert!(notes.matching("?!", false).is_empty());
    }

    #[test]
    fn a_phrase_must_be_consecutive_in_one_note() {
        let notes = NoteIndex::new([
            (DocId(0), "with the embassy"),
            (DocId(1), "the minister, not the embassy"),
            (DocId(1), "embassy with"),
        ]);
        assert_eq!(notes.matching("with the embassies", false), [(DocId(0), 0)]);
        assert_eq!(notes.matching("the embassy", false).len(), 2);
        assert!(notes.matching("with embassy", false).is_empty());
        assert!(notes.matching("with unknown", false).is_empty());
    }

    #[test]
    fn a_document_can_have_many_notes_and_a_note_no_words() {
        let notes = NoteIndex::new([(DocId(2), ""), (DocId(2), "visa"), (DocId(2), "visa again")]);
        assert_eq!(notes.len(), 3);
        assert_eq!(notes.matching("visa", false), [(DocId(2), 1), (DocId(2), 2)]);
    }

    #[test]
    fn notes_are_shared_between_builds() {
        let notes = Rc::new(NoteIndex::new([(DocId(1), "visa")]));
        let mut b = AnnotationsBuilder::default();
        b.star(DocId(1)).notes(Rc::clone(&notes));
        let a = b.build();
        assert!(Rc::ptr_eq(&a.notes, &notes));
        assert_eq!(a.notes().matching("visa", false), [(DocId(1), 0)]);
    }
}
