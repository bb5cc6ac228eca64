//! What adding documents in the browser costs (measured natively; wasm is slower by a
//! factor the page's own timing shows): merging 1 and 10 seed-size files into the embedded
//! seeds corpus (entities and insights re-run over the whole) plus the index build, as
//! `components/user_docs.rs` does on every add, remove and start-up.

use criterion::{criterion_group, criterion_main, Criterion};
use dossier_core::search::index::build;
use dossier_core::source::{read_corpus_dir, SourceFile};
use dossier_core::user_files::merge;
use dossier_core::{entity, explore, ingest::ingest, ner};
use std::path::Path;

fn benches(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let (files, _) = read_corpus_dir(&dir).expect("seeds folder");
    let model = ner::Model::from_bytes(ner::MODEL).expect("model");
    let mut base = ingest(files.clone());
    base.entities = entity::recognise(&base, &model);
    base.insights = explore::analyse(&base);
    let mut group = c.benchmark_group("user files into the seeds");
    group.sample_size(10);
    group.bench_function("load the entity tagger", |b| {
        b.iter(|| ner::Model::from_bytes(ner::MODEL))
    });
    for n in [1usize, 10] {
        // Seed texts under new names: seed-size articles the embedded corpus already has
        // the vocabulary of, as a reader's own clippings would.
        let added: Vec<SourceFile> = (0..n)
            .map(|i| SourceFile::new(format!("mine-{i}.txt"), files[i % files.len()].bytes.clone()))
            .collect();
        group.bench_function(format!("merge {n} + index build"), |b| {
            b.iter(|| {
                let (corpus, _) = merge(&base, &added, &model);
                build(&corpus)
            })
        });
    }
    group.finish();
}

criterion_group!(user_files, benches);
criterion_main!(user_files);
