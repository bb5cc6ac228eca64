//! One mention count everywhere (issue: the entity page said 29 for Xi Jinping where the
//! matrix and graph said 22). On the seeds: every view counts the same mentions, those of
//! the running text, and names that appear only in spliced-in headlines or page furniture
//! ("PLA Resolve", "Invitation") stay out of lists, facets, the graph, compare and
//! `entity:` search until the user counts everything.

use crate::fixture::analysed;
use dossier_explore::compare::compare;
use dossier_explore::facets::{FacetIndex, Selection};
use dossier_explore::graph::{graph, GraphConfig};
use dossier_explore::kwic::{kwic, KwicOptions};
use dossier_explore::matrix::{matrix, MatrixFilter};
use dossier_model::document::DocId;
use dossier_model::entity::{Counting, EntityId, Place};
use dossier_search::{index::build, Engine};

const COUNTINGS: [Counting; 2] = [Counting::Text, Counting::Everything];

fn named(name: &str) -> EntityId {
    let found = analysed().entities.find(name);
    assert_eq!(found.len(), 1, "{name}: {found:?}");
    found[0]
}

fn all_docs() -> Vec<DocId> {
    analysed().documents.iter().map(|d| d.id).collect()
}

#[test]
fn the_entity_page_kwic_matrix_and_graph_agree_on_every_name() {
    let c = analysed();
    let docs = all_docs();
    for counting in COUNTINGS {
        let m = matrix(
            c,
            &docs,
            &MatrixFilter {
                counting,
                ..MatrixFilter::names(usize::MAX)
            },
        );
        let mut config = GraphConfig::new(usize::MAX, 800.0, 600.0);
        config.counting = counting;
        let g = graph(c, &docs, &config, |name| name.len() as f32 * 7.0);
        for e in c.entities.entities.iter().filter(|e| e.kind.is_name()) {
            let n = e.mentions(counting);
            let options = KwicOptions {
                counting,
                ..KwicOptions::new(40)
            };
            assert_eq!(
                kwic(c, e.id, &options).len() as u32,
                n,
                "{} kwic {counting:?}",
                e.name
            );
            let column = m.entities.iter().position(|&id| id == e.id);
            let in_matrix = column.map_or(0, |col| m.col_total(col));
            assert_eq!(in_matrix, n, "{} matrix {counting:?}", e.name);
            let node = g.nodes.iter().find(|node| node.entity == e.id);
            assert_eq!(
                node.map_or(0, |node| node.mentions),
                n,
                "{} graph {counting:?}",
                e.name
            );
            assert_eq!(e.documents_counted(counting).len(), {
                let mut d: Vec<DocId> = (0..m.rows())
                    .filter(|&r| column.is_some_and(|col| m.cell(r, col).unwrap_or(0) > 0))
                    .map(|r| m.docs[r])
                    .collect();
                d.dedup();
                d.len()
            });
        }
    }
}

#[test]
fn xi_jinping_counts_the_running_text_and_says_where_the_rest_is() {
    let c = analysed();
    let xi = c.entities.entity(named("Xi Jinping")).expect("Xi Jinping");
    let in_text = c
        .entities
        .mentions
        .iter()
        .flatten()
        .filter(|m| m.entity == xi.id && m.place == Place::Text)
        .count() as u32;
    assert_eq!(xi.mentions(Counting::Text), in_text);
    assert!(in_text >= 15, "{in_text}");
    let elsewhere: u32 = xi.counts.elsewhere().iter().map(|&(_, n)| n).sum();
    assert!(elsewhere > 0, "headlines and page furniture name him too");
    assert_eq!(xi.mentions(Counting::Everything), in_text + elsewhere);
}

#[test]
fn names_only_in_spliced_headlines_stay_out_unless_everything_counts() {
    let c = analysed();
    let docs = all_docs();
    let spliced_name = named("PLA Resolve");
    let entity = c
        .entities
        .entity(spliced_name)
        .expect("the spliced headline's name is kept");
    assert_eq!(entity.counts.text, 0);
    assert_eq!(entity.counts.flagged, 1);

    let listed = |counting: Counting| {
        let faceted = FacetIndex::new(c, counting).apply(c, &docs, &Selection::default(), usize::MAX);
        faceted
            .counts
            .entities
            .iter()
            .any(|(_, list)| list.iter().any(|&(id, _)| id == spliced_name))
    };
    assert!(
        !listed(Counting::Text),
        "not an organisation of the story by default"
    );
    assert!(listed(Counting::Everything), "the toggle brings it back");

    let mut config = GraphConfig::new(usize::MAX, 800.0, 600.0);
    let in_graph = |config: &GraphConfig| {
        graph(c, &docs, config, |n| n.len() as f32 * 7.0)
            .nodes
            .iter()
            .any(|n| n.entity == spliced_name)
    };
    assert!(!in_graph(&config));
    config.counting = Counting::Everything;
    assert!(in_graph(&config));

    let spliced = entity.documents[0];
    let others: Vec<DocId> = docs.iter().copied().filter(|&d| d != spliced).take(1).collect();
    let pair = [spliced, others[0]];
    let only_in = |counting: Counting| {
        compare(c, &c.insights.sentences, &pair, counting)
            .only_in
            .iter()
            .any(|(_, ids)| ids.contains(&spliced_name))
    };
    assert!(!only_in(Counting::Text));
    assert!(only_in(Counting::Everything));

    let engine = Engine::new(c.clone(), build(c));
    let q = "entity:\"PLA Resolve\"";
    assert!(engine.search_counting(q, false, Counting::Text).hits.is_empty());
    assert_eq!(
        engine.search_counting(q, false, Counting::Everything).hits.len(),
        1
    );
}
