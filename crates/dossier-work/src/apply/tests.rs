//! Each correction on a small hand-made corpus, their combinations and order, undo, and
//! a property: any list of corrections, however hostile, leaves valid entities.

use super::*;
use crate::doc_key::tests_support;
use dossier_model::document::DocId;
use dossier_model::entity::{Counting, Place};
use dossier_model::Corpus;
use proptest::prelude::*;

const TEXTS: [&str; 3] = [
    "Xi Jinping met Putin in Moscow. Xi said Moscow was cold.",
    "President Xi visited Washington. Washington said Fordham was fine.",
    "Apple shares rose. Tim Cook of Apple spoke in Cupertino. Jinping was absent from Applebee's. Apple gained.",
];

/// A mention in the fixture: (document, its text, which occurrence of that text).
type At = (usize, &'static str, usize);

/// The base entities: (name, type, aliases, mentions).
/// Deliberately wrong in the ways readers correct: "Jinping" apart from "Xi Jinping",
/// Cupertino a person, one "Washington" a person, the last "Apple" missed.
const ENTITIES: [(&str, EntityType, &[&str], &[At]); 9] = [
    (
        "Xi Jinping",
        EntityType::Person,
        &["Xi"],
        &[(0, "Xi Jinping", 0), (0, "Xi", 1), (1, "Xi", 0)],
    ),
    ("Putin", EntityType::Person, &[], &[(0, "Putin", 0)]),
    (
        "Moscow",
        EntityType::Gpe,
        &[],
        &[(0, "Moscow", 0), (0, "Moscow", 1)],
    ),
    ("Washington", EntityType::Gpe, &[], &[(1, "Washington", 0)]),
    ("Apple", EntityType::Org, &[], &[(2, "Apple", 0), (2, "Apple", 1)]),
    ("Tim Cook", EntityType::Person, &[], &[(2, "Tim Cook", 0)]),
    ("Cupertino", EntityType::Person, &[], &[(2, "Cupertino", 0)]),
    ("Jinping", EntityType::Person, &[], &[(2, "Jinping", 0)]),
    ("Washington", EntityType::Person, &[], &[(1, "Washington", 1)]),
];

struct Fixture {
    corpus: Corpus,
    hashes: DocHashes,
}

/// The span of the `nth` occurrence of `needle` in document `doc`.
fn span(doc: usize, needle: &str, nth: usize) -> Span {
    let (at, _) = TEXTS[doc]
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} in document {doc}"));
    Span::new(at, at + needle.len())
}

fn fixture() -> Fixture {
    let mut corpus = tests_support::corpus(&TEXTS);
    let entities = &mut corpus.entities;
    entities.mentions = vec![Vec::new(); TEXTS.len()];
    for (id, (name, kind, aliases, mentions)) in ENTITIES.iter().enumerate() {
        let mut entity = Entity::new(EntityId(id as u32), *name, *kind);
        entity.aliases = aliases.iter().map(|a| a.to_string()).collect();
        entities.entities.push(entity);
        for &(doc, needle, nth) in *mentions {
            entities.mentions[doc].push(Mention {
                span: span(doc, needle, nth),
                entity: EntityId(id as u32),
                place: Place::Text,
            });
        }
    }
    for found in &mut entities.mentions {
        found.sort();
    }
    entities.recount();
    let hashes = DocHashes::new(&corpus.documents);
    Fixture { corpus, hashes }
}

impl Fixture {
    fn apply(&self, corrections: &[Correction]) -> Applied {
        let applied = apply(
            &self.corpus.entities,
            &self.corpus.documents,
            &self.hashes,
            corrections,
        );
        assert_valid(&self.corpus, &applied.entities);
        applied
    }

    /// The entities after `corrections`, which must all apply.
    fn fixed(&self, corrections: &[Correction]) -> Entities {
        let applied = self.apply(corrections);
        assert_eq!(applied.unapplied, [], "{corrections:?}");
        applied.entities
    }

    fn at(&self, doc: usize, needle: &str, nth: usize) -> MentionRef {
        MentionRef {
            doc: self
                .hashes
                .key(DocId(doc as u32))
                .expect("a document of the fixture"),
            span: span(doc, needle, nth),
        }
    }
}

