//! The co-occurrence graph as the page draws it: the most-mentioned names of some
//! documents as nodes (sized by mentions), the strongest co-occurrence links between them
//! as edges, positions from [`super::layout`] and the labels that fit.
//!
//! Node sizes count mentions in the given documents; edge weights are the build-time
//! co-occurrence counts ([`super::Cooccurrence`]), which cover the whole corpus.
//!
//! ```
//! use dossier_explore::graph::{graph, GraphConfig};
//! use dossier_model::Corpus;
//!
//! let empty = graph(&Corpus::default(), &[], &GraphConfig::new(40, 800.0, 600.0), |_| 50.0);
//! assert!(empty.nodes.is_empty() && empty.edges.is_empty());
//! ```

use super::layout::{layout, place_labels, LabelConfig, LayoutConfig, Point, Rect};
use super::Unit;
use dossier_model::document::{Corpus, DocId};
use dossier_model::entity::{Counting, EntityId};

/// What to draw and where.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GraphConfig {
    /// Nodes at most: the names with the most mentions.
    pub top: usize,
    pub unit: Unit,
    pub width: f32,
    pub height: f32,
    /// Edges kept per node on average (the strongest): more makes a hairball.
    pub edges_per_node: usize,
    /// Labels shown at most (the biggest nodes first, none overlapping).
    pub max_labels: usize,
    /// Which mentions make a node: the running text's, or everything.
    pub counting: Counting,
    /// The most-mentioned names labelled even where the drawing is crowded: the centre
    /// of the story is where nodes pile up, and an unlabelled centre reads as noise.
    pub always_labelled: usize,
}

impl GraphConfig {
    /// `top` nodes in a `width` x `height` drawing, sentence co-occurrence, 3 edges per
    /// node, 40 labels, the 8 biggest always labelled.
    pub fn new(top: usize, width: f32, height: f32) -> GraphConfig {
        GraphConfig {
            top,
            unit: Unit::Sentence,
            width,
            height,
            edges_per_node: 3,
            max_labels: 40,
            counting: Counting::Text,
            always_labelled: 8,
        }
    }
}

/// Smallest and largest node radius, in pixels.
const MIN_RADIUS: f32 = 4.0;
const MAX_RADIUS: f32 = 22.0;
/// Height of a label's box, in pixels.
const LABEL_HEIGHT: f32 = 14.0;

/// A node: an entity, its mentions in the documents, where it is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Node {
    pub entity: EntityId,
    pub mentions: u32,
    pub at: Point,
    pub radius: f32,
    /// Where its label goes, when it has room.
    pub label: Option<Rect>,
}

/// A drawn edge between `nodes[a]` and `nodes[b]`; `a < b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GraphEdge {
    pub a: usize,
    pub b: usize,
    pub weight: u32,
}

/// Nodes (most mentioned first) and edges (strongest first).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<GraphEdge>,
    /// The more nodes the documents have beyond `top` (for "show more").
    pub more: usize,
}

/// The graph of `docs`; `label_width` says how wide a name's label is drawn.
pub fn graph(
    corpus: &Corpus,
    docs: &[DocId],
    config: &GraphConfig,
    label_width: impl Fn(&str) -> f32,
) -> Graph {
    let entities = &corpus.entities;
    let mut counts = vec![0u32; entities.entities.len()];
    for &doc in docs {
        for m in entities
            .mentions_in(doc)
            .iter()
            .filter(|m| config.counting.admits(m))
        {
            if let Some(c) = counts.get_mut(m.entity.0 as usize) {
                *c += 1;
            }
        }
    }
    let mut ranked: Vec<(EntityId, u32)> = counts
        .iter()
        .enumerate()
        .filter(|&(e, &n)| n > 0 && entities.entities[e].kind.is_name())
        .map(|(e, &n)| (EntityId(e as u32), n))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let more = ranked.len().saturating_sub(config.top);
    ranked.truncate(config.top);

    let ids: Vec<EntityId> = ranked.iter().map(|&(e, _)| e).collect();
    let index_of = |e: EntityId| ids.iter().position(|&i| i == e);
    let mut edges: Vec<GraphEdge> = corpus
        .insights
        .cooccurrence
        .edges(&ids, config.unit)
        .into_iter()
        .filter_map(|e| {
            let (a, b) = (index_of(e.a)?, index_of(e.b)?);
            Some(GraphEdge {
                a: a.min(b),
                b: a.max(b),
                weight: e.weight,
            })
        })
        .collect();
    edges.sort_by(|x, y| y.weight.cmp(&x.weight).then((x.a, x.b).cmp(&(y.a, y.b))));
    edges.truncate(ids.len() * config.edges_per_node);

    let max = ranked.first().map_or(1, |&(_, n)| n).max(1) as f32;
    let radii: Vec<f32> = ranked
        .iter()
        .map(|&(_, n)| MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * (n as f32 / max).sqrt())
        .collect();
    let weights: Vec<f32> = ranked.iter().map(|&(_, n)| (n as f32).sqrt()).collect();
    let links: Vec<(u32, u32, f32)> = edges
        .iter()
        .map(|e| (e.a as u32, e.b as u32, (e.weight as f32).sqrt()))
        .collect();
    let mut layout_config = LayoutConfig::new(config.width, config.height);
    layout_config.margin = MAX_RADIUS + LABEL_HEIGHT;
    let points = layout(&weights, &links, &layout_config);
    let mut nodes: Vec<Node> = ranked
        .iter()
        .zip(points)
        .zip(radii)
        .map(|((&(entity, mentions), at), radius)| Node {
            entity,
            mentions,
            at,
            radius,
            label: None,
        })
        .collect();
    let widths: Vec<f32> = ids
        .iter()
        .map(|&e| entities.entity(e).map_or(0.0, |e| label_width(&e.name)))
        .collect();
    let placed = labels(&nodes, &widths, config, 1.0);
    for (node, label) in nodes.iter_mut().zip(placed) {
        node.label = label;
    }
    Graph { nodes, edges, more }
}

