//! Training: a structured averaged perceptron (Collins, 2002) over BILOU tags, in two
//! stages, then quantisation.
//!
//! 1. A first-pass model learns without document hints; the epoch count is the one that
//!    scores best on the validation documents.
//! 2. Hints for the training documents come from first-pass models trained on the *other*
//!    folds (jackknifing): hints from a model that has seen the very sentence would be
//!    too good, and the second pass would learn to trust them blindly.
//! 3. The final model learns from every training document twice, with hints and without,
//!    so the one weight set serves both passes at run time. Epochs are again picked on
//!    the validation documents, running the real two-pass tagger.
//! 4. Weights are clipped, coded in i8 (square-law, see [`format`]) and small ones pruned;
//!    the clip and pruning level are picked on the validation documents too, favouring the
//!    smaller model only when F1 is within 0.0005.
//!
//! Once tuned, the shipped model can learn from the validation documents too: a
//! [`Schedule`] replays the choices of a tuned run (epochs, clip, pruning) instead of
//! picking them, since documents it learns from can no longer pick anything.
//!
//! Training only ever sees the documents it is given: file reading lives in xtask.

use super::clusters::Clusters;
use super::conll::Document;
use super::decode::{self, viterbi, Passes, Scorer, Scratch};
use super::eval::{evaluate_with, Scores};
use super::features::{hash, Doc, FeatureIndex};
use super::format::{self, Parts};
use super::label::{self, N_TAGS, START};
use super::Model;

/// Training settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// The most epochs either stage runs.
    pub max_epochs: usize,
    /// Stop a stage after this many epochs without a better validation F1.
    pub patience: usize,
    /// Folds for the jackknifed first-pass hints (at least two are used).
    pub folds: usize,
    /// Seeds the order training sentences are visited in.
    pub seed: u64,
    /// Final-stage runs, each visiting sentences in a different order, whose weights are
    /// summed: a cheap ensemble that evens out the luck of one order.
    pub runs: usize,
    /// The choices of a tuned run to replay instead of picking them on the validation
    /// documents (`None`: pick them).
    pub schedule: Option<Schedule>,
}

/// What a tuned run chose ([`Report`]'s choices), to train again on more documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    pub first_pass_epochs: usize,
    /// The epochs of each final-stage run; as many runs as entries.
    pub epochs: Vec<usize>,
    pub clip_quantile: f64,
    pub min_weight: i8,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_epochs: 20,
            patience: 3,
            folds: 5,
            seed: 0x5eed_2003,
            runs: 3,
            schedule: None,
        }
    }
}

/// What training chose and measured (F1 on the validation documents).
#[derive(Debug, Clone)]
pub struct Report {
    pub first_pass_epochs: usize,
    /// The epochs each final-stage run kept.
    pub epochs: Vec<usize>,
    pub float_f1: f64,
    pub scores: Scores,
    /// Weights beyond this quantile of their magnitudes are clipped before scaling.
    pub clip_quantile: f64,
    /// Quantised weights with a smaller magnitude are pruned.
    pub min_weight: i8,
    pub features_seen: usize,
    pub features_kept: usize,
}

impl Report {
    /// The choices this run made, to replay ([`Options::schedule`]).
    pub fn schedule(&self) -> Schedule {
        Schedule {
            first_pass_epochs: self.first_pass_epochs,
            epochs: self.epochs.clone(),
            clip_quantile: self.clip_quantile,
            min_weight: self.min_weight,
        }
    }
}