fn person(name: &str) -> EntityRef {
    EntityRef::new(name, EntityType::Person)
}

fn one<'a>(entities: &'a Entities, name: &str, kind: EntityType) -> &'a Entity {
    let found: Vec<&Entity> = entities
        .entities
        .iter()
        .filter(|e| e.name == name && e.kind == kind)
        .collect();
    assert_eq!(found.len(), 1, "one {name} {kind:?} in {:#?}", entities.entities);
    found[0]
}

fn absent(entities: &Entities, name: &str, kind: EntityType) -> bool {
    !entities.entities.iter().any(|e| e.name == name && e.kind == kind)
}

/// The text of each mention of `entity`, as (document, text).
fn mentions_of(entities: &Entities, entity: &Entity) -> Vec<(usize, &'static str)> {
    entities
        .mentions
        .iter()
        .enumerate()
        .flat_map(|(doc, found)| {
            found
                .iter()
                .filter(|m| m.entity == entity.id)
                .map(move |m| (doc, &TEXTS[doc][m.span.range()]))
        })
        .collect()
}

/// What the views rely on: ids are positions, mentions sorted, disjoint, inside their
/// text on char boundaries and of a known entity, counts derived from the mentions, and
/// every entity mentioned.
fn assert_valid(corpus: &Corpus, entities: &Entities) {
    for (i, e) in entities.entities.iter().enumerate() {
        assert_eq!(e.id, EntityId(i as u32));
        assert!(e.mentions(Counting::Everything) > 0, "{e:?} has no mention");
    }
    for (doc, found) in entities.mentions.iter().enumerate() {
        let text = &corpus.documents[doc].text;
        for pair in found.windows(2) {
            assert!(
                pair[0].span.end <= pair[1].span.start,
                "{pair:?} overlap or are out of order"
            );
        }
        for m in found {
            assert!(span_fits(text, m.span), "{m:?}");
            assert!((m.entity.0 as usize) < entities.entities.len(), "{m:?}");
        }
    }
    let mut recounted = entities.clone();
    recounted.recount();
    assert_eq!(&recounted, entities, "counts derive from the mentions");
}

#[test]
fn no_corrections_give_the_build_s_entities() {
    let f = fixture();
    assert_eq!(f.fixed(&[]), f.corpus.entities);
}

#[test]
fn a_rename_keeps_the_old_name_as_an_alias_and_later_corrections_use_the_new() {
    let f = fixture();
    let fixed = f.fixed(&[
        Correction::Rename {
            entity: person("Xi Jinping"),
            to: " President Xi Jinping ".into(),
        },
        Correction::Retype {
            entity: person("President Xi Jinping"),
            to: EntityType::Norp,
        },
    ]);
    let xi = one(&fixed, "President Xi Jinping", EntityType::Norp);
    assert_eq!(xi.aliases, ["Xi", "Xi Jinping"]);
    assert_eq!(xi.counts.text, 3);
    assert_eq!(fixed.entities.len(), ENTITIES.len());
}

#[test]
fn renaming_to_another_entity_s_name_merges_them() {
    let f = fixture();
    let fixed = f.fixed(&[Correction::Rename {
        entity: person("Jinping"),
        to: "xi jinping".into(),
    }]);
    let xi = one(&fixed, "Xi Jinping", EntityType::Person);
    assert_eq!(
        mentions_of(&fixed, xi),
        [(0, "Xi Jinping"), (0, "Xi"), (1, "Xi"), (2, "Jinping")]
    );
    assert_eq!(xi.aliases, ["Xi", "Jinping"]);
    assert_eq!(xi.documents, [DocId(0), DocId(1), DocId(2)]);
    assert_eq!(fixed.entities.len(), ENTITIES.len() - 1);
}

#[test]
fn a_merge_moves_mentions_name_and_aliases_and_compacts_ids() {
    let f = fixture();
    let fixed = f.fixed(&[Correction::Merge {
        from: person("Xi Jinping"),
        into: person("Jinping"),
    }]);
    assert!(absent(&fixed, "Xi Jinping", EntityType::Person));
    let jinping = one(&fixed, "Jinping", EntityType::Person);
    assert_eq!(jinping.aliases, ["Xi Jinping", "Xi"]);
    assert_eq!(jinping.counts.text, 4);
    // The entities after the merged one moved down one place.
    assert_eq!(one(&fixed, "Putin", EntityType::Person).id, EntityId(0));
    assert_eq!(fixed.entities.len(), ENTITIES.len() - 1);
}

