//! One edit of the reader's [`Work`]: the unit the page stores (one IndexedDB transaction
//! a change) and its state applies, so what is stored and what is shown are the same
//! function of the same list of changes.
//!
//! [`Work::change`] is pure and total: every change applies to every work, a change that
//! names something absent does nothing, and applying a change twice leaves what applying
//! it once does, except [`Change::Correct`] (a list, in order) and the two that drop
//! corrections by count or position.
//!
//! It keeps the work in its *stored order*, the order a store listing each kind by its
//! key gives back, so a reload shows what the page showed: tags by name in lower case,
//! stars by their text's hash, notes by passage ([`NoteKey`]), corrections as made, name
//! lists and saved searches by name. Names are unique: a tag's in any case (the `tag:`
//! filter ignores case), a name list's and a saved search's as written (as
//! the case file's merge matches them).
//!
//! ```
//! use dossier_work::change::Change;
//! use dossier_work::work::{NameList, Work};
//! let mut work = Work::default();
//! let list = NameList { name: "Suspects".into(), names: vec!["Smith".into()] };
//! work.change(&Change::PutNameList(list.clone()));
//! work.change(&Change::PutNameList(list));
//! assert_eq!(work.name_lists.len(), 1);
//! ```

use crate::correction::Correction;
use crate::doc_key::{ContentHash, DocKey};
use crate::work::{Colour, NameList, Note, SavedSearch, Tag, Work};
use dossier_model::Span;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The colour of a tag made by tagging documents under a name no tag has yet: a mid grey,
/// readable on the page's light and dark backgrounds, for the reader to change.
pub const DEFAULT_TAG_COLOUR: &str = "#808080";

/// One edit of the reader's work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Creates the tag, or replaces the one with its name in any case (documents too).
    SetTag(Tag),
    /// Removes the tag with this name in any case.
    DeleteTag {
        name: String,
    },
    /// Puts documents under a tag (`on`) or takes them off. Tagging under a name no tag
    /// has makes the tag, with [`DEFAULT_TAG_COLOUR`]: the reader typed a new tag's name
    /// in the tag box, which is how tags are made.
    TagDocs {
        tag: String,
        docs: Vec<DocKey>,
        on: bool,
    },
    Star {
        doc: DocKey,
        on: bool,
    },
    /// Adds a note, or replaces the one with its key ([`NoteKey`]): an edit.
    PutNote(Note),
    DeleteNote {
        doc: DocKey,
        span: Span,
        created: u64,
    },
    /// Appends a correction: they apply in order.
    Correct(Correction),
    /// Drops the last `count` corrections (all of them when there are fewer).
    UndoCorrections {
        count: usize,
    },
    /// Drops the correction at this position; the later ones keep their order.
    RevertCorrection {
        index: usize,
    },
    /// Adds a name list, or replaces the one with its name.
    PutNameList(NameList),
    DeleteNameList {
        name: String,
    },
    /// Adds a saved search, or replaces the one with its name.
    PutSavedSearch(SavedSearch),
    DeleteSavedSearch {
        name: String,
    },
    /// All of the work at once: an import's merge result. Put into stored order, with
    /// the first of any items that share a name or key kept (a tag's documents are
    /// joined).
    Replace(Work),
    /// Nothing left.
    Clear,
}

/// What makes a note this note: its document's text, its passage and when it was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NoteKey {
    pub doc: ContentHash,
    pub span: Span,
    pub created: u64,
}

impl NoteKey {
    pub fn of(note: &Note) -> NoteKey {
        NoteKey {
            doc: note.doc.hash,
            span: note.span,
            created: note.created,
        }
    }
}

/// A tag's name as tags are told apart and ordered: in lower case.
pub fn tag_key(name: &str) -> String {
    name.to_lowercase()
}