/// Trains on `train`, picks epochs and quantisation on `valid` (or replays
/// `options.schedule`), and returns the model file's bytes. `progress` hears one line per
/// step.
pub fn train(
    train: &[Document],
    valid: &[Document],
    clusters: &Clusters,
    options: &Options,
    progress: &mut dyn FnMut(String),
) -> (Vec<u8>, Report) {
    let mut table = FeatureTable {
        clusters: clusters.clone(),
        ..FeatureTable::default()
    };
    let plain = compile(train, None, &mut table);
    progress(format!(
        "first pass: {} sentences, {} features",
        plain.len(),
        table.len()
    ));
    let all: Vec<usize> = (0..plain.len()).collect();
    let schedule = options.schedule.as_ref();
    let first_stop = match schedule {
        Some(s) => Stop::After(s.first_pass_epochs),
        None => Stop::Best {
            valid,
            passes: Passes::One,
        },
    };
    let first = fit(&plain, &all, &table, options, first_stop, progress);
    let first_pass_epochs = first.epochs;

    let mut hints = vec![Vec::new(); train.len()];
    let folds = options.folds.max(2);
    for fold in 0..folds {
        let held_out = |d: &usize| d % folds == fold;
        let train_on: Vec<usize> = (0..plain.len()).filter(|&k| !held_out(&plain[k].doc)).collect();
        let fixed = Stop::After(first_pass_epochs);
        let model = fit(&plain, &train_on, &table, options, fixed, &mut |_| {});
        let scorer = model.scorer(&table);
        let mut scratch = Scratch::default();
        for d in (0..train.len()).filter(held_out) {
            let mut doc = prepare(&train[d], &table.clusters);
            hints[d] = decode::hint_labels(&decode::first_pass(&scorer, &mut doc, &mut scratch));
        }
        progress(format!("hints for fold {} of {folds}", fold + 1));
    }

    let mut both = compile(train, Some(&hints), &mut table);
    both.extend(plain);
    progress(format!(
        "second pass: {} sentences, {} features",
        both.len(),
        table.len()
    ));
    let all: Vec<usize> = (0..both.len()).collect();
    let final_stop = |run: usize| match schedule {
        Some(s) => Stop::After(s.epochs.get(run).copied().unwrap_or(0)),
        None => Stop::Best {
            valid,
            passes: Passes::Two,
        },
    };
    let runs = schedule.map_or(options.runs, |s| s.epochs.len());
    let mut last = fit(&both, &all, &table, options, final_stop(0), progress);
    let mut epochs = vec![last.epochs];
    for run in 1..runs {
        let reordered = Options {
            seed: options.seed.wrapping_add(run as u64 * 0x9E37_79B9),
            ..options.clone()
        };
        let other = fit(&both, &all, &table, &reordered, final_stop(run), progress);
        for (w, o) in last.weights.iter_mut().zip(&other.weights) {
            *w += o;
        }
        epochs.push(other.epochs);
    }
    let float_f1 = evaluate_with(&last.scorer(&table), valid, Passes::Two)
        .overall
        .f1();
    progress(format!("{runs} runs averaged: validation F1 {float_f1:.4}"));

    let candidates: Vec<(f64, i8)> = match schedule {
        Some(s) => vec![(s.clip_quantile, s.min_weight)],
        None => [1.0, 0.9999]
            .into_iter()
            .flat_map(|clip| [1i8, 8, 16, 24, 32].map(|min_weight| (clip, min_weight)))
            .collect(),
    };
    let mut best: Option<(f64, Vec<u8>, f64, i8)> = None;
    for (clip, min_weight) in candidates {
        let bytes = format::encode(last.quantise(&table, clip, min_weight));
        let f1 =
            Model::from_bytes(&bytes).map_or(0.0, |m| evaluate_with(&m, valid, Passes::Two).overall.f1());
        progress(format!(
            "clip {clip}, prune below {min_weight}: F1 {f1:.4}, {} bytes",
            bytes.len()
        ));
        let better = best
            .as_ref()
            .is_none_or(|(f, b, _, _)| f1 > f + 0.0005 || (f1 > f - 0.0005 && bytes.len() < b.len()));
        if better {
            best = Some((f1, bytes, clip, min_weight));
        }
    }
    let (_, bytes, clip_quantile, min_weight) =
        best.unwrap_or_else(|| unreachable!("at least one candidate"));
    let model = Model::from_bytes(&bytes).unwrap_or_else(|e| unreachable!("a fresh model decodes: {e}"));
    let report = Report {
        first_pass_epochs,
        epochs,
        float_f1,
        scores: evaluate_with(&model, valid, Passes::Two),
        clip_quantile,
        min_weight,
        features_seen: table.len(),
        features_kept: model.feature_count(),
    };
    (bytes, report)
}

