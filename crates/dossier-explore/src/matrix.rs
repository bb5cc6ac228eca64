//! The document x entity matrix: how often each picked document mentions each of the
//! most-mentioned entities, for the heat map.
//!
//! Columns are the `top` entities of the chosen types by mentions *within the picked
//! documents* (not the whole corpus), so a matrix of one outlet's stories shows what
//! those stories are about. Counts are kept row-major in one `Vec<u32>`: 2,225 BBC rows
//! by 50 columns is 111,250 cells, 445 kB.
//!
//! ```
//! use dossier_explore::matrix::{matrix, MatrixFilter};
//! use dossier_model::Corpus;
//!
//! let empty = matrix(&Corpus::default(), &[], &MatrixFilter::names(50));
//! assert_eq!((empty.rows(), empty.cols(), empty.max()), (0, 0, 0));
//! ```

use dossier_model::document::{Corpus, DocId};
use dossier_model::entity::{Counting, EntityId, EntityType, Mention};

/// Which entities become columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixFilter {
    /// Entity types kept (an empty list keeps none).
    pub types: Vec<EntityType>,
    /// How many columns at most: the entities with the most mentions in the picked
    /// documents, ties to the lower entity id.
    pub top: usize,
    /// Which mentions count: the running text's (the default) or everything.
    pub counting: Counting,
}

impl MatrixFilter {
    /// The `top` most-mentioned names (people, organisations, places, groups, events).
    pub fn names(top: usize) -> MatrixFilter {
        MatrixFilter::of(EntityType::ALL.into_iter().filter(|t| t.is_name()).collect(), top)
    }

    /// The `top` most-mentioned entities of `types`.
    pub fn of(types: Vec<EntityType>, top: usize) -> MatrixFilter {
        MatrixFilter {
            types,
            top,
            counting: Counting::Text,
        }
    }
}

/// Mention counts: `counts[row * entities.len() + col]` is how often `docs[row]`
/// mentions `entities[col]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matrix {
    pub docs: Vec<DocId>,
    pub entities: Vec<EntityId>,
    pub counts: Vec<u32>,
    /// Which mentions were counted (so a cell's mentions match it).
    counting: Counting,
}

/// How [`Matrix::sort_rows_by`] orders documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowOrder {
    /// Most mentions of the entity in this column first.
    Column(usize),
    /// Most mentions of all columns first.
    Total,
    /// Corpus order.
    Document,
}

/// How [`Matrix::sort_cols_by`] orders entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnOrder {
    /// Most mentions in the document of this row first.
    Row(usize),
    /// Most mentions over all rows first.
    Total,
    /// Entity id order.
    Entity,
}

/// Counts the mentions of the top entities (per `filter`) in each of `docs`, in the
/// given order; documents the corpus does not have are left out. Columns start sorted
/// by total mentions. Two passes over the picked documents' mentions: one to total
/// every entity, one to fill the cells of the chosen ones.
pub fn matrix(corpus: &Corpus, docs: &[DocId], filter: &MatrixFilter) -> Matrix {
    let entities = &corpus.entities;
    let docs: Vec<DocId> = docs
        .iter()
        .copied()
        .filter(|&d| corpus.document(d).is_some())
        .collect();
    let mut allowed = [false; EntityType::ALL.len()];
    for t in &filter.types {
        allowed[*t as usize] = true;
    }
    let counted = |m: &&Mention| {
        filter.counting.admits(m)
            && entities
                .entity(m.entity)
                .is_some_and(|e| allowed[e.kind as usize])
    };

    let mut totals = vec![0u32; entities.entities.len()];
    for &d in &docs {
        for m in entities.mentions_in(d).iter().filter(counted) {
            totals[m.entity.0 as usize] += 1;
        }
    }
    let mut chosen: Vec<EntityId> = (0..totals.len() as u32)
        .filter(|&i| totals[i as usize] > 0)
        .map(EntityId)
        .collect();
    chosen.sort_by_key(|e| (std::cmp::Reverse(totals[e.0 as usize]), *e));
    chosen.truncate(filter.top);
    fill(corpus, docs, chosen, filter.counting)
}

