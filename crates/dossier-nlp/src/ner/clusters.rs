//! Word clusters learned from unlabelled news text: words used in similar contexts share a
//! cluster, so a name the tagged training data never showed ("Tokayev") can borrow what
//! was learned about its neighbours in context ("Nazarbayev").
//!
//! Each word of the vocabulary is described by the words seen immediately left and right
//! of it (positive PMI over the most frequent words), and spherical k-means groups the
//! descriptions twice, coarsely and finely; the tagger sees both cluster numbers as
//! features, like the bit-string prefixes of Brown clusters. Learning is deterministic:
//! the initial centroids are words spread evenly over the frequency ranking.

use super::tokenize::tokenize;
use std::collections::HashMap;

/// Cluster numbers of lower-cased words: coarse and fine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clusters {
    words: HashMap<Box<str>, (u16, u16)>,
}

/// How clusters are learned.
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Words seen fewer times are not clustered.
    pub min_count: u32,
    /// At most this many words (the most frequent) are clustered.
    pub vocabulary: usize,
    /// Context words: the most frequent ones, left and right.
    pub contexts: usize,
    pub coarse: usize,
    pub fine: usize,
    pub iterations: usize,
}

impl Default for ClusterOptions {
    fn default() -> ClusterOptions {
        ClusterOptions {
            min_count: 5,
            vocabulary: 40_000,
            contexts: 600,
            coarse: 64,
            fine: 512,
            iterations: 8,
        }
    }
}

impl Clusters {
    pub(crate) fn from_words(words: HashMap<Box<str>, (u16, u16)>) -> Clusters {
        Clusters { words }
    }

    /// The clusters of a lower-cased word, if it was clustered.
    pub(crate) fn get(&self, lower: &str) -> Option<(u16, u16)> {
        self.words.get(lower).copied()
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, (u16, u16))> {
        self.words.iter().map(|(w, &c)| (&**w, c))
    }

    /// Learns clusters from unlabelled texts (one article each).
    pub fn learn<'a>(texts: impl IntoIterator<Item = &'a str>, options: &ClusterOptions) -> Clusters {
        // Every article as a sequence of word ids, with ids in order of first appearance.
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut names: Vec<String> = Vec::new();
        let mut counts: Vec<u32> = Vec::new();
        let mut streams: Vec<Vec<u32>> = Vec::new();
        for text in texts {
            let stream = tokenize(text)
                .iter()
                .map(|t| {
                    let lower = t.text.to_lowercase();
                    let next = names.len() as u32;
                    let id = *ids.entry(lower.clone()).or_insert(next);
                    if id == next {
                        names.push(lower);
                        counts.push(0);
                    }
                    counts[id as usize] += 1;
                    id
                })
                .collect();
            streams.push(stream);
        }
        let mut by_count: Vec<u32> = (0..names.len() as u32).collect();
        by_count.sort_by_key(|&w| (std::cmp::Reverse(counts[w as usize]), names[w as usize].clone()));
        let rank_of = |ranked: &[u32], limit: usize| {
            let mut rank = vec![u32::MAX; names.len()];
            for (r, &w) in ranked.iter().take(limit).enumerate() {
                rank[w as usize] = r as u32;
            }
            rank
        };
        let vocab: Vec<u32> = by_count
            .iter()
            .copied()
            .filter(|&w| counts[w as usize] >= options.min_count)
            .take(options.vocabulary)
            .collect();
        let row = rank_of(&vocab, vocab.len());
        let context = rank_of(&by_count, options.contexts);
        let dims = 2 * options.contexts;
        // Context counts: for each vocabulary word, (dimension, count) pairs.
        let mut cooc: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
        for stream in &streams {
            for (i, &w) in stream.iter().enumerate() {
                let r = row[w as usize];
                if r == u32::MAX {
                    continue;
                }
                let mut add = |neighbour: Option<&u32>, side: u32| {
                    if let Some(c) = neighbour.map(|&n| context[n as usize]).filter(|&c| c != u32::MAX) {
                        *cooc[r as usize].entry(c * 2 + side).or_default() += 1.0;
                    }
                };
                add(i.checked_sub(1).and_then(|j| stream.get(j)), 0);
                add(stream.get(i + 1), 1);
            }
        }
        let vectors = ppmi(&cooc, dims);
        let coarse = kmeans(&vectors, dims, options.coarse, options.iterations);
        let fine = kmeans(&vectors, dims, options.fine, options.iterations);
        let words = vocab
            .iter()
            .enumerate()
            .filter(|(r, _)| !vectors[*r].is_empty())
            .map(|(r, &w)| (names[w as usize].clone().into_boxed_str(), (coarse[r], fine[r])))
            .collect();
        Clusters { words }
    }
}

