//! Which names go together: co-occurrence of name entities (PERSON, ORG, GPE, LOC, NORP,
//! EVENT) in the same sentence and in the same paragraph, counted once per unit, removed
//! text ignored.
//!
//! Stored as a symmetric adjacency list: each entity's neighbours sit in one contiguous
//! run (found through `offsets`), so [`Cooccurrence::related`] reads one entity's run and
//! never scans the corpus's pairs.
//!
//! Ranking: for entities `a`, `b` co-occurring in `n(a,b)` of the `N` units, `a` in
//! `n(a)` and `b` in `n(b)`:
//! `PMI = ln(n(a,b) * N / (n(a) * n(b)))` and the normalised
//! `NPMI = PMI / -ln(n(a,b) / N)` (1 when the two always go together, 0 when independent).
//! [`Cooccurrence::related`] ranks by NPMI, which unlike PMI does not favour pairs seen
//! once between two rare names, then by count.

use super::sentences::kept_parts;
use crate::document::Corpus;
use crate::entity::{EntityId, Mention};
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The unit two entities co-occur in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Sentence,
    Paragraph,
}

/// Co-occurrence counts of name entities, built at build time by [`count`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cooccurrence {
    /// Sentences and paragraphs of kept text in the corpus (`N` of the formula).
    units: Units,
    /// Per entity (indexed by [`EntityId`]): the sentences and paragraphs mentioning it.
    entity_units: Vec<Units>,
    /// Entity `e`'s neighbours are `neighbours[offsets[e]..offsets[e + 1]]`, sorted by id.
    offsets: Vec<u32>,
    neighbours: Vec<Neighbour>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Units {
    sentences: u32,
    paragraphs: u32,
}

impl Units {
    fn get(self, unit: Unit) -> u32 {
        match unit {
            Unit::Sentence => self.sentences,
            Unit::Paragraph => self.paragraphs,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Neighbour {
    entity: EntityId,
    together: Units,
}

/// An entity that goes with another, and how strongly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Related {
    pub entity: EntityId,
    /// Units holding both.
    pub count: u32,
    /// Pointwise mutual information (natural log) over units.
    pub pmi: f32,
    /// PMI normalised to [-1, 1]; the ranking key.
    pub npmi: f32,
}

/// An edge of the co-occurrence graph; `a < b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub a: EntityId,
    pub b: EntityId,
    pub weight: u32,
}

impl Cooccurrence {
    /// How many units of the corpus there are.
    pub fn units(&self, unit: Unit) -> u32 {
        self.units.get(unit)
    }

    /// How many units mention `entity` (0 for an unknown or date/number entity).
    pub fn units_of(&self, entity: EntityId, unit: Unit) -> u32 {
        self.entity_units
            .get(entity.0 as usize)
            .map_or(0, |u| u.get(unit))
    }

