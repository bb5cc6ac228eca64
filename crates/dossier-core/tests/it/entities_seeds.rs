//! Entity recognition and linking on the five seed articles.

use dossier_model::entity::{Entities, EntityType};
use dossier_model::Corpus;

fn seeds() -> (&'static Corpus, &'static Entities) {
    let corpus = crate::fixture::analysed();
    (corpus, &corpus.entities)
}

/// The types of every entity called `name` (canonically or by alias).
fn kinds(name: &str) -> Vec<EntityType> {
    let (_, entities) = seeds();
    entities
        .find(name)
        .into_iter()
        .filter_map(|id| entities.entity(id))
        .map(|e| e.kind)
        .collect()
}

/// Every surface form the seeds mention, with its entity's canonical name and type.
fn mentioned() -> Vec<(&'static str, &'static str, EntityType)> {
    let (corpus, entities) = seeds();
    corpus
        .documents
        .iter()
        .flat_map(|doc| {
            entities.mentions_in(doc.id).iter().filter_map(move |m| {
                let e = entities.entity(m.entity)?;
                Some((&doc.text[m.span.range()], e.name.as_str(), e.kind))
            })
        })
        .collect()
}

#[test]
fn places_are_gpe_or_loc() {
    for name in ["Samarkand", "Uzbekistan", "Moscow", "Beijing"] {
        assert_eq!(kinds(name), [EntityType::Gpe], "{name}");
    }
    assert_eq!(kinds("Sea of Japan"), [EntityType::Loc]);
}

#[test]
fn organisations_and_events() {
    for name in ["Shanghai Cooperation Organization", "NATO", "Gazprom", "Tass"] {
        assert_eq!(kinds(name), [EntityType::Org], "{name}");
    }
    assert_eq!(kinds("Vostok 2022"), [EntityType::Event]);
    assert_eq!(kinds("Winter Olympics"), [EntityType::Event]);
    assert_eq!(kinds("Eastern Economic Forum"), [EntityType::Event]);
}

#[test]
fn partial_names_acronyms_and_transliterations_are_linked() {
    let (_, entities) = seeds();
    for (alias, canonical, kind) in [
        ("Xi", "Xi Jinping", EntityType::Person),
        ("Putin", "Vladimir Putin", EntityType::Person),
        ("Andrei Denisov", "Andrey Denisov", EntityType::Person),
        ("SCO", "Shanghai Cooperation Organization", EntityType::Org),
    ] {
        let ids = entities.find(alias);
        assert_eq!(ids.len(), 1, "{alias} is one entity");
        let entity = entities.entity(ids[0]).expect("found id");
        assert_eq!(entity.name, canonical, "{alias}");
        assert_eq!(entity.kind, kind, "{alias}");
    }
    let xi = &entities.entities[entities.find("Xi Jinping")[0].0 as usize];
    assert!(xi.documents.len() >= 4, "Xi is in most seeds: {:?}", xi.documents);
}

#[test]
fn names_carry_no_titles_and_furniture_is_no_entity() {
    for (surface, canonical, kind) in mentioned() {
        for furniture in [
            "Advertisement",
            "Listen",
            "Share",
            "SHARE THIS ARTICLE",
            "Gift Article",
        ] {
            assert!(
                !surface.contains(furniture),
                "{surface:?} ({canonical}, {kind:?})"
            );
        }
        if kind == EntityType::Person {
            for title in ["President", "Mr ", "Minister", "leader"] {
                assert!(!canonical.contains(title), "{canonical}");
            }
        }
        if kind.is_name() {
            assert!(!surface.starts_with("the "), "{surface}");
        }
    }
    assert!(kinds("Advertisement").is_empty());
}

#[test]
fn dates_are_found() {
    let found = mentioned();
    for date in ["September 15-16", "September 13", "February 24", "next week"] {
        assert!(
            found.iter().any(|(s, _, k)| *s == date && *k == EntityType::Date),
            "{date} is a DATE"
        );
    }
}

#[test]
fn mentions_are_sorted_disjoint_and_on_char_boundaries() {
    let (corpus, entities) = seeds();
    assert_eq!(entities.mentions.len(), corpus.documents.len());
    for doc in &corpus.documents {
        let mentions = entities.mentions_in(doc.id);
        for pair in mentions.windows(2) {
            assert!(pair[0].span.end <= pair[1].span.start);
        }
        for m in mentions {
            assert!(doc.text.get(m.span.range()).is_some_and(|s| !s.is_empty()));
            let entity = entities.entity(m.entity).expect("mention's entity exists");
            assert!(entity.documents.binary_search(&doc.id).is_ok());
        }
    }
}