impl Work {
    /// Applies one change (see the module's doc for the rules).
    pub fn change(&mut self, change: &Change) {
        match change {
            Change::SetTag(tag) => put_sorted(&mut self.tags, tag.clone(), |t| tag_key(&t.name)),
            Change::DeleteTag { name } => {
                let key = tag_key(name);
                self.tags.retain(|t| tag_key(&t.name) != key);
            }
            Change::TagDocs { tag, docs, on } => self.tag_docs(tag, docs, *on),
            Change::Star { doc, on: true } => put_sorted(&mut self.stars, *doc, |d| d.hash),
            Change::Star { doc, on: false } => self.stars.retain(|d| d.hash != doc.hash),
            Change::PutNote(note) => put_sorted(&mut self.notes, note.clone(), NoteKey::of),
            Change::DeleteNote { doc, span, created } => {
                let key = NoteKey {
                    doc: doc.hash,
                    span: *span,
                    created: *created,
                };
                self.notes.retain(|n| NoteKey::of(n) != key);
            }
            Change::Correct(correction) => self.corrections.push(correction.clone()),
            Change::UndoCorrections { count } => {
                let kept = self.corrections.len().saturating_sub(*count);
                self.corrections.truncate(kept);
            }
            Change::RevertCorrection { index } => {
                if *index < self.corrections.len() {
                    self.corrections.remove(*index);
                }
            }
            Change::PutNameList(list) => put_sorted(&mut self.name_lists, list.clone(), |l| l.name.clone()),
            Change::DeleteNameList { name } => self.name_lists.retain(|l| &l.name != name),
            Change::PutSavedSearch(search) => {
                put_sorted(&mut self.saved_searches, search.clone(), |s| s.name.clone())
            }
            Change::DeleteSavedSearch { name } => self.saved_searches.retain(|s| &s.name != name),
            Change::Replace(work) => *self = in_stored_order(work.clone()),
            Change::Clear => *self = Work::default(),
        }
    }

    fn tag_docs(&mut self, name: &str, docs: &[DocKey], on: bool) {
        let key = tag_key(name);
        let found = self.tags.iter().position(|t| tag_key(&t.name) == key);
        let index = match (found, on) {
            (Some(index), _) => index,
            (None, false) => return,
            (None, true) => {
                let tag = Tag {
                    name: name.to_owned(),
                    colour: default_colour(),
                    documents: Vec::new(),
                };
                put_sorted(&mut self.tags, tag, |t| tag_key(&t.name));
                self.tags
                    .iter()
                    .position(|t| tag_key(&t.name) == key)
                    .unwrap_or_default()
            }
        };
        let documents = &mut self.tags[index].documents;
        if on {
            let mut carried: HashSet<ContentHash> = documents.iter().map(|d| d.hash).collect();
            documents.extend(docs.iter().filter(|d| carried.insert(d.hash)));
        } else {
            let dropped: HashSet<ContentHash> = docs.iter().map(|d| d.hash).collect();
            documents.retain(|d| !dropped.contains(&d.hash));
        }
    }
}

fn default_colour() -> Colour {
    Colour::try_from(DEFAULT_TAG_COLOUR.to_owned()).expect("DEFAULT_TAG_COLOUR is #rrggbb")
}

/// `work` in stored order, each name and key once (the first kept; a tag's documents
/// joined, each document once): what a store that lists every kind by key holds.
pub fn in_stored_order(mut work: Work) -> Work {
    let mut tags: Vec<Tag> = Vec::with_capacity(work.tags.len());
    for tag in work.tags {
        match tags.iter_mut().find(|t| tag_key(&t.name) == tag_key(&tag.name)) {
            Some(first) => first.documents.extend(tag.documents),
            None => tags.push(tag),
        }
    }
    for tag in &mut tags {
        let mut seen = HashSet::new();
        tag.documents.retain(|d| seen.insert(d.hash));
    }
    work.tags = sorted_unique(tags, |t| tag_key(&t.name));
    work.stars = sorted_unique(work.stars, |d| d.hash);
    work.notes = sorted_unique(work.notes, NoteKey::of);
    work.name_lists = sorted_unique(work.name_lists, |l| l.name.clone());
    work.saved_searches = sorted_unique(work.saved_searches, |s| s.name.clone());
    work
}

/// `items` ordered by `key`, the first of each key kept.
fn sorted_unique<T, K: Ord>(mut items: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    // Stable: of equal keys the first stays first, and `dedup_by` keeps it.
    items.sort_by_key(|item| key(item));
    items.dedup_by(|later, first| key(later) == key(first));
    items
}