    fn neighbours(&self, entity: EntityId) -> &[Neighbour] {
        let i = entity.0 as usize;
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&from), Some(&to)) => self.neighbours.get(from as usize..to as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// How many units hold both `a` and `b`.
    pub fn together(&self, a: EntityId, b: EntityId, unit: Unit) -> u32 {
        let run = self.neighbours(a);
        run.binary_search_by_key(&b, |n| n.entity)
            .map_or(0, |i| run[i].together.get(unit))
    }

    /// The entities co-occurring with `entity` in at least `min_count` units (at least 1),
    /// strongest first: by NPMI, then count, then id.
    pub fn related(&self, entity: EntityId, unit: Unit, min_count: u32) -> Vec<Related> {
        let total = self.units.get(unit) as f32;
        let own = self.units_of(entity, unit) as f32;
        let mut out: Vec<Related> = self
            .neighbours(entity)
            .iter()
            .filter_map(|n| {
                let count = n.together.get(unit);
                if count < min_count.max(1) {
                    return None;
                }
                let other = self.units_of(n.entity, unit) as f32;
                let joint = count as f32 / total;
                let pmi = (joint / ((own / total) * (other / total))).ln();
                // joint == 1 only when both fill every unit: perfectly associated.
                let npmi = if joint >= 1.0 { 1.0 } else { pmi / -joint.ln() };
                Some(Related {
                    entity: n.entity,
                    count,
                    pmi,
                    npmi,
                })
            })
            .collect();
        out.sort_by(|x, y| {
            y.npmi
                .total_cmp(&x.npmi)
                .then(y.count.cmp(&x.count))
                .then(x.entity.cmp(&y.entity))
        });
        out
    }

    /// The edges among `among` (duplicates ignored): pairs co-occurring in at least one
    /// unit, weighted by the units they share, sorted by `(a, b)`.
    pub fn edges(&self, among: &[EntityId], unit: Unit) -> Vec<Edge> {
        let mut nodes = among.to_vec();
        nodes.sort_unstable();
        nodes.dedup();
        let mut out = Vec::new();
        for &a in &nodes {
            for n in self.neighbours(a).iter().filter(|n| n.entity > a) {
                let weight = n.together.get(unit);
                if weight > 0 && nodes.binary_search(&n.entity).is_ok() {
                    out.push(Edge {
                        a,
                        b: n.entity,
                        weight,
                    });
                }
            }
        }
        out
    }
}

/// Counts co-occurrence over the corpus: `sentences[d]` are document `d`'s sentences.
pub fn count(corpus: &Corpus, sentences: &[Vec<Span>]) -> Cooccurrence {
    let entities = &corpus.entities;
    let is_name = |m: &&Mention| !m.in_removed && entities.entity(m.entity).is_some_and(|e| e.kind.is_name());
    let mut units = Units::default();
    let mut entity_units = vec![Units::default(); entities.entities.len()];
    let mut pairs: HashMap<(EntityId, EntityId), Units> = HashMap::new();
    let mut present: Vec<EntityId> = Vec::new();
    for doc in &corpus.documents {
        let mentions = entities.mentions_in(doc.id);
        let names: Vec<&Mention> = mentions.iter().filter(is_name).collect();
        let doc_sentences = sentences.get(doc.id.0 as usize).map_or(&[][..], Vec::as_slice);
        for &paragraph in &doc.paragraphs {
            if kept_parts(doc, paragraph).is_empty() {
                continue;
            }
            units.paragraphs += 1;
            collect(&names, paragraph, &mut present);
            tally(&present, &mut entity_units, &mut pairs, |u| &mut u.paragraphs);
        }
        for &sentence in doc_sentences {
            units.sentences += 1;
            collect(&names, sentence, &mut present);
            tally(&present, &mut entity_units, &mut pairs, |u| &mut u.sentences);
        }
    }
    let mut directed: Vec<(EntityId, Neighbour)> = Vec::with_capacity(pairs.len() * 2);
    for ((a, b), together) in pairs {
        directed.push((a, Neighbour { entity: b, together }));
        directed.push((b, Neighbour { entity: a, together }));
    }
    directed.sort_unstable_by_key(|(a, n)| (*a, n.entity));
    let mut offsets = Vec::with_capacity(entity_units.len() + 1);
    let mut next = 0usize;
    for e in 0..entity_units.len() {
        offsets.push(u32::try_from(next).unwrap_or(u32::MAX));
        while directed.get(next).is_some_and(|(a, _)| a.0 as usize == e) {
            next += 1;
        }
    }
    offsets.push(u32::try_from(next).unwrap_or(u32::MAX));
    Cooccurrence {
        units,
        entity_units,
        offsets,
        neighbours: directed.into_iter().map(|(_, n)| n).collect(),
    }
}

/// The distinct name entities mentioned inside `unit` (a mention counts where it starts;
/// the caller left out removed mentions), sorted.
fn collect(names: &[&Mention], unit: Span, present: &mut Vec<EntityId>) {
    present.clear();
    let first = names.partition_point(|m| m.span.start < unit.start);
    present.extend(
        names[first..]
            .iter()
            .take_while(|m| m.span.start < unit.end)
            .map(|m| m.entity),
    );
    present.sort_unstable();
    present.dedup();
}

/// Adds one unit holding `present` (sorted, distinct) to the counts.
fn tally(
    present: &[EntityId],
    entity_units: &mut [Units],
    pairs: &mut HashMap<(EntityId, EntityId), Units>,
    field: impl Fn(&mut Units) -> &mut u32,
) {
    for (i, &a) in present.iter().enumerate() {
        if let Some(u) = entity_units.get_mut(a.0 as usize) {
            *field(u) += 1;
        }
        for &b in &present[i + 1..] {
            *field(pairs.entry((a, b)).or_default()) += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{fixture, sentences::sentences};
    use super::*;
    use crate::entity::EntityType::*;

    fn counted(body: &str) -> (Corpus, Cooccurrence) {
        let names = [
            ("Xi", Person),
            ("Putin", Person),
            ("Samarkand", Gpe),
            ("Tass", Org),
            ("Monday", Date),
        ];
        let corpus = fixture::corpus(&format!("Leaders meet at the summit\n\n{body}\n"), &names);
        let s = vec![sentences(&corpus.documents[0])];
        let c = count(&corpus, &s);
        (corpus, c)
    }

    const XI: EntityId = EntityId(0);
    const PUTIN: EntityId = EntityId(1);
    const SAMARKAND: EntityId = EntityId(2);
    const TASS: EntityId = EntityId(3);
    const MONDAY: EntityId = EntityId(4);

    #[test]
    fn counts_each_pair_once_per_sentence_and_paragraph() {
        let (_, c) = counted(
            "Xi met Putin and Xi smiled in Samarkand on Monday. Putin left.\n\nXi spoke to Tass. Putin and Tass did not.",
        );
        assert_eq!(c.units(Unit::Sentence), 4);
        assert_eq!(c.units(Unit::Paragraph), 2);
        assert_eq!(c.together(XI, PUTIN, Unit::Sentence), 1);
        assert_eq!(c.together(PUTIN, XI, Unit::Paragraph), 2);
        assert_eq!(c.together(XI, SAMARKAND, Unit::Sentence), 1);
        assert_eq!(c.together(XI, TASS, Unit::Sentence), 1);
        assert_eq!(c.together(PUTIN, TASS, Unit::Paragraph), 1);
        assert_eq!(c.together(SAMARKAND, TASS, Unit::Paragraph), 0);
        assert_eq!(c.units_of(XI, Unit::Sentence), 2);
        assert_eq!(c.units_of(PUTIN, Unit::Sentence), 3);
        // Dates are not names.
        assert_eq!(c.units_of(MONDAY, Unit::Sentence), 0);
        assert_eq!(c.together(XI, MONDAY, Unit::Sentence), 0);
    }

    #[test]
    fn removed_text_is_not_counted() {
        // The headline and its repetition are removed; only the body's sentence counts.
        let corpus = fixture::corpus(
            "Xi meets Putin in Samarkand\n\nXi meets Putin in Samarkand\n\nXi met Putin on a long trip to the city.\n",
            &[("Xi", Person), ("Putin", Person), ("Samarkand", Gpe)],
        );
        let c = count(&corpus, &[sentences(&corpus.documents[0])]);
        assert_eq!(c.together(XI, PUTIN, Unit::Sentence), 1);
        assert_eq!(c.together(XI, PUTIN, Unit::Paragraph), 1);
        assert_eq!(c.units_of(SAMARKAND, Unit::Paragraph), 0);
    }

    #[test]
    fn related_ranks_by_npmi_with_a_minimum_count() {
        let (_, c) = counted(
            "Xi met Putin. Xi met Putin again. Xi met Putin in Samarkand. Tass wrote about Samarkand. Tass wrote more. Xi read Tass.",
        );
        let related = c.related(XI, Unit::Sentence, 1);
        let order: Vec<EntityId> = related.iter().map(|r| r.entity).collect();
        assert_eq!(order, [PUTIN, SAMARKAND, TASS]);
        assert_eq!(related[0].count, 3);
        // N = 6, n(Xi) = 4, n(Putin) = 3, n(Xi, Putin) = 3: PMI = ln(3*6 / (4*3)).
        assert!((related[0].pmi - (18.0f32 / 12.0).ln()).abs() < 1e-6);
        assert!((related[0].npmi - (18.0f32 / 12.0).ln() / -(0.5f32).ln()).abs() < 1e-6);
        let strong: Vec<EntityId> = c
            .related(XI, Unit::Sentence, 2)
            .iter()
            .map(|r| r.entity)
            .collect();
        assert_eq!(strong, [PUTIN]);
        assert!(c.related(MONDAY, Unit::Sentence, 1).is_empty());
        assert!(c.related(EntityId(99), Unit::Sentence, 1).is_empty());
    }

    #[test]
    fn edges_join_only_the_given_entities() {
        let (_, c) = counted("Xi met Putin in Samarkand. Xi met Putin. Tass wrote.");
        assert_eq!(
            c.edges(&[PUTIN, XI, TASS, XI], Unit::Sentence),
            [Edge {
                a: XI,
                b: PUTIN,
                weight: 2
            }]
        );
        assert_eq!(c.edges(&[SAMARKAND, PUTIN], Unit::Sentence).len(), 1);
    }
}
