//! Linking: mentions grouped into entities, first within a document, then across the
//! corpus.
//!
//! In a document, a partial name goes to the one fuller name it is part of ("Xi" to "Xi
//! Jinping", "Vostok" to "Vostok 2022") and an acronym to the name it follows in
//! parentheses ("Shanghai Cooperation Organization (SCO)"). Across documents, the same
//! name is one entity; a person's name spelt two ways is one when the surname is the same
//! and the first names differ by a letter or two ("Andrey"/"Andrei Denisov"); a bare
//! partial name or acronym goes to a full name only when exactly one in the corpus fits.
//! Two people who share a surname are never merged on the surname alone.

use super::gazetteer::Gazetteer;
use super::rules::Found;
use super::types::as_in_prose;
use dossier_model::document::Corpus;
use dossier_model::entity::{Entities, Entity, EntityId, EntityType, Mention};
use dossier_model::span::Span;
use std::collections::HashMap;

/// A name or value before linking: its key in the corpus (lower-cased local root name
/// and type).
type Key = (String, EntityType);

/// Groups the mentions `found` in each document of `corpus` into entities. A name the
/// gazetteer does not list takes the type most of its mentions have: the tagger, trained
/// on 1996 news, calls "Google" a place here and a company there.
pub fn link(corpus: &Corpus, found: &[Vec<Found>], gazetteer: &Gazetteer) -> Entities {
    let found = &vote_types(corpus, found, gazetteer);
    let mut nodes = Nodes::default();
    let mut acronyms: Vec<(String, usize)> = Vec::new();
    let mut doc_mentions: Vec<Vec<(Span, usize)>> = Vec::with_capacity(found.len());
    for (doc, names) in corpus.documents.iter().zip(found) {
        let local = LocalNames::new(&doc.text, names);
        let mut mentions = Vec::with_capacity(names.len());
        for f in names {
            let surface = &doc.text[f.span.range()];
            let (root, kind) = local.root(surface, f.kind);
            let node = nodes.node(key(root, kind), root);
            nodes.saw(node, surface);
            mentions.push((f.span, node));
        }
        for (short, long) in &local.acronyms {
            let long_kind = local.kind_of(long);
            let node = nodes.node(key(long, long_kind), long);
            acronyms.push((short.to_string(), node));
        }
        doc_mentions.push(mentions);
    }
    let mut sets = DisjointSets::new(nodes.len());
    merge_transliterations(&nodes, &mut sets);
    merge_partial_names(&nodes, &mut sets);
    merge_acronyms(&nodes, &acronyms, &mut sets);
    build(corpus, &nodes, &mut sets, doc_mentions)
}

/// `found` with every name the gazetteer does not list given its corpus-wide majority type.
/// GPE votes count a third: for an unlisted name GPE is only the default guess for what
/// the tagger called a location ("Google", "Nintendo" in 2005 news). A place the
/// gazetteer lists, in any case ("MILWAUKEE"), keeps its type in each mention: a city's
/// name is also its team's, and which one a mention is, only its context says.
pub(super) fn vote_types(corpus: &Corpus, found: &[Vec<Found>], gazetteer: &Gazetteer) -> Vec<Vec<Found>> {
    let mut votes: HashMap<&str, HashMap<EntityType, u32>> = HashMap::new();
    for (doc, names) in corpus.documents.iter().zip(found) {
        for f in names.iter().filter(|f| f.kind.is_name()) {
            let weight = if f.kind == EntityType::Gpe { 1 } else { 3 };
            let surface = &doc.text[f.span.range()];
            *votes.entry(surface).or_default().entry(f.kind).or_default() += weight;
        }
    }
    let winner: HashMap<&str, EntityType> = votes
        .into_iter()
        .filter(|(surface, kinds)| kinds.len() > 1 && gazetteer.kind(&as_in_prose(surface)).is_none())
        .filter_map(|(surface, kinds)| {
            let best = kinds
                .into_iter()
                .max_by_key(|&(kind, count)| (count, std::cmp::Reverse(kind)))?;
            Some((surface, best.0))
        })
        .collect();
    corpus
        .documents
        .iter()
        .zip(found)
        .map(|(doc, names)| {
            names
                .iter()
                .map(|f| Found {
                    span: f.span,
                    kind: winner.get(&doc.text[f.span.range()]).copied().unwrap_or(f.kind),
                })
                .collect()
        })
        .collect()
}

