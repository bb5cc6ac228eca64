//! Searching the index the file's head holds, before its positions arrive: one-word
//! queries answer as the whole index does; a phrase matches its words anywhere and no
//! nearness ranks, and the results say so; the positions put back give the final answer.

use dossier_search::index::{build, SearchIndex};
use dossier_search::query::QueryNote;
use dossier_search::{Engine, SearchResults};

const ARTICLES: [&str; 4] = [
    "Grain deal\n\nThe grain deal was signed in Istanbul after long talks.\n",
    "Talks stall\n\nThe deal on grain stalled; ports stayed closed for a week.\n",
    "Port news\n\nShips left the port on Monday, carrying wheat and grain.\n",
    "Weather\n\nRain fell on the coast for the third day running.\n",
];

/// The whole index's engine and the head's (the same index without its positions).
fn engines() -> (Engine, Engine) {
    let corpus = crate::corpus_of(&ARTICLES);
    let whole = build(&corpus);
    let head = SearchIndex::from_raw(whole.raw().clone()).unwrap();
    (Engine::new(corpus.clone(), whole), Engine::new(corpus, head))
}

fn ranked(results: &SearchResults) -> Vec<(u32, u32)> {
    results
        .hits
        .iter()
        .map(|h| (h.doc.0, (h.score * 1000.0) as u32))
        .collect()
}

fn provisional(results: &SearchResults) -> bool {
    results
        .query
        .notes
        .iter()
        .any(|n| matches!(n, QueryNote::Provisional { .. }))
}

#[test]
fn one_word_answers_as_the_whole_index_does() {
    let (whole, head) = engines();
    for query in ["grain", "deal", "port", "rain -coast", "gra"] {
        let (w, h) = (whole.search(query, true), head.search(query, true));
        assert_eq!(ranked(&h), ranked(&w), "{query}");
        assert!(!provisional(&h) && !provisional(&w), "{query}");
    }
}

#[test]
fn a_phrase_matches_its_words_anywhere_until_the_positions_arrive() {
    let (whole, head) = engines();
    let exact = whole.search("\"grain deal\"", false);
    let early = head.search("\"grain deal\"", false);
    let docs = |r: &SearchResults| {
        let mut d: Vec<u32> = r.hits.iter().map(|h| h.doc.0).collect();
        d.sort_unstable();
        d
    };
    assert_eq!(docs(&exact), [0]);
    assert_eq!(docs(&early), [0, 1], "the second article has both words apart");
    assert!(provisional(&early) && !provisional(&exact));
    assert!(early.query.notes[0]
        .to_string()
        .contains("a phrase matches its words anywhere"));
    // An excluded phrase would exclude too much: said too.
    assert!(provisional(&head.search("grain -\"grain deal\"", false)));
}

#[test]
fn several_words_rank_without_nearness_and_say_so() {
    let (whole, head) = engines();
    let (w, h) = (
        whole.search("grain deal", false),
        head.search("grain deal", false),
    );
    let docs = |r: &SearchResults| {
        let mut d: Vec<u32> = r.hits.iter().map(|h| h.doc.0).collect();
        d.sort_unstable();
        d
    };
    assert_eq!(docs(&h), docs(&w));
    assert!(provisional(&h) && !provisional(&w));
    assert!(h.query.notes[0].to_string().contains("how near the words are"));
    // Adjacent words earn the whole index a boost the head cannot give.
    let top = |r: &SearchResults, doc: u32| r.hits.iter().find(|x| x.doc.0 == doc).unwrap().score;
    assert!(top(&w, 0) > top(&h, 0));
}

#[test]
fn the_positions_put_back_give_the_whole_answer() {
    let (whole, head) = engines();
    let positions = whole.index().raw_positions().unwrap().clone();
    let joined = Engine::new(
        head.corpus().clone(),
        head.index().with_positions(positions).unwrap(),
    );
    for query in ["\"grain deal\"", "grain deal", "port wheat", "deal"] {
        assert_eq!(
            ranked(&joined.search(query, false)),
            ranked(&whole.search(query, false)),
            "{query}"
        );
    }
}
