//! The whole entity layer scored on CoNLL-2003's validation split, for `cargo xtask
//! eval-ner`: each document written out as a news file (a sentence a line), ingested and
//! recognised as the build does, and every name the layer finds mapped back to CoNLL's
//! four labels ([`entity::conll_label`]). Scored conlleval style (exact span and label),
//! after each stage in turn ([`Stage::ALL`]): the ablation shows which stage loses what
//! the tagger found.

use dossier_ingest::source::SourceFile;
use dossier_model::document::Corpus;
use dossier_model::span::Span;
use dossier_nlp::entity::{self, Recogniser, Stage};
use dossier_nlp::ner::conll::Document;
use dossier_nlp::ner::eval::Counts;
use dossier_nlp::ner::{Label, Model};
use std::collections::{HashMap, HashSet};

/// One file per CoNLL document, with its gold entities as byte spans of the file.
pub struct Files {
    corpus: Corpus,
    gold: HashMap<String, Vec<(Span, Label)>>,
}

impl Files {
    pub fn new(docs: &[Document]) -> Files {
        let mut gold = HashMap::new();
        let mut sources = Vec::with_capacity(docs.len());
        for (i, doc) in docs.iter().enumerate() {
            let name = format!("conll-{i:04}.txt");
            let (text, entities) = doc.text();
            gold.insert(name.clone(), entities);
            sources.push(SourceFile::new(name, text.into_bytes()));
        }
        Files {
            corpus: dossier_ingest::ingest(sources),
            gold,
        }
    }
}

/// Counts per label (in [`Label::ALL`] order) and overall.
pub struct Scores {
    pub by_label: [Counts; 4],
    pub overall: Counts,
}

/// Scores the layer's mentions after `last` against the gold entities.
pub fn score(files: &Files, recogniser: &Recogniser, model: &Model, last: Stage) -> Scores {
    let found = recogniser.recognise_through(&files.corpus, model, last);
    // Each file's predictions in file coordinates: a file may be split into documents.
    let mut predicted: HashMap<&str, HashSet<(Span, Label)>> = HashMap::new();
    for (doc, mentions) in files.corpus.documents.iter().zip(&found) {
        let offset = doc.origin.offset as usize;
        let of_file = predicted.entry(doc.origin.file.as_str()).or_default();
        for &(span, kind) in mentions {
            if let Some(label) = entity::conll_label(kind) {
                let span = Span::new(span.start as usize + offset, span.end as usize + offset);
                of_file.insert((span, label));
            }
        }
    }
    let mut scores = Scores {
        by_label: [Counts::default(); 4],
        overall: Counts::default(),
    };
    let empty = HashSet::new();
    for (file, gold) in &files.gold {
        let predicted = predicted.get(file.as_str()).unwrap_or(&empty);
        let gold: HashSet<(Span, Label)> = gold.iter().copied().collect();
        for (i, label) in Label::ALL.into_iter().enumerate() {
            let gold_n = gold.iter().filter(|g| g.1 == label).count();
            let predicted_n = predicted.iter().filter(|p| p.1 == label).count();
            let correct = predicted
                .iter()
                .filter(|p| p.1 == label && gold.contains(p))
                .count();
            for counts in [&mut scores.by_label[i], &mut scores.overall] {
                counts.gold += gold_n;
                counts.predicted += predicted_n;
                counts.correct += correct;
            }
        }
    }
    scores
}

/// Prints the ablation (F1 after each stage) and the full pipeline's per-label scores.
pub fn report(docs: &[Document], model: &Model) {
    let files = Files::new(docs);
    let recogniser = Recogniser::new();
    println!(
        "\nThe whole entity layer on the same text, written a sentence a line ({} files, {} documents \
         after ingest), types mapped to CoNLL's four:\n",
        files.gold.len(),
        files.corpus.documents.len()
    );
    println!("| stages run | precision | recall | F1 | change |\n|---|---|---|---|---|");
    let mut before: Option<f64> = None;
    let mut last = None;
    for stage in Stage::ALL {
        let scores = score(&files, &recogniser, model, stage);
        let f1 = 100.0 * scores.overall.f1();
        let change = before.map_or(String::new(), |b| format!("{:+.2}", f1 - b));
        println!(
            "| {} | {:.2} | {:.2} | {f1:.2} | {change} |",
            stage.name(),
            100.0 * scores.overall.precision(),
            100.0 * scores.overall.recall()
        );
        before = Some(f1);
        last = Some(scores);
    }
    if let Some(scores) = last {
        println!("\nThe whole layer, per label:\n");
        println!("| type | precision | recall | F1 | gold | found |\n|---|---|---|---|---|---|");
        for (label, counts) in Label::ALL.into_iter().zip(&scores.by_label) {
            row(label.conll(), counts);
        }
        row("overall (micro)", &scores.overall);
    }
}

/// One line of a conlleval-style table: precision, recall and F1 in percent, gold and found.
pub fn row(name: &str, c: &Counts) {
    println!(
        "| {name} | {:.2} | {:.2} | {:.2} | {} | {} |",
        100.0 * c.precision(),
        100.0 * c.recall(),
        100.0 * c.f1(),
        c.gold,
        c.predicted
    );
}