/// Counts the mentions of exactly `entities` (the columns, in the given order; a repeat
/// or an entity the corpus lacks is left out) in each of `docs` (rows, in the given
/// order; documents the corpus does not have are left out): the matrix of a list of
/// names the reader chose rather than of the most-mentioned ones.
pub fn matrix_of(corpus: &Corpus, docs: &[DocId], entities: &[EntityId], counting: Counting) -> Matrix {
    let docs: Vec<DocId> = docs
        .iter()
        .copied()
        .filter(|&d| corpus.document(d).is_some())
        .collect();
    let mut seen = std::collections::HashSet::new();
    let chosen: Vec<EntityId> = entities
        .iter()
        .copied()
        .filter(|&e| corpus.entities.entity(e).is_some() && seen.insert(e))
        .collect();
    fill(corpus, docs, chosen, counting)
}

/// The cells of `chosen` (known, distinct entities) in `docs` (known documents): one pass
/// over the documents' mentions.
fn fill(corpus: &Corpus, docs: Vec<DocId>, chosen: Vec<EntityId>, counting: Counting) -> Matrix {
    let mut column = vec![u32::MAX; corpus.entities.entities.len()];
    for (c, e) in chosen.iter().enumerate() {
        column[e.0 as usize] = c as u32;
    }
    let cols = chosen.len();
    let mut counts = vec![0u32; docs.len() * cols];
    for (r, &d) in docs.iter().enumerate() {
        for m in corpus
            .entities
            .mentions_in(d)
            .iter()
            .filter(|m| counting.admits(m))
        {
            let c = column.get(m.entity.0 as usize).copied().unwrap_or(u32::MAX);
            if c != u32::MAX {
                counts[r * cols + c as usize] += 1;
            }
        }
    }
    Matrix {
        docs,
        entities: chosen,
        counts,
        counting,
    }
}

impl Matrix {
    pub fn rows(&self) -> usize {
        self.docs.len()
    }

    pub fn cols(&self) -> usize {
        self.entities.len()
    }

    /// The count at `row`, `col`; `None` outside the matrix.
    pub fn cell(&self, row: usize, col: usize) -> Option<u32> {
        if row < self.rows() && col < self.cols() {
            self.counts.get(row * self.cols() + col).copied()
        } else {
            None
        }
    }

    /// One document's counts, column order (empty outside the matrix).
    pub fn row(&self, row: usize) -> &[u32] {
        let cols = self.cols();
        self.counts.get(row * cols..(row + 1) * cols).unwrap_or(&[])
    }

    pub fn row_total(&self, row: usize) -> u32 {
        self.row(row).iter().sum()
    }

    pub fn col_total(&self, col: usize) -> u32 {
        (0..self.rows()).filter_map(|r| self.cell(r, col)).sum()
    }

    /// The largest cell, the top of the heat scale (0 for an empty matrix).
    pub fn max(&self) -> u32 {
        self.counts.iter().copied().max().unwrap_or(0)
    }