/// Feature strings seen in training, numbered in order of appearance, and the word
/// clusters they were extracted with.
#[derive(Default)]
struct FeatureTable {
    clusters: Clusters,
    index: FeatureIndex,
    keys: Vec<u8>,
    ends: Vec<usize>,
}

impl FeatureTable {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn intern(&mut self, key: &[u8]) -> u32 {
        let next = self.ends.len() as u32;
        let id = *self.index.entry(hash(key)).or_insert(next);
        if id == next {
            self.keys.extend_from_slice(key);
            self.ends.push(self.keys.len());
        }
        id
    }

    fn key(&self, id: usize) -> &[u8] {
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        &self.keys[start..self.ends[id]]
    }
}

/// A training sentence: its features per token (ids) and gold tags.
struct Instance {
    doc: usize,
    features: Vec<u32>,
    /// Token `k`'s features are `features[starts[k]..starts[k + 1]]`.
    starts: Vec<usize>,
    gold: Vec<u8>,
}

fn prepare(doc: &Document, clusters: &Clusters) -> Doc {
    let words: Vec<&str> = doc
        .sentences
        .iter()
        .flat_map(|s| s.tokens.iter().map(String::as_str))
        .collect();
    let mut ranges = Vec::with_capacity(doc.sentences.len());
    let mut at = 0;
    for s in &doc.sentences {
        ranges.push(at..at + s.tokens.len());
        at += s.tokens.len();
    }
    Doc::new(&words, ranges, clusters)
}

fn compile(
    docs: &[Document],
    hints: Option<&[Vec<Option<usize>>]>,
    table: &mut FeatureTable,
) -> Vec<Instance> {
    let mut out = Vec::new();
    let mut buf = Vec::new();
    for (d, document) in docs.iter().enumerate() {
        let mut doc = prepare(document, &table.clusters);
        if let Some(h) = hints.and_then(|h| h.get(d)).filter(|h| h.len() == doc.len()) {
            doc.set_hints(h);
        }
        for (s, sentence) in document.sentences.iter().enumerate() {
            let mut instance = Instance {
                doc: d,
                features: Vec::new(),
                starts: vec![0],
                gold: label::encode(sentence.tokens.len(), &sentence.entities),
            };
            for i in doc.sentences[s].clone() {
                doc.features(s, i, &mut buf, &mut |key| {
                    instance.features.push(table.intern(key))
                });
                instance.starts.push(instance.features.len());
            }
            out.push(instance);
        }
    }
    out
}

/// Averaged perceptron weights: `features * N_TAGS` emission weights, then the
/// `(N_TAGS + 1) * N_TAGS` transitions. Averages are kept lazily: each weight remembers
/// when it last changed and its running sum up to then.
struct Perceptron {
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    now: u32,
    transitions_at: usize,
}

impl Perceptron {
    fn new(features: usize) -> Perceptron {
        let n = features * N_TAGS + (N_TAGS + 1) * N_TAGS;
        Perceptron {
            weights: vec![0.0; n],
            totals: vec![0.0; n],
            stamps: vec![0; n],
            now: 0,
            transitions_at: features * N_TAGS,
        }
    }

    fn update(&mut self, at: usize, delta: f32) {
        self.totals[at] += f64::from(self.now - self.stamps[at]) * f64::from(self.weights[at]);
        self.stamps[at] = self.now;
        self.weights[at] += delta;
    }

    fn transition(&self, from: usize, to: usize) -> usize {
        self.transitions_at + from * N_TAGS + to
    }

