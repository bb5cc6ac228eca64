//! Best tag sequences: Viterbi decoding over BILOU tags, and the two-pass document tagger.
//!
//! The decoder never considers a forbidden transition (see [`label::allowed`]), so every
//! sequence it returns spells well-formed entities. Tagging a document runs twice: the
//! first pass has no document hints; its calls become hints for the second
//! ([`Doc::set_hints`]), which is how a name recognised in one sentence helps in another.

use super::clusters::Clusters;
use super::features::Doc;
use super::label::{self, N_TAGS, START};

/// Scores for the decoder: a trained model or a model in training.
pub(crate) trait Scorer {
    /// Adds the weights of the feature `key` (if known) to `scores`, one per tag.
    fn add_feature(&self, key: &[u8], scores: &mut [f32]);
    /// The score of tag `to` after tag `from` ([`START`] before the first token).
    fn transition(&self, from: usize, to: usize) -> f32;
    /// The word clusters the features were learned with.
    fn clusters(&self) -> &Clusters;
}

/// Reusable buffers for decoding, so tagging many documents allocates little.
#[derive(Default)]
pub(crate) struct Scratch {
    emissions: Vec<f32>,
    best: Vec<f32>,
    back: Vec<u8>,
    features: Vec<u8>,
}

/// The best legal tag sequence for `n` tokens with `emissions` (`n * N_TAGS` scores),
/// written to `out`.
pub(crate) fn viterbi(
    emissions: &[f32],
    transition: impl Fn(usize, usize) -> f32,
    best: &mut Vec<f32>,
    back: &mut Vec<u8>,
    out: &mut Vec<u8>,
) {
    let n = emissions.len() / N_TAGS;
    out.clear();
    if n == 0 {
        return;
    }
    best.clear();
    best.resize(n * N_TAGS, f32::NEG_INFINITY);
    back.clear();
    back.resize(n * N_TAGS, 0);
    for to in 0..N_TAGS {
        if label::allowed(START, to) {
            best[to] = emissions[to] + transition(START, to);
        }
    }
    for i in 1..n {
        for to in 0..N_TAGS {
            let mut top = (f32::NEG_INFINITY, 0);
            for from in 0..N_TAGS {
                let prev = best[(i - 1) * N_TAGS + from];
                if prev > f32::NEG_INFINITY && label::allowed(from, to) {
                    let score = prev + transition(from, to);
                    if score > top.0 {
                        top = (score, from);
                    }
                }
            }
            best[i * N_TAGS + to] = top.0 + emissions[i * N_TAGS + to];
            back[i * N_TAGS + to] = top.1 as u8;
        }
    }
    let last = &best[(n - 1) * N_TAGS..];
    let mut tag = (0..N_TAGS)
        .filter(|&t| label::allowed_last(t) && last[t] > f32::NEG_INFINITY)
        .max_by(|&a, &b| last[a].total_cmp(&last[b]))
        .unwrap_or(0);
    out.resize(n, 0);
    for i in (0..n).rev() {
        out[i] = tag as u8;
        tag = usize::from(back[i * N_TAGS + tag]);
    }
}

/// Tags one pass over `doc` with its current hints: one tag per token.
fn tag_pass(scorer: &impl Scorer, doc: &Doc, scratch: &mut Scratch, tags: &mut Vec<u8>) {
    tags.clear();
    let mut sentence_tags = Vec::new();
    for (s, range) in doc.sentences.iter().enumerate() {
        let Scratch {
            emissions,
            best,
            back,
            features,
        } = &mut *scratch;
        emissions.clear();
        emissions.resize(range.len() * N_TAGS, 0.0);
        for (k, i) in range.clone().enumerate() {
            let row = &mut emissions[k * N_TAGS..(k + 1) * N_TAGS];
            doc.features(s, i, features, &mut |key| scorer.add_feature(key, row));
        }
        viterbi(
            emissions,
            |a, b| scorer.transition(a, b),
            best,
            back,
            &mut sentence_tags,
        );
        tags.extend_from_slice(&sentence_tags);
    }
}

/// Tags `doc` once, without document hints (the first pass alone).
pub(crate) fn first_pass(scorer: &impl Scorer, doc: &mut Doc, scratch: &mut Scratch) -> Vec<u8> {
    let mut tags = Vec::with_capacity(doc.len());
    doc.clear_hints();
    tag_pass(scorer, doc, scratch, &mut tags);
    tags
}

/// How many passes a document gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Passes {
    /// The first pass alone: for a model still learning its first-pass weights.
    One,
    /// Both: what a finished model does.
    Two,
}

/// Tags `doc` and returns one tag per token.
pub(crate) fn tag_document(
    scorer: &impl Scorer,
    doc: &mut Doc,
    scratch: &mut Scratch,
    passes: Passes,
) -> Vec<u8> {
    let mut tags = first_pass(scorer, doc, scratch);
    if passes == Passes::One {
        return tags;
    }
    doc.set_hints(&hint_labels(&tags));
    tag_pass(scorer, doc, scratch, &mut tags);
    tags
}

/// The label index of each tag, for [`Doc::set_hints`].
pub(crate) fn hint_labels(tags: &[u8]) -> Vec<Option<usize>> {
    tags.iter()
        .map(|&t| label::label_of(t).map(|l| l.index()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::label::Label;
    use super::super::label::{decode, Entity};
    use super::*;

    fn run(emissions: &[f32], transition: impl Fn(usize, usize) -> f32) -> Vec<u8> {
        let mut out = Vec::new();
        viterbi(emissions, transition, &mut Vec::new(), &mut Vec::new(), &mut out);
        out
    }

    #[test]
    fn prefers_the_best_legal_path() {
        // Two tokens. Alone, token 0 likes B-PER (tag 1) and token 1 likes O, which would
        // leave an entity open; the best legal path is U-PER (tag 4) then O.
        let mut e = vec![0.0; 2 * N_TAGS];
        e[1] = 5.0;
        e[4] = 3.0;
        e[N_TAGS] = 4.0;
        let tags = run(&e, |_, _| 0.0);
        assert_eq!(tags, vec![4, 0]);
        assert_eq!(
            decode(&tags),
            vec![Entity {
                start: 0,
                end: 1,
                label: Label::Person
            }]
        );
    }

    #[test]
    fn never_starts_inside_an_entity() {
        let mut e = vec![0.0; N_TAGS];
        e[2] = 10.0; // I-PER: illegal at the start, and as the last tag
        e[3] = 9.0; // L-PER: illegal at the start
        e[0] = 1.0;
        assert_eq!(run(&e, |_, _| 0.0), vec![0]);
    }

    #[test]
    fn transitions_can_join_tokens_into_one_entity() {
        // Each token alone prefers U-LOC (tag 12), but a strong B-LOC -> L-LOC transition
        // makes "New York" one location.
        let mut e = vec![0.0; 2 * N_TAGS];
        for i in 0..2 {
            e[i * N_TAGS + 12] = 2.0;
            e[i * N_TAGS + 9] = 1.0;
            e[i * N_TAGS + 11] = 1.0;
        }
        let tags = run(&e, |a, b| if (a, b) == (9, 11) { 5.0 } else { 0.0 });
        assert_eq!(
            decode(&tags),
            vec![Entity {
                start: 0,
                end: 2,
                label: Label::Location
            }]
        );
        assert!(run(&[], |_, _| 0.0).is_empty());
    }
}
