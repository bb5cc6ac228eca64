//! Which names go together: co-occurrence of name entities in sentences and paragraphs,
//! counted at build time by `dossier_explore::cooccur` and held as a symmetric adjacency
//! list: each entity's neighbours sit in one contiguous run (found through `offsets`), so
//! [`Cooccurrence::related`] reads one entity's run and never scans the corpus's pairs.
//! What ships holds each pair once ([`Stored`]): the mirror is rebuilt on decoding, in
//! linear time. Runs ship as their lengths and each neighbour as the gap from the one
//! before (runs are sorted), which takes a byte or two where an id took two or three.
//!
//! Ranking: for entities `a`, `b` co-occurring in `n(a,b)` of the `N` units, `a` in
//! `n(a)` and `b` in `n(b)`:
//! `PMI = ln(n(a,b) * N / (n(a) * n(b)))` and the normalised
//! `NPMI = PMI / -ln(n(a,b) / N)` (1 when the two always go together, 0 when independent).
//! [`Cooccurrence::related`] ranks by NPMI, which unlike PMI does not favour pairs seen
//! once between two rare names, then by count.

use crate::entity::EntityId;
use serde::{Deserialize, Serialize};

/// The unit two entities co-occur in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Sentence,
    Paragraph,
}

/// Co-occurrence counts of name entities, built at build time by [`count`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Stored", into = "Stored")]
pub struct Cooccurrence {
    /// Sentences and paragraphs of kept text in the corpus (`N` of the formula).
    units: Units,
    /// Per entity (indexed by [`EntityId`]): the sentences and paragraphs mentioning it.
    entity_units: Vec<Units>,
    /// Entity `e`'s neighbours are `neighbours[offsets[e]..offsets[e + 1]]`, sorted by id.
    offsets: Vec<u32>,
    neighbours: Vec<Neighbour>,
}

/// How many sentences and paragraphs: of the corpus, of one entity, or of a pair.
///
/// Ships as one number, the two counts' bits interleaved ([`crate::packed::interleave`]):
/// most pairs share a sentence or two, so a pair takes one byte where two varints took two.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "u64", into = "u64")]
pub struct Units {
    pub sentences: u32,
    pub paragraphs: u32,
}

impl From<Units> for u64 {
    fn from(units: Units) -> u64 {
        crate::packed::interleave(units.sentences, units.paragraphs)
    }
}

impl From<u64> for Units {
    fn from(both: u64) -> Units {
        let (sentences, paragraphs) = crate::packed::deinterleave(both);
        Units {
            sentences,
            paragraphs,
        }
    }
}

impl Units {
    pub fn get(self, unit: Unit) -> u32 {
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

/// The shipped layout: as [`Cooccurrence`], but entity `e`'s run holds only its
/// neighbours above `e`, so each pair is stored once (the mirror was half of the bytes),
/// each as the gap from the entity before it in the run (from `e` for the first).
#[derive(Serialize, Deserialize)]
struct Stored {
    units: Units,
    entity_units: Vec<Units>,
    #[serde(with = "crate::packed::ascending")]
    offsets: Vec<u32>,
    neighbours: Vec<StoredNeighbour>,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
struct StoredNeighbour {
    gap: u32,
    together: Units,
}

impl Stored {
    /// Entity `e`'s stored neighbours, with their ids; empty for runs a damaged file
    /// puts out of range.
    fn run(&self, e: usize) -> impl Iterator<Item = Neighbour> + '_ {
        let run = match (self.offsets.get(e), self.offsets.get(e + 1)) {
            (Some(&from), Some(&to)) => self.neighbours.get(from as usize..to as usize).unwrap_or(&[]),
            _ => &[],
        };
        let mut last = u32::try_from(e).unwrap_or(u32::MAX);
        run.iter().map(move |n| {
            last = last.wrapping_add(n.gap);
            Neighbour {
                entity: EntityId(last),
                together: n.together,
            }
        })
    }
}

impl From<Cooccurrence> for Stored {
    fn from(full: Cooccurrence) -> Stored {
        if full.offsets.is_empty() {
            // Nothing counted (the default): stays empty, so it comes back equal.
            return Stored {
                units: full.units,
                entity_units: full.entity_units,
                offsets: Vec::new(),
                neighbours: Vec::new(),
            };
        }
        let mut offsets = Vec::with_capacity(full.offsets.len());
        let mut neighbours = Vec::new();
        for e in 0..full.entity_units.len() {
            offsets.push(u32::try_from(neighbours.len()).unwrap_or(u32::MAX));
            let mut last = e as u32;
            let above = full
                .neighbours(EntityId(e as u32))
                .iter()
                .filter(|n| n.entity.0 as usize > e)
                .map(|n| {
                    let gap = n.entity.0.wrapping_sub(last);
                    last = n.entity.0;
                    StoredNeighbour {
                        gap,
                        together: n.together,
                    }
                });
            neighbours.extend(above);
        }
        offsets.push(u32::try_from(neighbours.len()).unwrap_or(u32::MAX));
        Stored {
            units: full.units,
            entity_units: full.entity_units,
            offsets,
            neighbours,
        }
    }
}

impl From<Stored> for Cooccurrence {
    /// Mirrors each stored pair. Walking entities in order, `e`'s run receives first the
    /// smaller entities that named it (in ascending order), then its own larger ones: every
    /// run comes out sorted with no sort. Entries a damaged file holds out of range are
    /// dropped, so a run never names a missing entity.
    fn from(stored: Stored) -> Cooccurrence {
        if stored.offsets.is_empty() {
            return Cooccurrence {
                units: stored.units,
                entity_units: stored.entity_units,
                ..Cooccurrence::default()
            };
        }
        let n = stored.entity_units.len();
        let run = |e: usize| stored.run(e);
        let valid = |a: usize, nb: &Neighbour| (nb.entity.0 as usize) > a && (nb.entity.0 as usize) < n;
        let mut degree = vec![0u32; n];
        for a in 0..n {
            for nb in run(a).filter(|nb| valid(a, nb)) {
                degree[a] += 1;
                degree[nb.entity.0 as usize] += 1;
            }
        }
        let mut offsets = Vec::with_capacity(n + 1);
        let mut total = 0u32;
        for d in &degree {
            offsets.push(total);
            total = total.saturating_add(*d);
        }
        offsets.push(total);
        let mut cursor: Vec<usize> = offsets[..n].iter().map(|&o| o as usize).collect();
        let blank = Neighbour {
            entity: EntityId(0),
            together: Units::default(),
        };
        let mut neighbours = vec![blank; total as usize];
        for a in 0..n {
            for nb in run(a).filter(|nb| valid(a, nb)) {
                let b = nb.entity.0 as usize;
                neighbours[cursor[a]] = nb;
                cursor[a] += 1;
                neighbours[cursor[b]] = Neighbour {
                    entity: EntityId(a as u32),
                    together: nb.together,
                };
                cursor[b] += 1;
            }
        }
        Cooccurrence {
            units: stored.units,
            entity_units: stored.entity_units,
            offsets,
            neighbours,
        }
    }
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
    /// The stored layout of the counts `dossier_explore::cooccur::count` made: the
    /// corpus's units, each entity's (indexed by [`EntityId`]) and each pair's `(a, b)`
    /// with `a < b`, turned into a symmetric adjacency list.
    pub fn from_pairs(
        units: Units,
        entity_units: Vec<Units>,
        pairs: impl IntoIterator<Item = ((EntityId, EntityId), Units)>,
    ) -> Cooccurrence {
        let mut directed: Vec<(EntityId, Neighbour)> = Vec::new();
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
