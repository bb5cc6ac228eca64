//! Build-time cost of the exploration analyses (`dossier_explore::analyse`) on BBC, the cost of an
//! entity page's related-entities lookup, and what the insights add to the embedded corpus
//! (printed: stored bytes by part). Skipped with a message where `../shared` is absent.

use criterion::{criterion_group, criterion_main, Criterion};
use dossier_explore::{self, Unit};
use dossier_ingest::source;
use dossier_nlp::entity;
use dossier_nlp::ner;
use std::hint::black_box;
use std::path::Path;

fn benches(c: &mut Criterion) {
    let bbc = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/bbc");
    if !bbc.is_dir() {
        eprintln!("SKIPPED: {} is absent; nothing to benchmark", bbc.display());
        return;
    }
    let (files, _) = source::read_corpus_dir(&bbc).expect("bbc folder");
    let mut corpus = dossier_ingest::ingest(files);
    let model = ner::Model::from_bytes(ner::MODEL).expect("embedded model");
    corpus.entities = entity::recognise(&corpus, &model);

    let mut group = c.benchmark_group("explore bbc");
    group.sample_size(10);
    group.bench_function("analyse", |b| {
        b.iter(|| dossier_explore::analyse(black_box(&corpus)))
    });
    group.finish();

    let index = dossier_search::index::build(&corpus);
    let without = dossier_store::encode(&corpus, &index).len();
    corpus.insights = dossier_explore::analyse(&corpus);
    let with = dossier_store::encode(&corpus, &index).len();
    let insights = &corpus.insights;
    let part = |bytes: Result<Vec<u8>, postcard::Error>| bytes.map_or(0, |b| b.len());
    eprintln!(
        "encoded BBC corpus: {without} bytes without insights, {with} with (+{}): sentences {}, quotes {} ({}), dated {} ({}), cooccurrence {} ({} entities)",
        with - without,
        part(postcard::to_allocvec(&insights.sentences)),
        part(postcard::to_allocvec(&insights.quotes)),
        insights.quotes.len(),
        part(postcard::to_allocvec(&insights.dated)),
        insights.dated.len(),
        part(postcard::to_allocvec(&insights.cooccurrence)),
        corpus.entities.entities.len(),
    );

    let co = &insights.cooccurrence;
    let busiest = corpus
        .entities
        .entities
        .iter()
        .filter(|e| e.kind.is_name())
        .max_by_key(|e| co.units_of(e.id, Unit::Paragraph))
        .expect("a name");
    let top: Vec<_> = co
        .related(busiest.id, Unit::Paragraph, 1)
        .iter()
        .take(50)
        .map(|r| r.entity)
        .collect();
    let mut group = c.benchmark_group("explore bbc");
    group.bench_function(format!("related, busiest entity ({})", busiest.name), |b| {
        b.iter(|| co.related(black_box(busiest.id), Unit::Paragraph, 2).len())
    });
    group.bench_function("edges among the busiest entity's top 50", |b| {
        b.iter(|| co.edges(black_box(&top), Unit::Paragraph).len())
    });
    group.finish();
}

criterion_group!(explore_benches, benches);
criterion_main!(explore_benches);
