//! Two readers' work on one corpus made one, item by item, without losing the reader's
//! own: what the other side has and this one lacks is added; what both sides changed
//! keeps this reader's version, and the summary carries the other one so the page can
//! offer it.
//!
//! Items are matched by what names them: a tag, name list or saved search by its name, a
//! star by its document, a note by its passage and creation time (see [`Note::created`]),
//! a correction by being the same correction. Documents are compared by their text's
//! hash, so keys from another build match.

use crate::change::tag_key;
use crate::correction::Correction;
use crate::doc_key::{ContentHash, DocKey};
use crate::work::{Colour, NameList, Note, SavedSearch, Work};
use dossier_model::Span;
use std::collections::{HashMap, HashSet};

/// What an import brings: shown to the reader before the merged work replaces theirs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Items the other side has and this one did not.
    pub new: Vec<Item>,
    /// Items both sides changed: this reader's version is kept.
    pub conflicts: Vec<Conflict>,
    /// Items naming a document this build lacks (filled by `case_file::import`). They
    /// are kept, unseen, until a build has that text again.
    pub lacking: Vec<Lacking>,
    /// The file was made on another build of the corpus (some documents differ; filled
    /// by `case_file::import`).
    pub other_build: bool,
}

/// One item of the work, as the summary names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Tag(String),
    /// A document put under a tag.
    Tagging {
        tag: String,
        doc: DocKey,
    },
    Star(DocKey),
    Note {
        doc: DocKey,
        span: Span,
        created: u64,
    },
    Correction(Correction),
    NameList(String),
    SavedSearch(String),
}

/// An item both sides changed; `mine` is what the merged work keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    TagColour {
        tag: String,
        mine: Colour,
        theirs: Colour,
    },
    Note {
        mine: Note,
        theirs: Note,
    },
    NameList {
        mine: NameList,
        theirs: NameList,
    },
    /// Boxed: a saved search with its facet picks is the largest item by far.
    SavedSearch {
        mine: Box<SavedSearch>,
        theirs: Box<SavedSearch>,
    },
}

/// An item that names a document this build does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lacking {
    pub item: Item,
    pub doc: ContentHash,
}

/// `mine` with what `theirs` adds, and what it added or could not. Keeps every item of
/// `mine` as it is; corrections from `theirs` go after this reader's, in their order.
pub fn merge(mine: &Work, theirs: &Work) -> (Work, Summary) {
    let mut merged = mine.clone();
    let mut summary = Summary::default();
    merge_tags(&mut merged, theirs, &mut summary);

    let starred: HashSet<ContentHash> = mine.stars.iter().map(|k| k.hash).collect();
    for star in &theirs.stars {
        if !starred.contains(&star.hash) {
            merged.stars.push(*star);
            summary.new.push(Item::Star(*star));
        }
    }

    let notes: HashMap<(ContentHash, Span, u64), usize> = mine
        .notes
        .iter()
        .enumerate()
        .map(|(i, n)| ((n.doc.hash, n.span, n.created), i))
        .collect();
    for note in &theirs.notes {
        match notes.get(&(note.doc.hash, note.span, note.created)) {
            None => {
                merged.notes.push(note.clone());
                summary.new.push(Item::Note {
                    doc: note.doc,
                    span: note.span,
                    created: note.created,
                });
            }
            Some(&i) if differs_in_content(&mine.notes[i], note) => summary.conflicts.push(Conflict::Note {
                mine: mine.notes[i].clone(),
                theirs: note.clone(),
            }),
            Some(_) => {}
        }
    }

    let corrections: HashSet<&Correction> = mine.corrections.iter().collect();
    for correction in &theirs.corrections {
        if !corrections.contains(correction) {
            merged.corrections.push(correction.clone());
            summary.new.push(Item::Correction(correction.clone()));
        }
    }

    for list in &theirs.name_lists {
        match mine.name_lists.iter().find(|l| l.name == list.name) {
            None => {
                merged.name_lists.push(list.clone());
                summary.new.push(Item::NameList(list.name.clone()));
            }
            Some(m) if m.names != list.names => summary.conflicts.push(Conflict::NameList {
                mine: m.clone(),
                theirs: list.clone(),
            }),
            Some(_) => {}
        }
    }

    for search in &theirs.saved_searches {
        match mine.saved_searches.iter().find(|s| s.name == search.name) {
            None => {
                merged.saved_searches.push(search.clone());
                summary.new.push(Item::SavedSearch(search.name.clone()));
            }
            Some(m) if m != search => summary.conflicts.push(Conflict::SavedSearch {
                mine: Box::new(m.clone()),
                theirs: Box::new(search.clone()),
            }),
            Some(_) => {}
        }
    }
    (merged, summary)
}

