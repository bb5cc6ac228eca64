//! The case file written and read back, on the same build, a rebuild and another corpus,
//! and every way a file can be unreadable.

use super::*;
use crate::correction::{Correction, EntityRef, MentionRef};
use crate::doc_key::tests_support::corpus;
use crate::work::{Colour, FacetPicks, NameList, Note, SavedSearch, Tag};
use dossier_model::document::DocId;
use dossier_model::entity::EntityType;
use dossier_model::Corpus;
use serde_json::{json, Value};

const TEXTS: [&str; 3] = [
    "First story, from Paris.",
    "Second story, from Berlin.",
    "Third story, from Rome.",
];

fn span_of(doc: usize, needle: &str) -> Span {
    let at = TEXTS[doc].find(needle).expect("in the text");
    Span::new(at, at + needle.len())
}

/// One of each record, on the documents of `TEXTS` as `hashes` numbers them.
fn sample(hashes: &DocHashes) -> Work {
    let key = |i: u32| hashes.key(DocId(i)).expect("a document");
    Work {
        tags: vec![Tag {
            name: "Leads".into(),
            colour: Colour::try_from("#ff8800".to_owned()).expect("a colour"),
            documents: vec![key(0), key(2)],
        }],
        stars: vec![key(1)],
        notes: vec![Note {
            doc: key(0),
            span: span_of(0, "Paris"),
            text: "Which Paris? Texas?".into(),
            created: 1_765_000_000_000,
            edited: 1_765_000_100_000,
        }],
        corrections: vec![
            Correction::Rename {
                entity: EntityRef::new("Paris", EntityType::Gpe),
                to: "Paris, France".into(),
            },
            Correction::Add {
                mention: MentionRef {
                    doc: key(2),
                    span: span_of(2, "Rome"),
                },
                kind: EntityType::Gpe,
                everywhere: false,
            },
        ],
        name_lists: vec![NameList {
            name: "Capitals".into(),
            names: vec!["Paris".into(), "Rome".into()],
        }],
        saved_searches: vec![SavedSearch {
            name: "Stories".into(),
            query: "story -Berlin".into(),
            facets: FacetPicks {
                types: vec![EntityType::Gpe],
                entities: vec![EntityRef::new("Paris", EntityType::Gpe)],
                tags: vec!["Leads".into()],
                starred: true,
                ..FacetPicks::default()
            },
        }],
    }
}

struct Build {
    corpus: Corpus,
    hashes: DocHashes,
}

fn build(texts: &[&str]) -> Build {
    let corpus = corpus(texts);
    let hashes = DocHashes::new(&corpus.documents);
    Build { corpus, hashes }
}

impl Build {
    fn read(&self, text: &str) -> Result<Incoming, ImportError> {
        read(text, &self.corpus.documents, &self.hashes)
    }
}

/// The sample's file with `edit` applied to its JSON.
fn edited(edit: impl FnOnce(&mut Value)) -> String {
    let here = build(&TEXTS);
    let mut value: Value = serde_json::from_str(&export(&sample(&here.hashes), &here.hashes)).expect("JSON");
    edit(&mut value);
    value.to_string()
}

#[test]
fn a_file_reads_back_as_the_work_it_was_made_from() {
    let here = build(&TEXTS);
    let work = sample(&here.hashes);
    let text = export(&work, &here.hashes);
    assert!(text.contains("\"format\": \"dossier-case-file\""), "{text}");
    assert!(
        text.contains(&format!("\"corpus\": \"{}\"", here.hashes.corpus())),
        "{text}"
    );
    let incoming = here.read(&text).expect("readable");
    assert_eq!(
        incoming,
        Incoming {
            work: work.clone(),
            lacking: Vec::new(),
            other_build: false
        }
    );

    let (merged, summary) =
        import(&text, &here.corpus.documents, &here.hashes, &Work::default()).expect("readable");
    assert_eq!(merged, work);
    assert_eq!(summary.new.len(), 7, "{summary:#?}");
    assert!(summary.conflicts.is_empty() && summary.lacking.is_empty() && !summary.other_build);

    let (merged, summary) = import(&text, &here.corpus.documents, &here.hashes, &work).expect("readable");
    assert_eq!(
        (merged, summary),
        (work, Summary::default()),
        "one's own file brings nothing"
    );
}

