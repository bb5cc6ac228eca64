//! Searching with the reader's tags, stars and notes: `tag:`, `is:starred`, `note:`, and
//! a note's words finding its document, ranked below the same words in a text.

use dossier_model::document::DocId;
use dossier_model::entity::Counting;
use dossier_search::annotations::NoteIndex;
use dossier_search::query::QueryNote;
use dossier_search::{index::build, Annotations, AnnotationsBuilder, Engine, SearchResults};
use proptest::prelude::*;
use std::rc::Rc;

/// Four articles; only the last says "embassy", all but the third mention a "visa".
const ARTICLES: [&str; 4] = [
    "Visa rules change\n\nThe ministry said the visa rules change in May.\n",
    "Talks on trade\n\nOfficials met in Geneva to talk about trade and a visa deal.\n",
    "Harvest is late\n\nFarmers said the rain delayed the harvest this year.\n",
    "Embassy reopens\n\nThe embassy reopened on Monday; visa queues were long.\n",
];

fn engine() -> Engine {
    let corpus = crate::corpus_of(&ARTICLES);
    let index = build(&corpus);
    Engine::new(corpus, index)
}

/// Tag "Follow up" on 0 and 1, "Geneva" on 1; stars on 1 and 2; a note on 2 about the
/// embassy, a note on 0 about sources, and notes on documents the corpus lacks.
fn marks() -> Annotations {
    let mut b = AnnotationsBuilder::default();
    b.tag("Follow up", DocId(0))
        .tag("follow UP", DocId(1))
        .tag("Geneva", DocId(1))
        .tag("Follow up", DocId(99))
        .star(DocId(1))
        .star(DocId(2))
        .star(DocId(42))
        .notes(Rc::new(NoteIndex::new([
            (DocId(0), "Two sources confirm the date"),
            (DocId(2), "Check with the embassy about the drought"),
            (DocId(77), "embassy harvest sources"),
        ])));
    b.build()
}

fn search(engine: &Engine, input: &str, annotations: &Annotations) -> SearchResults {
    engine.search_annotated(input, false, Counting::Text, annotations)
}

fn docs(results: &SearchResults) -> Vec<u32> {
    let mut d: Vec<u32> = results.hits.iter().map(|h| h.doc.0).collect();
    d.sort_unstable();
    d
}

#[test]
fn tag_keeps_the_documents_carrying_it_in_any_case() {
    let (e, m) = (engine(), marks());
    assert_eq!(docs(&search(&e, "tag:\"FOLLOW up\"", &m)), [0, 1]);
    assert_eq!(docs(&search(&e, "visa tag:\"follow up\"", &m)), [0, 1]);
}

#[test]
fn several_tags_must_all_hold_and_a_minus_excludes() {
    let (e, m) = (engine(), marks());
    assert_eq!(docs(&search(&e, "tag:\"follow up\" tag:geneva", &m)), [1]);
    assert_eq!(docs(&search(&e, "visa -tag:geneva", &m)), [0, 3]);
}

#[test]
fn an_unknown_tag_is_a_note_and_matches_nothing() {
    let (e, m) = (engine(), marks());
    let r = search(&e, "visa tag:urgent", &m);
    assert!(r.hits.is_empty());
    assert!(r.query.notes.contains(&QueryNote::UnknownTag("urgent".into())));
    let r = search(&e, "visa -tag:urgent", &m);
    assert_eq!(docs(&r), [0, 1, 3], "excluding an unknown tag excludes nothing");
    assert!(r.query.notes.contains(&QueryNote::UnknownTag("urgent".into())));
    let r = search(&e, "tag:geneva", &Annotations::default());
    assert!(r.hits.is_empty(), "without annotations every tag is unknown");
}

#[test]
fn is_starred_keeps_starred_documents() {
    let (e, m) = (engine(), marks());
    assert_eq!(docs(&search(&e, "is:starred", &m)), [1, 2]);
    assert_eq!(docs(&search(&e, "IS:Starred visa", &m)), [1]);
    assert_eq!(docs(&search(&e, "-is:starred", &m)), [0, 3]);
    let r = search(&e, "is:read visa", &m);
    assert_eq!(docs(&r), [0, 1, 3]);
    assert_eq!(r.query.notes, [QueryNote::UnknownState("read".into())]);
}