/// Tags by name: a new tag comes whole; a known one gains the documents it lacks (putting
/// a document under a tag on either side is never undone by the other), and a different
/// colour is a conflict.
fn merge_tags(merged: &mut Work, theirs: &Work, summary: &mut Summary) {
    for tag in &theirs.tags {
        // In any case, as tags are told apart everywhere else (`change::tag_key`).
        let key = tag_key(&tag.name);
        let Some(mine) = merged.tags.iter_mut().find(|t| tag_key(&t.name) == key) else {
            merged.tags.push(tag.clone());
            summary.new.push(Item::Tag(tag.name.clone()));
            continue;
        };
        if mine.colour != tag.colour {
            summary.conflicts.push(Conflict::TagColour {
                tag: tag.name.clone(),
                mine: mine.colour.clone(),
                theirs: tag.colour.clone(),
            });
        }
        let carried: HashSet<ContentHash> = mine.documents.iter().map(|k| k.hash).collect();
        for doc in &tag.documents {
            if !carried.contains(&doc.hash) {
                mine.documents.push(*doc);
                summary.new.push(Item::Tagging {
                    tag: tag.name.clone(),
                    doc: *doc,
                });
            }
        }
    }
}

/// The same note with other words or another edit time (its key may differ only in the
/// id, which names the same text).
fn differs_in_content(mine: &Note, theirs: &Note) -> bool {
    mine.text != theirs.text || mine.edited != theirs.edited
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::correction::EntityRef;
    use crate::doc_key::tests_support::corpus;
    use crate::doc_key::DocHashes;
    use crate::work::{FacetPicks, Tag};
    use dossier_model::document::DocId;
    use dossier_model::entity::EntityType;

    fn colour(hex: &str) -> Colour {
        Colour::try_from(hex.to_owned()).expect("a colour")
    }

    fn note(doc: DocKey, text: &str, created: u64, edited: u64) -> Note {
        Note {
            doc,
            span: Span::new(0, 3),
            text: text.into(),
            created,
            edited,
        }
    }

    fn retype(name: &str) -> Correction {
        Correction::Retype {
            entity: EntityRef::new(name, EntityType::Person),
            to: EntityType::Org,
        }
    }

    #[test]
    fn a_tag_named_in_another_case_is_the_same_tag() {
        let c = corpus(&["One.", "Two."]);
        let hashes = DocHashes::new(&c.documents);
        let [a, b] = [0, 1].map(|i| hashes.key(DocId(i)).expect("a document"));
        let tag = |name: &str, doc: DocKey| Tag {
            name: name.into(),
            colour: colour("#ff0000"),
            documents: vec![doc],
        };
        let mine = Work {
            tags: vec![tag("Leads", a)],
            ..Work::default()
        };
        let theirs = Work {
            tags: vec![tag("leads", b)],
            ..Work::default()
        };
        let (merged, summary) = merge(&mine, &theirs);
        assert_eq!(merged.tags.len(), 1, "one tag, named as mine");
        assert_eq!(merged.tags[0].name, "Leads");
        assert_eq!(merged.tags[0].documents, [a, b]);
        assert!(
            !summary.new.iter().any(|i| matches!(i, Item::Tag(_))),
            "{:?}",
            summary.new
        );
    }

    #[test]
    fn what_they_add_comes_in_and_what_both_changed_keeps_mine() {
        let c = corpus(&["One.", "Two.", "Three."]);
        let hashes = DocHashes::new(&c.documents);
        let [a, b, d] = [0, 1, 2].map(|i| hashes.key(DocId(i)).expect("a document"));
        let search = |query: &str| SavedSearch {
            name: "Latest".into(),
            query: query.into(),
            facets: FacetPicks::default(),
        };
        let mine = Work {
            tags: vec![Tag {
                name: "Leads".into(),
                colour: colour("#ff0000"),
                documents: vec![a],
            }],
            stars: vec![a],
            notes: vec![note(a, "mine", 1, 5)],
            corrections: vec![retype("Apple")],
            name_lists: vec![NameList {
                name: "Suspects".into(),
                names: vec!["Smith".into()],
            }],
            saved_searches: vec![search("budget")],
        };
        // Their keys carry another build's ids: documents match by text.
        let moved = |k: DocKey| DocKey {
            id: DocId(k.id.0 + 10),
            ..k
        };
        let theirs = Work {
            tags: vec![
                Tag {
                    name: "Leads".into(),
                    colour: colour("#00ff00"),
                    documents: vec![moved(a), b],
                },
                Tag {
                    name: "Dead ends".into(),
                    colour: colour("#777777"),
                    documents: vec![d],
                },
            ],
            stars: vec![moved(a), d],
            notes: vec![note(moved(a), "theirs", 1, 9), note(b, "new", 2, 2)],
            corrections: vec![retype("Samsung"), retype("Apple")],
            name_lists: vec![NameList {
                name: "Suspects".into(),
                names: vec!["Smith".into(), "Jones".into()],
            }],
            saved_searches: vec![search("budget")],
        };
        let (merged, summary) = merge(&mine, &theirs);

        assert_eq!(merged.tags[0].colour, colour("#ff0000"));
        assert_eq!(merged.tags[0].documents, [a, b]);
        assert_eq!(merged.tags[1].name, "Dead ends");
        assert_eq!(merged.stars, [a, d]);
        assert_eq!(merged.notes, [note(a, "mine", 1, 5), note(b, "new", 2, 2)]);
        assert_eq!(merged.corrections, [retype("Apple"), retype("Samsung")]);
        assert_eq!(merged.name_lists, mine.name_lists);
        assert_eq!(merged.saved_searches, mine.saved_searches);

        assert_eq!(
            summary.new,
            [
                Item::Tagging {
                    tag: "Leads".into(),
                    doc: b
                },
                Item::Tag("Dead ends".into()),
                Item::Star(d),
                Item::Note {
                    doc: b,
                    span: Span::new(0, 3),
                    created: 2
                },
                Item::Correction(retype("Samsung")),
            ]
        );
        assert_eq!(
            summary.conflicts,
            [
                Conflict::TagColour {
                    tag: "Leads".into(),
                    mine: colour("#ff0000"),
                    theirs: colour("#00ff00")
                },
                Conflict::Note {
                    mine: note(a, "mine", 1, 5),
                    theirs: note(moved(a), "theirs", 1, 9)
                },
                Conflict::NameList {
                    mine: mine.name_lists[0].clone(),
                    theirs: theirs.name_lists[0].clone()
                },
            ]
        );
        assert!(summary.lacking.is_empty() && !summary.other_build);

        // A conflicting saved search is reported too, and merging again adds nothing.
        let (_, summary) = merge(
            &merged,
            &Work {
                saved_searches: vec![search("tax")],
                ..Work::default()
            },
        );
        assert_eq!(
            summary.conflicts,
            [Conflict::SavedSearch {
                mine: Box::new(search("budget")),
                theirs: Box::new(search("tax"))
            }]
        );
        assert!(summary.new.is_empty());
        let (again, summary) = merge(&merged, &theirs);
        assert_eq!(again, merged);
        assert!(summary.new.is_empty());
    }
}
