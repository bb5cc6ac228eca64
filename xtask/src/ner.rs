//! `cargo xtask train-ner` and `cargo xtask eval-ner`: the named-entity tagger's training
//! and its scores on CoNLL-2003's validation split; `cargo xtask entities-bench`: the
//! whole entity layer (tagging, rules, linking) timed on a corpus as the build runs it.
//!
//! The CoNLL text lives outside the repository (`../shared/conll2003/`) and must never be
//! copied in: only the trained weights (`crates/dossier-nlp/models/ner.bin`) are
//! committed. Word clusters are learned from the unlabelled news in `../shared/corpora/`
//! (Reuters-21578, 1987, and BBC, 2004-2005: neither overlaps CoNLL's 1996 text). Training and scoring themselves are in `dossier_nlp::ner`; this file
//! only reads the files, times, and prints.

use crate::ner_pipeline::row;
use crate::{root, Result, TaskError};
use dossier_nlp::ner::clusters::{ClusterOptions, Clusters};
use dossier_nlp::ner::conll::{self, Document};
use dossier_nlp::ner::eval::evaluate;
use dossier_nlp::ner::train::{self, Options};
use dossier_nlp::ner::{Label, Model};
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

fn model_path() -> PathBuf {
    root().join("crates/dossier-nlp/models/ner.bin")
}

/// Reads one CoNLL split from `../shared/conll2003/`, saying what is missing if it is.
fn read_split(name: &str) -> Result<Vec<Document>> {
    let path = root().join("../shared/conll2003").join(name);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        TaskError(format!(
            "cannot read {} ({e}): the CoNLL-2003 data is not in the repository; \
             put train.txt and valid.txt in ../shared/conll2003/ beside it",
            path.display()
        ))
    })?;
    conll::parse(&text).map_err(|e| TaskError(format!("{}: {e}", path.display())))
}

/// The unlabelled articles the word clusters are learned from.
const UNLABELLED: [&str; 2] = ["../shared/corpora/reuters21578", "../shared/corpora/bbc"];

fn read_unlabelled() -> Result<Vec<String>> {
    let mut texts = Vec::new();
    for dir in UNLABELLED {
        let dir = root().join(dir);
        let entries = std::fs::read_dir(&dir).map_err(|e| {
            TaskError(format!(
                "cannot read {} ({e}): the unlabelled news for word clusters is not in the repository; \
                 put the shared corpora in ../shared/corpora/ beside it",
                dir.display()
            ))
        })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        for path in paths {
            // One BBC file is Latin-1: a replaced character or two costs the clusters nothing.
            texts.push(String::from_utf8_lossy(&std::fs::read(&path)?).into_owned());
        }
    }
    Ok(texts)
}

/// Trains the tagger on the train split, picking epochs and quantisation on the validation
/// split; `with_dev` then trains again on both splits, replaying those choices, and writes
/// that model (whose validation scores are no longer held out).
pub fn train(with_dev: bool) -> Result {
    let train_docs = read_split("train.txt")?;
    let valid = read_split("valid.txt")?;
    let unlabelled = read_unlabelled()?;
    let started = Instant::now();
    let mut progress = |line: String| println!("[{:6.1}s] {line}", started.elapsed().as_secs_f64());
    let clusters = Clusters::learn(unlabelled.iter().map(String::as_str), &ClusterOptions::default());
    progress(format!(
        "{} words clustered from {} unlabelled articles",
        clusters.len(),
        unlabelled.len()
    ));
    let options = Options::default();
    let (mut bytes, mut report) = train::train(&train_docs, &valid, &clusters, &options, &mut progress);
    if with_dev {
        println!(
            "tuned on train: quantised validation F1 {:.4}, {} bytes; now train + validation",
            report.scores.overall.f1(),
            bytes.len()
        );
        let both: Vec<_> = train_docs.iter().chain(&valid).cloned().collect();
        let replay = Options {
            schedule: Some(report.schedule()),
            ..options
        };
        (bytes, report) = train::train(&both, &valid, &clusters, &replay, &mut progress);
        println!("trained on the validation split too: its F1 below is not held out");
    }
    let seconds = started.elapsed().as_secs_f64();
    std::fs::write(model_path(), &bytes)?;
    println!(
        "trained in {seconds:.0} s: first pass {} epochs, final runs {:?} epochs, float F1 {:.4}, \
         quantised F1 {:.4} (clip at quantile {}, pruned below {}), {} of {} features kept",
        report.first_pass_epochs,
        report.epochs,
        report.float_f1,
        report.scores.overall.f1(),
        report.clip_quantile,
        report.min_weight,
        report.features_kept,
        report.features_seen,
    );
    println!(
        "wrote {} ({} bytes, {} brotli)",
        model_path().display(),
        bytes.len(),
        brotli_len(&bytes)?
    );
    Ok(())
}