#[test]
fn a_rebuild_finds_documents_by_their_text_and_lists_what_it_lacks() {
    let before = build(&TEXTS);
    let text = export(&sample(&before.hashes), &before.hashes);
    // A rebuild: one article more, one less, the order changed.
    let after = build(&["A new story.", TEXTS[2], TEXTS[0]]);
    let incoming = after.read(&text).expect("readable");
    assert!(incoming.other_build);
    assert_eq!(incoming.work.notes[0].doc.id, DocId(2));
    let tagged: Vec<DocId> = incoming.work.tags[0].documents.iter().map(|k| k.id).collect();
    assert_eq!(tagged, [DocId(2), DocId(1)]);
    let second = before.hashes.key(DocId(1)).expect("a document");
    assert_eq!(
        incoming.lacking,
        [Lacking {
            item: Item::Star(second),
            doc: second.hash
        }]
    );
    assert_eq!(
        incoming.work.stars,
        [second],
        "kept, for a build that has it again"
    );
}

#[test]
fn a_file_from_another_corpus_is_refused() {
    let here = build(&TEXTS);
    let text = export(&sample(&here.hashes), &here.hashes);
    let elsewhere = build(&["Nothing in common.", "At all."]);
    let err = elsewhere.read(&text).expect_err("another corpus");
    assert_eq!(
        err,
        ImportError::OtherCorpus {
            file: here.hashes.corpus(),
            this: elsewhere.hashes.corpus()
        }
    );
    assert!(err.to_string().contains("another corpus"), "{err}");
    // With nothing that names a document, the corpus hash alone decides.
    let names_only = export(
        &Work {
            name_lists: sample(&here.hashes).name_lists,
            ..Work::default()
        },
        &here.hashes,
    );
    assert!(matches!(
        elsewhere.read(&names_only),
        Err(ImportError::OtherCorpus { .. })
    ));
    assert!(here.read(&names_only).is_ok());
}

#[test]
fn a_newer_file_is_named_as_newer() {
    let here = build(&TEXTS);
    let newer = edited(|v| {
        v["version"] = json!(FORMAT_VERSION + 1);
        v["work"]["a_record_from_the_future"] = json!([]);
    });
    let err = here.read(&newer).expect_err("newer");
    assert_eq!(
        err,
        ImportError::Newer {
            found: FORMAT_VERSION + 1,
            supported: FORMAT_VERSION
        }
    );
    assert!(err.to_string().contains("newer Dossier"), "{err}");
}

#[test]
fn damaged_and_foreign_files_get_the_error_for_their_fault() {
    let here = build(&TEXTS);
    let whole = edited(|_| {});
    let cut = &whole[..whole.len() / 2];
    let not_json = ["", "   ", "{", "case file", cut];
    for text in not_json {
        let err = here.read(text).expect_err(text);
        assert!(matches!(err, ImportError::NotJson { .. }), "{text:?}: {err:?}");
        assert!(err.to_string().contains("not readable JSON"), "{err}");
    }
    for text in [
        "[1, 2]",
        "\"dossier-case-file\"",
        "{}",
        r#"{"format": "something-else", "version": 1}"#,
        "null",
    ] {
        assert_eq!(
            here.read(text).expect_err(text),
            ImportError::NotACaseFile,
            "{text}"
        );
    }
    let damaged: [(String, &str); 6] = [
        (
            edited(|v| v["work"]["tags"][0]["colour"] = json!("red; background: url(x)")),
            "#rrggbb",
        ),
        (
            edited(|v| v["work"]["stars"][0]["hash"] = json!("not a hash")),
            "hexadecimal",
        ),
        (
            edited(|v| v["work"]["notes"][0]["created"] = json!(-1)),
            "invalid value",
        ),
        (
            edited(|v| v["work"]["corrections"][0] = json!({"explode": {}})),
            "unknown variant",
        ),
        (edited(|v| v["work"] = json!(null)), "invalid type"),
        (edited(|v| v["version"] = json!(0)), "version"),
    ];
    for (text, says) in &damaged {
        let err = here.read(text).expect_err(says);
        assert!(matches!(err, ImportError::Damaged { .. }), "{says}: {err:?}");
        assert!(err.to_string().contains(says), "{err}");
    }
}

#[test]
fn a_passage_outside_its_document_is_refused() {
    let here = build(&TEXTS);
    let len = TEXTS[0].len();
    for (start, end) in [
        (0, len + 1),
        (5, 5),
        (9, 3),
        (u32::MAX as usize, u32::MAX as usize),
    ] {
        let text = edited(|v| v["work"]["notes"][0]["span"] = json!({"start": start, "end": end}));
        let err = here.read(&text).expect_err("outside");
        assert!(
            matches!(err, ImportError::BadSpan { .. }),
            "{start}..{end}: {err:?}"
        );
        assert!(err.to_string().contains("not a passage"), "{err}");
    }
    let text =
        edited(|v| v["work"]["corrections"][1]["add"]["mention"]["span"] = json!({"start": 0, "end": 999}));
    assert!(matches!(here.read(&text), Err(ImportError::BadSpan { .. })));
}
