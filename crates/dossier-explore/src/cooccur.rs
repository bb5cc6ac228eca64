//! Which names go together: co-occurrence of name entities (`EntityType::is_name`:
//! people, organisations, places, groups, events, products, ...) in the same sentence and
//! in the same paragraph, counted once per unit, removed text ignored.
//!
//! The counts are stored as [`Cooccurrence`] (`dossier_model::insights`), which ranks
//! an entity's neighbours by NPMI.

use super::sentences::kept_parts;
use dossier_model::document::Corpus;
use dossier_model::entity::{EntityId, Mention, Place};
use dossier_model::insights::{Cooccurrence, Units};
use dossier_model::span::Span;
use std::collections::HashMap;

/// Counts co-occurrence over the corpus: `sentences[d]` are document `d`'s sentences.
pub fn count(corpus: &Corpus, sentences: &[Vec<Span>]) -> Cooccurrence {
    let entities = &corpus.entities;
    let is_name =
        |m: &&Mention| m.place == Place::Text && entities.entity(m.entity).is_some_and(|e| e.kind.is_name());
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
    Cooccurrence::from_pairs(units, entity_units, pairs)
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
    use super::super::sentences::sentences;
    use super::*;
    use crate::fixture;
    use dossier_model::entity::EntityType::*;
    use dossier_model::insights::{Edge, Unit};

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