    /// The mentions a cell counts, in text order: where a click on it jumps.
    pub fn mentions<'c>(&self, corpus: &'c Corpus, row: usize, col: usize) -> Vec<&'c Mention> {
        let (Some(&doc), Some(&entity)) = (self.docs.get(row), self.entities.get(col)) else {
            return Vec::new();
        };
        corpus
            .entities
            .mentions_in(doc)
            .iter()
            .filter(|m| m.entity == entity && self.counting.admits(m))
            .collect()
    }

    /// Reorders the documents; ties keep their current order (a stable sort), so sorting
    /// by one column after another breaks ties by the earlier one.
    pub fn sort_rows_by(&mut self, order: RowOrder) {
        let mut perm: Vec<usize> = (0..self.rows()).collect();
        match order {
            RowOrder::Column(c) if c < self.cols() => {
                perm.sort_by_key(|&r| std::cmp::Reverse(self.counts[r * self.cols() + c]))
            }
            RowOrder::Column(_) => return,
            RowOrder::Total => perm.sort_by_key(|&r| std::cmp::Reverse(self.row_total(r))),
            RowOrder::Document => perm.sort_by_key(|&r| self.docs[r]),
        }
        let cols = self.cols();
        self.docs = perm.iter().map(|&r| self.docs[r]).collect();
        self.counts = perm
            .iter()
            .flat_map(|&r| self.counts[r * cols..(r + 1) * cols].iter().copied())
            .collect();
    }

    /// Reorders the entities; ties keep their current order.
    pub fn sort_cols_by(&mut self, order: ColumnOrder) {
        let mut perm: Vec<usize> = (0..self.cols()).collect();
        match order {
            ColumnOrder::Row(r) if r < self.rows() => {
                perm.sort_by_key(|&c| std::cmp::Reverse(self.counts[r * self.cols() + c]))
            }
            ColumnOrder::Row(_) => return,
            ColumnOrder::Total => {
                let totals: Vec<u32> = (0..self.cols()).map(|c| self.col_total(c)).collect();
                perm.sort_by_key(|&c| std::cmp::Reverse(totals[c]));
            }
            ColumnOrder::Entity => perm.sort_by_key(|&c| self.entities[c]),
        }
        let cols = self.cols();
        self.entities = perm.iter().map(|&c| self.entities[c]).collect();
        self.counts = (0..self.rows())
            .flat_map(|r| perm.iter().map(move |&c| r * cols + c))
            .map(|i| self.counts[i])
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::entity::{Entities, Entity, Place};
    use dossier_model::span::Span;

    /// Three documents; entity kinds and per-document mention counts as given.
    fn corpus(kinds: &[EntityType], per_doc: &[&[(u32, u32)]]) -> Corpus {
        let mut c = Corpus::default();
        for (i, _) in per_doc.iter().enumerate() {
            let files = vec![dossier_ingest::source::SourceFile::new(
                format!("{i}.txt"),
                format!("Headline {i}\n\nSome text here.\n").into_bytes(),
            )];
            let mut d = dossier_ingest::ingest(files).documents.remove(0);
            d.id = DocId(i as u32);
            c.documents.push(d);
        }
        let mentions: Vec<Vec<Mention>> = per_doc
            .iter()
            .map(|counts| {
                let mut ms = Vec::new();
                for &(entity, n) in counts.iter() {
                    for _ in 0..n {
                        let at = ms.len();
                        ms.push(Mention {
                            span: Span::new(at, at + 1),
                            entity: EntityId(entity),
                            place: Place::Text,
                        });
                    }
                }
                ms
            })
            .collect();
        c.entities = Entities {
            entities: kinds
                .iter()
                .enumerate()
                .map(|(i, &kind)| Entity::new(EntityId(i as u32), format!("E{i}"), kind))
                .collect(),
            mentions,
        };
        c.entities.recount();
        c
    }

    fn sample() -> Corpus {
        use EntityType::*;
        corpus(
            &[Person, Gpe, Cardinal, Org],
            &[&[(0, 2), (1, 1), (2, 9)], &[(1, 4), (3, 1)], &[(0, 1), (3, 1)]],
        )
    }

    #[test]
    fn counts_top_columns_of_chosen_types() {
        let c = sample();
        let m = matrix(&c, &[DocId(0), DocId(1), DocId(2)], &MatrixFilter::names(2));
        // Cardinal 2 is not a name; of the names, E1 has 5 mentions, E0 3, E3 2.
        assert_eq!(m.entities, [EntityId(1), EntityId(0)]);
        assert_eq!(m.counts, [1, 2, 4, 0, 0, 1]);
        assert_eq!((m.cell(1, 0), m.cell(3, 0), m.cell(0, 2)), (Some(4), None, None));
        assert_eq!(m.max(), 4);
        assert_eq!(m.mentions(&c, 0, 1).len(), 2);
        assert!(m.mentions(&c, 5, 1).is_empty());
        let numbers = matrix(&c, &[DocId(0)], &MatrixFilter::of(vec![EntityType::Cardinal], 10));
        assert_eq!(
            (numbers.entities.as_slice(), numbers.counts.as_slice()),
            (&[EntityId(2)][..], &[9][..])
        );
    }

    #[test]
    fn top_is_counted_within_the_picked_documents() {
        let c = sample();
        let m = matrix(&c, &[DocId(2), DocId(7)], &MatrixFilter::names(1));
        assert_eq!(m.docs, [DocId(2)], "unknown documents are left out");
        assert_eq!(m.entities, [EntityId(0)], "E0 and E3 tie at 1; the lower id wins");
    }

    #[test]
    fn sorting_moves_whole_rows_and_columns() {
        let c = sample();
        let mut m = matrix(&c, &[DocId(0), DocId(1), DocId(2)], &MatrixFilter::names(3));
        let cell_of = |m: &Matrix, d: u32, e: u32| {
            let r = m.docs.iter().position(|&x| x == DocId(d)).unwrap();
            let c = m.entities.iter().position(|&x| x == EntityId(e)).unwrap();
            m.cell(r, c).unwrap()
        };
        let before: Vec<u32> = (0..3)
            .flat_map(|d| [0, 1, 3].map(|e| cell_of(&m, d, e)))
            .collect();
        m.sort_rows_by(RowOrder::Total);
        assert_eq!(m.docs, [DocId(1), DocId(0), DocId(2)]);
        m.sort_cols_by(ColumnOrder::Row(2));
        assert_eq!(m.entities[..2], [EntityId(0), EntityId(3)]);
        m.sort_rows_by(RowOrder::Column(0));
        assert_eq!(m.docs[0], DocId(0));
        m.sort_cols_by(ColumnOrder::Entity);
        assert_eq!(m.entities, [EntityId(0), EntityId(1), EntityId(3)]);
        m.sort_rows_by(RowOrder::Column(99));
        m.sort_rows_by(RowOrder::Document);
        assert_eq!(m.docs, [DocId(0), DocId(1), DocId(2)]);
        let after: Vec<u32> = (0..3)
            .flat_map(|d| [0, 1, 3].map(|e| cell_of(&m, d, e)))
            .collect();
        assert_eq!(before, after);
        assert_eq!(m.col_total(1), 5);
    }

    #[test]
    fn chosen_columns_keep_their_order_once_each() {
        let c = sample();
        let docs = [DocId(0), DocId(2), DocId(9)];
        let ids = [EntityId(3), EntityId(2), EntityId(3), EntityId(42)];
        let m = matrix_of(&c, &docs, &ids, Counting::Text);
        assert_eq!(m.docs, [DocId(0), DocId(2)]);
        assert_eq!(
            m.entities,
            [EntityId(3), EntityId(2)],
            "a repeat and an unknown left out"
        );
        assert_eq!(m.counts, [0, 9, 1, 0]);
    }

    #[test]
    fn removed_mentions_count_only_when_asked() {
        let mut c = sample();
        c.entities.mentions[1][0].place = Place::Removed;
        let docs = [DocId(1)];
        let m = matrix(&c, &docs, &MatrixFilter::names(5));
        assert_eq!(m.counts, [3, 1]);
        let all = MatrixFilter {
            counting: Counting::Everything,
            ..MatrixFilter::names(5)
        };
        let m = matrix(&c, &docs, &all);
        assert_eq!(m.counts, [4, 1]);
        assert_eq!(m.mentions(&c, 0, 0).len(), 4);
    }
}
