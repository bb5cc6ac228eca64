//! `entity:` and `type:` filters, over hand-made entities (so the test pins the search
//! behaviour, not the recogniser's).

use dossier_ingest::ingest;
use dossier_ingest::source::SourceFile;
use dossier_model::entity::{Entities, Entity, EntityId, EntityType, Mention, Place};
use dossier_model::Corpus;
use dossier_model::Span;
use dossier_search::{index::build, Engine, QueryNote};

const ARTICLES: [&str; 3] = [
    "Leaders meet in Samarkand\n\nVladimir Putin met Xi Jinping in Samarkand on Thursday.\n",
    "Kremlin on talks\n\nPutin said the talks in Moscow went well, the Kremlin said.\n",
    "Markets steady\n\nShares rose in Beijing as traders waited for news.\n",
];

/// Where `needle` first occurs in document `doc`'s text.
fn span_of(corpus: &Corpus, doc: usize, needle: &str) -> Span {
    let text = &corpus.documents[doc].text;
    let start = text.find(needle).expect("needle in text") as u32;
    Span {
        start,
        end: start + needle.len() as u32,
    }
}

fn engine() -> Engine {
    let files = ARTICLES
        .iter()
        .enumerate()
        .map(|(i, a)| SourceFile::new(format!("{i}.txt"), a.as_bytes().to_vec()))
        .collect();
    let mut corpus = ingest(files);
    let entity = |id: u32, name: &str, kind, aliases: &[&str]| Entity {
        aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
        ..Entity::new(EntityId(id), name, kind)
    };
    let mention = |corpus: &Corpus, doc: usize, needle: &str, id: u32| Mention {
        span: span_of(corpus, doc, needle),
        entity: EntityId(id),
        place: Place::Text,
    };
    corpus.entities = Entities {
        entities: vec![
            entity(0, "Vladimir Putin", EntityType::Person, &["Putin"]),
            entity(1, "Xi Jinping", EntityType::Person, &[]),
            entity(2, "Beijing", EntityType::Gpe, &[]),
        ],
        mentions: vec![
            vec![
                mention(&corpus, 0, "Vladimir Putin", 0),
                mention(&corpus, 0, "Xi Jinping", 1),
            ],
            vec![mention(&corpus, 1, "Putin", 0)],
            vec![mention(&corpus, 2, "Beijing", 2)],
        ],
    };
    corpus.entities.recount();
    let index = build(&corpus);
    Engine::new(corpus, index)
}

fn docs(engine: &Engine, q: &str) -> Vec<u32> {
    let mut d: Vec<u32> = engine.search(q, false).hits.iter().map(|h| h.doc.0).collect();
    d.sort_unstable();
    d
}

#[test]
fn entity_filter_matches_canonical_names_and_aliases_in_any_case() {
    let e = engine();
    assert_eq!(docs(&e, "entity:\"Vladimir Putin\""), vec![0, 1]);
    assert_eq!(docs(&e, "entity:putin"), vec![0, 1]);
    assert_eq!(docs(&e, "entity:\"xi jinping\""), vec![0]);
}

#[test]
fn every_entity_filter_must_match_and_words_still_rank() {
    let e = engine();
    assert_eq!(docs(&e, "entity:Putin entity:\"Xi Jinping\""), vec![0]);
    assert_eq!(docs(&e, "talks entity:Putin"), vec![1]);
    assert!(docs(&e, "samarkand entity:Beijing").is_empty());
}

#[test]
fn type_filter_keeps_documents_that_mention_that_type() {
    let e = engine();
    assert_eq!(docs(&e, "type:PERSON"), vec![0, 1]);
    assert_eq!(docs(&e, "type:gpe"), vec![2]);
    assert!(docs(&e, "type:PERSON type:GPE").is_empty());
}

#[test]
fn unknown_names_and_types_are_noted() {
    let e = engine();
    let r = e.search("entity:\"Nobody Known\"", false);
    assert!(r.hits.is_empty());
    assert_eq!(
        r.query.notes,
        vec![QueryNote::UnknownEntity("Nobody Known".into())]
    );
    let r = e.search("samarkand type:WIDGET", false);
    assert_eq!(r.hits.len(), 1, "an unknown type is ignored");
    assert_eq!(r.query.notes, vec![QueryNote::UnknownType("WIDGET".into())]);
}

/// On the seeds: the snippet of an `entity:` or `type:` hit is a passage naming what was
/// asked for, marked, not the article's first paragraph.
#[test]
fn entity_and_type_snippets_show_a_marked_mention() {
    let c = crate::fixture::analysed();
    let engine = Engine::new(c.clone(), build(c));
    let xi = c
        .entities
        .entity(c.entities.find("Xi Jinping")[0])
        .expect("Xi Jinping");
    let names: Vec<&str> = std::iter::once(xi.name.as_str())
        .chain(xi.aliases.iter().map(String::as_str))
        .collect();
    for q in ["entity:\"Xi Jinping\"", "entity:xi type:PERSON"] {
        let results = engine.search(q, false);
        assert!(results.hits.len() >= 3, "{q}");
        for hit in &results.hits {
            let snippet = results.explain(&engine, hit.doc).snippet;
            let marked: Vec<&str> = snippet.marks.iter().map(|m| &snippet.text[m.range()]).collect();
            assert!(
                marked.iter().any(|m| names.contains(m)),
                "{q}: doc {} snippet {:?} marks {marked:?}",
                hit.doc.0,
                snippet.text
            );
        }
    }
    let people = engine.search("type:GPE", false);
    let hit = people.hits[0];
    let snippet = people.explain(&engine, hit.doc).snippet;
    assert!(
        !snippet.marks.is_empty(),
        "a place is marked in {:?}",
        snippet.text
    );
}
