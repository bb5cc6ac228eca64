//! Scoring, conlleval style: an entity counts only when its span and label both match
//! exactly; precision, recall and F1 per label and overall (micro-averaged).

use super::conll::Document;
use super::decode::{Passes, Scorer};
use super::label::{Entity, Label};

/// Entity counts for one label or for all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Counts) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.correct += other.correct;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Counts per label (in [`Label::ALL`] order) and overall.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scores {
    pub by_label: [Counts; Label::ALL.len()],
    pub overall: Counts,
}

impl Scores {
    /// Adds one sentence's gold and predicted entities.
    pub fn add(&mut self, gold: &[Entity], predicted: &[Entity]) {
        for label in Label::ALL {
            let of = |es: &[Entity]| es.iter().filter(|e| e.label == label).count();
            let correct = predicted
                .iter()
                .filter(|p| p.label == label && gold.contains(p))
                .count();
            let counts = Counts {
                gold: of(gold),
                predicted: of(predicted),
                correct,
            };
            self.by_label[label.index()].add(counts);
            self.overall.add(counts);
        }
    }
}

/// Scores a loaded model on gold-tokenised documents.
pub fn evaluate(model: &super::Model, docs: &[Document]) -> Scores {
    evaluate_with(model, docs, Passes::Two)
}

pub(crate) fn evaluate_with(scorer: &impl Scorer, docs: &[Document], passes: Passes) -> Scores {
    let mut scores = Scores::default();
    for doc in docs {
        let predicted = super::tag_sentences(scorer, &doc.words(), passes);
        for (sentence, found) in doc.sentences.iter().zip(&predicted) {
            scores.add(&sentence.entities, found);
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_exact_matches_only() {
        let per = |start, end| Entity {
            start,
            end,
            label: Label::Person,
        };
        let loc = |start, end| Entity {
            start,
            end,
            label: Label::Location,
        };
        let mut scores = Scores::default();
        // One exact hit, one boundary error, one wrong label, one miss.
        scores.add(
            &[per(0, 2), per(3, 5), loc(6, 7), loc(8, 9)],
            &[per(0, 2), per(3, 4), per(6, 7)],
        );
        assert_eq!(
            scores.overall,
            Counts {
                gold: 4,
                predicted: 3,
                correct: 1
            }
        );
        let person = scores.by_label[Label::Person.index()];
        assert_eq!(
            person,
            Counts {
                gold: 2,
                predicted: 3,
                correct: 1
            }
        );
        assert!((person.precision() - 1.0 / 3.0).abs() < 1e-12);
        assert!((person.recall() - 0.5).abs() < 1e-12);
        assert!((person.f1() - 0.4).abs() < 1e-12);
        assert_eq!(Counts::default().f1(), 0.0);
    }
}