    /// One pass over `order`, updating wherever the decoded tags differ from the gold ones.
    fn epoch(
        &mut self,
        instances: &[Instance],
        order: &[usize],
        scratch: &mut (Vec<f32>, Vec<f32>, Vec<u8>, Vec<u8>),
    ) {
        let (emissions, best, back, predicted) = scratch;
        for &k in order {
            let inst = &instances[k];
            let n = inst.gold.len();
            emissions.clear();
            emissions.resize(n * N_TAGS, 0.0);
            for t in 0..n {
                let row = &mut emissions[t * N_TAGS..(t + 1) * N_TAGS];
                for &f in &inst.features[inst.starts[t]..inst.starts[t + 1]] {
                    let w = &self.weights[f as usize * N_TAGS..(f as usize + 1) * N_TAGS];
                    for (e, w) in row.iter_mut().zip(w) {
                        *e += w;
                    }
                }
            }
            let weights = &self.weights;
            let at = self.transitions_at;
            viterbi(
                emissions,
                |a, b| weights[at + a * N_TAGS + b],
                best,
                back,
                predicted,
            );
            self.now += 1;
            if *predicted == inst.gold {
                continue;
            }
            for t in 0..n {
                let (g, p) = (usize::from(inst.gold[t]), usize::from(predicted[t]));
                let (gp, pp) = if t == 0 {
                    (START, START)
                } else {
                    (usize::from(inst.gold[t - 1]), usize::from(predicted[t - 1]))
                };
                if (gp, g) != (pp, p) {
                    self.update(self.transition(gp, g), 1.0);
                    self.update(self.transition(pp, p), -1.0);
                }
                if g != p {
                    for &f in &inst.features[inst.starts[t]..inst.starts[t + 1]] {
                        self.update(f as usize * N_TAGS + g, 1.0);
                        self.update(f as usize * N_TAGS + p, -1.0);
                    }
                }
            }
        }
    }

    fn averaged(&self) -> Vec<f32> {
        let now = f64::from(self.now.max(1));
        (0..self.weights.len())
            .map(|i| {
                ((self.totals[i] + f64::from(self.now - self.stamps[i]) * f64::from(self.weights[i])) / now)
                    as f32
            })
            .collect()
    }
}

/// Averaged weights from a finished stage.
struct Fitted {
    weights: Vec<f32>,
    epochs: usize,
}

/// Averaged float weights, scoring through the training feature table.
struct FloatScorer<'a> {
    index: &'a FeatureIndex,
    clusters: &'a Clusters,
    weights: &'a [f32],
    transitions_at: usize,
}

impl Scorer for FloatScorer<'_> {
    fn add_feature(&self, key: &[u8], scores: &mut [f32]) {
        if let Some(&id) = self.index.get(&hash(key)) {
            let row = &self.weights[id as usize * N_TAGS..(id as usize + 1) * N_TAGS];
            for (s, w) in scores.iter_mut().zip(row) {
                *s += w;
            }
        }
    }

    fn transition(&self, from: usize, to: usize) -> f32 {
        self.weights[self.transitions_at + from * N_TAGS + to]
    }

    fn clusters(&self) -> &Clusters {
        self.clusters
    }
}

impl Fitted {
    fn scorer<'a>(&'a self, table: &'a FeatureTable) -> FloatScorer<'a> {
        FloatScorer {
            index: &table.index,
            clusters: &table.clusters,
            weights: &self.weights,
            transitions_at: table.len() * N_TAGS,
        }
    }

