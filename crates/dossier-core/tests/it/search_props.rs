//! Any query string is valid input: searching never panics, and every mark it returns
//! lies inside the text it marks, on char boundaries. What the engine keeps between
//! queries (planned words, score accumulators) never changes an answer.

use dossier_ingest::ingest;
use dossier_ingest::source::SourceFile;
use dossier_model::Span;
use dossier_search::{index::build, Engine};
use proptest::prelude::*;

const ARTICLES: [&str; 4] = [
    "Leaders meet in Samarkand\n\nMoscow, September 13: Vladimir Putin and Xi Jinping will meet at the SCO summit, officials said.\n",
    "Élysée «réunion» à Paris\n\nLe président a reçu les dirigeants à l'Élysée. Naïve café owners said “no comment”.\n",
    "Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m).\n",
    "İSTANBUL ǅ ﬁnance\n\nThe ﬁrm's ΣΊΣΥΦΟΣ unit and the straße office both grew 10% on 2022-09-07.\n",
];

fn engine() -> Engine {
    let files = ARTICLES
        .iter()
        .enumerate()
        .map(|(i, a)| SourceFile::new(format!("{i}.txt"), a.as_bytes().to_vec()))
        .collect();
    let corpus = ingest(files);
    let index = build(&corpus);
    Engine::new(corpus, index)
}

/// Queries built from the corpus's words, operators and odd characters.
fn query() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("putin ".to_owned()),
        Just("élysée ".to_owned()),
        Just("\"xi jinping\" ".to_owned()),
        Just("\"".to_owned()),
        Just("-".to_owned()),
        Just("OR ".to_owned()),
        Just("title:".to_owned()),
        Just("outlet:".to_owned()),
        Just("date:2022-09..".to_owned()),
        Just("entity:".to_owned()),
        Just("ﬁ".to_owned()),
        Just("İ".to_owned()),
        Just("Σ".to_owned()),
        "[a-zA-Z]{1,10}",
        "[ -~]{0,6}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
}

fn inside(text: &str, span: Span) -> bool {
    span.start <= span.end
        && span.end as usize <= text.len()
        && text.is_char_boundary(span.start as usize)
        && text.is_char_boundary(span.end as usize)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn marks_and_snippets_stay_inside_their_text(q in query(), typing in any::<bool>()) {
        let e = engine();
        let results = e.search(&q, typing);
        for hit in &results.hits {
            let doc = &e.corpus().documents[hit.doc.0 as usize];
            let marks = results.marks(&e, hit.doc);
            for m in &marks.title {
                prop_assert!(inside(&doc.title.text, *m), "title mark {m:?} for {q:?}");
            }
            for m in &marks.body {
                prop_assert!(inside(&doc.text, *m), "body mark {m:?} for {q:?}");
            }
            let snippet = results.explain(&e, hit.doc).snippet;
            for m in &snippet.marks {
                prop_assert!(inside(&snippet.text, *m), "snippet mark {m:?} for {q:?}");
            }
        }
    }

    /// A session of queries (as when typing, one after another on one engine) answers
    /// each exactly as a fresh engine does.
    #[test]
    fn earlier_queries_never_change_an_answer(session in prop::collection::vec((query(), any::<bool>()), 1..6)) {
        let used = engine();
        for (q, typing) in &session {
            let fresh = engine().search(q, *typing);
            let again = used.search(q, *typing);
            prop_assert_eq!(&again.hits, &fresh.hits, "{:?} after {:?}", q, session);
            prop_assert_eq!(&again.suggestion, &fresh.suggestion);
        }
    }

    /// Warming up fills caches only: answers after it are a fresh engine's.
    #[test]
    fn warming_up_changes_no_answer(q in query(), typing in any::<bool>()) {
        let warm = engine();
        warm.warm_up();
        prop_assert_eq!(warm.search(&q, typing).hits, engine().search(&q, typing).hits);
    }

    #[test]
    fn any_string_searches(q in any::<String>(), typing in any::<bool>()) {
        let e = engine();
        let _ = e.search(&q, typing);
    }
}

#[test]
fn folded_words_find_their_accented_forms() {
    let e = engine();
    assert_eq!(e.search("elysee", false).hits.len(), 1);
    assert_eq!(e.search("CAFE", false).hits.len(), 1);
    let r = e.search("elysee", false);
    let doc = &e.corpus().documents[r.hits[0].doc.0 as usize];
    let marks = r.marks(&e, r.hits[0].doc);
    assert_eq!(&doc.title.text[marks.title[0].range()], "Élysée");
    let r = e.search("cafe", false);
    let doc = &e.corpus().documents[r.hits[0].doc.0 as usize];
    assert_eq!(doc.slice(r.marks(&e, r.hits[0].doc).body[0]), "café");
}