#[test]
fn a_correction_finds_its_entity_by_an_alias() {
    let f = fixture();
    let fixed = f.fixed(&[Correction::Retype {
        entity: person("XI"),
        to: EntityType::Org,
    }]);
    assert_eq!(one(&fixed, "Xi Jinping", EntityType::Org).counts.text, 3);
}

#[test]
fn a_split_mention_makes_its_own_entity_or_joins_the_named_one() {
    let f = fixture();
    let fixed = f.fixed(&[Correction::SplitMention {
        mention: f.at(1, "Xi", 0),
        into: person("Xi Mingze"),
    }]);
    let mingze = one(&fixed, "Xi Mingze", EntityType::Person);
    assert_eq!(mentions_of(&fixed, mingze), [(1, "Xi")]);
    assert_eq!(mingze.aliases, ["Xi"]);
    assert_eq!(one(&fixed, "Xi Jinping", EntityType::Person).counts.text, 2);

    // The second "Washington" (a person in the base) is the city after all.
    let fixed = f.fixed(&[Correction::SplitMention {
        mention: f.at(1, "Washington", 1),
        into: EntityRef::new("Washington", EntityType::Gpe),
    }]);
    assert_eq!(one(&fixed, "Washington", EntityType::Gpe).counts.text, 2);
    assert!(
        absent(&fixed, "Washington", EntityType::Person),
        "emptied, so gone"
    );
}

#[test]
fn a_split_alias_takes_the_mentions_written_so() {
    let f = fixture();
    let fixed = f.fixed(&[Correction::SplitAlias {
        entity: person("Xi Jinping"),
        alias: "xi".into(),
    }]);
    let xi = one(&fixed, "xi", EntityType::Person);
    assert_eq!(mentions_of(&fixed, xi), [(0, "Xi"), (1, "Xi")]);
    let jinping = one(&fixed, "Xi Jinping", EntityType::Person);
    assert!(jinping.aliases.is_empty());
    assert_eq!(mentions_of(&fixed, jinping), [(0, "Xi Jinping")]);

    let unapplied = f.apply(&[Correction::SplitAlias {
        entity: person("Putin"),
        alias: "Vlad".into(),
    }]);
    assert_eq!(unapplied.unapplied[0].reason, Skip::NoAlias("Vlad".into()));
}

#[test]
fn a_retype_moves_the_entity_and_merges_into_one_of_that_name_and_type() {
    let f = fixture();
    let fixed = f.fixed(&[Correction::Retype {
        entity: person("Cupertino"),
        to: EntityType::Gpe,
    }]);
    assert_eq!(one(&fixed, "Cupertino", EntityType::Gpe).counts.text, 1);
    assert!(absent(&fixed, "Cupertino", EntityType::Person));

    let fixed = f.fixed(&[Correction::Retype {
        entity: person("Washington"),
        to: EntityType::Gpe,
    }]);
    let washington = one(&fixed, "Washington", EntityType::Gpe);
    assert_eq!(
        mentions_of(&fixed, washington),
        [(1, "Washington"), (1, "Washington")]
    );
}

#[test]
fn not_an_entity_drops_it_and_all_its_mentions() {
    let f = fixture();
    let fixed = f.fixed(&[Correction::NotAnEntity {
        entity: EntityRef::new("Apple", EntityType::Org),
    }]);
    assert!(absent(&fixed, "Apple", EntityType::Org));
    assert_eq!(fixed.mentions[2].len(), 3, "Tim Cook, Cupertino and Jinping stay");
    assert_eq!(fixed.entities.len(), ENTITIES.len() - 1);
}

#[test]
fn not_a_mention_drops_one_mention_and_the_entity_only_when_emptied() {
    let f = fixture();
    let fixed = f.fixed(&[Correction::NotAMention {
        mention: f.at(0, "Moscow", 1),
    }]);
    assert_eq!(one(&fixed, "Moscow", EntityType::Gpe).counts.text, 1);
    let fixed = f.fixed(&[Correction::NotAMention {
        mention: f.at(0, "Putin", 0),
    }]);
    assert!(absent(&fixed, "Putin", EntityType::Person));
}