/// A name's key: lower-cased, and an acronym without its periods ("U.S." is "US").
fn key(name: &str, kind: EntityType) -> Key {
    let dotted = name.len() <= 12 && name.contains('.') && !name.contains(' ');
    let name = if dotted {
        name.replace('.', "")
    } else {
        name.to_owned()
    };
    (name.to_lowercase(), kind)
}

/// The names of one document, to find the fuller name a partial one is part of.
struct LocalNames<'t> {
    /// Distinct surfaces and their type (the first seen).
    names: Vec<(&'t str, EntityType)>,
    /// (short, long) from "Long Name (SHORT)".
    acronyms: Vec<(&'t str, &'t str)>,
}

impl<'t> LocalNames<'t> {
    fn new(text: &'t str, found: &[Found]) -> LocalNames<'t> {
        let mut names: Vec<(&str, EntityType)> = Vec::new();
        for f in found.iter().filter(|f| f.kind.is_name()) {
            let surface = &text[f.span.range()];
            if !names.iter().any(|(s, _)| *s == surface) {
                names.push((surface, f.kind));
            }
        }
        let acronyms = found
            .windows(2)
            .filter(|w| {
                w[0].kind.is_name()
                    && text.get(w[0].span.end as usize..w[1].span.start as usize) == Some(" (")
                    && text[w[1].span.end as usize..].starts_with(')')
                    && is_acronym(&text[w[1].span.range()])
            })
            .map(|w| (&text[w[1].span.range()], &text[w[0].span.range()]))
            .collect();
        LocalNames { names, acronyms }
    }

    fn kind_of(&self, surface: &str) -> EntityType {
        self.names
            .iter()
            .find(|(s, _)| *s == surface)
            .map_or(EntityType::Org, |(_, k)| *k)
    }

    /// The name a mention stands for in this document: itself, or the one fuller name
    /// it is part of, or the name its acronym was defined for.
    fn root(&self, surface: &'t str, kind: EntityType) -> (&'t str, EntityType) {
        if !kind.is_name() {
            return (surface, kind);
        }
        if let Some((_, long)) = self.acronyms.iter().find(|(short, _)| *short == surface) {
            return (long, self.kind_of(long));
        }
        let fuller: Vec<(&str, EntityType)> = self
            .names
            .iter()
            .filter(|(t, tk)| *t != surface && is_part_of(surface, kind, t, *tk))
            .copied()
            .collect();
        // The longest names only: "Putin" is in "Vladimir Putin" and in "Vladimir
        // Vladimirovich Putin" alike when one contains the other.
        let maximal: Vec<&(&str, EntityType)> = fuller
            .iter()
            .filter(|(t, tk)| !fuller.iter().any(|(u, uk)| u != t && is_part_of(t, *tk, u, *uk)))
            .collect();
        // Ambiguous between types: the one of the mention's own type wins ("Xi" the
        // person, not a mis-tagged headline "Xi Will").
        let same_kind: Vec<&&(&str, EntityType)> = maximal.iter().filter(|(_, tk)| *tk == kind).collect();
        match (maximal.as_slice(), same_kind.as_slice()) {
            ([(t, tk)], _) | (_, [(t, tk)]) => (t, *tk),
            _ => (surface, kind),
        }
    }
}

/// Whether a mention `short` (of type `kind`) can be a partial form of `long`: its words
/// are a run of a person's name, or the start of an organisation's or event's name
/// ("Vostok" of "Vostok 2022"), or an organisation's initials. Only people, organisations
/// and events have partial forms, and they may change type among themselves (the tagger
/// confuses them); a place or group never does ("London" is not "London Film Festival",
/// "French" not "French Open").
fn is_part_of(short: &str, kind: EntityType, long: &str, long_kind: EntityType) -> bool {
    let has_parts = |k| matches!(k, EntityType::Person | EntityType::Org | EntityType::Event);
    if !has_parts(kind) || !has_parts(long_kind) || short.len() >= long.len() {
        return false;
    }
    let short_words: Vec<&str> = short.split(' ').collect();
    let long_words: Vec<&str> = long.split(' ').collect();
    let run = long_words
        .windows(short_words.len())
        .position(|w| w == short_words.as_slice());
    // An organisation is part of an event only as the event's edition ("Vostok" of
    // "Vostok 2022"): "UEFA" is not the "UEFA Cup", nor the "Fed" the "Fed Cup".
    let edition = long_words.len() == short_words.len() + 1 && super::types::ends_in_year(long);
    match (long_kind, run) {
        (EntityType::Person, Some(_)) => true,
        (EntityType::Event, Some(0)) if kind == EntityType::Org => edition,
        (_, Some(0)) => long_kind != EntityType::Person,
        _ => long_kind == EntityType::Org && is_acronym(short) && initials(long) == short,
    }
}

fn is_acronym(word: &str) -> bool {
    (2..=8).contains(&word.len()) && word.chars().all(|c| c.is_ascii_uppercase())
}

/// "Shanghai Cooperation Organization" -> "SCO"; "North Atlantic Treaty Organization" ->
/// "NATO"; small words ("of", "the", "and") are skipped.
fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter(|w| w.starts_with(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// Corpus-wide names: one per key, with the surfaces and documents seen.
#[derive(Default)]
struct Nodes {
    keys: HashMap<Key, usize>,
    /// Per node: its key, its own name as first written, its surfaces with counts.
    info: Vec<NodeInfo>,
}

struct NodeInfo {
    key: Key,
    name: String,
    surfaces: Vec<(String, u32)>,
    mentions: u32,
}

impl Nodes {
    fn len(&self) -> usize {
        self.info.len()
    }

    fn node(&mut self, key: Key, name: &str) -> usize {
        if let Some(&n) = self.keys.get(&key) {
            return n;
        }
        let n = self.info.len();
        self.info.push(NodeInfo {
            key: key.clone(),
            name: name.to_owned(),
            surfaces: Vec::new(),
            mentions: 0,
        });
        self.keys.insert(key, n);
        n
    }

    fn saw(&mut self, node: usize, surface: &str) {
        let info = &mut self.info[node];
        info.mentions += 1;
        match info.surfaces.iter_mut().find(|(s, _)| s == surface) {
            Some((_, count)) => *count += 1,
            None => info.surfaces.push((surface.to_owned(), 1)),
        }
    }
}

/// Union-find over node indices.
struct DisjointSets(Vec<usize>);

impl DisjointSets {
    fn new(n: usize) -> DisjointSets {
        DisjointSets((0..n).collect())
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// "Andrey Denisov" with "Andrei Denisov": people with the same surname whose other names
/// are one or two letters apart (transliterations), never people whose first names differ
/// ("Boris Johnson", "Michael Johnson").
fn merge_transliterations(nodes: &Nodes, sets: &mut DisjointSets) {
    let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::new();
    for (n, info) in nodes.info.iter().enumerate() {
        if info.key.1 == EntityType::Person {
            if let Some((_, surname)) = info.key.0.rsplit_once(' ') {
                by_surname.entry(surname).or_default().push(n);
            }
        }
    }
    for group in by_surname.values() {
        for (i, &a) in group.iter().enumerate() {
            for &b in &group[i + 1..] {
                if same_person_spelt_differently(&nodes.info[a].key.0, &nodes.info[b].key.0) {
                    sets.union(a, b);
                }
            }
        }
    }
}

/// Two lower-cased full names, same surname, every other word a close spelling.
fn same_person_spelt_differently(a: &str, b: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    a.len() == b.len()
        && a.last() == b.last()
        && a.iter().zip(&b).all(|(x, y)| {
            let shorter = x.chars().count().min(y.chars().count());
            let allowed = if shorter >= 7 { 2 } else { 1 };
            x.chars().next() == y.chars().next() && shorter >= 3 && strsim::levenshtein(x, y) <= allowed
        })
}

/// A bare partial name ("Xi" in a document without "Xi Jinping") goes to the one full
/// name in the corpus it is part of, if exactly one entity fits.
fn merge_partial_names(nodes: &Nodes, sets: &mut DisjointSets) {
    let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
    for (n, info) in nodes.info.iter().enumerate() {
        if info.key.1.is_name() && info.key.0.contains(' ') {
            for word in info.key.0.split(' ') {
                by_word.entry(word).or_default().push(n);
            }
        }
    }
    for (n, info) in nodes.info.iter().enumerate() {
        let (name, kind) = (&info.key.0, info.key.1);
        if !kind.is_name() || name.contains(' ') {
            continue;
        }
        let candidates = by_word.get(name.as_str()).map_or(&[][..], Vec::as_slice);
        let mut roots: Vec<usize> = candidates
            .iter()
            .filter(|&&c| is_part_of(name, kind, &nodes.info[c].key.0, nodes.info[c].key.1))
            .map(|&c| sets.find(c))
            .collect();
        roots.sort_unstable();
        roots.dedup();
        if let [root] = roots.as_slice() {
            sets.union(n, *root);
        }
    }
}

/// An acronym ("SCO") goes to the name it was defined for in parentheses somewhere, or
/// whose initials it is, when exactly one entity fits.
fn merge_acronyms(nodes: &Nodes, defined: &[(String, usize)], sets: &mut DisjointSets) {
    let mut by_acronym: HashMap<String, Vec<usize>> = HashMap::new();
    for (short, long) in defined {
        by_acronym.entry(short.to_lowercase()).or_default().push(*long);
    }
    for (n, info) in nodes.info.iter().enumerate() {
        if matches!(info.key.1, EntityType::Org | EntityType::Gpe) && info.key.0.contains(' ') {
            let initials = initials(&info.name).to_lowercase();
            if initials.len() >= 2 {
                by_acronym.entry(initials).or_default().push(n);
            }
        }
    }
    for (n, info) in nodes.info.iter().enumerate() {
        if !info.key.1.is_name() || !is_acronym(&info.name.replace('.', "")) {
            continue;
        }
        let Some(longs) = by_acronym.get(&info.key.0) else {
            continue;
        };
        let mut roots: Vec<usize> = longs.iter().map(|&l| sets.find(l)).collect();
        roots.sort_unstable();
        roots.dedup();
        if let [root] = roots.as_slice() {
            sets.union(n, *root);
        }
    }
}

/// Entities from the merged nodes, numbered by first mention, and every document's
/// mentions pointing at them.
fn build(
    corpus: &Corpus,
    nodes: &Nodes,
    sets: &mut DisjointSets,
    doc_mentions: Vec<Vec<(Span, usize)>>,
) -> Entities {
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for n in 0..nodes.len() {
        groups.entry(sets.find(n)).or_default().push(n);
    }
    let mut ids: HashMap<usize, EntityId> = HashMap::new();
    let mut entities: Vec<Entity> = Vec::new();
    let mut mentions = Vec::with_capacity(doc_mentions.len());
    for (doc, found) in corpus.documents.iter().zip(doc_mentions) {
        let mut out = Vec::with_capacity(found.len());
        for (span, node) in found {
            let root = sets.find(node);
            let id = *ids.entry(root).or_insert_with(|| {
                let id = EntityId(u32::try_from(entities.len()).unwrap_or(u32::MAX));
                entities.push(entity(id, nodes, &groups[&root]));
                id
            });
            out.push(Mention {
                span,
                entity: id,
                place: doc.place_of(span),
            });
        }
        mentions.push(out);
    }
    let mut entities = Entities { entities, mentions };
    entities.recount();
    entities
}

/// One entity from its nodes: the longest name seen is canonical (most mentioned on a
/// tie), every other surface an alias.
fn entity(id: EntityId, nodes: &Nodes, members: &[usize]) -> Entity {
    let infos: Vec<&NodeInfo> = members.iter().map(|&n| &nodes.info[n]).collect();
    let canonical = infos
        .iter()
        .max_by_key(|i| {
            (
                i.name.chars().count(),
                i.mentions,
                std::cmp::Reverse(i.name.as_str()),
            )
        })
        .copied()
        .unwrap_or(infos[0]);
    let mut surfaces: Vec<(&str, u32)> = Vec::new();
    for info in &infos {
        for (s, count) in &info.surfaces {
            match surfaces.iter_mut().find(|(t, _)| t == s) {
                Some((_, c)) => *c += count,
                None => surfaces.push((s, *count)),
            }
        }
    }
    surfaces.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    Entity {
        aliases: surfaces
            .into_iter()
            .map(|(s, _)| s.to_owned())
            .filter(|s| *s != canonical.name)
            .collect(),
        ..Entity::new(id, canonical.name.clone(), canonical.key.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_ingest::ingest;
    use dossier_ingest::source::SourceFile;

    /// Links documents whose names are given as (surface, type); each document's text is a
    /// headline and the names joined into a sentence.
    fn linked(docs: &[&[(&str, EntityType)]]) -> (Corpus, Entities) {
        let files = docs
            .iter()
            .enumerate()
            .map(|(i, names)| {
                let body: Vec<&str> = names.iter().map(|(s, _)| *s).collect();
                let text = format!(
                    "Story number {i}\n\nThey said that {} met today.\n",
                    body.join(" and then ")
                );
                SourceFile::new(format!("{i}.txt"), text.into_bytes())
            })
            .collect();
        let corpus = ingest(files);
        let found: Vec<Vec<Found>> = corpus
            .documents
            .iter()
            .zip(docs)
            .map(|(doc, names)| {
                let mut at = 0;
                names
                    .iter()
                    .map(|(s, kind)| {
                        let start = at + doc.text[at..].find(s).expect("name in text");
                        at = start + s.len();
                        Found {
                            span: Span::new(start, at),
                            kind: *kind,
                        }
                    })
                    .collect()
            })
            .collect();
        let entities = link(&corpus, &found, &Gazetteer::embedded());
        (corpus, entities)
    }

    fn entity_of(entities: &Entities, doc: u32, nth: usize) -> &Entity {
        let m = entities.mentions_in(dossier_model::document::DocId(doc))[nth];
        &entities.entities[m.entity.0 as usize]
    }

    use EntityType::{Gpe, Org, Person};

    #[test]
    fn partial_names_link_to_the_full_name_in_the_document_and_corpus() {
        let (_, e) = linked(&[
            &[("Xi Jinping", Person), ("Xi", Person)],
            &[("Xi", Person)],
            &[("Xi", Org)],
        ]);
        let xi = entity_of(&e, 0, 0);
        assert_eq!(xi.name, "Xi Jinping");
        assert_eq!(xi.aliases, ["Xi"]);
        assert_eq!(entity_of(&e, 0, 1).id, xi.id);
        assert_eq!(entity_of(&e, 1, 0).id, xi.id, "unambiguous in the corpus");
        assert_eq!(
            entity_of(&e, 2, 0).id,
            xi.id,
            "a mis-typed partial name follows the person"
        );
        assert_eq!(xi.documents.len(), 3);
        assert_eq!(xi.counts.text, 4);
    }

    #[test]
    fn people_sharing_a_surname_stay_apart() {
        let (_, e) = linked(&[
            &[("Boris Johnson", Person), ("Johnson", Person)],
            &[("Michael Johnson", Person), ("Johnson", Person)],
            &[("Johnson", Person)],
        ]);
        let boris = entity_of(&e, 0, 0);
        let michael = entity_of(&e, 1, 0);
        assert_ne!(boris.id, michael.id);
        assert_eq!(entity_of(&e, 0, 1).id, boris.id);
        assert_eq!(entity_of(&e, 1, 1).id, michael.id);
        let bare = entity_of(&e, 2, 0);
        assert_eq!(bare.name, "Johnson", "ambiguous in the corpus: its own entity");
        assert!(bare.id != boris.id && bare.id != michael.id);
    }

    #[test]
    fn transliterations_merge_and_different_first_names_do_not() {
        let (_, e) = linked(&[
            &[("Andrey Denisov", Person)],
            &[("Andrei Denisov", Person)],
            &[("Boris Denisov", Person)],
        ]);
        assert_eq!(entity_of(&e, 0, 0).id, entity_of(&e, 1, 0).id);
        assert_ne!(entity_of(&e, 0, 0).id, entity_of(&e, 2, 0).id);
        assert!(same_person_spelt_differently("andrey denisov", "andrei denisov"));
        assert!(!same_person_spelt_differently("boris johnson", "michael johnson"));
        assert!(!same_person_spelt_differently("ivan denisov", "andrei denisov"));
    }

    #[test]
    fn acronyms_link_by_parentheses_and_initials() {
        let (_, e) = linked(&[
            &[("Shanghai Cooperation Organization", Org)],
            &[("SCO", Org)],
            &[("United States", Gpe), ("U.S.", Gpe), ("US", Gpe)],
        ]);
        let sco = entity_of(&e, 0, 0);
        assert_eq!(entity_of(&e, 1, 0).id, sco.id);
        assert_eq!(sco.name, "Shanghai Cooperation Organization");
        let us = entity_of(&e, 2, 0);
        assert_eq!(us.name, "United States");
        assert_eq!(entity_of(&e, 2, 1).id, us.id);
        assert_eq!(entity_of(&e, 2, 2).id, us.id);
    }

    #[test]
    fn places_do_not_become_part_of_organisations_or_events() {
        let (_, e) = linked(&[
            &[("Moscow State University", Org), ("Moscow", Gpe)],
            &[("London Film Festival", Gpe), ("London", Gpe)],
        ]);
        assert_ne!(entity_of(&e, 0, 0).id, entity_of(&e, 0, 1).id);
        assert_eq!(entity_of(&e, 0, 1).kind, Gpe);
        assert_ne!(entity_of(&e, 1, 0).id, entity_of(&e, 1, 1).id);
        assert_eq!(entity_of(&e, 1, 1).name, "London");
    }

    #[test]
    fn an_organisation_joins_only_its_own_events_edition() {
        use EntityType::Event;
        let (_, e) = linked(&[
            &[("UEFA Cup", Event), ("UEFA", Org)],
            &[("Fed", Org)],
            &[("Fed Cup", Event)],
            &[("Vostok 2022", Event), ("Vostok", Org)],
        ]);
        assert_ne!(
            entity_of(&e, 0, 0).id,
            entity_of(&e, 0, 1).id,
            "UEFA is not the UEFA Cup"
        );
        assert_eq!(entity_of(&e, 0, 1).kind, Org);
        let fed = entity_of(&e, 1, 0);
        assert_eq!((fed.name.as_str(), fed.kind), ("Fed", Org));
        assert_eq!(
            entity_of(&e, 3, 1).id,
            entity_of(&e, 3, 0).id,
            "Vostok of Vostok 2022"
        );
    }

    #[test]
    fn unlisted_names_take_their_majority_type_and_listed_ones_keep_theirs() {
        let (_, e) = linked(&[
            &[("Google", Org), ("Liverpool", Org)],
            &[("Google", Org), ("Liverpool", Gpe)],
            &[("Google", Gpe), ("Liverpool", Gpe), ("Nintendo", Gpe)],
            &[("Nintendo", Gpe), ("Nintendo", Gpe), ("Nintendo", Org)],
        ]);
        let google = entity_of(&e, 2, 0);
        assert_eq!((google.kind, google.counts.text), (Org, 3));
        let nintendo = entity_of(&e, 3, 0);
        assert_eq!(
            (nintendo.kind, nintendo.counts.text),
            (Org, 4),
            "a place only by default"
        );
        assert_ne!(
            entity_of(&e, 0, 1).id,
            entity_of(&e, 1, 1).id,
            "Liverpool the club and the city"
        );
        let (_, e) = linked(&[
            &[("MILWAUKEE", Org), ("NEW YORK", Org)],
            &[("MILWAUKEE", Org), ("NEW YORK", Gpe)],
            &[("MILWAUKEE", Gpe)],
        ]);
        assert_eq!(entity_of(&e, 2, 0).kind, Gpe, "listed in capitals too");
        assert_eq!(entity_of(&e, 1, 1).kind, Gpe);
    }
}