pub fn eval() -> Result {
    let bytes = std::fs::read(model_path())?;
    let model =
        Model::from_bytes(&bytes).map_err(|e| TaskError(format!("{}: {e}", model_path().display())))?;
    let valid = read_split("valid.txt")?;
    let scores = evaluate(&model, &valid);
    println!("CoNLL-2003 valid.txt, exact spans (conlleval):\n");
    println!("| type | precision | recall | F1 | gold | found |\n|---|---|---|---|---|---|");
    for label in Label::ALL {
        row(label.conll(), &scores.by_label[label as usize]);
    }
    row("overall (micro)", &scores.overall);
    crate::ner_pipeline::report(&valid, &model);

    // Throughput on raw text: each document's tokens joined by spaces, a sentence a line,
    // so tokenisation is timed too. Repeated for at least two seconds for a steady figure.
    let texts: Vec<String> = valid
        .iter()
        .map(|d| {
            d.sentences
                .iter()
                .map(|s| s.tokens.join(" "))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    let tokens: usize = valid.iter().map(Document::token_count).sum();
    let (mut rounds, mut mentions) = (0usize, 0usize);
    let started = Instant::now();
    while started.elapsed().as_secs_f64() < 2.0 {
        mentions += texts.iter().map(|t| model.tag(t).len()).sum::<usize>();
        rounds += 1;
    }
    let per_second = (tokens * rounds) as f64 / started.elapsed().as_secs_f64();
    println!(
        "\nthroughput: {per_second:.0} tokens/s natively, one thread ({} mentions per round)",
        mentions / rounds.max(1)
    );
    println!(
        "model: {} bytes raw, {} brotli (quality 11), {} features",
        bytes.len(),
        brotli_len(&bytes)?,
        model.feature_count()
    );
    Ok(())
}

fn brotli_len(bytes: &[u8]) -> Result<usize> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes)?;
    }
    Ok(out.len())
}

/// Times `entity::recognise` over a corpus (BBC by default) as the build runs it: one
/// thread, model loaded once, and prints what it found.
pub fn entities_bench(corpus: Option<PathBuf>) -> Result {
    use dossier_ingest::source;
    use dossier_model::entity::Counting;
    use dossier_nlp::entity::{self, EntityType};
    use dossier_nlp::ner;

    let dir = corpus.unwrap_or_else(|| root().join("../shared/corpora/bbc"));
    let (files, _) =
        source::read_corpus_dir(&dir).map_err(|e| TaskError(format!("{}: {e}", dir.display())))?;
    let corpus = dossier_ingest::ingest(files);
    let started = Instant::now();
    let model = Model::from_bytes(ner::MODEL).map_err(|e| TaskError(format!("embedded model: {e}")))?;
    let load = started.elapsed();
    let started = Instant::now();
    let entities = entity::recognise(&corpus, &model);
    let took = started.elapsed();
    let tokens: usize = corpus
        .documents
        .iter()
        .map(|d| ner::tokenize::tokenize(&d.text).len())
        .sum();
    let mentions: usize = entities.mentions.iter().map(Vec::len).sum();
    println!(
        "{}: {} documents, {tokens} tokens; model load {:.0} ms; recognise {:.2} s on one thread ({:.0} tokens/s)",
        dir.display(),
        corpus.documents.len(),
        load.as_secs_f64() * 1000.0,
        took.as_secs_f64(),
        tokens as f64 / took.as_secs_f64()
    );
    println!("{} entities, {mentions} mentions\n", entities.entities.len());
    println!("| type | entities | mentions |\n|---|---|---|");
    for kind in EntityType::ALL {
        let of_kind: Vec<_> = entities.entities.iter().filter(|e| e.kind == kind).collect();
        let count: u32 = of_kind.iter().map(|e| e.mentions(Counting::Everything)).sum();
        println!("| {} | {} | {count} |", kind.label(), of_kind.len());
    }
    Ok(())
}