#[test]
fn note_filters_by_a_notes_words_analysed_like_the_text() {
    let (e, m) = (engine(), marks());
    let r = search(&e, "note:Embassies", &m);
    assert_eq!(docs(&r), [2], "doc 3's text says embassy, but no note of it does");
    assert_eq!(r.matched_notes(DocId(2)), [1]);
    assert_eq!(docs(&search(&e, "note:\"with the embassy\"", &m)), [2]);
    assert!(search(&e, "note:\"the embassy with\"", &m).hits.is_empty());
    assert_eq!(docs(&search(&e, "-note:embassy", &m)), [0, 1, 3]);
    assert_eq!(docs(&search(&e, "note:confi", &m)), Vec::<u32>::new());
    let typing = e.search_annotated("note:confi", true, Counting::Text, &m);
    assert_eq!(docs(&typing), [0], "the word being typed is a prefix");
}

#[test]
fn a_notes_words_find_its_document() {
    let (e, m) = (engine(), marks());
    let r = search(&e, "drought", &m);
    assert_eq!(docs(&r), [2], "only the note says drought");
    assert_eq!(r.matched_notes(DocId(2)), [1]);
    assert!(search(&e, "drought", &Annotations::default()).hits.is_empty());
    let r = search(&e, "\"with the embassy\"", &m);
    assert_eq!(docs(&r), [2]);
    assert!(
        search(&e, "title:drought", &m).hits.is_empty(),
        "title: is the title only"
    );
}

#[test]
fn a_text_match_ranks_above_a_note_match_of_the_same_word() {
    let (e, m) = (engine(), marks());
    let r = search(&e, "embassy", &m);
    let order: Vec<u32> = r.hits.iter().map(|h| h.doc.0).collect();
    assert_eq!(order, [3, 2]);
    assert!(r.hits[0].score > r.hits[1].score);
    assert!(r.matched_notes(DocId(3)).is_empty());
    assert_eq!(r.matched_notes(DocId(2)), [1]);
}

#[test]
fn every_word_must_match_in_the_text_or_a_note() {
    let (e, m) = (engine(), marks());
    // Doc 2: "harvest" in its text, "embassy" in its note.
    assert_eq!(docs(&search(&e, "harvest embassy", &m)), [2]);
    assert!(search(&e, "harvest embassy", &Annotations::default())
        .hits
        .is_empty());
    assert_eq!(
        docs(&search(&e, "embassy -drought", &m)),
        [3],
        "-word excludes note matches"
    );
}

#[test]
fn notes_and_tags_on_documents_the_corpus_lacks_are_ignored() {
    let (e, m) = (engine(), marks());
    let r = search(&e, "sources", &m);
    assert_eq!(docs(&r), [0]);
    assert!(r.matched_notes(DocId(77)).is_empty());
    assert_eq!(docs(&search(&e, "is:starred", &m)), [1, 2]);
}

#[test]
fn no_annotations_is_the_plain_search() {
    let e = engine();
    for q in [
        "visa",
        "visa trade",
        "\"visa rules\"",
        "-visa",
        "emb",
        "visa -geneva",
    ] {
        let plain = e.search(q, true);
        let annotated = e.search_annotated(q, true, Counting::Text, &Annotations::default());
        assert_eq!(plain.hits, annotated.hits, "{q}");
        assert_eq!(plain.query, annotated.query, "{q}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Thousands of tags, stars and notes on random documents (most beyond the corpus):
    /// a search never panics, keeps only documents the corpus has, and only notes of
    /// the hit's own document are reported.
    #[test]
    fn huge_annotation_sets_are_safe(
        tagged in prop::collection::vec((0u8..8, 0u32..40), 0..3000),
        stars in prop::collection::vec(0u32..40, 0..500),
        notes in prop::collection::vec((0u32..40, "[a-z ]{0,24}"), 0..3000),
        query in prop_oneof![
            Just("tag:t3".to_owned()),
            Just("is:starred visa".to_owned()),
            "[a-z]{1,4}",
            "note:[a-z]{1,3}",
            "-tag:t1 [a-z]{2,5}",
        ],
    ) {
        let e = engine();
        let mut b = AnnotationsBuilder::default();
        for (t, d) in &tagged {
            b.tag(&format!("T{t}"), DocId(*d));
        }
        for d in &stars {
            b.star(DocId(*d));
        }
        b.notes(Rc::new(NoteIndex::new(notes.iter().map(|(d, text)| (DocId(*d), text.as_str())))));
        let by_note: Vec<u32> = notes.iter().map(|(d, _)| *d).collect();
        let m = b.build();
        let r = e.search_annotated(&query, true, Counting::Text, &m);
        for hit in &r.hits {
            prop_assert!(hit.doc.0 < 4);
            for &n in r.matched_notes(hit.doc) {
                prop_assert_eq!(by_note[n], hit.doc.0);
            }
        }
    }
}