/// Where the labels of `nodes` go when the drawing is zoomed by `scale`: labels keep
/// their size on screen, so in drawing units they shrink as the reader zooms in and more
/// of them find room. `widths` are the labels' widths at scale 1 (one per node). The
/// first [`GraphConfig::always_labelled`] nodes are labelled at every scale.
pub fn labels(nodes: &[Node], widths: &[f32], config: &GraphConfig, scale: f32) -> Vec<Option<Rect>> {
    let scale = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    let points: Vec<Point> = nodes.iter().map(|n| n.at).collect();
    let radii: Vec<f32> = nodes.iter().map(|n| n.radius).collect();
    let widths: Vec<f32> = widths.iter().map(|w| w / scale).collect();
    place_labels(
        &points,
        &radii,
        &widths,
        &LabelConfig {
            height: LABEL_HEIGHT / scale,
            gap: 2.0 / scale,
            max_labels: config.max_labels,
            always: config.always_labelled,
            bounds: Rect {
                x: 0.0,
                y: 0.0,
                w: config.width,
                h: config.height,
            },
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyse, fixture};
    use dossier_model::entity::EntityType;

    fn corpus() -> Corpus {
        let mut corpus = fixture::corpus(
            "Talks\n\nPutin met Xi in Samarkand. Putin and Xi spoke.\n\nModi spoke later. Xi left.\n",
            &[
                ("Putin", EntityType::Person),
                ("Xi", EntityType::Person),
                ("Samarkand", EntityType::Gpe),
                ("Modi", EntityType::Person),
            ],
        );
        corpus.insights = analyse(&corpus);
        corpus
    }

    #[test]
    fn the_most_mentioned_names_are_nodes_joined_by_what_they_share() {
        let corpus = corpus();
        let g = graph(&corpus, &[DocId(0)], &GraphConfig::new(3, 400.0, 300.0), |name| {
            name.len() as f32 * 7.0
        });
        let names: Vec<&str> = g
            .nodes
            .iter()
            .map(|n| corpus.entities.entity(n.entity).unwrap().name.as_str())
            .collect();
        // Ties (one mention each) go to the earlier entity: Samarkand before Modi.
        assert_eq!(names, ["Xi", "Putin", "Samarkand"]);
        assert_eq!(g.more, 1);
        // Xi and Putin share two sentences, Samarkand one with each; strongest first.
        assert_eq!(
            g.edges,
            [
                GraphEdge {
                    a: 0,
                    b: 1,
                    weight: 2
                },
                GraphEdge {
                    a: 0,
                    b: 2,
                    weight: 1
                },
                GraphEdge {
                    a: 1,
                    b: 2,
                    weight: 1
                }
            ]
        );
        assert!(g.nodes[0].radius > g.nodes[2].radius);
        assert!(g
            .nodes
            .iter()
            .all(|n| n.at.x >= 0.0 && n.at.x <= 400.0 && n.at.y >= 0.0 && n.at.y <= 300.0));
        assert!(g.nodes[0].label.is_some());
    }

    #[test]
    fn documents_outside_the_scope_do_not_count() {
        let corpus = corpus();
        let g = graph(&corpus, &[], &GraphConfig::new(10, 400.0, 300.0), |_| 10.0);
        assert!(g.nodes.is_empty() && g.edges.is_empty() && g.more == 0);
    }
}