#[test]
fn an_added_span_is_a_new_entity_or_joins_one_and_overlaps_give_way() {
    let f = fixture();
    let fixed = f.fixed(&[Correction::Add {
        mention: f.at(1, "Fordham", 0),
        kind: EntityType::Org,
        everywhere: false,
    }]);
    let fordham = one(&fixed, "Fordham", EntityType::Org);
    assert_eq!(mentions_of(&fixed, fordham), [(1, "Fordham")]);

    // "President Xi" covers the mention "Xi", which gives way.
    let fixed = f.fixed(&[Correction::Add {
        mention: f.at(1, "President Xi", 0),
        kind: EntityType::Person,
        everywhere: false,
    }]);
    assert_eq!(one(&fixed, "President Xi", EntityType::Person).counts.text, 1);
    assert_eq!(one(&fixed, "Xi Jinping", EntityType::Person).counts.text, 2);

    // A selection with spaces around it marks the word alone; a name that is an alias
    // joins its entity.
    let selected = f.at(0, " Xi ", 0);
    let fixed = f.fixed(&[
        Correction::NotAMention {
            mention: f.at(0, "Xi", 1),
        },
        Correction::Add {
            mention: selected,
            kind: EntityType::Person,
            everywhere: false,
        },
    ]);
    let xi = one(&fixed, "Xi Jinping", EntityType::Person);
    assert_eq!(mentions_of(&fixed, xi), [(0, "Xi Jinping"), (0, "Xi"), (1, "Xi")]);
}

#[test]
fn an_added_span_everywhere_marks_whole_words_where_nothing_is_marked() {
    let f = fixture();
    let fixed = f.fixed(&[Correction::Add {
        mention: f.at(2, "Apple", 3),
        kind: EntityType::Org,
        everywhere: true,
    }]);
    let apple = one(&fixed, "Apple", EntityType::Org);
    // Not "Applebee's".
    assert_eq!(
        mentions_of(&fixed, apple),
        [(2, "Apple"), (2, "Apple"), (2, "Apple")]
    );

    // Both "Washington"s are mentions: everywhere, a new type takes only the one chosen.
    let fixed = f.fixed(&[Correction::Add {
        mention: f.at(1, "Washington", 0),
        kind: EntityType::Fac,
        everywhere: true,
    }]);
    assert_eq!(one(&fixed, "Washington", EntityType::Fac).counts.text, 1);
    assert_eq!(one(&fixed, "Washington", EntityType::Person).counts.text, 1);
    assert!(absent(&fixed, "Washington", EntityType::Gpe));
}

#[test]
fn a_mention_s_place_comes_from_its_document_s_regions() {
    let mut f = fixture();
    let region = dossier_model::document::Region {
        span: span(1, "Fordham was fine.", 0),
        kind: dossier_model::document::RegionKind::Footer,
    };
    f.corpus.documents[1].regions.push(region);
    let fixed = f.fixed(&[Correction::Add {
        mention: f.at(1, "Fordham", 0),
        kind: EntityType::Org,
        everywhere: false,
    }]);
    let fordham = one(&fixed, "Fordham", EntityType::Org);
    assert_eq!((fordham.counts.text, fordham.counts.removed), (0, 1));
    assert!(fordham.text_documents.is_empty());
}

