//! The seeds' entity conventions (issue 19), checked on each of the five seeds: a date
//! range is one DATE and a number inside a date is part of it; an event's year belongs
//! to its name; a nationality that begins an organisation's name is not a NORP of its
//! own; a byline names no one; consecutive names are separate mentions; two places
//! joined by a hyphen are two places; a name no type fits is kept as MISC. Mentions in
//! flagged regions (spliced headlines) are kept, marked and hidden by the views, so these
//! rules hold for them too.

use dossier_model::document::Document;
use dossier_model::entity::EntityType;

/// A seed's mentions as (surface, start, end, type).
type Mentions = Vec<(&'static str, usize, usize, EntityType)>;

/// Each seed and its mentions.
fn seeds() -> Vec<(&'static Document, Mentions)> {
    let corpus = crate::fixture::analysed();
    let entities = &corpus.entities;
    corpus
        .documents
        .iter()
        .map(|doc| {
            let mentions = entities
                .mentions_in(doc.id)
                .iter()
                .filter_map(|m| {
                    let kind = entities.entity(m.entity)?.kind;
                    let (start, end) = (m.span.start as usize, m.span.end as usize);
                    Some((&doc.text[start..end], start, end, kind))
                })
                .collect();
            (doc, mentions)
        })
        .collect()
}

/// The mentions of the seed whose text holds `needle`, by surface.
fn in_seed_with(needle: &str) -> Vec<(&'static str, EntityType)> {
    let seeds = seeds();
    let (_, mentions) = seeds
        .iter()
        .find(|(doc, _)| doc.text.contains(needle))
        .unwrap_or_else(|| panic!("no seed holds {needle:?}"));
    mentions.iter().map(|&(s, _, _, k)| (s, k)).collect()
}

#[test]
fn a_date_range_is_one_date_with_its_numbers() {
    let seeds = seeds();
    assert_eq!(seeds.len(), 5, "five seeds");
    for (doc, mentions) in &seeds {
        for pair in mentions.windows(2) {
            let ((a, _, a_end, a_kind), (b, b_start, _, b_kind)) = (pair[0], pair[1]);
            let between = &doc.text[a_end..b_start];
            let joined = matches!(
                between,
                "-" | "\u{2013}" | " to " | " and " | " through " | " until "
            );
            assert!(
                !(a_kind == EntityType::Date && joined && b_kind == EntityType::Cardinal),
                "{}: {a:?}{between}{b:?} splits a date range",
                doc.origin.file
            );
        }
    }
    assert!(in_seed_with("From September 1 to 7").contains(&("September 1 to 7", EntityType::Date)));
    assert!(in_seed_with("September 15 and 16").contains(&("September 15 and 16", EntityType::Date)));
    assert!(in_seed_with("September 15-16").contains(&("September 15-16", EntityType::Date)));
}

#[test]
fn an_events_year_belongs_to_its_name() {
    for (doc, mentions) in seeds() {
        for pair in mentions.windows(2) {
            let ((a, _, a_end, a_kind), (b, b_start, _, b_kind)) = (pair[0], pair[1]);
            let year = b.len() == 4 && b.bytes().all(|c| c.is_ascii_digit());
            assert!(
                !(a_kind == EntityType::Event && b_kind == EntityType::Date && year && a_end + 1 == b_start),
                "{}: the year of {a:?} is a DATE of its own",
                doc.origin.file
            );
        }
    }
    let vostok = in_seed_with("Vostok 2022 (East 2022)");
    assert!(vostok.contains(&("Vostok 2022", EntityType::Event)), "{vostok:?}");
    assert!(vostok.contains(&("East 2022", EntityType::Event)), "{vostok:?}");
}

#[test]
fn a_nationality_inside_an_organisations_name_is_no_group() {
    const HEADS: [&str; 6] = ["Army", "Navy", "Ministry", "Government", "Party", "Embassy"];
    for (doc, mentions) in seeds() {
        for &(surface, _, end, kind) in &mentions {
            let next = doc.text[end..]
                .strip_prefix(' ')
                .and_then(|t| t.split([' ', ',', '.']).next());
            assert!(
                !(kind == EntityType::Norp && next.is_some_and(|w| HEADS.contains(&w))),
                "{}: {surface:?} is tagged NORP before {next:?}",
                doc.origin.file
            );
        }
    }
    assert!(in_seed_with("Indian Army").contains(&("Indian Army", EntityType::Org)));
}

#[test]
fn a_byline_names_no_one() {
    const BYLINE: [&str; 6] = ["Staff", "Reporter", "Correspondent", "Writer", "Desk", "Editor"];
    for (doc, mentions) in seeds() {
        for &(surface, ..) in &mentions {
            assert!(
                !surface.split(' ').all(|w| BYLINE.contains(&w)),
                "{}: byline {surface:?} is an entity",
                doc.origin.file
            );
        }
    }
}

#[test]
fn consecutive_names_and_hyphenated_places_are_separate_mentions() {
    let li = in_seed_with("Xi Jinping Li Zhanshu");
    assert!(li.contains(&("Li Zhanshu", EntityType::Person)), "{li:?}");
    let seeds = seeds();
    let (doc, mentions) = seeds
        .iter()
        .find(|(doc, _)| doc.text.contains("Xi Jinping Li Zhanshu"))
        .expect("seed");
    let at = doc.text.find("Xi Jinping Li Zhanshu").expect("in text");
    let here: Vec<&str> = mentions
        .iter()
        .filter(|m| m.1 >= at && m.2 <= at + "Xi Jinping Li Zhanshu".len())
        .map(|m| m.0)
        .collect();
    assert_eq!(here, ["Xi Jinping", "Li Zhanshu"]);
    let seeds_with_pair = seeds
        .iter()
        .find(|(doc, _)| doc.text.contains("China-Russia relationship"))
        .expect("seed");
    let at = seeds_with_pair.0.text.find("China-Russia").expect("in text");
    let pair: Vec<(&str, EntityType)> = seeds_with_pair
        .1
        .iter()
        .filter(|m| m.1 >= at && m.2 <= at + "China-Russia".len())
        .map(|m| (m.0, m.3))
        .collect();
    assert_eq!(pair, [("China", EntityType::Gpe), ("Russia", EntityType::Gpe)]);
}

/// A name the tagger found but no OntoNotes type fits is kept as MISC, not dropped
/// ("COVID-19"); a policy the tagger cut at "and" is one organisation ("Belt and Road
/// Initiative", not a MISC "Belt").
#[test]
fn names_without_a_type_are_kept_and_an_initiative_is_whole() {
    let covid = in_seed_with("COVID-19");
    assert!(covid.contains(&("COVID-19", EntityType::Misc)), "{covid:?}");
    let belt = in_seed_with("Belt and Road");
    assert!(
        belt.contains(&("Belt and Road Initiative", EntityType::Org)),
        "{belt:?}"
    );
    assert!(!belt.iter().any(|&(s, _)| s == "Belt"), "{belt:?}");
}
