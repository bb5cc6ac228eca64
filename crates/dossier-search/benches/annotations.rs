//! What the reader's marks cost search (issue 22): building [`Annotations`] for 2,000
//! tagged documents and 300 stars (the app rebuilds it on every change), and the index of
//! 10,000 notes (rebuilt when a note changes),
//! and the benchmark queries searched on a warm engine without annotations, with them,
//! and through `tag:`/`note:` filters. BBC from `../shared/corpora/bbc` when present,
//! else the seeds (with a message saying so).
//!
//! `cargo bench -p dossier-search --bench annotations`

use criterion::{criterion_group, criterion_main, Criterion};
use dossier_model::document::DocId;
use dossier_model::entity::Counting;
use dossier_model::Corpus;
use dossier_search::{index::build, Annotations, AnnotationsBuilder, Engine, NoteIndex};
use std::hint::black_box;
use std::path::Path;
use std::rc::Rc;

const TAGGED: usize = 2_000;
const TAGS: usize = 20;
const STARS: usize = 300;
const NOTES: usize = 10_000;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// BBC, or the seeds when `../shared` is absent.
fn corpus() -> (&'static str, Corpus) {
    match dossier_ingest::load_corpus(&root().join("../shared/corpora/bbc")) {
        Ok(corpus) => ("bbc", corpus),
        Err(e) => {
            eprintln!("skipping BBC: ../shared/corpora/bbc unreadable ({e}); measuring the seeds");
            let seeds = dossier_ingest::load_corpus(&root().join("seeds")).expect("seeds folder");
            ("seeds", seeds)
        }
    }
}

/// A fixed pseudo-random sequence (xorshift), so every run marks the same documents.
struct Picks(u64);

impl Picks {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// Notes as a reader writes them: 8 to 40 words lifted from the document they are on
/// (the corpus's vocabulary), so `note:` and plain words find some.
fn note_texts(corpus: &Corpus) -> Vec<(DocId, String)> {
    let mut picks = Picks(0x9E37_79B9_7F4A_7C15);
    let docs = corpus.documents.len();
    (0..NOTES)
        .map(|_| {
            let doc = &corpus.documents[picks.below(docs)];
            let words: Vec<&str> = doc.text.split_whitespace().collect();
            let len = 8 + picks.below(33);
            let from = picks.below(words.len().saturating_sub(len).max(1));
            let text = words[from..(from + len).min(words.len())].join(" ");
            (doc.id, text)
        })
        .collect()
}

/// The notes' index.
fn note_index(notes: &[(DocId, String)]) -> NoteIndex {
    NoteIndex::new(notes.iter().map(|(doc, text)| (*doc, text.as_str())))
}

/// 2,000 documents under 20 tags (one to three each), 300 stars, and `notes`.
fn annotations(corpus: &Corpus, notes: &Rc<NoteIndex>) -> Annotations {
    let mut picks = Picks(0x2545_F491_4F6C_DD1D);
    let docs = corpus.documents.len();
    let mut b = AnnotationsBuilder::default();
    for i in 0..TAGGED.min(docs) {
        let doc = DocId(((i * 7919) % docs) as u32);
        for _ in 0..1 + picks.below(3) {
            b.tag(&format!("Tag {}", picks.below(TAGS)), doc);
        }
    }
    for _ in 0..STARS {
        b.star(DocId(picks.below(docs) as u32));
    }
    b.notes(Rc::clone(notes));
    b.build()
}

fn queries() -> Vec<String> {
    std::fs::read_to_string(root().join("bench/queries-bbc.tsv"))
        .expect("query list")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').next().unwrap_or_default().to_owned())
        .collect()
}

fn bench(c: &mut Criterion) {
    let (name, corpus) = corpus();
    let notes = note_texts(&corpus);
    let mut group = c.benchmark_group(name);
    group.sample_size(20);
    group.bench_function("note index: 10,000 notes", |b| {
        b.iter(|| note_index(black_box(&notes)))
    });
    let notes = Rc::new(note_index(&notes));
    group.bench_function("annotations: 2,000 tagged, 300 starred, notes kept", |b| {
        b.iter(|| annotations(black_box(&corpus), black_box(&notes)))
    });

    let marks = annotations(&corpus, &notes);
    let index = build(&corpus);
    let engine = Engine::new(corpus, index);
    let queries = queries();
    let run = |marks: &Annotations| {
        for q in &queries {
            black_box(engine.search_annotated(q, true, Counting::Text, marks));
        }
    };
    // Warm the plan cache, as at the next keystroke.
    run(&marks);
    group.bench_function(
        format!("{} queries, search (no annotations)", queries.len()),
        |b| {
            b.iter(|| {
                for q in &queries {
                    black_box(engine.search(q, true));
                }
            })
        },
    );
    group.bench_function(format!("{} queries, with annotations", queries.len()), |b| {
        b.iter(|| run(&marks))
    });
    for q in [
        "tag:\"tag 3\"",
        "is:starred economy",
        "note:minister",
        "tag:\"tag 3\" -tag:\"tag 4\" growth",
    ] {
        group.bench_function(format!("{q}, with annotations"), |b| {
            b.iter(|| black_box(engine.search_annotated(q, true, Counting::Text, &marks)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