#[test]
fn corrections_that_find_nothing_are_listed_and_change_nothing() {
    let f = fixture();
    let mut elsewhere = f.at(0, "Putin", 0);
    elsewhere.doc.hash = ContentHash::of_text("a text this corpus lacks");
    elsewhere.doc.id = DocId(9);
    let mut between = f.at(0, "Xi Jinping", 0);
    between.span = Span::new(1, 4);
    let mut outside = f.at(0, "Putin", 0);
    outside.span = Span::new(50, 500);
    let corrections = [
        Correction::Rename {
            entity: person("Nobody"),
            to: "Somebody".into(),
        },
        Correction::Rename {
            entity: person("Putin"),
            to: "  ".into(),
        },
        Correction::Merge {
            from: person("Putin"),
            into: person("putin"),
        },
        Correction::NotAMention { mention: elsewhere },
        Correction::NotAMention { mention: between },
        Correction::Add {
            mention: outside,
            kind: EntityType::Org,
            everywhere: true,
        },
        Correction::Retype {
            entity: EntityRef::new("Putin", EntityType::Gpe),
            to: EntityType::Person,
        },
    ];
    let applied = f.apply(&corrections);
    let reasons: Vec<Skip> = applied.unapplied.iter().map(|u| u.reason.clone()).collect();
    assert_eq!(
        reasons,
        [
            Skip::NoEntity(person("Nobody")),
            Skip::EmptyName,
            Skip::SameEntity,
            Skip::NoDocument(elsewhere.doc.hash),
            Skip::NoMention(Span::new(1, 4)),
            Skip::BadSpan(Span::new(50, 500)),
            Skip::NoEntity(EntityRef::new("Putin", EntityType::Gpe)),
        ]
    );
    assert_eq!(
        applied.unapplied.iter().map(|u| u.index).collect::<Vec<_>>(),
        [0, 1, 2, 3, 4, 5, 6]
    );
    assert_eq!(applied.entities, f.corpus.entities);
    assert!(reasons[0].to_string().contains("\"Nobody\""), "{}", reasons[0]);
}

#[test]
fn order_matters_and_each_correction_sees_the_ones_before() {
    let f = fixture();
    let split_then_merge = f.fixed(&[
        Correction::SplitAlias {
            entity: person("Xi Jinping"),
            alias: "Xi".into(),
        },
        Correction::Merge {
            from: person("Jinping"),
            into: person("Xi"),
        },
    ]);
    let xi = one(&split_then_merge, "Xi", EntityType::Person);
    assert_eq!(
        mentions_of(&split_then_merge, xi),
        [(0, "Xi"), (1, "Xi"), (2, "Jinping")]
    );

    // Merged first, "Xi" and "Jinping" are one entity with both as aliases: the split
    // takes the "Xi" mentions and leaves "Jinping" where the merge put it.
    let merge_then_split = f.fixed(&[
        Correction::Merge {
            from: person("Jinping"),
            into: person("Xi"),
        },
        Correction::SplitAlias {
            entity: person("Xi Jinping"),
            alias: "Xi".into(),
        },
    ]);
    let xi = one(&merge_then_split, "Xi", EntityType::Person);
    assert_eq!(mentions_of(&merge_then_split, xi), [(0, "Xi"), (1, "Xi")]);
    let jinping = one(&merge_then_split, "Xi Jinping", EntityType::Person);
    assert_eq!(
        mentions_of(&merge_then_split, jinping),
        [(0, "Xi Jinping"), (2, "Jinping")]
    );
}

#[test]
fn every_kind_combined_then_undone_one_by_one() {
    let f = fixture();
    let all = [
        Correction::Rename {
            entity: person("Tim Cook"),
            to: "Timothy Cook".into(),
        },
        Correction::Merge {
            from: person("Jinping"),
            into: person("Xi Jinping"),
        },
        Correction::SplitMention {
            mention: f.at(1, "Xi", 0),
            into: person("Xi Mingze"),
        },
        Correction::SplitAlias {
            entity: person("Xi Jinping"),
            alias: "Jinping".into(),
        },
        Correction::Retype {
            entity: person("Cupertino"),
            to: EntityType::Gpe,
        },
        Correction::NotAnEntity {
            entity: person("Putin"),
        },
        Correction::NotAMention {
            mention: f.at(0, "Moscow", 0),
        },
        Correction::Add {
            mention: f.at(2, "Apple", 3),
            kind: EntityType::Org,
            everywhere: true,
        },
    ];
    let fixed = f.fixed(&all);
    assert_eq!(
        one(&fixed, "Timothy Cook", EntityType::Person).aliases,
        ["Tim Cook"]
    );
    assert_eq!(one(&fixed, "Jinping", EntityType::Person).counts.text, 1);
    assert_eq!(one(&fixed, "Xi Jinping", EntityType::Person).counts.text, 2);
    assert_eq!(one(&fixed, "Xi Mingze", EntityType::Person).counts.text, 1);
    assert_eq!(one(&fixed, "Cupertino", EntityType::Gpe).counts.text, 1);
    assert!(absent(&fixed, "Putin", EntityType::Person));
    assert_eq!(one(&fixed, "Moscow", EntityType::Gpe).counts.text, 1);
    assert_eq!(one(&fixed, "Apple", EntityType::Org).counts.text, 3);

    // Undo is the list without its last corrections; each step differs from the next,
    // and undoing everything gives the build's entities back.
    let steps: Vec<Entities> = (0..=all.len()).map(|n| f.fixed(&all[..n])).collect();
    for pair in steps.windows(2) {
        assert_ne!(pair[0], pair[1]);
    }
    assert_eq!(steps[0], f.corpus.entities);
    assert_eq!(steps[all.len()], fixed);
}

