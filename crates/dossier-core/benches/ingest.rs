//! Build-time and start-up costs: ingesting a corpus, building its search index, and
//! decoding the embedded corpus and index (what the browser does at start-up, measured
//! natively here). Uses the seeds, and the BBC
//! corpus when `../shared` is beside the checkout.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dossier_ingest::ingest;
use dossier_ingest::source::read_corpus_dir;
use dossier_search::index::build;
use dossier_store::{decode, decode_body, decode_head, decode_positions, encode};
use std::path::Path;

fn corpora() -> Vec<(&'static str, std::path::PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut list = vec![("seeds", root.join("seeds"))];
    let bbc = root.join("../shared/corpora/bbc");
    if bbc.is_dir() {
        list.push(("bbc", bbc));
    } else {
        eprintln!(
            "SKIPPED: {} is absent; benchmarking the seeds only",
            bbc.display()
        );
    }
    list
}

fn benches(c: &mut Criterion) {
    for (name, dir) in corpora() {
        let (files, _) = read_corpus_dir(&dir).expect("corpus folder");
        let bytes: u64 = files.iter().map(|f| f.bytes.len() as u64).sum();
        let mut group = c.benchmark_group(format!("{name} ({} files)", files.len()));
        group.sample_size(10);
        group.throughput(Throughput::Bytes(bytes));
        group.bench_function("ingest", |b| b.iter(|| ingest(files.clone())));
        let corpus = ingest(files.clone());
        group.bench_function("index build", |b| b.iter(|| build(&corpus)));
        let index = build(&corpus);
        let encoded = encode(&corpus, &index);
        let sizes = index.sizes();
        eprintln!(
            "{name}: {bytes} bytes of files -> {} bytes embedded; index {} bytes \
             (dictionaries {}, postings {}, positions {}, tables {})",
            encoded.len(),
            sizes.total(),
            sizes.dictionary,
            sizes.postings,
            sizes.positions,
            sizes.tables
        );
        group.bench_function("encode", |b| b.iter(|| encode(&corpus, &index)));
        group.bench_function("decode (start-up)", |b| b.iter(|| decode(&encoded).unwrap()));
        // The page decodes the head as it arrives, then the positions, then the body
        // joined to those.
        group.bench_function("decode head", |b| b.iter(|| decode_head(&encoded).unwrap()));
        let head = decode_head(&encoded).unwrap();
        group.bench_function("decode positions after head", |b| {
            b.iter(|| decode_positions(&head, &encoded).unwrap())
        });
        let positioned = decode_positions(&head, &encoded).unwrap();
        group.bench_function("decode body after positions", |b| {
            b.iter(|| decode_body(&positioned, &encoded).unwrap())
        });
        group.finish();
    }
}

criterion_group!(ingest_benches, benches);
criterion_main!(ingest_benches);
