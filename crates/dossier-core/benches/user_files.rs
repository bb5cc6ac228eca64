//! What adding documents in the browser costs, measured natively (the worker's wasm is
//! slower by the factor `docs/BENCHMARKS.md` gives): `user_files::run_job` as the worker
//! runs it, 1 and 10 seed-size files added to the embedded corpus (the seeds, and BBC's
//! 2,225 articles where `../shared` is present): tag the added documents, link and
//! analyse the whole, build the index, encode the store the page decodes.

use criterion::{criterion_group, criterion_main, Criterion};
use dossier_core::user_files::run_job;
use dossier_ingest::ingest;
use dossier_ingest::source::{read_corpus_dir, SourceFile};
use dossier_ingest::user_files::Job;
use dossier_model::Corpus;
use dossier_nlp::entity;
use dossier_nlp::entity::Recogniser;
use dossier_nlp::ner;
use std::path::Path;

fn corpus(files: Vec<SourceFile>, model: &ner::Model) -> Corpus {
    let mut corpus = ingest(files);
    corpus.entities = entity::recognise(&corpus, model);
    corpus.insights = dossier_explore::analyse(&corpus);
    corpus
}

fn benches(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let (seeds, _) = read_corpus_dir(&root.join("seeds")).expect("seeds folder");
    let model = ner::Model::from_bytes(ner::MODEL).expect("model");
    let recogniser = Recogniser::new();
    let mut bases = vec![("seeds", corpus(seeds.clone(), &model))];
    match read_corpus_dir(&root.join("../shared/corpora/bbc")) {
        Ok((bbc, _)) => bases.push(("bbc", corpus(bbc, &model))),
        Err(e) => eprintln!("skipping the BBC base: ../shared/corpora/bbc unreadable ({e})"),
    }
    let mut group = c.benchmark_group("add user files");
    group.sample_size(10);
    for (name, base) in &bases {
        for n in [1usize, 10] {
            // Seed texts under new names: seed-size articles, as a reader's own clippings.
            let job = Job::Merge {
                files: (0..n)
                    .map(|i| (format!("mine-{i}.txt"), seeds[i % seeds.len()].bytes.clone()))
                    .collect(),
            }
            .to_bytes();
            group.bench_function(format!("{n} into {name}"), |b| {
                b.iter(|| run_job(base, &job, &recogniser, &model, |_, _| {}))
            });
        }
    }
    group.finish();
}

criterion_group!(user_files, benches);
criterion_main!(user_files);
