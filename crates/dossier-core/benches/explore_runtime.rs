//! What the exploration views cost when the user picks something: keyword-in-context
//! lines of the most-mentioned entity, the matrix of every document by the top 50 names,
//! a comparison of five documents, and the layout of a 150-node, 1,500-edge graph.
//! BBC from `../shared/corpora/bbc` when present (ingest and recognition run once in
//! the setup), else the seeds.

use criterion::{criterion_group, criterion_main, Criterion};
use dossier_explore::compare::compare;
use dossier_explore::facets::{FacetIndex, Selection};
use dossier_explore::kwic::{kwic, KwicOptions};
use dossier_explore::layout::{layout, LayoutConfig};
use dossier_explore::matrix::{matrix, MatrixFilter};
use dossier_ingest::ingest;
use dossier_ingest::source::read_corpus_dir;
use dossier_model::document::{Corpus, DocId};
use dossier_model::entity::{Counting, EntityType};
use dossier_model::Span;
use dossier_nlp::entity;
use dossier_nlp::ner;
use std::path::Path;

/// A random graph of `n` nodes and `m` edges from a fixed seed.
fn graph(n: u32, m: usize) -> (Vec<f32>, Vec<(u32, u32, f32)>) {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let nodes = (0..n).map(|_| 1.0 + (next() % 100) as f32).collect();
    let edges = (0..m)
        .map(|_| {
            (
                (next() % n as u64) as u32,
                (next() % n as u64) as u32,
                1.0 + (next() % 20) as f32,
            )
        })
        .collect();
    (nodes, edges)
}

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
    let mut corpus: Corpus = ingest(files);
    let model = ner::Model::from_bytes(ner::MODEL).expect("embedded model");
    corpus.entities = entity::recognise(&corpus, &model);
    let sentences: Vec<Vec<Span>> = corpus
        .documents
        .iter()
        .map(dossier_explore::sentences::sentences)
        .collect();

    let mut group = c.benchmark_group(format!("explore {name}"));
    // The most-mentioned entity of any type (a number on BBC) and the most-mentioned name.
    let most = |names_only: bool| {
        corpus
            .entities
            .entities
            .iter()
            .filter(move |e| !names_only || e.kind.is_name())
            .max_by_key(|e| e.counts.text)
    };
    for top in [most(false), most(true)].into_iter().flatten() {
        let lines = kwic(&corpus, top.id, &KwicOptions::new(60)).len();
        group.bench_function(format!("kwic {} ({lines} lines)", top.name), |b| {
            b.iter(|| kwic(&corpus, top.id, &KwicOptions::new(60)))
        });
        // Five documents about the top entity, for the comparison.
        let five: Vec<DocId> = top.text_documents.iter().copied().take(5).collect();
        group.bench_function(format!("compare 5 docs mentioning {}", top.name), |b| {
            b.iter(|| compare(&corpus, &sentences, &five, Counting::Text))
        });
    }
    let all: Vec<DocId> = corpus.documents.iter().map(|d| d.id).collect();
    group.bench_function(format!("matrix {} docs x top 50 names", all.len()), |b| {
        b.iter(|| matrix(&corpus, &all, &MatrixFilter::names(50)))
    });
    // Facets: built once on first use, then applied on every keystroke and pick.
    group.bench_function(format!("facet index of {} docs", all.len()), |b| {
        b.iter(|| FacetIndex::new(&corpus, Counting::Text))
    });
    let facets = FacetIndex::new(&corpus, Counting::Text);
    group.bench_function(format!("facets over {} docs, nothing picked", all.len()), |b| {
        b.iter(|| facets.apply(&corpus, &all, &Selection::default(), 30))
    });
    let picked = Selection {
        types: vec![EntityType::Person],
        ..Selection::default()
    };
    group.bench_function(format!("facets over {} docs, a type picked", all.len()), |b| {
        b.iter(|| facets.apply(&corpus, &all, &picked, 30))
    });
    let (nodes, edges) = graph(150, 1500);
    group.bench_function("layout 150 nodes 1500 edges", |b| {
        b.iter(|| layout(&nodes, &edges, &LayoutConfig::new(1200.0, 800.0)))
    });
    group.finish();
}

criterion_group!(explore_benches, benches);
criterion_main!(explore_benches);