    /// i8 weight codes: magnitudes clipped at the `clip` quantile, which code 127 stands
    /// for, and codes below `min_weight` pruned. Transitions, a few hundred, stay floats.
    fn quantise(&self, table: &FeatureTable, clip: f64, min_weight: i8) -> Parts {
        let at = table.len() * N_TAGS;
        let mut magnitudes: Vec<f32> = self.weights[..at]
            .iter()
            .map(|w| w.abs())
            .filter(|&w| w > 0.0)
            .collect();
        let limit = if magnitudes.is_empty() {
            1.0
        } else {
            let k = (((magnitudes.len() - 1) as f64) * clip) as usize;
            *magnitudes.select_nth_unstable_by(k, f32::total_cmp).1
        };
        let scale = limit.max(f32::MIN_POSITIVE);
        let q = |w: f32| {
            let v = format::quantise(w, scale);
            if v.unsigned_abs() < min_weight.unsigned_abs() {
                0
            } else {
                v
            }
        };
        let features = (0..table.len())
            .map(|id| {
                let mut row = [0i8; N_TAGS];
                for (t, r) in row.iter_mut().enumerate() {
                    *r = q(self.weights[id * N_TAGS + t]);
                }
                (table.key(id).to_vec(), row)
            })
            .filter(|(_, row)| row.iter().any(|&w| w != 0))
            .collect();
        Parts {
            transitions: self.weights[at..].to_vec(),
            scale,
            features,
            clusters: table.clusters.clone(),
        }
    }
}

/// When a stage stops.
#[derive(Clone, Copy)]
enum Stop<'a> {
    /// After this many epochs.
    After(usize),
    /// When F1 on `valid`, tagged with `passes`, has not improved for `patience` epochs;
    /// the best epoch's weights are kept.
    Best { valid: &'a [Document], passes: Passes },
}

/// Trains on `instances[subset]` until `stop`.
fn fit(
    instances: &[Instance],
    subset: &[usize],
    table: &FeatureTable,
    options: &Options,
    stop: Stop<'_>,
    progress: &mut dyn FnMut(String),
) -> Fitted {
    let mut perceptron = Perceptron::new(table.len());
    let mut order = subset.to_vec();
    let mut rng = options.seed | 1;
    let mut scratch = Default::default();
    let (valid, passes) = match stop {
        Stop::Best { valid, passes } => (valid, passes),
        Stop::After(epochs) => {
            for _ in 0..epochs {
                shuffle(&mut order, &mut rng);
                perceptron.epoch(instances, &order, &mut scratch);
            }
            return Fitted {
                weights: perceptron.averaged(),
                epochs,
            };
        }
    };
    let (mut best, mut best_f1) = (
        Fitted {
            weights: Vec::new(),
            epochs: 0,
        },
        -1.0,
    );
    for epoch in 1..=options.max_epochs {
        shuffle(&mut order, &mut rng);
        perceptron.epoch(instances, &order, &mut scratch);
        let weights = perceptron.averaged();
        let scorer = FloatScorer {
            index: &table.index,
            clusters: &table.clusters,
            weights: &weights,
            transitions_at: perceptron.transitions_at,
        };
        let f1 = evaluate_with(&scorer, valid, passes).overall.f1();
        progress(format!("  epoch {epoch}: validation F1 {f1:.4}"));
        if f1 > best_f1 {
            (best, best_f1) = (
                Fitted {
                    weights,
                    epochs: epoch,
                },
                f1,
            );
        } else if epoch - best.epochs >= options.patience {
            break;
        }
    }
    best
}