/// Puts `item` into `items` (ordered by `key`), replacing the one with its key.
fn put_sorted<T, K: Ord>(items: &mut Vec<T>, item: T, key: impl Fn(&T) -> K) {
    let wanted = key(&item);
    match items.binary_search_by(|probe| key(probe).cmp(&wanted)) {
        Ok(at) => items[at] = item,
        Err(at) => items.insert(at, item),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::correction::EntityRef;
    use crate::doc_key::tests_support::corpus;
    use crate::doc_key::DocHashes;
    use crate::work::FacetPicks;
    use dossier_model::document::DocId;
    use dossier_model::entity::EntityType;

    fn keys() -> [DocKey; 3] {
        let c = corpus(&["One.", "Two.", "Three."]);
        let hashes = DocHashes::new(&c.documents);
        [0, 1, 2].map(|i| hashes.key(DocId(i)).expect("a document"))
    }

    fn tag(name: &str, colour: &str, documents: Vec<DocKey>) -> Tag {
        Tag {
            name: name.into(),
            colour: Colour::try_from(colour.to_owned()).expect("a colour"),
            documents,
        }
    }

    fn note(doc: DocKey, start: usize, created: u64, text: &str) -> Note {
        Note {
            doc,
            span: Span::new(start, start + 2),
            text: text.into(),
            created,
            edited: created,
        }
    }

    fn retype(name: &str) -> Correction {
        Correction::Retype {
            entity: EntityRef::new(name, EntityType::Person),
            to: EntityType::Org,
        }
    }

    fn search(name: &str, query: &str) -> SavedSearch {
        SavedSearch {
            name: name.into(),
            query: query.into(),
            facets: FacetPicks::default(),
        }
    }

    fn list(name: &str, names: &[&str]) -> NameList {
        NameList {
            name: name.into(),
            names: names.iter().map(|&n| n.to_owned()).collect(),
        }
    }

    /// `changes` applied in order to an empty work.
    fn after(changes: &[Change]) -> Work {
        let mut work = Work::default();
        changes.iter().for_each(|c| work.change(c));
        work
    }

    /// Applying `change` again leaves the work as it was.
    fn assert_idempotent(mut work: Work, change: &Change) {
        work.change(change);
        let once = work.clone();
        work.change(change);
        assert_eq!(work, once, "{change:?}");
    }

    #[test]
    fn set_tag_creates_or_replaces_by_name_in_any_case_in_name_order() {
        let [a, b, _] = keys();
        let work = after(&[
            Change::SetTag(tag("Leads", "#ff0000", vec![a])),
            Change::SetTag(tag("dead ends", "#777777", vec![])),
            Change::SetTag(tag("LEADS", "#00ff00", vec![b])),
        ]);
        assert_eq!(
            work.tags,
            [
                tag("dead ends", "#777777", vec![]),
                tag("LEADS", "#00ff00", vec![b])
            ]
        );
        assert_idempotent(work, &Change::SetTag(tag("x", "#000000", vec![a])));
    }

    #[test]
    fn delete_tag_removes_the_name_in_any_case_and_ignores_the_unknown() {
        let mut work = after(&[
            Change::SetTag(tag("Leads", "#ff0000", vec![])),
            Change::SetTag(tag("Later", "#ff0000", vec![])),
        ]);
        work.change(&Change::DeleteTag { name: "leADS".into() });
        assert_eq!(work.tags, [tag("Later", "#ff0000", vec![])]);
        assert_idempotent(work, &Change::DeleteTag { name: "Later".into() });
    }

    #[test]
    fn tag_docs_adds_each_document_once_and_removes_them() {
        let [a, b, c] = keys();
        let on = |docs: Vec<DocKey>| Change::TagDocs {
            tag: "leads".into(),
            docs,
            on: true,
        };
        let mut work = after(&[
            Change::SetTag(tag("Leads", "#ff0000", vec![a])),
            on(vec![b, a, b]),
        ]);
        assert_eq!(work.tags[0].documents, [a, b]);
        // Another build's key for the same text is the same document.
        let moved = DocKey { id: DocId(9), ..c };
        work.change(&on(vec![c, moved]));
        assert_eq!(work.tags[0].documents, [a, b, c]);
        assert_idempotent(work.clone(), &on(vec![c]));
        let off = Change::TagDocs {
            tag: "LEADS".into(),
            docs: vec![moved, a],
            on: false,
        };
        work.change(&off);
        assert_eq!(work.tags, [tag("Leads", "#ff0000", vec![b])]);
        assert_idempotent(work, &off);
    }

    #[test]
    fn tagging_under_a_new_name_makes_the_tag_and_untagging_makes_none() {
        let [a, _, _] = keys();
        let mut work = after(&[Change::SetTag(tag("Zeta", "#ff0000", vec![]))]);
        work.change(&Change::TagDocs {
            tag: "Nobody".into(),
            docs: vec![a],
            on: false,
        });
        assert_eq!(work.tags.len(), 1);
        work.change(&Change::TagDocs {
            tag: "Alpha".into(),
            docs: vec![a],
            on: true,
        });
        assert_eq!(work.tags[0], tag("Alpha", DEFAULT_TAG_COLOUR, vec![a]));
        assert_eq!(work.tags[1].name, "Zeta");
    }

    #[test]
    fn stars_are_a_set_of_texts_in_hash_order() {
        let [a, b, c] = keys();
        let star = |doc, on| Change::Star { doc, on };
        let mut work = after(&[star(c, true), star(a, true), star(b, true), star(a, true)]);
        let mut expected = vec![a, b, c];
        expected.sort_by_key(|d| d.hash);
        assert_eq!(work.stars, expected);
        assert_idempotent(work.clone(), &star(b, true));
        work.change(&star(DocKey { id: DocId(7), ..b }, false));
        assert!(!work.stars.iter().any(|d| d.hash == b.hash));
        assert_idempotent(work, &star(b, false));
    }

    #[test]
    fn put_note_replaces_the_note_with_its_passage_and_time() {
        let [a, b, _] = keys();
        let mut work = after(&[
            Change::PutNote(note(b, 0, 1, "on b")),
            Change::PutNote(note(a, 0, 1, "first")),
            Change::PutNote(note(a, 0, 2, "later, same passage")),
        ]);
        assert_eq!(work.notes.len(), 3);
        let edited = Note {
            edited: 5,
            ..note(a, 0, 1, "edited")
        };
        work.change(&Change::PutNote(edited.clone()));
        assert_eq!(work.notes.len(), 3);
        assert!(work.notes.contains(&edited));
        assert!(work
            .notes
            .windows(2)
            .all(|w| NoteKey::of(&w[0]) < NoteKey::of(&w[1])));
        assert_idempotent(work, &Change::PutNote(edited));
    }

    #[test]
    fn delete_note_removes_only_the_note_with_its_key() {
        let [a, _, _] = keys();
        let mut work = after(&[
            Change::PutNote(note(a, 0, 1, "keep")),
            Change::PutNote(note(a, 0, 2, "drop")),
        ]);
        let delete = Change::DeleteNote {
            doc: DocKey { id: DocId(4), ..a },
            span: Span::new(0, 2),
            created: 2,
        };
        work.change(&delete);
        assert_eq!(work.notes, [note(a, 0, 1, "keep")]);
        assert_idempotent(work, &delete);
    }

    #[test]
    fn corrections_append_undo_and_revert_in_order() {
        let mut work = after(&[
            Change::Correct(retype("A")),
            Change::Correct(retype("B")),
            Change::Correct(retype("C")),
            Change::Correct(retype("A")),
        ]);
        assert_eq!(
            work.corrections.len(),
            4,
            "a list: the same correction twice stays twice"
        );
        work.change(&Change::RevertCorrection { index: 1 });
        assert_eq!(work.corrections, [retype("A"), retype("C"), retype("A")]);
        work.change(&Change::RevertCorrection { index: 3 });
        assert_eq!(
            work.corrections.len(),
            3,
            "a position past the end reverts nothing"
        );
        work.change(&Change::UndoCorrections { count: 2 });
        assert_eq!(work.corrections, [retype("A")]);
        work.change(&Change::UndoCorrections { count: 5 });
        assert!(work.corrections.is_empty());
        assert_idempotent(work, &Change::UndoCorrections { count: 1 });
    }

    #[test]
    fn name_lists_are_put_and_deleted_by_name_as_written() {
        let mut work = after(&[
            Change::PutNameList(list("Suspects", &["Smith"])),
            Change::PutNameList(list("Firms", &["Acme"])),
            Change::PutNameList(list("Suspects", &["Smith", "Jones"])),
            Change::PutNameList(list("suspects", &["Lower"])),
        ]);
        assert_eq!(
            work.name_lists,
            [
                list("Firms", &["Acme"]),
                list("Suspects", &["Smith", "Jones"]),
                list("suspects", &["Lower"])
            ]
        );
        assert_idempotent(work.clone(), &Change::PutNameList(list("Firms", &["Acme"])));
        let delete = Change::DeleteNameList {
            name: "Suspects".into(),
        };
        work.change(&delete);
        assert_eq!(work.name_lists.len(), 2);
        assert_idempotent(work, &delete);
    }

    #[test]
    fn saved_searches_are_put_and_deleted_by_name() {
        let mut work = after(&[
            Change::PutSavedSearch(search("Tax", "tax")),
            Change::PutSavedSearch(search("Budget", "budget")),
            Change::PutSavedSearch(search("Tax", "tax -vat")),
        ]);
        assert_eq!(
            work.saved_searches,
            [search("Budget", "budget"), search("Tax", "tax -vat")]
        );
        assert_idempotent(work.clone(), &Change::PutSavedSearch(search("Tax", "tax -vat")));
        let delete = Change::DeleteSavedSearch { name: "Tax".into() };
        work.change(&delete);
        assert_eq!(work.saved_searches, [search("Budget", "budget")]);
        assert_idempotent(work, &delete);
    }

    #[test]
    fn replace_puts_a_merge_result_in_stored_order_with_names_once() {
        let [a, b, c] = keys();
        let merged = Work {
            tags: vec![
                tag("Leads", "#ff0000", vec![a]),
                tag("Alpha", "#000000", vec![]),
                tag("leads", "#00ff00", vec![b, a]),
            ],
            stars: vec![c, a, c],
            notes: vec![note(b, 0, 1, "b"), note(a, 0, 1, "a"), note(a, 0, 1, "again")],
            corrections: vec![retype("Z"), retype("A")],
            name_lists: vec![list("Z", &[]), list("A", &[])],
            saved_searches: vec![search("Z", ""), search("A", ""), search("Z", "other")],
        };
        let mut work = after(&[Change::Star { doc: b, on: true }]);
        work.change(&Change::Replace(merged.clone()));
        assert_eq!(
            work.tags,
            [
                tag("Alpha", "#000000", vec![]),
                tag("Leads", "#ff0000", vec![a, b])
            ]
        );
        assert_eq!(work.stars.len(), 2);
        assert_eq!(work.notes.len(), 2);
        assert!(work.notes.contains(&note(a, 0, 1, "a")));
        assert_eq!(
            work.corrections, merged.corrections,
            "corrections keep their order"
        );
        assert_eq!(work.name_lists, [list("A", &[]), list("Z", &[])]);
        assert_eq!(work.saved_searches, [search("A", ""), search("Z", "")]);
        assert_idempotent(work, &Change::Replace(merged));
    }

    #[test]
    fn every_change_keeps_the_stored_order() {
        let [a, b, c] = keys();
        let changes = [
            Change::SetTag(tag("b", "#000000", vec![c])),
            Change::TagDocs {
                tag: "A".into(),
                docs: vec![b],
                on: true,
            },
            Change::Star { doc: b, on: true },
            Change::Star { doc: a, on: true },
            Change::PutNote(note(c, 4, 1, "")),
            Change::PutNote(note(a, 0, 1, "")),
            Change::PutNameList(list("y", &[])),
            Change::PutNameList(list("x", &[])),
            Change::PutSavedSearch(search("q", "")),
            Change::PutSavedSearch(search("p", "")),
        ];
        let work = after(&changes);
        assert_eq!(in_stored_order(work.clone()), work);
    }

    #[test]
    fn clear_leaves_nothing() {
        let [a, _, _] = keys();
        let mut work = after(&[Change::Star { doc: a, on: true }, Change::Correct(retype("A"))]);
        work.change(&Change::Clear);
        assert_eq!(work, Work::default());
    }

    #[test]
    fn a_change_round_trips_through_json() {
        let [a, _, _] = keys();
        for change in [
            Change::TagDocs {
                tag: "Leads".into(),
                docs: vec![a],
                on: true,
            },
            Change::Correct(retype("A")),
            Change::Clear,
        ] {
            let json = serde_json::to_string(&change).expect("serialisable");
            assert_eq!(serde_json::from_str::<Change>(&json).ok(), Some(change));
        }
    }
}
