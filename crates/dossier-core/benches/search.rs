//! Native search costs: building the index (build time) and answering the benchmark
//! queries in `bench/queries-bbc.tsv` (what a keystroke costs before wasm's overhead).
//! BBC from `../shared/corpora/bbc` when present, else the seeds.

use criterion::{criterion_group, criterion_main, Criterion};
use dossier_ingest::ingest;
use dossier_ingest::source::read_corpus_dir;
use dossier_search::{index::build, Engine};
use std::path::Path;

fn benches(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bbc = root.join("../shared/corpora/bbc");
    let (name, dir) = if bbc.is_dir() {
        ("bbc", bbc)
    } else {
        eprintln!("SKIPPED: {} is absent; benchmarking the seeds", bbc.display());
        ("seeds", root.join("seeds"))
    };
    let (files, _) = read_corpus_dir(&dir).expect("corpus folder");
    let corpus = ingest(files);
    let mut group = c.benchmark_group(format!("search {name}"));
    group.sample_size(10);
    group.bench_function("index build", |b| b.iter(|| build(&corpus)));
    group.finish();

    let index = build(&corpus);
    let engine = Engine::new(corpus, index);
    let queries: Vec<String> = std::fs::read_to_string(root.join("bench/queries-bbc.tsv"))
        .expect("query list")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').next().unwrap_or_default().to_owned())
        .collect();
    let mut group = c.benchmark_group(format!("search {name}"));
    group.bench_function(format!("all {} queries, typing", queries.len()), |b| {
        b.iter(|| {
            queries
                .iter()
                .map(|q| engine.search(q, true).hits.len())
                .sum::<usize>()
        })
    });
    for q in [
        "election",
        "prime minister",
        "\"world cup\"",
        "Gallowya hostage",
        "elect",
    ] {
        group.bench_function(format!("query {q}"), |b| {
            b.iter(|| engine.search(q, true).hits.len())
        });
    }
    group.finish();
}

criterion_group!(search_benches, benches);
criterion_main!(search_benches);
