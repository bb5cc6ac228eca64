//! Search on the five seed articles: known items, every operator, marks and snippets.

use dossier_ingest::ingest;
use dossier_search::{index::build, Engine, QueryNote};

fn engine() -> Engine {
    let corpus = ingest(crate::fixture::seed_files());
    // Through the embedded format, as the app gets it.
    dossier_store::decode(&dossier_store::encode(&corpus, &build(&corpus))).expect("round trip")
}

/// Files (the first three characters of their names) of the hits, best first.
fn files(e: &Engine, q: &str) -> Vec<String> {
    e.search(q, false)
        .hits
        .iter()
        .map(|h| e.corpus().documents[h.doc.0 as usize].origin.file[..3].to_owned())
        .collect()
}

fn top3(e: &Engine, q: &str, file: &str) {
    let found = files(e, q);
    assert!(
        found.iter().take(3).any(|f| f == file),
        "{q:?}: expected {file} in the top 3, got {found:?}"
    );
}

#[test]
fn known_items_rank_in_the_top_three() {
    let e = engine();
    top3(&e, "Kremlin praises importance", "001");
    top3(&e, "Denisov press conference", "000");
    top3(&e, "Yuri Ushakov", "001");
    top3(&e, "serious full-fledged meeting detailed agenda", "002");
    top3(&e, "reportedly meet Uzbekistan following week", "003");
    top3(&e, "Queen Elizabeth funeral", "004");
    top3(&e, "CNN Russian troops", "004");
    top3(&e, "pandemic overseas visit", "002");
}

#[test]
fn all_words_must_match_and_title_weighs_more() {
    let e = engine();
    assert_eq!(files(&e, "putin xi").len(), 5);
    assert!(files(&e, "putin zzzz").is_empty());
    // "Kremlin" is in 001's headline and in its body; the headline hit ranks first.
    assert_eq!(files(&e, "kremlin")[0], "001");
}

#[test]
fn phrases_match_consecutive_words_only() {
    let e = engine();
    let mut andrey = files(&e, "\"Andrey Denisov\"");
    andrey.sort();
    assert_eq!(andrey, vec!["000", "002"]);
    assert_eq!(files(&e, "\"Andrei Denisov\""), vec!["003"]);
    assert!(files(&e, "\"Denisov Andrey\"").is_empty());
}

#[test]
fn exclusions_remove_documents() {
    let e = engine();
    let all = files(&e, "putin");
    let without = files(&e, "putin -ushakov");
    assert_eq!(without.len(), all.len() - 1);
    assert!(!without.contains(&"001".to_owned()));
    let without_phrase = files(&e, "putin -\"Andrey Denisov\"");
    assert!(!without_phrase.contains(&"000".to_owned()) && !without_phrase.contains(&"002".to_owned()));
}

#[test]
fn or_matches_either() {
    let e = engine();
    let either = files(&e, "ushakov OR cnn");
    assert_eq!(either.len(), 2, "{either:?}");
}

#[test]
fn field_filters() {
    let e = engine();
    assert_eq!(files(&e, "title:kremlin"), vec!["001"]);
    assert!(files(&e, "title:ushakov").is_empty());
    assert_eq!(files(&e, "putin outlet:press"), vec!["000"]);
    assert_eq!(files(&e, "date:2022-09-07"), vec!["002"]);
    assert!(files(&e, "putin date:2023").is_empty());
}

#[test]
fn the_word_being_typed_matches_as_a_prefix() {
    let e = engine();
    assert_eq!(files(&e, "ushak").len(), 0, "not a prefix once typing is over");
    let typing = e.search("ushak", true);
    assert_eq!(typing.hits.len(), 1);
}

#[test]
fn typos_are_tolerated_by_length() {
    let e = engine();
    top3(&e, "Kremlni", "001"); // 7 letters: one edit
    top3(&e, "Samarkadn", "001"); // 9 letters: two edits (a swap is two)
    assert!(files(&e, "Pution").len() >= 4, "6 letters, one edit");
    assert!(files(&e, "Xu").is_empty(), "short words must match exactly");
}

#[test]
fn no_results_offers_a_correction_that_finds_something() {
    let e = engine();
    // Words under five letters must match exactly, so "Xii" finds nothing...
    let r = e.search("Xii Jinping", false);
    assert!(r.hits.is_empty());
    // ...and the nearest word that makes the query find something is offered.
    assert_eq!(r.suggestion.as_deref(), Some("xi Jinping"));
}

#[test]
fn malformed_queries_search_and_say_what_they_did() {
    let e = engine();
    let r = e.search("\"Yuri Ushakov", false);
    assert_eq!(r.hits.len(), 1);
    assert_eq!(r.query.notes, vec![QueryNote::UnclosedQuote]);
    let r = e.search("- ushakov", false);
    assert_eq!(r.hits.len(), 1);
    assert_eq!(r.query.notes, vec![QueryNote::LoneMinus]);
}