/// Any correction the fixture can name: real and made-up names, spans anywhere.
fn any_correction() -> impl Strategy<Value = Correction> {
    let names = prop::sample::select(vec![
        "Xi Jinping",
        "Xi",
        "xi",
        "Jinping",
        "Putin",
        "Moscow",
        "Washington",
        "Apple",
        "Tim Cook",
        "Cupertino",
        "New",
        "",
    ]);
    let kinds = prop::sample::select(vec![EntityType::Person, EntityType::Gpe, EntityType::Org]);
    let entity = (names.clone(), kinds.clone()).prop_map(|(n, k)| EntityRef::new(n, k));
    let mention = (0..4u32, 0..120u32, 0..20u32).prop_map(|(doc, start, len)| {
        let hashes = DocHashes::new(&tests_support::corpus(&TEXTS).documents);
        let doc = hashes.key(DocId(doc)).unwrap_or(crate::doc_key::DocKey {
            hash: ContentHash::of_text("elsewhere"),
            id: DocId(doc),
        });
        MentionRef {
            doc,
            span: Span {
                start,
                end: start + len,
            },
        }
    });
    prop_oneof![
        (entity.clone(), names.clone()).prop_map(|(entity, to)| Correction::Rename {
            entity,
            to: to.into()
        }),
        (entity.clone(), entity.clone()).prop_map(|(from, into)| Correction::Merge { from, into }),
        (mention.clone(), entity.clone())
            .prop_map(|(mention, into)| Correction::SplitMention { mention, into }),
        (entity.clone(), names).prop_map(|(entity, alias)| Correction::SplitAlias {
            entity,
            alias: alias.into()
        }),
        (entity.clone(), kinds.clone()).prop_map(|(entity, to)| Correction::Retype { entity, to }),
        entity.prop_map(|entity| Correction::NotAnEntity { entity }),
        mention
            .clone()
            .prop_map(|mention| Correction::NotAMention { mention }),
        (mention, kinds, any::<bool>()).prop_map(|(mention, kind, everywhere)| Correction::Add {
            mention,
            kind,
            everywhere
        }),
    ]
}

proptest! {
    #[test]
    fn any_corrections_leave_valid_entities(corrections in prop::collection::vec(any_correction(), 0..12)) {
        let f = fixture();
        // `Fixture::apply` checks the entities; a correction's fate never depends on
        // the ones after it.
        let all = f.apply(&corrections);
        if let Some((_, before)) = corrections.split_last() {
            let earlier: Vec<&Unapplied> = all.unapplied.iter().filter(|u| u.index < before.len()).collect();
            let undone = f.apply(before);
            prop_assert_eq!(undone.unapplied.iter().collect::<Vec<_>>(), earlier);
        }
    }
}

#[test]
fn a_name_s_key_ignores_case_and_surrounding_spaces_on_either_path() {
    let long = "The Very Long Name Of An Organisation Beyond The Buffer";
    for (a, b) in [
        ("Xi Jinping", " XI JINPING "),
        ("Élysée", "éLYSÉE"),
        // The Kelvin sign lowercases to an ASCII k: the two paths must agree.
        ("\u{212A}im", "kim"),
        (long, &long.to_uppercase()),
    ] {
        assert_eq!(name_key(a), name_key(b), "{a} / {b}");
        assert!(same_words(a.trim(), b.trim()));
    }
    assert_ne!(name_key("Xi"), name_key("Xu"));
}