/// Sparse unit vectors of positive pointwise mutual information.
fn ppmi(cooc: &[HashMap<u32, f32>], dims: usize) -> Vec<Vec<(u32, f32)>> {
    let mut column = vec![0.0f64; dims];
    let mut total = 0.0f64;
    for row in cooc {
        for (&d, &c) in row {
            column[d as usize] += f64::from(c);
            total += f64::from(c);
        }
    }
    cooc.iter()
        .map(|row| {
            let row_total: f64 = row.values().map(|&c| f64::from(c)).sum();
            let mut v: Vec<(u32, f32)> = row
                .iter()
                .filter_map(|(&d, &c)| {
                    let pmi = (f64::from(c) * total / (row_total * column[d as usize])).ln();
                    (pmi > 0.0).then_some((d, pmi as f32))
                })
                .collect();
            v.sort_unstable_by_key(|&(d, _)| d);
            let norm = v.iter().map(|&(_, x)| x * x).sum::<f32>().sqrt();
            v.iter_mut().for_each(|(_, x)| *x /= norm.max(f32::MIN_POSITIVE));
            v
        })
        .collect()
}

/// Spherical k-means: each vector to the centroid with the largest dot product. Centroids
/// are stored dimension-major, so a sparse vector's scores against all of them are a sum of
/// contiguous rows.
fn kmeans(vectors: &[Vec<(u32, f32)>], dims: usize, k: usize, iterations: usize) -> Vec<u16> {
    let k = k.clamp(1, vectors.len().max(1));
    let mut centroids = vec![0.0f32; dims * k];
    for c in 0..k {
        for &(d, x) in &vectors[c * vectors.len() / k] {
            centroids[d as usize * k + c] = x;
        }
    }
    let mut assignment = vec![0u16; vectors.len()];
    let mut scores = vec![0.0f32; k];
    for _ in 0..iterations {
        for (v, slot) in vectors.iter().zip(assignment.iter_mut()) {
            scores.fill(0.0);
            for &(d, x) in v {
                let row = &centroids[d as usize * k..(d as usize + 1) * k];
                for (s, c) in scores.iter_mut().zip(row) {
                    *s += x * c;
                }
            }
            let best = (0..k).max_by(|&a, &b| scores[a].total_cmp(&scores[b]));
            *slot = best.unwrap_or(0) as u16;
        }
        centroids.fill(0.0);
        let mut norms = vec![0.0f32; k];
        for (v, &c) in vectors.iter().zip(&assignment) {
            for &(d, x) in v {
                centroids[d as usize * k + usize::from(c)] += x;
            }
        }
        for row in centroids.chunks(k) {
            for (n, x) in norms.iter_mut().zip(row) {
                *n += x * x;
            }
        }
        for row in centroids.chunks_mut(k) {
            for (x, n) in row.iter_mut().zip(&norms) {
                *x /= n.sqrt().max(f32::MIN_POSITIVE);
            }
        }
    }
    assignment
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_share_clusters() {
        let mut texts = Vec::new();
        for city in ["Paris", "Oslo", "Lima", "Riga"] {
            for name in ["Anna", "Boris", "Chen"] {
                texts.push(format!(
                    "Mrs {name} said that Mrs {name} flew to {city} yesterday ."
                ));
            }
        }
        // As many fine clusters as words: only identical contexts must share one.
        let options = ClusterOptions {
            min_count: 2,
            vocabulary: 100,
            contexts: 20,
            coarse: 2,
            fine: 100,
            iterations: 5,
        };
        let clusters = Clusters::learn(texts.iter().map(String::as_str), &options);
        let fine = |w: &str| clusters.get(w).map(|c| c.1);
        assert!(fine("paris").is_some() && fine("anna").is_some());
        assert_eq!(fine("paris"), fine("oslo"));
        assert_eq!(fine("anna"), fine("boris"));
        assert_ne!(fine("paris"), fine("anna"));
        assert_eq!(clusters.get("unseen"), None);
    }
}