#[test]
fn marks_and_snippets_point_at_the_matched_words() {
    let e = engine();
    let r = e.search("Ushakov Samarkand", false);
    let doc = r.hits[0].doc;
    let d = &e.corpus().documents[doc.0 as usize];
    let marks = r.marks(&e, doc);
    assert!(!marks.body.is_empty());
    for m in &marks.body {
        let word = d.slice(*m).to_lowercase();
        assert!(word == "ushakov" || word == "samarkand", "marked {word:?}");
    }
    let title_marks: Vec<&str> = marks.title.iter().map(|m| &d.title.text[m.range()]).collect();
    assert_eq!(title_marks, vec!["Samarkand"]);
    let snippet = r.explain(&e, doc).snippet;
    assert!(snippet.text.contains("Ushakov"), "{snippet:?}");
    let marked: Vec<&str> = snippet.marks.iter().map(|m| &snippet.text[m.range()]).collect();
    assert!(marked.contains(&"Ushakov"), "{marked:?}");
}

#[test]
fn phrase_marks_cover_the_whole_phrase() {
    let e = engine();
    let r = e.search("\"Yuri Ushakov\"", false);
    let doc = r.hits[0].doc;
    let d = &e.corpus().documents[doc.0 as usize];
    let marks = r.marks(&e, doc);
    assert!(
        marks.body.iter().all(|m| d.slice(*m) == "Yuri Ushakov"),
        "{marks:?}"
    );
}

#[test]
fn removed_page_furniture_is_not_searchable() {
    let e = engine();
    // "SHARE THIS ARTICLE" style bars and "[ad_1]" are removed by ingest.
    assert!(files(&e, "ad_1").is_empty());
    assert!(files(&e, "\"gift article\"").is_empty());
}

#[test]
fn exclusions_that_remove_every_match_say_so() {
    let e = engine();
    let all = e.search("samarkand", false).hits.len();
    let r = e.search("samarkand -ukraine", false);
    assert!(r.hits.is_empty(), "every Samarkand article mentions Ukraine");
    assert!(
        r.query.notes.contains(&QueryNote::AllExcluded {
            matches: all,
            excluded: vec!["ukraine".into()]
        }),
        "{:?}",
        r.query.notes
    );
    assert_eq!(
        r.query.notes.last().map(ToString::to_string).as_deref(),
        Some(format!("all {all} matches mention \u{201C}ukraine\u{201D}, which the query excludes").as_str())
    );
    // An exclusion that leaves hits, or words that match nothing anyway, say nothing of it.
    let some = e.search("samarkand -denisov", false);
    assert!(!some.hits.is_empty());
    assert!(!some
        .query
        .notes
        .iter()
        .any(|n| matches!(n, QueryNote::AllExcluded { .. })));
    let none = e.search("zanzibar -ukraine", false);
    assert!(!none
        .query
        .notes
        .iter()
        .any(|n| matches!(n, QueryNote::AllExcluded { .. })));
}

#[test]
fn an_unknown_filter_is_named_and_searched_as_words() {
    let e = engine();
    let r = e.search("kremlin:ushakov putin", false);
    assert!(r
        .query
        .notes
        .contains(&QueryNote::UnknownFilter("kremlin".into())));
    assert_eq!(
        files(&e, "kremlin:ushakov putin"),
        files(&e, "kremlin ushakov putin")
    );
    assert!(!r.hits.is_empty());
    // Times and web addresses are not filters.
    for q in ["10:30", "https://example.com"] {
        assert!(
            !e.search(q, false)
                .query
                .notes
                .iter()
                .any(|n| matches!(n, QueryNote::UnknownFilter(_))),
            "{q}"
        );
    }
}

#[test]
fn a_lone_minus_searches_as_if_absent() {
    let e = engine();
    let every = e.corpus().documents.len();
    assert_eq!(e.search("-", false).hits.len(), every);
    assert_eq!(e.search(" - ", true).hits.len(), every);
    assert_eq!(files(&e, "putin -"), files(&e, "putin"));
}

#[test]
fn token_starts_found_in_the_text_are_the_indexed_tokens() {
    // Positions in the postings count these starts: one for every indexed token, each
    // where the analyser found it, removed page furniture skipped.
    let e = engine();
    let analyzer = dossier_search::analyze::Analyzer::default();
    for doc in &e.corpus().documents {
        let (title, body) = dossier_search::index::token_starts(doc);
        let (t, b) = dossier_search::index::document_tokens(&analyzer, doc);
        let t: Vec<u32> = t.map(|t| t.start as u32).collect();
        let b: Vec<u32> = b.map(|t| t.start as u32).collect();
        assert_eq!(title, t, "{}", doc.origin.file);
        assert_eq!(body, b, "{}", doc.origin.file);
        assert_eq!(title.len() as u32, e.index().title_len(doc.id.0));
        assert_eq!(body.len() as u32, e.index().body_len(doc.id.0));
    }
}