/// Fisher-Yates with xorshift: a fixed, portable order for a given seed.
fn shuffle(items: &mut [usize], state: &mut u64) {
    for i in (1..items.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        items.swap(i, (*state % (i as u64 + 1)) as usize);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::conll::Sentence;
    use crate::ner::{Entity, Label};

    /// "<person> met <person> in <place> ." with names drawn from small lists.
    fn documents(people: &[&str], places: &[&str], count: usize) -> Vec<Document> {
        (0..count)
            .map(|d| {
                let sentences = (0..4)
                    .map(|s| {
                        let k = d * 4 + s;
                        let words = [
                            people[k % people.len()],
                            "met",
                            people[(k + 1) % people.len()],
                            "in",
                            places[k % places.len()],
                            ".",
                        ];
                        Sentence {
                            tokens: words.iter().map(|w| w.to_string()).collect(),
                            entities: vec![
                                Entity {
                                    start: 0,
                                    end: 1,
                                    label: Label::Person,
                                },
                                Entity {
                                    start: 2,
                                    end: 3,
                                    label: Label::Person,
                                },
                                Entity {
                                    start: 4,
                                    end: 5,
                                    label: Label::Location,
                                },
                            ],
                        }
                    })
                    .collect();
                Document { sentences }
            })
            .collect()
    }

    #[test]
    fn learns_a_tiny_language_and_generalises_to_new_names() {
        let train_docs = documents(
            &["Anna", "Boris", "Chen", "Dmitri"],
            &["Paris", "Oslo", "Lima"],
            12,
        );
        let valid = documents(&["Elena", "Farid"], &["Quito", "Riga"], 3);
        let options = Options {
            max_epochs: 4,
            patience: 2,
            folds: 2,
            seed: 7,
            runs: 2,
            schedule: None,
        };
        let mut lines = Vec::new();
        let (bytes, report) = train(&train_docs, &valid, &Clusters::default(), &options, &mut |l| {
            lines.push(l)
        });
        assert!(lines.iter().any(|l| l.contains("epoch 1")));
        assert_eq!(report.epochs.len(), 2);
        assert!(report.features_kept > 0 && report.features_kept <= report.features_seen);
        assert!(report.scores.overall.f1() > 0.99, "{:?}", report.scores);
        let model = Model::from_bytes(&bytes).unwrap();
        let found = model.tag_tokens(&[vec!["Zoe", "met", "Yuri", "in", "Kiev", "."]]);
        assert_eq!(
            found[0],
            [
                Entity {
                    start: 0,
                    end: 1,
                    label: Label::Person
                },
                Entity {
                    start: 2,
                    end: 3,
                    label: Label::Person
                },
                Entity {
                    start: 4,
                    end: 5,
                    label: Label::Location
                },
            ]
        );
    }

    /// Replaying a tuned run's schedule picks nothing on the validation documents (no
    /// epoch is scored, one quantisation is tried) and gives the tuned run's model back;
    /// so training on train and validation documents together follows the tuned choices.
    #[test]
    fn a_schedule_replays_a_tuned_run_without_picking() {
        let train_docs = documents(&["Anna", "Boris", "Chen"], &["Paris", "Oslo"], 8);
        let valid = documents(&["Elena"], &["Quito"], 2);
        let options = Options {
            max_epochs: 3,
            patience: 1,
            folds: 2,
            seed: 11,
            runs: 2,
            schedule: None,
        };
        let (bytes, report) = train(&train_docs, &valid, &Clusters::default(), &options, &mut |_| {});
        let replay = Options {
            schedule: Some(report.schedule()),
            ..options
        };
        let mut lines = Vec::new();
        let (again, replayed) = train(&train_docs, &valid, &Clusters::default(), &replay, &mut |l| {
            lines.push(l)
        });
        assert!(!lines.iter().any(|l| l.contains("epoch")), "{lines:?}");
        assert_eq!(
            lines.iter().filter(|l| l.starts_with("clip")).count(),
            1,
            "{lines:?}"
        );
        assert_eq!(replayed.schedule(), report.schedule());
        assert!(again == bytes, "the replayed model differs");
    }

    #[test]
    fn shuffles_are_permutations_fixed_by_the_seed() {
        let (mut a, mut b) = ((0..50).collect::<Vec<usize>>(), (0..50).collect::<Vec<usize>>());
        let (mut s1, mut s2) = (9, 9);
        shuffle(&mut a, &mut s1);
        shuffle(&mut b, &mut s2);
        assert_eq!(a, b);
        assert_ne!(a, (0..50).collect::<Vec<_>>());
        a.sort_unstable();
        assert_eq!(a, (0..50).collect::<Vec<_>>());
    }
}
