//! Per-query latency over `bench/queries-bbc.tsv`, natively: each query typed (last word
//! a prefix) on a warm engine, as at the next keystroke, and on a cold one, as the first
//! time its words are searched, and typed one character at a time on a fresh engine, as
//! in the app. Prints the slowest queries and keystrokes and the medians and p95s. BBC
//! from `../shared/corpora/bbc` when present, else the seeds.
//!
//! `cargo bench -p dossier-core --bench query_latency`

use dossier_ingest::ingest;
use dossier_ingest::source::read_corpus_dir;
use dossier_search::{index::build, Engine};
use std::path::Path;
use std::time::Instant;

/// Timings per query: the best of ROUNDS, each the mean of REPEATS back-to-back runs.
const ROUNDS: usize = 7;
const REPEATS: u32 = 100;
/// Cold timings per query (each on a fresh engine), of which the median counts.
const COLD_RUNS: usize = 5;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bbc = root.join("../shared/corpora/bbc");
    let dir = if bbc.is_dir() {
        bbc
    } else {
        eprintln!("SKIPPED: {} is absent; timing the seeds", bbc.display());
        root.join("seeds")
    };
    let (files, _) = read_corpus_dir(&dir).expect("corpus folder");
    let corpus = ingest(files);
    let index = build(&corpus);
    let engine = Engine::new(corpus.clone(), index);
    let queries: Vec<String> = std::fs::read_to_string(root.join("bench/queries-bbc.tsv"))
        .expect("query list")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').next().unwrap_or_default().to_owned())
        .collect();

    // Cold: fresh engines (the first search pays for planning); the median of COLD_RUNS.
    let mut cold = Vec::new();
    for q in &queries {
        let mut runs: Vec<f64> = (0..COLD_RUNS)
            .map(|_| {
                let index = engine.index().clone();
                let fresh = Engine::new(corpus.clone(), index);
                let t = Instant::now();
                std::hint::black_box(fresh.search(q, true));
                t.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        runs.sort_by(f64::total_cmp);
        cold.push((runs[COLD_RUNS / 2], q.as_str()));
    }
    cold.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("slowest cold queries:");
    for (us, q) in cold.iter().take(5) {
        println!("{us:8.1} µs  {q}");
    }
    let cold: Vec<f64> = cold.iter().rev().map(|c| c.0).collect();

    // Typing: every query one character at a time on a fresh engine, as in the app; each
    // keystroke searches the text typed so far.
    let mut keys: Vec<(f64, String)> = Vec::new();
    for q in &queries {
        let index = engine.index().clone();
        let fresh = Engine::new(corpus.clone(), index);
        let chars: Vec<(usize, char)> = q.char_indices().collect();
        for &(at, c) in &chars {
            let typed = &q[..at + c.len_utf8()];
            let t = Instant::now();
            std::hint::black_box(fresh.search(typed, true));
            keys.push((t.elapsed().as_secs_f64() * 1e6, typed.to_owned()));
        }
    }
    keys.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("slowest keystrokes (typing each query on a fresh engine):");
    for (us, typed) in keys.iter().take(6) {
        println!("{us:8.1} µs  {typed}");
    }
    let typing: Vec<f64> = keys.iter().rev().map(|k| k.0).collect();

    let mut warm = Vec::new();
    for q in &queries {
        let hits = engine.search(q, true).hits.len();
        let best = (0..ROUNDS)
            .map(|_| {
                let t = Instant::now();
                for _ in 0..REPEATS {
                    std::hint::black_box(engine.search(q, true));
                }
                t.elapsed().as_secs_f64() * 1e6 / f64::from(REPEATS)
            })
            .fold(f64::MAX, f64::min);
        warm.push((best, q.as_str(), hits));
    }
    warm.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("slowest warm queries:");
    for (us, q, hits) in warm.iter().take(8) {
        println!("{us:8.1} µs  {hits:5} hits  {q}");
    }
    let mut w: Vec<f64> = warm.iter().map(|w| w.0).collect();
    w.sort_by(f64::total_cmp);
    println!(
        "{} keystrokes: median {:.1} µs, p95 {:.1} µs",
        typing.len(),
        percentile(&typing, 0.5),
        percentile(&typing, 0.95)
    );
    println!(
        "{} queries: warm median {:.1} µs, p95 {:.1} µs; cold median {:.1} µs, p95 {:.1} µs",
        queries.len(),
        percentile(&w, 0.5),
        percentile(&w, 0.95),
        percentile(&cold, 0.5),
        percentile(&cold, 0.95)
    );
}
